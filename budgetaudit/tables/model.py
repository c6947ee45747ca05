"""A table rebuilt from flattened text: columns with header paths, rows of cells.

A cell is a figure, nil (blank or "-": printed as nothing, never read as 0),
text, or uncertain (printed, but the column it stands in could not be decided).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from ..figures import Figure

FIGURE, NIL, TEXT, UNCERTAIN = "figure", "nil", "text", "uncertain"


@dataclass(slots=True, init=False)
class RawCell:
    """One printed cell as a layout reader found it: its text (lines joined) and offsets."""

    text: str
    start: int
    end: int

    def __init__(self, text: str, start: int, end: int) -> None:  # hand-written: see source.Span
        self.text = text
        self.start = start
        self.end = end

    @property
    def blank(self) -> bool:
        return self.text.strip() in ("", "-", "—", "--", "——", "/")


@dataclass(slots=True)
class RawBlock:
    """Consecutive lines one layout reader recognised as a table, cut into printed rows."""

    layout: str
    rows: list[list[RawCell]]
    first_line: int
    last_line: int
    positional: bool  # empty cells keep their place (False: dropped wherever they were)
    heading: str = ""  # a heading line just above the block (附件2 …表)
    unit_line: str = ""  # a 单位:万元 line between that heading and the block


@dataclass(slots=True, init=False)
class Cell:
    state: str  # FIGURE, NIL, TEXT or UNCERTAIN
    text: str = ""
    figure: Figure | None = None
    start: int = -1
    end: int = -1
    candidates: tuple[int, ...] = ()  # for UNCERTAIN: the columns it may stand in

    def __init__(  # hand-written: see source.Span
        self,
        state: str,
        text: str = "",
        figure: Figure | None = None,
        start: int = -1,
        end: int = -1,
        candidates: tuple[int, ...] = (),
    ) -> None:
        self.state = state
        self.text = text
        self.figure = figure
        self.start = start
        self.end = end
        self.candidates = candidates

    @property
    def value(self) -> Fraction | None:
        return self.figure.value if self.figure is not None else None


@dataclass(slots=True, init=False)
class Column:
    path: tuple[str, ...]  # header texts from the top, e.g. ("2026年预算数", "基本支出")
    role: str  # "code", "seq", "label", "number", "text"
    side: str = ""  # "revenue" / "expenditure" in a two-sided 收支总表

    def __init__(self, path: tuple[str, ...], role: str, side: str = "") -> None:  # hand-written: see source.Span
        self.path = path
        self.role = role
        self.side = side

    @property
    def name(self) -> str:
        return "/".join(p for p in self.path if p)

    @property
    def leaf(self) -> str:
        return self.path[-1] if self.path else ""


@dataclass(slots=True, init=False)
class Row:
    line: int
    cells: list[Cell]  # one per column
    code: str = ""
    label: str = ""
    printed: list[Cell] = field(default_factory=list)  # every printed cell, in print order

    def __init__(  # hand-written: see source.Span
        self, line: int, cells: list[Cell], code: str = "", label: str = "", printed: list[Cell] | None = None
    ) -> None:
        self.line = line
        self.cells = cells
        self.code = code
        self.label = label
        self.printed = [] if printed is None else printed

    def figure(self, column: int) -> Figure | None:
        cell = self.cells[column]
        return cell.figure if cell.state == FIGURE else None

    @property
    def uncertain(self) -> bool:
        return any(c.state == UNCERTAIN for c in self.cells)


@dataclass(slots=True)
class RowSum:
    """A column that is the sum of other columns in every row (合计 = 基本支出 + 项目支出)."""

    total: int
    parts: list[int]


@dataclass(slots=True)
class Table:
    title: str
    kind: str
    unit: str
    header: list[list[str]]  # header rows as printed
    columns: list[Column]
    rows: list[Row]
    first_line: int
    last_line: int
    layout: str = ""
    row_sums: list[RowSum] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.columns)

    def number_columns(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.role == "number"]
