"""The layers of the code: what each part may import, and one way to extend the interpreter."""

from __future__ import annotations

import ast
from pathlib import Path

import mini4d.nodes as N
import pytest
from mini4d.core import api, hooks
from mini4d.interpreter import Interpreter
from mini4d.registry import REGISTRY

ROOT = Path(__file__).resolve().parent.parent
LANG = ROOT / "lang"
STDLIB = ROOT / "stdlib"

# What a command module may import from mini4d: the public API of the core, the registry, the
# values and the errors (and other theme modules), and the packages of the subsystems that
# themes belong to (the web server, the datastore).
STDLIB_MAY_IMPORT = {"mini4d.core.api", "mini4d.registry", "mini4d.values", "mini4d.errors"}
SUBSYSTEMS = ("mini4d.web", "mini4d.datastore")


def _imports(path: Path, package: str) -> list[tuple[str, list[str]]]:
    """(absolute module, imported names) of every import in a file, nested ones included."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            names = [alias.name for alias in node.names]
            if not node.module or module in ("mini4d", "mini4d.core"):  # `from mini4d import values`: modules
                found += [(f"{module}.{n}", []) for n in names]
            else:
                found.append((module, names))
    return found


def _lang_package(path: Path) -> str:
    rel = path.relative_to(LANG).with_suffix("")
    parts = ["mini4d", *rel.parts[:-1]]
    return ".".join(parts)


@pytest.mark.parametrize("path", sorted(STDLIB.glob("*.py")), ids=lambda p: p.name)
def test_commands_use_only_the_public_api(path: Path) -> None:
    for module, names in _imports(path, "mini4d.stdlib"):
        if not module.startswith("mini4d") or module.startswith(("mini4d.stdlib", *SUBSYSTEMS)):
            continue
        assert module in STDLIB_MAY_IMPORT, f"{path.name} imports {module}: use mini4d.core.api"
        private = [n for n in names if n.startswith("_")]
        assert not private, f"{path.name} imports private names {private} from {module}"
        if module == "mini4d.core.api":
            assert set(names) <= set(api.__all__), f"{path.name}: {set(names) - set(api.__all__)} not in the API"


def test_every_api_name_exists() -> None:
    for name in api.__all__:
        assert getattr(api, name) is not None, name


# The command line and the modules of its subcommands that share its exit codes and runner.
COMMAND_LINE = ("cli.py", "__main__.py", "web/serve.py")


def test_nothing_below_the_command_line_imports_it() -> None:
    """lang/cli.py is the top: only `python -m mini4d` and its subcommands import it."""
    for path in sorted(LANG.rglob("*.py")):
        if path.relative_to(LANG).as_posix() in COMMAND_LINE:
            continue
        for module, _names in _imports(path, _lang_package(path)):
            assert module != "mini4d.cli", f"{path.relative_to(ROOT)} imports mini4d.cli"


def test_the_core_imports_no_theme_module() -> None:
    for path in sorted([*(LANG / "core").glob("*.py"), LANG / "interpreter.py"]):
        for module, _names in _imports(path, _lang_package(path)):
            assert not module.startswith("mini4d.stdlib"), f"{path.relative_to(ROOT)} imports {module}"


def test_core_modules_stay_small() -> None:
    for path in sorted([*(LANG / "core").glob("*.py"), LANG / "interpreter.py"]):
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 800, f"{path.relative_to(ROOT)} has {lines} lines"


def test_every_statement_and_expression_has_its_compiler() -> None:
    """Each node type is compiled by one method found by its type; pointers are no exception."""
    for cls in vars(N).values():
        if not isinstance(cls, type) or cls in (N.Stmt, N.Expr):
            continue
        if issubclass(cls, N.Stmt):
            assert cls in Interpreter.stmt_compilers, cls.__name__
        elif issubclass(cls, N.Expr) and cls not in (N.SortOrder, N.AssignArg):  # command arguments only
            assert cls in Interpreter.expr_compilers, cls.__name__
    for cls in (N.Deref, N.ArrayElem, N.MakePointer):
        assert Interpreter.expr_compilers[cls].__qualname__.startswith("Pointers.")
    assert not hasattr(Interpreter, "hooks")


def test_declarations_come_from_the_registry() -> None:
    """The number -> type table of `C_xxx` and `ARRAY xxx` is the commands' `declares=`."""
    expected = {284: "text", 283: "integer", 285: "real", 305: "boolean", 307: "date", 306: "time"}
    expected |= {1216: "object", 1488: "collection", 1683: "variant", 301: "pointer", 293: "text"}
    expected |= {n: "array" for n in (218, 219, 220, 221, 222, 223, 224, 279, 280, 1221, 1222, 1223)}
    for number, tname in expected.items():
        info = REGISTRY.lookup_number(number)
        assert info is not None and info.declares == tname, (number, info)
    assert REGISTRY.lookup_number(1471).returns == "object"  # New object: `var $o:=New object`
    assert REGISTRY.lookup_number(214).compile is not None  # True is a constant


def test_type_keyed_hooks_live_in_one_module() -> None:
    from mini4d.classes import ClassDef, Instance
    from mini4d.formulas import Formula4D

    assert hooks.MEMBER_CALL_HOOKS[Instance] and hooks.MEMBER_CALL_HOOKS[ClassDef]
    assert hooks.MEMBER_CALL_HOOKS[Formula4D]
    assert hooks.PROPERTY_HOOKS[Instance] and hooks.STORE_HOOKS[Instance]
    assert hooks.property_hook(Instance) is hooks.PROPERTY_HOOKS[Instance]


def test_a_part_above_the_core_compiles_a_node_type_like_the_core(monkeypatch: pytest.MonkeyPatch) -> None:
    """`add_compiler` puts a compiler in the same tables as the core's methods (the datastore's way)."""
    from mini4d.interpreter import add_compiler
    from mini4d.runtime import Runtime

    for table in ("expr_compilers", "pointer_compilers"):
        monkeypatch.setattr(Interpreter, table, dict(getattr(Interpreter, table)))
    add_compiler("expr", N.Table, lambda interp, node, scope: lambda f: f"read {node.text}")
    add_compiler("pointer", N.Table, lambda interp, target, span, scope: lambda f: f"points to {target.text}")
    from mini4d.parser import parse_source
    from mini4d.source import Source

    lines: list[str] = []
    runtime = Runtime()
    runtime.write = lambda text, err=False: lines.append(text)  # type: ignore[method-assign]
    src = Source("t.4dm", "ALERT([People]name)\nALERT(->[People])\n")
    code = runtime.interp.compile_unit("t", tuple(parse_source(src)), src)
    runtime.interp.invoke(code, [], None, None, process=runtime.main)
    assert "".join(lines).split() == ["read", "[People]name", "points", "to", "[People]"]
