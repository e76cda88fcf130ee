"""Plain functions behind the fixtures of tests/conftest.py, for helpers of test modules that are not tests."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple


class CliRun(NamedTuple):
    """What one run of the `mini4d` command gave."""

    code: int
    out: str
    err: str


def run_cli(
    argv: Sequence[str], stdin: str | None = None, cwd: Path | None = None, timeout: float | None = None
) -> CliRun:
    """Run the `mini4d` command line in this process: exit status, standard output, standard error.

    `stdin` is what Request and CONFIRM read; `cwd` the folder the command runs in; with a
    `timeout` the command runs on its own thread and the test fails if it has not ended by then.
    """
    from mini4d.cli import main

    out, err = io.StringIO(), io.StringIO()
    result: dict[str, int] = {}
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        if timeout is None:
            result["code"] = main(
                list(argv), stdout=out, stderr=err, stdin=io.StringIO(stdin) if stdin is not None else None
            )
        else:
            t = threading.Thread(target=lambda: result.setdefault("code", main(list(argv), stdout=out, stderr=err)))
            t.daemon = True
            t.start()
            t.join(timeout)
            assert not t.is_alive(), f"mini4d {' '.join(argv)} did not end within {timeout} s\n{out.getvalue()}"
    finally:
        os.chdir(old)
    return CliRun(result["code"], out.getvalue(), err.getvalue())


def write_file(path: Path, text: str | bytes) -> Path:
    """Write a file (its folders made as needed); return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def feed_repl(repl: Any, *lines: str) -> str:
    """Type lines into a `Repl` (an argument may hold several lines); what it printed."""
    out = ""
    for chunk in lines:
        for line in chunk.split("\n"):
            out += repl.push(line)
    return out
