"""Cross-references: the same figure must agree everywhere, and only the same figure is compared."""

import pytest

from budgetaudit import engine, source

from conftest import check_text, seed

HEAD = "2026年部门预算情况说明\n"


def xrf(text, rules):
    return [f for f in check_text(HEAD + text, rules).findings if f.code.startswith("XRF")]


def test_the_same_number_for_two_concepts_is_not_compared(rules):
    text = "1.基本支出404.68万元。\n2.项目支出404.68万元。\n3.基本支出404.68万元，项目支出803.16万元。"
    assert [f.code for f in xrf(text, rules)] == ["XRF002"]  # 项目支出 404.68 vs 803.16 only


def test_the_same_concept_for_two_periods_is_not_compared(rules):
    text = "1.2026年基本支出404.68万元。\n2.2025年基本支出314.09万元。\n3.上年基本支出314.09万元。"
    assert xrf(text, rules) == []


def test_copies_in_yuan_and_wan_yuan_are_one_figure(rules):
    text = "1.2026年基本支出404.68万元。\n2.2026年基本支出4046800元。\n3.2026年基本支出4046800.00元。"
    assert xrf(text, rules) == []
    assert [f.code for f in xrf(text.replace("4046800.00元", "4048600.00元"), rules)] == ["XRF002"]


def test_copies_at_different_precision_meet(rules):
    assert xrf("1.2026年基本支出404.7万元。\n2.2026年基本支出404.68万元。", rules) == []
    assert [f.code for f in xrf("1.2026年基本支出404.6万元。\n2.2026年基本支出404.68万元。", rules)] == ["XRF002"]


def test_different_fund_scopes_are_compared_as_part_and_whole(rules):
    text = "1.2026年基本支出404.68万元。\n2.2026年一般公共预算财政拨款基本支出400.00万元。"
    assert xrf(text, rules) == []  # the 一般公共预算 part may be smaller than the whole
    assert [f.code for f in xrf(text.replace("400.00", "410.00"), rules)] == ["XRF005"]
    equated = "收入预算：2026年年初预算数1207.84万元，其中：一般公共预算拨款1207.84万元。\n" + text
    assert [f.code for f in xrf(equated, rules)] == ["XRF002"]  # all money is 一般公共预算: the same figure


def test_the_odd_copy_is_questioned_and_every_copy_listed(rules):
    text = "1.2026年基本支出404.68万元。\n2.2026年基本支出404.68万元。\n3.2026年基本支出406.48万元。"
    (finding,) = xrf(text, rules)
    assert finding.stated == "406.48万元" and finding.expected == "404.68万元"
    assert [loc.span.line for loc in finding.locations] == [4, 2, 3]
    assert "颠倒" in finding.message


def test_nothing_said_and_something_done(rules):
    text = "1.2026年“三公”经费预算5万元，2026年无新购公务用车安排。\n2.2026年一般公共预算安排购置车辆1辆。"
    (finding,) = xrf(text, rules)
    assert finding.code == "XRF005"  # a 一般公共预算 purchase where no purchase at all is planned
    assert [loc.span.text for loc in finding.locations] == ["1辆", "无新购公务用车"]


def test_a_change_against_a_base_printed_elsewhere(rules):
    text = (
        "2026年一般公共预算财政拨款支出1207.84万元，比2025年增加428.75万元。\n"
        "附件2 一般公共预算财政拨款支出预算表\n单位:万元\n"
        "| 科目编码 | 科目名称 | 2025年预算数 | 2026年预算数 |\n| --- | --- | --- | --- |\n"
        "| | 合计 | 786.48 | 1207.84 |\n| 208 | 社会保障和就业支出 | 786.48 | 1207.84 |\n"
    )
    (finding,) = xrf(text, rules)
    assert finding.code == "XRF003" and finding.expected == "421.35万元–421.37万元"
    assert xrf(text.replace("428.75", "421.36"), rules) == []


def test_seed_003_contradictions(rules):
    document = engine.read_document(source.load(str(seed("003"))))
    report = engine.check_document(document, rules)
    found = {(f.code, f.locations[0].span.line, f.stated) for f in report.findings if f.code.startswith("XRF")}
    # 附件1's 社会保障和就业支出 and 住房保障支出, 附件8's 合计 and 208 row, against every other copy.
    assert ("XRF002", 93, "52.48") in found
    assert ("XRF002", 135, "166.94") in found
    assert ("XRF002", 833, "1027.84") in found
    assert ("XRF002", 839, "52.48") in found
    # 比2025年增加428.75万元 against 附件2's 2025 total (1207.84 − 786.48 = 421.36).
    assert ("XRF003", 23, "428.75万元") in found


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_comparison_across_periods_or_measures(rules, prefix):
    document = engine.read_document(source.load(str(seed(prefix))))
    report = engine.check_document(document, rules)
    for finding in report.findings:
        if finding.code != "XRF002":
            continue
        keys = {tuple(loc.key.split("/")[1:3]) for loc in finding.locations}
        assert len(keys) == 1, (finding.message, keys)


def test_flat_in_one_section_against_a_change_in_another(rules):
    text = "1.2026年“三公”经费预算4.40万元，与2025年相比无变化。\n2.2026年“三公”经费比2025年减少0.50万元。"
    found = [f.code for f in check_text(HEAD + text, rules).findings if f.severity == "error"]
    assert found == ["PCT004"]
    calm = text.replace("减少0.50万元", "减少0万元")
    assert [f.code for f in check_text(HEAD + calm, rules).findings if f.severity == "error"] == []


def test_a_figure_copied_many_times_lists_a_bounded_sample_of_its_copies(rules):
    # 30 copies of 100 and 30 of 90: every copy of the smaller cluster is questioned, but each finding lists
    # at most 10 copies of each value and 20 other figures, and says how many more there are.
    from budgetaudit.kinds.agree import SHOWN_OTHERS, SHOWN_PER_VALUE

    text = "".join(f"{k}.2026年基本支出{'404.68' if k % 2 else '314.09'}万元。\n" for k in range(1, 61))
    findings = [f for f in xrf(text, rules) if f.code == "XRF002"]
    assert len(findings) == 30
    for finding in findings:
        assert 1 < len(finding.locations) <= 1 + SHOWN_OTHERS
        assert "…+" in finding.message  # "21、23、…+20": the lines of the other value, shortened
    assert SHOWN_PER_VALUE < 30
