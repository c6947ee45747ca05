"""How a finding on a performance-evaluation form names its project and its figures (shared by the table
checks in kinds/evaluation.py and the description checks in kinds/evaluation_text.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..evaluation import Evaluation
from ..figures import Figure
from ..relations import Judgement, Outcome

if TYPE_CHECKING:
    from ..engine import Reporter



def project(ev: Evaluation) -> str:
    return ev.project or ev.title


def shown(figure: Figure | None, unit: str) -> str:
    """A figure as printed, with the unit its table prints in a column of its own."""
    if figure is None:
        return ""
    unit = unit if unit and unit not in ("定性",) else ""
    return figure.text if not unit or figure.text.endswith(unit) else f"{figure.text}{unit}"


def bound(
    rule, reporter: Reporter, judgement: Judgement, items: list, values: Callable[[], dict], expected: str, stated: str
) -> None:
    """Report a bound (a ≤ b) the judge found broken: the rule's severity, or info within rounding. The
    message values are built only for a finding (most bounds hold, and a hint costs a rendering)."""
    reporter.report.checked += 1
    if judgement.outcome is Outcome.EXACT:
        return
    severity = rule.severity if judgement.outcome is Outcome.INCONSISTENT else "info"
    reporter.finding(rule, severity, values(), items, expected, stated)
