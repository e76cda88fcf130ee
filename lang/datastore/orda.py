"""ORDA objects: `ds` (4D.DataStoreImplementation or the project's cs.DataStore), dataclasses,
entities and entity selections (docs/API/DataStoreClass, DataClassClass, EntityClass,
EntitySelectionClass; docs/ORDA).

Entities and entity selections are references to records by record number; values are read
from the data when needed (a selection being iterated loads its entities in batches).
User classes of the project extend them: cs.DataStore, cs.<Table>, cs.<Table>Entity and
cs.<Table>Selection add functions and computed attributes (`Function get/set`).
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import ERR_NOT_A_FUNCTION, ERR_READONLY, FourDError
from ..values import IS_OBJECT, UNDEFINED, Coll, Obj, current_process, fold
from . import codec
from .catalog import ORDA_TYPE, Field, Relation, Table
from .errors import ERR_NOT_ALTERABLE, ERR_ORDA, ERR_OTHER_DATACLASS
from .records import Record
from .store import OK, STATUS_GONE, STATUS_LOCKED, STATUS_SERIOUS, STATUS_STAMP, DataStore, SaveResult

STATUS_TEXT = {
    1: "Permission Error",
    2: "Stamp has changed",
    3: "Already locked",
    4: "Other error",
    5: "Entity does not exist anymore",
    6: "Auto merge failed",
    7: "Mild Validation Error",
    8: "Serious Validation Error",
}

BATCH = 500


def _proc(f: Any) -> Any:
    if f is not None:
        return f.process
    p = current_process()
    return p


def _user_class(store: DataStore, name: str) -> Any:
    from ..classes import class_store

    try:
        return class_store(store.runtime).get(name)
    except FourDError:
        raise


def _call_user(obj: Any, cls: Any, f: Any, name: str, args: list[Any], span: Any) -> Any:
    fn = cls.functions.get(name) if cls is not None else None
    if fn is None:
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of {obj.describe()}', span)
    return fn.invoke(f, args, this=obj, span=span)


# ------------------------------------------------------------------ ds


class DataStore4D:
    """`ds`: the main datastore; each exposed table is a property."""

    is_4d_object = True
    class_name = "DataStoreImplementation"
    value_type_code = IS_OBJECT

    def __init__(self, store: DataStore):
        self.store = store
        self.cls = _user_class(store, "DataStore")
        self._dcs: dict[str, DataClass4D] = {}
        self.exposed: dict[str, Table] = {t.name: t for t in store.schema.tables if t.pk is not None}

    def describe(self) -> str:
        return "the datastore"

    def dataclass(self, t: Table) -> DataClass4D:
        dc = self._dcs.get(t.name)
        if dc is None:
            dc = DataClass4D(self, t)
            self._dcs[t.name] = dc
        return dc

    def get_4d_property(self, name: str) -> Any:
        t = self.exposed.get(name)
        if t is not None:
            return self.dataclass(t)
        if self.cls is not None:
            acc = self.cls.accessors.get(name)
            if acc is not None and acc[0] is not None:
                return acc[0].invoke(None, [], this=self)
            fn = self.cls.functions.get(name)
            if fn is not None:
                return fn
        return UNDEFINED

    def set_4d_property(self, name: str, v: Any) -> None:
        raise FourDError(ERR_READONLY, f'Cannot set "{name}": the datastore is read-only')

    def keys_4d(self) -> list[str]:
        return list(self.exposed)

    def iter_4d(self) -> list[str]:
        return self.keys_4d()

    def to_json(self) -> Any:
        return None

    def __repr__(self) -> str:
        return "<ds>"

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        proc = _proc(f)
        if name == "getInfo":
            o = Obj()
            o.update({"type": "4D", "networked": False, "localID": ""})
            return o
        if name == "startTransaction":
            self.store.need_engine().start(proc) if self.store.engine is not None else None
            return None
        if name == "validateTransaction":
            if self.store.engine is not None:
                self.store.engine.validate(proc)
            return None
        if name == "cancelTransaction":
            if self.store.engine is not None:
                self.store.engine.cancel(proc)
            return None
        if name == "getGlobalStamp":
            return 0.0
        if name == "isAdminProtected":
            return False
        if name == "getRequestLog":
            return Coll()
        if name in ("clearAllRemoteContexts", "flushAndLock", "unlock", "setAdminProtection", "setRemoteContextInfo"):
            return None
        if name == "getAllRemoteContexts":
            return Coll()
        if name == "getModelInfo" or name == "getInfos":
            return self.call_4d_member(f, "getInfo", args, span)
        if name == "encryptionStatus":
            o = Obj()
            o.update({"isEncrypted": False, "keyProvided": False, "tables": Obj()})
            return o
        return _call_user(self, self.cls, f, name, args, span)


def datastore_object(store: DataStore) -> DataStore4D:
    if store.ds is None:
        from ..classes import class_store

        class_store(store.runtime)  # before store.lock: the class store takes runtime.proc_lock
        with store.lock:
            if store.ds is None:
                store.ds = DataStore4D(store)
    return store.ds


# ------------------------------------------------------------------ attributes


class Attr:
    """An attribute of a dataclass: storage field, related entity/entities, computed or alias."""

    __slots__ = ("name", "kind", "field", "relation", "related", "getter", "setter", "path", "info")

    def __init__(self, name: str, kind: str):
        self.name = name
        self.kind = kind  # storage relatedEntity relatedEntities calculated alias
        self.field: Field | None = None
        self.relation: Relation | None = None
        self.related: Table | None = None
        self.getter: Any = None
        self.setter: Any = None
        self.path = ""
        self.info: Obj | None = None


class DataClass4D:
    """`ds.Table`: a table with a single-field primary key."""

    is_4d_object = True
    class_name = "DataClass"
    value_type_code = IS_OBJECT

    def __init__(self, ds: DataStore4D, table: Table):
        self.ds = ds
        self.store = ds.store
        self.table = table
        self.name = table.name
        self.cls = _user_class(self.store, table.name)
        self.entity_cls = _user_class(self.store, table.name + "Entity")
        self.sel_cls = _user_class(self.store, table.name + "Selection")
        self.attrs: dict[str, Attr] = {}
        for fld in table.fields:
            a = Attr(fld.name, "storage")
            a.field = fld
            self.attrs[fld.name] = a
        for rel in table.many_to_one:
            if rel.name_n_to_1:
                a = Attr(rel.name_n_to_1, "relatedEntity")
                a.relation = rel
                a.related = rel.dest.table
                self.attrs[rel.name_n_to_1] = a
        for rel in table.one_to_many:
            if rel.name_1_to_n:
                a = Attr(rel.name_1_to_n, "relatedEntities")
                a.relation = rel
                a.related = rel.source.table
                self.attrs[rel.name_1_to_n] = a
        ec = self.entity_cls
        if ec is not None:
            for aname, (g, s) in ec.accessors.items():
                if aname in self.attrs:
                    continue
                a = Attr(aname, "calculated")
                a.getter, a.setter = g, s
                self.attrs[aname] = a
            for aname, path in getattr(ec, "aliases", {}).items():
                if aname not in self.attrs:
                    a = Attr(aname, "alias")
                    a.path = path
                    self.attrs[aname] = a
        self.pk = table.pk

    def describe(self) -> str:
        return f"the dataclass {self.name}"

    @property
    def engine(self) -> Any:
        return self.store.need_engine()

    def related_dc(self, t: Table | None) -> DataClass4D:
        if t is None or t.pk is None:
            raise FourDError(ERR_ORDA, "The related table is not a dataclass (it has no single primary key)")
        return self.ds.dataclass(t)

    # 4D view
    def attr_info(self, a: Attr) -> Obj:
        if a.info is None:
            o = Obj()
            o["name"] = a.name
            o["kind"] = a.kind
            o["exposed"] = True
            if a.field is not None:
                fld = a.field
                o.update(
                    {
                        "type": ORDA_TYPE[fld.kind],
                        "fieldType": float(fld.type_number),
                        "fieldNumber": float(fld.number),
                        "indexed": fld.indexed or self.table.pk is fld,
                        "keywordIndexed": fld.keyword_indexed,
                        "unique": fld.unique,
                        "mandatory": fld.not_null,
                        "autoFilled": fld.autosequence or fld.autogenerate,
                        "exposed": not fld.hide_in_rest,
                        "readOnly": False,
                    }
                )
            elif a.kind in ("relatedEntity", "relatedEntities"):
                rel = a.relation
                assert rel is not None
                many = a.kind == "relatedEntities"
                related = a.related.name if a.related else ""
                o.update(
                    {
                        "type": related + ("Selection" if many else ""),
                        "fieldType": 42.0 if many else 38.0,
                        "relatedDataClass": related,
                        "inverseName": rel.name_n_to_1 if many else rel.name_1_to_n,
                        "readOnly": False,
                    }
                )
            elif a.kind == "calculated":
                o["readOnly"] = a.setter is None
            elif a.kind == "alias":
                o["path"] = a.path
            a.info = o
        return a.info

    def get_4d_property(self, name: str) -> Any:
        a = self.attrs.get(name)
        if a is not None:
            return self.attr_info(a)
        if self.cls is not None:
            fn = self.cls.functions.get(name)
            if fn is not None:
                return fn
        return UNDEFINED

    def set_4d_property(self, name: str, v: Any) -> None:
        raise FourDError(ERR_READONLY, f'Cannot set "{name}": dataclasses are read-only')

    def keys_4d(self) -> list[str]:
        return list(self.attrs)

    def iter_4d(self) -> list[str]:
        return self.keys_4d()

    def to_json(self) -> Any:
        return None

    def __repr__(self) -> str:
        return f"<DataClass {self.name}>"

    # functions
    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        proc = _proc(f)
        if name == "all":
            return self.all(proc)
        if name == "get":
            if not args:
                raise FourDError(ERR_ORDA, ".get() needs a primary key value")
            return self.get(proc, args[0])
        if name == "new":
            return self.new(f)
        if name == "newSelection":
            keep = bool(args) and args[0] in (1, 1.0, "keepOrdered")
            return EntitySelection4D(self, [], ordered=keep, alterable=True)
        if name == "query":
            from .query import query_dataclass

            return query_dataclass(f, self, args, span)
        if name == "getCount":
            return float(self.engine.count(proc, self.table))
        if name == "getDataStore":
            return self.ds
        if name == "getInfo":
            o = Obj()
            o.update(
                {
                    "name": self.name,
                    "primaryKey": self.pk.name if self.pk else "",
                    "tableNumber": float(self.table.number),
                    "exposed": not self.table.hide_in_rest,
                }
            )
            return o
        if name == "fromCollection":
            if not args or not isinstance(args[0], Coll):
                raise FourDError(ERR_ORDA, ".fromCollection() needs a collection of objects")
            return from_collection(f, self, args[0], args[1] if len(args) > 1 else None)
        if name in ("clearRemoteCache", "setRemoteCacheSettings"):
            return None
        if name == "getRemoteCache":
            return Obj()
        return _call_user(self, self.cls, f, name, args, span)

    # engine-level helpers
    def all(self, proc: Any) -> EntitySelection4D:
        eng = self.engine
        snap = eng.snapshot(proc)
        if snap is None:
            return EntitySelection4D(self, eng.all_recs(proc, self.table), ordered=False)
        # the record numbers are read when first needed (before any write of the runtime at the
        # latest): `ds.T.all().sum("x")` never lists them
        es = EntitySelection4D(self, None, ordered=False)  # type: ignore[arg-type]
        es.origin = ("1=1", [], snap)
        es.lazy_proc = proc
        with eng.conn_lock:
            eng.lazy.add(es)
        return es

    def get(self, proc: Any, key: Any) -> Entity4D | None:
        pk = self.pk
        assert pk is not None
        if key is None or key is UNDEFINED:
            return None
        if pk.kind == "text":
            if type(key) is not str:
                if type(key) in (float, int):
                    return None
                raise FourDError(ERR_ORDA, f"The primary key of {self.name} is a text")
        else:
            if type(key) is str:
                try:
                    key = float(key)
                except ValueError:
                    return None
            if type(key) not in (float, int):
                raise FourDError(ERR_ORDA, f"The primary key of {self.name} is a number")
        recs = self.engine.keys_to_recs(proc, self.table, pk, [codec.to_field(pk, key)])
        if not recs:
            return None
        return self.entity_at(proc, recs[0])

    def entity_at(self, proc: Any, rec: int) -> Entity4D | None:
        row = self.engine.fetch_one(proc, self.table, rec)
        if row is None:
            return None
        e = Entity4D(self, Record(self.table, rec, row[0], row[1]))
        return e

    def new(self, f: Any) -> Entity4D:
        r = Record(self.table)
        for fld in self.table.fields:
            if fld.never_null:
                r.values[fld.index] = codec.blank(fld.kind)
        r.old = list(r.values)
        e = Entity4D(self, r)
        self.construct(f, e)
        return e

    def construct(self, f: Any, e: Entity4D) -> None:
        ec = self.entity_cls
        if ec is not None:
            setup = ec._setup or ec.setup()
            ctor = setup[1]
            if ctor is not None:
                proc = _proc(f)
                self.store.runtime.interp.invoke(ctor, [], f, None, this=e, process=proc)

    def key_recs(self, proc: Any, keys: list[Any]) -> list[int]:
        assert self.pk is not None
        return self.engine.keys_to_recs(proc, self.table, self.pk, keys)


# ------------------------------------------------------------------ entities


class Entity4D:
    """An entity: a reference to a record of a dataclass, with its values in memory."""

    is_4d_object = True
    class_name = "Entity"
    value_type_code = IS_OBJECT
    __slots__ = ("dc", "r", "batch", "selection", "pos", "related", "lock_count", "read_auto", "__weakref__")

    def __init__(self, dc: DataClass4D, r: Record | None, batch: Any = None):
        self.dc = dc
        self.r = r
        self.batch = batch  # (_Batch) values loaded with their neighbours on first use
        self.selection: EntitySelection4D | None = None
        self.pos = -1
        self.related: dict[str, Any] = {}
        self.lock_count = 0
        self.read_auto = False

    def describe(self) -> str:
        return f"an entity of {self.dc.name}"

    @property
    def cls(self) -> Any:
        return self.dc.entity_cls

    def rec(self) -> Record:
        r = self.r
        if r is None:
            self.batch.load()
            r = self.r
            if r is None:
                # dropped meanwhile: an empty record keeps the reference usable
                r = self.r = Record(self.dc.table, -1)
                r.is_new = False
        return r

    def __repr__(self) -> str:
        return f"<Entity {self.dc.name} #{self.r.rec if self.r else '?'}>"

    def to_json(self) -> Any:
        return self.to_object(None, 0)

    def key(self) -> Any:
        r = self.rec()
        pk = self.dc.pk
        return r.values[pk.index] if pk is not None else None

    # attribute access
    def get_4d_property(self, name: str) -> Any:
        a = self.dc.attrs.get(name)
        if a is None:
            cls = self.dc.entity_cls
            if cls is not None:
                fn = cls.functions.get(name)
                if fn is not None:
                    return fn
            return UNDEFINED
        return self.get_attr(a, current_process())

    def get_attr(self, a: Attr, proc: Any) -> Any:
        k = a.kind
        if k == "storage":
            r = self.rec()
            fld = a.field
            assert fld is not None
            v = r.values[fld.index]
            if r.is_new and (fld.autosequence or fld.autogenerate) and not v:
                self.dc.store.fill_auto(proc, r)  # reading an autoFilled attribute fills it
                self.read_auto = True
                v = r.values[fld.index]
            return v
        if k == "relatedEntity":
            if a.name in self.related:
                return self.related[a.name]
            rel = a.relation
            assert rel is not None
            key = self.rec().values[rel.source.index]
            if key is None:
                return None
            dc = self.dc.related_dc(a.related)
            recs = dc.engine.keys_to_recs(proc, dc.table, rel.dest, [key])
            return dc.entity_at(proc, recs[0]) if recs else None
        if k == "relatedEntities":
            rel = a.relation
            assert rel is not None
            key = self.rec().values[rel.dest.index]
            dc = self.dc.related_dc(a.related)
            if key is None:
                return EntitySelection4D(dc, [], ordered=False)
            recs = dc.engine.keys_to_recs(proc, dc.table, rel.source, [key])
            return EntitySelection4D(dc, recs, ordered=False)
        if k == "calculated":
            if a.getter is None:
                return UNDEFINED
            ev = Obj()
            ev.update({"attributeName": a.name, "dataClassName": self.dc.name, "kind": "get", "result": UNDEFINED})
            return a.getter.invoke(None, [ev], this=self)
        if k == "alias":
            v: Any = self
            for step in a.path.split("."):
                if v is None or v is UNDEFINED:
                    return None
                v = v.get_4d_property(step) if hasattr(v, "get_4d_property") else UNDEFINED
            return v
        return UNDEFINED

    def set_4d_property(self, name: str, v: Any) -> None:
        a = self.dc.attrs.get(name)
        if a is None:
            raise FourDError(ERR_ORDA, f'The dataclass {self.dc.name} has no attribute "{name}"')
        k = a.kind
        if k == "storage":
            fld = a.field
            assert fld is not None
            r = self.rec()
            r.set(fld.index, codec.to_field(fld, v))
            for rel in self.dc.table.many_to_one:
                if rel.source is fld:
                    self.related.pop(rel.name_n_to_1, None)
            return
        if k == "relatedEntity":
            rel = a.relation
            assert rel is not None
            r = self.rec()
            if v is None or v is UNDEFINED:
                r.set(rel.source.index, None)
                self.related[a.name] = None
                return
            if isinstance(v, Entity4D):
                if v.dc.table is not a.related:
                    raise FourDError(ERR_ORDA, f'"{a.name}" needs an entity of {a.related.name if a.related else "?"}')
                key = v.rec().values[rel.dest.index]
                if key is None and v.rec().is_new:
                    v.dc.store.fill_auto(current_process(), v.rec())
                    key = v.rec().values[rel.dest.index]
                r.set(rel.source.index, key)
                self.related[a.name] = v
                return
            r.set(rel.source.index, codec.to_field(rel.source, v))
            self.related.pop(a.name, None)
            return
        if k == "calculated":
            if a.setter is None:
                raise FourDError(ERR_READONLY, f'The computed attribute "{name}" is read-only (no Function set)')
            ev = Obj()
            ev.update({"attributeName": a.name, "dataClassName": self.dc.name, "kind": "set", "value": v})
            a.setter.invoke(None, [v, ev], this=self)
            return
        raise FourDError(ERR_READONLY, f'The attribute "{name}" of {self.dc.name} cannot be assigned')

    def keys_4d(self) -> list[str]:
        return [n for n, a in self.dc.attrs.items() if a.kind in ("storage", "relatedEntity", "calculated", "alias")]

    def iter_4d(self) -> list[str]:
        return self.keys_4d()

    # functions
    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        proc = _proc(f)
        m = _ENTITY_MEMBERS.get(name)
        if m is not None:
            try:
                return m(self, f, proc, args)
            except (ValueError, TypeError, OverflowError):
                raise _bad_parameters(name) from None
        return _call_user(self, self.dc.entity_cls, f, name, args, span)

    def touched_names(self) -> list[str]:
        r = self.rec()
        out = []
        for i in sorted(r.touched):
            fld = self.dc.table.fields[i]
            out.append(fld.name)
            for rel in self.dc.table.many_to_one:
                if rel.source is fld and rel.name_n_to_1:
                    out.append(rel.name_n_to_1)
        return out

    def to_object(self, filt: Any, options: int) -> Obj:
        o = Obj()
        r = self.rec()
        proc = current_process()
        paths = _filter_paths(filt)
        if options & 1 or (paths is not None and "__KEY" in paths):
            o["__KEY"] = _plain(self.key())
        if options & 2:
            o["__STAMP"] = float(r.stamp)
        for aname, a in self.dc.attrs.items():
            if paths is None:
                if a.kind == "storage":
                    o[aname] = _plain(r.values[a.field.index])  # type: ignore[union-attr]
                elif a.kind == "relatedEntity":
                    rel = a.relation
                    assert rel is not None
                    key = r.values[rel.source.index]
                    if key is not None:
                        k = Obj()
                        k["__KEY"] = _plain(key)
                        o[aname] = k
                    else:
                        o[aname] = None
                continue
            sub = [p for p in paths if p == aname or p.startswith(aname + ".")]
            if not sub:
                continue
            v = self.get_attr(a, proc)
            if a.kind in ("relatedEntity", "relatedEntities"):
                inner = [p[len(aname) + 1 :] for p in sub if p != aname]
                if isinstance(v, Entity4D):
                    o[aname] = (
                        v.to_object(Coll(inner) if inner and inner != ["*"] else ("*" if inner else None), 0)
                        if inner
                        else _key_obj(v)
                    )
                elif isinstance(v, EntitySelection4D):
                    o[aname] = (
                        v.to_collection(Coll(inner) if inner and inner != ["*"] else None, 0, proc)
                        if inner
                        else Coll(_key_obj(e) for e in v.entities(proc))
                    )
                else:
                    o[aname] = None
            else:
                o[aname] = _plain(v)
        return o


def _bad_parameters(name: str) -> FourDError:
    """A member function given a parameter of the wrong type (a text where a number is needed...)."""
    return FourDError(ERR_ORDA, f".{name}(): a parameter has the wrong type or is out of range")


def _key_obj(e: Entity4D) -> Obj:
    o = Obj()
    o["__KEY"] = _plain(e.key())
    return o


def _plain(v: Any) -> Any:
    from ..core.conversions import to_storable

    if v is None:
        return None
    if isinstance(v, (Obj, Coll)):
        return v
    return to_storable(v)


def _filter_paths(filt: Any) -> list[str] | None:
    if filt is None or filt is UNDEFINED or filt == "" or filt == "*":
        return None
    if type(filt) is str:
        return [p.strip() for p in filt.split(",") if p.strip()]
    if isinstance(filt, Coll):
        return [str(p) for p in filt]
    return None


def _result(res: SaveResult, extra: dict[str, Any] | None = None) -> Obj:
    o = Obj()
    if res.status == OK:
        o["success"] = True
    else:
        o["success"] = False
        o["status"] = float(res.status)
        o["statusText"] = STATUS_TEXT.get(res.status, "Other error")
        if res.status == STATUS_LOCKED:
            o["lockKindText"] = "Locked by record"
            info = Obj()
            locker = res.locker
            info.update(
                {
                    "task_id": float(getattr(locker, "number", 0)),
                    "user_name": "designer",
                    "user4d_alias": "",
                    "host_name": "localhost",
                    "task_name": getattr(locker, "name", ""),
                    "client_version": 0.0,
                }
            )
            o["lockInfo"] = info
        if res.error is not None:
            err = Obj()
            err.update({"message": res.error.message, "componentSignature": "dbmg", "errCode": float(res.error.code)})
            o["errors"] = Coll([err])
    if extra:
        o.update(extra)
    return o


def _no_events(e: Entity4D, what: str) -> None:
    """Entity events (validateSave, saving, touched...) are not run yet: refuse rather than skip them."""
    ec = e.dc.entity_cls
    fns = getattr(ec, "orda_functions", None) if ec is not None else None
    events = sorted({k[1] for k in fns if k[0] == "event"}) if fns else []
    if events:
        from ..errors import ERR_NOT_SUPPORTED

        raise FourDError(
            ERR_NOT_SUPPORTED,
            f"cs.{ec.name} defines entity events ({', '.join(events)}): {what} with entity events "
            "is not supported by mini4d yet",
        )


def _save(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> Obj:
    _no_events(e, "save()")
    r = e.rec()
    store = e.dc.store
    if r.rec == -1:
        return _result(SaveResult(STATUS_GONE))
    if not r.is_new and not r.touched:
        return _result(SaveResult())
    if r.is_new and not r.touched and not e.read_auto:
        pass  # a new entity is saved even untouched (its automatic values are assigned)
    auto_merge = bool(args) and args[0] in (2, 2.0)
    expected = None if r.is_new else r.stamp
    if e.lock_count and store.engine is not None:
        expected = None  # a pessimistic lock held by this process: no stamp check needed
    res = store.save(proc, r, expected_stamp=expected)
    if res.status == STATUS_STAMP and auto_merge:
        cur = store.need_engine().fetch_one(proc, r.table, r.rec)
        if cur is None:
            return _result(SaveResult(STATUS_GONE))
        stamp, values = cur
        merged = []
        for i, old in enumerate(r.old):
            if i in r.touched:
                fld = r.table.fields[i]
                if not codec.same_value(values[i], old) and not codec.same_value(values[i], r.values[i]):
                    if fld.kind in ("object", "picture", "blob"):
                        return _result(SaveResult(STATUS_STAMP))
                    return _result(SaveResult(6))
                continue
            merged.append(i)
        touched = set(r.touched)
        for i in merged:
            r.values[i] = values[i]
        r.stamp = stamp
        r.touched = touched
        res = store.save(proc, r, expected_stamp=stamp)
        if res.status == OK:
            return _result(res, {"autoMerged": True})
    return _result(res)


def _drop(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> Obj:
    _no_events(e, "drop()")
    r = e.rec()
    store = e.dc.store
    if r.is_new or r.rec < 0:
        return _result(SaveResult(STATUS_GONE))
    force = bool(args) and args[0] in (1, 1.0)
    if not force:
        cur = store.need_engine().stamp_of(proc, r.table, r.rec)
        if cur is None:
            return _result(SaveResult(STATUS_GONE))
        if cur != r.stamp:
            return _result(SaveResult(STATUS_STAMP))
    res = store.delete(proc, r.table, r.rec, record=r)
    if res.status == OK and e.lock_count:
        store.need_engine().locks.release((r.table.uuid, r.rec), proc, all_counts=True)
        e.lock_count = 0
    return _result(res)


def _lock(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> Obj:
    r = e.rec()
    eng = e.dc.store.need_engine()
    if r.is_new or r.rec < 0:
        return _result(SaveResult(STATUS_GONE))
    cur = eng.stamp_of(proc, r.table, r.rec)
    if cur is None:
        return _result(SaveResult(STATUS_GONE))
    key = (r.table.uuid, r.rec)
    if not eng.locks.acquire(key, proc, "orda"):
        return _result(SaveResult(STATUS_LOCKED, locker=eng.locks.owner(key)))
    e.lock_count += 1
    if cur != r.stamp:
        if bool(args) and args[0] in (1, 1.0):  # dk reload if stamp changed
            row = eng.fetch_one(proc, r.table, r.rec)
            if row is not None:
                r.loaded(row[0], row[1])
            return _result(SaveResult(), {"wasReloaded": True})
        eng.locks.release(key, proc)
        e.lock_count -= 1
        return _result(SaveResult(STATUS_STAMP))
    return _result(SaveResult())


def _unlock(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> Obj:
    r = e.rec()
    eng = e.dc.store.need_engine()
    o = Obj()
    if e.lock_count and eng.locks.release((r.table.uuid, r.rec), proc):
        e.lock_count -= 1
        o["success"] = True
        return o
    o["success"] = True
    o["wasNotLocked"] = True
    return o


def _reload(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> Obj:
    r = e.rec()
    if r.is_new or r.rec < 0:
        return _result(SaveResult(STATUS_GONE))
    row = e.dc.store.need_engine().fetch_one(proc, r.table, r.rec)
    if row is None:
        return _result(SaveResult(STATUS_GONE))
    r.loaded(row[0], row[1])
    e.related.clear()
    return _result(SaveResult())


def _neighbour(e: Entity4D, proc: Any, where: str) -> Any:
    es = e.selection
    if es is None:
        return None
    n = len(es.recs)
    if where == "first":
        i = 0
    elif where == "last":
        i = n - 1
    elif where == "next":
        i = e.pos + 1
    else:
        i = e.pos - 1
    step = -1 if where in ("last", "previous") else 1
    while 0 <= i < n:
        ent = es.entity(proc, i)
        if ent is not None:
            return ent
        i += step
    return None


def _index_of(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> float:
    es = args[0] if args else e.selection
    if not isinstance(es, EntitySelection4D):
        return -1.0
    r = e.rec()
    try:
        return float(es.recs.index(r.rec))
    except ValueError:
        return -1.0


def _clone(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> Any:
    r = e.rec()
    if r.is_new:
        return None
    r2 = Record(r.table, r.rec, r.stamp, list(r.values))
    r2.old = list(r.old)
    r2.touched = set(r.touched)
    return Entity4D(e.dc, r2)


def _diff(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> Coll:
    if not args or not isinstance(args[0], Entity4D):
        raise FourDError(ERR_ORDA, ".diff() needs an entity of the same dataclass")
    other = args[0]
    if other.dc.table is not e.dc.table:
        raise FourDError(ERR_OTHER_DATACLASS, ".diff(): the entities belong to different dataclasses")
    names = None
    if len(args) > 1:
        names = _filter_paths(args[1])
    out = Coll()
    for aname, a in e.dc.attrs.items():
        if a.kind not in ("storage",) or (names is not None and aname not in names):
            continue
        va = e.rec().values[a.field.index]  # type: ignore[union-attr]
        vb = other.rec().values[a.field.index]  # type: ignore[union-attr]
        if not _values_equal(va, vb):
            o = Obj()
            o.update({"attributeName": aname, "value": _plain(va), "otherValue": _plain(vb)})
            out.append(o)
    return out


def _values_equal(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    if type(a) is str and type(b) is str:
        return a == b
    if isinstance(a, (Obj, Coll)):
        from ..jsonfmt import stringify

        return stringify(a) == stringify(b)
    return a == b


def _from_object(e: Entity4D, f: Any, proc: Any, args: list[Any]) -> None:
    if not args or not isinstance(args[0], Obj):
        return None
    src = args[0]
    for k, v in dict.items(src):
        if k == "__KEY":
            if e.dc.pk is not None:
                e.set_4d_property(e.dc.pk.name, v)
            continue
        a = e.dc.attrs.get(k)
        if a is None:
            continue
        if a.kind == "relatedEntity" and isinstance(v, Obj):
            key = dict.get(v, "__KEY", UNDEFINED)
            if key is UNDEFINED and a.related is not None and a.related.pk is not None:
                key = dict.get(v, a.related.pk.name, UNDEFINED)
            if key is not UNDEFINED:
                try:
                    e.set_4d_property(k, key)
                except FourDError:
                    pass
            continue
        if a.kind == "storage":
            try:
                e.set_4d_property(k, _convert_for(a.field, v))
            except FourDError:
                pass
    return None


def _convert_for(fld: Field | None, v: Any) -> Any:
    """fromObject/fromCollection: a value converted to the attribute's type when possible."""
    if fld is None or v is None:
        return v
    k = fld.kind
    if k in ("int16", "int32", "int64", "real", "time") and type(v) is str:
        try:
            return float(v)
        except ValueError:
            return v
    if k == "text" and type(v) in (float, int) and type(v) is not bool:
        from ..values import format_number

        return format_number(v)
    return v


_ENTITY_MEMBERS: dict[str, Any] = {
    "save": _save,
    "drop": _drop,
    "lock": _lock,
    "unlock": _unlock,
    "reload": _reload,
    "touched": lambda e, f, p, a: bool(e.rec().touched) or (e.rec().is_new and e.read_auto),
    "touchedAttributes": lambda e, f, p, a: Coll(e.touched_names()),
    "isNew": lambda e, f, p, a: e.rec().is_new,
    "getKey": lambda e, f, p, a: codec_key_text(e.key()) if a and a[0] in (1, 1.0) else _plain(e.key()),
    "getStamp": lambda e, f, p, a: float(e.rec().stamp),
    "getDataClass": lambda e, f, p, a: e.dc,
    "getSelection": lambda e, f, p, a: e.selection,
    "indexOf": _index_of,
    "first": lambda e, f, p, a: _neighbour(e, p, "first"),
    "last": lambda e, f, p, a: _neighbour(e, p, "last"),
    "next": lambda e, f, p, a: _neighbour(e, p, "next"),
    "previous": lambda e, f, p, a: _neighbour(e, p, "previous"),
    "clone": _clone,
    "diff": _diff,
    "toObject": lambda e, f, p, a: e.to_object(a[0] if a else None, int(a[1]) if len(a) > 1 else 0),
    "fromObject": _from_object,
    "getRemoteContextAttributes": lambda e, f, p, a: "",
}


def codec_key_text(v: Any) -> str:
    from ..values import to_text

    return to_text(v) if v is not None else ""


# ------------------------------------------------------------------ entity selections


class _Batch:
    """Entities of a selection created together, loaded together at the first use of one."""

    __slots__ = ("dc", "proc", "items")

    def __init__(self, dc: DataClass4D, proc: Any):
        self.dc = dc
        self.proc = proc
        self.items: list[tuple[int, Entity4D]] = []

    def load(self) -> None:
        recs = [rec for rec, _ in self.items]
        rows = self.dc.engine.fetch(current_process() or self.proc, self.dc.table, recs)
        for rec, e in self.items:
            row = rows.get(rec)
            if e.r is None and row is not None:
                e.r = Record(self.dc.table, rec, row[0], row[1])
            e.batch = None
        self.items = []


class EntitySelection4D:
    """An entity selection: record numbers of one dataclass, ordered or not, shareable or alterable."""

    is_4d_object = True
    class_name = "EntitySelection"
    value_type_code = IS_OBJECT

    def __init__(self, dc: DataClass4D, recs: list[int], ordered: bool = False, alterable: bool = False):
        self.dc = dc
        self._recs = recs
        self.lazy_proc: Any = None
        self.ordered = ordered
        self.alterable = alterable
        self.query_plan: Obj | None = None
        self.query_path: Obj | None = None
        # (WHERE clause, parameters, data snapshot) that selected exactly these records, when known:
        # while the data has not changed, aggregates and sorts run on it instead of a list of numbers
        self.origin: tuple[str, list[Any], Any] | None = None

    def where(self, proc: Any) -> tuple[str, list[Any]]:
        """A WHERE clause selecting the records of this selection."""
        o = self.origin
        if o is not None and o[2] is not None and o[2] == self.dc.engine.snapshot(proc):
            return o[0], list(o[1])
        eng = self.dc.engine
        return eng.backend.in_list("__rec"), [eng.backend.list_param(self.recs)]

    @property
    def cls(self) -> Any:
        return self.dc.sel_cls

    @property
    def recs(self) -> list[int]:
        r = self._recs
        if r is None:
            r = self.materialize()
        return r

    @recs.setter
    def recs(self, value: list[int]) -> None:
        self._recs = value

    def materialize(self) -> list[int]:
        """The record numbers of a selection made by all(), read from its WHERE clause."""
        if self._recs is None:
            assert self.origin is not None
            eng = self.dc.engine
            sql = f"SELECT __rec FROM {self.dc.table.sql} WHERE {self.origin[0]} ORDER BY __rec"
            c = eng.conns.get(id(self.lazy_proc))
            if c is not None and c.proc is self.lazy_proc and not c.closed:
                rows = c.raw.execute(sql).fetchall()  # what the process that called all() sees
            else:
                rows = eng.query(current_process() or self.lazy_proc, sql)
            self._recs = [r[0] for r in rows]
            self.lazy_proc = None
        return self._recs

    def describe(self) -> str:
        return f"an entity selection of {self.dc.name}"

    def __repr__(self) -> str:
        return f"<EntitySelection {self.dc.name} {len(self.recs)}>"

    def to_json(self) -> Any:
        return self.to_collection(None, 0, current_process())

    def is_null_value(self) -> bool:
        return False

    def shareable_4d(self) -> bool:
        """Shareable selections (query, all, relations...) can go into shared objects; alterable ones cannot."""
        return not self.alterable

    # elements
    def entity(self, proc: Any, i: int) -> Entity4D | None:
        e = self.dc.entity_at(proc, self.recs[i])
        if e is not None:
            e.selection = self
            e.pos = i
        return e

    def entities(self, proc: Any) -> list[Entity4D]:
        """Every entity, values loaded in batches at first use (dropped ones are skipped)."""
        out: list[Entity4D] = []
        batch = None
        for i, rec in enumerate(self.recs):
            if batch is None or len(batch.items) >= BATCH:
                batch = _Batch(self.dc, proc)
            e = Entity4D(self.dc, None, batch)
            e.selection = self
            e.pos = i
            batch.items.append((rec, e))
            out.append(e)
        return out

    def iter_4d(self) -> list[Entity4D]:
        return self.entities(current_process())

    def get_4d_index(self, i: Any) -> Any:
        if type(i) not in (float, int):
            raise FourDError(ERR_ORDA, "An entity selection index must be a number")
        n = int(i)
        if n < 0 or n >= len(self.recs):
            raise FourDError(
                ERR_ORDA, f"Index {n} is out of range (the entity selection has {len(self.recs)} entities)"
            )
        return self.entity(current_process(), n)

    def set_4d_index(self, i: Any, v: Any) -> None:
        raise FourDError(ERR_READONLY, "The entities of an entity selection cannot be assigned")

    def get_4d_property(self, name: str) -> Any:
        if name == "length":
            return float(len(self.recs))
        if name == "queryPlan":
            return self.query_plan if self.query_plan is not None else UNDEFINED
        if name == "queryPath":
            return self.query_path if self.query_path is not None else UNDEFINED
        a = self.dc.attrs.get(name)
        if a is not None:
            return self.project(current_process(), a)
        cls = self.dc.sel_cls
        if cls is not None:
            fn = cls.functions.get(name)
            if fn is not None:
                return fn
        raise FourDError(ERR_ORDA, f'The dataclass {self.dc.name} has no attribute "{name}"')

    def set_4d_property(self, name: str, v: Any) -> None:
        raise FourDError(ERR_READONLY, f'Cannot set "{name}" on an entity selection')

    def keys_4d(self) -> list[str]:
        return []

    def project(self, proc: Any, a: Attr) -> Any:
        """`es.attr`: values of a storage attribute, or a selection of related entities."""
        if a.kind == "storage":
            vals = self.column(proc, a.field)  # type: ignore[arg-type]
            return Coll(_plain(v) for v in vals)
        if a.kind in ("relatedEntity", "relatedEntities"):
            rel = a.relation
            assert rel is not None
            dc = self.dc.related_dc(a.related)
            if a.kind == "relatedEntity":
                keys = [k for k in self.column(proc, rel.source) if k is not None]
                recs = dc.engine.keys_to_recs(proc, dc.table, rel.dest, list(dict.fromkeys(keys)))
            else:
                keys = [k for k in self.column(proc, rel.dest) if k is not None]
                recs = dc.engine.keys_to_recs(proc, dc.table, rel.source, list(dict.fromkeys(keys)))
            return EntitySelection4D(dc, recs, ordered=False)
        return Coll(_plain(e.get_attr(a, proc)) for e in self.entities(proc))

    def column(self, proc: Any, fld: Field) -> list[Any]:
        """Values of one field for each entity, in selection order (dropped ones skipped)."""
        if not self.recs:
            return []
        eng = self.dc.engine
        t = self.dc.table
        where, params = self.where(proc)
        rows = eng.query(proc, f"SELECT __rec, {fld.column} FROM {t.sql} WHERE {where}", params)
        dec = codec.decoder(fld)
        by = {int(r[0]): (dec(r[1]) if dec else r[1]) for r in rows}
        return [by[r] for r in self.recs if r in by]

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Any) -> Any:
        from .selection import SELECTION_MEMBERS

        m = SELECTION_MEMBERS.get(name)
        if m is not None:
            try:
                return m(self, f, _proc(f), args, span)
            except (ValueError, TypeError, OverflowError):
                raise _bad_parameters(name) from None
        return _call_user(self, self.dc.sel_cls, f, name, args, span)

    def to_collection(self, filt: Any, options: int, proc: Any, begin: int = 0, count: int | None = None) -> Coll:
        ents = self.entities(proc)
        if begin or count is not None:
            ents = ents[begin : (begin + count) if count is not None else None]
        return Coll(e.to_object(filt, options) for e in ents if e.rec().rec >= 0)


def from_collection(f: Any, dc: DataClass4D, items: Any, settings: Any, proc: Any = None) -> EntitySelection4D:
    """`dataClass.fromCollection()`: create or update one entity per object (DataClassClass.md)."""
    proc = proc if proc is not None else _proc(f)
    recs: list[int] = []
    failure: list[FourDError] = []

    def fill(c: Any) -> None:
        try:
            _from_collection(f, dc, items, proc, recs)
        except FourDError as err:
            failure.append(err)  # the entities made before the failing one stay saved

    dc.engine.write(proc, fill)
    if failure:
        raise failure[0]
    return EntitySelection4D(dc, recs, ordered=True)


def _from_collection(f: Any, dc: DataClass4D, items: Any, proc: Any, recs: list[int]) -> None:
    pk = dc.pk
    assert pk is not None
    bulk = _Bulk(dc, proc) if _Bulk.possible(dc) else None
    for item in items:
        if not isinstance(item, (Obj, dict)):
            raise FourDError(ERR_ORDA, ".fromCollection() needs a collection of objects")
        new_flag = dict.get(item, "__NEW", UNDEFINED)
        key = dict.get(item, "__KEY", UNDEFINED)
        if key is UNDEFINED:
            key = dict.get(item, pk.name, UNDEFINED)
        if bulk is not None and dict.get(item, "__STAMP", UNDEFINED) is UNDEFINED:
            if (key is UNDEFINED or key is None or new_flag is True or not bulk.exists(key, items)) and bulk.add(
                item, key, recs
            ):
                continue
        if bulk is not None:
            bulk.flush(recs)
        e: Entity4D | None = None
        if key is not UNDEFINED and key is not None and new_flag is not True:
            e = dc.get(proc, key)
        if e is None:
            e = dc.new(f)
        elif new_flag is True:
            raise FourDError(ERR_ORDA, f".fromCollection(): the key {key} already exists in {dc.name}")
        stamp = dict.get(item, "__STAMP", UNDEFINED)
        if stamp is not UNDEFINED and not e.rec().is_new and stamp is not None and int(stamp) != e.rec().stamp:
            raise FourDError(
                ERR_ORDA,
                f"Given stamp does not match current one for record# {e.rec().rec} of table {dc.name}",
            )
        obj = item if isinstance(item, Obj) else Obj(item)
        _from_object(e, f, proc, [obj])
        if key is not UNDEFINED and key is not None and e.rec().is_new:
            try:
                e.set_4d_property(pk.name, key)
            except FourDError:
                pass
        r = e.rec()
        if r.is_new or r.touched:
            res = dc.store.save(proc, r, expected_stamp=None)
            if res.status != OK:
                raise res.error or FourDError(ERR_ORDA, f".fromCollection(): {STATUS_TEXT.get(res.status)}")
        recs.append(r.rec)
    if bulk is not None:
        bulk.flush(recs)


class _Bulk:
    """fromCollection's new entities written many at a time (SQLite, no insert trigger, no entity
    constructor): the values are built as `_from_object` would set them, automatic values are
    taken as one block of sequence numbers, and the rows go in with one executemany."""

    def __init__(self, dc: DataClass4D, proc: Any):
        self.dc = dc
        self.proc = proc
        self.t = dc.table
        self.eng = dc.engine
        self.rows: list[list[Any]] = []
        self._existing: set[Any] | None = None

    @staticmethod
    def possible(dc: DataClass4D) -> bool:
        t = dc.table
        if dc.engine.backend.name != "sqlite":
            return False
        if t.trigger_insert and dc.store.has_trigger(t):
            return False
        ec = dc.entity_cls
        return ec is None or (ec._setup or ec.setup())[1] is None

    def exists(self, key: Any, items: Any) -> bool:
        """True when an entity already has this primary key (all the keys of the collection looked up at once)."""
        if self._existing is None:
            pk = self.dc.pk
            assert pk is not None
            keys = []
            for it in items:
                if isinstance(it, (Obj, dict)):
                    k = dict.get(it, "__KEY", UNDEFINED)
                    k = dict.get(it, pk.name, UNDEFINED) if k is UNDEFINED else k
                    if k is not UNDEFINED and k is not None:
                        try:
                            keys.append(codec.encode(pk, codec.to_field(pk, k)))
                        except FourDError:
                            continue
            self._existing = set()
            for i in range(0, len(keys), 5000):
                chunk = keys[i : i + 5000]
                rows = self.eng.query(
                    self.proc,
                    f"SELECT {pk.column} FROM {self.t.sql} WHERE {self.eng.backend.in_list(pk.column)}",
                    (self.eng.backend.list_param(chunk),),
                )
                self._existing.update(fold_key(r[0]) for r in rows)
        pk = self.dc.pk
        assert pk is not None
        try:
            return fold_key(codec.encode(pk, codec.to_field(pk, key))) in self._existing
        except FourDError:
            return True  # let the general path report it

    def add(self, item: Any, key: Any, recs: list[int]) -> bool:
        t = self.t
        dc = self.dc
        values: list[Any] = [codec.blank(fld.kind) if fld.never_null else None for fld in t.fields]
        for k, v in dict.items(item):
            if k == "__KEY":
                k = dc.pk.name  # type: ignore[union-attr]
            a = dc.attrs.get(k)
            if a is None:
                continue
            if a.kind == "storage":
                fld = a.field
                try:
                    values[fld.index] = codec.to_field(fld, _convert_for(fld, v))  # type: ignore[union-attr]
                except FourDError:
                    continue
            elif a.kind == "relatedEntity":
                rel = a.relation
                assert rel is not None
                if isinstance(v, Obj):
                    rk = dict.get(v, "__KEY", UNDEFINED)
                    if rk is UNDEFINED and a.related is not None and a.related.pk is not None:
                        rk = dict.get(v, a.related.pk.name, UNDEFINED)
                    v = rk
                if v is UNDEFINED or v is None or isinstance(v, (Obj, Coll)):
                    continue
                try:
                    values[rel.source.index] = codec.to_field(rel.source, v)
                except FourDError:
                    continue
            else:
                return False  # computed attributes run user code: the general path
        for fld in t.fields:
            if values[fld.index] is None and fld.not_null and not (fld.autosequence or fld.autogenerate):
                return False  # the general path reports it
        self.rows.append(values)
        return True

    def flush(self, recs: list[int]) -> None:
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        t = self.t
        eng = self.eng
        proc = self.proc
        c = eng.conn(proc)
        for fld in t.fields:
            if fld.autosequence:
                explicit = [int(r[fld.index]) for r in rows if r[fld.index]]
                if explicit:
                    eng.bump_sequence(c, t, max(explicit) + 1)
                need = [r for r in rows if not r[fld.index]]
                if need:
                    start = eng.take_sequences(proc, t, len(need))
                    for i, r in enumerate(need):
                        r[fld.index] = float(start + i)
            elif fld.autogenerate and fld.is_uuid:
                for r in rows:
                    if not r[fld.index]:
                        r[fld.index] = os.urandom(16).hex().upper()
        sql, steps = eng.insert_plan(t)
        first = int(eng.execute(c, f"SELECT COALESCE(MAX(__rec) + 1, 0) FROM {t.sql}").fetchone()[0])
        bulk_sql = eng.backend.sql(sql.replace("(SELECT COALESCE(MAX(__rec) + 1, 0) FROM " + t.sql + ")", "?", 1))
        params = [[first + i] + eng.insert_params(steps, r) for i, r in enumerate(rows)]
        try:
            c.cursor.executemany(bulk_sql, params)
        except Exception as exc:  # noqa: BLE001 - a duplicate key: row by row, to keep the rows before it
            err = eng.backend.translate(exc)
            if err is None:
                raise
            for values in rows:
                r = Record(t)
                r.values = values
                res = self.dc.store.save(proc, r, fire_trigger=False)
                if res.status != OK:
                    raise res.error or err from None
                recs.append(r.rec)
            return
        eng.write_count += 1
        recs.extend(range(first, first + len(rows)))


def fold_key(v: Any) -> Any:
    return fold(v) if type(v) is str else v


__all__ = [
    "DataStore4D",
    "DataClass4D",
    "Entity4D",
    "EntitySelection4D",
    "datastore_object",
    "from_collection",
    "STATUS_SERIOUS",
    "ERR_NOT_ALTERABLE",
]


def _install_property_hooks() -> None:
    """Property reads of ORDA objects go straight to their get_4d_property (the interpreter's fast path)."""
    from ..core.hooks import PROPERTY_HOOKS

    for cls in (DataStore4D, DataClass4D, Entity4D, EntitySelection4D):
        PROPERTY_HOOKS[cls] = cls.get_4d_property


_install_property_hooks()
