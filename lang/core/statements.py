"""Statements: blocks, assignments, control structures and declarations, compiled to closures.

A statement closure returns None to go on, or BRK, CONT or RET (lang/core/frames.py).
Blocks, branches and loop bodies run their statement closures in a loop of their own,
with one `try` per statement so that an `ON ERR CALL` handler can run and the block go on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .. import nodes as N
from .. import values as V
from ..errors import ERR_NOT_SHARED, ERR_NOT_SUPPORTED, ERR_TYPE_MISMATCH, FourDError, Syntax4DError
from ..source import Span
from ..values import UNDEFINED, UNSET, Coll, Date4D, Obj, Time4D
from . import fastops
from .conversions import counter_error, for_counter, norm_type, to_index, to_number, variable_converter
from .expressions import command_info, constant_of
from .fastops import assign_closure, store_plan
from .flow import compare_shape, if_compare, range_stop, while_compare
from .frames import BRK, CONT, RET, Fn, Frame, Scope, name_key, record_error, take_deferred, undefined_variable

if TYPE_CHECKING:
    from .protocol import Core as _Base  # the other concerns of the Interpreter, as seen through self
else:
    _Base = object


class Statements(_Base):
    """Compiling statements."""

    stmt_compilers: dict[type, Callable[..., Fn]] = {}  # node type -> stmt_<Node> (lang/interpreter.py)
    # Wraps each statement's closure when it is compiled (--trace, the REPL's debugger: lang/debugger.py);
    # None adds nothing.
    stmt_hook: Callable[[Fn, N.Stmt, Scope], Fn] | None = None

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
                info = command_info(s.expr)
                t = info.declares if info is not None else None
                if t:
                    for a in s.expr.args:
                        if isinstance(a, N.Local):
                            scope.code.slot_types[scope.slot(a.name)] = t

    def compile_block(self, stmts: tuple[N.Stmt, ...], scope: Scope) -> Fn:
        fns = self.compile_stmts(stmts, scope)
        if not fns:
            return _nothing
        fail = self.statement_failure(stmts, fns)
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
                    r = fail(e, fn, f)      # fail = self.statement_failure(stmts, fns)
                if r is not None:
                    ...                     # BRK, CONT or RET
        """
        return tuple(self.compile_stmt(s, scope) for s in stmts)

    def statement_failure(
        self, stmts: tuple[N.Stmt, ...], fns: tuple[Fn, ...]
    ) -> Callable[[FourDError, Fn, Frame], Any]:
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
        """The closure of a statement: the `stmt_<Node>` method of its node type compiles it."""
        meth = self.stmt_compilers.get(type(s))
        if meth is None:
            raise Syntax4DError(f"{type(s).__name__} statements are not supported here", s.span)
        fn: Fn = meth(self, s, scope)
        if self.stmt_hook is not None:  # a compile-time choice: a run without the hook runs the closure as is
            fn = self.stmt_hook(fn, s, scope)
        return fn

    def stmt_ExprStmt(self, s: N.ExprStmt, scope: Scope) -> Fn:
        e = s.expr
        if isinstance(e, N.Name):
            fn = self.compile_name(e, scope, as_statement=True)
        elif isinstance(e, N.MemberCall) and e.name == "push" and len(e.args) == 1 and fastops.FASTPATHS:
            obj = self.compile_expr(e.obj, scope)
            return self.compile_push(e, obj, self.compile_expr(e.args[0], scope), scope, statement=True)
        else:
            fn = self.compile_expr(e, scope)

        def run(f: Frame) -> None:
            fn(f)

        return run

    def stmt_Assign(self, s: N.Assign, scope: Scope) -> Fn:
        fast = fastops.FASTPATHS
        if isinstance(s.target, N.Local) and fast:
            i = scope.slot(s.target.name)
            conv = variable_converter(scope.code.slot_types.get(i))
            fused = assign_closure(
                i, conv, s.value, lambda e: self.compile_expr(e, scope), scope.slot, undefined_variable
            )
            if fused is not None:
                return fused
        value = self.compile_expr(s.value, scope)
        if isinstance(s.target, N.Member) and fast:
            update = self.compile_property_update(s, scope, value)
            if update is not None:
                return update
        return self.compile_store(s.target, scope, value, const=constant_of(value) if fast else UNSET)

    def stmt_CompoundAssign(self, s: N.CompoundAssign, scope: Scope) -> Fn:
        op = {"+": V.add, "-": V.sub, "*": V.mul, "/": V.div}[s.op]
        target = s.target
        if isinstance(target, N.Local) and fastops.FASTPATHS:
            # `$a+=x` is `$a:=$a+x` (same checks, same order, same errors): the fused closure
            as_binary = N.Binary(s.op, target, s.value, s.span)
            i = scope.slot(target.name)
            conv = variable_converter(scope.code.slot_types.get(i))
            fused = assign_closure(
                i, conv, as_binary, lambda e: self.compile_expr(e, scope), scope.slot, undefined_variable
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
        fail = self.statement_failure(s.then + (s.other or ()), then + (other or ()))
        check = _condition_at(s.cond.span)
        shape = compare_shape(s.cond, scope.slot) if fastops.FASTPATHS else None
        if shape is not None:
            return if_compare(shape, cond, check, then, other, fail)

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
        fail = self.statement_failure(all_stmts, tuple(fn for _c, b, _k in branches for fn in b) + (other or ()))

        def run(f: Frame) -> Any:
            for cond, body, check in branches:  # noqa: B007 (`body` is the branch taken, used below)
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
        return fns, self.statement_failure(stmts, fns)

    def stmt_While(self, s: N.While, scope: Scope) -> Fn:
        cond = self.compile_expr(s.cond, scope)
        body, fail = self.compile_loop_body(s.body, scope)
        check = _condition_at(s.cond.span)
        shape = compare_shape(s.cond, scope.slot) if fastops.FASTPATHS else None
        if shape is not None and shape[0] not in ("=", "#"):
            return while_compare(shape, cond, check, body, fail, _stop)

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
            conv, exact, lo, hi = store_plan(variable_converter(scope.code.slot_types.get(i)))

            def run_local(f: Frame) -> Any:
                a = num(start(f), s.start)
                e = num(end(f), s.end)
                st = num(step(f), s.step) if step is not None else 1
                if exact is int and type(st) is float and st.is_integer() and -0x80000000 <= st <= 0x7FFFFFFF:
                    st = int(st)  # an Integer counter then steps without a conversion
                up = st >= 0
                loc = f.locals
                v = a if conv is None else conv(a)
                if type(v) is not int and type(v) is not float:
                    raise counter_error(v, s.var.span)
                loc[i] = v
                proc = f.process
                stop = range_stop(v, e, st) if exact is int else None  # (exact is None without the fast paths)
                if stop is not None:
                    # An Integer counter runs over a range while the body leaves it alone.
                    counter = range(int(v), stop, st)
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
                    v = loc[i]
                    if type(v) is not int and type(v) is not float:
                        raise counter_error(v, s.var.span)  # the body stored a non-number in it
                    v = v + st
                    if type(v) is not exact or lo is not None and not lo <= v <= hi:
                        v = conv(v)
                    loc[i] = v
                try:
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
                except TypeError:
                    v = loc[i]
                    if type(v) is not int and type(v) is not float:
                        raise counter_error(v, s.var.span) from None  # the body stored a non-number in it
                    raise
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
            while (
                for_counter(get(f, state), s.var.span) <= e if st >= 0 else for_counter(get(f, state), s.var.span) >= e
            ):
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
                put(f, state, for_counter(get(f, state), s.var.span) + st)
            return None

        return run

    def stmt_ForEach(self, s: N.ForEach, scope: Scope) -> Fn:
        source = self.compile_expr(s.source, scope)
        begin = self.compile_expr(s.begin, scope) if s.begin is not None else None
        endf = self.compile_expr(s.end, scope) if s.end is not None else None
        bspan, espan = (x.span if x is not None else None for x in (s.begin, s.end))
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
                    b = to_index(_check_number(begin(f), s.begin), bspan)
                    if b < 0:
                        b = max(0, b + n)
                if endf is not None:
                    e = to_index(_check_number(endf(f), s.end), espan)
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
                err.with_span(span)
                raise
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
                raise take_deferred(proc, pending)
            return r

        return run

    def stmt_Return(self, s: N.Return, scope: Scope) -> Fn:
        if s.value is None:
            return _return_nothing
        value = self.compile_expr(s.value, scope)
        rs = scope.code.result_slot
        if rs is not None:
            conv = variable_converter(scope.code.slot_types.get(rs))

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
                d = V.default_for(t)

                def declare_local(f: Frame, i: int = i, d: Any = d) -> None:
                    if f.locals[i] is UNSET:
                        f.locals[i] = d

                actions.append(declare_local)
            elif isinstance(n, (N.Interprocess, N.ParamIndirect)):  # `var <>x : T`, `var ${2} : T`
                ref, tn = self.compile_ref(n, scope), t or "variant"

                def declare_place(f: Frame, ref: Fn = ref, tn: str = tn) -> None:
                    r = ref(f)
                    if r.declare:
                        r.declare(tn)

                actions.append(declare_place)
            else:
                assert isinstance(n, N.Name)  # a process variable
                key = name_key(n.name)

                def declare_process(f: Frame, key: str = key, t: str | None = t) -> None:
                    proc = f.process
                    if t:
                        proc.var_types[key] = t
                    if key not in proc.vars:
                        proc.vars[key] = V.default_for(t)

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
                ERR_NOT_SUPPORTED,
                "Begin SQL ... End SQL is not supported by mini4d: it needs the 4D SQL engine",
                s.span,
            )

        return run

    def _class_member_outside(self, s: N.Stmt, scope: Scope) -> Fn:
        raise Syntax4DError("Class declarations are only allowed in class files (Classes/<Name>.4dm)", s.span)

    stmt_ClassExtends = _class_member_outside

    stmt_ClassConstructor = _class_member_outside

    stmt_ClassFunction = _class_member_outside

    stmt_ClassProperty = _class_member_outside


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
    """A bound or step of `For`, or a range of `For each`: the Real rule of `to_number`, at the node's position."""
    try:
        return to_number(v)
    except FourDError as err:
        err.with_span(node.span if node is not None else None)
        raise


def _nothing(f: Frame) -> None:
    return None


def _return_nothing(f: Frame) -> int:
    return RET


def _stop(proc: Any) -> None:
    from ..errors import ERR_INTERRUPTED

    checkpoint = getattr(proc, "checkpoint", None)
    if checkpoint is not None and checkpoint():
        return  # a pending DELAY PROCESS from another process was served; go on
    raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")


def _condition_at(span: Span) -> Callable[[Any], bool]:
    """V.condition, with the condition's position on its error (called only for non-Booleans)."""

    def check(c: Any) -> bool:
        try:
            return V.condition(c)
        except FourDError as e:
            e.with_span(span)
            raise

    return check


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
    if isinstance(e, N.Command):
        info = command_info(e)
        return info.returns if info is not None else None
    return None
