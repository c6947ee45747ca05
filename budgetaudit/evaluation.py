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
from functools import lru_cache
from typing import Final

from .figures import COUNT_UNITS, MONEY_UNITS, NUMBER_RE, Figure, figure_at, parse_number
from .source import Source, Span
from .tables.model import RawCell

KINDS: Final = ("self_evaluation", "performance_target")
POINTS: Final = "分"  # weights and scores are points: a whole number of points is exact, like a count
OPERATORS: Final = {"≥": "≥", "≤": "≤", "=": "=", "＝": "=", ">": "≥", "<": "≤", "≧": "≥", "≦": "≤", "定性": "定性"}
_NO_VALUE: Final = ("无", "/", "-", "—", "--", "——")

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
_CONTINUATION: Final = re.compile(r"^[(（]?(?:值|数|分|%|万元|元)[)）]?$")
_KEY_TOTAL: Final = re.compile(r"^(?:自评总分|自评得分|总分)")
_KEY_AMOUNT: Final = re.compile(r"^(?:资金总额|项目资金总额|部门支出预算数|预算金额|项目金额)")
_MONEY_IN_HEADER: Final = re.compile(r"(万元|千元|亿元|元)")
_NUMBERED_NAME: Final = re.compile(r"^指标\d+[:：]")
_LEADING_NUMBER: Final = re.compile(r"^-?[\d,]*\.?\d+")
_NOT_NUMBER: Final = re.compile(r"[^\d.,-]")


# A printed cell (its normalised text and where it stands) is the table reader's cell.
Printed = RawCell


@dataclass(slots=True)
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


def _clean(text: str) -> str:
    return "".join(text.split())  # str.split and re's \s agree on what is white space


def classify(text: str, table: tuple) -> str | None:
    t = _clean(text)
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


def _indicator_header(cells: list[Printed], printed: list[int]) -> list[str | None] | None:
    fields: list[str | None] = [None] * len(cells)
    for i in printed:
        fields[i] = _indicator_field(cells[i].text)
    present = {f for f in fields if f}
    if "name" in present and len(present) >= 3 and present & {"nature", "target", "target_initial", "weight", "score", "actual"}:
        return fields
    return None


def _execution_header(cells: list[Printed], printed: list[int]) -> list[str | None] | None:
    fields: list[str | None] = [None] * len(cells)
    for i in printed:
        fields[i] = _execution_field(cells[i].text)
    present = {f for f in fields if f}
    if len(present & {"initial", "adjusted", "executed", "rate", "exec_weight", "exec_score"}) >= 3:
        return fields
    return None


_LONGEST_FIRST: Final = sorted(OPERATORS, key=len, reverse=True)


@lru_cache(maxsize=4096)
def _operator(text: str) -> tuple[str, str] | None:
    """(operator, rest) when the text is an operator, or starts with one (≤75万元). A pure function of
    the printed text, asked of every value cell: remembered."""
    t = _clean(text).replace("\\geq", "≥").replace("\\leq", "≤").replace("\\ge", "≥").replace("\\le", "≤")
    for symbol in _LONGEST_FIRST:
        if t.startswith(symbol):
            return OPERATORS[symbol], t[len(symbol):]
    return None


def _is_number(text: str) -> bool:
    t = _clean(text).rstrip("%")
    return parse_number(t) is not None


@lru_cache(maxsize=8192)
def _fits(fieldname: str, text: str) -> bool:
    """Can a cell printing this (not blank) text stand in this column? A pure function of the printed
    text, asked for every placement tried: remembered. A blank cell fits anywhere."""
    text = _clean(text)
    op = _operator(text)
    if fieldname in NUMBER_FIELDS:
        return _is_number(text)
    if fieldname == "nature":
        return (op is not None and op[1] == "") or text in QUALITATIVE
    if fieldname in VALUE_FIELDS:
        if op is not None and op[1] == "":
            return False
        return True
    if fieldname == "unit":
        return not _is_number(text) and (op is None or op[0] == "定性") and len(text) <= 5
    if fieldname in ("name", "project"):
        return (
            not _is_number(text) and op is None and len(text) >= 2 and not _CATEGORY.match(text)
            and _known_unit(text) is None
        )
    if fieldname in ("group", "level1"):
        return not _is_number(text) and op is None and (text.endswith("指标") or bool(_CATEGORY.match(text)))
    if fieldname in ("level2", "label", "core"):
        return not _is_number(text) and op is None and not _NUMBERED.match(text)
    if fieldname == "note":
        return not _is_number(text)
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
    results: list[dict[str, int]] = []

    def walk(k: int, j0: int, acc: dict[str, int]) -> None:
        if len(results) > 64:
            return
        if k == len(printed):
            results.append(dict(acc))
            return
        for pos in range(j0, len(slots)):
            if len(slots) - pos < len(printed) - k:
                break
            f = slots[pos]
            if _fits(f, texts[printed[k]]):
                acc[f] = printed[k]
                walk(k + 1, pos + 1, acc)
                del acc[f]

    walk(0, 0, {})
    named = [r for r in results if "name" in r]
    return named or results


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


def _known_unit(unit: str) -> str | None:
    unit = _clean(unit)
    if unit in MONEY_UNITS or unit == "%" or unit in COUNT_UNITS:
        return unit
    return None


def _span(source: Source, cell: Printed) -> Span:
    return source.span(cell.start, cell.end)


def _cells(row) -> list[Printed]:
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


def read_table(source: Source, table, positional: bool) -> list[Evaluation]:
    evaluations: list[Evaluation] = []
    current = Evaluation(table.kind, table.title, line=table.first_line)
    evaluations.append(current)
    header: list[str | None] | None = None
    exec_header: list[str | None] | None = None
    exec_unit: str | None = None
    money_unit = _known_unit(table.unit) if table.unit in MONEY_UNITS else None
    last: Indicator | None = None
    level1 = level2 = ""
    for row in table.rows:
        cells = _cells(row)
        printed = [i for i, c in enumerate(cells) if not c.blank]  # asked of every row many times
        texts = [_clean(cells[i].text) for i in printed]
        if not texts:
            continue
        # A header line continued below (值, (%), (分)) carries nothing.
        if all(_CONTINUATION.match(t) for t in texts):
            continue
        found = _indicator_header(cells, printed)
        if found:
            header, exec_header, last = found, None, None
            current.indicator_header = True
            continue
        found = _execution_header(cells, printed)
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
            if any(_is_number(t) for t in texts):
                current.doubts.append(Doubt("indicators", "evaluation_columns", _row_span(source, cells, printed)))
            continue
        # A new project in a table listing several (序号, 项目名称 columns).
        if ("project" in sure or "seq" in sure) and current.indicators:
            current = Evaluation(table.kind, table.title, line=row.line)
            evaluations.append(current)
            current.indicator_header = True
        if "project" in sure:
            current.project = _clean(cells[sure["project"]].text)
        if "project_total" in sure:
            figure = number_in(source, cells[sure["project_total"]], POINTS)
            if current.total is not None and figure is not None:
                current.doubts.append(Doubt("total", "evaluation_two_totals", [current.total.span, figure.span]))
            elif figure is not None:
                current.total = figure
        if "level1" in sure:
            level1, level2 = _clean(cells[sure["level1"]].text), ""
        if "level2" in sure:
            level2 = _clean(cells[sure["level2"]].text)
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
            last.name += _clean(name_cell.text)
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
        elif _KEY_TOTAL.match(t) and _is_number(nxt.text):
            out["total"] = nxt
            out["total_key"] = cell
        elif _KEY_AMOUNT.match(t) and _is_number(nxt.text):
            out["amount"] = nxt
            out["amount_key"] = cell
        elif t in ("项目概况", "项目基本情况"):
            out["description"] = nxt
    return out or None


def _apply_keys(source: Source, evaluation: Evaluation, keyed: dict[str, Printed], money_unit: str | None) -> None:
    if "project" in keyed:
        evaluation.project = _clean(keyed["project"].text)
    elif "entity" in keyed and not evaluation.project:
        evaluation.project = _clean(keyed["entity"].text)
    if "total" in keyed:
        evaluation.total = number_in(source, keyed["total"], POINTS)
    if "amount" in keyed:
        unit_match = _MONEY_IN_HEADER.search(keyed["amount_key"].text)
        unit = unit_match.group(1) if unit_match else money_unit
        evaluation.amount = number_in(source, keyed["amount"], unit)
    if "description" in keyed:
        evaluation.description = keyed["description"]


def _read_execution(source: Source, evaluation: Evaluation, cells: list[Printed], printed: list[int], header, positional: bool, unit) -> None:
    texts = [_clean(cells[i].text) for i in printed]
    if evaluation.execution is not None or any(t.startswith("其中") for t in texts):
        # The first amounts row is the project's; the rows under it are its sources.
        if evaluation.execution is not None and texts and source_label(texts[0]):
            _read_source(source, evaluation.execution, cells, printed, unit, source_label(texts[0]))
        return
    if not any(_is_number(t) for t in texts):
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
                                          if name in NUMBER_FIELDS and _is_number(cells[i].text)]


# The sources a project's funds split into (年度资金总额 = 本年财政拨款 + 上年结转资金 + 其他资金).
SOURCES: Final = ("本年财政拨款", "上年结转资金", "其他资金")
_SOURCE_ALIASES: Final = {"财政拨款": "本年财政拨款", "上年结转": "上年结转资金"}


def source_label(text: str) -> str:
    """The source a row's label names ("" for none): 其中：本年财政拨款 → 本年财政拨款."""
    label = _clean(text).removeprefix("其中").lstrip(":：")
    label = _SOURCE_ALIASES.get(label, label)
    return label if label in SOURCES else ""


def _read_source(source: Source, execution: Execution, cells: list[Printed], printed: list[int], unit,
                 label: str) -> None:
    """A source's numbers stand under the total's, in order: as many as the total's, or the first few of them
    when those are amounts. Otherwise where they stand is not certain, and the source is left out (its total
    then only bounded by the others)."""
    numbers = [i for i in printed if _is_number(cells[i].text)]
    fields = execution.number_fields
    if len(numbers) > len(fields) or (len(numbers) < len(fields) and not set(fields[: len(numbers)]) <= _AMOUNTS):
        return
    funds = Funds(label)
    for name, i in zip(fields, numbers):
        if name in ("initial", "adjusted", "executed"):
            setattr(funds, name, number_in(source, cells[i], unit))
    execution.sources.append(funds)


_AMOUNTS: Final = frozenset({"amount_total", "initial", "adjusted", "executed"})


def _indicator(source: Source, cells: list[Printed], sure: dict[str, int], line: int, level1: str, level2: str) -> Indicator:
    name_cell = cells[sure["name"]]
    name = _NUMBERED_NAME.sub("", _clean(name_cell.text))
    unit = _clean(cells[sure["unit"]].text) if "unit" in sure else ""
    indicator = Indicator(name, _span(source, name_cell), line, name_cell, unit=unit, level1=level1, level2=level2)
    if "nature" in sure:
        cell = cells[sure["nature"]]
        op = _operator(cell.text)
        indicator.nature = op[0] if op else ("定性" if _clean(cell.text) in QUALITATIVE else "")
        indicator.nature_span = _span(source, cell)

    def value(fieldname: str) -> tuple[Figure | None, str]:
        if fieldname not in sure:
            return None, ""
        cell = cells[sure[fieldname]]
        text = _clean(cell.text)
        op = _operator(text)
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
        if text in _NO_VALUE:
            return None, text
        u = _known_unit(indicator.unit)
        return (number_in(source, cell, u) if parse_number(_NOT_NUMBER.sub("", rest) or "x") else None), text

    indicator.target_initial, t0 = value("target_initial")
    indicator.target_adjusted, t1 = value("target_adjusted")
    plain, t2 = value("target")
    indicator.target = indicator.target_adjusted or indicator.target_initial or plain
    indicator.target_text = t1 if indicator.target_adjusted else (t0 or t2)
    indicator.actual, indicator.actual_text = value("actual")
    if "deviation" in sure:
        indicator.deviation = number_in(source, cells[sure["deviation"]], "%")
    if "coefficient" in sure:
        indicator.coefficient = number_in(source, cells[sure["coefficient"]], "%")
    if "weight" in sure:
        indicator.weight = number_in(source, cells[sure["weight"]], POINTS)
    if "score" in sure:
        indicator.score = number_in(source, cells[sure["score"]], POINTS)
    if "note" in sure:
        indicator.note = _clean(cells[sure["note"]].text)
    indicator.execution = "执行率" in name
    return indicator
