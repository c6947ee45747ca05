"""Excel .xlsx (openpyxl): every sheet in order, one table per block of a sheet, merged ranges resolved.

Formulas are read as the values Excel cached when it last saved the file; a formula without a cached
value (a file written by a program that never calculated it) prints nothing, so it is never read as 0.
"""

from __future__ import annotations

import datetime
import io
import warnings

from .compose import Composer
from .sheets import layout_sheet, number_text


def read(path: str, data: bytes):
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    composer = Composer(path, "xlsx")
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        values: dict[tuple[int, int], str] = {}
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None:
                    continue
                values[(cell.row - 1, cell.column - 1)] = printed(value, cell.number_format)
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
        layout_sheet(composer, sheet.title, values, merged)
    return composer.finish("utf-8")


def printed(value, number_format: str | None) -> str:
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)
