"""ORDA class files: the grammar of ORDA functions, and entity events refused clearly."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from harness import COMPANY  # noqa: E402
from mini4d import nodes as N  # noqa: E402
from mini4d.cli import main  # noqa: E402
from mini4d.parser import parse_source  # noqa: E402
from mini4d.source import Source  # noqa: E402


@pytest.mark.parametrize(
    ("line", "kind", "name"),
    [
        ("Function get fullName() : Text", "get", "fullName"),
        ("Function query fullName($event : Object) : Object", "query", "fullName"),
        ("Function orderBy fullName($event : Object) : Text", "orderby", "fullName"),
        ("exposed Function event touched($event : Object)", "event", "touched"),
        ("Function event validateSave lastName($event : Object) : Object", "event validatesave", "lastName"),
        ("Function query($text : Text)", "", "query"),
        ("Function queryPeople()", "", "queryPeople"),
        ("local Function event($x : Object)", "", "event"),
    ],
)
def test_orda_function_kinds_parse(line: str, kind: str, name: str) -> None:
    [stmt] = parse_source(Source("Cls.4dm", line + "\n"))
    assert isinstance(stmt, N.ClassFunction)
    assert (stmt.kind, stmt.name) == (kind, name)


def test_entity_events_are_refused_not_skipped(tmp_path: Path) -> None:
    project = tmp_path / "c"
    shutil.copytree(COMPANY / "Project", project / "Project")
    (project / "Project" / "Sources" / "Classes" / "DepartmentEntity.4dm").write_text(
        "Class extends Entity\n\n"
        "Function event validateSave name($event : Object) : Object\n\treturn Null\n\n"
        'Function event touched($event : Object)\n\tALERT("touched")\n\n'
        'exposed Function hello() : Text\n\treturn "hi "+This.name\n',
        encoding="utf-8",
    )
    (project / "Project" / "Sources" / "Methods" / "m.4dm").write_text(
        '$e:=ds.Department.new()\n$e.name:="x"\nALERT($e.hello())\n$r:=$e.save()\n', encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()
    code = main(["run", str(project), "--startup-method", "m", "--data", ":memory:"], stdout=out, stderr=err)
    assert code == 1
    assert out.getvalue() == "hi x\n"
    assert "error 90060: cs.DepartmentEntity defines entity events (touched, validatesave)" in err.getvalue()
