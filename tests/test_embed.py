"""Embedding from Python: mini4d.run, mini4d.Session, value conversion both ways."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import mini4d
import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_run_returns_python_values() -> None:
    assert mini4d.run("return 3+4*5") == 35.0
    assert mini4d.run('return {name: "Ann"; tags: ["a"; 1]; when: !2024-03-01!; none: Null}') == {
        "name": "Ann",
        "tags": ["a", 1.0],
        "when": dt.date(2024, 3, 1),
        "none": None,
    }
    assert mini4d.run("return ?01:02:03?") == dt.timedelta(hours=1, minutes=2, seconds=3)
    assert mini4d.run("return !00-00-00!") is None
    assert mini4d.run("var $i : Integer\n$i:=7\nreturn $i") == 7


def test_arguments_are_converted_to_4d_values() -> None:
    code = "#DECLARE($o : Object; $c : Collection; $d : Date; $n : Integer) : Text\n"
    code += 'return $o.a+String($c.length)+String(Year of($d))+String($n*2)'
    assert mini4d.run(code, {"a": "x"}, [1, 2, 3], dt.date(2020, 5, 17), 21) == "x3202042"
    assert mini4d.run("return $1+$2", 1, 2) == 3.0
    with pytest.raises(TypeError):
        mini4d.run("return $1", object())


def test_a_session_keeps_state_and_output_goes_to_its_stream() -> None:
    out = io.StringIO()
    with mini4d.Session(stdout=out) as s:
        s.run("Use (Storage)\nStorage.count:=New shared object(\"n\"; 1)\nEnd use")
        assert s.eval("Storage.count.n+1") == 2.0
        s.run('ALERT("Total:"+Char(13)+"42")')
    assert out.getvalue() == "Total:\n42\n"


def test_4d_errors_become_python_exceptions_with_code_and_display() -> None:
    with pytest.raises(mini4d.Error4D) as info:
        mini4d.run('ASSERT(False; "nope")')
    assert info.value.code == -10518 and info.value.message == "Assert failed: nope"
    assert "<embedded 1>:1:1: error -10518" in str(info.value)
    with pytest.raises(mini4d.Error4D) as info:
        mini4d.run("If (True")
    assert info.value.code == 90001


def test_project_methods_and_classes_can_be_called() -> None:
    with mini4d.Session(EXAMPLES / "grades") as s:
        assert s.call("Letter_grade", 15) == "B"
        assert s.call("Mean_mark", [10, 14]) == 12.0
        assert s.eval('cs.Gradebook.new("Math").course') == "Math"
        with pytest.raises(mini4d.Error4D) as info:
            s.call("No_such_method")
        assert info.value.code == -10508


def test_import_stays_cheap() -> None:
    # what `import mini4d` itself adds (site hooks may have imported typing before it)
    mods = "('mini4d.embed', 'mini4d.runtime', 'lark', 'typing')"
    code = f"import sys; before = set(sys.modules); import mini4d; print(sorted(m for m in {mods} if m in set(sys.modules) - before))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
