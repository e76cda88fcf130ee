"""The interactive REPL: one persistent session runtime, entries run as they become complete.

`Repl` is the terminal-free core (used by tests, piped input and the notebook kernel);
`repl_main` adds the prompt_toolkit front end when standard input is a terminal.
"""

from __future__ import annotations

import os
import queue
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import __version__
from . import nodes as N
from .completion import INCOMPLETE, Completion, CompletionContext, complete, indent_for, is_complete, join_open_lines
from .errors import ERR_INTERRUPTED, ERR_STACK_OVERFLOW, FourDError, format_error, format_interrupt
from .reload import EditFollower

__all__ = ["META_HELP", "Outcome", "Repl", "history_path", "is_definition_complete", "repl_main"]

PROMPT = "4D> "
CONTINUATION = "... "
_CLASS_NAME = re.compile(r"[^\W\d]\w*")
SYSTEM_VARS = frozenset({"ok", "error", "error method", "error line", "error formula", "document"})
# Seconds to wait for a stopped statement to end before its thread is given up.
STOP_GRACE = 3.0

META_HELP = """\
Meta commands:
  %help [command]   signature, number, theme and summary of a 4D command (%help alone: this text)
  %vars             local, process and interprocess variables of the session
  %reset            start a new session runtime (variables, Storage, processes, %% definitions are dropped)
  %load FILE        run a .4dm file in the session (its locals stay defined)
  %%method NAME     the lines below (up to %%end) are project method NAME, in place of its file
  %%class NAME      the lines below (up to %%end) are class cs.NAME, in place of its file
  %sessions         sessions and processes of the runtime
  %debug            after an error (terminal): locals and call stack of the methods it stopped
  %quit             leave (Ctrl-D does too)
Method and class files edited on disk are compiled again before the next entry runs.
Keys: Enter runs a complete entry (a block, `(` or `\\` line continues it), Esc Enter runs it anyway,
Tab completes, Ctrl-R searches the history, Ctrl-C cancels the input or stops a running statement."""


@dataclass
class Outcome:
    """What one entry produced besides its output: a value to show, an error, or a request to quit."""

    value: str | None = None
    error: FourDError | None = None
    error_text: str | None = None
    interrupted: bool = False
    quit: bool = False
    meta: str | None = None  # text of a meta command's answer
    failed: bool = False  # the meta command could not do its work (its answer says why): an error


class _Sink:
    """A text stream the runtime writes to; forwards to a stream or collects into a list."""

    def __init__(self, target: TextIO | None, collect: list[str]):
        self.target = target
        self.collect = collect

    def write(self, text: str) -> int:
        if self.target is None:
            self.collect.append(text)
        else:
            self.target.write(text)
        return len(text)

    def flush(self) -> None:
        if self.target is not None:
            try:
                self.target.flush()
            except (OSError, ValueError):
                pass


class _Executor:
    """One thread with a deep stack that runs every entry as the runtime's main process."""

    def __init__(self, runtime: Any):
        from .limits import start_thread

        self.runtime = runtime
        self.busy = False  # a job is running or queued
        self.jobs: queue.Queue[tuple[Callable[[], Any], dict[str, Any], threading.Event] | None] = queue.Queue()
        self.thread, _stack = start_thread(self._loop, "4D Main (REPL)")

    def _loop(self) -> None:
        self.runtime.bind_thread(self.runtime.main)
        while True:
            job = self.jobs.get()
            if job is None:
                return
            fn, box, done = job
            try:
                box["result"] = fn()
            except BaseException as exc:  # noqa: BLE001 - handed back to the caller's thread
                box["exc"] = exc
            finally:
                if self.jobs.empty():
                    self.busy = False
                done.set()

    def run(
        self,
        fn: Callable[[], Any],
        on_interrupt: Callable[[], None],
        stopping: Callable[[], bool],
        tick: Callable[[], None] | None = None,
    ) -> tuple[bool, dict[str, Any]]:
        """Run fn on the thread; Ctrl-C while waiting calls on_interrupt, tick runs between waits.

        Once `stopping()` is true, fn has STOP_GRACE seconds to end. Returns (finished, result box).
        """
        box: dict[str, Any] = {}
        done = threading.Event()
        stopping_since: float | None = None
        self.busy = True
        self.jobs.put((fn, box, done))
        while not done.is_set():
            try:
                done.wait(0.05)
                if tick is not None:
                    tick()
                if stopping_since is None:
                    if stopping():
                        stopping_since = time.monotonic()
                elif time.monotonic() - stopping_since > STOP_GRACE:
                    return False, box
            except KeyboardInterrupt:
                on_interrupt()
        return True, box

    def wait_idle(self, seconds: float) -> bool:
        """Wait until no job is running or queued; False if one still runs after `seconds`."""
        deadline = time.monotonic() + seconds
        while self.busy and time.monotonic() < deadline:
            try:
                time.sleep(0.02)
            except KeyboardInterrupt:
                pass
        return not self.busy

    def close(self) -> None:
        self.jobs.put(None)


class _StopOnSigint:
    """On the main thread, SIGINT calls `on_stop`, not KeyboardInterrupt (an ignored SIGINT stays ignored)."""

    def __init__(self, on_stop: Callable[[], None]):
        self.on_stop = on_stop
        self.previous: Any = None

    def __enter__(self) -> _StopOnSigint:
        import signal

        if threading.current_thread() is not threading.main_thread():
            return self
        previous = signal.getsignal(signal.SIGINT)
        if previous in (signal.SIG_IGN, None):
            return self  # ignored (a background job of a script), or set outside Python: left alone
        signal.signal(signal.SIGINT, self._handle)
        self.previous = previous
        return self

    def _handle(self, signum: int, frame: Any) -> None:
        self.on_stop()

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            import signal

            signal.signal(signal.SIGINT, self.previous)
            self.previous = None


class Repl:
    """A persistent 4D session: `push` lines, or `run_cell` whole entries; locals survive errors."""

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        project: Any = None,
        color: bool = False,
        tick: Callable[[], None] | None = None,
        trace: bool = False,
        ask: Callable[[str], str] | None = None,
    ):
        self.tick = tick  # called on the caller's thread while an entry runs (notebook output)
        self.trace = trace  # --trace: every statement writes its line to standard error
        # Reads one line of the terminal for the debugger's prompt (raises EOFError at the end); with
        # it, code is compiled with the stop points that TRACE arms. Called on the caller's thread.
        self.ask = ask
        self._asks: queue.Queue[tuple[str, str, dict[str, Any], threading.Event]] = queue.Queue()
        self.collected: list[str] = []
        self.out = _Sink(stdout, self.collected)
        self.err = _Sink(stderr, self.collected)
        self.color = color
        self.project = project
        self.buffer: list[str] = []
        self.errors = 0
        self.entries = 0
        self.last_error: FourDError | None = None  # for %debug
        self._stopping = False
        self._start()

    # ---------------------------------------------------------------- session
    def _start(self) -> None:
        from .core.frames import Code, Frame
        from .project import Project
        from .runtime import Runtime

        project = self.project if self.project is not None else Project([Path.cwd()], [Path.cwd() / "Classes"])
        self.runtime = Runtime(project, stdout=self.out, stderr=self.err)  # type: ignore[arg-type]
        if self.trace:
            from .debugger import install_trace

            install_trace(self.runtime)
        if self.ask is not None:
            from .debugger import install_debugger

            install_debugger(self.runtime, self._ask_from_executor)
        self.code = Code("<repl>", None)
        self.frame = Frame(self.code, self.runtime.main, [])
        self.executor = _Executor(self.runtime)
        self.follower = EditFollower(self.runtime)

    def reset(self) -> None:
        """Drop every variable, Storage, sessions and processes (and %%method/%%class definitions): a fresh runtime."""
        old = self.runtime
        old.interrupted = True
        for p in list(old.processes.values()):
            p.stop_requested = True
        self.executor.close()
        self.buffer.clear()
        old.project.inline_methods.clear()
        old.project.inline_classes.clear()
        self._start()

    def close(self) -> None:
        self.runtime.interrupted = True
        for p in list(self.runtime.processes.values()):
            p.stop_requested = True
        self.executor.close()

    # ---------------------------------------------------------------- input
    @property
    def needs_more(self) -> bool:
        """True while the lines pushed so far form an incomplete entry."""
        return bool(self.buffer)

    def push(self, line: str) -> str:
        """Add one line; run the entry when it is complete. Returns the output when collecting."""
        self.buffer.append(line)
        text = "\n".join(self.buffer)
        if self.buffer[0].lstrip().startswith("%%"):
            if not is_definition_complete(text):
                return ""  # a %%method or %%class block runs at its %%end line
        elif len(self.buffer) == 1 and line.lstrip().startswith("%"):
            pass  # a meta command is one line
        elif is_complete(text) == INCOMPLETE:
            return ""
        self.buffer.clear()
        self.show(self.run_cell(text))
        return self.take_output()

    def flush_buffer(self) -> str:
        """Run whatever was pushed (end of input): the parser reports what is missing."""
        if not self.buffer:
            return ""
        text = "\n".join(self.buffer)
        self.buffer.clear()
        self.show(self.run_cell(text))
        return self.take_output()

    def take_output(self) -> str:
        text = "".join(self.collected)
        self.collected.clear()
        return text

    def show(self, outcome: Outcome) -> None:
        """Write an outcome the way the terminal shows it: value, meta answer, error or `Interrupted`."""
        if outcome.meta:
            self.runtime.write(outcome.meta.rstrip("\n") + "\n", err=outcome.failed)
        if outcome.value is not None:
            self.runtime.write(outcome.value + "\n")
        if outcome.interrupted:
            self.runtime.write((outcome.error_text or "Interrupted") + "\n", err=True)
        elif outcome.error_text is not None:
            self.runtime.write(outcome.error_text + "\n", err=True)

    # ---------------------------------------------------------------- running
    def run_cell(self, text: str) -> Outcome:
        """Run one complete entry (4D code or a `%` meta command) in the session.

        While it runs, Ctrl-C (SIGINT) only records a stop request: the entry stops at its next
        check, even when the request came before its first statement, and no KeyboardInterrupt
        can land half-way through the REPL's own bookkeeping. The request ends with the entry.
        """
        with _StopOnSigint(self.interrupt):
            try:
                return self._run_cell(text)
            finally:
                self._clear_stop()

    def _run_cell(self, text: str) -> Outcome:
        stripped = text.strip()
        if stripped.startswith("%%"):
            return self.define(text)
        if stripped.startswith("%"):
            return self.meta(stripped)
        if not stripped:
            return Outcome()
        from .source import Source, normalize_newlines

        self.entries += 1
        return self.run_source(Source("<repl>", join_open_lines(normalize_newlines(text))))

    def follow_edits(self) -> None:
        """Compile again the methods and classes whose files changed; say which ones no longer compile."""
        try:
            notes = self.follower.check()
        except OSError as exc:  # a folder that cannot be read: the entry runs with what was compiled
            notes = []
            self.runtime.write(f"note: the project's files could not be checked for edits: {exc}\n", err=True)
        for what, err in notes:
            if what.startswith("class "):
                effect = f"cs.{what[6:]} fails with this error until it is fixed (instances keep their functions)"
            else:
                effect = "its calls fail with this error until it is fixed"
            self.runtime.write(
                f"note: {what} was changed on disk and does not compile; {effect}:\n"
                + format_error(err, color=self.color)
                + "\n",
                err=True,
            )

    def run_source(self, source: Any) -> Outcome:
        from .parser import parse_source

        self.follow_edits()
        interp = self.runtime.interp
        try:
            stmts = parse_source(source)
            display: N.Expr | None = None
            last = stmts[-1] if stmts else None
            if isinstance(last, N.ExprStmt):
                display = last.expr
                stmts = stmts[:-1]
            body = interp.compile_into(self.code, stmts)
            expr = interp.compile_expr_into(self.code, display) if display is not None else None
            if expr is not None and last is not None and interp.stmt_hook is not None:
                from .core.frames import Scope

                expr = interp.stmt_hook(expr, last, Scope(self.code, interp))  # traced like a statement
        except FourDError as err:
            return self._failed(err)
        interp.grow_frame(self.frame)
        frame = self.frame
        main = self.runtime.main

        def job() -> Any:
            from .core.frames import RET
            from .values import UNDEFINED

            result: Any = UNDEFINED
            if main.stop_requested is True:
                # Ctrl-C before the first statement ran (while parsing, or queued): the entry does not run.
                raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")
            main.depth += 1
            try:
                status = body(frame)
                if status != RET and expr is not None:
                    try:
                        result = expr(frame)
                    except FourDError as e:
                        interp.on_error(e, frame)
                        result = UNDEFINED
                if main.deferred and main.try_depth == 0:
                    raise main.deferred.pop(0)
            finally:
                main.depth -= 1
            self.runtime.settle()
            return result

        finished, box = self.executor.run(job, self.interrupt, lambda: self._stopping, self._between_waits)
        stopped = self._stopping
        if not finished:
            # The statement ignored the stop request: give its thread up and start afresh.
            self.executor = _Executor(self.runtime)
            self._clear_stop()
            return Outcome(interrupted=True)
        self._clear_stop()
        exc = box.get("exc")
        if exc is not None:
            if isinstance(exc, FourDError):
                if exc.code == ERR_INTERRUPTED:
                    return Outcome(interrupted=True, error_text=format_interrupt(exc, color=self.color))
                return self._failed(exc)
            if isinstance(exc, RecursionError):
                return self._failed(FourDError(ERR_STACK_OVERFLOW, "Stack overflow: the code is nested too deeply"))
            if isinstance(exc, KeyboardInterrupt):
                return Outcome(interrupted=True)
            return self._failed(
                FourDError(
                    0,
                    f"internal error ({type(exc).__name__}: {exc}); "
                    "please report this bug with the entry that caused it",
                )
            )
        if stopped:
            return Outcome(interrupted=True)
        value = box.get("result")
        if display is None or not _should_display(display, value):
            return Outcome()
        return Outcome(value=display_value(value))

    def _between_waits(self) -> None:
        """On the caller's thread while an entry runs: notebook output, the debugger's questions."""
        if self.tick is not None:
            self.tick()
        while not self._asks.empty():
            text, prompt, box, done = self._asks.get_nowait()
            try:
                if text:
                    self.runtime.write(text.rstrip("\n") + "\n")
                box["line"] = self.ask(prompt) if self.ask is not None else None
            except EOFError:
                box["line"] = None
            except KeyboardInterrupt:
                box["line"] = "abort"
            finally:
                done.set()

    def _ask_from_executor(self, text: str, prompt: str) -> str | None:
        """The debugger (on the entry's thread): show text, read a line on the caller's thread."""
        box: dict[str, Any] = {}
        done = threading.Event()
        self._asks.put((text, prompt, box, done))
        main = self.runtime.main
        while not done.wait(0.05):
            if main.stop_requested is True:
                raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")
        return box.get("line")

    def _post_mortem(self) -> Outcome:
        """`%debug`: the debugger's prompt over the methods running when the last error stopped an entry."""
        debugger = self.runtime.extensions.get("debugger")
        if debugger is None:
            return Outcome(meta="%debug opens a prompt in the REPL on a terminal only")
        err = self.last_error
        if err is None or not err.__dict__.get("debug_frames"):
            return Outcome(meta="No error to look at: %debug shows the methods running when the last error stopped")
        finished, box = self.executor.run(
            lambda: debugger.post_mortem(err), self.interrupt, lambda: self._stopping, self._between_waits
        )
        self._clear_stop()
        if not finished:
            self.executor = _Executor(self.runtime)
        return Outcome()

    def _failed(self, err: FourDError) -> Outcome:
        self.errors += 1
        self.last_error = err
        return Outcome(error=err, error_text=format_error(err, color=self.color))

    def interrupt(self) -> None:
        """Ctrl-C: ask the running statement (and processes it is waiting for) to stop."""
        self._stopping = True
        rt = self.runtime
        rt.main.stop_requested = True
        for p in list(rt.processes.values()):
            if p is rt.main or getattr(p, "ended", False):
                continue
            if not getattr(p, "is_worker", False) or getattr(p, "busy", False):
                p.stop_requested = True
        # Also called from a signal handler: never block on the lock, waiters poll anyway.
        cond = getattr(rt, "cond", None)
        if cond is not None and cond.acquire(blocking=False):
            try:
                cond.notify_all()
            finally:
                cond.release()

    def recover(self) -> None:
        """After a Ctrl-C that landed outside the wait for an entry: stop whatever runs, then clear the stop."""
        self.interrupt()
        if not self.executor.wait_idle(STOP_GRACE):
            self.executor = _Executor(self.runtime)
        self._stopping = False
        self._clear_stop()

    def drop_stop(self) -> None:
        """Forget a stop request made while no entry ran (a running entry's request ends with it anyway)."""
        if not self.executor.busy:
            self._clear_stop()

    def _clear_stop(self) -> None:
        self._stopping = False
        self.runtime.main.stop_requested = False
        self.runtime.interrupted = False

    # ---------------------------------------------------------------- introspection
    def local_values(self) -> dict[str, Any]:
        """Locals of the session that hold a value, by name as first written."""
        from .values import UNSET

        out: dict[str, Any] = {}
        locs = self.frame.locals
        for i, name in enumerate(self.code.slot_names):
            if i < len(locs) and locs[i] is not UNSET:
                out[name] = locs[i]
        return out

    def process_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.runtime.main.vars.items() if k not in SYSTEM_VARS}

    def lookup(self, name: str) -> Any:
        """Value of `$x`, `<>x` or process variable `x` (None when unknown); used by completion."""
        if name.startswith("$"):
            slot = self.code.slots.get(name.lower())
            if slot is None or slot >= len(self.frame.locals):
                return None
            return self.frame.locals[slot]
        if name.startswith("<>"):
            key = name[2:]
            inter = self.runtime.interprocess
            return inter.get(key, inter.get(key.lower()))
        vars_ = self.runtime.main.vars
        return vars_.get(name.lower(), vars_.get(name))

    def completion_context(self) -> CompletionContext:
        try:
            methods = sorted(self.runtime.project.method_names())
        except Exception:  # noqa: BLE001 - a missing folder must not break completion
            methods = []
        return CompletionContext(
            locals=list(self.local_values()),
            process_vars=sorted(self.process_values()),
            interprocess=sorted(self.runtime.interprocess),
            methods=methods,
            lookup=self.lookup,
        )

    def complete(self, text: str, cursor: int | None = None) -> Completion:
        return complete(text, cursor, self.completion_context())

    # ---------------------------------------------------------------- meta commands
    def meta(self, text: str) -> Outcome:
        name, _, arg = text[1:].partition(" ")
        name = name.lower()
        arg = arg.strip()
        if name == "help":
            return Outcome(meta=help_text(arg))
        if name == "vars":
            return Outcome(meta=self._vars_text())
        if name == "reset":
            self.reset()
            return Outcome(meta="New session runtime: variables, Storage and processes were reset.")
        if name == "load":
            return self._load(arg)
        if name == "sessions":
            return Outcome(meta=self._sessions_text())
        if name == "debug":
            return self._post_mortem()
        if name in ("quit", "exit"):
            return Outcome(quit=True)
        return self._meta_failed(f"Unknown meta command %{name}; %help lists them.")

    def define(self, text: str) -> Outcome:
        """A `%%method NAME` or `%%class NAME` block: the method or class is its text from now on."""
        from .source import Source, normalize_newlines

        text = normalize_newlines(text)
        body_start = len(text) - len(text.lstrip())
        header, _, body = text[body_start:].partition("\n")
        kind, _, name = header[2:].strip().partition(" ")
        kind = kind.lower()
        name = " ".join(name.split())
        if kind not in ("method", "class"):
            return Outcome(meta=f"Unknown cell command %%{kind}; %help lists them.")
        if not name:
            return Outcome(meta=f"usage: %%{kind} NAME, then its code on the lines below")
        if kind == "class" and not _CLASS_NAME.fullmatch(name):
            return Outcome(meta=f'%%class: "{name}" is not a class name (letters, digits and _, not first a digit)')
        lines = body.split("\n")
        while lines and not lines[-1].strip():
            lines.pop()
        if lines and lines[-1].strip().lower() == "%%end":
            lines.pop()
        # the header line stays as an empty line: line numbers in errors are those of the cell
        source = Source(f"<{kind} {name}>", "\n" * (text.count("\n", 0, body_start) + 1) + "\n".join(lines) + "\n")
        self.follow_edits()
        self.entries += 1
        define = self.follower.define_class if kind == "class" else self.follower.define_method
        try:
            err = define(name, source)
        except RecursionError:
            err = FourDError(ERR_STACK_OVERFLOW, "Stack overflow: the code is nested too deeply")
        if err is not None:
            return self._failed(err)
        if kind == "class":
            return Outcome(meta=f"Class cs.{name} defined.")
        return Outcome(meta=f"Method {name} defined.")

    def _vars_text(self) -> str:
        from .values import type_name

        lines = []
        for title, values in (
            ("Local variables", self.local_values()),
            ("Process variables", self.process_values()),
            ("Interprocess variables", {"<>" + k: v for k, v in self.runtime.interprocess.items()}),
        ):
            if not values:
                continue
            lines.append(f"{title}:")
            for k, v in values.items():
                lines.append(f"  {k} : {_type_label(v, type_name)} = {_short(display_value(v))}")
        return "\n".join(lines) if lines else "No variables yet."

    def _sessions_text(self) -> str:
        from . import runtime as R

        states = {
            getattr(R, n, None): n.lower().replace("_", " ")
            for n in ("EXECUTING", "DELAYED", "ABORTED", "WAITING_FOR_INTERNAL_FLAG")
        }
        rt = self.runtime
        lines = []
        for s in rt.sessions.values():
            mark = " (default)" if s is rt.default_session else ""
            lines.append(f"session {s.id}  user {s.user_name}{mark}")
            for p in sorted(rt.processes.values(), key=lambda p: p.number):
                if p.session is not s:
                    continue
                if getattr(p, "ended", False):
                    state = "ended"
                elif p is not rt.main and getattr(p, "is_worker", False) and not getattr(p, "busy", False):
                    state = "waiting for messages"
                else:
                    state = states.get(getattr(p, "state", None), str(getattr(p, "state", "")))
                kind = " worker" if getattr(p, "is_worker", False) and p is not rt.main else ""
                lines.append(f"  process {p.number} {p.name!r}{kind}: {state}")
        return "\n".join(lines)

    def _meta_failed(self, text: str) -> Outcome:
        """A meta command that could not do its work: counted as an error (piped input then exits 1)."""
        self.errors += 1
        return Outcome(meta=text, failed=True)

    def _load(self, arg: str) -> Outcome:
        from .source import Source, SourceDecodeError, decode_source

        if not arg:
            return self._meta_failed("usage: %load FILE.4dm")
        path = Path(arg.strip('"')).expanduser()
        try:
            text = decode_source(path.read_bytes())
        except OSError as exc:
            return self._meta_failed(f"%load: {path}: {exc.strerror or exc}")
        except SourceDecodeError as exc:
            return self._meta_failed(f"%load: {path}: cannot read the file: {exc.reason} at byte offset {exc.offset}")
        self.entries += 1
        return self.run_source(Source(str(path), text, str(path)))


def is_definition_complete(text: str) -> bool:
    """A `%%method`/`%%class` block typed line by line is complete at its `%%end` line."""
    lines = text.rstrip().split("\n")
    return len(lines) > 1 and lines[-1].strip().lower() == "%%end"


# ------------------------------------------------------------------ display


def _should_display(expr: N.Expr, value: Any) -> bool:
    """A bare expression shows its value; a command or method that returns nothing shows nothing."""
    from .registry import REGISTRY
    from .values import UNDEFINED

    if isinstance(expr, N.Command):
        info = REGISTRY.lookup_number(expr.number) if expr.number else None
        info = info or REGISTRY.lookup(expr.name)
        if info is not None and info.func is not None:
            returns = getattr(info.func, "__annotations__", {}).get("return")
            if returns in (None, "None") and info.number != 1517:  # Null (1517) returns Null
                return False
        elif value is None:
            return False
        return value is not UNDEFINED
    if isinstance(expr, (N.MethodCall, N.MemberCall, N.Call, N.Name)):
        return value is not UNDEFINED
    return True


def display_value(v: Any) -> str:
    """A value as the REPL shows it: text as is, numbers and dates as String() gives them, objects as JSON."""
    from .jsonfmt import stringify
    from .values import UNDEFINED, Coll, to_text

    if v is UNDEFINED:
        return "undefined"
    if getattr(v, "is_4d_array", False):
        # Elements 1..N (element 0 is not part of the array's contents).
        return stringify(Coll(Coll(row.items[1:]) if getattr(v, "rows", False) else row for row in v.items[1:]))
    describe = getattr(v, "describe", None)
    if callable(describe) and type(v).__name__ == "Pointer4D":
        return describe()
    source = getattr(v, "source", None)
    if getattr(v, "class_name", None) == "Function" and isinstance(source, str) and source:
        return f"Formula({source})"
    try:
        text = to_text(v)
    except Exception:  # noqa: BLE001 - an exotic value must still show something
        return f"[object {getattr(v, 'class_name', type(v).__name__)}]"
    if text.startswith('"[object ') and text.endswith(']"'):
        return text[1:-1]
    return text


def _type_label(v: Any, type_name: Callable[[Any], str]) -> str:
    if type(v) is int:
        return "Integer"
    if type(v) is float:
        return "Real"
    try:
        return type_name(v)
    except Exception:  # noqa: BLE001
        return "Value"


def _short(text: str, width: int = 70) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 1] + "…"


def help_text(arg: str) -> str:
    """`%help` answer: the meta commands, or one command's signature, number, theme and summary."""
    from .registry import REGISTRY

    if not arg:
        return META_HELP
    REGISTRY.ensure_loaded()
    name = arg.strip().strip('"')
    base = name.split(":")[0] if ":" in name else name
    info = None
    if ":C" in name.upper():
        try:
            info = REGISTRY.lookup_number(int(name.upper().rsplit(":C", 1)[1]))
        except ValueError:
            info = None
    info = info or REGISTRY.lookup(base)
    if info is not None:
        where = f"command {info.number}" if info.number > 0 else "mini4d extension"
        theme = f", theme {info.theme}" if info.theme else ""
        if not info.implemented:
            return f"{info.name}  ({where}{theme})\n  not supported by mini4d yet (error 90060 when called)"
        return f"{info.signature()}\n  {where}{theme}\n  {info.doc}"
    const = REGISTRY.constant(base)
    if const is not None:
        token = f" ({const.token})" if const.token else ""
        if not const.defined:
            return f"{const.name}{token}: a 4D constant mini4d does not define yet"
        theme = f", theme {const.theme}" if const.theme else ""
        return f"{const.name}{token}: constant = {display_value(const.value)}{theme}"
    cands = REGISTRY.suggest(base)
    hint = f'; did you mean "{cands[0]}"?' if cands else ""
    return f'No command or constant named "{base}"{hint}'


# ------------------------------------------------------------------ front ends


def history_path() -> Path:
    """`MINI4D_HISTORY`, else ~/.mini4d_history."""
    env = os.environ.get("MINI4D_HISTORY")
    return Path(env).expanduser() if env else Path.home() / ".mini4d_history"


def _use_color() -> bool:
    return not os.environ.get("NO_COLOR")


def repl_main(
    out: TextIO | None = None, err: TextIO | None = None, stdin: TextIO | None = None, trace: bool = False
) -> int:
    """`mini4d` without arguments: a terminal REPL, or line reading when input is not a terminal."""
    out = out or sys.stdout
    err = err or sys.stderr
    source = stdin if stdin is not None else sys.stdin
    interactive = stdin is None and _isatty(sys.stdin) and _isatty(out)
    if interactive:
        try:
            return _terminal(out, err, trace)
        except ImportError:
            pass
    return _piped(out, err, source, trace)


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _piped(out: TextIO, err: TextIO, stdin: TextIO, trace: bool = False) -> int:
    """Read lines; run each entry as soon as it is complete (same rule as the terminal)."""
    repl = Repl(stdout=out, stderr=err, trace=trace)
    try:
        for raw in stdin:
            line = raw.rstrip("\n").rstrip("\r")
            if repl.buffer or not line.lstrip().startswith("%") or line.lstrip().startswith("%%"):
                repl.push(line)
                continue
            outcome = repl.run_cell(line)
            repl.show(outcome)
            if outcome.quit:
                return 1 if repl.errors else 0
        repl.flush_buffer()
    finally:
        repl.close()
    return 1 if repl.errors else 0


def _terminal(out: TextIO, err: TextIO, trace: bool = False) -> int:
    import signal

    import prompt_toolkit  # noqa: F401 - ImportError: repl_main falls back to line reading

    # Reading this terminal makes mini4d its foreground job, so Ctrl-C comes from its user even
    # when whatever started mini4d had SIGINT ignored (a script's background command).
    ignored = (
        threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    )
    if ignored:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        return _prompt_loop(out, err, trace)
    finally:
        if ignored:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prompt_loop(out: TextIO, err: TextIO, trace: bool = False) -> int:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import Completer
    from prompt_toolkit.completion import Completion as PTCompletion
    from prompt_toolkit.filters import is_searching
    from prompt_toolkit.history import FileHistory, InMemoryHistory
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.lexers import Lexer, PygmentsLexer, SimpleLexer
    from prompt_toolkit.output.color_depth import ColorDepth

    color = _use_color()
    # The session runtime (interpreter, command registry, parser tables) is built while the
    # prompt already shows; the first entry, Tab or highlighted word waits for it.
    debug_sessions: list[Any] = []

    def debug_ask(prompt: str) -> str:
        """A line for TRACE's prompt (its own history); Ctrl-C raises KeyboardInterrupt, Ctrl-D EOFError."""
        if not debug_sessions:
            debug_sessions.append(PromptSession(history=InMemoryHistory(), enable_history_search=False))
        return str(debug_sessions[0].prompt(prompt))

    warm = _Deferred(lambda: Repl(stdout=out, stderr=err, color=color, trace=trace, ask=debug_ask))

    class _Completer(Completer):
        def get_completions(self, document: Any, complete_event: Any) -> Any:
            found = warm.get().complete(document.text, document.cursor_position)
            for name in found.matches[:200]:
                yield PTCompletion(name, start_position=found.start - document.cursor_position)

    keys = KeyBindings()

    # While Ctrl-R searches, Enter belongs to the search (it accepts the found entry).
    @keys.add("enter", filter=~is_searching)
    def _enter(event: Any) -> None:
        buf = event.current_buffer
        if buf.complete_state is not None and buf.complete_state.current_completion is not None:
            buf.complete_state = None  # Enter in the completion menu takes the chosen name
            return
        text = buf.text
        if text.lstrip().startswith("%%") and not is_definition_complete(text):
            buf.insert_text("\n")
        elif not text.lstrip().startswith("%") and is_complete(text) == INCOMPLETE:
            buf.insert_text("\n" + indent_for(text[: buf.cursor_position]))
        else:
            buf.validate_and_handle()

    @keys.add("escape", "enter", filter=~is_searching)
    def _force(event: Any) -> None:
        event.current_buffer.validate_and_handle()

    try:
        path = history_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        history: Any = FileHistory(str(path))
    except OSError:
        history = InMemoryHistory()

    class _Lexer(Lexer):
        """Plain text until the registry is loaded (highlighting needs its names), then 4D colours."""

        def __init__(self) -> None:
            self.plain = SimpleLexer()
            self.pygments: Any = None

        def lex_document(self, document: Any) -> Any:
            if self.pygments is None:
                if not warm.done():
                    return self.plain.lex_document(document)
                from .highlight import FourDLexer

                self.pygments = PygmentsLexer(FourDLexer)
            return self.pygments.lex_document(document)

    session: Any = PromptSession(
        history=history,
        lexer=_Lexer() if color else None,
        completer=_Completer(),
        complete_while_typing=False,
        multiline=True,
        key_bindings=keys,
        prompt_continuation=lambda width, line_number, wrap_count: CONTINUATION.rjust(width),
        color_depth=None if color else ColorDepth.MONOCHROME,
        enable_history_search=False,
    )
    out.write(f"mini4d {__version__}: the 4D language, interactively. %help for help, Ctrl-D to leave.\n")
    out.flush()
    repl: Repl | None = None
    try:
        while True:
            try:
                text = session.prompt(PROMPT, pre_run=warm.start_after_first_draw)
            except KeyboardInterrupt:
                continue  # Ctrl-C cancels the current input
            except EOFError:
                break
            if not text.strip():
                continue
            try:
                repl = warm.get()
            except KeyboardInterrupt:
                continue  # Ctrl-C while the session still starts: the entry is dropped
            try:
                outcome = repl.run_cell(text)
            except KeyboardInterrupt:
                repl.recover()  # Ctrl-C outside the wait for the entry
                outcome = Outcome(interrupted=True)
            try:
                repl.show(outcome)
            except KeyboardInterrupt:
                pass
            if outcome.quit:
                break
    finally:
        if repl is None:
            repl = warm.get()
        repl.close()
    return 0


class _Deferred:
    """A value built on a background thread; `get()` waits for it and re-raises what building raised."""

    def __init__(self, build: Callable[[], Any]):
        self._box: dict[str, Any] = {}
        self._thread = threading.Thread(target=self._run, args=(build,), name="mini4d start-up", daemon=True)

    def start(self) -> None:
        if self._thread.ident is None:
            self._thread.start()

    def start_after_first_draw(self) -> None:
        """prompt_toolkit's pre_run: start once the prompt is drawn (both would share one GIL)."""
        import asyncio

        asyncio.get_running_loop().call_soon(self.start)

    def _run(self, build: Callable[[], Any]) -> None:
        try:
            value = build()
            from .parser import get_parser

            get_parser()  # the parser tables, for the first entry
            self._box["value"] = value
        except BaseException as exc:  # noqa: BLE001 - re-raised on the caller's thread
            self._box["exc"] = exc

    def done(self) -> bool:
        return self._thread.ident is not None and not self._thread.is_alive()

    def get(self) -> Any:
        self.start()
        while self._thread.is_alive():
            self._thread.join(0.05)
        if "exc" in self._box:
            raise self._box["exc"]
        return self._box["value"]
