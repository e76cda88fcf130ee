"""Formulas: Formula (compiled specially: its argument is code) and Formula from string."""

from __future__ import annotations

from typing import Any

from mini4d.core.api import compile_formula_command, formula_from_string
from mini4d.registry import command


@command("Formula", 1597, "Formulas", compile=compile_formula_command)
def formula(ctx: Any, expression: Any = None) -> Any:
    """A 4D.Function object made from an expression (see lang/formulas.py)."""
    raise AssertionError("Formula is compiled by lang.formulas")


@command("Formula from string", 1601, "Formulas")
def formula_from_string_(ctx: Any, text: str, context: Any = None) -> Any:
    """A 4D.Function object made from the text of an expression."""
    return formula_from_string(ctx, text)
