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
    # Printed arithmetic against the print, counted in units of the stated figure's last place:
    # f of the printed inputs rounded half up (EXACT) or cut (TRUNCATION) to that place must be the
    # stated number. Integers only: this runs for every relation of every document.
    places = 10**stated.decimals
    stated_num = stated.value.numerator * places
    stated_den = stated.value.denominator * stated.scale
    if stated_num % stated_den == 0:
        target = stated_num // stated_den
        num, den = printed.numerator * places, printed.denominator * stated.scale
        if half_up(num, den) == target:
            return Judgement(Outcome.EXACT, computed, printed)
        if cut(num, den) == target:
            return Judgement(Outcome.TRUNCATION, computed, printed)
    if computed.meets(stated.interval):
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
