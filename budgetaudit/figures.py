"""Numbers as printed: exact values, their precision, units and the interval a print allows.

Only `int` and `fractions.Fraction` are used: a printed `1207.84` is the exact
value 120784/100 with two decimals, standing for every value in
[1207.835, 1207.845].
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction
from math import gcd
from typing import Final

from .source import Source, Span

# Scale of each money unit in 元, so that copies in 元, 万元 and 亿元 compare exactly.
MONEY_UNITS: Final = {"元": 1, "千元": 1000, "万元": 10_000, "万": 10_000, "亿元": 100_000_000, "亿": 100_000_000,
                      "万亿元": 10**12, "万亿": 10**12}
PERCENT_UNITS: Final = {"%": "percent", "个百分点": "point"}
COUNT_UNITS: Final = (
    "台(套)", "人次", "批次", "团组", "个", "人", "辆", "项", "次", "台", "套", "家", "场", "件", "名", "户",
    "所", "处", "类", "条", "份", "天", "小时", "分", "亩",
)
# Longest first, so 万元 wins over 万 and 人次 over 人.
_UNITS: Final = sorted(list(MONEY_UNITS) + list(PERCENT_UNITS) + list(COUNT_UNITS), key=len, reverse=True)
_UNIT_RE: Final = re.compile("|".join(re.escape(u) for u in _UNITS))
_UNIT_FIRSTS: Final = frozenset(u[0] for u in _UNITS)  # a text opening otherwise holds no unit: not matched

MAX_DIGITS: Final = 20  # a longer run of digits is an identifier, never a figure

# A number as printed: ASCII-comma thousands groups, or plain digits, with an optional
# fraction. Each branch is a simple sequence, so matching is linear in the input.
# A comma before a number does not hide it: a grouped number is consumed whole, so a
# comma left in front of digits separates a list (4125.49,4143.91 is two figures).
# A web page or a PDF converter may put a space after a thousands comma (1, 537.4万元): taken as one
# number only when a decimal point follows its last group, so a list such as 120, 800 stays two.
# The pattern opens by consuming a digit or a dash, a character class the engine scans for in C before
# trying a match (a leading look-around is tried at every position: 22% slower); the look-behind then
# checks the character before it, and the rest is the number after a dash, or after its first digit.
# tests/test_figures.py holds it to -?(?:\d{1,3}(?:,\d{3})*(?:, \d{3})+(?=\.\d)|\d{1,3}(?:,\d{3})+|MYRIADS|\d+)(?:\.\d+)?
# not after a digit or a point, and not followed by a digit.
_DIGITS_ON: Final = r"(?:\.\d+)?(?![\d])"
# Taiwanese budgets group by ten thousands (萬), with the thousands after the last group: 2035,4816,000元 and
# 36,5452万元 are one figure each. Only with that tail or 万 after: 2019,2020年 stays two years. The leading digits
# and those of every grouped branch are possessive ({0,3}+): a comma must follow them, so giving one back never
# helps, and a plain number (most of them) fails each branch at once instead of after three or four tries.
_MYRIADS: Final = r"\d{{{first}}}+(?:,\d{{4}})+(?:,\d{{3}}(?!\d)|(?=万))"
NUMBER_RE: Final = re.compile(
    r"[-\d](?<![\d.][-\d])"
    r"(?:(?<=-)(?:\d{1,3}+(?:,\d{3})*(?:, \d{3})+(?=\.\d)|\d{1,3}+(?:,\d{3})+|" + _MYRIADS.format(first="1,4")
    + r"|\d+)" + _DIGITS_ON
    + r"|(?<=\d)(?:\d{0,2}+(?:,\d{3})*(?:, \d{3})+(?=\.\d)|\d{0,2}+(?:,\d{3})+|" + _MYRIADS.format(first="0,3")
    + r"|\d*)" + _DIGITS_ON + ")",
    # ASCII digits: the normalised text folds full-width ones, and no other script's digits are printed. A class of
    # ASCII is two comparisons per character where Unicode's \d looks each one up in its tables.
    re.ASCII,
)


@dataclass(frozen=True, slots=True, init=False)
class Interval:
    """A closed range of exact values."""

    lo: Fraction
    hi: Fraction

    def __init__(self, lo: Fraction, hi: Fraction) -> None:  # hand-written: see source.Span
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)

    def meets(self, other: "Interval") -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def contains(self, value: Fraction) -> bool:
        return self.lo <= value <= self.hi

    def __str__(self) -> str:
        return f"[{float_free(self.lo)}, {float_free(self.hi)}]"


@dataclass(frozen=True, slots=True, init=False)
class Operand:
    """One input of a relation or its stated figure, in base units: what was printed and what it allows
    (relations.judge takes these)."""

    value: Fraction
    interval: Interval
    decimals: int = 0
    scale: int = 1
    # The interval's low end, the value and the high end as integers over one denominator (low, value,
    # high, denominator), where known: a sum of figures is then added in integers (relations.judge).
    scaled: tuple[int, int, int, int] | None = field(default=None, compare=False, repr=False)

    def __init__(
        self,
        value: Fraction,
        interval: Interval,
        decimals: int = 0,
        scale: int = 1,
        scaled: tuple[int, int, int, int] | None = None,
    ) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "interval", interval)
        object.__setattr__(self, "decimals", decimals)
        object.__setattr__(self, "scale", scale)
        object.__setattr__(self, "scaled", scaled)


def terms(value: Fraction | int) -> tuple[int, int]:
    """(numerator, denominator) of a Fraction, read from its slots: the public properties are Python code,
    two interpreted calls per figure in the compiled build (see docs/architecture.md)."""
    if isinstance(value, int):
        return value, 1
    found = getattr(value, "_numerator", None)
    if found is None:
        return value.numerator, value.denominator  # a Fraction without those slots (another Python)
    return found, getattr(value, "_denominator")


def exact_operand(value: Fraction) -> Operand:
    """The operand of an exact value (a constant, a whole count written in a calculation), with its
    integers, so that the judge adds and compares it in integers as it does figures."""
    numerator, denominator = terms(value)
    return Operand(value, Interval(value, value), 0, 1, (numerator, numerator, numerator, denominator))


def float_free(value: Fraction, places: int = 6) -> str:
    """Short decimal text of an exact value (at most `places` decimals), without floats."""
    text = format_decimal(value, places)
    return text.rstrip("0").rstrip(".") if "." in text else text


def half_up(numerator: int, denominator: int) -> int:
    """numerator/denominator (denominator > 0) rounded half away from zero to a whole number."""
    magnitude = abs(numerator)
    rounded = (2 * magnitude + denominator) // (2 * denominator)
    return rounded if numerator >= 0 else -rounded


def cut(numerator: int, denominator: int) -> int:
    """numerator/denominator (denominator > 0) truncated towards zero to a whole number."""
    truncated = abs(numerator) // denominator
    return truncated if numerator >= 0 else -truncated


def round_half_up(value: Fraction, decimals: int) -> Fraction:
    scale = 10**decimals
    return Fraction(half_up(value.numerator * scale, value.denominator), scale)


def truncate(value: Fraction, decimals: int) -> Fraction:
    scale = 10**decimals
    return Fraction(cut(value.numerator * scale, value.denominator), scale)


def format_decimal(value: Fraction | int, decimals: int) -> str:
    """`value` rounded half up to `decimals` places, as text."""
    numerator, denominator = terms(value)
    return format_ratio(numerator, denominator, decimals)


def format_ratio(numerator: int, denominator: int, decimals: int) -> str:
    """numerator/denominator (denominator > 0) rounded half up to `decimals` places, as text: in integers,
    since a finding formats its figures through Fraction arithmetic, interpreted, at some 10 µs a step."""
    return format_scaled(half_up(numerator * 10**decimals, denominator), decimals)


def format_scaled(whole: int, decimals: int) -> str:
    """The text of whole / 10**decimals, at exactly `decimals` places."""
    digits = str(abs(whole)).rjust(decimals + 1, "0")
    sign = "-" if whole < 0 else ""
    if decimals == 0:
        return sign + digits
    return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"


def _round_inward(numerator: int, denominator: int, decimals: int, up: bool) -> str:
    """numerator/denominator (denominator > 0) rounded to `decimals` places, a tie going towards the inside of
    a range (up at its low end); in integers (see figures.format_ratio)."""
    doubled, twice = 2 * numerator * 10**decimals, 2 * denominator
    whole = (doubled + denominator) // twice if up else -((denominator - doubled) // twice)
    return format_scaled(whole, decimals)


def format_range(computed: "Interval", figure: Figure) -> str:
    """What the other figures allow, in the stated figure's unit and precision: `18.8%` or `18.79%–18.80%`."""
    low_num, low_den = terms(computed.lo)
    high_num, high_den = terms(computed.hi)
    low = _round_inward(low_num, low_den * figure.scale, figure.decimals, up=True)
    high = _round_inward(high_num, high_den * figure.scale, figure.decimals, up=False)
    unit = figure.unit or ""
    return f"{low}{unit}" if low == high else f"{low}{unit}–{high}{unit}"


_GROUPED: Final = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d{1,3}(?:, ?\d{3})+\.\d+|-?\d{1,4}(?:,\d{4})+(?:,\d{3})?(?:\.\d+)?")
_PLAIN: Final = re.compile(r"(-?)(\d+)(?:\.(\d+))?")


def remember(cache: dict, key: object, value: object, limit: int = 1 << 14) -> object:
    """Keep value under key in a memo of prints, emptied when full (bounded; prints recur within a document)."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value


def parse_number(text: str) -> tuple[Fraction, int] | None:
    """Exact value and printed decimals of a number such as `1,195.1`, `-3` or `0.80`.

    Memoised on short texts: tables and prose parse the same prints many times, and the result
    (an immutable Fraction and an int) can be shared; a long text is never kept."""
    if len(text) > 48:
        return _parse(text)
    found = _PARSED.get(text)
    if found is None and text not in _PARSED:
        # A print that is no number (a table's 项目名称, ≥) is kept too (as None): table cells ask again every
        # document. (No sentinel object: the compiled build holds a tuple[Fraction, int] unboxed, without identity.)
        found = _parse(text)
        remember(_PARSED, text, found)
    return found


def _parse(text: str) -> tuple[Fraction, int] | None:
    text = text.strip()
    if "," in text:
        if not _GROUPED.fullmatch(text):
            return None  # a comma that does not group thousands is not part of a number
        text = text.replace(",", "").replace(" ", "")
    match = _PLAIN.fullmatch(text)
    if not match or len(match.group(2)) + len(match.group(3) or "") > MAX_DIGITS:
        return None
    sign, whole, frac = match.groups()
    frac = frac or ""
    value = Fraction(int(whole + frac), 10 ** len(frac))
    return (-value if sign else value), len(frac)


# A dict, not functools.lru_cache: the compiled build looks a dict up natively, where calling the cache wrapper is
# a call through Python for each of a document's hundreds of numbers (see docs/architecture.md).
_PARSED: Final[dict[str, tuple[Fraction, int] | None]] = {}


def quantity_of(unit: str | None) -> str:
    if unit in MONEY_UNITS:
        return "money"
    if unit == "%":
        return "percent"
    if unit == "个百分点":
        return "point"
    if unit:
        return "count"
    return "number"


@dataclass(frozen=True, slots=True, init=False)
class Figure:
    """A number as printed, with its unit and exact place in the file."""

    value: Fraction  # in the printed unit
    decimals: int
    unit: str | None
    span: Span
    start: int  # code-point offsets of the number in the source
    end: int
    # Derived once (rules ask for them many times): the printed value in the base unit
    # (元 for money) and every base-unit value the print allows.
    base_value: Fraction = field(init=False, compare=False, repr=False)
    interval: Interval = field(init=False, compare=False, repr=False)
    operand: Operand = field(init=False, compare=False, repr=False)  # what the judge takes
    # The base value as (numerator, denominator) in lowest terms, and its sign: rules group copies by
    # value and ask for signs many times, and a Fraction's hash and comparisons run interpreted.
    base_ratio: tuple[int, int] = field(init=False, compare=False, repr=False)
    sign: int = field(init=False, compare=False, repr=False)
    quantity: str = field(init=False, compare=False, repr=False)  # money, percent, point, count or number

    def __init__(  # hand-written: see source.Span
        self, value: Fraction, decimals: int, unit: str | None, span: Span, start: int, end: int
    ) -> None:
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "decimals", decimals)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        # keyed by its integers: hashing a Fraction costs more than the rest of the lookup
        numerator, denominator = terms(value)
        key = (numerator, denominator, decimals, unit)
        operand = _DERIVED.get(key)
        if operand is None:
            operand = _derived(numerator, denominator, decimals, unit)
            remember(_DERIVED, key, operand)
        object.__setattr__(self, "base_value", operand.value)
        object.__setattr__(self, "interval", operand.interval)
        object.__setattr__(self, "operand", operand)
        scale = MONEY_UNITS.get(unit or "", 1)
        common = gcd(scale, denominator)
        object.__setattr__(self, "base_ratio", (numerator * (scale // common), denominator // common))
        object.__setattr__(self, "sign", (numerator > 0) - (numerator < 0))
        object.__setattr__(self, "quantity", quantity_of(unit))  # asked of every figure many times

    @property
    def scale(self) -> int:
        return MONEY_UNITS.get(self.unit or "", 1)

    @property
    def exact(self) -> bool:
        """Counts of whole things are exact, and so is a bare 0 of money (it says "none", not a rounded
        amount); everything else was rounded when printed."""
        return self.interval.lo == self.interval.hi

    @property
    def text(self) -> str:
        return self.span.text

    def format(self, base_value: Fraction) -> str:
        """A base-unit value written in this figure's unit and precision."""
        numerator, denominator = terms(base_value)
        return format_ratio(numerator, denominator * self.scale, self.decimals) + (self.unit or "")


# The operands of prints already seen, by their integers (a native dict lookup in the compiled build).
_DERIVED: Final[dict[tuple[int, int, int, str | None], Operand]] = {}


def _derived(numerator: int, denominator: int, decimals: int, unit: str | None) -> Operand:
    """A figure's value in the base unit and the interval its print allows (the same prints recur
    across a document and a batch: remembered; Fractions and Operands are immutable)."""
    scale = MONEY_UNITS.get(unit or "", 1)
    value = Fraction(numerator, denominator)
    base = value * scale
    quantity = quantity_of(unit)
    # A whole count is exact, and so is a bare 0 of money or things ("none"); a bare 0% may be a
    # small share rounded away, so it keeps its interval.
    if decimals == 0 and (quantity == "count" or (value == 0 and quantity == "money")):
        exact = numerator * scale
        return Operand(base, Interval(base, base), decimals, scale, (exact, exact, exact, denominator))
    half = Fraction(scale, 2 * 10**decimals)
    # Over the denominator d·2·10^decimals: the value is n·scale·2·10^decimals, half a last place scale·d.
    centre, spread = numerator * scale * 2 * 10**decimals, scale * denominator
    scaled = (centre - spread, centre, centre + spread, denominator * 2 * 10**decimals)
    return Operand(base, Interval(base - half, base + half), decimals, scale, scaled)


def figure_at(source: Source, start: int, end: int, unit: str | None, unit_end: int | None = None) -> Figure | None:
    """The figure printed at [start, end) in `source`; the span covers the unit when it follows directly."""
    parsed = parse_number(source.norm[start:end])
    if parsed is None:
        return None
    value, decimals = parsed
    # The unit joins the span when printed right after the number (个百分点 is the one unit of four characters).
    reach = 5 if unit == "个百分点" else 3
    span_end = unit_end if unit_end is not None and unit_end - end <= reach and "\n" not in source.norm[end:unit_end] else end
    return Figure(value, decimals, unit, source.span(start, span_end), start, end)


def unit_after(norm: str, end: int) -> tuple[str | None, int]:
    """The unit printed after a number (spaces and one line break may stand between)."""
    i = end
    limit = min(len(norm), end + 8)
    breaks = 0
    while i < limit and norm[i] in " \t\r\n":
        if norm[i] == "\n" or (norm[i] == "\r" and norm[i + 1 : i + 2] != "\n"):
            breaks += 1
        i += 1
    if breaks > 1 or i >= len(norm) or norm[i] not in _UNIT_FIRSTS:
        return None, end
    match = _UNIT_RE.match(norm, i)
    if not match:
        return None, end
    unit = match.group(0)
    # 万/亿 alone is money only when no other unit word follows (万人, 万个 are counts of thousands).
    if unit in ("万", "亿") and _UNIT_RE.match(norm, match.end()):
        return None, end
    return unit, match.end()


def magnitude(figure: Figure) -> Figure:
    """The figure without its minus, at the same place: a table's -204.61 in a column of changes, or 下降-81.62%
    (the minus repeats the word of decrease), read as a decrease of 204.61 or 81.62%."""
    if figure.sign >= 0:
        return figure
    return Figure(-figure.value, figure.decimals, figure.unit, figure.span, figure.start, figure.end)
