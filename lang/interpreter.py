"""The tree-walking interpreter: nodes compiled once into Python closures.

Each node is prepared once into a Python closure (`compile_expr` / `compile_stmt`),
keeping the tree-walking structure while resolving names once per method: locals
become list slots, commands become their Python functions. Statements return None,
or a small status code for `break`, `continue` and `return`, so the hot path raises
no exception.

The `Interpreter` is assembled from one class per concern (lang/core/): statements,
expressions, access to properties and elements, command calls, method and member calls,
failures, and pointers (lang/pointers.py). Each node type is compiled by one method,
`stmt_<Node>`, `expr_<Node>` or `place_<Node>`, found once per node type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import nodes as N
from .core.access import Access
from .core.calls import Calls
from .core.conversions import norm_type
from .core.expressions import Expressions
from .core.frames import Code, Fn, Frame, Scope
from .core.statements import Statements, check_nesting
from .errors import Syntax4DError
from .pointers import Pointers
from .registry import REGISTRY
from .source import Source
from .values import UNSET


class Interpreter(Statements, Expressions, Access, Calls, Pointers):
    """Compiles code units (methods, class functions, formulas, REPL entries) for one runtime."""

    def __init__(self, runtime: Any):
        self.runtime = runtime
        self.codes: dict[str, Code] = {}  # compiled project methods by name_key
        REGISTRY.ensure_commands()  # theme modules are imported when their commands are first compiled
        self.members = REGISTRY.members
        self.class_store: Any = None  # the `cs` store of the project, made at its first use (lang/classes.py)

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
        from .limits import collector_paused, ensure_recursion_room

        ensure_recursion_room()
        try:
            with collector_paused():
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


def _compilers(cls: type) -> dict[str, dict[type, Any]]:
    """For each kind of compiler, node type -> the method of `cls` named after it (`stmt_If`, `expr_Binary`,
    `place_Member`, `pointer_Local`)."""
    tables: dict[str, dict[type, Any]] = {prefix: {} for prefix in _KINDS.values()}
    for klass in reversed(cls.__mro__):  # a subclass's method wins
        for attr, fn in vars(klass).items():
            prefix = attr[: attr.find("_") + 1]
            if prefix in tables and attr[len(prefix) : len(prefix) + 1].isupper():  # stmt_If, not stmt_hook
                tables[prefix][getattr(N, attr[len(prefix) :])] = fn  # a misspelt node name fails here
    return tables


# kind of compiler -> the prefix of its methods
_KINDS = {"stmt": "stmt_", "expr": "expr_", "place": "place_", "pointer": "pointer_"}
_TABLES = _compilers(Interpreter)
Interpreter.stmt_compilers = _TABLES["stmt_"]
Interpreter.expr_compilers = _TABLES["expr_"]
Interpreter.place_compilers = _TABLES["place_"]
Interpreter.pointer_compilers = _TABLES["pointer_"]


def add_compiler(kind: str, node_type: type, fn: Callable[..., Any]) -> None:
    """Let a part of mini4d above the core compile a node type, the way the core's own methods do.

    `kind` is "stmt", "expr" (`fn(interp, node, scope)` returns the closure), "place"
    (`fn(interp, node, scope)` returns `(prepare, get, put)`) or "pointer" (`fn(interp, target,
    span, scope)` returns the closure of `->target`). The datastore, for instance, compiles
    `[Table]Field` this way; the core never imports it.
    """
    getattr(Interpreter, _KINDS[kind] + "compilers")[node_type] = fn
