"""No crash on any path: every golden script, the examples and `mini4d check`, with a cold and
a warm cache, with mini4d's modules imported in either order, in fresh processes.

The runs happen in tests/crash_driver.py (a fresh interpreter each, so the import state is
real): `core-first` imports the interpreter first and the theme modules as commands need
them (what a plain run does); `themes-first` imports every stdlib theme module before the
interpreter. Each stdlib module is also imported alone first, then used, with the names
index of a warm cache (theme modules then load lazily) and without a cache (all at once).
Every run must give what the first gave, with no internal error.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRIVER = Path(__file__).with_name("crash_driver.py")
ORDERS = ("core-first", "themes-first")


def drive(order: str, cache: Path | str, *paths: str) -> dict[str, Any]:
    env = dict(os.environ, MINI4D_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, str(DRIVER), order, *paths], env=env, cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def crashes(results: dict[str, Any]) -> dict[str, str]:
    """The runs that ended in an internal error or a Python traceback."""
    bad = {}
    for key, r in results.items():
        text = r["err"] + r["out"]
        if r["rc"] in (70, "raised") or "Traceback" in text or "internal error" in text:
            bad[key] = text[-2000:]
    return bad


def comparable(results: dict[str, Any]) -> dict[str, Any]:
    """What must not depend on the mode: status, output and errors (the check's timing aside)."""
    out = {}
    for key, r in results.items():
        out[key] = (r["rc"], re.sub(r", [0-9.]+ s$", "", r["out"].rstrip("\n")), r["err"])
    return out


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("no-crash")


@pytest.fixture(scope="module")
def runs(base: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Both orders side by side: each with a cold cache, then warm (the cache the cold run left)."""
    results: dict[tuple[str, str], dict[str, Any]] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        for state in ("cold", "warm"):
            futures = {order: pool.submit(drive, order, base / order) for order in ORDERS}
            for order, future in futures.items():
                results[(order, state)] = future.result()
            if state == "cold":
                for order in ORDERS:  # what the warm runs will load
                    cache = base / order
                    assert any((cache / "parsed").iterdir()) and list(cache.glob("parser-*.lark"))
                # the names index is made when the registry imports every module itself
                assert any((base / "core-first" / "names").iterdir())
    return results


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("state", ["cold", "warm"])
def test_no_internal_error(runs: dict[tuple[str, str], dict[str, Any]], order: str, state: str) -> None:
    results = runs[(order, state)]
    assert len(results) >= 80  # every golden script, every example, the check
    assert crashes(results) == {}


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("state", ["cold", "warm"])
def test_golden_expectations_hold(runs: dict[tuple[str, str], dict[str, Any]], order: str, state: str) -> None:
    failing = {k: r["problems"] for k, r in runs[(order, state)].items() if r.get("problems")}
    assert failing == {}


def test_same_results_in_every_mode(runs: dict[tuple[str, str], dict[str, Any]]) -> None:
    reference = comparable(runs[("core-first", "cold")])
    for mode in [("core-first", "warm"), ("themes-first", "cold"), ("themes-first", "warm")]:
        other = comparable(runs[mode])
        assert other.keys() == reference.keys()
        differing = [k for k in reference if other[k] != reference[k]]
        assert differing == [], mode


def test_examples_print_their_out_file(runs: dict[tuple[str, str], dict[str, Any]]) -> None:
    for key, r in runs[("themes-first", "warm")].items():
        if key.startswith("examples/"):
            assert r["out"] == (ROOT / key).with_suffix(".out").read_text(encoding="utf-8"), key


# ------------------------------------------------------------------ each stdlib module first, alone


def _stdlib_modules() -> list[str]:
    text = (ROOT / "lang" / "registry.py").read_text(encoding="utf-8")
    block = text.split("STDLIB_MODULES = (", 1)[1].split(")", 1)[0]
    return [line.strip().strip('",').rsplit(".", 1)[1] for line in block.splitlines() if line.strip()]


# Scripts that reach most themes: tokenized commands that compile specially, classes,
# formulas, collections with callbacks, JSON, processes and signals, dates, text, arrays.
SAMPLE = [
    "tests/scripts/classes/tokenized.4dm",
    "tests/scripts/classes/basics.4dm",
    "tests/scripts/core/formulas.4dm",
    "tests/scripts/core/tokens.4dm",
    "tests/scripts/collections/callbacks.4dm",
    "tests/scripts/stdlib/json.4dm",
    "tests/scripts/stdlib/dates.4dm",
    "tests/scripts/runtime/signals.4dm",
    "tests/scripts/arrays/arrays_basic.4dm",
    "examples/hello.4dm",
    "examples/formulas.4dm",
]


def test_modules_are_those_of_the_registry() -> None:
    from mini4d.registry import STDLIB_MODULES

    assert ["mini4d.stdlib." + m for m in _stdlib_modules()] == list(STDLIB_MODULES)


@pytest.fixture(scope="module")
def module_first(runs: dict[tuple[str, str], dict[str, Any]], base: Path) -> dict[tuple[str, str], dict[str, Any]]:
    warm = base / "core-first"  # a warm cache: the names index makes theme modules load lazily
    jobs = [(m, cache) for m in _stdlib_modules() for cache in ("warm", "off")]

    def one(job: tuple[str, str]) -> dict[str, Any]:
        module, cache = job
        folder: Path | str = ""
        if cache == "warm":
            folder = base / f"warm-{module}"
            shutil.copytree(warm, folder)  # modes kept (0700, 0600)
        return drive(f"module:{module}", folder, *SAMPLE)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(jobs, pool.map(one, jobs), strict=True))


def test_each_module_imported_first_then_used(
    runs: dict[tuple[str, str], dict[str, Any]], module_first: dict[tuple[str, str], dict[str, Any]]
) -> None:
    reference = comparable({k: v for k, v in runs[("core-first", "cold")].items() if k in SAMPLE})
    assert len(reference) == len(SAMPLE)
    for job, results in module_first.items():
        assert crashes(results) == {}, job
        assert comparable(results) == reference, job


@pytest.mark.slow
@pytest.mark.parametrize("module", _stdlib_modules())
def test_each_module_first_with_every_script(module: str, tmp_path: Path) -> None:
    """The long form: every golden script and example after importing one module first."""
    reference = drive("core-first", "")
    for cache in ("", tmp_path / "c", tmp_path / "c"):  # off, cold, warm
        results = drive(f"module:{module}", cache)
        assert crashes(results) == {}
        assert comparable(results) == comparable(reference)
