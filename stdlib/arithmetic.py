"""Math: Abs, Int, Round, Trunc, Mod, Random and friends."""

from __future__ import annotations

import math
import random
from typing import Any

from mini4d.registry import command, constant
from mini4d.values import REAL_EPSILON, round_half_away

constant("Pi", math.pi, theme="Math")
constant("MAXLONG", 2147483647.0, theme="Math")
constant("Degree", math.pi / 180, theme="Math")
constant("Radian", 180 / math.pi, theme="Math")
constant("e number", math.e, theme="Math")

_rng = random.Random()


@command("Abs", 99, "Math")
def abs_(number: float) -> float:
    """Absolute value."""
    return float(abs(number))


@command("Int", 8, "Math")
def int_(number: float) -> float:
    """Integer part, rounding down (Int(-123.4) = -124)."""
    if math.isinf(number) or math.isnan(number):
        return float(number)
    return float(math.floor(number))


@command("Dec", 9, "Math")
def dec(number: float) -> float:
    """Decimal part; always positive or zero (docs/commands-legacy/dec.md)."""
    if math.isinf(number) or math.isnan(number):
        return 0.0
    return float(abs(number - math.trunc(number)))


@command("Round", 94, "Math")
def round_(number: float, places: int) -> float:
    """Rounded to `places` decimals, halves away from zero (negative places round left of the point)."""
    if math.isinf(number) or math.isnan(number) or places > 15:
        return float(number)
    if places < -308:
        return 0.0
    factor = 10.0**places
    scaled = number * factor
    if math.isinf(scaled):
        return float(number)
    # guard against representation error (2.675 * 100 = 267.49999999999997)
    r = round_half_away(round(scaled, 9))
    return float(r / factor)


@command("Trunc", 95, "Math")
def trunc(number: float, places: int) -> float:
    """Truncated to `places` decimals, toward negative infinity (docs: Trunc(-216.897;1) = -216.9)."""
    if math.isinf(number) or math.isnan(number) or places > 15:
        return float(number)
    if places < -308:
        return 0.0 if number >= 0 else float("-inf")
    factor = 10.0**places
    scaled = number * factor
    if math.isinf(scaled):
        return float(number)
    return float(math.floor(round(scaled, 9)) / factor)


@command("Mod", 98, "Math")
def mod(a: float, b: float) -> float:
    """Remainder of the integer division of a by b (reals are rounded first)."""
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.nan  # INF has no integer form: an undefined number, like the % operator
    ia = round_half_away(a)
    ib = round_half_away(b)
    if ib == 0:
        from mini4d.errors import ERR_DIV_ZERO, FourDError

        raise FourDError(ERR_DIV_ZERO, "Division by zero")
    return float(math.fmod(ia, ib))


@command("Random", 100, "Math")
def random_() -> float:
    """A pseudo-random integer from 0 to 32767."""
    return float(_rng.randint(0, 32767))


@command("Square root", 539, "Math")
def square_root(number: float) -> float:
    """Square root (undefined for a negative number)."""
    return math.sqrt(number) if number >= 0 else math.nan


@command("Exp", 21, "Math")
def exp(number: float) -> float:
    """e raised to a power."""
    try:
        return math.exp(number)
    except OverflowError:
        return math.inf


@command("Log", 22, "Math")
def log(number: float) -> float:
    """Natural logarithm (undefined for zero or less)."""
    if number > 0:
        return math.log(number)
    return -math.inf if number == 0 else math.nan


@command("Sin", 17, "Math")
def sin(number: float) -> float:
    """Sine of an angle in radians."""
    return math.sin(number) if math.isfinite(number) else math.nan  # C library: undefined number for INF


@command("Cos", 18, "Math")
def cos(number: float) -> float:
    """Cosine of an angle in radians."""
    return math.cos(number) if math.isfinite(number) else math.nan  # C library: undefined number for INF


@command("Tan", 19, "Math")
def tan(number: float) -> float:
    """Tangent of an angle in radians."""
    return math.tan(number) if math.isfinite(number) else math.nan  # C library: undefined number for INF


@command("Arctan", 20, "Math")
def arctan(number: float) -> float:
    """Arc tangent, in radians."""
    return math.atan(number)


@command("SET REAL COMPARISON LEVEL", 623, "Math")
def set_real_comparison_level(epsilon: float) -> None:
    """Epsilon used by real `=` and `#` (default 1e-6)."""
    REAL_EPSILON[0] = abs(epsilon)


_ = Any
