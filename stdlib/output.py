"""Output and interaction: ALERT, MESSAGE, Request, CONFIRM, LOG EVENT, Application info, TRACE.

mini4d has no windows: dialogs write to standard output and read their answer from standard
input (a terminal, or lines piped in); logs go to standard output, standard error or syslog.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from mini4d.errors import ERR_NOT_SUPPORTED, FourDError
from mini4d.registry import command, constant
from mini4d.values import Coll, Obj, to_text

constant("Into Windows log events", 0, theme="Log Events")
constant("Into 4D debug message", 1, theme="Log Events")
constant("Into 4D request log", 2, theme="Log Events")
constant("Into 4D commands log", 3, theme="Log Events")
constant("Into 4D diagnostic log", 5, theme="Log Events")
constant("Into system standard outputs", 6, theme="Log Events")
constant("Information message", 0, theme="Log Events")
constant("Warning message", 1, theme="Log Events")
constant("Error message", 2, theme="Log Events")


@command("ALERT", 41, "Communications")
def alert(ctx: Any, message: str, ok_button: str = "") -> None:
    """Show a message; mini4d writes it and a newline to standard output (an error in a web process)."""
    if getattr(ctx.process, "web", None) is not None:
        from mini4d.errors import ERR_NOT_SUPPORTED, FourDError

        raise FourDError(ERR_NOT_SUPPORTED, "ALERT needs a user interface: a web process has none")
    ctx.runtime.write(message + "\n")


@command("LOG EVENT", 667, "Tools")
def log_event(ctx: Any, *args: Any) -> None:
    """Write a message to a log; `Into system standard outputs` writes to stdout (stderr for errors)."""
    output_type = 0
    importance = 0
    rest = list(args)
    if rest and type(rest[0]) in (float, int):
        output_type = int(rest.pop(0))
    if not rest:
        from mini4d.errors import ERR_ARG_COUNT, FourDError

        raise FourDError(ERR_ARG_COUNT, "LOG EVENT needs a message")
    message = rest.pop(0)
    if type(message) is not str:
        message = to_text(message)
    if rest and type(rest[0]) in (float, int):
        importance = int(rest[0])
    if output_type == 6:
        ctx.runtime.write(message + "\n", err=importance == 2)
    elif output_type == 1:
        ctx.runtime.write(message + "\n", err=True)
    elif output_type == 0:
        _system_log(message, importance)
    # The 4D request, commands and diagnostic logs (2, 3, 5) are written only when enabled with
    # SET DATABASE PARAMETER, which mini4d does not support: those messages are dropped.


def _system_log(message: str, importance: int) -> None:
    """`Into Windows log events` (the default): the system log, syslog on Linux and macOS."""
    try:
        import syslog
    except ImportError:  # Windows: no syslog module; the event log needs pywin32
        return
    level = {0: syslog.LOG_INFO, 1: syslog.LOG_WARNING, 2: syslog.LOG_ERR}.get(importance, syslog.LOG_INFO)
    syslog.openlog("mini4d", 0, syslog.LOG_USER)
    syslog.syslog(level, message.replace("\x00", ""))


@command("MESSAGE", 88, "Messages")
def message_(ctx: Any, message: str) -> None:
    """Show a progress message; mini4d writes it to standard output, ending with a line break."""
    text = message if message.endswith(("\r", "\n")) else message + "\n"
    ctx.runtime.write(text)


def _answer(ctx: Any, prompt: str, what: str) -> str | None:
    """A line typed on the terminal or piped on standard input (None at its end); an error without one."""
    stream = getattr(ctx.runtime, "stdin", None)
    if stream is None:
        raise FourDError(
            ERR_NOT_SUPPORTED,
            f"{what} needs an answer on standard input, and this run has none (the REPL and notebooks read code there)",
        )
    ctx.runtime.write(prompt)
    try:
        line = stream.readline()
    except (OSError, ValueError):
        line = ""
    if not line:
        if not _isatty(stream):
            raise FourDError(ERR_NOT_SUPPORTED, f"{what} needs an answer: standard input has no more lines")
        ctx.runtime.write("\n")
        return None  # Ctrl-D on a terminal: Cancel
    if not _isatty(stream):
        ctx.runtime.write("\n")  # the answer typed on a terminal ends its line; a piped one does not show
    return line.rstrip("\r\n")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


@command("Request", 163, "Messages")
def request(ctx: Any, message: str, default: str = "", ok_title: str = "", cancel_title: str = "") -> str:
    """Ask for a text: the message is written, a line is read (empty: the default); OK is 0 on Cancel."""
    shown = f"{message} [{default}] " if default else f"{message} "
    answer = _answer(ctx, shown, "Request")
    if answer is None:
        ctx.process.vars["ok"] = 0
        return ""
    ctx.process.vars["ok"] = 1
    return answer if answer else default


@command("CONFIRM", 162, "Messages")
def confirm(ctx: Any, message: str, ok_title: str = "", cancel_title: str = "") -> None:
    """Ask OK or Cancel: y, yes, ok, the OK title or an empty line set OK to 1, anything else to 0."""
    ok_word = ok_title or "OK"
    cancel_word = cancel_title or "Cancel"
    answer = _answer(ctx, f"{message} [{ok_word}/{cancel_word}] ", "CONFIRM")
    if answer is None:
        ctx.process.vars["ok"] = 0
        return
    word = answer.strip().lower()
    yes = word in ("", "y", "yes", "ok", ok_word.lower())
    ctx.process.vars["ok"] = 1 if yes and word != cancel_word.lower() else 0


@command("Application info", 1599, "Environment", aliases=("Get application info",))
def application_info(ctx: Any) -> Obj:
    """Activity of the running application: pid, uptime, headless; network and CPU figures are 0 (not measured)."""
    o = Obj()
    o.update(
        {
            "canUseFluentUI": False,
            "cpuUsage": 0.0,
            "headless": True,
            "launchedAsService": False,
            "networkInputThroughput": 0.0,
            "networkOutputThroughput": 0.0,
            "pid": float(os.getpid()),
            "uptime": float(int(time.time() - ctx.runtime.started)),
            "useFluentUI": False,
            "IPAddressesToListen": Coll(),
        }
    )
    if sys.platform == "win32":
        o["volumeShadowCopyStatus"] = "unavailable"
    return o


@command("TRACE", 157, "Language", thread_safe=False)
def trace(ctx: Any) -> None:
    """Open the debugger before the next line (the REPL on a terminal); elsewhere nothing, as in compiled code."""
    from mini4d.core.api import trace_command

    trace_command(ctx)


@command("BEEP", 151, "User Interface")
def beep() -> None:
    """Make a sound; nothing happens outside 4D."""
