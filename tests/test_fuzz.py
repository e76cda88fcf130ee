"""Fuzzing: random programs built from the grammar's constructs, and random mutations of
real scripts, must end in success or a 4D error (exit 0, 1 or 65), never an internal
error (exit 70) or a hang. The long versions are marked slow.
"""

from __future__ import annotations

import io
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mini4d.cli import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_RUNTIME, EXIT_SYNTAX, Streams, execute
from mini4d.errors import FourDError, Syntax4DError
from mini4d.parser import parse_source
from mini4d.project import Project
from mini4d.runtime import Runtime
from mini4d.source import Source, SourceDecodeError, decode_source

# The run raises the recursion limit for deep 4D call stacks; do it once, up front, so that
# hypothesis does not see it change during an example.
sys.setrecursionlimit(max(sys.getrecursionlimit(), 200_000))

# Runs raise and restore the recursion limit around each program; hypothesis notices it.
pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")

ROOT = Path(__file__).parent
SEEDS = sorted(
    p
    for d in ("core", "arrays", "collections", "stdlib")
    for p in (ROOT / "scripts" / d).glob("*.4dm")
    if not p.name.startswith("_")
) + sorted((ROOT.parent / "examples").glob("*.4dm"))

# Seconds a program may run before the watchdog stops it (like Ctrl-C); stopping must work.
BUDGET = 3.0
STOP_GRACE = 10.0


def run_program(data: bytes | str, folder: Path) -> tuple[int, str]:
    """Run text as a method the way `mini4d FILE` does; (exit code, diagnostics)."""
    try:
        text = decode_source(data) if isinstance(data, bytes) else data
    except SourceDecodeError:
        return EXIT_SYNTAX, ""
    source = Source("fuzz.4dm", text)
    out, err = io.StringIO(), io.StringIO()
    try:
        stmts = parse_source(source)
        runtime = Runtime(Project([folder], [folder / "Classes"]), stdout=out, stderr=err)
        code = runtime.interp.compile_unit("fuzz", stmts, source)
    except Syntax4DError:
        return EXIT_SYNTAX, ""
    except FourDError:
        return EXIT_RUNTIME, ""
    except Exception:  # noqa: BLE001 - an internal error is what this test hunts
        return EXIT_INTERNAL, traceback.format_exc()
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["code"] = execute(runtime, code, [], Streams(out, err))
        except BaseException:  # noqa: BLE001
            result["code"] = EXIT_INTERNAL
            result["trace"] = traceback.format_exc()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(BUDGET)
    if thread.is_alive():
        runtime.stop_all()
        thread.join(STOP_GRACE)
        if thread.is_alive():
            return -1, "the program did not stop when interrupted (hang)"
        return result.get("code", EXIT_INTERRUPTED), err.getvalue()
    return result.get("code", EXIT_INTERNAL), result.get("trace", "") + err.getvalue()


# ------------------------------------------------------------------ program generator

VARS = ["$a", "$b", "$c", "$t", "$o", "$col"]
COMMANDS_1 = ["String", "Length", "Uppercase", "Num", "Abs", "Int", "Lowercase", "Char", "Character code", "Value type"]


@st.composite
def literal(draw: Any) -> str:
    kind = draw(st.sampled_from(["num", "text", "date", "time", "bool", "null", "hex"]))
    if kind == "num":
        return draw(st.sampled_from(["0", "1", "-1", "2.5", "1e3", "100000", "-0.5", "7"]))
    if kind == "text":
        body = draw(st.text(alphabet='ab @\\"é\t', max_size=6))
        return '"' + body.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind == "date":
        return draw(st.sampled_from(["!2024-01-31!", "!00-00-00!", "!1999/12/31!"]))
    if kind == "time":
        return draw(st.sampled_from(["?12:30:00?", "?00:00:00?", "?99:59:59?"]))
    if kind == "bool":
        return draw(st.sampled_from(["True", "False"]))
    if kind == "hex":
        return "0xFF"
    return "Null"


def expression(depth: int) -> st.SearchStrategy[str]:
    leaf = st.one_of(literal(), st.sampled_from(VARS))
    if depth <= 0:
        return leaf
    sub = expression(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(
            sub,
            st.sampled_from(
                ["+", "-", "*", "/", "\\", "%", "^", "=", "#", "<", ">=", "&", "|", "&&", "||", "<<", "??"]
            ),
            sub,
        ).map(lambda t: f"{t[0]}{t[1]}{t[2]}"),
        sub.map(lambda e: f"({e})"),
        st.tuples(st.sampled_from(COMMANDS_1), sub).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]}) ? {t[1]} : {t[2]}"),
        st.tuples(sub, sub).map(lambda t: f"New collection({t[0]}; {t[1]})"),
        st.tuples(sub).map(lambda t: f"{{k: {t[0]}}}"),
        st.tuples(st.sampled_from(VARS), st.sampled_from(["length", "k", "x"])).map(lambda t: f"{t[0]}.{t[1]}"),
        st.tuples(st.sampled_from(VARS), sub).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.sampled_from(VARS).map(lambda v: f"(->{v})->"),
        st.tuples(sub).map(lambda t: f"$arr{{{t[0]}}}"),
        st.tuples(sub).map(lambda t: f"Find in array($arr; {t[0]})"),
        st.tuples(sub, sub).map(lambda t: f"Substring({t[0]}; {t[1]})"),
        st.tuples(sub).map(lambda t: f"Try({t[0]})"),
    )


def statements(depth: int, counter: list[int]) -> st.SearchStrategy[list[str]]:
    expr = expression(2)
    simple = st.one_of(
        st.tuples(st.sampled_from(VARS), expr).map(lambda t: [f"{t[0]}:={t[1]}"]),
        st.tuples(st.sampled_from(VARS), st.sampled_from(["+=", "-=", "*="]), expr).map(
            lambda t: [f"{t[0]}{t[1]}{t[2]}"]
        ),
        expr.map(lambda e: [f"LOG EVENT(Into system standard outputs; String({e}))"]),
        st.tuples(st.sampled_from(["TEXT", "LONGINT", "REAL", "OBJECT", "BOOLEAN"]), st.integers(0, 3)).map(
            lambda t: [f"ARRAY {t[0]}($arr; {t[1]})"]
        ),
        expr.map(lambda e: [f"APPEND TO ARRAY($arr; {e})"]),
        st.tuples(expr, expr).map(lambda t: [f"$arr{{{t[0]}}}:={t[1]}"]),
        st.tuples(st.sampled_from(VARS), expr).map(lambda t: [f"{t[0]}.k:={t[1]}"]),
        st.just(["SORT ARRAY($arr; >)"]),
        st.tuples(st.sampled_from(["C_TEXT", "C_LONGINT", "C_OBJECT", "C_POINTER"]), st.sampled_from(VARS)).map(
            lambda t: [f"{t[0]}({t[1]})"]
        ),
        st.sampled_from(
            ["var $v : Integer", 'var $w : Text:="x"', "$p:=->$arr", "$p->{1}:=1", "break", "continue"]
        ).map(lambda s: [s]),
    )
    if depth <= 0:
        return simple
    body = st.lists(statements(depth - 1, counter), min_size=0, max_size=3).map(lambda ls: [x for s in ls for x in s])

    def loop_var() -> str:
        counter[0] += 1
        return f"$n{counter[0]}"

    def indent(lines: list[str]) -> list[str]:
        return ["\t" + x for x in lines]

    return st.one_of(
        simple,
        st.tuples(expr, body, body).map(lambda t: [f"If ({t[0]})", *indent(t[1]), "Else", *indent(t[2]), "End if"]),
        st.tuples(expr, body, expr, body).map(
            lambda t: ["Case of", f"\t: ({t[0]})", *indent(t[1]), f"\t: ({t[2]})", *indent(t[3]), "End case"]
        ),
        st.tuples(st.integers(0, 3), body).map(
            lambda t: (lambda v: [f"For ({v}; 1; {t[0]})", *indent(t[1]), "End for"])(loop_var())
        ),
        st.tuples(body).map(
            lambda t: (lambda v: [f"{v}:=0", f"While ({v}<3)", f"\t{v}:={v}+1", *indent(t[0]), "End while"])(loop_var())
        ),
        st.tuples(body).map(
            lambda t: (lambda v: [f"{v}:=0", "Repeat", f"\t{v}:={v}+1", *indent(t[0]), f"Until ({v}>=2)"])(loop_var())
        ),
        st.tuples(body).map(lambda t: ['For each ($e; New collection(1; "x"; Null))', *indent(t[0]), "End for each"]),
        st.tuples(body, body).map(lambda t: ["Try", *indent(t[0]), "Catch", *indent(t[1]), "End try"]),
    )


@st.composite
def program(draw: Any) -> str:
    counter = [0]
    lines = ["$a:=1", '$b:="x"', "$o:={k: 1}", "$col:=[1; 2]", "ARRAY TEXT($arr; 2)"]
    for chunk in draw(st.lists(statements(2, counter), min_size=1, max_size=6)):
        lines.extend(chunk)
    return "\n".join(lines) + "\n"


ALLOWED = (0, EXIT_RUNTIME, EXIT_SYNTAX)


def check_generated(text: str, folder: Path) -> None:
    code, info = run_program(text, folder)
    assert code in ALLOWED, f"exit {code}\n{info}\n--- program ---\n{text}"


_FAST = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
_LONG = settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))


@_FAST
@given(program())
def test_generated_programs_end_in_success_or_a_4d_error(tmp_path_factory: Any, text: str) -> None:
    check_generated(text, tmp_path_factory.getbasetemp())


@pytest.mark.slow
@_LONG
@given(program())
def test_generated_programs_long(tmp_path_factory: Any, text: str) -> None:
    check_generated(text, tmp_path_factory.getbasetemp())


# ------------------------------------------------------------------ mutations of real scripts

TOKENS = [
    b"(",
    b")",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"\\\n",
    b"/*",
    b"*/",
    b"//",
    b"->",
    b":=",
    b";",
    b"\n",
    b"End if\n",
    b"If (",
    b"For each (",
    b"End for\n",
    b"\xff",
    b"\x00",
    b"\xe2\x97\x8a",
    b"Begin SQL\n",
    b"$",
    b"<>",
    b"${",
    b"[[",
    b"?",
    b"!",
    b":C10",
    b"ARRAY TEXT($x;",
    b"\r",
    b"\xef\xbb\xbf",
]


@st.composite
def mutated(draw: Any) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "delete", "insert", "token", "dup_line"]))
        if op == "flip":
            data[pos] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 8))]
        elif op == "insert":
            data[pos:pos] = bytes(draw(st.lists(st.integers(0, 255), min_size=1, max_size=4)))
        elif op == "token":
            data[pos:pos] = draw(st.sampled_from(TOKENS))
        else:
            start = data.rfind(b"\n", 0, pos) + 1
            end = data.find(b"\n", pos)
            end = len(data) if end < 0 else end + 1
            data[start:start] = data[start:end]
    return bytes(data)


def check_mutated(data: bytes, folder: Path) -> None:
    code, info = run_program(data, folder)
    assert code in ALLOWED + (EXIT_INTERRUPTED,), f"exit {code}\n{info}"


@_FAST
@given(mutated())
def test_mutated_scripts_end_in_success_or_a_4d_error(tmp_path_factory: Any, data: bytes) -> None:
    check_mutated(data, tmp_path_factory.getbasetemp())


@pytest.mark.slow
@_LONG
@given(mutated())
def test_mutated_scripts_long(tmp_path_factory: Any, data: bytes) -> None:
    check_mutated(data, tmp_path_factory.getbasetemp())


def test_harness_reports_internal_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The harness itself can fail: an internal bug is exit 70."""
    import mini4d.interpreter as I

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise KeyError("bug")

    monkeypatch.setattr(I.Interpreter, "compile_unit", boom)
    assert run_program("$a:=1\n", tmp_path)[0] == EXIT_INTERNAL


def test_harness_stops_endless_loops(tmp_path: Path) -> None:
    assert run_program("While (True)\nEnd while\n", tmp_path)[0] == EXIT_INTERRUPTED
