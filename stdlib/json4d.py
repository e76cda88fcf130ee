"""JSON: JSON Stringify and JSON Parse."""

from __future__ import annotations

from typing import Any

from lang.errors import ERR_ARG_TYPE, FourDError
from lang.jsonfmt import parse, stringify
from lang.registry import command
from lang.values import UNDEFINED, to_text


@command("JSON Stringify", 1217, "JSON")
def json_stringify(value: Any, *, star: bool = False) -> str:
    """JSON text of a value; `*` pretty-prints with tabs and line breaks."""
    if value is UNDEFINED:
        return ""
    return stringify(value, pretty=star)


@command("JSON Parse", 1218, "JSON")
def json_parse(text: str, type_: Any = None, *, star: bool = False) -> Any:
    """4D value from JSON text, optionally converted to a type (Is real, Is text, ...)."""
    value = parse(text)
    if type_ is None or type_ is UNDEFINED:
        return value
    if type(type_) not in (float, int):
        raise FourDError(ERR_ARG_TYPE, "JSON Parse: the type must be a type constant")
    t = int(type_)
    if t == 2:
        return value if type(value) is str else to_text(value)
    if t in (1, 9):
        if type(value) is float:
            return value
        if type(value) is bool:
            return 1.0 if value else 0.0
        return 0.0
    if t == 6:
        return value if type(value) is bool else bool(value) if type(value) is float else False
    return value
