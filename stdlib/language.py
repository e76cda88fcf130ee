"""Language: Booleans, Null, type inspection, parameters, method names."""

from __future__ import annotations

from typing import Any

from lang.errors import ERR_ARG_TYPE, FourDError
from lang.registry import Ref, command, constant
from lang.values import (
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


@command("True", 214, "Boolean")
def true_() -> bool:
    """The Boolean value True."""
    return True


@command("False", 215, "Boolean")
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
    return None


@command("Undefined", 82, "Language")
def undefined(expression: Ref) -> bool:
    """True if the expression (variable, property, element) is undefined."""
    return expression.get() is UNDEFINED


@command("Value type", 1509, "Language")
def value_type_(expression: Ref) -> float:
    """Type of a value (numbers are always Is real in interpreted mode)."""
    return float(value_type(expression.get()))


@command("Type", 295, "Language")
def type_(ctx: Any, variable: Ref) -> float:
    """Declared type of a variable (Is variant for an untyped one)."""
    node = variable.node
    from lang import nodes as N

    declared = None
    if isinstance(node, N.Local):
        code = ctx.code
        slot = code.slots.get(node.name.lower())
        declared = code.slot_types.get(slot) if slot is not None else None
        if declared is None:
            v = variable.get()
            if v is UNDEFINED:
                return float(IS_VARIANT)
            return float(IS_VARIANT)
    elif isinstance(node, N.Name):
        declared = ctx.process.var_types.get(" ".join(node.name.split()).lower())
        if declared is None:
            return float(IS_VARIANT)
    elif isinstance(node, N.Interprocess):
        declared = ctx.runtime.interprocess_types.get(node.name.lower())
        if declared is None:
            return float(IS_VARIANT)
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


@command("This", 1470, "Language")
def this(ctx: Any) -> Any:
    """The object owning the running function or formula; Null otherwise."""
    return ctx.this


@command("Is compiled mode", 492, "Language")
def is_compiled_mode(*, star: bool = False) -> bool:
    """mini4d is an interpreter: always False."""
    return False
