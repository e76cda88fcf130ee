"""Limits: deep recursion, deep nesting, huge files, invalid bytes end in clear 4D errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def test_recursion_100000_deep_is_a_stack_overflow_error(tmp_path: Path, cli: Any, write: Any) -> None:
    write(
        tmp_path / "down.4dm", "#DECLARE($n : Integer) : Integer\nIf ($n<=0)\n\treturn 0\nEnd if\nreturn down($n-1)+1\n"
    )
    main_file = write(tmp_path / "main.4dm", "ALERT(String(down(100000)))\n")
    code, out, err = cli([str(main_file)])
    assert code == 1
    assert "error 90070" in err
    assert out == ""


def test_recursion_within_the_limit_runs(tmp_path: Path, cli: Any, write: Any) -> None:
    write(
        tmp_path / "down.4dm", "#DECLARE($n : Integer) : Integer\nIf ($n<=0)\n\treturn 0\nEnd if\nreturn down($n-1)+1\n"
    )
    main_file = write(tmp_path / "main.4dm", "ALERT(String(down(500)))\n")
    assert cli([str(main_file)])[:2] == (0, "500\n")


def test_2000_nested_parentheses(tmp_path: Path, cli: Any, write: Any) -> None:
    p = write(tmp_path / "p.4dm", "$x:=" + "(" * 2000 + "41+1" + ")" * 2000 + "\nALERT(String($x))\n")
    assert cli([str(p)])[:2] == (0, "42\n")


def test_2000_nested_blocks(tmp_path: Path, cli: Any, write: Any) -> None:
    body = "If (True)\n" * 2000 + 'ALERT("deep")\n' + "End if\n" * 2000
    p = write(tmp_path / "b.4dm", body)
    assert cli([str(p)])[:2] == (0, "deep\n")


def test_nesting_past_the_limit_is_a_syntax_error_even_with_a_high_recursion_limit(
    tmp_path: Path, cli: Any, write: Any
) -> None:
    # A run raises the recursion limit; deeper nesting must still be refused before
    # compiling rather than crash the process.
    import sys

    from mini4d.core.statements import MAX_NESTING

    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, 200_000))
    try:
        depth = MAX_NESTING + 1
        p = write(tmp_path / "d.4dm", "If (True)\n" * depth + 'ALERT("x")\n' + "End if\n" * depth)
        code, out, err = cli([str(p)])
    finally:
        sys.setrecursionlimit(old)
    assert code == 65
    assert "error 90001: The code is nested too deeply: more than 3000 levels" in err
    assert out == ""


def test_512_nested_loops_of_4d_limit(tmp_path: Path, cli: Any, write: Any) -> None:
    # 4D documents 512 levels of nested control structures.
    body = "$n:=0\n" + "For ($i; 1; 1)\n" * 512 + "$n:=$n+1\n" + "End for\n" * 512 + "ALERT(String($n))\n"
    p = write(tmp_path / "f.4dm", body)
    assert cli([str(p)])[:2] == (0, "1\n")


def test_megabyte_text_literal(tmp_path: Path, cli: Any, write: Any) -> None:
    p = write(tmp_path / "s.4dm", '$t:="' + "ab" * 500_000 + '"\nALERT(String(Length($t)))\n')
    assert cli([str(p)])[:2] == (0, "1000000\n")


def test_megabyte_comment_and_statements(tmp_path: Path, cli: Any, write: Any) -> None:
    p = write(
        tmp_path / "c.4dm", "/*" + "x\n" * 500_000 + "*/\n$i:=0\n" + "$i:=$i+1\n" * 20_000 + "ALERT(String($i))\n"
    )
    assert cli([str(p)])[:2] == (0, "20000\n")


def test_invalid_utf8_reports_the_byte_offset(tmp_path: Path, cli: Any, write: Any) -> None:
    p = write(tmp_path / "bad.4dm", b'ALERT("ok")\n$x:="\xff"\n')
    code, out, err = cli([str(p)])
    assert code == 65
    assert "invalid UTF-8 byte 0xFF at byte offset 17" in err
    code, out, err = cli(["check", str(p)])
    assert code == 65
    assert f"{p}:2:6: error 90001: cannot read the file: invalid UTF-8 byte 0xFF at byte offset 17" in out


def test_binary_input_is_refused_with_an_offset(tmp_path: Path, cli: Any, write: Any) -> None:
    p = write(tmp_path / "bin.4dm", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
    code, out, err = cli([str(p)])
    assert code == 65
    assert "binary data (NUL byte), not 4D source text at byte offset 7" in err


def test_huge_arrays_are_refused_not_allocated(tmp_path: Path, cli: Any, write: Any) -> None:
    p = write(tmp_path / "a.4dm", "ARRAY LONGINT($a; 100000; 100000)\n")
    code, out, err = cli([str(p)])
    assert code == 1
    assert "error 90023: Too many array elements requested (10000000000; at most 10000000)" in err


@pytest.mark.slow
def test_ten_megabyte_files(tmp_path: Path, cli: Any, write: Any) -> None:
    s = write(tmp_path / "s.4dm", '$t:="' + "a" * 10_000_000 + '"\nALERT(String(Length($t)))\n')
    assert cli([str(s)])[:2] == (0, "10000000\n")
    c = write(tmp_path / "c.4dm", "/*" + "x\n" * 5_000_000 + '*/\nALERT("ok")\n')
    assert cli([str(c)])[:2] == (0, "ok\n")
    lines = write(tmp_path / "l.4dm", "$i:=0\n" + "$i:=$i+1\n" * 1_100_000 + "ALERT(String($i))\n")
    assert cli([str(lines)])[:2] == (0, "1100000\n")


@pytest.mark.slow
def test_100000_nested_blocks_is_a_clear_error(tmp_path: Path, cli: Any, write: Any) -> None:
    p = write(tmp_path / "b.4dm", "If (True)\n" * 100_000 + "End if\n" * 100_000)
    code, out, err = cli([str(p)])
    assert code == 65
    assert "error 90001: The code is nested too deeply" in err


def test_a_method_text_over_the_size_limit_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Any
) -> None:
    """Past MAX_METHOD_CHARS the parse stops at once with a syntax error that says the limit."""
    from mini4d import parser

    monkeypatch.setattr(parser, "MAX_METHOD_CHARS", 60)
    script = tmp_path / "big.4dm"
    script.write_text("$x:=1\n" * 11, encoding="utf-8")  # 66 characters
    rc, out, err = cli([str(script)])
    assert rc == 65 and out == ""
    assert err.splitlines()[0] == (
        f"{script}:1:1: error 90001: The method is too large: 66 characters; mini4d reads at most "
        "60 characters per method (split it into several methods)"
    )
    script.write_text("$x:=1\n" * 10, encoding="utf-8")  # 60 characters: read
    assert cli([str(script)]).code == 0


def test_values_nested_deeper_than_the_stack_give_error_90070(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """JSON Stringify, JSON Parse and OB Copy of a value nested deeper than the stack allows: a 4D error Try catches.

    The run's recursion limit is lowered so that a depth of 5,000 is too deep (the same happens
    at about 200,000 levels with the limit of a normal run).
    """
    import sys

    script = tmp_path / "deep.4dm"
    script.write_text(
        """var $i : Integer
$o:=New object
$cur:=$o
For ($i; 1; 5000)
	$n:=New object
	$cur.c:=$n
	$cur:=$n
End for
$s:=("{\\"c\\":"*5000)+"1"+("}"*5000)
For each ($f; [Formula(JSON Stringify($o)); Formula(OB Copy($o)); Formula(JSON Parse($s)); Formula(String($o))])
	Try
		$f.call()
	Catch
		ALERT(String(Last errors[0].errCode)+" "+Last errors[0].message)
	End try
End for each
ALERT(String($o.c.c.c=Null))
""",
        encoding="utf-8",
    )
    real_setrecursionlimit = sys.setrecursionlimit
    old = sys.getrecursionlimit()
    # the run raises the limit to at least 200,000: keep it at 3,000 for this run
    monkeypatch.setattr(sys, "setrecursionlimit", lambda n: real_setrecursionlimit(min(n, 3000)))
    try:
        result = cli([str(script)])
    finally:
        real_setrecursionlimit(old)
    nested = "the objects and collections are nested too deeply"
    assert result.out.splitlines() == [
        f"90070 JSON Stringify: {nested}",
        f"90070 Copy: {nested}",
        f"90070 JSON Parse: {nested}",
        f"90070 JSON Stringify: {nested}",
        "False",
    ], result.err
    assert result.code == 0


# ------------------------------------------------------------------ data-stack headroom


def test_a_thread_of_4d_code_runs_its_target_once_with_headroom() -> None:
    from mini4d import limits

    calls: list[int] = []
    assert limits.with_headroom(lambda: calls.append(1) or "done")() == "done"
    assert calls == [1]


def test_headroom_refused_by_the_system_still_runs_the_target(monkeypatch: Any) -> None:
    from mini4d import limits

    def refused(target: Any) -> Any:
        raise MemoryError  # as when the 4 MB chunk cannot be mapped

    monkeypatch.setattr(limits, "_enter_with_headroom", refused)
    calls: list[int] = []
    assert limits.with_headroom(lambda: calls.append(1) or "done")() == "done"
    assert calls == [1]


def test_the_target_running_out_of_memory_is_not_run_again() -> None:
    from mini4d import limits

    calls: list[int] = []

    def target() -> None:
        calls.append(1)
        raise MemoryError

    with pytest.raises(MemoryError):
        limits.with_headroom(target)()
    assert calls == [1]


def test_threads_of_4d_code_start_inside_the_headroom_frame() -> None:
    import sys
    import threading

    from mini4d import limits

    seen: list[int] = []
    done = threading.Event()

    def target() -> None:
        f = sys._getframe()
        while f is not None:
            seen.append(f.f_code.co_stacksize)
            f = f.f_back  # type: ignore[assignment]
        done.set()

    thread, _stack = limits.start_thread(target, "probe")
    assert done.wait(10)
    thread.join(10)
    assert limits._HEADROOM_SLOTS in seen
