"""One cell per line, each ending in " |", with nothing that marks where a row ends (a web page's table
copied cell by cell); a lone "|" is an empty cell.

    项目 |
    预算数 |
    决算数 |
    合计 |
    49.90 |
    7.69 |
    因公出国(境)费 |
    20 |
    |

Rows are told only by counting, so a block is taken only when counting reads it one way: the header
is the text before the first row label, and every row after it is a label followed by as many figures
(or empty cells) as the header has columns after its first; the last row may end early (the page drops
the empty cells that close its table), its missing cells blank. Any other shape (a two-level header, a
wrapped cell, a label among the figures) is left to the other readers, which keep its lines out of
the sentences unread.
"""

from __future__ import annotations

from ..figures import parse_number
from ..source import GARBLE
from .cells import unspaced
from .layout_pipe_lines import _cell, line_kind
from .model import RawBlock, RawCell

MIN_ROWS = 2


def _is_figure(text: str) -> bool:
    number = text.replace(" ", "").rstrip("%")
    return bool(number) and parse_number(number) is not None


def _is_value(cell: RawCell) -> bool:
    return cell.blank or _is_figure(cell.text)


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    """The block of cell lines starting at line index `start`, and the index after it."""
    if line_kind(lines[start][1]) != "cell" or (start > 0 and line_kind(lines[start - 1][1]) in ("cell", "open")):
        return None  # a run is read from its first line only (a line of rules alone may stand above it)
    cells: list[RawCell] = []
    breaks: list[int] = []  # where a line of rules alone (||, |||) ends a row: the page's own row ends
    i = start
    while i < len(lines):
        offset, line = lines[i]
        kind = line_kind(line)
        if kind == "run" and cells and (not breaks or breaks[-1] < len(cells)):
            breaks.append(len(cells))
        elif kind == "cell":
            cell = _cell(offset, line)
            if "(" in cell.text:
                cell.text = GARBLE.sub("", cell.text)  # 預(yù) 算 數(shù): some pages insert pinyin
            cells.append(unspaced(cell))
        elif kind == "open":
            cells.append(RawCell("", offset, offset))
        else:
            break
        i += 1
    if breaks:
        # Rows the page ended itself, a merged header's rows shorter than the table is wide: not positional, so
        # the header's spans and the columns are worked out as for a web page's rows.
        bounds = [0] + breaks + ([len(cells)] if breaks[-1] < len(cells) else [])
        rows = [cells[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]
        if len(rows) < 2 or not any(_is_figure(cell.text) for cell in cells):
            return None
        return RawBlock("cell_lines", rows, start + 1, i, positional=False), i
    first_figure = next((k for k, cell in enumerate(cells) if _is_figure(cell.text)), -1)
    width = first_figure - 1  # the header's cells: all before the first row's label
    if width < 2 or any(cell.blank or _is_figure(cell.text) for cell in cells[: width + 1]):
        return None
    body = cells[width:]
    rows = [body[k : k + width] for k in range(0, len(body), width)]
    if len(rows) < MIN_ROWS:
        return None
    last = rows[-1]
    # The page drops the empty cells that end its table: a last row cut short has them blank (never 0).
    last.extend(RawCell("", last[-1].end, last[-1].end) for _ in range(width - len(last)))
    for row in rows:
        if row[0].blank or _is_figure(row[0].text) or not all(_is_value(cell) for cell in row[1:]):
            return None
    return RawBlock("cell_lines", [cells[:width]] + rows, start + 1, i, positional=True), i
