"""Readers of .docx, .xlsx/.xls, .html and .pdf: the same findings as the text, merged cells, coordinates.

Every file is written at test time by tests/fixtures_formats.py (real Word tables, one sheet per
attachment, an HTML page with <table>s, a PDF with ruled tables in reportlab's built-in
STSong-Light font); nothing binary is committed.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile

import pytest

from budgetaudit import engine, readers
from budgetaudit.source import InputError
from budgetaudit.tables.native import GridTable

from conftest import SEEDS, seed
from fixtures_formats import WRITERS, Cell, Grid, model_of, seed_model, write_pdf

FORMATS = ("docx", "xlsx", "xls", "html", "pdf")
pytest.importorskip("docx")
pytest.importorskip("openpyxl")
pytest.importorskip("xlrd")
pytest.importorskip("lxml")
pytest.importorskip("pdfplumber")
pytest.importorskip("xlwt")
pytest.importorskip("reportlab")


def report_of(path, rules):
    source, native = readers.read(str(path))
    document = engine.read_document(source, native_tables=native)
    return document, engine.check_document(document, rules)


def signature(report) -> list[tuple[str, tuple[str, ...]]]:
    """A finding by its code and the figures involved, as printed (lines differ between formats)."""
    # The failed relations, a root finding's under it: formats may group them differently (a copy read only
    # in one format joins a group), but each relation is found in every format.
    return sorted((f.code, tuple(loc.span.text for loc in f.locations))
                  for root in report.findings for f in root.failed())


# ----------------------------------------------------------------------------- the five seeds in every format

_SEEDS = ("000", "001", "002", "003", "004")
_cache: dict = {}


def _seed_case(prefix: str, rules):
    if prefix not in _cache:
        path = seed(prefix)
        _, report = report_of(path, rules)
        items = seed_model(path)
        uncertain = {t for item in items if isinstance(item, Grid) for t in item.uncertain}
        _cache[prefix] = (signature(report), items, uncertain)
    return _cache[prefix]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("prefix", _SEEDS)
def test_seed_in_every_format_gives_the_text_findings(prefix, fmt, rules, tmp_path):
    expected, items, uncertain = _seed_case(prefix, rules)
    path = tmp_path / f"{prefix}.{fmt}"
    WRITERS[fmt](items, path)
    _, report = report_of(path, rules)
    got = signature(report)
    missing = [f for f in expected if f not in got]
    assert not missing, f"{fmt} lost findings of the text version: {missing}"
    extra = [f for f in got if f not in expected]
    # A real grid puts every cell in its column. Where the text reader could not tell a cell's column
    # (reported as EXT004, its sums unchecked), the fixture had to choose one, and the sums it then
    # checks are new: any extra finding must involve such a figure, never anything else.
    for code, texts in extra:
        assert set(texts) & uncertain, f"{fmt}: a finding the text version does not have: {code} {texts}"
    if not uncertain:
        assert got == expected


# ----------------------------------------------------------------------------- merged cells and coordinates


def _merged_document() -> list:
    budget = Grid(
        [
            Cell("一般公共预算财政拨款支出预算表", 0, 0, 1, 5, header=True),
            Cell("功能分类科目", 1, 0, 1, 2, header=True),
            Cell("2026年预算数", 1, 2, 1, 3, header=True),
            Cell("科目编码", 2, 0, header=True),
            Cell("科目名称", 2, 1, header=True),
            Cell("合计", 2, 2, header=True),
            Cell("基本支出", 2, 3, header=True),
            Cell("项目支出", 2, 4, header=True),
            Cell("合计", 3, 1), Cell("1207.84", 3, 2), Cell("404.68", 3, 3), Cell("803.16", 3, 4),
            Cell("201", 4, 0), Cell("一般公共服务支出", 4, 1), Cell("1207.84", 4, 2), Cell("404.68", 4, 3), Cell("813.16", 4, 4),
        ],
        5,
        5,
        heading="附件2",
    )
    evaluation = Grid(
        [
            Cell("2025年度项目支出绩效自评表", 0, 0, 1, 6, header=True),
            Cell("一级指标", 1, 0, header=True), Cell("二级指标", 1, 1, header=True), Cell("三级指标", 1, 2, header=True),
            Cell("指标值", 1, 3, header=True), Cell("实际完成值", 1, 4, header=True), Cell("自评得分", 1, 5, header=True),
            Cell("产出指标", 2, 0, 3, 1), Cell("数量指标", 2, 1), Cell("运维系统数", 2, 2), Cell("10", 2, 3), Cell("10", 2, 4),
            Cell("45", 2, 5, 3, 1),
            Cell("质量指标", 3, 1), Cell("系统可用率", 3, 2), Cell("≥99%", 3, 3), Cell("99.5%", 3, 4),
            Cell("时效指标", 4, 1), Cell("按时完成率", 4, 2), Cell("100%", 4, 3), Cell("100%", 4, 4),
        ],
        5,
        6,
        heading="附件3",
    )
    return [
        ("p", "重庆市某局2026年部门预算情况说明"),
        ("p", "一、一般公共预算财政拨款支出情况"),
        ("p", "2026年一般公共预算财政拨款支出1207.84万元。"),
        ("p", "附件2"),
        budget,
        ("p", "附件3"),
        evaluation,
        ("p", "以上为附表。"),
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_merged_cells_are_one_cell_with_their_span(fmt, rules, tmp_path):
    path = tmp_path / f"merged.{fmt}"
    WRITERS[fmt](_merged_document(), path)
    document, report = report_of(path, rules)
    tables = [t for t in document.tables if isinstance(t, GridTable)]
    budget = next(t for t in tables if t.kind == "general_expenditure")
    assert [c.path for c in budget.columns] == [
        ("功能分类科目", "科目编码"), ("功能分类科目", "科目名称"),
        ("2026年预算数", "合计"), ("2026年预算数", "基本支出"), ("2026年预算数", "项目支出"),
    ]
    header = {(m.text, m.rowspan, m.colspan) for m in budget.merges}
    assert ("2026年预算数", 1, 3) in header and ("功能分类科目", 1, 2) in header
    evaluation = next(t for t in tables if t.kind == "self_evaluation")
    assert ("45", 3, 1) in {(m.text, m.rowspan, m.colspan) for m in evaluation.merges}
    assert ("产出指标", 3, 1) in {(m.text, m.rowspan, m.colspan) for m in evaluation.merges}
    score = [c for row in evaluation.rows for c in row.cells if c.text == "45"]
    assert len(score) == 1  # held by its first row only, so counted once
    # Columns are certain: the row 201's 项目支出 813.16 breaks 合计 = 基本支出 + 项目支出.
    row_sum = [f for root in report.findings for f in root.failed() if f.code == "TOT011"]
    assert [loc.span.text for loc in row_sum[0].locations] == ["1207.84", "404.68", "813.16"]
    assert not [u for u in report.unchecked if u.code == "EXT004"]
    stated = row_sum[0].locations[0].span
    if fmt in ("docx", "html"):
        assert (stated.table, stated.row, stated.table_column) == (1, 5, 3)
    elif fmt in ("xlsx", "xls"):
        assert stated.sheet == "附件2" and stated.cell.startswith("C") and stated.table == 1
    else:
        assert stated.page == 1 and stated.table_column == 3
    assert stated.line >= 1 and stated.column >= 1
    assert document.source.text.splitlines()[stated.line - 1][stated.column - 1 : stated.end_column - 1] == "1207.84"


def test_json_contract_carries_the_source_coordinates(rules, tmp_path):
    from budgetaudit.run import check_paths
    from budgetaudit.formats import json as json_format

    path = tmp_path / "merged.xlsx"
    WRITERS["xlsx"](_merged_document(), path)
    result = check_paths([str(path)], rules)
    data = json.loads(json_format.render(result))
    text = json.dumps(data, ensure_ascii=False)
    assert '"sheet": "附件2"' in text and '"cell": "C' in text


# ----------------------------------------------------------------------------- spreadsheets: precision, formulas


def test_numbers_print_with_their_format_not_their_float():
    from budgetaudit.readers.sheets import number_text

    assert number_text(1207.8399999999999, "0.00") == "1207.84"
    assert number_text(1207.8399999999999, "General") == "1207.84"
    assert number_text(0.1 + 0.2, "General") == "0.3"
    assert number_text(2.675, "0.00") == "2.68"  # as printed, not the float's 2.67499…
    assert number_text(0.1587, "0.00%") == "15.87%"
    assert number_text(1234567.5, "#,##0.00") == "1,234,567.50"
    assert number_text(100, "0") == "100"
    assert number_text(871.8, '0.00_);[Red]\\(0.00\\)') == "871.80"


def test_formulas_are_read_as_their_cached_values(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件2"
    rows = [["项目", "合计", "基本支出", "项目支出"], ["支出合计", None, 404.68, 803.16]]
    for row in rows:
        sheet.append(row)
    sheet["B2"] = "=C2+D2"
    sheet["C2"].number_format = sheet["D2"].number_format = "0.00"
    path = tmp_path / "formula.xlsx"
    book.save(path)
    # openpyxl writes no cached value; give B2 the one Excel would have saved.
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(tmp_path / "cached.xlsx", "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<f>C2+D2</f><v></v>", b"<f>C2+D2</f><v>1207.8399999999999</v>")
                content = content.replace(b"<f>C2+D2</f><v />", b"<f>C2+D2</f><v>1207.8399999999999</v>")
                assert b"<v>1207.8399999999999</v>" in content
            new.writestr(item, content)
    source, _ = readers.read(str(tmp_path / "cached.xlsx"))
    assert "1207.84\t404.68\t803.16" in source.text and "1207.8399" not in source.text
    source, _ = readers.read(str(path))
    assert "\t\t404.68\t803.16" in source.text  # no cached value: nothing printed, never 0


# ----------------------------------------------------------------------------- docx numbering, html details


def test_docx_numbering_is_rendered_as_printed(tmp_path):
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.append(parse_xml(
        f'<w:abstractNum {ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        ))

    numbered("部门基本情况", 0)
    numbered("职能职责", 1)
    numbered("机构设置", 1)
    numbered("内设科室", 2)
    numbered("收支预算情况", 0)
    numbered("收入预算", 1)
    path = tmp_path / "numbered.docx"
    document.save(path)
    source, _ = readers.read(str(path))
    assert source.text.splitlines() == ["一、部门基本情况", "（一）职能职责", "（二）机构设置", "1.内设科室", "二、收支预算情况", "（一）收入预算"]


def test_html_in_gb18030_with_nested_markup(tmp_path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<style>p{color:red}</style><script>var x = 1;</script></head><body>"
        "<h2>一、收支情况</h2><div>2026年收入<b>1207.84</b>万元，<br>支出1207.84万元。</div>"
        '<table><tr><th rowspan="2">项目</th><th colspan="2">2026年预算数</th></tr>'
        "<tr><th>基本支出</th><th>项目支出</th></tr><tr><td>合计</td><td>404.68</td><td>803.16</td></tr></table>"
        "<p>完</p></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    source, native = readers.read(str(path))
    lines = source.text.splitlines()
    assert lines[:3] == ["一、收支情况", "2026年收入1207.84万元，", "支出1207.84万元。"]
    assert lines[-1] == "完"
    grid = native[0]
    assert {(c.text, c.rowspan, c.colspan) for c in grid.cells} >= {("项目", 2, 1), ("2026年预算数", 1, 2)}


# ----------------------------------------------------------------------------- PDF: scanned pages


def test_scanned_pdf_page_is_unchecked_not_missing(rules, tmp_path):
    path = tmp_path / "scanned.pdf"
    write_pdf(_merged_document(), path, scanned_page=True)
    document, report = report_of(path, rules)
    scanned = [u for u in report.unchecked if u.code == "EXT006"]
    assert len(scanned) == 1 and scanned[0].locations[0].span.page == 2
    assert "扫描" in scanned[0].reason
    assert [f.code for f in report.findings if f.code == "TOT011"] == ["TOT011"]


def test_wholly_scanned_pdf_is_refused(tmp_path):
    from reportlab.pdfgen import canvas
    from reportlab.lib.utils import ImageReader
    from fixtures_formats import _png

    path = tmp_path / "all_scanned.pdf"
    page = canvas.Canvas(str(path))
    page.drawImage(ImageReader(io.BytesIO(_png())), 0, 0, 300, 300)
    page.showPage()
    page.save()
    with pytest.raises(InputError, match="scanned"):
        readers.read(str(path))


# ----------------------------------------------------------------------------- the format from the content


def test_format_is_decided_from_the_content(tmp_path):
    items = _merged_document()
    for fmt in FORMATS:
        path = tmp_path / f"{fmt}.txt"  # a misleading extension
        WRITERS[fmt](items, path)
        assert readers.sniff(path.read_bytes(), str(path)) == fmt
        source, native = readers.read(str(path))
        assert native and "1207.84" in source.text
    assert readers.sniff("一、收支情况\n<p>支出1207.84万元</p>".encode(), "a.txt") == "text"
    assert readers.sniff(b"<p>x</p>", "a.html") == "html"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"PK\x03\x04" + b"\x00" * 40, "zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "xls"),
        (b"%PDF-1.4\n%garbage\n" + b"x" * 100, "PDF"),
    ],
)
def test_unreadable_files_are_one_line_input_errors(data, reason, tmp_path):
    path = tmp_path / "broken.bin"
    path.write_bytes(data)
    with pytest.raises(InputError) as error:
        readers.read(str(path))
    assert reason.lower() in str(error.value).lower() and "\n" not in str(error.value)


def test_zip_of_something_else_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "x")
    with pytest.raises(InputError, match="neither a Word .docx nor an Excel .xlsx"):
        readers.read("a.docx", buffer.getvalue())


def test_cli_exit_2_with_one_line_for_a_broken_file(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04broken")
    # Run outside the checkout, so `python -m budgetaudit` is the installed package with its rule files.
    done = subprocess.run(
        [sys.executable, "-m", "budgetaudit", "check", str(path)], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 2
    assert "zip" in (done.stdout + done.stderr).lower()


def test_missing_extra_names_it(monkeypatch, tmp_path):
    path = tmp_path / "a.docx"
    WRITERS["docx"](_merged_document(), path)
    monkeypatch.setitem(sys.modules, "docx", None)  # as if python-docx were not installed
    with pytest.raises(InputError, match=r"pip install 'budgetaudit\[formats\]'"):
        readers.read(str(path))


def test_text_files_import_no_format_library():
    code = (
        "import sys\n"
        "from budgetaudit import readers\n"
        "readers.read('x.txt', '一、收支情况\\n支出1207.84万元。'.encode())\n"
        "heavy = [m for m in ('docx', 'openpyxl', 'xlrd', 'lxml', 'pdfplumber') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_seeds_folder_is_optional():
    # The seed tests skip cleanly where ../shared/seeds is absent (conftest.seed); nothing of it is copied here.
    assert SEEDS.name == "seeds"


def test_model_of_keeps_every_prose_line():
    from budgetaudit.source import Source

    text = "一、情况\n支出1207.84万元。\n附件2\n项目\t合计\t基本支出\n支出\t1207.84\t404.68\n完\n"
    items = model_of(Source("x.txt", text))
    assert [i[1] for i in items if isinstance(i, tuple)][:3] == ["一、情况", "支出1207.84万元。", "附件2"]


@pytest.mark.parametrize(
    "value, number_format, printed",
    [
        (1207.8399999999999, "0.00", "1207.84"),
        (1207.8399999999999, None, "1207.84"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (0.125, "0.0%", "12.5%"),
        (-0.001, "0.00", "0.00"),
        (0.1 + 0.2, "General", "0.3"),
        (12345678901234.5, None, "12345678901000"),
        (3, "0.00", "3.00"),
        (True, None, "TRUE"),
    ],
)
def test_a_stored_number_prints_as_its_cell_format_shows_it(value, number_format, printed):
    from budgetaudit.readers.sheets import number_text

    assert number_text(value, number_format) == printed
