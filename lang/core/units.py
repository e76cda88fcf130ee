"""Running compiled units: `prepare_call`, parameter binding, and the call sites that make frames.

`prepare_call(code)` makes, at a unit's first call, one closure specialised for its shape
(`Code.call`): the general one, or one for class functions and constructors, or one for
formulas computing an expression. `method_site` is a project method call site that runs the
callee's frame itself, from the plan `prepare_call` leaves on its call (`_CallPlan`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from .. import nodes as N
from .. import values as V
from ..errors import ERR_STACK_OVERFLOW, FourDError
from ..source import Span
from ..values import UNDEFINED, UNSET, Coll, Date4D, Obj, Time4D
from . import fastops
from .argcheck import out_of_memory
from .conversions import convert_parameter, parameter_converter, variable_converter
from .expressions import constant_of
from .frames import MAX_DEPTH, Code, Fn, Frame, Scope, add_frame, take_deferred


def method_site(
    get_method: Callable[[str, Span], Code],
    name: str,
    args: tuple[N.Expr, ...],
    arg_fns: tuple[Fn, ...],
    span: Span,
    scope: Scope,
) -> Fn:
    """A project method call with up to two arguments, in one closure with the call itself.

    The arguments are read inline when they are literals, locals or `$a±n`; at the first call
    (and whenever the method's `Code.call` is made again) the site takes the method's call plan
    (`prepare_call`). A method whose #DECLARE parameters match the arguments in number runs in a
    frame made here, its parameters bound as `call` binds them; any other goes through `Code.call`.
    The stack-depth check, the call-stack line of an error and deferred errors are those of `call`.
    """
    n = len(arg_fns)
    k0, i0, op0, c0, a0 = arg_read(args[0], arg_fns[0], scope) if n > 0 else NO_ARG
    k1, i1, op1, c1, a1 = arg_read(args[1], arg_fns[1], scope) if n > 1 else NO_ARG
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
        call: Any = c.call or prepare_call(c)
        plan: _CallPlan = call.plan
        code = c
        prepared = call
        fused = plan.declared and plan.is_method and len(plan.steps) == n
        template, body = plan.template, plan.body
        single, single_span, on_error = plan.single
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
                elif same1 is _ROUND and type(v1) is float and v1.is_integer() and -2147483647.0 < v1 < 2147483647.0:
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
        except MemoryError:  # as prepare_call's general call
            oom = out_of_memory(f"the system has no more memory for {c.name}", nf.span or span)
            add_frame(oom, c, span)
            raise oom from None
        finally:
            proc.depth = depth
        if deferred and len(deferred) > pending:  # (the process's list itself: it is never replaced)
            late = take_deferred(proc, pending)
            add_frame(late, c, span)
            raise late
        if rs is not None:
            v = new[rs]
            return UNDEFINED if v is UNSET else v
        v = nf.ret
        return result_default if v is UNDEFINED else v

    return method_site


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
        except MemoryError:  # as prepare_call's general call
            oom = out_of_memory(f"the system has no more memory for {code.name}", f.span or span)
            add_frame(oom, code, span)
            raise oom from None
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
    body: Any = code.body
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
        except MemoryError:  # as prepare_call's general call
            oom = out_of_memory(f"the system has no more memory for {code.name}", f.span or span)
            add_frame(oom, code, span)
            raise oom from None
        finally:
            proc.depth = depth
        if rs is not None:
            v = loc[rs]
            return UNDEFINED if v is UNSET else v
        v = f.ret
        return result_default if v is UNDEFINED else v

    return call_function


class _CallPlan:
    """How `prepare_call` runs a unit, for the call sites that make its frame themselves (method_site)."""

    __slots__ = ("declared", "is_method", "steps", "template", "body", "single", "rs", "result_default", "bind")

    def __init__(
        self,
        declared: bool,
        is_method: bool,
        steps: tuple[Any, ...],
        template: list[Any],
        body: Any,
        single: tuple[Any, Any, Any],
        rs: int | None,
        result_default: Any,
        bind: Callable[[list[Any], list[Any], Span | None], None],
    ) -> None:
        self.declared = declared
        self.is_method = is_method
        self.steps = steps
        self.template = template
        self.body = body
        self.single = single
        self.rs = rs
        self.result_default = result_default
        self.bind = bind


# An argument of a method call site (method_site): (kind, slot, operator, constant, closure).
# Kind 0: a constant; 1: a local read from its slot; 3: `$a+n`, `$a-n`, `$a*n` computed inline on a
# number; 2: anything else, computed by its closure (which also reports an unassigned local).
NO_ARG: tuple[Any, ...] = (2, -1, None, None, None)
_ARG_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def arg_read(e: N.Expr, fn: Fn, scope: Scope) -> tuple[Any, ...]:
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
