"""Tokenized names as 4D stores them (`String:C10`, `Is text:K8:3`, `[Table:2]Field:3`), shown as 4D shows them.

4D saves each command, constant and field with its number; its code editor, `METHOD GET CODE`
and the `Error formula` of an error handler show the plain names, the current name of each
number (a command renamed since the code was saved shows its new name). The token forms are
the terminals TOKCMD, TOKCONST, TOKPLUGIN and TABLE of lang/grammar.lark, read from there (one
definition of each form) without loading the parser.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .registry import REGISTRY, norm

_GRAMMAR = Path(__file__).with_name("grammar.lark")
_NUMBER_SUFFIX = re.compile(r"^(.*?):(?:C(\d+)|(K\d+:\d+)|P\d+:\d+)$", re.I | re.S)
_TABLE_PARTS = re.compile(r"(\[[^\]:]*)(?::\d+)?(\])([^:]*)(?::\d+)?$")


def _terminal(name: str) -> str:
    """The regular expression of a terminal of the grammar, as a group (flags inline)."""
    m = re.search(rf"^{name}(?:\.\d+)?: /(.*)/(\w*)$", _GRAMMAR.read_text(encoding="utf-8"), re.M)
    if m is None:
        raise LookupError(f"terminal {name} not found in {_GRAMMAR.name}")
    return f"(?{m.group(2)}:{m.group(1)})" if m.group(2) else f"(?:{m.group(1)})"


@lru_cache(maxsize=1)
def _scanner() -> re.Pattern[str]:
    # strings and comments first: a token form inside them is text
    return re.compile(
        r'(?P<skip>"(?:[^"\\\n]|\\.)*"?|//[^\n]*|/\*[\s\S]*?(?:\*/|$))'
        rf"|(?P<name>{_terminal('TOKCMD')}|{_terminal('TOKCONST')}|{_terminal('TOKPLUGIN')})"
        rf"|(?P<table>{_terminal('TABLE')})"
        r"|(?P<word>[\w$]+)"
    )


def plain_code(code: str) -> str:
    """`code` with its tokenized names shown plain: `String:C10($n)` -> `String($n)`."""
    if ":" not in code:
        return code
    out: list[str] = []
    pos = 0
    for m in _scanner().finditer(code):
        if m.lastgroup == "name":
            out.append(code[pos : m.start()])
            out.append(_plain_name(m.group()))
            pos = m.end()
        elif m.lastgroup == "table":
            out.append(code[pos : m.start()])
            out.append(_TABLE_PARTS.sub(r"\1\2\3", m.group()))
            pos = m.end()
    out.append(code[pos:])
    return "".join(out)


def _plain_name(token: str) -> str:
    """`Name:C10` -> the name that means command 10 today; `Name:K8:3` -> the name of that constant."""
    m = _NUMBER_SUFFIX.match(token)
    if m is None:
        return token
    written, number, pair = m.group(1), m.group(2), m.group(3)
    names = REGISTRY.ensure_names()
    if number is not None:
        info = names.by_number.get(int(number))
        if info is not None:
            for name in (written, info.name, *info.aliases):  # one that reads back as this number
                found = names.by_key.get(norm(name))
                if found is not None and found.number == info.number:
                    return name
    elif pair is not None and norm(written) not in names.constants:
        cinfo = names.constants_by_token.get(pair.upper())
        if cinfo is not None:
            return cinfo.name
    return written
