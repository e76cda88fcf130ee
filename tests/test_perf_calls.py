"""Fast call paths keep the 4D call stack: one `in METHOD (file:line)` per call, innermost first."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import run_cli

PERF = Path(__file__).resolve().parent / "scripts" / "perf"


def _run(tmp_path: Path, text: str) -> str:
    """Run `text` as `_stack_probe.4dm` next to a copy of tests/scripts/perf (the tree stays as it is)."""
    folder = tmp_path / "perf"
    if not folder.exists():
        shutil.copytree(PERF, folder)
    (folder / "_stack_probe.4dm").write_text(text, encoding="utf-8")
    _code, out, err = run_cli(["_stack_probe.4dm"], cwd=folder)
    return out + err


def test_class_function_error_stack(tmp_path: Path) -> None:
    out = _run(tmp_path, "var $a : cs.PerfPoint\n$a:=cs.PerfPoint.new(1; 2)\n\n$a.fail()\n")
    assert 'PerfPoint.4dm:17:2: error 90021: Cannot set property "missing"' in out
    frames = [line.strip() for line in out.splitlines() if line.strip().startswith("in ")]
    assert frames[0].startswith("in PerfPoint.fail (") and frames[0].endswith("PerfPoint.4dm:17)")
    assert frames[1] == "in _stack_probe (_stack_probe.4dm:4)"


def test_parameter_error_points_at_the_call(tmp_path: Path) -> None:
    out = _run(tmp_path, "var $a : cs.PerfPoint\n$a:=cs.PerfPoint.new(1; 2)\n$a:=$a.plus(cs.PerfOther.new())\n")
    assert (
        "_stack_probe.4dm:3:5: error 90012: Parameter 1 of PerfPoint.plus: a cs.PerfPoint was expected, got Object"
        in out
    )


def test_one_statement_method_error_stack(tmp_path: Path) -> None:
    out = _run(tmp_path, 'var $t : Text\n$t:=_lc_one(New object("a"; 1))\n')
    assert "_lc_one.4dm:3:5: error 90010: Incompatible types: Number + Text" in out
    frames = [line.strip() for line in out.splitlines() if line.strip().startswith("in ")]
    assert frames[0].startswith("in _lc_one (") and frames[0].endswith("_lc_one.4dm:3)")
    assert frames[1:] == ["in _stack_probe (_stack_probe.4dm:2)"]


def test_callback_and_formula_call_error_stacks(tmp_path: Path) -> None:
    out = _run(tmp_path, "var $c : Collection\n$c:=New collection(1)\n$c:=$c.map(Formula($1.value.x))\n")
    assert "_stack_probe.4dm:3:" in out and "error 90024" in out
    frames = [line.strip() for line in out.splitlines() if line.strip().startswith("in ")]
    assert frames == ["in Formula (_stack_probe.4dm:3)", "in _stack_probe (_stack_probe.4dm:3)"]
    out = _run(tmp_path, "var $f : 4D.Function\n$f:=Formula($1.x)\n\n$f.call(Null; 5)\n")
    frames = [line.strip() for line in out.splitlines() if line.strip().startswith("in ")]
    assert frames == ["in Formula (_stack_probe.4dm:2)", "in _stack_probe (_stack_probe.4dm:4)"]
