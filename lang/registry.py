"""The command registry: 4D name ⇄ command number ⇄ Python function.

It is the single source of truth for commands and constants: the grammar's BUILTIN
terminal, tokenized `Name:Cnnn` resolution, `mini4d commands`, `docs/commands.md`,
completion and highlighting all read it.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FunctionType, MappingProxyType
from typing import Any

from .core.conversions import ARGUMENT_CONVERTERS
from .errors import ERR_NOT_SUPPORTED, FourDError
from .records import dataclass, field

__all__ = [
    "command",
    "member",
    "constant",
    "REGISTRY",
    "Ref",
    "CommandInfo",
    "norm",
]

_DATA = Path(__file__).with_name("data")

# Modules of stdlib/, imported once when the registry is first needed.
STDLIB_MODULES = (
    "mini4d.stdlib.output",
    "mini4d.stdlib.files",
    "mini4d.stdlib.text",
    "mini4d.stdlib.arithmetic",
    "mini4d.stdlib.dates",
    "mini4d.stdlib.language",
    "mini4d.stdlib.objects",
    "mini4d.stdlib.collection",
    "mini4d.stdlib.query",
    "mini4d.stdlib.json4d",
    "mini4d.stdlib.errors4d",
    "mini4d.stdlib.processes",
    "mini4d.stdlib.sessions",
    "mini4d.stdlib.arrays",
    "mini4d.stdlib.compiler",
    "mini4d.stdlib.formulas",
    "mini4d.stdlib.classes",
    "mini4d.stdlib.orda",
    "mini4d.stdlib.database",
    "mini4d.stdlib.web",
)

_SPACES = r"\s+"  # compiled by `re` at its first use, not at start-up
_INDEX_FORMAT = 2  # of the names index kept in the user cache


def norm(name: str) -> str:
    """Lookup key of a command or constant name: case and runs of spaces ignored."""
    s = name.strip()
    if "  " not in s and s.isprintable():  # no whitespace but single ASCII spaces: nothing to fold
        return s.lower()
    return re.sub(_SPACES, " ", s).lower()


def _no_declared_type() -> str | None:
    return None


class Ref:
    """A reference to an assignable place (variable, property, element) given to a command.

    Commands that declare (`C_TEXT`), fill (`ARRAY TEXT`) or return through a
    parameter (`Position(...; lenFound)`) receive one of these instead of a value.
    `kind` says what the place is: "local", "process" or "interprocess" (a variable; `name`
    as written, `key` as looked up), "element" (`arr{i}`), "target" (`ptr->`), "place" (a
    property, element or character) or "value" (an expression: `set` raises). `declared()`
    is the declared type name of a variable, or of what an element or a pointer designates
    (`element:KIND` for an array element); None when it has none.
    """

    __slots__ = ("get", "set", "name", "declare", "kind", "key", "declared")

    def __init__(
        self,
        get: Callable[[], Any],
        set: Callable[[Any], None],
        name: str,
        declare: Callable[[str], None] | None = None,
        kind: str = "value",
        key: str = "",
        declared: Callable[[], str | None] | None = None,
    ):
        self.get = get
        self.set = set
        self.name = name
        self.declare = declare
        self.kind = kind
        self.key = key
        self.declared = declared or _no_declared_type


@dataclass
class Param:
    name: str
    conv: Callable[[Any], Any] | None
    optional: bool
    variadic: bool
    is_ref: bool
    annotation: str


@dataclass
class CommandInfo:
    """One 4D command: name as 4D prints it, number, theme, implementation."""

    name: str
    number: int
    theme: str = ""
    func: Callable[..., Any] | None = None
    doc: str = ""
    thread_safe: bool = True
    aliases: tuple[str, ...] = ()
    params: list[Param] = field(default_factory=list)
    wants_ctx: bool = False
    wants_star: bool = False
    wants_order: bool = False
    min_args: int = 0
    max_args: int | None = 0
    ref_positions: frozenset[int] = frozenset()
    ref_all_from: int | None = None  # every argument from this position on is a Ref
    uses: int = 0
    reason: str = ""  # why an unimplemented command cannot run here
    # number of arguments -> a shorter function giving the same result for calls with exactly
    # that many arguments (and no `*`): `String(v)` is `to_text(v)`
    forms: dict[int, Callable[..., Any]] = field(default_factory=dict)
    module: str = ""  # the stdlib module that registers it, not imported yet (from the names index)
    # how a call compiles when its arguments are not plain values (`Formula(expr)`, `This`,
    # `Super`, `cs`) or it is a constant (`True`): fn(interp, node, scope, info) -> closure;
    # None for an ordinary call
    compile: Callable[..., Any] | None = None
    # the type it declares its variables with (`C_TEXT`: "text", `ARRAY TEXT`: "array"): locals given
    # to it are typed when their method is compiled, before any statement runs
    declares: str | None = None
    # the type of its result when always the same (`True`: "boolean", `New object`: "object"):
    # `var $v:=Command(...)` declares $v with it
    returns: str | None = None

    @property
    def implemented(self) -> bool:
        return self.func is not None

    def signature(self) -> str:
        if not self.params:
            return self.name
        parts = []
        for p in self.params:
            label = p.name + (" : " + _TYPE_LABEL.get(p.annotation, "any") if p.annotation else "")
            if p.variadic:
                label = "{" + label + "...}"
            elif p.optional:
                label = "{" + label + "}"
            parts.append(label)
        if self.wants_star:
            parts.append("{*}")
        return f"{self.name}({'; '.join(parts)})"

    def count_problem(self, n: int) -> str | None:
        """Why `n` arguments do not fit the signature (the message of error 90013), or None when they do."""
        if n >= self.min_args and (self.max_args is None or n <= self.max_args):
            return None
        if self.max_args == self.min_args:
            expected = f"{self.min_args}"
        elif self.max_args is not None:
            expected = f"{self.min_args} to {self.max_args}"
        else:
            expected = f"at least {self.min_args}"
        return f"`{self.name}` takes {expected} parameter(s), {n} given; {self.signature()}"

    def is_ref(self, position: int) -> bool:
        if position in self.ref_positions:
            return True
        return self.ref_all_from is not None and position >= self.ref_all_from


# What a placeholder does not hold is read from the class: a placeholder has no parameters,
# no function, and nothing else than its names, number, theme and module.
CommandInfo.params = ()  # type: ignore[assignment]
CommandInfo.forms = MappingProxyType({})  # type: ignore[assignment]


def _placeholder(info: CommandInfo, module: str) -> CommandInfo:
    """The names-index entry of a command: only what `ensure_commands` needs before its module is
    imported (a small pickle: the names index is read at every start-up)."""
    p = CommandInfo.__new__(CommandInfo)
    p.__dict__.update(
        name=info.name, number=info.number, theme=info.theme, aliases=info.aliases, uses=info.uses, module=module
    )
    return p


_TYPE_LABEL = {
    "str": "Text",
    "float": "Real",
    "int": "Integer",
    "bool": "Boolean",
    "Date4D": "Date",
    "Time4D": "Time",
    "Obj": "Object",
    "Obj | None": "Object",
    "Coll": "Collection",
    "Coll | None": "Collection",
    "Ref": "Variable",
    "Ref | None": "Variable",
    "Any": "any",
}


@dataclass
class ConstantInfo:
    name: str
    value: Any
    token: str = ""
    theme: str = ""
    defined: bool = True
    module: str = ""  # the stdlib module that defines it, not imported yet (from the names index)


class _Members(dict):
    """Member functions by kind; a kind's stdlib modules are imported when it is first asked for."""

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry
        self.pending: dict[str, tuple[str, ...]] = {}  # kind -> modules that register its members

    def _load(self, kind: str) -> None:
        with self.registry._load_lock:
            for mod in self.pending.get(kind, ()):
                self.registry._import(mod)
            self.pending.pop(kind, None)

    def get(self, kind: str, default: Any = None) -> Any:
        if kind in self.pending:
            self._load(kind)
        return super().get(kind, default)

    def setdefault(self, kind: str, default: Any = None) -> Any:
        if kind in self.pending:
            self._load(kind)
        return super().setdefault(kind, default)

    def __getitem__(self, kind: str) -> Any:
        if kind in self.pending:
            self._load(kind)
        return super().__getitem__(kind)


class Registry:
    def __init__(self) -> None:
        self.by_key: dict[str, CommandInfo] = {}
        self.by_number: dict[int, CommandInfo] = {}
        self.constants: dict[str, ConstantInfo] = {}
        self.constants_by_token: dict[str, ConstantInfo] = {}
        self.members: dict[str, dict[str, Callable[..., Any]]] = _Members(self)
        self._loaded = False
        self._loading = False
        self._load_lock = threading.RLock()
        self._unpublished = threading.local()  # what modules being imported by this thread register
        self._last_extension = 0
        # A command or constant registered by code outside stdlib/: parsed trees depend on it,
        # so the parse cache (lang/cache.py) is not used.
        self.extended = False
        self._known_loaded = False
        self._index_ready = False  # the names index is loaded (lazy modules)

    # ---------------------------------------------------------------- loading
    def ensure_commands(self) -> Registry:
        """The implemented commands and defined constants known, their stdlib modules not imported.

        Names, numbers and the module registering each come from an index in the user cache
        (lang/cache.py), made by importing every module once; a module is imported when one of
        its commands is looked up (`lookup`, `lookup_number`, `constant`). Without the index
        (or with the cache disabled), every module is imported, as `ensure_loaded` does.
        """
        if self._index_ready or self._loaded:
            return self
        with self._load_lock:
            if self._index_ready or self._loaded or self._loading:
                return self
            from .cache import entry_path, read_entry, write_entry

            path = entry_path("names")
            index = read_entry(path) if path is not None else None
            if _valid_index(index):
                # what was registered already (a module imported directly) wins over the index;
                # the names of lang/data read meanwhile (placeholders without a module) do not
                for mine, theirs in (
                    (self.by_key, index["by_key"]),
                    (self.by_number, index["by_number"]),
                    (self.constants, index["constants"]),
                    (self.constants_by_token, index["constants_by_token"]),
                ):
                    registered = {k: v for k, v in mine.items() if _registered(v)}
                    mine.update(theirs)
                    mine.update(registered)
                self.members.pending.update(index["members"])
                self._index_ready = True
                return self
            index = self._load_all(record=path is not None)
            if path is not None and index is not None:
                write_entry(path, index)
        return self

    def ensure_names(self) -> Registry:
        """Every command and constant name known, implemented or not (the lexer needs them all)."""
        if not self._known_loaded:
            with self._load_lock:
                self.ensure_commands()
                self._load_known()
        return self

    def _resolve(self, info: CommandInfo) -> CommandInfo | None:
        """The registered command for a name-index entry (its module imported now)."""
        with self._load_lock:
            if info.module:
                self._import(info.module)
        return self.by_number.get(info.number) or self.by_key.get(norm(info.name))

    def _import(self, mod: str) -> None:
        """Import a stdlib module (lock held); its commands and members are published once it is complete.

        Another thread looking a command up meanwhile finds the name-index entry and waits for
        the lock: it never calls a function whose module is still executing (its helpers and
        the fix-ups after the registrations may not be there yet).
        """
        outer = getattr(self._unpublished, "actions", None)
        self._unpublished.actions = actions = []
        try:
            importlib.import_module(mod)
        finally:
            self._unpublished.actions = outer
            for action in actions:
                self._publish(action)

    def _publish(self, action: Callable[[], None]) -> None:
        """Apply a registration now, or when the module being imported by this thread is complete."""
        actions = getattr(self._unpublished, "actions", None)
        if actions is None:
            action()
        else:
            actions.append(action)

    def ensure_loaded(self) -> Registry:
        """Import the stdlib modules once; other threads wait until they are all registered."""
        if self._loaded:
            return self
        with self._load_lock:
            # The loading thread re-enters here while the modules import (the lock is
            # re-entrant): it gets the registry as it stands.
            if self._loaded or self._loading:
                return self
            self._load_all(record=False)
        return self

    def _load_all(self, record: bool) -> dict[str, Any] | None:
        """Import every stdlib module (lock held); with `record`, the names index of what they registered."""
        self._loading = True
        try:
            self._load_known()
            pending = [mod for mod in STDLIB_MODULES if mod not in sys.modules]
            record = record and len(pending) == len(STDLIB_MODULES)  # else origins are unknown
            origins: dict[int, str] = {}
            const_origins: dict[str, str] = {}
            member_origins: dict[str, list[str]] = {}
            member_counts: dict[str, int] = {}
            for mod in STDLIB_MODULES:
                try:
                    self._import(mod)
                except ModuleNotFoundError as exc:
                    if exc.name != mod:
                        raise
                    continue
                if record:
                    self._record_origins(mod, origins, const_origins, member_origins, member_counts)
        finally:
            self._loading = False
        self._loaded = True
        self.members.pending.clear()
        if not record:
            return None
        return self._names_index(origins, const_origins, member_origins)

    def _record_origins(
        self,
        mod: str,
        origins: dict[int, str],
        const_origins: dict[str, str],
        member_origins: dict[str, list[str]],
        member_counts: dict[str, int],
    ) -> None:
        """Note which module registered what, right after importing it."""
        for number, info in self.by_number.items():
            if info.implemented and number not in origins:
                origins[number] = mod
        for key, cinfo in self.constants.items():
            if cinfo.defined and key not in const_origins:
                const_origins[key] = mod
        for kind, funcs in dict.items(self.members):
            mods = member_origins.setdefault(kind, [])
            if len(funcs) > member_counts.get(kind, 0):  # this module added members of this kind
                member_counts[kind] = len(funcs)
                mods.append(mod)

    def _names_index(
        self,
        origins: dict[int, str],
        const_origins: dict[str, str],
        member_origins: dict[str, list[str]],
    ) -> dict[str, Any]:
        """What `ensure_commands` loads: a placeholder, with its module, for each implemented
        command and defined constant (the names of the others come from lang/data when needed)."""
        placeholders: dict[int, CommandInfo] = {}
        for number, info in self.by_number.items():
            if number in origins:
                placeholders[id(info)] = _placeholder(info, origins[number])
        consts: dict[int, ConstantInfo] = {}
        for key, cinfo in self.constants.items():
            if key in const_origins:
                consts[id(cinfo)] = ConstantInfo(
                    name=cinfo.name,
                    value=None,
                    token=cinfo.token,
                    theme=cinfo.theme,
                    defined=False,
                    module=const_origins[key],
                )
        return {
            "format": _INDEX_FORMAT,
            "by_key": {k: placeholders[id(i)] for k, i in self.by_key.items() if id(i) in placeholders},
            "by_number": {n: placeholders[id(i)] for n, i in self.by_number.items() if id(i) in placeholders},
            "constants": {k: consts[id(c)] for k, c in self.constants.items() if id(c) in consts},
            "constants_by_token": {t: consts[id(c)] for t, c in self.constants_by_token.items() if id(c) in consts},
            "members": {kind: tuple(mods) for kind, mods in member_origins.items()},
        }

    def _load_known(self) -> None:
        """Names and numbers of every 4D command, implemented here or not."""
        if self._known_loaded:
            return
        self._known_loaded = True
        path = _DATA / "command_names.tsv"
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].isdigit():
                continue
            number, name = int(parts[0]), parts[1]
            others = tuple(x for x in (parts[2].split("|") if len(parts) > 2 and parts[2] else ()) if x)
            uses = int(parts[3]) if len(parts) > 3 and parts[3].isdigit() else 0
            if number in self.by_number:
                info = self.by_number[number]
                # (a command registered before the names were read keeps its name out of its aliases)
                added = tuple(n for n in (name, *others) if norm(n) != norm(info.name))
                info.aliases = tuple(dict.fromkeys(info.aliases + added))
                for n in (name, *others):
                    self.by_key.setdefault(norm(n), info)
                continue
            info = CommandInfo(name=name, number=number, aliases=others, uses=uses)
            self._index(info)
        cpath = _DATA / "constant_names.tsv"
        for line in cpath.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            token, name = parts[0], parts[1]
            key = norm(name)
            if key not in self.constants:
                info = ConstantInfo(name=name, value=None, token=token, defined=False)
                self.constants[key] = info
            self.constants_by_token.setdefault(token, self.constants[key])

    def _index(self, info: CommandInfo) -> None:
        self.by_number[info.number] = info
        for n in (info.name, *info.aliases):
            self.by_key[norm(n)] = info

    # ---------------------------------------------------------------- registering
    def add_command(self, info: CommandInfo) -> None:
        if not self._index_ready:  # else the index holds what the known names would add
            self._load_known()
        old = self.by_number.get(info.number) if info.number > 0 else None
        if old is not None:
            extra = tuple(n for n in (old.name, *old.aliases) if norm(n) != norm(info.name))
            info.aliases = tuple(dict.fromkeys(info.aliases + extra))
            info.uses = old.uses
        if info.number <= 0:
            # Commands without a 4D number (extensions): key by name only; the number given
            # in the names index is kept, whatever the order the modules are imported in.
            known = self.by_key.get(norm(info.name))
            if known is not None and known.number < 0:
                info.number = known.number
            else:
                info.number = min([k for k in self.by_number if k < 0] + [self._last_extension]) - 1
                self._last_extension = info.number
        self._publish(lambda: self._index(info))

    def add_constant(self, name: str, value: Any, token: str = "", theme: str = "") -> None:
        if not self._index_ready:
            self._load_known()
        if type(value) is int:
            value = float(value)  # every number is a Real in 4D
        key = norm(name)
        old = self.constants.get(key)
        if old is not None and not token:
            token = old.token
        if old is not None:
            # updated in place: parsed nodes hold the object known before its module was imported
            old.name, old.value, old.token, old.theme, old.defined, old.module = name, value, token, theme, True, ""
            info = old
        else:
            info = ConstantInfo(name=name, value=value, token=token, theme=theme)
            self.constants[key] = info
        if token:
            self.constants_by_token[token] = info

    # ---------------------------------------------------------------- lookup
    def lookup(self, name: str) -> CommandInfo | None:
        key = norm(name)
        info = self.by_key.get(key)
        if info is None and not self._known_loaded:
            info = self.ensure_names().by_key.get(key)
        if info is not None and info.module:
            return self._resolve(info)
        return info

    def lookup_number(self, number: int) -> CommandInfo | None:
        info = self.by_number.get(number)
        if info is None and not self._known_loaded:
            info = self.ensure_names().by_number.get(number)
        if info is not None and info.module:
            return self._resolve(info)
        return info

    def constant(self, name: str) -> ConstantInfo | None:
        key = norm(name)
        info = self.constants.get(key)
        if info is None and not self._known_loaded:
            info = self.ensure_names().constants.get(key)
        if info is not None and info.module:
            self.resolve_constant(info)
        return info

    def resolve_constant(self, info: ConstantInfo) -> ConstantInfo:
        """`info` with its value: the module defining it imported (it updates `info` in place)."""
        if info.module:
            with self._load_lock:
                self._import(info.module)
        return info

    def builtin_names(self) -> list[str]:
        """Every command and constant name (and alias) the lexer must know."""
        self.ensure_names()
        names = set()
        for key in self.by_key:
            names.add(key)
        for key in self.constants:
            names.add(key)
        return sorted(names)

    def suggest(self, name: str, n: int = 1) -> list[str]:
        import difflib

        self.ensure_loaded()
        keys = list(self.by_key)
        found = difflib.get_close_matches(norm(name), keys, n=n, cutoff=0.75)
        return [self.by_key[k].name for k in found]


def _registered(info: Any) -> bool:
    """An implemented command or a defined constant (not a name known from lang/data only)."""
    return info.func is not None if type(info) is CommandInfo else info.defined


def _valid_index(index: Any) -> bool:
    """Whether a names index read from the cache has the expected shape and names only stdlib modules."""
    parts = ("by_key", "by_number", "constants", "constants_by_token", "members")
    if not (type(index) is dict and index.get("format") == _INDEX_FORMAT):
        return False
    if not all(type(index.get(k)) is dict for k in parts):
        return False
    modules = set(STDLIB_MODULES)
    for part in parts[:4]:
        for info in index[part].values():
            if type(info) not in (CommandInfo, ConstantInfo) or (info.module and info.module not in modules):
                return False
    return all(type(m) is tuple and set(m) <= modules for m in index["members"].values())


REGISTRY = Registry()


def _annotation_text(ann: Any) -> str:
    if isinstance(ann, str):
        return ann.strip()
    return getattr(ann, "__name__", str(ann))


def _parameters(func: Callable[..., Any]) -> list[tuple[str, str, bool, str]]:
    """(name, kind, has a default, annotation text) of each parameter, in signature order.

    Kinds: "pos", "var" (`*args`), "kw" (keyword-only), "varkw" (`**kwargs`). Plain functions
    are read from their code object, as inspect.signature reads them: importing inspect
    costs more than registering every command a run uses.
    """
    code = getattr(func, "__code__", None)
    if type(func) is not FunctionType or hasattr(func, "__wrapped__") or hasattr(func, "__signature__"):
        return _inspect_parameters(func)
    anns = func.__annotations__
    npos, nkw = code.co_argcount, code.co_kwonlyargcount
    names = code.co_varnames
    first_default = npos - len(func.__defaults__ or ())
    kwdefaults = func.__kwdefaults__ or {}
    out = [(n, "pos", i >= first_default, _annotation_text(anns.get(n, ""))) for i, n in enumerate(names[:npos])]
    if code.co_flags & 0x04:  # CO_VARARGS: its name follows the keyword-only ones
        n = names[npos + nkw]
        out.append((n, "var", False, _annotation_text(anns.get(n, ""))))
    out += [(n, "kw", n in kwdefaults, _annotation_text(anns.get(n, ""))) for n in names[npos : npos + nkw]]
    if code.co_flags & 0x08:  # CO_VARKEYWORDS
        n = names[npos + nkw + (1 if code.co_flags & 0x04 else 0)]
        out.append((n, "varkw", False, _annotation_text(anns.get(n, ""))))
    return out


def _inspect_parameters(func: Callable[..., Any]) -> list[tuple[str, str, bool, str]]:
    """`_parameters` of any callable (wrapped functions, partial objects), from inspect.signature."""
    import inspect

    kinds = {
        inspect.Parameter.VAR_POSITIONAL: "var",
        inspect.Parameter.KEYWORD_ONLY: "kw",
        inspect.Parameter.VAR_KEYWORD: "varkw",
    }
    return [
        (
            p.name,
            kinds.get(p.kind, "pos"),
            p.default is not p.empty,
            "" if p.annotation is p.empty else _annotation_text(p.annotation),
        )
        for p in inspect.signature(func).parameters.values()
    ]


def command(
    name: str,
    number: int,
    theme: str = "",
    *,
    thread_safe: bool = True,
    aliases: tuple[str, ...] = (),
    forms: dict[int, Callable[..., Any]] | None = None,
    compile: Callable[..., Any] | None = None,
    declares: str | None = None,
    returns: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a 4D command implemented by the decorated function.

    Parameters come from the Python signature: annotations convert and check
    (str, float, int, bool, Date4D, Time4D, Obj, Coll, Ref, Any), defaults make a
    parameter optional, `*args` takes the rest, a first parameter `ctx` receives
    the calling frame, a keyword `star` is True when a `*` argument was given.
    `forms` maps a number of arguments to a shorter function with the same result.
    `compile` is for commands whose arguments are not plain values, or constants: the
    interpreter calls `compile(interp, node, scope, info)` for each call site instead of
    compiling a call of the function (which then only documents the command).
    `declares` is the type a declaration command gives the variables passed to it (`C_TEXT`),
    known when a method is compiled; `returns` the type of a result that is always the same
    (`var $b:=True` declares a Boolean).
    """

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        params: list[Param] = []
        wants_ctx = False
        wants_star = False
        wants_order = False
        refs: set[int] = set()
        ref_all_from: int | None = None
        min_args = 0
        max_args: int | None = 0
        kwdefaults = getattr(func, "__kwdefaults__", None) or {}
        for i, (pname, kind, has_default, ann) in enumerate(_parameters(func)):
            if i == 0 and pname == "ctx":
                wants_ctx = True
                continue
            # Call sites pass `star` only when a `*` was given, `order` only with `>` or `<`.
            if pname == "star" and kind == "kw":
                if kwdefaults.get("star") is not False:
                    raise TypeError(f"{func.__name__}: `star` must default to False")
                wants_star = True
                continue
            if pname == "order" and kind == "kw":
                if kwdefaults.get("order", 0) is not None:
                    raise TypeError(f"{func.__name__}: `order` must default to None")
                wants_order = True
                continue
            variadic = kind == "var"
            optional = variadic or has_default
            is_ref = ann in ("Ref", "Ref | None")
            pos = len(params)
            if is_ref:
                if variadic:
                    ref_all_from = pos
                else:
                    refs.add(pos)
            conv = None if is_ref else ARGUMENT_CONVERTERS.get(ann)
            if ann and not is_ref and ann not in ARGUMENT_CONVERTERS:
                raise TypeError(f"{func.__name__}: unsupported annotation {ann!r}")
            params.append(Param(pname, conv, optional, variadic, is_ref, ann))
            if variadic:
                max_args = None
            else:
                if max_args is not None:
                    max_args += 1
                if not optional:
                    min_args = pos + 1
        doc = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        if not func.__module__.startswith("mini4d.stdlib."):
            REGISTRY.extended = True
        info = CommandInfo(
            name=name,
            number=number,
            theme=theme,
            func=func,
            doc=doc,
            thread_safe=thread_safe,
            aliases=aliases,
            params=params,
            wants_ctx=wants_ctx,
            wants_star=wants_star,
            wants_order=wants_order,
            min_args=min_args,
            max_args=max_args,
            ref_positions=frozenset(refs),
            ref_all_from=ref_all_from,
            forms=dict(forms or {}),
            compile=compile,
            declares=declares,
            returns=returns,
        )
        REGISTRY.add_command(info)
        func.command_info = info  # type: ignore[attr-defined]
        return func

    return deco


def member(kind: str, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a member function of a built-in class (`Collection`, `Function`, ...).

    The function receives (ctx, receiver, *args) with arguments already evaluated.
    Member names are case-sensitive, like every 4D property name.
    """

    def deco(func: Callable[..., Any]) -> Callable[..., Any]:
        REGISTRY._publish(lambda: dict.setdefault(REGISTRY.members, kind, {}).__setitem__(name, func))
        return func

    return deco


def constant(name: str, value: Any, token: str = "", theme: str = "") -> None:
    """Register a 4D constant with its value (token like "K8:3" when known)."""
    if not sys._getframe(1).f_globals.get("__name__", "").startswith("mini4d.stdlib."):
        REGISTRY.extended = True
    REGISTRY.add_constant(name, value, token, theme)


def not_supported(info: CommandInfo) -> FourDError:
    if not info.reason:
        from .themes import reason_for

        info.reason = reason_for(info.name)
    reason = info.reason
    return FourDError(ERR_NOT_SUPPORTED, f"`{info.name}` is not supported by mini4d: {reason}")
