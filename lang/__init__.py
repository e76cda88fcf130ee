"""mini4d: an interpreter for the 4D language.

From Python: `mini4d.run(code, *args)` runs 4D code and returns its result as a Python value;
`mini4d.Session(project)` keeps one 4D runtime between calls (see docs/guide.md). These names
are loaded on first use, so `import mini4d` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

_EMBED = ("run", "Session", "Error4D", "to_python", "from_python")


def __getattr__(name: str) -> object:
    if name in _EMBED:
        from . import embed

        return getattr(embed, name)
    raise AttributeError(f"module 'mini4d' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_EMBED])
