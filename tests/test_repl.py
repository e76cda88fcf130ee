"""The REPL core without a terminal (`Repl.push`), completeness, completion, piped input, `check --format json`."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mini4d.cli import main
from mini4d.completion import complete, indent_for, is_complete
from mini4d.repl import Repl, history_path

ROOT = Path(__file__).parent.parent
HANG = 60.0  # seconds that only a hang exceeds


@pytest.fixture
def repl():
    r = Repl()
    yield r
    r.close()


# ------------------------------------------------------------------ completeness


@pytest.mark.parametrize(
    "text, status",
    [
        ('ALERT("x")', "complete"),
        ("If (True)", "incomplete"),
        ('If (True)\n  ALERT("a")\nEnd if', "complete"),
        ("if (True)\nelse\nEND IF", "complete"),
        ("If (True)\nEnd  if", "complete"),
        ("Case of\n: (1=1)", "incomplete"),
        ("Case of\n: (1=1)\nEnd case", "complete"),
        ("While (True)", "incomplete"),
        ("Repeat\n$i:=$i+1", "incomplete"),
        ("Repeat\nUntil ($i>3)", "complete"),
        ("For ($i; 1; 3)\n  For each ($x; $c)\n  End for each", "incomplete"),
        ("For ($i; 1; 3)\n  For each ($x; $c)\n  End for each\nEnd for", "complete"),
        ("For each ($x; $c)\nEnd for each until ($x=2)", "complete"),
        ("Use ($o)", "incomplete"),
        ("Use ($o)\nEnd use", "complete"),
        ('USE SET("a")', "complete"),
        ("Try", "incomplete"),
        ("Try\nCatch\nEnd try", "complete"),
        ("$x:=Try(1/0)", "complete"),
        ("$x:=1+\\", "incomplete"),
        ("$x:=1+\\\n2", "complete"),
        ("$x:=7\\2", "complete"),
        ("$x:=Length(", "incomplete"),
        ("$c:=[1; 2;", "incomplete"),
        ("$o:={a: 1;", "incomplete"),
        ('ALERT("(")', "complete"),
        ('ALERT("unclosed', "invalid"),
        ("/* a /* nested */ still open", "incomplete"),
        ("/* a /* nested */ closed */", "complete"),
        ("If (True)  // End if", "incomplete"),
        ("End if", "invalid"),
        ("If (True)\nEnd while", "invalid"),
        ("$x:=1)", "invalid"),
        ("Begin SQL\nSELECT 1", "incomplete"),
        ("Begin SQL\nIF x\nEnd SQL", "complete"),
        ("", "complete"),
    ],
)
def test_is_complete(text: str, status: str) -> None:
    assert is_complete(text) == status


def test_indent_follows_open_blocks() -> None:
    assert indent_for("If (True)") == "  "
    assert indent_for("If (True)\n  For each ($x; $c)") == "    "
    assert indent_for("If (True)\nEnd if") == ""


# ------------------------------------------------------------------ running entries


def test_value_display_forms(repl: Repl) -> None:
    assert repl.push("$x:=5") == ""
    assert repl.push("$x*2") == "10\n"
    assert repl.push('"text " + String($x)') == "text 5\n"
    assert repl.push("1/4") == "0.25\n"
    assert repl.push("$x>3") == "True\n"
    assert repl.push('{a: 1; b: "x"}') == '{"a":1,"b":"x"}\n'
    assert repl.push('New collection(1; "two")') == '[1,"two"]\n'
    assert repl.push("!2024-01-31!") == "01/31/2024\n"
    assert repl.push("?01:02:03?") == "01:02:03\n"
    assert repl.push("Null") == "null\n"


def test_commands_without_result_print_only_their_output(repl: Repl) -> None:
    assert repl.push('ALERT("hello")') == "hello\n"
    assert repl.push('LOG EVENT(Into system standard outputs; "logged")') == "logged\n"


def test_multi_line_block_runs_when_complete(repl: Repl) -> None:
    assert repl.push("$a:=5") == ""
    assert repl.push("If ($a>3)") == ""
    assert repl.needs_more
    assert repl.push('  ALERT("big")') == ""
    assert repl.push("Else") == ""
    assert repl.push('  ALERT("small")') == ""
    assert repl.push("End if") == "big\n"
    assert not repl.needs_more


def test_line_continuation_and_open_parenthesis(repl: Repl) -> None:
    assert repl.push("$s:=1+\\") == ""
    assert repl.push("2") == ""
    assert repl.push("$s") == "3\n"
    assert repl.push('$t:=Substring("abcdef";') == ""
    assert repl.push("2; 3)") == ""
    assert repl.push("$t") == "bcd\n"


def test_error_keeps_variables(repl: Repl, feed: Any) -> None:
    feed(repl, "$kept:=42", '$o:=New object("k"; 1)')
    out = repl.push("$bad:=Substring(1)")
    assert "<repl>:1:7: error 90013:" in out
    assert "^" in out
    assert repl.push("$kept") == "42\n"
    assert repl.push("$o.k") == "1\n"
    out = repl.push("$kept:=$nothere+1")
    assert "error 90030" in out and "$nothere" in out
    assert repl.push("$kept") == "42\n"


def test_syntax_error_is_reported_in_4d_format(repl: Repl) -> None:
    out = repl.push("$x:=:")
    assert out.startswith("<repl>:1:")
    assert "error 90001" in out
    assert repl.errors == 1
    assert repl.push("1+1") == "2\n"


def test_statements_before_the_shown_expression_run_first(repl: Repl, feed: Any) -> None:
    out = feed(repl, "If (True)", "$n:=3", "End if")
    assert out == ""
    assert repl.push("$n+1") == "4\n"


def test_process_and_interprocess_variables_persist(repl: Repl, feed: Any) -> None:
    feed(repl, "counter:=7", '<>shared:="all"')
    assert repl.push("counter") == "7\n"
    assert repl.push("<>shared") == "all\n"


def test_storage_and_use_persist_between_entries(repl: Repl, feed: Any) -> None:
    out = feed(
        repl,
        "Use (Storage)",
        '  Storage.config:=New shared object("level"; 1)',
        "End use",
        "Use (Storage.config)",
        "  Storage.config.level:=Storage.config.level+1",
        "End use",
        "Storage.config.level",
    )
    assert out == "2\n"
    assert "error 90050" in repl.push("Storage.config.level:=5")


def test_undefined_member_shows_undefined(repl: Repl) -> None:
    repl.push("$o:={}")
    assert repl.push("$o.missing") == "undefined\n"


# ------------------------------------------------------------------ Ctrl-C


def _when(ready: Callable[[], bool], action: Callable[[], None]) -> threading.Thread:
    """A thread that calls `action` once `ready()` holds (the loop under test is running)."""

    def watch() -> None:
        deadline = time.monotonic() + HANG
        while not ready() and time.monotonic() < deadline:
            time.sleep(0.005)
        action()

    t = threading.Thread(target=watch, daemon=True)
    t.start()
    return t


def _above(repl: Repl, name: str, limit: float) -> Callable[[], bool]:
    return lambda: isinstance(repl.lookup(name), (int, float)) and repl.lookup(name) > limit


def test_runaway_loop_stopped_by_stop_request_keeps_session(repl: Repl) -> None:
    repl.push("$i:=0")
    main_proc = repl.runtime.main
    _when(_above(repl, "$i", 0), lambda: setattr(main_proc, "stop_requested", True))
    assert repl.push("While (True)") == ""
    assert repl.push("  $i:=$i+1") == ""
    out = repl.push("End while")
    assert out == "Interrupted at <repl>:1\n    While (True)\n"  # where the entry stopped
    assert main_proc.stop_requested is False
    assert repl.push("$i>0") == "True\n"
    assert repl.push('ALERT("still here")') == "still here\n"


def test_interrupt_stops_a_for_loop(repl: Repl) -> None:
    _when(_above(repl, "$k", 1), repl.interrupt)
    out = repl.push("For ($k; 1; 1000000000)\nEnd for")
    assert out == "Interrupted at <repl>:1\n    For ($k; 1; 1000000000)\n"
    assert repl.push("$k>1") == "True\n"


def _sigint_during_parse(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the next parse receive SIGINT, as a Ctrl-C typed right after Enter would."""
    import mini4d.parser

    real = mini4d.parser.parse_source
    sent: list[int] = []

    def parse(source: Any) -> Any:
        if not sent:
            sent.append(1)
            os.kill(os.getpid(), signal.SIGINT)
        return real(source)

    monkeypatch.setattr(mini4d.parser, "parse_source", parse)
    return sent


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="POSIX signals")
def test_ctrl_c_before_the_first_statement_stops_the_entry(repl: Repl, monkeypatch: pytest.MonkeyPatch) -> None:
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        sent = _sigint_during_parse(monkeypatch)
        out = repl.push('$n:=0\nALERT("ran")\nWhile (True)\n\t$n:=$n+1\nEnd while')
        assert sent == [1]
        assert out == "Interrupted\n"  # not one statement ran
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, old)
    # The request ended with its entry: the next one runs in full.
    assert repl.runtime.main.stop_requested is False
    assert repl.push('$n:=5\nALERT("next")\n$n') == "next\n5\n"


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="POSIX signals")
def test_ctrl_c_while_an_entry_runs_stops_only_that_entry(repl: Repl) -> None:
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    main_thread = threading.get_ident()
    try:
        _when(_above(repl, "$n", 10), lambda: signal.pthread_kill(main_thread, signal.SIGINT))
        out = repl.push("$n:=0\nWhile (True)\n\t$n:=$n+1\nEnd while")
    finally:
        signal.signal(signal.SIGINT, old)
    assert out == "Interrupted at <repl>:2\n    While (True)\n"
    assert repl.push("$m:=0\nFor ($i; 1; 1000)\n\t$m:=$m+1\nEnd for\n$m") == "1000\n"


# ------------------------------------------------------------------ meta commands


def test_help_meta_command(repl: Repl) -> None:
    out = repl.push("%help ALERT")
    assert out.startswith("ALERT(message : Text")
    assert "command 41" in out and "theme Communications" in out
    assert "%vars" in repl.push("%help")
    assert "not supported by mini4d" in repl.push("%help SET MENU BAR")
    assert 'did you mean "ALERT"' in repl.push("%help ALRT")
    assert repl.push("%help Substring:C12").startswith("Substring(")
    assert "Is text (K8:3): constant = 2" in repl.push("%help is TEXT")


def test_vars_reset_and_sessions(repl: Repl, feed: Any) -> None:
    feed(repl, "$x:=1", '$name:="Ann"', "total:=3")
    out = repl.push("%vars")
    assert "$x : Real = 1" in out
    assert "$name : Text = Ann" in out
    assert "total : Real = 3" in out
    sessions = repl.push("%sessions")
    assert "(default)" in sessions and "process 1 'Main'" in sessions
    assert "reset" in repl.push("%reset")
    assert "error 90030" in repl.push("$x")
    assert repl.push("%vars") == "No variables yet.\n"


def test_load_runs_a_file_in_the_session(repl: Repl, tmp_path: Path) -> None:
    f = tmp_path / "setup.4dm"
    f.write_text('$greeting:="hi"\nALERT("loaded")\n', encoding="utf-8")
    assert repl.push(f"%load {f}") == "loaded\n"
    assert repl.push("$greeting") == "hi\n"
    assert "No such file" in repl.push(f"%load {tmp_path / 'missing.4dm'}")


def test_quit_and_unknown_meta(repl: Repl) -> None:
    assert repl.run_cell("%quit").quit
    assert "Unknown meta command %frob" in repl.push("%frob")


# ------------------------------------------------------------------ completion


def test_completion_of_multi_word_commands_case_insensitive() -> None:
    found = complete("$o:=new sha")
    assert found.matches == ["New shared collection", "New shared object"]
    assert found.start == 4
    assert "ALERT" in complete("ale").matches
    assert "Is text" in complete("$t:=Is te").matches
    assert complete("var $x : Te").matches == ["Text"]
    assert "End if" in complete("End i").matches


def test_completion_of_variables_and_keys(repl: Repl, feed: Any) -> None:
    feed(
        repl, '$order:={id: 1; customer: {name: "A"; city: "B"}}', "$count:=2", "$items:=New collection(1)", "tally:=1"
    )
    assert repl.complete("$o").matches == ["$order"]
    assert repl.complete("ALERT($c").matches == ["$count"]
    assert repl.complete("$order.").matches == ["customer", "id"]
    found = repl.complete("$x:=$order.customer.ci")
    assert found.matches == ["city"] and found.start == len("$x:=$order.customer.")
    assert "push" in repl.complete("$items.pu").matches
    assert "tally" in repl.complete("tal").matches


def test_completion_context_sees_interprocess(repl: Repl) -> None:
    repl.push("<>limit:=10")
    assert repl.complete("<>li").matches == ["<>limit"]


# ------------------------------------------------------------------ piped input and the CLI


def test_piped_input_runs_entries(cli: Any) -> None:
    code, out, _err = cli([], stdin='ALERT("x")\nIf (True)\nALERT("in block")\nEnd if\n1+2\n')
    assert code == 0
    assert out == "x\nin block\n3\n"


def test_piped_input_error_sets_exit_code_and_goes_on(cli: Any) -> None:
    code, out, err = cli([], stdin="$a:=1\n$b:=Substring(1)\nALERT(String($a))\n")
    assert code == 1
    assert out == "1\n"
    assert "error 90013" in err


def test_piped_failed_meta_commands_set_the_exit_code(cli: Any, tmp_path: Path) -> None:
    """A %load that cannot read its file (or an unknown meta command) is an error: said on stderr, exit 1."""
    missing = tmp_path / "nosuch.4dm"
    code, out, err = cli([], stdin=f'%load {missing}\nALERT("goes on")\n')
    assert (code, out) == (1, "goes on\n")
    assert err == f"%load: {missing}: No such file or directory\n"
    code, out, err = cli([], stdin="%frob\n")
    assert (code, out, err) == (1, "", "Unknown meta command %frob; %help lists them.\n")
    good = tmp_path / "ok.4dm"
    good.write_text('ALERT("loaded")\n', encoding="utf-8")
    assert cli([], stdin=f"%load {good}\n%vars\n")[:2] == (0, "loaded\nNo variables yet.\n")


def test_piped_unfinished_block_is_reported(cli: Any) -> None:
    code, _out, err = cli([], stdin='If (True)\nALERT("x")\n')
    assert code == 1
    assert "If" in err and "End if" in err


def test_echo_into_mini4d_prints() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mini4d"], input='ALERT("x")\n', capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.stdout == "x\n"
    assert proc.returncode == 0


def test_history_path_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MINI4D_HISTORY", str(tmp_path / "h"))
    assert history_path() == tmp_path / "h"
    monkeypatch.delenv("MINI4D_HISTORY")
    assert history_path() == Path.home() / ".mini4d_history"


# ------------------------------------------------------------------ check --format json


def test_check_json_shape(tmp_path: Path) -> None:
    (tmp_path / "good.4dm").write_text('ALERT("ok")\n', encoding="utf-8")
    (tmp_path / "bad.4dm").write_text('$x:=1\nIf (True)\nALERT("x")\n', encoding="utf-8")
    out = io.StringIO()
    code = main(["check", "--format", "json", str(tmp_path)], stdout=out, stderr=io.StringIO())
    assert code == 65
    report = json.loads(out.getvalue())
    assert report["files"] == 2 and report["errors"] == 1
    (diag,) = report["diagnostics"]
    assert set(diag) >= {"path", "line", "column", "code", "severity", "message"}
    assert diag["path"].endswith("bad.4dm")
    assert diag["line"] == 2 and diag["column"] == 1
    assert diag["code"] == 90001 and diag["severity"] == "error"
    assert "End if" in diag["message"]


def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    from mini4d import repl as R

    monkeypatch.setenv("NO_COLOR", "1")
    assert not R._use_color()
    monkeypatch.delenv("NO_COLOR")
    assert R._use_color()
    colored = Repl(color=True)
    try:
        assert colored.push("$x:=Substring(1)").startswith("\x1b[31m")
    finally:
        colored.close()


def test_display_of_formulas_pointers_and_arrays(repl: Repl, feed: Any) -> None:
    assert repl.push("Formula(1+1)") == "Formula(1+1)\n"
    feed(repl, "$x:=1", "$p:=->$x")
    assert repl.push("$p") == "->$x\n"
    feed(repl, "ARRAY TEXT($names; 2)", '$names{1}:="a"')
    assert repl.push("$names") == '["a",""]\n'


def test_declare_in_an_entry_is_explained(repl: Repl) -> None:
    out = repl.push("#DECLARE($a : Integer)")
    assert "error 90001" in out and "run the file as a method" in out
