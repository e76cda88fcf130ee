"""Strings: String, Num, Length, Substring, Position, Replace string, case, regex, digests."""

from __future__ import annotations

import base64
import hashlib
import math
import re
import unicodedata
import warnings
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate
from typing import Any

import regex
from mini4d.core.api import run_interruptible
from mini4d.errors import ERR_ARG_TYPE, ERR_ARG_VALUE, ERR_NOT_SUPPORTED, FourDError
from mini4d.registry import Ref, command, constant
from mini4d.values import UNDEFINED, Coll, Date4D, Time4D, fold, round_half_away, to_text

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

# Digest Type (docs/commands-legacy/generate-digest.md).
constant("MD5 digest", 0, theme="Digest Type")
constant("SHA1 digest", 1, theme="Digest Type")
constant("_o_4D REST digest", 2, theme="Digest Type")
constant("SHA256 digest", 3, theme="Digest Type")
constant("SHA512 digest", 4, theme="Digest Type")

# ASCII Codes: character codes, used as Char(Carriage return), Char(Tab)...
for _name, _value, _token in [
    ("NUL ASCII code", 0, "K15:1"),
    ("Enter", 3, "K15:35"),
    ("Backspace", 8, "K15:36"),
    ("Tab", 9, "K15:37"),
    ("Line feed", 10, "K15:40"),
    ("Carriage return", 13, "K15:38"),
    ("Escape", 27, "K15:39"),
    ("Space", 32, "K15:42"),
    ("Double quote", 34, "K15:41"),
    ("Quote", 39, "K15:44"),
    ("Period", 46, "K15:45"),
    ("At sign", 64, "K15:46"),
    ("DEL ASCII code", 127, "K15:34"),
]:
    constant(_name, _value, token=_token, theme="ASCII Codes")

# ------------------------------------------------------------------ String


@command("String", 10, "String", forms={1: to_text})
def string(value: Any, fmt: Any = UNDEFINED, add_time: Any = UNDEFINED) -> str:
    """Text form of a value, with an optional number, date or time display format."""
    if fmt is UNDEFINED:
        if add_time is not UNDEFINED and type(value) is Date4D:
            from mini4d.stdlib.dates import format_date

            return format_date(value, 1, _time_arg(add_time))
        return to_text(value)
    t = type(value)
    if t is float or t is int:
        if type(fmt) is str:
            return format_number_with(value, fmt)
        if type(fmt) in (float, int):
            return radix_string(value, fmt)
        raise FourDError(ERR_ARG_TYPE, "String: the format must be a text or a number")
    if t is Date4D:
        from mini4d.stdlib.dates import format_date

        _check_fmt(fmt)
        return format_date(value, fmt, None if add_time is UNDEFINED else _time_arg(add_time))
    if t is Time4D:
        from mini4d.stdlib.dates import format_time

        _check_fmt(fmt)
        return format_time(value, fmt)
    # Text, Boolean, Null, Undefined: the format is ignored (docs/commands-legacy/string.md).
    return to_text(value)


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def radix_string(value: float, base: float) -> str:
    """`String(number; base)`: the number written in base 2 to 36 (0 means 10), as EcmaScript's
    `Number.prototype.toString(radix)` writes it; "NaN" for INF, -INF and the undefined number.

    docs/commands/string.md (4D 21): `String(254;16)` is "fe", `String(-10;2)` is "-1010",
    `String(1/0;10)` and `String(Log(-1);10)` are "NaN".
    """
    radix = int(base) if base == base and abs(base) < 2**31 else -1
    if radix == 0:
        radix = 10  # "the command determines the radix": a number is written in base 10
    if not 2 <= radix <= 36:
        raise FourDError(ERR_ARG_VALUE, f"String: the base must be between 2 and 36, got {to_text(base)}")
    x = float(value)
    if not math.isfinite(x):
        return "NaN"
    if x == 0:
        return "0"
    if radix == 10:
        return _es_decimal(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    integer = math.floor(x)
    fraction = x - integer
    # half the distance to the next Real: digits past it would not tell the number apart (V8's algorithm)
    delta = max(0.5 * (math.nextafter(x, math.inf) - x), math.nextafter(0.0, 1.0))
    frac: list[int] = []
    if fraction >= delta:
        while True:
            fraction *= radix
            delta *= radix
            digit = int(fraction)
            frac.append(digit)
            fraction -= digit
            if (fraction > 0.5 or (fraction == 0.5 and digit & 1)) and fraction + delta > 1:
                while True:  # round up, carrying into the integer part when every digit overflows
                    if not frac:
                        integer += 1
                        break
                    d = frac[-1] + 1
                    if d < radix:
                        frac[-1] = d
                        break
                    frac.pop()
                break
            if fraction < delta:
                break
    digits: list[str] = []
    n = float(integer)
    while n / radix >= 2.0**53:  # past 2^53 a Real has no units digit: zeros, as V8 writes them
        n /= radix
        digits.append("0")
    while True:
        r = math.fmod(n, radix)
        digits.append(_DIGITS[int(r)])
        n = (n - r) / radix
        if n <= 0:
            break
    text = sign + "".join(reversed(digits))
    return text + ("." + "".join(_DIGITS[d] for d in frac) if frac else "")


def _es_decimal(x: float) -> str:
    """EcmaScript's Number::toString(x) in base 10: the shortest digits, exponent from 1e21 and below 1e-6."""
    from decimal import Decimal

    sign, digit_tuple, exp = Decimal(repr(abs(x))).normalize().as_tuple()
    digits = "".join(map(str, digit_tuple))
    k = len(digits)
    n = k + int(exp)  # x = 0.digits * 10**n
    out = "-" if x < 0 else ""
    if k <= n <= 21:
        return out + digits + "0" * (n - k)
    if 0 < n <= 21:
        return out + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return out + "0." + "0" * -n + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{out}{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def _check_fmt(fmt: Any) -> None:
    if type(fmt) not in (str, float, int):
        raise FourDError(ERR_ARG_TYPE, "String: the format must be a text or a number")


def _time_arg(v: Any) -> Time4D:
    if type(v) is Time4D:
        return v
    if type(v) in (float, int):
        return Time4D(int(v))
    raise FourDError(ERR_ARG_TYPE, "String: addTime must be a time")


def format_number_with(x: float, fmt: str) -> str:
    """A number through a 4D number display format (FormObjects/properties_Display.md, "Number Format")."""
    if fmt.startswith("|"):
        raise FourDError(ERR_NOT_SUPPORTED, f"Custom display style {fmt!r} is not supported by mini4d")
    if fmt.startswith("&"):
        return _amp_format(x, fmt[1:])
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return to_text(x)
    sections = fmt.split(";")
    if len(sections) > 1:
        pos, neg = sections[0], sections[1]
        if x == 0 and len(sections) > 2:
            return sections[2]  # the zero part is displayed as typed, not interpreted
        if x < 0:
            return _apply_section(abs(x), neg, sign=False)
        return _apply_section(x, pos)
    return _apply_section(x, fmt)


_PH = "#0^*"
_FILL = {"#": "", "0": "0", "^": " ", "*": "*"}


def _has_placeholder(section: str) -> bool:
    return any(c in _PH for c in section)


def _amp_format(x: float, spec: str) -> str:
    if spec.lower() == "xml":
        return to_text(float(x))
    if spec in ("x", "$"):
        n = round_half_away(float(x)) & 0xFFFFFFFF
        if spec == "$":
            return "$" + format(n, "X")
        # docs: String(0 ?+ 7;"&x") = "0x0080", String(-1;"&x") = "0xFFFFFFFF"
        return "0x" + format(n, "04X" if n <= 0xFFFF else "08X")
    if spec.startswith("/") and spec[1:].isdigit():
        from mini4d.stdlib.dates import format_time

        return format_time(Time4D(round_half_away(float(x))), int(spec[1:]))
    if spec.isdigit() and int(spec) > 0:
        # "&3" shows 759.62 as 7.60e+2: that many significant digits.
        s = f"{float(x):.{int(spec) - 1}e}"
        mant, exp = s.split("e")
        return f"{mant}e{exp[0]}{int(exp[1:])}"
    raise FourDError(ERR_NOT_SUPPORTED, f"Number format &{spec} is not supported by mini4d")


def _apply_section(x: float, section: str, sign: bool = True) -> str:
    """Fill the #, 0, ^, * placeholders of one format section with the digits of x."""
    if not _has_placeholder(section):
        return section
    first = min(i for i, c in enumerate(section) if c in _PH)
    last = max(i for i, c in enumerate(section) if c in _PH)
    body = section[first : last + 1]
    prefix, suffix = section[:first], section[last + 1 :]
    dot = body.find(".")
    if dot < 0 and suffix.startswith(".") and _has_placeholder(body):
        int_part, frac_part, has_dot = body, "", True
        suffix = suffix[1:]
    elif dot >= 0:
        int_part, frac_part, has_dot = body[:dot], body[dot + 1 :], True
    else:
        int_part, frac_part, has_dot = body, "", False
    frac_ph = [c for c in frac_part if c in _PH]
    decimals = len(frac_ph)
    value = abs(float(x))
    # Display formats truncate; only the scientific notation rounds (properties_Display.md).
    scaled = int(math.floor(round(value * 10**decimals, 6)))
    text = str(scaled).rjust(decimals + 1, "0")
    int_digits, frac_digits = (text[:-decimals], text[-decimals:]) if decimals else (text, "")
    if int_digits == "0":
        int_digits = ""
    negative = float(x) < 0 and scaled != 0 and sign
    int_ph = [c for c in int_part if c in _PH]
    # Integer part: placeholders are filled right to left; a separator or other character shows
    # only between digits, otherwise it takes the fill of the placeholder on its left.
    digits = list(int_digits)
    out: list[str] = []
    slots: list[int] = []  # indexes in `out` of placeholder positions left without a digit
    chars = list(int_part)
    for i in range(len(chars) - 1, -1, -1):
        c = chars[i]
        if c in _PH:
            if digits:
                out.append(digits.pop())
            else:
                slots.append(len(out))
                out.append(_FILL[c])
        else:
            if digits:
                out.append(c)
            else:
                left = next((chars[j] for j in range(i - 1, -1, -1) if chars[j] in _PH), "#")
                out.append(c if left == "0" else _FILL[left])
    overflow = bool(digits)
    if negative and not overflow:
        if not slots:
            overflow = True
        else:
            fills = [k for k in slots if out[k] != "0"]
            # The minus sign takes the free place just left of the digits (the leftmost one
            # when the free places show zeros).
            k = min(fills) if fills else max(slots)
            out[k] = "-"
    if overflow:
        return prefix + "<" * len(int_ph) + suffix
    int_text = "".join(reversed(out))
    frac_text = ""
    if decimals:
        fd = list(frac_digits)
        k = 0
        frac_chars: list[str] = []
        for c in frac_part:
            if c in _PH:
                frac_chars.append(fd[k])
                k += 1
            else:
                frac_chars.append(c)
        # Trailing zeros take the placeholder's fill (# shows nothing, 0 shows 0).
        ph_idx = [i for i, c in enumerate(frac_part) if c in _PH]
        for i in reversed(ph_idx):
            if frac_chars[i] == "0" and frac_part[i] != "0":
                frac_chars[i] = _FILL[frac_part[i]]
            else:
                break
        frac_text = "".join(frac_chars)
    show_dot = has_dot and (frac_text.strip(" *") != "" or (int_part.endswith("0") and frac_part.startswith("0")))
    return prefix + int_text + ("." + frac_text if show_dot else "") + suffix


# ------------------------------------------------------------------ Num


@command("Num", 11, "String")
def num(value: Any, separator: str = "") -> float:
    """Number from a text (letters skipped), a Boolean or a number; Undefined gives 0."""
    t = type(value)
    if t is float or t is int:
        return float(value)
    if t is bool:
        return 1.0 if value else 0.0
    if value is UNDEFINED or value is None:
        return 0.0
    if t is Time4D:
        return float(value.s)
    if t is not str:
        raise FourDError(ERR_ARG_TYPE, "Num expects a text, a number or a Boolean")
    return parse_num(value, separator or ".")


def parse_num(text: str, sep: str = ".") -> float:
    """4D's Num(text): digits kept, other characters skipped; `-` before digits is a sign, `e` an exponent."""
    digits: list[str] = []
    seen_digit = False
    seen_sep = False
    negative = False
    exp = ""
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if "0" <= c <= "9":
            digits.append(c)
            seen_digit = True
        elif text.startswith(sep, i) and not seen_sep:
            digits.append(".")
            seen_sep = True
            i += len(sep)
            continue
        elif c in "-\u2013\u2212":
            if seen_digit:
                break
            negative = True
        elif c in "eE" and seen_digit:
            m = re.match(r"[eE]\s*([-\u2013\u2212+]?)\s*(\d+)", text[i:])
            if m:
                exp = ("-" if m.group(1) and m.group(1) != "+" else "") + m.group(2)
                break
        i += 1
    s = "".join(digits)
    if not s or s == ".":
        return 0.0
    try:
        v = float(s + ("e" + exp if exp else ""))
    except (ValueError, OverflowError):
        return 0.0
    return -v if negative else v


# ------------------------------------------------------------------ basic text


@command("Length", 16, "String")
def length(text: str) -> float:
    """Number of characters of a text."""
    return float(len(text))


@command("Substring", 12, "String")
def substring(source: str, first: int, count: Any = UNDEFINED) -> str:
    """Part of a text from position `first` (1-based), `count` characters or to the end."""
    first = max(first, 1)
    if first > len(source):
        return ""
    if count is UNDEFINED:
        return source[first - 1 :]
    n = int(count) if type(count) in (float, int) else 0
    if n <= 0:
        return ""
    return source[first - 1 : first - 1 + n]


@command("Insert string", 231, "String")
def insert_string(source: str, what: str, where: int) -> str:
    """`what` inserted before position `where` (past the end appends, below 1 inserts at the start)."""
    where = max(where, 1)
    if where > len(source):
        return source + what
    return source[: where - 1] + what + source[where - 1 :]


@command("Delete string", 232, "String")
def delete_string(source: str, where: int, count: int) -> str:
    """`count` characters removed from position `where`."""
    if count <= 0 or where > len(source):
        return source
    if where < 1:
        # docs/commands/delete-string.md: a start below 1 deletes from the first character.
        count += where - 1
        where = 1
        if count <= 0:
            return source
    return source[: where - 1] + source[where - 1 + count :]


@command("Change string", 234, "String")
def change_string(source: str, new_chars: str, where: int) -> str:
    """`source` overwritten by `new_chars` from `where`; the length never changes."""
    if new_chars == "" or where < 1 or where > len(source):
        return source
    start = where - 1
    return (source[:start] + new_chars + source[start + len(new_chars) :])[: len(source)]


@command("Uppercase", 13, "String")
def uppercase(text: str, *, star: bool = False) -> str:
    """Text in capital letters; accents are dropped unless `*` is passed."""
    return text.upper() if star else _strip_accents(text).upper()


@command("Lowercase", 14, "String")
def lowercase(text: str, *, star: bool = False) -> str:
    """Text in small letters; accents are dropped unless `*` is passed."""
    return text.lower() if star else _strip_accents(text).lower()


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    d = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in d if not unicodedata.combining(c)))


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


# White space as EcmaScript's trim functions see it (WhiteSpace and LineTerminator), which the
# Trim commands follow (docs/commands/trim.md: "based upon the TrimString Ecmascript specification").
_WHITE_SPACE = (
    "\t\n\x0b\x0c\r \xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000\ufeff"
)


@command("Trim", 1853, "String")
def trim(text: str) -> str:
    """The text without white space at its start and at its end."""
    return text.strip(_WHITE_SPACE)


@command("Trim start", 1854, "String")
def trim_start(text: str) -> str:
    """The text without white space at its start."""
    return text.lstrip(_WHITE_SPACE)


@command("Trim end", 1855, "String")
def trim_end(text: str) -> str:
    """The text without white space at its end."""
    return text.rstrip(_WHITE_SPACE)


# ------------------------------------------------------------------ searching

_LIGATURES = {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ĳ": "ij", "Ĳ": "IJ"}


def _fold_char(c: str, case: bool, accents: bool, ligatures: bool) -> str:
    """Comparison key of one character: case and accents ignored when asked."""
    if ligatures and c in _LIGATURES:
        c = _LIGATURES[c]
    if accents:
        if not c.isascii():
            c = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    if case:
        c = c.casefold() if not c.isascii() else c.lower()
    return c


def _mode(options: int | None, star: bool) -> tuple[bool, bool, bool, bool, bool]:
    """(ignore case, ignore accents, ligatures, ignore C0 controls, whole word) for Position-like commands."""
    if star:
        return False, False, False, False, False
    if options is None:
        return True, True, True, True, False
    whole = bool(options & 32)
    if options & 1:
        # sk char codes; with sk case insensitive only a-z/A-Z fold.
        return bool(options & 2), False, False, False, whole
    return bool(options & 2), bool(options & 4), True, False, whole


_C0 = re.compile(r"[\x00-\x08\x0e-\x1f]")
_DEFAULT_MODE = _mode(None, False)


def _plain_ascii(s: str) -> bool:
    """ASCII without the C0 controls that comparisons ignore: folds one character to one."""
    return s.isascii() and (s.isprintable() or not _C0.search(s))


def find_text(find: str, text: str, start: int, options: int | None, star: bool) -> tuple[int, int]:
    """0-based index and length of the first match of `find` in `text` from `start`, or (-1, 0)."""
    case, accents, ligatures, controls, whole = _DEFAULT_MODE if options is None and not star else _mode(options, star)
    if not (case or accents or ligatures or controls):
        idx = text.find(find, start)
        while idx >= 0 and whole and not _word_bounded(text, idx, idx + len(find)):
            idx = text.find(find, idx + 1)
        return (idx, len(find)) if idx >= 0 else (-1, 0)
    if (
        start >= 0
        and text.isascii()
        and find.isascii()
        and not (
            controls
            and ((not text.isprintable() and _C0.search(text)) or (not find.isprintable() and _C0.search(find)))
        )
    ):
        # ASCII without C0 controls folds one character to one character: search the folded texts.
        folded_text = text.lower() if case else text
        folded_find = find.lower() if case else find
        if not folded_find:
            return -1, 0
        idx = folded_text.find(folded_find, start)
        while idx >= 0 and whole and not _word_bounded(text, idx, idx + len(find)):
            idx = folded_text.find(folded_find, idx + 1)
        return (idx, len(find)) if idx >= 0 else (-1, 0)
    ascii_only = bool(options is not None and options & 1) and case
    key = _key_function(case, accents, ligatures, controls, ascii_only)
    fkeys = "".join(key(c) for c in find)
    if fkeys == "":
        return -1, 0
    return _Folded(text, key).search(fkeys, start, whole)


class _Folded:
    """A text folded character by character, with the map from folded offsets back to characters."""

    __slots__ = ("text", "keys", "offsets", "folded")

    def __init__(self, text: str, key: Any):
        self.text = text
        self.keys = [key(c) for c in text]
        # offsets[i] = position of character i in the folded text (offsets[n] = its length).
        self.offsets = list(accumulate(map(len, self.keys), initial=0))
        self.folded = "".join(self.keys)

    def search(self, fkeys: str, start: int, whole: bool = False) -> tuple[int, int]:
        keys, offsets, folded = self.keys, self.offsets, self.folded
        n = len(keys)
        idx = folded.find(fkeys, offsets[start] if start < n else len(folded))
        while idx >= 0:
            i = bisect_left(offsets, idx)
            end = idx + len(fkeys)
            j = bisect_left(offsets, end)
            if i < n and offsets[i] == idx and j <= n and offsets[j] == end:
                while i < j - 1 and keys[i] == "":
                    i += 1  # ignorable characters before the match are not part of it
                if i >= start and (not whole or _word_bounded(self.text, i, j)):
                    return i, j - i
            idx = folded.find(fkeys, idx + 1)
        return -1, 0


@lru_cache(maxsize=16)
def _key_function(case: bool, accents: bool, ligatures: bool, controls: bool, ascii_only: bool) -> Any:
    """The comparison key of one character for these options (cached per character)."""

    @lru_cache(maxsize=4096)
    def key(c: str) -> str:
        if controls and ord(c) < 32 and c not in "\t\n\x0b\x0c\r":
            return ""
        if ascii_only:
            return c.lower() if c.isascii() else c
        return _fold_char(c, case, accents, ligatures)

    return key


def _word_bounded(text: str, i: int, j: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


@command("Position", 15, "String")
def position(
    find: str,
    text: str,
    start: int = 1,
    length_found: Ref | None = None,
    options: Any = UNDEFINED,
    *,
    star: bool = False,
) -> float:
    """1-based position of `find` in `text` (0 if absent); case/accent-insensitive unless `*` or `sk` options."""
    opts = None
    if options is not UNDEFINED:
        if type(options) not in (float, int):
            raise FourDError(ERR_ARG_TYPE, "Position: options must be a number (sk constants)")
        opts = int(options)
    if start < 1:
        start = 1
    if find == "" or text == "" or start > len(text):
        if length_found is not None:
            length_found.set(0.0)
        return 0.0
    idx, n = find_text(find, text, start - 1, opts, star)
    if length_found is not None:
        length_found.set(float(n if idx >= 0 else 0))
    return idx + 1.0


@command("Replace string", 233, "String")
def replace_string(source: str, old: str, new: str, how_many: Any = UNDEFINED, *, star: bool = False) -> str:
    """Replace occurrences of `old` (all, or the first `how_many`) by `new`; `*` compares character codes."""
    if old == "":
        return source
    limit = -1
    if how_many is not UNDEFINED:
        if type(how_many) not in (float, int):
            raise FourDError(ERR_ARG_TYPE, "Replace string: howMany must be a number")
        limit = max(int(how_many), 0)
    if star:
        return source.replace(old, new, limit)
    out = []
    pos = 0
    count = 0
    if _plain_ascii(source) and _plain_ascii(old):
        # Case-insensitive search of the lowercased texts (as find_text does), copying the source.
        lowered, key = source.lower(), old.lower()
        if lowered == source:
            return source.replace(key, new, limit)
        while limit < 0 or count < limit:
            idx = lowered.find(key, pos)
            if idx < 0:
                break
            out.append(source[pos:idx])
            out.append(new)
            pos = idx + len(key)
            count += 1
        out.append(source[pos:])
        return "".join(out)
    # Fold the source once, then search it repeatedly.
    fold_key = _key_function(True, True, True, True, False)
    fkeys = "".join(fold_key(c) for c in old)
    folded = _Folded(source, fold_key) if fkeys else None
    while folded is not None and (limit < 0 or count < limit):
        idx, n = folded.search(fkeys, pos)
        if idx < 0:
            break
        out.append(source[pos:idx])
        out.append(new)
        pos = idx + max(n, 1)
        count += 1
        if pos > len(source):
            break
    out.append(source[pos:])
    return "".join(out)


@command("Compare strings", 1756, "String")
def compare_strings(a: str, b: str, options: int = -1) -> float:
    """-1, 0 or 1 as `a` sorts before, equal to or after `b` (default: case/accent-insensitive)."""
    if options < 0:
        ka, kb = fold(a), fold(b)
    elif options & 1:
        if options & 2:
            ka = "".join(c.lower() if c.isascii() else c for c in a)
            kb = "".join(c.lower() if c.isascii() else c for c in b)
        else:
            ka, kb = a, b
        return float((ka > kb) - (ka < kb))
    else:
        case, accents = bool(options & 2), bool(options & 4)
        ka = "".join(_fold_char(c, case, accents, True) for c in a)
        kb = "".join(_fold_char(c, case, accents, True) for c in b)
        if ka == kb:
            return 0.0
        # Language order: letters compare ignoring case and accents first, then by the exact key.
        pa, pb = fold(a), fold(b)
        if pa != pb:
            return float((pa > pb) - (pa < pb))
        # Same letters: lowercase sorts before uppercase, unaccented before accented (ICU tertiary order).
        sa = [(_strip_accents(c) != c, c.isupper()) for c in a]
        sb = [(_strip_accents(c) != c, c.isupper()) for c in b]
        return float((sa > sb) - (sa < sb))
    return float((ka > kb) - (ka < kb))


@command("Split string", 1554, "String")
def split_string(text: str, separator: str, options: int = 0) -> Coll:
    """Collection of the parts of `text` between separators (`sk ignore empty strings`, `sk trim spaces`)."""
    if text == "":
        parts: list[str] = [] if options & 1 else [""]
    elif separator == "":
        parts = list(text)
    else:
        parts = text.split(separator)
    if options & 2:
        parts = [p.strip(" ") for p in parts]
    if options & 1:
        parts = [p for p in parts if p != ""]
    return Coll(parts)


# ------------------------------------------------------------------ regex


# ICU's line terminators, for `\Z` (the end of the text, or before a final line terminator).
_ICU_END = r"(?=(?:\r\n|[\n\r\x85\u2028\u2029])?\z)"
# The escapes spelt differently: \x{hhhh}, \0ooo (octal), \cX (control character), \k<name>.
_ICU_ESCAPE = re.compile(r"x\{([0-9A-Fa-f]{1,8})\}|0([0-7]{1,3})|c([@-_a-z])|k<(\w+)>")


def _icu_to_python(pattern: str) -> tuple[str, int]:
    """ICU regex syntax to the `regex` module's, and the flags to compile it with.

    `regex` reads most of ICU as is (POSIX classes, `\\p{..}`, possessive quantifiers, atomic
    groups, named groups); this rewrites the escapes it spells differently (`\\x{h}`, `\\Q..\\E`,
    `\\cX`, `\\e`, `\\0ooo`, `\\k<name>`, `\\Z`) and asks for set operations in classes
    (`[\\p{L}--[a-z]]`, `&&`) when the pattern has them.
    """
    out: list[str] = []
    flags = regex.VERSION0
    i, n, depth = 0, len(pattern), 0
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            d = pattern[i + 1]
            if d == "Q":  # \Q...\E: the characters between, literally
                stop = pattern.find("\\E", i + 2)
                stop = n if stop < 0 else stop
                out.append(regex.escape(pattern[i + 2 : stop]))
                i = stop + 2
                continue
            m = _ICU_ESCAPE.match(pattern, i + 1)
            if m is not None:
                if m.group(1) is not None or m.group(2) is not None:
                    code = int(m.group(1), 16) if m.group(1) is not None else int(m.group(2), 8)
                    if code > 0x10FFFF:
                        raise FourDError(
                            ERR_ARG_VALUE, f"Invalid regular expression: \\x{{{m.group(1)}}} is not a character"
                        )
                    out.append(f"\\U{code:08x}")
                elif m.group(3) is not None:
                    out.append(f"\\U{ord(m.group(3).upper()) ^ 0x40:08x}")
                else:
                    out.append(f"(?P={m.group(4)})")
                i = m.end()
                continue
            if d == "e":
                out.append("\\x1b")
            elif d == "Z" and depth == 0:
                out.append(_ICU_END)
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            depth += 1
        elif c == "]" and depth > 0:
            depth -= 1
        elif depth > 0 and pattern.startswith(("&&", "--"), i):
            flags = regex.VERSION1  # set operations: regex's version 1 reads them as ICU does
        out.append(c)
        i += 1
    return "".join(out), flags


_RX_CACHE: dict[str, Any] = {}


def compile_regex(pattern: str) -> Any:
    """The compiled form of an ICU regular expression (error 90014 if it does not compile)."""
    rx = _RX_CACHE.get(pattern)
    if rx is None:
        text, flags = _icu_to_python(pattern)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rx = regex.compile(text, flags)
        except (regex.error, OverflowError, ValueError, MemoryError, RecursionError) as exc:
            if "unknown property" in str(exc):
                raise FourDError(ERR_NOT_SUPPORTED, f"Regular expression: {exc} (not supported by mini4d)") from None
            raise FourDError(ERR_ARG_VALUE, f"Invalid regular expression: {exc}") from None
        if len(_RX_CACHE) > 1000:
            _RX_CACHE.clear()
        _RX_CACHE[pattern] = rx
    return rx


def regex_find(rx: Any, text: str, start: int = 0, how: str = "search") -> Any:
    """`rx.search`, `rx.match` or `rx.fullmatch` of `text` from `start`, that Ctrl-C can stop (lang/interrupt.py)."""
    find = getattr(rx, how)
    return run_interruptible(lambda timeout: find(text, start, concurrent=True, timeout=timeout))


@command("Match regex", 1019, "String")
def match_regex(
    pattern: str,
    text: str,
    start: Any = UNDEFINED,
    pos_found: Ref | None = None,
    length_found: Ref | None = None,
    *,
    star: bool = False,
) -> bool:
    """True if the regular expression matches: the whole text (2 parameters) or from `start` (`*`: only at `start`)."""
    rx = compile_regex(pattern)
    if start is UNDEFINED:
        return regex_find(rx, text, 0, "fullmatch") is not None
    if type(start) not in (float, int):
        raise FourDError(ERR_ARG_TYPE, "Match regex: start must be a number")
    s = max(int(start), 1) - 1
    m = regex_find(rx, text, s, "match" if star else "search")
    pos_arr = pos_found.get() if pos_found is not None else None
    len_arr = length_found.get() if length_found is not None else None
    if getattr(pos_arr, "is_4d_array", False) or getattr(len_arr, "is_4d_array", False):
        # Arrays: element 0 is the whole match, elements 1..n the capture groups.
        groups = rx.groups
        for arr, which in ((pos_arr, "pos"), (len_arr, "len")):
            if not getattr(arr, "is_4d_array", False):
                raise FourDError(ERR_ARG_TYPE, "Match regex: pass two arrays or two variables")
            arr.resize(groups if m else 0)
            for g in range(groups + 1 if m else 1):
                start_g, end_g = (m.start(g), m.end(g)) if m else (-1, -1)
                if which == "pos":
                    v = float(start_g + 1) if start_g >= 0 else 0.0
                else:
                    v = float(end_g - start_g) if start_g >= 0 else 0.0
                arr.items[g] = arr.coerce(v)
        return m is not None
    if pos_found is not None:
        pos_found.set(float(m.start() + 1) if m else 0.0)
    if length_found is not None:
        length_found.set(float(m.end() - m.start()) if m else 0.0)
    return m is not None


# ------------------------------------------------------------------ digests, Base64, UUID


def _bytes_of(v: Any, cmd: str) -> bytes:
    if type(v) is str:
        return v.encode("utf-8")
    if isinstance(v, (bytes, bytearray)):
        return bytes(v)
    raise FourDError(ERR_ARG_TYPE, f"{cmd} expects a text or a blob")


@command("Generate digest", 1147, "Tools")
def generate_digest(value: Any, algorithm: int, *, star: bool = False) -> str:
    """Hash of a text (its UTF-8 bytes) or blob: MD5 digest, SHA1 digest, SHA256 digest, SHA512 digest."""
    data = _bytes_of(value, "Generate digest")
    algo = {0: "md5", 1: "sha1", 3: "sha256", 4: "sha512"}.get(algorithm)
    if algo is None:
        raise FourDError(ERR_NOT_SUPPORTED, f"Digest algorithm {algorithm} is not supported by mini4d")
    h = hashlib.new(algo, data)
    if star:
        return base64.urlsafe_b64encode(h.digest()).decode("ascii").rstrip("=")
    return h.hexdigest()


@command("BASE64 ENCODE", 895, "Tools")
def base64_encode(to_encode: Ref, encoded: Ref | None = None, *, star: bool = False) -> None:
    """Base64 (or with `*` Base64URL) of a text's UTF-8 bytes, into `encoded` or in place."""
    data = _bytes_of(to_encode.get(), "BASE64 ENCODE")
    if star:
        out = base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")
    else:
        out = base64.b64encode(data).decode("ascii")
    (encoded or to_encode).set(out)


@command("BASE64 DECODE", 896, "Tools")
def base64_decode(to_decode: Ref, decoded: Ref | None = None, *, star: bool = False) -> None:
    """Decode Base64 (or with `*` Base64URL) text, into `decoded` or in place, as UTF-8 text."""
    src = to_decode.get()
    if type(src) is not str:
        raise FourDError(ERR_ARG_TYPE, "BASE64 DECODE expects a text")
    s = re.sub(r"\s+", "", src)
    if star or "-" in s or "_" in s:
        s = s.replace("-", "+").replace("_", "/")
    s += "=" * (-len(s) % 4)
    try:
        data = base64.b64decode(s)
    except (ValueError, base64.binascii.Error):
        data = b""
    (decoded or to_decode).set(data.decode("utf-8", errors="replace"))


@command("Generate UUID", 1066, "Tools")
def generate_uuid(*, star: bool = False) -> str:
    """A new UUID: 32 uppercase hex digits without dashes."""
    import uuid  # loaded on demand, with the platform module it imports

    return uuid.uuid4().hex.upper()
