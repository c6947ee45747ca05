"""A share (占r%) matches its part and its whole: r = 100 × part / whole."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..document import Document, Fact
from ..relations import Outcome, divisor_guard, judge
from ..relations import share as share_of
from ..slips import rounds_to
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final[dict] = {"of": (str, "share")}  # "share" (占r%) or "completion" (完成预算的r%)
PLACEHOLDERS: Final = {"label", "whole", "stated", "expected", "why", "gap"}


def check(rule, document: Document, reporter: Reporter) -> None:
    of = rule.params.get("of", "share")
    shares = [s for s in document.shares if s.kind == of]
    # The outturn's change against its budget, by the outturn it is of (决算数大于预算数Δ).
    against_budget = {id(c.current): c for c in document.changes
                      if c.current is not None and c.delta is not None and c.delta_sign in (1, -1)
                      and c.base in ("initial_budget", "budget", "adjusted_budget")}
    list_totals: dict[int, Fact] | None = None  # the total of the 其中 list each part stands in, made where needed
    for item in shares:
        if item.whole is None and item.implied:
            # No whole printed: the items listed together are every part of it (declared, or 100% in all).
            others = [p for p in item.implied if p is not item.part]
            judgement = judge(_share_of_sum, [1] + [-1] * len(others), [operand(item.part)] + [operand(p) for p in others],
                              operand(item.share))
            values = {"label": item.part.label, "whole": "+".join(p.label for p in item.implied)}
            hint = ""
            whole_value = sum((p.figure.base_value for p in item.implied), Fraction(0))
            if judgement.outcome is Outcome.INCONSISTENT and whole_value:
                for other in shares:
                    if other is not item and other.implied is item.implied \
                            and rounds_to(share_of(other.part.figure.base_value, whole_value), item.share) \
                            and rounds_to(share_of(item.part.figure.base_value, whole_value), other.share):
                        hint = reporter.hint("swapped", other=other.part.label)
                        break
            reporter.judged(rule, judgement, item.share, [item.part, *others], values, hint)
            continue
        if item.whole is None and item.kind == "completion" and id(item.part) in against_budget:
            # 完成年初预算100%，决算数大于预算数55.93万元: the budget is the outturn less that change.
            change = against_budget[id(item.part)]
            sign, delta = change.delta_sign, change.delta
            assert delta is not None  # against_budget holds changes with an amount
            judgement = judge(_completion_of_change(sign), [-sign, sign], [operand(item.part), operand(delta)],
                              operand(item.share))
            reporter.judged(rule, judgement, item.share, [item.part, delta], {"label": item.part.label,
                            "whole": item.whole_label})
            continue
        if item.whole is None:
            reporter.unchecked(rule.code, item.reason or "no_whole", [item.share, item.part], label=item.whole_label)
            continue
        if item.whole is item.part or item.whole.figure.quantity != item.part.figure.quantity:
            continue
        if item.joined:
            # 两项合计占r%: the share of the items together.
            judgement = judge(_sum_share, [1] * len(item.joined) + [-1],
                              [operand(p) for p in item.joined] + [operand(item.whole)], operand(item.share),
                              divisor_guard(len(item.joined)))
            reporter.judged(rule, judgement, item.share, [*item.joined, item.whole],
                            {"label": "+".join(p.label for p in item.joined), "whole": item.whole.label},
                            _nudged(judgement, item, shares, reporter))
            continue
        judgement = judge(
            share_of, [1, -1], [operand(item.part), operand(item.whole)], operand(item.share), divisor_guard(1)
        )
        hint = ""
        if judgement.outcome is Outcome.INCONSISTENT:
            if list_totals is None:
                list_totals = _list_totals(document)
            total = list_totals.get(id(item.part))
            if total is not None and total is not item.whole and _holds_on(item, total):
                # 收入合计400万元，其中：财政拨款收入300万元，占收入总额的75%, with 收入总计520万元 stated before: the
                # share is of the list's total it stands in, loosely named; read so, it agrees.
                reporter.unchecked(rule.code, "whole_is_list_total", [item.share, item.part, item.whole, total],
                                   label=total.label, whole=item.whole_label or item.whole.label)
                continue
        if judgement.outcome is Outcome.INCONSISTENT and _holds_on_another_copy(document, item):
            # 在支出合计218.78亿元中，基本支出188.89亿元，占90.66%, with 支出合计208.34 stated elsewhere: the share
            # agrees with the whole's other print, so the whole is the slip (XRF002 or TOT001 names it), not the share.
            reporter.unchecked(rule.code, "whole_disputed", [item.share, item.part, item.whole], label=item.whole.label)
            continue
        if judgement.outcome is Outcome.INCONSISTENT:
            for other in shares:
                if other is item or other.whole is not item.whole or other.whole is None:
                    continue
                mine = share_of(other.part.figure.base_value, item.whole.figure.base_value)
                theirs = share_of(item.part.figure.base_value, item.whole.figure.base_value)
                if rounds_to(mine, item.share) and rounds_to(theirs, other.share):
                    hint = reporter.hint("swapped", other=other.part.label)
                    break
            hint = hint or _nudged(judgement, item, shares, reporter)
        values = {"label": item.part.label, "whole": item.whole.label}
        reporter.judged(rule, judgement, item.share, [item.part, item.whole], values, hint)


def _nudged(judgement, item, shares, reporter) -> str:
    """Nudging moves a share by a unit or two of its last digit so that the list adds to 100%."""
    if judgement.outcome is not Outcome.INCONSISTENT or judgement.printed is None:
        return ""
    siblings = [s for s in shares if s.whole is item.whole]
    near = abs(judgement.printed - item.share.value) <= Fraction(2, 10**item.share.decimals)
    return reporter.hint("nudged") if near and len(siblings) > 1 and sum(s.share.value for s in siblings) == 100 else ""


def _sum_share(*values: Fraction) -> Fraction:
    """100 × (the parts together) / the whole (the last value)."""
    return sum(values[:-1], Fraction(0)) * 100 / values[-1]


def _share_of_sum(part: Fraction, *others: Fraction) -> Fraction:
    """100 × part / (part + the other parts): grows with the part, falls with each other part."""
    return part * 100 / (part + sum(others, Fraction(0)))


def _completion_of_change(sign: int):
    """100 × outturn / budget where the budget is the outturn less its change (sign: +1 over, -1 under)."""
    def completion(outturn: Fraction, delta: Fraction) -> Fraction:
        return outturn * 100 / (outturn - sign * delta)

    return completion


def _holds_on_another_copy(document: Document, item) -> bool:
    """Whether the share agrees with another printed figure of its whole's item (same concept, year, measure)."""
    key = item.whole.key
    if not key.known:
        return False
    # Leniently across subjects' names (郑大一附院@支出合计 and 支出合计): it only ever withholds an error.
    concept = key.concept.rsplit("@", 1)[-1]
    for fact in document.facts:
        other = fact.key
        if fact is item.whole or other.concept.rsplit("@", 1)[-1] != concept or other.period != key.period \
                or other.measure != key.measure or other.quantity != key.quantity \
                or fact.figure.base_ratio == item.whole.figure.base_ratio or fact.figure.sign <= 0:
            continue
        if judge(share_of, [1, -1], [operand(item.part), operand(fact)], operand(item.share), divisor_guard(1)).holds:
            return True
    return False


def _list_totals(document: Document) -> dict:
    """The total of the 其中 list each part stands in, by the part's id (one pass over the lists)."""
    out: dict = {}
    for group in document.sums:
        if group.kind in ("parts", "numbered"):
            for part in group.parts:
                out.setdefault(id(part), group.total)
    return out


def _holds_on(item, total) -> bool:
    return total.figure.sign > 0 and total.figure.quantity == item.part.figure.quantity and judge(
        share_of, [1, -1], [operand(item.part), operand(total)], operand(item.share), divisor_guard(1)).holds
