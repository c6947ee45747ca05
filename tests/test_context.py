"""A finding shown in its context (issue #17): the sentence around a prose figure, the rows of the rebuilt
table around a cell, and the section it belongs to."""

import json

from conftest import check_text, run_cli

from budgetaudit.context import WIDTH, width

TABLE = """2026年部门预算情况说明
一、部门收支总体情况
2026年收支总预算1207.84万元。
附件2 一般公共预算财政拨款支出预算表
单位:万元
| 科目编码 | 科目名称 | 2026年预算数 |
|---|---|---|
| | 合计 | 52.84 |
| 208 | 社会保障和就业支出 | 52.84 |
| 20805 | 行政事业单位养老支出 | 52.48 |
| 2080505 | 机关事业单位基本养老保险缴费支出 | 31.68 |
| 2080506 | 机关事业单位职业年金缴费支出 | 15.84 |
| 2080599 | 其他行政事业单位养老支出 | 5.32 |
"""


def _finding(text, rules, code):
    report = check_text(text, rules)
    (finding,) = [f for f in report.findings if f.code == code]
    return finding


def test_a_prose_finding_shows_its_sentence_with_the_figure_marked(rules):
    text = "2024年度部门决算公开说明\n一、收入支出决算总体情况\n总体看。2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.84%。其他说明。"
    finding = _finding(text, rules, "PCT002")
    (line,) = finding.context
    assert line.text == "2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.84%。"
    assert line.text[line.mark_start : line.mark_end] == "6.84%"
    assert finding.section == "一、收入支出决算总体情况"


def test_a_prose_finding_after_a_table_sits_under_the_heading_outside_the_table(rules):
    """A table's row label (一、本年收入) looks like a heading; the prose after the table is under the real one."""
    text = ("2024年度部门决算公开说明\n一、收入支出决算总体情况\n| 项目 | 决算数 |\n|---|---|\n| 一、本年收入 | 120.50 |\n"
            "| 二、本年支出 | 120.50 |\n\n2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.84%。\n")
    assert _finding(text, rules, "PCT002").section == "一、收入支出决算总体情况"


def test_a_long_sentence_is_cut_to_eighty_columns_around_the_figure(rules):
    filler = "，".join(f"第{k}项说明文字较长" for k in range(12))
    text = f"2024年度部门决算公开说明\n二、支出情况。{filler}，2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.84%，{filler}。"
    (line,) = _finding(text, rules, "PCT002").context
    assert width(line.text) <= WIDTH
    assert line.text.startswith("…") and line.text.endswith("…")
    assert line.text[line.mark_start : line.mark_end] == "6.84%"


def test_a_table_finding_shows_header_row_and_total_and_sits_under_its_attachment(rules):
    finding = [f for f in check_text(TABLE, rules).findings if f.code == "TOT010"][0]
    assert finding.section == "附件2 一般公共预算财政拨款支出预算表"
    header, row, *total = finding.context
    assert "科目名称" in header.text and header.mark_start == -1
    assert row.text[row.mark_start : row.mark_end] in ("52.84", "52.48")
    assert all("合计" in t.text for t in total)


def test_the_context_in_each_output(tmp_path, rules):
    path = tmp_path / "t.txt"
    path.write_text("2024年度部门决算公开说明\n一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，"
                    "下降6.84%。\n", encoding="utf-8")
    text = run_cli("check", "--color", "never", str(path)).stdout.decode()
    assert "上下文: 2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降【6.84%】。" in text
    markdown = run_cli("check", "--format", "markdown", str(path)).stdout.decode()
    assert "> 2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降**6.84%**。" in markdown
    report = json.loads(run_cli("check", "--format", "json", str(path)).stdout)
    (finding,) = [f for f in report["files"][0]["findings"] if f["code"] == "PCT002"]
    (line,) = finding["context"]
    assert line["text"][line["mark"][0] : line["mark"][1]] == "6.84%"
    sarif = json.loads(run_cli("check", "--format", "sarif", str(path)).stdout)
    (result,) = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "PCT002"]
    context = result["locations"][0]["physicalLocation"]["contextRegion"]
    assert context["startLine"] == 2 and "下降6.84%" in context["snippet"]["text"]
    concise = run_cli("check", "--format", "concise", str(path)).stdout.decode()
    assert "上下文" not in concise and all(line.count("PCT002") <= 1 for line in concise.splitlines())
