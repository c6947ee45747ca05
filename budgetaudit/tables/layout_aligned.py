"""Columns aligned with spaces, as `pdftotext -layout` prints them (CJK characters two columns wide).

A field is a run of text separated from the next by two or more spaces. Fields
are placed by display column: the bands where fields of the block's lines
overlap are the table's columns, so an empty cell is simply a band with
nothing in it on that line.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from .model import RawBlock, RawCell

_FIELD: Final = re.compile(r"\S+(?: \S+)*")
MIN_LINES: Final = 3


def width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def fields(line: str) -> list[tuple[int, int, int, int]]:
    """(display start, display end, start index, end index) of every field in a line."""
    out = []
    column = 0
    position = 0
    for match in _FIELD.finditer(line):
        for ch in line[position : match.start()]:
            column += 2 if ch == "\t" else width(ch)
        start_column = column
        for ch in match.group(0):
            column += width(ch)
        out.append((start_column, column, match.start(), match.end()))
        position = match.end()
    return out


def _field_count(line: str) -> int:
    """How many fields a line has (a field boundary is two or more spaces), without measuring widths."""
    return len(_FIELD.findall(line)) if "  " in line.strip() else (1 if line.strip() else 0)


def is_row(line: str) -> bool:
    return (
        "\t" not in line and "|" not in line and "  " in line.strip()
        and _field_count(line) >= 3 and bool(re.search(r"\d", line))
    )


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    first = lines[start][1]
    header_line = _field_count(first) >= 3 and "\t" not in first and "|" not in first and start + 1 < len(lines) and is_row(lines[start + 1][1])
    if not is_row(first) and not header_line:
        return None
    i = start
    members: list[int] = []
    while i < len(lines):
        line = lines[i][1]
        if is_row(line) or (_field_count(line) >= 2 and members) or (i == start and header_line):
            members.append(i)
        elif line.strip():
            break
        elif i + 1 < len(lines) and not is_row(lines[i + 1][1]):
            break
        i += 1
    numbered = [m for m in members if is_row(lines[m][1])]
    if len(numbered) < MIN_LINES:
        return None
    # Column bands: merge the display intervals of all fields of lines with two or more fields.
    spans = sorted((a, b) for m in members for a, b, _, _ in fields(lines[m][1]))
    bands: list[list[int]] = []
    for a, b in spans:
        if bands and a < bands[-1][1]:
            bands[-1][1] = max(bands[-1][1], b)
        else:
            bands.append([a, b])
    rows: list[list[RawCell]] = []
    for m in members:
        offset, line = lines[m]
        row = [RawCell("", offset, offset) for _ in bands]
        for a, _b, s, e in fields(line):
            k = next(k for k, band in enumerate(bands) if band[0] <= a < band[1])
            row[k] = RawCell(line[s:e], offset + s, offset + e) if not row[k].text else RawCell(row[k].text + " " + line[s:e], row[k].start, offset + e)
        rows.append(row)
    last = members[-1]
    return RawBlock("aligned", rows, start + 1, last + 1, positional=True), last + 1
