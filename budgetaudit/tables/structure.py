"""Which rows of a table add up to which: the code hierarchy, numbered items, and 合计 rows.

Rows are read as (row, side) entries, so a two-sided 收支总表 is two lists of
items printed side by side. Everything here is a single pass with a stack, so
a table of any length is handled in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

_LEVEL1: Final = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.]")
_LEVEL2: Final = re.compile(r"^\s*[(（][一二三四五六七八九十]+[)）]")
_OF_WHICH: Final = re.compile(r"^\s*其中")
# 1. 2、 一、: a row numbered as an item of the table's first level.
_NUMBERED_ROW: Final = re.compile(r"^\s*(?:\d{1,2}\s*[.、．](?!\d)|[一二三四五六七八九十]+\s*[、.])")
# (1) or 其中：(1) opening a row: a numbered part of the row above.
_SUB_NUMBER: Final = re.compile(r"^\s*(?:其中\s*[:：]?\s*)?[(（]\d{1,2}[)）]")


@dataclass(slots=True, init=False)
class Entry:
    row: int
    side: str
    code: str
    label: str

    def __init__(self, row: int, side: str, code: str, label: str) -> None:  # hand-written: see source.Span
        self.row = row
        self.side = side
        self.code = code
        self.label = label


@dataclass(slots=True, init=False)
class Relation:
    kind: str  # "hierarchy" or "column"
    total: Entry
    parts: list[Entry]
    balance: bool = False  # 收入总计 = 支出总计: one part, equal to the total

    def __init__(self, kind: str, total: Entry, parts: list[Entry], balance: bool = False) -> None:  # see source.Span
        self.kind = kind
        self.total = total
        self.parts = parts
        self.balance = balance


def is_total_label(label: str) -> bool:
    text = "".join(label.split())
    return text in ("合计", "总计", "小计") or text.endswith(("合计", "总计"))


def relations(entries: list[Entry], kind: str) -> list[Relation]:
    by_side: dict[str, list[Entry]] = {}
    for entry in entries:
        by_side.setdefault(entry.side, []).append(entry)
    out: list[Relation] = []
    for items in by_side.values():
        if any(e.code for e in items):
            out.extend(_by_code(items))
        elif kind in ("summary", "fiscal_summary"):
            out.extend(_by_numbering(items))
        elif kind in ("procurement", "projects", "three_public"):
            out.extend(_total_over_rest(items))
    if kind in ("summary", "fiscal_summary"):
        out.extend(_balance(entries))
    return out


def _by_code(items: list[Entry]) -> list[Relation]:
    out: list[Relation] = []
    children: dict[int, list[Entry]] = {}
    top: list[Entry] = []
    stack: list[Entry] = []
    for entry in items:
        if not entry.code:
            continue
        while stack and not (entry.code.startswith(stack[-1].code) and len(entry.code) > len(stack[-1].code)):
            stack.pop()
        if stack:
            children.setdefault(id(stack[-1]), []).append(entry)
        else:
            top.append(entry)
        stack.append(entry)
    for entry in items:
        parts = children.get(id(entry))
        if parts:
            out.append(Relation("hierarchy", entry, parts))
    totals = [e for e in items if not e.code and is_total_label(e.label)]
    if len(totals) == 1 and top:
        out.append(Relation("column", totals[0], top))
    return out


def _by_numbering(items: list[Entry]) -> list[Relation]:
    """一、 items with their (一) children; 合计 rows over the 一、 items since the last total; 总计 over 合计 and what follows."""
    out: list[Relation] = []
    parent: Entry | None = None
    kids: list[Entry] = []
    block: list[Entry] = []  # level-one (or unnumbered) items since the last total
    last_total: Entry | None = None
    numbered = any(_LEVEL1.match(e.label) for e in items)

    def close_parent() -> None:
        if parent is not None and kids:
            out.append(Relation("hierarchy", parent, list(kids)))

    for entry in items:
        label = entry.label
        if not label:
            continue
        if is_total_label(label):
            close_parent()
            parent, kids = None, []
            if "总计" in label and last_total is not None:
                out.append(Relation("column", entry, [last_total] + block))
            elif block:
                out.append(Relation("column", entry, list(block)))
            last_total, block = entry, []
        elif _LEVEL2.match(label):
            if parent is not None:
                kids.append(entry)
        elif _LEVEL1.match(label) or not numbered or last_total is not None:
            close_parent()
            parent, kids = (entry, []) if _LEVEL1.match(label) else (None, [])
            if not _OF_WHICH.match(label):
                block.append(entry)
    close_parent()
    return out


def _total_over_rest(items: list[Entry]) -> list[Relation]:
    """The one 合计 row over the other rows. Rows under a row (其中, (1), (一)) are its breakdown, not more of the
    total: the total is over the rows above them, and a row broken down into two or more numbered rows
    (3.公务用车费 › 其中:(1)运行维护费, (2)购置费) is their sum; an unnumbered 其中 row is only a part of it."""
    totals = [e for e in items if is_total_label(e.label) and not e.code]
    rest = [e for e in items if e not in totals]
    if len(totals) != 1 or not rest:
        return []
    if totals[0] is not items[0] and totals[0] is not items[-1]:
        return []
    top: list[Entry] = []
    below: dict[int, list[Entry]] = {}
    for entry in rest:
        nested = bool(_OF_WHICH.match(entry.label) or _LEVEL2.match(entry.label) or _SUB_NUMBER.match(entry.label))
        if not nested and below.get(len(top) - 1) and not _NUMBERED_ROW.match(entry.label):
            # 其中:公务用车运行维护费, then 公务用车购置: a row after a breakdown is more of it unless numbered as
            # the rows above it are; where those are not numbered, which it is cannot be told.
            if not all(_NUMBERED_ROW.match(e.label) for e in top):
                return []
            nested = True
        if nested:
            if not top:
                return []
            below.setdefault(len(top) - 1, []).append(entry)
        else:
            top.append(entry)
    out = [Relation("column", totals[0], top)]
    for at, parts in below.items():
        if len(parts) >= 2 and all(_SUB_NUMBER.match(p.label) or _LEVEL2.match(p.label) for p in parts):
            out.append(Relation("hierarchy", top[at], parts))
    return out


def _balance(entries: list[Entry]) -> list[Relation]:
    """The revenue side's grand total equals the expenditure side's."""
    def last(side: str, word: str) -> Entry | None:
        found = [e for e in entries if e.side == side and e.label.replace(" ", "").endswith(word)]
        return found[-1] if found else None

    for word in ("总计", "合计"):
        revenue, expenditure = last("revenue", word), last("expenditure", word)
        if revenue and expenditure:
            return [Relation("column", expenditure, [revenue], balance=True)]
    return []
