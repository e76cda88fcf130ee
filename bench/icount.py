"""Instruction counts of the benchmark programs under valgrind (repeatable on a busy machine).

    python3 -m bench.icount fib:20:2 classes:5000:10      # NAME:N:N0 ...
    python3 -m bench.icount --run 4d fib 20               # one run, what valgrind measures

For each NAME:N:N0, the 4D program and its Python twin each run once with N and once with N0
under `valgrind --tool=callgrind`; the difference of the two counts is the cost of the work
between N0 and N (start-up, imports and compiling cancel out; a first run, not counted, writes
the bytecode caches of the modules). Parsed methods are not cached
during these runs (`MINI4D_CACHE_DIR` empty) so that both runs parse alike, and hash
randomisation is fixed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from . import run as R


def _one(kind: str, name: str, n: int) -> None:
    sys.setrecursionlimit(10000)
    path = R.PROGRAMS / f"{name}.4dm"
    if kind == "4d":
        _lines, err, _t = R.run_4d(path, n)
        if err:
            raise SystemExit(err)
    else:
        R.run_python(path.with_suffix(".py"), n)


def count(kind: str, name: str, n: int) -> int:
    """Machine instructions of one run (valgrind's `I refs`)."""
    env = dict(R._child_env(), PYTHONHASHSEED="0", MINI4D_CACHE_DIR="")
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
    cmd += ["-m", "bench.icount", "--run", kind, name, str(n)]
    p = subprocess.run(cmd, env=env, cwd=str(R.ROOT), capture_output=True, text=True)
    m = re.search(r"refs:\s*([\d,]+)", p.stderr)
    if p.returncode != 0 or m is None:
        raise SystemExit(f"valgrind failed for {kind} {name} {n}:\n{p.stderr[-2000:]}")
    return int(m.group(1).replace(",", ""))


def main(argv: list[str]) -> None:
    if argv[:1] == ["--run"]:
        _one(argv[1], argv[2], int(argv[3]))
        return
    specs = [spec.split(":") for spec in argv]
    if not specs or argv[0] in ("-h", "--help") or any(len(p) != 3 or not (p[1] + p[2]).isdigit() for p in specs):
        raise SystemExit((__doc__ or "").strip())
    for name, n, n0 in specs:
        if not (R.PROGRAMS / f"{name}.4dm").is_file():
            raise SystemExit(f"bench.icount: no program {name!r} in {R.PROGRAMS}")
        count("4d", name, int(n0))  # a first run may write bytecode caches: it is not counted
        four = count("4d", name, int(n)) - count("4d", name, int(n0))
        py = count("py", name, int(n)) - count("py", name, int(n0))
        print(f"{name:12} n={n}-{n0}  mini4d {four / 1e6:8.1f} M  python {py / 1e6:7.1f} M  ratio {four / py:5.1f}")
        sys.stdout.flush()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main(sys.argv[1:])
