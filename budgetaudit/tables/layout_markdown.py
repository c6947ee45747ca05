"""Markdown pipe tables: | a | b | rows, with a |---|---| line under the header."""

from __future__ import annotations

import re
from typing import Final

from .cells import cell_at
from .model import RawBlock, RawCell

_SEPARATOR: Final = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def is_row(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) > 2 and stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    if not is_row(lines[start][1]):
        return None
    rows: list[list[RawCell]] = []
    i = start
    while i < len(lines) and is_row(lines[i][1]):
        offset, line = lines[i]
        if not _SEPARATOR.match(line):
            rows.append(_split(offset, line))
        i += 1
    if len(rows) < 2:
        return None
    return RawBlock("markdown", rows, start + 1, i, positional=True), i


def _split(offset: int, line: str) -> list[RawCell]:
    bars = [k for k, ch in enumerate(line) if ch == "|"]
    return [cell_at(offset, line, a + 1, b) for a, b in zip(bars, bars[1:])]
