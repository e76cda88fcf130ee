"""A session that follows edits: methods and classes changed on disk are compiled again.

The REPL and the notebook kernel call `EditFollower.check()` once before each entry or cell
(never during one, and scripts or `mini4d run` never do): one stat per folder of the project,
one per method or class file compiled so far. A file whose modification time, size or inode
differs from the last check is read and compared with the text it was compiled from; a file
changed less than two seconds ago is compared again at the next check (two edits within one
tick of the file system's clock would otherwise look like one).

A changed method is compiled again into the same `Code` object, so the call sites that found
it run the new text; a changed class is compiled again into the same `4D.Class` object, so
`cs.Name`, its instances and its singletons see the new functions, together with the loaded
classes that extend it. Variables, Storage and processes are untouched. A file that no longer
compiles (or was deleted) makes the calls that need it fail with its error, until it is fixed.

Notebook cells define methods and classes the same way (`%%method Name`, `%%class Name`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from .errors import ERR_METHOD_NOT_FOUND, FourDError, Syntax4DError
from .project import MAX_SOURCE_BYTES, RACY_NS, MethodText, read_attributes
from .source import Source, SourceDecodeError, decode_source

__all__ = ["EditFollower", "adopt_class", "replace_code"]


def replace_code(old: Any, new: Any) -> None:
    """Give compiled unit `old` the body, slots and parameters of `new`; its next call is specialised again."""
    extra = old.__dict__.keys() - new.__dict__.keys()
    old.__dict__.update(new.__dict__)
    for name in extra:
        del old.__dict__[name]
    old.call = None


def _raising_code(name: str, source: Source | None, make_error: Any) -> Any:
    """A unit whose every call fails with a fresh `make_error()` (a file that no longer compiles, or is gone)."""
    from .core.frames import Code

    code = Code(name, source)

    def fail(f: Any) -> Any:
        raise make_error()

    code.body = fail
    return code


def _copy_error(err: FourDError) -> Any:
    """A function making a fresh copy of `err` (an error collects call-stack lines as it propagates)."""
    if isinstance(err, Syntax4DError):
        return lambda: Syntax4DError(err.message, err.span, getattr(err, "hint", None))
    return lambda: FourDError(err.code, err.message, err.span)


def _not_found(name: str) -> FourDError:
    return FourDError(ERR_METHOD_NOT_FOUND, f'Project method not found: "{name}"')


def adopt_class(old: Any, new: Any) -> Any:
    """Move the definition of class object `new` into `old` (which instances and `cs` refer to); returns `old`."""
    for attr in ("parent", "ctor", "functions", "accessors", "props", "shared", "singleton", "session_singleton"):
        setattr(old, attr, getattr(new, attr))
    old.source = new.source
    old._setup = None
    for fn in old.functions.values():
        _reown(fn, new, old)
    for pair in old.accessors.values():
        for fn in pair:
            if fn is not None:
                _reown(fn, new, old)
    if old.ctor is not None and old.ctor.owner is new:
        old.ctor.owner = old
    for _name, code in old.props:
        if code.owner is new:
            code.owner = old
    return old


def _reown(fn: Any, new: Any, old: Any) -> None:
    if fn.owner is new:
        fn.owner = old
        if fn.code.owner is new:
            fn.code.owner = old


class EditFollower:
    """Keeps the methods and classes compiled in one session runtime in step with their files."""

    def __init__(self, runtime: Any):
        self.runtime = runtime
        self.stamps: dict[str, tuple[int, int, int]] = {}  # file -> signature when its text last matched
        self.unreadable: dict[str, bytes] = {}  # file that is not UTF-8 text -> its bytes (reported once per change)
        self.failed_classes: dict[str, str | None] = {}  # class -> text that failed to compile (None: gone)

    # ---------------------------------------------------------------- checking
    def check(self) -> list[tuple[str, FourDError]]:
        """Compile again what changed on disk; (what, error) for each file that no longer compiles (once per change)."""
        project = self.runtime.project
        project.refresh_listing()
        notes: list[tuple[str, FourDError]] = []
        self._check_methods(project, notes)
        store = self.runtime.interp.class_store
        if store is not None:
            self._check_classes(project, store, notes)
        return notes

    def _current(self, path: Path, compiled: Source | None) -> tuple[bool, MethodText | FourDError | None]:
        """(changed, the file's text now, or the error reading it, or None) for a unit compiled from `compiled`."""
        key = str(path)
        try:
            st = os.stat(path)
        except OSError:
            self.stamps.pop(key, None)
            return True, None
        sig = (st.st_mtime_ns, st.st_size, st.st_ino)
        same_file = compiled is not None and compiled.path == key
        if self.stamps.get(key) == sig and (same_file or key in self.unreadable):
            return False, None
        settled = time.time_ns() - st.st_mtime_ns >= RACY_NS  # else compared again at the next check
        self.stamps.pop(key, None)
        data = b""
        try:
            if st.st_size > MAX_SOURCE_BYTES:
                raise SourceDecodeError(MAX_SOURCE_BYTES, f"file too large ({st.st_size} bytes)")
            data = path.read_bytes()
            if self.unreadable.get(key) == data:
                return False, None  # the same bytes as when it was reported
            text = decode_source(data)
        except (SourceDecodeError, OSError) as exc:
            self.unreadable[key] = data
            if settled:
                self.stamps[key] = sig
            if isinstance(exc, SourceDecodeError):
                why = f"cannot read the file: {exc.reason} at byte offset {exc.offset}"
            else:
                why = str(exc.strerror or exc)
            return True, Syntax4DError(f"{path}: {why}", None)
        self.unreadable.pop(key, None)
        if settled:
            self.stamps[key] = sig
        if same_file and compiled is not None and compiled.text == text:
            return False, None
        return True, MethodText(path.stem, Source(key, text, key), read_attributes(text))

    def _check_methods(self, project: Any, notes: list[tuple[str, FourDError]]) -> None:
        interp = self.runtime.interp
        names = project.method_names()
        for key, code in list(interp.codes.items()):
            if key in project.inline_methods:
                continue
            path = names.get(key)
            if path is None:
                if getattr(code, "missing", False):
                    continue
                name = code.name
                replace_code(code, _raising_code(name, None, lambda name=name: _not_found(name)))
                code.missing = True
                continue
            changed, now = self._current(path, code.source)
            if not changed:
                continue
            if isinstance(now, FourDError):
                replace_code(code, _raising_code(code.name, None, _copy_error(now)))
                notes.append((f"method {code.name}", now))
                continue
            if now is None:
                continue  # gone between the listing and the stat: seen at the next check
            err = self.compile_method(code, now)
            if err is not None:
                notes.append((f"method {now.name}", err))

    def compile_method(self, code: Any, mt: MethodText) -> FourDError | None:
        """Compile `mt` into the existing unit `code`; on an error, calls of `code` fail with it."""
        try:
            new = self._compile(mt)
        except FourDError as err:
            replace_code(code, _raising_code(mt.name, mt.source, _copy_error(err)))
            return err
        replace_code(code, new)
        return None

    def _compile(self, mt: MethodText) -> Any:
        from .cache import parse_cached

        interp = self.runtime.interp
        new = interp.compile_unit(mt.name, parse_cached(mt.source), mt.source)
        new.attributes = mt.attributes
        return new

    def _check_classes(self, project: Any, store: Any, notes: list[tuple[str, FourDError]]) -> None:
        changed: set[str] = set()
        for name, cls in list(store.classes.items()):
            if name in project.inline_classes:
                continue
            path = project.class_path(name)
            if path is None:
                changed.add(name)  # deleted: cs.Name is Undefined, its instances keep their functions
                continue
            is_changed, _now = self._current(path, cls.source)
            if is_changed:
                changed.add(name)
        for name, text in list(self.failed_classes.items()):
            if name in store.classes:
                del self.failed_classes[name]
                continue
            mt = None
            try:
                mt = project.load_class(name)
            except (OSError, SourceDecodeError, FourDError):
                pass
            if (mt.source.text if mt is not None else None) != text:
                changed.add(name)
        if changed:
            self.reload_classes(store, changed, notes)

    def reload_classes(self, store: Any, names: set[str], notes: list[tuple[str, FourDError]]) -> None:
        """Compile classes `names` again, with every loaded class that extends one of them and those that failed."""
        todo = set(names) | set(self.failed_classes)
        for name, cls in store.classes.items():
            c = cls.parent
            while c is not None and not c.builtin:
                if c.name in names:
                    todo.add(name)
                    break
                c = c.parent
        depth = {n: len(store.classes[n].chain()) if n in store.classes else 0 for n in todo}
        seen: set[tuple[Any, ...]] = set()
        with store.lock:
            for name in todo:
                old = store.classes.pop(name, None)
                if old is not None:
                    store.previous[name] = old
            for name in sorted(todo, key=lambda n: (depth[n], n)):
                if name in store.classes:
                    continue  # loaded as the parent of a class compiled before it
                err = self._load_class(store, name)
                if err is not None:
                    where = (err.span.source.name, err.span.start) if err.span is not None else None
                    if (err.code, err.message, where) not in seen:  # a subclass fails with its parent's error
                        seen.add((err.code, err.message, where))
                        notes.append((f"class {name}", err))

    def _load_class(self, store: Any, name: str) -> FourDError | None:
        project = self.runtime.project
        try:
            found = store.get(name)
        except FourDError as err:
            try:
                mt = project.load_class(name)
            except (OSError, SourceDecodeError, FourDError):
                mt = None
            self.failed_classes[name] = mt.source.text if mt is not None else None
            return err
        except (OSError, SourceDecodeError) as exc:
            self.failed_classes[name] = None
            return Syntax4DError(f"class {name}: cannot read the file: {exc}", None)
        if found is None:
            self.failed_classes[name] = None  # deleted: found again if a file of that name comes back
        else:
            self.failed_classes.pop(name, None)
        return None

    # ---------------------------------------------------------------- cells
    def define_method(self, name: str, source: Source) -> FourDError | None:
        """`%%method Name`: the method is the cell's text from now on (None, or the error that kept it out)."""
        project = self.runtime.project
        mt = MethodText(name, source, read_attributes(source.text.lstrip("\n")))
        try:
            new = self._compile(mt)
        except FourDError as err:
            return err
        key = " ".join(name.split()).lower()
        project.inline_methods[key] = mt
        interp = self.runtime.interp
        code = interp.codes.get(key)
        if code is None:
            interp.codes[key] = new
        else:
            replace_code(code, new)
        return None

    def define_class(self, name: str, source: Source) -> FourDError | None:
        """`%%class Name`: the class is the cell's text from now on (None, or the error that kept it out)."""
        from .classes import class_store, load_class

        store = class_store(self.runtime)
        mt = MethodText(name, source)
        with store.lock:
            store.loading.add(name)
            try:
                load_class(store, name, mt)  # compiled once aside: an error changes nothing
            except FourDError as err:
                return err
            finally:
                store.loading.discard(name)
            self.runtime.project.inline_classes[name] = mt
            notes: list[tuple[str, FourDError]] = []
            self.reload_classes(store, {name}, notes)
        return notes[0][1] if notes else None
