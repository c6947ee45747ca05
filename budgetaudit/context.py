"""What a reviewer reads around a finding: the sentence its questioned figure stands in (at most 80 display
columns around the figure, cut with …), or the rows of the rebuilt table it stands in (the header, its row and
the table's total row); and the section it belongs to: a table finding under its table's title (附件2 …表), a
prose finding under the nearest heading outside a table (a table's row labels, 一、本年收入, are no headings).
"""

from __future__ import annotations

import bisect
import unicodedata
from typing import Final

from .document import Document
from .report import ContextLine, Finding
from .source import Source
from .tables.model import NIL

WIDTH: Final = 80  # display columns of a sentence shown around its figure (a CJK character is two)
_SENTENCE_ENDS: Final = "。；;！？!?"
_TOTAL_WORDS: Final = ("合计", "总计")
ELLIPSIS: Final = "…"


def attach(document: Document, findings: list[Finding], heads: list[tuple[int, str]]) -> None:
    """Set each finding's context and section (heads: the document's headings, sections() of the engine)."""
    tables = sorted(document.tables, key=lambda t: t.first_line)
    firsts = [t.first_line for t in tables]
    outside = [(line, text) for line, text in heads if _table_at(tables, firsts, line) is None]
    head_lines = [line for line, _ in outside]
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
            finding.context = _table_rows(table, span)
        else:
            line = _sentence(document.source, span)
            finding.context = [line] if line is not None else []


def _table_at(tables, firsts: list[int], line: int):
    index = bisect.bisect_right(firsts, line) - 1
    if index >= 0 and tables[index].first_line <= line <= tables[index].last_line:
        return tables[index]
    return None


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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
    budget = WIDTH - width(text[start:end]) - 2 * width(ELLIPSIS)
    left, right = start, end
    while budget > 0 and (left > 0 or right < len(text)):
        moved = False
        if right < len(text) and width(text[right]) <= budget:
            budget -= width(text[right])
            right += 1
            moved = True
        if left > 0 and width(text[left - 1]) <= budget:
            budget -= width(text[left - 1])
            left -= 1
            moved = True
        if not moved:
            break
    head = ELLIPSIS if left > 0 else ""
    tail = ELLIPSIS if right < len(text) else ""
    return ContextLine(head + text[left:right] + tail, len(head) + start - left, len(head) + end - left)


def _table_rows(table, span) -> list[ContextLine]:
    """The header, the questioned figure's row and the total row of its table, cells joined by │."""
    names = [column.name or str(k + 1) for k, column in enumerate(table.columns)]
    out = [ContextLine(" │ ".join(names), -1, -1)]
    found = None
    for row in table.rows:
        for k, cell in enumerate(row.cells):
            figure = cell.figure
            if figure is not None and figure.span.line == span.line and figure.span.column == span.column:
                found = (row, k)
                break
        if found is not None:
            break
    if found is None:
        return []
    row, column = found
    out.append(_row_line(row, column))
    total = next((r for r in table.rows if any(word in (r.label or "") for word in _TOTAL_WORDS)), None)
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
