"""`mini4d test`: find the tests of a 4D project or folder, run each in its own 4D process, report.

Tests follow the conventions of the public 4D unit-testing frameworks:
- classes whose name ends with `Test`; each of their functions whose name starts with `test_`
  is a test; `setup`/`teardown` run once around the class, `beforeEach`/`afterEach` around
  each test; a test function that declares a parameter receives the test context `$t`;
- project methods (or `.4dm` files of a folder) whose name starts with `test_`;
- golden scripts: `X.4dm` beside `X.out`, passing when the script prints exactly `X.out`;
- `// #tags: a, b` comment lines just above a test function (or at the top of a test method);
  a test without tags has the tag `unit`, and the tag `skip` skips it.
A test fails on a failed `ASSERT`, a failed `$t.assert...` assertion, `$t.fail()`, or an
unhandled 4D error (in the test or in a process it started); it stops after `--timeout` seconds.
"""

from __future__ import annotations

import difflib
import fnmatch
import io
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from .errors import ERR_ASSERT, ERR_STACK_OVERFLOW, FourDError, format_error
from .project import Project, load_file
from .records import dataclass, field
from .source import SourceDecodeError, Span
from .testcontext import Failure, TestContext, TestStopped, show_value

DEFAULT_TIMEOUT = 60.0
SKIP_DIRS = {"__pycache__", "node_modules", ".git", ".hg", ".svn", "Logs", "DerivedData"}
_TAGS_RX = re.compile(r"^\s*//\s*#tags\s*:(.*)$", re.I)
_FUNCTION_RX = re.compile(r"^\s*(?:(?:shared|local|exposed|server)\s+)*Function\s+(\w+)", re.I)
_COMMENT_RX = re.compile(r"^\s*(//|/\*|\*|$)")
LIFECYCLE = ("setup", "teardown", "beforeEach", "afterEach")


# ------------------------------------------------------------------ model


@dataclass
class TestCase:
    """One test: a class function, a project method or a golden script."""

    suite: str
    name: str
    kind: str  # "function" | "method" | "golden"
    path: Path
    line: int = 1
    tags: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.suite}.{self.name}" if self.kind == "function" else self.name


@dataclass
class Suite:
    """Tests that share a class instance (a test class) or a folder (methods, golden scripts)."""

    name: str
    kind: str  # "class" | "methods"
    path: Path
    project: Any
    cases: list[TestCase] = field(default_factory=list)
    class_name: str = ""


@dataclass
class Result:
    """The outcome of one test."""

    case: TestCase
    status: str  # "passed" | "failed" | "error" | "skipped"
    duration: float = 0.0
    message: str = ""  # one line
    details: str = ""  # what the report shows under the test's name
    output: str = ""  # what the test printed
    error: dict[str, Any] | None = None
    failures: list[dict[str, Any]] = field(default_factory=list)
    log: list[str] = field(default_factory=list)


@dataclass
class Report:
    """Every result of a run, in order, with the suites they belong to."""

    suites: list[Suite] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    started: float = 0.0
    duration: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        return bool(self.results) and not any(r.status in ("failed", "error") for r in self.results)

    def summary(self) -> str:
        """`N passed, N failed` (`, N skipped`): errors count as failures."""
        line = f"{self.count('passed')} passed, {self.count('failed') + self.count('error')} failed"
        skipped = self.count("skipped")
        return line + (f", {skipped} skipped" if skipped else "")


class UsageError(Exception):
    """A path that does not exist, or options that cannot work together."""


# ------------------------------------------------------------------ discovery


def parse_tags(text: str) -> list[str]:
    """The tags of a `// #tags: a, b` comment body."""
    return [t.strip() for t in text.split(",") if t.strip()]


def _function_lines(text: str) -> dict[str, tuple[int, list[str]]]:
    """Function name -> (line, tags) of a class file; tags from the comment lines just above (or just below) it."""
    lines = text.split("\n")
    found: dict[str, tuple[int, list[str]]] = {}
    for i, line in enumerate(lines):
        m = _FUNCTION_RX.match(line)
        if not m or m.group(1).lower() in ("get", "set"):
            continue
        tags: list[str] = []
        j = i - 1
        while j >= 0 and _COMMENT_RX.match(lines[j]) and lines[j].strip():
            t = _TAGS_RX.match(lines[j])
            if t:
                tags = parse_tags(t.group(1)) + tags
            j -= 1
        j = i + 1
        while j < len(lines) and _COMMENT_RX.match(lines[j]) and lines[j].strip():
            t = _TAGS_RX.match(lines[j])
            if t:
                tags += parse_tags(t.group(1))
            j += 1
        found.setdefault(m.group(1), (i + 1, tags))
    return found


def _header_tags(text: str) -> list[str]:
    """Tags of a method: `// #tags:` lines before its first statement."""
    tags: list[str] = []
    for line in text.split("\n"):
        if not line.strip() or line.lstrip().startswith("//%attributes"):
            continue
        if not _COMMENT_RX.match(line):
            break
        t = _TAGS_RX.match(line)
        if t:
            tags += parse_tags(t.group(1))
    return tags


def _read_text(path: Path) -> str:
    try:
        return load_file(path).source.text
    except (OSError, SourceDecodeError):
        return ""


def _is_test_method(stem: str) -> bool:
    return stem.lower().startswith("test_")


def _is_test_class(stem: str) -> bool:
    return stem.endswith("Test")


def _project_for_classes(classes_dir: Path) -> Project:
    parent = classes_dir.parent
    if parent.name == "Sources" and parent.parent.name == "Project":
        return Project.for_project(parent.parent.parent)
    return Project.for_script(parent / "_.4dm")


def _class_suite(path: Path, project: Project) -> Suite:
    """A test class: its `test_` functions, found in its text (and its parents' when it extends one)."""
    name = path.stem
    suite = Suite(name, "class", path, project, class_name=name)
    seen: set[str] = set()
    chain: list[Path] = [path]
    text = _read_text(path)
    m = re.search(r"^\s*Class\s+extends\s+(\w+)", text, re.M | re.I)
    while m:  # inherited test functions come after the class's own (an override keeps its place)
        parent = project.class_path(m.group(1))
        if parent is None or parent in chain:
            break
        chain.append(parent)
        m = re.search(r"^\s*Class\s+extends\s+(\w+)", _read_text(parent), re.M | re.I)
    for p in chain:
        for fname, (line, tags) in _function_lines(_read_text(p)).items():
            if fname.lower().startswith("test_") and fname not in seen:
                seen.add(fname)
                suite.cases.append(TestCase(name, fname, "function", p, line, tags or ["unit"]))
    return suite


def _method_case(path: Path, suite: str) -> TestCase:
    return TestCase(suite, path.stem, "method", path, 1, _header_tags(_read_text(path)) or ["unit"])


def _golden_case(path: Path, suite: str) -> TestCase:
    return TestCase(suite, _display(path), "golden", path, 1, _header_tags(_read_text(path)) or ["golden"])


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    if rel == ".":
        return Path.cwd().name or "."
    return rel if not rel.startswith("..") else str(path)


def discover(paths: list[Path]) -> list[Suite]:
    """The test suites under these files and folders (a folder may be a 4D project)."""
    suites: list[Suite] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_file() and path.suffix.lower() == ".4dproject":
            path = path.parent.parent
        if path.is_file():
            suites += _discover_file(path)
        else:
            suites += _discover_folder(path)
    return [s for s in suites if s.cases or s.kind == "class"]


def _discover_file(path: Path) -> list[Suite]:
    if path.suffix.lower() != ".4dm":
        raise UsageError(f"{path}: not a .4dm file")
    folder = path.resolve().parent
    if path.with_suffix(".out").is_file():
        project = Project.for_script(path)
        return [Suite(_display(path.parent), "methods", folder, project, [_golden_case(path, _display(path.parent))])]
    if folder.name == "Classes":
        return [_class_suite(path, _project_for_classes(folder))]
    project = Project.for_script(path)
    name = _suite_name(folder)
    return [Suite(name, "methods", folder, project, [_method_case(path, name)])]


def _suite_name(folder: Path) -> str:
    if folder.name == "Methods" and folder.parent.name == "Sources":
        root = folder.parent.parent.parent
        return root.name or _display(root)
    return _display(folder)


def _discover_folder(folder: Path) -> list[Suite]:
    root = folder.resolve()
    if (root / "Project" / "Sources").is_dir():
        return _discover_project(root)
    if root.name == "Project" and (root / "Sources").is_dir():
        return _discover_project(root.parent)
    if root.name == "Sources" and root.parent.name == "Project":
        return _discover_project(root.parent.parent)
    suites: list[Suite] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        if (here / "Project" / "Sources").is_dir() and here != root:
            suites += _discover_project(here)
            dirnames[:] = []
            continue
        if here.name == "Classes":
            project = _project_for_classes(here)
            for f in sorted(filenames):
                if f.lower().endswith(".4dm") and _is_test_class(f[:-4]):
                    suites.append(_class_suite(here / f, project))
            dirnames[:] = []
            continue
        name = _display(here)
        methods = Suite(name, "methods", here, Project.for_script(here / "_.4dm"))
        for f in sorted(filenames):
            if not f.lower().endswith(".4dm"):
                continue
            p = here / f
            if p.with_suffix(".out").is_file():
                methods.cases.append(_golden_case(p, name))
            elif _is_test_method(p.stem):
                methods.cases.append(_method_case(p, name))
        if methods.cases:
            suites.append(methods)
    return suites


def _discover_project(root: Path) -> list[Suite]:
    project = Project.for_project(root)
    sources = project.method_dirs[0].parent
    suites: list[Suite] = []
    methods = Suite(root.name, "methods", sources / "Methods", project)
    for _stem, path in sorted(project.method_names().items()):
        if path.with_suffix(".out").is_file():
            methods.cases.append(_golden_case(path, root.name))
        elif _is_test_method(path.stem):
            methods.cases.append(_method_case(path, root.name))
    if methods.cases:
        suites.append(methods)
    for name, path in sorted(project.class_names().items()):
        if _is_test_class(name):
            suites.append(_class_suite(path, project))
    return suites


# ------------------------------------------------------------------ selection


def select(
    suites: list[Suite],
    patterns: list[str],
    tags: list[str],
    exclude_tags: list[str],
    require_tags: list[str],
) -> list[Suite]:
    """Keep the tests whose id matches a `-k` pattern and whose tags pass the tag filters."""
    pats = [p.strip() for raw in patterns for p in raw.split(",") if p.strip()]

    def wanted(case: TestCase) -> bool:
        ctags = {t.lower() for t in case.tags}
        if exclude_tags and ctags & {t.lower() for t in exclude_tags}:
            return False
        if require_tags and not {t.lower() for t in require_tags} <= ctags:
            return False
        if tags and not ctags & {t.lower() for t in tags}:
            return False
        if pats:
            ident = case.id.lower()
            for p in pats:
                p = p.lower()
                if any(c in p for c in "*?[") and fnmatch.fnmatchcase(ident, p):
                    return True
                if p in ident:
                    return True
            return False
        return True

    out = []
    for s in suites:
        cases = [c for c in s.cases if wanted(c)]
        if cases:
            out.append(Suite(s.name, s.kind, s.path, s.project, cases, s.class_name))
    return out


# ------------------------------------------------------------------ running


class _Outcome:
    """What happened in one 4D process the runner started."""

    def __init__(self) -> None:
        self.error: FourDError | None = None
        self.internal: BaseException | None = None
        self.timed_out = False
        self.stuck = False  # still running after the stop request: the runtime cannot be used again


def _run_process(runtime: Any, proc: Any, body: Any, timeout: float | None) -> _Outcome:
    """Run `body()` in a thread bound to the 4D process `proc`; stop it after `timeout` seconds."""
    from .limits import start_thread

    outcome = _Outcome()

    def target() -> None:
        runtime.bind_thread(proc)
        try:
            body()
        except TestStopped:
            pass
        except FourDError as err:
            outcome.error = err
        except RecursionError:
            outcome.error = FourDError(ERR_STACK_OVERFLOW, "Stack overflow: the code is nested too deeply")
        except BaseException as exc:  # noqa: BLE001 - a bug of mini4d: reported as this test's error
            outcome.internal = exc

    old_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old_limit, 200000))
    thread, _stack = start_thread(target, f"4D test {proc.name}")
    thread.join(timeout)
    if thread.is_alive():
        outcome.timed_out = True
        runtime.stop_all()  # loops, waits and Use blocks check this; 1006 ends the test
        thread.join(2.0)
        outcome.stuck = thread.is_alive()
        if not outcome.stuck:
            runtime.interrupted = False
            outcome.error = None
    return outcome


def _settle(runtime: Any, proc: Any) -> None:
    """Wait until the processes a test started have ended (workers may stay, idle)."""
    from .runtime import POLL

    runtime._end_process(proc)
    with runtime.proc_lock:
        while not runtime._idle() and not runtime.interrupted:
            runtime.cond.wait(POLL)


def _finish_runtime(runtime: Any) -> None:
    """End the workers of a suite's runtime."""
    with runtime.proc_lock:
        runtime._closing = True
        runtime.cond.notify_all()


def _span_where(span: Span | None) -> tuple[str, int, int]:
    if span is None:
        return "", 0, 0
    line, col = span.source.line_col(span.start)
    return span.source.name, line, col


def _error_dict(err: FourDError) -> dict[str, Any]:
    file, line, col = _span_where(err.span)
    return {"code": err.code, "message": err.message, "file": file, "line": line, "column": col}


def _failure_text(f: Failure) -> str:
    file, line, col = _span_where(f.span)
    head = f"{file}:{line}:{col}: assertion failed: {f.message}" if file else f"assertion failed: {f.message}"
    lines = [head]
    if f.span is not None:
        text = f.span.source.line_text(line)
        if text.strip():
            lines.append("    " + text.replace("\t", " "))
            end_line, end_col = f.span.source.line_col(max(f.span.start, f.span.end - 1))
            width = (end_col - col + 1) if end_line == line else len(text) - col + 1
            width = max(1, min(width, len(text) - col + 1))
            lines.append("    " + " " * (col - 1) + "^" + "~" * (width - 1))
    if f.has_values:
        lines.append(f"    expected: {show_value(f.expected)}")
        lines.append(f"    actual:   {show_value(f.actual)}")
    return "\n".join(lines)


def _shorten(text: str, keep: int = 30) -> str:
    """An error display with a very long call stack cut in the middle (deep recursion)."""
    lines = text.split("\n")
    if len(lines) <= 2 * keep:
        return text
    return "\n".join([*lines[:keep], f"  ... {len(lines) - 2 * keep} more lines ...", *lines[-keep:]])


def _failure_dict(f: Failure) -> dict[str, Any]:
    file, line, col = _span_where(f.span)
    d: dict[str, Any] = {"message": f.message, "file": file, "line": line, "column": col}
    if f.has_values:
        d["expected"] = show_value(f.expected)
        d["actual"] = show_value(f.actual)
    return d


class Runner:
    """Runs suites and reports each result as soon as it is known."""

    def __init__(self, timeout: float | None = DEFAULT_TIMEOUT, on_result: Any = None) -> None:
        self.timeout = timeout if timeout else None
        self.on_result = on_result or (lambda r: None)

    def run(self, suites: list[Suite]) -> Report:
        report = Report(suites=suites, started=time.time())
        t0 = time.perf_counter()
        for suite in suites:
            if suite.kind == "class":
                results = self._run_class(suite)
            else:
                results = [self._run_unit(suite, case) for case in suite.cases]
            for r in results:
                report.results.append(r)
        report.duration = time.perf_counter() - t0
        return report

    def _emit(self, result: Result) -> Result:
        self.on_result(result)
        return result

    # -------------------------------------------------------------- helpers
    def _new_runtime(self, project: Any) -> tuple[Any, list[FourDError]]:
        from .runtime import Runtime

        runtime = Runtime(project, stdout=io.StringIO(), stderr=io.StringIO())
        child_errors: list[FourDError] = []

        def on_child_error(proc: Any, err: FourDError) -> None:
            err.process_name = f"In process {proc.number} ({proc.name})"  # type: ignore[attr-defined]
            child_errors.append(err)

        runtime.extensions["child_error"] = on_child_error
        return runtime, child_errors

    def _result(
        self,
        case: TestCase,
        outcome: _Outcome,
        ctx: TestContext | None,
        child_errors: list[FourDError],
        output: str,
        duration: float,
    ) -> Result:
        r = Result(case, "passed", duration, output=output)
        parts: list[str] = []
        if ctx is not None:
            r.log = [str(m) for m in ctx.log_messages]
            for f in ctx.failures:
                r.failures.append(_failure_dict(f))
                parts.append(_failure_text(f))
            if ctx.failed:
                r.status = "failed"
                stopped = "stopped by $t.fatal()" if ctx.done else "marked failed"
                r.message = ctx.failures[0].message if ctx.failures else stopped
                if not ctx.failures:
                    parts.append(f"the test was {stopped}")
        if outcome.timed_out:
            r.status = "error"
            limit = f"{self.timeout:g}" if self.timeout else "?"
            r.message = f"timed out after {limit} s"
            parts.append(f"the test did not end within {limit} s (--timeout) and was stopped")
        elif outcome.internal is not None:
            exc = outcome.internal
            r.status = "error"
            r.message = f"internal error ({type(exc).__name__}: {exc})"
            parts.append(f"mini4d: {r.message}; please report this bug with the test that caused it")
        elif outcome.error is not None:
            err = outcome.error
            r.error = _error_dict(err)
            parts.append(_shorten(format_error(err)))
            if r.status == "passed" or err.code != ERR_ASSERT:
                r.message = f"error {err.code}: {err.message}"
            r.status = "failed" if err.code == ERR_ASSERT and r.status != "error" else "error"
        for err in child_errors:
            parts.append(f"{getattr(err, 'process_name', 'In another process')}:\n{_shorten(format_error(err))}")
            if r.status == "passed":
                r.status = "error"
                r.message = f"error {err.code} in another process: {err.message}"
                r.error = _error_dict(err)
        r.details = "\n".join(parts)
        return r

    # -------------------------------------------------------------- methods and golden scripts
    def _run_unit(self, suite: Suite, case: TestCase) -> Result:
        """A test method or a golden script: its own runtime, run as the main process."""
        from .cache import parse_cached

        if "skip" in (t.lower() for t in case.tags):
            return self._emit(Result(case, "skipped", message="tagged skip"))
        runtime, child_errors = self._new_runtime(suite.project)
        t0 = time.perf_counter()
        try:
            mt = load_file(case.path, case.path.stem)
        except (OSError, SourceDecodeError) as exc:
            reason = getattr(exc, "reason", None) or getattr(exc, "strerror", None) or str(exc)
            return self._emit(Result(case, "error", message=f"cannot read the file: {reason}", details=str(reason)))
        mt.source.name = _display(case.path)
        try:
            code = runtime.interp.compile_unit(mt.name, parse_cached(mt.source), mt.source)
        except FourDError as err:
            return self._emit(
                Result(
                    case, "error", 0.0, f"error {err.code}: {err.message}", format_error(err), error=_error_dict(err)
                )
            )
        code.attributes = mt.attributes
        ctx = TestContext(case.name) if code.params and case.kind == "method" else None
        args = [ctx] if ctx is not None else []
        main = runtime.main

        def body() -> None:
            try:
                runtime.interp.invoke(code, args, None, None, process=main)
            finally:
                runtime.wait_all()

        outcome = _run_process(runtime, main, body, self.timeout)
        duration = time.perf_counter() - t0
        output = runtime.stdout.getvalue() if not outcome.stuck else ""
        r = self._result(case, outcome, ctx, child_errors, output, duration)
        if case.kind == "golden" and r.status == "passed":
            expected = case.path.with_suffix(".out").read_text(encoding="utf-8", errors="replace")
            expected = expected.replace("\r\n", "\n")
            if output != expected:
                r.status = "failed"
                r.message = "the output differs from " + case.path.with_suffix(".out").name
                diff = difflib.unified_diff(
                    expected.splitlines(), output.splitlines(), "expected (.out)", "actual", lineterm="", n=2
                )
                lines = list(diff)
                if len(lines) > 60:
                    lines = lines[:60] + [f"... {len(lines) - 60} more lines of difference"]
                r.details = "\n".join(lines)
        return self._emit(r)

    # -------------------------------------------------------------- test classes
    def _run_class(self, suite: Suite) -> list[Result]:
        from .classes import class_store

        results: list[Result] = []
        runnable = [c for c in suite.cases if "skip" not in (t.lower() for t in c.tags)]
        runtime, child_errors = self._new_runtime(suite.project)
        holder: dict[str, Any] = {}

        def fail_all(message: str, details: str, error: dict[str, Any] | None = None) -> list[Result]:
            out = []
            for case in suite.cases:
                if case in runnable:
                    out.append(self._emit(Result(case, "error", 0.0, message, details, error=error)))
                else:
                    out.append(self._emit(Result(case, "skipped", message="tagged skip")))
            return out

        def create() -> None:
            cls = class_store(runtime).get(suite.class_name)
            if cls is None:
                raise FourDError(90090, f'Class "{suite.class_name}" not found')
            holder["instance"] = cls.new(None, [], None)
            holder["cls"] = cls
            if runnable:
                self._lifecycle(holder, "setup")

        if not suite.cases:
            return results
        setup_proc = runtime.new_process_record(f"{suite.name} setup", runtime.default_session)
        t0 = time.perf_counter()
        outcome = _run_process(
            runtime, setup_proc, lambda: self._body_then_settle(runtime, setup_proc, create), self.timeout
        )
        if outcome.error is not None or outcome.internal is not None or "instance" not in holder:
            r = self._result(suite.cases[0], outcome, None, child_errors, "", time.perf_counter() - t0)
            what = "setup" if "instance" in holder else "creating the test class"
            return fail_all(f"{what} failed: {r.message}", r.details, r.error)
        child_errors.clear()
        stuck = False
        for case in suite.cases:
            if case not in runnable:
                results.append(self._emit(Result(case, "skipped", message="tagged skip")))
                continue
            if stuck:
                results.append(
                    self._emit(Result(case, "error", 0.0, "not run: an earlier test of the class could not be stopped"))
                )
                continue
            results.append(self._run_function(runtime, holder, case, child_errors))
            stuck = getattr(runtime, "_test_stuck", False)
        if not stuck and any(fn in holder["cls"].functions for fn in ("teardown",)):
            proc = runtime.new_process_record(f"{suite.name} teardown", runtime.default_session)
            outcome = _run_process(
                runtime,
                proc,
                lambda: self._body_then_settle(runtime, proc, lambda: self._lifecycle(holder, "teardown")),
                self.timeout,
            )
            if outcome.error is not None or outcome.internal is not None or outcome.timed_out:
                case = TestCase(suite.name, "teardown", "function", suite.path, 1, ["unit"])
                suite.cases.append(case)  # reported as a test of the class
                results.append(self._emit(self._result(case, outcome, None, child_errors, "", 0.0)))
        if not stuck:
            _finish_runtime(runtime)
        return results

    @staticmethod
    def _body_then_settle(runtime: Any, proc: Any, body: Any) -> None:
        try:
            body()
        finally:
            _settle(runtime, proc)

    @staticmethod
    def _lifecycle(holder: dict[str, Any], name: str, this: Any = None) -> None:
        fn = holder["cls"].functions.get(name)
        if fn is not None:
            fn.invoke(None, [], this=holder["instance"])

    def _run_function(
        self, runtime: Any, holder: dict[str, Any], case: TestCase, child_errors: list[FourDError]
    ) -> Result:
        fn = holder["cls"].functions.get(case.name)
        proc = runtime.new_process_record(case.id, runtime.default_session)
        ctx = TestContext(case.id)
        runtime.stdout = io.StringIO()
        child_errors.clear()
        inst = holder["instance"]

        def body() -> None:
            self._lifecycle(holder, "beforeEach")
            try:
                if fn is None:
                    raise FourDError(90022, f'The class {holder["cls"].name} has no function "{case.name}"')
                fn.invoke(None, [ctx] if fn.code.params else [], this=inst)
            finally:
                self._lifecycle(holder, "afterEach")

        t0 = time.perf_counter()
        outcome = _run_process(runtime, proc, lambda: self._body_then_settle(runtime, proc, body), self.timeout)
        if outcome.stuck:
            runtime._test_stuck = True
        duration = time.perf_counter() - t0
        return self._emit(self._result(case, outcome, ctx, list(child_errors), runtime.stdout.getvalue(), duration))


# ------------------------------------------------------------------ reports


def write_junit(report: Report, target: TextIO) -> None:
    """The report as JUnit XML (testsuites/testsuite/testcase with failure, error, skipped, system-out)."""
    import socket
    import xml.etree.ElementTree as ET
    from datetime import datetime, timezone

    def clean(text: str) -> str:
        return _XML_BAD.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else "\\ufffd", text)

    by_suite: dict[int, list[Result]] = {}
    for r in report.results:
        by_suite.setdefault(id(_suite_of(report, r.case)), []).append(r)
    root = ET.Element("testsuites")
    root.set("name", "mini4d test")
    root.set("tests", str(len(report.results)))
    root.set("failures", str(report.count("failed")))
    root.set("errors", str(report.count("error")))
    root.set("time", f"{report.duration:.3f}")
    stamp = datetime.fromtimestamp(report.started or time.time(), timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    host = socket.gethostname()
    for suite in report.suites:
        results = by_suite.get(id(suite), [])
        if not results:
            continue
        el = ET.SubElement(root, "testsuite")
        el.set("name", clean(suite.name))
        el.set("tests", str(len(results)))
        el.set("failures", str(sum(r.status == "failed" for r in results)))
        el.set("errors", str(sum(r.status == "error" for r in results)))
        el.set("skipped", str(sum(r.status == "skipped" for r in results)))
        el.set("time", f"{sum(r.duration for r in results):.3f}")
        el.set("timestamp", stamp)
        el.set("hostname", clean(host))
        el.set("file", clean(_display(suite.path)))
        for r in results:
            tc = ET.SubElement(el, "testcase")
            tc.set("name", clean(r.case.name))
            tc.set("classname", clean(suite.name))
            tc.set("time", f"{r.duration:.3f}")
            if r.status in ("failed", "error"):
                child = ET.SubElement(tc, "failure" if r.status == "failed" else "error")
                child.set("message", clean(r.message))
                child.set("type", _failure_type(r))
                child.text = clean(f"{_display(r.case.path)}:{r.case.line}: {r.case.id}\n{r.details}")
            elif r.status == "skipped":
                child = ET.SubElement(tc, "skipped")
                child.set("message", clean(r.message))
            out = r.output + "".join(f"[log] {m}\n" for m in r.log)
            if out:
                ET.SubElement(tc, "system-out").text = clean(out)
    ET.indent(root)
    target.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    target.write(ET.tostring(root, encoding="unicode"))
    target.write("\n")


# characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _failure_type(r: Result) -> str:
    if r.error is not None:
        return f"4D error {r.error['code']}"
    if r.message.startswith("timed out"):
        return "timeout"
    if r.message.startswith("internal error"):
        return "internal error"
    if r.case.kind == "golden" and r.status == "failed":
        return "output"
    return "assertion"


def _suite_of(report: Report, case: TestCase) -> Suite | None:
    for s in report.suites:
        if case in s.cases:
            return s
    return None


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain data for `--json`."""
    suites = []
    for suite in report.suites:
        tests = []
        for r in report.results:
            if r.case not in suite.cases:
                continue
            t: dict[str, Any] = {
                "id": r.case.id,
                "name": r.case.name,
                "kind": r.case.kind,
                "status": r.status,
                "duration": round(r.duration, 4),
                "file": _display(r.case.path),
                "line": r.case.line,
                "tags": list(r.case.tags),
            }
            if r.message:
                t["message"] = r.message
            if r.details:
                t["details"] = r.details
            if r.error is not None:
                t["error"] = r.error
            if r.failures:
                t["failures"] = r.failures
            if r.output:
                t["output"] = r.output
            if r.log:
                t["log"] = r.log
            tests.append(t)
        suites.append({"name": suite.name, "file": _display(suite.path), "tests": tests})
    return {
        "tests": len(report.results),
        "passed": report.count("passed"),
        "failed": report.count("failed"),
        "errors": report.count("error"),
        "skipped": report.count("skipped"),
        "duration": round(report.duration, 4),
        "status": "success" if report.ok else "failure",
        "suites": suites,
    }


def describe(result: Result, color: bool = False) -> str:
    """One line for a finished test: PASS/FAIL/ERROR/SKIP, its id, and why."""
    word = {"passed": "PASS", "failed": "FAIL", "error": "ERROR", "skipped": "SKIP"}[result.status]
    if color:
        code = {"PASS": "32", "FAIL": "31", "ERROR": "31", "SKIP": "33"}[word]
        word = f"\x1b[{code}m{word}\x1b[0m"
    tail = f" ({result.message})" if result.status == "skipped" else f" ({result.duration * 1000:.0f} ms)"
    return f"{word} {result.case.id}{tail}"


# ------------------------------------------------------------------ the command


TEST_USAGE = """\
usage: mini4d test [PATH ...] [-k PATTERN] [--tags T,...] [--exclude-tags T,...] [--require-tags T,...]
                   [--junit FILE] [--json] [--timeout SECONDS] [-q] [--list]

Find and run the tests under each PATH (default: the current folder): classes whose name ends
with Test (functions test_*, with setup/teardown/beforeEach/afterEach), methods and .4dm files
whose name starts with test_, and golden scripts (X.4dm beside X.out).
"""


def test_main(argv: list[str], out: TextIO, err: TextIO) -> int:
    """`mini4d test`: exit 0 when every selected test passed, 1 when one failed or none ran, 2 on a usage error."""
    import argparse

    parser = argparse.ArgumentParser(prog="mini4d test", usage=TEST_USAGE.split("\n\n")[0][7:], add_help=True)
    parser.description = TEST_USAGE.split("\n\n", 1)[1].strip()
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files and folders to search (default: .)")
    parser.add_argument(
        "-k",
        dest="patterns",
        action="append",
        default=[],
        metavar="PATTERN",
        help="run tests whose id (Class.test_name, method or file) contains PATTERN or matches it with * and ?; "
        "repeat or separate with commas for several",
    )
    parser.add_argument("--tags", default="", help="run tests that have one of these tags (comma-separated)")
    parser.add_argument("--exclude-tags", default="", help="leave out tests that have one of these tags")
    parser.add_argument("--require-tags", default="", help="run only tests that have all of these tags")
    parser.add_argument("--junit", metavar="FILE", default="", help="write a JUnit XML report to FILE")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of text")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"stop a test that runs longer than this (default {DEFAULT_TIMEOUT:g}; 0: no limit)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="show only failures and the summary")
    parser.add_argument("--list", action="store_true", help="list the selected tests without running them")
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err  # argparse writes --help and usage errors there
    try:
        ns = parser.parse_args(argv)
    except SystemExit as exc:
        return 2 if exc.code else 0
    finally:
        sys.stdout, sys.stderr = old_out, old_err
    if ns.timeout < 0:
        err.write("mini4d test: --timeout must be 0 or more seconds\n")
        return 2
    try:
        suites = discover([Path(p) for p in (ns.paths or ["."])])
    except UsageError as exc:
        err.write(f"mini4d test: {exc}\n")
        return 2
    suites = select(suites, ns.patterns, parse_tags(ns.tags), parse_tags(ns.exclude_tags), parse_tags(ns.require_tags))
    if ns.list:
        for s in suites:
            for c in s.cases:
                out.write(f"{c.id}  [{', '.join(c.tags)}]  {_display(c.path)}:{c.line}\n")
        return 0
    color = not ns.json and hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")

    def show(result: Result) -> None:
        if ns.json or (ns.quiet and result.status in ("passed", "skipped")):
            return
        out.write(describe(result, color) + "\n")
        out.flush()

    report = Runner(ns.timeout or None, show).run(suites)
    if ns.junit:
        try:
            with open(ns.junit, "w", encoding="utf-8") as fh:
                write_junit(report, fh)
        except OSError as exc:
            err.write(f"mini4d test: cannot write {ns.junit}: {exc.strerror}\n")
            return 2
    if ns.json:
        import json

        out.write(json.dumps(report_json(report), indent=2, ensure_ascii=False) + "\n")
        return 0 if report.ok else 1
    failed = [r for r in report.results if r.status in ("failed", "error")]
    if failed:
        out.write("\n")
        for r in failed:
            out.write(f"---- {r.case.id} ({_display(r.case.path)}:{r.case.line})\n")
            if r.details:
                out.write(r.details.rstrip("\n") + "\n")
            if r.output:
                out.write("-- output:\n" + r.output.rstrip("\n") + "\n")
            if r.log:
                out.write("-- log:\n" + "".join(f"{m}\n" for m in r.log))
            out.write("\n")
    if not report.results:
        out.write("no tests ran (none found or none selected)\n")
    out.write(f"{len(report.results)} tests in {report.duration:.2f} s\n")
    out.write(report.summary() + "\n")
    return 0 if report.ok else 1
