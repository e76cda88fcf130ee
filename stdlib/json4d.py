"""JSON: JSON Stringify, JSON Parse, JSON Validate."""

from __future__ import annotations

import math
import re
from typing import Any

from mini4d.core.api import json_symbols as symbols
from mini4d.core.api import parse_json as parse
from mini4d.core.api import stringify_json as stringify
from mini4d.errors import ERR_ARG_TYPE, ERR_JSON, ERR_NOT_SUPPORTED, FourDError
from mini4d.registry import Ref, command
from mini4d.values import UNDEFINED, Coll, Date4D, Obj, Time4D, equal


@command("JSON Stringify", 1217, "JSON")
def json_stringify(value: Any, *, star: bool = False) -> str:
    """JSON text of a value; `*` pretty-prints with tabs and line breaks."""
    if value is UNDEFINED:
        return ""
    return stringify(value, pretty=star)


@command("JSON Parse", 1218, "JSON")
def json_parse(text: str, type_: Any = UNDEFINED, *, star: bool = False) -> Any:
    """4D value from JSON text, optionally converted to a type; `*` adds `__symbols` (line, offset per path)."""
    value = parse(text)
    if type_ is not UNDEFINED and type_ is not None:
        if type(type_) not in (float, int):
            raise FourDError(ERR_ARG_TYPE, "JSON Parse: the type must be a type constant")
        t = int(type_)
        if t == 11 and type(value) in (float, int):
            value = Time4D(int(value))  # docs: a number parsed as Is time is a count of seconds
        elif t == 11 and type(value) is str and value.strip().lstrip("-").isdigit():
            value = Time4D(int(value))
        else:
            from mini4d.stdlib.objects import convert_to_type

            value = convert_to_type(value, t, "JSON Parse")
    if star and isinstance(value, Obj):
        table = Obj()
        for path, (line, offset) in symbols(text).items():
            pos = Obj()
            dict.__setitem__(pos, "line", float(line))
            dict.__setitem__(pos, "offset", float(offset))
            dict.__setitem__(table, path, pos)
        dict.__setitem__(value, "__symbols", table)
    return value


# ------------------------------------------------------------------ JSON Validate

_SUPPORTED_SCHEMAS = (
    "",
    "http://json-schema.org/draft-04/schema#",
    "http://json-schema.org/draft-04/schema",
    "https://json-schema.org/draft/2020-12/schema",
)

_UNSUPPORTED_KEYS = ("$dynamicRef", "$dynamicAnchor", "unevaluatedProperties", "unevaluatedItems", "dependentSchemas")


@command("JSON Validate", 1456, "JSON")
def json_validate(value: Any, schema: Any) -> Any:
    """Check a value against a JSON schema: {success; errors: [{code; jsonPath; message; schemaPaths}]}."""
    if not isinstance(schema, Obj):
        raise FourDError(ERR_ARG_TYPE, "JSON Validate: the schema must be an object")
    version = schema.get("$schema", "")
    if type(version) is not str or version not in _SUPPORTED_SCHEMAS:
        raise FourDError(ERR_JSON, f"JSON Validate: unsupported schema version {version!r}")
    symbols_table = None
    if isinstance(value, Obj) and isinstance(dict.get(value, "__symbols"), Obj):
        # Parsed with JSON Parse(...; *): positions are reported, __symbols is not validated.
        symbols_table = dict.get(value, "__symbols")
        value = Obj({k: x for k, x in dict.items(value) if k != "__symbols"})
    v = _Validator(schema)
    v.check(value, schema, "$", "#")
    result = Obj()
    dict.__setitem__(result, "success", not v.errors)
    if v.errors:
        errs = Coll()
        for code, path, message, spath in v.errors:
            e = Obj()
            dict.__setitem__(e, "code", float(code))
            dict.__setitem__(e, "jsonPath", path)
            pos = symbols_table.get(path[2:]) if symbols_table is not None else None
            if isinstance(pos, Obj):
                dict.__setitem__(e, "line", pos.get("line"))
                dict.__setitem__(e, "offset", pos.get("offset"))
            dict.__setitem__(e, "message", message)
            dict.__setitem__(e, "schemaPaths", spath)
            errs.append(e)
        dict.__setitem__(result, "errors", errs)
    return result


def _json_type(v: Any) -> str:
    t = type(v)
    if t is bool:
        return "boolean"
    if t is float or t is int:
        return "integer" if v == v and not math.isinf(v) and float(v).is_integer() else "number"
    if t is str or t is Date4D:
        return "string"
    if v is None or v is UNDEFINED:
        return "null"
    if isinstance(v, Coll):
        return "array"
    return "object"


def _show(v: Any) -> str:
    return v if type(v) is str else stringify(v)


class _Validator:
    def __init__(self, root: Obj):
        self.root = root
        self.errors: list[tuple[int, str, str, str]] = []

    def err(self, code: int, path: str, message: str, spath: str) -> None:
        self.errors.append((code, path, message, spath))

    def resolve(self, ref: str) -> Any:
        if not ref.startswith("#"):
            raise FourDError(ERR_NOT_SUPPORTED, f"JSON Validate: remote references ({ref}) are not supported by mini4d")
        node: Any = self.root
        for part in [p for p in ref[1:].split("/") if p]:
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Obj) and part in node:
                node = node[part]
            elif isinstance(node, Coll) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return node

    def valid(self, v: Any, schema: Any, path: str, spath: str) -> bool:
        sub = _Validator(self.root)
        sub.check(v, schema, path, spath)
        return not sub.errors

    def check(self, v: Any, s: Any, path: str, spath: str, depth: int = 0) -> None:
        if s is True or (isinstance(s, Obj) and not s):
            return
        if s is False:
            self.err(23, path, "The JSON is invalid against the value of 'not'.", spath)
            return
        if not isinstance(s, Obj):
            return
        if depth > 64:
            self.err(38, path, "Circular reference detected.", spath)
            return
        for k in _UNSUPPORTED_KEYS:
            if k in s:
                raise FourDError(ERR_NOT_SUPPORTED, f"JSON Validate: the '{k}' keyword is not supported by mini4d")
        if "$ref" in s:
            target = self.resolve(s["$ref"])
            if target is None:
                self.err(37, path, "Reference could not be resolved.", spath + "/$ref")
            else:
                self.check(v, target, path, s["$ref"], depth + 1)
        jt = _json_type(v)
        if "type" in s:
            types = list(s["type"]) if isinstance(s["type"], Coll) else [s["type"]]
            ok = jt in types or (jt == "integer" and "number" in types)
            if not ok:
                self.err(
                    20, path, f"Incorrect type. Expected type is: {', '.join(str(t) for t in types)}", spath + "/type"
                )
                return
        if "enum" in s and isinstance(s["enum"], Coll):
            if not any(_same(v, e) for e in s["enum"]):
                self.err(
                    19,
                    path,
                    f"Error while validating against 'enum' key. \"{_show(v)}\" does not match any enum element "
                    "in the schema.",
                    spath + "/enum",
                )
        if "const" in s and not _same(v, s["const"]):
            self.err(
                25, path, f"Value \"{_show(v)}\" does not match the 'const' value in the schema.", spath + "/const"
            )
        if jt in ("integer", "number"):
            self._numbers(v, s, path, spath)
        if jt == "string":
            text = v if type(v) is str else v.iso()
            self._strings(text, s, path, spath)
        if jt == "array":
            self._arrays(v, s, path, spath, depth)
        if jt == "object" and isinstance(v, Obj):
            self._objects(v, s, path, spath, depth)
        for k in ("allOf", "anyOf", "oneOf"):
            if k in s and isinstance(s[k], Coll):
                passed = [self.valid(v, sub, path, f"{spath}/{k}/{i}") for i, sub in enumerate(s[k])]
                if k == "allOf":
                    for i, sub in enumerate(s[k]):
                        self.check(v, sub, path, f"{spath}/allOf/{i}", depth + 1)
                elif k == "anyOf" and not any(passed):
                    self.err(22, path, "The JSON does not match any value.", spath + "/anyOf")
                elif k == "oneOf":
                    n = sum(passed)
                    if n == 0:
                        self.err(22, path, "The JSON does not match any value.", spath + "/oneOf")
                    elif n > 1:
                        self.err(21, path, "The JSON matches more than one value.", spath + "/oneOf")
        if "not" in s and self.valid(v, s["not"], path, spath + "/not"):
            self.err(23, path, "The JSON is invalid against the value of 'not'.", spath + "/not")
        if "if" in s:
            if self.valid(v, s["if"], path, spath + "/if"):
                if "then" in s:
                    self.check(v, s["then"], path, spath + "/then", depth + 1)
            elif "else" in s:
                self.check(v, s["else"], path, spath + "/else", depth + 1)

    def _numbers(self, v: float, s: Obj, path: str, spath: str) -> None:
        def num(k: str) -> float | None:
            x = s.get(k)
            return float(x) if type(x) in (float, int) else None

        mx, mn = num("maximum"), num("minimum")
        # draft 4: exclusiveMaximum/Minimum are Booleans modifying maximum/minimum
        ex_max = s.get("exclusiveMaximum")
        ex_min = s.get("exclusiveMinimum")
        if mx is not None:
            if ex_max is True and v >= mx:
                self.err(
                    4,
                    path,
                    f'The value provided should be less than specified in the schema ("{_show(mx)}").',
                    spath + "/exclusiveMaximum",
                )
            elif v > mx:
                self.err(
                    3,
                    path,
                    f'The value provided should not be greater than specified in the schema ("{_show(mx)}").',
                    spath + "/maximum",
                )
        if mn is not None:
            if ex_min is True and v <= mn:
                self.err(
                    6,
                    path,
                    f'The value provided should be greater than specified in the schema ("{_show(mn)}").',
                    spath + "/exclusiveMinimum",
                )
            elif v < mn:
                self.err(
                    5,
                    path,
                    f'The value provided should not be less than specified in the schema ("{_show(mn)}").',
                    spath + "/minimum",
                )
        if type(ex_max) in (float, int) and v >= ex_max:
            self.err(
                4,
                path,
                f'The value provided should be less than specified in the schema ("{_show(float(ex_max))}").',
                spath + "/exclusiveMaximum",
            )
        if type(ex_min) in (float, int) and v <= ex_min:
            self.err(
                6,
                path,
                f'The value provided should be greater than specified in the schema ("{_show(float(ex_min))}").',
                spath + "/exclusiveMinimum",
            )
        mult = num("multipleOf")
        if mult:
            q = v / mult
            if abs(q - round(q)) > 1e-9:
                self.err(2, path, "Error while validating against 'multipleOf' key.", spath + "/multipleOf")

    def _strings(self, text: str, s: Obj, path: str, spath: str) -> None:
        mx, mn = s.get("maxLength"), s.get("minLength")
        if type(mx) in (float, int) and len(text) > mx:
            self.err(7, path, "The string is longer than specified in the schema.", spath + "/maxLength")
        if type(mn) in (float, int) and len(text) < mn:
            self.err(8, path, "The string is shorter than specified in the schema.", spath + "/minLength")
        pat = s.get("pattern")
        if type(pat) is str:
            from mini4d.stdlib.text import compile_regex, regex_find

            if regex_find(compile_regex(pat), text) is None:
                self.err(
                    9, path, f'The string "{text}" does not match the pattern in the schema:{pat}.', spath + "/pattern"
                )
        fmt = s.get("format")
        if type(fmt) is str and not _format_ok(fmt, text):
            self.err(24, path, f'The string does not match ("{fmt}")', spath + "/format")

    def _arrays(self, v: Coll, s: Obj, path: str, spath: str, depth: int) -> None:
        mx, mn = s.get("maxItems"), s.get("minItems")
        if type(mx) in (float, int) and len(v) > mx:
            self.err(11, path, "The array contains more items than specified in the schema.", spath + "/maxItems")
        if type(mn) in (float, int) and len(v) < mn:
            self.err(12, path, "The array contains less items than specified in the schema.", spath + "/minItems")
        if s.get("uniqueItems") is True:
            for i in range(len(v)):
                if any(_same(v[i], v[j]) for j in range(i)):
                    self.err(
                        13,
                        f"{path}[{i}]",
                        "Error while validating an array. Elements are not unique. "
                        f'Another instance of "{_show(v[i])}" is already in the array.',
                        spath + "/uniqueItems",
                    )
                    break
        prefix = s.get("prefixItems")
        items = s.get("items")
        start = 0
        if isinstance(prefix, Coll):
            for i, sub in enumerate(prefix):
                if i < len(v):
                    self.check(v[i], sub, f"{path}[{i}]", f"{spath}/prefixItems/{i}", depth + 1)
            start = len(prefix)
        if isinstance(items, Coll):  # draft 4 tuple form
            for i, sub in enumerate(items):
                if i < len(v):
                    self.check(v[i], sub, f"{path}[{i}]", f"{spath}/items/{i}", depth + 1)
            if s.get("additionalItems") is False and len(v) > len(items):
                self.err(
                    10,
                    path,
                    "Error while validating an array. JSON contains more elements than specified in the schema.",
                    spath + "/additionalItems",
                )
        elif items is not None:
            for i in range(start, len(v)):
                self.check(v[i], items, f"{path}[{i}]", f"{spath}/items", depth + 1)
        if "contains" in s:
            n = sum(1 for x in v if self.valid(x, s["contains"], path, spath + "/contains"))
            lo = s.get("minContains", 1)
            hi = s.get("maxContains")
            if n == 0 and lo:
                self.err(
                    29, path, "Array does not contain any items matching the 'contains' schema.", spath + "/contains"
                )
            elif n < lo:
                self.err(
                    30,
                    path,
                    f"Array must contain at least {_show(float(lo))} items matching the 'contains' schema, "
                    f"but only {n} were found.",
                    spath + "/minContains",
                )
            if type(hi) in (float, int) and n > hi:
                self.err(
                    31,
                    path,
                    f"Array must contain at most {_show(float(hi))} items matching the 'contains' schema, "
                    f"but {n} were found.",
                    spath + "/maxContains",
                )

    def _objects(self, v: Obj, s: Obj, path: str, spath: str, depth: int) -> None:
        keys = list(dict.keys(v))
        mx, mn = s.get("maxProperties"), s.get("minProperties")
        if type(mx) in (float, int) and len(keys) > mx:
            self.err(
                14, path, "The number of properties is greater than specified in the schema.", spath + "/maxProperties"
            )
        if type(mn) in (float, int) and len(keys) < mn:
            self.err(
                15, path, "The number of properties is less than specified in the schema.", spath + "/minProperties"
            )
        req = s.get("required")
        if isinstance(req, Coll):
            for name in req:
                if name not in v:
                    self.err(16, path, f'The required property "{name}" is missing.', spath + "/required")
        props = s.get("properties") if isinstance(s.get("properties"), Obj) else Obj()
        patterns = s.get("patternProperties") if isinstance(s.get("patternProperties"), Obj) else Obj()
        extra = []
        for k in keys:
            matched = False
            if k in props:
                matched = True
                self.check(v[k], props[k], f"{path}.{k}", f"{spath}/properties/{k}", depth + 1)
            for pat, sub in dict.items(patterns):
                from mini4d.stdlib.text import compile_regex, regex_find

                if regex_find(compile_regex(pat), k):
                    matched = True
                    self.check(v[k], sub, f"{path}.{k}", f"{spath}/patternProperties/{pat}", depth + 1)
            if not matched:
                extra.append(k)
        add = s.get("additionalProperties", UNDEFINED)
        if add is False and extra:
            self.err(
                17,
                path,
                "No additional properties allowed by the schema. "
                f"The property(ies) {', '.join(extra)} should be removed.",
                spath + "/additionalProperties",
            )
        elif isinstance(add, Obj):
            for k in extra:
                self.check(v[k], add, f"{path}.{k}", f"{spath}/additionalProperties", depth + 1)
        names = s.get("propertyNames")
        if names is not None:
            for k in keys:
                if not self.valid(k, names, path, spath + "/propertyNames"):
                    self.err(
                        28,
                        path,
                        f"Property name \"{k}\" does not validate against the 'propertyNames' schema.",
                        spath + "/propertyNames",
                    )
        deps = s.get("dependencies") if isinstance(s.get("dependencies"), Obj) else s.get("dependentRequired")
        if isinstance(deps, Obj):
            for k, need in dict.items(deps):
                if k not in v:
                    continue
                if isinstance(need, Coll):
                    for n in need:
                        if n not in v:
                            code = 18 if "dependencies" in s else 32
                            msg = (
                                f'The property "{k}" requires the property "{n}".'
                                if code == 18
                                else f'The property "{k}" requires the property "{n}" to be present.'
                            )
                            self.err(code, path, msg, spath + ("/dependencies" if code == 18 else "/dependentRequired"))
                elif isinstance(need, Obj):
                    self.check(v, need, path, f"{spath}/dependencies/{k}", depth + 1)


def _same(a: Any, b: Any) -> bool:
    """JSON equality (case-sensitive texts, deep objects and collections)."""
    if type(a) is str and type(b) is str:
        return a == b
    if isinstance(a, Coll) and isinstance(b, Coll):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, Obj) and isinstance(b, Obj):
        return set(dict.keys(a)) == set(dict.keys(b)) and all(_same(a[k], b[k]) for k in dict.keys(a))
    if type(a) is bool or type(b) is bool:
        return type(a) is type(b) and a == b
    return equal(a, b)


_FORMATS = {
    "email": re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    "date": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "date-time": re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"),
    "time": re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$"),
    "ipv4": re.compile(r"^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)$"),
    "uri": re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$"),
    "uuid": re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"),
}


def _format_ok(fmt: str, text: str) -> bool:
    rx = _FORMATS.get(fmt)
    return True if rx is None else rx.match(text) is not None


@command("JSON Stringify array", 1228, "JSON")
def json_stringify_array(array: Ref, *, star: bool = False) -> str:
    """JSON text of the elements of an array (element 0 excluded); `*` pretty-prints."""
    arr = array.get()
    if not getattr(arr, "is_4d_array", False):
        raise FourDError(ERR_ARG_TYPE, "JSON Stringify array expects an array")
    if arr.rows:
        raise FourDError(ERR_NOT_SUPPORTED, "JSON Stringify array of a 2-D array is not supported by mini4d")
    return stringify(Coll(arr.items[1:]), pretty=star)


@command("JSON PARSE ARRAY", 1219, "JSON")
def json_parse_array(text: str, array: Ref) -> None:
    """Fill an array with the elements of a JSON array text."""
    arr = array.get()
    if not getattr(arr, "is_4d_array", False):
        raise FourDError(ERR_ARG_TYPE, "JSON PARSE ARRAY expects an array")
    value = parse(text)
    if not isinstance(value, Coll):
        raise FourDError(ERR_JSON, "JSON PARSE ARRAY: the JSON text is not an array")
    arr.resize(0)
    for v in value:
        arr.append(arr.default() if v is None else v)
