"""Limits that keep deep or huge inputs a clear 4D error instead of a crash."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

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
