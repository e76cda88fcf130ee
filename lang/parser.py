"""Parse 4D source into nodes: prepass, Lark LALR parse, friendly syntax errors."""

from __future__ import annotations

import gc
import hashlib
import os
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

from . import nodes as N
from .build import Builder, set_build_source
from .cache import cache_dir
from .errors import Syntax4DError
from .lexer import FastContextualLexer
from .limits import ensure_recursion_room
from .prepass import prepare
from .registry import REGISTRY, norm
from .source import Source, Span

__all__ = ["parse", "parse_source", "get_parser"]

_GRAMMAR = Path(__file__).with_name("grammar.lark")
_lock = threading.Lock()
_parser: Lark | None = None


def _name_callback(tok: Token) -> Token:
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
    "lexer": "contextual",
    "propagate_positions": False,  # spans come from tokens and nodes (lang/build.py), never from Lark meta
    "maybe_placeholders": False,
}


def _cache_path(grammar: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    import lark

    key = "\n".join([grammar, repr(sorted(_LARK_OPTIONS.items())), lark.__version__, sys.version])
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    return folder / f"parser-{digest}.lark"


_RUNTIME_OPTIONS = ("transformer", "lexer_callbacks", "_plugins")  # given again when the tables are loaded
# Lark's contextual lexer, with a leaner loop over the same scanners (lang/lexer.py)
_PLUGINS = {"ContextualLexer": FastContextualLexer}


def _build(grammar: str) -> Lark:
    return Lark(
        grammar, transformer=Builder(), lexer_callbacks={"NAME": _name_callback}, _plugins=_PLUGINS, **_LARK_OPTIONS
    )


def _load(fh: Any) -> Lark:
    """A parser from tables written by `Lark.save` (what Lark's own `cache=` option does)."""
    parser = Lark.__new__(Lark)
    parser._load(fh, transformer=Builder(), lexer_callbacks={"NAME": _name_callback}, _plugins=_PLUGINS)
    return parser


def _build_cached(grammar: str) -> Lark:
    """Load the analysed LALR tables from the user cache, or build them and save them there.

    Building the tables takes about half a second; loading them a few milliseconds.
    The file name holds a hash of the grammar, the Lark options and the Lark and Python
    versions; a new file is written under a temporary name then renamed, so that
    concurrent runs never read a partial file. A file that cannot be loaded is replaced.
    """
    path = _cache_path(grammar)
    if path is None:
        return _build(grammar)
    try:
        with open(path, "rb") as fh:
            parser = _load(fh)
            try:  # the lexer's first-character sets, written after the tables
                parser.parser.lexer.use_first_chars(pickle.load(fh))
            except Exception:  # a file from before they were saved: the lexer finds them itself
                pass
            return parser
    except FileNotFoundError:
        pass
    except Exception:  # damaged, or written by another version of Lark: build it again
        pass
    parser = _build(grammar)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            parser.save(fh, exclude_options=_RUNTIME_OPTIONS)
            pickle.dump(parser.parser.lexer.first_chars(), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # an unwritable cache only costs time; never fail a run for it
        try:
            tmp.unlink()
        except OSError:
            pass
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


def parse_source(source: Source) -> tuple[N.Stmt, ...]:
    """Parse a whole method or class text into statements."""
    text = prepare(source)
    if not text.endswith("\n"):
        text += "\n"
    parser = get_parser()
    ensure_recursion_room()
    set_build_source(source)
    # The parse makes many objects and no reference cycles: the collector would only re-scan
    # the growing tree, which doubles the time of a large file. Off for the parse, if it was on.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        return parser.parse(text)
    except UnexpectedInput as exc:
        raise _friendly(exc, source, text) from None
    except Syntax4DError as exc:
        if getattr(exc, "unmatched_block", False):
            # `End for` inside an `If`: name the block that is really open.
            problem = _block_problem(source, text)
            if problem is not None:
                raise problem from None
        raise
    except RecursionError:
        raise Syntax4DError(
            "The code is nested too deeply to be parsed", Span(source, 0, min(1, len(source.text)))
        ) from None
    finally:
        if collecting:
            gc.enable()
        set_build_source(None)


def parse(text: str, name: str = "<code>", path: str | None = None) -> tuple[N.Stmt, ...]:
    return parse_source(Source(name, text, path))


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


def _block_problem(source: Source, text: str) -> Syntax4DError | None:
    """An unclosed or mismatched block, found by scanning the block keywords line by line."""
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
                return Syntax4DError("`Else` without a matching `If` or `Case of`", span)
            top, top_line, _ = stack[-1]
            opener = _BLOCKS[top][2]
            if opener not in ("If", "Case of"):
                return Syntax4DError(
                    f"`Else` inside the `{opener}` of line {top_line} (only `If` and `Case of` have one)", span
                )
            if top_line in has_else:
                return Syntax4DError(f"The `{opener}` of line {top_line} already has an `Else`", span)
            has_else.add(top_line)
            continue
        for kind, (open_rx, close_rx, opener, closer) in enumerate(_BLOCKS):
            m = close_rx.match(stripped)
            if m:
                span = Span(source, start, start + m.end())
                if not stack:
                    return Syntax4DError(f"`{closer}` without a matching `{opener}`", span)
                top, top_line, _ = stack[-1]
                if top != kind:
                    _, _, top_opener, top_closer = _BLOCKS[top]
                    return Syntax4DError(
                        f"`{closer}` found where `{top_closer}` was expected "
                        f"(to close the `{top_opener}` of line {top_line})",
                        span,
                    )
                has_else.discard(top_line)
                stack.pop()
                break
            if open_rx.match(stripped):
                stack.append((kind, lineno, start))
                break
    if stack:
        kind, lineno, start = stack[-1]
        _, _, opener, closer = _BLOCKS[kind]
        end = text.find("\n", start)
        return Syntax4DError(
            f"`{opener}` at line {lineno} has no matching `{closer}`",
            Span(source, start, end if end > start else start + 1),
        )
    return None


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


def _friendly(exc: UnexpectedInput, source: Source, text: str) -> Syntax4DError:
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
        problem = _block_problem(source, text)
        if problem is not None:
            return problem
        return Syntax4DError(f"Unexpected character `{ch}`", span)
    tok = getattr(exc, "token", None)
    tok_type = getattr(tok, "type", "$END")
    tok_val = str(tok) if tok is not None else ""
    expected = getattr(exc, "expected", None) or set()
    if isinstance(exc, UnexpectedToken) and expected and expected <= {"COLON", "ELSE", "END_CASE"}:
        # Inside `Case of`, before its first branch: only `: (condition)` may follow.
        end = text.find("\n", pos)
        return Syntax4DError(
            "Each branch of `Case of` starts with `: (condition)`", Span(source, pos, end if end > pos else pos + 1)
        )
    if isinstance(exc, UnexpectedEOF) or tok_type == "$END":
        problem = _block_problem(source, text)
        if problem is not None:
            return problem
        return Syntax4DError("Unexpected end of the code", span)
    if tok is not None and getattr(tok, "start_pos", None) is not None:
        span = Span(source, tok.start_pos, max(tok.end_pos, tok.start_pos + 1))
    if tok_type.startswith(("END_", "ELSE", "UNTIL", "CATCH")):
        problem = _block_problem(source, text)
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
