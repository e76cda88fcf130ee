"""`mini4d check`: every syntax error of each .4dm file under the given paths, then lint warnings.

A file with syntax errors gets one line per error (the parse resumes at the next line); a
file that parses is linted (lang/lint.py). An internal error while checking a file is one
line for that file, and the check goes on with the next one.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .source import Source, SourceDecodeError, decode_source

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 200
MAX_FILE_BYTES = 64 * 1024 * 1024  # as for a run (lang/project.py)


@dataclass
class Problem:
    path: str
    line: int
    col: int
    code: int
    message: str
    severity: str = "error"  # "error" (the file does not parse), "warning" (lint), "internal"
    detail: str = ""  # the traceback of an internal error, shown with --debug

    def text(self) -> str:
        if self.severity == "internal":
            return f"{self.path}: internal error ({self.message}); please report this bug (--debug shows details)"
        return f"{self.path}:{self.line}:{self.col}: {self.severity} {self.code}: {self.message}"


@dataclass
class Report:
    files: int = 0
    line_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    seconds: float = 0.0
    failed_files: int = 0
    failed_lines: int = 0

    def _count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    @property
    def errors(self) -> int:
        return self._count("error")

    @property
    def warnings(self) -> int:
        return self._count("warning")

    @property
    def internal(self) -> int:
        return self._count("internal")

    def lines_out(self, debug: bool = False) -> list[str]:
        out = []
        for p in self.problems:
            out.append(p.text())
            if debug and p.detail:
                out.append(p.detail.rstrip("\n"))
        return out

    def lines(self, debug: bool = False) -> list[str]:
        """Output lines: missing paths, then one line per problem."""
        out = [f"{m}: no such file or folder" for m in self.missing]
        return out + self.lines_out(debug)

    def summary(self) -> str:
        internal = f", {self.internal} internal errors" if self.internal else ""
        return (
            f"{self.files} files, {self.line_count} lines, {self.errors} errors, {self.warnings} warnings"
            f"{internal}, {self.seconds:.2f} s"
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "lines": self.line_count,
            "errors": self.errors,
            "warnings": self.warnings,
            "internal_errors": self.internal,
            "seconds": round(self.seconds, 3),
            "diagnostics": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.col,
                    "code": p.code,
                    "severity": p.severity,
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
            found: list[Path] = []
            for root, _dirs, names in os.walk(p):
                # regular files only: a FIFO named x.4dm would block the read
                named = (Path(root, n) for n in names if n.lower().endswith(".4dm"))
                found.extend(f for f in named if f.is_file())
            files.extend(sorted(found))
        elif p.is_file():
            files.append(p)
        else:
            report.missing.append(str(p))
    return files


def _count_lines(text: str) -> int:
    return text.count("\n") + (0 if text.endswith("\n") or not text else 1)


def _read(path: Path) -> tuple[Source | None, list[Problem]]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            why = f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})"
            return None, [Problem(str(path), 1, 1, 90001, why)]
        data = path.read_bytes()
        text = decode_source(data)
    except SourceDecodeError as exc:
        head = data[: exc.offset]
        line = head.count(b"\n") + 1
        col = exc.offset - (head.rfind(b"\n") + 1) + 1
        return None, [
            Problem(str(path), line, col, 90001, f"cannot read the file: {exc.reason} at byte offset {exc.offset}")
        ]
    except OSError as exc:
        return None, [Problem(str(path), 1, 1, 90001, f"cannot read the file: {exc.strerror}")]
    return Source(str(path), text, str(path)), []


def check_file(path: Path, lint: bool = True) -> tuple[int, list[Problem]]:
    """(line count, problems) for one file; an internal error is one problem, never an exception."""
    nlines = 0
    try:
        source, problems = _read(path)
        if source is None:
            return nlines, problems
        nlines = _count_lines(source.text)
        from .parser import parse_checked

        stmts, errors = parse_checked(source)
        for err in errors:
            line, col = (err.span.line, err.span.col) if err.span is not None else (1, 1)
            problems.append(Problem(str(path), line, col, err.code, err.message))
        if stmts is not None and lint:
            from .lint import ProjectNames
            from .lint import lint as lint_stmts

            for f in lint_stmts(stmts, ProjectNames.for_file(path)):
                problems.append(Problem(str(path), f.span.line, f.span.col, f.code, f.message, "warning"))
        return nlines, problems
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - an internal bug: one line, then the next file
        import traceback

        return nlines, [Problem(str(path), 1, 1, 0, f"{type(exc).__name__}: {exc}", "internal", traceback.format_exc())]


def _check_chunk(paths: list[str], lint: bool) -> list[tuple[int, list[Problem]]]:
    return [check_file(Path(p), lint) for p in paths]


def check_paths(paths: list[Path], jobs: int | None = None, lint: bool = True) -> Report:
    """Check every file; large trees are split over worker processes."""
    report = Report()
    start = time.perf_counter()
    files = iter_files(paths, report)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    results: list[tuple[int, list[Problem]]] = []
    if workers > 1 and len(files) >= PARALLEL_MIN_FILES:
        results = _check_parallel(files, workers, lint)
    else:
        results = [check_file(f, lint) for f in files]
    for n, problems in results:
        report.files += 1
        report.line_count += n
        report.problems.extend(problems)
        if any(p.severity != "warning" for p in problems):
            report.failed_files += 1
            report.failed_lines += n
    report.seconds = time.perf_counter() - start
    return report


def _check_parallel(files: list[Path], workers: int, lint: bool) -> list[tuple[int, list[Problem]]]:
    """The files split in chunks over worker processes; a chunk whose worker died is checked here."""
    from concurrent.futures.process import BrokenProcessPool

    from .parser import get_parser

    try:
        get_parser()  # built once here; forked workers inherit it instead of rebuilding it
    except Exception:  # noqa: BLE001 - each file then reports the problem itself
        pass
    names = [str(f) for f in files]
    size = max(20, len(names) // (workers * 4))
    chunks = [names[i : i + size] for i in range(0, len(names), size)]
    results: list[tuple[int, list[Problem]]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_check_chunk, chunk, lint) for chunk in chunks]
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                results.extend(future.result())
            except BrokenProcessPool:
                results.extend(_check_chunk(chunk, lint))
    return results
