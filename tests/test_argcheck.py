"""Values a command, a member function or a statement cannot use give a 4D error at their
position, never an internal error: the argument check (lang/core/argcheck.py), the statement
rules and the resource limits (docs/reliability.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# (program, exit code, the error line's start: "LINE:COL: error NUMBER: message start")
PROBES = [
    ("ALERT(String(Int(<)))", 65, "1:18: error 90001: `Int` does not take a `<` argument"),
    ("ALERT(String(Day number(>)))", 65, "1:25: error 90001: `Day number` does not take a `>` argument"),
    ("ALERT(String(Abs(-1; *)))", 65, "1:14: error 90001: `Abs` does not take a `*` argument"),
    ('ARRAY TEXT($a; 2; "x")', 1, "1:1: error 90011: A number was expected for an array size, got Text"),
    ("var $o:={}\nARRAY TEXT($a; 2; $o.missing)", 1, "2:1: error 90011: A number was expected for an array size"),
    ("ARRAY TEXT($a; 1/0)", 1, "1:1: error 90014: An array size cannot be INF"),
    ("ARRAY TEXT($a; 1e10)", 1, "1:1: error 90023: Too many array elements requested"),
    ('For ($i; 1; 3)\n$i:="x"\nEnd for', 1, "1:6: error 90010: The counter of For must be a number, it holds a Text"),
    (
        "var $t : Time\nFor ($t; 1; 3)\nEnd for",
        1,
        "2:6: error 90010: The counter of For must be a number, it holds a Time",
    ),
    (
        '$o:={}\n$o.k:=0\nFor ($o.k; 1; 3)\n$o.k:="x"\nEnd for',
        1,
        "3:6: error 90010: The counter of For must be a number",
    ),
    ("ARRAY TEXT($a; 2)\nALERT($a{1/0})", 1, "2:7: error 90023: Index INF is out of range"),
    ('ARRAY TEXT($a; 2)\n$a{Log(-1)}:="x"', 1, "2:1: error 90023: Index NaN is out of range"),
    ("${1e10}:=5", 1, "1:1: error 90023: Parameter $10000000000 is out of range"),
    ("${-1}:=5", 1, "1:1: error 90023: Parameter $-1 is out of range"),
    ("ALERT(String(${1/0}))", 1, "1:14: error 90023: Index INF is out of range"),
    ("For each ($e; [1; 2]; 1/0)\nEnd for each", 1, "1:23: error 90023: Index INF is out of range"),
    ('ALERT(Substring("abc"; 1/0))', 1, "1:7: error 90014: `Substring`: an integer was expected, got INF"),
    ('ALERT(String(Match regex("a{99999999999}"; "a")))', 1, "1:14: error 90014: Invalid regular expression"),
    (
        'ALERT(JSON Stringify(JSON Validate("a"; {pattern: "a{99999999999}"})))',
        1,
        "1:22: error 90014: Invalid regular expression",
    ),
    (
        "ALERT(Generate digest(Char(0xD800); MD5 digest))",
        1,
        "1:7: error 90014: `Generate digest`: argument 1 holds a lone surrogate (U+D800)",
    ),
    (
        "var $t:=Char(0xDC00)\nBASE64 ENCODE($t)",
        1,
        "2:1: error 90014: `BASE64 ENCODE`: argument 1 holds a lone surrogate (U+DC00)",
    ),
    ('ALERT(JSON Stringify(JSON Validate({}; {"$ref": 5})))', 1, "1:22: error 90011: `JSON Validate`"),
    ("ALERT(JSON Stringify(JSON Validate(1e308; {multipleOf: 1e-308})))", 1, "1:22: error 90014: `JSON Validate`"),
    ("throw({errCode: 1/0})", 1, "1:1: error 90014: `throw`: argument 1 is infinite (INF) or undefined (NaN)"),
    ('$s:="😀"*1000000000', 1, "1:5: error 90073: The repeated text would exceed 1,073,741,824 bytes"),
    ('$s:="ĉ"*600000000', 1, "1:5: error 90073: The repeated text would exceed"),
]


@pytest.mark.parametrize(("code", "status", "error"), PROBES)
def test_a_value_the_code_cannot_use_is_a_4d_error(run_script: Any, code: str, status: int, error: str) -> None:
    result = run_script(code + "\n")
    assert (result.code, result.err) == (status, result.err)
    assert f"main.4dm:{error}" in result.err, result.err
    assert "internal error" not in result.err


@pytest.mark.parametrize(
    ("code", "out"),
    [
        # 4D numbers are IEEE doubles: a sum past the largest Real is INF
        ("ALERT(String([1e308; 1e308].sum()))", "INF"),
        ("ALERT(String([1e308; 1e308].average()))", "INF"),
        # an offset that is no time zone: not a valid date text, the null date
        ('ALERT(String(Date("2024-01-01T00:00:00.000+99:99")=!00-00-00!))', "True"),
        # an empty text repeated any number of times is empty
        ('ALERT("<"+(""*1e308)+">")', "<>"),
    ],
)
def test_edge_results(run_script: Any, code: str, out: str) -> None:
    result = run_script(code + "\n")
    assert (result.code, result.out.strip()) == (0, out), result.err


def test_on_err_call_catches_an_argument_error(run_script: Any) -> None:
    result = run_script(
        'ON ERR CALL("handler")\nALERT(Generate digest(Char(0xD800); MD5 digest))\nALERT("after")\n',
        methods={"handler": 'ALERT("caught "+String(Error))\n'},
    )
    assert (result.code, result.out) == (0, "caught 90014\nafter\n"), result.err


def test_a_member_function_failing_on_its_arguments_is_a_4d_error(run_script: Any) -> None:
    result = run_script('$c:=[1; 2]\n$r:=$c.slice(1/0)\n$r:=$c.insert(Log(-1); "x")\nALERT("ok")\n')
    assert result.code in (0, 1)
    assert "internal error" not in result.err


def _mini4d(args: list[str], cwd: Path, limit_kb: int | None = None) -> subprocess.CompletedProcess[str]:
    pre = None
    if limit_kb is not None:
        import resource

        def pre() -> None:
            resource.setrlimit(resource.RLIMIT_AS, (limit_kb * 1024, limit_kb * 1024))

    return subprocess.run(
        [sys.executable, "-m", "mini4d", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=pre,
    )


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as Linux applies them")
def test_a_run_under_a_tight_memory_limit_still_runs(tmp_path: Path) -> None:
    """No thread with the usual deep stack fits: the run goes on with a smaller one."""
    (tmp_path / "m.4dm").write_text('ALERT("x")\n', encoding="utf-8")
    r = _mini4d(["m.4dm"], tmp_path, limit_kb=200_000)
    assert (r.returncode, r.stdout) == (0, "x\n"), r.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limits as Linux applies them")
def test_running_out_of_memory_is_error_90071(tmp_path: Path) -> None:
    (tmp_path / "m.4dm").write_text('var $t:="a"*1000\nWhile (True)\n$t:=$t+$t\nEnd while\n', encoding="utf-8")
    r = _mini4d(["m.4dm"], tmp_path, limit_kb=700_000)
    assert r.returncode == 1, r.stderr
    assert "error 90071: Out of memory" in r.stderr and "internal error" not in r.stderr


def test_no_thread_at_all_is_error_90072(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from mini4d.errors import FourDError
    from mini4d.limits import start_thread

    def refuse(self: Any) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    with pytest.raises(FourDError) as info:
        start_thread(lambda: None, "4D process 2")
    assert info.value.code == 90072


def test_a_smaller_stack_leaves_fewer_nested_calls() -> None:
    from mini4d.limits import THREAD_STACK, depth_reserve

    assert depth_reserve(THREAD_STACK, 2000) == 0
    assert 0 < depth_reserve(THREAD_STACK // 16, 2000) < 2000
    assert depth_reserve(0, 2000) == 2000 - max(50, 2000 * 8 * 1024 * 1024 // THREAD_STACK)


def test_new_process_without_threads_is_error_90072(run_script: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    real = threading.Thread.start

    def refuse(self: Any) -> None:
        if self.name.startswith("4D process"):
            raise RuntimeError("can't start new thread")
        real(self)

    monkeypatch.setattr(threading.Thread, "start", refuse)
    result = run_script('$p:=New process("child"; 0; "c")\nALERT("after")\n', methods={"child": 'ALERT("child")\n'})
    assert result.code == 1
    assert "error 90072: Cannot start 4D process" in result.err and "internal error" not in result.err


def test_a_startup_method_argument_of_the_wrong_type_is_a_usage_error(tmp_path: Path, cli: Any, write: Any) -> None:
    write(tmp_path / "Project" / "Sources" / "Methods" / "M.4dm", "#DECLARE($n : Integer)\nALERT(String($n))\n")
    code, out, err = cli(["run", "--startup-method", "M", str(tmp_path), "abc"])
    assert (code, out) == (2, "")
    assert err == 'mini4d: argument 1 ($n : Integer): "abc" is not a number\n'
    assert cli(["run", "--startup-method", "M", str(tmp_path), "12"])[:2] == (0, "12\n")


def test_check_reports_a_special_argument_a_command_does_not_take(tmp_path: Path, cli: Any, write: Any) -> None:
    write(
        tmp_path / "m.4dm", "ALERT(String(Int(<)))\nARRAY TEXT($a; 2)\nSORT ARRAY($a; >)\nALERT(String(Abs(-1; *)))\n"
    )
    code, out, _err = cli(["check", str(tmp_path / "m.4dm")])
    lines = [line.split("m.4dm:", 1)[1] for line in out.splitlines() if "m.4dm:" in line]
    assert lines == [
        "1:18: warning 90013: `Int` does not take a `<` argument",
        "4:14: warning 90013: `Abs` does not take a `*` argument",
    ]
    assert code == 0
