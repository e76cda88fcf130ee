"""Golden scripts against the example company project, on SQLite or PostgreSQL.

Each script of tests/datastore/scripts runs in a fresh runtime whose project is
examples/company (catalog, classes, triggers) with the example's seed data, in a fresh
database: a temporary SQLite file, or a schema of its own in the PostgreSQL database named by
MINI4D_TEST_PG.
"""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path
from typing import Any

from mini4d.cli import Streams, execute
from mini4d.errors import FourDError, Syntax4DError
from mini4d.parser import parse_source
from mini4d.project import Project, load_file
from mini4d.runtime import Runtime

ROOT = Path(__file__).resolve().parent
COMPANY = ROOT.parent.parent / "examples" / "company"
SEED = COMPANY / "seed.json"
PG_DSN = os.environ.get("MINI4D_TEST_PG", "")


def pg_schema_dsn(dsn: str) -> tuple[str, str]:
    """A DSN whose connections use a new schema (dropped by drop_pg_schema)."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    sep = "&" if "?" in dsn else "?"
    return f"{dsn}{sep}options=-csearch_path%3D{name}", name


def drop_pg_schema(dsn: str, name: str) -> None:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")


def company_runtime(
    out: io.StringIO, err: io.StringIO, data: str, seed: bool = True, script_dir: Path | None = None
) -> Runtime:
    sources = COMPANY / "Project" / "Sources"
    methods = [sources / "Methods"] + ([script_dir] if script_dir is not None else [])
    project = Project(methods, [sources / "Classes"], COMPANY)
    rt = Runtime(project, stdout=out, stderr=err)
    rt.extensions["data"] = data
    if seed:
        rt.extensions["seed"] = str(SEED)
    return rt


def run_script(path: Path, data: str) -> tuple[list[str], str]:
    """Run a golden script; (output lines incl. recorded errors, stderr)."""
    mt = load_file(path, path.stem)
    mt.source.name = path.name
    out, err = io.StringIO(), io.StringIO()
    rt = company_runtime(out, err, data, script_dir=path.parent)

    def on_error(e: FourDError, frame: Any) -> bool:
        if getattr(frame.process, "err_handler", None):
            return False
        rt.write(f"error {e.code}: {e.message}\n")
        return True

    rt.extensions["on_error"] = on_error
    try:
        code = rt.interp.compile_unit(mt.name, parse_source(mt.source), mt.source)
    except Syntax4DError as e:
        return [f"error {e.code}: {e.message}"], ""
    try:
        execute(rt, code, [], Streams(out, err))
    finally:
        store = rt.extensions.get("datastore")
        if store is not None:
            store.close()
    lines = out.getvalue().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines, err.getvalue()


def run_code(code: str, data: str, seed: bool = True, name: str = "probe") -> tuple[int, str, str]:
    """Run 4D code as a method of the company project; (exit code, stdout, stderr)."""
    from mini4d.source import Source

    out, err = io.StringIO(), io.StringIO()
    rt = company_runtime(out, err, data, seed=seed, script_dir=ROOT / "scripts")
    try:
        compiled = rt.interp.compile_unit(name, parse_source(Source(name, code)), Source(name, code))
        rc = execute(rt, compiled, [], Streams(out, err))
    finally:
        store = rt.extensions.get("datastore")
        if store is not None:
            store.close()
    return rc, out.getvalue(), err.getvalue()
