"""Column recovery across rows: where a row could be read several ways (tables/columns.py lists its readings),
the table's totals across rows (a parent code = the sum of its children, the 合计 row = the sum of the top
rows) keep only the readings under which they can hold, within rounding. A cell whose column still differs
between the readings left is uncertain."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import product

from .columns import MAX_COMBINATIONS, Item, may_add_up
from .structure import Relation


def narrow(
    relations: list[Relation],
    options: dict[int, list[tuple[int, ...]]],
    items: dict[int, list[Item]],
    number_columns: dict[str, list[int]],
) -> bool:
    """Drop readings of rows that no reading of the related rows makes add up (in place); whether any was.

    Up to four passes over the relations, until one changes nothing. A relation is judged again only
    when the readings of one of its rows changed since it last changed nothing: its verdict depends on
    nothing else, so judging it again would change nothing again.
    """
    placed = Placements(items)
    version: dict[int, int] = dict.fromkeys(options, 0)  # how often each row's readings were narrowed
    settled: dict[int, tuple[int, ...]] = {}  # relation → its rows' versions when it last changed nothing
    narrowed_any = False
    for _ in range(4):
        changed = False
        for index, relation in enumerate(relations):
            rows = list(dict.fromkeys(e.row for e in (relation.total, *relation.parts)))
            versions = tuple(version.get(r, 0) for r in rows)
            if settled.get(index) == versions:
                continue
            columns = number_columns.get(relation.total.side, [])
            narrowed = _narrow_relation(relation, rows, options, items, placed, columns)
            for r in narrowed:
                version[r] += 1
            if narrowed:
                changed = True
            else:
                settled[index] = versions
        narrowed_any |= changed
        if not changed:
            break
    return narrowed_any


class Placements:
    """The amounts of a row by column under one reading, asked many times and computed once. A class, not a
    closure: the compiled build calls a method directly, a closure through Python."""

    def __init__(self, items: dict[int, list[Item]]) -> None:
        self.items = items
        self.known: dict[int, dict[tuple[int, ...], dict[int, Item]]] = {}

    def get(self, row: int, reading: tuple[int, ...]) -> dict[int, Item]:
        known = self.known.get(row)
        if known is None:
            known = self.known[row] = {}
        out = known.get(reading)
        if out is None:
            out = known[reading] = {c: item for item, c in zip(self.items[row], reading) if item.kind in ("num", "code")}
        return out


def _signature(row_items: list[Item], reading: tuple[int, ...], slot_of: dict[int, int], width: int) -> tuple:
    """The bounds a reading places in each moving column (None where it places no amount)."""
    out: list[tuple[int, int] | None] = [None] * width
    for item, c in zip(row_items, reading):
        k = slot_of.get(c)
        if k is not None and item.kind in ("num", "code"):
            out[k] = (item.low, item.high)
    return tuple(out)


def _narrow_relation(relation: Relation, rows: list[int], options: dict, items: dict, placed: Placements,
                     columns: list[int]) -> list[int]:
    """Narrow the readings of one relation's rows (in place); the rows narrowed, in order of narrowing."""
    if any(not options.get(r) for r in rows):
        return []
    ambiguous = [r for r in rows if len(options[r]) > 1]
    if not ambiguous:
        return []
    narrowed_rows: list[int] = []
    # Cheap first: a part cannot hold an amount in a column where the total certainly shows none.
    total_row = relation.total.row
    if len(options[total_row]) == 1:
        shown = placed.get(total_row, options[total_row][0])
        empty = [c for c in columns if c not in shown]
        for r in ambiguous:
            if r == total_row:
                continue
            narrowed = []
            for o in options[r]:
                at = placed.get(r, o)
                if all(c not in at or at[c].value == 0 for c in empty):
                    narrowed.append(o)
            if narrowed and len(narrowed) < len(options[r]):
                options[r] = narrowed
                narrowed_rows.append(r)
        ambiguous = [r for r in ambiguous if len(options[r]) > 1]
        if not ambiguous:
            return narrowed_rows
    # Judge only the columns the readings disagree on: the others are what the rules will check.
    moving = set()
    for r in ambiguous:
        sets = [set(reading) for reading in options[r]]
        moving |= set.union(*sets) - set.intersection(*sets)
    moving_columns = sorted(moving & set(columns))

    slot_of = {c: k for k, c in enumerate(moving_columns)}
    width = len(moving_columns)

    # Readings that place the same amounts in the moving columns are one case to try.
    signatures: dict[int, dict[tuple, list]] = {}
    for r in ambiguous:
        groups = signatures[r] = {}
        for reading in options[r]:
            groups.setdefault(_signature(items[r], reading, slot_of, width), []).append(reading)
    count = 1
    for r in ambiguous:
        count *= len(signatures[r])
    if count > MAX_COMBINATIONS:
        return narrowed_rows
    fixed = {row: _signature(items[row], options[row][0], slot_of, width) for row in rows if row not in signatures}
    kept = _holding_signatures(relation, ambiguous, signatures, fixed, len(moving_columns))
    if all(kept):
        for r, seen in zip(ambiguous, kept):
            order = {o: k for k, o in enumerate(options[r])}
            narrowed = [o for sig, group in signatures[r].items() if sig in seen for o in group]
            narrowed.sort(key=order.__getitem__)
            if len(narrowed) < len(options[r]):
                options[r] = narrowed
                narrowed_rows.append(r)
    return narrowed_rows


def _holding_signatures(relation: Relation, ambiguous: list[int], signatures: dict, fixed: dict, width: int) -> list[set]:
    """For each ambiguous row, the signatures it takes in some combination whose sums hold.

    The total's signature is chosen first: where it shows no amount, a part's amount must allow 0, so
    each part's signatures are filtered once per total before the combinations are tried (a table
    whose readings disagree on which of two columns holds every amount is then one combination per
    total, not two to the power of its rows). Those columns then need no judging at each combination.
    """
    slot = {r: k for k, r in enumerate(ambiguous)}
    choices = [list(signatures[r]) for r in ambiguous]
    total_slot = slot.get(relation.total.row)
    part_slots = {slot[p.row] for p in relation.parts if p.row in slot}
    fixed_parts = [fixed[p.row] for p in relation.parts if p.row not in slot]
    # Where each part's signature comes from: a place in the combination, or a fixed row.
    part_sources = [(slot.get(p.row), fixed.get(p.row)) for p in relation.parts]
    # The columns where each signature places an amount that does not allow 0, worked out once.
    not_zero = {
        sig: frozenset(c for c in range(width) if sig[c] is not None and not sig[c][0] <= 0 <= sig[c][1])
        for sigs in [*choices, fixed_parts]
        for sig in sigs
    }
    kept: list[set[tuple]] = [set() for _ in ambiguous]
    for total in choices[total_slot] if total_slot is not None else [fixed[relation.total.row]]:
        empty = {c for c in range(width) if total[c] is None}
        shown = [c for c in range(width) if total[c] is not None]
        if any(not_zero[sig] & empty for sig in fixed_parts):
            continue
        allowed = [
            [sig for sig in sigs if not not_zero[sig] & empty] if k in part_slots else sigs
            for k, sigs in enumerate(choices)
        ]
        if total_slot is not None:
            allowed[total_slot] = [total] if total_slot not in part_slots or not not_zero[total] & empty else []
        for combination in product(*allowed):
            if all(signature_ in seen for signature_, seen in zip(combination, kept)):
                continue  # whether it holds or not, it would keep nothing new
            parts = [combination[k] if k is not None else sig for k, sig in part_sources]
            if _all_hold(total, parts, shown):
                for signature_, seen in zip(combination, kept):
                    seen.add(signature_)
    return kept


def _all_hold(total: tuple, parts: list, columns: Iterable[int]) -> bool:
    """Could each printed total be the sum of its printed parts, in every one of these columns?"""
    return all(may_add_up(total[column], [part[column] for part in parts]) for column in columns)
