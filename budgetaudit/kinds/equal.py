"""Two concepts that must be equal (收入总计 = 支出总计), or one within the other (公务车保有量 ≤ 车辆)."""

from __future__ import annotations
from typing import Final

from ..relations import judge, judge_at_most
from .operands import operand

PARAMS: Final = {"left": (str, ...), "right": (str, ...), "relation": (str, "equal"), "quantity": (str, "money")}
PLACEHOLDERS: Final = {"label", "other", "stated", "expected", "why", "gap"}


def _same(value):
    return value


def check(rule, document, reporter) -> None:
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
    reporter.judged(rule, judgement, right, [left], {"label": right.label, "other": left.label})
