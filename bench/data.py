"""Datastore benchmark: 4D code on mini4d's SQLite datastore against the same operations written
directly with Python's sqlite3.

    python3 -m bench --sections data          # 100,000 entities
    python3 -m bench --sections data --quick  # 10,000 entities

Operations: inserting the entities (`fromCollection`, and `new()`/`save()` in a transaction),
a query on an indexed attribute, a wildcard query, a query through a relation, ordering and
summing. Each figure is a ratio mini4d time / sqlite3 time; targets: 3x for queries, 5x for
inserts (reported, not asserted).

What makes the two sides the same work:
- the same file settings (WAL, synchronous=NORMAL, mini4d's page cache size) and the same indexes
  (lastName, salary, deptID); text columns compare without case (COLLATE NOCASE), as 4D's `=`
  does, so the sqlite3 `=` and `LIKE 'x%'` use the lastName index as mini4d's wildcard does;
- inserts: both sides run in one transaction (the 4D loop calls ds.startTransaction(), so
  each save() is one statement in it, not a transaction of its own); each sqlite3 INSERT also
  computes the next key itself (MAX + 1), fromCollection is compared with one executemany;
- queries return the matching record numbers (fetchall on the sqlite3 side), counted by both;
- times: the 4D side measures itself with Milliseconds around the operation only (not the
  building of the collection, not the check that follows); the sqlite3 side with perf_counter,
  its check query outside the timing too. Both sides print the same result, which is compared.
- each side's best time over the runs is kept (other work on the machine only adds time); the
  report also gives the range of the per-run ratios.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE base SYSTEM "http://www.4d.com/dtd/2007/base.dtd" >
<base name="bench" uuid="0000000000000000000000000000000A" collation_locale="en">
  <table name="Dept" uuid="000000000000000000000000000000D1" id="1">
    <field name="ID" uuid="000000000000000000000000000000F1" type="4" autosequence="true" id="1"/>
    <field name="name" uuid="000000000000000000000000000000F2" type="10" limiting_length="80" id="2"/>
    <primary_key field_name="ID" field_uuid="000000000000000000000000000000F1"/>
  </table>
  <table name="Emp" uuid="000000000000000000000000000000D2" id="2">
    <field name="ID" uuid="000000000000000000000000000000F3" type="4" autosequence="true" id="1"/>
    <field name="lastName" uuid="000000000000000000000000000000F4" type="10" limiting_length="80" id="2"/>
    <field name="salary" uuid="000000000000000000000000000000F5" type="6" id="3"/>
    <field name="deptID" uuid="000000000000000000000000000000F6" type="4" id="4"/>
    <primary_key field_name="ID" field_uuid="000000000000000000000000000000F3"/>
  </table>
  <relation uuid="000000000000000000000000000000R1" name_Nto1="dept" name_1toN="emps" state="1">
    <related_field kind="source"><field_ref uuid="000000000000000000000000000000F6" name="deptID">
      <table_ref uuid="000000000000000000000000000000D2" name="Emp"/></field_ref></related_field>
    <related_field kind="destination"><field_ref uuid="000000000000000000000000000000F1" name="ID">
      <table_ref uuid="000000000000000000000000000000D1" name="Dept"/></field_ref></related_field>
  </relation>
  <index kind="regular" type="7" uuid="000000000000000000000000000000I1">
    <field_ref uuid="000000000000000000000000000000F4" name="lastName"><table_ref name="Emp"/></field_ref></index>
  <index kind="regular" type="7" uuid="000000000000000000000000000000I2">
    <field_ref uuid="000000000000000000000000000000F6" name="deptID"><table_ref name="Emp"/></field_ref></index>
  <index kind="regular" type="7" uuid="000000000000000000000000000000I3">
    <field_ref uuid="000000000000000000000000000000F5" name="salary"><table_ref name="Emp"/></field_ref></index>
</base>
"""

# name -> (4D code, Python function name); the 4D code prints one line the Python side must match
QUERIES = 1000  # indexed queries per figure (half as many wildcards, a fiftieth through the relation)


def _4d(n: int) -> dict[str, str]:
    return {
        "insert (fromCollection)": f"""
var $c : Collection
$c:=New collection
For ($i; 1; {n})
	$c.push({{lastName: "Name"+String($i%1000); salary: $i%5000; deptID: $i%10+1}})
End for
$t:=Milliseconds
ds.Emp.fromCollection($c)
<>ms:=Milliseconds-$t
ALERT(String(ds.Emp.getCount()))""",
        "insert (new/save loop)": f"""
$t:=Milliseconds
ds.startTransaction()
For ($i; 1; {n // 10})
	$e:=ds.Emp.new()
	$e.lastName:="Loop"+String($i%1000)
	$e.salary:=$i%5000
	$e.deptID:=$i%10+1
	$e.save()
End for
ds.validateTransaction()
<>ms:=Milliseconds-$t
ALERT(String(ds.Emp.query("lastName = :1"; "Loop@").length))""",
        "query indexed": f"""
$t:=Milliseconds
$total:=0
For ($i; 1; {QUERIES})
	$total:=$total+ds.Emp.query("lastName = :1"; "Name"+String($i)).length
End for
<>ms:=Milliseconds-$t
ALERT(String($total))""",
        "query wildcard": f"""
$t:=Milliseconds
$total:=0
For ($i; 1; {QUERIES // 2})
	$total:=$total+ds.Emp.query("lastName = :1"; "Name"+String($i)+"1@").length
End for
<>ms:=Milliseconds-$t
ALERT(String($total))""",
        "query relation": f"""
$t:=Milliseconds
$total:=0
For ($i; 1; {QUERIES // 50})
	$total:=$total+ds.Emp.query("dept.name = :1"; "Dept"+String($i%10+1)).length
End for
<>ms:=Milliseconds-$t
ALERT(String($total))""",
        "order by": """
$t:=Milliseconds
$es:=ds.Emp.query("salary < 2500").orderBy("salary desc, lastName")
<>ms:=Milliseconds-$t
ALERT(String($es.length)+" "+String($es.first().salary))""",
        "sum": """
$t:=Milliseconds
$s:=ds.Emp.all().sum("salary")+ds.Emp.query("deptID = 3").sum("salary")
<>ms:=Milliseconds-$t
ALERT(String($s))""",
    }


def _py(conn: sqlite3.Connection, name: str, n: int) -> tuple[str, float]:
    from mini4d.values import format_number

    cur = conn.cursor()
    t = time.perf_counter()
    if name == "insert (fromCollection)":
        rows = [(i, "Name" + str(i % 1000), float(i % 5000), i % 10 + 1) for i in range(1, n + 1)]
        t = time.perf_counter()
        cur.execute("BEGIN")
        cur.executemany("INSERT INTO emp (id, lastname, salary, deptid) VALUES (?, ?, ?, ?)", rows)
        cur.execute("COMMIT")
        elapsed = time.perf_counter() - t
        out = str(cur.execute("SELECT COUNT(*) FROM emp").fetchone()[0])
        return out, elapsed
    elif name == "insert (new/save loop)":
        cur.execute("BEGIN")
        for i in range(1, n // 10 + 1):
            cur.execute(
                "INSERT INTO emp (id, lastname, salary, deptid) VALUES ((SELECT MAX(id) + 1 FROM emp), ?, ?, ?)",
                ("Loop" + str(i % 1000), float(i % 5000), i % 10 + 1),
            )
        cur.execute("COMMIT")
        elapsed = time.perf_counter() - t
        out = str(cur.execute("SELECT COUNT(*) FROM emp WHERE lastname LIKE 'Loop%'").fetchone()[0])
        return out, elapsed
    elif name == "query indexed":
        total = 0
        for i in range(1, QUERIES + 1):
            total += len(cur.execute("SELECT rowid FROM emp WHERE lastname = ?", ("Name" + str(i),)).fetchall())
        out = str(total)
    elif name == "query wildcard":
        total = 0
        for i in range(1, QUERIES // 2 + 1):
            total += len(
                cur.execute("SELECT rowid FROM emp WHERE lastname LIKE ?", ("Name" + str(i) + "1%",)).fetchall()
            )
        out = str(total)
    elif name == "query relation":
        total = 0
        for i in range(1, QUERIES // 50 + 1):
            total += len(
                cur.execute(
                    "SELECT rowid FROM emp WHERE deptid IN (SELECT id FROM dept WHERE name = ?)",
                    ("Dept" + str(i % 10 + 1),),
                ).fetchall()
            )
        out = str(total)
    elif name == "order by":
        rows = cur.execute(
            "SELECT rowid, salary FROM emp WHERE salary < 2500 ORDER BY salary DESC, lastname"
        ).fetchall()
        out = f"{len(rows)} {format_number(rows[0][1])}"
    else:
        s = cur.execute("SELECT SUM(salary) FROM emp").fetchone()[0]
        s += cur.execute("SELECT SUM(salary) FROM emp WHERE deptid = 3").fetchone()[0]
        out = format_number(s)
    return out, time.perf_counter() - t


def py_setup(path: Path) -> sqlite3.Connection:
    """The sqlite3 side: the same tables and indexes, the same file settings."""
    from mini4d.datastore.backends import CACHE_KIB

    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")  # the page cache mini4d gives its connections
    # text compares without case, as in 4D: `=` and LIKE then both use the lastname index
    conn.execute("CREATE TABLE dept (id INTEGER PRIMARY KEY, name TEXT COLLATE NOCASE)")
    conn.execute("CREATE TABLE emp (id INTEGER PRIMARY KEY, lastname TEXT COLLATE NOCASE, salary REAL, deptid INTEGER)")
    for idx in ("lastname", "salary", "deptid"):
        conn.execute(f"CREATE INDEX emp_{idx} ON emp ({idx})")
    conn.executemany("INSERT INTO dept (id, name) VALUES (?, ?)", [(i, f"Dept{i}") for i in range(1, 11)])
    return conn


def _run_4d(rt: Any, code: str) -> tuple[str, float]:
    from mini4d.cli import Streams, execute
    from mini4d.parser import parse_source
    from mini4d.source import Source

    out = io.StringIO()
    rt.stdout = out
    src = Source("bench", code)
    compiled = rt.interp.compile_unit("bench", parse_source(src), src)
    rc = execute(rt, compiled, [], Streams(out, sys.stderr))
    if rc != 0:
        raise RuntimeError(f"4D code failed ({rc}):\n{code}")
    return out.getvalue().strip(), float(rt.interprocess["ms"]) / 1000


def measure(quick: bool = False, repeat: int = 3, n: int | None = None) -> dict[str, Any]:
    from mini4d.project import Project
    from mini4d.runtime import Runtime

    n = n or (10_000 if quick else 100_000)
    folder = Path(tempfile.mkdtemp(prefix="mini4d-bench-data-"))
    results: dict[str, Any] = {"entities": n, "runs": repeat, "figures": {}}
    try:
        (folder / "Project" / "Sources").mkdir(parents=True)
        (folder / "Project" / "Sources" / "catalog.4DCatalog").write_text(CATALOG, encoding="utf-8")
        times: dict[str, list[tuple[float, float]]] = {}
        for r in range(repeat):
            rt = Runtime(Project([folder], [], folder), stdout=io.StringIO(), stderr=sys.stderr)
            rt.extensions["data"] = str(folder / f"mini4d{r}.sqlite")
            _run_4d(
                rt,
                '$c:=New collection\nFor ($i; 1; 10)\n$c.push({name: "Dept"+String($i)})\nEnd for\n'
                "ds.Dept.fromCollection($c)\n<>ms:=0",
            )
            conn = py_setup(folder / f"py{r}.sqlite")
            for name, code in _4d(n).items():
                out4, t4 = _run_4d(rt, code)
                outp, tp = _py(conn, name, n)
                if out4 != outp:
                    raise RuntimeError(f"{name}: mini4d printed {out4!r}, sqlite3 printed {outp!r}")
                times.setdefault(name, []).append((t4, tp))
            conn.close()
            store = rt.extensions.get("datastore")
            if store is not None:
                store.close()
        for name, pairs in times.items():
            # the best of the runs on each side (as timeit does): other work on the machine only adds time
            t4 = min(p[0] for p in pairs)
            tp = min(p[1] for p in pairs)
            target = 5.0 if name.startswith("insert") else 3.0
            results["figures"][name] = {
                "mini4d_s": t4,
                "sqlite3_s": tp,
                "ratio": t4 / tp if tp > 0 else None,
                "target": target,
                "run_ratios": [p[0] / p[1] for p in pairs if p[1] > 0],
            }
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return results


def report(res: dict[str, Any], out: Any) -> None:
    out.write(f"datastore ({res['entities']} entities; mini4d vs sqlite3, best of {res['runs']} runs):\n")
    for name, f in res["figures"].items():
        ok = "" if f["ratio"] is None or f["ratio"] <= f["target"] else "  (over target)"
        out.write(
            f"  {name:<24} {f['mini4d_s'] * 1000:9.1f} ms {f['sqlite3_s'] * 1000:9.1f} ms"
            f"  ratio {f['ratio']:6.2f} (target {f['target']:.0f}x; each run "
            f"{min(f['run_ratios']):.2f}-{max(f['run_ratios']):.2f}){ok}\n"
        )


def bench_data(quick: bool) -> dict[str, Any]:
    return measure(quick, repeat=1 if quick else 3)


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    report(bench_data(quick), sys.stdout)
