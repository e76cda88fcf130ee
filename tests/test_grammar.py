"""Parse tests for every construct real 4D projects contain (the grammar's keeper tests).

Each case gives the source and the shape of the first statement's node tree, so a
grammar change that parses a construct differently makes a test fail.
"""

from __future__ import annotations

import dataclasses

import pytest
from mini4d import nodes as N
from mini4d.errors import Syntax4DError
from mini4d.parser import parse, parse_source
from mini4d.source import Source, decode_source


def shape(node: object) -> str:
    """A compact, readable picture of a node tree: `Assign(Local $a, Literal 1)`."""
    if isinstance(node, tuple):
        return "[" + ", ".join(shape(x) for x in node) + "]"
    if isinstance(node, N.Local):
        return f"Local {node.name}"
    if isinstance(node, N.Name):
        return f"Name {node.name}"
    if isinstance(node, N.Interprocess):
        return f"Inter {node.name}"
    if isinstance(node, N.Literal):
        return f"Literal {node.value!r}"
    if isinstance(node, N.Command):
        return f"Command {node.number}" + ("(" + ", ".join(shape(a) for a in node.args) + ")" if node.args else "")
    if isinstance(node, N.Constant):
        return f"Constant {node.name}"
    if isinstance(node, N.Table):
        return f"Table {node.text}"
    if isinstance(node, N.MethodCall):
        return f"MethodCall {node.name}(" + ", ".join(shape(a) for a in node.args) + ")"
    if isinstance(node, N.SqlBlock):
        return "SqlBlock"
    if not dataclasses.is_dataclass(node):
        return repr(node)
    parts = []
    for f in dataclasses.fields(node):
        if f.name == "span":
            continue
        v = getattr(node, f.name)
        if isinstance(v, (N.Node, tuple)):
            parts.append(shape(v))
        elif isinstance(v, str) and f.name in ("op", "name"):
            parts.append(v)
    return f"{type(node).__name__}(" + ", ".join(parts) + ")"


def first(text: str) -> str:
    stmts = parse(text)
    assert stmts, "no statement parsed"
    return shape(stmts[0])


CASES = [
    # arrays
    ("ARRAY TEXT($a; 3)", "ExprStmt(Command 222(Local $a, Literal 3.0))"),
    ("ARRAY LONGINT:C221($a; 3; 4)", "ExprStmt(Command 221(Local $a, Literal 3.0, Literal 4.0))"),
    ("$a{1}:=2", "Assign(ArrayElem(Local $a, Literal 1.0), Literal 2.0)"),
    ("$a{1}{2}:=3", "Assign(ArrayElem(ArrayElem(Local $a, Literal 1.0), Literal 2.0), Literal 3.0)"),
    ("$x:=$a{0}", "Assign(Local $x, ArrayElem(Local $a, Literal 0.0))"),
    ("<>at{1}:=2", "Assign(ArrayElem(Inter at, Literal 1.0), Literal 2.0)"),
    # pointers
    ("$p:=->$x", "Assign(Local $p, MakePointer(Local $x))"),
    ("$p->:=1", "Assign(Deref(Local $p), Literal 1.0)"),
    ("$x:=$p->{2}", "Assign(Local $x, ArrayElem(Deref(Local $p), Literal 2.0))"),
    ("$x:=$p->[2]", "Assign(Local $x, Index(Deref(Local $p), Literal 2.0))"),
    ("$p->name:=1", "Assign(Member(Deref(Local $p), name), Literal 1.0)"),
    ("$x:=($pp->)->", "Assign(Local $x, Deref(Deref(Local $pp)))"),
    ("$p:=->$a{3}", "Assign(Local $p, MakePointer(ArrayElem(Local $a, Literal 3.0)))"),
    ('$p:=Get pointer("v")', "Assign(Local $p, Command 304(Literal 'v'))"),
    ("$1->{$i}{$j}:=$w", "Assign(ArrayElem(ArrayElem(Deref(Local $1), Local $i), Local $j), Local $w)"),
    ('Self:C308->:=""', "Assign(Deref(Command 308), Literal '')"),
    # tables and fields
    ("$p:=->[Customers]", "Assign(Local $p, MakePointer(Table [Customers]))"),
    ('[Customers:1]Name:2:="x"', "Assign(Table [Customers:1]Name:2, Literal 'x')"),
    ("QUERY([T];[T]f=1)", "ExprStmt(Command 277(Table [T], Binary(=, Table [T]f, Literal 1.0)))"),
    ("ALL RECORDS([Customers])", "ExprStmt(Command 47(Table [Customers]))"),
    ("ALL RECORDS([Log:5])", "ExprStmt(Command 47(Table [Log:5]))"),
    (
        "$f:=Formula($1.a*=2)",
        "Assign(Local $f, Command 1597(AssignArg(Member(Local $1, a), Binary(*, Member(Local $1, a), Literal 2.0))))",
    ),
    # `[X]` where X is a command or constant is a collection literal, not a table
    ("$c:=[New collection]", "Assign(Local $c, CollectionLit([Command 1472]))"),
    ("$c:=[New object].length", "Assign(Local $c, Member(CollectionLit([Command 1471]), length))"),
    ("$c:=[Pi]", "Assign(Local $c, CollectionLit([Constant Pi]))"),
    ("$c:=[Current date; True]", "Assign(Local $c, CollectionLit([Command 33, Command 214]))"),
    ("$c:=[Formula(1)]", "Assign(Local $c, CollectionLit([Command 1597(Literal 1.0)]))"),
    (
        "$c:=[Formula($1.x+1); New collection]",
        "Assign(Local $c, CollectionLit([Command 1597(Binary(+, Member(Local $1, x), Literal 1.0)), Command 1472]))",
    ),
    # declarations
    ("C_TEXT($a; $b)", "ExprStmt(Command 284(Local $a, Local $b))"),
    ("C_LONGINT:C283(${2})", "ExprStmt(Command 283(ParamIndirect(Literal 2.0)))"),
    ("_O_C_STRING:C293(80; $s)", "ExprStmt(Command 293(Literal 80.0, Local $s))"),
    ("_O_C_TEXT:C284(m; $0)", "ExprStmt(Command 284(Name m, Local $0))"),
    # legacy glyph, localized names, tokens
    ("\u25cagVar:=1", "Assign(Inter gVar, Literal 1.0)"),
    ("$t:=Cha\u00eene:C10(12)", "Assign(Local $t, Command 10(Literal 12.0))"),
    ("$f:=4D:C1709.File", "Assign(Local $f, Member(Command 1709, File))"),
    ("$r:=Is text:K8:3", "Assign(Local $r, Constant Is text)"),
    # method names with spaces
    ("My Method With Spaces(1; 2)", "ExprStmt(MethodCall My Method With Spaces(Literal 1.0, Literal 2.0))"),
    ("M\u00e9thode 262($x)", "ExprStmt(MethodCall M\u00e9thode 262(Local $x))"),
    ("QUIT 4D", "ExprStmt(Command 291)"),
    # names starting with digits; hex, exponents and 4D keep their meaning
    ('00_beaucoup ("_run")', "ExprStmt(MethodCall 00_beaucoup(Literal '_run'))"),
    ("$x:=4DPop_MACROS", "Assign(Local $x, Name 4DPop_MACROS)"),
    ("$h:=0xFF+1e3", "Assign(Local $h, Binary(+, Literal 255.0, Literal 1000.0))"),
    # SQL blocks are kept as one statement
    ("Begin SQL\n  SELECT a FROM b INTO :$x;\nEnd SQL", "SqlBlock"),
    # a stray semicolon
    ("$h:=0; ", "Assign(Local $h, Literal 0.0)"),
    # sort order arguments
    ("SORT ARRAY($a; $b; >)", "ExprStmt(Command 229(Local $a, Local $b, SortOrder()))"),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_construct_shape(text: str, expected: str) -> None:
    assert first(text) == expected


LAYOUT_CASES = [
    # header, comments, continuations in any position, blank lines
    ('//%attributes = {"invisible":true}\n$a:=1', "Assign(Local $a, Literal 1.0)"),
    ("/* a /* nested */ comment */ $a:=1", "Assign(Local $a, Literal 1.0)"),
    ("/* multi\nline\n*/\n$a:=1", "Assign(Local $a, Literal 1.0)"),
    ("$a:=1+\\\n2", "Assign(Local $a, Binary(+, Literal 1.0, Literal 2.0))"),
    ("$a:=1+\\  // continued\n2", "Assign(Local $a, Binary(+, Literal 1.0, Literal 2.0))"),
    ('OB SET($o;\\\n"a";\\\n1)', "ExprStmt(Command 1220(Local $o, Literal 'a', Literal 1.0))"),
    ("If (True)\\\n & (False)\nEnd if", "If(Binary(&, Command 214, Command 215), [])"),
    ("For /* c */ ($i; 1; 2)\nEnd for", "For(Local $i, Literal 1.0, Literal 2.0, [])"),
    ("` legacy comment\n$a:=1", "Assign(Local $a, Literal 1.0)"),
    ('$t:="// not a comment"', "Assign(Local $t, Literal '// not a comment')"),
]


@pytest.mark.parametrize("text,expected", LAYOUT_CASES, ids=[c[0][:40] for c in LAYOUT_CASES])
def test_layout_shape(text: str, expected: str) -> None:
    assert first(text) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf$a:=1\n$b:=2\n",  # byte-order mark
        b"$a:=1\r\n$b:=2\r\n",  # CRLF
        b"$a:=1\r$b:=2\r",  # bare CR (classic Mac OS)
        b"$a:=1\r\n$b:=2",  # no final newline
    ],
    ids=["bom", "crlf", "cr", "no-final-newline"],
)
def test_line_endings(data: bytes) -> None:
    stmts = parse_source(Source("t", decode_source(data)))
    assert [shape(s) for s in stmts] == ["Assign(Local $a, Literal 1.0)", "Assign(Local $b, Literal 2.0)"]


def test_sql_block_keeps_its_text() -> None:
    (stmt,) = parse("Begin SQL\n  SELECT 1;\nEnd SQL")
    assert isinstance(stmt, N.SqlBlock)
    assert "SELECT 1;" in stmt.text


def test_unsupported_command_is_not_a_parse_error() -> None:
    # QUERY needs the database: it parses, and fails only when it runs.
    stmts = parse('QUERY([Customers]; [Customers]Name="a@")\nALL RECORDS([Customers])')
    assert [type(s.expr).__name__ for s in stmts] == ["Command", "Command"]


def test_error_positions_survive_comments_and_continuations() -> None:
    with pytest.raises(Syntax4DError) as info:
        parse("/* one\ntwo */ $a:=1+\\\n2\n$b:=)")
    assert info.value.span.line == 4


def test_compound_assignment_is_an_argument_only_for_formula() -> None:
    with pytest.raises(Syntax4DError, match="only as the code of Formula"):
        parse("ALERT(String($x+=1))\n")
