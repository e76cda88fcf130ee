"""Tracing and the debugger: `--trace` lines and the prompt that `TRACE` opens in a terminal REPL.

Both work through `Interpreter.stmt_hook`, which wraps each statement's closure when it is
compiled. A run that asks for neither compiles no hook: its statements run exactly as before.

- `--trace` writes `file:line method: statement` to standard error before each statement runs
  (`[N] ` in front for a process other than the main one).
- In the REPL on a terminal every entry and method is compiled with a stop point; the `TRACE`
  command arms it for the calling process and a `debug>` prompt opens before its next statement
  (locals, call stack, step, next, out, continue, abort, print an expression). Elsewhere (a
  script, a notebook, piped input) `TRACE` does nothing but say so once, as 4D ignores it in
  compiled code. The stop points also note, on an error going through them, each method's frame
  and line: `%debug` then opens a post-mortem prompt over them (locals, where, up, down, print).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

from . import nodes as N
from .errors import ERR_INTERRUPTED, FourDError, format_error

__all__ = ["Debugger", "install_debugger", "install_trace", "trace_command"]

Hook = Callable[[Any, Any, Any], Any]

POST_MORTEM_HELP = """\
  l, locals     the local variables of the method shown
  w, where      the call stack of the error (> marks the method shown)
  u, up         show the caller of this method
  d, down       show the method this one called
  p EXPR        the value of a 4D expression in the method shown
  c, q          leave
  h, help       this text"""

HELP = """\
  s, step       run this line, stop at the next one (entering calls); Enter alone steps too
  n, next       run this line, stop at the next one of this method (or of its caller)
  o, out        run to the end of this method, stop in its caller
  c, continue   run on without stopping (until the next TRACE)
  l, locals     the local variables of this method
  w, where      the call stack
  p EXPR        the value of a 4D expression here
  a, abort      stop the entry here
  h, help       this text"""


def _add_hook(interp: Any, hook: Hook) -> None:
    """Wrap statements with `hook` as they are compiled, around any hook already installed."""
    inner = interp.stmt_hook
    if inner is None:
        interp.stmt_hook = hook
    else:
        interp.stmt_hook = lambda fn, s, scope: hook(inner(fn, s, scope), s, scope)


def _where(s: Any, scope: Any) -> tuple[str, int, str]:
    span = s.span
    line = span.line
    return f"{span.source.name}:{line}", line, span.source.line_text(line).strip()


# ------------------------------------------------------------------ --trace


def install_trace(runtime: Any) -> None:
    """`--trace`: each statement of `runtime` writes its file, line, method and text to standard error first."""
    write = runtime.write

    def trace_hook(fn: Any, s: Any, scope: Any) -> Any:
        place, _line, text = _where(s, scope)
        main_line = f"{place} {scope.code.name}: {text}\n"

        def traced(f: Any) -> Any:
            number = f.process.number
            write(main_line if number == 1 else f"[{number}] {main_line}", True)
            return fn(f)

        return traced

    _add_hook(runtime.interp, trace_hook)


# ------------------------------------------------------------------ TRACE


def trace_command(ctx: Any) -> None:
    """The `TRACE` command: arm the session's debugger, or say once that there is none here."""
    rt = ctx.runtime
    debugger = rt.extensions.get("debugger")
    if debugger is not None and ctx.process is rt.main:
        debugger.arm(ctx.process)
        return
    if debugger is not None:
        why = "the debugger follows the REPL's own process only; TRACE in another process does nothing"
    else:
        why = (
            "TRACE opens the debugger only in the REPL on a terminal (mini4d with no file); "
            "here it does nothing, as in compiled 4D code (--trace prints each line as it runs)"
        )
    if not rt.extensions.get("trace_noted"):
        rt.extensions["trace_noted"] = True
        rt.write(f"note: {why}\n", err=True)


def install_debugger(runtime: Any, ask: Callable[[str, str], str | None]) -> Debugger:
    """Compile `runtime`'s code with stop points; `ask(text, prompt)` shows text and reads a line (None at the end)."""
    debugger = Debugger(runtime, ask)
    runtime.extensions["debugger"] = debugger
    _add_hook(runtime.interp, debugger.hook)
    return debugger


class Debugger:
    """The stop points of one session and the `debug>` prompt they open once `TRACE` armed them."""

    def __init__(self, runtime: Any, ask: Callable[[str, str], str | None]):
        self.runtime = runtime
        self.ask = ask
        self.armed = False
        self.process: Any = None
        self.mode = "step"
        self.depth = 0
        self.helped = False

    def hook(self, fn: Any, s: Any, scope: Any) -> Any:
        debugger = self

        def stop_point(f: Any) -> Any:
            if debugger.armed:
                debugger.before(f, s)
            try:
                return fn(f)
            except FourDError as err:  # for %debug: each method's frame and line, innermost first
                frames = err.__dict__.setdefault("debug_frames", [])
                if not frames or frames[-1][0] is not f:
                    frames.append((f, s))
                raise

        return stop_point

    def arm(self, process: Any) -> None:
        """TRACE: stop before the next statement of `process`."""
        self.armed = True
        self.process = process
        self.mode = "step"

    def disarm(self) -> None:
        self.armed = False
        self.process = None

    def before(self, f: Any, s: Any) -> None:
        proc = f.process
        if proc is not self.process:
            return
        if self.mode == "next" and proc.depth > self.depth:
            return
        if self.mode == "out" and proc.depth >= self.depth:
            return
        self.prompt(f, s)

    # ---------------------------------------------------------------- the prompt
    def prompt(self, f: Any, s: Any) -> None:
        span = s.span
        line = span.line
        text = f"TRACE: {span.source.name}:{line} in {_method(f)}\n    {span.source.line_text(line).strip()}"
        if not self.helped:
            self.helped = True
            text += "\n  (s)tep (n)ext (o)ut (c)ontinue (l)ocals (w)here (p) expr (a)bort (h)elp"
        while True:
            try:
                answer = self.ask(text, "debug> ")
            except KeyboardInterrupt:
                answer = "abort"
            text = ""
            if answer is None:  # end of input: run on
                self.disarm()
                return
            word, _, rest = answer.strip().partition(" ")
            word = word.lower()
            if word in ("", "s", "step"):
                self.mode = "step"
                return
            if word in ("n", "next"):
                self.mode, self.depth = "next", f.process.depth
                return
            if word in ("o", "out", "finish"):
                self.mode, self.depth = "out", f.process.depth
                return
            if word in ("c", "continue", "cont"):
                self.disarm()
                return
            if word in ("a", "abort", "q", "quit"):
                self.disarm()
                raise FourDError(ERR_INTERRUPTED, "Program interrupted by user", span)
            if word in ("l", "locals", "v", "vars"):
                text = self.locals_text(f)
            elif word in ("w", "where", "bt", "stack"):
                text = self.where_text()
            elif word in ("p", "print", "="):
                text = self.evaluate(f, rest)
            elif word in ("h", "help", "?"):
                text = HELP
            else:
                text = f'Unknown debugger command "{word}" (h for help)'

    def post_mortem(self, err: FourDError) -> None:
        """`%debug`: a prompt over the methods that were running when `err` stopped the entry."""
        frames: list[tuple[Any, Any]] = err.__dict__.get("debug_frames", [])
        at = 0
        text = f"post-mortem of error {err.code}: {err.message}\n" + self._frame_line(frames, at)
        text += "\n  (l)ocals (w)here (u)p (d)own (p) expr (c) leave (h)elp"
        while True:
            try:
                answer = self.ask(text, "post-mortem> ")
            except KeyboardInterrupt:
                answer = None
            if answer is None:
                return
            word, _, rest = answer.strip().partition(" ")
            word = word.lower()
            f = frames[at][0]
            if word in ("c", "q", "quit", "continue", "exit"):
                return
            if word in ("l", "locals", "v", "vars"):
                text = self.locals_text(f)
            elif word in ("w", "where", "bt", "stack"):
                text = "\n".join(
                    ("> " if i == at else "  ") + f"in {_method(g)} ({s.span.source.name}:{s.span.line})"
                    for i, (g, s) in enumerate(frames)
                )
            elif word in ("u", "up"):
                at = min(at + 1, len(frames) - 1)
                text = self._frame_line(frames, at)
            elif word in ("d", "down"):
                at = max(at - 1, 0)
                text = self._frame_line(frames, at)
            elif word in ("p", "print", "="):
                text = self.evaluate(f, rest)
            elif word in ("h", "help", "?"):
                text = POST_MORTEM_HELP
            else:
                text = f'Unknown command "{word}" (h for help)'

    @staticmethod
    def _frame_line(frames: list[tuple[Any, Any]], at: int) -> str:
        f, s = frames[at]
        span = s.span
        return f"in {_method(f)} at {span.source.name}:{span.line}\n    {span.source.line_text(span.line).strip()}"

    def locals_text(self, f: Any) -> str:
        from .repl import _short, _type_label, display_value
        from .values import UNSET, type_name

        lines = []
        for i, name in enumerate(f.code.slot_names):
            if i < len(f.locals) and f.locals[i] is not UNSET:
                v = f.locals[i]
                lines.append(f"  {name} : {_type_label(v, type_name)} = {_short(display_value(v))}")
        return "\n".join(lines) if lines else "  (no local variable has a value yet)"

    def where_text(self) -> str:
        """The 4D call stack, innermost first: each running method and the line it is at."""
        stop_code = _STOP_POINT_CODE
        seen: set[int] = set()
        lines = []
        pyframe: FrameType | None = sys._getframe(1)
        while pyframe is not None:
            if pyframe.f_code is stop_code:
                local = pyframe.f_locals
                f, s = local.get("f"), local.get("s")
                if f is not None and s is not None and id(f) not in seen:
                    seen.add(id(f))
                    lines.append(f"  in {_method(f)} ({s.span.source.name}:{s.span.line})")
            pyframe = pyframe.f_back
        return "\n".join(lines)

    def evaluate(self, f: Any, text: str) -> str:
        """`p EXPR`: the value of a 4D expression in the stopped method (its locals as they are)."""
        from .parser import parse_source
        from .repl import display_value
        from .source import Source

        if not text.strip():
            return "usage: p EXPRESSION"
        try:
            stmts = parse_source(Source("<debug>", text))
            if len(stmts) != 1 or not isinstance(stmts[0], N.ExprStmt):
                return "p takes one expression (not a statement)"
            expr = stmts[0].expr
            unknown = [n for n in _locals_in(expr) if n.lower() not in f.code.slots]
            if unknown:
                return f"{unknown[0]} is not a local variable of {_method(f)}"
            fn = self.runtime.interp.compile_expr_into(f.code, expr)
            return display_value(fn(f))
        except FourDError as err:
            return format_error(err)


_STOP_POINT_CODE = Debugger(None, lambda text, prompt: None).hook(None, None, None).__code__


def _method(f: Any) -> str:
    name = f.code.name
    return "the REPL entry" if name == "<repl>" else name


def _locals_in(node: Any) -> list[str]:
    """Names of the `$locals` an expression reads."""
    found: list[str] = []

    def walk(x: Any) -> None:
        if isinstance(x, N.Local):
            found.append(x.name)
        elif isinstance(x, tuple):
            for item in x:
                walk(item)
        elif isinstance(x, N.Node):
            fields: tuple[str, ...] = type(x).__slots__
            for field in fields:
                walk(getattr(x, field, None))

    walk(node)
    return found
