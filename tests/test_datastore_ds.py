"""`ds`: the main datastore, with and without a catalog, with the project's cs.DataStore class."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from mini4d.cli import main

COMPANY = Path(__file__).resolve().parent.parent / "examples" / "company"


def run(path: Path, code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    script = path / "probe_ds.4dm"
    script.write_text(code, encoding="utf-8")
    monkeypatch.setenv("MINI4D_DATA", ":memory:")
    out, err = io.StringIO(), io.StringIO()
    try:
        rc = main([str(script)], stdout=out, stderr=err)
    finally:
        script.unlink()
    return rc, out.getvalue(), err.getvalue()


def test_ds_without_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = (
        "ALERT(JSON Stringify(ds.getInfo()))\n"
        "ALERT(String(OB Keys(ds).length))\n"
        'ALERT(String(ds("other")=Null))\n'
        "ALERT(OB Class(ds).name)\n"
    )
    rc, out, err = run(tmp_path, code, tmp_path, monkeypatch)
    assert rc == 0, err
    assert out.splitlines() == ['{"type":"4D","networked":false,"localID":""}', "0", "True", "DataStoreImplementation"]


def test_ds_user_class_without_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "Classes").mkdir()
    (tmp_path / "Classes" / "DataStore.4dm").write_text(
        "Class extends DataStoreImplementation\n\n"
        'exposed Function hello($name : Text) : Text\n\treturn "hello "+$name\n\n'
        "local Function twice($n : Integer) : Integer\n\treturn $n*2\n\n"
        'Function get version() : Text\n\treturn "1.0"\n',
        encoding="utf-8",
    )
    rc, out, err = run(
        tmp_path,
        'ALERT(ds.hello("you"))\nALERT(String(ds.twice(21)))\nALERT(ds.version)\nALERT(OB Class(ds).name)\n',
        tmp_path,
        monkeypatch,
    )
    assert rc == 0, err
    assert out.splitlines() == ["hello you", "42", "1.0", "DataStore"]


def test_ds_with_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = (
        "ALERT(ds.companyName())\n"
        "ALERT(String(ds.headcount()))\n"
        'ALERT(OB Keys(ds).join(","))\n'
        "ALERT(JSON Stringify(ds.Employee.getInfo()))\n"
        'ALERT(ds.Employee.lastName.kind+" "+ds.Employee.lastName.type+" "+String(ds.Employee.lastName.indexed))\n'
        "$a:=ds.Employee.department\n"
        'ALERT($a.kind+" "+$a.relatedDataClass+" "+$a.inverseName)\n'
        'ALERT(ds.Department.employees.kind+" "+String(ds.Department.employees.fieldType))\n'
        "ALERT(String(ds.Log=Null))\n"
    )
    shutil.copytree(COMPANY / "Project", tmp_path / "company" / "Project")  # the probe goes into a copy
    rc, out, err = run(tmp_path / "company" / "Project" / "Sources" / "Methods", code, tmp_path, monkeypatch)
    assert rc == 0, err
    assert out.splitlines() == [
        "Acme",
        "0",
        "Department,Employee,Mission",
        '{"name":"Employee","primaryKey":"ID","tableNumber":2,"exposed":true}',
        "storage string True",
        "relatedEntity Department employees",
        "relatedEntities 42",
        "True",
    ]
