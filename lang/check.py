"""`mini4d check`: parse every .4dm file under the given paths and report syntax errors."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Syntax4DError
from .source import Source, SourceDecodeError, decode_source


@dataclass
class Problem:
    path: str
    line: int
    col: int
    code: int
    message: str

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error {self.code}: {self.message}"


@dataclass
class Report:
    files: int = 0
    lines: int = 0
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return len(self.problems)

    def lines_out(self) -> list[str]:
        return [p.text() for p in self.problems]

    def lines(self) -> list[str]:  # type: ignore[override]
        out = [f"{m}: no such file or folder" for m in self.missing]
        return out + self.lines_out()

    def summary(self) -> str:
        return f"{self.files} files, {self.lines} lines, {self.errors} errors, {self.seconds:.2f} s"

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "lines": self.lines,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "diagnostics": [
                {"path": p.path, "line": p.line, "column": p.col, "code": p.code, "severity": "error", "message": p.message}
                for p in self.problems
            ],
        }


def iter_files(paths: list[Path], report: Report) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*") if x.suffix.lower() == ".4dm" and x.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            report.missing.append(str(p))
    return files


def check_file(path: Path) -> tuple[int, list[Problem]]:
    """(line count, problems) for one file."""
    from .parser import parse_source

    try:
        data = path.read_bytes()
        text = decode_source(data)
    except SourceDecodeError as exc:
        return 0, [Problem(str(path), 1, 1, 90001, f"cannot read the file: {exc.reason} at byte offset {exc.offset}")]
    except OSError as exc:
        return 0, [Problem(str(path), 1, 1, 90001, f"cannot read the file: {exc.strerror}")]
    source = Source(str(path), text, str(path))
    nlines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    try:
        parse_source(source)
    except Syntax4DError as err:
        line, col = (err.span.line, err.span.col) if err.span is not None else (1, 1)
        return nlines, [Problem(str(path), line, col, err.code, err.message)]
    return nlines, []


def check_paths(paths: list[Path]) -> Report:
    report = Report()
    start = time.perf_counter()
    for f in iter_files(paths, report):
        n, problems = check_file(f)
        report.files += 1
        report.lines += n
        report.problems.extend(problems)
    report.seconds = time.perf_counter() - start
    return report
