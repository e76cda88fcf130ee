"""The benchmark runner in its quickest mode: 4D programs and their Python twins agree."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench_run  # noqa: E402


def test_every_program_has_sizes_and_a_python_twin() -> None:
    progs = bench_run.discover()
    assert len(progs) >= 8
    for p in progs:
        assert p.python.exists() and 0 < p.quick <= p.n


@pytest.mark.parametrize("name", ["fib", "loop_int"])
def test_quick_run_outputs_match(name: str, tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    code = bench_run.main(["--quick", "--repeat", "1", "--only", name, "--sections", "programs", "--json", str(out)])
    report = json.loads(out.read_text())
    [result] = report["programs"]
    assert result["status"] == "ok", result
    assert result["output"] == result["python_output"] and result["output"]
    assert code == 0


def test_expected_outputs_of_the_quick_sizes() -> None:
    """The 4D programs print what the 4D docs' rules give (checked by hand for the quick sizes)."""
    fib = bench_run.discover(["fib"])[0]
    lines, err, _t = bench_run.run_4d(fib.fourd, 15)
    assert (lines, err) == (["610"], "")
    lines_py, _t = bench_run.run_python(fib.python, 15)
    assert lines_py == ["610"]


def test_a_mismatch_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "twice.4dm").write_text("// bench: n=3 quick=2\n#DECLARE($n : Integer)\nALERT(String($n*2))\n")
    (tmp_path / "twice.py").write_text("def main(n):\n    print(n * 3)\n")
    monkeypatch.setattr(bench_run, "PROGRAMS", tmp_path)
    [prog] = bench_run.discover()
    res = bench_run.bench_program(prog, quick=True, repeat=1)
    assert res.status == "mismatch"
    assert res.output == ["4"] and res.python_output == ["6"]


def test_datastore_bench_runs_and_both_sides_agree() -> None:
    """bench/data.py at a tiny size: every operation gives the same result on mini4d and on sqlite3."""
    from bench import data as bench_data

    res = bench_data.measure(repeat=1, n=300)  # raises when the two sides print different results
    assert set(res["figures"]) == {
        "insert (fromCollection)",
        "insert (new/save loop)",
        "query indexed",
        "query wildcard",
        "query relation",
        "order by",
        "sum",
    }


def test_use_scaling_counts_exactly_and_reports_both_ratios() -> None:
    from bench import bench_use

    res = bench_use.scaling(800, processes=8, repeat=1)  # each run checks its counter ends at 800
    assert (res["processes"], res["increments"], res["repeat"]) == (8, 800, 1)
    for key in ("mini4d_ratio", "mini4d_cpu_ratio", "python_ratio", "python_cpu_ratio"):
        assert res[key] > 0
    assert res["mini4d_n"]["voluntary"] >= 0


def test_parse_folder_counts_files_bytes_and_syntax_errors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    good = "var $i : Integer\nFor ($i; 1; 3)\n\tALERT(String($i))\nEnd for\n"
    (tmp_path / "a" / "Good.4dm").write_text(good, encoding="utf-8")
    (tmp_path / "Bad.4dm").write_text("If (\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    res = bench_run.bench_parse_folder(tmp_path)
    assert (res["files"], res["parsed_files"], res["syntax_error_files"], res["undecodable_files"]) == (2, 1, 1, 0)
    assert (res["bytes"], res["lines"]) == (len(good.encode()), 4)
    assert res["mb_s"] > 0
