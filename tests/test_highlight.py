"""The Pygments lexer for 4D: every token kind, lossless, registered as `4d`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from mini4d.highlight import FourDLexer
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Literal, Name, Number, Operator, Punctuation, String

SAMPLE = r"""#DECLARE($n : Integer) -> $r : Text
// line comment
/* outer /* inner */ still comment */
var $o : Object:=New shared object("a"; 1)
If ($n>=10) & ($n#3)
  $r:="tab\t and \"quote\""
Else
  $d:=!2024-01-31!+?12:30:00?
End if
For each ($x; $c)
End for each
<>count:=String:C10(3.5e2/2)+Is text:K8:3
Use (Storage)
  Storage.items.push(4D.File; cs.MyClass; [Table]Field)
End use
$t:=Session storage($id)
$v:=$a \
  +1
My method(0x1F)
"""


def tokens(text: str) -> list[tuple[object, str]]:
    return [(t, v) for t, v in FourDLexer().get_tokens(text) if v.strip()]


def kind_of(text: str, value: str) -> object:
    for t, v in tokens(text):
        if v == value:
            return t
    raise AssertionError(f"{value!r} not a token of {text!r}: {tokens(text)}")


def test_lossless_and_no_error_tokens() -> None:
    toks = list(FourDLexer().get_tokens(SAMPLE))
    assert "".join(v for _, v in toks) == SAMPLE
    assert not [v for t, v in toks if t in Error]


@pytest.mark.parametrize(
    "value, kind",
    [
        ("#DECLARE", Keyword.Declaration),
        ("var", Keyword.Declaration),
        ("Integer", Keyword.Type),
        ("Object", Keyword.Type),
        ("// line comment", Comment.Single),
        ("If", Keyword),
        ("Else", Keyword),
        ("End if", Keyword),
        ("For each", Keyword),
        ("End for each", Keyword),
        ("Use", Keyword),
        ("End use", Keyword),
        ("$n", Name.Variable),
        ("<>count", Name.Variable.Global),
        ("New shared object", Name.Builtin),
        ("Session storage", Name.Builtin),
        ("Storage", Name.Builtin),
        ("String:C10", Name.Builtin),
        ("Is text:K8:3", Name.Constant),
        ("!2024-01-31!", Literal.Date),
        ("?12:30:00?", Literal.Date),
        ("\\t", String.Escape),
        ('\\"', String.Escape),
        ("3.5e2", Number.Float),
        ("10", Number.Integer),
        ("0x1F", Number.Hex),
        ("/", Operator),
        (">=", Operator),
        ("#", Operator),
        (":=", Operator),
        ("->", Operator),
        ("\\", Punctuation),
        ("push", Name.Function),
        ("items", Name.Attribute),
        ("4D", Name.Namespace),
        ("cs", Name.Namespace),
        ("[Table]Field", Name.Class),
        ("My method", Name),
    ],
)
def test_sample_token_kinds(value: str, kind: object) -> None:
    assert kind_of(SAMPLE, value) == kind


def test_nested_block_comment_is_one_comment() -> None:
    toks = tokens("/* a /* b */ c */ $x:=1")
    comment = "".join(v for t, v in toks if t in Comment)
    assert comment.replace(" ", "") == "/*a/*b*/c*/"
    assert ("$x", Name.Variable) in [(v, t) for t, v in toks]


def test_division_is_not_a_comment() -> None:
    toks = tokens("$x:=$a/$b // half")
    assert (Operator, "/") in toks
    assert (Comment.Single, "// half") in toks


def test_keywords_ignore_case_and_spaces() -> None:
    assert kind_of("END IF", "END IF") == Keyword
    assert kind_of("end  if", "end  if") == Keyword
    assert kind_of("case of", "case of") == Keyword
    assert kind_of("Ifx:=1", "Ifx") == Name


def test_longest_command_name_wins() -> None:
    assert kind_of("$o:=New shared object", "New shared object") == Name.Builtin
    assert kind_of("$o:=new OBJECT", "new OBJECT") == Name.Builtin
    assert kind_of("$t:=Is text", "Is text") == Name.Constant


def test_commands_starting_like_keywords_are_commands() -> None:
    assert kind_of('$b:=User in group("a"; "b")', "User in group") == Name.Builtin
    assert kind_of('FORM LOAD("f")', "FORM LOAD") == Name.Builtin
    assert kind_of("Use ($o)", "Use") == Keyword


def test_registered_with_pygments() -> None:
    assert isinstance(get_lexer_by_name("4d"), FourDLexer)
    assert isinstance(get_lexer_by_name("4dm"), FourDLexer)
    assert isinstance(get_lexer_for_filename("method.4dm"), FourDLexer)


@pytest.mark.skipif(shutil.which("pygmentize") is None, reason="pygmentize not on PATH")
def test_pygmentize_command(tmp_path: Path) -> None:
    f = tmp_path / "m.4dm"
    f.write_text('ALERT("x")\n', encoding="utf-8")
    out = subprocess.run(["pygmentize", "-l", "4d", "-f", "html", str(f)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert '<span class="nb">ALERT</span>' in out.stdout
