"""Text concatenation chains and fixed-arity command calls give what the general closures give."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from mini4d import nodes as N
from mini4d import values as V
from mini4d.core.expressions import BINARY_OPERATORS
from mini4d.core.fastops import concat_closure
from mini4d.errors import FourDError
from mini4d.source import Source, Span
from mini4d.values import UNDEFINED, UNSET

operands = st.sampled_from(["a", "É", "", 1.0, 2, True, None, UNDEFINED, V.NULL_DATE, V.Time4D(3), UNSET])


class _F:
    def __init__(self, locs: list[Any]):
        self.locals = locs


def _undefined(name: str, span: Span) -> FourDError:
    return FourDError(90030, name, span)


def _spans(n: int) -> list[Span]:
    src = Source("t", "x" * 100)
    return [Span(src, i, i + 1) for i in range(n)]


def _nested(values: list[Any], spans: list[Span], reads: list[int]) -> Any:
    """The general evaluation: one `+` at a time, left to right, each operand read when needed."""

    def read(k: int) -> Any:
        reads.append(k)
        if values[k] is UNSET:
            raise _undefined(f"$v{k}", spans[k])
        return values[k]

    a = read(0)
    for k in range(1, len(values)):
        b = read(k)
        try:
            a = V.add(a, b)
        except FourDError as err:
            err.with_span(spans[len(values) + k])
            raise
    return a


def _outcome(fn: Any) -> Any:
    try:
        r = fn()
    except FourDError as err:
        return ("error", err.code, err.message, err.span)
    return (type(r).__name__, r)


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(operands, min_size=1, max_size=4),
    kinds=st.lists(st.sampled_from(["literal", "local", "call"]), min_size=5, max_size=5),
    text_at=st.integers(0, 4),
)
def test_concat_chain_same_as_one_plus_at_a_time(values: list[Any], kinds: list[str], text_at: int) -> None:
    at = text_at % (len(values) + 1)
    values = [*values[:at], "t", *values[at:]]  # a text literal makes the chain
    kinds = [*kinds[:at], "literal", *kinds[at:]]
    n = len(values)
    kinds = ["local" if k == "literal" and v is UNSET else k for k, v in zip(kinds, values, strict=False)]
    spans = _spans(2 * n)
    leaves: list[N.Expr] = []
    for k, (v, kind) in enumerate(zip(values, kinds, strict=False)):
        if kind == "literal":
            leaves.append(N.Literal(v, spans[k]))
        elif kind == "local":
            leaves.append(N.Local(f"$v{k}", spans[k]))
        else:
            leaves.append(N.Neg(N.Local(f"$v{k}", spans[k]), spans[k]))
    e: N.Expr = leaves[0]
    for k in range(1, n):
        e = N.Binary("+", e, leaves[k], spans[n + k])
    calls: list[int] = []

    def compile_expr(x: N.Expr) -> Any:
        k = leaves.index(x)

        def operand(f: Any) -> Any:
            calls.append(k)
            if values[k] is UNSET:
                raise _undefined(f"$v{k}", spans[k])
            return values[k]

        return operand

    fn = concat_closure(e, compile_expr, BINARY_OPERATORS["+"], lambda name: int(name[2:]), _undefined)
    assert fn is not None
    reads: list[int] = []
    assert _outcome(lambda: fn(_F(list(values)))) == _outcome(lambda: _nested(values, spans, reads))
    # the same operands are reached, in the same order (literals and locals are read in place;
    # the first operand's closure runs when it is not a local, or reports an unassigned one)
    first_called = kinds[0] != "local" or values[0] is UNSET
    assert calls == [k for k in reads if kinds[k] == "call" or (k == 0 and first_called)]


def test_chain_without_text_literal_is_left_to_the_arithmetic_closures() -> None:
    s = _spans(4)
    e = N.Binary("+", N.Binary("+", N.Local("$a", s[0]), N.Literal(1.0, s[1]), s[2]), N.Local("$b", s[3]), s[3])
    assert concat_closure(e, lambda x: None, BINARY_OPERATORS["+"], lambda n: 0, _undefined) is None


def test_concat_errors_point_at_their_own_plus(cli: Any) -> None:
    rc, _, err = cli(["-c", '$n:=1\n$t:="a"+"b"+$n+"c"'])
    assert rc == 1
    assert err.splitlines()[:3] == [
        "<string>:2:5: error 90010: Incompatible types: Text + Number",
        '    $t:="a"+"b"+$n+"c"',
        "        ^~~~~~~~~~",
    ]
    rc, _, err = cli(["-c", '$t:="a"+$u+"c"'])
    assert (
        err.splitlines()[0] == "<string>:1:9: error 90030: The variable $u is not defined (never assigned nor declared)"
    )
    rc, _, err = cli(["-c", '$t:="a"+"b"+Uppercase("c")+Num("x")+"d"'])
    assert err.splitlines()[2] == "        ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~"
    rc, _, err = cli(["-c", 'ALERT(?01:00:00?+"x")'])
    assert err.splitlines()[0] == "<string>:1:7: error 90010: Incompatible types: Time + Text"


def test_fixed_arity_command_calls(cli: Any) -> None:
    assert cli(["-c", 'ALERT("<"+Substring("abcdef"; 2; 3)+">"+String(2)+String(-0.5))'])[1] == "<bcd>2-0.5\n"
    assert cli(["-c", 'ALERT(Replace string("aXbxc"; "x"; "-"; 1))'])[1] == "a-bxc\n"
    assert cli(["-c", 'ALERT(Replace string("aXbxc"; "x"; "-"))'])[1] == "a-b-c\n"
    rc, _, err = cli(["-c", 'ALERT(Substring("abc"; 1/0; 2))'])  # INF is no integer argument
    assert rc == 1 and "error 90014: `Substring`: an integer was expected, got INF" in err
    assert cli(["-c", 'ALERT(String(Position("B"; "abc"; *)))'])[1] == "0\n"
    assert cli(["-c", 'ALERT(String(Position("B"; "abc")))'])[1] == "2\n"
    rc, _, err = cli(["-c", 'ALERT(Position(1; "abc"))'])
    assert rc == 1
    assert err.splitlines()[:3] == [
        "<string>:1:7: error 90011: `Position`: Text expected, got Number",
        '    ALERT(Position(1; "abc"))',
        "          ^~~~~~~~~~~~~~~~~~",
    ]
    rc, _, err = cli(["-c", 'ALERT(Substring("abc"; "x"; 2))'])
    assert err.splitlines()[0] == "<string>:1:7: error 90011: `Substring`: Number expected, got Text"


def test_literal_arguments_converted_once_keep_the_error_order(cli: Any) -> None:
    # a literal that cannot be converted still fails when the call runs, before the next argument
    rc, _, err = cli(["-c", "ALERT(Substring(1; $undefined))"])
    assert rc == 1 and "error 90011: `Substring`: Text expected, got Number" in err.splitlines()[0]
    rc, _, err = cli(["-c", 'ALERT(Substring("abc"; $undefined))'])
    assert rc == 1 and "error 90030" in err.splitlines()[0]
    assert cli(["-c", 'ALERT(Substring("abc"; 2))'])[1] == "bc\n"
