"""Helpers the layout readers share: a cell from a stretch of a line, and joining wrapped lines."""

from __future__ import annotations

from .model import RawCell


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
