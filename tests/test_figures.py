"""Numbers as printed: parsing, finding them in text, units, intervals and exact rounding."""

from __future__ import annotations

import re
import time
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from budgetaudit.figures import (
    MAX_DIGITS,
    MONEY_UNITS,
    NUMBER_RE,
    Figure,
    Interval,
    format_decimal,
    parse_number,
    round_half_up,
    truncate,
    unit_after,
)
from budgetaudit.source import Source

settings.register_profile("budgetaudit", max_examples=150, deadline=None)
settings.load_profile("budgetaudit")

# Printed magnitudes: up to 12 integer digits and 0-6 decimals stays well inside MAX_DIGITS.
decimals_st = st.integers(min_value=0, max_value=6)
scaled_st = st.integers(min_value=-(10**12), max_value=10**12)


def printed(value: Fraction, decimals: int, grouped: bool = False) -> str:
    """Write an exact value with exactly `decimals` places (no rounding needed: the value is on the grid)."""
    text = format_decimal(value, decimals)
    if not grouped:
        return text
    sign = "-" if text.startswith("-") else ""
    whole, dot, frac = text.lstrip("-").partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + dot + frac


def numbers_in(text: str) -> list[str]:
    return [m.group(0) for m in NUMBER_RE.finditer(text)]


# -- parse_number ----------------------------------------------------------


@given(scaled_st, decimals_st, st.booleans())
@example(11951, 1, True)  # 1,195.1
@example(36399, 0, True)  # 36,399
@example(-5, 2, False)  # -0.05
@example(80, 2, False)  # 0.80 keeps its two decimals
def test_parse_number_round_trips(scaled: int, decimals: int, grouped: bool) -> None:
    value = Fraction(scaled, 10**decimals)
    text = printed(value, decimals, grouped)
    assert parse_number(text) == (value, decimals)


def test_parse_number_examples() -> None:
    assert parse_number("1,195.1") == (Fraction(11951, 10), 1)
    assert parse_number("36,399") == (Fraction(36399), 0)
    assert parse_number("0.80") == (Fraction(4, 5), 2)
    assert parse_number("-3") == (Fraction(-3), 0)
    assert parse_number("1207.84") == (Fraction(120784, 100), 2)
    for value, _ in filter(None, [parse_number("1,195.1"), parse_number("0.80")]):
        assert isinstance(value, Fraction)


@pytest.mark.parametrize("text", ["", "-", ".5", "1.", "1.2.3", "abc", "1e5", "--1", "1 2", "0x10", "inf", "nan"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("digits", [MAX_DIGITS + 1, 4301, 100_000])
def test_parse_number_refuses_identifiers_without_int_conversion(digits: int) -> None:
    # int() of more than 4300 digits raises ValueError on Python 3.11; parse_number must refuse first.
    assert parse_number("7" * digits) is None
    assert parse_number("7" * (digits - 3) + ".123") is None
    assert parse_number("7" * MAX_DIGITS) == (Fraction(int("7" * MAX_DIGITS)), 0)


# -- NUMBER_RE ---------------------------------------------------------------

# What NUMBER_RE means, written as read: the pattern itself is arranged for the engine's speed.
_NUMBER_AS_READ = re.compile(
    r"(?=[-\d])(?<![\d.])-?(?:\d{1,3}(?:,\d{3})*(?:, \d{3})+(?=\.\d)|\d{1,3}(?:,\d{3})+"
    r"|\d{1,4}(?:,\d{4})+(?:,\d{3}(?!\d)|(?=万))|\d+)(?:\.\d+)?(?![\d])",
    re.ASCII,  # ASCII digits: another script's (٣) is no digit of a figure
)


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("0123456789-.,, 万元年%")), max_size=24))
@example("-1, 537.4万元")
@example("2035,4816,000元 36,5452万元 -18,4055,000 2019,2020年")
@example("a-5")
@example("1.-2")
def test_number_pattern_finds_what_it_means(text: str) -> None:
    assert [m.span() for m in NUMBER_RE.finditer(text)] == [m.span() for m in _NUMBER_AS_READ.finditer(text)]


# Text that never touches a number: CJK, CJK and ASCII letters, spaces, full-width punctuation.
# (ASCII . , - and digits are left out because they would join a neighbouring number.)
filler_st = st.text(
    alphabet=st.sampled_from(list("的总计支出收入万元亿占比较上年增加减少其中 ：；，。（）、abcXYZ%\t|")), max_size=6
)


@given(st.lists(st.tuples(filler_st, scaled_st, decimals_st, st.booleans()), min_size=1, max_size=8), filler_st)
def test_number_re_finds_exactly_the_embedded_numbers(pieces, tail) -> None:
    text = ""
    expected = []
    for i, (filler, scaled, decimals, grouped) in enumerate(pieces):
        if i and not filler:
            # Two numbers need something between them; an ASCII comma separates them
            # unambiguously after a fraction (4125.49,4143.91), never after a whole number.
            filler = "," if "." in expected[-1] else "，"
        number = printed(Fraction(scaled, 10**decimals), decimals, grouped)
        text += filler + number
        expected.append(number)
    text += tail
    found = numbers_in(text)
    assert found == expected
    assert [parse_number(n)[0] for n in found] == [parse_number(n)[0] for n in expected]


def test_number_re_lists_and_groups() -> None:
    assert numbers_in("4125.49,4143.91万元") == ["4125.49", "4143.91"]
    assert numbers_in("4125.49、4143.91万元") == ["4125.49", "4143.91"]
    assert numbers_in("支出1,195.1万元") == ["1,195.1"]
    assert numbers_in("共36,399人") == ["36,399"]
    assert numbers_in("120，800万元") == ["120", "800"]  # the full-width comma separates
    assert numbers_in("较上年增长-3.5%") == ["-3.5"]


@given(st.integers(min_value=MAX_DIGITS + 1, max_value=400), filler_st, filler_st)
def test_long_digit_runs_are_never_figures(length: int, before: str, after: str) -> None:
    run = "".join(str((i * 7 + 3) % 10) for i in range(length))
    text = f"{before}编号{run}{after}支出12.5万元"
    matches = list(NUMBER_RE.finditer(text))
    figures = [m.group(0) for m in matches if parse_number(m.group(0)) is not None]
    assert figures == ["12.5"]
    # No piece of the run is taken for a number on its own.
    start = text.index(run)
    inside = [m for m in matches if m.start() < start + length and m.end() > start]
    assert [(m.start(), m.end()) for m in inside] == [(start, start + length)]


def test_number_re_and_parse_are_linear_on_100000_digits() -> None:
    line = "9" * 100_000
    for text in (line, "说明" + line + "万元", ("1," * 50_000) + "1", "1." * 50_000):
        started = time.perf_counter()
        matches = list(NUMBER_RE.finditer(text))
        values = [parse_number(m.group(0)) for m in matches]
        assert time.perf_counter() - started < 1.0
        assert all(v is None or len(m.group(0)) <= MAX_DIGITS + 8 for v, m in zip(values, matches))
    assert [parse_number(m.group(0)) for m in NUMBER_RE.finditer(line)] == [None]


# -- unit_after --------------------------------------------------------------

UNITS = ["万元", "亿元", "元", "%", "人", "辆", "批次"]
gap_st = st.tuples(
    st.text(alphabet=" \t", max_size=3), st.sampled_from(["", "\n", "\r\n", "\r"]), st.text(alphabet=" \t", max_size=2)
).map("".join)


@given(st.sampled_from(UNITS), gap_st, st.sampled_from(["", "，", "。", "其中"]))
def test_unit_after_reads_units_across_spaces_and_one_break(unit: str, gap: str, rest: str) -> None:
    text = "支出1207.84" + gap + unit + rest
    end = text.index("1207.84") + len("1207.84")
    found, unit_end = unit_after(text, end)
    assert found == unit
    assert text[end:unit_end] == gap + unit


@pytest.mark.parametrize("gap", ["\n\n", "\r\n\r\n", "\n \n", "\r\r"])
def test_unit_after_stops_at_two_breaks(gap: str) -> None:
    text = "1207.84" + gap + "万元"
    assert unit_after(text, 7) == (None, 7)


def test_unit_after_prefers_the_longest_unit() -> None:
    assert unit_after("12人次", 2) == ("人次", 4)
    assert unit_after("12万元", 2) == ("万元", 4)
    assert unit_after("12万", 2) == ("万", 3)
    assert unit_after("12万人", 2) == (None, 2)  # 万人: a count of ten-thousands, not money
    assert unit_after("12个百分点", 2) == ("个百分点", 6)
    assert unit_after("12", 2) == (None, 2)
    assert unit_after("12年", 2) == (None, 2)


# -- Figure.interval ---------------------------------------------------------


def figure(value: Fraction, decimals: int, unit: str | None) -> Figure:
    text = format_decimal(value, decimals)
    source = Source("x", text + (unit or ""))
    return Figure(value, decimals, unit, source.span(0, len(text)), 0, len(text))


@given(scaled_st, decimals_st, st.sampled_from(["万元", "亿元", "元", "千元", "%", None]))
def test_interval_is_half_a_last_digit_either_side(scaled: int, decimals: int, unit: str | None) -> None:
    value = Fraction(scaled, 10**decimals)
    fig = figure(value, decimals, unit)
    scale = MONEY_UNITS.get(unit or "", 1)
    half = Fraction(scale, 2 * 10**decimals)
    assert fig.base_value == value * scale
    if value == 0 and decimals == 0 and unit in MONEY_UNITS:
        # A bare 0 of money says "none": exact, not a rounded amount.
        assert fig.exact and fig.interval == Interval(Fraction(0), Fraction(0))
        return
    # A bare 0% may be a small share rounded away: it keeps its interval.
    assert not fig.exact
    assert fig.interval == Interval(value * scale - half, value * scale + half)
    assert isinstance(fig.interval.lo, Fraction) and isinstance(fig.interval.hi, Fraction)
    # Exactly the values that print back as `value` (half up, away from zero) lie in the interval,
    # up to the one boundary that rounds away.
    assert round_half_up(fig.interval.lo / scale, decimals) in (value, value - Fraction(1, 10**decimals))
    assert round_half_up((fig.interval.lo + fig.interval.hi) / 2 / scale, decimals) == value


def test_interval_examples() -> None:
    assert figure(Fraction(120784, 100), 2, "万元").interval == Interval(Fraction(12078350), Fraction(12078450))
    assert figure(Fraction(80, 100), 2, "%").interval == Interval(Fraction(795, 1000), Fraction(805, 1000))


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["人", "辆", "批次", "个"]))
def test_whole_counts_are_exact(count: int, unit: str) -> None:
    fig = figure(Fraction(count), 0, unit)
    assert fig.exact
    assert fig.interval == Interval(Fraction(count), Fraction(count))


def test_counts_with_decimals_are_not_exact() -> None:
    fig = figure(Fraction(15, 10), 1, "人")
    assert not fig.exact
    assert fig.interval == Interval(Fraction(145, 100), Fraction(155, 100))


# -- exact rounding ----------------------------------------------------------

fraction_st = st.fractions(max_denominator=10**7).filter(lambda f: abs(f) < 10**9)


def reference_half_up(value: Fraction, decimals: int) -> Fraction:
    """Round half away from zero (四舍五入), by string arithmetic on a long exact expansion."""
    scaled = abs(value) * 10**decimals
    whole, rest = divmod(scaled.numerator, scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return Fraction(whole if value >= 0 else -whole, 10**decimals)


@given(fraction_st, decimals_st)
@example(Fraction(-125, 100), 1)
@example(Fraction(125, 100), 1)
@example(Fraction(-5, 1000), 2)
def test_round_half_up(value: Fraction, decimals: int) -> None:
    rounded = round_half_up(value, decimals)
    assert rounded == reference_half_up(value, decimals)
    assert round_half_up(-value, decimals) == -rounded  # symmetric for negatives
    step = Fraction(1, 10**decimals)
    assert abs(rounded - value) <= step / 2
    assert (rounded * 10**decimals).denominator == 1


def test_round_half_up_examples() -> None:
    assert round_half_up(Fraction(-125, 100), 1) == Fraction(-13, 10)
    assert round_half_up(Fraction(125, 100), 1) == Fraction(13, 10)
    assert round_half_up(Fraction(-124, 100), 1) == Fraction(-12, 10)
    assert round_half_up(Fraction(1, 3), 0) == 0
    assert round_half_up(Fraction(-1, 2), 0) == -1


@given(fraction_st, decimals_st)
def test_truncate_goes_toward_zero(value: Fraction, decimals: int) -> None:
    cut = truncate(value, decimals)
    step = Fraction(1, 10**decimals)
    assert abs(cut) <= abs(value) < abs(cut) + step
    assert cut == 0 or (cut > 0) == (value > 0)
    assert truncate(-value, decimals) == -cut
    assert (cut * 10**decimals).denominator == 1


def test_truncate_examples() -> None:
    assert truncate(Fraction(-129, 100), 1) == Fraction(-12, 10)
    assert truncate(Fraction(129, 100), 1) == Fraction(12, 10)


@given(fraction_st, decimals_st)
def test_format_decimal(value: Fraction, decimals: int) -> None:
    text = format_decimal(value, decimals)
    assert re.fullmatch(r"-?\d+" + (r"\.\d{%d}" % decimals if decimals else ""), text)
    assert parse_number(text) == (round_half_up(value, decimals), decimals)
    if round_half_up(value, decimals) == 0:
        assert not text.startswith("-")  # no "-0.00"


def test_format_decimal_examples() -> None:
    assert format_decimal(Fraction(-5, 1000), 2) == "-0.01"
    assert format_decimal(Fraction(-4, 1000), 2) == "0.00"
    assert format_decimal(Fraction(-125, 100), 1) == "-1.3"
    assert format_decimal(Fraction(7, 100), 2) == "0.07"
    assert format_decimal(Fraction(-7, 100), 3) == "-0.070"
    assert format_decimal(Fraction(123456, 1), 0) == "123456"


# Pieces that make numbers hard to tell apart: signs, points, groups, dates, digits of other scripts.
_PIECES = ["1", "23", "4567", ".", "-", ",", ",000", ",4567", "年", "第", "(", "）", "a", " ", "\n", "。", "、", "万元", "—",
           "٣", "²", "增加"]


def test_the_number_pattern_reads_as_written_from_any_start():
    """NUMBER_RE is arranged for speed; from any start to any end its matches are those of the pattern as read."""
    import random

    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 20)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert [m.span() for m in NUMBER_RE.finditer(text, start, end)] == \
            [m.span() for m in _NUMBER_AS_READ.finditer(text, start, end)]


@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(min_value=0, max_value=6),
       st.sampled_from(["元", "万元", "亿元", "%", "人", "个百分点", None]))
@example(0, 2, "万元")
@example(-12345, 2, "亿元")
def test_a_figure_keeps_its_base_value_in_lowest_terms_and_its_sign(units, decimals, unit) -> None:
    value = Fraction(units, 10**decimals)
    text = format_decimal(value, decimals)
    figure = Figure(value, decimals, unit, Source("x", text).span(0, len(text)), 0, len(text))
    # Equal amounts in any unit group together: the ratio is the base value's own.
    assert figure.base_ratio == (figure.base_value.numerator, figure.base_value.denominator)
    assert figure.sign == (value > 0) - (value < 0)


@pytest.mark.parametrize("text, numbers", [
    ("公务用车运行维护费1, 537.4万元", ["1, 537.4"]),  # a space after a thousands comma, as web pages print it
    ("分别为120, 800万元", ["120", "800"]),  # no decimal point after the group: a list of two
    ("4125.49, 4143.91万元", ["4125.49", "4143.91"]),
])
def test_a_space_after_a_thousands_comma_keeps_the_number_whole(text, numbers):
    from budgetaudit.figures import NUMBER_RE, parse_number

    found = [m.group() for m in NUMBER_RE.finditer(text)]
    assert found == numbers
    assert all(parse_number(n) is not None for n in found)
