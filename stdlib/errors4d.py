"""Error handling: ASSERT, throw, Last errors, ON ERR CALL, ABORT."""

from __future__ import annotations

from typing import Any

from mini4d.errors import ERR_ARG_TYPE, ERR_ASSERT, FourDError
from mini4d.registry import Ref, command, constant
from mini4d.values import UNDEFINED, Coll, Obj

constant("ek local", 0, theme="Error handling")
constant("ek global", 1, theme="Error handling")
constant("ek errors from components", 2, theme="Error handling")

_ASSERTS_ENABLED = [True]


def _assert_text(ctx: Any) -> str:
    span = ctx.span
    if span is None:
        return ""
    text = span.text()
    start = text.find("(")
    if start < 0:
        return text
    inner = text[start + 1 :]
    depth = 1
    out = []
    for ch in inner:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                break
        elif ch == ";" and depth == 1:
            break
        out.append(ch)
    return "".join(out).strip()


@command("ASSERT", 1129, "Language")
def assert_(ctx: Any, condition: bool, message: str = "") -> None:
    """Raise error -10518 when the condition is False."""
    if condition or not _ASSERTS_ENABLED[0]:
        return
    raise FourDError(ERR_ASSERT, f"Assert failed: {message or _assert_text(ctx)}")


@command("Asserted", 1132, "Language")
def asserted(ctx: Any, condition: bool, message: str = "") -> bool:
    """Like ASSERT, and returns the condition."""
    assert_(ctx, condition, message)
    return condition


@command("SET ASSERT ENABLED", 1131, "Language")
def set_assert_enabled(enabled: bool, *, star: bool = False) -> None:
    """Turn assertions on or off."""
    _ASSERTS_ENABLED[0] = enabled


@command("Get assert enabled", 1130, "Language")
def get_assert_enabled() -> bool:
    """True when assertions are enabled."""
    return _ASSERTS_ENABLED[0]


@command("throw", 1805, "Language")
def throw(ctx: Any, *args: Any) -> None:
    """Raise an error: throw(code {; text}), throw(errorObject) or bare throw (re-throw, deferred)."""
    proc = ctx.process
    if not args:
        errs = list(proc.last_errors or [])
        if errs:
            for e in errs:
                e.deferred = True
            proc.deferred.extend(errs)
        return
    first = args[0]
    if isinstance(first, Obj):
        code = first.get("errCode", UNDEFINED)
        code = int(code) if type(code) in (float, int) else -1
        sig = first.get("componentSignature", UNDEFINED)
        sig = sig if type(sig) is str and sig else "host"
        message = first.get("message", UNDEFINED)
        if type(message) is not str or not message:
            message = f"Error code: {code} ({sig})"
        else:
            message = _fill(message, first)
        extra = {
            k: v for k, v in dict.items(first) if k not in ("errCode", "message", "componentSignature", "deferred")
        }
        err = FourDError(code, message, signature=sig, extra=extra)
        if first.get("deferred", False) is True:
            err.deferred = True
            proc.deferred.append(err)
            return
        raise err
    if type(first) not in (float, int):
        raise FourDError(ERR_ARG_TYPE, "throw: an error code or an error object was expected")
    code = int(first)
    text = args[1] if len(args) > 1 else ""
    if type(text) is not str:
        text = ""
    raise FourDError(code, text or f"Error code {code}: (host)", signature="host")


def _fill(message: str, obj: Obj) -> str:
    import re

    from mini4d.values import to_text

    def sub(m: Any) -> str:
        v = obj.get(m.group(1), UNDEFINED)
        return m.group(0) if v is UNDEFINED else to_text(v)

    return re.sub(r"\{(\w+)\}", sub, message)


@command("Last errors", 1799, "Language")
def last_errors(ctx: Any) -> Any:
    """The current error stack as [{errCode; message; componentSignature}], or Null."""
    errs = ctx.process.last_errors
    if not errs:
        return None
    out = Coll()
    for e in errs:
        o = Obj()
        for k, v in e.as_object_items().items():
            dict.__setitem__(o, k, float(v) if type(v) is int else v)
        out.append(o)
    return out


@command("ON ERR CALL", 155, "Language")
def on_err_call(ctx: Any, method: str, scope: int = 0) -> None:
    """Install (or with "" remove) the method called when an error occurs."""
    proc = ctx.process
    proc.err_handler = method
    proc.handler_depth = proc.try_depth


@command("Method called on error", 704, "Language")
def method_called_on_error(ctx: Any, scope: int = 0) -> str:
    """Name of the installed error handler ("" if none)."""
    return ctx.process.err_handler


@command("ABORT", 156, "Language")
def abort(ctx: Any) -> None:
    """Stop the running method (used in error handlers)."""
    proc = ctx.process
    if proc.in_handler:
        proc.stop_requested = "abort"
        return
    from mini4d.errors import ERR_INTERRUPTED

    err = FourDError(ERR_INTERRUPTED, "Execution aborted")
    raise err


@command("GET LAST ERROR STACK", 1015, "Language")
def get_last_error_stack(ctx: Any, codes: Ref, components: Ref, texts: Ref) -> None:
    """The current error stack in three arrays: codes, component signatures, messages."""
    errs = list(ctx.process.last_errors or [])
    for ref, key in ((codes, "errCode"), (components, "componentSignature"), (texts, "message")):
        arr = ref.get()
        if not getattr(arr, "is_4d_array", False):
            raise FourDError(ERR_ARG_TYPE, "GET LAST ERROR STACK expects three arrays")
        arr.resize(len(errs))
        for i, e in enumerate(errs, 1):
            v = e.as_object_items()[key]
            arr.items[i] = arr.coerce(float(v) if type(v) is int else v)
