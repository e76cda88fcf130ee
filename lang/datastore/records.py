"""Record buffers: a record's values in memory, as the classic language's current record and as
the data behind an ORDA entity.
"""

from __future__ import annotations

from typing import Any

from .catalog import Table


class Record:
    """One record in memory: values by field index, what was loaded (for `Old`), state flags."""

    __slots__ = ("table", "rec", "stamp", "values", "old", "touched", "is_new", "modified", "read_only", "locked_by_me")

    def __init__(self, table: Table, rec: int = -3, stamp: int = 0, values: list[Any] | None = None):
        self.table = table
        self.rec = rec  # record number; -3 for a new record not saved yet
        self.stamp = stamp
        self.values = values if values is not None else [None] * len(table.fields)
        self.old = list(self.values)
        self.touched: set[int] = set()
        self.is_new = rec < 0
        self.modified = False
        self.read_only = False  # loaded while the table was read-only, or locked by another process
        self.locked_by_me = False

    def set(self, i: int, v: Any) -> None:
        self.values[i] = v
        self.touched.add(i)
        self.modified = True

    def loaded(self, stamp: int, values: list[Any]) -> None:
        self.stamp = stamp
        self.values = values
        self.old = list(values)
        self.touched = set()
        self.modified = False
