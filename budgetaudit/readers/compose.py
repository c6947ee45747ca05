"""What every structured reader shares: the Source text it renders, and the coordinates behind it.

A reader walks its file in reading order and hands the Composer prose lines and grids. The
Composer renders them into one text (a paragraph per line, a grid row per line with its cells
separated by TABs), so every figure has a line and column like in a text file, and remembers the
file's own coordinates of each piece (page, sheet and cell, table, row and column). The Source
it returns adds those coordinates to every span it gives, so prose and table figures alike carry
them into findings.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field
from typing import Final

from ..source import InputError, Source, Span, describe_size, max_bytes
from ..tables.header import is_title_row, is_unit_row
from ..tables.model import RawCell
from ..tables.native import GridCell, NativeTable, Unreadable

_CONTROL: Final = re.compile(r"[\t\r\n\v\f]+")


@dataclass(slots=True)
class LocatedSource(Source):
    """A Source rendered from a structured file: spans also carry the file's own coordinates."""

    regions: list[tuple[int, int, dict]] = field(default_factory=list)  # (start, end, coordinates), sorted
    _starts: list[int] = field(default_factory=list, repr=False)

    def locate(self, regions: list[tuple[int, int, dict]]) -> None:
        self.regions = sorted(regions, key=lambda r: r[0])
        self._starts = [r[0] for r in self.regions]

    def coordinates(self, offset: int) -> dict:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0:
            start, end, coords = self.regions[index]
            if start <= offset < max(end, start + 1):
                return coords
        return {}

    def span(self, start: int, end: int) -> Span:
        base = Source.span(self, start, end)
        coords = self.coordinates(start)
        return dataclasses.replace(base, **coords) if coords else base


def cell_text(text: str) -> str:
    """A cell's text on one line: its own line breaks joined (Chinese wraps without a space)."""
    parts = [p.strip() for p in re.split(r"[\r\n\v\f]+", text or "")]
    out = ""
    for part in parts:
        if not part:
            continue
        glue = " " if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum() else ""
        out += glue + part
    return _CONTROL.sub(" ", out).strip()


# A grid much larger than the cells in it (spans of thousands, a cell far from the rest) is clipped to
# the cells present before it is laid out: its columns are those where some cell starts, and a span
# reaches only the rows of the grid.
_SPARSE_AREA: Final = 1_000_000
_SPARSE_RATIO: Final = 16


def _clip_to_present(cells: list[GridCell]) -> int:
    """Renumber the columns to those where a cell starts and clip every span to them and to the rows
    present; the new width."""
    starts = sorted({c.column for c in cells})
    rank = {column: index for index, column in enumerate(starts)}
    last_row = max(c.row for c in cells)
    for cell in cells:
        first = rank[cell.column]
        end = bisect.bisect_left(starts, cell.column + cell.colspan)
        cell.column = first
        cell.colspan = max(1, end - first)
        cell.rowspan = max(1, min(cell.rowspan, last_row + 1 - cell.row))
    return len(starts)


class Composer:
    def __init__(self, path: str, layout: str):
        self.path = path
        self.layout = layout
        self.chunks: list[str] = []
        self.offset = 0
        self.line = 1
        self.regions: list[tuple[int, int, dict]] = []
        self.items: list = []
        self.tables = 0
        self.limit = max_bytes()  # the rendered text is held to the limit of a file as stored

    def _emit(self, text: str) -> int:
        start = self.offset
        self.chunks.append(text + "\n")
        self.offset += len(text) + 1
        if self.offset > self.limit:
            raise InputError(f"its text expands past the {describe_size(self.limit)} size limit (--max-bytes)")
        self.line += 1
        return start

    def text(self, text: str, **coords) -> None:
        """Prose: each of its lines becomes one line of the Source."""
        for line in re.split(r"\r\n|\r|\n|\v|\f", text):
            line = line.rstrip()
            start = self._emit(line)
            if coords and line:
                self.regions.append((start, start + len(line), dict(coords)))

    def unreadable(self, reason: str, note: str, **coords) -> None:
        start = self._emit(note)
        self.regions.append((start, start + len(note), dict(coords)))
        self.items.append(Unreadable(reason, start, start + len(note)))

    def grid(self, cells: list[GridCell], rows: list[int] | None = None, **coords) -> None:
        """A real table: its cells with their slots and spans. Leading lines that are prose printed in
        the grid (a 附件2 heading row) are given to the prose; a one-column grid is all prose.

        `rows` are the file's own row numbers of the grid rows (1-based; default 1, 2, …)."""
        # Every kept cell's cleaned text is printed, so their sum is held to what the text may still hold
        # as each is cleaned: one long shared string of an .xlsx under 200,000 cells was 2 GB to clean.
        # A text under many cells is cleaned once.
        room = self.limit - self.offset
        cleaned: dict[str, str] = {}
        for cell in cells:
            clean = cleaned.get(cell.text)
            if clean is None:
                clean = cleaned[cell.text] = cell_text(cell.text)
            cell.text = clean
            if cell.rowspan > 0 and cell.colspan > 0:
                room -= len(cell.text)
                if room < 0:
                    raise InputError(f"its text expands past the {describe_size(self.limit)} size limit (--max-bytes)")
        cells = [c for c in cells if c.rowspan > 0 and c.colspan > 0]
        if not cells:
            return
        height = max(c.row + c.rowspan for c in cells)
        width = max(c.column + c.colspan for c in cells)
        if height * width > _SPARSE_AREA and height * width > _SPARSE_RATIO * len(cells):
            width = _clip_to_present(cells)
            height = max(c.row + c.rowspan for c in cells)
        if height * width > self.limit:
            raise InputError(f"a table of {height:,} rows by {width:,} columns is past the "
                             f"{describe_size(self.limit)} size limit (--max-bytes)")
        rows = rows or list(range(1, height + 1))
        by_row: dict[int, list[GridCell]] = {}
        for cell in cells:
            by_row.setdefault(cell.row, []).append(cell)
        if width == 1 or sum(1 for c in cells if c.text) <= 1:
            for r in range(height):
                for cell in sorted(by_row.get(r, []), key=lambda c: c.column):
                    if cell.text:
                        self.text(cell.text, **{**coords, **cell.coords})
            return
        top = 0
        while top < height - 1:
            printed = [c for c in by_row.get(top, []) if c.text]
            if len(printed) > 1 or any(c.rowspan > 1 for c in printed):
                break
            if printed:
                raw = [RawCell(printed[0].text, 0, 0)]
                if is_title_row(raw) or is_unit_row(raw):
                    break
                self.text(printed[0].text, **{**coords, **printed[0].coords})
            top += 1
        cells = [c for c in cells if c.row >= top]
        for cell in cells:
            cell.row -= top
        height -= top
        file_rows = rows[top:]
        self.tables += 1
        index = self.tables
        origin = {(c.row, c.column): c for c in cells}
        first_line = self.line
        row_offsets = []
        for r in range(height):
            line_start = self.offset
            pieces = []
            position = 0
            for c in range(width):
                if c:
                    position += 1  # the TAB
                placed = origin.get((r, c))
                if placed is not None and placed.text:
                    placed.start = line_start + position
                    placed.end = placed.start + len(placed.text)
                    where = {**coords, **placed.coords, "table": index, "row": file_rows[r] if r < len(file_rows) else r + 1, "table_column": c + 1}
                    self.regions.append((placed.start, placed.end, where))
                    pieces.append(placed.text)
                    position += len(placed.text)
                else:
                    if placed is not None:
                        placed.start = placed.end = line_start + position
                    pieces.append("")
            self._emit("\t".join(pieces))
            row_offsets.append(line_start)
        self.items.append(NativeTable(cells, height, width, row_offsets, first_line, self.line - 1, index, self.layout))

    def finish(self, encoding: str) -> tuple[LocatedSource, list]:
        source = LocatedSource(self.path, "".join(self.chunks), encoding)
        source.locate(self.regions)
        return source, self.items
