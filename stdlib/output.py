"""Output and debugging: ALERT, LOG EVENT, TRACE (headless forms of 4D's dialogs and logs)."""

from __future__ import annotations

from typing import Any

from mini4d.registry import command, constant
from mini4d.values import to_text

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
    """Show a message; mini4d writes it and a newline to standard output."""
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
    # Other destinations (Windows event log, 4D logs) do not exist outside 4D: ignored.


@command("TRACE", 157, "Language", thread_safe=False)
def trace(ctx: Any) -> None:
    """Open the debugger before the next line (the REPL on a terminal); elsewhere nothing, as in compiled code."""
    from mini4d.debugger import trace_command

    trace_command(ctx)


@command("BEEP", 151, "User Interface")
def beep() -> None:
    """Make a sound; nothing happens outside 4D."""
