"""A stated change against a named base: Δ, rate and direction words must agree.

check = "rate":      r = 100 × Δ / (current − Δ) for 增加 (current + Δ for 减少), or r = 100 × Δ / base
                     where the base is printed with the change (either reading that holds will do);
                     growth from a zero base written as 100% is a convention (info).
check = "direction": the word of the amount (增加/减少) and of the rate (增长/下降) agree, each with the
                     sign printed after it (下降-5% is a fall).
check = "flat":      持平/无变化 is not said of an item whose change is stated as non-zero.
check = "flat_figures": 持平/无变化/无增减 against a base whose own figure is stated (a table's 预算数 beside
                     its 决算数, last year's figure): the two figures are equal within rounding.
check = "points":    比上年的10.54%增加0.78个百分点: the points are the difference of the two percentages, in the
                     direction said (a percentage after 下降 may be read as negative or by its size).
check = "annual":    年均增长r% beside 比YYYY年增长R%: (1 + r/100)^n = 1 + R/100 over the n years (kinds/annual.py).
check = "base":      Δ = current − base, where the base figure itself is printed with the change
                     (比上年2476.95万元减少…) or elsewhere under the same concept (a table's 2025年预算数
                     column, a 年初预算数 column).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..document import Document
from ..figures import magnitude
from ..relations import Outcome, divisor_guard, judge, share, total
from ..relations import rate as rate_of
from ..slips import RateSlips, rounds_to
from .annual import check_annual
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final = {"check": (str, ...)}
PLACEHOLDERS: Final = {"label", "base", "stated", "expected", "why", "gap", "delta", "word", "other"}


def _difference(sign: int):
    def difference(current: Fraction, base: Fraction) -> Fraction:
        return sign * (current - base)

    return difference


def _figures_rate(sign: int):
    def figures_rate(current: Fraction, base: Fraction) -> Fraction:
        return sign * (current - base) * 100 / base

    return figures_rate


def check(rule, document: Document, reporter: Reporter) -> None:
    {"rate": check_rate, "direction": check_direction, "flat": check_flat, "base": check_base,
     "flat_figures": check_flat_figures, "increase_bound": check_increase_bound, "points": check_points,
     "annual": check_annual}[
        rule.params["check"]
    ](rule, document, reporter)


def _statements_by_key(document: Document) -> dict[tuple, list]:
    """The statement facts by (concept, period, measure, quantity), in document order: each change asks for
    its base among them (a scan of every fact per change would grow with changes × facts)."""
    out: dict[tuple, list] = {}
    for fact in document.facts:
        if fact.context == "statement":
            key = fact.key
            out.setdefault((key.concept, key.period, key.measure, key.quantity), []).append(fact)
    return out


def _base_facts(document: Document, change, statements: dict[tuple, list]):
    """Figures of the change's base: the same concept, quantity and (equivalent) scope, in the base's period/measure."""
    current = change.current
    if change.base == "previous":
        period, measure = "previous", current.key.measure
    elif change.base == "initial_budget" and document.kind == "final_account":
        period, measure = "current", "initial_budget"
    else:
        return []
    wanted = document.comparable(current.key)
    out = []
    for fact in statements.get((current.key.concept, period, measure, current.key.quantity), ()):
        # Scopes of the base year are merged like this year's (the same document, the same funds).
        scope = document.scope_alias.get(fact.key.scope, fact.key.scope)
        if scope == wanted.scope:
            out.append(fact)
    return out


def check_base(rule, document: Document, reporter: Reporter) -> None:
    statements = _statements_by_key(document)
    for change in document.changes:
        current = change.current
        if change.delta is None or current is None or change.delta_sign not in (1, -1):
            continue
        if change.prior is None and not current.key.known:
            continue
        # A base printed with the change itself (比上年2476.95万元减少…) is the base; else one stated elsewhere.
        bases = [change.prior] if change.prior is not None else _base_facts(document, change, statements)
        if not bases:
            continue
        values = {"label": change.label, "base": change.base_text, "delta": change.delta.text}
        if len({b.figure.base_ratio for b in bases}) > 1:
            reporter.unchecked(rule.code, "base_ambiguous", [change.delta, *bases], label=change.label)
            continue
        base = bases[0]
        sign = change.delta_sign
        judgement = judge(_difference(sign), [sign, -sign], [operand(current), operand(base)], operand(change.delta))
        whole = change.whole_of_part
        if not judgement.holds and whole is not None and judge(
                _difference(sign), [sign, -sign], [operand(whole), operand(base)], operand(change.delta)).holds:
            # 补助收入40.25亿元，包括A12.05亿元、B28.20亿元，较上年95.75亿元减少55.5亿元: right as the total's change.
            reporter.unchecked(rule.code, "subject_ambiguous", [change.delta, current, whole, base], label=change.label)
            continue
        values["other"] = base.figure.text
        items: list = [current, base]
        rate = change.rate
        if not judgement.holds and rate is not None and rate.sign != 0 and _effective(change.rate_sign, rate) == sign \
                and judge(_difference(-sign), [-sign, sign], [operand(current), operand(base)],
                          operand(change.delta)).holds:
            # 减少3.51万元，下降0.2% where the figures rose by 3.51: one direction, said of the amount and of its rate;
            # the rate is named with the amount, as the reviewer corrects both.
            items.append(rate)
        reporter.judged(rule, judgement, change.delta, items, values)


def _points_difference(sign: int, current_sign: int, other_sign: int):
    def points_difference(current: Fraction, other: Fraction) -> Fraction:
        return sign * (current_sign * current - other_sign * other)

    return points_difference


def check_points(rule, document: Document, reporter: Reporter) -> None:
    for change in document.points:
        values = {"label": change.label, "base": change.other_label, "delta": change.points.text,
                  "other": change.other.text, "word": change.words[0].text if change.words else ""}
        first = None
        held = None
        for current_sign in change.current_signs:
            for other_sign in change.other_signs:
                reading = judge(_points_difference(change.sign, current_sign, other_sign),
                                [change.sign * current_sign, -change.sign * other_sign],
                                [change.current.operand, change.other.operand], change.points.operand)
                if first is None:
                    first = reading
                if reading.holds and (held is None or reading.outcome is Outcome.EXACT):
                    held = reading
        judgement = held if held is not None else first
        if judgement is None:
            continue
        hint = ""
        if held is None and judge(_points_difference(-change.sign, change.current_signs[0], change.other_signs[0]),
                                  [-change.sign * change.current_signs[0], change.sign * change.other_signs[0]],
                                  [change.current.operand, change.other.operand], change.points.operand).holds:
            hint = reporter.hint("points_direction")
        reporter.judged(rule, judgement, change.points, [change.current, change.other, *change.words], values, hint)


def check_flat_figures(rule, document: Document, reporter: Reporter) -> None:
    statements = _statements_by_key(document)
    for flat in document.changes:
        current = flat.current
        if flat.delta is not None or flat.rate is not None or not flat.words or current is None:
            continue
        if not current.key.known or current.context != "statement":
            continue
        bases = [b for b in _base_facts(document, flat, statements) if b is not current]
        if not bases:
            continue
        if len({b.figure.base_ratio for b in bases}) > 1:
            reporter.unchecked(rule.code, "base_ambiguous", [flat.words[0], current, *bases], label=flat.label)
            continue
        base = bases[0]
        judgement = judge(total, [1], [operand(base)], operand(current))
        reporter.report.checked += 1
        if judgement.outcome is Outcome.INCONSISTENT:
            values = {"label": flat.label, "base": flat.base_text, "word": flat.words[0].text,
                      "delta": current.figure.text, "other": base.figure.text, "why": ""}
            reporter.finding(rule, rule.severity, values, [flat.words[0], current, base], base.figure.text,
                             flat.words[0].text)


def check_increase_bound(rule, document: Document, reporter: Reporter) -> None:
    for change in document.changes:
        current, delta = change.current, change.delta
        if delta is None or current is None or change.delta_sign != 1 or change.prior is not None:
            continue
        # The current figure is the change's only where the change names it (known item, or its very label).
        if current.key.quantity != "money" or current.figure.sign < 0 or not (current.key.known or current.label == change.label):
            continue
        whole = change.whole_of_part
        if whole is not None and delta.interval.lo <= whole.figure.interval.hi:
            continue  # the change may be the total's (基本支出x，其中…公用经费y。比上年增加Δ), which it fits
        # The words are read only where the figures would fail (most increases are smaller than their figure).
        # Even the smallest Δ exceeds the largest C; compared in integers first, as most changes are far below.
        (dn, dd), (cn, cd) = delta.base_ratio, current.figure.base_ratio
        exceeds = dn * cd > cn * dd and delta.interval.lo > current.figure.interval.hi
        if exceeds and (_MAY_BE_NEGATIVE.search(change.label) or _MAY_BE_NEGATIVE.search(current.label)
                        or _COMPARED.search(current.label)):  # 同比去年1.05万元: a label of a comparison names no item
            continue
        reporter.report.checked += 1
        if exceeds:
            word = change.words[0].text if change.words else ""
            reporter.finding(
                rule, rule.severity,
                {"label": change.label, "base": change.base_text, "word": word, "delta": delta.text,
                 "other": current.figure.text, "why": ""},
                [delta, *change.words[:1], current], current.figure.text, delta.text,
            )


# Items that may be negative: an increase larger than them says nothing.
_MAY_BE_NEGATIVE: Final = re.compile(r"结余|结转|差额|净|赤字|余额")
_COMPARED: Final = re.compile(r"^(?:同比|较|比|与)")


def _on_prior(change, rate):
    """The rate judged on the printed base figure: r = 100 × Δ / base."""
    return judge(share, [1, -1], [operand(change.delta), operand(change.prior)], operand(rate), divisor_guard(1))


def _figures_rate_on_current(sign: int):
    def figures_rate(current: Fraction, base: Fraction) -> Fraction:
        return sign * (current - base) * 100 / current

    return figures_rate


def _check_rate_of_figures(rule, change, reporter: Reporter) -> None:
    """总收入2318.40万元，比上年2476.95万元下降6.40%: no change printed, the rate is of the two figures, on the
    base (or, a reading also accepted, on the current figure)."""
    rate_figure, current, prior = change.rate, change.current, change.prior
    assert rate_figure is not None and current is not None and prior is not None
    sign = change.rate_sign
    if sign not in (1, -1) or current.figure.sign <= 0 or prior.figure.sign <= 0:
        return
    rate = magnitude(rate_figure) if sign < 0 else rate_figure  # 下降-6.4% repeats the word; 增加-38.09% is a fall
    inputs = [operand(current), operand(prior)]
    reading = judge(_figures_rate(sign), [sign, -sign], inputs, operand(rate), divisor_guard(1))
    if not reading.holds:
        on_current = judge(_figures_rate_on_current(sign), [sign, -sign], inputs, operand(rate), divisor_guard(0))
        if on_current.holds:
            reading = on_current
    values = {"label": change.label, "base": change.base_text, "delta": ""}
    reporter.judged(rule, reading, rate_figure, [prior, current], values, "")


def check_rate(rule, document, reporter: Reporter) -> None:
    rated = [c for c in document.changes if c.rate is not None and c.delta is not None]
    slips: RateSlips | None = None
    for change in document.changes:
        if change.rate is not None and change.delta is None and change.prior is not None and change.current is not None:
            _check_rate_of_figures(rule, change, reporter)
    for change in rated:
        values = {"label": change.label, "base": change.base_text, "delta": change.delta.text}
        if change.delta_sign not in (1, -1):
            continue
        # 下降-6.4% repeats the word; 减少Δ，增长-44% says the fall again: both are judged by their size.
        falls = change.rate_sign < 0 or (change.delta_sign < 0 and change.rate.sign < 0)
        rate = magnitude(change.rate) if falls else change.rate
        if change.prior is not None and change.prior.figure.sign > 0:
            # The base is printed: the rate is Δ over it. A reading on the current figure (current − Δ) that
            # holds is also accepted: the reviewer is told only when neither reading gives the printed rate.
            on_prior = _on_prior(change, rate)
            if not on_prior.holds and change.current is not None and change.current.figure.sign > 0:
                # Named apart from the Fraction `on_current` below: the compiled build types a name once.
                current_reading = judge(rate_of(change.delta_sign), [-1, 1],
                                        [operand(change.current), operand(change.delta)], operand(rate))
                if current_reading.holds:
                    on_prior = current_reading
                else:
                    # The rate of the two printed figures (the change itself is the slip, XRF003 says so).
                    figures_reading = judge(_figures_rate(change.delta_sign), [change.delta_sign, -change.delta_sign],
                                            [operand(change.current), operand(change.prior)], operand(rate),
                                            divisor_guard(1))
                    if figures_reading.holds:
                        on_prior = figures_reading
            hint = ""
            if on_prior.outcome is Outcome.INCONSISTENT and change.current is not None and change.current.figure.sign > 0:
                on_current_value = 100 * change.delta.base_value / change.current.figure.base_value
                if rounds_to(on_current_value, rate):
                    hint = reporter.hint("rate_on_current", on_current=rate.format(on_current_value))
            inputs = [change.delta, change.prior, *([change.current] if change.current is not None else [])]
            reporter.judged(rule, on_prior, change.rate, inputs, values, hint)
            continue
        if change.current is None:
            reporter.unchecked(rule.code, "no_current", [change.rate, change.delta], label=change.label)
            continue
        current, delta = change.current, change.delta
        if delta.sign == 0 and rate.sign == 0:
            reporter.report.checked += 1
            continue
        sign = change.delta_sign
        # The base's range, current − sign·Δ, in integers over the two figures' denominators.
        scaled_current, scaled_delta = current.figure.operand.scaled, delta.operand.scaled
        assert scaled_current is not None and scaled_delta is not None  # a figure's operand has its integers
        c_lo, _, c_hi, c_den = scaled_current
        d_lo, _, d_hi, d_den = scaled_delta
        whole = change.whole_of_part
        if c_hi * d_den - sign * d_lo * c_den <= 0 and whole is not None and whole.figure.sign > 0 \
                and whole.figure.base_value - sign * delta.base_value > 0:
            # 基本支出x，其中…公用经费353.71万元。比上年增加654万元，增长9%: no base of the part is positive, so the
            # change is the total's, the only reading left.
            current = whole
            values["label"] = whole.label
            scaled_current = current.figure.operand.scaled
            assert scaled_current is not None
            c_lo, _, c_hi, c_den = scaled_current
        if c_lo * d_den - sign * d_hi * c_den <= 0:
            if sign == 1 and rate.value == 100 and c_hi * d_den - sign * d_lo * c_den >= 0:
                reporter.report.checked += 1
                reporter.finding(
                    rule, "info", {**values, "why": reporter.hint("zero_base")}, [rate, delta, current],
                    rate.text, rate.text,
                )
            else:
                reporter.unchecked(rule.code, "base_not_positive", [rate, delta, current])
            continue
        judgement = judge(rate_of(sign), [-1, 1], [operand(current), operand(delta)], operand(rate))
        whole = change.whole_of_part
        if judgement.outcome is Outcome.INCONSISTENT and whole is not None and whole.figure.sign > 0 and judge(
                rate_of(sign), [-1, 1], [operand(whole), operand(delta)], operand(rate)).holds:
            # 收入总计3759.2万元，其中结转1366.76万元，较上年增加197.03万元，增加5.5%: right as the total's change.
            reporter.unchecked(rule.code, "subject_ambiguous", [rate, delta, current, whole], label=change.label)
            continue
        if judgement.outcome is Outcome.INCONSISTENT and _said_the_other_way(document, change, reporter) \
                and judge(rate_of(-sign), [-1, 1], [operand(current), operand(delta)], operand(rate)).holds:
            # …减少166.40万元，下降12.99%。…增加166.40万元，增长12.99%: the words are the slip (XRF001 says so),
            # and the rate is right the other way.
            reporter.unchecked(rule.code, "direction_disputed", [rate, delta, current], label=change.label)
            continue
        hint = ""
        if judgement.outcome is Outcome.INCONSISTENT:
            current_value = current.figure.base_value
            if slips is None:  # indexed once per document, on the first wrong rate
                slips = RateSlips(rated)
            swapped = slips.swapped(change)
            copied = slips.copied(change) if swapped is None else None
            if current_value != 0 and rounds_to(100 * delta.base_value / current_value, rate):
                on_current = 100 * delta.base_value / current_value
                hint = reporter.hint("rate_on_current", on_current=rate.format(on_current))
            elif swapped is not None:
                hint = reporter.hint("swapped", other=swapped.label)
            elif copied is not None:
                hint = reporter.hint("copied_rate", line=str(copied.rate.span.line))
        reporter.judged(rule, judgement, rate, [delta, current], values, hint)


def _effective(word_sign: int, figure) -> int:
    """The direction a word and its printed number say together (下降-5% is a fall, 增长-5% a fall too)."""
    if figure.sign < 0 and word_sign < 0:
        return -1
    return word_sign if figure.sign >= 0 else -word_sign


def check_direction(rule, document: Document, reporter: Reporter) -> None:
    for change in document.changes:
        if change.delta is None or change.delta_sign not in (1, -1):
            continue
        # 增加-9.60万元 contradicts itself; a rate's sign counts with its word (下降-81.75% repeats the fall,
        # 减少499.01万元，增长-44% is a fall said twice), so a rate contradicts only the other direction.
        negative = change.delta.sign < 0 and change.delta_sign > 0
        if change.rate is None and not negative:
            continue
        reporter.report.checked += 1
        opposite = change.rate is not None and change.rate.sign != 0 and change.delta.sign != 0 and (
            _effective(change.delta_sign, change.delta) != _effective(change.rate_sign, change.rate))
        if opposite or negative:
            stated = change.rate if change.rate is not None else change.delta
            words = change.words
            reporter.finding(
                rule, rule.severity,
                {"label": change.label, "base": change.base_text, "delta": change.delta.text,
                 "word": words[-1].text if words else "", "other": words[0].text if words else "", "why": ""},
                [stated, *([change.delta] if stated is not change.delta else []),
                 *([change.current] if change.current else [])],
                "", stated.text,
            )


def check_flat(rule, document: Document, reporter: Reporter) -> None:
    flats = [c for c in document.changes if c.delta is None and c.rate is None and c.words]
    for flat in flats:
        for other in document.changes:
            if other is flat or other.base != flat.base:
                continue
            same_item = (other.current is not None and other.current is flat.current) or (
                other.label and other.label == flat.label and other.key.scope == flat.key.scope
            ) or (
                # The same item in another section: same known concept and (equivalent) fund scope.
                flat.key.known and other.key.known and other.key.concept == flat.key.concept
                and document.comparable(other.key).scope == document.comparable(flat.key).scope
            )
            if not same_item:
                continue
            moved = [x for x in (other.delta, other.rate) if x is not None and x.sign != 0]
            reporter.report.checked += 1
            if moved:
                reporter.finding(
                    rule, rule.severity,
                    {"label": flat.label, "base": flat.base_text, "word": flat.words[0].text,
                     "delta": moved[0].text, "other": moved[0].text, "why": ""},
                    [flat.words[0], *moved], "0", flat.words[0].text,
                )
                break


def _said_the_other_way(document: Document, change, reporter: Reporter) -> bool:
    """Whether another change of the same item against the same base states the same amount the other way.
    The document's changes are indexed once per document (asked for each wrong rate, a scan would grow with
    the square of the changes)."""
    assert change.delta is not None
    said = reporter.memo.get("change.said")
    if said is None:
        said = reporter.memo["change.said"] = {
            (other.key.concept, other.base, other.delta_sign, other.delta.base_ratio)
            for other in document.changes if other.delta is not None}
    return (change.key.concept, change.base, -change.delta_sign, change.delta.base_ratio) in said
