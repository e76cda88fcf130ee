"""Error numbers of the datastore: 4D's documented ones, and mini4d's own range for the rest."""

from __future__ import annotations

# Documented by 4D (database engine errors, ORDA pages).
ERR_DUPLICATE_KEY = -9998  # duplicated value in a unique index
ERR_RELATED_RECORDS = -9987  # "Other records are related to this record" (integrity reject)
ERR_RELATED_LOCKED = -9986
ERR_RECORD_DELETED = -10503  # GOTO RECORD on a deleted record number
ERR_NOT_ALTERABLE = 1637  # .add() on a shareable entity selection
ERR_OTHER_DATACLASS = 1587
ERR_NULL_FORMULA = 1626
ERR_FORMULAS_OFF = 1278
ERR_NULL_REFUSED = 90127  # saving Null in a field set to reject Null values

# mini4d's own range (90120-90149) for situations 4D documents without a number.
ERR_CATALOG = 90120  # missing, unreadable or malformed catalog
ERR_NO_TABLE = 90121  # unknown table or field, table argument missing
ERR_DATA = 90122  # data file cannot be opened, busy, or a backend failure
ERR_ORDA = 90123  # unknown attribute, wrong dataclass, index out of range ...
ERR_NO_RECORD = 90124  # a field used with no current record
ERR_TRANSACTION = 90125
ERR_TRIGGER = 90126
ERR_NO_SET = 90128  # a set or named selection that does not exist
