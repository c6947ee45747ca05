"""Performance-evaluation tables: weights, scores, execution rates, deviations and targets.

Every relation goes through the one judge (`judge`, `judge_at_most`). The
tables are read by budgetaudit/evaluation.py; a part it could not place with
certainty (its doubts) makes the rules that need it report unchecked.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Callable, Final

from ..evaluation import Evaluation, Indicator
from ..figures import COUNT_UNITS, MONEY_UNITS, NUMBER_RE, Figure, Interval, exact_operand, figure_at, format_decimal, unit_after
from ..relations import Judgement, Operand, Outcome, divisor_guard, judge, judge_at_most, share, total
from .funds import check_funds
from .operands import operand

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


def check(rule, document, reporter) -> None:
    name = rule.params["check"]
    if name not in CHECKS:
        return
    CHECKERS[name](rule, document, reporter)


def _project(ev: Evaluation) -> str:
    return ev.project or ev.title


def _shown(figure: Figure | None, unit: str) -> str:
    """A figure as printed, with the unit its table prints in a column of its own."""
    if figure is None:
        return ""
    unit = unit if unit and unit not in ("定性",) else ""
    return figure.text if not unit or figure.text.endswith(unit) else f"{figure.text}{unit}"


def _parts_text(items: list[tuple[str, Figure]]) -> str:
    return "、".join(f"{label}{figure.text}" for label, figure in items)


def _bound(
    rule, reporter, judgement: Judgement, items: list, values: Callable[[], dict], expected: str, stated: str
) -> None:
    """Report a bound (a ≤ b) the judge found broken: the rule's severity, or info within rounding. The
    message values are built only for a finding (most bounds hold, and a hint costs a rendering)."""
    reporter.report.checked += 1
    if judgement.outcome is Outcome.EXACT:
        return
    severity = rule.severity if judgement.outcome is Outcome.INCONSISTENT else "info"
    reporter.finding(rule, severity, values(), items, expected, stated)


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


def _chosen(reporter, ev: Evaluation):
    """_choose(ev), once per table for all the rules that ask."""
    memo = reporter.memo
    key = ("evaluation.choose", id(ev))
    if key not in memo:
        memo[key] = _choose(ev)
    return memo[key]


def _convention_text(reporter, name: str, ev: Evaluation) -> str:
    if name == "a":
        return reporter.hint("evaluation_convention_a")
    if ev.execution is not None and ev.execution.weight is not None:
        return reporter.hint("evaluation_convention_b")
    return reporter.hint("evaluation_convention_plain")


def check_weights(rule, document, reporter) -> None:
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
            {"project": _project(ev), "parts": _parts_text(weights), "convention": _convention_text(reporter, name, ev)},
            [f for _, f in weights], "100分", stated,
        )


def check_total(rule, document, reporter) -> None:
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
        name, _, scores, _, sj = chosen
        reporter.judged(
            rule, sj, ev.total, [f for _, f in scores],
            {"project": _project(ev), "parts": _parts_text(scores), "convention": _convention_text(reporter, name, ev)},
        )


def check_score_bounds(rule, document, reporter) -> None:
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

def check_execution_rate(rule, document, reporter) -> None:
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


def check_execution_score(rule, document, reporter) -> None:
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


def check_deviation(rule, document, reporter) -> None:
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


def check_target_and_score(rule, document, reporter) -> None:
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


def _target_values(reporter, ev: Evaluation, ind: Indicator, problem: str) -> dict[str, str]:
    """The message values of a target-and-score finding (built only for a finding)."""
    return {
        "project": _project(ev), "label": ind.name, "nature": ind.nature,
        "target": _shown(ind.target, ind.unit), "actual": _shown(ind.actual, ind.unit), "other": ind.weight.text if ind.weight is not None else "",
        "problem": reporter.hint(problem),
    }


# ---- target forms against their project description -------------------------------------------

_BREAK: Final = re.compile(r"[;；。]")


def _texts(document) -> list[tuple[Evaluation, int, int]]:
    return [(ev, ev.description.start, ev.description.end) for ev in document.evaluations if ev.description]


def _money_after(source, start: int, limit: int) -> Figure | None:
    """The first money figure printed after `start`, before a clause break and within a few characters."""
    norm = source.norm
    window = norm[start:min(limit, start + 16)]
    stop = _BREAK.search(window)
    if stop:
        window = window[:stop.start()]
    for m in NUMBER_RE.finditer(window):
        s, e = start + m.start(), start + m.end()
        unit, unit_end = unit_after(norm, e)
        if unit in MONEY_UNITS:
            return figure_at(source, s, e, unit, unit_end)
        return None
    return None


def check_cost_target(rule, document, reporter) -> None:
    source = document.source
    texts = [(start, source.norm[start:end], end) for _, start, end in _texts(document)]
    for ev in document.evaluations:
        for ind in ev.indicators:
            if ind.nature != "≤" or ind.target is None or ind.target.unit not in MONEY_UNITS or len(ind.name) < 4:
                continue
            found: dict[tuple[int, int], Figure] = {}  # by base value (Figure.base_ratio)
            for start, text, end in texts:
                # Every occurrence of the name, left to right, none overlapping (what re.finditer of
                # the escaped name finds, without compiling a pattern per indicator).
                at = text.find(ind.name)
                while at >= 0:
                    figure = _money_after(source, start + at + len(ind.name), end)
                    if figure is not None:
                        found.setdefault(figure.base_ratio, figure)
                    at = text.find(ind.name, at + len(ind.name))
            if len(found) != 1:
                continue  # not described, or described with several amounts
            amount = next(iter(found.values()))
            judgement = judge_at_most([operand(amount)], operand(ind.target))
            _bound(rule, reporter, judgement, [ind.target, amount], lambda: {
                "project": _project(ev), "label": ind.name, "other": amount.text,
            }, f"≥{amount.text}", _shown(ind.target, ind.unit))


def _subsequence(name: str, phrase: str) -> bool:
    if not phrase or phrase[0] != name[0] or phrase[-1] != name[-1] or len(phrase) > 2 * len(name):
        return False
    it = iter(phrase)
    return all(ch in it for ch in name)


_PHRASE_AFTER: Final = re.compile(r"[^,，;；。()（）:：、]*")
_PHRASE_BEFORE: Final = re.compile(r"[^,，;；。()（）:：、]*$")


def _quantity_target(ind: Indicator) -> bool:
    """A ≥ target counted in things (not money, not a rate), under a name long enough to look for."""
    return (
        ind.nature == "≥" and ind.target is not None and bool(ind.unit) and ind.unit not in MONEY_UNITS
        and ind.unit != "%" and len(ind.name) >= 3
    )


def check_quantity_target(rule, document, reporter) -> None:
    source = document.source
    norm = source.norm
    for ev in document.evaluations:
        targets = [ind for ind in ev.indicators if _quantity_target(ind)]
        if not targets:
            continue
        spans = ([(ev.description.start, ev.description.end)] if ev.description else []) + [
            (i.name_cell.start, i.name_cell.end) for i in ev.indicators if i.name_cell is not None
        ]
        # The numbers printed in each text, found once for all the table's targets.
        numbers = [
            (start, end, [(start + m.start(), start + m.end()) for m in NUMBER_RE.finditer(norm[start:end])])
            for start, end in spans
        ]
        for ind in targets:
            found: dict[tuple[int, int], Figure] = {}  # by base value (Figure.base_ratio)
            for start, end, printed in numbers:
                if ind.name_cell is not None and start == ind.name_cell.start:
                    continue
                for s, e in printed:
                    if norm[e:e + len(ind.unit)] != ind.unit:
                        continue
                    # Both patterns match the empty string: they always find a phrase, if an empty one.
                    after_match = _PHRASE_AFTER.match(norm, e + len(ind.unit), end)
                    before_match = _PHRASE_BEFORE.search(norm, start, s)
                    after = after_match.group(0) if after_match else ""
                    before = before_match.group(0) if before_match else ""
                    if _subsequence(ind.name, after) or _subsequence(ind.name, before):
                        unit = ind.unit if ind.unit in COUNT_UNITS else None
                        figure = figure_at(source, s, e, unit, e + len(ind.unit))
                        if figure is not None:
                            found.setdefault(figure.base_ratio, figure)
            if len(found) != 1:
                continue
            funded = next(iter(found.values()))
            judgement = judge_at_most([operand(ind.target)], operand(funded))
            _bound(rule, reporter, judgement, [ind.target, funded], lambda: {
                "project": _project(ev), "label": ind.name, "other": funded.text,
            }, f"≤{funded.text}", "≥" + _shown(ind.target, ind.unit))


# Explicit arithmetic: 6人*660*12=47520元, 120人*170元*0.5天*8次=8.16万元.
_FACTOR: Final = r"(\d+(?:\.\d+)?)\s*(万元|元|[\u4e00-\u9fff]{0,2}?)"
_PRODUCT: Final = re.compile(_FACTOR + r"(?:\s*[*×xX✕]\s*" + r"\d+(?:\.\d+)?\s*(?:万元|元|[\u4e00-\u9fff]{0,2}?))+\s*[=＝]\s*(\d+(?:\.\d+)?)\s*(万元|元|亿元)")
_ONE_FACTOR: Final = re.compile(_FACTOR)


def _product(*values: Fraction) -> Fraction:
    out = Fraction(1)
    for v in values:
        out *= v
    return out


def _factor_operand(figure: Figure) -> Operand:
    """A whole number written in a calculation (persons, months, a standard) is exact."""
    if figure.decimals == 0:
        return exact_operand(figure.value)
    return Operand(figure.value, Interval(figure.value - Fraction(1, 2 * 10**figure.decimals),
                                          figure.value + Fraction(1, 2 * 10**figure.decimals)), figure.decimals)


def _scaled(scale: int):
    def f(*values: Fraction) -> Fraction:
        return _product(*values) * scale
    return f


def _arithmetic_texts(document) -> list[tuple[Evaluation, int, int]]:
    out = _texts(document)
    for ev in document.evaluations:
        for ind in ev.indicators:
            if ind.name_cell is not None:
                out.append((ev, ind.name_cell.start, ind.name_cell.end))
    return out


def check_description_arithmetic(rule, document, reporter) -> None:
    source = document.source
    norm = source.norm
    for ev, start, end in _arithmetic_texts(document):
        text = norm[start:end]
        # A written product needs its = sign: a text without one is not searched.
        for m in _PRODUCT.finditer(text) if "=" in text or "＝" in text else ():
            body = m.group(0)
            eq = max(body.rfind("="), body.rfind("＝"))
            factors: list[tuple[Figure, str]] = []
            for f in _ONE_FACTOR.finditer(body[:eq]):
                s, e = start + m.start() + f.start(1), start + m.start() + f.end(1)
                figure = figure_at(source, s, e, None)
                if figure is not None:
                    factors.append((figure, f.group(2)))
            result = figure_at(source, start + m.start(3), start + m.end(3), m.group(4), start + m.end(4))
            if result is None or len(factors) < 2:
                continue
            money = [MONEY_UNITS[u] for _, u in factors if u in MONEY_UNITS]
            if len(money) > 1:
                continue
            scales = money or [1, 10_000]  # without a unit on any factor, 元 or 万元 may be meant
            inputs = [_factor_operand(fig) for fig, _ in factors]
            judgements = [judge(_scaled(scale), [1] * len(inputs), inputs, operand(result)) for scale in scales]
            best = next((j for j in judgements if j.outcome is Outcome.EXACT), None) or next(
                (j for j in judgements if j.holds), judgements[0])
            reporter.judged(rule, best, result, [fig for fig, _ in factors], {
                "project": _project(ev), "label": body.strip(),
            })
        _check_averages(rule, reporter, source, ev, start, end)


_AVERAGE: Final = re.compile(r"(\d+)\s*([个项套台家次场人])([^,，;；。]{0,20}?)[,，]?\s*平均每[^\d,，;；。]{0,10}?(\d+(?:\.\d+)?)\s*(万元|元)[^,，;；。\d]{0,4}[,，]\s*(?:共计|合计|总计)\s*(\d+(?:\.\d+)?)\s*(万元|元)")


def _check_averages(rule, reporter, source, ev, start: int, end: int) -> None:
    """39个…平均每个…5.2万元,共计202.8万元: a count times an average is the stated total."""
    text = source.norm[start:end]
    if "平均每" not in text:
        return  # the words every such statement holds
    for m in _AVERAGE.finditer(text):
        count = figure_at(source, start + m.start(1), start + m.end(1), m.group(2) if m.group(2) in COUNT_UNITS else None)
        each = figure_at(source, start + m.start(4), start + m.end(4), m.group(5), start + m.end(5))
        stated = figure_at(source, start + m.start(6), start + m.end(6), m.group(7), start + m.end(7))
        if count is None or each is None or stated is None:
            continue
        judgement = judge(_product, [1, 1], [_factor_operand(count), operand(each)], operand(stated))
        reporter.judged(rule, judgement, stated, [count, each], {"project": _project(ev), "label": m.group(0)})


_ENUMERATOR: Final = re.compile(r"[一二三四五六七八九十]+是")
_TOTAL_WORD: Final = re.compile(r"(?:共计|合计|总计)\s*(\d+(?:\.\d+)?)\s*(万元|元)")


_PARENTHESIS: Final = re.compile(r"[(（)）]")


def _outside_parentheses(text: str) -> list[bool]:
    """For each character, whether it stands outside every parenthesis (an opening one is inside, a
    closing one too; a closing one without its opening one is ignored). Stepped from parenthesis to
    parenthesis, filling the stretches between them at once."""
    out = [True] * len(text)
    depth = 0
    after = 0  # the first character after the last parenthesis seen
    for m in _PARENTHESIS.finditer(text):
        at = m.start()
        if depth:
            out[after:at] = [False] * (at - after)
        if text[at] in "(（":
            depth += 1
            out[at] = False
        else:
            out[at] = depth == 0
            depth -= 1 if depth else 0
        after = at + 1
    if depth:
        out[after:] = [False] * (len(text) - after)
    return out


def _first_money(source, start: int, end: int, outside: list[bool], base: int) -> Figure | None:
    norm = source.norm
    for m in NUMBER_RE.finditer(norm, start, end):
        if not outside[m.start() - base]:
            continue
        unit, unit_end = unit_after(norm, m.end())
        if unit in MONEY_UNITS:
            return figure_at(source, m.start(), m.end(), unit, unit_end)
    return None


def _items(source, start: int, end: int) -> list[tuple[int, int]]:
    """The description's items: 一是…二是…, or its ;-clauses when it enumerates fewer than two."""
    text = source.norm[start:end]
    outside = _outside_parentheses(text)
    marks = [m.start() for m in _ENUMERATOR.finditer(text) if outside[m.start()]]
    if len(marks) >= 2:
        bounds = marks + [len(text)]
        return [(start + bounds[k], start + bounds[k + 1]) for k in range(len(marks))]
    cuts = [i for i, ch in enumerate(text) if ch in ";；" and outside[i]]
    bounds = [0] + [c + 1 for c in cuts] + [len(text)]
    return [(start + bounds[k], start + bounds[k + 1]) for k in range(len(bounds) - 1) if bounds[k + 1] - bounds[k] > 1]


def check_description_sum(rule, document, reporter) -> None:
    source = document.source
    norm = source.norm
    for ev, start, end in _arithmetic_texts(document):
        text = norm[start:end]
        outside: list[bool] = []  # worked out at the first 共计, which most texts lack
        # Amounts followed by 共计 in one clause.
        for m in _TOTAL_WORD.finditer(text):
            outside = outside or _outside_parentheses(text)
            clause_start = max([start] + [start + b.end() for b in _BREAK.finditer(text, 0, m.start())])
            if "平均" in norm[clause_start:start + m.start()]:
                continue  # a count times an average: description_arithmetic
            found = []
            for n in NUMBER_RE.finditer(norm, clause_start, start + m.start()):
                unit, unit_end = unit_after(norm, n.end())
                if unit in MONEY_UNITS and outside[n.start() - start]:
                    found.append(figure_at(source, n.start(), n.end(), unit, unit_end))
            parts = [p for p in found if p is not None]
            stated = figure_at(source, start + m.start(1), start + m.end(1), m.group(2), start + m.end(2))
            if len(found) < 2 or stated is None or len(parts) < len(found):
                continue
            judgement = judge(total, [1] * len(parts), [operand(p) for p in parts], operand(stated))
            reporter.judged(rule, judgement, stated, parts, {
                "project": _project(ev), "label": reporter.hint("evaluation_total_word"), "parts": "、".join(p.text for p in parts),
            })
    # A project's items against its stated funds.
    for ev in document.evaluations:
        if ev.description is None or ev.amount is None:
            continue
        start, end = ev.description.start, ev.description.end
        text = norm[start:end]
        outside = _outside_parentheses(text)
        items = _items(source, start, end)
        if len(items) < 2:
            continue
        found = [_first_money(source, s, e, outside, start) for s, e in items]
        heads = [h for h in found if h is not None]
        if len(heads) < len(found):
            reporter.unchecked(rule.code, "evaluation_item_without_amount", [ev.amount])
            continue
        judgement = judge(total, [1] * len(heads), [operand(h) for h in heads], operand(ev.amount))
        reporter.judged(rule, judgement, ev.amount, heads, {
            "project": _project(ev), "label": reporter.hint("evaluation_items"), "parts": "、".join(h.text for h in heads),
        })


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
