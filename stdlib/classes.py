"""Classes: the class stores `cs` and `4D`, `Super`, `OB Class`, `OB Instance of`; project parameters."""

from __future__ import annotations

from typing import Any

from mini4d.core.api import ClassDef, class_of, class_store, compile_cs, compile_super, compile_this
from mini4d.errors import FourDError
from mini4d.registry import Ref, command, constant
from mini4d.values import UNDEFINED

ERR_NOT_A_CLASS = -10745  # ob-instance-of.md: "class is not a valid Class object"

constant("User param value", 108.0, "K37:94", theme="Database Parameters")


@command("cs", 1710, "Language", compile=compile_cs)
def cs(ctx: Any) -> Any:
    """The user class store: one 4D.Class object per class file of the project."""
    return class_store(ctx.runtime)


@command("4D", 1709, "Language")
def four_d(ctx: Any) -> Any:
    """The built-in class store (4D.Object, 4D.Function, 4D.Class, ...)."""
    return class_store(ctx.runtime).builtins


@command("Super", 1706, "Language", compile=compile_super)
def super_(ctx: Any, *params: Any) -> Any:
    """Calls the superclass constructor, or designates the superclass (compiled by lang/classes.py)."""
    raise AssertionError("Super is compiled by lang.classes")


@command("Super", 1705, "Language", compile=compile_super)
def super_1705(ctx: Any, *params: Any) -> Any:
    """`Super` under its other command number (both are in 4D's list; compiled by lang/classes.py)."""
    raise AssertionError("Super is compiled by lang.classes")


@command("This", 1470, "Language", compile=compile_this)
def this(ctx: Any) -> Any:
    """The object owning the running function or formula; Null otherwise (compiled by lang/classes.py)."""
    return ctx.this


@command("OB Class", 1730, "Objects (Language)")
def ob_class(ctx: Any, obj: Any) -> Any:
    """The class of an object (4D.Object for a plain object); Null if it is not an object."""
    return class_of(ctx.runtime, obj)


@command("OB Instance of", 1731, "Objects (Language)")
def ob_instance_of(ctx: Any, obj: Any, cls: Any) -> bool:
    """True if the object belongs to the class or to one of its child classes."""
    if not isinstance(cls, ClassDef):
        raise FourDError(ERR_NOT_A_CLASS, "OB Instance of: the second parameter is not a valid class object")
    own = class_of(ctx.runtime, obj)
    return own is not None and own.is_subclass_of(cls)


@command("Get database parameter", 643, "4D Environment")
def get_database_parameter(ctx: Any, selector: Any, string_value: Ref = None) -> float:  # type: ignore[assignment]
    """Value of a database parameter; mini4d knows `User param value` (the --user-param text)."""
    if type(selector) not in (float, int) or type(selector) is bool:
        raise FourDError(
            90011, "Get database parameter: the selector must be a number (a table parameter is not supported)"
        )
    if int(selector) == 108:
        if string_value is not None:
            string_value.set(ctx.runtime.user_param)
        return 0.0
    raise FourDError(90060, f"Get database parameter: selector {int(selector)} is not supported by mini4d")


_ = UNDEFINED
