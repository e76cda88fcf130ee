"""The analysed parser tables are cached on disk and reused; a damaged cache is rebuilt."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from mini4d import parser as P
from mini4d.source import Source

CODE = '$o:={a: 1; b: "x"}\nIf ($o.a=1)\n\tALERT(String($o.a+2))\nEnd if\n'


def _grammar() -> str:
    return P._GRAMMAR.read_text(encoding="utf-8")


def _tables(folder: Path) -> Path:
    return folder / P._cache_name(_grammar())


def _parse_with(parser: object, text: str) -> tuple:
    P.get_parser()  # the lexer callback needs the registry names
    old = P._parser
    P._parser = parser  # type: ignore[assignment]
    try:
        return P.parse_source(Source("t.4dm", text))
    finally:
        P._parser = old


def test_cache_file_is_written_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path / "c"))
    path = _tables(tmp_path / "c")
    first = P._build_cached(_grammar())
    assert path.is_file() and path.stat().st_size > 1000
    assert oct(path.stat().st_mode & 0o777) == "0o600" and oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert not list(path.parent.glob("*.tmp"))  # written under a temporary name, then renamed
    stamp = path.stat().st_mtime_ns

    def no_build(grammar: str) -> None:
        raise AssertionError("tables built again")

    monkeypatch.setattr(P, "_build", no_build)
    second = P._build_cached(_grammar())
    assert path.stat().st_mtime_ns == stamp  # loaded, not rewritten
    assert repr(_parse_with(first, CODE)) == repr(_parse_with(second, CODE))
    # the lexer's first-character sets were taken from the file
    assert second.parser.lexer._tests.sets == first.parser.lexer.first_chars()


def test_key_changes_with_the_grammar() -> None:
    assert P._cache_name(_grammar()) != P._cache_name(_grammar() + "\n// changed\n")


def test_damaged_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    path = _tables(tmp_path)
    path.write_bytes(b"not a parser")
    path.chmod(0o600)
    parser = P._build_cached(_grammar())
    assert _parse_with(parser, CODE)[0].span.line == 1
    assert P._load(path.read_bytes()) is not None  # replaced by good tables


def test_tables_of_another_shape_are_refused(tmp_path: Path) -> None:
    """Plain data that is not what mini4d writes (other options, no character sets) builds the tables again."""
    good = P._build(_grammar())
    import io

    fh = io.BytesIO()
    good.save(fh, exclude_options=("transformer",))  # no transformer: not mini4d's tables
    pickle.dump(good.parser.lexer.first_chars(), fh)
    assert P._load(fh.getvalue()) is None
    fh = io.BytesIO()
    good.save(fh)
    assert P._load(fh.getvalue()) is None  # the first-character sets are missing


def test_cache_can_be_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", "")
    assert P.cache_dir() is None
    assert len(_parse_with(P._build_cached(_grammar()), CODE)) == 2


def test_unwritable_cache_folder_still_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    parser = P._build_cached(_grammar())
    assert len(_parse_with(parser, CODE)) == 2
