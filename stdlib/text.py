"""Strings: String, Num, Length, Substring, Position, Replace string, case, characters."""

from __future__ import annotations

import re
import uuid
from typing import Any

from lang.errors import ERR_ARG_TYPE, FourDError
from lang.registry import Ref, command, constant
from lang.values import UNDEFINED, Date4D, Time4D, fold, format_number, to_text

for _name, _value in [
    ("sk strict", 0),
    ("sk char codes", 1),
    ("sk case insensitive", 2),
    ("sk diacritic insensitive", 4),
    ("sk kana insensitive", 8),
    ("sk width insensitive", 16),
    ("sk whole word", 32),
    ("sk ignore empty strings", 1),
    ("sk trim spaces", 2),
]:
    constant(_name, _value, theme="Strings")

constant("Tab", "\t", theme="ASCII Codes")
constant("Carriage return", "\r", theme="ASCII Codes")
constant("Line feed", "\n", theme="ASCII Codes")
constant("CR", "\r", theme="ASCII Codes")
constant("LF", "\n", theme="ASCII Codes")


@command("String", 10, "String")
def string(ctx: Any, value: Any, *fmt: Any) -> str:
    """Text form of a value, with an optional display format."""
    if not fmt:
        return to_text(value)
    fmt_hook = ctx.runtime.interp.hooks.get("string_format")
    if fmt_hook is not None:
        return fmt_hook(ctx, value, *fmt)
    return to_text(value)


_NUM_RX = re.compile(r"[0-9]")


@command("Num", 11, "String")
def num(value: Any, separator: str = ".") -> float:
    """Number from a text (letters skipped), a Boolean or a number."""
    t = type(value)
    if t is float or t is int:
        return float(value)
    if t is bool:
        return 1.0 if value else 0.0
    if value is UNDEFINED or value is None:
        return 0.0
    if t is Time4D:
        return float(value.s)
    if t is Date4D:
        raise FourDError(ERR_ARG_TYPE, "Num does not accept a date")
    if t is not str:
        raise FourDError(ERR_ARG_TYPE, f"Num does not accept this value")
    return parse_num(value, separator or ".")


def parse_num(text: str, sep: str = ".") -> float:
    """4D's Num(text): digits are kept, other characters skipped; `-` before digits is a sign."""
    digits = []
    seen_digit = False
    seen_sep = False
    negative = False
    exp = ""
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c.isdigit() and c.isascii():
            digits.append(c)
            seen_digit = True
        elif text.startswith(sep, i) and not seen_sep:
            digits.append(".")
            seen_sep = True
            i += len(sep)
            continue
        elif c == "-":
            if seen_digit:
                break
            negative = True
        elif c in "eE" and seen_digit:
            m = re.match(r"[eE]([+-]?\d+)", text[i:])
            if m:
                exp = m.group(1)
                break
        i += 1
    s = "".join(digits)
    if not s or s == ".":
        return 0.0
    try:
        v = float(s + ("e" + exp if exp else ""))
    except ValueError:
        return 0.0
    return -v if negative else v


@command("Length", 16, "String")
def length(text: str) -> float:
    """Number of characters of a text."""
    return float(len(text))


@command("Substring", 12, "String")
def substring(source: str, first: int, count: int = -1) -> str:
    """Part of a text from position `first` (1-based), `count` characters or to the end."""
    if first < 1:
        first = 1
    if first > len(source):
        return ""
    if count < 0 and count != -1:
        return ""
    if count == -1:
        return source[first - 1 :]
    return source[first - 1 : first - 1 + count]


@command("Position", 15, "String")
def position(find: str, text: str, start: int = 1, length_found: Ref | None = None, *, star: bool = False) -> float:
    """1-based position of `find` in `text` (0 if absent); case/accent-insensitive unless `*`."""
    if find == "" or text == "":
        if length_found is not None:
            length_found.set(0.0)
        return 0.0
    if start < 1:
        start = 1
    if star:
        idx = text.find(find, start - 1)
        found_len = len(find)
    else:
        idx, found_len = _fuzzy_find(find, text, start - 1)
    if length_found is not None:
        length_found.set(float(found_len if idx >= 0 else 0))
    return float(idx + 1)


def _fuzzy_find(find: str, text: str, start: int) -> tuple[int, int]:
    f = fold(find)
    if text.isascii() and find.isascii():
        idx = text.lower().find(f, start)
        return idx, len(find) if idx >= 0 else 0
    # Fold character by character so positions map back to the original text.
    folded = [fold(c) for c in text]
    for i in range(start, len(text)):
        acc = ""
        j = i
        while j < len(text) and len(acc) < len(f):
            acc += folded[j]
            j += 1
        if acc == f or (acc.startswith(f) and False):
            return i, j - i
    return -1, 0


@command("Replace string", 233, "String")
def replace_string(source: str, old: str, new: str, how_many: int = -1, *, star: bool = False) -> str:
    """Replace occurrences of `old` (all, or the first `how_many`) by `new`."""
    if old == "":
        return source
    if star:
        return source.replace(old, new, how_many if how_many >= 0 else -1)
    out = []
    pos = 0
    count = 0
    while how_many < 0 or count < how_many:
        idx, n = _fuzzy_find(old, source, pos)
        if idx < 0:
            break
        out.append(source[pos:idx])
        out.append(new)
        pos = idx + max(n, 1)
        count += 1
    out.append(source[pos:])
    return "".join(out)


@command("Uppercase", 13, "String")
def uppercase(text: str, *, star: bool = False) -> str:
    """Text in capital letters (`*` keeps accents)."""
    return text.upper()


@command("Lowercase", 14, "String")
def lowercase(text: str, *, star: bool = False) -> str:
    """Text in small letters (`*` keeps accents)."""
    return text.lower()


@command("Char", 90, "String")
def char(code: int) -> str:
    """The character with this UTF-16 code."""
    if code < 0 or code > 0x10FFFF:
        return ""
    return chr(code)


@command("Character code", 91, "String")
def character_code(character: str) -> float:
    """Code of the first character of a text (0 for an empty text)."""
    if not character:
        return 0.0
    return float(ord(character[0]))


@command("Generate UUID", 1066, "Tools")
def generate_uuid(*, star: bool = False) -> str:
    """A new UUID: 32 uppercase hex digits without dashes."""
    return uuid.uuid4().hex.upper()


_ = format_number
