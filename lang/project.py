"""Where methods and classes come from: a script's folder or a 4D project folder.

A method `foo` is `foo.4dm` in the script's folder or in `Project/Sources/Methods/`
of an enclosing 4D project; a class `Bar` is `Classes/Bar.4dm` or
`Project/Sources/Classes/Bar.4dm`. Method names ignore case; class names do not.
"""

from __future__ import annotations

import os
import re
import stat
import threading
import time
from pathlib import Path
from typing import Any

from .records import dataclass, field
from .source import Source, SourceDecodeError, decode_source

MAX_SOURCE_BYTES = 64 * 1024 * 1024
# A file or folder modified less than this ago (ns) may change again within the same clock tick
# without a new modification time: it is compared again at the next check.
RACY_NS = 2_000_000_000
MISSING = -1  # the stamp of a folder that does not exist


@dataclass
class MethodText:
    name: str
    source: Source
    attributes: dict[str, Any] = field(default_factory=dict)


_ATTR_RX = re.compile(r"^\s*//%attributes\s*=\s*(\{.*\})\s*$", re.M)


def read_attributes(text: str) -> dict[str, Any]:
    """The `//%attributes = {...}` header of a method file (shared, executedOnServer, ...)."""
    m = _ATTR_RX.match(text.split("\n", 1)[0]) if text else None
    if not m:
        return {}
    import json  # only for files with attributes (start-up time)

    try:
        value = json.loads(m.group(1))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def find_project_root(start: Path) -> Path | None:
    """The folder holding `Project/Sources` above `start`, if any."""
    p = start.resolve()
    for candidate in (p, *p.parents):
        if (candidate / "Project" / "Sources").is_dir():
            return candidate
        if candidate.name == "Sources" and candidate.parent.name == "Project":
            return candidate.parent.parent
    return None


class Project:
    """Method and class lookup over a list of folders."""

    def __init__(self, method_dirs: list[Path], class_dirs: list[Path] | None = None, root: Path | None = None):
        self.method_dirs = [Path(d) for d in method_dirs]
        self.class_dirs = [Path(d) for d in (class_dirs or [])]
        self.root = root
        self._methods: dict[str, Path] | None = None
        self._classes: dict[str, Path] | None = None
        self._lock = threading.Lock()
        self.inline_methods: dict[str, MethodText] = {}  # methods defined from a REPL entry or notebook cell
        self.inline_classes: dict[str, MethodText] = {}  # classes defined from a notebook cell (%%class)
        # modification time of each folder at its last listing (MISSING, or None: changed too recently to tell)
        self._dir_stamps: dict[Path, int | None] = {}

    @classmethod
    def for_script(cls, script: Path) -> Project:
        folder = script.resolve().parent
        method_dirs = [folder]
        class_dirs = [folder / "Classes"]
        root = find_project_root(folder)
        if root is not None:
            sources = root / "Project" / "Sources"
            method_dirs.append(sources / "Methods")
            class_dirs.append(sources / "Classes")
        return cls(method_dirs, class_dirs, root)

    @classmethod
    def for_project(cls, root: Path) -> Project:
        root = root.resolve()
        sources = root / "Project" / "Sources"
        if not sources.is_dir() and (root / "Sources").is_dir():
            sources = root / "Sources"
            root = root.parent
        return cls([sources / "Methods"], [sources / "Classes"], root)

    def _scan(self, dirs: list[Path], fold: bool) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for d in dirs:
            try:
                st = os.stat(d)
            except OSError:
                self._dir_stamps[d] = MISSING
                continue
            # a folder changed in the last seconds may change again within the same clock tick: listed again
            recent = time.time_ns() - st.st_mtime_ns < RACY_NS
            self._dir_stamps[d] = None if recent else st.st_mtime_ns
            if not stat.S_ISDIR(st.st_mode):
                continue
            for entry in sorted(os.listdir(d)):
                if entry.lower().endswith(".4dm"):
                    stem = entry[:-4]
                    key = stem.lower() if fold else stem
                    found.setdefault(key, d / entry)
        return found

    def method_names(self) -> dict[str, Path]:
        if self._methods is None:
            with self._lock:
                if self._methods is None:
                    self._methods = self._scan(self.method_dirs, fold=True)
        return self._methods

    def class_names(self) -> dict[str, Path]:
        """Class files by class name (case-sensitive); classes defined in cells are listed too."""
        if self._classes is None:
            with self._lock:
                if self._classes is None:
                    self._classes = self._scan(self.class_dirs, fold=False)
        if self.inline_classes:
            return {**self._classes, **{n: Path(mt.source.name) for n, mt in self.inline_classes.items()}}
        return self._classes

    def has_method(self, name: str) -> bool:
        key = " ".join(name.split()).lower()
        return key in self.inline_methods or key in self.method_names()

    def method_path(self, name: str) -> Path | None:
        return self.method_names().get(" ".join(name.split()).lower())

    def load_method(self, name: str) -> MethodText | None:
        key = " ".join(name.split()).lower()
        if key in self.inline_methods:
            return self.inline_methods[key]
        path = self.method_path(name)
        if path is None:
            return None
        return _load_or_fail(path, path.stem)

    def class_path(self, name: str) -> Path | None:
        """The file of class `name` (None for a class defined in a cell, or an unknown one)."""
        if self._classes is None:
            self.class_names()
        return self._classes.get(name) if self._classes is not None else None

    def load_class(self, name: str) -> MethodText | None:
        """The text of class `name`: a cell's definition, else its file (None if there is none)."""
        mt = self.inline_classes.get(name)
        if mt is not None:
            return mt
        path = self.class_path(name)
        return _load_or_fail(path, name) if path is not None else None

    def invalidate(self) -> None:
        self._methods = None
        self._classes = None

    def refresh_listing(self) -> bool:
        """Forget the method and class listings if a folder was changed since (one stat per folder).

        Creating, deleting or renaming a file changes its folder's modification time; the
        listings are then made again at the next lookup. True when they were forgotten.
        """
        for d, stamp in list(self._dir_stamps.items()):
            if stamp is None or _dir_stamp(d) != stamp:
                self._dir_stamps.clear()
                self.invalidate()
                return True
        return False


def _dir_stamp(d: Path) -> int:
    try:
        return os.stat(d).st_mtime_ns
    except OSError:
        return MISSING


def _load_or_fail(path: Path, name: str) -> MethodText:
    """`load_file` for a method or class found by name: a file that cannot be read is a 4D error."""
    from .errors import Syntax4DError

    try:
        return load_file(path, name)
    except SourceDecodeError as exc:
        raise Syntax4DError(f"{path}: cannot read the file: {exc.reason} at byte offset {exc.offset}", None) from None
    except OSError as exc:
        raise Syntax4DError(f"{path}: cannot read the file: {exc.strerror or exc}", None) from None


def load_file(path: Path, name: str | None = None) -> MethodText:
    """Read and decode a .4dm file (raises SourceDecodeError or OSError)."""
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceDecodeError(MAX_SOURCE_BYTES, f"file too large ({size} bytes; the limit is {MAX_SOURCE_BYTES})")
    data = path.read_bytes()
    text = decode_source(data)
    return MethodText(name or path.stem, Source(str(path), text, str(path)), read_attributes(text))
