"""A dict and a list guarded by a re-entrant lock (twin of shared_use.4dm)."""

import threading


def main(n: int) -> None:
    o = {"count": 0, "sum": 0}
    o_lock = threading.RLock()
    c = []
    c_lock = threading.RLock()
    for i in range(1, n + 1):
        with o_lock:
            o["count"] = o["count"] + 1
            o["sum"] = o["sum"] + i % 13
        if i % 10 == 0:
            with c_lock:
                c.append(i)
    print(f"{o['count']} {o['sum']} {len(c)}")
