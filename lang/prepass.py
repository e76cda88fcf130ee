"""Blank out comments and line continuations before lexing, keeping every offset.

4D block comments nest (`/* a /* b */ c */`), which no regular expression can lex,
and a `\\` at the end of a line joins the next line to the statement. Both are
replaced here by spaces of the same length, so positions reported by the parser
still point into the user's text.
"""

from __future__ import annotations

import re

from .errors import Syntax4DError
from .source import Source, Span

_INTEREST = re.compile(r'"|//|/\*|\\[ \t]*\n|^[ \t]*`', re.M)
_BLOCK = re.compile(r"/\*|\*/")
_STRING_BODY = re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*')


def _blank(chars: list[str], start: int, end: int, keep_newlines: bool = True) -> None:
    for i in range(start, end):
        c = chars[i]
        if c != "\n" or not keep_newlines:
            chars[i] = " "


def prepare(source: Source) -> str:
    """The text of `source` with comments and continuations turned into spaces."""
    text = source.text
    if "/" not in text and "\\" not in text and "`" not in text:
        return text
    chars: list[str] | None = None
    pos = 0
    n = len(text)
    search = _INTEREST.search
    while pos < n:
        m = search(text, pos)
        if m is None:
            break
        tok = m.group()
        start = m.start()
        if tok == '"':
            pos = _STRING_BODY.match(text, start + 1).end()
            if pos < n and text[pos] == '"':
                pos += 1
            continue
        if chars is None:
            chars = list(text)
        if tok == "//" or tok.endswith("`"):
            end = text.find("\n", start)
            if end < 0:
                end = n
            cstart = start if tok == "//" else m.end() - 1
            # A comment whose line ends with `\` goes on over the next line (4D joins the lines
            # first: a multi-line statement commented out by its first line is all comment).
            # Only a `\` that is the very last character: `// C:\ ` with a blank after it ends there.
            while end < n and end > cstart and text[end - 1] == "\\":
                nxt = text.find("\n", end + 1)
                end = n if nxt < 0 else nxt
            _blank(chars, cstart, end)
            # `\` then a comment: still a continuation (only blanks separate them).
            back = cstart - 1
            while back >= 0 and text[back] in " \t":
                back -= 1
            if tok == "//" and back >= 0 and text[back] == "\\" and end < n:
                _blank(chars, back, end + 1, keep_newlines=False)
            pos = end
        elif tok == "/*":
            depth = 1
            p = start + 2
            while depth:
                bm = _BLOCK.search(text, p)
                if bm is None:
                    raise Syntax4DError(
                        "Unclosed block comment: `/*` has no matching `*/`",
                        Span(source, start, start + 2),
                    )
                depth += 1 if bm.group() == "/*" else -1
                p = bm.end()
            _blank(chars, start, p)
            pos = p
        else:  # line continuation: `\` last on its line joins the next line
            _blank(chars, start, m.end(), keep_newlines=False)
            pos = m.end()
    return text if chars is None else "".join(chars)
