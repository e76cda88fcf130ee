"""Parse 4D source into nodes: prepass, Lark LALR parse, friendly syntax errors."""

from __future__ import annotations

import hashlib
import pickle
import re
import sys
import threading
from pathlib import Path
from typing import Any

# Lark imports the third-party `regex` module when it is installed, only for its `regex=True`
# option, which mini4d does not use: hiding it while Lark loads saves 10-40 ms of start-up.
_hide_regex = "regex" not in sys.modules
if _hide_regex:
    sys.modules["regex"] = None  # type: ignore[assignment]
try:
    from lark import Lark, Token
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken
finally:
    if _hide_regex:
        del sys.modules["regex"]

from . import nodes as N  # noqa: E402 (after Lark, imported with `regex` hidden)
from .build import Builder, set_build_source  # noqa: E402
from .cache import cache_dir  # noqa: E402, F401 (part of this module's interface)
from .errors import Syntax4DError  # noqa: E402
from .lalr import run as run_lalr  # noqa: E402
from .lexer import FastContextualLexer  # noqa: E402
from .limits import MAX_METHOD_CHARS, collector_paused, ensure_recursion_room  # noqa: E402
from .prepass import prepare  # noqa: E402
from .registry import REGISTRY, norm  # noqa: E402
from .source import Source, Span  # noqa: E402

__all__ = ["parse", "parse_source", "parse_checked", "syntax_errors", "get_parser"]

_GRAMMAR = Path(__file__).with_name("grammar.lark")
_lock = threading.Lock()
_parser: Lark | None = None


def name_callback(tok: Token) -> Token:
    """A run of words the registry knows (`New shared object`) becomes a BUILTIN token."""
    value = tok.value
    # NAME never starts or ends with a space: a single word only needs lower() (norm is a regex)
    key = value.lower() if " " not in value and "\t" not in value else norm(value)
    if key in _by_key or key in _constants:
        return Token.new_borrow_pos("BUILTIN", tok.value, tok)
    return tok


_by_key: dict[str, Any] = {}
_constants: dict[str, Any] = {}


_LARK_OPTIONS: dict[str, Any] = {
    "parser": "lalr",
    # Lark's contextual lexer, with a leaner loop over the same scanners (lang/lexer.py)
    "lexer": FastContextualLexer,
    "propagate_positions": False,  # spans come from tokens and nodes (lang/build.py), never from Lark meta
    "maybe_placeholders": False,
}


def _cache_name(grammar: str) -> str:
    """File name of the parser tables: a hash of the grammar, the options and the Lark and Python versions."""
    import lark

    options = sorted((k, v.__qualname__ if isinstance(v, type) else v) for k, v in _LARK_OPTIONS.items())
    key = "\n".join([grammar, repr(options), lark.__version__, sys.version, str(_TABLES_FORMAT)])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return f"parser-{digest}.lark"


_TABLES_FORMAT = 2  # what the file holds: Lark.save with every option, then the lexer's first-character sets


def _build(grammar: str) -> Lark:
    return Lark(grammar, transformer=Builder(), lexer_callbacks={"NAME": name_callback}, **_LARK_OPTIONS)


# What the parser tables may name besides plain data: the transformer, the lexer callback and
# the lexer class that `Lark.save` writes with the options, and Lark's Token (a `str` with
# positions, which Lark 1.2 leaves in some names). Anything else refuses to load.
_TABLE_GLOBALS = {
    ("mini4d.build", "Builder"),
    ("mini4d.parser", "name_callback"),
    ("mini4d.lexer", "FastContextualLexer"),
    ("lark.lexer", "Token"),
}


def _load(data: bytes) -> Lark | None:
    """A parser from the bytes of a tables file, or None when they are not what mini4d writes.

    The bytes are first read with a restricted unpickler that resolves only `_TABLE_GLOBALS`
    (so nothing else can be constructed or called); `Lark.load` then reads the same bytes.
    """
    import io

    from .cache import restricted_loads

    try:
        fh = io.BytesIO(data)
        tables = restricted_loads(fh, _TABLE_GLOBALS)
        sets = restricted_loads(fh, ())
        options = tables["data"]["options"]
        if not (
            isinstance(options.get("transformer"), Builder)
            and options.get("lexer_callbacks") == {"NAME": name_callback}
            and options.get("lexer") is FastContextualLexer
            and type(sets) is dict
        ):
            return None
        parser = Lark.load(io.BytesIO(data))
        parser.parser.lexer.use_first_chars(sets)
        return parser
    except Exception:  # noqa: BLE001 - damaged, foreign, or written by another version of Lark
        return None


def _build_cached(grammar: str) -> Lark:
    """Load the analysed LALR tables from the user cache, or build them and save them there.

    Building the tables takes about half a second; loading them a few milliseconds.
    The file name holds a hash of the grammar, the Lark options and the Lark and Python
    versions. The file is read only if the cache folder and the file pass the checks of
    lang/cache.py (owned by the user, not writable by others, a regular file), and then only
    through a restricted unpickler; a new file is written under a temporary name then renamed.
    A file that cannot be loaded is replaced.
    """
    from .cache import read_private, write_private

    name = _cache_name(grammar)
    data = read_private(name)
    if data is not None:
        parser = _load(data)
        if parser is not None:
            return parser
    parser = _build(grammar)

    def dump(fh: Any) -> None:
        parser.save(fh)
        pickle.dump(parser.parser.lexer.first_chars(), fh, protocol=pickle.HIGHEST_PROTOCOL)

    write_private(name, dump)
    return parser


def get_parser() -> Lark:
    """The shared parser, built once per process (from the user cache when possible)."""
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                REGISTRY.ensure_names()
                _by_key.update(REGISTRY.by_key)
                _constants.update(REGISTRY.constants)
                _parser = _build_cached(_GRAMMAR.read_text(encoding="utf-8"))
    return _parser


def _prepared(source: Source) -> str:
    text = prepare(source)
    return text if text.endswith("\n") else text + "\n"


def parse_source(source: Source) -> tuple[N.Stmt, ...]:
    """Parse a whole method or class text into statements (the first syntax error is raised)."""
    if len(source.text) > MAX_METHOD_CHARS:
        raise Syntax4DError(
            f"The method is too large: {len(source.text):,} characters; mini4d reads at most "
            f"{MAX_METHOD_CHARS:,} characters per method (split it into several methods)",
            Span(source, 0, 0),
        )
    text = _prepared(source)
    parser = get_parser()
    ensure_recursion_room()
    set_build_source(source)
    try:
        with collector_paused():
            return run_lalr(parser.parse_interactive(text))  # what parser.parse(text) does, in fewer steps
    except UnexpectedInput as exc:
        raise _friendly(exc, source, text, BlockProblems(source, text)) from None
    except Syntax4DError as exc:
        raise BlockProblems(source, text).refine(exc) from None
    except RecursionError:
        raise _too_deep(source) from None
    finally:
        set_build_source(None)


def _too_deep(source: Source) -> Syntax4DError:
    return Syntax4DError("The code is nested too deeply to be parsed", Span(source, 0, min(1, len(source.text))))


def parse(text: str, name: str = "<code>", path: str | None = None) -> tuple[N.Stmt, ...]:
    return parse_source(Source(name, text, path))


def parse_checked(source: Source) -> tuple[tuple[N.Stmt, ...] | None, list[Syntax4DError]]:
    """The statements and no error, or None and every syntax error of the text (`mini4d check`).

    The errors are at most one per line, in the order the parse meets them (blocks left open
    come last, at their opening line); the first is the error a run reports.
    After an error the parse resumes at the next line (lang/recovery.py), so one mistake
    gives one error, not a cascade.
    """
    try:
        return parse_source(source), []
    except Syntax4DError as first:
        from .recovery import recover

        found = recover(source, _prepared(source))
        if not found or (found[0].span, found[0].message) != (first.span, first.message):
            line = first.span.line if first.span is not None else 0
            found = [first] + [e for e in found if e.span is None or e.span.line != line]
        return None, found


def syntax_errors(source: Source) -> list[Syntax4DError]:
    """Every syntax error of a text (none when it parses); see `parse_checked`."""
    return parse_checked(source)[1]


# ------------------------------------------------------------------ friendly errors

_BLOCKS = [
    (re.compile(r"if\b", re.IGNORECASE), re.compile(r"end\s*if\b", re.IGNORECASE), "If", "End if"),
    (re.compile(r"case\s+of\b", re.IGNORECASE), re.compile(r"end\s*case\b", re.IGNORECASE), "Case of", "End case"),
    (re.compile(r"while\b", re.IGNORECASE), re.compile(r"end\s*while\b", re.IGNORECASE), "While", "End while"),
    (re.compile(r"repeat\b", re.IGNORECASE), re.compile(r"until\b", re.IGNORECASE), "Repeat", "Until"),
    (
        re.compile(r"for\s+each\b", re.IGNORECASE),
        re.compile(r"end\s*for\s+each\b", re.IGNORECASE),
        "For each",
        "End for each",
    ),
    (
        re.compile(r"for\b(?!\s+each)", re.IGNORECASE),
        re.compile(r"end\s*for\b(?!\s+each)", re.IGNORECASE),
        "For",
        "End for",
    ),
    (
        re.compile(r"use\b(?!\s+(set|named|character|entity))", re.IGNORECASE),
        re.compile(r"end\s*use\b", re.IGNORECASE),
        "Use",
        "End use",
    ),
    (re.compile(r"try\s*$", re.IGNORECASE), re.compile(r"end\s*try\b", re.IGNORECASE), "Try", "End try"),
]


_ELSE = re.compile(r"else(?![\w$])", re.IGNORECASE)


def _block_problems(source: Source, text: str) -> list[Syntax4DError]:
    """Every unclosed or mismatched block, found by scanning the block keywords line by line.

    After a problem the scan goes on as the parser's recovery does (lang/recovery.py): a closer
    that matches an enclosing block closes the blocks inside it too; one that matches none
    closes the innermost block (a misspelt closer); a closer with no block open and a misplaced
    `Else` are skipped. The blocks still open at the end are reported last.
    """
    problems: list[Syntax4DError] = []
    stack: list[tuple[int, int, int]] = []  # (index in _BLOCKS, line, offset) of open blocks
    has_else: set[int] = set()  # lines of the open blocks that already had their Else
    offset = 0
    for lineno, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        start = offset + (len(line) - len(line.lstrip()))
        offset += len(line) + 1
        if not stripped:
            continue
        m = _ELSE.match(stripped)
        if m:
            span = Span(source, start, start + m.end())
            if not stack:
                problems.append(Syntax4DError("`Else` without a matching `If` or `Case of`", span))
                continue
            top, top_line, _ = stack[-1]
            opener = _BLOCKS[top][2]
            if opener not in ("If", "Case of"):
                problems.append(
                    Syntax4DError(
                        f"`Else` inside the `{opener}` of line {top_line} (only `If` and `Case of` have one)", span
                    )
                )
            elif top_line in has_else:
                problems.append(Syntax4DError(f"The `{opener}` of line {top_line} already has an `Else`", span))
            else:
                has_else.add(top_line)
            continue
        for kind, (open_rx, close_rx, opener, closer) in enumerate(_BLOCKS):
            m = close_rx.match(stripped)
            if m:
                span = Span(source, start, start + m.end())
                if not stack:
                    problems.append(Syntax4DError(f"`{closer}` without a matching `{opener}`", span))
                    break
                top, top_line, _ = stack[-1]
                if top != kind:
                    _, _, top_opener, top_closer = _BLOCKS[top]
                    problems.append(
                        Syntax4DError(
                            f"`{closer}` found where `{top_closer}` was expected "
                            f"(to close the `{top_opener}` of line {top_line})",
                            span,
                        )
                    )
                    # it closes the block of its kind and the ones inside, or else the innermost one
                    while any(k == kind for k, _, _ in stack) and stack[-1][0] != kind:
                        has_else.discard(stack.pop()[1])
                has_else.discard(stack[-1][1])
                stack.pop()
                break
            if open_rx.match(stripped):
                stack.append((kind, lineno, start))
                break
    for kind, lineno, start in reversed(stack):
        _, _, opener, closer = _BLOCKS[kind]
        end = text.find("\n", start)
        problems.append(
            Syntax4DError(
                f"`{opener}` at line {lineno} has no matching `{closer}`",
                Span(source, start, end if end > start else start + 1),
            )
        )
    return problems


def _block_problem(source: Source, text: str) -> Syntax4DError | None:
    """The first unclosed or mismatched block of the text, if any."""
    problems = _block_problems(source, text)
    return problems[0] if problems else None


class BlockProblems:
    """The block problems of a text, scanned when first asked for, looked up by line."""

    def __init__(self, source: Source, text: str) -> None:
        self.source, self.text = source, text
        self._all: list[Syntax4DError] | None = None

    @property
    def all(self) -> list[Syntax4DError]:
        if self._all is None:
            self._all = _block_problems(self.source, self.text)
        return self._all

    def at_line(self, line: int) -> Syntax4DError | None:
        """The problem of a closer or `Else` on this line."""
        return next((p for p in self.all if p.span is not None and p.span.line == line), None)

    def at_end(self) -> list[Syntax4DError]:
        """The blocks still open at the end of the text."""
        return [p for p in self.all if "has no matching" in p.message]

    def refine(self, exc: Syntax4DError) -> Syntax4DError:
        """A closing keyword the builder met as a name (no block open): the block problem of its line."""
        if getattr(exc, "unmatched_block", False) and exc.span is not None:
            return self.at_line(exc.span.line) or exc
        return exc


_TERMINAL_WORDS = {
    "_NL": "end of line",
    "$END": "end of file",
    "RPAR": "`)`",
    "LPAR": "`(`",
    "SEMICOLON": "`;`",
    "RSQB": "`]`",
    "RBRACE": "`}`",
    "COLON": "`:`",
    "BINOP": "an operator",
    "NAME": "a name",
    "LOCAL": "a local variable",
    "STRING": "a text",
    "NUMBER": "a number",
    "BUILTIN": "a command",
    "PROPNAME": "a property name",
    "TYPE": "a type name",
}


def _friendly(exc: UnexpectedInput, source: Source, text: str, blocks: BlockProblems) -> Syntax4DError:
    """The error a 4D developer reads for a Lark parse error; block problems come from `blocks`."""
    pos = getattr(exc, "pos_in_stream", None)
    if pos is None:
        tok = getattr(exc, "token", None)
        pos = getattr(tok, "start_pos", None)
    if pos is None or pos < 0:
        pos = max(0, len(source.text) - 1)
    pos = min(pos, max(0, len(source.text)))
    span = Span(source, pos, pos + 1)
    if isinstance(exc, UnexpectedCharacters):
        ch = text[pos] if pos < len(text) else ""
        if ch == '"':
            return Syntax4DError('Unclosed text literal: missing closing `"`', span)
        if ch == ",":
            return Syntax4DError("4D separates arguments and elements with `;`, not `,`", span)
        if ch == "!" or ch == "?":
            return Syntax4DError(f"Invalid date or time literal starting with `{ch}`", span)
        problem = blocks.at_line(span.line)
        if problem is not None:
            return problem
        return Syntax4DError(f"Unexpected character `{ch}`", span)
    tok = getattr(exc, "token", None)
    tok_type = getattr(tok, "type", "$END")
    tok_val = str(tok) if tok is not None else ""
    expected = getattr(exc, "expected", None) or set()
    if isinstance(exc, UnexpectedToken) and expected == {"COLON"}:
        # `{name value}`: the only place where a colon alone may follow is after a property name
        if tok is not None and getattr(tok, "start_pos", None) is not None:
            span = Span(source, tok.start_pos, max(tok.end_pos, tok.start_pos + 1))
        return Syntax4DError(
            f"Expected `:` before `{tok_val}`: each property of an object literal is written `name: value`", span
        )
    if isinstance(exc, UnexpectedToken) and expected and expected <= {"COLON", "ELSE", "END_CASE"}:
        # Inside `Case of`, before its first branch: only `: (condition)` may follow.
        end = text.find("\n", pos)
        return Syntax4DError(
            "Each branch of `Case of` starts with `: (condition)`", Span(source, pos, end if end > pos else pos + 1)
        )
    if isinstance(exc, UnexpectedEOF) or tok_type == "$END":
        open_blocks = blocks.at_end()
        if open_blocks:
            return open_blocks[0]
        return Syntax4DError("Unexpected end of the code", span)
    if tok is not None and getattr(tok, "start_pos", None) is not None:
        span = Span(source, tok.start_pos, max(tok.end_pos, tok.start_pos + 1))
    if tok_type.startswith(("END_", "ELSE", "UNTIL", "CATCH")):
        problem = blocks.at_line(span.line)
        if problem is not None:
            return problem
    if tok_type == "_NL" and tok_val.startswith("\n"):
        if "RPAR" in expected:
            return Syntax4DError("Missing `)` before the end of the line", span)
        if "RSQB" in expected:
            return Syntax4DError("Missing `]` before the end of the line", span)
        if "RBRACE" in expected:
            return Syntax4DError("Missing `}` before the end of the line", span)
        return Syntax4DError("Incomplete statement: the line ends too early", span)
    if tok_type in ("NAME", "BUILTIN", "LOCAL", "PROPNAME", "STRING", "NUMBER"):
        line_start = text.rfind("\n", 0, tok.start_pos) + 1
        before = source.text[line_start : tok.start_pos].strip()
        name_start = source.text.find(before, line_start) if before else line_start
        if re.fullmatch(r"[^\W\d][\w ]*", before):
            # `Sesion storage $x`: an unknown command name followed by its arguments.
            cands = REGISTRY.suggest(before)
            if cands and norm(cands[0]) != norm(before):
                return Syntax4DError(
                    f"Unknown command `{before}`; did you mean `{cands[0]}`?",
                    Span(source, name_start, name_start + len(before)),
                )
        if tok_type in ("NAME", "BUILTIN", "LOCAL"):
            return Syntax4DError(
                f"Unexpected name `{tok_val}` (a statement is one assignment or one call per line)", span
            )
    if tok_val == ",":
        return Syntax4DError("4D separates arguments and elements with `;`, not `,`", span)
    if tok_type == "COLON" and tok_val == ":":
        return Syntax4DError("Unexpected `:` (assignment is written `:=`)", span)
    words = [w for w in (_TERMINAL_WORDS.get(e) for e in sorted(expected)) if w]
    tail = f"; expected {', '.join(dict.fromkeys(words[:4]))}" if words else ""
    shown = tok_val.replace("\n", "\\n")
    return Syntax4DError(f"Unexpected `{shown}`{tail}", span)
