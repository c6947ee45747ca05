"""Tables a reader took from the file's own structure (.docx, .xlsx/.xls, .html, .pdf).

A reader hands over a grid: every printed cell with its row, column and span (merged cells
resolved), and the place its text was rendered into the Source. Because every cell's column is
certain, no column is guessed: the header rows give each column its path (a merged
2026年预算数 over 总计/基本支出/项目支出 gives three paths under it), and the body goes through
the same roles, row sums, hierarchy and facts as a table rebuilt from flattened text.

A body cell merged down several rows (a 自评得分 spanning a project's indicator rows) is one cell,
held by its first row; the others hold nothing there, so its figure is counted once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ..source import Source
from . import build
from .build import Built
from .columns import classify
from .header import (
    FINANCIAL_EXCLUDED,
    has_figure,
    is_title_row,
    is_unit_row,
    kind_of,
    roles,
    row_sums,
    unit_of,
)
from .model import RawCell, Row, Table
from .structure import relations

SCANNED: Final = "EXT006"  # a page without extractable text (unchecked, never missing content)


@dataclass(slots=True)
class GridCell:
    """One printed cell of a real table; a merged cell is one GridCell with its span."""

    text: str
    row: int  # 0-based top-left slot in the grid
    column: int
    rowspan: int = 1
    colspan: int = 1
    start: int = -1  # offsets of its text in the Source (set when the grid is rendered)
    end: int = -1
    coords: dict = field(default_factory=dict)  # the source's own coordinates (cell address, page)
    candidates: tuple[int, ...] = ()  # a PDF number that could stand in any of these columns (uncertain)


@dataclass(slots=True)
class NativeTable:
    cells: list[GridCell]
    height: int
    width: int
    row_offsets: list[int]  # Source offset of the line each grid row was rendered on
    first_line: int  # 1-based lines of the Source the grid occupies
    last_line: int
    index: int  # 1-based table number in the file
    layout: str  # "docx", "xlsx", "xls", "html", "pdf"


@dataclass(slots=True)
class Unreadable:
    """A part of the file with no extractable text (a scanned page); `start`/`end` mark its note in the Source."""

    reason: str
    start: int
    end: int


@dataclass(slots=True)
class Merge:
    """A merged cell as the file prints it: its text, top-left slot (0-based grid row and column) and span."""

    text: str
    row: int
    column: int
    rowspan: int
    colspan: int


@dataclass(slots=True)
class GridTable(Table):
    """A Table read from a real grid: also its number in the file and its merged cells."""

    index: int = 0
    merges: list[Merge] = field(default_factory=list)


def build_native(source: Source, native: NativeTable, heading: str = "", unit_line: str = "") -> Built:
    covering: dict[tuple[int, int], GridCell] = {}
    for cell in native.cells:
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.column, cell.column + cell.colspan):
                covering[(r, c)] = cell

    def raw(r: int, c: int, fill: bool) -> RawCell:
        cell = covering.get((r, c))
        if cell is not None and (fill or (cell.row == r and cell.column == c)):
            return RawCell(cell.text, cell.start, cell.end)
        offset = native.row_offsets[r]
        return RawCell("", offset, offset)

    width = native.width
    origin_rows = [[raw(r, c, False) for c in range(width)] for r in range(native.height)]
    origin_rows_index = list(range(native.height))
    # Title rows (one cell ending in 表) and unit rows above the header.
    title = ""
    top = 0
    while top < native.height and (is_title_row(origin_rows[top]) or is_unit_row(origin_rows[top]) or not _texts(origin_rows[top])):
        if is_title_row(origin_rows[top]):
            title = _texts(origin_rows[top])[0]
        top += 1
    rows = [r for r in origin_rows_index[top:] if _texts(origin_rows[r]) and not is_unit_row(origin_rows[r])]
    header_index = []
    for r in rows:
        if has_figure(origin_rows[r]):
            break
        header_index.append(r)
    body_index = rows[len(header_index) :]
    title = build._title(heading, title)
    kind = kind_of(title)
    unit = unit_of([title, heading, unit_line] + [c.text for r in origin_rows[: top + 4] for c in r])
    header_texts = [[c.text for c in origin_rows[r] if c.text] for r in header_index]
    merges = [Merge(c.text, c.row, c.column, c.rowspan, c.colspan) for c in native.cells if c.rowspan > 1 or c.colspan > 1]
    first, last = native.first_line, native.last_line

    def table_of(columns, table_rows, sums) -> GridTable:
        return GridTable(title, kind, unit, header_texts, columns, table_rows, first, last, native.layout, sums, index=native.index, merges=merges)

    if kind in FINANCIAL_EXCLUDED or not body_index or (kind == "unknown" and not header_index):
        return Built(table_of(*_plain(source, origin_rows, rows, width, unit)), financial=False)
    paths = []
    for c in range(width):
        texts = [raw(r, c, True).text for r in header_index]
        paths.append(tuple(dict.fromkeys(t for t in texts if t)))
    columns = roles(paths)
    sums = row_sums(columns)
    identity = [tuple(range(width))]
    items = {k: [classify(cell) for cell in origin_rows[r]] for k, r in enumerate(body_index)}
    unsure: dict[int, list[GridCell]] = {}
    for cell in native.cells:
        if len(cell.candidates) > 1:
            unsure.setdefault(cell.row, []).append(cell)
    options = {k: _readings(unsure.get(r, ()), width) if r in unsure else identity for k, r in enumerate(body_index)}
    entries = build._entries(items, options, columns)
    units = build.column_units(columns, unit or None)
    table_rows = [build._row(source, items[k], options[k], units, origin_rows[r], unit or None) for k, r in enumerate(body_index)]
    build.label_rows(table_rows, entries)
    return Built(table_of(columns, table_rows, sums), relations(entries, kind), entries, financial=True)


def _readings(cells, width: int) -> list[tuple[int, ...]]:
    """A row's column readings: one, unless a cell is uncertain (a borderless PDF number between
    columns), when it may stand in any of its candidate columns (a handful of readings at most)."""
    readings = [tuple(range(width))]
    for cell in cells:
        if len(readings) * len(cell.candidates) <= 64:
            readings = [tuple(c if k == cell.column else v for k, v in enumerate(reading)) for reading in readings for c in cell.candidates]
    return readings


def _texts(row: list[RawCell]) -> list[str]:
    return [c.text for c in row if c.text]


def _plain(source: Source, origin_rows: list[list[RawCell]], rows: list[int], width: int, unit: str):
    """A table kept as printed, each cell in its own column (nothing in it is checked)."""
    from .model import Column

    out = []
    for r in rows:
        cells = [build._cell(source, c, unit or None) for c in origin_rows[r]]
        # Every slot, blank ones too: readers of these tables (evaluation.py) line cells up with the header.
        out.append(Row(source.position(origin_rows[r][0].start)[0], cells, printed=list(cells)))
    columns = [Column((str(k + 1),), "text") for k in range(width)]
    return columns, out, []
