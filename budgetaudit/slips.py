"""Known slips that explain an inconsistency: transposed digits, a rate on the wrong base, swaps."""

from __future__ import annotations

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
