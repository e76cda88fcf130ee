"""ORDA query strings (DataClassClass.md, `.query()`) and the query compiler shared with classic QUERY.

A query string is tokenized by the collection query tokenizer (stdlib/query.py) and parsed here
with what ORDA adds: `order by`, `eval(...)`, formulas as criteria, `not` without parentheses,
paths through relations (`employer.name`, `roles{2}.actor.lastName`) and into object attributes.

Each criterion is pushed into SQL where the translation is exact (texts through the folded shadow
column, `@` through GLOB/LIKE, dates and times through their integer encodings); the others
(reals within 4D's epsilon, keyword `%`, object paths, computed attributes, formulas) narrow the
candidates in SQL and are decided in Python with the language's own comparison functions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..errors import ERR_NOT_SUPPORTED, ERR_QUERY, FourDError
from ..values import (
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
from . import codec
from .catalog import Field, Table
from .errors import ERR_FORMULAS_OFF, ERR_NULL_FORMULA, ERR_ORDA

_ISO = re.compile(r"\s*(\d{1,5})-(\d{1,2})-(\d{1,2})(?:T[0-9:.]*Z?)?\s*$")
EPS_MARGIN = 2e-6  # SQL range around a real: wider than 4D's epsilon, Python decides exactly
# from this many records, a selection remembers its WHERE clause (see EntitySelection4D.origin)
ORIGIN_MIN = 500


def parse_date(s: str) -> Date4D | None:
    m = _ISO.match(s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if (y, mo, d) == (0, 0, 0):
        from ..values import NULL_DATE

        return NULL_DATE
    return make_date(y, mo, d)


def _err(text: str, msg: str) -> FourDError:
    return FourDError(ERR_QUERY, f'Invalid query "{text}": {msg}')


# ------------------------------------------------------------------ parsing

_ORDER_RX = re.compile(r"\border\s+by\b", re.I)
_EVAL_RX = re.compile(r"\beval\s*\(", re.I)


def _split_order(text: str) -> tuple[str, str]:
    """(criteria, order-by text) — `order by` outside quotes and parentheses."""
    quote = None
    depth = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch in "oO":
            m = _ORDER_RX.match(text, i)
            if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
                return text[:i], text[m.end() :]
        i += 1
    return text, ""


def _extract_evals(text: str) -> tuple[str, list[str]]:
    """`eval(expr)` segments replaced by a marker word; their expressions."""
    out = []
    exprs: list[str] = []
    i = 0
    while True:
        m = _EVAL_RX.search(text, i)
        if m is None:
            out.append(text[i:])
            break
        out.append(text[i : m.start()])
        j = m.end()
        depth = 1
        quote = None
        while j < len(text) and depth:
            ch = text[j]
            if quote:
                if ch == quote:
                    quote = None
            elif ch == '"':
                quote = ch
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            j += 1
        if depth:
            raise _err(text, "unterminated eval(")
        exprs.append(text[m.end() : j - 1])
        out.append(f" m4deval{len(exprs) - 1} ")
        i = j
    return "".join(out), exprs


def _parser_class() -> type:
    from ..stdlib.query import Tok, _Parser

    class DataParser(_Parser):
        """Query strings of dataclasses and entity selections: the collection grammar, plus
        `eval()` (replaced by a marker word before tokenizing) and a placeholder standing alone
        as a formula."""

        def condition_head(self, t: Tok) -> tuple | None:
            if t.kind == "WORD" and re.fullmatch(r"m4deval\d+", t.value):
                return ("formula", ("eval", int(t.value[7:])))
            if t.kind == "PH" and self.peek().kind in ("AND", "OR", "END", ")"):
                return ("formula", ("ph", t.value))
            return None

    return DataParser


@lru_cache(maxsize=512)
def parse(text: str) -> tuple[tuple, tuple[tuple[str, bool], ...], tuple[str, ...]]:
    """(criteria tree, order-by keys (path, descending), eval expressions) of a query string."""
    crit, order = _split_order(text)
    crit, evals = _extract_evals(crit)
    tree = _parser_class()(text, crit).parse()
    keys: list[tuple[str, bool]] = []
    if order.strip():
        for item in order.split(","):
            words = item.split()
            if not words or len(words) > 2:
                raise _err(text, f'bad "order by" item {item.strip()!r}')
            desc = False
            if len(words) == 2:
                d = words[1].lower()
                if d not in ("asc", "desc"):
                    raise _err(text, f'"asc" or "desc" expected after {words[0]}')
                desc = d == "desc"
            keys.append((words[0], desc))
    return tree, tuple(keys), tuple(evals)


# ------------------------------------------------------------------ compiling

_NEG = {"#": "=", "!==": "==="}
_EVENT_OPS = {"=": "==", "#": "!="}  # $event.operator of a query function


class Cond:
    """A compiled criterion: SQL (a superset when not exact) and the exact Python test."""

    __slots__ = ("sql", "params", "exact", "test")

    def __init__(self, sql: str, params: list[Any], exact: bool, test: Callable[[Any], bool] | None):
        self.sql = sql
        self.params = params
        self.exact = exact
        self.test = test  # fn(row) -> bool; row = RowView


class RowView:
    """A candidate record seen by Python tests: number, stamp, values; an entity on demand."""

    __slots__ = ("rec", "stamp", "values", "_entity", "dc")

    def __init__(self, dc: Any, rec: int, stamp: int, values: list[Any]):
        self.dc = dc
        self.rec = rec
        self.stamp = stamp
        self.values = values
        self._entity = None

    def entity(self) -> Any:
        if self._entity is None:
            from .orda import Entity4D
            from .records import Record

            self._entity = Entity4D(self.dc, Record(self.dc.table, self.rec, self.stamp, self.values))
        return self._entity


TRUE = Cond("1=1", [], True, lambda row: True)
FALSE = Cond("1=0", [], True, lambda row: False)


class Binder:
    """Placeholder values and settings of one query call."""

    def __init__(self, text: str, values: list[Any], settings: Obj | None, f: Any, evals: tuple[str, ...]):
        self.text = text
        self.values = values
        self.settings = settings
        self.params = dict.get(settings, "parameters", None) if isinstance(settings, Obj) else None
        self.attrs = dict.get(settings, "attributes", None) if isinstance(settings, Obj) else None
        self.args = dict.get(settings, "args", UNDEFINED) if isinstance(settings, Obj) else UNDEFINED
        allow = dict.get(settings, "allowFormulas", True) if isinstance(settings, Obj) else True
        self.allow_formulas = allow is not False
        self.f = f
        self.evals = evals

    def indexed(self, n: int) -> Any:
        if n < 1 or n > len(self.values):
            raise _err(self.text, f"no value given for placeholder :{n}")
        return self.values[n - 1]

    def named(self, key: str, source: Any, what: str) -> Any:
        v = source
        for part in key.split("."):
            if isinstance(v, Obj):
                v = dict.get(v, part, UNDEFINED)
            elif hasattr(v, "get_4d_property"):
                v = v.get_4d_property(part)
            else:
                v = UNDEFINED
        if v is UNDEFINED:
            raise _err(self.text, f"no {what} given for placeholder :{key}")
        return v

    def value(self, key: Any) -> Any:
        return self.indexed(key) if type(key) is int else self.named(key, self.params, "value")

    def path(self, key: Any) -> list[str]:
        p = self.indexed(key) if type(key) is int else self.named(key, self.attrs, "attribute")
        if isinstance(p, Coll):
            if not all(type(x) is str for x in p):
                raise _err(self.text, "an attribute path collection must hold texts")
            return list(p)
        if type(p) is not str:
            raise _err(self.text, "an attribute path placeholder must be a text or a collection of texts")
        return _split_path(p)


@lru_cache(maxsize=1024)
def _step(step: str) -> tuple[str, str | None]:
    """(attribute name, bracket letter or None) of a path step: `rel{2}` (an independent join:
    each criterion has its own here), `coll[]`, `coll[a]`."""
    if "{" in step:
        m = re.fullmatch(r"(.+?)\{(\d+)\}", step)
        if m:
            step = m.group(1)
    if "[" in step:
        m2 = re.fullmatch(r"(.+?)\[([A-Za-z]?)\]", step)
        if m2:
            return m2.group(1), m2.group(2)
    return step, None


def _both(ta: Callable[[Any], bool], tc: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda row: ta(row) and tc(row)


def _split_path(p: str) -> list[str]:
    return [s for s in p.split(".")]


class Compiler:
    """Compiles a criteria tree against one dataclass."""

    def __init__(self, store: Any, proc: Any, b: Binder):
        self.store = store
        self.proc = proc
        self.b = b
        self.engine = store.need_engine()
        self.backend = self.engine.backend

    def compile(self, node: tuple, dc: Any) -> Cond:
        kind = node[0]
        if kind == "and":
            linked = self.linked(node, dc)
            if linked is not None:
                return linked
        if kind in ("and", "or"):
            a = self.compile(node[1], dc)
            c = self.compile(node[2], dc)
            word = " AND " if kind == "and" else " OR "
            exact = a.exact and c.exact
            ta, tc = a.test, c.test
            if kind == "and":

                def test_and(row: Any) -> bool:
                    return ta(row) and tc(row)  # type: ignore[misc]

                test = test_and
            else:

                def test_or(row: Any) -> bool:
                    return ta(row) or tc(row)  # type: ignore[misc]

                test = test_or
            return Cond(f"({a.sql}{word}{c.sql})", a.params + c.params, exact, test)
        if kind == "not":
            a = self.compile(node[1], dc)
            ta = a.test
            test = lambda row: not ta(row)  # noqa: E731
            if a.exact:
                # SQL's NULL is "unknown"; in 4D a comparison with a Null value is simply false
                return Cond(f"(NOT COALESCE({a.sql}, FALSE))", a.params, True, test)
            return Cond("1=1", [], False, test)  # the negation of a superset is no superset
        if kind == "formula":
            return self.formula(node[1], dc)
        _, pathspec, op, valspec = node
        steps = _split_path(pathspec[1]) if pathspec[0] == "path" else self.b.path(pathspec[1])
        if valspec[0] == "null":
            value: Any = None
        elif valspec[0] == "ph":
            value = self.b.value(valspec[1])
            if value is None:
                return FALSE  # a Null placeholder value does not work (DataClassClass.md): write `= null`
            if value is UNDEFINED:
                return FALSE
        else:
            value = valspec[1]
        if type(value) is int:
            value = float(value)
        return self.criterion(dc, steps, op, value, valspec[0] == "null")

    # ---------------------------------------------------------------- linked criteria
    def linked(self, node: tuple, dc: Any) -> Cond | None:
        """`coll[a].x = 1 and coll[a].y = 2`: the criteria of an AND chain that name the same
        collection with the same letter must hold for one same element (DataClassClass.md, query);
        None when the chain links nothing."""
        leaves: list[tuple] = []

        def flatten(n: tuple) -> None:
            if n[0] == "and":
                flatten(n[1])
                flatten(n[2])
            else:
                leaves.append(n)

        flatten(node)
        groups: dict[tuple[str, ...], list[tuple[tuple, list[str]]]] = {}
        others: list[tuple] = []
        for leaf in leaves:
            key = None
            if leaf[0] == "cmp" and leaf[1][0] == "path":
                steps = _split_path(leaf[1][1])
                for k, step in enumerate(steps):
                    if re.fullmatch(r".*\[[A-Za-z]\]", step):
                        key = tuple(steps[: k + 1])
                        groups.setdefault(key, []).append((leaf, steps[k + 1 :]))
                        break
            if key is None:
                others.append(leaf)
        if not any(len(g) > 1 for g in groups.values()):
            return None
        conds = [self.compile(leaf, dc) for leaf in others]
        for key, members in groups.items():
            if len(members) == 1:
                conds.append(self.compile(members[0][0], dc))
            else:
                conds.append(self.linked_group(dc, list(key), members))
        out = conds[0]
        for c in conds[1:]:
            ta, tc = out.test, c.test
            assert ta is not None and tc is not None
            out = Cond(
                f"({out.sql} AND {c.sql})",
                out.params + c.params,
                out.exact and c.exact,
                _both(ta, tc),
            )
        return out

    def linked_group(self, dc: Any, prefix: list[str], members: list[tuple[tuple, list[str]]]) -> Cond:
        """One element of the collection at `prefix` (its last step `name[x]`) meets every criterion."""
        from ..stdlib.query import _NEGATED, _match_one, _values

        name, _ = _step(prefix[0])
        a = dc.attrs.get(name)
        if a is None or a.kind != "storage" or a.field.kind != "object":
            raise FourDError(
                ERR_NOT_SUPPORTED,
                f'Query "{self.b.text}": linked criteria ([letter]) are supported on Object attributes of '
                f"{dc.name} only",
            )
        f = a.field
        parts: list[tuple[str, str | None]] = []
        for seg in prefix:
            m = re.fullmatch(r"(.*?)\[([A-Za-z]?)\]", seg)
            parts.append((m.group(1), None) if m else (seg, None))
        parts = parts[1:]  # below the attribute itself
        coll_on_attr = len(prefix) == 1  # `attr[a]`: the attribute holds the collection
        checks = []
        for leaf, rest in members:
            _, _, op, valspec = leaf
            if valspec[0] == "null":
                value: Any = None
            elif valspec[0] == "ph":
                value = self.b.value(valspec[1])
            else:
                value = valspec[1]
            if type(value) is int:
                value = float(value)
            rest_parts = [(seg, None) for seg in rest]
            checks.append((rest_parts, op, value))

        def element_ok(el: Any) -> bool:
            for rest_parts, op, value in checks:
                vals, _, _ = _values(el, rest_parts) if rest_parts else ([el], False, False)
                if value is None:
                    hit = any(v is None or v is UNDEFINED for v in vals)
                    if hit != (op in ("=", "===")):
                        return False
                    continue
                positive = _NEGATED.get(op)
                if positive is not None:
                    if not any(
                        v is not None and v is not UNDEFINED and not _match_one(v, positive, value) for v in vals
                    ):
                        return False  # this element differs
                elif not any(_match_one(v, op, value) for v in vals):
                    return False
            return True

        i = f.index

        def test(row: Any) -> bool:
            o = row.values[i]
            if o is None:
                return False
            coll = o
            if not coll_on_attr:
                for nm, _ in parts:
                    coll = coll.get(nm, UNDEFINED) if isinstance(coll, Obj) else UNDEFINED
            return isinstance(coll, Coll) and any(element_ok(el) for el in coll)

        return Cond(f"{f.column} IS NOT NULL", [], False, test)

    # ---------------------------------------------------------------- one criterion
    def criterion(self, dc: Any, steps: list[str], op: str, value: Any, is_null: bool) -> Cond:
        name = steps[0]
        name, bracket = _step(name)
        a = dc.attrs.get(name)
        if a is None:
            raise FourDError(ERR_QUERY, f'Invalid query "{self.b.text}": {dc.name} has no attribute "{name}"')
        rest = steps[1:]
        if a.kind == "alias":
            return self.criterion(dc, _split_path(a.path) + rest, op, value, is_null)
        if a.kind == "storage":
            f = a.field
            if f.kind == "object":
                sub = ([name + (f"[{bracket}]" if bracket is not None else "")] + rest)[1:]
                if bracket is not None:
                    sub = [""] + rest if False else sub
                return self.object_path(f, bracket, rest, op, value, is_null)
            if rest or bracket is not None:
                raise FourDError(ERR_QUERY, f'Invalid query "{self.b.text}": "{name}" is not an object attribute')
            return self.storage(f, op, value, is_null)
        if a.kind in ("relatedEntity", "relatedEntities"):
            rel = a.relation
            related = dc.related_dc(a.related)
            if not rest:
                if a.kind == "relatedEntity" and is_null:
                    return self.storage(rel.source, op, value, True)
                raise FourDError(ERR_QUERY, f'Invalid query "{self.b.text}": give an attribute of "{name}"')
            inner = self.criterion(related, rest, op, value, is_null)
            rt = related.table
            if a.kind == "relatedEntity":
                outer_col, inner_col = rel.source.column, rel.dest.column
            else:
                outer_col, inner_col = rel.dest.column, rel.source.column
            if inner.exact:
                sql = f"{outer_col} IN (SELECT {inner_col} FROM {rt.sql} WHERE {inner.sql})"
                return self._subquery_cond(dc, sql, inner.params)
            keys = self.run_keys(related, inner, inner_col)
            sql = self.backend.in_list(outer_col)
            return self._subquery_cond(dc, sql, [self.backend.list_param(keys)])
        if a.kind == "calculated":
            return self.calculated(dc, a, rest, op, value, is_null)
        raise FourDError(ERR_QUERY, f'Invalid query "{self.b.text}": "{name}" cannot be searched')

    def _subquery_cond(self, dc: Any, sql: str, params: list[Any]) -> Cond:
        cache: dict[str, set[int]] = {}
        eng = self.engine
        proc = self.proc

        def test(row: Any) -> bool:
            s = cache.get("s")
            if s is None:
                rows = eng.query(proc, f"SELECT __rec FROM {dc.table.sql} WHERE {sql}", params)
                s = cache["s"] = {int(r[0]) for r in rows}
            return row.rec in s

        return Cond(sql, params, True, test)

    def run_keys(self, dc: Any, cond: Cond, col: str) -> list[Any]:
        """Values of `col` of the records matching an inexact criterion (decided in Python)."""
        recs = run_cond(self, dc, cond)
        if not recs:
            return []
        t = dc.table
        rows = self.engine.query(
            self.proc,
            f"SELECT {col} FROM {t.sql} WHERE {self.backend.in_list('__rec')}",
            (self.backend.list_param(recs),),
        )
        return [r[0] for r in rows if r[0] is not None]

    def storage(self, f: Field, op: str, value: Any, is_null: bool) -> Cond:
        col = f.column
        i = f.index
        if is_null:
            if op in ("=", "==="):
                return Cond(f"{col} IS NULL", [], True, lambda row: row.values[i] is None)
            if op in ("#", "!=="):
                return Cond(f"{col} IS NOT NULL", [], True, lambda row: row.values[i] is not None)
            return FALSE
        if op in _NEG:
            pos = self.storage(f, _NEG[op], value, False)
            pt = pos.test
            test = lambda row: row.values[i] is not None and not pt(row)  # noqa: E731
            if pos.exact:
                return Cond(f"({col} IS NOT NULL AND NOT {pos.sql})", pos.params, True, test)
            return Cond(f"{col} IS NOT NULL", [], False, test)
        if op == "IN":
            if not isinstance(value, (Coll, list)):
                raise FourDError(ERR_QUERY, f'Invalid query "{self.b.text}": IN expects a collection')
            parts = [self.storage(f, "=", v if type(v) is not int else float(v), v is None) for v in value]
            if not parts:
                return FALSE
            exact = all(p.exact for p in parts)
            tests = [p.test for p in parts]
            sql = "(" + " OR ".join(p.sql for p in parts) + ")"
            return Cond(sql, [x for p in parts for x in p.params], exact, lambda row: any(t(row) for t in tests))
        k = f.kind
        if k == "text":
            return self._text(f, op, value)
        if k in ("int16", "int32", "int64", "real"):
            return self._number(f, op, value)
        if k == "bool":
            if type(value) is str and value in ("true", "false"):
                value = value == "true"
            if type(value) is not bool or op not in ("=", "==="):
                return FALSE
            iv = 1 if value else 0
            return Cond(f"{col} = ?", [iv], True, lambda row: row.values[i] is value)
        if k == "date":
            d = value if type(value) is Date4D else parse_date(value) if type(value) is str else None
            if d is None:
                return FALSE
            enc = codec.encode(f, d)
            return self._ordered(f, op, enc, d)
        if k == "time":
            if type(value) is Time4D:
                secs: Any = value.s
            elif type(value) in (float, int):
                secs = value
            else:
                return FALSE
            return self._ordered(f, op, secs, Time4D(secs))
        if k == "object":
            return FALSE
        raise FourDError(ERR_QUERY, f'Invalid query "{self.b.text}": {f.kind} attributes cannot be searched')

    def _ordered(self, f: Field, op: str, enc: Any, v: Any) -> Cond:
        col = f.column
        i = f.index
        sop = {"=": "=", "===": "=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}.get(op)
        if sop is None:
            return FALSE

        def test(row: Any) -> bool:
            x = row.values[i]
            if x is None:
                return False
            if sop == "=":
                return x == v
            return compare(x, v, op)

        return Cond(f"{col} {sop} ?", [enc], True, test)

    def _number(self, f: Field, op: str, value: Any) -> Cond:
        col = f.column
        i = f.index
        if type(value) is str:
            try:
                value = float(value)
            except ValueError:
                return FALSE
        elif type(value) is Time4D:
            value = float(value.s)
        if type(value) is not float:
            return FALSE
        if value != value:
            return FALSE
        if op in ("=", "==="):

            def test_eq(row: Any) -> bool:
                x = row.values[i]
                return x is not None and num_eq(x, value)

            if f.kind != "real" and value == math.floor(value) and abs(value) < 2**62:
                return Cond(f"{col} = ?", [int(value)], True, test_eq)
            return Cond(f"{col} BETWEEN ? AND ?", [value - EPS_MARGIN, value + EPS_MARGIN], False, test_eq)
        if op in ("<", ">", "<=", ">="):

            def test_cmp(row: Any) -> bool:
                x = row.values[i]
                return x is not None and compare(x, value, op)

            return Cond(f"{col} {op} ?", [value], True, test_cmp)
        return FALSE

    def _text(self, f: Field, op: str, value: Any) -> Cond:
        sh = self.engine.shadow(f)
        i = f.index
        if type(value) in (float, int):
            from ..values import format_number

            value = format_number(value)
        if type(value) is not str:
            return FALSE
        if op == "%":
            core = value.strip()
            prefix = core.endswith("@")
            core = core[:-1] if prefix else core
            if not core:
                return FALSE
            pat = self.backend.wildcard_param(["", fold(core), ""])
            return Cond(
                self.backend.wildcard(sh),
                [pat],
                False,
                lambda row: row.values[i] is not None and keyword_match(row.values[i], value),
            )
        if op == "=" and "@" in value:
            if "@@" in value:
                return FALSE
            head = fold(value[:-1]) if value.index("@") == len(value) - 1 else ""
            if head and head[-1] < "\U0010ffff":
                # "abc@": a range of the folded column (an index range with plain parameters;
                # GLOB/LIKE with a parameter is prepared again for each pattern)
                upper = head[:-1] + chr(ord(head[-1]) + 1)
                return Cond(
                    f"({sh} >= ? AND {sh} < ?)",
                    [head, upper],
                    True,
                    lambda row: row.values[i] is not None and text_eq(row.values[i], value),
                )
            pat = self.backend.wildcard_param([fold(p) for p in value.split("@")])
            return Cond(
                self.backend.wildcard(sh),
                [pat],
                True,
                lambda row: row.values[i] is not None and text_eq(row.values[i], value),
            )
        if op in ("=", "==="):
            fv = fold(value)
            return Cond(f"{sh} = ?", [fv], True, lambda row: row.values[i] is not None and fold(row.values[i]) == fv)
        if op in ("<", ">", "<=", ">="):

            def test(row: Any) -> bool:
                x = row.values[i]
                return x is not None and compare(x, value, op)

            if value.endswith("@") and "@" not in value[:-1]:
                fb = fold(value[:-1])
                return Cond(f"substr({sh}, 1, {len(fb)}) {op} ?", [fb], True, test)
            return Cond(f"{sh} {op} ?", [fold(value)], True, test)
        return FALSE

    def object_path(
        self,
        f: Field,
        bracket: str | None,
        rest: list[str],
        op: str,
        value: Any,
        is_null: bool,
        comparable: bool = False,
    ) -> Cond:
        """A criterion inside an object attribute: decided in Python (the language's collection-query rules).
        `comparable` (QUERY BY ATTRIBUTE): `#` on `[]` also needs one element to compare."""
        from ..stdlib.query import _NEGATED, _match_one

        i = f.index
        parts: list[tuple[str, str | None]] = []
        if bracket is not None:
            parts.append(("", bracket))
        for seg in rest:
            m = re.fullmatch(r"(.*?)\[([A-Za-z]?)\]", seg)
            parts.append((m.group(1), m.group(2)) if m else (seg, None))

        def values_of(row: Any) -> tuple[list[Any], bool, bool]:
            from ..stdlib.query import _values

            o = row.values[i]
            if o is None:
                return [UNDEFINED], False, False
            if not parts:
                return [o], False, False
            return _values(o, parts)

        if is_null:

            def test_null(row: Any) -> bool:
                vals, multi, _ = values_of(row)
                hit = any(v is None or v is UNDEFINED for v in vals) if vals else multi
                return hit if op in ("=", "===") else (not hit) if op in ("#", "!==") else False

            return Cond("1=1", [], False, test_null)
        positive = _NEGATED.get(op)
        if type(value) is int:
            value = float(value)

        def test(row: Any) -> bool:
            vals, multi, letter = values_of(row)
            if positive is not None:
                vals = [v for v in vals if v is not None and v is not UNDEFINED] if not multi else vals
                if not multi and not vals:
                    return False  # `#` does not return Null or missing values
                if multi and letter:
                    return any(not _match_one(v, positive, value) for v in vals)
                if multi and comparable and not any(v is not None and v is not UNDEFINED for v in vals):
                    return False  # nothing to compare: such records are left out
                return not any(_match_one(v, positive, value) for v in vals)
            return any(_match_one(v, op, value) for v in vals)

        return Cond(f"{f.column} IS NOT NULL", [], False, test)

    def calculated(self, dc: Any, a: Any, rest: list[str], op: str, value: Any, is_null: bool) -> Cond:
        """A computed attribute: its `Function query` when it has one, else a sequential search calling `get`."""
        from ..stdlib.query import _NEGATED, _match_one

        ec = getattr(dc, "entity_cls", None)
        qfn = getattr(ec, "orda_functions", {}).get(("query", a.name)) if ec is not None and not rest else None
        if qfn is not None:
            cond = self._query_function(dc, a, qfn, op, value)
            if cond is not None:
                return cond
        positive = _NEGATED.get(op)

        def test(row: Any) -> bool:
            e = row.entity()
            v = e.get_attr(a, self.proc)
            for step in rest:
                v = v.get(step, UNDEFINED) if isinstance(v, Obj) else UNDEFINED
            if is_null:
                hit = v is None or v is UNDEFINED
                return hit if op in ("=", "===") else not hit
            if positive is not None:
                return v is not None and v is not UNDEFINED and not _match_one(v, positive, value)
            return _match_one(v, op, value)

        return Cond("1=1", [], False, test)

    def _query_function(self, dc: Any, a: Any, qfn: Any, op: str, value: Any) -> Cond | None:
        """`Function query <attr>($event)`: a query string, {query; parameters}, or $event.result."""
        from .orda import EntitySelection4D

        ev = Obj()
        ev.update(
            {
                "attributeName": a.name,
                "dataClassName": dc.name,
                "kind": "query",
                "value": value,
                "operator": _EVENT_OPS.get(op, op),
                "result": UNDEFINED,
            }
        )
        r = qfn.invoke(self.b.f, [ev], this=None)
        res = dict.get(ev, "result", UNDEFINED)
        if isinstance(res, EntitySelection4D):
            recs = res.recs
            return self._subquery_cond(dc, self.backend.in_list("__rec"), [self.backend.list_param(recs)])
        text, values = None, []
        if type(r) is str:
            text = r
        elif isinstance(r, Obj) and type(dict.get(r, "query")) is str:
            text = r["query"]
            params = dict.get(r, "parameters", None)
            values = list(params) if isinstance(params, Coll) else []
        if text is None:
            return None
        tree, order, evals = parse(text)
        if order:
            raise FourDError(ERR_QUERY, f'"order by" is not allowed in the query function of {a.name}')
        sub = Compiler(self.store, self.proc, Binder(text, values, None, self.b.f, evals))
        return sub.compile(tree, dc)

    def formula(self, spec: tuple, dc: Any) -> Cond:
        if not self.b.allow_formulas:
            raise FourDError(ERR_FORMULAS_OFF, "Formulas are not allowed in this query (allowFormulas is false)")
        if spec[0] == "eval":
            from ..formulas import formula_from_string

            fn = formula_from_string(self.store.runtime.interp, self.b.evals[spec[1]], None)
        else:
            fn = self.b.value(spec[1])
            if fn is None or fn is UNDEFINED:
                raise FourDError(ERR_NULL_FORMULA, "The formula given to the query is Null")
            if not getattr(fn, "is_formula", False):
                raise _err(self.b.text, f"placeholder :{spec[1]} does not hold a formula")
        args = self.b.args
        f = self.b.f

        def test(row: Any) -> bool:
            r = fn.invoke(f, [] if args is UNDEFINED else [args], this=row.entity())
            return r is True

        return Cond("1=1", [], False, test)


def run_cond(
    comp: Compiler, dc: Any, cond: Cond, within: list[int] | None = None, within_where: Any = None
) -> list[int]:
    """Record numbers matching a compiled criterion, in record-number order."""
    eng = comp.engine
    t: Table = dc.table
    where = cond.sql
    params = list(cond.params)
    if within_where is not None:
        where = f"({where}) AND ({within_where[0]})"
        params.extend(within_where[1])
    elif within is not None:
        where = f"({where}) AND {eng.backend.in_list('__rec')}"
        params.append(eng.backend.list_param(within))
    if cond.exact:
        rows = eng.query(comp.proc, f"SELECT __rec FROM {t.sql} WHERE {where} ORDER BY __rec", params)
        return [r[0] for r in rows]  # integers from both backends
    rows = eng.query(comp.proc, f"SELECT {eng.select_cols(t)} FROM {t.sql} WHERE {where} ORDER BY __rec", params)
    test = cond.test
    out = []
    for row in rows:
        rv = RowView(dc, int(row[0]), int(row[1]), eng.decode_row(t, row))
        if test(rv):  # type: ignore[misc]
            out.append(rv.rec)
    return out


# ------------------------------------------------------------------ ordering


def expand_keys(dc: Any, keys: list[tuple[list[str], bool]]) -> list[tuple[list[str], bool]]:
    """Sort keys with computed attributes replaced by what their `Function orderBy` returns."""
    ec = getattr(dc, "entity_cls", None)
    fns = getattr(ec, "orda_functions", None) if ec is not None else None
    if not fns:
        return keys
    out: list[tuple[list[str], bool]] = []
    for steps, desc in keys:
        fn = fns.get(("orderby", steps[0])) if len(steps) == 1 else None
        if fn is None:
            out.append((steps, desc))
            continue
        ev = Obj()
        ev.update(
            {
                "attributeName": steps[0],
                "dataClassName": dc.name,
                "kind": "orderBy",
                "operator": "desc" if desc else "asc",
                "descending": desc,
                "result": UNDEFINED,
            }
        )
        r = fn.invoke(None, [ev], this=None)
        if type(r) is not str:
            r = dict.get(ev, "result", UNDEFINED)
        if type(r) is not str:
            out.append((steps, desc))
            continue
        out.extend(parse_order_string(r))
    return out


def order_recs(
    store: Any,
    proc: Any,
    dc: Any,
    recs: list[int],
    keys: list[tuple[list[str], bool]],
    where: tuple[str, list[Any]] | None = None,
) -> list[int]:
    """Record numbers sorted by attribute paths (ascending: Null first); ties keep their order."""
    if len(recs) < 2 or not keys:
        return list(recs)
    keys = expand_keys(dc, keys)
    eng = store.need_engine()
    t = dc.table
    exprs: list[str] = []
    pyk: list[tuple[int, Any, bool]] = []
    for steps, desc in keys:
        expr = _order_expr(store, dc, steps)
        if expr is None:
            return _order_python(store, proc, dc, recs, keys)
        exprs.append(expr + (" DESC" if desc else ""))
        if eng.backend.name == "postgresql":
            exprs[-1] += " NULLS LAST" if desc else " NULLS FIRST"
    del pyk
    unique = len(set(recs)) == len(recs)
    if unique:
        w, params = where if where is not None else (eng.backend.in_list("__rec"), [eng.backend.list_param(recs)])
        rows = eng.query(proc, f"SELECT __rec FROM {t.sql} WHERE {w} ORDER BY {', '.join(exprs)}, __rec", params)
        return [int(r[0]) for r in rows]
    return _order_python(store, proc, dc, recs, keys)


def _order_expr(store: Any, dc: Any, steps: list[str]) -> str | None:
    """SQL for sorting by a path: a storage attribute or one reached through many-to-one relations."""
    eng = store.need_engine()
    a = dc.attrs.get(steps[0])
    if a is None:
        raise FourDError(ERR_ORDA, f'{dc.name} has no attribute "{steps[0]}"')
    if a.kind == "alias":
        return _order_expr(store, dc, _split_path(a.path) + steps[1:])
    if a.kind == "storage" and len(steps) == 1:
        f = a.field
        if f.kind in ("object", "picture", "blob"):
            return None
        return eng.shadow(f) if f.is_text else f.column
    if a.kind == "relatedEntity" and len(steps) > 1:
        rel = a.relation
        related = dc.related_dc(a.related)
        inner = _order_expr(store, related, steps[1:])
        if inner is None:
            return None
        rt = related.table
        alias = f"o{id(rel) % 9973}"
        outer = f"{dc.table.sql}.{rel.source.column}"
        return f"(SELECT {inner} FROM {rt.sql} AS {alias} WHERE {alias}.{rel.dest.column} = {outer})"
    return None


def _order_python(store: Any, proc: Any, dc: Any, recs: list[int], keys: list[tuple[list[str], bool]]) -> list[int]:
    from functools import cmp_to_key

    from .orda import EntitySelection4D

    es = EntitySelection4D(dc, recs, ordered=True)
    ents = es.entities(proc)

    def value(e: Any, steps: list[str]) -> Any:
        v: Any = e
        for s in steps:
            if v is None or v is UNDEFINED:
                return None
            if hasattr(v, "get_4d_property"):
                v = v.get_4d_property(s)
            elif isinstance(v, Obj):
                v = dict.get(v, s, UNDEFINED)
            else:
                return None
        return None if v is UNDEFINED else v

    rows = [(e.rec().rec, [value(e, st) for st, _ in keys]) for e in ents if e.rec().rec >= 0]

    def cmp(x: Any, y: Any) -> int:
        for k, (_, desc) in enumerate(keys):
            c = _cmp_values(x[1][k], y[1][k])
            if c:
                return -c if desc else c
        return 0

    rows.sort(key=cmp_to_key(cmp))
    return [r for r, _ in rows]


def _cmp_values(a: Any, b: Any) -> int:
    if a is None or b is None:
        return 0 if a is b else (-1 if a is None else 1)
    try:
        if compare(a, b, "<"):
            return -1
        if compare(a, b, ">"):
            return 1
    except FourDError:
        return 0
    return 0


def parse_order_string(text: str) -> list[tuple[list[str], bool]]:
    keys = []
    for item in text.split(","):
        words = item.split()
        if not words:
            continue
        desc = len(words) > 1 and words[1].lower() == "desc"
        if len(words) > 1 and words[1].lower() not in ("asc", "desc"):
            raise FourDError(ERR_ORDA, f'.orderBy(): "asc" or "desc" expected after {words[0]}')
        keys.append((_split_path(words[0]), desc))
    return keys


# ------------------------------------------------------------------ entry points


def run_query(
    f: Any,
    dc: Any,
    text: str,
    values: list[Any],
    settings: Obj | None,
    within: list[int] | None = None,
) -> tuple[list[int], bool]:
    """Record numbers for a query string (and whether an `order by` made them ordered)."""
    recs, ordered, _ = run_query_origin(f, dc, text, values, settings, within)
    return recs, ordered


def run_query_origin(
    f: Any,
    dc: Any,
    text: str,
    values: list[Any],
    settings: Obj | None,
    within: list[int] | None = None,
    within_where: Any = None,
) -> tuple[list[int], bool, Any]:
    """run_query, and the WHERE clause that selected the records when it is exact (else None)."""
    store = dc.store
    proc = f.process if f is not None else store.runtime.main
    tree, order, evals = parse(text)
    comp = Compiler(store, proc, Binder(text, values, settings, f, evals))
    cond = comp.compile(tree, dc)
    recs = run_cond(comp, dc, cond, within, within_where)
    origin = None
    if cond.exact and within is None and within_where is None and len(recs) >= ORIGIN_MIN:
        origin = (cond.sql, list(cond.params), comp.engine.snapshot(proc))
    if order:
        where = (origin[0], origin[1]) if origin is not None else None
        recs = order_recs(store, proc, dc, recs, [(_split_path(p), d) for p, d in order], where)
        return recs, True, origin
    return recs, False, origin


def query_dataclass(
    f: Any, dc: Any, args: list[Any], span: Any, within: list[int] | None = None, within_es: Any = None
) -> Any:
    """`dataClass.query(...)` / `entitySelection.query(...)`."""
    from .orda import EntitySelection4D

    if not args:
        raise FourDError(ERR_QUERY, ".query() needs a query string or a formula")
    first = args[0]
    rest = list(args[1:])
    settings = rest.pop() if rest and isinstance(rest[-1], Obj) and not getattr(rest[-1], "is_formula", False) else None
    if getattr(first, "is_formula", False):
        text = ":1"
        values = [first]
    elif first is None:
        raise FourDError(ERR_NULL_FORMULA, "The formula given to the query is Null")
    elif type(first) is not str:
        raise FourDError(ERR_QUERY, ".query() needs a query string or a formula")
    else:
        text = first
        values = rest
    within_where = None
    if within is not None and isinstance(within_es, EntitySelection4D) and within_es.origin is not None:
        proc = f.process if f is not None else dc.store.runtime.main
        w = within_es.where(proc)
        if within_es.origin[0] == w[0]:
            within_where, within = w, None
    recs, ordered, origin = run_query_origin(f, dc, text, values, settings, within, within_where)
    es = EntitySelection4D(dc, recs, ordered=ordered)
    es.origin = origin
    if isinstance(settings, Obj) and (
        dict.get(settings, "queryPlan") is True or dict.get(settings, "queryPath") is True
    ):
        plan = Obj()
        plan.update({"item": text, "subquery": Coll()})
        es.query_plan = plan
        path = Obj()
        path.update({"steps": Coll(), "description": text, "recordsfounds": float(len(recs))})
        es.query_path = path
    return es


# ------------------------------------------------------------------ classic QUERY and ORDER BY


class TableOnly:
    """What the compiler needs of a dataclass when a classic command queries any table."""

    def __init__(self, table: Table):
        self.table = table
        self.name = table.name
        self.attrs: dict[str, Any] = {}

    def related_dc(self, t: Table) -> TableOnly:
        return TableOnly(t)


def relation_path(start: Table, target: Table) -> list[tuple[Any, bool]]:
    """Relations leading from `start` to `target` (many-to-one first, then one-to-many): (relation, to_one)."""
    if start is target:
        return []
    seen = {start.uuid}
    frontier: list[tuple[Table, list[tuple[Any, bool]]]] = [(start, [])]
    while frontier:
        nxt = []
        for t, path in frontier:
            steps = [(rel, True, rel.dest.table) for rel in t.many_to_one] + [
                (rel, False, rel.source.table) for rel in t.one_to_many
            ]
            for rel, to_one, other in steps:
                if other is None or other.uuid in seen:
                    continue
                p = path + [(rel, to_one)]
                if other is target:
                    return p
                seen.add(other.uuid)
                nxt.append((other, p))
        frontier = nxt
    raise FourDError(
        ERR_QUERY, f"[{target.name}] is not related to [{start.name}]: its fields cannot be searched from it"
    )


def classic_criterion(comp: Compiler, table: Table, f: Field, op: str, value: Any) -> Cond:
    """`[T]F op value` for a query on `table` (F may be in a table related to it)."""
    assert f.table is not None
    if op == "!=":
        op = "#"
    is_null = value is None
    if type(value) is int:
        value = float(value)
    return _through_relations(comp, table, f, comp.storage(f, op, value, is_null))


def attribute_criterion(comp: Compiler, table: Table, f: Field, path: str, op: str, value: Any) -> Cond:
    """QUERY BY ATTRIBUTE: `path op value` inside the Object field F (of `table` or of a table related
    to it). An empty object as value stands for "not defined" (`=`) and "defined" (`#`)."""
    if f.kind != "object":
        raise FourDError(ERR_QUERY, f"QUERY BY ATTRIBUTE: {f.name} is not an Object field")
    if op == "!=":
        op = "#"
    if op not in ("=", "#", "<", ">", "<=", ">=", "%"):
        raise FourDError(ERR_QUERY, f"QUERY BY ATTRIBUTE: unknown comparator {op!r}")
    steps = [s.strip() for s in path.split(".")]
    if not path.strip() or any(not s for s in steps):
        raise FourDError(ERR_QUERY, f"QUERY BY ATTRIBUTE: invalid attribute path {path!r}")
    if isinstance(value, Obj) and not dict.__len__(value):
        value = None
    if type(value) is int:
        value = float(value)
    cond = comp.object_path(f, None, steps, op, value, value is None, comparable=True)
    return _through_relations(comp, table, f, cond)


def linked_attribute_criteria(
    comp: Compiler, table: Table, f: Field, prefix: list[str], members: list[tuple[list[str], str, Any]]
) -> Cond:
    """QUERY BY ATTRIBUTE lines joined by & whose paths name the same array with the same letter
    (`locations[a].city`, `locations[a].kind`): one element must meet them all. `prefix`: the path
    steps down to the array (`locations[a]`); members: (steps below it, comparator, value)."""
    from .orda import Attr

    a = Attr(f.name, "storage")
    a.field = f
    holder = TableOnly(f.table if f.table is not None else table)
    holder.attrs = {f.name: a}
    leaves = []
    for rest, op, v in members:
        if isinstance(v, Obj) and not dict.__len__(v):
            v = None
        leaves.append((("cmp", ("path", ""), "#" if op == "!=" else op, ("v", v)), rest))
    cond = comp.linked_group(holder, [f.name, *prefix], leaves)
    return _through_relations(comp, table, f, cond)


def _through_relations(comp: Compiler, table: Table, f: Field, cond: Cond) -> Cond:
    """A criterion on F's table turned into one on `table`, following the relations between them."""
    assert f.table is not None
    path = relation_path(table, f.table)
    for rel, to_one in reversed(path):
        outer_t = rel.source.table if to_one else rel.dest.table
        inner_t = rel.dest.table if to_one else rel.source.table
        outer_col = rel.source.column if to_one else rel.dest.column
        inner_col = rel.dest.column if to_one else rel.source.column
        if cond.exact:
            sql = f"{outer_col} IN (SELECT {inner_col} FROM {inner_t.sql} WHERE {cond.sql})"
            cond = comp._subquery_cond(TableOnly(outer_t), sql, cond.params)
        else:
            keys = comp.run_keys(TableOnly(inner_t), cond, inner_col)
            cond = comp._subquery_cond(
                TableOnly(outer_t), comp.backend.in_list(outer_col), [comp.backend.list_param(keys)]
            )
    return cond


def classic_order(store: Any, proc: Any, table: Table, recs: list[int], levels: list[tuple[Field, bool]]) -> list[int]:
    """ORDER BY: record numbers sorted by fields of the table or of tables it has a many-to-one path to."""
    if len(recs) < 2 or not levels:
        return list(recs)
    eng = store.need_engine()
    exprs = []
    for f, asc in levels:
        assert f.table is not None
        col = eng.shadow(f) if f.is_text else f.column
        path = relation_path(table, f.table)
        if any(not to_one for _, to_one in path):
            raise FourDError(ERR_QUERY, f"ORDER BY: [{f.table.name}] is not on the one side of [{table.name}]")
        expr = col
        for k, (rel, _) in enumerate(reversed(path)):
            alias = f"o{len(path) - k}"
            outer = rel.source.table.sql if k == len(path) - 1 else f"o{len(path) - k - 1}"
            where = f"{alias}.{rel.dest.column} = {outer}.{rel.source.column}"
            expr = f"(SELECT {expr} FROM {rel.dest.table.sql} AS {alias} WHERE {where})"
        expr += "" if asc else " DESC"
        if eng.backend.name == "postgresql":
            expr += " NULLS FIRST" if asc else " NULLS LAST"
        exprs.append(expr)
    if len(set(recs)) != len(recs):
        order = classic_order(store, proc, table, list(dict.fromkeys(recs)), levels)
        return order
    rows = eng.query(
        proc,
        f"SELECT __rec FROM {table.sql} WHERE {eng.backend.in_list('__rec')} ORDER BY {', '.join(exprs)}, __rec",
        (eng.backend.list_param(recs),),
    )
    return [int(r[0]) for r in rows]
