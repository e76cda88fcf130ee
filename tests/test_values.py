"""One test per rule of lang/values.py, named after the rule."""

from __future__ import annotations

import math

import pytest
from mini4d import values as V
from mini4d.errors import FourDError
from mini4d.values import NULL_DATE, UNDEFINED, Coll, Date4D, Obj, Time4D


def err_code(fn, *args) -> int:  # type: ignore[no-untyped-def]
    with pytest.raises(FourDError) as info:
        fn(*args)
    return info.value.code


# ------------------------------------------------------------------ Undefined, dates, times


def test_undefined_is_a_falsy_singleton_distinct_from_null() -> None:
    assert type(UNDEFINED)() is UNDEFINED
    assert not UNDEFINED
    assert UNDEFINED is not None


def test_dates_cover_4d_range_years_100_to_32767() -> None:
    for y, m, d in [(100, 1, 1), (1970, 1, 1), (2024, 2, 29), (32767, 12, 31)]:
        assert Date4D.from_days(Date4D(y, m, d).days) == Date4D(y, m, d)


def test_invalid_date_parts_give_the_null_date() -> None:
    assert V.make_date(2023, 2, 29) is NULL_DATE
    assert V.make_date(2023, 13, 1) is NULL_DATE
    assert V.make_date(0, 0, 0).is_null
    assert V.make_date(2024, 2, 29) == Date4D(2024, 2, 29)


def test_leap_years_follow_the_gregorian_rule() -> None:
    assert [V.days_in_month(y, 2) for y in (1900, 2000, 2023, 2024)] == [28, 29, 28, 29]


def test_day_number_is_1_for_sunday() -> None:
    assert Date4D(2024, 1, 7).weekday() == 1  # a Sunday
    assert Date4D(2024, 1, 13).weekday() == 7


def test_times_may_exceed_24_hours_and_be_negative() -> None:
    assert Time4D(30 * 3600 + 5).hms() == "30:00:05"
    assert Time4D(-61).hms() == "-00:01:01"


# ------------------------------------------------------------------ objects and collections


def test_objects_and_collections_compare_by_reference() -> None:
    a, b = Obj(x=1), Obj(x=1)
    same = a
    assert a != b and same == a
    assert Coll([1.0]) != Coll([1.0])
    assert V.equal(a, a) and not V.equal(a, b)


def test_object_keys_are_case_sensitive() -> None:
    o = Obj()
    o["name"] = 1
    o["Name"] = 2
    assert list(o) == ["name", "Name"]


# ------------------------------------------------------------------ types


def test_value_type_reports_every_number_as_real_in_interpreted_mode() -> None:
    assert V.value_type(3) == V.IS_REAL == V.value_type(3.5)
    assert [V.value_type(x) for x in ("", True, None, UNDEFINED, Obj(), Coll(), NULL_DATE, Time4D(0))] == [
        2,
        6,
        255,
        5,
        38,
        42,
        4,
        11,
    ]


def test_declared_type_defaults() -> None:
    assert [V.default_for(t) for t in ("text", "integer", "real", "boolean", "object", "collection", "variant")] == [
        "",
        0,
        0.0,
        False,
        None,
        None,
        UNDEFINED,
    ]
    assert V.default_for("date").is_null
    assert V.default_for("time") == Time4D(0)


# ------------------------------------------------------------------ truthiness and conditions


def test_truthiness_zero_is_truthy_empty_values_are_falsy() -> None:
    assert all(V.truthy(v) for v in (0.0, 0, "x", True, Coll([None]), Obj(a=1), Date4D(2024, 1, 1)))
    assert not any(V.truthy(v) for v in ("", False, None, UNDEFINED, Coll(), Obj(), NULL_DATE))


def test_condition_needs_a_boolean_and_undefined_is_false() -> None:
    assert V.condition(True) is True
    assert V.condition(UNDEFINED) is False
    assert err_code(V.condition, 1.0) == 90010
    assert err_code(V.condition, None) == 90010


# ------------------------------------------------------------------ text comparison


def test_text_equality_ignores_case_and_accents() -> None:
    assert V.text_eq("abc", "ABC")
    assert V.text_eq("n", "ñ") and V.text_eq("A", "å") and V.text_eq("Œuvre", "œuvre")
    assert not V.text_eq("abc", "abd")


def test_wildcard_only_in_right_operand() -> None:
    assert V.text_eq("abcdefghij", "abc@")
    assert not V.text_eq("abc@", "abcdefghij")
    assert V.text_eq("abcdefghij", "@abcde@fghij@")
    assert V.text_eq("", "@")


def test_double_wildcard_is_always_false() -> None:
    assert not V.text_eq("abcdefghij", "abc@@fg")
    assert not V.text_eq("abc@@", "abc@@")


def test_ordering_with_a_single_trailing_wildcard_compares_a_prefix() -> None:
    assert V.compare("abcd", "abc@", "<=")
    assert not V.compare("abcd", "abc@", ">")
    assert V.compare("abd", "abc@", ">")


def test_text_ordering_ignores_case_and_accents() -> None:
    assert V.compare("a", "B", "<")
    assert V.compare("é", "f", "<")
    assert not V.compare("abc", "ABC", "<")


def test_keyword_operator_matches_whole_words() -> None:
    assert V.keyword_match("Alpha Bravo Charlie", "Bravo")
    assert not V.keyword_match("Alpha Bravo Charlie", "vo")
    assert not V.keyword_match("Alpha Bravo Charlie", "Alpha Bravo")
    assert V.keyword_match("Alpha,Bravo,Charlie", "alpha")
    assert V.keyword_match("Software and Computers", "comput@")


def test_keyword_operator_keeps_numbers_whole() -> None:
    # dt_string.md: numbers are evaluated as a whole, decimal symbols included
    assert V.keyword_match("Price 12.5 EUR", "12.5")
    assert not V.keyword_match("Price 12.5 EUR", "12")


# ------------------------------------------------------------------ equality and ordering


def test_real_equality_uses_epsilon_1e_minus_6() -> None:
    assert V.equal(0.1 + 0.2, 0.3)
    assert V.equal(1.0000001, 1.0)
    assert not V.equal(1.00001, 1.0)
    assert V.compare(1.0000001, 1.0, ">")  # ordering is exact


def test_null_and_undefined_equal_each_other_and_nothing_else() -> None:
    assert V.equal(None, None) and V.equal(None, UNDEFINED) and V.equal(UNDEFINED, UNDEFINED)
    assert not V.equal(None, 0.0) and not V.equal(UNDEFINED, "") and not V.equal("", None)


def test_undefined_ordering_against_scalars_is_false() -> None:
    for other in ("a", 1.0, Date4D(2024, 1, 1), Time4D(5)):
        assert not V.compare(UNDEFINED, other, "<")
        assert not V.compare(other, UNDEFINED, ">=")


def test_undefined_ordering_against_other_kinds_is_an_error() -> None:
    for other in (True, Obj(), Coll(), UNDEFINED, None):
        assert err_code(V.compare, UNDEFINED, other, "<") == 90010


def test_null_ordering_is_an_error() -> None:
    assert err_code(V.compare, None, 1.0, ">") == 90010
    assert err_code(V.compare, "a", None, "<=") == 90010


def test_comparing_incompatible_types_is_an_error() -> None:
    assert err_code(V.equal, "1", 1.0) == 90010
    assert err_code(V.compare, True, False, "<") == 90010


def test_dates_compare_chronologically_and_times_by_seconds() -> None:
    assert V.compare(Date4D(2024, 1, 2), Date4D(2023, 12, 31), ">")
    assert V.equal(Time4D(60), Time4D(60))
    assert V.compare(Time4D(59), Time4D(60), "<")


# ------------------------------------------------------------------ arithmetic


def test_plus_concatenates_texts_and_refuses_text_plus_number() -> None:
    assert V.add("ab", "cd") == "abcd"
    assert err_code(V.add, "ab", 1.0) == 90010
    assert err_code(V.add, True, 1.0) == 90010


def test_text_times_number_repeats() -> None:
    assert V.mul("ab", 3.0) == "ababab"
    assert V.mul("ab", 0.0) == ""


def test_division_is_real_and_by_zero_gives_infinity() -> None:
    assert V.div(5.0, 2.0) == 2.5
    assert V.div(1.0, 0.0) == math.inf and V.div(-1.0, 0.0) == -math.inf


def test_integer_division_is_int_of_the_quotient() -> None:
    assert V.intdiv(10.0, 3.0) == 3.0
    assert err_code(V.intdiv, 1.0, 0.0) == 90040


def test_modulo_uses_integer_operands() -> None:
    assert V.mod(10.0, 3.0) == 1.0
    assert V.mod(10.5, 2.0) == 0.0
    assert err_code(V.mod, 1.0, 0.0) == 90040


def test_power() -> None:
    assert V.power(2.0, 3.0) == 8.0
    assert V.power(2.0, -1.0) == 0.5


def test_date_arithmetic() -> None:
    assert V.sub(Date4D(2006, 1, 20), Date4D(2006, 1, 1)) == 19.0
    assert V.add(Date4D(2006, 1, 31), 1.0) == Date4D(2006, 2, 1)
    assert V.sub(Date4D(2006, 1, 1), 1.0) == Date4D(2005, 12, 31)
    assert err_code(V.add, Date4D(2006, 1, 1), Date4D(2006, 1, 1)) == 90010


def test_time_plus_time_is_a_time_time_plus_number_is_a_number() -> None:
    assert V.add(Time4D(7384), Time4D(3723)) == Time4D(11107)
    assert V.add(Time4D(7384), 1000.0) == 8384.0
    assert V.mul(Time4D(7384), 2.0) == 14768.0
    assert V.mod(Time4D(72600), Time4D(15600)) == Time4D(10200)


def test_bitwise_operators_work_on_32_bit_longs() -> None:
    assert V.bit_and(0xFFFF, float(0xFF00FF00 - 2**32)) == 0xFF00
    assert V.bit_or(0xFFFF, float(0xFF00FF00 - 2**32)) == float(0xFF00FFFF - 2**32)
    assert V.bit_xor(0xFFFF, float(0xFF00FF00 - 2**32)) == float(0xFF0000FF - 2**32)
    assert V.shl(0xFFFF, 8.0) == 0xFFFF00 and V.shr(0xFFFF, 8.0) == 0xFF
    assert V.bit_set(0.0, 16.0) == 65536.0 and V.bit_clear(65536.0, 16.0) == 0.0
    assert V.bit_test(65536.0, 16.0) is True


def test_boolean_and_or_on_booleans() -> None:
    assert V.bit_and(True, False) is False
    assert V.bit_or(True, False) is True


def test_negate() -> None:
    assert V.negate(2.0) == -2.0
    assert V.negate(Time4D(5)) == Time4D(-5)
    assert err_code(V.negate, "x") == 90010


# ------------------------------------------------------------------ display


def test_numbers_display_with_13_significant_digits() -> None:
    assert V.format_number(1 / 3) == "0.3333333333333"
    assert V.format_number(math.atan(1) * 4) == "3.14159265359"
    assert V.format_number(2.0**15) == "32768"
    assert V.format_number(-0.0) == "0"
    assert (V.format_number(math.inf), V.format_number(-math.inf), V.format_number(math.nan)) == ("INF", "-INF", "")


def test_dates_display_as_us_short_date() -> None:
    assert V.format_date_default(Date4D(2023, 11, 27)) == "11/27/2023"
    assert V.format_date_default(NULL_DATE) == "00/00/00"


def test_string_of_each_kind() -> None:
    assert [V.to_text(v) for v in (True, UNDEFINED, None, Time4D(3725), 42, "t")] == [
        "True",
        "",
        "null",
        "01:02:05",
        "42",
        "t",
    ]
    o = Obj()
    o["a"] = 1.0
    assert V.to_text(o) == '{"a":1}'


def test_infinite_operands_never_crash() -> None:
    inf = math.inf
    assert math.isnan(V.mod(inf, 2.0)) and math.isnan(V.mod(5.0, inf))
    assert V.intdiv(inf, 2.0) == inf
    assert V.mul("ab", inf) == "" and V.mul("ab", -1.0) == ""
    assert V.add(Date4D(2020, 1, 1), inf) is NULL_DATE
    assert V.sub(Date4D(2020, 1, 1), inf) is NULL_DATE
    assert V.add(Date4D(2020, 1, 1), 1e300) is NULL_DATE


def test_text_repetition_is_limited_to_4d_text_size() -> None:
    assert err_code(V.mul, "ab", 1e10) == 90073


def test_text_comparison_ignores_control_and_format_characters() -> None:
    """One rule (values.is_ignorable) for every text comparison; its ASCII table says the same."""
    from mini4d.values import _ASCII_IGNORABLE, is_ignorable

    assert set(_ASCII_IGNORABLE) == {i for i in range(128) if is_ignorable(chr(i))}
    assert V.text_eq("\x01", "") and V.text_eq("a\x00b", "A\x03B") and V.text_eq("ab\u200b", "AB")
    assert not V.text_eq("\t", "") and not V.text_eq("\r", "") and not V.text_eq(" ", "")
    assert V.text_cmp("x\x01", "x") == 0 and V.equal("é\u200d", "E")


def test_integer_rules_round_half_away_and_wrap_to_32_bits() -> None:
    """values.round_half_away and values.wrap_int32: Integer variables, parameters, Round, hexadecimal literals."""
    from mini4d.core.conversions import round_integer

    assert [V.round_half_away(x) for x in (2.5, -2.5, 2.4999, -0.5, 0.49)] == [3, -3, 2, -1, 0]
    assert V.wrap_int32(2**31) == -(2**31) and V.wrap_int32(-(2**31) - 1) == 2**31 - 1 and V.wrap_int32(0xFF00FF00) < 0
    assert round_integer(2147483647.5) == -(2**31) and round_integer(float("nan")) == 0 and round_integer(-7.5) == -8
