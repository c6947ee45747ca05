"""The normalised copy of a text: the same length, folded for matching (source.Source.norm).

Full-width forms, ideographic spaces and traditional characters fold one for one; a space grouping thousands before
a unit (支出70 443万元, as yearbooks print them) becomes the comma that groups them elsewhere; a Taiwanese year
(112年度) becomes the year it is (2023年). Every offset in the
copy is an offset in the file, so every figure keeps the line and column a reviewer sees.
"""

from __future__ import annotations

import re
from typing import Final

from .traditional import SIMPLIFIED, TRADITIONAL

# Full-width ASCII forms fold to ASCII, except the full-width comma, which in
# these documents separates list items and never groups digits (120，800万元 is two figures).
_FOLD: Final = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if c != 0xFF0C}
_FOLD.update({0x3000: 0x20, 0x00A0: 0x20, 0x0000: 0x20, 0x2212: 0x2D, 0xFE6A: 0x25})
# Traditional characters fold to simplified (traditional.py), so one dictionary of concepts serves both scripts.
assert len(TRADITIONAL) == len(SIMPLIFIED)
_FOLD.update({ord(t): ord(s) for t, s in zip(TRADITIONAL, SIMPLIFIED)})

# The regex engine finds the runs of characters that fold and only those are translated: str.translate
# over the whole text looks up every character in _FOLD, about seven times slower on these documents.
# Written [C][C]* rather than [C]+: a pattern opening with a class is scanned for in C (40% faster here).
_FOLD_CLASS: Final = "[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]"
_FOLDS: Final = re.compile(_FOLD_CLASS + _FOLD_CLASS + "*")


def _fold(match: re.Match) -> str:
    return match.group().translate(_FOLD)


def normalise(text: str) -> str:
    """Fold full-width forms, ideographic spaces and traditional characters one for one; a space grouping thousands
    (支出70 443万元, as yearbooks print them) becomes the comma that groups them elsewhere."""
    folded = _FOLDS.sub(_fold, text)
    if " " in folded:
        folded = _group_thousands(folded)
    if "年度" in folded:
        folded = _roc_years(folded)
    assert len(folded) == len(text)
    return folded


_ASCII_DIGITS: Final = "0123456789"


def _roc_years(text: str) -> str:
    """112年度 (the Republic of China calendar of Taiwanese budgets) reads as 2023年: five characters for five, so
    offsets stay; years 100–139 only (2011–2050), never after a digit or a point."""
    chars: list[str] | None = None
    at = text.find("年度")
    while at >= 0:
        start = at - 3
        # ASCII digits only (str.isdigit takes ² and other digits int() refuses).
        if start >= 0 and text[start] == "1" and text[start + 1] in "0123" and text[start + 2] in _ASCII_DIGITS \
                and (start == 0 or text[start - 1] not in _ASCII_DIGITS + "."):
            if chars is None:
                chars = list(text)
            chars[start : at + 2] = str(int(text[start:at]) + 1911) + "年"
        at = text.find("年度", at + 2)
    return "".join(chars) if chars is not None else text


# Digits grouped by single spaces, right before a unit, after a word or a punctuation mark (never after a digit, a
# space or a point: table cells on one line are separated by spaces too, and carry no unit each).
_SPACED_THOUSANDS: Final = re.compile(
    r"\d{1,3}(?: \d{3})+(?!\d)(?=(?:\.\d+)?\s*(?:万元|亿元|元|万|亿|%|人|个|户|所|台|辆|次|名|项|家))")


def _group_thousands(text: str) -> str:
    # A space then three digits is searched for first (a literal opening, scanned for in C: a search opening with a
    # digit tried the whole pattern at every digit of a table); the number is then matched where it starts.
    chars: list[str] | None = None
    for group in _SPACE_THREE.finditer(text):
        start = group.start()
        while start > 0 and text[start - 1].isdigit():
            start -= 1
        before = text[start - 1] if start > 0 else ""
        if before == "" or before.isdigit() or before in " .\t-+":
            continue  # a later group of a number already matched, or a number after a space (a table's cell)
        match = _SPACED_THOUSANDS.match(text, start)
        if match is None or match.end() <= group.start():
            continue
        if chars is None:
            chars = list(text)
        for at in range(match.start(), match.end()):
            if chars[at] == " ":
                chars[at] = ","
    return "".join(chars) if chars is not None else text


_SPACE_THREE: Final = re.compile(r" \d{3}(?!\d)")
