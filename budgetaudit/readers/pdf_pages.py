"""What a PDF's pages add to its text, taken off again: running headers and footers, page numbers,
and the breaks that cut a table or a paragraph in two.

A running header or footer is a line in the top or bottom margin band (the outer 6% of the page)
whose text, its digits aside, recurs in the same band on at least half the pages and on at least two;
a 单位 line is never one, and a table's header rows are never lines here (a table's rows are its
grid). A page number is a line of the band that reads as one (第3页, 第3页 共9页, 3/9, -3-, a bare
3) and goes on any page. A table at the top of a page goes on the table that ended the page before
when their columns stand at the same x-positions and nothing but the page's furniture comes between;
a header repeated at the top of the page is dropped. A paragraph goes on across the break when the
page's last line reaches the right margin without ending a sentence and the next page's first line
starts at the left margin (the same test as within a page).
"""

from __future__ import annotations

import re
from typing import Final

from ..figures import parse_number
from . import pdf_forms
from .pdf_borderless import Borderless

BAND: Final = 0.06  # of the page height: furniture stands in the outer 6% (a 2 cm margin is 6.7% of A4)
SENTENCE_END: Final = tuple("。！？：；!?:;")
_PAGE_NUMBER = re.compile(r"^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页\s*第\s*\d+\s*页|\d+\s*/\s*\d+|[-—–]\s*\d+\s*[-—–]|\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?)$", re.I)


def in_band(info: dict) -> bool:
    height = info["height"]
    return info["top"] < BAND * height or info["bottom"] > (1 - BAND) * height


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def strip_furniture(items: list, pages: int) -> list:
    """Items less running headers and footers and page numbers (lines with geometry only)."""
    seen: dict[tuple[bool, str], set[int]] = {}
    for item in items:
        if item[0] == "line" and len(item) > 3 and in_band(item[3]):
            top = item[3]["top"] < BAND * item[3]["height"]
            seen.setdefault((top, _key(item[1])), set()).add(item[2])
    needed = max(2, (pages + 1) // 2)
    out = []
    for item in items:
        if item[0] == "line" and len(item) > 3 and in_band(item[3]):
            text = re.sub(r"\s+", "", item[1])
            top = item[3]["top"] < BAND * item[3]["height"]
            if _PAGE_NUMBER.match(text):
                continue
            if len(seen[(top, _key(item[1]))]) >= needed and not text.startswith(("单位", "金额单位")):
                continue
        out.append(item)
    return out


def join_pages(items: list, same_columns) -> list:
    """Tables and paragraphs cut by a page break made whole. `same_columns(before, after)` says
    whether two ruled grids have the same columns."""
    out: list = []
    for item in items:
        previous = out[-1] if out else None
        if (item[0] == "grid" and previous is not None and previous[0] == "line" and len(out) > 1 and out[-2][0] == "grid"
                and _repeated_unit(previous, item[1]) and _continues(out[-2][1], item[1], same_columns)):
            out.pop()  # the table's 单位 line printed again above its repeated header
            previous = out[-1]
        if previous is not None and item[0] == "grid" and previous[0] == "grid":
            before, after = previous[1], item[1]
            if after.page == _last_page(before) + 1 and _continues(before, after, same_columns):
                _append(before, after)
                before.last_page = after.page  # (all its rows may have gone on rows above)
                continue
        if previous is not None and item[0] == "line" and previous[0] == "line" and len(item) > 3 and len(previous) > 3:
            if item[2] == previous[-1][-1][1] + 1 and _paragraph_goes_on(previous[3], previous[1], item[3]):
                pieces = previous[-1] + [(item[1], item[2])]
                out[-1] = ("line", previous[1] + _glue(previous[1], item[1]) + item[1], previous[2], {**previous[3], **_tail(item[3])}, pieces)
                continue
        if item[0] == "line" and len(item) == 4:
            item = (*item, [(item[1], item[2])])
        out.append(item)
    return out


def _repeated_unit(line: tuple, grid) -> bool:
    """A 单位 line alone at the top of the page the table goes on."""
    text = re.sub(r"\s+", "", line[1])
    return (len(line) > 3 and line[3].get("first_on_page", False) and line[2] == grid.page
            and text.startswith(("单位", "金额单位")) and len(text) <= 12)


def _tail(info: dict) -> dict:
    return {"last_x1": info["last_x1"], "right": info["right"], "size": info["size"]}


def _glue(left: str, right: str) -> str:
    return " " if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha() else ""


def _paragraph_goes_on(before: dict, text: str, after: dict) -> bool:
    size = before["size"]
    return (before.get("last_on_page", False) and after.get("first_on_page", False)
            and before["last_x1"] >= before["right"] - 1.5 * size and not text.endswith(SENTENCE_END)
            and after["first_x0"] <= after["left"] + 0.5 * size and not after.get("columns"))


def _last_page(grid) -> int:
    return max([grid.page, grid.last_page] + [c.coords.get("page", grid.page) for c in grid.cells])


def _continues(before, after, same_columns) -> bool:
    if isinstance(before, Borderless) != isinstance(after, Borderless):
        return False
    if isinstance(before, Borderless) and (before.form or after.form):
        return before.form == after.form  # its title printed again at the top of the page
    if isinstance(before, Borderless):
        if before.width != after.width:
            return False
        tolerance = 3.0  # points
        return all(abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= tolerance or (a.x0 < b.x1 and b.x0 < a.x1)
                   for a, b in zip(before.columns, after.columns))
    return same_columns(before, after)


def _append(before, after) -> None:
    """`after`'s rows go under `before`'s, less a header printed again at the top of its page."""
    drop = 0
    if isinstance(before, Borderless) and before.form:
        pdf_forms.append(before, after)
        return
    if isinstance(before, Borderless):
        if after.header_rows and after.header_texts == before.header_texts[: len(after.header_texts)]:
            drop = after.header_rows
    else:
        rows_before = _row_texts(before)
        rows_after = _row_texts(after)
        while drop < min(len(rows_before), len(rows_after)) and rows_after[drop] and rows_after[drop] == rows_before[drop]:
            drop += 1
        if _row_goes_on(before, after, drop):
            drop += 1
        before.cut = after.cut
    cells = [c for c in after.cells if c.row >= drop]
    for cell in cells:
        cell.row += before.height - drop
    before.cells.extend(cells)
    before.rows.extend(range(before.height + 1, before.height + after.height - drop + 1))
    before.height += after.height - drop


def _row_goes_on(before, after, row: int) -> bool:
    """A ruled row cut by the page break (LibreOffice and Word let a row break across pages): the
    table filled its page, and the next page's first row prints only text under cells of the last
    row that hold text (主管部/门, 年度预/算执行率), never a number under a number. Its texts go on
    the last row's cells."""
    if not before.cut:
        return False
    last = {c.column: c for c in before.cells if c.row <= before.height - 1 < c.row + c.rowspan}
    first = [c for c in after.cells if c.row == row and c.text.strip()]
    if not first or any(c.column not in last or not last[c.column].text.strip() for c in first):
        return False
    if any(parse_number(c.text.strip()) and parse_number(last[c.column].text.strip()) for c in first):
        return False  # a number under a number: a row of its own
    if all(parse_number(c.text.strip()) for c in first):
        return False
    for cell in first:
        last[cell.column].text += "\n" + cell.text
    return True


def _row_texts(grid) -> list[tuple[str, ...]]:
    rows: dict[int, list] = {}
    for cell in grid.cells:
        rows.setdefault(cell.row, []).append((cell.column, cell.text))
    return [tuple(t for _, t in sorted(rows.get(r, []))) for r in range(grid.height)]
