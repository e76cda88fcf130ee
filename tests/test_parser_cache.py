"""The analysed parser tables are cached on disk and reused; a damaged cache is rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest
from mini4d import parser as P
from mini4d.source import Source

CODE = '$o:={a: 1; b: "x"}\nIf ($o.a=1)\n\tALERT(String($o.a+2))\nEnd if\n'


def _grammar() -> str:
    return P._GRAMMAR.read_text(encoding="utf-8")


def _parse_with(parser: object, text: str) -> tuple:
    P.get_parser()  # the lexer callback needs the registry names
    old = P._parser
    P._parser = parser  # type: ignore[assignment]
    try:
        return P.parse_source(Source("t.4dm", text))
    finally:
        P._parser = old


def test_cache_file_is_written_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    path = P._cache_path(_grammar())
    assert path is not None and path.parent == tmp_path
    first = P._build_cached(_grammar())
    assert path.is_file() and path.stat().st_size > 1000
    assert not list(tmp_path.glob("*.tmp"))  # written under a temporary name, then renamed
    stamp = path.stat().st_mtime_ns
    second = P._build_cached(_grammar())
    assert path.stat().st_mtime_ns == stamp  # loaded, not rewritten
    assert repr(_parse_with(first, CODE)) == repr(_parse_with(second, CODE))


def test_key_changes_with_the_grammar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    assert P._cache_path(_grammar()) != P._cache_path(_grammar() + "\n// changed\n")


def test_damaged_cache_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    path = P._cache_path(_grammar())
    assert path is not None
    path.write_bytes(b"not a parser")
    parser = P._build_cached(_grammar())
    assert _parse_with(parser, CODE)[0].span.line == 1


def test_cache_can_be_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", "")
    assert P.cache_dir() is None and P._cache_path(_grammar()) is None


def test_unwritable_cache_folder_still_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    parser = P._build_cached(_grammar())
    assert len(_parse_with(parser, CODE)) == 2
