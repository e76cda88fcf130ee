"""Every examples/**/*.4dm that has a .out twin runs and prints exactly that text: as written,
tokenized, and with every fast path of the core off (`MINI4D_NO_FASTPATHS=1`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import run_cli
from tokenize4d import tokenize_tree

ROOT = Path(__file__).resolve().parent.parent / "examples"
EXAMPLES = sorted(p for p in ROOT.rglob("*.4dm") if p.with_suffix(".out").is_file())


@pytest.fixture(scope="session")
def tokenized_examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ copied with every method and class tokenized the way 4D saves them."""
    dst = tmp_path_factory.mktemp("tokenized") / "examples"
    tokenize_tree(ROOT, dst)
    return dst


@pytest.mark.parametrize("form", ["plain", "tokenized", "general"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[str(p.relative_to(ROOT)) for p in EXAMPLES])
def test_example_output(path: Path, form: str, request: pytest.FixtureRequest) -> None:
    expected = path.with_suffix(".out").read_text(encoding="utf-8")
    if form == "tokenized":
        path = request.getfixturevalue("tokenized_examples") / path.relative_to(ROOT)
    if form == "general":
        request.getfixturevalue("no_fast_paths")
    code, out, err = run_cli([str(path)])
    assert code != 70, err
    assert out == expected, err


def test_top_level_examples_are_teaching_programs() -> None:
    """At least ten examples at the top of examples/, each with a header saying what it teaches."""
    top = sorted(ROOT.glob("*.4dm"))
    assert len(top) + len(list(ROOT.glob("methods/main.4dm"))) >= 10
    for path in top:
        assert path.with_suffix(".out").is_file(), f"{path.name} has no .out twin"
        head = path.read_text(encoding="utf-8").split("\n", 2)
        assert head[0].startswith(f"// {path.name}") and "Teaches:" in head[1], path.name
