"""Collections: New collection and the member functions of 4D.Collection."""

from __future__ import annotations

import functools
from typing import Any

from lang.errors import ERR_ARG_TYPE, FourDError
from lang.interpreter import to_storable
from lang.registry import member
from lang.values import (
    UNDEFINED,
    Coll,
    Date4D,
    Obj,
    Time4D,
    check_writable,
    equal,
    fold,
    share_value,
    text_eq,
    to_text,
    truthy,
)

from .callbacks import call_callback
from .objects import deep_copy


def _store(c: Coll, v: Any) -> Any:
    v = None if v is UNDEFINED else to_storable(v)
    if c.group is not None:
        v = share_value(c, v)
    return v


class _AutoUse:
    """Shared collections lock themselves around their modifying functions."""

    __slots__ = ("c", "proc")

    def __init__(self, ctx: Any, c: Coll):
        self.c = c
        self.proc = ctx.process

    def __enter__(self) -> None:
        if self.c.group is not None:
            self.c.group.acquire(self.proc)

    def __exit__(self, *exc: Any) -> None:
        if self.c.group is not None:
            self.c.group.release(self.proc)


def _int(v: Any, what: str = "index") -> int:
    if type(v) in (float, int) and type(v) is not bool:
        return int(v)
    if v is UNDEFINED:
        return 0
    raise FourDError(ERR_ARG_TYPE, f"A number was expected for {what}")


@member("Collection", "push")
def push(ctx: Any, c: Coll, *values: Any) -> Coll:
    """Append elements; returns the same collection."""
    with _AutoUse(ctx, c):
        for v in values:
            c.append(_store(c, v))
    return c


@member("Collection", "pop")
def pop(ctx: Any, c: Coll) -> Any:
    """Remove and return the last element (Undefined if empty)."""
    with _AutoUse(ctx, c):
        if not c:
            return UNDEFINED
        return c.pop()


def _eq_value(a: Any, b: Any) -> bool:
    """Equality used by indexOf, includes, countValues: `=` rules, objects by reference."""
    if isinstance(a, (Obj, Coll)) or isinstance(b, (Obj, Coll)):
        return a is b
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        return text_eq(a, b)
    if (a is None) or (b is None):
        return a is None and b is None
    try:
        return equal(a, b)
    except FourDError:
        return False


def _start(start: Any, n: int) -> int:
    s = _int(start, "startFrom")
    if s < 0:
        s += n
        if s < 0:
            s = 0
    return s


@member("Collection", "indexOf")
def index_of(ctx: Any, c: Coll, value: Any, start: Any = 0) -> float:
    """Index of the first element equal to value (text: case-insensitive, @ wildcard), or -1."""
    n = len(c)
    for i in range(_start(start, n), n):
        if _eq_value(c[i], value):
            return float(i)
    return -1.0


@member("Collection", "join")
def join(ctx: Any, c: Coll, delimiter: Any = "", option: Any = 0) -> str:
    """Elements converted to text and joined (Null as "null")."""
    if type(delimiter) is not str:
        raise FourDError(ERR_ARG_TYPE, "join: the delimiter must be a text")
    skip = type(option) in (float, int) and int(option) & 4
    parts = []
    for v in c:
        if skip and (v is None or v == ""):
            continue
        parts.append(to_text(v))
    return delimiter.join(parts)


@member("Collection", "copy")
def copy(ctx: Any, c: Coll, option: Any = 0, group_with: Any = None) -> Coll:
    """Deep copy (standard, or shared with `ck shared`)."""
    shared = type(option) in (float, int) and type(option) is not bool and int(option) & 4 != 0
    return deep_copy(c, shared, group_with if shared else None)


def _param(value: Any) -> Obj:
    p = Obj()
    dict.__setitem__(p, "value", value)
    return p


@member("Collection", "map")
def map_(ctx: Any, c: Coll, callback: Any, *params: Any) -> Coll:
    """New collection of the callback's results for each element."""
    out = Coll()
    for v in list(c):
        p = _param(v)
        r = call_callback(ctx, callback, p, params)
        out.append(None if r is UNDEFINED else to_storable(r))
        if p.get("stop") is True:
            break
    return out


@member("Collection", "filter")
def filter_(ctx: Any, c: Coll, callback: Any, *params: Any) -> Coll:
    """Shallow copy of the elements for which the callback is true."""
    out = Coll()
    for v in list(c):
        p = _param(v)
        r = call_callback(ctx, callback, p, params)
        if r is True:
            out.append(v)
        if p.get("stop") is True:
            break
    if c.group is not None:
        return _shared_like(c, out)
    return out


def _shared_like(src: Coll, items: Coll) -> Coll:
    """A shared result (filter, slice...) joins the source's shared group."""
    res = Coll(items)
    res.group = src.group
    return res


@member("Collection", "reduce")
def reduce_(ctx: Any, c: Coll, callback: Any, *rest: Any) -> Any:
    """Fold the elements left to right into $1.accumulator."""
    acc = rest[0] if rest else UNDEFINED
    params = rest[1:]
    for v in list(c):
        p = _param(v)
        dict.__setitem__(p, "accumulator", acc)
        r = call_callback(ctx, callback, p, params)
        acc = r
        if p.get("stop") is True:
            break
    return acc


_TYPE_ORDER = {type(None): 0, bool: 1, str: 2, float: 3, int: 3, Obj: 4, Coll: 5, Date4D: 6, Time4D: 3}


def sort_key(v: Any) -> tuple[int, Any]:
    """Default order of .sort(): null, booleans, texts, numbers, objects, collections, dates."""
    t = type(v)
    rank = _TYPE_ORDER.get(t, 4 if isinstance(v, Obj) else 5 if isinstance(v, Coll) else 7)
    if t is str:
        return (rank, fold(v))
    if t is float or t is int or t is bool:
        return (rank, v)
    if t is Time4D:
        return (rank, v.s)
    if t is Date4D:
        return (rank, v.days if not v.is_null else -1)
    return (rank, 0)


@member("Collection", "sort")
def sort(ctx: Any, c: Coll, callback: Any = None, *params: Any) -> Coll:
    """Sort in place (scalars ascending, or by a less-than callback); returns the collection."""
    with _AutoUse(ctx, c):
        if callback is None or callback is UNDEFINED:
            c.sort(key=sort_key)
            return c

        def cmp(a: Any, b: Any) -> int:
            p = _param(a)
            dict.__setitem__(p, "value2", b)
            if truthy(call_callback(ctx, callback, p, params)) is True:
                return -1
            p = _param(b)
            dict.__setitem__(p, "value2", a)
            if truthy(call_callback(ctx, callback, p, params)) is True:
                return 1
            return 0

        items = sorted(c, key=functools.cmp_to_key(cmp))
        c[:] = items
    return c


_ = check_writable
