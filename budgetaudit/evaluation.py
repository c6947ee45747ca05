"""Performance-evaluation tables (绩效自评表, 绩效目标表) read from the rebuilt tables.

The table reader keeps these tables as printed rows (they are not financial
tables). This module reads each one into `Evaluation` objects: the project's
total self-score, its execution block (年初/调整预算数, 执行数, 执行率, 权重, 得分)
and its indicators (name, unit, 指标性质, 指标值, 完成值, 偏离度, 得分系数, 权重, 得分).

A data row is placed under its header only when the placement is certain:
in a positional layout the row must line up with the header (or be shifted as
a whole by one or two cells, and then by exactly one shift); in a layout that
drops blank cells every order-preserving placement that fits the cells' types
is tried and a field is read only when all placements agree. Whatever cannot be
placed is recorded as a doubt, and the rules that need it report unchecked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from .evaluation_cells import (
    NO_VALUE, NUMBER_FIELDS, QUALITATIVE, Printed, agreed, clean, execution_header, indicator_header, is_number,
    known_unit, number_in, operator_of, placements,
)
from .figures import MONEY_UNITS, Figure, parse_number
from .source import Source, Span
from .tables.model import Row, Table

KINDS: Final = ("self_evaluation", "performance_target")
POINTS: Final = "分"  # weights and scores are points: a whole number of points is exact, like a count
_CONTINUATION: Final = re.compile(r"^[(（]?(?:值|数|分|%|万元|元)[)）]?$")
_KEY_TOTALS: Final = ("自评总分", "自评得分", "总分")
_KEY_AMOUNTS: Final = ("资金总额", "项目资金总额", "部门支出预算数", "预算金额", "项目金额")
_MONEY_IN_HEADER: Final = re.compile(r"(万元|千元|亿元|元)")
_NUMBERED_NAME: Final = re.compile(r"^指标\d+[:：]")
_LEADING_NUMBER: Final = re.compile(r"^-?[\d,]*\.?\d+")
_NOT_NUMBER: Final = re.compile(r"[^\d.,-]")


@dataclass(slots=True, init=False)
class Indicator:
    name: str
    name_span: Span | None
    line: int
    name_cell: Printed | None = None  # where the name is printed (a cost indicator may spell out its arithmetic)
    unit: str = ""
    nature: str = ""  # "≥", "≤", "=", "定性" or "" when not printed
    nature_span: Span | None = None
    target: Figure | None = None  # the value the result is judged against (调整 if printed, else 年初)
    target_initial: Figure | None = None
    target_adjusted: Figure | None = None
    target_text: str = ""
    actual: Figure | None = None
    actual_text: str = ""
    deviation: Figure | None = None
    coefficient: Figure | None = None
    weight: Figure | None = None
    score: Figure | None = None
    note: str = ""
    level1: str = ""
    level2: str = ""
    execution: bool = False  # the 预算执行率 scored as an indicator row

    # Made per indicator row: a hand-written __init__ (see source.Span).
    def __init__(
        self,
        name: str,
        name_span: Span | None,
        line: int,
        name_cell: Printed | None = None,
        unit: str = "",
        nature: str = "",
        nature_span: Span | None = None,
        target: Figure | None = None,
        target_initial: Figure | None = None,
        target_adjusted: Figure | None = None,
        target_text: str = "",
        actual: Figure | None = None,
        actual_text: str = "",
        deviation: Figure | None = None,
        coefficient: Figure | None = None,
        weight: Figure | None = None,
        score: Figure | None = None,
        note: str = "",
        level1: str = "",
        level2: str = "",
        execution: bool = False,
    ) -> None:
        self.name = name
        self.name_span = name_span
        self.line = line
        self.name_cell = name_cell
        self.unit = unit
        self.nature = nature
        self.nature_span = nature_span
        self.target = target
        self.target_initial = target_initial
        self.target_adjusted = target_adjusted
        self.target_text = target_text
        self.actual = actual
        self.actual_text = actual_text
        self.deviation = deviation
        self.coefficient = coefficient
        self.weight = weight
        self.score = score
        self.note = note
        self.level1 = level1
        self.level2 = level2
        self.execution = execution

    @property
    def quantitative(self) -> bool:
        return self.nature in ("≥", "≤", "=") and self.target is not None


@dataclass(slots=True)
class Funds:
    """A source of the project's funds (其中：本年财政拨款, 上年结转资金, 其他资金), its figure in each money column."""

    label: str
    initial: Figure | None = None
    adjusted: Figure | None = None
    executed: Figure | None = None


@dataclass(slots=True)
class Execution:
    initial: Figure | None = None
    adjusted: Figure | None = None
    executed: Figure | None = None
    rate: Figure | None = None
    weight: Figure | None = None
    score: Figure | None = None
    sources: list[Funds] = field(default_factory=list)  # the rows under 年度资金总额
    number_fields: list[str] = field(default_factory=list)  # the fields of the total row's numbers, in order


@dataclass(slots=True)
class Doubt:
    part: str  # "indicators", "execution" or "total"
    reason: str  # a hint key in rules/hints.toml
    spans: list[Span]


@dataclass(slots=True)
class Evaluation:
    kind: str  # "self_evaluation" or "performance_target"
    title: str
    project: str = ""
    line: int = 0
    total: Figure | None = None  # 自评总分 / the project's 自评得分
    amount: Figure | None = None  # 资金总额 / 部门支出预算数
    execution: Execution | None = None
    execution_header: bool = False  # an execution block was printed (read or not)
    indicators: list[Indicator] = field(default_factory=list)
    indicator_header: bool = False
    description: Printed | None = None  # 项目概况
    doubts: list[Doubt] = field(default_factory=list)

    def doubtful(self, part: str) -> Doubt | None:
        return next((d for d in self.doubts if d.part == part), None)

    @property
    def weighted(self) -> bool:
        return any(i.weight is not None for i in self.indicators)


def _span(source: Source, cell: Printed) -> Span:
    return source.span(cell.start, cell.end)


def _cells(row: Row) -> list[Printed]:
    return [Printed(c.text or "", c.start, c.end) for c in row.printed]


def extract(document) -> None:
    """Append the document's evaluation tables to `document.evaluations`."""
    source = document.source
    for table in document.tables:
        if table.kind not in KINDS:
            continue
        positional = table.layout not in ("pipe_lines",)
        document.evaluations.extend(read_table(source, table, positional))


def _row_span(source: Source, cells: list[Printed], printed: list[int]) -> list[Span]:
    return [_span(source, cells[i]) for i in printed[:1]]


def read_table(source: Source, table: Table, positional: bool) -> list[Evaluation]:
    evaluations: list[Evaluation] = []
    current = Evaluation(table.kind, table.title, line=table.first_line)
    evaluations.append(current)
    header: list[str | None] | None = None
    exec_header: list[str | None] | None = None
    exec_unit: str | None = None
    money_unit = known_unit(table.unit) if table.unit in MONEY_UNITS else None
    last: Indicator | None = None
    level1 = level2 = ""
    for row in table.rows:
        cells = _cells(row)
        printed = [i for i, c in enumerate(cells) if not c.blank]  # asked of every row many times
        texts = [clean(cells[i].text) for i in printed]
        if not texts:
            continue
        # A header line continued below (值, (%), (分)) carries nothing.
        if all(_CONTINUATION.match(t) for t in texts):
            continue
        found = indicator_header(cells, printed)
        if found:
            header, exec_header, last = found, None, None
            current.indicator_header = True
            continue
        found = execution_header(cells, printed)
        if found:
            exec_header, header = found, None
            current.execution_header = True
            label = next((c.text for c, f in zip(cells, found) if f == "label"), "")
            unit_match = _MONEY_IN_HEADER.search(label)
            exec_unit = unit_match.group(1) if unit_match else money_unit
            continue
        keyed = _key_values(source, [cells[i] for i in printed], texts)
        if keyed is not None:
            if "project" in keyed and (current.indicators or current.project):
                current = Evaluation(table.kind, table.title, line=row.line)
                evaluations.append(current)
                header = exec_header = None
                last = None
            _apply_keys(source, current, keyed, money_unit)
            continue
        if exec_header is not None:
            _read_execution(source, current, cells, printed, exec_header, positional, exec_unit)
            continue
        if header is None:
            continue
        readings = placements(cells, printed, header, positional)
        sure, unsure = agreed(readings)
        if not readings:
            if any(is_number(t) for t in texts):
                current.doubts.append(Doubt("indicators", "evaluation_columns", _row_span(source, cells, printed)))
            continue
        # A new project in a table listing several (序号, 项目名称 columns).
        if ("project" in sure or "seq" in sure) and current.indicators:
            current = Evaluation(table.kind, table.title, line=row.line)
            evaluations.append(current)
            current.indicator_header = True
        if "project" in sure:
            current.project = clean(cells[sure["project"]].text)
        if "project_total" in sure:
            figure = number_in(source, cells[sure["project_total"]], POINTS)
            if current.total is not None and figure is not None:
                current.doubts.append(Doubt("total", "evaluation_two_totals", [current.total.span, figure.span]))
            elif figure is not None:
                current.total = figure
        if "level1" in sure:
            level1, level2 = clean(cells[sure["level1"]].text), ""
        if "level2" in sure:
            level2 = clean(cells[sure["level2"]].text)
        needed = {"weight", "score", "nature", "target", "target_initial", "target_adjusted", "actual", "deviation"}
        if unsure & needed:
            current.doubts.append(Doubt("indicators", "evaluation_columns", _row_span(source, cells, printed)))
            continue
        if "name" not in sure:
            continue
        name_cell = cells[sure["name"]]
        values = set(sure) - {"name", "group", "level1", "level2", "project", "seq", "project_total", "note", "core"}
        if not values and last is not None and table.kind == "self_evaluation":
            # The name wrapped onto a row of its own.
            last.name += clean(name_cell.text)
            continue
        indicator = _indicator(source, cells, sure, row.line, level1, level2)
        if not indicator.name.strip("…. ") and indicator.target is None and indicator.weight is None:
            continue  # an empty 指标1: line of a target form
        current.indicators.append(indicator)
        last = indicator
    return [e for e in evaluations if e.indicators or e.total or e.execution or e.description]


def _key_values(source: Source, printed: list[Printed], texts: list[str]) -> dict[str, Printed] | None:
    """Rows such as 项目名称 | X | 自评总分(分) | 100 and 资金总额(万元) | 58.16 (the row's cells not blank,
    and their texts without white space)."""
    out: dict[str, Printed] = {}
    for k, cell in enumerate(printed[:-1]):
        t = texts[k]
        nxt = printed[k + 1]
        if t in ("项目名称", "部门(单位)名称", "部门名称", "单位名称", "主管部门"):
            out.setdefault("project" if t == "项目名称" else "entity", nxt)
        elif t.startswith(_KEY_TOTALS) and is_number(nxt.text):
            out["total"] = nxt
            out["total_key"] = cell
        elif t.startswith(_KEY_AMOUNTS) and is_number(nxt.text):
            out["amount"] = nxt
            out["amount_key"] = cell
        elif t in ("项目概况", "项目基本情况"):
            out["description"] = nxt
    return out or None


def _apply_keys(source: Source, evaluation: Evaluation, keyed: dict[str, Printed], money_unit: str | None) -> None:
    if "project" in keyed:
        evaluation.project = clean(keyed["project"].text)
    elif "entity" in keyed and not evaluation.project:
        evaluation.project = clean(keyed["entity"].text)
    if "total" in keyed:
        evaluation.total = number_in(source, keyed["total"], POINTS)
    if "amount" in keyed:
        unit_match = _MONEY_IN_HEADER.search(keyed["amount_key"].text)
        unit = unit_match.group(1) if unit_match else money_unit
        evaluation.amount = number_in(source, keyed["amount"], unit)
    if "description" in keyed:
        evaluation.description = keyed["description"]


def _read_execution(source: Source, evaluation: Evaluation, cells: list[Printed], printed: list[int], header, positional: bool, unit) -> None:
    texts = [clean(cells[i].text) for i in printed]
    if evaluation.execution is not None or any(t.startswith("其中") for t in texts):
        # The first amounts row is the project's; the rows under it are its sources.
        if evaluation.execution is not None and texts and source_label(texts[0]):
            _read_source(source, evaluation.execution, cells, printed, unit, source_label(texts[0]))
        return
    if not any(is_number(t) for t in texts):
        return
    readings = placements(cells, printed, header, positional)
    sure, unsure = agreed(readings)
    needed = {"adjusted", "executed", "rate", "exec_weight", "exec_score", "initial"}
    if not readings or unsure & needed:
        evaluation.doubts.append(Doubt("execution", "evaluation_columns", _row_span(source, cells, printed)))
        evaluation.execution = Execution()
        return

    def get(name: str, u):
        return number_in(source, cells[sure[name]], u) if name in sure else None

    evaluation.execution = Execution(
        initial=get("initial", unit), adjusted=get("adjusted", unit), executed=get("executed", unit),
        rate=get("rate", "%"), weight=get("exec_weight", POINTS), score=get("exec_score", POINTS),
    )
    evaluation.execution.number_fields = [name for name, i in sorted(sure.items(), key=lambda item: item[1])
                                          if name in NUMBER_FIELDS and is_number(cells[i].text)]


# The sources a project's funds split into (年度资金总额 = 本年财政拨款 + 上年结转资金 + 其他资金).
SOURCES: Final = ("本年财政拨款", "上年结转资金", "其他资金")
_SOURCE_ALIASES: Final = {"财政拨款": "本年财政拨款", "上年结转": "上年结转资金"}


def source_label(text: str) -> str:
    """The source a row's label names ("" for none): 其中：本年财政拨款 → 本年财政拨款."""
    label = clean(text).removeprefix("其中").lstrip(":：")
    label = _SOURCE_ALIASES.get(label, label)
    return label if label in SOURCES else ""


def _read_source(source: Source, execution: Execution, cells: list[Printed], printed: list[int], unit,
                 label: str) -> None:
    """A source's numbers stand under the total's, in order: as many as the total's, or the first few of them
    when those are amounts. Otherwise where they stand is not certain, and the source is left out (its total
    then only bounded by the others)."""
    numbers = [i for i in printed if is_number(cells[i].text)]
    fields = execution.number_fields
    if len(numbers) > len(fields) or (len(numbers) < len(fields) and not set(fields[: len(numbers)]) <= _AMOUNTS):
        return
    funds = Funds(label)
    for name, i in zip(fields, numbers):
        if name in ("initial", "adjusted", "executed"):
            setattr(funds, name, number_in(source, cells[i], unit))
    execution.sources.append(funds)


_AMOUNTS: Final = frozenset({"amount_total", "initial", "adjusted", "executed"})


def _value(source: Source, cells: list[Printed], sure: dict[str, int], indicator: Indicator,
           fieldname: str) -> tuple[Figure | None, str]:
    """An indicator's value field (指标值, 完成值) as a figure, and its text as printed. A module function, not a
    closure: the compiled build calls a closure through a Python-level call."""
    if fieldname not in sure:
        return None, ""
    cell = cells[sure[fieldname]]
    text = clean(cell.text)
    op = operator_of(text)
    rest = text
    if op is not None:
        # 指标值 printed with its operator and unit: ≤75万元, ≥98%
        if not indicator.nature:
            indicator.nature = op[0]
            indicator.nature_span = _span(source, cell)
        rest = op[1]
        tail = _LEADING_NUMBER.sub("", rest)
        if tail and not indicator.unit:
            indicator.unit = tail
    if text in NO_VALUE:
        return None, text
    u = known_unit(indicator.unit)
    return (number_in(source, cell, u) if parse_number(_NOT_NUMBER.sub("", rest) or "x") else None), text


def _indicator(source: Source, cells: list[Printed], sure: dict[str, int], line: int, level1: str, level2: str) -> Indicator:
    name_cell = cells[sure["name"]]
    name = _NUMBERED_NAME.sub("", clean(name_cell.text))
    unit = clean(cells[sure["unit"]].text) if "unit" in sure else ""
    indicator = Indicator(name, _span(source, name_cell), line, name_cell, unit=unit, level1=level1, level2=level2)
    if "nature" in sure:
        cell = cells[sure["nature"]]
        op = operator_of(cell.text)
        indicator.nature = op[0] if op else ("定性" if clean(cell.text) in QUALITATIVE else "")
        indicator.nature_span = _span(source, cell)

    indicator.target_initial, t0 = _value(source, cells, sure, indicator, "target_initial")
    indicator.target_adjusted, t1 = _value(source, cells, sure, indicator, "target_adjusted")
    plain, t2 = _value(source, cells, sure, indicator, "target")
    indicator.target = indicator.target_adjusted or indicator.target_initial or plain
    indicator.target_text = t1 if indicator.target_adjusted else (t0 or t2)
    indicator.actual, indicator.actual_text = _value(source, cells, sure, indicator, "actual")
    if "deviation" in sure:
        indicator.deviation = number_in(source, cells[sure["deviation"]], "%")
    if "coefficient" in sure:
        indicator.coefficient = number_in(source, cells[sure["coefficient"]], "%")
    if "weight" in sure:
        indicator.weight = number_in(source, cells[sure["weight"]], POINTS)
    if "score" in sure:
        indicator.score = number_in(source, cells[sure["score"]], POINTS)
    if "note" in sure:
        indicator.note = clean(cells[sure["note"]].text)
    indicator.execution = "执行率" in name
    return indicator
