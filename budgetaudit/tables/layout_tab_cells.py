"""Cells starting with a TAB: a line "\\t<text>" opens a cell, a following line without TAB continues it,
and a blank line before the next cell ends the row.

Word processors export tables this way (one or more lines per cell, blank
lines between rows and sometimes inside a cell). Empty cells keep their place.
"""

from __future__ import annotations

import re
from typing import Final

from .cells import cell_at, join
from .model import RawBlock, RawCell

_CELL: Final = re.compile(r"^\t(?!\t)[^\t]*$")  # what starts_cell tells (tests/test_prose_speed.py holds them equal)
_CONTINUED: Final = re.compile(r"^[^\t\s][^\t]*$")
_BLANK: Final = re.compile(r"^[ \r]*$")
MAX_GAP: Final = 8  # continuation or blank lines a block may hold between two cell lines


def starts_cell(line: str) -> bool:
    # _CELL's test in string operations: a call of a pattern per line was the most frequent regex call of a round.
    return line[:1] == "\t" and line.find("\t", 1) < 0


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    if not starts_cell(lines[start][1]):
        return None
    # The block runs to the last cell line that follows the previous one closely.
    end = start
    i = start + 1
    gap = 0
    while i < len(lines) and gap <= MAX_GAP:
        line = lines[i][1]
        if starts_cell(line):
            end, gap = i, 0
        elif _CONTINUED.match(line) or _BLANK.match(line):
            gap += 1
        else:
            break
        i += 1
    # Continuation lines right after the last cell line still belong to it.
    while end + 1 < len(lines) and _CONTINUED.match(lines[end + 1][1]) and not _heading(lines[end + 1][1]):
        end += 1
    rows: list[list[RawCell]] = []
    row: list[RawCell] = []
    for i in range(start, end + 1):
        offset, line = lines[i]
        if starts_cell(line):
            row.append(cell_at(offset, line, 1, len(line)))
        elif _CONTINUED.match(line) and row:
            row[-1] = join(row[-1], cell_at(offset, line, 0, len(line)))
        elif _BLANK.match(line) and row and _next_starts_cell(lines, i, end):
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows = [r for r in rows if any(c.text for c in r)]
    if not rows or not _tabular(rows):
        return None
    return RawBlock("tab_cells", rows, start + 1, end + 1, positional=True), end + 1


def _heading(line: str) -> bool:
    return bool(re.match(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])", line))


def _tabular(rows: list[list[RawCell]]) -> bool:
    """Paragraphs indented with a TAB are prose: a table has short cells in rows of several cells."""
    short = sum(1 for r in rows if len(r) >= 2 for c in r if 0 < len(c.text) <= 20)
    return short >= 3


def _next_starts_cell(lines: list[tuple[int, str]], i: int, end: int) -> bool:
    for j in range(i + 1, end + 1):
        line = lines[j][1]
        if _BLANK.match(line):
            continue
        return starts_cell(line)
    return False
