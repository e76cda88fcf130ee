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


# Python frames live on a per-thread "data stack" made of chunks; CPython (3.11 to at least 3.13)
# frees a chunk as soon as its first frame returns and maps a new one at the next call. Recursive
# 4D code whose Python frames go up and down across a chunk boundary (fib near depth 20) then
# pays a memory map, an unmap and page faults on every crossing: measured, twice the time of the
# whole program. A thread that runs 4D code therefore enters it through a function whose frame
# claims about 2 MB (a large stack size on a copy of its code, `CodeType.replace`): CPython puts
# that frame at the base of a 4 MB chunk that lives as long as the thread, and the frames of the
# 4D code use the rest of it (about 1.9 MB, some 12,000 Python frames) without any new chunk.
# The memory is reserved, not touched: pages are used only as deep as the code goes.
_HEADROOM_SLOTS = 262_200  # 8-byte slots: just over 2 MB, so the chunk is rounded up to 4 MB


def _enter(target: Callable[[], Any]) -> Any:
    return target()


_enter_with_headroom = type(_enter)(_enter.__code__.replace(co_stacksize=_HEADROOM_SLOTS), globals(), "_enter")


def with_headroom(target: Callable[[], Any]) -> Callable[[], Any]:
    """`target`, run with room for deep Python frames that CPython does not free on each return."""

    def run() -> Any:
        started = False

        def entered() -> Any:
            nonlocal started
            started = True
            return target()

        try:
            return _enter_with_headroom(entered)
        except MemoryError:
            if started:
                raise  # the target itself ran out of memory
        return target()  # the system refused the reservation: run without it

    return run


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
                thread = threading.Thread(target=with_headroom(target), name=name, daemon=True)
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
