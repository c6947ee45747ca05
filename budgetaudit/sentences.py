"""The narrative as sentences: table lines and page numbers blanked, sentence bounds, and the
numbers that are not figures (years, dates, list numbers, document and phone numbers).

Offsets never move: blanking replaces characters one for one, so a figure found in the
masked text has its place in the file.
"""

from __future__ import annotations

import re
from typing import Final

from .figures import NUMBER_RE, unit_after
from .source import Source

HEADING: Final = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d)|附件|附表)"
)


def is_table_line(line: str) -> bool:
    stripped = line.strip()
    if "\t" in line:
        return True
    if not (stripped.endswith("|") or stripped.startswith("|")):
        return False
    # One cell of finished sentences (a web page's 说明 cell) is prose with a rule beside it.
    return not (stripped.count("|") == 1 and len(stripped) > 40 and stripped.count("。") >= 2)


_PAGE_NUMBER: Final = re.compile(r"^\s*-?\s*\d{1,4}\s*-?\s*$")


def prose_mask(source: Source, table_lines: frozenset[int] = frozenset()) -> tuple[str, frozenset[int]]:
    """The normalised text with table lines and bare page numbers blanked (offsets unchanged),
    and the indexes of the page-number lines, which must not end a sentence.

    `table_lines` (0-based) are the lines of the tables the table reader rebuilt; lines that look
    tabular (a TAB, a cell ending in |) are blanked as well, so a table the reader could not
    rebuild is never read as sentences."""
    norm = source.norm
    out = []
    done = 0  # the text up to here is in out
    pages = set()
    in_table = False
    long_run = 0
    for index, (offset, line) in enumerate(source.lines()):
        stripped = line.strip()
        if index in table_lines or is_table_line(line):
            # A line of rules alone (| or |||, left where a page's table was dropped) opens no table.
            if stripped.strip("|｜ \t"):
                in_table, long_run = True, 0
            blank = True
        elif in_table:
            # A heading, several long lines, or one long line of finished sentences end a flattened table.
            if HEADING.match(stripped) and not stripped.startswith(("附件", "附表")):
                in_table = False
            elif len(stripped) > 40:
                # A finished sentence of clauses (…万元，比上年…减少…。) is prose, not a cell.
                sentence = stripped.count("。") >= 2 or (stripped.endswith("。") and ("，" in stripped or "," in stripped))
                long_run += 3 if sentence else 1
                if long_run >= 3:
                    in_table = False
            blank = in_table
        else:
            # A page number opens with a digit or a dash: other lines are not matched at all.
            blank = (stripped[:1] == "-" or stripped[:1].isdigit()) and _PAGE_NUMBER.match(line) is not None
            if blank:
                pages.add(index)
        if blank and line:
            out.append(norm[done:offset])
            out.append(" " * len(line))
            done = offset + len(line)
    out.append(norm[done:])
    return "".join(out), frozenset(pages)


_SENTENCE_END_RE: Final = re.compile(r"[。!?！？]")


# A line ending in one of these, or followed by a line opening with a figure, goes on in the next line.
_CONTINUES: Final = tuple("增减长降占为较比计达是的和及与、，,（(") + ("其中:", "其中：", "其中")


def sentences(text: str, invisible: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Sentence spans: ended by 。/!/?, a blank line, or a line break after a heading, a colon or a
    short title line, or before a heading. A line break inside a clause (a figure and its unit, a
    wrapped clause, a page number between them) does not end a sentence.
    Linear in the text: each line is looked at once, with its next visible line precomputed.
    """
    lines = text.split("\n")
    stripped = [line.strip() for line in lines]
    following = [""] * len(lines)
    upcoming = ""
    for k in range(len(lines) - 1, -1, -1):
        following[k] = upcoming
        if stripped[k] and k not in invisible:
            upcoming = stripped[k]
    out = []
    start = 0
    a = 0  # offset of line k
    for k, line in enumerate(stripped):
        b = a + len(lines[k])
        if k in invisible:
            pass
        elif not line:
            # A blank line (most are table lines blanked by prose_mask) ends a sentence and holds none:
            # it is not scanned, and not listed on its own (a blank span would be dropped below).
            if start < a:
                out.append((start, b))
            start = b + 1
        else:
            if "!" in line or "?" in line or "！" in line or "？" in line:
                for m in _SENTENCE_END_RE.finditer(text, a, b):
                    out.append((start, m.end()))
                    start = m.end()
            else:  # 。 alone (most lines): found by str.find, which skips in C where a class is tested per character
                at = text.find("。", a, b)
                while at >= 0:
                    out.append((start, at + 1))
                    start = at + 1
                    at = text.find("。", start, b)
            if _line_break_ends(line, following[k]):
                if start < b:
                    out.append((start, b))
                start = b + 1
        a = b + 1
    if start < len(text):
        out.append((start, len(text)))
    return [(s, e) for s, e in out if text[s:e].strip()]


# The last words of a title or heading line (a line of them without a figure or a comma is a title).
_TITLE_ENDS: Final = ("说明", "情况", "公开", "报告", "概况", "目录", "决算", "预算", "名词解释")
_CLAUSE_MARKS: Final = re.compile("[，,；;。]")


def _line_break_ends(line: str, next_line: str) -> bool:
    """The break after a non-blank line ends its sentence: the next line is a heading; or the line ends
    in a colon, is a heading without figures or is short, and does not go on in the next line."""
    if HEADING.match(next_line):
        return True
    if line.endswith(_TITLE_ENDS) and not _CLAUSE_MARKS.search(line) and not has_figure(line):
        return True  # 某局2020年度部门决算情况说明: a title line, never the start of the next sentence
    if not (line[-1] in "：:" or len(line) < 16
            or (HEADING.match(line) and not line[-1].isdigit() and not has_figure(line))):
        return False
    return not (line.endswith(_CONTINUES) or opens_with_figure(next_line))


def opens_with_figure(line: str) -> bool:
    """The line starts with a number and its unit (the rest of a figure wrapped from the line before)."""
    match = NUMBER_RE.match(line)
    return match is not None and unit_after(line, match.end())[0] is not None


def has_figure(line: str) -> bool:
    for m in NUMBER_RE.finditer(line):
        unit, _ = unit_after(line, m.end())
        if unit:
            return True
    return False


_DATE_OR_SERIAL_AFTER: Final = frozenset("年月日号届期〕]-—至")
_SERIAL_BEFORE: Final = frozenset("第〔[-—至/")


def is_not_a_figure(text: str, start: int, end: int) -> bool:
    """Years, dates, list numbers, document and phone numbers are not figures."""
    before = text[start - 1] if start else ""
    after = text[end : end + 3].lstrip(" ")
    first = after[:1]
    if first in _DATE_OR_SERIAL_AFTER or after[:2] == "周年":
        return True
    if before in _SERIAL_BEFORE or before.isascii() and before.isalpha():
        return True
    if first.isascii() and first.isalpha():
        return True
    if before in ("(", "（") and first in (")", "）"):
        return True
    # A list number: "1." or "2、" opening a line or sentence.
    if first in (".", "、", "．") and not after[1:2].isdigit():
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].strip() or text[start - 1 : start] in ("。", " "):
            return True
    return False
