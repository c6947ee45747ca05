"""CSV blocks: three or more consecutive lines with the same number of comma-separated fields.

Fields may be quoted ("1,207.84"); Chinese text uses the full-width comma, so
ASCII commas outside quotes are separators.
"""

from __future__ import annotations

import re
from typing import Final

from .cells import cell_at
from .model import RawBlock, RawCell

MIN_LINES: Final = 3


def split(offset: int, line: str) -> list[RawCell] | None:
    """The fields of one CSV line, or None when a quote is left open."""
    cells = []
    begin = 0
    quoted = False
    for index, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            cells.append(_field(offset, line, begin, index))
            begin = index + 1
    if quoted:
        return None
    cells.append(_field(offset, line, begin, len(line)))
    return cells


def _field(offset: int, line: str, begin: int, end: int) -> RawCell:
    cell = cell_at(offset, line, begin, end)
    if len(cell.text) >= 2 and cell.text[0] == cell.text[-1] == '"':
        return RawCell(cell.text[1:-1].replace('""', '"'), cell.start + 1, cell.end - 1)
    return cell


# Words before a figure and its unit in one field (一般公共服务支出213892万元, 同比增加17906万元, 增长8.69%): a
# clause of a sentence written with ASCII commas, as pages and converted PDFs print them; a CSV field holds
# its figure alone.
_CLAUSE_FIELD: Final = re.compile(r"[\u4e00-\u9fff][^,\d]*\d[\d.]*\s*(?:万元|亿元|元|%)")


def _fields(line: str) -> int:
    if "," not in line or "。" in line:
        return 0
    cells = split(0, line)
    if not cells or len(cells) < 3 or _CLAUSE_FIELD.search(line) is not None:
        return 0
    return len(cells)


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    width = _fields(lines[start][1])
    if not width:
        return None
    i = start
    while i < len(lines) and _fields(lines[i][1]) == width:
        i += 1
    if i - start < MIN_LINES:
        return None
    rows = [split(offset, line) or [] for offset, line in lines[start:i]]
    return RawBlock("csv", rows, start + 1, i, positional=True), i
