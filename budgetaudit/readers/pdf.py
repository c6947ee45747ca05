"""PDF (pdfplumber): text in reading order, tables from their ruling lines or from word positions.

On each page the ruled tables are found from their lines; every cell's slot and span come from the
cell boundaries (a cell as wide as three columns spans three). Tables printed without ruling lines
are rebuilt from the positions of their words (pdf_borderless.py): columns from the header and the
alignment of the numbers, rows from the lines holding a number or a code, a number that falls in no
single column left uncertain (EXT004). The text outside the tables is read line by line, top to
bottom; a line that runs to the right margin and does not end a sentence continues on the next
line, so a wrapped paragraph is one line again (a figure cut by the wrap, 支出\\n1207.84万元, is
whole). Performance forms (绩效自评表, 绩效目标表) printed without ruling lines are read whole from
their title (pdf_forms.py), for the same evaluation reader as a ruled form. Across pages
(pdf_pages.py): running headers and footers and page numbers are left out, a table or form that goes
on at the top of the next page is one table (its repeated header and 单位 line dropped, a row cut by
the break made one again), and a paragraph cut by the page break is one line whose parts keep their
pages.

A page without extractable text (a scanned image) is reported as unchecked, never as missing
content; a file in which no page has text is refused. A page whose glyphs pdfminer cannot map to
characters (most come out as (cid:N): a font encoding it misreads, as with the unencrypted font strings
of some owner-password files) is read through PDFium instead, as lines of text without tables.
"""

from __future__ import annotations

import bisect
import io
import re
import statistics
import zlib
from dataclasses import dataclass, field

from ..figures import parse_number
from ..source import InputError, describe_size, max_bytes
from ..tables.native import GridCell
from . import pdf_borderless as borderless
from . import pdf_forms, pdf_pages
from .compose import Composer
from .pdf_borderless import Borderless
from .pdf_pages import join_pages, strip_furniture

_SENTENCE_END = tuple("。！？：；!?:;")
_DIGITS = re.compile(r"^[\d.,%-]+$")
_UNIT_LINE = re.compile(r"^(?:金额)?单位\s*[:：]\s*(?:万元|千元|亿元|元)$")  # a table's 单位:万元 line, never a paragraph's next line
TOLERANCE = 1.5  # points: cell boundaries closer than this are one boundary


@dataclass
class _Grid:
    cells: list[GridCell]
    height: int
    width: int
    xs: list[float]
    page: int
    rows: list[int] = field(default_factory=list)
    cut: bool = False  # it fills its page to the bottom: its last row may go on at the top of the next
    bottom: float = 0.0
    last_page: int = 0  # the last page it runs onto, once joined


def read(path: str, data: bytes):
    import pdfplumber

    items: list = []
    scanned = 0
    pdfium = _Pdfium(data)
    with _BoundedStreams() as streams, pdfium:
        try:
            pdf = pdfplumber.open(io.BytesIO(data))
        except InputError:
            raise
        except Exception as exc:  # pdfminer raises several types for a damaged file
            streams.check()
            raise InputError(f"cannot open this PDF ({type(exc).__name__})") from None
        with pdf:
            pages = len(pdf.pages)
            inherited = None  # a borderless table that ended the previous page
            for number, page in enumerate(pdf.pages, 1):
                if not page.chars:
                    if page.images:
                        scanned += 1
                        items.append(("scanned", number))
                    page.close()
                    continue
                if _unmapped(page):
                    # Glyphs pdfminer could not map to characters ((cid:19)…: a font whose encoding it misreads, as
                    # in some encrypted files): PDFium's reading of that page's text, as lines.
                    items.extend(("line", line, number) for line in pdfium.lines(number - 1))
                    inherited = None
                else:
                    placed = _page_items(page, number, inherited)
                    inherited = _ending_table(placed)
                    items.extend(placed)
                page.close()  # its objects go once read: a long PDF is held a page at a time
                streams.check()
        streams.check()
    if scanned and scanned == pages:
        raise InputError(f"a scanned PDF: none of its {pages} pages has extractable text (run OCR first)")
    _mark_cut(items)
    composer = Composer(path, "pdf")
    for item in join_pages(strip_furniture(items, pages - scanned), _same_columns):
        kind = item[0]
        if kind == "scanned":
            composer.unreadable(
                f"第{item[1]}页为扫描图像，没有可提取的文字，未核对",
                f"[第{item[1]}页：扫描图像，未能读取文字]",
                page=item[1],
            )
        elif kind == "line":
            _compose_line(composer, item)
        elif kind == "grid":
            grid = item[1]
            composer.grid(grid.cells, grid.rows, page=grid.page)
    return composer.finish("utf-8")


def _mark_cut(items: list) -> None:
    """A ruled table may end its page with a row cut in two only when it reaches the bottom of the
    text frame, which no other body line or table on any page passes (a row that fits is never cut)."""
    bottoms = [item[1].bottom for item in items if item[0] == "grid" and isinstance(item[1], _Grid)]
    bottoms += [item[3]["bottom"] for item in items if item[0] == "line" and len(item) > 3 and not pdf_pages.in_band(item[3])]
    frame = max(bottoms, default=0.0)
    for item in items:
        if item[0] == "grid" and isinstance(item[1], _Grid):
            item[1].cut = item[1].cut and item[1].bottom >= frame - 1.0


def _unmapped(page) -> bool:
    """Whether most of a page's glyphs came out as (cid:N) rather than characters."""
    chars = page.chars
    unmapped = sum(1 for c in chars if c["text"].startswith("(cid:"))
    return unmapped * 2 > len(chars)


class _Pdfium:
    """PDFium's reading of a file's pages, opened once when a first page needs it and closed with the read."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.document = None

    def lines(self, index: int) -> list[str]:
        if self.document is None:
            import pypdfium2

            self.document = pypdfium2.PdfDocument(self.data)
        text = self.document[index].get_textpage().get_text_range()
        return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]

    def __enter__(self) -> "_Pdfium":
        return self

    def __exit__(self, *exc) -> None:
        if self.document is not None:
            self.document.close()


class _StreamTooLarge(InputError):
    pass


class _BoundedZlib:
    """zlib as pdfminer sees it while a PDF is read: a Flate stream decompresses to at most the size
    limit, and all of them together to twice it (a 1 MB stream can expand to gigabytes)."""

    error = zlib.error

    def __init__(self, limit: int):
        self.limit, self.total, self.exceeded = limit, 0, ""

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    def decompress(self, data: bytes, *args) -> bytes:
        engine = zlib.decompressobj()
        out = engine.decompress(data, self.limit + 1)
        if len(out) <= self.limit and not engine.eof and not engine.unconsumed_tail:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress says of it
        return self._count(out, engine.unconsumed_tail)

    def corrupted(self, data: bytes) -> bytes:
        """pdfminer's reading of a damaged stream (as much as decompresses), bounded the same way."""
        engine = zlib.decompressobj()
        try:
            out = engine.decompress(data, self.limit + 1)
        except zlib.error:
            out = b""
        return self._count(out, engine.unconsumed_tail)

    def lzw(self, data: bytes) -> bytes:
        """pdfminer's LZW decoding, stopped past the limit (an LZW stream of 0.8 MB expanded to 1.1 GB: 2.3 GB)."""
        from pdfminer.lzw import LZWDecoder

        pieces, size = [], 0
        for piece in LZWDecoder(io.BytesIO(data)).run():
            size += len(piece)
            if size > self.limit:
                return self._count(b"", b"the rest")
            pieces.append(piece)
        return self._count(b"".join(pieces), b"")

    def run_length(self, data: bytes) -> bytes:
        """RunLengthDecode into bytes, stopped past the limit (pdfminer's makes a list of an int per byte)."""
        out = bytearray()
        at = 0
        while at < len(data) and data[at] != 128:
            length = data[at]
            if length < 128:
                out += data[at + 1:at + length + 2]
                at += length + 2
            else:
                out += data[at + 1:at + 2] * (257 - length)
                at += 2
            if len(out) > self.limit:
                return self._count(b"", b"the rest")
        return self._count(bytes(out), b"")

    def check(self) -> None:
        if self.exceeded:  # raised inside pdfminer, which may have caught it
            raise InputError(self.exceeded)

    def _count(self, out: bytes, rest: bytes) -> bytes:
        self.total += len(out)
        if rest or len(out) > self.limit or self.total > 2 * self.limit:
            self.exceeded = f"a compressed stream expands past the {describe_size(self.limit)} size limit (--max-bytes)"
            raise _StreamTooLarge(self.exceeded)
        return out


class _BoundedStreams:
    """pdfminer's Flate, LZW and RunLength decoding bounded for the time of one read (pdfminer calls them by
    module name)."""

    def __enter__(self) -> "_BoundedZlib":
        import pdfminer.pdftypes as pdftypes

        self.module = pdftypes
        self.saved = (pdftypes.zlib, pdftypes.decompress_corrupted, pdftypes.lzwdecode, pdftypes.rldecode)
        self.bounded = _BoundedZlib(max_bytes())
        pdftypes.zlib = self.bounded
        pdftypes.decompress_corrupted = self.bounded.corrupted
        pdftypes.lzwdecode, pdftypes.rldecode = self.bounded.lzw, self.bounded.run_length
        return self.bounded

    def __exit__(self, *exc) -> None:
        (self.module.zlib, self.module.decompress_corrupted, self.module.lzwdecode,
         self.module.rldecode) = self.saved


def _inside(obj, boxes) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _page_items(page, number: int, inherited: Borderless | None = None) -> list:
    """A page's items top to bottom: ruled grids, borderless tables rebuilt from word positions, and
    paragraphs (a line with its geometry, for the page furniture and the breaks across pages)."""
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    placed: list[tuple[float, tuple]] = []
    for table in tables:
        grid = _grid(page, table, number)
        if grid is not None:
            floor = (1 - pdf_pages.BAND) * float(page.height)
            below = any(c["top"] > table.bbox[3] and c["bottom"] < floor for c in page.chars)
            grid.cut, grid.bottom = not below, float(table.bbox[3])
            placed.append((table.bbox[1], ("grid", grid)))
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes)) if boxes else page
    # Borderless tables: from the words outside the ruled ones (every page's words are read once).
    words = borderless.words_of(outside.extract_words(extra_attrs=["size"]))
    # Performance forms first (read whole, their rows keys, figures and indicators), then tables in the stretches between.
    stretches, found = pdf_forms.split(borderless.lines_of(words), number, inherited, pdf_pages.BAND * float(page.height))
    for k, stretch in enumerate(stretches):
        bottom = (1 - pdf_pages.BAND) * float(page.height)
        found += [table for _, _, table in borderless.find(stretch, number, inherited if k == 0 else None, bottom)]
    for table in found:
        placed.append((table.box[1], ("grid", table)))
        x0, top, x1, bottom = table.box
        boxes.append((x0 - 1, top - 1, x1 + 1, bottom + 1))
    if len(boxes) > len(tables):
        outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = outside.extract_text_lines(return_chars=True, strip=True)
    # The space characters printed (pdfplumber's lines leave them out): a real space, not autospacing.
    spaces = {(round(c["top"]), round(c["x0"])) for c in outside.chars if c["text"] == " "}
    sizes = [c["size"] for c in outside.chars] or [10]
    size = statistics.median(sizes)
    lefts = [line["x0"] for line in lines]
    rights = [line["x1"] for line in lines]
    left = min(lefts) if lefts else 0
    right = max(rights) if rights else 0
    frame = {"height": float(page.height), "left": left, "right": right, "size": size}
    paragraph: list | None = None  # [text, its first line, its last line, printed in columns]

    def close(paragraph: list) -> None:
        text, first, last, columns = paragraph
        info = {**frame, "top": first["top"], "bottom": last["bottom"], "first_x0": first["x0"], "last_x1": last["x1"], "columns": columns}
        placed.append((first["top"], ("line", text, number, info)))

    for line in lines:
        text = _line_text(line["chars"], size, spaces)
        columns = "  " in text
        if paragraph is not None:
            prev_text, _, prev, prev_columns = paragraph
            joins = (
                not columns
                and not prev_columns
                and prev["x1"] >= right - 1.5 * size
                and not prev_text.endswith(_SENTENCE_END)
                and not _UNIT_LINE.match(text)
                and line["x0"] <= left + 0.5 * size
                and line["top"] - prev["bottom"] < 1.2 * size
                and not (pdf_pages.in_band({**frame, **line}) or pdf_pages.in_band({**frame, **prev}))
            )
            if joins:
                glue = " " if prev_text[-1:].isascii() and prev_text[-1:].isalpha() and text[:1].isascii() and text[:1].isalpha() else ""
                paragraph[0] = prev_text + glue + text
                paragraph[2] = line
                continue
            close(paragraph)
        paragraph = [text, line, line, columns]
    if paragraph is not None:
        close(paragraph)
    placed.sort(key=lambda p: p[0])
    items = [p[1] for p in placed]
    # The first and last paragraphs of the page's body (furniture in the margin bands aside) may go on across the break.
    body = [item for item in items if not (item[0] == "line" and pdf_pages.in_band(item[3]))]
    if body and body[0][0] == "line":
        body[0][3]["first_on_page"] = True
    if body and body[-1][0] == "line":
        body[-1][3]["last_on_page"] = True
    return items


def _ending_table(items: list) -> Borderless | None:
    """The borderless table a page ends with (only its furniture after it), which the next page may go on."""
    for item in reversed(items):
        if item[0] == "line" and pdf_pages.in_band(item[3]):
            continue
        return item[1] if item[0] == "grid" and isinstance(item[1], Borderless) else None
    return None


def _compose_line(composer: Composer, item: tuple) -> None:
    """A paragraph; one that goes on across a page break keeps each part's page (a figure's page is
    the page of its first character)."""
    pieces = item[4] if len(item) > 4 else [(item[1], item[2])]
    if len(pieces) == 1:
        composer.text(item[1], page=item[2])
        return
    start = composer._emit(item[1])
    offset = start
    for k, (text, page) in enumerate(pieces):
        if k:
            offset += len(_glue_of(item[1], offset - start))
        composer.regions.append((offset, offset + len(text), {"page": page}))
        offset += len(text)


def _glue_of(text: str, at: int) -> str:
    return " " if text[at : at + 1] == " " else ""


def _line_text(chars: list[dict], size: float, spaces: set[tuple[int, int]] | None = None) -> str:
    """A line's text; gaps wider than two characters are kept as runs of spaces (columns). `spaces`:
    where the page prints space characters, (top, x0) rounded; None where `chars` hold their spaces
    (a ruled cell's characters)."""
    out = []
    previous = None
    for char in sorted(chars, key=lambda c: c["x0"]):
        if previous is not None:
            gap = char["x0"] - previous["x1"]
            if gap > 2 * size:
                out.append(" " * max(2, round(gap / (size / 2))))
            elif gap > 0.3 * size or (gap > 0.15 * size and (
                    _wide(previous["text"]) == _wide(char["text"]) or _space_at(previous, spaces))):
                # A space is not a character of the line: its width is. Between Chinese and Latin text,
                # Word and LibreOffice add a fifth of an em of their own (autospacing), as wide as a
                # space: a space only where one is printed (4.27 万元).
                out.append(" ")
        out.append(char["text"])
        previous = char
    return "".join(out).strip()


def _space_at(char: dict, spaces: set[tuple[int, int]] | None) -> bool:
    top, x = round(char["top"]), round(char["x1"])
    return spaces is not None and any((top, x + d) in spaces for d in (-1, 0, 1))


def _wide(text: str) -> bool:
    return text[:1] >= "\u2e80"


def _bounds(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > TOLERANCE:
            out.append(v)
    return out


def _index(bounds: list[float], value: float) -> int:
    return min(range(len(bounds)), key=lambda k: abs(bounds[k] - value))


def _grid(page, table, number: int) -> _Grid | None:
    boxes = table.cells
    if not boxes:
        return None
    xs = _bounds([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _bounds([b[1] for b in boxes] + [b[3] for b in boxes])
    cells = []
    covering: dict[tuple[int, int], int] = {}
    for x0, top, x1, bottom in boxes:
        c0, c1 = _index(xs, x0), _index(xs, x1)
        r0, r1 = _index(ys, top), _index(ys, bottom)
        if c1 <= c0 or r1 <= r0:
            continue
        for r in range(r0, r1):
            for c in range(c0, c1):
                covering[(r, c)] = len(cells)
        cells.append(GridCell("", r0, c0, r1 - r0, c1 - c0, coords={"page": number}))
    # Each character goes to the cell its centre falls in (two bisections, not a scan per cell).
    inside: dict[int, list[dict]] = {}
    x_min, top_min, x_max, bottom_max = table.bbox
    for char in page.chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        if not (x_min <= x <= x_max and top_min <= y <= bottom_max):
            continue
        slot = (bisect.bisect_right(ys, y) - 1, bisect.bisect_right(xs, x) - 1)
        if slot in covering:
            inside.setdefault(covering[slot], []).append(char)
    for k, chars in inside.items():
        cells[k].text = _cell_text(chars)
    if not cells:
        return None
    return _Grid(cells, len(ys) - 1, len(xs) - 1, xs, number, list(range(1, len(ys))))


def _cell_text(chars: list[dict]) -> str:
    """A cell's lines, top to bottom, joined (Chinese wraps without a space)."""
    if not chars:
        return ""
    size = statistics.median(c["size"] for c in chars)
    lines: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) < size / 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    texts = [_line_text(line, size) for line in lines]
    joined = "".join(texts)
    if len(texts) > 1 and all(_DIGITS.match(t) for t in texts) and parse_number(joined.rstrip("%")) is not None:
        return joined  # a number wrapped inside a narrow column (120/7.8/4 is 1207.84)
    return "\n".join(texts)


def _same_columns(before: _Grid, grid: _Grid) -> bool:
    return len(grid.xs) == len(before.xs) and all(abs(a - b) <= TOLERANCE for a, b in zip(grid.xs, before.xs))
