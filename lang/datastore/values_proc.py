"""The process running on this thread (or the runtime's main process outside any 4D process)."""

from __future__ import annotations

from typing import Any

from ..values import current_process


def running_process(runtime: Any) -> Any:
    p = current_process()
    return p if p is not None and getattr(p, "runtime", None) is runtime else runtime.main
