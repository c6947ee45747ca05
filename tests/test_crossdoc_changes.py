"""CRD004 (#20): a change against 上年 printed without its base, judged with last year's document: by its amount
or by its rate alone (a rate carries its own direction)."""

import pytest

from budgetaudit.crossdoc import check_texts
from test_crossdoc import BUDGET_2024, BUDGET_2025, CLEAN, FINAL_2024, FINAL_2025

STATED = "比上年增加2.00万元"  # 机关运行经费 30.00 against last year's 决算 28.00


@pytest.mark.parametrize("change, found", [
    (STATED, []), ("比上年增加3.00万元", ["CRD004"]),
    ("比上年增长7.14%", []), ("比上年增长10%", ["CRD004"]), ("比上年下降7.14%", ["CRD004"]),
])
def test_a_change_without_its_base_is_judged_by_amount_or_rate(rules, change, found):
    final = FINAL_2025.format(**CLEAN).replace(STATED, change)
    outcome = check_texts([BUDGET_2024, FINAL_2024, BUDGET_2025, final], rules)
    assert [f.code for r in outcome.reports for f in r.findings] == found
