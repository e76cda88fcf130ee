"""Logic shared by the REPL and the notebook kernel: is an entry complete, what completes a word."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "KEYWORDS",
    "TYPE_NAMES",
    "Completion",
    "CompletionContext",
    "complete",
    "indent_for",
    "is_complete",
    "join_open_lines",
]

COMPLETE = "complete"
INCOMPLETE = "incomplete"
INVALID = "invalid"

_W = r"(?![\w$])"
# (opener, closer, name) of every 4D block; a block opener or closer is the first word of its line.
_BLOCKS: list[tuple[re.Pattern[str], re.Pattern[str], str]] = [
    (re.compile(r"if" + _W, re.IGNORECASE), re.compile(r"end[ \t]*if" + _W, re.IGNORECASE), "If"),
    (re.compile(r"case[ \t]+of" + _W, re.IGNORECASE), re.compile(r"end[ \t]*case" + _W, re.IGNORECASE), "Case of"),
    (re.compile(r"while" + _W, re.IGNORECASE), re.compile(r"end[ \t]*while" + _W, re.IGNORECASE), "While"),
    (re.compile(r"repeat" + _W, re.IGNORECASE), re.compile(r"until" + _W, re.IGNORECASE), "Repeat"),
    (
        re.compile(r"for[ \t]+each" + _W, re.IGNORECASE),
        re.compile(r"end[ \t]*for[ \t]+each" + _W, re.IGNORECASE),
        "For each",
    ),
    (
        re.compile(r"for" + _W, re.IGNORECASE),
        re.compile(r"end[ \t]*for" + _W + r"(?![ \t]+each)", re.IGNORECASE),
        "For",
    ),
    # `Use ($o)` opens a block; `USE SET(...)` is a command.
    (
        re.compile(r"use" + _W + r"(?![ \t]*[^\W\d])", re.IGNORECASE),
        re.compile(r"end[ \t]*use" + _W, re.IGNORECASE),
        "Use",
    ),
    # `Try` alone opens a block; `Try(expr)` is an expression.
    (re.compile(r"try[ \t]*$", re.IGNORECASE), re.compile(r"end[ \t]*try" + _W, re.IGNORECASE), "Try"),
]
_SQL_OPEN = re.compile(r"begin[ \t]+sql" + _W, re.IGNORECASE)
_SQL_CLOSE = re.compile(r"end[ \t]+sql" + _W, re.IGNORECASE)
_CLOSERS = re.compile(r"end[ \t]*(if|case|while|for|use|try)" + _W + r"|until" + _W, re.IGNORECASE)
_OPENERS = {"(": ")", "[": "]", "{": "}"}


def _clean(text: str) -> tuple[str, int, bool, bool]:
    """Text with strings and comments blanked; (clean text, bracket depth, open comment, continued).

    The depth is -1 when a bracket closes too much or a text literal is left open (4D texts
    never span lines): the entry cannot become valid by adding lines.
    """
    out: list[str] = []
    depth = 0
    comment = 0
    i = 0
    n = len(text)
    negative = False
    while i < n:
        c = text[i]
        two = text[i : i + 2]
        if comment:
            if two == "/*":
                comment += 1
                out.append("  ")
                i += 2
            elif two == "*/":
                comment -= 1
                out.append("  ")
                i += 2
            else:
                out.append("\n" if c == "\n" else " ")
                i += 1
            continue
        if two == "/*":
            comment = 1
            out.append("  ")
            i += 2
        elif two == "//":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] not in '"\n':
                j += 2 if text[j] == "\\" else 1
            if j < n and text[j] == '"':
                j += 1
            else:
                negative = True
            out.append(" " * (j - i))
            i = j
        else:
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth -= 1
                negative = negative or depth < 0
            out.append(c)
            i += 1
    clean = "".join(out)
    continued = bool(re.search(r"\\[ \t]*$", clean.rstrip("\n") if not clean.endswith("\n") else clean[:-1]))
    return clean, (-1 if negative else depth), comment > 0, continued


def _block_stack(clean: str) -> tuple[list[str], bool]:
    """Open blocks at the end of the cleaned text, and whether a closer did not match."""
    stack: list[int] = []
    in_sql = False
    depth = 0
    for line in clean.split("\n"):
        stripped = line.strip()
        line_depth = depth
        depth += sum(1 for c in line if c in "([{") - sum(1 for c in line if c in ")]}")
        if not stripped or line_depth > 0:
            continue
        if in_sql:
            if _SQL_CLOSE.match(stripped):
                in_sql = False
            continue
        if _SQL_OPEN.match(stripped):
            in_sql = True
            continue
        for kind, (opener, closer, _name) in enumerate(_BLOCKS):
            if closer.match(stripped):
                if not stack or stack[-1] != kind:
                    return [_BLOCKS[k][2] for k in stack], True
                stack.pop()
                break
            if opener.match(stripped):
                stack.append(kind)
                break
    names = [_BLOCKS[k][2] for k in stack]
    if in_sql:
        names.append("Begin SQL")
    return names, False


def is_complete(text: str) -> str:
    """`complete`, `incomplete` (a block, bracket, comment or `\\` line is still open) or `invalid`."""
    if not text.strip():
        return COMPLETE
    clean, depth, comment, continued = _clean(text)
    if depth < 0:
        return INVALID
    stack, mismatch = _block_stack(clean)
    if mismatch:
        return INVALID
    if comment or continued or depth > 0 or stack:
        return INCOMPLETE
    return COMPLETE


def join_open_lines(text: str) -> str:
    """End with a `\\` continuation every line left inside an open bracket, so the entry parses.

    4D itself continues a statement only after `\\`; the REPL also continues inside brackets.
    """
    clean, _depth, _comment, _continued = _clean(text)
    lines = text.split("\n")
    clean_lines = clean.split("\n")
    depth = 0
    for i, cl in enumerate(clean_lines[:-1]):
        depth += sum(1 for c in cl if c in "([{") - sum(1 for c in cl if c in ")]}")
        if depth > 0 and not cl.rstrip().endswith("\\"):
            lines[i] += " \\"
    return "\n".join(lines)


def indent_for(text: str, unit: str = "  ") -> str:
    """Indentation for the next line of an incomplete entry: one unit per open block or bracket."""
    clean, depth, _comment, _continued = _clean(text)
    stack, _ = _block_stack(clean)
    return unit * (len(stack) + max(depth, 0))


# ------------------------------------------------------------------ completion

KEYWORDS = (
    "If", "Else", "End if", "Case of", "End case", "While", "End while", "Repeat", "Until",
    "For", "End for", "For each", "End for each", "Use", "End use", "Try", "Catch", "End try",
    "return", "break", "continue", "var", "Begin SQL", "End SQL",
)  # fmt: skip
TYPE_NAMES = (
    "Text", "Integer", "Real", "Boolean", "Date", "Time", "Object", "Collection", "Variant",
    "Pointer", "Picture", "Blob",
)  # fmt: skip

_MEMBER_RX = re.compile(r"((?:\$|<>)?[^\W\d][\w]*(?:\.[\w$]+|\[\d+\])*)\.([\w$]*)$")
_LOCAL_RX = re.compile(r"\$[\w]*$")
_INTER_RX = re.compile(r"<>[\w]*$")
_RUN_RX = re.compile(r"[^\W\d][\w \t]*$")
_SPACES = re.compile(r"[ \t]+")
_WORD_START = re.compile(r"(?<![\w])[^\W\d]")


@dataclass
class Completion:
    """Candidates replacing `text[start:cursor]`."""

    start: int
    matches: list[str] = field(default_factory=list)


@dataclass
class CompletionContext:
    """What is in scope: names of locals, process and interprocess variables, methods; a value lookup."""

    locals: list[str] = field(default_factory=list)
    process_vars: list[str] = field(default_factory=list)
    interprocess: list[str] = field(default_factory=list)
    methods: list[str] = field(default_factory=list)
    lookup: Callable[[str], Any] | None = None  # `$o`, `<>o` or `o` -> value (or None)


_builtins: tuple[int, list[str]] = (-1, [])


def _builtin_names() -> list[str]:
    """Implemented commands and constants with a value, as 4D prints them (cached while the registry is unchanged)."""
    global _builtins
    from .registry import REGISTRY

    REGISTRY.ensure_loaded()
    size = len(REGISTRY.by_key) + len(REGISTRY.constants)
    if _builtins[0] != size:
        names = {info.name for info in REGISTRY.by_key.values() if info.implemented and info.number != 0}
        names.update(c.name for c in REGISTRY.constants.values() if c.defined)
        _builtins = (size, sorted(names, key=str.lower))
    return _builtins[1]


def _member_names(value: Any) -> list[str]:
    from .registry import REGISTRY
    from .values import Coll, Obj

    if isinstance(value, Obj):
        return [k for k in value.keys() if isinstance(k, str)]
    if isinstance(value, Coll):
        return ["length", *sorted(REGISTRY.members.get("Collection", {}))]
    names = getattr(value, "property_names", None)
    if callable(names):
        try:
            return list(names())
        except Exception:  # noqa: BLE001 - completion must never fail
            return []
    return []


def _walk(value: Any, path: str) -> Any:
    """Follow `.prop` and `[n]` steps without calling anything."""
    from .values import Coll, Obj

    for m in re.finditer(r"\.([\w$]+)|\[(\d+)\]", path):
        if m.group(1) is not None:
            if not isinstance(value, Obj):
                return None
            value = value.get(m.group(1))
        else:
            if not isinstance(value, Coll):
                return None
            i = int(m.group(2))
            value = value[i] if i < len(value) else None
    return value


def _prefixed(names: list[str] | tuple[str, ...], prefix: str, fold: bool = True) -> list[str]:
    if not fold:
        return [name for name in names if name.startswith(prefix)]
    key = _SPACES.sub(" ", prefix.lower())
    return [name for name in names if name.lower().startswith(key) or _SPACES.sub(" ", name.lower()).startswith(key)]


def complete(text: str, cursor: int | None = None, ctx: CompletionContext | None = None) -> Completion:
    """Completions at `cursor` in `text`: object keys after `.`, locals after `$`, else names."""
    ctx = ctx or CompletionContext()
    cursor = len(text) if cursor is None else cursor
    before = text[:cursor]
    line = before[before.rfind("\n") + 1 :]
    m = _MEMBER_RX.search(line)
    if m and ctx.lookup is not None:
        base, prefix = m.group(1), m.group(2)
        root = re.match(r"(?:\$|<>)?[^\W\d][\w]*", base).group()  # type: ignore[union-attr]
        try:
            value = _walk(ctx.lookup(root), base[len(root) :])
        except Exception:  # noqa: BLE001 - completion must never fail
            value = None
        names = _member_names(value)
        found = [n for n in names if n.startswith(prefix)] or _prefixed(names, prefix)
        return Completion(cursor - len(prefix), sorted(dict.fromkeys(found), key=str.lower))
    m = _LOCAL_RX.search(line)
    if m:
        prefix = m.group()
        return Completion(cursor - len(prefix), sorted(_prefixed(ctx.locals, prefix) or [], key=str.lower))
    m = _INTER_RX.search(line)
    if m:
        prefix = m.group()
        names = ["<>" + n for n in ctx.interprocess]
        return Completion(cursor - len(prefix), sorted(_prefixed(names, prefix), key=str.lower))
    m = _RUN_RX.search(line)
    if not m:
        return Completion(cursor, [])
    run_start = m.start()
    run = m.group()
    head = line[:run_start].rstrip()
    wants_type = head.endswith(":") and not head.endswith("::")
    pools: list[str] = (
        list(TYPE_NAMES)
        if wants_type
        else [
            *KEYWORDS,
            *_builtin_names(),
            *ctx.process_vars,
            *ctx.methods,
        ]
    )
    # A name may hold spaces (`New shared object`): try the longest run of words first.
    for w in _WORD_START.finditer(run):
        prefix = run[w.start() :]
        found = _prefixed(pools, prefix)
        if found:
            return Completion(cursor - len(prefix), sorted(dict.fromkeys(found), key=str.lower))
    return Completion(cursor, [])
