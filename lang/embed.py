"""Running 4D code from Python: `mini4d.run(code, *args)` and `mini4d.Session` for tests and notebooks.

Values cross the boundary as plain Python: Object -> dict, Collection -> list, Date ->
`datetime.date` (the null date -> None), Time -> `datetime.timedelta`, Null and Undefined ->
None, numbers -> float (int for Integer variables), Text -> str, Boolean -> bool. Python
arguments go the other way (dict, list, tuple, date, datetime, timedelta, int, float, str, bool, None).
"""

from __future__ import annotations

import datetime as _dt
import sys
from pathlib import Path
from typing import Any, TextIO

from .errors import ERR_STACK_OVERFLOW, FourDError, format_error
from .values import NULL_DATE, UNDEFINED, Coll, Date4D, Obj, Time4D, make_date

__all__ = ["run", "Session", "to_python", "from_python", "Error4D"]


class Error4D(Exception):
    """A 4D error raised by embedded code: `code`, `message`, and the 4D display as `str()`."""

    def __init__(self, err: FourDError):
        super().__init__(format_error(err))
        self.code = err.code
        self.message = err.message
        self.error = err


def to_python(v: Any, _seen: dict[int, Any] | None = None) -> Any:
    """A 4D value as a plain Python value (objects and collections copied recursively)."""
    t = type(v)
    if t is str or t is bool or t is float or t is int:
        return v
    if v is None or v is UNDEFINED:
        return None
    if t is Date4D:
        return None if v == NULL_DATE else _dt.date(v.y, v.m, v.d)
    if t is Time4D:
        return _dt.timedelta(seconds=v.s)
    seen = {} if _seen is None else _seen
    if isinstance(v, Coll):
        if id(v) in seen:
            return seen[id(v)]
        out: list[Any] = []
        seen[id(v)] = out
        out.extend(to_python(x, seen) for x in v)
        return out
    if isinstance(v, Obj):
        if id(v) in seen:
            return seen[id(v)]
        d: dict[str, Any] = {}
        seen[id(v)] = d
        for k, x in dict.items(v):
            d[k] = to_python(x, seen)
        return d
    return v  # pointers, formulas, 4D.File...: the 4D object itself


def from_python(v: Any) -> Any:
    """A Python value as the 4D value it stands for."""
    if v is None or isinstance(v, (str, bool)):
        return v
    if isinstance(v, int):
        return float(v)
    if isinstance(v, float):
        return v
    if isinstance(v, _dt.datetime):
        return make_date(v.year, v.month, v.day)
    if isinstance(v, _dt.date):
        return make_date(v.year, v.month, v.day)
    if isinstance(v, _dt.timedelta):
        return Time4D(v.total_seconds())
    if isinstance(v, dict):
        o = Obj()
        for k, x in v.items():
            o[str(k)] = from_python(x)
        return o
    if isinstance(v, (list, tuple)):
        return Coll(from_python(x) for x in v)
    if isinstance(v, (Obj, Coll, Date4D, Time4D)) or getattr(v, "is_4d_object", False):
        return v
    raise TypeError(f"mini4d: a {type(v).__name__} has no 4D equivalent")


def _project_for(project: str | Path | None) -> Any:
    from .project import Project

    if project is None:
        cwd = Path.cwd()
        return Project([cwd], [cwd / "Classes"])
    root = Path(project)
    if root.is_file() and root.suffix.lower() == ".4dproject":
        root = root.parent.parent
    if (root / "Project" / "Sources").is_dir() or (root / "Sources").is_dir():
        return Project.for_project(root)
    return Project.for_script(root / "_.4dm")


class Session:
    """One 4D runtime kept between calls: variables of the main process, Storage, workers, classes.

    `project` is a 4D project folder (or its `.4DProject` file) or a folder of methods and
    `Classes/`; its methods and classes are callable. Output of `ALERT` and friends goes to
    `stdout` (default: Python's `sys.stdout` at the time of writing).
    """

    def __init__(
        self,
        project: str | Path | None = None,
        *,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        user_param: str = "",
    ) -> None:
        from .runtime import Runtime

        self.runtime = Runtime(_project_for(project), stdout=stdout, stderr=stderr)
        self.runtime.user_param = user_param
        self._count = 0

    def run(self, code: str, *args: Any) -> Any:
        """Run 4D code as a method: `args` are its parameters ($1... or #DECLARE); returns what it returns."""
        from .cache import parse_cached
        from .errors import Syntax4DError
        from .source import Source, normalize_newlines

        self._count += 1
        source = Source(f"<embedded {self._count}>", normalize_newlines(code))
        try:
            unit = self.runtime.interp.compile_unit(source.name, parse_cached(source), source)
        except Syntax4DError as err:
            raise Error4D(err) from None
        return self._invoke(unit, args)

    def eval(self, expression: str) -> Any:
        """The value of one 4D expression (`session.eval("3+4*5")` is 35.0)."""
        return self.run("return (" + expression + ")")

    def call(self, method: str, *args: Any) -> Any:
        """Call a project method by name with Python arguments; returns its result."""
        try:
            unit = self.runtime.interp.get_method(method, None)
        except FourDError as err:
            raise Error4D(err) from None
        return self._invoke(unit, args)

    def _invoke(self, unit: Any, args: tuple[Any, ...]) -> Any:
        from .limits import start_thread

        runtime = self.runtime
        values = [from_python(a) for a in args]
        outcome: dict[str, Any] = {}

        def target() -> None:
            runtime.bind_thread(runtime.main)
            try:
                outcome["value"] = runtime.interp.invoke(unit, values, None, None, process=runtime.main)
                runtime.settle()
            except FourDError as err:
                outcome["error"] = err
            except RecursionError:
                outcome["error"] = FourDError(ERR_STACK_OVERFLOW, "Stack overflow: the code is nested too deeply")
            except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
                outcome["internal"] = exc

        old_limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(old_limit, 200000))
        thread, _stack = start_thread(target, "4D Main (embedded)")
        try:
            while thread.is_alive():
                thread.join(0.05)
        except KeyboardInterrupt:
            runtime.stop_all()
            thread.join(2.0)
            runtime.interrupted = False
            for p in runtime.processes.values():
                p.stop_requested = False
            raise
        if "internal" in outcome:
            raise outcome["internal"]
        if "error" in outcome:
            raise Error4D(outcome["error"])
        return to_python(outcome.get("value"))

    def close(self) -> None:
        """End the workers of the session."""
        with self.runtime.proc_lock:
            self.runtime._closing = True
            self.runtime.cond.notify_all()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def run(code: str, *args: Any, project: str | Path | None = None) -> Any:
    """Run 4D code once in a fresh session; returns its result as a Python value (`mini4d.run("return 3+4*5")`)."""
    with Session(project) as session:
        return session.run(code, *args)
