"""Known slips that explain an inconsistency: transposed digits, a rate on the wrong base, swaps."""

from __future__ import annotations

import bisect
from fractions import Fraction

from .figures import Figure, format_decimal


def transposed_digits(stated: Figure, expected_base: Fraction) -> bool:
    """True when the stated figure is the expected one with two adjacent digits swapped (1027.84 for 1207.84)."""
    # Digits only: 406.48 typed for 404.68 swaps two digits across the decimal point.
    printed = format_decimal(stated.value, stated.decimals).replace("-", "").replace(".", "")
    wanted = format_decimal(expected_base / stated.scale, stated.decimals).replace("-", "").replace(".", "")
    if len(printed) != len(wanted) or printed == wanted:
        return False
    diffs = [i for i, (a, b) in enumerate(zip(printed, wanted)) if a != b]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and printed[diffs[0]] == wanted[diffs[1]]
        and printed[diffs[1]] == wanted[diffs[0]]
    )


def rounds_to(value: Fraction, stated: Figure) -> bool:
    return format_decimal(value / stated.scale, stated.decimals) == format_decimal(stated.value, stated.decimals)


# --------------------------------------------------------------------------- slips between the changes of a document
#
# A wrong rate is explained by another change: its amount swapped with this one's, or its rate copied
# from a line nearby. Asked once per wrong rate, a scan of every change would grow with the square of the
# changes (4,000 wrong statements: minutes); the index is built once per document and answers each
# question from the few changes that can be the answer.

_NEARBY_LINES = 3  # a rate copied from at most this many lines away


def rate_holds(change, delta_value: Fraction) -> bool:
    """Would the change's printed rate hold with this amount in place of its own?"""
    current = change.current.figure.base_value
    base = current - change.delta_sign * delta_value
    return base > 0 and rounds_to(100 * delta_value / base, change.rate)


_MOST_CANDIDATES = 64


class RateSlips:
    """The rated changes of one document (in document order), indexed for the two slip hints."""

    def __init__(self, rated: list):
        self.order = {id(change): index for index, change in enumerate(rated)}
        # base -> [(amount, order, change)], sorted by amount: the changes a swap can be made with.
        swappable: dict[str, list] = {}
        # rate as printed -> line -> the first two changes (in document order) printing it there.
        self.by_rate: dict[str, dict[int, list]] = {}
        for index, change in enumerate(rated):
            if change.current is not None and change.delta_sign in (1, -1):
                swappable.setdefault(change.base, []).append((change.delta.base_value, index, change))
            at_line = self.by_rate.setdefault(change.rate.text, {}).setdefault(change.rate.span.line, [])
            if len(at_line) < 2:
                at_line.append(change)
        self.swappable = {base: sorted(entries, key=lambda e: (e[0], e[1])) for base, entries in swappable.items()}
        self.amounts = {base: [e[0] for e in entries] for base, entries in self.swappable.items()}

    def swapped(self, change):
        """The first other change of the same base whose amount, exchanged with this one's, makes both
        rates hold (None if none)."""
        entries = self.swappable.get(change.base)
        if not entries:
            return None
        low, high = self._amounts_for(change)
        amounts = self.amounts[change.base]
        first = 0 if low is None else bisect.bisect_left(amounts, low)
        last = len(amounts) if high is None else bisect.bisect_right(amounts, high)
        best = None
        # A hint, looked for among a bounded number of candidates: where many changes print the same amount (a
        # long list of 增加10万元), trying them all for each wrong rate would grow with the square of the list.
        for amount, index, other in entries[first:min(last, first + _MOST_CANDIDATES)]:
            if other is change or (best is not None and index >= best[0]):
                continue
            if rate_holds(change, amount) and rate_holds(other, change.delta.base_value):
                best = (index, other)
        return best[1] if best is not None else None

    def _amounts_for(self, change) -> tuple[Fraction | None, Fraction | None]:
        """The amounts x with which the change's rate could hold, as an interval (None: unbounded), found by
        inverting r = 100·x / (current − sign·x), which grows with x; every candidate is then tested exactly."""
        rate, current, sign = change.rate, change.current.figure.base_value, change.delta_sign
        if current <= 0:
            return None, None
        half = Fraction(1, 2 * 10 ** rate.decimals)
        low_rate, high_rate = (rate.value - half) * rate.scale, (rate.value + half) * rate.scale

        def amount(r: Fraction) -> Fraction:
            return r * current / (100 + sign * r)

        if sign == 1:
            if high_rate <= -100:
                return Fraction(1), Fraction(0)  # nothing
            return (None if low_rate <= -100 else amount(low_rate)), amount(high_rate)
        if low_rate >= 100:
            return Fraction(1), Fraction(0)
        return amount(low_rate), (None if high_rate >= 100 else amount(high_rate))

    def copied(self, change):
        """The first other change printing the same rate within three lines (None if none)."""
        lines = self.by_rate.get(change.rate.text, {})
        line = change.rate.span.line
        best = None
        for near in range(line - _NEARBY_LINES, line + _NEARBY_LINES + 1):
            for other in lines.get(near, ()):
                if other is not change:
                    index = self.order[id(other)]
                    if best is None or index < best[0]:
                        best = (index, other)
                    break
        return best[1] if best is not None else None
