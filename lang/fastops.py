"""Specialised closures for binary operators on numbers, the interpreter's hottest nodes.

`binary_closure` returns a closure for `left op right` whose first test handles Reals and
Integers inline and whose fallback is the full operator of `lang/values.py` (texts,
dates, times, errors). Common shapes get their own closure so that no operand closure
is called: a local and a number literal (`$i%7`, `$n<2`) and two locals (`$a+$b`).
Results are the ones `values.py` gives: Integer+Integer stays an Integer while it is
exact, every other mix is a Real.
"""

from __future__ import annotations

import operator
from typing import Any, Callable

from . import nodes as N
from . import values as V
from .errors import FourDError
from .source import Span
from .values import UNSET

Fn = Callable[[Any], Any]

MAX_EXACT = 9007199254740992  # 2**53: beyond it an integer result is no longer an exact Real

_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_ORDER = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def _slow(impl: Callable[[Any, Any], Any], span: Span) -> Callable[[Any, Any], Any]:
    """The complete operator, with errors located at the operator's span."""

    def slow(a: Any, b: Any) -> Any:
        try:
            return impl(a, b)
        except FourDError as err:
            raise err.with_span(span)

    return slow


def binary_closure(
    op: str,
    e: N.Binary,
    left: Fn,
    right: Fn,
    impl: Callable[[Any, Any], Any],
    slot_of: Callable[[str], int],
    undefined: Callable[[str, Span], FourDError],
) -> Fn | None:
    """A closure for `e` when `op` is an arithmetic or comparison operator, else None."""
    slow = _slow(impl, e.span)
    lhs, rhs = e.left, e.right
    local_const = isinstance(lhs, N.Local) and isinstance(rhs, N.Literal) and type(rhs.value) is float and rhs.value == rhs.value
    local_local = isinstance(lhs, N.Local) and isinstance(rhs, N.Local)
    if op in _ARITH:
        pyop = _ARITH[op]
        if local_const:
            return _arith_lc(pyop, slot_of(lhs.name), rhs.value, slow, lambda: undefined(lhs.name, lhs.span))
        if local_local:
            return _arith_ll(
                pyop, slot_of(lhs.name), slot_of(rhs.name), slow,
                lambda: undefined(lhs.name, lhs.span), lambda: undefined(rhs.name, rhs.span),
            )
        if op == "+":
            return _plus(left, right, slow)
        return _arith(pyop, left, right, slow)
    if op in _ORDER:
        pyop = _ORDER[op]
        if local_const:
            return _order_lc(pyop, slot_of(lhs.name), rhs.value, slow, lambda: undefined(lhs.name, lhs.span))
        if local_local:
            return _order_ll(pyop, slot_of(lhs.name), slot_of(rhs.name), left, right, slow)
        return _order(pyop, left, right, slow)
    if op == "=" or op == "#":
        eq_slow = slow if op == "=" else _slow(V.equal, e.span)
        if local_const:
            eq = _equal_lc(slot_of(lhs.name), rhs.value, eq_slow, lambda: undefined(lhs.name, lhs.span))
        else:
            eq = _equal(left, right, eq_slow)
        if op == "=":
            return eq
        return lambda f: not eq(f)
    if op == "/":
        return _divide(left, right, slow)
    if op == "%":
        if local_const and -MAX_EXACT < rhs.value < MAX_EXACT and int(rhs.value):
            return _modulo_lc(slot_of(lhs.name), int(rhs.value), slow, lambda: undefined(lhs.name, lhs.span))
        return _modulo(left, right, slow)
    return None


def _arith_lc(pyop: Any, i: int, c: float, slow: Any, undefined: Any) -> Fn:
    def arith_lc(f: Any) -> Any:
        a = f.locals[i]
        ta = type(a)
        if ta is float or ta is int:  # with a Real constant the result is a Real
            return pyop(a, c)
        if a is UNSET:
            raise undefined()
        return slow(a, c)

    return arith_lc


def _arith_ll(pyop: Any, i: int, j: int, slow: Any, undefined_a: Any, undefined_b: Any) -> Fn:
    def arith_ll(f: Any) -> Any:
        loc = f.locals
        a = loc[i]
        b = loc[j]
        ta = type(a)
        tb = type(b)
        if ta is float:
            if tb is float or tb is int:
                return pyop(a, b)
        elif ta is int:
            if tb is float:
                return pyop(a, b)
            if tb is int:
                r = pyop(a, b)
                if -MAX_EXACT <= r <= MAX_EXACT:
                    return r
        if a is UNSET:
            raise undefined_a()
        if b is UNSET:
            raise undefined_b()
        return slow(a, b)

    return arith_ll


def _arith(pyop: Any, left: Fn, right: Fn, slow: Any) -> Fn:
    def arith(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        if ta is float:
            if tb is float or tb is int:
                return pyop(a, b)
        elif ta is int:
            if tb is float:
                return pyop(a, b)
            if tb is int:
                r = pyop(a, b)
                if -MAX_EXACT <= r <= MAX_EXACT:
                    return r
        return slow(a, b)

    return arith


def _plus(left: Fn, right: Fn, slow: Any) -> Fn:
    def plus(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        if ta is float:
            if tb is float or tb is int:
                return a + b
        elif ta is str:
            if tb is str:
                return a + b
        elif ta is int:
            if tb is float:
                return a + b
            if tb is int:
                r = a + b
                if -MAX_EXACT <= r <= MAX_EXACT:
                    return r
        return slow(a, b)

    return plus


def _order_lc(pyop: Any, i: int, c: float, slow: Any, undefined: Any) -> Fn:
    def order_lc(f: Any) -> Any:
        a = f.locals[i]
        ta = type(a)
        if ta is float or ta is int:
            r = pyop(a, c)
            if r or a == a:  # values.compare treats NaN as equal to anything
                return r
        elif a is UNSET:
            raise undefined()
        return slow(a, c)

    return order_lc


def _order_ll(pyop: Any, i: int, j: int, left: Fn, right: Fn, slow: Any) -> Fn:
    def order_ll(f: Any) -> Any:
        loc = f.locals
        a = loc[i]
        b = loc[j]
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            r = pyop(a, b)
            if r or (a == a and b == b):  # NaN operands take values.compare (same answer: False)
                return r
            return slow(a, b)
        return slow(left(f), right(f))  # the operand closures report unassigned variables

    return order_ll


def _order(pyop: Any, left: Fn, right: Fn, slow: Any) -> Fn:
    def order(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            r = pyop(a, b)
            if r or (a == a and b == b):  # NaN operands take values.compare (same answer: False)
                return r
        return slow(a, b)

    return order


def _equal(left: Fn, right: Fn, slow: Any) -> Fn:
    eps = V.REAL_EPSILON  # read at each comparison: SET REAL COMPARISON LEVEL changes it
    text_eq = V.text_eq

    def equal(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            if a == b:
                return True
            d = a - b
            return -eps[0] <= d <= eps[0]
        if ta is str and tb is str:
            return a == b or text_eq(a, b)
        return slow(a, b)

    return equal


def _equal_lc(i: int, c: float, slow: Any, undefined: Any) -> Fn:
    eps = V.REAL_EPSILON

    def equal_lc(f: Any) -> Any:
        a = f.locals[i]
        ta = type(a)
        if ta is float or ta is int:
            if a == c:
                return True
            d = a - c
            return -eps[0] <= d <= eps[0]
        if a is UNSET:
            raise undefined()
        return slow(a, c)

    return equal_lc


def _divide(left: Fn, right: Fn, slow: Any) -> Fn:
    def divide(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int) and b != 0:
            return a / b
        return slow(a, b)

    return divide


def _modulo(left: Fn, right: Fn, slow: Any) -> Fn:
    def modulo(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        # Operands are used as integers, the sign follows the dividend (C fmod), result a Real.
        if (ta is float or ta is int) and (tb is float or tb is int) and -MAX_EXACT < a < MAX_EXACT and -MAX_EXACT < b < MAX_EXACT:
            ia = int(a)
            ib = int(b)
            if ib:
                r = (ia if ia >= 0 else -ia) % (ib if ib >= 0 else -ib)
                return float(r if ia >= 0 else -r)
        return slow(a, b)

    return modulo


def _modulo_lc(i: int, ib: int, slow: Any, undefined: Any) -> Fn:
    c = float(ib)
    m = -ib if ib < 0 else ib

    def modulo_lc(f: Any) -> Any:
        a = f.locals[i]
        ta = type(a)
        if (ta is int or ta is float) and -MAX_EXACT < a < MAX_EXACT:
            ia = int(a)
            if ia >= 0:
                return float(ia % m)
            return float(-(-ia % m))
        if a is UNSET:
            raise undefined()
        return slow(a, c)

    return modulo_lc


def assign_closure(
    i: int,
    conv: Callable[[Any], Any] | None,
    node: N.Expr,
    value: Fn,
    slot_of: Callable[[str], int],
    undefined: Callable[[str, Span], FourDError],
) -> Fn | None:
    """`$a:=$b` and `$a:=$b+1` (one local and a number literal) in one closure, else None.

    `conv` is the conversion of the declared type of `$a`; any value the shortcut does not
    cover is computed by `value`, the general closure of the right-hand side.
    """
    if isinstance(node, N.Local):
        j = slot_of(node.name)
        name, span = node.name, node.span

        def copy_local(f: Any) -> None:
            loc = f.locals
            v = loc[j]
            if v is UNSET:
                raise undefined(name, span)
            loc[i] = v if conv is None else conv(v)

        return copy_local
    if (
        isinstance(node, N.Binary)
        and node.op in _ARITH
        and isinstance(node.left, N.Local)
        and isinstance(node.right, N.Literal)
        and type(node.right.value) is float
        and node.right.value == node.right.value
    ):
        j = slot_of(node.left.name)
        c = node.right.value
        pyop = _ARITH[node.op]
        if conv is None:

            def step(f: Any) -> None:
                loc = f.locals
                a = loc[j]
                ta = type(a)
                loc[i] = pyop(a, c) if ta is float or ta is int else value(f)

            return step

        def step_typed(f: Any) -> None:
            loc = f.locals
            a = loc[j]
            ta = type(a)
            loc[i] = conv(pyop(a, c) if ta is float or ta is int else value(f))

        return step_typed
    if (
        isinstance(node, N.Binary)
        and node.op == "%"
        and isinstance(node.left, N.Local)
        and isinstance(node.right, N.Literal)
        and type(node.right.value) is float
        and -MAX_EXACT < node.right.value < MAX_EXACT
        and int(node.right.value)
    ):
        return _assign_mod(i, conv, slot_of(node.left.name), int(node.right.value), value)
    if (
        isinstance(node, N.Binary)
        and node.op in _ARITH
        and isinstance(node.left, N.Local)
        and isinstance(node.right, N.Local)
    ):
        return _assign_ll(i, conv, slot_of(node.left.name), slot_of(node.right.name), _ARITH[node.op], value)
    return None


def _assign_ll(i: int, conv: Callable[[Any], Any] | None, j: int, k: int, pyop: Any, value: Fn) -> Fn:
    """`$a:=$b+$c`: numbers inline, anything else (texts, Undefined, errors) through `value`."""

    def step_ll(f: Any) -> None:
        loc = f.locals
        a = loc[j]
        b = loc[k]
        ta = type(a)
        tb = type(b)
        if (ta is float and (tb is float or tb is int)) or (ta is int and tb is float):
            r = pyop(a, b)
        elif ta is int and tb is int:
            r = pyop(a, b)
            if not -MAX_EXACT <= r <= MAX_EXACT:
                r = value(f)
        else:
            r = value(f)
        loc[i] = r if conv is None else conv(r)

    return step_ll


def _assign_mod(i: int, conv: Callable[[Any], Any] | None, j: int, ib: int, value: Fn) -> Fn:
    """`$a:=$b%7`: the operands are used as integers and the sign follows the dividend."""
    m = -ib if ib < 0 else ib

    def step_mod(f: Any) -> None:
        loc = f.locals
        a = loc[j]
        ta = type(a)
        if (ta is int or ta is float) and -MAX_EXACT < a < MAX_EXACT:
            ia = int(a)
            r = float(ia % m) if ia >= 0 else float(-(-ia % m))
        else:
            r = value(f)
        loc[i] = r if conv is None else conv(r)

    return step_mod


def _has_text_literal(e: N.Binary, limit: int = 32) -> bool:
    """Whether the `+` chain ending at `e` holds a text literal among its last `limit` operands.

    The limit keeps compiling long number chains linear: each `+` of such a chain asks again.
    """
    node: N.Expr = e
    for _ in range(limit):
        if not (isinstance(node, N.Binary) and node.op == "+"):
            return isinstance(node, N.Literal) and type(node.value) is str
        if isinstance(node.right, N.Literal) and type(node.right.value) is str:
            return True
        node = node.left
    return False


def concat_closure(
    e: N.Binary,
    compile_expr: Callable[[N.Expr], Fn],
    impl: Callable[[Any, Any], Any],
    slot_of: Callable[[str], int],
    undefined: Callable[[str, Span], FourDError],
) -> Fn | None:
    """`$a+"x"+String($n)+" "`: a chain of `+` holding a text literal, in one closure, else None.

    Operands are evaluated strictly left to right and each `+` is applied as soon as its right
    operand is known, so side effects and errors come in the same order as with one closure per
    `+`. Two texts are joined inline; any other pair goes to the complete operator, with errors
    located at the span of that `+`. Literal operands are constants and locals are read from
    their slot, so the chain calls no closure for them.
    """
    if not _has_text_literal(e):
        return None  # a number chain: the arithmetic closures handle it
    rights: list[N.Expr] = []
    spans: list[Span] = []
    node: N.Expr = e
    while isinstance(node, N.Binary) and node.op == "+":
        rights.append(node.right)
        spans.append(node.span)
        node = node.left
    operands = [node, *reversed(rights)]
    first = compile_expr(node)
    i0 = slot_of(node.name) if isinstance(node, N.Local) else -1  # `$t+...`: read from the slot
    steps = []
    for x, span in zip(operands[1:], reversed(spans)):
        slow = _slow(impl, span)
        if isinstance(x, N.Literal):
            steps.append((0, x.value, slow, None))
        elif isinstance(x, N.Local):
            steps.append((1, slot_of(x.name), slow, (x.name, x.span)))
        else:
            steps.append((2, compile_expr(x), slow, None))
    chain = tuple(steps)

    def concat(f: Any) -> Any:
        if i0 >= 0:
            a = f.locals[i0]
            if a is UNSET:
                a = first(f)  # reports the unassigned variable
        else:
            a = first(f)
        for kind, x, slow, where in chain:
            if kind == 0:
                b = x
            elif kind == 1:
                b = f.locals[x]
                if b is UNSET:
                    raise undefined(*where)
            else:
                b = x(f)
            if type(a) is str and type(b) is str:
                a = a + b
            else:
                a = slow(a, b)
        return a

    return concat
