"""4D.Function objects: `Formula(expr)`, `Formula from string(text)`, class functions."""

from __future__ import annotations

from typing import Any

from . import nodes as N
from .core.calls import prepare_call
from .core.frames import RET, Code, Scope
from .core.hooks import MEMBER_CALL_HOOKS
from .errors import ERR_NOT_A_FUNCTION, ERR_TYPE_MISMATCH, FourDError
from .source import Span
from .values import IS_OBJECT, UNDEFINED, UNSET, Coll


class Formula4D:
    """A 4D.Function: code plus the local values captured when it was created."""

    is_formula = True
    is_4d_object = True
    class_name = "Function"
    value_type_code = IS_OBJECT

    def __init__(self, code: Any, source: str, captured: list[Any] | None = None, method: bool = False):
        self.code = code
        self.source = source
        self.captured = captured
        self.method = method  # Formula(MethodName): parameters go straight to the method

    def invoke(self, f: Any, args: list[Any], this: Any = None, span: Span | None = None) -> Any:
        code = self.code
        return (code.call or prepare_call(code))(f, list(args), span, this, f.process, self.captured)

    # properties and member functions seen from 4D code
    def get_4d_property(self, name: str) -> Any:
        if name == "source":
            return self.source
        if name in ("call", "apply"):
            return UNDEFINED
        return UNDEFINED

    def call_4d_member(self, f: Any, name: str, args: list[Any], span: Span | None) -> Any:
        if name == "call":
            this = args[0] if args else None
            return self.invoke(f, list(args[1:]), this=_this_value(this), span=span)
        if name == "apply":
            this = args[0] if args else None
            params = args[1] if len(args) > 1 else None
            if params is not None and params is not UNDEFINED and not isinstance(params, Coll):
                raise FourDError(ERR_TYPE_MISMATCH, ".apply() takes its parameters as a collection", span)
            return self.invoke(f, list(params or []), this=_this_value(this), span=span)
        raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a 4D.Function', span)

    def to_json(self) -> Any:
        # formula.md, example 6: a formula stored in an object shows as "[object Formula]"
        return "[object Formula]"

    def __repr__(self) -> str:
        return f"Formula({self.source})"


def _this_value(v: Any) -> Any:
    return None if v is UNDEFINED else v


def _call_member(f: Any, args: list[Any], span: Span | None, formula: Formula4D, proc: Any) -> Any:
    """`formula.call(this; ...)` from a member call (see MEMBER_CALL_HOOKS): as call_4d_member does it."""
    code = formula.code
    this = args[0] if args else None
    if this is UNDEFINED:  # as _this_value, without a call
        this = None
    return (code.call or prepare_call(code))(f, args[1:], span, this, proc, formula.captured)


def _formula_member_call(formula: Formula4D, name: str) -> Any:
    return _call_member if name == "call" else None


MEMBER_CALL_HOOKS[Formula4D] = _formula_member_call  # exactly Formula4D: class functions have their own invoke


def compile_formula_code(interp: Any, expr: N.Expr, source: Any, name: str = "Formula") -> Any:
    """A code unit whose body evaluates `expr` and returns its value."""
    code = Code(name, source, kind="formula")
    scope = Scope(code, interp)
    fn = interp.compile_expr(expr, scope)
    procedure = isinstance(expr, N.Command) and expr.name.isupper()

    def body(f: Any) -> int:
        v = fn(f)
        f.ret = UNDEFINED if procedure else v
        return RET

    code.body = body
    if not procedure:
        body.formula_value = fn  # type: ignore[attr-defined]  # lets the call return the value directly
    if "$0" in code.slots:
        code.result_slot = code.slots["$0"]
    return code


def compile_formula_statement(interp: Any, stmt: N.Stmt, source: Any, name: str = "Formula") -> Any:
    """A code unit running one assignment (`This.total:=This.price*This.quantity`); no result."""
    code = Code(name, source, kind="formula")
    scope = Scope(code, interp)
    fn = interp.compile_stmt(stmt, scope)

    def body(f: Any) -> int:
        fn(f)
        return RET

    code.body = body
    return code


def capture_plan(code: Any) -> list[tuple[int, str]]:
    """(slot, name) of the locals a formula copies from its creator (not $1..$n)."""
    plan = []
    for key, slot in code.slots.items():
        if key[1:].isdigit():
            continue
        plan.append((slot, key))
    return plan


def capture(code: Any, plan: list[tuple[int, str]], creator: Any) -> list[Any]:
    values = [UNSET] * code.nslots
    cslots = creator.code.slots
    for slot, key in plan:
        i = cslots.get(key)
        if i is not None:
            values[slot] = creator.locals[i]
    return values


def compile_formula_command(interp: Any, node: N.Command, scope: Any, info: Any) -> Any:
    """`Formula(expr)`: the argument is code, not a value; locals are captured at creation."""
    from .errors import ERR_ARG_COUNT

    span = node.span
    if len(node.args) != 1:

        def bad(f: Any) -> Any:
            raise FourDError(ERR_ARG_COUNT, "Formula takes one expression", span)

        return bad
    expr = node.args[0]
    text = expr.span.text().strip()
    if isinstance(expr, N.AssignArg):
        code = compile_formula_statement(interp, N.Assign(expr.target, expr.value, expr.span), scope.code.source)
        plan = capture_plan(code)
        return lambda f: Formula4D(code, text, capture(code, plan, f) if plan else None)
    project = interp.runtime.project
    if isinstance(expr, N.Name) and project.has_method(expr.name):
        name = expr.name

        def make_method_formula(f: Any) -> Formula4D:
            return Formula4D(interp.get_method(name, span), text, method=True)

        return make_method_formula
    code = compile_formula_code(interp, expr, scope.code.source)
    plan = capture_plan(code)
    if not plan:
        return lambda f: Formula4D(code, text)

    def make_formula(f: Any) -> Formula4D:
        return Formula4D(code, text, capture(code, plan, f))

    return make_formula


def formula_from_string(interp: Any, text: str, span: Span | None) -> Formula4D:
    """`Formula from string(text)`: parsed now, with no captured locals."""
    from .errors import Syntax4DError
    from .parser import parse_source
    from .source import Source

    src = Source("<formula>", text)
    from .build import formula_text

    formula_text(True)  # a formula is an expression: `This.name = $1` compares
    try:
        stmts = parse_source(src)
    finally:
        formula_text(False)
    if len(stmts) == 1 and isinstance(stmts[0], (N.Assign, N.CompoundAssign)):
        return Formula4D(compile_formula_statement(interp, stmts[0], src), text)
    if len(stmts) != 1 or not isinstance(stmts[0], N.ExprStmt):
        raise Syntax4DError("Formula from string needs one expression", span)
    expr = stmts[0].expr
    if isinstance(expr, N.Name) and interp.runtime.project.has_method(expr.name):
        return Formula4D(interp.get_method(expr.name, span), text, method=True)
    code = compile_formula_code(interp, expr, src)
    return Formula4D(code, text)
