"""Fast paths of control structures: `If` and `While` on a comparison, the range of a `For` counter.

`If` and `While` on a comparison of a local with a local or a number literal run in one closure.

A fast path of lang/core/statements.py (its `stmt_If` and `stmt_While` use these when the fast
paths are on): two numbers are compared inline, and every other pair of values is left to the
condition's closure, which decides. Each branch and loop body runs in the statement loop of
`compile_stmts`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any, TypeGuard

from .. import nodes as N
from .. import values as V
from ..errors import FourDError
from .frames import BRK, RET, Fn, Frame

_ORDER = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def _number_literal(e: N.Expr) -> TypeGuard[N.Literal]:
    return isinstance(e, N.Literal) and type(e.value) is float and e.value == e.value


def compare_shape(e: N.Expr, slot_of: Callable[[str], int]) -> tuple[Any, int, int, Any] | None:
    """`$a<$b` or `$a<2` (< > <= >=) as (pyop, slot of $a, slot of $b or -1, the constant), else None.

    For `If` and `While`, which then compare two numbers (NaN aside) without calling the
    condition's closure; any other pair of values takes the condition's closure, which decides.
    """
    if isinstance(e, N.Binary) and e.op in ("=", "#") and isinstance(e.left, N.Local) and _number_literal(e.right):
        return e.op, slot_of(e.left.name), -1, e.right.value  # `$a=3` (`If` only: `_if_equal`)
    if not (isinstance(e, N.Binary) and e.op in _ORDER and isinstance(e.left, N.Local)):
        return None
    if isinstance(e.right, N.Local):
        return _ORDER[e.op], slot_of(e.left.name), slot_of(e.right.name), None
    if _number_literal(e.right):
        return _ORDER[e.op], slot_of(e.left.name), -1, e.right.value
    return None


def if_compare(shape: tuple[Any, int, int, Any], cond: Fn, check: Any, then: Any, other: Any, fail: Any) -> Fn:
    """`If ($a<$b)`, `If ($a<2)` (compare_shape): two numbers are compared inline, any
    other operands (Undefined, texts, dates, NaN) by the condition's closure."""
    pyop, i, j, k = shape
    only = then[0] if len(then) == 1 else None
    only_other = other[0] if other is not None and len(other) == 1 else None
    if pyop == "=" or pyop == "#":
        return _if_equal(pyop == "=", i, k, cond, check, then, other, fail)
    if j < 0:

        def if_compare_constant(f: Frame) -> Any:
            a = f.locals[i]
            ta = type(a)
            if (ta is float or ta is int) and a == a:  # (the constant is a number, never NaN)
                c = pyop(a, k)
            else:
                c = cond(f)
                c = c is True or (c is not False and check(c))
            if c:
                if only is not None:  # a one-statement branch: the statement loop below, unrolled
                    try:
                        return only(f)
                    except FourDError as e:
                        return fail(e, only, f)
                body = then
            elif other is not None:
                if only_other is not None:
                    try:
                        return only_other(f)
                    except FourDError as e:
                        return fail(e, only_other, f)
                body = other
            else:
                return None
            for fn in body:  # the statement loop of compile_stmts
                try:
                    r = fn(f)
                except FourDError as e:
                    r = fail(e, fn, f)
                if r is not None:
                    return r
            return None

        return if_compare_constant

    def if_compare(f: Frame) -> Any:
        loc = f.locals
        a = loc[i]
        b = k if j < 0 else loc[j]
        ta = type(a)
        tb = type(b)
        if (ta is float or ta is int) and (tb is float or tb is int) and a == a and b == b:
            c = pyop(a, b)
        else:
            c = cond(f)
            c = c is True or (c is not False and check(c))
        if c:
            if only is not None:  # a one-statement branch: the statement loop below, unrolled
                try:
                    return only(f)
                except FourDError as e:
                    return fail(e, only, f)
            body = then
        elif other is not None:
            if only_other is not None:
                try:
                    return only_other(f)
                except FourDError as e:
                    return fail(e, only_other, f)
            body = other
        else:
            return None
        for fn in body:  # the statement loop of compile_stmts
            try:
                r = fn(f)
            except FourDError as e:
                r = fail(e, fn, f)
            if r is not None:
                return r
        return None

    return if_compare


def _if_equal(eq: bool, i: int, k: float, cond: Fn, check: Any, then: Any, other: Any, fail: Any) -> Fn:
    """`If ($a=3)`, `If ($a#3)` (a number literal): decided inline when the number in $a decides
    without the comparison level, else by the condition's closure (other values, Reals that
    differ, a comparison level of 1 or more).

    An Integer and a whole constant differ by at least 1: below a comparison level of 1 they are
    equal only when `==` says so; equal numbers are equal at any level (fastops `_equal_lc`).
    """
    eps = V.REAL_EPSILON  # read at each comparison: SET REAL COMPARISON LEVEL changes it
    whole = k.is_integer()
    only = then[0] if len(then) == 1 else None
    only_other = other[0] if other is not None and len(other) == 1 else None

    def if_equal(f: Frame) -> Any:
        a = f.locals[i]
        ta = type(a)
        if ta is int and whole and eps[0] < 1.0:
            c = (a == k) is eq
        elif (ta is float or ta is int) and a == k:
            c = eq
        else:
            c = cond(f)
            c = c is True or (c is not False and check(c))
        if c:
            if only is not None:  # a one-statement branch: the statement loop below, unrolled
                try:
                    return only(f)
                except FourDError as e:
                    return fail(e, only, f)
            body = then
        elif other is not None:
            if only_other is not None:
                try:
                    return only_other(f)
                except FourDError as e:
                    return fail(e, only_other, f)
            body = other
        else:
            return None
        for fn in body:  # the statement loop of compile_stmts
            try:
                r = fn(f)
            except FourDError as e:
                r = fail(e, fn, f)
            if r is not None:
                return r
        return None

    return if_equal


def while_compare(
    shape: tuple[Any, int, int, Any], cond: Fn, check: Any, body: Any, fail: Any, stop: Callable[[Any], None]
) -> Fn:
    """`While ($a<$b)`, `While ($a<2)`: the condition as `if_compare` tests it; `stop(process)`
    serves a stop request as the other loops do."""
    pyop, i, j, k = shape

    def while_compare(f: Frame) -> Any:
        proc = f.process
        loc = f.locals
        while True:
            a = loc[i]
            b = k if j < 0 else loc[j]
            ta = type(a)
            tb = type(b)
            if (ta is float or ta is int) and (tb is float or tb is int) and a == a and b == b:
                if not pyop(a, b):
                    return None
            else:
                c = cond(f)
                if not (c is True or (c is not False and check(c))):
                    return None
            for fn in body:
                try:
                    r = fn(f)
                except FourDError as e:
                    r = fail(e, fn, f)
                if r is not None:
                    if r == BRK:
                        return None
                    if r == RET:
                        return r
                    break
            if proc.stop_requested:
                stop(proc)

    return while_compare


def range_stop(v: Any, e: Any, st: Any) -> int | None:
    """The stop of `range(v, stop, st)` counting an Integer from v to e, or None.

    None when the counter or the step is not an int, or when the counter would leave the
    32-bit range (it then wraps as the general loop makes it).
    """
    if (
        type(v) is not int
        or type(st) is not int
        or not st
        or not (type(e) is int or (type(e) is float and math.isfinite(e)))
    ):
        return None
    last = math.floor(e) if st > 0 else math.ceil(e)
    if not -0x80000000 <= last + st <= 0x7FFFFFFF:
        return None
    return last + 1 if st > 0 else last - 1
