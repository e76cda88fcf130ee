"""The session runtime seen from Python: sessions, registry names, CLI behaviour of processes."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from mini4d.cli import EXIT_INTERRUPTED, Streams, execute, main
from mini4d.parser import parse_source
from mini4d.project import Project
from mini4d.registry import REGISTRY
from mini4d.runtime import Runtime, copy_for_process, new_uuid
from mini4d.source import Source
from mini4d.values import Coll, Obj, new_shared_group

HANG = 120.0


def run_text(tmp_path: Path, text: str, methods: dict[str, str] | None = None) -> tuple[int, str, str]:
    for name, body in (methods or {}).items():
        (tmp_path / f"{name}.4dm").write_text(body, encoding="utf-8")
    script = tmp_path / "main.4dm"
    script.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    rc = main([str(script)], stdout=out, stderr=err)
    return rc, out.getvalue(), err.getvalue()


def test_session_ids_are_32_uppercase_hex_and_unique() -> None:
    ids = {new_uuid() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"[0-9A-F]{32}", i) for i in ids)
    rt = Runtime()
    s = rt.new_session("alice")
    assert rt.sessions[s.id] is s and rt.sessions[rt.default_session.id] is rt.default_session
    assert s.storage is not rt.default_session.storage


def test_session_storage_names_resolve_to_command_1839() -> None:
    REGISTRY.ensure_loaded()
    a = REGISTRY.lookup("Session storage")
    b = REGISTRY.lookup("Session  storage by ID")
    c = REGISTRY.lookup_number(1839)
    assert a is b is c and a.implemented and a.name == "Session storage"
    assert REGISTRY.lookup("Get process activity") is REGISTRY.lookup_number(1495)


def test_parameters_are_copied_unless_shared() -> None:
    shared = Obj()
    shared.group = new_shared_group()
    inner = Coll([1.0])
    std = Obj({"inner": inner, "shared": shared})
    dict.__setitem__(std, "self", std)
    c = copy_for_process(std)
    assert c is not std and c["inner"] is not inner and list(c["inner"]) == [1.0]
    assert c["shared"] is shared
    assert c["self"] is c  # cycles are kept


def test_child_error_is_printed_and_gives_exit_1(tmp_path: Path) -> None:
    rc, out, err = run_text(
        tmp_path,
        '$p:=New process("Boom"; 0; "boom")\nDELAY PROCESS(Current process; 6)\nALERT("main done")\n',
        {"Boom": 'ASSERT(False; "child failure")\nALERT("not reached")\n'},
    )
    assert rc == 1
    assert out == "main done\n"
    assert "In process 2 (boom):" in err and "error -10518: Assert failed: child failure" in err
    assert re.search(r"\n  in Boom \(.*Boom\.4dm:1\)\n", err)


def test_run_waits_for_every_process_even_after_a_main_error(tmp_path: Path) -> None:
    rc, out, err = run_text(
        tmp_path,
        '$p:=New process("Late"; 0; "late")\nASSERT(False; "main failure")\n',
        {"Late": 'DELAY PROCESS(Current process; 12)\nALERT("late child done")\n'},
    )
    assert rc == 1
    assert out == "late child done\n"
    assert "error -10518: Assert failed: main failure" in err


def test_output_lines_of_processes_never_interleave(tmp_path: Path) -> None:
    body = "#DECLARE($tag : Text)\nvar $i : Integer\nFor ($i; 1; 200)\n\tALERT($tag*40)\nEnd for\n"
    text = '$procs:=New collection\nFor ($i; 1; 4)\n\t$procs.push(New process("Say"; 0; "say"; String($i)))\nEnd for\n'
    rc, out, err = run_text(tmp_path, text, {"Say": body})
    assert (rc, err) == (0, "")
    lines = out.splitlines()
    assert len(lines) == 800
    assert sorted(set(lines)) == [str(i) * 40 for i in range(1, 5)]


def test_stop_all_interrupts_spinning_and_waiting_processes(tmp_path: Path) -> None:
    (tmp_path / "Spin.4dm").write_text("While (True)\nEnd while\n", encoding="utf-8")
    (tmp_path / "Hold.4dm").write_text(
        "#DECLARE($o : Object)\nUse ($o)\n\tDELAY PROCESS(Current process; 100000)\nEnd use\n", encoding="utf-8"
    )
    (tmp_path / "Blocked.4dm").write_text("#DECLARE($o : Object)\nUse ($o)\nEnd use\n", encoding="utf-8")
    text = (
        '$o:=New shared object\n$p:=New process("Spin"; 0; "spin")\n$h:=New process("Hold"; 0; "hold"; $o)\n'
        'DELAY PROCESS(Current process; 6)\n$b:=New process("Blocked"; 0; "blocked"; $o)\n'
        'CALL WORKER("idle"; "Spin")\n$s:=New signal\n$s.wait()\n'
    )
    script = tmp_path / "main.4dm"
    script.write_text(text, encoding="utf-8")
    rt = Runtime(Project.for_script(script))
    code = rt.interp.compile_unit("main", parse_source(Source("main.4dm", text)), Source("main.4dm", text))
    out, err = io.StringIO(), io.StringIO()
    result: dict[str, int] = {}
    t = threading.Thread(target=lambda: result.setdefault("rc", execute(rt, code, [], Streams(out, err))), daemon=True)
    t.start()
    deadline = time.monotonic() + HANG
    while len(rt.processes) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(rt.processes) == 5
    rt.stop_all()
    t.join(HANG)
    assert not t.is_alive()
    assert result["rc"] == EXIT_INTERRUPTED
    for p in rt.processes.values():
        if p.thread is not None:
            p.thread.join(HANG)
            assert not p.thread.is_alive(), p


EXAMPLES = Path(__file__).parent.parent / "examples"
RUNTIME_EXAMPLES = ["sessions", "counter", "workers", "signals"]


def test_runtime_examples_print_their_out_files() -> None:
    for topic in RUNTIME_EXAMPLES:
        script = EXAMPLES / topic / "main.4dm"
        out, err = io.StringIO(), io.StringIO()
        rc = main([str(script)], stdout=out, stderr=err)
        assert (topic, rc, err.getvalue()) == (topic, 0, "")
        assert out.getvalue() == (EXAMPLES / topic / "main.out").read_text(encoding="utf-8"), topic


def test_processes_get_a_deep_stack(tmp_path: Path) -> None:
    rec = "#DECLARE($n : Integer) : Integer\nIf ($n=0)\n\treturn 0\nEnd if\nreturn Rec($n-1)+1\n"
    run = "#DECLARE($out : Object)\nUse ($out)\n\t$out.depth:=Rec(1500)\nEnd use\n"
    text = (
        "$out:=New shared object\n$procs:=New collection\nFor ($i; 1; 3)\n"
        '\t$procs.push(New process("Run"; 0; "deep"; $out))\nEnd for\n'
        "While ($procs.some(Formula(Process state($1.value)>=0)))\n\tDELAY PROCESS(Current process; 1)\nEnd while\n"
        "ALERT(String($out.depth))\n"
    )
    rc, out, err = run_text(tmp_path, text, {"Rec": rec, "Run": run})
    assert (rc, out, err) == (0, "1500\n", "")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_every_process_with_exit_130(tmp_path: Path) -> None:
    (tmp_path / "Blocked.4dm").write_text("#DECLARE($o : Object)\nUse ($o)\nEnd use\n", encoding="utf-8")
    (tmp_path / "Waits.4dm").write_text(
        '$r:=Semaphore("x"; 100000)\nDELAY PROCESS(Current process; 100000)\n', encoding="utf-8"
    )
    (tmp_path / "main.4dm").write_text(
        '$o:=New shared object\n$s:=New signal\nUse ($o)\n\t$p:=New process("Blocked"; 0; "blocked"; $o)\n'
        '\t$q:=New process("Waits"; 0; "waits")\n\t$ok:=Semaphore("x")\n\tCALL WORKER("w"; "Waits")\n'
        '\tALERT("ready")\n\t$s.wait()\nEnd use\n',
        encoding="utf-8",
    )
    # Ctrl-C as a terminal sends it; restore Python's handler in case this test runs with SIGINT ignored.
    boot = "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); from mini4d.cli import main; sys.exit(main(['main.4dm']))"
    p = subprocess.Popen(
        [sys.executable, "-c", boot],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )
    try:
        assert p.stdout is not None and p.stdout.readline() == b"ready\n"
        p.send_signal(signal.SIGINT)
        _out, err = p.communicate(timeout=HANG)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == EXIT_INTERRUPTED
    # where the main process stopped: method, line, and the call stack
    assert err.decode().splitlines() == ["Interrupted in main at main.4dm:9", "    $s.wait()", "  in main (main.4dm:9)"]
