"""One cell per line, each ending in " |"; a lone "|" opens each row (a PDF table flattened by a converter).

Empty cells are dropped wherever they stood, and the run of "|" that closes a
row does not reliably say how many were dropped, so rows from this layout are
not positional: column recovery decides where each printed cell stands.
"""

from __future__ import annotations

import re

from .cells import cell_at, join
from .model import RawBlock, RawCell

_OPEN = re.compile(r"^\s*\|\s*$")
_RUN = re.compile(r"^\s*\|(?:\s*\|)*\s*$")
_CELL = re.compile(r"^(?P<text>.*?\S)?\s*\|[\s|]*$")


def line_kind(line: str) -> str:
    if _OPEN.match(line):
        return "open"
    if _RUN.match(line):
        return "run"
    if line.rstrip().endswith("|") and not line.lstrip().startswith("|"):
        return "cell"
    return ""


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    """The block starting at line index `start` (which must open a row), and the index after it."""
    if line_kind(lines[start][1]) != "open":
        return None
    rows: list[list[RawCell]] = []
    row: list[RawCell] | None = None
    pending: RawCell | None = None  # text lines of a cell whose closing " |" is still to come
    i = start
    last = start
    while i < len(lines):
        offset, line = lines[i]
        kind = line_kind(line)
        if kind == "open":
            if row:
                rows.append(row)
            row, pending = [], None
        elif kind == "run":
            pass
        elif kind == "cell" and row is not None:
            match = _CELL.match(line)
            text_end = match.end("text") if match and match.group("text") else 0
            cell = cell_at(offset, line, 0, text_end)
            if pending is not None:
                cell = join(pending, cell)
                pending = None
            row.append(cell)
        elif line.strip() and row is not None and _next_is_cell(lines, i):
            # A cell printed over several lines: only its last line carries the " |".
            cell = cell_at(offset, line, 0, len(line))
            pending = cell if pending is None else join(pending, cell)
        else:
            break
        if kind:
            last = i
        i += 1
    if row:
        rows.append(row)
    if not rows:
        return None
    return RawBlock("pipe_lines", rows, start + 1, last + 1, positional=False), last + 1


def _next_is_cell(lines: list[tuple[int, str]], i: int) -> bool:
    for j in range(i + 1, min(i + 4, len(lines))):
        kind = line_kind(lines[j][1])
        if kind:
            return kind == "cell"
    return False
