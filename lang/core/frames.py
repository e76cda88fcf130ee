"""Frames, code units and scopes: what a compiled closure runs in and resolves names with."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import ERR_INDEX_RANGE, ERR_UNDEFINED_VAR, FourDError, Frame4D
from ..records import dataclass, field
from ..registry import norm
from ..source import Source, Span
from ..values import UNDEFINED, UNSET

# What a statement closure returns to leave its block: None goes on with the next statement.
BRK = 1  # `break`
CONT = 2  # `continue`
RET = 3  # `return`

MAX_DEPTH = 2000  # nested calls of methods, functions and formulas before a stack overflow error

Fn = Callable[["Frame"], Any]


class Frame:
    """One running method, function or formula; also the `ctx` given to commands."""

    __slots__ = ("locals", "code", "process", "this", "params", "ret", "span", "runtime", "caller", "extra")

    def __init__(
        self,
        code: Code,
        process: Any,
        params: list[Any],
        this: Any = None,
        caller: Frame | None = None,
        initial: list[Any] | None = None,
    ):
        self.code = code
        self.process = process
        self.params = params
        self.this = this
        self.ret = UNDEFINED
        self.span: Span | None = None
        self.runtime = process.runtime
        self.caller = caller
        if initial is not None:
            self.locals = list(initial)
        else:
            self.locals = [UNSET] * code.nslots
        self.extra: Any = None

    @property
    def interp(self) -> Any:
        """The interpreter, through the runtime (read by a few commands, not stored per call)."""
        return self.runtime.interp


@dataclass
class Code:
    """A compiled method, class function or formula."""

    name: str
    source: Source | None
    nslots: int = 0
    slots: dict[str, int] = field(default_factory=dict)
    slot_names: list[str] = field(default_factory=list)
    slot_types: dict[int, str] = field(default_factory=dict)
    params: list[tuple[int, str | None]] = field(default_factory=list)  # #DECLARE params
    variadic: str | None = None
    has_declare: bool = False
    result_slot: int | None = None
    result_type: str | None = None
    legacy_params: dict[int, int] = field(default_factory=dict)  # $n -> slot
    body: Fn | None = None
    kind: str = "method"  # method, formula, function, constructor
    attributes: dict[str, Any] = field(default_factory=dict)
    owner: Any = None  # the class of a class function
    call: Any = None  # fn(caller, args, span, this, process, initial=None), made by prepare_call at the first call


class Scope:
    """Name resolution while compiling one code unit."""

    def __init__(self, code: Code, interp: Any):
        self.code = code
        self.interp = interp
        self.loop_depth = 0

    def slot(self, name: str) -> int:
        key = name.lower()
        code = self.code
        i = code.slots.get(key)
        if i is None:
            i = len(code.slot_names)
            code.slots[key] = i
            code.slot_names.append(name)
            code.nslots = i + 1
            code.call = None  # its frames need one more slot
            if key[1:].isdigit():
                code.legacy_params[int(key[1:])] = i
        return i


# The key of a process variable or project method name: the rule of every 4D name (case and runs
# of spaces ignored), written once in the registry.
name_key = norm


def interprocess_key(name: str) -> str:
    """The key of an interprocess variable `<>name` (given without `<>`): case ignored."""
    return name.lower()


def undefined_variable(name: str, span: Span | None) -> FourDError:
    """Reading a variable that was never assigned nor declared ."""
    return FourDError(ERR_UNDEFINED_VAR, f"The variable {name} is not defined (never assigned nor declared)", span)


def take_deferred(proc: Any, since: int) -> FourDError:
    """The deferred errors stacked since `since`, as one error carrying the earlier ones."""
    errs = proc.deferred[since:]
    del proc.deferred[since:]
    err = errs[-1]
    err.stacked = [*err.stacked, *(e for e in errs[:-1] if e not in err.stacked)]
    err.deferred = False
    return err


def record_error(proc: Any, e: FourDError) -> None:
    """Add an error to the process's `Last errors` stack."""
    if proc.last_errors is None:
        proc.last_errors = []
    for earlier in e.stacked:
        proc.last_errors.append(earlier)
    proc.last_errors.append(e)
    proc.vars["error"] = e.code


def add_frame(err: FourDError, code: Code, call_span: Span | None) -> None:
    if not err.stack:
        err.stack.append(Frame4D(code.name, err.span))
    else:
        pending = getattr(err, "_pending_span", None)
        err.stack.append(Frame4D(code.name, pending))
    err._pending_span = call_span  # type: ignore[attr-defined]
    err._passed = False  # type: ignore[attr-defined]


# The highest parameter number a method can use (`${n}:=v` past the parameters passed adds them).
MAX_PARAMS = 32767


def get_param(f: Frame, n: int, legacy: dict[int, int], span: Span | None) -> Any:
    slot = legacy.get(n)
    if slot is not None:
        v = f.locals[slot]
        if v is not UNSET:
            return v
    if 1 <= n <= len(f.params):
        return f.params[n - 1]
    if n == 0:
        return f.ret
    raise FourDError(ERR_INDEX_RANGE, f"Parameter ${n} was not passed (Count parameters = {len(f.params)})", span)


def set_param(f: Frame, n: int, v: Any, legacy: dict[int, int]) -> None:
    slot = legacy.get(n)
    if slot is not None:
        f.locals[slot] = v
        return
    if 1 <= n <= len(f.params):
        f.params[n - 1] = v
    elif n == 0:
        f.ret = v
    elif n < 0 or n > MAX_PARAMS:
        raise FourDError(ERR_INDEX_RANGE, f"Parameter ${n} is out of range (1 to {MAX_PARAMS})")
    else:
        f.params.extend([UNDEFINED] * (n - len(f.params)))
        f.params[n - 1] = v
