"""Title, kind, unit and header of a table, and the columns its header rows describe.

Merged header cells are printed once, so a header such as
    功能分类科目 | 2025年预算数 | 2026年预算数
    科目编码 | 科目名称 | 总计 | 基本支出 | 项目支出
is rebuilt by placing each group of the lower row (a code/name pair, or a
总计/合计/小计 followed by its components) under the upper cell it divides.
"""

from __future__ import annotations

import re
from typing import Final

from ..figures import parse_number
from .model import Column, RawCell, RowSum

TOTAL_WORDS: Final = ("总计", "合计", "小计")
_UNIT: Final = re.compile(r"单位\s*[:：]?\s*(万元|千元|亿元|元)")
_TITLE: Final = re.compile(r"表\s*(?:[(（][^)）]*[)）])?\s*$")
_CODE: Final = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
LABEL_WORDS: Final = ("名称", "科目", "项目", "预算单位", "单位名称", "部门", "支出科目")
KINDS: Final = (
    ("self_evaluation", ("自评",)),
    ("performance_target", ("绩效目标", "绩效指标")),
    ("three_public", ("三公",)),
    ("procurement", ("采购",)),
    ("projects", ("项目支出明细", "项目明细", "项目支出表")),
    ("basic_expenditure", ("基本支出",)),
    ("fund", ("政府性基金",)),
    ("fiscal_summary", ("财政拨款收支总表", "财政拨款收入支出")),
    ("summary", ("收支总表", "收入支出决算总表", "收入支出总表")),
    ("general_expenditure", ("一般公共预算财政拨款支出", "一般公共预算支出")),
    ("revenue", ("收入总表", "收入决算表", "收入预算表", "收入表")),
    ("expenditure", ("支出总表", "支出决算表", "支出预算表", "支出表")),
)
FINANCIAL_EXCLUDED: Final = ("self_evaluation", "performance_target", "unknown_text")


def kind_of(title: str) -> str:
    for kind, words in KINDS:
        if any(w in title for w in words):
            return kind
    return "unknown"


def unit_of(texts: list[str]) -> str:
    for text in texts:
        match = _UNIT.search(text) if "单位" in text else None
        if match:
            return match.group(1)
    return ""


def is_number(text: str) -> bool:
    return parse_number(text) is not None


def is_code(text: str) -> bool:
    return bool(_CODE.match(text.strip()))


def is_title_row(row: list[RawCell]) -> bool:
    texts = [c.text for c in row if c.text]
    return len(texts) == 1 and len(texts[0]) >= 6 and bool(_TITLE.search(texts[0])) \
        and not ("单位" in texts[0] and _UNIT.search(texts[0]))


def is_unit_row(row: list[RawCell]) -> bool:
    texts = [c.text for c in row if c.text]
    return len(texts) <= 2 and any("单位" in t and _UNIT.search(t) for t in texts) and all(not is_number(t) for t in texts)


def is_column_number_row(row: list[RawCell]) -> bool:
    """栏次 | 1 | 2 | 3: the row that numbers the columns, printed under a form's header; no figures."""
    first = next((c.text.strip() for c in row if c.text.strip()), "")
    if first not in SEQUENCE_HEADERS[2:]:
        return False  # every other row: one look at its first printed cell
    texts = [c.text.strip() for c in row if c.text.strip()]
    return all(t in SEQUENCE_HEADERS or t.isdigit() for t in texts)


# Headers of columns that number rows or columns, never amounts: 序号 1, 2, 3; a form's 行次 and 栏次.
SEQUENCE_HEADERS: Final = ("序号", "编号", "栏次", "行次", "行号")


def split_titles(rows: list[list[RawCell]]) -> list[tuple[str, RawCell | None, list[list[RawCell]]]]:
    """A block holding several tables, each opened by a one-cell title row, cut into (title, title cell, rows)."""
    tables: list[tuple[str, RawCell | None, list[list[RawCell]]]] = []
    title, title_cell = "", None
    current: list[list[RawCell]] = []
    for row in rows:
        if is_title_row(row):
            if any(not is_unit_row(r) for r in current):
                tables.append((title, title_cell, current))
                current = []
            title_cell = next(c for c in row if c.text)
            title = title_cell.text
            continue
        current.append(row)
    if current:
        tables.append((title, title_cell, current))
    return tables


def has_figure(row: list[RawCell]) -> bool:
    cells = [c.text for c in row if c.text]
    return any(is_number(t) and not (k == 0 and is_code(t)) for k, t in enumerate(cells))


def split_header(rows: list[list[RawCell]]) -> tuple[list[list[RawCell]], list[list[RawCell]]]:
    """Header rows (above the first row with a figure) and body rows; unit rows are dropped.

    A table without a single figure (an empty 政府性基金 table) still has a body: from its first
    合计/总计 row under the header."""
    rows = [r for r in rows if not is_unit_row(r) and not is_column_number_row(r)]
    for index, row in enumerate(rows):
        if has_figure(row):
            return rows[:index], rows[index:]
    for index, row in enumerate(rows):
        texts = [c.text.strip() for c in row if c.text.strip()]
        if index and texts and texts[0] in TOTAL_WORDS and all(t in TOTAL_WORDS or RawCell(t, 0, 0).blank for t in texts):
            return rows[:index], rows[index:]
    return rows, []


_NOTE: Final = re.compile(r"^[(（]?\s*(?:备注|注|说明)\s*\d*\s*[:：]")


def is_note_row(row: list[RawCell]) -> bool:
    """A 备注:… / 注:… line printed inside the table's frame, under its rows: a note, not a row."""
    texts = [c.text.strip() for c in row if c.text.strip() and not c.blank]
    return len(texts) == 1 and bool(_NOTE.match(texts[0]))


def split_notes(rows: list[list[RawCell]]) -> tuple[list[list[RawCell]], list[str]]:
    """Body rows without the note rows that close the table, and those notes."""
    end = len(rows)
    while end and is_note_row(rows[end - 1]):
        end -= 1
    notes = [next(c.text.strip() for c in r if c.text.strip() and not c.blank) for r in rows[end:]]
    return rows[:end], notes


def _is_code_header(text: str) -> bool:
    return "编码" in text or "代码" in text


def _groups(row: list[str]) -> list[tuple[str, list[str]]]:
    """The lower header row cut into code/name pairs, total groups and single cells."""
    groups: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(row):
        text = row[i]
        if _is_code_header(text) and i + 1 < len(row) and "名称" in row[i + 1]:
            groups.append(("codename", [text, row[i + 1]]))
            i += 2
        elif text in TOTAL_WORDS:
            members = [text]
            i += 1
            while i < len(row) and row[i] not in TOTAL_WORDS and not _is_code_header(row[i]):
                members.append(row[i])
                i += 1
            groups.append(("total", members))
        else:
            groups.append(("single", [text]))
            i += 1
    return groups


def column_paths(header: list[list[str]]) -> list[tuple[str, ...]] | None:
    """Header paths of the leaf columns, or None when the header rows cannot be fitted together."""
    if not header:
        return None
    slots: list[tuple[str, ...]] = [(t,) for t in header[0]]
    for row in header[1:]:
        if [s[0] for s in slots] == ["收入", "支出"] and len(row) >= 3:
            split = next((k for k in range(1, len(row)) if "科目" in row[k] or row[k] in ("项目", "支出")), None)
            if split is None:
                return None
            slots = [("收入", t) for t in row[:split]]
            slots += [("支出", t) for t in row[split:]]
            continue
        groups = _groups(row)
        if all(kind == "single" for kind, _ in groups):
            if len(row) > len(slots):
                slots = [(t,) for t in row]  # a fuller row of leaves: keep it
            elif 2 <= len(row) < len(slots) and _CHANGE_PARENT.search(slots[-1][-1]):
                # 比上年增减情况 over 增减金额 | 增减幅度: a web page prints the lower row's cells alone.
                slots = slots[:-1] + [slots[-1] + (t,) for t in row]
            continue
        if any(kind == "single" for kind, _ in groups):
            return None
        parents: dict[int, list[str]] = {}
        for kind, members in groups:
            if kind == "codename":
                candidates = [k for k, s in enumerate(slots) if k not in parents and _splittable(s[-1], kind)]
                if not candidates:
                    return None
                parents[candidates[0]] = members
        totals = [members for kind, members in groups if kind == "total"]
        pool = [k for k, s in enumerate(slots) if k not in parents and _splittable(s[-1], "total")]
        joined = [k for k in pool if "及" in slots[k][-1] or "和" in slots[k][-1]]
        if len(joined) >= len(totals):
            pool = joined
        if len(pool) < len(totals):
            return None
        if len(totals) == 1 and len(pool) > 1:
            # 公务用车费 over 小计 | 公务用车运行维护费 | 公务用车购置费: the parent whose name the members repeat.
            named = [k for k in pool if _names_members(slots[k][-1], totals[0])]
            if len(named) == 1:
                pool = named
        # With more candidate parents than groups, the later (current-year) parents are the divided ones.
        for k, members in zip(pool[len(pool) - len(totals) :], totals):
            parents[k] = members
        widened: list[tuple[str, ...]] = []
        for k, s in enumerate(slots):
            below = parents.get(k)
            if below:
                widened.extend(s + (m,) for m in below)
            else:
                widened.append(s)
        slots = widened
    return slots


def _names_members(parent: str, members: list[str]) -> bool:
    """Whether the members below a total repeat the parent's name (公务用车费: 公务用车运行维护费, 公务用车购置费)."""
    stem = parent.removesuffix("费").removesuffix("支出").removesuffix("经费")
    named = [m for m in members if m not in TOTAL_WORDS]
    return len(stem) >= 2 and len(named) >= 2 and all(m.startswith(stem) for m in named)


_CHANGE_PARENT: Final = re.compile(r"增、?减|情况|比较|对比")
_CHANGE_RATE: Final = re.compile(r"(?:幅度|率|比|百分比|[(（]?%[)）]?)$")
_CHANGE_AMOUNT: Final = re.compile(r"^(?:比上年)?(?:增、?减|增长|增加|减少|变动|变化)(?:金?额|数|金额|值)?$|^差额$")


_MAY_CHANGE: Final = re.compile(r"[增减变差幅率比%]")


def change_role(path: tuple[str, ...]) -> str:
    """"delta" for a column of changes (增减金额, 增加额, 增长额), "rate" for one of rates (增减幅度, 增长率,
    增长比), "" for any other: a change is never an amount of the item, whatever its period words say."""
    leaf = path[-1].replace(" ", "") if path else ""
    if not _MAY_CHANGE.search(leaf):
        return ""  # most columns (项目, 决算数, 合计) name no change: one scan tells
    under_change = len(path) > 1 and bool(_CHANGE_PARENT.search(path[-2]))
    if _CHANGE_AMOUNT.search(leaf) or (under_change and re.search(r"金?额$|数$", leaf)):
        return "delta"
    if (under_change or re.match(r"(?:[比较]上年)?(?:增、?减|增长|增加|减少|下降|变动|变化)", leaf)) and _CHANGE_RATE.search(leaf):
        return "rate"
    return ""


def _splittable(text: str, kind: str) -> bool:
    if kind == "codename":
        return ("科目" in text or "分类" in text) and not _is_code_header(text) and "名称" not in text
    if text in TOTAL_WORDS or _is_code_header(text) or "名称" in text:
        return False
    return text not in ("序号", "预算单位", "项目", "预算数", "决算数", "支出科目", "单位")


def roles(paths: list[tuple[str, ...]]) -> list[Column]:
    columns = []
    label_seen: set[str] = set()
    numbers_seen: set[str] = set()
    for path in paths:
        leaf = path[-1] if path else ""
        side = {"收入": "revenue", "支出": "expenditure"}.get(path[0], "") if len(path) > 1 else ""
        if side in numbers_seen:
            role = "number"  # amounts stand right of a side's code and label columns
        elif _is_code_header(leaf):
            role = "code"
        elif leaf.replace(" ", "") in SEQUENCE_HEADERS:
            role = "seq"
        elif leaf not in TOTAL_WORDS and (any(w in leaf for w in LABEL_WORDS) and not re.search(r"数$|金额|资金|支出$|经费$|费$", leaf) or leaf in ("项目", "支出科目", "科目名称")):
            role = "label" if side not in label_seen else "text"
            label_seen.add(side)
        else:
            role = "number"
        if role == "number":
            numbers_seen.add(side)
        columns.append(Column(tuple(path), role, side))
    # A side's label column names the side's rows; in a one-sided table only the first label does.
    return columns


def row_sums(columns: list[Column]) -> list[RowSum]:
    """Columns that are the sum of the columns printed after them under the same parent header."""
    out: list[RowSum] = []
    index = {c.path: k for k, c in enumerate(columns)}
    # Parent headers, shorter first, then in printed order (never a set's order: the report must be
    # the same on every run).
    first: dict[tuple[str, ...], int] = {}
    for k, c in enumerate(columns):
        for n in range(len(c.path)):
            first.setdefault(c.path[:n], k)
    for prefix in sorted(first, key=lambda p: (len(p), first[p])):
        children: list[str] = []
        for c in columns:
            if c.path[: len(prefix)] == prefix and len(c.path) > len(prefix):
                name = c.path[len(prefix)]
                if name not in children:
                    children.append(name)
        representatives: list[int | None] = []
        for name in children:
            path = prefix + (name,)
            if path in index:
                representatives.append(index[path])
            else:
                sub = next((index[path + (t,)] for t in TOTAL_WORDS if path + (t,) in index), None)
                representatives.append(sub)
        first_total = next((k for k, name in enumerate(children) if name in TOTAL_WORDS and prefix + (name,) in index), None)
        if first_total is None:
            continue
        after = representatives[first_total + 1 :]
        parts = [p for p in after if p is not None]
        if not parts or len(parts) < len(after) or any(columns[p].role != "number" for p in parts):
            continue
        total = representatives[first_total]
        if total is None or columns[total].role != "number":
            continue
        out.append(RowSum(total, parts))
    return out


def year_of(path: tuple[str, ...]) -> int | None:
    for part in path:
        match = _YEAR.search(part)
        if match:
            return int(match.group(1))
    return None
