"""Failures: `ON ERR CALL` handlers, `Try`, deferred errors and the 4D call stack of an error."""

from __future__ import annotations

from typing import Any

from ..errors import ERR_HANDLER_NOT_CALLABLE, FourDError, Frame4D, Syntax4DError
from ..source import Span
from .frames import Code, Frame


class Failures:
    """What happens when a statement fails."""

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
        pv["error formula"] = e.span.text() if e.span is not None else ""
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
