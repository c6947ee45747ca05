"""Two concepts that must be equal (收入总计 = 支出总计), or one within the other (公务车保有量 ≤ 车辆)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..document import Document
from ..relations import Outcome, judge, judge_at_most
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final = {"left": (str, ...), "right": (str, ...), "relation": (str, "equal"), "quantity": (str, "money"),
                  "balance": (list, [])}
PLACEHOLDERS: Final = {"label", "other", "stated", "expected", "why", "gap"}


def _same(value):
    return value


def _difference(left: Fraction, right: Fraction) -> Fraction:
    return left - right


def check(rule, document: Document, reporter: Reporter) -> None:
    quantity = rule.params.get("quantity", "money")
    lefts = document.facts_of(rule.params["left"], quantity)
    rights = document.facts_of(rule.params["right"], quantity)
    if not lefts or not rights:
        return
    if len({f.figure.base_ratio for f in lefts}) > 1 or len({f.figure.base_ratio for f in rights}) > 1:
        return  # copies that disagree are XRF002's finding, not this rule's
    left, right = lefts[0], rights[0]
    if rule.params.get("relation", "equal") == "at_most":
        judgement = judge_at_most([operand(left)], operand(right))
        reporter.judged(rule, judgement, left, [right], {"label": left.label, "other": right.label})
        return
    judgement = judge(_same, [1], [operand(left)], operand(right))
    if judgement.outcome is Outcome.INCONSISTENT and _balanced(rule.params.get("balance", []), document, left, right):
        # 收入总计2411.8亿元…支出总计2315.2亿元。收支相抵，年终结余结转96.6亿元: the difference is stated as
        # the balance carried forward (a government report's totals), so the two agree by that reading.
        reporter.report.checked += 1
        return
    reporter.judged(rule, judgement, right, [left], {"label": right.label, "other": left.label})


def _balanced(words: list[str], document: Document, left, right) -> bool:
    """Some figure labelled with one of `words` (结余, 结转) is left − right within rounding."""
    if not words:
        return False
    for fact in document.facts:
        if fact is left or fact is right or fact.figure.quantity != "money" or not any(w in fact.label for w in words):
            continue
        if judge(_difference, [1, -1], [operand(left), operand(right)], operand(fact)).outcome in (Outcome.EXACT, Outcome.ROUNDING):
            return True
    return False
