"""The LALR loop of lang/lalr.py gives what Lark's own `parse` gives: same nodes, same errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from lark.exceptions import UnexpectedInput
from mini4d import parser as P
from mini4d.build import set_build_source
from mini4d.lalr import run
from mini4d.source import Source

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "scripts").rglob("*.4dm"))]
TEXTS += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.4dm"))]
BROKEN = [
    "$a:=1 2\n",
    "$a:=§\n",
    '$a:="unclosed\n',
    "If (True)\n",
    "End if\n",
    "For ($i;1;2)\nEnd if\n",
    "Case of\n$x:=1\nEnd case\n",
    "$x:=(1+\n",
    "",
    "\n\n",
    "ALERT(1)",
]


def _outcome(how: str, text: str) -> object:
    parser = P.get_parser()
    source = Source("t.4dm", text)
    prepared = P._prepared(source)
    set_build_source(source)
    try:
        if how == "lark":
            return repr(parser.parse(prepared))
        return repr(run(parser.parse_interactive(prepared)))
    except UnexpectedInput as exc:
        tok = getattr(exc, "token", None)
        return (
            type(exc).__name__,
            getattr(exc, "pos_in_stream", None),
            getattr(tok, "type", None),
            str(tok),
            sorted(getattr(exc, "expected", None) or ()),
        )
    except Exception as exc:  # noqa: BLE001 - errors of the builder: same type and text
        return (type(exc).__name__, str(exc))
    finally:
        set_build_source(None)


@pytest.mark.parametrize("text", TEXTS + BROKEN)
def test_same_result_as_lark(text: str) -> None:
    assert _outcome("mine", text) == _outcome("lark", text)


def test_texts_were_found() -> None:
    assert len(TEXTS) > 150
