"""Limits that keep deep or huge inputs a clear 4D error instead of a crash."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

# Stack size of the threads that run 4D code (processes, the REPL's worker): deep recursion in
# 4D code and in the compiler needs more than the platform default.
THREAD_STACK = 256 * 1024 * 1024

# Python frames allowed while parsing and compiling one method. Deeply nested code
# (4D itself allows 512 levels of control structures) needs more than Python's
# default of 1000; past this, the user gets "nested too deeply".
RECURSION_ROOM = 20_000


def ensure_recursion_room(limit: int = RECURSION_ROOM) -> None:
    """Raise the interpreter's recursion limit to at least `limit` (never lowers it)."""
    if sys.getrecursionlimit() < limit:
        sys.setrecursionlimit(limit)


# Stacks tried, largest first, when the system refuses a thread with THREAD_STACK (a memory
# limit, `ulimit -v`, or too many threads already): a process on a smaller stack runs with
# proportionally fewer nested calls allowed (`depth_reserve`).
_STACK_FALLBACKS = (THREAD_STACK, THREAD_STACK // 4, THREAD_STACK // 16, 0)
_STACK_LOCK = threading.Lock()


def start_thread(target: Callable[[], Any], name: str) -> tuple[threading.Thread, int]:
    """Start a daemon thread that runs 4D code, on the deepest stack the system grants.

    Returns the thread and its stack size (0: the platform's default). When no thread can be
    started at all, raises error 90072 (a 4D error, not an internal one).
    """
    from .errors import ERR_THREADS, FourDError

    # threading.stack_size is global: one start at a time sets it, starts, restores.
    with _STACK_LOCK:
        old = threading.stack_size()
        try:
            for size in _STACK_FALLBACKS:
                try:
                    threading.stack_size(size)
                except (ValueError, RuntimeError):
                    continue
                thread = threading.Thread(target=target, name=name, daemon=True)
                try:
                    thread.start()
                except RuntimeError:  # "can't start new thread"
                    continue
                return thread, size
        finally:
            try:
                threading.stack_size(old)
            except (ValueError, RuntimeError):
                pass
    raise FourDError(
        ERR_THREADS,
        f"Cannot start {name}: the system refuses a new thread (memory or thread limit reached)",
    )


def depth_reserve(stack: int, max_depth: int) -> int:
    """The nested calls a thread on `stack` bytes must leave unused (its depth starts there)."""
    if stack == 0:
        stack = 8 * 1024 * 1024  # the usual default
    if stack >= THREAD_STACK:
        return 0
    return max_depth - max(50, max_depth * stack // THREAD_STACK)
