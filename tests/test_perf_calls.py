"""Fast call paths keep the 4D call stack: one `in METHOD (file:line)` per call, innermost first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERF = ROOT / "tests" / "scripts" / "perf"


def _run(tmp_path: Path, text: str) -> str:
    script = PERF / "_stack_probe.4dm"
    script.write_text(text, encoding="utf-8")
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        proc = subprocess.run([sys.executable, "-m", "lang", script.name], cwd=PERF, env=env, capture_output=True, text=True, timeout=60)
    finally:
        script.unlink()
    return proc.stdout + proc.stderr


def test_class_function_error_stack(tmp_path: Path) -> None:
    out = _run(tmp_path, "var $a : cs.PerfPoint\n$a:=cs.PerfPoint.new(1; 2)\n\n$a.fail()\n")
    assert 'PerfPoint.4dm:17:2: error 90021: Cannot set property "missing"' in out
    frames = [line.strip() for line in out.splitlines() if line.strip().startswith("in ")]
    assert frames[0].startswith("in PerfPoint.fail (") and frames[0].endswith("PerfPoint.4dm:17)")
    assert frames[1] == "in _stack_probe (_stack_probe.4dm:4)"


def test_parameter_error_points_at_the_call(tmp_path: Path) -> None:
    out = _run(tmp_path, "var $a : cs.PerfPoint\n$a:=cs.PerfPoint.new(1; 2)\n$a:=$a.plus(cs.PerfOther.new())\n")
    assert "_stack_probe.4dm:3:5: error 90012: Parameter 1 of PerfPoint.plus: a cs.PerfPoint was expected, got Object" in out
