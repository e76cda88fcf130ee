"""`@dataclass` for plain records, without importing dataclasses (start-up time).

Importing dataclasses imports inspect, ast, dis and tokenize, and each class it makes compiles
generated code: together more than a tenth of a `mini4d -c` run. The records of the modules a
run always loads (commands, compiled methods, call stack lines) only need what is here: fields
from the class annotations, defaults and `field(default_factory=...)`, an `__init__` taking
them by position or keyword, `__repr__` and `__eq__` (and, as with dataclasses, no hash).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

__all__ = ["dataclass", "field"]

_T = TypeVar("_T")

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Callable[[_T], _T]:
        """What type checkers read (`typing.dataclass_transform`): the decorated function makes dataclasses."""
        return lambda f: f


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]):
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made for each record (`field(default_factory=list)`)."""
    return _Factory(default_factory)


@dataclass_transform(field_specifiers=(field,))
def dataclass(cls: type[_T]) -> type[_T]:
    """Give `cls` the `__init__`, `__repr__` and `__eq__` that `@dataclass` would."""
    names = tuple(n for n, t in cls.__dict__.get("__annotations__", {}).items() if not str(t).startswith("ClassVar"))
    defaults: dict[str, Any] = {}
    for n in names:
        if n in cls.__dict__:
            defaults[n] = cls.__dict__[n]
            if isinstance(defaults[n], _Factory):
                delattr(cls, n)
        elif defaults:
            raise TypeError(f"{cls.__name__}: non-default argument {n!r} follows default argument")
    required = len(names) - len(defaults)
    qualname = cls.__qualname__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(names):
            raise TypeError(f"{qualname}() takes {len(names)} arguments but {len(args)} were given")
        for i, n in enumerate(names):
            if i < len(args):
                if n in kwargs:
                    raise TypeError(f"{qualname}() got multiple values for argument {n!r}")
                v = args[i]
            elif n in kwargs:
                v = kwargs.pop(n)
            elif i >= required:
                v = defaults[n]
                if type(v) is _Factory:
                    v = v.make()
            else:
                raise TypeError(f"{qualname}() missing required argument: {n!r}")
            setattr(self, n, v)
        if kwargs:
            raise TypeError(f"{qualname}() got an unexpected keyword argument {next(iter(kwargs))!r}")

    def __repr__(self: Any) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)
        return NotImplemented

    __init__.__qualname__ = f"{qualname}.__init__"
    cls.__init__ = __init__  # type: ignore[misc]
    if "__repr__" not in cls.__dict__:
        cls.__repr__ = __repr__  # type: ignore[method-assign]
    if "__eq__" not in cls.__dict__:
        cls.__eq__ = __eq__  # type: ignore[method-assign]
        if "__hash__" not in cls.__dict__:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as with dataclasses
    cls.__match_args__ = names  # type: ignore[attr-defined]
    return cls
