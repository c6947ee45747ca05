"""年均增长r% beside 比YYYY年增长R%: the yearly rate compounded over the years gives the growth,
(1 + r/100)^n = 1 + R/100, each rate anywhere in its rounding interval (prose/annual.py reads the pair)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..document import Document

if TYPE_CHECKING:
    from ..engine import Reporter



_PLACES: Final = 10**8  # the yearly rate a growth implies, bracketed to this fraction of a percent


def _int_root(value: int, n: int) -> int:
    """The largest integer whose n-th power is at most value (value >= 0)."""
    if value < 2:
        return value
    guess = 1 << ((value.bit_length() + n - 1) // n)  # above the root: Newton's steps then fall to it
    while True:
        better = ((n - 1) * guess + value // guess ** (n - 1)) // n
        if better >= guess:
            return guess
        guess = better


def _yearly(growth: Fraction, years: int, up: bool) -> Fraction:
    """The yearly rate (in %) compounding to `growth` (in %) over `years`, to 1/_PLACES of a percent, rounded
    down or up: the interval it gives holds the exact rate."""
    factor = 1 + growth / 100
    scaled = factor * (100 * _PLACES) ** years
    root = _int_root(scaled.numerator // scaled.denominator, years)
    if up and Fraction(root) ** years < scaled:
        root += 1
    return Fraction(root, _PLACES) - 100


def check_annual(rule, document: Document, reporter: Reporter) -> None:
    for pair in document.annual_growths:
        annual, growth, years = pair.annual, pair.growth, pair.years
        if growth.interval.lo <= -100 or annual.interval.lo <= -100:
            continue
        reporter.report.checked += 1
        low = ((1 + annual.interval.lo / 100) ** years - 1) * 100
        high = ((1 + annual.interval.hi / 100) ** years - 1) * 100
        if high >= growth.interval.lo and low <= growth.interval.hi:
            continue
        low_text = annual.format(_yearly(growth.interval.lo, years, False))
        high_text = annual.format(_yearly(growth.interval.hi, years, True))
        expected = low_text if low_text == high_text else f"{low_text}–{high_text}"
        values = {"label": pair.label, "base": pair.since, "delta": growth.text, "word": str(years),
                  "other": growth.text, "why": reporter.hint("annual", years=str(years), growth=growth.text,
                                                                expected=expected)}
        reporter.finding(rule, rule.severity, values, [annual, growth], expected, annual.text)
