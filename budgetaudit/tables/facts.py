"""What a rebuilt table adds to the Document: a Fact per amount, the sums it claims, and its doubts."""

from __future__ import annotations
from typing import Final

from ..concepts import Dictionary, clean_label
from ..document import Change, Document, Doubt, Fact, Key, SumGroup
from ..figures import magnitude
from ..words import default_words, holds_any
from .build import Built
from .header import TOTAL_WORDS, change_role, year_of
from .model import FIGURE, UNCERTAIN, Table
from .structure import is_total_label

DOUBT: Final = "EXT004"
WORDS: Final = default_words()


def scope_of(title: str) -> str:
    if "一般公共预算" in title:
        return "general"
    if "政府性基金" in title:
        return "fund"
    if "国有资本" in title:
        return "capital"
    if "财政拨款" in title:
        return "fiscal"
    return "all"


def period_of(path: tuple[str, ...], document: Document) -> str:
    year = year_of(path)
    if year is not None:
        if document.year is not None and year == document.year:
            return "current"
        if document.year is not None and year == document.year - 1:
            return "previous"
        return str(year)
    name = "".join(path)
    if holds_any(name, WORDS.previous_words):
        return "previous"
    for part in WORDS.part_periods:
        if part in name:
            return f"current:{part}"  # 当期执行数 beside 累计执行数: a part of the year
    return "current"


def measure_of(path: tuple[str, ...], document: Document) -> str:
    name = "".join(path)
    if holds_any(name, WORDS.initial_words):
        return "initial_budget"
    if holds_any(name, WORDS.adjusted_words):
        return "adjusted_budget"
    if holds_any(name, WORDS.executed_words):
        return "final"  # 累计执行数 in a 预算执行情况表: what was spent, not the budget
    if document.kind == "final_account" and "预算" in name and not holds_any(name, WORDS.final_words):
        return "initial_budget"  # 预算数 beside 决算数 in a 决算: the budget, as a sentence's 预算为 reads
    return {"budget": "budget", "final_account": "final"}.get(document.kind, "stated")


def add(document: Document, dictionary: Dictionary, built: Built) -> None:
    table = built.table
    _doubts(document, built)
    if not built.financial:
        return
    scope = scope_of(table.title)
    by_code = {c.code: c.name for c in dictionary.concepts.values() if c.code}
    parts_of_sums = {p for s in table.row_sums for p in s.parts}
    labels = {(e.row, e.side): e for e in built.entries}
    facts: dict[tuple[int, int], Fact] = {}
    origin = f"table:{table.title}"
    # What a fact takes from its column, worked out once per column rather than per cell.
    # Columns of changes (增减金额, 增长率) hold no amount of their item: they give Changes below.
    changing = {c: change_role(column.path) for c, column in enumerate(table.columns) if column.role == "number"}
    number_columns = [
        (c, column, c not in parts_of_sums, period_of(column.path, document), measure_of(column.path, document))
        for c, column in enumerate(table.columns)
        if column.role == "number" and not changing.get(c)
    ]
    for r, row in enumerate(table.rows):
        cells = row.cells
        for c, column, main, period, measure in number_columns:
            cell = cells[c]
            if cell.state != FIGURE or cell.figure is None:
                continue
            entry = labels.get((r, column.side))
            label = entry.label if entry else row.label
            code = entry.code if entry else row.code
            concept = _concept(dictionary, by_code, label, code, column.path, main)
            if main and concept.startswith("label:") and is_total_label(label):
                # 合计 of a 部门支出总表 is 支出合计, of a 项目支出表 项目支出… (rules/concepts.toml [table_totals]).
                known, _ = dictionary.lookup(clean_label(label), "money")
                concept = known.name if known else dictionary.table_totals.get(table.kind, concept)
            quantity = "money" if cell.figure.quantity == "money" else cell.figure.quantity
            declared = dictionary.concepts.get(concept)
            fact_scope = declared.scope if declared is not None and declared.scope != "all" else scope
            key = Key(concept, period, measure, fact_scope, quantity)
            shown = f"{code} {label}".strip() + f"（{column.name}）"
            fact = Fact(key, shown, cell.figure, origin=origin)
            facts[(r, c)] = fact
            document.facts.append(fact)
    unsure = _unsure_columns(table)
    if any(changing.values()):
        _changes(document, table, facts, unsure, changing, [(c, period) for c, _, _, period, _ in number_columns])
    _row_groups(document, table, facts, unsure)
    _relation_groups(document, table, built, facts, unsure)


def _changes(document: Document, table: Table, facts: dict, unsure: list[set[int]], changing: dict[int, str],
             periods: list[tuple[int, str]]) -> None:
    """Each row's change against the year before, from a column of changes and one of rates beside a
    current and a prior column: 本年 − 上年 = 增减金额, 增减金额 / 上年 = 增减幅度. Only where the table has
    exactly one column of each; a table of several years or measures says no single pair."""
    deltas = [c for c, role in changing.items() if role == "delta"]
    rates = [c for c, role in changing.items() if role == "rate"]
    current = [c for c, period in periods if period == "current"]
    prior = [c for c, period in periods if period == "previous"]
    years = sorted((int(period), c) for c, period in periods if period.isdigit())
    if not current and not prior and len(years) == 2 and len(periods) == 2:
        prior, current = [years[0][1]], [years[1][1]]
    if len(current) != 1 or len(prior) != 1 or len(deltas) > 1 or len(rates) > 1 or not deltas:
        return
    columns = {current[0], prior[0], *deltas, *rates}
    for r, row in enumerate(table.rows):
        now, before = facts.get((r, current[0])), facts.get((r, prior[0]))
        delta = row.cells[deltas[0]].figure if row.cells[deltas[0]].state == FIGURE else None
        rate = row.cells[rates[0]].figure if rates and row.cells[rates[0]].state == FIGURE else None
        if now is None or before is None or delta is None or unsure[r] & columns:
            continue
        sign = -1 if delta.sign < 0 else 1
        rate_sign = -1 if rate is not None and rate.sign < 0 else sign
        document.changes.append(Change(now.label, now.key, "previous", "上年", now, magnitude(delta), sign,
                                       magnitude(rate) if rate is not None else None, rate_sign, prior=before))


def _concept(dictionary: Dictionary, by_code: dict[str, str], label: str, code: str, path: tuple[str, ...],
             main: bool) -> str:
    leaf = path[-1] if path else ""
    if not label and not code:
        # A row of figures with no label, under headers that name the items (“三公”经费合计 | 因公出国(境)费 |
        # 公务用车购置及运行费 › 小计 | …): each figure is its column's item (a 小计 its group's).
        named = path[-2] if leaf in TOTAL_WORDS and len(path) > 1 else leaf
        found, _ = dictionary.lookup(clean_label(named), "money")
        if found:
            return found.name
    if main:
        if code and code in by_code:
            return by_code[code]
        if label and not is_total_label(label):
            found, _ = dictionary.lookup(clean_label(label), "money")
            if found:
                return found.name
        return f"label:{label}"
    if label and is_total_label(label) and leaf not in TOTAL_WORDS:
        found, _ = dictionary.lookup(clean_label(leaf), "money")
        if found:
            return found.name
    return f"label:{label}/{leaf}"


def _unsure_columns(table: Table) -> list[set[int]]:
    """For each row, every column one of its uncertain cells might stand in (once per row, not per question)."""
    return [{c for cell in row.cells if cell.state == UNCERTAIN for c in cell.candidates} for row in table.rows]


def _row_groups(document: Document, table: Table, facts: dict, unsure: list[set[int]]) -> None:
    rules = [(rule, {rule.total, *rule.parts}) for rule in table.row_sums]
    for r in range(len(table.rows)):
        for rule, involved in rules:
            total = facts.get((r, rule.total))
            if total is None or unsure[r] & involved:
                continue
            parts = [facts[(r, p)] for p in rule.parts if (r, p) in facts]
            if parts:
                document.sums.append(SumGroup(total, parts, kind="row", complete=True))


def _relation_groups(document: Document, table: Table, built: Built, facts: dict, unsure: list[set[int]]) -> None:
    by_side: dict[str, list[int]] = {}
    for k, column in enumerate(table.columns):
        if column.role == "number":
            by_side.setdefault(column.side, []).append(k)
    for relation in built.relations:
        columns = by_side.get(relation.total.side, [])
        if relation.balance:
            columns = columns[:1]
            other = by_side.get(relation.parts[0].side, [])[:1]
            total = facts.get((relation.total.row, columns[0])) if columns else None
            part = facts.get((relation.parts[0].row, other[0])) if other else None
            if total and part and not unsure[relation.total.row] & set(columns) and not unsure[relation.parts[0].row] & set(other):
                document.sums.append(SumGroup(total, [part], kind="column", complete=True))
            continue
        for c in columns:
            total = facts.get((relation.total.row, c))
            if total is None or c in unsure[relation.total.row]:
                continue
            if any(c in unsure[p.row] for p in relation.parts):
                continue
            parts = [facts[(p.row, c)] for p in relation.parts if (p.row, c) in facts]
            if parts:
                document.sums.append(SumGroup(total, parts, kind=relation.kind, complete=True))


def _doubts(document: Document, built: Built) -> None:
    table = built.table
    spans = []
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if cell.state == UNCERTAIN and cell.figure is not None and id(cell) not in seen:
                seen.add(id(cell))
                spans.append(cell.figure.span)
    if spans:
        document.doubts.append(Doubt(DOUBT, "table_columns_uncertain", spans,
                                     {"title": table.title, "count": str(len(spans))}))
    if built.problem:
        figures = [c.figure.span for row in table.rows for c in row.cells if c.figure is not None]
        if figures:
            document.doubts.append(Doubt(DOUBT, "table_not_rebuilt", figures[:1],
                                         {"title": table.title, "problem": built.problem}))
