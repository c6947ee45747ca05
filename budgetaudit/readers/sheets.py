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
from fractions import Fraction

from ..figures import format_decimal
from ..source import InputError
from ..tables.native import GridCell
from .compose import Composer

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
MAX_CELLS = 2_000_000  # cells present in one sheet (a 100,000-row table of 20 columns)
MAX_MERGED_CELLS = 1_000_000  # cells covered by the merged ranges of one sheet, clipped to the cells present


def column_index(letters: str) -> int:
    """A, B, …, Z, AA … -> 1-based column number."""
    out = 0
    for letter in letters.upper():
        out = out * 26 + ord(letter) - ord("A") + 1
    return out


def column_letters(index: int) -> str:
    """0-based column index -> A, B, …, Z, AA …"""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def number_text(value, number_format: str | None) -> str:
    """The text a number stored in a cell prints with its format (General: as Excel shows it).

    The stored float becomes an exact Fraction through its shortest repr, and is rounded half up
    to the format's decimals by the project's one rounding routine: no float arithmetic.
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    try:
        exact = Fraction(value) if isinstance(value, int) else Fraction(repr(float(value)))
    except (ValueError, OverflowError, TypeError):
        return str(value)  # inf, nan, or not a number at all
    fmt = (number_format or "General").split(";")[0]
    bare = _QUOTED.sub("", fmt)
    if bare.strip().lower() in ("general", "@", ""):
        # General shows at most 11 significant digits: 1207.8399999999999 is shown 1207.84.
        if exact.denominator == 1 and abs(exact) < 10**11:
            return str(exact.numerator)
        places = 10 - _exponent(exact)
        if places < 0:  # keep 11 significant digits of a large number: round to a power of ten
            unit = 10 ** -places
            return format_decimal(exact / unit, 0) + "0" * -places
        text = format_decimal(exact, places)
        return text.rstrip("0").rstrip(".") if "." in text else text
    percent = "%" in bare
    if percent:
        exact *= 100
    decimals = 0
    point = bare.find(".")
    if point >= 0:
        decimals = len(re.match(r"[0#?]*", bare[point + 1 :]).group(0))
    text = format_decimal(exact, decimals)
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]  # a negative amount rounded to zero prints as 0
    if "," in bare.split(".")[0]:
        whole, dot, frac = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        digits = whole.lstrip("-")
        grouped = ",".join(digits[max(0, i - 3) : i] for i in range(len(digits), 0, -3)[::-1])
        text = sign + grouped + dot + frac
    return text + ("%" if percent else "")


def _exponent(value: Fraction) -> int:
    """e with 10**e <= |value| < 10**(e+1) (0 for zero)."""
    value = abs(value)
    if value == 0:
        return 0
    e = len(str(value.numerator)) - len(str(value.denominator))
    while Fraction(10) ** e > value:
        e -= 1
    while Fraction(10) ** (e + 1) <= value:
        e += 1
    return e


def _clipped(merged: list[tuple[int, int, int, int]], values: dict) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the rectangle of the cells present (a range over the whole sheet covers
    only what is printed); more covered cells than MAX_MERGED_CELLS is refused."""
    last_row = max(r for r, _ in values)
    last_column = max(c for _, c in values)
    out = []
    covered = 0
    for r0, c0, r1, c1 in merged:
        if r0 > last_row or c0 > last_column or r1 < r0 or c1 < c0:
            continue
        r1, c1 = min(r1, last_row), min(c1, last_column)
        covered += (r1 - r0 + 1) * (c1 - c0 + 1)
        if covered > MAX_MERGED_CELLS:
            raise InputError(f"merged ranges covering more than {MAX_MERGED_CELLS:,} cells in one sheet "
                             "(the limit of merged cells)")
        out.append((r0, c0, r1, c1))
    return out


def layout_sheet(composer: Composer, sheet: str, values: dict[tuple[int, int], str], merged: list[tuple[int, int, int, int]]) -> None:
    """Hand a sheet's blocks to the composer. `values`: (row, column) 0-based -> printed text;
    `merged`: (first row, first column, last row, last column), inclusive, 0-based."""
    if not values:
        return
    if len(values) > MAX_CELLS:
        raise InputError(f"a sheet of more than {MAX_CELLS:,} cells (the limit of cells in a sheet)")
    merged = _clipped(merged, values)
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
