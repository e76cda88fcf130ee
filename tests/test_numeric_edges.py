"""INF, -INF and the undefined number (NaN) given to every command and collection member
that takes numbers end in a value or a 4D error, never an internal error or a hang."""

from __future__ import annotations

import io
import sys
import threading
import traceback
from pathlib import Path
from typing import Any

import pytest
from mini4d.cli import EXIT_INTERNAL, Streams, execute
from mini4d.errors import FourDError
from mini4d.parser import parse_source
from mini4d.project import Project
from mini4d.registry import REGISTRY
from mini4d.runtime import Runtime
from mini4d.source import Source

sys.setrecursionlimit(max(sys.getrecursionlimit(), 200_000))
pytestmark = pytest.mark.filterwarnings("ignore:The recursion limit will not be reset")

EDGES = ("(1/0)", "(-1/0)", "Log(-1)")
# Commands that wait or stop the run by design: INF would make them wait forever.
SKIP = {"delay process", "pause process", "quit 4d", "idle", "abort"}
FILL = {
    "str": '"x"',
    "bool": "True",
    "Date4D": "!2020-01-01!",
    "Time4D": "?00:00:01?",
    "Obj": "New object",
    "Obj | None": "New object",
    "Coll": "New collection",
    "Coll | None": "New collection",
}
NUMERIC = ("float", "int", "Time4D", "Any", "")
BUDGET = 10.0


def run_lines(lines: list[str], folder: Path) -> tuple[int | None, str]:
    """Run each line as a statement of one method, errors recorded and skipped; (exit, trace)."""
    text = "\n".join(lines)
    source = Source("edges.4dm", text)
    out, err = io.StringIO(), io.StringIO()
    runtime = Runtime(Project([folder], [folder / "Classes"]), stdout=out, stderr=err)
    runtime.extensions["on_error"] = lambda e, frame: True  # go on with the next statement
    code = runtime.interp.compile_unit("edges", parse_source(source), source)
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["code"] = execute(runtime, code, [], Streams(out, err))
        except BaseException:  # noqa: BLE001 - an internal error is what this test hunts
            result["code"] = EXIT_INTERNAL
            result["trace"] = traceback.format_exc()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(BUDGET)
    if thread.is_alive():
        runtime.stop_all()
        thread.join(BUDGET)
        return None, "hang"
    return result.get("code"), result.get("trace", "") + err.getvalue()


def _command_calls() -> list[tuple[str, list[str]]]:
    REGISTRY.ensure_loaded()
    cases = []
    seen: set[int] = set()
    for info in sorted(REGISTRY.by_number.values(), key=lambda i: i.name):
        if not info.implemented or info.name.lower() in SKIP or id(info) in seen:
            continue
        seen.add(id(info))
        lines = []
        for i, p in enumerate(info.params):
            if p.is_ref or p.annotation not in NUMERIC:
                continue
            for edge in EDGES:
                args = [
                    edge if j == i else "$v" if q.is_ref else FILL.get(q.annotation, "1")
                    for j, q in enumerate(info.params[: i + 1])
                ]
                lines.append(f"$r:={info.name}({';'.join(args)})")
        if lines:
            cases.append((info.name, lines))
    return cases


COMMAND_CASES = _command_calls()


@pytest.fixture(autouse=True)
def _keep_real_comparison_level() -> Any:
    """SET REAL COMPARISON LEVEL(INF) changes a process-wide setting: restore it for other tests."""
    from mini4d import values as V

    saved = V.REAL_EPSILON[0]
    yield
    V.REAL_EPSILON[0] = saved


def test_the_sweep_covers_numeric_commands() -> None:
    names = {name for name, _ in COMMAND_CASES}
    assert {"Cos", "Time", "Time string", "Substring", "Process number", "Get database parameter"} <= names
    assert len(COMMAND_CASES) > 50


@pytest.mark.parametrize("name,lines", COMMAND_CASES, ids=[c[0] for c in COMMAND_CASES])
def test_command_with_inf_and_nan(name: str, lines: list[str], tmp_path: Path) -> None:
    # one statement per line: a FourDError is recorded and the next line runs
    code, trace = run_lines(lines, tmp_path)
    assert code in (0, 1), f"{name}: {trace}"


@pytest.mark.parametrize("member", sorted(REGISTRY.ensure_loaded().members["Collection"]))
def test_collection_member_with_inf_and_nan(member: str, tmp_path: Path) -> None:
    lines = []
    for edge in EDGES:
        for args in ([edge], ["1", edge], [edge, "1"], ["1", "1", edge]):
            lines.append("$c:=New collection(3;1;2)")
            lines.append(f"$r:=$c.{member}({';'.join(args)})")
    code, trace = run_lines(lines, tmp_path)
    assert code in (0, 1), f"{member}: {trace}"


def test_a_command_given_inf_reports_90014(tmp_path: Path) -> None:
    source = Source("t.4dm", "$t:=Time(1/0)")
    runtime = Runtime(Project([tmp_path], []), stdout=io.StringIO(), stderr=io.StringIO())
    errors: list[FourDError] = []
    runtime.extensions["on_error"] = lambda e, frame: errors.append(e) or True
    code = runtime.interp.compile_unit("t", parse_source(source), source)
    assert execute(runtime, code, [], Streams(io.StringIO(), io.StringIO())) == 0
    assert [e.code for e in errors] == [90014]
    assert "infinite" in errors[0].message
