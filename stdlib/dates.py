"""Date and time: current date and time, Milliseconds, Timestamp, components."""

from __future__ import annotations

import time
from datetime import datetime, timezone

from lang.registry import command
from lang.values import Date4D, Time4D

_START = time.monotonic()


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
    """Day of the month of a date."""
    return float(date.d)


@command("Month of", 24, "Date and Time")
def month_of(date: Date4D) -> float:
    """Month of a date (1-12)."""
    return float(date.m)


@command("Year of", 25, "Date and Time")
def year_of(date: Date4D) -> float:
    """Year of a date."""
    return float(date.y)


@command("Day number", 114, "Date and Time")
def day_number(date: Date4D) -> float:
    """Day of the week: 1 = Sunday ... 7 = Saturday."""
    return float(date.weekday())


@command("Time string", 180, "Date and Time")
def time_string(seconds: Time4D) -> str:
    """A time as "HH:MM:SS"."""
    return seconds.hms()
