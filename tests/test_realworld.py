"""Classic 4D code as public projects write it: our own snippets for each construct found
in a sample of public repositories (tests/data/realworld), run and checked end to end."""

from __future__ import annotations

import io
import json
from pathlib import Path

import mini4d.check as check_mod
import pytest
from mini4d.check import check_paths
from mini4d.cli import main

DATA = Path(__file__).parent / "data" / "realworld"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_classic_project_runs_until_the_database_is_needed() -> None:
    code, out, err = run([str(DATA / "main.4dm")])
    assert out.splitlines() == [
        "2 rows: abc[]",  # 2-D array filled through a pointer parameter, rows inserted
        "cleared: 0",  # DELETE FROM ARRAY($1->; Num(Size of array($1->)>0); ...)
        "still: 0",
        "16,32,48 32",  # output parameters through pointers, bit operators, stray `;`
        "Sinon",  # $fr{Find in array($us; "else")}
        "3 Fin de si",  # COPY ARRAY into a dereferenced pointer
        "0 True",  # interprocess arrays
        "continued",  # `\` continuations inside arguments and conditions
        "found 3 stopped at 2147483647",  # leaving a For loop by setting its counter
        "field 2:3",  # RESOLVE POINTER on a tokenized field pointer
    ]
    assert code == 1
    assert "main.4dm:48:" in err and "error 90121: Unknown table [Customers] (this project has no catalog" in err


def test_check_reports_files_lines_and_no_errors() -> None:
    code, out, err = run(["check", str(DATA)])
    assert code == 0
    lines = out.splitlines()
    assert lines[-1].startswith("4 files, 96 lines, 0 errors, ")


def test_check_one_line_per_problem_and_json(tmp_path: Path) -> None:
    (tmp_path / "Methods").mkdir()
    (tmp_path / "Methods" / "good.4dm").write_text('ARRAY TEXT($a; 1)\n$a{1}:="x"\n', encoding="utf-8")
    (tmp_path / "Methods" / "bad.4dm").write_text("If (True)\n$a:=1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not 4D", encoding="utf-8")
    code, out, err = run(["check", str(tmp_path)])
    assert code == 65
    assert (
        out.splitlines()[0]
        == f"{tmp_path / 'Methods' / 'bad.4dm'}:1:1: error 90001: `If` at line 1 has no matching `End if`"
    )
    assert out.splitlines()[-1].startswith("2 files, 4 lines, 1 errors, ")
    code, out, err = run(["check", "--format", "json", str(tmp_path)])
    report = json.loads(out)
    assert (report["files"], report["lines"], report["errors"]) == (2, 4, 1)
    assert report["diagnostics"][0]["line"] == 1


def test_parallel_check_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(30):
        body = "C_LONGINT($n)\n" + "$n:=$n+1\n" * i + ("If (True)\n" if i % 7 == 3 else "")
        (tmp_path / f"m{i:02d}.4dm").write_text(body, encoding="utf-8")
    serial = check_paths([tmp_path], jobs=1)
    monkeypatch.setattr(check_mod, "PARALLEL_MIN_FILES", 10)
    parallel = check_paths([tmp_path], jobs=2)
    assert (parallel.files, parallel.line_count, parallel.errors) == (serial.files, serial.line_count, serial.errors)
    assert parallel.lines_out() == serial.lines_out()
    assert serial.errors == 4


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    code, out, err = run(["check", str(tmp_path / "nope")])
    assert code == 2
    assert "no such file or folder" in out


@pytest.mark.parametrize(
    "source,expected",
    [
        # C_XXX declarations give typed defaults; the method-name form is ignored
        ('C_TEXT:C284($t)\nC_LONGINT:C283($n)\nALERT("["+$t+"]"+String($n))', "[]0"),
        ('If (False)\n\tC_TEXT:C284(Some_method ;$1)\nEnd if\nALERT("ok")', "ok"),
        # legacy glyph and tokens in French
        ("\u25cavX:=3\nALERT(Cha\u00eene:C10(<>vX))", "3"),
        # arrays of objects and element 0
        ('ARRAY OBJECT($ao; 1)\n$ao{1}:=New object("k"; 2)\n$ao{0}:=$ao{1}\nALERT(String($ao{0}.k))', "2"),
        # pointer to an object: property access without a dot
        ("$o:={a: {b: 5}}\n$p:=->$o\nALERT(String($p->a.b))", "5"),
        # Get pointer on an array element, then write through it
        ('ARRAY TEXT(at; 2)\n$e:=Get pointer("at{2}")\n$e->:="z"\nALERT(at{2})', "z"),
        # SORT ARRAY keeps parallel arrays aligned
        (
            'ARRAY TEXT($k; 0)\nARRAY LONGINT($v; 0)\nAPPEND TO ARRAY($k; "b")\nAPPEND TO ARRAY($v; 2)\n'
            'APPEND TO ARRAY($k; "a")\nAPPEND TO ARRAY($v; 1)\nSORT ARRAY($k; $v; >)\nALERT($k{1}+String($v{1}))',
            "a1",
        ),
    ],
)
def test_classic_snippets(source: str, expected: str) -> None:
    code, out, err = run(["-c", source])
    assert (code, out, err) == (0, expected + "\n", "")


def test_method_names_with_spaces_and_digits_resolve_ignoring_case(tmp_path: Path) -> None:
    (tmp_path / "Say Hello.4dm").write_text('#DECLARE($who : Text) : Text\nreturn "Hello "+$who\n', encoding="utf-8")
    (tmp_path / "00_first.4dm").write_text('ALERT("first")\n', encoding="utf-8")
    main_file = tmp_path / "main.4dm"
    main_file.write_text('ALERT(say  HELLO("you"))\n00_FIRST\n', encoding="utf-8")
    assert run([str(main_file)])[:2] == (0, "Hello you\nfirst\n")
