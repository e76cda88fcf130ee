"""Build nodes inside the LALR parse (Lark `transformer=`): no parse tree is kept."""

from __future__ import annotations

import re
import threading
from sys import intern
from typing import Any

from lark import Token, Transformer

from . import nodes as N
from .errors import Syntax4DError
from .registry import REGISTRY, norm
from .source import Source, Span
from .values import NULL_DATE, Time4D, make_date, wrap_int32

_state = threading.local()


def set_build_source(source: Source | None) -> None:
    _state.source = source


def formula_text(on: bool) -> None:
    """While on, a text is a formula: a lone `a = b` compares (in a method it is a typo for `:=`)."""
    _state.formula = on


def _src() -> Source:
    return _state.source


def _tspan(tok: Token) -> Span:
    return Span(_state.source, tok.start_pos, tok.end_pos)


def _start(x: Any) -> int:
    if isinstance(x, Token):
        return x.start_pos
    if isinstance(x, N.Node):
        return x.span.start
    if isinstance(x, tuple):
        for item in x:
            s = _start(item)
            if s >= 0:
                return s
    return -1


def _end(x: Any) -> int:
    if isinstance(x, Token):
        return x.end_pos
    if isinstance(x, N.Node):
        return x.span.end
    if isinstance(x, tuple):
        for item in reversed(x):
            e = _end(item)
            if e >= 0:
                return e
    return -1


def _between(first: N.Node, last: N.Node) -> Span:
    """`span_of(first, last)` for two nodes, without its generic walk (hot callbacks)."""
    start = first.span.start
    end = last.span.end
    # a call whose last argument is `*` ends at 1 (the span of `*` is empty at 0): never before start
    return Span(_state.source, start, end if end > start else start)


def span_of(*items: Any) -> Span:
    start = 0
    for item in items:
        s = _start(item)
        if s >= 0:
            start = s
            break
    end = start
    for item in reversed(items):
        e = _end(item)
        if e >= 0:
            end = e
            break
    return Span(_state.source, start, max(end, start))


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_ESC_RX = re.compile(r"\\(.)", re.S)


def unescape(body: str) -> str:
    if "\\" not in body:
        return body
    return _ESC_RX.sub(lambda m: _ESCAPES.get(m.group(1).lower(), "\\" + m.group(1)), body)


def parse_date_literal(text: str) -> Any:
    parts = re.split(r"[-/.]", text.strip("!"))
    nums = [int(p) for p in parts]
    if all(n == 0 for n in nums):
        return NULL_DATE
    if len(parts[0]) >= 3:
        y, m, d = nums
    else:  # legacy system format (US: month/day/year)
        m, d, y = nums
        if len(parts[2]) <= 2:
            y += 2000 if y < 30 else 1900
    return make_date(y, m, d)


def parse_time_literal(text: str) -> Time4D:
    parts = [int(p) for p in text.strip("?").split(":")]
    while len(parts) < 3:
        parts.append(0)
    h, m, s = parts
    return Time4D(h * 3600 + m * 60 + s)


# Type names of `var`, `#DECLARE`, `Function` and `property` (docs/Concepts/variables.md).
_TYPES = frozenset(
    (
        "text",
        "date",
        "time",
        "boolean",
        "integer",
        "real",
        "pointer",
        "picture",
        "blob",
        "collection",
        "variant",
        "object",
    )
)


def _class_path(text: str) -> str:
    """`cs.Foo` or `4D.File` from a class store path as written, tokenized or not (`cs:C1710.Foo`)."""
    store, _, rest = text.partition(".")
    return f"{store.partition(':')[0]}.{rest}" if rest else text


def _type_name(tok: Token | None) -> str | None:
    if tok is None:
        return None
    t = _class_path(str(tok))
    if t.lower().startswith(("cs.", "4d.")):
        return t
    if t.lower() not in _TYPES:
        raise Syntax4DError(
            f"Unknown type `{t}` (expected Text, Integer, Real, Boolean, Date, Time, Object, "
            "Collection, Variant, Pointer, Picture, Blob, 4D.Class or cs.Class)",
            _tspan(tok),
        )
    return t.lower()


def _is_tok(x: Any, *types: str) -> bool:
    return isinstance(x, Token) and x.type in types


# Block keywords that close or continue a block, and the keyword that opens it.
_CLOSERS = {
    "end if": "If",
    "else": "If` or `Case of",
    "end case": "Case of",
    "end while": "While",
    "until": "Repeat",
    "end for": "For",
    "end for each": "For each",
    "end use": "Use",
    "catch": "Try",
    "end try": "Try",
}


class Builder(Transformer):
    """Turns each grammar rule into a node as soon as the parser reduces it."""

    # ---------------------------------------------------------------- top level
    def start(self, items: list[Any]) -> tuple[N.Stmt, ...]:
        stmts = tuple(items)  # the `_NL` and `;` tokens are filtered out
        _check_loop_exits(stmts, False)
        return stmts

    def block(self, items: list[Any]) -> tuple[N.Stmt, ...]:
        return tuple(items)  # statements only: the `_NL` and `;` tokens are filtered out

    # ---------------------------------------------------------------- statements
    def assign(self, items: list[Any]) -> N.Assign:
        target, value = items
        _check_target(target)
        return N.Assign(target, value, _between(target, value))

    def assign_arg(self, items: list[Any]) -> N.AssignArg:
        target, value = items
        _check_target(target)
        return N.AssignArg(target, value, span_of(target, value))

    def compound_assign_arg(self, items: list[Any]) -> N.AssignArg:
        """`Formula($1.x*=2)`: kept as the assignment `$1.x:=$1.x*2`."""
        target, op, value = items
        _check_target(target)
        if isinstance(target, N.CharIndex):
            raise Syntax4DError("Compound assignment is not allowed on a character reference", target.span)
        span = span_of(target, value)
        return N.AssignArg(target, N.Binary(str(op)[0], target, value, span), span)

    def compound_assign(self, items: list[Any]) -> N.CompoundAssign:
        target, op, value = items
        _check_target(target)
        if isinstance(target, N.CharIndex):
            raise Syntax4DError("Compound assignment is not allowed on a character reference", target.span)
        return N.CompoundAssign(target, str(op)[0], value, span_of(target, value))

    def expr_stmt(self, items: list[Any]) -> N.ExprStmt:
        (expr,) = items
        if (
            isinstance(expr, N.Binary)
            and expr.op == "="
            and isinstance(expr.left, N.ASSIGNABLE)
            and not getattr(_state, "formula", False)
        ):
            raise Syntax4DError(
                "`=` compares values; write `:=` to assign",
                Span(_src(), expr.left.span.end, expr.right.span.start),
            )
        return N.ExprStmt(expr, expr.span)

    def if_stmt(self, items: list[Any]) -> N.If:
        cond = items[1]
        then = items[2]
        other = items[4] if len(items) > 4 else None
        return N.If(cond, then, other, span_of(items[0], items[-1]))

    def case_stmt(self, items: list[Any]) -> N.Case:
        branches = tuple(b for b in items if isinstance(b, tuple) and len(b) == 2 and isinstance(b[0], N.Expr))
        other = None
        for i, it in enumerate(items):
            if _is_tok(it, "ELSE"):
                other = items[i + 1]
        return N.Case(branches, other, span_of(items[0], items[-1]))

    def case_branch(self, items: list[Any]) -> tuple[Any, ...]:
        return (items[0], items[1])

    def while_stmt(self, items: list[Any]) -> N.While:
        return N.While(items[1], items[2], span_of(items[0], items[-1]))

    def repeat_stmt(self, items: list[Any]) -> N.Repeat:
        return N.Repeat(items[1], items[3], span_of(items[0], items[-1]))

    def for_stmt(self, items: list[Any]) -> N.For:
        exprs = [i for i in items[1:] if isinstance(i, N.Expr)]
        body = next(i for i in items if isinstance(i, tuple))
        var, start, end = exprs[:3]
        step = exprs[3] if len(exprs) > 3 else None
        _check_target(var)
        return N.For(var, start, end, step, body, span_of(items[0], items[-1]))

    def foreach_stmt(self, items: list[Any]) -> N.ForEach:
        exprs = []
        conds: list[tuple[str, N.Expr]] = []
        body: tuple[N.Stmt, ...] = ()
        for it in items[1:]:
            if isinstance(it, N.Expr):
                exprs.append(it)
            elif isinstance(it, tuple) and len(it) == 2 and isinstance(it[0], str):
                conds.append(it)
            elif isinstance(it, tuple):
                body = it
        var, src = exprs[0], exprs[1]
        begin = exprs[2] if len(exprs) > 2 else None
        end = exprs[3] if len(exprs) > 3 else None
        until = next((c for k, c in conds if k == "until"), None)
        while_ = next((c for k, c in conds if k == "while"), None)
        _check_target(var)
        return N.ForEach(var, src, begin, end, until, while_, body, span_of(items[0], items[-1]))

    def foreach_until(self, items: list[Any]) -> tuple[str, N.Expr]:
        return ("until", items[1])

    def foreach_while(self, items: list[Any]) -> tuple[str, N.Expr]:
        return ("while", items[1])

    def use_stmt(self, items: list[Any]) -> N.Use:
        return N.Use(items[1], items[2], span_of(items[0], items[-1]))

    def try_stmt(self, items: list[Any]) -> N.TryBlock:
        body = items[1]
        catch = items[3] if len(items) > 4 else None
        return N.TryBlock(body, catch, span_of(items[0], items[-1]))

    def return_stmt(self, items: list[Any]) -> N.Return:
        value = items[1] if len(items) > 1 else None
        return N.Return(value, span_of(*items))

    def break_stmt(self, items: list[Any]) -> N.Break:
        return N.Break(span_of(*items))

    def continue_stmt(self, items: list[Any]) -> N.Continue:
        return N.Continue(span_of(*items))

    def var_decl(self, items: list[Any]) -> N.VarDecl:
        type_tok = next((i for i in items if _is_tok(i, "TYPE")), None)
        # The initialiser is the expression written after `:=`. The `;` between names and the `:=`
        # are not kept in `items`, so `var $b:=$a` and `var $b; $a` differ only by the text between
        # them (comments there are blanked by the prepass).
        text = _state.source.text
        names: list[N.Expr] = []
        init = None
        prev_end = items[0].end_pos
        for it in items[1:]:
            start, end = (it.span.start, it.span.end) if isinstance(it, N.Node) else (it.start_pos, it.end_pos)
            if isinstance(it, N.Expr) and init is None:
                if ":=" in text[prev_end:start]:
                    init = it
                elif isinstance(it, _VAR_NAMES):
                    names.append(it)
            prev_end = end
        if init is not None and len(names) > 1:
            raise Syntax4DError("An initial value can be given to one variable only", span_of(*items))
        return N.VarDecl(tuple(names), _type_name(type_tok), init, span_of(*items))

    def var_name(self, items: list[Any]) -> N.Expr:
        (tok,) = items
        if tok.type == "LOCAL":
            return N.Local(str(tok), _tspan(tok))
        if tok.type == "INTERPROCESS":
            return self.interprocess(items)
        return N.Name(str(tok), _tspan(tok))

    def var_param_indirect(self, items: list[Any]) -> N.ParamIndirect:
        return self.param_indirect(items)

    def declare(self, items: list[Any]) -> N.Declare:
        params: tuple[N.ParamDecl, ...] = ()
        result = None
        for it in items[1:]:
            if isinstance(it, tuple):
                params = it
            elif isinstance(it, N.ParamDecl):
                result = it
        _check_params(params, result)
        return N.Declare(params, result, span_of(*items))

    def params(self, items: list[Any]) -> tuple[N.ParamDecl, ...]:
        return tuple(items)

    def param(self, items: list[Any]) -> N.ParamDecl:
        name = items[0]
        t = items[1] if len(items) > 1 else None
        return N.ParamDecl(str(name), _type_name(t), span_of(*items))

    def variadic(self, items: list[Any]) -> N.ParamDecl:
        t = items[1] if len(items) > 1 else None
        return N.ParamDecl("...", _type_name(t), span_of(*items))

    def result_decl(self, items: list[Any]) -> N.ParamDecl:
        name = items[0]
        t = items[1] if len(items) > 1 else None
        return N.ParamDecl(str(name), _type_name(t), span_of(*items))

    def result_type(self, items: list[Any]) -> N.ParamDecl:
        return N.ParamDecl("", _type_name(items[0]), span_of(*items))

    def sql_block(self, items: list[Any]) -> N.SqlBlock:
        tok = items[0]
        return N.SqlBlock(str(tok), _tspan(tok))

    def class_extends(self, items: list[Any]) -> N.ClassExtends:
        return N.ClassExtends(_class_path(str(items[1])), span_of(*items))

    def class_ctor(self, items: list[Any]) -> N.ClassConstructor:
        mods: tuple[str, ...] = ()
        params: tuple[N.ParamDecl, ...] = ()
        for it in items:
            if _is_tok(it, "CLASS_MODS"):
                mods = tuple(w.lower() for w in str(it).split())
            elif isinstance(it, tuple):
                params = it
        _check_params(params, None)
        return N.ClassConstructor(mods, params, span_of(*items))

    def class_function(self, items: list[Any]) -> N.ClassFunction:
        mods: tuple[str, ...] = ()
        kind = ""
        name = ""
        params: tuple[N.ParamDecl, ...] = ()
        result = None
        for it in items:
            if _is_tok(it, "CLASS_MODS"):
                mods = tuple(w.lower() for w in str(it).split())
            elif _is_tok(it, "FUNC_KIND"):
                kind = str(it).lower()
            elif _is_tok(it, "PROPNAME"):
                name = str(it)
            elif isinstance(it, tuple):
                params = it
            elif isinstance(it, N.ParamDecl):
                result = it
        _check_params(params, result)
        return N.ClassFunction(mods, kind, name, params, result, span_of(*items))

    def class_property(self, items: list[Any]) -> N.ClassProperty:
        names = tuple(str(i) for i in items if _is_tok(i, "PROPNAME"))
        type_tok = next((i for i in items if _is_tok(i, "TYPE")), None)
        init = next((i for i in items if isinstance(i, N.Expr)), None)
        return N.ClassProperty(names, _type_name(type_tok), init, span_of(*items))

    # ---------------------------------------------------------------- expressions
    def ternary(self, items: list[Any]) -> N.Ternary:
        c, a, b = items
        return N.Ternary(c, a, b, span_of(c, b))

    def binop(self, items: list[Any]) -> N.Binary:
        left, op, right = items
        return N.Binary(op.value, left, right, _between(left, right))

    def neg(self, items: list[Any]) -> N.Expr:
        (x,) = items
        if isinstance(x, N.Literal) and type(x.value) is float:
            return N.Literal(-x.value, Span(_src(), x.span.start - 1, x.span.end))
        return N.Neg(x, Span(_src(), x.span.start - 1, x.span.end))

    def member(self, items: list[Any]) -> N.Member:
        obj, name = items
        return N.Member(obj, name.value, Span(_state.source, obj.span.start, name.end_pos))

    def index(self, items: list[Any]) -> N.Index:
        obj, idx = items
        return N.Index(obj, idx, Span(_src(), obj.span.start, idx.span.end + 1))

    def char_index(self, items: list[Any]) -> N.CharIndex:
        obj, _, idx = items
        return N.CharIndex(obj, idx, Span(_src(), obj.span.start, idx.span.end + 2))

    def array_elem(self, items: list[Any]) -> N.ArrayElem:
        obj, idx = items
        return N.ArrayElem(obj, idx, Span(_src(), obj.span.start, idx.span.end + 1))

    def deref(self, items: list[Any]) -> N.Deref:
        obj, arrow = items
        return N.Deref(obj, span_of(obj, arrow))

    def deref_member(self, items: list[Any]) -> N.Member:
        obj, arrow, name = items
        return N.Member(N.Deref(obj, span_of(obj, arrow)), str(name), span_of(obj, name))

    def make_pointer(self, items: list[Any]) -> N.MakePointer:
        arrow, target = items
        return N.MakePointer(target, span_of(arrow, target))

    def args(self, items: list[Any]) -> tuple[N.Expr, ...]:
        if any(type(i) is tuple for i in items):  # a conjunction with its criterion: two arguments
            return tuple(x for i in items for x in (i if type(i) is tuple else (i,)))
        return tuple(items)

    def star(self, items: list[Any]) -> N.Star:
        return N.Star(Span(_src(), 0, 0))

    def operator_arg(self, items: list[Any]) -> N.SortOrder | N.OperatorArg:
        (tok,) = items
        if tok.value in "<>":
            return N.SortOrder(tok.value == ">", _tspan(tok))
        return N.OperatorArg(tok.value, _tspan(tok))

    def conjunction_arg(self, items: list[Any]) -> tuple[N.Expr, N.Expr]:
        tok, criterion = items
        if tok.value not in _CONJUNCTIONS:
            raise Syntax4DError(f"`{tok.value}` must be followed by `;`", _tspan(tok))
        return (N.OperatorArg(tok.value, _tspan(tok)), criterion)

    def call(self, items: list[Any]) -> N.Expr:
        target = items[0]
        args: tuple[N.Expr, ...] = items[1] if len(items) > 1 else ()
        end = _end(args) if args else target.span.end
        span = Span(_src(), target.span.start, end + 1)
        direct = isinstance(target, N.Command) and not target.has_parens
        # a command whose number no table knows (a newer 4D, a plug-in): its syntax is its own
        unknown = direct and REGISTRY.by_number.get(target.number) is None
        for a in args:
            if isinstance(a, N.AssignArg) and not (unknown or direct and target.number in _STATEMENT_ARG_COMMANDS):
                raise Syntax4DError(
                    "An assignment cannot be passed as a parameter (only as the code of Formula(...) "
                    "or the statement of APPLY TO SELECTION)",
                    a.span,
                )
            if isinstance(a, N.OperatorArg) and not (unknown or direct and target.number in _OPERATOR_ARG_COMMANDS):
                what = f"`{target.name}`" if isinstance(target, N.Command) else "A method or formula"
                raise Syntax4DError(
                    f"{what} does not take an operator (`{a.op}`) as a parameter; only QUERY-like commands do",
                    a.span,
                )
        if isinstance(target, N.Command):
            if target.has_parens:
                return N.Call(target, args, span)
            return N.Command(target.name, target.number, args, True, span)
        if isinstance(target, N.Name):
            return N.MethodCall(target.name, args, span)
        if isinstance(target, N.Member):
            return N.MemberCall(target.obj, target.name, args, span)
        if isinstance(target, N.Constant):
            raise Syntax4DError(f"`{target.name}` is a constant, not a command", target.span)
        return N.Call(target, args, span)

    def number(self, items: list[Any]) -> N.Literal:
        (tok,) = items
        t = str(tok)
        if t[:2].lower() == "0x":
            # Hexadecimal literals are 32-bit long integers: 0xFF00FF00 is negative.
            value = float(wrap_int32(int(t, 16)))
        else:
            value = float(t)
        return N.Literal(value, _tspan(tok))

    def string(self, items: list[Any]) -> N.Literal:
        (tok,) = items
        return N.Literal(unescape(tok.value[1:-1]), Span(_state.source, tok.start_pos, tok.end_pos))

    def date(self, items: list[Any]) -> N.Literal:
        (tok,) = items
        return N.Literal(parse_date_literal(str(tok)), _tspan(tok))

    def time(self, items: list[Any]) -> N.Literal:
        (tok,) = items
        return N.Literal(parse_time_literal(str(tok)), _tspan(tok))

    def local(self, items: list[Any]) -> N.Local:
        (tok,) = items
        return N.Local(intern(tok.value), Span(_state.source, tok.start_pos, tok.end_pos))  # one str per name

    def param_indirect(self, items: list[Any]) -> N.ParamIndirect:
        tok, expr = items
        return N.ParamIndirect(expr, Span(_src(), tok.start_pos, expr.span.end + 1))

    def interprocess(self, items: list[Any]) -> N.Interprocess:
        (tok,) = items
        t = str(tok)
        name = t[2:] if t.startswith("<>") else t[1:]
        return N.Interprocess(name, _tspan(tok))

    def digit_name(self, items: list[Any]) -> N.Expr:
        """A name starting with a digit: a command or constant (`4D`, `4D Server`) or a method or variable."""
        (tok,) = items
        text = str(tok)
        key = norm(text)
        if key in REGISTRY.by_key or key in REGISTRY.constants:
            return builtin_node(text, _tspan(tok))
        m = _NUMBER_THEN_WORD.match(text)
        if m is not None:
            raise Syntax4DError(
                f"Unexpected `{m.group(2)}` after the number {m.group(1)}",
                Span(_src(), tok.start_pos + m.start(2), tok.start_pos + m.end(2)),
            )
        return N.Name(text, _tspan(tok))

    def name(self, items: list[Any]) -> N.Name:
        (tok,) = items
        opener = _CLOSERS.get(norm(str(tok)))
        if opener is not None:
            # A closing keyword reaches the grammar as a name only when no block is open.
            err = Syntax4DError(f"`{' '.join(str(tok).split())}` without a matching `{opener}`", _tspan(tok))
            err.unmatched_block = True  # type: ignore[attr-defined]
            raise err
        return N.Name(str(tok), _tspan(tok))

    def builtin(self, items: list[Any]) -> N.Expr:
        (tok,) = items
        return builtin_node(tok.value, Span(_state.source, tok.start_pos, tok.end_pos))

    def tokcmd(self, items: list[Any]) -> N.Expr:
        (tok,) = items
        text = str(tok)
        name, _, num = text.rpartition(":C")
        info = REGISTRY.lookup_number(int(num)) or REGISTRY.lookup(name)
        span = _tspan(tok)
        if info is None:
            return N.Command(name.strip(), int(num), (), False, span)
        return N.Command(info.name, info.number, (), False, span)

    def tokconst(self, items: list[Any]) -> N.Expr:
        (tok,) = items
        text = str(tok)
        m = re.match(r"(.*):(K\d+:\d+)$", text)
        name, token = (m.group(1), m.group(2)) if m else (text, "")
        info = REGISTRY.constant(name) or REGISTRY.constants_by_token.get(token)
        return N.Constant(info.name if info else name.strip(), info, _tspan(tok))

    def tokplugin(self, items: list[Any]) -> N.Expr:
        (tok,) = items
        name = str(tok).split(":P")[0]
        return N.Command(name.strip(), 0, (), False, _tspan(tok))

    def table(self, items: list[Any]) -> N.Table | N.CollectionLit:
        (tok,) = items
        text = str(tok)
        m = _BRACKETED_NAME.match(text)
        if m is not None:
            key = norm(m.group(1))
            if key in REGISTRY.by_key or key in REGISTRY.constants:
                # `[New collection]`, `[Pi]`: a collection literal holding a command or constant;
                # a table reference has no such name (tables are `[Customers]`, `[Log:5]`)
                start = tok.start_pos + m.start(1)
                inner = builtin_node(m.group(1), Span(_src(), start, start + len(m.group(1))))
                return N.CollectionLit((inner,), _tspan(tok))
        table, _, field = text[1:].partition("]")
        table, table_number = _numbered(table)
        field, field_number = _numbered(field)
        return N.Table(text, table, table_number, field, field_number, _tspan(tok))

    def paren(self, items: list[Any]) -> N.Expr:
        return items[0]

    def object_literal(self, items: list[Any]) -> N.ObjectLit:
        pairs = tuple(i for i in items if not isinstance(i, Token))
        return N.ObjectLit(pairs, span_of(items[0], items[-1]))

    def obj_pair(self, items: list[Any]) -> tuple[str, N.Expr]:
        key, value = items
        k = str(key)
        if key.type == "STRING":
            k = unescape(k[1:-1])
        return (k, value)

    def collection_literal(self, items: list[Any]) -> N.CollectionLit:
        elements = tuple(i for i in items if not isinstance(i, Token))
        return N.CollectionLit(elements, span_of(items[0], items[-1]))

    def try_expr(self, items: list[Any]) -> N.TryExpr:
        tok, expr = items
        return N.TryExpr(expr, Span(_src(), tok.start_pos, expr.span.end + 1))


# `[Name]` with nothing after the bracket: a table, or a collection of one command or constant
_BRACKETED_NAME = re.compile(r"\[\s*([^\W\d][\w ]*?)\s*\]$")
_NUMBERED = re.compile(r"(.*?):(\d+)$", re.S)
# `1 abc`: a number, blanks, then a word (no name starts that way)
_NUMBER_THEN_WORD = re.compile(r"(\d+)[ \t]+(\S+)")
# Commands whose parameter is a statement: an assignment argument is their code (by number:
# Formula, APPLY TO SELECTION, _O_APPLY TO SUBSELECTION).
_STATEMENT_ARG_COMMANDS = frozenset((1597, 70, 73))
# Commands that take a bare conjunction or comparator (by number: QUERY, QUERY SELECTION,
# QUERY BY ATTRIBUTE, QUERY SELECTION BY ATTRIBUTE).
_OPERATOR_ARG_COMMANDS = frozenset((277, 341, 1331, 1424))
_CONJUNCTIONS = ("&", "|", "#")


def _numbered(part: str) -> tuple[str, int]:
    """`Name:3` -> ("Name", 3); a name without a number -> (name, 0)."""
    m = _NUMBERED.match(part)
    return (m.group(1), int(m.group(2))) if m else (part, 0)


def builtin_node(text: str, span: Span) -> N.Expr:
    key = norm(text)
    info = REGISTRY.by_key.get(key)
    if info is not None:
        return N.Command(info.name, info.number, (), False, span)
    cinfo = REGISTRY.constants.get(key)
    return N.Constant(cinfo.name if cinfo else text, cinfo, span)


_LOOPS = (N.While, N.Repeat, N.For, N.ForEach)
_VAR_NAMES = (N.Local, N.Name, N.Interprocess, N.ParamIndirect)


def _check_loop_exits(stmts: tuple[N.Stmt, ...], in_loop: bool) -> None:
    """`break` and `continue` must be inside a loop of the same method."""
    for s in stmts:
        if isinstance(s, N.Break | N.Continue):
            if not in_loop:
                word = "break" if isinstance(s, N.Break) else "continue"
                raise Syntax4DError(f"`{word}` outside a loop", s.span)
            continue
        inner = in_loop or isinstance(s, _LOOPS)
        for name in s.__dataclass_fields__:
            value = getattr(s, name)
            if isinstance(value, tuple) and value:
                if isinstance(value[0], N.Stmt):
                    _check_loop_exits(value, inner)
                elif isinstance(value[0], tuple):  # Case of branches: (condition, body)
                    for branch in value:
                        if len(branch) == 2 and isinstance(branch[1], tuple):
                            _check_loop_exits(branch[1], inner)


def _check_target(target: Any) -> None:
    if not isinstance(target, (N.ASSIGNABLE, N.Table)):
        what = (
            "a command call" if isinstance(target, (N.Command, N.MethodCall, N.MemberCall, N.Call)) else "an expression"
        )
        raise Syntax4DError(
            f"Cannot assign to {what}: the left side of `:=` must be a variable, property or element", target.span
        )


def _check_params(params: tuple[N.ParamDecl, ...], result: N.ParamDecl | None) -> None:
    seen: set[str] = set()
    for i, p in enumerate(params):
        if p.name == "...":
            if i != len(params) - 1:
                raise Syntax4DError("The variadic parameter `...` must be the last one", p.span)
            continue
        key = p.name.lower()
        if key in seen:
            raise Syntax4DError(f"Parameter `{p.name}` is declared twice", p.span)
        seen.add(key)
    if result is not None and result.name and result.name.lower() in seen:
        raise Syntax4DError(f"`{result.name}` is declared both as a parameter and as the result", result.span)
