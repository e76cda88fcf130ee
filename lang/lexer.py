"""The contextual lexer of the 4D grammar, with a lean scanning loop.

Lark's contextual lexer picks, for each parser state, a scanner that only knows the
terminals that state accepts (so `.` then `length` is a PROPNAME, `:` then `Text` a TYPE).
`FastContextualLexer` is given to Lark as a custom lexer class (its public `lexer=` option):
it keeps Lark's own per-state lexers (`lark.lexer.ContextualLexer`, made from the parse
table the first time a text is lexed), so every token is the one Lark would make, and only
replaces the per-token loop: one regex `match` on a pattern made of the state's terminals in
Lark's order, `lastgroup` for the type, positions counted inline. Anything unusual (no match,
a pattern that does not compile) goes back to Lark's own loop, which raises Lark's own errors.
Only Lark's public names are used.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

# The first-character analysis reads patterns with Python's own regex parser (not a public
# module): without it, every character may begin every terminal (slower, same tokens).
try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:
    try:  # Python 3.10
        import sre_constants as _c  # type: ignore[no-redef]
        import sre_parse as _p  # type: ignore[no-redef]
    except ImportError:
        _c = _p = None  # type: ignore[assignment]

from lark import Token
from lark.lexer import ContextualLexer, Lexer

__all__ = ["FastContextualLexer"]

_str_new = str.__new__  # a Token is a str: made here with its fields set inline (no Token.__new__ call)


def _may_start(items: list[tuple[Any, Any]]) -> tuple[list[tuple[Any, Any]], bool] | None:
    """The one-character items that can begin a match of a parsed pattern, and whether it can be empty.

    Zero-width assertions are skipped (a superset is safe); None when an item is not understood.
    """
    firsts: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL, _c.IN, _c.ANY):
            firsts.append((op, av))
            return firsts, False
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if op is _c.SUBPATTERN or op is getattr(_c, "ATOMIC_GROUP", None):
            sub = _may_start((av[-1] if op is _c.SUBPATTERN else av).data)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            sub = _may_start(av[2].data)
            if sub is not None and av[0] == 0:
                sub = (sub[0], True)
        elif op is _c.BRANCH:
            sub = ([], False)
            for alt in av[1]:
                one = _may_start(alt.data)
                if one is None:
                    return None
                sub = (sub[0] + one[0], sub[1] or one[1])
        else:
            return None
        if sub is None:
            return None
        firsts += sub[0]
        if not sub[1]:
            return firsts, False
    return firsts, True


_CATEGORIES = {
    "CATEGORY_DIGIT": str.isdigit,
    "CATEGORY_NOT_DIGIT": lambda c: not c.isdigit(),
    "CATEGORY_SPACE": str.isspace,
    "CATEGORY_NOT_SPACE": lambda c: not c.isspace(),
    "CATEGORY_WORD": lambda c: c.isalnum() or c == "_",
    "CATEGORY_NOT_WORD": lambda c: not (c.isalnum() or c == "_"),
}


def _item_may_match(op: Any, av: Any, c: str) -> bool:
    """Whether one parsed single-character item may match the ASCII character c (never a false no)."""
    if op is _c.LITERAL:
        return chr(av).lower() == c.lower()  # ignoring case: a superset whatever the flags
    if op is _c.IN:
        if av and av[0][0] is _c.NEGATE:
            # `[^\W\d]`: exact for character classes only (a negated superset would be unsafe)
            if not all(o is _c.CATEGORY and str(a) in _CATEGORIES for o, a in av[1:]):
                return True
            return not any(_CATEGORIES[str(a)](c) for _, a in av[1:])
        for o, a in av:
            if o is _c.LITERAL and chr(a).lower() == c.lower():
                return True
            if o is _c.RANGE and any(a[0] <= ord(x) <= a[1] for x in (c, c.lower(), c.upper())):
                return True
            if o is _c.CATEGORY and _CATEGORIES.get(str(a), lambda c: True)(c):
                return True
            if o not in (_c.LITERAL, _c.RANGE, _c.CATEGORY):
                return True
        return False
    return True  # NOT_LITERAL, ANY


def _first_char_test(regexp: str) -> Any:
    """`test(c)` for ASCII c: False only when no match of `regexp` can begin with c."""
    try:
        found = _may_start(_p.parse(regexp, 0).data) if _p is not None else None
    except Exception:  # an unexpected pattern shape: every character may start it
        found = None
    if found is None or found[1]:
        return lambda c: True
    items = found[0]
    return lambda c: any(_item_may_match(op, av, c) for op, av in items)


class _Dispatch(dict):
    """First character -> `match` of a pattern made of the terminals that can begin with it.

    Python's regex engine tries the alternatives of a master pattern one by one; most of
    them cannot start with the character at hand. The alternatives kept are in Lark's order,
    so the first that matches is the same. At a blank that only the ignored terminal can
    start, the blanks are skipped and the next character dispatched (no turn of the loop);
    a letter or a character outside ASCII uses Lark's full pattern.
    """

    def __init__(
        self,
        terminals: list[Any],
        flags: int,
        full: Any,
        ignore: frozenset[str],
        newline_types: frozenset[str],
        tests: dict[str, Any],
    ) -> None:
        super().__init__()
        self.terminals, self.flags, self.full, self.tests = terminals, flags, full, tests
        self.ignore = ignore - newline_types  # skipped text is not counted for line numbers

    def __missing__(self, c: str) -> Any:
        match = self.full
        # letters begin names, keywords and commands: most alternatives stay, so the full
        # pattern is kept (one compile less per letter and state on a first parse)
        if c.isascii() and not (c.isalpha() or c == "_"):
            terminals = [t for t in self.terminals if self.tests[t.name](c)]
            names = {t.name for t in terminals}
            if names and names <= self.ignore and len(terminals) == 1:
                blank = terminals[0]
                match = self._skipper(_compiled(f"(?P<{blank.name}>{blank.pattern.to_regexp()})", self.flags))
            elif terminals:
                match = _compiled("|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals), self.flags)
            else:
                match = _no_match
        self[c] = match
        return match

    def _skipper(self, blanks: Any) -> Any:
        def skip_then_match(text: str, pos: int, end: int) -> Any:
            m = blanks(text, pos, end)
            if m is None:
                return None
            pos = m.end()
            if pos >= end:
                return m  # blanks at the very end: an ignored token
            return self[text[pos]](text, pos, end)

        return skip_then_match


def _no_match(text: str, pos: int, end: int) -> None:
    return None


_compiled_cache: dict[tuple[str, int], Any] = {}


def _compiled(pattern: str, flags: int) -> Any:
    key = (pattern, flags)
    if key not in _compiled_cache:
        _compiled_cache[key] = re.compile(pattern, flags).match
    return _compiled_cache[key]


def _alternatives(terminals: list[Any]) -> str:
    """One pattern trying the terminals in the given order, each a named group (as Lark's scanner builds it)."""
    return "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals)


# (first character -> match, callbacks, ignored types, types that may hold a newline) of a parser state
_Plan = tuple[_Dispatch, dict[str, Any], frozenset[str], frozenset[str]]


_ASCII = tuple(map(chr, range(128)))


class _Tests(dict):
    """Terminal name -> `contains(c)`: whether an ASCII character c may begin it, made on first use.

    The character sets can be saved with the parser tables (`first_chars`, `use_first_chars`),
    so that a new process does not analyse the patterns again.
    """

    def __init__(self, terminals: dict[str, Any]) -> None:
        super().__init__()
        self.terminals = terminals
        self.sets: dict[str, frozenset[str]] = {}

    def __missing__(self, name: str) -> Any:
        if name not in self.sets:
            test = _first_char_test(self.terminals[name].pattern.to_regexp())
            self.sets[name] = frozenset(c for c in _ASCII if test(c))
        contains = self[name] = self.sets[name].__contains__
        return contains


class _Plans(dict):
    """Parser state -> its plan, made on first use (states that share a scanner share a plan)."""

    def __init__(self, lexers: dict[int, Any], tests: _Tests) -> None:
        super().__init__()
        self.lexers = lexers
        self.tests = tests
        self.by_lexer: dict[int, _Plan | None] = {}

    def __missing__(self, state: int) -> _Plan | None:
        lexer = self.lexers[state]
        plan = self.by_lexer.get(id(lexer), False)
        if plan is False:
            scanner = lexer.scanner  # builds the scanner and its callbacks on first use
            plan = None
            try:
                full = _compiled(_alternatives(scanner.terminals), scanner.g_regex_flags)
            except (re.error, AssertionError, RecursionError):  # a pattern `re` cannot take: Lark's loop
                full = None
            if full is not None:
                dispatch = _Dispatch(
                    scanner.terminals, scanner.g_regex_flags, full, lexer.ignore_types, lexer.newline_types, self.tests
                )
                plan = (dispatch, lexer.callback, lexer.ignore_types, lexer.newline_types)
            self.by_lexer[id(lexer)] = plan
        self[state] = plan
        return plan


class FastContextualLexer(Lexer):
    """Same scanners and tokens as Lark's contextual lexer, fewer steps per token.

    Lark makes it from the lexer configuration alone (a custom lexer class); the per-state
    lexers need the parse table, which the parser state brings to the first `lex` call.
    """

    __future_interface__ = 2  # lex(lexer_state, parser_state), the text given as Lark's TextSlice

    def __init__(self, conf: Any) -> None:
        self.conf = conf
        self.contextual: ContextualLexer | None = None
        self._tests = _Tests(conf.terminals_by_name)
        self._plans: _Plans | None = None
        self._lock = threading.Lock()

    def _prepare(self, parser_state: Any) -> _Plans:
        """Lark's contextual lexer for the parser's states, and the plans over its lexers (once)."""
        with self._lock:
            if self._plans is None:
                table = parser_state.parse_conf.parse_table
                states: dict[int, Any] = {idx: list(actions) for idx, actions in table.states.items()}
                self.contextual = ContextualLexer(self.conf, states)
                self._plans = _Plans(self.contextual.lexers, self._tests)
            return self._plans

    def first_chars(self) -> dict[str, frozenset[str]]:
        """The ASCII characters that may begin each terminal (saved with the parser tables)."""
        for name in self._tests.terminals:
            self._tests[name]
        return dict(self._tests.sets)

    def use_first_chars(self, sets: dict[str, frozenset[str]]) -> None:
        """Take the character sets saved by `first_chars` instead of analysing the patterns."""
        if set(sets) == set(self._tests.terminals) and all(
            type(v) is frozenset and all(type(c) is str for c in v) for v in sets.values()
        ):
            self._tests.sets.update(sets)

    def lex(self, lexer_state: Any, parser_state: Any) -> Iterator[Token]:
        plans = self._plans if self._plans is not None else self._prepare(parser_state)
        text_slice = lexer_state.text
        text = getattr(text_slice, "text", text_slice)  # a TextSlice since Lark 1.2, a str before
        end = getattr(text_slice, "end", len(text))
        if not isinstance(text, str):
            yield from self.contextual.lex(lexer_state, parser_state)  # type: ignore[union-attr]
            return
        ctr = lexer_state.line_ctr
        pos, line, line_start = ctr.char_pos, ctr.line, ctr.line_start_pos
        stack = parser_state.state_stack  # the parser's current state is stack[-1]
        tok = lexer_state.last_token
        while pos < end:
            state = stack[-1]
            plan = plans[state]
            m = plan[0][text[pos]](text, pos, end) if plan is not None else None
            if m is None:
                break  # Lark's loop raises the error (or lexes what this loop does not handle)
            _, callbacks, ignore, newline_types = plan
            type_ = m.lastgroup
            start = m.start()  # after the blanks skipped (see _Dispatch)
            value = m.group()
            pos = m.end()
            if type_ in ignore:
                continue
            t = _str_new(Token, value)
            t.type = type_
            t.value = value
            t.start_pos = start
            t.line = line
            t.column = start - line_start + 1
            if type_ in newline_types and "\n" in value:
                line += value.count("\n")
                line_start = start + value.rindex("\n") + 1
            t.end_line = line
            t.end_column = pos - line_start + 1
            t.end_pos = pos
            if type_ in callbacks:
                t = callbacks[type_](t)
            tok = t
            yield t
        ctr.char_pos, ctr.line, ctr.line_start_pos = pos, line, line_start
        ctr.column = pos - line_start + 1
        lexer_state.last_token = tok
        if pos < end:
            yield from self.contextual.lex(lexer_state, parser_state)  # type: ignore[union-attr]
