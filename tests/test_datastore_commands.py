"""The database commands mini4d does not run: each has its own reason, listed in docs/data.md,
and calling one stops with a clear "not supported" error."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from harness import run_code  # noqa: E402
from mini4d.refdoc import unsupported_commands  # noqa: E402
from mini4d.registry import REGISTRY, norm  # noqa: E402
from mini4d.themes import DATABASE, DATABASE_REASONS, reason_for  # noqa: E402

DOC = Path(__file__).resolve().parent.parent / "docs" / "data.md"


def _section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Commands not supported yet, and why")
    return text[start : text.index("\n## ", start + 1)]


def test_no_unsupported_command_gets_the_generic_database_reason() -> None:
    generic = [i.name for i in unsupported_commands() if reason_for(i.name) == DATABASE]
    assert generic == []


def test_every_database_reason_is_listed_in_the_docs() -> None:
    listed = {norm(n) for n in re.findall(r"`([^`]+)`", _section())}
    missing = [name for name in DATABASE_REASONS if norm(name) not in listed]
    assert missing == []


def test_the_listed_commands_are_really_not_implemented() -> None:
    REGISTRY.ensure_loaded()
    implemented = [
        name for name in DATABASE_REASONS if (info := REGISTRY.by_key.get(norm(name))) is not None and info.implemented
    ]
    assert implemented == []


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ('SAVE SET("UserSet"; "sets.bin")', "sets live in memory only"),
        ("CREATE INDEX([Employee]; ->[Employee]email)", "indexes come from the catalog"),
        ("MODIFY RECORD([Employee])", "no user interface"),
        ("ARRAY TEXT($p; 0)\nDISTINCT ATTRIBUTE PATHS([Employee]extra; $p)", "es.distinctPaths"),
    ],
)
def test_calling_one_stops_with_a_clear_error(code: str, reason: str, tmp_path: Path) -> None:
    rc, out, err = run_code(code, str(tmp_path / "d.sqlite"))
    assert rc != 0
    assert "90060" in err and "is not supported by mini4d" in err and reason in err, err
