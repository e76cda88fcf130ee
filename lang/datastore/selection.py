"""Member functions of entity selections (docs/API/EntitySelectionClass.md)."""

from __future__ import annotations

from typing import Any

from ..errors import FourDError
from ..values import UNDEFINED, Coll, Date4D, Obj, Time4D, compare, fold
from . import codec, events
from .errors import ERR_NOT_ALTERABLE, ERR_ORDA, ERR_OTHER_DATACLASS
from .orda import Entity4D, EntitySelection4D, _plain, drop_entity, no_cascade_events
from .query import _cmp_values, _split_path, order_recs, parse_order_string, query_dataclass


def _same_dc(es: EntitySelection4D, other: Any, what: str) -> None:
    dc = other.dc if isinstance(other, (EntitySelection4D, Entity4D)) else None
    if dc is None:
        raise FourDError(ERR_ORDA, f".{what}() needs an entity or an entity selection")
    if dc.table is not es.dc.table:
        raise FourDError(
            ERR_OTHER_DATACLASS, f".{what}(): the entity selection and the argument belong to different dataclasses"
        )


def _new(es: EntitySelection4D, recs: list[int], ordered: bool, alterable: bool = False) -> EntitySelection4D:
    return EntitySelection4D(es.dc, recs, ordered=ordered, alterable=alterable)


def _values(es: EntitySelection4D, proc: Any, path: Any, what: str) -> list[Any]:
    """Values at an attribute path for each entity (storage attributes straight from SQL)."""
    if type(path) is not str or not path:
        raise FourDError(ERR_ORDA, f".{what}() needs an attribute path")
    steps = _split_path(path)
    a = es.dc.attrs.get(steps[0])
    if a is None:
        raise FourDError(ERR_ORDA, f'.{what}(): {es.dc.name} has no attribute "{steps[0]}"')
    if a.kind == "storage" and len(steps) == 1:
        return es.column(proc, a.field)
    if a.kind == "storage" and a.field.kind == "object":
        out = []
        for o in es.column(proc, a.field):
            v: Any = o
            for s in steps[1:]:
                v = dict.get(v, s, UNDEFINED) if isinstance(v, Obj) else UNDEFINED
            out.append(None if v is UNDEFINED else v)
        return out
    if a.kind == "relatedEntities" and len(steps) == 1:
        raise FourDError(ERR_ORDA, f'.{what}(): "{steps[0]}" is a related selection, not a value')
    out = []
    for e in es.entities(proc):
        if e.rec().rec < 0:
            continue
        v = e
        for s in steps:
            if v is None or v is UNDEFINED:
                break
            v = (
                v.get_4d_property(s)
                if hasattr(v, "get_4d_property")
                else (dict.get(v, s, UNDEFINED) if isinstance(v, Obj) else UNDEFINED)
            )
        if isinstance(v, EntitySelection4D):
            for x in _values(v, proc, ".".join(steps[steps.index(s) + 1 :]) or s, what):
                out.append(x)
            continue
        out.append(None if v is UNDEFINED else v)
    return out


def _numeric(vals: list[Any], what: str, strict: bool) -> list[float]:
    out = []
    for v in vals:
        if type(v) in (float, int) and type(v) is not bool:
            out.append(float(v))
        elif type(v) is Time4D:
            out.append(float(v.s))
        elif v is None:
            continue
        elif strict:
            raise FourDError(ERR_ORDA, f".{what}() needs a numeric attribute")
    return out


def _is_object_path(es: EntitySelection4D, path: str) -> bool:
    a = es.dc.attrs.get(_split_path(path)[0])
    return a is not None and a.kind == "storage" and a.field.kind == "object"


def m_sum(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> float:
    path = args[0] if args else None
    a = es.dc.attrs.get(path) if type(path) is str else None
    if a is not None and a.kind == "storage" and a.field.kind in ("int16", "int32", "int64", "real", "time"):
        if es.origin is None and not es.recs:
            return 0.0
        if es.origin is not None or len(set(es.recs)) == len(es.recs):
            eng = es.dc.engine
            where, params = es.where(proc)
            row = eng.query(proc, f"SELECT SUM({a.field.column}) FROM {es.dc.table.sql} WHERE {where}", params)
            return float(row[0][0] or 0)
    if (
        a is not None
        and a.kind in ("storage",)
        and a.field.kind not in ("int16", "int32", "int64", "real", "time", "object")
    ):
        raise FourDError(ERR_ORDA, f'.sum(): "{path}" is not a numeric attribute')
    vals = _values(es, proc, path, "sum")
    return float(sum(_numeric(vals, "sum", not _is_object_path(es, path))))


def m_average(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Any:
    path = args[0] if args else None
    vals = _values(es, proc, path, "average")
    if vals and all(type(v) is Date4D for v in vals if v is not None) and any(v is not None for v in vals):
        secs = [v.days * 86400.0 for v in vals if v is not None]
        return sum(secs) / len(secs)
    nums = _numeric(vals, "average", not _is_object_path(es, path))
    if not nums:
        return UNDEFINED
    return sum(nums) / len(nums)


def _minmax(es: EntitySelection4D, proc: Any, args: list[Any], what: str, want: str) -> Any:
    path = args[0] if args else None
    vals = [v for v in _values(es, proc, path, what) if v is not None and not isinstance(v, (Obj, Coll))]
    if not vals:
        return UNDEFINED
    best = vals[0]
    for v in vals[1:]:
        try:
            if compare(v, best, want):
                best = v
        except FourDError:
            continue
    return _plain(best)


def m_count(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> float:
    path = args[0] if args else None
    return float(sum(1 for v in _values(es, proc, path, "count") if v is not None and not isinstance(v, (Obj, Coll))))


def m_distinct(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Coll:
    path = args[0] if args else None
    opts = int(args[1]) if len(args) > 1 and type(args[1]) in (float, int) else 0
    diacritical = bool(opts & 8)
    counting = bool(opts & 32)
    vals = [v for v in _values(es, proc, path, "distinct") if v is not None and not isinstance(v, (Obj, Coll))]
    groups: dict[Any, list[Any]] = {}
    for v in vals:
        k: Any
        if type(v) is str:
            k = ("s", v if diacritical else fold(v))
        elif type(v) is Date4D:
            k = ("d", v.days if not v.is_null else -1)
        elif type(v) is Time4D:
            k = ("t", v.s)
        else:
            k = (type(v).__name__, v)
        g = groups.get(k)
        if g is None:
            groups[k] = [v, 1]
        else:
            g[1] += 1
    items = list(groups.values())
    from functools import cmp_to_key

    def cmp(x: Any, y: Any) -> int:
        a, b = x[0], y[0]
        if type(a) is not type(b):
            order = (bool, float, int, str, Date4D, Time4D)
            ia = next((i for i, t in enumerate(order) if type(a) is t), 9)
            ib = next((i for i, t in enumerate(order) if type(b) is t), 9)
            return (ia > ib) - (ia < ib)
        if type(a) is bool:
            return (a > b) - (a < b)
        return _cmp_values(a, b)

    items.sort(key=cmp_to_key(cmp))
    if counting:
        out = Coll()
        for v, n in items:
            o = Obj()
            o.update({"value": _plain(v), "count": float(n)})
            out.append(o)
        return out
    return Coll(_plain(v) for v, _ in items)


def m_order_by(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    if not args:
        raise FourDError(ERR_ORDA, ".orderBy() needs a sort string or a collection of criteria")
    crit = args[0]
    if type(crit) is str:
        keys = parse_order_string(crit)
    elif isinstance(crit, Coll):
        keys = []
        for c in crit:
            if not isinstance(c, Obj) or type(dict.get(c, "propertyPath")) is not str:
                raise FourDError(ERR_ORDA, ".orderBy(): each criterion needs a propertyPath")
            keys.append((_split_path(c["propertyPath"]), dict.get(c, "descending") is True))
    else:
        raise FourDError(ERR_ORDA, ".orderBy() needs a sort string or a collection of criteria")
    for steps, _ in keys:
        if steps[0] not in es.dc.attrs:
            return _new(es, [], True)  # an invalid path gives an empty selection (EntitySelectionClass.md)
    out = _new(es, order_recs(es.dc.store, proc, es.dc, es.recs, keys, es.where(proc)), True)
    out.origin = es.origin
    return out


def m_order_by_formula(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    from functools import cmp_to_key

    if not args or not getattr(args[0], "is_formula", False):
        raise FourDError(ERR_ORDA, ".orderByFormula() needs a formula")
    fn = args[0]
    desc = len(args) > 1 and type(args[1]) in (float, int) and int(args[1]) == 1
    settings = next((a for a in args[1:] if isinstance(a, Obj)), None)
    extra = dict.get(settings, "args", UNDEFINED) if settings is not None else UNDEFINED
    rows = []
    for e in es.entities(proc):
        if e.rec().rec < 0:
            continue
        rows.append((e.rec().rec, fn.invoke(f, [] if extra is UNDEFINED else [extra], this=e)))

    def cmp(x: Any, y: Any) -> int:
        c = _cmp_values(x[1] if x[1] is not UNDEFINED else None, y[1] if y[1] is not UNDEFINED else None)
        return -c if desc else c

    rows.sort(key=cmp_to_key(cmp))
    return _new(es, [r for r, _ in rows], True)


def m_query(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    return query_dataclass(f, es.dc, args, span, within=sorted(set(es.recs)), within_es=es)


def m_to_collection(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Coll:
    filt: Any = None
    rest = list(args)
    if rest and (type(rest[0]) is str or isinstance(rest[0], Coll)):
        filt = rest.pop(0)
    options = int(rest.pop(0)) if rest else 0
    begin = int(rest.pop(0)) if rest else 0
    count = int(rest.pop(0)) if rest else None
    return es.to_collection(filt, options, proc, begin, count)


def m_extract(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Coll:
    if not args:
        raise FourDError(ERR_ORDA, ".extract() needs an attribute path")
    if len(args) >= 2 and type(args[1]) is str:
        pairs = [(args[i], args[i + 1]) for i in range(0, len(args) - 1, 2)]
        cols = {p: _values(es, proc, p, "extract") for p, _ in pairs}
        out = Coll()
        n = len(next(iter(cols.values()))) if cols else 0
        for k in range(n):
            o = Obj()
            for p, target in pairs:
                v = cols[p][k] if k < len(cols[p]) else None
                if v is not None:
                    o[target] = _plain(v)
            out.append(o)
        return out
    keep_null = len(args) > 1 and type(args[1]) in (float, int) and bool(int(args[1]) & 64)  # ck keep null
    a = es.dc.attrs.get(args[0]) if type(args[0]) is str else None
    if a is not None and a.kind in ("relatedEntity", "relatedEntities"):
        out = Coll()
        for e in es.entities(proc):
            v = e.get_attr(a, proc)
            if v is not None or keep_null:
                out.append(v)
        return out
    vals = _values(es, proc, args[0], "extract")
    return Coll(_plain(v) for v in vals if v is not None or keep_null)


def m_slice(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    n = len(es.recs)
    start = int(args[0]) if args else 0
    end = int(args[1]) if len(args) > 1 else n
    if start < 0:
        start = max(0, start + n)
    if end < 0:
        end += n
    return _new(es, es.recs[start:end] if end > start else [], es.ordered)


def _set_op(es: EntitySelection4D, other: Any, what: str) -> set[int]:
    _same_dc(es, other, what)
    if isinstance(other, Entity4D):
        r = other.rec()
        return {r.rec} if r.rec >= 0 else set()
    return set(other.recs)


def m_and(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    s = _set_op(es, args[0] if args else None, "and")
    return _new(es, sorted(set(es.recs) & s), False)


def m_or(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    s = _set_op(es, args[0] if args else None, "or")
    return _new(es, sorted(set(es.recs) | s), False)


def m_minus(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    s = _set_op(es, args[0] if args else None, "minus")
    keep = len(args) > 1 and type(args[1]) in (float, int) and int(args[1]) == 1
    if keep:
        return _new(es, [r for r in es.recs if r not in s], True)
    return _new(es, sorted(set(es.recs) - s), False)


def m_add(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    if not es.alterable:
        raise FourDError(ERR_NOT_ALTERABLE, "This entity selection cannot be altered (it is shareable)")
    x = args[0] if args else None
    if x is None:
        return es
    _same_dc(es, x, "add")
    if isinstance(x, Entity4D):
        r = x.rec()
        if r.rec < 0:
            raise FourDError(ERR_ORDA, ".add(): the entity is not saved")
        if es.ordered:
            es.recs.append(r.rec)
        elif r.rec not in es.recs:
            es.recs.append(r.rec)
            es.recs.sort()
        return es
    if es.ordered:
        es.recs.extend(x.recs)
    else:
        es.recs.extend(x.recs)
        es.ordered = True  # adding a selection makes an unordered selection ordered (EntitySelectionClass.md)
    return es


def m_contains(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> bool:
    x = args[0] if args else None
    if x is None:
        return False
    _same_dc(es, x, "contains")
    return x.rec().rec in es.recs


def m_drop(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    stop = bool(args) and type(args[0]) in (float, int) and int(args[0]) == 1
    store = es.dc.store
    failed = []
    if events.has(es.dc, events.DROP_KINDS):
        for i, rec in enumerate(list(es.recs)):
            e = es.entity(proc, i)
            if e is None:
                continue
            o = drop_entity(e, f, proc, check_stamp=False)
            if not o.get("success") and o.get("status") != 5:
                failed.append(rec)
                if stop:
                    break
        return _new(es, failed, False)
    if es.recs:
        no_cascade_events(es.dc)
    for rec in list(es.recs):
        res = store.delete(proc, es.dc.table, rec)
        if res.status not in (0, 5):
            failed.append(rec)
            if stop:
                break
    return _new(es, failed, False)


def m_first(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Any:
    return es.entity(proc, 0) if es.recs else None


def m_last(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Any:
    return es.entity(proc, len(es.recs) - 1) if es.recs else None


def m_at(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Any:
    n = int(args[0]) if args else 0
    if n < 0:
        n += len(es.recs)
    if n < 0 or n >= len(es.recs):
        return None
    return es.entity(proc, n)


def m_copy(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    shared = bool(args) and type(args[0]) in (float, int) and int(args[0]) & 16
    return _new(es, list(es.recs), es.ordered, alterable=not shared)


def m_selected(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Obj:
    sel = args[0] if args else None
    if not isinstance(sel, EntitySelection4D) or sel.dc.table is not es.dc.table:
        raise FourDError(ERR_OTHER_DATACLASS, ".selected(): the selections belong to different dataclasses")
    pos = {r: i for i, r in reversed(list(enumerate(es.recs)))}
    idx = sorted(pos[r] for r in set(sel.recs) if r in pos)
    ranges = Coll()
    for i in idx:
        if ranges and ranges[-1]["end"] == i - 1:
            ranges[-1]["end"] = float(i)
        else:
            o = Obj()
            o.update({"start": float(i), "end": float(i)})
            ranges.append(o)
    out = Obj()
    out["ranges"] = ranges
    return out


def m_clean(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> EntitySelection4D:
    eng = es.dc.engine
    existing = set(eng.keys_to_recs(proc, es.dc.table, es.dc.pk, [])) if False else None
    del existing
    rows = eng.fetch(proc, es.dc.table, list(dict.fromkeys(es.recs)))
    return _new(es, [r for r in es.recs if r in rows], es.ordered)


def m_distinct_paths(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> Coll:
    path = args[0] if args else None
    a = es.dc.attrs.get(path) if type(path) is str else None
    if a is None or a.kind != "storage" or a.field.kind != "object":
        raise FourDError(ERR_ORDA, ".distinctPaths() needs an object attribute")
    found: set[str] = set()

    def walk(v: Any, prefix: str) -> None:
        if isinstance(v, Obj):
            for k, x in dict.items(v):
                p = prefix + k
                found.add(p)
                walk(x, p + ".")
        elif isinstance(v, Coll):
            found.add(prefix[:-1] + "[]")
            for x in v:
                walk(x, prefix[:-1] + "[].")

    for o in es.column(proc, a.field):
        walk(o, "")
    return Coll(sorted(found, key=lambda s: fold(s)))


def m_refresh(es: EntitySelection4D, f: Any, proc: Any, args: list[Any], span: Any) -> None:
    return None


SELECTION_MEMBERS: dict[str, Any] = {
    "sum": m_sum,
    "average": m_average,
    "min": lambda es, f, p, a, s: _minmax(es, p, a, "min", "<"),
    "max": lambda es, f, p, a, s: _minmax(es, p, a, "max", ">"),
    "count": m_count,
    "distinct": m_distinct,
    "orderBy": m_order_by,
    "orderByFormula": m_order_by_formula,
    "query": m_query,
    "toCollection": m_to_collection,
    "extract": m_extract,
    "slice": m_slice,
    "and": m_and,
    "or": m_or,
    "minus": m_minus,
    "add": m_add,
    "contains": m_contains,
    "drop": m_drop,
    "first": m_first,
    "last": m_last,
    "at": m_at,
    "copy": m_copy,
    "selected": m_selected,
    "clean": m_clean,
    "distinctPaths": m_distinct_paths,
    "refresh": m_refresh,
    "isAlterable": lambda es, f, p, a, s: es.alterable,
    "isOrdered": lambda es, f, p, a, s: es.ordered,
    "getDataClass": lambda es, f, p, a, s: es.dc,
    "getRemoteContextAttributes": lambda es, f, p, a, s: "",
}

__all__ = ["SELECTION_MEMBERS", "codec"]
