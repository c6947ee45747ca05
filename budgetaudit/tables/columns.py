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
            # floor and ceiling of (value ∓ half) × BOUND_SCALE, in integers.
            vn, vd = self.value.numerator, self.value.denominator
            hn, hd = self.half.numerator, self.half.denominator
            den = vd * hd
            self.low = (vn * hd - hn * vd) * BOUND_SCALE // den
            self.high = -(-(vn * hd + hn * vd) * BOUND_SCALE // den)


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


def row_readings(items: list[Item], columns: list[Column], sums: list[RowSum], positional: bool) -> list[tuple[int, ...]] | None:
    """The readings of a row (order-keeping placements of its items into distinct columns they fit) that
    let the row's own sums hold; every reading when none does (a row whose arithmetic fails in every
    reading is an error to report, not a clue to its layout); None past MAX_READINGS readings.

    The readings are counted first and only walked when there are few enough; the walk checks each
    sum as soon as the placement has passed its last column, so a failing prefix is never extended.
    """
    if positional and len(items) == len(columns):
        return [tuple(range(len(items)))]
    if positional and len(items) > len(columns):
        while len(items) > len(columns) and items[-1].kind == "nil":
            items = items[:-1]
        if len(items) == len(columns):
            return [tuple(range(len(items)))]
    n, k = len(columns), len(items)
    fit = [[fits(item, column) for column in columns] for item in items]
    # count[i][j]: the placements of items i.. into columns j.. (capped just past the limit).
    count = [[0] * (n + 1) for _ in range(k + 1)]
    count[k] = [1] * (n + 1)
    for i in range(k - 1, -1, -1):
        row, below, fitting = count[i], count[i + 1], fit[i]
        for j in range(n - 1, -1, -1):
            ways = row[j + 1] + (below[j + 1] if fitting[j] else 0)
            row[j] = ways if ways <= MAX_READINGS else MAX_READINGS + 1
    total = count[0][0]
    if total == 0:
        return []
    if total > MAX_READINGS:
        return None
    if total == 1 or not sums:
        return _walk(fit, count, n, k, None)
    # The bounds a placement puts in each column (None where it puts no amount), and the sums whose
    # last column is each column, judged when the walk has passed it.
    bounds = [(item.low, item.high) if item.kind in ("num", "code") else None for item in items]
    due: list[list[tuple[int, tuple[int, ...]]]] = [[] for _ in range(n)]
    for s in sums:
        due[max(s.total, *s.parts)].append((s.total, tuple(s.parts)))
    holding = _walk(fit, count, n, k, (bounds, due))
    return holding or _walk(fit, count, n, k, None)


def _walk(fit: list[list[bool]], count: list[list[int]], n: int, k: int, judge) -> list[tuple[int, ...]]:
    """Every placement, items placed left to right, or with judge=(bounds, due) those whose sums hold."""
    out: list[tuple[int, ...]] = []
    chosen: list[int] = []
    at: list[tuple[int, int] | None] = [None] * n
    bounds, due = judge if judge is not None else (None, None)

    def holds(first: int, last: int) -> bool:
        for c in range(first, last + 1):
            for total, parts in due[c]:
                if not _all_hold((at[total],), [(at[p],) for p in parts], _ONE):
                    return False
        return True

    def walk(i: int, j: int) -> None:
        if i == k:
            if due is not None:
                for c in range(j, n):
                    at[c] = None
                if not holds(j, n - 1):
                    return
            out.append(tuple(chosen))
            return
        below = count[i + 1]
        fitting = fit[i]
        for c in range(j, n):
            if not count[i][c]:
                break
            if fitting[c] and below[c + 1]:
                if due is not None:
                    for e in range(j, c):
                        at[e] = None
                    at[c] = bounds[i]
                    if not holds(j, c):
                        continue
                chosen.append(c)
                walk(i + 1, c + 1)
                chosen.pop()

    walk(0, 0)
    return out


def narrow(
    relations: list[Relation],
    options: dict[int, list[tuple[int, ...]]],
    items: dict[int, list[Item]],
    number_columns: dict[str, list[int]],
) -> None:
    """Drop readings of rows that no reading of the related rows makes add up (in place)."""
    placements: dict[int, dict[tuple[int, ...], dict[int, Item]]] = {}

    def placed(row: int, reading: tuple[int, ...]) -> dict[int, Item]:
        """The amounts of a row by column under one reading (asked many times: computed once)."""
        known = placements.get(row)
        if known is None:
            known = placements[row] = {}
        out = known.get(reading)
        if out is None:
            out = known[reading] = {c: item for item, c in zip(items[row], reading) if item.kind in ("num", "code")}
        return out

    def signature(row: int, reading: tuple[int, ...], columns: list[int]) -> tuple:
        at = placed(row, reading)
        return tuple((at[c].low, at[c].high) if c in at else None for c in columns)

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
                shown = placed(total_row, options[total_row][0])
                empty = [c for c in columns if c not in shown]
                for r in ambiguous:
                    if r == total_row:
                        continue
                    narrowed = []
                    for o in options[r]:
                        at = placed(r, o)
                        if all(c not in at or at[c].value == 0 for c in empty):
                            narrowed.append(o)
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
            signatures: dict[int, dict[tuple, list]] = {}
            for r in ambiguous:
                groups = signatures[r] = {}
                for reading in options[r]:
                    groups.setdefault(signature(r, reading, moving_columns), []).append(reading)
            count = 1
            for r in ambiguous:
                count *= len(signatures[r])
            if count > MAX_COMBINATIONS:
                continue
            fixed = {
                row: signature(row, options[row][0], moving_columns)
                for row in dict.fromkeys(rows) if row not in signatures
            }
            # Where each entry's signature comes from: a fixed row, or a place in the combination.
            slot = {r: k for k, r in enumerate(ambiguous)}
            total_source = (slot.get(total_row), fixed.get(total_row))
            part_sources = [(slot.get(p.row), fixed.get(p.row)) for p in relation.parts]
            width = range(len(moving_columns))
            kept: dict[int, set[tuple]] = {r: set() for r in ambiguous}
            kept_sets = [kept[r] for r in ambiguous]
            for combination in product(*(list(signatures[r]) for r in ambiguous)):
                if all(signature_ in seen for signature_, seen in zip(combination, kept_sets)):
                    continue  # whether it holds or not, it would keep nothing new
                k, sig = total_source
                total = combination[k] if k is not None else sig
                parts = [combination[k] if k is not None else sig for k, sig in part_sources]
                if _all_hold(total, parts, width):
                    for signature_, seen in zip(combination, kept_sets):
                        seen.add(signature_)
            if all(kept[r] for r in ambiguous):
                for r in ambiguous:
                    order = {o: k for k, o in enumerate(options[r])}
                    narrowed = [o for sig, group in signatures[r].items() if sig in kept[r] for o in group]
                    narrowed.sort(key=order.__getitem__)
                    if len(narrowed) < len(options[r]):
                        options[r] = narrowed
                        changed = True
        if not changed:
            break


_ONE = range(1)


def _all_hold(total: tuple, parts: list[tuple], width: range) -> bool:
    """Could each printed total be the sum of its printed parts, in every column of `width`? Bounds are
    integer (low, high) pairs; a part with no amount in a column is an unprinted detail, and where the
    total has none, every part must allow 0. One loop, inlined: the search's inner loop."""
    for column in width:
        bound = total[column]
        if bound is None:
            for part in parts:
                value = part[column]
                if value is not None and not value[0] <= 0 <= value[1]:
                    return False
            continue
        low = high = 0
        printed = False
        for part in parts:
            value = part[column]
            if value is not None:
                low += value[0]
                high += value[1]
                printed = True
        if printed and not (low <= bound[1] and bound[0] <= high):
            return False
    return True
