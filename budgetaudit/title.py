"""The document's kind (预算/决算), year and entity, from the title lines at the top of the file."""

from __future__ import annotations

import re
from typing import Final

from .document import Document
from .sentences import HEADING
from .source import Source


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
    for line in head:
        name = _before_year(line)
        if name.strip() and not re.match(r"\d", line) and not HEADING.match(line) and not line.startswith("单位"):
            document.entity = name.strip()
            break


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
