"""The user cache folder: parser tables, parsed methods and the command-name index, keyed by content.

A run whose method text was parsed before loads the node tree from here and never imports
Lark (importing it, loading its tables and building its lexer cost more than the run of a
small script). Every entry is a pickle named by a SHA-256 of what it was made from, plus a
fingerprint of mini4d's own files (grammar, builder, registry, stdlib) and the Python
version, so an entry made by other code is never read. A damaged or unreadable entry is
ignored (and replaced); a cache that cannot be written only costs time.

Nothing another user could have written is ever loaded. The folder is created 0700 and its
files 0600. A folder that is not owned by the user, or is writable by group or others, and a
file that is not a regular file (symbolic link, FIFO, device), not owned by the user or
writable by others, are ignored with a one-line warning on stderr (once per run). Files are
opened without following links and without blocking, then checked on the open descriptor,
inside a folder opened and checked the same way. Entries are read back with restricted
unpicklers: only nodes, spans, 4D dates and times and registry records (or, for the parser
tables, the three objects named in lang/parser.py) can be made; nothing else is resolved.
"""

from __future__ import annotations

import os
import pickle
import stat
import sys
import threading
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from . import __version__
from .limits import MAX_CACHED_CHARS, collector_paused

# SHA-256 from the interpreter's own module when it has one: hashlib loads OpenSSL (start-up time)
try:
    from _sha256 import sha256  # Python 3.11
except ImportError:
    try:
        from _sha2 import sha256  # Python 3.12 and later
    except ImportError:
        from hashlib import sha256

__all__ = [
    "cache_dir",
    "fingerprint",
    "parse_cached",
    "read_entry",
    "write_entry",
    "read_private",
    "write_private",
    "restricted_loads",
]

_HERE = Path(__file__).parent
# Folders whose files decide what a parse gives or which names the registry knows.
# mini4d.stdlib is stdlib/ beside lang/ in a source tree, and mini4d/stdlib/ once installed.
_WATCHED = (_HERE, _HERE / "data", _HERE / "stdlib", _HERE.parent / "stdlib")
_fingerprint: str | None = None


def cache_dir() -> Path | None:
    """Folder of the caches: $MINI4D_CACHE_DIR, else $XDG_CACHE_HOME/mini4d or ~/.cache/mini4d; None when disabled."""
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


# ------------------------------------------------------------------ safe files

# POSIX: folders opened as descriptors, files opened relative to them (no link followed).
_POSIX = hasattr(os, "getuid") and os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_warned: set[str] = set()


def _warn(key: str, message: str) -> None:
    """One line on stderr, once per run for each kind of problem."""
    if key in _warned:
        return
    _warned.add(key)
    try:
        sys.stderr.write(f"mini4d: warning: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _problem(st: os.stat_result, folder: bool) -> str | None:
    """Why a folder or file may not be trusted, or None."""
    if folder and not stat.S_ISDIR(st.st_mode):
        return "it is not a folder"
    if not folder and not stat.S_ISREG(st.st_mode):
        return "it is not a regular file"
    if st.st_uid != os.getuid():
        return "it is not owned by the current user"
    if st.st_mode & 0o022:
        return "it is writable by other users"
    return None


def _open_folder(folder: Path, create: bool) -> int | None:
    """A descriptor of a checked cache folder (`folder` is the cache folder or one of its subfolders)."""
    root = cache_dir()
    if root is None:
        return None
    chain = [folder.name] if folder.parent == root else []
    top = root if chain else folder
    try:
        if create:
            top.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            lst = os.lstat(top)
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(lst.st_mode) and lst.st_uid != os.getuid():
            _warn(f"folder:{top}", f"cache folder {top} ignored: it is a link owned by another user")
            return None
        fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        why = _problem(st, folder=True)
        if why is not None:
            _warn(f"folder:{top}", f"cache folder {top} ignored: {why}")
            os.close(fd)
            return None
        if st.st_mode & 0o077:  # made readable by others (older mini4d versions): the user's only now
            try:
                os.fchmod(fd, 0o700)
            except OSError:
                pass
        for name in chain:
            if create:
                try:
                    os.mkdir(name, 0o700, dir_fd=fd)
                except FileExistsError:
                    pass
            try:
                sub = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except FileNotFoundError:
                os.close(fd)
                return None
            except OSError:  # a link, a file, a FIFO in the place of the folder
                _warn(f"folder:{top / name}", f"cache folder {top / name} ignored: it is not a folder")
                os.close(fd)
                return None
            os.close(fd)
            fd = sub
            why = _problem(os.fstat(fd), folder=True)
            if why is not None:
                _warn(f"folder:{top / name}", f"cache folder {top / name} ignored: {why}")
                os.close(fd)
                return None
        return fd
    except OSError:
        os.close(fd)
        return None


def _read_file(folder: Path, name: str) -> bytes | None:
    """The bytes of `folder/name` if it is a regular file of the user's that only the user may write."""
    if not _POSIX:
        path = folder / name
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                return None
            return path.read_bytes()
        except OSError:
            return None
    dfd = _open_folder(folder, create=False)
    if dfd is None:
        return None
    try:
        try:
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | _CLOEXEC, dir_fd=dfd)
        except FileNotFoundError:
            return None
        except OSError:  # ELOOP: a symbolic link (never followed)
            _warn(f"file:{folder}", f"cache file {folder / name} ignored: it is a symbolic link")
            return None
        try:
            st = os.fstat(fd)
            why = _problem(st, folder=False)
            if why is not None:
                _warn(f"file:{folder}", f"cache file {folder / name} ignored: {why}")
                return None
            chunks = []
            size = 0
            while True:
                chunk = os.read(fd, max(st.st_size - size, 0) + 65536)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError:
        return None
    finally:
        os.close(dfd)


def _write_file(folder: Path, name: str, dump: Callable[[Any], None]) -> None:
    """Write `folder/name` (mode 0600) through a temporary file then a rename; failures only cost time."""
    tmp = f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"
    if not _POSIX:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            with open(folder / tmp, "wb") as fh:
                dump(fh)
            os.replace(folder / tmp, folder / name)
        except Exception:  # noqa: BLE001 - an unwritable cache only costs time
            try:
                (folder / tmp).unlink()
            except OSError:
                pass
        return
    dfd = _open_folder(folder, create=True)
    if dfd is None:
        return
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC, 0o600, dir_fd=dfd)
        try:
            with os.fdopen(fd, "wb") as fh:
                dump(fh)
            os.replace(tmp, name, src_dir_fd=dfd, dst_dir_fd=dfd)
        except BaseException:
            try:
                os.unlink(tmp, dir_fd=dfd)
            except OSError:
                pass
            raise
    except Exception:  # noqa: BLE001 - an unwritable cache (or an object it cannot store) only costs time
        pass
    finally:
        os.close(dfd)


def read_private(name: str) -> bytes | None:
    """The bytes of the file `name` at the top of the cache folder, if it can be trusted."""
    folder = cache_dir()
    return None if folder is None else _read_file(folder, name)


def write_private(name: str, dump: Callable[[Any], None]) -> None:
    """Write the file `name` at the top of the cache folder with `dump(binary file)`."""
    folder = cache_dir()
    if folder is not None:
        _write_file(folder, name, dump)


# ------------------------------------------------------------------ restricted unpickling


class _GlobalsUnpickler(pickle.Unpickler):
    """Resolves only the (module, name) pairs it is given: plain data otherwise."""

    def __init__(self, fh: Any, allowed: Collection[tuple[str, str]]):
        super().__init__(fh)
        self._allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self._allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed here")
        return super().find_class(module, name)


def restricted_loads(fh: Any, allowed: Collection[tuple[str, str]]) -> Any:
    """The next object pickled in `fh`, made of plain data and the `allowed` globals only."""
    return _GlobalsUnpickler(fh, allowed).load()


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
    """The object stored at `path`, or None when there is none or it cannot be read or trusted.

    `persistent` maps the ids given by `write_entry` back to live objects; `load_id`
    resolves the others (it raises to reject the entry).
    """
    data = _read_file(path.parent, path.name)
    if data is None:
        return None
    import io

    try:
        with collector_paused():  # many objects, no cycles (lang/limits.py)
            return _Unpickler(io.BytesIO(data), persistent, load_id).load()
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

    with collector_paused():
        _write_file(path.parent, path.name, lambda fh: Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(obj))


# ------------------------------------------------------------------ parsed methods


def _node_reducer() -> Any:
    """The pickle reducer of syntax nodes (frozen: rebuilt through their constructor) and spans."""
    from .nodes import Node
    from .source import Span

    def reduce(o: Any) -> Any:
        t = type(o)
        if t is Span:
            return Span, (o.source, o.start, o.end)
        if isinstance(o, Node):
            return t, tuple(getattr(o, n) for n in t.__slots__)  # fields in declaration order
        return None

    return reduce


def parse_cached(source: Any) -> tuple[Any, ...]:
    """`parser.parse_source(source)`, from the cache when this text was parsed before.

    The spans of a loaded tree point at `source`, so positions and error messages are those
    of a fresh parse. Texts that do not parse are never stored: their errors come from Lark.
    """
    from .limits import ensure_recursion_room
    from .registry import REGISTRY, ConstantInfo, norm

    # commands added by an embedding program change what a text parses to: no cache then
    path = None if REGISTRY.extended or len(source.text) > MAX_CACHED_CHARS else entry_path("parsed", source.text)
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
            write_entry(path, stmts, persistent_id, _node_reducer())
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
