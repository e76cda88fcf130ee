"""Long calls into C code (a regular expression match) that a stop request can still reach.

Ctrl-C, ABORT PROCESS BY ID and the end of a run set the process's `stop_requested`; the
interpreter checks it between statements and in its waits. A single call that runs in C for
a long time (a backtracking regular expression can take years) never reaches such a check,
and if it holds the GIL, not even the main thread's SIGINT handler can run. `run_interruptible`
runs such a call in time slices: `call(timeout)` must give up with TimeoutError after
`timeout` seconds (the `regex` module does, and releases the GIL while it matches).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import ERR_INTERRUPTED, FourDError
from .values import current_process

T = TypeVar("T")

# The first attempt runs on the calling thread; almost every call ends within it.
FIRST_SLICE = 0.05
# Then the call runs on a helper thread, in slices that double (each one starts over), while
# the calling thread checks for a stop request every POLL seconds. A call that is abandoned
# ends at the end of its slice: it never runs longer in the background than it already ran.
SECOND_SLICE = 0.25
POLL = 0.05


def run_interruptible(call: Callable[[float | None], T]) -> T:
    """`call(FIRST_SLICE)`, and if that times out, the same call where a stop request can end it (1006)."""
    try:
        return call(FIRST_SLICE)
    except TimeoutError:
        pass
    proc = current_process()
    abandoned = threading.Event()
    done = threading.Event()
    box: dict[str, Any] = {}

    def work() -> None:
        slice_ = SECOND_SLICE
        try:
            while not abandoned.is_set():
                try:
                    box["value"] = call(slice_)
                    return
                except TimeoutError:
                    slice_ *= 2
        except BaseException as exc:  # noqa: BLE001 - given back to the calling thread
            box["error"] = exc
        finally:
            done.set()

    helper = threading.Thread(target=work, name="mini4d long call", daemon=True)
    helper.start()
    try:
        while not done.wait(POLL):
            if proc is not None and proc.stop_requested is True:
                raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")
    finally:
        abandoned.set()
    if "error" in box:
        raise box["error"]
    return box["value"]


def stop_check() -> Callable[[], int]:
    """A function for the inner loop of a long command (a sort's comparison): 0, or error 1006 once a stop is asked."""
    proc = current_process()
    if proc is None:
        return lambda: 0

    def stop() -> int:
        if proc.stop_requested is True:
            raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")
        return 0

    return stop
