"""Excel .xlsx (openpyxl): every sheet in order, one table per block of a sheet, merged ranges resolved.

Formulas are read as the values Excel cached when it last saved the file; a formula without a cached
value (a file written by a program that never calculated it) prints nothing, so it is never read as 0.
"""

from __future__ import annotations

import datetime
import io
import re
import warnings
import zipfile

from ..source import InputError
from .compose import Composer
from .sheets import MAX_CELLS, MAX_MERGED_CELLS, column_index, layout_sheet, number_text


def read(path: str, data: bytes):
    import openpyxl

    _bounded_sheets(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    composer = Composer(path, "xlsx")
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        values: dict[tuple[int, int], str] = {}
        # The cells the file holds (iter_rows would walk the whole rectangle up to the farthest one).
        for (row, column), cell in sorted(sheet._cells.items()):
            value = cell.value
            if value is None:
                continue
            values[(row - 1, column - 1)] = printed(value, cell.number_format)
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
        layout_sheet(composer, sheet.title, values, merged)
    return composer.finish("utf-8")


_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3})(\d{1,7})(?::([A-Za-z]{1,3})(\d{1,7}))?\"")


def _bounded_sheets(data: bytes) -> None:
    """Refuse a workbook whose sheets hold more cells, or merge more, than the limits, before openpyxl
    makes an object for each (it makes one for every cell a merged range covers)."""
    book = zipfile.ZipFile(io.BytesIO(data))
    for member in book.infolist():
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        xml = book.read(member)  # its size is held to --max-bytes by readers.sniff
        cells = sum(1 for _ in _CELL.finditer(xml))
        if cells > MAX_CELLS:
            raise InputError(f"a sheet of more than {MAX_CELLS:,} cells (the limit of cells in a sheet)")
        merged = 0
        for match in _MERGE.finditer(xml):
            first_column, first_row, last_column, last_row = (g.decode("ascii") if g else None for g in match.groups())
            last_column, last_row = last_column or first_column, last_row or first_row
            rows = abs(int(last_row) - int(first_row)) + 1
            columns = abs(column_index(last_column) - column_index(first_column)) + 1
            merged += rows * columns
            if merged > MAX_MERGED_CELLS:
                raise InputError(f"merged ranges covering more than {MAX_MERGED_CELLS:,} cells in one sheet "
                                 "(the limit of merged cells)")


def printed(value, number_format: str | None) -> str:
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)
