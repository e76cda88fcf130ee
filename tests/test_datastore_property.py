"""Property test: ORDA query results equal a pure-Python evaluation of the same query on the same rows.

The Python side uses only the language's own comparison rules (lang/values.py: text equality
ignoring case and accents, `@` wildcards, reals within 4D's epsilon, date order with the null date
first); the datastore pushes what it can into SQL and must find exactly the same entities.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent / "datastore"))

from harness import PG_DSN, company_runtime, drop_pg_schema, pg_schema_dsn  # noqa: E402
from mini4d.datastore import get_store  # noqa: E402
from mini4d.datastore.orda import datastore_object  # noqa: E402
from mini4d.datastore.query import run_query  # noqa: E402
from mini4d.values import Date4D, compare, fold, make_date, num_eq, text_eq  # noqa: E402

WORDS = ["Martin", "martin", "MARTÍN", "Émile", "emile", "Zoë", "zoe", "", "a b", "ab", "Ab", "straße", "b%c", "b_c"]
PATTERNS = WORDS + ["mart@", "@in", "@a@", "@", "z@", "@@", "é@", "@_@", "b%@", "Ab@"]
SALARIES = [0.0, 1.0, 1.0000001, 1.5, -2.0, 3000.0, 2999.9999995, 1e9]
DATES = [Date4D(0, 0, 0), make_date(1980, 1, 1), make_date(1999, 12, 31), make_date(2024, 2, 29)]

row_st = st.fixed_dictionaries(
    {
        "firstName": st.one_of(st.none(), st.sampled_from(WORDS)),
        "salary": st.one_of(st.none(), st.sampled_from(SALARIES)),
        "birthDate": st.one_of(st.none(), st.sampled_from(DATES)),
        "active": st.one_of(st.none(), st.booleans()),
        "departmentID": st.one_of(st.none(), st.integers(min_value=1, max_value=3)),
    }
)
OPS = ["=", "===", "#", "!==", "<", ">", "<=", ">="]


def crit_st() -> Any:
    text = st.tuples(st.just("firstName"), st.sampled_from(OPS + ["IN"]), st.sampled_from(PATTERNS))
    num = st.tuples(st.just("salary"), st.sampled_from(OPS), st.sampled_from(SALARIES + [2.5, 1.0000005]))
    date = st.tuples(st.just("birthDate"), st.sampled_from(OPS), st.sampled_from(DATES))
    boolean = st.tuples(st.just("active"), st.sampled_from(["=", "#"]), st.booleans())
    dep = st.tuples(st.just("departmentID"), st.sampled_from(OPS), st.integers(min_value=0, max_value=4).map(float))
    null = st.tuples(
        st.sampled_from(["firstName", "salary", "birthDate", "departmentID"]), st.sampled_from(["=", "#"]), st.none()
    )
    return st.one_of(text, num, date, boolean, dep, null)


query_st = st.recursive(
    crit_st().map(lambda c: ("cmp",) + c),
    lambda inner: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), inner, inner),
        st.tuples(st.just("not"), inner),
    ),
    max_leaves=4,
)


def oracle_cmp(x: Any, op: str, v: Any) -> bool:
    if v is None:
        return (x is None) if op == "=" else (x is not None)
    if op in ("#", "!=="):
        return x is not None and not oracle_cmp(x, "=" if op == "#" else "===", v)
    if x is None:
        return False
    if op == "IN":
        return any(oracle_cmp(x, "=", e) for e in v)
    if type(x) is str:
        if op == "=":
            return text_eq(x, v)
        if op == "===":
            return fold(x) == fold(v)
        return compare(x, v, op)
    if type(x) is bool:
        return x is v if op == "=" else False
    if type(x) is float:
        if op in ("=", "==="):
            return num_eq(x, v)
        return compare(x, v, op)
    if op in ("=", "==="):
        return x == v
    return compare(x, v, op)


def oracle(node: tuple, row: dict[str, Any]) -> bool:
    if node[0] == "and":
        return oracle(node[1], row) and oracle(node[2], row)
    if node[0] == "or":
        return oracle(node[1], row) or oracle(node[2], row)
    if node[0] == "not":
        return not oracle(node[1], row)
    _, attr, op, v = node
    x = row[attr]
    if attr == "departmentID" and x is not None:
        x = float(x)
    if op == "IN":
        v = [v]
    return oracle_cmp(x, op, v)


def to_text(node: tuple, values: list[Any]) -> str:
    if node[0] in ("and", "or"):
        return f"({to_text(node[1], values)} {node[0]} {to_text(node[2], values)})"
    if node[0] == "not":
        return f"not({to_text(node[1], values)})"
    _, attr, op, v = node
    if v is None:
        return f"{attr} {op} null"
    values.append([v] if op == "IN" else v)
    from mini4d.values import Coll

    if op == "IN":
        values[-1] = Coll([v])
    return f"{attr} {op} :{len(values)}"


@pytest.fixture(scope="module", params=["sqlite"] + (["postgresql"] if PG_DSN else []))
def company(request: pytest.FixtureRequest) -> Any:
    schema = ""
    data = ":memory:"
    if request.param == "postgresql":
        data, schema = pg_schema_dsn(PG_DSN)
    rt = company_runtime(io.StringIO(), io.StringIO(), data, seed=False)
    from mini4d.values import set_current_process

    set_current_process(rt.main)
    store = get_store(rt)
    yield rt, store, datastore_object(store).dataclass(store.schema.table_named("Employee"))
    store.close()
    if schema:
        drop_pg_schema(PG_DSN, schema)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(row_st, min_size=0, max_size=12), q=query_st)
def test_query_matches_python_evaluation(company: Any, rows: list[dict[str, Any]], q: tuple) -> None:
    rt, store, dc = company
    eng = store.need_engine()
    proc = rt.main
    t = dc.table
    eng.write(proc, lambda c: eng.execute(c, f"DELETE FROM {t.sql}"))
    recs = []
    for row in rows:
        e = dc.new(None)
        for k, v in row.items():
            e.set_4d_property(k, float(v) if type(v) is int else v)
        r = e.rec()
        res = store.save(proc, r, fire_trigger=False)
        assert res.status == 0, res.error
        recs.append(r.rec)
    from mini4d.datastore.codec import blank

    for row in rows:  # fields that map Null to blank values (never_null) hold the blank value
        for k in list(row):
            fld = t.field_named(k)
            if row[k] is None and fld is not None and fld.never_null:
                row[k] = blank(fld.kind)
                if fld.kind == "int32":
                    row[k] = 0
    values: list[Any] = []
    text = to_text(q, values)
    got, _ = run_query(None, dc, text, values, None)
    expected = [rec for rec, row in zip(recs, rows, strict=True) if oracle(q, row)]
    assert sorted(got) == sorted(expected), text
