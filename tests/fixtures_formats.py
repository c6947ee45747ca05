"""Write a text disclosure into .docx, .xlsx, .xls, .html and .pdf, as a publisher would.

The text is cut into prose lines and tables by budgetaudit's own text table reader; each table
becomes a real grid: a title row across the table, a header whose merged cells follow the column
paths the reader rebuilt (2026年预算数 over 总计/基本支出/项目支出 is one cell three columns
wide; a column without sub-columns spans the header's rows), and the body with every cell in its
column. A cell the text reader could only narrow to several columns is put in the first column
its row allows. Amounts are written as numbers with a number format of their printed decimals
in the spreadsheets, one sheet per attachment; the PDF has ruled tables and the Chinese text in
reportlab's built-in STSong-Light font (no font file needed).

Nothing here is committed as a binary: every file is written at test time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from budgetaudit.figures import parse_number
from budgetaudit.source import Source, load
from budgetaudit.tables import blocks, build
from budgetaudit.tables.header import is_code, is_unit_row, split_titles
from budgetaudit.tables.model import UNCERTAIN


@dataclass
class Cell:
    text: str
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False

    @property
    def number(self) -> tuple[float | int, str] | None:
        """The value to store in a spreadsheet and its number format, for an amount."""
        text = self.text.strip()
        if self.header or not text or is_code(text) or text.startswith("0") and not text.startswith("0."):
            return None
        parsed = parse_number(text)
        if parsed is None:
            return None
        _, decimals = parsed
        plain = text.replace(",", "")
        value: float | int = float(plain) if decimals else int(plain)
        fmt = ("#,##0" if "," in text else "0") + ("." + "0" * decimals if decimals else "")
        return value, fmt


@dataclass
class Grid:
    cells: list[Cell]
    height: int
    width: int
    heading: str = ""  # the 附件 line printed above it, if any
    uncertain: list[str] = field(default_factory=list)  # figures the text reader left without a column


def model_of(source: Source) -> list:
    """The document as ("p", text) lines and Grids, in reading order."""
    lines = source.text.splitlines()
    found = []
    for block in blocks.find(source.lines()):
        parts = [p for p in split_titles(block.rows) if p[2]]
        for (title, title_cell, rows), built in zip(parts, build.build(source, block)):
            found.append((built, title if title_cell is not None else "", rows))
    items: list = []
    line = 1
    for built, title, rows in sorted(found, key=lambda f: f[0].table.first_line):
        table = built.table
        while line < table.first_line:
            items.append(("p", lines[line - 1]))
            line += 1
        items.append(_grid(built, title, rows))
        line = table.last_line + 1
    while line <= len(lines):
        items.append(("p", lines[line - 1]))
        line += 1
    for index, item in enumerate(items):
        if isinstance(item, Grid):
            for back in range(index - 1, max(-1, index - 4), -1):
                if isinstance(items[back], tuple) and re.match(r"\s*(附件|附表)\s*[\d一二三四五六七八九十-]+", items[back][1]):
                    item.heading = re.match(r"\s*((?:附件|附表)\s*[\d一二三四五六七八九十-]+)", items[back][1]).group(1)
                    break
    return items


def _grid(built, title: str, rows) -> Grid:
    table = built.table
    cells: list[Cell] = []
    r = 0
    width = max(table.width, 1)
    if title:
        cells.append(Cell(title, r, 0, 1, width, header=True))
        r += 1
    if not built.financial:
        # A layout that dropped blank cells (pipe lines) printed a row's cells from the left; in the
        # grid, a short row of an indicator table stands under the right-hand columns (the cells on
        # its left are merged down from the rows above).
        positional = table.layout not in ("pipe_lines",)
        for row in table.rows:
            printed = [cell for cell in row.cells if cell.text]
            shift = 0 if positional or len(printed) < 2 else width - len(printed)
            for c, cell in enumerate(row.cells if positional or len(printed) < 2 else printed):
                if cell.text:
                    cells.append(Cell(cell.text, r, c + shift))
            r += 1
        return Grid(cells, r, width)
    for raw in rows:
        if is_unit_row(raw):
            texts = [c.text for c in raw if c.text]
            if texts and all(t.strip() for t in texts):
                cells.append(Cell(texts[0], r, 0, 1, width if len(texts) == 1 else 1, header=True))
                if len(texts) > 1:
                    cells.append(Cell(texts[-1], r, width - 1, header=True))
                r += 1
            break
    depth = max(len(c.path) for c in table.columns)
    for level in range(depth):
        c = 0
        while c < width:
            path = table.columns[c].path
            if len(path) <= level:
                c += 1
                continue
            end = c + 1
            while end < width and table.columns[end].path[: level + 1] == path[: level + 1] and len(table.columns[end].path) > level:
                end += 1
            rowspan = depth - level if len(path) == level + 1 else 1
            if len(path) == level + 1 and end - c > 1:
                end = c + 1  # a leaf never spans columns
            cells.append(Cell(path[level], r + level, c, rowspan, end - c, header=True))
            c = end
    r += depth
    uncertain = []
    for row in table.rows:
        placed: dict[int, str] = {}
        last = -1
        for cell in row.printed:
            if cell.state == UNCERTAIN:
                free = [k for k in cell.candidates if k > last and not any(other is not cell and other.text and other.state != UNCERTAIN for other in [row.cells[k]])]
                column = free[0] if free else cell.candidates[-1]
                uncertain.append(cell.text)
            else:
                column = next((k for k, other in enumerate(row.cells) if other is cell), None)
                if column is None:
                    continue
            if cell.text and column not in placed:
                placed[column] = cell.text
            last = max(last, column)
        for column, text in placed.items():
            cells.append(Cell(text, r, column))
        r += 1
    return Grid(cells, r, width, uncertain=uncertain)


def seed_model(path) -> list:
    return model_of(load(str(path)))


# ----------------------------------------------------------------------------- writers


def write_docx(items: list, path) -> None:
    import docx

    document = docx.Document()
    for item in items:
        if isinstance(item, tuple):
            document.add_paragraph(_xml_safe(item[1]))
            continue
        table = document.add_table(rows=item.height, cols=item.width)
        table.style = "Table Grid"
        rows = [table.rows[r].cells for r in range(item.height)]
        for cell in item.cells:
            target = rows[cell.row][cell.column]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(rows[cell.row + cell.rowspan - 1][cell.column + cell.colspan - 1])
            target.text = _xml_safe(cell.text)
    document.save(str(path))


def _xml_safe(text: str) -> str:
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text)


def write_html(items: list, path, encoding: str = "utf-8") -> None:
    out = [f'<!DOCTYPE html>\n<html><head><meta charset="{encoding}"><title>公开</title></head><body>']
    for item in items:
        if isinstance(item, tuple):
            out.append(f"<p>{html.escape(item[1])}</p>")
            continue
        out.append('<table border="1">')
        origin = {(c.row, c.column): c for c in item.cells}
        covered = {(r, k) for c in item.cells for r in range(c.row, c.row + c.rowspan) for k in range(c.column, c.column + c.colspan)}
        for r in range(item.height):
            out.append("<tr>")
            for k in range(item.width):
                cell = origin.get((r, k))
                if cell is None:
                    if (r, k) not in covered:
                        out.append("<td></td>")
                    continue
                tag = "th" if cell.header else "td"
                spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
                out.append(f"<{tag}{spans}>{html.escape(cell.text)}</{tag}>")
            out.append("</tr>")
        out.append("</table>")
    out.append("</body></html>")
    path.write_bytes("\n".join(out).encode(encoding, "replace"))


def _sheets(items: list) -> list[tuple[str, list]]:
    """One sheet for the prose before the first table, then one per table (prose around it included)."""
    sheets: list[tuple[str, list]] = [("说明", [])]
    pending: list = []
    names: set[str] = {"说明"}
    for item in items:
        if isinstance(item, tuple):
            pending.append(item)
            continue
        if len(sheets) == 1 and not any(isinstance(i, Grid) for i in sheets[0][1]):
            sheets[0][1].extend(pending)
            pending = []
        name = re.sub(r"[\[\]:*?/\\]", "", item.heading or f"表{len(sheets)}")[:31] or f"表{len(sheets)}"
        while name in names:
            name = f"{name[:28]}_{len(sheets)}"
        names.add(name)
        sheets.append((name, pending + [item]))
        pending = []
    if pending:
        sheets[-1][1].extend(pending)
    return [s for s in sheets if s[1]]


def _sheet_rows(content: list):
    """(row, Cell or text) placements of a sheet, 0-based; an empty row stands between prose and a table."""
    r = 0
    previous = None
    for item in content:
        if isinstance(item, tuple):
            if isinstance(previous, Grid):
                r += 1
            if item[1].strip():
                yield r, item[1]
                r += 1
        else:
            if previous is not None:
                r += 1
            yield r, item
            r += item.height
        previous = item


def write_xlsx(items: list, path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, content in _sheets(items):
        sheet = book.create_sheet(name)
        for r, item in _sheet_rows(content):
            if isinstance(item, str):
                sheet.cell(r + 1, 1, _xml_safe(item))
                continue
            for cell in item.cells:
                number = cell.number
                target = sheet.cell(r + cell.row + 1, cell.column + 1, number[0] if number else _xml_safe(cell.text))
                if number:
                    target.number_format = number[1]
                if cell.rowspan > 1 or cell.colspan > 1:
                    sheet.merge_cells(
                        start_row=r + cell.row + 1, start_column=cell.column + 1,
                        end_row=r + cell.row + cell.rowspan, end_column=cell.column + cell.colspan,
                    )
    book.save(str(path))


def write_xls(items: list, path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, object] = {}
    for name, content in _sheets(items):
        sheet = book.add_sheet(name)
        for r, item in _sheet_rows(content):
            if isinstance(item, str):
                sheet.write(r, 0, item[:32767])
                continue
            for cell in item.cells:
                number = cell.number
                value = number[0] if number else cell.text
                style = styles.setdefault(number[1], xlwt.easyxf(num_format_str=number[1])) if number else xlwt.Style.default_style
                top, left = r + cell.row, cell.column
                if cell.rowspan > 1 or cell.colspan > 1:
                    sheet.write_merge(top, top + cell.rowspan - 1, left, left + cell.colspan - 1, value, style)
                else:
                    sheet.write(top, left, value, style)
    book.save(str(path))


def write_pdf(items: list, path, scanned_page: bool = False) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    prose = ParagraphStyle("prose", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    small = ParagraphStyle("cell", fontName="STSong-Light", fontSize=6, leading=7.5, wordWrap="CJK")
    page = landscape(A4)
    document = SimpleDocTemplate(str(path), pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=12 * mm, bottomMargin=12 * mm)
    usable = page[0] - 30 * mm
    story: list = []
    for item in items:
        if isinstance(item, tuple):
            text = item[1].replace("\t", "    ")
            story.append(Paragraph(html.escape(text), prose) if text.strip() else Spacer(1, 4))
            continue
        data = [["" for _ in range(item.width)] for _ in range(item.height)]
        commands = [
            ("FONT", (0, 0), (-1, -1), "STSong-Light", 6),
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
        for cell in item.cells:
            data[cell.row][cell.column] = cell.text if cell.number or len(cell.text) < 4 else Paragraph(html.escape(cell.text), small)
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(("SPAN", (cell.column, cell.row), (cell.column + cell.colspan - 1, cell.row + cell.rowspan - 1)))
        table = Table(data, colWidths=[usable / item.width] * item.width)
        table.setStyle(TableStyle(commands))
        story.append(Spacer(1, 6))
        story.append(table)
        story.append(Spacer(1, 6))
    if scanned_page:
        story.append(PageBreak())
        story.append(_Image())
        story.append(PageBreak())
        story.append(Paragraph("以上为扫描页。", prose))
    document.build(story)


def _Image():
    """A page that is only an image (a scanned page): a tiny raster, drawn without any text."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Flowable

    class Scan(Flowable):
        def wrap(self, width, height):
            return 200, 200

        def draw(self):
            self.canv.drawImage(ImageReader(io.BytesIO(_png())), 0, 0, 200, 200)

    return Scan()


def _png() -> bytes:
    """A 2×2 grey PNG, built with zlib (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\x80\x80" for _ in range(2))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


WRITERS = {"docx": write_docx, "xlsx": write_xlsx, "xls": write_xls, "html": write_html, "pdf": write_pdf}
