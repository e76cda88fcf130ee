"""Processes: New process, workers, process information, delays, semaphores, signals."""

from __future__ import annotations

import threading
import time
from typing import Any

from mini4d.core.api import POLL, WAITING_FOR_INTERNAL_FLAG, Process, copy_for_process, variable_converter
from mini4d.errors import ERR_ARG_COUNT, ERR_ARG_TYPE, ERR_INTERRUPTED, ERR_NOT_SUPPORTED, ERR_READONLY, FourDError
from mini4d.registry import Ref, command, constant
from mini4d.values import UNDEFINED, Coll, Obj, check_writable, new_shared_group, share_value

constant("Does not exist", -100, "K13:3", theme="Process state")
constant("Aborted", -1, "K13:1", theme="Process state")
constant("Executing", 0, "K13:4", theme="Process state")
constant("Delayed", 1, "K13:2", theme="Process state")
constant("Waiting for user event", 2, "K13:9", theme="Process state")
constant("Waiting for input output", 3, "K13:7", theme="Process state")
constant("Waiting for internal flag", 4, "K13:8", theme="Process state")
constant("Paused", 5, "K13:6", theme="Process state")
constant("Main process", -1, "K36:10", theme="Process type")
constant("Design process", -2, "K36:9", theme="Process type")
constant("Web process with no context", -3, "K36:8", theme="Process type")
constant("Other user process", 4, "K36:15", theme="Process type")
constant("Worker process", 5, "K36:32", theme="Process type")
constant("Processes and sessions", 0, theme="Process activity")
constant("Processes only", 1, "K5:35", theme="Process activity")
constant("Sessions only", 2, "K5:36", theme="Process activity")


def _number_or_name(ctx: Any, process: Any) -> Process | None:
    rt = ctx.runtime
    if type(process) is str:
        return rt.process_named(process)
    if type(process) in (float, int):
        return rt.processes.get(int(process))
    raise FourDError(ERR_ARG_TYPE, "A process number or name was expected")


@command("New process", 317, "Processes")
def new_process(ctx: Any, method: Any, stack: float, name: str = "", *params: Any, star: bool = False) -> int:
    """Start `method` in a new process (a thread) and return its number; standard objects are copied."""
    rt = ctx.runtime
    if star and name:
        existing = rt.process_named(name)
        if existing is not None:
            return existing.number  # with *, an existing process of that name is reused
    for p in params:
        if getattr(p, "is_4d_array", False):
            raise FourDError(ERR_ARG_TYPE, "New process: arrays cannot be passed as parameters")
    return rt.start_process(ctx, method, name, list(params), span=ctx.span)


@command("CALL WORKER", 1389, "Processes")
def call_worker(ctx: Any, process: Any, formula: Any, *params: Any) -> None:
    """Post a message to the worker's mailbox (creating the worker by name); runs later, first in first out."""
    if type(process) not in (str, float, int) or type(process) is bool:
        raise FourDError(ERR_ARG_TYPE, "CALL WORKER: a worker name or process number was expected")
    for p in params:
        if getattr(p, "is_4d_array", False):
            raise FourDError(ERR_ARG_TYPE, "CALL WORKER: arrays cannot be passed as parameters")
    ctx.runtime.call_worker(ctx, process, formula, list(params), span=ctx.span)


@command("KILL WORKER", 1390, "Processes")
def kill_worker(ctx: Any, process: Any = None) -> None:
    """Empty the worker's mailbox and stop it after its current message (the current worker if omitted)."""
    target = ctx.process if process is None else _number_or_name(ctx, process)
    if target is None or target.ended:
        return
    ctx.runtime.kill_worker(target)


@command("Current process", 322, "Processes")
def current_process(ctx: Any) -> int:
    """Number of the calling process."""
    return ctx.process.number


@command("Current process name", 1392, "Processes")
def current_process_name(ctx: Any) -> str:
    """Name of the calling process."""
    return ctx.process.name


@command("Process number", 372, "Processes")
def process_number(ctx: Any, name: Any, *, star: bool = False) -> int:
    """Number of the process with that name (or unique ID); 0 if none."""
    rt = ctx.runtime
    if type(name) in (float, int) and type(name) is not bool:
        p = rt.live_process(int(name))
        return p.number if p is not None else 0
    if type(name) is not str:
        raise FourDError(ERR_ARG_TYPE, "Process number: a process name was expected")
    p = rt.process_named(name)
    return p.number if p is not None else 0


@command("Process state", 330, "Processes")
def process_state(ctx: Any, number: int) -> int:
    """State of a process (Executing, Delayed, Waiting for internal flag, Aborted, ...); -100 if none."""
    p = ctx.runtime.processes.get(number)
    if p is None:
        return -100
    if p.ended:
        return -1
    return p.state


@command("Process info", 1843, "Processes")
def process_info(ctx: Any, number: int) -> Any:
    """Description of a process ({number; name; sessionID; ID; state; type; ...}); Null if none."""
    p = ctx.runtime.processes.get(number)
    if p is None:
        return None
    return p.info()


@command("Process activity", 1495, "Processes", aliases=("Get process activity",))
def process_activity(ctx: Any, *args: Any) -> Any:
    """Snapshot {processes; sessions} of the running processes and open sessions (4D Server behaviour)."""
    rt = ctx.runtime
    session_id: str | None = None
    option = 0
    for a in args:
        if type(a) is str and session_id is None:
            session_id = a
        elif type(a) in (float, int) and type(a) is not bool:
            option = int(a)
        else:
            raise FourDError(
                ERR_ARG_TYPE, "Process activity: a session ID (Text) and/or an option (Integer) were expected"
            )
    if len(args) > 2:
        raise FourDError(ERR_ARG_COUNT, "Process activity takes at most a session ID and an option")
    sessions = rt.open_sessions()
    with rt.proc_lock:
        procs = [p for p in rt.processes.values() if not p.ended]
    if session_id is not None:
        wanted = rt.session(session_id)
        if wanted is None:
            return None  # an unknown session ID gives null
        sessions = [wanted]
        procs = [p for p in procs if p.session is wanted]
    out = Obj()
    if option != 2:
        plist = Coll()
        for p in procs:
            o = p.info()
            if option != 1:
                dict.__setitem__(o, "session", p.session.info())
            plist.append(o)
        dict.__setitem__(out, "processes", plist)
    if option != 1:
        dict.__setitem__(out, "sessions", Coll(s.info() for s in sessions))
    return out


@command("DELAY PROCESS", 323, "Processes")
def delay_process(ctx: Any, process: int, ticks: float) -> None:
    """Suspend a process for ticks/60 seconds (0 cancels a delay); unknown process: nothing."""
    ctx.runtime.delay_process(ctx.process, process, ticks)


@command("ABORT PROCESS BY ID", 1634, "Processes")
def abort_process_by_id(ctx: Any, unique_id: int) -> None:
    """Does nothing: as on single-user 4D and remote 4D (docs/commands-legacy/abort-process-by-id.md)."""
    return


@command("Count tasks", 335, "Processes")
def count_tasks(ctx: Any) -> int:
    """Highest number of a live process."""
    with ctx.runtime.proc_lock:
        live = [n for n, p in ctx.runtime.processes.items() if not p.ended]
    return max(live) if live else 0


@command("Count user processes", 343, "Processes")
def count_user_processes(ctx: Any) -> int:
    """Number of live processes (the main process included)."""
    with ctx.runtime.proc_lock:
        return sum(1 for p in ctx.runtime.processes.values() if not p.ended)


# ---------------------------------------------------------------- semaphores


@command("Semaphore", 143, "Processes (Communications)")
def semaphore(ctx: Any, name: str, ticks: float = 0) -> bool:
    """False when the flag is now set by this process (or already was); True when another process holds it."""
    return ctx.runtime.semaphore(ctx.process, name, ticks)


@command("CLEAR SEMAPHORE", 144, "Processes (Communications)")
def clear_semaphore(ctx: Any, name: str) -> None:
    """Remove a semaphore; only the process that set it can (others: nothing happens)."""
    ctx.runtime.clear_semaphore(ctx.process, name)


@command("Test semaphore", 652, "Processes (Communications)")
def test_semaphore(ctx: Any, name: str) -> bool:
    """True if the semaphore exists (without creating it)."""
    return ctx.runtime.test_semaphore(name)


# ---------------------------------------------------------------- signals


class Signal(Obj):
    """A 4D.Signal: a shared object with `wait()`, `trigger()`, `signaled`, `description`."""

    __slots__ = ("__weakref__", "event")
    is_4d_object = True
    class_name = "Signal"

    def __init__(self, description: str = ""):
        Obj.__init__(self)
        self.group = new_shared_group()
        self.event = threading.Event()
        dict.__setitem__(self, "description", description)

    def get_4d_property(self, name: str) -> Any:
        if name == "signaled":
            return self.event.is_set()
        return dict.get(self, name, UNDEFINED)

    def set_4d_property(self, name: str, value: Any) -> None:
        if name == "signaled":
            raise FourDError(ERR_READONLY, 'The property "signaled" of a signal is read-only')
        check_writable(self)
        if name == "description" and type(value) is not str:
            raise FourDError(ERR_ARG_TYPE, "The description of a signal is a text")
        if value is UNDEFINED:
            dict.pop(self, name, None)
            return
        dict.__setitem__(self, name, share_value(self, value))

    def keys_4d(self) -> list[str]:
        return ["signaled", *dict.keys(self)]

    def to_json(self) -> Any:
        o = Obj()
        o["signaled"] = self.event.is_set()
        o.update(dict.items(self))
        return o

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        if name == "trigger":
            self.event.set()
            return UNDEFINED
        if name == "wait":
            timeout = None
            if args:
                t = args[0]
                if type(t) not in (float, int) or type(t) is bool:
                    raise FourDError(ERR_ARG_TYPE, ".wait() takes a timeout in seconds", span)
                timeout = max(0.0, float(t))
            return self.wait(f.process, timeout)
        from mini4d.errors import ERR_NOT_A_FUNCTION

        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a 4D.Signal', span)

    def wait(self, proc: Any, timeout: float | None) -> bool:
        """Block until triggered or timeout seconds; process state 4 meanwhile; returns `signaled`."""
        if self.event.is_set():
            return True
        deadline = None if timeout is None else time.monotonic() + timeout
        old = proc.state
        proc.state = WAITING_FOR_INTERNAL_FLAG
        try:
            while True:
                left = POLL if deadline is None else min(POLL, deadline - time.monotonic())
                if left <= 0:
                    return self.event.is_set()
                if self.event.wait(left):
                    return True
                if proc.stop_requested is True:
                    raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")
        finally:
            proc.state = old


@command("New signal", 1641, "Processes (Communications)")
def new_signal(description: str = "") -> Signal:
    """A new 4D.Signal (a shared object), not signaled."""
    return Signal(description)


# ---------------------------------------------------------------- process variables of other processes


def _process_var(ref: Any, role: str) -> tuple[str, str]:
    """("process" | "interprocess", key) of a variable named in GET/SET PROCESS VARIABLE."""
    kind = getattr(ref, "kind", "value")
    if kind in ("process", "interprocess"):
        return kind, ref.key
    if kind == "local":
        raise FourDError(ERR_ARG_TYPE, f"The {role} variable cannot be a local variable")
    raise FourDError(ERR_NOT_SUPPORTED, f"Only whole process or interprocess variables are supported as {role} yet")


def _pairs_of(refs: tuple[Any, ...], command_name: str) -> list[tuple[Any, Any]]:
    if len(refs) < 2 or len(refs) % 2:
        raise FourDError(ERR_ARG_COUNT, f"{command_name} takes pairs of variables")
    return [(refs[i], refs[i + 1]) for i in range(0, len(refs), 2)]


def _transfer(v: Any) -> Any:
    if getattr(v, "is_4d_array", False):
        raise FourDError(ERR_NOT_SUPPORTED, "Arrays cannot be copied between processes yet")
    return copy_for_process(v)


@command("GET PROCESS VARIABLE", 371, "Processes (Communications)", thread_safe=False)
def get_process_variable(ctx: Any, process: int, *refs: Ref) -> None:
    """Read process variables of another process into variables of this one (Undefined if not set there)."""
    pairs = _pairs_of(refs, "GET PROCESS VARIABLE")
    source = ctx.runtime.live_process(process)
    if source is None:
        return  # a source process that does not exist: no effect
    for src, dst in pairs:
        kind, key = _process_var(src, "source")
        store = source.vars if kind == "process" else ctx.runtime.interprocess
        dst.set(_transfer(store.get(key, UNDEFINED)))


@command("SET PROCESS VARIABLE", 370, "Processes (Communications)", thread_safe=False)
def set_process_variable(ctx: Any, process: int, *refs: Ref) -> None:
    """Write values (or variables) of this process into process variables of another process."""
    pairs = _pairs_of(refs, "SET PROCESS VARIABLE")
    target = ctx.runtime.live_process(process)
    if target is None:
        return
    for dst, src in pairs:
        kind, key = _process_var(dst, "destination")
        value = _transfer(src.get())
        if kind == "process":
            declared = target.var_types.get(key)
            if declared is not None:
                convert = variable_converter(declared)
                value = convert(value) if convert else value
            target.vars[key] = value
        else:
            ctx.runtime.interprocess[key] = value


@command("PAUSE PROCESS", 319, "Processes")
def pause_process(ctx: Any, process: int) -> None:
    """Suspend a process (at its next loop turn or wait) until RESUME PROCESS; not the main process."""
    ctx.runtime.pause_process(ctx.process, process)


@command("RESUME PROCESS", 320, "Processes")
def resume_process(ctx: Any, process: int) -> None:
    """Resume a paused (or delayed) process."""
    ctx.runtime.resume_process(process)


@command("Process aborted", 672, "Processes")
def process_aborted(ctx: Any) -> bool:
    """True when the current process is being stopped (Ctrl-C)."""
    return ctx.process.stop_requested is True


@command("PROCESS PROPERTIES", 336, "Processes")
def process_properties(
    ctx: Any,
    process: int,
    proc_name: Ref,
    proc_state: Ref,
    proc_time: Ref,
    proc_mode: Ref = None,  # type: ignore[assignment]
    unique_id: Ref = None,  # type: ignore[assignment]
    origin: Ref = None,  # type: ignore[assignment]
) -> None:
    """Name, state, time used (ticks), mode, unique ID and origin of a process; nothing if it does not exist."""
    p = ctx.runtime.processes.get(process)
    if p is None:
        return
    proc_name.set(p.name)
    proc_state.set(float(-1 if p.ended else p.state))
    proc_time.set(float(int((time.perf_counter() - p.started) * 60)))
    if proc_mode is not None:
        # A Boolean variable receives the visibility; a number the bit field (bit 0 visible, bit 1 preemptive).
        proc_mode.set(True if type(proc_mode.get()) is bool else float(1 | (2 if p.preemptive else 0)))
    if unique_id is not None:
        unique_id.set(float(p.unique_id))
    if origin is not None:
        origin.set(float(p.type))
