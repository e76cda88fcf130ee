"""The syntax tree the interpreter sees: small, frozen, positioned nodes.

Children first, `span` last. The interpreter never sees lark trees or tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .source import Span


class Node:
    __slots__ = ()
    span: Span


class Expr(Node):
    __slots__ = ()


class Stmt(Node):
    __slots__ = ()


# ------------------------------------------------------------------ expressions


@dataclass(frozen=True, slots=True)
class Literal(Expr):
    value: Any
    span: Span


@dataclass(frozen=True, slots=True)
class Local(Expr):
    """`$name`, `$1`, `$0` (name kept as written; lookup folds case)."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class ParamIndirect(Expr):
    """`${expr}`: the parameter whose number is computed."""

    index: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Name(Expr):
    """A bare name: project method call or process variable, decided at compile time."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Interprocess(Expr):
    """`<>name` (or the legacy `◊name`)."""

    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Command(Expr):
    """A built-in command call; `number` is the resolved command number."""

    name: str
    number: int
    args: tuple[Expr, ...]
    has_parens: bool
    span: Span


@dataclass(frozen=True, slots=True)
class Constant(Expr):
    """A built-in constant (`Is text`, `ck shared`, `Is text:K8:3`)."""

    name: str
    value: Any
    span: Span


@dataclass(frozen=True, slots=True)
class MethodCall(Expr):
    """`Foo(args)`: call of a project method by name."""

    name: str
    args: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Call(Expr):
    """`expr(args)` where expr is not a name: formula call, e.g. `$o.f(1)`, `$c[0](x)`."""

    target: Expr
    args: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class MemberCall(Expr):
    """`obj.name(args)`: member function (collection function, class function, formula)."""

    obj: Expr
    name: str
    args: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Member(Expr):
    obj: Expr
    name: str
    span: Span


@dataclass(frozen=True, slots=True)
class Index(Expr):
    """`obj[expr]`: collection element or property by computed name."""

    obj: Expr
    index: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class CharIndex(Expr):
    """`text[[n]]`: 1-based character reference."""

    obj: Expr
    index: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ArrayElem(Expr):
    """`arr{n}`: legacy array element."""

    obj: Expr
    index: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Deref(Expr):
    """`ptr->`."""

    ptr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class MakePointer(Expr):
    """`->target`."""

    target: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Table(Expr):
    """`[Table]` or `[Table]Field`: database references (parse only)."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Binary(Expr):
    op: str
    left: Expr
    right: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Neg(Expr):
    operand: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Ternary(Expr):
    cond: Expr
    then: Expr
    other: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ObjectLit(Expr):
    pairs: tuple[tuple[str, Expr], ...]
    span: Span


@dataclass(frozen=True, slots=True)
class CollectionLit(Expr):
    items: tuple[Expr, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class TryExpr(Expr):
    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class Star(Expr):
    """The bare `*` argument of some commands."""

    span: Span


@dataclass(frozen=True, slots=True)
class SortOrder(Expr):
    """The bare `>` / `<` argument of SORT ARRAY and friends."""

    ascending: bool
    span: Span


@dataclass(frozen=True, slots=True)
class AssignArg(Expr):
    """`Formula(This.total:=This.price*This.quantity)`: an assignment as the code of a formula."""

    target: Expr
    value: Expr
    span: Span


# ------------------------------------------------------------------ statements


@dataclass(frozen=True, slots=True)
class Assign(Stmt):
    target: Expr
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class CompoundAssign(Stmt):
    target: Expr
    op: str  # "+", "-", "*", "/"
    value: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class ExprStmt(Stmt):
    expr: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class If(Stmt):
    cond: Expr
    then: tuple[Stmt, ...]
    other: Optional[tuple[Stmt, ...]]
    span: Span


@dataclass(frozen=True, slots=True)
class Case(Stmt):
    branches: tuple[tuple[Expr, tuple[Stmt, ...]], ...]
    other: Optional[tuple[Stmt, ...]]
    span: Span


@dataclass(frozen=True, slots=True)
class While(Stmt):
    cond: Expr
    body: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Repeat(Stmt):
    body: tuple[Stmt, ...]
    cond: Expr
    span: Span


@dataclass(frozen=True, slots=True)
class For(Stmt):
    var: Expr
    start: Expr
    end: Expr
    step: Optional[Expr]
    body: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ForEach(Stmt):
    var: Expr
    source: Expr
    begin: Optional[Expr]
    end: Optional[Expr]
    until: Optional[Expr]
    while_: Optional[Expr]
    body: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class Use(Stmt):
    target: Expr
    body: tuple[Stmt, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class TryBlock(Stmt):
    body: tuple[Stmt, ...]
    catch: Optional[tuple[Stmt, ...]]
    span: Span


@dataclass(frozen=True, slots=True)
class Return(Stmt):
    value: Optional[Expr]
    span: Span


@dataclass(frozen=True, slots=True)
class Break(Stmt):
    span: Span


@dataclass(frozen=True, slots=True)
class Continue(Stmt):
    span: Span


@dataclass(frozen=True, slots=True)
class VarDecl(Stmt):
    """`var $a; $b : Type := init` — names as written; type lower-cased or `cs.X`."""

    names: tuple[Expr, ...]
    type: Optional[str]
    init: Optional[Expr]
    span: Span


@dataclass(frozen=True, slots=True)
class ParamDecl(Node):
    name: str  # "$x", or "..." for the variadic part
    type: Optional[str]
    span: Span


@dataclass(frozen=True, slots=True)
class Declare(Stmt):
    """`#DECLARE(params) -> $r : Type` or `: Type`."""

    params: tuple[ParamDecl, ...]
    result: Optional[ParamDecl]  # name "" when only the type is given
    span: Span


@dataclass(frozen=True, slots=True)
class SqlBlock(Stmt):
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class ClassExtends(Stmt):
    parent: str
    span: Span


@dataclass(frozen=True, slots=True)
class ClassConstructor(Stmt):
    modifiers: tuple[str, ...]
    params: tuple[ParamDecl, ...]
    span: Span


@dataclass(frozen=True, slots=True)
class ClassFunction(Stmt):
    modifiers: tuple[str, ...]
    kind: str  # "", "get" or "set"
    name: str
    params: tuple[ParamDecl, ...]
    result: Optional[ParamDecl]
    span: Span


@dataclass(frozen=True, slots=True)
class ClassProperty(Stmt):
    names: tuple[str, ...]
    type: Optional[str]
    init: Optional[Expr]
    span: Span


ASSIGNABLE = (Local, ParamIndirect, Name, Interprocess, Member, Index, CharIndex, ArrayElem, Deref)
