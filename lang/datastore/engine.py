"""The storage engine: the catalog's tables in SQL, one connection per 4D process, transactions,
record numbers, stamps, sequence numbers and the runtime-wide record lock table.

Physical schema (mini4d's choice): table `t_<table uuid>`, columns `f_<field uuid>` plus a folded
shadow `s_<field uuid>` per text field, hidden `__rec` (record number) and `__stamp`. A metadata
table maps uuids to names and types, so renaming a table or a field keeps its data; a table gone
from the catalog or a field whose type changed keeps its old table or column (never dropped).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from ..errors import FourDError
from . import codec
from .backends import Backend
from .catalog import Field, Schema, Table
from .errors import ERR_DATA, ERR_TRANSACTION

_INSERT_META = "INSERT INTO __m4d_schema (uuid, kind, tbl, number, name, code, col) VALUES (?, ?, ?, ?, ?, ?, ?)"


class Conn:
    """The connection of one 4D process, with its transaction depth."""

    __slots__ = ("raw", "depth", "proc", "cursor", "locks_in_tx", "closed", "writing", "outer", "seq_pending")

    def __init__(self, raw: Any, proc: Any):
        self.raw = raw
        self.depth = 0
        self.proc = proc
        self.cursor = raw.cursor()
        self.locks_in_tx: list[tuple[str, int]] = []
        self.closed = False
        self.writing = False  # inside Engine.write (nested writes join it)
        self.outer = False  # the outermost transaction level is a savepoint of a write (a trigger started it)
        # SQLite: table uuid -> next sequence number, read once while this connection holds the write
        # lock and written back just before its COMMIT (nobody else can change it meanwhile)
        self.seq_pending: dict[str, int] = {}


class LockTable:
    """Record locks of the runtime: (table uuid, record number) -> [process, count, kind]."""

    def __init__(self) -> None:
        self.locks: dict[tuple[str, int], list[Any]] = {}
        self.mutex = threading.Lock()

    def owner(self, key: tuple[str, int]) -> Any:
        e = self.locks.get(key)
        if e is None:
            return None
        if getattr(e[0], "ended", False):
            self.locks.pop(key, None)
            return None
        return e[0]

    def acquire(self, key: tuple[str, int], proc: Any, kind: str = "record") -> bool:
        with self.mutex:
            owner = self.owner(key)
            if owner is None:
                self.locks[key] = [proc, 1, kind]
                return True
            if owner is proc:
                self.locks[key][1] += 1
                return True
            return False

    def release(self, key: tuple[str, int], proc: Any, all_counts: bool = False) -> bool:
        """Release one count (or all) of the lock held by proc; False when it did not hold it."""
        with self.mutex:
            e = self.locks.get(key)
            if e is None or e[0] is not proc:
                return False
            e[1] -= 1
            if e[1] <= 0 or all_counts:
                del self.locks[key]
            return True

    def release_process(self, proc: Any) -> None:
        with self.mutex:
            for key in [k for k, e in self.locks.items() if e[0] is proc]:
                del self.locks[key]


class Engine:
    """One data file (or PostgreSQL database) for the catalog of a runtime."""

    def __init__(self, schema: Schema, backend: Backend, runtime: Any = None):
        self.schema = schema
        self.backend = backend
        self.runtime = runtime
        self.locks = LockTable()
        self.conns: dict[int, Conn] = {}
        self.conn_lock = threading.Lock()
        self.warnings: list[str] = list(schema.warnings)
        self.seq_floor: dict[str, int] = {}
        self.seq_lock = threading.Lock()
        self.write_count = 0  # bumped at every write (cache keys of entity selections)
        self._sql_cache: dict[Any, str] = {}
        self.opened = False
        self.hooks: Any = None  # the datastore layer: triggers, integrity (set by the DataStore)
        self.pg = backend.name == "postgresql"
        import weakref

        # entity selections of all() whose record numbers are not read yet: read before any write
        self.lazy: weakref.WeakSet[Any] = weakref.WeakSet()

    # ---------------------------------------------------------------- opening
    def open(self) -> None:
        """Create what the catalog needs and is missing; keep everything else."""
        if self.opened:
            return
        conn = self.backend.connect()
        try:
            self._sync(conn)
        finally:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - closing a connection that failed
                pass
        self.opened = True

    def _sync(self, raw: Any) -> None:
        b = self.backend
        pg = b.name == "postgresql"
        cur = raw.cursor()

        def ex(sql: str, params: tuple[Any, ...] = ()) -> Any:
            cur.execute(b.sql(sql), params)
            return cur

        if not pg:
            ex("BEGIN IMMEDIATE")
        try:
            ex(
                "CREATE TABLE IF NOT EXISTS __m4d_schema (uuid TEXT PRIMARY KEY, kind TEXT, tbl TEXT, "
                "number INTEGER, name TEXT, code INTEGER, col TEXT)"
            )
            ex("CREATE TABLE IF NOT EXISTS __m4d_seq (tbl TEXT PRIMARY KEY, next BIGINT)")
            known = {row[0]: row for row in ex("SELECT uuid, kind, tbl, number, name, code, col FROM __m4d_schema")}
            for t in self.schema.tables:
                if t.uuid not in known:
                    rec = (
                        "__rec BIGINT GENERATED BY DEFAULT AS IDENTITY (MINVALUE 0 START WITH 0) PRIMARY KEY"
                        if pg
                        else "__rec INTEGER PRIMARY KEY"
                    )
                    ex(f"CREATE TABLE IF NOT EXISTS {t.sql} ({rec}, __stamp BIGINT NOT NULL DEFAULT 0)")
                    ex(
                        _INSERT_META,
                        (t.uuid, "table", t.uuid, t.number, t.name, 0, t.sql),
                    )
                elif known[t.uuid][4] != t.name or known[t.uuid][3] != t.number:
                    ex("UPDATE __m4d_schema SET name = ?, number = ? WHERE uuid = ?", (t.name, t.number, t.uuid))
                for f in t.fields:
                    row = known.get(f.uuid)
                    if row is not None and row[5] == f.code:
                        f.col = row[6]
                        if row[4] != f.name or row[3] != f.number:
                            ex(
                                "UPDATE __m4d_schema SET name = ?, number = ? WHERE uuid = ?",
                                (f.name, f.number, f.uuid),
                            )
                        continue
                    if row is not None:
                        # the type changed: a new column, the old one kept with its data
                        self.warnings.append(
                            f'field "{t.name}.{f.name}" changed type ({row[5]} -> {f.code}): '
                            f"its old values stay in column {row[6]}, the field starts empty"
                        )
                        f.col = f"f_{f.uuid}_{f.code}"
                        ex("DELETE FROM __m4d_schema WHERE uuid = ?", (f.uuid,))
                    else:
                        f.col = "f_" + f.uuid
                    ex(f"ALTER TABLE {t.sql} ADD COLUMN {f.col} {b.column_type(f)}")
                    if f.is_text:
                        ex(f"ALTER TABLE {t.sql} ADD COLUMN {self.shadow(f)} {b.column_type(f)}")
                    ex(
                        _INSERT_META,
                        (f.uuid, "field", t.uuid, f.number, f.name, f.code, f.col),
                    )
                if pg:
                    ex(f"CREATE SEQUENCE IF NOT EXISTS q_{t.uuid} START WITH 1 MINVALUE 0")
            catalog_uuids = {t.uuid for t in self.schema.tables} | {
                f.uuid for t in self.schema.tables for f in t.fields
            }
            for uuid, row in known.items():
                if uuid not in catalog_uuids:
                    what = "table" if row[1] == "table" else "field"
                    self.warnings.append(f'{what} "{row[4]}" is no longer in the catalog: its data is kept')
            # indexes: primary keys, unique fields, the catalog's regular indexes (text on the shadow)
            for t in self.schema.tables:
                for f in t.fields:
                    if f.unique or (t.pk is f):
                        col = self.shadow(f) if f.is_text else f.col
                        kind = "UNIQUE INDEX"  # a primary key is unique too
                        ex(f"CREATE {kind} IF NOT EXISTS u_{f.uuid}_{f.code} ON {t.sql} ({col})")
            for idx in self.schema.indexes:
                if idx.kind != "regular" or not idx.fields:
                    continue
                t = idx.fields[0].table
                if t is None or any(f.table is not t for f in idx.fields):
                    continue
                cols = ", ".join(self.shadow(f) if f.is_text else f.col for f in idx.fields)
                ex(f"CREATE INDEX IF NOT EXISTS i_{idx.uuid} ON {t.sql} ({cols})")
            if not pg:
                ex("COMMIT")
        except BaseException as exc:
            if not pg:
                try:
                    cur.execute("ROLLBACK")
                except Exception:  # noqa: BLE001
                    pass
            err = self.backend.translate(exc)
            if err is not None:
                raise err from None
            raise

    @staticmethod
    def shadow(f: Field) -> str:
        return "s_" + f.column[2:]

    # ---------------------------------------------------------------- connections
    def conn(self, proc: Any) -> Conn:
        key = id(proc)
        c = self.conns.get(key)
        if c is not None and c.proc is proc and not c.closed:
            return c
        self.open()
        with self.conn_lock:
            c = self.conns.get(key)
            if c is None or c.proc is not proc or c.closed:
                c = Conn(self.backend.connect(), proc)
                self.conns[key] = c
        return c

    def end_process(self, proc: Any) -> None:
        """A process ended: its transaction is cancelled, its locks freed, its connection closed."""
        c = self.conns.pop(id(proc), None)
        if c is not None and c.proc is proc:
            try:
                c.seq_pending.clear()
                if c.depth:
                    c.raw.rollback() if self.backend.name == "postgresql" else c.cursor.execute("ROLLBACK")
            except Exception:  # noqa: BLE001 - the connection is going away
                pass
            c.depth = 0
            c.closed = True
            try:
                c.raw.close()
            except Exception:  # noqa: BLE001
                pass
        self.locks.release_process(proc)

    def close(self) -> None:
        for c in list(self.conns.values()):
            self.end_process(c.proc)
        self.backend.close()

    # ---------------------------------------------------------------- statements
    def execute(self, c: Conn, sql: str, params: Iterable[Any] = ()) -> Any:
        try:
            c.cursor.execute(self.backend.sql(sql), tuple(params))
        except FourDError:
            raise
        except Exception as exc:  # noqa: BLE001 - the backend's own errors become 4D errors
            err = self.backend.translate(exc)
            if err is None:
                raise
            raise err from None
        return c.cursor

    def query(self, proc: Any, sql: str, params: Iterable[Any] = ()) -> list[Any]:
        c = self.conn(proc)
        return self.execute(c, sql, params).fetchall()

    def write(self, proc: Any, fn: Any, c: Conn | None = None) -> Any:
        """Run fn(conn) as one atomic write: its own transaction, or a savepoint inside the process's.
        `c`: the process's connection when the caller has it already."""
        if self.lazy.data:  # (the weak references themselves: a cheap test, dead ones are skipped below)
            with self.conn_lock:
                pending = list(self.lazy)
                self.lazy.clear()
            for es in pending:
                es.materialize()  # what all() found stays what it found
        if c is None:
            c = self.conn(proc)
        pg = self.pg
        if c.depth == 0 and not c.writing:
            self.execute(c, "BEGIN" if pg else "BEGIN IMMEDIATE")
            c.writing = True
            try:
                r = fn(c)
            except BaseException:
                c.writing = False
                self._rollback(c)
                raise
            c.writing = False
            if c.seq_pending:
                self._flush_sequences(c)
            self.execute(c, "COMMIT")
            self.write_count += 1
            return r
        if pg:
            self.execute(c, "SAVEPOINT w")
            try:
                r = fn(c)
            except BaseException:
                self.execute(c, "ROLLBACK TO SAVEPOINT w")
                raise
            self.execute(c, "RELEASE SAVEPOINT w")
        else:
            r = fn(c)
        self.write_count += 1
        return r

    def _rollback(self, c: Conn) -> None:
        c.seq_pending.clear()
        try:
            c.cursor.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - nothing more to undo
            pass

    # ---------------------------------------------------------------- transactions
    def snapshot(self, proc: Any) -> Any:
        """What must not change for a query's WHERE clause to still select the same records (SQLite only)."""
        if self.backend.name != "sqlite":
            return None
        c = self.conn(proc)
        return (self.write_count, id(c), c.cursor.execute("PRAGMA data_version").fetchone()[0])

    def level(self, proc: Any) -> int:
        c = self.conns.get(id(proc))
        return c.depth if c is not None and c.proc is proc else 0

    def start(self, proc: Any) -> None:
        c = self.conn(proc)
        if c.depth == 0 and not c.writing:
            self.execute(c, "BEGIN" if self.backend.name == "postgresql" else "BEGIN IMMEDIATE")
        else:
            if c.depth == 0:
                c.outer = True
            self.execute(c, f"SAVEPOINT tx{c.depth}")
        c.depth += 1

    def validate(self, proc: Any) -> None:
        c = self.conn(proc)
        if c.depth == 0:
            raise FourDError(ERR_TRANSACTION, "VALIDATE TRANSACTION: no transaction is open in this process")
        c.depth -= 1
        if c.depth == 0 and not c.outer:
            if c.seq_pending:
                self._flush_sequences(c)
            self.execute(c, "COMMIT")
            self.write_count += 1
            self._end_tx_locks(c)
        else:
            self.execute(c, f"RELEASE SAVEPOINT tx{c.depth}")
            c.outer = c.outer and c.depth > 0

    def cancel(self, proc: Any) -> None:
        c = self.conn(proc)
        if c.depth == 0:
            raise FourDError(ERR_TRANSACTION, "CANCEL TRANSACTION: no transaction is open in this process")
        c.depth -= 1
        if c.depth == 0 and not c.outer:
            c.seq_pending.clear()
            self.execute(c, "ROLLBACK")
            self.write_count += 1
            self._end_tx_locks(c)
        else:
            self.execute(c, f"ROLLBACK TO SAVEPOINT tx{c.depth}")
            self.execute(c, f"RELEASE SAVEPOINT tx{c.depth}")
            c.outer = c.outer and c.depth > 0

    def _end_tx_locks(self, c: Conn) -> None:
        """Locks kept because of the transaction end with it (UNLOAD RECORD inside one keeps them)."""
        for key in c.locks_in_tx:
            self.locks.release(key, c.proc, all_counts=True)
        c.locks_in_tx.clear()

    # ---------------------------------------------------------------- sequence numbers
    def next_sequence(self, proc: Any, t: Table, c: Conn | None = None) -> int:
        """The table's next sequence number; never given back, even by a cancelled transaction."""
        if self.backend.name == "postgresql":
            return int(self.query(proc, f"SELECT nextval('q_{t.uuid}')")[0][0])
        if c is None:
            c = self.conn(proc)
        if c.writing or c.depth:
            return self._take(c, t, 1)  # the write lock is held: no transaction of its own
        return self.write(proc, lambda c: self._take(c, t, 1))

    def take_sequences(self, proc: Any, t: Table, n: int) -> int:
        """n consecutive sequence numbers (inside a write, SQLite); the first one."""
        return self._take(self.conn(proc), t, n)

    def _take(self, c: Conn, t: Table, n: int) -> int:
        """n numbers, inside a write (SQLite). The stored counter is read once per hold of the write
        lock; the numbers given are kept in memory (`seq_floor`, so a cancelled transaction never
        gives them back to this runtime) and written back by `_flush_sequences` before the COMMIT."""
        nxt = c.seq_pending.get(t.uuid)
        if nxt is None:
            row = self.execute(c, "SELECT next FROM __m4d_seq WHERE tbl = ?", (t.uuid,)).fetchone()
            nxt = int(row[0]) if row else 1
        with self.seq_lock:
            start = max(nxt, self.seq_floor.get(t.uuid, 1))
            self.seq_floor[t.uuid] = start + n
        c.seq_pending[t.uuid] = start + n
        return start

    def _flush_sequences(self, c: Conn) -> None:
        """Write the counters taken while holding the write lock (just before the COMMIT)."""
        for tbl, nxt in c.seq_pending.items():
            self.execute(
                c,
                "INSERT INTO __m4d_seq (tbl, next) VALUES (?, ?) "
                "ON CONFLICT (tbl) DO UPDATE SET next = MAX(next, excluded.next)",
                (tbl, nxt),
            )
        c.seq_pending.clear()

    def bump_sequence(self, c: Conn, t: Table, at_least: int) -> None:
        """After an explicit value in an autoincrement field: later numbers come after it (inside a write)."""
        if self.backend.name == "postgresql":
            self.execute(
                c,
                f"SELECT setval('q_{t.uuid}', GREATEST(?, (SELECT CASE WHEN is_called THEN last_value + 1 "
                f"ELSE last_value END FROM q_{t.uuid})), false)",
                (at_least,),
            )
            return
        with self.seq_lock:
            if self.seq_floor.get(t.uuid, 1) < at_least:
                self.seq_floor[t.uuid] = at_least
        row = self.execute(c, "SELECT next FROM __m4d_seq WHERE tbl = ?", (t.uuid,)).fetchone()
        if row is None:
            self.execute(c, "INSERT INTO __m4d_seq (tbl, next) VALUES (?, ?)", (t.uuid, at_least))
        elif int(row[0]) < at_least:
            self.execute(c, "UPDATE __m4d_seq SET next = ? WHERE tbl = ?", (at_least, t.uuid))

    def peek_sequence(self, proc: Any, t: Table) -> int:
        if self.backend.name == "postgresql":
            row = self.query(proc, f"SELECT last_value, is_called FROM q_{t.uuid}")[0]
            return int(row[0]) + (1 if row[1] else 0)
        row = self.query(proc, "SELECT next FROM __m4d_seq WHERE tbl = ?", (t.uuid,))
        return max(int(row[0][0]) if row else 1, self.seq_floor.get(t.uuid, 1))

    # ---------------------------------------------------------------- rows
    def select_cols(self, t: Table) -> str:
        key = ("cols", t.uuid)
        s = self._sql_cache.get(key)
        if s is None:
            s = ", ".join(["__rec", "__stamp"] + [f.column for f in t.fields])
            self._sql_cache[key] = s
        return s

    def decode_row(self, t: Table, row: Any) -> list[Any]:
        """Field values of a fetched row (after __rec and __stamp)."""
        decs = self._decoders(t)
        out = list(row[2:])
        for i, d in decs:
            out[i] = d(out[i])
        return out

    def _decoders(self, t: Table) -> list[tuple[int, Any]]:
        key = ("dec", t.uuid)
        d = self._sql_cache.get(key)
        if d is None:
            d = [(f.index, dec) for f in t.fields if (dec := codec.decoder(f)) is not None]
            self._sql_cache[key] = d  # type: ignore[assignment]
        return d  # type: ignore[return-value]

    def fetch(self, proc: Any, t: Table, recs: list[int]) -> dict[int, tuple[int, list[Any]]]:
        """rec -> (stamp, values) for the records that exist."""
        out: dict[int, tuple[int, list[Any]]] = {}
        if not recs:
            return out
        cols = self.select_cols(t)
        if len(recs) == 1:
            rows = self.query(proc, f"SELECT {cols} FROM {t.sql} WHERE __rec = ?", (recs[0],))
        else:
            rows = self.query(
                proc,
                f"SELECT {cols} FROM {t.sql} WHERE {self.backend.in_list('__rec')}",
                (self.backend.list_param(recs),),
            )
        for row in rows:
            out[int(row[0])] = (int(row[1]), self.decode_row(t, row))
        return out

    def fetch_one(self, proc: Any, t: Table, rec: int) -> tuple[int, list[Any]] | None:
        return self.fetch(proc, t, [rec]).get(rec)

    def all_recs(self, proc: Any, t: Table) -> list[int]:
        return [int(r[0]) for r in self.query(proc, f"SELECT __rec FROM {t.sql} ORDER BY __rec")]

    def count(self, proc: Any, t: Table) -> int:
        return int(self.query(proc, f"SELECT COUNT(*) FROM {t.sql}")[0][0])

    def exists(self, proc: Any, t: Table, rec: int) -> bool:
        return bool(self.query(proc, f"SELECT 1 FROM {t.sql} WHERE __rec = ?", (rec,)))

    def stamp_of(self, proc: Any, t: Table, rec: int) -> int | None:
        rows = self.query(proc, f"SELECT __stamp FROM {t.sql} WHERE __rec = ?", (rec,))
        return int(rows[0][0]) if rows else None

    def _values_sql(self, t: Table, fields: list[Field], values: list[Any]) -> tuple[list[str], list[Any]]:
        cols: list[str] = []
        params: list[Any] = []
        for f in fields:
            v = values[f.index]
            ev = codec.encode(f, v)
            cols.append(f.column)
            params.append(ev)
            if f.is_text:
                cols.append(self.shadow(f))
                params.append(codec.shadow(ev))
        return cols, params

    def insert_plan(self, t: Table) -> tuple[str, list[tuple[int, Any, bool]]]:
        """The INSERT statement of a table and how each field value becomes its parameters."""
        key = ("insert", t.uuid)
        plan = self._sql_cache.get(key)
        if plan is None:
            cols: list[str] = []
            steps: list[tuple[int, Any, bool]] = []
            for f in t.fields:
                cols.append(f.column)
                if f.is_text:
                    cols.append(self.shadow(f))
                steps.append((f.index, codec.encoder(f), f.is_text))
            marks = "".join(", ?" for _ in cols)
            names = "".join(", " + c for c in cols)
            if self.backend.name == "postgresql":
                sql = f"INSERT INTO {t.sql} (__stamp{names}) VALUES (1{marks}) RETURNING __rec"
            else:
                sql = (
                    f"INSERT INTO {t.sql} (__rec, __stamp{names}) VALUES "
                    f"((SELECT COALESCE(MAX(__rec) + 1, 0) FROM {t.sql}), 1{marks})"
                )
            plan = (self.backend.sql(sql), steps)
            self._sql_cache[key] = plan  # type: ignore[assignment]
        return plan  # type: ignore[return-value]

    def insert_params(self, steps: list[tuple[int, Any, bool]], values: list[Any]) -> list[Any]:
        params: list[Any] = []
        fold = codec.shadow
        for i, enc, text in steps:
            v = values[i]
            if enc is not None and v is not None:
                v = enc(v)
            params.append(v)
            if text:
                params.append(fold(v))
        return params

    def insert(self, c: Conn, t: Table, values: list[Any]) -> int:
        """Insert a record (inside a write); returns its record number. The stamp starts at 1."""
        sql, steps = self.insert_plan(t)
        params = self.insert_params(steps, values)
        try:
            cur = c.cursor
            cur.execute(sql, params)
        except Exception as exc:  # noqa: BLE001 - the backend's own errors become 4D errors
            err = self.backend.translate(exc)
            if err is None:
                raise
            raise err from None
        if self.backend.name == "postgresql":
            return int(cur.fetchone()[0])
        return int(cur.lastrowid)

    def update(self, c: Conn, t: Table, rec: int, fields: list[Field], values: list[Any]) -> int:
        """Write fields of a record and bump its stamp (inside a write); returns the new stamp, or -1 if gone."""
        cols, params = self._values_sql(t, fields, values)
        sets = ", ".join([f"{col} = ?" for col in cols] + ["__stamp = __stamp + 1"])
        cur = self.execute(c, f"UPDATE {t.sql} SET {sets} WHERE __rec = ?", params + [rec])
        if cur.rowcount == 0:
            return -1
        row = self.execute(c, f"SELECT __stamp FROM {t.sql} WHERE __rec = ?", (rec,)).fetchone()
        return int(row[0]) if row else -1

    def delete(self, c: Conn, t: Table, rec: int) -> bool:
        cur = self.execute(c, f"DELETE FROM {t.sql} WHERE __rec = ?", (rec,))
        return cur.rowcount > 0

    def keys_to_recs(self, proc: Any, t: Table, f: Field, keys: list[Any]) -> list[int]:
        if not keys:
            return []
        rows = self.query(
            proc,
            f"SELECT __rec FROM {t.sql} WHERE {self.backend.in_list(f.column)} ORDER BY __rec",
            (self.backend.list_param([codec.encode(f, k) for k in keys]),),
        )
        return [int(r[0]) for r in rows]


def check_open(engine: Engine | None) -> Engine:
    if engine is None:
        raise FourDError(ERR_DATA, "This project has no data: it has no catalog (Project/Sources/catalog.4DCatalog)")
    return engine
