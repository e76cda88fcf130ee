"""The syntax tree the interpreter sees: small, frozen, positioned nodes.

Children first, `span` last. The interpreter never sees lark trees or tokens.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Optional

from .source import Span


def node(cls: type) -> type:
    """`@dataclass(frozen=True, slots=True)` for nodes, at a fraction of its import-time cost."""
    names = tuple(cls.__dict__.get("__annotations__", {}))
    ns = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    ns["__slots__"] = names
    ns["__match_args__"] = names
    new = type(cls.__name__, cls.__bases__, ns)
    env = {f"_s{i}": new.__dict__[n].__set__ for i, n in enumerate(names)}
    # slot descriptors assign directly, so the frozen __setattr__ never runs in __init__
    body = "; ".join(f"_s{i}(self, {n})" for i, n in enumerate(names)) or "pass"
    exec(f"def __init__(self, {', '.join(names)}):\n    {body}\n", env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    new.__init__ = init  # type: ignore[misc]
    fields = {}
    for n in names:
        f = dataclasses.field()
        f.name, f.type = n, ns["__annotations__"][n]
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]  # dataclasses.fields/replace
        fields[n] = f
    new.__dataclass_fields__ = fields  # type: ignore[attr-defined]
    return new


def _key(self: Node) -> tuple[Any, ...]:
    return tuple(getattr(self, n) for n in self.__slots__)


def _frozen(self: Node, name: str, value: Any = None) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _eq(self: Node, other: object) -> bool:
    if other.__class__ is self.__class__:
        return _key(self) == _key(other)  # type: ignore[arg-type]
    return NotImplemented


def _repr(self: Node) -> str:
    inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
    return f"{type(self).__qualname__}({inner})"


class Node:
    __slots__ = ()
    span: Span
    __setattr__ = _frozen
    __delattr__ = _frozen
    __eq__ = _eq
    __repr__ = _repr

    def __hash__(self) -> int:
        return hash(_key(self))


class Expr(Node):
    __slots__ = ()


class Stmt(Node):
    __slots__ = ()


# ------------------------------------------------------------------ expressions


@node
class Literal(Expr):
    value: Any
    span: Span


@node
class Local(Expr):
    """`$name`, `$1`, `$0` (name kept as written; lookup folds case)."""

    name: str
    span: Span


@node
class ParamIndirect(Expr):
    """`${expr}`: the parameter whose number is computed."""

    index: Expr
    span: Span


@node
class Name(Expr):
    """A bare name: project method call or process variable, decided at compile time."""

    name: str
    span: Span


@node
class Interprocess(Expr):
    """`<>name` (or the legacy `◊name`)."""

    name: str
    span: Span


@node
class Command(Expr):
    """A built-in command call; `number` is the resolved command number."""

    name: str
    number: int
    args: tuple[Expr, ...]
    has_parens: bool
    span: Span


@node
class Constant(Expr):
    """A built-in constant (`Is text`, `ck shared`, `Is text:K8:3`)."""

    name: str
    value: Any
    span: Span


@node
class MethodCall(Expr):
    """`Foo(args)`: call of a project method by name."""

    name: str
    args: tuple[Expr, ...]
    span: Span


@node
class Call(Expr):
    """`expr(args)` where expr is not a name: formula call, e.g. `$o.f(1)`, `$c[0](x)`."""

    target: Expr
    args: tuple[Expr, ...]
    span: Span


@node
class MemberCall(Expr):
    """`obj.name(args)`: member function (collection function, class function, formula)."""

    obj: Expr
    name: str
    args: tuple[Expr, ...]
    span: Span


@node
class Member(Expr):
    obj: Expr
    name: str
    span: Span


@node
class Index(Expr):
    """`obj[expr]`: collection element or property by computed name."""

    obj: Expr
    index: Expr
    span: Span


@node
class CharIndex(Expr):
    """`text[[n]]`: 1-based character reference."""

    obj: Expr
    index: Expr
    span: Span


@node
class ArrayElem(Expr):
    """`arr{n}`: legacy array element."""

    obj: Expr
    index: Expr
    span: Span


@node
class Deref(Expr):
    """`ptr->`."""

    ptr: Expr
    span: Span


@node
class MakePointer(Expr):
    """`->target`."""

    target: Expr
    span: Span


@node
class Table(Expr):
    """`[Table]` or `[Table]Field`: database references (parse only)."""

    text: str
    span: Span


@node
class Binary(Expr):
    op: str
    left: Expr
    right: Expr
    span: Span


@node
class Neg(Expr):
    operand: Expr
    span: Span


@node
class Ternary(Expr):
    cond: Expr
    then: Expr
    other: Expr
    span: Span


@node
class ObjectLit(Expr):
    pairs: tuple[tuple[str, Expr], ...]
    span: Span


@node
class CollectionLit(Expr):
    items: tuple[Expr, ...]
    span: Span


@node
class TryExpr(Expr):
    expr: Expr
    span: Span


@node
class Star(Expr):
    """The bare `*` argument of some commands."""

    span: Span


@node
class SortOrder(Expr):
    """The bare `>` / `<` argument of SORT ARRAY and friends."""

    ascending: bool
    span: Span


@node
class AssignArg(Expr):
    """`Formula(This.total:=This.price*This.quantity)`: an assignment as the code of a formula."""

    target: Expr
    value: Expr
    span: Span


# ------------------------------------------------------------------ statements


@node
class Assign(Stmt):
    target: Expr
    value: Expr
    span: Span


@node
class CompoundAssign(Stmt):
    target: Expr
    op: str  # "+", "-", "*", "/"
    value: Expr
    span: Span


@node
class ExprStmt(Stmt):
    expr: Expr
    span: Span


@node
class If(Stmt):
    cond: Expr
    then: tuple[Stmt, ...]
    other: Optional[tuple[Stmt, ...]]
    span: Span


@node
class Case(Stmt):
    branches: tuple[tuple[Expr, tuple[Stmt, ...]], ...]
    other: Optional[tuple[Stmt, ...]]
    span: Span


@node
class While(Stmt):
    cond: Expr
    body: tuple[Stmt, ...]
    span: Span


@node
class Repeat(Stmt):
    body: tuple[Stmt, ...]
    cond: Expr
    span: Span


@node
class For(Stmt):
    var: Expr
    start: Expr
    end: Expr
    step: Optional[Expr]
    body: tuple[Stmt, ...]
    span: Span


@node
class ForEach(Stmt):
    var: Expr
    source: Expr
    begin: Optional[Expr]
    end: Optional[Expr]
    until: Optional[Expr]
    while_: Optional[Expr]
    body: tuple[Stmt, ...]
    span: Span


@node
class Use(Stmt):
    target: Expr
    body: tuple[Stmt, ...]
    span: Span


@node
class TryBlock(Stmt):
    body: tuple[Stmt, ...]
    catch: Optional[tuple[Stmt, ...]]
    span: Span


@node
class Return(Stmt):
    value: Optional[Expr]
    span: Span


@node
class Break(Stmt):
    span: Span


@node
class Continue(Stmt):
    span: Span


@node
class VarDecl(Stmt):
    """`var $a; $b : Type := init` — names as written; type lower-cased or `cs.X`."""

    names: tuple[Expr, ...]
    type: Optional[str]
    init: Optional[Expr]
    span: Span


@node
class ParamDecl(Node):
    name: str  # "$x", or "..." for the variadic part
    type: Optional[str]
    span: Span


@node
class Declare(Stmt):
    """`#DECLARE(params) -> $r : Type` or `: Type`."""

    params: tuple[ParamDecl, ...]
    result: Optional[ParamDecl]  # name "" when only the type is given
    span: Span


@node
class SqlBlock(Stmt):
    text: str
    span: Span


@node
class ClassExtends(Stmt):
    parent: str
    span: Span


@node
class ClassConstructor(Stmt):
    modifiers: tuple[str, ...]
    params: tuple[ParamDecl, ...]
    span: Span


@node
class ClassFunction(Stmt):
    modifiers: tuple[str, ...]
    kind: str  # "", "get" or "set"
    name: str
    params: tuple[ParamDecl, ...]
    result: Optional[ParamDecl]
    span: Span


@node
class ClassProperty(Stmt):
    names: tuple[str, ...]
    type: Optional[str]
    init: Optional[Expr]
    span: Span


ASSIGNABLE = (Local, ParamIndirect, Name, Interprocess, Member, Index, CharIndex, ArrayElem, Deref)
