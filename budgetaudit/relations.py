"""The one judge of every arithmetic relation.

A rule states that a printed figure Y equals f(X1, …, Xn). f is monotone in each
input over the ranges involved, and the rule says in which direction, so the
exact lowest and highest value of f over the inputs' intervals take two
evaluations (never 2^n corners, never chained interval steps). No rule kind
judges a tolerance of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from math import lcm
from typing import Callable, Sequence

from .figures import Interval, Operand, cut, half_up


class Outcome(Enum):
    EXACT = "exact"  # the printed arithmetic holds
    ROUNDING = "rounding"  # intervals meet, printed arithmetic does not: a 尾差 (info)
    TRUNCATION = "truncation"  # Y is f truncated, not rounded, to Y's decimals (warning)
    INCONSISTENT = "inconsistent"  # no values the prints allow satisfy the relation
    UNCHECKED = "unchecked"  # the relation cannot be judged (e.g. a divisor that may be 0)


class Undefined(Exception):
    """f is not defined, or not monotone, somewhere on the inputs' ranges."""


@dataclass(frozen=True, slots=True, init=False)
class Judgement:
    outcome: Outcome
    computed: Interval | None = None  # the range of f over the inputs
    printed: Fraction | None = None  # f of the printed inputs
    reason: str = ""

    def __init__(  # hand-written: see source.Span
        self, outcome: Outcome, computed: Interval | None = None, printed: Fraction | None = None, reason: str = ""
    ) -> None:
        object.__setattr__(self, "outcome", outcome)
        object.__setattr__(self, "computed", computed)
        object.__setattr__(self, "printed", printed)
        object.__setattr__(self, "reason", reason)

    @property
    def holds(self) -> bool:
        return self.outcome in (Outcome.EXACT, Outcome.ROUNDING)


def judge(
    f: Callable[..., Fraction],
    directions: Sequence[int],
    inputs: Sequence[Operand],
    stated: Operand,
    guard: Callable[[Sequence[Interval]], str | None] | None = None,
) -> Judgement:
    """Judge `stated == f(*inputs)`; directions[i] is +1 if f grows with input i, -1 if it falls."""
    assert len(directions) == len(inputs)
    if f is total and guard is None:
        in_integers = _judge_sum_in_integers(directions, inputs, stated)
        if in_integers is not None:
            return in_integers
    boxes = [x.interval for x in inputs]
    if guard is not None:
        reason = guard(boxes)
        if reason:
            return Judgement(Outcome.UNCHECKED, reason=reason)
    try:
        low = f(*[b.lo if d > 0 else b.hi for b, d in zip(boxes, directions)])
        high = f(*[b.hi if d > 0 else b.lo for b, d in zip(boxes, directions)])
        printed = f(*[x.value for x in inputs])
    except (ZeroDivisionError, Undefined) as exc:
        return Judgement(Outcome.UNCHECKED, reason=str(exc) or "divisor_zero")
    computed = Interval(min(low, high), max(low, high))
    value = stated.value
    as_printed = _as_printed(printed.numerator, printed.denominator, value.numerator, value.denominator, stated)
    if as_printed is not None:
        return Judgement(as_printed, computed, printed)
    if computed.meets(stated.interval):
        return Judgement(Outcome.ROUNDING, computed, printed)
    return Judgement(Outcome.INCONSISTENT, computed, printed)


def _as_printed(num: int, den: int, stated_num: int, stated_den: int, stated: Operand) -> Outcome | None:
    """EXACT or TRUNCATION when f of the printed inputs (num/den, in base units) rounded half up or cut to
    the stated figure's last place is the stated number (stated_num/stated_den, in base units); else None.
    Counted in units of that last place, in integers: this runs for every relation of every document."""
    places, scale = 10**stated.decimals, stated.scale
    if (stated_num * places) % (stated_den * scale):
        return None  # not a whole number of its last places (a printed figure always is)
    target = (stated_num * places) // (stated_den * scale)
    if half_up(num * places, den * scale) == target:
        return Outcome.EXACT
    if cut(num * places, den * scale) == target:
        return Outcome.TRUNCATION
    return None


def _sums_in_integers(inputs: Sequence[Operand]) -> tuple[int, int, int, int] | None:
    """(Σ low ends, Σ values, Σ high ends, denominator) of figures' operands, added as integers over one
    denominator, without the Fraction arithmetic (interpreted, and most of a sum's cost); None where an
    operand lacks its integers."""
    den = 1
    parts: list[tuple[int, int, int, int]] = []
    for x in inputs:
        scaled = x.scaled
        if scaled is None:
            return None
        parts.append(scaled)
        if den % scaled[3]:
            den = lcm(den, scaled[3])
    low = middle = high = 0
    for lo, value, hi, d in parts:
        factor = den // d
        low += lo * factor
        middle += value * factor
        high += hi * factor
    return low, middle, high, den


def _judge_sum_in_integers(directions: Sequence[int], inputs: Sequence[Operand], stated: Operand) -> Judgement | None:
    """judge(total, …) in integers (the same judgement); None where it cannot be."""
    target_scaled = stated.scaled
    if target_scaled is None or any(d != 1 for d in directions):
        return None
    sums = _sums_in_integers(inputs)
    if sums is None:
        return None
    low, middle, high, den = sums
    computed = Interval(Fraction(low, den), Fraction(high, den))
    printed = Fraction(middle, den)
    s_lo, s_value, s_hi, s_den = target_scaled
    as_printed = _as_printed(middle, den, s_value, s_den, stated)
    if as_printed is not None:
        return Judgement(as_printed, computed, printed)
    if low * s_den <= s_hi * den and s_lo * den <= high * s_den:  # the intervals meet
        return Judgement(Outcome.ROUNDING, computed, printed)
    return Judgement(Outcome.INCONSISTENT, computed, printed)


def divisor_guard(*positions: int) -> Callable[[Sequence[Interval]], str | None]:
    """A guard refusing to judge when a divisor's range contains zero."""

    def guard(boxes: Sequence[Interval]) -> str | None:
        for i in positions:
            if boxes[i].lo <= 0 <= boxes[i].hi:
                return "divisor_zero"
        return None

    return guard


def exact_sum(values) -> Fraction:
    """The exact sum of ints and Fractions, over one common denominator (one normalisation, not one per term)."""
    values = list(values)
    den = 1
    for value in values:
        d = value.denominator
        if den % d:
            den = lcm(den, d)
    num = 0
    for value in values:
        num += value.numerator * (den // value.denominator)
    return Fraction(num, den)


def total(*parts: Fraction) -> Fraction:
    return exact_sum(parts)


def share(part: Fraction, whole: Fraction) -> Fraction:
    return part * 100 / whole


def ratio(numerator: Fraction, denominator: Fraction) -> Fraction:
    return numerator / denominator


def judge_at_most(parts: Sequence[Operand], total: Operand) -> Judgement:
    """Judge `sum(parts) <= total` (a 其中 list that need not be complete)."""
    sums = _sums_in_integers(parts) if total.scaled is not None else None
    if sums is not None and total.scaled is not None:
        low_sum, middle, high_sum, den = sums
        _, t_value, t_hi, t_den = total.scaled
        computed_int = Interval(Fraction(low_sum, den), Fraction(high_sum, den))
        printed_int = Fraction(middle, den)
        if middle * t_den <= t_value * den:
            return Judgement(Outcome.EXACT, computed_int, printed_int)
        if low_sum * t_den <= t_hi * den:
            return Judgement(Outcome.ROUNDING, computed_int, printed_int)
        return Judgement(Outcome.INCONSISTENT, computed_int, printed_int)
    if len(parts) == 1:  # a score against its weight, a part against its total: nothing to add
        (part,) = parts
        low, high, printed = Fraction(part.interval.lo), Fraction(part.interval.hi), Fraction(part.value)
    else:
        low = exact_sum(p.interval.lo for p in parts)
        high = exact_sum(p.interval.hi for p in parts)
        printed = exact_sum(p.value for p in parts)
    computed = Interval(low, high)
    if printed <= total.value:
        return Judgement(Outcome.EXACT, computed, printed)
    if low <= total.interval.hi:
        return Judgement(Outcome.ROUNDING, computed, printed)
    return Judgement(Outcome.INCONSISTENT, computed, printed)
