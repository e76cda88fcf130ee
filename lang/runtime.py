"""The session runtime: sessions, Storage, processes, interprocess variables, output.

One Runtime per run (CLI), per REPL or per notebook kernel.
"""

from __future__ import annotations

import itertools
import os
import secrets
import sys
import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable, TextIO

from .values import UNDEFINED, Obj, SharedGroup, set_current_process

_UUID_SOURCE: Callable[[], str] = lambda: secrets.token_hex(16).upper()  # noqa: E731


def new_uuid() -> str:
    """32 uppercase hex digits from a secure random source (4D's session UUID form)."""
    return _UUID_SOURCE()


def make_storage_object() -> Obj:
    """A shared object that never forms a group with its contents (Storage, session storage)."""
    o = Obj()
    o.group = SharedGroup(is_storage=True)
    return o


class Session:
    """A 4D session: UUID, shared `storage`, user name, creation time."""

    def __init__(self, runtime: Runtime, user_name: str = "designer", kind: str = "standalone"):
        self.runtime = runtime
        self.id = new_uuid()
        self.storage = make_storage_object()
        self.user_name = user_name
        self.kind = kind
        self.created = datetime.now(timezone.utc)

    def info(self) -> Obj:
        o = Obj()
        o.update(
            {
                "type": self.kind,
                "userName": self.user_name,
                "machineName": os.uname().nodename if hasattr(os, "uname") else "localhost",
                "systemUserName": os.environ.get("USER", ""),
                "IPAddress": "localhost",
                "hostType": "mac" if sys.platform == "darwin" else "windows" if os.name == "nt" else "linux",
                "creationDateTime": self.created.strftime("%Y-%m-%dT%H:%M:%S.") + f"{self.created.microsecond // 1000:03d}Z",
                "state": "active",
                "ID": self.id,
                "persistentID": "",
            }
        )
        return o


class Process:
    """A 4D process: its own process variables, error handler, error stack."""

    def __init__(self, runtime: Runtime, number: int, name: str, session: Session):
        self.runtime = runtime
        self.number = number
        self.name = name
        self.session = session
        self.vars: dict[str, Any] = {"ok": 1, "error": 0, "error method": "", "error line": 0, "error formula": "", "document": ""}
        self.var_types: dict[str, str] = {}
        self.err_handler: str = ""
        self.handler_depth = 0
        self.try_depth = 0
        self.last_errors: list[Any] | None = None
        self.in_handler = False
        self.depth = 0
        self.state = 0
        self.thread: threading.Thread | None = None
        self.unique_id = number
        self.created = datetime.now(timezone.utc)
        self.started = time.perf_counter()
        self.stop_requested = False
        self.singletons: dict[Any, Any] = {}
        self.is_worker = False
        self.type = -1 if number == 1 else 4
        self.deferred: list[Any] = []

    def __repr__(self) -> str:
        return f"<Process {self.number} {self.name!r}>"


class Runtime:
    """Everything one run shares: registry, project, sessions, Storage, processes, output."""

    def __init__(self, project: Any = None, stdout: TextIO | None = None, stderr: TextIO | None = None):
        from .project import Project

        self.project = project if project is not None else Project([])
        self.stdout = stdout
        self.stderr = stderr
        self.out_lock = threading.Lock()
        self.output_closed = False
        self.storage = make_storage_object()
        self.interprocess: dict[str, Any] = {}
        self.interprocess_types: dict[str, str] = {}
        self.sessions: dict[str, Session] = {}
        self.default_session = Session(self)
        self.sessions[self.default_session.id] = self.default_session
        self.processes: dict[int, Process] = {}
        self._numbers = itertools.count(1)
        self.proc_lock = threading.RLock()
        self.user_param = ""
        self.started = datetime.now(timezone.utc)
        self.interrupted = False
        self.extensions: dict[str, Any] = {}
        from .interpreter import Interpreter

        self.interp = Interpreter(self)
        self.main = self.new_process_record("Main", self.default_session)
        self.main.type = -1
        self.main.is_worker = True

    # ---------------------------------------------------------------- output
    def write(self, text: str, err: bool = False) -> None:
        """Write text to stdout (or stderr) as one piece: lines of processes never interleave."""
        stream = (self.stderr or sys.stderr) if err else (self.stdout or sys.stdout)
        with self.out_lock:
            if self.output_closed:
                return
            try:
                stream.write(text)
                stream.flush()
            except (BrokenPipeError, ValueError):
                self.output_closed = True  # the reader went away (e.g. `| head`): stop writing

    # ---------------------------------------------------------------- processes
    def new_process_record(self, name: str, session: Session) -> Process:
        with self.proc_lock:
            number = next(self._numbers)
            proc = Process(self, number, name, session)
            self.processes[number] = proc
        return proc

    def bind_thread(self, proc: Process) -> None:
        set_current_process(proc)

    def new_session(self, user_name: str = "") -> Session:
        s = Session(self, user_name or "designer")
        self.sessions[s.id] = s
        return s

    def wait_all(self) -> None:
        """Return when every process started by the run has ended (hook for the process runtime)."""
        waiter = self.extensions.get("wait_all")
        if waiter is not None:
            waiter(self)


def undefined() -> Any:
    return UNDEFINED
