"""Readers bounded by what a file expands to (issue 21): each hostile file is built here, read under an
address-space limit of 1.5 GB and a time limit, and either checked or refused with one line (exit 2)
naming the limit; the file is left as it was."""

import io
import re
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib

import pytest

from test_hostile_inputs import one_line_exit_2

MEMORY = 1536 * 1024 * 1024
SECONDS = 30


def bounded_cli(*args):
    """`budgetaudit ARGS` with at most 1.5 GB of address space; (result, wall seconds)."""
    def limit():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))

    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "budgetaudit", *args, "--isolated"], capture_output=True,
                            cwd=tempfile.gettempdir(), preexec_fn=limit, timeout=120)
    return result, time.monotonic() - started


def checked_or_refused(path, *args, words=()):
    before = path.read_bytes()
    result, seconds = bounded_cli("check", str(path), *args)
    assert seconds < SECONDS
    assert b"Traceback" not in result.stderr and b"MemoryError" not in result.stderr
    if result.returncode == 2:
        one_line_exit_2(result, *words)
    else:
        assert result.returncode in (0, 1), result.stderr
    assert path.read_bytes() == before
    return result


def shared_strings_edit(rows: str):
    """A rewrite_zip edit putting `rows` (cells naming shared strings) in the sheet and wiring in a sharedStrings
    part (written by the caller)."""
    def edit(name, data):
        if name.startswith("xl/worksheets/"):
            return data.replace(b"</sheetData>", rows.encode() + b"</sheetData>")
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                                b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        if name == "[Content_Types].xml":
            return data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        return data

    return edit


def rewrite_zip(path, edit):
    """Rewrite the members of a zip through edit(name, data) -> data (None drops it), plus extra members."""
    with zipfile.ZipFile(path) as book:
        members = [(info.filename, book.read(info)) for info in book.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            data = edit(name, data)
            if data is not None:
                out.writestr(name, data)
    path.write_bytes(buffer.getvalue())


LINES = ["2024年度某某单位部门决算公开说明", "2024年度收入总计1207.84万元，支出总计1027.84万元。"]


# --------------------------------------------------------------------------- spreadsheets


def test_an_xlsx_with_a_far_corner_cell_reads_only_the_cells_present(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"] = LINES
    sheet["XFD1048576"] = "1"
    path = tmp_path / "corner.xlsx"
    book.save(path)
    result = checked_or_refused(path, "-f", "json")
    assert b'"files"' in result.stdout


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "many"])
def test_an_xlsx_merging_the_whole_sheet_is_refused_before_it_is_expanded(tmp_path, ref):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"] = LINES
    sheet.merge_cells("C3:D4")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    if ref == "many":  # 1.5 million merged cells in ranges of 5
        cells = "".join(f'<mergeCell ref="A{r}:E{r}"/>' for r in range(10, 300_010))
    else:
        cells = f'<mergeCell ref="{ref}"/>'

    def edit(name, data):
        if name.startswith("xl/worksheets/"):
            return re.sub(rb"<mergeCells[^>]*>.*?</mergeCells>",
                          f'<mergeCells count="1">{cells}</mergeCells>'.encode(), data, flags=re.S)
        return data

    rewrite_zip(path, edit)
    result = checked_or_refused(path, words=("合并单元格",))
    assert result.returncode == 2


def test_an_xls_merging_the_whole_sheet_is_clipped_to_the_cells_present(tmp_path):
    import struct

    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    sheet = book.add_sheet("s")
    sheet.write(0, 0, LINES[0])
    sheet.write(1, 0, LINES[1])
    sheet.merge(2, 3, 0, 1)
    path = tmp_path / "merged.xls"
    book.save(str(path))
    # The MERGEDCELLS record made to cover the whole sheet (a few bytes; the cells stay four).
    record = b"\xe5\x00\x0a\x00\x01\x00" + struct.pack("<HHHH", 2, 3, 0, 1)
    data = path.read_bytes()
    assert data.count(record) == 1
    path.write_bytes(data.replace(record, b"\xe5\x00\x0a\x00\x01\x00" + struct.pack("<HHHH", 2, 65535, 0, 255)))
    assert checked_or_refused(path).returncode in (0, 1)


def test_one_long_shared_string_under_many_cells_is_refused_as_it_is_cleaned(tmp_path):
    """100,000 cells naming one shared string of 20,000 characters: 2 GB of text from 200 KB (each cell's text
    was cleaned before the size was looked at: a minute here)."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active["A1"], book.active["A2"] = LINES
    path = tmp_path / "shared.xlsx"
    book.save(path)
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in "BCDEFGHIJK") + "</row>"
                   for r in range(10, 10_010))
    strings = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
               + "支出" * 10000 + "</t></si></sst>")

    rewrite_zip(path, shared_strings_edit(rows))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/sharedStrings.xml", strings.encode())
    assert path.stat().st_size < 300_000
    result = checked_or_refused(path, "--max-bytes", "10000000", words=("展开后的文字", "大小上限"))
    assert result.returncode == 2


def test_a_zip_bomb_is_refused_by_its_members_declared_size(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active["A1"], book.active["A2"] = LINES
    path = tmp_path / "bomb.xlsx"
    book.save(path)
    rewrite_zip(path, lambda name, data: data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/sharedStrings.xml", b"<sst>" + b" " * 8_000_000 + b"</sst>")
    assert path.stat().st_size < 100_000
    result = checked_or_refused(path, "--max-bytes", "1000000", words=("解压后为", "大小上限"))
    assert result.returncode == 2


def _lying_size(path, member, declared):
    """Set the size a zip's local header and directory declare for `member` (not zip64)."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    for signature, name_length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = data.find(signature)
        while at >= 0:
            length = int.from_bytes(data[at + name_length_at:at + name_length_at + 2], "little")
            if data[at + name_at:at + name_at + length] == name:
                data[at + size_at:at + size_at + 4] = declared.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["declares 5,000 bytes", "bzip2"])
def test_a_zip_member_expanding_past_what_it_declares_is_refused_before_it_is_inflated(tmp_path, how):
    """A 1 MB .docx whose document.xml declares 5,000 bytes and inflates to 1 GB: zipfile inflates up to 2 GB
    in one call before cutting at the declared size (2.1 GB of memory for 1.5 GB); bzip2 is inflated whole."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    path = tmp_path / "lying.docx"
    document.save(path)
    with zipfile.ZipFile(path) as book:
        members = [(info.filename, book.read(info)) for info in book.infolist()]
    method = zipfile.ZIP_BZIP2 if how == "bzip2" else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            if name != "word/document.xml":
                out.writestr(name, data)
                continue
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            with out.open(info, "w") as stream:
                head, tail = data.rsplit(b"</w:body>", 1)
                stream.write(head)
                for _ in range(1 if how == "bzip2" else 64):
                    stream.write(b" " * (1 << 24))
                stream.write(b"</w:body>" + tail)
    if how != "bzip2":
        _lying_size(path, "word/document.xml", 5000)
    assert path.stat().st_size < 2_000_000
    result = checked_or_refused(path, words=("word/document.xml", "不是压缩目录所声明的" if how != "bzip2" else "压缩方法"))
    assert result.returncode == 2


# --------------------------------------------------------------------------- Word


def _docx(tmp_path, paragraphs=(), table=False, style=None):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    for text in paragraphs:
        document.add_paragraph(text, style=style)
    if table:
        grid = document.add_table(rows=2, cols=2)
        grid.cell(0, 0).text, grid.cell(0, 1).text = "项目", "金额"
        grid.cell(1, 0).text, grid.cell(1, 1).text = "收入合计", "1207.84"
    path = tmp_path / "d.docx"
    document.save(path)
    return path


def test_a_docx_grid_span_of_a_billion_is_clipped(tmp_path):
    path = _docx(tmp_path, table=True)

    def edit(name, data):
        if name == "word/document.xml":
            return data.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="1000000000"/>', 1)
        return data

    rewrite_zip(path, edit)
    assert checked_or_refused(path).returncode in (0, 1)


@pytest.mark.parametrize("fmt,start", [("upperRoman", 10**15), ("lowerLetter", 10**10)])
def test_docx_numbering_from_a_huge_start_ends_at_once(tmp_path, fmt, start):
    path = _docx(tmp_path, paragraphs=["第一项支出100.00万元。"] * 3, style="List Number")

    def edit(name, data):
        if name == "word/numbering.xml":
            data = re.sub(rb'<w:numFmt w:val="[^"]*"/>', f'<w:numFmt w:val="{fmt}"/>'.encode(), data)
            return re.sub(rb'<w:start w:val="\d+"/>', f'<w:start w:val="{start}"/>'.encode(), data)
        return data

    rewrite_zip(path, edit)
    result = checked_or_refused(path, "-f", "json")
    assert result.returncode in (0, 1) and len(result.stdout) < 200_000


def test_a_docx_whose_text_expands_past_max_bytes_is_refused(tmp_path):
    # Letters from 30000 print some 1,150 characters per numbered paragraph from a few bytes of XML.
    path = _docx(tmp_path, paragraphs=["第一项支出100.00万元。"] * 1000, style="List Number")

    def edit(name, data):
        if name == "word/numbering.xml":
            data = re.sub(rb'<w:numFmt w:val="[^"]*"/>', b'<w:numFmt w:val="lowerLetter"/>', data)
            return re.sub(rb'<w:start w:val="\d+"/>', b'<w:start w:val="30000"/>', data)
        return data

    rewrite_zip(path, edit)
    assert path.stat().st_size < 100_000
    result = checked_or_refused(path, "--max-bytes", "600000", words=("展开后的文字", "大小上限"))
    assert result.returncode == 2


# --------------------------------------------------------------------------- HTML and PDF


def test_html_cells_spanning_a_thousand_rows_and_columns_are_bounded(tmp_path):
    pytest.importorskip("lxml")
    rows = "".join(f'<tr><td rowspan="1000" colspan="1000">第{i}项</td><td>{i}.00</td></tr>' for i in range(200))
    page = f"<html><body><p>{LINES[0]}</p><p>{LINES[1]}</p><table>{rows}</table></body></html>"
    path = tmp_path / "spans.html"
    path.write_text(page, encoding="utf-8")
    assert checked_or_refused(path).returncode in (0, 1)


def _pdf_with_stream(content: bytes, stream: bytes | None = None, filter: bytes = b"FlateDecode") -> bytes:
    stream = zlib.compress(content, 9) if stream is None else stream
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /%s >>\nstream\n" % (len(stream), filter) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_flate_bomb_is_refused(tmp_path):
    pytest.importorskip("pdfplumber")
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_stream(b" " * 20_000_000))
    assert path.stat().st_size < 100_000
    result = checked_or_refused(path, "--max-bytes", "1000000", words=("压缩数据流", "大小上限"))
    assert result.returncode == 2


def _lzw_spaces(tables: int) -> bytes:
    """An LZW stream of runs of spaces, each code one space longer than the last: a table of them (5 KB) is
    7.4 MB of text. Codes as pdfminer reads them: 9 bits, then 10, 11 and 12 as the table grows."""
    codes = []
    for _ in range(tables):
        codes += [(256, 12 if codes else 9), (32, 9)]
        codes += [(c, 9 if c <= 510 else 10 if c <= 1022 else 11 if c <= 2046 else 12) for c in range(258, 4095)]
    codes.append((257, 12))
    bits = "".join(format(code, f"0{width}b") for code, width in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big")


@pytest.mark.parametrize("filter", ["LZWDecode", "RunLengthDecode"])
def test_a_pdf_lzw_or_run_length_bomb_is_refused(tmp_path, filter):
    """0.8 MB of LZW expanded to 1.1 GB (12 s, 2.3 GB before); run-length expands 64 times, into a list of ints."""
    pytest.importorskip("pdfplumber")
    stream = _lzw_spaces(150) if filter == "LZWDecode" else b"\x81 " * 1_000_000 + b"\x80"
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_stream(b"", stream, filter.encode()))
    result = checked_or_refused(path, "--max-bytes", "10000000", words=("压缩数据流", "大小上限"))
    assert result.returncode == 2


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path):
    """An owner password (no copying) with an empty user password: the text is read and checked. reportlab
    leaves the font's CIDSystemInfo strings unencrypted, so pdfminer decrypts them into noise and gives (cid:N)
    for every glyph; such a page is read through PDFium instead."""
    pytest.importorskip("pdfplumber")
    reportlab = pytest.importorskip("reportlab")
    from reportlab.lib import pdfencrypt
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    assert reportlab
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "owner.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0,
                                                                          strength=128))
    pdf.setFont("STSong-Light", 10)
    for y, line in zip((800, 780, 765), ("2024年部门决算情况说明", "一、收入支出决算总体情况。2024年度收入总计2318.40万元，",
                                         "比上年2476.95万元减少158.55万元，下降7.40%。")):
        pdf.drawString(40, y, line)
    pdf.save()
    result = checked_or_refused(path, "--format", "concise")
    assert result.returncode == 1
    assert re.search(r"PCT002 \[error\].*7\.40%", result.stdout.decode())


def test_text_after_an_entity_a_docx_does_not_define_is_kept(tmp_path):
    path = _docx(tmp_path, paragraphs=["MARK公务接待费支出12.50万元。"])

    def edit(name, data):
        if name == "word/document.xml":
            # An external entity, declared but never resolved (nothing is fetched): the text after it stays.
            head, _, rest = data.partition(b"?>")
            doctype = b'<!DOCTYPE w:document [<!ENTITY ext SYSTEM "file:///etc/hostname">]>'
            return head + b"?>" + doctype + rest.replace("MARK".encode(), b"&ext;", 1)
        return data

    rewrite_zip(path, edit)
    from budgetaudit.readers import read

    source, _ = read(str(path))
    assert "&ext;公务接待费支出12.50万元" in source.text


def test_an_xls_of_more_formatted_blanks_than_the_cell_limit_is_read_without_them(tmp_path, monkeypatch):
    """Formatted blank cells past the limit of cells (a sheet of 16.7 million took a minute in xlrd): the
    workbook is read without cell formats, so the blanks are never built, and its figures are still read."""
    xlwt = pytest.importorskip("xlwt")
    from budgetaudit.readers import xls

    book = xlwt.Workbook()
    sheet = book.add_sheet("表1")
    for r, line in enumerate(LINES):
        sheet.write(r, 0, line)
    shaded = xlwt.easyxf("pattern: pattern solid, fore_colour yellow")
    for r in range(5, 45):
        for c in range(50):
            sheet.write(r, c, "", shaded)
    path = tmp_path / "blanks.xls"
    book.save(str(path))
    data = path.read_bytes()
    assert xls._blank_cells(data) == 2000
    monkeypatch.setattr(xls, "MAX_CELLS", 1000)
    source, _ = xls.read(str(path), data)
    assert "1207.84万元" in source.text and "1027.84万元" in source.text


def _peak_kib_of_check(path) -> int:
    """The peak resident memory (KiB) of `budgetaudit check PATH`, run alone in a fresh process."""
    probe = ("import resource, subprocess, sys; subprocess.run([sys.executable, '-m', 'budgetaudit', 'check', "
             f"{str(path)!r}, '--isolated'], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    return int(result.stdout.strip())


def test_a_pdf_of_many_pages_is_read_page_by_page(tmp_path):
    """The issue's 3,000 text pages took 935 MB (0.3 MB kept per page); each page is now let go once read, so
    600 pages take about what 100 do, in seconds."""
    pytest.importorskip("pdfplumber")
    reportlab = pytest.importorskip("reportlab")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    peaks = []
    for pages in (100, 600):
        path = tmp_path / f"p{pages}.pdf"
        page = canvas.Canvas(str(path))
        for k in range(pages):
            page.setFont("STSong-Light", 10)
            page.drawString(72, 720, f"第{k + 1}项支出{k + 100}.00万元，比上年增加{k + 1}.00万元。")
            page.showPage()
        page.save()
        started = time.monotonic()
        peaks.append(_peak_kib_of_check(path))
        assert time.monotonic() - started < SECONDS
    assert peaks[1] - peaks[0] < 40 * 1024, peaks  # 500 more pages kept at 0.3 MB each would be 150 MB more
