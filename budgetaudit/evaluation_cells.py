"""Performance-evaluation forms, cell by cell: the header words that name a column, what a printed cell can
stand under (a number, an operator, a name, a category), and every order-preserving placement of a row's
printed cells under its header. Read by budgetaudit/evaluation.py, which builds the `Evaluation` model."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from .figures import COUNT_UNITS, MONEY_UNITS, NUMBER_RE, Figure, figure_at, parse_number
from .source import Source
from .tables.model import RawCell

# A printed cell (its normalised text and where it stands) is the table reader's cell.
Printed = RawCell

OPERATORS: Final = {"≥": "≥", "≤": "≤", "=": "=", "＝": "=", ">": "≥", "<": "≤", "≧": "≥", "≦": "≤", "定性": "定性"}
NO_VALUE: Final = ("无", "/", "-", "—", "--", "——")

# Header words, the more specific first.
INDICATOR_FIELDS: Final = (
    ("seq", ("序号",)),
    ("project_total", ("自评得分", "自评总分", "项目得分", "总得分")),
    ("project", ("项目名称",)),
    ("level1", ("一级指标",)),
    ("level2", ("二级指标",)),
    ("name", ("三级指标", "指标名称")),
    ("unit", ("计量单位", "单位")),
    ("nature", ("指标性质",)),
    ("target_initial", ("年初指标值", "年初指标")),
    ("target_adjusted", ("调整指标值", "调整指标", "调整后指标值")),
    ("actual", ("全年完成值", "实际完成值", "完成值")),
    ("deviation", ("偏离度",)),
    ("coefficient", ("得分系数",)),
    ("weight", ("指标权重", "权重")),
    ("score", ("指标得分", "得分")),
    ("target", ("指标值", "目标值")),
    ("core", ("是否核心指标", "核心指标")),
    ("note", ("说明", "偏差原因", "未完成原因")),
    ("group", ("绩效指标", "绩")),
)
EXECUTION_FIELDS: Final = (
    ("exec_weight", ("执行率权重", "分值", "权重")),
    ("exec_score", ("执行率得分", "得分")),
    ("rate", ("执行率",)),
    ("amount_total", ("年度总金额",)),
    ("initial", ("年初预算数", "年初预算")),
    ("adjusted", ("全年(调整)预算数", "全年(调整)预算", "调整预算数", "全年预算数")),
    ("executed", ("全年执行数", "执行数")),
    ("label", ("项目资金", "资金")),
)
NUMBER_FIELDS: Final = {
    "seq", "project_total", "deviation", "coefficient", "weight", "score",
    "amount_total", "initial", "adjusted", "executed", "rate", "exec_weight", "exec_score",
}
VALUE_FIELDS: Final = {"target", "target_initial", "target_adjusted", "actual"}
QUALITATIVE: Final = ("定性", "长期", "定性指标")
_CATEGORY: Final = re.compile(r"^(?:产出|效益|满意度|成本|数量|质量|时效|经济|社会|生态|可持续影响)(?:指标|效益)?$")
_NUMBERED: Final = re.compile(r"^指标\d")


def clean(text: str) -> str:
    return "".join(text.split())  # str.split and re's \s agree on what is white space


def classify(text: str, table: tuple) -> str | None:
    t = clean(text)
    if not t or len(t) > 16:
        return None
    for name, words in table:
        for w in words:
            if t == w or (t.startswith(w) and w != "绩") or (name == "label" and w in t):
                return name
    return None


# Header words repeat in every table of every document: remembered per word list.
@lru_cache(maxsize=4096)
def _indicator_field(text: str) -> str | None:
    return classify(text, INDICATOR_FIELDS)


@lru_cache(maxsize=4096)
def _execution_field(text: str) -> str | None:
    return classify(text, EXECUTION_FIELDS)


def indicator_header(cells: list[Printed], printed: list[int]) -> list[str | None] | None:
    fields: list[str | None] = [None] * len(cells)
    for i in printed:
        fields[i] = _indicator_field(cells[i].text)
    present = {f for f in fields if f}
    if "name" in present and len(present) >= 3 and present & {"nature", "target", "target_initial", "weight", "score", "actual"}:
        return fields
    return None


def execution_header(cells: list[Printed], printed: list[int]) -> list[str | None] | None:
    fields: list[str | None] = [None] * len(cells)
    for i in printed:
        fields[i] = _execution_field(cells[i].text)
    present = {f for f in fields if f}
    if len(present & {"initial", "adjusted", "executed", "rate", "exec_weight", "exec_score"}) >= 3:
        return fields
    return None


_LONGEST_FIRST: Final = sorted(OPERATORS, key=len, reverse=True)


@lru_cache(maxsize=4096)
def operator_of(text: str) -> tuple[str, str] | None:
    """(operator, rest) when the text is an operator, or starts with one (≤75万元). A pure function of
    the printed text, asked of every value cell: remembered."""
    t = clean(text).replace("\\geq", "≥").replace("\\leq", "≤").replace("\\ge", "≥").replace("\\le", "≤")
    for symbol in _LONGEST_FIRST:
        if t.startswith(symbol):
            return OPERATORS[symbol], t[len(symbol):]
    return None


def is_number(text: str) -> bool:
    t = clean(text).rstrip("%")
    return parse_number(t) is not None


@lru_cache(maxsize=8192)
def _fits(fieldname: str, text: str) -> bool:
    """Can a cell printing this (not blank) text stand in this column? A pure function of the printed
    text, asked for every placement tried: remembered. A blank cell fits anywhere."""
    text = clean(text)
    op = operator_of(text)
    if fieldname in NUMBER_FIELDS:
        return is_number(text)
    if fieldname == "nature":
        return (op is not None and op[1] == "") or text in QUALITATIVE
    if fieldname in VALUE_FIELDS:
        if op is not None and op[1] == "":
            return False
        return True
    if fieldname == "unit":
        return not is_number(text) and (op is None or op[0] == "定性") and len(text) <= 5
    if fieldname in ("name", "project"):
        return (
            not is_number(text) and op is None and len(text) >= 2 and not _CATEGORY.match(text)
            and known_unit(text) is None
        )
    if fieldname in ("group", "level1"):
        return not is_number(text) and op is None and (text.endswith("指标") or bool(_CATEGORY.match(text)))
    if fieldname in ("level2", "label", "core"):
        return not is_number(text) and op is None and not _NUMBERED.match(text)
    if fieldname == "note":
        return not is_number(text)
    return False


def placements(cells: list[Printed], printed: list[int], header: list[str | None], positional: bool) -> list[dict[str, int]]:
    """Every certain-enough way to place a row's cells (`printed`: the indices of those not blank) under
    the header: field -> cell index."""
    if not printed:
        return []
    out: list[dict[str, int]] = []
    texts = {i: cells[i].text for i in printed}
    if positional:
        for shift in (0, 1, -1, 2, -2):
            if all(0 <= i + shift < len(header) and header[i + shift] is not None and _fits(header[i + shift], texts[i]) for i in printed):
                names = [header[i + shift] for i in printed]  # none is None: checked just above
                out.append({name: i for name, i in zip(names, printed) if name is not None})
                if shift == 0:
                    return out  # a row that lines up with its header stands where it is printed
        return out
    # Blank cells were dropped: order-preserving placements of the printed cells.
    slots = [f for f in header if f]  # the fields a cell may stand under, in order
    walker = _Placing(slots, printed, texts)
    walker.walk(0, 0, {})
    named = [r for r in walker.results if "name" in r]
    return named or walker.results


class _Placing:
    """The order-preserving placements of a row's printed cells under its header fields (at most 65), walked
    as a class: the compiled build calls a method directly, a nested function through Python."""

    def __init__(self, slots: list[str], printed: list[int], texts: dict[int, str]) -> None:
        self.slots = slots
        self.printed = printed
        self.texts = texts
        self.results: list[dict[str, int]] = []

    def walk(self, k: int, j0: int, acc: dict[str, int]) -> None:
        if len(self.results) > 64:
            return
        printed, slots = self.printed, self.slots
        if k == len(printed):
            self.results.append(dict(acc))
            return
        for pos in range(j0, len(slots)):
            if len(slots) - pos < len(printed) - k:
                break
            f = slots[pos]
            if _fits(f, self.texts[printed[k]]):
                acc[f] = printed[k]
                self.walk(k + 1, pos + 1, acc)
                del acc[f]


def agreed(readings: list[dict[str, int]]) -> tuple[dict[str, int], set[str]]:
    """The fields every reading places on the same cell, and the fields they disagree on."""
    if not readings:
        return {}, set()
    if len(readings) == 1:
        return dict(readings[0]), set()  # a row that lines up with its header: one reading
    names: set[str] = set().union(*readings)
    sure: dict[str, int] = {}
    unsure: set[str] = set()
    for name in names:
        seen = {r.get(name, -1) for r in readings}  # a cell index is never -1
        if len(seen) == 1 and -1 not in seen:
            sure[name] = seen.pop()
        else:
            unsure.add(name)
    return sure, unsure


def number_in(source: Source, cell: Printed, unit: str | None) -> Figure | None:
    """The one number printed in a cell (an operator or a unit may stand around it)."""
    text = source.norm[cell.start:cell.end]
    found = _only_number_short(text) if len(text) <= 48 else _only_number(text)
    if found is None:
        return None
    return figure_at(source, cell.start + found[0], cell.start + found[1], unit)


def _only_number(text: str) -> tuple[int, int] | None:
    """Where the one number printed in a text stands, None unless there is exactly one."""
    found = list(NUMBER_RE.finditer(text))
    return found[0].span() if len(found) == 1 else None


# The same short prints (100, 95%, ≥98%) recur in every table: remembered, like parse_number.
_only_number_short: Final = lru_cache(maxsize=4096)(_only_number)


def known_unit(unit: str) -> str | None:
    unit = clean(unit)
    if unit in MONEY_UNITS or unit == "%" or unit in COUNT_UNITS:
        return unit
    return None
