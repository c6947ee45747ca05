"""Column recovery: decide in which column each printed cell stands.

Where empty cells were dropped, a row of five printed cells in a table of
seven columns can be read several ways. The reader keeps every reading that
(1) keeps the printed order, (2) puts text in text columns and amounts in
amount columns, and (3) lets the row's own totals hold (合计 = 基本支出 +
项目支出, within rounding). Then the table's totals across rows (a parent
code = the sum of its children, the 合计 row = the sum of the top rows) narrow
the readings further. A cell whose column still differs between readings is
uncertain: it is shown, but nothing is checked with it.
"""

from __future__ import annotations

import math

from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from ..figures import parse_number
from .header import is_code
from .model import Column, RawCell, RowSum
from .structure import Relation

MAX_READINGS = 4096  # per row; beyond it every ambiguous cell is left uncertain
MAX_COMBINATIONS = 4096  # per cross-row relation


@dataclass(slots=True)
class Item:
    cell: RawCell
    kind: str  # "nil", "code", "num", "text"
    value: Fraction | None = None
    half: Fraction = Fraction(0)  # half a unit in the last printed place
    side: str = ""
    # The printed interval in integer units of 1/BOUND_SCALE, for the many sums tried while
    # recovering columns: exact up to 8 decimals, widened (never narrowed) beyond.
    low: int = 0
    high: int = 0

    def __post_init__(self) -> None:
        if self.value is not None:
            self.low = math.floor((self.value - self.half) * BOUND_SCALE)
            self.high = math.ceil((self.value + self.half) * BOUND_SCALE)


BOUND_SCALE = 2 * 10**8


def classify(cell: RawCell) -> Item:
    text = cell.text.strip()
    if cell.blank:
        return Item(cell, "nil")
    parsed = parse_number(text)
    if parsed is not None:
        value, decimals = parsed
        return Item(cell, "code" if is_code(text) else "num", value, Fraction(1, 2 * 10**decimals))
    return Item(cell, "text", side=side_of(text))


def side_of(label: str) -> str:
    if "支出" in label or "结转下年" in label or "年末结转" in label:
        return "expenditure"
    if "收入" in label or "拨款" in label or "上年结转" in label or "年初结转" in label:
        return "revenue"
    return ""


def fits(item: Item, column: Column) -> bool:
    role = column.role
    if item.kind == "nil":
        return True
    if item.kind == "code":
        return role in ("code", "number", "seq")
    if item.kind == "num":
        return role == "number" or (role == "seq" and item.half == Fraction(1, 2) and item.value >= 0)
    if role not in ("label", "text"):
        return False
    return not (column.side and item.side and column.side != item.side)


def readings(items: list[Item], columns: list[Column], limit: int = MAX_READINGS) -> list[tuple[int, ...]] | None:
    """Every order-keeping placement of the items into distinct columns they fit; None past `limit`."""
    n, k = len(columns), len(items)
    # possible[i][j]: items i.. can be placed into columns j..
    possible = [[False] * (n + 1) for _ in range(k + 1)]
    for j in range(n + 1):
        possible[k][j] = True
    for i in range(k - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            possible[i][j] = possible[i][j + 1] or (fits(items[i], columns[j]) and possible[i + 1][j + 1])
    if not possible[0][0]:
        return []
    out: list[tuple[int, ...]] = []
    chosen: list[int] = []

    def walk(i: int, j: int) -> bool:
        if i == k:
            out.append(tuple(chosen))
            return len(out) <= limit
        for c in range(j, n):
            if not possible[i][c]:
                break
            if fits(items[i], columns[c]) and possible[i + 1][c + 1]:
                chosen.append(c)
                if not walk(i + 1, c + 1):
                    return False
                chosen.pop()
        return True

    if not walk(0, 0):
        return None
    return out


def _value_at(items: list[Item], reading: tuple[int, ...], column: int) -> Item | None:
    return _placed(items, reading).get(column)


_PLACED: dict[tuple[int, tuple[int, ...]], tuple[list[Item], dict[int, Item]]] = {}


def _placed(items: list[Item], reading: tuple[int, ...]) -> dict[int, Item]:
    """The amounts of a row by column under one reading (memoised: the search asks many times)."""
    key = (id(items), reading)
    hit = _PLACED.get(key)
    if hit is not None and hit[0] is items:
        return hit[1]
    placed = {c: item for item, c in zip(items, reading) if item.kind in ("num", "code")}
    if len(_PLACED) > 50_000:
        _PLACED.clear()
    _PLACED[key] = (items, placed)
    return placed


def sum_holds(total: Item | None, parts: list[Item | None]) -> bool:
    """Could the printed total be the sum of the printed parts? Blank parts may be unprinted details."""
    printed = [p for p in parts if p is not None]
    if total is None:
        return all(p.value == 0 for p in printed)
    if not printed:
        return True
    low = sum(p.low for p in printed)
    high = sum(p.high for p in printed)
    return low <= total.high and total.low <= high


def row_readings(items: list[Item], columns: list[Column], sums: list[RowSum], positional: bool) -> list[tuple[int, ...]] | None:
    if positional and len(items) == len(columns):
        return [tuple(range(len(items)))]
    if positional and len(items) > len(columns):
        while len(items) > len(columns) and items[-1].kind == "nil":
            items = items[:-1]
        if len(items) == len(columns):
            return [tuple(range(len(items)))]
    found = readings(items, columns)
    if not found:
        return found
    # Readings that put the same amounts in the summed columns are judged once.
    summed = sorted({c for s in sums for c in (s.total, *s.parts)})
    position = {c: k for k, c in enumerate(summed)}
    verdicts: dict[tuple, bool] = {}
    holding = []
    for reading in found:
        signature = _signature(items, reading, summed)
        verdict = verdicts.get(signature)
        if verdict is None:
            verdict = verdicts[signature] = all(
                _bounds_hold(signature[position[s.total]], [signature[position[p]] for p in s.parts]) for s in sums
            )
        if verdict:
            holding.append(reading)
    # A row whose own arithmetic fails in every reading is an error to report, not a clue to its layout.
    return holding or found


def narrow(
    relations: list[Relation],
    options: dict[int, list[tuple[int, ...]]],
    items: dict[int, list[Item]],
    number_columns: dict[str, list[int]],
) -> None:
    """Drop readings of rows that no reading of the related rows makes add up (in place)."""
    for _ in range(4):
        changed = False
        for relation in relations:
            entries = [relation.total, *relation.parts]
            rows = [e.row for e in entries]
            if any(not options.get(r) for r in rows):
                continue
            ambiguous = [r for r in dict.fromkeys(rows) if len(options.get(r, [])) > 1]
            if not ambiguous:
                continue
            columns = number_columns.get(relation.total.side, [])
            # Cheap first: a part cannot hold an amount in a column where the total certainly shows none.
            total_row = relation.total.row
            if len(options[total_row]) == 1:
                empty = {c for c in columns if _value_at(items[total_row], options[total_row][0], c) is None}
                for r in ambiguous:
                    if r == total_row:
                        continue
                    narrowed = [o for o in options[r] if all(
                        _value_at(items[r], o, c) is None or _value_at(items[r], o, c).value == 0 for c in empty)]
                    if narrowed and len(narrowed) < len(options[r]):
                        options[r] = narrowed
                        changed = True
                ambiguous = [r for r in ambiguous if len(options[r]) > 1]
                if not ambiguous:
                    continue
            # Judge only the columns the readings disagree on: the others are what the rules will check.
            moving = set()
            for r in ambiguous:
                sets = [set(reading) for reading in options[r]]
                moving |= set.union(*sets) - set.intersection(*sets)
            moving_columns = sorted(moving & set(columns))
            # Readings that place the same amounts in the moving columns are one case to try.
            signatures = {r: _signatures(items[r], options[r], moving_columns) for r in ambiguous}
            count = 1
            for r in ambiguous:
                count *= len(signatures[r])
            if count > MAX_COMBINATIONS:
                continue
            fixed = {
                row: _signature(items[row], options[row][0], moving_columns)
                for row in dict.fromkeys(rows) if row not in signatures
            }
            kept: dict[int, set[tuple]] = {r: set() for r in ambiguous}
            for combination in product(*(list(signatures[r]) for r in ambiguous)):
                chosen = {**fixed, **dict(zip(ambiguous, combination))}
                if all(
                    _bounds_hold(chosen[relation.total.row][k], [chosen[p.row][k] for p in relation.parts])
                    for k in range(len(moving_columns))
                ):
                    for r, signature in zip(ambiguous, combination):
                        kept[r].add(signature)
            if all(kept[r] for r in ambiguous):
                for r in ambiguous:
                    narrowed = [o for sig, group in signatures[r].items() if sig in kept[r] for o in group]
                    narrowed.sort(key=options[r].index)
                    if len(narrowed) < len(options[r]):
                        options[r] = narrowed
                        changed = True
        if not changed:
            break


def _signature(items: list[Item], reading: tuple[int, ...], columns: list[int]) -> tuple:
    """The printed bounds a reading puts in each of `columns` (None where it puts no amount)."""
    placed = _placed(items, reading)
    return tuple((placed[c].low, placed[c].high) if c in placed else None for c in columns)


def _signatures(items: list[Item], readings_: list[tuple[int, ...]], columns: list[int]) -> dict[tuple, list]:
    out: dict[tuple, list] = {}
    for reading in readings_:
        out.setdefault(_signature(items, reading, columns), []).append(reading)
    return out


def _bounds_hold(total: tuple[int, int] | None, parts: list[tuple[int, int] | None]) -> bool:
    """sum_holds on integer bounds: could the printed total be the sum of the printed parts?"""
    printed = [p for p in parts if p is not None]
    if total is None:
        return all(low <= 0 <= high for low, high in printed)
    if not printed:
        return True
    return sum(p[0] for p in printed) <= total[1] and total[0] <= sum(p[1] for p in printed)
