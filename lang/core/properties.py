"""The rules of access: property, element and character reads and writes, for every kind of value.

`get_property`, `set_property` (and `store_property`, an object's own property), `get_index`,
`set_index`, `char_at`, `set_char_at` and the reads through a declared object variable are the
one place these rules are written; the closures of core/access.py call them for anything their
inline paths do not cover, and commands reach `set_property` through core/api.py.
"""

from __future__ import annotations

import math
from typing import Any

from .. import values as V
from ..errors import (
    ERR_INDEX_RANGE,
    ERR_NOT_OBJECT,
    ERR_NULL_PROPERTY,
    ERR_NULL_WRITE,
    ERR_TYPE_MISMATCH,
    FourDError,
)
from ..source import Span
from ..values import UNDEFINED, Coll, Obj
from .conversions import to_element, to_index, to_storable


def get_property(o: Any, name: str, span: Span | None) -> Any:
    t = type(o)
    if t is Obj:
        return o.get(name, UNDEFINED)
    if o is UNDEFINED:
        return UNDEFINED
    if t is Coll:
        if name == "length":
            return float(len(o))
        raise FourDError(ERR_NOT_OBJECT, f'Collections have no property "{name}"', span)
    if o is None:
        if name == "length":
            return 0.0
        raise FourDError(ERR_NULL_PROPERTY, f'Cannot read property "{name}" of Null', span)
    getter = getattr(o, "get_4d_property", None)
    if getter is not None:
        return getter(name)
    if isinstance(o, Obj):
        return o.get(name, UNDEFINED)
    raise FourDError(ERR_NOT_OBJECT, f'Cannot read property "{name}" of a {V.type_name(o)} value', span)


def set_property(o: Any, name: str, v: Any, span: Span | None) -> None:
    """`o.name:=v`: the rule of every property write (objects, class instances, other 4D objects)."""
    if isinstance(o, Obj):
        setter = getattr(o, "set_4d_property", None) if type(o) is not Obj else None
        if setter is None:
            store_property(o, name, v, span)
        else:
            setter(name, v)
        return
    if o is None:
        raise FourDError(ERR_NULL_WRITE, f'Cannot set property "{name}": the object is Null (not initialised)', span)
    if o is UNDEFINED:
        raise FourDError(ERR_NULL_WRITE, f'Cannot set property "{name}" of an undefined value', span)
    setter = getattr(o, "set_4d_property", None)
    if setter is not None:
        setter(name, v)
        return
    raise FourDError(ERR_NOT_OBJECT, f'Cannot set property "{name}" of a {V.type_name(o)} value', span)


def store_property(o: Obj, name: str, v: Any, span: Span | None = None) -> None:
    """Write an own property: Undefined empties an existing one (values.md §3.2), numbers and times are
    stored as `to_storable` says, a shared object only inside `Use` (`check_writable`, `share_value`)."""
    if v is UNDEFINED:
        if not dict.__contains__(o, name):
            return
        v = V.empty_like(dict.__getitem__(o, name))
    v = to_storable(v)
    if o.group is not None:
        try:
            V.check_writable(o)
            v = V.share_value(o, v)
        except FourDError as err:
            err.with_span(span)
            raise
    dict.__setitem__(o, name, v)


def get_property_of_declared(o: Any, name: str, span: Span | None) -> Any:
    """A property of a variable declared Object, Collection or of a class: its Null reads as Undefined.

    docs/Concepts/data-types.md "Null as default value": such variables behave like null "with fewer
    errors"; null-undefined.md: `var $o : Object` then `$o.a` is undefined, "no error" (`$o["a"]` too).
    """
    if o is None and name != "length":  # `.length` of Null is 0 for every Null (get_property)
        return UNDEFINED
    return get_property(o, name, span)


def get_index_of_declared(o: Any, i: Any, span: Span | None) -> Any:
    """`$o[i]` of a variable declared Object, Collection or of a class: `$o["a"]` reads as `$o.a`."""
    if o is None and type(i) is str:
        return get_property_of_declared(o, i, span)
    return get_index(o, i, span)


def get_index(o: Any, i: Any, span: Span | None) -> Any:
    if isinstance(o, Coll):
        if type(i) not in (float, int) or type(i) is bool:
            raise FourDError(ERR_TYPE_MISMATCH, f"A collection index must be a number, got {V.type_name(i)}", span)
        n = _element_index(i, span)
        if n < 0 or n >= len(o):
            raise FourDError(ERR_INDEX_RANGE, f"Index {n} is out of range (the collection has {len(o)} elements)", span)
        return o[n]
    if isinstance(o, Obj):
        if type(i) is not str:
            raise FourDError(ERR_TYPE_MISMATCH, f"A property name must be a text, got {V.type_name(i)}", span)
        return get_property(o, i, span)
    if o is UNDEFINED:
        return UNDEFINED
    if o is None:
        raise FourDError(ERR_NULL_PROPERTY, "Cannot read an element of Null", span)
    if type(i) is str:
        return get_property(o, i, span)
    getter = getattr(o, "get_4d_index", None)
    if getter is not None:
        return getter(i)
    raise FourDError(ERR_NOT_OBJECT, f"Cannot index a {V.type_name(o)} value", span)


def set_index(o: Any, i: Any, v: Any, span: Span | None) -> None:
    if isinstance(o, Coll):
        if type(i) not in (float, int) or type(i) is bool:
            raise FourDError(ERR_TYPE_MISMATCH, f"A collection index must be a number, got {V.type_name(i)}", span)
        n = _element_index(i, span)
        if n < 0:
            raise FourDError(ERR_INDEX_RANGE, f"Index {n} is out of range", span)
        if n - len(o) > MAX_GROWTH:
            raise FourDError(
                ERR_INDEX_RANGE, f"Index {n} is too far past the end of the collection ({len(o)} elements)", span
            )
        v = to_element(v)
        if o.group is not None:
            try:
                V.check_writable(o)
                v = V.share_value(o, v)
            except FourDError as err:
                err.with_span(span)
                raise
        if n < len(o):
            o[n] = v
        else:
            o.extend([None] * (n - len(o)))
            o.append(v)
        return
    if type(i) is str:
        set_property(o, i, v, span)
        return
    if isinstance(o, Obj):
        raise FourDError(ERR_TYPE_MISMATCH, f"A property name must be a text, got {V.type_name(i)}", span)
    if o is None:
        raise FourDError(ERR_NULL_WRITE, "Cannot set an element of Null", span)
    setter = getattr(o, "set_4d_index", None)
    if setter is not None:
        setter(i, v)
        return
    raise FourDError(ERR_NOT_OBJECT, f"Cannot index a {V.type_name(o)} value", span)


# Writing this far past the end of a collection is refused rather than filling memory with Null.
MAX_GROWTH = 10_000_000


def _element_index(i: Any, span: Span | None) -> int:
    """A collection or character index as an int (INF and NaN are out of range)."""
    return to_index(i, span)


def char_at(text: Any, i: Any, span: Span | None) -> str:
    if type(text) is not str:
        raise FourDError(ERR_TYPE_MISMATCH, f"[[ ]] needs a text, got {V.type_name(text)}", span)
    if type(i) not in (float, int):
        raise FourDError(ERR_TYPE_MISMATCH, "A character index must be a number", span)
    if not math.isfinite(i):
        return ""
    n = int(i)
    if 1 <= n <= len(text):
        return text[n - 1]
    # docs/Concepts/dt_string.md: reading past the end "in interpreted mode, does not cause
    # a syntax error" (only compiled range checking raises -20005); the character is empty.
    return ""


def set_char_at(text: Any, i: Any, ch: Any, span: Span | None) -> str:
    if type(text) is not str:
        raise FourDError(ERR_TYPE_MISMATCH, f"[[ ]] needs a text, got {V.type_name(text)}", span)
    if type(ch) is not str or len(ch) != 1:
        raise FourDError(ERR_TYPE_MISMATCH, "A character reference takes exactly one character", span)
    n = _element_index(i, span)
    if not 1 <= n <= len(text):
        raise FourDError(
            ERR_INDEX_RANGE, f"Character index {n} is out of range (the text has {len(text)} characters)", span
        )
    return text[: n - 1] + ch + text[n:]
