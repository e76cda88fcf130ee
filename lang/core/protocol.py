"""What the concerns of the core ask of each other through `self`, for the type checker only.

`Statements`, `Expressions`, `Access` and `Calls` are parts of one `Interpreter`
(lang/interpreter.py): each calls methods the others define. Each part names `Core` as its base
when type checking (`class Statements(_Base)` with `_Base = Core` under `TYPE_CHECKING`, plain
`object` otherwise), so mypy knows these methods and the running classes are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from .. import nodes as N
from ..registry import CommandInfo
from ..source import Source, Span
from ..values import UNSET
from .access import Place
from .frames import Code, Fn, Frame, Scope


class Core(Protocol):
    """The interpreter as its concerns see it."""

    runtime: Any
    codes: dict[str, Code]
    members: dict[str, dict[str, Callable[..., Any]]]

    # lang/interpreter.py
    def compile_unit(
        self,
        name: str,
        stmts: tuple[N.Stmt, ...],
        source: Source | None,
        kind: str = "method",
        params: tuple[N.ParamDecl, ...] | None = None,
        result: N.ParamDecl | None = None,
        owner: Any = None,
    ) -> Code: ...

    # core/statements.py
    def compile_block(self, stmts: tuple[N.Stmt, ...], scope: Scope) -> Fn: ...
    def compile_stmt(self, s: N.Stmt, scope: Scope) -> Fn: ...

    # core/expressions.py
    def compile_expr(self, e: N.Expr, scope: Scope) -> Fn: ...
    def compile_name(self, e: N.Name, scope: Scope, as_statement: bool) -> Fn: ...
    def unknown_name(self, name: str, span: Span) -> Any: ...

    # core/access.py
    def compile_store(
        self, target: N.Expr, scope: Scope, value: Fn, var_type: str | None = None, const: Any = UNSET
    ) -> Fn: ...
    def compile_store_fn(
        self, target: N.Expr, scope: Scope, var_type: str | None = None
    ) -> Callable[[Frame, Any], None]: ...
    def compile_place(self, target: N.Expr, scope: Scope) -> Place: ...
    def compile_ref(self, e: N.Expr, scope: Scope) -> Fn: ...
    def compile_property_update(self, s: N.Assign, scope: Scope, value: Fn) -> Fn | None: ...

    # core/calls.py
    def compile_method_call(self, name: str, args: tuple[N.Expr, ...], span: Span, scope: Scope) -> Fn: ...
    def compile_command_call(self, info: CommandInfo, args: tuple[N.Expr, ...], span: Span, scope: Scope) -> Fn: ...
    def compile_push(self, e: N.MemberCall, obj: Fn, a0: Fn, scope: Scope, statement: bool) -> Fn: ...
    def call_method_by_name(self, f: Frame, name: str, args: list[Any], span: Span | None) -> Any: ...
    def call_member(self, f: Frame, o: Any, name: str, args: list[Any], span: Span | None) -> Any: ...
    def get_method(self, name: str, span: Span | None) -> Code: ...
    def invoke(
        self,
        code: Code,
        args: list[Any],
        caller: Frame | None,
        span: Span | None,
        this: Any = None,
        process: Any = None,
        initial: list[Any] | None = None,
    ) -> Any: ...
    def on_error(self, e: Any, f: Frame) -> Any: ...
