"""Fuzzing: random programs built from the grammar's constructs, and random mutations of
real scripts, must end in success or a 4D error (exit 0, 1 or 65), never an internal
error (exit 70) or a hang. The long versions are marked slow.
"""

from __future__ import annotations

import io
import os
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


# ------------------------------------------------------------------ every parameter of every command
#
# Each program calls one command or member function of the registry with typed edge values in
# its parameters (one parameter, or two, given an edge value; the others a value of their declared
# type), or runs a statement form given a value of a wrong type. The short run checks an even
# sample of them; the long run (`-m fuzz_long`) every one, at least 100,000 programs.

# Commands left out: they act on the machine outside the run's temporary folder (processes,
# the network, the web server, files written where a relative path resolves, the debugger, long
# waits), or wait for a person.
EXCLUDED_COMMANDS = frozenset(
    {
        "New process",
        "CALL WORKER",
        "DELAY PROCESS",
        "PAUSE PROCESS",
        "IDLE",
        "TRACE",
        "TEXT TO DOCUMENT",
        "LOG EVENT",
        "ABORT PROCESS BY ID",
        "KILL WORKER",
    }
)
EXCLUDED_THEMES = frozenset({"Web Server"})

# An edge value for any parameter: special arguments, numbers a command cannot use as an integer,
# an index or a size, a huge and a broken text, Null, Undefined, and a value of every other type.
EDGES = (
    "<",
    ">",
    "*",
    "1/0",
    "-1/0",
    "Log(-1)",
    "-1",
    "0",
    "2^31",
    "-(2^31)-1",
    "1e10",
    "1e308",
    "0.5",
    '"x"*200000',
    "Char(0xD800)",
    '"a"+Char(0xDFFF)+"b"',
    '""',
    '"abc"',
    '"a{99999999999}"',
    "Null",
    "$o.missing",
    "True",
    "!2024-01-01!",
    "!00-00-00!",
    "?01:00:00?",
    "{a: 1/0}",
    "{}",
    "[]",
    "[1; Null; 1/0]",
    "->$v",
    "$arr",
    "Formula(1)",
)

# A plain value of each declared type (the annotation of the command's parameter).
PLAIN = {
    "str": '"abc"',
    "float": "1",
    "int": "1",
    "bool": "True",
    "Date4D": "!2024-01-01!",
    "Time4D": "?01:00:00?",
    "Obj": "{a: 1}",
    "Obj | None": "{a: 1}",
    "Coll": '[1; "b"]',
    "Coll | None": '[1; "b"]',
    "Ref": "$v",
    "Ref | None": "$v",
}
REF_EDGES = ("$v", "$arr", "$arr{1}", "$o.k", "$undeclared", "$p->", "1")

PRELUDE = "var $v\nARRAY TEXT($arr; 2)\n$o:={k: 1}\n$c:=[3; 1; 2]\n$p:=->$v\n"

# Member functions called on receivers built in the program: (receiver expression, names).
FORMULA_MEMBERS = ("call", "apply")


def _commands() -> list[Any]:
    from mini4d.registry import REGISTRY

    reg = REGISTRY.ensure_loaded()
    seen: dict[int, Any] = {}
    for info in reg.by_number.values():
        if info.func is None or info.name in EXCLUDED_COMMANDS or info.theme in EXCLUDED_THEMES:
            continue
        seen.setdefault(id(info), info)
    return sorted(seen.values(), key=lambda i: i.name)


def _call(name: str, args: list[str], statement: bool) -> str:
    call = f"{name}({'; '.join(args)})" if args else name
    return call if statement else f"$r:={call}"


def _command_programs(info: Any, rng: Any, pairs: int) -> list[str]:
    """Programs calling one command: each parameter given each edge value, then `pairs` programs
    with two parameters given random edge values."""
    params = list(info.params)
    n = len(params) + (1 if not params or not params[-1].variadic else 2)  # one more than declared
    if info.compile is not None and not params:
        n = 3  # a command compiled specially: its arguments are not in the registry

    def plain(k: int) -> str:
        p = params[k] if k < len(params) else (params[-1] if params and params[-1].variadic else None)
        return PLAIN.get(p.annotation, "1") if p is not None else "1"

    def edges(k: int) -> tuple[str, ...]:
        p = params[k] if k < len(params) else None
        return REF_EDGES + EDGES[:3] if p is not None and p.is_ref else EDGES

    out = []
    for k in range(n):
        for edge in edges(k):
            args = [plain(j) for j in range(k)] + [edge]
            out.append(PRELUDE + _call(info.name, args, statement=len(out) % 2 == 0) + "\n")
    for _ in range(pairs):
        m = rng.randint(1, n)
        args = [plain(j) for j in range(m)]
        for k in rng.sample(range(m), min(2, m)):
            args[k] = rng.choice(edges(k))
        out.append(PRELUDE + _call(info.name, args, statement=rng.random() < 0.5) + "\n")
    return out


def _member_programs(rng: Any, pairs: int) -> list[str]:
    from mini4d.registry import REGISTRY

    members = sorted(REGISTRY.ensure_loaded().members.get("Collection", {}))
    receivers = {"Collection": ("$c", "[]", '["b"; "a"; Null; {k: 1}]', "New shared collection(1; 2)")}
    out = []
    calls = [(r, m) for r in receivers["Collection"] for m in members]
    calls += [("Formula($1+1)", m) for m in FORMULA_MEMBERS] + [("Formula(Length($1))", m) for m in FORMULA_MEMBERS]
    for recv, name in calls:
        for n in range(0, 4):
            for edge in EDGES:
                for first in ("1", "Formula($1.value)") if n else ("1",):  # many members take a formula first
                    args = [first] + ["1"] * (n - 1) + [edge] if n else [edge]
                    out.append(PRELUDE + f"$r:=({recv}).{name}({'; '.join(args)})\n")
        for _ in range(pairs):
            args = [
                rng.choice(EDGES + ("1", '"k"', "Formula($1.value>1)", '"k > 1"')) for _ in range(rng.randint(1, 4))
            ]
            out.append(PRELUDE + f"$r:=({recv}).{name}({'; '.join(args)})\n")
    return out


# Statement forms given values of a wrong type: `{}` stands for the edge value.
STATEMENT_FORMS = (
    "For ($i; {}; 3)\nEnd for",
    "For ($i; 1; {})\n\tIf ($i>3)\n\t\tbreak\n\tEnd if\nEnd for",
    "For ($i; 1; 3; {})\n\tbreak\nEnd for",
    "For ($i; 1; 3)\n\t$i:={}\nEnd for",
    "var $n : Integer\nFor ($n; 1; 3)\n\t$n:={}\nEnd for",
    "var $t : Time\nFor ($t; {}; 3)\nEnd for",
    "For ($o.k; 1; 3)\n\t$o.k:={}\nEnd for",
    "For each ($e; {})\nEnd for each",
    "For each ($e; [1; 2; 3]; {})\nEnd for each",
    "For each ($e; [1; 2; 3]; 0; {})\nEnd for each",
    "For each ($e; $o) Until ({})\nEnd for each",
    "$r:=$arr{{}}",
    '$arr{{}}:="x"',
    "$r:=${{}}",
    "${{}}:=5",
    "$r:=$c[{}]",
    "$c[{}]:=1",
    '$r:="abc"[[{}]]',
    '$t:="abc"\n$t[[{}]]:="z"',
    "$r:=$o[{}]",
    "$o[{}]:=1",
    "If ({})\nEnd if",
    "Case of\n\t: ({})\nEnd case",
    "While ({})\n\tbreak\nEnd while",
    "Repeat\nUntil ({})",
    "$r:={}+{}",
    "$r:={}*{}",
    "$r:=-{}",
    "$r:={}<{}",
    "$r:={}\\{}",
    "$r:={}%{}",
    "$r:={}^{}",
    "$r:={}??1",
    "$r:={}->",
    "Use ({})\nEnd use",
    "$r:=({}).k",
    "$r:=({}).length",
    "({}).k:=1",
    "$r:=Try({})",
    "throw({})",
    "$r:=({}) ? 1 : 2",
    "$v:={}\n$v+=1",
    "ARRAY LONGINT($n; 2)\n$n:={}",
)
# The edges that are expressions (special arguments are no values outside a call).
VALUE_EDGES = EDGES[3:] + ("$arr{1}", "$v", "$p", "->$o.k")


def _statement_programs(rng: Any, pairs: int) -> list[str]:
    out = []
    for form in STATEMENT_FORMS:
        for edge in VALUE_EDGES:
            out.append(PRELUDE + form.replace("{}", edge) + "\n")
        for _ in range(pairs):
            out.append(
                PRELUDE
                + "".join(x + rng.choice(VALUE_EDGES) for x in form.split("{}")[:-1])
                + form.split("{}")[-1]
                + "\n"
            )
    return out


def edge_programs(pairs: int, seed: int = 4) -> list[str]:
    """Every edge program: each parameter of each command and member function given each edge
    value, the statement forms given each, plus `pairs` random two-edge variants of each."""
    import random

    rng = random.Random(seed)
    out = []
    for info in _commands():
        out += _command_programs(info, rng, pairs)
    out += _member_programs(rng, pairs)
    out += _statement_programs(rng, pairs)
    return out


def check_edge_programs(programs: list[str], folder: Path) -> list[str]:
    """The programs that end otherwise than in success or a 4D error (with what they printed)."""
    bad = []
    for text in programs:
        code, info = run_program(text, folder)
        if code not in ALLOWED + (EXIT_INTERRUPTED,):
            bad.append(f"exit {code}\n{info}\n--- program ---\n{text}")
    return bad


def test_edge_values_in_every_parameter_short(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a relative path a command writes to lands here
    programs = edge_programs(pairs=0)
    sample = programs[:: max(1, len(programs) // 1500)]
    bad = check_edge_programs(sample, tmp_path)
    assert not bad, f"{len(bad)} of {len(sample)} programs failed; the first:\n" + bad[0]


@pytest.mark.fuzz_long
def test_edge_values_in_every_parameter_long(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    import resource
    import time

    programs = edge_programs(pairs=int(os.environ.get("MINI4D_FUZZ_PAIRS", "110")))
    # a program that would take the machine's memory meets a MemoryError (error 90071) instead
    old = resource.getrlimit(resource.RLIMIT_AS)
    limit = 8 * 1024**3
    if old[0] == resource.RLIM_INFINITY or old[0] > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, old[1]))
    start = time.monotonic()
    try:
        bad = check_edge_programs(programs, tmp_path)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, old)
    elapsed = time.monotonic() - start
    print(f"\nedge programs: {len(programs)} run in {elapsed:.0f} s, {len(bad)} failed")
    assert len(programs) >= 100_000
    assert not bad, f"{len(bad)} of {len(programs)} programs failed; the first:\n" + bad[0]
