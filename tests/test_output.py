"""Output is never lost silently: line breaks, unencodable characters, a reader that goes away."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from mini4d.cli import main


def mini4d(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "mini4d", *args], capture_output=True, env=full_env, timeout=60)


def test_4d_line_breaks_become_the_platforms_on_output() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["-c", 'ALERT("Total:"+Char(13)+"42")\nALERT("a"+Char(13)+Char(10)+"b")'], out, err) == 0
    assert out.getvalue() == "Total:\n42\na\nb\n"


def test_a_lone_surrogate_is_escaped_and_later_lines_print() -> None:
    r = mini4d("-c", 'ALERT(Char(0xD800))\nALERT("after")\nLOG EVENT(Into system standard outputs; Char(0xDFFF); 2)')
    assert r.returncode == 0
    assert r.stdout == b"\\ud800\nafter\n"
    assert r.stderr == b"\\udfff\n"


def test_text_the_output_encoding_cannot_write_is_escaped() -> None:
    r = mini4d("-c", 'ALERT("café")\nALERT("next")', env={"PYTHONIOENCODING": "ascii"})
    assert (r.returncode, r.stdout, r.stderr) == (0, b"caf\\xe9\nnext\n", b"")


def test_runtime_escapes_for_a_stream_that_cannot_encode() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict", newline="\n")
    err = io.StringIO()
    assert main(["-c", 'ALERT("thé")\nALERT("suite")'], stream, err) == 0
    stream.flush()
    assert raw.getvalue() == b"th\\xe9\nsuite\n"


def test_a_closed_pipe_stops_the_run_like_sigpipe() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "mini4d", "-c", 'While (True)\nALERT("x")\nEnd while'],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline() + proc.stdout.readline()
    proc.stdout.close()  # what `| head -2` does
    try:
        rc = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert first == b"x\nx\n"
    assert rc == 141
    assert proc.stderr.read() == b""  # no traceback, no "Exception ignored"


def test_a_closed_pipe_also_stops_other_processes() -> None:
    code = '$p:=New process("Loop"; 0; "looper")\nDELAY PROCESS(Current process; 6000)\n'
    proc = subprocess.Popen(
        [sys.executable, "-m", "mini4d", "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=_loop_folder(),
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline() == b"y\n"
    proc.stdout.close()
    try:
        rc = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert rc == 141 and proc.stderr.read() == b""


def _loop_folder() -> str:
    import tempfile

    d = tempfile.mkdtemp(prefix="mini4d-pipe-")
    with open(os.path.join(d, "Loop.4dm"), "w", encoding="utf-8") as fh:
        fh.write('While (True)\nALERT("y")\nEnd while\n')
    return d
