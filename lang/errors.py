"""4D errors as the user sees them: number, message, position, call stack.

Codes documented by 4D are used as is (-10518 ASSERT, -10721 shared values, ...).
Situations whose 4D number is not documented use mini4d's own range 90000-90999,
listed in docs/language.md, so that no 4D number is invented.
"""

from __future__ import annotations

from typing import Any

from .records import dataclass, field
from .source import Span

# Documented 4D codes.
ERR_ASSERT = -10518
ERR_METHOD_NOT_FOUND = -10508
ERR_HANDLER_NOT_CALLABLE = -10532
ERR_SHARED_VALUE = -10721
ERR_THIS_BEFORE_SUPER = -10743
ERR_SUPER_MISUSE = -10746
ERR_SUPER_NOT_CALLED = -10748
ERR_INTERRUPTED = 1006
ERR_THROW_DEFAULT = -1

# mini4d's own range for situations 4D documents without a number.
ERR_SYNTAX = 90001
ERR_UNKNOWN_NAME = 90002
ERR_TYPE_MISMATCH = 90010
ERR_ARG_TYPE = 90011
ERR_PARAM_TYPE = 90012
ERR_ARG_COUNT = 90013
ERR_ARG_VALUE = 90014
ERR_NULL_PROPERTY = 90020
ERR_NULL_WRITE = 90021
ERR_NOT_A_FUNCTION = 90022
ERR_INDEX_RANGE = 90023
ERR_NOT_OBJECT = 90024
ERR_READONLY = 90025
ERR_NIL_POINTER = 90026
ERR_UNDEFINED_VAR = 90030
ERR_VAR_TYPE = 90031
ERR_DIV_ZERO = 90040
ERR_OUTSIDE_USE = 90050
ERR_SHARED_GROUP = 90051
ERR_DEADLOCK = 90052
ERR_NOT_SHARED = 90053
ERR_NOT_SUPPORTED = 90060
ERR_STACK_OVERFLOW = 90070
ERR_OUT_OF_MEMORY = 90071
ERR_THREADS = 90072
ERR_SIZE_LIMIT = 90073
ERR_JSON = 90080
ERR_CLASS = 90090
ERR_PROCESS = 90100
ERR_QUERY = 90110

MINI4D_SIGNATURE = "mn4d"
RUNTIME_SIGNATURE = "4DRT"


@dataclass
class Frame4D:
    """One line of the 4D call stack shown under an error."""

    method: str
    span: Span | None

    def describe(self) -> str:
        if self.span is None:
            return f"in {self.method}"
        return f"in {self.method} ({self.span.source.name}:{self.span.line})"


class FourDError(Exception):
    """A 4D runtime (or syntax) error: what 4D would show in its error dialog."""

    def __init__(
        self,
        code: int,
        message: str,
        span: Span | None = None,
        signature: str | None = None,
        extra: dict[str, Any] | None = None,
        deferred: bool = False,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.span = span
        if signature is None:
            signature = MINI4D_SIGNATURE if 90000 <= code < 91000 else RUNTIME_SIGNATURE
        self.signature = signature
        self.extra = extra or {}
        self.deferred = deferred
        self.stack: list[Frame4D] = []
        self.method: str | None = None  # method in which the error happened
        self.stacked: list[FourDError] = []  # earlier errors of the same error stack

    def with_span(self, span: Span | None) -> FourDError:
        if self.span is None and span is not None:
            self.span = span
        return self

    def as_object_items(self) -> dict[str, Any]:
        """The `Last errors` element for this error, as plain items."""
        items = {"errCode": self.code, "message": self.message, "componentSignature": self.signature}
        for key, value in self.extra.items():
            if key not in items:
                items[key] = value
        return items

    def __str__(self) -> str:
        return f"error {self.code}: {self.message}"


def nested_too_deeply(what: str) -> FourDError:
    """The error of a command given objects and collections nested deeper than the stack allows
    (a RecursionError of the command, caught where the command starts)."""
    return FourDError(ERR_STACK_OVERFLOW, f"{what}: the objects and collections are nested too deeply")


class Syntax4DError(FourDError):
    """A parse error with a message in words."""

    def __init__(self, message: str, span: Span | None, hint: str | None = None):
        super().__init__(ERR_SYNTAX, message, span, signature="lscm")
        self.hint = hint


@dataclass
class SyntaxReport:
    """Every syntax error of one source, for `mini4d check`."""

    errors: list[Syntax4DError] = field(default_factory=list)


def format_error(err: FourDError, *, color: bool = False) -> str:
    """`file:line:col: error N: message`, the source line, a caret, then the 4D call stack (repeats collapsed)."""
    lines = []
    span = err.span
    if span is not None:
        line, col = span.source.line_col(span.start)
        head = f"{span.source.name}:{line}:{col}: error {err.code}: {err.message}"
        lines.append(head)
        text = span.source.line_text(line)
        if text.strip():
            shown = text.replace("\t", " ")
            lines.append("    " + shown)
            end_line, end_col = span.source.line_col(max(span.start, span.end - 1))
            width = max(1, (end_col - col + 1) if end_line == line else len(text) - col + 1)
            width = min(width, max(1, len(text) - col + 1))
            lines.append("    " + " " * (col - 1) + "^" + "~" * (width - 1))
    else:
        lines.append(f"error {err.code}: {err.message}")
    hint = getattr(err, "hint", None)
    if hint:
        lines.append(f"    hint: {hint}")
    lines.extend(format_stack(err.stack))
    out = "\n".join(lines)
    if color:
        out = "\x1b[31m" + out + "\x1b[0m"
    return out


def format_interrupt(err: FourDError | None, *, color: bool = False) -> str:
    """What Ctrl-C shows: `Interrupted in METHOD at file:line`, the line it stopped at, the call stack."""
    if err is None or err.span is None:
        return "Interrupted"
    span = err.span
    line, _col = span.source.line_col(span.start)
    method = err.stack[0].method if err.stack else None
    lines = [f"Interrupted{f' in {method}' if method else ''} at {span.source.name}:{line}"]
    text = span.source.line_text(line)
    if text.strip():
        lines.append("    " + text.replace("\t", " ").strip())
    lines.extend(format_stack(err.stack))
    out = "\n".join(lines)
    if color:
        out = "\x1b[33m" + out + "\x1b[0m"
    return out


# Longest run of frames recognised as repeating (a cycle of that many methods calling each other).
MAX_CYCLE = 8
# A stack still this long once repeats are collapsed shows its first and last STACK_EDGE lines.
MAX_STACK_LINES = 60
STACK_EDGE = 25


def format_stack(stack: list[Frame4D]) -> list[str]:
    """The `  in METHOD (file:line)` lines of a call stack; a repeating run is shown once, then counted."""
    texts = [frame.describe() for frame in stack]
    out: list[str] = []
    i = 0
    n = len(texts)
    while i < n:
        best = (0, 0, 0)  # (frames hidden, cycle length, repetitions)
        for period in range(1, MAX_CYCLE + 1):
            if i + 2 * period > n:
                break
            block = texts[i : i + period]
            reps = 1
            while texts[i + reps * period : i + (reps + 1) * period] == block:
                reps += 1
            hidden = (reps - 1) * period
            if hidden > best[0]:
                best = (hidden, period, reps)
        hidden, period, reps = best
        if hidden >= 3:
            out.extend("  " + t for t in texts[i : i + period])
            out.append("  " + _repeat_line(stack[i : i + period], hidden, reps - 1))
            i += reps * period
        else:
            out.append("  " + texts[i])
            i += 1
    if len(out) > MAX_STACK_LINES:
        skipped = len(out) - 2 * STACK_EDGE
        out = [*out[:STACK_EDGE], f"  … {skipped:,} more lines of the call stack", *out[-STACK_EDGE:]]
    return out


def _repeat_line(cycle: list[Frame4D], hidden: int, times: int) -> str:
    if len(cycle) == 1:
        return f"… {hidden:,} more calls of {cycle[0].method}"
    names: list[str] = []
    for frame in cycle:
        if frame.method not in names:
            names.append(frame.method)
    who = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return f"… {hidden:,} more calls of {who} (the {len(cycle)} lines above, {times:,} more times)"
