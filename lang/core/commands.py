"""Command call sites: each call of a 4D command compiled once, with its argument converters.

The arguments of a call are evaluated then converted, in order; a conversion error names
the command; INF or NaN where the command needs an integer is error 54 (`_nonfinite_error`).
`Ref` arguments receive an assignable place (`compile_ref`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .. import nodes as N
from .. import values as V
from ..errors import ERR_ARG_COUNT, ERR_ARG_VALUE, ERR_TYPE_MISMATCH, ERR_UNKNOWN_NAME, FourDError, Syntax4DError
from ..registry import REGISTRY, CommandInfo, Ref, not_supported
from ..source import Span
from ..values import UNDEFINED, UNSET, Time4D
from .conversions import variable_converter
from .expressions import CONSTANT_COMMANDS
from .frames import Fn, Frame, Scope, name_key


class Commands:
    """Compiling calls of 4D commands."""

    def expr_Command(self, e: N.Command, scope: Scope) -> Fn:
        info = REGISTRY.lookup_number(e.number) if e.number else REGISTRY.lookup(e.name)
        span = e.span
        if info is None:
            info = REGISTRY.lookup(e.name)
        if info is None:
            name = e.name

            def unknown(f: Frame) -> Any:
                raise FourDError(ERR_UNKNOWN_NAME, f"Unknown command `{name}` (number {e.number})", span)

            return unknown
        special = info.compile
        if special is not None:
            return special(self, e, scope, info)
        if info.number in CONSTANT_COMMANDS and not e.args:
            v = CONSTANT_COMMANDS[info.number]
            return lambda f: v
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
                order = a.ascending
                if info.wants_order:
                    continue
                arg_fns.append(lambda f, v=(">" if a.ascending else "<"): v)
                convs.append(None)
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
                if convs[-1] is not None and isinstance(a, N.Literal):
                    arg_fns[-1], convs[-1] = _converted_literal(a.value, convs[-1], arg_fns[-1])
        n = len(arg_fns)
        name = info.name
        if star and not info.wants_star:
            raise Syntax4DError(f"`{name}` does not take a `*` argument", span)
        if n < info.min_args or (info.max_args is not None and n > info.max_args):
            expected = (
                f"{info.min_args}"
                if info.max_args == info.min_args
                else f"{info.min_args} to {info.max_args}"
                if info.max_args is not None
                else f"at least {info.min_args}"
            )

            def bad_count(f: Frame) -> Any:
                raise FourDError(
                    ERR_ARG_COUNT, f"`{name}` takes {expected} parameter(s), {n} given; {info.signature()}", span
                )

            return bad_count
        kwargs: dict[str, Any] = {}
        if info.wants_star and star:  # `star` defaults to False and `order` to None (registry)
            kwargs["star"] = star
        if info.wants_order and order is not None:
            kwargs["order"] = order
        afs = tuple(arg_fns)
        cvs = tuple(convs)
        wants_ctx = info.wants_ctx
        if not kwargs:
            func = info.forms.get(n, func)
        if not kwargs and all(c is None for c in cvs):
            if wants_ctx:
                if n == 0:

                    def call0(f: Frame) -> Any:
                        f.span = span
                        try:
                            return func(f)
                        except FourDError as err:
                            err.with_span(span)
                            raise

                    return call0
                if n == 1:
                    a0 = afs[0]

                    def call1(f: Frame) -> Any:
                        v = a0(f)
                        f.span = span
                        try:
                            return func(f, v)
                        except FourDError as err:
                            err.with_span(span)
                            raise
                        except (OverflowError, ValueError):
                            if _has_nonfinite((v,)):
                                raise _nonfinite_error(name, span) from None
                            raise

                    return call1
            else:
                if n == 0:

                    def callp0(f: Frame) -> Any:
                        try:
                            return func()
                        except FourDError as err:
                            err.with_span(span)
                            raise

                    return callp0
                if n == 1:
                    a0 = afs[0]

                    def callp1(f: Frame) -> Any:
                        v = a0(f)
                        try:
                            return func(v)
                        except FourDError as err:
                            err.with_span(span)
                            raise
                        except (OverflowError, ValueError):
                            if _has_nonfinite((v,)):
                                raise _nonfinite_error(name, span) from None
                            raise

                    return callp1
        if not kwargs and 1 <= n <= 3:
            return _fixed_call(func, afs, cvs, wants_ctx, name, span)
        pairs = tuple(zip(afs, cvs, strict=True))

        def call(f: Frame) -> Any:
            vals = []
            for af, cv in pairs:
                v = af(f)
                if cv is not None:
                    try:
                        v = cv(v)
                    except FourDError as err:
                        raise FourDError(err.code, f"`{name}`: {err.message}", span) from None
                vals.append(v)
            f.span = span
            try:
                if wants_ctx:
                    return func(f, *vals, **kwargs)
                return func(*vals, **kwargs)
            except FourDError as err:
                err.with_span(span)
                raise
            except (OverflowError, ValueError):
                # a command given INF or an undefined number where it needs an integer
                if _has_nonfinite(vals):
                    raise _nonfinite_error(name, span) from None
                raise

        return call

    def compile_ref(self, e: N.Expr, scope: Scope) -> Fn:
        """A Ref to an assignable place (for declarations and output parameters)."""
        if isinstance(e, N.Local):
            i = scope.slot(e.name)
            name = e.name
            code = scope.code

            def ref_local(f: Frame) -> Ref:
                loc = f.locals

                def get() -> Any:
                    v = loc[i]
                    return UNDEFINED if v is UNSET else v

                def put(v: Any) -> None:
                    t = code.slot_types.get(i)
                    c = variable_converter(t)
                    loc[i] = c(v) if c else v

                def declare(t: str) -> None:
                    code.slot_types[i] = t
                    if loc[i] is UNSET:
                        loc[i] = V.default_for(t)

                r = Ref(get, put, name, declare, e)
                return r

            return ref_local
        if isinstance(e, N.Name):
            key = name_key(e.name)
            name = e.name

            def ref_process(f: Frame) -> Ref:
                proc = f.process

                def get() -> Any:
                    return proc.vars.get(key, UNDEFINED)

                def put(v: Any) -> None:
                    t = proc.var_types.get(key)
                    c = variable_converter(t)
                    proc.vars[key] = c(v) if c else v

                def declare(t: str) -> None:
                    proc.var_types[key] = t
                    if key not in proc.vars:
                        proc.vars[key] = V.default_for(t)

                return Ref(get, put, name, declare, e)

            return ref_process
        if isinstance(e, N.Interprocess):
            key = e.name.lower()
            rt = self.runtime

            def ref_inter(f: Frame) -> Ref:
                def get() -> Any:
                    return rt.interprocess.get(key, UNDEFINED)

                def put(v: Any) -> None:
                    t = rt.interprocess_types.get(key)
                    c = variable_converter(t)
                    rt.interprocess[key] = c(v) if c else v

                def declare(t: str) -> None:
                    rt.interprocess_types[key] = t
                    if key not in rt.interprocess:
                        rt.interprocess[key] = V.default_for(t)

                return Ref(get, put, "<>" + e.name, declare, e)

            return ref_inter
        if isinstance(e, N.ASSIGNABLE):
            prep, get, put = self.compile_place(e, scope)

            def ref_place(f: Frame) -> Ref:
                try:
                    st = prep(f)
                except FourDError:
                    st = None
                    return Ref(lambda: UNDEFINED, lambda v: put(f, prep(f), v), "", None, e)

                def getter() -> Any:
                    try:
                        return get(f, st)
                    except FourDError:
                        return UNDEFINED

                return Ref(getter, lambda v: put(f, st, v), "", None, e)

            return ref_place
        value = self.compile_expr(e, scope)
        span = e.span

        def ref_value(f: Frame) -> Ref:
            v = value(f)

            def cannot(_v: Any) -> None:
                raise FourDError(ERR_TYPE_MISMATCH, "A variable was expected here", span)

            return Ref(lambda: v, cannot, "", None, e)

        return ref_value


def _has_nonfinite(vals: Any) -> bool:
    """True when an argument is INF, -INF or an undefined number (NaN), alone or as a time."""
    for v in vals:
        t = type(v)
        if (t is float and not math.isfinite(v)) or (t is Time4D and not math.isfinite(v.s)):
            return True
    return False


def _nonfinite_error(name: str, span: Span) -> FourDError:
    return FourDError(ERR_ARG_VALUE, f"`{name}`: a number argument is infinite (INF) or undefined", span)


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


def _fixed_call(
    func: Callable[..., Any], afs: tuple[Fn, ...], cvs: tuple[Any, ...], wants_ctx: bool, name: str, span: Span
) -> Fn:
    """A command call with 1 to 3 arguments and no `*`: no argument list, no loop.

    Same steps as the general call: each argument is evaluated then converted, in order;
    conversion errors name the command; INF or NaN where an integer is needed is error 54.
    """

    def bad_arg(err: FourDError) -> FourDError:
        return FourDError(err.code, f"`{name}`: {err.message}", span)

    if len(afs) == 1:
        (a0,), (c0,) = afs, cvs

        def call_1(f: Frame) -> Any:
            v0 = a0(f)
            if c0 is not None:
                try:
                    v0 = c0(v0)
                except FourDError as err:
                    raise bad_arg(err) from None
            f.span = span
            try:
                return func(f, v0) if wants_ctx else func(v0)
            except FourDError as err:
                err.with_span(span)
                raise
            except (OverflowError, ValueError):
                if _has_nonfinite((v0,)):
                    raise _nonfinite_error(name, span) from None
                raise

        return call_1
    if len(afs) == 2:
        (a0, a1), (c0, c1) = afs, cvs

        def call_2(f: Frame) -> Any:
            v0 = a0(f)
            if c0 is not None:
                try:
                    v0 = c0(v0)
                except FourDError as err:
                    raise bad_arg(err) from None
            v1 = a1(f)
            if c1 is not None:
                try:
                    v1 = c1(v1)
                except FourDError as err:
                    raise bad_arg(err) from None
            f.span = span
            try:
                return func(f, v0, v1) if wants_ctx else func(v0, v1)
            except FourDError as err:
                err.with_span(span)
                raise
            except (OverflowError, ValueError):
                if _has_nonfinite((v0, v1)):
                    raise _nonfinite_error(name, span) from None
                raise

        return call_2
    (a0, a1, a2), (c0, c1, c2) = afs, cvs

    def call_3(f: Frame) -> Any:
        v0 = a0(f)
        if c0 is not None:
            try:
                v0 = c0(v0)
            except FourDError as err:
                raise bad_arg(err) from None
        v1 = a1(f)
        if c1 is not None:
            try:
                v1 = c1(v1)
            except FourDError as err:
                raise bad_arg(err) from None
        v2 = a2(f)
        if c2 is not None:
            try:
                v2 = c2(v2)
            except FourDError as err:
                raise bad_arg(err) from None
        f.span = span
        try:
            return func(f, v0, v1, v2) if wants_ctx else func(v0, v1, v2)
        except FourDError as err:
            err.with_span(span)
            raise
        except (OverflowError, ValueError):
            if _has_nonfinite((v0, v1, v2)):
                raise _nonfinite_error(name, span) from None
            raise

    return call_3
