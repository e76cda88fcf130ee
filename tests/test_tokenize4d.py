"""The tokenizer of the test suite (tests/tokenize4d.py) and `plain_code` (lang/tokens.py):
code as 4D saves it, and back as 4D shows it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mini4d import nodes as N
from mini4d.errors import Syntax4DError
from mini4d.parser import parse
from mini4d.tokens import plain_code
from tokenize4d import replacements, tokenize

CATALOG = {"Client": (3, {"Name": 2, "Family name": 7}), "Job": (1, {"1stRunCount": 9})}


def bare(x: Any) -> Any:
    """A node tree without positions (what the code means, not where it is)."""
    if isinstance(x, tuple):
        return tuple(bare(i) for i in x)
    if isinstance(x, N.Table):
        return ("Table", x.table, x.field)
    if isinstance(x, N.Node):
        return (type(x).__name__,) + tuple(bare(getattr(x, f)) for f in x.__slots__ if f != "span")
    return x


@pytest.mark.parametrize(
    "text,expected",
    [
        ('ALERT("hi")', 'ALERT:C41("hi")'),
        ("$t:=string(12)", "$t:=String:C10(12)"),
        ('$n:=Value  type("x")', '$n:=Value type:C1509("x")'),
        ('$o:=New object("a"; 1)', '$o:=New object:C1471("a"; 1)'),
        ("QUIT 4D", "QUIT 4D:C291"),
        ("$b:=True & Not(False)", "$b:=True:C214 & Not:C34(False:C215)"),
        ("return Length($t)", "return Length:C16($t)"),
    ],
)
def test_commands_get_their_number_and_4d_name(text: str, expected: str) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("$k:=Is text", "$k:=Is text:K8:3"),
        ("$s:=4D Server", "$s:=4D Server:K5:6"),
        ("$v:=64 bit version", "$v:=64 bit version:K5:25"),
        ("$o:=Use sheet window", "$o:=Use sheet window:K24:11"),
        ('LOG EVENT(Into system standard outputs; "x")', 'LOG EVENT:C667(Into system standard outputs:K38:9; "x")'),
    ],
)
def test_constants_get_their_theme_and_number(text: str, expected: str) -> None:
    assert tokenize(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("$p:=cs.Person.new()", "$p:=cs:C1710.Person.new()"),
        ("$f:=4D.File", "$f:=4D:C1709.File"),
        ("This.n:=1", "This:C1470.n:=1"),
        ("$e:=ds.Client.all()", "$e:=ds:C1482.Client.all()"),
        ("var $m : cs.Mailer", "var $m : cs:C1710.Mailer"),
        ("property home : 4D.Folder", "property home : 4D:C1709.Folder"),
        ("Function get conf : cs.Settings", "Function get conf : cs:C1710.Settings"),
        ("#DECLARE($a : cs.Foo) -> $r : 4D.File", "#DECLARE($a : cs:C1710.Foo) -> $r : 4D:C1709.File"),
        ("var $t : Text", "var $t : Text"),
    ],
)
def test_class_stores_in_code_and_in_types(text: str, expected: str) -> None:
    assert tokenize(text) == expected


def test_tables_and_fields_get_the_catalog_numbers() -> None:
    assert tokenize("$p:=->[Client]Family name", CATALOG) == "$p:=->[Client:3]Family name:7"
    assert tokenize("ALL RECORDS([job])", CATALOG) == "ALL RECORDS:C47([job:1])"
    assert tokenize("$x:=[Job]1stRunCount", CATALOG) == "$x:=[Job:1]1stRunCount:9"
    # without a catalog, or for a name it does not know, the reference stays as written
    assert tokenize("$p:=->[Client]Name") == "$p:=->[Client]Name"
    assert tokenize("$p:=->[Client]Phone", CATALOG) == "$p:=->[Client]Phone"
    assert tokenize("$p:=->[Invoice]Total", CATALOG) == "$p:=->[Invoice]Total"


def test_collection_of_one_command_is_not_a_table() -> None:
    assert tokenize("$c:=[New collection]") == "$c:=[New collection:C1472]"


@pytest.mark.parametrize(
    "text",
    [
        '$t:="String(1) and Is text"',  # text
        "// ALERT(String(1))\n$a:=1",  # comments
        "/* Length($t) */ $a:=1",
        "$n:=$o.length+$c.count",  # properties
        '$o:={length: 1; "String": 2}',
        "My method($a; <>b; c)",  # methods and variables
        "If ($a)\nElse\nEnd if",  # keywords
        "var $x : Integer",
        "$t:=String:C10(1)+Is text:K8:3",  # already tokenized
        "Begin SQL\n  SELECT Length FROM t;\nEnd SQL",
    ],
)
def test_what_4d_keeps_as_written(text: str) -> None:
    assert tokenize(text) == text


SAMPLE = """// a method
#DECLARE($who : cs.Person) -> $r : Text
var $list : Collection:=New collection(1; 2)
If (Application type=4D Local mode) & ($list.length>0)
\t$r:=String($list.sum())+Char(Carriage return)
End if
For each ($v; $list)
\t$r+=String($v; "##0")
End for each
$r:=$r+Choose(Is Windows; "\\\\"; "/")
"""


def test_tokenized_code_means_the_same() -> None:
    tokenized = tokenize(SAMPLE)
    assert tokenized != SAMPLE and ":C10(" in tokenized and "4D Local mode:K5:1" in tokenized
    assert bare(parse(tokenized)) == bare(parse(SAMPLE))


def test_tokenizing_twice_changes_nothing_more() -> None:
    once = tokenize(SAMPLE, CATALOG)
    assert tokenize(once, CATALOG) == once


def test_replacements_cover_exactly_the_name_tokens() -> None:
    text = 'ALERT(Uppercase("a"))'
    assert replacements(text) == [(0, 5, "ALERT:C41"), (6, 15, "Uppercase:C13")]


def test_a_syntax_error_is_raised_unless_partial() -> None:
    text = 'ALERT("a")\n$x:=(1\nALERT("b")'
    with pytest.raises(Syntax4DError):
        tokenize(text)
    assert tokenize(text, partial=True) == 'ALERT:C41("a")\n$x:=(1\nALERT("b")'


@pytest.mark.parametrize(
    "text",
    [SAMPLE, 'ALERT("String:C10 stays in text")', "$p:=->[Client]Family name", "QUIT 4D", "$s:=4D Server"],
)
def test_plain_code_shows_tokenized_code_as_written_before(text: str) -> None:
    assert plain_code(tokenize(text, CATALOG)) == text


def test_plain_code_keeps_tokens_inside_text_and_comments() -> None:
    assert plain_code('ALERT:C41("Is text:K8:3") // String:C10') == 'ALERT("Is text:K8:3") // String:C10'
    assert plain_code("PV PRINT:P13000:229($a)") == "PV PRINT($a)"


@pytest.mark.parametrize(
    "saved,shown",
    [
        ("Old length name:C16($t)", "Length($t)"),  # renamed: the current name of the number
        ("$e:=Form event:C388", "$e:=Form event code"),  # "Form event" names command 1606 today
        ("$o:=Allow alias files:K24:10", "$o:=Alias selection"),  # a renamed constant
    ],
)
def test_plain_code_shows_the_current_name_of_each_number(saved: str, shown: str) -> None:
    assert plain_code(saved) == shown
    assert bare(parse(shown)) == bare(parse(saved))


def test_plain_code_keeps_the_written_name_of_an_unknown_number() -> None:
    assert plain_code("Unknown plug-in:C99999(1)") == "Unknown plug-in(1)"


ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for d in (ROOT / "tests" / "scripts", ROOT / "examples") for p in d.rglob("*.4dm"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_script_means_the_same_tokenized_and_shown_plain_again(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    meaning = bare(parse(text))
    tokenized = tokenize(text)
    assert bare(parse(tokenized)) == meaning
    assert bare(parse(plain_code(tokenized))) == meaning
