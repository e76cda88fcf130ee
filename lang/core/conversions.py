"""Conversions: what a value becomes when it is stored in a typed variable or passed as an argument.

One family of converters for every place 4D converts a value to a declared type: typed
variables and `#DECLARE` parameters (`variable_converter`), command arguments
(`argument_converter`, from the annotation of the command's Python parameter), class-typed
parameters (`parameter_converter`), and values stored in objects and collections
(`to_storable`). Each type's rule is written once below and instantiated for each use with
the error that use reports (a variable and a command argument word their errors differently).

Two rules differ by use, both kept from the behaviour the tests document:
- Integer: a variable rounds half away from zero and wraps to 32 bits (`round_integer`);
  a command argument truncates toward zero (`truncate_integer`) and refuses INF and NaN
  (90014). The docs say only that 4D converts "truncating or rounding if necessary"
  (Concepts/number.md); which one a command argument gets is unconfirmed.
- Real: a Real variable holds a float; a command argument keeps an Integer as an int.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..errors import (
    ERR_ARG_TYPE,
    ERR_ARG_VALUE,
    ERR_INDEX_RANGE,
    ERR_NOT_SUPPORTED,
    ERR_PARAM_TYPE,
    ERR_TYPE_MISMATCH,
    ERR_VAR_TYPE,
    FourDError,
)
from ..source import Span
from ..values import NULL_DATE, UNDEFINED, Coll, Date4D, Obj, Time4D, round_half_away, type_name, wrap_int32

Converter = Callable[[Any], Any]
Failure = Callable[[Any], FourDError]  # the error for a value the rule refuses

# ------------------------------------------------------------------ integers


def round_integer(v: float) -> int:
    """A number stored in an Integer variable: rounded half away from zero, wrapped to 32 bits.

    INF, -INF and the undefined number (NaN) give 0.
    """
    if -2147483647.0 < v < 2147483647.0:  # the common case: no wrapping (False for NaN)
        return round_half_away(v)
    if v != v or v in (math.inf, -math.inf):
        return 0
    return wrap_int32(round_half_away(v))


def truncate_integer(v: float) -> int:
    """A Real given to a command where it needs an integer: truncated toward zero (INF, NaN give 0)."""
    if v != v or v in (math.inf, -math.inf):
        return 0
    return int(v)


# ------------------------------------------------------------------ the rules, one per type


def _text(fail: Failure) -> Converter:
    def conv_text(v: Any) -> Any:
        if type(v) is str:
            return v
        if v is UNDEFINED:
            return ""
        raise fail(v)

    return conv_text


def _integer(fail: Failure, rounding: bool) -> Converter:
    """Integer: a variable rounds (and stays within 32 bits), an argument truncates."""
    if rounding:

        def conv_int(v: Any) -> Any:
            t = type(v)
            if t is int:
                return v if -0x80000000 <= v <= 0x7FFFFFFF else round_integer(float(v))
            if t is float:
                if -2147483647.0 < v < 2147483647.0:  # round_integer's common case: no wrapping
                    return round_half_away(v)
                return round_integer(v)
            if v is UNDEFINED:
                return 0
            if t is Time4D:
                return round_integer(v.s)
            raise fail(v)

        # an int in this range is stored as is (see fastops.store_plan)
        conv_int.store_range = (int, -0x80000000, 0x7FFFFFFF)  # type: ignore[attr-defined]
        return conv_int

    def conv_int_arg(v: Any) -> Any:
        t = type(v)
        if t is int:
            return v
        if t is float:
            if v - v == 0.0:  # finite (INF - INF and NaN - NaN are NaN)
                return int(v)
            raise _not_finite(v)
        if v is UNDEFINED:
            return 0
        if t is Time4D:
            return int(v.s)
        raise fail(v)

    return conv_int_arg


def _not_finite(v: float) -> FourDError:
    what = "an undefined number (NaN)" if v != v else "INF"
    return FourDError(ERR_ARG_VALUE, f"an integer was expected, got {what}")


def _real(fail: Failure, as_real: bool) -> Converter:
    """Real: Undefined is 0, a time is its seconds; a variable holds a float, an argument any number."""
    if as_real:

        def conv_real(v: Any) -> Any:
            t = type(v)
            if t is float:
                return v
            if t is int:
                return float(v)
            if v is UNDEFINED:
                return 0.0
            if t is Time4D:
                return float(v.s)
            raise fail(v)

        conv_real.store_range = (float, None, None)  # type: ignore[attr-defined]
        return conv_real

    def conv_number(v: Any) -> Any:
        t = type(v)
        if t is float or t is int:
            return v
        if v is UNDEFINED:
            return 0.0
        if t is Time4D:
            return v.s
        raise fail(v)

    return conv_number


def _boolean(fail: Failure) -> Converter:
    def conv_bool(v: Any) -> Any:
        if type(v) is bool:
            return v
        if v is UNDEFINED:
            return False
        raise fail(v)

    return conv_bool


def _date(fail: Failure) -> Converter:
    def conv_date(v: Any) -> Any:
        if type(v) is Date4D:
            return v
        if v is UNDEFINED:
            return NULL_DATE
        raise fail(v)

    return conv_date


def _time(fail: Failure) -> Converter:
    def conv_time(v: Any) -> Any:
        t = type(v)
        if t is Time4D:
            return v
        if t is float or t is int:
            return Time4D(v)
        if v is UNDEFINED:
            return Time4D(0)
        raise fail(v)

    return conv_time


def _collection(fail: Failure) -> Converter:
    def conv_coll(v: Any) -> Any:
        if isinstance(v, Coll) or v is None:
            return v
        if v is UNDEFINED:
            return None
        raise fail(v)

    return conv_coll


def _object(fail: Failure) -> Converter:
    """Object (and class types): objects, Null, and the 4D objects that are not Obj (formulas, classes)."""

    def conv_obj(v: Any) -> Any:
        if isinstance(v, Obj) or v is None or getattr(v, "is_4d_object", False):
            return v
        if v is UNDEFINED:
            return None
        raise fail(v)

    return conv_obj


def _array(fail: Failure) -> Converter:
    def conv_array(v: Any) -> Any:
        if getattr(v, "is_4d_array", False):
            return v
        if type(v) in (float, int):
            # 4D: assigning a number to an array selects that element (list boxes, menus).
            raise FourDError(
                ERR_NOT_SUPPORTED,
                "Selecting an array element by assigning a number to the array is not supported by mini4d yet",
            )
        raise FourDError(ERR_VAR_TYPE, f"Cannot assign a {type_name(v)} value to an array")

    return conv_array


def _pointer(fail: Failure) -> Converter:
    def conv_ptr(v: Any) -> Any:
        if v is UNDEFINED:
            return None
        if v is None or getattr(v, "is_pointer", False):
            return v
        raise fail(v)

    return conv_ptr


# ------------------------------------------------------------------ variables and #DECLARE parameters


def _variable_error(tname: str) -> Failure:
    def fail(v: Any) -> FourDError:
        return FourDError(ERR_VAR_TYPE, f"Cannot assign a {type_name(v)} value to a {tname.capitalize()} variable")

    return fail


_VARIABLE_RULES: dict[str, Callable[[str], Converter]] = {
    "text": lambda t: _text(_variable_error("text")),
    "integer": lambda t: _integer(_variable_error("integer"), rounding=True),
    "real": lambda t: _real(_variable_error("real"), as_real=True),
    "boolean": lambda t: _boolean(_variable_error("boolean")),
    "date": lambda t: _date(_variable_error("date")),
    "time": lambda t: _time(_variable_error("time")),
    "collection": lambda t: _collection(_variable_error("collection")),
    "object": lambda t: _object(_variable_error("object")),
    "array": lambda t: _array(_variable_error("array")),
    "pointer": lambda t: _pointer(_variable_error("pointer")),
}

_variable_converters: dict[str, Converter | None] = {}


def variable_converter(tname: str | None) -> Converter | None:
    """The conversion applied when a value is stored in a variable of this declared type.

    None for an untyped (or Variant, Picture, Blob) variable: every value is stored as is.
    Converters are made once per type and shared.
    """
    if tname is None:
        return None
    if tname in _variable_converters:
        return _variable_converters[tname]
    if tname.startswith(("cs.", "4d.", "4D.")):
        conv = _variable_converter_of("object")
    else:
        conv = _variable_converter_of(tname)
    _variable_converters[tname] = conv
    return conv


def _variable_converter_of(tname: str) -> Converter | None:
    if tname == "longint":
        tname = "integer"
    rule = _VARIABLE_RULES.get(tname)
    if rule is None:
        return None
    if tname not in _variable_converters:
        _variable_converters[tname] = rule(tname)
    return _variable_converters[tname]


def norm_type(t: str | None) -> str | None:
    """A declared type name as the converters know it (`string` is Text, `longint` is Integer)."""
    if t is None:
        return None
    if t == "string":
        return "text"
    if t == "longint":
        return "integer"
    return t


def parameter_converter(t: str) -> Converter | None:
    """The check of a `#DECLARE` parameter of type `t`: a class type checks the class too.

    A FourDError from it makes the call report the parameter with `parameter_error`.
    """
    if not t.startswith("cs."):
        return variable_converter(t)
    from ..classes import ClassDef, Instance, has_class

    obj = variable_converter(t)
    assert obj is not None
    name = t[3:]

    def conv_class(v: Any) -> Any:
        if type(v) is Instance:  # the common case, has_class without the calls
            c: ClassDef | None = v.cls
            while c is not None:
                if c.name == name:
                    return v
                c = c.parent
        v = obj(v)
        if v is not None and not has_class(v, name):
            raise FourDError(ERR_PARAM_TYPE, "wrong class")
        return v

    return conv_class


def convert_parameter(v: Any, t: str, k: int, unit: str, span: Span | None) -> Any:
    """Argument k (0-based) given to parameter of type `t` of `unit`, converted, or error 18 naming both."""
    c = variable_converter(t)
    if c is None:
        return v
    try:
        v = c(v)
        if v is not None and t.startswith("cs."):
            from ..classes import has_class  # a wrong class is a wrong type (parameters.md)

            if not has_class(v, t[3:]):
                raise FourDError(ERR_PARAM_TYPE, "wrong class")
        return v
    except FourDError:
        expected = t.capitalize() if not t.startswith(("cs.", "4D.")) else t
        raise FourDError(
            ERR_PARAM_TYPE, f"Parameter {k + 1} of {unit}: a {expected} was expected, got {type_name(v)}", span
        ) from None


# ------------------------------------------------------------------ command arguments


def _argument_error(expected: str) -> Failure:
    def fail(v: Any) -> FourDError:
        return FourDError(ERR_ARG_TYPE, f"{expected} expected, got {type_name(v)}")

    return fail


_object_arg = _object(_argument_error("Object"))
_collection_arg = _collection(_argument_error("Collection"))

# annotation of a command's Python parameter -> the conversion of its argument (None: as is)
ARGUMENT_CONVERTERS: dict[str, Converter | None] = {
    "str": _text(_argument_error("Text")),
    "float": _real(_argument_error("Number"), as_real=False),
    "int": _integer(_argument_error("Number"), rounding=False),
    "bool": _boolean(_argument_error("Boolean")),
    "Date4D": _date(_argument_error("Date")),
    "Time4D": _time(_argument_error("Time")),
    "Obj": _object_arg,
    "Obj | None": _object_arg,
    "Coll": _collection_arg,
    "Coll | None": _collection_arg,
    "Any": None,
    "": None,
}


# ------------------------------------------------------------------ numbers in control structures


def to_index(i: Any, span: Span | None = None) -> int:
    """A number used as an index or a position (an element, a character, `${n}`, a range of
    `For each`): truncated to an int; INF and the undefined number (NaN) are out of range."""
    t = type(i)
    if t is int:
        return int(i)
    if t is not float:
        raise FourDError(ERR_TYPE_MISMATCH, f"An index must be a number, got {type_name(i)}", span)
    if i - i == 0:  # finite (False for INF and NaN)
        return int(i)
    raise FourDError(
        ERR_INDEX_RANGE, f"Index {'NaN' if i != i else ('INF' if i > 0 else '-INF')} is out of range", span
    )


def _number_expected(v: Any) -> FourDError:
    return FourDError(ERR_TYPE_MISMATCH, f"A number was expected, got {type_name(v)}")


# The bounds and step of `For`: the rule of a number argument (Undefined is 0, a time its seconds).
to_number = _real(_number_expected, as_real=False)


def counter_error(v: Any, span: Span | None) -> FourDError:
    """A `For` counter holding something else than a number (a Text stored by the body, a Time)."""
    return FourDError(ERR_TYPE_MISMATCH, f"The counter of For must be a number, it holds a {type_name(v)}", span)


def for_counter(v: Any, span: Span | None) -> Any:
    """The value of a `For` counter, checked to be a number."""
    t = type(v)
    if t is float or t is int:
        return v
    raise counter_error(v, span)


# ------------------------------------------------------------------ objects and collections


def to_storable(v: Any) -> Any:
    """A value as stored in an object property or collection element (numbers are Real)."""
    t = type(v)
    if t is int:
        return float(v)
    if t is Time4D:
        return float(v.s)  # times are stored as seconds (docs: OB Get; milliseconds before v17)
    return v


def to_element(v: Any) -> Any:
    """A value as stored in a collection element: as `to_storable`, and Undefined becomes Null."""
    return None if v is UNDEFINED else to_storable(v)
