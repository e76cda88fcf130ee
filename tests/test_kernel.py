"""The Jupyter kernel (extra `mini4d[jupyter]`): execute, complete, is_complete, inspect, interrupt, notebook."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("ipykernel")
pytest.importorskip("jupyter_client")

from jupyter_client.manager import start_new_kernel
from mini4d.kernel import kernel_main

ROOT = Path(__file__).parent.parent
NOTEBOOK = ROOT / "examples" / "notebooks" / "shared_objects_and_sessions.ipynb"
TIMEOUT = 60


@pytest.fixture(scope="module")
def jupyter_path(tmp_path_factory: pytest.TempPathFactory):
    prefix = tmp_path_factory.mktemp("prefix")
    out = io.StringIO()
    assert kernel_main(["install", "--prefix", str(prefix)], out, io.StringIO()) == 0
    path = prefix / "share" / "jupyter"
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(path)
    yield path
    if old is None:
        os.environ.pop("JUPYTER_PATH", None)
    else:
        os.environ["JUPYTER_PATH"] = old


@pytest.fixture(scope="module")
def kernel(jupyter_path: Path):
    km, kc = start_new_kernel(kernel_name="mini4d", startup_timeout=TIMEOUT, cwd=str(NOTEBOOK.parent))
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def execute(kc: Any, code: str) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]:
    msgs: list[dict[str, Any]] = []
    reply = kc.execute_interactive(code, output_hook=msgs.append, timeout=TIMEOUT, stop_on_error=False)
    kept = [(m["msg_type"], m["content"]) for m in msgs if m["msg_type"] in ("stream", "execute_result", "error")]
    return reply["content"], kept


def test_install_writes_the_kernelspec(jupyter_path: Path) -> None:
    spec = json.loads((jupyter_path / "kernels" / "mini4d" / "kernel.json").read_text(encoding="utf-8"))
    assert spec["language"] == "4d"
    assert spec["argv"][1:4] == ["-m", "mini4d.kernel", "-f"]
    assert spec["interrupt_mode"] == "signal"


def test_value_and_output(kernel: Any) -> None:
    _, kc = kernel
    reply, msgs = execute(kc, '$x:=41\nALERT("hello")\nLOG EVENT(Into system standard outputs; "logged")\n$x+1')
    assert reply["status"] == "ok"
    assert msgs[0] == ("stream", {"name": "stdout", "text": "hello\nlogged\n"})
    kind, content = msgs[1]
    assert kind == "execute_result" and content["data"] == {"text/plain": "42"}


def test_variables_and_storage_persist_between_cells(kernel: Any) -> None:
    _, kc = kernel
    execute(kc, '$kept:="yes"\nUse (Storage)\n\tStorage.k:=New shared object("n"; 7)\nEnd use')
    _, msgs = execute(kc, "$kept+String(Storage.k.n)")
    assert [(kind, content["data"]) for kind, content in msgs] == [("execute_result", {"text/plain": "yes7"})]


def test_error_is_4d_formatted(kernel: Any) -> None:
    _, kc = kernel
    reply, msgs = execute(kc, "$bad:=Substring(1)")
    assert reply["status"] == "error"
    assert reply["ename"] == "error 90013"
    kind, content = msgs[-1]
    assert kind == "error"
    assert content["traceback"][0].startswith("<repl>:1:7: error 90013:")
    assert not any("Traceback" in line or ".py" in line for line in content["traceback"])
    _, msgs = execute(kc, "$kept")
    assert msgs[0][1]["data"] == {"text/plain": "yes"}


def test_complete_request(kernel: Any) -> None:
    _, kc = kernel
    execute(kc, '$order:={id: 1; customer: "A"}')
    kc.complete("$o:=New sha", 11)
    content = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert content["matches"] == ["New shared collection", "New shared object"]
    assert (content["cursor_start"], content["cursor_end"]) == (4, 11)
    kc.complete("$order.cu", 9)
    content = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert content["matches"] == ["customer"]


def test_is_complete_request(kernel: Any) -> None:
    _, kc = kernel
    answers = {}
    for code in ("If (True)", 'ALERT("x")', "End if"):
        kc.is_complete(code)
        answers[code] = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert answers["If (True)"] == {"status": "incomplete", "indent": "  "}
    assert answers['ALERT("x")']["status"] == "complete"
    assert answers["End if"]["status"] == "invalid"


def test_inspect_request(kernel: Any) -> None:
    _, kc = kernel
    kc.inspect('ALERT("x")', 2)
    content = kc.get_shell_msg(timeout=TIMEOUT)["content"]
    assert content["found"]
    assert "command 41" in content["data"]["text/plain"]


def test_interrupt_stops_a_runaway_loop(kernel: Any) -> None:
    km, kc = kernel
    # stop_on_error=False: the kernel must not abort the next request because this one failed.
    msg_id = kc.execute('$n:=0\nALERT("started")\nWhile (True)\n\t$n:=$n+1\nEnd while', stop_on_error=False)
    # Interrupt once the loop runs: its cell has printed "started".
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            assert msg["content"]["text"] == "started\n"
            break
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert reply["content"]["traceback"] == ["Interrupted at <repl>:3", "    While (True)"]  # where the cell stopped
    reply, msgs = execute(kc, "$n>0")
    assert msgs and msgs[-1][1].get("data") == {"text/plain": "True"}, (reply, msgs)


def test_cells_define_classes_and_methods_and_edited_files_are_followed(jupyter_path: Path, tmp_path: Path) -> None:
    (tmp_path / "Area.4dm").write_text("#DECLARE($w : Real; $h : Real) -> $r : Real\n$r:=$w*$h\n", encoding="utf-8")
    km, kc = start_new_kernel(kernel_name="mini4d", startup_timeout=TIMEOUT, cwd=str(tmp_path))
    try:
        reply, msgs = execute(
            kc,
            "%%class Rect\nClass constructor($w : Real; $h : Real)\nThis.w:=$w\nThis.h:=$h\n"
            "Function area() : Real\nreturn Area(This.w; This.h)",
        )
        assert reply["status"] == "ok"
        assert msgs == [("stream", {"name": "stdout", "text": "Class cs.Rect defined.\n"})]
        _, msgs = execute(kc, "$r:=cs.Rect.new(2; 3)\n$r.area()")
        assert msgs == [("execute_result", {"data": {"text/plain": "6"}, "metadata": {}, "execution_count": 2})]
        # the method file is edited between two cells: the next cell runs the new text
        (tmp_path / "Area.4dm").write_text(
            "#DECLARE($w : Real; $h : Real) -> $r : Real\n$r:=$w*$h*10\n", encoding="utf-8"
        )
        _, msgs = execute(kc, "$r.area()")
        assert msgs[-1][1]["data"] == {"text/plain": "60"}
        # a class cell with an error: its traceback has the cell's line numbers; the class is unchanged
        reply, msgs = execute(kc, "%%class Rect\nFunction area() : Real\nreturn 1 +")
        assert reply["status"] == "error"
        assert msgs[-1][1]["traceback"][0].startswith("<class Rect>:3:")
        _, msgs = execute(kc, "%%method Half\n#DECLARE($x : Real) -> $r : Real\n$r:=$x/2")
        assert msgs == [("stream", {"name": "stdout", "text": "Method Half defined.\n"})]
        _, msgs = execute(kc, "Half($r.area())")
        assert msgs[-1][1]["data"] == {"text/plain": "30"}
        kc.is_complete("%%class A\nFunction f()")
        assert kc.get_shell_msg(timeout=TIMEOUT)["content"]["status"] == "incomplete"
        kc.is_complete("%%class A\nFunction f()\n%%end")
        assert kc.get_shell_msg(timeout=TIMEOUT)["content"]["status"] == "complete"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.fixture
def local_kernel():
    """The kernel class in this process, its messages collected instead of sent."""
    from mini4d.kernel import FourDKernel

    k = FourDKernel()
    sent: list[tuple[str, dict[str, Any]]] = []
    k.send_response = lambda _socket, kind, content, *a, **kw: sent.append((kind, content))  # type: ignore[method-assign]
    yield k, sent
    k.repl.close()


def request(k: Any, code: str, sigint_first: bool = False) -> dict[str, Any]:
    """One execute request as ipykernel handles it (its handler hooks around do_execute)."""
    k.pre_handler_hook()
    try:
        if sigint_first:
            os.kill(os.getpid(), signal.SIGINT)  # the notebook's interrupt, before the cell starts
        return k.do_execute(code, False)
    finally:
        k.post_handler_hook()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_interrupt_before_the_cell_starts_stops_it_and_only_it(local_kernel: Any) -> None:
    k, sent = local_kernel
    reply = request(k, '$n:=0\nALERT("ran")', sigint_first=True)
    assert (reply["status"], reply["ename"]) == ("error", "Interrupted")
    assert sent == [
        ("error", {"ename": "Interrupted", "evalue": "Program interrupted by user", "traceback": ["Interrupted"]})
    ]
    sent.clear()
    reply = request(k, 'ALERT("next")\n1+1')
    assert reply["status"] == "ok"
    assert [(kind, c.get("text", c.get("data"))) for kind, c in sent] == [
        ("stream", "next\n"),
        ("execute_result", {"text/plain": "2"}),
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_interrupt_during_another_request_does_not_reach_the_next_cell(local_kernel: Any) -> None:
    k, sent = local_kernel
    k.pre_handler_hook()  # e.g. a complete_request
    os.kill(os.getpid(), signal.SIGINT)
    k.post_handler_hook()
    reply = request(k, 'ALERT("after")')
    assert reply["status"] == "ok"
    assert sent == [("stream", {"name": "stdout", "text": "after\n"})]


def test_notebook_runs_top_to_bottom(jupyter_path: Path, tmp_path: Path) -> None:
    pytest.importorskip("nbconvert")
    nbformat = pytest.importorskip("nbformat")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output-dir",
            str(tmp_path),
            str(NOTEBOOK),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, JUPYTER_PATH=str(jupyter_path)),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    nb = nbformat.read(tmp_path / NOTEBOOK.name, as_version=4)
    results = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        text = ""
        for out in cell.outputs:
            text += (
                out.get("text", "") or out.get("data", {}).get("text/plain", "") or "\n".join(out.get("traceback", []))
            )
        results[cell.source] = text
    assert results["Storage.counter.value"] == "2000"
    assert "error 90050" in results["$shared.n:=2"]
    assert results["Undefined(Session storage(Session.id).cart)"] == "True"
    assert results['Process activity(Sessions only).sessions.extract("userName")'] == '["designer","alice"]'
    assert (
        'alice shopping runs for alice: cart = ["apple","pear"]'
        in results['$p:=$alice.newProcess("Show_cart"; "alice shopping")']
    )
