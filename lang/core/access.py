"""Access: properties, indexes and assignable places (`$o.name`, `$c[$i]`, `$t[[$i]]`, stores).

`get_property`, `set_property`, `get_index` and `set_index` are the rules; the closures
compiled here read and write plain objects and standard collections inline when they can
and call those rules for anything else.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import nodes as N
from ..errors import (
    ERR_NOT_SUPPORTED,
    ERR_TYPE_MISMATCH,
    FourDError,
)
from ..registry import Ref
from ..source import Span
from ..values import UNDEFINED, UNSET, Coll, Obj, default_for
from . import fastops
from .conversions import to_index, variable_converter
from .expressions import BINARY_OPERATORS
from .fastops import store_plan
from .frames import Fn, Frame, Scope, get_param, interprocess_key, name_key, set_param
from .hooks import own_property_hook, property_hook, store_hook
from .properties import (
    char_at,
    get_index,
    get_index_of_declared,
    get_property,
    get_property_of_declared,
    set_char_at,
    set_index,
    set_property,
)

_VARIABLES = (N.Local, N.Name, N.Interprocess)

# (prepare, get, put) of an assignable place: prepare(f) evaluates its containers once, get(f, state)
# reads it, put(f, state, value) writes it
Place = tuple[Callable[[Frame], Any], Callable[[Frame, Any], Any], Callable[[Frame, Any, Any], None]]


if TYPE_CHECKING:
    from .protocol import Core as _Base  # the other concerns of the Interpreter, as seen through self
else:
    _Base = object


class Access(_Base):
    """Compiling reads and stores of properties, elements and other assignable places."""

    place_compilers: dict[type, Callable[..., Place]] = {}  # node type -> place_<Node> (lang/interpreter.py)

    def compile_store(
        self, target: N.Expr, scope: Scope, value: Fn, var_type: str | None = None, const: Any = UNSET
    ) -> Fn:
        """Statement storing value(f) into target; `const` is the value when it is a constant."""
        if isinstance(target, N.Local):
            i = scope.slot(target.name)
            conv, exact, lo, hi = store_plan(variable_converter(scope.code.slot_types.get(i) or var_type))
            if conv is None:

                def assign_local(f: Frame) -> None:
                    f.locals[i] = value(f)

                return assign_local

            def assign_local_typed(f: Frame) -> None:
                v = value(f)
                if type(v) is not exact or lo is not None and not lo <= v <= hi:
                    v = conv(v)
                f.locals[i] = v

            return assign_local_typed
        fast = fastops.FASTPATHS
        if isinstance(target, N.Index) and fast:
            # `$c[$i]:=v` on a standard collection inside its bounds; anything else goes to set_index.
            cobj = self.compile_expr(target.obj, scope)
            cidx = self.compile_expr(target.index, scope)
            ispan = target.span
            if isinstance(target.obj, N.Local) and isinstance(target.index, N.Local):
                oi = scope.slot(target.obj.name)
                ii = scope.slot(target.index.name)
                if type(const) in (float, bool, str) or const is None:

                    def assign_constant_ll(f: Frame) -> None:
                        # `$c[$i]:=False`: a constant stored as is is neither computed nor checked
                        loc = f.locals
                        o = loc[oi]
                        i = loc[ii]
                        ti = type(i)
                        if type(o) is Coll and o.group is None and (ti is float or ti is int) and 0 <= i < len(o):
                            o[i if ti is int else int(i)] = const
                            return
                        set_index(cobj(f), cidx(f), const, ispan)  # the closures report unassigned variables

                    return assign_constant_ll

                def assign_element_ll(f: Frame) -> None:
                    v = value(f)
                    loc = f.locals
                    o = loc[oi]
                    i = loc[ii]
                    ti = type(i)
                    if type(o) is Coll and o.group is None and (ti is float or ti is int) and 0 <= i < len(o):
                        t = type(v)
                        if t is float or t is bool or t is str or t is Obj or t is Coll or v is None:
                            o[i if ti is int else int(i)] = v
                            return
                    set_index(cobj(f), cidx(f), v, ispan)  # the closures report unassigned variables

                return assign_element_ll

            def assign_element(f: Frame) -> None:
                v = value(f)
                o = cobj(f)
                i = cidx(f)
                if type(o) is Coll and o.group is None and (type(i) is float or type(i) is int) and 0 <= i < len(o):
                    t = type(v)
                    if t is float or t is bool or t is str or t is Obj or t is Coll or v is None:
                        o[int(i)] = v
                        return
                set_index(o, i, v, ispan)

            return assign_element
        if isinstance(target, N.Member) and fast:
            return self.compile_member_store(target, scope, value)
        store = self.compile_store_fn(target, scope, var_type)

        def run(f: Frame) -> None:
            store(f, value(f))

        return run

    def compile_member_store(self, target: N.Member, scope: Scope, value: Fn) -> Fn:
        """`$o.name:=value`: the value first, then the object."""
        obj = self.compile_expr(target.obj, scope)
        put = _property_put(target.name, target.span, set_property)
        i = scope.slot(target.obj.name) if isinstance(target.obj, N.Local) else -1
        if getattr(obj, "reads_frame_this", False):
            name = target.name
            src = getattr(value, "local_slot", -1)
            if src >= 0:

                def assign_local_to_this(f: Frame) -> None:
                    # `This.name:=$x`: as assign_member_of_this, the local read from its slot
                    v = f.locals[src]
                    if v is UNSET:
                        v = value(f)  # reports the unassigned variable
                    o = f.this
                    t = type(o)
                    own = own_property_hook(t)
                    if own is not None and not own(o) and o.group is None:
                        tv = type(v)
                        if tv is float or tv is str or tv is bool:
                            dict.__setitem__(o, name, v)  # what the store hook does with these values
                            return
                    hook = store_hook(t)
                    if hook is not None:
                        hook(o, name, v)
                    else:
                        put(f, o, v)

                return assign_local_to_this

            def assign_member_of_this(f: Frame) -> None:
                # `This.name:=value` (lang/classes.py `_this`): a class instance's store hook
                # without the `This` and `put` closures
                v = value(f)
                o = f.this
                hook = store_hook(type(o))
                if hook is not None:
                    hook(o, name, v)
                else:
                    put(f, o, v)

            return assign_member_of_this

        def assign_member(f: Frame) -> None:
            v = value(f)
            if i >= 0:  # `$o.name:=`: the object straight from its slot
                o = f.locals[i]
                if o is UNSET:
                    o = obj(f)  # reports the unassigned variable
            else:
                o = obj(f)
            put(f, o, v)

        return assign_member

    def compile_property_update(self, s: N.Assign, scope: Scope, value: Fn) -> Fn | None:
        """`$o.name:=$o.name+x` (or - *) in one closure, else None.

        The property is read from the object in the slot, then x is evaluated, then the object
        is read again for the store, as in the general path. Two numbers are combined inline;
        any other operand goes to the complete operator. A receiver that is not a plain object
        takes the general path.
        """
        t, e = s.target, s.value
        if not (
            isinstance(t, N.Member)
            and isinstance(t.obj, N.Local)
            and isinstance(e, N.Binary)
            and e.op in _UPDATE_OPS
            and isinstance(e.left, N.Member)
            and e.left.name == t.name
            and isinstance(e.left.obj, N.Local)
            and scope.slot(e.left.obj.name) == scope.slot(t.obj.name)
        ):
            return None
        i = scope.slot(t.obj.name)
        name = t.name
        general = self.compile_member_store(t, scope, value)
        right = self.compile_expr(e.right, scope)
        put = _property_put(name, t.span, set_property)
        pyop = _UPDATE_OPS[e.op]
        impl = BINARY_OPERATORS[e.op]
        span = e.span
        const = e.right.value if isinstance(e.right, N.Literal) else UNSET  # `+1`: no closure call

        def update_property(f: Frame) -> None:
            o = f.locals[i]
            if type(o) is not Obj:
                general(f)
                return
            a = o.get(name, UNDEFINED)
            b = right(f) if const is UNSET else const
            tb = type(b)
            if type(a) is float and (tb is float or tb is int):
                r = pyop(a, b)
            else:
                try:
                    r = impl(a, b)
                except FourDError as err:
                    err.with_span(span)
                    raise
            put(f, f.locals[i], r)

        return update_property

    def compile_store_fn(
        self, target: N.Expr, scope: Scope, var_type: str | None = None
    ) -> Callable[[Frame, Any], None]:
        if isinstance(target, N.Local):
            i = scope.slot(target.name)
            t = scope.code.slot_types.get(i) or var_type
            conv = variable_converter(t)
            if conv is None:

                def set_local(f: Frame, v: Any) -> None:
                    f.locals[i] = v

                return set_local

            def set_local_typed(f: Frame, v: Any) -> None:
                f.locals[i] = conv(v)

            return set_local_typed
        if isinstance(target, N.Name):
            key = name_key(target.name)

            def set_process(f: Frame, v: Any) -> None:
                proc = f.process
                t = proc.var_types.get(key)
                if t is not None:
                    c = variable_converter(t)
                    if c is not None:
                        v = c(v)
                proc.vars[key] = v

            return set_process
        if isinstance(target, N.Interprocess):
            key = interprocess_key(target.name)
            rt = self.runtime

            def set_inter(f: Frame, v: Any) -> None:
                t = rt.interprocess_types.get(key)
                if t is not None:
                    c = variable_converter(t)
                    if c is not None:
                        v = c(v)
                rt.interprocess[key] = v

            return set_inter
        if isinstance(target, N.Member) and fastops.FASTPATHS:
            obj = self.compile_expr(target.obj, scope)
            name = target.name
            span = target.span
            setp = set_property

            def set_member(f: Frame, v: Any) -> None:
                o = obj(f)
                if type(o) is Obj and o.group is None:
                    t = type(v)
                    if t is float or t is str or t is bool or t is Obj or t is Coll or v is None:
                        dict.__setitem__(o, name, v)  # what set_property stores: these values as they are
                        return
                setp(o, name, v, span)

            return set_member
        prepare, _get, put = self.compile_place(target, scope)

        def set_place(f: Frame, v: Any) -> None:
            put(f, prepare(f), v)

        return set_place

    def compile_place(self, target: N.Expr, scope: Scope) -> Place:
        """(prepare, get, put) for an assignable expression; prepare evaluates containers once.

        Each assignable node type has its `place_<Node>` method (pointers and array elements:
        lang/pointers.py).
        """
        meth = self.place_compilers.get(type(target))
        if meth is None:
            raise FourDError(
                ERR_NOT_SUPPORTED, f"Cannot assign to this kind of expression ({type(target).__name__})", target.span
            )
        return meth(self, target, scope)

    def place_Local(self, target: N.Local | N.Name | N.Interprocess, scope: Scope) -> Place:
        getter = self.compile_expr(target, scope)
        setter = self.compile_store_fn(target, scope)
        return (lambda f: None, lambda f, st: getter(f), lambda f, st, v: setter(f, v))

    place_Name = place_Local
    place_Interprocess = place_Local

    def place_Member(self, target: N.Member, scope: Scope) -> Place:
        obj = self.compile_expr(target.obj, scope)
        name = target.name
        span = target.span
        getp = get_property
        setp = set_property
        return (obj, lambda f, o: getp(o, name, span), lambda f, o, v: setp(o, name, v, span))

    def place_Index(self, target: N.Index, scope: Scope) -> Place:
        obj = self.compile_expr(target.obj, scope)
        idx = self.compile_expr(target.index, scope)
        span = target.span

        def prep(f: Frame) -> Any:
            return (obj(f), idx(f))

        return (
            prep,
            lambda f, st: get_index(st[0], st[1], span),
            lambda f, st, v: set_index(st[0], st[1], v, span),
        )

    def place_CharIndex(self, target: N.CharIndex, scope: Scope) -> Place:
        base_prep, base_get, base_put = self.compile_place(target.obj, scope)
        idx = self.compile_expr(target.index, scope)
        span = target.span

        def prep_c(f: Frame) -> Any:
            return (base_prep(f), idx(f))

        def get_c(f: Frame, st: Any) -> Any:
            return char_at(base_get(f, st[0]), st[1], span)

        def put_c(f: Frame, st: Any, v: Any) -> None:
            text = base_get(f, st[0])
            base_put(f, st[0], set_char_at(text, st[1], v, span))

        return (prep_c, get_c, put_c)

    def place_ParamIndirect(self, target: N.ParamIndirect, scope: Scope) -> Place:
        idx = self.compile_expr(target.index, scope)
        span = target.span
        legacy = scope.code.legacy_params

        def prep_p(f: Frame) -> Any:
            n = idx(f)
            if type(n) not in (float, int):
                raise FourDError(ERR_TYPE_MISMATCH, "${n} needs a number", span)
            return to_index(n, span)

        def get_p(f: Frame, n: int) -> Any:
            return get_param(f, n, legacy, span)

        def put_p(f: Frame, n: int, v: Any) -> None:
            set_param(f, n, v, legacy)

        return (prep_p, get_p, put_p)

    def compile_ref(self, e: N.Expr, scope: Scope) -> Fn:
        """A `Ref` to an assignable place, for declarations and output parameters of commands.

        Its `kind` says what the place is (`local`, `process`, `interprocess`, `element` for
        `arr{i}`, `target` for `ptr->`, `place` for a property, index or character, `value`
        for an expression that is not assignable) and `declared()` gives the declared type of a
        variable or of what an element or a pointer designates: commands never see nodes.
        """
        if isinstance(e, N.Local):
            i = scope.slot(e.name)
            name = e.name
            code = scope.code
            slot_types = code.slot_types

            def ref_local(f: Frame) -> Ref:
                loc = f.locals

                def get() -> Any:
                    v = loc[i]
                    return UNDEFINED if v is UNSET else v

                def put(v: Any) -> None:
                    c = variable_converter(slot_types.get(i))
                    loc[i] = c(v) if c else v

                def declare(t: str) -> None:
                    slot_types[i] = t
                    if loc[i] is UNSET:
                        loc[i] = default_for(t)

                return Ref(get, put, name, declare, "local", name.lower(), lambda: slot_types.get(i))

            return ref_local
        if isinstance(e, N.Name):
            key = name_key(e.name)
            name = e.name

            def ref_process(f: Frame) -> Ref:
                proc = f.process

                def get() -> Any:
                    return proc.vars.get(key, UNDEFINED)

                def put(v: Any) -> None:
                    c = variable_converter(proc.var_types.get(key))
                    proc.vars[key] = c(v) if c else v

                def declare(t: str) -> None:
                    proc.var_types[key] = t
                    if key not in proc.vars:
                        proc.vars[key] = default_for(t)

                return Ref(get, put, name, declare, "process", key, lambda: proc.var_types.get(key))

            return ref_process
        if isinstance(e, N.Interprocess):
            key = interprocess_key(e.name)
            rt = self.runtime
            name = "<>" + e.name

            def ref_inter(f: Frame) -> Ref:
                def get() -> Any:
                    return rt.interprocess.get(key, UNDEFINED)

                def put(v: Any) -> None:
                    c = variable_converter(rt.interprocess_types.get(key))
                    rt.interprocess[key] = c(v) if c else v

                def declare(t: str) -> None:
                    rt.interprocess_types[key] = t
                    if key not in rt.interprocess:
                        rt.interprocess[key] = default_for(t)

                return Ref(get, put, name, declare, "interprocess", key, lambda: rt.interprocess_types.get(key))

            return ref_inter
        if isinstance(e, N.ASSIGNABLE) or isinstance(e, N.Table):  # [Table]Field: a place of the datastore
            prep, get, put = self.compile_place(e, scope)
            kind, designated = _designation(e)

            def ref_place(f: Frame) -> Ref:
                try:
                    st = prep(f)
                except FourDError:
                    return Ref(lambda: UNDEFINED, lambda v: put(f, prep(f), v), "", None, kind)

                def getter() -> Any:
                    try:
                        return get(f, st)
                    except FourDError:
                        return UNDEFINED

                declared = None if designated is None else (lambda: designated(st))
                return Ref(getter, lambda v: put(f, st, v), "", None, kind, "", declared)

            return ref_place
        value = self.compile_expr(e, scope)
        span = e.span

        def ref_value(f: Frame) -> Ref:
            v = value(f)

            def cannot(_v: Any) -> None:
                raise FourDError(ERR_TYPE_MISMATCH, "A variable was expected here", span)

            return Ref(lambda: v, cannot, "", None, "value")

        return ref_value

    def expr_Member(self, e: N.Member, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        name = e.name
        span = e.span
        getp = get_property_of_declared if _declared_object(e.obj, scope) else get_property
        if not fastops.FASTPATHS:
            return lambda f: getp(obj(f), name, span)

        def member(f: Frame) -> Any:
            o = obj(f)
            t = type(o)
            if t is Obj:
                return o.get(name, UNDEFINED)
            hook = property_hook(t)
            if hook is not None:
                return hook(o, name)  # what get_property ends up calling for these types
            return getp(o, name, span)

        if isinstance(e.obj, N.Local):
            return _member_of_local(scope.slot(e.obj.name), name, member)
        if getattr(obj, "reads_frame_this", False):
            return _member_of_this(name, member)
        return member

    def expr_Index(self, e: N.Index, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        idx = self.compile_expr(e.index, scope)
        span = e.span
        geti = get_index_of_declared if _declared_object(e.obj, scope) else get_index
        if not fastops.FASTPATHS:
            return lambda f: geti(obj(f), idx(f), span)
        if isinstance(e.obj, N.Local) and isinstance(e.index, N.Local):
            oi = scope.slot(e.obj.name)
            ii = scope.slot(e.index.name)

            def index_ll(f: Frame) -> Any:
                loc = f.locals
                o = loc[oi]
                i = loc[ii]
                ti = type(i)
                if type(o) is Coll and (ti is int or ti is float) and 0 <= i < len(o):
                    return o[i if ti is int else int(i)]
                return geti(obj(f), idx(f), span)  # the closures report unassigned variables

            return index_ll

        def index(f: Frame) -> Any:
            o = obj(f)
            i = idx(f)
            ti = type(i)
            if type(o) is Coll and (ti is int or ti is float) and 0 <= i < len(o):
                return o[i if ti is int else int(i)]
            return geti(o, i, span)

        return index

    def expr_CharIndex(self, e: N.CharIndex, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        idx = self.compile_expr(e.index, scope)
        span = e.span
        return lambda f: char_at(obj(f), idx(f), span)


_UPDATE_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def _property_put(
    name: str, span: Span, setp: Callable[[Any, str, Any, Span], None]
) -> Callable[[Frame, Any, Any], None]:
    """put(f, o, v) storing v in property `name` of o: plain objects inline, the rest through setp."""

    def put(f: Frame, o: Any, v: Any) -> None:
        if type(o) is Obj:
            if o.group is None:  # a standard object: no check to make (shared ones: set_property)
                t = type(v)
                if t is float or t is str or t is bool or t is Obj or t is Coll or v is None:
                    o[name] = v  # what set_property stores: these values as they are
                    return
        else:
            hook = store_hook(type(o))
            if hook is not None:
                hook(o, name, v)  # what set_property ends up calling for these types
                return
        setp(o, name, v, span)

    return put


dict_get = dict.get


def _member_of_this(name: str, general: Fn) -> Fn:
    """`This.name` where `This` is plain `f.this` (lang/classes.py `_this`): a class instance's
    property through its hook without the `This` closure; anything else takes `general`."""

    def member_of_this(f: Frame) -> Any:
        o = f.this
        t = type(o)
        own = own_property_hook(t)
        if own is not None and not own(o):
            v = dict_get(o, name, UNSET)  # an own property: what the hook returns
            if v is not UNSET:
                return v
        hook = property_hook(t)
        if hook is not None:
            return hook(o, name)
        return general(f)

    return member_of_this


def _member_of_local(i: int, name: str, general: Fn) -> Fn:
    """`$o.name` when $o holds a plain object: read from the slot; anything else takes `general`."""

    def member_of_local(f: Frame) -> Any:
        o = f.locals[i]
        t = type(o)
        if t is Obj:
            return o.get(name, UNDEFINED)
        own = own_property_hook(t)
        if own is not None and not own(o):
            v = dict_get(o, name, UNSET)  # a class instance's own property: what the hook returns
            if v is not UNSET:
                return v
        hook = property_hook(t)  # a class instance: what `general` ends up calling
        if hook is not None:
            return hook(o, name)
        return general(f)

    return member_of_local


def _declared_object(e: N.Expr, scope: Scope) -> bool:
    """Whether `e` is a local variable declared Object, Collection or of a class (they start as Null)."""
    if not isinstance(e, N.Local):
        return False
    t = scope.code.slot_types.get(scope.slot(e.name))
    return t is not None and (t in ("object", "collection") or "." in t)


def _designation(e: N.Expr) -> tuple[str, Callable[[Any], str | None] | None]:
    """The `Ref.kind` of an assignable place other than a variable, and how its declared type is
    found from the place's prepared state (None when it has none).

    `$p->` designates what the pointer in variable `$p` points to (its declared type);
    `arr{i}` an element of the array in variable `arr` (or `$p->{i}`): "element:KIND".
    """
    if isinstance(e, N.Deref):
        if not isinstance(e.ptr, _VARIABLES):
            return "target", None
        return "target", _pointer_declared
    if isinstance(e, N.ArrayElem):
        target = e.obj
        if isinstance(target, _VARIABLES) or (isinstance(target, N.Deref) and isinstance(target.ptr, _VARIABLES)):
            return "element", _element_declared
        return "element", None
    if isinstance(e, N.Table):
        return "field", _field_declared
    return "place", None


def _field_declared(st: Any) -> str | None:
    """`[Table]Field`: "field:N", N its `Type` (the prepared state of its place says, lang/datastore/hooks.py)."""
    return getattr(st, "declared_type", None)


def _pointer_declared(p: Any) -> str | None:
    fn = getattr(p, "declared", None) if getattr(p, "is_pointer", False) else None
    return fn() if fn is not None else None


def _element_declared(st: Any) -> str | None:
    arr = st[0]
    kind = getattr(arr, "kind", None)
    return "element:" + kind if getattr(arr, "array_type", None) is not None and kind else None
