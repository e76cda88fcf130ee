"""`mini4d check`: parse every .4dm file under the given paths and report syntax errors."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Syntax4DError
from .source import Source, SourceDecodeError, decode_source

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200


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
    line_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0
    failed_files: int = 0
    failed_lines: int = 0

    @property
    def errors(self) -> int:
        return len(self.problems)

    def lines_out(self) -> list[str]:
        return [p.text() for p in self.problems]

    def lines(self) -> list[str]:
        """Output lines: missing paths, then one line per problem."""
        out = [f"{m}: no such file or folder" for m in self.missing]
        return out + self.lines_out()

    def summary(self) -> str:
        return f"{self.files} files, {self.line_count} lines, {self.errors} errors, {self.seconds:.2f} s"

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "lines": self.line_count,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "diagnostics": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.col,
                    "code": p.code,
                    "severity": "error",
                    "message": p.message,
                }
                for p in self.problems
            ],
        }


def iter_files(paths: list[Path], report: Report) -> list[Path]:
    """Every .4dm file under the given files and folders (missing paths noted in report)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = []
            for root, _dirs, names in os.walk(p):
                found.extend(Path(root, n) for n in names if n.lower().endswith(".4dm"))
            files.extend(sorted(found))
        elif p.is_file():
            files.append(p)
        else:
            report.missing.append(str(p))
    return files


def _count_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def check_file(path: Path) -> tuple[int, list[Problem]]:
    """(line count, problems) for one file."""
    from .parser import parse_source

    try:
        data = path.read_bytes()
        text = decode_source(data)
    except SourceDecodeError as exc:
        head = data[: exc.offset]
        line = head.count(b"\n") + 1
        col = exc.offset - (head.rfind(b"\n") + 1) + 1
        return 0, [
            Problem(str(path), line, col, 90001, f"cannot read the file: {exc.reason} at byte offset {exc.offset}")
        ]
    except OSError as exc:
        return 0, [Problem(str(path), 1, 1, 90001, f"cannot read the file: {exc.strerror}")]
    source = Source(str(path), text, str(path))
    nlines = _count_lines(text)
    try:
        parse_source(source)
    except Syntax4DError as err:
        line, col = (err.span.line, err.span.col) if err.span is not None else (1, 1)
        return nlines, [Problem(str(path), line, col, err.code, err.message)]
    return nlines, []


def _check_chunk(paths: list[str]) -> list[tuple[int, list[Problem]]]:
    return [check_file(Path(p)) for p in paths]


def check_paths(paths: list[Path], jobs: int | None = None) -> Report:
    """Check every file; large trees are split over worker processes."""
    report = Report()
    start = time.perf_counter()
    files = iter_files(paths, report)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        from .parser import get_parser

        get_parser()  # built once here; forked workers inherit it instead of rebuilding it
        names = [str(f) for f in files]
        size = max(20, len(names) // (workers * 4))
        chunks = [names[i : i + size] for i in range(0, len(names), size)]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = [r for chunk in pool.map(_check_chunk, chunks) for r in chunk]
    else:
        results = [check_file(f) for f in files]
    for n, problems in results:
        report.files += 1
        report.line_count += n
        report.problems.extend(problems)
        if problems:
            report.failed_files += 1
            report.failed_lines += n
    report.seconds = time.perf_counter() - start
    return report
