"""The lean lexer loop (lang/lexer.py) gives what Lark's own contextual lexer gives.

Same nodes and spans for valid code, same failing token or character for broken code,
on texts that exercise the loop's shortcuts: blanks skipped before a token, a first
character chosen among few terminals, letters and non-ASCII characters on the full pattern.
"""

from __future__ import annotations

import pytest
from lark import Lark
from lark.exceptions import UnexpectedInput
from mini4d import parser as P
from mini4d.build import Builder, set_build_source
from mini4d.lexer import _first_char_test
from mini4d.prepass import prepare
from mini4d.source import Source

SAMPLES = [
    '$a:=1\n$b:=$a+2.5e3-0xFF*"x"\n',
    "\t $a := $b \t\t+\t$c   \n",
    "$x:=1   ",  # blanks up to the end of the text
    "$é:=◊ipVar+<>other\n$ñame:=Length($é)\n",
    'If ($a=1) & ($b#2)\n\tALERT("x")\nElse\n\t$c:=?12:30:00?+!2024-01-31!\nEnd if\n',
    'var $t : Text:="a\\"b"\nFor each ($item; $col; 1; 5) Until ($item=Null)\nEnd for each\n',
    '$o:={a: 1; "b c": [1; 2; {}]; d: $x.y[2]{3}}\n$p:=->$o\n$q:=$p->\n$r:=$p->name\n',
    "$s:=String:C10($n)+Is text:K8:3\n$t:=[Customers]Name\n$u:=$a ?? $b ?+ 1\n",
    "Case of\n: ($a>=1) | ($b<=2)\nEnd case\n$v:=$a ? $b : $c\n",
    "Function get name($x : Integer) -> $r : Text\nproperty a; b : Integer\n",
    "$a:=1 2\n",  # unexpected token
    "$a:=§\n",  # unexpected character
    '$a:="unclosed\n',
    "ALERT(1; *; >)\n$a:=(1\n",
    "Ifx:=3\nEnd if\n",
]


@pytest.fixture(scope="module")
def reference() -> Lark:
    """The same grammar and callbacks with Lark's own contextual lexer."""
    P.get_parser()
    return Lark(
        P._GRAMMAR.read_text(encoding="utf-8"),
        transformer=Builder(),
        lexer_callbacks={"NAME": P.name_callback},
        **{**P._LARK_OPTIONS, "lexer": "contextual"},
    )


def _outcome(parser: Lark, source: Source) -> object:
    text = prepare(source)
    if not text.endswith("\n"):
        text += "\n"
    set_build_source(source)
    try:
        return parser.parse(text)
    except UnexpectedInput as exc:
        tok = getattr(exc, "token", None)
        return (type(exc).__name__, getattr(exc, "pos_in_stream", None), getattr(tok, "type", None), str(tok))
    finally:
        set_build_source(None)


@pytest.mark.parametrize("text", SAMPLES)
def test_same_result_as_lark_lexer(reference: Lark, text: str) -> None:
    source = Source("t.4dm", text)
    assert _outcome(P.get_parser(), source) == _outcome(reference, source)


def test_reference_is_larks_own_lexer(reference: Lark) -> None:
    from mini4d.lexer import FastContextualLexer

    assert isinstance(P.get_parser().parser.lexer, FastContextualLexer)
    assert not isinstance(reference.parser.lexer, FastContextualLexer)


def test_first_character_tests() -> None:
    keyword = _first_char_test("(?i:end[ \\t]*if(?![\\w$]))")
    assert keyword("e") and keyword("E") and not keyword("i") and not keyword("$")
    name = _first_char_test("[^\\W\\d]\\w*")
    assert name("a") and name("_") and not name("1") and not name("$") and not name(" ")
    blank = _first_char_test("[ \\t\\f\\x0b]+")
    assert blank(" ") and blank("\t") and not blank("\n") and not blank("a")
    maybe_empty = _first_char_test("a*b")  # may begin with a or b
    assert maybe_empty("a") and maybe_empty("b") and not maybe_empty("c")
