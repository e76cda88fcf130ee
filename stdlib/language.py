"""Language: Booleans, Null, type inspection, parameters, method names."""

from __future__ import annotations

from typing import Any

from mini4d.core.api import call_method, constant_command, execute_text
from mini4d.errors import ERR_ARG_COUNT, ERR_ARG_TYPE, FourDError
from mini4d.registry import Ref, command, constant
from mini4d.values import (
    IS_BLOB,
    IS_BOOLEAN,
    IS_COLLECTION,
    IS_DATE,
    IS_LONGINT,
    IS_NULL,
    IS_OBJECT,
    IS_PICTURE,
    IS_POINTER,
    IS_REAL,
    IS_TEXT,
    IS_TIME,
    IS_UNDEFINED,
    IS_VARIANT,
    UNDEFINED,
    empty_like,
    value_type,
)

for _name, _value in [
    ("Is real", IS_REAL),
    ("Is text", IS_TEXT),
    ("Is picture", IS_PICTURE),
    ("Is date", IS_DATE),
    ("Is undefined", IS_UNDEFINED),
    ("Is Boolean", IS_BOOLEAN),
    ("Is integer", 8),
    ("Is longint", IS_LONGINT),
    ("Is time", IS_TIME),
    ("Is variant", IS_VARIANT),
    ("Is pointer", IS_POINTER),
    ("Is BLOB", IS_BLOB),
    ("Is object", IS_OBJECT),
    ("Is collection", IS_COLLECTION),
    ("Is null", IS_NULL),
    ("Is alpha field", 0),
    ("Is string var", 24),
    ("Is integer 64 bits", 25),
    ("Is subtable", 7),
    ("Array 2D", 13),
    ("Real array", 14),
    ("Integer array", 15),
    ("LongInt array", 16),
    ("Date array", 17),
    ("Text array", 18),
    ("Picture array", 19),
    ("Pointer array", 20),
    ("String array", 21),
    ("Boolean array", 22),
    ("Blob array", 31),
    ("Time array", 32),
    ("Object array", 39),
]:
    constant(_name, float(_value), theme="Field and Variable Types")

_DECLARED = {
    "text": IS_TEXT,
    "integer": IS_LONGINT,
    "real": IS_REAL,
    "boolean": IS_BOOLEAN,
    "date": IS_DATE,
    "time": IS_TIME,
    "object": IS_OBJECT,
    "collection": IS_COLLECTION,
    "pointer": IS_POINTER,
    "picture": IS_PICTURE,
    "blob": IS_BLOB,
    "variant": IS_VARIANT,
}


# Type() of an element of each kind of array (ARRAY INTEGER holds 16-bit integers).
_ELEMENT = {
    "real": IS_REAL,
    "integer": 8,
    "longint": IS_LONGINT,
    "date": IS_DATE,
    "text": IS_TEXT,
    "string": IS_TEXT,
    "picture": IS_PICTURE,
    "pointer": IS_POINTER,
    "boolean": IS_BOOLEAN,
    "blob": IS_BLOB,
    "time": IS_TIME,
    "object": IS_OBJECT,
}


@command("True", 214, "Boolean", compile=constant_command(True), returns="boolean")
def true_() -> bool:
    """The Boolean value True."""
    return True


@command("False", 215, "Boolean", compile=constant_command(False), returns="boolean")
def false_() -> bool:
    """The Boolean value False."""
    return False


@command("Not", 34, "Boolean")
def not_(value: bool) -> bool:
    """Negation of a Boolean (4D has no `!` operator)."""
    return not value


@command("Null", 1517, "Language")
def null() -> None:
    """The Null value."""
    return


@command("Undefined", 82, "Language")
def undefined(expression: Ref) -> bool:
    """True if the expression (variable, property, element) is undefined."""
    return expression.get() is UNDEFINED


@command("Value type", 1509, "Language")
def value_type_(expression: Ref) -> float:
    """Type of a value (numbers are always Is real in interpreted mode)."""
    return float(value_type(expression.get()))


@command("Type", 295, "Language")
def type_(variable: Ref) -> float:
    """Declared type of a variable (Is variant for an untyped one)."""
    kind = variable.kind
    if kind in ("local", "process", "interprocess"):
        declared = variable.declared()
        if declared is None:
            return float(IS_VARIANT)
    elif kind in ("target", "element"):
        # `Type($ptr->)`: the declared type of what the pointer designates (an array gives its
        # array type); `Type(arr{i})`: the element type of the array.
        v = variable.get()
        arr = getattr(v, "array_type", None)
        if arr is not None:
            return float(arr)
        declared = variable.declared()
        if declared is None:
            return float(value_type(v))
        if declared.startswith("element:"):
            return float(_ELEMENT.get(declared[8:], value_type(v)))
    elif kind == "field":  # `Type([Table]Field)`: the field's type (Is alpha field 0 for an Alpha field)
        declared = variable.declared()
        return float(declared[6:]) if declared else float(IS_VARIANT)
    else:
        raise FourDError(ERR_ARG_TYPE, "Type applies to a variable; use Value type for an expression")
    if declared.startswith(("cs.", "4D.", "4d.")):
        return float(IS_OBJECT)
    arr = getattr(variable.get(), "array_type", None)
    if arr is not None:
        return float(arr)
    return float(_DECLARED.get(declared, IS_VARIANT))


@command("Count parameters", 259, "Language")
def count_parameters(ctx: Any) -> float:
    """Number of parameters actually passed to the current method."""
    return float(len(ctx.params))


@command("Current method name", 684, "Language")
def current_method_name(ctx: Any) -> str:
    """Name of the method (or Class.function) being executed."""
    return ctx.code.name


@command("Is compiled mode", 492, "Language")
def is_compiled_mode(*, star: bool = False) -> bool:
    """mini4d is an interpreter: always False."""
    return False


@command("Bool", 1537, "Language")
def bool_(value: Any) -> bool:
    """Boolean form: a Boolean as is, a number True unless 0, anything else False."""
    t = type(value)
    if t is bool:
        return value
    if t is float or t is int:
        return value != 0
    return False


@command("Choose", 955, "Language")
def choose(criterion: Any, *values: Any) -> Any:
    """Boolean criterion: True → value1, False → value2; number n → the value at 0-based position n."""
    if not values:
        raise FourDError(ERR_ARG_COUNT, "Choose needs at least one value")
    if type(criterion) is bool:
        if len(values) != 2:
            raise FourDError(ERR_ARG_COUNT, "Choose with a Boolean criterion takes exactly two values")
        return values[0] if criterion else values[1]
    if type(criterion) in (float, int):
        i = int(criterion)
        if 0 <= i < len(values):
            return values[i]
        return empty_like(values[0])
    if criterion is UNDEFINED or criterion is None:
        return empty_like(values[0])
    raise FourDError(ERR_ARG_TYPE, "Choose: the criterion must be a Boolean or a number")


@command("Command name", 538, "Language")
def command_name(ctx: Any, number: int, info: Ref | None = None, theme: Ref | None = None) -> str:
    """Name of the command with this number (OK = 0 if none); `info` gets 1 when thread-safe, `theme` its theme."""
    from mini4d.registry import REGISTRY

    REGISTRY.ensure_loaded()
    c = REGISTRY.lookup_number(number) if number > 0 else None
    ctx.process.vars["ok"] = 1 if c is not None else 0
    if info is not None:
        info.set(float(1 if c is not None and c.thread_safe else 0))
    if theme is not None:
        theme.set(c.theme if c is not None else "")
    return c.name if c is not None else ""


@command("EXECUTE FORMULA", 63, "Language")
def execute_formula(ctx: Any, statement: str) -> None:
    """Run one line of 4D code given as text (tokens allowed); locals of the caller are not visible."""
    if statement.strip() == "":
        return
    execute_text(ctx, statement)


@command("EXECUTE METHOD", 1007, "Language")
def execute_method(ctx: Any, name: str, result: Any = None, *params: Any, star: bool = False) -> None:
    """Call a project method by name; `result` (a variable, or `*` for none) receives its result."""
    args = list(params)
    if star and result is not None:
        # EXECUTE METHOD(name; *; params): the star takes the place of the result.
        args.insert(0, result.get() if isinstance(result, Ref) else result)
        result = None
    value = call_method(ctx, name, args)
    if isinstance(result, Ref):
        result.set(value)


execute_method.command_info.ref_positions = frozenset({1})  # type: ignore[attr-defined]


@command("CLEAR VARIABLE", 89, "Language")
def clear_variable(variable: Ref) -> None:
    """Reset a variable to the default value of its type (same as assigning Undefined)."""
    current = variable.get()
    if getattr(current, "is_4d_array", False):
        current.resize(0)  # an array keeps its type and loses its elements
        return
    variable.set(UNDEFINED)


@command("Application version", 493, "4D Environment")
def application_version(build: Ref | None = None, *, star: bool = False) -> str:
    """Version code of the 4D imitated: "2100" (4D 21.0), "F0012100" with `*`."""
    if build is not None:
        build.set(0.0)
    # docs/commands-legacy/application-version.md: "VVRr"; with `*` "F" + build + "VVRr".
    return "F0012100" if star else "2100"


@command("Application type", 494, "4D Environment")
def application_type() -> float:
    """`4D Local mode` (0): a single-user application without a server."""
    return 0.0


# docs/commands/application-type.md and version-type.md
for _name, _value in [
    ("4D Local mode", 0),
    ("4D Volume desktop", 1),
    ("4D Desktop", 3),
    ("4D Remote mode", 4),
    ("4D Server", 5),
    ("tool4d", 6),
    ("Demo version", 0),
    ("64 bit version", 1),
    ("Merged application", 2),
]:
    constant(_name, float(_value), theme="4D Environment")


@command("Version type", 495, "4D Environment")
def version_type() -> float:
    """Version type: 0 (no 64-bit/demo flags) for mini4d."""
    return 0.0


@command("Is macOS", 1572, "System Environment")
def is_macos() -> bool:
    """True when running on macOS."""
    import sys

    return sys.platform == "darwin"


@command("Is Windows", 1573, "System Environment")
def is_windows() -> bool:
    """True when running on Windows."""
    import sys

    return sys.platform.startswith("win")


@command("IDLE", 311, "Processes")
def idle() -> None:
    """Let other processes run (a scheduling hint; mini4d processes are threads)."""
    import time

    time.sleep(0)


_CHAIN_TYPES = {
    "method": "projectMethod",
    "function": "classFunction",
    "constructor": "classFunction",
    "formula": "formula",
}


@command("Call chain", 1662, "Language")
def call_chain(ctx: Any) -> Any:
    """The calls of the current process, innermost first: [{type; name; line; database}]."""
    from pathlib import Path

    from mini4d.values import Coll, Obj

    root = getattr(ctx.runtime.project, "root", None)
    database = Path(root).name if root else ""
    out = Coll()
    f = ctx
    while f is not None:
        code = f.code
        o = Obj()
        dict.__setitem__(o, "type", _CHAIN_TYPES.get(code.kind, "projectMethod"))
        dict.__setitem__(o, "name", code.name)
        dict.__setitem__(o, "line", float(f.span.line) if f.span is not None else 0.0)
        dict.__setitem__(o, "database", database)
        out.append(o)
        f = f.caller
    return out


@command("Current machine", 483, "System Environment")
def current_machine() -> str:
    """Network name of the machine."""
    import socket

    return socket.gethostname()


@command("Current system user", 484, "System Environment")
def current_system_user() -> str:
    """Name of the operating-system user running mini4d."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
