"""Concurrency of the session runtime with exact results: shared counters, Use, deadlocks."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from mini4d.cli import EXIT_INTERRUPTED, Streams, execute
from mini4d.errors import ERR_DEADLOCK, ERR_OUTSIDE_USE, FourDError
from mini4d.parser import parse_source
from mini4d.project import Project
from mini4d.runtime import Runtime
from mini4d.source import Source
from mini4d.values import Obj, SharedGroup, _waits, check_writable, new_shared_group, set_current_process

HANG = 120.0  # seconds: only a hang can take this long


ADD = """#DECLARE($counter : Object; $n : Integer)
var $i : Integer
For ($i; 1; $n)
\tUse ($counter)
\t\t$counter.n:=$counter.n+1
\tEnd use
End for
"""

WAIT = """#DECLARE($procs : Collection)
var $busy : Boolean
Repeat
\t$busy:=False
\tFor each ($p; $procs)
\t\tIf (Process state($p)>=0)
\t\t\t$busy:=True
\t\tEnd if
\tEnd for each
\tIf ($busy)
\t\tDELAY PROCESS(Current process; 1)
\tEnd if
Until (Not($busy))
"""


def counter_script(processes: int, increments: int, rounds: int) -> str:
    return f"""var $r; $i : Integer
For ($r; 1; {rounds})
\t$counter:=New shared object("n"; 0)
\t$procs:=New collection
\tFor ($i; 1; {processes})
\t\t$procs.push(New process("Add"; 0; "adder "+String($i); $counter; {increments}))
\tEnd for
\tWait($procs)
\tALERT(String($counter.n))
End for
"""


def test_counter_8_processes_exact(tmp_path: Path, run_script: Any) -> None:
    rc, out, err = run_script(counter_script(8, 5000, 1), {"Add": ADD, "Wait": WAIT}, timeout=HANG)
    assert (rc, out, err) == (0, "40000\n", "")


def test_counter_repeated_short(tmp_path: Path, run_script: Any) -> None:
    rc, out, err = run_script(counter_script(8, 300, 5), {"Add": ADD, "Wait": WAIT}, timeout=HANG)
    assert (rc, out, err) == (0, "2400\n" * 5, "")


@pytest.mark.slow
def test_counter_repeated_long(tmp_path: Path, run_script: Any) -> None:
    rc, out, err = run_script(counter_script(8, 5000, 10), {"Add": ADD, "Wait": WAIT}, timeout=HANG)
    assert (rc, out, err) == (0, "40000\n" * 10, "")


NESTED = """#DECLARE($counter : Object; $n : Integer)
var $i : Integer
For ($i; 1; $n)
\tUse ($counter)
\t\tUse ($counter.log)
\t\t\t$counter.n:=$counter.n+1
\t\tEnd use
\t\t$counter.log.push($counter.n)
\tEnd use
End for
"""


def test_nested_use_over_one_group_8_processes_exact_repeated(tmp_path: Path, run_script: Any) -> None:
    """The counter and its log are one group: nested Use, an internal Use (push), exact counts, in order."""
    text = """var $r; $i : Integer
For ($r; 1; 3)
\t$counter:=New shared object("n"; 0; "log"; New shared collection)
\t$procs:=New collection
\tFor ($i; 1; 8)
\t\t$procs.push(New process("Nested"; 0; "nested "+String($i); $counter; 250))
\tEnd for
\tWait($procs)
\t$inOrder:=True
\tFor ($i; 0; $counter.log.length-1)
\t\t$inOrder:=$inOrder & ($counter.log[$i]=($i+1))
\tEnd for
\tALERT(String($counter.n)+" "+String($counter.log.length)+" "+String($inOrder))
End for
"""
    rc, out, err = run_script(text, {"Nested": NESTED, "Wait": WAIT}, timeout=HANG)
    assert (rc, out, err) == (0, "2000 2000 True\n" * 3, "")


def test_stop_all_ends_a_process_blocked_in_use(tmp_path: Path) -> None:
    """Ctrl-C (Runtime.stop_all) reaches a process asleep on a shared group; nothing is left waiting."""
    (tmp_path / "Blocked.4dm").write_text("#DECLARE($o : Object)\nUse ($o)\n\t$o.x:=1\nEnd use\n", encoding="utf-8")
    text = (
        '$o:=New shared object\n$s:=New signal\nUse ($o)\n\t$p:=New process("Blocked"; 0; "blocked"; $o)\n'
        "\t$s.wait()\nEnd use\n"
    )
    script = tmp_path / "main.4dm"
    script.write_text(text, encoding="utf-8")
    rt = Runtime(Project.for_script(script))
    src = Source("main.4dm", text)
    code = rt.interp.compile_unit("main", parse_source(src), src)
    out, err = io.StringIO(), io.StringIO()
    result: dict[str, int] = {}
    t = threading.Thread(target=lambda: result.setdefault("rc", execute(rt, code, [], Streams(out, err))), daemon=True)
    t.start()
    deadline = time.monotonic() + HANG

    def blocked() -> Any:
        return next((p for p in list(rt.processes.values()) if p.name == "blocked"), None)

    while (blocked() is None or blocked().state != 4) and time.monotonic() < deadline:
        time.sleep(0.005)
    p = blocked()
    assert p is not None and p.state == 4  # Waiting for internal flag: asleep in Use
    rt.stop_all()
    t.join(HANG)
    assert not t.is_alive() and result["rc"] == EXIT_INTERRUPTED
    assert p.thread is not None
    p.thread.join(HANG)
    assert not p.thread.is_alive()
    assert not any(q in _waits for q in rt.processes.values())
    assert "error" not in err.getvalue()


MOVE = """#DECLARE($acct : Object; $n : Integer)
var $i : Integer
For ($i; 1; $n)
\tUse ($acct)
\t\t$acct.a:=$acct.a-1
\t\t$acct.b:=$acct.b+1
\tEnd use
End for
"""

READ = """#DECLARE($acct : Object; $n : Integer; $bad : Object)
var $i; $sum : Integer
For ($i; 1; $n)
\tUse ($acct)
\t\t$sum:=$acct.a+$acct.b
\tEnd use
\tIf ($sum#1000)
\t\tUse ($bad)
\t\t\t$bad.n:=$bad.n+1
\t\tEnd use
\tEnd if
End for
"""


def mixed_script(reps: int, n: int) -> str:
    return f"""var $r : Integer
For ($r; 1; {reps})
\t$acct:=New shared object("a"; 1000; "b"; 0)
\t$bad:=New shared object("n"; 0)
\t$procs:=New collection
\t$procs.push(New process("Move"; 0; "w1"; $acct; {n}))
\t$procs.push(New process("Read"; 0; "r1"; $acct; {n}; $bad))
\t$procs.push(New process("Move"; 0; "w2"; $acct; {n}))
\t$procs.push(New process("Read"; 0; "r2"; $acct; {n}; $bad))
\tWait($procs)
\tALERT(String($acct.a)+" "+String($acct.b)+" "+String($bad.n))
End for
"""


def test_mixed_readers_writers_100_repetitions(tmp_path: Path, run_script: Any) -> None:
    rc, out, err = run_script(mixed_script(100, 20), {"Move": MOVE, "Read": READ, "Wait": WAIT}, timeout=HANG)
    assert (rc, err) == (0, "")
    assert out == "960 40 0\n" * 100


@pytest.mark.slow
def test_mixed_readers_writers_long(tmp_path: Path, run_script: Any) -> None:
    rc, out, err = run_script(mixed_script(100, 400), {"Move": MOVE, "Read": READ, "Wait": WAIT}, timeout=HANG)
    assert (rc, err) == (0, "")
    assert out == "200 800 0\n" * 100


class FakeProcess:
    def __init__(self, number: int):
        self.number = number
        self.name = f"p{number}"
        self.state = 0
        self.stop_requested = False


def test_writes_outside_use_always_fail_while_another_process_holds() -> None:
    o = Obj()
    o.group = new_shared_group()
    holder, other = FakeProcess(1), FakeProcess(2)
    o.group.acquire(holder)
    failures = []

    def writer() -> None:
        set_current_process(other)
        for _ in range(2000):
            try:
                check_writable(o)
            except FourDError as e:
                failures.append(e.code)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(HANG)
    assert failures == [ERR_OUTSIDE_USE] * 8000
    set_current_process(holder)
    check_writable(o)  # the holder may write
    o.group.release(holder)
    with pytest.raises(FourDError) as e:
        check_writable(o)
    assert e.value.code == ERR_OUTSIDE_USE


def test_use_is_reentrant_and_counted() -> None:
    g = new_shared_group()
    p, q = FakeProcess(1), FakeProcess(2)
    g.acquire(p)
    g.acquire(p)
    g.release(p)
    assert g.held_by(p) and not g.held_by(q)
    got = threading.Event()

    def other() -> None:
        g.acquire(q)
        got.set()
        g.release(q)

    t = threading.Thread(target=other)
    t.start()
    assert not got.wait(0.2)  # still held once: the other process blocks
    g.release(p)
    assert got.wait(HANG)
    t.join(HANG)
    assert g.owner is None and g.count == 0


def test_three_process_deadlock_cycle_is_reported_once() -> None:
    groups = [SharedGroup() for _ in range(3)]
    procs = [FakeProcess(i + 1) for i in range(3)]
    barrier = threading.Barrier(3)
    outcome: dict[int, str] = {}

    def worker(i: int) -> None:
        p = procs[i]
        mine, wanted = groups[i], groups[(i + 1) % 3]
        mine.acquire(p)
        barrier.wait()
        try:
            wanted.acquire(p)
        except FourDError as e:
            outcome[i] = "deadlock" if e.code == ERR_DEADLOCK else str(e.code)
            mine.release(p)
            return
        outcome[i] = "ok"
        wanted.release(p)
        mine.release(p)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10.0)  # detection polls every 0.05 s: far below this hang limit
    assert not any(t.is_alive() for t in threads), "deadlock not reported"
    assert sorted(outcome.values()) == ["deadlock", "ok", "ok"]


def test_deadlock_between_4d_processes_is_reported(tmp_path: Path, run_script: Any) -> None:
    pair = """#DECLARE($first : Object; $second : Object; $ready : Object; $go : Object)
Use ($first)
\t$ready.trigger()
\t$go.wait(20)
\tUse ($second)
\t\t$second.x:=1
\tEnd use
End use
"""
    text = """$a:=New shared object
$b:=New shared object
$go:=New signal
$r1:=New signal
$r2:=New signal
$procs:=New collection
$procs.push(New process("Pair"; 0; "one"; $a; $b; $r1; $go))
$procs.push(New process("Pair"; 0; "two"; $b; $a; $r2; $go))
$r1.wait(20)
$r2.wait(20)
$go.trigger()
Wait($procs)
ALERT("finished")
"""
    rc, out, err = run_script(text, {"Pair": pair, "Wait": WAIT}, timeout=HANG)
    assert out == "finished\n"
    assert rc == 1  # the process that got the error stopped on it
    assert err.count("error 90052: Deadlock") == 1


def test_reading_a_shared_object_while_another_process_writes_it(tmp_path: Path, run_script: Any) -> None:
    grow = """#DECLARE($o : Object; $stop : Object)
var $i : Integer
While (Not($stop.signaled))
\t$i:=$i+1
\tUse ($o)
\t\t$o["k"+String($i)]:=$i
\t\tIf ($i>50)
\t\t\tOB REMOVE($o; "k"+String($i-50))
\t\tEnd if
\tEnd use
End while
"""
    text = """$o:=New shared object
$stop:=New signal
$p:=New process("Grow"; 0; "grow"; $o; $stop)
var $i : Integer
For ($i; 1; 1500)
\tFor each ($k; $o)
\tEnd for each
\t$t:=JSON Stringify($o)
\t$keys:=OB Keys($o)
\t$e:=OB Entries($o)
\t$c:=OB Copy($o)
\t$s:=OB Copy($o; ck shared)
End for
$stop.trigger()
ALERT("read "+String($i-1)+" times")
"""
    rc, out, err = run_script(text, {"Grow": grow}, timeout=HANG)
    assert (rc, out, err) == (0, "read 1500 times\n", "")
