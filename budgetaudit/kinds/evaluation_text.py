"""Performance-evaluation forms against their own project description: a ≤ cost target against the amount the
description gives, a ≥ quantity target against the count it names, and the arithmetic (a×b=c, 平均每…共计, 一是…二是…
合计) the description prints. Split from kinds/evaluation.py, which holds the table checks and the dispatch."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..document import Document
from ..evaluation import Evaluation, Indicator
from ..figures import (
    COUNT_UNITS,
    MONEY_UNITS,
    NUMBER_RE,
    Figure,
    Interval,
    exact_operand,
    figure_at,
    unit_after,
)
from ..relations import (
    Operand,
    Outcome,
    judge,
    judge_at_most,
    total,
)
from .evaluation_report import bound as _bound
from .evaluation_report import project as _project
from .evaluation_report import shown as _shown
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


# ---- target forms against their project description -------------------------------------------

_BREAK: Final = re.compile(r"[;；。]")


def _texts(document: Document) -> list[tuple[Evaluation, int, int]]:
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


def check_cost_target(rule, document: Document, reporter: Reporter) -> None:
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
_PHRASE_STOPS: Final = tuple(",，;；。()（）:：、")  # what ends a phrase (_PHRASE_AFTER's class)


def _phrase_before(norm: str, start: int, end: int) -> str:
    """The phrase ending at `end` within norm[start:end]: after its last stop. (A search for [^stops]*$ tried
    every position from `start`, each running to the end: quadratic in a long description.)"""
    cut = start
    for stop in _PHRASE_STOPS:
        cut = max(cut, norm.rfind(stop, start, end) + 1)
    return norm[cut:end]


def _quantity_target(ind: Indicator) -> bool:
    """A ≥ target counted in things (not money, not a rate), under a name long enough to look for."""
    return (
        ind.nature == "≥" and ind.target is not None and bool(ind.unit) and ind.unit not in MONEY_UNITS
        and ind.unit != "%" and len(ind.name) >= 3
    )


def check_quantity_target(rule, document: Document, reporter: Reporter) -> None:
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
                    # The pattern matches the empty string: it always finds a phrase, if an empty one.
                    after_match = _PHRASE_AFTER.match(norm, e + len(ind.unit), end)
                    after = after_match.group(0) if after_match else ""
                    before = _phrase_before(norm, start, s)
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


def _arithmetic_texts(document: Document) -> list[tuple[Evaluation, int, int]]:
    out = _texts(document)
    for ev in document.evaluations:
        for ind in ev.indicators:
            if ind.name_cell is not None:
                out.append((ev, ind.name_cell.start, ind.name_cell.end))
    return out


def check_description_arithmetic(rule, document: Document, reporter: Reporter) -> None:
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


def _check_averages(rule, reporter: Reporter, source, ev, start: int, end: int) -> None:
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


def check_description_sum(rule, document: Document, reporter: Reporter) -> None:
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
                "project": _project(ev), "label": reporter.hint("evaluation_total_word"), "parts": reporter.join(p.text for p in parts),
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
            "project": _project(ev), "label": reporter.hint("evaluation_items"), "parts": reporter.join(h.text for h in heads),
        })
