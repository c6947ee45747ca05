"""From a block of printed rows to Tables: title, kind, unit, header, columns, and every cell placed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from ..figures import figure_at
from ..source import Source
from . import columns as recovery
from . import forms
from .header import (
    FINANCIAL_EXCLUDED,
    column_paths,
    is_unit_row,
    kind_of,
    roles,
    row_sums,
    split_header,
    split_notes,
    split_titles,
    unit_of,
)
from .model import (
    FIGURE,
    NIL,
    TEXT,
    UNCERTAIN,
    Cell,
    Column,
    RawBlock,
    RawCell,
    Row,
    Table,
)
from .narrowing import narrow
from .structure import Entry, Relation, relations

_LATEX: Final = {"\\geq": "≥", "\\leq": "≤", "\\ge": "≥", "\\le": "≤"}


@dataclass(slots=True)
class Built:
    table: Table
    relations: list[Relation] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    financial: bool = False
    problem: str = ""  # why the table's columns could not be rebuilt


def build(source: Source, block: RawBlock) -> list[Built]:
    out = []
    for index, (title, title_cell, rows) in enumerate(split_titles(block.rows)):
        if not rows:
            continue
        heading = block.heading if index == 0 else ""
        first = source.position(title_cell.start)[0] if title_cell else _line(source, rows[0])
        if index == 0:
            first = min(first, block.first_line)
        out.append(_build_one(source, block, _title(heading, title), heading, rows, first))
    return out


def _title(heading: str, title: str) -> str:
    """附件2 over 一般公共预算…表 reads as one title; a title that names its own 附件 stands alone."""
    if title and heading and heading != title and title not in heading and not re.match(r"\s*(?:附件|附表)", title):
        return f"{heading} {title}" if len(heading) <= 8 else title
    return title or heading


def _line(source: Source, row: list[RawCell]) -> int:
    return source.position(row[0].start)[0] if row else 0


def _last_line(source: Source, rows: list[list[RawCell]], fallback: int) -> int:
    ends = [c.end for r in rows for c in r if c.text]
    return source.position(max(ends))[0] if ends else fallback


def _header_texts(header: list[list[RawCell]], positional: bool) -> list[list[str]]:
    texts = [[c.text for c in r] if positional else [c.text for c in r if c.text] for r in header]
    if positional and texts:
        # A merged header cell is printed once, over the first of the columns it spans.
        for r in range(len(texts) - 1):
            for j in range(1, len(texts[r])):
                below = texts[r + 1] if r + 1 < len(texts) else []
                if not texts[r][j] and j < len(below) and below[j] and below[j - 1]:
                    texts[r][j] = texts[r][j - 1]
        width = max(len(t) for t in texts)
        paths = []
        for j in range(width):
            path = tuple(dict.fromkeys(t[j] for t in texts if j < len(t) and t[j]))
            paths.append(path)
        return [[("/".join(p)) for p in paths]] if len(texts) > 1 else texts
    return texts


def _build_one(source: Source, block: RawBlock, title: str, heading: str, rows: list[list[RawCell]], first: int) -> Built:
    kind = kind_of(title)
    last = _last_line(source, rows, block.last_line)
    unit = unit_of([title, heading, block.unit_line] + [c.text for r in rows[:4] for c in r])
    kept, notes = split_notes(rows)
    rows, notes = (kept, notes) if kept else (rows, [])
    if kind in forms.FORM_KINDS and block.layout == "tab_rows":
        rows = forms.join_wrapped(source, rows)
    header_rows, body = split_header(rows)
    header_texts = [[c.text for c in r if c.text] for r in header_rows]
    if kind in FINANCIAL_EXCLUDED or not body or (kind == "unknown" and not header_rows):
        return Built(_plain(source, title, kind, unit, header_texts, rows, first, last, block, notes), financial=False)
    if block.positional:
        merged = _header_texts(header_rows, True)
        paths = [tuple(p.split("/")) for p in merged[-1]] if merged else None
        if paths and len(header_rows) == 1:
            paths = column_paths(header_texts) if len(header_texts[0]) == len(paths) else paths
    else:
        paths = column_paths(header_texts)
    problem = ""
    if not paths:
        problem = "表头无法拆分为列"
        return Built(_plain(source, title, kind, unit, header_texts, rows, first, last, block, notes), problem=problem)
    cols = roles(paths)
    sums = row_sums(cols)
    items = {index: [recovery.classify(c) for c in (r if block.positional else [c for c in r if c.text])] for index, r in enumerate(body)}
    numbers = [k for k, c in enumerate(cols) if c.role in ("number", "seq")]  # a 行次 1 prints as a number
    widest = max((sum(1 for i in its if i.kind in ("num",)) for its in items.values()), default=0)
    if widest > len(numbers):
        problem = f"数字单元格多于表头的金额列（{widest} > {len(numbers)}）"
        return Built(_plain(source, title, kind, unit, header_texts, rows, first, last, block, notes), problem=problem)
    reader = recovery.RowReader(cols, sums, block.positional)
    options: dict[int, list[tuple[int, ...]]] = {index: reader.readings(its) or [] for index, its in items.items()}
    entries = _entries(items, options, cols)
    rels = relations(entries, kind)
    by_side: dict[str, list[int]] = {}
    for k, c in enumerate(cols):
        if c.role == "number":
            by_side.setdefault(c.side, []).append(k)
    if narrow(rels, options, items, by_side):
        entries = _entries(items, options, cols)
        rels = relations(entries, kind)
    units = column_units(cols, unit or None)
    table_rows = [_row(source, its, options[index], units, body[index], unit or None) for index, its in items.items()]
    label_rows(table_rows, entries)
    table = Table(title, kind, unit, header_texts, cols, table_rows, first, last, block.layout, sums, notes)
    return Built(table, rels, entries, financial=True)


def _entries(items: dict, options: dict, cols: list[Column]) -> list[Entry]:
    """(row, side, code, label) of every row, from the cells whose column every reading agrees on."""
    entries = []
    sides = sorted({c.side for c in cols if c.role == "label"}, key=lambda s: (s != "revenue", s))
    for index, its in items.items():
        readings = options.get(index) or []
        certain = _certain(its, readings)
        code = ""
        labels: dict[str, str] = {}
        for item, column in zip(its, certain):
            if column is None or item.kind == "nil":
                continue
            role = cols[column].role
            if role == "code" and item.kind == "code":
                code = item.cell.text.strip()
            elif role == "label" and item.kind == "text":
                labels.setdefault(cols[column].side, "".join(item.cell.text.split()))
        for side in sides:
            if side in labels or (code and side == sides[0]):
                entries.append(Entry(index, side, code if side == sides[0] else "", labels.get(side, "")))
    return entries


def _certain(items: list, readings: list[tuple[int, ...]]) -> list[int | None]:
    """The column of each item where every reading agrees, else None."""
    if not readings:
        return [None] * len(items)
    if len(readings) == 1:
        return list(readings[0])
    out = []
    for k in range(len(items)):
        first = readings[0][k]
        out.append(first if all(r[k] == first for r in readings) else None)
    return out


def _cell(source: Source, raw: RawCell, unit: str | None) -> Cell:
    if raw.blank:
        return Cell(NIL, raw.text, None, raw.start, raw.end)
    return _printed_cell(source, raw, unit, recovery.parse_number(raw.text) is not None)


def _printed_cell(source: Source, raw: RawCell, unit: str | None, number: bool) -> Cell:
    """A cell that is not blank: a figure where it prints a number (`number`: its text parses as one),
    else text, with \\geq / \\leq written as ≥ / ≤."""
    if number and raw.text.endswith("%"):
        figure = figure_at(source, raw.start, raw.end - 1, "%", raw.end)  # the cell prints its own unit
    else:
        figure = figure_at(source, raw.start, raw.end, unit) if number else None
    if figure is not None:
        return Cell(FIGURE, raw.text, figure, raw.start, raw.end)
    text = raw.text
    if "\\" in text:
        for latex, symbol in _LATEX.items():
            text = text.replace(latex, symbol)
    return Cell(TEXT, text, None, raw.start, raw.end)


def label_rows(table_rows: list, entries: list) -> None:
    """Give each row the code and label its entry found, where the row has none of its own."""
    for entry in entries:
        row = table_rows[entry.row]
        if entry.code and not row.code:
            row.code = entry.code
        if entry.label and not row.label:
            row.label = entry.label


def _row(source: Source, items: list, readings: list[tuple[int, ...]], units: list[str | None], raw: list[RawCell], unit: str | None) -> Row:
    """A body row's cells by column (`units`: each column's, see column_units); a cell whose column the
    readings leave open is uncertain, shown in every column it may stand in that nothing else fills."""
    width = len(units)
    cells: list[Cell | None] = [None] * width  # None: nothing printed there (an empty cell, made at the end)
    printed = []
    line = source.position(raw[0].start)[0] if raw else 0
    everywhere = list(range(width))
    for k, item in enumerate(items):
        if item.kind == "nil" and not item.cell.text:
            continue
        column = None
        if not readings:
            candidates = everywhere
        elif k >= len(readings[0]):
            candidates = []  # an empty cell printed past the table's last column (RowReader drops it)
        elif len(readings) == 1:
            candidates = [readings[0][k]]
        else:
            candidates = sorted({r[k] for r in readings})
        cell_unit = unit
        if len(candidates) == 1:
            column = candidates[0]
            cell_unit = units[column]
        # The item's kind already says what _cell would find: nil is blank, a value is a number.
        raw_cell = item.cell
        if item.kind == "nil":
            cell = Cell(NIL, raw_cell.text, None, raw_cell.start, raw_cell.end)
        else:
            cell = _printed_cell(source, raw_cell, cell_unit, item.value is not None)
        if cell.state == NIL and column is not None:
            cells[column] = cell
            printed.append(cell)
            continue
        if column is None and cell.state != NIL:
            cell = Cell(UNCERTAIN, cell.text, cell.figure, cell.start, cell.end, tuple(candidates))
            for c in candidates:
                held = cells[c]
                if held is None or held.state == NIL:
                    cells[c] = cell
        elif column is not None:
            cells[column] = cell
        printed.append(cell)
    return Row(line, [cell if cell is not None else Cell(NIL) for cell in cells], printed=printed)


def column_units(columns: list[Column], unit: str | None) -> list[str | None]:
    """The unit of a figure standing in each column: none outside amount columns, % in a rate column,
    else the table's unit (worked out once per table, not per cell)."""
    return [_unit_for(column, unit) for column in columns]


def _unit_for(column: Column, unit: str | None) -> str | None:
    if column.role != "number":
        return None
    if "%" in column.name or "率" in column.name:
        return "%"
    return unit


def _plain(source: Source, title: str, kind: str, unit: str, header: list[list[str]], rows: list[list[RawCell]], first: int, last: int, block: RawBlock, notes: list[str] | None = None) -> Table:
    """A table kept as printed: rows of cells without column recovery (nothing is checked in it).

    A 单位:万元 line inside the frame is the table's unit, not one of its rows.
    A form's indicator row that left out the empty leading cell of a merged column stands under
    the form's header (forms.align); one that cannot be placed keeps its figures uncertain.
    A 联系电话 is no figure.
    """
    rows = [r for r in rows if not is_unit_row(r)] or rows
    placements = forms.align(rows, block.positional) if kind in forms.FORM_KINDS else [forms.Placement() for _ in rows]
    width = max((len(r) + p.shift for r, p in zip(rows, placements)), default=0)
    out = []
    for raw, placement in zip(rows, placements):
        printed = []
        after_key = False  # the last cell with text so far is a 联系电话 key: this one holds a phone number
        for k, c in enumerate(raw):
            has_text = bool(c.text.strip())
            phone = has_text and after_key
            if has_text:
                after_key = _is_phone_key(c.text)
            cell = Cell(TEXT, c.text, None, c.start, c.end) if phone else _cell(source, c, unit or None)
            if placement.spread and cell.state == FIGURE:
                place = k + placement.shift
                cell = Cell(UNCERTAIN, cell.text, cell.figure, cell.start, cell.end, tuple(range(place, min(width, place + placement.spread + 1))))
            printed.append(cell)
        cells = [Cell(NIL) for _ in range(placement.shift)] + printed
        cells += [Cell(NIL) for _ in range(width - len(cells))]
        out.append(Row(source.position(raw[0].start)[0] if raw else 0, cells, printed=printed))
    columns = [Column((str(k + 1),), "text") for k in range(width)]
    return Table(title, kind, unit, header, columns, out, first, last, block.layout, notes=list(notes or []))


_PHONE_KEY: Final = re.compile(r"^(?:联系电话|电话|联系方式|手机|手机号码|固定电话)[:：]?$")


def _is_phone_key(text: str) -> bool:
    """A 联系电话 cell: the cell printed right after it holds a phone number, not an amount."""
    if "话" not in text and "机" not in text and "式" not in text:
        return False  # asked of every text cell: each key has one of these (spaced out or not)
    return bool(_PHONE_KEY.match("".join(text.split())))
