"""Collections: the member functions of 4D.Collection (docs/API/CollectionClass.md)."""

from __future__ import annotations

import functools
import inspect
import math
from collections.abc import Callable
from typing import Any

from mini4d.core.api import MAX_GROWTH, to_element
from mini4d.errors import ERR_ARG_COUNT, ERR_ARG_TYPE, ERR_INDEX_RANGE, FourDError
from mini4d.registry import member
from mini4d.values import (
    UNDEFINED,
    Coll,
    Date4D,
    Obj,
    Time4D,
    equal,
    fold,
    num_eq,
    share_value,
    text_eq,
    to_text,
    type_name,
)

from .callbacks import callback_runner, is_callback, param_object, stopped
from .objects import deep_copy
from .query import make_getter, run_query

# 4D values of the "Objects and collections" constants used here
CK_IGNORE_NULL_OR_EMPTY = 4
CK_DIACRITICAL = 8
CK_SHARED = 16
CK_COUNT_VALUES = 32
CK_RESOLVE_POINTERS = 32
CK_KEEP_NULL = 64

# ---------------------------------------------------------------- helpers


def coll_member(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a Collection member; fixed-arity functions refuse extra parameters."""

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        params = list(inspect.signature(fn).parameters.values())[2:]
        if any(p.kind is inspect.Parameter.VAR_POSITIONAL for p in params):
            member("Collection", name)(fn)
            return fn
        most = len(params)

        @functools.wraps(fn)
        def checked(ctx: Any, c: Coll, *args: Any) -> Any:
            if len(args) > most:
                raise FourDError(ERR_ARG_COUNT, f".{name}() accepts at most {most} parameter(s), got {len(args)}")
            return fn(ctx, c, *args)

        member("Collection", name)(checked)
        return fn

    return deco


def _store(c: Coll, v: Any) -> Any:
    v = to_element(v)
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

    def __exit__(self, *exc: object) -> None:
        if self.c.group is not None:
            self.c.group.release(self.proc)


def _sum(nums: list[float]) -> float:
    """The exact sum of numbers; past the largest Real it is INF (or -INF), as in IEEE arithmetic."""
    try:
        return float(math.fsum(nums))
    except OverflowError:
        return float(sum(nums))


def _is_num(v: Any) -> bool:
    t = type(v)
    return t is float or t is int


def _int(v: Any, what: str = "index") -> int:
    if _is_num(v):
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v)):
            return 0 if math.isnan(v) else (2**31 - 1 if v > 0 else -(2**31))
        return int(v)
    raise FourDError(ERR_ARG_TYPE, f"A number was expected for {what}, got {type_name(v)}")


def _text(v: Any, what: str) -> str:
    if type(v) is str:
        return v
    raise FourDError(ERR_ARG_TYPE, f"A text was expected for {what}, got {type_name(v)}")


def _opt_flags(v: Any, what: str = "option") -> int:
    if v is UNDEFINED or v is None:
        return 0
    return _int(v, what)


def _need(args: tuple[Any, ...], n: int, fn: str) -> None:
    if len(args) < n:
        raise FourDError(ERR_ARG_COUNT, f".{fn}() expects at least {n} parameter(s)")


def _shared_result(src: Coll, items: list[Any]) -> Coll:
    """Shallow results of a shared collection are shared, in the source's group."""
    res = Coll(items)
    if src.group is not None:
        res.group = src.group
        src.group.root().members += 1
    return res


def _clamp_start(v: int, n: int) -> int:
    """Negative index counts from the end, then is clamped to 0 (and to the length)."""
    if v < 0:
        v += n
        v = max(v, 0)
    return min(v, n)


def split_path(path: str) -> list[str]:
    """A property path "a.b.c" as its parts."""
    return path.split(".")


def get_path(v: Any, parts: list[str]) -> Any:
    """Value at a property path of an element, Undefined when any step is missing."""
    for name in parts:
        if isinstance(v, Obj):
            getter = getattr(v, "get_4d_property", None)
            v = getter(name) if getter is not None else dict.get(v, name, UNDEFINED)
        elif getattr(v, "is_4d_object", False) and hasattr(v, "get_4d_property"):
            v = v.get_4d_property(name)  # 4D.File, 4D.Folder, 4D.Session...: their properties
        else:
            return UNDEFINED
    return v


def _path_values(c: Coll, path: Any) -> list[Any]:
    """Element values, or the values at `path` of object elements (path given as Text)."""
    if path is UNDEFINED:
        return list(c)
    get = make_getter(split_path(_text(path, "propertyPath")))
    return [get(v) for v in c]


def eq_value(a: Any, b: Any) -> bool:
    """Equality used by indexOf, includes, countValues: `=` rules, objects by reference."""
    if isinstance(a, (Obj, Coll)) or isinstance(b, (Obj, Coll)):
        return a is b
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        return text_eq(a, b)
    if a is None or b is None or a is UNDEFINED or b is UNDEFINED:
        return (a is None or a is UNDEFINED) and (b is None or b is UNDEFINED)
    if (ta is bool) != (tb is bool):
        return False
    try:
        return equal(a, b)
    except FourDError:
        return False


# ---------------------------------------------------------------- default order

_RANK_NULL, _RANK_BOOL, _RANK_TEXT, _RANK_NUM, _RANK_OBJ, _RANK_COLL, _RANK_DATE = range(7)


def sort_key(v: Any) -> tuple[int, Any]:
    """Default order of .sort(): null, booleans, texts, numbers, objects, collections, dates.

    Objects and collections are not sorted: they keep their relative order (stable sort).
    """
    t = type(v)
    if t is float or t is int:
        return (_RANK_NUM, -math.inf if math.isnan(v) else v)  # NaN first among numbers
    if t is str:
        return (_RANK_TEXT, fold(v))
    if t is bool:
        return (_RANK_BOOL, v)
    if v is None or v is UNDEFINED:
        return (_RANK_NULL, 0)
    if t is Date4D:
        return (_RANK_DATE, v.days if not v.is_null else -1)
    if t is Time4D:
        return (_RANK_NUM, float(v.s))
    if isinstance(v, Coll):
        return (_RANK_COLL, 0)
    return (_RANK_OBJ, 0)


def _less_cmp(ctx: Any, callback: Any, params: tuple[Any, ...]) -> Callable[[Any, Any], int]:
    """A cmp function from a less-than callback (`$1.value` < `$1.value2`)."""
    run = callback_runner(ctx, callback, params)

    def less(a: Any, b: Any) -> bool:
        p = param_object(a)
        dict.__setitem__(p, "value2", b)
        return run(p) is True

    def cmp(a: Any, b: Any) -> int:
        # Python's sort only asks "a < b", so one callback call per comparison is enough
        return -1 if less(a, b) else 0

    return cmp


def order_keys(values: list[Any]) -> list[Any]:
    """Sort keys of values in the default order; plain numbers or texts skip the type rank."""
    types = set(map(type, values))
    if types <= {float, int}:
        # A sum of Reals is NaN only when a value is NaN (or infinities cancel): then look closer.
        total = sum(values) if types == {float} else math.nan
        if total == total or not any(math.isnan(v) for v in values):
            return values
    if types == {str}:
        return [fold(v) for v in values]
    return [sort_key(v) for v in values]


def _sorted_default(items: list[Any], descending: bool = False) -> list[Any]:
    keys = order_keys(items)
    idx = sorted(range(len(items)), key=keys.__getitem__, reverse=descending)
    return [items[i] for i in idx]


# ---------------------------------------------------------------- adding and removing


@coll_member("push")
def push(ctx: Any, c: Coll, *values: Any) -> Coll:
    """Append elements; returns the same collection."""
    if c.group is None:
        for v in values:
            t = type(v)
            c.append(v if t is float or t is str or t is bool or t is Obj or t is Coll or v is None else _store(c, v))
        return c
    with _AutoUse(ctx, c):
        for v in values:
            c.append(_store(c, v))
    return c


@coll_member("pop")
def pop(ctx: Any, c: Coll) -> Any:
    """Remove and return the last element (Undefined if empty)."""
    with _AutoUse(ctx, c):
        if not c:
            return UNDEFINED
        return c.pop()


@coll_member("shift")
def shift(ctx: Any, c: Coll) -> Any:
    """Remove and return the first element (Undefined if empty)."""
    with _AutoUse(ctx, c):
        if not c:
            return UNDEFINED
        return c.pop(0)


@coll_member("unshift")
def unshift(ctx: Any, c: Coll, *values: Any) -> Coll:
    """Insert values at the beginning, in argument order."""
    with _AutoUse(ctx, c):
        c[0:0] = [_store(c, v) for v in values]
    return c


@coll_member("insert")
def insert(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Insert one element at index (a collection is inserted as one element)."""
    _need(args, 2, "insert")
    with _AutoUse(ctx, c):
        i = _clamp_start(_int(args[0]), len(c))
        c.insert(i, _store(c, args[1]))
    return c


@coll_member("combine")
def combine(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Insert each element of col2 at index (default: the end)."""
    _need(args, 1, "combine")
    col2 = args[0]
    if not isinstance(col2, Coll):
        raise FourDError(ERR_ARG_TYPE, f".combine(): a collection was expected, got {type_name(col2)}")
    with _AutoUse(ctx, c):
        i = len(c) if len(args) < 2 else _clamp_start(_int(args[1]), len(c))
        c[i:i] = [_store(c, v) for v in list(col2)]
    return c


@coll_member("remove")
def remove(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Remove howMany elements (default 1) from index."""
    _need(args, 1, "remove")
    with _AutoUse(ctx, c):
        i = _clamp_start(_int(args[0]), len(c))
        n = _int(args[1], "howMany") if len(args) > 1 else 1
        if n > 0:
            del c[i : i + n]
    return c


@coll_member("clear")
def clear(ctx: Any, c: Coll) -> Coll:
    """Remove every element; returns the same, now empty, collection."""
    with _AutoUse(ctx, c):
        del c[:]
    return c


@coll_member("resize")
def resize(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Truncate, or pad with Null or defaultValue, to the new size."""
    _need(args, 1, "resize")
    size = max(0, _int(args[0], "size"))
    if size - len(c) > MAX_GROWTH:
        raise FourDError(ERR_INDEX_RANGE, f"resize: {size} elements is too many (collection of {len(c)})")
    with _AutoUse(ctx, c):
        if size < len(c):
            del c[size:]
        else:
            fill_v = _store(c, args[1]) if len(args) > 1 else None
            c.extend([fill_v] * (size - len(c)))
    return c


@coll_member("fill")
def fill(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Set value in [startFrom, end) (default: every element)."""
    _need(args, 1, "fill")
    with _AutoUse(ctx, c):
        n = len(c)
        start = _clamp_start(_int(args[1], "startFrom"), n) if len(args) > 1 else 0
        end = n
        if len(args) > 2:
            end = _int(args[2], "end")
            if end < 0:
                end += n
            end = min(end, n)
        if end > start:
            v = _store(c, args[0])
            for i in range(start, end):
                c[i] = v
    return c


# ---------------------------------------------------------------- reading


@coll_member("at")
def at(ctx: Any, c: Coll, index: Any = UNDEFINED) -> Any:
    """Element at index (negative counts from the end); Undefined out of range."""
    i = _int(index)
    if i < 0:
        i += len(c)
    if 0 <= i < len(c):
        return c[i]
    return UNDEFINED


@coll_member("first")
def first(ctx: Any, c: Coll) -> Any:
    """First element, Undefined if empty."""
    return c[0] if c else UNDEFINED


@coll_member("last")
def last(ctx: Any, c: Coll) -> Any:
    """Last element, Undefined if empty."""
    return c[-1] if c else UNDEFINED


@coll_member("slice")
def slice_(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Shallow copy of [startFrom, end)."""
    _need(args, 1, "slice")
    n = len(c)
    start = _clamp_start(_int(args[0], "startFrom"), n)
    end = n
    if len(args) > 1:
        end = _int(args[1], "end")
        if end < 0:
            end += n
        end = min(end, n)
    return _shared_result(c, list(c[start:end]) if end > start else [])


@coll_member("concat")
def concat(ctx: Any, c: Coll, *values: Any) -> Coll:
    """New collection: the elements, then the values (collections are added element by element)."""
    out = Coll(c)
    for v in values:
        if isinstance(v, Coll):
            out.extend(v)
        else:
            out.append(to_element(v))
    return out


@coll_member("copy")
def copy(ctx: Any, c: Coll, option: Any = 0, group_with: Any = None) -> Coll:
    """Deep copy (standard, or shared with `ck shared`, optionally in groupWith's group)."""
    flags = _opt_flags(option)
    shared = flags & CK_SHARED != 0
    resolve = flags & CK_RESOLVE_POINTERS != 0
    if group_with is not None and group_with is not UNDEFINED:
        if not isinstance(group_with, (Obj, Coll)) or group_with.group is None:
            raise FourDError(ERR_ARG_TYPE, ".copy(): groupWith must be a shared object or collection")
    else:
        group_with = None
    return deep_copy(c, shared, group_with if shared else None, resolve=resolve)


@coll_member("reverse")
def reverse(ctx: Any, c: Coll) -> Coll:
    """Deep copy in reverse order (shared if the collection is shared)."""
    out = deep_copy(c, c.group is not None, None)
    out.reverse()
    return out


@coll_member("join")
def join(ctx: Any, c: Coll, delimiter: Any = UNDEFINED, option: Any = 0) -> str:
    """Elements converted to text and joined (Null as "null")."""
    sep = _text(delimiter, "delimiter")
    skip = _opt_flags(option) & CK_IGNORE_NULL_OR_EMPTY
    parts = []
    for v in c:
        if skip and (v is None or v == ""):
            continue
        parts.append(to_text(v))
    return sep.join(parts)


@coll_member("flat")
def flat(ctx: Any, c: Coll, depth: Any = 1) -> Coll:
    """New collection with sub-collections flattened up to depth levels."""
    d = _int(depth, "depth")
    out = Coll()

    def walk(items: list[Any], level: int) -> None:
        for v in items:
            if isinstance(v, Coll) and level > 0:
                walk(v, level - 1)
            else:
                out.append(v)

    walk(c, d)
    return out


# ---------------------------------------------------------------- searching


def _search_start(c: Coll, start: Any) -> int:
    s = _int(start, "startFrom")
    if s < 0:
        s = max(0, s + len(c))
    return s


@coll_member("indexOf")
def index_of(ctx: Any, c: Coll, *args: Any) -> float:
    """Index of the first element equal to toSearch (text: case-insensitive, @ wildcard), or -1."""
    _need(args, 1, "indexOf")
    value = args[0]
    for i in range(_search_start(c, args[1]) if len(args) > 1 else 0, len(c)):
        if eq_value(c[i], value):
            return float(i)
    return -1.0


@coll_member("includes")
def includes(ctx: Any, c: Coll, *args: Any) -> bool:
    """True if an element equals toSearch (same rules as indexOf)."""
    return index_of(ctx, c, *args) >= 0


@coll_member("lastIndexOf")
def last_index_of(ctx: Any, c: Coll, *args: Any) -> float:
    """Index of the last element equal to toSearch, searching right to left from startFrom."""
    _need(args, 1, "lastIndexOf")
    value = args[0]
    n = len(c)
    s = n - 1
    if len(args) > 1:
        s = _int(args[1], "startFrom")
        if s == 0:
            return -1.0  # documented: startFrom = 0 does not search
        if s < 0:
            s += n
            if s < 0:
                return -1.0
        s = min(s, n - 1)
    for i in range(s, -1, -1):
        if eq_value(c[i], value):
            return float(i)
    return -1.0


@coll_member("countValues")
def count_values(ctx: Any, c: Coll, *args: Any) -> float:
    """Number of elements (or values at propertyPath) equal to value."""
    _need(args, 1, "countValues")
    value = args[0]
    vals = _path_values(c, args[1]) if len(args) > 1 else list(c)
    return float(sum(1 for v in vals if v is not UNDEFINED and eq_value(v, value)))


@coll_member("count")
def count(ctx: Any, c: Coll, path: Any = UNDEFINED) -> float:
    """Number of non-null elements (or of elements having propertyPath)."""
    return float(sum(1 for v in _path_values(c, path) if v is not None and v is not UNDEFINED))


# ---------------------------------------------------------------- statistics


def _numbers(c: Coll, path: Any) -> list[float]:
    return [v for v in _path_values(c, path) if type(v) is float or type(v) is int]


@coll_member("sum")
def sum_(ctx: Any, c: Coll, path: Any = UNDEFINED) -> float:
    """Sum of the numeric elements (or values at propertyPath); 0 if none."""
    return _sum(_numbers(c, path))


@coll_member("average")
def average(ctx: Any, c: Coll, path: Any = UNDEFINED) -> Any:
    """Mean of the numeric elements (or values at propertyPath); Undefined if none."""
    nums = _numbers(c, path)
    if not nums:
        return UNDEFINED
    return _sum(nums) / len(nums)


def _present(c: Coll, path: Any) -> list[Any]:
    return [v for v in _path_values(c, path) if v is not UNDEFINED and (path is UNDEFINED or v is not None)]


@coll_member("max")
def max_(ctx: Any, c: Coll, path: Any = UNDEFINED) -> Any:
    """Last element in .sort() order (or of the values at propertyPath); Undefined if empty."""
    vals = _present(c, path)
    return _sorted_default(vals)[-1] if vals else UNDEFINED


@coll_member("min")
def min_(ctx: Any, c: Coll, path: Any = UNDEFINED) -> Any:
    """First element in .sort() order (or of the values at propertyPath); Undefined if empty."""
    vals = _present(c, path)
    return _sorted_default(vals)[0] if vals else UNDEFINED


# ---------------------------------------------------------------- distinct, equal, extract


def _strict_key(s: str) -> tuple[str, tuple[bool, ...], str]:
    # ck diacritical: "a" and "A" differ; lowercase sorts before uppercase (ICU tertiary order)
    return (fold(s), tuple(ch.isupper() for ch in s), s)


@coll_member("distinct")
def distinct(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Sorted distinct values (Null dropped); ck diacritical, ck count values."""
    path: Any = UNDEFINED
    options = 0
    if args and type(args[0]) is str:
        path = args[0]
        if len(args) > 1:
            options = _opt_flags(args[1], "options")
    elif args:
        options = _opt_flags(args[0], "options")
    strict = options & CK_DIACRITICAL != 0
    with_count = options & CK_COUNT_VALUES != 0
    keys: dict[Any, int] = {}
    values: list[Any] = []
    counts: list[int] = []
    for v in _path_values(c, path):
        if v is None or v is UNDEFINED:
            continue
        t = type(v)
        if t is str:
            k: Any = ("s", v if strict else fold(v))
        elif t is float or t is int:
            k = ("n", float(v))
        elif t is bool:
            k = ("b", v)
        elif t is Date4D:
            k = ("d", v.y, v.m, v.d)
        else:
            k = ("r", id(v))  # objects and collections: distinct references
        i = keys.get(k)
        if i is None:
            keys[k] = len(values)
            values.append(v)
            counts.append(1)
        else:
            counts[i] += 1
    order = list(range(len(values)))
    if strict:
        order.sort(
            key=lambda i: (
                sort_key(values[i])[0],
                _strict_key(values[i]) if type(values[i]) is str else sort_key(values[i])[1],
            )
        )
    else:
        order.sort(key=lambda i: sort_key(values[i]))
    if with_count:
        out = Coll()
        for i in order:
            o = Obj()
            dict.__setitem__(o, "value", values[i])
            dict.__setitem__(o, "count", float(counts[i]))
            out.append(o)
        return out
    return Coll([values[i] for i in order])


def deep_equal(a: Any, b: Any, strict: bool) -> bool:
    """Deep comparison of .equal(): texts without wildcard, case-insensitive unless strict."""
    if isinstance(a, Coll) and isinstance(b, Coll):
        return len(a) == len(b) and all(deep_equal(x, y, strict) for x, y in zip(a, b, strict=True))
    if isinstance(a, Obj) and isinstance(b, Obj):
        if set(dict.keys(a)) != set(dict.keys(b)):
            return False
        # a key list snapshot: another process may write a shared object meanwhile
        return all(deep_equal(dict.get(a, k), dict.get(b, k), strict) for k in list(dict.keys(a)))
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        return a == b if strict else fold(a) == fold(b)
    if ta is bool or tb is bool:
        return ta is tb and a == b
    if _is_num(a) and _is_num(b):
        return num_eq(a, b)
    if a is None or b is None:
        return a is b
    if ta is Date4D and tb is Date4D:
        return a == b
    if ta is Time4D and tb is Time4D:
        return a == b
    return a is b


@coll_member("equal")
def equal_(ctx: Any, c: Coll, *args: Any) -> bool:
    """Deep comparison with collection2 (ck diacritical: case and accents matter)."""
    _need(args, 1, "equal")
    other = args[0]
    if not isinstance(other, Coll):
        raise FourDError(ERR_ARG_TYPE, f".equal(): a collection was expected, got {type_name(other)}")
    strict = _opt_flags(args[1]) & CK_DIACRITICAL != 0 if len(args) > 1 else False
    return deep_equal(c, other, strict)


def _set_path(o: Obj, parts: list[str], v: Any) -> None:
    for name in parts[:-1]:
        nxt = dict.get(o, name)
        if not isinstance(nxt, Obj):
            nxt = Obj()
            dict.__setitem__(o, name, nxt)
        o = nxt
    dict.__setitem__(o, parts[-1], v)


@coll_member("extract")
def extract(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Values at propertyPath (ck keep null), or new objects {targetPath: value} for path pairs."""
    _need(args, 1, "extract")
    if len(args) >= 2 and type(args[1]) is str:
        if len(args) % 2:
            raise FourDError(ERR_ARG_COUNT, ".extract(): propertyPath and targetPath come in pairs")
        pairs = [
            (split_path(_text(args[i], "propertyPath")), split_path(_text(args[i + 1], "targetPath")))
            for i in range(0, len(args), 2)
        ]
        out = Coll()
        for el in c:
            o = Obj()
            found = False
            for src, dst in pairs:
                v = get_path(el, src)
                if v is not UNDEFINED:
                    found = True
                    _set_path(o, dst, v)
            if found:
                out.append(o)
        return out
    parts = split_path(_text(args[0], "propertyPath"))
    keep_null = len(args) > 1 and _opt_flags(args[1]) & CK_KEEP_NULL != 0
    out = Coll()
    for el in c:
        v = get_path(el, parts)
        if v is UNDEFINED or v is None:
            if keep_null:
                out.append(None)
            continue
        out.append(v)
    return out


# ---------------------------------------------------------------- callbacks


def _start_and_callback(c: Coll, args: tuple[Any, ...], fn: str) -> tuple[int, Any, tuple[Any, ...]]:
    """Split `({startFrom;} callback {; params})`; startFrom None means "not searched"."""
    if not args:
        raise FourDError(ERR_ARG_COUNT, f".{fn}() expects a formula or a method name")
    start = 0
    if _is_num(args[0]) and len(args) > 1:
        start = _int(args[0], "startFrom")
        if start < 0:
            start = max(0, start + len(c))
        args = args[1:]
    if not is_callback(args[0]):
        raise FourDError(ERR_ARG_TYPE, f".{fn}(): a formula or a method name was expected, got {type_name(args[0])}")
    return start, args[0], args[1:]


def _callback_and_params(args: tuple[Any, ...], fn: str) -> tuple[Any, tuple[Any, ...]]:
    if not args:
        raise FourDError(ERR_ARG_COUNT, f".{fn}() expects a formula or a method name")
    if not is_callback(args[0]):
        raise FourDError(ERR_ARG_TYPE, f".{fn}(): a formula or a method name was expected, got {type_name(args[0])}")
    return args[0], args[1:]


@coll_member("map")
def map_(ctx: Any, c: Coll, *args: Any) -> Coll:
    """New collection of the callback's results for each element."""
    callback, params = _callback_and_params(args, "map")
    run = callback_runner(ctx, callback, params)
    out = Coll()
    for v in list(c):
        p = param_object(v)
        r = run(p)
        out.append(to_element(r))
        if stopped(p):
            break
    return out


@coll_member("flatMap")
def flat_map(ctx: Any, c: Coll, *args: Any) -> Coll:
    """map() then flat(1)."""
    return flat(ctx, map_(ctx, c, *args), 1)


@coll_member("filter")
def filter_(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Shallow copy of the elements for which the callback is true (shared if c is shared)."""
    callback, params = _callback_and_params(args, "filter")
    run = callback_runner(ctx, callback, params)
    out = []
    for v in list(c):
        p = param_object(v)
        if run(p) is True:
            out.append(v)
        if stopped(p):
            break
    return _shared_result(c, out)


def _find(ctx: Any, c: Coll, args: tuple[Any, ...], fn: str) -> int:
    start, callback, params = _start_and_callback(c, args, fn)
    run = callback_runner(ctx, callback, params)
    items = list(c)
    for i in range(start, len(items)):
        p = param_object(items[i])
        if run(p) is True:
            return i
        if stopped(p):
            break
    return -1


@coll_member("find")
def find(ctx: Any, c: Coll, *args: Any) -> Any:
    """First element for which the callback is true, or Undefined."""
    i = _find(ctx, c, args, "find")
    return c[i] if 0 <= i < len(c) else UNDEFINED


@coll_member("findIndex")
def find_index(ctx: Any, c: Coll, *args: Any) -> float:
    """Index of the first element for which the callback is true, or -1."""
    return float(_find(ctx, c, args, "findIndex"))


@coll_member("every")
def every(ctx: Any, c: Coll, *args: Any) -> bool:
    """True if the callback is true for every element from startFrom."""
    start, callback, params = _start_and_callback(c, args, "every")
    run = callback_runner(ctx, callback, params)
    items = list(c)
    if start >= len(items) and items:
        return False  # documented: startFrom >= length is not tested
    for i in range(start, len(items)):
        p = param_object(items[i])
        r = run(p) is True
        if not r:
            return False
        if stopped(p):
            return r
    return True


@coll_member("some")
def some(ctx: Any, c: Coll, *args: Any) -> bool:
    """True if the callback is true for at least one element from startFrom."""
    start, callback, params = _start_and_callback(c, args, "some")
    run = callback_runner(ctx, callback, params)
    items = list(c)
    for i in range(start, len(items)):
        p = param_object(items[i])
        if run(p) is True:
            return True
        if stopped(p):
            return False
    return False


def _reduce(ctx: Any, c: Coll, args: tuple[Any, ...], fn: str, backwards: bool) -> Any:
    callback, rest = _callback_and_params(args, fn)
    acc = rest[0] if rest else UNDEFINED
    params = rest[1:]
    run = callback_runner(ctx, callback, params)
    items = list(c)
    if backwards:
        items.reverse()
    for v in items:
        p = param_object(v)
        dict.__setitem__(p, "accumulator", acc)
        r = run(p)
        # the callback accumulates into $1.accumulator; a formula may also return the value
        new_acc = dict.get(p, "accumulator", UNDEFINED)
        if new_acc is acc and r is not UNDEFINED:
            new_acc = r
        acc = new_acc
        if stopped(p):
            break
    return acc


@coll_member("reduce")
def reduce_(ctx: Any, c: Coll, *args: Any) -> Any:
    """Fold the elements left to right into $1.accumulator."""
    return _reduce(ctx, c, args, "reduce", False)


@coll_member("reduceRight")
def reduce_right(ctx: Any, c: Coll, *args: Any) -> Any:
    """Fold the elements right to left into $1.accumulator."""
    return _reduce(ctx, c, args, "reduceRight", True)


# ---------------------------------------------------------------- sorting


@coll_member("sort")
def sort(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Sort in place (default type order, or by a less-than callback); returns the collection."""
    with _AutoUse(ctx, c):
        if not args:
            c[:] = _sorted_default(list(c))
            return c
        callback, params = _callback_and_params(args, "sort")
        c[:] = sorted(c, key=functools.cmp_to_key(_less_cmp(ctx, callback, params)))
    return c


def _order_criteria(arg: Any) -> list[tuple[list[str], bool]]:
    """orderBy criteria as (path parts, descending) from a Text or a Collection of objects."""
    crit: list[tuple[list[str], bool]] = []
    if type(arg) is str:
        for item in arg.split(","):
            words = item.split()
            if not words:
                raise FourDError(ERR_ARG_TYPE, f'.orderBy(): empty criterion in "{arg}"')
            if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
                raise FourDError(
                    ERR_ARG_TYPE, f'.orderBy(): invalid criterion "{item.strip()}" (use "path asc" or "path desc")'
                )
            crit.append((split_path(words[0]), len(words) == 2 and words[1].lower() == "desc"))
        return crit
    for o in arg:
        if not isinstance(o, Obj) or type(dict.get(o, "propertyPath")) is not str:
            raise FourDError(ERR_ARG_TYPE, ".orderBy(): each criterion must be an object with a propertyPath text")
        crit.append((split_path(dict.__getitem__(o, "propertyPath")), dict.get(o, "descending") is True))
    return crit


@coll_member("orderBy")
def order_by(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Shallow sorted copy: scalars (ck ascending/descending) or objects by property paths."""
    items = list(c)
    arg = args[0] if args else UNDEFINED
    if arg is UNDEFINED or _is_num(arg):
        desc = _opt_flags(arg, "ascOrDesc") & 1 != 0 if arg is not UNDEFINED else False
        return _shared_result(c, _sorted_default(items, desc))
    if type(arg) is not str and not isinstance(arg, Coll):
        raise FourDError(
            ERR_ARG_TYPE, f".orderBy(): a text, a collection or a number was expected, got {type_name(arg)}"
        )
    crit = _order_criteria(arg)
    # stable multi-pass sort: least significant criterion first
    for parts, desc in reversed(crit):
        get = make_getter(parts)
        if len(parts) == 1:  # one property: read inline (what make_getter's reader does)
            name = parts[0]
            keys = order_keys([dict.get(v, name, UNDEFINED) if type(v) is Obj else get(v) for v in items])
        else:
            keys = order_keys([get(v) for v in items])
        idx = sorted(range(len(items)), key=keys.__getitem__, reverse=desc)
        items = [items[i] for i in idx]
    return _shared_result(c, items)


@coll_member("orderByMethod")
def order_by_method(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Shallow copy sorted by a less-than callback."""
    callback, params = _callback_and_params(args, "orderByMethod")
    items = sorted(c, key=functools.cmp_to_key(_less_cmp(ctx, callback, params)))
    return _shared_result(c, items)


@coll_member("multiSort")
def multi_sort(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Synchronized stable sort of this collection and the collections of colsToSort."""
    if not args:
        return sort(ctx, c)
    callback = None
    if is_callback(args[0]) and not isinstance(args[0], Coll):
        callback = args[0]
        args = args[1:]
        if not args:
            return sort(ctx, c, callback)
    if not args or not isinstance(args[0], Coll):
        raise FourDError(ERR_ARG_TYPE, ".multiSort(): colsToSort must be a collection of collections")
    levels: list[tuple[Coll, bool]] = []
    for item in args[0]:
        if isinstance(item, Coll):
            levels.append((item, False))
        elif isinstance(item, Obj) and isinstance(dict.get(item, "collection"), Coll):
            desc = _opt_flags(dict.get(item, "order", 0), "order") & 1 != 0
            levels.append((dict.__getitem__(item, "collection"), desc))
        else:
            raise FourDError(
                ERR_ARG_TYPE,
                ".multiSort(): each element of colsToSort must be a collection or {collection; order}",
            )
    n = len(c)
    for col, _ in levels:
        if len(col) != n:
            raise FourDError(
                ERR_ARG_TYPE,
                f".multiSort(): all collections must have the same length ({len(col)} instead of {n})",
            )
    order = list(range(n))
    # stable passes: sub-levels from the last one, then the collection itself
    for col, desc in reversed(levels):
        order.sort(key=lambda i, col=col: sort_key(col[i]), reverse=desc)
    if callback is None:
        order.sort(key=lambda i: sort_key(c[i]))
    else:
        cmp = _less_cmp(ctx, callback, args[1:])
        order.sort(key=functools.cmp_to_key(lambda i, j: cmp(c[i], c[j])))
    for col in [c, *(col for col, _ in levels)]:
        with _AutoUse(ctx, col):
            col[:] = [col[i] for i in order]
    return c


# ---------------------------------------------------------------- queries


def _query_args(args: tuple[Any, ...], fn: str) -> tuple[str, list[Any], Obj | None]:
    _need(args, 1, fn)
    qs = _text(args[0], "queryString")
    values = list(args[1:])
    settings = None
    if values and type(values[-1]) is Obj and ("parameters" in values[-1] or "attributes" in values[-1]):
        settings = values.pop()
    return qs, values, settings


@coll_member("query")
def query(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Object elements matching the query string (shared if c is shared)."""
    qs, values, settings = _query_args(args, "query")
    idx = run_query(c, qs, values, settings)
    return _shared_result(c, [c[i] for i in idx])


@coll_member("indices")
def indices(ctx: Any, c: Coll, *args: Any) -> Coll:
    """Indexes (ascending) of the object elements matching the query string."""
    qs, values, settings = _query_args(args, "indices")
    return Coll([float(i) for i in run_query(c, qs, values, settings)])
