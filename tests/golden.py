"""Golden-script harness: `// expect:` comments are the expected output, in order.

- `// expect: TEXT` — the next output line is exactly TEXT.
- `// expect error: TEXT` — the statement on this line raises an error whose
  "error N: message" line contains TEXT; the script then goes on with the next
  statement (so one file can check many error cases).
Output of ALERT / LOG EVENT and recorded errors form one stream of lines.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mini4d.cli import Streams, execute
from mini4d.errors import FourDError, Syntax4DError, format_error
from mini4d.parser import parse_source
from mini4d.project import Project, load_file
from mini4d.runtime import Runtime

EXPECT_RX = re.compile(r"//\s*expect( error)?:\s?(.*)$")


@dataclass
class Expectation:
    line: int
    is_error: bool
    text: str


def expectations(text: str) -> list[Expectation]:
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        for m in EXPECT_RX.finditer(line):
            out.append(Expectation(n, bool(m.group(1)), m.group(2).rstrip()))
    return out


class _Lines(io.StringIO):
    pass


def run_golden(path: Path) -> tuple[list[str], list[Expectation], str]:
    """Run a golden script; return (actual lines, expectations, stderr)."""
    mt = load_file(path, path.stem)
    mt.source.name = path.name
    out = io.StringIO()
    err = io.StringIO()
    runtime = Runtime(Project.for_script(path), stdout=out, stderr=err)

    def on_error(e: FourDError, frame: Any) -> bool:
        if getattr(frame.process, "err_handler", None):
            return False  # an ON ERR CALL handler installed by the script runs instead
        runtime.write(f"error {e.code}: {e.message}\n")
        return True

    runtime.extensions["on_error"] = on_error
    try:
        stmts = parse_source(mt.source)
        code = runtime.interp.compile_unit(mt.name, stmts, mt.source)
    except Syntax4DError as e:
        return [f"error {e.code}: {e.message}"], expectations(mt.source.text), format_error(e)
    execute(runtime, code, [], Streams(out, err))
    lines = out.getvalue().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines, expectations(mt.source.text), err.getvalue()


def compare(lines: list[str], exps: list[Expectation]) -> list[str]:
    """Differences between actual lines and expectations, as readable messages."""
    problems = []
    for i, exp in enumerate(exps):
        actual = lines[i] if i < len(lines) else "<no more output>"
        if exp.is_error:
            ok = actual.startswith("error ") and exp.text in actual
        else:
            ok = actual == exp.text
        if not ok:
            kind = "error containing" if exp.is_error else "output"
            problems.append(f"line {exp.line}: expected {kind} {exp.text!r}, got {actual!r}")
    if len(lines) > len(exps):
        for extra in lines[len(exps) :]:
            problems.append(f"unexpected extra output {extra!r}")
    return problems
