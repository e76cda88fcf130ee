"""Calling 4D callbacks (formulas or method names) the way collection functions do."""

from __future__ import annotations

from typing import Any

from lang.errors import ERR_ARG_TYPE, FourDError
from lang.values import UNDEFINED, Obj


def call_callback(ctx: Any, callback: Any, param: Obj, extra: list[Any] | tuple[Any, ...] = ()) -> Any:
    """Run a callback with `$1` = param object and `$2...` = extra; return its result.

    A formula returns its result directly; a method sets `$1.result`.
    """
    if getattr(callback, "is_formula", False):
        r = callback.invoke(ctx, [param, *extra], this=None, span=ctx.span)
        if r is UNDEFINED:
            return param.get("result", UNDEFINED)
        return r
    if type(callback) is str:
        ctx.interp.call_method_by_name(ctx, callback, [param, *extra], ctx.span)
        return param.get("result", UNDEFINED)
    raise FourDError(ERR_ARG_TYPE, "A formula or a method name was expected as callback")


def is_callback(v: Any) -> bool:
    return getattr(v, "is_formula", False) or type(v) is str
