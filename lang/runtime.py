"""The session runtime: sessions, Storage, processes, workers, semaphores, output.

One Runtime per run (CLI), per REPL or per notebook kernel. mini4d behaves like a
4D Server with sessions: every run has a default standalone session, `New session`
(an extension) adds more, and every 4D process is a real Python thread.
"""

from __future__ import annotations

import collections
import itertools
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from .errors import ERR_INTERRUPTED, FourDError, format_error
from .values import IS_OBJECT, UNDEFINED, Coll, Obj, SharedGroup, set_current_process


# what secrets.token_hex does, without importing secrets (hashlib, hmac: start-up time)
def _UUID_SOURCE() -> str:  # noqa: N802 - a replaceable source, named as a constant
    return os.urandom(16).hex().upper()


# Process states (docs/commands-legacy/process-state.md).
DOES_NOT_EXIST = -100
ABORTED = -1
EXECUTING = 0
DELAYED = 1
WAITING_FOR_INTERNAL_FLAG = 4
PAUSED = 5

# Process types (docs/commands/process-info.md).
TYPE_MAIN = -1
TYPE_OTHER_USER = 4
TYPE_WORKER = 5
TYPE_WEB = -13  # Web server process

TICK = 1 / 60  # DELAY PROCESS and Semaphore count in ticks
POLL = 0.05  # seconds between checks of stop requests while a process waits
STARTED = time.monotonic()  # start-up, for `Milliseconds` and `Tickcount`


def escape_unencodable(text: str, encoding: str | None) -> str:
    """Text with the characters `encoding` cannot write as backslash escapes (lone surrogates, é in ASCII)."""
    enc = encoding or "utf-8"
    try:
        return text.encode(enc, "backslashreplace").decode(enc, "replace")
    except LookupError:
        return text.encode("ascii", "backslashreplace").decode("ascii")


def new_uuid() -> str:
    """32 uppercase hex digits from a secure random source (4D's session UUID form)."""
    return _UUID_SOURCE()


def iso_ms(timestamp: float) -> str:
    """ISO 8601 with milliseconds and Z, as 4D prints creation dates (of a `time.time()`)."""
    from datetime import datetime, timezone  # only when asked for (start-up time)

    dt = datetime.fromtimestamp(timestamp, timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def make_storage_object(strict: bool = False) -> Obj:
    """A shared object that never forms a group with its contents (Storage, session storage)."""
    o = Obj()
    o.group = SharedGroup(is_storage=True, strict=strict)
    return o


def copy_for_process(v: Any, memo: dict[int, Any] | None = None) -> Any:
    """A parameter as another process receives it: standard objects/collections deep-copied, shared ones as is."""
    t = type(v)
    if t is Obj:
        if v.group is not None:
            return v
        memo = {} if memo is None else memo
        if id(v) in memo:
            return memo[id(v)]
        o = Obj()
        memo[id(v)] = o
        for k, x in list(dict.items(v)):
            dict.__setitem__(o, k, copy_for_process(x, memo))
        return o
    if t is Coll:
        if v.group is not None:
            return v
        memo = {} if memo is None else memo
        if id(v) in memo:
            return memo[id(v)]
        c = Coll()
        memo[id(v)] = c
        for x in v:
            c.append(copy_for_process(x, memo))
        return c
    if isinstance(v, Obj) and v.group is None:
        copier = getattr(v, "copy_4d", None)
        if copier is not None:
            return copier()  # a standard class instance: copied, keeping its class
    return v


class Session:
    """A 4D session (4D.Session): UUID, shared `storage`, user name, creation time."""

    is_4d_object = True
    class_name = "Session"
    value_type_code = IS_OBJECT

    def __init__(self, runtime: Runtime, user_name: str = "designer", kind: str = "standalone"):
        self.runtime = runtime
        self.id = new_uuid()
        self.storage = make_storage_object()
        self.user_name = user_name
        self.kind = kind
        self.created = time.time()

    def __repr__(self) -> str:
        return f"<Session {self.id} {self.user_name!r}>"

    def info(self) -> Obj:
        """The `Session info` / `.info` object (computed at each call, as in 4D)."""
        o = Obj()
        o.update(
            {
                "type": self.kind,
                "userName": self.user_name,
                "machineName": os.uname().nodename if hasattr(os, "uname") else "localhost",
                "systemUserName": os.environ.get("USER", os.environ.get("USERNAME", "")),
                "IPAddress": "localhost",
                "hostType": "mac" if sys.platform == "darwin" else "windows" if os.name == "nt" else "linux",
                "creationDateTime": iso_ms(self.created),
                "state": "active",
                "ID": self.id,
                "persistentID": "",
            }
        )
        return o

    # 4D.Session members, with the documented results of a standalone session
    # (versioned_docs/version-21/API/SessionClass.md).
    def get_4d_property(self, name: str) -> Any:
        if name == "id":
            return self.id
        if name == "storage":
            return self.storage
        if name == "userName":
            return self.user_name
        if name == "info":
            return self.info()
        # expirationDate and idleTimeout exist only for web user sessions.
        return UNDEFINED

    def set_4d_property(self, name: str, value: Any) -> None:
        from .errors import ERR_READONLY

        if name == "idleTimeout":
            return  # web sessions only: nothing to change in a standalone session
        raise FourDError(ERR_READONLY, f'The property "{name}" of a session is read-only')

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        from .errors import ERR_NOT_A_FUNCTION

        if name == "setPrivileges":
            return False
        if name == "hasPrivilege":
            return True
        if name == "getPrivileges":
            return Coll(["WebAdmin"])
        if name == "clearPrivileges":
            return True
        if name == "isGuest":
            return False
        if name == "createOTP":
            return ""
        if name == "restore":
            return False
        if name == "promote":
            return 0.0
        if name == "demote":
            return UNDEFINED
        if name == "newProcess":  # mini4d extension: start a process in this session
            if len(args) < 2:
                from .errors import ERR_ARG_COUNT

                raise FourDError(ERR_ARG_COUNT, ".newProcess() needs a method and a process name", span)
            method, pname, *params = args
            return float(self.runtime.start_process(f, method, str(pname), params, session=self, span=span))
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a 4D.Session', span)

    def to_json(self) -> Any:
        o = Obj()
        o.update({"id": self.id, "userName": self.user_name})
        return o


WEB_MIN_IDLE = 60  # minutes: the default and the minimum of Session.idleTimeout (SessionClass.md)


class WebSession(Session):
    """A scalable web session (kind "web", or "rest" when a REST request opened it).

    Opened by the web server for a client without a valid session cookie; closed when the
    server stops or after `idleTimeout` minutes without a request. Privileges are names
    declared in roles.json (`runtime.extensions["web_roles"]`), expanded through roles and
    `includes`; a session is Guest until `setPrivileges()` is called.
    """

    def __init__(self, runtime: Runtime, kind: str = "web", ip: str = ""):
        super().__init__(runtime, user_name="", kind=kind)
        self.idle_timeout = WEB_MIN_IDLE
        self.last_access = time.time()
        self.privileges: list[str] = []
        self.guest = True
        self.ip = ip
        self.closed = False

    def __repr__(self) -> str:
        return f"<WebSession {self.id} {self.user_name!r}>"

    def touch(self) -> None:
        self.last_access = time.time()

    def expires_at(self) -> float:
        return self.last_access + self.idle_timeout * 60

    def expired(self, now: float | None = None) -> bool:
        return self.closed or (time.time() if now is None else now) >= self.expires_at()

    def info(self) -> Obj:
        o = super().info()
        o.update(
            {
                "machineName": "",
                "systemUserName": "",
                "IPAddress": self.ip,
                "hostType": "browser",
            }
        )
        return o

    def get_4d_property(self, name: str) -> Any:
        if name == "expirationDate":
            return iso_ms(self.expires_at())
        if name == "idleTimeout":
            return self.idle_timeout
        return super().get_4d_property(name)

    def set_4d_property(self, name: str, value: Any) -> None:
        if name == "idleTimeout":
            if type(value) not in (int, float) or type(value) is bool:
                from .errors import ERR_ARG_TYPE

                raise FourDError(ERR_ARG_TYPE, "idleTimeout must be a number of minutes")
            self.idle_timeout = max(WEB_MIN_IDLE, int(value))
            return
        super().set_4d_property(name, value)

    # privileges (versioned_docs/version-21/API/SessionClass.md)
    def _roles(self) -> Any:
        return self.runtime.extensions.get("web_roles")

    def set_privileges(self, arg: Any, span: Any = None) -> bool:
        from .errors import ERR_ARG_TYPE

        privs: list[str] = []
        roles: list[str] = []
        user: str | None = None

        def names(v: Any, what: str) -> list[str]:
            if type(v) is str:
                return [n.strip() for n in v.split(",") if n.strip()]
            if isinstance(v, Coll) and all(type(x) is str for x in v):
                return [x.strip() for x in v if x.strip()]
            raise FourDError(ERR_ARG_TYPE, f"setPrivileges: {what} must be a text or a collection of texts", span)

        if isinstance(arg, Obj) and not getattr(arg, "is_4d_object", False):
            if arg.get("privileges", UNDEFINED) not in (UNDEFINED, None):
                privs = names(arg["privileges"], "privileges")
            if arg.get("roles", UNDEFINED) not in (UNDEFINED, None):
                roles = names(arg["roles"], "roles")
            u = arg.get("userName", UNDEFINED)
            if u not in (UNDEFINED, None):
                if type(u) is not str:
                    raise FourDError(ERR_ARG_TYPE, "setPrivileges: userName must be a text", span)
                user = u
        else:
            privs = names(arg, "the privileges")
        r = self._roles()
        self.privileges = r.expand(privs, roles) if r is not None else []
        if user is not None:
            self.user_name = user
        self.guest = False
        return True

    def has_privilege(self, name: str, proc: Any = None) -> bool:
        key = name.lower()
        if any(p.lower() == key for p in self.privileges):
            return True
        promoted = getattr(proc, "promoted", None)
        return bool(promoted) and any(p.lower() == key for _i, p in promoted)

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        from .errors import ERR_ARG_COUNT, ERR_ARG_TYPE

        proc = f.process if f is not None else None
        if name == "setPrivileges":
            if len(args) != 1:
                raise FourDError(ERR_ARG_COUNT, ".setPrivileges() takes one parameter", span)
            return self.set_privileges(args[0], span)
        if name == "hasPrivilege":
            if len(args) != 1 or type(args[0]) is not str:
                raise FourDError(ERR_ARG_TYPE, ".hasPrivilege() takes a privilege name (Text)", span)
            return self.has_privilege(args[0], proc)
        if name == "getPrivileges":
            return Coll(self.privileges)
        if name == "clearPrivileges":
            self.privileges = []
            r = self._roles()
            if r is None or not r.force_login:
                self.guest = True  # in force login mode the session only loses its privileges
            return True
        if name == "isGuest":
            return self.guest
        if name == "createOTP":
            lifespan = float(self.idle_timeout * 60)
            if args and args[0] is not UNDEFINED:
                if type(args[0]) not in (int, float) or type(args[0]) is bool:
                    raise FourDError(ERR_ARG_TYPE, ".createOTP() takes a lifespan in seconds (Integer)", span)
                lifespan = float(args[0])
            return self.runtime.create_otp(self, lifespan)
        if name == "restore":
            if len(args) != 1 or type(args[0]) is not str:
                raise FourDError(ERR_ARG_TYPE, ".restore() takes a token (Text)", span)
            return self.runtime.restore_otp(proc, args[0])
        if name == "promote":
            if len(args) != 1 or type(args[0]) is not str:
                raise FourDError(ERR_ARG_TYPE, ".promote() takes a privilege name (Text)", span)
            r = self._roles()
            if proc is None or r is None or not r.declared(args[0]) or self.has_privilege(args[0], proc):
                return 0
            return self.runtime.promote(proc, r.canonical(args[0]))
        if name == "demote":
            if len(args) != 1 or type(args[0]) not in (int, float) or type(args[0]) is bool:
                raise FourDError(ERR_ARG_TYPE, ".demote() takes a promotion id (Integer)", span)
            promoted = getattr(proc, "promoted", None)
            if promoted:
                wanted = int(args[0])
                proc.promoted = [(i, p) for i, p in promoted if i != wanted]
            return UNDEFINED
        return super().call_4d_member(f, name, args, span)


class Process:
    """A 4D process: its own process variables, error handler, error stack, state."""

    def __init__(self, runtime: Runtime, number: int, name: str, session: Session):
        self.runtime = runtime
        self.number = number
        self.name = name
        self.session = session
        self.vars: dict[str, Any] = {
            "ok": 1,
            "error": 0,
            "error method": "",
            "error line": 0,
            "error formula": "",
            "document": "",
        }
        self.var_types: dict[str, str] = {}
        self.err_handler: str = ""
        self.handler_depth = 0
        self.try_depth = 0
        self.last_errors: list[Any] | None = None
        self.in_handler = False
        self.depth = 0
        self.state = EXECUTING
        self.thread: threading.Thread | None = None
        self.unique_id = number
        self.created = time.time()
        self.started = time.perf_counter()
        self.stop_requested: Any = False
        self.singletons: dict[Any, Any] = {}
        self.is_worker = False
        self.type = TYPE_MAIN if number == 1 else TYPE_OTHER_USER
        self.deferred: list[Any] = []
        self.ended = False
        self.delay_until = 0.0
        self.paused = False
        self.preemptive = False
        # Workers: FIFO mailbox of (formula or method name, params); the method of the first call is the startup method.
        self.mailbox: collections.deque[tuple[Any, list[Any]]] = collections.deque()
        self.busy = False
        self.killed = False
        self.startup: Any = None
        self.promoted: list[tuple[int, str]] = []  # Session.promote() privileges of this process
        self.web: Any = None  # the HTTP request a web process answers

    def __repr__(self) -> str:
        return f"<Process {self.number} {self.name!r}>"

    @property
    def alive(self) -> bool:
        return not self.ended

    def checkpoint(self) -> bool:
        """Called where a running process checks for stop requests; True when it may go on.

        A delay or pause asked for while the process was taking another one (DELAY PROCESS
        right after RESUME PROCESS, before the process has woken) is taken in turn: only a
        stop (True, Ctrl-C or abort) ends the process.
        """
        while True:
            request = self.stop_requested
            if request == "delay":
                self.stop_requested = False
                self.sleep_until_delay_over()
            elif request == "pause":
                self.stop_requested = False
                self.stay_paused()
            else:
                return request is False

    def stay_paused(self) -> None:
        """State Paused until RESUME PROCESS (or Ctrl-C)."""
        rt = self.runtime
        with rt.cond:
            self.state = PAUSED
            try:
                while self.paused and self.stop_requested is not True:
                    rt.cond.wait(POLL)
            finally:
                self.state = EXECUTING
        if self.stop_requested is True:
            raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")

    def sleep_until_delay_over(self) -> None:
        """Stay Delayed until `delay_until` (which DELAY PROCESS may move) has passed."""
        rt = self.runtime
        with rt.cond:
            self.state = DELAYED
            try:
                while True:
                    if self.paused:  # PAUSE PROCESS on a delayed process; RESUME PROCESS ends both
                        self.state = PAUSED
                        while self.paused and self.stop_requested is not True:
                            rt.cond.wait(POLL)
                        break
                    left = self.delay_until - time.monotonic()
                    if left <= 0 or self.stop_requested is True:
                        break
                    rt.cond.wait(min(left, POLL))
            finally:
                self.state = EXECUTING
        if self.stop_requested is True:
            raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")

    def info(self) -> Obj:
        """The `Process info` object."""
        o = Obj()
        elapsed = time.perf_counter() - self.started
        o.update(
            {
                "number": float(self.number),
                "name": self.name,
                "sessionID": self.session.id,
                "ID": float(self.unique_id),
                "visible": True,
                "type": float(self.type),
                "state": float(ABORTED if self.ended else self.state),
                "creationDateTime": iso_ms(self.created),
                "preemptive": self.preemptive,
                "systemID": str(
                    self.thread.ident
                    if self.thread is not None and self.thread.ident
                    else threading.main_thread().ident
                ),
                "cpuUsage": 0.0,
                "cpuTime": round(elapsed, 6),
            }
        )
        return o


class Runtime:
    """Everything one run shares: registry, project, sessions, Storage, processes, output."""

    def __init__(self, project: Any = None, stdout: TextIO | None = None, stderr: TextIO | None = None):
        from .project import Project

        self.project = project if project is not None else Project([])
        self.stdout = stdout
        self.stderr = stderr
        self.out_lock = threading.Lock()
        self.output_closed = False
        self.broken_pipe = False  # stdout's reader went away: the CLI exits 141 (SIGPIPE)
        self.stdin: TextIO | None = None  # where Request and CONFIRM read answers (None: nowhere)
        # docs/commands/storage.md: Storage holds only shared objects and collections.
        self.storage = make_storage_object(strict=True)
        self.interprocess: dict[str, Any] = {}
        self.interprocess_types: dict[str, str] = {}
        self.sessions: dict[str, Session] = {}
        self.default_session = Session(self)
        self.sessions[self.default_session.id] = self.default_session
        self.processes: dict[int, Process] = {}
        self._numbers = itertools.count(1)
        self.proc_lock = threading.RLock()
        self.cond = threading.Condition(self.proc_lock)  # process table changes, mailboxes, semaphores, delays
        self.semaphores: dict[str, Process] = {}
        self.user_param = ""
        self.started = time.time()
        self.interrupted = False
        self.child_errors: list[FourDError] = []
        self.extensions: dict[str, Any] = {}
        self.end_hooks: list[Callable[[Process], None]] = []  # run when a process ends (datastore)
        # services that keep a run alive while they run (the web server), by name
        self.services: set[str] = set()
        self.otp_tokens: dict[str, tuple[str, float]] = {}  # token -> (session ID, expiry time)
        self._promote_ids = itertools.count(1)
        from .interpreter import Interpreter

        self.interp = Interpreter(self)
        from .datastore.hooks import install as install_datastore

        install_datastore()  # [Table]Field reads, assignments and pointers (the core knows no database)
        self.main = self.new_process_record("Main", self.default_session)
        self.main.type = TYPE_MAIN
        self.main.is_worker = True

    # ---------------------------------------------------------------- output
    def write(self, text: str, err: bool = False) -> None:
        """Write text to stdout (or stderr) as one piece: lines of processes never interleave.

        4D line breaks (CR, CR LF) become the platform's; characters the stream cannot
        encode are escaped (`\\ud800`, `caf\\xe9`) so that later lines still print. When the
        reader of stdout has gone (`| head`), the run stops as if interrupted and the
        command exits as a tool killed by SIGPIPE does.
        """
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        stream = (self.stderr or sys.stderr) if err else (self.stdout or sys.stdout)
        with self.out_lock:
            if self.output_closed:
                if not err:
                    self._stop_for_closed_output()
                return
            try:
                try:
                    stream.write(text)
                except UnicodeEncodeError:
                    stream.write(escape_unencodable(text, getattr(stream, "encoding", None)))
                stream.flush()
            except (BrokenPipeError, ConnectionResetError):
                self.output_closed = True  # the reader went away (e.g. `| head`)
                self.broken_pipe = True
            except (OSError, ValueError):
                self.output_closed = True  # the stream was closed under us: stop writing
                return
            else:
                return
        self._stop_for_closed_output()

    def _stop_for_closed_output(self) -> None:
        """Stop every process of the run once nobody reads the output any more."""
        if self.interrupted:
            raise FourDError(ERR_INTERRUPTED, "Program interrupted: the output was closed")
        self.stop_all()
        raise FourDError(ERR_INTERRUPTED, "Program interrupted: the output was closed")

    # ---------------------------------------------------------------- sessions
    def new_session(self, user_name: str = "") -> Session:
        s = Session(self, user_name or "designer")
        with self.proc_lock:
            self.sessions[s.id] = s
        return s

    def session(self, session_id: str) -> Session | None:
        """The open session with this UUID (an expired web session is closed on the way); None if none."""
        s = self.sessions.get(session_id)
        if s is not None and isinstance(s, WebSession) and s.expired():
            self.close_session(s)
            return None
        return s

    def open_sessions(self) -> list[Session]:
        """Every open session, expired web sessions closed first."""
        self.sweep_sessions()
        with self.proc_lock:
            return list(self.sessions.values())

    def open_web_session(self, kind: str = "web", ip: str = "") -> WebSession:
        """A new Guest web session (the web server opens one for a client without a valid cookie)."""
        s = WebSession(self, kind, ip)
        with self.proc_lock:
            self.sessions[s.id] = s
        return s

    def close_session(self, s: Session) -> None:
        """Close a web session: its storage, singletons and one-time passcodes go with it."""
        if s is self.default_session:
            return
        with self.proc_lock:
            if isinstance(s, WebSession):
                s.closed = True
            self.sessions.pop(s.id, None)
            for token in [t for t, (sid, _e) in self.otp_tokens.items() if sid == s.id]:
                del self.otp_tokens[token]
        store = self.interp.class_store
        if store is not None:
            store.session_singletons.pop(s.id, None)

    def sweep_sessions(self) -> int:
        """Close the web sessions idle past their timeout and drop expired passcodes; returns how many closed."""
        now = time.time()
        with self.proc_lock:
            gone = [s for s in self.sessions.values() if isinstance(s, WebSession) and s.expired(now)]
            for token in [t for t, (_sid, exp) in self.otp_tokens.items() if exp <= now]:
                del self.otp_tokens[token]
        for s in gone:
            self.close_session(s)
        return len(gone)

    def close_web_sessions(self) -> None:
        """The web server stops: every web session closes."""
        with self.proc_lock:
            web = [s for s in self.sessions.values() if isinstance(s, WebSession)]
        for s in web:
            self.close_session(s)

    # ---------------------------------------------------------------- one-time passcodes, promotions
    def create_otp(self, session: Session, lifespan: float) -> str:
        """A new single-use token bound to `session` (Session.createOTP), valid `lifespan` seconds."""
        token = new_uuid()
        with self.proc_lock:
            self.otp_tokens[token] = (session.id, time.time() + max(0.0, lifespan))
        return token

    def take_otp(self, token: str) -> WebSession | None:
        """The session a token restores, or None; the token is used up whether or not it was valid."""
        with self.proc_lock:
            entry = self.otp_tokens.pop(token, None)
        if entry is None or entry[1] <= time.time():
            return None
        s = self.session(entry[0])
        return s if isinstance(s, WebSession) else None

    def restore_otp(self, proc: Any, token: str) -> bool:
        """`Session.restore(token)`: the web process continues in the token's session (False: nothing changes)."""
        if proc is None or not isinstance(proc.session, WebSession) or proc.web is None:
            return False
        target = self.take_otp(token)
        if target is None:
            return False
        proc.session = target
        target.touch()
        return True

    def promote(self, proc: Any, privilege: str) -> int:
        """Add a privilege to one process (Session.promote); returns the promotion id."""
        pid = next(self._promote_ids)
        proc.promoted = [*proc.promoted, (pid, privilege)]
        return pid

    def run_in_web_process(self, session: Session, name: str, body: Callable[[Process], Any], request: Any) -> Any:
        """Run `body(process)` on the calling thread as a new 4D process of `session` answering `request`.

        The process record leaves the table when the request is answered (web processes are
        not kept: `Process state` of its number is then "does not exist").
        """
        proc = self.new_process_record(name, session)
        proc.type = TYPE_WEB
        proc.preemptive = True
        proc.thread = threading.current_thread()
        proc.web = request
        if self.interrupted:
            proc.stop_requested = True
        set_current_process(proc)
        try:
            return body(proc)
        finally:
            set_current_process(None)
            with self.proc_lock:
                proc.ended = True
                for sem in [n for n, owner in self.semaphores.items() if owner is proc]:
                    del self.semaphores[sem]
                self.processes.pop(proc.number, None)
                self.cond.notify_all()

    # ---------------------------------------------------------------- processes
    def new_process_record(self, name: str, session: Session) -> Process:
        with self.proc_lock:
            number = next(self._numbers)
            proc = Process(self, number, name, session)
            self.processes[number] = proc
            self.cond.notify_all()
        return proc

    def bind_thread(self, proc: Process) -> None:
        set_current_process(proc)

    def live_process(self, number: int) -> Process | None:
        p = self.processes.get(number)
        return p if p is not None and not p.ended else None

    def process_named(self, name: str) -> Process | None:
        """The live process with this name (case-sensitive); a worker being killed comes last."""
        with self.proc_lock:
            found = [p for p in self.processes.values() if not p.ended and p.name == name]
        found.sort(key=lambda p: p.killed)
        return found[0] if found else None

    def start_process(
        self,
        caller: Any,
        method: Any,
        name: str,
        params: list[Any],
        session: Session | None = None,
        span: Any = None,
    ) -> int:
        """`New process`: run `method` (name or 4D.Function) in a new thread; returns its number."""
        target = self._resolve_callable(method, span)
        session = (
            session if session is not None else (caller.process.session if caller is not None else self.default_session)
        )
        proc = self.new_process_record(name, session)
        args = [copy_for_process(v) for v in params]
        self._launch(proc, lambda: self._run_callable(proc, target, args))
        return proc.number

    def call_worker(self, caller: Any, worker: Any, method: Any, params: list[Any], span: Any = None) -> None:
        """`CALL WORKER`: post a message to a worker's FIFO mailbox, creating the worker by name."""
        me = caller.process if caller is not None else None
        target = None if (type(method) is str and method == "") else self._resolve_callable(method, span)
        with self.proc_lock:
            if type(worker) is str:
                named = [p for p in self.processes.values() if not p.ended and p.name == worker]
                if any(not p.is_worker for p in named):
                    return  # a process made by New process has no mailbox
                proc = next((p for p in named if not p.killed or p is self.main), None)
                if proc is None and me is not None and me in named:
                    return  # a worker that killed itself and calls itself gets nothing (kill-worker.md)
                new = proc is None  # none, or the old one is ending: a new process starts
                if new and target is None:
                    return  # "" re-runs a startup method: a worker that does not exist has none
                if new:
                    proc = self.new_process_record(worker, me.session if me is not None else self.default_session)
                    proc.is_worker = True
                    proc.type = TYPE_WORKER
                    proc.startup = target
            else:
                proc = self.live_process(int(worker))
                if proc is None or not proc.is_worker or proc.killed and proc is not self.main:
                    return
                new = False
            if target is None:
                target = proc.startup  # "" runs the startup method again (none for the main process)
                if target is None:
                    return
            args = params if proc is me else [copy_for_process(v) for v in params]
            proc.mailbox.append((target, args))
            self.cond.notify_all()
        if new:
            self._launch(proc, lambda: self._worker_loop(proc))

    def kill_worker(self, proc: Process) -> None:
        """`KILL WORKER`: empty the mailbox and let the worker end after its current message."""
        with self.proc_lock:
            proc.mailbox.clear()
            if proc is not self.main and proc.is_worker:
                proc.killed = True
            self.cond.notify_all()

    def _resolve_callable(self, method: Any, span: Any) -> Any:
        if getattr(method, "is_formula", False):
            return method
        if type(method) is str:
            return self.interp.get_method(method, span)
        from .errors import ERR_ARG_TYPE

        raise FourDError(ERR_ARG_TYPE, "A method name (Text) or a formula was expected", span)

    def _run_callable(self, proc: Process, target: Any, args: list[Any]) -> None:
        if getattr(target, "is_formula", False):
            self.interp.invoke(target.code, list(args), None, None, process=proc, initial=target.captured)
        else:
            self.interp.invoke(target, list(args), None, None, process=proc)

    def _worker_loop(self, proc: Process) -> None:
        while True:
            with self.proc_lock:
                while not proc.mailbox:
                    if proc.killed or proc.stop_requested is True or self._closing:
                        return
                    proc.busy = False
                    self.cond.notify_all()
                    self.cond.wait(POLL)
                proc.busy = True
                target, args = proc.mailbox.popleft()
            try:
                self._run_callable(proc, target, args)
            except FourDError as err:
                if not self._report_child_error(proc, err):
                    return
            finally:
                with self.proc_lock:
                    proc.busy = False
                    self.cond.notify_all()

    def _launch(self, proc: Process, body: Callable[[], None]) -> None:
        def run() -> None:
            self.bind_thread(proc)
            try:
                body()
            except FourDError as err:
                self._report_child_error(proc, err)
            except RecursionError:
                from .errors import ERR_STACK_OVERFLOW

                self._report_child_error(
                    proc, FourDError(ERR_STACK_OVERFLOW, "Stack overflow: the code is nested too deeply")
                )
            except MemoryError:
                from .errors import ERR_OUT_OF_MEMORY

                self._report_child_error(
                    proc, FourDError(ERR_OUT_OF_MEMORY, "Out of memory: the system has no more memory for the process")
                )
            finally:
                self._end_process(proc)

        from .core.frames import MAX_DEPTH
        from .limits import depth_reserve, start_thread

        started = threading.Event()  # the process runs once its thread and depth are known

        def run_started() -> None:
            started.wait()
            run()

        try:
            t, stack = start_thread(run_started, f"4D process {proc.number}")
        except FourDError:
            self._end_process(proc)
            raise
        proc.thread = t
        proc.depth = depth_reserve(stack, MAX_DEPTH)
        started.set()

    def _report_child_error(self, proc: Process, err: FourDError) -> bool:
        """Print an unhandled error of a process other than the main one; False when the process must stop."""
        if err.code == ERR_INTERRUPTED and (self.interrupted or proc.stop_requested is True):
            return False
        if getattr(err, "aborted", False):
            return True
        self.child_errors.append(err)
        hook = self.extensions.get("child_error")
        if hook is not None:
            hook(proc, err)
        else:
            self.write(f"In process {proc.number} ({proc.name}):\n{format_error(err)}\n", err=True)
        return True

    def _end_process(self, proc: Process) -> None:
        with self.proc_lock:
            proc.ended = True
            proc.busy = False
            proc.mailbox.clear()
            for name in [n for n, owner in self.semaphores.items() if owner is proc]:
                del self.semaphores[name]  # a semaphore lives until its creating process ends
            self.cond.notify_all()
        for hook in self.end_hooks:
            hook(proc)  # e.g. its open transaction cancelled, its record locks freed

    _closing = False

    def _idle(self) -> bool:
        """True when no process other than the main one can still do anything."""
        for p in self.processes.values():
            if p is self.main or p.ended:
                continue
            if not p.is_worker or p.busy or p.mailbox:
                return False
        return not self.main.mailbox

    def settle(self) -> None:
        """Wait until every other process has ended or is an idle worker; run messages posted to the main process.

        Ends a REPL entry or a notebook cell: unlike `wait_all`, workers stay alive. Raises the
        interrupted error (1006) once the main process is asked to stop.
        """
        main = self.main
        while True:
            with self.proc_lock:
                while not self._idle() and not main.mailbox and main.stop_requested is not True:
                    self.cond.wait(POLL)
                if main.stop_requested is True:
                    raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")
                if not main.mailbox:
                    return
                target, args = main.mailbox.popleft()
            self._run_callable(main, target, args)

    def wait_all(self) -> None:
        """Return when every process of the run has ended and every worker mailbox is empty.

        Messages posted to the main process (`CALL WORKER(1; ...)`) run here, after the
        main method. Idle workers are then asked to stop.
        """
        waiter = self.extensions.get("wait_all")
        if waiter is not None:
            waiter(self)
            return
        main = self.main
        while True:
            with self.proc_lock:
                while (not self._idle() or self.services) and not main.mailbox and not self.interrupted:
                    self.cond.wait(POLL)  # a running web server counts as pending work
                if self.interrupted:
                    break
                if main.mailbox:
                    target, args = main.mailbox.popleft()
                else:
                    self._closing = True
                    self.cond.notify_all()
                    break
            self._run_callable(main, target, args)
        for p in list(self.processes.values()):
            t = p.thread
            if t is not None and t is not threading.current_thread():
                while t.is_alive() and not self.interrupted:
                    t.join(POLL)
        self._closing = False  # a later run in the same runtime (notebook cell) starts workers again

    def stop_all(self) -> None:
        """Ctrl-C: ask every process to stop at its next check."""
        self.interrupted = True
        with self.proc_lock:
            for p in self.processes.values():
                p.stop_requested = True
            self.cond.notify_all()

    # ---------------------------------------------------------------- DELAY PROCESS
    def delay_process(self, caller: Process, number: int, ticks: float) -> None:
        """Suspend a process for ticks/60 s; a new call replaces the remaining delay, 0 cancels it."""
        target = self.live_process(number)
        if target is None:
            return
        with self.proc_lock:
            target.delay_until = time.monotonic() + max(0.0, ticks) * TICK
            self.cond.notify_all()
            if target is caller:
                pass
            elif target.state != DELAYED and ticks > 0 and target.stop_requested is False:
                target.stop_requested = "delay"  # taken at its next loop iteration or wait
        if target is caller and ticks > 0:
            caller.sleep_until_delay_over()

    def pause_process(self, caller: Process, number: int) -> None:
        """PAUSE PROCESS: the process stops at its next loop turn or wait until RESUME PROCESS."""
        target = self.live_process(number)
        if target is None or target is self.main:
            return  # "It will not affect the main process" (pause-process.md)
        with self.proc_lock:
            target.paused = True
            if target is not caller and target.stop_requested is False and target.state != DELAYED:
                target.stop_requested = "pause"
            self.cond.notify_all()
        if target is caller:
            caller.stay_paused()

    def resume_process(self, number: int) -> None:
        target = self.live_process(number)
        if target is None:
            return
        with self.proc_lock:
            target.paused = False
            if target.stop_requested == "pause":
                target.stop_requested = False
            self.cond.notify_all()

    # ---------------------------------------------------------------- semaphores
    def semaphore(self, proc: Process, name: str, ticks: float = 0) -> bool:
        """`Semaphore`: False when the calling process now holds the flag, True when another one does."""
        name = name[:255]
        deadline = time.monotonic() + max(0.0, ticks) * TICK
        with self.proc_lock:
            while True:
                owner = self.semaphores.get(name)
                if owner is None or owner is proc or owner.ended:
                    self.semaphores[name] = proc
                    return False
                left = deadline - time.monotonic()
                if left <= 0 or proc.stop_requested is True:
                    return True
                self.cond.wait(min(left, POLL))

    def clear_semaphore(self, proc: Process, name: str) -> None:
        with self.proc_lock:
            if self.semaphores.get(name[:255]) is proc:
                del self.semaphores[name[:255]]
                self.cond.notify_all()

    def test_semaphore(self, name: str) -> bool:
        with self.proc_lock:
            owner = self.semaphores.get(name[:255])
            return owner is not None and not owner.ended


def undefined() -> Any:
    return UNDEFINED
