"""The real terminal REPL (prompt_toolkit) driven through a pseudo-terminal."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("prompt_toolkit")
if not hasattr(os, "openpty"):
    pytest.skip("no pseudo-terminals on this platform", allow_module_level=True)

import fcntl
import signal
import struct
import termios
from typing import Any

ROOT = Path(__file__).parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\x1b[=>]|\x1b\][^\x07]*\x07|\r(?!\n)")
DEADLINE = 30.0


class Terminal:
    """A child process on a pseudo-terminal; `expect` waits for a pattern in its cleaned output."""

    def __init__(self, argv: list[str], env: dict[str, str], sigint: Any = signal.SIG_DFL):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))

        def controlling_terminal() -> None:
            # A new session whose controlling terminal is the pty, so that Ctrl-C sends SIGINT.
            # SIGINT starts as given, not as inherited: a test run in the background of a
            # script (CI) has it ignored, and the child would inherit that.
            signal.signal(signal.SIGINT, sigint)
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            preexec_fn=controlling_terminal,
            close_fds=True,
        )
        os.close(slave)
        self.raw = ""
        self.seen = 0

    def read_some(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                data = b""
            self.raw += data.decode("utf-8", "replace")

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw)

    def expect(self, pattern: str) -> re.Match[str]:
        rx = re.compile(pattern, re.MULTILINE)
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            m = rx.search(self.text, self.seen)
            if m:
                self.seen = m.end()
                return m
            if self.proc.poll() is not None:
                self.read_some(0.1)
                m = rx.search(self.text, self.seen)
                if m:
                    return m
                break
            self.read_some(0.2)
        raise AssertionError(f"{pattern!r} not seen; output so far:\n{self.text[-2000:]}")

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def close(self) -> int:
        """Wait for the exit, reading meanwhile: a child blocked writing to a full pty never exits."""
        end = time.monotonic() + DEADLINE
        try:
            while self.proc.poll() is None and time.monotonic() < end:
                self.read_some(0.1)
            return self.proc.wait(timeout=max(0.1, end - time.monotonic()))
        finally:
            os.close(self.master)


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "TERM": "xterm",
            "NO_COLOR": "1",
            "MINI4D_HISTORY": str(tmp_path / "history"),
            "PROMPT_TOOLKIT_NO_CPR": "1",
            "COLUMNS": "100",
            "LINES": "24",
        }
    )
    return env


@pytest.fixture
def terminal(tmp_path: Path):
    t = Terminal([sys.executable, "-m", "mini4d"], _env(tmp_path))
    yield t
    if t.proc.poll() is None:
        t.proc.kill()
        t.proc.wait()


def test_multi_line_if_block_in_a_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.expect(r"4D>")
    terminal.send("$a:=5\r")
    terminal.expect(r"\$a:=5\r?\n4D>")
    terminal.send("If ($a>3)\r")
    terminal.expect(r"\.\.\.")  # the block is open: Enter continued the entry
    terminal.send('ALERT("big")\r')
    terminal.send("End if\r")
    terminal.expect(r"^big\s*$")
    terminal.expect(r"4D>")
    terminal.send("$a*2\r")
    terminal.expect(r"^10\s*$")
    terminal.expect(r"4D>")
    terminal.send("\x04")  # Ctrl-D leaves
    assert terminal.close() == 0
    history = (tmp_path / "history").read_text(encoding="utf-8")
    assert "+If ($a>3)" in history


def test_ctrl_c_stops_a_runaway_loop(terminal: Terminal) -> None:
    _stop_a_runaway_loop(terminal)


def test_ctrl_c_stops_a_runaway_loop_when_started_with_sigint_ignored(tmp_path: Path) -> None:
    t = Terminal([sys.executable, "-m", "mini4d"], _env(tmp_path), sigint=signal.SIG_IGN)
    try:
        _stop_a_runaway_loop(t)
    finally:
        if t.proc.poll() is None:
            t.proc.kill()
            t.proc.wait()


def _stop_a_runaway_loop(terminal: Terminal) -> None:
    terminal.expect(r"4D>")
    terminal.send("$n:=0\r")
    terminal.expect(r"\$n:=0\r?\n4D>")
    terminal.send("If (True)\r")  # one entry: an alert, then the loop
    terminal.expect(r"\.\.\.")
    terminal.send('ALERT("looping")\r')
    terminal.send("While (True)\r")
    terminal.send("$n:=$n+1\r")
    terminal.send("End while\r")
    terminal.send("End if\r")
    terminal.expect(r"^looping\s*$")  # the entry runs: the loop starts right after
    terminal.send("\x03")
    terminal.expect(r"Interrupted at <repl>:3\s*$")  # the loop is the entry's third line
    terminal.expect(r"^ *While \(True\)\s*$")
    terminal.expect(r"4D>")
    terminal.send("$n>0\r")
    terminal.expect(r"^True\s*$")
    terminal.expect(r"4D>")
    terminal.send("%quit\r")
    assert terminal.close() == 0


def test_ctrl_c_cancels_input_and_tab_completes(terminal: Terminal) -> None:
    terminal.expect(r"4D>")
    terminal.send("If (True)\r")
    terminal.expect(r"\.\.\.")
    terminal.send("\x03")  # the open block is dropped, nothing runs
    terminal.expect(r"4D>")
    terminal.send('ALERT("after cancel")\r')
    terminal.expect(r"^after cancel\s*$")
    terminal.expect(r"4D>")  # typed before the prompt, keys would meet the terminal in line mode
    terminal.send('$greeting:="hi"\r')
    terminal.expect(r"\$greeting:=\"hi\"\r?\n4D>")
    terminal.send("ALE\t")  # one candidate: Tab inserts it
    terminal.expect(r"ALERT")
    terminal.send("($gree\t")
    terminal.expect(r"\$greeting")
    terminal.send(")\r")
    terminal.expect(r"^hi\s*$")
    terminal.expect(r"4D>")
    terminal.send("\x04")
    assert terminal.close() == 0


def test_ctrl_r_searches_the_history(terminal: Terminal) -> None:
    terminal.expect(r"4D>")
    terminal.send('$h:="from history"\r')
    terminal.expect(r"history\"\r?\n4D>")
    terminal.send('$h:="changed"\r')
    terminal.expect(r"changed\"\r?\n4D>")
    terminal.send("\x12")  # Ctrl-R
    terminal.expect(r"I-search backward")
    terminal.send("from hi")
    terminal.expect(r"from hi")
    terminal.send("\r")  # accept the found entry into the input
    terminal.expect(r"4D> \$h:=\"from history\"")
    terminal.send("\r")  # run it
    terminal.expect(r"4D>")
    terminal.send("$h\r")
    terminal.expect(r"^from history\s*$")
    terminal.expect(r"4D>")
    terminal.send("\x04")
    assert terminal.close() == 0


def test_enter_in_the_completion_menu_takes_the_name(terminal: Terminal) -> None:
    terminal.expect(r"4D>")
    terminal.send("$o:=New sha")
    terminal.expect(r"New sha")
    terminal.send("\t")  # common prefix and the menu
    terminal.expect(r"New shared object")
    terminal.send("\t")  # first candidate selected
    terminal.expect(r"collection")  # the input line is redrawn with it
    terminal.send("\r")  # takes the candidate, does not run
    terminal.send('("a"; 1)\r')
    terminal.expect(r"4D>")
    terminal.send("$o\r")
    terminal.expect(r'^\["a",1\]\s*$')
    terminal.expect(r"4D>")
    terminal.send("\x04")
    assert terminal.close() == 0


def test_trace_opens_the_debugger_prompt(terminal: Terminal) -> None:
    terminal.expect(r"4D>")
    terminal.send("$a:=5\r")
    terminal.expect(r"\$a:=5\r?\n4D>")
    terminal.send("If (True)\r")
    terminal.expect(r"\.\.\.")
    terminal.send("TRACE\r")
    terminal.send("$b:=$a*2\r")
    terminal.send('ALERT("b="+String($b))\r')
    terminal.send("End if\r")
    terminal.expect(r"^TRACE: <repl>:3 in the REPL entry\s*$")
    terminal.expect(r"debug>")
    terminal.send("l\r")
    terminal.expect(r"^\s*\$a : Real = 5\s*$")
    terminal.expect(r"debug>")
    terminal.send("s\r")
    terminal.expect(r"^TRACE: <repl>:4 in the REPL entry\s*$")
    terminal.expect(r"debug>")
    terminal.send("p $b+1\r")
    terminal.expect(r"^11\s*$")
    terminal.expect(r"debug>")
    terminal.send("c\r")
    terminal.expect(r"^b=10\s*$")
    terminal.expect(r"4D>")
    # TRACE stays on for the process: the next entry stops at its first line; Ctrl-C there stops it
    terminal.send("TRACE\r")
    terminal.expect(r"4D>")
    terminal.send('ALERT("never")\r')
    terminal.expect(r"^TRACE: <repl>:1 in the REPL entry\s*$")
    terminal.expect(r"debug>")
    terminal.send("\x03")
    terminal.expect(r"^Interrupted at <repl>:1\s*$")
    terminal.expect(r"4D>")
    terminal.send('ALERT("after")\r')
    terminal.expect(r"^after\s*$")
    terminal.expect(r"4D>")
    terminal.send("%quit\r")
    assert terminal.close() == 0


def test_a_class_block_typed_in_a_terminal(terminal: Terminal) -> None:
    terminal.expect(r"4D>")
    terminal.send("%%class Greeter\r")
    terminal.send("Function hi() : Text\r")
    terminal.send('return "hi from a block"\r')
    terminal.send("%%end\r")
    terminal.expect(r"^Class cs\.Greeter defined\.\s*$")
    terminal.expect(r"4D>")
    terminal.send("cs.Greeter.new().hi()\r")
    terminal.expect(r"^hi from a block\s*$")
    terminal.expect(r"4D>")
    terminal.send("%quit\r")
    assert terminal.close() == 0
