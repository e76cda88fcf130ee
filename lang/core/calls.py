"""Calls: project methods, class functions and formulas, member calls, parameter binding.

`prepare_call(code)` makes, at a unit's first call, one closure specialised for its shape
(`Code.call`); method call sites, `invoke`, callbacks and member calls all go through it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import nodes as N
from .. import values as V
from ..errors import (
    ERR_ARG_COUNT,
    ERR_HANDLER_NOT_CALLABLE,
    ERR_METHOD_NOT_FOUND,
    ERR_NOT_A_FUNCTION,
    ERR_STACK_OVERFLOW,
    ERR_UNKNOWN_NAME,
    FourDError,
    Syntax4DError,
)
from ..registry import CommandInfo, not_supported
from ..source import Span
from ..tokens import plain_code
from ..values import UNDEFINED, UNSET, Coll, Date4D, Obj, Time4D
from . import fastops
from .argcheck import VALUE_FAILURES, argument_failure, out_of_memory, special_argument_error
from .conversions import convert_parameter, parameter_converter, to_element, variable_converter
from .expressions import command_info, constant_of
from .frames import MAX_DEPTH, Code, Fn, Frame, Scope, add_frame, name_key, record_error, take_deferred
from .hooks import member_call_hook
from .properties import get_index

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

        if fastops.FASTPATHS and n_args <= 2:
            call_method = self.method_site(name, args, arg_fns, span, scope)
        if not project.has_method(name):

            def unknown_method(f: Frame) -> Any:
                if project.has_method(name):
                    return call_method(f)
                raise self.unknown_name(name, span)

            return unknown_method
        return call_method

    def method_site(self, name: str, args: tuple[N.Expr, ...], arg_fns: tuple[Fn, ...], span: Span, scope: Scope) -> Fn:
        """A project method call with up to two arguments, in one closure with the call itself.

        The arguments are read inline when they are literals, locals or `$a±n`; at the first call
        (and whenever the method's `Code.call` is made again) the site takes the method's call plan
        (`prepare_call`). A method whose #DECLARE parameters match the arguments in number runs in a
        frame made here, its parameters bound as `call` binds them; any other goes through `Code.call`.
        The stack-depth check, the call-stack line of an error and deferred errors are those of `call`.
        """
        n = len(arg_fns)
        k0, i0, op0, c0, a0 = _arg_read(args[0], arg_fns[0], scope) if n > 0 else _NO_ARG
        k1, i1, op1, c1, a1 = _arg_read(args[1], arg_fns[1], scope) if n > 1 else _NO_ARG
        get_method = self.get_method
        code: Any = None
        prepared: Any = None
        fused = False
        template: list[Any] = []
        body: Any = None
        single: Any = None
        single_span: Any = None
        on_error: Any = None
        rs: Any = None
        result_default: Any = UNDEFINED
        bind: Any = None
        sl0 = sl1 = 0
        cv0: Any = None
        cv1: Any = None
        same0: Any = None
        same1: Any = None

        def setup() -> None:
            nonlocal code, prepared, fused, template, body, single, single_span, on_error, rs, result_default
            nonlocal bind, sl0, sl1, cv0, cv1, same0, same1
            c = code if code is not None else get_method(name, span)
            call = c.call or prepare_call(c)
            plan = call.plan
            code = c
            prepared = call
            fused = plan.declared and plan.is_method and len(plan.steps) == n
            template, body, single, single_span, on_error = plan.template, plan.body, *plan.single
            rs, result_default, bind = plan.rs, plan.result_default, plan.bind
            if n > 0 and fused:
                _k, sl0, cv0, same0 = plan.steps[0]
            if n > 1 and fused:
                _k, sl1, cv1, same1 = plan.steps[1]

        def method_site(f: Frame) -> Any:
            c = code
            if c is None or c.call is not prepared:
                setup()
                c = code
            loc = f.locals
            if n == 0:
                args = []
            else:
                if k0 == 1:
                    v0 = loc[i0]
                    if v0 is UNSET:
                        v0 = a0(f)  # reports the unassigned variable
                elif k0 == 0:
                    v0 = c0
                elif k0 == 3:
                    v0 = loc[i0]
                    t = type(v0)
                    v0 = op0(v0, c0) if t is float or t is int else a0(f)
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
                    elif k1 == 3:
                        v1 = loc[i1]
                        t = type(v1)
                        v1 = op1(v1, c1) if t is float or t is int else a1(f)
                    else:
                        v1 = a1(f)
                    args = [v0, v1]
            proc = f.process
            if not fused:
                return prepared(f, args, span, None, proc)
            depth = proc.depth
            if depth >= MAX_DEPTH:
                return prepared(f, args, span, None, proc)  # the stack overflow error
            nf = _new_frame(Frame)
            nf.code = c
            nf.process = proc
            nf.params = args
            nf.this = None
            nf.ret = UNDEFINED
            nf.span = None
            nf.runtime = proc.runtime
            nf.caller = f
            nf.extra = None
            new = nf.locals = template.copy()
            if n:
                if cv0 is None or type(v0) is same0:
                    new[sl0] = v0
                elif same0 is _ROUND and type(v0) is float and v0.is_integer() and -2147483647.0 < v0 < 2147483647.0:
                    new[sl0] = int(v0)  # what the Integer converter does with a whole Real
                else:
                    bind(new, args, span)
                if n == 2:
                    if cv1 is None or type(v1) is same1:
                        new[sl1] = v1
                    elif (
                        same1 is _ROUND and type(v1) is float and v1.is_integer() and -2147483647.0 < v1 < 2147483647.0
                    ):
                        new[sl1] = int(v1)
                    else:
                        bind(new, args, span)
            proc.depth = depth + 1
            deferred = proc.deferred
            pending = len(deferred) if deferred else 0
            try:
                if single is None:
                    body(nf)
                else:
                    try:
                        single(nf)
                    except FourDError as e:
                        if e.span is None:
                            e.span = single_span
                        on_error(e, nf)
            except FourDError as err:
                add_frame(err, c, span)
                raise
            finally:
                proc.depth = depth
            if deferred and len(deferred) > pending:  # (the process's list itself: it is never replaced)
                err = take_deferred(proc, pending)
                add_frame(err, c, span)
                raise err
            if rs is not None:
                v = new[rs]
                return UNDEFINED if v is UNSET else v
            v = nf.ret
            return result_default if v is UNDEFINED else v

        return method_site

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
        oi = scope.slot(e.obj.name)
        n = len(arg_fns)
        k0, i0, _o0, c0, a0 = _arg_read(e.args[0], arg_fns[0], scope) if n > 0 else _NO_ARG
        k1, i1, _o1, c1, a1 = _arg_read(e.args[1], arg_fns[1], scope) if n > 1 else _NO_ARG
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


_new_frame = object.__new__


# Declared type -> the Python type its converter returns as is (a parameter of that type needs no call)
_UNCHANGED: dict[str | None, Any] = {
    "text": str,
    "real": float,
    "boolean": bool,
    "date": Date4D,
    "time": Time4D,
    "object": Obj,
    "collection": Coll,
}


# An Integer parameter given a Real within 32 bits (every numeric constant is one): the call rounds it
# with the rule itself (values.round_half_away), without the converter's dispatch on the type
_ROUND = "round"


def _unchanged(conv: Any, t: str | None) -> Any:
    """The type of the values a parameter's converter keeps as they are (None: every value is converted).

    An Integer keeps no type (`_ROUND`): only ints within 32 bits stay as they are, and a Real is rounded.
    """
    if conv is None or conv is not variable_converter(t):
        return None
    return _ROUND if t in ("integer", "longint") else _UNCHANGED.get(t)


# How prepare_call binds the arguments of a unit
_BIND_DECLARED = 0  # #DECLARE parameters only: converted in place when the count matches


_BIND_LEGACY = 1  # untyped $1..$n only: copied


_BIND_GENERIC = 2  # anything else: _bind_params


def prepare_call(code: Code) -> Callable[..., Any]:
    """The call of `code`, specialised once for its shape and kept in `code.call`.

    `call(caller, args, span, this, proc, initial=None)` runs the unit in a new frame:
    `args` becomes the frame's parameters as is, `initial` (captured locals of a formula)
    replaces the fresh locals. The stack-depth check, parameter binding, the 4D call-stack
    line added to an error and deferred errors are as `invoke` documents them.
    """
    plan = _param_plan(code)
    rs = code.result_slot
    template: list[Any] = [UNSET] * code.nslots
    param_slots = {slot for _k, slot, _c, _t in plan[1]}
    fast = fastops.FASTPATHS  # without the fast paths: every call binds with _bind_params and runs its body
    if not fast:
        mode = _BIND_GENERIC
    elif code.has_declare and not code.legacy_params and rs not in param_slots:
        mode = _BIND_DECLARED
        if rs is not None:
            template[rs] = plan[2]  # the result starts as the empty value of its type
    elif not code.has_declare and all(code.slot_types.get(slot) is None for slot in code.legacy_params.values()):
        mode = _BIND_LEGACY
    else:
        mode = _BIND_GENERIC
    steps = tuple((k, slot, conv, _unchanged(conv, t)) for k, slot, conv, t in plan[1])
    nsteps = len(steps)
    legacy = tuple((n, slot) for n, slot in code.legacy_params.items() if n >= 1)
    body: Any = code.body
    # a formula's value straight from its expression: no `f.ret` round trip
    value: Any = getattr(body, "formula_value", None) if rs is None and fast else None
    # a one-statement body runs inside the call, as compile_block's run1 would run it
    single: Any
    on_error: Any
    single, single_span, on_error = getattr(body, "single", (None, None, None)) if fast else (None, None, None)
    is_method = code.kind == "method"
    declared = mode == _BIND_DECLARED
    result_default = plan[2] if rs is None and code.result_type is not None else UNDEFINED
    name = code.name
    round_half_away = V.round_half_away

    def bind(loc: list[Any], args: list[Any], span: Span | None) -> None:
        """The #DECLARE binding of a call whose arguments match the parameters in number."""
        try:
            for k, slot, conv, same in steps:
                v = args[k]
                if conv is None or type(v) is same:
                    loc[slot] = v  # a value its converter keeps as is
                elif same is _ROUND and type(v) is float and -2147483647.0 < v < 2147483647.0:
                    loc[slot] = round_half_away(v)  # what the Integer converter does with such a Real
                else:
                    loc[slot] = conv(v)
        except FourDError:
            _bind_params(code, plan, loc, args, span)  # raises the parameter's own error

    def call(
        caller: Frame | None, args: list[Any], span: Span | None, this: Any, proc: Any, initial: list[Any] | None = None
    ) -> Any:
        depth = proc.depth
        if depth >= MAX_DEPTH:
            raise FourDError(
                ERR_STACK_OVERFLOW, f"Stack overflow: more than {MAX_DEPTH} nested calls (in {name})", span
            )
        f = _new_frame(Frame)
        f.code = code
        f.process = proc
        f.params = args
        f.this = this
        f.ret = UNDEFINED
        f.span = None
        f.runtime = proc.runtime
        f.caller = caller
        f.extra = None
        if initial is None:
            loc = f.locals = template.copy()
        else:
            loc = f.locals = list(initial)
        if declared and initial is None and len(args) == nsteps:
            for _k, slot, conv, same in steps:
                v = args[_k]
                if conv is None or type(v) is same:
                    loc[slot] = v  # a value its converter keeps as is
                else:
                    bind(loc, args, span)  # every parameter, by the rule
                    break
        elif mode == _BIND_LEGACY:
            nargs = len(args)
            for n, slot in legacy:
                if n <= nargs and loc[slot] is UNSET:
                    loc[slot] = args[n - 1]
        else:
            _bind_params(code, plan, loc, args, span)
        proc.depth = depth + 1
        if is_method:
            pending = len(proc.deferred)
        try:
            if value is not None:
                return value(f)
            if single is None:
                body(f)
            else:
                try:
                    single(f)
                except FourDError as e:
                    if e.span is None:
                        e.span = single_span
                    on_error(e, f)
        except FourDError as err:
            add_frame(err, code, span)
            raise
        except MemoryError:
            # what the statement was doing when memory ran out: a 4D error the caller can handle
            oom = out_of_memory(f"the system has no more memory for {name}", f.span or span)
            add_frame(oom, code, span)
            raise oom from None
        finally:
            proc.depth = depth
        if is_method and len(proc.deferred) > pending:
            # Deferred errors thrown by this method are delivered when it returns (throw.md).
            deferred = take_deferred(proc, pending)
            add_frame(deferred, code, span)
            raise deferred
        if rs is not None:
            v = loc[rs]
            return UNDEFINED if v is UNSET else v
        v = f.ret
        return result_default if v is UNDEFINED else v

    if value is not None and mode == _BIND_LEGACY and not is_method:
        call = _formula_call(code, value, template, legacy)
    elif declared and not is_method and value is None:
        call = _function_call(code, call, template, steps, bind, (single, single_span, on_error), rs, result_default)
    call.plan = _CallPlan(  # type: ignore[attr-defined]  # what a method call site needs to run the unit itself
        declared, is_method, steps, template, body, (single, single_span, on_error), rs, result_default, bind
    )
    code.call = call
    return call


def _formula_call(code: Code, value: Fn, template: list[Any], legacy: tuple[tuple[int, int], ...]) -> Any:
    """The `call` of a formula computing one expression with untyped `$1..$n`: as prepare_call's
    general `call` runs it (no deferred errors to deliver, the value returned as it is)."""
    name = code.name

    def call_formula(
        caller: Frame | None, args: list[Any], span: Span | None, this: Any, proc: Any, initial: list[Any] | None = None
    ) -> Any:
        depth = proc.depth
        if depth >= MAX_DEPTH:
            raise FourDError(
                ERR_STACK_OVERFLOW, f"Stack overflow: more than {MAX_DEPTH} nested calls (in {name})", span
            )
        f = _new_frame(Frame)
        f.code = code
        f.process = proc
        f.params = args
        f.this = this
        f.ret = UNDEFINED
        f.span = None
        f.runtime = proc.runtime
        f.caller = caller
        f.extra = None
        loc = f.locals = template.copy() if initial is None else list(initial)
        nargs = len(args)
        for n, slot in legacy:
            if n <= nargs and loc[slot] is UNSET:
                loc[slot] = args[n - 1]
        proc.depth = depth + 1
        try:
            return value(f)
        except FourDError as err:
            add_frame(err, code, span)
            raise
        finally:
            proc.depth = depth

    return call_formula


def _function_call(
    code: Code,
    general: Any,
    template: list[Any],
    steps: tuple[Any, ...],
    bind: Any,
    singles: tuple[Any, Any, Any],
    rs: int | None,
    result_default: Any,
) -> Any:
    """The `call` of a class function or constructor with #DECLARE parameters only: prepare_call's
    general `call` (which runs any call given captured locals) without the branches of other units."""
    nsteps = len(steps)
    body = code.body
    single, single_span, on_error = singles

    def call_function(
        caller: Frame | None, args: list[Any], span: Span | None, this: Any, proc: Any, initial: list[Any] | None = None
    ) -> Any:
        depth = proc.depth
        if depth >= MAX_DEPTH or initial is not None or len(args) != nsteps:
            return general(caller, args, span, this, proc, initial)
        f = _new_frame(Frame)
        f.code = code
        f.process = proc
        f.params = args
        f.this = this
        f.ret = UNDEFINED
        f.span = None
        f.runtime = proc.runtime
        f.caller = caller
        f.extra = None
        loc = f.locals = template.copy()
        for _k, slot, conv, same in steps:
            v = args[_k]
            if conv is None or type(v) is same:
                loc[slot] = v  # a value its converter keeps as is
            else:
                bind(loc, args, span)  # every parameter, by the rule
                break
        proc.depth = depth + 1
        try:
            if single is None:
                body(f)
            else:
                try:
                    single(f)
                except FourDError as e:
                    if e.span is None:
                        e.span = single_span
                    on_error(e, f)
        except FourDError as err:
            add_frame(err, code, span)
            raise
        finally:
            proc.depth = depth
        if rs is not None:
            v = loc[rs]
            return UNDEFINED if v is UNSET else v
        v = f.ret
        return result_default if v is UNDEFINED else v

    return call_function


class _CallPlan:
    """How `prepare_call` runs a unit, for the call sites that make its frame themselves (Calls.method_site)."""

    __slots__ = ("declared", "is_method", "steps", "template", "body", "single", "rs", "result_default", "bind")

    def __init__(self, *values: Any) -> None:
        for k, v in zip(self.__slots__, values, strict=True):
            setattr(self, k, v)


# An argument of a method call site (Calls.method_site): (kind, slot, operator, constant, closure).
# Kind 0: a constant; 1: a local read from its slot; 3: `$a+n`, `$a-n`, `$a*n` computed inline on a
# number; 2: anything else, computed by its closure (which also reports an unassigned local).
_NO_ARG: tuple[Any, ...] = (2, -1, None, None, None)
_ARG_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def _arg_read(e: N.Expr, fn: Fn, scope: Scope) -> tuple[Any, ...]:
    const = constant_of(fn)
    if const is not UNSET:
        return (0, -1, None, const, fn)
    if isinstance(e, N.Local):
        return (1, scope.slot(e.name), None, None, fn)
    if (
        isinstance(e, N.Binary)
        and e.op in _ARG_OPS
        and isinstance(e.left, N.Local)
        and isinstance(e.right, N.Literal)
        and type(e.right.value) is float
        and e.right.value == e.right.value
    ):
        return (3, scope.slot(e.left.name), _ARG_OPS[e.op], e.right.value, fn)
    return (2, -1, None, None, fn)


def _bind_params(code: Code, plan: tuple[Any, ...], loc: list[Any], args: list[Any], span: Span | None) -> None:
    """Bind arguments to #DECLARE and legacy $n parameters, whatever the shape (see prepare_call)."""
    nargs = len(args)
    if code.has_declare:
        for k, slot, conv, t in plan[1]:
            if k < nargs:
                v = args[k]
                if conv is not None:
                    try:
                        v = conv(v)
                    except FourDError:
                        v = convert_parameter(v, t, k, code.name, span)  # raises the parameter error
                elif t is not None:
                    v = convert_parameter(v, t, k, code.name, span)
                loc[slot] = v
            else:
                loc[slot] = V.default_for(t)
        if nargs > len(plan[1]) and code.variadic not in (None, "variant"):
            for k in range(len(code.params), nargs):
                args[k] = convert_parameter(args[k], code.variadic, k, code.name, span)
        if code.result_slot is not None and loc[code.result_slot] is UNSET:
            loc[code.result_slot] = plan[2]
    if code.legacy_params:
        for n, slot in code.legacy_params.items():
            if 1 <= n <= nargs and loc[slot] is UNSET:
                t = code.slot_types.get(slot)
                v = args[n - 1]
                if t is not None:
                    c = variable_converter(t)
                    try:
                        v = c(v) if c else v
                    except FourDError:
                        v = V.default_for(t)  # legacy C_XXX parameters receive an empty value
                loc[slot] = v


def _param_plan(code: Code) -> tuple[Any, ...]:
    """How each #DECLARE parameter is bound, worked out once per compiled unit."""
    steps = []
    for k, (slot, t) in enumerate(code.params):
        conv = None
        if t is not None:
            conv = parameter_converter(t)
            if conv is None:
                t = None
        steps.append((k, slot, conv, t))
    return (list(code.params), tuple(steps), V.default_for(code.result_type))


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
