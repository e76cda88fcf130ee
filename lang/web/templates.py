"""4D transformation tags: semi-dynamic pages, `PROCESS 4D TAGS`, `WEB SEND TEXT`/`FILE`.

A template is split into text and `<!--#4D...-->` tags, nested blocks (4DIF, 4DEACH,
4DLOOP) are built into a tree, and the tree is run in the calling 4D process. All the tag
code of one template shares one set of local variables (one code unit, one frame, grown as
tags add locals), as 4D gives `PROCESS 4D TAGS` its own locals; extra parameters are
`$1..$n`. 4DTEXT escapes HTML; the output of 4DHTML, 4DEVAL and 4DSCRIPT is parsed again
while it holds tags; `$4DTEXT(...)`, `$4DHTML(...)`, `$4DEVAL(...)` are evaluated once.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from .. import nodes as N
from ..errors import ERR_INTERRUPTED, FourDError
from ..values import UNDEFINED, UNSET, Coll, Obj, to_text

TAG_RX = re.compile(r"<!--#(4D[A-Za-z]+)(.*?)-->", re.S)
DOLLAR_RX = re.compile(r"\$4D(TEXT|HTML|EVAL)\(", re.I)
EACH_RX = re.compile(r"^\s*(\$?[A-Za-z_][\w]*)\s+in\s+(.+)$", re.S | re.I)
BODY_RX = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)
MAX_REPARSE = 10  # nested parses of tag output
MAX_INCLUDE = 10  # 4DINCLUDE nesting
MAX_LOOP = 10_000_000  # turns of a 4DLOOP on a condition


class Block:
    """A parsed template: text pieces, simple tags and nested blocks."""

    __slots__ = ("kind", "arg", "raw", "children", "branches", "otherwise")

    def __init__(self, kind: str, arg: str = "", raw: str = ""):
        self.kind = kind
        self.arg = arg
        self.raw = raw
        self.children: list[Any] = []
        self.branches: list[tuple[str, str, list[Any]]] = []  # 4DIF / 4DELSEIF: (condition, raw tag, body)
        self.otherwise: list[Any] | None = None


def parse_template(text: str) -> list[Any]:
    """The tree of a template: strings, and Blocks for tags (unbalanced blocks become error blocks)."""
    root = Block("root")
    stack: list[Block] = [root]

    def target() -> list[Any]:
        b = stack[-1]
        if b.kind == "if":
            return b.otherwise if b.otherwise is not None else b.branches[-1][2]
        return b.children

    pos = 0
    for m in TAG_RX.finditer(text):
        if m.start() > pos:
            target().append(text[pos : m.start()])
        pos = m.end()
        name = m.group(1).upper()
        arg = m.group(2)
        raw = m.group(0)
        if name == "4DIF":
            b = Block("if", arg.strip(), raw)
            b.branches.append((arg.strip(), raw, []))
            target().append(b)
            stack.append(b)
        elif name == "4DELSEIF" and stack[-1].kind == "if" and stack[-1].otherwise is None:
            stack[-1].branches.append((arg.strip(), raw, []))
        elif name == "4DELSE" and stack[-1].kind == "if" and stack[-1].otherwise is None:
            stack[-1].otherwise = []
        elif name == "4DENDIF" and stack[-1].kind == "if":
            stack.pop()
        elif name in ("4DEACH", "4DLOOP"):
            b = Block("each" if name == "4DEACH" else "loop", arg.strip(), raw)
            target().append(b)
            stack.append(b)
        elif name == "4DENDEACH" and stack[-1].kind == "each" or name == "4DENDLOOP" and stack[-1].kind == "loop":
            stack.pop()
        elif name in ("4DELSEIF", "4DELSE", "4DENDIF", "4DENDEACH", "4DENDLOOP"):
            target().append(Block("error", f"{raw}: unexpected {name}", raw))
        else:
            target().append(Block("tag", arg, raw))
            target()[-1].arg = arg
            target()[-1].kind = "tag:" + name
    if pos < len(text):
        target().append(text[pos:])
    while len(stack) > 1:  # blocks never closed: the whole block becomes an error text
        b = stack.pop()
        end = {"if": "4DENDIF", "each": "4DENDEACH", "loop": "4DENDLOOP"}[b.kind]
        b.kind = "error"
        b.arg = f"{b.raw}: {end} expected"
    return root.children


class TagProcessor:
    """Runs the tags of templates in one 4D process, with one set of tag locals."""

    def __init__(
        self,
        runtime: Any,
        proc: Any,
        base: Path | None,
        root: Path | None,
        web: bool,
        params: list[Any] | None = None,
    ):
        from ..core.frames import Frame

        self.runtime = runtime
        self.interp = runtime.interp
        self.proc = proc
        self.base = base
        self.root = root  # the web folder (a hard limit for 4DINCLUDE in web pages), or None
        self.web = web and getattr(proc, "web", None) is not None
        self.params = params or []
        self.code = self.interp.compile_unit("PROCESS 4D TAGS", (), None)
        self.frame = Frame(self.code, proc, list(self.params))
        self.includes: list[Path] = []
        self.depth = 0

    # ------------------------------------------------------------ running code
    def _parse(self, text: str) -> tuple[N.Stmt, ...]:
        from ..parser import parse_source
        from ..source import Source, normalize_newlines

        return parse_source(Source("<4D tag>", normalize_newlines(text).strip("\n") + "\n"))

    def _bind_params(self) -> None:
        self.interp.grow_frame(self.frame)
        loc = self.frame.locals
        for n, slot in self.code.legacy_params.items():
            if 1 <= n <= len(self.params) and loc[slot] is UNSET:
                loc[slot] = self.params[n - 1]

    def _expr(self, text: str) -> Any:
        """The value of one expression (a method name alone is a call)."""
        stmts = self._parse(text)
        if len(stmts) != 1 or not isinstance(stmts[0], N.ExprStmt):
            from ..errors import Syntax4DError

            raise Syntax4DError("An expression was expected", None)
        self._check_published(stmts)
        fn = self.interp.compile_expr_into(self.code, stmts[0].expr)
        self._bind_params()
        v = fn(self.frame)
        return UNDEFINED if v is UNSET else v

    def _run(self, text: str) -> Any:
        """Run statements; the value of a lone expression statement is returned (4DEVAL)."""
        stmts = self._parse(text)
        self._check_published(stmts)
        if len(stmts) == 1 and isinstance(stmts[0], N.ExprStmt) and not self._is_procedure(stmts[0].expr):
            fn = self.interp.compile_expr_into(self.code, stmts[0].expr)
            self._bind_params()
            v = fn(self.frame)
            return UNDEFINED if v is UNSET else v
        fn = self.interp.compile_into(self.code, stmts)
        self._bind_params()
        fn(self.frame)
        return UNDEFINED

    @staticmethod
    def _is_procedure(e: Any) -> bool:
        return isinstance(e, N.Command) and e.name.isupper()

    def _check_published(self, stmts: Any) -> None:
        """In a web request, project methods called from tags need the publishedWeb attribute."""
        if not self.web:
            return
        project = self.runtime.project
        for name in _called_names(stmts):
            if project.has_method(name):
                code = self.interp.get_method(name, None)
                if not code.attributes.get("publishedWeb"):
                    raise FourDError(
                        -10508, f'The method "{name}" is not available through 4D tags and URLs (publishedWeb)'
                    )

    # ------------------------------------------------------------ processing
    def process(self, text: str, dollar: bool = False) -> str:
        """The template with every tag replaced by its result."""
        self.depth += 1
        try:
            if self.depth > MAX_REPARSE:
                return text
            out: list[str] = []
            self._emit(parse_template(text), out, dollar)
            return "".join(out)
        finally:
            self.depth -= 1

    def _again(self, text: str) -> str:
        """Tag output holding tags is parsed again (tags: recursion)."""
        return self.process(text) if "<!--#4D" in text else text

    def _emit(self, items: list[Any], out: list[str], dollar: bool) -> None:
        for item in items:
            if self.proc.stop_requested is True:
                raise FourDError(ERR_INTERRUPTED, "Program interrupted by user")
            if type(item) is str:
                out.append(self._dollar(item) if dollar and "$4" in item else item)
                continue
            kind = item.kind
            if kind == "error":
                out.append(item.arg)
            elif kind == "if":
                self._if(item, out, dollar)
            elif kind == "each":
                self._each(item, out, dollar)
            elif kind == "loop":
                self._loop(item, out, dollar)
            else:
                out.append(self._tag(kind[4:], item.arg, item.raw))

    def _fail(self, raw: str, err: FourDError, sep: str = " : ") -> str:
        if err.code == ERR_INTERRUPTED:
            raise err
        return f"{raw}{sep}## error # {err.code}"

    def _tag(self, name: str, arg: str, raw: str) -> str:
        if name == "4DTEXT":
            try:
                return _escape(_as_text(self._expr(arg)))
            except FourDError as err:
                return self._fail(raw, err)
        if name == "4DHTML":
            try:
                return self._again(_as_text(self._expr(arg)))
            except FourDError as err:
                return self._fail(raw, err)
        if name == "4DEVAL":
            try:
                return self._again(_as_text(self._run(arg)))
            except FourDError as err:
                return self._fail(raw, err, ": ")
        if name == "4DCODE":
            self._run(arg)  # standard error handling: an error ends the page
            return ""
        if name == "4DSCRIPT":
            return self._script(arg, raw)
        if name == "4DINCLUDE":
            return self._include(arg.strip(), raw)
        if name == "4DBASE":
            self._set_base(arg.strip())
            return ""
        return raw  # not a 4D tag mini4d knows: left as is

    def _if(self, b: Block, out: list[str], dollar: bool) -> None:
        for cond, raw, body in b.branches:
            try:
                v = self._expr(cond)
            except FourDError as err:
                out.append(self._fail(raw, err, ": "))
                return
            if type(v) is not bool:
                out.append(f"{raw}: A Boolean expression was expected")
                return
            if v:
                self._emit(body, out, dollar)
                return
        if b.otherwise is not None:
            self._emit(b.otherwise, out, dollar)

    def _each(self, b: Block, out: list[str], dollar: bool) -> None:
        m = EACH_RX.match(b.arg)
        if m is None:
            out.append(f"{b.raw}: a loop such as 4DEACH $item in $collection was expected")
            return
        var, source = m.group(1), m.group(2)
        try:
            value = self._expr(source)
        except FourDError as err:
            out.append(self._fail(b.raw, err, ": "))
            return
        if isinstance(value, Coll):
            items = list(value)
        elif isinstance(value, Obj) and not getattr(value, "is_4d_object", False):
            items = list(dict.keys(value))
        else:
            out.append(f"{b.raw}: a collection or an object was expected")
            return
        setter = self._setter(var)
        first_type = None
        for v in items:
            if first_type is None:
                first_type = type(v)
            elif type(v) is not first_type and not (v is None or first_type is type(None)):
                out.append(f"{b.raw}: the elements are not all of one type")
                return
            setter(v)
            self._emit(b.children, out, dollar)

    def _setter(self, var: str) -> Any:
        if var.startswith("$"):
            slot = self.interp.compile_expr_into  # make sure the local has a slot
            slot(self.code, N.Local(var, _span()))  # type: ignore[call-arg]
            index = self.code.slots[var.lower()]

            def set_local(v: Any) -> None:
                self.interp.grow_frame(self.frame)
                self.frame.locals[index] = v

            return set_local
        key = var.lower()

        def set_process(v: Any) -> None:
            self.proc.vars[key] = v

        return set_process

    def _loop(self, b: Block, out: list[str], dollar: bool) -> None:
        arg = b.arg
        project = self.runtime.project
        name = arg.strip()
        if name and re.fullmatch(r"[A-Za-z_][\w ]*", name) and project.has_method(name):
            self._loop_method(b, name, out, dollar)
            return
        try:
            v = self._expr(arg)
        except FourDError as err:
            out.append(self._fail(b.raw, err, ": "))
            return
        if getattr(v, "is_pointer", False):
            v = v.get()
        if getattr(v, "is_4d_array", False):
            for i in range(1, len(v.items)):
                v.selected = i
                self._emit(b.children, out, dollar)
            return
        if type(v) is not bool:
            out.append(f"{b.raw}: A Boolean expression, an array or a method was expected")
            return
        turns = 0
        while v:
            self._emit(b.children, out, dollar)
            turns += 1
            if turns >= MAX_LOOP:
                out.append(f"{b.raw}: stopped after {MAX_LOOP} turns")
                return
            try:
                v = self._expr(arg)
            except FourDError as err:
                out.append(self._fail(b.raw, err, ": "))
                return
            if type(v) is not bool:
                out.append(f"{b.raw}: A Boolean expression was expected")
                return

    def _loop_method(self, b: Block, name: str, out: list[str], dollar: bool) -> None:
        try:
            code = self._web_method(name)
        except FourDError as err:
            out.append(self._fail(b.raw, err, ": "))
            return
        i = 0
        while True:
            try:
                go = self.interp.invoke(code, [float(i)], None, None, process=self.proc)
            except FourDError as err:
                out.append(self._fail(b.raw, err, ": "))
                return
            if go is not True:
                return
            self._emit(b.children, out, dollar)
            i += 1
            if i >= MAX_LOOP:
                return

    def _web_method(self, name: str) -> Any:
        """A method run by 4DSCRIPT or 4DLOOP: in a web request, published and accepted by On Web Authentication."""
        code = self.interp.get_method(name, None)
        if self.web:
            if not code.attributes.get("publishedWeb"):
                raise FourDError(-10508, f'The method "{name}" is not available through 4D tags and URLs')
            req = self.proc.web
            if not req.server.authenticate(req, self.proc, req.url):
                raise FourDError(-10508, "Refused by On Web Authentication")
        return code

    def _script(self, arg: str, raw: str) -> str:
        rest = arg.strip()
        if not rest.startswith("/"):
            return f"{raw}: 4DSCRIPT/Method/Param was expected"
        name, sep, param = rest[1:].partition("/")
        try:
            code = self._web_method(name.strip())
            v = self.interp.invoke(code, ["/" + param if sep else ""], None, None, process=self.proc)
        except FourDError as err:
            return self._fail(raw, err)
        text = _as_text(v)
        if text.startswith("\x01"):
            return self._again(text[1:])
        return _escape(text)

    # ------------------------------------------------------------ 4DINCLUDE / 4DBASE
    def _set_base(self, folder: str) -> None:
        if folder.upper() == "WEBFOLDER":
            self.base = self.root
            return
        if not folder.endswith("/") or self.base is None:
            return
        target = (self.base / folder).resolve()
        limit = self.root
        if limit is not None and not (target == limit.resolve() or limit.resolve() in target.parents):
            return
        self.base = target

    def _include(self, path: str, raw: str) -> str:
        failed = f"{raw} :The document cannot be opened"
        if not path or self.base is None or "\x00" in path:
            return failed
        target = (self.base / path.replace("\\", "/")).resolve()
        limit = (self.root or self.base).resolve()
        if not (target == limit or limit in target.parents) or not target.is_file():
            return failed
        if target in self.includes or len(self.includes) >= MAX_INCLUDE:
            return failed  # an inclusion of itself is refused
        try:
            text = target.read_bytes().decode("utf-8", "replace")
        except OSError:
            return failed
        m = BODY_RX.search(text)
        if m is not None:
            text = m.group(1)
        saved = self.base
        self.includes.append(target)
        self.base = target.parent
        try:
            return self.process(text, dollar=True)
        finally:
            self.includes.pop()
            self.base = saved

    # ------------------------------------------------------------ $4Dtag(...)
    def _dollar(self, text: str) -> str:
        out: list[str] = []
        pos = 0
        while True:
            m = DOLLAR_RX.search(text, pos)
            if m is None:
                out.append(text[pos:])
                return "".join(out)
            end = _closing_paren(text, m.end())
            if end < 0:
                out.append(text[pos:])
                return "".join(out)
            out.append(text[pos : m.start()])
            kind = m.group(1).upper()
            expr = text[m.end() : end]
            raw = text[m.start() : end + 1]
            try:
                v = _as_text(self._run(expr) if kind == "EVAL" else self._expr(expr))
                out.append(_escape(v) if kind == "TEXT" else v)
            except FourDError as err:
                out.append(self._fail(raw, err))
            pos = end + 1


def _closing_paren(text: str, start: int) -> int:
    """Index of the `)` closing the parenthesis opened before `start` (quotes respected); -1 if none."""
    depth = 1
    i = start
    quoted = False
    while i < len(text):
        c = text[i]
        if quoted:
            if c == '"':
                quoted = False
        elif c == '"':
            quoted = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _as_text(v: Any) -> str:
    if v is None or v is UNDEFINED or v is UNSET:
        return ""
    if type(v) is str:
        return v
    if isinstance(v, (Obj, Coll)):
        from ..jsonfmt import stringify

        return stringify(v)
    return to_text(v)


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def _span() -> Any:
    from ..source import Source, Span

    return Span(Source("<4D tag>", ""), 0, 0)


def _called_names(stmts: Any) -> list[str]:
    """Names of project methods a piece of tag code calls (statement or expression position)."""
    names: list[str] = []

    def walk(n: Any) -> None:
        if isinstance(n, N.Name):
            names.append(n.name)
        elif isinstance(n, N.MethodCall):
            names.append(n.name)
        if isinstance(n, (tuple, list)):
            for x in n:
                walk(x)
            return
        slots = getattr(type(n), "__slots__", ())
        for s in slots:
            v = getattr(n, s, None)
            if isinstance(v, (N.Node, tuple, list)):
                walk(v)

    walk(stmts)
    return names
