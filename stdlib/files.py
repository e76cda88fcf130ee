"""Files and folders: File, Folder (4D.File, 4D.Folder), Document to text, TEXT TO DOCUMENT, Get 4D folder.

Paths follow developer.4d.com/docs/Concepts/paths: POSIX paths by default, `fk platform path`
for the system's own syntax (on Linux and macOS both are POSIX paths), and the filesystems
`/PACKAGE`, `/PROJECT`, `/SOURCES`, `/RESOURCES`, `/DATA`, `/LOGS` of the running project. A
script outside a project uses its own folder as the package folder (the current folder for
`mini4d -c` and the REPL).
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path
from typing import Any

from mini4d.errors import ERR_ARG_TYPE, ERR_ARG_VALUE, ERR_NOT_A_FUNCTION, ERR_NOT_SUPPORTED, ERR_READONLY, FourDError
from mini4d.registry import command, constant
from mini4d.values import IS_OBJECT, NULL_DATE, UNDEFINED, Coll, Obj, Time4D, make_date

constant("fk posix path", 0, "K87:1", theme="File and Folder")
constant("fk platform path", 1, "K87:2", theme="File and Folder")
constant("fk alias link", 0, "K87:3", theme="File and Folder")
constant("fk symbolic link", 1, "K87:4", theme="File and Folder")
constant("fk overwrite", 4, "K87:5", theme="File and Folder")
constant("fk recursive", 1, "K87:7", theme="File and Folder")
constant("fk ignore invisible", 8, "K87:22", theme="File and Folder")
constant("fk user preferences folder", 0, "K87:10", theme="File and Folder")
constant("fk licenses folder", 1, theme="File and Folder")
constant("fk remote database folder", 3, theme="File and Folder")
constant("fk database folder", 4, "K87:14", theme="File and Folder")
constant("fk resources folder", 6, "K87:11", theme="File and Folder")
constant("fk logs folder", 7, "K87:17", theme="File and Folder")
constant("fk web root folder", 8, theme="File and Folder")
constant("fk data folder", 9, "K87:12", theme="File and Folder")
constant("fk mobileApps folder", 10, "K87:18", theme="File and Folder")
constant("fk system folder", 100, "K87:13", theme="File and Folder")
constant("fk desktop folder", 115, "K87:19", theme="File and Folder")
constant("fk applications folder", 116, "K87:20", theme="File and Folder")
constant("fk documents folder", 117, "K87:21", theme="File and Folder")
constant("Delete only if empty", 0, theme="File and Folder")
constant("Delete with contents", 1, theme="File and Folder")
constant("Document unchanged", 0, "K24:18", theme="System Documents")
constant("Document with native format", 1, theme="System Documents")
constant("Document with CRLF", 2, "K24:20", theme="System Documents")
constant("Document with CR", 3, "K24:21", theme="System Documents")
constant("Document with LF", 4, "K24:22", theme="System Documents")
constant("Active 4D Folder", 0, "K5:10", theme="4D Environment")
constant("Licenses folder", 1, "K5:11", theme="4D Environment")
constant("Database folder", 4, "K5:14", theme="4D Environment")
constant("Database folder UNIX syntax", 5, "K5:15", theme="4D Environment")
constant("Current resources folder", 6, "K5:16", theme="4D Environment")
constant("Logs folder", 7, "K5:19", theme="4D Environment")
constant("HTML Root folder", 8, "K5:20", theme="4D Environment")
constant("Data folder", 9, "K5:33", theme="4D Environment")
constant("MobileApps folder", 10, "K5:47", theme="4D Environment")

# 4D's file-system error codes (Mac OS error numbers that 4D reports for documents)
ERR_FILE_NOT_FOUND = -43
ERR_DUPLICATE = -48
ERR_FOLDER_NOT_EMPTY = -47
ERR_FOLDER_NOT_FOUND = -120
ERR_IO = -36

FILESYSTEMS = ("PACKAGE", "PROJECT", "SOURCES", "RESOURCES", "DATA", "LOGS")
NATIVE_BREAK = "\r\n" if os.name == "nt" else "\n"  # "native format": LF on macOS and Linux, CRLF on Windows
_MIB = {
    3: "ascii",
    4: "latin-1",
    106: "utf-8",
    1013: "utf-16-be",
    1014: "utf-16-le",
    1015: "utf-16",
    1017: "utf-32",
    2027: "mac-roman",
    2252: "cp1252",
}
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


# ------------------------------------------------------------------ the folders of the running project


def package_folder(ctx: Any) -> Path:
    """`/PACKAGE`: the project root (the folder holding `Project/`), else the script's folder or the current one."""
    project = ctx.runtime.project
    root = getattr(project, "root", None)
    if root is not None:
        return Path(root)
    dirs = getattr(project, "method_dirs", None)
    if dirs:
        return Path(dirs[0]).resolve()
    return Path.cwd()


def filesystem_root(ctx: Any, name: str) -> Path:
    """The folder a filesystem name designates (paths.md)."""
    pkg = package_folder(ctx)
    is_project = getattr(ctx.runtime.project, "root", None) is not None
    if name == "PACKAGE":
        return pkg
    if name == "PROJECT":
        return pkg / "Project" if is_project else pkg
    if name == "SOURCES":
        return pkg / "Project" / "Sources" if is_project else pkg
    if name == "RESOURCES":
        return pkg / "Resources"
    if name == "DATA":
        return pkg / "Data"
    return pkg / "Data" / "Logs"  # LOGS


def _user_folder(*parts: str) -> Path:
    return Path.home().joinpath(*parts)


def _config_home() -> Path:
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")


# ------------------------------------------------------------------ File and Folder objects


def _bad_path(message: str) -> FourDError:
    return FourDError(ERR_ARG_VALUE, message)


class _Item:
    """What 4D.File and 4D.Folder share: a path (maybe under a filesystem), names, dates."""

    is_4d_object = True
    value_type_code = IS_OBJECT
    is_folder = False
    class_name = "Document"

    def __init__(self, real: Path, fs: str | None = None, rel: tuple[str, ...] = ()):
        self.real = real
        self.fs = fs
        self.rel = rel

    # paths
    @property
    def path(self) -> str:
        tail = "/" if self.is_folder else ""
        if self.fs is not None:
            inner = "/".join(self.rel)
            return f"/{self.fs}/{inner}{tail}" if inner else f"/{self.fs}/"
        text = self.real.as_posix()
        return text if text.endswith("/") else text + tail

    @property
    def platform_path(self) -> str:
        text = str(self.real)
        if self.is_folder and not text.endswith(os.sep):
            text += os.sep
        return text

    def child(self, name: str, folder: bool) -> _Item:
        kind = Folder4D if folder else File4D
        return kind(self.real / name, self.fs, (*self.rel, name) if self.fs is not None else ())

    def parent(self) -> Any:
        if self.fs is not None and self.rel:
            return Folder4D(self.real.parent, self.fs, self.rel[:-1])
        if self.real.parent == self.real:
            return None
        return Folder4D(self.real.parent)

    def _stat(self) -> os.stat_result | None:
        try:
            return self.real.stat()
        except OSError:
            return None

    def _name_parts(self) -> tuple[str, str]:
        full = self.real.name
        dot = full.rfind(".")
        if dot <= 0:
            return full, ""
        return full[:dot], full[dot:]

    # 4D view
    def get_4d_property(self, name: str) -> Any:
        if name == "path":
            return self.path
        if name == "platformPath":
            return self.platform_path
        if name == "fullName":
            return self.real.name
        if name == "name":
            return self._name_parts()[0]
        if name == "extension":
            return self._name_parts()[1]
        if name == "exists":
            return self.real.is_dir() if self.is_folder else self.real.is_file()
        if name == "isFile":
            return not self.is_folder
        if name == "isFolder":
            return self.is_folder
        if name == "isAlias":
            return self.real.is_symlink()
        if name == "hidden":
            return self.real.name.startswith(".")
        if name == "isWritable":
            return self.real.exists() and os.access(self.real, os.W_OK)
        if name == "parent":
            return self.parent()
        if name == "original":
            if self.real.is_symlink():
                target = self.real.resolve()
                return Folder4D(target) if target.is_dir() else File4D(target)
            return self
        if name in ("creationDate", "creationTime", "modificationDate", "modificationTime"):
            st = self._stat()
            if st is None:
                return NULL_DATE if name.endswith("Date") else Time4D(0)
            stamp = st.st_mtime if name.startswith("modification") else getattr(st, "st_birthtime", st.st_mtime)
            t = time.localtime(stamp)
            if name.endswith("Date"):
                return make_date(t.tm_year, t.tm_mon, t.tm_mday)
            return Time4D(t.tm_hour * 3600 + t.tm_min * 60 + t.tm_sec)
        return self._more_property(name)

    def _more_property(self, name: str) -> Any:
        return UNDEFINED

    def set_4d_property(self, name: str, value: Any) -> None:
        raise FourDError(ERR_READONLY, f'The property "{name}" of a {self.kind_name} is read-only')

    @property
    def kind_name(self) -> str:
        return "4D.Folder" if self.is_folder else "4D.File"

    def keys_4d(self) -> list[str]:
        return []

    def to_json(self) -> Any:
        return Obj()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Item) and other.is_folder == self.is_folder and other.real == self.real

    def __hash__(self) -> int:
        return hash((self.is_folder, self.real))

    def __repr__(self) -> str:
        return f"<{self.kind_name} {self.path}>"

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        method = getattr(self, "m_" + name, None)
        if method is None:
            if name in _NOT_SUPPORTED_MEMBERS:
                raise FourDError(ERR_NOT_SUPPORTED, f"{self.kind_name}.{name}() is not supported by mini4d", span)
            raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a {self.kind_name}', span)
        return method(*args)

    # shared functions
    def _destination(self, folder: Any, new_name: Any, what: str) -> Path:
        if not isinstance(folder, Folder4D):
            raise FourDError(ERR_ARG_TYPE, f".{what}() needs a 4D.Folder as destination")
        if not folder.real.is_dir():
            raise FourDError(ERR_FOLDER_NOT_FOUND, f'The destination folder "{folder.path}" does not exist')
        name = self.real.name if new_name in (None, UNDEFINED, "") else _check_name(new_name)
        return folder.real / name

    def _rebuilt(self, real: Path) -> Any:
        kind = Folder4D if self.is_folder else File4D
        return kind(real)


_NOT_SUPPORTED_MEMBERS = ("createAlias", "getIcon", "getAppInfo", "setAppInfo", "getContent", "setContent", "open")


def _check_name(name: Any) -> str:
    if type(name) is not str:
        raise FourDError(ERR_ARG_TYPE, "A name must be a text")
    if not name or "/" in name or "\\" in name or ":" in name or name in (".", "..") or "\x00" in name:
        raise _bad_path(f'"{name}" is not a valid file or folder name')
    return name


def _int_option(v: Any, what: str) -> int:
    if v is None or v is UNDEFINED:
        return 0
    if type(v) not in (float, int) or type(v) is bool:
        raise FourDError(ERR_ARG_TYPE, f"{what} must be a number")
    return int(v)


class File4D(_Item):
    """A 4D.File: a file that may or may not exist on disk."""

    class_name = "File"

    def _more_property(self, name: str) -> Any:
        if name == "size":
            st = self._stat()
            return float(st.st_size) if st is not None and stat.S_ISREG(st.st_mode) else 0.0
        return UNDEFINED

    def m_create(self) -> bool:
        if self.real.exists():
            return False
        try:
            self.real.parent.mkdir(parents=True, exist_ok=True)
            self.real.touch(exist_ok=False)
        except OSError:
            return False
        return True

    def m_delete(self) -> Any:
        try:
            if self.real.is_file() or self.real.is_symlink():
                self.real.unlink()
        except OSError as exc:
            raise _os_error(exc, self) from None
        return UNDEFINED

    def m_getText(self, charset: Any = None, break_mode: Any = None) -> str:
        return read_text(self.real, charset, break_mode, default="utf-8")

    def m_setText(self, text: Any, charset: Any = None, break_mode: Any = None) -> Any:
        if type(text) is not str:
            raise FourDError(ERR_ARG_TYPE, ".setText() needs a text")
        write_text(self.real, text, charset, break_mode, bom=True)
        return UNDEFINED

    def m_copyTo(self, folder: Any = None, new_name: Any = None, overwrite: Any = None) -> File4D:
        if type(new_name) in (float, int) and overwrite is None:
            new_name, overwrite = None, new_name
        target = self._destination(folder, new_name, "copyTo")
        if not self.real.is_file():
            raise FourDError(ERR_FILE_NOT_FOUND, f'The file "{self.path}" does not exist')
        if target.exists() and not _int_option(overwrite, "overwrite") & 4:
            raise FourDError(ERR_DUPLICATE, f'"{target.name}" already exists in "{folder.path}"')
        try:
            shutil.copy2(self.real, target)
        except OSError as exc:
            raise _os_error(exc, self) from None
        return folder.child(target.name, False)

    def m_moveTo(self, folder: Any = None, new_name: Any = None) -> File4D:
        target = self._destination(folder, new_name, "moveTo")
        return self._move(target, folder)

    def m_rename(self, new_name: Any = None) -> Any:
        return self._move(self.real.parent / _check_name(new_name), self.parent())

    def _move(self, target: Path, folder: Any) -> Any:
        if not self.real.exists():
            raise FourDError(ERR_FILE_NOT_FOUND, f'The {self.kind_name[3:].lower()} "{self.path}" does not exist')
        if target.exists():
            raise FourDError(ERR_DUPLICATE, f'"{target.name}" already exists')
        try:
            shutil.move(str(self.real), str(target))
        except OSError as exc:
            raise _os_error(exc, self) from None
        if folder is not None:
            return folder.child(target.name, self.is_folder)
        return self._rebuilt(target)


class Folder4D(_Item):
    """A 4D.Folder: a folder that may or may not exist on disk."""

    class_name = "Folder"
    is_folder = True

    def _more_property(self, name: str) -> Any:
        if name == "isPackage":
            return False
        return UNDEFINED

    def m_create(self) -> bool:
        if self.real.exists():
            return False
        try:
            self.real.mkdir(parents=True)
        except OSError:
            return False
        return True

    def m_delete(self, option: Any = None) -> Any:
        mode = _int_option(option, "The delete option")
        if mode == 1:
            if self.real.is_dir():
                try:
                    shutil.rmtree(self.real)
                except OSError as exc:
                    raise _os_error(exc, self) from None
            return UNDEFINED
        if not self.real.is_dir():
            raise FourDError(ERR_FOLDER_NOT_FOUND, f'The folder "{self.path}" does not exist')
        if any(self.real.iterdir()):
            raise FourDError(ERR_FOLDER_NOT_EMPTY, f'The folder "{self.path}" is not empty')
        try:
            self.real.rmdir()
        except OSError as exc:
            raise _os_error(exc, self) from None
        return UNDEFINED

    def _relative(self, path: Any, folder: bool) -> Any:
        if type(path) is not str:
            raise FourDError(ERR_ARG_TYPE, "A relative path (text) was expected")
        if path.startswith("/"):
            raise _bad_path(f'"{path}": .file() and .folder() take a path relative to the folder')
        parts = [p for p in path.split("/") if p not in ("", ".")]
        if not parts and not folder:
            raise _bad_path(f'"{path}" does not name a file')
        item: _Item = self
        for i, part in enumerate(parts):
            if part == "..":
                up = item.parent()
                if up is None or (self.fs is not None and item.fs is not None and not item.rel):
                    raise _bad_path(f'"{path}" goes above its folder')
                item = up
                continue
            item = item.child(part, folder or i < len(parts) - 1)
        if folder and not item.is_folder:
            item = Folder4D(item.real, item.fs, item.rel)
        if not folder and item.is_folder:
            item = File4D(item.real, item.fs, item.rel)
        return item

    def m_file(self, path: Any = None) -> Any:
        return self._relative(path, folder=False)

    def m_folder(self, path: Any = None) -> Any:
        return self._relative(path, folder=True)

    def _list(self, options: Any, folders: bool) -> Coll:
        opts = _int_option(options, "The options")
        out = Coll()
        if not self.real.is_dir():
            return out
        recursive = bool(opts & 1)
        skip_hidden = bool(opts & 8)

        def walk(item: Folder4D) -> None:
            try:
                names = sorted(os.listdir(item.real))
            except OSError:
                return
            for n in names:
                if skip_hidden and n.startswith("."):
                    continue
                p = item.real / n
                is_dir = p.is_dir()
                child = item.child(n, is_dir)
                if is_dir == folders:
                    out.append(child)
                if is_dir and recursive and not p.is_symlink():
                    walk(child)  # type: ignore[arg-type]

        walk(self)
        return out

    def m_files(self, options: Any = None) -> Coll:
        return self._list(options, folders=False)

    def m_folders(self, options: Any = None) -> Coll:
        return self._list(options, folders=True)

    def m_copyTo(self, folder: Any = None, new_name: Any = None, overwrite: Any = None) -> Folder4D:
        if type(new_name) in (float, int) and overwrite is None:
            new_name, overwrite = None, new_name
        target = self._destination(folder, new_name, "copyTo")
        if not self.real.is_dir():
            raise FourDError(ERR_FOLDER_NOT_FOUND, f'The folder "{self.path}" does not exist')
        if target.exists():
            if not _int_option(overwrite, "overwrite") & 4:
                raise FourDError(ERR_DUPLICATE, f'"{target.name}" already exists in "{folder.path}"')
        try:
            shutil.copytree(self.real, target, dirs_exist_ok=True)
        except OSError as exc:
            raise _os_error(exc, self) from None
        return folder.child(target.name, True)

    def m_moveTo(self, folder: Any = None, new_name: Any = None) -> Folder4D:
        target = self._destination(folder, new_name, "moveTo")
        return File4D._move(self, target, folder)  # type: ignore[arg-type]

    def m_rename(self, new_name: Any = None) -> Any:
        return File4D._move(self, self.real.parent / _check_name(new_name), self.parent())  # type: ignore[arg-type]


def _os_error(exc: OSError, item: _Item) -> FourDError:
    if isinstance(exc, FileNotFoundError):
        return FourDError(ERR_FILE_NOT_FOUND, f'"{item.path}" does not exist')
    if isinstance(exc, FileExistsError):
        return FourDError(ERR_DUPLICATE, f'"{item.path}" already exists')
    if isinstance(exc, PermissionError):
        return FourDError(-54, f'"{item.path}": permission denied')
    return FourDError(ERR_IO, f'"{item.path}": {exc.strerror or exc}')


# ------------------------------------------------------------------ text in documents


def _codec(charset: Any, default: str) -> tuple[str, bool | None]:
    """(Python codec, BOM wanted or None for the default) of a 4D character set name or MIBEnum number."""
    if charset is None or charset is UNDEFINED or charset == "":
        return default, None
    if type(charset) in (float, int) and type(charset) is not bool:
        codec = _MIB.get(int(charset))
        if codec is None:
            raise FourDError(ERR_ARG_VALUE, f"Unknown character set number {int(charset)}")
        return codec, None
    if type(charset) is not str:
        raise FourDError(ERR_ARG_TYPE, "A character set is a name (text) or a number")
    name = charset.strip()
    bom: bool | None = None
    if name.lower().endswith("-no-bom"):
        name, bom = name[:-7], False
    import codecs

    try:
        return codecs.lookup(name).name, bom
    except LookupError:
        raise FourDError(ERR_ARG_VALUE, f'Unknown character set "{charset}"') from None


def _breaks(text: str, mode: Any) -> str:
    m = 1 if mode is None or mode is UNDEFINED else _int_option(mode, "The line break mode")
    if m == 0:
        return text
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    target = {1: NATIVE_BREAK, 2: "\r\n", 3: "\r", 4: "\n"}.get(m)
    if target is None:
        raise FourDError(ERR_ARG_VALUE, f"Unknown line break mode {m}")
    return unified if target == "\n" else unified.replace("\n", target)


def read_text(path: Path, charset: Any, break_mode: Any, default: str) -> str:
    """A document's text: its BOM decides the character set, else `charset`, else `default`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FourDError(ERR_FILE_NOT_FOUND, f'The document "{path}" does not exist') from None
    except IsADirectoryError:
        raise FourDError(ERR_FILE_NOT_FOUND, f'"{path}" is a folder, not a document') from None
    except OSError as exc:
        raise FourDError(ERR_IO, f'"{path}": {exc.strerror or exc}') from None
    codec, _ = _codec(charset, default)
    for mark, enc in _BOMS:
        if data.startswith(mark):
            data, codec = data[len(mark) :], enc
            break
    text = data.decode(codec, errors="replace")
    return _breaks(text, break_mode)


def write_text(path: Path, text: str, charset: Any, break_mode: Any, bom: bool) -> None:
    """Write a document's text; `bom` is the default for UTF-8 without a `-no-bom` charset."""
    codec, bom_choice = _codec(charset, "utf-8")
    want_bom = bom if bom_choice is None else bom_choice
    body = _breaks(text, break_mode)
    try:
        data = body.encode(codec, errors="strict")
    except UnicodeEncodeError:
        data = body.encode(codec, errors="replace")
    if want_bom and codec.replace("_", "-") in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
        if codec == "utf-8":
            data = b"\xef\xbb\xbf" + data
        elif codec == "utf-16-le":
            data = b"\xff\xfe" + data
        elif codec == "utf-16-be":
            data = b"\xfe\xff" + data
    try:
        path.parent.mkdir(parents=True, exist_ok=True) if path.parent != path else None
        path.write_bytes(data)
    except IsADirectoryError:
        raise FourDError(ERR_DUPLICATE, f'"{path}" is a folder') from None
    except OSError as exc:
        raise FourDError(ERR_IO, f'"{path}": {exc.strerror or exc}') from None


# ------------------------------------------------------------------ commands


def _item(ctx: Any, path: Any, path_type: Any, folder: bool) -> _Item:
    kind = Folder4D if folder else File4D
    if type(path) is not str:
        raise FourDError(ERR_ARG_TYPE, f"{'Folder' if folder else 'File'}: a path (text) or a constant was expected")
    mode = _int_option(path_type, "The path type")
    if mode not in (0, 1):
        raise FourDError(ERR_ARG_VALUE, f"Unknown path type {mode} (fk posix path or fk platform path)")
    text = path
    if mode == 1 and os.sep != "/":
        text = text.replace(os.sep, "/")
    if not text.startswith("/"):
        raise _bad_path(f'"{path}" is not an absolute path (File and Folder need one; use a filesystem like "/DATA/")')
    parts = [p for p in text.split("/") if p not in ("", ".")]
    fs = parts[0] if parts and mode == 0 and parts[0] in FILESYSTEMS else None
    if fs is not None:
        rest: list[str] = []
        for p in parts[1:]:
            if p == "..":
                if not rest:
                    raise _bad_path(f'"{path}" goes above the {fs} filesystem')
                rest.pop()
            else:
                rest.append(p)
        real = filesystem_root(ctx, fs).joinpath(*rest)
        return kind(real, fs, tuple(rest))
    real = Path(os.path.normpath("/" + "/".join(parts)))
    return kind(real)


_FOLDER_CONSTANTS: dict[int, Any] = {
    4: lambda ctx: Folder4D(filesystem_root(ctx, "PACKAGE"), "PACKAGE", ()),
    6: lambda ctx: Folder4D(filesystem_root(ctx, "RESOURCES"), "RESOURCES", ()),
    7: lambda ctx: Folder4D(filesystem_root(ctx, "LOGS"), "LOGS", ()),
    8: lambda ctx: Folder4D(filesystem_root(ctx, "PACKAGE") / "WebFolder", "PACKAGE", ("WebFolder",)),
    9: lambda ctx: Folder4D(filesystem_root(ctx, "DATA"), "DATA", ()),
    10: lambda ctx: Folder4D(filesystem_root(ctx, "DATA") / "MobileApps", "DATA", ("MobileApps",)),
    0: lambda ctx: Folder4D(_config_home() / "4D"),
    100: lambda ctx: Folder4D(Path("/")),
    115: lambda ctx: Folder4D(_user_folder("Desktop")),
    117: lambda ctx: Folder4D(_user_folder("Documents")),
}


@command("File", 1566, "Files and Folders")
def file_(ctx: Any, path: Any, path_type: Any = None, *, star: bool = False) -> Any:
    """A 4D.File for a path (POSIX by default, or `fk platform path`); 4D file constants are not supported."""
    if type(path) in (float, int) and type(path) is not bool:
        raise FourDError(ERR_NOT_SUPPORTED, "File(constant): the 4D files (logs, settings, backups) do not exist here")
    return _item(ctx, path, path_type, folder=False)


@command("Folder", 1567, "Files and Folders")
def folder_(ctx: Any, path: Any, path_type: Any = None, *, star: bool = False) -> Any:
    """A 4D.Folder for a path or a folder constant (`fk data folder`, `fk documents folder`...)."""
    if type(path) in (float, int) and type(path) is not bool:
        make = _FOLDER_CONSTANTS.get(int(path))
        if make is None:
            raise FourDError(ERR_NOT_SUPPORTED, f"Folder({int(path)}): this 4D folder does not exist outside 4D")
        return make(ctx)
    return _item(ctx, path, path_type, folder=True)


def _document_path(ctx: Any, name: Any) -> Path:
    if type(name) is not str or not name:
        raise FourDError(ERR_ARG_TYPE, "A document name or path (text) was expected")
    p = Path(name)
    return p if p.is_absolute() else package_folder(ctx) / p


@command("Document to text", 1236, "System Documents")
def document_to_text(ctx: Any, name: Any, charset: Any = None, break_mode: Any = None) -> str:
    """The text of a document (path absolute or relative to the database folder); UTF-8 unless a BOM says otherwise."""
    return read_text(_document_path(ctx, name), charset, break_mode, default="utf-8")


@command("TEXT TO DOCUMENT", 1237, "System Documents")
def text_to_document(ctx: Any, name: Any, text: str, charset: Any = None, break_mode: Any = None) -> None:
    """Write a text to a document (created or replaced): UTF-8 without BOM, native line breaks, by default."""
    path = _document_path(ctx, name)
    if not path.parent.is_dir():
        raise FourDError(ERR_FOLDER_NOT_FOUND, f'The folder of "{name}" does not exist')
    write_text(path, text, charset, break_mode, bom=False)


@command("Get 4D folder", 485, "4D Environment")
def get_4d_folder(ctx: Any, folder: int = 0, options: Any = None, *, star: bool = False) -> str:
    """The path of a 4D folder (platform syntax, ending with a separator); Logs and Resources are created."""
    kind = int(folder)
    pkg = filesystem_root(ctx, "PACKAGE")
    paths = {
        0: _config_home() / "4D",
        4: pkg,
        5: pkg,
        6: filesystem_root(ctx, "RESOURCES"),
        7: filesystem_root(ctx, "LOGS"),
        8: pkg / "WebFolder",
        9: filesystem_root(ctx, "DATA"),
        10: filesystem_root(ctx, "DATA") / "MobileApps",
    }
    target = paths.get(kind)
    if target is None:
        ctx.process.vars["ok"] = 0
        raise FourDError(ERR_NOT_SUPPORTED, f"Get 4D folder({kind}): this 4D folder does not exist outside 4D")
    if kind in (6, 7):  # get-4d-folder.md: Resources and Logs are created when asked for
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
    ctx.process.vars["ok"] = 1
    text = str(target)
    return text if text.endswith(os.sep) else text + os.sep
