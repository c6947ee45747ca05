"""The one judge: correct prints never look inconsistent, wrong ones always do."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from budgetaudit.figures import MONEY_UNITS, Figure, Interval, format_decimal, round_half_up, truncate
from budgetaudit.kinds.operands import operand
from budgetaudit.relations import (
    Judgement,
    Operand,
    Outcome,
    Undefined,
    divisor_guard,
    judge,
    judge_at_most,
    rate,
    ratio,
    share,
    total,
)
from budgetaudit.source import Source

settings.register_profile("budgetaudit", max_examples=150, deadline=None)
settings.load_profile("budgetaudit")


def printed(base_value: Fraction, decimals: int, unit: str | None) -> Operand:
    """The operand of `base_value` (in 元 for money) printed half up in `unit` with `decimals` places."""
    scale = MONEY_UNITS.get(unit or "", 1)
    value = round_half_up(base_value / scale, decimals)
    text = format_decimal(value, decimals)
    span = Source("x", text).span(0, len(text))
    return operand(Figure(value, decimals, unit, span, 0, len(text)))


def truth_of(base_value: Fraction, op: Operand) -> Fraction:
    """The true value behind a print: a print that is exact (a whole count, a bare 0 meaning "none")
    says the truth itself; any other print allows its interval."""
    if op.interval.lo == op.interval.hi:
        return op.interval.lo
    assert op.interval.contains(base_value)
    return base_value


def stated_as(value: Fraction, decimals: int, unit: str | None) -> Operand:
    """An operand printed as exactly `value` (in the unit), whatever the truth."""
    scale = MONEY_UNITS.get(unit or "", 1)
    return printed(value * scale, decimals, unit)


def corners(f, inputs: list[Operand]) -> Interval:
    """Brute force: f at every one of the 2^n corners of the inputs' box."""
    values = [f(*corner) for corner in itertools.product(*[(x.interval.lo, x.interval.hi) for x in inputs])]
    return Interval(min(values), max(values))


# Exact amounts in 元 with up to 4 decimals (fen and below), non-negative and signed.
amount_st = st.integers(min_value=0, max_value=10**14).map(lambda n: Fraction(n, 10**4))
signed_amount_st = st.integers(min_value=-(10**14), max_value=10**14).map(lambda n: Fraction(n, 10**4))
money_unit_st = st.sampled_from(["元", "万元", "亿元"])
decimals_st = st.integers(min_value=0, max_value=4)
percent_decimals_st = st.integers(min_value=0, max_value=3)


def far_outside(judgement: Judgement, stated: Operand, push: int) -> Fraction:
    """A value in the stated unit whose interval lies clear of the computed range."""
    step = Fraction(1, 10**stated.decimals)
    above = judgement.computed.hi / stated.scale + step * push
    return round_half_up(above, stated.decimals) + step


# -- sums --------------------------------------------------------------------


@given(
    st.lists(st.tuples(signed_amount_st, money_unit_st, decimals_st), min_size=2, max_size=12),
    money_unit_st,
    decimals_st,
    st.integers(min_value=1, max_value=1000),
)
def test_sum_of_rounded_parts(parts, unit, decimals, push) -> None:
    inputs = [printed(v, d, u) for v, u, d in parts]
    truth = sum((truth_of(v, x) for (v, _, _), x in zip(parts, inputs)), Fraction(0))
    stated = printed(truth, decimals, unit)
    assume(truth_of(truth, stated) == truth)  # a bare 0 printed for a non-zero truth claims none
    judgement = judge(total, [1] * len(inputs), inputs, stated)
    assert judgement.outcome is not Outcome.INCONSISTENT
    assert judgement.computed.contains(truth)
    assert judgement.printed == sum((x.value for x in inputs), Fraction(0))
    if len(inputs) <= 6:
        assert judgement.computed == corners(total, inputs)
    # A stated total far outside every value the parts allow is inconsistent.
    wrong = stated_as(far_outside(judgement, stated, push), decimals, unit)
    assert judge(total, [1] * len(inputs), inputs, wrong).outcome is Outcome.INCONSISTENT
    step = Fraction(1, 10**decimals)
    low = stated_as(round_half_up(judgement.computed.lo / stated.scale, decimals) - step * (push + 1), decimals, unit)
    assert judge(total, [1] * len(inputs), inputs, low).outcome is Outcome.INCONSISTENT


def test_sum_examples() -> None:
    parts = [stated_as(Fraction(33, 100), 2, "万元")] * 3
    exact = judge(total, [1, 1, 1], parts, stated_as(Fraction(99, 100), 2, "万元"))
    assert exact.outcome is Outcome.EXACT
    tail = judge(total, [1, 1, 1], parts, stated_as(Fraction(1), 2, "万元"))  # 尾差
    assert tail.outcome is Outcome.ROUNDING and tail.holds
    wrong = judge(total, [1, 1, 1], parts, stated_as(Fraction(102, 100), 2, "万元"))
    assert wrong.outcome is Outcome.INCONSISTENT and not wrong.holds
    # 1207.84 = 1000.00 + 207.84, and a transposed 1027.84 is inconsistent.
    pair = [stated_as(Fraction(1000), 2, "万元"), stated_as(Fraction(20784, 100), 2, "万元")]
    assert judge(total, [1, 1], pair, stated_as(Fraction(120784, 100), 2, "万元")).outcome is Outcome.EXACT
    assert judge(total, [1, 1], pair, stated_as(Fraction(102784, 100), 2, "万元")).outcome is Outcome.INCONSISTENT
    # Units mix exactly: 12,078,400 元 is 1207.84 万元.
    mixed = [stated_as(Fraction(12_000_000), 0, "元"), stated_as(Fraction(78400), 2, "元")]
    assert judge(total, [1, 1], mixed, stated_as(Fraction(1207840, 1000), 3, "万元")).outcome is Outcome.EXACT


# -- shares, ratios, rates ---------------------------------------------------


@given(
    amount_st,
    st.integers(min_value=0, max_value=10**6),
    money_unit_st,
    decimals_st,
    percent_decimals_st,
    st.integers(min_value=1, max_value=1000),
)
@example(Fraction(1879), 8121, "元", 0, 1, 1)
def test_share_of_rounded_figures(part, extra, unit, decimals, rate_decimals, push) -> None:
    whole = part + extra + Fraction(1, 10**4)
    part_op, whole_op = printed(part, decimals, unit), printed(whole, decimals, unit)
    assume(truth_of(whole, whole_op) > 0)
    truth = share(truth_of(part, part_op), truth_of(whole, whole_op))
    stated = printed(truth, rate_decimals, "%")
    assume(truth_of(truth, stated) == truth)  # a bare 0 printed for a non-zero truth claims none
    guard = divisor_guard(1)
    judgement = judge(share, [1, -1], [part_op, whole_op], stated, guard)
    assert judgement.outcome is not Outcome.INCONSISTENT
    if judgement.outcome is Outcome.UNCHECKED:
        assert whole_op.interval.lo <= 0  # the whole printed as 0 in its unit
        return
    assert judgement.computed.contains(truth)
    if part_op.interval.lo >= 0:  # monotone in the whole only for a non-negative part
        assert judgement.computed == corners(share, [part_op, whole_op])
        wrong = stated_as(far_outside(judgement, stated, push), rate_decimals, "%")
        assert judge(share, [1, -1], [part_op, whole_op], wrong, guard).outcome is Outcome.INCONSISTENT


def draw_amount(draw, unit: str, decimals: int) -> Fraction:
    """An amount in 元 of at least two last printed digits of `unit` with `decimals` places, with a
    remainder below that digit: positive when printed, so tests need not filter out amounts that
    round to 0 (most small amounts do in 亿元)."""
    step = Fraction(MONEY_UNITS[unit], 10**decimals)
    return (draw(st.integers(min_value=2, max_value=10**9)) + Fraction(draw(st.integers(0, 999)), 1000)) * step


@st.composite
def change_st(draw):
    """(previous, Δ, sign, unit, decimals) whose printed figures and base are positive."""
    unit, decimals, sign = draw(money_unit_st), draw(decimals_st), draw(st.sampled_from([1, -1]))
    smaller, delta = draw_amount(draw, unit, decimals), draw_amount(draw, unit, decimals)
    previous = smaller + delta if sign < 0 else smaller  # the smaller of previous and current is positive
    return previous, delta, sign, unit, decimals


@st.composite
def ratio_st(draw):
    """(numerator, denominator, unit, decimals) whose printed figures are positive."""
    unit, decimals = draw(money_unit_st), draw(decimals_st)
    return draw_amount(draw, unit, decimals), draw_amount(draw, unit, decimals), unit, decimals


@given(ratio_st(), st.integers(min_value=0, max_value=6))
def test_ratio_of_rounded_figures(amounts, ratio_decimals) -> None:
    numerator, denominator, unit, decimals = amounts
    num_op, den_op = printed(numerator, decimals, unit), printed(denominator, decimals, unit)
    truth = ratio(truth_of(numerator, num_op), denominator)
    stated = printed(truth, ratio_decimals, None)
    assume(truth_of(truth, stated) == truth)  # a bare 0 printed for a non-zero truth claims none
    judgement = judge(ratio, [1, -1], [num_op, den_op], stated, divisor_guard(1))
    assert judgement.outcome is not Outcome.INCONSISTENT
    assert judgement.computed.contains(truth)
    assert judgement.computed == corners(ratio, [num_op, den_op])
    wrong = stated_as(far_outside(judgement, stated, 3), ratio_decimals, None)
    assert judge(ratio, [1, -1], [num_op, den_op], wrong, divisor_guard(1)).outcome is Outcome.INCONSISTENT


@given(change_st(), percent_decimals_st, st.integers(min_value=1, max_value=1000))
@example((Fraction(1000), Fraction(100), 1, "万元", 2), 2, 1)
def test_growth_rate_of_rounded_figures(change, rate_decimals, push) -> None:
    previous, delta, sign, unit, decimals = change
    current = previous + sign * delta
    current_op, delta_op = printed(current, decimals, unit), printed(delta, decimals, unit)
    # Monotone where the printed change is positive and the base (current − sign·Δ) stays positive.
    assume(delta_op.interval.lo > 0 and current_op.interval.lo > 0)
    assume(current_op.interval.lo - sign * (delta_op.interval.hi if sign > 0 else delta_op.interval.lo) > 0)
    f = rate(sign)
    truth = f(current, delta)
    assert truth == 100 * delta / previous
    stated = printed(truth, rate_decimals, "%")
    assume(truth_of(truth, stated) == truth)  # a bare 0 printed for a non-zero truth claims none
    judgement = judge(f, [-1, 1], [current_op, delta_op], stated)
    assert judgement.outcome is not Outcome.INCONSISTENT
    assert judgement.computed.contains(truth)
    assert judgement.computed == corners(f, [current_op, delta_op])
    wrong = stated_as(far_outside(judgement, stated, push), rate_decimals, "%")
    assert judge(f, [-1, 1], [current_op, delta_op], wrong).outcome is Outcome.INCONSISTENT


def test_rate_on_a_base_that_may_vanish_is_unchecked() -> None:
    current, delta = stated_as(Fraction(100), 0, "万元"), stated_as(Fraction(100), 0, "万元")
    judgement = judge(rate(1), [-1, 1], [current, delta], stated_as(Fraction(100), 0, "%"))
    assert judgement.outcome is Outcome.UNCHECKED
    assert judgement.reason


def test_rounding_comes_before_truncation() -> None:
    # 1.5 + 1.26 prints 2.76, which cuts to 2.7; but 1.5 may be 1.45, so the sum reaches down to 2.705,
    # inside 2.7's interval [2.65, 2.75]: a rounded reading exists, so it is a rounding (info).
    coarse = [stated_as(Fraction(15, 10), 1, "万元"), stated_as(Fraction(126, 100), 2, "万元")]
    assert judge(total, [1, 1], coarse, stated_as(Fraction(27, 10), 1, "万元")).outcome is Outcome.ROUNDING
    # 1.50 + 1.27 reaches only 2.76..2.78: 2.7 is outside it and is the sum cut, so a truncation (warning).
    fine = [stated_as(Fraction(150, 100), 2, "万元"), stated_as(Fraction(127, 100), 2, "万元")]
    assert judge(total, [1, 1], fine, stated_as(Fraction(27, 10), 1, "万元")).outcome is Outcome.TRUNCATION


def test_share_examples() -> None:
    part, whole = stated_as(Fraction(18794, 100), 2, "万元"), stated_as(Fraction(1000), 2, "万元")
    guard = divisor_guard(1)
    assert judge(share, [1, -1], [part, whole], stated_as(Fraction(188, 10), 1, "%"), guard).outcome is Outcome.EXACT
    assert judge(share, [1, -1], [part, whole], stated_as(Fraction(187, 10), 1, "%"), guard).outcome is Outcome.TRUNCATION
    assert judge(share, [1, -1], [part, whole], stated_as(Fraction(19), 0, "%"), guard).outcome is Outcome.EXACT
    assert judge(share, [1, -1], [part, whole], stated_as(Fraction(188, 1), 0, "%"), guard).outcome is Outcome.INCONSISTENT
    # Exact counts: 2 of 3 people is 66.67%, so 67% is exact and 66% is 2/3 truncated.
    part, whole = stated_as(Fraction(2), 0, "人"), stated_as(Fraction(3), 0, "人")
    assert judge(share, [1, -1], [part, whole], stated_as(Fraction(67), 0, "%"), guard).outcome is Outcome.EXACT
    assert judge(share, [1, -1], [part, whole], stated_as(Fraction(66), 0, "%"), guard).outcome is Outcome.TRUNCATION


# -- truncation and zero divisors -------------------------------------------


@given(
    st.lists(st.tuples(amount_st, decimals_st), min_size=1, max_size=7),
    st.integers(min_value=0, max_value=3),
    st.integers(min_value=6, max_value=9),
    st.integers(min_value=0, max_value=10**6),
)
def test_truncated_total_is_truncation(parts, decimals, tail, whole_digits) -> None:
    inputs = [printed(v, d, "元") for v, d in parts]
    # One more part, to four places, sets the sum's dropped digits to .6 to .9 of its last printed
    # one, where truncating and rounding differ.
    ulp = Fraction(1, 10**decimals)
    so_far = sum((x.value for x in inputs), Fraction(0))
    last = (Fraction(tail, 10) * ulp - so_far) % ulp + whole_digits * ulp
    inputs.append(printed(last, 4, "元"))
    exact_sum = sum((x.value for x in inputs), Fraction(0))
    assume(truncate(exact_sum, decimals) != round_half_up(exact_sum, decimals))
    stated = stated_as(truncate(exact_sum, decimals), decimals, "元")
    judgement = judge(total, [1] * len(inputs), inputs, stated)
    # Rounding before truncation: where the printed intervals meet, the gap is a 尾差 (info).
    meets = judgement.computed is not None and judgement.computed.meets(stated.interval)
    assert judgement.outcome is (Outcome.ROUNDING if meets else Outcome.TRUNCATION)
    assert judgement.holds is meets


@given(
    st.integers(min_value=10**6, max_value=10**10),
    percent_decimals_st,
    st.integers(min_value=0, max_value=99_999),
    st.integers(min_value=55, max_value=95),
)
def test_truncated_share_is_truncation(whole_cents, rate_decimals, digits, tail) -> None:
    # The part is aimed at a share whose dropped digits are .55 to .95 of the last printed one, where
    # truncating and rounding differ; a whole of at least 10,000 元 keeps the aim within a cent.
    whole = Fraction(whole_cents, 100)
    ulp = Fraction(1, 10**rate_decimals)
    target = (digits % (100 * 10**rate_decimals)) * ulp + Fraction(tail, 100) * ulp
    part_op, whole_op = printed(whole * target / 100, 2, "元"), printed(whole, 2, "元")
    printed_share = share(part_op.value, whole_op.value)
    assume(truncate(printed_share, rate_decimals) != round_half_up(printed_share, rate_decimals))
    stated = stated_as(truncate(printed_share, rate_decimals), rate_decimals, "%")
    judgement = judge(share, [1, -1], [part_op, whole_op], stated, divisor_guard(1))
    meets = judgement.computed is not None and judgement.computed.meets(stated.interval)
    assert judgement.outcome is (Outcome.ROUNDING if meets else Outcome.TRUNCATION)


@given(amount_st, st.integers(min_value=0, max_value=4), st.sampled_from(["元", "万元", "亿元"]))
def test_divisor_range_containing_zero_is_unchecked(part, decimals, unit) -> None:
    whole_op = stated_as(Fraction(0), decimals, unit)  # a printed zero allows ±half a last digit
    assert whole_op.interval.lo <= 0 <= whole_op.interval.hi
    part_op = printed(part, 2, unit)
    for f in (share, ratio):
        judgement = judge(f, [1, -1], [part_op, whole_op], stated_as(Fraction(50), 0, "%"), divisor_guard(1))
        assert judgement.outcome is Outcome.UNCHECKED
        assert judgement.reason and judgement.computed is None


def test_a_zero_divisor_without_a_guard_is_unchecked_not_a_crash() -> None:
    part, whole = stated_as(Fraction(5), 0, "人"), stated_as(Fraction(0), 0, "人")
    judgement = judge(share, [1, -1], [part, whole], stated_as(Fraction(50), 0, "%"))
    assert judgement.outcome is Outcome.UNCHECKED


# -- two evaluations against 2^n corners ------------------------------------


def weighted(*xs: Fraction) -> Fraction:
    """A monotone function with mixed directions: x0 + 2·x1 − x2 + x3·x4/(1 + x5)… on positive inputs."""
    head = xs[0] + 2 * xs[1] - xs[2] if len(xs) >= 3 else sum(xs, Fraction(0))
    rest = xs[3:]
    product = Fraction(1)
    for x in rest:
        product *= x
    return head + (product if rest else 0)


def weighted_directions(n: int) -> list[int]:
    return [1, 1, -1] + [1] * (n - 3) if n >= 3 else [1] * n


@given(
    st.lists(st.tuples(st.integers(min_value=1, max_value=10**8), st.integers(min_value=0, max_value=3)), min_size=1, max_size=7),
    st.integers(min_value=0, max_value=2),
)
def test_two_evaluations_equal_brute_force_corners(values, decimals) -> None:
    # Positive inputs keep the product monotone increasing in each factor.
    inputs = [stated_as(Fraction(v, 10**d), d, "万元") for v, d in values]
    assume(all(x.interval.lo > 0 for x in inputs))
    stated = stated_as(Fraction(0), decimals, "万元")
    judgement = judge(weighted, weighted_directions(len(inputs)), inputs, stated)
    assert judgement.computed == corners(weighted, inputs)
    if len(inputs) >= 2:
        judgement = judge(share, [1, -1], inputs[:2], stated)
        assert judgement.computed == corners(share, inputs[:2])


# -- at most (a 其中 list that need not be complete) --------------------------


@given(
    st.lists(st.tuples(amount_st, decimals_st), min_size=1, max_size=12),
    amount_st,
    money_unit_st,
    decimals_st,
)
def test_incomplete_parts_never_exceed_their_total(parts, slack, unit, decimals) -> None:
    inputs = [printed(v, d, unit) for v, d in parts]
    truth = sum((truth_of(v, x) for (v, _), x in zip(parts, inputs)), Fraction(0)) + slack
    stated = printed(truth, decimals, unit)
    assume(truth_of(truth, stated) == truth)  # a bare 0 printed for a non-zero truth claims none
    judgement = judge_at_most(inputs, stated)
    assert judgement.outcome in (Outcome.EXACT, Outcome.ROUNDING)
    printed_sum = sum((x.value for x in inputs), Fraction(0))
    assert (judgement.outcome is Outcome.EXACT) == (printed_sum <= stated.value)
    assert judgement.computed == Interval(
        sum((x.interval.lo for x in inputs), Fraction(0)), sum((x.interval.hi for x in inputs), Fraction(0))
    )
    # A total below the least the parts allow is inconsistent.
    low_total = stated_as(
        round_half_up(judgement.computed.lo / stated.scale, decimals) - 2 * Fraction(1, 10**decimals), decimals, unit
    )
    assert judge_at_most(inputs, low_total).outcome is Outcome.INCONSISTENT


def test_judge_at_most_examples() -> None:
    parts = [stated_as(Fraction(40), 0, "万元"), stated_as(Fraction(50), 0, "万元")]
    assert judge_at_most(parts, stated_as(Fraction(100), 0, "万元")).outcome is Outcome.EXACT
    assert judge_at_most(parts, stated_as(Fraction(90), 0, "万元")).outcome is Outcome.EXACT
    assert judge_at_most(parts, stated_as(Fraction(89), 0, "万元")).outcome is Outcome.ROUNDING
    assert judge_at_most(parts, stated_as(Fraction(88), 0, "万元")).outcome is Outcome.INCONSISTENT
    assert judge_at_most(parts, stated_as(Fraction(50), 0, "万元")).outcome is Outcome.INCONSISTENT


@pytest.mark.parametrize("outcome,holds", [(o, o in (Outcome.EXACT, Outcome.ROUNDING)) for o in Outcome])
def test_holds(outcome: Outcome, holds: bool) -> None:
    assert Judgement(outcome).holds is holds


@given(
    st.fractions(min_value=-10**7, max_value=10**7, max_denominator=10**6),
    st.integers(min_value=-10**9, max_value=10**9),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(["元", "万元", "亿元", "%", None]),
)
@example(Fraction(-5, 10), 0, 0, None)  # -0.5 rounds half away from zero to -1, is cut to 0
@example(Fraction(-5, 10), -1, 0, None)
def test_exact_and_truncation_follow_their_definitions(value, stated_units, decimals, unit) -> None:
    """EXACT: f of the prints, rounded half up to the stated figure's last place, is the stated number;
    TRUNCATION: cut (not rounded) to it, it is. The judge decides both in integers."""
    stated = stated_as(Fraction(stated_units, 10**decimals), decimals, unit)
    scale = MONEY_UNITS.get(unit or "", 1)
    outcome = judge(lambda x: x, [1], [Operand(value * scale, Interval(value * scale, value * scale))], stated).outcome
    stated_in_unit = Fraction(stated_units, 10**decimals)
    if round_half_up(value, decimals) == stated_in_unit:
        assert outcome is Outcome.EXACT
    elif truncate(value, decimals) == stated_in_unit:
        # Rounding before truncation: a value on the edge of the stated interval is a rounding.
        meets = stated.interval.lo <= value * scale <= stated.interval.hi
        assert outcome is (Outcome.ROUNDING if meets else Outcome.TRUNCATION)
    else:
        assert outcome in (Outcome.ROUNDING, Outcome.INCONSISTENT)


# -- the integer path of sums ------------------------------------------------


def _figure_operand(units: int, decimals: int, unit: str) -> Operand:
    """The operand of a figure printed as units/10^decimals in `unit` (what Figure derives)."""
    from budgetaudit.figures import _derived

    value = Fraction(units, 10**decimals)
    return _derived(value.numerator, value.denominator, decimals, unit)


printed_figure_st = st.tuples(
    st.integers(min_value=-(10**9), max_value=10**9),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(["元", "万元", "亿元", "人", "%", "分"]),
)


@given(
    st.lists(printed_figure_st, min_size=1, max_size=8),
    printed_figure_st,
    st.sampled_from(["random", "rounded", "cut", "off by one"]),
)
@example([(120784, 2, "万元"), (0, 0, "万元")], (102784, 2, "万元"), "random")
@example([(1, 0, "人"), (2, 0, "人")], (3, 0, "人"), "random")
@example([(11, 1, "万元")], (10, 1, "万元"), "random")  # the intervals touch: [1.05, 1.15] and [0.95, 1.05]
@example([(10, 1, "万元")], (11, 1, "万元"), "random")
def test_sums_of_figures_are_judged_in_integers_as_in_fractions(parts, stated, how) -> None:
    inputs = [_figure_operand(*p) for p in parts]
    units, decimals, unit = stated
    if how != "random":  # a stated total near the printed sum, so that every outcome occurs
        exact = sum((x.value for x in inputs), Fraction(0)) / MONEY_UNITS.get(unit, 1) * 10**decimals
        units = (round_half_up(exact, 0) if how == "rounded" else truncate(exact, 0)).numerator
        units += 1 if how == "off by one" else 0
    target = _figure_operand(units, decimals, unit)
    assert all(x.scaled is not None for x in [*inputs, target])
    in_integers = judge(total, [1] * len(inputs), inputs, target)
    in_fractions = judge(lambda *values: total(*values), [1] * len(inputs), inputs, target)
    assert in_integers == in_fractions
    # Operands without their integers take the Fraction path of judge_at_most.
    plain = [Operand(x.value, x.interval, x.decimals, x.scale) for x in [*inputs, target]]
    assert judge_at_most(inputs, target) == judge_at_most(plain[:-1], plain[-1])


# -- the integer path of shares, ratios and rates --------------------------------


@given(
    st.sampled_from(["share", "ratio", "rate up", "rate down"]),
    printed_figure_st,
    printed_figure_st,
    printed_figure_st,
    st.sampled_from(["random", "rounded", "cut", "off by one"]),
    st.booleans(),
)
@example("share", (18794, 2, "万元"), (100000, 2, "万元"), (1879, 1, "%"), "random", True)  # 18.794%: 18.8 rounds
@example("share", (1, 0, "人"), (0, 0, "人"), (0, 0, "%"), "random", False)  # a divisor of 0: the Fraction path
@example("ratio", (5, 0, "人"), (-2, 0, "人"), (-25, 1, "人"), "random", False)  # a negative divisor
@example("rate up", (100, 0, "万元"), (100, 0, "万元"), (100, 0, "%"), "random", False)  # a base that may vanish
@example("rate down", (900, 0, "万元"), (100, 0, "万元"), (10, 0, "%"), "rounded", False)
def test_shares_ratios_and_rates_are_judged_in_integers_as_in_fractions(name, first, second, stated, how, guarded) -> None:
    f, directions = {"share": (share, [1, -1]), "ratio": (ratio, [1, -1]), "rate up": (rate(1), [-1, 1]),
                     "rate down": (rate(-1), [-1, 1])}[name]
    inputs = [_figure_operand(*first), _figure_operand(*second)]
    units, decimals, unit = stated
    if how != "random":
        try:
            exact = f(*[x.value for x in inputs]) / MONEY_UNITS.get(unit, 1) * 10**decimals
        except (ZeroDivisionError, Undefined):
            exact = None
        if exact is not None:
            units = (round_half_up(exact, 0) if how == "rounded" else truncate(exact, 0)).numerator
            units += 1 if how == "off by one" else 0
    target = _figure_operand(units, decimals, unit)
    guard = divisor_guard(1) if guarded and name in ("share", "ratio") else None
    in_integers = judge(f, directions, inputs, target, guard)
    in_fractions = judge(lambda *values: f(*values), directions, inputs, target, guard)
    assert in_integers == in_fractions
