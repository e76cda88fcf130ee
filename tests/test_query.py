"""Unit tests of the collection query-string parser and evaluator (stdlib/query.py)."""

from __future__ import annotations

import pytest
from mini4d.errors import ERR_QUERY, FourDError
from mini4d.registry import REGISTRY
from mini4d.stdlib.query import parse_query, run_query, tokenize
from mini4d.values import Coll, Date4D, Obj

REGISTRY.ensure_loaded()


def obj(**kw: object) -> Obj:
    o = Obj()
    for k, v in kw.items():
        dict.__setitem__(o, k, float(v) if type(v) is int else v)
    return o


def coll(*items: object) -> Coll:
    return Coll([float(v) if type(v) is int else v for v in items])


PEOPLE = coll(
    obj(name="Cleveland", zc=35049),
    obj(name="Blountsville", zc=35031),
    obj(name="Adger", zc=35006),
    obj(name="Clanton", zc=35046),
    obj(name="Clanton", zc=35045),
)


def kinds(text: str) -> list[str]:
    return [t.kind for t in tokenize(text)]


# ---------------------------------------------------------------- tokens


def test_tokens_of_a_simple_comparison() -> None:
    toks = tokenize("name = 'smith'")
    assert [(t.kind, t.value) for t in toks] == [("WORD", "name"), ("OP", "="), ("STR", "smith"), ("END", None)]


@pytest.mark.parametrize(
    ("text", "op"),
    [
        ("a = 1", "="),
        ("a == 1", "="),
        ("a === 1", "==="),
        ("a IS 1", "==="),
        ("a # 1", "#"),
        ("a != 1", "#"),
        ("a !== 1", "!=="),
        ("a IS NOT 1", "!=="),
        ("a is   not 1", "!=="),
        ("a < 1", "<"),
        ("a <= 1", "<="),
        ("a > 1", ">"),
        ("a >= 1", ">="),
        ("a IN :1", "IN"),
        ("a in :1", "IN"),
        ("a % 'w'", "%"),
    ],
)
def test_comparators(text: str, op: str) -> None:
    assert tokenize(text)[1].value == op


@pytest.mark.parametrize("conj", ["AND", "and", "&", "&&"])
def test_and_spellings(conj: str) -> None:
    assert kinds(f"a=1 {conj} b=2")[3] == "AND"


@pytest.mark.parametrize("conj", ["OR", "or", "|", "||"])
def test_or_spellings(conj: str) -> None:
    assert kinds(f"a=1 {conj} b=2")[3] == "OR"


def test_placeholders_indexed_and_named() -> None:
    toks = tokenize(":1 = :name")
    assert (toks[0].kind, toks[0].value) == ("PH", 1)
    assert (toks[2].kind, toks[2].value) == ("PH", "name")


def test_collection_path_is_one_word() -> None:
    toks = tokenize("children[].age > 3")
    assert (toks[0].kind, toks[0].value) == ("WORD", "children[].age")
    assert tokenize("c[a].v # 1")[0].value == "c[a].v"


def test_in_list_values() -> None:
    toks = tokenize('a in [\'x, y\', 2, true, "q\\"r"]')
    assert toks[2].kind == "LIST"
    assert toks[2].value == ["x, y", 2.0, True, 'q"r']


# ---------------------------------------------------------------- trees


def test_tree_of_a_comparison() -> None:
    assert parse_query("zc > 35040") == ("cmp", ("path", "zc"), ">", ("lit", 35040.0))


def test_unquoted_values() -> None:
    assert parse_query("a = true")[3] == ("lit", True)
    assert parse_query("a = True")[3] == ("lit", "True")  # true/false are case-sensitive
    assert parse_query("a = NULL")[3] == ("null",)
    assert parse_query("a = -2.5")[3] == ("lit", -2.5)
    assert parse_query("a = S@")[3] == ("lit", "S@")


def test_and_binds_tighter_than_or() -> None:
    tree = parse_query("a=1 OR b=2 AND c=3")
    assert tree[0] == "or"
    assert tree[2][0] == "and"


def test_parentheses_and_not() -> None:
    tree = parse_query("NOT (a=1 OR b=2) AND c=3")
    assert tree[0] == "and"
    assert tree[1][0] == "not"
    assert tree[1][1][0] == "or"


def test_parse_is_cached() -> None:
    assert parse_query("name = :1") is parse_query("name = :1")


# ---------------------------------------------------------------- syntax errors


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("comp.name = 'John's pizza'", "quote inside a quoted value"),
        ("name = 'x", "unterminated quoted value"),
        ("name like 'x'", 'unknown comparison operator "like"'),
        ("name = ", "a value is expected"),
        ("name", "a comparison operator is expected"),
        ("(name = 1", "')' expected"),
        ("name = 1)", "unexpected ')'"),
        ("name = 1 AND", "a property path is expected"),
        ("", "the query is empty"),
        ("a : 1", "placeholder name or number"),
        ("a in [1, 2", "unterminated [ ] list"),
        ("a = 1 ! b", "unexpected character"),
    ],
)
def test_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(FourDError) as info:
        parse_query(text)
    assert info.value.code == ERR_QUERY
    assert message in info.value.message


def test_order_by_is_not_supported_yet() -> None:
    with pytest.raises(FourDError) as info:
        parse_query("a = 1 order by a")
    assert info.value.code == 90060


# ---------------------------------------------------------------- evaluation


def q(text: str, *values: object, settings: Obj | None = None, c: Coll = PEOPLE) -> list[int]:
    return run_query(c, text, [float(v) if type(v) is int else v for v in values], settings)


def test_docs_examples() -> None:
    assert q("name = :1", "Cleveland") == [0]
    assert q("zc > 35040") == [0, 3, 4]


def test_text_equality_is_case_insensitive_with_wildcard() -> None:
    assert q("name = 'CLANTON'") == [3, 4]
    assert q("name = '@an@'") == [0, 3, 4]
    assert q("name === 'C@'") == []
    assert q("name # 'C@'") == [1, 2]


def test_number_compared_with_text_value_is_converted() -> None:
    assert q("zc = '35006'") == [2]
    assert q("zc = 'abc'") == []


def test_precedence_in_evaluation() -> None:
    assert q("name = 'Adger' OR name = 'Clanton' AND zc = 35045") == [2, 4]
    assert q("(name = 'Adger' OR name = 'Clanton') AND zc = 35045") == [4]


def test_not_and_in() -> None:
    assert q("not(name in :1)", coll("Clanton", "Adger")) == [0, 1]
    assert q("name in ['adg@', 'x']") == [2]


def test_named_placeholders() -> None:
    settings = obj(attributes=obj(att="name"), parameters=obj(v="Adger"))
    assert q(":att = :v", settings=settings) == [2]
    settings = obj(attributes=obj(att=coll("zc")), parameters=obj(v=35040))
    assert q(":att < :v", settings=settings) == [1, 2]


def test_missing_placeholder_values() -> None:
    with pytest.raises(FourDError, match="placeholder :2"):
        q("name = :2", "x")
    with pytest.raises(FourDError, match="placeholder :v"):
        q("name = :v", settings=obj(parameters=obj()))


def test_null_matches_null_and_undefined() -> None:
    c = coll(obj(a=1), obj(a=None), obj(b=1), "text", None)
    assert q("a = null", c=c) == [1, 2]
    assert q("a # null", c=c) == [0]


def test_null_through_a_placeholder_matches_nothing() -> None:
    c = coll(obj(a=None), obj(a=1))
    assert q("a = :1", None, c=c) == []


def test_dates() -> None:
    c = coll(obj(d=Date4D(2002, 5, 22)), obj(d=Date4D(2018, 5, 16)))
    assert q("d < :1", Date4D(2010, 1, 1), c=c) == [0]
    assert q("d > '2010-01-01'", c=c) == [1]
    assert q("d = 2018-05-16", c=c) == [1]


def test_collection_paths() -> None:
    c = coll(
        obj(k=coll(obj(v=1), obj(v=1))),
        obj(k=coll(obj(v=1), obj(v=0))),
        obj(k=coll(obj(v=0), obj(v=0))),
    )
    assert q("k[].v = :1", 0, c=c) == [1, 2]
    assert q("k[].v != :1", 0, c=c) == [0]  # every element differs
    assert q("k[a].v != :1", 0, c=c) == [0, 1]  # at least one element differs


def test_object_references_need_query_settings() -> None:
    o1, o2 = obj(a=1), obj(a=1)
    c = coll(obj(o=o1), obj(o=o2), obj(o=o1))
    assert q("o = :v", settings=obj(parameters=obj(v=o1)), c=c) == [0, 2]
    assert q("o # :v", settings=obj(parameters=obj(v=o1)), c=c) == [1]
    with pytest.raises(FourDError, match="querySettings.parameters"):
        q("o = :1", o1, c=c)
    with pytest.raises(FourDError, match="can only be compared with = or #"):
        q("o > :v", settings=obj(parameters=obj(v=o1)), c=c)


def test_only_object_elements_match() -> None:
    c = coll("name", 1, None, obj(name="x"))
    assert q("name = 'x'", c=c) == [3]
    assert q("name # 'y'", c=c) == [3]


def test_keyword_operator() -> None:
    c = coll(obj(t="the quick brown fox"), obj(t="quickly"))
    assert q("t % 'quick'", c=c) == [0]
    assert q("t % 'quick@'", c=c) == [0, 1]


def test_is_not_and_strict_equality_ignore_wildcard() -> None:
    c = coll(obj(n="a@b"), obj(n="axb"))
    assert q("n === 'a@b'", c=c) == [0]
    assert q("n = 'a@b'", c=c) == [0, 1]
    assert q("n IS NOT 'A@B'", c=c) == [1]
