"""coverage.not_compared (#20): why two documents of one body among the inputs were not compared, beyond
no_common_figures and ambiguous (tests/test_crossdoc.py): a year or kind not told, the year between missing,
kinds and years that make no pair, figures not read; top level in JSON, a 未能比较 line in text (zh and en)."""

import json

import pytest

from budgetaudit.crossdoc import check_texts
from budgetaudit.link import normalise
from test_crossdoc import CLEAN, _check, _write

NAME = "某县青禾区档案馆"
BUDGET = NAME + "{year}年部门预算\n{year}年一般公共预算财政拨款支出预算{value}万元。\n"
FINAL = NAME + "{year}年度部门决算\n{year}年度一般公共预算财政拨款支出{value}万元。\n"
NO_YEAR = NAME + "部门预算\n一般公共预算财政拨款支出预算300.00万元。\n"
UNREAD = NAME + "2025年度部门决算\n本部门本年度无相关数据。\n"


def _reasons(rules, *texts):
    return check_texts(list(texts), rules).not_compared


def test_each_reason_names_the_file_first_and_its_partner(rules):
    b23, b25 = BUDGET.format(year=2023, value="280.00"), BUDGET.format(year=2025, value="300.00")
    f24 = FINAL.format(year=2024, value="290.00")
    assert _reasons(rules, b23, b25) == [("doc2.txt", "doc1.txt", "year_missing")]
    assert _reasons(rules, f24, b25) == [("doc2.txt", "doc1.txt", "no_pair")]
    assert _reasons(rules, b25, NO_YEAR) == [("doc2.txt", "doc1.txt", "no_year")]
    assert _reasons(rules, b25, UNREAD) == [("doc2.txt", "doc1.txt", "unread")]
    assert _reasons(rules, UNREAD.replace("决算", "预算").replace("2025", "2024"), b25) == [
        ("doc2.txt", "doc1.txt", "partner_unread")]
    # Of its kind first: the two 预算 miss the year between them; the 决算 makes no pair with either.
    assert _reasons(rules, b23, b25, f24) == [("doc2.txt", "doc1.txt", "year_missing"), ("doc3.txt", "doc1.txt", "no_pair")]
    # Another body: nothing to say (a linked pair printing nothing in common: no_common_figures, test_crossdoc).
    assert _reasons(rules, b25, FINAL.format(year=2025, value="290.00").replace(NAME, "某县青禾区文化馆")) == []


def test_a_title_without_a_year_names_its_body_without_the_kind():
    assert normalise(NAME + "部门预算公开")[0] == normalise(NAME + "2025年度部门决算")[0] == NAME


@pytest.mark.parametrize("lang, words", [("zh", "未能比较"), ("en", "Not compared")])
def test_json_lists_them_top_level_and_text_prints_a_line(tmp_path, lang, words):
    folder = _write(tmp_path / "four", CLEAN)
    (folder / "e_budget_2027.txt").write_text(
        open(folder / "c_budget_2025.txt", encoding="utf-8").read().replace("2025", "2027"), encoding="utf-8")
    data = json.loads(_check(str(folder), "-f", "json", "--lang", lang).stdout)
    assert data["coverage"]["not_compared"] == [
        {"file": str(folder / "e_budget_2027.txt"), "partner": str(folder / "c_budget_2025.txt"), "reason": "year_missing"}]
    assert all("not_compared" not in f["coverage"] for f in data["files"])
    assert data["summary"]["unchecked"] == 0
    line = next(line for line in _check(str(folder), "--lang", lang).stdout.splitlines() if words in line)
    assert "e_budget_2027.txt" in line and "c_budget_2025.txt" in line
