"""Where methods and classes come from: a script's folder or a 4D project folder.

A method `foo` is `foo.4dm` in the script's folder or in `Project/Sources/Methods/`
of an enclosing 4D project; a class `Bar` is `Classes/Bar.4dm` or
`Project/Sources/Classes/Bar.4dm`. Method names ignore case; class names do not.
"""

from __future__ import annotations

import os
import re
import threading
from pathlib import Path
from typing import Any

from .records import dataclass, field
from .source import Source, SourceDecodeError, decode_source

MAX_SOURCE_BYTES = 64 * 1024 * 1024


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
        self.inline_methods: dict[str, MethodText] = {}

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
            if not d.is_dir():
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
        if self._classes is None:
            with self._lock:
                if self._classes is None:
                    self._classes = self._scan(self.class_dirs, fold=False)
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
        return load_file(path, path.stem)

    def class_path(self, name: str) -> Path | None:
        return self.class_names().get(name)

    def invalidate(self) -> None:
        self._methods = None
        self._classes = None


def load_file(path: Path, name: str | None = None) -> MethodText:
    """Read and decode a .4dm file (raises SourceDecodeError or OSError)."""
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise SourceDecodeError(MAX_SOURCE_BYTES, f"file too large ({size} bytes; the limit is {MAX_SOURCE_BYTES})")
    data = path.read_bytes()
    text = decode_source(data)
    return MethodText(name or path.stem, Source(str(path), text, str(path)), read_attributes(text))
