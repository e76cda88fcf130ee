"""`--trace` and the debugger that `TRACE` opens in the REPL (driven here with scripted answers)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from mini4d.cli import main
from mini4d.project import Project
from mini4d.repl import Repl
from mini4d.runtime import Runtime

CALC = "#DECLARE($n : Integer) -> $r : Integer\nvar $k : Integer\n$k:=$n+1\n$r:=$k*2\n"


def run_cli(args: list[str], cwd: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        rc = main(args, out, err)
    finally:
        os.chdir(old)
    return rc, out.getvalue(), err.getvalue()


# ------------------------------------------------------------------ --trace


def test_trace_prints_each_line_with_file_and_method(tmp_path: Path) -> None:
    (tmp_path / "Twice.4dm").write_text("#DECLARE($n : Integer) -> $r : Integer\n$r:=$n*2\n", encoding="utf-8")
    (tmp_path / "main.4dm").write_text(
        "var $s : Integer\nFor ($i; 1; 2)\n\t$s:=$s+Twice($i)\nEnd for\nALERT(String($s))\n", encoding="utf-8"
    )
    rc, out, err = run_cli(["--trace", "main.4dm"], tmp_path)
    assert (rc, out) == (0, "6\n")
    twice = tmp_path / "Twice.4dm"
    assert err.splitlines() == [
        "main.4dm:1 main: var $s : Integer",
        "main.4dm:2 main: For ($i; 1; 2)",
        "main.4dm:3 main: $s:=$s+Twice($i)",
        f"{twice}:2 Twice: $r:=$n*2",
        "main.4dm:3 main: $s:=$s+Twice($i)",
        f"{twice}:2 Twice: $r:=$n*2",
        "main.4dm:5 main: ALERT(String($s))",
    ]


def test_trace_marks_lines_of_other_processes(tmp_path: Path) -> None:
    (tmp_path / "Work.4dm").write_text('#DECLARE($o : Object)\nUse ($o)\n\t$o.done:="yes"\nEnd use\n', "utf-8")
    code = '$o:=New shared object\n$p:=New process("Work"; 0; "w"; $o)\nDELAY PROCESS(Current process; 30)'
    rc, _out, err = run_cli(["--trace", "-c", code], tmp_path)
    assert rc == 0
    work = tmp_path / "Work.4dm"
    assert f"[2] {work}:2 Work: Use ($o)" in err.splitlines()
    assert f'[2] {work}:3 Work: $o.done:="yes"' in err.splitlines()
    assert "<string>:1 <string>: $o:=New shared object" in err.splitlines()


def test_trace_in_mini4d_run_and_in_the_repl(tmp_path: Path) -> None:
    methods = tmp_path / "Project" / "Sources" / "Methods"
    methods.mkdir(parents=True)
    (methods / "Start.4dm").write_text('$x:=1\nALERT("x")\n', encoding="utf-8")
    rc, out, err = run_cli(["--trace", "run", ".", "--startup-method", "Start"], tmp_path)
    assert (rc, out) == (0, "x\n")
    assert [line.split(" ", 1)[1] for line in err.splitlines()] == ["Start: $x:=1", 'Start: ALERT("x")']
    repl = Repl(stderr=None, trace=True)
    try:
        assert repl.push("$a:=1") == "<repl>:1 <repl>: $a:=1\n"
        assert repl.push("$a+1") == "<repl>:1 <repl>: $a+1\n2\n"  # the value shown is traced too
    finally:
        repl.close()


def test_without_trace_statements_run_unwrapped(tmp_path: Path) -> None:
    runtime = Runtime(Project([tmp_path]))
    assert runtime.interp.stmt_hook is None
    from mini4d.parser import parse_source
    from mini4d.source import Source

    src = Source("x", "$a:=1\n")
    code = runtime.interp.compile_unit("x", parse_source(src), src)
    only = code.body.single[0]  # a one-statement body: its statement's closure
    assert only.__name__ not in ("traced", "stop_point")
    traced = Runtime(Project([tmp_path]))
    from mini4d.debugger import install_trace

    install_trace(traced)
    assert traced.interp.compile_unit("x", parse_source(src), src).body.single[0].__name__ == "traced"


# ------------------------------------------------------------------ TRACE


class Answers:
    """What the user types at the `debug>` prompt; records how often it was asked."""

    def __init__(self, *lines: str):
        self.lines: Iterator[str] = iter(lines)
        self.asked = 0

    def __call__(self, prompt: str) -> str:
        assert prompt in ("debug> ", "post-mortem> ")
        self.asked += 1
        try:
            return next(self.lines)
        except StopIteration:
            raise EOFError from None


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "Calc.4dm").write_text(CALC, encoding="utf-8")
    return tmp_path


def debug_repl(folder: Path, answers: Answers) -> Repl:
    return Repl(project=Project([folder]), ask=answers)


def test_trace_stops_before_the_next_line_and_shows_locals_and_stack(folder: Path) -> None:
    answers = Answers("l", "w", "p $a+1", "p $zz", "s", "s", "w", "l", "p $k*10", "o", "n", "c")
    repl = debug_repl(folder, answers)
    try:
        out = repl.push("$a:=5\nTRACE\n$b:=Calc($a)\n$c:=$b+1\n$c")
        calc = folder / "Calc.4dm"
        assert out.splitlines() == [
            "TRACE: <repl>:3 in the REPL entry",
            "    $b:=Calc($a)",
            "  (s)tep (n)ext (o)ut (c)ontinue (l)ocals (w)here (p) expr (a)bort (h)elp",
            "  $a : Real = 5",
            "  in the REPL entry (<repl>:3)",
            "6",
            "$zz is not a local variable of the REPL entry",
            f"TRACE: {calc}:2 in Calc",
            "    var $k : Integer",
            f"TRACE: {calc}:3 in Calc",
            "    $k:=$n+1",
            f"  in Calc ({calc}:3)",
            "  in the REPL entry (<repl>:3)",
            "  $n : Integer = 5",
            "  $r : Integer = 0",
            "  $k : Integer = 0",
            "0",
            "TRACE: <repl>:4 in the REPL entry",
            "    $c:=$b+1",
            "TRACE: <repl>:5 in the REPL entry",
            "    $c",
            "13",
        ]
        assert answers.asked == 12
        assert repl.push("$c*2") == "26\n"  # continue disarmed it: no more stops
    finally:
        repl.close()


def test_next_steps_over_calls_and_abort_stops_the_entry(folder: Path) -> None:
    answers = Answers("n", "n", "a")
    repl = debug_repl(folder, answers)
    try:
        out = repl.push('TRACE\n$b:=Calc(1)\n$b:=Calc($b)\nALERT("not reached")')
        lines = out.splitlines()
        assert [line for line in lines if line.startswith("TRACE:")] == [
            "TRACE: <repl>:2 in the REPL entry",
            "TRACE: <repl>:3 in the REPL entry",
            "TRACE: <repl>:4 in the REPL entry",
        ]
        assert lines[-2:] == ["Interrupted at <repl>:4", '    ALERT("not reached")']
        assert repl.push("$b") == "10\n"  # the lines before the abort ran; the session goes on
    finally:
        repl.close()


def test_end_of_input_at_the_prompt_runs_on(folder: Path) -> None:
    answers = Answers()  # Ctrl-D at once
    repl = debug_repl(folder, answers)
    try:
        out = repl.push('TRACE\nALERT("one")\nALERT("two")')
        assert out.splitlines()[:2] == ["TRACE: <repl>:2 in the REPL entry", '    ALERT("one")']
        assert out.endswith(")elp\none\ntwo\n")
        assert answers.asked == 1
    finally:
        repl.close()


def test_help_and_unknown_debugger_commands(folder: Path) -> None:
    answers = Answers("h", "zap", "c")
    repl = debug_repl(folder, answers)
    try:
        out = repl.push('TRACE\nALERT("ok")')
        assert "  n, next       run this line" in out
        assert 'Unknown debugger command "zap" (h for help)' in out
        assert out.endswith("ok\n")
    finally:
        repl.close()


def test_trace_in_a_method_stops_in_that_method(folder: Path) -> None:
    (folder / "Traced.4dm").write_text("#DECLARE() -> $r : Integer\nTRACE\n$r:=7\n", encoding="utf-8")
    answers = Answers("l", "c")
    repl = debug_repl(folder, answers)
    try:
        out = repl.push("Traced")
        assert out.splitlines()[0] == f"TRACE: {folder / 'Traced.4dm'}:3 in Traced"
        assert "  $r : Integer = 0" in out.splitlines()
        assert out.endswith("7\n")
    finally:
        repl.close()


def test_trace_without_a_terminal_does_nothing_but_says_so_once(tmp_path: Path) -> None:
    rc, out, err = run_cli(["-c", 'TRACE\nTRACE\nALERT("ran")'], tmp_path)
    assert (rc, out) == (0, "ran\n")
    assert err.count("note: TRACE opens the debugger only in the REPL on a terminal") == 1
    repl = Repl(project=Project([tmp_path]))  # piped input, a notebook: no prompt to open
    try:
        out = repl.push('TRACE\nALERT("ran")')
        assert out.startswith("note: TRACE opens the debugger only") and out.endswith("ran\n")
    finally:
        repl.close()


def test_trace_in_another_process_is_ignored_with_a_note(folder: Path) -> None:
    (folder / "Bg.4dm").write_text("TRACE\n$x:=1\n", encoding="utf-8")
    answers = Answers()
    repl = debug_repl(folder, answers)
    try:
        out = repl.push('$p:=New process("Bg"; 0; "bg")\nDELAY PROCESS(Current process; 20)\nALERT("main")')
        assert "note: the debugger follows the REPL's own process only" in out
        assert answers.asked == 0
    finally:
        repl.close()


def test_post_mortem_shows_the_methods_an_error_stopped(folder: Path) -> None:
    (folder / "Fails.4dm").write_text(
        "#DECLARE($n : Integer) -> $r : Integer\nvar $half : Real\n$half:=$n/2\n$r:=Undefined_thing\n", "utf-8"
    )
    answers = Answers("w", "l", "p $half*10", "u", "l", "d", "zap", "c")
    repl = debug_repl(folder, answers)
    try:
        assert (
            repl.push("%debug") == "No error to look at: %debug shows the methods running when the last error stopped\n"
        )
        out = repl.push("$x:=3\n$y:=Fails($x)")
        assert 'error 90002: Unknown variable, method or command "Undefined_thing"' in out
        fails = folder / "Fails.4dm"
        assert repl.push("%debug").splitlines() == [
            'post-mortem of error 90002: Unknown variable, method or command "Undefined_thing"; did you mean "Undefined"?',
            f"in Fails at {fails}:4",
            "    $r:=Undefined_thing",
            "  (l)ocals (w)here (u)p (d)own (p) expr (c) leave (h)elp",
            f"> in Fails ({fails}:4)",
            "  in the REPL entry (<repl>:2)",
            "  $n : Integer = 3",
            "  $r : Integer = 0",
            "  $half : Real = 1.5",
            "15",
            "in the REPL entry at <repl>:2",
            "    $y:=Fails($x)",
            "  $x : Real = 3",
            f"in Fails at {fails}:4",
            "    $r:=Undefined_thing",
            'Unknown command "zap" (h for help)',
        ]
        assert repl.push("$x+1") == "4\n"
    finally:
        repl.close()


def test_post_mortem_needs_a_terminal(tmp_path: Path) -> None:
    repl = Repl(project=Project([tmp_path]))
    try:
        assert repl.push("%debug") == "%debug opens a prompt in the REPL on a terminal only\n"
    finally:
        repl.close()
