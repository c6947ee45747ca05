"""Excel 97–2003 .xls (xlrd): every sheet in order, one table per block, merged ranges resolved,
numbers printed with their cell format's decimals."""

from __future__ import annotations

import io

from ..source import InputError
from .compose import Composer
from .sheets import layout_sheet, number_text


def read(path: str, data: bytes):
    import xlrd

    try:
        # xlrd prints its warnings about a damaged file to standard output unless given a log of its own:
        # only the report may go there (`--format json` must stay JSON).
        # ragged_rows: a row holds the cells it has, not as many as the sheet's widest row.
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=False,
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


def _printed(book, sheet, cell, r: int, c: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = None
        xf_index = sheet.cell_xf_index(r, c)
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
