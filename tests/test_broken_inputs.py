"""Broken inputs: each gives a 4D-style message and the right exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli


def run_file(
    tmp_path: Path, data: bytes | str, name: str = "input.4dm", args: list[str] | None = None
) -> tuple[int, str, str]:
    path = tmp_path / name
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    code, out, err = run_cli([str(path), *(args or [])])
    assert "Traceback" not in err
    return code, out, err


# (source, exit code, text that must appear in stderr)
CASES = [
    ("If (True\n", 65, "error 90001: Missing `)` before the end of the line"),
    ("$x:=\n", 65, "error 90001: Incomplete statement"),
    ("$x:=(1+2\n", 65, "error 90001: Missing `)`"),
    ('ALERT("open\n', 65, "Unclosed text literal"),
    ("End case\n", 65, "`End case` without a matching `Case of`"),
    ("While (True)\nEnd for\n", 65, "`End for` found where `End while` was expected"),
    ("$x:=1 +\n", 65, "error 90001"),
    ("@@@\n", 65, "error 90001: Unexpected character `@`"),
    ("$x:=)\n", 65, "error 90001: Unexpected `)`"),
    ("$a; $b\n", 65, "error 90001"),
    ("$o:={x y: 1}\n", 65, "1:8: error 90001: Expected `:` before `y`: each property of an object literal is written"),
    ("$o:={x: 1; y 2}\n", 65, "1:14: error 90001: Expected `:` before `2`"),
    ("Case of\n$x:=1\nEnd case\n", 65, "2:1: error 90001: Each branch of `Case of` starts with `: (condition)`"),
    ("Sesion storage $x\n", 65, "Unknown command `Sesion storage`; did you mean `Session storage`?"),
    (
        "Sesion storage($x)\n",
        1,
        'error 90002: Unknown variable, method or command "Sesion storage"; did you mean "Session storage"?',
    ),
    ("$x:=$undeclared+1\n", 1, "error 90030: The variable $undeclared is not defined"),
    ('$x:="a"+1\n', 1, "error 90010: Incompatible types: Text + Number"),
    ("$x:=Length(12)\n", 1, "error 90011"),
    ('$x:=Length("a"; "b"; "c")\n', 1, "error 90013"),
    ('var $i : Integer\n$i:="x"\n', 1, "error 90031"),
    ("$o:=Null\n$o.a:=1\n", 1, "error 90021"),
    ("$x:=New object.missing.call()\n", 1, "error 90022"),
    ("$x:=1/0\n$y:=5\\0\n", 1, "error 90040: Division by zero"),
    ('If ("text")\nEnd if\n', 1, "error 90010: A Boolean was expected, got Text"),
    ("$x:=[1; 2][1/0]\n", 1, "error 90023: Index INF is out of range"),
    ("$c:=[]\n$c[1e12]:=1\n", 1, "error 90023: Index 1000000000000 is too far past the end"),
    ('$t:="abc"\n$t[[1/0]]:="x"\n', 1, "error 90023: Index INF is out of range"),
    ('$t:="ab"*1e10\n', 1, "error 90073: The repeated text would exceed"),
]


@pytest.mark.parametrize("source,exit_code,message", CASES, ids=[c[0].split("\n")[0][:30] for c in CASES])
def test_broken_source(tmp_path: Path, source: str, exit_code: int, message: str) -> None:
    code, _out, err = run_file(tmp_path, source)
    assert code == exit_code, err
    assert message in err
    assert err.startswith((str(tmp_path / "input.4dm"), "input.4dm")) or ":" in err.split("\n")[0]


def test_error_line_shows_source_and_caret(tmp_path: Path) -> None:
    _, _, err = run_file(tmp_path, '$a:=1\n$b:=$a+"x"\n')
    lines = err.splitlines()
    assert lines[0].endswith("input.4dm:2:5: error 90010: Incompatible types: Number + Text")
    assert lines[1:3] == ['    $b:=$a+"x"', "        ^~~~~~"]


def test_deep_recursion_is_a_4d_error(tmp_path: Path) -> None:
    (tmp_path / "Deep.4dm").write_text("#DECLARE($n : Real)\nDeep($n+1)\n", encoding="utf-8")
    code, _, err = run_file(tmp_path, "Deep(1)\n")
    assert code == 1
    assert "error 90070" in err


def test_invalid_utf8_reports_the_byte_offset(tmp_path: Path) -> None:
    code, out, err = run_file(tmp_path, b'ALERT("ok")\n$x:="caf\xe9"\n')
    assert code == 65 and out == ""
    assert err == f"{tmp_path / 'input.4dm'}: error: cannot read the file: invalid UTF-8 byte 0xE9 at byte offset 20\n"


def test_binary_data_is_refused(tmp_path: Path) -> None:
    code, out, err = run_file(tmp_path, bytes(range(256)) * 4)
    assert code == 65 and out == ""
    assert "binary data (NUL byte), not 4D source text at byte offset 0" in err


def test_png_header_is_refused(tmp_path: Path) -> None:
    code, _, err = run_file(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert code == 65
    assert "cannot read the file" in err


def test_empty_file_runs_and_prints_nothing(tmp_path: Path) -> None:
    assert run_file(tmp_path, b"") == (0, "", "")


def test_only_comments_and_blank_lines(tmp_path: Path) -> None:
    assert run_file(tmp_path, "// nothing\n\n/* block\n comment */\n   \n") == (0, "", "")


def test_crlf_line_endings(tmp_path: Path) -> None:
    code, out, err = run_file(tmp_path, b'ALERT("a")\r\nIf (True)\r\n\tALERT("b")\r\nEnd if\r\n$x:=[][1]\r\n')
    assert (code, out) == (1, "a\nb\n")
    assert ":5:5: error 90023" in err.splitlines()[0]


def test_bare_cr_line_endings(tmp_path: Path) -> None:
    code, out, err = run_file(tmp_path, b'ALERT("a")\rALERT("b")\r$x:=[][1]')
    assert (code, out) == (1, "a\nb\n")
    assert ":3:5: error 90023" in err.splitlines()[0]


def test_utf8_bom_is_ignored(tmp_path: Path) -> None:
    code, out, err = run_file(tmp_path, b'\xef\xbb\xbfALERT("caf\xc3\xa9")\n$x:=[][1]\n')
    assert (code, out) == (0, "café\n") or (code, out) == (1, "café\n")
    assert ":2:5: error 90023" in err.splitlines()[0]


def test_no_final_newline(tmp_path: Path) -> None:
    assert run_file(tmp_path, 'ALERT("end")')[:2] == (0, "end\n")


def test_tabs_and_unicode_names(tmp_path: Path) -> None:
    code, out, _ = run_file(tmp_path, '$prénom:="Zoë"\n\tALERT($prénom+" ✓")\n')
    assert (code, out) == (0, "Zoë ✓\n")


def test_very_long_line(tmp_path: Path) -> None:
    expr = "+".join(["1"] * 5000)
    assert run_file(tmp_path, f"ALERT(String({expr}))\n")[:2] == (0, "5000\n")


def test_deeply_nested_parentheses(tmp_path: Path) -> None:
    code, out, err = run_file(tmp_path, "$x:=" + "(" * 2000 + "1" + ")" * 2000 + "\nALERT(String($x))\n")
    assert code in (0, 65)
    assert out == "1\n" if code == 0 else "nested too deeply" in err


def _many_lines(n: int) -> str:
    lines = [f"$v{i % 50}:={i}" for i in range(n)]
    lines.append("ALERT(String($v49))")
    return "\n".join(lines) + "\n"


def test_large_file(tmp_path: Path) -> None:
    assert run_file(tmp_path, _many_lines(5000)) == (0, "4999\n", "")


@pytest.mark.slow
def test_huge_file(tmp_path: Path) -> None:
    assert run_file(tmp_path, _many_lines(100000)) == (0, "99999\n", "")


@pytest.mark.slow
def test_huge_file_with_a_syntax_error_at_the_end(tmp_path: Path) -> None:
    lines = ["$x:=1"] * 30000 + ["$x:=(2"]
    code, _, err = run_file(tmp_path, "\n".join(lines) + "\n")
    assert code == 65
    assert ":30001:" in err.splitlines()[0]


def test_syntax_error_at_the_end_of_a_large_file(tmp_path: Path) -> None:
    code, _, err = run_file(tmp_path, "$x:=1\n" * 3000 + "$x:=(2\n")
    assert code == 65
    assert ":3001:7: error 90001: Missing `)`" in err.splitlines()[0]
