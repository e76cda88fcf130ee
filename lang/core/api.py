"""What the commands of stdlib/ may use of the interpreter: the public API of the core.

A theme module of stdlib/ imports from here, from `mini4d.registry` (`command`, `member`,
`constant`, `Ref`, `REGISTRY`), `mini4d.values` and `mini4d.errors`, and from nothing else
of mini4d but the public modules of a subsystem its theme belongs to (`mini4d.web` for the web
server commands); tests/test_layers.py checks it. Commands receive values, `Ref`s and the running
frame (`ctx`: `params`, `process`, `runtime`, `this`, `span`, `code.name`), never syntax
nodes; what they need beyond that is here.

The names that live in modules a plain run does not load (classes, formulas, arrays,
pointers, JSON, the parser) are imported when a stdlib module first asks for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import FourDError, Syntax4DError
from ..interrupt import run_interruptible, stop_check
from . import fastops
from .calls import prepare_call
from .conversions import to_element, to_storable, variable_converter
from .expressions import constant_command
from .frames import Code, name_key
from .properties import MAX_GROWTH, set_property

if TYPE_CHECKING:
    from ..arrays import Array4D, check_size
    from ..classes import ClassDef, class_of, class_store, compile_cs, compile_super, compile_this
    from ..debugger import trace_command
    from ..formulas import Formula4D, compile_formula_command
    from ..jsonfmt import parse as parse_json
    from ..jsonfmt import stringify as stringify_json
    from ..jsonfmt import symbols as json_symbols
    from ..pointers import Pointer4D, element_pointer, interprocess_pointer, local_pointer, process_pointer
    from ..runtime import POLL, STARTED, WAITING_FOR_INTERNAL_FLAG, Process, WebSession, copy_for_process

__all__ = [
    # long calls that Ctrl-C can stop (lang/interrupt.py)
    "run_interruptible",
    "stop_check",
    # values stored in objects and collections
    "to_storable",
    "to_element",
    "MAX_GROWTH",
    "set_property",
    # typed variables
    "variable_converter",
    "name_key",
    # running 4D code
    "call_method",
    "execute_text",
    "prepared_call",
    "fast_paths",
    "formula_from_string",
    # commands that compile specially (`compile=`)
    "constant_command",
    "compile_cs",
    "compile_super",
    "compile_this",
    "compile_formula_command",
    # objects of the language
    "Formula4D",
    "ClassDef",
    "class_of",
    "class_store",
    "Array4D",
    "check_size",
    "Pointer4D",
    "local_pointer",
    "process_pointer",
    "interprocess_pointer",
    "element_pointer",
    # JSON text of 4D values
    "parse_json",
    "stringify_json",
    "json_symbols",
    # processes
    "Process",
    "copy_for_process",
    "POLL",
    "STARTED",
    "WAITING_FOR_INTERNAL_FLAG",
    "WebSession",
    # debugging
    "trace_command",
]


def call_method(ctx: Any, name: str, args: Sequence[Any]) -> Any:
    """Run the project method `name` with `args` from the running frame `ctx`; its result (Undefined if none)."""
    interp = ctx.runtime.interp
    return interp.invoke(interp.get_method(name, ctx.span), list(args), ctx, ctx.span)


def execute_text(ctx: Any, text: str, name: str = "EXECUTE FORMULA") -> Any:
    """Parse and run 4D code given as text (tokens allowed) from `ctx`; the caller's locals are not visible."""
    from ..parser import parse_source
    from ..source import Source

    src = Source("<formula>", text)
    interp = ctx.runtime.interp
    try:
        code = interp.compile_unit(name, tuple(parse_source(src)), src, kind="formula")
    except Syntax4DError as err:
        raise runtime_syntax_error(err) from None
    return interp.invoke(code, [], ctx, ctx.span)


def runtime_syntax_error(err: Syntax4DError) -> FourDError:
    """A syntax error in code given as text while the program runs (EXECUTE FORMULA, Formula from string).

    It is a runtime error of the statement that gave the text, like any other: the ON ERR CALL
    handler is called, `Try` catches it, and it is recorded in `Last errors`.
    """
    e = FourDError(err.code, err.message, err.span, signature=err.signature)
    e.hint = err.hint  # type: ignore[attr-defined]
    return e


def fast_paths() -> bool:
    """Whether commands may take their own fast paths (False with `MINI4D_NO_FASTPATHS=1`): see core/fastops.py."""
    return fastops.FASTPATHS


def prepared_call(code: Code) -> Callable[..., Any]:
    """The call of a compiled unit (a formula's `code`), for running it many times in a loop.

    `call(ctx, args, span, this, process, captured)`: see lang/core/units.py `prepare_call`.
    """
    return code.call or prepare_call(code)


def formula_from_string(ctx: Any, text: str) -> Any:
    """`Formula from string(text)`: a 4D.Function parsed now, with no captured locals."""
    from ..formulas import formula_from_string as make

    try:
        return make(ctx.runtime.interp, text, ctx.span)
    except Syntax4DError as err:
        raise runtime_syntax_error(err) from None


# name -> (module, attribute) of the names imported at their first use
_LAZY = {
    "compile_cs": ("mini4d.classes", "compile_cs"),
    "compile_super": ("mini4d.classes", "compile_super"),
    "compile_this": ("mini4d.classes", "compile_this"),
    "ClassDef": ("mini4d.classes", "ClassDef"),
    "class_of": ("mini4d.classes", "class_of"),
    "class_store": ("mini4d.classes", "class_store"),
    "compile_formula_command": ("mini4d.formulas", "compile_formula_command"),
    "Formula4D": ("mini4d.formulas", "Formula4D"),
    "Array4D": ("mini4d.arrays", "Array4D"),
    "check_size": ("mini4d.arrays", "check_size"),
    "Pointer4D": ("mini4d.pointers", "Pointer4D"),
    "local_pointer": ("mini4d.pointers", "local_pointer"),
    "process_pointer": ("mini4d.pointers", "process_pointer"),
    "interprocess_pointer": ("mini4d.pointers", "interprocess_pointer"),
    "element_pointer": ("mini4d.pointers", "element_pointer"),
    "parse_json": ("mini4d.jsonfmt", "parse"),
    "stringify_json": ("mini4d.jsonfmt", "stringify"),
    "json_symbols": ("mini4d.jsonfmt", "symbols"),
    "Process": ("mini4d.runtime", "Process"),
    "copy_for_process": ("mini4d.runtime", "copy_for_process"),
    "POLL": ("mini4d.runtime", "POLL"),
    "STARTED": ("mini4d.runtime", "STARTED"),
    "WAITING_FOR_INTERNAL_FLAG": ("mini4d.runtime", "WAITING_FOR_INTERNAL_FLAG"),
    "WebSession": ("mini4d.runtime", "WebSession"),
    "trace_command": ("mini4d.debugger", "trace_command"),
}


def __getattr__(name: str) -> Any:
    """A name of `_LAZY`, its module imported now (`from mini4d.core.api import Formula4D`)."""
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where[0]), where[1])
    globals()[name] = value
    return value
