"""PDFs as departments publish them, written with reportlab at test time (nothing binary committed).

`write_pages` prints the same document model as tests/fixtures_formats.py (prose lines and Grids)
with the choices a publisher makes: tables with or without ruling lines, cells centred vertically
(Word's habit in published tables) or set at the top, labels wrapped in a narrow column, the header
rows repeated on every page a table runs onto, and a running header and footer with the page number
drawn on every page. Everything is deterministic: same model, same bytes but for reportlab's own ids.
"""

from __future__ import annotations

import html

from budgetaudit.figures import parse_number
from fixtures_formats import Grid

RUNNING_HEADER = "某某区财政局2026年部门预算公开"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def write_pages(items: list, path, *, ruled: bool = False, valign: str = "MIDDLE", chrome: bool = True,
                widths: dict | None = None, page_break_before: tuple[int, ...] = (), portrait: bool = False,
                size: float = 8) -> None:
    """`widths`: {grid index: column widths in points} (a narrow column wraps its cells);
    `page_break_before`: indexes of items that start a new page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    prose = ParagraphStyle("prose", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    cell_style = ParagraphStyle("cell", fontName=font, fontSize=size, leading=size * 1.25, wordWrap="CJK")
    page = A4 if portrait else landscape(A4)

    def chrome_of(canvas, document) -> None:
        if not chrome:
            return
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawCentredString(page[0] / 2, page[1] - 10 * mm, RUNNING_HEADER)
        canvas.drawCentredString(page[0] / 2, 8 * mm, f"第{document.page}页")
        canvas.restoreState()

    document = SimpleDocTemplate(str(path), pagesize=page, leftMargin=20 * mm, rightMargin=20 * mm,
                                 topMargin=20 * mm, bottomMargin=20 * mm, invariant=1)
    usable = page[0] - 40 * mm
    story: list = []
    grids = 0
    for index, item in enumerate(items):
        if index in page_break_before:
            story.append(PageBreak())
        if isinstance(item, tuple):
            story.append(Paragraph(html.escape(item[1]), prose) if item[1].strip() else Spacer(1, 4))
            continue
        assert isinstance(item, Grid)
        data: list[list] = [["" for _ in range(item.width)] for _ in range(item.height)]
        commands = [("FONT", (0, 0), (-1, -1), font, size), ("VALIGN", (0, 0), (-1, -1), valign),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER")]
        if ruled:
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
        header_rows = 0
        for cell in item.cells:
            if cell.header:
                header_rows = max(header_rows, cell.row + cell.rowspan)
        for cell in item.cells:
            # An amount is right-aligned, even one that reads like a code (500) when it is not in the codes' first column.
            numeric = cell.number is not None or (not cell.header and cell.column > 0 and parse_number(cell.text.strip()) is not None)
            if numeric:
                commands.append(("ALIGN", (cell.column, cell.row), (cell.column, cell.row), "RIGHT"))
                data[cell.row][cell.column] = cell.text
            elif not cell.header:
                commands.append(("ALIGN", (cell.column, cell.row), (cell.column, cell.row), "LEFT"))
                data[cell.row][cell.column] = Paragraph(html.escape(cell.text), cell_style)
            else:
                data[cell.row][cell.column] = Paragraph(html.escape(cell.text), ParagraphStyle(
                    "head", parent=cell_style, alignment=1))
            if cell.rowspan > 1 or cell.colspan > 1:
                commands.append(("SPAN", (cell.column, cell.row), (cell.column + cell.colspan - 1, cell.row + cell.rowspan - 1)))
        col_widths = (widths or {}).get(grids) or [usable / item.width] * item.width
        grids += 1
        # The header rows are printed again on every page the table runs onto; a title row across the table is not.
        titled = any(c.header and c.row == 0 and c.colspan == item.width for c in item.cells) and header_rows > 1
        table = Table(data, colWidths=col_widths, repeatRows=tuple(range(1, header_rows)) if titled else header_rows)
        table.setStyle(TableStyle(commands))
        story += [Spacer(1, 6), table, Spacer(1, 6)]
    document.build(story, onFirstPage=chrome_of, onLaterPages=chrome_of)


def write_docx_pages(items: list, path, *, ruled: bool = True, size: float = 7) -> None:
    """The document as a publisher sets it in Word: the tests' .docx (tests/fixtures_formats.py) on
    landscape pages with 1.5 cm margins, its tables in a small font, with their grid or without
    any border (Word's plain table style), for LibreOffice to print to PDF."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    from fixtures_formats import write_docx

    write_docx(items, path)
    document = docx.Document(str(path))
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(1.5)
    for table in document.tables:
        if not ruled:
            table.style = document.styles["Normal Table"]
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.space_after = Pt(0)  # tables set tight, as published
                    for run in paragraph.runs:
                        run.font.size = Pt(size)
    document.save(str(path))
