"""The 审核意见 as a Word document (issue #17): one .docx per input, which a bureau edits and sends.

Title (单位, 年度, 公开类型), blank fields for 主送单位, 审核单位 and 日期, a numbered table of problems
(位置: the section or 附件, the page, the table row and the sentence or rows around the questioned figure,
never line:column; 问题 with the relations a root finding explains under it; 所列; 应为; 依据), then the
relations not checked. Fonts name an East Asian face (w:eastAsia), so Word and WPS show the Chinese in it.

A binary file per input, not text pieces: `output()` says where the files go (the -o path for one input, a
folder holding `<input stem>.docx` for several), and `file()` saves each document atomically as its report
arrives. python-docx (the `formats` extra) is imported only here. The same input gives the same bytes: the
core properties carry a fixed date and the zip is rewritten with fixed times, entries in order.

Findings across documents (crossdoc.py) are known only at the end of a run: each goes into the 审核意见 of
the file that owns it (the later document), after that file's own, its 位置 naming the partner's file, kind
and year. So the report of a file that may own one (a 预算 or 决算 of a known year) is kept, compressed, in a
spool until the end, and its document is written again there when it owns any.
"""

from __future__ import annotations

import datetime
import io
import os
import re
import zipfile

from ..escape import visible
from ..messages import section
from ..own_reports import DOCX_CATEGORY
from . import MissingExtra, Writer as _Writer
from .output import Output, OutputError, target_kind

BODY_FONT = ("Times New Roman", "宋体")  # (Latin, East Asian): 宋体 (SimSun) for the text
HEADING_FONT = ("Times New Roman", "黑体")  # 黑体 (SimHei) for the title and headings
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # every zip entry's time: the earliest a zip can say
WIDTHS_CM = (1.2, 4.4, 5.2, 2.0, 2.0, 2.2)  # 序号, 位置, 问题, 所列, 应为, 依据: 17 cm between 2 cm margins
UNCHECKED_WIDTHS_CM = (1.2, 8.0, 5.6, 2.2)  # 序号, 原因, 涉及数字, 依据
TABLE_PT, NOTE_PT = 10.5, 9  # 五号 in the tables, 小五 for context, consequences and notes (the text: 小四)
SIGNATURE_INDENT_CM = 9  # 审核单位 and 日期 stand on the right half of the page
FIGURES_SHOWN = 6  # figures listed for a relation not checked, then "and N more"
_CELL = " │ "  # how context.py joins the cells of a rebuilt table row
_FIGURE_CELL = re.compile(r"[-+−]?[\d,.]+\s*%?")
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")  # what visible() leaves that XML cannot hold


def _clean(text) -> str:
    """Disclosure text as a Word run may hold it: control characters shown as escapes."""
    return _NOT_XML.sub("\ufffd", visible(str(text)))


def _set_fonts(rpr, fonts: tuple[str, str]) -> None:
    """Name the Latin and East Asian faces in a run's or style's properties; theme fonts would override them."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = rpr.find(qn("w:rFonts"))
    if element is None:
        element = OxmlElement("w:rFonts")
        rpr.insert(0, element)
    for name in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        element.attrib.pop(qn(name), None)
    latin, east = fonts
    for name, face in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east), ("w:cs", latin)):
        element.set(qn(name), face)


def _styles(document) -> None:
    """A4 page, 宋体 text, 黑体 black title and headings, Chinese as the East Asian language."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults, BODY_FONT)
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    _set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    for name, size in (("Title", 18), ("Heading 1", 14)):
        style = document.styles[name]
        _set_fonts(style.element.get_or_add_rPr(), HEADING_FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        border = style.element.get_or_add_pPr().find(qn("w:pBdr"))
        if border is not None:
            border.getparent().remove(border)
    document.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.styles["Heading 1"].paragraph_format.space_before = Pt(12)
    document.styles["Heading 1"].paragraph_format.space_after = Pt(6)
    page = document.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.left_margin = page.right_margin = Cm(2)
    page.top_margin = page.bottom_margin = Cm(2.5)


def _fixed(data: bytes) -> bytes:
    """The package rewritten with fixed times and its entries in order ([Content_Types].xml first)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            target.writestr(info, source.read(name))
    return out.getvalue()


def row_place(lines) -> tuple[str, str]:
    """(the row label, the column name) of a table finding from its context rows (header, the marked row,
    total): the row's cells before the questioned one up to the first figure, and the header's cell above it."""
    marked = next((line for line in lines if line.mark_start >= 0 and _CELL in line.text), None)
    if marked is None:
        return "", ""
    before = marked.text[: marked.mark_start].split(_CELL)
    index = len(before) - 1
    label = []
    for k, cell in enumerate(before[:-1]):
        cell = cell.strip()
        if k and _FIGURE_CELL.fullmatch(cell):
            break
        if cell:
            label.append(cell)
    header = lines[0].text.split(_CELL) if lines[0] is not marked else []
    name = header[index].strip() if len(header) == len(marked.text.split(_CELL)) else ""
    return " ".join(label), "" if name.isdigit() else name


class Memo:
    """One input's 审核意见, built as a python-docx Document."""

    def __init__(self, report, options) -> None:
        import docx

        self.report = report
        self.lang = getattr(options, "lang", "zh")
        self.words = section(self.lang, "docx")
        self.severities = section(self.lang, "severity")
        self.rules = {rule.code: rule for rule in getattr(options, "rules", ())}
        self.document = docx.Document()
        _styles(self.document)

    def kind(self) -> str:
        return self.words.get(self.report.kind, self.words["unknown"])

    def title(self) -> str:
        report, words = self.report, self.words
        entity = words["title_entity"].format(entity=report.entity) if report.entity else ""
        year = words["year"].format(year=report.year) if report.year else ""
        return words["title"].format(entity=entity, year=year, kind=self.kind())

    def build(self) -> bytes:
        report, words, document = self.report, self.words, self.document
        title = _clean(self.title())
        document.add_paragraph(title, style="Title")
        self.blank(words["recipient"])
        if report.entity:
            document.add_paragraph(_clean(words["entity"] + report.entity))
        else:
            self.blank(words["entity"])  # the title could not tell it: filled in by hand
        for label, value in ((words["year_label"], str(report.year or "")), (words["kind"], self.kind()),
                             (words["file"], report.path)):
            if value:
                document.add_paragraph(_clean(label + value))
        document.add_paragraph(words["intro"].format(checked=report.checked, count=len(report.findings),
                                                     unchecked=len(report.unchecked), **report.counts()))
        document.add_heading(words["problems"], level=1)
        if report.findings:
            self.problems()
            _run(document.add_paragraph(), words["note"], NOTE_PT)
        else:
            document.add_paragraph(words["none"])
        document.add_heading(words["not_checked"], level=1)
        if report.unchecked:
            self.not_checked()
        else:
            document.add_paragraph(words["all_checked"])
        document.add_paragraph(words["closing"])
        for label in (words["reviewer"], words["date"]):
            self.blank(label, indent=SIGNATURE_INDENT_CM)
        properties = document.core_properties
        properties.title, properties.author, properties.comments = title, "budgetaudit", ""
        properties.category = DOCX_CATEGORY  # a folder walk knows the file for a report, not a disclosure
        properties.last_modified_by, properties.revision = "budgetaudit", 1
        properties.created = properties.modified = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
        out = io.BytesIO()
        document.save(out)
        return _fixed(out.getvalue())

    def blank(self, label: str, indent: float = 0):
        """A label and a line to fill in by hand (indented, not right-aligned: a line's trailing blank would hang)."""
        from docx.shared import Cm

        paragraph = self.document.add_paragraph(label)
        paragraph.add_run("\u3000" * 12).font.underline = True
        if indent:
            paragraph.paragraph_format.left_indent = Cm(indent)
        return paragraph

    def table(self, headers: list[str], widths: tuple[float, ...]):
        from docx.oxml import OxmlElement
        from docx.shared import Cm

        table = self.document.add_table(rows=1, cols=len(headers), style="Table Grid")
        table.autofit = False
        for k, width in enumerate(widths):
            table.columns[k].width = Cm(width)
        row = table.rows[0]
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
        for cell, text, width in zip(row.cells, headers, widths):
            cell.width = Cm(width)
            _run(cell.paragraphs[0], text, bold=True)
        return table

    def add_row(self, table, widths: tuple[float, ...]):
        from docx.shared import Cm

        cells = table.add_row().cells
        for cell, width in zip(cells, widths):
            cell.width = Cm(width)
        return cells

    def problems(self) -> None:
        words = self.words
        headers = [words[key] for key in ("number", "position", "problem", "stated", "expected", "basis")]
        table = self.table(headers, WIDTHS_CM)
        for number, finding in enumerate(self.report.findings, 1):
            cells = self.add_row(table, WIDTHS_CM)
            _run(cells[0].paragraphs[0], str(number))
            self.position(cells[1], finding)
            self.problem(cells[2], finding)
            _run(cells[3].paragraphs[0], finding.stated)
            _run(cells[4].paragraphs[0], finding.expected)
            self.basis(cells[5], finding.code, finding.severity)

    def position(self, cell, finding) -> None:
        """The section, the page or sheet, the table row and column, then the sentence or rows in context."""
        words = self.words
        lines: list[str] = []
        if finding.section:
            lines.append(finding.section)
        span = finding.locations[0].span if finding.locations else None
        where = []
        if span is not None and span.page is not None:
            where.append(words["page"].format(page=span.page))
        if span is not None and span.sheet is not None:
            where.append(words["sheet"].format(sheet=span.sheet))
        if span is not None and span.cell is not None:
            where.append(words["cell"].format(cell=span.cell))
        if where:
            lines.append(section(self.lang, "report")["comma"].join(where))
        partner = next((location.file for location in finding.locations if location.role == "partner" and location.file), "")
        if partner:
            lines.append(words["partner_file"].format(file=partner, partner=finding.partner))
        label, column = row_place(finding.context)
        if label:
            lines.append(words["row"].format(label=label))
        if column:
            lines.append(words["column"].format(name=column))
        if not lines and not finding.context:
            lines.append(words["whole"])
        paragraphs = _paragraphs(cell)
        for text in lines:
            _run(next(paragraphs), text)
        for line in finding.context:
            paragraph = next(paragraphs)
            parts = line.parts() or (line.text, "", "")
            for piece, marked in zip(parts, (False, True, False)):
                if piece:
                    _run(paragraph, piece, NOTE_PT, bold=marked, underline=marked)

    def problem(self, cell, finding) -> None:
        """The message, and under a root finding the failed relations its correction explains."""
        from docx.shared import Cm

        paragraphs = _paragraphs(cell)
        _run(next(paragraphs), finding.message)
        if finding.consequences:
            _run(next(paragraphs), self.words["explains"], NOTE_PT)
        for k, consequence in enumerate(finding.consequences, 1):
            paragraph = next(paragraphs)
            paragraph.paragraph_format.left_indent = Cm(0.4)
            _run(paragraph, f"（{k}）{consequence.code} {consequence.message}", NOTE_PT)

    def basis(self, cell, code: str, severity: str | None) -> None:
        """The rule's code, what it asks (its summary) and, for a finding, its severity."""
        rule = self.rules.get(code)
        paragraphs = _paragraphs(cell)
        _run(next(paragraphs), code, bold=True)
        name = (rule.text("summary", self.lang) or rule.name) if rule is not None else ""
        if name:
            _run(next(paragraphs), name, NOTE_PT)
        if severity:
            _run(next(paragraphs), self.words["severity"].format(severity=self.severities.get(severity, severity)),
                 NOTE_PT)

    def not_checked(self) -> None:
        words = self.words
        headers = [words["number"], words["reason"], words["figures"], words["basis"]]
        table = self.table(headers, UNCHECKED_WIDTHS_CM)
        comma = "、" if self.lang == "zh" else ", "
        for number, item in enumerate(self.report.unchecked, 1):
            cells = self.add_row(table, UNCHECKED_WIDTHS_CM)
            _run(cells[0].paragraphs[0], str(number))
            _run(cells[1].paragraphs[0], item.reason)
            texts = [location.span.text for location in item.locations]
            shown = comma.join(texts[:FIGURES_SHOWN])
            if len(texts) > FIGURES_SHOWN:
                shown += words["more"].format(count=len(texts) - FIGURES_SHOWN)
            _run(cells[2].paragraphs[0], shown)
            self.basis(cells[3], item.code, None)


def _paragraphs(cell):
    """A cell's first paragraph (a new cell has one, empty), then new ones."""
    yield cell.paragraphs[0]
    while True:
        yield cell.add_paragraph()


def _run(paragraph, text: str, size: float | None = None, bold: bool = False, underline: bool = False):
    """Text added to a paragraph, in table size unless told."""
    from docx.shared import Pt

    run = paragraph.add_run(_clean(text))
    run.font.size = Pt(TABLE_PT if size is None else size)
    if bold:
        run.bold = True
    if underline:
        run.underline = True
    return run


def document_bytes(report, options=None) -> bytes:
    """One report's 审核意见 as the bytes of a .docx file (the same report, the same bytes)."""
    return Memo(report, options).build()


class Writer(_Writer):
    """One .docx per readable input, saved atomically as its report arrives (an unreadable input gets none)."""

    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        try:
            import docx  # noqa: F401
        except ImportError:
            raise MissingExtra("Word .docx") from None
        self.path: str | None = None
        self.folder = False
        self.inputs: list[str] = []
        self.taken: set[str] = set()
        # Reports that may own findings across documents: (target, offset, length) of each in `kept`.
        self.kept = None
        self.places: dict[str, tuple[str, int, int]] = {}

    def output(self, path: str | None, inputs=()) -> Output:
        """The -o path: the file for one input, else a folder (made when missing) for one file per input. The
        writer saves its files itself: its text pieces, all empty, go to a stream nobody reads."""
        if path is None:
            raise OutputError(0, "the docx format needs -o")
        inputs = list(inputs)
        self.path, self.inputs = path, [item for item in inputs if item != "-"]
        self.folder = len(inputs) != 1 or path.endswith(("/", os.sep)) or os.path.isdir(path)
        if self.folder and os.path.lexists(path) and not os.path.isdir(path):
            raise OutputError(0, "is not a folder (several inputs: one .docx each goes into a folder)", path)
        if not self.folder:
            target_kind(path, self.inputs)  # refused before the work, not after it
        self.taken = {_key(item) for item in self.inputs}  # a report never takes an input's name
        return Output(None, stream=io.StringIO())

    def target(self, input_path: str) -> str:
        """Where an input's document goes: the -o file, or `<stem>.docx` in the folder, `<stem>-2.docx` and on
        for a name already taken (inputs come in path order, so the names are the same on every run)."""
        assert self.path is not None
        if not self.folder:
            return self.path
        stem = "stdin" if input_path == "-" else os.path.splitext(os.path.basename(input_path))[0] or "report"
        name, number = os.path.join(self.path, f"{stem}.docx"), 1
        while _key(name) in self.taken:
            number += 1
            name = os.path.join(self.path, f"{stem}-{number}.docx")
        self.taken.add(_key(name))
        return name

    def file(self, report) -> str:
        if report.error:
            return ""
        data = document_bytes(report, self.options)
        target = self.target(report.path)
        with Output(target, inputs=self.inputs) as out:
            out.write_bytes(data)
        if self.folder and report.year is not None and report.kind in ("budget", "final_account"):
            self._keep(target, report)
        return ""

    def _keep(self, target: str, report) -> None:
        import pickle
        import tempfile
        import zlib

        if self.kept is None:
            self.kept = tempfile.SpooledTemporaryFile(max_size=1 << 20)
        data = zlib.compress(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
        self.kept.seek(0, 2)
        self.places[report.path] = (target, self.kept.tell(), len(data))
        self.kept.write(data)

    def end(self, totals):
        """Each owner's 审核意见 written again with its findings across documents after its own."""
        import pickle
        import zlib

        for across in totals.cross_document:
            place = self.places.get(across.path)
            if place is None or self.kept is None:
                continue
            target, offset, length = place
            self.kept.seek(offset)
            report = pickle.loads(zlib.decompress(self.kept.read(length)))
            report.findings = report.findings + across.findings
            report.checked += across.checked
            data = document_bytes(report, self.options)
            with Output(target, inputs=self.inputs) as out:
                out.write_bytes(data)
        return ()

    def close(self) -> None:
        if self.kept is not None:
            self.kept.close()
            self.kept = None


def _key(path: str) -> str:
    """A path as a file system that ignores case may see it."""
    return os.path.normcase(os.path.abspath(path)).casefold()
