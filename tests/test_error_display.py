"""Errors people can read: repeated call-stack lines collapsed, Ctrl-C says where it stopped."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from mini4d.cli import EXIT_INTERRUPTED, main
from mini4d.errors import Frame4D, format_stack
from mini4d.project import Project
from mini4d.repl import Repl
from mini4d.source import Source, Span

ROOT = Path(__file__).parent.parent
HANG = 60.0


def frames(*specs: tuple[str, int]) -> list[Frame4D]:
    src = Source("M.4dm", "\n" * 20)
    return [Frame4D(name, Span(src, line - 1, line)) for name, line in specs]  # offset line-1 is on line `line`


def run_cli(args: list[str], cwd: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        rc = main(args, out, err)
    finally:
        os.chdir(old)
    return rc, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ collapsing


def test_one_repeated_frame_is_shown_once_then_counted() -> None:
    stack = frames(*[("Rec", 2)] * 2000, ("main", 3))
    assert format_stack(stack) == [
        "  in Rec (M.4dm:2)",
        "  … 1,999 more calls of Rec",
        "  in main (M.4dm:3)",
    ]


def test_a_cycle_of_two_methods_is_collapsed() -> None:
    stack = frames(("A", 4), *[("B", 2), ("A", 6)] * 500, ("main", 1))
    assert format_stack(stack) == [
        "  in A (M.4dm:4)",
        "  in B (M.4dm:2)",
        "  in A (M.4dm:6)",
        "  … 998 more calls of B and A (the 2 lines above, 499 more times)",
        "  in main (M.4dm:1)",
    ]


def test_a_cycle_of_three_lines_in_two_methods() -> None:
    stack = frames(*[("C", 2), ("D", 3), ("D", 5)] * 10)
    assert format_stack(stack) == [
        "  in C (M.4dm:2)",
        "  in D (M.4dm:3)",
        "  in D (M.4dm:5)",
        "  … 27 more calls of C and D (the 3 lines above, 9 more times)",
    ]


def test_short_repeats_stay_as_they_are() -> None:
    stack = frames(("A", 4), ("B", 2), ("A", 6), ("B", 2), ("A", 6), ("main", 1))
    assert format_stack(stack) == [f"  {f.describe()}" for f in stack]
    assert format_stack(frames(("X", 1), ("X", 1), ("X", 1))) == ["  in X (M.4dm:1)"] * 3


def test_a_long_stack_without_repeats_keeps_its_two_ends() -> None:
    stack = frames(*[(f"M{i}", 1) for i in range(100)])
    out = format_stack(stack)
    assert len(out) == 51
    assert out[0] == "  in M0 (M.4dm:1)" and out[-1] == "  in M99 (M.4dm:1)"
    assert out[25] == "  … 50 more lines of the call stack"


def test_infinite_recursion_prints_a_few_lines(tmp_path: Path) -> None:
    (tmp_path / "Rec.4dm").write_text("#DECLARE($n : Integer)\nRec($n+1)\n", encoding="utf-8")
    (tmp_path / "main.4dm").write_text("var $x : Integer\nRec(1)\n", encoding="utf-8")
    rc, _out, err = run_cli(["main.4dm"], tmp_path)
    assert rc == 1
    lines = err.splitlines()
    assert lines[0].endswith("Rec.4dm:2:1: error 90070: Stack overflow: more than 2000 nested calls (in Rec)")
    assert lines[3:] == [
        f"  in Rec ({tmp_path / 'Rec.4dm'}:2)",
        "  … 1,998 more calls of Rec",
        "  in main (main.4dm:2)",
    ]


def test_mutual_recursion_in_the_repl_is_collapsed_too(tmp_path: Path) -> None:
    (tmp_path / "Ping.4dm").write_text("#DECLARE($n : Integer)\nPong($n+1)\n", encoding="utf-8")
    (tmp_path / "Pong.4dm").write_text("#DECLARE($n : Integer)\nPing($n+1)\n", encoding="utf-8")
    repl = Repl(project=Project([tmp_path]))
    try:
        out = repl.push("Ping(1)")
    finally:
        repl.close()
    assert out.splitlines()[3:] == [
        f"  in Ping ({tmp_path / 'Ping.4dm'}:2)",
        f"  in Pong ({tmp_path / 'Pong.4dm'}:2)",
        "  … 1,996 more calls of Ping and Pong (the 2 lines above, 998 more times)",
        f"  in Ping ({tmp_path / 'Ping.4dm'}:2)",
    ]


# ------------------------------------------------------------------ Ctrl-C


SPIN = "#DECLARE($n : Integer)\nvar $i : Integer\nWhile (True)\n\t$i:=$i+1\nEnd while\n"


def _interrupt(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run mini4d, wait for its "ready" line, send Ctrl-C; (exit status, standard error)."""
    boot = (
        "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        f"from mini4d.cli import main; sys.exit(main({args!r}))"
    )
    p = subprocess.Popen(
        [sys.executable, "-c", boot],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert p.stdout is not None and p.stdout.readline() == b"ready\n"
        p.send_signal(signal.SIGINT)
        _out, err = p.communicate(timeout=HANG)
    finally:
        if p.poll() is None:
            p.kill()
    return p.returncode, err.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_in_a_script_says_which_method_and_line(tmp_path: Path) -> None:
    (tmp_path / "Spin.4dm").write_text(SPIN, encoding="utf-8")
    (tmp_path / "main.4dm").write_text('ALERT("ready")\nSpin(1)\n', encoding="utf-8")
    rc, err = _interrupt(["main.4dm"], tmp_path)
    assert rc == EXIT_INTERRUPTED
    assert err.splitlines() == [
        f"Interrupted in Spin at {tmp_path / 'Spin.4dm'}:3",
        "    While (True)",
        f"  in Spin ({tmp_path / 'Spin.4dm'}:3)",
        "  in main (main.4dm:2)",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_in_mini4d_run_says_which_method_and_line(tmp_path: Path) -> None:
    methods = tmp_path / "Project" / "Sources" / "Methods"
    methods.mkdir(parents=True)
    (methods / "Spin.4dm").write_text(SPIN, encoding="utf-8")
    (methods / "Start.4dm").write_text('ALERT("ready")\nSpin(1)\n', encoding="utf-8")
    rc, err = _interrupt(["run", ".", "--startup-method", "Start"], tmp_path)
    assert rc == EXIT_INTERRUPTED
    lines = err.splitlines()
    assert lines[0].startswith("Interrupted in Spin at ") and lines[0].endswith("Spin.4dm:3")
    assert lines[1] == "    While (True)"
    assert lines[-1].startswith("  in Start (") and lines[-1].endswith("Start.4dm:2)")


def test_stop_request_in_the_repl_says_which_method_and_line(tmp_path: Path) -> None:
    import threading
    import time

    (tmp_path / "Spin.4dm").write_text(SPIN, encoding="utf-8")
    repl = Repl(project=Project([tmp_path]))
    try:

        def stop_when_running() -> None:
            deadline = time.monotonic() + HANG
            while repl.runtime.main.depth < 2 and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(0.05)
            repl.interrupt()

        threading.Thread(target=stop_when_running, daemon=True).start()
        out = repl.push("Spin(1)")
        assert out.splitlines() == [
            f"Interrupted in Spin at {tmp_path / 'Spin.4dm'}:3",
            "    While (True)",
            f"  in Spin ({tmp_path / 'Spin.4dm'}:3)",
        ]
        assert repl.push("1+1") == "2\n"
    finally:
        repl.close()


def test_an_unreadable_method_or_class_file_is_a_4d_error(tmp_path: Path) -> None:
    (tmp_path / "Classes").mkdir()
    (tmp_path / "BadM.4dm").write_bytes(b'$x:="\xff"\n')
    (tmp_path / "Classes" / "BadC.4dm").write_bytes(b'Function f()\n$x:="\xff"\n')
    rc, _out, err = run_cli(["-c", "BadM"], tmp_path)
    assert rc == 65
    assert f"error 90001: {tmp_path / 'BadM.4dm'}: cannot read the file: invalid UTF-8 byte 0xFF" in err
    rc, _out, err = run_cli(["-c", "$b:=cs.BadC.new()"], tmp_path)
    assert rc == 65
    assert f"error 90001: {tmp_path / 'Classes' / 'BadC.4dm'}: cannot read the file: invalid UTF-8" in err
    assert "internal error" not in err
