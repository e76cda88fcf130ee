"""Class files, class objects and formulas beyond the golden scripts (tests/scripts/classes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def test_current_method_name_in_constructor_and_function(tmp_path: Path, run_script: Any) -> None:
    cls = "Class constructor()\n\tThis.ctor:=Current method name\n\nFunction f() : Text\n\treturn Current method name\n"
    rc, out, err = run_script('var $o := cs.Named.new()\nALERT($o.ctor+" "+$o.f())\n', classes={"Named": cls})
    assert rc == 0, err
    assert out == "Named:constructor Named.f\n"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Function f()\n\t$x:=1\nproperty late : Text\n", "`property` must be declared outside"),
        ("$x:=1\nFunction f()\n", "Only `property` and `Class extends`"),
        ("Function f()\nClass extends Other\n", "`Class extends` must come before"),
    ],
)
def test_class_file_structure_errors(tmp_path: Path, body: str, message: str, run_script: Any) -> None:
    rc, _out, err = run_script("$o:=cs.Bad.new()\n", classes={"Bad": body})
    assert rc == 65
    assert "error 90001" in err and message in err
    assert "Bad.4dm:" in err


def test_local_and_exposed_modifiers_are_accepted(tmp_path: Path, run_script: Any) -> None:
    cls = (
        'exposed Function a() : Text\n\treturn "a"\n\nlocal Function b() : Text\n\treturn "b"\n\n'
        'local exposed Function get c() : Text\n\treturn "c"\n'
    )
    rc, out, err = run_script("$o:=cs.Mods.new()\nALERT($o.a()+$o.b()+$o.c)\n", classes={"Mods": cls})
    assert rc == 0, err
    assert out == "abc\n"


def test_shared_keyword_ignored_in_a_non_shared_class(tmp_path: Path, run_script: Any) -> None:
    cls = "Class constructor()\n\tThis.n:=0\n\nshared Function inc()\n\tThis.n+=1\n"
    rc, out, err = run_script(
        "$o:=cs.Plain.new()\n$o.inc()\nALERT(String($o.n)+String(OB Is shared($o)))\n", classes={"Plain": cls}
    )
    assert rc == 0, err
    assert out == "1False\n"


def test_property_initialisers_in_a_shared_class_become_shared(tmp_path: Path, run_script: Any) -> None:
    cls = "property list := [1; {a: [2]}]\nproperty o := {x: 1}\n\nshared Class constructor()\n"
    code = (
        "$s:=cs.Shared.new()\n"
        "ALERT(String(OB Is shared($s.list))+String(OB Is shared($s.list[1].a))+String(OB Is shared($s.o)))\n"
    )
    rc, out, err = run_script(code, classes={"Shared": cls})
    assert rc == 0, err
    assert out == "TrueTrueTrue\n"


def test_unhandled_class_error_shows_class_frames(tmp_path: Path, run_script: Any) -> None:
    classes = {
        "Base": "Class constructor($n : Integer)\n\tThis.n:=$n\n",
        "Derived": "Class extends Base\n\nClass constructor()\n\tThis.early:=1\n\tSuper(1)\n",
    }
    rc, _out, err = run_script("$o:=cs.Derived.new()\n", classes=classes)
    assert rc == 1
    assert "error -10743" in err
    assert "Derived.4dm:4:" in err
    assert "in Derived:constructor (" in err


def test_this_in_a_derived_constructor_is_allowed_when_no_parent_constructs(tmp_path: Path, run_script: Any) -> None:
    # nothing to construct above: This is usable and Super() is optional
    classes = {
        "Root": 'Function hello() : Text\n\treturn "hi"\n',
        "Leaf": "Class extends Root\n\nClass constructor()\n\tThis.v:=This.hello()\n",
    }
    rc, out, err = run_script("ALERT(cs.Leaf.new().v)\n", classes=classes)
    assert rc == 0, err
    assert out == "hi\n"


def test_class_is_compiled_once_and_class_object_is_stable(tmp_path: Path, run_script: Any) -> None:
    cls = "Class constructor()\n\tThis.k:=1\n"
    rc, out, err = run_script(
        "ALERT(String(cs.Once=cs.Once)+String(OB Class(cs.Once.new())=cs.Once))\n", classes={"Once": cls}
    )
    assert rc == 0, err
    assert out == "TrueTrue\n"


def test_setter_receives_empty_value_when_undefined_is_assigned(tmp_path: Path, run_script: Any) -> None:
    cls = (
        "Function get title() : Text\n\treturn String(This._t)\n\n"
        'Function set title($v : Text)\n\tThis._t:="["+$v+"]"\n'
    )
    rc, out, err = run_script(
        '$o:=cs.Titled.new()\n$o.title:="x"\n$o.title:=Null\nALERT($o._t)\n', classes={"Titled": cls}
    )
    assert rc == 1  # Null is not a Text: a parameter type error
    assert "error 90012" in err and "Titled.title" in err
    rc, out, err = run_script(
        '$o:=cs.Titled.new()\n$o.title:="x"\n$o.title:=$o.nothing\nALERT($o._t)\n', classes={"Titled": cls}
    )
    assert rc == 0, err
    assert out == "[]\n"


def test_function_object_source_and_call_through_class(tmp_path: Path, run_script: Any) -> None:
    cls = "Function twice($n : Real) : Real\n\treturn $n*2\n"
    code = (
        "$f:=cs.Math.twice\nALERT($f.source)\nALERT(String($f.call(Null; 4)))\nALERT(String(cs.Math.new().twice(5)))\n"
    )
    rc, out, err = run_script(code, classes={"Math": cls})
    assert rc == 0, err
    assert out == "Function twice($n : Real) : Real\n8\n10\n"


def test_for_each_and_ob_keys_on_an_instance_see_own_properties_only(tmp_path: Path, run_script: Any) -> None:
    cls = "property a := 1\n\nFunction get b() : Real\n\treturn 2\n\nFunction c()\n"
    code = '$o:=cs.Keys.new()\n$o.d:=4\nALERT(OB Keys($o).join(","))\nALERT(JSON Stringify($o))\n'
    rc, out, err = run_script(code, classes={"Keys": cls})
    assert rc == 0, err
    assert out == 'a,d\n{"a":1,"d":4}\n'


def test_4d_store_builtin_classes(tmp_path: Path, run_script: Any) -> None:
    code = (
        'ALERT(4D.Object.name+" "+String(4D.Object.superclass=Null)+" "+4D.Function.superclass.name)\n'
        "ALERT(JSON Stringify(4D.Object.new()))\n"
    )
    rc, out, err = run_script(code)
    assert rc == 0, err
    assert out == "Object True Object\n{}\n"


def test_deep_recursion_through_class_functions_stops_cleanly(tmp_path: Path, run_script: Any) -> None:
    cls = "Function down($n : Integer) : Integer\n\treturn This.down($n+1)\n"
    rc, _out, err = run_script("$x:=cs.Deep.new().down(0)\n", classes={"Deep": cls})
    assert rc == 1
    assert "error 90070" in err


def test_parse_assignment_as_formula_code() -> None:
    from mini4d import nodes as N
    from mini4d.parser import parse_source
    from mini4d.source import Source

    (stmt,) = parse_source(Source("t", "$f:=Formula(This.total:=This.price*2)\n"))
    assert isinstance(stmt, N.Assign)
    arg = stmt.value.args[0]
    assert isinstance(arg, N.AssignArg)
    assert isinstance(arg.target, N.Member) and arg.target.name == "total"
    assert isinstance(arg.value, N.Binary)


@pytest.mark.parametrize(
    "code", ["ALERT($x:=1)\n", "$y:=String($x:=1)\n", "foo($a:=2)\n", "$o.f($a:=2)\n", "$f:=Formula(1+1:=2)\n"]
)
def test_assignment_outside_formula_is_a_syntax_error(code: str) -> None:
    from mini4d.errors import Syntax4DError
    from mini4d.parser import parse_source
    from mini4d.source import Source

    with pytest.raises(Syntax4DError):
        parse_source(Source("t", code))


def test_onhttpget_modifier_is_accepted(tmp_path: Path, run_script: Any) -> None:
    cls = 'shared singleton Class constructor()\n\nexposed onHTTPGet shared Function info() : Text\n\treturn "ok"\n'
    rc, out, err = run_script("ALERT(cs.Api.me.info())\n", classes={"Api": cls})
    assert rc == 0, err
    assert out == "ok\n"


def test_4d_store_knows_the_builtin_class_names(tmp_path: Path, run_script: Any) -> None:
    code = (
        'ALERT(4D.File.superclass.name+" "+4D.File.superclass.superclass.name)\n'
        "ALERT(String(Undefined(4D.NoSuchClass)))\n"
        "$names:=New collection\n"
        "For each ($k; 4D)\n\t$names.push($k)\nEnd for each\n"
        'ALERT(String($names.includes("CryptoKey"))+" "+String($names.includes("Object")))\n'
        "$cs:=New collection\n"
        "For each ($k; cs)\n\t$cs.push($k)\nEnd for each\n"
        'ALERT($cs.join(","))\n'
    )
    rc, out, err = run_script(code, classes={"Alpha": "property a := 1\n", "Beta": "property b := 2\n"})
    assert rc == 0, err
    assert out == "Document Object\nTrue\nTrue True\nAlpha,Beta\n"


def test_ob_keys_values_entries_of_class_stores_and_other_4d_objects(tmp_path: Path, run_script: Any) -> None:
    # OB Keys(cs) lists the project's classes, OB Keys(4D) the built-in ones; a formula has no own keys
    cls = "property x : Integer\nClass constructor($x : Integer)\n\tThis.x:=$x\n"
    code = (
        "ALERT(JSON Stringify(OB Keys(cs)))\n"
        'ALERT(String(OB Values(cs)[0]=cs.Pt)+" "+OB Entries(cs)[0].key)\n'
        'ALERT(String(OB Keys(4D).indexOf("Function")>=0))\n'
        "ALERT(JSON Stringify(OB Keys(cs.Pt.new(3))))\n"
        "ALERT(JSON Stringify(OB Keys(Formula(1)))+JSON Stringify(OB Values(Formula(1)))"
        "+JSON Stringify(OB Entries(Formula(1))))\n"
    )
    rc, out, err = run_script(code, classes={"Pt": cls})
    assert rc == 0, err
    assert out.splitlines() == ['["Pt"]', "True Pt", "True", '["x"]', "[][][]"]
