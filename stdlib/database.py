"""The classic database language: queries, selections, current records, locking, sets, named
selections, sequence numbers, transactions, triggers and structure access (4D themes Queries,
Selection, Records, Record Locking, Sets, Named Selections, Transactions, Triggers, Structure Access).

Commands receive their arguments unevaluated where 4D does (`QUERY([T];[T]F="a@")`): they are
compiled by lang/datastore/dbargs.py. The state lives in lang/datastore/classic.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mini4d.core.api import Array4D
from mini4d.datastore import get_store
from mini4d.datastore.catalog import Field, Table
from mini4d.datastore.classic import (
    ProcState,
    SetData,
    TableRef,
    TableState,
    goto_pos,
    load,
    need_table,
    new_record,
    set_selection,
    state_of,
    unload,
)
from mini4d.datastore.dbargs import Arg, compile_args
from mini4d.datastore.errors import ERR_NO_RECORD, ERR_NO_SET, ERR_NO_TABLE, ERR_RECORD_DELETED
from mini4d.datastore.records import Record
from mini4d.errors import ERR_ARG_TYPE, ERR_ARG_VALUE, ERR_NOT_SUPPORTED, FourDError
from mini4d.registry import command, constant
from mini4d.values import UNDEFINED, Coll, Date4D, Obj, Time4D

# ------------------------------------------------------------------ compiling the calls

_IMPLS: dict[int, Callable[..., Any]] = {}


def _db_compile(interp: Any, node: Any, scope: Any, info: Any) -> Any:
    """A call of a database command: its arguments as references, criteria and values."""
    impl = _IMPLS[info.number]
    arg_fns = compile_args(interp, node.args, scope)
    span = node.span
    name = info.name

    def call(f: Any) -> Any:
        args = [a(f) for a in arg_fns]
        f.span = span
        try:
            return impl(f, _state(f), args)
        except FourDError as err:
            raise err.with_span(span) from None
        except OverflowError:  # a number too large for a record number or a count
            raise FourDError(ERR_ARG_VALUE, f"{name}: a number is out of range", span) from None

    call.command_name = name  # type: ignore[attr-defined]
    return call


def _state(f: Any) -> ProcState:
    return state_of(f.process, get_store(f.runtime))


def db_command(name: str, number: int, theme: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a database command: `impl(ctx, state, args)`; the documented signature comes from `doc`."""

    def deco(impl: Callable[..., Any]) -> Callable[..., Any]:
        _IMPLS[number] = impl
        sig = getattr(impl, "signature_doc", None)

        def documented(ctx: Any, *args: Any, star: bool = False) -> Any:
            raise AssertionError("compiled by _db_compile")

        documented.__doc__ = impl.__doc__
        documented.__name__ = impl.__name__
        documented.__module__ = impl.__module__
        if sig is not None:
            documented = sig
        command(name, number, theme, compile=_db_compile)(documented)
        return impl

    return deco


# ------------------------------------------------------------------ argument helpers


def _table_arg(st: ProcState, args: list[Arg], required: bool = False) -> tuple[Table, list[Arg]]:
    """The leading table argument (or the default table), and the other arguments."""
    if args and args[0].kind == "table":
        return args[0].value, args[1:]
    if args and args[0].kind == "value" and isinstance(args[0].value, TableRef):
        return args[0].value.table, args[1:]
    return need_table(st, None), args


def _opt_table(st: ProcState, args: list[Arg]) -> Table:
    t, rest = _table_arg(st, args)
    if rest:
        raise FourDError(ERR_ARG_TYPE, "A table was expected")
    return t


def _value(a: Arg) -> Any:
    if a.kind != "value":
        raise FourDError(ERR_ARG_TYPE, "A value was expected, not a table or a field")
    return a.value


def _text(a: Arg) -> str:
    v = _value(a)
    if type(v) is not str:
        raise FourDError(ERR_ARG_TYPE, "A text was expected")
    return v


def _number(a: Arg) -> float:
    v = _value(a)
    if type(v) not in (float, int):
        raise FourDError(ERR_ARG_TYPE, "A number was expected")
    v = float(v)
    if v != v or v in (float("inf"), float("-inf")):
        raise FourDError(ERR_ARG_VALUE, "A finite number was expected")
    return v


def _ok(f: Any, v: int = 1) -> None:
    f.process.vars["ok"] = float(v)


def _ts(st: ProcState, t: Table) -> TableState:
    return st.table(t)


def _store(st: ProcState) -> Any:
    return st.store


# ------------------------------------------------------------------ queries


def _criteria(st: ProcState, t: Table, args: list[Arg]) -> list[tuple[str, Arg]]:
    """(conjunction, criterion) lines of one QUERY call: `[T]F=v`, `[T]F;op;v`, with `&`/`|`/`#` texts."""
    out: list[tuple[str, Arg]] = []
    i = 0
    conj = "&"
    while i < len(args):
        a = args[i]
        if a.kind == "star":
            i += 1
            continue
        if a.kind == "op" and a.value in ("&", "|", "#"):  # a conjunction before a criterion
            conj = a.value
            i += 1
            continue
        if a.kind == "field" and i + 2 < len(args) and args[i + 1].kind in ("op", "order"):
            b = args[i + 1]
            op = b.value if b.kind == "op" else (">" if b.value else "<")
            c = Arg("crit", _value(args[i + 2]), op=op, target=a.value)
            out.append((conj, c))
            conj = "&"
            i += 3
            continue
        if a.kind == "crit":
            out.append((conj, a))
            conj = "&"
            i += 1
            continue
        if a.kind == "field" and i + 2 < len(args):
            op = _value(args[i + 1])
            if type(op) is not str or op.strip() not in ("=", "#", "<", ">", "<=", ">=", "%", "!="):
                raise FourDError(ERR_ARG_TYPE, f"QUERY: unknown comparator {op!r}")
            c = Arg("crit", _value(args[i + 2]), op=op.strip(), target=a.value)
            out.append((conj, c))
            conj = "&"
            i += 3
            continue
        raise FourDError(ERR_ARG_TYPE, "QUERY: a criterion such as [Table]Field=value was expected")
    return out


def _run_criteria(f: Any, st: ProcState, t: Table, lines: list[tuple[str, Arg]], within: list[int] | None) -> list[int]:
    from mini4d.datastore.query import Binder, Compiler, TableOnly, attribute_criterion, classic_criterion, run_cond

    store = _store(st)
    comp = Compiler(store, f.process, Binder("QUERY", [], None, f, ()))
    cond = None
    for conj, one in _linked_lines(comp, t, lines):
        if isinstance(one, Arg):
            _tbl, fld = one.target
            if one.kind == "attrcrit":
                one = attribute_criterion(comp, t, fld, one.node, one.op, one.value)
            else:
                one = classic_criterion(comp, t, fld, one.op, one.value)
        if cond is None:
            cond = one
            continue
        cond = _combine(cond, one, conj)
    if cond is None:
        raise FourDError(ERR_NOT_SUPPORTED, "QUERY without criteria opens the Query editor: not supported by mini4d")
    return run_cond(comp, TableOnly(t), cond, within)


def _linked_lines(comp: Any, t: Table, lines: list[tuple[str, Arg]]) -> list[tuple[str, Any]]:
    """QUERY BY ATTRIBUTE lines linked by a bracket letter (`locations[a].city`) become one
    criterion: one same array element must meet them all (they must be joined by &)."""
    import re

    from mini4d.datastore.query import linked_attribute_criteria

    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for k, (_conj, c) in enumerate(lines):
        if c.kind != "attrcrit":
            continue
        steps = [s.strip() for s in c.node.split(".")]
        for j, step in enumerate(steps):
            if re.fullmatch(r".*\[[A-Za-z]\]", step):
                key = (c.target[1].uuid, tuple(steps[: j + 1]))
                groups.setdefault(key, []).append(k)
                break
    linked = {key: ks for key, ks in groups.items() if len(ks) > 1}
    if not linked:
        return list(lines)
    if any(conj != "&" for k, (conj, _c) in enumerate(lines) if k > 0):
        raise FourDError(
            ERR_NOT_SUPPORTED, "QUERY BY ATTRIBUTE: linked criteria ([letter]) joined by | or # are not supported yet"
        )
    out: list[tuple[str, Any]] = []
    done: set[int] = set()
    for (_uuid, prefix), ks in linked.items():
        first = lines[ks[0]][1]
        members = []
        for k in ks:
            c = lines[k][1]
            below = [s.strip() for s in c.node.split(".")][len(prefix) :]
            members.append((below, c.op, c.value))
            done.add(k)
        out.append(("&", linked_attribute_criteria(comp, t, first.target[1], list(prefix), members)))
    out.extend(line for k, line in enumerate(lines) if k not in done)
    return out


def _combine(a: Any, b: Any, conj: str) -> Any:
    from mini4d.datastore.query import Cond

    ta, tb = a.test, b.test
    if conj == "|":
        return Cond(f"({a.sql} OR {b.sql})", a.params + b.params, a.exact and b.exact, lambda r: ta(r) or tb(r))
    if conj == "#":
        if b.exact:
            sql = f"({a.sql} AND NOT COALESCE({b.sql}, FALSE))"
            return Cond(sql, a.params + b.params, a.exact, lambda r: ta(r) and not tb(r))
        return Cond(a.sql, a.params, False, lambda r: ta(r) and not tb(r))
    return Cond(f"({a.sql} AND {b.sql})", a.params + b.params, a.exact and b.exact, lambda r: ta(r) and tb(r))


def _query(f: Any, st: ProcState, args: list[Arg], selection: bool) -> None:
    t, rest = _table_arg(st, args)
    ts = _ts(st, t)
    star = bool(rest) and rest[-1].kind == "star"
    lines = _criteria(st, t, rest)
    ts.pending_query.extend(lines)
    if star:
        return
    lines = ts.pending_query
    ts.pending_query = []
    within = list(ts.selection) if selection else None
    recs = _run_criteria(f, st, t, lines, within)
    if selection:
        pos = {r: i for i, r in enumerate(ts.selection)}
        recs.sort(key=lambda r: pos.get(r, 0))
    _deliver(f, st, ts, recs)


def _deliver(f: Any, st: ProcState, ts: TableState, recs: list[int]) -> None:
    """The result of a query: into the current selection, or where SET QUERY DESTINATION says."""
    if st.query_limit > 0:
        recs = recs[: st.query_limit]
    kind, name, ref = st.query_dest
    _ok(f)
    if kind == 1:
        st.set_store(name)[name] = SetData(ts.table, set(recs))
        return
    if kind == 2:
        st.named_store(name)[name] = (ts.table, list(recs), 0)
        return
    if kind == 3:
        if ref is not None:
            ref.set(float(len(recs)))
        return
    set_selection(st, ts, recs)
    if st.query_and_lock:
        for rec in recs:
            eng = _store(st).need_engine()
            owner = eng.locks.owner((ts.table.uuid, rec))
            if owner is not None and owner is not f.process:
                _ok(f, 0)


@db_command("QUERY", 277, "Queries")
def query(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Search the table: criteria `[T]F = value` (or field; comparator; value) joined by &, |, #; `*` continues."""
    _query(f, st, args, selection=False)


def _query_by_attribute(f: Any, st: ProcState, args: list[Arg], selection: bool) -> None:
    t, rest = _table_arg(st, args)
    conj = "&"
    if rest and rest[0].kind == "op" and rest[0].value in ("&", "|", "#") and len(rest) > 4:
        conj = rest[0].value
        rest = rest[1:]
    star = bool(rest) and rest[-1].kind == "star"
    if star:
        rest = rest[:-1]
    if len(rest) != 4 or rest[0].kind != "field":
        raise FourDError(
            ERR_ARG_TYPE, "QUERY BY ATTRIBUTE needs an Object field, an attribute path, a comparator and a value"
        )
    path = _value(rest[1])
    if type(path) is not str:
        raise FourDError(ERR_ARG_TYPE, "QUERY BY ATTRIBUTE: the attribute path is a text")
    b = rest[2]
    if b.kind == "op":
        op = b.value
    elif b.kind == "order":
        op = ">" if b.value else "<"
    else:
        op = _value(b)
        if type(op) is not str:
            raise FourDError(ERR_ARG_TYPE, "QUERY BY ATTRIBUTE: unknown comparator")
        op = op.strip()
    ts = _ts(st, t)
    line = Arg("attrcrit", _value(rest[3]), op=op, node=path, target=rest[0].value)
    ts.pending_query.append((conj if ts.pending_query else "&", line))
    if star:
        return
    lines = ts.pending_query
    ts.pending_query = []
    within = list(ts.selection) if selection else None
    recs = _run_criteria(f, st, t, lines, within)
    if selection:
        pos = {r: i for i, r in enumerate(ts.selection)}
        recs.sort(key=lambda r: pos.get(r, 0))
    _deliver(f, st, ts, recs)


@db_command("QUERY BY ATTRIBUTE", 1331, "Queries")
def query_by_attribute(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Search the table on an attribute path inside an Object field (`[]` for arrays, `[a]` to link
    lines to one element, `*` to continue; mixes with QUERY lines)."""
    _query_by_attribute(f, st, args, selection=False)


@db_command("QUERY SELECTION BY ATTRIBUTE", 1424, "Queries")
def query_selection_by_attribute(f: Any, st: ProcState, args: list[Arg]) -> None:
    """QUERY BY ATTRIBUTE within the current selection."""
    _query_by_attribute(f, st, args, selection=True)


@db_command("QUERY SELECTION", 341, "Queries")
def query_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Search the current selection with QUERY's criteria."""
    _query(f, st, args, selection=True)


@db_command("SET QUERY DESTINATION", 396, "Queries")
def set_query_destination(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Send the next queries into the current selection (0), a set (1), a named selection (2) or a variable (3)."""
    kind = int(_number(args[0])) if args else 0
    name = _value(args[1]) if len(args) > 1 else None
    ref = args[1].ref if len(args) > 1 else None
    if kind in (1, 2) and type(name) is not str:
        raise FourDError(ERR_ARG_TYPE, "SET QUERY DESTINATION: a set or named selection name is expected")
    st.query_dest = (kind, name, ref)


@db_command("GET QUERY DESTINATION", 1155, "Queries")
def get_query_destination(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Where the next queries go (0 current selection, 1 set, 2 named selection, 3 variable) and the
    set or named selection name ("" otherwise)."""
    kind, name, _ = st.query_dest
    if len(args) > 2 and kind == 3:
        raise FourDError(
            ERR_NOT_SUPPORTED, "GET QUERY DESTINATION: the pointer to the destination variable is not supported yet"
        )
    _put(args, [float(kind), name if kind in (1, 2) and type(name) is str else ""])


@db_command("SET QUERY AND LOCK", 661, "Queries")
def set_query_and_lock(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Queries lock the records they find (OK is 0 when one is locked by another process)."""
    st.query_and_lock = bool(_value(args[0])) if args else False


# ------------------------------------------------------------------ sorting


@db_command("ORDER BY", 49, "Selection")
def order_by(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Sort the current selection by fields, `>` ascending (default) or `<` descending; `*` adds levels."""
    from mini4d.datastore.query import classic_order

    t = None
    rest = list(args)
    if rest and rest[0].kind == "table":
        t = rest.pop(0).value
    star = bool(rest) and rest[-1].kind == "star"
    if star:
        rest.pop()
    levels: list[tuple[Field, bool]] = []
    for a in rest:
        if a.kind == "field":
            levels.append((a.value[1], True))
            if t is None:
                t = a.value[0]
        elif a.kind == "order" and levels:
            levels[-1] = (levels[-1][0], bool(a.value))
        elif a.kind == "value" and a.value in (">", "<") and levels:
            levels[-1] = (levels[-1][0], a.value == ">")
        else:
            raise FourDError(ERR_ARG_TYPE, "ORDER BY: fields and > or < were expected")
    t = need_table(st, t)
    ts = _ts(st, t)
    ts.pending_order.extend(levels)
    if star:
        return
    levels = ts.pending_order
    ts.pending_order = []
    if not levels:
        raise FourDError(
            ERR_NOT_SUPPORTED, "ORDER BY without a field opens the Order By editor: not supported by mini4d"
        )
    recs = classic_order(_store(st), f.process, t, ts.selection, levels)
    set_selection(st, ts, recs)
    _ok(f)


# ------------------------------------------------------------------ selections and navigation


@db_command("ALL RECORDS", 47, "Selection")
def all_records(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Every record of the table becomes the current selection; the first one is loaded."""
    t = _opt_table(st, args)
    ts = _ts(st, t)
    set_selection(st, ts, _store(st).need_engine().all_recs(f.process, t))


@db_command("Records in selection", 76, "Selection")
def records_in_selection(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Number of records in the current selection."""
    return float(len(_ts(st, _opt_table(st, args)).selection))


@db_command("Records in table", 83, "Records")
def records_in_table(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Number of records in the table (including those created in the current transaction)."""
    t = _opt_table(st, args)
    return float(_store(st).need_engine().count(f.process, t))


@db_command("FIRST RECORD", 50, "Selection")
def first_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The first record of the selection becomes current."""
    ts = _ts(st, _opt_table(st, args))
    if ts.selection:
        goto_pos(st, ts, 0)


@db_command("LAST RECORD", 200, "Selection")
def last_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The last record of the selection becomes current."""
    ts = _ts(st, _opt_table(st, args))
    if ts.selection:
        goto_pos(st, ts, len(ts.selection) - 1)


@db_command("NEXT RECORD", 51, "Selection")
def next_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The next record becomes current; past the last one, End selection is True and none is current."""
    ts = _ts(st, _opt_table(st, args))
    if ts.pos < len(ts.selection):
        goto_pos(st, ts, ts.pos + 1)


@db_command("PREVIOUS RECORD", 110, "Selection")
def previous_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The previous record becomes current; before the first one, Before selection is True."""
    ts = _ts(st, _opt_table(st, args))
    if ts.pos >= 0:
        goto_pos(st, ts, ts.pos - 1)


@db_command("End selection", 36, "Selection")
def end_selection(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the record pointer is past the last record (or the selection is empty)."""
    ts = _ts(st, _opt_table(st, args))
    return not ts.selection or ts.pos >= len(ts.selection)


@db_command("Before selection", 198, "Selection")
def before_selection(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the record pointer is before the first record (or the selection is empty)."""
    ts = _ts(st, _opt_table(st, args))
    return not ts.selection or ts.pos < 0


@db_command("GOTO SELECTED RECORD", 245, "Selection")
def goto_selected_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The record at this position (1..n) of the selection becomes current; 0: no current record."""
    t, rest = _table_arg(st, args)
    ts = _ts(st, t)
    n = int(_number(rest[0])) if rest else 0
    if n == 0:
        unload(st, ts)
        ts.pos = -1
        return
    if 1 <= n <= len(ts.selection):
        goto_pos(st, ts, n - 1)


@db_command("Selected record number", 246, "Selection")
def selected_record_number(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Position (1..n) of the current record in the selection; 0 when there is none."""
    ts = _ts(st, _opt_table(st, args))
    if ts.record is not None and ts.record.is_new:
        return 0.0
    return float(ts.pos + 1) if 0 <= ts.pos < len(ts.selection) else 0.0


@db_command("GOTO RECORD", 242, "Records")
def goto_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The record with this number becomes the current selection and record."""
    t, rest = _table_arg(st, args)
    ts = _ts(st, t)
    n = int(_number(rest[0])) if rest else -1
    if not _store(st).need_engine().exists(f.process, t, n):
        set_selection(st, ts, [])
        raise FourDError(
            ERR_RECORD_DELETED, f"Record number {n} of [{t.name}] does not exist (deleted or never created)"
        )
    set_selection(st, ts, [n])


@db_command("Record number", 243, "Records")
def record_number(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Number of the current record; -1 when there is none, -3 for a new record not saved yet."""
    ts = _ts(st, _opt_table(st, args))
    r = ts.record
    if r is None:
        return -1.0
    return -3.0 if r.is_new else float(r.rec)


@db_command("REDUCE SELECTION", 351, "Selection")
def reduce_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Keep the first n records of the selection."""
    t, rest = _table_arg(st, args)
    ts = _ts(st, t)
    n = max(0, int(_number(rest[0]))) if rest else 0
    set_selection(st, ts, ts.selection[:n])


@db_command("ONE RECORD SELECT", 189, "Selection")
def one_record_select(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The current record becomes the whole selection."""
    ts = _ts(st, _opt_table(st, args))
    r = ts.record
    if r is not None and not r.is_new:
        unload(st, ts)
        set_selection(st, ts, [r.rec])


# ------------------------------------------------------------------ records


@db_command("CREATE RECORD", 68, "Records")
def create_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """A new record in memory becomes the current record; SAVE RECORD writes it."""
    new_record(st, _opt_table(st, args))


@db_command("SAVE RECORD", 53, "Records")
def save_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Write the current record (ignored when there is none, nothing changed, or it is locked)."""
    t = _opt_table(st, args)
    ts = _ts(st, t)
    r = ts.record
    if r is None or r.read_only:
        return
    if not r.is_new and not r.touched:
        return
    was_new = r.is_new
    res = _store(st).save(f.process, r)
    if res.status != 0:
        if res.status == 3:
            return
        raise res.error or FourDError(ERR_NO_RECORD, "The record could not be saved")
    if was_new:
        # the saved record is the current record of a selection made of it
        eng = _store(st).need_engine()
        if eng.locks.acquire((t.uuid, r.rec), f.process, "record"):
            r.locked_by_me = True
        ts.selection = [r.rec]
        ts.pos = 0


@db_command("DELETE RECORD", 58, "Records")
def delete_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Delete the current record (nothing for a read-only table or a locked record)."""
    t = _opt_table(st, args)
    ts = _ts(st, t)
    r = ts.record
    if r is None or ts.read_only or r.read_only:
        return
    if r.is_new:
        unload(st, ts)
        return
    res = _store(st).delete(f.process, t, r.rec, record=r)
    if res.status == 3:
        return
    if res.status not in (0, 5):
        raise res.error or FourDError(ERR_NO_RECORD, "The record could not be deleted")
    unload(st, ts)
    if r.rec in ts.selection:
        i = ts.selection.index(r.rec)
        ts.selection = ts.selection[:i] + ts.selection[i + 1 :]
        ts.pos = i - 1  # NEXT RECORD goes to the record that followed it
    else:
        ts.pos = -1


@db_command("DELETE SELECTION", 66, "Selection")
def delete_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Delete every record of the selection; locked ones go to the set LockedSet."""
    t = _opt_table(st, args)
    ts = _ts(st, t)
    unload(st, ts)
    locked = set()
    store = _store(st)
    for rec in list(ts.selection):
        res = store.delete(f.process, t, rec)
        if res.status not in (0, 5):
            locked.add(rec)
    st.sets["LockedSet"] = SetData(t, locked)
    set_selection(st, ts, [r for r in ts.selection if r in locked], load_first=False)
    ts.pos = -1
    _ok(f, 0 if locked else 1)


@db_command("Old", 35, "Records")
def old(f: Any, st: ProcState, args: list[Arg]) -> Any:
    """The value the field had when the record was loaded (blank for a new record)."""
    from mini4d.datastore import codec

    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "Old needs a field")
    t, fld = args[0].value
    r = _ts(st, t).record
    if r is None:
        return codec.blank(fld.kind)
    v = r.old[fld.index]
    return codec.blank(fld.kind) if v is None else v


@db_command("Modified record", 314, "Records")
def modified_record(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the current record was changed and not saved (always for a new record)."""
    r = _ts(st, _opt_table(st, args)).record
    return r is not None and (r.is_new or r.modified)


@db_command("Modified", 32, "Data Entry")
def modified(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when a value was assigned to the field of the current record (equal or not) since it was
    loaded; `Old` tells whether the value changed."""
    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "Modified needs a field")
    t, fld = args[0].value
    r = _ts(st, t).record
    return r is not None and fld.index in r.touched


@db_command("Is new record", 668, "Records")
def is_new_record(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the current record was created and not saved yet."""
    r = _ts(st, _opt_table(st, args)).record
    return r is not None and r.is_new


@db_command("Is record loaded", 669, "Records")
def is_record_loaded(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the table has a current record in memory."""
    return _ts(st, _opt_table(st, args)).record is not None


@db_command("Is field value Null", 964, "Records")
def is_field_value_null(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the field of the current record holds Null (never for fields mapping Null to blank)."""
    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "Is field value Null needs a field")
    t, fld = args[0].value
    r = _ts(st, t).record
    return r is not None and r.values[fld.index] is None and not fld.never_null


@db_command("SET FIELD VALUE NULL", 965, "Records")
def set_field_value_null(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Put Null in the field of the current record."""
    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "SET FIELD VALUE NULL needs a field")
    t, fld = args[0].value
    r = _ts(st, t).record
    if r is None:
        raise FourDError(ERR_NO_RECORD, f"There is no current record in [{t.name}]")
    r.set(fld.index, None)


# ------------------------------------------------------------------ locking


@db_command("READ ONLY", 145, "Record Locking")
def read_only(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Records of the table (or of every table with `*`) are loaded read-only from now on."""
    _set_read_only(st, args, True)


@db_command("READ WRITE", 146, "Record Locking")
def read_write(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Records of the table (or of every table with `*`) are loaded read/write (locked) from now on."""
    _set_read_only(st, args, False)


def _set_read_only(st: ProcState, args: list[Arg], ro: bool) -> None:
    if args and args[0].kind == "star":
        for t in _store(st).schema.tables:
            _ts(st, t).read_only = ro
        return
    _ts(st, _opt_table(st, args)).read_only = ro


@db_command("Read only state", 362, "Record Locking")
def read_only_state(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the table is read-only in this process."""
    return _ts(st, _opt_table(st, args)).read_only


@db_command("LOAD RECORD", 52, "Record Locking")
def load_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Reload the current record (with the table's current read/write state): a loop waits for a lock this way."""
    ts = _ts(st, _opt_table(st, args))
    r = ts.record
    rec = (
        r.rec if r is not None and not r.is_new else (ts.selection[ts.pos] if 0 <= ts.pos < len(ts.selection) else None)
    )
    if rec is None:
        return
    if r is not None and r.locked_by_me and not ts.read_only:
        row = _store(st).need_engine().fetch_one(f.process, ts.table, rec)
        if row is not None:
            r.loaded(row[0], row[1])
        return
    unload(st, ts)
    load(st, ts, rec)


@db_command("UNLOAD RECORD", 212, "Record Locking")
def unload_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Free the current record from memory and its lock; it stays the current record."""
    unload(st, _ts(st, _opt_table(st, args)))


@db_command("Locked", 147, "Record Locking")
def locked(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the current record is locked by another process (or was loaded read-only)."""
    r = _ts(st, _opt_table(st, args)).record
    if r is None or r.is_new:
        return False
    if r.read_only:
        return True
    return False


@db_command("LOCKED BY", 353, "Record Locking")
def locked_by(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The process locking the current record (0 if none, -1 if deleted), its 4D user, session user and process name."""
    t, rest = _table_arg(st, args)
    ts = _ts(st, t)
    r = ts.record
    out: list[Any] = [0.0, "", "", ""]
    if r is not None and not r.is_new:
        eng = _store(st).need_engine()
        if not eng.exists(f.process, t, r.rec):
            out[0] = -1.0
        else:
            owner = eng.locks.owner((t.uuid, r.rec))
            if owner is not None and owner is not f.process:
                out = [float(owner.number), "Designer", owner.session.user_name, owner.name]
    for a, v in zip(rest, out, strict=False):
        if a.ref is not None:
            a.ref.set(v)


# ------------------------------------------------------------------ sets


def _set_name(a: Arg) -> str:
    v = _value(a)
    if type(v) is not str:
        raise FourDError(ERR_ARG_TYPE, "A set name (text) was expected")
    return v[:255]


def _get_set(st: ProcState, name: str) -> SetData:
    s = st.set_store(name).get(name)
    if s is None:
        raise FourDError(ERR_NO_SET, f'The set "{name}" does not exist')
    return s


@db_command("CREATE SET", 116, "Sets")
def create_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """A set of the current selection (it remembers the current record)."""
    t, rest = _table_arg(st, args)
    ts = _ts(st, t)
    name = _set_name(rest[0])
    cur = ts.record.rec if ts.record is not None and not ts.record.is_new else -1
    st.set_store(name)[name] = SetData(t, set(ts.selection), cur)


@db_command("CREATE EMPTY SET", 140, "Sets")
def create_empty_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """An empty set of the table."""
    t, rest = _table_arg(st, args)
    name = _set_name(rest[0])
    st.set_store(name)[name] = SetData(t, set())


@db_command("USE SET", 118, "Sets")
def use_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The set becomes the current selection (record-number order); its remembered record becomes current."""
    s = _get_set(st, _set_name(args[0]))
    ts = _ts(st, s.table)
    recs = sorted(s.recs)
    set_selection(st, ts, recs, load_first=False)
    if s.current in s.recs:
        goto_pos(st, ts, recs.index(s.current))
    elif recs:
        goto_pos(st, ts, 0)


@db_command("CLEAR SET", 117, "Sets")
def clear_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Delete the set."""
    name = _set_name(args[0])
    st.set_store(name).pop(name, None)


@db_command("Records in set", 195, "Sets")
def records_in_set(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Number of records in the set."""
    return float(len(_get_set(st, _set_name(args[0])).recs))


@db_command("Is in set", 273, "Sets")
def is_in_set(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the current record of the set's table is in the set."""
    s = _get_set(st, _set_name(args[0]))
    r = _ts(st, s.table).record
    return r is not None and r.rec in s.recs


@db_command("ADD TO SET", 119, "Sets")
def add_to_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Add the current record to the set."""
    t, rest = _table_arg(st, args)
    s = _get_set(st, _set_name(rest[0]))
    r = _ts(st, t).record
    if r is not None and not r.is_new:
        s.recs.add(r.rec)
    s.current = -1


@db_command("REMOVE FROM SET", 561, "Sets")
def remove_from_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Remove the current record from the set."""
    t, rest = _table_arg(st, args)
    s = _get_set(st, _set_name(rest[0]))
    r = _ts(st, t).record
    if r is not None:
        s.recs.discard(r.rec)


def _set_op(st: ProcState, args: list[Arg], op: Callable[[set[int], set[int]], set[int]]) -> None:
    a = _get_set(st, _set_name(args[0]))
    b = _get_set(st, _set_name(args[1]))
    if a.table is not b.table:
        raise FourDError(ERR_ARG_TYPE, "The two sets belong to different tables")
    name = _set_name(args[2])
    st.set_store(name)[name] = SetData(a.table, op(set(a.recs), set(b.recs)))


@db_command("UNION", 120, "Sets")
def union(f: Any, st: ProcState, args: list[Arg]) -> None:
    """set3 := set1 + set2."""
    _set_op(st, args, lambda a, b: a | b)


@db_command("INTERSECTION", 121, "Sets")
def intersection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """set3 := records in both sets."""
    _set_op(st, args, lambda a, b: a & b)


@db_command("DIFFERENCE", 122, "Sets")
def difference(f: Any, st: ProcState, args: list[Arg]) -> None:
    """set3 := set1 - set2."""
    _set_op(st, args, lambda a, b: a - b)


@db_command("COPY SET", 600, "Sets")
def copy_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Copy a set under another name."""
    s = _get_set(st, _set_name(args[0]))
    name = _set_name(args[1])
    st.set_store(name)[name] = SetData(s.table, set(s.recs), s.current)


# ------------------------------------------------------------------ named selections


@db_command("COPY NAMED SELECTION", 331, "Named Selections")
def copy_named_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Keep a copy of the current selection (order and current record) under a name."""
    t, rest = _table_arg(st, args)
    ts = _ts(st, t)
    name = _set_name(rest[0])
    st.named_store(name)[name] = (t, list(ts.selection), ts.pos)


@db_command("CUT NAMED SELECTION", 334, "Named Selections")
def cut_named_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Move the current selection under a name; the current selection becomes empty."""
    copy_named_selection(f, st, args)
    t, _ = _table_arg(st, args)
    set_selection(st, _ts(st, t), [])


@db_command("USE NAMED SELECTION", 332, "Named Selections")
def use_named_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The named selection becomes the current selection."""
    name = _set_name(args[0])
    ns = st.named_store(name).get(name)
    if ns is None:
        raise FourDError(ERR_ARG_TYPE, f'The named selection "{name}" does not exist')
    t, recs, pos = ns
    ts = _ts(st, t)
    set_selection(st, ts, list(recs), load_first=False)
    goto_pos(st, ts, pos if 0 <= pos < len(recs) else (0 if recs else -1))


@db_command("CLEAR NAMED SELECTION", 333, "Named Selections")
def clear_named_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Delete the named selection."""
    name = _set_name(args[0])
    st.named_store(name).pop(name, None)


# ------------------------------------------------------------------ arrays and selections


def _array_kind(fld: Field) -> str:
    return {
        "bool": "boolean",
        "int16": "integer",
        "int32": "longint",
        "int64": "real",
        "real": "real",
        "date": "date",
        "time": "time",
        "text": "text",
        "object": "object",
    }.get(fld.kind, "text")


def _fill_array(a: Arg, kind: str, values: list[Any], cmd: str) -> None:
    ref = a.ref
    if ref is None:
        raise FourDError(ERR_ARG_TYPE, f"{cmd}: an array variable was expected")
    cur = ref.get()
    if type(cur) is Array4D and not cur.rows and (cur.kind == kind or (kind == "time" and cur.kind == "longint")):
        arr = cur
        if kind == "time" and cur.kind == "longint":
            values = [float(v.s) if isinstance(v, Time4D) else v for v in values]
    else:
        arr = Array4D(kind, 0, None, ref.name)
        if ref.declare is not None:
            ref.declare("array")
        ref.set(arr)
    arr.resize(0)
    for v in values:
        arr.append(v if v is not None else arr.default())


@db_command("SELECTION TO ARRAY", 260, "Selection")
def selection_to_array(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Fill arrays with the values of fields for each record of the selection (a table gives record numbers)."""
    _selection_to_arrays(f, st, args, None)


@db_command("SELECTION RANGE TO ARRAY", 368, "Selection")
def selection_range_to_array(f: Any, st: ProcState, args: list[Arg]) -> None:
    """SELECTION TO ARRAY for the selected records start to end (1-based): an end past the selection
    stops at its last record, an end before start takes the start record only, a start outside the
    selection gives empty arrays."""
    if len(args) < 2:
        raise FourDError(ERR_ARG_TYPE, "SELECTION RANGE TO ARRAY needs a start, an end, then fields and arrays")
    start, end = int(_number(args[0])), int(_number(args[1]))
    if end < start:
        end = start
    _selection_to_arrays(f, st, args[2:], (max(start, 1) - 1, max(end, 0)))


def _selection_to_arrays(f: Any, st: ProcState, args: list[Arg], window: tuple[int, int] | None) -> None:
    star = bool(args) and args[-1].kind == "star"
    pairs = args[:-1] if star else args
    st.pending_s2a.extend(pairs)
    if star:
        return
    pairs = st.pending_s2a
    st.pending_s2a = []
    if len(pairs) % 2:
        raise FourDError(ERR_ARG_TYPE, "SELECTION TO ARRAY: give fields (or tables) and arrays in pairs")
    main: Table | None = None
    for k in range(0, len(pairs), 2):
        a = pairs[k]
        if a.kind == "table":
            main = main or a.value
        elif a.kind == "field":
            main = main or a.value[0]
    if main is None:
        raise FourDError(ERR_ARG_TYPE, "SELECTION TO ARRAY: a field or a table is expected")
    ts = _ts(st, main)
    recs = ts.selection
    if window is not None:
        recs = recs[window[0] : window[1]]
    _arrays_from_records(f, st, main, recs, pairs)
    unload(st, ts)


def _arrays_from_records(f: Any, st: ProcState, main: Table, recs: list[int], pairs: list[Arg]) -> None:
    """Fill each (field or table, array) pair from these records of `main` (SELECTION (RANGE) TO ARRAY)."""
    from mini4d.datastore import codec
    from mini4d.datastore.query import relation_path

    eng = _store(st).need_engine()
    rows = eng.fetch(f.process, main, recs) if recs else {}
    for k in range(0, len(pairs), 2):
        src, dst = pairs[k], pairs[k + 1]
        if src.kind == "table":
            _fill_array(dst, "longint", [float(r) for r in recs if r in rows], "SELECTION TO ARRAY")
            continue
        if src.kind != "field":
            raise FourDError(ERR_ARG_TYPE, "SELECTION TO ARRAY: a field or a table is expected")
        t, fld = src.value
        if t is main:
            vals = [rows[r][1][fld.index] for r in recs if r in rows]
        else:
            path = relation_path(main, t)
            if any(not one for _, one in path):
                raise FourDError(
                    ERR_ARG_TYPE, f"SELECTION TO ARRAY: [{t.name}] is not on the one side of [{main.name}]"
                )
            vals = []
            for r in recs:
                if r not in rows:
                    continue
                values = rows[r][1]
                cur_t = main
                v = None
                for rel, _ in path:
                    key = values[rel.source.index]
                    rt = rel.dest.table
                    found = eng.keys_to_recs(f.process, rt, rel.dest, [key]) if key is not None else []
                    if not found:
                        values = None
                        break
                    values = eng.fetch_one(f.process, rt, found[0])[1]
                    cur_t = rt
                del cur_t
                v = values[fld.index] if values is not None else None
                vals.append(v)
        vals = [codec.blank(fld.kind) if v is None and fld.kind != "object" else v for v in vals]
        _fill_array(dst, _array_kind(fld), vals, "SELECTION TO ARRAY")


@db_command("ARRAY TO SELECTION", 261, "Selection")
def array_to_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Write arrays into the fields of the selection's records, creating records when there are more elements."""
    star = bool(args) and args[-1].kind == "star"
    pairs = args[:-1] if star else args
    st.pending_a2s.extend(pairs)
    if star:
        return
    pairs = st.pending_a2s
    st.pending_a2s = []
    if len(pairs) % 2:
        raise FourDError(ERR_ARG_TYPE, "ARRAY TO SELECTION: give arrays and fields in pairs")
    cols: list[tuple[Array4D, Field]] = []
    main: Table | None = None
    for k in range(0, len(pairs), 2):
        arr, fa = pairs[k].value, pairs[k + 1]
        if type(arr) is not Array4D or fa.kind != "field":
            raise FourDError(ERR_ARG_TYPE, "ARRAY TO SELECTION: an array and a field were expected")
        t, fld = fa.value
        if main is None:
            main = t
        elif t is not main:
            raise FourDError(ERR_ARG_TYPE, "ARRAY TO SELECTION: every field must belong to the same table")
        cols.append((arr, fld))
    assert main is not None
    sizes = {len(a) for a, _ in cols}
    if len(sizes) > 1:
        raise FourDError(ERR_ARG_TYPE, "ARRAY TO SELECTION: the arrays have different sizes")
    n = sizes.pop() if sizes else 0
    ts = _ts(st, main)
    unload(st, ts)
    store = _store(st)
    eng = store.need_engine()
    from mini4d.datastore import codec

    locked: set[int] = set()
    recs = list(ts.selection)
    out: list[int] = []
    rows = eng.fetch(f.process, main, recs[:n]) if recs else {}
    for i in range(n):
        if i < len(recs):
            rec = recs[i]
            row = rows.get(rec)
            if row is None:
                continue
            r = Record(main, rec, row[0], row[1])
        else:
            r = Record(main)
            for fld2 in main.fields:
                r.values[fld2.index] = codec.blank(fld2.kind)
        for arr, fld in cols:
            r.set(fld.index, codec.to_field(fld, arr.get(i + 1)))
        res = store.save(f.process, r)
        if res.status != 0:
            if r.rec >= 0:
                locked.add(r.rec)
            continue
        out.append(r.rec)
    st.sets["LockedSet"] = SetData(main, locked)
    set_selection(st, ts, out + [r for r in recs[n:]], load_first=False)
    ts.pos = -1


@db_command("LONGINT ARRAY FROM SELECTION", 647, "Selection")
def longint_array_from_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Record numbers of the selection into a Longint array."""
    t, rest = _table_arg(st, args)
    _fill_array(rest[0], "longint", [float(r) for r in _ts(st, t).selection], "LONGINT ARRAY FROM SELECTION")


@db_command("CREATE SELECTION FROM ARRAY", 640, "Selection")
def create_selection_from_array(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The records whose numbers are in the array become the current selection (or a named selection)."""
    t, rest = _table_arg(st, args)
    arr = _value(rest[0])
    if type(arr) is not Array4D:
        raise FourDError(ERR_ARG_TYPE, "CREATE SELECTION FROM ARRAY: an array of record numbers was expected")
    eng = _store(st).need_engine()
    nums = [int(v) for v in arr.elements()]
    existing = set(eng.fetch(f.process, t, nums)) if nums else set()
    recs = [n for n in nums if n in existing]
    if len(rest) > 1:
        name = _set_name(rest[1])
        st.named_store(name)[name] = (t, recs, 0)
        return
    set_selection(st, _ts(st, t), recs)


@db_command("DISTINCT VALUES", 339, "Selection")
def distinct_values(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The different values of a field in the current selection, sorted, into an array."""
    from mini4d.datastore import codec
    from mini4d.datastore.query import _cmp_values
    from mini4d.values import fold

    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "DISTINCT VALUES needs a field")
    t, fld = args[0].value
    ts = _ts(st, t)
    rows = _store(st).need_engine().fetch(f.process, t, ts.selection) if ts.selection else {}
    seen: dict[Any, Any] = {}
    for r in ts.selection:
        if r not in rows:
            continue
        v = rows[r][1][fld.index]
        v = codec.blank(fld.kind) if v is None else v
        k = fold(v) if type(v) is str else (v.days if isinstance(v, Date4D) else v)
        seen.setdefault(k, v)
    from functools import cmp_to_key

    vals = sorted(seen.values(), key=cmp_to_key(_cmp_values))
    _fill_array(args[1], _array_kind(fld), vals, "DISTINCT VALUES")


# ------------------------------------------------------------------ statistics (on the current selection)


def _field_values(f: Any, st: ProcState, args: list[Arg], cmd: str) -> list[Any]:
    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, f"{cmd} needs a field")
    t, fld = args[0].value
    ts = _ts(st, t)
    rows = _store(st).need_engine().fetch(f.process, t, ts.selection) if ts.selection else {}
    return [rows[r][1][fld.index] for r in ts.selection if r in rows and rows[r][1][fld.index] is not None]


def _nums(vals: list[Any]) -> list[float]:
    return [float(v.s) if isinstance(v, Time4D) else float(v) for v in vals if type(v) in (float, int, Time4D)]


@db_command("Sum", 1, "Math")
def sum_(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Sum of a numeric field over the current selection."""
    return float(sum(_nums(_field_values(f, st, args, "Sum"))))


@db_command("Average", 2, "Math")
def average(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Average of a numeric field over the current selection (0 when empty)."""
    v = _nums(_field_values(f, st, args, "Average"))
    return sum(v) / len(v) if v else 0.0


@db_command("Max", 3, "Math")
def max_(f: Any, st: ProcState, args: list[Arg]) -> Any:
    """Largest value of a field over the current selection."""
    v = _field_values(f, st, args, "Max")
    nums = _nums(v)
    if nums:
        return max(nums)
    dates = [d for d in v if isinstance(d, Date4D)]
    return max(dates, key=lambda d: d.days) if dates else 0.0


@db_command("Min", 4, "Math")
def min_(f: Any, st: ProcState, args: list[Arg]) -> Any:
    """Smallest value of a field over the current selection."""
    v = _field_values(f, st, args, "Min")
    nums = _nums(v)
    if nums:
        return min(nums)
    dates = [d for d in v if isinstance(d, Date4D)]
    return min(dates, key=lambda d: d.days) if dates else 0.0


# ------------------------------------------------------------------ sequence numbers, transactions, triggers


@db_command("Sequence number", 244, "Records")
def sequence_number(f: Any, st: ProcState, args: list[Arg]) -> float:
    """The table's next sequence number (the counter of its autoincrement fields)."""
    t = _opt_table(st, args)
    return float(_store(st).need_engine().next_sequence(f.process, t))


def _engine_or_none(st: ProcState) -> Any:
    return _store(st).engine


@db_command("START TRANSACTION", 239, "Transactions")
def start_transaction(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Start a transaction (nested inside the current one, if any); shared with ORDA's."""
    eng = _engine_or_none(st)
    if eng is None:
        raise FourDError(ERR_NO_TABLE, "START TRANSACTION: this project has no data (no catalog)")
    eng.start(f.process)


@db_command("VALIDATE TRANSACTION", 240, "Transactions")
def validate_transaction(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Validate the current transaction; OK is 1."""
    eng = _engine_or_none(st)
    if eng is None or eng.level(f.process) == 0:
        _ok(f, 0)
        return
    eng.validate(f.process)
    _ok(f)


@db_command("CANCEL TRANSACTION", 241, "Transactions")
def cancel_transaction(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Cancel the current transaction; the current records stay in memory."""
    eng = _engine_or_none(st)
    if eng is None or eng.level(f.process) == 0:
        return
    eng.cancel(f.process)


@db_command("Transaction level", 961, "Transactions")
def transaction_level(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Depth of the current transaction (0 outside)."""
    eng = _engine_or_none(st)
    return float(eng.level(f.process)) if eng is not None else 0.0


@db_command("In transaction", 397, "Transactions")
def in_transaction(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True inside a transaction."""
    eng = _engine_or_none(st)
    return eng is not None and eng.level(f.process) > 0


@db_command("Trigger event", 369, "Triggers")
def trigger_event(f: Any, st: ProcState, args: list[Arg]) -> float:
    """1 saving a new record, 2 saving an existing one, 3 deleting; 0 outside a trigger."""
    return float(st.trigger_events[-1]) if st.trigger_events else 0.0


@db_command("Trigger level", 398, "Triggers")
def trigger_level(f: Any, st: ProcState, args: list[Arg]) -> float:
    """How many triggers are running in this process (cascades)."""
    return float(len(st.trigger_events))


for _cname, _cvalue, _ctoken in (
    ("On Saving New Record Event", 1, "K3:1"),
    ("On Saving Existing Record Event", 2, "K3:2"),
    ("On Deleting Record Event", 3, "K3:3"),
    ("Into current selection", 0, "K19:1"),
    ("Into set", 1, "K19:2"),
    ("Into named selection", 2, "K19:3"),
    ("Into variable", 3, "K19:4"),
):
    constant(_cname, float(_cvalue), _ctoken, theme="Database")


# ------------------------------------------------------------------ structure access


@db_command("DEFAULT TABLE", 46, "Table")
def default_table(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The table used when a command's table argument is omitted."""
    st.default_table = _opt_table(st, args[:1])


@db_command("Current default table", 363, "Table")
def current_default_table(f: Any, st: ProcState, args: list[Arg]) -> Any:
    """A pointer to the default table (Nil when none is set)."""
    if st.default_table is None:
        return None
    return _table_pointer(f, st.default_table)


def _table_pointer(f: Any, t: Table, fld: Field | None = None) -> Any:
    from mini4d.datastore.hooks import pointer_to

    text = f"[{t.name}:{t.number}]" + (f"{fld.name}:{fld.number}" if fld is not None else "")
    return pointer_to(f.runtime, text)


@db_command("Table", 252, "Structure Access")
def table_(f: Any, st: ProcState, args: list[Arg]) -> Any:
    """Table(number) gives a pointer to the table; Table(pointer) gives the table number of a table or field pointer."""
    if not args:
        raise FourDError(ERR_ARG_TYPE, "Table needs a number or a pointer")
    a = args[0]
    if a.kind in ("table", "field"):
        t = a.value if a.kind == "table" else a.value[0]
        return float(t.number)
    v = a.value
    if getattr(v, "kind", None) in ("table", "field"):
        return float(v.table)
    if type(v) in (float, int):
        t = _store(st).table_number(int(_number(a)))
        return _table_pointer(f, t)
    raise FourDError(ERR_ARG_TYPE, "Table needs a table number or a pointer")


@db_command("Field", 253, "Structure Access")
def field_(f: Any, st: ProcState, args: list[Arg]) -> Any:
    """Field(table; field) gives a pointer to the field; Field(pointer) gives the field number."""
    if len(args) == 1:
        a = args[0]
        if a.kind == "field":
            return float(a.value[1].number)
        v = a.value
        if getattr(v, "kind", None) == "field":
            return float(v.field)
        raise FourDError(ERR_ARG_TYPE, "Field needs a field pointer, or a table and a field number")
    t = _store(st).table_number(int(_number(args[0])))
    n = int(_number(args[1]))
    fld = t.by_number.get(n)
    if fld is None:
        raise FourDError(ERR_NO_TABLE, f"Table {t.name} has no field number {n}")
    return _table_pointer(f, t, fld)


@db_command("Table name", 256, "Structure Access")
def table_name(f: Any, st: ProcState, args: list[Arg]) -> str:
    """The name of a table, given by number or pointer."""
    a = args[0] if args else None
    if a is None:
        raise FourDError(ERR_ARG_TYPE, "Table name needs a table number or pointer")
    if a.kind == "table":
        return a.value.name
    if a.kind == "field":
        return a.value[0].name
    v = a.value
    if getattr(v, "kind", None) in ("table", "field"):
        return _store(st).table_number(v.table).name
    return _store(st).table_number(int(_number(a))).name


@db_command("Field name", 257, "Structure Access")
def field_name(f: Any, st: ProcState, args: list[Arg]) -> str:
    """The name of a field, given by pointer or by table and field numbers."""
    if len(args) == 1:
        a = args[0]
        if a.kind == "field":
            return a.value[1].name
        v = a.value
        if getattr(v, "kind", None) == "field":
            t = _store(st).table_number(v.table)
            return t.by_number[v.field].name
        raise FourDError(ERR_ARG_TYPE, "Field name needs a field pointer, or a table and a field number")
    t = _store(st).table_number(int(_number(args[0])))
    fld = t.by_number.get(int(_number(args[1])))
    if fld is None:
        raise FourDError(ERR_NO_TABLE, f"Table {t.name} has no field number {int(_number(args[1]))}")
    return fld.name


@db_command("Get last table number", 254, "Structure Access")
def get_last_table_number(f: Any, st: ProcState, args: list[Arg]) -> float:
    """The highest table number of the structure."""
    nums = list(_store(st).schema.by_number)
    return float(max(nums)) if nums else 0.0


@db_command("Get last field number", 255, "Structure Access")
def get_last_field_number(f: Any, st: ProcState, args: list[Arg]) -> float:
    """The highest field number of a table."""
    a = args[0]
    if a.kind == "table":
        t = a.value
    elif getattr(a.value, "kind", None) == "table":
        t = _store(st).table_number(a.value.table)
    else:
        t = _store(st).table_number(int(_number(a)))
    return float(max(t.by_number)) if t.by_number else 0.0


@db_command("Is table number valid", 999, "Structure Access")
def is_table_number_valid(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when a table has this number."""
    return int(_number(args[0])) in _store(st).schema.by_number


@db_command("Is field number valid", 1000, "Structure Access")
def is_field_number_valid(f: Any, st: ProcState, args: list[Arg]) -> bool:
    """True when the table has a field with this number."""
    t = _store(st).schema.by_number.get(int(_number(args[0])))
    return t is not None and int(_number(args[1])) in t.by_number


@db_command("GET FIELD PROPERTIES", 258, "Structure Access")
def get_field_properties(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Type, length, indexed, unique and invisible properties of a field."""
    if args and args[0].kind == "field":
        t, fld = args[0].value
        rest = args[1:]
    elif args and getattr(args[0].value, "kind", None) == "field":
        t = _store(st).table_number(args[0].value.table)
        fld = t.by_number[args[0].value.field]
        rest = args[1:]
    else:
        t = _store(st).table_number(int(_number(args[0])))
        fld = t.by_number[int(_number(args[1]))]
        rest = args[2:]
    vals = [float(fld.type_number), float(fld.length), fld.indexed, fld.unique, False]
    for a, v in zip(rest, vals, strict=False):
        if a.ref is not None:
            a.ref.set(v)


@db_command("SET AUTOMATIC RELATIONS", 310, "Relations")
def set_automatic_relations(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Recorded for GET AUTOMATIC RELATIONS; queries and sorts of mini4d always follow relations."""
    one = bool(_value(args[0])) if args else False
    many = bool(_value(args[1])) if len(args) > 1 else False
    st.auto_relations = (one, many)


@db_command("NO DEFAULT TABLE", 993, "Table")
def no_default_table(f: Any, st: ProcState, args: list[Arg]) -> None:
    """No default table any more: a command without its table argument is an error again."""
    st.default_table = None


def _table_of(st: ProcState, a: Arg) -> Table:
    """A table given as [Table], a table (or field) pointer, or a table number."""
    if a.kind == "table":
        return a.value
    if a.kind == "field":
        return a.value[0]
    v = a.value
    if getattr(v, "kind", None) in ("table", "field"):
        return _store(st).table_number(v.table)
    return _store(st).table_number(int(_number(a)))


def _field_of(st: ProcState, args: list[Arg]) -> tuple[Table, Field, list[Arg]]:
    """A field given as [Table]Field, a field pointer, or table and field numbers; and the other arguments."""
    a = args[0] if args else None
    if a is None:
        raise FourDError(ERR_ARG_TYPE, "A field is expected")
    if a.kind == "field":
        return a.value[0], a.value[1], args[1:]
    v = a.value
    if getattr(v, "kind", None) == "field":
        t = _store(st).table_number(v.table)
        return t, t.by_number[v.field], args[1:]
    if len(args) < 2:
        raise FourDError(ERR_ARG_TYPE, "A field pointer, or a table number and a field number, is expected")
    t = _store(st).table_number(int(_number(a)))
    n = int(_number(args[1]))
    fld = t.by_number.get(n)
    if fld is None:
        raise FourDError(ERR_NO_TABLE, f"Table {t.name} has no field number {n}")
    return t, fld, args[2:]


def _put(outs: list[Arg], values: list[Any]) -> None:
    for a, v in zip(outs, values, strict=False):
        if a.ref is not None:
            a.ref.set(v)


@db_command("GET TABLE PROPERTIES", 687, "Structure Access")
def get_table_properties(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Invisible (False: mini4d reads no such flag) and the three trigger switches of the table's catalog."""
    if not args:
        raise FourDError(ERR_ARG_TYPE, "GET TABLE PROPERTIES needs a table pointer or number")
    t = _table_of(st, args[0])
    _put(args[1:], [False, t.trigger_insert, t.trigger_update, t.trigger_delete, False])


@db_command("GET RELATION PROPERTIES", 686, "Structure Access")
def get_relation_properties(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The table and field numbers the field's many-to-one relation points to (0 and 0 without one),
    no choice field, and the relation's automatic one and many switches."""
    t, fld, outs = _field_of(st, args)
    rel = next((r for r in t.many_to_one if r.source is fld), None)
    if rel is None:
        _put(outs, [0.0, 0.0, 0.0, False, False])
        return
    dest_t = rel.dest.table
    assert dest_t is not None
    _put(outs, [float(dest_t.number), float(rel.dest.number), 0.0, rel.auto_n_to_1, rel.auto_1_to_n])


@db_command("GET AUTOMATIC RELATIONS", 899, "Relations")
def get_automatic_relations(f: Any, st: ProcState, args: list[Arg]) -> None:
    """What SET AUTOMATIC RELATIONS last set in this process (False and False by default)."""
    _put(args, list(st.auto_relations))


@db_command("SET FIELD RELATION", 919, "Relations")
def set_field_relation(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Record the automatic or manual state of a relation (or of every relation of a table) for this
    process: 0 structure configuration, 1 manual, 2 automatic. As with SET AUTOMATIC RELATIONS,
    mini4d's queries, sorts and SELECTION TO ARRAY follow relations whatever the state."""
    if len(args) < 3:
        raise FourDError(ERR_ARG_TYPE, "SET FIELD RELATION needs a field (or table), a one state and a many state")
    one, many = int(_number(args[1])), int(_number(args[2]))
    if one not in (0, 1, 2) or many not in (0, 1, 2):
        raise FourDError(ERR_ARG_VALUE, "SET FIELD RELATION: the states are 0, 1 or 2")
    if args[0].kind == "table" or getattr(args[0].value, "kind", None) == "table":
        t = _table_of(st, args[0])
        sources = [r.source for r in t.many_to_one]
    else:
        t, fld, _ = _field_of(st, args[:1])
        sources = [fld]
    for src in sources:
        st.field_relations[src.uuid] = (one, many)


@db_command("GET FIELD RELATION", 920, "Relations")
def get_field_relation(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The states SET FIELD RELATION gave the relation starting from the field (0 when none was set);
    with `*`, the state in effect (1 manual, 2 automatic) from SET FIELD RELATION, SET AUTOMATIC
    RELATIONS and the catalog, in that order."""
    star = bool(args) and args[-1].kind == "star"
    rest = args[:-1] if star else args
    t, fld, outs = _field_of(st, rest[:1])
    rel = next((r for r in t.many_to_one if r.source is fld), None)
    if rel is None:
        raise FourDError(ERR_ARG_VALUE, f"GET FIELD RELATION: no relation starts from the field {fld.name}")
    one, many = st.field_relations.get(fld.uuid, (0, 0))
    if star:
        auto_one, auto_many = st.auto_relations
        one = one or (2 if auto_one or rel.auto_n_to_1 else 1)
        many = many or (2 if auto_many or rel.auto_1_to_n else 1)
    _put(rest[1:], [float(one), float(many)])


@db_command("GET TABLE TITLES", 803, "Structure Access")
def get_table_titles(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The names and numbers of the tables (their titles: mini4d has no SET TABLE TITLES)."""
    if len(args) < 2:
        raise FourDError(ERR_ARG_TYPE, "GET TABLE TITLES needs two arrays")
    tables = sorted(_store(st).schema.tables, key=lambda t: t.number)
    _fill_array(args[0], "text", [t.name for t in tables], "GET TABLE TITLES")
    _fill_array(args[1], "longint", [float(t.number) for t in tables], "GET TABLE TITLES")


@db_command("GET FIELD TITLES", 804, "Structure Access")
def get_field_titles(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The names and numbers of the fields of a table (their titles: mini4d has no SET FIELD TITLES)."""
    if len(args) < 3:
        raise FourDError(ERR_ARG_TYPE, "GET FIELD TITLES needs a table and two arrays")
    t = _table_of(st, args[0])
    fields = sorted(t.fields, key=lambda fld: fld.number)
    _fill_array(args[1], "text", [fld.name for fld in fields], "GET FIELD TITLES")
    _fill_array(args[2], "longint", [float(fld.number) for fld in fields], "GET FIELD TITLES")


# ------------------------------------------------------------------ ORDA bridges


@db_command("Create entity selection", 1512, "Selection")
def create_entity_selection(f: Any, st: ProcState, args: list[Arg]) -> Any:
    """An alterable entity selection of the table's current selection (same order)."""
    from mini4d.datastore.orda import EntitySelection4D, datastore_object

    t = _opt_table(st, args[:1])
    if t.pk is None:
        raise FourDError(ERR_NO_TABLE, f"[{t.name}] is not a dataclass (it has no single primary key)")
    dc = datastore_object(_store(st)).dataclass(t)
    return EntitySelection4D(dc, list(_ts(st, t).selection), ordered=True, alterable=True)


@db_command("USE ENTITY SELECTION", 1513, "Selection")
def use_entity_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The entity selection becomes the current selection of its table (first record current, not loaded)."""
    from mini4d.datastore.orda import EntitySelection4D

    es = _value(args[0]) if args else None
    if not isinstance(es, EntitySelection4D):
        raise FourDError(ERR_ARG_TYPE, "USE ENTITY SELECTION needs an entity selection")
    ts = _ts(st, es.dc.table)
    set_selection(st, ts, list(es.recs), load_first=False)


# ------------------------------------------------------------------ formulas applied to records

_FORMULA_IMPLS: dict[int, Callable[..., Any]] = {}


def _formula_compile(interp: Any, node: Any, scope: Any, info: Any) -> Any:
    """A command whose last argument is code run for each record (QUERY BY FORMULA, APPLY TO SELECTION)."""
    impl = _FORMULA_IMPLS[info.number]
    args = node.args
    span = node.span
    if not args:

        def missing(f: Any) -> Any:
            raise FourDError(ERR_NOT_SUPPORTED, f"{info.name} without a formula opens a 4D editor: not supported", span)

        return missing
    table_fns = compile_args(interp, args[:-1], scope)
    code = args[-1]
    if type(code).__name__ == "AssignArg":  # `[T]f:=value`: a statement run for each record
        value = interp.compile_expr(code.value, scope)
        store = interp.compile_store_fn(code.target, scope)

        def run_code(f: Any) -> Any:
            store(f, value(f))
            return None

    else:
        run_code = interp.compile_expr(code, scope)

    def call(f: Any) -> Any:
        targs = [a(f) for a in table_fns]
        f.span = span
        try:
            return impl(f, _state(f), targs, run_code)
        except FourDError as err:
            raise err.with_span(span) from None

    return call


def formula_command(name: str, number: int, theme: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def deco(impl: Callable[..., Any]) -> Callable[..., Any]:
        _FORMULA_IMPLS[number] = impl

        def documented(ctx: Any, table: Any = None, formula: Any = None) -> Any:
            raise AssertionError("compiled by _formula_compile")

        documented.__doc__ = impl.__doc__
        documented.__name__ = impl.__name__
        documented.__module__ = impl.__module__
        command(name, number, theme, compile=_formula_compile)(documented)
        return impl

    return deco


def _each_record(f: Any, st: ProcState, ts: TableState, recs: list[int], fn: Callable[[Record], None]) -> None:
    """Make each record current in turn (loaded as the table's read/write state says) and call fn."""
    saved_sel, saved_pos = ts.selection, ts.pos
    unload(st, ts)
    try:
        for i, rec in enumerate(recs):
            ts.selection = recs
            ts.pos = i
            r = load(st, ts, rec)
            if r is None:
                continue
            fn(r)
            unload(st, ts)
    finally:
        unload(st, ts)
        ts.selection, ts.pos = saved_sel, saved_pos


def _by_formula(f: Any, st: ProcState, args: list[Arg], run_code: Any, selection: bool) -> None:
    from mini4d.values import condition

    t = _opt_table(st, args)
    ts = _ts(st, t)
    recs = list(ts.selection) if selection else _store(st).need_engine().all_recs(f.process, t)
    found: list[int] = []

    def test(r: Record) -> None:
        v = run_code(f)
        if v is True or (v is not False and v is not UNDEFINED and condition(v)):
            found.append(r.rec)

    _each_record(f, st, ts, recs, test)
    _deliver(f, st, ts, found)


@formula_command("QUERY BY FORMULA", 48, "Queries")
def query_by_formula(f: Any, st: ProcState, args: list[Arg], run_code: Any) -> None:
    """The records of the table for which the formula is True (each one current while it is evaluated)."""
    _by_formula(f, st, args, run_code, selection=False)


@formula_command("QUERY SELECTION BY FORMULA", 207, "Queries")
def query_selection_by_formula(f: Any, st: ProcState, args: list[Arg], run_code: Any) -> None:
    """The records of the current selection for which the formula is True."""
    _by_formula(f, st, args, run_code, selection=True)


@formula_command("APPLY TO SELECTION", 70, "Selection")
def apply_to_selection(f: Any, st: ProcState, args: list[Arg], run_code: Any) -> None:
    """Run the statement for each record of the selection; records it changed are saved."""
    t = _opt_table(st, args)
    ts = _ts(st, t)
    store = _store(st)
    locked: set[int] = set()

    def apply(r: Record) -> None:
        run_code(f)
        if r.touched:
            if r.read_only:
                locked.add(r.rec)
                return
            res = store.save(f.process, r)
            if res.status != 0:
                locked.add(r.rec)

    _each_record(f, st, ts, list(ts.selection), apply)
    st.sets["LockedSet"] = SetData(t, locked)
    goto_pos(st, ts, 0 if ts.selection else -1)


@formula_command("ORDER BY FORMULA", 300, "Selection")
def order_by_formula(f: Any, st: ProcState, args: list[Arg], run_code: Any) -> None:
    """Sort the selection by the value of an expression (ascending)."""
    from functools import cmp_to_key

    from mini4d.datastore.query import _cmp_values

    t = _opt_table(st, args)
    ts = _ts(st, t)
    keys: list[tuple[int, Any]] = []
    _each_record(f, st, ts, list(ts.selection), lambda r: keys.append((r.rec, run_code(f))))
    keys.sort(key=cmp_to_key(lambda a, b: _cmp_values(a[1], b[1])))
    set_selection(st, ts, [r for r, _ in keys])


# ------------------------------------------------------------------ more queries and relations


def _with_array(f: Any, st: ProcState, args: list[Arg], selection: bool) -> None:
    from mini4d.datastore.query import Binder, Compiler, TableOnly, run_cond

    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "QUERY WITH ARRAY needs a field and an array")
    t, fld = args[0].value
    arr = _value(args[1])
    if type(arr) is not Array4D:
        raise FourDError(ERR_ARG_TYPE, "QUERY WITH ARRAY needs an array of values")
    ts = _ts(st, t)
    store = _store(st)
    comp = Compiler(store, f.process, Binder("QUERY WITH ARRAY", [], None, f, ()))
    values = [v for v in arr.elements()]
    if not values:
        recs: list[int] = []
    else:
        cond = comp.storage(fld, "IN", Coll(values), False)
        recs = run_cond(comp, TableOnly(t), cond, list(ts.selection) if selection else None)
    _deliver(f, st, ts, recs)


@db_command("QUERY WITH ARRAY", 644, "Queries")
def query_with_array(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The records whose field equals one of the values of the array."""
    _with_array(f, st, args, selection=False)


@db_command("QUERY SELECTION WITH ARRAY", 1050, "Queries")
def query_selection_with_array(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The records of the selection whose field equals one of the values of the array."""
    _with_array(f, st, args, selection=True)


@db_command("Find in field", 653, "Queries")
def find_in_field(f: Any, st: ProcState, args: list[Arg]) -> float:
    """Record number of the first record whose field equals the value; -1 when there is none."""
    from mini4d.datastore.query import Binder, Compiler, TableOnly, run_cond

    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "Find in field needs a field and a value")
    t, fld = args[0].value
    v = args[1].value if len(args) > 1 else None
    comp = Compiler(_store(st), f.process, Binder("Find in field", [], None, f, ()))
    recs = run_cond(comp, TableOnly(t), comp.storage(fld, "=", float(v) if type(v) is int else v, v is None))
    return float(recs[0]) if recs else -1.0


@db_command("SET QUERY LIMIT", 395, "Queries")
def set_query_limit(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Queries stop after this many records (0: no limit)."""
    st.query_limit = int(_number(args[0])) if args else 0


@db_command("SET INDEX", 344, "Structure Access")
def set_index(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Accepted: the indexes come from the catalog (every primary key, unique field and catalog index)."""
    return None


@db_command("FLUSH CACHE", 297, "Data Access")
def flush_cache(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Accepted: every saved record is already written (SQLite WAL, PostgreSQL)."""
    return None


@db_command("Data file", 490, "Data Access")
def data_file(f: Any, st: ProcState, args: list[Arg]) -> str:
    """Where the data lives: the SQLite file, or the PostgreSQL connection string."""
    return _store(st).location


@db_command("Get last query plan", 1046, "Queries")
def get_last_query_plan(f: Any, st: ProcState, args: list[Arg]) -> str:
    """The plan of the last query: mini4d keeps none (empty text)."""
    return ""


@db_command("Get last query path", 1045, "Queries")
def get_last_query_path(f: Any, st: ProcState, args: list[Arg]) -> str:
    """The path of the last query: mini4d keeps none (empty text)."""
    return ""


def _rel_many_to_one(t: Table, fld: Field | None = None) -> list[Any]:
    return [r for r in t.many_to_one if fld is None or r.source is fld]


@db_command("RELATE ONE", 42, "Relations")
def relate_one(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Load the records related to the current record of a many table (or through one of its fields)."""
    if args and args[0].kind == "field":
        t, fld = args[0].value
        rels = _rel_many_to_one(t, fld)
    else:
        t = _opt_table(st, args[:1])
        rels = _rel_many_to_one(t)
    r = _ts(st, t).record
    eng = _store(st).need_engine()
    for rel in rels:
        one = rel.dest.table
        key = r.values[rel.source.index] if r is not None else None
        recs = eng.keys_to_recs(f.process, one, rel.dest, [key]) if key is not None else []
        set_selection(st, _ts(st, one), recs[:1])


@db_command("RELATE MANY", 262, "Relations")
def relate_many(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The records of the many tables related to the current record of a one table become their selections."""
    if args and args[0].kind == "field":
        t, fld = args[0].value
        rels = [r for r in t.one_to_many if r.dest is fld]
    else:
        t = _opt_table(st, args[:1])
        rels = list(t.one_to_many)
    r = _ts(st, t).record
    eng = _store(st).need_engine()
    for rel in rels:
        many = rel.source.table
        key = r.values[rel.dest.index] if r is not None else None
        recs = eng.keys_to_recs(f.process, many, rel.source, [key]) if key is not None else []
        set_selection(st, _ts(st, many), recs)


@db_command("RELATE ONE SELECTION", 349, "Relations")
def relate_one_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The one table's selection becomes the records related to the many table's selection."""
    many = args[0].value if args and args[0].kind == "table" else None
    one = args[1].value if len(args) > 1 and args[1].kind == "table" else None
    if many is None or one is None:
        raise FourDError(ERR_ARG_TYPE, "RELATE ONE SELECTION needs the many table and the one table")
    eng = _store(st).need_engine()
    rel = next((r for r in many.many_to_one if r.dest.table is one), None)
    if rel is None:
        raise FourDError(ERR_NO_TABLE, f"[{many.name}] has no relation to [{one.name}]")
    rows = eng.fetch(f.process, many, _ts(st, many).selection)
    keys = list(dict.fromkeys(v[1][rel.source.index] for v in rows.values() if v[1][rel.source.index] is not None))
    set_selection(st, _ts(st, one), eng.keys_to_recs(f.process, one, rel.dest, keys))


@db_command("RELATE MANY SELECTION", 340, "Relations")
def relate_many_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The many table's selection becomes the records related to the one table's selection (give the many field)."""
    if not args or args[0].kind != "field":
        raise FourDError(ERR_ARG_TYPE, "RELATE MANY SELECTION needs the related field of the many table")
    many, fld = args[0].value
    rel = next((r for r in many.many_to_one if r.source is fld), None)
    if rel is None:
        raise FourDError(ERR_NO_TABLE, f"[{many.name}]{fld.name} is not the N side of a relation")
    one = rel.dest.table
    eng = _store(st).need_engine()
    rows = eng.fetch(f.process, one, _ts(st, one).selection)
    keys = list(dict.fromkeys(v[1][rel.dest.index] for v in rows.values() if v[1][rel.dest.index] is not None))
    set_selection(st, _ts(st, many), eng.keys_to_recs(f.process, many, fld, keys))


@db_command("DUPLICATE RECORD", 225, "Records")
def duplicate_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """A new record with the values of the current record (automatic values assigned again at save)."""
    t = _opt_table(st, args)
    ts = _ts(st, t)
    r = ts.record
    if r is None:
        raise FourDError(ERR_NO_RECORD, f"There is no current record in [{t.name}] to duplicate")
    values = list(r.values)
    nr = new_record(st, t)
    for fld in t.fields:
        if not (fld.autosequence or fld.autogenerate):
            nr.values[fld.index] = values[fld.index]
            nr.touched.add(fld.index)


@db_command("PUSH RECORD", 176, "Records")
def push_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Put a copy of the current record on the table's record stack."""
    t = _opt_table(st, args)
    r = _ts(st, t).record
    if r is None:
        return
    copy = Record(t, r.rec, r.stamp, list(r.values))
    copy.old, copy.touched, copy.is_new, copy.modified = list(r.old), set(r.touched), r.is_new, r.modified
    st.pushed.setdefault(t.uuid, []).append(copy)


@db_command("POP RECORD", 177, "Records")
def pop_record(f: Any, st: ProcState, args: list[Arg]) -> None:
    """The last record pushed becomes the current record again (not saved)."""
    t = _opt_table(st, args)
    stack = st.pushed.get(t.uuid)
    if not stack:
        return
    ts = _ts(st, t)
    unload(st, ts)
    ts.record = stack.pop()
    ts.record.locked_by_me = False
    ts.record.read_only = False


@db_command("TRUNCATE TABLE", 1051, "Records")
def truncate_table(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Delete every record of the table at once (no trigger, no relation integrity); OK is 1."""
    t = _opt_table(st, args)
    eng = _store(st).need_engine()
    ts = _ts(st, t)
    unload(st, ts)
    for key, e in list(eng.locks.locks.items()):
        if key[0] == t.uuid and e[0] is not f.process and not getattr(e[0], "ended", False):
            _ok(f, 0)
            return
    eng.write(f.process, lambda c: eng.execute(c, f"DELETE FROM {t.sql}"))
    set_selection(st, ts, [])
    _ok(f)


@db_command("CREATE SET FROM ARRAY", 641, "Sets")
def create_set_from_array(f: Any, st: ProcState, args: list[Arg]) -> None:
    """A set of the records whose numbers are in the array (or, with a Boolean array, by position)."""
    t, rest = _table_arg(st, args)
    arr = _value(rest[0])
    name = _set_name(rest[1]) if len(rest) > 1 else "UserSet"
    if type(arr) is not Array4D:
        raise FourDError(ERR_ARG_TYPE, "CREATE SET FROM ARRAY needs an array")
    eng = _store(st).need_engine()
    if arr.kind == "boolean":
        # element N (from element 0) tells whether record number N is in the set
        nums = [i for i, v in enumerate(arr.items) if v]
    else:
        nums = [int(v) for v in arr.elements()]
    recs = set(eng.fetch(f.process, t, nums)) if nums else set()
    st.set_store(name)[name] = SetData(t, recs)


@db_command("BOOLEAN ARRAY FROM SET", 646, "Sets")
def boolean_array_from_set(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Element N (from element 0) is True when record number N of the set's table is in the set
    (UserSet without a name); the array goes up to the table's highest record number."""
    if not args:
        raise FourDError(ERR_ARG_TYPE, "BOOLEAN ARRAY FROM SET needs a Boolean array")
    s = _get_set(st, _set_name(args[1]) if len(args) > 1 else "UserSet")
    eng = _store(st).need_engine()
    rows = eng.query(f.process, f"SELECT MAX(__rec) FROM {s.table.sql}")
    top = max([int(rows[0][0]) if rows and rows[0][0] is not None else 0, *s.recs])
    _fill_array(args[0], "boolean", [r in s.recs for r in range(1, top + 1)], "BOOLEAN ARRAY FROM SET")
    ref = args[0].ref
    assert ref is not None
    ref.get().items[0] = 0 in s.recs


# ------------------------------------------------------------------ JSON


@db_command("Selection to JSON", 1234, "JSON")
def selection_to_json(f: Any, st: ProcState, args: list[Arg]) -> str:
    """A JSON array with one object per record of the selection (given fields, else all but pictures and BLOBs)."""
    from mini4d.core.api import stringify_json as stringify

    t, rest = _table_arg(st, args)
    fields = [a.value[1] for a in rest if a.kind == "field"]
    if not fields:
        fields = [fld for fld in t.fields if fld.kind not in ("picture", "blob")]
    ts = _ts(st, t)
    rows = _store(st).need_engine().fetch(f.process, t, ts.selection) if ts.selection else {}
    out = Coll()
    for rec in ts.selection:
        row = rows.get(rec)
        if row is None:
            continue
        o = Obj()
        for fld in fields:
            v = row[1][fld.index]
            o[fld.name] = float(v.s) if isinstance(v, Time4D) else v
        out.append(o)
    unload(st, ts)
    return stringify(out)


@db_command("JSON TO SELECTION", 1235, "JSON")
def json_to_selection(f: Any, st: ProcState, args: list[Arg]) -> None:
    """Write a JSON array of objects into the records of the selection, creating records for the extra objects."""
    from mini4d.core.api import parse_json as parse
    from mini4d.datastore import codec

    t, rest = _table_arg(st, args)
    text = _text(rest[0]) if rest else "[]"
    data = parse(text)
    if not isinstance(data, Coll):
        raise FourDError(ERR_ARG_TYPE, "JSON TO SELECTION needs a JSON array of objects")
    ts = _ts(st, t)
    unload(st, ts)
    store = _store(st)
    eng = store.need_engine()
    recs = list(ts.selection)
    rows = eng.fetch(f.process, t, recs[: len(data)]) if recs else {}
    out: list[int] = []
    locked: set[int] = set()
    for i, item in enumerate(data):
        if not isinstance(item, Obj):
            continue
        if i < len(recs) and recs[i] in rows:
            row = rows[recs[i]]
            r = Record(t, recs[i], row[0], row[1])
        else:
            r = Record(t)
            for fld in t.fields:
                r.values[fld.index] = codec.blank(fld.kind)
        for k, v in dict.items(item):
            fld = t.field_named(k)
            if fld is None:
                continue
            if fld.kind == "time" and type(v) in (float, int):
                v = Time4D(v)
            elif fld.kind == "date" and type(v) is str:
                from mini4d.datastore.query import parse_date

                v = parse_date(v) or v
            try:
                r.set(fld.index, codec.to_field(fld, v))
            except FourDError:
                continue
        res = store.save(f.process, r)
        if res.status != 0:
            if r.rec >= 0:
                locked.add(r.rec)
            continue
        out.append(r.rec)
    st.sets["LockedSet"] = SetData(t, locked)
    set_selection(st, ts, out + recs[len(data) :], load_first=False)
    ts.pos = -1
