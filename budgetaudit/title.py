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
    if "决算" in title:
        document.kind = "final_account"
    elif "预算" in title:
        document.kind = "budget"
    year = re.search(r"((?:19|20)\d{2})\s*年", title)
    if year:
        document.year = int(year.group(1))
    title_line = default_words().title_line
    for line in head:
        name = _before_year(line).strip()
        if (name and _NAMES_SOMEONE.search(name) and not _CLAUSE.search(name) and len(line) <= 80
                and title_line.search(line) and not re.match(r"\d", line)
                and not HEADING.match(line) and not line.startswith("单位")):
            document.entity = name
            break


# A name holds a Chinese character: a line of pipes, figures or Latin page chrome names no one.
_NAMES_SOMEONE: Final = re.compile(r"[\u4e00-\u9fff]")
# A name never holds a clause's punctuation: 增减情况说明:2021年度… is a sentence, not a title.
_CLAUSE: Final = re.compile(r"[:：,，。；;|｜>＞»]")


_TITLE_YEAR: Final = re.compile(r"(?:19|20)\d{2}\s*年")


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
