"""The `mini4d` command, run through `mini4d.cli.main(argv)`."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from mini4d import __version__
from mini4d.cli import main


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ running scripts


def test_script_arguments_fill_declared_parameters_with_conversion(tmp_path: Path) -> None:
    script = write(
        tmp_path / "params.4dm",
        "#DECLARE($n : Integer; $r : Real; $b : Boolean; $d : Date; $o : Object; $t : Text)\n"
        'ALERT(String($n+1)+" "+String($r*2)+" "+String($b)+" "+String($d)+" "+String($o.a)+" "+$t)\n'
        "ALERT(String(Value type($n))+String(Type($n)))\n",
    )
    code, out, err = run([str(script), "41", "1.25", "true", "2024-03-01", '{"a":7}', "hello"])
    assert (code, err) == (0, "")
    assert out == "42 2.5 True 03/01/2024 7 hello\n19\n"


def test_integer_parameter_from_the_command_line_is_rounded(tmp_path: Path) -> None:
    script = write(tmp_path / "round.4dm", "#DECLARE($n : Integer)\nALERT(String($n))\n")
    assert run([str(script), "2.6"])[:2] == (0, "3\n")


def test_missing_command_line_arguments_take_default_values(tmp_path: Path) -> None:
    script = write(
        tmp_path / "defaults.4dm",
        '#DECLARE($t : Text; $n : Real)\nALERT("["+$t+"]"+String($n)+String(Count parameters))\n',
    )
    assert run([str(script)])[:2] == (0, "[]00\n")


def test_extra_arguments_are_text_parameters(tmp_path: Path) -> None:
    script = write(tmp_path / "extra.4dm", "#DECLARE($a : Text)\nALERT($a+${2}+String(Count parameters))\n")
    assert run([str(script), "x", "y"])[:2] == (0, "xy2\n")


def test_argument_that_cannot_be_converted_is_a_usage_error(tmp_path: Path) -> None:
    script = write(tmp_path / "num.4dm", "#DECLARE($n : Real)\nALERT(String($n))\n")
    code, out, err = run([str(script), "abc"])
    assert code == 2 and out == ""
    assert err == 'mini4d: argument 1 ($n : Real): "abc" is not a number\n'


def test_legacy_script_receives_text_arguments(tmp_path: Path) -> None:
    script = write(tmp_path / "legacy.4dm", 'ALERT($1+"/"+$2)\n')
    assert run([str(script), "a", "b"])[:2] == (0, "a/b\n")


def test_dash_c_runs_one_line() -> None:
    assert run(["-c", "ALERT(String(3+4*5))"]) == (0, "35\n", "")


def test_dash_c_with_several_lines() -> None:
    assert run(["-c", "$x:=2\nALERT(String($x^10))"])[:2] == (0, "1024\n")


def test_script_calls_methods_of_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "Twice.4dm", "#DECLARE($x : Real) : Real\nreturn $x*2\n")
    script = write(tmp_path / "main.4dm", "ALERT(String(Twice(21)))\n")
    assert run([str(script)])[:2] == (0, "42\n")


# ------------------------------------------------------------------ errors and exit codes


def test_runtime_error_exit_1_with_4d_call_stack(tmp_path: Path) -> None:
    write(tmp_path / "Inner.4dm", "#DECLARE($c : Collection)\n$x:=1\n$y:=$c[5]\n")
    write(tmp_path / "Outer.4dm", "Inner([])\n")
    script = write(tmp_path / "main.4dm", 'ALERT("before")\nOuter\nALERT("never")\n')
    code, out, err = run([str(script)])
    assert code == 1
    assert out == "before\n"
    lines = err.splitlines()
    assert re.fullmatch(r".*Inner\.4dm:3:5: error 90023: Index 5 is out of range.*", lines[0])
    assert lines[1] == "    $y:=$c[5]"
    assert lines[2] == "        ^~~~~"
    stack = [ln.strip() for ln in lines[3:]]
    assert [re.sub(r"\(.*[/\\]", "(", s) for s in stack] == [
        "in Inner (Inner.4dm:3)",
        "in Outer (Outer.4dm:1)",
        "in main (main.4dm:2)",
    ]


def test_unknown_command_with_parentheses_is_a_runtime_error_naming_the_closest_command(tmp_path: Path) -> None:
    # a name followed by `(` may be a project method: known only when the line runs
    script = write(tmp_path / "main.4dm", 'ALERT("before")\n$s:=Sesion storage("x")\nALERT("never")\n')
    code, out, err = run([str(script)])
    assert code == 1
    assert out == "before\n"
    lines = err.splitlines()
    assert lines[0].endswith(
        'main.4dm:2:5: error 90002: Unknown variable, method or command "Sesion storage"; did you mean "Session storage"?'
    )
    assert lines[1] == '    $s:=Sesion storage("x")'
    assert lines[2] == "        ^~~~~~~~~~~~~~"  # the name, not its arguments


def test_non_boolean_conditions_are_errors_at_their_line(tmp_path: Path) -> None:
    script = write(tmp_path / "main.4dm", '$x:="t"\nCase of\n\t: ($x="u")\n\t: ($x)\nEnd case\n')
    code, _out, err = run([str(script)])
    assert code == 1
    assert re.search(r"main\.4dm:4:\d+: error 90010: A Boolean was expected, got Text", err.splitlines()[0])
    script = write(tmp_path / "if.4dm", "$n:=1\n\nIf ($n)\nEnd if\n")
    code, _out, err = run([str(script)])
    assert code == 1
    assert re.search(r"if\.4dm:3:5: error 90010: A Boolean was expected, got Number", err.splitlines()[0])


def test_thrown_error_exit_1() -> None:
    code, out, err = run(["-c", 'throw(12; "bad thing")'])
    assert code == 1 and out == ""
    assert err.splitlines()[0] == "<string>:1:1: error 12: bad thing"


def test_syntax_error_exit_65_and_nothing_runs(tmp_path: Path) -> None:
    script = write(tmp_path / "bad.4dm", 'ALERT("first")\nIf (True)\n')
    code, out, err = run([str(script)])
    assert code == 65 and out == ""
    assert "bad.4dm:2:1: error 90001: `If` at line 2 has no matching `End if`" in err


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _out, err = run([str(tmp_path / "nope.4dm")])
    assert code == 2 and "no such file" in err


def test_folder_instead_of_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run([str(tmp_path)])
    assert code == 2 and "is a folder" in err


@pytest.mark.parametrize(
    "argv", [["--bogus"], ["-c"], ["check"], ["check", "--format", "xml", "x"], ["check", "--nope", "x"]]
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    code, _out, err = run(argv)
    assert code == 2 and err


def test_version() -> None:
    assert run(["--version"]) == (0, f"mini4d {__version__}\n", "")


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(flag: str) -> None:
    code, out, _ = run([flag])
    assert code == 0
    assert out.startswith("usage: mini4d")
    for word in ("-c CODE", "check", "commands", "--version", "--debug"):
        assert word in out


def test_internal_error_exit_70_and_debug_shows_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    from mini4d import values

    def broken(v: object) -> str:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(values, "format_number", broken)
    code, _out, err = run(["-c", "ALERT(String(1.5))"])
    assert code == 70
    assert "internal error (ZeroDivisionError: boom); please report" in err
    assert "Traceback" not in err
    code, _, err = run(["--debug", "-c", "ALERT(String(1.5))"])
    assert code == 70
    assert "Traceback (most recent call last)" in err and "ZeroDivisionError: boom" in err


# ------------------------------------------------------------------ check


def test_check_reports_file_line_col_and_exits_65(tmp_path: Path) -> None:
    write(tmp_path / "good.4dm", 'ALERT("ok")\n')
    write(tmp_path / "bad.4dm", "$x:=1\n$y=2\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    write(sub / "worse.4dm", "For ($i; 1; 2)\n")
    code, out, _err = run(["check", str(tmp_path)])
    assert code == 65
    lines = out.splitlines()
    assert f"{tmp_path / 'bad.4dm'}:2:3: error 90001: `=` compares values; write `:=` to assign" in lines
    assert f"{sub / 'worse.4dm'}:1:1: error 90001: `For` at line 1 has no matching `End for`" in lines
    assert lines[-1].startswith("3 files, 4 lines, 2 errors")


def test_check_clean_files_exit_0(tmp_path: Path) -> None:
    write(tmp_path / "good.4dm", 'If (True)\n\tALERT("ok")\nEnd if\n')
    code, out, _ = run(["check", str(tmp_path / "good.4dm")])
    assert code == 0
    assert out.startswith("1 files, 3 lines, 0 errors")


def test_check_json_format(tmp_path: Path) -> None:
    write(tmp_path / "bad.4dm", "break\n")
    code, out, _ = run(["check", "--format", "json", str(tmp_path)])
    assert code == 65
    data = json.loads(out)
    assert data["errors"] == 1
    (diag,) = data["diagnostics"]
    assert (diag["line"], diag["column"], diag["code"], diag["message"]) == (1, 1, 90001, "`break` outside a loop")


def test_check_missing_path_exit_2(tmp_path: Path) -> None:
    code, out, _ = run(["check", str(tmp_path / "missing")])
    assert code == 2 and "no such file or folder" in out


def test_commands_lists_implemented_commands() -> None:
    code, out, _ = run(["commands"])
    assert code == 0
    names = out
    for name in ("ALERT", "String", "New collection", "Formula"):
        assert re.search(rf"\b{re.escape(name)}\b", names)


def test_every_mini4d_error_code_is_listed_in_the_language_doc() -> None:
    from mini4d import errors

    doc = (Path(__file__).resolve().parent.parent / "docs" / "language.md").read_text(encoding="utf-8")
    section = doc.split("## Error numbers", 1)[1].split("\n## ", 1)[0]
    listed = {int(m) for m in re.findall(r"^\| (9\d{4}) \|", section, re.MULTILINE)}
    defined = {v for k, v in vars(errors).items() if k.startswith("ERR_") and 90000 <= v < 91000}
    assert defined == listed


def test_ci_runs_exactly_the_readme_test_command() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    test_command = next(b for b in blocks if "pytest" in b)
    if not (root / ".ci" / "run").is_file():
        pytest.skip("an unpacked sdist has no .ci folder")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert ci[-1] == test_command
