"""Calling 4D callbacks (formulas or method names) the way collection functions do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mini4d.core.api import Formula4D, call_method, prepared_call
from mini4d.errors import ERR_ARG_TYPE, FourDError
from mini4d.values import UNDEFINED, Obj, type_name


def call_callback(ctx: Any, callback: Any, param: Obj, extra: list[Any] | tuple[Any, ...] = ()) -> Any:
    """Run a callback with `$1` = param object and `$2...` = extra; return its result.

    A formula returns its result directly; a method returns a value or sets `$1.result`.
    """
    if getattr(callback, "is_formula", False):
        r = callback.invoke(ctx, [param, *extra], this=None, span=ctx.span)
    elif type(callback) is str:
        r = call_method(ctx, callback, [param, *extra])
    else:
        raise FourDError(
            ERR_ARG_TYPE,
            f"A formula or a method name was expected as callback, got {type_name(callback)}",
        )
    if r is UNDEFINED:
        return dict.get(param, "result", UNDEFINED)
    return r


def callback_runner(ctx: Any, callback: Any, extra: list[Any] | tuple[Any, ...] = ()) -> Callable[[Obj], Any]:
    """`call_callback(ctx, callback, param, extra)` as a function of param, for a loop over elements.

    For a formula, what does not change from one element to the next (its compiled call,
    the span, the process) is looked up once.
    """
    if type(callback) is not Formula4D:  # exactly: class functions have their own invoke
        return lambda param: call_callback(ctx, callback, param, extra)
    code = callback.code
    call = prepared_call(code)
    span = ctx.span
    proc = ctx.process
    captured = callback.captured

    def run(param: Obj) -> Any:
        r = call(ctx, [param, *extra], span, None, proc, captured)
        return dict.get(param, "result", UNDEFINED) if r is UNDEFINED else r

    return run


def is_callback(v: Any) -> bool:
    """True for a 4D.Function or a Text (method name)."""
    return getattr(v, "is_formula", False) or type(v) is str


# param_object makes its Obj without the Python-level Obj.__init__; it must set every slot
assert Obj.__slots__ == ("group",), "param_object must initialise every slot of Obj"
_new_dict = dict.__new__


def param_object(value: Any) -> Obj:
    """The `$1` object given to a callback: `{value: element}`."""
    p = _new_dict(Obj)
    p.group = None
    dict.__setitem__(p, "value", value)
    return p


def stopped(param: Obj) -> bool:
    """True when the callback set `$1.stop` to True."""
    return dict.get(param, "stop") is True
