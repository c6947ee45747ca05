"""Tables printed without ruling lines, rebuilt from the positions of their words (pdfplumber's words).

A page's words are grouped into lines. A stretch of lines where words stand apart in columns with
at least one number is a table body (lines of labels only in it, each where the table's labels
start, keep it going); the lines just above it whose words stand in columns are its header, read
by pdf_headers.py: a cell with cells under it is a parent (2026年预算数 over 合计/基本支出/项目支出),
the others are leaves, one column each. A column's extent is its leaf's, widened by the words
aligned in it (numbers share their right edge, labels their left edge), so a centred header over
right-aligned numbers is still one column. A table printed with no figure at all (此表无数据) is
its header and labels under its title. At the top of a page, lines of labels standing in the
columns of the table going on from the page before are its rows, not a header.

Rows: a body row starts at a line holding a number or a classification code; a label wrapped over
several lines is one cell (a line that fills its column goes on in the next, unless it ends a
sentence, the next starts a numbered item, (八), or the next prints under a cell of the row that
ended short: a new row), lines overlapping vertically are one row (cells of different heights centred side by side), and a label with no
number of its own joins the row whose numbers fall within its vertical extent (Word centres a cell
vertically, so a three-line 科目名称 has its numbers on the middle line). A number wrapped inside a
narrow column (1207./84, a code 20805/05) is joined only within that column, and only from a line
whose numbers all go on the line above (else that line is the next row). A number whose extent falls in no column or in
several is never snapped to the nearest: it is uncertain, with its candidate columns (EXT004).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..figures import parse_number
from ..tables.header import is_code
from ..tables.native import GridCell
from .pdf_headers import header_cells, parent_spans

_TITLE = re.compile(r"表\s*(?:[(（][^)）]*[)）])?$")
GAP = 1.5  # font sizes: words further apart than this stand in different columns
_SENTENCE_END = tuple("。！？!?")
_FRAGMENT = re.compile(r"^-?\d[\d,]*\.$")  # a number cut after its point by a narrow column: 1207. over 84
# A 单位:万元 line; a label that only starts with 单位 (单位养/老支出, a wrapped 事业单位养老支出) is not one.
_UNIT = re.compile(r"(?:金额)?单位\s*(?:[:：]|[(（]?(?:万元|千元|亿元|元))")
_ITEM = re.compile(r"[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、")  # an item's number: (八), 十二、


@dataclass(eq=False)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def number(self) -> bool:
        return parse_number(self.text) is not None or (self.text.endswith("%") and parse_number(self.text[:-1]) is not None)

    @property
    def fragment(self) -> bool:
        """The first piece of a number wrapped inside its column (1207. with 84 on the next line)."""
        return bool(_FRAGMENT.match(self.text))

    @property
    def centre(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(eq=False)
class Line:
    words: list[Word]
    top: float
    bottom: float

    @property
    def columnar(self) -> bool:
        """Words standing apart as table cells, at least one a number (or a wrapped number's first piece)."""
        ws = self.words
        apart = any(b.x0 - a.x1 > GAP * a.size for a, b in zip(ws, ws[1:]))
        return apart and any(w.number or w.fragment for w in ws)


@dataclass(eq=False)
class Column:
    x0: float
    x1: float
    numeric: bool = False


@dataclass(eq=False)
class Borderless:
    """A rebuilt table: its cells, its columns (for a continuation on the next page) and its box."""

    cells: list[GridCell]
    height: int
    width: int
    columns: list[Column]
    header_rows: int
    box: tuple[float, float, float, float]
    page: int
    rows: list[int] = field(default_factory=list)
    header_texts: list[str] = field(default_factory=list)
    form: str = ""  # a performance form's title (pdf_forms.py): its part on the next page goes on under it
    last_page: int = 0  # the last page it runs onto, once joined

    @property
    def xs(self) -> list[float]:
        return [c.x1 for c in self.columns]


def words_of(raw: list[dict]) -> list[Word]:
    return [Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], w.get("size") or (w["bottom"] - w["top"])) for w in raw]


def lines_of(words: list[Word]) -> list[Line]:
    """Words into lines, top to bottom: a word joins a line whose top is within half its size."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if lines and abs(word.top - lines[-1].top) < word.size / 2:
            lines[-1].words.append(word)
            lines[-1].bottom = max(lines[-1].bottom, word.bottom)
        else:
            lines.append(Line([word], word.top, word.bottom))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.words = _joined(line.words)
    return lines


def _joined(words: list[Word]) -> list[Word]:
    """Words closer than a character are one (a label with a space in it)."""
    out: list[Word] = []
    for word in words:
        if out and word.x0 - out[-1].x1 < 0.9 * word.size and not (word.number and out[-1].number):
            last = out[-1]
            glue = " " if last.text[-1:].isascii() and word.text[:1].isascii() else ""
            out[-1] = Word(last.text + glue + word.text, last.x0, word.x1, min(last.top, word.top), max(last.bottom, word.bottom), last.size)
        else:
            out.append(word)
    return out


def _amounts(line: Line) -> list[Word]:
    """The line's numbers that are amounts: a classification code (208, 20805) is its line's first word;
    a number that reads like one further right (420 under 总计) is an amount."""
    return [w for k, w in enumerate(line.words) if (w.number or w.fragment) and not (k == 0 and is_code(w.text))]


def _number_ends(line: Line, above: Line) -> bool:
    """A line of numbers only, each the end of a number wrapped in its column right above it (803.1/6)."""
    return all(w.number and any(a.x0 < w.x1 and w.x0 < a.x1 and (a.number or a.fragment) and w.top - a.bottom < 0.5 * w.size
                                and parse_number(a.text + w.text) is not None for a in above.words) for w in line.words)


def _label_row(line: Line, table: list[Line]) -> bool:
    """A line of labels only, each starting where labels of the table's rows start and ending before
    the next column's words (a paragraph runs across the columns)."""
    words = [w for row in table for w in row.words]
    lefts = [w.x0 for w in words if not w.number]
    for word in line.words:
        if word.number or not any(abs(word.x0 - x) < 1.5 for x in lefts):
            return False
        if word.x1 >= min((w.x0 for w in words if w.x0 > word.x0 + 1.5), default=float("inf")):
            return False
    return True


def _is_title(line: Line) -> bool:
    text = "".join(w.text for w in line.words)
    return (len(line.words) == 1 and (text.endswith("表") or text.startswith(("附件", "附表")))) or bool(_UNIT.match(text))


def find(lines: list[Line], page: int, inherited: Borderless | None = None, bottom: float = float("inf")) -> list[tuple[int, int, Borderless]]:
    """The borderless tables among a page's lines: (first line index, end index, table).

    `inherited`: the table that ended the previous page, whose columns a headerless table at the top
    of this page may go on with; `bottom`: where the page's bottom margin band starts."""
    found: list[tuple[int, int, Borderless]] = []
    k = 0
    floor = 0  # lines above this belong to a table already found
    while k < len(lines):
        if not lines[k].columnar:
            empty = _without_figures(lines, k, page) if k >= floor and _table_title(lines[k]) else None
            if empty is not None:
                found.append(empty)
                floor = empty[1]
            k = empty[1] if empty is not None else k + 1
            continue
        left_of_numbers = min((w.x0 for w in _amounts(lines[k])), default=0)
        end = k + 1
        while end < len(lines):
            size = lines[end].words[0].size
            gap = lines[end].top - lines[end - 1].bottom
            if (lines[end].columnar or _number_ends(lines[end], lines[end - 1])) and gap < 2.5 * size:
                left_of_numbers = min([left_of_numbers] + [w.x0 for w in _amounts(lines[end])])
                end += 1
                continue
            # rows of labels only (收支总表's (二)外交支出 beside an empty 收入 side), each label where labels of the table start
            run = end
            while (run < len(lines) and not lines[run].columnar and lines[run].top - lines[run - 1].bottom < 1.5 * size
                   and not _is_title(lines[run]) and _label_row(lines[run], lines[k:end])):
                run += 1
            if run > end and ((run < len(lines) and lines[run].columnar and lines[run].top - lines[run - 1].bottom < 2.5 * size)
                              or all(line.top > bottom for line in lines[run:])):
                end = run
                continue
            # text lines of the label columns (wrapped labels) up to the next row, or tight under the last
            nxt = end
            while (nxt < len(lines) and nxt - end < 4 and not lines[nxt].columnar and lines[nxt].top - lines[nxt - 1].bottom < 1.2 * size
                   and all(w.x1 < left_of_numbers for w in lines[nxt].words)):
                nxt += 1
            if nxt < len(lines) and nxt > end and lines[nxt].columnar and lines[nxt].top - lines[nxt - 1].bottom < 2.5 * size:
                end = nxt
                continue
            while nxt > end and lines[end].top - lines[end - 1].bottom >= 0.8 * lines[end].words[0].size:
                nxt -= 1  # after the last row, only a line tight under it is still the table's (a wrapped label)
            end = nxt
            break
        start = k
        while start > floor and k - start < 6:
            above, below = lines[start - 1], lines[start]
            if _is_title(above) or below.top - above.bottom > 2.5 * above.words[0].size or any(w.x1 - w.x0 > 250 for w in above.words):
                break
            start -= 1
        # Only the page's first table may go on the previous page's (above it, at most the table's 单位 line again).
        first = not found and all(_is_title(line) and len(line.words) == 1 for line in lines[:start])
        table = _build(lines[start:k], lines[k:end], page, inherited if first else None)
        if table is not None:
            found.append((start, end, table))
            floor = end
        k = end
    return found


def _table_title(line: Line) -> bool:
    text = line.words[0].text
    return len(line.words) == 1 and len(text) >= 6 and bool(_TITLE.search(text))


def _without_figures(lines: list[Line], title: int, page: int) -> tuple[int, int, Borderless] | None:
    """A table printed with its header and labels but no figure (此表无数据) under its title: the
    header is lines tight under one another, at least one of several cells, then rows of labels."""
    start = title + 1
    while start < len(lines) and start - title < 3 and _is_title(lines[start]):
        start += 1  # its 单位 line
    end = start
    while end < len(lines) and not any(w.number for w in lines[end].words) and all(w.x1 - w.x0 < 250 for w in lines[end].words) and (
            end == start or lines[end].top - lines[end - 1].bottom < 0.5 * lines[end].words[0].size):
        end += 1
    if not any(len(lines[i].words) > 1 for i in range(start, end)):
        return None
    last = end
    while (last < len(lines) and not any(w.number for w in lines[last].words) and all(len(w.text) <= 12 for w in lines[last].words)
           and lines[last].top - lines[last - 1].bottom < 1.5 * lines[last].words[0].size):
        last += 1
    if last < len(lines) and any(w.number for w in lines[last].words) and lines[last].top - lines[last - 1].bottom < 2.5 * lines[last].words[0].size:
        return None  # the header of a table with figures
    table = _build(lines[start:end], lines[end:last], page, None, empty=True)
    return (start, last, table) if table is not None else None


def _build(head: list[Line], body: list[Line], page: int, inherited: Borderless | None, empty: bool = False) -> Borderless | None:
    numbers = [w for line in body for w in _amounts(line)]
    if not numbers and not empty:
        return None
    first_number = min((w.x0 for w in numbers), default=0)
    # Lines above the body whose words stay left of every number are the top of a wrapped label.
    while numbers and head and len(head[-1].words) == 1 and head[-1].words[0].x1 < first_number:
        body.insert(0, head.pop())
    if inherited is not None and head and _rows_going_on(head, inherited):
        body[:0], head = head, []  # rows of labels at the top of the page, each word in a column of the table going on
    if not head and inherited is None:
        return None
    heads = header_cells(head) if head else []
    leaves = [c for c in heads if c.leaf]
    if leaves:
        columns = [Column(c.x0, c.x1) for c in sorted(leaves, key=lambda c: c.x0)]
        if inherited is not None and len(inherited.columns) == len(columns) and all(
                a.x0 < b.x1 and b.x0 < a.x1 for a, b in zip(columns, inherited.columns)):
            # The header printed again over the table's next rows: the columns as widened on the page before.
            columns = [Column(min(a.x0, b.x0), max(a.x1, b.x1), b.numeric) for a, b in zip(columns, inherited.columns)]
    elif inherited is not None:
        columns = [Column(c.x0, c.x1, c.numeric) for c in inherited.columns]
    else:
        return None
    if len(columns) < 2:
        return None
    _widen(columns, [w for line in body for w in line.words])
    words = _fragments_joined(columns, body)
    rows = _rows(columns, body, words)
    cells: list[GridCell] = []
    depth = 0
    if leaves:
        spans = parent_spans(heads, sorted(leaves, key=lambda c: c.x0), columns)
        depth = max(c.level for c in heads) + 1
        for cell in heads:
            covered = list(spans.get(id(cell), ()))
            if not covered:
                continue
            rowspan = depth - cell.level if cell.leaf else 1
            cells.append(GridCell(cell.text, cell.level, covered[0], rowspan, covered[-1] - covered[0] + 1, coords={"page": page}))
    for r, row in enumerate(rows):
        taken: set[int] = set()
        placed: list[tuple[list[int], list[Word]]] = []
        for ks, ws in row:
            placed.append((ks, ws))
        for ks, ws in sorted(placed, key=lambda p: len(p[0])):
            free = [k for k in ks if k not in taken] or ks
            text = "\n".join(w.text for w in sorted(ws, key=lambda w: (w.top, w.x0)))
            cell = GridCell(text, depth + r, free[0], coords={"page": page})
            if len(ks) > 1:
                cell.candidates = tuple(ks)
            taken.add(free[0])
            cells.append(cell)
    all_words = [w for line in head + body for w in line.words]
    box = (min(w.x0 for w in all_words), min(w.top for w in all_words), max(w.x1 for w in all_words), max(w.bottom for w in all_words))
    height = depth + len(rows)
    texts = [c.text for c in cells if c.row < depth]
    return Borderless(cells, height, len(columns), columns, depth, box, page, list(range(1, height + 1)), texts)


def _rows_going_on(head: list[Line], inherited: Borderless) -> bool:
    """Lines above a page's first row that are the rows of labels of the table going on from the page
    before (二十八、抗疫特别国债安排的/支出 above 本年收入合计), not its header printed again: each
    word stands in one of its columns, starting where that column starts, and at most half of them
    are header texts (支出, the end of a wrapped label, may be one)."""
    columns = inherited.columns
    words = [w for line in head for w in line.words]
    if 2 * sum(1 for w in words if w.text in inherited.header_texts) > len(words):
        return False
    for line in head:
        for word in line.words:
            inside = [k for k, c in enumerate(columns) if abs(word.x0 - c.x0) < 1.5 and (k + 1 == len(columns) or word.x1 < columns[k + 1].x0)]
            if len(inside) != 1:
                return False
    return True


def _widen(columns: list[Column], words: list[Word]) -> None:
    """Each column takes in the words aligned in it: numbers by their right edge (or their left edge,
    when no other number shares their right one), text by its left edge."""
    right: dict[int, list[Word]] = {}
    for word in words:
        if word.number:
            right.setdefault(round(word.x1 / 1.5), []).append(word)
    aligned_right = {id(w) for ws in right.values() if len(ws) > 1 for w in ws}
    left: dict[int, list[Word]] = {}
    for word in words:
        if id(word) not in aligned_right:
            left.setdefault(round(word.x0 / 1.5), []).append(word)
    groups = [("n", ws) for _, ws in sorted(right.items())] + [("t", ws) for _, ws in sorted(left.items())]
    for kind, ws in groups:
        if len(ws) < 2:
            continue
        x0, x1 = min(w.x0 for w in ws), max(w.x1 for w in ws)
        hit = [c for c in columns if c.x0 < x1 and x0 < c.x1] or [columns[k] for k in _aligned(columns, x0, x1, kind == "n")]
        if len(hit) == 1:
            hit[0].x0, hit[0].x1 = min(hit[0].x0, x0), max(hit[0].x1, x1)
            hit[0].numeric = hit[0].numeric or all(w.number for w in ws)


def _aligned(columns: list[Column], x0: float, x1: float, number: bool) -> list[int]:
    """The column a right-aligned number (or a left-aligned label) stands in by its edge: between its
    header's centre and the next one's. Empty when the edge is not between two centres."""
    centres = [(c.x0 + c.x1) / 2 for c in columns]
    if number:
        ks = [k for k in range(len(columns)) if centres[k] <= x1 and (k + 1 == len(columns) or x1 < centres[k + 1]) and (k == 0 or x0 > centres[k - 1])]
    else:
        ks = [k for k in range(len(columns)) if x0 <= centres[k] and (k == 0 or x0 > centres[k - 1]) and (k + 1 == len(columns) or x1 < centres[k + 1])]
    return ks


def _candidates(columns: list[Column], word: Word) -> list[int]:
    hit = [k for k, c in enumerate(columns) if c.x0 < word.x1 and word.x0 < c.x1]
    if hit:
        return hit
    left = [k for k, c in enumerate(columns) if c.x1 <= word.x0]
    right = [k for k, c in enumerate(columns) if c.x0 >= word.x1]
    return ([left[-1]] if left else []) + ([right[0]] if right else [])


def _fragments_joined(columns: list[Column], body: list[Line]) -> dict[int, list[int]]:
    """A number wrapped inside a narrow column: the piece right under it in that column, closer than
    a line gap, whose joined text is a number, is the same number. A line's numbers are pieces only
    when all of them are: a line holding a number that goes on no number above starts the next row
    (21011 under 2101101 where a tight table's rows follow at a line's distance). Returns each
    word's columns."""
    where: dict[int, list[int]] = {}
    last: dict[int, Word] = {}
    for line in body:
        pieces: dict[int, Word] = {}
        for word in line.words:
            ks = where[id(word)] = _candidates(columns, word)
            above = last.get(ks[0]) if len(ks) == 1 else None
            if (word.number and above is not None and (above.number or above.fragment) and word.top - above.bottom < 0.5 * word.size
                    and parse_number(above.text + word.text) is not None and above.x1 - above.x0 >= word.x1 - word.x0):
                pieces[id(word)] = above
        if any(w.number and id(w) not in pieces for w in line.words):
            pieces = {}
        kept = []
        for word in line.words:
            above = pieces.get(id(word))
            if above is not None:
                above.text += word.text
                above.x0, above.x1, above.bottom = min(above.x0, word.x0), max(above.x1, word.x1), word.bottom
                del where[id(word)]
                continue
            if len(where[id(word)]) == 1:
                last[where[id(word)][0]] = word
            kept.append(word)
        line.words = kept
    return where


def _rows(columns: list[Column], body: list[Line], where: dict[int, list[int]]) -> list[list[tuple[list[int], list[Word]]]]:
    """Body lines into rows of (columns, words) cells."""
    anchors = [any(w.number or is_code(w.text) for w in line.words) for line in body]
    limit: dict[int, float] = {}
    for line in body:
        for w in line.words:
            ks = where[id(w)]
            if not w.number and len(ks) == 1:
                limit[ks[0]] = max(limit.get(ks[0], 0), w.x1)
    parent = list(range(len(body)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    anchored = {i for i, a in enumerate(anchors) if a}

    def union(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra == rb or (any(root(i) == ra for i in anchored) and any(root(i) == rb for i in anchored)):
            return
        parent[max(ra, rb)] = min(ra, rb)

    text_at = [{where[id(w)][0]: w for w in line.words if not w.number and len(where[id(w)]) == 1} for line in body]
    def ended(i: int, j: int) -> bool:
        """Whether line `j` prints text under a cell of line `i`'s row that has ended above it (its
        last line short of its column): `j` starts the next row (项目主管 under 自评总分/(分))."""
        for k, word in text_at[j].items():
            above = next((m for m in range(j - 1, max(-1, j - 12), -1) if k in text_at[m] and root(m) == root(i)), None)
            if above is not None and text_at[above][k].x1 < limit[k] - 1.5 * word.size:
                return True
        return False

    # A label that fills its column goes on in the next line holding text in that column, unless it
    # ends a sentence (a long text's last line, 公平台。, above the next block's header) or that line
    # starts the next row, or the next item ((八)社会保障和 under (七)文化旅游体/育与传媒支出, whose
    # last line fills the column too).
    for i, line in enumerate(body):
        for k, word in text_at[i].items():
            if word.x1 < limit[k] - 1.5 * word.size or word.text.endswith(_SENTENCE_END):
                continue
            for j in range(i + 1, min(i + 3, len(body))):
                if k in text_at[j]:
                    if text_at[j][k].top - word.bottom < 0.8 * word.size and not ended(i, j) and not _ITEM.match(text_at[j][k].text):
                        union(i, j)
                    break
    # Lines that overlap vertically are one row: cells of two and of three lines centred side by side
    # (a header's 全年(调整)预算/数 beside 项目资金(万元)); rows of a table never overlap.
    for i in range(len(body) - 1):
        if body[i + 1].words and body[i].words and body[i + 1].top < body[i].bottom - 0.1 * body[i + 1].words[0].size:
            union(i, i + 1)
    # A label with no number of its own joins the row whose numbers fall within its vertical extent.
    for i in anchored:
        numbers = [w for w in body[i].words if w.number or is_code(w.text)]
        y = sum(w.centre for w in numbers) / len(numbers)
        for j in range(len(body)):
            if j in anchored:
                continue
            group = [m for m in range(len(body)) if root(m) == root(j)]
            if min(body[m].top for m in group) <= y <= max(body[m].bottom for m in group):
                union(i, j)
    rows: dict[int, list[int]] = {}
    for i in range(len(body)):
        rows.setdefault(root(i), []).append(i)
    out = []
    for members in sorted(rows.values(), key=lambda m: body[m[0]].top):
        cells: dict[tuple[int, ...], list[Word]] = {}
        for m in members:
            for w in body[m].words:
                ks = where[id(w)]
                if not w.number and len(ks) > 1:
                    ks = [min(ks, key=lambda k: abs((columns[k].x0 + columns[k].x1) / 2 - (w.x0 + w.x1) / 2))]
                cells.setdefault(tuple(ks), []).append(w)
        out.append([(list(ks), ws) for ks, ws in cells.items()])
    return out
