"""Query strings of `collection.query()` and `collection.indices()`.

Syntax (docs/API/CollectionClass.md, docs/API/DataClassClass.md#query):
`propertyPath comparator value {AND|OR propertyPath comparator value}`, parentheses, `NOT(...)`,
placeholders `:1` (values after the query string) and `:name` (querySettings.parameters /
querySettings.attributes), `children[].age` paths, `IN` with a collection or `[a, b]` list.
A query string is parsed once (cached); placeholders are bound for each call.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from mini4d.errors import ERR_QUERY, FourDError
from mini4d.values import (
    UNDEFINED,
    Coll,
    Date4D,
    Obj,
    Time4D,
    compare,
    fold,
    keyword_match,
    make_date,
    num_eq,
    text_eq,
)

# ---------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Tok:
    kind: str  # "(" ")" AND OR NOT OP WORD STR PH LIST END
    value: Any
    pos: int


_OPS = ("===", "!==", "==", "!=", "<=", ">=", "&&", "||", "=", "#", "<", ">", "%", "&", "|")
_WORD_CHARS = re.compile(r"[^\s()=#!<>&|%'\",:\[]+(?:\[[A-Za-z]?\][^\s()=#!<>&|%'\",:\[]*)*")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(T[0-9:.]*Z?)?")


def _error(msg: str, text: str, pos: int | None = None) -> FourDError:
    where = f" at position {pos + 1}" if pos is not None else ""
    return FourDError(ERR_QUERY, f'Invalid query "{text}"{where}: {msg}')


def tokenize(text: str) -> list[Tok]:
    """Split a query string into tokens."""
    toks: list[Tok] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()":
            toks.append(Tok(ch, ch, i))
            i += 1
            continue
        if ch == "'" or ch == '"':
            j = i + 1
            buf = []
            while j < n and text[j] != ch:
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                buf.append(text[j])
                j += 1
            if j >= n:
                raise _error("unterminated quoted value", text, i)
            j += 1
            if j < n and (text[j].isalnum() or text[j] in "'\"_"):
                # 'John's pizza': a quote inside a quoted value breaks the query (use a placeholder)
                raise _error("a quote inside a quoted value is not allowed (use a placeholder)", text, j - 1)
            toks.append(Tok("STR", "".join(buf), i))
            i = j
            continue
        if ch == ":":
            m = re.compile(r":(\d+|[A-Za-z_][A-Za-z0-9_.]*)").match(text, i)
            if not m:
                raise _error("a placeholder name or number is expected after ':'", text, i)
            name = m.group(1)
            toks.append(Tok("PH", int(name) if name.isdigit() else name, i))
            i = m.end()
            continue
        if ch == "[":
            j = i + 1
            depth_quote = None
            while j < n and (text[j] != "]" or depth_quote):
                if text[j] in "'\"":
                    if depth_quote == text[j]:
                        depth_quote = None
                    elif depth_quote is None:
                        depth_quote = text[j]
                elif text[j] == "\\" and depth_quote:
                    j += 1
                j += 1
            if j >= n:
                raise _error("unterminated [ ] list", text, i)
            toks.append(Tok("LIST", _parse_list(text[i + 1 : j], text, i), i))
            i = j + 1
            continue
        op = next((o for o in _OPS if text.startswith(o, i)), None)
        if op is not None:
            if op in ("&&", "&"):
                toks.append(Tok("AND", op, i))
            elif op in ("||", "|"):
                toks.append(Tok("OR", op, i))
            else:
                toks.append(Tok("OP", "=" if op == "==" else "#" if op == "!=" else op, i))
            i += len(op)
            continue
        m = _WORD_CHARS.match(text, i)
        if not m:
            raise _error(f"unexpected character {ch!r}", text, i)
        word = m.group(0)
        low = word.lower()
        if low == "and":
            toks.append(Tok("AND", word, i))
        elif low == "or":
            toks.append(Tok("OR", word, i))
        elif low == "not":
            toks.append(Tok("NOT", word, i))
        elif low == "in":
            toks.append(Tok("OP", "IN", i))
        elif low == "is":
            k = i + len(word)
            m2 = re.compile(r"\s+not\b", re.IGNORECASE).match(text, k)
            if m2:
                toks.append(Tok("OP", "!==", i))
                i = m2.end()
                continue
            toks.append(Tok("OP", "===", i))
        else:
            toks.append(Tok("WORD", word, i))
        i = m.end()
    toks.append(Tok("END", None, n))
    return toks


def _parse_list(body: str, text: str, pos: int) -> list[Any]:
    """Values of an IN list `[a, 'b', 3]`."""
    items: list[Any] = []
    for raw in _split_list(body):
        raw = raw.strip()
        if not raw:
            raise _error("empty value in [ ] list", text, pos)
        if raw[0] in "'\"" and raw[-1] == raw[0] and len(raw) >= 2:
            items.append(raw[1:-1].replace('\\"', '"'))
        else:
            items.append(_word_value(raw))
    return items


def _split_list(body: str) -> list[str]:
    parts, buf, quote = [], [], None
    i = 0
    while i < len(body):
        ch = body[i]
        if quote:
            if ch == "\\" and i + 1 < len(body):
                buf.append(ch)
                buf.append(body[i + 1])
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == ",":
            parts.append("".join(buf))
            buf = []
            i += 1
            continue
        buf.append(ch)
        i += 1
    if buf or parts:
        parts.append("".join(buf))
    return parts


def _word_value(word: str) -> Any:
    """An unquoted value: true/false (case-sensitive), null, a number, else text."""
    if word == "true":
        return True
    if word == "false":
        return False
    if word.lower() == "null":
        return None
    if _NUMBER.fullmatch(word):
        return float(word)
    return word


# ---------------------------------------------------------------- syntax tree

# Nodes are tuples: ("and", a, b) ("or", a, b) ("not", a) ("cmp", path, op, value)
# path: ("path", text) or ("ph", key); value: ("lit", v) / ("ph", key) / ("null",)


class _Parser:
    """The grammar of query strings, written once: `collection.query()` uses it as is; the
    datastore's parser (lang/datastore/query.py) adds `eval()` and formula placeholders through
    `condition_head`."""

    def __init__(self, text: str, criteria: str | None = None):
        self.text = text
        self.toks = tokenize(text if criteria is None else criteria)
        self.i = 0

    def peek(self) -> Tok:
        return self.toks[self.i]

    def take(self) -> Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse(self) -> tuple:
        if self.peek().kind == "END":
            raise _error("the query is empty", self.text)
        node = self.parse_or()
        t = self.peek()
        if t.kind != "END":
            if t.kind == "WORD" and t.value.lower() == "order":
                raise FourDError(90060, '"order by" in collection queries is not supported yet; use .orderBy()')
            raise _error(f"unexpected {t.value!r}", self.text, t.pos)
        return node

    def parse_or(self) -> tuple:
        node = self.parse_and()
        while self.peek().kind == "OR":
            self.take()
            node = ("or", node, self.parse_and())
        return node

    def parse_and(self) -> tuple:
        node = self.parse_unary()
        while self.peek().kind == "AND":
            self.take()
            node = ("and", node, self.parse_unary())
        return node

    def parse_unary(self) -> tuple:
        t = self.peek()
        if t.kind == "NOT":
            self.take()
            return ("not", self.parse_unary())
        if t.kind == "(":
            self.take()
            node = self.parse_or()
            if self.take().kind != ")":
                raise _error("')' expected", self.text, t.pos)
            return node
        return self.parse_comparison()

    def condition_head(self, t: Tok) -> tuple | None:
        """A whole condition made of its first token alone (none in collection queries)."""
        return None

    def parse_comparison(self) -> tuple:
        t = self.take()
        whole = self.condition_head(t)
        if whole is not None:
            return whole
        if t.kind == "WORD":
            path: tuple = ("path", t.value)
        elif t.kind == "PH":
            path = ("ph", t.value)
        elif t.kind == "END":
            raise _error("a property path is expected at the end", self.text, t.pos)
        else:
            raise _error(f"a property path is expected before {t.value!r}", self.text, t.pos)
        op = self.take()
        if op.kind != "OP":
            if op.kind == "END":
                raise _error(f"a comparison operator is expected after {t.value!r}", self.text, op.pos)
            raise _error(f'unknown comparison operator "{op.value}"', self.text, op.pos)
        v = self.take()
        if v.kind == "STR":
            value: tuple = ("lit", v.value)
        elif v.kind == "WORD":
            w = _word_value(v.value)
            value = ("null",) if w is None else ("lit", w)
        elif v.kind == "PH":
            value = ("ph", v.value)
        elif v.kind == "LIST":
            value = ("lit", v.value)
        else:
            raise _error(f"a value is expected after {op.value!r}", self.text, v.pos)
        return ("cmp", path, op.value, value)


@lru_cache(maxsize=512)
def parse_query(text: str) -> tuple:
    """The syntax tree of a query string (cached)."""
    return _Parser(text).parse()


# ---------------------------------------------------------------- evaluation

_NULL_PARAM = object()  # Null passed through a placeholder: matches nothing (documented)
_MISSING = object()


def _path_parts(path: str) -> list[tuple[str, str | None]]:
    """ "a.b[].c" as [(a, None), (b, ""), (c, None)]; the bracket letter is kept."""
    parts = []
    for seg in path.split("."):
        m = re.fullmatch(r"(.*?)\[([A-Za-z]?)\]", seg)
        if m:
            parts.append((m.group(1), m.group(2)))
        else:
            parts.append((seg, None))
    return parts


def _get(v: Any, name: str) -> Any:
    if isinstance(v, Obj):
        getter = getattr(v, "get_4d_property", None)
        return getter(name) if getter is not None else dict.get(v, name, UNDEFINED)
    if getattr(v, "is_4d_object", False) and hasattr(v, "get_4d_property"):
        return v.get_4d_property(name)  # 4D.File, 4D.Folder...: orderBy("size"), query("name = :1")
    return UNDEFINED


def make_getter(names: list[str]) -> Callable[[Any], Any]:
    """A fast reader of the property path `names` (Undefined when a step is missing)."""
    if len(names) == 1:
        name = names[0]

        def get1(el: Any) -> Any:
            if type(el) is Obj:
                return dict.get(el, name, UNDEFINED)
            return _get(el, name)

        return get1

    def get(el: Any) -> Any:
        for name in names:
            el = dict.get(el, name, UNDEFINED) if type(el) is Obj else _get(el, name)
        return el

    return get


def _values(el: Any, parts: list[tuple[str, str | None]]) -> tuple[list[Any], bool, bool]:
    """Values at a path; (values, went through [], [letter] used)."""
    vals = [el]
    multi = False
    letter = False
    for name, br in parts:
        nxt: list[Any] = []
        for v in vals:
            x = _get(v, name) if name else v
            if br is None:
                nxt.append(x)
            else:
                multi = True
                letter = letter or br != ""
                if isinstance(x, Coll):
                    nxt.extend(x)
        vals = nxt
    return vals, multi, letter


def _to_date(s: str) -> Date4D | None:
    m = _ISO_DATE.fullmatch(s.strip())
    if not m:
        return None
    d = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return d


def _coerce(prop: Any, q: Any) -> Any:
    """The query value converted to the property's type when possible (else _MISSING)."""
    tp, tq = type(prop), type(q)
    if tp is bool or tq is bool:
        return q if tp is tq else _MISSING
    if tp is tq or ((tp is float or tp is int) and (tq is float or tq is int)):
        return q
    if tp is float or tp is int:
        if tq is str:
            try:
                return float(q)
            except ValueError:
                return _MISSING
        if tq is Time4D:
            return float(q.s)  # times are stored as seconds in objects (docs: OB Get)
        return _MISSING
    if tp is Date4D and tq is str:
        d = _to_date(q)
        return d if d is not None else _MISSING
    if tp is str and tq is Date4D:
        return _MISSING
    return _MISSING


def _equal(prop: Any, q: Any, wildcard: bool) -> bool:
    if prop is None or prop is UNDEFINED or q is _NULL_PARAM:
        return False
    if isinstance(q, (Obj, Coll)) or isinstance(prop, (Obj, Coll)):
        return prop is q
    c = _coerce(prop, q)
    if c is _MISSING:
        return False
    if type(prop) is str:
        if wildcard:
            return text_eq(prop, c)
        return fold(prop) == fold(c)
    if type(prop) is float or type(prop) is int:
        return num_eq(prop, c)
    return prop == c


def _order(prop: Any, op: str, q: Any) -> bool:
    if prop is None or prop is UNDEFINED or q is _NULL_PARAM or isinstance(prop, (Obj, Coll)):
        return False
    c = _coerce(prop, q)
    if c is _MISSING or type(prop) is bool:
        return False
    try:
        return compare(prop, c, op)
    except FourDError:
        return False


def _match_one(prop: Any, op: str, q: Any) -> bool:
    """Positive comparison of one property value (`#`-style operators are handled as NOT =)."""
    if op == "=":
        return _equal(prop, q, True)
    if op == "===":
        return _equal(prop, q, False)
    if op == "IN":
        return any(_equal(prop, x, True) for x in q)
    if op == "%":
        return type(prop) is str and type(q) is str and keyword_match(prop, q)
    return _order(prop, op, q)


_NEGATED = {"#": "=", "!==": "==="}
_ORDER_OPS = {"<": operator.lt, ">": operator.gt, "<=": operator.le, ">=": operator.ge}


def _one_predicate(op: str, q: Any) -> Callable[[Any], bool]:
    """`_match_one` for a fixed operator and value, with fast paths for numbers and texts."""
    f = _ORDER_OPS.get(op)
    if f is not None and type(q) is float:

        def num_order(v: Any) -> bool:
            t = type(v)
            if t is float or t is int:
                return f(v, q)
            return _order(v, op, q)

        return num_order
    if (op == "=" or op == "===") and type(q) is float:
        wildcard = op == "="

        def num_equal(v: Any) -> bool:
            t = type(v)
            if t is float or t is int:
                return num_eq(v, q)
            return _equal(v, q, wildcard)

        return num_equal
    if op == "=" and type(q) is str:

        def text_equal(v: Any) -> bool:
            if type(v) is str:
                return text_eq(v, q)
            return _equal(v, q, True)

        return text_equal
    return lambda v: _match_one(v, op, q)


def _compile_cmp(parts: list[tuple[str, str | None]], op: str, value: Any) -> Callable[[Any], bool]:
    if value is None:  # the null keyword: null and undefined properties

        def is_null(el: Any) -> bool:
            vals, multi, _ = _values(el, parts)
            return (
                any(v is None or v is UNDEFINED for v in vals) if multi else (vals[0] is None or vals[0] is UNDEFINED)
            )

        if op in ("=", "==="):
            return is_null
        if op in ("#", "!=="):
            return lambda el: not is_null(el)
        return lambda el: False
    if op == "IN" and not isinstance(value, (list, Coll)):
        raise FourDError(ERR_QUERY, "IN expects a collection or a [ ] list of values")
    positive = _NEGATED.get(op)
    if all(br is None for _, br in parts):
        get = make_getter([name for name, _ in parts])
        one = _one_predicate(positive or op, value)
        if len(parts) == 1:
            # one property: read inline (what make_getter's reader does)
            name = parts[0][0]

            def test1(el: Any) -> bool:
                return one(dict.get(el, name, UNDEFINED) if type(el) is Obj else _get(el, name))

            if positive is not None:
                return lambda el: not test1(el)
            return test1
        if positive is not None:
            return lambda el: not one(get(el))
        return lambda el: one(get(el))
    if positive is not None:

        def not_equal(el: Any) -> bool:
            vals, multi, letter = _values(el, parts)
            if multi and letter:  # [a]: at least one element differs
                return any(not _match_one(v, positive, value) for v in vals)
            return not any(_match_one(v, positive, value) for v in vals)

        return not_equal

    def match(el: Any) -> bool:
        vals, _, _ = _values(el, parts)
        return any(_match_one(v, op, value) for v in vals)

    return match


class _Binder:
    """Resolves placeholders for one call."""

    def __init__(self, text: str, values: list[Any], settings: Obj | None):
        self.text = text
        self.values = values
        self.params = dict.get(settings, "parameters", None) if settings is not None else None
        self.attrs = dict.get(settings, "attributes", None) if settings is not None else None

    def indexed(self, n: int) -> Any:
        if n < 1 or n > len(self.values):
            raise FourDError(ERR_QUERY, f'Invalid query "{self.text}": no value given for placeholder :{n}')
        return self.values[n - 1]

    def path(self, key: Any) -> list[tuple[str, str | None]]:
        if type(key) is int:
            p = self.indexed(key)
        else:
            p = _get(self.attrs, key.split(".")[0]) if isinstance(self.attrs, Obj) else UNDEFINED
            if p is UNDEFINED:
                raise FourDError(ERR_QUERY, f'Invalid query "{self.text}": no attribute given for placeholder :{key}')
        if isinstance(p, Coll):
            if not all(type(x) is str for x in p):
                raise FourDError(ERR_QUERY, "An attribute path placeholder collection must contain texts")
            return [(x, None) for x in p]
        if type(p) is not str:
            raise FourDError(
                ERR_QUERY, f"An attribute path placeholder must be a text or a collection of texts, got {p!r}"
            )
        return _path_parts(p)

    def value(self, key: Any, op: str) -> Any:
        if type(key) is int:
            v = self.indexed(key)
            if isinstance(v, Obj) and op != "IN":
                raise FourDError(
                    ERR_QUERY,
                    "Object or collection references can only be compared through querySettings.parameters",
                )
            if isinstance(v, Coll) and op != "IN":
                raise FourDError(
                    ERR_QUERY,
                    "Object or collection references can only be compared through querySettings.parameters",
                )
        else:
            v = self.params
            for name in key.split("."):
                v = _get(v, name)
            if v is UNDEFINED:
                raise FourDError(ERR_QUERY, f'Invalid query "{self.text}": no value given for placeholder :{key}')
        if v is None:
            return _NULL_PARAM
        if type(v) is int:
            return float(v)
        return v


def _compile(node: tuple, b: _Binder) -> Callable[[Any], bool]:
    kind = node[0]
    if kind == "and":
        left, right = _compile(node[1], b), _compile(node[2], b)
        return lambda el: left(el) and right(el)
    if kind == "or":
        left, right = _compile(node[1], b), _compile(node[2], b)
        return lambda el: left(el) or right(el)
    if kind == "not":
        inner = _compile(node[1], b)
        return lambda el: not inner(el)
    _, path, op, value = node
    parts = _path_parts(path[1]) if path[0] == "path" else b.path(path[1])
    if value[0] == "null":
        v: Any = None
    elif value[0] == "ph":
        v = b.value(value[1], op)
    else:
        v = value[1]
    if op in ("%",) and type(v) is not str:
        raise FourDError(ERR_QUERY, "The % operator expects a text value")
    if isinstance(v, (Obj, Coll)) and op not in ("=", "#", "IN"):
        raise FourDError(ERR_QUERY, f"Object or collection references can only be compared with = or #, not {op}")
    return _compile_cmp(parts, op, v)


def run_query(c: Coll, text: str, values: list[Any], settings: Obj | None) -> list[int]:
    """Indexes of the object elements of c matching the query string."""
    pred = _compile(parse_query(text), _Binder(text, values, settings))
    return [i for i, el in enumerate(list(c)) if isinstance(el, Obj) and pred(el)]
