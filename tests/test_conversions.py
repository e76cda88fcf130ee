"""One converter family: typed variables, #DECLARE parameters and command arguments."""

from __future__ import annotations

import math

import pytest
from mini4d.core.conversions import (
    ARGUMENT_CONVERTERS,
    round_integer,
    to_element,
    to_storable,
    truncate_integer,
    variable_converter,
)
from mini4d.errors import ERR_ARG_TYPE, ERR_VAR_TYPE, FourDError
from mini4d.values import NULL_DATE, UNDEFINED, Coll, Obj, Time4D

# (variable type, command annotation, what Undefined becomes)
SAME_RULE = [
    ("text", "str", ""),
    ("integer", "int", 0),
    ("boolean", "bool", False),
    ("date", "Date4D", NULL_DATE),
    ("time", "Time4D", Time4D(0)),
    ("object", "Obj", None),
    ("collection", "Coll", None),
]


@pytest.mark.parametrize(("tname", "annotation", "empty"), SAME_RULE)
def test_variables_and_arguments_share_each_rule(tname: str, annotation: str, empty: object) -> None:
    var, arg = variable_converter(tname), ARGUMENT_CONVERTERS[annotation]
    assert var is not None and arg is not None
    assert var(UNDEFINED) == empty and arg(UNDEFINED) == empty
    with pytest.raises(FourDError) as as_variable:
        var([])  # no 4D value is a Python list
    with pytest.raises(FourDError) as as_argument:
        arg([])
    assert as_variable.value.code == ERR_VAR_TYPE and as_argument.value.code == ERR_ARG_TYPE


def test_an_integer_variable_rounds_half_away_from_zero_and_wraps() -> None:
    conv = variable_converter("integer")
    assert conv is not None
    assert [conv(x) for x in (2.5, 2.4, -2.5, -2.4, 2.6)] == [3, 2, -3, -2, 3]
    assert conv(2147483648.0) == -2147483648 == round_integer(2147483648.0)
    assert conv(math.inf) == 0 and conv(math.nan) == 0
    assert conv(Time4D(90.6)) == 91


def test_a_command_argument_truncates() -> None:
    # Which rule 4D applies to a Real given where a command wants an integer is unconfirmed
    # (docs: "truncating or rounding if necessary"); mini4d truncates, `Substring("abcdef";2.6;2)` = "bc".
    conv = ARGUMENT_CONVERTERS["int"]
    assert conv is not None
    values = (2.6, -2.6)
    assert [conv(x) for x in values] == [2, -2] == [truncate_integer(x) for x in values]


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_a_command_argument_refuses_inf_and_nan_where_an_integer_is_declared(value: float) -> None:
    conv = ARGUMENT_CONVERTERS["int"]
    assert conv is not None
    with pytest.raises(FourDError) as info:
        conv(value)
    assert info.value.code == 90014


def test_a_real_variable_holds_a_float_an_argument_any_number() -> None:
    var, arg = variable_converter("real"), ARGUMENT_CONVERTERS["float"]
    assert var is not None and arg is not None
    assert type(var(3)) is float and type(arg(3)) is int
    assert var(Time4D(5)) == 5.0 and arg(Time4D(5)) == 5


def test_converters_are_made_once_per_type() -> None:
    assert variable_converter("integer") is variable_converter("integer") is variable_converter("longint")
    assert variable_converter("cs.Person") is variable_converter("object")
    assert variable_converter(None) is None and variable_converter("variant") is None
    assert variable_converter("blob") is None


def test_values_stored_in_objects_and_collections() -> None:
    assert type(to_storable(3)) is float and to_storable(Time4D(2)) == 2.0
    assert to_element(UNDEFINED) is None and to_storable(UNDEFINED) is UNDEFINED
    o, c = Obj(), Coll()
    assert to_storable(o) is o and to_element(c) is c
