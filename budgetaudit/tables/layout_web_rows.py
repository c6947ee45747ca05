"""A web page's table copied as text: one row per line, cells between " | ", each row closed by "|".

    项目 | 上年决算数 | 本年决算数 | 增减 |
    合计 | 2911.47 | 2706.86 | -204.61 |
    1.因公出国(境)费 | ||||

The page drops empty cells wherever they stood and closes the row with a run of "|" whose length
does not reliably say how many were dropped, so rows from this layout are not positional: column
recovery decides where each printed cell stands. A line that opens with "|" (and is no markdown
row) continues the row above: a wide row wrapped by the page.
"""

from __future__ import annotations

from .cells import cell_at, unspaced
from .model import RawBlock, RawCell

MIN_ROWS = 3


def is_row(line: str) -> bool:
    """Text closed by "|", with an inner "|" or a closing run of several (a row whose other cells are
    all empty: 1.因公出国(境)费 | ||||); a rule line (---|---|) counts. One "|" after sentences is not."""
    stripped = line.strip()
    if not stripped.endswith("|") or stripped.startswith("|"):
        return False
    body = stripped.rstrip("| ")
    return "|" in body or stripped.count("|") >= 2


def _continues(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and stripped.endswith("|") and bool(stripped.strip("| "))


def _rule(line: str) -> bool:
    return not line.strip().replace("|", "").replace("-", "").replace(":", "").strip()


def _cells(offset: int, line: str) -> list[RawCell]:
    bars = [-1] + [k for k, ch in enumerate(line) if ch == "|"] + [len(line)]
    cells = (cell_at(offset, line, a + 1, b) for a, b in zip(bars, bars[1:]))
    return [unspaced(cell) for cell in cells if cell.text]


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    if not is_row(lines[start][1]):
        return None
    rows: list[list[RawCell]] = []
    i = start
    while i < len(lines):
        offset, line = lines[i]
        if is_row(line):
            if not _rule(line):
                rows.append(_cells(offset, line))
        elif rows and _continues(line):
            rows[-1].extend(_cells(offset, line))
        else:
            break
        i += 1
    rows = [row for row in rows if row]
    if len(rows) < MIN_ROWS:
        return None
    return RawBlock("web_rows", rows, start + 1, i, positional=False), i
