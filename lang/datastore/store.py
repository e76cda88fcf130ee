"""The runtime's datastore: schema, engine, and the record operations both APIs share
(saving with stamps, locks, automatic values and triggers; deleting with relation integrity).
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from ..errors import ERR_NOT_SUPPORTED, FourDError
from ..values import UNDEFINED
from . import DEFAULTS, codec
from .backends import PostgresBackend, SQLiteBackend
from .catalog import Field, Schema, Table, catalog_path, empty_schema, load_catalog
from .engine import Conn, Engine
from .errors import ERR_DATA, ERR_NO_TABLE, ERR_NULL_REFUSED, ERR_RELATED_RECORDS, ERR_TRIGGER
from .records import Record

# Result of a save or a drop (ORDA status codes, EntityClass.md)
OK = 0
STATUS_STAMP = 2
STATUS_LOCKED = 3
STATUS_SERIOUS = 4
STATUS_GONE = 5


class SaveResult:
    __slots__ = ("status", "error", "locker")

    def __init__(self, status: int = OK, error: FourDError | None = None, locker: Any = None):
        self.status = status
        self.error = error
        self.locker = locker


def _project_name(root: Path) -> str:
    proj = root / "Project"
    try:
        found = sorted(p.stem for p in proj.glob("*.4DProject"))
    except OSError:
        found = []
    return found[0] if found else root.name or "data"


def data_location(runtime: Any) -> str:
    """Where the data lives: --data, MINI4D_DATA, else Data/<project>.sqlite beside Project/."""
    ext = runtime.extensions
    loc = ext.get("data") or DEFAULTS.get("data") or os.environ.get("MINI4D_DATA", "")
    if loc:
        return loc
    if ext.get("seed") or DEFAULTS.get("seed"):
        return ":memory:"  # seeding without --data: a fresh database for this run
    root = getattr(runtime.project, "root", None)
    if root is None:
        return ":memory:"
    return str(Path(root) / "Data" / (_project_name(Path(root)) + ".sqlite"))


def make_backend(loc: str) -> Any:
    if loc.startswith(("postgresql://", "postgres://")) or loc.startswith("host=") or loc.startswith("dbname="):
        return PostgresBackend(loc)
    if loc == ":memory:":
        import atexit

        folder = tempfile.mkdtemp(prefix="mini4d-data-")
        backend = SQLiteBackend(os.path.join(folder, "memory.sqlite"), temporary=True)
        atexit.register(backend.close)  # the temporary file goes away with the run
        return backend
    path = Path(loc)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FourDError(ERR_DATA, f"Cannot create the folder of the data file {loc}: {exc.strerror}") from None
    return SQLiteBackend(str(path))


def open_store(runtime: Any) -> DataStore:
    root = getattr(runtime.project, "root", None)
    cpath = catalog_path(root)
    schema = load_catalog(cpath) if cpath is not None else empty_schema()
    store = DataStore(runtime, schema)
    if schema.tables:
        loc = data_location(runtime)
        store.engine = Engine(schema, make_backend(loc), runtime)
        store.engine.hooks = store
        store.location = loc
        for w in schema.warnings:
            runtime.write(f"mini4d: catalog: {w}\n", err=True)
    hooks = getattr(runtime, "end_hooks", None)
    if hooks is not None:
        hooks.append(store.end_process)
    return store


class DataStore:
    """Everything the database part of a runtime shares."""

    def __init__(self, runtime: Any, schema: Schema):
        self.runtime = runtime
        self.schema = schema
        self.engine: Engine | None = None
        self.location = ""
        self._triggers: dict[int, Any] = {}
        self.lock = threading.RLock()
        self.ds: Any = None  # the `ds` object (orda.py)
        self.ready = False  # opened and seeded (get_store)
        self.interprocess_sets: dict[str, Any] = {}
        self.interprocess_named: dict[str, Any] = {}
        self.proc_states: dict[int, Any] = {}  # id(process) -> classic.ProcState

    # ---------------------------------------------------------------- lookups
    def need_engine(self) -> Engine:
        if self.engine is None:
            raise FourDError(
                ERR_NO_TABLE, "This project has no tables: it has no catalog (Project/Sources/catalog.4DCatalog)"
            )
        return self.engine

    def table(self, name: str) -> Table:
        t = self.schema.table_named(name)
        if t is None:
            raise FourDError(ERR_NO_TABLE, f'Unknown table "{name}"' + self._hint())
        self.need_engine()
        return t

    def table_number(self, n: int) -> Table:
        t = self.schema.by_number.get(n)
        if t is None:
            raise FourDError(ERR_NO_TABLE, f"No table has the number {n}" + self._hint())
        self.need_engine()
        return t

    def _hint(self) -> str:
        if not self.schema.tables:
            return " (this project has no catalog)"
        return ""

    def end_process(self, proc: Any) -> None:
        st = self.proc_states.get(id(proc))
        if st is not None and st.proc is proc:
            del self.proc_states[id(proc)]  # process sets and named selections die with it
        if self.engine is not None:
            self.engine.end_process(proc)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()

    # ---------------------------------------------------------------- automatic values
    def fill_auto(self, proc: Any, r: Record) -> None:
        """Autoincrement and auto-UUID values of a new record, for the fields still empty."""
        eng = self.need_engine()
        for f in r.table.fields:
            v = r.values[f.index]
            if f.autosequence and (v is None or v == 0):
                r.values[f.index] = float(eng.next_sequence(proc, r.table))
            elif f.autogenerate and f.is_uuid and not v:
                r.values[f.index] = os.urandom(16).hex().upper()

    # ---------------------------------------------------------------- saving
    def save(
        self,
        proc: Any,
        r: Record,
        expected_stamp: int | None = None,
        fire_trigger: bool = True,
        fields: list[int] | None = None,
    ) -> SaveResult:
        """Save a record: new ones are inserted, existing ones get their touched fields written.

        `expected_stamp` (ORDA optimistic locking): the save fails with status 2 when the stored
        stamp changed since the entity was loaded. A record locked by another process is not saved
        (status 3). Automatic values, the trigger and the write happen in one database write.
        """
        eng = self.need_engine()
        out: list[SaveResult] = []
        try:
            eng.write(proc, lambda c: out.append(self._save(proc, r, expected_stamp, fire_trigger, fields)))
        except FourDError as err:
            return SaveResult(STATUS_SERIOUS, err)
        return out[0]

    def _save(
        self, proc: Any, r: Record, expected_stamp: int | None, fire_trigger: bool, fields: list[int] | None
    ) -> SaveResult:
        eng = self.need_engine()
        t = r.table
        if not r.is_new:
            owner = eng.locks.owner((t.uuid, r.rec))
            if owner is not None and owner is not proc:
                return SaveResult(STATUS_LOCKED, locker=owner)
        explicit = 0
        if r.is_new:
            for f in t.fields:
                v = r.values[f.index]
                if f.autosequence and v:
                    explicit = max(explicit, int(v) + 1)
            self.fill_auto(proc, r)
        for f in t.fields:
            v = r.values[f.index]
            if v is None and f.never_null:
                r.values[f.index] = codec.blank(f.kind)
            elif v is None and f.not_null and (r.is_new or f.index in r.touched):
                return SaveResult(
                    STATUS_SERIOUS,
                    FourDError(ERR_NULL_REFUSED, f'The field "{t.name}.{f.name}" does not accept Null values'),
                )
        if fire_trigger:
            event = 1 if r.is_new else 2
            if (t.trigger_insert if r.is_new else t.trigger_update) and self.has_trigger(t):
                code = self.run_trigger(proc, t, event, r)
                if code != 0:
                    return SaveResult(
                        STATUS_SERIOUS,
                        FourDError(int(code), f"The trigger of table {t.name} refused the save ({code})"),
                    )
        if r.is_new:

            def ins(c: Conn) -> int:
                if explicit:
                    eng.bump_sequence(c, t, explicit)
                return eng.insert(c, t, r.values)

            try:
                rec = eng.write(proc, ins)
            except FourDError as err:
                return SaveResult(STATUS_SERIOUS, err)
            r.rec = rec
            r.stamp = 1
            r.is_new = False
        else:
            idx = sorted(r.touched) if fields is None else fields
            flds = [t.fields[i] for i in idx]

            def upd(c: Conn) -> int:
                if expected_stamp is not None:
                    row = eng.execute(c, f"SELECT __stamp FROM {t.sql} WHERE __rec = ?", (r.rec,)).fetchone()
                    if row is None:
                        return -1
                    if int(row[0]) != expected_stamp:
                        return -2
                if not flds:
                    cur = eng.execute(c, f"UPDATE {t.sql} SET __stamp = __stamp + 1 WHERE __rec = ?", (r.rec,))
                    if cur.rowcount == 0:
                        return -1
                    return int(eng.execute(c, f"SELECT __stamp FROM {t.sql} WHERE __rec = ?", (r.rec,)).fetchone()[0])
                return eng.update(c, t, r.rec, flds, r.values)

            try:
                stamp = eng.write(proc, upd)
            except FourDError as err:
                return SaveResult(STATUS_SERIOUS, err)
            if stamp == -1:
                return SaveResult(STATUS_GONE)
            if stamp == -2:
                return SaveResult(STATUS_STAMP)
            r.stamp = stamp
        r.old = list(r.values)
        r.touched = set()
        r.modified = False
        return SaveResult()

    # ---------------------------------------------------------------- deleting
    def delete(
        self, proc: Any, t: Table, rec: int, fire_trigger: bool = True, record: Record | None = None
    ) -> SaveResult:
        """Delete a record, applying the integrity rules of the relations that point to it."""
        eng = self.need_engine()
        owner = eng.locks.owner((t.uuid, rec))
        if owner is not None and owner is not proc:
            return SaveResult(STATUS_LOCKED, locker=owner)
        cur = eng.fetch_one(proc, t, rec)
        if cur is None:
            return SaveResult(STATUS_GONE)
        stamp, values = cur
        for rel in t.one_to_many:
            if rel.integrity not in ("reject", "delete"):
                continue
            key = values[rel.dest.index]
            if key is None:
                continue
            src_t = rel.source.table
            assert src_t is not None
            related = eng.keys_to_recs(proc, src_t, rel.source, [key])
            if not related:
                continue
            if rel.integrity == "reject":
                return SaveResult(
                    STATUS_SERIOUS,
                    FourDError(ERR_RELATED_RECORDS, f"Other records are related to this record ({src_t.name})"),
                )
        if fire_trigger and t.trigger_delete and self.has_trigger(t):
            r = record if record is not None else Record(t, rec, stamp, values)
            code = self.run_trigger(proc, t, 3, r)
            if code != 0:
                return SaveResult(
                    STATUS_SERIOUS,
                    FourDError(int(code), f"The trigger of table {t.name} refused the deletion ({code})"),
                )

        def remove(c: Conn) -> bool:
            for rel in t.one_to_many:
                if rel.integrity != "delete":
                    continue
                key = values[rel.dest.index]
                src_t = rel.source.table
                if key is None or src_t is None:
                    continue
                for child in eng.keys_to_recs(proc, src_t, rel.source, [key]):
                    res = self.delete(proc, src_t, child)
                    if res.status not in (OK, STATUS_GONE):
                        raise res.error or FourDError(
                            -9986, f"Related records of {src_t.name} are locked: the deletion is cancelled"
                        )
            return eng.delete(c, t, rec)

        try:
            done = eng.write(proc, remove)
        except FourDError as err:
            return SaveResult(STATUS_SERIOUS, err)
        return SaveResult() if done else SaveResult(STATUS_GONE)

    # ---------------------------------------------------------------- triggers
    def has_trigger(self, t: Table) -> bool:
        return self.trigger_code(t) is not None

    def trigger_code(self, t: Table) -> Any:
        if t.number in self._triggers:
            return self._triggers[t.number]
        code = None
        root = getattr(self.runtime.project, "root", None)
        if root is not None:
            path = Path(root) / "Project" / "Sources" / "Triggers" / f"table_{t.number}.4dm"
            if path.is_file():
                from ..cache import parse_cached
                from ..project import load_file

                mt = load_file(path, f"Trigger on {t.name}")
                code = self.runtime.interp.compile_unit(mt.name, parse_cached(mt.source), mt.source)
        self._triggers[t.number] = code
        return code

    def run_trigger(self, proc: Any, t: Table, event: int, r: Record) -> int:
        """Run the table's trigger with `r` as the current record of the process; its result code."""
        from .classic import state_of

        code = self.trigger_code(t)
        st = state_of(proc, self)
        ts = st.table(t)
        saved = ts.record
        ts.record = r
        st.trigger_events.append(event)
        try:
            result = self.runtime.interp.invoke(code, [], None, None, process=proc)
        except FourDError as err:
            raise FourDError(err.code, err.message, err.span) from None
        finally:
            st.trigger_events.pop()
            ts.record = saved
        if result is None or result is UNDEFINED:
            return 0
        if type(result) in (float, int):
            return int(result)
        raise FourDError(ERR_TRIGGER, f"The trigger of table {t.name} returned a {type(result).__name__}, not a number")

    # ---------------------------------------------------------------- seeding
    def seed_file(self, path: str) -> None:
        """Load `{"Table": [{...}, ...]}` with fromCollection rules, tables in relation order."""
        from ..jsonfmt import parse

        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise FourDError(ERR_DATA, f"Cannot read the seed file {path}: {exc.strerror}") from None
        try:
            data = parse(text)
        except FourDError as err:
            raise FourDError(ERR_DATA, f"The seed file {path} is not valid JSON: {err.message}") from None
        if not isinstance(data, dict):
            raise FourDError(ERR_DATA, f'The seed file {path} must hold an object {{"Table": [ ... ]}}')
        self.seed(data)

    def seed(self, data: dict[str, Any]) -> None:
        from .orda import datastore_object, from_collection

        ds = datastore_object(self)
        names = list(data)
        order = _relation_order(self.schema, names)
        proc = self.runtime.main
        for name in order:
            t = self.schema.table_named(name)
            if t is None:
                raise FourDError(ERR_NO_TABLE, f'The seed data names an unknown table "{name}"')
            items = data[name]
            if not isinstance(items, list):
                raise FourDError(ERR_DATA, f'The seed data of "{name}" must be a collection of objects')
            dc = ds.dataclass(t)
            from_collection(None, dc, items, None, proc=proc)


def _relation_order(schema: Schema, names: list[str]) -> list[str]:
    """Table names with the 1 side of each relation before its N side."""
    deps: dict[str, set[str]] = {n: set() for n in names}
    low = {n.lower(): n for n in names}
    for rel in schema.relations:
        src = rel.source.table.name.lower() if rel.source.table else ""
        dst = rel.dest.table.name.lower() if rel.dest.table else ""
        if src in low and dst in low and src != dst:
            deps[low[src]].add(low[dst])
    out: list[str] = []
    seen: set[str] = set()

    def visit(n: str, stack: set[str]) -> None:
        if n in seen or n in stack:
            return
        stack.add(n)
        for d in sorted(deps[n]):
            visit(d, stack)
        stack.discard(n)
        seen.add(n)
        out.append(n)

    for n in names:
        visit(n, set())
    return out


def field_by_pointer_numbers(store: DataStore, tnum: int, fnum: int) -> tuple[Table, Field]:
    t = store.table_number(tnum)
    f = t.by_number.get(fnum)
    if f is None:
        raise FourDError(ERR_NO_TABLE, f"Table {t.name} has no field number {fnum}")
    return t, f


def not_supported(what: str) -> FourDError:
    return FourDError(ERR_NOT_SUPPORTED, f"{what} is not supported by mini4d")


def dumps(v: Any) -> str:
    return json.dumps(v)
