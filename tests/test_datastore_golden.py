"""Golden scripts of tests/datastore/scripts, on SQLite and (with MINI4D_TEST_PG) on PostgreSQL."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from golden import compare, expectations  # noqa: E402
from harness import PG_DSN, drop_pg_schema, pg_schema_dsn, run_script  # noqa: E402

SCRIPTS = sorted(
    p for p in (Path(__file__).parent / "datastore" / "scripts").glob("*.4dm") if not p.name.startswith("_")
)
BACKENDS = ["sqlite"] + (["postgresql"] if PG_DSN else [])


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("path", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_datastore_golden(path: Path, backend: str) -> None:
    if backend == "postgresql":
        dsn, schema = pg_schema_dsn(PG_DSN)
        try:
            lines, err = run_script(path, dsn)
        finally:
            drop_pg_schema(PG_DSN, schema)
    else:
        lines, err = run_script(path, ":memory:")
    exps = expectations(path.read_text(encoding="utf-8"))
    assert exps, f"{path} has no // expect: comments"
    problems = compare(lines, exps)
    assert not problems, "\n".join(problems) + ("\nstderr:\n" + err if err else "")
