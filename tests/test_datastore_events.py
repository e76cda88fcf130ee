"""ORDA entity events (developer.4d.com/docs/ORDA/orda-events): touched, validateSave, saving,
afterSave, validateDrop, dropping, afterDrop, on SQLite and (with MINI4D_TEST_PG) PostgreSQL."""

from __future__ import annotations

import io
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from harness import COMPANY, PG_DSN, drop_pg_schema, pg_schema_dsn  # noqa: E402
from mini4d.cli import main  # noqa: E402


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_DSN else []))
def data(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "sqlite":
        yield ":memory:"
        return
    dsn, schema = pg_schema_dsn(PG_DSN)
    try:
        yield dsn
    finally:
        drop_pg_schema(PG_DSN, schema)


def run(tmp_path: Path, data: str, classes: dict[str, str], code: str) -> tuple[int, list[str], str]:
    """Run `code` as the startup method of a copy of the company project with these entity classes."""
    project = tmp_path / "c"
    shutil.copytree(COMPANY / "Project", project / "Project")
    for name, text in classes.items():
        (project / "Project" / "Sources" / "Classes" / f"{name}.4dm").write_text(text, encoding="utf-8")
    methods = project / "Project" / "Sources" / "Methods"
    (methods / "m.4dm").write_text(code, encoding="utf-8")
    (methods / "h.4dm").write_text('ALERT("handler "+String(Error))\n', encoding="utf-8")  # ON ERR CALL("h")
    out, err = io.StringIO(), io.StringIO()
    argv = ["run", str(project), "--startup-method", "m", "--data", data, "--seed", str(COMPANY / "seed.json")]
    rc = main(argv, stdout=out, stderr=err)
    return rc, out.getvalue().splitlines(), err.getvalue()


def cls(*functions: str) -> str:
    return "Class extends Entity\n\n" + "\n\n".join(f.strip("\n").replace("    ", "\t") for f in functions) + "\n"


NEW_DEPT = '$e:=ds.Department.new()\n$e.name:="x"\n$e.budget:=3\n$e.location:="P"\n'

# an event that says it ran, with its $event
LOG = """Function event {kind}{attr}($event : Object)
    ALERT("{kind}{attr}: "+JSON Stringify($event))
"""


def log(kind: str, attr: str = "") -> str:
    return LOG.format(kind=kind, attr=" " + attr if attr else "")


def test_touched_attribute_then_entity_level(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(log("touched", "name"), log("touched"))},
        '$e:=ds.Department.all().first()\n$e.name:=$e.name\n$e.budget:=7\nALERT("end")\n',
    )
    assert rc == 0, err
    assert [json.loads(x.split(": ", 1)[1]) if ": " in x else x for x in out] == [
        {"kind": "touched", "attributeName": "name", "dataClassName": "Department"},
        {"kind": "touched", "attributeName": "name", "dataClassName": "Department"},
        {"kind": "touched", "attributeName": "budget", "dataClassName": "Department"},
        "end",
    ]
    assert out[0].startswith("touched name: ") and out[1].startswith("touched: ")


def test_touched_assigning_in_the_event_does_not_loop(tmp_path: Path, data: str) -> None:
    upper = """Function event touched($event : Object)
    If (Value type(This[$event.attributeName])=Is text)
        This[$event.attributeName]:=Uppercase(This[$event.attributeName])
    End if
"""
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(upper)},
        NEW_DEPT + "$r:=$e.save()\n"
        'ALERT($e.name+" "+$e.location+" "+String($r.success))\n'
        'ALERT(ds.Department.query("name = :1"; "X").first().location)\n',
    )
    assert rc == 0, err
    assert out == ["X P True", "P"]


SAVE_EVENTS = cls(
    log("validateSave", "name"),
    log("validateSave", "budget"),
    log("validateSave"),
    log("saving", "location"),
    log("saving"),
    """Function event afterSave($event : Object)
    ALERT("afterSave: "+JSON Stringify($event))
""",
)


def _events(out: list[str]) -> list[tuple[str, dict]]:
    """(event, $event) of each line `event: {json} {anything}` the event functions wrote."""
    dec = json.JSONDecoder()
    return [(x.split(": ", 1)[0], dec.raw_decode(x.split(": ", 1)[1])[0]) for x in out if ": {" in x]


def test_save_events_order_and_event_objects(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": SAVE_EVENTS},
        '$e:=ds.Department.all().first()\n$e.location:="Nice"\n$e.budget:=5\n'
        "$r:=$e.save()\nALERT(JSON Stringify($r))\n"
        '$r:=$e.save()\nALERT("again "+JSON Stringify($r))\n',
    )
    assert rc == 0, err
    ev = _events(out)
    # attribute events first (only for touched attributes, in dataclass order), then the entity event
    assert [k for k, _ in ev] == ["validateSave budget", "validateSave", "saving location", "saving", "afterSave"]
    assert ev[0][1] == {"kind": "validateSave", "attributeName": "budget", "dataClassName": "Department"}
    assert ev[1][1] == {"kind": "validateSave", "dataClassName": "Department"}
    assert ev[2][1] == {"kind": "saving", "attributeName": "location", "dataClassName": "Department"}
    after = ev[4][1]
    assert after["kind"] == "afterSave" and after["saveStatus"] == "success"
    assert after["savedAttributes"] == ["budget", "location"]
    assert after["status"] == {"success": True}
    assert out[-2] == '{"success":true}'
    # nothing touched: nothing saved, no event
    assert out[-1] == 'again {"success":true}'


REFUSE = """Function event validateSave name($event : Object) : Object
    If (This.name="bad@")
        return {errCode: 12; message: "bad name"; extraDescription: {info: "x"}; seriousError: This.name="badly"}
    End if
"""


def test_validate_save_refuses_with_mild_error(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(REFUSE, log("saving"), log("validateSave"), log("afterSave"))},
        NEW_DEPT + '$e.name:="bad"\n$r:=$e.save()\nALERT(JSON Stringify($r))\n'
        'ALERT(String(ds.Department.query("name = :1"; "bad").length)+" "+String(Last errors=Null))\n'
        "ALERT(String($r.status=dk status validation failed))\n",
    )
    assert rc == 0, err
    ev = _events(out[:-3])
    assert [k for k, _ in ev] == ["afterSave"]  # the refusal stops validateSave (entity) and saving
    assert ev[0][1]["saveStatus"] == "failed" and ev[0][1]["savedAttributes"] == []
    assert json.loads(out[-3]) == {
        "success": False,
        "status": 7,
        "statusText": "Mild Validation Error",
        "errors": [
            {"errCode": 12, "message": "bad name", "componentSignature": "DBEV", "extraDescription": {"info": "x"}}
        ],
    }
    assert out[-2:] == ["0 True", "True"]


def test_serious_validation_error_is_thrown(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(REFUSE)},
        NEW_DEPT + '$e.name:="badly"\n'
        'Try\n\t$r:=$e.save()\n\tALERT("not here")\n'
        'Catch\n\tALERT("caught "+String(Last errors[0].errCode)+" "+Last errors[0].message)\nEnd try\n'
        'ON ERR CALL("h")\n$r:=$e.save()\nON ERR CALL("")\n'
        'ALERT(String($r.status)+" "+$r.statusText+" "+String($r.status=dk status serious validation error))\n'
        'ALERT(String(ds.Department.query("name = :1"; "badly").length))\n',
    )
    assert rc == 0, err
    assert out == ["caught 12 bad name", "handler 12", "8 Serious Validation Error True", "0"]


def test_saving_error_object_is_a_serious_error(tmp_path: Path, data: str) -> None:
    saving = """Function event saving($event : Object) : Object
    return {errCode: 5; message: "remote log down"; seriousError: False}
"""
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(saving)},
        NEW_DEPT + 'ON ERR CALL("h")\n$r:=$e.save()\nON ERR CALL("")\n'
        'ALERT(String($r.success)+" "+String($r.status)+" "+String($r.status=dk status serious error))\n'
        'ALERT(String(ds.Department.query("name = :1"; "x").length))\n',
    )
    assert rc == 0, err
    assert out == ["handler 5", "False 4 True", "0"]


def test_after_save_cannot_save_this(tmp_path: Path, data: str) -> None:
    after = """Function event afterSave($event : Object)
    var $r : Object
    $r:=This.save()
"""
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(after)},
        NEW_DEPT + "Try\n\t$r:=$e.save()\nCatch\n\tALERT(Last errors[0].message)\nEnd try\n"
        'ALERT(String(ds.Department.query("name = :1"; "x").length))\n',
    )
    assert rc == 0, err
    assert "afterSave" in out[0] and "save()" in out[0]
    assert out[1] == "1"  # the save is kept


DROP_EVENTS = cls(
    """Function event validateDrop($event : Object) : Object
    ALERT("validateDrop: "+JSON Stringify($event))
    If (This.name="Sales")
        return {errCode: 3; message: "Sales stays"}
    End if
""",
    log("validateDrop", "location"),
    """Function event dropping($event : Object)
    ALERT("dropping: "+JSON Stringify($event))
    If (This.name="Temp")
        throw({errCode: 1; message: "Error while updating the log file"})
    End if
""",
    """Function event afterDrop($event : Object)
    ALERT("afterDrop: "+JSON Stringify($event)+" "+This.name)
""",
)


def test_drop_events(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": DROP_EVENTS},
        'ds.Employee.all().drop()\n$e:=ds.Department.query("name = :1"; "Research").first()\n'
        "$r:=$e.drop()\nALERT(JSON Stringify($r))\n"
        'ALERT(String(ds.Department.query("name = :1"; "Research").length))\n',
    )
    assert rc == 0, err
    ev = _events(out[:-2])
    assert [k for k, _ in ev] == ["validateDrop location", "validateDrop", "dropping", "afterDrop"]
    assert ev[0][1] == {"kind": "validateDrop", "attributeName": "location", "dataClassName": "Department"}
    assert ev[2][1] == {"kind": "dropping", "dataClassName": "Department"}
    assert out[-3].endswith(" Research")  # This still exists in memory
    after = ev[3][1]
    assert after["dropStatus"] == "success"
    assert after["droppedAttributes"] == ["ID", "name", "budget", "location"]
    assert out[-2:] == ['{"success":true}', "0"]


def test_drop_refused_by_validate_and_by_dropping(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": DROP_EVENTS},
        'ds.Employee.all().drop()\n$s:=ds.Department.query("name = :1"; "Sales").first()\n'
        '$r:=$s.drop()\nALERT("mild "+JSON Stringify($r))\n'
        '$n:=ds.Department.new()\n$n.name:="Temp"\n$n.budget:=1\n$n.location:="L"\n$x:=$n.save()\n'
        'Try\n\t$r:=$n.drop()\nCatch\n\tALERT("caught "+Last errors[0].message)\nEnd try\n'
        'ALERT("left "+ds.Department.all().orderBy("name").name.join(","))\n',
    )
    assert rc == 0, err
    mild = next(x for x in out if x.startswith("mild "))
    assert json.loads(mild[5:]) == {
        "success": False,
        "status": 7,
        "statusText": "Mild Validation Error",
        "errors": [{"errCode": 3, "message": "Sales stays", "componentSignature": "DBEV"}],
    }
    assert "caught Error while updating the log file" in out
    failed = [x for x in out if x.startswith("afterDrop: ")]
    assert len(failed) == 2 and all('"dropStatus":"failed"' in x and '"droppedAttributes":[]' in x for x in failed)
    assert out[-1] == "left Research,Sales,Support,Temp"


def test_entity_selection_drop_runs_the_events(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": DROP_EVENTS},
        "ds.Employee.all().drop()\n$left:=ds.Department.all().drop()\n"
        'ALERT("not dropped "+$left.name.join(","))\nALERT("left "+ds.Department.all().name.join(","))\n',
    )
    assert rc == 0, err
    assert out[-2:] == ["not dropped Sales", "left Sales"]
    assert sum(x.startswith("afterDrop: ") for x in out) == 3


def test_from_collection_runs_save_events(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(REFUSE, log("afterSave"))},
        '$s:=ds.Department.fromCollection([{name: "ok"; budget: 1; location: "a"}])\n'
        "Try\n"
        '\t$s:=ds.Department.fromCollection([{name: "bad"; budget: 1; location: "a"}])\n'
        'Catch\n\tALERT("caught "+Last errors[0].message)\nEnd try\n'
        'ALERT(ds.Department.query("name in :1"; ["ok"; "bad"]).name.join(","))\n',
    )
    assert rc == 0, err
    assert sum(x.startswith("afterSave: ") for x in out) == 2
    assert any(x.startswith("caught ") and "bad name" in x for x in out)
    assert out[-1] == "ok"


def test_classic_commands_do_not_run_entity_events(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"DepartmentEntity": cls(REFUSE, log("touched"), log("afterSave"), log("validateDrop"))},
        'CREATE RECORD([Department])\n[Department]name:="bad"\n[Department]location:="a"\nSAVE RECORD([Department])\n'
        'ALERT(String(ds.Department.query("name = :1"; "bad").length))\n',
    )
    assert rc == 0, err
    assert out == ["1"]


def test_cascade_to_a_class_with_drop_events_is_refused(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {"MissionEntity": cls(log("dropping"))},
        "$e:=ds.Employee.all().first()\n$r:=$e.drop()\n",
    )
    assert rc == 1
    assert "error 90060" in err and "Mission" in err and "not run by mini4d yet" in err


def test_touched_by_constructor_and_from_object_inherited_from_a_user_class(tmp_path: Path, data: str) -> None:
    rc, out, err = run(
        tmp_path,
        data,
        {
            "Base": cls('Function event touched($event : Object)\n    ALERT("t "+$event.attributeName)\n'),
            "DepartmentEntity": 'Class extends Base\n\nClass constructor()\n\tThis.location:="L"\n',
        },
        '$e:=ds.Department.new()\n$e.fromObject({name: "n"; budget: 2})\n',
    )
    assert rc == 0, err
    assert out == ["t location", "t name", "t budget"]
