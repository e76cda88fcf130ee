"""User classes: class files compiled to `4D.Class` objects, the `cs` store, instances.

A class file `Classes/<Name>.4dm` is a flat statement list; each `Class constructor`
or `Function` line starts a body that runs to the next such line. Each body is
compiled once into a `Code` unit (kind "constructor" or "function") owned by its
`ClassDef`. Instances are `Obj` subclasses: their own properties are plain dict
items (so JSON, `For each`, `OB Keys` see them), and members not found on the
instance are looked up in the class, then up the superclass chain.
"""

from __future__ import annotations

import operator
import threading
from dataclasses import replace
from typing import Any

from . import nodes as N
from .core import fastops
from .core.calls import prepare_call
from .core.hooks import MEMBER_CALL_HOOKS, OWN_PROPERTY_HOOKS, PROPERTY_HOOKS, STORE_HOOKS
from .core.properties import store_property
from .errors import (
    ERR_ARG_COUNT,
    ERR_CLASS,
    ERR_NOT_A_FUNCTION,
    ERR_NOT_SUPPORTED,
    ERR_READONLY,
    ERR_SUPER_MISUSE,
    ERR_SUPER_NOT_CALLED,
    ERR_THIS_BEFORE_SUPER,
    FourDError,
    Syntax4DError,
)
from .formulas import Formula4D, compile_formula_code
from .source import Span
from .values import (
    IS_OBJECT,
    UNDEFINED,
    UNSET,
    Coll,
    Obj,
    current_process,
    empty_like,
    new_shared_group,
)

# 4D classes a user class may name in `Class extends` without leaving the user store.
_OBJECT_NAMES = ("Object", "4D.Object")
# ORDA classes of the project extend these (docs/ORDA/ordaClasses.md): their instances are made
# by the datastore (lang/datastore/orda.py), which runs the user functions with This bound to them.
_ORDA_PARENTS = ("DataStoreImplementation", "DataClass", "Entity", "EntitySelection")
# Built-in classes whose .new() makes an object: name -> "module:function(f, args, span)", imported when used.
BUILTIN_NEW = {"OutgoingMessage": "mini4d.web.messages:new_outgoing"}

# Built-in classes of the `4D` store (docs/API) and the parents the docs give them
# (ClassClass.md: 4D.File.superclass is Document, 4D.Document.superclass is Object).
_BUILTIN_CLASSES = frozenset(
    [
        "Blob",
        "Class",
        "Collection",
        "CryptoKey",
        "DataClass",
        "DataStore",
        "Directory",
        "Document",
        "EmailObject",
        "Entity",
        "EntitySelection",
        "File",
        "FileHandle",
        "Folder",
        "Function",
        "HTTPAgent",
        "HTTPRequest",
        "IMAPTransporter",
        "MailAttachment",
        "Object",
        "OutgoingMessage",
        "POP3Transporter",
        "Session",
        "Signal",
        "SMTPTransporter",
        "SystemWorker",
        "TCPConnection",
        "TCPEvent",
        "TCPListener",
        "UDPEvent",
        "UDPSocket",
        "Vector",
        "WebForm",
        "WebServer",
        "WebSocket",
        "WebSocketConnection",
        "WebSocketServer",
        "ZIPArchive",
        "ZIPFile",
        "ZIPFolder",
    ]
)
_BUILTIN_PARENTS = {"File": "Document"}


# ------------------------------------------------------------------ functions


class ClassFunction4D(Formula4D):
    """A class function (or accessor) as a 4D.Function object."""

    def __init__(self, owner: ClassDef, name: str, code: Any, source: str, shared: bool):
        super().__init__(code, source)
        self.owner = owner
        self.name = name
        self.shared = shared and owner.shared

    def invoke(self, f: Any, args: list[Any], this: Any = None, span: Span | None = None) -> Any:
        # every caller builds a fresh argument list: it becomes the frame's parameters as is
        proc = f.process if f is not None else _process(self.owner)
        interp = proc.runtime.interp
        group = getattr(this, "group", None) if self.shared else None
        if group is None:
            return interp.invoke(self.code, args, f, span, this=this, process=proc)
        # a shared function runs inside an implicit Use...End use of This
        group.acquire(proc)
        try:
            return interp.invoke(self.code, args, f, span, this=this, process=proc)
        finally:
            group.release(proc)

    def __repr__(self) -> str:
        return f"<Function {self.owner.name}.{self.name}>"


class NativeFunction4D(Formula4D):
    """A built-in function seen as a 4D.Function (`cs.Name.new` without parentheses)."""

    def __init__(self, name: str, impl: Any):
        super().__init__(None, f"[native code] {name}")
        self.impl = impl

    def invoke(self, f: Any, args: list[Any], this: Any = None, span: Span | None = None) -> Any:
        return self.impl(f, list(args), span)


def _process(cls: ClassDef) -> Any:
    proc = current_process()
    return proc if proc is not None else cls.store.runtime.main


# ------------------------------------------------------------------ instances


class Instance(Obj):
    """An object of a user class: own properties in the dict, members in the class."""

    __slots__ = ("cls",)

    def __init__(self, cls: ClassDef):
        Obj.__init__(self)
        self.cls = cls

    @property
    def class_name(self) -> str:
        return self.cls.name

    def function_call(self, name: str) -> Any:
        """The call of class function `name` when a member call needs nothing else (see call_4d_member)."""
        if dict.__contains__(self, name):
            return None
        fn = self.cls.functions.get(name)
        if fn is None or fn.shared:
            return None
        code = fn.code
        return code.call or prepare_call(code)

    def get_4d_property(self, name: str) -> Any:
        cls = self.cls
        acc = cls.accessors.get(name) if cls.accessors else None
        if acc is not None:
            getter = acc[0]
            if getter is None:
                return UNDEFINED  # setter only: reading gives Undefined (classes.md)
            return getter.invoke(None, [], this=self)
        v = dict.get(self, name, UNSET)
        if v is not UNSET:
            return v
        fn = cls.functions.get(name)
        if fn is not None:
            return fn
        return UNDEFINED

    def set_4d_property(self, name: str, v: Any) -> None:
        cls = self.cls
        acc = cls.accessors.get(name) if cls.accessors else None
        if acc is None and self.group is None:
            t = type(v)
            if t is float or t is str or t is bool:  # stored as is (see store_property)
                dict.__setitem__(self, name, v)
                return
        if acc is not None:
            getter, setter = acc
            if setter is None:
                raise FourDError(
                    ERR_READONLY,
                    f'The computed property "{name}" of class {cls.name} is read-only (it has no Function set)',
                )
            if v is UNDEFINED:
                # classes.md: the getter gives the type, the setter receives its empty value
                v = empty_like(getter.invoke(None, [], this=self) if getter is not None else UNDEFINED)
            setter.invoke(None, [v], this=self)
            return
        store_property(self, name, v)

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        own = dict.get(self, name, UNSET)
        if own is not UNSET:
            if getattr(own, "is_formula", False):
                return own.invoke(f, args, this=self, span=span)
            raise FourDError(ERR_NOT_A_FUNCTION, f'The property "{name}" is not a function', span)
        fn = self.cls.functions.get(name)
        if fn is not None:
            return fn.invoke(f, args, this=self, span=span)
        acc = self.cls.accessors.get(name)
        if acc is not None and acc[0] is not None:
            value = acc[0].invoke(f, [], this=self, span=span)
            if getattr(value, "is_formula", False):
                return value.invoke(f, args, this=self, span=span)
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of class {self.cls.name}', span)

    def copy_4d(self) -> Instance:
        o = Instance(self.cls)
        for k, x in dict.items(self):
            dict.__setitem__(o, k, _plain_copy(x))
        return o

    def __repr__(self) -> str:
        return f"<{self.cls.name} {dict.__repr__(self)}>"


MEMBER_CALL_HOOKS[Instance] = Instance.function_call
PROPERTY_HOOKS[Instance] = Instance.get_4d_property
STORE_HOOKS[Instance] = Instance.set_4d_property
# without computed properties (accessors), get_4d_property and set_4d_property read and store the dict's entries
OWN_PROPERTY_HOOKS[Instance] = operator.attrgetter("cls.accessors")


def _plain_copy(v: Any) -> Any:
    if getattr(v, "group", None) is not None:
        return v  # shared values are passed by reference
    if type(v) is Obj:
        o = Obj()
        for k, x in dict.items(v):
            dict.__setitem__(o, k, _plain_copy(x))
        return o
    if type(v) is Coll:
        return Coll(_plain_copy(x) for x in v)
    copier = getattr(v, "copy_4d", None)
    return copier() if copier is not None else v


def _make_shared(v: Any, owner: Obj) -> Any:
    """A copy of a standard object/collection inside `owner`'s shared group."""
    if type(v) is Obj:
        o = Obj()
        o.group = owner.group
        owner.group.root().members += 1
        for k, x in dict.items(v):
            dict.__setitem__(o, k, _make_shared(x, owner))
        return o
    if type(v) is Coll:
        c = Coll()
        c.group = owner.group
        owner.group.root().members += 1
        for x in v:
            c.append(_make_shared(x, owner))
        return c
    return v


# ------------------------------------------------------------------ Super


class SuperRef:
    """`Super` inside a class function: the superclass prototype, bound to This."""

    is_4d_object = True
    class_name = "Object"
    value_type_code = IS_OBJECT

    def __init__(self, cls: ClassDef | None, this: Any):
        self.cls = cls
        self.this = this

    def get_4d_property(self, name: str) -> Any:
        cls = self.cls
        if cls is None:
            return UNDEFINED
        acc = cls.accessors.get(name)
        if acc is not None:
            return acc[0].invoke(None, [], this=self.this) if acc[0] is not None else UNDEFINED
        fn = cls.functions.get(name)
        return fn if fn is not None else UNDEFINED

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        fn = self.cls.functions.get(name) if self.cls is not None else None
        if fn is None:
            where = f"the superclass {self.cls.name}" if self.cls is not None else "4D.Object"
            raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" in {where}', span)
        return fn.invoke(f, args, this=self.this, span=span)

    def to_json(self) -> Any:
        return Obj()


class CtorState:
    """Per constructor call: whether the superclass constructor still has to run."""

    __slots__ = ("cls", "needs_super", "super_called")

    def __init__(self, cls: ClassDef, needs_super: bool):
        self.cls = cls
        self.needs_super = needs_super
        self.super_called = False


# ------------------------------------------------------------------ class objects


class ClassDef:
    """A `4D.Class` object: a user class of `cs`, or a built-in class of `4D`."""

    is_4d_object = True
    is_shared_4d = True  # Concepts/classes.md: "A class object is a shared object"
    class_name = "Class"
    value_type_code = IS_OBJECT

    def __init__(self, store: ClassStore, name: str, parent: ClassDef | None, builtin: bool = False):
        self.store = store
        self.name = name
        self.parent = parent
        self.builtin = builtin
        self.ctor: Any = None  # Code of the constructor, or None
        self.functions: dict[str, ClassFunction4D] = dict(parent.functions) if parent and not parent.builtin else {}
        self.accessors: dict[str, tuple[Any, Any]] = dict(parent.accessors) if parent and not parent.builtin else {}
        self.props: list[tuple[str, Any]] = []  # (name, compiled initialiser) of this class only
        self.shared = False
        self.singleton = False
        self.session_singleton = False
        self.lock = threading.RLock()
        self._new_fn: NativeFunction4D | None = None
        self._setup: tuple[Any, ...] | None = None  # see setup()
        self.source: Any = None  # the Source of a user class, for a session that follows edits

    # chain
    def user_parent(self) -> ClassDef | None:
        p = self.parent
        return p if p is not None and not p.builtin else None

    def chain(self) -> list[ClassDef]:
        """This class and its user superclasses, root first."""
        out = []
        c: ClassDef | None = self
        while c is not None and not c.builtin:
            out.append(c)
            c = c.parent
        out.reverse()
        return out

    def setup(self) -> tuple[Any, ...]:
        """(property initialisers of the chain, parent ones first; nearest constructor Code or None).

        Worked out at the first instantiation: a class and its superclasses are loaded
        together and never change afterwards.
        """
        if self._setup is None:
            inits = tuple(item for c in self.chain() for item in c.props)  # parent properties first (classes.md)
            c: ClassDef | None = self
            while c is not None and not c.builtin and c.ctor is None:
                c = c.parent  # no constructor: the parent one receives the parameters
            self._setup = (inits, c.ctor if c is not None and not c.builtin else None)
        return self._setup

    def is_subclass_of(self, other: ClassDef) -> bool:
        c: ClassDef | None = self
        while c is not None:
            if c is other:
                return True
            c = c.parent
        return False

    # 4D view
    def get_4d_property(self, name: str) -> Any:
        if name == "name":
            return self.name
        if name == "superclass":
            return self.parent
        if name == "isShared":
            return self.shared
        if name == "isSingleton":
            return self.singleton
        if name == "isSessionSingleton":
            return self.session_singleton
        if name == "me":
            if not self.singleton:
                return UNDEFINED
            return self.me(None, None)
        if name == "new":
            if self._new_fn is None:
                self._new_fn = NativeFunction4D(f"{self.name}.new", lambda f, args, span: self.new(f, args, span))
            return self._new_fn
        fn = self.functions.get(name)
        if fn is not None:
            return fn
        return UNDEFINED

    def set_4d_property(self, name: str, v: Any) -> None:
        raise FourDError(ERR_READONLY, f'Cannot set "{name}": class objects are read-only')

    def new_call(self, name: str) -> Any:
        """What a member call `cs.Name.new(...)` runs directly (see MEMBER_CALL_HOOKS); None for other members."""
        if name == "new" and not self.builtin and not self.singleton:
            return _new_instance
        return None

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        if name == "new":
            return self.new(f, args, span)
        fn = self.get_4d_property(name)
        if getattr(fn, "is_formula", False):
            return fn.invoke(f, args, this=None, span=span)
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of the class {self.name}', span)

    def keys_4d(self) -> list[str]:
        return []

    def to_json(self) -> Any:
        return Obj()

    def __repr__(self) -> str:
        return f"<Class {self.name}>"

    # instantiation
    def new(self, f: Any, args: list[Any], span: Span | None) -> Any:
        if self.builtin:
            if self.name == "Object":
                return Obj()
            factory = BUILTIN_NEW.get(self.name)
            if factory is not None:
                import importlib

                module, _, fn = factory.partition(":")
                return getattr(importlib.import_module(module), fn)(f, args, span)
            raise FourDError(ERR_NOT_SUPPORTED, f"4D.{self.name}.new() is not supported by mini4d", span)
        if self.singleton:
            # classes.md: new() on an instantiated singleton returns the singleton
            return self.me(f, span, args)
        return self._instantiate(f, args, span)

    def _instantiate(self, f: Any, args: list[Any], span: Span | None) -> Instance:
        return _new_instance(f, list(args), span, self, f.process if f is not None else _process(self))

    def me(self, f: Any, span: Span | None, args: list[Any] | None = None) -> Any:
        proc = f.process if f is not None else _process(self)
        if self.session_singleton:
            table = self.store.session_singletons.setdefault(proc.session.id, {})
        elif self.shared:
            table = self.store.shared_singletons
        else:
            table = proc.singletons
        key = id(self)
        inst = table.get(key)
        if inst is not None:
            return inst
        with self.lock:
            inst = table.get(key)
            if inst is None:
                inst = self._instantiate(f, args or [], span)
                table[key] = inst
        return inst


def construct(cls: ClassDef, inst: Instance, args: list[Any], f: Any, span: Span | None, proc: Any) -> None:
    """Run the nearest constructor of `cls` (or of its superclasses) on `inst`."""
    ctor = (cls._setup or cls.setup())[1]
    if ctor is not None:
        proc.runtime.interp.invoke(ctor, args, f, span, this=inst, process=proc)


def _new_instance(f: Any, args: list[Any], span: Span | None, cls: ClassDef, proc: Any) -> Instance:
    """A new instance of `cls`: properties initialised, then the constructor run with `args` as its parameters.

    Also the call of `cs.Name.new(...)` for a class that is not a singleton (see ClassDef.new_call).
    """
    inits, ctor = cls._setup or cls.setup()
    inst = _new_instance_of(Instance)  # Instance(cls) without the two __init__ calls
    inst.cls = cls
    inst.group = None
    if cls.shared:
        inst.group = new_shared_group()
        inst.group.acquire(proc)
    try:
        for pname, init in inits:
            v = proc.runtime.interp.invoke(init, [], f, span, this=inst, process=proc)
            if cls.shared:
                v = _make_shared(v, inst)
            store_property(inst, pname, v)
        if ctor is not None:
            (ctor.call or prepare_call(ctor))(f, args, span, inst, proc)
    finally:
        if cls.shared:
            inst.group.release(proc)
    return inst


# Instances are made without the Python-level Obj.__init__: every slot must be set above
assert Obj.__slots__ == ("group",) and Instance.__slots__ == ("cls",), "_new_instance must set every slot"
_new_instance_of = dict.__new__
MEMBER_CALL_HOOKS[ClassDef] = ClassDef.new_call
PROPERTY_HOOKS[ClassDef] = ClassDef.get_4d_property


# ------------------------------------------------------------------ class stores


class ClassStore:
    """`cs`: the user classes of the project, compiled on first use."""

    is_4d_object = True
    class_name = "ClassStore"
    value_type_code = IS_OBJECT

    def __init__(self, runtime: Any):
        self.runtime = runtime
        self.classes: dict[str, ClassDef] = {}
        self.previous: dict[str, ClassDef] = {}  # classes being redefined (lang/reload.py)
        self.loading: set[str] = set()
        self.lock = threading.RLock()
        self.shared_singletons: dict[int, Any] = {}
        self.session_singletons: dict[str, dict[int, Any]] = {}
        self.builtins = BuiltinStore(self)

    def get(self, name: str, span: Span | None = None) -> ClassDef | None:
        c = self.classes.get(name)
        if c is not None:
            return c
        with self.lock:
            c = self.classes.get(name)
            if c is not None:
                return c
            if name in self.loading:
                raise FourDError(ERR_CLASS, f'Class "{name}" extends itself (circular Class extends)', span)
            mt = self.runtime.project.load_class(name)
            if mt is None:
                return None
            self.loading.add(name)
            try:
                c = load_class(self, name, mt)
            finally:
                self.loading.discard(name)
            previous = self.previous.pop(name, None)
            if previous is not None:  # a class edited in a session: its class object stays, with the new definition
                from .reload import adopt_class

                c = adopt_class(previous, c)
            self.classes[name] = c
            return c

    def get_4d_property(self, name: str) -> Any:
        c = self.classes.get(name) or self.get(name)
        return c if c is not None else UNDEFINED

    def set_4d_property(self, name: str, v: Any) -> None:
        raise FourDError(ERR_READONLY, "The class store cs is read-only")

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of cs', span)

    def keys_4d(self) -> list[str]:
        return sorted(self.runtime.project.class_names())

    def iter_4d(self) -> list[str]:
        return self.keys_4d()

    def to_json(self) -> Any:
        return Obj()


class BuiltinStore:
    """`4D`: the built-in class store (Object, Class, Function and the classes of 4D objects)."""

    is_4d_object = True
    class_name = "ClassStore"
    value_type_code = IS_OBJECT

    def __init__(self, store: ClassStore):
        self.store = store
        self.classes: dict[str, ClassDef] = {}
        self.object = self._make("Object", None)

    def _make(self, name: str, parent: ClassDef | None) -> ClassDef:
        c = ClassDef(self.store, name, parent, builtin=True)
        self.classes[name] = c
        return c

    def get(self, name: str) -> ClassDef:
        c = self.classes.get(name)
        if c is None:
            parent_name = _BUILTIN_PARENTS.get(name, "Object")
            c = self._make(name, self.get(parent_name) if parent_name != "Object" else self.object)
        return c

    def get_4d_property(self, name: str) -> Any:
        if name in self.classes or name in _BUILTIN_CLASSES:
            return self.get(name)
        return UNDEFINED

    def set_4d_property(self, name: str, v: Any) -> None:
        raise FourDError(ERR_READONLY, "The class store 4D is read-only")

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of 4D', span)

    def keys_4d(self) -> list[str]:
        return sorted(set(self.classes) | set(_BUILTIN_CLASSES))

    def iter_4d(self) -> list[str]:
        return self.keys_4d()

    def to_json(self) -> Any:
        return Obj()


PROPERTY_HOOKS[ClassStore] = ClassStore.get_4d_property
PROPERTY_HOOKS[BuiltinStore] = BuiltinStore.get_4d_property


def class_store(runtime: Any) -> ClassStore:
    """The runtime's `cs` store (one per run)."""
    interp = runtime.interp
    store = interp.class_store
    if store is None:
        with runtime.proc_lock:
            store = interp.class_store
            if store is None:
                store = interp.class_store = ClassStore(runtime)
    return store


def has_class(v: Any, name: str) -> bool:
    """True if `v` is an instance of the user class `name` or of one of its subclasses."""
    cls = getattr(v, "cls", None) if isinstance(v, Instance) else None
    while cls is not None:
        if cls.name == name:
            return True
        cls = cls.parent
    fits = getattr(v, "fits_class", None)  # a built-in object standing for a class (the test context)
    return fits is not None and fits(name)


def class_of(runtime: Any, v: Any) -> ClassDef | None:
    """`OB Class`: the class of an object; Null for anything that is not an object."""
    if isinstance(v, Instance):
        return v.cls
    store = class_store(runtime)
    if type(v) is Obj:
        return store.builtins.object
    if isinstance(v, ClassDef):
        return store.builtins.get("Class")
    if isinstance(v, Formula4D):
        return store.builtins.get("Function")
    if isinstance(v, Obj) and not getattr(v, "is_4d_object", False):
        return store.builtins.object
    if getattr(v, "is_4d_object", False):  # 4D.Signal (a shared Obj), 4D.Session, ...
        user = getattr(v, "cls", None)  # an ORDA object of a project class (cs.DataStore, cs.<T>Entity...)
        if isinstance(user, ClassDef):
            return user
        return store.builtins.get(getattr(v, "class_name", "Object"))
    return None


# ------------------------------------------------------------------ compiling class files


def load_class(store: ClassStore, name: str, mt: Any) -> ClassDef:
    """Parse and compile the text of a class (`Classes/<name>.4dm`, a `MethodText`)."""
    from .cache import parse_cached

    stmts = parse_cached(mt.source)
    interp = store.runtime.interp
    parent_name: str | None = None
    parent_span: Span | None = None
    props: list[N.ClassProperty] = []
    bodies: list[tuple[N.Stmt, list[N.Stmt]]] = []
    aliases: dict[str, str] = {}
    for s in stmts:
        alias = _orda_alias(s)
        if alias is not None:
            aliases[alias[0]] = alias[1]  # `{exposed} Alias name path` (ORDA entity classes)
            continue
        if isinstance(s, (N.ClassConstructor, N.ClassFunction)):
            bodies.append((s, []))
        elif isinstance(s, N.ClassExtends):
            if bodies:
                raise Syntax4DError("`Class extends` must come before the constructor and the functions", s.span)
            if parent_name is not None:
                raise Syntax4DError("A class can extend only one class", s.span)
            parent_name, parent_span = s.parent, s.span
        elif isinstance(s, N.ClassProperty):
            if bodies:
                raise Syntax4DError(
                    "`property` must be declared outside any Function or Class constructor code", s.span
                )
            props.append(s)
        elif not bodies:
            raise Syntax4DError(
                "Only `property` and `Class extends` may come before the first Function or Class constructor", s.span
            )
        else:
            bodies[-1][1].append(s)

    parent: ClassDef | None = store.builtins.object
    if parent_name is not None:
        pn = parent_name.removeprefix("cs.")
        if pn in _OBJECT_NAMES or parent_name in _OBJECT_NAMES:
            parent = store.builtins.object
        elif pn.removeprefix("4D.") in _ORDA_PARENTS:
            parent = store.builtins.get(pn.removeprefix("4D."))
        elif pn == name:
            raise FourDError(ERR_CLASS, f'Class "{name}" cannot extend itself', parent_span)
        elif parent_name.startswith(("4D.", "4d.")):
            raise FourDError(
                ERR_NOT_SUPPORTED, f"Extending the built-in class {parent_name} is not supported by mini4d", parent_span
            )
        else:
            parent = store.get(pn, parent_span)
            if parent is None:
                raise FourDError(
                    ERR_CLASS, f'Class "{name}" extends "{pn}", which is not a class of the project', parent_span
                )

    cls = ClassDef(store, name, parent)
    cls.source = mt.source
    cls.aliases = aliases  # type: ignore[attr-defined]
    cls.orda_functions = {}  # type: ignore[attr-defined]  # ("query" | "orderby", attribute) -> function
    own_names: dict[str, str] = {}

    def claim(member: str, kind: str, span: Span) -> None:
        prev = own_names.get(member)
        if prev is not None and not (prev.startswith("computed") and kind.startswith("computed") and prev != kind):
            what = "a property and a function" if "property" in (prev, kind) else "two members"
            raise FourDError(
                ERR_CLASS,
                f'Class "{name}": {what} named "{member}" (properties and functions share one namespace)',
                span,
            )
        own_names[member] = kind

    for p in props:
        if p.init is not None and len(p.names) > 1:
            raise Syntax4DError("An initial value can be given to one property only", p.span)
        for pn in p.names:
            claim(pn, "property", p.span)
        if p.init is not None:
            code = compile_formula_code(interp, p.init, mt.source, name=f"{name}.{p.names[0]}")
            code.owner = cls
            cls.props.append((p.names[0], code))

    ctor_seen = False
    accessors: dict[str, list[Any]] = {}
    for node, body in bodies:
        if isinstance(node, N.ClassConstructor):
            if ctor_seen:
                raise FourDError(
                    ERR_CLASS, f'Class "{name}" has two Class constructor functions (only one is allowed)', node.span
                )
            ctor_seen = True
            mods = set(node.modifiers)
            cls.session_singleton = "session" in mods and "singleton" in mods
            cls.singleton = "singleton" in mods
            cls.shared = "shared" in mods or cls.session_singleton
            code = interp.compile_unit(
                f"{name}:constructor",
                tuple(_ctor_body(body)),
                mt.source,
                kind="constructor",
                params=node.params,
                owner=cls,
            )
            code.owner = cls
            _wrap_constructor(cls, code, node.span)
            cls.ctor = code
            continue
        mods = set(node.modifiers)
        text = node.span.text().strip()
        kind = node.kind
        if kind.startswith("event"):
            # ORDA entity events: compiled and kept under (event, attribute) ("" = entity level);
            # the datastore runs them (lang/datastore/events.py)
            words = kind.split()
            event = words[1] if len(words) > 1 else node.name.lower()
            attr = node.name if len(words) > 1 else ""
            _check_event(name, event, attr, node.span)
            code = interp.compile_unit(
                f"{name}.event {event} {attr}".rstrip(),
                tuple(body),
                mt.source,
                kind="function",
                params=node.params,
                result=node.result,
            )
            code.owner = cls
            cls.orda_functions[("event", event, attr)] = ClassFunction4D(cls, node.name, code, text, False)  # type: ignore[attr-defined]
            continue
        if kind in ("query", "orderby"):
            code = interp.compile_unit(
                f"{name}.{kind} {node.name}",
                tuple(body),
                mt.source,
                kind="function",
                params=node.params,
                result=node.result,
            )
            code.owner = cls
            cls.orda_functions[(kind, node.name)] = ClassFunction4D(cls, node.name, code, text, False)  # type: ignore[attr-defined]
            continue
        claim(node.name, f"computed {kind}" if kind else "function", node.span)
        code = interp.compile_unit(
            f"{name}.{node.name}", tuple(body), mt.source, kind="function", params=node.params, result=node.result
        )
        code.owner = cls
        fn = ClassFunction4D(cls, node.name, code, text, "shared" in mods)
        fn.modifiers = frozenset(mods)  # exposed, onhttpget: read by the REST server
        if kind:
            # an accessor kind the class does not define is inherited (get and set separately)
            pair = accessors.setdefault(node.name, list(cls.accessors.get(node.name, (None, None))))
            pair[0 if kind == "get" else 1] = fn
        else:
            cls.functions[node.name] = fn
            cls.accessors.pop(node.name, None)
    for pname, pair in accessors.items():
        cls.accessors[pname] = (pair[0], pair[1])
        cls.functions.pop(pname, None)
    # shared functions: the keyword counts only in a shared class (classes.md)
    for fn in cls.functions.values():
        if fn.owner is cls:
            fn.shared = fn.shared and cls.shared
    return cls


_ALIAS_RX = None


def _orda_alias(s: N.Stmt) -> tuple[str, str] | None:
    """(name, path) of an ORDA `{exposed} Alias name path` line (parsed as an expression statement)."""
    if not isinstance(s, N.ExprStmt):
        return None
    global _ALIAS_RX
    if _ALIAS_RX is None:
        import re

        _ALIAS_RX = re.compile(r"\s*(?:exposed\s+)?alias\s+([^\W\d]\w*)\s+([^\W\d][\w.]*)\s*$", re.I)
    m = _ALIAS_RX.match(s.span.text())
    return (m.group(1), m.group(2)) if m else None


def _ctor_body(body: list[N.Stmt]) -> list[N.Stmt]:
    """A bare `Super` statement in a constructor calls the superclass constructor."""
    out = []
    for s in body:
        if (
            isinstance(s, N.ExprStmt)
            and isinstance(s.expr, N.Command)
            and s.expr.number in (1705, 1706)
            and not s.expr.has_parens
        ):
            s = replace(s, expr=replace(s.expr, has_parens=True))
        out.append(s)
    return out


def _needs_super(cls: ClassDef) -> bool:
    c = cls.user_parent()
    while c is not None:
        if c.ctor is not None:
            return True
        c = c.user_parent()
    return False


_EVENTS = ("touched", "validatesave", "saving", "aftersave", "validatedrop", "dropping", "afterdrop")


def _check_event(cls_name: str, event: str, attr: str, span: Span) -> None:
    """`Function event <kind> {<attribute>}`: a known entity event, afterSave/afterDrop at entity level only."""
    if event not in _EVENTS:
        raise FourDError(
            ERR_CLASS,
            f'Class "{cls_name}": "{event}" is not an entity event (touched, validateSave, saving, afterSave, '
            "validateDrop, dropping, afterDrop)",
            span,
        )
    if attr and event in ("aftersave", "afterdrop"):
        raise FourDError(ERR_CLASS, f'Class "{cls_name}": the {event} event is defined at the entity level only', span)


def _wrap_constructor(cls: ClassDef, code: Any, span: Span) -> None:
    inner = code.body
    needs_super = _needs_super(cls)  # the superclasses are loaded before their subclass is compiled
    if not needs_super and not code.attributes.get("calls Super") and fastops.FASTPATHS:
        return  # nothing to check: This is always usable, Super() is never called

    def constructor_body(f: Any) -> Any:
        st = CtorState(cls, needs_super)
        f.extra = st
        r = inner(f)
        if st.needs_super and not st.super_called:
            raise FourDError(
                ERR_SUPER_NOT_CALLED,
                "Not all class constructors of the inheritance chain were called: "
                f"{cls.name} constructor must call Super()",
                span,
            )
        return r

    code.body = constructor_body


# ------------------------------------------------------------------ This and Super (compiled specially)


def compile_this(interp: Any, node: N.Command, scope: Any, info: Any) -> Any:
    """`This`; in a constructor, an error before the superclass was constructed (-10743)."""
    if node.args:
        span = node.span

        def bad(f: Any) -> Any:
            raise FourDError(ERR_ARG_COUNT, "This takes no parameter", span)

        return bad
    if scope.code.kind != "constructor":
        return _this
    owner = getattr(scope.code, "owner", None)
    if owner is not None and not _needs_super(owner) and fastops.FASTPATHS:
        return _this  # no superclass constructor to call first: This is always usable
    span = node.span

    def this_in_constructor(f: Any) -> Any:
        st = f.extra
        if type(st) is CtorState and st.needs_super and not st.super_called:
            raise FourDError(
                ERR_THIS_BEFORE_SUPER,
                f"This is used before the superclass of {st.cls.name} was constructed: call Super() first",
                span,
            )
        return f.this

    return this_in_constructor


def _this(f: Any) -> Any:
    return f.this


_this.reads_frame_this = True  # type: ignore[attr-defined]  # `This.name` reads f.this itself (expr_Member)


def compile_super(interp: Any, node: N.Command, scope: Any, info: Any) -> Any:
    """`Super(...)` calls the superclass constructor; `Super` alone is the superclass prototype."""
    span = node.span
    if not node.has_parens and not node.args:

        def super_ref(f: Any) -> Any:
            owner = getattr(f.code, "owner", None)
            if owner is None:
                raise FourDError(ERR_SUPER_MISUSE, "Super is used outside a class function (no object scope)", span)
            parent = owner.parent
            return SuperRef(parent if parent is not None and not parent.builtin else None, f.this)

        return super_ref
    arg_fns = tuple(interp.compile_expr(a, scope) for a in node.args)
    scope.code.attributes["calls Super"] = True  # its constructor keeps the Super() bookkeeping (_wrap_constructor)

    def super_call(f: Any) -> Any:
        st = f.extra
        if type(st) is not CtorState or f.code.kind != "constructor":
            raise FourDError(ERR_SUPER_MISUSE, "Super() is called outside a class constructor (no object scope)", span)
        if st.super_called:
            raise FourDError(
                ERR_SUPER_MISUSE, "Super() is called twice: the superclass constructor was already called", span
            )
        args = [a(f) for a in arg_fns]
        st.super_called = True
        parent = st.cls.parent
        if parent is not None and not parent.builtin:
            construct(parent, f.this, args, f, span, f.process)
        return None

    return super_call


def compile_cs(interp: Any, node: N.Command, scope: Any, info: Any) -> Any:
    """`cs`: the class store of the interpreter's runtime, found once."""
    if node.args:
        return interp.compile_command_call(info, node.args, node.span, scope)  # its parameter-count error
    store = class_store(interp.runtime)
    return lambda f: store
