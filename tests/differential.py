"""Differential runs: the same 4D code compiled with every fast path of the core and with none.

`Twins` holds two runtimes over one project folder: one compiles with the fast paths
(`mini4d.core.fastops.FASTPATHS` True, the default), the other as `MINI4D_NO_FASTPATHS=1`
makes it compile (every construct through its general closure and the rules). `Twins.check`
runs a method in both with fresh copies of the same arguments and asserts the same outcome:
the value returned, the arguments as the method left them, the output, or the same error
(number, message and position).

Values are described by hashable specs (`make` builds a fresh 4D value from one) so that each
run gets its own objects and collections.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mini4d.cache import parse_cached
from mini4d.core import fastops
from mini4d.errors import FourDError
from mini4d.limits import ensure_recursion_room
from mini4d.project import Project
from mini4d.runtime import Runtime
from mini4d.source import Source
from mini4d.values import NULL_DATE, UNDEFINED, Coll, Date4D, Obj, Time4D, new_shared_group

Spec = tuple[Any, ...]


@contextmanager
def fast_paths(on: bool) -> Iterator[None]:
    """Compile (and run: methods and classes compile at their first call) with the fast paths on or off."""
    before = fastops.FASTPATHS
    fastops.FASTPATHS = on
    try:
        yield
    finally:
        fastops.FASTPATHS = before


def make(spec: Spec) -> Any:
    """A fresh 4D value from its spec."""
    kind = spec[0]
    if kind in ("real", "int", "text", "bool"):
        return spec[1]
    if kind == "null":
        return None
    if kind == "undefined":
        return UNDEFINED
    if kind == "date":
        return NULL_DATE if spec[1:] == (0, 0, 0) else Date4D(*spec[1:])
    if kind == "time":
        return Time4D(spec[1])
    if kind in ("object", "shared object"):
        o = Obj()
        for k, v in spec[1]:
            dict.__setitem__(o, k, make(v))
        if kind == "shared object":
            o.group = new_shared_group()
        return o
    if kind == "collection":
        return Coll(make(v) for v in spec[1])
    raise ValueError(spec)


def shape(v: Any, depth: int = 0) -> Any:
    """A 4D value as plain comparable data: its type, and its contents for objects and collections."""
    t = type(v)
    if t is float:
        return ("Real", "nan" if math.isnan(v) else repr(v))
    if t is int:
        return ("Integer", v)
    if t is str or t is bool:
        return (t.__name__, v)
    if v is None:
        return ("Null",)
    if v is UNDEFINED:
        return ("Undefined",)
    if t is Date4D:
        return ("Date", v.y, v.m, v.d)
    if t is Time4D:
        return ("Time", shape(v.s))
    if depth > 8:
        return ("...",)
    if isinstance(v, Coll):
        return ("Collection", v.group is not None, tuple(shape(x, depth + 1) for x in v))
    if isinstance(v, Obj):
        kind = getattr(getattr(v, "cls", None), "name", "Object")
        return (kind, v.group is not None, tuple((k, shape(x, depth + 1)) for k, x in dict.items(v)))
    return (type(v).__name__,)


class Twins:
    """Two runtimes over one project folder: fast paths on, fast paths off."""

    def __init__(self, folder: Path):
        ensure_recursion_room()  # as compiling the first method would, before a test measures the limit
        self.folder = folder
        self.runtimes = {mode: self._runtime() for mode in (True, False)}
        self.codes: dict[tuple[bool, str], Any] = {}
        self.names: dict[str, int] = {}  # one name per method text, the same in both modes

    def _runtime(self) -> Runtime:
        return Runtime(Project.for_script(self.folder / "main.4dm"), stdout=io.StringIO(), stderr=io.StringIO())

    def outcome(self, fast: bool, text: str, specs: tuple[Spec, ...]) -> Any:
        """What running `text` as a method with arguments made from `specs` gives in one mode."""
        runtime = self.runtimes[fast]
        out = runtime.stdout
        assert isinstance(out, io.StringIO)
        out.seek(0)
        out.truncate()
        args = [make(s) for s in specs]
        with fast_paths(fast):
            key = (fast, text)
            code = self.codes.get(key)
            if code is None:
                source = Source(f"t{self.names.setdefault(text, len(self.names))}.4dm", text)
                try:
                    code = runtime.interp.compile_unit(source.name, parse_cached(source), source)
                except FourDError as err:
                    return ("compile error", err.code, err.message)
                self.codes[key] = code
            runtime.bind_thread(runtime.main)
            proc = runtime.main
            proc.depth = 0
            proc.last_errors = None
            try:
                value = runtime.interp.invoke(code, list(args), None, None, process=proc)
            except FourDError as err:
                where = (err.span.line, err.span.col, err.span.end) if err.span is not None else None
                return ("error", err.code, err.message, where, tuple(shape(a) for a in args), out.getvalue())
        return ("value", shape(value), tuple(shape(a) for a in args), out.getvalue())

    def check(self, text: str, *specs: Spec) -> Any:
        """Run `text` in both modes and assert the same outcome; return it."""
        fast = self.outcome(True, text, specs)
        general = self.outcome(False, text, specs)
        assert fast == general, f"\n{text}\nargs: {specs}\nfast:    {fast}\ngeneral: {general}"
        return fast
