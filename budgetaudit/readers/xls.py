"""Excel 97–2003 .xls (xlrd): every sheet in order, one table per block, merged ranges resolved,
numbers printed with their cell format's decimals."""

from __future__ import annotations

import io
import struct
from typing import Final

from ..source import InputError
from .compose import Composer
from .sheets import MAX_CELLS, layout_sheet, number_text

_BLANK: Final = 0x0201  # BIFF record of one blank cell with a format
_MULBLANK: Final = 0x00BE  # of a run of them: row, first column, a format per cell, last column


def read(path: str, data: bytes):
    import xlrd

    try:
        # xlrd prints its warnings about a damaged file to standard output unless given a log of its own:
        # only the report may go there (`--format json` must stay JSON).
        # ragged_rows: a row holds the cells it has, not as many as the sheet's widest row.
        # Cell formats give a number its printed decimals, but with them xlrd keeps every blank cell that
        # has a format of its own (a sheet of 16.7 million took a minute): past the limit of cells, the
        # numbers are read without their formats and the blanks not at all.
        formats = _blank_cells(data) <= MAX_CELLS
        book = xlrd.open_workbook(file_contents=data, formatting_info=formats, on_demand=False,
                                  logfile=io.StringIO(), verbosity=0, ragged_rows=True)
    except xlrd.XLRDError as exc:
        raise InputError(f"not an Excel .xls workbook ({exc}); Word .doc files are not read, save as .docx") from None
    composer = Composer(path, "xls")
    for sheet in book.sheets():
        if getattr(sheet, "visibility", 0):
            continue
        values: dict[tuple[int, int], str] = {}
        for r in range(sheet.nrows):
            for c in range(sheet.row_len(r)):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                text = _printed(book, sheet, cell, r, c)
                if text != "":
                    values[(r, c)] = text
        merged = [(r0, c0, r1 - 1, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        layout_sheet(composer, sheet.name, values, merged)
    return composer.finish("utf-8")


def _blank_cells(data: bytes) -> int:
    """How many formatted blank cells the workbook stream holds, counted from its record headers alone
    (a damaged file counts as none: xlrd then says what is wrong with it)."""
    from xlrd import compdoc

    if data[:8] != compdoc.SIGNATURE:
        return 0
    try:
        document = compdoc.CompDoc(data, logfile=io.StringIO())
        for name in ("Workbook", "Book"):
            stream, start, length = document.locate_named_stream(name)
            if stream:
                break
        else:
            return 0
    except Exception:  # xlrd raises several types for a damaged container
        return 0
    count, at, end = 0, start, start + length
    unpack = struct.Struct("<HH").unpack_from
    while at + 4 <= end:
        code, size = unpack(stream, at)
        if code == _MULBLANK and size >= 6:
            count += (size - 6) // 2
        elif code == _BLANK:
            count += 1
        at += 4 + size
    return count


def _printed(book, sheet, cell, r: int, c: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = None
        xf_index = sheet.cell_xf_index(r, c) if book.formatting_info else None
        if xf_index is not None and xf_index < len(book.xf_list):
            fmt_key = book.xf_list[xf_index].format_key
            found = book.format_map.get(fmt_key)
            fmt = found.format_str if found is not None else None
        return number_text(cell.value, fmt)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).strftime("%Y-%m-%d")
        except (ValueError, OverflowError):
            return str(cell.value)
    return str(cell.value)
