"""4D values ⇄ stored values, by field kind (spec datastore §2).

Dates are stored as the integer yyyymmdd (0 is the null date !00-00-00!), times as seconds,
Booleans as 0/1, objects as JSON text; every text field has a folded shadow column (fold() of
the value) that makes case- and accent-insensitive comparisons exact and indexable.
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import ERR_TYPE_MISMATCH, FourDError
from ..values import NULL_DATE, UNDEFINED, Coll, Date4D, Obj, Time4D, fold, make_date, type_name
from .catalog import Field

_INT_RANGE = {"int16": (-32768, 32767), "int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


def blank(kind: str) -> Any:
    """The blank value of a field kind (what a Null field reads as in the classic language)."""
    if kind == "text":
        return ""
    if kind in ("int16", "int32", "int64", "real"):
        return 0.0
    if kind == "bool":
        return False
    if kind == "date":
        return NULL_DATE
    if kind == "time":
        return Time4D(0)
    return None


def _round(v: float) -> int:
    if v != v or v in (math.inf, -math.inf):
        return 0
    i = int(math.floor(abs(v) + 0.5))
    return -i if v < 0 else i


def _bad(f: Field, v: Any) -> FourDError:
    return FourDError(ERR_TYPE_MISMATCH, f'Cannot put a {type_name(v)} value in the field "{f.name}" ({f.kind})')


def to_field(f: Field, v: Any) -> Any:
    """A language value converted to the field's type (the value kept in a record buffer)."""
    if v is None or v is UNDEFINED:
        return None
    k = f.kind
    t = type(v)
    if k == "text":
        if t is str:
            return v
        raise _bad(f, v)
    if k in _INT_RANGE:
        if t is float or t is int:
            i = _round(v) if t is float else v
            lo, hi = _INT_RANGE[k]
            if not lo <= i <= hi:
                bits = 16 if k == "int16" else 32 if k == "int32" else 64
                i &= (1 << bits) - 1
                if i >= 1 << (bits - 1):
                    i -= 1 << bits
            return float(i)
        if t is Time4D:
            return float(int(v.s))
        if t is bool:
            raise _bad(f, v)
        raise _bad(f, v)
    if k == "real":
        if t is float or t is int:
            return float(v)
        if t is Time4D:
            return float(v.s)
        raise _bad(f, v)
    if k == "bool":
        if t is bool:
            return v
        raise _bad(f, v)
    if k == "date":
        if t is Date4D:
            return v
        if t is str:
            from .query import parse_date

            d = parse_date(v)
            if d is not None:
                return d
        raise _bad(f, v)
    if k == "time":
        if t is Time4D:
            return v
        if t is float or t is int:
            return Time4D(int(_round(v)))
        raise _bad(f, v)
    if k == "object":
        if isinstance(v, Obj):
            return v
        raise _bad(f, v)
    # pictures and BLOBs: mini4d has no value for them
    raise FourDError(90060, f'The field "{f.name}" is a {f.kind}: mini4d has no {f.kind} values')


def encode(f: Field, v: Any) -> Any:
    """A field value (see to_field) as stored in SQL."""
    if v is None:
        return None
    k = f.kind
    if k == "text":
        return v
    if k in _INT_RANGE:
        return int(v)
    if k == "real":
        return float(v)
    if k == "bool":
        return 1 if v else 0
    if k == "date":
        return 0 if v.is_null else v.y * 10000 + v.m * 100 + v.d
    if k == "time":
        return int(v.s)
    if k == "object":
        from ..jsonfmt import stringify

        return stringify(v)
    return None


def encoder(f: Field) -> Any:
    """fn(value) -> what encode(f, value) gives for a value that is not None; None when it is the value itself."""
    k = f.kind
    if k == "text":
        return None
    if k in _INT_RANGE:
        return int
    if k == "real":
        return float
    if k == "bool":
        return _enc_bool
    if k == "date":
        return _enc_date
    if k == "time":
        return _enc_time
    if k == "object":
        from ..jsonfmt import stringify

        return stringify
    return _dec_none


def _enc_bool(v: Any) -> int:
    return 1 if v else 0


def _enc_date(v: Any) -> int:
    return 0 if v.is_null else v.y * 10000 + v.m * 100 + v.d


def _enc_time(v: Any) -> int:
    return int(v.s)


def decode_date(n: Any) -> Date4D:
    if not n:
        return NULL_DATE
    n = int(n)
    return make_date(n // 10000, n // 100 % 100, n % 100)


def decoder(f: Field) -> Any:
    """fn(stored) -> language value for this field (None stays None)."""
    k = f.kind
    if k == "text":
        return None
    if k in _INT_RANGE or k == "real":
        return _dec_num
    if k == "bool":
        return _dec_bool
    if k == "date":
        return _dec_date
    if k == "time":
        return _dec_time
    if k == "object":
        return _dec_obj
    return _dec_none


def _dec_num(v: Any) -> Any:
    return None if v is None else float(v)


def _dec_bool(v: Any) -> Any:
    return None if v is None else bool(v)


def _dec_date(v: Any) -> Any:
    return None if v is None else decode_date(v)


def _dec_time(v: Any) -> Any:
    return None if v is None else Time4D(int(v))


def _dec_obj(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, (dict, list)):  # jsonb from PostgreSQL
        import json

        v = json.dumps(v)
    from ..jsonfmt import parse

    try:
        o = parse(v, dates=False)
    except FourDError:
        return None
    return o if isinstance(o, (Obj, Coll)) else None


def _dec_none(v: Any) -> Any:
    return None


def shadow(v: Any) -> Any:
    """The folded shadow of a stored text (None for Null)."""
    return None if v is None else fold(v)


def same_value(a: Any, b: Any) -> bool:
    """True when two field values are the same (for touched attributes and auto merge)."""
    if a is None or b is None:
        return a is b
    if isinstance(a, (Obj, Coll)):
        return a is b
    if type(a) is str and type(b) is str:
        return a == b
    return a == b
