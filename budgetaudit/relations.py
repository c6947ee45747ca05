"""The one judge of every arithmetic relation.

A rule states that a printed figure Y equals f(X1, …, Xn). f is monotone in each
input over the ranges involved, and the rule says in which direction, so the
exact lowest and highest value of f over the inputs' intervals take two
evaluations (never 2^n corners, never chained interval steps). No rule kind
judges a tolerance of its own.
"""

from __future__ import annotations

from enum import Enum
from fractions import Fraction
from math import lcm
from typing import Callable, Final, Sequence

from .figures import Interval, Operand, cut, half_up, terms


class Outcome(Enum):
    EXACT = "exact"  # the printed arithmetic holds
    ROUNDING = "rounding"  # intervals meet, printed arithmetic does not: a 尾差 (info)
    TRUNCATION = "truncation"  # Y is f truncated, not rounded, to Y's decimals (warning)
    INCONSISTENT = "inconsistent"  # no values the prints allow satisfy the relation
    UNCHECKED = "unchecked"  # the relation cannot be judged (e.g. a divisor that may be 0)


class Undefined(Exception):
    """f is not defined, or not monotone, somewhere on the inputs' ranges."""


class Judgement:
    """The verdict on one relation: its outcome, the range f takes over the inputs (`computed`) and f of
    the printed inputs (`printed`), or why it could not be judged (`reason`).

    A relation judged in integers keeps the three ends as integer ratios and makes those Fractions only
    when asked: most relations hold, nothing reads them then, and the Fractions (interpreted, and
    normalised by gcd) were most of such a judgement's cost."""

    outcome: Outcome
    reason: str
    # What was judged, for judging it again with corrected figures (rootcause.py): (f, directions, inputs,
    # stated, guard); f is AT_MOST for a bound.
    args: tuple | None
    _computed: Interval | None
    _printed: Fraction | None
    _ratios: tuple[int, int, int, int, int, int] | None  # low, printed, high: each numerator, denominator > 0

    def __init__(
        self, outcome: Outcome, computed: Interval | None = None, printed: Fraction | None = None, reason: str = "",
        ratios: tuple[int, int, int, int, int, int] | None = None,
    ) -> None:
        self.outcome = outcome
        self.reason = reason
        self.args = None
        self._computed = computed
        self._printed = printed
        self._ratios = ratios

    @property
    def computed(self) -> Interval | None:
        if self._computed is None and self._ratios is not None:
            low_num, low_den, _, _, high_num, high_den = self._ratios
            self._computed = Interval(Fraction(low_num, low_den), Fraction(high_num, high_den))
        return self._computed

    @property
    def printed(self) -> Fraction | None:
        if self._printed is None and self._ratios is not None:
            self._printed = Fraction(self._ratios[2], self._ratios[3])
        return self._printed

    @property
    def holds(self) -> bool:
        return self.outcome in (Outcome.EXACT, Outcome.ROUNDING)

    def _parts(self) -> tuple:
        return self.outcome, self.computed, self.printed, self.reason

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Judgement) and self._parts() == other._parts()

    def __repr__(self) -> str:
        return f"Judgement(outcome={self.outcome}, computed={self.computed!r}, printed={self.printed!r}, reason={self.reason!r})"


def judge(
    f: Callable[..., Fraction],
    directions: Sequence[int],
    inputs: Sequence[Operand],
    stated: Operand,
    guard: Callable[[Sequence[Interval]], str | None] | None = None,
) -> Judgement:
    """Judge `stated == f(*inputs)`; directions[i] is +1 if f grows with input i, -1 if it falls."""
    judgement = _judge(f, directions, inputs, stated, guard)
    judgement.args = (f, directions, inputs, stated, guard)
    return judgement


def rejudge(args: tuple, inputs: Sequence[Operand], stated: Operand) -> Judgement:
    """The relation `args` describes (Judgement.args) judged again with other inputs and stated figure."""
    f, directions, _, _, guard = args
    if f is AT_MOST:
        return judge_at_most(inputs, stated)
    return judge(f, directions, inputs, stated, guard)


def AT_MOST(*parts: Fraction) -> Fraction:
    """The marker of a bound (judge_at_most) in Judgement.args: never called."""
    raise NotImplementedError


Guard = Callable[[Sequence[Interval]], str | None]  # a reason not to judge a relation, or None


def _judge(f: Callable[..., Fraction], directions: Sequence[int], inputs: Sequence[Operand], stated: Operand,
           guard: Guard | None) -> Judgement:
    """judge() without keeping its arguments."""
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
    in_ratios = _IN_RATIOS.get(f)
    if in_ratios is not None:
        try:
            judged = _judge_in_ratios(in_ratios, directions, inputs, stated)
        except Undefined as undefined:  # not `exc`: mypyc types a name once, and exc below may be a ZeroDivisionError
            return Judgement(Outcome.UNCHECKED, reason=str(undefined))
        if judged is not None:
            return judged
    try:
        low = f(*[b.lo if d > 0 else b.hi for b, d in zip(boxes, directions)])
        high = f(*[b.hi if d > 0 else b.lo for b, d in zip(boxes, directions)])
        printed = f(*[x.value for x in inputs])
    except (ZeroDivisionError, Undefined) as exc:
        return Judgement(Outcome.UNCHECKED, reason=str(exc) or "divisor_zero")
    computed = Interval(min(low, high), max(low, high))
    value = stated.value
    printed_numerator, printed_denominator = terms(printed)
    value_numerator, value_denominator = terms(value)
    as_printed = _as_printed(printed_numerator, printed_denominator, value_numerator, value_denominator, stated)
    if as_printed is Outcome.EXACT:
        return Judgement(as_printed, computed, printed)
    # Rounding before truncation: where the printed intervals meet, a rounded reading exists.
    if computed.meets(stated.interval):
        return Judgement(Outcome.ROUNDING, computed, printed)
    return Judgement(as_printed or Outcome.INCONSISTENT, computed, printed)


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
    return _verdict((low, den), (middle, den), (high, den), stated, target_scaled)


# f in integer ratios, for the relations judged most after sums: each takes (numerator, denominator > 0)
# pairs and gives one, unreduced, or None where the Fraction path must judge (a zero divisor).
Ratio = tuple[int, int]


def _share_in_ratios(values: list[Ratio]) -> Ratio | None:
    (part, part_den), (whole, whole_den) = values
    if whole == 0:
        return None
    if whole < 0:
        return -100 * part * whole_den, -part_den * whole
    return 100 * part * whole_den, part_den * whole


def _ratio_in_ratios(values: list[Ratio]) -> Ratio | None:
    (num, num_den), (den, den_den) = values
    if den == 0:
        return None
    if den < 0:
        return -num * den_den, -num_den * den
    return num * den_den, num_den * den


def _rate_in_ratios(sign: int, values: list[Ratio]) -> Ratio | None:
    (current, current_den), (delta, delta_den) = values
    base = current * delta_den - sign * delta * current_den  # over current_den · delta_den, as is 100·Δ below
    if base <= 0:
        raise Undefined("base_not_positive")
    return 100 * delta * current_den, base


def _rate_up_in_ratios(values: list[Ratio]) -> Ratio | None:
    return _rate_in_ratios(1, values)


def _rate_down_in_ratios(values: list[Ratio]) -> Ratio | None:
    return _rate_in_ratios(-1, values)


def _judge_in_ratios(
    f: Callable[[list[Ratio]], Ratio | None], directions: Sequence[int], inputs: Sequence[Operand], stated: Operand
) -> Judgement | None:
    """judge(f, …) with f in integer ratios over the operands' integers (the same judgement); None where
    it cannot be (an operand without its integers, a zero divisor)."""
    target = stated.scaled
    if target is None:
        return None
    corners_low: list[Ratio] = []
    corners_high: list[Ratio] = []
    values: list[Ratio] = []
    for x, d in zip(inputs, directions):
        scaled = x.scaled
        if scaled is None:
            return None
        lo, value, hi, den = scaled
        corners_low.append((lo if d > 0 else hi, den))
        corners_high.append((hi if d > 0 else lo, den))
        values.append((value, den))
    low, high, printed = f(corners_low), f(corners_high), f(values)
    if low is None or high is None or printed is None:
        return None
    if high[0] * low[1] < low[0] * high[1]:
        low, high = high, low
    return _verdict(low, printed, high, stated, target)


def _verdict(
    low: Ratio, printed: Ratio, high: Ratio, stated: Operand, target: tuple[int, int, int, int]
) -> Judgement:
    """The judgement of the stated figure (its integers `target`) against f's range [low, high] and f of the
    printed inputs, all integer ratios: judge's own steps (as printed, intervals meet, else inconsistent)."""
    ratios = (low[0], low[1], printed[0], printed[1], high[0], high[1])
    s_lo, s_value, s_hi, s_den = target
    as_printed = _as_printed(printed[0], printed[1], s_value, s_den, stated)
    if as_printed is Outcome.EXACT:
        return Judgement(as_printed, ratios=ratios)
    if low[0] * s_den <= s_hi * low[1] and s_lo * high[1] <= high[0] * s_den:  # the intervals meet
        return Judgement(Outcome.ROUNDING, ratios=ratios)
    return Judgement(as_printed or Outcome.INCONSISTENT, ratios=ratios)


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
    ratios = [terms(value) for value in values]
    den = 1
    for _, d in ratios:
        if den % d:
            den = lcm(den, d)
    num = 0
    for n, d in ratios:
        num += n * (den // d)
    return Fraction(num, den)


def total(*parts: Fraction) -> Fraction:
    return exact_sum(parts)


def share(part: Fraction, whole: Fraction) -> Fraction:
    return part * 100 / whole


def ratio(numerator: Fraction, denominator: Fraction) -> Fraction:
    return numerator / denominator


def _rate_up(current: Fraction, delta: Fraction) -> Fraction:
    return _rate_of(1, current, delta)


def _rate_down(current: Fraction, delta: Fraction) -> Fraction:
    return _rate_of(-1, current, delta)


def _rate_of(sign: int, current: Fraction, delta: Fraction) -> Fraction:
    base = current - sign * delta
    if base <= 0:
        raise Undefined("base_not_positive")
    return 100 * delta / base


def rate(sign: int) -> Callable[[Fraction, Fraction], Fraction]:
    """f of a change's rate from the current figure and the change: 100·Δ / (current − sign·Δ), sign +1
    for an increase, −1 for a decrease (undefined where that base is not positive)."""
    return _rate_up if sign > 0 else _rate_down


_IN_RATIOS: Final[dict[object, Callable[[list[Ratio]], Ratio | None]]] = {
    share: _share_in_ratios, ratio: _ratio_in_ratios, _rate_up: _rate_up_in_ratios, _rate_down: _rate_down_in_ratios,
}


def judge_at_most(parts: Sequence[Operand], total: Operand) -> Judgement:
    """Judge `sum(parts) <= total` (a 其中 list that need not be complete)."""
    judgement = _judge_at_most(parts, total)
    judgement.args = (AT_MOST, (1,) * len(parts), parts, total, None)
    return judgement


def _judge_at_most(parts: Sequence[Operand], total: Operand) -> Judgement:
    sums = _sums_in_integers(parts) if total.scaled is not None else None
    if sums is not None and total.scaled is not None:
        low_sum, middle, high_sum, den = sums
        _, t_value, t_hi, t_den = total.scaled
        ratios = (low_sum, den, middle, den, high_sum, den)
        if middle * t_den <= t_value * den:
            return Judgement(Outcome.EXACT, ratios=ratios)
        if low_sum * t_den <= t_hi * den:
            return Judgement(Outcome.ROUNDING, ratios=ratios)
        return Judgement(Outcome.INCONSISTENT, ratios=ratios)
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
