"""Generated consistent hierarchical tables, printed in every layout and read back.

Every cell must come back in its column or be marked uncertain (never in a
wrong column), a consistent table gives no error, and changing one amount
gives an error that points at that amount.
"""

from __future__ import annotations

import sys
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetaudit import engine, ruleset
from budgetaudit.figures import format_decimal
from budgetaudit.source import Source
from budgetaudit.tables import read_tables

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
RULES = ruleset.load_rules().select(["TOT010", "TOT011", "TOT012"])


@st.composite
def tables(draw):
    """Rows of (code, name, total, basic, project), amounts in cents, parents summing their children."""
    rows = []
    for k in range(draw(st.integers(1, 3))):
        kuan = []
        for j in range(draw(st.integers(1, 3))):
            items = []
            for i in range(draw(st.integers(1, 3))):
                basic = draw(st.integers(1, 99999))
                project = draw(st.integers(0, 99999))
                items.append((f"2{k + 1:02d}{j + 1:02d}{i + 1:02d}", f"项目{k}{j}{i}支出", basic, project))
            kuan.append((f"2{k + 1:02d}{j + 1:02d}", f"款{k}{j}支出", items))
        rows.append((f"2{k + 1:02d}", f"类{k}支出", kuan))
    flat = []
    for code, name, kuan in rows:
        lei_b = sum(b for _, _, items in kuan for _, _, b, _ in items)
        lei_p = sum(p for _, _, items in kuan for _, _, _, p in items)
        flat.append((code, name, lei_b, lei_p))
        for kcode, kname, items in kuan:
            flat.append((kcode, kname, sum(b for *_, b, _ in items), sum(p for *_, p in items)))
            flat.extend(items)
    top = [r for r in flat if len(r[0]) == 3]
    total = ("", "合计", sum(r[2] for r in top), sum(r[3] for r in top))
    return [total] + flat


def money(cents: int) -> str:
    return format_decimal(Fraction(cents, 100), 2) if cents else ""


def cells_of(row) -> list[str]:
    code, name, basic, project, *slip = row
    # `slip` prints 基本支出 off by that many cents while the row's 合计 keeps the true sum.
    shown = basic + (slip[0] if slip else 0)
    return [code, name, money(basic + project) or "", money(shown), money(project)]


def render(rows, layout: str) -> str:
    head = "2026年部门预算情况说明\n附件8 部门支出总表\n单位:万元\n"
    body = [cells_of(r) for r in rows]
    if layout == "markdown":
        lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(c) + " |" for c in body]
    elif layout == "csv":
        lines = [",".join(HEADER)] + [",".join(c) for c in body]
    elif layout == "tab_rows":
        lines = ["\t".join(HEADER)] + ["\t".join(c) for c in body]
    elif layout == "pipe_lines":
        lines = []
        for cells in [HEADER] + body:
            lines.append("|")
            printed = [c for c in cells if c]
            lines += [f"{c} |" for c in printed]
            lines.append("|" * max(1, len(cells) - len(printed)))
    elif layout == "tab_cells":
        lines = []
        for cells in [HEADER] + body:
            lines += [f"\t{c}" for c in cells]
            lines.append("")
    else:  # aligned, as pdftotext -layout prints it
        widths = [10, 22, 12, 12, 12]
        lines = []
        for cells in [HEADER] + body:
            line = ""
            for c, w in zip(cells, widths):
                shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in c)
                line += c + " " * (w - shown + 2)
            lines.append(line.rstrip())
    return head + "\n".join(lines) + "\n"


LAYOUTS = ["markdown", "csv", "tab_rows", "pipe_lines", "tab_cells", "aligned"]


def check(text):
    document = engine.read_document(Source("generated.txt", text))
    return document, engine.check_document(document, RULES)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from(LAYOUTS))
def test_consistent_table_reads_back_and_passes(rows, layout):
    document, report = check(render(rows, layout))
    assert len(document.tables) == 1
    table = document.tables[0]
    assert len(table.rows) == len(rows)
    for row, expected in zip(table.rows, rows):
        want = cells_of(expected)
        for column in range(2, 5):
            cell = row.cells[column]
            if cell.state == "figure":
                assert cell.text == want[column]  # right, never a wrong column
            elif cell.state == "nil":
                assert want[column] == ""
            else:
                assert cell.state == "uncertain"
    assert [f for f in report.findings if f.severity == "error"] == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.sampled_from(LAYOUTS), st.data())
def test_one_changed_amount_is_found_where_it_is(rows, layout, data):
    index = data.draw(st.integers(0, len(rows) - 1))
    code, name, basic, project = rows[index]
    changed = list(rows)
    changed[index] = (code, name, basic, project, 900)  # 基本支出 printed 9.00 too high, nothing else changed
    document, report = check(render(changed, layout))
    errors = [f for f in report.findings if f.severity == "error"]
    cell = document.tables[0].rows[index].cells[3]
    assert cell.state in ("figure", "uncertain")
    if cell.state != "figure":
        return  # the reader could not place it: it must not claim anything from it
    assert errors
    assert any(loc.span == cell.figure.span for f in errors for loc in f.locations)


def test_five_thousand_rows_take_linear_work():
    """Work, not wall time (speed is measured in bench/): the table reader's function calls grow with
    the rows, never with their square."""
    def calls(n: int) -> int:
        lines = ["2026年部门预算情况说明", "附件8 部门支出总表", "单位:万元", "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |", "|---|---|---|---|---|"]
        for i in range(n):
            lines.append(f"| 2{i % 90 + 10:02d} | 类{i}支出 | 3.00 | 1.00 | 2.00 |")
        source = Source("big.txt", "\n".join(lines) + "\n")
        count = 0

        def profile(frame, event, arg):
            nonlocal count
            if event == "call" and "budgetaudit" in frame.f_code.co_filename:
                count += 1

        sys.setprofile(profile)
        try:
            tables = read_tables(source)
        finally:
            sys.setprofile(None)
        assert len(tables[0].table.rows) == n
        return count

    small, large = calls(1250), calls(5000)
    assert large < small * 4.5  # four times the rows: about four times the work, never sixteen
