"""What the .xlsx and .xls readers share: a number as its cell format prints it, and a sheet cut into
prose and tables.

A number stored as a number is read as the text its format prints: 1207.84 stored as the float
1207.8399999999999 and shown with two decimals is the text "1207.84", which stands for ±0.005
like any printed figure. The printed text is made from the float's shortest repr and the
format's decimals by decimal rounding, never by float arithmetic, and then parsed like text.

A sheet is cut at empty rows into blocks; a block where no row holds two cells is prose (one line
per row), any other block is a table (one per block, so a sheet with several tables gives several).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..tables.native import GridCell
from .compose import Composer

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def column_letters(index: int) -> str:
    """0-based column index -> A, B, …, Z, AA …"""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def number_text(value, number_format: str | None) -> str:
    """The text a number stored in a cell prints with its format (General: as Excel shows it)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        exact = Decimal(value)
    else:
        try:
            exact = Decimal(repr(float(value)))
        except (InvalidOperation, ValueError, OverflowError):
            return str(value)
        if not exact.is_finite():
            return str(value)
    fmt = (number_format or "General").split(";")[0]
    bare = _QUOTED.sub("", fmt)
    if bare.strip().lower() in ("general", "@", ""):
        # General shows at most 11 significant digits: 1207.8399999999999 is shown 1207.84.
        if exact == exact.to_integral_value() and abs(exact) < 10**11:
            return str(exact.quantize(Decimal(1)))
        shown = exact.quantize(Decimal(1).scaleb(exact.adjusted() - 10), rounding=ROUND_HALF_UP) if exact else exact
        return format(shown.normalize(), "f")
    percent = "%" in bare
    if percent:
        exact = exact * 100
    decimals = 0
    point = bare.find(".")
    if point >= 0:
        decimals = len(re.match(r"[0#?]*", bare[point + 1 :]).group(0))
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)
    text = f"{rounded:,f}" if "," in bare.split(".")[0] else f"{rounded:f}"
    return text + ("%" if percent else "")


def layout_sheet(composer: Composer, sheet: str, values: dict[tuple[int, int], str], merged: list[tuple[int, int, int, int]]) -> None:
    """Hand a sheet's blocks to the composer. `values`: (row, column) 0-based -> printed text;
    `merged`: (first row, first column, last row, last column), inclusive, 0-based."""
    if not values:
        return
    merge_at = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merged}
    hidden = {(r, c) for r0, c0, r1, c1 in merged for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
    by_row: dict[int, list[tuple[int, int]]] = {}
    for key in sorted(values):
        by_row.setdefault(key[0], []).append(key)
    filled_rows = sorted({r for (r, c), text in values.items() if text.strip() and (r, c) not in hidden})
    if not filled_rows:
        return
    # Rows joined by a merged range belong to one block even across an empty row.
    reach = {}
    for r0, _c0, r1, _c1 in merged:
        for r in range(r0, r1 + 1):
            reach[r] = max(reach.get(r, r), r1)
    blocks: list[list[int]] = []
    current: list[int] = []
    limit = -1
    for r in filled_rows:
        if current and r > limit + 1:
            blocks.append(current)
            current = []
        current.append(r)
        limit = max(limit, r, reach.get(r, r))
    if current:
        blocks.append(current)
    for block in blocks:
        first, last = block[0], max(block[-1], max((reach.get(r, r) for r in block), default=block[-1]))
        rows = range(first, last + 1)
        cells = []
        for r in rows:
            for rr, c in by_row.get(r, []):
                text = values[(rr, c)]
                if (rr, c) in hidden:
                    continue
                rowspan, colspan = merge_at.get((rr, c), (1, 1))
                cells.append(GridCell(text, r - first, c, rowspan, colspan, coords={"sheet": sheet, "cell": f"{column_letters(c)}{r + 1}"}))
        # Merged ranges whose top-left cell is empty still take their slots.
        for (r0, c0), (rowspan, colspan) in merge_at.items():
            if first <= r0 <= last and (r0, c0) not in values:
                cells.append(GridCell("", r0 - first, c0, rowspan, colspan))
        if not cells:
            continue
        left = min(c.column for c in cells)
        for cell in cells:
            cell.column -= left
        composer.grid(cells, [r + 1 for r in rows], sheet=sheet)
