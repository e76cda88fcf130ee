"""Limits that keep deep or huge inputs a clear 4D error instead of a crash."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

# Stack size of the threads that run 4D code (processes, the REPL's worker): deep recursion in
# 4D code and in the compiler needs more than the platform default.
THREAD_STACK = 256 * 1024 * 1024

# Python frames allowed while parsing and compiling one method. Deeply nested code
# (4D itself allows 512 levels of control structures) needs more than Python's
# default of 1000; past this, the user gets "nested too deeply".
RECURSION_ROOM = 20_000

# The largest method text mini4d parses, in characters. Parsing and compiling take time and
# memory in proportion to the text (about 1.3 KB of memory per statement for the shortest
# statements, see `python3 -m bench large`); past this, a clear error instead of gigabytes.
MAX_METHOD_CHARS = 10_000_000

# Method texts longer than this are parsed at each run rather than stored in the user cache:
# loading a large parsed tree is hardly faster than parsing it, and storing it costs more.
MAX_CACHED_CHARS = 1_000_000


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


_paused = 0
_pause_lock = threading.Lock()
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a method text is parsed or compiled.

    Both make many objects and almost no reference cycles: the collector would only scan the
    growing tree again and again (about half of the time of compiling a large method). Nested
    and concurrent uses count: the collector is back on when the last one ends, if it was on.
    """
    global _paused, _was_enabled
    with _pause_lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _pause_lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
