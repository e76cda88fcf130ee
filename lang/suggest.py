"""Did-you-mean for unknown names: one implementation for runs, the REPL and `mini4d check`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache

from .registry import REGISTRY, norm

__all__ = ["did_you_mean", "unknown_name_message", "close_match"]


def close_match(name: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to `name` (difflib ratio 0.75 or more), if any."""
    found = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    return found[0] if found else None


@lru_cache(maxsize=4096)
def _builtin_hint(name: str) -> str:
    cands = REGISTRY.suggest(name)
    if cands and norm(cands[0]) != norm(name):
        return f'; did you mean "{cands[0]}"?'
    constant = close_match(norm(name), REGISTRY.ensure_names().constants)
    if constant is not None:
        return f'; did you mean the constant "{REGISTRY.constants[constant].name}"?'
    return ""


def did_you_mean(name: str, method_names: Iterable[str] = ()) -> str:
    """`; did you mean "ALERT"?` for an unknown name: a 4D command, else a constant, else a project method."""
    hint = _builtin_hint(name)
    if hint:
        return hint
    method = close_match(name.lower(), method_names)
    if method is not None:
        return f'; did you mean the method "{method}"?'
    return ""


def unknown_name_message(name: str, method_names: Iterable[str] = ()) -> str:
    """The message of error 90002: a name that is no variable, method or command of the project."""
    return f'Unknown variable, method or command "{name}"{did_you_mean(name, method_names)}'
