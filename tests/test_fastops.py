"""The specialised operator closures (lang/core/fastops.py) give exactly what values.py gives."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from mini4d import nodes as N
from mini4d import values as V
from mini4d.core.expressions import BINARY_OPERATORS
from mini4d.core.fastops import binary_closure
from mini4d.errors import FourDError
from mini4d.source import Source, Span
from mini4d.values import UNDEFINED, UNSET

SPAN = Span(Source("t", "x"), 0, 1)
OPS = ["+", "-", "*", "/", "%", "=", "#", "<", ">", "<=", ">="]

numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(2**31), max_value=2**31 - 1),
    # values.py keeps every int within 2**53 (larger results become Reals); the fast paths rely on it
    st.integers(min_value=-(2**53), max_value=2**53),
    st.sampled_from([0.0, -0.0, 1.0, -1.0, 7.0, 2.5, -7.5, 1e-7, 0, 7, -7]),
)
values = st.one_of(numbers, st.sampled_from(["a", "A", "b@", "", True, False, None, UNDEFINED, V.NULL_DATE]))


class _F:
    def __init__(self, locs: list[Any]):
        self.locals = locs


def _outcome(fn: Any, *args: Any) -> Any:
    try:
        r = fn(*args)
    except FourDError as err:
        return ("error", err.code)
    except (OverflowError, ValueError) as exc:  # the same failure as values.py (e.g. 0 % infinity)
        return ("python error", type(exc).__name__)
    if type(r) is float and math.isnan(r):
        return ("nan",)
    return (type(r).__name__, r)


def _undefined(name: str, span: Span) -> FourDError:
    return FourDError(90030, name, span)


def _closures(op: str, a: Any, b: Any) -> list[Any]:
    """The general closure, and the local/literal and local/local shapes when they apply."""
    lit = N.Literal(b, SPAN) if type(b) is float else None
    out = []
    e = N.Binary(op, N.Literal(a, SPAN), N.Literal(b, SPAN), SPAN)
    out.append((binary_closure(op, e, lambda f: a, lambda f: b, BINARY_OPERATORS[op], lambda n: 0, _undefined), [a, b]))
    la, lb = N.Local("$a", SPAN), N.Local("$b", SPAN)
    slots = {"$a": 0, "$b": 1}
    e = N.Binary(op, la, lb, SPAN)
    out.append(
        (
            binary_closure(
                op, e, lambda f: f.locals[0], lambda f: f.locals[1], BINARY_OPERATORS[op], slots.__getitem__, _undefined
            ),
            [a, b],
        )
    )
    if lit is not None:
        e = N.Binary(op, la, lit, SPAN)
        out.append(
            (
                binary_closure(
                    op, e, lambda f: f.locals[0], lambda f: b, BINARY_OPERATORS[op], slots.__getitem__, _undefined
                ),
                [a, b],
            )
        )
    # an operand that is neither a local nor a literal (any other node: its closure computes it)
    xa, xb = N.Neg(N.Local("$x", SPAN), SPAN), N.Neg(N.Local("$y", SPAN), SPAN)
    lit_a = N.Literal(a, SPAN) if type(a) is float else None
    shapes = [(xa, xb), (la, xb), (xa, lb)]
    if lit is not None:
        shapes.append((xa, lit))
    if lit_a is not None:
        shapes += [(lit_a, xb), (lit_a, lb)]
    for lhs, rhs in shapes:
        e = N.Binary(op, lhs, rhs, SPAN)
        out.append(
            (
                binary_closure(op, e, lambda f: a, lambda f: b, BINARY_OPERATORS[op], slots.__getitem__, _undefined),
                [a, b],
            )
        )
    return out


@pytest.mark.parametrize("op", OPS)
@settings(max_examples=40, deadline=None)
@given(a=values, b=values)
def test_same_as_values(op: str, a: Any, b: Any) -> None:
    # Text * Number repeats the text: keep the repeat count small.
    assume(not (op == "*" and isinstance(a, str) and type(b) in (int, float) and not (b < 100)))
    expected = _outcome(BINARY_OPERATORS[op], a, b)
    for fn, locs in _closures(op, a, b):
        assert fn is not None
        assert _outcome(fn, _F(list(locs))) == expected, (op, a, b)


def test_integer_results_stay_exact_then_become_real() -> None:
    e = N.Binary("+", N.Local("$a", SPAN), N.Local("$b", SPAN), SPAN)
    fn = binary_closure("+", e, None, None, BINARY_OPERATORS["+"], {"$a": 0, "$b": 1}.__getitem__, _undefined)  # type: ignore[arg-type]
    assert fn(_F([2, 3])) == 5 and type(fn(_F([2, 3]))) is int
    big = fn(_F([2**53, 2**53]))
    assert type(big) is float and big == 2.0**54


def test_unset_local_raises_undefined_variable() -> None:
    e = N.Binary("<", N.Local("$a", SPAN), N.Literal(2.0, SPAN), SPAN)
    fn = binary_closure("<", e, None, None, BINARY_OPERATORS["<"], lambda n: 0, _undefined)  # type: ignore[arg-type]
    with pytest.raises(FourDError) as info:
        fn(_F([UNSET]))
    assert info.value.code == 90030


def test_modulo_sign_follows_the_dividend() -> None:
    e = N.Binary("%", N.Literal(-7.0, SPAN), N.Literal(3.0, SPAN), SPAN)
    fn = binary_closure("%", e, lambda f: -7.0, lambda f: 3.0, BINARY_OPERATORS["%"], lambda n: 0, _undefined)
    assert fn(_F([])) == -1.0 == V.mod(-7.0, 3.0)


@pytest.mark.parametrize("op", ["+", "-", "*", "/", "%"])
@pytest.mark.parametrize("typed", [None, "real", "integer"])
@settings(max_examples=40, deadline=None)
@given(b=values, c=values)
def test_fused_assignment_same_as_general(op: str, typed: str | None, b: Any, c: Any) -> None:
    """`$a:=x op y` stores what the general closure computes, for every shape of operands."""
    from mini4d.core.conversions import variable_converter
    from mini4d.core.fastops import assign_closure

    assume(not (op == "*" and isinstance(b, str) and type(c) in (int, float) and not (c < 100)))
    conv = variable_converter(typed)
    slots = {"$a": 0, "$b": 1, "$c": 2}
    lb, lc = N.Local("$b", SPAN), N.Local("$c", SPAN)
    xb, xc = N.Neg(lb, SPAN), N.Neg(lc, SPAN)  # nodes computed by their closure
    shapes = [
        (lb, lc, c),
        (lb, N.Literal(2.5, SPAN), 2.5),
        (lb, N.Literal(7.0, SPAN), 7.0),
        (lb, xc, c),
        (xb, lc, c),
        (xb, xc, c),
    ]
    shapes += [(xb, N.Literal(-3.0, SPAN), -3.0), (N.Literal(2.0, SPAN), xc, c), (N.Literal(2.0, SPAN), lc, c)]
    for left, right, rv in shapes:
        e = N.Binary(op, left, right, SPAN)
        lv = (lambda f: f.locals[1]) if left is lb or left is xb else (lambda f, v=left.value: v)
        general = binary_closure(op, e, lv, lambda f, rv=rv: rv, BINARY_OPERATORS[op], slots.__getitem__, _undefined)
        operand = {id(left): lv, id(right): lambda f, rv=rv: rv}
        fused = assign_closure(
            0, conv, e, lambda node, operand=operand: operand[id(node)], slots.__getitem__, _undefined
        )
        assert fused is not None

        def store_general(f: Any, general: Any = general) -> None:
            v = general(f)
            f.locals[0] = conv(v) if conv else v

        def run(fn: Any) -> Any:
            frame = _F([UNSET, b, c])
            return _outcome(lambda: (fn(frame), frame.locals[0])[1])

        assert run(fused) == run(store_general), (op, b, c)
