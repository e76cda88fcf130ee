"""The mini4d benchmark runner: 4D programs against equivalent Python, start-up, parsing, memory.

    python3 -m bench                 # everything, full sizes, 5 runs of each program
    python3 -m bench --quick         # small sizes, 3 runs (a minute or so)
    python3 -m bench --only fib,sieve --sections programs --repeat 1 --json out.json
    python3 -m bench --sections web  # the web server against a bare app on the same library
    python3 -m bench --sections parse --corpus DIR   # also parse every .4dm file under DIR
    python3 -m bench --sections large   # parse and compile 10,000 to 1,000,000 statements: seconds, peak memory

Each `bench/programs/NAME.4dm` with a `NAME.py` twin is a program. The first line of the
4D file gives its sizes (`// bench: n=300000 quick=20000`); the 4D method receives n as
its `#DECLARE` parameter and the Python module's `main(n)` receives it too. Both must print
the same lines. The 4D time covers parsing, compiling and running the method in a fresh
runtime (interpreter start-up is measured separately); the Python time covers `main(n)`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import io
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PROGRAMS = BENCH / "programs"
MEMORY = BENCH / "memory"

# Errors that mean "this feature is not in mini4d yet": the program is reported as skipped.
SKIP_CODES = ("error 90060:", "error 90022:", "error 90002:", "error -10508:")
_SIZE_RX = re.compile(r"//\s*bench:\s*n=(\d+)\s+quick=(\d+)")


@dataclass
class Program:
    name: str
    fourd: Path
    python: Path
    n: int
    quick: int


@dataclass
class ProgramResult:
    name: str
    n: int
    status: str  # ok, mismatch, skipped, failed
    fourd_s: float | None = None
    python_s: float | None = None
    ratio: float | None = None
    output: list[str] = field(default_factory=list)
    python_output: list[str] = field(default_factory=list)
    note: str = ""


def discover(only: list[str] | None = None) -> list[Program]:
    """Every 4D program of bench/programs that has a Python twin (helpers have none)."""
    found = []
    for fourd in sorted(PROGRAMS.glob("*.4dm")):
        py = fourd.with_suffix(".py")
        if not py.exists():
            continue
        if only and fourd.stem not in only:
            continue
        m = _SIZE_RX.search(fourd.read_text(encoding="utf-8").split("\n", 1)[0])
        if m is None:
            raise SystemExit(f"{fourd}: the first line must be `// bench: n=N quick=M`")
        found.append(Program(fourd.stem, fourd, py, int(m.group(1)), int(m.group(2))))
    return found


# ------------------------------------------------------------------ running one program


def run_4d(path: Path, n: int) -> tuple[list[str], str, float]:
    """Parse, compile and run a 4D method file with n as its parameter in a fresh runtime."""
    from mini4d.cli import Streams, execute
    from mini4d.parser import parse_source
    from mini4d.project import Project, load_file
    from mini4d.runtime import Runtime

    out, err = io.StringIO(), io.StringIO()
    gc.collect()
    start = time.perf_counter()
    mt = load_file(path, path.stem)
    runtime = Runtime(Project.for_script(path), stdout=out, stderr=err)
    try:
        code = runtime.interp.compile_unit(mt.name, parse_source(mt.source), mt.source)
    except Exception as exc:  # a syntax error is a failure of the program, reported as such
        return [], f"{type(exc).__name__}: {exc}", 0.0
    execute(runtime, code, [float(n)], Streams(out, err))
    elapsed = time.perf_counter() - start
    return out.getvalue().splitlines(), err.getvalue(), elapsed


def run_python(path: Path, n: int) -> tuple[list[str], float]:
    """Import the Python twin and time `main(n)` with its standard output captured."""
    spec = importlib.util.spec_from_file_location(f"bench_py_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    gc.collect()
    with contextlib.redirect_stdout(out):
        start = time.perf_counter()
        module.main(n)
        elapsed = time.perf_counter() - start
    return out.getvalue().splitlines(), elapsed


def bench_program(prog: Program, quick: bool, repeat: int) -> ProgramResult:
    n = prog.quick if quick else prog.n
    res = ProgramResult(prog.name, n, "ok")
    fourd_times: list[float] = []
    py_times: list[float] = []
    for _ in range(repeat):
        lines, err, t4 = run_4d(prog.fourd, n)
        if err:
            first = next(
                (ln for ln in err.splitlines() if "error" in ln), err.strip().splitlines()[0] if err.strip() else ""
            )
            res.output = lines
            res.note = first.strip()
            res.status = "skipped" if any(code in err for code in SKIP_CODES) else "failed"
            return res
        lines_py, tp = run_python(prog.python, n)
        res.output, res.python_output = lines, lines_py
        if lines != lines_py:
            res.status = "mismatch"
            res.note = f"4D printed {lines!r}, Python printed {lines_py!r}"
            return res
        fourd_times.append(t4)
        py_times.append(tp)
    res.fourd_s = statistics.median(fourd_times)
    res.python_s = statistics.median(py_times)
    res.ratio = res.fourd_s / res.python_s if res.python_s > 0 else None
    return res


def geometric_mean(values: list[float]) -> float | None:
    vals = [v for v in values if v and v > 0]
    if not vals:
        return None
    return math.exp(sum(math.log(v) for v in vals) / len(vals))


# ------------------------------------------------------------------ start-up


def _child_env() -> dict[str, str]:
    """Environment of measured child processes: bytecode caching on, as on a user's machine.

    When the calling environment disables .pyc files, the children keep theirs under the
    user cache folder instead of the source tree.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None and "PYTHONPYCACHEPREFIX" not in env:
        from mini4d.parser import cache_dir

        folder = cache_dir() or Path.home() / ".cache" / "mini4d"
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env


def mini4d_command() -> list[str]:
    """The installed `mini4d` script next to this interpreter, else `python -m mini4d`."""
    script = Path(sys.executable).parent / "mini4d"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "mini4d"]


def _time_command(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, str]:
    times = []
    out = ""
    for i in range(runs + 1):
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=str(ROOT), capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        out = proc.stdout + proc.stderr
        if i > 0:  # the first run warms caches (bytecode, serialized parser)
            times.append(elapsed)
    return statistics.median(times), out


def bench_startup(runs: int) -> dict[str, Any]:
    env = _child_env()
    cmd = mini4d_command() + ["-c", 'ALERT("x")']
    t_mini, out = _time_command(cmd, env, runs)
    t_py, _ = _time_command([sys.executable, "-c", "pass"], env, runs)
    return {
        "command": " ".join(cmd[-3:] if cmd[0].endswith("mini4d") else cmd),
        "mini4d_ms": t_mini * 1000,
        "python_ms": t_py * 1000,
        "output_ok": out.strip() == "x",
        "runs": runs,
    }


# ------------------------------------------------------------------ parsing


def _parse_seconds(text: str, name: str, repeat: int) -> float:
    from mini4d.parser import parse_source
    from mini4d.source import Source

    times = []
    for _ in range(repeat):
        src = Source(name, text)
        gc.collect()
        start = time.perf_counter()
        parse_source(src)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_parse(quick: bool, repeat: int) -> dict[str, Any]:
    from mini4d.parser import get_parser

    from bench.corpus import corpus

    get_parser()
    text = corpus(200_000 if quick else 2_000_000)
    size = len(text.encode("utf-8"))
    lines = text.count("\n")
    t = _parse_seconds(text, "corpus.4dm", max(1, min(repeat, 3)))
    result: dict[str, Any] = {
        "corpus_bytes": size,
        "corpus_lines": lines,
        "corpus_mb_s": size / t / 1e6,
        "corpus_lines_s": lines / t,
    }
    files = [p for d in (ROOT / "examples", ROOT / "tests" / "scripts", PROGRAMS) for p in sorted(d.rglob("*.4dm"))]
    total_bytes = 0
    total_lines = 0
    total_t = 0.0
    failed = 0
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        try:
            total_t += _parse_seconds(text, p.name, 1)
        except Exception:  # scripts that test syntax errors
            failed += 1
            continue
        total_bytes += len(text.encode("utf-8"))
        total_lines += text.count("\n")
    result.update(
        {
            "examples_files": len(files) - failed,
            "examples_bytes": total_bytes,
            "examples_mb_s": total_bytes / total_t / 1e6 if total_t else None,
            "examples_lines_s": total_lines / total_t if total_t else None,
        }
    )
    return result


def bench_parse_folder(folder: Path) -> dict[str, Any]:
    """Parse throughput over every .4dm file under a folder (read where it is), one process, positions kept.

    Each file is decoded as `mini4d` decodes it and parsed once into positioned nodes; only
    the parse is timed (reading and decoding are not). Files that do not decode or that have
    a syntax error are counted apart and left out of the throughput.
    """
    from mini4d.errors import Syntax4DError
    from mini4d.parser import get_parser, parse_source
    from mini4d.source import Source, SourceDecodeError, decode_source

    get_parser()
    files = sorted(Path(root, n) for root, _dirs, names in os.walk(folder) for n in names if n.lower().endswith(".4dm"))
    parsed = undecodable = with_errors = 0
    nbytes = nlines = 0
    parse_s = error_s = 0.0
    start = time.perf_counter()
    for path in files:
        try:
            data = path.read_bytes()
            text = decode_source(data)
        except (OSError, SourceDecodeError):
            undecodable += 1
            continue
        src = Source(str(path), text, str(path))
        t0 = time.perf_counter()
        try:
            parse_source(src)
        except Syntax4DError:
            error_s += time.perf_counter() - t0
            with_errors += 1
            continue
        parse_s += time.perf_counter() - t0
        parsed += 1
        nbytes += len(data)
        nlines += text.count("\n")
    return {
        "folder": str(folder),
        "files": len(files),
        "parsed_files": parsed,
        "syntax_error_files": with_errors,
        "undecodable_files": undecodable,
        "bytes": nbytes,
        "lines": nlines,
        "parse_s": parse_s,
        "error_files_s": error_s,
        "total_s": time.perf_counter() - start,
        "mb_s": nbytes / parse_s / 1e6 if parse_s else None,
        "lines_s": nlines / parse_s if parse_s else None,
    }


# ------------------------------------------------------------------ memory


# The child reports the high-water mark of its own memory (VmHWM) when it exits. The
# rusage of a forked child is not used: its ru_maxrss includes the parent's memory at fork.
_PEAK_WRAPPER = (
    "import atexit, runpy, sys\n"
    "def _peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('PEAK_KB ' + line.split()[1] + '\\n')\n"
    "atexit.register(_peak)\n"
    "target = sys.argv[1]\n"
    "sys.argv = sys.argv[1:]\n"
    "if target == 'mini4d':\n"
    "    from mini4d.cli import entry\n"
    "    entry()\n"
    "else:\n"
    "    runpy.run_path(target, run_name='__main__')\n"
)


def peak_rss_kb(target: str, args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Peak resident set size (KiB) of a fresh interpreter running `target` (`mini4d` or a .py file)."""
    proc = subprocess.run(
        [sys.executable, "-c", _PEAK_WRAPPER, target, *args], env=env, cwd=str(ROOT), capture_output=True, text=True
    )
    m = re.search(r"PEAK_KB (\d+)", proc.stderr)
    if m is None:
        raise RuntimeError(f"no peak memory reported by {target}: {proc.stderr[-500:]}")
    return int(m.group(1)), proc.stdout


def bench_memory(quick: bool) -> dict[str, Any]:
    n = 100_000 if quick else 1_000_000
    env = _child_env()
    fourd = str(MEMORY / "objects.4dm")
    py = str(MEMORY / "objects.py")
    mini_kb, mini_out = peak_rss_kb("mini4d", [fourd, str(n)], env)
    py_kb, py_out = peak_rss_kb(py, [str(n)], env)
    base_mini, _ = peak_rss_kb("mini4d", [fourd, "0"], env)
    base_py, _ = peak_rss_kb(py, ["0"], env)
    return {
        "objects": n,
        "mini4d_mb": mini_kb / 1024,
        "python_mb": py_kb / 1024,
        "ratio": mini_kb / py_kb if py_kb else None,
        "mini4d_empty_mb": base_mini / 1024,
        "python_empty_mb": base_py / 1024,
        "net_ratio": (mini_kb - base_mini) / (py_kb - base_py) if py_kb > base_py else None,
        "outputs_match": mini_out.strip() == py_out.strip() == str(n),
    }


# ------------------------------------------------------------------ large method texts

# A fresh interpreter parses (cache off) and compiles a method of N `$x:=1` statements, runs
# it, and reports its times and its memory high-water mark (VmHWM) before and at the end.
_LARGE_CHILD = """
import io, json, sys, time
def hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            return int(line.split()[1])
    return 0
from mini4d import cli
from mini4d.parser import get_parser, parse_source
from mini4d.source import Source
n = int(sys.argv[1])
get_parser()
streams = cli.Streams(io.StringIO(), io.StringIO())
runtime = cli._new_runtime(None, streams)
base = hwm()
text = "$x:=1\\n" * n
t0 = time.perf_counter()
stmts = parse_source(Source("large.4dm", text))
t1 = time.perf_counter()
code = runtime.interp.compile_unit("large", stmts, Source("large.4dm", text))
t2 = time.perf_counter()
del stmts
rc = cli.execute(runtime, code, [], streams, False)
t3 = time.perf_counter()
print(json.dumps({"statements": n, "chars": len(text), "parse_s": t1 - t0, "compile_s": t2 - t1,
                  "run_s": t3 - t2, "base_mb": base / 1024, "peak_mb": hwm() / 1024, "rc": rc}))
"""


def bench_large(quick: bool) -> list[dict[str, Any]]:
    """Seconds and peak memory to parse, compile and run 10,000, 100,000 and 1,000,000 statements."""
    env = {**_child_env(), "MINI4D_CACHE_DIR": ""}
    rows = []
    for n in (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000):
        proc = subprocess.run(
            [sys.executable, "-c", _LARGE_CHILD, str(n)], env=env, cwd=str(ROOT), capture_output=True, text=True
        )
        if proc.returncode != 0:
            raise RuntimeError(f"large {n}: {proc.stderr[-500:]}")
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return rows


# ------------------------------------------------------------------ bench_use.py (session runtime)


def bench_use(quick: bool, repeat: int | None = None) -> dict[str, Any] | None:
    """Run bench/bench_use.py (shared objects and `Use` under contention) in a process of its own."""
    path = BENCH / "bench_use.py"
    if not path.exists():
        return None
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        figures = Path(tmp) / "use.json"
        cmd = [sys.executable, "-m", "bench.bench_use", "--json", str(figures)]
        cmd += (["--quick"] if quick else []) + (["--repeat", str(repeat)] if repeat else [])
        proc = subprocess.run(cmd, cwd=str(ROOT), env=_child_env(), capture_output=True, text=True)
        result: dict[str, Any] = {"returncode": proc.returncode, "output": (proc.stdout + proc.stderr).strip()}
        if proc.returncode == 0 and figures.exists():
            result["figures"] = json.loads(figures.read_text(encoding="utf-8"))
    return result


# ------------------------------------------------------------------ report


def _fmt(v: float | None, spec: str) -> str:
    return format(v, spec) if v is not None else "-"


def print_programs(results: list[ProgramResult], out: Any) -> float | None:
    out.write(f"{'program':<13} {'n':>8} {'mini4d s':>9} {'python s':>9} {'ratio':>7}  status\n")
    for r in results:
        status = r.status if not r.note else f"{r.status}: {r.note}"
        out.write(
            f"{r.name:<13} {r.n:>8} {_fmt(r.fourd_s, '9.3f')} {_fmt(r.python_s, '9.4f')} "
            f"{_fmt(r.ratio, '7.1f')}  {status}\n"
        )
    gm = geometric_mean([r.ratio for r in results if r.status == "ok" and r.ratio])
    worst = max((r for r in results if r.ratio), key=lambda r: r.ratio or 0, default=None)
    out.write(f"geometric mean ratio: {_fmt(gm, '.2f')}")
    if worst is not None:
        out.write(f"   (highest: {worst.name} {worst.ratio:.1f})")
    out.write("\n")
    return gm


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m bench", description="mini4d benchmarks")
    ap.add_argument("--quick", action="store_true", help="small sizes and 3 runs")
    ap.add_argument("--repeat", type=int, default=None, help="runs of each program (median is reported)")
    ap.add_argument("--only", default="", help="comma-separated program names")
    ap.add_argument(
        "--sections",
        default="programs,startup,parse,memory,large,use,web,data",
        help="any of programs,startup,parse,memory,large,use,web,data",
    )
    ap.add_argument("--json", default="", help="also write the results to this JSON file")
    ap.add_argument(
        "--corpus",
        default="",
        metavar="DIR",
        help="parse section: also the parse throughput over every .4dm file under DIR (read in place)",
    )
    args = ap.parse_args(argv)
    repeat = args.repeat or (3 if args.quick else 5)
    sections = {s.strip() for s in args.sections.split(",") if s.strip()}
    only = [s.strip() for s in args.only.split(",") if s.strip()] or None
    out = sys.stdout
    report: dict[str, Any] = {"quick": args.quick, "repeat": repeat}
    code = 0

    if "programs" in sections:
        results = []
        for prog in discover(only):
            r = bench_program(prog, args.quick, repeat)
            results.append(r)
            if r.status in ("mismatch", "failed"):
                code = 1
        gm = print_programs(results, out)
        report["programs"] = [asdict(r) for r in results]
        report["geometric_mean"] = gm
    if "startup" in sections:
        s = bench_startup(max(5, repeat))
        report["startup"] = s
        out.write(
            f"start-up: mini4d -c 'ALERT(\"x\")' {s['mini4d_ms']:.0f} ms, python -c pass {s['python_ms']:.0f} ms"
            f" (median of {s['runs']}){'' if s['output_ok'] else '  OUTPUT WRONG'}\n"
        )
    if "parse" in sections:
        p = bench_parse(args.quick, repeat)
        report["parse"] = p
        out.write(
            f"parse: corpus {p['corpus_bytes'] / 1e6:.1f} MB, {p['corpus_mb_s']:.2f} MB/s, "
            f"{p['corpus_lines_s']:.0f} lines/s; {p['examples_files']} example files "
            f"{_fmt(p['examples_mb_s'], '.2f')} MB/s, {_fmt(p['examples_lines_s'], '.0f')} lines/s\n"
        )
        if args.corpus:
            c = bench_parse_folder(Path(args.corpus))
            p["folder"] = c
            out.write(
                f"parse: {c['folder']}: {c['parsed_files']} of {c['files']} files parsed, "
                f"{c['bytes'] / 1e6:.1f} MB in {c['parse_s']:.1f} s: {_fmt(c['mb_s'], '.2f')} MB/s, "
                f"{_fmt(c['lines_s'], '.0f')} lines/s ({c['syntax_error_files']} with syntax errors, "
                f"{c['undecodable_files']} undecodable, left out)\n"
            )
    if "memory" in sections:
        m = bench_memory(args.quick)
        report["memory"] = m
        out.write(
            f"memory: {m['objects']} objects in a collection: mini4d peak {m['mini4d_mb']:.0f} MB, "
            f"Python list of dicts {m['python_mb']:.0f} MB, ratio {_fmt(m['ratio'], '.2f')} "
            f"(empty runs {m['mini4d_empty_mb']:.0f} / {m['python_empty_mb']:.0f} MB, "
            f"net ratio {_fmt(m['net_ratio'], '.2f')})"
            f"{'' if m['outputs_match'] else '  OUTPUT WRONG'}\n"
        )
    if "large" in sections:
        rows = bench_large(args.quick)
        report["large"] = rows
        out.write("large: statements   chars     parse s  compile s  run s  peak MB (empty)\n")
        for r in rows:
            out.write(
                f"large: {r['statements']:>10,} {r['chars'] / 1e6:6.1f} MB {r['parse_s']:8.2f} {r['compile_s']:9.2f}"
                f" {r['run_s']:6.2f} {r['peak_mb']:8.0f} ({r['base_mb']:.0f}){'' if r['rc'] == 0 else '  FAILED'}\n"
            )
            if r["rc"] != 0:
                code = 1
    if "use" in sections:
        u = bench_use(args.quick, max(repeat, 7) if not args.quick else repeat)
        if u is not None:
            report["use"] = u
            out.write("bench_use:\n" + u["output"] + "\n")
            if u["returncode"] != 0:
                code = 1
    if "web" in sections:
        try:
            import cheroot  # noqa: F401
        except ImportError:
            out.write("web: skipped (pip install 'mini4d[web]')\n")
        else:
            from bench.web import bench_web
            from bench.web import report as web_report

            w = bench_web(args.quick)
            report["web"] = w
            web_report(w, out)
    if "data" in sections:
        from bench.data import bench_data
        from bench.data import report as data_report

        d = bench_data(args.quick)
        report["data"] = d
        data_report(d, out)
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2), encoding="utf-8")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
