"""One row per line, cells separated by TABs (TSV, or a word processor's table pasted as text).

Cells may wrap onto following lines without a TAB, stray "<p>" fragments and
"---" separator rows appear, and \\geq / \\leq stand for ≥ / ≤. Empty cells
keep their place, though a row may lack its leading empty cell.
"""

from __future__ import annotations

import re
from typing import Final

from .cells import cell_at, join
from .model import RawBlock, RawCell

_SEPARATOR: Final = re.compile(r"^[\s\t:|-]*-{2,}[\s\t:|-]*$")
_TAGS: Final = re.compile(r"</?p>")
MAX_GAP: Final = 2
_TITLE: Final = re.compile(r"表\s*$")


def is_row(line: str) -> bool:
    """A TAB between two cells: text before a TAB, or three TABs, or TAB text TAB."""
    if "\t" not in line:
        return False
    stripped = line.strip("\t ")
    if not stripped:
        return line.count("\t") >= 3
    if "\t" in stripped:
        return True
    return line.count("\t") >= 3 or (not line.startswith("\t") and line.rstrip(" ").endswith("\t"))


def read(lines: list[tuple[int, str]], start: int) -> tuple[RawBlock, int] | None:
    if not is_row(lines[start][1]):
        return None
    rows: list[list[RawCell]] = []
    i = start
    last = start
    gap = 0
    while i < len(lines) and gap <= MAX_GAP:
        offset, line = lines[i]
        if is_row(line):
            if _SEPARATOR.match(line):
                last, gap = i, 0
                i += 1
                continue
            row = _split(offset, line)
            rows.append(row)
            last, gap = i, 0
        elif not line.strip():
            gap += 1
        elif rows and _followed_by_row(lines, i) and not _TITLE.search(line) and len(line.strip()) < 200 and "。" not in line[-2:]:
            # A cell wrapped onto its own line: it continues the last non-empty cell of the row above.
            piece = _TAGS.sub("   ", line) if "<p>" in line or "</p>" in line else line
            more = cell_at(offset, piece, 0, len(piece))
            row = rows[-1]
            target = max((k for k, c in enumerate(row) if c.text), default=len(row) - 1)
            row[target] = join(row[target], more)
            gap = 0
        else:
            break
        i += 1
    rows = [r for r in rows if any(c.text for c in r)]
    if not rows:
        return None
    return RawBlock("tab_rows", rows, start + 1, last + 1, positional=True), last + 1


def _split(offset: int, line: str) -> list[RawCell]:
    cells = []
    begin = 0
    text = line.rstrip("\r\n")
    while True:  # from TAB to TAB with str.find, not character by character
        tab = text.find("\t", begin)
        end = len(text) if tab < 0 else tab
        cells.append(cell_at(offset, text, begin, end))
        if tab < 0:
            break
        begin = tab + 1
    # A trailing TAB closes the last cell rather than opening an empty one.
    if len(cells) > 1 and not cells[-1].text and text.endswith("\t"):
        cells.pop()
    return cells


def _followed_by_row(lines: list[tuple[int, str]], i: int) -> bool:
    for j in range(i + 1, min(i + 1 + MAX_GAP + 1, len(lines))):
        if is_row(lines[j][1]):
            return True
        if lines[j][1].strip() and not lines[j][1].strip().startswith("<p>"):
            return False
    return False
