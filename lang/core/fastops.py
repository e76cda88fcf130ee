"""Specialised closures for binary operators on numbers, the interpreter's hottest nodes.

`binary_closure` returns a closure for `left op right` whose first test handles Reals and
Integers inline and whose fallback is the full operator of `lang/values.py` (texts,
dates, times, errors). Operands that are locals or number literals are read inline rather
than through their closures (`$i%7`, `2*$i`, `$pi+($s/$d)`), and the commonest shapes get
a closure of their own: a local and a number literal (`$n<2`) and two locals (`$a+$b`).
Results are the ones `values.py` gives: Integer+Integer stays an Integer while it is
exact, every other mix is a Real. Like values.py, the closures rely on every int being
within 2**53 (an exact Real): values.py turns larger results into Reals.

`assign_closure` fuses `$a:=<arithmetic>` into one closure that computes and stores,
converting to the declared type of `$a` only when the result needs it (`store_plan`).

`FASTPATHS` is the switch of every fast path of the core: with `MINI4D_NO_FASTPATHS=1` in
the environment at start-up, each construct is compiled to its general closure, which calls
the rules (lang/values.py, core/access.py, core/conversions.py) for every value. It is a
compile-time choice: the closures of a run never test it.
"""

from __future__ import annotations

import operator
import os
from collections.abc import Callable
from typing import Any, TypeGuard

from .. import nodes as N
from .. import values as V
from ..errors import FourDError
from ..source import Span
from ..values import UNSET

Fn = Callable[[Any], Any]

# Read once at start-up; the compilers read `fastops.FASTPATHS` when they compile (tests switch it).
FASTPATHS: bool = os.environ.get("MINI4D_NO_FASTPATHS", "") in ("", "0")

MAX_EXACT = 9007199254740992  # 2**53: beyond it an integer result is no longer an exact Real

_ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul}
_INT_OPS = (operator.add, operator.sub, operator.mul)  # exact on ints
_ORDER = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def store_plan(conv: Callable[[Any], Any] | None) -> tuple[Any, Any, Any, Any]:
    """(conv, exact, lo, hi) for storing into a variable whose type converter is `conv`.

    A value of type `exact` (and between lo and hi when they are given: Integer) is stored as
    is; any other value goes through `conv`. Stores then convert only when needed, with this inline test:

        if conv is not None and (type(v) is not exact or lo is not None and not lo <= v <= hi):
            v = conv(v)

    Integer and Real converters carry their `store_range`; for other types `exact` is None
    (every value is converted), for untyped variables `conv` is None (none is). Without the
    fast paths every value of a typed variable is converted.
    """
    if conv is None:
        return None, None, None, None
    if not FASTPATHS:
        return conv, None, None, None
    exact, lo, hi = getattr(conv, "store_range", (None, None, None))
    return conv, exact, lo, hi


def _slow(impl: Callable[[Any, Any], Any], span: Span) -> Callable[[Any, Any], Any]:
    """The complete operator, with errors located at the operator's span."""

    def slow(a: Any, b: Any) -> Any:
        try:
            return impl(a, b)
        except FourDError as err:
            err.with_span(span)
            raise

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
    lhs_local = lhs if isinstance(lhs, N.Local) else None
    rhs_local = rhs if isinstance(rhs, N.Local) else None
    rhs_number = rhs if _number_literal(rhs) else None
    if op in _ARITH or op == "/":
        return arith_closure(
            op, _operand(lhs, left, slot_of, undefined), _operand(rhs, right, slot_of, undefined), slow, _NO_STORE
        )
    if op in _ORDER:
        pyop = _ORDER[op]
        if lhs_local is not None and rhs_number is not None:
            where = lhs_local
            return _order_lc(
                pyop, slot_of(where.name), rhs_number.value, slow, lambda: undefined(where.name, where.span)
            )
        if lhs_local is not None and rhs_local is not None:
            return _order_ll(pyop, slot_of(lhs_local.name), slot_of(rhs_local.name), left, right, slow)
        return _order(pyop, left, right, slow)
    if op == "=" or op == "#":
        eq_slow = slow if op == "=" else _slow(V.equal, e.span)
        if lhs_local is not None and rhs_number is not None:
            where = lhs_local
            eq = _equal_lc(slot_of(where.name), rhs_number.value, eq_slow, lambda: undefined(where.name, where.span))
        else:
            eq = _equal(left, right, eq_slow)
        if op == "=":
            return eq
        return lambda f: not eq(f)
    if op == "%":
        return modulo_closure(
            _operand(lhs, left, slot_of, undefined), _operand(rhs, right, slot_of, undefined), slow, _NO_STORE
        )
    return None


def compare_shape(e: N.Expr, slot_of: Callable[[str], int]) -> tuple[Any, int, int, Any] | None:
    """`$a<$b` or `$a<2` (< > <= >=) as (pyop, slot of $a, slot of $b or -1, the constant), else None.

    For `If` and `While`, which then compare two numbers (NaN aside) without calling the
    condition's closure; any other pair of values takes the condition's closure, which decides.
    """
    if isinstance(e, N.Binary) and e.op in ("=", "#") and isinstance(e.left, N.Local) and _number_literal(e.right):
        return e.op, slot_of(e.left.name), -1, e.right.value  # `$a=3` (`If` only: statements._if_equal)
    if not (isinstance(e, N.Binary) and e.op in _ORDER and isinstance(e.left, N.Local)):
        return None
    if isinstance(e.right, N.Local):
        return _ORDER[e.op], slot_of(e.left.name), slot_of(e.right.name), None
    if _number_literal(e.right):
        return _ORDER[e.op], slot_of(e.left.name), -1, e.right.value
    return None


def _number_literal(e: N.Expr) -> TypeGuard[N.Literal]:
    return isinstance(e, N.Literal) and type(e.value) is float and e.value == e.value


def _operand(
    e: N.Expr, fn: Fn | None, slot_of: Callable[[str], int], undefined: Callable[[str, Span], FourDError]
) -> tuple[Any, ...]:
    """How a closure reads an operand inline: (slot, constant, closure, error if unassigned).

    A local is read from its slot (slot >= 0), a number literal is its constant; anything
    else is computed by its closure (constant None).
    """
    if isinstance(e, N.Local):
        return slot_of(e.name), None, fn, lambda: undefined(e.name, e.span)
    if _number_literal(e):
        return -1, e.value, fn, None
    return -1, None, fn, None


def inline_read(e: N.Expr, compile_expr: Callable[[N.Expr], Fn], slot_of: Callable[[str], int]) -> tuple[int, Any, Any]:
    """How a closure reads a value with no closure call when it can: (kind, x, where).

    Kind 0: a literal, x is its value. Kind 1: a local, x is its slot and `where` the
    (name, span) of the error when it is unassigned. Kind 2: x is the compiled closure.
    """
    if isinstance(e, N.Literal):
        return 0, e.value, None
    if isinstance(e, N.Local):
        return 1, slot_of(e.name), (e.name, e.span)
    return 2, compile_expr(e), None


# The store part of a closure that also works as an assignment: (slot, conv, exact, lo, hi);
# a slot of -1 makes it an expression that returns its value.
_NO_STORE = (-1, None, None, None, None)


def arith_closure(op: str, opa: tuple[Any, ...], opb: tuple[Any, ...], slow: Any, store: tuple[Any, ...]) -> Fn:
    """The closure of `a op b` (+ - * /) for the shape of its operands (see `_operand`)."""
    pyop = _ARITH.get(op, operator.truediv)
    ia, ca, left, undefined_a = opa
    ib, cb, right, undefined_b = opb
    if ia >= 0 and cb is not None and (op != "/" or cb != 0):
        return _arith_lc(pyop, ia, cb, slow, undefined_a, store)
    if ia >= 0 and ib >= 0 and op != "/":
        return _arith_ll(pyop, ia, ib, slow, undefined_a, undefined_b, store)
    if ia >= 0 and ib < 0 and cb is None:
        return _arith_lx(pyop, op == "+", ia, right, slow, undefined_a, store)
    if ia < 0 and ca is None and cb is not None:
        return _arith_xc(pyop, left, cb, slow, store)
    if ca is not None and ib < 0 and cb is None:
        return _arith_cx(pyop, ca, right, slow, store)
    if ca is not None and ib >= 0:
        return _arith_cl(pyop, ca, ib, slow, undefined_b, store)
    if ia < 0 and ca is None and ib < 0 and cb is None:
        return _arith_xx(pyop, op == "+", left, right, slow, store)
    return _arith(op, opa, opb, slow, store)  # `$a/$b`, `(x)+$a`


def _arith_xx(pyop: Any, plus: bool, left: Fn, right: Fn, slow: Any, store: tuple[Any, ...]) -> Fn:
    """`(expression) op (expression)`; with a `store` slot, `$x:=(expression) op (expression)`."""
    s, conv, exact, lo, hi = store

    def arith_xx(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            try:
                r = pyop(a, b)
            except ZeroDivisionError:  # 4D gives INF, -INF or the undefined number
                r = slow(a, b)
            else:
                if ta is int and tb is int and not -MAX_EXACT <= r <= MAX_EXACT:
                    r = slow(a, b)
        elif plus and ta is str and tb is str:
            r = a + b
        else:
            r = slow(a, b)
        if s < 0:
            return r
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        f.locals[s] = r
        return None

    return arith_xx


def _arith_lc(pyop: Any, i: int, c: float, slow: Any, undefined: Any, store: tuple[Any, ...]) -> Fn:
    """`$a op 2.5`; with a `store` slot, `$x:=$a op 2.5`."""
    s, conv, exact, lo, hi = store

    def arith_lc(f: Any) -> Any:
        a = f.locals[i]
        ta = type(a)
        if ta is float or ta is int:  # with a Real constant the result is a Real
            return pyop(a, c)
        if a is UNSET:
            raise undefined()
        return slow(a, c)

    if s < 0:
        return arith_lc
    # `$n:=$n+1` into an Integer: for an int $n, integer arithmetic then the 32-bit check give
    # what converting the (correctly rounded) Real result gives.
    int_store = exact is int and pyop in _INT_OPS and c.is_integer() and -MAX_EXACT < c < MAX_EXACT
    ci = int(c) if int_store else 0

    def assign_lc(f: Any) -> None:
        loc = f.locals
        a = loc[i]
        ta = type(a)
        if ta is int and int_store:
            r = pyop(a, ci)
            loc[s] = r if lo <= r <= hi else conv(r)
            return
        r = pyop(a, c) if ta is float or ta is int else arith_lc(f)
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        loc[s] = r

    return assign_lc


def _arith_ll(pyop: Any, i: int, j: int, slow: Any, undefined_a: Any, undefined_b: Any, store: tuple[Any, ...]) -> Fn:
    """`$a op $b`; with a `store` slot, `$x:=$a op $b`."""
    s, conv, exact, lo, hi = store

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

    if s < 0:
        return arith_ll
    int_store = exact is int

    def assign_ll(f: Any) -> None:
        loc = f.locals
        a = loc[i]
        b = loc[j]
        ta = type(a)
        tb = type(b)
        if ta is int and tb is int:
            r = pyop(a, b)
            if int_store:  # into an Integer: as for `$n:=$n+1` above
                loc[s] = r if lo <= r <= hi else conv(r)
                return
            if not -MAX_EXACT <= r <= MAX_EXACT:
                r = slow(a, b)
        elif ta is float and (tb is float or tb is int) or ta is int and tb is float:
            r = pyop(a, b)
        else:
            r = arith_ll(f)  # Undefined, texts, dates, errors
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        loc[s] = r

    return assign_ll


def _arith_lx(pyop: Any, plus: bool, i: int, right: Fn, slow: Any, undefined: Any, store: tuple[Any, ...]) -> Fn:
    """`$a op (expression)`; with a `store` slot, `$x:=$a op (expression)`."""
    s, conv, exact, lo, hi = store

    def arith_lx(f: Any) -> Any:
        loc = f.locals
        a = loc[i]
        if a is UNSET:
            raise undefined()
        b = right(f)
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            try:
                r = pyop(a, b)
            except ZeroDivisionError:  # 4D gives INF, -INF or the undefined number
                r = slow(a, b)
            else:
                if ta is int and tb is int and not -MAX_EXACT <= r <= MAX_EXACT:
                    r = slow(a, b)
        elif plus and ta is str and tb is str:
            r = a + b
        else:
            r = slow(a, b)
        if s < 0:
            return r
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        loc[s] = r
        return None

    return arith_lx


def _arith_xc(pyop: Any, left: Fn, c: float, slow: Any, store: tuple[Any, ...]) -> Fn:
    """`(expression) op 1`; with a `store` slot, `$x:=(expression) op 1`."""
    s, conv, exact, lo, hi = store

    def arith_xc(f: Any) -> Any:
        a = left(f)
        ta = type(a)
        if ta is float or ta is int:  # with a Real constant the result is a Real
            try:
                r = pyop(a, c)
            except ZeroDivisionError:
                r = slow(a, c)
        else:
            r = slow(a, c)
        if s < 0:
            return r
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        f.locals[s] = r
        return None

    return arith_xc


def _arith_cl(pyop: Any, c: float, j: int, slow: Any, undefined: Any, store: tuple[Any, ...]) -> Fn:
    """`2*$a`; with a `store` slot, `$x:=2*$a`."""
    s, conv, exact, lo, hi = store

    def arith_cl(f: Any) -> Any:
        loc = f.locals
        b = loc[j]
        tb = type(b)
        if tb is float or tb is int:  # with a Real constant the result is a Real
            try:
                r = pyop(c, b)
            except ZeroDivisionError:
                r = slow(c, b)
        elif b is UNSET:
            raise undefined()
        else:
            r = slow(c, b)
        if s < 0:
            return r
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        loc[s] = r
        return None

    return arith_cl


def _arith_cx(pyop: Any, c: float, right: Fn, slow: Any, store: tuple[Any, ...]) -> Fn:
    """`1 op (expression)`; with a `store` slot, `$x:=1 op (expression)`."""
    s, conv, exact, lo, hi = store

    def arith_cx(f: Any) -> Any:
        b = right(f)
        tb = type(b)
        if tb is float or tb is int:  # with a Real constant the result is a Real
            try:
                r = pyop(c, b)
            except ZeroDivisionError:
                r = slow(c, b)
        else:
            r = slow(c, b)
        if s < 0:
            return r
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        f.locals[s] = r
        return None

    return arith_cx


def _arith(op: str, opa: tuple[Any, ...], opb: tuple[Any, ...], slow: Any, store: tuple[Any, ...]) -> Fn:
    """`a + b`, `a - b`, `a * b`, `a / b` with operands read as `_operand` says.

    With a `store` slot the closure is the statement `$x:=a op b` and returns None.
    """
    pyop = _ARITH.get(op, operator.truediv)
    plus = op == "+"
    ia, ca, left, undefined_a = opa
    ib, cb, right, undefined_b = opb
    i, conv, exact, lo, hi = store

    def arith(f: Any) -> Any:
        loc = f.locals
        if ia >= 0:
            a = loc[ia]
            if a is UNSET:
                raise undefined_a()
        elif ca is not None:
            a = ca
        else:
            a = left(f)
        if ib >= 0:
            b = loc[ib]
            if b is UNSET:
                raise undefined_b()
        elif cb is not None:
            b = cb
        else:
            b = right(f)
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            try:
                r = pyop(a, b)
            except ZeroDivisionError:  # 4D gives INF, -INF or the undefined number
                r = slow(a, b)
            else:
                if ta is int and tb is int and not -MAX_EXACT <= r <= MAX_EXACT:
                    r = slow(a, b)
        elif plus and ta is str and tb is str:
            r = a + b
        else:
            r = slow(a, b)
        if i < 0:
            return r
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        loc[i] = r
        return None

    return arith


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
    num_eq = V.num_eq
    text_eq = V.text_eq

    def equal(f: Any) -> Any:
        a = left(f)
        b = right(f)
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int):
            return a == b or num_eq(a, b)  # equal numbers are equal whatever the comparison level
        if ta is str and tb is str:
            return text_eq(a, b)  # the rule itself: `@@` never matches, even `"abc@@"="abc@@"`
        return slow(a, b)

    return equal


def _equal_lc(i: int, c: float, slow: Any, undefined: Any) -> Fn:
    eps = V.REAL_EPSILON  # read at each comparison: SET REAL COMPARISON LEVEL changes it
    num_eq = V.num_eq
    whole = c.is_integer()

    def equal_lc(f: Any) -> Any:
        a = f.locals[i]
        ta = type(a)
        if ta is int and whole:  # different integers are at least 1 apart: equal only at a level of 1 or more
            return a == c or (eps[0] >= 1.0 and num_eq(a, c))
        if ta is float or ta is int:
            return a == c or num_eq(a, c)
        if a is UNSET:
            raise undefined()
        return slow(a, c)

    return equal_lc


def _modulo(opa: tuple[Any, ...], opb: tuple[Any, ...], slow: Any, store: tuple[Any, ...]) -> Fn:
    """`a % b` with operands read as `_operand` says; with a `store` slot, `$x:=a % b`."""
    ia, ca, left, undefined_a = opa
    ib, cb, right, undefined_b = opb
    i, conv, exact, lo, hi = store
    as_int = exact is int  # an Integer variable takes the integer remainder as is

    def modulo(f: Any) -> Any:
        loc = f.locals
        if ia >= 0:
            a = loc[ia]
            if a is UNSET:
                raise undefined_a()
        elif ca is not None:
            a = ca
        else:
            a = left(f)
        if ib >= 0:
            b = loc[ib]
            if b is UNSET:
                raise undefined_b()
        elif cb is not None:
            b = cb
        else:
            b = right(f)
        ta = type(a)
        tb = type(b)
        # Operands are used as integers, the sign follows the dividend (C fmod), result a Real.
        if (
            (ta is float or ta is int)
            and (tb is float or tb is int)
            and -MAX_EXACT < a < MAX_EXACT
            and -MAX_EXACT < b < MAX_EXACT
            and int(b)
        ):
            na = int(a)
            nb = int(b)
            r: Any = (na if na >= 0 else -na) % (nb if nb >= 0 else -nb)
            if na < 0:
                r = -r
            if not as_int:
                r += 0.0
        else:
            r = slow(a, b)
        if i < 0:
            return r
        if conv is not None and (type(r) is not exact or lo is not None and not lo <= r <= hi):
            r = conv(r)
        loc[i] = r
        return None

    return modulo


def modulo_closure(opa: tuple[Any, ...], opb: tuple[Any, ...], slow: Any, store: tuple[Any, ...]) -> Fn:
    """The closure of `a % b` for the shape of its operands (see `_operand`)."""
    ia, ca, left, undefined_a = opa
    cb = opb[1]
    if ca is None and cb is not None and -MAX_EXACT < cb < MAX_EXACT and int(cb):
        return _modulo_c(ia, left, int(cb), slow, undefined_a, store)
    return _modulo(opa, opb, slow, store)


def _modulo_c(i: int, left: Fn, ib: int, slow: Any, undefined: Any, store: tuple[Any, ...]) -> Fn:
    """`$a%7` (slot i) or `(expression)%7`; with a `store` slot, `$x:=$a%7`."""
    c = float(ib)
    m = -ib if ib < 0 else ib
    s, conv, exact, _lo, _hi = store  # a remainder is stored as is or converted: no range test
    as_int = exact is int and m <= 0x80000000  # an Integer variable takes the remainder as is

    def modulo_c(f: Any) -> Any:
        loc = f.locals
        if i >= 0:
            a = loc[i]
            if a is UNSET:
                raise undefined()
        else:
            a = left(f)
        ta = type(a)
        # Operands are used as integers, the sign follows the dividend (C fmod), result a Real.
        if ta is int:
            r = a % m if a >= 0 else -(-a % m)
        elif ta is float and -MAX_EXACT < a < MAX_EXACT:
            a = int(a)
            r = a % m if a >= 0 else -(-a % m)
        else:
            r = slow(a, c)
            if s < 0:
                return r
            loc[s] = r if conv is None else conv(r)
            return None
        if s < 0:
            return r + 0.0
        if as_int:
            loc[s] = r
        else:
            r += 0.0
            loc[s] = r if conv is None or type(r) is exact else conv(r)
        return None

    return modulo_c


def assign_closure(
    i: int,
    conv: Callable[[Any], Any] | None,
    node: N.Expr,
    compile_expr: Callable[[N.Expr], Fn],
    slot_of: Callable[[str], int],
    undefined: Callable[[str, Span], FourDError],
) -> Fn | None:
    """`$a:=$b`, `$a:=-$b` and `$a:=x op y` (arithmetic, %) as one statement closure, else None.

    `conv` is the conversion of the declared type of `$a`, applied only to results that need
    it; `compile_expr` compiles the operands that are neither locals nor number literals.
    """
    _conv, exact, lo, hi = store_plan(conv)
    if isinstance(node, N.Local):
        j = slot_of(node.name)
        name, span = node.name, node.span

        def copy_local(f: Any) -> None:
            loc = f.locals
            v = loc[j]
            if v is UNSET:
                raise undefined(name, span)
            if conv is not None and (type(v) is not exact or lo is not None and not lo <= v <= hi):
                v = conv(v)
            loc[i] = v

        return copy_local
    if isinstance(node, N.Neg) and isinstance(node.operand, N.Local):
        j = slot_of(node.operand.name)
        general = compile_expr(node)

        def negate_local(f: Any) -> None:  # `$a:=-$b`
            loc = f.locals
            v = loc[j]
            t = type(v)
            v = -v if t is float or t is int else general(f)  # Undefined, other types, errors
            if conv is not None and (type(v) is not exact or lo is not None and not lo <= v <= hi):
                v = conv(v)
            loc[i] = v

        return negate_local
    if isinstance(node, N.Binary) and (node.op in _ARITH or node.op in ("/", "%")):
        if node.op == "+" and _has_text_literal(node):
            return None  # a text chain: concat_closure builds it whole
        op, lhs, rhs = node.op, node.left, node.right
        slow = _slow(_IMPL[op], node.span)
        store = (i, conv, exact, lo, hi)
        opa = _operand(lhs, _inline_or(compile_expr, lhs), slot_of, undefined)
        opb = _operand(rhs, _inline_or(compile_expr, rhs), slot_of, undefined)
        if op == "%":
            return modulo_closure(opa, opb, slow, store)
        return arith_closure(op, opa, opb, slow, store)
    return None


def _inline_or(compile_expr: Callable[[N.Expr], Fn], e: N.Expr) -> Fn | None:
    """The closure of an operand, or None for one read inline (a local or a number literal)."""
    return None if isinstance(e, N.Local) or _number_literal(e) else compile_expr(e)


_IMPL = {"+": V.add, "-": V.sub, "*": V.mul, "/": V.div, "%": V.mod}


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
    for x, span in zip(operands[1:], reversed(spans), strict=True):
        kind, v, where = inline_read(x, compile_expr, slot_of)
        steps.append((kind, v, _slow(impl, span), where))
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
