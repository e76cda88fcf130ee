"""`mini4d check`: every syntax error of a file without a cascade, lint warnings, exit statuses."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from mini4d.check import check_paths
from mini4d.cli import main
from mini4d.errors import Syntax4DError, format_error
from mini4d.parser import parse_source, syntax_errors
from mini4d.source import Source


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def errors_of(text: str) -> list[tuple[int, int, str]]:
    return [(e.span.line, e.span.col, e.message) for e in syntax_errors(Source("t.4dm", text))]


# ------------------------------------------------------------------ every syntax error, no cascade


@pytest.mark.parametrize(
    "text,expected",
    [
        (  # three independent statement errors, good lines between them
            '$a:=1 2\nALERT("x"\n$b:=3\n$c:=(1\n$d:=4\n',
            [(1, 7, "Unexpected `2`"), (2, 10, "Missing `)`"), (4, 7, "Missing `)`")],
        ),
        (  # a faulty If line still opens its block: Else and End if are no new errors
            'If ($x=1\n\tALERT("a")\nElse\n\tALERT("b"\nEnd if\n$x:=1+\n',
            [(1, 9, "Missing `)`"), (4, 11, "Missing `)`"), (6, 7, "Incomplete statement")],
        ),
        (  # a missing End if: one error where the For closes, then the next mistake
            'For ($i;1;2)\n\tIf ($i=1)\n\t\tALERT("x")\nEnd for\n$y:=§\n',
            [(4, 1, "`End for` found where `End if` was expected"), (5, 5, "Unexpected character `§`")],
        ),
        (  # stray closer and Else: each once, the rest goes on
            "End if\n$x:=1\nElse\n$y:=\n",
            [(1, 1, "`End if` without a matching `If`"), (3, 1, "`Else` without"), (4, 5, "Incomplete statement")],
        ),
        (  # Case of: a statement before the first branch, faulty branches, then after the block
            "Case of\n\t$x:=1\n\t: ($a=1)\n\t\tALERT(1\n\t: ($b=\n\tElse\n\t\tALERT(2)\nEnd case\n$z:=,\n",
            [
                (2, 2, "Each branch of `Case of`"),
                (4, 10, "Missing `)`"),
                (5, 8, "Incomplete statement"),
                (9, 5, "separates arguments"),
            ],
        ),
        (  # Until without its condition, an unclosed text literal
            'While (True)\n\tRepeat\n\t\t$x:=1\n\tUntil\n\tbreak\nEnd while\n$q:="abc\n$r:=1\n',
            [(4, 7, "Incomplete statement"), (7, 5, "Unclosed text literal")],
        ),
        (  # blocks still open at the end: each one, the innermost first (what a run reports)
            "For ($i;1;2)\n\tIf (True)\n\t\tALERT(1)\n",
            [(2, 2, "`If` at line 2 has no matching `End if`"), (1, 1, "`For` at line 1 has no matching `End for`")],
        ),
        (  # a misspelt closer closes the innermost block: one error
            "If (True)\n\tALERT(1)\nEnd for\n$x:=1 2\n",
            [(3, 1, "`End for` found where `End if` was expected"), (4, 7, "Unexpected `2`")],
        ),
        (  # an error before a block left open: the open block is found at the end
            "If (True)\n$x:=1 2\n",
            [(2, 7, "Unexpected `2`"), (1, 1, "`If` at line 1 has no matching `End if`")],
        ),
        (  # errors the builder finds, between parse errors
            "Function f($a : Text; $a : Text)\n$x:=1 2\nbreak\n",
            [(1, 23, "declared twice"), (2, 7, "Unexpected `2`"), (3, 1, "`break` outside a loop")],
        ),
        ("$x:=1 2", [(1, 7, "Unexpected `2`")]),  # the last line, without a final newline
    ],
)
def test_every_error_once(text: str, expected: list[tuple[int, int, str]]) -> None:
    got = errors_of(text)
    assert [(line, col) for line, col, _ in got] == [(line, col) for line, col, _ in expected], got
    for (_, _, message), (_, _, part) in zip(got, expected, strict=True):
        assert part in message


def test_first_error_is_the_one_a_run_reports() -> None:
    root = Path(__file__).parent / "scripts"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.4dm"))]
    texts += ["If (True)\nEnd for\n", 'ALERT("x"\n$a:=1 2\n', "Case of\n$x:=1\nEnd case\n", "End if\n"]
    checked = 0
    for text in texts:
        src = Source("t.4dm", text)
        try:
            parse_source(src)
        except Syntax4DError as err:
            first = syntax_errors(src)[0]
            assert format_error(first) == format_error(err)
            checked += 1
        else:
            assert syntax_errors(src) == []
    assert checked >= 4


def test_many_faulty_lines_each_once() -> None:
    text = "".join(f"$ok{i}:=1\n$bad{i}:=(\n" for i in range(60))
    got = errors_of(text)
    assert [line for line, _, _ in got] == [2 * i + 2 for i in range(60)]


def test_nested_too_deep_is_one_error() -> None:
    text = "If (True)\n" * 3000 + "ALERT(1\n" + "End if\n" * 3000
    got = errors_of(text)
    assert len(got) >= 1 and len(got) <= 2


# ------------------------------------------------------------------ output and exit statuses


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_text_output_one_line_per_error_and_summary(tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.4dm", '$a:=1 2\nALERT("ok")\n$b:=(\n')
    code, out, _ = run(["check", str(tmp_path)])
    assert code == 65
    lines = out.splitlines()
    assert lines[0] == f"{bad}:1:7: error 90001: Unexpected `2`; expected an operator, `:`, `(`, " + "`}`"
    assert lines[1].startswith(f"{bad}:3:6: error 90001: ")
    assert lines[2].startswith("1 files, 3 lines, 2 errors, 0 warnings, ")


def test_json_has_the_same_fields_for_errors_and_warnings(tmp_path: Path) -> None:
    write(tmp_path / "bad.4dm", "$a:=1 2\n")
    write(tmp_path / "lint.4dm", 'ALRET("x")\n')
    code, out, _ = run(["check", "--format", "json", str(tmp_path)])
    assert code == 65
    report = json.loads(out)
    assert (report["errors"], report["warnings"]) == (1, 1)
    fields = {"path", "line", "column", "code", "severity", "message"}
    assert all(set(d) == fields for d in report["diagnostics"])
    assert [(d["severity"], d["code"]) for d in report["diagnostics"]] == [("error", 90001), ("warning", 90002)]


def test_warnings_alone_exit_0_strict_1_no_lint_none(tmp_path: Path) -> None:
    f = write(tmp_path / "lint.4dm", 'ALRET("x")\n')
    code, out, _ = run(["check", str(f)])
    assert code == 0
    assert out.splitlines()[0] == (
        f'{f}:1:1: warning 90002: Unknown variable, method or command "ALRET"; did you mean "ALERT"?'
    )
    assert run(["check", "--strict", str(f)])[0] == 1
    code, out, _ = run(["check", "--no-lint", str(f)])
    assert code == 0 and ": warning " not in out


def test_warning_is_what_a_run_says(tmp_path: Path) -> None:
    f = write(tmp_path / "lint.4dm", '$x:=Lenght("abc")\n')
    _, out, _ = run(["check", str(f)])
    _, _, err = run([str(f)])
    warning = out.splitlines()[0].split(": warning 90002: ", 1)[1]
    assert f"error 90002: {warning}" in err


def test_internal_error_is_one_line_and_the_check_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mini4d import parser

    real = parser.parse_checked

    def broken(source: Source):  # type: ignore[no-untyped-def]
        if source.name.endswith("boom.4dm"):
            raise KeyError("boom")
        return real(source)

    monkeypatch.setattr(parser, "parse_checked", broken)
    write(tmp_path / "a.4dm", "$a:=1 2\n")
    boom = write(tmp_path / "boom.4dm", "$x:=1\n")
    write(tmp_path / "c.4dm", "$c:=(\n")
    code, out, err = run(["check", str(tmp_path)])
    assert code == 70
    lines = out.splitlines()
    assert len(lines) == 4 and "Traceback" not in out + err
    assert lines[1] == f"{boom}: internal error (KeyError: 'boom'); please report this bug (--debug shows details)"
    assert lines[2].startswith(str(tmp_path / "c.4dm") + ":1:6: error")
    code, out, _ = run(["check", "--debug", str(tmp_path)])
    assert code == 70 and "Traceback (most recent call last)" in out and "KeyError: 'boom'" in out


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_checked_folder_is_skipped(tmp_path: Path) -> None:
    import os

    write(tmp_path / "good.4dm", "$x:=1\n")
    os.mkfifo(tmp_path / "pipe.4dm")  # reading it would wait for a writer forever
    code, out, _ = run(["check", str(tmp_path)])
    assert code == 0 and out.splitlines()[-1].startswith("1 files, 1 lines, 0 errors")


def test_parallel_check_survives_an_internal_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mini4d.check as check_mod

    for i in range(40):
        write(tmp_path / f"m{i:02d}.4dm", "$x:=1\n" if i != 7 else "$x:=(\n")
    serial = check_paths([tmp_path], jobs=1)
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_FILES", 10)
    parallel = check_paths([tmp_path], jobs=2)
    assert parallel.lines_out() == serial.lines_out() and serial.errors == 1


# ------------------------------------------------------------------ lint rules


def lint_lines(folder: Path, *extra: str) -> list[str]:
    _, out, _ = run(["check", *extra, str(folder)])
    return [line.split(": warning ", 1)[1] for line in out.splitlines() if ": warning " in line]


def test_lint_rules_in_a_script_folder(tmp_path: Path) -> None:
    write(tmp_path / "helper.4dm", "#DECLARE($a : Integer)\nALERT(String($a))\n")
    write(tmp_path / "Classes" / "Point.4dm", "property x : Real\n")
    write(
        tmp_path / "main.4dm",
        "\n".join(
            [
                'ALRET("x")',  # unknown method, did you mean a command
                "helper(1)",  # a method of the folder: fine
                "helpr",  # a statement name: a method call; did you mean the method
                "$p:=cs.Pointt.new()",  # unknown class
                "$q:=cs.Point.new()",  # fine
                "var $r : cs.Pointe",  # unknown class as a type
                "$s:=cs.Lib.Tool.new()",  # a component namespace: not checked
                "ALERT(1; 2; 3)",  # argument count
                '$t:=Substring("a")',  # argument count
                "$u:=Is texte",  # a name with a space: unknown; did you mean the constant
                "$v:=Foo:C99999(1)",  # unknown tokenized command
                "$w:=Bogus:K99:99",  # unknown tokenized constant
                "$x:=PV PRINT:P13000:229",  # a plug-in command: not checked
                "$y:=Error method+String(Error line)",  # system variables
                "vCount:=vCount+1",  # a process variable
                "ALL RECORDS([Customers])",  # a 4D command mini4d does not run: not a warning
                "ALERT(String:C10(1)+Is text:K8:3)",
                "SORT ARRAY($a; >)",
                "",
            ]
        ),
    )
    assert lint_lines(tmp_path / "main.4dm") == [
        '90002: Unknown variable, method or command "ALRET"; did you mean "ALERT"?',
        '90002: Unknown variable, method or command "helpr"; did you mean the method "helper"?',
        '90090: Unknown class "cs.Pointt"; did you mean "cs.Point"?',
        '90090: Unknown class "cs.Pointe"; did you mean "cs.Point"?',
        "90013: `ALERT` takes 1 to 2 parameter(s), 3 given; ALERT(message : Text; {ok_button : Text})",
        "90013: `Substring` takes 2 to 3 parameter(s), 1 given; "
        "Substring(source : Text; first : Integer; {count : any})",
        '90002: Unknown variable, method or command "Is texte"; did you mean the constant "Is text"?',
        "90002: Unknown command `Foo` (number 99999)",
        '90002: Unknown constant "Bogus"',
    ]


def _project(root: Path, closed: bool = True) -> Path:
    write(root / "Project" / "App.4DProject", "{}")
    write(root / "Project" / "Sources" / "Methods" / "helper.4dm", "ALERT(1)\n")
    write(root / "Project" / "Sources" / "Classes" / "Point.4dm", "property x : Real\n")
    write(
        root / "Project" / "Sources" / "catalog.4DCatalog",
        '<base_definition><table name="Invoices" id="1"/></base_definition>',
    )
    if not closed:
        (root / "Components").mkdir()
    return write(
        root / "Project" / "Sources" / "Forms" / "F" / "ObjectMethods" / "b.4dm",
        "helper\nhelpr\nProgress New\n$e:=cs.InvoicesEntity\n$s:=cs.InvoicesSelection\n$o:=cs.Orders\n"
        "$d:=ds.Invoices\nIf (Radio Button1=1)\nEnd if\nALERT(1; 2; 3)\n",
    )


def test_lint_in_a_closed_project(tmp_path: Path) -> None:
    _project(tmp_path)
    assert lint_lines(tmp_path) == [
        '90002: Unknown variable, method or command "helpr"; did you mean the method "helper"?',
        '90002: Unknown variable, method or command "Progress New"; did you mean the constant "Progress bar"?',
        '90090: Unknown class "cs.Orders"',
        "90013: `ALERT` takes 1 to 2 parameter(s), 3 given; ALERT(message : Text; {ok_button : Text})",
    ]


def test_project_with_components_only_gets_4d_name_rules(tmp_path: Path) -> None:
    """Component methods and classes are invisible here: no method or class warning."""
    _project(tmp_path, closed=False)
    assert lint_lines(tmp_path) == [
        "90013: `ALERT` takes 1 to 2 parameter(s), 3 given; ALERT(message : Text; {ok_button : Text})"
    ]


def test_project_sources_without_the_project_file_are_not_closed(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "Project" / "App.4DProject").unlink()
    assert len(lint_lines(tmp_path)) == 1


# ------------------------------------------------------------------ command line


SUBCOMMANDS = ("run", "serve", "check", "commands", "test", "kernel")


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_every_subcommand_has_help(sub: str) -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "mini4d", sub, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith(f"usage: mini4d {sub}"), proc


def test_usage_lists_every_subcommand() -> None:
    _, out, _ = run(["--help"])
    for sub in SUBCOMMANDS:
        assert f"mini4d {sub} " in out


def test_check_help_tells_the_exit_statuses() -> None:
    _, out, _ = run(["check", "--help"])
    for word in ("--format", "--no-lint", "--strict", "65", "70", "warning"):
        assert word in out


def test_a_second_c_is_an_error() -> None:
    code, out, err = run(["-c", 'ALERT("a")', "-c", 'ALERT("b")'])
    assert (code, out) == (2, "") and "-c is given once" in err


def test_double_dash_passes_dash_arguments() -> None:
    code, out, _ = run(["-c", "#DECLARE($a : Text)\nALERT($a)", "--", "-c"])
    assert (code, out) == (0, "-c\n")


def test_internal_error_outside_a_run_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from mini4d import cache

    def broken(source: Source) -> None:
        raise RuntimeError("bad cache")

    monkeypatch.setattr(cache, "parse_cached", broken)
    code, out, err = run(["-c", "ALERT(1)"])
    assert code == 70 and out == ""
    assert err == (
        "mini4d: internal error (RuntimeError: bad cache); please report this bug "
        "with the script that caused it (run with --debug for details)\n"
    )
    code, _, err = run(["--debug", "-c", "ALERT(1)"])
    assert code == 70 and "Traceback (most recent call last)" in err
