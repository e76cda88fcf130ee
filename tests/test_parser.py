"""Syntax errors in words: each message, and the line:column it points at."""

from __future__ import annotations

import pytest
from mini4d import nodes as N
from mini4d.errors import Syntax4DError
from mini4d.parser import parse


def syntax_error(text: str) -> tuple[str, int, int]:
    """(message, line, column) of the syntax error of `text`."""
    with pytest.raises(Syntax4DError) as info:
        parse(text)
    err = info.value
    assert err.code == 90001
    line, col = err.span.source.line_col(err.span.start)
    return err.message, line, col


CASES = [
    # (source, expected message, line, column)
    ('If (True)\n\tALERT("x")\n', "`If` at line 1 has no matching `End if`", 1, 1),
    ("$a:=1\nFor ($i; 1; 2)\n\t$a:=2\n", "`For` at line 2 has no matching `End for`", 2, 1),
    ("While (True)\n\n", "`While` at line 1 has no matching `End while`", 1, 1),
    ("Repeat\n$x:=1\n", "`Repeat` at line 1 has no matching `Until`", 1, 1),
    ("For each ($v; [])\n", "`For each` at line 1 has no matching `End for each`", 1, 1),
    ("Case of\n: (True)\n", "`Case of` at line 1 has no matching `End case`", 1, 1),
    ("Try\n$x:=1\n", "`Try` at line 1 has no matching `End try`", 1, 1),
    ("$x:=1\n  End if\n", "`End if` without a matching `If`", 2, 3),
    ("End for each\n", "`End for each` without a matching `For each`", 1, 1),
    ("Else\n", "`Else` without a matching `If` or `Case of`", 1, 1),
    ("Until ($x)\n", "`Until` without a matching `Repeat`", 1, 1),
    ("Catch\n", "`Catch` without a matching `Try`", 1, 1),
    (
        'For ($i; 1; 2)\nALERT("x")\nEnd if\n',
        "`End if` found where `End for` was expected (to close the `For` of line 1)",
        3,
        1,
    ),
    (
        "If (True)\n\tEnd for\nEnd if\n",
        "`End for` found where `End if` was expected (to close the `If` of line 1)",
        2,
        2,
    ),
    ("$x=1\n", "`=` compares values; write `:=` to assign", 1, 3),
    ('ALERT("abc)\n', 'Unclosed text literal: missing closing `"`', 1, 7),
    ("ALERT(String(1)\n", "Missing `)` before the end of the line", 1, 16),
    ("$c:=[1; 2\n", "Missing `]` before the end of the line", 1, 10),
    ("Sesion storage $x\n", "Unknown command `Sesion storage`; did you mean `Session storage`?", 1, 1),
    ('$x:=1\nALERTT "hi"\n', "Unknown command `ALERTT`; did you mean `ALERT`?", 2, 1),
    ("break\n", "`break` outside a loop", 1, 1),
    ("If (True)\n\tcontinue\nEnd if\n", "`continue` outside a loop", 2, 2),
    ('ALERT("a") ALERT("b")\n', "Unexpected name `ALERT` (a statement is one assignment or one call per line)", 1, 12),
    ("var $a; $b : Integer := 15\n", "An initial value can be given to one variable only", 1, 1),
    ("#DECLARE($x : Integer) -> $x : Integer\n", "`$x` is declared both as a parameter and as the result", 1, 27),
    ("#DECLARE(... : Real; $x : Text)\n", "The variadic parameter `...` must be the last one", 1, 10),
    (
        "var $a : Strange\n",
        "Unknown type `Strange` (expected Text, Integer, Real, Boolean, Date, Time, Object, "
        "Collection, Variant, Pointer, Picture, Blob, 4D.Class or cs.Class)",
        1,
        10,
    ),
    ("#DECLARE($a : Txt)\n", "Unknown type `Txt`", 1, 15),
    ("For ($i; 1; 2)\nElse\nEnd for\n", "`Else` inside the `For` of line 1 (only `If` and `Case of` have one)", 2, 1),
    ("If (True)\nElse\n  Else\nEnd if\n", "The `If` of line 1 already has an `Else`", 3, 3),
    ('Case of\n\tALERT("x")\nEnd case\n', "Each branch of `Case of` starts with `: (condition)`", 2, 2),
    ('ALERT("a", "b")\n', "4D separates arguments and elements with `;`, not `,`", 1, 10),
    ("$c:=[1,2]\n", "4D separates arguments and elements with `;`, not `,`", 1, 7),
    # operators and assignments as arguments: only where 4D's commands take them
    ("ALERT(&)\n", "`ALERT` does not take an operator (`&`) as a parameter; only QUERY-like commands do", 1, 7),
    ("My method(#; 1)\n", "A method or formula does not take an operator (`#`) as a parameter", 1, 11),
    ("QUERY([T]; = [T]f=1)\n", "`=` must be followed by `;`", 1, 12),
    ("ALERT($t:=1)\n", "An assignment cannot be passed as a parameter (only as the code of Formula(...)", 1, 7),
    ("$x:=1 abc\n", "Unexpected `abc` after the number 1", 1, 7),
]


@pytest.mark.parametrize("text,message,line,col", CASES, ids=[c[1][:40] for c in CASES])
def test_syntax_error_message_and_position(text: str, message: str, line: int, col: int) -> None:
    got, got_line, got_col = syntax_error(text)
    assert got.startswith(message) and (got_line, got_col) == (line, col), got


def test_unclosed_block_names_the_innermost_open_block() -> None:
    msg, line, _ = syntax_error("If (True)\n\tFor ($i; 1; 2)\n\tEnd for\n\tWhile (False)\n")
    assert msg == "`While` at line 4 has no matching `End while`"
    assert line == 4


def test_break_inside_nested_loop_is_valid() -> None:
    stmts = parse("For ($i; 1; 2)\n\tIf ($i=1)\n\t\tbreak\n\tEnd if\nEnd for\n")
    assert isinstance(stmts[0], N.For)


def test_type_names_ignore_case_and_accept_classes() -> None:
    stmts = parse("var $a : TEXT\nvar $b : cs.Person\nvar $c : 4D.File\nvar $d : collection\n")
    assert [s.type for s in stmts] == ["text", "cs.Person", "4D.File", "collection"]


def test_var_names_separated_by_semicolons_or_commas() -> None:
    a, b = parse("var $a; $b : Text\nvar $c, $d : Integer\n")
    assert len(a.names) == 2 and len(b.names) == 2 and b.type == "integer"


def test_keywords_ignore_case_and_repeated_spaces() -> None:
    stmts = parse("if (True)\n$x:=1\nEND   IF\nfor each ($v; [])\nend for  each\n")
    assert isinstance(stmts[0], N.If)
    assert isinstance(stmts[1], N.ForEach)


def test_name_starting_with_keyword_is_a_name() -> None:
    stmts = parse("Ifx:=1\nEnd iffy:=2\n")
    assert all(isinstance(s, N.Assign) for s in stmts)


def test_strict_left_to_right_tree() -> None:
    (stmt,) = parse("$x:=3+4*5\n")
    expr = stmt.value
    assert isinstance(expr, N.Binary) and expr.op == "*"
    assert isinstance(expr.left, N.Binary) and expr.left.op == "+"


def test_block_comments_nest_and_continuations_join_lines() -> None:
    stmts = parse("/* a /* b */ c */ $x:=1+\\\n2 // end\n")
    assert len(stmts) == 1


def test_tokenized_command_resolves_by_number() -> None:
    (stmt,) = parse('$n:=Some old name:C16("abc")\n')
    assert stmt.value.name == "Length"


def test_compound_assignment_is_lexed_before_binary_plus() -> None:
    (stmt,) = parse("$x+=1\n")
    assert isinstance(stmt, N.CompoundAssign)


def test_hexadecimal_literal_is_a_32_bit_long() -> None:
    (stmt,) = parse("$x:=0xFF00FF00\n")
    assert stmt.value.value == float(0xFF00FF00 - 0x100000000)


def test_empty_collection_literal_span_points_at_its_brackets() -> None:
    (stmt,) = parse("$x:=1+[]\n")
    lit = stmt.value.right
    assert (lit.span.start, lit.span.end) == (6, 8)
