"""Performance-evaluation tables: weights, scores, execution rates, deviations and targets.

Every relation goes through the one judge (`judge`, `judge_at_most`). The
tables are read by budgetaudit/evaluation.py; a part it could not place with
certainty (its doubts) makes the rules that need it report unchecked.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..document import Document
from ..evaluation import Evaluation, Indicator
from ..figures import (
    Figure,
    exact_operand,
    format_decimal,
)
from ..relations import (
    Judgement,
    Outcome,
    divisor_guard,
    judge,
    judge_at_most,
    share,
    total,
)
from .evaluation_report import bound as _bound
from .evaluation_report import project as _project
from .evaluation_report import shown as _shown
from .evaluation_text import (
    check_cost_target,
    check_description_arithmetic,
    check_description_sum,
    check_quantity_target,
)
from .funds import check_funds
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


CHECKS: Final = (
    "weights", "total", "score_bounds", "execution_rate", "execution_score", "deviation",
    "target_and_score", "cost_target", "quantity_target",
    "description_arithmetic", "description_sum", "funds",
)
PARAMS: Final = {"check": (str, ...)}
PLACEHOLDERS: Final = {
    "project", "label", "stated", "expected", "why", "gap", "parts", "other", "problem", "convention",
    "target", "actual", "nature",
}
HUNDRED: Final = exact_operand(Fraction(100))
ZERO: Final = exact_operand(Fraction(0))


def check(rule, document: Document, reporter: Reporter) -> None:
    name = rule.params["check"]
    if name not in CHECKS:
        return
    CHECKERS[name](rule, document, reporter)


def _parts_text(reporter: Reporter, items: list[tuple[str, Figure]]) -> str:
    return reporter.join(f"{label}{figure.text}" for label, figure in items)


# ---- weights and totals -------------------------------------------------------------------------

def _conventions(ev: Evaluation):
    """[(name, weights, scores)]: execution scored inside the total (a) or reported beside it (b)."""
    weights = [(i.name, i.weight) for i in ev.indicators if i.weight is not None]
    scores = [(i.name, i.score) for i in ev.indicators if i.score is not None]
    out = []
    exe = ev.execution
    if exe is not None and exe.weight is not None:
        extra_w = [("执行率权重", exe.weight)]
        extra_s = [("执行率得分", exe.score)] if exe.score is not None else []
        out.append(("a", weights + extra_w, scores + extra_s))
    out.append(("b", weights, scores))
    return out


def _choose(ev: Evaluation):
    """The convention the table is read under: one that fits it, else the one it comes closest to.

    Returns (convention, weights, scores, weight judgement, score judgement or None), or None when
    the table's weights cannot be judged (missing weights, an execution block that could not be read).
    """
    if not ev.indicators or any(i.weight is None for i in ev.indicators):
        return None
    if ev.doubtful("indicators"):
        return None
    results = []
    for name, weights, scores in _conventions(ev):
        wj = judge(total, [1] * len(weights), [operand(f) for _, f in weights], HUNDRED)
        sj = None
        if ev.total is not None and ev.kind == "self_evaluation":
            if len(scores) != len(weights):
                sj = Judgement(Outcome.UNCHECKED, reason="evaluation_scores_missing")
            else:
                sj = judge(total, [1] * len(scores), [operand(f) for _, f in scores], operand(ev.total))
        results.append((name, weights, scores, wj, sj))
    fitting = [r for r in results if r[3].holds and (r[4] is None or r[4].holds)]
    if fitting:
        return fitting[0]
    if ev.execution_header and (ev.execution is None or ev.execution.weight is None):
        return "unknown"  # whether execution counts in the score cannot be told
    for r in results:
        if r[3].holds:
            return r
    for r in results:
        if r[4] is not None and r[4].holds:
            return r
    exe = ev.execution
    if exe is not None and exe.weight is not None and exe.weight.base_value < 100:
        return results[0]
    return results[-1]


def _chosen(reporter: Reporter, ev: Evaluation):
    """_choose(ev), once per table for all the rules that ask."""
    memo = reporter.memo
    key = ("evaluation.choose", id(ev))
    if key not in memo:
        memo[key] = _choose(ev)
    return memo[key]


def _convention_text(reporter: Reporter, name: str, ev: Evaluation) -> str:
    if name == "a":
        return reporter.hint("evaluation_convention_a")
    if ev.execution is not None and ev.execution.weight is not None:
        return reporter.hint("evaluation_convention_b")
    return reporter.hint("evaluation_convention_plain")


def check_weights(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        if not ev.indicators or not ev.weighted:
            continue
        chosen = _chosen(reporter, ev)
        if chosen is None or chosen == "unknown":
            items = [i.weight for i in ev.indicators if i.weight is not None][:1]
            doubt = ev.doubtful("indicators") or ev.doubtful("execution")
            reason = doubt.reason if doubt else "evaluation_weights_unknown"
            reporter.unchecked(rule.code, reason, (doubt.spans if doubt else []) + items)
            continue
        name, weights, _, wj, _ = chosen
        reporter.report.checked += 1
        if wj.outcome is Outcome.EXACT:
            continue
        severity = rule.severity if wj.outcome is Outcome.INCONSISTENT else "info"
        stated = format_decimal(wj.printed, max(f.decimals for _, f in weights)) + "分"
        reporter.finding(
            rule, severity,
            {"project": _project(ev), "parts": _parts_text(reporter, weights), "convention": _convention_text(reporter, name, ev)},
            [f for _, f in weights], "100分", stated,
        )


def check_total(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        if ev.kind != "self_evaluation" or ev.total is None or not ev.indicators:
            continue
        if ev.doubtful("total"):
            d = ev.doubtful("total")
            reporter.unchecked(rule.code, d.reason, d.spans)
            continue
        chosen = _chosen(reporter, ev)
        if chosen is None or chosen == "unknown" or chosen[4] is None:
            doubt = ev.doubtful("indicators") or ev.doubtful("execution")
            reason = doubt.reason if doubt else "evaluation_weights_unknown"
            reporter.unchecked(rule.code, reason, [ev.total] + (doubt.spans if doubt else []))
            continue
        name, weights, scores, _, sj = chosen
        values = {"project": _project(ev), "parts": _parts_text(reporter, scores), "convention": _convention_text(reporter, name, ev)}
        if sj.outcome is Outcome.INCONSISTENT and _over_the_maximum(rule, reporter, ev, weights, scores, values):
            continue
        findings = len(reporter.report.findings)
        reporter.judged(rule, sj, ev.total, [f for _, f in scores], values)
        if sj.outcome is Outcome.INCONSISTENT and len(reporter.report.findings) > findings:
            _join_weights(reporter, weights, sum((f.base_value for _, f in scores), Fraction(0)) - ev.total.base_value)


def _over_the_maximum(rule, reporter: Reporter, ev: Evaluation, weights, scores, values: dict[str, str]) -> bool:
    """Scores adding up past the form's maximum (100) beside a total within it: the total is not what needs
    correcting. The score above its own weight by exactly the excess is blamed; failing one, every score
    that could give up the excess is listed (the finding stays at the total, with no corrected value)."""
    total = ev.total
    assert total is not None  # check_total reads evaluations with a total
    added = sum((f.base_value for _, f in scores), Fraction(0))
    maximum = Fraction(100)  # the form's maximum: its weights add up to 100 (EVA001)
    if added <= maximum or total.base_value > maximum:
        return False
    reporter.report.checked += 1
    excess = added - total.base_value
    shown = {"sum": format_decimal(added, total.decimals), "max": format_decimal(maximum, 0),
             "excess": format_decimal(excess, total.decimals)}
    over = [(label, score, weight) for (label, score), (_, weight) in zip(scores, weights)
            if score.base_value - weight.base_value == excess]
    if len(over) == 1:
        label, score, weight = over[0]
        expected = format_decimal(score.base_value - excess, score.decimals)  # as the score is printed, unit-less
        why = reporter.hint("evaluation_total_culprit", label=label, score=score.text, weight=weight.text,
                            expected=expected, **shown)
        reporter.finding(rule, rule.severity, {**values, "stated": total.text, "why": why},
                         [score, weight, total], expected, score.text)
        return True
    candidates = [(label, score) for label, score in scores if score.base_value >= excess]
    why = reporter.hint("evaluation_total_candidates", names=reporter.join(label for label, _ in candidates), **shown)
    reporter.finding(rule, rule.severity, {**values, "why": why}, [total, *(f for _, f in candidates)], "", total.text)
    _join_weights(reporter, weights, added - total.base_value)
    return True


def _join_weights(reporter: Reporter, weights, excess: Fraction) -> None:
    """Weights past 100 by the very excess of the scores (权重合计110, 得分合计109.8 beside a total of 99.8): one
    indicator's weight and score both written that much too high, one mistake. The scores' finding goes under the
    weights' (EVA001), which names them."""
    if sum((f.base_value for _, f in weights), Fraction(0)) - 100 != excess or not weights:
        return
    first = weights[0][1].span
    findings = reporter.report.findings
    root = next((f for f in findings[:-1] if f.code == "EVA001" and f.locations and f.locations[0].span is first), None)
    if root is None:
        return
    scores = findings.pop()
    root.consequences.append(scores)
    root.message += reporter.hint("separator") + reporter.hint("evaluation_same_excess", excess=format_decimal(excess, 0))


def check_score_bounds(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        pairs = [(i.name, i.score, i.weight) for i in ev.indicators]
        if ev.execution is not None:
            pairs.append(("执行率", ev.execution.score, ev.execution.weight))
        for label, score, weight in pairs:
            if score is None:
                continue
            below = judge_at_most([ZERO], operand(score))
            if below.outcome is Outcome.INCONSISTENT:
                reporter.report.checked += 1
                values = {"project": _project(ev), "label": label, "problem": reporter.hint("evaluation_negative")}
                reporter.finding(rule, rule.severity, values, [score], "≥0分", score.text)
                continue
            if weight is None:
                continue
            judgement = judge_at_most([operand(score)], operand(weight))
            _bound(rule, reporter, judgement, [score, weight], lambda: {
                "project": _project(ev), "label": label, "other": weight.text,
                "problem": reporter.hint("evaluation_over_weight", weight=weight.text),
            }, f"≤{weight.text}", score.text)


# ---- execution ---------------------------------------------------------------------------------

def check_execution_rate(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        exe = ev.execution
        if exe is None:
            continue
        if ev.doubtful("execution"):
            d = ev.doubtful("execution")
            reporter.unchecked(rule.code, d.reason, d.spans)
            continue
        if exe.rate is None or exe.executed is None or exe.adjusted is None:
            continue
        judgement = judge(share, [1, -1], [operand(exe.executed), operand(exe.adjusted)], operand(exe.rate),
                          guard=divisor_guard(1))
        reporter.judged(rule, judgement, exe.rate, [exe.executed, exe.adjusted], {"project": _project(ev)})


def _scored(weight: Fraction, executed: Fraction, budget: Fraction) -> Fraction:
    return weight * min(executed / budget, Fraction(1))


def _scored_rate(weight: Fraction, rate: Fraction) -> Fraction:
    return weight * min(rate, Fraction(100)) / 100


def check_execution_score(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        exe = ev.execution
        values = {"project": _project(ev)}
        if exe is not None and not ev.doubtful("execution") and exe.weight is not None and exe.score is not None:
            if exe.executed is not None and exe.adjusted is not None:
                judgement = judge(_scored, [1, 1, -1], [operand(exe.weight), operand(exe.executed), operand(exe.adjusted)],
                                  operand(exe.score), guard=divisor_guard(2))
                reporter.judged(rule, judgement, exe.score, [exe.weight, exe.executed, exe.adjusted],
                                {**values, "label": "执行率"})
            elif exe.rate is not None:
                judgement = judge(_scored_rate, [1, 1], [operand(exe.weight), operand(exe.rate)], operand(exe.score))
                reporter.judged(rule, judgement, exe.score, [exe.weight, exe.rate], {**values, "label": "执行率"})
        for ind in ev.indicators:
            # 预算执行率 scored as an indicator row: its completion value is the rate.
            if not ind.execution or ind.unit != "%" or None in (ind.actual, ind.weight, ind.score):
                continue
            judgement = judge(_scored_rate, [1, 1], [operand(ind.weight), operand(ind.actual)], operand(ind.score))
            reporter.judged(rule, judgement, ind.score, [ind.weight, ind.actual], {**values, "label": ind.name})


# ---- indicators --------------------------------------------------------------------------------

def _above(actual: Fraction, target: Fraction) -> Fraction:
    return (actual - target) * 100 / target


def _below(actual: Fraction, target: Fraction) -> Fraction:
    return (target - actual) * 100 / target


def check_deviation(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        for ind in ev.indicators:
            if ind.deviation is None or ind.actual is None or ind.target is None:
                continue
            a, t = ind.actual.interval, ind.target.interval
            values = {"project": _project(ev), "label": ind.name, "target": ind.target.text, "actual": ind.actual.text}
            if a.lo >= t.hi:
                f, directions = _above, [1, -1]
            elif a.hi <= t.lo:
                f, directions = _below, [-1, 1]
            else:
                reporter.unchecked(rule.code, "evaluation_deviation_near_zero", [ind.deviation, ind.actual, ind.target])
                continue
            judgement = judge(f, directions, [operand(ind.actual), operand(ind.target)], operand(ind.deviation),
                              guard=divisor_guard(1))
            reporter.judged(rule, judgement, ind.deviation, [ind.actual, ind.target], values)


def _met(ind: Indicator) -> Outcome | None:
    """EXACT when the printed result meets the target, INCONSISTENT when no value the prints allow does."""
    if ind.actual is None or ind.target is None:
        return None
    a, t = operand(ind.actual), operand(ind.target)
    if ind.nature == "≥":
        return judge_at_most([t], a).outcome
    if ind.nature == "≤":
        return judge_at_most([a], t).outcome
    if ind.nature == "=":
        return judge(lambda x: x, [1], [a], t).outcome
    return None


def _full(ind: Indicator) -> bool:
    return ind.score is not None and ind.weight is not None and ind.score.base_value == ind.weight.base_value


def _comparable(ind: Indicator) -> bool:
    return (
        ind.quantitative and ind.actual is not None and ind.weight is not None and ind.score is not None
        and not ind.execution
    )


def check_target_and_score(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        weights_fit: bool | None = None  # whether the weights add up (_choose): asked only where it decides
        for ind in ev.indicators:
            if not _comparable(ind):
                continue
            met = _met(ind)
            reporter.report.checked += 1
            items = [ind.score, ind.actual, ind.target, ind.weight]
            if met is Outcome.INCONSISTENT and _full(ind):
                reporter.finding(rule, rule.severity, _target_values(reporter, ev, ind, "evaluation_unmet_full"),
                                 items, f"<{ind.weight.text}", ind.score.text)
                continue
            # A met target scored below its weight without a word of explanation (info); a table whose
            # weights do not add up (EVA001) makes such a deduction meaningless.
            if met is Outcome.EXACT and not ind.note:
                if judge_at_most([operand(ind.weight)], operand(ind.score)).outcome is Outcome.INCONSISTENT:
                    if weights_fit is None:
                        chosen = _chosen(reporter, ev)
                        weights_fit = isinstance(chosen, tuple) and chosen[3].holds
                    if weights_fit:
                        reporter.finding(rule, "info", _target_values(reporter, ev, ind, "evaluation_met_reduced"),
                                         items, ind.weight.text, ind.score.text)


def _target_values(reporter: Reporter, ev: Evaluation, ind: Indicator, problem: str) -> dict[str, str]:
    """The message values of a target-and-score finding (built only for a finding)."""
    return {
        "project": _project(ev), "label": ind.name, "nature": ind.nature,
        "target": _shown(ind.target, ind.unit), "actual": _shown(ind.actual, ind.unit), "other": ind.weight.text if ind.weight is not None else "",
        "problem": reporter.hint(problem),
    }


CHECKERS: Final = {
    "weights": check_weights,
    "total": check_total,
    "score_bounds": check_score_bounds,
    "execution_rate": check_execution_rate,
    "execution_score": check_execution_score,
    "deviation": check_deviation,
    "target_and_score": check_target_and_score,
    "cost_target": check_cost_target,
    "quantity_target": check_quantity_target,
    "description_arithmetic": check_description_arithmetic,
    "description_sum": check_description_sum,
    "funds": check_funds,
}
