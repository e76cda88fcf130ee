"""4D pointers (`->x`, `$p->`, `$p->{i}`, `$p->prop`) and array elements (`arr{i}`).

`Pointers` is the part of the Interpreter that compiles their nodes (`expr_MakePointer`,
`expr_Deref`, `expr_ArrayElem`, and `place_ArrayElem`, `place_Deref`, `place_Table` for
assignments), dispatched like every other node; `->target` is made by the `pointer_<Node>`
method of the target's node type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import nodes as N
from .core.conversions import variable_converter
from .core.frames import interprocess_key, name_key, undefined_variable
from .errors import ERR_NIL_POINTER, ERR_NOT_SUPPORTED, ERR_TYPE_MISMATCH, FourDError
from .values import IS_POINTER, UNDEFINED, UNSET

if TYPE_CHECKING:
    from .arrays import Array4D


class Pointer4D:
    """A pointer to a variable, an array element, a table or a field.

    `key` identifies the target, so that two pointers made separately to the
    same variable are equal (4D docs, Pointer operators).
    """

    __slots__ = ("kind", "name", "key", "_get", "_set", "row", "col", "table", "field", "declared")

    is_pointer = True
    value_type_code = IS_POINTER

    def __init__(
        self,
        kind: str,
        name: str,
        key: tuple[Any, ...],
        get: Callable[[], Any],
        set: Callable[[Any], None],
        row: int = -1,
        col: int = -1,
    ):
        self.kind = kind  # "variable", "element", "table", "field"
        self.name = name
        self.key = key
        self._get = get
        self._set = set
        self.row = row
        self.col = col
        self.table = 0
        self.field = 0
        # the target's declared type name (as in slot_types) at the time of asking; None if untyped
        self.declared: Callable[[], str | None] | None = None

    def get(self) -> Any:
        return self._get()

    def set(self, v: Any) -> None:
        self._set(v)

    def pointer_equal(self, other: Any) -> bool:
        if other is None or other is UNDEFINED:
            return False
        return type(other) is Pointer4D and other.key == self.key

    def resolve(self) -> tuple[str, int, int]:
        """(varName; tableNum; fieldNum) as RESOLVE POINTER returns them."""
        if self.kind == "table":
            return "", self.table, 0
        if self.kind == "field":
            return "", self.table, self.field
        return self.name, self.row, self.col

    def describe(self) -> str:
        if self.kind == "element":
            tail = f"{{{self.row}}}" + (f"{{{self.col}}}" if self.col >= 0 else "")
            return f"->{self.name}{tail}"
        return f"->{self.name}"

    def __repr__(self) -> str:
        return self.describe()


def _nil(span: Any) -> FourDError:
    return FourDError(ERR_NIL_POINTER, "Nil pointer: the pointer does not point to anything", span)


def _not_pointer(v: Any, span: Any) -> FourDError:
    from .values import type_name

    return FourDError(ERR_TYPE_MISMATCH, f"`->` needs a pointer, got {type_name(v)}", span)


def _not_array(v: Any, span: Any) -> FourDError:
    from .values import type_name

    return FourDError(ERR_TYPE_MISMATCH, f"`{{}}` needs an array, got {type_name(v)}", span)


def _table_unsupported(text: str, span: Any) -> FourDError:
    return FourDError(ERR_NOT_SUPPORTED, f"{text} is a database table or field: mini4d has no database", span)


# ------------------------------------------------------------------ making pointers


def local_pointer(frame: Any, slot: int, name: str) -> Pointer4D:
    """A pointer to a local variable of a running method."""
    loc = frame.locals
    code = frame.code

    def get() -> Any:
        v = loc[slot]
        if v is UNSET:
            raise undefined_variable(name, None)
        return v

    def put(v: Any) -> None:
        c = variable_converter(code.slot_types.get(slot))
        loc[slot] = c(v) if c else v

    p = Pointer4D("variable", name, ("local", id(loc), slot), get, put)
    p.declared = lambda: code.slot_types.get(slot)
    return p


def process_pointer(process: Any, name: str) -> Pointer4D:
    """A pointer to a process variable (of the process that made it)."""
    key = name_key(name)
    vars_ = process.vars

    def get() -> Any:
        v = vars_.get(key, UNSET)
        if v is UNSET:
            raise undefined_variable(name, None)
        return v

    def put(v: Any) -> None:
        c = variable_converter(process.var_types.get(key))
        vars_[key] = c(v) if c else v

    p = Pointer4D("variable", name, ("process", id(vars_), key), get, put)
    p.declared = lambda: process.var_types.get(key)
    return p


def interprocess_pointer(runtime: Any, name: str) -> Pointer4D:
    key = interprocess_key(name)

    def get() -> Any:
        v = runtime.interprocess.get(key, UNSET)
        if v is UNSET:
            raise undefined_variable("<>" + name, None)
        return v

    def put(v: Any) -> None:
        c = variable_converter(runtime.interprocess_types.get(key))
        runtime.interprocess[key] = c(v) if c else v

    p = Pointer4D("variable", "<>" + name, ("inter", key), get, put)
    p.declared = lambda: runtime.interprocess_types.get(key)
    return p


def element_pointer(arr: Array4D, i: int, outer: Array4D | None = None, row: int = -1) -> Pointer4D:
    """A pointer to `arr{i}` (or to `outer{row}{i}` for a 2-D array)."""
    if outer is not None:
        r, c = row, i
    else:
        r, c = i, -1
    p = Pointer4D("element", arr.name, ("elem", id(arr), i), lambda: arr.get(i), lambda v: arr.set(i, v), row=r, col=c)
    p.declared = lambda: "element:" + arr.kind
    return p


def table_pointer(text: str, span: Any) -> Pointer4D:
    """A pointer to `[Table]` or `[Table]Field`: can be made and compared, not dereferenced."""

    def get() -> Any:
        raise _table_unsupported(text, span)

    p = Pointer4D("field" if not text.endswith("]") else "table", "", ("table", text.lower()), get, lambda v: get())
    # Tokenized references carry the numbers: [Table:1]Field:2.
    import re

    m = re.match(r"\[[^:\]]*(?::(\d+))?\](?:[^:]*(?::(\d+))?)?", text)
    if m:
        p.table = int(m.group(1) or 0)
        p.field = int(m.group(2) or 0)
    return p


# ------------------------------------------------------------------ compiling the nodes


class Pointers:
    """Compiling `->x`, `$p->`, `arr{i}` and their assignments (a part of the Interpreter)."""

    pointer_compilers: dict[type, Callable[..., Any]] = {}  # target node type -> pointer_<Node> (lang/interpreter.py)

    def expr_MakePointer(self, e: N.MakePointer, scope: Any) -> Callable[[Any], Any]:
        """`->target`: the `pointer_<Node>` method of the target's node type makes the pointer."""
        t = e.target
        span = e.span
        meth = self.pointer_compilers.get(type(t))
        if meth is not None:
            return meth(self, t, span, scope)  # type: ignore[no-any-return]

        def cannot(f: Any) -> Any:
            raise FourDError(
                ERR_TYPE_MISMATCH,
                "A pointer can only point to a variable, an array, an array element, a table or a field",
                span,
            )

        return cannot

    def pointer_Local(self, t: N.Local, span: Any, scope: Any) -> Callable[[Any], Any]:
        slot = scope.slot(t.name)
        name = t.name
        return lambda f: local_pointer(f, slot, name)

    def pointer_Name(self, t: N.Name, span: Any, scope: Any) -> Callable[[Any], Any]:
        name = t.name
        return lambda f: process_pointer(f.process, name)

    def pointer_Interprocess(self, t: N.Interprocess, span: Any, scope: Any) -> Callable[[Any], Any]:
        name = t.name
        return lambda f: interprocess_pointer(f.runtime, name)

    def pointer_Table(self, t: N.Table, span: Any, scope: Any) -> Callable[[Any], Any]:
        text = t.text
        return lambda f: table_pointer(text, span)

    def pointer_Deref(self, t: N.Deref, span: Any, scope: Any) -> Callable[[Any], Any]:
        """`->$p->`: the pointer itself."""
        inner = self.compile_expr(t.ptr, scope)

        def same_pointer(f: Any) -> Any:
            p = inner(f)
            if p is None:
                raise _nil(span)
            if type(p) is not Pointer4D:
                raise _not_pointer(p, span)
            return p

        return same_pointer

    def pointer_ArrayElem(self, t: N.ArrayElem, span: Any, scope: Any) -> Callable[[Any], Any]:
        """`->arr{i}` and `->arr{i}{j}`: a pointer to the element."""
        from .arrays import Array4D  # (arrays are imported by the first code that uses them)

        if isinstance(t.obj, N.ArrayElem):
            outer_fn = self.compile_expr(t.obj.obj, scope)
            row_fn = self.compile_expr(t.obj.index, scope)
            col_fn = self.compile_expr(t.index, scope)

            def elem2_pointer(f: Any) -> Any:
                outer = outer_fn(f)
                if type(outer) is not Array4D:
                    raise _not_array(outer, span)
                r = int(row_fn(f))
                row = outer.get(r, span)
                c = int(col_fn(f))
                row._check(c, span)
                return element_pointer(row, c, outer, r)

            return elem2_pointer
        arr_fn = self.compile_expr(t.obj, scope)
        idx_fn = self.compile_expr(t.index, scope)

        def elem_pointer(f: Any) -> Any:
            arr = arr_fn(f)
            if type(arr) is not Array4D:
                raise _not_array(arr, span)
            i = arr._check(idx_fn(f), span)
            return element_pointer(arr, i)

        return elem_pointer

    def expr_Deref(self, e: N.Deref, scope: Any) -> Callable[[Any], Any]:
        ptr_fn = self.compile_expr(e.ptr, scope)
        span = e.span

        def deref(f: Any) -> Any:
            p = ptr_fn(f)
            if type(p) is not Pointer4D:
                if p is None or p is UNDEFINED:
                    raise _nil(span)
                raise _not_pointer(p, span)
            try:
                return p.get()
            except FourDError as err:
                err.with_span(span)
                raise

        return deref

    def expr_ArrayElem(self, e: N.ArrayElem, scope: Any) -> Callable[[Any], Any]:
        from .arrays import Array4D

        arr_fn = self.compile_expr(e.obj, scope)
        idx_fn = self.compile_expr(e.index, scope)
        span = e.span

        def array_elem(f: Any) -> Any:
            arr = arr_fn(f)
            if type(arr) is not Array4D:
                raise _not_array(arr, span)
            return arr.get(idx_fn(f), span)

        return array_elem

    def place_ArrayElem(self, target: N.ArrayElem, scope: Any) -> Any:
        """`arr{i}:=v`: the array and the checked index evaluated once."""
        from .arrays import Array4D

        arr_fn = self.compile_expr(target.obj, scope)
        idx_fn = self.compile_expr(target.index, scope)
        span = target.span

        def prep(f: Any) -> Any:
            arr = arr_fn(f)
            if type(arr) is not Array4D:
                raise _not_array(arr, span)
            return (arr, arr._check(idx_fn(f), span))

        return (prep, lambda f, st: st[0].get(st[1], span), lambda f, st, v: st[0].set(st[1], v, span))

    def place_Deref(self, target: N.Deref, scope: Any) -> Any:
        """`$p->:=v`: the pointer evaluated once."""
        ptr_fn = self.compile_expr(target.ptr, scope)
        span = target.span

        def prep_ptr(f: Any) -> Any:
            p = ptr_fn(f)
            if type(p) is not Pointer4D:
                if p is None or p is UNDEFINED:
                    raise _nil(span)
                raise _not_pointer(p, span)
            return p

        def get(f: Any, p: Pointer4D) -> Any:
            try:
                return p.get()
            except FourDError as err:
                err.with_span(span)
                raise

        def put(f: Any, p: Pointer4D, v: Any) -> None:
            try:
                p.set(v)
            except FourDError as err:
                err.with_span(span)
                raise

        return (prep_ptr, get, put)

    def place_Table(self, target: N.Table, scope: Any) -> Any:
        """`[Table]Field:=v`: mini4d has no database."""
        text = target.text
        span = target.span

        def no_database(f: Any) -> Any:
            raise _table_unsupported(text, span)

        return (no_database, lambda f, st: None, lambda f, st, v: None)
