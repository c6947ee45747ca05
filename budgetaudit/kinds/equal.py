"""Two concepts that must be equal: 收入总计 = 支出总计."""

from __future__ import annotations

from ..relations import judge
from .operands import operand

PARAMS = {"left": (str, ...), "right": (str, ...)}
PLACEHOLDERS = {"label", "other", "stated", "expected", "why", "gap"}


def _same(value):
    return value


def check(rule, document, reporter) -> None:
    lefts = document.facts_of(rule.params["left"], "money")
    rights = document.facts_of(rule.params["right"], "money")
    if not lefts or not rights:
        return
    left, right = lefts[0], rights[0]
    judgement = judge(_same, [1], [operand(left)], operand(right))
    reporter.judged(rule, judgement, right, [left], {"label": right.label, "other": left.label})
