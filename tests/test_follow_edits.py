"""A REPL session follows edits: methods and classes changed on disk, `%%method` and `%%class` entries."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from mini4d.cli import main
from mini4d.project import Project
from mini4d.repl import Repl


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "Classes").mkdir()
    return tmp_path


@pytest.fixture
def repl(folder: Path):
    r = Repl(project=Project([folder], [folder / "Classes"]))
    yield r
    r.close()


def run(r: Repl, text: str) -> str:
    out = ""
    for line in text.split("\n"):
        out += r.push(line)
    return out


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ methods


def test_an_edited_method_is_used_at_the_next_entry_and_the_session_stays(repl: Repl, folder: Path) -> None:
    write(folder / "Greet.4dm", '#DECLARE($who : Text) -> $r : Text\n$r:="Hello "+$who\n')
    assert (
        run(
            repl,
            '$kept:=41\ncounter:=1\n<>shared:="inter"\nUse (Storage)\nStorage.o:=New shared object("n"; 7)\nEnd use',
        )
        == ""
    )
    assert run(repl, 'Greet("Ann")') == "Hello Ann\n"
    # the same size and the same second: the text is compared, not only the modification time
    write(folder / "Greet.4dm", '#DECLARE($who : Text) -> $r : Text\n$r:="Howdy "+$who\n')
    assert run(repl, 'Greet("Ann")') == "Howdy Ann\n"
    assert run(repl, "String($kept+1)+String(counter)+<>shared+String(Storage.o.n)") == "421inter7\n"


def test_a_method_compiled_into_another_one_follows_its_file(repl: Repl, folder: Path) -> None:
    write(folder / "Inner.4dm", "#DECLARE() -> $r : Integer\n$r:=1\n")
    write(folder / "Outer.4dm", "#DECLARE() -> $r : Integer\n$r:=Inner*10\n")
    run(repl, "$f:=Formula(Inner)")
    assert run(repl, "Outer") == "10\n"
    write(folder / "Inner.4dm", "#DECLARE() -> $r : Integer\n$r:=2\n")
    assert run(repl, "Outer") == "20\n"
    assert run(repl, "$f.call()") == "2\n"  # a formula made before the edit runs the new text too


def test_a_method_created_after_start_is_found(repl: Repl, folder: Path) -> None:
    write(folder / "Caller.4dm", "#DECLARE() -> $r : Text\n$r:=Later\n")
    assert 'Unknown variable, method or command "Later"' in run(repl, "Caller")
    write(folder / "Later.4dm", '#DECLARE() -> $r : Text\n$r:="made later"\n')
    assert run(repl, "Caller") == "made later\n"
    assert run(repl, "Later") == "made later\n"


def test_a_deleted_method_is_not_found(repl: Repl, folder: Path) -> None:
    write(folder / "Gone.4dm", "#DECLARE() -> $r : Integer\n$r:=1\n")
    write(folder / "UsesGone.4dm", "#DECLARE() -> $r : Integer\n$r:=Gone+1\n")
    assert run(repl, "UsesGone") == "2\n"
    (folder / "Gone.4dm").unlink()
    assert 'Unknown variable, method or command "Gone"' in run(repl, "Gone")
    out = run(repl, "UsesGone")
    assert 'error -10508: Project method not found: "Gone"' in out
    assert "in UsesGone" in out
    write(folder / "Gone.4dm", "#DECLARE() -> $r : Integer\n$r:=5\n")
    assert run(repl, "UsesGone") == "6\n"


def test_an_edit_that_does_not_compile_is_reported_once_and_fails_its_calls(repl: Repl, folder: Path) -> None:
    write(folder / "Calc.4dm", "#DECLARE() -> $r : Integer\n$r:=1\n")
    assert run(repl, "Calc") == "1\n"
    write(folder / "Calc.4dm", "#DECLARE() -> $r : Integer\n$r:=1 +\n")
    out = run(repl, '$x:="other"')
    assert out.startswith("note: method Calc was changed on disk and does not compile")
    assert "Calc.4dm:2:8: error 90001" in out
    assert run(repl, "$x") == "other\n"  # reported once
    out = run(repl, "Calc")
    assert "Calc.4dm:2:8: error 90001" in out and "note:" not in out
    write(folder / "Calc.4dm", "#DECLARE() -> $r : Integer\n$r:=3\n")
    assert run(repl, "Calc") == "3\n"


def test_a_method_file_that_is_not_text_is_reported(repl: Repl, folder: Path) -> None:
    write(folder / "Bin.4dm", "#DECLARE() -> $r : Integer\n$r:=1\n")
    assert run(repl, "Bin") == "1\n"
    (folder / "Bin.4dm").write_bytes(b"$r:=\xff\n")
    out = run(repl, "Bin")
    assert "cannot read the file: invalid UTF-8 byte 0xFF" in out
    assert run(repl, "1+1") == "2\n"


# ------------------------------------------------------------------ classes


POINT = """Class constructor($x : Real)
This.x:=$x
Function show() : Text
return "x="+String(This.x)
"""


def test_an_edited_class_changes_its_existing_instances(repl: Repl, folder: Path) -> None:
    write(folder / "Classes" / "Point.4dm", POINT)
    run(repl, "$p:=cs.Point.new(3)\n$cls:=cs.Point")
    assert run(repl, "$p.show()") == "x=3\n"
    write(
        folder / "Classes" / "Point.4dm",
        POINT.replace('"x="', '"X is "') + "Function twice() : Real\nreturn This.x*2\n",
    )
    assert run(repl, "$p.show()") == "X is 3\n"
    assert run(repl, "$p.twice()") == "6\n"
    assert run(repl, "OB Instance of($p; cs.Point)") == "True\n"
    assert run(repl, "$same:=($cls=cs.Point)\n$same") == "True\n"  # the same class object
    assert run(repl, "cs.Point.new(5).twice()") == "10\n"


def test_a_subclass_sees_its_edited_parent(repl: Repl, folder: Path) -> None:
    write(folder / "Classes" / "Point.4dm", POINT)
    write(folder / "Classes" / "Point3.4dm", 'Class extends Point\nFunction show() : Text\nreturn "3D "+Super.show()\n')
    run(repl, "$q:=cs.Point3.new(1)")
    assert run(repl, "$q.show()") == "3D x=1\n"
    write(folder / "Classes" / "Point.4dm", POINT.replace('"x="', '"at "') + 'Function extra() : Text\nreturn "e"\n')
    assert run(repl, "$q.show()") == "3D at 1\n"
    assert run(repl, "$q.extra()") == "e\n"  # inherited from the new text of the parent
    assert run(repl, "OB Instance of($q; cs.Point)") == "True\n"


def test_a_singleton_stays_the_same_object_across_an_edit(repl: Repl, folder: Path) -> None:
    write(
        folder / "Classes" / "Counter.4dm",
        "singleton Class constructor()\nThis.n:=0\nFunction up() : Integer\nThis.n+=1\nreturn This.n\n",
    )
    assert run(repl, "cs.Counter.me.up()") == "1\n"
    write(
        folder / "Classes" / "Counter.4dm",
        "singleton Class constructor()\nThis.n:=0\nFunction up() : Integer\nThis.n+=10\nreturn This.n\n",
    )
    assert run(repl, "cs.Counter.me.up()") == "11\n"


def test_a_class_that_no_longer_compiles_keeps_its_instances_working(repl: Repl, folder: Path) -> None:
    write(folder / "Classes" / "Point.4dm", POINT)
    run(repl, "$p:=cs.Point.new(2)")
    write(folder / "Classes" / "Point.4dm", POINT + "Function broken(\n")
    out = run(repl, "$p.show()")
    assert out.startswith("note: class Point was changed on disk and does not compile")
    assert out.endswith("x=2\n")
    assert "error 90001" in run(repl, "cs.Point.new(1)")
    write(folder / "Classes" / "Point.4dm", POINT.replace('"x="', '"fixed "'))
    assert run(repl, "$p.show()") == "fixed 2\n"
    assert run(repl, "OB Instance of($p; cs.Point)") == "True\n"


def test_a_class_created_or_deleted_after_start(repl: Repl, folder: Path) -> None:
    assert run(repl, "cs.Later") == "undefined\n"
    write(folder / "Classes" / "Later.4dm", 'Function hi() : Text\nreturn "hi"\n')
    assert run(repl, "cs.Later.new().hi()") == "hi\n"
    run(repl, "$l:=cs.Later.new()")
    (folder / "Classes" / "Later.4dm").unlink()
    assert run(repl, "cs.Later") == "undefined\n"
    assert run(repl, "$l.hi()") == "hi\n"  # made before: keeps its functions


# ------------------------------------------------------------------ %%method and %%class


PET = """%%class Pet
Class constructor($name : Text)
This.name:=$name
Function hi() : Text
return "I am "+This.name
%%end"""


def test_class_defined_by_an_entry_and_redefined(repl: Repl) -> None:
    assert run(repl, PET) == "Class cs.Pet defined.\n"
    run(repl, '$p:=cs.Pet.new("Rex")')
    assert run(repl, "$p.hi()") == "I am Rex\n"
    assert run(repl, PET.replace('"I am "', '"Woof, "')) == "Class cs.Pet defined.\n"
    assert run(repl, "$p.hi()") == "Woof, Rex\n"
    assert run(repl, "OB Instance of($p; cs.Pet)") == "True\n"


def test_a_class_entry_with_an_error_changes_nothing(repl: Repl) -> None:
    run(repl, '%%class Pet\nFunction hi() : Text\nreturn "hi"\n%%end')
    out = run(repl, "%%class Pet\nFunction hi() : Text\nreturn 1 +\n%%end")
    assert out.startswith("<class Pet>:3:11: error 90001")  # lines are those of the entry
    assert run(repl, "cs.Pet.new().hi()") == "hi\n"
    assert run(repl, "%%class 2Bad\n%%end").startswith('%%class: "2Bad" is not a class name')


def test_a_cell_class_extends_a_file_class_and_follows_it(repl: Repl, folder: Path) -> None:
    write(folder / "Classes" / "Point.4dm", POINT)
    run(repl, '%%class Labeled\nClass extends Point\nFunction show() : Text\nreturn "L "+Super.show()\n%%end')
    assert run(repl, "cs.Labeled.new(1).show()") == "L x=1\n"
    write(folder / "Classes" / "Point.4dm", POINT.replace('"x="', '"pos "'))
    assert run(repl, "cs.Labeled.new(1).show()") == "L pos 1\n"


def test_method_defined_by_an_entry_overrides_its_file(repl: Repl, folder: Path) -> None:
    write(folder / "Twice.4dm", "#DECLARE($n : Real) -> $r : Real\n$r:=$n*2\n")
    write(folder / "UsesTwice.4dm", "#DECLARE() -> $r : Real\n$r:=Twice(5)\n")
    assert run(repl, "UsesTwice") == "10\n"
    out = run(repl, "%%method Twice\n#DECLARE($n : Real) -> $r : Real\n$r:=$n*3\n%%end")
    assert out == "Method Twice defined.\n"
    assert run(repl, "UsesTwice") == "15\n"
    assert (
        run(repl, '%%method My helper\n#DECLARE() -> $r : Text\n$r:="spaced"\n%%end') == "Method My helper defined.\n"
    )
    assert run(repl, "My helper") == "spaced\n"
    out = run(repl, "%%method Twice\n$r:=(\n%%end")
    assert "error 90001" in out
    assert run(repl, "UsesTwice") == "15\n"  # the error left the method as it was


def test_run_cell_takes_a_whole_cell_without_end_line(repl: Repl) -> None:
    outcome = repl.run_cell("%%class Cell\nFunction one() : Integer\nreturn 1")
    assert outcome.meta == "Class cs.Cell defined." and outcome.error is None
    assert run(repl, "cs.Cell.new().one()") == "1\n"
    assert repl.run_cell("%%nope X").meta == "Unknown cell command %%nope; %help lists them."


# ------------------------------------------------------------------ what it costs


class _StatCounter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.count = 0
        real = os.stat

        def counting(*args: object, **kwargs: object) -> os.stat_result:
            self.count += 1
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "stat", counting)


def test_an_entry_checks_files_once_not_at_each_call(repl: Repl, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(folder / "Step.4dm", "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n+1\n")
    assert run(repl, "$n:=0\nFor ($i; 1; 3)\n$n:=Step($n)\nEnd for\n$n") == "3\n"
    stats = _StatCounter(monkeypatch)
    assert run(repl, "$n:=0\nFor ($i; 1; 2000)\n$n:=Step($n)\nEnd for\n$n") == "2000\n"
    assert 0 < stats.count < 20


def test_a_script_run_never_checks_files_for_edits(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(folder / "Step.4dm", "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n+1\n")
    write(folder / "main.4dm", "$n:=0\nFor ($i; 1; 2000)\n$n:=Step($n)\nEnd for\nALERT(String($n))\n")
    stats = _StatCounter(monkeypatch)
    out = io.StringIO()
    assert main([str(folder / "main.4dm")], out, io.StringIO()) == 0
    assert out.getvalue() == "2000\n"
    assert stats.count < 20


def test_reset_drops_cell_definitions(repl: Repl) -> None:
    run(repl, "%%method Cellm\n#DECLARE() -> $r : Integer\n$r:=1\n%%end")
    run(repl, '%%class Cellc\nFunction f() : Text\nreturn "f"\n%%end')
    assert run(repl, "Cellm") == "1\n"
    run(repl, "%reset")
    assert 'Unknown variable, method or command "Cellm"' in run(repl, "Cellm")
    assert run(repl, "cs.Cellc") == "undefined\n"


def test_a_class_file_that_becomes_unreadable(repl: Repl, folder: Path) -> None:
    write(folder / "Classes" / "Point.4dm", POINT)
    run(repl, "$p:=cs.Point.new(1)")
    (folder / "Classes" / "Point.4dm").write_bytes(POINT.encode() + b"// \xff\n")
    out = run(repl, "$p.show()")
    assert out.startswith("note: class Point was changed on disk and does not compile")
    assert "cannot read the file: invalid UTF-8 byte 0xFF" in out and out.endswith("x=1\n")
    assert "cannot read the file" in run(repl, "cs.Point")  # not reported again as a note, but cs.Point fails
    assert run(repl, "$p.show()") == "x=1\n"
