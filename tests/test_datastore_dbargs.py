"""Arguments of the classic database commands: criteria split out of left-to-right expressions,
and bare operators as arguments (the OperatorArg nodes of the tokenized grammar)."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from harness import company_runtime  # noqa: E402
from mini4d import nodes as N  # noqa: E402
from mini4d.datastore import get_store  # noqa: E402
from mini4d.datastore.dbargs import split_criterion  # noqa: E402
from mini4d.interpreter import Code, Frame, Scope  # noqa: E402
from mini4d.parser import parse_source  # noqa: E402
from mini4d.source import Source  # noqa: E402


def _expr(text: str) -> Any:
    [stmt] = parse_source(Source("t", f"$x:={text}\n"))
    return stmt.value


def test_a_criterion_is_the_leftmost_comparison_and_the_rest_is_its_value() -> None:
    field, op, value = split_criterion(_expr('[Employee]lastName="a"+$x+"@"'))
    assert isinstance(field, N.Table) and field.text == "[Employee]lastName" and op == "="
    assert isinstance(value, N.Binary) and value.op == "+"  # ("a"+$x)+"@": evaluated as the value
    assert split_criterion(_expr("[Employee]salary>=1000*2"))[1] == ">="
    assert split_criterion(_expr("$a=1")) is None  # no field on the left
    assert split_criterion(_expr("[Employee]")) is None


@dataclass(frozen=True)
class OperatorArg:  # what the tokenized grammar builds for `&`, `|`, `#`, `=` as arguments
    op: str
    span: Any


def test_bare_operators_as_query_arguments() -> None:
    rt = company_runtime(io.StringIO(), io.StringIO(), ":memory:")
    from mini4d.values import set_current_process

    set_current_process(rt.main)
    get_store(rt)
    span = _expr("1").span
    tref = _expr("[Employee]")  # Table nodes as the parser builds them
    last = _expr("[Employee]lastName")
    salary = _expr("[Employee]salary")
    args = (
        tref,
        last,
        OperatorArg("=", span),
        N.Literal("mart@", span),
        OperatorArg("&", span),
        salary,
        N.SortOrder(True, span),  # `>` as a comparator
        N.Literal(4000.0, span),
    )
    node = N.Command("QUERY", 277, args, True, span)
    code = Code("t", None)
    fn = rt.interp.compile_expr(node, Scope(code, rt.interp))
    f = Frame(code, rt.main, [])
    fn(f)
    count = rt.interp.compile_expr(_expr("Records in selection([Employee])"), Scope(code, rt.interp))
    assert count(f) == 1.0  # Martin (5200); MARTIN earns 3900
    rt.extensions["datastore"].close()
