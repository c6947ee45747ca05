"""A self-evaluation's execution block flattened into one line by PDF conversion:

    项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额: 0 0 0 10 0 0
    其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 …

(all on one line). The header names the columns in order; the total's figures stand under them in that
order, and each source's under the first of them. It is read only when every figure of the total has a column
and no table of the document already holds an evaluation there."""

from __future__ import annotations

import re
from typing import Final

from .evaluation import Evaluation, Execution, Funds, POINTS, source_label
from .figures import Figure, figure_at
from .source import Source

# Header words of a flattened block, in the order printed, and the field each names.
_FIELDS: Final = {
    "年初预算数": "initial", "全年预算数": "adjusted", "全年(调整)预算数": "adjusted", "调整预算数": "adjusted",
    "全年执行数": "executed", "分值": "exec_weight", "权重": "exec_weight", "执行率": "rate", "得分": "exec_score",
}
_FIELD_WORD: Final = re.compile("|".join(re.escape(w) for w in sorted(_FIELDS, key=len, reverse=True)))
_HEADER: Final = re.compile(
    rf"项目资金\s*(?:\(\s*(?P<unit>万元|元)\s*\))?\s*(?P<fields>(?:(?:{_FIELD_WORD.pattern})\s*){{3,7}})")
_NUMBER: Final = r"-?\d[\d,]*(?:\.\d+)?%?"
_TOTAL: Final = re.compile(rf"\s*年度资金总额\s*[:：]?\s*(?P<numbers>(?:{_NUMBER}\s*)+)")
_SOURCE: Final = re.compile(rf"\s*(?P<label>(?:其中\s*[:：]?\s*)?(?:本年财政拨款|上年结转资金|其他资金))\s*"
                            rf"(?P<numbers>(?:{_NUMBER}(?:\s+|$))*)")
_ONE_NUMBER: Final = re.compile(_NUMBER)
_PROJECT: Final = re.compile(r"项目名称\s*(?P<name>\S+)")
_MONEY: Final = ("initial", "adjusted", "executed")


def extract(document) -> None:
    """Append the flattened execution blocks of lines no evaluation table covers to `document.evaluations`."""
    if "年度资金总额" not in document.source.norm:
        return  # most documents print no execution block at all
    taken = {line for table in document.tables for line in range(table.first_line, table.last_line + 1)}
    document.evaluations.extend(read_flattened(document.source, taken))


def read_flattened(source: Source, taken_lines: set[int]) -> list[Evaluation]:
    out: list[Evaluation] = []
    text = source.norm
    if "年度资金总额" not in text:
        return out
    for header in _HEADER.finditer(text):
        line = source.position(header.start())[0]
        if line in taken_lines:
            continue
        fields = [_FIELDS[w] for w in _FIELD_WORD.findall(header.group("fields"))]
        total = _TOTAL.match(text, header.end())
        if total is None or "\n" in total.group(0):
            continue
        numbers = list(_ONE_NUMBER.finditer(text, total.start("numbers"), total.end("numbers")))
        if len(numbers) > len(fields):
            continue
        unit = header.group("unit")
        execution = Execution()
        for field_name, number in zip(fields, numbers):
            figure = _figure(source, number, field_name, unit)
            if field_name in ("initial", "adjusted", "executed"):
                setattr(execution, field_name, figure)
            elif field_name == "rate":
                execution.rate = figure
            elif field_name == "exec_weight":
                execution.weight = figure
            elif field_name == "exec_score":
                execution.score = figure
        at = total.end()
        money = [f for f in fields if f in _MONEY]
        while True:
            row = _SOURCE.match(text, at)
            if row is None or "\n" in row.group(0) or row.end() == at:
                break
            figures = [_figure(source, n, money[k], unit)
                       for k, n in enumerate(_ONE_NUMBER.finditer(text, row.start("numbers"), row.end("numbers")))
                       if k < len(money)]
            funds = Funds(source_label(row.group("label")))
            for field_name, figure in zip(money, figures):
                setattr(funds, field_name, figure)
            execution.sources.append(funds)
            at = row.end()
        project = _PROJECT.search(text, max(0, header.start() - 400), header.start())
        evaluation = Evaluation("self_evaluation", "", project=project.group("name") if project else "", line=line)
        evaluation.execution = execution
        evaluation.execution_header = True
        out.append(evaluation)
    return out


def _figure(source: Source, number: re.Match[str], field_name: str, unit: str | None) -> Figure | None:
    end = number.end()
    if number.group(0).endswith("%"):
        return figure_at(source, number.start(), end - 1, "%", end)
    field_unit = POINTS if field_name in ("exec_weight", "exec_score") else "%" if field_name == "rate" else unit
    return figure_at(source, number.start(), end, field_unit)
