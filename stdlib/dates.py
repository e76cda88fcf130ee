"""Date and time: Current date/time, Date, Time, Add to date, components, display formats."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from mini4d.core.api import STARTED as _START  # this module is imported when its commands are first used
from mini4d.errors import ERR_ARG_TYPE, ERR_ARG_VALUE, ERR_NOT_SUPPORTED, FourDError
from mini4d.registry import Ref, command, constant
from mini4d.values import NULL_DATE, UNDEFINED, Date4D, Time4D, days_in_month, make_date

# Date Display Formats (docs/commands-legacy/string.md); tokens K1:n differ from values.
for _name, _value, _token in [
    ("System date short", 1, "K1:1"),
    ("System date abbreviated", 2, "K1:2"),
    ("System date long", 3, "K1:3"),
    ("Internal date short special", 4, "K1:4"),
    ("Internal date long", 5, "K1:5"),
    ("Internal date abbreviated", 6, "K1:6"),
    ("Internal date short", 7, "K1:7"),
    ("ISO Date", 8, "K1:8"),
    ("ISO Date GMT", 9, "K1:10"),
    ("Date RFC 1123", 10, "K1:11"),
    ("Blank if null date", 100, ""),
]:
    constant(_name, _value, token=_token, theme="Date Display Formats")

# Time Display Formats (docs/commands-legacy/string.md).
for _name, _value in [
    ("HH MM SS", 1),
    ("HH MM", 2),
    ("Hour min sec", 3),
    ("Hour min", 4),
    ("HH MM AM PM", 5),
    ("MM SS", 6),
    ("Min sec", 7),
    ("ISO time", 8),
    ("System time short", 9),
    ("System time long abbreviated", 10),
    ("System time long", 11),
]:
    constant(_name, _value, token=f"K7:{_value}", theme="Time Display Formats")
constant("Blank if null time", 100, theme="Time Display Formats")

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

# The "Days and Months" theme, compared with what Month of and Day number return (docs/commands/month-of.md,
# day-number.md): January..December are 1..12 (tokens K10:1..K10:12), Sunday..Saturday 1..7 (Monday is
# K10:13 ... Saturday K10:18, Sunday K10:19).
for _n, _name in enumerate(MONTHS, 1):
    constant(_name, float(_n), token=f"K10:{_n}", theme="Days and Months")
for _n, _name in enumerate(DAYS, 1):
    constant(_name, float(_n), token=f"K10:{_n + 11 if _n > 1 else 19}", theme="Days and Months")


# ------------------------------------------------------------------ commands


@command("Current date", 33, "Date and Time")
def current_date(*, star: bool = False) -> Date4D:
    """Today's date (local time)."""
    d = datetime.now()
    return Date4D(d.year, d.month, d.day)


@command("Current time", 178, "Date and Time")
def current_time(*, star: bool = False) -> Time4D:
    """The current time (local), to the second."""
    d = datetime.now()
    return Time4D(d.hour * 3600 + d.minute * 60 + d.second)


@command("Milliseconds", 459, "Date and Time")
def milliseconds() -> float:
    """Milliseconds since start-up (for measuring durations)."""
    return float(int((time.monotonic() - _START) * 1000))


@command("Tickcount", 458, "Date and Time")
def tickcount() -> float:
    """Ticks (1/60 s) since start-up."""
    return float(int((time.monotonic() - _START) * 60))


@command("Timestamp", 1445, "Date and Time")
def timestamp() -> str:
    """The current UTC time as ISO text with milliseconds: 2016-12-12T13:31:29.477Z."""
    d = datetime.now(timezone.utc)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


@command("Day of", 23, "Date and Time")
def day_of(date: Date4D) -> float:
    """Day of the month of a date (0 for the null date)."""
    return float(date.d)


@command("Month of", 24, "Date and Time")
def month_of(date: Date4D) -> float:
    """Month of a date (1-12; 0 for the null date)."""
    return float(date.m)


@command("Year of", 25, "Date and Time")
def year_of(date: Date4D) -> float:
    """Year of a date (0 for the null date)."""
    return float(date.y)


@command("Day number", 114, "Date and Time")
def day_number(date: Date4D) -> float:
    """Day of the week: 1 = Sunday ... 7 = Saturday (2 for the null date, as the docs say)."""
    if date.is_null:
        return 2.0  # docs/commands/day-number.md: "Day number returns 2 for null dates"
    return float(date.weekday())


@command("Time string", 180, "Date and Time")
def time_string(seconds: Any) -> str:
    """A time or a number of seconds as "HH:MM:SS" (hours may exceed 24)."""
    return _to_time(seconds, "Time string").hms()


@command("Add to date", 393, "Date and Time")
def add_to_date(date: Date4D, years: int, months: int, days: int) -> Date4D:
    """Date plus years, months and days; a day past the end of the new month is clamped."""
    if date.is_null:
        return NULL_DATE
    total = date.y * 12 + (date.m - 1) + years * 12 + months
    y, m = divmod(total, 12)
    m += 1
    if y < 1 or y > 32767:
        return NULL_DATE
    # 4D knowledge base: 01/31/2000 plus one month is 02/29/2000 (end of month kept).
    d = min(date.d, days_in_month(y, m))
    return Date4D.from_days(Date4D(y, m, d).days + days)


_ISO_RX = re.compile(
    r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
_NUMS_RX = re.compile(r"\d+")


@command("Date", 102, "Date and Time")
def date_(value: Any) -> Date4D:
    """Date from ISO text ("YYYY-MM-DD{THH:MM:SS}") or a US short date (MM/DD/YY); Undefined gives the null date."""
    t = type(value)
    if t is Date4D:
        return value
    if value is UNDEFINED or value is None:
        return NULL_DATE
    if t is not str:
        raise FourDError(ERR_ARG_TYPE, "Date expects a text or a date")
    return parse_date(value)


def parse_date(text: str) -> Date4D:
    """4D's Date(text): ISO first, else the system short format (US: month, day, year)."""
    m = _ISO_RX.match(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        zone = m.group(7)
        if zone and m.group(4) is not None:
            # A UTC (or offset) time is converted to the local date (docs: "local time zone").
            base = make_date(y, mo, d)
            if base.is_null:
                return NULL_DATE
            off = 0
            if zone != "Z":
                sign = 1 if zone[0] == "+" else -1
                digits = zone[1:].replace(":", "")
                off = sign * (int(digits[:2]) * 60 + int(digits[2:]))
                if abs(off) >= 24 * 60:  # not a time zone offset: not a valid date text
                    return NULL_DATE
            dt = datetime(
                y,
                mo,
                d,
                int(m.group(4)),
                int(m.group(5)),
                int(m.group(6) or 0),
                tzinfo=timezone(timedelta(minutes=off)),
            )
            local = dt.astimezone()
            return make_date(local.year, local.month, local.day)
        return make_date(y, mo, d)
    parts = _NUMS_RX.findall(text)
    if len(parts) < 3:
        return NULL_DATE
    mo, d, y = int(parts[0]), int(parts[1]), parts[2]
    year = int(y)
    if len(y) <= 2:
        year += 1900 if year >= 30 else 2000
    return make_date(year, mo, d)


_TIME_RX = re.compile(r"^\s*(-?)(\d+)(?::(\d+))?(?::(\d+))?")


@command("Time", 179, "Date and Time")
def time_(value: Any) -> Time4D:
    """Time from "HH:MM:SS" text, a number of seconds, or a time; Undefined gives 00:00:00."""
    t = type(value)
    if t is Time4D:
        return value
    if t is float or t is int:
        return Time4D(int(value) if value == value else 0)
    if value is UNDEFINED or value is None:
        return Time4D(0)
    if t is bool:
        raise FourDError(ERR_ARG_TYPE, "Time expects a text or a number")
    if t is not str:
        raise FourDError(ERR_ARG_TYPE, "Time expects a text or a number")
    text = value.strip()
    am_pm = None
    low = text.lower()
    if low.endswith(("am", "pm")):
        am_pm = low[-2:]
        text = text[:-2].strip()
    m = _TIME_RX.match(text)
    if not m:
        return Time4D(0)
    h = int(m.group(2))
    mi = int(m.group(3) or 0)
    s = int(m.group(4) or 0)
    if am_pm == "pm" and h < 12:
        h += 12
    elif am_pm == "am" and h == 12:
        h = 0
    total = h * 3600 + mi * 60 + s
    return Time4D(-total if m.group(1) else total)


def _to_time(v: Any, cmd: str) -> Time4D:
    t = type(v)
    if t is Time4D:
        return v
    if t is float or t is int:
        return Time4D(int(v))  # INF and NaN raise: the caller reports "infinite (INF) or undefined"
    if v is UNDEFINED:
        return Time4D(0)
    raise FourDError(ERR_ARG_TYPE, f"{cmd} expects a time or a number of seconds")


# ------------------------------------------------------------------ display formats


def _hour12(h: int) -> int:
    h %= 12
    return 12 if h == 0 else h


def _local_offset(d: Date4D, seconds: int) -> int:
    """Offset of local time from UTC in seconds at this local date and time."""
    try:
        dt = datetime(d.y, d.m, d.d) + timedelta(seconds=seconds)
        stamp = time.mktime(dt.timetuple())
        lt = time.localtime(stamp)
        return lt.tm_gmtoff
    except (OverflowError, ValueError):
        return 0


def _utc(d: Date4D, seconds: int) -> datetime:
    if d.y > 9999:
        raise FourDError(ERR_NOT_SUPPORTED, "GMT formats of dates after the year 9999 are not supported by mini4d")
    dt = datetime(d.y, d.m, d.d) + timedelta(seconds=seconds)
    return dt - timedelta(seconds=_local_offset(d, seconds))


def format_date(d: Date4D, fmt: Any, add_time: Time4D | None = None) -> str:
    """String(date; format {; addTime}) for a format constant or a pattern."""
    if type(fmt) is str:
        if fmt == "":
            return format_date(d, 1, add_time)
        return format_pattern(fmt, d, int(add_time.s) if add_time is not None else 0)
    code = int(fmt)
    if code >= 100:
        if d.is_null:
            return ""
        code -= 100
    secs = int(add_time.s) if add_time is not None else 0
    if d.is_null:
        return {4: "00/00/00", 8: "0000-00-00T00:00:00", 9: "0000-00-00T00:00:00Z"}.get(
            code, "00/00/00" if code in (0, 1, 7) else ""
        )
    if code in (0, 1, 7):
        return f"{d.m:02d}/{d.d:02d}/{d.y:04d}"
    if code == 4:
        if 1930 <= d.y <= 2029:
            return f"{d.m:02d}/{d.d:02d}/{d.y % 100:02d}"
        return f"{d.m:02d}/{d.d:02d}/{d.y:04d}"
    if code == 5:
        return f"{MONTHS[d.m - 1]} {d.d}, {d.y}"
    if code == 6:
        return f"{MONTHS[d.m - 1][:3]} {d.d}, {d.y}"
    if code == 2:
        return f"{DAYS[d.weekday() - 1][:3]}, {MONTHS[d.m - 1][:3]} {d.d}, {d.y}"
    if code == 3:
        return f"{DAYS[d.weekday() - 1]}, {MONTHS[d.m - 1]} {d.d}, {d.y}"
    if code == 8:
        t = Time4D(secs).hms()
        return f"{d.iso()}T{t}"
    if code == 9:
        u = _utc(d, secs)
        return u.strftime("%Y-%m-%dT%H:%M:%SZ")
    if code == 10:
        u = _utc(d, secs)
        wd = DAYS[(u.weekday() + 1) % 7][:3]
        return (
            f"{wd}, {u.day:02d} {MONTHS[u.month - 1][:3]} {u.year:04d} {u.hour:02d}:{u.minute:02d}:{u.second:02d} GMT"
        )
    raise FourDError(ERR_ARG_VALUE, f"Unknown date format {code}")


def _plural(n: int, word: str) -> str:
    # docs/commands-legacy/time.md: Time("13:00:00") with Hour min is "13 hours 0 minute".
    return f"{n} {word}" + ("s" if n > 1 else "")


def format_time(t: Time4D, fmt: Any) -> str:
    """String(time; format) for a format constant or a pattern."""
    total = int(t.s)
    if type(fmt) is str:
        if fmt == "":
            return t.hms()
        return format_pattern(fmt, None, total)
    code = int(fmt)
    if code >= 100:
        if total == 0:
            return ""
        code -= 100
    sign = "-" if total < 0 else ""
    a = abs(total)
    h, mi, s = a // 3600, a % 3600 // 60, a % 60
    if code in (0, 1, 9):
        return t.hms()
    if code == 2:
        return f"{sign}{h:02d}:{mi:02d}"
    if code == 3:
        return sign + " ".join([_plural(h, "hour"), _plural(mi, "minute"), _plural(s, "second")])
    if code == 4:
        return sign + " ".join([_plural(h, "hour"), _plural(mi, "minute")])
    if code == 5:
        return f"{sign}{_hour12(h)}:{mi:02d} {'AM' if h % 24 < 12 else 'PM'}"
    if code == 6:
        return f"{sign}{a // 60:02d}:{s:02d}"
    if code == 7:
        return sign + " ".join([_plural(a // 60, "minute"), _plural(s, "second")])
    if code == 8:
        return f"0000-00-00T{h:02d}:{mi:02d}:{s:02d}"
    if code in (10, 11):
        return f"{sign}{_hour12(h)}:{mi:02d}:{s:02d} {'AM' if h % 24 < 12 else 'PM'}"
    raise FourDError(ERR_ARG_VALUE, f"Unknown time format {code}")


_PATTERN_RX = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.DOTALL)


_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th"}


def format_pattern(pattern: str, d: Date4D | None, seconds: int) -> str:
    """ICU-style date/time pattern (docs/Project/date-time-formats.md): yyyy MM dd EEEE HH mm ss a ..."""
    out: list[str] = []
    h, mi, s = (seconds // 3600), (seconds % 3600 // 60), (seconds % 60)
    # Leading and trailing spaces of a pattern are trimmed (quote them to keep them).
    for m in _PATTERN_RX.finditer(pattern.strip(" ")):
        tok = m.group(0)
        if tok.startswith("'"):
            out.append("'" if tok == "''" else tok[1:-1].replace("''", "'"))
            continue
        c = tok[0]
        n = len(tok)
        if not c.isalpha():
            out.append(tok)
            continue
        if d is None:
            d = NULL_DATE
        if c == "y" or c == "u":
            out.append(f"{d.y % 100:02d}" if n == 2 else f"{d.y:0{n}d}")
        elif c == "Y" or c == "w":
            iso = (0, 0) if d.is_null else _iso_week(d)
            out.append(f"{iso[0]:0{n}d}" if c == "Y" else f"{iso[1]:0{n}d}")
        elif c in "ML":
            if n <= 2:
                out.append(f"{d.m:0{n}d}")
            elif d.is_null:
                out.append("")
            elif n == 3:
                out.append(MONTHS[d.m - 1][:3])
            elif n == 4:
                out.append(MONTHS[d.m - 1])
            else:
                out.append(MONTHS[d.m - 1][0])
        elif c == "d":
            out.append(f"{d.d:0{n}d}")
        elif c == "D":
            doy = 0 if d.is_null else d.days - Date4D(d.y, 1, 1).days + 1
            out.append(f"{doy:0{n}d}")
        elif c in "Eec":
            if d.is_null:
                out.append("")
            elif c != "E" and n <= 2:
                out.append(f"{d.weekday():0{n}d}")
            else:
                name = DAYS[d.weekday() - 1]
                out.append(name if n == 4 else name[0] if n == 5 else name[:2] if n == 6 else name[:3])
        elif c == "G":
            out.append("Anno Domini" if n == 4 else "A" if n == 5 else "AD")
        elif c == "Q" or c == "q":
            q = 0 if d.is_null else (d.m - 1) // 3 + 1
            out.append(
                f"Q{q}"
                if n == 3
                else f"{_ORDINAL.get(q, q)} quarter"
                if n == 4
                else f"{q:0{min(n, 2)}d}"
                if n <= 2
                else str(q)
            )
        elif c == "H":
            out.append(f"{h:0{n}d}")
        elif c == "k":
            out.append(f"{h if h else 24:0{n}d}")
        elif c == "h":
            out.append(f"{_hour12(h):0{n}d}")
        elif c == "K":
            out.append(f"{h % 12:0{n}d}")
        elif c == "m":
            out.append(f"{mi:0{n}d}")
        elif c == "s":
            out.append(f"{s:0{n}d}")
        elif c == "S":
            out.append("0" * n)
        elif c == "a":
            pm = h % 24 >= 12
            out.append(("p" if pm else "a") if n == 5 else ("PM" if pm else "AM"))
        elif c in "zOZxX":
            out.append(_zone_text(c, n, d, seconds))
        else:
            raise FourDError(ERR_NOT_SUPPORTED, f"Date/time pattern letter {c!r} is not supported by mini4d")
    return "".join(out)


def _iso_week(d: Date4D) -> tuple[int, int]:
    """(week-based year, week of year) of a date, ISO 8601 rules (docs example: 1954-03-17 is week 11)."""
    wd = (d.weekday() + 5) % 7 + 1  # 1 = Monday ... 7 = Sunday
    thursday = Date4D.from_days(d.days - wd + 4)
    week = (thursday.days - Date4D(thursday.y, 1, 1).days) // 7 + 1
    return thursday.y, week


def _zone_text(c: str, n: int, d: Date4D, seconds: int) -> str:
    off = 0 if d.is_null else _local_offset(d, seconds)
    sign = "+" if off >= 0 else "-"
    a = abs(off) // 60
    hh, mm = a // 60, a % 60
    basic = f"{sign}{hh:02d}{mm:02d}"
    extended = f"{sign}{hh:02d}:{mm:02d}"
    gmt_long = "GMT" if off == 0 else f"GMT{extended}"
    if c in "xX":
        if c == "X" and off == 0:
            return "Z"
        if n == 1:
            return f"{sign}{hh:02d}" + (f"{mm:02d}" if mm else "")
        return extended if n in (3, 5) else basic
    if c == "O":
        if n == 4:
            return gmt_long
        return "GMT" if off == 0 else f"GMT{sign}{hh}" + (f":{mm:02d}" if mm else "")
    # z and Z
    if n == 4:
        return gmt_long
    if n == 5:
        return "Z" if off == 0 else extended
    return basic


# System Format (docs/commands-legacy/get-system-format.md): mini4d's fixed US settings,
# matching the formats String uses.
_SYSTEM_FORMATS = {
    0: ".",
    1: ",",
    2: "$",
    3: "HH:mm:ss",
    4: "h:mm:ss a",
    5: "h:mm:ss a",
    6: "MM/dd/yyyy",
    7: "EEE, MMM d, yyyy",
    8: "EEEE, MMMM d, yyyy",
    13: "/",
    14: ":",
    15: "2",
    16: "1",
    17: "3",
    18: "AM",
    19: "PM",
}
for _name, _value in [
    ("Decimal separator", 0),
    ("Thousand separator", 1),
    ("Currency symbol", 2),
    ("System time short pattern", 3),
    ("System time medium pattern", 4),
    ("System time long pattern", 5),
    ("System date short pattern", 6),
    ("System date medium pattern", 7),
    ("System date long pattern", 8),
    ("Date separator", 13),
    ("Time separator", 14),
    ("Short date day position", 15),
    ("Short date month position", 16),
    ("Short date year position", 17),
    ("System time AM label", 18),
    ("System time PM label", 19),
]:
    constant(_name, _value, theme="System Format")


@command("GET SYSTEM FORMAT", 994, "International")
def get_system_format(format_: int, value: Ref) -> None:
    """A regional setting (decimal separator, date pattern...): mini4d uses US settings."""
    text = _SYSTEM_FORMATS.get(format_)
    if text is None:
        raise FourDError(ERR_ARG_VALUE, f"GET SYSTEM FORMAT: unknown format {format_}")
    value.set(text)
