"""The `$t` object a test receives from `mini4d test`: assertions, log, fail, fatal, subtests.

Its members follow the public 4D unit-testing frameworks (a test function declared
`Function test_x($t : cs.Testing)` calls `$t.assert.areEqual($t; expected; actual; "message")`).
A failed assertion marks the test failed and the test goes on; `$t.fatal()` stops it.
"""

from __future__ import annotations

from typing import Any

from .errors import ERR_ARG_COUNT, ERR_NOT_A_FUNCTION, ERR_READONLY, FourDError
from .source import Span
from .values import IS_OBJECT, UNDEFINED, Coll, Obj, equal, fold, to_text

# Names a test parameter may declare for this object (`cs.Testing`, or the component form `cs.Testing.Testing`).
CONTEXT_CLASS_NAMES = ("Testing", "Testing.Testing")


class TestStopped(Exception):
    """`$t.fatal()`: leaves the test at once (not a 4D error, so `Try` and `ON ERR CALL` do not see it)."""


class Failure:
    """One failed assertion: message, expected and actual values, where it was called."""

    def __init__(self, message: str, span: Span | None, expected: Any = UNDEFINED, actual: Any = UNDEFINED):
        self.message = message
        self.span = span
        self.expected = expected
        self.actual = actual
        self.has_values = expected is not UNDEFINED or actual is not UNDEFINED


def show_value(v: Any) -> str:
    """A value as a failure message shows it: texts quoted, objects and collections as JSON."""
    if type(v) is str:
        return '"' + v + '"'
    if v is None:
        return "Null"
    if v is UNDEFINED:
        return "Undefined"
    return to_text(v)


class TestContext:
    """`$t`: the state of one running test (failed, log messages, failures)."""

    is_4d_object = True
    class_name = "Testing"
    value_type_code = IS_OBJECT

    def __init__(self, name: str = "") -> None:
        self.name = name
        self.failed = False
        self.done = False
        self.failures: list[Failure] = []
        self.log_messages = Coll()
        self.assert_ = Assert4D()

    def fits_class(self, name: str) -> bool:
        """A `cs.Testing` (or `cs.Testing.Testing`) parameter accepts this object."""
        return name in CONTEXT_CLASS_NAMES

    def record(self, failure: Failure) -> None:
        self.failed = True
        self.failures.append(failure)
        if failure.message:
            self.log_messages.append(failure.message)

    # 4D view
    def get_4d_property(self, name: str) -> Any:
        if name == "assert":
            return self.assert_
        if name == "failed":
            return self.failed
        if name == "done":
            return self.done
        if name == "logMessages":
            return self.log_messages
        if name == "name":
            return self.name
        return UNDEFINED

    def set_4d_property(self, name: str, value: Any) -> None:
        if name == "failed" and type(value) is bool:
            self.failed = value
            return
        raise FourDError(ERR_READONLY, f'The property "{name}" of the test context is read-only')

    def keys_4d(self) -> list[str]:
        return ["assert", "failed", "done", "logMessages", "name"]

    def to_json(self) -> Any:
        o = Obj()
        o.update({"name": self.name, "failed": self.failed, "logMessages": self.log_messages})
        return o

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        if name == "log":
            self.log_messages.append(" ".join(to_text(a) for a in args))
            return UNDEFINED
        if name == "fail":
            if len(args) == 1:
                self.record(Failure(to_text(args[0]), span))
            elif len(args) >= 2:
                message = to_text(args[2]) if len(args) > 2 else "Test failed"
                self.record(Failure(message, span, args[0], args[1]))
            else:
                self.record(Failure("", span))
            return UNDEFINED
        if name == "fatal":
            self.failed = True
            self.done = True
            if args:
                self.record(Failure(to_text(args[0]), span))
            raise TestStopped()
        if name == "run":
            return self._subtest(f, args, span)
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of the test context', span)

    def _subtest(self, f: Any, args: list[Any], span: Span | None) -> bool:
        """`$t.run(name; formula {; data})`: the formula runs with a fresh context; its failures are this test's."""
        if len(args) < 2:
            raise FourDError(ERR_ARG_COUNT, "$t.run() needs a name and a formula", span)
        name = to_text(args[0])
        fn = args[1]
        if not getattr(fn, "is_formula", False):
            raise FourDError(ERR_NOT_A_FUNCTION, "$t.run(): the second parameter must be a formula", span)
        sub = TestContext(f"{self.name}/{name}" if self.name else name)
        call_args: list[Any] = [sub, *args[2:3]]
        this = getattr(f, "this", None) if f is not None else None
        try:
            fn.invoke(f, call_args, this=this, span=span)
        except TestStopped:
            pass
        for message in sub.log_messages:
            self.log_messages.append(f"{name}: {message}")
        for failure in sub.failures:
            self.failed = True
            failure.message = f"{name}: {failure.message}" if failure.message else name
            self.failures.append(failure)
        if sub.failed and not sub.failures:
            self.failed = True
        return not sub.failed


class Assert4D:
    """`$t.assert`: areEqual, areDeepEqual, isTrue, isFalse, isNull, isNotNull, contains, fail."""

    is_4d_object = True
    class_name = "Assert"
    value_type_code = IS_OBJECT

    def get_4d_property(self, name: str) -> Any:
        return UNDEFINED

    def set_4d_property(self, name: str, value: Any) -> None:
        raise FourDError(ERR_READONLY, "The assertion object is read-only")

    def keys_4d(self) -> list[str]:
        return []

    def to_json(self) -> Any:
        return Obj()

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        check = _CHECKS.get(name)
        if check is None:
            raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown assertion "{name}"', span)
        n_values, default_message = check
        if not args or not isinstance(args[0], TestContext):
            raise FourDError(
                ERR_ARG_COUNT, f"$t.assert.{name}() takes the test context first: $t.assert.{name}($t; ...)", span
            )
        t: TestContext = args[0]
        values = list(args[1 : 1 + n_values])
        if len(values) < n_values:
            raise FourDError(ERR_ARG_COUNT, f"$t.assert.{name}() needs {n_values} value(s) after $t", span)
        rest = args[1 + n_values :]
        message = to_text(rest[0]) if rest else ""
        if name == "fail":
            t.record(Failure(message or default_message, span))
            return False
        ok, expected, actual, why = _evaluate(name, values, rest[1:] if rest else [])
        if not ok:
            text = message or default_message
            if why:
                text = f"{text} ({why})"
            t.record(Failure(text, span, expected, actual))
        return ok


# name -> (number of values after $t, message when none is given)
_CHECKS: dict[str, tuple[int, str]] = {
    "areEqual": (2, "values are not equal"),
    "areNotEqual": (2, "values are equal"),
    "areDeepEqual": (2, "values are not deeply equal"),
    "isTrue": (1, "value is not True"),
    "isFalse": (1, "value is not False"),
    "isNull": (1, "value is not Null"),
    "isNotNull": (1, "value is Null"),
    "contains": (2, "the container does not contain the value"),
    "fail": (0, "failed"),
}


def _evaluate(name: str, values: list[Any], extra: list[Any]) -> tuple[bool, Any, Any, str]:
    """(passed, expected, actual, detail) of one assertion."""
    if name in ("areEqual", "areNotEqual"):
        expected, actual = values
        try:
            same = equal(expected, actual)
        except FourDError:
            same = False
        return (same if name == "areEqual" else not same), expected, actual, ""
    if name == "areDeepEqual":
        expected, actual = values
        depth = int(extra[0]) if extra and type(extra[0]) in (float, int) else 10
        where = _deep_difference(expected, actual, "", depth)
        return where is None, expected, actual, (f"first difference at {where}" if where else "")
    if name == "isTrue":
        return values[0] is True, True, values[0], ""
    if name == "isFalse":
        return values[0] is False, False, values[0], ""
    if name == "isNull":
        return values[0] is None or values[0] is UNDEFINED, None, values[0], ""
    if name == "isNotNull":
        return not (values[0] is None or values[0] is UNDEFINED), UNDEFINED, values[0], ""
    if name == "contains":
        container, value = values
        if type(container) is str:
            return fold(to_text(value)) in fold(container), value, container, ""
        if isinstance(container, Coll):
            for item in container:
                try:
                    if equal(item, value):
                        return True, value, container, ""
                except FourDError:
                    continue
            return False, value, container, ""
        return False, value, container, "the container is neither a text nor a collection"
    raise AssertionError(name)


def _deep_difference(a: Any, b: Any, path: str, depth: int) -> str | None:
    """The path of the first difference between two values (None when they are deeply equal)."""
    here = path or "the root"
    if depth < 0:
        return f"{here} (deeper than the maximum depth)"
    if isinstance(a, Obj) and isinstance(b, Obj) and not isinstance(a, Coll):
        for k in dict.keys(a):
            if k not in b:
                return f"{path}.{k}" if path else k
        for k in dict.keys(b):
            if k not in a:
                return f"{path}.{k}" if path else k
        for k in dict.keys(a):
            d = _deep_difference(
                dict.__getitem__(a, k), dict.__getitem__(b, k), f"{path}.{k}" if path else k, depth - 1
            )
            if d is not None:
                return d
        return None
    if isinstance(a, Coll) and isinstance(b, Coll):
        if len(a) != len(b):
            return f"{here} (lengths {len(a)} and {len(b)})"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            d = _deep_difference(x, y, f"{path}[{i}]", depth - 1)
            if d is not None:
                return d
        return None
    try:
        return None if equal(a, b) else here
    except FourDError:
        return here
