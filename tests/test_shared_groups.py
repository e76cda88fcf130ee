"""SharedGroup: nested Use is counted, a released group always reaches the next waiter."""

from __future__ import annotations

import threading

from mini4d.values import new_shared_group

HANG = 120.0  # seconds: only a hang (a lost wake-up) can take this long


class _Process:
    def __init__(self, number: int):
        self.number = number
        self.name = f"p{number}"
        self.state = 0
        self.stop_requested = False


def test_contended_nested_use_counts_exactly_and_leaves_the_group_free() -> None:
    g = new_shared_group()
    procs = [_Process(i + 1) for i in range(4)]
    total = {"n": 0}
    rounds = 3000

    def work(p: _Process) -> None:
        for _ in range(rounds):
            g.acquire(p)
            g.acquire(p)  # nested: counted, no lock
            assert g.held_by(p)
            total["n"] += 1
            g.release(p)
            assert g.held_by(p)  # still held once
            g.release(p)

    threads = [threading.Thread(target=work, args=(p,), daemon=True) for p in procs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(HANG)
    assert not any(t.is_alive() for t in threads), "a waiter was never woken"
    assert total["n"] == rounds * len(procs)
    assert (g.owner, g.count, g.waiters) == (None, 0, 0)


def test_release_by_another_process_changes_nothing() -> None:
    g = new_shared_group()
    p, q = _Process(1), _Process(2)
    g.acquire(p)
    g.release(q)
    assert g.held_by(p) and g.count == 1
    g.release(p)
    assert (g.owner, g.count) == (None, 0)
