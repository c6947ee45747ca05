"""What a reviewer reads around a finding: the sentence its questioned figure stands in (at most 80 display
columns around the figure, cut with …), or the rows of the rebuilt table it stands in (the header, its row and
the table's total row); and the section it belongs to: a table finding under its table's title (附件2 …表), a
prose finding under the nearest heading outside a table (a table's row labels, 一、本年收入, are no headings).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Final

from .document import Document
from .report import ContextLine, Finding
from .source import Source
from .tables.model import NIL

WIDTH: Final = 80  # display columns of a sentence shown around its figure (a CJK character is two)
_SENTENCE_ENDS: Final = "。！？!?"  # a semicolon joins clauses of one sentence: the 80 columns cut it where long
_TOTAL_WORDS: Final = ("合计", "总计")
ELLIPSIS: Final = "…"
# The wide characters a disclosure holds (CJK, Hangul, full-width forms): counted by one scan in C.
_WIDE: Final = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                          "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


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
            finding.context = _table_rows(table, rows.cell(span.line, span.column), rows.total)
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
    return len(text) + len(_WIDE.findall(text)) if not text.isascii() else len(text)


def _widths(text: str) -> list[int]:
    return [2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text]


def _sentence(source: Source, span) -> ContextLine | None:
    starts = source.line_starts
    if not 1 <= span.line <= len(starts):
        return None
    line_start = starts[span.line - 1]
    line_end = starts[span.line] - 1 if span.line < len(starts) else len(source.text)
    line = source.text[line_start:line_end].rstrip("\r\n")
    start = span.column - 1
    end = start + len(span.text) if span.end_line == span.line else len(line)
    if not 0 <= start <= end <= len(line):
        return None
    begin = max(line.rfind(ch, 0, start) for ch in _SENTENCE_ENDS) + 1
    stops = [at for at in (line.find(ch, end) for ch in _SENTENCE_ENDS) if at >= 0]
    finish = min(stops) + 1 if stops else len(line)
    while begin < start and line[begin].isspace():
        begin += 1
    return _cut(line[begin:finish].rstrip(), start - begin, end - begin)


def _cut(text: str, start: int, end: int) -> ContextLine:
    """The text around text[start:end] in at most WIDTH display columns, cut with … where it is cut."""
    if width(text) <= WIDTH:
        return ContextLine(text, start, end)
    widths = _widths(text)
    budget = WIDTH - sum(widths[start:end]) - 2 * width(ELLIPSIS)
    left, right = start, end
    while budget > 0 and (left > 0 or right < len(text)):
        moved = False
        if right < len(text) and widths[right] <= budget:
            budget -= widths[right]
            right += 1
            moved = True
        if left > 0 and widths[left - 1] <= budget:
            budget -= widths[left - 1]
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


def _table_rows(table, found: tuple | None, total) -> list[ContextLine]:
    """The header, the questioned figure's row and the total row of its table, cells joined by │."""
    if found is None:
        return []
    names = [column.name or str(k + 1) for k, column in enumerate(table.columns)]
    out = [ContextLine(" │ ".join(names), -1, -1)]
    row, column = found
    out.append(_row_line(row, column))
    if total is not None and total is not row:
        out.append(_row_line(total, -1))
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
