"""The places a document names its own year, other than the title that gave document.year.

A disclosure made from last year's file often keeps last year's year in one of them: the title printed
again above the body (某州2021年度“三公”经费决算支出情况说明, then 某州2020年度“三公”经费决支出情况说明), or the
部门决算 template's scope sentence (纳入某局2022年度部门决算编制范围 in the 2023 决算). Each place is kept with the
year it prints; XRF006 compares them with the document's year (kinds/agree.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from .document import Document
from .source import Source, Span
from .words import default_words


@dataclass(slots=True, eq=False)
class OwnYear:
    year: int
    span: Span  # the year as printed
    label: str  # the line or phrase that names the document
    other: Span | None  # the same title printed with the document's year, where the place is a title repeated


# A title line holds a year and no clause punctuation, table rule or breadcrumb.
_YEAR: Final = re.compile(r"(?:19|20)\d{2}(?=\s*年)")
_NOT_TITLE: Final = re.compile(r"[，,。；;：:|｜>＞]")
# The body starts at the first amount of money: a title printed again after it is a link to another year's file.
_AMOUNT: Final = re.compile(r"\d\s*(?:万元|亿元|元)")
_KIND: Final = ("决算", "预算")
_TITLE_REACH: Final = 40  # lines at the top where a repeated title is looked for
_SPACES: Final = re.compile(r"[\s“”\"'‘’]")


def read(source: Source, document: Document) -> list[OwnYear]:
    if document.year is None:
        return []
    return _titles(source, document.year) + _scope_sentences(source)


def _titles(source: Source, year: int) -> list[OwnYear]:
    # (the year, where it starts in the file, the name before it, the name from 年 on, the line)
    titles: list[tuple[int, int, str, str, str]] = []
    for offset, line in source.lines()[:_TITLE_REACH]:
        if "年" not in line:
            continue
        if _AMOUNT.search(line):
            break
        match = _YEAR.search(line)
        if match is None or _NOT_TITLE.search(line) is not None:
            continue
        before = _SPACES.sub("", line[: match.start()])
        after = _SPACES.sub("", line[match.end() :])
        if len(before) <= 40 and 3 <= len(after) <= 41:
            titles.append((int(match.group(0)), offset + match.start(), before, after, line.strip()))
    out: list[OwnYear] = []
    for printed, start, before, after, line in titles:
        if printed == year:
            continue
        for other, other_start, other_before, other_after, _ in titles:
            if other != year or other_before != before or len(before) + len(after) < 8:
                continue
            if not any(k in after or k in other_after for k in _KIND) or not _nearly(after, other_after):
                continue
            out.append(OwnYear(printed, source.span(start, start + 4), line, source.span(other_start, other_start + 4)))
            break
    return out


def _nearly(a: str, b: str) -> bool:
    """The same name but for at most two characters left out or added (决算支出 and 决支出)."""
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (0 if ca == cb else 1))
        previous = current
    return previous[-1] <= 2


def _scope_sentences(source: Source) -> list[OwnYear]:
    out: list[OwnYear] = []
    text = source.norm
    if "编制范围" not in text:
        return out
    for match in default_words().own_scope.finditer(text):
        span = source.span(match.start("year"), match.end("year"))
        out.append(OwnYear(int(match.group("year")), span, match.group(0), None))
    return out
