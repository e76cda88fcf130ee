"""examples/company: each teaching method prints exactly its <method>.out, on each backend."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from harness import COMPANY, PG_DSN, drop_pg_schema, pg_schema_dsn  # noqa: E402
from mini4d.cli import main  # noqa: E402

METHODS = sorted(p.stem for p in COMPANY.glob("*.out"))
BACKENDS = ["sqlite"] + (["postgresql"] if PG_DSN else [])


def test_there_is_a_method_per_concept() -> None:
    assert {"orda_query", "relations", "classic_selection", "transactions", "locking"} <= set(METHODS)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("method", METHODS)
def test_company_example(method: str, backend: str) -> None:
    args = ["run", str(COMPANY), "--startup-method", method, "--seed", str(COMPANY / "seed.json")]
    schema = ""
    if backend == "postgresql":
        dsn, schema = pg_schema_dsn(PG_DSN)
        args += ["--data", dsn]
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(args, stdout=out, stderr=err)
    finally:
        if schema:
            drop_pg_schema(PG_DSN, schema)
    assert code == 0, err.getvalue()
    assert out.getvalue() == (COMPANY / f"{method}.out").read_text(encoding="utf-8"), err.getvalue()


def test_default_data_file_is_beside_the_project(tmp_path: Path) -> None:
    """Without --data the data is Data/<project>.sqlite beside Project/ and persists between runs."""
    import shutil

    project = tmp_path / "company"
    shutil.copytree(COMPANY / "Project", project / "Project")
    (project / "Project" / "Sources" / "Methods" / "count.4dm").write_text(
        '$d:=ds.Department.new()\n$d.name:="one more"\n$r:=$d.save()\nALERT(String(ds.Department.getCount()))\n',
        encoding="utf-8",
    )
    for expected in ("1", "2"):
        out, err = io.StringIO(), io.StringIO()
        assert main(["run", str(project), "--startup-method", "count"], stdout=out, stderr=err) == 0, err.getvalue()
        assert out.getvalue().strip() == expected
    assert (project / "Data" / "company.sqlite").is_file()
