"""Every tests/scripts/**/*.4dm is a golden script (see tests/golden.py), run as written and
tokenized the way 4D saves it (tests/tokenize4d.py), with the same expected output."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden import compare, run_golden
from tokenize4d import tokenize_tree

ROOT = Path(__file__).parent / "scripts"
# Files whose name starts with "_" are project methods called by the scripts next to them.
SCRIPTS = sorted(
    p
    for p in ROOT.rglob("*.4dm")
    if "Classes" not in p.parts and "_support" not in p.parts and not p.name.startswith("_")
)


@pytest.fixture(scope="session")
def tokenized_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/scripts copied with every method and class tokenized."""
    dst = tmp_path_factory.mktemp("tokenized") / "scripts"
    tokenize_tree(ROOT, dst)
    return dst


@pytest.mark.parametrize("form", ["plain", "tokenized"])
@pytest.mark.parametrize("path", SCRIPTS, ids=[str(p.relative_to(ROOT)) for p in SCRIPTS])
def test_golden(path: Path, form: str, request: pytest.FixtureRequest) -> None:
    if form == "tokenized":
        path = request.getfixturevalue("tokenized_root") / path.relative_to(ROOT)
    lines, exps, err = run_golden(path)
    assert exps, f"{path} has no // expect: comments"
    problems = compare(lines, exps)
    assert not problems, "\n".join(problems) + ("\nstderr:\n" + err if err else "")


def test_expectation_count() -> None:
    """The suite keeps a floor of golden expectations (it can only grow)."""
    from golden import expectations

    counts = {p: len(expectations(p.read_text(encoding="utf-8"))) for p in SCRIPTS}
    total = sum(counts.values())
    core = sum(n for p, n in counts.items() if "core" in p.relative_to(ROOT).parts)
    assert core >= 450, core
    assert total >= 2000, total
