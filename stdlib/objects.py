"""Objects (Language): New object, shared objects, OB commands, Storage."""

from __future__ import annotations

from typing import Any

from mini4d.core.api import set_property, to_element, to_storable
from mini4d.errors import ERR_ARG_COUNT, ERR_ARG_TYPE, FourDError, nested_too_deeply
from mini4d.registry import command, constant
from mini4d.values import UNDEFINED, Coll, Obj, check_writable, new_shared_group, share_value

# ck shared is 16 in public 4D code ("constante ck shared (entier 16)"); ck resolve pointers
# (token K85:26) is documented without a value: 32 is assumed (listed in docs/differences.md).
constant("ck shared", 16, token="K85:29", theme="Objects and collections")
constant("ck resolve pointers", 32, token="K85:26", theme="Objects and collections")
constant("ck ascending", 0, theme="Objects and collections")
constant("ck descending", 1, theme="Objects and collections")
constant("ck diacritical", 8, theme="Objects and collections")
constant("ck count values", 32, theme="Objects and collections")
constant("ck keep null", 64, theme="Objects and collections")
constant("ck ignore null or empty", 4, theme="Objects and collections")


def _pairs(args: tuple[Any, ...]) -> list[tuple[str, Any]]:
    if len(args) % 2:
        raise FourDError(ERR_ARG_COUNT, "Properties come in name; value pairs")
    out = []
    for i in range(0, len(args), 2):
        name = args[i]
        if type(name) is not str:
            raise FourDError(ERR_ARG_TYPE, "A property name must be a text")
        out.append((name, args[i + 1]))
    return out


@command("New object", 1471, "Objects (Language)", returns="object")
def new_object(*pairs: Any) -> Obj:
    """A new object, optionally filled with name; value pairs."""
    o = Obj()
    for k, v in _pairs(pairs):
        if v is not UNDEFINED:
            dict.__setitem__(o, k, to_storable(v))
    return o


def make_shared_object() -> Obj:
    o = Obj()
    o.group = new_shared_group()
    return o


def make_shared_collection(items: list[Any] | None = None) -> Coll:
    c = Coll()
    c.group = new_shared_group()
    for v in items or ():
        c.append(share_value(c, to_element(v)))
    return c


@command("New shared object", 1526, "Objects (Language)", returns="object")
def new_shared_object(*pairs: Any) -> Obj:
    """A new shared object (writable only inside Use...End use)."""
    o = make_shared_object()
    for k, v in _pairs(pairs):
        if v is not UNDEFINED:
            dict.__setitem__(o, k, share_value(o, to_storable(v)))
    return o


@command("New collection", 1472, "Collections", returns="collection")
def new_collection(*values: Any) -> Coll:
    """A new collection, optionally filled with values."""
    return Coll([to_element(v) for v in values])


@command("New shared collection", 1527, "Collections", returns="collection")
def new_shared_collection(*values: Any) -> Coll:
    """A new shared collection (writable only inside Use...End use)."""
    return make_shared_collection(list(values))


@command("Storage", 1525, "Objects (Language)")
def storage(ctx: Any) -> Obj:
    """The application's shared catalog: holds only shared objects and collections."""
    return ctx.runtime.storage


def _obj_arg(o: Any, name: str) -> Obj:
    if isinstance(o, Obj) or getattr(o, "is_4d_object", False):
        return o
    if o is None or o is UNDEFINED:
        return None  # type: ignore[return-value]
    raise FourDError(ERR_ARG_TYPE, f"{name}: an object was expected")


@command("OB Keys", 1719, "Objects (Language)")
def ob_keys(obj: Any) -> Coll:
    """Property names of an object, in creation order."""
    o = _obj_arg(obj, "OB Keys")
    if o is None:
        return Coll()
    return Coll(_own_keys(o))


def _own_keys(o: Any) -> list[str]:
    """Property names that OB Keys lists: those of an object, a class store or a singleton; none for
    other 4D objects (a formula, a file) whose properties are computed."""
    keys = getattr(o, "keys_4d", None)
    if keys is not None:
        return list(keys())
    return list(dict.keys(o)) if isinstance(o, Obj) else []


@command("OB Values", 1718, "Objects (Language)")
def ob_values(obj: Any) -> Coll:
    """Property values of an object, in creation order."""
    o = _obj_arg(obj, "OB Values")
    if o is None:
        return Coll()
    if not isinstance(o, Obj):
        return Coll(o.get_4d_property(k) for k in _own_keys(o))
    return Coll(list(dict.values(o)))


@command("OB Entries", 1720, "Objects (Language)")
def ob_entries(obj: Any) -> Coll:
    """[{key; value}] for each property of an object."""
    o = _obj_arg(obj, "OB Entries")
    if o is None:
        return Coll()
    out = Coll()
    if isinstance(o, Obj):
        items = list(dict.items(o))  # a snapshot: another process may write a shared object
    else:
        items = [(k, o.get_4d_property(k)) for k in _own_keys(o)]
    for k, v in items:
        e = Obj()
        dict.__setitem__(e, "key", k)
        dict.__setitem__(e, "value", v)
        out.append(e)
    return out


@command("OB Is defined", 1231, "Objects (Language)")
def ob_is_defined(obj: Any, name: str = "") -> bool:
    """True if the object is initialised (or has this property)."""
    o = obj
    if not isinstance(o, Obj):
        return False
    if name == "":
        return True
    return name in o


@command("OB Is empty", 1297, "Objects (Language)")
def ob_is_empty(obj: Any) -> bool:
    """True for a null object or an object without properties."""
    if obj is None or obj is UNDEFINED:
        return True
    if isinstance(obj, Obj):
        return len(obj) == 0
    raise FourDError(ERR_ARG_TYPE, "OB Is empty: an object was expected")


@command("OB Is shared", 1759, "Objects (Language)")
def ob_is_shared(value: Any) -> bool:
    """True for a shared object or shared collection, and for a class object (classes are shared)."""
    if isinstance(value, (Obj, Coll)):
        return value.group is not None
    return getattr(value, "is_shared_4d", False) is True


@command("OB REMOVE", 1226, "Objects (Language)")
def ob_remove(ctx: Any, obj: Any, name: str) -> None:
    """Remove a property (a shared object is locked automatically)."""
    o = _obj_arg(obj, "OB REMOVE")
    if o is None:
        return
    if not isinstance(o, Obj):
        raise FourDError(ERR_ARG_TYPE, "OB REMOVE: this object has no removable properties")
    if o.group is not None:
        proc = ctx.process
        o.group.acquire(proc)
        try:
            if name in o:
                dict.__delitem__(o, name)
        finally:
            o.group.release(proc)
        return
    if name in o:
        dict.__delitem__(o, name)


def deep_copy(
    v: Any, shared: bool = False, group_with: Any = None, memo: dict[int, Any] | None = None, resolve: bool = False
) -> Any:
    """Deep copy of objects and collections; shared copies join `group_with`'s group or a new one."""
    if memo is None:
        try:
            return deep_copy(v, shared, group_with, {}, resolve)
        except RecursionError:
            raise nested_too_deeply("Copy") from None
    if resolve and getattr(v, "is_pointer", False):
        v = v.get()
    if isinstance(v, Obj) and type(v) is Obj:
        if id(v) in memo:
            return memo[id(v)]
        o = Obj()
        memo[id(v)] = o
        if shared:
            o.group = group_with.group if group_with is not None else new_shared_group()
            if group_with is not None:
                o.group.root().members += 1
        for k, x in list(dict.items(v)):  # a snapshot: another process may write a shared object
            dict.__setitem__(
                o,
                k,
                deep_copy(x, shared, group_with if group_with is not None else (o if shared else None), memo, resolve),
            )
        return o
    if isinstance(v, Coll):
        if id(v) in memo:
            return memo[id(v)]
        c = Coll()
        memo[id(v)] = c
        if shared:
            c.group = group_with.group if group_with is not None else new_shared_group()
            if group_with is not None:
                c.group.root().members += 1
        for x in v:
            c.append(
                deep_copy(x, shared, group_with if group_with is not None else (c if shared else None), memo, resolve)
            )
        return c
    copier = getattr(v, "copy_4d", None)
    if copier is not None:
        return copier()
    return v


@command("OB Copy", 1225, "Objects (Language)")
def ob_copy(obj: Any, option: Any = None, group_with: Any = None) -> Any:
    """Deep copy (`True` or `ck resolve pointers` dereferences pointers, `ck shared` makes it shared)."""
    if obj is None or obj is UNDEFINED:
        return None
    if not isinstance(obj, Obj):
        raise FourDError(ERR_ARG_TYPE, "OB Copy: an object was expected")
    if type(obj) is not Obj and not hasattr(obj, "copy_4d"):
        # Class instances are copied as plain objects with their own properties.
        pass
    shared = False
    resolve = False
    if type(option) is bool:
        resolve = option
    elif type(option) in (float, int):
        shared = int(option) & 16 != 0
        resolve = int(option) & 32 != 0
    elif option is not None and option is not UNDEFINED:
        raise FourDError(ERR_ARG_TYPE, "OB Copy: the option must be a Boolean or a number")
    if group_with is not None and group_with is not UNDEFINED:
        if not isinstance(group_with, (Obj, Coll)) or group_with.group is None:
            raise FourDError(ERR_ARG_TYPE, "OB Copy: groupWith must be a shared object or collection")
    else:
        group_with = None
    if type(obj) is not Obj:
        plain = Obj()
        for k, x in dict.items(obj):
            dict.__setitem__(plain, k, x)
        obj = plain
    return deep_copy(obj, shared, group_with if shared else None, resolve=resolve)


@command("OB SET", 1220, "Objects (Language)")
def ob_set(ctx: Any, obj: Any, *pairs: Any) -> None:
    """Set properties of an object (name; value pairs)."""
    from mini4d.registry import Ref

    o = obj.get() if isinstance(obj, Ref) else obj
    if o is None or o is UNDEFINED:
        o = Obj()
        if isinstance(obj, Ref):
            obj.set(o)
    if not isinstance(o, Obj) and not getattr(o, "is_4d_object", False):
        raise FourDError(ERR_ARG_TYPE, "OB SET: an object was expected")
    for k, v in _pairs(pairs):
        set_property(o, k, v, ctx.span)


ob_set.command_info.ref_positions = frozenset({0})  # type: ignore[attr-defined]


@command("OB Get", 1224, "Objects (Language)")
def ob_get(obj: Any, name: str, type_: Any = UNDEFINED) -> Any:
    """Value of a property, optionally converted to a type (Is text, Is real, Is date, Is time...)."""
    if obj is None or obj is UNDEFINED:
        return UNDEFINED
    if not isinstance(obj, Obj):
        raise FourDError(ERR_ARG_TYPE, "OB Get: an object was expected")
    getter = getattr(obj, "get_4d_property", None)
    v = getter(name) if getter is not None else dict.get(obj, name, UNDEFINED)
    if type_ is UNDEFINED:
        return v
    if type(type_) not in (float, int):
        raise FourDError(ERR_ARG_TYPE, "OB Get: the type must be a type constant")
    return convert_to_type(v, int(type_), "OB Get")


def convert_to_type(v: Any, t: int, cmd: str) -> Any:
    """A value converted to a `Field and Variable Types` type (OB Get, JSON Parse)."""
    from mini4d.stdlib.dates import parse_date, time_
    from mini4d.stdlib.text import num
    from mini4d.values import NULL_DATE, Date4D, Time4D, to_text

    if t == 2:  # Is text
        if v is None:
            return ""
        return v if type(v) is str else to_text(v)
    if t in (1, 9):  # Is real, Is longint
        if type(v) is Date4D or isinstance(v, (Obj, Coll)):
            return 0.0
        n = num(v) if v is not None else 0.0
        if t == 9:
            return float(int(n)) if n == n else 0.0
        return n
    if t == 6:  # Is Boolean
        if type(v) is bool:
            return v
        if type(v) in (float, int):
            return v != 0
        return False
    if t == 4:  # Is date
        if type(v) is Date4D:
            return v
        if type(v) is str:
            return parse_date(v)
        return NULL_DATE
    if t == 11:  # Is time
        if type(v) is Time4D:
            return v
        if type(v) in (float, int):
            # A number holds a time in seconds, the unit times are stored in objects (to_storable).
            return Time4D(round(v))
        if type(v) is str:
            return time_(v)
        return Time4D(0)
    if t == 38:  # Is object
        return v if isinstance(v, Obj) or getattr(v, "is_4d_object", False) else None
    if t == 42:  # Is collection
        return v if isinstance(v, Coll) else None
    if t == 255:  # Is null
        return None
    if t in (3, 23):  # Is picture, Is pointer
        return v
    raise FourDError(ERR_ARG_TYPE, f"{cmd}: unknown type {t}")


@command("OB Get type", 1230, "Objects (Language)")
def ob_get_type(obj: Any, name: str) -> float:
    """Type of a property (Is text, Is real, ..., Is undefined when missing)."""
    from mini4d.values import value_type

    if obj is None or obj is UNDEFINED:
        return 5.0
    if not isinstance(obj, Obj):
        raise FourDError(ERR_ARG_TYPE, "OB Get type: an object was expected")
    getter = getattr(obj, "get_4d_property", None)
    v = getter(name) if getter is not None else dict.get(obj, name, UNDEFINED)
    return float(value_type(v))


# OB Class and OB Instance of are registered with the classes (stdlib/classes.py).


@command("OB SET NULL", 1233, "Objects (Language)")
def ob_set_null(ctx: Any, obj: Any, name: str) -> None:
    """Set a property to Null (creating the object when the variable is null)."""
    from mini4d.registry import Ref

    o = obj.get() if isinstance(obj, Ref) else obj
    if o is None or o is UNDEFINED:
        o = Obj()
        if isinstance(obj, Ref):
            obj.set(o)
    if not isinstance(o, Obj):
        raise FourDError(ERR_ARG_TYPE, "OB SET NULL: an object was expected")
    set_property(o, name, None, ctx.span)


ob_set_null.command_info.ref_positions = frozenset({0})  # type: ignore[attr-defined]


_ = check_writable


def _array_arg(ref: Any, cmd: str) -> Any:
    arr = ref.get()
    if not getattr(arr, "is_4d_array", False):
        raise FourDError(ERR_ARG_TYPE, f"{cmd}: an array was expected")
    return arr


@command("OB SET ARRAY", 1227, "Objects (Language)")
def ob_set_array(ctx: Any, obj: Any, name: str, array: Any) -> None:
    """Store the elements of an array (element 0 excluded) in a property, as a collection."""
    from mini4d.registry import Ref

    o = obj.get() if isinstance(obj, Ref) else obj
    if o is None or o is UNDEFINED:
        o = Obj()
        if isinstance(obj, Ref):
            obj.set(o)
    if not isinstance(o, Obj):
        raise FourDError(ERR_ARG_TYPE, "OB SET ARRAY: an object was expected")
    arr = _array_arg(array, "OB SET ARRAY")
    set_property(o, name, Coll(to_storable(v) for v in arr.items[1:]), ctx.span)


ob_set_array.command_info.ref_positions = frozenset({0, 2})  # type: ignore[attr-defined]


@command("OB GET ARRAY", 1229, "Objects (Language)")
def ob_get_array(obj: Any, name: str, array: Any) -> None:
    """Fill an array with the elements of a collection property."""
    arr = _array_arg(array, "OB GET ARRAY")
    if not isinstance(obj, Obj):
        raise FourDError(ERR_ARG_TYPE, "OB GET ARRAY: an object was expected")
    value = obj.get(name, UNDEFINED)
    arr.resize(0)
    if isinstance(value, Coll):
        for v in value:
            arr.append(arr.default() if v is None else v)


ob_get_array.command_info.ref_positions = frozenset({2})  # type: ignore[attr-defined]


@command("OB GET PROPERTY NAMES", 1232, "Objects (Language)")
def ob_get_property_names(obj: Any, names: Any, types: Any = None) -> None:
    """Fill arrays with the property names of an object (and their types)."""
    from mini4d.values import value_type

    names_arr = _array_arg(names, "OB GET PROPERTY NAMES")
    types_arr = _array_arg(types, "OB GET PROPERTY NAMES") if types is not None else None
    keys = list(dict.keys(obj)) if isinstance(obj, Obj) else []
    names_arr.resize(0)
    for k in keys:
        names_arr.append(k)
    if types_arr is not None:
        types_arr.resize(0)
        for k in keys:
            types_arr.append(float(value_type(dict.__getitem__(obj, k))))


ob_get_property_names.command_info.ref_positions = frozenset({1, 2})  # type: ignore[attr-defined]
