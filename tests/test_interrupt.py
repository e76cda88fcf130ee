"""Ctrl-C reaches long calls into C code: a backtracking regular expression, a long sort."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest
from mini4d.cli import EXIT_INTERRUPTED
from mini4d.errors import ERR_INTERRUPTED, FourDError
from mini4d.interrupt import run_interruptible
from mini4d.stdlib.text import compile_regex, match_regex, regex_find
from mini4d.values import current_process, set_current_process

ROOT = Path(__file__).parent.parent
HANG = 60.0
# Exponential for a backtracking engine: (a|aa)+ can split 50 "a" in about 2**35 ways before failing at "!".
CATASTROPHIC = ("(a|aa)+$", "a" * 50 + "!")


class _Process:
    """Just what a stop check reads."""

    def __init__(self) -> None:
        self.stop_requested: Any = False


def _in_process(proc: _Process, fn: Any) -> Any:
    """Run fn on a thread whose current 4D process is proc; what it returned or raised."""
    box: dict[str, Any] = {}

    def target() -> None:
        set_current_process(proc)
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - looked at by the test
            box["error"] = exc

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(HANG)
    assert not t.is_alive(), "the call did not stop"
    return box


def test_a_stop_request_ends_a_catastrophic_match() -> None:
    proc = _Process()
    rx = compile_regex(CATASTROPHIC[0])
    threading.Timer(0.3, lambda: setattr(proc, "stop_requested", True)).start()
    box = _in_process(proc, lambda: regex_find(rx, CATASTROPHIC[1]))
    err = box.get("error")
    assert isinstance(err, FourDError) and err.code == ERR_INTERRUPTED


def test_a_match_that_is_not_stopped_gives_its_result_after_the_first_slice() -> None:
    calls: list[float | None] = []

    def slow(timeout: float | None) -> str:
        calls.append(timeout)
        if len(calls) < 3:
            raise TimeoutError
        return "done"

    assert _in_process(_Process(), lambda: run_interruptible(slow)) == {"value": "done"}
    assert calls[0] is not None and calls[1] is not None and calls[1] > calls[0]  # slices that grow


def test_an_error_of_the_long_call_reaches_the_caller() -> None:
    def fails(timeout: float | None) -> None:
        if timeout is not None and timeout < 0.1:
            raise TimeoutError
        raise ValueError("from the helper thread")

    box = _in_process(_Process(), lambda: run_interruptible(fails))
    assert isinstance(box.get("error"), ValueError)


def test_sort_array_stops_on_a_stop_request() -> None:
    from mini4d.stdlib.arrays import sort_array

    class _Ref:
        def __init__(self, value: Any) -> None:
            self.value = value

        def get(self) -> Any:
            return self.value

    from mini4d.arrays import Array4D

    arr = Array4D("real", 2000)
    for i in range(1, 2001):
        arr.items[i] = float(-i)
    proc = _Process()
    proc.stop_requested = True
    before = current_process()  # (another test run in this thread may have bound one)
    box = _in_process(proc, lambda: sort_array(_Ref(arr)))
    err = box.get("error")
    assert isinstance(err, FourDError) and err.code == ERR_INTERRUPTED
    assert current_process() is before  # the sort's process stays in its own thread


def test_icu_syntax_needs_no_python_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # `re` warned "possible nested set" for [[:alpha:]]
        assert match_regex("[[:alpha:]]+", "abc") is True
        assert match_regex("[[:alpha:]]+", "ab1") is False


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_a_script_inside_a_catastrophic_match(tmp_path: Path) -> None:
    pattern, text = CATASTROPHIC
    (tmp_path / "main.4dm").write_text(
        f'ALERT("ready")\n$r:=Match regex("{pattern}";"{text}")\nALERT("not reached")\n', encoding="utf-8"
    )
    boot = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "from mini4d.cli import main; sys.exit(main(['main.4dm']))"
    )
    p = subprocess.Popen(
        [sys.executable, "-c", boot],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert p.stdout is not None and p.stdout.readline() == b"ready\n"
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=HANG)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == EXIT_INTERRUPTED
    assert b"not reached" not in out
    assert err.decode().splitlines()[0] == "Interrupted in main at main.4dm:2"
