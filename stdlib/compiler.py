"""Compiler: legacy declarations (`C_TEXT($a; $b)`, `C_LONGINT(${2})`, `_O_C_STRING(80; $s)`)."""

from __future__ import annotations

from typing import Any

from mini4d.registry import Ref, command


def _declare_all(ctx: Any, tname: str, refs: tuple[Any, ...]) -> None:
    """Give each variable its declared type (a variable already holding a value keeps it)."""
    if refs and isinstance(refs[0], Ref) and refs[0].kind == "process":
        # `C_TEXT(MyMethod; $1)` types another method's parameters for the compiler;
        # the interpreter ignores it.
        if ctx.runtime.project.has_method(refs[0].name):
            return
    for ref in refs:
        if isinstance(ref, Ref) and ref.declare is not None:
            ref.declare(tname)


def _make(name: str, number: int, tname: str) -> None:
    def declare(ctx: Any, *variables: Ref) -> None:
        _declare_all(ctx, tname, variables)

    declare.__doc__ = f"Declare variables as {tname.capitalize()} (legacy syntax; `var` is the current one)."
    declare.__name__ = "c_" + tname
    command(name, number, "Compiler", declares=tname)(declare)


for _name, _number, _tname in [
    ("C_LONGINT", 283, "integer"),
    ("C_TEXT", 284, "text"),
    ("C_REAL", 285, "real"),
    ("C_PICTURE", 286, "picture"),
    ("C_POINTER", 301, "pointer"),
    ("C_BOOLEAN", 305, "boolean"),
    ("C_TIME", 306, "time"),
    ("C_DATE", 307, "date"),
    ("C_BLOB", 604, "blob"),
    ("C_OBJECT", 1216, "object"),
    ("C_COLLECTION", 1488, "collection"),
    ("C_VARIANT", 1683, "variant"),
    ("_O_C_INTEGER", 282, "integer"),
]:
    _make(_name, _number, _tname)


@command("_O_C_STRING", 293, "Compiler", declares="text")
def c_string(ctx: Any, length: Any, *variables: Ref) -> None:
    """Obsolete fixed-length string declaration: a Text variable since 4D v11."""
    _declare_all(ctx, "text", variables)
