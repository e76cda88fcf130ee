"""Cost of `Use`/`End use`, and throughput of processes contending on one shared object.

    python3 -m bench.bench_use                 # default sizes
    python3 -m bench.bench_use --quick         # small sizes
    python3 -m bench.bench_use --repeat 9 --json use.json

Each figure is compared with the equivalent Python loop on a `threading.RLock`, and reported
as a ratio (mini4d time / Python time). The scaling figure is the throughput of 8 processes
that each add 1 to one shared counter 10,000 times under Use, against one process doing all
80,000 (1.0: no loss to contention); its Python twin is 8 threads against one on an RLock.
Times are taken in this process around the run of the main method (it starts the processes
and the run waits for all of them), so the interpreter's start-up is left out; CPU time and
the context switches of the whole process are reported with the wall time, as the machine
may be busy. Importable: `measure(quick=False)` returns the figures.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mini4d.cli import Streams, execute  # noqa: E402 - after the path set-up above
from mini4d.parser import parse_source  # noqa: E402 - after the path set-up above
from mini4d.project import Project  # noqa: E402 - after the path set-up above
from mini4d.runtime import Runtime  # noqa: E402 - after the path set-up above
from mini4d.source import Source  # noqa: E402 - after the path set-up above
from mini4d.values import new_shared_group  # noqa: E402 - after the path set-up above

ADD_METHOD = """#DECLARE($counter : Object; $n : Integer)
var $i : Integer
For ($i; 1; $n)
\tUse ($counter)
\t\t$counter.n:=$counter.n+1
\tEnd use
End for
"""


class Sample:
    """Wall seconds, CPU seconds and context switches (voluntary, involuntary) of one timed run."""

    __slots__ = ("cpu", "involuntary", "voluntary", "wall")

    def __init__(self, wall: float, cpu: float, voluntary: int, involuntary: int):
        self.wall, self.cpu, self.voluntary, self.involuntary = wall, cpu, voluntary, involuntary


class _Timer:
    """Times a block: wall clock, CPU time of every thread of this process, context switches."""

    def __enter__(self) -> _Timer:
        self.usage = resource.getrusage(resource.RUSAGE_SELF)
        self.cpu = time.process_time()
        self.wall = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self.wall
        cpu = time.process_time() - self.cpu
        usage = resource.getrusage(resource.RUSAGE_SELF)
        self.sample = Sample(wall, cpu, usage.ru_nvcsw - self.usage.ru_nvcsw, usage.ru_nivcsw - self.usage.ru_nivcsw)


def _run_4d_sample(text: str, methods: dict[str, str] | None = None) -> tuple[Sample, Runtime]:
    """A main method run in a fresh runtime (parse and compile excluded), all its processes included."""
    rt = Runtime(Project([]))
    for name, body in (methods or {}).items():
        from mini4d.project import MethodText

        rt.project.inline_methods[name.lower()] = MethodText(name, Source(f"{name}.4dm", body), {})
    src = Source("bench.4dm", text)
    code = rt.interp.compile_unit("bench", parse_source(src), src)
    out, err = io.StringIO(), io.StringIO()
    with _Timer() as timer:
        rc = execute(rt, code, [], Streams(out, err))
    if rc != 0:
        raise RuntimeError(f"benchmark script failed: {err.getvalue()}")
    return timer.sample, rt


def _run_4d(text: str, methods: dict[str, str] | None = None) -> float:
    """Seconds taken by a main method (parse and compile excluded), all its processes included."""
    return _run_4d_sample(text, methods)[0].wall


def _best(fn: Any, repeat: int) -> float:
    return min(fn() for _ in range(repeat))


def uncontended_pair(n: int, repeat: int = 3) -> dict[str, float]:
    """Cost of one Use/End use pair with nobody else around, against `with rlock:`."""
    base = f'$o:=New shared object("n"; 0)\nvar $i : Integer\nFor ($i; 1; {n})\nEnd for\n'
    used = f'$o:=New shared object("n"; 0)\nvar $i : Integer\nFor ($i; 1; {n})\n\tUse ($o)\n\tEnd use\nEnd for\n'
    t_base = _best(lambda: _run_4d(base), repeat)
    t_use = _best(lambda: _run_4d(used), repeat)
    fourd_pair = max(t_use - t_base, 0.0) / n

    lock = threading.RLock()

    def py_loop() -> float:
        start = time.perf_counter()
        for _ in range(n):
            with lock:
                pass
        return time.perf_counter() - start

    def py_base() -> float:
        start = time.perf_counter()
        for _ in range(n):
            pass
        return time.perf_counter() - start

    py_pair = max(_best(py_loop, repeat) - _best(py_base, repeat), 1e-12) / n

    group = new_shared_group()
    owner = object()

    def raw_group() -> float:
        start = time.perf_counter()
        for _ in range(n):
            group.acquire(owner)
            group.release(owner)
        return time.perf_counter() - start

    raw_pair = max(_best(raw_group, repeat) - _best(py_base, repeat), 1e-12) / n
    return {
        "n": n,
        "use_pair_ns": fourd_pair * 1e9,
        "shared_group_pair_ns": raw_pair * 1e9,
        "rlock_pair_ns": py_pair * 1e9,
        "use_ratio": fourd_pair / py_pair,
        "shared_group_ratio": raw_pair / py_pair,
    }


def contended(processes: int, per_process: int, repeat: int = 3) -> dict[str, float]:
    """Increments per second when `processes` processes share one counter under Use, against threads + RLock."""
    text = (
        '$c:=New shared object("n"; 0)\n$procs:=New collection\nvar $i : Integer\n'
        f'For ($i; 1; {processes})\n\t$procs.push(New process("Add"; 0; "add"; $c; {per_process}))\nEnd for\n'
    )
    t_4d = _best(lambda: _run_4d(text, {"Add": ADD_METHOD}), repeat)

    def py_run() -> float:
        lock = threading.RLock()
        box = {"n": 0.0}

        def add() -> None:
            for _ in range(per_process):
                with lock:
                    box["n"] = box["n"] + 1

        threads = [threading.Thread(target=add) for _ in range(processes)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - start
        assert box["n"] == processes * per_process
        return elapsed

    t_py = _best(py_run, repeat)
    total = processes * per_process
    return {
        "processes": processes,
        "increments": total,
        "mini4d_per_s": total / t_4d,
        "python_per_s": total / t_py,
        "ratio": t_4d / t_py,
    }


def _counter_text(processes: int, per_process: int) -> str:
    """Main method: `processes` processes add to one shared counter; the counter is left in Storage."""
    return (
        '$c:=New shared object("n"; 0)\nUse (Storage)\n\tStorage.counter:=$c\nEnd use\nvar $i : Integer\n'
        f'For ($i; 1; {processes})\n\t$p:=New process("Add"; 0; "add "+String($i); $c; {per_process})\nEnd for\n'
    )


def _counter_4d(processes: int, per_process: int) -> Sample:
    sample, rt = _run_4d_sample(_counter_text(processes, per_process), {"Add": ADD_METHOD})
    n = rt.storage["counter"]["n"]
    if n != processes * per_process:
        raise RuntimeError(f"the shared counter ended at {n}, not {processes * per_process}")
    return sample


def _counter_python(threads: int, per_thread: int) -> Sample:
    """The Python twin: threads add to one counter under an RLock (one thread too, like one 4D process)."""
    lock = threading.RLock()
    box = {"n": 0.0}

    def add() -> None:
        for _ in range(per_thread):
            with lock:
                box["n"] = box["n"] + 1

    workers = [threading.Thread(target=add) for _ in range(threads)]
    with _Timer() as timer:
        for t in workers:
            t.start()
        for t in workers:
            t.join()
    if box["n"] != threads * per_thread:
        raise RuntimeError("the Python counter is wrong")
    return timer.sample


def scaling(total: int, processes: int = 8, repeat: int = 5) -> dict[str, Any]:
    """Throughput of `processes` processes sharing `total` increments against one process doing them all.

    The four runs (4D one and many, Python one and many) are interleaved, `repeat` times, after
    one warm-up round; medians are reported. A ratio is time(one) / time(many): 1.0 means no
    throughput lost to contention, 0.5 half of it lost.
    """
    per = total // processes
    runs = {
        "mini4d_1": lambda: _counter_4d(1, per * processes),
        "mini4d_n": lambda: _counter_4d(processes, per),
        "python_1": lambda: _counter_python(1, per * processes),
        "python_n": lambda: _counter_python(processes, per),
    }
    for run in runs.values():
        run()
    samples: dict[str, list[Sample]] = {k: [] for k in runs}
    for _ in range(repeat):
        for k, run in runs.items():
            samples[k].append(run())

    def med(k: str, field: str) -> float:
        return statistics.median(getattr(x, field) for x in samples[k])

    out: dict[str, Any] = {"processes": processes, "increments": per * processes, "repeat": repeat}
    for k in runs:
        out[k] = {f: med(k, f) for f in ("wall", "cpu", "voluntary", "involuntary")}
    for who in ("mini4d", "python"):
        one, many = samples[f"{who}_1"], samples[f"{who}_n"]
        out[f"{who}_ratio"] = med(f"{who}_1", "wall") / med(f"{who}_n", "wall")
        out[f"{who}_cpu_ratio"] = med(f"{who}_1", "cpu") / med(f"{who}_n", "cpu")
        per_run = sorted(a.wall / b.wall for a, b in zip(one, many, strict=True))
        out[f"{who}_ratio_range"] = (per_run[0], per_run[-1])
    return out


def measure(quick: bool = False, repeat: int | None = None) -> dict[str, Any]:
    """Every figure of this benchmark, as a dict."""
    n = 20000 if quick else 200000
    per = 2000 if quick else 20000
    return {
        "uncontended": uncontended_pair(n),
        "contended": [contended(p, per // p * 2) for p in (1, 2, 4, 8)],
        "scaling": scaling(8000 if quick else 80000, 8, repeat or (3 if quick else 7)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes")
    ap.add_argument("--repeat", type=int, default=None, help="interleaved runs of the scaling figure (median)")
    ap.add_argument("--json", default="", help="also write the figures to this JSON file")
    args = ap.parse_args(argv)
    res = measure(args.quick, args.repeat)
    u = res["uncontended"]
    print(f"Uncontended Use/End use pair ({u['n']} iterations):")
    print(f"  mini4d Use...End use  {u['use_pair_ns']:9.0f} ns   x{u['use_ratio']:.1f} of `with RLock`")
    print(f"  SharedGroup acquire+release {u['shared_group_pair_ns']:9.0f} ns   x{u['shared_group_ratio']:.1f}")
    print(f"  Python `with RLock:`  {u['rlock_pair_ns']:9.0f} ns")
    print("Contended counter (one shared object, N processes, increments inside Use):")
    print("  N  increments   mini4d/s   python/s   ratio")
    for c in res["contended"]:
        print(
            f"  {c['processes']:<2} {c['increments']:>10} {c['mini4d_per_s']:>10.0f} "
            f"{c['python_per_s']:>10.0f}   x{c['ratio']:.1f}"
        )
    sc = res["scaling"]
    n, total = sc["processes"], sc["increments"]
    print(
        f"Contention: {n} processes x {total // n} increments against 1 x {total} "
        f"(throughput ratio, 1.0 = nothing lost; medians of {sc['repeat']} interleaved runs):"
    )
    for who, label in (("mini4d", "mini4d Use"), ("python", "Python RLock")):
        one, many = sc[f"{who}_1"], sc[f"{who}_n"]
        low, high = sc[f"{who}_ratio_range"]
        print(
            f"  {label:<13} 1: {one['wall'] * 1e3:6.1f} ms ({one['cpu'] * 1e3:6.1f} ms CPU)   "
            f"{n}: {many['wall'] * 1e3:6.1f} ms ({many['cpu'] * 1e3:6.1f} ms CPU, {many['voluntary']:.0f} waits)   "
            f"ratio {sc[f'{who}_ratio']:.2f} (CPU {sc[f'{who}_cpu_ratio']:.2f}; runs {low:.2f}-{high:.2f})"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(res, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
