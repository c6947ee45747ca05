"""PDF pages whose words are placed by hand, as LibreOffice sets a Word file: autospacing between
Chinese and Latin text, a plain table's merged header cells flush left, labels wrapped tight."""

from __future__ import annotations

import pytest

from budgetaudit import engine, readers

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from pdf_fixtures import _font  # noqa: E402

SIZE = 7.0


def _place(path, lines: list[tuple[float, list[tuple[float, list]]]]) -> None:
    """`lines`: (top, [(x, parts)]), parts texts and gaps in ems (a gap is autospacing: no character)."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font = _font()
    page = canvas.Canvas(str(path), pagesize=landscape(A4), invariant=1)
    page.setFont(font, SIZE)
    height = landscape(A4)[1]
    for top, cells in lines:
        for x, parts in cells:
            for part in parts:
                if isinstance(part, float):
                    x += part * SIZE
                    continue
                page.drawString(x, height - top - SIZE, part)
                x += stringWidth(part, font, SIZE)
    page.save()


def test_autospacing_is_no_space_and_a_printed_space_is_kept(tmp_path):
    path = tmp_path / "spaced.pdf"
    _place(path, [(100, [(60, ["项目概况：布设", 0.2, "46", 0.2, "个视联网服务点位，经费", 0.2, "96.1", 0.2, "万元；另支出4.27 万元。"])])])
    source, _ = readers.read(str(path))
    assert "布设46个视联网服务点位，经费96.1万元；另支出4.27 万元。" in source.text


def test_flush_left_parents_and_a_numbered_item_under_a_full_line(tmp_path):
    path = tmp_path / "summary.pdf"
    pitch, row = 9.4, 10.0  # a wrapped label's lines, and the next row
    tops = [200 + k * pitch for k in range(3)]
    body = tops[-1] + row
    _place(path, [
        (170, [(40, ["某某区财政拨款收支总表"])]),
        (180, [(40, ["单位:万元"])]),
        (tops[0], [(40, ["收入"]), (200, ["支出"])]),
        (tops[1], [(40, ["项目"]), (120, ["预算数"]), (200, ["支出科目"]), (300, ["合计"])]),
        (body, [(40, ["一、本年收入"]), (120, ["100.00"]), (200, ["一、本年支出"]), (300, ["100.00"])]),
        (body + row, [(200, ["(七)文化旅游体"]), (300, ["40.00"])]),
        (body + row + pitch, [(200, ["育与传媒支出费"])]),  # as wide as the column: it would go on
        (body + 2 * row + pitch, [(200, ["(八)社会保障和"]), (300, ["60.00"])]),
        (body + 2 * row + 2 * pitch, [(200, ["就业支出"])]),
    ])
    source, native = readers.read(str(path))
    document = engine.read_document(source, native_tables=native)
    (table,) = document.tables
    assert [c.path for c in table.columns] == [("收入", "项目"), ("收入", "预算数"), ("支出", "支出科目"), ("支出", "合计")]
    rows = [(r.cells[2].text.replace("\n", ""), r.cells[3].text) for r in table.rows]
    assert rows[-2:] == [("(七)文化旅游体育与传媒支出费", "40.00"), ("(八)社会保障和就业支出", "60.00")]


def test_a_title_over_its_unit_line_stays_the_tables_title(tmp_path):
    """The title is the widest line outside the table: the 单位 line under it does not go on its paragraph."""
    path = tmp_path / "titled.pdf"
    _place(path, [
        (100, [(40, ["附件8"])]),
        (120, [(40, ["某某区某某局部门支出总表"])]),
        (130, [(40, ["单位:万元"])]),
        (140, [(40, ["科目编码"]), (120, ["科目名称"]), (200, ["合计"]), (260, ["基本支出"]), (320, ["项目支出"])]),
        (150, [(120, ["合计"]), (200, ["30.00"]), (260, ["20.00"]), (320, ["10.00"])]),
        (160, [(40, ["201"]), (120, ["一般公共服务支出"]), (200, ["30.00"]), (260, ["20.00"]), (320, ["10.00"])]),
    ])
    source, native = readers.read(str(path))
    assert "某某区某某局部门支出总表" in source.text.splitlines()
    (table,) = engine.read_document(source, native_tables=native).tables
    assert table.kind == "expenditure" and table.title.endswith("部门支出总表")


def test_wrapped_numbers_joined_in_their_column_and_a_leaf_beside_flush_parents(tmp_path):
    """A narrow table set tight: 1207./84 and the code 20805/05 wrapped in their columns are one number
    each, the next row's code right under them is not; 单位养/老支出 is a wrapped label, not a 单位 line;
    2025年预算数 beside the flush-left parents spans the header's rows."""
    path = tmp_path / "narrow.pdf"
    pitch = 9.4
    _place(path, [
        (100, [(40, ["某某区某某局部门支出总表"])]),
        (110, [(40, ["单位:万元"])]),
        (120, [(40, ["功能分类科目"]), (150, ["2025年预算数"]), (200, ["2026年预算数"])]),
        (130, [(40, ["科目编码"]), (100, ["科目名称"]), (200, ["合计"]), (260, ["基本支出"])]),
        (140, [(100, ["合计"]), (150, ["9.00"]), (200, ["1207."]), (260, ["1207."])]),
        (140 + pitch, [(200, ["84"]), (260, ["84"])]),
        (140 + 2 * pitch, [(40, ["20805"]), (100, ["行政事业"]), (150, ["9.00"]), (200, ["1207."]), (260, ["1207."])]),
        (140 + 3 * pitch, [(40, ["05"]), (100, ["单位养"]), (200, ["84"]), (260, ["84"])]),
        (140 + 4 * pitch, [(100, ["老支出"])]),
        (140 + 5 * pitch, [(40, ["201"]), (100, ["其他支出"]), (150, ["1.00"]), (200, ["803.1"])]),
        (140 + 6 * pitch, [(200, ["6"])]),  # alone on its line: the number's end, not the table's
        (140 + 7 * pitch, [(40, ["202"]), (100, ["某某支出"]), (150, ["2.00"]), (200, ["3.00"]), (260, ["3.00"])]),
    ])
    source, native = readers.read(str(path))
    (table,) = engine.read_document(source, native_tables=native).tables
    assert [c.path for c in table.columns] == [("功能分类科目", "科目编码"), ("功能分类科目", "科目名称"), ("2025年预算数",),
                                               ("2026年预算数", "合计"), ("2026年预算数", "基本支出")]
    rows = [[c.text.replace("\n", "") for c in r.cells] for r in table.rows]
    assert rows == [["", "合计", "9.00", "1207.84", "1207.84"], ["2080505", "行政事业单位养老支出", "9.00", "1207.84", "1207.84"],
                    ["201", "其他支出", "1.00", "803.16", ""], ["202", "某某支出", "2.00", "3.00", "3.00"]]
