"""Expressions: literals, variables, operators, object and collection literals, compiled to closures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import nodes as N
from .. import values as V
from ..errors import ERR_NOT_SUPPORTED, ERR_UNKNOWN_NAME, FourDError, Syntax4DError
from ..registry import REGISTRY, CommandInfo
from ..source import Span
from ..values import UNDEFINED, UNSET, Coll, Obj
from . import fastops
from .conversions import to_element, to_storable
from .fastops import binary_closure, concat_closure, inline_read
from .frames import Fn, Frame, Scope, interprocess_key, name_key, record_error, undefined_variable

if TYPE_CHECKING:
    from .protocol import Core as _Base  # the other concerns of the Interpreter, as seen through self
else:
    _Base = object


class Expressions(_Base):
    """Compiling expressions."""

    expr_compilers: dict[type, Callable[..., Fn]] = {}  # node type -> expr_<Node> (lang/interpreter.py)

    def compile_expr(self, e: N.Expr, scope: Scope) -> Fn:
        """The closure of an expression: the `expr_<Node>` method of its node type compiles it."""
        meth = self.expr_compilers.get(type(e))
        if meth is None:
            span = e.span

            def unsupported(f: Frame) -> Any:
                raise FourDError(
                    ERR_NOT_SUPPORTED, f"{type(e).__name__} expressions are not supported by mini4d yet", span
                )

            return unsupported
        return meth(self, e, scope)

    def expr_Literal(self, e: N.Literal, scope: Scope) -> Fn:
        return constant_closure(e.value)

    def expr_Local(self, e: N.Local, scope: Scope) -> Fn:
        i = scope.slot(e.name)
        name = e.name
        span = e.span

        def get_local(f: Frame) -> Any:
            v = f.locals[i]
            if v is UNSET:
                raise undefined_variable(name, span)
            return v

        get_local.local_slot = i  # type: ignore[attr-defined]  # lets a store read the local inline
        return get_local

    def expr_ParamIndirect(self, e: N.ParamIndirect, scope: Scope) -> Fn:
        prep, get, _put = self.compile_place(e, scope)
        return lambda f: get(f, prep(f))

    def expr_Name(self, e: N.Name, scope: Scope) -> Fn:
        return self.compile_name(e, scope, as_statement=False)

    def compile_name(self, e: N.Name, scope: Scope, as_statement: bool) -> Fn:
        key = name_key(e.name)
        project = self.runtime.project
        if project.has_method(e.name):
            return self.compile_method_call(e.name, (), e.span, scope)
        span = e.span
        name = e.name

        def get_process(f: Frame) -> Any:
            v = f.process.vars.get(key, UNSET)
            if v is UNSET:
                if project.has_method(name):
                    return self.call_method_by_name(f, name, [], span)
                raise self.unknown_name(name, span)
            return v

        return get_process

    def unknown_name(self, name: str, span: Span) -> FourDError:
        from ..suggest import unknown_name_message  # the same words as `mini4d check`

        if span is not None and span.text().startswith(name):
            span = Span(span.source, span.start, span.start + len(name))  # the caret marks the name, not its arguments
        return FourDError(ERR_UNKNOWN_NAME, unknown_name_message(name, self.runtime.project.method_names()), span)

    def expr_Interprocess(self, e: N.Interprocess, scope: Scope) -> Fn:
        key = interprocess_key(e.name)
        rt = self.runtime
        span = e.span
        name = e.name

        def get_inter(f: Frame) -> Any:
            v = rt.interprocess.get(key, UNSET)
            if v is UNSET:
                raise undefined_variable("<>" + name, span)
            return v

        return get_inter

    def expr_Constant(self, e: N.Constant, scope: Scope) -> Fn:
        info = e.value
        if info is not None and info.module:
            REGISTRY.resolve_constant(info)  # its theme module defines its value
        if info is None or not info.defined:
            span = e.span
            name = e.name

            def undefined_constant(f: Frame) -> Any:
                raise FourDError(ERR_NOT_SUPPORTED, f"The constant `{name}` is not supported by mini4d yet", span)

            return undefined_constant
        v = info.value
        return lambda f: v

    def expr_Binary(self, e: N.Binary, scope: Scope) -> Fn:
        fast = fastops.FASTPATHS
        if e.op == "+" and fast:
            concat = concat_closure(
                e, lambda x: self.compile_expr(x, scope), BINARY_OPERATORS["+"], scope.slot, undefined_variable
            )
            if concat is not None:
                return concat
        left = self.compile_expr(e.left, scope)
        right = self.compile_expr(e.right, scope)
        op = e.op
        span = e.span
        if op == "&&":

            def and_then(f: Frame) -> Any:
                a = left(f)
                if not V.truthy(a):
                    return a
                return right(f)

            return and_then
        if op == "||":

            def or_else(f: Frame) -> Any:
                a = left(f)
                if V.truthy(a):
                    return a
                return right(f)

            return or_else
        impl = BINARY_OPERATORS[op]
        specialised = binary_closure(op, e, left, right, impl, scope.slot, undefined_variable) if fast else None
        if specialised is not None:
            return specialised

        def binary(f: Frame) -> Any:
            a = left(f)
            b = right(f)
            try:
                return impl(a, b)
            except FourDError as err:
                err.with_span(span)
                raise

        return binary

    def expr_Neg(self, e: N.Neg, scope: Scope) -> Fn:
        operand = self.compile_expr(e.operand, scope)
        span = e.span
        if not fastops.FASTPATHS:

            def negate(f: Frame) -> Any:
                try:
                    return V.negate(operand(f))
                except FourDError as err:
                    err.with_span(span)
                    raise

            return negate

        def neg(f: Frame) -> Any:
            v = operand(f)
            t = type(v)
            if t is float or t is int:
                return -v
            try:
                return V.negate(v)
            except FourDError as err:
                err.with_span(span)
                raise

        if isinstance(e.operand, N.Local):
            i = scope.slot(e.operand.name)

            def neg_local(f: Frame) -> Any:  # `-$x`: the local read inline
                v = f.locals[i]
                t = type(v)
                if t is float or t is int:
                    return -v
                return neg(f)  # Undefined, other types, errors

            return neg_local
        return neg

    def expr_Ternary(self, e: N.Ternary, scope: Scope) -> Fn:
        cond = self.compile_expr(e.cond, scope)
        a = self.compile_expr(e.then, scope)
        b = self.compile_expr(e.other, scope)
        truthy = V.truthy

        def ternary(f: Frame) -> Any:
            return a(f) if truthy(cond(f)) else b(f)

        return ternary

    def expr_ObjectLit(self, e: N.ObjectLit, scope: Scope) -> Fn:
        new = Obj.__new__
        if not fastops.FASTPATHS:
            pairs = tuple((k, self.compile_expr(v, scope)) for k, v in e.pairs)

            def object_literal(f: Frame) -> Obj:
                o = new(Obj)
                o.group = None
                for k, fn in pairs:
                    v = fn(f)
                    if v is not UNDEFINED:  # an undefined value makes no property
                        o[k] = to_storable(v)
                return o

            return object_literal
        # Each value is a constant (0), a local read from its slot (1) or a closure (2).
        plan = tuple((k, *inline_read(v, lambda x: self.compile_expr(x, scope), scope.slot)) for k, v in e.pairs)

        def obj_lit(f: Frame) -> Obj:
            o = new(Obj)  # Obj() without its __init__ call
            o.group = None
            for k, kind, x, where in plan:
                if kind == 0:
                    v = x
                elif kind == 1:
                    v = f.locals[x]
                    if v is UNSET:
                        raise undefined_variable(*where)
                else:
                    v = x(f)
                t = type(v)
                if t is float or t is str or t is bool or t is Obj or t is Coll or v is None:
                    o[k] = v  # stored as is (what to_storable gives for these)
                elif v is not UNDEFINED:
                    o[k] = to_storable(v)
            return o

        return obj_lit

    def expr_CollectionLit(self, e: N.CollectionLit, scope: Scope) -> Fn:
        items = tuple(self.compile_expr(v, scope) for v in e.items)
        new = Coll.__new__
        if not fastops.FASTPATHS:

            def collection_literal(f: Frame) -> Coll:
                out = new(Coll)
                out.group = None
                for it in items:
                    out.append(to_element(it(f)))
                return out

            return collection_literal

        def coll_lit(f: Frame) -> Coll:
            out = new(Coll)  # Coll() without its __init__ call
            out.group = None
            for it in items:
                v = it(f)
                t = type(v)
                if t is float or t is str or t is bool or t is Obj or t is Coll or v is None:
                    out.append(v)  # stored as is
                else:
                    out.append(to_element(v))
            return out

        return coll_lit

    def expr_TryExpr(self, e: N.TryExpr, scope: Scope) -> Fn:
        inner = self.compile_expr(e.expr, scope)

        def try_expr(f: Frame) -> Any:
            proc = f.process
            proc.try_depth += 1
            proc.last_errors = None
            try:
                return inner(f)
            except FourDError as err:
                record_error(proc, err)
                return UNDEFINED
            finally:
                proc.try_depth -= 1

        return try_expr

    def expr_Star(self, e: N.Star, scope: Scope) -> Fn:
        raise Syntax4DError("`*` is only allowed as a command argument", e.span)

    def expr_OperatorArg(self, e: N.OperatorArg, scope: Scope) -> Fn:
        """`QUERY([T]; & ; ...)`: a conjunction or comparator has a meaning only to a query of the database."""
        msg, span = f"The operator `{e.op}` as a parameter needs the 4D database", e.span

        def operator_arg(f: Frame) -> Any:
            raise FourDError(ERR_NOT_SUPPORTED, msg, span)

        return operator_arg

    def expr_AssignArg(self, e: N.AssignArg, scope: Scope) -> Fn:
        """An assignment as a parameter outside Formula: the statement APPLY TO SELECTION runs per record."""
        msg, span = "An assignment as a parameter runs for each record: it needs the 4D database", e.span

        def assign_arg(f: Frame) -> Any:
            raise FourDError(ERR_NOT_SUPPORTED, msg, span)

        return assign_arg

    def expr_Table(self, e: N.Table, scope: Scope) -> Fn:
        span = e.span
        text = e.text

        def table(f: Frame) -> Any:
            raise FourDError(ERR_NOT_SUPPORTED, f"{text} is a database table or field: mini4d has no database", span)

        return table


def constant_closure(v: Any) -> Fn:
    """The closure of a constant; it carries the value (`constant_of`) so that stores and `push`
    can use it without calling it.

    Numbers, short texts, Booleans and Null share one closure per value (a method of a million
    `$x:=1` makes one closure for `1`, not a million): these values are immutable and a closure
    of an expression is never used to find where it came from.
    """
    t = type(v)
    key: Any = None
    if t is float:
        key = (t, v.hex())  # 0.0 and -0.0 are equal but not the same constant
    elif (t is str and len(v) <= 64) or t is bool or v is None:
        key = (t, v)
    if key is not None:
        fn = _SHARED_CONSTANTS.get(key)
        if fn is not None:
            return fn

    def constant(f: Frame) -> Any:
        return v

    constant.constant = v  # type: ignore[attr-defined]
    if key is not None and len(_SHARED_CONSTANTS) < 100_000:
        _SHARED_CONSTANTS[key] = constant
    return constant


_SHARED_CONSTANTS: dict[Any, Fn] = {}


def constant_of(fn: Fn) -> Any:
    """The value of a closure made by `constant_closure` (a literal, `True`, `False`), else UNSET."""
    return getattr(fn, "constant", UNSET)


def constant_command(value: Any) -> Callable[..., Fn]:
    """The `compile=` of a command that is a constant (`True`, `False`): its calls are the value."""

    def compile_constant(interp: Any, node: N.Command, scope: Scope, info: CommandInfo) -> Fn:
        if node.args:
            return interp.compile_command_call(info, node.args, node.span, scope)  # its parameter-count error
        return constant_closure(value)

    return compile_constant


def command_info(e: N.Command) -> CommandInfo | None:
    """The registered command a command node calls: by its number (tokenized or resolved), else its name."""
    info = REGISTRY.lookup_number(e.number) if e.number else None
    return info if info is not None else REGISTRY.lookup(e.name)


BINARY_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "+": V.add,
    "-": V.sub,
    "*": V.mul,
    "/": V.div,
    "\\": V.intdiv,
    "%": V.mod,
    "^": V.power,
    "=": V.equal,
    "#": lambda a, b: not V.equal(a, b),
    "<": lambda a, b: V.compare(a, b, "<"),
    ">": lambda a, b: V.compare(a, b, ">"),
    "<=": lambda a, b: V.compare(a, b, "<="),
    ">=": lambda a, b: V.compare(a, b, ">="),
    "&": V.bit_and,
    "|": V.bit_or,
    "^|": V.bit_xor,
    "<<": V.shl,
    ">>": V.shr,
    "?+": V.bit_set,
    "?-": V.bit_clear,
    "??": V.bit_test,
}
