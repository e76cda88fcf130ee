"""The user cache folder: parsed methods and the command-name index, keyed by content.

A run whose method text was parsed before loads the node tree from here and never imports
Lark (importing it, loading its tables and building its lexer cost more than the run of a
small script). Every entry is a pickle named by a SHA-256 of what it was made from, plus a
fingerprint of mini4d's own files (grammar, builder, registry, stdlib) and the Python
version, so an entry made by other code is never read. A damaged or unreadable entry is
ignored (and replaced); a cache that cannot be written only costs time. Only nodes, spans,
4D dates and times and registry constants are loaded back: other classes refuse to unpickle.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from pathlib import Path
from typing import Any

from . import __version__

# SHA-256 from the interpreter's own module when it has one: hashlib loads OpenSSL (start-up time)
try:
    from _sha256 import sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256

__all__ = ["cache_dir", "fingerprint", "parse_cached", "read_entry", "write_entry"]

_HERE = Path(__file__).parent
# Folders whose files decide what a parse gives or which names the registry knows.
# mini4d.stdlib is stdlib/ beside lang/ in a source tree, and mini4d/stdlib/ once installed.
_WATCHED = (_HERE, _HERE / "data", _HERE / "stdlib", _HERE.parent / "stdlib")
_fingerprint: str | None = None


def cache_dir() -> Path | None:
    """Folder of the caches (parser tables, parsed methods): $MINI4D_CACHE_DIR, else ~/.cache/mini4d; None when disabled."""
    env = os.environ.get("MINI4D_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mini4d"


def fingerprint() -> str:
    """A digest of mini4d's version, the Python version and the size and time of every source file.

    Stat, not content: it costs a fraction of a millisecond, and an edited file changes its
    modification time (a checkout or an install only causes cache misses).
    """
    global _fingerprint
    if _fingerprint is None:
        h = sha256(f"{__version__}\n{sys.version}\n".encode())
        for folder in _WATCHED:
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            for e in entries:
                if e.name.endswith((".py", ".lark", ".tsv")) and e.is_file():
                    st = e.stat()
                    h.update(f"{folder.name}/{e.name}\t{st.st_size}\t{st.st_mtime_ns}\n".encode())
        _fingerprint = h.hexdigest()
    return _fingerprint


def entry_path(kind: str, *parts: str) -> Path | None:
    """Where the entry made from `parts` lives (None when the cache is disabled)."""
    folder = cache_dir()
    if folder is None:
        return None
    h = sha256(fingerprint().encode())
    for p in parts:
        h.update(b"\0")
        h.update(p.encode("utf-8", "surrogatepass"))
    return folder / kind / f"{h.hexdigest()}.pickle"


# Classes a cache entry may hold (anything else is a damaged or foreign file).
_ALLOWED = {
    "mini4d.nodes": None,  # every node class (checked in find_class)
    "mini4d.source": {"Span"},
    "mini4d.values": {"Date4D", "Time4D"},
    "mini4d.registry": {"CommandInfo", "ConstantInfo"},
    "builtins": {"frozenset", "set", "slice"},
}


class _Unpickler(pickle.Unpickler):
    def __init__(self, fh: Any, persistent: dict[Any, Any] | None, load_id: Any):
        super().__init__(fh)
        self._persistent = persistent or {}
        self._load_id = load_id

    def find_class(self, module: str, name: str) -> Any:
        allowed = _ALLOWED.get(module, ())
        if name.startswith("_") or (allowed is not None and name not in allowed):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")
        cls = super().find_class(module, name)
        if allowed is None:
            from .nodes import Node

            if not (isinstance(cls, type) and issubclass(cls, Node)):
                raise pickle.UnpicklingError(f"{module}.{name} is not a node class")
        return cls

    def persistent_load(self, pid: Any) -> Any:
        if pid in self._persistent:
            return self._persistent[pid]
        if self._load_id is not None:
            return self._load_id(pid)
        raise pickle.UnpicklingError(f"unknown persistent id {pid!r}")


def read_entry(path: Path, persistent: dict[Any, Any] | None = None, load_id: Any = None) -> Any:
    """The object stored at `path`, or None when there is none or it cannot be read.

    `persistent` maps the ids given by `write_entry` back to live objects; `load_id`
    resolves the others (it raises to reject the entry).
    """
    try:
        with open(path, "rb") as fh:
            return _Unpickler(fh, persistent, load_id).load()
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 - damaged, truncated, or from code that no longer exists
        return None


def write_entry(path: Path, obj: Any, persistent_id: Any = None, reducer: Any = None) -> None:
    """Store `obj` at `path` atomically (temporary file then rename), readable by the user only."""

    class Pickler(pickle.Pickler):
        def persistent_id(self, o: Any) -> Any:
            return persistent_id(o) if persistent_id is not None else None

        def reducer_override(self, o: Any) -> Any:
            r = reducer(o) if reducer is not None else None
            return NotImplemented if r is None else r

    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - an unwritable cache (or an object it cannot store) only costs time
        try:
            tmp.unlink()
        except OSError:
            pass


# ------------------------------------------------------------------ parsed methods


def _node_reducer(o: Any) -> Any:
    from . import nodes as N
    from .source import Span

    if isinstance(o, N.Node):
        # nodes are frozen: rebuilt through their constructor, fields in declaration order
        return type(o), tuple(getattr(o, n) for n in type(o).__slots__)
    if type(o) is Span:
        return Span, (o.source, o.start, o.end)
    return None


def parse_cached(source: Any) -> tuple[Any, ...]:
    """`parser.parse_source(source)`, from the cache when this text was parsed before.

    The spans of a loaded tree point at `source`, so positions and error messages are those
    of a fresh parse. Texts that do not parse are never stored: their errors come from Lark.
    """
    from .limits import ensure_recursion_room
    from .registry import REGISTRY, ConstantInfo, norm

    # commands added by an embedding program change what a text parses to: no cache then
    path = None if REGISTRY.extended else entry_path("parsed", source.text)
    if path is not None:

        def load_constant(pid: Any) -> Any:
            key = pid[1] if type(pid) is tuple and pid[0] == "constant" else None
            info = REGISTRY.ensure_commands().constants.get(key)
            if info is None:  # a constant mini4d does not define: known from the names of lang/data
                info = REGISTRY.ensure_names().constants.get(key)
            if info is None:
                raise pickle.UnpicklingError(f"unknown constant {pid!r}")
            return info

        stmts = read_entry(path, {"source": source}, load_constant)
        if type(stmts) is tuple:
            ensure_recursion_room()  # what the parse would have done, for compiling deep code
            return stmts
    from .parser import parse_source

    stmts = parse_source(source)
    if path is not None:

        def persistent_id(o: Any) -> Any:
            if o is source:
                return "source"
            if type(o) is ConstantInfo:  # the registry's own object, found again by name
                key = norm(o.name)
                if REGISTRY.constants.get(key) is not o:
                    raise pickle.PicklingError(f"constant {o.name!r} is not the registry's")
                return ("constant", key)
            return None

        if _shallow(stmts):
            write_entry(path, stmts, persistent_id, _node_reducer)
    return stmts


# pickle writes nested objects by recursion on the C stack: deeper trees are not stored
MAX_STORED_DEPTH = 1000


def _shallow(stmts: tuple[Any, ...]) -> bool:
    """Whether the tree nests nodes and tuples at most MAX_STORED_DEPTH deep (iterative walk)."""
    from . import nodes as N

    stack = [(stmts, 1)]
    while stack:
        o, depth = stack.pop()
        if depth > MAX_STORED_DEPTH:
            return False
        if type(o) is tuple:
            stack.extend((x, depth + 1) for x in o)
        elif isinstance(o, N.Node):
            stack.extend((getattr(o, n), depth + 1) for n in type(o).__slots__)
    return True
