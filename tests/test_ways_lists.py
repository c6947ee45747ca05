"""Ways real disclosures bound their lists and date their sentences.

Each way has a consistent document (no error or warning) and an inconsistent one (the slip found, at
the figure a reader would correct). Names and figures are invented; the sentence structures are those
of real published disclosures.
"""

import pytest

from conftest import check_text
from test_ways import flagged

LISTS = {
    # A whole named after a 其中 list (总支出 after 其中财政拨款收入) is no part of it.
    "a whole after a 其中 list": (
        "一、收支情况。2024年总收入1,270.11万元，其中财政拨款收入865.72万元，总支出1,190.21万元，其中财政拨款支出768.63万元。",
        "一、收支情况。2024年总收入1,270.11万元，其中财政拨款收入1,365.72万元，总支出1,190.21万元，其中财政拨款支出768.63万元。",
        ("TOT002", "1,270.11万元"),
    ),
    # A sentence that opens with its year dates every figure of it: two years' lists never meet.
    "a year opening the sentence": (
        "一、收支情况。2022年总收入1,270.11万元；总支出1,190.21万元，其中财政拨款支出768.63万元。"
        "2023年总收入1,861.19万元；总支出1,580.71万元，其中财政拨款支出1,045.54万元。",
        "一、收支情况。2022年总收入1,270.11万元；总支出1,190.21万元，其中财政拨款支出1,268.63万元。"
        "2023年总收入1,861.19万元；总支出1,580.71万元，其中财政拨款支出1,045.54万元。",
        ("TOT002", "1,190.21万元"),
    ),
    # A use named in brackets before a figure (包括…用于教育的经费) does not make the figure a reason's.
    "a use named inside brackets before the figure": (
        "一、教育经费。全市教育经费总投入201.83亿元，比上年增加9亿元，增长4.67%。其中国家财政性教育经费(包括企业拨款、"
        "校办产业收入用于教育的经费等)162.46亿元，比上年增加6.69亿元，增长4.29%。",
        "一、教育经费。全市教育经费总投入201.83亿元，比上年增加9亿元，增长4.67%。其中国家财政性教育经费(包括企业拨款、"
        "校办产业收入用于教育的经费等)162.46亿元，比上年增加6.69亿元，增长5.29%。",
        ("PCT002", "5.29%"),
    ),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_consistent_document_is_silent(name, rules):
    consistent, _, _ = LISTS[name]
    assert flagged(consistent, rules) == []


@pytest.mark.parametrize("name", sorted(LISTS))
def test_inconsistent_document_is_flagged_at_the_slip(name, rules):
    _, inconsistent, slip = LISTS[name]
    assert slip in flagged(inconsistent, rules)


def unchecked_reasons(text, rules):
    report = check_text("2024年度部门决算公开说明\n" + text, rules)
    return [u.reason for u in report.unchecked]


@pytest.mark.parametrize("text", [
    # 结余 = 财政结余 − 用事业基金弥补收支差额: one part is taken from the others.
    "一、收支情况。结余79.90万元，其中财政结余97.09万元，用事业基金弥补收支差额17.19万元。",
    # The offset item's figure cut off by the page: the list is still not added up.
    "一、成本情况。教育总成本337.24万元，其中工资福利支出130.02万元，商品和服务支出207.05万元，弥补教育成本的非限定用途收入0.83",
])
def test_a_list_with_an_item_taken_from_the_others_is_listed_not_judged(text, rules):
    assert flagged(text, rules) == []
    assert any("扣减" in reason for reason in unchecked_reasons(text, rules))


def test_a_known_word_in_brackets_after_an_unknown_item_is_that_items_part(rules):
    """总成本x元(使用财政拨款支出y元): y is the cost's, not the department's 财政拨款支出 stated before."""
    text = ("一、收支情况。2024年财政拨款支出768.63万元。二、成本情况。2024年培训班教育总成本337.24万元"
            "(使用财政拨款支出66.76万元)。")
    assert flagged(text, rules) == []
