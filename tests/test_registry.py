"""The command registry: lookup rules, tokenized numbers, keywords, `mini4d commands`."""

from __future__ import annotations

import io
import re

import pytest
from mini4d.cli import main
from mini4d.parser import parse
from mini4d.registry import REGISTRY, norm

GRAMMAR_KEYWORDS = [
    "If",
    "Else",
    "End if",
    "Case of",
    "End case",
    "While",
    "End while",
    "Repeat",
    "Until",
    "For",
    "End for",
    "For each",
    "End for each",
    "Use",
    "End use",
    "Try",
    "Catch",
    "End try",
    "return",
    "break",
    "continue",
    "var",
    "Function",
    "Class constructor",
    "Class extends",
    "property",
    "#DECLARE",
    "Begin SQL",
    "End SQL",
]


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return REGISTRY.ensure_loaded()


def test_lookup_ignores_case_and_repeated_spaces(registry) -> None:  # type: ignore[no-untyped-def]
    info = registry.lookup("New collection")
    assert info is not None and info.implemented
    for spelling in ("new collection", "NEW   COLLECTION", " New\tcollection "):
        assert registry.lookup(spelling) is info
    assert norm("  Is   TEXT ") == "is text"


def test_constants_lookup_ignores_case(registry) -> None:  # type: ignore[no-untyped-def]
    assert registry.constant("is text").value == 2
    assert registry.constant("IS  COLLECTION").value == 42


def test_numbers_resolve_commands(registry) -> None:  # type: ignore[no-untyped-def]
    assert registry.lookup_number(10).name == "String"
    assert registry.lookup_number(1472).name == "New collection"


def test_set_commands_keep_their_full_names(registry) -> None:  # type: ignore[no-untyped-def]
    # docs/commands-legacy/use-set.md: USE SET is command 118, between CLEAR SET and ADD TO SET
    assert [registry.lookup_number(n).name for n in (116, 117, 118, 119)] == [
        "CREATE SET",
        "CLEAR SET",
        "USE SET",
        "ADD TO SET",
    ]
    assert registry.lookup("USE SET") is registry.lookup_number(118)
    assert registry.lookup("SET") is None
    (stmt,) = parse('USE SET("NY Acme")\n')
    assert (stmt.expr.name, stmt.expr.number) == ("USE SET", 118)


def test_renamed_command_keeps_its_number_and_old_name(registry) -> None:  # type: ignore[no-untyped-def]
    # 4D renamed "Get call chain" (C1662) to "Call chain": both names reach the same command.
    info = registry.lookup_number(1662)
    assert info is not None
    assert registry.lookup("Get call chain") is info and registry.lookup("Call chain") is info


def test_tokenized_name_resolves_by_number_first() -> None:
    (stmt,) = parse('$x:=Some renamed thing:C16("abc")\n')
    assert (stmt.value.name, stmt.value.number) == ("Length", 16)
    (stmt,) = parse("$x:=Get call chain:C1662\n")
    assert stmt.value.number == 1662


def test_tokenized_constant_resolves_by_name() -> None:
    (stmt,) = parse("$x:=Is text:K8:3\n")
    assert stmt.value.name == "Is text"


def test_no_command_is_named_after_a_grammar_keyword(registry) -> None:  # type: ignore[no-untyped-def]
    keywords = {norm(k) for k in GRAMMAR_KEYWORDS}
    clashes = sorted(
        name
        for info in registry.by_number.values()
        if info.implemented
        for name in (info.name, *info.aliases)
        if norm(name) in keywords
    )
    assert clashes == []


def test_every_implemented_command_has_a_docstring_and_theme(registry) -> None:  # type: ignore[no-untyped-def]
    missing = [i.name for i in registry.by_number.values() if i.implemented and not (i.doc and i.theme)]
    assert missing == []


def test_suggest_finds_the_nearest_command(registry) -> None:  # type: ignore[no-untyped-def]
    assert registry.suggest("Sesion storage") == ["Session storage"]
    assert registry.suggest("Lenght") == ["Length"]
    assert registry.suggest("zzzzzzzz") == []


def test_mini4d_commands_lists_implemented_commands_only(registry, cli) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = cli(["commands"])
    assert code == 0
    listed = {int(m.group(1)) for m in re.finditer(r"^\s*(\d+)\s", out, re.MULTILINE)}
    implemented = {i.number for i in registry.by_number.values() if i.implemented and i.number > 0}
    assert len(implemented) > 50
    assert listed == implemented


def test_mini4d_commands_filters_by_theme() -> None:
    out = io.StringIO()
    assert main(["commands", "--theme", "Math"], stdout=out, stderr=io.StringIO()) == 0
    assert "Abs" in out.getvalue() and "ALERT" not in out.getvalue()
