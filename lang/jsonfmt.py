"""JSON text of 4D values (JSON Stringify) and 4D values from JSON (JSON Parse)."""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .errors import ERR_JSON, FourDError, nested_too_deeply
from .values import UNDEFINED, Coll, Date4D, Obj, Time4D

__all__ = ["parse", "stringify", "symbols"]

_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESC = re.compile(r'["\\\x00-\x1f]')


def _quote(s: str) -> str:
    if _NEEDS_ESC.search(s) is None:
        return '"' + s + '"'
    return '"' + _NEEDS_ESC.sub(lambda m: _ESC.get(m.group(), f"\\u{ord(m.group()):04x}"), s) + '"'


def json_number(x: float) -> str:
    if type(x) is int:
        return str(x)
    if math.isnan(x) or math.isinf(x):
        return "null"
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    # 15 significant digits, as 4D writes reals in JSON (0.1+0.2 gives 0.3, 1/3 0.333333333333333).
    s = f"{x:.15g}"
    if "e" in s:
        mant, exp = s.split("e")
        s = f"{mant}e{exp[0] if exp[0] in '+-' else '+'}{exp.lstrip('+-').lstrip('0') or '0'}"
    return s


def stringify(v: Any, pretty: bool = False) -> str:
    """JSON Stringify: compact, or pretty (tab indentation) with `*`."""
    parts: list[str] = []
    try:
        _emit(v, parts, pretty, 0, set())
    except RecursionError:
        raise nested_too_deeply("JSON Stringify") from None
    return "".join(parts)


def _emit(v: Any, out: list[str], pretty: bool, depth: int, seen: set[int]) -> None:
    t = type(v)
    if t is str:
        out.append(_quote(v))
    elif t is float or t is int:
        out.append(json_number(v))
    elif t is bool:
        out.append("true" if v else "false")
    elif v is None or v is UNDEFINED:
        out.append("null")
    elif isinstance(v, Date4D):
        out.append('""' if v.is_null else _quote(v.iso()))
    elif isinstance(v, Time4D):
        out.append(json_number(v.s))
    elif isinstance(v, Coll):
        if id(v) in seen:
            raise FourDError(ERR_JSON, "JSON Stringify: circular reference")
        seen.add(id(v))
        if not v:
            out.append("[]")
        elif pretty:
            out.append("[\n")
            pad = "\t" * (depth + 1)
            for i, item in enumerate(v):
                out.append(pad)
                _emit(None if item is UNDEFINED else item, out, pretty, depth + 1, seen)
                out.append(",\n" if i < len(v) - 1 else "\n")
            out.append("\t" * depth + "]")
        else:
            out.append("[")
            for i, item in enumerate(v):
                if i:
                    out.append(",")
                _emit(item, out, pretty, depth + 1, seen)
            out.append("]")
        seen.discard(id(v))
    elif isinstance(v, Obj):
        if id(v) in seen:
            raise FourDError(ERR_JSON, "JSON Stringify: circular reference")
        seen.add(id(v))
        items = [(k, x) for k, x in _json_items(v) if x is not UNDEFINED]
        if not items:
            out.append("{}")
        elif pretty:
            out.append("{\n")
            pad = "\t" * (depth + 1)
            for i, (k, x) in enumerate(items):
                out.append(pad + _quote(k) + ": ")
                _emit(x, out, pretty, depth + 1, seen)
                out.append(",\n" if i < len(items) - 1 else "\n")
            out.append("\t" * depth + "}")
        else:
            out.append("{")
            for i, (k, x) in enumerate(items):
                if i:
                    out.append(",")
                out.append(_quote(k) + ":")
                _emit(x, out, pretty, depth + 1, seen)
            out.append("}")
        seen.discard(id(v))
    elif getattr(v, "is_pointer", False):
        # JSON Stringify evaluates pointers (docs/commands-legacy/json-stringify.md).
        _emit(v.get(), out, pretty, depth, seen)
    else:
        to_json = getattr(v, "to_json", None)
        if to_json is not None:
            _emit(to_json(), out, pretty, depth, seen)
        else:
            out.append('"[object ' + getattr(v, "class_name", "Object") + ']"')


def _json_items(o: Obj) -> list[tuple[str, Any]]:
    items = getattr(o, "json_items", None)
    if items is not None:
        return items()
    return list(dict.items(o))


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _from_py(v: Any, dates: bool) -> Any:
    t = type(v)
    if t is dict:
        o = Obj()
        for k, x in v.items():
            dict.__setitem__(o, k, _from_py(x, dates))
        return o
    if t is list:
        return Coll([_from_py(x, dates) for x in v])
    if t is int:
        return float(v)
    if t is str and dates and _ISO_DATE.match(v):
        y, m, d = (int(p) for p in v.split("-"))
        from .values import make_date

        dt = make_date(y, m, d)
        return dt if not dt.is_null else v
    return v


def parse(text: str, dates: bool = True) -> Any:
    """JSON Parse: objects, collections, numbers as Real, "YYYY-MM-DD" as dates."""
    try:
        value = json.loads(text, parse_constant=_bad_constant)
        return _from_py(value, dates)
    except RecursionError:
        raise nested_too_deeply("JSON Parse") from None
    except ValueError as exc:
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        pos = f" at position {exc.pos + 1}" if isinstance(exc, json.JSONDecodeError) else ""
        raise FourDError(ERR_JSON, f"JSON Parse: invalid JSON ({msg}{pos})") from None


def _bad_constant(name: str) -> Any:
    raise ValueError(f"unexpected {name}")


_WS = re.compile(r"[ \t\n\r]*")


def symbols(text: str) -> dict[str, tuple[int, int]]:
    """Line (1-based) and offset in the line (0-based) of every property path (JSON Parse with `*`)."""
    out: dict[str, tuple[int, int]] = {}
    dec = json.JSONDecoder()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def where(pos: int) -> tuple[int, int]:
        import bisect

        i = bisect.bisect_right(line_starts, pos) - 1
        return i + 1, pos - line_starts[i]

    def skip(pos: int) -> int:
        return _WS.match(text, pos).end()

    def value(pos: int, path: str) -> int:
        pos = skip(pos)
        c = text[pos : pos + 1]
        if c == "{":
            pos = skip(pos + 1)
            if text[pos : pos + 1] == "}":
                return pos + 1
            while True:
                pos = skip(pos)
                key, end = dec.raw_decode(text, pos)
                sub = f"{path}.{key}" if path else str(key)
                out[sub] = where(pos)
                pos = skip(end)
                pos = value(pos + 1, sub)  # after ':'
                pos = skip(pos)
                if text[pos : pos + 1] == ",":
                    pos += 1
                    continue
                return pos + 1
        if c == "[":
            pos = skip(pos + 1)
            if text[pos : pos + 1] == "]":
                return pos + 1
            i = 0
            while True:
                pos = value(pos, f"{path}[{i}]")
                pos = skip(pos)
                i += 1
                if text[pos : pos + 1] == ",":
                    pos += 1
                    continue
                return pos + 1
        _, end = dec.raw_decode(text, pos)
        return end

    value(0, "")
    return out
