"""4D arrays (`ARRAY TEXT`, `arr{i}`, 2-D arrays): typed, 1-based, with an element 0."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from . import values as V
from .core.conversions import to_index
from .errors import ERR_ARG_TYPE, ERR_ARG_VALUE, ERR_INDEX_RANGE, ERR_NOT_SUPPORTED, ERR_TYPE_MISMATCH, FourDError

# Array kind -> (Type() constant, element type name used by the variable converters).
ARRAY_KINDS: dict[str, tuple[int, str]] = {
    "real": (14, "real"),
    "integer": (15, "integer"),
    "longint": (16, "integer"),
    "date": (17, "date"),
    "text": (18, "text"),
    "picture": (19, "picture"),
    "pointer": (20, "pointer"),
    "string": (21, "text"),
    "boolean": (22, "boolean"),
    "blob": (31, "blob"),
    "time": (32, "time"),
    "object": (39, "object"),
}
ARRAY_2D = 13

# Largest number of elements one ARRAY command may create (keeps a typo from eating memory).
MAX_ELEMENTS = 10_000_000


def _converter(elem: str) -> Callable[[Any], Any] | None:
    from .core.conversions import variable_converter

    return variable_converter(elem)


class Array4D:
    """A 1-D array, or a 2-D array whose rows are 1-D arrays of the same kind.

    `items[0]` is element 0; elements 1..n follow. Arrays are variables, not
    reference values: pointers are the way to share them.
    """

    __slots__ = ("kind", "elem", "items", "rows", "cols", "name", "conv", "selected")

    is_4d_array = True

    def __init__(self, kind: str, size: int = 0, cols: int | None = None, name: str = ""):
        self.kind = kind
        self.elem = ARRAY_KINDS[kind][1]
        self.name = name
        self.conv = _converter(self.elem)
        self.rows = cols is not None
        if cols:
            check_size(size * cols)  # a 2-D array holds rows x columns elements
        self.cols = cols or 0  # columns of every row of a 2-D array (4D arrays are rectangular)
        self.selected = 0
        if self.rows:
            # Row 0 is a row like the others.
            self.items: list[Any] = [Array4D(kind, cols or 0, None, name) for _ in range(size + 1)]
        else:
            self.items = [self.default()] * (size + 1)

    # ------------------------------------------------------------ typing
    @property
    def array_type(self) -> int:
        """The `Type` constant of this array (`Text array`, `Array 2D`, ...)."""
        return ARRAY_2D if self.rows else ARRAY_KINDS[self.kind][0]

    @property
    def value_type_code(self) -> int:
        return self.array_type

    def default(self) -> Any:
        if self.rows:
            return Array4D(self.kind, self.cols, None, self.name)
        return V.DEFAULTS.get(self.elem, None)

    def coerce(self, v: Any) -> Any:
        """A value converted to the element type (an error when it cannot be)."""
        if self.rows:
            raise FourDError(ERR_TYPE_MISMATCH, "A row of a 2-D array cannot be assigned; assign its elements")
        conv = self.conv
        if conv is None:
            return v
        try:
            return conv(v)
        except FourDError as err:
            raise FourDError(
                ERR_TYPE_MISMATCH, f"{err.message} (element of a {self.kind.capitalize()} array)"
            ) from None

    # ------------------------------------------------------------ size
    def __len__(self) -> int:
        return len(self.items) - 1

    def resize(self, size: int, cols: int | None = None) -> None:
        """`ARRAY xxx` on an existing array: keep the first elements, add defaults."""
        size = check_size(size)
        if self.rows and cols:
            check_size(size * cols)
        n = len(self)
        if size < n:
            del self.items[size + 1 :]
        else:
            self.items.extend(self.default() for _ in range(size - n))
        if self.rows and cols is not None:
            self.cols = check_size(cols)
            for row in self.items:
                row.resize(cols)

    def insert(self, where: int, how_many: int = 1) -> None:
        if how_many <= 0:
            return
        where = max(1, where)
        if where > len(self):
            where = len(self) + 1
        self.items[where:where] = [self.default() for _ in range(check_size(how_many))]

    def delete(self, where: int, how_many: int = 1) -> None:
        if how_many <= 0 or where > len(self):
            return
        where = max(1, where)
        del self.items[where : where + how_many]

    def append(self, v: Any) -> None:
        self.items.append(self.coerce(v))

    # ------------------------------------------------------------ elements
    def _check(self, i: Any, span: Any) -> int:
        t = type(i)
        if t is float:
            i = to_index(i, span)
        elif t is not int:
            if t is Array4D:
                # 4D reads an array used as a number as its selected element (list boxes).
                raise FourDError(
                    ERR_NOT_SUPPORTED,
                    "Using an array as a number (its selected element) is not supported by mini4d yet",
                    span,
                )
            if t is bool or not isinstance(i, (int, float)):
                raise FourDError(ERR_TYPE_MISMATCH, "An array index must be a number", span)
        if i < 0 or i >= len(self.items):
            raise FourDError(
                ERR_INDEX_RANGE, f"Array index out of range: {i} (the array has {len(self)} elements)", span
            )
        return i

    def get(self, i: Any, span: Any = None) -> Any:
        return self.items[self._check(i, span)]

    def set(self, i: Any, v: Any, span: Any = None) -> None:
        i = self._check(i, span)
        try:
            self.items[i] = self.coerce(v)
        except FourDError as err:
            err.with_span(span)
            raise

    def elements(self) -> list[Any]:
        """Elements 1..n (element 0 excluded)."""
        return self.items[1:]

    def set_elements(self, values: list[Any]) -> None:
        self.items[1:] = values

    def copy(self) -> Array4D:
        new = Array4D.__new__(Array4D)
        new.kind, new.elem, new.name, new.conv, new.rows, new.cols, new.selected = (
            self.kind,
            self.elem,
            self.name,
            self.conv,
            self.rows,
            self.cols,
            self.selected,
        )
        new.items = [x.copy() for x in self.items] if self.rows else list(self.items)
        return new

    def __repr__(self) -> str:
        return f"<{self.kind} array {self.name} [{len(self)}]>"


def check_size(n: Any) -> int:
    """An element count given to ARRAY / INSERT IN ARRAY."""
    t = type(n)
    if t is V.Time4D:
        n = n.s
    elif t is not float and t is not int or t is bool:
        raise FourDError(ERR_ARG_TYPE, f"A number was expected for an array size, got {V.type_name(n)}")
    if n != n or n in (math.inf, -math.inf):
        raise FourDError(ERR_ARG_VALUE, "An array size cannot be INF or an undefined number (NaN)")
    n = int(n)
    if n < 0:
        n = 0
    if n > MAX_ELEMENTS:
        raise FourDError(ERR_INDEX_RANGE, f"Too many array elements requested ({n}; at most {MAX_ELEMENTS})")
    return n


def is_array(v: Any) -> bool:
    return type(v) is Array4D
