"""ORDA class files: the grammar of ORDA functions, and the entity events mini4d refuses clearly."""

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


def _run_department(tmp_path: Path, entity_class: str, method: str) -> tuple[int, str, str]:
    project = tmp_path / "c"
    shutil.copytree(COMPANY / "Project", project / "Project")
    (project / "Project" / "Sources" / "Classes" / "DepartmentEntity.4dm").write_text(entity_class, encoding="utf-8")
    (project / "Project" / "Sources" / "Methods" / "m.4dm").write_text(method, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["run", str(project), "--startup-method", "m", "--data", ":memory:"], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_save_event_of_a_computed_attribute_is_refused_not_skipped(tmp_path: Path) -> None:
    code, out, err = _run_department(
        tmp_path,
        "Class extends Entity\n\n"
        "Function get label() : Text\n\treturn This.name\n\n"
        "Function set label($value : Text)\n\tThis.name:=$value\n\n"
        "Function event validateSave label($event : Object) : Object\n\treturn Null\n\n"
        'exposed Function hello() : Text\n\treturn "hi "+This.name\n',
        '$e:=ds.Department.new()\n$e.label:="x"\nALERT($e.hello())\n$r:=$e.save()\n',
    )
    assert code == 1
    assert out == "hi x\n"
    assert "error 90060: cs.DepartmentEntity: the validateSave event of the calculated attribute label" in err


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Function event saved($event : Object)", '"saved" is not an entity event'),
        ("Function event afterSave name($event : Object)", "aftersave event is defined at the entity level only"),
    ],
)
def test_unknown_or_misplaced_entity_events_are_class_errors(tmp_path: Path, line: str, message: str) -> None:
    code, out, err = _run_department(
        tmp_path, f'Class extends Entity\n\n{line}\n\tALERT("1")\n', "$e:=ds.Department.new()\n"
    )
    assert code == 1 and message in err, err
