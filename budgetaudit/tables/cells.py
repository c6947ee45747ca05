"""Helpers the layout readers share: a cell from a stretch of a line, and joining wrapped lines."""

from __future__ import annotations

import re
from typing import Final

from .model import RawCell

# 项 目, 合 计, 上年 决算数: a page spaces out short headings; spaces between two Chinese characters are no part of
# a label (a cell's offsets still cover the text as printed).
_SPACED: Final = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")


def unspaced(cell: RawCell) -> RawCell:
    """The cell with the spaces between its Chinese characters taken out of its text."""
    if " " in cell.text:
        cell.text = _SPACED.sub("", cell.text)
    return cell


def cell_at(line_offset: int, line: str, begin: int, end: int) -> RawCell:
    """The cell printed in line[begin:end], trimmed, with offsets in the source."""
    piece = line[begin:end]
    left = len(piece) - len(piece.lstrip())
    right = len(piece.rstrip())
    if right <= left:
        return RawCell("", line_offset + begin, line_offset + begin)
    return RawCell(piece[left:right], line_offset + begin + left, line_offset + begin + right)


def join(cell: RawCell, more: RawCell) -> RawCell:
    """A cell continued on a following line: Chinese text wraps without a space."""
    if not more.text:
        return cell
    if not cell.text:
        return more
    glue = " " if cell.text[-1:].isascii() and more.text[:1].isascii() and cell.text[-1:].isalnum() else ""
    return RawCell(cell.text + glue + more.text, cell.start, more.end)
