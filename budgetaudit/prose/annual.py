"""An average yearly rate beside the growth since a base year: 年均增长12.03%，2020年达到9410.76元，比2015年增长76.48%.

Both rates stand in one stretch of a sentence (up to a semicolon); the years between are the base year's distance
from the last other year printed in the stretch (2020年达到…), else from the document's year. A stretch with two
rates of either kind is not read: which goes with which is not said."""

from __future__ import annotations

import re
from typing import Final

from ..concepts import clean_label
from ..document import AnnualGrowth
from .state import CLAUSE_PUNCT, WORDS, Item

_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
_STRETCH_ENDS: Final = "；;"
_MOST_YEARS: Final = 30


def annual_growths(text: str, start: int, items: list[Item], year: int | None) -> list[AnnualGrowth]:
    out: list[AnnualGrowth] = []
    stretch_start = start
    stretch: list[tuple[Item, str]] = []  # the percentages of the stretch, with their kind ("annual", "since")
    since: dict[int, str] = {}
    previous_end = start
    for k, item in enumerate(items):
        lead = text[previous_end : item.start]
        previous_end = item.end
        if any(ch in _STRETCH_ENDS for ch in lead):
            _pair(text, stretch_start, stretch, since, year, out)
            stretch, since = [], {}
            stretch_start = item.start - len(lead) + max(lead.rfind(ch) for ch in _STRETCH_ENDS) + 1
        if item.figure.quantity != "percent":
            continue
        if WORDS.annual_rate.search(lead) is not None:
            stretch.append((item, "annual"))
            continue
        if stretch and stretch[-1][0] is items[k - 1] and lead.strip(" ,，、和及与") == "":
            stretch.append((item, stretch[-1][1]))  # 年均增长5.1%和9.3%: another rate of the same kind
            continue
        grown = WORDS.growth_since.search(lead)
        if grown is not None:
            stretch.append((item, "since"))
            since[item.start] = grown.group("year")
    _pair(text, stretch_start, stretch, since, year, out)
    return out


def _pair(text: str, start: int, stretch: list[tuple[Item, str]], since: dict[int, str], year: int | None,
          out: list[AnnualGrowth]) -> None:
    annual = [item for item, kind in stretch if kind == "annual"]
    grown = [item for item, kind in stretch if kind == "since"]
    if len(annual) != 1 or len(grown) != 1:
        return
    rate, growth = annual[0], grown[0]
    base = int(since[growth.start])
    end_year = year
    for match in _YEAR.finditer(text, start, growth.start):
        printed = int(match.group(1))
        if printed != base:
            end_year = printed
    if end_year is None or not 1 <= end_year - base <= _MOST_YEARS:
        return
    first = min(rate.start, growth.start)
    label_from = max((text.rfind(ch, start, first) for ch in "，,；;。"), default=-1)
    label = clean_label(CLAUSE_PUNCT.split(text[max(start, label_from + 1) : first])[0])
    for word in WORDS.annual_words:
        label = label.replace(word, "")
    out.append(AnnualGrowth(label, rate.figure, growth.figure, end_year - base, f"{base}年"))
