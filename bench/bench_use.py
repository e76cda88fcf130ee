"""Cost of `Use`/`End use`, and throughput of processes contending on one shared object.

    python3 bench/bench_use.py            # default sizes
    python3 bench/bench_use.py --quick    # small sizes

Each figure is compared with the equivalent Python loop on a `threading.RLock`, and reported
as a ratio (mini4d time / Python time). Importable: `measure(quick=False)` returns the figures.
"""

from __future__ import annotations

import argparse
import io
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mini4d.cli import Streams, execute  # noqa: E402 (run as a script: the checkout is put on the path first)
from mini4d.parser import parse_source  # noqa: E402 (run as a script: the checkout is put on the path first)
from mini4d.project import Project  # noqa: E402 (run as a script: the checkout is put on the path first)
from mini4d.runtime import Runtime  # noqa: E402 (run as a script: the checkout is put on the path first)
from mini4d.source import Source  # noqa: E402 (run as a script: the checkout is put on the path first)
from mini4d.values import new_shared_group  # noqa: E402 (run as a script: the checkout is put on the path first)

ADD_METHOD = """#DECLARE($counter : Object; $n : Integer)
var $i : Integer
For ($i; 1; $n)
\tUse ($counter)
\t\t$counter.n:=$counter.n+1
\tEnd use
End for
"""


def _run_4d(text: str, methods: dict[str, str] | None = None) -> float:
    """Seconds taken by a main method (parse and compile excluded), all its processes included."""
    rt = Runtime(Project([]))
    for name, body in (methods or {}).items():
        from mini4d.project import MethodText

        rt.project.inline_methods[name.lower()] = MethodText(name, Source(f"{name}.4dm", body), {})
    src = Source("bench.4dm", text)
    code = rt.interp.compile_unit("bench", parse_source(src), src)
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    rc = execute(rt, code, [], Streams(out, err))
    elapsed = time.perf_counter() - start
    if rc != 0:
        raise RuntimeError(f"benchmark script failed: {err.getvalue()}")
    return elapsed


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


def measure(quick: bool = False) -> dict[str, Any]:
    """Every figure of this benchmark, as a dict."""
    n = 20000 if quick else 200000
    per = 2000 if quick else 20000
    return {
        "uncontended": uncontended_pair(n),
        "contended": [contended(p, per // p * 2) for p in (1, 2, 4, 8)],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes")
    args = ap.parse_args(argv)
    res = measure(args.quick)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
