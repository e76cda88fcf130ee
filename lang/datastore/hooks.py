"""How `[Table]` and `[Table]Field` reach the datastore: reads, assignments and pointers.

Given to the interpreter with `add_compiler` (expressions, assignments and pointers of
`N.Table` nodes) when a runtime is made. The catalog is opened at the first run of such an
expression, not when the method is compiled.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import FourDError

_REF = re.compile(r"\[\s*([^:\]]+?)\s*(?::(\d+))?\](.*)$", re.S)
_FIELD = re.compile(r"\s*(.*?)\s*(?::(\d+))?\s*$", re.S)


def parse_ref(text: str) -> tuple[str, int, str, int]:
    """(table name, table number or 0, field name or "", field number or 0) of `[T:n]F:m`."""
    m = _REF.match(text)
    if m is None:
        return text, 0, "", 0
    tname, tnum, rest = m.group(1), int(m.group(2) or 0), m.group(3)
    fm = _FIELD.match(rest)
    fname = fm.group(1) if fm else rest.strip()
    fnum = int(fm.group(2) or 0) if fm else 0
    return tname, tnum, fname, fnum


class Resolved:
    """A `[Table]Field` text resolved against the runtime's catalog (at its first use)."""

    __slots__ = ("text", "table", "field", "store")

    def __init__(self, text: str):
        self.text = text
        self.table: Any = None
        self.field: Any = None
        self.store: Any = None

    @property
    def declared_type(self) -> str | None:
        """ "field:N" with N the field's `Type` (read by `Type([Table]Field)`)."""
        return f"field:{self.field.type_number}" if self.field is not None else None

    def resolve(self, runtime: Any) -> Resolved:
        if self.table is not None:
            return self
        from . import get_store
        from .errors import ERR_NO_TABLE

        store = get_store(runtime)
        tname, tnum, fname, fnum = parse_ref(self.text)
        t = store.schema.by_number.get(tnum) if tnum else None
        if t is None:
            t = store.schema.table_named(tname)
        if t is None:
            hint = "" if store.schema.tables else " (this project has no catalog: Project/Sources/catalog.4DCatalog)"
            raise FourDError(ERR_NO_TABLE, f"Unknown table [{tname}]{hint}")
        store.need_engine()
        f = None
        if fname or fnum:
            f = t.by_number.get(fnum) if fnum else None
            if f is None:
                f = t.field_named(fname)
            if f is None:
                raise FourDError(ERR_NO_TABLE, f"The table [{t.name}] has no field {fname!r}")
        self.store = store
        self.field = f
        self.table = t
        return self


def compile_table(interp: Any, e: Any, scope: Any) -> Any:
    """`[Table]` (a table reference) or `[Table]Field` (the field of the current record)."""
    ref = Resolved(e.text)
    span = e.span

    def table_expr(f: Any) -> Any:
        try:
            r = ref.resolve(f.runtime)
            from .classic import TableRef, field_value, state_of

            if r.field is None:
                return TableRef(r.table)
            return field_value(state_of(f.process, r.store), r.table, r.field)
        except FourDError as err:
            raise err.with_span(span) from None

    table_expr.table_ref = ref  # type: ignore[attr-defined]  # database commands read the reference itself
    return table_expr


def compile_table_place(interp: Any, target: Any, scope: Any) -> Any:
    """(prepare, get, put) for `[Table]Field:=value`."""
    ref = Resolved(target.text)
    span = target.span

    def prep(f: Any) -> Any:
        try:
            r = ref.resolve(f.runtime)
        except FourDError as err:
            raise err.with_span(span) from None
        if r.field is None:
            raise FourDError(90060, f"{target.text} is a table: only its fields can be assigned", span)
        return r

    def get(f: Any, r: Any) -> Any:
        from .classic import field_value, state_of

        return field_value(state_of(f.process, r.store), r.table, r.field)

    def put(f: Any, r: Any, v: Any) -> None:
        from .classic import set_field, state_of

        try:
            set_field(state_of(f.process, r.store), r.table, r.field, v)
        except FourDError as err:
            raise err.with_span(span) from None

    return (prep, get, put)


def make_pointer(text: str, span: Any, runtime: Any, base: Any) -> Any:
    """A dereferenceable pointer to `[Table]` or `[Table]Field` (`base` makes the Pointer4D).

    Without the table in the catalog the pointer can still be made and compared (its numbers come
    from a tokenized reference); dereferencing it gives the unknown-table error.
    """
    ref = Resolved(text)
    try:
        ref.resolve(runtime)
    except FourDError as err:
        return _unresolved_pointer(text, err, base)
    from .classic import TableRef, field_value, set_field, state_of
    from .values_proc import running_process

    if ref.field is None:
        tref = TableRef(ref.table)
        p = base("table", "[" + ref.table.name + "]", ("table", ref.table.uuid), lambda: tref, _cannot_assign_table)
        p.table = ref.table.number
        return p

    def get() -> Any:
        return field_value(state_of(running_process(runtime), ref.store), ref.table, ref.field)

    def put(v: Any) -> None:
        set_field(state_of(running_process(runtime), ref.store), ref.table, ref.field, v)

    p = base("field", f"[{ref.table.name}]{ref.field.name}", ("field", ref.field.uuid), get, put)
    p.table = ref.table.number
    p.field = ref.field.number
    return p


def _unresolved_pointer(text: str, err: FourDError, base: Any) -> Any:
    tname, tnum, fname, fnum = parse_ref(text)

    def fail(*_args: Any) -> Any:
        raise FourDError(err.code, err.message)

    p = base("field" if fname or fnum else "table", text, ("table", text.lower()), fail, fail)
    p.table = tnum
    p.field = fnum
    return p


def _cannot_assign_table(v: Any) -> None:
    raise FourDError(90060, "A pointer to a table cannot be assigned")


def compile_pointer(interp: Any, target: Any, span: Any, scope: Any) -> Any:
    """`->[Table]Field`: a pointer made when the expression runs."""
    from ..pointers import Pointer4D

    text = target.text

    def db_pointer(f: Any) -> Any:
        try:
            return make_pointer(text, span, f.runtime, Pointer4D)
        except FourDError as err:
            raise err.with_span(span) from None

    return db_pointer


def pointer_to(runtime: Any, text: str) -> Any:
    """A pointer to `[Table:n]` or `[Table:n]Field:m` made by a command (`Table(n)`, `Field(t; f)`)."""
    from ..pointers import Pointer4D

    return make_pointer(text, None, runtime, Pointer4D)


def install() -> None:
    """Give `[Table]` and `[Table]Field` their meaning: reads, assignments and pointers.

    A compiler someone else already put in place of the core's own (a test, an embedder) is kept.
    """
    from .. import nodes as N
    from ..interpreter import Interpreter, add_compiler

    for kind, fn in (("expr", compile_table), ("place", compile_table_place), ("pointer", compile_pointer)):
        current = getattr(Interpreter, kind + "_compilers").get(N.Table)
        if current is None or getattr(current, "__qualname__", "").endswith(f".{kind}_Table"):
            add_compiler(kind, N.Table, fn)
