"""Figures of two linked documents of one body (crossdoc.py runs these rules after the batch, per linked pair).

compare = "initial_budget":  a 决算's 年初预算数 equal the same year's 预算 (prose and tables, 三公 and 机关运行经费)
compare = "previous_budget": a 预算's 上年预算数 equal last year's 预算 (上年执行数 is compared with nothing)
compare = "previous_final":  a 决算's 上年 figures equal last year's 决算
compare = "change":          a change against 上年 or 年初预算 with no base printed in its document equals its own
                             current figure less the partner's figure (or its rate, the partner's figure the base)

Within one document there is nothing to check: `check` does nothing.
"""

from __future__ import annotations

from typing import Final

PARAMS: Final = {"compare": (str, ...)}
PLACEHOLDERS: Final = {"label", "stated", "expected", "why", "gap", "other", "partner", "base", "delta"}
COMPARES: Final[tuple[str, ...]] = ("initial_budget", "previous_budget", "previous_final", "change")


def check(rule, document, reporter) -> None:
    return None
