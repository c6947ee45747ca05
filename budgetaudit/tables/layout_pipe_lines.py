"""One cell per line, each ending in " |"; a lone "|" opens each row (a PDF table flattened by a converter).

Empty cells are dropped wherever they stood, and the run of "|" that closes a
row does not reliably say how many were dropped, so rows from this layout are
not positional: column recovery decides where each printed cell stands.
"""

from __future__ import annotations

from .cells import cell_at, join
from .model import RawBlock, RawCell


def line_kind(line: str) -> str:
    """The kind of a line: "open" (a lone |), "run" (only |s), "cell" (text closed by |) or "".

    String methods rather than regular expressions: every line of a document is asked, and
    str.strip and re's \\s agree on what is white space."""
    stripped = line.strip()
    if not stripped.endswith("|"):
        return ""
    if not stripped.startswith("|"):
        return "cell"
    if stripped == "|":
        return "open"
    return "" if stripped.replace("|", "").strip() else "run"


def _cell(offset: int, line: str) -> RawCell:
    """The cell a cell line prints: its text without the run of | and white space that closes it
    (what cell_at gives for that stretch, without slicing the line twice)."""
    text = line.rstrip()
    while text.endswith("|"):
        text = text.rstrip("|").rstrip()
    left = len(text) - len(text.lstrip())
    return RawCell(text[left:], offset + left, offset + len(text))


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
            cell = _cell(offset, line)
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
