"""What a reviewer reads around a finding: the sentence its questioned figure stands in (at most 80 display
columns around the figure, cut with …), or the rows of the rebuilt table it stands in (the header, its row and
the table's total row); and the section it belongs to: a table finding under its table's title (附件2 …表), a
prose finding under the nearest heading outside a table (a table's row labels, 一、本年收入, are no headings).
"""

from __future__ import annotations

import bisect
from typing import Final

from .document import Document
from .report import ContextLine, Finding
from .source import Source
from .tables.model import NIL
from .words import default_words

WIDTH: Final = 80  # display columns of a sentence shown around its figure (a CJK character is two)
_SENTENCE_ENDS: Final = "。！？!?"  # a semicolon joins clauses of one sentence: the 80 columns cut it where long
_TOTAL_WORDS: Final = default_words().whole_endings  # 合计, 总计: a table's total row
ELLIPSIS: Final = "…"

def attach(document: Document, findings: list[Finding], heads: list[tuple[int, str]]) -> None:
    """Set each finding's context and section (heads: the document's headings, sections() of the engine)."""
    tables = sorted(document.tables, key=lambda t: t.first_line)
    firsts = [t.first_line for t in tables]
    outside = [(line, text) for line, text in heads if _table_at(tables, firsts, line) is None]
    head_lines = [line for line, _ in outside]
    indexes: dict[int, _TableIndex] = {}  # each table's rows by line, built when a finding stands in it
    for finding in findings:
        if not finding.locations:
            continue
        span = finding.locations[0].span
        table = _table_at(tables, firsts, span.line)
        index = bisect.bisect_right(head_lines, table.first_line if table is not None else span.line) - 1
        finding.section = outside[index][1] if index >= 0 else ""
        if finding.subject:
            continue  # a document-level finding (a section or table missing) stands at the title: nothing around it
        if table is not None:
            finding.section = table.title or finding.section
            rows = indexes.get(id(table))
            if rows is None:
                rows = indexes[id(table)] = _TableIndex(table)
            finding.context = _table_rows(rows, rows.cell(span.line, span.column))
        else:
            line = _sentence(document.source, span)
            finding.context = [line] if line is not None else []


def _table_at(tables, firsts: list[int], line: int):
    index = bisect.bisect_right(firsts, line) - 1
    if index >= 0 and tables[index].first_line <= line <= tables[index].last_line:
        return tables[index]
    return None


def width(text: str) -> int:
    """Display columns: two for each wide character (CJK, full-width forms)."""
    if text.isascii():
        return len(text)
    columns = 0
    for ch in text:
        columns += _char_width(ch)
    return columns


def _char_width(ch: str) -> int:
    """The display width of one character: two for the wide ranges (CJK, Hangul, full-width forms)."""
    o = ord(ch)
    if o < 0x1100:
        return 1
    if (o <= 0x115F or 0x2E80 <= o <= 0x303E or 0x3041 <= o <= 0x33FF or 0x3400 <= o <= 0x4DBF
            or 0x4E00 <= o <= 0x9FFF or 0xA000 <= o <= 0xA4CF or 0xAC00 <= o <= 0xD7A3 or 0xF900 <= o <= 0xFAFF
            or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFF60 or 0xFFE0 <= o <= 0xFFE6):
        return 2
    return 1


def _sentence(source: Source, span) -> ContextLine | None:
    starts = source.line_starts
    if not 1 <= span.line <= len(starts):
        return None
    text = source.text
    line_start = starts[span.line - 1]
    line_end = starts[span.line] - 1 if span.line < len(starts) else len(text)
    while line_end > line_start and text[line_end - 1] in "\r\n":
        line_end -= 1
    start = line_start + span.column - 1
    end = start + len(span.text) if span.end_line == span.line else line_end
    if not line_start <= start <= end <= line_end:
        return None
    # Looked for within WIDTH characters of the figure: a sentence longer than that is cut there anyway.
    low, high = max(line_start, start - WIDTH), min(line_end, end + WIDTH)
    begin, finish = low, high
    stopped = False
    for ch in _SENTENCE_ENDS:
        begin = max(begin, text.rfind(ch, low, start) + 1)
        at = text.find(ch, end, high)
        if 0 <= at < finish:
            finish, stopped = at + 1, True
    while begin < start and text[begin].isspace():
        begin += 1
    cut_left, cut_right = begin == low and low > line_start, not stopped and high < line_end
    line = _cut(text[begin:finish].rstrip(), start - begin, end - begin)
    if cut_left and not line.text.startswith(ELLIPSIS):
        line = ContextLine(ELLIPSIS + line.text, line.mark_start + 1, line.mark_end + 1)
    if cut_right and not line.text.endswith(ELLIPSIS):
        line = ContextLine(line.text + ELLIPSIS, line.mark_start, line.mark_end)
    return line


def _cut(text: str, start: int, end: int) -> ContextLine:
    """The text around text[start:end] in at most WIDTH display columns, cut with … where it is cut."""
    if width(text) <= WIDTH:
        return ContextLine(text, start, end)
    budget = WIDTH - width(text[start:end]) - 2 * width(ELLIPSIS)
    left, right = start, end
    while budget > 0 and (left > 0 or right < len(text)):
        moved = False
        if right < len(text) and _char_width(text[right]) <= budget:
            budget -= _char_width(text[right])
            right += 1
            moved = True
        if left > 0 and _char_width(text[left - 1]) <= budget:
            budget -= _char_width(text[left - 1])
            left -= 1
            moved = True
        if not moved:
            break
    head = ELLIPSIS if left > 0 else ""
    tail = ELLIPSIS if right < len(text) else ""
    return ContextLine(head + text[left:right] + tail, len(head) + start - left, len(head) + end - left)


class _TableIndex:
    """A table's rows by the lines their figures stand on, and its total row (built once per table)."""

    def __init__(self, table) -> None:
        self.table = table
        self.rows: dict[int, list] = {}
        for row in table.rows:
            self.rows.setdefault(row.line, []).append(row)
        self.total = next((r for r in table.rows if any(word in (r.label or "") for word in _TOTAL_WORDS)), None)
        self.header = ContextLine(" │ ".join(column.name or str(k + 1) for k, column in enumerate(table.columns)))
        self.total_line = _row_line(self.total, -1) if self.total is not None else None

    def cell(self, line: int, column: int) -> tuple | None:
        """The row and column index of the figure printed at (line, column): among the rows of that line,
        else (a row whose cells stand on lines of their own) among all."""
        for rows in (self.rows.get(line, []), self.table.rows):
            for row in rows:
                for k, cell in enumerate(row.cells):
                    figure = cell.figure
                    if figure is not None and figure.span.line == line and figure.span.column == column:
                        return row, k
        return None


def _table_rows(index: _TableIndex, found: tuple | None) -> list[ContextLine]:
    """The header, the questioned figure's row and the total row of its table, cells joined by │."""
    if found is None:
        return []
    row, column = found
    out = [index.header, _row_line(row, column)]
    if index.total_line is not None and index.total is not row:
        out.append(index.total_line)
    return out


def _row_line(row, marked: int) -> ContextLine:
    texts = [cell.text if cell.state != NIL else "" for cell in row.cells]
    text, mark = "", (-1, -1)
    for k, cell_text in enumerate(texts):
        if k:
            text += " │ "
        if k == marked:
            mark = (len(text), len(text) + len(cell_text))
        text += cell_text
    return ContextLine(text, *mark)
