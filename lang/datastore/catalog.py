"""The project's structure: `Project/Sources/catalog.4DCatalog` read into tables, fields, relations, indexes.

The catalog is XML whose grammar 4D defines in DTDs it does not publish; the reader follows the
elements seen in real catalogs. The DTD is never fetched and no entity is expanded. Unknown
elements and attributes are tolerated with one warning per name (newer 4D versions add some);
an unknown field type code is an error naming table, field and code.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import FourDError
from .errors import ERR_CATALOG

# Field type codes of the catalog (the engine's value kinds) -> our kind names.
TYPE_CODES: dict[int, str] = {
    1: "bool",
    3: "int16",
    4: "int32",
    5: "int64",
    6: "real",
    8: "date",
    9: "time",
    10: "text",
    12: "picture",
    14: "text",
    18: "blob",
    21: "object",
}

# `Type()` of a field of each kind (Is alpha field 0 for limited text and UUIDs).
TYPE_NUMBER = {
    "bool": 6,
    "int16": 8,
    "int32": 9,
    "int64": 25,
    "real": 1,
    "date": 4,
    "time": 11,
    "text": 2,
    "picture": 3,
    "blob": 30,
    "object": 38,
}
# ORDA `type` of an attribute of each kind (DataClassClass.md, attributeName).
ORDA_TYPE = {
    "bool": "bool",
    "int16": "number",
    "int32": "number",
    "int64": "number",
    "real": "number",
    "date": "date",
    "time": "duration",
    "text": "string",
    "picture": "image",
    "blob": "blob",
    "object": "object",
}

_KNOWN: dict[str, set[str]] = {
    "base": {"name", "uuid", "collation_locale", "consider_only_dead_chars_for_keywords"},
    "table": {"name", "uuid", "id", "prevent_journaling", "hide_in_REST", "leave_tag_on_delete", "sql_schema_id"},
    "field": {
        "name",
        "uuid",
        "type",
        "id",
        "limiting_length",
        "unique",
        "autosequence",
        "autogenerate",
        "store_as_UUID",
        "store_as_utf8",
        "not_null",
        "never_null",
        "hide_in_REST",
        "blob_switch_size",
        "text_switch_size",
        "outside_blob",
        "styled_text",
        "compressed",
    },
    "primary_key": {"field_name", "field_uuid"},
    "table_extra": {
        "input_form",
        "output_form",
        "visible",
        "trigger_insert",
        "trigger_update",
        "trigger_delete",
        "trigger_load",
        "editor_table_info",
    },
    "relation": {
        "uuid",
        "name_Nto1",
        "name_1toN",
        "auto_load_Nto1",
        "auto_load_1toN",
        "foreign_key",
        "state",
        "integrity",
    },
    "related_field": {"kind"},
    "field_ref": {"uuid", "name"},
    "table_ref": {"uuid", "name"},
    "index": {"kind", "type", "unique_keys", "uuid", "name"},
}
_IGNORED = {
    "schema",
    "base_extra",
    "journal_file",
    "temp_folder",
    "field_extra",
    "relation_extra",
    "editor_relation_info",
    "editor_table_info",
    "editor_field_info",
    "tip",
    "comment",
    "color",
    "coordinates",
    "table_extra",
}


@dataclass
class Field:
    """One field of a table (an ORDA storage attribute)."""

    name: str
    uuid: str
    number: int
    kind: str  # bool int16 int32 int64 real date time text picture blob object
    code: int
    length: int = 0  # Alpha length (0: Text)
    unique: bool = False
    autosequence: bool = False
    autogenerate: bool = False
    is_uuid: bool = False
    not_null: bool = False
    never_null: bool = False
    hide_in_rest: bool = False
    vector: bool = False
    indexed: bool = False
    keyword_indexed: bool = False
    table: Table | None = field(default=None, repr=False)
    col: str = ""  # its SQL column, set when the data file is opened (a changed type gets a new one)
    index: int = 0  # position in its table's field list

    @property
    def type_number(self) -> int:
        if self.kind == "text" and (self.length or self.is_uuid):
            return 0
        return TYPE_NUMBER[self.kind]

    @property
    def column(self) -> str:
        return self.col or "f_" + self.uuid

    @property
    def shadow(self) -> str:
        return "s_" + self.uuid

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


@dataclass
class Relation:
    """A many-to-one relation: `source` field (N table) -> `dest` field (1 table)."""

    uuid: str
    name_n_to_1: str
    name_1_to_n: str
    source: Field
    dest: Field
    integrity: str = ""  # "", "delete", "reject"
    auto_n_to_1: bool = False
    auto_1_to_n: bool = False


@dataclass
class Index:
    kind: str
    type: int
    unique: bool
    uuid: str
    name: str
    fields: list[Field]


@dataclass
class Table:
    """One table of the structure (an ORDA dataclass when it has a single-field primary key)."""

    name: str
    uuid: str
    number: int
    fields: list[Field] = field(default_factory=list)
    primary_key: list[Field] = field(default_factory=list)
    trigger_insert: bool = False
    trigger_update: bool = False
    trigger_delete: bool = False
    hide_in_rest: bool = False
    by_name: dict[str, Field] = field(default_factory=dict, repr=False)
    by_number: dict[int, Field] = field(default_factory=dict, repr=False)
    # relations where this table is the N side (relatedEntity attributes) and the 1 side (relatedEntities)
    many_to_one: list[Relation] = field(default_factory=list, repr=False)
    one_to_many: list[Relation] = field(default_factory=list, repr=False)

    @property
    def sql(self) -> str:
        return "t_" + self.uuid

    @property
    def pk(self) -> Field | None:
        """The primary key field when there is exactly one (ORDA exposes only such tables)."""
        return self.primary_key[0] if len(self.primary_key) == 1 else None

    def field_named(self, name: str) -> Field | None:
        return self.by_name.get(name.lower())

    @cached_property
    def auto_fields(self) -> tuple[Field, ...]:
        """The fields a new record gets a value in: autoincrement and auto-UUID (read by saves)."""
        return tuple(f for f in self.fields if f.autosequence or (f.autogenerate and f.is_uuid))

    @cached_property
    def null_checked(self) -> tuple[Field, ...]:
        """The fields whose Null a save replaces ("map Null to blank") or refuses ("reject Null")."""
        return tuple(f for f in self.fields if f.never_null or f.not_null)


@dataclass
class Schema:
    """The whole catalog."""

    tables: list[Table] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)
    collation: str = "en"
    warnings: list[str] = field(default_factory=list)
    path: str = ""
    by_name: dict[str, Table] = field(default_factory=dict, repr=False)
    by_number: dict[int, Table] = field(default_factory=dict, repr=False)

    def table_named(self, name: str) -> Table | None:
        return self.by_name.get(name.lower())

    def add_table(self, t: Table) -> None:
        self.tables.append(t)
        self.by_name[t.name.lower()] = t
        self.by_number[t.number] = t


def empty_schema() -> Schema:
    return Schema()


def _flag(el: Any, name: str) -> bool:
    return el.get(name, "").strip().lower() == "true"


def _uuid(el: Any, fallback: str) -> str:
    u = (el.get("uuid") or "").strip()
    if re.fullmatch(r"[0-9A-Fa-f]{32}", u):
        return u.upper()
    return hashlib.md5(fallback.encode("utf-8")).hexdigest().upper()  # noqa: S324 - a stable name, not security


def _int(el: Any, name: str, where: str) -> int:
    text = el.get(name)
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        raise FourDError(ERR_CATALOG, f'Catalog: {where} has no valid "{name}" attribute ({text!r})') from None


_DOCTYPE = re.compile(r"<!DOCTYPE[^>\[]*(\[.*?\])?\s*>", re.S | re.I)


def parse_catalog(text: str, path: str = "catalog.4DCatalog") -> Schema:
    """The schema of a catalog's XML text; FourDError (code ERR_CATALOG) when it is malformed."""
    import xml.etree.ElementTree as ET

    if text.startswith("\ufeff"):
        text = text[1:]
    # The DOCTYPE names a DTD on 4d.com: it is dropped, never fetched; an internal subset
    # (entity declarations) is refused outright.
    m = _DOCTYPE.search(text)
    if m is not None:
        if m.group(1):
            raise FourDError(ERR_CATALOG, f"{path}: the catalog declares entities (an internal DTD subset): refused")
        text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    if "<!ENTITY" in text.upper():
        raise FourDError(ERR_CATALOG, f"{path}: the catalog declares entities: refused")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = exc.position
        raise FourDError(ERR_CATALOG, f"{path}:{line}:{col + 1}: malformed catalog XML ({exc.msg})") from None
    if root.tag != "base":
        raise FourDError(ERR_CATALOG, f"{path}: not a 4D catalog (the root element is <{root.tag}>, not <base>)")
    schema = Schema(path=path, collation=root.get("collation_locale", "en") or "en")
    seen_warn: set[str] = set()

    def warn(msg: str) -> None:
        if msg not in seen_warn:
            seen_warn.add(msg)
            schema.warnings.append(msg)

    def check_attrs(el: Any) -> None:
        known = _KNOWN.get(el.tag)
        if known is None:
            return
        for a in el.attrib:
            if a not in known:
                warn(f'unknown attribute "{a}" of <{el.tag}> ignored')

    fields_by_uuid: dict[str, Field] = {}
    tables_by_uuid: dict[str, Table] = {}
    for el in root:
        tag = el.tag
        if tag == "table":
            check_attrs(el)
            tname = el.get("name")
            if not tname:
                raise FourDError(ERR_CATALOG, f"{path}: a <table> has no name")
            t = Table(tname, _uuid(el, "table:" + tname), _int(el, "id", f"table {tname}"))
            t.hide_in_rest = _flag(el, "hide_in_REST")
            if schema.table_named(tname) is not None:
                raise FourDError(ERR_CATALOG, f'{path}: two tables are named "{tname}"')
            if t.number in schema.by_number:
                raise FourDError(ERR_CATALOG, f"{path}: two tables have the number {t.number}")
            pk_refs: list[tuple[str, str]] = []
            for sub in el:
                if sub.tag == "field":
                    check_attrs(sub)
                    fname = sub.get("name")
                    if not fname:
                        raise FourDError(ERR_CATALOG, f"{path}: a field of table {tname} has no name")
                    try:
                        code = int(sub.get("type", ""))
                    except ValueError:
                        code = -1
                    kind = TYPE_CODES.get(code)
                    if kind is None:
                        raise FourDError(
                            ERR_CATALOG,
                            f'{path}: field "{fname}" of table "{tname}" has an unknown type code {sub.get("type")!r}',
                        )
                    f = Field(
                        fname,
                        _uuid(sub, f"field:{tname}:{fname}"),
                        _int(sub, "id", f"field {tname}.{fname}"),
                        kind,
                        code,
                        length=int(sub.get("limiting_length") or 0) if code == 10 else 0,
                        unique=_flag(sub, "unique"),
                        autosequence=_flag(sub, "autosequence"),
                        autogenerate=_flag(sub, "autogenerate"),
                        is_uuid=_flag(sub, "store_as_UUID"),
                        not_null=_flag(sub, "not_null"),
                        never_null=_flag(sub, "never_null"),
                        hide_in_rest=_flag(sub, "hide_in_REST"),
                        table=t,
                    )
                    for fx in sub:
                        if fx.tag == "field_extra" and fx.get("class_id") == "4D.Vector":
                            f.vector = True
                        elif fx.tag not in _IGNORED:
                            warn(f"unknown element <{fx.tag}> in <field> ignored")
                    if f.name.lower() in t.by_name:
                        raise FourDError(ERR_CATALOG, f'{path}: table "{tname}" has two fields named "{fname}"')
                    f.index = len(t.fields)
                    t.fields.append(f)
                    t.by_name[f.name.lower()] = f
                    t.by_number[f.number] = f
                    fields_by_uuid[f.uuid] = f
                elif sub.tag == "primary_key":
                    check_attrs(sub)
                    pk_refs.append(((sub.get("field_uuid") or "").upper(), sub.get("field_name") or ""))
                elif sub.tag == "table_extra":
                    check_attrs(sub)
                    t.trigger_insert = _flag(sub, "trigger_insert")
                    t.trigger_update = _flag(sub, "trigger_update")
                    t.trigger_delete = _flag(sub, "trigger_delete")
                elif sub.tag not in _IGNORED:
                    warn(f"unknown element <{sub.tag}> in <table> ignored")
            for uuid, fname in pk_refs:
                f = next((x for x in t.fields if x.uuid == uuid), None) or t.field_named(fname)
                if f is None:
                    raise FourDError(ERR_CATALOG, f'{path}: the primary key of table "{tname}" names no field of it')
                t.primary_key.append(f)
            tables_by_uuid[t.uuid] = t
            schema.add_table(t)
        elif tag == "relation":
            check_attrs(el)
            ends: dict[str, Field] = {}
            for rf in el:
                if rf.tag != "related_field":
                    if rf.tag not in _IGNORED:
                        warn(f"unknown element <{rf.tag}> in <relation> ignored")
                    continue
                ref = rf.find("field_ref")
                if ref is None:
                    raise FourDError(ERR_CATALOG, f"{path}: a relation end has no <field_ref>")
                f = _resolve_field(ref, fields_by_uuid, schema)
                if f is None:
                    raise FourDError(ERR_CATALOG, f'{path}: a relation refers to an unknown field "{ref.get("name")}"')
                ends[rf.get("kind", "")] = f
            if "source" not in ends or "destination" not in ends:
                raise FourDError(ERR_CATALOG, f"{path}: a relation needs a source and a destination field")
            src, dst = ends["source"], ends["destination"]
            rel = Relation(
                _uuid(el, f"rel:{src.uuid}:{dst.uuid}"),
                el.get("name_Nto1") or "",
                el.get("name_1toN") or "",
                src,
                dst,
                integrity=(el.get("integrity") or "").lower(),
                auto_n_to_1=_flag(el, "auto_load_Nto1"),
                auto_1_to_n=_flag(el, "auto_load_1toN"),
            )
            schema.relations.append(rel)
            assert src.table is not None and dst.table is not None
            src.table.many_to_one.append(rel)
            dst.table.one_to_many.append(rel)
        elif tag == "index":
            check_attrs(el)
            flds = []
            for ref in el:
                if ref.tag != "field_ref":
                    continue
                f = _resolve_field(ref, fields_by_uuid, schema)
                if f is None:
                    warn(f'an index refers to an unknown field "{ref.get("name")}": ignored')
                    continue
                flds.append(f)
            if not flds:
                continue
            kind = el.get("kind", "regular")
            idx = Index(
                kind,
                int(el.get("type") or 7),
                _flag(el, "unique_keys"),
                _uuid(el, "index:" + ",".join(f.uuid for f in flds)),
                el.get("name") or "",
                flds,
            )
            schema.indexes.append(idx)
            for f in flds[:1]:
                if kind == "keywords":
                    f.keyword_indexed = True
                else:
                    f.indexed = True
        elif tag not in _IGNORED:
            warn(f"unknown element <{tag}> ignored")
    return schema


def _resolve_field(ref: Any, by_uuid: dict[str, Field], schema: Schema) -> Field | None:
    f = by_uuid.get((ref.get("uuid") or "").upper())
    if f is not None:
        return f
    tref = ref.find("table_ref")
    t = schema.table_named(tref.get("name", "")) if tref is not None else None
    return t.field_named(ref.get("name", "")) if t is not None else None


def catalog_path(root: Path | None) -> Path | None:
    """`Project/Sources/catalog.4DCatalog` of a project folder, when it exists."""
    if root is None:
        return None
    p = Path(root) / "Project" / "Sources" / "catalog.4DCatalog"
    return p if p.is_file() else None


def load_catalog(path: Path) -> Schema:
    """Read a catalog file (FourDError when it cannot be read or is malformed)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FourDError(ERR_CATALOG, f"{path}: cannot read the catalog ({exc.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FourDError(ERR_CATALOG, f"{path}: the catalog is not UTF-8 (byte offset {exc.start})") from None
    return parse_catalog(text, str(path))
