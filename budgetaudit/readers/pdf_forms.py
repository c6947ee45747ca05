"""Performance forms (绩效自评表, 绩效目标表) printed without ruling lines, rebuilt from word positions.

A form is not a table with one header over a body: its rows are keys and values (项目名称 | X |
自评总分 | 99), a block of execution figures under a header of its own, then the indicators under
theirs. So a form is read as a whole from its title line (one line, a 绩效…表 title) down to the
first line that is not the form's (a title, a gap of more than two lines, the page's end), and its
columns are those of its line with the most cells (the indicators' header, as a rule), each widened
by the words aligned in it. Rows are found as in any borderless table (pdf_borderless._rows):
lines holding numbers anchor rows, wrapped cells and cells centred beside them join them. The
grid goes to the same evaluation reader as a ruled form (evaluation.py), which lines each row's
cells up with the header row above it.
"""

from __future__ import annotations

import re

from ..tables.header import kind_of
from ..tables.native import GridCell
from .pdf_borderless import Borderless, Column, Line, _fragments_joined, _is_title, _rows, _widen

_FORM_KINDS = ("self_evaluation", "performance_target")
_TITLE = re.compile(r"表\s*(?:[(（][^)）]*[)）])?$")


def is_form_title(line: Line) -> bool:
    text = "".join(w.text for w in line.words)
    return len(line.words) == 1 and bool(_TITLE.search(text)) and kind_of(text) in _FORM_KINDS


def split(lines: list[Line], page: int) -> tuple[list[list[Line]], list[tuple[float, Borderless]]]:
    """The page's lines less its forms (the stretches between them, in order) and the forms read."""
    stretches: list[list[Line]] = [[]]
    forms: list[tuple[float, Borderless]] = []
    k = 0
    while k < len(lines):
        if not is_form_title(lines[k]):
            stretches[-1].append(lines[k])
            k += 1
            continue
        stretches[-1].append(lines[k])  # the title stays a line of text: the form's heading
        end = k + 1
        while end < len(lines) and _in_form(lines[end - 1], lines[end]):
            end += 1
        form = _build(lines[k + 1 : end], page)
        if form is None:
            k += 1
            continue
        forms.append((form.box[1], form))
        stretches.append([])
        k = end
    return [s for s in stretches if s], forms


def _in_form(above: Line, line: Line) -> bool:
    size = line.words[0].size
    return line.top - above.bottom < 2.5 * size and not _is_title(line)


def _build(lines: list[Line], page: int) -> Borderless | None:
    if len(lines) < 2 or not any(w.number for line in lines for w in line.words):
        return None
    widest = max(lines, key=lambda line: len(line.words))
    if len(widest.words) < 3:
        return None
    columns = [Column(w.x0, w.x1) for w in widest.words]
    words = [w for line in lines for w in line.words]
    _widen(columns, words)
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
    return Borderless(cells, len(rows), len(columns), columns, 0, box, page, list(range(1, len(rows) + 1)))
