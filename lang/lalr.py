"""The LALR loop of a parse: Lark's own algorithm over Lark's tables, with fewer steps per token.

Lark's `ParserState.feed_token` looks each action up as an `(Action, argument)` pair and,
for a reduction, finds the callback by hashing the grammar `Rule` (a Python-level hash and
comparison). `run` makes, once per parser state and the first time it is reached, a table
whose entries are the next state (a shift) or `(size, callback, nonterminal)` (a
reduction), then drives the same stacks with one loop over the tokens. It starts from
`Lark.parse_interactive` (public API) and raises Lark's own `UnexpectedToken`, so results
and errors are those of `Lark.parse`.

The loop follows `lark.parsers.lalr_parser_state.ParserState.feed_token` (Lark 1.2-1.3),
Copyright © 2017 Erez Shinan, MIT licence (the licence text ships with Lark, in its
distribution's LICENSE file): permission is granted to copy and modify it provided the
copyright notice and permission notice are kept, which this note does.
"""

from __future__ import annotations

from typing import Any

from lark import Token
from lark.exceptions import UnexpectedToken
from lark.parsers.lalr_analysis import Shift

__all__ = ["run"]


class _Table(dict):
    """Parser state -> {token or nonterminal name -> next state | (size, callback, nonterminal)}."""

    def __init__(self, states: dict[Any, dict[str, tuple[Any, Any]]], callbacks: dict[Any, Any]) -> None:
        super().__init__()
        self.states = states
        self.callbacks = callbacks

    def __missing__(self, state: Any) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for name, (action, arg) in self.states[state].items():
            if action is Shift:
                row[name] = arg
            else:
                row[name] = (len(arg.expansion), self.callbacks[arg], arg.origin.name)
        self[state] = row
        return row


_tables: dict[tuple[int, int], tuple[Any, Any, _Table]] = {}


def _table(conf: Any) -> _Table:
    """The converted table of a parse table and its callbacks (one per parser, kept for the process)."""
    key = (id(conf.parse_table), id(conf.callbacks))
    found = _tables.get(key)
    if found is None or found[0] is not conf.parse_table or found[1] is not conf.callbacks:
        found = (conf.parse_table, conf.callbacks, _Table(conf.states, conf.callbacks))
        _tables[key] = found
    return found[2]


def run(ip: Any) -> Any:
    """Parse everything the interactive parser `ip` lexes, then the end; the value of the start rule."""
    pstate = ip.parser_state
    conf = pstate.parse_conf
    table = _table(conf)
    callbacks = conf.callbacks
    stack = pstate.state_stack
    values = pstate.value_stack
    token = None
    for token in ip.lexer_thread.lex(pstate):
        ttype = token.type
        while True:
            try:
                entry = table[stack[-1]][ttype]
            except KeyError:
                raise _unexpected(token, ip) from None
            if entry.__class__ is int:
                stack.append(entry)
                values.append(callbacks[ttype](token) if ttype in callbacks else token)
                break
            size, callback, origin = entry
            if size:
                children = values[-size:]
                del stack[-size:]
                del values[-size:]
            else:
                children = []
            values.append(callback(children))
            stack.append(table[stack[-1]][origin])
    end = Token.new_borrow_pos("$END", "", token) if token is not None else Token("$END", "", 0, 1, 1)
    end_state = conf.end_state
    while True:
        try:
            entry = table[stack[-1]]["$END"]
        except KeyError:
            raise _unexpected(end, ip) from None
        if entry.__class__ is int:  # the grammar never shifts the end
            raise _unexpected(end, ip)
        size, callback, origin = entry
        if size:
            children = values[-size:]
            del stack[-size:]
            del values[-size:]
        else:
            children = []
        values.append(callback(children))
        stack.append(table[stack[-1]][origin])
        if stack[-1] == end_state:
            return values[-1]


def _unexpected(token: Token, ip: Any) -> UnexpectedToken:
    """Lark's error for a token the current state has no action for."""
    pstate = ip.parser_state
    expected = {s for s in pstate.parse_conf.states[pstate.position] if s.isupper()}
    return UnexpectedToken(token, expected, state=pstate, interactive_parser=ip)
