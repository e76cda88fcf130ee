"""`mini4d check` lint rules: names 4D itself does not know, and calls outside a command's signature.

Each finding is a warning: the file parses, but running it would stop on an error (the
same message a run gives, with the runtime's did-you-mean). Only what is certain is
reported: a name counts as known when it is a 4D command or constant (implemented by
mini4d or not: lang/data lists every 4D name), or a method or class of the project.

Rules (the code is the error number a run would give):

- `unknown-method` (90002): `Name(...)` or a statement `Name` that is no command, no system
  variable and no method of the project. A bare name inside an expression may be a process
  variable made by another method, so it is checked only in a script and only when it holds a
  space (variable names have none; form objects can give one to theirs).
- `unknown-command` (90002): a tokenized command `Name:Cnnn` whose number and name 4D does not know.
- `unknown-constant` (90002): a tokenized constant `Name:Kx:y` whose token and name 4D does not know.
- `unknown-class` (90090): `cs.Name` (or a `cs.Name` type) that is no class of the project
  and no ORDA class of a table of its catalog (`cs.DataStore`, `cs.Table`, `cs.TableEntity`,
  `cs.TableSelection`). Component classes (`cs.Namespace.Class`) are not checked, nor
  `4D.Name` (4D adds classes with each release).

The method and class rules need every name the code can call: they run on scripts and on
4D projects that are closed (see `ProjectNames`), not on a project with components or plug-ins.
- `argument-count` (90013): a call of a command mini4d implements with a number of
  arguments outside its signature, or a `*` it does not take.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import nodes as N
from .errors import ERR_ARG_COUNT, ERR_CLASS, ERR_UNKNOWN_NAME
from .registry import REGISTRY, norm
from .source import Span

__all__ = ["Finding", "ProjectNames", "lint", "RULES"]

RULES = ("unknown-method", "unknown-command", "unknown-constant", "unknown-class", "argument-count")


class Finding:
    """One lint warning: where, the rule, the error number a run would give, the message."""

    __slots__ = ("span", "rule", "code", "message")

    def __init__(self, span: Span, rule: str, code: int, message: str) -> None:
        self.span, self.rule, self.code, self.message = span, rule, code, message

    def __repr__(self) -> str:
        return f"Finding({self.span.where()}, {self.rule}, {self.message!r})"


class ProjectNames:
    """The methods and classes a file can use: its 4D project's, or its folder's for a script.

    `closed` says whether these are all the names the code can use. A script folder is
    closed (a run finds methods and classes exactly there). A 4D project is closed only when
    its `.4DProject` file is there and it has no components or plug-ins (a `Components` or
    `Plugins` folder, `Project/Sources/dependencies.json`): their methods and commands are
    invisible here. The rules on methods and classes only run on closed names.
    """

    def __init__(
        self,
        methods: dict[str, Any],
        classes: dict[str, Any],
        closed: bool = True,
        script: bool = True,
        tables: frozenset[str] = frozenset(),
    ) -> None:
        self.methods = methods  # lower-case name -> path
        self.classes = classes  # name -> path
        self.closed = closed
        self.script = script  # a script folder: no forms, so no form object variables
        self.tables = tables  # tables of the catalog: their ORDA classes exist without a class file

    _cache: dict[Any, ProjectNames] = {}

    @classmethod
    def for_file(cls, path: Path) -> ProjectNames:
        """As a run of the file finds them (lang/project.py), read once per project or script folder."""
        from .project import Project, find_project_root

        folder = path.resolve().parent
        known = cls._cache.get(folder)
        if known is not None:
            return known
        root = find_project_root(folder)
        sources = root / "Project" / "Sources" if root is not None else None
        if root is not None and sources is not None:
            # a file of a 4D project (a method, class, form, trigger, or code it reads): the project's names
            key: Any = root
            known = cls._cache.get(key)
            if known is None:
                project = Project.for_project(root)
                known = cls(
                    project.method_names(),
                    project.class_names(),
                    closed=_project_is_closed(root),
                    script=False,
                    tables=_catalog_tables(sources),
                )
        else:
            # a script's folder; a class file in its Classes folder belongs to the folder above
            key = folder
            script = folder.parent / path.name if folder.name == "Classes" else path
            project = Project.for_script(script)
            known = cls(project.method_names(), project.class_names())
        cls._cache[key] = cls._cache[folder] = known
        return known


def _project_is_closed(root: Path) -> bool:
    """Whether the project's own methods and classes are all it can call (no component, no plug-in)."""
    if not any(p.suffix.lower() == ".4dproject" for p in (root / "Project").glob("*")):
        return False  # not the whole project (only its source files, say)
    if (root / "Components").exists() or (root / "Plugins").exists():
        return False
    return not (root / "Project" / "Sources" / "dependencies.json").exists()


_TABLE = re.compile(r"<table\b[^>]*?\bname=\"([^\"]+)\"")


def _catalog_tables(sources: Path) -> frozenset[str]:
    try:
        text = (sources / "catalog.4DCatalog").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    return frozenset(_TABLE.findall(text))


# 4D's system variables (process variables 4D manages; spec/syntax.md)
SYSTEM_VARIABLES = frozenset(
    n.lower()
    for n in (
        "OK",
        "Document",
        "Error",
        "Error method",
        "Error line",
        "Error formula",
        "FldDelimit",
        "RecDelimit",
        "MouseDown",
        "MouseX",
        "MouseY",
        "KeyCode",
        "Modifiers",
        "MouseProc",
    )
)


_CLASS_TYPE = re.compile(r"^cs(?::C1710)?\.([^\W\d]\w*)$", re.IGNORECASE)
# members of a class object: `cs.X.new()`, `cs.X.name`... (anything else may be a component namespace)
_CLASS_MEMBERS = {"new", "name", "superclass", "me", "isShared", "isSingleton", "isSectionSingleton"}


# fields that never hold a node (the walk skips them)
_SCALAR_FIELDS = frozenset({"span", "name", "op", "number", "has_parens", "text", "modifiers", "kind"})
_children: dict[type, tuple[str, ...]] = {}


def _walk(stmts: Any) -> Iterator[tuple[Any, Any]]:
    """(node, parent) for every node under `stmts`, parents first (iterative: deep code is fine)."""
    stack: list[tuple[Any, Any]] = [(stmts, None)]
    pop, push = stack.pop, stack.append
    node_class = N.Node
    while stack:
        o, parent = pop()
        kind = type(o)
        if kind is tuple:
            for x in reversed(o):
                if type(x) is not str:
                    push((x, parent))
        elif isinstance(o, node_class):
            yield o, parent
            fields = _children.get(kind)
            if fields is None:
                fields = _children[kind] = tuple(n for n in reversed(kind.__slots__) if n not in _SCALAR_FIELDS)
            for n in fields:
                x = getattr(o, n)
                if x is not None and type(x) is not str:
                    push((x, o))


def _command(node: N.Command) -> Any:
    return REGISTRY.lookup_number(node.number) if node.number > 0 else REGISTRY.lookup(node.name)


def _count(info: Any, args: tuple[Any, ...]) -> tuple[int, bool]:
    """(arguments counted by the signature, whether a `*` was given), as the interpreter counts them."""
    star = any(isinstance(a, N.Star) for a in args)
    n = sum(1 for a in args if not isinstance(a, N.Star) and not (info.wants_order and isinstance(a, N.SortOrder)))
    return n, star


def lint(stmts: tuple[N.Stmt, ...], names: ProjectNames) -> list[Finding]:
    """The lint findings of a parsed method or class file, in text order."""
    from .suggest import close_match, unknown_name_message

    found: list[Finding] = []
    methods = names.methods

    def unknown_class(name: str, span: Span) -> None:
        if not names.closed or name in names.classes or _orda_class(name, names.tables):
            return
        near = close_match(name, names.classes)
        hint = f'; did you mean "cs.{near}"?' if near else ""
        found.append(Finding(span, "unknown-class", ERR_CLASS, f'Unknown class "cs.{name}"{hint}'))

    def check_type(type_name: str | None, span: Span) -> None:
        m = _CLASS_TYPE.match(type_name or "")
        if m is not None:
            unknown_class(m.group(1), span)

    for node, parent in _walk(stmts):
        kind = type(node)
        if kind is N.MethodCall:
            if names.closed and _unknown(node.name, methods):
                span = Span(node.span.source, node.span.start, node.span.start + len(node.name))
                message = unknown_name_message(node.name, methods)
                found.append(Finding(span, "unknown-method", ERR_UNKNOWN_NAME, message))
        elif kind is N.Name:
            # a statement `Name` can only be a method call; in an expression, a name may be a
            # process variable (form objects give names with spaces to their variables)
            statement = type(parent) is N.ExprStmt
            spaced = names.script and " " in node.name.strip()
            if names.closed and (statement or spaced) and _unknown(node.name, methods):
                found.append(
                    Finding(node.span, "unknown-method", ERR_UNKNOWN_NAME, unknown_name_message(node.name, methods))
                )
        elif kind is N.Command:
            info = _command(node)
            if info is None:
                if node.number > 0 and REGISTRY.lookup(node.name) is None:  # 0: a plugin command
                    found.append(
                        Finding(
                            node.span,
                            "unknown-command",
                            ERR_UNKNOWN_NAME,
                            f"Unknown command `{node.name}` (number {node.number})",
                        )
                    )
                continue
            if info.number == 1710 and type(parent) is N.Member and parent.obj is node:
                continue  # `cs.Name`: checked at the Member
            if info.implemented and info.compile is None and (node.has_parens or node.args):
                n, star = _count(info, node.args)
                order = None if info.wants_order else next((a for a in node.args if type(a) is N.SortOrder), None)
                if star and not info.wants_star:
                    message = f"`{info.name}` does not take a `*` argument"
                    found.append(Finding(node.span, "argument-count", ERR_ARG_COUNT, message))
                elif order is not None:  # as the interpreter refuses it (lang/core/argcheck.py)
                    message = f"`{info.name}` does not take a `{'>' if order.ascending else '<'}` argument"
                    found.append(Finding(order.span, "argument-count", ERR_ARG_COUNT, message))
                else:
                    problem = info.count_problem(n)
                    if problem is not None:
                        found.append(Finding(node.span, "argument-count", ERR_ARG_COUNT, problem))
        elif kind is N.Constant:
            if node.value is None and REGISTRY.constant(node.name) is None:
                found.append(
                    Finding(node.span, "unknown-constant", ERR_UNKNOWN_NAME, _unknown_constant_message(node.name))
                )
        elif kind is N.Member:
            obj = node.obj
            if type(obj) is N.Command and obj.number == 1710 and not obj.args:
                # `cs.Name.new()`, `cs.Name.me`, or `cs.Name` alone; `cs.Namespace.Class` is a component's
                outer = type(parent) in (N.Member, N.MemberCall) and parent.obj is node
                if outer and parent.name not in _CLASS_MEMBERS:
                    continue
                unknown_class(node.name, node.span)
        elif kind is N.VarDecl or kind is N.ParamDecl or kind is N.ClassProperty:
            check_type(node.type, node.span)
    found.sort(key=lambda f: f.span.start)
    return found


def _unknown(name: str, methods: dict[str, Any]) -> bool:
    key = norm(name)
    return key not in methods and key not in SYSTEM_VARIABLES


def _orda_class(name: str, tables: frozenset[str]) -> bool:
    """`cs.DataStore`, and the dataclass, entity and entity selection classes of a table."""
    if name == "DataStore" or name in tables:
        return True
    for suffix in ("Entity", "Selection"):
        if name.endswith(suffix) and name[: -len(suffix)] in tables:
            return True
    return False


def _unknown_constant_message(name: str) -> str:
    from .suggest import close_match

    REGISTRY.ensure_names()
    near = close_match(norm(name), REGISTRY.constants)
    hint = f'; did you mean "{REGISTRY.constants[near].name}"?' if near else ""
    return f'Unknown constant "{name}"{hint}'
