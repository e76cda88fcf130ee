"""Every examples/**/*.4dm that has a .out twin runs and prints exactly that text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from mini4d.cli import main

ROOT = Path(__file__).resolve().parent.parent / "examples"
EXAMPLES = sorted(p for p in ROOT.rglob("*.4dm") if p.with_suffix(".out").is_file())


@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_example_output(path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = main([str(path)], stdout=out, stderr=err)
    assert code != 70, err.getvalue()
    assert out.getvalue() == path.with_suffix(".out").read_text(encoding="utf-8"), err.getvalue()


def test_top_level_examples_are_teaching_programs() -> None:
    """At least ten examples at the top of examples/, each with a header saying what it teaches."""
    top = sorted(ROOT.glob("*.4dm"))
    assert len(top) + len(list(ROOT.glob("methods/main.4dm"))) >= 10
    for path in top:
        assert path.with_suffix(".out").is_file(), f"{path.name} has no .out twin"
        head = path.read_text(encoding="utf-8").split("\n", 2)
        assert head[0].startswith(f"// {path.name}") and "Teaches:" in head[1], path.name
