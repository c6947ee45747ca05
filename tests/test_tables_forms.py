"""Forms kept as printed: wrapped cells joined into the cell they complete, indicator rows that leave
out the empty 绩效指标 cell placed under the header, and everything uncertain left as printed."""

from __future__ import annotations

import pytest

from budgetaudit.source import Source
from budgetaudit.tables import read_tables

T = "\t"


def form(lines: list[str], title: str = "一般性项目绩效自评表"):
    text = "\n".join([title, ""] + lines) + "\n"
    built = read_tables(Source("form.txt", text))
    assert len(built) == 1
    return built[0].table


def tab(*cells: str) -> str:
    return T.join(cells)


HEADER = tab("绩效指标", "指标名称", "计量单位", "指标性质", "年初指标值", "全年完成值", "指标权重", "指标得分", "说明")
FIRST = tab("项目名称", "某项目", "自评总分", "100", "", "", "", "", "")


def texts(row) -> list[str]:
    return [c.text for c in row.printed if c.text]


def test_wrapped_name_after_a_blank_line_joins_the_cell_above():
    table = form([FIRST, HEADER, tab("", "当年", "%", "≥", "100", "100", "30", "30", ""), "", tab("", "任务完成率", "", "", "", "", "", "", "")])
    assert len(table.rows) == 3
    assert texts(table.rows[2])[0] == "当年任务完成率"


def test_a_row_of_its_own_without_a_blank_line_stays_a_row():
    # 区级资金 under 其中：上级资金: a row, not the end of a wrapped cell
    table = form([FIRST, HEADER, tab("", "其中：上级资金", "", "", "", "", "", "", ""), tab("", "区级资金", "", "", "", "", "", "", "")])
    assert len(table.rows) == 4


def test_a_cell_ending_in_a_colon_takes_the_next_word():
    table = form([FIRST, HEADER, tab("", "其中：", "", "", "", "", "", "", ""), tab("", "上级资金", "", "", "", "", "", "", "")])
    assert len(table.rows) == 3
    assert texts(table.rows[2]) == ["其中:上级资金"]  # full-width forms are folded


def test_a_row_with_figures_is_never_a_continuation():
    table = form([FIRST, HEADER, tab("", "当年", "%", "≥", "100", "100", "30", "30", ""), "", tab("", "完成率", "%", "≥", "90", "95", "10", "10", "")])
    assert len(table.rows) == 4


def test_header_fragments_join_the_one_cell_each_completes():
    header = tab("绩效指标", "指标名称", "计量单位", "指标性质", "年初指标", "全年完成值", "指标权重", "指标得分(分)", "说明")
    table = form([FIRST, header, "", tab("", "", "", "", "值", "", "(分)", "", "")])
    assert len(table.rows) == 2
    assert texts(table.rows[1])[4] == "年初指标值"
    assert texts(table.rows[1])[6] == "指标权重(分)"


def test_header_fragments_with_two_possible_cells_stay_a_row():
    # one 值 next to both 年初指标 and 调整指标: which one it completes is not certain
    header = tab("绩效指标", "指标名称", "指标性质", "年初指标", "调整指标", "指标权重")
    table = form([FIRST, header, "", tab("", "", "", "值", "", "")])
    assert len(table.rows) == 3
    # (分) next to both 指标权重 and 指标得分
    header = tab("绩效指标", "指标名称", "指标性质", "指标权重", "指标得分")
    table = form([FIRST, header, "", tab("", "", "", "(分)", "")])
    assert len(table.rows) == 3


def test_p_fragments_continue_the_text_cells_above_in_order():
    goals = tab("", "目标甲的前半", "", "目标乙的前半", "", "", "", "", "")
    table = form([FIRST, tab("当年绩效目标", "年初绩效目标", "", "全年目标", "", "", "", "", ""), goals, "", tab("<p>甲的后半</p>", "<p>乙的后半</p>"), HEADER])
    assert len(table.rows) == 4
    assert texts(table.rows[2]) == ["目标甲的前半甲的后半", "目标乙的前半乙的后半"]


def test_p_fragments_that_do_not_match_the_cells_above_stay_a_row():
    goals = tab("", "目标甲的前半", "", "目标乙的前半", "", "", "", "", "")
    table = form([FIRST, tab("当年绩效目标", "年初绩效目标", "", "全年目标", "", "", "", "", ""), goals, "", tab("<p>只有一段</p>", ""), HEADER])
    assert len(table.rows) == 5


def test_indicator_row_without_the_empty_group_cell_is_shifted_under_the_header():
    table = form([FIRST, HEADER, tab("年稳定运行", "天", "\\geq", "360", "365", "20", "20", "")])
    row = table.rows[2]
    assert [(k, c.text) for k, c in enumerate(row.cells) if c.state == "figure"] == [(4, "360"), (5, "365"), (6, "20"), (7, "20")]


def test_a_row_whose_operator_is_not_under_the_nature_column_by_a_group_shift_stays_as_printed():
    # the operator would need the name under 绩效指标: no shift of the group column explains it
    table = form([FIRST, HEADER, tab("", "", "年稳定运行", "天", "≥", "360", "365", "20", "20")])
    row = table.rows[2]
    assert [c.text for c in row.cells[:9]] == ["", "", "年稳定运行", "天", "≥", "360", "365", "20", "20"]


def test_phone_number_is_not_a_figure():
    table = form([tab("主管部门", "某局", "联系电话", "58589828"), HEADER, tab("", "当年", "%", "≥", "100", "100", "30", "30", "")])
    assert [c.state for c in table.rows[0].printed][-1] == "text"
    assert table.rows[2].cells[4].state == "figure"


def pipe_form(rows: list[list[str]]) -> list[str]:
    lines = []
    for row in rows:
        lines.append("|")
        lines.extend(f"{cell} |" for cell in row)
    return lines


def test_pipe_lines_row_anchored_by_its_operator_is_placed_and_an_unanchored_one_stays_uncertain():
    lines = pipe_form([
        ["部门名称", "某局", "部门支出预算数", "100.00"],
        ["绩效指标", "指标名称", "指标权重", "计量单位", "指标性质", "指标值"],
        ["接入层设备服务", "20", "万元", "≤", "75"],
        ["数字化水平持续提升", "10", "定性", "长期", "长期"],
    ])
    table = form(lines, title="整体绩效目标表")
    anchored, loose = table.rows[2], table.rows[3]
    assert [(k, c.text) for k, c in enumerate(anchored.cells) if c.state == "figure"] == [(2, "20"), (5, "75")]
    ten = next(c for c in loose.printed if c.text == "10")
    assert ten.state == "uncertain" and set(ten.candidates) == {1, 2}
    assert not any(c.state == "figure" for c in loose.cells)


@pytest.mark.parametrize("text, key", [
    ("联系电话", True), ("联 系 电 话", True), ("电话：", True), ("手机号码", True), ("联系方式:", True),
    ("固定 电话", True), ("项目名称", False), ("机关运行经费", False), ("电话费", False), ("", False),
])
def test_a_phone_key_is_known_spaced_out_or_not(text, key):
    from budgetaudit.tables.build import _is_phone_key

    assert _is_phone_key(text) is key
