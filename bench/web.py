"""The `web` section of the benchmark: mini4d serve against a minimal app on the same server library.

Both servers run in their own process; this process is the client: C threads, each with one
keep-alive HTTP/1.1 connection (http.client), send requests for a fixed time. Reported per
request kind and concurrency: requests per second, median and 99th-percentile latency, and
mini4d's throughput as a share of the bare cheroot app's. The figures are reported, never
asserted (the client shares the machine's two cores with the server).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PROJECT = BENCH / "web_project"
REQUESTS = {
    "4DACTION hello": ("GET", "/4DACTION/hello", None, b"hello"),
    "REST function": ("POST", "/rest/$catalog/hello", b'["bench"]', b'{"result":"hello bench"}'),
}


def _start(cmd: list[str]) -> tuple[subprocess.Popen[str], int]:
    env = dict(os.environ)
    env.setdefault("MINI4D_CACHE_DIR", str(ROOT / ".bench-cache"))
    p = subprocess.Popen(cmd, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    assert p.stdout is not None
    line = p.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if m is None:
        p.kill()
        raise RuntimeError(f"the server did not start: {line!r}")
    return p, int(m.group(1))


def _stop(p: subprocess.Popen[str]) -> None:
    p.terminate()
    try:
        p.wait(10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def load(port: int, kind: str, clients: int, seconds: float) -> dict[str, Any]:
    """Requests per second and latencies of one request kind at a number of concurrent clients."""
    method, path, body, expected = REQUESTS[kind]
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Content-Type": "application/json"} if body else {}
        start.wait()
        mine = latencies[k]
        while time.perf_counter() < stop_at[0]:
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                r = conn.getresponse()
                data = r.read()
                if r.status != 200 or data != expected:
                    errors[k] += 1
            except (OSError, http.client.HTTPException):
                errors[k] += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - t0)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    t_begin = time.perf_counter()
    stop_at[0] = t_begin + seconds
    start.wait()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.perf_counter() - t_begin
    all_lat = sorted(x for lst in latencies for x in lst)
    n = len(all_lat)
    return {
        "requests": n,
        "errors": sum(errors),
        "req_s": n / elapsed if elapsed else 0.0,
        "p50_ms": statistics.median(all_lat) * 1000 if n else None,
        "p99_ms": all_lat[min(n - 1, int(n * 0.99))] * 1000 if n else None,
    }


def bench_web(quick: bool) -> dict[str, Any]:
    seconds = 2.0 if quick else 5.0
    servers = {
        "mini4d": [sys.executable, "-m", "mini4d", "serve", str(PROJECT), "--port", "0"],
        "cheroot app": [sys.executable, "-m", "bench.web_bare"],
    }
    results: dict[str, Any] = {"seconds": seconds, "runs": []}
    for name, cmd in servers.items():
        p, port = _start(cmd)
        try:
            for kind in REQUESTS:
                load(port, kind, 4, 0.5)  # warm-up: methods compiled, connections made
                for clients in (1, 50):
                    r = load(port, kind, clients, seconds)
                    r.update({"server": name, "kind": kind, "clients": clients})
                    results["runs"].append(r)
        finally:
            _stop(p)
    for r in results["runs"]:
        if r["server"] == "mini4d":
            ref = next(
                x
                for x in results["runs"]
                if x["server"] != "mini4d" and (x["kind"], x["clients"]) == (r["kind"], r["clients"])
            )
            r["share_of_bare"] = r["req_s"] / ref["req_s"] if ref["req_s"] else None
    return results


def report(results: dict[str, Any], out: Any) -> None:
    out.write(f"web ({results['seconds']:.0f} s per run; client and server share the machine):\n")
    head = f"  {'server':<12} {'request':<15} {'clients':>7} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7}"
    out.write(head + f" {'errors':>6} {'share':>6}\n")
    for r in results["runs"]:
        share = f"{r['share_of_bare']:.2f}" if r.get("share_of_bare") else ""
        out.write(
            f"  {r['server']:<12} {r['kind']:<15} {r['clients']:>7} {r['req_s']:>8.0f} "
            f"{r['p50_ms'] or 0:>7.2f} {r['p99_ms'] or 0:>7.2f} {r['errors']:>6} {share:>6}\n"
        )


if __name__ == "__main__":
    res = bench_web("--quick" in sys.argv)
    report(res, sys.stdout)
    if "--json" in sys.argv:
        print(json.dumps(res, indent=2))
