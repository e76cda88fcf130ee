"""The tree-walking interpreter.

Each node is prepared once into a Python closure (`compile_expr` / `compile_stmt`),
keeping the tree-walking structure while resolving names once per method: locals
become list slots, commands become their Python functions. Statements return None,
or a small status code for `break`, `continue` and `return`, so the hot path raises
no exception.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from . import nodes as N
from . import values as V
from .errors import (
    ERR_ARG_COUNT,
    ERR_ARG_VALUE,
    ERR_DIV_ZERO,
    ERR_HANDLER_NOT_CALLABLE,
    ERR_INDEX_RANGE,
    ERR_METHOD_NOT_FOUND,
    ERR_NOT_A_FUNCTION,
    ERR_NOT_OBJECT,
    ERR_NOT_SHARED,
    ERR_NOT_SUPPORTED,
    ERR_NULL_PROPERTY,
    ERR_NULL_WRITE,
    ERR_PARAM_TYPE,
    ERR_STACK_OVERFLOW,
    ERR_SYNTAX,
    ERR_TYPE_MISMATCH,
    ERR_UNDEFINED_VAR,
    ERR_UNKNOWN_NAME,
    ERR_VAR_TYPE,
    FourDError,
    Frame4D,
    Syntax4DError,
)
from .fastops import assign_closure, binary_closure, concat_closure, inline_read, store_plan
from .records import dataclass, field
from .registry import REGISTRY, CommandInfo, Ref, not_supported
from .source import Source, Span
from .values import UNDEFINED, UNSET, Coll, Date4D, Obj, Time4D

BRK = 1
CONT = 2
RET = 3

MAX_DEPTH = 2000

# type -> fn(receiver, name) giving what a member call can run directly, or None when call_member must
# decide: a fn(caller, args, span, receiver, process) such as the `Code.call` of a class function
# (lang/classes.py, lang/formulas.py)
MEMBER_CALL_HOOKS: dict[type, Callable[[Any, str], Any]] = {}
# type -> its get_4d_property, for property reads that need no other check (lang/classes.py)
PROPERTY_HOOKS: dict[type, Callable[[Any, str], Any]] = {}
# type -> its set_4d_property, for property stores that need no other check (lang/classes.py)
STORE_HOOKS: dict[type, Callable[[Any, str, Any], None]] = {}

Fn = Callable[["Frame"], Any]


class Frame:
    """One running method, function or formula; also the `ctx` given to commands."""

    __slots__ = ("locals", "code", "process", "this", "params", "ret", "span", "runtime", "caller", "extra")

    def __init__(
        self,
        code: Code,
        process: Any,
        params: list[Any],
        this: Any = None,
        caller: Frame | None = None,
        initial: list[Any] | None = None,
    ):
        self.code = code
        self.process = process
        self.params = params
        self.this = this
        self.ret = UNDEFINED
        self.span: Span | None = None
        self.runtime = process.runtime
        self.caller = caller
        if initial is not None:
            self.locals = list(initial)
        else:
            self.locals = [UNSET] * code.nslots
        self.extra: Any = None

    @property
    def interp(self) -> Any:
        """The interpreter, through the runtime (read by a few commands, not stored per call)."""
        return self.runtime.interp


@dataclass
class Code:
    """A compiled method, class function or formula."""

    name: str
    source: Source | None
    nslots: int = 0
    slots: dict[str, int] = field(default_factory=dict)
    slot_names: list[str] = field(default_factory=list)
    slot_types: dict[int, str] = field(default_factory=dict)
    params: list[tuple[int, str | None]] = field(default_factory=list)  # #DECLARE params
    variadic: str | None = None
    has_declare: bool = False
    result_slot: int | None = None
    result_type: str | None = None
    legacy_params: dict[int, int] = field(default_factory=dict)  # $n -> slot
    body: Fn | None = None
    kind: str = "method"  # method, formula, function, constructor
    attributes: dict[str, Any] = field(default_factory=dict)
    owner: Any = None  # the class of a class function
    call: Any = None  # fn(caller, args, span, this, process, initial=None), made by prepare_call at the first call


class Scope:
    """Name resolution while compiling one code unit."""

    def __init__(self, code: Code, interp: Interpreter):
        self.code = code
        self.interp = interp
        self.loop_depth = 0

    def slot(self, name: str) -> int:
        key = name.lower()
        code = self.code
        i = code.slots.get(key)
        if i is None:
            i = len(code.slot_names)
            code.slots[key] = i
            code.slot_names.append(name)
            code.nslots = i + 1
            code.call = None  # its frames need one more slot
            if key[1:].isdigit():
                code.legacy_params[int(key[1:])] = i
        return i


# ------------------------------------------------------------------ conversions for typed variables


def _round_int(v: float) -> int:
    if v != v or v in (math.inf, -math.inf):
        return 0
    i = int(math.floor(abs(v) + 0.5))
    i = -i if v < 0 else i
    i &= 0xFFFFFFFF
    return i - 0x100000000 if i & 0x80000000 else i


def _var_type_error(tname: str, v: Any) -> FourDError:
    return FourDError(ERR_VAR_TYPE, f"Cannot assign a {V.type_name(v)} value to a {tname.capitalize()} variable")


def make_converter(tname: str | None) -> Callable[[Any], Any] | None:
    """The conversion applied when a value is stored in a variable of this declared type."""
    if tname is None or tname == "variant":
        return None
    if tname == "text":

        def conv_text(v: Any) -> Any:
            if type(v) is str:
                return v
            if v is UNDEFINED:
                return ""
            raise _var_type_error("text", v)

        return conv_text
    if tname in ("integer", "longint"):

        def conv_int(v: Any) -> Any:
            t = type(v)
            if t is int:
                return v if -0x80000000 <= v <= 0x7FFFFFFF else _round_int(float(v))
            if t is float:
                if -2147483647.0 < v < 2147483647.0:  # same as _round_int without wrapping
                    return int(v + 0.5) if v >= 0 else -int(0.5 - v)
                return _round_int(v)
            if v is UNDEFINED:
                return 0
            if t is Time4D:
                return _round_int(v.s)
            raise _var_type_error("integer", v)

        conv_int.store_range = (int, -0x80000000, 0x7FFFFFFF)  # type: ignore[attr-defined]  # see fastops.store_plan
        return conv_int
    if tname == "real":

        def conv_real(v: Any) -> Any:
            t = type(v)
            if t is float:
                return v
            if t is int:
                return float(v)
            if v is UNDEFINED:
                return 0.0
            if t is Time4D:
                return float(v.s)
            raise _var_type_error("real", v)

        conv_real.store_range = (float, None, None)  # type: ignore[attr-defined]
        return conv_real
    if tname == "boolean":

        def conv_bool(v: Any) -> Any:
            if type(v) is bool:
                return v
            if v is UNDEFINED:
                return False
            raise _var_type_error("boolean", v)

        return conv_bool
    if tname == "date":

        def conv_date(v: Any) -> Any:
            if type(v) is Date4D:
                return v
            if v is UNDEFINED:
                return V.NULL_DATE
            raise _var_type_error("date", v)

        return conv_date
    if tname == "time":

        def conv_time(v: Any) -> Any:
            t = type(v)
            if t is Time4D:
                return v
            if t is float or t is int:
                return Time4D(v)
            if v is UNDEFINED:
                return Time4D(0)
            raise _var_type_error("time", v)

        return conv_time
    if tname == "collection":

        def conv_coll(v: Any) -> Any:
            if isinstance(v, Coll) or v is None:
                return v
            if v is UNDEFINED:
                return None
            raise _var_type_error("collection", v)

        return conv_coll
    if tname == "object" or tname.startswith(("cs.", "4d.", "4D.")):

        def conv_obj(v: Any) -> Any:
            if isinstance(v, Obj) or v is None or getattr(v, "is_4d_object", False):
                return v
            if v is UNDEFINED:
                return None
            raise _var_type_error("object", v)

        return conv_obj
    if tname == "array":

        def conv_array(v: Any) -> Any:
            if getattr(v, "is_4d_array", False):
                return v
            if type(v) in (float, int):
                # 4D: assigning a number to an array selects that element (list boxes, menus).
                raise FourDError(
                    ERR_NOT_SUPPORTED,
                    "Selecting an array element by assigning a number to the array is not supported by mini4d yet",
                )
            raise FourDError(ERR_VAR_TYPE, f"Cannot assign a {V.type_name(v)} value to an array")

        return conv_array
    if tname == "pointer":

        def conv_ptr(v: Any) -> Any:
            if v is UNDEFINED:
                return None
            if v is None or getattr(v, "is_pointer", False):
                return v
            raise _var_type_error("pointer", v)

        return conv_ptr
    return None


def default_value(tname: str | None) -> Any:
    if tname is None:
        return UNDEFINED
    if tname.startswith(("cs.", "4d.", "4D.")):
        return None
    return V.DEFAULTS.get(tname, UNDEFINED)


TYPE_WORDS = {
    "text",
    "string",
    "integer",
    "longint",
    "real",
    "boolean",
    "date",
    "time",
    "object",
    "collection",
    "variant",
    "pointer",
    "picture",
    "blob",
}


def norm_type(t: str | None) -> str | None:
    if t is None:
        return None
    if t == "string":
        return "text"
    if t == "longint":
        return "integer"
    return t


def to_storable(v: Any) -> Any:
    """A value as stored in an object property or collection element (numbers are Real)."""
    t = type(v)
    if t is int:
        return float(v)
    if t is Time4D:
        return float(v.s)  # times are stored as seconds (docs: OB Get; milliseconds before v17)
    return v


def _has_nonfinite(vals: Any) -> bool:
    """True when an argument is INF, -INF or an undefined number (NaN), alone or as a time."""
    for v in vals:
        t = type(v)
        if (t is float and not math.isfinite(v)) or (t is Time4D and not math.isfinite(v.s)):
            return True
    return False


def _nonfinite_error(name: str, span: Span) -> FourDError:
    return FourDError(ERR_ARG_VALUE, f"`{name}`: a number argument is infinite (INF) or undefined", span)


def _converted_literal(value: Any, conv: Callable[[Any], Any], fn: Fn) -> tuple[Fn, Any]:
    """A literal argument converted once at compile time, when that cannot fail and gives an
    immutable value; else the argument and its converter unchanged."""
    try:
        v = conv(value)
    except FourDError:
        return fn, conv  # the error comes when the call runs, as for any argument
    if type(v) in (str, float, int, bool):
        return (lambda f: v), None
    return fn, conv


def _fixed_call(
    func: Callable[..., Any], afs: tuple[Fn, ...], cvs: tuple[Any, ...], wants_ctx: bool, name: str, span: Span
) -> Fn:
    """A command call with 1 to 3 arguments and no `*`: no argument list, no loop.

    Same steps as the general call: each argument is evaluated then converted, in order;
    conversion errors name the command; INF or NaN where an integer is needed is error 54.
    """

    def bad_arg(err: FourDError) -> FourDError:
        return FourDError(err.code, f"`{name}`: {err.message}", span)

    if len(afs) == 1:
        (a0,), (c0,) = afs, cvs

        def call_1(f: Frame) -> Any:
            v0 = a0(f)
            if c0 is not None:
                try:
                    v0 = c0(v0)
                except FourDError as err:
                    raise bad_arg(err) from None
            f.span = span
            try:
                return func(f, v0) if wants_ctx else func(v0)
            except FourDError as err:
                raise err.with_span(span)
            except (OverflowError, ValueError):
                if _has_nonfinite((v0,)):
                    raise _nonfinite_error(name, span) from None
                raise

        return call_1
    if len(afs) == 2:
        (a0, a1), (c0, c1) = afs, cvs

        def call_2(f: Frame) -> Any:
            v0 = a0(f)
            if c0 is not None:
                try:
                    v0 = c0(v0)
                except FourDError as err:
                    raise bad_arg(err) from None
            v1 = a1(f)
            if c1 is not None:
                try:
                    v1 = c1(v1)
                except FourDError as err:
                    raise bad_arg(err) from None
            f.span = span
            try:
                return func(f, v0, v1) if wants_ctx else func(v0, v1)
            except FourDError as err:
                raise err.with_span(span)
            except (OverflowError, ValueError):
                if _has_nonfinite((v0, v1)):
                    raise _nonfinite_error(name, span) from None
                raise

        return call_2
    (a0, a1, a2), (c0, c1, c2) = afs, cvs

    def call_3(f: Frame) -> Any:
        v0 = a0(f)
        if c0 is not None:
            try:
                v0 = c0(v0)
            except FourDError as err:
                raise bad_arg(err) from None
        v1 = a1(f)
        if c1 is not None:
            try:
                v1 = c1(v1)
            except FourDError as err:
                raise bad_arg(err) from None
        v2 = a2(f)
        if c2 is not None:
            try:
                v2 = c2(v2)
            except FourDError as err:
                raise bad_arg(err) from None
        f.span = span
        try:
            return func(f, v0, v1, v2) if wants_ctx else func(v0, v1, v2)
        except FourDError as err:
            raise err.with_span(span)
        except (OverflowError, ValueError):
            if _has_nonfinite((v0, v1, v2)):
                raise _nonfinite_error(name, span) from None
            raise

    return call_3


# ------------------------------------------------------------------ the interpreter


class Interpreter:
    # Wraps each statement's closure when it is compiled (--trace, the REPL's debugger); None adds nothing.
    stmt_hook: Callable[[Fn, N.Stmt, Scope], Fn] | None = None

    def __init__(self, runtime: Any):
        self.runtime = runtime
        self.codes: dict[str, Code] = {}
        REGISTRY.ensure_commands()  # theme modules are imported when their commands are first compiled
        self.members = REGISTRY.members
        self.hooks: dict[str, Any] = {}  # extension points (classes, formulas, pointers)
        from .datastore.hooks import install as install_datastore
        from .pointers import install as install_pointers

        install_pointers(self)
        install_datastore(self)

    # ---------------------------------------------------------------- compiling units
    def compile_unit(
        self,
        name: str,
        stmts: tuple[N.Stmt, ...],
        source: Source | None,
        kind: str = "method",
        params: tuple[N.ParamDecl, ...] | None = None,
        result: N.ParamDecl | None = None,
        owner: Any = None,
    ) -> Code:
        code = Code(name, source, kind=kind)
        if owner is not None:
            code.owner = owner  # the class of a class function, known while its body compiles
        scope = Scope(code, self)
        body_stmts = list(stmts)
        # #DECLARE must come first; it is read here, not executed.
        if params is None and body_stmts and isinstance(body_stmts[0], N.Declare):
            decl = body_stmts.pop(0)
            params, result = decl.params, decl.result
            code.has_declare = True
        for s in body_stmts:
            if isinstance(s, N.Declare):
                raise Syntax4DError("#DECLARE must be the first line of the method", s.span)
        if params is not None:
            code.has_declare = True
            for p in params:
                if p.name == "...":
                    code.variadic = norm_type(p.type) or "variant"
                    continue
                i = scope.slot(p.name)
                t = norm_type(p.type)
                code.params.append((i, t))
                if t:
                    code.slot_types[i] = t
        if result is not None:
            code.result_type = norm_type(result.type)
            if result.name:
                code.result_slot = scope.slot(result.name)
                if code.result_type:
                    code.slot_types[code.result_slot] = code.result_type
        check_nesting(body_stmts)
        self._collect_types(body_stmts, scope)
        from .limits import ensure_recursion_room

        ensure_recursion_room()
        try:
            code.body = self.compile_block(tuple(body_stmts), scope)
        except RecursionError:
            span = body_stmts[0].span if body_stmts else None
            raise Syntax4DError("The code is nested too deeply to be compiled", span) from None
        if "$0" in code.slots and code.result_slot is None:
            code.result_slot = code.slots["$0"]
        return code

    def compile_into(self, code: Code, stmts: tuple[N.Stmt, ...]) -> Fn:
        """Compile more statements into an existing unit (REPL entries share one scope).

        New locals extend `code.slots`; grow the running frame with `grow_frame`.
        """
        for s in stmts:
            if isinstance(s, N.Declare):
                raise Syntax4DError(
                    "#DECLARE declares the parameters of a method: run the file as a method (mini4d FILE.4dm)",
                    s.span,
                )
        check_nesting(stmts)
        scope = Scope(code, self)
        self._collect_types(stmts, scope)
        return self.compile_block(tuple(stmts), scope)

    def compile_expr_into(self, code: Code, expr: N.Expr) -> Fn:
        """Compile one expression in the scope of an existing unit."""
        return self.compile_expr(expr, Scope(code, self))

    @staticmethod
    def grow_frame(frame: Frame) -> None:
        """Give `frame` a slot for every local its code unit has gained since it was made."""
        missing = frame.code.nslots - len(frame.locals)
        if missing > 0:
            frame.locals.extend([UNSET] * missing)

    def _collect_types(self, stmts: Any, scope: Scope) -> None:
        """Declared types of locals (var, C_XXX), known before any statement runs."""
        for s in _walk_stmts(stmts):
            if isinstance(s, N.VarDecl):
                t = norm_type(s.type)
                if t is None and s.init is not None:
                    t = _infer_type(s.init)
                for n in s.names:
                    if isinstance(n, N.Local):
                        i = scope.slot(n.name)
                        if i in {p[0] for p in scope.code.params}:
                            raise Syntax4DError(f"`{n.name}` is a parameter: it cannot be redeclared with var", n.span)
                        if t:
                            scope.code.slot_types[i] = t
            elif isinstance(s, N.ExprStmt) and isinstance(s.expr, N.Command):
                t = LEGACY_DECL.get(s.expr.number)
                if t:
                    for a in s.expr.args:
                        if isinstance(a, N.Local):
                            scope.code.slot_types[scope.slot(a.name)] = t

    # ---------------------------------------------------------------- statements
    def compile_block(self, stmts: tuple[N.Stmt, ...], scope: Scope) -> Fn:
        fns = self.compile_stmts(stmts, scope)
        if not fns:
            return _nothing
        fail = self.stmt_failure(stmts, fns)
        if len(fns) == 1:
            only = fns[0]

            def run1(f: Frame) -> Any:
                try:
                    return only(f)
                except FourDError as e:
                    return fail(e, only, f)

            # for prepare_call, which runs a one-statement body inline with the same error handling
            run1.single = (only, stmts[0].span, self.on_error)  # type: ignore[attr-defined]
            return run1

        def run(f: Frame) -> Any:
            for fn in fns:
                try:
                    r = fn(f)
                except FourDError as e:
                    r = fail(e, fn, f)
                if r is not None:
                    return r
            return None

        return run

    def compile_stmts(self, stmts: tuple[N.Stmt, ...], scope: Scope) -> tuple[Fn, ...]:
        """The closures of a statement list, for the statement loop that control structures inline.

        Blocks, branches and loop bodies run their statements with this loop rather than by
        calling a block closure (one Python call less per branch taken or iteration):

            for fn in fns:
                try:
                    r = fn(f)
                except FourDError as e:
                    r = fail(e, fn, f)      # fail = self.stmt_failure(stmts, fns)
                if r is not None:
                    ...                     # BRK, CONT or RET
        """
        return tuple(self.compile_stmt(s, scope) for s in stmts)

    def stmt_failure(self, stmts: tuple[N.Stmt, ...], fns: tuple[Fn, ...]) -> Callable[[FourDError, Fn, Frame], Any]:
        """`fail(e, fn, f)` for an error raised by statement closure `fn` (one of `fns`).

        The error points at the failing statement when it has no position of its own; then the
        ON ERR CALL handler runs and the block goes on with the next statement (None is
        returned), or the error propagates.
        """
        on_error = self.on_error
        spans = tuple(s.span for s in stmts)

        def fail(e: FourDError, fn: Fn, f: Frame) -> Any:
            if e.span is None:  # error path only: find the statement
                e.span = spans[fns.index(fn)]
            return on_error(e, f)

        return fail

    def compile_stmt(self, s: N.Stmt, scope: Scope) -> Fn:
        meth = getattr(self, "stmt_" + type(s).__name__, None)
        if meth is None:
            raise Syntax4DError(f"{type(s).__name__} statements are not supported here", s.span)
        fn = meth(s, scope)
        if self.stmt_hook is not None:  # a compile-time choice: a run without the hook runs the closure as is
            fn = self.stmt_hook(fn, s, scope)
        return _with_span(fn, s.span)

    def stmt_ExprStmt(self, s: N.ExprStmt, scope: Scope) -> Fn:
        e = s.expr
        if isinstance(e, N.Name):
            fn = self.compile_name(e, scope, as_statement=True)
        elif isinstance(e, N.MemberCall) and e.name == "push" and len(e.args) == 1:
            obj = self.compile_expr(e.obj, scope)
            return self.compile_push(e, obj, self.compile_expr(e.args[0], scope), scope, statement=True)
        else:
            fn = self.compile_expr(e, scope)

        def run(f: Frame) -> None:
            fn(f)

        return run

    def stmt_Assign(self, s: N.Assign, scope: Scope) -> Fn:
        if isinstance(s.target, N.Local):
            i = scope.slot(s.target.name)
            conv = make_converter(scope.code.slot_types.get(i))
            fused = assign_closure(i, conv, s.value, lambda e: self.compile_expr(e, scope), scope.slot, _undefined_var)
            if fused is not None:
                return fused
        value = self.compile_expr(s.value, scope)
        if isinstance(s.target, N.Member):
            update = self.compile_property_update(s, scope, value)
            if update is not None:
                return update
        return self.compile_store(s.target, scope, value, const=_constant(s.value))

    def stmt_CompoundAssign(self, s: N.CompoundAssign, scope: Scope) -> Fn:
        op = {"+": V.add, "-": V.sub, "*": V.mul, "/": V.div}[s.op]
        target = s.target
        if isinstance(target, N.Local):
            # `$a+=x` is `$a:=$a+x` (same checks, same order, same errors): the fused closure
            as_binary = N.Binary(s.op, target, s.value, s.span)
            i = scope.slot(target.name)
            conv = make_converter(scope.code.slot_types.get(i))
            fused = assign_closure(
                i, conv, as_binary, lambda e: self.compile_expr(e, scope), scope.slot, _undefined_var
            )
            if fused is not None:
                return fused
        value = self.compile_expr(s.value, scope)
        prepare, get, put = self.compile_place(target, scope)

        def run(f: Frame) -> None:
            st = prepare(f)
            put(f, st, op(get(f, st), value(f)))

        return run

    def stmt_If(self, s: N.If, scope: Scope) -> Fn:
        cond = self.compile_expr(s.cond, scope)
        then = self.compile_stmts(s.then, scope)
        other = self.compile_stmts(s.other, scope) if s.other is not None else None
        fail = self.stmt_failure(s.then + (s.other or ()), then + (other or ()))
        check = _condition_at(s.cond.span)

        def run(f: Frame) -> Any:
            c = cond(f)
            if c is True or (c is not False and check(c)):
                body = then
            elif other is not None:
                body = other
            else:
                return None
            for fn in body:  # the statement loop of compile_stmts
                try:
                    r = fn(f)
                except FourDError as e:
                    r = fail(e, fn, f)
                if r is not None:
                    return r
            return None

        return run

    def stmt_Case(self, s: N.Case, scope: Scope) -> Fn:
        branches = tuple(
            (self.compile_expr(c, scope), self.compile_stmts(b, scope), _condition_at(c.span)) for c, b in s.branches
        )
        other = self.compile_stmts(s.other, scope) if s.other is not None else None
        all_stmts = tuple(x for _c, b in s.branches for x in b) + (s.other or ())
        fail = self.stmt_failure(all_stmts, tuple(fn for _c, b, _k in branches for fn in b) + (other or ()))

        def run(f: Frame) -> Any:
            for cond, body, check in branches:
                c = cond(f)
                if c is True or (c is not False and check(c)):
                    break
            else:
                if other is None:
                    return None
                body = other
            for fn in body:  # the statement loop of compile_stmts
                try:
                    r = fn(f)
                except FourDError as e:
                    r = fail(e, fn, f)
                if r is not None:
                    return r
            return None

        return run

    def compile_loop_body(
        self, stmts: tuple[N.Stmt, ...], scope: Scope
    ) -> tuple[tuple[Fn, ...], Callable[[FourDError, Fn, Frame], Any]]:
        """The statements of a loop body (`break` and `continue` allowed) and their `fail`."""
        scope.loop_depth += 1
        fns = self.compile_stmts(stmts, scope)
        scope.loop_depth -= 1
        return fns, self.stmt_failure(stmts, fns)

    # Loops run their body with the statement loop of compile_stmts; a status code ends the
    # body: BRK leaves the loop, RET leaves it and is passed on, CONT goes to the next turn.

    def stmt_While(self, s: N.While, scope: Scope) -> Fn:
        cond = self.compile_expr(s.cond, scope)
        body, fail = self.compile_loop_body(s.body, scope)
        check = _condition_at(s.cond.span)

        def run(f: Frame) -> Any:
            proc = f.process
            while True:
                c = cond(f)
                if not (c is True or (c is not False and check(c))):
                    return None
                for fn in body:
                    try:
                        r = fn(f)
                    except FourDError as e:
                        r = fail(e, fn, f)
                    if r is not None:
                        if r == BRK:
                            return None
                        if r == RET:
                            return r
                        break
                if proc.stop_requested:
                    _stop(proc)

        return run

    def stmt_Repeat(self, s: N.Repeat, scope: Scope) -> Fn:
        cond = self.compile_expr(s.cond, scope)
        body, fail = self.compile_loop_body(s.body, scope)
        check = _condition_at(s.cond.span)

        def run(f: Frame) -> Any:
            proc = f.process
            while True:
                for fn in body:
                    try:
                        r = fn(f)
                    except FourDError as e:
                        r = fail(e, fn, f)
                    if r is not None:
                        if r == BRK:
                            return None
                        if r == RET:
                            return r
                        break
                if proc.stop_requested:
                    _stop(proc)
                c = cond(f)
                if c is True or (c is not False and check(c)):
                    return None

        return run

    def stmt_For(self, s: N.For, scope: Scope) -> Fn:
        start = self.compile_expr(s.start, scope)
        end = self.compile_expr(s.end, scope)
        step = self.compile_expr(s.step, scope) if s.step is not None else None
        body, fail = self.compile_loop_body(s.body, scope)
        num = _check_number
        if isinstance(s.var, N.Local):
            i = scope.slot(s.var.name)
            conv, exact, lo, hi = store_plan(make_converter(scope.code.slot_types.get(i)))

            def run_local(f: Frame) -> Any:
                a = num(start(f), s.start)
                e = num(end(f), s.end)
                st = num(step(f), s.step) if step is not None else 1
                if exact is int and type(st) is float and st.is_integer() and -0x80000000 <= st <= 0x7FFFFFFF:
                    st = int(st)  # an Integer counter then steps without a conversion
                up = st >= 0
                loc = f.locals
                loc[i] = v = a if conv is None else conv(a)
                proc = f.process
                stop = _range_stop(v, e, st) if exact is int else None
                if stop is not None:
                    # An Integer counter runs over a range while the body leaves it alone.
                    counter = range(v, stop, st)
                    for v in counter:
                        loc[i] = v
                        for fn in body:
                            try:
                                r = fn(f)
                            except FourDError as x:
                                r = fail(x, fn, f)
                            if r is not None:
                                if r == BRK:
                                    return None
                                if r == RET:
                                    return r
                                break
                        if proc.stop_requested:
                            _stop(proc)
                        if loc[i] is not v:
                            break  # the body changed the counter: go on below from its value
                    else:
                        if counter:
                            loc[i] = v + st  # one step past the end, as below
                        return None
                    v = loc[i] + st
                    if type(v) is not exact or lo is not None and not lo <= v <= hi:
                        v = conv(v)
                    loc[i] = v
                while (loc[i] <= e) if up else (loc[i] >= e):
                    for fn in body:
                        try:
                            r = fn(f)
                        except FourDError as x:
                            r = fail(x, fn, f)
                        if r is not None:
                            if r == BRK:
                                return None
                            if r == RET:
                                return r
                            break
                    if proc.stop_requested:
                        _stop(proc)
                    v = loc[i] + st
                    if conv is not None and (type(v) is not exact or lo is not None and not lo <= v <= hi):
                        v = conv(v)
                    loc[i] = v
                return None

            return run_local
        prepare, get, put = self.compile_place(s.var, scope)

        def run(f: Frame) -> Any:
            a = num(start(f), s.start)
            e = num(end(f), s.end)
            st = num(step(f), s.step) if step is not None else 1
            state = prepare(f)
            put(f, state, a)
            proc = f.process
            while (get(f, state) <= e) if st >= 0 else (get(f, state) >= e):
                for fn in body:
                    try:
                        r = fn(f)
                    except FourDError as x:
                        r = fail(x, fn, f)
                    if r is not None:
                        if r == BRK:
                            return None
                        if r == RET:
                            return r
                        break
                if proc.stop_requested:
                    _stop(proc)
                put(f, state, get(f, state) + st)
            return None

        return run

    def stmt_ForEach(self, s: N.ForEach, scope: Scope) -> Fn:
        source = self.compile_expr(s.source, scope)
        begin = self.compile_expr(s.begin, scope) if s.begin is not None else None
        endf = self.compile_expr(s.end, scope) if s.end is not None else None
        until = self.compile_expr(s.until, scope) if s.until is not None else None
        whilef = self.compile_expr(s.while_, scope) if s.while_ is not None else None
        store = self.compile_store_fn(s.var, scope)
        scope.loop_depth += 1
        body = self.compile_block(s.body, scope)
        scope.loop_depth -= 1
        check = V.condition
        span = s.source.span

        def run(f: Frame) -> Any:
            src = source(f)
            if isinstance(src, Coll):
                n = len(src)
                b = 0
                e = n
                if begin is not None:
                    b = int(_check_number(begin(f), s.begin))
                    if b < 0:
                        b = max(0, b + n)
                if endf is not None:
                    e = int(_check_number(endf(f), s.end))
                    if e < 0:
                        e += n
                    e = min(e, n)
                items: Any = range(b, e)
                is_coll = True
            elif isinstance(src, Obj):
                items = list(_keys_of(src))
                is_coll = False
            elif src is None or src is UNDEFINED:
                return None
            else:
                items_fn = getattr(src, "iter_4d", None)
                if items_fn is None:
                    raise FourDError(
                        ERR_TYPE_MISMATCH, f"For each needs a collection or an object, got {V.type_name(src)}", span
                    )
                items = list(items_fn())
                is_coll = False
            proc = f.process
            for it in items:
                if is_coll:
                    if it >= len(src):
                        break
                    it = src[it]
                store(f, it)
                if whilef is not None:
                    c = whilef(f)
                    if not (c is True or (c is not False and check(c))):
                        return None
                r = body(f)
                if r is not None:
                    if r == BRK:
                        return None
                    if r == RET:
                        return r
                if proc.stop_requested:
                    _stop(proc)
                if until is not None:
                    c = until(f)
                    if c is True or (c is not False and check(c)):
                        return None
            return None

        return run

    def stmt_Use(self, s: N.Use, scope: Scope) -> Fn:
        target = self.compile_expr(s.target, scope)
        body = self.compile_block(s.body, scope)
        span = s.target.span
        i = scope.slot(s.target.name) if isinstance(s.target, N.Local) else -1

        def run(f: Frame) -> Any:
            if i >= 0:  # `Use ($o)`: the object straight from its slot
                t = f.locals[i]
                if t is UNSET:
                    t = target(f)  # reports the unassigned variable
            else:
                t = target(f)
            try:
                group = t.group  # objects and collections (the slot of Obj and Coll)
            except AttributeError:
                group = None
            if group is None:
                raise FourDError(
                    ERR_NOT_SHARED, f"Use needs a shared object or shared collection, got {_describe(t)}", span
                )
            proc = f.process
            try:
                group.acquire(proc)
            except FourDError as err:  # deadlock or interruption while waiting
                raise err.with_span(span)
            try:
                return body(f)
            finally:
                group.release(proc)

        return run

    def stmt_TryBlock(self, s: N.TryBlock, scope: Scope) -> Fn:
        body = self.compile_block(s.body, scope)
        catch = self.compile_block(s.catch, scope) if s.catch is not None else None

        def run(f: Frame) -> Any:
            proc = f.process
            proc.try_depth += 1
            proc.last_errors = None
            pending = len(proc.deferred)
            try:
                r = body(f)
            except FourDError as e:
                proc.try_depth -= 1
                for earlier in proc.deferred[pending:]:
                    record_error(proc, earlier)
                del proc.deferred[pending:]
                record_error(proc, e)
                if catch is not None:
                    return catch(f)
                return None
            proc.try_depth -= 1
            if len(proc.deferred) > pending:
                # error-handling.md: a deferred error thrown directly in the Try block lets the
                # block run to its end, then is thrown from there without running this Catch.
                raise _take_deferred(proc, pending)
            return r

        return run

    def stmt_Return(self, s: N.Return, scope: Scope) -> Fn:
        if s.value is None:
            return _return_nothing
        value = self.compile_expr(s.value, scope)
        rs = scope.code.result_slot
        if rs is not None:
            conv = make_converter(scope.code.slot_types.get(rs))

            def run_slot(f: Frame) -> int:
                v = value(f)
                f.locals[rs] = conv(v) if conv else v
                return RET

            return run_slot

        def run(f: Frame) -> int:
            f.ret = value(f)
            return RET

        return run

    def stmt_Break(self, s: N.Break, scope: Scope) -> Fn:
        if scope.loop_depth == 0:
            raise Syntax4DError("`break` outside a loop", s.span)
        return lambda f: BRK

    def stmt_Continue(self, s: N.Continue, scope: Scope) -> Fn:
        if scope.loop_depth == 0:
            raise Syntax4DError("`continue` outside a loop", s.span)
        return lambda f: CONT

    def stmt_VarDecl(self, s: N.VarDecl, scope: Scope) -> Fn:
        t = norm_type(s.type)
        if t is None and s.init is not None:
            t = _infer_type(s.init)
        actions: list[Fn] = []
        for n in s.names:
            if isinstance(n, N.Local):
                i = scope.slot(n.name)
                d = default_value(t)

                def declare_local(f: Frame, i: int = i, d: Any = d) -> None:
                    if f.locals[i] is UNSET:
                        f.locals[i] = d

                actions.append(declare_local)
            else:
                key = n.name.lower()

                def declare_process(f: Frame, key: str = key, t: str | None = t) -> None:
                    proc = f.process
                    if t:
                        proc.var_types[key] = t
                    if key not in proc.vars:
                        proc.vars[key] = default_value(t)

                actions.append(declare_process)
        if s.init is not None:
            actions.append(self.compile_store(s.names[0], scope, self.compile_expr(s.init, scope), var_type=t))
        acts = tuple(actions)

        def run(f: Frame) -> None:
            for a in acts:
                a(f)

        return run

    def stmt_Declare(self, s: N.Declare, scope: Scope) -> Fn:
        raise Syntax4DError("#DECLARE must be the first line of the method", s.span)

    def stmt_SqlBlock(self, s: N.SqlBlock, scope: Scope) -> Fn:
        def run(f: Frame) -> None:
            raise FourDError(
                ERR_NOT_SUPPORTED, "Begin SQL ... End SQL is not supported by mini4d: it needs the 4D database", s.span
            )

        return run

    def _class_member_outside(self, s: N.Stmt, scope: Scope) -> Fn:
        raise Syntax4DError("Class declarations are only allowed in class files (Classes/<Name>.4dm)", s.span)

    stmt_ClassExtends = _class_member_outside
    stmt_ClassConstructor = _class_member_outside
    stmt_ClassFunction = _class_member_outside
    stmt_ClassProperty = _class_member_outside

    # ---------------------------------------------------------------- stores (assignment)
    def compile_store(
        self, target: N.Expr, scope: Scope, value: Fn, var_type: str | None = None, const: Any = UNSET
    ) -> Fn:
        """Statement storing value(f) into target; `const` is the value when it is a constant."""
        if isinstance(target, N.Local):
            i = scope.slot(target.name)
            conv, exact, lo, hi = store_plan(make_converter(scope.code.slot_types.get(i) or var_type))
            if conv is None:

                def assign_local(f: Frame) -> None:
                    f.locals[i] = value(f)

                return assign_local

            def assign_local_typed(f: Frame) -> None:
                v = value(f)
                if type(v) is not exact or lo is not None and not lo <= v <= hi:
                    v = conv(v)
                f.locals[i] = v

            return assign_local_typed
        if isinstance(target, N.Index):
            # `$c[$i]:=v` on a standard collection inside its bounds; anything else goes to set_index.
            cobj = self.compile_expr(target.obj, scope)
            cidx = self.compile_expr(target.index, scope)
            ispan = target.span
            set_index = self.set_index
            if isinstance(target.obj, N.Local) and isinstance(target.index, N.Local):
                oi = scope.slot(target.obj.name)
                ii = scope.slot(target.index.name)
                if type(const) in (float, bool, str) or const is None:

                    def assign_constant_ll(f: Frame) -> None:
                        # `$c[$i]:=False`: a constant stored as is is neither computed nor checked
                        loc = f.locals
                        o = loc[oi]
                        i = loc[ii]
                        ti = type(i)
                        if type(o) is Coll and o.group is None and (ti is float or ti is int) and 0 <= i < len(o):
                            o[i if ti is int else int(i)] = const
                            return
                        set_index(cobj(f), cidx(f), const, ispan)  # the closures report unassigned variables

                    return assign_constant_ll

                def assign_element_ll(f: Frame) -> None:
                    v = value(f)
                    loc = f.locals
                    o = loc[oi]
                    i = loc[ii]
                    ti = type(i)
                    if type(o) is Coll and o.group is None and (ti is float or ti is int) and 0 <= i < len(o):
                        t = type(v)
                        if t is float or t is bool or t is str or t is Obj or t is Coll or v is None:
                            o[i if ti is int else int(i)] = v
                            return
                    set_index(cobj(f), cidx(f), v, ispan)  # the closures report unassigned variables

                return assign_element_ll

            def assign_element(f: Frame) -> None:
                v = value(f)
                o = cobj(f)
                i = cidx(f)
                if type(o) is Coll and o.group is None and (type(i) is float or type(i) is int) and 0 <= i < len(o):
                    t = type(v)
                    if t is float or t is bool or t is str or t is Obj or t is Coll or v is None:
                        o[int(i)] = v
                        return
                set_index(o, i, v, ispan)

            return assign_element
        if isinstance(target, N.Member):
            return self.compile_member_store(target, scope, value)
        store = self.compile_store_fn(target, scope, var_type)

        def run(f: Frame) -> None:
            store(f, value(f))

        return run

    def compile_member_store(self, target: N.Member, scope: Scope, value: Fn) -> Fn:
        """`$o.name:=value`: the value first, then the object."""
        obj = self.compile_expr(target.obj, scope)
        put = _property_put(target.name, target.span, self.set_property)
        i = scope.slot(target.obj.name) if isinstance(target.obj, N.Local) else -1
        if getattr(obj, "reads_frame_this", False):
            name = target.name

            def assign_member_of_this(f: Frame) -> None:
                # `This.name:=value` (lang/classes.py `_this`): a class instance's store hook
                # without the `This` and `put` closures
                v = value(f)
                o = f.this
                hook = STORE_HOOKS.get(type(o))
                if hook is not None:
                    hook(o, name, v)
                else:
                    put(f, o, v)

            return assign_member_of_this

        def assign_member(f: Frame) -> None:
            v = value(f)
            if i >= 0:  # `$o.name:=`: the object straight from its slot
                o = f.locals[i]
                if o is UNSET:
                    o = obj(f)  # reports the unassigned variable
            else:
                o = obj(f)
            put(f, o, v)

        return assign_member

    def compile_property_update(self, s: N.Assign, scope: Scope, value: Fn) -> Fn | None:
        """`$o.name:=$o.name+x` (or - *) in one closure, else None.

        The property is read from the object in the slot, then x is evaluated, then the object
        is read again for the store, as in the general path. Two numbers are combined inline;
        any other operand goes to the complete operator. A receiver that is not a plain object
        takes the general path.
        """
        t, e = s.target, s.value
        if not (
            isinstance(t, N.Member)
            and isinstance(t.obj, N.Local)
            and isinstance(e, N.Binary)
            and e.op in _UPDATE_OPS
            and isinstance(e.left, N.Member)
            and e.left.name == t.name
            and isinstance(e.left.obj, N.Local)
            and scope.slot(e.left.obj.name) == scope.slot(t.obj.name)
        ):
            return None
        i = scope.slot(t.obj.name)
        name = t.name
        general = self.compile_member_store(t, scope, value)
        right = self.compile_expr(e.right, scope)
        put = _property_put(name, t.span, self.set_property)
        pyop = _UPDATE_OPS[e.op]
        impl = _BINARY[e.op]
        span = e.span
        const = e.right.value if isinstance(e.right, N.Literal) else UNSET  # `+1`: no closure call

        def update_property(f: Frame) -> None:
            o = f.locals[i]
            if type(o) is not Obj:
                general(f)
                return
            a = o.get(name, UNDEFINED)
            b = right(f) if const is UNSET else const
            tb = type(b)
            if type(a) is float and (tb is float or tb is int):
                r = pyop(a, b)
            else:
                try:
                    r = impl(a, b)
                except FourDError as err:
                    raise err.with_span(span)
            put(f, f.locals[i], r)

        return update_property

    def compile_store_fn(
        self, target: N.Expr, scope: Scope, var_type: str | None = None
    ) -> Callable[[Frame, Any], None]:
        if isinstance(target, N.Local):
            i = scope.slot(target.name)
            t = scope.code.slot_types.get(i) or var_type
            conv = make_converter(t)
            if conv is None:

                def set_local(f: Frame, v: Any) -> None:
                    f.locals[i] = v

                return set_local

            def set_local_typed(f: Frame, v: Any) -> None:
                f.locals[i] = conv(v)

            return set_local_typed
        if isinstance(target, N.Name):
            key = " ".join(target.name.split()).lower()

            def set_process(f: Frame, v: Any) -> None:
                proc = f.process
                t = proc.var_types.get(key)
                if t is not None:
                    c = make_converter(t)
                    if c is not None:
                        v = c(v)
                proc.vars[key] = v

            return set_process
        if isinstance(target, N.Interprocess):
            key = target.name.lower()
            rt = self.runtime

            def set_inter(f: Frame, v: Any) -> None:
                t = rt.interprocess_types.get(key)
                if t is not None:
                    c = make_converter(t)
                    if c is not None:
                        v = c(v)
                rt.interprocess[key] = v

            return set_inter
        if isinstance(target, N.Member):
            obj = self.compile_expr(target.obj, scope)
            name = target.name
            span = target.span
            setp = self.set_property

            def set_member(f: Frame, v: Any) -> None:
                o = obj(f)
                if type(o) is Obj and o.group is None:
                    if v is UNDEFINED:
                        setp(o, name, v, span)
                        return
                    t = type(v)
                    dict.__setitem__(o, name, float(v) if t is int else (to_storable(v) if t is Time4D else v))
                    return
                setp(o, name, v, span)

            return set_member
        prepare, _get, put = self.compile_place(target, scope)

        def set_place(f: Frame, v: Any) -> None:
            put(f, prepare(f), v)

        return set_place

    def compile_place(
        self, target: N.Expr, scope: Scope
    ) -> tuple[Callable[[Frame], Any], Callable[[Frame, Any], Any], Callable[[Frame, Any, Any], None]]:
        """(prepare, get, put) for an assignable expression; prepare evaluates containers once."""
        if isinstance(target, (N.Local, N.Name, N.Interprocess)):
            getter = self.compile_expr(target, scope)
            setter = self.compile_store_fn(target, scope)
            return (lambda f: None, lambda f, st: getter(f), lambda f, st, v: setter(f, v))
        if isinstance(target, N.Member):
            obj = self.compile_expr(target.obj, scope)
            name = target.name
            span = target.span
            getp = self.get_property
            setp = self.set_property
            return (obj, lambda f, o: getp(o, name, span), lambda f, o, v: setp(o, name, v, span))
        if isinstance(target, N.Index):
            obj = self.compile_expr(target.obj, scope)
            idx = self.compile_expr(target.index, scope)
            span = target.span
            get_index = self.get_index
            set_index = self.set_index

            def prep(f: Frame) -> Any:
                return (obj(f), idx(f))

            return (
                prep,
                lambda f, st: get_index(st[0], st[1], span),
                lambda f, st, v: set_index(st[0], st[1], v, span),
            )
        if isinstance(target, N.CharIndex):
            base_prep, base_get, base_put = self.compile_place(target.obj, scope)
            idx = self.compile_expr(target.index, scope)
            span = target.span

            def prep_c(f: Frame) -> Any:
                return (base_prep(f), idx(f))

            def get_c(f: Frame, st: Any) -> Any:
                return char_at(base_get(f, st[0]), st[1], span)

            def put_c(f: Frame, st: Any, v: Any) -> None:
                text = base_get(f, st[0])
                base_put(f, st[0], set_char_at(text, st[1], v, span))

            return (prep_c, get_c, put_c)
        if isinstance(target, N.ParamIndirect):
            idx = self.compile_expr(target.index, scope)
            span = target.span
            legacy = scope.code.legacy_params

            def prep_p(f: Frame) -> Any:
                n = idx(f)
                if type(n) not in (float, int):
                    raise FourDError(ERR_TYPE_MISMATCH, "${n} needs a number", span)
                return int(n)

            def get_p(f: Frame, n: int) -> Any:
                return get_param(f, n, legacy, span)

            def put_p(f: Frame, n: int, v: Any) -> None:
                set_param(f, n, v, legacy)

            return (prep_p, get_p, put_p)
        hook = self.hooks.get("place")
        if hook is not None:
            place = hook(self, target, scope)
            if place is not None:
                return place
        raise FourDError(
            ERR_NOT_SUPPORTED, f"Cannot assign to this kind of expression ({type(target).__name__})", target.span
        )

    # ---------------------------------------------------------------- expressions
    def compile_expr(self, e: N.Expr, scope: Scope) -> Fn:
        meth = getattr(self, "expr_" + type(e).__name__, None)
        if meth is None:
            hook = self.hooks.get("expr_" + type(e).__name__)
            if hook is not None:
                return hook(self, e, scope)
            span = e.span

            def unsupported(f: Frame) -> Any:
                raise FourDError(
                    ERR_NOT_SUPPORTED, f"{type(e).__name__} expressions are not supported by mini4d yet", span
                )

            return unsupported
        return meth(e, scope)

    def expr_Literal(self, e: N.Literal, scope: Scope) -> Fn:
        v = e.value
        return lambda f: v

    def expr_Local(self, e: N.Local, scope: Scope) -> Fn:
        i = scope.slot(e.name)
        name = e.name
        span = e.span

        def get_local(f: Frame) -> Any:
            v = f.locals[i]
            if v is UNSET:
                raise _undefined_var(name, span)
            return v

        return get_local

    def expr_ParamIndirect(self, e: N.ParamIndirect, scope: Scope) -> Fn:
        prep, get, _put = self.compile_place(e, scope)
        return lambda f: get(f, prep(f))

    def expr_Name(self, e: N.Name, scope: Scope) -> Fn:
        return self.compile_name(e, scope, as_statement=False)

    def compile_name(self, e: N.Name, scope: Scope, as_statement: bool) -> Fn:
        key = " ".join(e.name.split()).lower()
        project = self.runtime.project
        if project.has_method(e.name):
            return self.compile_method_call(e.name, (), e.span, scope)
        span = e.span
        name = e.name

        def get_process(f: Frame) -> Any:
            v = f.process.vars.get(key, UNSET)
            if v is UNSET:
                if project.has_method(name):
                    return self.call_method_by_name(f, name, [], span)
                raise self.unknown_name(name, span)
            return v

        return get_process

    def unknown_name(self, name: str, span: Span) -> FourDError:
        hint = ""
        cands = REGISTRY.suggest(name)
        if cands:
            hint = f'; did you mean "{cands[0]}"?'
        else:
            import difflib

            methods = list(self.runtime.project.method_names())
            found = difflib.get_close_matches(name.lower(), methods, n=1, cutoff=0.75)
            if found:
                hint = f'; did you mean the method "{found[0]}"?'
        if span is not None and span.text().startswith(name):
            span = Span(span.source, span.start, span.start + len(name))  # the caret marks the name, not its arguments
        return FourDError(ERR_UNKNOWN_NAME, f'Unknown variable, method or command "{name}"{hint}', span)

    def expr_Interprocess(self, e: N.Interprocess, scope: Scope) -> Fn:
        key = e.name.lower()
        rt = self.runtime
        span = e.span
        name = e.name

        def get_inter(f: Frame) -> Any:
            v = rt.interprocess.get(key, UNSET)
            if v is UNSET:
                raise _undefined_var("<>" + name, span)
            return v

        return get_inter

    def expr_Constant(self, e: N.Constant, scope: Scope) -> Fn:
        info = e.value
        if info is not None and info.module:
            REGISTRY.resolve_constant(info)  # its theme module defines its value
        if info is None or not info.defined:
            span = e.span
            name = e.name

            def undefined_constant(f: Frame) -> Any:
                raise FourDError(ERR_NOT_SUPPORTED, f"The constant `{name}` is not supported by mini4d yet", span)

            return undefined_constant
        v = info.value
        return lambda f: v

    def expr_Binary(self, e: N.Binary, scope: Scope) -> Fn:
        if e.op == "+":
            concat = concat_closure(e, lambda x: self.compile_expr(x, scope), _BINARY["+"], scope.slot, _undefined_var)
            if concat is not None:
                return concat
        left = self.compile_expr(e.left, scope)
        right = self.compile_expr(e.right, scope)
        op = e.op
        span = e.span
        if op == "&&":

            def and_then(f: Frame) -> Any:
                a = left(f)
                if not V.truthy(a):
                    return a
                return right(f)

            return and_then
        if op == "||":

            def or_else(f: Frame) -> Any:
                a = left(f)
                if V.truthy(a):
                    return a
                return right(f)

            return or_else
        impl = _BINARY[op]
        fast = binary_closure(op, e, left, right, impl, scope.slot, _undefined_var)
        if fast is not None:
            return fast

        def binary(f: Frame) -> Any:
            a = left(f)
            b = right(f)
            try:
                return impl(a, b)
            except FourDError as err:
                raise err.with_span(span)

        return binary

    def expr_Neg(self, e: N.Neg, scope: Scope) -> Fn:
        operand = self.compile_expr(e.operand, scope)
        span = e.span

        def neg(f: Frame) -> Any:
            v = operand(f)
            t = type(v)
            if t is float or t is int:
                return -v
            try:
                return V.negate(v)
            except FourDError as err:
                raise err.with_span(span)

        if isinstance(e.operand, N.Local):
            i = scope.slot(e.operand.name)

            def neg_local(f: Frame) -> Any:  # `-$x`: the local read inline
                v = f.locals[i]
                t = type(v)
                if t is float or t is int:
                    return -v
                return neg(f)  # Undefined, other types, errors

            return neg_local
        return neg

    def expr_Ternary(self, e: N.Ternary, scope: Scope) -> Fn:
        cond = self.compile_expr(e.cond, scope)
        a = self.compile_expr(e.then, scope)
        b = self.compile_expr(e.other, scope)
        truthy = V.truthy

        def ternary(f: Frame) -> Any:
            return a(f) if truthy(cond(f)) else b(f)

        return ternary

    def expr_ObjectLit(self, e: N.ObjectLit, scope: Scope) -> Fn:
        # Each value is a constant (0), a local read from its slot (1) or a closure (2).
        plan = tuple((k, *inline_read(v, lambda x: self.compile_expr(x, scope), scope.slot)) for k, v in e.pairs)
        new = Obj.__new__

        def obj_lit(f: Frame) -> Obj:
            o = new(Obj)  # Obj() without its __init__ call
            o.group = None
            for k, kind, x, where in plan:
                if kind == 0:
                    v = x
                elif kind == 1:
                    v = f.locals[x]
                    if v is UNSET:
                        raise _undefined_var(*where)
                else:
                    v = x(f)
                t = type(v)
                if t is float or t is str or t is bool or t is Obj or t is Coll or v is None:
                    o[k] = v  # stored as is
                elif t is int:
                    o[k] = float(v)
                elif v is not UNDEFINED:
                    o[k] = to_storable(v)
            return o

        return obj_lit

    def expr_CollectionLit(self, e: N.CollectionLit, scope: Scope) -> Fn:
        items = tuple(self.compile_expr(v, scope) for v in e.items)

        new = Coll.__new__

        def coll_lit(f: Frame) -> Coll:
            out = new(Coll)  # Coll() without its __init__ call
            out.group = None
            for it in items:
                v = it(f)
                t = type(v)
                if t is float or t is str or t is bool or t is Obj or t is Coll or v is None:
                    out.append(v)  # stored as is
                else:
                    out.append(None if v is UNDEFINED else to_storable(v))
            return out

        return coll_lit

    def expr_Member(self, e: N.Member, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        name = e.name
        span = e.span
        getp = self.get_property
        if isinstance(e.obj, N.Local) and _is_object_type(scope.code.slot_types.get(scope.slot(e.obj.name))):
            # docs/Concepts/data-types.md "Null as default value": a variable declared Object or
            # Collection holds null but reading its properties gives undefined, not an error
            # (dt_null_undefined.md: `var $o : Object` ... `$val:=$o.a` "no error").

            def member_of_declared(f: Frame) -> Any:
                o = obj(f)
                t = type(o)
                if t is Obj:
                    return o.get(name, UNDEFINED)
                if o is None:
                    return 0.0 if name == "length" else UNDEFINED
                hook = PROPERTY_HOOKS.get(t)
                if hook is not None:
                    return hook(o, name)
                return getp(o, name, span)

            return _member_of_local(scope.slot(e.obj.name), name, member_of_declared)

        def member(f: Frame) -> Any:
            o = obj(f)
            t = type(o)
            if t is Obj:
                return o.get(name, UNDEFINED)
            hook = PROPERTY_HOOKS.get(t)
            if hook is not None:
                return hook(o, name)  # what get_property ends up calling for these types
            return getp(o, name, span)

        if isinstance(e.obj, N.Local):
            return _member_of_local(scope.slot(e.obj.name), name, member)
        if getattr(obj, "reads_frame_this", False):
            return _member_of_this(name, member)
        return member

    def expr_Index(self, e: N.Index, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        idx = self.compile_expr(e.index, scope)
        span = e.span
        get_index = self.get_index
        if isinstance(e.obj, N.Local) and isinstance(e.index, N.Local):
            oi = scope.slot(e.obj.name)
            ii = scope.slot(e.index.name)

            def index_ll(f: Frame) -> Any:
                loc = f.locals
                o = loc[oi]
                i = loc[ii]
                ti = type(i)
                if type(o) is Coll and (ti is int or ti is float) and 0 <= i < len(o):
                    return o[i if ti is int else int(i)]
                return get_index(obj(f), idx(f), span)  # the closures report unassigned variables

            return index_ll

        def index(f: Frame) -> Any:
            o = obj(f)
            i = idx(f)
            ti = type(i)
            if type(o) is Coll and (ti is int or ti is float) and 0 <= i < len(o):
                return o[i if ti is int else int(i)]
            return get_index(o, i, span)

        return index

    def expr_CharIndex(self, e: N.CharIndex, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        idx = self.compile_expr(e.index, scope)
        span = e.span
        return lambda f: char_at(obj(f), idx(f), span)

    def expr_TryExpr(self, e: N.TryExpr, scope: Scope) -> Fn:
        inner = self.compile_expr(e.expr, scope)

        def try_expr(f: Frame) -> Any:
            proc = f.process
            proc.try_depth += 1
            proc.last_errors = None
            try:
                return inner(f)
            except FourDError as err:
                record_error(proc, err)
                return UNDEFINED
            finally:
                proc.try_depth -= 1

        return try_expr

    def expr_Star(self, e: N.Star, scope: Scope) -> Fn:
        raise Syntax4DError("`*` is only allowed as a command argument", e.span)

    def expr_Table(self, e: N.Table, scope: Scope) -> Fn:
        hook = self.hooks.get("table")
        if hook is not None:
            return hook(self, e, scope)
        span = e.span
        text = e.text

        def table(f: Frame) -> Any:
            raise FourDError(ERR_NOT_SUPPORTED, f"{text} is a database table or field: mini4d has no database", span)

        return table

    # ---------------------------------------------------------------- calls
    def expr_Command(self, e: N.Command, scope: Scope) -> Fn:
        info = REGISTRY.lookup_number(e.number) if e.number else REGISTRY.lookup(e.name)
        span = e.span
        if info is None:
            info = REGISTRY.lookup(e.name)
        if info is None:
            name = e.name

            def unknown(f: Frame) -> Any:
                raise FourDError(ERR_UNKNOWN_NAME, f"Unknown command `{name}` (number {e.number})", span)

            return unknown
        special = self.hooks.get(("command", info.number)) or info.compile
        if special is not None:
            return special(self, e, scope, info)
        if info.number in _CONSTANT_COMMANDS and not e.args:
            v = _CONSTANT_COMMANDS[info.number]
            return lambda f: v
        if not info.implemented:
            err_info = info

            def unsupported(f: Frame) -> Any:
                raise not_supported(err_info).with_span(span)

            return unsupported
        return self.compile_command_call(info, e.args, span, scope)

    def compile_command_call(self, info: CommandInfo, args: tuple[N.Expr, ...], span: Span, scope: Scope) -> Fn:
        func = info.func
        star = False
        order: bool | None = None
        arg_fns: list[Fn] = []
        convs: list[Any] = []
        params = info.params
        for a in args:
            if isinstance(a, N.Star):
                star = True
                continue
            if isinstance(a, N.SortOrder):
                order = a.ascending
                if info.wants_order:
                    continue
                arg_fns.append(lambda f, v=(">" if a.ascending else "<"): v)
                convs.append(None)
                continue
            pos = len(arg_fns)
            if info.is_ref(pos):
                arg_fns.append(self.compile_ref(a, scope))
                convs.append(None)
            else:
                arg_fns.append(self.compile_expr(a, scope))
                if pos < len(params) and not params[pos].variadic:
                    convs.append(params[pos].conv)
                elif params and params[-1].variadic:
                    convs.append(params[-1].conv)
                else:
                    convs.append(None)
                if convs[-1] is not None and isinstance(a, N.Literal):
                    arg_fns[-1], convs[-1] = _converted_literal(a.value, convs[-1], arg_fns[-1])
        n = len(arg_fns)
        name = info.name
        if star and not info.wants_star:
            raise Syntax4DError(f"`{name}` does not take a `*` argument", span)
        if n < info.min_args or (info.max_args is not None and n > info.max_args):
            expected = (
                f"{info.min_args}"
                if info.max_args == info.min_args
                else f"{info.min_args} to {info.max_args}"
                if info.max_args is not None
                else f"at least {info.min_args}"
            )

            def bad_count(f: Frame) -> Any:
                raise FourDError(
                    ERR_ARG_COUNT, f"`{name}` takes {expected} parameter(s), {n} given; {info.signature()}", span
                )

            return bad_count
        kwargs: dict[str, Any] = {}
        if info.wants_star and star:  # `star` defaults to False and `order` to None (registry)
            kwargs["star"] = star
        if info.wants_order and order is not None:
            kwargs["order"] = order
        afs = tuple(arg_fns)
        cvs = tuple(convs)
        wants_ctx = info.wants_ctx
        if not kwargs:
            func = info.forms.get(n, func)
        if not kwargs and all(c is None for c in cvs):
            if wants_ctx:
                if n == 0:

                    def call0(f: Frame) -> Any:
                        f.span = span
                        try:
                            return func(f)
                        except FourDError as err:
                            raise err.with_span(span)

                    return call0
                if n == 1:
                    a0 = afs[0]

                    def call1(f: Frame) -> Any:
                        v = a0(f)
                        f.span = span
                        try:
                            return func(f, v)
                        except FourDError as err:
                            raise err.with_span(span)
                        except (OverflowError, ValueError):
                            if _has_nonfinite((v,)):
                                raise _nonfinite_error(name, span) from None
                            raise

                    return call1
            else:
                if n == 0:

                    def callp0(f: Frame) -> Any:
                        try:
                            return func()
                        except FourDError as err:
                            raise err.with_span(span)

                    return callp0
                if n == 1:
                    a0 = afs[0]

                    def callp1(f: Frame) -> Any:
                        v = a0(f)
                        try:
                            return func(v)
                        except FourDError as err:
                            raise err.with_span(span)
                        except (OverflowError, ValueError):
                            if _has_nonfinite((v,)):
                                raise _nonfinite_error(name, span) from None
                            raise

                    return callp1
        if not kwargs and 1 <= n <= 3:
            return _fixed_call(func, afs, cvs, wants_ctx, name, span)
        pairs = tuple(zip(afs, cvs))

        def call(f: Frame) -> Any:
            vals = []
            for af, cv in pairs:
                v = af(f)
                if cv is not None:
                    try:
                        v = cv(v)
                    except FourDError as err:
                        raise FourDError(err.code, f"`{name}`: {err.message}", span) from None
                vals.append(v)
            f.span = span
            try:
                if wants_ctx:
                    return func(f, *vals, **kwargs)
                return func(*vals, **kwargs)
            except FourDError as err:
                raise err.with_span(span)
            except (OverflowError, ValueError):
                # a command given INF or an undefined number where it needs an integer
                if _has_nonfinite(vals):
                    raise _nonfinite_error(name, span) from None
                raise

        return call

    def compile_ref(self, e: N.Expr, scope: Scope) -> Fn:
        """A Ref to an assignable place (for declarations and output parameters)."""
        if isinstance(e, N.Local):
            i = scope.slot(e.name)
            name = e.name
            code = scope.code

            def ref_local(f: Frame) -> Ref:
                loc = f.locals

                def get() -> Any:
                    v = loc[i]
                    return UNDEFINED if v is UNSET else v

                def put(v: Any) -> None:
                    t = code.slot_types.get(i)
                    c = make_converter(t)
                    loc[i] = c(v) if c else v

                def declare(t: str) -> None:
                    code.slot_types[i] = t
                    if loc[i] is UNSET:
                        loc[i] = default_value(t)

                r = Ref(get, put, name, declare, e)
                return r

            return ref_local
        if isinstance(e, N.Name):
            key = " ".join(e.name.split()).lower()
            name = e.name

            def ref_process(f: Frame) -> Ref:
                proc = f.process

                def get() -> Any:
                    return proc.vars.get(key, UNDEFINED)

                def put(v: Any) -> None:
                    t = proc.var_types.get(key)
                    c = make_converter(t)
                    proc.vars[key] = c(v) if c else v

                def declare(t: str) -> None:
                    proc.var_types[key] = t
                    if key not in proc.vars:
                        proc.vars[key] = default_value(t)

                return Ref(get, put, name, declare, e)

            return ref_process
        if isinstance(e, N.Interprocess):
            key = e.name.lower()
            rt = self.runtime

            def ref_inter(f: Frame) -> Ref:
                def get() -> Any:
                    return rt.interprocess.get(key, UNDEFINED)

                def put(v: Any) -> None:
                    t = rt.interprocess_types.get(key)
                    c = make_converter(t)
                    rt.interprocess[key] = c(v) if c else v

                def declare(t: str) -> None:
                    rt.interprocess_types[key] = t
                    if key not in rt.interprocess:
                        rt.interprocess[key] = default_value(t)

                return Ref(get, put, "<>" + e.name, declare, e)

            return ref_inter
        if isinstance(e, N.ASSIGNABLE):
            prep, get, put = self.compile_place(e, scope)

            def ref_place(f: Frame) -> Ref:
                try:
                    st = prep(f)
                except FourDError:
                    st = None
                    return Ref(lambda: UNDEFINED, lambda v: put(f, prep(f), v), "", None, e)

                def getter() -> Any:
                    try:
                        return get(f, st)
                    except FourDError:
                        return UNDEFINED

                return Ref(getter, lambda v: put(f, st, v), "", None, e)

            return ref_place
        value = self.compile_expr(e, scope)
        span = e.span

        def ref_value(f: Frame) -> Ref:
            v = value(f)

            def cannot(_v: Any) -> None:
                raise FourDError(ERR_TYPE_MISMATCH, "A variable was expected here", span)

            return Ref(lambda: v, cannot, "", None, e)

        return ref_value

    def expr_MethodCall(self, e: N.MethodCall, scope: Scope) -> Fn:
        return self.compile_method_call(e.name, e.args, e.span, scope)

    def compile_method_call(self, name: str, args: tuple[N.Expr, ...], span: Span, scope: Scope) -> Fn:
        arg_fns = tuple(self.compile_expr(a, scope) for a in args)
        project = self.runtime.project
        cache: list[Code | None] = [None]
        n_args = len(arg_fns)
        a0 = arg_fns[0] if n_args else None
        a1 = arg_fns[1] if n_args > 1 else None

        def call_method(f: Frame) -> Any:
            code = cache[0]
            if code is None:
                code = self.get_method(name, span)
                cache[0] = code
            call = code.call or prepare_call(code)
            # no list comprehension frame for the common short calls
            args = (
                []
                if n_args == 0
                else [a0(f)]
                if n_args == 1
                else [a0(f), a1(f)]
                if n_args == 2
                else [a(f) for a in arg_fns]
            )
            return call(f, args, span, None, f.process)

        if not project.has_method(name):

            def unknown_method(f: Frame) -> Any:
                if project.has_method(name):
                    return call_method(f)
                raise self.unknown_name(name, span)

            return unknown_method
        return call_method

    def call_method_by_name(self, f: Frame, name: str, args: list[Any], span: Span | None) -> Any:
        code = self.get_method(name, span)
        return self.invoke(code, args, f, span)

    def get_method(self, name: str, span: Span | None) -> Code:
        key = " ".join(name.split()).lower()
        code = self.codes.get(key)
        if code is not None:
            return code
        mt = self.runtime.project.load_method(name)
        if mt is None:
            raise FourDError(ERR_METHOD_NOT_FOUND, f'Project method not found: "{name}"', span)
        from .cache import parse_cached

        stmts = parse_cached(mt.source)
        code = self.compile_unit(mt.name, stmts, mt.source)
        code.attributes = mt.attributes
        self.codes[key] = code
        return code

    def invoke(
        self,
        code: Code,
        args: list[Any],
        caller: Frame | None,
        span: Span | None,
        this: Any = None,
        process: Any = None,
        initial: list[Any] | None = None,
    ) -> Any:
        """Run a compiled unit with arguments; returns its result (Undefined if none)."""
        call = code.call
        if call is None:
            call = prepare_call(code)
        return call(caller, args, span, this, process if process is not None else caller.process, initial)

    # ---------------------------------------------------------------- objects
    def get_property(self, o: Any, name: str, span: Span | None) -> Any:
        t = type(o)
        if t is Obj:
            return o.get(name, UNDEFINED)
        if o is UNDEFINED:
            return UNDEFINED
        if t is Coll:
            if name == "length":
                return float(len(o))
            raise FourDError(ERR_NOT_OBJECT, f'Collections have no property "{name}"', span)
        if o is None:
            if name == "length":
                return 0.0
            raise FourDError(ERR_NULL_PROPERTY, f'Cannot read property "{name}" of Null', span)
        getter = getattr(o, "get_4d_property", None)
        if getter is not None:
            return getter(name)
        if isinstance(o, Obj):
            return o.get(name, UNDEFINED)
        raise FourDError(ERR_NOT_OBJECT, f'Cannot read property "{name}" of a {V.type_name(o)} value', span)

    def set_property(self, o: Any, name: str, v: Any, span: Span | None) -> None:
        if isinstance(o, Obj):
            setter = getattr(o, "set_4d_property", None)
            if setter is not None:
                setter(name, v)
                return
            if v is UNDEFINED:
                if name in o:
                    cur = dict.__getitem__(o, name)
                    v = V.empty_like(cur)
                else:
                    return
            if o.group is not None:
                try:
                    V.check_writable(o)
                    v = V.share_value(o, to_storable(v))
                except FourDError as err:
                    raise err.with_span(span)
            dict.__setitem__(o, name, to_storable(v))
            return
        if o is None:
            raise FourDError(
                ERR_NULL_WRITE, f'Cannot set property "{name}": the object is Null (not initialised)', span
            )
        if o is UNDEFINED:
            raise FourDError(ERR_NULL_WRITE, f'Cannot set property "{name}" of an undefined value', span)
        setter = getattr(o, "set_4d_property", None)
        if setter is not None:
            setter(name, v)
            return
        raise FourDError(ERR_NOT_OBJECT, f'Cannot set property "{name}" of a {V.type_name(o)} value', span)

    def get_index(self, o: Any, i: Any, span: Span | None) -> Any:
        if isinstance(o, Coll):
            if type(i) not in (float, int) or type(i) is bool:
                raise FourDError(ERR_TYPE_MISMATCH, f"A collection index must be a number, got {V.type_name(i)}", span)
            n = _element_index(i, span)
            if n < 0 or n >= len(o):
                raise FourDError(
                    ERR_INDEX_RANGE, f"Index {n} is out of range (the collection has {len(o)} elements)", span
                )
            return o[n]
        if isinstance(o, Obj):
            if type(i) is not str:
                raise FourDError(ERR_TYPE_MISMATCH, f"A property name must be a text, got {V.type_name(i)}", span)
            return self.get_property(o, i, span)
        if o is UNDEFINED:
            return UNDEFINED
        if o is None:
            raise FourDError(ERR_NULL_PROPERTY, "Cannot read an element of Null", span)
        if type(i) is str:
            return self.get_property(o, i, span)
        getter = getattr(o, "get_4d_index", None)
        if getter is not None:
            return getter(i)
        raise FourDError(ERR_NOT_OBJECT, f"Cannot index a {V.type_name(o)} value", span)

    def set_index(self, o: Any, i: Any, v: Any, span: Span | None) -> None:
        if isinstance(o, Coll):
            if type(i) not in (float, int) or type(i) is bool:
                raise FourDError(ERR_TYPE_MISMATCH, f"A collection index must be a number, got {V.type_name(i)}", span)
            n = _element_index(i, span)
            if n < 0:
                raise FourDError(ERR_INDEX_RANGE, f"Index {n} is out of range", span)
            if n - len(o) > MAX_GROWTH:
                raise FourDError(
                    ERR_INDEX_RANGE, f"Index {n} is too far past the end of the collection ({len(o)} elements)", span
                )
            v = None if v is UNDEFINED else to_storable(v)
            if o.group is not None:
                try:
                    V.check_writable(o)
                    v = V.share_value(o, v)
                except FourDError as err:
                    raise err.with_span(span)
            if n < len(o):
                o[n] = v
            else:
                o.extend([None] * (n - len(o)))
                o.append(v)
            return
        if type(i) is str:
            self.set_property(o, i, v, span)
            return
        if isinstance(o, Obj):
            raise FourDError(ERR_TYPE_MISMATCH, f"A property name must be a text, got {V.type_name(i)}", span)
        if o is None:
            raise FourDError(ERR_NULL_WRITE, "Cannot set an element of Null", span)
        setter = getattr(o, "set_4d_index", None)
        if setter is not None:
            setter(i, v)
            return
        raise FourDError(ERR_NOT_OBJECT, f"Cannot index a {V.type_name(o)} value", span)

    def expr_MemberCall(self, e: N.MemberCall, scope: Scope) -> Fn:
        obj = self.compile_expr(e.obj, scope)
        arg_fns = tuple(self.compile_expr(a, scope) for a in e.args)
        name = e.name
        span = e.span
        call_member = self.call_member
        coll_members = self.members.setdefault("Collection", {})

        n_args = len(arg_fns)
        if name == "push" and n_args == 1:
            return self.compile_push(e, obj, arg_fns[0], scope, statement=False)

        def member_call(f: Frame) -> Any:
            o = obj(f)
            # no list comprehension frame for the common short calls
            args = (
                []
                if n_args == 0
                else [arg_fns[0](f)]
                if n_args == 1
                else [arg_fns[0](f), arg_fns[1](f)]
                if n_args == 2
                else [a(f) for a in arg_fns]
            )
            t = type(o)
            if t is Coll:
                fn = coll_members.get(name)
                if fn is not None:
                    f.span = span
                    try:
                        return fn(f, o, *args)
                    except FourDError as err:
                        raise err.with_span(span)
            else:
                hook = MEMBER_CALL_HOOKS.get(t)
                call = hook(o, name) if hook is not None else None
                if call is not None:
                    # a class function, `new`, a formula's `call`: what call_member would end up doing
                    f.span = span
                    try:
                        return call(f, args, span, o, f.process)
                    except FourDError as err:
                        raise err.with_span(span)
            return call_member(f, o, name, args, span)

        return member_call

    def compile_push(self, e: N.MemberCall, obj: Fn, a0: Fn, scope: Scope, statement: bool) -> Fn:
        """`$c.push(v)`: push's own work without its checks on a standard collection with a value
        stored as is; anything else takes the general member call. A local collection and a
        constant value are read inline; as a statement it returns None (no wrapper needed).
        """
        oi = scope.slot(e.obj.name) if isinstance(e.obj, N.Local) else -1
        const = _constant(e.args[0])
        as_is = type(const) in (float, bool, str) or const is None
        call_member = self.call_member
        span = e.span

        def push_one(f: Frame) -> Any:
            o = f.locals[oi] if oi >= 0 else UNSET
            if o is UNSET:
                o = obj(f)  # reports an unassigned local
            v = const if as_is else a0(f)
            if type(o) is Coll and o.group is None:
                t = type(v)
                if t is float or t is bool or t is str or t is Obj or t is Coll or v is None:
                    o.append(v)
                    return None if statement else o
                if t is int:  # an Integer is stored as a Real (to_storable)
                    o.append(float(v))
                    return None if statement else o
            r = call_member(f, o, "push", [v], span)
            return None if statement else r

        return push_one

    def call_member(self, f: Frame, o: Any, name: str, args: list[Any], span: Span | None) -> Any:
        f.span = span
        if isinstance(o, Coll):
            fn = self.members.get("Collection", {}).get(name)
            if fn is None:
                raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}" of a collection', span)
            try:
                return fn(f, o, *args)
            except FourDError as err:
                raise err.with_span(span)
        if o is None or o is UNDEFINED:
            raise FourDError(
                ERR_NOT_A_FUNCTION,
                f'Cannot call "{name}()": the object is {"Null" if o is None else "undefined"}',
                span,
            )
        caller = getattr(o, "call_4d_member", None)
        if caller is not None:
            try:
                return caller(f, name, args, span)
            except FourDError as err:
                raise err.with_span(span)
        if isinstance(o, Obj):
            fn = o.get(name, UNDEFINED)
            if getattr(fn, "is_formula", False):
                return fn.invoke(f, args, this=o, span=span)
            if fn is UNDEFINED:
                raise FourDError(ERR_NOT_A_FUNCTION, f'Unknown member function "{name}"', span)
            raise FourDError(ERR_NOT_A_FUNCTION, f'The property "{name}" is not a function', span)
        kind = getattr(o, "class_name", None)
        if kind:
            fn = self.members.get(kind, {}).get(name)
            if fn is not None:
                try:
                    return fn(f, o, *args)
                except FourDError as err:
                    raise err.with_span(span)
        raise FourDError(ERR_NOT_A_FUNCTION, f'Cannot call "{name}()" on a {V.type_name(o)} value', span)

    def expr_Call(self, e: N.Call, scope: Scope) -> Fn:
        arg_fns = tuple(self.compile_expr(a, scope) for a in e.args)
        span = e.span
        if isinstance(e.target, N.Index):
            # `$o["fn"](...)` is a member call: This is $o (docs/API/FunctionClass.md).
            owner = self.compile_expr(e.target.obj, scope)
            key = self.compile_expr(e.target.index, scope)
            call_member = self.call_member

            def call_by_name(f: Frame) -> Any:
                o = owner(f)
                k = key(f)
                if type(k) is str and not isinstance(o, Coll):
                    return call_member(f, o, k, [a(f) for a in arg_fns], span)
                fn = self.get_index(o, k, span)
                if getattr(fn, "is_formula", False):
                    return fn.invoke(f, [a(f) for a in arg_fns], this=None, span=span)
                raise FourDError(ERR_NOT_A_FUNCTION, f"A {V.type_name(fn)} value cannot be called", span)

            return call_by_name
        target = self.compile_expr(e.target, scope)

        def call_value(f: Frame) -> Any:
            fn = target(f)
            args = [a(f) for a in arg_fns]
            if getattr(fn, "is_formula", False):
                return fn.invoke(f, args, this=None, span=span)
            raise FourDError(ERR_NOT_A_FUNCTION, f"A {V.type_name(fn)} value cannot be called", span)

        return call_value

    # ---------------------------------------------------------------- errors
    def on_error(self, e: FourDError, f: Frame) -> Any:
        """An error reached a statement: run the ON ERR CALL handler and go on, or propagate."""
        if getattr(e, "_passed", False):
            raise e
        proc = f.process
        if e.method is None:
            e.method = f.code.name
        hook = self.runtime.extensions.get("on_error")
        if hook is not None and proc.try_depth == 0 and hook(e, f):
            return None
        handler = proc.err_handler
        if (
            handler
            and not proc.in_handler
            and proc.try_depth <= proc.handler_depth
            and not isinstance(e, Syntax4DError)
            and e.code != 1006
        ):
            record_error(proc, e)
            self.run_handler(f, e, handler)
            return None
        e._passed = True  # type: ignore[attr-defined]
        raise e

    def run_handler(self, f: Frame, e: FourDError, handler: str) -> None:
        proc = f.process
        pv = proc.vars
        pv["error"] = e.code
        pv["error method"] = e.method or f.code.name
        pv["error line"] = e.span.line if e.span is not None else 0
        pv["error formula"] = e.span.text() if e.span is not None else ""
        proc.in_handler = True
        try:
            try:
                code = self.get_method(handler, e.span)
            except FourDError:
                raise FourDError(
                    ERR_HANDLER_NOT_CALLABLE, f"Cannot call error handling project method '{handler}'", e.span
                )
            self.invoke(code, [], f, e.span)
        finally:
            proc.in_handler = False
        if proc.stop_requested == "abort":
            proc.stop_requested = False
            err = FourDError(e.code, e.message, e.span)
            err._passed = True  # type: ignore[attr-defined]
            err.aborted = True  # type: ignore[attr-defined]
            raise err


# ------------------------------------------------------------------ helpers


# Writing this far past the end of a collection is refused rather than filling memory with Null.
MAX_GROWTH = 10_000_000


def _element_index(i: Any, span: Span | None) -> int:
    """A collection or character index as an int (INF and NaN are out of range)."""
    if type(i) is float and not math.isfinite(i):
        raise FourDError(ERR_INDEX_RANGE, f"Index {V.format_number(i) or 'NaN'} is out of range", span)
    return int(i)


def _take_deferred(proc: Any, since: int) -> FourDError:
    """The deferred errors stacked since `since`, as one error carrying the earlier ones."""
    errs = proc.deferred[since:]
    del proc.deferred[since:]
    err = errs[-1]
    err.stacked = [*err.stacked, *(e for e in errs[:-1] if e not in err.stacked)]
    err.deferred = False
    return err


def record_error(proc: Any, e: FourDError) -> None:
    """Add an error to the process's `Last errors` stack."""
    if proc.last_errors is None:
        proc.last_errors = []
    for earlier in e.stacked:
        proc.last_errors.append(earlier)
    proc.last_errors.append(e)
    proc.vars["error"] = e.code


def _add_frame(err: FourDError, code: Code, call_span: Span | None) -> None:
    if not err.stack:
        err.stack.append(Frame4D(code.name, err.span))
    else:
        pending = getattr(err, "_pending_span", None)
        err.stack.append(Frame4D(code.name, pending))
    err._pending_span = call_span  # type: ignore[attr-defined]
    err._passed = False  # type: ignore[attr-defined]


def _undefined_var(name: str, span: Span) -> FourDError:
    return FourDError(ERR_UNDEFINED_VAR, f"The variable {name} is not defined (never assigned nor declared)", span)


_new_frame = object.__new__

# An Integer parameter receiving a Real (every numeric constant is one) is rounded inline (see prepare_call)
_ROUND = "round"
# Declared type -> the Python type its converter returns as is (a parameter of that type needs no call)
_UNCHANGED: dict[str | None, Any] = {
    "text": str,
    "real": float,
    "boolean": bool,
    "date": Date4D,
    "time": Time4D,
    "object": Obj,
    "collection": Coll,
    "integer": _ROUND,
    "longint": _ROUND,
}

# How prepare_call binds the arguments of a unit
_BIND_DECLARED = 0  # #DECLARE parameters only: converted in place when the count matches
_BIND_LEGACY = 1  # untyped $1..$n only: copied
_BIND_GENERIC = 2  # anything else: _bind_params


def prepare_call(code: Code) -> Callable[..., Any]:
    """The call of `code`, specialised once for its shape and kept in `code.call`.

    `call(caller, args, span, this, proc, initial=None)` runs the unit in a new frame:
    `args` becomes the frame's parameters as is, `initial` (captured locals of a formula)
    replaces the fresh locals. The stack-depth check, parameter binding, the 4D call-stack
    line added to an error and deferred errors are as `invoke` documents them.
    """
    plan = _param_plan(code)
    rs = code.result_slot
    template = [UNSET] * code.nslots
    param_slots = {slot for _k, slot, _c, _t in plan[1]}
    if code.has_declare and not code.legacy_params and rs not in param_slots:
        mode = _BIND_DECLARED
        if rs is not None:
            template[rs] = plan[2]  # the result starts as the empty value of its type
    elif not code.has_declare and all(code.slot_types.get(slot) is None for slot in code.legacy_params.values()):
        mode = _BIND_LEGACY
    else:
        mode = _BIND_GENERIC
    steps = tuple((k, slot, conv, _UNCHANGED.get(t)) for k, slot, conv, t in plan[1])
    nsteps = len(steps)
    legacy = tuple((n, slot) for n, slot in code.legacy_params.items() if n >= 1)
    body = code.body
    # a formula's value straight from its expression: no `f.ret` round trip
    value = getattr(body, "formula_value", None) if rs is None else None
    # a one-statement body runs inside the call, as compile_block's run1 would run it
    single, single_span, on_error = getattr(body, "single", (None, None, None))
    is_method = code.kind == "method"
    declared = mode == _BIND_DECLARED
    result_default = plan[2] if rs is None and code.result_type is not None else UNDEFINED
    name = code.name

    def call(
        caller: Frame | None, args: list[Any], span: Span | None, this: Any, proc: Any, initial: list[Any] | None = None
    ) -> Any:
        depth = proc.depth
        if depth >= MAX_DEPTH:
            raise FourDError(
                ERR_STACK_OVERFLOW, f"Stack overflow: more than {MAX_DEPTH} nested calls (in {name})", span
            )
        f = _new_frame(Frame)
        f.code = code
        f.process = proc
        f.params = args
        f.this = this
        f.ret = UNDEFINED
        f.span = None
        f.runtime = proc.runtime
        f.caller = caller
        f.extra = None
        if initial is None:
            loc = f.locals = template.copy()
        else:
            loc = f.locals = list(initial)
        if declared and initial is None and len(args) == nsteps:
            try:
                for k, slot, conv, same in steps:
                    v = args[k]
                    if conv is None or type(v) is same:
                        loc[slot] = v
                    elif same is _ROUND and type(v) is float and -2147483647.0 < v < 2147483647.0:
                        loc[slot] = int(v + 0.5) if v >= 0 else -int(0.5 - v)  # conv_int's common case
                    else:
                        loc[slot] = conv(v)
            except FourDError:
                _bind_params(code, plan, loc, args, span)  # raises the parameter's own error
        elif mode == _BIND_LEGACY:
            nargs = len(args)
            for n, slot in legacy:
                if n <= nargs and loc[slot] is UNSET:
                    loc[slot] = args[n - 1]
        else:
            _bind_params(code, plan, loc, args, span)
        proc.depth = depth + 1
        if is_method:
            pending = len(proc.deferred)
        try:
            if value is not None:
                return value(f)
            if single is None:
                body(f)
            else:
                try:
                    single(f)
                except FourDError as e:
                    if e.span is None:
                        e.span = single_span
                    on_error(e, f)
        except FourDError as err:
            _add_frame(err, code, span)
            raise
        finally:
            proc.depth = depth
        if is_method and len(proc.deferred) > pending:
            # Deferred errors thrown by this method are delivered when it returns (throw.md).
            err = _take_deferred(proc, pending)
            _add_frame(err, code, span)
            raise err
        if rs is not None:
            v = loc[rs]
            return UNDEFINED if v is UNSET else v
        v = f.ret
        return result_default if v is UNDEFINED else v

    code.call = call
    return call


def _bind_params(code: Code, plan: tuple[Any, ...], loc: list[Any], args: list[Any], span: Span | None) -> None:
    """Bind arguments to #DECLARE and legacy $n parameters, whatever the shape (see prepare_call)."""
    nargs = len(args)
    if code.has_declare:
        for k, slot, conv, t in plan[1]:
            if k < nargs:
                v = args[k]
                if conv is not None:
                    try:
                        v = conv(v)
                    except FourDError:
                        v = _convert_param(v, t, k, code, span)  # raises the parameter error
                elif t is not None:
                    v = _convert_param(v, t, k, code, span)
                loc[slot] = v
            else:
                loc[slot] = default_value(t)
        if nargs > len(plan[1]) and code.variadic not in (None, "variant"):
            for k in range(len(code.params), nargs):
                args[k] = _convert_param(args[k], code.variadic, k, code, span)
        if code.result_slot is not None and loc[code.result_slot] is UNSET:
            loc[code.result_slot] = plan[2]
    if code.legacy_params:
        for n, slot in code.legacy_params.items():
            if 1 <= n <= nargs and loc[slot] is UNSET:
                t = code.slot_types.get(slot)
                v = args[n - 1]
                if t is not None:
                    c = make_converter(t)
                    try:
                        v = c(v) if c else v
                    except FourDError:
                        v = default_value(t)  # legacy C_XXX parameters receive an empty value
                loc[slot] = v


def _param_plan(code: Code) -> tuple[Any, ...]:
    """How each #DECLARE parameter is bound, worked out once per compiled unit."""
    steps = []
    for k, (slot, t) in enumerate(code.params):
        conv = None
        if t is not None and t.startswith("cs."):
            conv = _class_param_converter(t)
        elif t is not None:
            conv = make_converter(t)
            if conv is None:
                t = None
        steps.append((k, slot, conv, t))
    return (list(code.params), tuple(steps), default_value(code.result_type))


def _class_param_converter(t: str) -> Callable[[Any], Any]:
    """Check of a `cs.Name` parameter; a FourDError makes the caller report it with _convert_param."""
    from .classes import Instance, has_class

    obj = make_converter(t)
    assert obj is not None
    name = t[3:]

    def conv_class(v: Any) -> Any:
        if type(v) is Instance:  # the common case, has_class without the calls
            c = v.cls
            while c is not None:
                if c.name == name:
                    return v
                c = c.parent
        v = obj(v)
        if v is not None and not has_class(v, name):
            raise FourDError(ERR_PARAM_TYPE, "wrong class")
        return v

    return conv_class


def _convert_param(v: Any, t: str, k: int, code: Code, span: Span | None) -> Any:
    c = make_converter(t)
    if c is None:
        return v
    try:
        v = c(v)
        if v is not None and t.startswith("cs."):
            from .classes import has_class  # a wrong class is a wrong type (parameters.md)

            if not has_class(v, t[3:]):
                raise FourDError(ERR_PARAM_TYPE, "wrong class")
        return v
    except FourDError:
        raise FourDError(
            ERR_PARAM_TYPE,
            f"Parameter {k + 1} of {code.name}: a {t.capitalize() if not t.startswith(('cs.', '4D.')) else t} was expected, got {V.type_name(v)}",
            span,
        ) from None


def get_param(f: Frame, n: int, legacy: dict[int, int], span: Span | None) -> Any:
    slot = legacy.get(n)
    if slot is not None:
        v = f.locals[slot]
        if v is not UNSET:
            return v
    if 1 <= n <= len(f.params):
        return f.params[n - 1]
    if n == 0:
        return f.ret
    raise FourDError(ERR_INDEX_RANGE, f"Parameter ${n} was not passed (Count parameters = {len(f.params)})", span)


def set_param(f: Frame, n: int, v: Any, legacy: dict[int, int]) -> None:
    slot = legacy.get(n)
    if slot is not None:
        f.locals[slot] = v
        return
    if 1 <= n <= len(f.params):
        f.params[n - 1] = v
    elif n == 0:
        f.ret = v
    else:
        f.params.extend([UNDEFINED] * (n - len(f.params)))
        f.params[n - 1] = v


def char_at(text: Any, i: Any, span: Span | None) -> str:
    if type(text) is not str:
        raise FourDError(ERR_TYPE_MISMATCH, f"[[ ]] needs a text, got {V.type_name(text)}", span)
    if type(i) not in (float, int):
        raise FourDError(ERR_TYPE_MISMATCH, "A character index must be a number", span)
    if not math.isfinite(i):
        return ""
    n = int(i)
    if 1 <= n <= len(text):
        return text[n - 1]
    # docs/Concepts/dt_string.md: reading past the end "in interpreted mode, does not cause
    # a syntax error" (only compiled range checking raises -20005); the character is empty.
    return ""


def set_char_at(text: Any, i: Any, ch: Any, span: Span | None) -> str:
    if type(text) is not str:
        raise FourDError(ERR_TYPE_MISMATCH, f"[[ ]] needs a text, got {V.type_name(text)}", span)
    if type(ch) is not str or len(ch) != 1:
        raise FourDError(ERR_TYPE_MISMATCH, "A character reference takes exactly one character", span)
    n = _element_index(i, span)
    if not 1 <= n <= len(text):
        raise FourDError(
            ERR_INDEX_RANGE, f"Character index {n} is out of range (the text has {len(text)} characters)", span
        )
    return text[: n - 1] + ch + text[n:]


def _keys_of(o: Obj) -> Any:
    keys = getattr(o, "keys_4d", None)
    if keys is not None:
        return keys()
    return dict.keys(o)


def _describe(v: Any) -> str:
    if isinstance(v, (Obj, Coll)):
        return "a standard (not shared) " + ("collection" if isinstance(v, Coll) else "object")
    return "a " + V.type_name(v)


def _check_number(v: Any, node: Any) -> Any:
    t = type(v)
    if t is float or t is int:
        return v
    if v is UNDEFINED:
        return 0.0
    if t is Time4D:
        return v.s
    raise FourDError(
        ERR_TYPE_MISMATCH, f"A number was expected, got {V.type_name(v)}", node.span if node is not None else None
    )


def _range_stop(v: Any, e: Any, st: Any) -> int | None:
    """The stop of `range(v, stop, st)` counting an Integer from v to e, or None.

    None when the counter or the step is not an int, or when the counter would leave the
    32-bit range (it then wraps as the general loop makes it).
    """
    if (
        type(v) is not int
        or type(st) is not int
        or not st
        or not (type(e) is int or (type(e) is float and math.isfinite(e)))
    ):
        return None
    last = math.floor(e) if st > 0 else math.ceil(e)
    if not -0x80000000 <= last + st <= 0x7FFFFFFF:
        return None
    return last + 1 if st > 0 else last - 1


def _identity(v: Any) -> Any:
    return v


def _nothing(f: Frame) -> None:
    return None


def _return_nothing(f: Frame) -> int:
    return RET


def _stop(proc: Any) -> None:
    from .errors import ERR_INTERRUPTED

    checkpoint = getattr(proc, "checkpoint", None)
    if checkpoint is not None and checkpoint():
        return  # a pending DELAY PROCESS from another process was served; go on
    raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")


_UPDATE_OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul}


def _property_put(
    name: str, span: Span, setp: Callable[[Any, str, Any, Span], None]
) -> Callable[[Frame, Any, Any], None]:
    """put(f, o, v) storing v in property `name` of o: plain objects inline, the rest through setp."""

    def put(f: Frame, o: Any, v: Any) -> None:
        if type(o) is Obj:
            t = type(v)
            if t is float or t is str or t is bool or v is None:
                g = o.group
                # held by this process: its own group (the common case) or the group it joined
                if g is None or (not g.strict and ((g.owner is f.process and g.count > 0) or g.held_by(f.process))):
                    o[name] = v  # what set_property stores after its checks
                    return
            elif (t is Obj or t is Coll) and o.group is None:
                o[name] = v
                return
        else:
            hook = STORE_HOOKS.get(type(o))
            if hook is not None:
                hook(o, name, v)  # what set_property ends up calling for these types
                return
        setp(o, name, v, span)

    return put


def _member_of_this(name: str, general: Fn) -> Fn:
    """`This.name` where `This` is plain `f.this` (lang/classes.py `_this`): a class instance's
    property through its hook without the `This` closure; anything else takes `general`."""

    def member_of_this(f: Frame) -> Any:
        o = f.this
        hook = PROPERTY_HOOKS.get(type(o))
        if hook is not None:
            return hook(o, name)
        return general(f)

    return member_of_this


def _member_of_local(i: int, name: str, general: Fn) -> Fn:
    """`$o.name` when $o holds a plain object: read from the slot; anything else takes `general`."""

    def member_of_local(f: Frame) -> Any:
        o = f.locals[i]
        t = type(o)
        if t is Obj:
            return o.get(name, UNDEFINED)
        hook = PROPERTY_HOOKS.get(t)  # a class instance: what `general` ends up calling
        if hook is not None:
            return hook(o, name)
        return general(f)

    return member_of_local


def _is_object_type(t: str | None) -> bool:
    """A declared Object, Collection or class type (their variables start as null)."""
    return t is not None and (t in ("object", "collection") or "." in t)


def _condition_at(span: Span) -> Callable[[Any], bool]:
    """V.condition, with the condition's position on its error (called only for non-Booleans)."""

    def check(c: Any) -> bool:
        try:
            return V.condition(c)
        except FourDError as e:
            raise e.with_span(span)

    return check


def _with_span(fn: Fn, span: Span) -> Fn:
    return fn


def _sub_blocks(s: Any) -> list[tuple[Any, ...]]:
    blocks = []
    for attr in ("then", "other", "body", "catch"):
        sub = getattr(s, attr, None)
        if isinstance(sub, tuple):
            blocks.append(sub)
    if isinstance(s, N.Case):
        blocks.extend(b for _c, b in s.branches)
    return blocks


def _walk_stmts(stmts: Any) -> Any:
    """Every statement, nested ones included (iterative: nesting depth costs no stack)."""
    stack = [iter(stmts)]
    while stack:
        for s in stack[-1]:
            yield s
            for b in reversed(_sub_blocks(s)):
                stack.append(iter(b))
            break
        else:
            stack.pop()


# Nesting of control structures accepted by the compiler. 4D documents 512 levels;
# deeper code is reported as a syntax error before compiling, so that neither the
# recursion limit nor the C stack is ever reached.
MAX_NESTING = 3000


def check_nesting(stmts: Any, source_span: Span | None = None) -> None:
    """Raise a syntax error when control structures nest deeper than MAX_NESTING."""
    stack = [(iter(stmts), 0)]
    while stack:
        it, depth = stack[-1]
        for s in it:
            blocks = _sub_blocks(s)
            if blocks:
                if depth + 1 > MAX_NESTING:
                    raise Syntax4DError(
                        f"The code is nested too deeply: more than {MAX_NESTING} levels of control structures "
                        "(4D allows 512)",
                        s.span,
                    )
                for b in blocks:
                    stack.append((iter(b), depth + 1))
            break
        else:
            stack.pop()


def _infer_type(e: N.Expr) -> str | None:
    if isinstance(e, N.Literal):
        v = e.value
        if type(v) is float:
            return "real"
        if type(v) is str:
            return "text"
        if type(v) is bool:
            return "boolean"
        if isinstance(v, Date4D):
            return "date"
        if isinstance(v, Time4D):
            return "time"
    if isinstance(e, N.ObjectLit):
        return "object"
    if isinstance(e, N.CollectionLit):
        return "collection"
    if isinstance(e, N.Neg):
        return _infer_type(e.operand)
    if isinstance(e, N.Command) and e.number in (214, 215):
        return "boolean"
    if isinstance(e, N.Command) and e.number in (1471, 1526):
        return "object"
    if isinstance(e, N.Command) and e.number in (1472, 1527):
        return "collection"
    return None


# Commands without parameters that are constants: True, False.
_CONSTANT_COMMANDS = {214: True, 215: False}


def _constant(e: N.Expr) -> Any:
    """The value of a literal or of True/False, else UNSET."""
    if isinstance(e, N.Literal):
        return e.value
    if isinstance(e, N.Command) and e.number in _CONSTANT_COMMANDS and not e.args:
        return _CONSTANT_COMMANDS[e.number]
    return UNSET


# Legacy declaration commands: number -> declared type.
LEGACY_DECL = {
    284: "text",
    283: "integer",
    285: "real",
    305: "boolean",
    307: "date",
    306: "time",
    1216: "object",
    1488: "collection",
    1683: "variant",
    301: "pointer",
    286: "picture",
    604: "blob",
    293: "text",
    282: "integer",
    # ARRAY xxx: the variable holds an array (a number assigned to it selects an element in 4D)
    219: "array",
    220: "array",
    221: "array",
    222: "array",
    223: "array",
    224: "array",
    279: "array",
    280: "array",
    1221: "array",
    1222: "array",
    1223: "array",
    218: "array",
}


# ------------------------------------------------------------------ binary operators

_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": V.add,
    "-": V.sub,
    "*": V.mul,
    "/": V.div,
    "\\": V.intdiv,
    "%": V.mod,
    "^": V.power,
    "=": V.equal,
    "#": lambda a, b: not V.equal(a, b),
    "<": lambda a, b: V.compare(a, b, "<"),
    ">": lambda a, b: V.compare(a, b, ">"),
    "<=": lambda a, b: V.compare(a, b, "<="),
    ">=": lambda a, b: V.compare(a, b, ">="),
    "&": V.bit_and,
    "|": V.bit_or,
    "^|": V.bit_xor,
    "<<": V.shl,
    ">>": V.shr,
    "?+": V.bit_set,
    "?-": V.bit_clear,
    "??": V.bit_test,
}


_ = (ERR_DIV_ZERO, ERR_SYNTAX)

