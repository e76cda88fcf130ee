"""Arguments of the classic database commands, compiled from their nodes.

`QUERY([People];[People]Name="a@";*)` gives its criterion unevaluated: the field, the
comparator and the value expression (evaluated once). Table and field arguments are
references, given directly (`[T]F`) or through pointers (`$p->`); `*`, `>` and `<` keep
their meaning; any other argument is a value, with an assignable place for output arrays.
"""

from __future__ import annotations

from typing import Any

from .. import nodes as N
from ..errors import FourDError
from .errors import ERR_NO_TABLE

COMPARATORS = ("=", "#", "<", ">", "<=", ">=", "%", "!=")


class Arg:
    """One evaluated argument of a database command."""

    __slots__ = ("kind", "value", "ref", "op", "node", "target")

    def __init__(
        self, kind: str, value: Any = None, ref: Any = None, op: str = "", node: Any = None, target: Any = None
    ):
        self.kind = kind  # table field crit star order op value
        self.value = value  # Table, (Table, Field), criterion value, bool (order), any value
        self.ref = ref  # a Ref to the argument's place (output arrays)
        self.op = op
        self.node = node
        self.target = target  # (Table, Field) of a criterion

    def __repr__(self) -> str:
        return f"Arg({self.kind}, {self.value!r}, {self.op!r})"


def _fieldish(node: Any) -> bool:
    return (isinstance(node, N.Table) and not node.text.rstrip().endswith("]")) or isinstance(node, N.Deref)


def split_criterion(node: Any) -> tuple[Any, str, Any] | None:
    """`[T]F = a + b` parses as `(([T]F = a) + b)` (left to right): (field node, comparator, value node)."""
    spine = []
    cur = node
    while isinstance(cur, N.Binary):
        spine.append(cur)
        cur = cur.left
    if not spine or not _fieldish(cur):
        return None
    spine.reverse()  # innermost first: its left is the field
    first = spine[0]
    if first.op not in COMPARATORS:
        return None
    value = first.right
    for b in spine[1:]:
        value = N.Binary(b.op, value, b.right, b.span)
    return cur, "#" if first.op == "!=" else first.op, value


def _resolve_node(interp: Any, node: Any, scope: Any) -> Any:
    """fn(frame) -> TableRef-like (Table, Field|None) for a table/field node or pointer."""
    from .hooks import Resolved

    if isinstance(node, N.Table):
        ref = Resolved(node.text)

        def by_text(f: Any) -> Any:
            r = ref.resolve(f.runtime)
            return (r.table, r.field)

        return by_text
    if isinstance(node, N.Deref):
        ptr = interp.compile_expr(node.ptr, scope)
        span = node.span

        def by_pointer(f: Any) -> Any:
            p = ptr(f)
            return pointer_target(f, p, span)

        return by_pointer
    return None


def pointer_target(f: Any, p: Any, span: Any = None) -> Any:
    """(Table, Field|None) of a pointer to a table or a field; None for other pointers."""
    kind = getattr(p, "kind", None)
    if kind not in ("table", "field") or not getattr(p, "table", 0):
        return None
    from . import get_store

    store = get_store(f.runtime)
    t = store.schema.by_number.get(p.table)
    if t is None:
        raise FourDError(ERR_NO_TABLE, f"No table has the number {p.table}", span)
    if kind == "table":
        return (t, None)
    fld = t.by_number.get(p.field)
    if fld is None:
        raise FourDError(ERR_NO_TABLE, f"Table {t.name} has no field number {p.field}", span)
    return (t, fld)


def compile_args(interp: Any, args: tuple[Any, ...], scope: Any) -> list[Any]:
    """fn(frame) -> Arg for each argument node."""
    out = []
    for a in args:
        out.append(_compile_arg(interp, a, scope))
    return out


def _compile_arg(interp: Any, a: Any, scope: Any) -> Any:
    if isinstance(a, N.Star):
        star = Arg("star")
        return lambda f: star
    if isinstance(a, N.SortOrder):
        o = Arg("order", a.ascending)
        return lambda f: o
    if type(a).__name__ == "OperatorArg":  # `QUERY([T]; & ;[T]f=1)`, `QUERY([T];[T]f;=;1)` (tokenized grammar)
        op = Arg("op", a.op)
        return lambda f: op
    if isinstance(a, N.Table):
        res = _resolve_node(interp, a, scope)
        span = a.span

        def table_arg(f: Any) -> Arg:
            try:
                t, fld = res(f)
            except FourDError as err:
                raise err.with_span(span) from None
            return Arg("table", t, node=a) if fld is None else Arg("field", (t, fld), node=a)

        return table_arg
    if isinstance(a, N.Binary):
        parts = split_criterion(a)
        if parts is not None:
            fnode, op, vnode = parts
            res = _resolve_node(interp, fnode, scope)
            val = interp.compile_expr(vnode, scope)
            span = a.span

            def crit_arg(f: Any) -> Arg:
                try:
                    target = res(f)
                except FourDError as err:
                    raise err.with_span(span) from None
                if target is None or target[1] is None:
                    raise FourDError(ERR_NO_TABLE, "A query criterion needs a field on its left", span)
                return Arg("crit", val(f), op=op, node=a, target=target)

            return crit_arg
    if isinstance(a, N.Deref):
        res = _resolve_node(interp, a, scope)
        plain = interp.compile_expr(a, scope)
        ptr = interp.compile_expr(a.ptr, scope)
        span = a.span

        def deref_arg(f: Any) -> Arg:
            p = ptr(f)
            target = pointer_target(f, p, span)
            if target is not None:
                t, fld = target
                return Arg("table", t) if fld is None else Arg("field", (t, fld))
            return Arg("value", plain(f), ref=_place_ref(interp, a, scope, f))

        return deref_arg
    fn = interp.compile_expr(a, scope)
    ref_fn = None
    if isinstance(a, (N.Local, N.Name, N.Interprocess, N.ArrayElem, N.Member)):
        ref_fn = interp.compile_ref(a, scope)

    def value_arg(f: Any) -> Arg:
        if ref_fn is not None:
            r = ref_fn(f)
            v = r.get()
            from ..values import UNDEFINED

            return Arg("value", v if v is not UNDEFINED else UNDEFINED, ref=r, node=a)
        v = fn(f)
        from .classic import TableRef

        if isinstance(v, TableRef):
            return Arg("table", v.table)
        t = pointer_target(f, v) if getattr(v, "kind", None) in ("table", "field") else None
        if t is not None:
            return Arg("value", v)
        return Arg("value", v, node=a)

    return value_arg


def _place_ref(interp: Any, a: Any, scope: Any, f: Any) -> Any:
    return None
