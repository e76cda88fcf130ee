"""SharedGroup: nested Use is counted, a released group always reaches the next waiter, one wake per hand-off."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from mini4d.errors import ERR_DEADLOCK, ERR_INTERRUPTED, FourDError
from mini4d.values import (
    SharedGroup,
    _merge_groups,
    _Sleeper,
    _waits,
    new_shared_group,
    set_current_process,
)

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


def _is_clean(g: SharedGroup) -> bool:
    """Free, nobody queued, no wake pending."""
    return (g.owner, g.count, g.waiters, g.woken, g.held.locked()) == (None, 0, 0, None, False)


def _wait_until(cond: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + HANG
    while not cond():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


def _count_round(g: SharedGroup, processes: int, increments: int) -> None:
    procs = [_Process(i + 1) for i in range(processes)]
    total = {"n": 0}

    def work(p: _Process) -> None:
        for _ in range(increments):
            g.acquire(p)
            g.acquire(p)
            total["n"] = total["n"] + 1  # a read and a write apart: lost updates would show
            g.release(p)
            g.release(p)

    threads = [threading.Thread(target=work, args=(p,), daemon=True) for p in procs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(HANG)
    assert not any(t.is_alive() for t in threads), "a waiter was never woken"
    assert total["n"] == processes * increments
    assert _is_clean(g)


def _count_rounds(processes: int, increments: int, rounds: int) -> None:
    g = new_shared_group()
    for _ in range(rounds):
        _count_round(g, processes, increments)


def test_8_processes_count_exactly_round_after_round() -> None:
    _count_rounds(8, 2000, 5)


@pytest.mark.slow
def test_8_processes_count_exactly_long() -> None:
    _count_rounds(8, 20000, 20)


def test_an_end_use_wakes_one_sleeper_and_no_other_until_it_runs() -> None:
    g = new_shared_group()
    p = _Process(1)
    sleepers = [_Sleeper() for _ in range(3)]
    for s in sleepers:  # three processes queued as _acquire_slow queues them
        s.queued = True
        g.sleepers.append(s)
    g.acquire(p)
    g.release(p)
    assert g.woken is sleepers[0] and not sleepers[0].queued
    assert not sleepers[0].wake.locked()  # its sleep is over
    for _ in range(5):  # the holder takes the group again before the woken one runs
        g.acquire(p)
        g.release(p)
    assert g.sleepers == sleepers[1:] and all(s.wake.locked() for s in sleepers[1:])
    g.woken = None  # the woken one ran and went back to sleep: the next End use wakes the next
    g.acquire(p)
    g.release(p)
    assert g.woken is sleepers[1] and g.sleepers == sleepers[2:]


def test_a_stop_request_ends_the_wait_of_a_blocked_process() -> None:
    g = new_shared_group()
    holder, blocked = _Process(1), _Process(2)
    g.acquire(holder)
    outcome: list[int] = []

    def wait_for_group() -> None:
        try:
            g.acquire(blocked)
        except FourDError as e:
            outcome.append(e.code)
        else:
            outcome.append(0)
            g.release(blocked)

    t = threading.Thread(target=wait_for_group, daemon=True)
    t.start()
    assert _wait_until(lambda: blocked.state == 4 and g.waiters == 1)
    blocked.stop_requested = True  # what Runtime.stop_all (Ctrl-C) sets
    t.join(HANG)
    assert not t.is_alive() and outcome == [ERR_INTERRUPTED]
    assert blocked.state == 0 and g.waiters == 0 and g.held_by(holder)
    g.release(holder)
    assert _is_clean(g)
    g.acquire(blocked)  # free again: taken at once
    g.release(blocked)


def _deadlock_round() -> None:
    a, b = new_shared_group(), new_shared_group()
    procs = [_Process(1), _Process(2)]
    barrier = threading.Barrier(2)
    outcome: dict[int, str] = {}

    def worker(i: int, mine: SharedGroup, wanted: SharedGroup) -> None:
        p = procs[i]
        mine.acquire(p)
        barrier.wait()
        try:
            wanted.acquire(p)
        except FourDError as e:
            outcome[i] = str(e.code)
            mine.release(p)
            return
        outcome[i] = "ok"
        wanted.release(p)
        mine.release(p)

    threads = [
        threading.Thread(target=worker, args=(0, a, b), daemon=True),
        threading.Thread(target=worker, args=(1, b, a), daemon=True),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(HANG)
    assert not any(t.is_alive() for t in threads), "deadlock not reported"
    assert sorted(outcome.values()) == [str(ERR_DEADLOCK), "ok"]
    assert _is_clean(a) and _is_clean(b)
    assert not any(p in _waits for p in procs)


def test_a_two_process_deadlock_is_reported_exactly_once_each_round() -> None:
    for _ in range(20):
        _deadlock_round()


def test_a_process_waiting_on_a_lone_value_waits_for_the_group_it_joins() -> None:
    lone, group = new_shared_group(), new_shared_group()
    p, q = _Process(1), _Process(2)
    lone.acquire(p)
    group.acquire(p)
    got = threading.Event()

    def waiter() -> None:
        lone.acquire(q)
        got.set()
        lone.release(q)

    t = threading.Thread(target=waiter, daemon=True)
    t.start()
    assert _wait_until(lambda: lone.waiters == 1)
    set_current_process(p)
    try:
        assert _merge_groups(lone, group, p)
    finally:
        set_current_process(None)
    assert lone.root() is group and lone.waiters == 0
    assert group.count == 2 and group.held_by(p) and lone.held_by(p)  # the Use of `lone` carried over
    assert _wait_until(lambda: group.waiters == 1)  # q now waits for the whole group
    group.release(p)
    assert not got.is_set() and group.held_by(p)
    lone.release(p)  # the last End use: the group goes to q
    assert got.wait(HANG)
    t.join(HANG)
    assert _is_clean(group) and _is_clean(lone) and lone.merged_into is group


def test_a_value_used_while_it_joins_a_new_group_keeps_its_use() -> None:
    """`Use ($v)` then `New shared object("a"; $v)`: the process holds the new group until `End use`."""
    lone, group = new_shared_group(), new_shared_group()
    p, q = _Process(1), _Process(2)
    lone.acquire(p)
    lone.acquire(p)
    assert _merge_groups(lone, group, p)
    assert group.held_by(p) and group.count == 2 and lone.held_by(p)
    lone.release(p)
    lone.release(p)
    assert _is_clean(group) and _is_clean(lone)
    group.acquire(q)  # free for others afterwards
    group.release(q)


def test_a_thread_without_a_process_holds_a_group_for_itself() -> None:
    g = new_shared_group()
    g.acquire(None)
    g.acquire(None)  # nested: counted
    assert g.held_by(None) and g.count == 2
    other: list[bool] = []
    t = threading.Thread(target=lambda: other.append(g.held_by(None) or g.held.acquire(False)))
    t.start()
    t.join(HANG)
    assert other == [False]  # another thread without a process neither holds it nor can take it
    g.release(None)
    g.release(None)
    assert _is_clean(g)
