"""Source texts and positions: what a span points at, in words a user can read."""

from __future__ import annotations

import bisect
from typing import Any

__all__ = ["Source", "Span", "decode_source", "SourceDecodeError"]


class SourceDecodeError(Exception):
    """Raised when a file is not valid UTF-8 text; carries the byte offset."""

    def __init__(self, offset: int, reason: str):
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


def decode_source(data: bytes) -> str:
    """Decode a .4dm file: UTF-8 (BOM allowed), line endings normalised to LF.

    4D writes UTF-8 method files; CRLF and bare CR endings come from other editors.
    """
    if b"\x00" in data[:8192]:
        raise SourceDecodeError(data.index(b"\x00"), "binary data (NUL byte), not 4D source text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceDecodeError(exc.start, f"invalid UTF-8 byte 0x{data[exc.start]:02X}") from None
    return normalize_newlines(text)


def normalize_newlines(text: str) -> str:
    """CRLF and bare CR become LF; a leading BOM is dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class Source:
    """One text being run: a file, a `-c` string, a REPL entry or a formula."""

    __slots__ = ("name", "text", "path", "_lines", "_starts")

    def __init__(self, name: str, text: str, path: str | None = None):
        self.name = name
        self.text = text
        self.path = path
        self._starts: list[int] | None = None
        self._lines: list[str] | None = None

    def _index(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            find = self.text.find
            pos = find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._starts = starts
        return self._starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        starts = self._index()
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its newline."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""

    def __repr__(self) -> str:
        return f"Source({self.name!r})"


class Span:
    """A range of characters [start, end) in a Source.

    Frozen and compared by value, as `@dataclass(frozen=True, slots=True)` would make it
    (written out: importing dataclasses is a good part of mini4d's start-up time).
    """

    __slots__ = ("source", "start", "end")
    __match_args__ = ("source", "start", "end")
    source: Source
    start: int
    end: int

    def __init__(self, source: Source, start: int, end: int):
        _set_source(self, source)
        _set_start(self, start)
        _set_end(self, end)

    def __setattr__(self, name: str, value: Any) -> None:
        import dataclasses

        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    __delattr__ = __setattr__

    def __eq__(self, other: object) -> bool:
        if other.__class__ is Span:
            return (self.source, self.start, self.end) == (other.source, other.start, other.end)  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.source, self.start, self.end))

    def __reduce__(self) -> tuple[Any, ...]:
        return Span, (self.source, self.start, self.end)

    @property
    def line(self) -> int:
        return self.source.line_col(self.start)[0]

    @property
    def col(self) -> int:
        return self.source.line_col(self.start)[1]

    def text(self) -> str:
        return self.source.text[self.start : self.end]

    def where(self) -> str:
        line, col = self.source.line_col(self.start)
        return f"{self.source.name}:{line}:{col}"

    def __repr__(self) -> str:
        return f"Span({self.where()})"


_set_source = Span.source.__set__  # type: ignore[attr-defined]
_set_start = Span.start.__set__  # type: ignore[attr-defined]
_set_end = Span.end.__set__  # type: ignore[attr-defined]
