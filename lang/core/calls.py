"""Calls: project methods, class functions and formulas, member calls, parameter binding.

`prepare_call(code)` makes, at a unit's first call, one closure specialised for its shape
(`Code.call`); method call sites, `invoke`, callbacks and member calls all go through it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import nodes as N
from .. import values as V
from ..errors import (
    ERR_METHOD_NOT_FOUND,
    ERR_NOT_A_FUNCTION,
    ERR_STACK_OVERFLOW,
    FourDError,
)
from ..source import Span
from ..values import UNDEFINED, UNSET, Coll, Date4D, Obj, Time4D
from .access import get_index
from .conversions import convert_parameter, parameter_converter, variable_converter
from .expressions import constant_of
from .failures import add_frame, take_deferred
from .frames import MAX_DEPTH, Code, Fn, Frame, Scope, name_key
from .hooks import MEMBER_CALL_HOOKS


class Calls:
    """Compiling and running calls of methods, functions and member functions."""

    def expr_MethodCall(self, e: N.MethodCall, scope: Scope) -> Fn:
        return self.compile_method_call(e.name, e.args, e.span, scope)

    def compile_method_call(self, name: str, args: tuple[N.Expr, ...], span: Span, scope: Scope) -> Fn:
        arg_fns = tuple(self.compile_expr(a, scope) for a in args)
        project = self.runtime.project
        cache: list[Code | None] = [None]
        n_args = len(arg_fns)
        a0 = arg_fns[0] if n_args else None
        a1 = arg_fns[1] if n_args > 1 else None

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

        if not project.has_method(name):

            def unknown_method(f: Frame) -> Any:
                if project.has_method(name):
                    return call_method(f)
                raise self.unknown_name(name, span)

            return unknown_method
        return call_method

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
        return call(caller, args, span, this, process if process is not None else caller.process, initial)

    def expr_MemberCall(self, e: N.MemberCall, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        arg_fns = tuple(self.compile_expr(a, scope) for a in e.args)
        name = e.name
        span = e.span
        call_member = self.call_member
        coll_members = self.members.setdefault("Collection", {})

        n_args = len(arg_fns)
        if name == "push" and n_args == 1:
            return self.compile_push(e, obj, arg_fns[0], scope, statement=False)

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
            else:
                hook = MEMBER_CALL_HOOKS.get(t)
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

    def compile_push(self, e: N.MemberCall, obj: Fn, a0: Fn, scope: Scope, statement: bool) -> Fn:
        """`$c.push(v)`: push's own work without its checks on a standard collection with a value
        stored as is; anything else takes the general member call. A local collection and a
        constant value are read inline; as a statement it returns None (no wrapper needed).
        """
        oi = scope.slot(e.obj.name) if isinstance(e.obj, N.Local) else -1
        const = constant_of(e.args[0])
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
                if t is int:  # an Integer is stored as a Real (to_storable)
                    o.append(float(v))
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


_new_frame = object.__new__


# An Integer parameter receiving a Real (every numeric constant is one) is rounded inline (see prepare_call)
_ROUND = "round"


# Declared type -> the Python type its converter returns as is (a parameter of that type needs no call)
_UNCHANGED: dict[str | None, Any] = {
    "text": str,
    "real": float,
    "boolean": bool,
    "date": Date4D,
    "time": Time4D,
    "object": Obj,
    "collection": Coll,
    "integer": _ROUND,
    "longint": _ROUND,
}


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
    template = [UNSET] * code.nslots
    param_slots = {slot for _k, slot, _c, _t in plan[1]}
    if code.has_declare and not code.legacy_params and rs not in param_slots:
        mode = _BIND_DECLARED
        if rs is not None:
            template[rs] = plan[2]  # the result starts as the empty value of its type
    elif not code.has_declare and all(code.slot_types.get(slot) is None for slot in code.legacy_params.values()):
        mode = _BIND_LEGACY
    else:
        mode = _BIND_GENERIC
    steps = tuple((k, slot, conv, _UNCHANGED.get(t)) for k, slot, conv, t in plan[1])
    nsteps = len(steps)
    legacy = tuple((n, slot) for n, slot in code.legacy_params.items() if n >= 1)
    body = code.body
    # a formula's value straight from its expression: no `f.ret` round trip
    value = getattr(body, "formula_value", None) if rs is None else None
    # a one-statement body runs inside the call, as compile_block's run1 would run it
    single, single_span, on_error = getattr(body, "single", (None, None, None))
    is_method = code.kind == "method"
    declared = mode == _BIND_DECLARED
    result_default = plan[2] if rs is None and code.result_type is not None else UNDEFINED
    name = code.name

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
            try:
                for k, slot, conv, same in steps:
                    v = args[k]
                    if conv is None or type(v) is same:
                        loc[slot] = v
                    elif same is _ROUND and type(v) is float and -2147483647.0 < v < 2147483647.0:
                        loc[slot] = int(v + 0.5) if v >= 0 else -int(0.5 - v)  # conv_int's common case
                    else:
                        loc[slot] = conv(v)
            except FourDError:
                _bind_params(code, plan, loc, args, span)  # raises the parameter's own error
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
        finally:
            proc.depth = depth
        if is_method and len(proc.deferred) > pending:
            # Deferred errors thrown by this method are delivered when it returns (throw.md).
            err = take_deferred(proc, pending)
            add_frame(err, code, span)
            raise err
        if rs is not None:
            v = loc[rs]
            return UNDEFINED if v is UNSET else v
        v = f.ret
        return result_default if v is UNDEFINED else v

    code.call = call
    return call


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
