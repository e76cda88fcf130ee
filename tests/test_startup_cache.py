"""Parsed methods cached by content, and stdlib modules imported only when their commands are used.

Neither may change what a run prints: every comparison here is against a run without cache.
Fresh processes are what these tests are about, so they are spent where it matters: the runs
without cache of all the scripts share one process, and cold cache folders start with the parser
tables (which no test here is about) so that a first run builds only the names index and the parses.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from mini4d import cache as C
from mini4d import parser as P
from mini4d.errors import Syntax4DError, format_error
from mini4d.registry import REGISTRY
from mini4d.source import Source

ROOT = Path(__file__).parent.parent
CODE = (
    '$o:={a: 1; b: "x"}\nIf ($o.a=Is text)\n\tALERT(String($o.a+2)+Substring:C12("abc"; 2))\nEnd if\n'
    "$d:=!2024-02-29!+?01:02:03?\n"
)


def _shape(x: object) -> object:
    """A node tree as plain data: classes, fields, and every span as (start, end)."""
    from mini4d.nodes import Node
    from mini4d.source import Span

    if isinstance(x, Node):
        return (type(x).__name__, *(_shape(getattr(x, n)) for n in type(x).__slots__))
    if isinstance(x, Span):
        return (x.start, x.end)
    if isinstance(x, tuple):
        return tuple(_shape(i) for i in x)
    return x


def _entry(text: str) -> Path:
    path = C.entry_path("parsed", text)
    assert path is not None
    return path


def test_miss_stores_and_hit_loads_without_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    fresh = P.parse_source(Source("fresh.4dm", CODE))
    first = C.parse_cached(Source("a.4dm", CODE))
    path = _entry(CODE)
    assert path.is_file() and oct(path.stat().st_mode & 0o777) == "0o600"
    assert not list(path.parent.glob("*.tmp"))

    def no_parse(source: Source) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(P, "parse_source", no_parse)
    src = Source("b.4dm", CODE)
    second = C.parse_cached(src)
    assert _shape(second) == _shape(first) == _shape(fresh)
    assert second[0].span.source is src  # positions point into the text being run
    const = second[1].cond.right  # `Is text`: the registry's own constant object
    assert const.value is REGISTRY.constants["is text"]


def test_corrupt_or_foreign_entry_is_ignored_and_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    path = _entry(CODE)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x80\x05garbage")
    assert _shape(C.parse_cached(Source("t.4dm", CODE))) == _shape(P.parse_source(Source("t.4dm", CODE)))
    assert C.read_entry(path, {"source": None}, lambda pid: None) is not None  # rewritten
    path.write_bytes(pickle.dumps(os.getcwd))  # a class or function that an entry never holds
    assert C.read_entry(path) is None
    path.write_bytes(pickle.dumps((1, 2))[:-3])  # truncated
    assert C.read_entry(path) is None
    assert _shape(C.parse_cached(Source("t.4dm", CODE))) == _shape(P.parse_source(Source("t.4dm", CODE)))


def test_stale_entries_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    before = _entry(CODE)
    monkeypatch.setattr(C, "_fingerprint", "other mini4d sources")
    assert _entry(CODE) != before
    assert _entry(CODE) != _entry(CODE + "\n")


def test_disabled_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", "")
    assert C.entry_path("parsed", CODE) is None
    assert _shape(C.parse_cached(Source("t.4dm", CODE))) == _shape(P.parse_source(Source("t.4dm", CODE)))


def test_syntax_errors_are_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    bad = "If (True)\n\tALERT(1\nEnd if\n"
    for _ in range(2):
        with pytest.raises(Syntax4DError) as cached:
            C.parse_cached(Source("t.4dm", bad))
        with pytest.raises(Syntax4DError) as plain:
            P.parse_source(Source("t.4dm", bad))
        assert format_error(cached.value) == format_error(plain.value)
    assert not _entry(bad).exists()


# ------------------------------------------------------------------ whole runs, fresh processes


def _mini4d(args: list[str], cache: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    env = dict(os.environ, MINI4D_CACHE_DIR=cache, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-m", "mini4d", *args], env=env, cwd=cwd, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


SCRIPTS = [
    'ALERT("x")',
    CODE,
    '$c:=New collection(3; 1; 2)\n$c.sort()\nALERT($c.join(",")+String($c.max()))',
    "ALERT(Sesion storage)",  # unknown command: suggestion
    "ALL RECORDS([Customers])",  # known 4D command mini4d does not implement
    "$x:=Is picture+1",  # constant without a value here
    'ALERT(Substring:C12("hello"; 2; 3)+String(Pi:K30:1))',
    "$o:=New object\n$o.x.y:=1",  # runtime error: position and call stack
    "ALERT(String(Current date:C33=!00-00-00!))",
    '$s:=New session({userName: "ann"})\nALERT(String(Session storage by ID($s.id)=Null))',
]


_EAGER = """
import io, json, sys
from mini4d.cli import main
runs = []
for code in json.loads(sys.stdin.read()):
    out, err = io.StringIO(), io.StringIO()
    runs.append([main(["-c", code], stdout=out, stderr=err), out.getvalue(), err.getvalue()])
print(json.dumps(runs))
"""


@pytest.fixture(scope="module")
def eager_runs() -> dict[str, tuple[int, str, str]]:
    """What each script prints without any cache: one fresh process runs them all, one after the other."""
    env = dict(os.environ, MINI4D_CACHE_DIR="", PYTHONPATH=str(ROOT))
    p = subprocess.run(
        [sys.executable, "-c", _EAGER], input=json.dumps(SCRIPTS), env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert p.returncode == 0, p.stderr
    return {code: tuple(run) for code, run in zip(SCRIPTS, json.loads(p.stdout), strict=True)}  # type: ignore[misc]


@pytest.fixture(scope="module")
def parser_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The parser tables a first run stores in its cache folder (what the tests below do not test)."""
    cache = tmp_path_factory.mktemp("tables") / "cache"
    _mini4d(["-c", "ALERT(1)"], str(cache))
    (tables,) = cache.glob("parser-*.lark")
    return tables


def _cold_cache(folder: Path, tables: Path) -> str:
    """A cache folder with only the parser tables in it: no names index, no parsed method."""
    folder.mkdir(mode=0o700)
    shutil.copyfile(tables, folder / tables.name)
    (folder / tables.name).chmod(0o600)
    return str(folder)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory, parser_tables: Path) -> Path:
    """One cache folder for the scripts below: the first script's run builds the names index."""
    return Path(_cold_cache(tmp_path_factory.mktemp("startup") / "cache", parser_tables))


@pytest.mark.parametrize("code", SCRIPTS)
def test_lazy_run_prints_what_an_eager_run_prints(
    code: str, eager_runs: dict[str, tuple[int, str, str]], shared_cache: Path
) -> None:
    # each script in a fresh process: its first run stores the parse (the first of all builds the
    # names index), the second loads both and imports only the theme modules it uses
    first = _mini4d(["-c", code], str(shared_cache))
    second = _mini4d(["-c", code], str(shared_cache))
    assert first == eager_runs[code] and second == eager_runs[code]
    assert list((shared_cache / "names").iterdir())


def test_script_with_methods_and_classes(tmp_path: Path, parser_tables: Path) -> None:
    (tmp_path / "Classes").mkdir()
    (tmp_path / "Classes" / "Point.4dm").write_text(
        "Class constructor($x : Real)\n\tThis.x:=$x\n\nFunction double() : Real\n\treturn This.x*2\n"
    )
    (tmp_path / "twice.4dm").write_text("#DECLARE($n : Real) : Real\nreturn $n*2\n")
    (tmp_path / "main.4dm").write_text(
        '$p:=cs.Point.new(4)\nALERT(String($p.double())+" "+String(twice(5))+" "+String(Is text))\n$p.nope()\n'
    )
    eager = _mini4d(["main.4dm"], "", tmp_path)
    cache = _cold_cache(tmp_path / "cache", parser_tables)
    assert _mini4d(["main.4dm"], cache, tmp_path) == eager
    assert _mini4d(["main.4dm"], cache, tmp_path) == eager
    assert eager[0] == 1 and eager[1] == "8 10 2\n"


_PROBE = """
import json, sys
from mini4d.cli import main
main(["-c", sys.argv[1]])
from mini4d.registry import REGISTRY
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("lark", "mini4d.stdlib.")))))
if sys.argv[2] == "full":
    REGISTRY.ensure_loaded()
    print(json.dumps({
        "commands": sorted(
            [k, i.name, i.number, list(i.aliases), i.theme, i.implemented, i.uses, i.min_args, i.max_args, i.doc]
            for k, i in REGISTRY.by_key.items()
        ),
        "constants": sorted(
            [k, c.name, repr(c.value), c.token, c.theme, c.defined] for k, c in REGISTRY.constants.items()
        ),
        "tokens": sorted([t, c.name] for t, c in REGISTRY.constants_by_token.items()),
        "members": {k: sorted(v) for k, v in REGISTRY.members.items()},
    }))
"""


def _probe(code: str, cache: str, full: bool) -> list[str]:
    env = dict(os.environ, MINI4D_CACHE_DIR=cache, PYTHONPATH=str(ROOT))
    p = subprocess.run(
        [sys.executable, "-c", _PROBE, code, "full" if full else ""], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert p.returncode == 0, p.stderr
    return p.stdout.splitlines()


def test_a_cached_run_imports_neither_lark_nor_unused_theme_modules(tmp_path: Path, parser_tables: Path) -> None:
    cache = _cold_cache(tmp_path / "cache", parser_tables)
    _probe('ALERT("x")', cache, False)
    out = _probe('ALERT("x")', cache, False)
    assert out[0] == "x" and json.loads(out[1]) == ["mini4d.stdlib.output"]


def test_registry_after_lazy_loading_equals_the_eager_registry(tmp_path: Path, parser_tables: Path) -> None:
    code = '$c:=New collection(1)\n$c.push(Is text)\nALERT(String($c.length)+Substring:C12("ab"; 2))'
    cache = _cold_cache(tmp_path / "cache", parser_tables)
    eager = _probe(code, "", True)
    _probe(code, cache, False)
    lazy = _probe(code, cache, True)
    assert lazy[0] == eager[0] == "2b"
    assert json.loads(lazy[1]) != json.loads(eager[1])  # fewer modules were imported before ensure_loaded
    assert json.loads(lazy[2]) == json.loads(eager[2])


def test_commands_listing_is_the_same(tmp_path: Path, parser_tables: Path) -> None:
    cache = _cold_cache(tmp_path / "cache", parser_tables)
    eager = _mini4d(["commands"], "")
    _mini4d(["-c", 'ALERT("x")'], cache)
    assert _mini4d(["commands"], cache) == eager
    assert _mini4d(["commands", "--theme", "String"], cache) == _mini4d(["commands", "--theme", "String"], "")


def test_node_classes_behave_as_frozen_dataclasses() -> None:
    import dataclasses

    from mini4d import nodes as N
    from mini4d.source import Span

    sp = Span(Source("t", "$a:=1"), 0, 2)
    node = N.Assign(target=N.Local("$a", sp), value=N.Literal(1.0, sp), span=sp)
    assert node == N.Assign(N.Local("$a", sp), N.Literal(1.0, sp), sp) and hash(node) == hash(
        N.Assign(node.target, node.value, sp)
    )
    assert [f.name for f in dataclasses.fields(node)] == ["target", "value", "span"]
    assert dataclasses.replace(node, value=N.Literal(2.0, sp)).value.value == 2.0
    assert not dataclasses.is_dataclass(N.Expr) and dataclasses.is_dataclass(N.Local)
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.span = sp  # type: ignore[misc]
    with pytest.raises(TypeError):
        N.Local("$a")  # type: ignore[call-arg]
    assert N.Assign.__init__.__qualname__ == "Assign.__init__"


def test_command_signatures_read_from_code_objects_match_inspect() -> None:
    from mini4d.registry import _inspect_parameters, _parameters

    REGISTRY.ensure_loaded()
    funcs = {id(i.func): i.func for i in REGISTRY.by_number.values() if i.func is not None}
    assert len(funcs) > 150
    for func in funcs.values():
        assert _parameters(func) == _inspect_parameters(func), func.__qualname__

    def sample(ctx, a: str, b: float = 1, *rest: Any, star: bool = False, order, **more: int) -> None:  # type: ignore[no-untyped-def]
        pass

    assert _parameters(sample) == _inspect_parameters(sample)


def test_records_behave_as_dataclasses() -> None:
    from mini4d.records import dataclass, field

    @dataclass
    class Rec:
        name: str
        n: int = 0
        items: list[int] = field(default_factory=list)

    a, b = Rec("x"), Rec("x", n=0)
    assert a == b and a.items == [] and a.items is not b.items and not hasattr(Rec, "items")
    assert repr(Rec("y", 2, [1])) == "test_records_behave_as_dataclasses.<locals>.Rec(name='y', n=2, items=[1])"
    assert Rec.__hash__ is None and Rec.__match_args__ == ("name", "n", "items")
    for bad in (lambda: Rec(), lambda: Rec("x", 1, [], 4), lambda: Rec("x", name="y"), lambda: Rec("x", m=1)):
        with pytest.raises(TypeError):
            bad()


def test_spans_are_frozen_values() -> None:
    import copy
    import dataclasses

    from mini4d.source import Span

    src = Source("t", "abc")
    a = Span(src, 0, 2)
    assert a == Span(src, 0, 2) and hash(a) == hash(Span(src, 0, 2)) and a != Span(src, 0, 1)
    assert a != Span(Source("t", "abc"), 0, 2)  # another text
    assert copy.copy(a) == a and pickle.loads(pickle.dumps(a)).end == 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.start = 1  # type: ignore[misc]
    assert (a.line, a.col, a.text(), repr(a)) == (1, 1, "ab", "Span(t:1:1)")


def test_another_thread_never_sees_a_command_of_a_module_still_importing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from mini4d.registry import CommandInfo

    (tmp_path / "lazy_probe_sync.py").write_text(
        "import threading\nstarted = threading.Event()\nrelease = threading.Event()\n"
    )
    (tmp_path / "lazy_probe_mod.py").write_text(
        "from mini4d.registry import command\n"
        "import lazy_probe_sync as sync\n"
        '@command("Lazy probe", 99001, "Test")\n'
        "def lazy_probe() -> float:\n"
        "    return helper()\n"
        "sync.started.set()\n"
        "sync.release.wait(10)\n"
        "def helper() -> float:\n"
        "    return 1.0\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import lazy_probe_sync as sync

    entry = CommandInfo(name="Lazy probe", number=99001, module="lazy_probe_mod")
    monkeypatch.setattr(REGISTRY, "extended", REGISTRY.extended)  # restored after the test
    monkeypatch.setitem(REGISTRY.by_number, 99001, entry)
    monkeypatch.setitem(REGISTRY.by_key, "lazy probe", entry)
    found: list[CommandInfo | None] = []
    first = threading.Thread(target=lambda: found.append(REGISTRY.lookup_number(99001)))
    first.start()
    try:
        assert sync.started.wait(10)
        assert REGISTRY.by_number[99001] is entry  # registered, not published: the module is not complete
        second = threading.Thread(target=lambda: found.append(REGISTRY.lookup("Lazy  PROBE")))
        second.start()
        second.join(0.2)
        assert second.is_alive()  # waits for the import to end
    finally:
        sync.release.set()
        first.join(10)
    second.join(10)
    assert len(found) == 2 and all(i is not None and i.func is not None and i.func() == 1.0 for i in found)
    sys.modules.pop("lazy_probe_mod", None)
    sys.modules.pop("lazy_probe_sync", None)


def test_damaged_names_index_or_unwritable_cache_only_costs_time(tmp_path: Path, parser_tables: Path) -> None:
    code = '$c:=New collection(2; 1)\nALERT($c.sort().join(",")+String(Is text))'
    eager = _mini4d(["-c", code], "")
    cache = Path(_cold_cache(tmp_path / "cache", parser_tables))
    assert _mini4d(["-c", code], str(cache)) == eager
    (index,) = (cache / "names").iterdir()
    index.write_bytes(pickle.dumps({"format": 1, "by_key": []}))
    assert _mini4d(["-c", code], str(cache)) == eager
    assert _mini4d(["-c", code], str(cache)) == eager  # rewritten by the run before
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert _mini4d(["-c", code], str(blocker / "sub")) == eager  # the folder cannot be made


def test_commands_registered_outside_stdlib_turn_the_parse_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mini4d.registry import command

    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(REGISTRY, "extended", False)
    C.parse_cached(Source("t.4dm", "ALERT(1)\n"))
    assert _entry("ALERT(1)\n").exists()

    def my_cmd() -> None:
        """A command of a program that embeds mini4d."""

    monkeypatch.setitem(REGISTRY.by_number, 99002, REGISTRY.by_number.get(99002))
    monkeypatch.setitem(REGISTRY.by_key, "my embedded cmd", None)
    command("My embedded cmd", 99002, "Test")(my_cmd)
    assert REGISTRY.extended
    C.parse_cached(Source("t.4dm", "ALERT(2)\n"))
    assert not _entry("ALERT(2)\n").exists()


def test_trees_too_deep_for_pickle_are_run_but_not_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pickle writes by recursion on the C stack: a very deep tree would crash the process
    monkeypatch.setenv("MINI4D_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(C, "MAX_STORED_DEPTH", 40)
    deep = "If (True)\n" * 30 + 'ALERT("deep")\n' + "End if\n" * 30
    stmts = C.parse_cached(Source("deep.4dm", deep))
    assert _shape(stmts) == _shape(P.parse_source(Source("deep.4dm", deep)))
    assert not _entry(deep).exists()
    shallow = "If (True)\n" * 3 + 'ALERT("ok")\n' + "End if\n" * 3
    C.parse_cached(Source("ok.4dm", shallow))
    assert _entry(shallow).is_file()
