"""Calls: project methods, class functions and formulas, member calls, parameter binding.

`prepare_call(code)` makes, at a unit's first call, one closure specialised for its shape
(`Code.call`); method call sites, `invoke`, callbacks and member calls all go through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import nodes as N
from .. import values as V
from ..errors import (
    ERR_ARG_COUNT,
    ERR_HANDLER_NOT_CALLABLE,
    ERR_METHOD_NOT_FOUND,
    ERR_NOT_A_FUNCTION,
    ERR_UNKNOWN_NAME,
    FourDError,
    Syntax4DError,
)
from ..registry import CommandInfo, not_supported
from ..source import Span
from ..tokens import plain_code
from ..values import UNDEFINED, UNSET, Coll, Obj
from . import fastops
from .argcheck import VALUE_FAILURES, argument_failure, special_argument_error
from .conversions import to_element
from .expressions import command_info, constant_of
from .frames import Code, Fn, Frame, Scope, name_key, record_error
from .hooks import member_call_hook
from .properties import get_index
from .units import NO_ARG, arg_read, method_site, prepare_call

if TYPE_CHECKING:
    from .protocol import Core as _Base  # the other concerns of the Interpreter, as seen through self
else:
    _Base = object


class Calls(_Base):
    """Compiling and running calls of methods, functions and member functions."""

    def expr_MethodCall(self, e: N.MethodCall, scope: Scope) -> Fn:
        return self.compile_method_call(e.name, e.args, e.span, scope)

    def compile_method_call(self, name: str, args: tuple[N.Expr, ...], span: Span, scope: Scope) -> Fn:
        arg_fns = tuple(self.compile_expr(a, scope) for a in args)
        project = self.runtime.project
        cache: list[Code | None] = [None]
        n_args = len(arg_fns)
        a0: Any = arg_fns[0] if n_args else None
        a1: Any = arg_fns[1] if n_args > 1 else None

        def call_method(f: Frame) -> Any:
            code = cache[0]
            if code is None:
                code = self.get_method(name, span)
                cache[0] = code
            call = code.call or prepare_call(code)
            # no list comprehension frame for the common short calls
            args = (
                []
                if n_args == 0
                else [a0(f)]
                if n_args == 1
                else [a0(f), a1(f)]
                if n_args == 2
                else [a(f) for a in arg_fns]
            )
            return call(f, args, span, None, f.process)

        site: Fn = call_method
        if fastops.FASTPATHS and n_args <= 2:
            site = method_site(self.get_method, name, args, arg_fns, span, scope)
        if not project.has_method(name):

            def unknown_method(f: Frame) -> Any:
                if project.has_method(name):
                    return site(f)
                raise self.unknown_name(name, span)

            return unknown_method
        return site

    def call_method_by_name(self, f: Frame, name: str, args: list[Any], span: Span | None) -> Any:
        code = self.get_method(name, span)
        return self.invoke(code, args, f, span)

    def get_method(self, name: str, span: Span | None) -> Code:
        key = name_key(name)
        code = self.codes.get(key)
        if code is not None:
            return code
        mt = self.runtime.project.load_method(name)
        if mt is None:
            raise FourDError(ERR_METHOD_NOT_FOUND, f'Project method not found: "{name}"', span)
        from ..cache import parse_cached

        stmts = parse_cached(mt.source)
        code = self.compile_unit(mt.name, stmts, mt.source)
        code.attributes = mt.attributes
        self.codes[key] = code
        return code

    def invoke(
        self,
        code: Code,
        args: list[Any],
        caller: Frame | None,
        span: Span | None,
        this: Any = None,
        process: Any = None,
        initial: list[Any] | None = None,
    ) -> Any:
        """Run a compiled unit with arguments; returns its result (Undefined if none)."""
        call = code.call
        if call is None:
            call = prepare_call(code)
        if process is None:
            assert caller is not None, "invoke needs the caller's frame or a process"
            process = caller.process
        return call(caller, args, span, this, process, initial)

    def expr_MemberCall(self, e: N.MemberCall, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        arg_fns = tuple(self.compile_expr(a, scope) for a in e.args)
        name = e.name
        span = e.span
        call_member = self.call_member
        coll_members = self.members.setdefault("Collection", {})

        n_args = len(arg_fns)
        if not fastops.FASTPATHS:

            def call_member_general(f: Frame) -> Any:
                o = obj(f)
                return call_member(f, o, name, [a(f) for a in arg_fns], span)

            return call_member_general
        if name == "push" and n_args == 1:
            return self.compile_push(e, obj, arg_fns[0], scope, statement=False)
        if isinstance(e.obj, N.Local) and n_args <= 2:
            return self._member_call_of_local(e, obj, arg_fns, scope)

        def member_call(f: Frame) -> Any:
            o = obj(f)
            # no list comprehension frame for the common short calls
            args = (
                []
                if n_args == 0
                else [arg_fns[0](f)]
                if n_args == 1
                else [arg_fns[0](f), arg_fns[1](f)]
                if n_args == 2
                else [a(f) for a in arg_fns]
            )
            t = type(o)
            if t is Coll:
                fn = coll_members.get(name)
                if fn is not None:
                    f.span = span
                    try:
                        return fn(f, o, *args)
                    except FourDError as err:
                        err.with_span(span)
                        raise
                    except VALUE_FAILURES as exc:
                        raise argument_failure(exc, f".{name}()", args, span) from exc
            else:
                hook = member_call_hook(t)
                call = hook(o, name) if hook is not None else None
                if call is not None:
                    # a class function, `new`, a formula's `call`: what call_member would end up doing
                    f.span = span
                    try:
                        return call(f, args, span, o, f.process)
                    except FourDError as err:
                        err.with_span(span)
                        raise
            return call_member(f, o, name, args, span)

        return member_call

    def _member_call_of_local(self, e: N.MemberCall, obj: Fn, arg_fns: tuple[Fn, ...], scope: Scope) -> Fn:
        """`$o.name(...)` with up to two arguments: expr_MemberCall's member_call with the receiver
        and the arguments that are locals or constants read inline (`_arg_read` kinds 0 and 1)."""
        assert isinstance(e.obj, N.Local)
        oi = scope.slot(e.obj.name)
        n = len(arg_fns)
        k0, i0, _o0, c0, a0 = arg_read(e.args[0], arg_fns[0], scope) if n > 0 else NO_ARG
        k1, i1, _o1, c1, a1 = arg_read(e.args[1], arg_fns[1], scope) if n > 1 else NO_ARG
        name = e.name
        span = e.span
        call_member = self.call_member
        coll_members = self.members.setdefault("Collection", {})

        def member_call_of_local(f: Frame) -> Any:
            loc = f.locals
            o = loc[oi]
            if o is UNSET:
                o = obj(f)  # reports the unassigned variable
            if n == 0:
                args = []
            else:
                if k0 == 1:
                    v0 = loc[i0]
                    if v0 is UNSET:
                        v0 = a0(f)
                elif k0 == 0:
                    v0 = c0
                else:
                    v0 = a0(f)
                if n == 1:
                    args = [v0]
                else:
                    if k1 == 1:
                        v1 = loc[i1]
                        if v1 is UNSET:
                            v1 = a1(f)
                    elif k1 == 0:
                        v1 = c1
                    else:
                        v1 = a1(f)
                    args = [v0, v1]
            t = type(o)
            if t is Coll:
                fn = coll_members.get(name)
                if fn is not None:
                    f.span = span
                    try:
                        return fn(f, o, *args)
                    except FourDError as err:
                        err.with_span(span)
                        raise
            else:
                hook = member_call_hook(t)
                call = hook(o, name) if hook is not None else None
                if call is not None:
                    f.span = span
                    try:
                        return call(f, args, span, o, f.process)
                    except FourDError as err:
                        err.with_span(span)
                        raise
            return call_member(f, o, name, args, span)

        return member_call_of_local

    def compile_push(self, e: N.MemberCall, obj: Fn, a0: Fn, scope: Scope, statement: bool) -> Fn:
        """`$c.push(v)`: push's own work without its checks on a standard collection with a value
        stored as is; anything else takes the general member call. A local collection and a
        constant value are read inline; as a statement it returns None (no wrapper needed).
        """
        oi = scope.slot(e.obj.name) if isinstance(e.obj, N.Local) else -1
        const = constant_of(a0)
        as_is = type(const) in (float, bool, str) or const is None
        call_member = self.call_member
        span = e.span

        def push_one(f: Frame) -> Any:
            o = f.locals[oi] if oi >= 0 else UNSET
            if o is UNSET:
                o = obj(f)  # reports an unassigned local
            v = const if as_is else a0(f)
            if type(o) is Coll and o.group is None:
                t = type(v)
                if t is float or t is bool or t is str or t is Obj or t is Coll or v is None:
                    o.append(v)
                    return None if statement else o
                if t is int:  # an Integer is stored as a Real
                    o.append(to_element(v))
                    return None if statement else o
            r = call_member(f, o, "push", [v], span)
            return None if statement else r

        return push_one

    def call_member(self, f: Frame, o: Any, name: str, args: list[Any], span: Span | None) -> Any:
        f.span = span
        if isinstance(o, Coll):
            fn = self.members.get("Collection", {}).get(name)
            if fn is None:
                raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a collection', span)
            try:
                return fn(f, o, *args)
            except FourDError as err:
                err.with_span(span)
                raise
            except VALUE_FAILURES as exc:
                raise argument_failure(exc, f".{name}()", args, span) from exc
        if o is None or o is UNDEFINED:
            raise FourDError(
                ERR_NOT_A_FUNCTION,
                f'Cannot call "{name}()": the object is {"Null" if o is None else "undefined"}',
                span,
            )
        caller = getattr(o, "call_4d_member", None)
        if caller is not None:
            try:
                return caller(f, name, args, span)
            except FourDError as err:
                err.with_span(span)
                raise
            except VALUE_FAILURES as exc:
                raise argument_failure(exc, f".{name}()", args, span) from exc
        if isinstance(o, Obj):
            fn = o.get(name, UNDEFINED)
            if getattr(fn, "is_formula", False):
                return fn.invoke(f, args, this=o, span=span)
            if fn is UNDEFINED:
                raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}"', span)
            raise FourDError(ERR_NOT_A_FUNCTION, f'The property "{name}" is not a function', span)
        kind = getattr(o, "class_name", None)
        if kind:
            fn = self.members.get(kind, {}).get(name)
            if fn is not None:
                try:
                    return fn(f, o, *args)
                except FourDError as err:
                    err.with_span(span)
                    raise
                except VALUE_FAILURES as exc:
                    raise argument_failure(exc, f".{name}()", args, span) from exc
        raise FourDError(ERR_NOT_A_FUNCTION, f'Cannot call "{name}()" on a {V.type_name(o)} value', span)

    def expr_Call(self, e: N.Call, scope: Scope) -> Fn:
        arg_fns = tuple(self.compile_expr(a, scope) for a in e.args)
        span = e.span
        if isinstance(e.target, N.Index):
            # `$o["fn"](...)` is a member call: This is $o (docs/API/FunctionClass.md).
            owner = self.compile_expr(e.target.obj, scope)
            key = self.compile_expr(e.target.index, scope)
            call_member = self.call_member

            def call_by_name(f: Frame) -> Any:
                o = owner(f)
                k = key(f)
                if type(k) is str and not isinstance(o, Coll):
                    return call_member(f, o, k, [a(f) for a in arg_fns], span)
                fn = get_index(o, k, span)
                if getattr(fn, "is_formula", False):
                    return fn.invoke(f, [a(f) for a in arg_fns], this=None, span=span)
                raise FourDError(ERR_NOT_A_FUNCTION, f"A {V.type_name(fn)} value cannot be called", span)

            return call_by_name
        target = self.compile_expr(e.target, scope)

        def call_value(f: Frame) -> Any:
            fn = target(f)
            args = [a(f) for a in arg_fns]
            if getattr(fn, "is_formula", False):
                return fn.invoke(f, args, this=None, span=span)
            raise FourDError(ERR_NOT_A_FUNCTION, f"A {V.type_name(fn)} value cannot be called", span)

        return call_value

    # ---------------------------------------------------------------- commands

    def expr_Command(self, e: N.Command, scope: Scope) -> Fn:
        info = command_info(e)
        span = e.span
        if info is None:
            name = e.name

            def unknown(f: Frame) -> Any:
                raise FourDError(ERR_UNKNOWN_NAME, f"Unknown command `{name}` (number {e.number})", span)

            return unknown
        special = info.compile
        if special is not None:
            return special(self, e, scope, info)
        if not info.implemented:
            err_info = info

            def unsupported(f: Frame) -> Any:
                raise not_supported(err_info).with_span(span)

            return unsupported
        return self.compile_command_call(info, e.args, span, scope)

    def compile_command_call(self, info: CommandInfo, args: tuple[N.Expr, ...], span: Span, scope: Scope) -> Fn:
        func = info.func
        star = False
        order: bool | None = None
        arg_fns: list[Fn] = []
        convs: list[Any] = []
        params = info.params
        for a in args:
            if isinstance(a, N.Star):
                star = True
                continue
            if isinstance(a, N.SortOrder):
                if not info.wants_order:
                    raise special_argument_error(info.name, ">" if a.ascending else "<", a.span)
                order = a.ascending
                continue
            pos = len(arg_fns)
            if info.is_ref(pos):
                arg_fns.append(self.compile_ref(a, scope))
                convs.append(None)
            else:
                arg_fns.append(self.compile_expr(a, scope))
                if pos < len(params) and not params[pos].variadic:
                    convs.append(params[pos].conv)
                elif params and params[-1].variadic:
                    convs.append(params[-1].conv)
                else:
                    convs.append(None)
                if convs[-1] is not None and isinstance(a, N.Literal) and fastops.FASTPATHS:
                    arg_fns[-1], convs[-1] = _converted_literal(a.value, convs[-1], arg_fns[-1])
        n = len(arg_fns)
        name = info.name
        assert func is not None  # an implemented command
        if star and not info.wants_star:
            raise special_argument_error(name, "*", span)
        problem = info.count_problem(n)  # `mini4d check` reports the same
        if problem is not None:

            def bad_count(f: Frame) -> Any:
                raise FourDError(ERR_ARG_COUNT, problem, span)

            return bad_count
        kwargs: dict[str, Any] = {}
        if info.wants_star and star:  # `star` defaults to False and `order` to None (registry)
            kwargs["star"] = star
        if info.wants_order and order is not None:
            kwargs["order"] = order
        afs = tuple(arg_fns)
        cvs = tuple(convs)
        untyped = _untyped_positions(info, len(cvs))
        wants_ctx = info.wants_ctx
        if not kwargs and fastops.FASTPATHS:
            func = info.forms.get(n, func)
            if n <= 3:
                return _call_closure(func, afs, cvs, wants_ctx, name, span, untyped)
        pairs = tuple(zip(afs, cvs, strict=True))

        def call(f: Frame) -> Any:
            vals = []
            for af, cv in pairs:
                v = af(f)
                if cv is not None:
                    try:
                        v = cv(v)
                    except FourDError as err:
                        raise _bad_argument(err, name, span) from None
                vals.append(v)
            f.span = span
            try:
                if wants_ctx:
                    return func(f, *vals, **kwargs)
                return func(*vals, **kwargs)
            except FourDError as err:
                err.with_span(span)
                raise
            except VALUE_FAILURES as exc:
                raise argument_failure(exc, name, vals, span, untyped) from exc

        return call

    # ---------------------------------------------------------------- errors

    def on_error(self, e: FourDError, f: Frame) -> Any:
        """An error reached a statement: run the ON ERR CALL handler and go on, or propagate."""
        if getattr(e, "_passed", False):
            raise e
        proc = f.process
        if e.method is None:
            e.method = f.code.name
        hook = self.runtime.extensions.get("on_error")
        if hook is not None and proc.try_depth == 0 and hook(e, f):
            return None
        handler = proc.err_handler
        if (
            handler
            and not proc.in_handler
            and proc.try_depth <= proc.handler_depth
            and not isinstance(e, Syntax4DError)
            and e.code != 1006
        ):
            record_error(proc, e)
            self.run_handler(f, e, handler)
            return None
        e._passed = True  # type: ignore[attr-defined]
        raise e

    def run_handler(self, f: Frame, e: FourDError, handler: str) -> None:
        proc = f.process
        pv = proc.vars
        pv["error"] = e.code
        pv["error method"] = e.method or f.code.name
        pv["error line"] = e.span.line if e.span is not None else 0
        pv["error formula"] = plain_code(e.span.text()) if e.span is not None else ""  # as 4D shows it
        proc.in_handler = True
        try:
            try:
                code = self.get_method(handler, e.span)
            except FourDError:
                raise FourDError(
                    ERR_HANDLER_NOT_CALLABLE, f"Cannot call error handling project method '{handler}'", e.span
                ) from None
            self.invoke(code, [], f, e.span)
        finally:
            proc.in_handler = False
        if proc.stop_requested == "abort":
            proc.stop_requested = False
            err = FourDError(e.code, e.message, e.span)
            err._passed = True  # type: ignore[attr-defined]
            err.aborted = True  # type: ignore[attr-defined]
            raise err


def _untyped_positions(info: CommandInfo, n: int) -> Callable[[int], bool]:
    """Whether argument k of a call reaches a parameter declaring no type (or a variable): a
    failure of the command on its type is explained as a wrong argument (lang/core/argcheck.py)."""
    params = info.params
    loose = set()
    for k in range(n):
        p = params[k] if k < len(params) else (params[-1] if params and params[-1].variadic else None)
        if p is None or p.conv is None:
            loose.add(k)
    return loose.__contains__


def _converted_literal(value: Any, conv: Callable[[Any], Any], fn: Fn) -> tuple[Fn, Any]:
    """A literal argument converted once at compile time, when that cannot fail and gives an
    immutable value; else the argument and its converter unchanged."""
    try:
        v = conv(value)
    except FourDError:
        return fn, conv  # the error comes when the call runs, as for any argument
    if type(v) in (str, float, int, bool):
        return (lambda f: v), None
    return fn, conv


def _bad_argument(err: FourDError, name: str, span: Span) -> FourDError:
    """An argument the command's parameter refuses: the conversion error, naming the command."""
    return FourDError(err.code, f"`{name}`: {err.message}", span)


def _call_closure(
    func: Callable[..., Any],
    afs: tuple[Fn, ...],
    cvs: tuple[Any, ...],
    wants_ctx: bool,
    name: str,
    span: Span,
    untyped: Any,
) -> Fn:
    """The call of a command with 0 to 3 arguments (no `*`, no `>`/`<`): no loop, no argument list.

    One closure per number of arguments, each with the steps of the general call in the same
    order: each argument is evaluated then converted (when its parameter has a converter),
    a conversion error naming the command; `f.span` is set for a command that takes `ctx`;
    an error of the command gets the call's position; a Python failure on its arguments is the
    4D error lang/core/argcheck.py gives.
    """
    n = len(afs)
    if n == 0:

        def call_0(f: Frame) -> Any:
            try:
                if wants_ctx:
                    f.span = span
                    return func(f)
                return func()
            except FourDError as err:
                err.with_span(span)
                raise

        return call_0
    if n == 1:
        (a0,), (c0,) = afs, cvs

        def call_1(f: Frame) -> Any:
            v0 = a0(f)
            if c0 is not None:
                try:
                    v0 = c0(v0)
                except FourDError as err:
                    raise _bad_argument(err, name, span) from None
            try:
                if wants_ctx:
                    f.span = span
                    return func(f, v0)
                return func(v0)
            except FourDError as err:
                err.with_span(span)
                raise
            except VALUE_FAILURES as exc:
                raise argument_failure(exc, name, (v0,), span, untyped) from exc

        return call_1
    if n == 2:
        (a0, a1), (c0, c1) = afs, cvs

        def call_2(f: Frame) -> Any:
            v0 = a0(f)
            if c0 is not None:
                try:
                    v0 = c0(v0)
                except FourDError as err:
                    raise _bad_argument(err, name, span) from None
            v1 = a1(f)
            if c1 is not None:
                try:
                    v1 = c1(v1)
                except FourDError as err:
                    raise _bad_argument(err, name, span) from None
            try:
                if wants_ctx:
                    f.span = span
                    return func(f, v0, v1)
                return func(v0, v1)
            except FourDError as err:
                err.with_span(span)
                raise
            except VALUE_FAILURES as exc:
                raise argument_failure(exc, name, (v0, v1), span, untyped) from exc

        return call_2
    (a0, a1, a2), (c0, c1, c2) = afs, cvs

    def call_3(f: Frame) -> Any:
        v0 = a0(f)
        if c0 is not None:
            try:
                v0 = c0(v0)
            except FourDError as err:
                raise _bad_argument(err, name, span) from None
        v1 = a1(f)
        if c1 is not None:
            try:
                v1 = c1(v1)
            except FourDError as err:
                raise _bad_argument(err, name, span) from None
        v2 = a2(f)
        if c2 is not None:
            try:
                v2 = c2(v2)
            except FourDError as err:
                raise _bad_argument(err, name, span) from None
        try:
            if wants_ctx:
                f.span = span
                return func(f, v0, v1, v2)
            return func(v0, v1, v2)
        except FourDError as err:
            err.with_span(span)
            raise
        except VALUE_FAILURES as exc:
            raise argument_failure(exc, name, (v0, v1, v2), span, untyped) from exc

    return call_3
