"""Arrays: ARRAY xxx, APPEND TO ARRAY, Find in array, SORT ARRAY, pointers to variables."""

from __future__ import annotations

import functools
from typing import Any

from mini4d import values as V
from mini4d.core.api import (
    Array4D,
    Pointer4D,
    check_size,
    element_pointer,
    interprocess_pointer,
    local_pointer,
    process_pointer,
    stop_check,
)
from mini4d.errors import ERR_ARG_TYPE, ERR_INTERRUPTED, ERR_TYPE_MISMATCH, FourDError
from mini4d.registry import Ref, command
from mini4d.values import UNDEFINED, Coll, Obj


def _array_of(ref: Ref, command_name: str) -> Array4D:
    v = ref.get()
    if type(v) is not Array4D:
        raise FourDError(ERR_ARG_TYPE, f"`{command_name}` needs an array, got {V.type_name(v)}")
    return v


def _declare(ref: Ref, kind: str, size: Any, cols: Any = None) -> None:
    """ARRAY xxx(name; size {; cols}): create, or resize an array of the same kind."""
    n = check_size(size)
    c = None if cols is None else check_size(cols)
    cur = ref.get()
    if type(cur) is Array4D and cur.kind == kind and cur.rows == (c is not None):
        cur.resize(n, c)
        return
    name = ref.name or (cur.name if type(cur) is Array4D else "")
    arr = Array4D(kind, n, c, name)
    if ref.declare is not None:
        ref.declare("array")
    ref.set(arr)


def _make(kind: str, number: int, cmd: str) -> None:
    def array_cmd(array: Ref, size: float, cols: Any = None) -> None:
        _declare(array, kind, size, cols)

    array_cmd.__doc__ = f"Create or resize a {kind.capitalize()} array (1-D, or 2-D with a column count)."
    array_cmd.__name__ = "array_" + kind
    command(cmd, number, "Arrays", declares="array")(array_cmd)


for _kind, _number, _cmd in [
    ("real", 219, "ARRAY REAL"),
    ("integer", 220, "ARRAY INTEGER"),
    ("longint", 221, "ARRAY LONGINT"),
    ("text", 222, "ARRAY TEXT"),
    ("boolean", 223, "ARRAY BOOLEAN"),
    ("date", 224, "ARRAY DATE"),
    ("picture", 279, "ARRAY PICTURE"),
    ("pointer", 280, "ARRAY POINTER"),
    ("object", 1221, "ARRAY OBJECT"),
    ("blob", 1222, "ARRAY BLOB"),
    ("time", 1223, "ARRAY TIME"),
]:
    _make(_kind, _number, _cmd)


@command("_O_ARRAY STRING", 218, "Arrays", declares="array")
def array_string(length: float, array: Ref, size: float, cols: Any = None) -> None:
    """Obsolete fixed-length string array: a Text array since 4D v11."""
    _declare(array, "string", size, cols)


@command("Size of array", 274, "Arrays")
def size_of_array(array: Ref) -> float:
    """Number of elements (element 0 not counted)."""
    return float(len(_array_of(array, "Size of array")))


@command("APPEND TO ARRAY", 911, "Arrays")
def append_to_array(array: Ref, value: Any) -> None:
    """Add one element at the end of the array."""
    _array_of(array, "APPEND TO ARRAY").append(value)


@command("INSERT IN ARRAY", 227, "Arrays")
def insert_in_array(array: Ref, where: float, how_many: float = 1) -> None:
    """Insert default elements before element `where` (at the end when past it)."""
    _array_of(array, "INSERT IN ARRAY").insert(int(where), int(how_many))


@command("DELETE FROM ARRAY", 228, "Arrays")
def delete_from_array(array: Ref, where: float, how_many: float = 1) -> None:
    """Delete elements starting at `where`."""
    _array_of(array, "DELETE FROM ARRAY").delete(int(where), int(how_many))


@command("COPY ARRAY", 226, "Arrays")
def copy_array(source: Ref, destination: Ref) -> None:
    """Make destination an array of the same kind and contents as source."""
    src = _array_of(source, "COPY ARRAY")
    new = src.copy()
    new.name = destination.name or new.name
    cur = destination.get()
    if type(cur) is Array4D:
        cur.kind, cur.elem, cur.conv, cur.rows, cur.cols, cur.items = (
            new.kind,
            new.elem,
            new.conv,
            new.rows,
            new.cols,
            new.items,
        )
        return
    if destination.declare is not None:
        destination.declare("array")
    destination.set(new)


def _matches(a: Any, b: Any) -> bool:
    try:
        return V.equal(a, b)
    except FourDError:
        return False


@command("Find in array", 230, "Arrays")
def find_in_array(array: Ref, value: Any, start: float = 1) -> float:
    """Number of the first element equal to value from `start`, or -1 (`@` wildcard for texts)."""
    arr = _array_of(array, "Find in array")
    items = arr.items
    if arr.rows:
        raise FourDError(ERR_ARG_TYPE, "`Find in array` cannot search a 2-D array; search one of its rows")
    if arr.elem == "text" and type(value) is not str:
        raise FourDError(ERR_TYPE_MISMATCH, f"`Find in array`: Text expected, got {V.type_name(value)}")
    for i in range(max(1, int(start)), len(items)):
        if _matches(items[i], value):
            return float(i)
    return -1.0


@command("Count in array", 907, "Arrays")
def count_in_array(array: Ref, value: Any) -> float:
    """Number of elements equal to value."""
    arr = _array_of(array, "Count in array")
    return float(sum(1 for x in arr.elements() if _matches(x, value)))


def _cmp(a: Any, b: Any) -> int:
    if a is None or b is None:
        return (a is not None) - (b is not None)  # Null elements first
    if type(a) is bool and type(b) is bool:
        return int(a) - int(b)
    if isinstance(a, (Obj, Coll)) or isinstance(b, (Obj, Coll)):
        return 0
    if V.equal(a, b):
        return 0
    return -1 if V.compare(a, b, "<") else 1


@command("SORT ARRAY", 229, "Arrays")
def sort_array(*arrays: Ref, order: bool | None = None) -> None:
    """Sort the first array; the other arrays follow its order (no multi-level sort)."""
    if not arrays:
        raise FourDError(ERR_ARG_TYPE, "`SORT ARRAY` needs at least one array")
    arrs = [_array_of(a, "SORT ARRAY") for a in arrays]
    first = arrs[0]
    if first.rows or first.kind in ("pointer", "picture"):
        raise FourDError(ERR_ARG_TYPE, f"A {'2-D' if first.rows else first.kind.capitalize()} array cannot be sorted")
    n = len(first)
    for a in arrs[1:]:
        if len(a) != n:
            raise FourDError(ERR_ARG_TYPE, "`SORT ARRAY`: the arrays must have the same number of elements")
    keys = first.elements()
    stop = stop_check()
    try:
        idx = sorted(range(n), key=functools.cmp_to_key(lambda i, j: stop() or _cmp(keys[i], keys[j])))
    except FourDError as err:
        if err.code == ERR_INTERRUPTED:
            raise
        raise FourDError(err.code, f"`SORT ARRAY`: {err.message}") from None
    if order is False:
        # Descending keeps equal elements in their original order, like the ascending sort.
        idx = sorted(range(n), key=functools.cmp_to_key(lambda i, j: stop() or _cmp(keys[j], keys[i])))
    for a in arrs:
        els = a.elements()
        a.set_elements([els[i] for i in idx])


def _to_element(arr: Array4D, v: Any) -> Any:
    """A collection value converted to the array's element type (4D: type conversions)."""
    if v is UNDEFINED or v is None:
        return arr.default()
    if arr.elem == "integer" and type(v) is float:
        v = int(v)
    if arr.elem == "time" and type(v) is float:
        v = V.Time4D(v)  # times are stored as seconds in collections (docs: OB Get)
    try:
        return arr.coerce(v)
    except FourDError:
        if arr.elem == "text":
            return "" if isinstance(v, (Obj, Coll)) else V.to_text(v) if hasattr(V, "to_text") else str(v)
        return arr.default()


def _from_element(v: Any) -> Any:
    t = type(v)
    if t is int:
        return float(v)
    if t is V.Time4D:
        return float(v.s)
    if t is Array4D or t is Pointer4D:
        return None
    return v


def _pairs(args: tuple[Any, ...], cmd: str) -> list[tuple[Ref, str]]:
    out: list[tuple[Ref, str]] = []
    i = 0
    while i < len(args):
        ref = args[i]
        prop = ""
        if i + 1 < len(args):
            nxt = args[i + 1]
            value = nxt.get() if isinstance(nxt, Ref) else nxt
            if type(value) is str:
                prop = value
                i += 1
        out.append((ref, prop))
        i += 1
    if len(out) > 1 and any(not p for _r, p in out):
        raise FourDError(ERR_ARG_TYPE, f"`{cmd}`: with several arrays, each array needs a property name")
    return out


@command("COLLECTION TO ARRAY", 1562, "Collections")
def collection_to_array(collection: Coll, *rest: Ref) -> None:
    """Fill arrays with the elements (or one property of each object) of a collection."""
    if collection is None:
        raise FourDError(ERR_ARG_TYPE, "`COLLECTION TO ARRAY` needs a collection")
    for ref, prop in _pairs(rest, "COLLECTION TO ARRAY"):
        arr = _array_of(ref, "COLLECTION TO ARRAY")
        values = []
        for el in collection:
            if prop:
                el = dict.get(el, prop, UNDEFINED) if isinstance(el, Obj) else UNDEFINED
            values.append(_to_element(arr, el))
        arr.set_elements(values)


@command("ARRAY TO COLLECTION", 1563, "Collections")
def array_to_collection(ctx: Any, collection: Coll, *rest: Ref) -> None:
    """Copy arrays into a collection (of objects when property names are given)."""
    if collection is None:
        raise FourDError(ERR_ARG_TYPE, "`ARRAY TO COLLECTION` needs a collection")
    pairs = _pairs(rest, "ARRAY TO COLLECTION")
    arrays = [(_array_of(r, "ARRAY TO COLLECTION"), p) for r, p in pairs]
    check = getattr(collection, "check_writable", None)
    if check is not None:
        check(ctx)
    collection.clear()
    if len(arrays) == 1 and not arrays[0][1]:
        collection.extend(_from_element(v) for v in arrays[0][0].elements())
        return
    n = max((len(a) for a, _p in arrays), default=0)
    for i in range(1, n + 1):
        o = Obj()
        for a, p in arrays:
            if i <= len(a):
                dict.__setitem__(o, p, _from_element(a.items[i]))
        collection.append(o)


# ------------------------------------------------------------------ pointers


@command("Is nil pointer", 315, "Language")
def is_nil_pointer(pointer: Any) -> bool:
    """True if the pointer points to nothing."""
    if pointer is None or pointer is UNDEFINED:
        return True
    if type(pointer) is not Pointer4D:
        raise FourDError(ERR_ARG_TYPE, f"`Is nil pointer` needs a pointer, got {V.type_name(pointer)}")
    return False


@command("RESOLVE POINTER", 394, "Language")
def resolve_pointer(pointer: Any, var_name: Ref, table_num: Ref, field_num: Ref) -> None:
    """Name of the variable or array, element numbers, or table and field numbers."""
    if pointer is None or pointer is UNDEFINED:
        name, t, f = "", 0, 0
    elif type(pointer) is Pointer4D:
        name, t, f = pointer.resolve()
    else:
        raise FourDError(ERR_ARG_TYPE, f"`RESOLVE POINTER` needs a pointer, got {V.type_name(pointer)}")
    var_name.set(name)
    table_num.set(float(t))
    field_num.set(float(f))


@command("Get pointer", 304, "Language")
def get_pointer(ctx: Any, name: str) -> Any:
    """Pointer to the variable named by a text (`"v"`, `"<>v"`, `"$v"`, `"arr{3}"`)."""
    import re

    text = name.strip()
    m = re.fullmatch(r"(.+?)\{(\d+)\}", text)
    if m:
        base = get_pointer(ctx, m.group(1))
        arr = base.get()
        if type(arr) is not Array4D:
            raise FourDError(ERR_TYPE_MISMATCH, f"`Get pointer`: {m.group(1)} is not an array")
        i = arr._check(int(m.group(2)), None)
        return element_pointer(arr, i)
    if text.startswith("$"):
        slot = ctx.code.slots.get(text.lower())
        if slot is None:
            raise FourDError(90030, f"`Get pointer`: the variable {text} does not exist in this method")
        return local_pointer(ctx, slot, text)
    if text.startswith(("<>", "\u25ca")):
        return interprocess_pointer(ctx.runtime, text[2:] if text.startswith("<>") else text[1:])
    if not text:
        raise FourDError(ERR_ARG_TYPE, "`Get pointer` needs a variable name")
    return process_pointer(ctx.process, text)
