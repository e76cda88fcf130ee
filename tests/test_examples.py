"""Every examples/**/*.4dm that has a .out twin runs and prints exactly that text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from mini4d.cli import main
from tokenize4d import tokenize_tree

ROOT = Path(__file__).resolve().parent.parent / "examples"
EXAMPLES = sorted(p for p in ROOT.rglob("*.4dm") if p.with_suffix(".out").is_file())


@pytest.fixture(scope="session")
def tokenized_examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ copied with every method and class tokenized the way 4D saves them."""
    dst = tmp_path_factory.mktemp("tokenized") / "examples"
    tokenize_tree(ROOT, dst)
    return dst


@pytest.mark.parametrize("form", ["plain", "tokenized"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_example_output(path: Path, form: str, request: pytest.FixtureRequest) -> None:
    expected = path.with_suffix(".out").read_text(encoding="utf-8")
    if form == "tokenized":
        path = request.getfixturevalue("tokenized_examples") / path.relative_to(ROOT)
    out, err = io.StringIO(), io.StringIO()
    code = main([str(path)], stdout=out, stderr=err)
    assert code != 70, err.getvalue()
    assert out.getvalue() == expected, err.getvalue()


def test_top_level_examples_are_teaching_programs() -> None:
    """At least ten examples at the top of examples/, each with a header saying what it teaches."""
    top = sorted(ROOT.glob("*.4dm"))
    assert len(top) + len(list(ROOT.glob("methods/main.4dm"))) >= 10
    for path in top:
        assert path.with_suffix(".out").is_file(), f"{path.name} has no .out twin"
        head = path.read_text(encoding="utf-8").split("\n", 2)
        assert head[0].startswith(f"// {path.name}") and "Teaches:" in head[1], path.name
