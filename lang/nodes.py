"""The syntax tree the interpreter sees: small, frozen, positioned nodes.

Children first, `span` last. The interpreter never sees lark trees or tokens.
"""

from __future__ import annotations

from types import FunctionType
from typing import Any

from .source import Span


def node(cls: type) -> type:
    """`@dataclass(frozen=True, slots=True)` for nodes, at a fraction of its import-time cost."""
    names = tuple(cls.__dict__.get("__annotations__", {}))
    ns = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    ns["__slots__"] = names
    ns["__match_args__"] = names
    new = type(cls.__name__, cls.__bases__, ns)
    # slot descriptors assign directly, so the frozen __setattr__ never runs in __init__
    env = {f"_s{i}": new.__dict__[n].__set__ for i, n in enumerate(names)}
    if len(names) >= len(_INIT_TEMPLATES):
        raise TypeError(f"{cls.__name__}: add an __init__ template for {len(names)} fields")
    template = _INIT_TEMPLATES[len(names)]
    # the template's code with the field names as parameter names (keywords, `replace` work)
    code = template.__code__.replace(co_varnames=("self", *names), co_name="__init__")
    init = FunctionType(code, env, "__init__")
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    new.__init__ = init  # type: ignore[misc]
    return new


# __init__ of a node with 1, 2, ... fields: _s<i> is the slot setter of field i, from the globals
# given to each copy. Copies of compiled functions: node classes cost no compile() at import.
def _init0(self):  # type: ignore[no-untyped-def]
    pass


def _init1(self, a):  # type: ignore[no-untyped-def]
    _s0(self, a)  # noqa: F821


def _init2(self, a, b):  # type: ignore[no-untyped-def]
    _s0(self, a), _s1(self, b)  # noqa: F821


def _init3(self, a, b, c):  # type: ignore[no-untyped-def]
    _s0(self, a), _s1(self, b), _s2(self, c)  # noqa: F821


def _init4(self, a, b, c, d):  # type: ignore[no-untyped-def]
    _s0(self, a), _s1(self, b), _s2(self, c), _s3(self, d)  # noqa: F821


def _init5(self, a, b, c, d, e):  # type: ignore[no-untyped-def]
    _s0(self, a), _s1(self, b), _s2(self, c), _s3(self, d), _s4(self, e)  # noqa: F821


def _init6(self, a, b, c, d, e, f):  # type: ignore[no-untyped-def]
    _s0(self, a), _s1(self, b), _s2(self, c), _s3(self, d), _s4(self, e), _s5(self, f)  # noqa: F821


def _init7(self, a, b, c, d, e, f, g):  # type: ignore[no-untyped-def]
    _s0(self, a), _s1(self, b), _s2(self, c), _s3(self, d), _s4(self, e), _s5(self, f), _s6(self, g)  # noqa: F821


def _init8(self, a, b, c, d, e, f, g, h):  # type: ignore[no-untyped-def]
    _s0(self, a), _s1(self, b), _s2(self, c), _s3(self, d), _s4(self, e), _s5(self, f), _s6(self, g), _s7(self, h)  # noqa: F821


_INIT_TEMPLATES = (_init0, _init1, _init2, _init3, _init4, _init5, _init6, _init7, _init8)


def _key(self: Node) -> tuple[Any, ...]:
    return tuple(getattr(self, n) for n in self.__slots__)


def _frozen(self: Node, name: str, value: Any = None) -> None:
    import dataclasses

    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _eq(self: Node, other: object) -> bool:
    if other.__class__ is self.__class__:
        return _key(self) == _key(other)  # type: ignore[arg-type]
    return NotImplemented


def _repr(self: Node) -> str:
    inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
    return f"{type(self).__qualname__}({inner})"


class _Fields:
    """`__dataclass_fields__` of node classes (`dataclasses.fields`, `replace`), made when first asked for.

    Importing dataclasses costs more than every node class together (start-up time).
    """

    def __init__(self) -> None:
        self.made: dict[type, dict[str, Any]] = {}

    def __get__(self, obj: Any, cls: type) -> dict[str, Any]:
        fields = self.made.get(cls)
        if fields is None:
            if not cls.__slots__:
                raise AttributeError("__dataclass_fields__")  # Node, Expr, Stmt: not dataclasses
            import dataclasses

            fields = {}
            for n in cls.__slots__:
                f = dataclasses.field()
                f.name, f.type = n, cls.__annotations__[n]
                f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
                fields[n] = f
            self.made[cls] = fields
        return fields


class Node:
    __slots__ = ()
    span: Span
    __setattr__ = _frozen
    __delattr__ = _frozen
    __eq__ = _eq
    __repr__ = _repr
    __dataclass_fields__ = _Fields()

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
    """`[Table]` or `[Table]Field`, tokenized `[Table:2]Field:3`: a database table or field reference.

    `table` and `field` are the names as written (`field` is "" for a table); `table_number` and
    `field_number` are the numbers a tokenized reference carries (0 when it carries none), which
    name the table and field even after they are renamed in the structure.
    """

    text: str
    table: str
    table_number: int
    field: str
    field_number: int
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
    """The bare `>` / `<` argument of SORT ARRAY and ORDER BY; in a QUERY, the comparator `>` / `<`."""

    ascending: bool
    span: Span


@node
class OperatorArg(Expr):
    """A bare operator as an argument of QUERY, QUERY SELECTION and the QUERY BY ATTRIBUTE commands.

    `op` is the symbol as written: a conjunction (`&` AND, `|` OR, `#` Except) or a comparator
    (`=`, `#`, `<=`, `>=`, `%` contains keyword; `<` and `>` arrive as SortOrder). Which one is
    meant follows from the position (QUERY's `{conjunction;} field; comparator; value`): `#`
    right after the table (or first) is Except, after a field it is "not equal to". A conjunction
    written with its criterion and no `;` (`QUERY([T]; & [T]f=1)`) arrives as two arguments, as
    if the `;` were there. Evaluating one outside such a command is a "not supported" error.
    """

    op: str
    span: Span


@node
class AssignArg(Expr):
    """An assignment passed as an argument: the code of `Formula(This.total:=This.price*2)` or the
    statement `APPLY TO SELECTION` runs for each record (`APPLY TO SELECTION([T]; [T]f:=1)`).

    `target += value` arrives as `target := target + value`.
    """

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
    other: tuple[Stmt, ...] | None
    span: Span


@node
class Case(Stmt):
    branches: tuple[tuple[Expr, tuple[Stmt, ...]], ...]
    other: tuple[Stmt, ...] | None
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
    step: Expr | None
    body: tuple[Stmt, ...]
    span: Span


@node
class ForEach(Stmt):
    var: Expr
    source: Expr
    begin: Expr | None
    end: Expr | None
    until: Expr | None
    while_: Expr | None
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
    catch: tuple[Stmt, ...] | None
    span: Span


@node
class Return(Stmt):
    value: Expr | None
    span: Span


@node
class Break(Stmt):
    span: Span


@node
class Continue(Stmt):
    span: Span


@node
class VarDecl(Stmt):
    """`var $a; $b : Type := init` — names as written; type lower-cased or `cs.X`.

    Names are Local, Name (process), Interprocess (`var <>x : Boolean`) or ParamIndirect
    (`var ${2} : Text`, the type of the parameters from 2 on).
    """

    names: tuple[Expr, ...]
    type: str | None
    init: Expr | None
    span: Span


@node
class ParamDecl(Node):
    name: str  # "$x", or "..." for the variadic part
    type: str | None
    span: Span


@node
class Declare(Stmt):
    """`#DECLARE(params) -> $r : Type` or `: Type`."""

    params: tuple[ParamDecl, ...]
    result: ParamDecl | None  # name "" when only the type is given
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
    result: ParamDecl | None
    span: Span


@node
class ClassProperty(Stmt):
    names: tuple[str, ...]
    type: str | None
    init: Expr | None
    span: Span


ASSIGNABLE = (Local, ParamIndirect, Name, Interprocess, Member, Index, CharIndex, ArrayElem, Deref)
