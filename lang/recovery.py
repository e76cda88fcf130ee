"""Every syntax error of a text: the parse resumes at the next line after each error.

4D code is one statement per line, and every block keyword starts its own line, so the
parser can always start again at a line: `recover` drives Lark's interactive parser
(`Lark.parse_interactive`, `feed_token`, `copy`, `accepts`), keeps a copy of the parser
state after each end of line, and after an error goes back to the copy made before the
faulty line, puts in its place the smallest line of the same kind (`If 1`, `End if`, or
nothing for a plain statement), and lexes on from the next line. A faulty `If` line still
opens a block, so its `End if` is no second error; a closer that matches an enclosing
block closes the blocks inside it (the missing closers are the error); one that matches no
open block closes the innermost one (a misspelt closer); one with no block open is skipped.
The messages are those of a plain parse (lang/parser.py).
"""

from __future__ import annotations

import gc
import re
from typing import Any

from lark import Token
from lark.exceptions import UnexpectedInput

from .build import set_build_source
from .errors import Syntax4DError
from .limits import ensure_recursion_room
from .source import Source

__all__ = ["recover"]

# The kind of a line, from its first words (comments were blanked by the prepass).
_ROLES = [
    (re.compile(r"end\s*if(?![\w$])", re.I), "END_IF"),
    (re.compile(r"end\s*case(?![\w$])", re.I), "END_CASE"),
    (re.compile(r"end\s*while(?![\w$])", re.I), "END_WHILE"),
    (re.compile(r"end\s*for\s+each(?![\w$])", re.I), "END_FOR_EACH"),
    (re.compile(r"end\s*for(?![\w$])", re.I), "END_FOR"),
    (re.compile(r"end\s*use(?![\w$])", re.I), "END_USE"),
    (re.compile(r"end\s*try(?![\w$])", re.I), "END_TRY"),
    (re.compile(r"if(?![\w$])", re.I), "IF"),
    (re.compile(r"else(?![\w$])", re.I), "ELSE"),
    (re.compile(r"case\s+of(?![\w$])", re.I), "CASE_OF"),
    (re.compile(r":(?!=)"), "BRANCH"),
    (re.compile(r"while(?![\w$])", re.I), "WHILE"),
    (re.compile(r"repeat(?![\w$])", re.I), "REPEAT"),
    (re.compile(r"until(?![\w$])", re.I), "UNTIL"),
    (re.compile(r"for\s+each(?![\w$])", re.I), "FOR_EACH"),
    (re.compile(r"for(?![\w$])", re.I), "FOR"),
    (re.compile(r"use(?![\w$])(?!\s*[^\W\d])", re.I), "USE"),
    (re.compile(r"try\s*$", re.I), "TRY"),
    (re.compile(r"catch(?![\w$])", re.I), "CATCH"),
]

# The smallest valid line of each kind, as (terminal, text) pairs; the end of line is added.
_N = ("NUMBER", "1")
_SEQUENCES: dict[str, list[tuple[str, str]]] = {
    "IF": [("IF", "If"), _N],
    "ELSE": [("ELSE", "Else")],
    "END_IF": [("END_IF", "End if")],
    "CASE_OF": [("CASE_OF", "Case of")],
    "BRANCH": [("COLON", ":"), _N],
    "END_CASE": [("END_CASE", "End case")],
    "WHILE": [("WHILE", "While"), _N],
    "END_WHILE": [("END_WHILE", "End while")],
    "REPEAT": [("REPEAT", "Repeat")],
    "UNTIL": [("UNTIL", "Until"), _N],
    "FOR": [
        ("FOR", "For"),
        ("LPAR", "("),
        ("LOCAL", "$i"),
        ("SEMICOLON", ";"),
        _N,
        ("SEMICOLON", ";"),
        _N,
        ("RPAR", ")"),
    ],
    "END_FOR": [("END_FOR", "End for")],
    "FOR_EACH": [("FOR_EACH", "For each"), ("LPAR", "("), ("LOCAL", "$e"), ("SEMICOLON", ";"), _N, ("RPAR", ")")],
    "END_FOR_EACH": [("END_FOR_EACH", "End for each")],
    "USE": [("USE", "Use"), _N],
    "END_USE": [("END_USE", "End use")],
    "TRY": [("TRY", "Try")],
    "CATCH": [("CATCH", "Catch")],
    "END_TRY": [("END_TRY", "End try")],
}
# What closes the innermost open block, by the terminal the parser accepts there.
_CLOSERS = ("END_IF", "END_CASE", "END_WHILE", "UNTIL", "END_FOR", "END_FOR_EACH", "END_USE", "END_TRY")
_NEXT_LINE = re.compile(r"\n[\n\t \f\x0b]*")
MAX_ERRORS = 1000


def _role(text: str, start: int, end: int) -> str | None:
    line = text[start:end].lstrip(" \t\f\x0b")
    for rx, role in _ROLES:
        if rx.match(line):
            return role
    return None


class _Feeder:
    """Feeds tokens to an interactive parser and keeps a copy of its parser state after each end of line.

    Only the parser state is copied (its two stacks): the lexer is moved explicitly after an error.
    """

    def __init__(self, ip: Any) -> None:
        self.ip = ip
        self.snapshot = ip.parser_state.copy(deepcopy_values=False)

    def feed(self, tok: Token) -> None:
        self.ip.feed_token(tok)
        if tok.type == "_NL":
            self.snapshot = self.ip.parser_state.copy(deepcopy_values=False)

    def keep(self) -> None:
        """The current state is the one to come back to."""
        self.snapshot = self.ip.parser_state.copy(deepcopy_values=False)

    def restore(self) -> None:
        """Back to the state after the last end of line (the copy is kept for a later error)."""
        self.ip.parser_state = self.snapshot.copy(deepcopy_values=False)


def _tokens(role: str, at: Token) -> list[Token]:
    seq = [Token.new_borrow_pos(t, v, at) for t, v in _SEQUENCES[role]]
    seq.append(Token.new_borrow_pos("_NL", "\n", at))
    return seq


def _try_feed(ip: Any, tokens: list[Token]) -> bool:
    """Feed `tokens` to a copy of `ip`; True (and fed to `ip` itself) if all are accepted."""
    trial = ip.copy(deepcopy_values=False)
    try:
        for t in tokens:
            trial.feed_token(t)
    except Exception:  # noqa: BLE001 - not accepted here (or refused by the builder)
        return False
    for t in tokens:
        ip.feed_token(t)
    return True


def _close_to(ip: Any, role: str, at: Token) -> list[Token] | None:
    """The closers of the inner blocks that let `role` close an enclosing block, or None."""
    trial = ip.copy(deepcopy_values=False)
    inserted: list[Token] = []
    for _ in range(200):
        accepts = trial.accepts()
        if role in accepts:
            return inserted
        closer = next((c for c in _CLOSERS if c in accepts), None)
        if closer is None:
            return None
        seq = _tokens(closer, at)
        try:
            for t in seq:
                trial.feed_token(t)
        except Exception:  # noqa: BLE001
            return None
        inserted += seq
    return None


def _replace_line(feeder: _Feeder, role: str | None, at: Token) -> None:
    """Put the smallest line of the faulty line's kind in its place (nothing for a statement)."""
    if role is None:
        return
    ip = feeder.ip
    tokens = _tokens(role, at)
    if _try_feed(ip, tokens):
        feeder.keep()
        return
    if role in _CLOSERS:
        inner = _close_to(ip, role, at)
        if inner is not None and _try_feed(ip, inner + tokens):
            feeder.keep()
            return
        # no block of its kind is open: it closes the innermost block (a misspelt closer)
        innermost = next((c for c in _CLOSERS if c in ip.accepts()), None)
        if innermost is not None and _try_feed(ip, _tokens(innermost, at)):
            feeder.keep()
    # an opener or `Else` that cannot be here, a closer with no block open: the line is dropped


def _move_lexer(ip: Any, text: str, pos: int) -> None:
    """Make the lexer of `ip` go on at `pos` (the start of a line)."""
    ctr = ip.lexer_thread.state.line_ctr
    ctr.char_pos = pos
    ctr.line = text.count("\n", 0, pos) + 1
    ctr.line_start_pos = text.rfind("\n", 0, pos) + 1
    ctr.column = pos - ctr.line_start_pos + 1


def recover(source: Source, text: str) -> list[Syntax4DError]:
    """Every syntax error of the prepared `text` of `source`, at most one per line."""
    from .parser import BlockProblems, _friendly, _too_deep, get_parser

    blocks = BlockProblems(source, text)
    errors: list[Syntax4DError] = []
    seen_lines: set[int] = set()
    parser = get_parser()
    ensure_recursion_room()
    set_build_source(source)
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        feeder = _Feeder(parser.parse_interactive(text))
        resume_at = 0  # offset after which the last recovery resumed
        while len(errors) < MAX_ERRORS:
            tok: Token | None = None
            eof = False
            try:
                for tok in feeder.ip.lexer_thread.lex(feeder.ip.parser_state):
                    feeder.feed(tok)
                eof = True
                feeder.ip.feed_eof(tok)
                break
            except UnexpectedInput as exc:
                at_end = getattr(getattr(exc, "token", None), "type", None) == "$END"
                if at_end:
                    found = blocks.at_end() or [_friendly(exc, source, text, blocks)]
                else:
                    found = [_friendly(exc, source, text, blocks)]
                pos = _position(exc, tok, len(text))
            except Syntax4DError as exc:
                found = [blocks.refine(exc)]
                at_end = eof
                pos = tok.start_pos if tok is not None and tok.start_pos is not None else len(text)
            except RecursionError:
                found, at_end, pos = [_too_deep(source)], True, len(text)
            for err in found:
                line = err.span.line if err.span is not None else 0
                if line not in seen_lines:
                    seen_lines.add(line)
                    errors.append(err)
            if at_end or pos >= len(text):
                break
            line_start = text.rfind("\n", 0, pos) + 1
            m = _NEXT_LINE.search(text, pos)
            line_end, resume = (m.start(), m.end()) if m is not None else (len(text), len(text))
            if resume <= resume_at:
                break  # no progress: stop rather than loop
            resume_at = resume
            feeder.restore()
            here = tok if tok is not None else Token("_NL", "\n", pos, 1, 1)
            _replace_line(feeder, _role(text, line_start, line_end), here)
            _move_lexer(feeder.ip, text, resume)
    except RecursionError:
        errors.append(_too_deep(source))
    finally:
        if collecting:
            gc.enable()
        set_build_source(None)
    return errors


def _position(exc: UnexpectedInput, tok: Token | None, size: int) -> int:
    pos = getattr(exc, "pos_in_stream", None)
    if pos is None:
        t = getattr(exc, "token", None)
        pos = getattr(t, "start_pos", None)
    if pos is None and tok is not None:
        pos = tok.start_pos
    return size if pos is None or pos < 0 else pos
