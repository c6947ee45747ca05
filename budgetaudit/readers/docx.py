"""Word .docx: paragraphs and real tables in document order (python-docx).

Merged cells are resolved from the grid itself (w:gridSpan across, w:vMerge down, w:gridBefore
at a row's start); list numbering is rendered as printed (一、 （一） 1. …) from numbering.xml,
since python-docx gives a paragraph's text without its number.
"""

from __future__ import annotations

import io

from ..own_reports import is_own_docx
from ..source import NotADisclosure
from ..tables.native import GridCell
from .compose import Composer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(path: str, data: bytes):
    import docx

    document = docx.Document(io.BytesIO(data))
    if is_own_docx(document):  # a 审核意见 written with -o into the folder being checked
        raise NotADisclosure("a report written by budgetaudit, not a disclosure")
    numbering = Numbering(document)
    composer = Composer(path, "docx")
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == W + "p":
            composer.text(numbering.label(child) + paragraph_text(child))
        elif child.tag == W + "tbl":
            cells, rows = table_grid(child, numbering)
            composer.grid(cells, rows)
        elif child.tag == W + "sdt":  # a content control wrapping paragraphs and tables
            content = child.find(W + "sdtContent")
            for inner in content.iterchildren() if content is not None else ():
                if inner.tag == W + "p":
                    composer.text(numbering.label(inner) + paragraph_text(inner))
                elif inner.tag == W + "tbl":
                    cells, rows = table_grid(inner, numbering)
                    composer.grid(cells, rows)
    return composer.finish("utf-8")


def paragraph_text(p) -> str:
    """The printed text of a paragraph: runs, TABs and line breaks; deleted text and field codes left out."""
    out = []
    for node in p.iter():
        tag = node.tag
        if tag == W + "t":
            if _deleted(node, p):
                continue
            out.append(node.text or "")
            for child in node:  # an entity the file does not define: its name as printed, then the rest
                out.append((child.text or "") + (child.tail or ""))
        elif tag == W + "tab" and node.getparent().tag == W + "r":
            out.append("\t")
        elif tag in (W + "br", W + "cr") and node.getparent().tag == W + "r":
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _deleted(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in (W + "del", W + "moveFrom"):
            return True
        parent = parent.getparent()
    return False


def _val(element, name: str, default=None):
    if element is None:
        return default
    found = element.find(W + name)
    if found is None:
        return default
    return found.get(W + "val", "")


def table_grid(tbl, numbering) -> tuple[list[GridCell], list[int]]:
    """Every cell of a table with its slot and span; a nested table's text stays in its cell."""
    cells: list[GridCell] = []
    above: dict[int, GridCell] = {}  # the cell standing in each grid column in the row above
    rows = []
    r = 0
    for file_row, tr in enumerate(tbl.iterchildren(W + "tr"), 1):
        rows.append(file_row)
        column = _bounded(_val(tr.find(W + "trPr"), "gridBefore", "0"), 0)
        current: dict[int, GridCell] = {}
        for tc in tr.iterchildren(W + "tc"):
            props = tc.find(W + "tcPr")
            span = max(1, _bounded(_val(props, "gridSpan", "1"), 1))
            merge = _val(props, "vMerge")
            text = "\n".join(numbering.label(p) + paragraph_text(p) for p in tc.iter(W + "p"))
            if merge is not None and merge != "restart" and column in above and above[column].colspan == span:
                cell = above[column]
                cell.rowspan = r - cell.row + 1
            else:
                cell = GridCell(text, r, column, 1, span)
                cells.append(cell)
            for c in range(column, column + span):
                current[c] = cell
            column += span
        above = current
        r += 1
    return cells, rows


MAX_SPAN = 1000  # grid columns a cell may span or a row skip (Word allows 63): 10**9 is clipped here
MAX_NUMBER = 32767  # the largest list number Word writes; a larger one is printed in digits


def _bounded(value, default: int) -> int:
    try:
        number = int(value or default)
    except ValueError:
        return default
    return max(0, min(number, MAX_SPAN))


# ----------------------------------------------------------------------------- list numbering

_CHINESE = "零一二三四五六七八九十"


def chinese_number(n: int) -> str:
    if n <= 10:
        return _CHINESE[n]
    if n < 20:
        return "十" + _CHINESE[n - 10]
    if n < 100:
        return _CHINESE[n // 10] + "十" + (_CHINESE[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    if not 0 <= n <= MAX_NUMBER:  # letters and Roman numerals of a hostile start would never end
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified", "japaneseCounting", "taiwaneseCounting"):
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Counters of every list, so a numbered paragraph shows 一、 or （二） as Word prints it."""

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, fmt, text)
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}  # by abstract list: one counter per level
        self.styles: dict[str, tuple[str, int]] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            part = None
        if part is not None:
            root = part.element
            abstracts = {}
            for abstract in root.iterchildren(W + "abstractNum"):
                levels = {}
                for lvl in abstract.iterchildren(W + "lvl"):
                    ilvl = int(lvl.get(W + "ilvl", "0"))
                    start = int(_val(lvl, "start", "1") or 1)
                    levels[ilvl] = (start, _val(lvl, "numFmt", "decimal") or "decimal", _val(lvl, "lvlText", "") or "")
                abstracts[abstract.get(W + "abstractNumId")] = levels
            for num in root.iterchildren(W + "num"):
                abstract_id = _val(num, "abstractNumId")
                num_id = num.get(W + "numId")
                levels = dict(abstracts.get(abstract_id, {}))
                for override in num.iterchildren(W + "lvlOverride"):
                    ilvl = int(override.get(W + "ilvl", "0"))
                    start = _val(override, "startOverride")
                    if start is not None and ilvl in levels:
                        levels[ilvl] = (int(start), *levels[ilvl][1:])
                self.levels[num_id] = levels
                self.abstract_of[num_id] = abstract_id or num_id
        try:
            for style in document.styles.element.iterchildren(W + "style"):
                ppr = style.find(W + "pPr")
                num_pr = ppr.find(W + "numPr") if ppr is not None else None
                if num_pr is not None and _val(num_pr, "numId") is not None:
                    self.styles[style.get(W + "styleId")] = (_val(num_pr, "numId"), int(_val(num_pr, "ilvl", "0") or 0))
        except AttributeError:
            pass

    def label(self, p) -> str:
        if not self.levels:
            return ""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return ""
        num_pr = ppr.find(W + "numPr")
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id = _val(num_pr, "numId")
            ilvl = int(_val(num_pr, "ilvl", "0") or 0)
        if num_id is None:
            style = _val(ppr, "pStyle")
            if style in self.styles:
                num_id, ilvl = self.styles[style]
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        if ilvl not in levels:
            return ""
        key = self.abstract_of[num_id]
        counters = self.counters.setdefault(key, [0] * 10)
        start, fmt, text = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] >= start else start
        for deeper in range(ilvl + 1, 10):
            counters[deeper] = 0
        if fmt == "bullet":
            return ""
        out = text
        for level in range(ilvl + 1):
            value = counters[level] or levels.get(level, (1,))[0]
            out = out.replace(f"%{level + 1}", format_number(value, levels.get(level, (1, "decimal", ""))[1]))
        return out
