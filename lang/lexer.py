"""The contextual lexer of the 4D grammar, with a lean scanning loop.

Lark's contextual lexer picks, for each parser state, a scanner that only knows the
terminals that state accepts (so `.` then `length` is a PROPNAME, `:` then `Text` a TYPE).
`FastContextualLexer` keeps those very scanners, so every token is the one Lark would make,
and only replaces the per-token loop: one regex `match` on the state's master pattern,
`lastgroup` for the type, positions counted inline. Anything unusual (no match, a scanner
split in several patterns) goes back to Lark's own loop, which raises Lark's own errors.
"""

from __future__ import annotations

from typing import Any, Iterator

from lark import Token
from lark.lexer import ContextualLexer

__all__ = ["FastContextualLexer"]

_new_token = Token._future_new  # Token(type, value, start_pos, line, column, end_line, end_column, end_pos)


_Plan = tuple[Any, dict[str, Any], frozenset[str], frozenset[str]]


class _Plans(dict):
    """Parser state -> (match, callbacks, ignored types, types that may hold a newline), made on first use."""

    def __init__(self, lexers: dict[int, Any]) -> None:
        super().__init__()
        self.lexers = lexers

    def __missing__(self, state: int) -> _Plan | None:
        lexer = self.lexers[state]
        mres = lexer.scanner._mres  # builds the scanner and its callbacks on first use
        plan = None
        if len(mres) == 1:  # Python's 100-group limit can split a scanner: Lark's loop handles that
            plan = (mres[0].match, lexer.callback, lexer.ignore_types, lexer.newline_types)
        self[state] = plan
        return plan


class FastContextualLexer(ContextualLexer):
    """Same scanners and tokens as Lark's `ContextualLexer`, fewer steps per token."""

    def __init__(self, conf: Any, states: Any, always_accept: Any = ()) -> None:
        super().__init__(conf, states, always_accept)
        self._plans = _Plans(self.lexers)


    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        text_slice = lexer_state.text
        text = getattr(text_slice, "text", text_slice)  # a TextSlice since Lark 1.2, a str before
        end = getattr(text_slice, "end", len(text))
        if not isinstance(text, str):
            yield from super().lex(lexer_state, parser_state)
            return
        ctr = lexer_state.line_ctr
        pos, line, line_start = ctr.char_pos, ctr.line, ctr.line_start_pos
        stack = parser_state.state_stack  # the parser's current state is stack[-1]
        plans = self._plans
        tok = lexer_state.last_token
        while pos < end:
            state = stack[-1]
            plan = plans[state]
            m = plan[0](text, pos, end) if plan is not None else None
            if m is None:
                break  # Lark's loop raises the error (or lexes what this loop does not handle)
            _, callbacks, ignore, newline_types = plan
            type_ = m.lastgroup
            value = m.group()
            start = pos
            pos = m.end()
            col = start - line_start + 1
            if type_ in newline_types and "\n" in value:
                line0 = line
                line += value.count("\n")
                line_start = start + value.rindex("\n") + 1
                if type_ in ignore:
                    continue
                t = _new_token(type_, value, start, line0, col, line, pos - line_start + 1, pos)
            elif type_ in ignore:
                continue
            else:
                t = _new_token(type_, value, start, line, col, line, pos - line_start + 1, pos)
            if type_ in callbacks:
                t = callbacks[type_](t)
            tok = t
            yield t
        ctr.char_pos, ctr.line, ctr.line_start_pos = pos, line, line_start
        ctr.column = pos - line_start + 1
        lexer_state.last_token = tok
        if pos < end:
            yield from super().lex(lexer_state, parser_state)
