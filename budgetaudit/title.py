"""The document's kind (预算/决算), year and entity, from the title lines at the top of the file."""

from __future__ import annotations

import re
from typing import Final

from .document import Document
from .sentences import HEADING
from .source import Source
from .words import default_words


def read(source: Source, document: Document) -> None:
    """Kind, year and entity from the title lines at the top of the file."""
    head = [line.strip() for _, line in source.lines()[:12] if line.strip()][:4]
    title = " ".join(head)
    # 预算 is read from lines that read as titles: a sentence at the top (…一般公共预算财政拨款支出2.05万元，年初预算
    # 为…) names a fund or a base, not what the document is; 决算 anywhere at the top makes it a 决算.
    named = " ".join(line for line in head if not _SENTENCE.search(line))
    if "决算" in title.replace("预决算", ""):  # 《地方预决算公开操作规程》 names both kinds, neither this one
        document.kind = "final_account"
    elif "预算" in named:
        document.kind = "budget"
    elif not default_words().title_line.search(named):
        _kind_from_body(source.norm, document)  # no line at the top reads as a title
    year = re.search(r"((?:19|20)\d{2})\s*年", title)
    if year:
        document.year = int(year.group(1))
    else:
        document.year = _year_from_body(source.norm)
    title_line = default_words().title_line
    for line in head:
        name = _before_year(line).strip()
        if (name and _NAMES_SOMEONE.search(name) and not _CLAUSE.search(name) and len(line) <= 80
                and title_line.search(line) and not re.match(r"\d", line)
                and not HEADING.match(line) and not line.startswith("单位")):
            document.entity = name
            break


def _year_from_body(text: str) -> int | None:
    """A text without a title year (a page cut short, chrome at the top): the year its opening writes as 2020年度
    most often, at least twice and more often than any other (2020年度收入总计…。2020年度支出合计…)."""
    counts: dict[str, int] = {}
    for match in _BODY_YEAR.finditer(text, 0, min(len(text), _BODY_REACH)):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return int(max(counts, key=counts.__getitem__))


def _kind_from_body(text: str, document: Document) -> None:
    """A text without a title (an excerpt, a page cut short): 决算 by its words, else 预算 outside the names of funds."""
    words = default_words()
    if any(word in text for word in words.final_body):
        document.kind = "final_account"
        return
    for fund in words.funds:
        text = text.replace(fund, "")
    if "预算" in text:
        document.kind = "budget"


# A name holds a Chinese character: a line of pipes, figures or Latin page chrome names no one.
_NAMES_SOMEONE: Final = re.compile(r"[\u4e00-\u9fff]")
# A name never holds a clause's punctuation: 增减情况说明:2021年度… is a sentence, not a title.
_CLAUSE: Final = re.compile(r"[:：,，。；;|｜>＞»]")


# A line holding a clause that ends (，, 。) is a sentence, not a title.
_SENTENCE: Final = re.compile(r"[，,。；;]")
_TITLE_YEAR: Final = re.compile(r"(?:19|20)\d{2}\s*年")
_BODY_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年度")
_BODY_REACH: Final = 4000


def _before_year(line: str) -> str:
    r"""What re.match(r"(.+?)(?:\s*(?:19|20)\d{2}\s*年|$)", line).group(1) gives for a line without line
    breaks ("" for an empty line), in one pass: the text before the first year after the first character,
    less the spaces just before that year (a lazy prefix then \s* re-scans a run of spaces per character)."""
    if not line:
        return ""
    year = _TITLE_YEAR.search(line, 1)
    if year is None:
        return line
    start = year.start()
    while start > 1 and line[start - 1].isspace():
        start -= 1
    return line[:start]
