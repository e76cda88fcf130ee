"""Nothing another user could have written is loaded from the cache folder.

Each case plants something in the cache folder (a pickle that would run code, an entry in a
folder or file with the wrong owner or mode, a FIFO, a symbolic link) and checks that it is
ignored, with one warning line, and that the run still prints what it prints without cache.
"""

from __future__ import annotations

import os
import pickle
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from mini4d import cache as C
from mini4d import parser as P
from mini4d.source import Source

ROOT = Path(__file__).parent.parent
CODE = '$balance:=10\nALERT("balance: "+String($balance))\n'


class _Payload:
    """Pickles as a call of os.system: loading it with plain pickle would run a shell command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(C, "_warned", set())


def _mini4d(args: list[str], cache: Path | str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MINI4D_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "mini4d", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def _tables(cache: Path) -> Path:
    return cache / P._cache_name(P._GRAMMAR.read_text(encoding="utf-8"))


def _private_folder(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


# ------------------------------------------------------------------ created private


def test_folders_are_0700_and_files_0600(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    r = _mini4d(["-c", CODE], cache)
    assert r.stdout == "balance: 10\n" and r.stderr == ""
    folders = [cache, *(p for p in cache.rglob("*") if p.is_dir())]
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert {p.name for p in folders} >= {"cache", "parsed", "names"}
    assert len(files) >= 3  # parser tables, names index, parsed method
    assert {oct(p.stat().st_mode & 0o777) for p in folders} == {"0o700"}
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o600"}


def test_a_folder_others_may_read_becomes_private(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o755)
    cache.chmod(0o755)  # as older versions made it
    r = _mini4d(["-c", CODE], cache)
    assert r.stdout == "balance: 10\n" and r.stderr == ""
    assert oct(cache.stat().st_mode & 0o777) == "0o700"


# ------------------------------------------------------------------ planted pickles that would run code


def test_planted_parser_tables_never_run_code(tmp_path: Path) -> None:
    cache = _private_folder(tmp_path / "cache")
    marker = tmp_path / "pwned"
    path = _tables(cache)
    path.write_bytes(pickle.dumps(_Payload(marker)))
    path.chmod(0o600)
    r = _mini4d(["-c", CODE], cache)
    assert r.stdout == "balance: 10\n" and r.returncode == 0
    assert not marker.exists()
    assert P._load(path.read_bytes()) is not None  # replaced by real tables


def test_planted_tables_with_real_data_and_a_payload_are_refused(tmp_path: Path) -> None:
    """Real tables followed by a payload in place of the character sets: refused as a whole."""
    import io

    marker = tmp_path / "pwned"
    fh = io.BytesIO()
    P._build(P._GRAMMAR.read_text(encoding="utf-8")).save(fh)
    pickle.dump(_Payload(marker), fh)
    assert P._load(fh.getvalue()) is None
    assert not marker.exists()


def test_planted_parsed_entry_never_runs_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = _private_folder(tmp_path / "cache")
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(cache))
    marker = tmp_path / "pwned"
    path = C.entry_path("parsed", CODE)
    assert path is not None
    _private_folder(path.parent)
    path.write_bytes(pickle.dumps(_Payload(marker)))
    path.chmod(0o600)
    assert C.read_entry(path) is None
    stmts = C.parse_cached(Source("t.4dm", CODE))
    assert len(stmts) == 2 and not marker.exists()


def test_planted_names_index_cannot_import_other_modules(tmp_path: Path) -> None:
    """An index naming a module outside mini4d's stdlib is refused (the registry imports what it names)."""
    from mini4d.registry import _valid_index

    cache = tmp_path / "cache"
    assert _mini4d(["-c", 'ALERT("x")'], cache).stdout == "x\n"
    (entry,) = (cache / "names").iterdir()
    index = C.read_entry(entry)
    assert _valid_index(index)
    info = next(iter(index["by_key"].values()))
    info.module = "antigravity"
    assert not _valid_index(index)


# ------------------------------------------------------------------ owner, mode, file type


def _plant_tampered_entry(cache: Path) -> Path:
    """A parsed entry whose tree prints `balance: 0 (tampered)` (made by parsing other code)."""
    os.environ["MINI4D_CACHE_DIR"] = str(cache)
    try:
        tampered = P.parse_source(Source("t.4dm", '$balance:=0\nALERT("balance: 0 (tampered)")\n'))
        path = C.entry_path("parsed", CODE)
        assert path is not None
        C.write_entry(path, tampered, lambda o: "source" if type(o) is Source else None, C._node_reducer())
    finally:
        del os.environ["MINI4D_CACHE_DIR"]
    assert path.is_file()
    return path


def test_tampered_entry_is_used_only_from_a_private_folder(tmp_path: Path) -> None:
    """The control case: an entry in the user's own private folder is trusted (only the user can write there)."""
    cache = _private_folder(tmp_path / "cache")
    _plant_tampered_entry(cache)
    assert _mini4d(["-c", CODE], cache).stdout == "balance: 0 (tampered)\n"


@pytest.mark.parametrize("where", ["cache", "parsed"])
def test_folder_writable_by_others_is_ignored(tmp_path: Path, where: str) -> None:
    cache = _private_folder(tmp_path / "cache")
    entry = _plant_tampered_entry(cache)
    (cache if where == "cache" else entry.parent).chmod(0o777)
    r = _mini4d(["-c", CODE], cache)
    assert r.stdout == "balance: 10\n"
    assert r.stderr.count("\n") == 1 and "warning" in r.stderr and "writable by other users" in r.stderr


def test_file_writable_by_others_is_ignored(tmp_path: Path) -> None:
    cache = _private_folder(tmp_path / "cache")
    _plant_tampered_entry(cache).chmod(0o666)
    r = _mini4d(["-c", CODE], cache)
    assert r.stdout == "balance: 10\n"
    assert r.stderr.count("\n") == 1 and "writable by other users" in r.stderr


def test_folder_of_another_user_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    cache = _private_folder(tmp_path / "cache")
    path = _plant_tampered_entry(cache)
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(cache))
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache).st_uid + 1)
    assert C.read_entry(path) is None
    assert C.read_entry(path) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not owned by the current user" in err and str(cache) in err
    assert C.read_private(_tables(cache).name) is None  # parser tables likewise
    C.write_entry(path.with_name("new.pickle"), (1, 2))
    assert not path.with_name("new.pickle").exists()  # nothing written there either


def test_file_of_another_user_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    cache = _private_folder(tmp_path / "cache")
    path = _plant_tampered_entry(cache)
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(cache))
    real = os.fstat

    def fstat(fd: int) -> os.stat_result:
        st = real(fd)
        if not stat.S_ISDIR(st.st_mode):  # files only: their owner is someone else
            fields = list(st)
            fields[4] = st.st_uid + 1
            return os.stat_result(fields)
        return st

    monkeypatch.setattr(os, "fstat", fstat)
    assert C.read_entry(path) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not owned by the current user" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_in_place_of_a_cache_file_does_not_hang(tmp_path: Path) -> None:
    cache = _private_folder(tmp_path / "cache")
    os.mkfifo(_tables(cache), 0o600)
    _private_folder(cache / "names")
    r = _mini4d(["-c", CODE], cache, timeout=60)
    assert r.stdout == "balance: 10\n" and r.returncode == 0
    assert r.stderr.count("\n") == 1 and "not a regular file" in r.stderr


def test_device_in_place_of_a_cache_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    cache = _private_folder(tmp_path / "cache")
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(cache))
    path = C.entry_path("parsed", CODE)
    assert path is not None
    _private_folder(path.parent)
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # a /dev/null
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make a device file here")
    assert C.read_entry(path) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a regular file" in err


def test_symlink_in_place_of_an_entry_is_not_followed(tmp_path: Path) -> None:
    cache = _private_folder(tmp_path / "cache")
    elsewhere = _private_folder(tmp_path / "elsewhere")
    entry = _plant_tampered_entry(elsewhere)
    target = cache / entry.relative_to(elsewhere)
    _private_folder(target.parent)
    target.symlink_to(entry)
    r = _mini4d(["-c", CODE], cache)
    assert r.stdout == "balance: 10\n"
    assert r.stderr.count("\n") == 1 and "symbolic link" in r.stderr


def test_symlink_in_place_of_a_subfolder_is_not_followed(tmp_path: Path) -> None:
    cache = _private_folder(tmp_path / "cache")
    elsewhere = _private_folder(tmp_path / "elsewhere")
    entry = _plant_tampered_entry(elsewhere)
    (cache / "parsed").symlink_to(entry.parent)
    r = _mini4d(["-c", CODE], cache)
    assert r.stdout == "balance: 10\n"
    assert r.stderr.count("\n") == 1 and "not a folder" in r.stderr


def test_warning_is_printed_once_per_run(tmp_path: Path) -> None:
    """Several bad files: one line."""
    cache = _private_folder(tmp_path / "cache")
    codes = [f'ALERT("{i}")' for i in range(3)]
    for code in codes:
        assert _mini4d(["-c", code], cache).returncode == 0
    for p in (cache / "parsed").iterdir():
        p.chmod(0o666)
    script = tmp_path / "main.4dm"
    script.write_text("\n".join(f"m{i}" for i in range(3)) + "\n")
    for i, code in enumerate(codes):
        (tmp_path / f"m{i}.4dm").write_text(code + "\n")
    first = _mini4d([str(script)], cache)  # parses main.4dm and the three methods: stores them
    for p in (cache / "parsed").iterdir():
        p.chmod(0o666)
    r = _mini4d([str(script)], cache)
    assert first.stdout == r.stdout == "0\n1\n2\n"
    assert r.stderr.count("\n") == 1 and "writable by other users" in r.stderr
