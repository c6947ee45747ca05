"""Performance-evaluation tables read in each layout, consistent and with planted mistakes (EVA rules)."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetaudit import engine, source

from conftest import check_text, seed

HEAD = "2024年度部门决算\n五、预算绩效管理情况说明\n项目支出绩效自评表\n"
HEADER_INFO = ["项目名称", "数据平台运行经费", "自评总分(分)", "{total}"]
EXEC_HEAD = ["项目资金(万元)", "年度总金额", "年初预算数", "全年(调整)预算数", "全年执行数", "执行率(%)", "执行率权重", "执行率得分(分)"]
EXEC_ROW = ["", "", "50.00", "60.00", "54.00", "{rate}", "10", "9"]
IND_HEAD = ["绩效指标", "指标名称", "计量单位", "指标性质", "指标值", "全年完成值", "偏离度(%)", "指标权重", "指标得分", "说明"]
IND_ROWS = [
    ["", "培训人数", "人次", "{op}", "400", "420", "5", "40", "40", ""],
    ["", "用户满意度", "%", "{op}", "90", "{done}", "5.56", "50", "{score}", ""],
]


def rows(total="99.00", rate="90", op="≥", done="95", score="50"):
    values = {"total": total, "rate": rate, "op": op, "done": done, "score": score}
    table = [HEADER_INFO, EXEC_HEAD, EXEC_ROW, IND_HEAD, *IND_ROWS]
    return [[c.format(**values) for c in r] for r in table]


def tab_cells(table):
    """Each cell on a line of its own, led by a tab; a blank line ends a row (seed 000/002)."""
    return HEAD + "\n".join("\n".join("\t" + c for c in r) + "\n" for r in table)


def tab_rows(table):
    return HEAD + "".join("\t".join(r) + "\n" for r in table)


def pipe_lines(table):
    """Cell-per-line ` |` layout (seed 003): blank cells are not printed."""
    out = HEAD
    for r in table:
        out += "|\n" + "".join(f"{c} |\n" for c in r if c)
    return out


LAYOUTS = [tab_cells, tab_rows, pipe_lines]


def codes(text, rules, severities=("error", "warning")):
    report = check_text(text, rules)
    return sorted({f.code for f in report.findings if f.code.startswith("EVA") and f.severity in severities}), report


def read(text):
    return engine.read_document(source.Source("t.txt", text)).evaluations


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_consistent_table_reads_and_passes(layout, rules):
    text = layout(rows())
    (ev,) = read(text)
    assert ev.project == "数据平台运行经费"
    assert [i.name for i in ev.indicators] == ["培训人数", "用户满意度"]
    found, report = codes(text, rules)
    if layout is pipe_lines:
        # blank cells dropped: the execution row (two blank cells) cannot be placed with certainty
        assert ev.doubtful("execution") is not None
        assert any(u.code == "EVA004" for u in report.unchecked)
    else:
        assert ev.execution.rate.text == "90" and ev.execution.weight.text == "10"
    assert found == []


@pytest.mark.parametrize("layout", [tab_cells, tab_rows], ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "change, code",
    [
        ({"total": "100.00"}, "EVA002"),
        ({"rate": "95"}, "EVA004"),
        ({"score": "60", "total": "109.00"}, "EVA003"),
        ({"done": "85"}, "EVA007"),
    ],
)
def test_planted_mistakes(layout, change, code, rules):
    found, _ = codes(layout(rows(**change)), rules)
    assert code in found


def test_latex_operators_in_tab_rows(rules):
    table = rows(op="\\geq", done="85")
    found, _ = codes(tab_rows(table), rules)
    assert "EVA007" in found
    (ev,) = read(tab_rows(table))
    assert {i.nature for i in ev.indicators} == {"≥"}


def test_shifted_rows_are_placed_only_when_one_shift_fits(rules):
    table = rows()
    table[4] = table[4][1:]  # the leading blank cell not printed: every cell one to the left
    (ev,) = read(tab_rows(table))
    assert ev.indicators[0].weight.text == "40"
    table[2] = ["", "", "", "", "50.00", "60.00", "54.00", "90", "10", "9", "9"]  # one cell too many
    (ev,) = read(tab_rows(table))
    assert ev.doubtful("execution") is not None
    found, report = codes(tab_rows(table), rules)
    assert "EVA004" not in found and any(u.code == "EVA004" for u in report.unchecked)


def test_execution_reported_beside_the_score_is_not_flagged(rules):
    table = rows(total="90.00")
    table[2] = ["", "", "50.00", "60.00", "60.00", "100", "100", "100"]
    table[4][7:9] = ["50", "50"]
    table[5][7:9] = ["50", "50"]
    table[0][3] = "100"
    found, _ = codes(tab_rows(table), rules)
    assert found == []


FORM_HEAD = ["序号", "项目名称", "指标名称", "指标性质", "指标值", "计量单位", "指标权重", "全年完成值", "指标得分", "说明", "自评得分"]


def test_several_projects_in_one_table_with_a_merged_total(rules):
    head = FORM_HEAD
    body = [
        ["1", "甲项目", "年度预算执行率", "=", "100", "%", "10", "100", "10", "", ""],
        ["", "", "服务天数", "≥", "360", "天", "90", "365", "90", "", "100"],
        ["2", "乙项目", "年度预算执行率", "=", "100", "%", "10", "98", "9.8", "", "99.8"],
        ["", "", "用户满意度", "≥", "95", "%", "90", "95", "95", "", ""],
    ]
    text = tab_cells([head, *body])
    evs = read(text)
    assert [e.project for e in evs] == ["甲项目", "乙项目"]
    assert evs[0].total.text == "100"
    found, report = codes(text, rules)
    bad = [f for root in report.findings for f in root.failed() if f.code == "EVA003"]
    assert [f.locations[0].span.text for f in bad] == ["95"]


def test_target_form_checks_description():
    from budgetaudit.ruleset import load_rules

    rules = load_rules()
    text = (
        "2026年部门预算\n附件12 2026年区级预算绩效目标申报表\n|\n项目名称 |\n乙项目 |\n|\n资金总额(万元) |\n100 |\n|\n项目概况 |\n"
        "一是运维团队5人*1000*12=60000元;二是设备服务,经费预算94万元;三是20个服务点位。 |\n|\n一级指标 |\n二级指标 |\n三级指标 |\n指标值 |\n"
        "|\n产出指标 |\n成本指标 |\n指标1:设备服务 |\n≤90万元 |\n|\n数量指标 |\n指标1:服务点位 |\n≥25个 |\n"
    )
    found, report = codes(text, rules)
    assert "EVA008" in found  # cost cap 90 below the 94 funded
    assert "EVA009" in found  # 25 points wanted, 20 funded


def test_seed_000_weights_and_scores(rules):
    report = engine.check_document(engine.read_document(source.load(str(seed("000")))), rules)
    eva = [(f.code, f.stated) for root in report.findings for f in root.failed() if f.code.startswith("EVA")]
    assert ("EVA001", "110分") in eva
    assert ("EVA002", "99.8") in eva
    assert ("EVA003", "20") in eva


def test_seed_001_weight_of_115(rules):
    report = engine.check_document(engine.read_document(source.load(str(seed("001")))), rules)
    weights = [f for f in report.findings if f.code == "EVA001"]
    assert len(weights) == 1 and weights[0].stated == "190分"
    assert "115" in [loc.span.text for loc in weights[0].locations]


def test_seed_002_self_evaluation_is_consistent(rules):
    report = engine.check_document(engine.read_document(source.load(str(seed("002")))), rules)
    assert not [f for f in report.findings if f.code.startswith("EVA") and f.severity in ("error", "warning")]
    assert report.checked > 0


def test_seed_003_targets_against_descriptions(rules):
    report = engine.check_document(engine.read_document(source.load(str(seed("003")))), rules)
    found = {(f.code, f.stated) for f in report.findings if f.code.startswith("EVA")}
    assert ("EVA008", "75万元") in found
    assert ("EVA009", "≥50个") in found


def _eva002(text, rules):
    report = check_text(text, rules)
    return [f for f in report.findings if f.code == "EVA002"]


def test_a_total_is_never_corrected_above_the_maximum(rules):
    """Scores adding up to 109 beside a total of 99: the score 10 above its own weight is blamed, not the total."""
    (finding,) = _eva002(tab_rows(rows(score="60")), rules)
    assert (finding.stated, finding.expected) == ("60", "50")
    assert "109" in finding.message and "应为109" not in finding.message
    assert [loc.span.text for loc in finding.locations] == ["60", "50", "99.00"]


def test_scores_past_the_maximum_with_no_score_to_blame_list_the_candidates(rules):
    """Weights past 100 (EVA001) and scores past 100 beside a total of 99: no one score is above its weight by
    the excess, so the finding stays at the total, with no corrected value, and names the scores that could
    give it up."""
    table = rows()
    table[4] = ["", "培训人数", "人次", "≥", "400", "420", "5", "60", "59", ""]
    (finding,) = _eva002(tab_rows(table), rules)
    assert (finding.stated, finding.expected) == ("99.00", "")
    assert "培训人数、用户满意度" in finding.message


def test_a_total_within_the_maximum_is_still_corrected_as_before(rules):
    (finding,) = _eva002(tab_rows(rows(total="89.00")), rules)
    assert finding.stated == "89.00" and "99" in finding.expected


def test_weights_and_scores_over_by_one_amount_are_one_finding(rules):
    head = FORM_HEAD
    body = [
        ["1", "丙项目", "年度预算执行率", "=", "100", "%", "10", "98", "9.8", "", "89.8"],
        ["", "", "服务天数", "≥", "360", "天", "40", "365", "40", "", ""],
        ["", "", "用户满意度", "≥", "95", "%", "60", "96", "50", "", ""],
    ]
    # Weights 110, scores 99.8 beside a total of 89.8: one indicator's weight and score both 10 too high.
    _, report = codes(tab_cells([head, *body]), rules)
    (weights,) = [f for f in report.findings if f.code.startswith("EVA")]
    assert weights.code == "EVA001" and [c.code for c in weights.consequences] == ["EVA002"]


@given(st.text(alphabet=st.sampled_from(list(",，;；。()（）:：、\n 台套项目完成")), max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_the_phrase_before_a_figure_is_what_a_search_for_its_run_finds(text: str, start: int, end: int) -> None:
    from budgetaudit.kinds.evaluation_text import _phrase_before

    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    found = re.compile(r"[^,，;；。()（）:：、]*$").search(text, start, end)
    assert _phrase_before(text, start, end) == (found.group(0) if found else "")
