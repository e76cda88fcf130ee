"""Tokenize 4D code the way 4D saves it in a project's `.4dm` files.

4D stores each command as `Name:Cnnn` (`String:C10`), each constant as `Name:Kx:y`
(`Is text:K8:3`), the class stores as `cs:C1710` and `4D:C1709` (also in types:
`var $f : 4D:C1709.File`), and tables and fields with their numbers (`[Table:2]Field:3`).

The transformation works on the parser's own token stream (Lark's interactive parser over
mini4d's grammar and lexer): each name token that the registry knows as a command or a
constant is rewritten, nothing is guessed from the text. Comments, strings and names that
are not built in (methods, variables, properties) are kept byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from lark import Token
from lark.exceptions import UnexpectedInput
from mini4d.build import set_build_source
from mini4d.errors import Syntax4DError
from mini4d.parser import get_parser
from mini4d.prepass import prepare
from mini4d.registry import REGISTRY, norm
from mini4d.source import Source, Span

# Table name -> (table number, field name -> field number); names compare ignoring case.
Catalog = Mapping[str, tuple[int, Mapping[str, int]]]

_NAME_TOKENS = ("BUILTIN", "NAME", "DIGIT_NAME")
_STORES = {"cs": "cs:C1710", "4d": "4D:C1709"}
_BRACKETED = re.compile(r"\[(\s*)([^\W\d][\w ]*?)(\s*)\]$")
_TABLE = re.compile(r"\[([^\]:]+)\]([^:]*)$")


def token_stream(text: str, name: str = "<code>") -> Iterator[Token]:
    """The tokens the parser reads for `text` (offsets into `text`); a syntax error is raised."""
    source = Source(name, text)
    prepared = prepare(source)
    if not prepared.endswith("\n"):
        prepared += "\n"
    parser = get_parser()
    set_build_source(source)  # the parse builds nodes as it goes (they may raise syntax errors)
    try:
        interactive = parser.parse_interactive(prepared)
        yield from interactive.iter_parse()
        interactive.feed_eof()
    except UnexpectedInput as exc:
        pos = max(0, min(getattr(exc, "pos_in_stream", None) or 0, len(text)))
        raise Syntax4DError(str(exc).split("\n")[0], Span(source, pos, pos + 1)) from None
    finally:
        set_build_source(None)


def builtin_token(written: str) -> str | None:
    """`Name:Cnnn` or `Name:Kx:y` for a command or constant name as written; None for other names."""
    key = norm(written)
    info = REGISTRY.by_key.get(key)
    if info is not None and info.number > 0:
        return f"{info.name}:C{info.number}"
    if info is None:
        cinfo = REGISTRY.constants.get(key)
        if cinfo is not None and cinfo.token:
            return f"{cinfo.name}:{cinfo.token}"
    return None


def _type_token(written: str) -> str | None:
    store, dot, rest = written.partition(".")
    token = _STORES.get(store.lower()) if dot else None
    return f"{token}.{rest}" if token else None


def _table_token(written: str, catalog: Catalog | None) -> str | None:
    m = _BRACKETED.match(written)
    if m is not None and (norm(m.group(2)) in REGISTRY.by_key or norm(m.group(2)) in REGISTRY.constants):
        # `[New collection]`: a collection literal holding a command or constant
        inner = builtin_token(m.group(2))
        return f"[{m.group(1)}{inner}{m.group(3)}]" if inner else None
    m = _TABLE.match(written)
    if m is None or catalog is None:
        return None  # already tokenized, or no catalog to give the numbers
    tables = {k.lower(): v for k, v in catalog.items()}
    found = tables.get(m.group(1).strip().lower())
    if found is None:
        return None
    number, fields = found
    out = f"[{m.group(1)}:{number}]"
    if m.group(2):
        fnum = {k.lower(): v for k, v in fields.items()}.get(m.group(2).strip().lower())
        if fnum is None:
            return None
        out += f"{m.group(2)}:{fnum}"
    return out


def replacements(text: str, catalog: Catalog | None = None, partial: bool = False) -> list[tuple[int, int, str]]:
    """(start, end, new text) for each token of `text` that 4D stores tokenized.

    With `partial`, a syntax error ends the list instead of being raised: the tokens read
    before it are kept.
    """
    out: list[tuple[int, int, str]] = []
    try:
        for tok in token_stream(text):
            kind = tok.type
            if kind in _NAME_TOKENS:
                new = builtin_token(tok.value)
            elif kind == "TYPE":
                new = _type_token(tok.value)
            elif kind == "TABLE":
                new = _table_token(tok.value, catalog)
            else:
                continue
            if new is not None and new != tok.value:
                out.append((tok.start_pos, tok.end_pos, new))
    except Syntax4DError:
        if not partial:
            raise
    return out


def tokenize(text: str, catalog: Catalog | None = None, partial: bool = False) -> str:
    """`text` as 4D saves it: commands, constants, class stores (and tables with a catalog) tokenized."""
    parts: list[str] = []
    pos = 0
    for start, end, new in replacements(text, catalog, partial):
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def tokenize_tree(src: Path, dst: Path, catalog: Catalog | None = None) -> list[Path]:
    """Copy the folder `src` to `dst` with every `.4dm` file tokenized; the files changed.

    A file that does not parse raises its syntax error (nothing is left untokenized silently).
    """
    import shutil

    shutil.copytree(src, dst, dirs_exist_ok=True)
    changed = []
    for path in sorted(dst.rglob("*.4dm")):
        text = path.read_text(encoding="utf-8")
        new = tokenize(text, catalog)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed
