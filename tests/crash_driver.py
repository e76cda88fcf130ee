"""Run every golden script, the examples and `mini4d check` in this fresh process, after
importing mini4d's modules in a given order; print what each run gave, as JSON.

    python tests/crash_driver.py ORDER [PATH ...]

ORDER is `core-first` (the interpreter, then the theme modules as commands need them),
`themes-first` (every stdlib theme module before the interpreter), or `module:NAME`
(only `mini4d.stdlib.NAME` first). Golden scripts run through the golden harness with the
cached parse (so a warm cache loads their node trees), examples and `check` through the
command line. PATHs (default: all) choose scripts and examples; `check` runs without PATHs.
Used by tests/test_no_crash.py; the cache folder comes from MINI4D_CACHE_DIR.
"""

from __future__ import annotations

import importlib
import io
import json
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "tests" / "scripts"
EXAMPLES = ROOT / "examples"


def golden_scripts() -> list[Path]:
    return sorted(
        p
        for p in SCRIPTS.rglob("*.4dm")
        if "Classes" not in p.parts and "_support" not in p.parts and not p.name.startswith("_")
    )


def examples() -> list[Path]:
    return sorted(p for p in EXAMPLES.rglob("*.4dm") if p.with_suffix(".out").is_file())


def import_first(order: str) -> None:
    if order == "core-first":
        importlib.import_module("mini4d.interpreter")
        importlib.import_module("mini4d.runtime")
    elif order == "themes-first":
        # the list of theme modules, read without importing the registry first
        text = (ROOT / "lang" / "registry.py").read_text(encoding="utf-8")
        block = text.split("STDLIB_MODULES = (", 1)[1].split(")", 1)[0]
        for name in (line.strip().strip('",') for line in block.splitlines()):
            if name:
                importlib.import_module(name)
    elif order.startswith("module:"):
        importlib.import_module("mini4d.stdlib." + order.split(":", 1)[1])
    else:
        raise SystemExit(f"unknown order {order}")


def main() -> int:
    order = sys.argv[1]
    chosen = {str(Path(p).resolve()) for p in sys.argv[2:]}
    results: dict[str, object] = {}
    try:
        import_first(order)
    except BaseException:  # noqa: BLE001 - reported as the outcome of the import itself
        results["<import>"] = {"rc": "raised", "out": "", "err": traceback.format_exc()}
        print(json.dumps(results))
        return 0
    # only now: the harness imports the runtime (and so the interpreter)
    sys.path.insert(0, str(ROOT / "tests"))
    import golden
    from mini4d.cache import parse_cached
    from mini4d.cli import main as cli_main

    golden.parse_source = parse_cached  # the cached parse: a warm cache loads the node trees

    def wanted(p: Path) -> bool:
        return not chosen or str(p.resolve()) in chosen

    def guarded(key: str, fn: object) -> None:
        try:
            results[key] = fn()  # type: ignore[operator]
        except BaseException:  # noqa: BLE001 - a crash of the harness or of main itself
            results[key] = {"rc": "raised", "out": "", "err": traceback.format_exc()}

    def golden_run(p: Path) -> dict[str, object]:
        lines, exps, err = golden.run_golden(p)
        return {"rc": "golden", "out": "\n".join(lines), "err": err, "problems": golden.compare(lines, exps)}

    def cli_run(argv: list[str]) -> dict[str, object]:
        out, err = io.StringIO(), io.StringIO()
        rc = cli_main(argv, stdout=out, stderr=err)
        return {"rc": rc, "out": out.getvalue(), "err": err.getvalue()}

    for p in golden_scripts():
        if wanted(p):
            guarded(str(p.relative_to(ROOT)), lambda p=p: golden_run(p))
    for p in examples():
        if wanted(p):
            guarded(str(p.relative_to(ROOT)), lambda p=p: cli_run([str(p)]))
    if not chosen:
        guarded("check", lambda: cli_run(["check", str(SCRIPTS), str(EXAMPLES)]))
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
