"""Section 6 of bench/bench.py: hostile files and settings (issue 21), each built in a temporary folder and
checked by the command line in a child process, with its wall time, peak memory and exit code.

Each case is the shape a probe found to exhaust memory, hang or raise: far-apart and merged cells, spans
of a billion, list numbers from 10**15, zip and Flate bombs, a PDF of many pages, a backtracking glob, a
FIFO, many waivers, a deeply nested baseline. The target: exit 0/1 (checked) or 2 (refused with one line),
in seconds, well under 1 GB.
"""

from __future__ import annotations

import io
import os
import pathlib
import re
import struct
import zipfile
import zlib

LINES = ["2024年度某某单位部门决算公开说明", "2024年度收入总计1207.84万元，支出总计1027.84万元。"]
BOMB_BYTES = 1 << 30  # what a zip member or a Flate stream expands to (about 1 MB stored)


def _rewrite_zip(path: pathlib.Path, edit, extra: dict | None = None) -> None:
    with zipfile.ZipFile(path) as book:
        members = [(info.filename, book.read(info)) for info in book.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members:
            out.writestr(name, edit(name, data))
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _bomb_member(path: pathlib.Path, name: str, head: bytes, tail: bytes) -> None:
    """Append a member of BOMB_BYTES (mostly spaces), compressed as it is written."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as book, book.open(name, "w", force_zip64=True) as member:
        member.write(head)
        block = b" " * (1 << 24)
        for _ in range(BOMB_BYTES // len(block)):
            member.write(block)
        member.write(tail)


def _xlsx(folder: pathlib.Path, far: bool = False, merges: str = "") -> pathlib.Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"] = LINES
    if far:
        sheet["XFD1048576"] = "1"
    sheet.merge_cells("C3:D4")
    path = folder / "case.xlsx"
    book.save(path)
    if merges:
        _rewrite_zip(path, lambda name, data: re.sub(rb"<mergeCells[^>]*>.*?</mergeCells>",
                                                     f"<mergeCells>{merges}</mergeCells>".encode(), data, flags=re.S)
                     if name.startswith("xl/worksheets/") else data)
    return path


def _docx(folder: pathlib.Path, numbered: int = 0, table: bool = False) -> pathlib.Path:
    import docx

    document = docx.Document()
    for line in LINES:
        document.add_paragraph(line)
    for _ in range(numbered):
        document.add_paragraph("第一项支出100.00万元。", style="List Number")
    if table:
        grid = document.add_table(rows=2, cols=2)
        grid.cell(0, 0).text, grid.cell(1, 1).text = "项目", "1207.84"
    path = folder / "case.docx"
    document.save(path)
    return path


def _numbering(path: pathlib.Path, fmt: str, start: int) -> None:
    def edit(name, data):
        if name != "word/numbering.xml":
            return data
        data = re.sub(rb'<w:numFmt w:val="[^"]*"/>', f'<w:numFmt w:val="{fmt}"/>'.encode(), data)
        return re.sub(rb'<w:start w:val="\d+"/>', f'<w:start w:val="{start}"/>'.encode(), data)

    _rewrite_zip(path, edit)


def _pdf(stream: bytes) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return bytes(out + b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)


def _flate_bomb() -> bytes:
    engine, block, parts = zlib.compressobj(9), b" " * (1 << 24), []
    for _ in range(BOMB_BYTES // len(block)):
        parts.append(engine.compress(block))
    return b"".join(parts) + engine.flush()


# Each builder writes its files into `folder` and returns the arguments of `budgetaudit`.
def xlsx_far_corner(folder):
    return ["check", str(_xlsx(folder, far=True))]


def xlsx_whole_sheet_merged(folder):
    return ["check", str(_xlsx(folder, merges='<mergeCell ref="A1:XFD1048576"/>'))]


def xlsx_five_million_merged(folder):
    return ["check", str(_xlsx(folder, merges="".join(f'<mergeCell ref="A{r}:E{r}"/>' for r in range(10, 1_000_010))))]


def xlsx_shared_strings_bomb(folder):
    path = _xlsx(folder)
    _rewrite_zip(path, lambda name, data: data)
    with zipfile.ZipFile(path) as book:
        kept = {info.filename: book.read(info) for info in book.infolist() if info.filename != "xl/sharedStrings.xml"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in kept.items():
            book.writestr(name, data)
    _bomb_member(path, "xl/sharedStrings.xml", b"<sst><si><t>", b"</t></si></sst>")
    return ["check", str(path)]


def docx_bomb(folder):
    path = _docx(folder)
    _bomb_member(path, "word/media/image1.bin", b"", b"")
    return ["check", str(path)]


def docx_grid_span(folder):
    path = _docx(folder, table=True)
    _rewrite_zip(path, lambda name, data: data.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="1000000000"/>', 1)
                 if name == "word/document.xml" else data)
    return ["check", str(path)]


def docx_roman_from_1e15(folder):
    path = _docx(folder, numbered=3)
    _numbering(path, "upperRoman", 10**15)
    return ["check", str(path)]


def docx_letters_from_1e10(folder):
    path = _docx(folder, numbered=3)
    _numbering(path, "lowerLetter", 10**10)
    return ["check", str(path)]


def html_spans(folder):
    rows = "".join(f'<tr><td rowspan="1000" colspan="1000">第{i}项</td><td>{i}.00</td></tr>' for i in range(200))
    path = folder / "case.html"
    path.write_text(f"<html><body><p>{LINES[0]}</p><p>{LINES[1]}</p><table>{rows}</table></body></html>", encoding="utf-8")
    return ["check", str(path)]


def xls_whole_sheet_merged(folder):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("s")
    sheet.write(0, 0, LINES[0])
    sheet.write(1, 0, LINES[1])
    sheet.merge(2, 3, 0, 1)
    path = folder / "case.xls"
    book.save(str(path))
    record = b"\xe5\x00\x0a\x00\x01\x00"
    path.write_bytes(path.read_bytes().replace(record + struct.pack("<HHHH", 2, 3, 0, 1),
                                               record + struct.pack("<HHHH", 2, 65535, 0, 255)))
    return ["check", str(path)]


def pdf_flate_bomb(folder):
    path = folder / "case.pdf"
    path.write_bytes(_pdf(_flate_bomb()))
    return ["check", str(path)]


def pdf_many_pages(folder, pages: int = 300):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = folder / "case.pdf"
    drawing = canvas.Canvas(str(path))
    for page in range(pages):
        drawing.setFont("STSong-Light", 10)
        for line in range(40):
            drawing.drawString(40, 800 - 18 * line, f"第{page}页第{line}行：基本支出{page + line}.00万元，较上年增加1.00万元。")
        drawing.showPage()
    drawing.save()
    return ["check", str(path)]


def backtracking_glob(folder):
    (folder / ("a" * 60 + ".txt")).write_text("\n".join(LINES), encoding="utf-8")
    return ["check", str(folder), "--include", "*a*a*a*a*a*a*a*a*a*a*a*a*c.txt", "--isolated"]


def fifo(folder):
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return ["check", str(path)]


def waivers_20000(folder):
    (folder / "d.txt").write_text("\n".join(LINES), encoding="utf-8")
    (folder / ".budgetaudit.toml").write_text("".join(
        f'[[waivers]]\nfingerprint = "{i:016x}"\nreason = "accepted"\npath = "*.txt"\n' for i in range(20_000)),
        encoding="utf-8")
    return ["check", str(folder / "d.txt")]


def baseline_nested(folder):
    (folder / "d.txt").write_text("\n".join(LINES), encoding="utf-8")
    (folder / "baseline.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return ["check", str(folder / "d.txt"), "--baseline", str(folder / "baseline.json"), "--isolated"]


def config_long_integer(folder):
    (folder / "d.txt").write_text("\n".join(LINES), encoding="utf-8")
    (folder / ".budgetaudit.toml").write_text("fail-on = " + "9" * 5000 + "\n", encoding="utf-8")
    return ["check", str(folder / "d.txt")]


def docx_lying_size(folder):
    """document.xml declares 5,000 bytes and inflates to 1 GB (zipfile inflates up to 2 GB before it cuts)."""
    path = _docx(folder)
    with zipfile.ZipFile(path) as book:
        members = [(info.filename, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in members:
            if name != "word/document.xml":
                book.writestr(name, data)
                continue
            head, tail = data.rsplit(b"</w:body>", 1)
            with book.open(name, "w") as member:
                member.write(head)
                for _ in range(BOMB_BYTES // (1 << 24)):
                    member.write(b" " * (1 << 24))
                member.write(b"</w:body>" + tail)
    data = bytearray(path.read_bytes())
    for signature, name_length_at, name_at, size_at in ((b"PK\x03\x04", 26, 30, 22), (b"PK\x01\x02", 28, 46, 24)):
        at = data.find(signature)
        while at >= 0:
            length = struct.unpack("<H", data[at + name_length_at:at + name_length_at + 2])[0]
            if data[at + name_at:at + name_at + length] == b"word/document.xml":
                struct.pack_into("<I", data, at + size_at, 5000)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return ["check", str(path)]


def xlsx_shared_string_fanout(folder):
    """200,000 cells naming one shared string of 10,000 characters: 2 GB of text from 400 KB."""
    path = _xlsx(folder)
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}" t="s"><v>0</v></c>' for c in "BCDEFGHIJK") + "</row>"
                   for r in range(10, 20_010))
    rel = (b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           b'sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    kind = (b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/></Types>')
    _rewrite_zip(path, lambda name, data: (
        data.replace(b"</sheetData>", rows.encode() + b"</sheetData>") if name.startswith("xl/worksheets/") else
        data.replace(b"</Relationships>", rel) if name == "xl/_rels/workbook.xml.rels" else
        data.replace(b"</Types>", kind) if name == "[Content_Types].xml" else data),
        {"xl/sharedStrings.xml": ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
                                  + "支出" * 5000 + "</t></si></sst>").encode()})
    return ["check", str(path)]


def fifo_as_config(folder):
    (folder / "d.txt").write_text("\n".join(LINES), encoding="utf-8")
    os.mkfifo(folder / "pipe.toml")
    return ["check", str(folder / "d.txt"), "--config", str(folder / "pipe.toml")]


CASES = [
    ("xlsx: cells A1 and XFD1048576", xlsx_far_corner),
    ("xlsx: one merged range A1:XFD1048576", xlsx_whole_sheet_merged),
    ("xlsx: 5 million merged cells", xlsx_five_million_merged),
    ("xlsx: sharedStrings expanding to 1 GB", xlsx_shared_strings_bomb),
    ("docx: a member expanding to 1 GB", docx_bomb),
    ("docx: gridSpan 10^9", docx_grid_span),
    ("docx: upper Roman numbering from 10^15", docx_roman_from_1e15),
    ("docx: letter numbering from 10^10", docx_letters_from_1e10),
    ("html: 200 cells of rowspan and colspan 1000", html_spans),
    ("xls: merged cells covering the sheet", xls_whole_sheet_merged),
    ("pdf: a Flate stream expanding to 1 GB", pdf_flate_bomb),
    ("pdf: 300 text pages (12,000 lines, each a change)", pdf_many_pages),
    ("--include *a*a*…*c.txt against a 60-character name", backtracking_glob),
    ("a FIFO named on the command line", fifo),
    ("20,000 waivers", waivers_20000),
    ("a baseline nested 100,000 deep", baseline_nested),
    ("a TOML integer of 5,000 digits", config_long_integer),
    ("docx: document.xml declaring 5,000 bytes, inflating to 1 GB", docx_lying_size),
    ("xlsx: one 10,000-character shared string under 200,000 cells", xlsx_shared_string_fanout),
    ("a FIFO named by --config", fifo_as_config),
]


def measure(build, folder: pathlib.Path, python: str, limit: float) -> dict:
    """Build one case in `folder` and run `budgetaudit` on it: wall seconds, peak RSS (MB), exit code and
    the first line of standard error; the input files' bytes are compared before and after."""
    import subprocess
    import tempfile
    import time

    args = build(folder)
    before = {p: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    started = time.perf_counter()
    errors = tempfile.TemporaryFile()  # not a pipe: a child writing more than a pipe holds would wait for ever
    peak = tempfile.NamedTemporaryFile(suffix=".status", delete=False)
    peak.close()
    # The child writes its own peak (VmHWM) as it exits: getrusage of a child also counts the memory of the
    # process it was forked from, here the bench, which built the case.
    wrapper = ("import atexit, runpy, sys\n"
               f"atexit.register(lambda: open({peak.name!r}, 'w').write(open('/proc/self/status').read()))\n"
               "sys.argv = ['budgetaudit', *sys.argv[1:]]\n"
               "runpy.run_module('budgetaudit', run_name='__main__')\n")
    process = subprocess.Popen([python, "-c", wrapper, *args], stdout=subprocess.DEVNULL, stderr=errors, cwd=folder)
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - started > limit:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            stopped = True
            break
        time.sleep(0.01)
    seconds = time.perf_counter() - started
    errors.seek(0)
    err = errors.read().decode("utf-8", "replace").strip().splitlines()
    errors.close()
    unchanged = all(p.read_bytes() == data for p, data in before.items())
    rss_mb = usage.ru_maxrss / 1024
    try:
        with open(peak.name, encoding="ascii") as report:
            rss_mb = next(int(line.split()[1]) for line in report if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):
        pass
    os.unlink(peak.name)
    return {"seconds": seconds, "rss_mb": rss_mb, "code": os.waitstatus_to_exitcode(status),
            "stopped": stopped, "first": err[0] if err else "", "lines": len(err), "unchanged": unchanged}
