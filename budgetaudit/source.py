"""Read a disclosure's bytes into a `Source`: decoded text, a normalised copy and a line index.

Normalisation is one character for one character, so an offset in the
normalised text is an offset in the text as given, and every figure keeps the
line and column a reviewer sees in the file.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
import stat
import sys
from dataclasses import dataclass, field, fields
from fractions import Fraction
from typing import Final
from .normalise import _FOLD, normalise  # noqa: F401 (_FOLD: the fold table, for tests)

DEFAULT_MAX_BYTES: Final = 100 * 1024 * 1024  # documented default size limit (README, `check --max-bytes`)
_MAX_BYTES_ENV: Final = "BUDGETAUDIT_MAX_BYTES"  # how `check --max-bytes` reaches worker processes, however started


def _limit_from_environment() -> int:
    value = os.environ.get(_MAX_BYTES_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_BYTES


MAX_BYTES = _limit_from_environment()  # the limit in force


def set_max_bytes(limit: int) -> None:
    """Refuse inputs larger than `limit` bytes, in this process and in the workers it starts."""
    global MAX_BYTES
    MAX_BYTES = limit
    os.environ[_MAX_BYTES_ENV] = str(limit)


def max_bytes() -> int:
    """The limit in force (readers also hold what a file expands to within it)."""
    return MAX_BYTES


def describe_size(size: int) -> str:
    mib = 1024 * 1024
    return f"{size // mib} MB" if size % mib == 0 else f"{size:,} bytes"


class InputError(Exception):
    """An input that cannot be read as a disclosure; the CLI prints it as one line and exits 2."""


class NotADisclosure(InputError):
    """Bytes that are readable but hold no disclosure (empty, binary, undecodable): a file found by
    walking a directory with such content is skipped, not failed."""


@dataclass(frozen=True, slots=True, init=False)
class Span:
    """Where a piece of text stands in the file as given (1-based, columns in code points)."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    # The source's own coordinates, where it has them (readers of .pdf, .xlsx, .docx, .html).
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None  # e.g. "D14"
    table: int | None = None  # 1-based index of a table in the file
    row: int | None = None  # 1-based row and column within that table
    table_column: int | None = None

    # Records made by the thousand write their __init__ (init=False): the compiled build runs it
    # natively, where the one dataclass generates is interpreted and about five times slower.
    # tests/test_records.py holds each such __init__ to the fields.
    def __init__(
        self,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        text: str,
        page: int | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        table: int | None = None,
        row: int | None = None,
        table_column: int | None = None,
    ) -> None:
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "end_line", end_line)
        object.__setattr__(self, "end_column", end_column)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "page", page)
        object.__setattr__(self, "sheet", sheet)
        object.__setattr__(self, "cell", cell)
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "row", row)
        object.__setattr__(self, "table_column", table_column)

    # Reports cross process boundaries in `check -j N`. The compiled build (mypyc) rebuilds a frozen
    # dataclass by assigning its fields, which a frozen class refuses; pickling it as a call does not.
    def __reduce__(self) -> tuple:
        return (Span, tuple(getattr(self, f.name) for f in fields(self)))

    def as_dict(self) -> dict:
        out = {
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
        }
        for name in ("page", "sheet", "cell", "table", "row"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.table_column is not None:
            out["table_column"] = self.table_column
        return out


_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
# Bound once: the compiled build calls a Final name directly, where bisect.bisect_right looks the name up in the
# module at every call (a position is asked for every figure).
_BISECT_RIGHT: Final = bisect.bisect_right

# Pinyin with its tone marks inserted in brackets after a character by some web pages (經(jīng)費): the
# readers leave it out of what they read (offsets kept).
GARBLE: Final = re.compile(r"\((?<=[\u4e00-\u9fff]\()(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}\)")


@dataclass(slots=True, repr=False, eq=False)
class Source:
    """One decoded disclosure. `text` is as given; `norm` is the same length, folded for matching."""

    path: str
    text: str
    encoding: str = "utf-8"
    norm: str = field(init=False)
    line_starts: list[int] = field(init=False)
    _lines: list[tuple[int, str]] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        text = self.text
        self.norm = normalise(text)
        if "\r" in text:
            self.line_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        else:  # \n alone (most files): found without a match object per line
            starts = [0]
            at = text.find("\n")
            while at >= 0:
                starts.append(at + 1)
                at = text.find("\n", at + 1)
            self.line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        index = _BISECT_RIGHT(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        text = self.text[start:end]
        if "\n" in text or "\r" in text:
            end_line, end_column = self.position(end)
        else:  # no line break inside: the end is on the start's line (most spans)
            end_line, end_column = line, column + end - start
        return Span(line, column, end_line, end_column, text)

    def lines(self) -> list[tuple[int, str]]:
        """(offset, normalised text) of every line, without its line break (computed once)."""
        cached = getattr(self, "_lines", None)
        if cached is not None:
            return cached
        norm, starts = self.norm, self.line_starts
        out = []
        last = len(starts) - 1
        for i in range(last):
            start, end = starts[i], starts[i + 1] - 1  # a line ends before its break: \n, \r or \r\n
            if end > start and norm[end] == "\n" and norm[end - 1] == "\r":
                end -= 1
            out.append((start, norm[start:end]))
        out.append((starts[last], norm[starts[last] :]))  # the last line has no break
        self._lines = out
        return out


_BOMS: Final = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


# Characters every budget disclosure is full of (simplified; traditional text is folded first).
# A decoding that yields few of them is mojibake, however valid its bytes.
_COMMON: Final = frozenset(
    "的年度元万亿支出收入预算决算经费项目部门单位财政拨款一般公共基本人员公用三公采购资产绩效情况说明"
    "其中较上增加减少增长下降占合计总计本主要原因为和及与服务保障管理工作政府性基金运行维护接待车辆"
    "社会就业卫生健康住房资源信息科技教育文化农林水交通城乡环保安全事务行政机关事业转结余指标完成"
)
_MIN_PLAUSIBILITY: Final = Fraction(1, 8)  # share of CJK characters that must be common ones
_MIN_CJK: Final = 8  # fewer Chinese characters than this cannot tell GB18030 from Big5


def plausibility(text: str) -> Fraction:
    """The share of CJK characters in `text` that are common in budget disclosures
    (zero when there are too few to judge)."""
    folded = normalise(text[:20000])
    cjk = [ch for ch in folded if "\u4e00" <= ch <= "\u9fff"]
    if len(cjk) < _MIN_CJK:
        return Fraction(0)
    return Fraction(sum(1 for ch in cjk if ch in _COMMON), len(cjk))


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM optional), UTF-16/32 with BOM, or GB18030/GBK or Big5.

    Big5 bytes often decode as GB18030 too, into characters that look plausible to a machine and
    are nonsense to a reader; so between the two a detector's guess (charset-normalizer) and a test
    on the characters these documents are made of must agree on one, or the file is refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise NotADisclosure(f"not valid {encoding} after its byte-order mark ({exc.reason})") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    decoded = {}
    for encoding in ("gb18030", "big5"):
        try:
            decoded[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise NotADisclosure("cannot decode: neither UTF-8, GB18030/GBK nor Big5 text")
    scores = {encoding: plausibility(text) for encoding, text in decoded.items()}
    ranked = sorted(scores, key=lambda encoding: scores[encoding], reverse=True)
    best = ranked[0]
    if scores[best] < _MIN_PLAUSIBILITY:
        raise NotADisclosure(f"cannot decide the encoding: as {best} the text is not Chinese budget wording")
    if len(ranked) > 1 and scores[ranked[1]] * 2 > scores[best]:
        # Both readings look like budget wording: let the detector decide, and refuse if it cannot.
        guess = _detector_guess(data)
        if guess not in decoded:
            raise NotADisclosure("cannot decide the encoding: GB18030 and Big5 readings are both plausible")
        best = guess
    return decoded[best], best


def _detector_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # the detector is a dependency; without it ties are refused, never guessed
        return None
    match = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"]).best()
    if match is None:
        return None
    name = match.encoding.lower().replace("_", "")
    return {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "big5": "big5"}.get(name)


_CONTROL_BYTES: Final = bytes(b for b in range(32) if b < 9 or 13 < b < 32)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    # translate() drops the control bytes in C: a count by a Python loop cost 4% of a seed's check.
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls * 100 > len(sample)


def read_bytes(path: str) -> bytes:
    """Read a file (or standard input for '-'), refusing more than MAX_BYTES; never writes.

    Only a regular file is opened: a FIFO would block for ever and a device need not end, so anything
    else is refused from its stat alone."""
    limit = MAX_BYTES
    try:
        if path == "-":
            data = _read_at_most(sys.stdin.buffer, limit)
        else:
            _require_regular(os.stat(path).st_mode)
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with os.fdopen(descriptor, "rb") as handle:
                info = os.fstat(handle.fileno())
                _require_regular(info.st_mode)  # replaced between the two looks
                if info.st_size > limit:
                    raise InputError(f"larger than the {describe_size(limit)} size limit")
                data = _read_at_most(handle, limit, info.st_size)
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except FileNotFoundError:
        raise InputError("no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(f"larger than the {describe_size(limit)} size limit")
    return data


def _require_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise InputError("is a directory")
    if not stat.S_ISREG(mode):
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
        raise InputError(f"not a regular file ({what}); not read")


_CHUNK: Final = 1 << 20


def _read_at_most(handle, limit: int, expected: int = 0) -> bytes:
    """At most limit + 1 bytes (one more tells that the input is too large), in pieces: a read of
    limit + 1 bytes at once would allocate that much whatever the input holds (an overflow for a limit
    near 2**63)."""
    first = handle.read(min(expected, limit) + 1) if expected else b""
    if expected and len(first) <= expected:  # the whole file, as its size said
        return first
    chunks = [first]
    total = len(first)
    while total <= limit:
        chunk = handle.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def load(path: str, data: bytes | None = None) -> Source:
    """Read and decode one input; raise InputError with a one-line reason when it is not text."""
    if data is None:
        data = read_bytes(path)
    if not data.strip():
        raise NotADisclosure("empty file")
    wide = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    if not wide and _looks_binary(data):
        raise NotADisclosure("binary file, not a text disclosure")
    text, encoding = decode(data)
    # UTF-16/32 text is full of zero bytes, so it is judged binary once decoded, by its characters.
    if wide and _looks_binary(text[:65536].encode("latin-1", "replace")):
        raise NotADisclosure("binary file, not a text disclosure")
    # A byte-order mark, ideographic spaces or no-break spaces alone are still an empty file.
    if not text.strip():
        raise NotADisclosure("empty file")
    return Source(path, text, encoding)
