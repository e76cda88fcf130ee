"""The classic database language's per-process state: current selections and current records,
read-only/read-write states, record locks, sets and named selections, pending multi-line
queries and sorts (docs/Develop/records, sets; the QUERY, ORDER BY and navigation commands).

Each 4D process has, per table, a current selection (record numbers in order), a position in it
and a current record held in memory (`Record`). Loading a record while the table is read/write
locks it for the other processes; a record loaded read-only, or locked by another process, can
be changed in memory but `SAVE RECORD` ignores it.
"""

from __future__ import annotations

from typing import Any

from ..errors import FourDError
from . import codec
from .catalog import Field, Table
from .errors import ERR_NO_RECORD, ERR_NO_TABLE
from .records import Record


class TableRef:
    """`[Table]` as a value: what table arguments and `->[Table]` designate."""

    is_4d_object = False
    __slots__ = ("table",)

    def __init__(self, table: Table):
        self.table = table

    def __repr__(self) -> str:
        return f"[{self.table.name}]"


class FieldRef:
    """`[Table]Field` given to a command that needs the field itself (QUERY, ORDER BY...)."""

    __slots__ = ("table", "field")

    def __init__(self, table: Table, field: Field):
        self.table = table
        self.field = field

    def __repr__(self) -> str:
        return f"[{self.table.name}]{self.field.name}"


class TableState:
    """One table in one process."""

    __slots__ = ("table", "selection", "pos", "record", "read_only", "pending_query", "pending_order")

    def __init__(self, table: Table):
        self.table = table
        self.selection: list[int] = []
        self.pos = -1  # index of the current record in the selection; -1 before, len after
        self.record: Record | None = None
        self.read_only = False
        self.pending_query: list[Any] = []
        self.pending_order: list[Any] = []


class SetData:
    """A set: an unordered group of records of one table, and the remembered current record."""

    __slots__ = ("table", "recs", "current")

    def __init__(self, table: Table, recs: set[int], current: int = -1):
        self.table = table
        self.recs = recs
        self.current = current


class ProcState:
    """Everything database-related that belongs to one process."""

    def __init__(self, proc: Any, store: Any):
        self.proc = proc
        self.store = store
        self.tables: dict[str, TableState] = {}
        self.sets: dict[str, SetData] = {}
        self.named: dict[str, tuple[Table, list[int], int]] = {}
        self.default_table: Table | None = None
        self.query_dest: tuple[int, Any, Any] = (0, None, None)
        self.trigger_events: list[int] = []
        self.pending_s2a: list[Any] = []
        self.pending_a2s: list[Any] = []
        self.query_and_lock = False
        self.query_limit = 0
        self.auto_relations = (False, False)  # SET AUTOMATIC RELATIONS (read by GET AUTOMATIC RELATIONS)
        self.field_relations: dict[str, tuple[int, int]] = {}  # SET FIELD RELATION, by source field uuid
        self.pushed: dict[str, list[Record]] = {}

    def table(self, t: Table) -> TableState:
        ts = self.tables.get(t.uuid)
        if ts is None:
            ts = TableState(t)
            self.tables[t.uuid] = ts
        return ts

    # ---------------------------------------------------------------- sets and named selections
    def set_store(self, name: str) -> dict[str, SetData]:
        return self.store.interprocess_sets if name.startswith(("<>", "◊")) else self.sets

    def named_store(self, name: str) -> dict[str, Any]:
        return self.store.interprocess_named if name.startswith(("<>", "◊")) else self.named


def state_of(proc: Any, store: Any) -> ProcState:
    """The database state of a process (kept by the store, dropped when the process ends)."""
    states = store.proc_states
    st = states.get(id(proc))
    if st is None or st.proc is not proc:
        st = ProcState(proc, store)
        states[id(proc)] = st
    return st


# ------------------------------------------------------------------ current record


def unload(st: ProcState, ts: TableState) -> None:
    """The current record leaves memory: its lock is freed (kept until the end of a transaction)."""
    r = ts.record
    ts.record = None
    if r is None or not r.locked_by_me:
        return
    eng = st.store.need_engine()
    key = (r.table.uuid, r.rec)
    c = eng.conns.get(id(st.proc))
    if c is not None and c.proc is st.proc and c.depth > 0:
        c.locks_in_tx.append(key)  # locks taken in a transaction last until it ends
        return
    eng.locks.release(key, st.proc)
    r.locked_by_me = False


def load(st: ProcState, ts: TableState, rec: int) -> Record | None:
    """Load a record as the current record (locking it when the table is read/write)."""
    eng = st.store.need_engine()
    row = eng.fetch_one(st.proc, ts.table, rec)
    if row is None:
        return None
    r = Record(ts.table, rec, row[0], _classic_values(ts.table, row[1]))
    if ts.read_only:
        r.read_only = True
    else:
        if eng.locks.acquire((ts.table.uuid, rec), st.proc, "record"):
            r.locked_by_me = True
        else:
            r.read_only = True
    ts.record = r
    return r


def _classic_values(t: Table, values: list[Any]) -> list[Any]:
    """Field values as the classic language sees them: Null reads as the blank value (Object stays Null)."""
    return values


def goto_pos(st: ProcState, ts: TableState, pos: int) -> None:
    """Make the record at `pos` of the selection current (loaded); outside the selection, none."""
    if ts.record is not None and not (0 <= pos < len(ts.selection) and ts.record.rec == ts.selection[pos]):
        unload(st, ts)
    ts.pos = pos
    if 0 <= pos < len(ts.selection):
        if ts.record is None:
            load(st, ts, ts.selection[pos])


def set_selection(st: ProcState, ts: TableState, recs: list[int], load_first: bool = True) -> None:
    """A new current selection; its first record becomes the current record."""
    unload(st, ts)
    ts.selection = recs
    ts.pos = 0 if recs else -1
    if recs and load_first:
        load(st, ts, recs[0])


def current(st: ProcState, ts: TableState) -> Record | None:
    return ts.record


def field_value(st: ProcState, t: Table, f: Field) -> Any:
    """`[Table]Field` read: the field of the current record; the blank value when there is none or it is Null."""
    ts = st.table(t)
    r = ts.record
    if r is None:
        return codec.blank(f.kind)
    v = r.values[f.index]
    if v is None:
        return codec.blank(f.kind)
    return v


def set_field(st: ProcState, t: Table, f: Field, v: Any) -> None:
    """`[Table]Field:=v`: the current record changes in memory; SAVE RECORD writes it."""
    ts = st.table(t)
    r = ts.record
    if r is None:
        raise FourDError(ERR_NO_RECORD, f"There is no current record in [{t.name}]: {f.name} cannot be assigned")
    r.set(f.index, codec.to_field(f, v))


def new_record(st: ProcState, t: Table) -> Record:
    """CREATE RECORD: a new record with the blank value in every field (Object: Null)."""
    ts = st.table(t)
    unload(st, ts)
    r = Record(t)
    for f in t.fields:
        r.values[f.index] = codec.blank(f.kind)
    r.old = list(r.values)
    r.modified = True
    ts.record = r
    return r


def need_table(st: ProcState, t: Any) -> Table:
    if t is None:
        if st.default_table is None:
            raise FourDError(ERR_NO_TABLE, "No table given and no default table set (DEFAULT TABLE)")
        return st.default_table
    return t
