"""An average matches its total and count: 人均接待费 = 公务接待费 / 接待人数."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..document import Document
from ..relations import divisor_guard, judge, ratio
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final = {"average": (str, ...), "numerator": (str, ...), "denominator": (str, ...)}
PLACEHOLDERS: Final = {"label", "numerator", "denominator", "stated", "expected", "why", "gap"}


def _single(facts):
    """The one value stated for a concept, or None when copies disagree (not this rule's business)."""
    if not facts or len({f.figure.base_ratio for f in facts}) > 1:
        return None
    return facts[0]


def check(rule, document: Document, reporter: Reporter) -> None:
    params = rule.params
    averages = [f for f in document.facts_of(params["average"]) if f.key.quantity == "money"]
    if not averages:
        return
    numerator = _single([f for f in document.facts_of(params["numerator"]) if f.key.quantity == "money"])
    denominators = [f for f in document.facts if f.key.concept == params["denominator"] and f.context == "statement"
                    and f.key.period == "current"]
    denominator = _single(denominators)
    for average in averages:
        if numerator is None or denominator is None:
            reporter.unchecked(
                rule.code, "inputs_missing", [average], numerator=params["numerator"], denominator=params["denominator"]
            )
            continue
        judgement = judge(ratio, [1, -1], [operand(numerator), operand(denominator)], operand(average), divisor_guard(1))
        values = {"label": average.label, "numerator": numerator.figure.text, "denominator": denominator.figure.text}
        reporter.judged(rule, judgement, average, [numerator, denominator], values)
