"""The argument check of every command and member function call.

Each call of a command (lang/core/calls.py) and of a member function of a built-in class goes
through the same three steps, in this order:

1. **When the call is compiled**: a special argument (`*`, `<`, `>`) given to a command whose
   signature does not declare it is a syntax error (`special_argument_error`), as 4D's own
   syntax check reports it. No cost when the call runs.
2. **Before the command runs**: each argument goes through the converter of its declared type
   (the annotation of the command's parameter, lang/core/conversions.py): a value of a wrong type
   is error 90011, INF or an undefined number (NaN) where an integer is declared is error 90014.
3. **When a command or member function fails in Python** (a value its code could not use: a
   wrong type given to an untyped parameter, INF or NaN, a number too large, a text holding a
   lone surrogate that must become bytes, an allocation too large): `argument_failure` looks at
   the arguments and the failure and gives the 4D error that names the command, the argument
   and the reason, with the call's position. Only this path costs anything, and only on failure.

A failure that no argument explains (a Python error inside a command whose arguments are all
of their declared types) is a bug of mini4d and stays an internal error.

Resource limits are errors 90071 (memory: `out_of_memory`, also raised by a method call that
ran out of memory, lang/core/calls.py), 90072 (threads: lang/limits.py `start_thread`) and
90073 (text size: lang/values.py `MAX_TEXT`).
"""

from __future__ import annotations

import math
from typing import Any

from ..errors import (
    ERR_ARG_TYPE,
    ERR_ARG_VALUE,
    ERR_OUT_OF_MEMORY,
    FourDError,
    Syntax4DError,
)
from ..registry import Ref
from ..source import Span
from ..values import UNDEFINED, Coll, Obj, Time4D, type_name

# The Python failures a command's code gives for a value it cannot use. A failure of another
# kind (KeyError, ZeroDivisionError, AssertionError, NameError...) is always a bug of mini4d.
VALUE_FAILURES: tuple[type[BaseException], ...] = (
    TypeError,
    ValueError,  # UnicodeEncodeError too
    OverflowError,
    AttributeError,
    IndexError,
    MemoryError,
)

# Failures that say a value had the wrong type: explained only when some argument reached a
# parameter that declares no type (for a typed parameter, the converter refused it already).
_TYPE_FAILURES = (TypeError, AttributeError, IndexError)


def special_argument_error(name: str, special: str, span: Span | None) -> Syntax4DError:
    """A `*`, `<` or `>` given to a command that does not declare it."""
    return Syntax4DError(f"`{name}` does not take a `{special}` argument", span)


def out_of_memory(what: str, span: Span | None = None) -> FourDError:
    return FourDError(ERR_OUT_OF_MEMORY, f"Out of memory: {what}", span)


def _nonfinite(v: Any) -> bool:
    t = type(v)
    return (t is float and not math.isfinite(v)) or (t is Time4D and not math.isfinite(v.s))


def _lone_surrogate(v: Any) -> str | None:
    """The first lone surrogate of a text, or None."""
    if type(v) is str:
        try:
            v.encode("utf-8")
        except UnicodeEncodeError as exc:
            return v[exc.start]
    return None


def _describe(k: int) -> str:
    return f"argument {k + 1}"


def argument_failure(
    exc: BaseException,
    name: str,
    vals: Any,
    span: Span | None,
    untyped: Any = True,
) -> FourDError:
    """The 4D error for a command (or member function `.name()`) that failed on its arguments.

    `vals` are the arguments as the command received them; `untyped(k)` (or a bool) says
    whether argument k reached a parameter without a declared type. Raises `exc` again when no
    argument explains it (a bug of mini4d: an internal error).
    """
    err = _explain(exc, name, list(vals), untyped)
    if err is None:
        raise exc
    err.span = span
    err.__cause__ = exc
    return err


def _value_of(v: Any) -> Any:
    """What an argument holds: a variable given by reference (a `Ref`) is read."""
    if type(v) is Ref:
        try:
            return v.get()
        except Exception:  # noqa: BLE001 - an unreadable place explains nothing
            return UNDEFINED
    return v


def _holds_nonfinite(v: Any) -> bool:
    """INF or NaN, alone, as a time, or as a value of an object or collection given as is."""
    if _nonfinite(v):
        return True
    if isinstance(v, Obj):
        return any(_nonfinite(x) for x in list(v.values()))
    if isinstance(v, Coll):
        return any(_nonfinite(x) for x in list(v))
    return False


def _explain(exc: BaseException, name: str, vals: list[Any], untyped: Any) -> FourDError | None:
    vals = [_value_of(v) for v in vals]
    if isinstance(exc, MemoryError):
        return out_of_memory(f"`{name}` needs more memory than is available")
    if isinstance(exc, RecursionError):
        return None  # reported as a stack overflow by the run
    for k, v in enumerate(vals):
        if _holds_nonfinite(v):
            return FourDError(
                ERR_ARG_VALUE,
                f"`{name}`: {_describe(k)} is infinite (INF) or undefined (NaN), or holds such a number",
            )
    if isinstance(exc, UnicodeError):
        for k, v in enumerate(vals):
            ch = _lone_surrogate(v)
            if ch is not None:
                return FourDError(
                    ERR_ARG_VALUE,
                    f"`{name}`: {_describe(k)} holds a lone surrogate (U+{ord(ch):04X}): "
                    "it cannot be converted to bytes",
                )
        return FourDError(ERR_ARG_VALUE, f"`{name}`: a text cannot be converted ({exc.__class__.__name__})")
    if isinstance(exc, OverflowError):
        return FourDError(ERR_ARG_VALUE, f"`{name}`: a number is too large for it")
    if isinstance(exc, _TYPE_FAILURES):
        loose = [k for k in range(len(vals)) if (untyped(k) if callable(untyped) else untyped)]
        if not loose:
            return None
        for k in loose:  # an Undefined or Null value is the likeliest culprit
            v = vals[k]
            if v is UNDEFINED or v is None:
                return FourDError(ERR_ARG_TYPE, f"`{name}`: {_describe(k)} is {type_name(v)}")
        kinds = "; ".join(type_name(v) for v in vals)
        return FourDError(ERR_ARG_TYPE, f"`{name}`: wrong type of argument ({kinds} given)")
    if isinstance(exc, ValueError):
        return FourDError(ERR_ARG_VALUE, f"`{name}`: invalid argument value")
    return None
