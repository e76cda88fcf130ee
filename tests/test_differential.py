"""Every fast path of the core decides what the general path decides (tests/differential.py).

Each test compiles the same 4D method with the fast paths on and off (`MINI4D_NO_FASTPATHS=1`)
and runs both with the same arguments: operators of every operand shape, fused assignments to
typed variables, property updates, push, element reads and writes, parameter binding, text `+`
chains, `This.x`, class functions, formulas, command calls with literal arguments.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from differential import Spec, Twins
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mini4d.values import REAL_EPSILON

# compiling the first method raises the recursion limit (lang/limits.py): hypothesis notices it
pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")

METHODS = {
    "id": "#DECLARE($v : Variant)\nreturn $v\n",
    **{
        f"as_{t}": f"#DECLARE($v : {t.capitalize()})\nreturn $v\n"
        for t in ("integer", "real", "text", "boolean", "date", "time", "object", "collection")
    },
    **{
        f"two_{t}": f"#DECLARE($v : {t.capitalize()}; $w : {t.capitalize()})\nreturn [$v; $w]\n"
        for t in ("integer", "real", "text", "variant", "object")
    },
    "as_variant": "#DECLARE($v : Variant)\nreturn $v\n",
    "none": "$x:=1\n",
    "legacy": "C_REAL($1)\n$0:=[$1; $2]\n",
    "result": '#DECLARE($v : Variant)->$r : Text\nIf ($v=Null)\n$r:="null"\nElse\n$r:=String($v)\nEnd if\n',
    "deferred": '#DECLARE($v : Variant)\nthrow({errCode: 7; message: "later"; deferred: True})\nreturn $v\n',
    "fails": "#DECLARE($v : Variant)\n$x:=$v.a.b\nreturn $x\n",
    "count_params": "#DECLARE($v : Variant; $w : Variant)\nreturn Count parameters\n",
}
CLASSES = {
    "DPoint": (
        "Class constructor($x : Variant)\n\tThis.x:=$x\n\n"
        "Function get() : Variant\n\treturn This.x\n\n"
        "Function add($d : Variant)\n\tThis.x:=This.x+$d\n\n"
        "Function put($d : Variant; $e : Variant)\n\tThis.y:=$d\n\tThis.z:=$u\n"
    ),
    "DComputed": (
        "Class constructor($x : Variant)\n\tThis.x:=$x\n\tThis.v:=$x\n\n"
        "Function get v() : Variant\n\treturn [This.x]\n\n"
        "Function set v($val : Variant)\n\tThis.x:=$val\n\n"
        "Function read() : Variant\n\treturn [This.x; This.v; This.w]\n"
    ),
    "DChild": (
        "Class extends DPoint\n\nClass constructor($x : Variant)\n\tSuper($x)\n\tThis.y:=This.x\n\n"
        "Function get() : Variant\n\treturn Super.get()\n"
    ),
}


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> Twins:
    folder = tmp_path_factory.mktemp("differential")
    for name, text in METHODS.items():
        (folder / f"{name}.4dm").write_text(text, encoding="utf-8")
    (folder / "Classes").mkdir()
    for name, text in CLASSES.items():
        (folder / "Classes" / f"{name}.4dm").write_text(text, encoding="utf-8")
    return Twins(folder)


# ------------------------------------------------------------------ values (as specs: see differential.make)

TEXTS = [
    "",
    "a",
    "A",
    "abc",
    "ABC",
    "abc@",
    "@b@",
    "abc@@",
    "a@@",
    "@",
    "é",
    "E",
    "\x01",
    "a\x01b",
    "ab",
    "\u200b",
    " ",
]
NUMBERS = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 7.0, 3.0, 1e-7, 1e15, 2147483647.0, 2147483648.0, -2147483649.0]

reals = st.one_of(
    st.sampled_from(NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True, width=64),
    st.floats(min_value=-10, max_value=10),
).map(lambda x: ("real", x))
ints = st.one_of(
    st.sampled_from([0, 1, -1, 3, 7, 2147483647, -2147483648]),
    st.integers(min_value=-(2**31), max_value=2**31 - 1),
    st.integers(min_value=-(2**53), max_value=2**53),
).map(lambda n: ("int", n))
texts = st.one_of(st.sampled_from(TEXTS), st.text(alphabet="aAbé@ \x01\u200b", max_size=5)).map(lambda s: ("text", s))
# the values the rules single out, given as often as all the others together
SPECIAL = (
    [("text", t) for t in TEXTS]
    + [("real", x) for x in NUMBERS + [float("nan"), float("inf"), float("-inf")]]
    + [("int", n) for n in (0, 1, -1, 3, 2147483647, -2147483648, 2**40)]
    + [("bool", True), ("bool", False), ("null",), ("undefined",), ("date", 0, 0, 0), ("time", 0), ("time", 3600)]
)
scalars = st.one_of(
    st.sampled_from(SPECIAL),
    st.sampled_from(SPECIAL),
    st.sampled_from(SPECIAL),
    st.sampled_from(SPECIAL),
    st.sampled_from(SPECIAL),
    st.sampled_from(SPECIAL),
    st.sampled_from(SPECIAL),
    reals,
    ints,
    texts,
    st.booleans().map(lambda b: ("bool", b)),
    st.just(("null",)),
    st.just(("undefined",)),
    st.sampled_from([("date", 0, 0, 0), ("date", 2024, 2, 29), ("date", 1999, 12, 31)]),
    st.sampled_from([("time", 0), ("time", 3600), ("time", -5), ("time", 100000)]),
)
keys = st.sampled_from(["v", "x", "a", "V"])
objects = st.lists(st.tuples(keys, scalars), max_size=3, unique_by=lambda kv: kv[0]).map(tuple)
values = st.one_of(
    scalars,
    scalars,
    scalars,
    objects.map(lambda kv: ("object", kv)),
    objects.map(lambda kv: ("shared object", kv)),
    st.lists(scalars, max_size=4).map(lambda xs: ("collection", tuple(xs))),
)

# two values, the same one twice as often as chance would give it
pairs = st.one_of(st.tuples(values, values), values.map(lambda v: (v, v)))

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _cheap(op: str, a: Spec, b: Spec) -> bool:
    """Leave out `text * n` with a huge n (a repeated text of billions of characters)."""
    if op == "*" and (a[0] == "text" or b[0] == "text"):
        n = b if a[0] == "text" else a
        return not (n[0] in ("int", "real") and n[1] == n[1] and n[1] > 50)
    return True


# ------------------------------------------------------------------ operators

OPS = ["+", "-", "*", "/", "%", "=", "#", "<", ">", "<=", ">=", "\\", "^", "&", "|"]
LITERALS = ["1", "0", "2.5", "-3", '"abc@@"', '"a@"', '"A"', '""', "True", "Null", "!2024-01-31!", "?01:00:00?"]
# operand shapes: locals, number and other literals, expressions computed by their closure (a method call)
SHAPES = ["$a", "id($a)"]


@pytest.mark.parametrize("op", OPS)
@SETTINGS
@given(ab=pairs, lit=st.sampled_from(LITERALS))
def test_operators(twins: Twins, op: str, ab: tuple[Spec, Spec], lit: str) -> None:
    a, b = ab
    if not _cheap(op, a, b) or (op == "*" and lit.startswith('"')):
        return
    for left in ("$a", "id($a)", lit):
        for right in ("$b", "id($b)", lit):
            if left == lit and right == lit:
                continue
            expr = f"{left}{op}{right}"
            twins.check(f"#DECLARE($a : Variant; $b : Variant)\nreturn {expr}\n", a, b)
            twins.check(f"#DECLARE($a : Variant; $b : Variant)\nIf ({expr}=True)\nreturn 1\nEnd if\nreturn 0\n", a, b)


@pytest.mark.parametrize("target", ["", "Variant", "Integer", "Real", "Text", "Boolean", "Date", "Time", "Object"])
@pytest.mark.parametrize("op", ["+", "-", "*", "/", "%"])
@SETTINGS
@given(ab=pairs)
def test_fused_assignments(twins: Twins, target: str, op: str, ab: tuple[Spec, Spec]) -> None:
    a, b = ab
    if not _cheap(op, a, b):
        return
    decl = f"var $r : {target}\n" if target else ""
    head = "#DECLARE($a : Variant; $b : Variant)\n" + decl
    shapes = (f"$a{op}$b", f"$a{op}2", f"$a{op}2.5", f"3{op}$b", f"id($a){op}$b", f"$a{op}id($b)", f"id($a){op}7")
    for expr in (*shapes, f"id($a){op}id($b)"):
        twins.check(f"{head}$r:={expr}\nreturn $r\n", a, b)
    twins.check(f"{head}$r:=$a\nreturn $r\n", a, b)
    twins.check(f"{head}$r:=-$a\nreturn $r\n", a, b)
    twins.check(f"{head}$r:=$a\n$r+=$b\nreturn $r\n", a, b)
    if op in "+-*/":
        twins.check(
            f"#DECLARE($a : Variant; $b : Variant)\n{decl.replace('$r', '$a') if target else ''}$a{op}=$b\nreturn $a\n",
            a,
            b,
        )


@pytest.mark.parametrize("target", ["", "Text", "Integer"])
@SETTINGS
@given(ab=pairs)
def test_text_chains(twins: Twins, target: str, ab: tuple[Spec, Spec]) -> None:
    a, b = ab
    decl = f"var $r : {target}\n" if target else ""
    head = "#DECLARE($a : Variant; $b : Variant)\n" + decl
    for expr in ('$a+"x"+$b+"y"', '"x"+$a+$b', '$a+$b+"!"', '"<"+id($a)+">"+String($b)', '$a+"@@"+$b'):
        twins.check(f"{head}$r:={expr}\nreturn $r\n", a, b)
        twins.check(f"{head}return {expr}\n", a, b)


# ------------------------------------------------------------------ objects, collections, places


@SETTINGS
@given(o=values, b=values, op=st.sampled_from(["+", "-", "*"]))
def test_property_update_and_writes(twins: Twins, o: Spec, b: Spec, op: str) -> None:
    head = "#DECLARE($o : Variant; $b : Variant)\n"
    for body in (
        f"$o.v:=$o.v{op}$b",
        f"$o.v:=$o.v{op}1",
        f"$o.x:=$o.x{op}$b",
        "$o.v:=$b",
        '$o["v"]:=$b',
        "$o.v:=True",
        "Use ($o)\n$o.v:=$b\nEnd use",
        f"Use ($o)\n$o.v:=$o.v{op}1\nEnd use",
        "$o.v.w:=$b",
    ):
        if _cheap(op, o, b):
            twins.check(f"{head}{body}\nreturn $o\n", o, b)
    for read in ("$o.v", '$o["v"]', "$o.length", "$o.v.w", "$o[$b]"):
        twins.check(f"{head}return {read}\n", o, b)


@SETTINGS
@given(o=values, b=values)
def test_declared_object_reads(twins: Twins, o: Spec, b: Spec) -> None:
    for t in ("Object", "Collection", "cs.DPoint"):
        head = f"#DECLARE($o : Variant; $b : Variant)\nvar $d : {t}\n"
        for read in ("$d.v", '$d["v"]', "$d.length", "$d[$b]", "$d[0]"):
            twins.check(f"{head}return {read}\n", o, b)
            twins.check(f"{head}$d:=$o\nreturn {read}\n", o, b)


@SETTINGS
@given(c=values, i=values, v=values)
def test_element_reads_writes_and_push(twins: Twins, c: Spec, i: Spec, v: Spec) -> None:
    head = "#DECLARE($c : Variant; $i : Variant; $v : Variant)\n"
    for body in (
        "$c[$i]:=$v",
        "$c[$i]:=True",
        "$c[id($i)]:=$v",
        "$c[0]:=$v",
        "$c.push($v)",
        "$c.push(1)",
        "$c.push(Null)",
    ):
        twins.check(f"{head}{body}\nreturn $c\n", c, i, v)
    reads = ("$c[$i]", "$c[id($i)]", "$c[0]", "$c.push($v)", "$c.push(2).length", "$c[$i][$i]")
    calls = ("$c.indexOf($v)", "$c.indexOf($v; $i)", "$c.copy()", "$c.join($u)", '$c.join("-"; 1)', "$c.v($i)")
    for read in (*reads, *calls):
        twins.check(f"{head}return {read}\n", c, i, v)


# ------------------------------------------------------------------ calls


TYPES = ("Integer", "Real", "Text", "Boolean", "Date", "Time", "Object", "Collection")


@pytest.mark.parametrize("t", TYPES)
@SETTINGS
@given(a=values, b=values)
def test_parameter_binding(twins: Twins, t: str, a: Spec, b: Spec) -> None:
    twins.check(f"#DECLARE($x : {t})\nreturn $x\n", a)
    twins.check(f"#DECLARE($x : {t}; $y : {t})\nreturn $y\n", a, b)
    twins.check(f"#DECLARE($x : {t}; $y : Variant)\nreturn $x\n", a)  # fewer arguments than parameters
    twins.check(f"#DECLARE($x : {t})\nreturn $x\n", a, b)  # more
    twins.check(f"#DECLARE($a : Variant; $b : Variant)\nreturn as_{t.lower()}($a)\n", a, b)
    twins.check(f"#DECLARE($x : {t})->$r : {t}\n$r:=$x\n", a)
    twins.check(f"#DECLARE($a : Variant)\nvar $x : {t}\n$x:=$a\nreturn $x\n", a)
    twins.check("C_LONGINT($1)\nC_TEXT($2)\nreturn String($1)+$2\n", a, b)


@SETTINGS
@given(a=values, b=values)
def test_class_functions_and_this(twins: Twins, a: Spec, b: Spec) -> None:
    head = "#DECLARE($a : Variant; $b : Variant)\n"
    for body in (
        "$p:=cs.DPoint.new($a)\nreturn $p.x",
        "$p:=cs.DPoint.new($a)\n$p.add($b)\nreturn $p.get()",
        "$p:=cs.DChild.new($a)\n$p.add($b)\nreturn [$p.get(); $p.y]",
        "$p:=cs.DPoint.new($a)\n$p.x:=$b\nreturn $p",
        "$p:=cs.DPoint.new($a)\nreturn $p[$b]",
        "$p:=cs.DPoint.new($a)\n$p.put($b)\nreturn $p",
        "$p:=cs.DComputed.new($a)\n$p.v:=$b\nreturn [$p.read(); $p.v; $p.x]",
        "$p:=cs.DPoint.new($a)\n$p.put($b; $a)\nreturn $p",
        "$f:=cs.DPoint.new($a).get\nreturn $f.call(cs.DPoint.new($b))",
    ):
        twins.check(head + body + "\n", a, b)


@SETTINGS
@given(a=values, b=values)
def test_formulas_and_callbacks(twins: Twins, a: Spec, b: Spec) -> None:
    head = "#DECLARE($a : Variant; $b : Variant)\n"
    for body in (
        "$f:=Formula($1+$2)\nreturn $f.call(Null; $a; $b)",
        "$f:=Formula($a)\nreturn $f.call()",
        "$f:=Formula(This.v)\nreturn $f.call($a)",
        "$f:=Formula($1)\nreturn $f.apply(Null; [$b])",
        "return [$a; $b].map(Formula($1.value))",
        "return [$a; $b].filter(Formula($1.value=$b))",
        "return [1; 2; 3].reduce(Formula($1.accumulator+$1.value); $a)",
        "$o:={f: Formula(This.v+$1)}\n$o.v:=$a\nreturn $o.f($b)",
    ):
        twins.check(head + body + "\n", a, b)


@SETTINGS
@given(a=values, b=values)
def test_command_calls(twins: Twins, a: Spec, b: Spec) -> None:
    head = "#DECLARE($a : Variant; $b : Variant)\n"
    for call in (
        "String($a)",
        "String($a; $b)",
        "Substring($a; $b)",
        'Substring("abcdef"; 2.6; 2)',
        'Substring("abcdef"; $a; 2.5)',
        "Num($a)",
        "Length($a)",
        "Round($a; 0)",
        "Position($b; $a)",
        "Abs($a)",
        "Bool($a)",
        "Value type($a)",
    ):
        twins.check(f"{head}return {call}\n", a, b)


@pytest.mark.parametrize("op", ["<", ">", "<=", ">=", "=", "#"])
@SETTINGS
@given(ab=pairs, level=st.sampled_from(["", "SET REAL COMPARISON LEVEL(0.5)\n", "SET REAL COMPARISON LEVEL(2)\n"]))
def test_if_and_while_on_a_comparison(twins: Twins, op: str, ab: tuple[Spec, Spec], level: str) -> None:
    a, b = ab
    head = "#DECLARE($a : Variant; $b : Variant)\n" + level
    before = REAL_EPSILON[0]
    try:
        _check_conditions(twins, op, head, a, b)
    finally:
        REAL_EPSILON[0] = before  # the level is the session's: the other tests run at the default


def _check_conditions(twins: Twins, op: str, head: str, a: Spec, b: Spec) -> None:
    for cond in (f"$a{op}$b", f"$a{op}2", f"$a{op}-1.5", f"$b{op}$a", f"$u{op}$a", f"$a{op}$u", f"$a{op}0"):
        twins.check(f"{head}If ({cond})\nreturn 1\nElse\nreturn 2\nEnd if\n", a, b)
        twins.check(f"{head}$n:=0\nIf ({cond})\n$n:=1\nEnd if\nreturn $n\n", a, b)
        twins.check(f"{head}If ({cond})\n$x:=$u+1\nElse\n$x:=$a.v\nEnd if\nreturn $x\n", a, b)  # errors
        twins.check(
            f"{head}$n:=0\nWhile ({cond})\n$n:=$n+1\nIf ($n>3)\nreturn $n\nEnd if\nEnd while\nreturn $n\n", a, b
        )
    # the compared locals change inside the loop
    loop = f"$n:=0\nWhile ($a{op}$b)\n$a:=$a+1\n$n:=$n+1\nIf ($n>5)\nbreak\nEnd if\nEnd while\n"
    twins.check(f"{head}{loop}return [$a; $n]\n", a, b)


@pytest.mark.parametrize("t", ["Integer", "Real", "Text", "Variant", "Object"])
@SETTINGS
@given(ab=pairs)
def test_method_call_sites(twins: Twins, t: str, ab: tuple[Spec, Spec]) -> None:
    """Project method calls of 0 to 2 arguments: literals, locals, `$a±n`, other expressions."""
    a, b = ab
    head = "#DECLARE($a : Variant; $b : Variant)\n"
    one, two = f"as_{t.lower()}", f"two_{t.lower()}"
    for args in ("$a", "$b", "$a-1", "$a+2.5", "$a*2", "1", '"x"', "True", "id($a)", "$u", "$a-$b"):
        twins.check(f"{head}return {one}({args})\n", a, b)
        twins.check(f"{head}return {two}({args}; $b)\n", a, b)
        twins.check(f"{head}return {two}($a; {args})\n", a, b)
    twins.check(f"{head}return {two}($a)\n", a, b)  # fewer arguments than parameters
    twins.check(f"{head}return {one}($a; $b)\n", a, b)  # more
    twins.check(f"{head}return [none(); legacy($a; $b); result($a); deferred($a); fails($a)]\n", a, b)
    twins.check(f"{head}none()\nreturn count_params($a; $b)\n", a, b)


@SETTINGS
@given(a=st.one_of(reals, ints, texts), b=st.one_of(reals, ints), step=st.sampled_from(["", "; 2", "; -1", "; 0.5"]))
def test_for_loops(twins: Twins, a: Spec, b: Spec, step: str) -> None:
    def bounded(s: Spec) -> bool:
        return s[0] != "text" and s[1] == s[1] and abs(s[1]) < 50 or s[0] == "text"

    if not (bounded(a) and bounded(b)):
        return
    for t in ("Integer", "Real", ""):
        decl = f"var $i : {t}\n" if t else ""
        body = (
            f"#DECLARE($a : Variant; $b : Variant)\n{decl}$n:=0\nFor ($i; $a; $b{step})\n"
            "$n:=$n+1\nIf ($n>200)\nbreak\nEnd if\nEnd for\nreturn [$n; $i]\n"
        )
        twins.check(body, a, b)


# ------------------------------------------------------------------ the switch itself


def test_the_environment_switch_compiles_without_fast_paths(tmp_path: Path) -> None:
    """`MINI4D_NO_FASTPATHS=1` is read at start-up: every construct compiles to its general closure."""
    root = Path(__file__).resolve().parent.parent
    probe = (
        "import mini4d.core.fastops as F, sys\n"
        "from mini4d.cli import main\n"
        "print(F.FASTPATHS)\n"
        "main(['-c', '$t:=\"abc@@\"\\nALERT(String($t=\"abc@@\")+String(1+2))'])\n"
    )
    for value, expected in (("1", "False"), ("", "True"), ("0", "True")):
        env = dict(os.environ, MINI4D_NO_FASTPATHS=value, MINI4D_CACHE_DIR=str(tmp_path), PYTHONPATH=str(root))
        p = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60)
        assert p.stdout.splitlines() == [expected, "False3"], p.stderr


def test_the_general_closures_are_the_ones_compiled(twins: Twins) -> None:
    """With the switch off, no closure of core/fastops.py is compiled (the test above cannot tell)."""
    from differential import fast_paths
    from mini4d.source import Source

    text = (
        '#DECLARE($a : Integer; $b : Real)\n$c:=$a+$b\n$a:=$a+1\n$t:="x"+String($a)+"y"\n'
        "If ($a<2)\n$e:=1\nEnd if\nWhile ($a<$b)\n$a:=$a+1\nEnd while\nIf ($a=3)\n$e:=2\nEnd if\n"
        "$d:=id($a-1)\n$o:=New collection\n$o.indexOf($a)\nreturn $c\n"
    )
    for fast in (True, False):
        interp = twins.runtimes[fast].interp
        with fast_paths(fast):
            from mini4d.cache import parse_cached

            source = Source("probe.4dm", text)
            code = interp.compile_unit("probe", parse_cached(source), source)
        names = _closure_names(code.body)
        fastops_names = {"assign_ll", "assign_lc", "arith_ll", "concat", "equal_lc", "arith_lx"}
        assert bool(names & fastops_names) is fast, names
        others = {"if_compare_constant", "while_compare", "if_equal", "method_site", "member_call_of_local"}
        assert (names & others) == (others if fast else set()), names


def _closure_names(fn: Any, seen: set[int] | None = None) -> set[str]:
    """Names of the closures reachable from a compiled closure through its cells."""
    seen = set() if seen is None else seen
    if id(fn) in seen or not callable(fn):
        return set()
    seen.add(id(fn))
    names = {getattr(fn, "__name__", "")}
    for cell in getattr(fn, "__closure__", None) or ():
        try:
            v = cell.cell_contents
        except ValueError:
            continue
        for x in v if isinstance(v, tuple) else (v,):
            if callable(x) and getattr(x, "__code__", None) is not None:
                names |= _closure_names(x, seen)
    return names
