"""Relations between figures of different sections, found by their identity keys.

A 三公经费 total stated in one paragraph and its four items stated in their own
paragraphs form a complete partition even though no 其中 list ties them together.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from .concepts import Dictionary
from .document import Change, Document, Fact, Key, SumGroup
from .figures import Figure


def _single_values(document: Document) -> dict[tuple, list[Fact]]:
    """Prose statements of the current period by (concept, measure, scope, quantity)."""
    out: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in document.facts:
        key = fact.key
        if fact.origin == "prose" and fact.context == "statement" and key.period == "current" and key.known:
            out[(key.concept, key.measure, key.scope, key.quantity)].append(fact)
    return out


def derive_partitions(document: Document, dictionary: Dictionary) -> None:
    """A total and every member of a declared partition, each stated with one value, make a derived group."""
    facts = _single_values(document)
    # A total that has a 其中 list of its own is that list's business (TOT001/TOT002): its list may
    # name parts beyond the declared partition (经营支出 beside 基本支出 and 项目支出).
    listed = {id(g.total) for g in document.sums if g.kind in ("parts", "changes")}
    for totals, members in dictionary.partitions:
        for (concept, measure, scope, quantity), copies in list(facts.items()):
            if concept not in totals or len({f.figure.base_ratio for f in copies}) != 1:
                continue
            parts = []
            for member in sorted(members):
                found = facts.get((member, measure, scope, quantity), [])
                if not found or len({f.figure.base_ratio for f in found}) != 1:
                    break
                parts.append(found[0])
            else:
                total = copies[0]
                parts.sort(key=lambda f: f.figure.start)
                if any(id(copy) in listed for copy in copies):
                    continue
                document.sums.append(SumGroup(total, parts, "derived", complete=True))


def _change_amount(found: list[Change], labels: dict[int, str] | None = None) -> Fact | None:
    """The one amount of change the statements give (signed, as a fact of its own), or None where they differ."""
    signed = {(c.delta_sign if c.delta.base_ratio[0] else 0, c.delta.base_ratio) for c in found if c.delta}
    if len(signed) != 1:
        return None
    change = found[0]
    delta = change.delta
    assert delta is not None
    figure = Figure(delta.value * change.delta_sign, delta.decimals, delta.unit, delta.span, delta.start, delta.end)
    key = Key(change.key.concept, change.key.period, f"change:{change.base}", change.key.scope, change.key.quantity)
    label = labels.get(id(change), change.label) if labels else change.label
    return Fact(key, label, figure, "prose", "statement")


def derive_change_partitions(document: Document, dictionary: Dictionary) -> None:
    """The changes of a total and of every member of its declared partition, each against the same base and
    stated with one amount (三公经费同比减少Δ。其中：因公出国(境)费同比减少Δ1，…), make a group of changes."""
    changes: dict[tuple, list[Change]] = defaultdict(list)
    # A label the dictionary does not know may still be a declared total (label:支出, 2022年支出预算x).
    declared = {total for totals, _ in dictionary.partitions for total in totals}
    labels: dict[int, str] = {}  # a change read as its total's, named by that total
    for change in document.changes:
        key = change.key
        whole, current, delta = change.whole_of_part, change.current, change.delta
        if whole is not None and current is not None and delta is not None and change.delta_sign in (1, -1) \
                and current.figure.value - change.delta_sign * delta.value <= 0:
            # 基本支出x，其中…公用经费353.71万元。比上年增加654万元: no base of the part is positive, so the change
            # is the total's (as the rate rule reads it).
            key = Key(whole.key.concept, "current", whole.key.measure, whole.key.scope, whole.key.quantity)
            labels[id(change)] = whole.label
        if change.delta is not None and change.delta_sign in (1, -1) and key.period == "current" \
                and (key.known or key.concept in declared):
            measure = change.current.key.measure if change.current is not None else key.measure
            scope = document.scope_alias.get(key.scope, key.scope)
            if dictionary.side_of(key.concept, change.label) == "expenditure":
                scope = document.spending_alias.get(scope, scope)
            changes[(key.concept, measure, change.base, scope)].append(change)
    # A total whose change already has its parts listed (主要是…增加) is that list's business.
    listed = {(g.total.key.concept, g.total.key.measure) for g in document.sums if g.kind == "changes"}

    for totals, members in dictionary.partitions:
        for (concept, measure, base, scope), found in list(changes.items()):
            if concept not in totals or (concept, f"change:{base}") in listed:
                continue
            total = _change_amount(found, labels)
            # A budget's change and an outturn's change of the same items are two groups, never one.
            parts = [_change_amount(changes.get((member, measure, base, scope), []), labels) for member in sorted(members)]
            if scope != "all" and (concept, measure, base, "all") not in changes \
                    and all(not changes.get((member, measure, base, scope)) for member in members):
                # 使用财政拨款安排“三公”经费…减少Δ, then each item's change with no fund named: the items are of the
                # one scope the total is stated at (its only statement of change against that base).
                parts = [_change_amount(changes.get((member, measure, base, "all"), [])) for member in sorted(members)]
            if total is None or any(p is None for p in parts):
                continue
            kept = sorted((p for p in parts if p is not None), key=lambda f: f.figure.start)
            document.sums.append(SumGroup(total, kept, "changes", complete=True))
    # A complete list stated in the text (总x，其中基本支出y，项目支出z) whose total and every part each have one change
    # against the same base: those changes add up too.
    by_current: dict[int, list[Change]] = defaultdict(list)
    for change in document.changes:
        if change.current is not None and change.delta is not None and change.delta_sign in (1, -1):
            by_current[id(change.current)].append(change)
    for group in list(document.sums):
        if group.kind != "parts" or not group.complete or group.total.origin != "prose":
            continue
        total_changes = by_current.get(id(group.total), [])
        bases = {c.base for c in total_changes}
        if len(bases) != 1 or (group.total.key.concept, f"change:{next(iter(bases))}") in listed:
            continue
        base = next(iter(bases))
        total = _change_amount(total_changes)
        parts = [_change_amount([c for c in by_current.get(id(part), []) if c.base == base]) for part in group.parts]
        if total is None or any(p is None for p in parts) or not parts:
            continue
        document.sums.append(SumGroup(total, [p for p in parts if p is not None], "changes", complete=True))


# Fund scopes from the widest to the narrowest: 全部资金 ⊇ 财政拨款 ⊇ 一般公共预算.
_NESTED: Final = ("all", "fiscal", "general")
_SCOPE_REVENUE: Final = {"fiscal": "财政拨款收入", "general": "一般公共预算财政拨款收入"}


def equivalent_scopes(document: Document) -> None:
    """Merge fund scopes the document shows to be the same money this year.

    The evidence is a revenue total equal to its part of a narrower scope (收入1207.84万元，
    其中：一般公共预算拨款1207.84万元; a 收入总表 row whose only source is 一般公共预算拨款收入).
    Scopes nested between two equal ones are equal too.
    """
    equal: set[tuple[str, str]] = set()
    for group in document.sums:
        total = group.total
        if total.key.period != "current" or total.key.quantity != "money":
            continue
        revenue_total = total.key.concept in ("收入合计", "收入总计") or total.label in ("收入", "收入预算")
        if not revenue_total:
            continue
        for part in group.parts:
            wide, narrow = total.key.scope, part.key.scope
            if (
                narrow in _SCOPE_REVENUE
                # 收入合计x，其中：财政拨款收入x: a part the reader qualified by the total it breaks down counts too.
                and part.key.concept in (_SCOPE_REVENUE[narrow], f"{total.key.concept}›{_SCOPE_REVENUE[narrow]}")
                and wide in _NESTED
                and _NESTED.index(wide) < _NESTED.index(narrow)
                and part.figure.sign != 0
                and part.figure.base_value == total.figure.base_value
            ):
                equal.add((wide, narrow))
    document.scope_alias = _aliases(equal)
    document.spending_alias = _aliases(_equal_spending(document))


def _aliases(equal: set[tuple[str, str]]) -> dict[str, str]:
    alias: dict[str, str] = {}
    for wide, narrow in equal:
        for scope in _NESTED[_NESTED.index(wide) : _NESTED.index(narrow) + 1]:
            alias[scope] = alias.get(wide, wide)
    return alias


# The whole of a year's spending, of all funds; and of each narrower fund scope.
_SPENDING_ALL: Final = ("支出合计", "label:支出")
_SCOPE_SPENDING: Final = {"fiscal": "财政拨款支出", "general": "一般公共预算财政拨款支出"}


def _equal_spending(document: Document) -> set[tuple[str, str]]:
    """2022年支出预算4213.63万元 … 2022年一般公共预算支出4213.63万元: all the year's spending is of the narrower
    scope, so every item's spending of all funds is its spending of that scope (what a revenue total cannot show
    where the revenue holds a carry-over)."""
    wide: dict[tuple, Fact] = {}
    narrow: list[Fact] = []
    for fact in document.facts:
        key = fact.key
        if key.period != "current" or key.quantity != "money" or fact.context != "statement" or fact.figure.sign <= 0:
            continue
        if key.scope == "all" and key.concept in _SPENDING_ALL:
            wide[(key.measure, fact.figure.base_value)] = fact
        elif _SCOPE_SPENDING.get(key.scope) == key.concept:
            narrow.append(fact)
    return {("all", f.key.scope) for f in narrow if (f.key.measure, f.figure.base_value) in wide}
