"""Parse tests for the forms 4D writes when it saves a method (tokenized names, legacy syntax).

One test per construct, each checking the nodes built, and the neighbours that must keep
their meaning (what 4D rejects stays rejected).
"""

from __future__ import annotations

import pytest
from mini4d import nodes as N
from mini4d.errors import Syntax4DError
from mini4d.parser import parse


def one(text: str) -> N.Stmt:
    stmts = parse(text)
    assert len(stmts) == 1, stmts
    return stmts[0]


def expr(text: str) -> N.Expr:
    """The value of `$x:=<text>`."""
    s = one(f"$x:={text}")
    assert isinstance(s, N.Assign)
    return s.value


def call_args(text: str) -> tuple[int, tuple[N.Expr, ...]]:
    s = one(text)
    assert isinstance(s, N.ExprStmt) and isinstance(s.expr, N.Command), s
    return s.expr.number, s.expr.args


# ------------------------------------------------------------------ commands starting with "Use"


@pytest.mark.parametrize(
    "text,number",
    [
        ('USE SET:C118("a")', 118),
        ('USE NAMED SELECTION:C332("held")', 332),
        ('USE CHARACTER SET:C205("UTF-8"; 0)', 205),
        ("USE ENTITY SELECTION:C1513($sel)", 1513),
        ('USE SET("a")', 118),
        ('use  named  selection("held")', 332),
        ('USE CHARACTER SET("UTF-8"; 1)', 205),
    ],
)
def test_command_whose_name_starts_with_use(text: str, number: int) -> None:
    assert call_args(text)[0] == number


def test_use_keyword_still_opens_a_block() -> None:
    s = one("Use (Storage:C1525)\n\tStorage:C1525.n:=1\nEnd use")
    assert isinstance(s, N.Use) and isinstance(s.target, N.Command) and s.target.number == 1525


def test_constant_whose_name_starts_with_use() -> None:
    for text in ("Use sheet window:K24:11", "Use sheet window"):
        c = expr(text)
        assert isinstance(c, N.Constant) and c.name == "Use sheet window", text
    b = expr("File name entry:K24:17+Use sheet window:K24:11")
    assert isinstance(b, N.Binary) and isinstance(b.right, N.Constant) and b.right.name == "Use sheet window"


# ------------------------------------------------------------------ class stores as types


@pytest.mark.parametrize(
    "text,type_",
    [
        ("var $m : cs:C1710.Mailer", "cs.Mailer"),
        ("var $f : 4D:C1709.File", "4D.File"),
        ("var $r : cs:C1710.rgx.regex", "cs.rgx.regex"),
        ("var $a; $b : 4D:C1709.Folder", "4D.Folder"),
    ],
)
def test_tokenized_class_store_as_var_type(text: str, type_: str) -> None:
    s = one(text)
    assert isinstance(s, N.VarDecl) and s.type == type_


def test_tokenized_class_type_with_an_initial_value() -> None:
    s = one('var $d : 4D:C1709.Folder:=Folder:C1567("/RESOURCES")')
    assert isinstance(s, N.VarDecl) and s.type == "4D.Folder"
    assert isinstance(s.init, N.Command) and s.init.number == 1567 and s.init.has_parens


def test_tokenized_class_type_of_a_property() -> None:
    s = one("property home; work : 4D:C1709.Folder")
    assert isinstance(s, N.ClassProperty) and s.names == ("home", "work") and s.type == "4D.Folder"


def test_tokenized_class_type_of_a_function_result_and_parameters() -> None:
    s = one("Function get conf : cs:C1710.Settings")
    assert isinstance(s, N.ClassFunction) and s.kind == "get" and s.result.type == "cs.Settings"
    s = one("Function add($a : cs:C1710.Item; $b : 4D:C1709.File)->$r : cs:C1710.List")
    assert [p.type for p in s.params] == ["cs.Item", "4D.File"] and s.result.type == "cs.List"


def test_tokenized_class_type_in_declare_and_constructor() -> None:
    s = one("#DECLARE($a : cs:C1710.Foo; $b : Text) : 4D:C1709.Function")
    assert isinstance(s, N.Declare) and [p.type for p in s.params] == ["cs.Foo", "text"]
    assert s.result.type == "4D.Function"
    s = one("Class constructor($p : cs:C1710.Person)")
    assert isinstance(s, N.ClassConstructor) and s.params[0].type == "cs.Person"


# ------------------------------------------------------------------ names starting with a digit


@pytest.mark.parametrize(
    "text,name",
    [
        ("4D Server:K5:6", "4D Server"),
        ("4D Server", "4D Server"),
        ("64 bit version:K5:25", "64 bit version"),
        ("64 bit version", "64 bit version"),
        ("4D  Remote  mode", "4D Remote mode"),
        ("4D Client SOAP license:K44:7", "4D Client SOAP license"),
    ],
)
def test_constant_whose_name_starts_with_a_digit(text: str, name: str) -> None:
    c = expr(text)
    assert isinstance(c, N.Constant) and c.name == name


def test_digit_constant_inside_a_comparison() -> None:
    b = expr("Application type:C494#4D Remote mode:K5:5")
    assert isinstance(b, N.Binary) and b.op == "#" and b.right.name == "4D Remote mode"


def test_4d_class_store_and_digit_names_keep_their_meaning() -> None:
    m = expr("4D.File")
    assert isinstance(m, N.Member) and isinstance(m.obj, N.Command) and m.obj.number == 1709
    n = expr("4DPop_MACROS")
    assert isinstance(n, N.Name) and n.name == "4DPop_MACROS"
    assert isinstance(expr("1e3"), N.Literal) and isinstance(expr("0xFF"), N.Literal)


def test_a_number_followed_by_a_word_is_still_an_error() -> None:
    with pytest.raises(Syntax4DError, match="Unexpected `abc` after the number 12"):
        parse("$x:=12 abc")


@pytest.mark.parametrize(
    "text,name",
    [("<>4d_cache", "4d_cache"), ("<>1st", "1st"), ("\u25ca2nd", "2nd")],
)
def test_interprocess_name_starting_with_a_digit(text: str, name: str) -> None:
    v = expr(text)
    assert isinstance(v, N.Interprocess) and v.name == name


def test_interprocess_variable_after_less_than() -> None:
    s = one("If ($y<<>gYear)\nEnd if")
    assert isinstance(s, N.If) and isinstance(s.cond, N.Binary) and s.cond.op == "<"
    assert isinstance(s.cond.right, N.Interprocess) and s.cond.right.name == "gYear"
    shift = expr("$a<<2")
    assert isinstance(shift, N.Binary) and shift.op == "<<"


# ------------------------------------------------------------------ tables and fields


@pytest.mark.parametrize(
    "text,table,tnum,field,fnum",
    [
        ("[Client:3]Family name:7", "Client", 3, "Family name", 7),
        ("[Job:1]1stRunCount:9", "Job", 1, "1stRunCount", 9),
        ("[Job]1stRunCount", "Job", 0, "1stRunCount", 0),
        ("[Sales Lines:12]Unit  price:4", "Sales Lines", 12, "Unit  price", 4),
        ("[Client:3]", "Client", 3, "", 0),
        ("[Client]Name", "Client", 0, "Name", 0),
    ],
)
def test_table_and_field_references(text: str, table: str, tnum: int, field: str, fnum: int) -> None:
    t = expr(text)
    assert isinstance(t, N.Table) and t.text == text
    assert (t.table, t.table_number, t.field, t.field_number) == (table, tnum, field, fnum)


def test_field_with_spaces_then_an_operator() -> None:
    b = expr("[Job:1]1stPressCount:44*[Job:1]Number up:26")
    assert isinstance(b, N.Binary) and b.op == "*"
    assert b.left.field == "1stPressCount" and b.right.field == "Number up"


def test_assignment_to_a_field_starting_with_a_digit() -> None:
    s = one("[Job:1]1stRunCount:9:=[Job:1]Gross:27")
    assert isinstance(s, N.Assign) and s.target.field == "1stRunCount" and s.value.field_number == 27


def test_pre_v11_subrecord_syntax_is_rejected() -> None:
    with pytest.raises(Syntax4DError):
        parse("$x:=[Invoice]Lines'Qty")


# ------------------------------------------------------------------ QUERY operators


def test_query_conjunction_alone_as_a_parameter() -> None:
    number, args = call_args("QUERY:C277([Invoice:4]; & ;[Invoice:4]Paid:5=False:C215)")
    assert number == 277
    assert isinstance(args[0], N.Table) and isinstance(args[1], N.OperatorArg) and args[1].op == "&"
    assert isinstance(args[2], N.Binary) and args[2].op == "="


def test_query_comparator_alone_as_a_parameter() -> None:
    number, args = call_args("QUERY:C277([Invoice:4];[Invoice:4]Year:6;>=;2020)")
    assert [type(a).__name__ for a in args] == ["Table", "Table", "OperatorArg", "Literal"]
    assert args[2].op == ">=" and args[2].span.text() == ">="


@pytest.mark.parametrize("op", ["=", "#", "<=", ">=", "%"])
def test_every_comparator_symbol(op: str) -> None:
    _, args = call_args(f"QUERY SELECTION([T]; [T]f; {op}; $v; *)")
    assert isinstance(args[2], N.OperatorArg) and args[2].op == op and isinstance(args[4], N.Star)


def test_less_and_greater_alone_stay_sort_orders() -> None:
    _, args = call_args("QUERY([T]; [T]f; <; 5)")
    assert isinstance(args[2], N.SortOrder) and args[2].ascending is False
    _, args = call_args("SORT ARRAY($a; >)")
    assert isinstance(args[1], N.SortOrder) and args[1].ascending is True


def test_conjunction_written_with_its_criterion_is_two_parameters() -> None:
    number, args = call_args('QUERY:C277([T:4];  | [T:4]Status:9#"C@"; *)')
    assert [type(a).__name__ for a in args] == ["Table", "OperatorArg", "Binary", "Star"]
    assert args[1].op == "|" and args[1].span.text() == "|" and args[2].right.value == "C@"
    # the same arguments as with the `;`
    _, with_semicolon = call_args('QUERY:C277([T:4]; | ; [T:4]Status:9#"C@"; *)')
    assert [type(a).__name__ for a in with_semicolon] == [type(a).__name__ for a in args]


def test_except_conjunction_through_pointers() -> None:
    _, args = call_args("QUERY($table->; #; $field->=$value; *)")
    assert isinstance(args[0], N.Deref) and args[1].op == "#"


def test_operators_only_where_4d_takes_them() -> None:
    with pytest.raises(Syntax4DError, match="`ALERT` does not take an operator"):
        parse("ALERT(&)")
    with pytest.raises(Syntax4DError, match="A method or formula does not take an operator"):
        parse("My method(&; 1)")
    with pytest.raises(Syntax4DError, match="`>=` must be followed by `;`"):
        parse("QUERY([T]; [T]f; >= 3)")


# ------------------------------------------------------------------ statement parameters


def test_assignment_as_the_statement_of_apply_to_selection() -> None:
    number, args = call_args("APPLY TO SELECTION:C70([Item:2];[Item:2]Flag:4:=True:C214)")
    assert number == 70 and isinstance(args[1], N.AssignArg)
    assert args[1].target.field == "Flag" and args[1].value.number == 214


def test_compound_assignment_as_the_statement_of_apply_to_selection() -> None:
    _, args = call_args("APPLY TO SELECTION([Item];[Item]Count+=1)")
    a = args[1]
    assert isinstance(a, N.AssignArg) and isinstance(a.value, N.Binary) and a.value.op == "+"


def test_assignment_parameter_elsewhere_is_rejected() -> None:
    with pytest.raises(Syntax4DError, match="An assignment cannot be passed as a parameter"):
        parse("ALERT($t:=1)")
    with pytest.raises(Syntax4DError, match="An assignment cannot be passed as a parameter"):
        parse("My method($t:=1)")


# ------------------------------------------------------------------ declarations


def test_var_declares_an_interprocess_variable() -> None:
    s = one("var <>ready : Boolean")
    assert isinstance(s, N.VarDecl) and isinstance(s.names[0], N.Interprocess) and s.names[0].name == "ready"
    assert s.type == "boolean"
    s = one("var <>a; $b; c : Integer")
    assert [type(n).__name__ for n in s.names] == ["Interprocess", "Local", "Name"]


def test_var_declares_parameters_from_n_on() -> None:
    s = one("var ${2} : Text")
    assert isinstance(s, N.VarDecl) and isinstance(s.names[0], N.ParamIndirect)
    assert s.names[0].index.value == 2.0 and s.type == "text"
    s = one("var $1; ${2} : Variant")
    assert [type(n).__name__ for n in s.names] == ["Local", "ParamIndirect"]


def test_a_variable_named_var_is_still_a_variable() -> None:
    s = one("If (var<5)\nEnd if")
    assert isinstance(s, N.If) and isinstance(s.cond.left, N.Name) and s.cond.left.name == "var"


def test_declare_without_parentheses() -> None:
    s = one("#DECLARE->$out : Collection")
    assert isinstance(s, N.Declare) and s.params == () and s.result.name == "$out"
    assert s.result.type == "collection"
    s = one("#DECLARE : Boolean")
    assert s.params == () and s.result.name == "" and s.result.type == "boolean"
    s = one("#DECLARE")
    assert isinstance(s, N.Declare) and s.params == () and s.result is None


@pytest.mark.parametrize("name", ["$\U0001f355", "$total_\U0001f4b6", "$\u2764\ufe0f", "$\U0001f468\u200d\U0001f4bb"])
def test_pictograph_in_a_local_name(name: str) -> None:
    s = one(f"{name}:=1")
    assert isinstance(s, N.Assign) and s.target.name == name


# ------------------------------------------------------------------ keywords that end their line


def test_break_level_is_a_command_and_break_a_keyword() -> None:
    assert call_args("BREAK LEVEL:C302(1)")[0] == 302
    assert call_args("BREAK LEVEL(1; 2)")[0] == 302
    loop = one("While (True)\n\tbreak\nEnd while")
    assert isinstance(loop, N.While) and isinstance(loop.body[0], N.Break)
    loop = one("While (True)\n\tcontinue;\nEnd while")
    assert isinstance(loop.body[0], N.Continue)


# ------------------------------------------------------------------ comments


def test_comment_ending_with_a_backslash_goes_on_over_the_next_line() -> None:
    stmts = parse('//$c:=New collection(\\\n"a"; \\\n"b")\n$y:=2')
    assert len(stmts) == 1 and isinstance(stmts[0], N.Assign) and stmts[0].target.name == "$y"
    assert stmts[0].span.line == 4  # positions still point into the text


def test_legacy_comment_ending_with_a_backslash_goes_on_too() -> None:
    stmts = parse("` old style \\\n$x:=1\n$y:=2")
    assert len(stmts) == 1 and stmts[0].target.name == "$y"


def test_code_line_continued_then_commented_still_continues() -> None:
    s = one("$a:=1+\\  // more below\n2")
    assert isinstance(s, N.Assign) and isinstance(s.value, N.Binary)


def test_commands_of_unknown_syntax_may_take_operators_and_assignments() -> None:
    """A plug-in command or a command number no table knows: its syntax is its own."""
    _, args = call_args("PV QUERY:P13000:99($area; &; $x:=1)")
    assert isinstance(args[1], N.OperatorArg) and isinstance(args[2], N.AssignArg)
    number, args = call_args("Future query:C99999([T]; #; [T]f=1)")
    assert number == 99999 and isinstance(args[1], N.OperatorArg)


def test_comment_ending_with_a_backslash_then_a_blank_ends_there() -> None:
    stmts = parse('If (True)\n\t$p:="C:\\\\"  // a path like C:\\ \nEnd if')
    assert len(stmts) == 1 and isinstance(stmts[0], N.If) and len(stmts[0].then) == 1
