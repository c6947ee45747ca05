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

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

from ..figures import parse_number, remember, terms
from .header import is_code
from .model import Column, RawCell, RowSum

MAX_READINGS: Final = 4096  # per row; beyond it every ambiguous cell is left uncertain
MAX_COMBINATIONS: Final = 4096  # per cross-row relation
FEW_PLACEMENTS: Final = 64  # a row shape with at most this many placements has them listed once per table


@dataclass(slots=True, init=False)
class Item:
    cell: RawCell
    kind: str  # "nil", "code", "num", "pct" (a printed rate), "text"
    value: Fraction | None = None
    half: Fraction = Fraction(0)  # half a unit in the last printed place
    side: str = ""
    # The printed interval in integer units of 1/BOUND_SCALE, for the many sums tried while
    # recovering columns: exact up to 8 decimals, widened (never narrowed) beyond.
    low: int = 0
    high: int = 0
    shape: tuple = ()  # what decides the columns it fits: kind, side, and whether a seq column takes it

    def __init__(  # hand-written: see source.Span
        self,
        cell: RawCell,
        kind: str,
        value: Fraction | None = None,
        half: Fraction = Fraction(0),
        side: str = "",
        low: int = 0,
        high: int = 0,
        shape: tuple = (),
    ) -> None:
        self.cell = cell
        self.kind = kind
        self.value = value
        self.half = half
        self.side = side
        self.low = low
        self.high = high
        self.shape = shape


BOUND_SCALE: Final = 2 * 10**8
_HALF: Final = Fraction(1, 2)


def classify(cell: RawCell) -> Item:
    if cell.blank:
        return Item(cell, "nil", shape=_NIL_SHAPE)
    text = cell.text.strip()
    kind, value, half, side, low, high, shape = _reading_short(text) if len(text) <= 48 else _reading(text)
    return Item(cell, kind, value, half, side, low, high, shape)


def _reading_short(text: str) -> tuple:
    found = _READINGS.get(text)
    if found is None:
        found = _reading(text)
        remember(_READINGS, text, found)
    return found


def _reading(text: str) -> tuple:
    """Item's fields after the cell for a printed text that is not blank: kind, value, half, side, low,
    high and shape."""
    if text.endswith("%"):
        # A rate printed with its sign (-7.03%) stands in a column of figures, but adds up with nothing: it
        # fits a number column and takes part in no sum (so it costs the sums' search nothing).
        rate = parse_number(text[:-1])
        if rate is not None:
            return "pct", rate[0], Fraction(1, 2 * 10**rate[1]), "", 0, 0, ("pct", "", False)
    parsed = parse_number(text)
    if parsed is None:
        side = side_of(text)
        return "text", None, Fraction(0), side, 0, 0, ("text", side, False)
    value, decimals = parsed
    kind = "code" if is_code(text) else "num"
    half = Fraction(1, 2 * 10**decimals)
    # floor and ceiling of (value ∓ half) × BOUND_SCALE, in integers.
    vn, vd = terms(value)
    hn, hd = terms(half)
    den = vd * hd
    low = (vn * hd - hn * vd) * BOUND_SCALE // den
    high = -(-(vn * hd + hn * vd) * BOUND_SCALE // den)
    return kind, value, half, "", low, high, (kind, "", kind == "num" and half == _HALF and value >= 0)


# Memoised on short texts, like parse_number (a dict the compiled build looks up natively): the same prints recur
# across a table, a document and a batch, and the result holds only immutable values of the print.
_READINGS: Final[dict[str, tuple]] = {}
_NIL_SHAPE: Final = ("nil", "", False)


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
    if item.kind == "pct":
        return role == "number"
    if item.kind == "num":
        return role == "number" or (role == "seq" and item.half == Fraction(1, 2) and item.value is not None and item.value >= 0)
    if role not in ("label", "text"):
        return False
    return not (column.side and item.side and column.side != item.side)


class RowReader:
    """The readings of the rows of one table: the order-keeping placements of a row's items into distinct
    columns they fit, keeping those that let the row's own sums hold; every placement when none does (a row
    whose arithmetic fails in every reading is an error to report, not a clue to its layout); None past
    MAX_READINGS placements.

    Where a row's items may stand depends only on its shape (the columns each item fits, and whether it
    is an amount), and a table prints many rows of one shape, so the fits and the count of placements are
    worked out once per shape. A shape with few placements (most rows) has them listed once, with the
    (total, parts) each makes of every sum: many placements make the same (they differ where the code or
    the label stands, or in which column a part's amount stands), so a row judges each such choice once,
    not each placement. A shape with many is walked for each row, and only when there are few enough: the
    walk judges each sum as soon as the placement has passed its last column, and drops at once an amount
    that does not allow 0 placed as a part of a sum whose total column was left empty, so a failing
    prefix is never extended.
    """

    def __init__(self, columns: list[Column], sums: list[RowSum], positional: bool) -> None:
        self.columns = columns
        self.positional = positional
        n = len(columns)
        due: list[list[tuple[int, tuple[int, ...]]]] = [[] for _ in range(n)]
        zero_totals: list[list[int]] = [[] for _ in range(n)]
        for s in sums:
            due[max(s.total, *s.parts)].append((s.total, tuple(s.parts)))
            for p in s.parts:
                if p > s.total:
                    zero_totals[p].append(s.total)
        # due_in[j][c]: the sums whose last column is one of j..c, judged when a placement passes them
        # (j runs to n: a placement may fill the last column).
        self._due_in: list[list[tuple]] = []
        for j in range(n + 1):
            passed: list[tuple[int, tuple[int, ...]]] = []
            row: list[tuple] = [()] * n
            for c in range(j, n):
                passed += due[c]
                row[c] = tuple(passed)
            self._due_in.append(row)
        self._zero_totals = [tuple(t) for t in zero_totals]
        self._sums = [(s.total, tuple(s.parts)) for s in sums]
        # Items of different kinds may fit the same columns: each item shape (Item.shape) is known by the
        # index of its (fit, amount) in _fits, the table's distinct ones, so more rows share a row shape.
        self._fits: list[tuple[tuple[bool, ...], bool]] = []
        self._fit_index: dict[tuple[tuple[bool, ...], bool], int] = {}
        self._fit_ids: dict[tuple, int] = {}  # item shape → index in _fits
        self._shapes: dict[tuple, _Shape | None] = {}  # row shape → its placements, None past MAX_READINGS

    def readings(self, items: list[Item]) -> list[tuple[int, ...]] | None:
        columns = self.columns
        if self.positional and len(items) == len(columns):
            return [tuple(range(len(items)))]
        if self.positional and len(items) > len(columns):
            while len(items) > len(columns) and items[-1].kind == "nil":
                items = items[:-1]
            if len(items) == len(columns):
                return [tuple(range(len(items)))]
        fit_ids = self._fit_ids
        key = tuple([fit_ids[item.shape] if item.shape in fit_ids else self._fit_id(item) for item in items])
        if key not in self._shapes:
            self._shapes[key] = self._shape(key)
        shape = self._shapes[key]
        if shape is None:
            return None
        total = shape.count[0][0]
        if total > 1 and self._sums:
            bounds = [(item.low, item.high) if item.kind in ("num", "code") else None for item in items]
            if shape.listed:
                holding = shape.holding(bounds)
            else:
                holding = _judged_walk(shape.fit, shape.count, bounds, self._due_in, self._zero_totals)
            if holding:
                return holding
        if shape.placements is None:
            shape.placements = _walk(shape.fit, shape.count)  # a row of many fails its sums: every one
        return list(shape.placements)

    def _fit_id(self, item: Item) -> int:
        fit = (tuple(fits(item, column) for column in self.columns), item.kind in ("num", "code"))
        if fit not in self._fit_index:
            self._fit_index[fit] = len(self._fits)
            self._fits.append(fit)
        self._fit_ids[item.shape] = self._fit_index[fit]
        return self._fit_index[fit]

    def _shape(self, key: tuple[int, ...]) -> _Shape | None:
        """The columns each item fits and count[i][j], the placements of items i.. into columns j..
        (capped just past the limit), and when they are few the placements with their choices;
        None when there are more than MAX_READINGS."""
        fit = [self._fits[i][0] for i in key]
        n, k = len(self.columns), len(key)
        count = [[0] * (n + 1) for _ in range(k + 1)]
        count[k] = [1] * (n + 1)
        for i in range(k - 1, -1, -1):
            row, below, fitting = count[i], count[i + 1], fit[i]
            for j in range(n - 1, -1, -1):
                ways = row[j + 1] + (below[j + 1] if fitting[j] else 0)
                row[j] = ways if ways <= MAX_READINGS else MAX_READINGS + 1
        if count[0][0] > MAX_READINGS:
            return None
        shape = _Shape(fit, count)
        if count[0][0] <= FEW_PLACEMENTS:
            shape.placements = _walk(fit, count)
            shape.choose([self._fits[i][1] for i in key], self._sums)
        return shape


@dataclass(slots=True)
class _Shape:
    """What the rows of one shape share: fits, counts and, when few or once needed, every placement."""

    fit: list[tuple[bool, ...]]
    count: list[list[int]]
    placements: list[tuple[int, ...]] | None = None
    listed: bool = False  # few placements, listed with the choices they make (choose)
    choices: list[list[tuple]] = field(default_factory=list)  # per sum: the distinct (total, parts) made
    groups: list[tuple[int, ...]] = field(default_factory=list)  # distinct choices of every sum at once
    group_of: list[int] = field(default_factory=list)  # per placement: its group

    def choose(self, amounts: list[bool], sums: list[tuple[int, tuple[int, ...]]]) -> None:
        """For each sum, the distinct (item as total or None, items as parts) the placements make, counting
        only amounts (what the judge of a sum sees), and which of them each placement makes."""
        known: list[dict[tuple, int]] = [{} for _ in sums]
        groups: dict[tuple[int, ...], int] = {}
        placements = self.placements if self.placements is not None else []
        for placement in placements:
            where = {c: i for i, c in enumerate(placement) if amounts[i]}
            ids = []
            for (total, parts), seen in zip(sums, known):
                choice = (where.get(total), tuple(where[p] for p in parts if p in where))
                ids.append(seen.setdefault(choice, len(seen)))
            self.group_of.append(groups.setdefault(tuple(ids), len(groups)))
        self.choices = [list(seen) for seen in known]
        self.groups = list(groups)
        self.listed = True

    def holding(self, bounds: list) -> list[tuple[int, ...]]:
        """The placements whose sums hold, with these bounds for the row's items."""
        verdicts = [[_sum_holds(bounds, total, parts) for total, parts in choices] for choices in self.choices]
        ok = [all(verdict[c] for verdict, c in zip(verdicts, group)) for group in self.groups]
        placements = self.placements if self.placements is not None else []
        return [placement for placement, group in zip(placements, self.group_of) if ok[group]]


def _sum_holds(bounds: list, total: int | None, parts: tuple[int, ...]) -> bool:
    """_may_add_up for the amounts a placement puts in a row sum's total and parts (item indices)."""
    return may_add_up(None if total is None else bounds[total], [bounds[p] for p in parts])


def _walk(fit: list[tuple[bool, ...]], count: list[list[int]]) -> list[tuple[int, ...]]:
    """Every placement, items placed left to right, in order."""
    walker = _Walk(fit, count, [], [], [])
    walker.walk(0, 0, False)
    return walker.out


def _judged_walk(fit: list[tuple[bool, ...]], count: list[list[int]], bounds: list, due_in: list, zero_totals: list) -> list[tuple[int, ...]]:
    """The placements, in the order _walk gives them, whose sums hold (see RowReader)."""
    walker = _Walk(fit, count, bounds, due_in, zero_totals)
    walker.walk(0, 0, True)
    return walker.out


class _Walk:
    """The recursive walk over placements, as a class: the compiled build calls a method directly, where a
    nested function is called through Python at every step."""

    def __init__(self, fit: list[tuple[bool, ...]], count: list[list[int]], bounds: list, due_in: list,
                 zero_totals: list) -> None:
        self.fit = fit
        self.count = count
        self.bounds = bounds
        self.due_in = due_in
        self.zero_totals = zero_totals
        self.k = len(fit)
        self.n = len(count[0]) - 1
        self.out: list[tuple[int, ...]] = []
        self.chosen: list[int] = []
        self.at: list[tuple[int, int] | None] = [None] * self.n  # the bounds placed in each column passed

    def holds(self, sums: tuple) -> bool:
        at = self.at
        for total, parts in sums:
            if not may_add_up(at[total], [at[p] for p in parts]):
                return False
        return True

    def walk(self, i: int, j: int, judged: bool) -> None:
        n = self.n
        if i == self.k:
            if judged:
                for c in range(j, n):
                    self.at[c] = None
                if not self.holds(self.due_in[j][n - 1]):
                    return
            self.out.append(tuple(self.chosen))
            return
        below, fitting, ways = self.count[i + 1], self.fit[i], self.count[i]
        bound = self.bounds[i] if judged else None
        nonzero = bound is not None and not bound[0] <= 0 <= bound[1]
        due_from = self.due_in[j] if judged else []
        for c in range(j, n):
            if not ways[c]:
                break
            if fitting[c] and below[c + 1]:
                if judged:
                    at = self.at
                    for e in range(j, c):
                        at[e] = None
                    at[c] = bound
                    if nonzero and None in [at[t] for t in self.zero_totals[c]]:
                        continue  # a part that is not 0 under an empty total: its sum cannot hold
                    if due_from[c] and not self.holds(due_from[c]):
                        continue
                self.chosen.append(c)
                self.walk(i + 1, c + 1, judged)
                self.chosen.pop()


def may_add_up(total: tuple[int, int] | None, parts: list) -> bool:
    """Could the printed total be the sum of the printed parts? Bounds are integer (low, high) pairs, None
    where nothing is printed: a part with no amount is an unprinted detail, where the total has none every
    part must allow 0, and with no part printed nothing is claimed. The one rule every search here asks."""
    if total is None:
        return all(part is None or part[0] <= 0 <= part[1] for part in parts)
    low = high = 0
    printed = False
    for part in parts:
        if part is not None:
            low += part[0]
            high += part[1]
            printed = True
    return not printed or (low <= total[1] and total[0] <= high)
