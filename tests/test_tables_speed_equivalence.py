"""The shortcuts of column recovery give what the plain definitions give.

RowReader lists the placements of a row shape once per table and judges sum choices rather than
placements; narrow filters parts by the total's empty columns and skips relations that cannot change.
Each is compared here with the definition it stands for, on random tables: every order-keeping
placement of the items into columns they fit, kept when its sums hold; every combination of the
rows' signatures, kept when the relation holds; every relation judged again in every pass.
"""

from __future__ import annotations

import copy
from itertools import combinations, product

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from budgetaudit.tables import columns as recovery
from budgetaudit.tables import narrowing
from budgetaudit.tables.model import Column, RawCell, RowSum
from budgetaudit.tables.structure import Entry, Relation

ROLES = ("code", "label", "number", "number", "number", "number", "text", "seq")
PRINTS = {
    "nil": ("", "-"),
    "code": ("201", "20101"),
    "num": ("0", "1", "1", "2", "2", "3", "1.0", "-1"),  # few values: rows often add up
    "text": ("合计", "基本支出", "项目收入", "其他"),
}


@st.composite
def tables(draw):
    """Columns, the row sums of the header, and rows printed after one or two shapes (kinds of cells in
    order), so that rows of one shape recur as they do in real tables."""
    width = draw(st.integers(2, 8))
    columns = []
    for k in range(width):
        role = draw(st.sampled_from(ROLES))
        side = draw(st.sampled_from(("", "revenue", "expenditure"))) if role in ("label", "number") else ""
        columns.append(Column((str(k),), role, side))
    numbers = [k for k, c in enumerate(columns) if c.role == "number"]
    sums = []
    for _ in range(draw(st.integers(0, 3))):
        if len(numbers) < 2:
            break
        total = draw(st.sampled_from(numbers[:-1]))
        after = [k for k in numbers if k > total]
        parts = sorted(draw(st.lists(st.sampled_from(after), min_size=1, max_size=len(after), unique=True)))
        sums.append(RowSum(total, parts))
    positional = draw(st.booleans())
    shape = st.lists(st.sampled_from(sorted(PRINTS)), min_size=1, max_size=width + 1)
    shapes = draw(st.lists(shape, min_size=1, max_size=2))
    items = {}
    for r in range(draw(st.integers(1, 7))):
        texts = [draw(st.sampled_from(PRINTS[kind])) for kind in draw(st.sampled_from(shapes))]
        items[r] = [recovery.classify(RawCell(text, 0, len(text))) for text in texts]
    return columns, sums, positional, items


def reference_readings(items, columns, sums, positional):
    """The definition: order-keeping placements into fitting columns, those whose sums hold, else all."""
    n = len(columns)
    if positional and len(items) == n:
        return [tuple(range(n))]
    if positional and len(items) > n:
        while len(items) > n and items[-1].kind == "nil":
            items = items[:-1]
        if len(items) == n:
            return [tuple(range(n))]
    every = [p for p in combinations(range(n), len(items)) if all(recovery.fits(i, columns[c]) for i, c in zip(items, p))]
    if len(every) > recovery.MAX_READINGS:
        return None

    def holds(placement):
        at = {c: (i.low, i.high) for i, c in zip(items, placement) if i.kind in ("num", "code")}
        return all(narrowing._all_hold((at.get(s.total),), [(at.get(p),) for p in s.parts], range(1)) for s in sums)

    return [p for p in every if holds(p)] or every


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_row_readings_are_the_placements_whose_sums_hold(table):
    columns, sums, positional, items = table
    expected = [reference_readings(list(row), columns, sums, positional) for row in items.values()]
    saved = recovery.FEW_PLACEMENTS
    try:
        for few in (0, 1, 3, saved):  # both ways of judging a shape: listed once, or walked per row
            recovery.FEW_PLACEMENTS = few
            reader = recovery.RowReader(columns, sums, positional)
            assert [reader.readings(list(row)) for row in items.values()] == expected
    finally:
        recovery.FEW_PLACEMENTS = saved


bounds = st.one_of(st.none(), st.tuples(st.integers(-3, 6), st.integers(0, 4)).map(lambda t: (t[0], t[0] + t[1])))


@st.composite
def relations(draw):
    width = draw(st.integers(1, 4))
    signature = st.tuples(*[bounds] * width)
    rows = draw(st.integers(2, 5))
    ambiguous = sorted(draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=rows, unique=True)))
    signatures = {r: dict.fromkeys(draw(st.lists(signature, min_size=2, max_size=4, unique=True)), [()]) for r in ambiguous}
    fixed = {r: draw(signature) for r in range(rows) if r not in signatures}
    total = draw(st.integers(0, rows - 1))
    parts = draw(st.lists(st.integers(0, rows - 1), min_size=1, max_size=4))
    relation = Relation("hierarchy", Entry(total, "", "", ""), [Entry(p, "", "", "") for p in parts])
    return relation, ambiguous, signatures, fixed, width


@settings(max_examples=300, deadline=None)
@given(relations())
def test_kept_signatures_are_those_of_some_holding_combination(case):
    relation, ambiguous, signatures, fixed, width = case
    slot = {r: k for k, r in enumerate(ambiguous)}
    expected = [set() for _ in ambiguous]
    for combination in product(*(list(signatures[r]) for r in ambiguous)):
        def signature_of(row):
            return combination[slot[row]] if row in slot else fixed[row]

        if narrowing._all_hold(signature_of(relation.total.row), [signature_of(p.row) for p in relation.parts], range(width)):
            for seen, signature in zip(expected, combination):
                seen.add(signature)
    assert narrowing._holding_signatures(relation, ambiguous, signatures, fixed, width) == expected


def reference_narrow(relations_, options, items, number_columns):
    """Every relation judged in every pass, up to four passes, until a pass changes nothing."""
    placed = narrowing.Placements(items)
    for _ in range(4):
        changed = False
        for relation in relations_:
            rows = list(dict.fromkeys(e.row for e in (relation.total, *relation.parts)))
            columns = number_columns.get(relation.total.side, [])
            changed |= bool(narrowing._narrow_relation(relation, rows, options, items, placed, columns))
        if not changed:
            break


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.data())
def test_narrow_judges_again_only_what_can_change(table, data):
    columns, sums, positional, items = table
    reader = recovery.RowReader(columns, sums, positional)
    options = {r: reader.readings(row) or [] for r, row in items.items()}
    number_columns = {}
    for k, c in enumerate(columns):
        if c.role == "number":
            number_columns.setdefault(c.side, []).append(k)
    rows = list(items)
    relations_ = []
    for _ in range(data.draw(st.integers(0, 4))):
        side = data.draw(st.sampled_from(sorted(number_columns) or [""]))
        total = data.draw(st.sampled_from(rows))
        parts = data.draw(st.lists(st.sampled_from(rows), min_size=1, max_size=4))
        relations_.append(Relation("hierarchy", Entry(total, side, "", ""), [Entry(p, side, "", "") for p in parts]))
    expected = copy.deepcopy(options)
    reference_narrow(relations_, expected, items, number_columns)
    changed = narrowing.narrow(relations_, options, items, number_columns)
    assert options == expected
    assert changed == (options != {r: reader.readings(row) or [] for r, row in items.items()})


def _row(*texts):
    return [recovery.classify(RawCell(text, 0, len(text))) for text in texts]


def test_a_shape_walked_for_a_row_whose_sums_all_fail_is_still_judged_for_the_next_row():
    columns = [Column(("项目",), "label"), Column(("合计",), "number"), Column(("a",), "number"), Column(("b",), "number")]
    sums = [RowSum(1, [2, 3])]
    failing, holding = _row("合计", "5", "1"), _row("合计", "3", "3")
    saved = recovery.FEW_PLACEMENTS
    recovery.FEW_PLACEMENTS = 0  # walked per row: the failing row lists every placement of the shape
    try:
        reader = recovery.RowReader(columns, sums, positional=False)
        assert reader.readings(failing) == [(0, 1, 2), (0, 1, 3), (0, 2, 3)]
        assert reader.readings(holding) == [(0, 1, 2), (0, 1, 3)] == reference_readings(holding, columns, sums, False)
    finally:
        recovery.FEW_PLACEMENTS = saved


def test_a_relation_that_changed_nothing_is_judged_again_once_another_narrows_its_rows():
    # R1 (A over B) keeps both readings of each; R2 (C over B) puts B's 5 in column 2; then R1 can
    # put A's 5 there too.
    columns = [Column(("项目",), "label"), Column(("a",), "number"), Column(("b",), "number")]
    items = {0: _row("甲", "5"), 1: _row("乙", "5"), 2: _row("丙", "-", "5")}
    reader = recovery.RowReader(columns, [], positional=False)
    options = {r: reader.readings(row) for r, row in items.items()}
    assert options == {0: [(0, 1), (0, 2)], 1: [(0, 1), (0, 2)], 2: [(0, 1, 2)]}
    r1 = Relation("hierarchy", Entry(0, "", "", ""), [Entry(1, "", "", "")])
    r2 = Relation("hierarchy", Entry(2, "", "", ""), [Entry(1, "", "", "")])
    assert narrowing.narrow([r1, r2], options, items, {"": [1, 2]})
    assert options == {0: [(0, 2)], 1: [(0, 2)], 2: [(0, 1, 2)]}


def test_a_positional_row_with_empty_cells_past_the_last_column_is_read():
    # Such rows used to stop the whole check with an IndexError (the reading covers the table's
    # columns only, not the empty cells printed past them).
    from budgetaudit import engine
    from budgetaudit.source import Source

    for past in ("", "-"):
        text = (
            "附件1\n部门收支总表\n单位：万元\n| 科目编码 | 科目名称 | 合计 |\n|---|---|---|\n"
            f"| 201 | 一般公共服务支出 | 10.00 | {past} |\n| 20101 | 人大事务 | 10.00 | {past} |\n"
        )
        document = engine.read_document(Source("t.txt", text))
        (table,) = document.tables
        assert [[c.text for c in row.cells] for row in table.rows] == [["201", "一般公共服务支出", "10.00"], ["20101", "人大事务", "10.00"]]


# -- finding blocks ------------------------------------------------------------


def _blocks_by_definition(lines):
    """blocks.find without its quick skip of lines no reader can open a table on."""
    from budgetaudit.tables import blocks as found_blocks
    from budgetaudit.tables import (
        layout_aligned, layout_cell_lines, layout_delimited, layout_markdown, layout_pipe_lines, layout_tab_cells,
        layout_tab_rows, layout_web_rows,
    )

    readers = (layout_markdown, layout_pipe_lines, layout_cell_lines, layout_web_rows, layout_tab_cells, layout_tab_rows, layout_delimited,
               layout_aligned)
    out, i, previous_end = [], 0, 0
    while i < len(lines):
        found = next((r for r in (reader.read(lines, i) for reader in readers) if r), None)
        if not found:
            i += 1
            continue
        block, after = found
        block.heading, block.unit_line = found_blocks.heading_above(lines, i, previous_end)
        out.append(block)
        previous_end = after
        i = max(after, i + 1)
    return out


LINE_PIECES = ("|", " |", "\t", ",", "  ", " ", "1", "20.5", "合计", "附表1", "单位:万元", "-", "---", "。", "表", "甲,1,2")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=7).map("".join), max_size=14))
@example(["附表1", "项目,2025年,2026年", "收入,1,2", "支出,3,4", "合计,4,6"])
@example(["项目  2025年  2026年", "收入  1  2", "支出  3  4", "合计  4  6"])
@example(["| 项目 | 2025年 |", "|---|---|", "| 收入 | 1 |"])
@example(["\t项目", "\t收入", "", "\t1"])
def test_blocks_are_those_every_reader_would_find(texts):
    from budgetaudit.tables import blocks

    lines, offset = [], 0
    for text in texts:
        lines.append((offset, text))
        offset += len(text) + 1
    assert [repr(b) for b in blocks.find(lines)] == [repr(b) for b in _blocks_by_definition(lines)]
