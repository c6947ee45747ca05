"""Performance forms (绩效自评表, 绩效目标表) printed without ruling lines, rebuilt from word positions.

A form is not a table with one header over a body: its rows are keys and values (项目名称 | X |
自评总分 | 99), a block of execution figures under a header of its own, then the indicators under
theirs. So a form is read as a whole from its title line (one line, a 绩效…表 title) down to the
first line that is not the form's (a title, a gap of more than two lines, the page's end). Its
columns are those of its line with the most cells (the indicators' header, as a rule), each widened
by the words aligned in it, and a column of its own for text that stands under none of them (the
key rows' values). Rows are found as in any borderless table (pdf_borderless._rows): lines holding
numbers anchor rows, wrapped cells and cells centred beside them join them. The grid goes to the
same evaluation reader as a ruled form (evaluation.py), which lines each row's cells up with the
header row above it.

A form that runs onto the next page, its title printed again at the top, goes on as one form
(pdf_pages.join_pages): the columns of both parts are matched by their x-positions.
"""

from __future__ import annotations

import re

from ..tables.header import kind_of
from ..tables.native import GridCell
from .pdf_borderless import Borderless, Column, Line, Word, _fragments_joined, _is_title, _rows, _widen

_FORM_KINDS = ("self_evaluation", "performance_target")
_TITLE = re.compile(r"表\s*(?:[(（][^)）]*[)）])?$")


def title_of(line: Line) -> str:
    text = "".join(w.text for w in line.words)
    return text if len(line.words) == 1 and _TITLE.search(text) and kind_of(text) in _FORM_KINDS else ""


def split(lines: list[Line], page: int, inherited: Borderless | None = None, top: float = 0) -> tuple[list[list[Line]], list[Borderless]]:
    """The page's lines less its forms (the stretches between them, in order) and the forms read.
    `inherited`: the form that ended the previous page; its title again among the page's first
    lines goes on with it (the title is then not a line of the page's text), and so does a first
    line whose words each stand inside one of its columns; `top`: where the top margin band ends."""
    stretches: list[list[Line]] = [[]]
    forms: list[Borderless] = []
    k = 0
    while k < len(lines) and lines[k].bottom < top:  # the running header
        stretches[-1].append(lines[k])
        k += 1
    if inherited is not None and inherited.form and k < len(lines) and _inside_columns(lines[k], inherited):
        # The form goes on at the top of the page without its title printed again.
        end = k + 1
        while end < len(lines) and _in_form(lines[end - 1], lines[end]):
            end += 1
        form = _build(lines[k:end], page, inherited.form, True)
        if form is not None:
            forms.append(form)
            stretches.append([])
            k = end
    while k < len(lines):
        title = title_of(lines[k])
        if not title:
            stretches[-1].append(lines[k])
            k += 1
            continue
        end = k + 1
        while end < len(lines) and _in_form(lines[end - 1], lines[end], 4.0 if end == k + 1 else 2.5):
            end += 1
        continued = inherited is not None and inherited.form == title and not forms and k < 3
        form = _build(lines[k + 1 : end], page, title, continued)
        if form is not None and continued:  # the title printed again goes with the form, not the page's text
            head = lines[k].words[0]
            form.box = (min(form.box[0], head.x0), head.top, max(form.box[2], head.x1), form.box[3])
        if form is None:
            stretches[-1].append(lines[k])
            k += 1
            continue
        if not continued:
            stretches[-1].append(lines[k])  # the title stays a line of text: the form's heading
        forms.append(form)
        stretches.append([])
        k = end
    return [s for s in stretches if s], forms


def _inside_columns(line: Line, form: Borderless) -> bool:
    """At least half the line's words each inside one of the form's columns (a paragraph runs across
    them; a header row may have a cell of a column the part before did not print)."""
    inside = sum(1 for w in line.words if any(c.x0 - 2 <= w.x0 and w.x1 <= c.x1 + 2 for c in form.columns))
    return inside > 0 and 2 * inside >= len(line.words)


def _in_form(above: Line, line: Line, gap: float = 2.5) -> bool:
    """`line` goes on the form `above` ends: closer than `gap` lines (the title may stand further
    above, in the prose's size and spacing) and not a title."""
    size = max(line.words[0].size, above.words[0].size)
    return line.top - above.bottom < gap * size and not _is_title(line)


def _columns(lines: list[Line], words: list[Word]) -> list[Column]:
    widest = max(lines, key=lambda line: len(line.words))
    columns = [Column(w.x0, w.x1) for w in widest.words]
    # Text under no column (the value beside a key, 主管部门 | 某某局) is a column of its own (before
    # the widening, which would give it to the column whose centre is nearest).
    for word in sorted(words, key=lambda w: w.x0):
        if word.number or any(c.x0 < word.x1 and word.x0 < c.x1 for c in columns):
            continue
        columns.append(Column(word.x0, word.x1))
        columns.sort(key=lambda c: c.x0)
    _widen(columns, words)
    return columns


def _build(lines: list[Line], page: int, title: str, continued: bool) -> Borderless | None:
    """The form under a title; a form's part on the next page may hold no figure (a long 绩效目标 text)."""
    if not lines or not (continued or any(w.number for line in lines for w in line.words)):
        return None
    words = [w for line in lines for w in line.words]
    columns = _columns(lines, words)
    if len(columns) < (1 if continued else 3):
        return None
    where = _fragments_joined(columns, lines)
    cells: list[GridCell] = []
    rows = _rows(columns, lines, where)
    for r, row in enumerate(rows):
        taken: set[int] = set()
        for ks, ws in sorted(row, key=lambda p: len(p[0])):
            free = [k for k in ks if k not in taken] or ks
            text = "\n".join(w.text for w in sorted(ws, key=lambda w: (w.top, w.x0)))
            cell = GridCell(text, r, free[0], coords={"page": page})
            if len(ks) > 1:
                cell.candidates = tuple(ks)
            taken.add(free[0])
            cells.append(cell)
    box = (min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words), max(w.bottom for w in words))
    return Borderless(cells, len(rows), len(columns), columns, 0, box, page, list(range(1, len(rows) + 1)), form=title)


def append(before: Borderless, after: Borderless) -> None:
    """`after` (the form's part on the next page) under `before`, the columns of both matched by
    their x-positions: a column of one part that overlaps none of the other's is a column of its own."""
    merged: list[Column] = []
    for column in sorted(before.columns + after.columns, key=lambda c: c.x0):
        last = merged[-1] if merged else None
        if last is not None and column.x0 < last.x1 and last.x0 < column.x1:
            last.x0, last.x1 = min(last.x0, column.x0), max(last.x1, column.x1)
        else:
            merged.append(Column(column.x0, column.x1, column.numeric))

    def where(columns: list[Column]) -> list[int]:
        return [next(k for k, m in enumerate(merged) if m.x0 <= c.x0 and c.x1 <= m.x1) for c in columns]

    for part, offset in ((before, 0), (after, before.height)):
        index = where(part.columns)
        for cell in part.cells:
            cell.column = index[cell.column]
            cell.candidates = tuple(index[k] for k in cell.candidates)
            cell.row += offset
    before.cells.extend(after.cells)
    before.rows.extend(range(before.height + 1, before.height + after.height + 1))
    before.height += after.height
    before.columns, before.width = merged, len(merged)
