"""4D project folders: `mini4d run PROJECT --startup-method NAME`, scripts beside Classes/ and methods."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mini4d.project import Project, read_attributes

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "project"


def test_example_project_matches_its_expected_output(cli: Any) -> None:
    code, out, err = cli(["run", str(EXAMPLE), "--startup-method", "main"])
    assert code == 0, err
    assert out == (EXAMPLE / "main.out").read_text(encoding="utf-8")


def test_user_param_reaches_get_database_parameter(cli: Any) -> None:
    code, out, err = cli(["run", str(EXAMPLE), "--startup-method", "main", "--user-param", "demo run"])
    assert code == 0, err
    assert out.splitlines()[-1] == "User param: demo run"


def test_tool4d_flags_are_accepted(cli: Any) -> None:
    code, out, err = cli(["run", str(EXAMPLE), "--startup-method", "main", "--skip-onstartup", "--dataless"])
    assert code == 0, err
    assert out == (EXAMPLE / "main.out").read_text(encoding="utf-8")


def test_project_given_by_its_4dproject_file_or_project_folder(cli: Any) -> None:
    expected = (EXAMPLE / "main.out").read_text(encoding="utf-8")
    for target in (EXAMPLE / "Project" / "Teaching.4DProject", EXAMPLE / "Project"):
        code, out, err = cli(["run", str(target), "--startup-method", "main"])
        assert code == 0, err
        assert out == expected


def test_unknown_startup_method_is_a_usage_error(cli: Any) -> None:
    code, _out, err = cli(["run", str(EXAMPLE), "--startup-method", "nope"])
    assert code == 2
    assert 'no method "nope"' in err


def test_on_startup_database_method_runs_without_startup_method(tmp_path: Path, cli: Any, write: Any) -> None:
    write(tmp_path / "Project" / "Sources" / "Methods" / "main.4dm", 'ALERT("main")\n')
    write(
        tmp_path / "Project" / "Sources" / "DatabaseMethods" / "onStartup.4dm",
        'ALERT("started "+cs.Thing.new().name)\n',
    )
    write(tmp_path / "Project" / "Sources" / "Classes" / "Thing.4dm", 'Class constructor()\n\tThis.name:="thing"\n')
    code, out, err = cli(["run", str(tmp_path)])
    assert code == 0, err
    assert out == "started thing\n"


def test_on_startup_runs_before_the_startup_method_unless_skipped(tmp_path: Path, cli: Any, write: Any) -> None:
    write(tmp_path / "Project" / "Sources" / "Methods" / "main.4dm", 'ALERT("main sees "+String(started))\n')
    write(
        tmp_path / "Project" / "Sources" / "DatabaseMethods" / "onStartup.4dm", 'started:=True\nALERT("on startup")\n'
    )
    code, out, err = cli(["run", str(tmp_path), "--startup-method", "main"])
    assert code == 0, err
    assert out == "on startup\nmain sees True\n"
    code, out, err = cli(["run", str(tmp_path), "--startup-method", "main", "--skip-onstartup"])
    assert code == 1
    assert out == ""
    assert "started" in err  # the process variable was never assigned


def test_tool4d_spelling_with_project_option(tmp_path: Path, cli: Any, write: Any) -> None:
    write(
        tmp_path / "Project" / "Sources" / "Methods" / "test_all.4dm",
        'ALERT("PASS "+Choose(Count parameters=0; "ok"; "?"))\n',
    )
    write(tmp_path / "Project" / "demo.4DProject", "{}\n")
    argv = [
        "run",
        f"--project={tmp_path / 'Project' / 'demo.4DProject'}",
        "--startup-method=test_all",
        "--dataless",
        "--headless",
        "--skip-onstartup",
        "--opening-mode",
        "interpreted",
        "--user-param=x",
    ]
    code, out, err = cli(argv)
    assert code == 0, err
    assert out == "PASS ok\n"


def test_run_without_project_or_startup_is_a_usage_error(tmp_path: Path, cli: Any, write: Any) -> None:
    write(tmp_path / "Project" / "Sources" / "Methods" / "main.4dm", 'ALERT("main")\n')
    assert cli(["run"])[0] == 2
    code, _out, err = cli(["run", str(tmp_path)])
    assert code == 2
    assert "--startup-method" in err


def test_not_a_project_folder(tmp_path: Path, cli: Any) -> None:
    code, _out, err = cli(["run", str(tmp_path), "--startup-method", "main"])
    assert code == 2
    assert "not a 4D project folder" in err


def test_script_uses_classes_and_methods_beside_it(tmp_path: Path, cli: Any, write: Any) -> None:
    write(
        tmp_path / "Classes" / "Point.4dm",
        "Class constructor($x : Real; $y : Real)\n\tThis.x:=$x\n\tThis.y:=$y\n\n"
        "Function sum() : Real\n\treturn This.x+This.y\n",
    )
    write(tmp_path / "twice.4dm", "#DECLARE($n : Real) : Real\nreturn $n*2\n")
    script = write(tmp_path / "main.4dm", "$p:=cs.Point.new(1; 2)\nALERT(String(twice($p.sum())))\n")
    code, out, err = cli([str(script)])
    assert code == 0, err
    assert out == "6\n"


def test_script_inside_a_project_tree_sees_project_classes(tmp_path: Path, cli: Any, write: Any) -> None:
    write(tmp_path / "Project" / "Sources" / "Classes" / "Box.4dm", "property size : Integer := 3\n")
    write(tmp_path / "Project" / "Sources" / "Methods" / "helper.4dm", '#DECLARE() : Text\nreturn "helped"\n')
    script = write(tmp_path / "scripts" / "try.4dm", 'ALERT(String(cs.Box.new().size)+" "+helper)\n')
    code, out, err = cli([str(script)])
    assert code == 0, err
    assert out == "3 helped\n"


def test_class_names_are_case_sensitive(tmp_path: Path, cli: Any, write: Any) -> None:
    write(tmp_path / "Classes" / "Point.4dm", "property x := 1\n")
    script = write(tmp_path / "main.4dm", 'ALERT(String(Undefined(cs.point))+" "+String(cs.Point.new().x))\n')
    code, out, err = cli([str(script)])
    assert code == 0, err
    assert out == "True 1\n"


def test_attributes_header_is_read_and_executed_on_server_runs_locally(tmp_path: Path, cli: Any, write: Any) -> None:
    methods = tmp_path / "Project" / "Sources" / "Methods"
    write(
        methods / "remote.4dm",
        '//%attributes = {"executedOnServer":true,"shared":true}\n#DECLARE() : Text\nreturn "ran here"\n',
    )
    write(methods / "main.4dm", '//%attributes = {"invisible":true}\nALERT(remote)\n')
    project = Project.for_project(tmp_path)
    mt = project.load_method("remote")
    assert mt is not None and mt.attributes == {"executedOnServer": True, "shared": True}
    code, out, err = cli(["run", str(tmp_path), "--startup-method", "main"])
    assert code == 0, err
    assert out == "ran here\n"


def test_read_attributes_ignores_other_first_lines() -> None:
    assert read_attributes('//%attributes = {"lang":"en"}\nALERT("x")') == {"lang": "en"}
    assert read_attributes('ALERT("x")\n//%attributes = {"lang":"en"}') == {}
    assert read_attributes("//%attributes = {not json}\n") == {}


def test_runtime_error_in_a_project_class_shows_the_class_frames(tmp_path: Path, cli: Any, write: Any) -> None:
    write(tmp_path / "Project" / "Sources" / "Classes" / "Faulty.4dm", 'Function boom()\n\tThis.x:=1/"a"\n')
    write(tmp_path / "Project" / "Sources" / "Methods" / "main.4dm", "cs.Faulty.new().boom()\n")
    code, _out, err = cli(["run", str(tmp_path), "--startup-method", "main"])
    assert code == 1
    assert "Faulty.4dm:2:" in err
    assert "in Faulty.boom (" in err
    assert "in main (" in err
