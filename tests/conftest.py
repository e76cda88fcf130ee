"""Fixtures shared by the test modules: running the `mini4d` command, writing files, feeding a REPL,
and compiling with the fast paths of the core off (their plain functions: tests/helpers.py).

The test session keeps the source tree as it found it: Python's compiled files and hypothesis'
examples go to a temporary folder (see `pytest_configure`).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent))

from helpers import CliRun, feed_repl, run_cli, write_file  # noqa: E402 (tests/ is on the path from here on)

_SESSION_DIR = Path(tempfile.mkdtemp(prefix="mini4d-tests-"))


def pytest_configure(config: pytest.Config) -> None:
    """Nothing a test run makes lands in the source tree; subprocesses reuse compiled modules."""
    # compiled modules of mini4d for the `python -m mini4d` subprocesses, outside the tree
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(_SESSION_DIR / "pycache")
    sys.pycache_prefix = str(_SESSION_DIR / "pycache")
    # hypothesis' examples database and its other files
    from hypothesis.configuration import set_hypothesis_home_dir

    set_hypothesis_home_dir(_SESSION_DIR / "hypothesis")


@pytest.fixture
def cli() -> Callable[..., CliRun]:
    """`cli(argv, stdin=None, cwd=None, timeout=None)`: the `mini4d` command run in this process."""
    return run_cli


@pytest.fixture
def run_script(tmp_path: Path) -> Callable[..., CliRun]:
    """`run_script(code, methods=None, classes=None, folder=tmp_path, stdin=None, timeout=None)`: `main.4dm`
    holding `code`, a method file per entry of `methods` and a class file per entry of `classes` (name ->
    text) written in `folder`, then run with mini4d."""

    def run(
        code: str,
        methods: dict[str, str] | None = None,
        classes: dict[str, str] | None = None,
        folder: Path | None = None,
        stdin: str | None = None,
        timeout: float | None = None,
    ) -> CliRun:
        where = folder or tmp_path
        for name, text in (methods or {}).items():
            write_file(where / f"{name}.4dm", text)
        for name, text in (classes or {}).items():
            write_file(where / "Classes" / f"{name}.4dm", text)
        script = write_file(where / "main.4dm", code)
        return run_cli([str(script)], stdin=stdin, timeout=timeout)

    return run


@pytest.fixture
def write() -> Callable[[Path, str | bytes], Path]:
    """`write(path, text)`: a file written (folders made as needed)."""
    return write_file


@pytest.fixture
def feed() -> Callable[..., str]:
    """`feed(repl, *lines)`: lines typed into a REPL, and what it printed."""
    return feed_repl


@pytest.fixture
def no_fast_paths(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Code compiled during the test takes no fast path of the core, as with `MINI4D_NO_FASTPATHS=1`."""
    from mini4d.core import fastops

    monkeypatch.setattr(fastops, "FASTPATHS", False)
    yield
