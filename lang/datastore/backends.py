"""Storage backends: SQLite (the default, embedded) and PostgreSQL (shared deployments).

Both speak the same small interface; SQL is written once with `?` placeholders and every
value travels as a bound parameter. Differences (column types, record-number allocation,
lists of record numbers, wildcard matching, sequences, transaction statements) live here.
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any

from ..errors import FourDError
from .catalog import Field
from .errors import ERR_DATA, ERR_DUPLICATE_KEY

CACHE_KIB = 32768  # 32 MB
BUSY_TIMEOUT_MS = 30000


class BackendError(Exception):
    """A backend failure already turned into the 4D error to raise."""


class Backend:
    """What the engine needs from a database."""

    name = ""
    savepoint_per_write = False  # PostgreSQL: a failed statement aborts the transaction

    def connect(self) -> Any:
        raise NotImplementedError

    def column_type(self, f: Field) -> str:
        raise NotImplementedError

    def translate(self, exc: BaseException) -> FourDError | None:
        raise NotImplementedError

    def sql(self, text: str) -> str:
        return text

    def in_list(self, expr: str) -> str:
        raise NotImplementedError

    def list_param(self, values: list[Any]) -> Any:
        raise NotImplementedError

    def wildcard(self, col: str) -> str:
        raise NotImplementedError

    def wildcard_param(self, parts: list[str]) -> str:
        raise NotImplementedError

    def close(self) -> None:
        pass


class SQLiteBackend(Backend):
    """An SQLite file: WAL journal, busy timeout, one connection per 4D process."""

    name = "sqlite"

    def __init__(self, path: str, temporary: bool = False):
        self.path = path
        self.temporary = temporary
        self._wal_done = False
        self._lock = threading.Lock()

    def connect(self) -> Any:
        import sqlite3

        try:
            conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,  # BEGIN/SAVEPOINT/COMMIT issued explicitly
                check_same_thread=False,  # a 4D process may move between threads (REPL); one user at a time
            )
        except sqlite3.Error as exc:
            raise FourDError(ERR_DATA, f"Cannot open the data file {self.path}: {exc}") from None
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        with self._lock:
            if not self._wal_done:
                try:
                    conn.execute("PRAGMA journal_mode=WAL")
                except sqlite3.Error as exc:
                    raise FourDError(ERR_DATA, f"Cannot open the data file {self.path}: {exc}") from None
                self._wal_done = True
        conn.execute("PRAGMA synchronous=NORMAL")
        # a page cache of up to CACHE_KIB per connection (SQLite's default is 2 MB): the tables and
        # indexes of a few hundred thousand records stay in memory (4D also keeps a large data cache)
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        return conn

    def column_type(self, f: Field) -> str:
        k = f.kind
        if k in ("bool", "int16", "int32", "int64", "date", "time"):
            return "INTEGER"
        if k == "real":
            return "REAL"
        if k in ("text", "object"):
            return "TEXT"
        return "BLOB"

    def translate(self, exc: BaseException) -> FourDError | None:
        import sqlite3

        if isinstance(exc, sqlite3.IntegrityError):
            msg = str(exc)
            if "UNIQUE" in msg:
                return FourDError(ERR_DUPLICATE_KEY, "Duplicated key: the value already exists in a unique field")
            return FourDError(ERR_DATA, f"The data file refused the change ({msg})")
        if isinstance(exc, sqlite3.OperationalError):
            msg = str(exc)
            if "locked" in msg or "busy" in msg:
                return FourDError(ERR_DATA, f"The data file is busy: another process kept it locked too long ({msg})")
            return FourDError(ERR_DATA, f"Data file error: {msg}")
        if isinstance(exc, sqlite3.Error):
            return FourDError(ERR_DATA, f"Data file error: {exc}")
        return None

    def in_list(self, expr: str) -> str:
        return f"{expr} IN (SELECT value FROM json_each(?))"

    def list_param(self, values: list[Any]) -> Any:
        return json.dumps(values)

    def wildcard(self, col: str) -> str:
        return f"{col} GLOB ?"

    def wildcard_param(self, parts: list[str]) -> str:
        # GLOB is case-sensitive and uses the index for a fixed prefix; its own special
        # characters in the searched text are put in brackets
        esc = [p.replace("[", "[[]").replace("*", "[*]").replace("?", "[?]") for p in parts]
        return "*".join(esc)

    def close(self) -> None:
        if self.temporary:
            for suffix in ("", "-wal", "-shm"):
                try:
                    os.unlink(self.path + suffix)
                except OSError:
                    pass
            try:
                os.rmdir(os.path.dirname(self.path))
            except OSError:
                pass


class PostgresBackend(Backend):
    """A PostgreSQL database (psycopg 3): one connection per 4D process, row-level locking."""

    name = "postgresql"
    savepoint_per_write = True

    def __init__(self, dsn: str):
        self.dsn = dsn
        self._cache: dict[str, str] = {}

    def connect(self) -> Any:
        try:
            import psycopg
        except ImportError:
            raise FourDError(ERR_DATA, "PostgreSQL data needs psycopg: pip install 'mini4d[postgres]'") from None
        try:
            conn = psycopg.connect(self.dsn, autocommit=True)
        except psycopg.Error as exc:
            raise FourDError(ERR_DATA, f"Cannot connect to PostgreSQL: {str(exc).strip()}") from None
        return conn

    def column_type(self, f: Field) -> str:
        k = f.kind
        if k == "bool":
            return "smallint"
        if k in ("int16", "int32", "int64", "date", "time"):
            return "bigint"
        if k == "real":
            return "double precision"
        if k == "text":
            return 'text COLLATE "C"'
        if k == "object":
            return "text"
        return "bytea"

    def translate(self, exc: BaseException) -> FourDError | None:
        try:
            import psycopg
        except ImportError:
            return None
        if isinstance(exc, psycopg.errors.UniqueViolation):
            return FourDError(ERR_DUPLICATE_KEY, "Duplicated key: the value already exists in a unique field")
        if isinstance(exc, psycopg.Error):
            return FourDError(ERR_DATA, f"PostgreSQL error: {str(exc).strip()}")
        return None

    def sql(self, text: str) -> str:
        out = self._cache.get(text)
        if out is None:
            out = text.replace("%", "%%").replace("?", "%s")
            self._cache[text] = out
        return out

    def in_list(self, expr: str) -> str:
        return f"{expr} = ANY(?)"

    def list_param(self, values: list[Any]) -> Any:
        return list(values)

    def wildcard(self, col: str) -> str:
        return f"{col} LIKE ? ESCAPE '!'"

    def wildcard_param(self, parts: list[str]) -> str:
        esc = [p.replace("!", "!!").replace("%", "!%").replace("_", "!_") for p in parts]
        return "%".join(esc)
