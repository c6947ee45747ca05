"""Find every table in a document, whichever layout it was flattened into.

Each layout reader is tried where a line could open one of its tables; the
first that reads a block wins, and scanning resumes after the block. One pass
over the lines, so a document is scanned in linear time.
"""

from __future__ import annotations

import re
from typing import Final

from . import (
    layout_aligned, layout_cell_lines, layout_delimited, layout_markdown, layout_pipe_lines, layout_tab_cells,
    layout_tab_rows, layout_web_rows,
)
from .model import RawBlock

_UNIT_LINE: Final = re.compile(r"^单位\s*[:：]")
_CLAUSE_MARKS: Final = re.compile(r"[，,。；;：:|]")
_HEADING: Final = re.compile(r"(?:附件|附表)\s*[\d一二三四五六七八九十]+|表\s*$")


def find(lines: list[tuple[int, str]]) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    i = 0
    previous_end = 0
    while i < len(lines):
        line = lines[i][1]
        if "|" not in line and "\t" not in line and "," not in line and "  " not in line:
            i += 1  # no reader opens a table on it: pipes, tabs, commas or a gap of spaces, each needs one
            continue
        # In this order (markdown before pipe_lines: both use "|"); named calls, which the compiled
        # build makes directly, where a loop over the modules dispatches each through Python.
        found = (
            layout_markdown.read(lines, i)
            or layout_pipe_lines.read(lines, i)
            or layout_cell_lines.read(lines, i)
            or layout_web_rows.read(lines, i)
            or layout_tab_cells.read(lines, i)
            or layout_tab_rows.read(lines, i)
            or layout_delimited.read(lines, i)
            or layout_aligned.read(lines, i)
        )
        if not found:
            i += 1
            continue
        block, after = found
        block.heading, block.unit_line = heading_above(lines, i, previous_end)
        blocks.append(block)
        previous_end = after
        i = max(after, i + 1)
    return blocks


def heading_above(lines: list[tuple[int, str]], start: int, limit: int) -> tuple[str, str]:
    """The 附件 / …表 lines just above a block (at most three lines up, never inside the previous block),
    and a 单位:万元 line standing between them and the block."""
    found = []
    unit = ""
    for j in range(start - 1, max(limit, start - 4) - 1, -1):
        text = lines[j][1].strip()
        if not text:
            continue
        if len(text) > 60:
            break
        if _UNIT_LINE.match(text):
            unit = unit or text  # 单位:万元 between the title and the table
            continue
        found.append(text)
        if not _HEADING.search(text):
            found.pop()
            if found and not _CLAUSE_MARKS.search(text) and len(text) <= 40:
                found[-1] = text + found[-1]  # a title wrapped: …“三公”经费 / 决算数对比情况表
            break
    return " ".join(reversed(found)), unit
