"""ORDA commands and constants: `ds`, `Create entity selection`, `USE ENTITY SELECTION`, `dk ...`.

The objects themselves (datastore, dataclasses, entities, entity selections) are in
lang/datastore/orda.py.
"""

from __future__ import annotations

from typing import Any

from mini4d.registry import command, constant

# docs/API/EntityClass.md, EntitySelectionClass.md, DataClassClass.md
for _name, _value, _token in (
    ("dk auto merge", 2, "K85:24"),
    ("dk force drop if stamp changed", 1, ""),
    ("dk reload if stamp changed", 1, "K85:15"),
    ("dk keep ordered", 1, "K85:11"),
    ("dk non ordered", 0, ""),
    ("dk with primary key", 1, "K85:6"),
    ("dk with stamp", 2, "K85:28"),
    ("dk key as string", 1, "K85:16"),
    ("dk stop dropping on first error", 1, "K85:26"),
    ("dk status success", 0, ""),
    ("dk status wrong permission", 1, "K85:19"),
    ("dk status stamp has changed", 2, "K85:20"),
    ("dk status locked", 3, "K85:21"),
    ("dk status serious error", 4, "K85:22"),
    ("dk status entity does not exist anymore", 5, "K85:23"),
    ("dk status automerge failed", 6, "K85:25"),
    ("dk status validation failed", 7, ""),
    ("dk status serious validation error", 8, ""),
    ("dk diacritical", 8, ""),
    ("dk count values", 32, ""),
    ("dk ascending", 0, ""),
    ("dk descending", 1, ""),
):
    constant(_name, float(_value), _token, theme="ORDA")


@command("ds", 1482, "Data Access")
def ds(ctx: Any, local_id: str = "") -> Any:
    """The main datastore (cs.DataStore when the project defines it); Null for another local ID."""
    if local_id:
        return None  # only the main datastore: Open datastore is not supported
    store = ctx.runtime.extensions.get("datastore")
    if store is not None and store.ready and store.ds is not None:
        return store.ds  # what datastore_object(get_store(...)) gives once both are made
    from mini4d.datastore import get_store
    from mini4d.datastore.orda import datastore_object

    return datastore_object(get_store(ctx.runtime))
