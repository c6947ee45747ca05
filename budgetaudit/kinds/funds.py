"""A self-evaluation's funds and their sources (kind evaluation, check = "funds"): in each money column
(年初预算数, 全年预算数, 全年执行数) 年度资金总额 is the sum of 本年财政拨款, 上年结转资金 and 其他资金 where all three
are printed, and at least the sum of those printed otherwise (a blank cell says nothing)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..document import Document
from ..evaluation import SOURCES
from ..relations import judge, judge_at_most, total
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


_COLUMNS: Final = (("initial", "年初预算数"), ("adjusted", "全年预算数"), ("executed", "全年执行数"))


def check_funds(rule, document: Document, reporter: Reporter) -> None:
    for ev in document.evaluations:
        exe = ev.execution
        if exe is None or not exe.sources or ev.doubtful("execution"):
            continue
        named = {funds.label for funds in exe.sources}
        for column, column_name in _COLUMNS:
            whole = getattr(exe, column)
            parts = [getattr(funds, column) for funds in exe.sources if getattr(funds, column) is not None]
            if whole is None or not parts:
                continue
            inputs = [operand(p) for p in parts]
            if len(parts) == len(exe.sources) and named == set(SOURCES):
                judgement = judge(total, [1] * len(inputs), inputs, operand(whole))
            else:
                judgement = judge_at_most(inputs, operand(whole))
            shown = " + ".join(f"{funds.label}{getattr(funds, column).text}" for funds in exe.sources
                               if getattr(funds, column) is not None)
            values = {"project": ev.project or ev.title, "label": column_name, "parts": shown}
            reporter.judged(rule, judgement, whole, parts, values)
