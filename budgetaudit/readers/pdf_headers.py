"""The header of a borderless table, from the words of its lines: which cell stands over which.

A header cell is a word, or words on lines right under one another that it centres or starts with
(a label wrapped in a narrow column, 上年结转结余资/金). A cell with cells under it is a parent
(2026年预算数 over 合计/基本支出/项目支出), the others are leaves, one column each. A parent printed
centred over its columns stands over the middle one only, or over the gap between the middle two,
and is told from a leaf that spans the header's rows by its height: a leaf is centred vertically.
A parent printed flush left (a plain Word table's merged cell: 收入 over 项目/预算数) starts where its
first column starts and covers the columns up to the next parent's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pdf_borderless import Column, Line


@dataclass(eq=False)
class HeaderCell:
    text: str
    x0: float
    x1: float
    line: int
    last_line: int
    size: float
    bottom: float
    level: int = 0
    leaf: bool = True
    until: float = 0.0  # a parent printed flush left over its columns: it covers them up to this x (the next one's)


def parent_spans(cells: list[HeaderCell], leaves: list[HeaderCell], columns: list[Column]) -> dict[int, range]:
    """The columns each header cell covers. A parent printed centred over its columns stands over the
    middle one only: it also covers the leaves beside its children on their line that have nothing
    above them and are of their kind (numbers or text), as a merged 2026年预算数 over 合计/基本支出/项目支出."""
    spans = {id(leaf): range(k, k + 1) for k, leaf in enumerate(leaves)}
    taken: set[int] = set()
    for parent in sorted((c for c in cells if not c.leaf), key=lambda c: (c.level, c.x0)):
        if parent.until:  # flush left: the columns that start between it and the next parent
            flush = [k for k, leaf in enumerate(leaves) if leaf.line > parent.last_line and parent.x0 - 1 <= leaf.x0 < parent.until]
            if flush:
                taken.update(flush)
                spans[id(parent)] = range(min(flush), max(flush) + 1)
            continue
        under = [k for k, leaf in enumerate(leaves) if leaf.line > parent.last_line and leaf.x0 < parent.x1 and parent.x0 < leaf.x1]
        paired = not under  # centred over the gap between two columns: those two, and as many more on each side
        under = under or [k for k, leaf in enumerate(leaves) if leaf in pair_under(parent, cells)]
        if not under:
            continue
        lo, hi = min(under), max(under)
        line, numeric = leaves[lo].line, columns[lo].numeric

        def orphan(k: int, kind: bool = True) -> bool:
            leaf = leaves[k]
            return k not in taken and leaf.line == line and leaf.level == parent.level and (not kind or columns[k].numeric == numeric)

        # Centred over its columns: as many on each side of the middle ones (支出 over 支出科目…国有资本经营预算).
        while lo > 0 and hi + 1 < len(leaves) and orphan(lo - 1, False) and orphan(hi + 1, False):
            lo, hi = lo - 1, hi + 1
        while not paired and lo > 0 and orphan(lo - 1):
            lo -= 1
        while not paired and hi + 1 < len(leaves) and orphan(hi + 1):
            hi += 1
        for k in range(lo, hi + 1):
            if k not in under:
                leaves[k].level = parent.level + 1
            taken.add(k)
        spans[id(parent)] = range(lo, hi + 1)
    return spans


def _flush_parents(upper: Line, lower: Line) -> bool:
    """Whether `upper` holds parents printed flush left over their columns (收入 over 项目/预算数, 支出
    over 支出科目…国有资本经营预算, as a plain Word table sets merged cells): each of its words starts
    where a word of the line below starts, short of the next column (not the first line of a wrapped
    label, which would fill its column), and some words below have nothing above them. A word with
    nothing below it is a leaf spanning the header's rows (2025年预算数 between 功能分类科目 and
    2026年预算数), not a parent; at least one word is."""
    below = lower.words
    if len(upper.words) >= len(below):
        return False
    parents = [w for w in upper.words if _over(w, below)]
    if not parents:
        return False
    for word in parents:
        k = next((k for k, w in enumerate(below) if abs(w.x0 - word.x0) < 1.0), None)
        if k is None or (k + 1 < len(below) and word.x1 + 2 * word.size >= below[k + 1].x0):
            return False
    return any(not any(u.x0 < w.x1 and w.x0 < u.x1 for u in upper.words) for w in below)


def _over(word, below: list) -> bool:
    return any(word.x0 < w.x1 and w.x0 < word.x1 for w in below)


def header_cells(head: list[Line]) -> list[HeaderCell]:
    cells: list[HeaderCell] = []
    for index, line in enumerate(head):
        if index + 1 < len(head) and _flush_parents(line, head[index + 1]):
            starts = [w.x0 for w in line.words[1:]] + [float("inf")]
            for word, until in zip(line.words, starts):
                flush = until - 1.0 if _over(word, head[index + 1].words) else 0.0
                cells.append(HeaderCell(word.text, word.x0, word.x1, index, index, word.size, word.bottom, until=flush))
            continue
        for word in line.words:
            # A word goes on the cell right above it (its last line ends less than half a line above the
            # word, which in a header of cells centred at different heights need not be the line above).
            same = [c for c in cells if c.last_line < index and not c.until and c.x0 < word.x1 and word.x0 < c.x1 and 0 <= word.top - c.bottom < 0.5 * word.size
                    and (abs((c.x0 + c.x1) - (word.x0 + word.x1)) < 3 * word.size or abs(c.x0 - word.x0) < word.size)]
            others = [w for w in line.words if w is not word and same and same[0].x0 < w.x1 and w.x0 < same[0].x1]
            if len(same) == 1 and not others:
                cell = same[0]
                cell.text += word.text
                cell.x0, cell.x1, cell.last_line, cell.bottom = min(cell.x0, word.x0), max(cell.x1, word.x1), index, word.bottom
            else:
                cells.append(HeaderCell(word.text, word.x0, word.x1, index, index, word.size, word.bottom))
    middle = (head[0].top + head[-1].bottom) / 2 if head else 0
    for cell in cells:
        below = [c for c in cells if c.line > cell.last_line and c.x0 < cell.x1 and cell.x0 < c.x1]
        above = [c for c in cells if c.last_line < cell.line and c.x0 < cell.x1 and cell.x0 < c.x1]
        cell.leaf = not below and not cell.until
        cell.level = len({c.line for c in above})
    for cell in cells:
        # A parent over two columns printed centred over the gap between them stands over neither: it is
        # a parent when it is not centred vertically in the header (as a leaf spanning its rows is).
        if cell.leaf and (head[cell.line].top + head[cell.last_line].bottom) / 2 < middle - cell.size / 2 and pair_under(cell, cells):
            cell.leaf = False
    for cell in cells:
        above = [c for c in cells if c.last_line < cell.line and (c.x0 < cell.x1 and cell.x0 < c.x1 or c.until and c.x0 - 1 <= cell.x0 < c.until
                                                                  or not c.leaf and cell in pair_under(c, cells))]
        cell.level = len({c.line for c in above})
    return cells


def pair_under(parent: HeaderCell, cells: list[HeaderCell]) -> list[HeaderCell]:
    """The two neighbouring cells below a header cell, neither under it, whose centres it is centred between."""
    below = sorted((c for c in cells if c.line > parent.last_line), key=lambda c: c.x0)
    if any(c.x0 < parent.x1 and parent.x0 < c.x1 for c in below):
        return []
    centre = (parent.x0 + parent.x1) / 2
    left = [c for c in below if c.x1 <= parent.x0]
    right = [c for c in below if c.x0 >= parent.x1]
    if not left or not right:
        return []
    a, b = max(left, key=lambda c: c.x1), min(right, key=lambda c: c.x0)
    return [a, b] if abs((a.x0 + a.x1 + b.x0 + b.x1) / 4 - centre) < parent.size else []
