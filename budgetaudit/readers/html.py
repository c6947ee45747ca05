"""HTML pages: <table>s with rowspan/colspan resolved, the text outside them as prose, in document order (lxml).

A block element (p, div, h1…, li, br, tr) ends a line of prose; script, style and the head are
not read. A table nested in a cell stays text of that cell; a table of one column is prose laid out
in a table, and read as prose.
"""

from __future__ import annotations

import re

from ..source import InputError, decode
from ..tables.native import GridCell
from .compose import Composer

_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
    "footer", "blockquote", "pre", "center", "dd", "dt", "dl", "form", "hr", "caption", "title", "nav",
    "address", "figure", "figcaption", "main", "aside", "tr",
}
_SKIP = {"script", "style", "head", "noscript", "template", "iframe", "object", "svg"}
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_SPACE = re.compile(r"[ \t\r\n\u00a0]+")


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode with the page's declared charset (gb2312/gbk read as GB18030), else as a text file is."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}.get(name, name)
        try:
            return data.decode(name).lstrip("\ufeff"), name
        except (LookupError, UnicodeDecodeError):
            pass
    text, encoding = decode(data)
    return text.lstrip("\ufeff"), encoding


def read(path: str, data: bytes):
    import lxml.html

    text, encoding = decode_html(data)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    if not text.strip():
        raise InputError("empty file")
    root = lxml.html.document_fromstring(text)
    composer = Composer(path, "html")
    walker = _Walker(composer)
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return composer.finish(encoding)


class _Walker:
    def __init__(self, composer: Composer):
        self.composer = composer
        self.line: list[str] = []

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line)).strip()
        self.line = []
        if text:
            self.composer.text(text)

    def walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP:
            self._tail(element)
            return
        if tag == "table":
            self.flush()
            cells, rows = table_grid(element)
            self.composer.grid(cells, rows)
            self._tail(element)
            return
        if tag == "br":
            self.flush()
            self._tail(element)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if element.text and tag:
            self.line.append(element.text)
        for child in element:
            self.walk(child)
        if block:
            self.flush()
        self._tail(element)

    def _tail(self, element) -> None:
        if element.tail:
            self.line.append(element.tail)


def cell_text(cell) -> str:
    """The text of a cell, its <br> and block elements as line breaks."""
    out: list[str] = []

    def walk(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _SKIP:
            if element.tail:
                out.append(element.tail)
            return
        if tag == "br" or tag in _BLOCK:
            out.append("\n")
        if element.text and tag:
            out.append(element.text)
        for child in element:
            walk(child)
        if tag in _BLOCK:
            out.append("\n")
        if element.tail:
            out.append(element.tail)

    if cell.text:
        out.append(cell.text)
    for child in cell:
        walk(child)
    return "\n".join(_SPACE.sub(" ", part).strip() for part in "".join(out).split("\n"))


def _span(cell, name: str) -> int:
    try:
        value = int(re.sub(r"[^\d]", "", cell.get(name, "1")) or 1)
    except ValueError:
        value = 1
    return max(1, min(value, 1000))


def _rows(table) -> list:
    """The table's own rows (thead, tbody, tfoot or bare), not those of a table nested in a cell."""
    out = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return out


def table_grid(table) -> tuple[list[GridCell], list[int]]:
    cells: list[GridCell] = []
    # The row below which each column is free again: work and memory grow with the columns a cell
    # spans, never with its area (200 cells of rowspan and colspan 1000 would be 40 million slots).
    free_from: list[int] = []
    rows = _rows(table)
    for r, tr in enumerate(rows):
        column = 0
        for td in tr:
            tag = td.tag.lower() if isinstance(td.tag, str) else ""
            if tag not in ("td", "th"):
                continue
            while column < len(free_from) and free_from[column] > r:
                column += 1
            rowspan = min(_span(td, "rowspan"), len(rows) - r)
            colspan = _span(td, "colspan")
            cells.append(GridCell(cell_text(td), r, column, rowspan, colspan))
            if len(free_from) < column + colspan:
                free_from.extend([0] * (column + colspan - len(free_from)))
            for cc in range(column, column + colspan):
                free_from[cc] = r + rowspan
            column += colspan
    return cells, list(range(1, len(rows) + 1))
