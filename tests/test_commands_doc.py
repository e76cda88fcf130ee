"""docs/commands.md is generated from the registry and must be kept up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mini4d.refdoc import render, supported_commands

DOC = Path(__file__).resolve().parent.parent / "docs" / "commands.md"


def test_commands_doc_is_current() -> None:
    """Regenerate with: python3 -m mini4d.refdoc > docs/commands.md"""
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/commands.md is stale: run `python3 -m mini4d.refdoc > docs/commands.md`"
    )


def test_every_supported_command_is_documented() -> None:
    text = render()
    for info in supported_commands():
        assert f"| {info.name.replace('|', chr(92) + '|')} |" in text, info.name


def test_reference_lists_members_constants_and_unsupported() -> None:
    text = render()
    assert "### Collection" in text
    assert "### Function (4D.Function)" in text
    assert "| Is text | `2` | K8:3 |" in text
    assert "## Known but unsupported commands" in text


def test_cli_commands_theme_filter(cli: Any) -> None:
    code, out = cli(["commands", "--theme", "Math"])[:2]
    assert code == 0
    lines = out.splitlines()
    assert any(" Round(" in line and line.strip().startswith("94") for line in lines)
    assert all("Math" in line for line in lines)


def test_cli_commands_name_filter(cli: Any) -> None:
    code, out = cli(["commands", "split"])[:2]
    assert code == 0
    assert out.splitlines() == [line for line in out.splitlines() if "Split" in line or "split" in line]
    assert "1554" in out


def test_cli_commands_unknown_option(cli: Any) -> None:
    code, _ = cli(["commands", "--bogus"])[:2]
    assert code == 2
