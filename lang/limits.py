"""Limits that keep deep or huge inputs a clear 4D error instead of a crash."""

from __future__ import annotations

import sys

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
