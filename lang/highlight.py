"""A Pygments lexer for 4D code (`pygmentize -l 4d file.4dm`); the REPL highlights with it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pygments.lexer import RegexLexer, bygroups, include
from pygments.token import (
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

__all__ = ["FourDLexer", "builtin_kind"]

_END = r"(?![\w$])"
_KEYWORDS = [
    r"end[ \t]*for[ \t]+each",
    r"for[ \t]+each",
    r"end[ \t]*if",
    r"end[ \t]*case",
    r"case[ \t]+of",
    r"end[ \t]*while",
    r"end[ \t]*for",
    r"end[ \t]*use",
    r"end[ \t]*try",
    r"if",
    r"else",
    r"while",
    r"repeat",
    r"until",
    r"for",
    r"use(?![ \t]*[^\W\d])",  # `Use ($o)`; `USE SET` is a command
    r"try",
    r"catch",
    r"return",
    r"break",
    r"continue",
]
_DECLARATIONS = [
    r"#declare",
    r"var(?=[ \t]+[$\w])",
    r"class[ \t]+extends",
    r"class[ \t]+constructor",
    r"(?:(?:shared|singleton|session|local|exposed|server)[ \t]+)+(?=function|class[ \t]+constructor)",
    r"function",
    r"(?:get|set)(?=[ \t]+[\w$])(?<=function[ \t]get|function[ \t]set)",
    r"property(?=[ \t]+[\w$])",
]
_TYPES = (
    r"(?:text|integer|real|boolean|date|time|object|collection|variant|pointer|picture|blob|longint"
    r"|(?:cs|4D)(?:\.[^\W\d]\w*)+)"
)
_TOKEN_PREFIX = r"(?!(?:return|if|while|until|use|for|case[ \t]+of|var)[ \t])[^\W\d](?:\w| (?=\w))*"
_WORDS = re.compile(r"[^\W\d]\w*")

_names: tuple[frozenset[str], frozenset[str], int] | None = None


def _known() -> tuple[frozenset[str], frozenset[str], int]:
    """(command keys, constant keys, most words in one name) from the registry, loaded once."""
    global _names
    if _names is None:
        from .registry import REGISTRY

        REGISTRY.ensure_loaded()
        commands = frozenset(REGISTRY.by_key)
        constants = frozenset(REGISTRY.constants)
        longest = max((k.count(" ") + 1 for k in commands | constants), default=1)
        _names = (commands, constants, longest)
    return _names


def builtin_kind(name: str) -> str | None:
    """`command`, `constant` or None for a name (case and runs of spaces ignored)."""
    from .registry import norm

    commands, constants, _ = _known()
    key = norm(name)
    if key in commands:
        return "command"
    if key in constants:
        return "constant"
    return None


def _word_run(lexer: Any, match: re.Match[str]) -> Iterator[tuple[int, Any, str]]:
    """Split a run of words into the longest command and constant names it holds; the rest are names."""
    from .registry import norm

    commands, constants, longest = _known()
    text = match.group()
    base = match.start()
    words = [(m.start(), m.end()) for m in _WORDS.finditer(text)]
    i = 0
    pending: int | None = None  # start of a run of unknown words (a method or variable name)
    pending_end = 0
    pos = 0
    while i < len(words):
        found = None
        for j in range(min(len(words), i + longest), i, -1):
            key = norm(" ".join(text[s:e] for s, e in words[i:j]))
            if key in commands:
                found = (j, Name.Builtin)
                break
            if key in constants:
                found = (j, Name.Constant)
                break
        if found is None:
            if pending is None:
                if words[i][0] > pos:
                    yield base + pos, Whitespace, text[pos : words[i][0]]
                pending = words[i][0]
            pending_end = words[i][1]
            pos = pending_end
            i += 1
            continue
        if pending is not None:
            yield base + pending, Name, text[pending:pending_end]
            pending = None
        start = words[i][0]
        if start > pos:
            yield base + pos, Whitespace, text[pos:start]
        j, token = found
        end = words[j - 1][1]
        yield base + start, token, text[start:end]
        pos = end
        i = j
    if pending is not None:
        yield base + pending, Name, text[pending:pending_end]
    if pos < len(text):
        yield base + pos, Whitespace, text[pos:]


class FourDLexer(RegexLexer):
    """4D language (`.4dm` method and class files)."""

    name = "4D"
    aliases = ["4d", "4dm"]
    filenames = ["*.4dm"]
    mimetypes = ["text/x-4d"]
    url = "https://developer.4d.com/docs/"
    flags = re.IGNORECASE | re.MULTILINE | re.UNICODE

    tokens = {
        "root": [
            (r"[ \t\f\v]+", Whitespace),
            (r"\n", Whitespace),
            (r"//.*?$", Comment.Single),
            (r"/\*", Comment.Multiline, "comment"),
            (r"\\(?=[ \t]*$)", Punctuation),  # line continuation
            (r'"', String.Double, "string"),
            (r"![0-9]{1,5}[-/.][0-9]{1,2}[-/.][0-9]{1,5}!", Literal.Date),
            (r"\?[0-9]+:[0-9]{1,2}(?::[0-9]{1,2})?\?", Literal.Date),
            (r"begin[ \t]+sql" + _END, Keyword, "sql"),
            (r"\$\{", Name.Variable),
            (r"\$[\w]+", Name.Variable),
            (r"(?:<>|\u25ca)[^\W\d]\w*", Name.Variable.Global),
            (r"(" + "|".join(_DECLARATIONS) + r")" + _END, Keyword.Declaration),
            (r"(" + "|".join(_KEYWORDS) + r")" + _END, Keyword),
            (r"(:)([ \t]*)(" + _TYPES + r")" + _END, bygroups(Punctuation, Whitespace, Keyword.Type)),
            (r"(->)([ \t]*)(\$[\w]+)", bygroups(Operator, Whitespace, Name.Variable)),
            (_TOKEN_PREFIX + r":C\d+" + _END, Name.Builtin),
            (_TOKEN_PREFIX + r":K\d+:\d+" + _END, Name.Constant),
            (_TOKEN_PREFIX + r":P\d+:\d+" + _END, Name.Builtin),
            (r"(cs|4D)(?=\.)", Name.Namespace),
            (r"\[[^\W\d][\w ]*(?::\d+)?\](?:[^\W\d]\w*(?::\d+)?)?", Name.Class),  # [Table]Field
            include("numbers"),
            (r"(\.)([^\W\d$][\w$]*)(?=[ \t]*\()", bygroups(Punctuation, Name.Function)),
            (r"(\.)([^\W\d$][\w$]*|\$[\w$]*)", bygroups(Punctuation, Name.Attribute)),
            (r"[^\W\d]\w*(?:[ \t]+[^\W\d]\w*)*", _word_run),
            (r":=|[-+*/]=|->|&&|\|\||<=|>=|<<|>>|\^\||\?\+|\?-|\?\?|[-+*/\\%^=#<>&|?]", Operator),
            (r"[()\[\]{};:.]", Punctuation),
            (r"\.\.\.", Punctuation),
        ],
        "numbers": [
            (r"0x[0-9a-f]+", Number.Hex),
            (r"(?:\d+\.\d*|\.\d+)(?:e[+-]?\d+)?|\d+e[+-]?\d+", Number.Float),
            (r"\d+", Number.Integer),
        ],
        "comment": [
            (r"/\*", Comment.Multiline, "#push"),
            (r"\*/", Comment.Multiline, "#pop"),
            (r"[^/*]+", Comment.Multiline),
            (r"[/*]", Comment.Multiline),
        ],
        "string": [
            (r'\\["\\nrt]', String.Escape),
            (r"\\.", String.Escape),
            (r'[^"\\\n]+', String.Double),
            (r'"', String.Double, "#pop"),
            (r"\n", Text, "#pop"),  # 4D texts never span lines
        ],
        "sql": [
            (r"(end[ \t]+sql)" + _END, Keyword, "#pop"),
            (r"[^e\n]+|e|\n", String.Other),
        ],
    }

    def analyse_text(text: str) -> float:  # type: ignore[override]
        """Guess 4D from typical words (used by `pygmentize -g`)."""
        score = 0.0
        if re.search(r"^\s*End if\b|^\s*Case of\b|^\s*End for each\b", text, re.IGNORECASE | re.MULTILINE):
            score += 0.3
        if re.search(r"\$\w+\s*:=", text):
            score += 0.2
        if "#DECLARE" in text.upper():
            score += 0.3
        return min(score, 1.0)
