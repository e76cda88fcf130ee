"""4D pointers (`->x`, `$p->`, `$p->{i}`, `$p->prop`) and array elements (`arr{i}`).

Installed into the interpreter through its extension points: `expr_ArrayElem`,
`expr_Deref`, `expr_MakePointer` and the `place` hook for assignments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import nodes as N
from .arrays import Array4D
from .errors import ERR_NIL_POINTER, ERR_NOT_SUPPORTED, ERR_TYPE_MISMATCH, FourDError
from .values import IS_POINTER, UNDEFINED, UNSET


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
    from .interpreter import make_converter

    loc = frame.locals
    code = frame.code

    def get() -> Any:
        v = loc[slot]
        if v is UNSET:
            raise FourDError(90030, f"The variable {name} is not defined (never assigned nor declared)")
        return v

    def put(v: Any) -> None:
        c = make_converter(code.slot_types.get(slot))
        loc[slot] = c(v) if c else v

    p = Pointer4D("variable", name, ("local", id(loc), slot), get, put)
    p.declared = lambda: code.slot_types.get(slot)
    return p


def process_pointer(process: Any, name: str) -> Pointer4D:
    """A pointer to a process variable (of the process that made it)."""
    from .interpreter import make_converter

    key = " ".join(name.split()).lower()
    vars_ = process.vars

    def get() -> Any:
        v = vars_.get(key, UNSET)
        if v is UNSET:
            raise FourDError(90030, f"The variable {name} is not defined (never assigned nor declared)")
        return v

    def put(v: Any) -> None:
        c = make_converter(process.var_types.get(key))
        vars_[key] = c(v) if c else v

    p = Pointer4D("variable", name, ("process", id(vars_), key), get, put)
    p.declared = lambda: process.var_types.get(key)
    return p


def interprocess_pointer(runtime: Any, name: str) -> Pointer4D:
    from .interpreter import make_converter

    key = name.lower()

    def get() -> Any:
        v = runtime.interprocess.get(key, UNSET)
        if v is UNSET:
            raise FourDError(90030, f"The variable <>{name} is not defined (never assigned nor declared)")
        return v

    def put(v: Any) -> None:
        c = make_converter(runtime.interprocess_types.get(key))
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


def compile_make_pointer(interp: Any, e: N.MakePointer, scope: Any) -> Callable[[Any], Any]:
    t = e.target
    span = e.span
    if isinstance(t, N.Local):
        slot = scope.slot(t.name)
        name = t.name
        return lambda f: local_pointer(f, slot, name)
    if isinstance(t, N.Name):
        name = t.name
        return lambda f: process_pointer(f.process, name)
    if isinstance(t, N.Interprocess):
        name = t.name
        return lambda f: interprocess_pointer(f.runtime, name)
    if isinstance(t, N.Table):
        text = t.text
        hook = interp.hooks.get("table_pointer")
        if hook is not None:

            def db_pointer(f: Any) -> Any:
                try:
                    return hook(text, span, f.runtime, Pointer4D)
                except FourDError as err:
                    raise err.with_span(span)

            return db_pointer
        return lambda f: table_pointer(text, span)
    if isinstance(t, N.Deref):
        inner = interp.compile_expr(t.ptr, scope)

        def same_pointer(f: Any) -> Any:
            p = inner(f)
            if p is None:
                raise _nil(span)
            if type(p) is not Pointer4D:
                raise _not_pointer(p, span)
            return p

        return same_pointer
    if isinstance(t, N.ArrayElem):
        if isinstance(t.obj, N.ArrayElem):
            outer_fn = interp.compile_expr(t.obj.obj, scope)
            row_fn = interp.compile_expr(t.obj.index, scope)
            col_fn = interp.compile_expr(t.index, scope)

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
        arr_fn = interp.compile_expr(t.obj, scope)
        idx_fn = interp.compile_expr(t.index, scope)

        def elem_pointer(f: Any) -> Any:
            arr = arr_fn(f)
            if type(arr) is not Array4D:
                raise _not_array(arr, span)
            i = arr._check(idx_fn(f), span)
            return element_pointer(arr, i)

        return elem_pointer

    def cannot(f: Any) -> Any:
        raise FourDError(
            ERR_TYPE_MISMATCH,
            "A pointer can only point to a variable, an array, an array element, a table or a field",
            span,
        )

    return cannot


def compile_deref(interp: Any, e: N.Deref, scope: Any) -> Callable[[Any], Any]:
    ptr_fn = interp.compile_expr(e.ptr, scope)
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
            raise err.with_span(span)

    return deref


def compile_array_elem(interp: Any, e: N.ArrayElem, scope: Any) -> Callable[[Any], Any]:
    arr_fn = interp.compile_expr(e.obj, scope)
    idx_fn = interp.compile_expr(e.index, scope)
    span = e.span

    def array_elem(f: Any) -> Any:
        arr = arr_fn(f)
        if type(arr) is not Array4D:
            raise _not_array(arr, span)
        return arr.get(idx_fn(f), span)

    return array_elem


def compile_place(interp: Any, target: N.Expr, scope: Any) -> Any:
    """(prepare, get, put) for `arr{i}` and `ptr->`; None for other targets."""
    if isinstance(target, N.ArrayElem):
        arr_fn = interp.compile_expr(target.obj, scope)
        idx_fn = interp.compile_expr(target.index, scope)
        span = target.span

        def prep(f: Any) -> Any:
            arr = arr_fn(f)
            if type(arr) is not Array4D:
                raise _not_array(arr, span)
            return (arr, arr._check(idx_fn(f), span))

        return (prep, lambda f, st: st[0].get(st[1], span), lambda f, st, v: st[0].set(st[1], v, span))
    if isinstance(target, N.Deref):
        ptr_fn = interp.compile_expr(target.ptr, scope)
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
                raise err.with_span(span)

        def put(f: Any, p: Pointer4D, v: Any) -> None:
            try:
                p.set(v)
            except FourDError as err:
                raise err.with_span(span)

        return (prep_ptr, get, put)
    if isinstance(target, N.Table):
        hook = interp.hooks.get("table_place")
        if hook is not None:
            return hook(interp, target, scope)
        text = target.text
        span = target.span

        def no_database(f: Any) -> Any:
            raise _table_unsupported(text, span)

        return (no_database, lambda f, st: None, lambda f, st, v: None)
    return None


def install(interp: Any) -> None:
    """Register the pointer and array-element extension points on an interpreter."""
    hooks = interp.hooks
    hooks.setdefault("expr_MakePointer", compile_make_pointer)
    hooks.setdefault("expr_Deref", compile_deref)
    hooks.setdefault("expr_ArrayElem", compile_array_elem)
    previous = hooks.get("place")
    if previous is None:
        hooks["place"] = compile_place
    else:

        def chained(it: Any, target: N.Expr, scope: Any) -> Any:
            return compile_place(it, target, scope) or previous(it, target, scope)

        hooks["place"] = chained
