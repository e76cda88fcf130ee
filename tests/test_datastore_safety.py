"""Concurrency and safety of the datastore: processes writing at once, a process killed in the
middle of a transaction, hostile names and values, missing or malformed catalogs."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from harness import COMPANY, PG_DSN, drop_pg_schema, pg_schema_dsn, run_code  # noqa: E402
from mini4d.datastore.catalog import parse_catalog  # noqa: E402
from mini4d.errors import FourDError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _stress_code(procs: int, saves: int) -> str:
    return f"""
<>failures:=0
var $all : Collection
$all:=New collection
For ($k; 1; {procs})
	$all.push(New process("_stress_worker"; 0; "writer "+String($k); {saves}; "w"+String($k)))
End for
_wait_ended($all)
ALERT(String(Records in table([Journal]))+" "+String(ds.Department.getCount())+" "+String(<>failures))
ALERT(String(ds.Department.all().distinct("ID").length))
"""


def _expected(procs: int, saves: int) -> list[str]:
    journal = procs * (saves // 2)
    deps = procs * (saves - saves // 2) + 3
    return [f"{journal} {deps} 0", str(deps)]


BACKENDS = ["sqlite"] + (["postgresql"] if PG_DSN else [])


def _data(backend: str, tmp_path: Path) -> tuple[str, str]:
    if backend == "postgresql":
        return pg_schema_dsn(PG_DSN)
    return str(tmp_path / "stress.sqlite"), ""


@pytest.mark.parametrize("backend", BACKENDS)
def test_processes_writing_at_once_lose_nothing(backend: str, tmp_path: Path) -> None:
    """8 processes save at once (classic and ORDA): every record is there, keys are all different."""
    data, schema = _data(backend, tmp_path)
    try:
        rc, out, err = run_code(_stress_code(8, 60), data)
    finally:
        if schema:
            drop_pg_schema(PG_DSN, schema)
    assert rc == 0, err
    assert out.splitlines() == _expected(8, 60), err


_FIRST_TOUCH = """
<>failures:=0
var $all : Collection
$all:=New collection
For ($k; 1; 8)
	$all.push(New process("_first_touch"; 0; "reader "+String($k)))
End for
_wait_ended($all)
ALERT(String(<>failures)+" "+String(ds.Department.getCount()))
"""


def test_processes_opening_the_datastore_at_once_all_see_it_seeded(tmp_path: Path) -> None:
    """8 processes whose first statement reads `ds` while the store opens and seeds: none waits
    forever (opening once held two locks in opposite orders), none sees it half-seeded."""
    for round_ in range(12):
        rc, out, err = run_code(_FIRST_TOUCH, str(tmp_path / f"open{round_}.sqlite"))
        assert rc == 0, err
        assert out.strip() == "0 3", (round_, out, err)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_stress_8_processes_500_saves_repeated(backend: str, tmp_path: Path) -> None:
    for round_ in range(3):
        data, schema = _data(backend, tmp_path / str(round_))
        (tmp_path / str(round_)).mkdir(exist_ok=True)
        try:
            rc, out, err = run_code(_stress_code(8, 500), data)
        finally:
            if schema:
                drop_pg_schema(PG_DSN, schema)
        assert rc == 0, err
        assert out.splitlines() == _expected(8, 500), err


# ------------------------------------------------------------------ a process killed mid-transaction

_KILL_SCRIPT = """
ds.startTransaction()
For ($i; 1; 200)
	$d:=ds.Department.new()
	$d.name:="in flight "+String($i)
	$r:=$d.save()
End for
ALERT("ready")
While (True)
	DELAY PROCESS(Current process; 6)
End while
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_killed_in_a_transaction_leaves_the_data_consistent(sig: int, tmp_path: Path) -> None:
    data = tmp_path / "company.sqlite"
    company = tmp_path / "company"  # a copy: the probe method is not written into the examples
    shutil.copytree(COMPANY, company)
    script = company / "Project" / "Sources" / "Methods" / f"_kill_probe_{os.getpid()}.4dm"
    script.write_text(_KILL_SCRIPT, encoding="utf-8")
    env = dict(os.environ, MINI4D_CACHE_DIR=str(tmp_path / "cache"))
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mini4d", "--data", str(data), "--seed", str(company / "seed.json"), str(script)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read() if proc.stderr else ""
        proc.send_signal(sig)
        proc.wait(timeout=30)
    finally:
        script.unlink()
    conn = sqlite3.connect(str(data))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        dept = next(
            t
            for t in tables
            if t.startswith("t_")
            and conn.execute("SELECT name FROM __m4d_schema WHERE col = ?", (t,)).fetchone() == ("Department",)
        )
        assert conn.execute(f"SELECT COUNT(*) FROM {dept}").fetchone()[0] == 3  # the seed only
    finally:
        conn.close()
    # the file opens again and accepts writes
    rc, out, err = run_code(
        'ALERT(String(ds.Department.getCount()))\n$d:=ds.Department.new()\n$d.name:="after"\n'
        "$r:=$d.save()\nALERT(String(ds.Department.getCount()))",
        str(data),
        seed=False,
    )
    assert (rc, out.splitlines()) == (0, ["3", "4"]), err


# ------------------------------------------------------------------ hostile names and values

_HOSTILE = "x'); DROP TABLE __m4d_schema; --"


def test_hostile_values_and_query_strings_are_data(tmp_path: Path) -> None:
    code = f"""
$d:=ds.Department.new()
$d.name:="{_HOSTILE}"
$d.location:="a%b_c*d?e[f]g\\\\h"
$r:=$d.save()
ALERT(String(ds.Department.query("name = :1"; "{_HOSTILE}").length))
ALERT(String(ds.Department.query("name = :1"; "x'); DROP@").length))
ALERT(String(ds.Department.query("location = :1"; "a%b_c*d?e[f]g\\\\h").length))
ALERT(String(ds.Department.query("location = :1"; "a%b@").length))
ALERT(String(ds.Department.query("location = :1"; "a_b@").length))
ALERT(String(ds.Department.query("location = :1"; "@[f]@").length))
QUERY([Department];[Department]name="{_HOSTILE}")
ALERT(String(Records in selection([Department])))
$r:=Try(ds.Department.query("name = 'x' or 1=1; DROP TABLE x"))
ALERT(String(Last errors.length>0))
$r:=Try(ds.Department.query(":1 = 1"; "name; DROP TABLE x"))
ALERT(String(Last errors[0].errCode))
ALERT(String(ds.Department.getCount()))
"""
    rc, out, err = run_code(code, str(tmp_path / "h.sqlite"))
    assert rc == 0, err
    assert out.splitlines() == ["1", "1", "1", "1", "0", "1", "1", "True", "90110", "4"], err


HOSTILE_CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE base SYSTEM "http://www.4d.com/dtd/2007/base.dtd" >
<base name="h" uuid="00000000000000000000000000000001" collation_locale="en">
  <table name="Robert'); DROP TABLE t;--" uuid="bad uuid; DROP TABLE x" id="1">
    <field name="ID" uuid="11111111111111111111111111111111" type="4" autosequence="true" id="1"/>
    <field name="na&quot;me" uuid="22222222222222222222222222222222" type="10" id="2"/>
    <primary_key field_name="ID" field_uuid="11111111111111111111111111111111"/>
  </table>
</base>
"""


def test_hostile_names_in_the_catalog_never_reach_sql(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "Project" / "Sources").mkdir(parents=True)
    (project / "Project" / "Sources" / "catalog.4DCatalog").write_text(HOSTILE_CATALOG, encoding="utf-8")
    script = project / "Project" / "Sources" / "probe.4dm"
    script.write_text(
        'var $dc : Object\n$dc:=ds["Robert\'); DROP TABLE t;--"]\n$e:=$dc.new()\n'
        '$e["na\\"me"]:="Bobby"\n$r:=$e.save()\n'
        'ALERT(String($r.success)+" "+String($dc.getCount())+" "+$dc.all().first()["na\\"me"])\n',
        encoding="utf-8",
    )
    env = dict(os.environ, MINI4D_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run(
        [sys.executable, "-m", "mini4d", "--data", str(tmp_path / "h.sqlite"), str(script)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["True 1 Bobby"]
    conn = sqlite3.connect(str(tmp_path / "h.sqlite"))
    names = sorted(r[0] for r in conn.execute("SELECT name FROM __m4d_schema"))
    conn.close()
    assert names == ["ID", "Robert'); DROP TABLE t;--", 'na"me']


# ------------------------------------------------------------------ catalogs


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<base><table name='A' id='1'>", "malformed catalog XML"),
        ("<root/>", "not a 4D catalog"),
        ("<base><table name='A' id='1'><field name='f' type='99' id='1'/></table></base>", "unknown type code '99'"),
        ("<base><table name='A'><field name='f' type='4' id='1'/></table></base>", 'no valid "id"'),
        (
            '<?xml version="1.0"?><!DOCTYPE base [<!ENTITY a "aaaa">]><base>&a;</base>',
            "declares entities",
        ),
        (
            "<base><table name='A' id='1'><primary_key field_name='nope'/></table></base>",
            "primary key",
        ),
    ],
)
def test_malformed_catalogs_give_clear_errors(text: str, message: str) -> None:
    with pytest.raises(FourDError) as exc:
        parse_catalog(text, "catalog.4DCatalog")
    assert exc.value.code == 90120
    assert message in exc.value.message


def test_unknown_elements_are_tolerated_with_one_warning_each() -> None:
    s = parse_catalog(
        "<base><future_thing/><future_thing/><table name='A' id='1' shiny='yes'>"
        "<field name='f' type='4' id='1'/></table></base>"
    )
    assert s.tables[0].name == "A"
    assert s.warnings == ["unknown element <future_thing> ignored", 'unknown attribute "shiny" of <table> ignored']


def test_a_malformed_catalog_stops_a_run_with_a_4d_error(tmp_path: Path) -> None:
    project = tmp_path / "p"
    (project / "Project" / "Sources").mkdir(parents=True)
    (project / "Project" / "Sources" / "catalog.4DCatalog").write_text("<base><table>", encoding="utf-8")
    script = project / "Project" / "Sources" / "probe.4dm"
    script.write_text("ALERT(String(OB Keys(ds).length))\n", encoding="utf-8")
    env = dict(os.environ, MINI4D_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.run(
        [sys.executable, "-m", "mini4d", "--data", ":memory:", str(script)], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 1
    assert "error 90120" in proc.stderr and "malformed catalog XML" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_catalog_changes_never_drop_data(tmp_path: Path) -> None:
    """A field whose type changes gets a new column; a table removed from the catalog keeps its data."""
    from mini4d.datastore.backends import SQLiteBackend
    from mini4d.datastore.engine import Engine

    cat1 = (
        "<base><table name='A' uuid='AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' id='1'>"
        "<field name='n' uuid='BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB' type='4' id='1'/></table>"
        "<table name='Gone' uuid='CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC' id='2'>"
        "<field name='x' uuid='DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD' type='4' id='1'/></table></base>"
    )
    path = str(tmp_path / "d.sqlite")
    eng = Engine(parse_catalog(cat1), SQLiteBackend(path))
    t = eng.schema.tables[0]

    class P:
        ended = False

    p = P()
    eng.write(p, lambda c: eng.insert(c, t, [7.0]))
    eng.write(p, lambda c: eng.insert(c, eng.schema.tables[1], [1.0]))
    eng.close()
    cat2 = cat1.replace("type='4' id='1'/></table><table", "type='10' id='1'/></table><table").split(
        "<table name='Gone'"
    )[0]
    cat2 += "</base>"
    eng2 = Engine(parse_catalog(cat2), SQLiteBackend(path))
    eng2.open()
    assert any("changed type" in w for w in eng2.warnings)
    assert any('"Gone" is no longer in the catalog' in w for w in eng2.warnings)
    eng2.close()
    conn = sqlite3.connect(path)
    assert conn.execute(
        "SELECT f_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB FROM t_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    ).fetchall() == [(7,)]
    assert conn.execute("SELECT COUNT(*) FROM t_CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC").fetchone() == (1,)
    conn.close()


def test_no_dtd_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    """The DOCTYPE names a DTD on 4d.com: parsing must not open any connection."""
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the catalog reader tried to reach the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    s = parse_catalog((COMPANY / "Project" / "Sources" / "catalog.4DCatalog").read_text(encoding="utf-8"))
    assert [t.name for t in s.tables] == ["Department", "Employee", "Mission", "Journal"]


# ------------------------------------------------------------------ misuse gives 4D errors, never a crash

MISUSE = [
    "QUERY([Employee])",
    "QUERY([Employee];1)",
    'QUERY([Employee];[Employee]salary;"~";1)',
    "ORDER BY([Employee];1)",
    "SELECTION TO ARRAY([Employee]lastName)",
    'GOTO RECORD([Employee];"a")',
    'USE SET("nope")',
    "Table(999)",
    "$x:=ds.Employee.query(1)",
    '$x:=ds.Employee.query("nope = 1")',
    '$x:=ds.Employee.query("(lastName = 1")',
    '$x:=ds.Employee.query("lastName = :3"; 1)',
    '$x:=ds.Employee.query("eval(")',
    '$x:=ds.Employee.all().sum("lastName")',
    '$x:=ds.Employee.all().slice("a")',
    '$x:=ds.Employee.all()["a"]',
    "$x:=ds.Employee.fromCollection(New collection(1))",
    '$e:=ds.Employee.new()\n$e.salary:="abc"',
    "$e:=ds.Employee.new()\n$e.department:=ds.Mission.new()",
    "$x:=[Nope]field",
    "[Employee]nope:=1",
    "APPLY TO SELECTION([Employee];1/0)",
    'JSON TO SELECTION([Employee];"{not json")',
    "VALIDATE TRANSACTION\nds.validateTransaction()",
]


@pytest.mark.parametrize("code", MISUSE)
def test_misuse_gives_a_4d_error(code: str) -> None:
    rc, out, err = run_code(code + "\n", ":memory:")
    assert rc in (0, 1), err
    assert "internal error" not in err and "Traceback" not in err
    assert rc == 0 or "error " in err


@pytest.mark.parametrize("backend", BACKENDS)
def test_sequence_numbers_survive_the_run_and_are_never_given_back(backend: str, tmp_path: Path) -> None:
    """Numbers taken inside a transaction are in the data once it is validated (a later run goes
    on after them); numbers taken in a cancelled transaction are not given again."""
    data, schema = _data(backend, tmp_path)
    first = """
ds.startTransaction()
For ($i; 1; 5)
	$e:=ds.Department.new()
	$e.name:="D"+String($i)
	$e.save()
End for
ds.validateTransaction()
ds.startTransaction()
$e:=ds.Department.new()
$e.name:="cancelled"
$e.save()
$cancelled:=$e.ID
ds.cancelTransaction()
$e:=ds.Department.new()
$e.name:="after"
$e.save()
ALERT(String(ds.Department.all().ID.join(","))+" "+String($e.ID>$cancelled))
"""
    again = """
$e:=ds.Department.new()
$e.name:="next run"
$e.save()
CREATE RECORD([Department])
[Department]name:="classic"
SAVE RECORD([Department])
ALERT(String(ds.Department.all().ID.join(","))+" "+String(Sequence number([Department])))
"""
    try:
        rc, out, err = run_code(first, data, seed=False)
        assert rc == 0, err
        assert out.split() == ["1,2,3,4,5,7", "True"]
        rc, out, err = run_code(again, data, seed=False)
        assert rc == 0, err
        assert out.split() == ["1,2,3,4,5,7,8,9", "10"]
    finally:
        if schema:
            drop_pg_schema(PG_DSN, schema)
