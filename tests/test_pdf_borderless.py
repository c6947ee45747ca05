"""PDFs printed as departments publish them: borderless tables rebuilt from word positions, pages
(running headers and footers, page numbers, tables and paragraphs across a break)."""

from __future__ import annotations

import pytest

from budgetaudit.tables.native import GridTable

from fixtures_formats import Cell, Grid, write_pdf
from test_readers import _merged_document, report_of, signature

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from pdf_fixtures import RUNNING_HEADER, write_pages  # noqa: E402

HEADER = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]


def budget(rows: int = 40, wrong: int | None = None) -> Grid:
    """A 一般公共预算支出表 of `rows` items and their 合计; `wrong`: an item whose 项目支出 is off by 10."""
    cells = [Cell("一般公共预算支出表", 0, 0, 1, 5, header=True)] + [Cell(t, 1, k, header=True) for k, t in enumerate(HEADER)]
    items = []
    for i in range(rows):
        basic, project = 1000 + 37 * i, 200 + 13 * i
        name = f"某某事务第{i + 1}项支出" + ("（含下属单位运行经费）" if i % 3 == 0 else "")
        items.append((f"2{i + 1:04d}", name, basic + project, basic, project + (10 if i == wrong else 0)))
    total = [sum(it[k] for it in items) for k in (2, 3, 4)]
    total[2] -= 10 if wrong is not None else 0
    body = [("", "合计", *total)] + items
    for r, (code, name, *amounts) in enumerate(body, 2):
        cells += [Cell(code, r, 0), Cell(name, r, 1)] + [Cell(f"{a / 100:.2f}", r, 2 + k) for k, a in enumerate(amounts)]
    return Grid(cells, len(body) + 2, 5, heading="附件2")


def document(grid: Grid) -> list:
    return [("p", "某某区财政局2026年部门预算情况说明"), ("p", "一、一般公共预算支出情况"),
            ("p", "以下为附表。"), ("p", "附件2"), grid, ("p", "以上为附表。")]


NARROW = {0: [60, 70, 80, 80, 80]}  # a narrow 科目名称: its long labels wrap over two or three lines


@pytest.mark.parametrize("valign", ["MIDDLE", "TOP"])
def test_merged_document_borderless_reads_as_the_ruled(valign, rules, tmp_path):
    ruled, bare = tmp_path / "ruled.pdf", tmp_path / "bare.pdf"
    write_pdf(_merged_document(), ruled)
    write_pages(_merged_document(), bare, valign=valign, chrome=False, widths={0: [60, 60, 80, 80, 80]})
    _, expected = report_of(ruled, rules)
    document_, got = report_of(bare, rules)
    assert signature(got) == signature(expected) and signature(got)
    budget_table = next(t for t in document_.tables if isinstance(t, GridTable) and t.kind == "general_expenditure")
    assert [c.path for c in budget_table.columns][2:] == [("2026年预算数", "合计"), ("2026年预算数", "基本支出"), ("2026年预算数", "项目支出")]
    assert [r.label for r in budget_table.rows][-1].endswith("一般公共服务支出")  # wrapped over two lines, one cell
    stated = next(f for f in got.findings if f.code == "TOT011").locations[0].span
    assert (stated.page, stated.table, stated.table_column) == (1, 1, 5) and stated.row is not None


@pytest.mark.parametrize("valign", ["MIDDLE", "TOP"])
def test_clean_table_over_pages_gives_no_sum_finding(valign, rules, tmp_path):
    path = tmp_path / "clean.pdf"
    write_pages(document(budget()), path, valign=valign, widths=NARROW, portrait=True)
    source_doc, report = report_of(path, rules)
    assert not [f for f in report.findings if f.code[:3] in ("TOT", "XRF", "PCT")], [f.code for f in report.findings]
    assert not [u for u in report.unchecked if u.code == "EXT004"]
    (table,) = [t for t in source_doc.tables if isinstance(t, GridTable)]
    assert len(table.rows) == 41  # one table across the pages, its repeated header dropped
    assert RUNNING_HEADER not in source_doc.source.text and "第2页" not in source_doc.source.text


def test_one_wrong_cell_is_found_at_that_cell_with_its_page(rules, tmp_path):
    path = tmp_path / "wrong.pdf"
    write_pages(document(budget(wrong=30)), path, widths=NARROW, portrait=True)
    _, report = report_of(path, rules)
    bad = [f for f in report.findings if f.severity == "error"]
    assert [f.code for f in bad] == ["TOT011"], [(f.code, [l.span.text for l in f.locations]) for f in bad]
    (span,) = [loc.span for loc in bad[0].locations if loc.span.text == f"{(200 + 13 * 30 + 10) / 100:.2f}"]
    assert span.page == 2 and span.table == 1 and span.table_column == 5 and span.row > 30


def _between_columns(path) -> None:
    """A borderless table drawn by hand, one number printed across two columns."""
    from reportlab.pdfgen import canvas

    from pdf_fixtures import _font

    font = _font()
    page = canvas.Canvas(str(path), invariant=1)
    page.setFont(font, 9)
    page.drawString(60, 780, "一般公共预算支出表")
    for x, text in ((60, "科目名称"), (200, "合计"), (300, "基本支出"), (400, "项目支出")):
        page.drawString(x, 750, text)
    rows = [("合计", "30.00", "20.00", "10.00"), ("甲支出", "20.00", "15.00", "5.00"), ("乙支出", "10.00", "5.00", "5.00")]
    for r, (label, *amounts) in enumerate(rows):
        y = 730 - 18 * r
        page.drawString(60, y, label)
        for k, amount in enumerate(amounts):
            right = 236 + 100 * k if not (r == 2 and k == 1) else 280  # between 合计 and 基本支出
            page.drawRightString(right, y, amount)
    page.save()


def test_a_number_between_columns_is_uncertain_never_snapped(rules, tmp_path):
    path = tmp_path / "between.pdf"
    _between_columns(path)
    document_, report = report_of(path, rules)
    (table,) = [t for t in document_.tables if isinstance(t, GridTable)]
    uncertain = [c for row in table.rows for c in row.cells if c.state == "uncertain"]
    assert [c.text for c in uncertain][:1] == ["5.00"] and uncertain[0].candidates == (1, 2)
    assert [u.code for u in report.unchecked if u.code == "EXT004"]
    assert not [f for f in report.findings if f.severity == "error"]


def test_paragraph_across_a_page_break_is_one_and_keeps_its_pages(rules, tmp_path):
    path = tmp_path / "prose.pdf"
    filler = [("p", f"第{k}段：本段为说明文字。") for k in range(49)]
    long = "二、支出情况。" + "本部门按照预算管理要求安排各项支出，" * 12 + "一般公共预算支出1207.84万元。"
    write_pages(filler + [("p", long)], path, portrait=True)
    document_, _ = report_of(path, rules)
    lines = [line for line in document_.source.text.splitlines() if line.startswith("二、支出情况")]
    assert lines == [long]
    figure = next(f for f in document_.facts if f.figure.span.text.startswith("1207.84"))
    first = document_.source.span(document_.source.text.index(long), document_.source.text.index(long) + 2)
    assert figure.figure.span.page == first.page + 1


def _self_evaluation(score: str = "50", total: str = "99.00") -> list:
    """A 项目支出绩效自评表 as a form: key rows, the execution block and the indicators, each under its header."""
    from test_evaluation import rows

    table = rows(score=score, total=total)
    cells = [Cell("项目支出绩效自评表", 0, 0, 1, 10, header=True)]
    cells += [Cell(text, r, c) for r, row in enumerate(table, 1) for c, text in enumerate(row) if text]
    return [("p", "2024年度部门决算"), ("p", "五、预算绩效管理情况说明"), Grid(cells, len(table) + 1, 10)]


@pytest.mark.parametrize("ruled", [False, True])
def test_self_evaluation_form_reads_into_the_evaluation_model(ruled, rules, tmp_path):
    path = tmp_path / "form.pdf"
    write_pages(_self_evaluation(score="60", total="109.00"), path, ruled=ruled, chrome=False)
    document_, report = report_of(path, rules)
    (evaluation,) = document_.evaluations
    assert evaluation.project == "数据平台运行经费" and evaluation.total.text == "109.00"
    assert [i.name for i in evaluation.indicators] == ["培训人数", "用户满意度"]
    assert evaluation.execution.adjusted.text == "60.00" and evaluation.execution.rate.text == "90"
    (finding,) = [f for f in report.findings if f.code.startswith("EVA")]
    assert finding.code == "EVA003"
    score = finding.locations[0].span
    # The title is a grid row of the ruled form, a line above the borderless one.
    assert (score.text, score.page, score.table, score.row, score.table_column) == ("60", 1, 1, 6 + ruled, 9)


def test_consistent_self_evaluation_form_gives_no_finding(rules, tmp_path):
    path = tmp_path / "form.pdf"
    write_pages(_self_evaluation(), path, chrome=False)
    document_, report = report_of(path, rules)
    assert len(document_.evaluations[0].indicators) == 2
    assert not [f for f in report.findings if f.code.startswith("EVA")]


def unspaced(findings: list) -> list:
    """Findings by code and figures as printed, white space aside (a PDF sets Chinese and Latin text
    apart by its own spacing, and may drop a narrow space)."""
    return [(code, tuple("".join(t.split()) for t in texts)) for code, texts in findings]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_printed_borderless_gives_the_text_findings(prefix, rules, tmp_path):
    from test_readers import _seed_case

    expected, items, uncertain = _seed_case(prefix, rules)
    path = tmp_path / f"{prefix}.pdf"
    write_pages(items, path, chrome=False, size=6)
    _, report = report_of(path, rules)
    expected, got = unspaced(expected), unspaced(signature(report))
    assert not [f for f in expected if f not in got], "lost findings of the text version"
    uncertain = {"".join(t.split()) for t in uncertain}
    assert not [f for f in got if f not in expected and not set(f[1]) & uncertain], "findings the text version does not have"
