"""`mini4d test`: discovery, results of passing and failing 4D suites, filters, JUnit and JSON reports."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from mini4d.cli import main

DATA = Path(__file__).parent / "data"
SUITES = DATA / "testsuites"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(argv: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = main(["test", *argv], stdout=out, stderr=err)
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def statuses(argv: list[str], cwd: Path | None = None) -> dict[str, str]:
    code, out, err = run([*argv, "--json"], cwd)
    assert err == ""
    data = json.loads(out)
    return {t["id"]: t["status"] for s in data["suites"] for t in s["tests"]}


@pytest.fixture(scope="module")
def mixed() -> dict:
    code, out, err = run(["--json", "--timeout", "5", "mixed"], SUITES)
    assert code == 1 and err == ""
    data = json.loads(out)
    data["by_id"] = {t["id"]: t for s in data["suites"] for t in s["tests"]}
    return data


def test_the_teaching_example_passes_with_a_summary_line() -> None:
    code, out, err = run([str(EXAMPLES / "grades")])
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[-1] == "8 passed, 0 failed"
    assert "PASS GradebookTest.test_best" in out and "PASS test_letter_grade" in out
    assert any(line.startswith("PASS ") and line.endswith("main.4dm") or "main.4dm (" in line for line in lines)


def test_every_kind_of_test_is_found_in_a_folder(mixed: dict) -> None:
    kinds = {t["id"]: t["kind"] for t in mixed["by_id"].values()}
    assert kinds["test_method_passes"] == "method"
    assert kinds["mixed/golden_ok.4dm"] == "golden"
    assert kinds["CounterTest.test_passes"] == "function"
    # Fails_in_process and Recurse_forever are helper methods, BaseCase is not a test class
    assert not any("Fails_in_process" in k or "Recurse_forever" in k or k.startswith("BaseCase") for k in kinds)
    order = [t["id"] for t in mixed["suites"][1]["tests"]]
    assert order[:3] == [
        "CounterTest.test_passes",
        "CounterTest.test_lifecycle_order",
        "CounterTest.test_assertion_fails",
    ]


def test_results_of_passing_and_failing_tests(mixed: dict) -> None:
    st = {k: t["status"] for k, t in mixed["by_id"].items()}
    assert st == {
        "mixed/golden_differs.4dm": "failed",
        "mixed/golden_ok.4dm": "passed",
        "test_method_fails": "failed",
        "test_method_passes": "passed",
        "CounterTest.test_passes": "passed",
        "CounterTest.test_lifecycle_order": "passed",
        "CounterTest.test_assertion_fails": "failed",
        "CounterTest.test_assert_command": "failed",
        "CounterTest.test_unhandled_error": "error",
        "CounterTest.test_error_in_another_process": "error",
        "CounterTest.test_hangs": "error",
        "CounterTest.test_skipped": "skipped",
        "CounterTest.test_fatal_stops": "failed",
        "CounterTest.test_subtests": "failed",
        "CounterTest.test_stack_overflow": "error",
        "DerivedTest.test_own": "passed",
        "DerivedTest.test_inherited": "passed",
    }
    assert (mixed["tests"], mixed["passed"], mixed["failed"], mixed["errors"], mixed["skipped"]) == (17, 6, 6, 4, 1)
    assert mixed["status"] == "failure"


def test_a_failed_assertion_is_reported_with_values_and_position_and_the_test_goes_on(mixed: dict) -> None:
    t = mixed["by_id"]["CounterTest.test_assertion_fails"]
    first, second = t["failures"]
    assert first["message"] == "two and two"
    assert (first["expected"], first["actual"], first["line"], first["column"]) == ("5", "4", 27, 2)
    assert first["file"].endswith("CounterTest.4dm")
    assert second == {**second, "message": "value is not True", "expected": "True", "actual": "False", "line": 28}
    assert t["output"] == "still running after a failed assertion\n"


def test_a_failed_assert_stops_the_test_with_its_4d_error(mixed: dict) -> None:
    t = mixed["by_id"]["CounterTest.test_assert_command"]
    assert t["error"] == {**t["error"], "code": -10518, "message": "Assert failed: one is not two", "line": 32}
    assert "output" not in t  # the ALERT after it never ran
    assert 'ASSERT(1=2; "one is not two")' in t["details"] and "^~~~" in t["details"]


def test_an_unhandled_error_fails_the_test_with_its_code_and_position(mixed: dict) -> None:
    t = mixed["by_id"]["CounterTest.test_unhandled_error"]
    assert (t["error"]["code"], t["error"]["line"], t["error"]["column"]) == (90014, 37, 6)
    assert t["message"].startswith("error 90014:")


def test_an_error_in_a_process_the_test_started_fails_it(mixed: dict) -> None:
    t = mixed["by_id"]["CounterTest.test_error_in_another_process"]
    assert t["error"]["code"] == 90021 and t["error"]["file"].endswith("Fails_in_process.4dm")
    assert "(worker of a test):" in t["details"]


def test_a_hung_test_is_stopped_by_the_timeout_and_the_next_tests_run(mixed: dict) -> None:
    assert mixed["by_id"]["CounterTest.test_hangs"]["message"] == "timed out after 5 s"
    assert mixed["by_id"]["CounterTest.test_fatal_stops"]["status"] == "failed"  # the class goes on after it


def test_deep_recursion_is_a_stack_overflow_error_and_the_run_goes_on(mixed: dict) -> None:
    t = mixed["by_id"]["CounterTest.test_stack_overflow"]
    assert t["error"]["code"] == 90070
    assert "  … 1,998 more calls of Recurse_forever\n" in t["details"]  # the repeated call-stack lines are collapsed
    assert mixed["by_id"]["DerivedTest.test_own"]["status"] == "passed"


def test_fatal_stops_and_subtests_report_their_name(mixed: dict) -> None:
    assert mixed["by_id"]["CounterTest.test_fatal_stops"]["message"] == "stopped by $t.fatal()"
    sub = mixed["by_id"]["CounterTest.test_subtests"]
    assert [f["message"] for f in sub["failures"]] == ["double 2: values are not equal"]


def test_golden_scripts_compare_the_whole_output(mixed: dict) -> None:
    t = mixed["by_id"]["mixed/golden_differs.4dm"]
    assert "-expected" in t["details"] and "+actual" in t["details"]
    assert mixed["by_id"]["mixed/golden_ok.4dm"]["output"] == "golden\nTwo\nlines\n"  # Char(13) is a line break


def test_tags_and_skip(mixed: dict) -> None:
    assert mixed["by_id"]["CounterTest.test_passes"]["tags"] == ["unit", "fast"]
    assert mixed["by_id"]["CounterTest.test_assertion_fails"]["tags"] == ["unit"]  # no tags: unit
    assert mixed["by_id"]["test_method_passes"]["tags"] == ["method"]
    assert mixed["by_id"]["mixed/golden_ok.4dm"]["tags"] == ["golden"]


def test_tag_filters() -> None:
    assert statuses(["--tags", "fast", "mixed"], SUITES) == {"CounterTest.test_passes": "passed"}
    assert set(statuses(["--tags", "method", "mixed"], SUITES)) == {"test_method_passes", "test_method_fails"}
    got = statuses(["--exclude-tags", "slow,golden,method,deep", "--require-tags", "unit", "mixed"], SUITES)
    assert "CounterTest.test_hangs" not in got and "test_method_passes" not in got
    assert "CounterTest.test_passes" in got and "CounterTest.test_skipped" in got


def test_k_selects_by_substring_or_wildcard() -> None:
    assert set(statuses(["-k", "lifecycle", "mixed"], SUITES)) == {"CounterTest.test_lifecycle_order"}
    assert set(statuses(["-k", "derived*", "mixed"], SUITES)) == {"DerivedTest.test_own", "DerivedTest.test_inherited"}
    assert set(statuses(["-k", "golden_ok,method_passes", "mixed"], SUITES)) == {
        "mixed/golden_ok.4dm",
        "test_method_passes",
    }


def test_exit_codes_and_summary() -> None:
    code, out, _ = run(["-k", "test_passes", "mixed"], SUITES)
    assert code == 0 and out.splitlines()[-1] == "1 passed, 0 failed"
    code, out, _ = run(["-q", "-k", "method", "mixed"], SUITES)
    assert code == 1 and out.splitlines()[-1] == "1 passed, 1 failed"
    assert "PASS" not in out and "FAIL test_method_fails" in out  # -q shows failures only
    assert "mixed/test_method_fails.4dm:2:1: error -10518: Assert failed: abc has three characters" in out
    code, out, _ = run(["-k", "nothing-matches", "mixed"], SUITES)
    assert code == 1 and "no tests ran" in out and out.splitlines()[-1] == "0 passed, 0 failed"
    code, _, err = run(["no/such/folder"])
    assert code == 2 and "no such file or folder" in err
    code, out, _ = run(["--help"])
    assert code == 0 and "--junit" in out and "--timeout" in out


def test_broken_classes_do_not_stop_the_run() -> None:
    code, out, err = run(["--json", "broken"], SUITES)
    assert code == 1
    tests = {t["id"]: t for s in json.loads(out)["suites"] for t in s["tests"]}
    assert tests["SyntaxTest.test_never_runs"]["status"] == "error"
    assert tests["SyntaxTest.test_never_runs"]["error"]["code"] == 90001
    assert tests["SetupFailsTest.test_one"]["status"] == "error"
    assert tests["SetupFailsTest.test_one"]["message"].startswith("setup failed: error -10518")
    assert tests["SetupFailsTest.test_two"]["status"] == "skipped"
    assert tests["TeardownFailsTest.test_ok"]["status"] == "passed"
    assert tests["TeardownFailsTest.teardown"]["status"] == "error"


def test_one_file_can_be_given(tmp_path: Path) -> None:
    (tmp_path / "Classes").mkdir()
    (tmp_path / "Classes" / "OneTest.4dm").write_text("Function test_a()\n\tASSERT(True)\n", encoding="utf-8")
    (tmp_path / "check_me.4dm").write_text("ASSERT(1+1=2)\n", encoding="utf-8")
    assert statuses([str(tmp_path / "Classes" / "OneTest.4dm")]) == {"OneTest.test_a": "passed"}
    assert statuses([str(tmp_path / "check_me.4dm")]) == {"check_me": "passed"}  # named explicitly: runs


def test_a_project_folder_is_searched_by_its_layout(tmp_path: Path) -> None:
    methods = tmp_path / "App" / "Project" / "Sources" / "Methods"
    classes = methods.parent / "Classes"
    methods.mkdir(parents=True)
    classes.mkdir()
    (methods / "Twice.4dm").write_text("#DECLARE($x : Real) : Real\nreturn $x*2\n", encoding="utf-8")
    (methods / "test_twice.4dm").write_text("ASSERT(Twice(4)=8)\n", encoding="utf-8")
    (classes / "TwiceTest.4dm").write_text(
        "Function test_it($t : cs.Testing.Testing)\n\t$t.assert.areEqual($t; 6; Twice(3))\n", encoding="utf-8"
    )
    (classes / "Helper.4dm").write_text("Function test_not_a_test()\n\tASSERT(False)\n", encoding="utf-8")
    expected = {"test_twice": "passed", "TwiceTest.test_it": "passed"}
    assert statuses([str(tmp_path / "App")]) == expected
    assert statuses([str(tmp_path / "App" / "Project")]) == expected
    assert statuses([str(tmp_path)]) == expected  # a project found while walking a folder


def test_each_test_runs_in_its_own_process(tmp_path: Path) -> None:
    (tmp_path / "Classes").mkdir()
    (tmp_path / "Classes" / "ProcTest.4dm").write_text(
        "Function test_a($t : cs.Testing)\n"
        "\tprocessVar:=1\n"
        "\tThis.first:=Current process\n"
        "Function test_b($t : cs.Testing)\n"
        '\t$t.assert.isTrue($t; Current process#This.first; "a new process")\n'
        '\t$t.assert.areEqual($t; Current process name; "ProcTest.test_b")\n',
        encoding="utf-8",
    )
    assert statuses([str(tmp_path)]) == {"ProcTest.test_a": "passed", "ProcTest.test_b": "passed"}


def test_junit_report_is_valid_against_the_common_schema(tmp_path: Path) -> None:
    from lxml import etree

    report = tmp_path / "junit.xml"
    code, out, err = run(["--timeout", "5", "--junit", str(report), "mixed", "broken"], SUITES)
    assert code == 1
    schema = etree.XMLSchema(etree.parse(str(DATA / "junit-10.xsd")))
    doc = etree.parse(str(report))
    assert schema.validate(doc), schema.error_log
    root = doc.getroot()
    assert (root.tag, root.get("tests"), root.get("failures"), root.get("errors")) == ("testsuites", "22", "6", "7")
    case = root.find(".//testcase[@name='test_assertion_fails']")
    assert case.get("classname") == "CounterTest"
    failure = case.find("failure")
    assert failure.get("message") == "two and two" and failure.get("type") == "assertion"
    assert "expected: 5" in failure.text and "actual:   4" in failure.text
    assert case.find("system-out").text.startswith("still running")
    err_case = root.find(".//testcase[@name='test_unhandled_error']/error")
    assert err_case.get("type") == "4D error 90014"
    assert root.find(".//testcase[@name='test_skipped']/skipped") is not None
    suite = root.find("testsuite[@name='CounterTest']")
    assert (suite.get("tests"), suite.get("skipped")) == ("11", "1")


def test_junit_text_stays_valid_xml_with_control_characters_and_surrogates(tmp_path: Path) -> None:
    from lxml import etree

    (tmp_path / "test_odd.4dm").write_text('ALERT("bell"+Char(7)+Char(0xD800))\nASSERT(False)\n', encoding="utf-8")
    report = tmp_path / "r.xml"
    assert run(["--junit", str(report), str(tmp_path)])[0] == 1
    schema = etree.XMLSchema(etree.parse(str(DATA / "junit-10.xsd")))
    assert schema.validate(etree.parse(str(report)))
    assert "bell\\x07\\ufffd" in report.read_text(encoding="utf-8")
