"""The catalog reader on a catalog with every field type, composite and missing keys, names with
spaces and non-Latin letters, a keyword index and relation integrity rules; and its SQL schema."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mini4d.datastore.backends import SQLiteBackend
from mini4d.datastore.catalog import parse_catalog
from mini4d.datastore.engine import Engine

CATALOG = (Path(__file__).parent / "datastore" / "all_types.4DCatalog").read_text(encoding="utf-8")


def test_every_field_type_and_flag() -> None:
    s = parse_catalog(CATALOG)
    assert s.collation == "fr" and not s.warnings
    t = s.table_named("all types")
    assert t is not None and t.number == 3 and t.pk is not None and t.pk.name == "ID"
    kinds = {f.name: (f.kind, f.type_number) for f in t.fields}
    assert kinds == {
        "ID": ("text", 0),
        "Bool": ("bool", 6),
        "Int16": ("int16", 8),
        "Long": ("int32", 9),
        "Int64": ("int64", 25),
        "Real": ("real", 1),
        "Date": ("date", 4),
        "Time": ("time", 11),
        "Alpha": ("text", 0),
        "Name with space": ("text", 2),
        "Picture": ("picture", 3),
        "Old text": ("text", 2),
        "Blob": ("blob", 30),
        "Object": ("object", 38),
        "名前": ("text", 2),
    }
    assert [f.number for f in t.fields][:4] == [1, 2, 4, 5]  # numbers can have gaps
    f = t.field_named("名前")
    assert f is not None and f.not_null and f.never_null
    assert t.field_named("alpha").unique and t.field_named("alpha").length == 20
    assert t.field_named("ID").autogenerate and t.field_named("ID").is_uuid
    assert t.field_named("Name with space").keyword_indexed
    assert (t.trigger_insert, t.trigger_update, t.trigger_delete) == (True, False, True)
    assert s.table_named("COMPOSITE PRIMARY KEY").pk is None  # not a dataclass
    assert s.table_named("NO KEY").pk is None
    [rel] = s.relations
    assert (rel.name_n_to_1, rel.name_1_to_n, rel.integrity, rel.auto_n_to_1) == ("parent", "children", "delete", True)
    assert rel.source.table.name == "NO KEY" and rel.dest.table.name == "ALL TYPES"


def test_physical_schema(tmp_path: Path) -> None:
    path = str(tmp_path / "d.sqlite")
    eng = Engine(parse_catalog(CATALOG), SQLiteBackend(path))
    eng.open()
    eng.close()
    conn = sqlite3.connect(path)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(t_A1000000000000000000000000000000)")]
    assert cols[:3] == ["__rec", "__stamp", "f_B0000000000000000000000000000001"]
    assert "s_B000000000000000000000000000000A" in cols  # the folded shadow of a text field
    indexes = {r[1]: r[2] for r in conn.execute("PRAGMA index_list(t_A1000000000000000000000000000000)")}
    assert indexes["u_B0000000000000000000000000000009_10"] == 1  # unique Alpha, on its shadow
    assert indexes["u_B0000000000000000000000000000001_10"] == 1  # the primary key
    composite = [r[2] for r in conn.execute("PRAGMA index_info(i_F0000000000000000000000000000002)")]
    assert composite == ["f_C0000000000000000000000000000001", "f_C0000000000000000000000000000002"]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    # opening again changes nothing
    eng2 = Engine(parse_catalog(CATALOG), SQLiteBackend(path))
    eng2.open()
    assert eng2.warnings == []
    eng2.close()
