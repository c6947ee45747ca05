"""Ways real pages carry a disclosure: web tables copied as text, page chrome above the title.

Each way has a consistent document (no error or warning) and an inconsistent one (the slip found, at
the figure a reader would correct); tests/test_ways.py runs every pair of the three files. Names and figures are invented; the layouts are those of real
published pages.
"""

import pytest

from conftest import check_text, flagged

# A web page's table copied as text: cells between " | ", empty cells dropped, the row closed by a
# run of "|"; the two-level header's lower row printed alone under 比上年增、减情况.
WEB_TABLE = """青禾县2024年“三公”经费决算情况统计表 | ||||
单位:万元 | ||||
项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |
增、减金额 | 增、减幅度 | |||
合计 | 1830.40 | 1702.16 | -128.24 | {total_rate} |
1.因公出国(境)费 | ||||
2.公务接待费 | 612.05 | 590.12 | {reception_delta} | -3.58% |
3.公务用车购置及运行费 | 1218.35 | 1112.04 | -106.31 | -8.73% |
"""

# A web page's table copied cell by cell, one cell a line, nothing marking a row's end; a lone "|" is an
# empty cell, and the page spaces out its short headings.
CELL_TABLE = """一、2024年度一般公共预算财政拨款“三公”经费支出决算表
单位:万元
项 目 |
预 算 数 |
决 算 数 |
合 计 |
{total} |
8.40 |
因公出国(境)费 |
0 |
|
公务接待费 |
{reception_budget} |
5.60 |
公务用车购置及运行维护费 |
3.10 |
2.80 |
二、2024年度一般公共预算财政拨款“三公”经费支出情况说明
公务接待费支出5.60万元，与2024年度预算相比无增减。
"""

# The same, a merged two-level header over one row of figures: a line of rules alone ends each of the
# page's rows, and the headers name the items.
MERGED_CELL_TABLE = """一、2024年一般公共预算“三公”经费支出预算表
单位:万元
“三公”经费合计 |
因公出国(境)费 |
公务用车购置及运行费 |
公务接待费 |
||
小计 |
公务用车购置费 |
公务用车运行费 |
|||
86 |
0 |
80 |
{purchase} |
{running} |
6 |
二、2024年一般公共预算“三公”经费支出预算情况说明
2024年“三公”经费支出预算为86万元。其中公务用车购置及运行费支出预算为80万元，其中：公务用车运行费55万元，公务用车购置费25万元。
"""

# A web table whose title wraps over two lines and whose short headings are spaced out, beside a sentence
# that prints the same fall's rate again.
SPACED_WEB_TABLE = """2024年度一般公共预算财政拨款“三公”经费支出决算数比2023年减少18.17万元，下降{rate}。
2024年青禾县某局“三公”经费
决算数对比情况表
单位:万元 | |||||
项 目 | 上年 决算数 | 本年 决算数 | 较上年增减情况 | ||
增、减额 | 增、减幅度 | ||||
合 计 | 31.66 | 13.49 | -18.17 | -57.39% | |
1、因公出国(境)费 | 0 | 0 | 0 | 0 | |
2、公务接待费 | 9.10 | 1.50 | -7.6 | -83.52% | |
3、公务用车费 | 22.56 | 11.99 | -10.57 | -46.85% | |
"""

# A page whose title was cut off (its year unknown): 其中： a sentence of its own after a dated total, then numbered parts.
NUMBERED_UNDATED = (
    "二、收支预算总体情况\n2017年收入总预算501.98万元,同比减少17.05万元。其中:\n"
    "1、一般公共财政预算拨款{grant}万元,同比减少25.35万元。\n2、上年结余收入8.3万元,同比增加8.3万元。\n"
)

# A self-evaluation form that PDF conversion flattened into one line.
FLAT_FORM = (
    "附件: 项目支出绩效自评表 (2024年度) 项目名称 档案数字化项目 主管部门 某某县档案馆 项目资金 (万元) 年初预算数 "
    "全年预算数 全年执行数 分值 执行率 得分 年度资金总额: {total} 其中:本年财政拨款 45 44.5 44.5 上年结转资金 其他资金 "
    "年度总体目标 完成馆藏档案数字化。\n"
)

PAGES = {
    "a self-evaluation flattened into one line": (
        FLAT_FORM.format(total="45 44.5 44.5 10 100% 10"),
        FLAT_FORM.format(total="0 0 0 10 0 0"),
        ("EVA012", "0"),
    ),
    "其中： alone, then numbered parts of a dated total": (
        NUMBERED_UNDATED.format(grant="493.68"),
        NUMBERED_UNDATED.format(grant="507.37"),
        ("TOT002", "501.98万元"),
    ),
    "a fall's rate printed in a sentence and in a spaced-out table": (
        SPACED_WEB_TABLE.format(rate="57.39%"),
        SPACED_WEB_TABLE.format(rate="57.41%"),
        ("XRF001", "57.41%"),
    ),
    # Two prints of one rate at one precision are the same digits: 57.40% and 57.39% touch only at 57.395.
    "a fall's rate printed one digit off its table's": (
        SPACED_WEB_TABLE.format(rate="57.39%"),
        SPACED_WEB_TABLE.format(rate="57.40%"),
        ("XRF001", "57.40%"),
    ),
    "a merged header copied cell by cell, its rows ended by rules": (
        MERGED_CELL_TABLE.format(purchase="25", running="55"),
        MERGED_CELL_TABLE.format(purchase="55", running="25"),
        ("XRF002", "55万元"),
    ),
    "a table copied cell by cell, against a sentence's 无增减": (
        CELL_TABLE.format(total="8.70", reception_budget="5.60"),
        CELL_TABLE.format(total="10.30", reception_budget="7.20"),
        ("PCT006", "无增减"),
    ),
    "a table copied cell by cell, its 合计": (
        CELL_TABLE.format(total="8.70", reception_budget="5.60"),
        CELL_TABLE.format(total="7.80", reception_budget="5.60"),
        ("TOT012", "7.80"),
    ),
    "a web table's change and rate columns": (
        WEB_TABLE.format(total_rate="-7.01%", reception_delta="-21.93"),
        WEB_TABLE.format(total_rate="-7.01%", reception_delta="-12.93"),
        ("XRF003", "-12.93"),
    ),
    "a web table's rate column on the current year": (
        WEB_TABLE.format(total_rate="-7.01%", reception_delta="-21.93"),
        WEB_TABLE.format(total_rate="-7.53%", reception_delta="-21.93"),
        ("PCT002", "-7.53%"),
    ),
    # A page cut above its title: the first lines are sentences, and 一般公共预算 there names a fund, not a
    # 预算; a text that compares with 年初预算 is a 决算, whose 年初预算为x is the budget, never a copy of 支出.
    "no title, sentences naming a fund at the top": (
        "二、“三公”经费支出与年初预算对比情况。\n本部门一般公共预算财政拨款安排的“三公”经费支出3.10万元，年初预算为"
        "4.20万元。其中：公务用车运行维护费支出0万元，年初预算为1.10万元；公务接待费支出3.10万元，较上年2.60万元增加0.50万元，"
        "增长19.23%。",
        "二、“三公”经费支出与年初预算对比情况。\n本部门一般公共预算财政拨款安排的“三公”经费支出3.10万元，年初预算为"
        "4.20万元。其中：公务用车运行维护费支出0万元，年初预算为1.10万元；公务接待费支出3.10万元，较上年2.60万元增加0.50万元，"
        "增长16.13%。",
        ("PCT002", "16.13%"),
    ),
    # Only one cell of rules above the text (a dropped table) opens no table: the text is read.
    "a line of rules alone above the text": (
        "|\n2024年度“三公”经费支出决算为58.20万元，比上年减少6.30万元，下降9.77%。",
        "|\n2024年度“三公”经费支出决算为58.20万元，比上年减少6.30万元，下降10.83%。",
        ("PCT002", "10.83%"),
    ),
    # 4. The year's spending of all funds equal to its 一般公共预算 spending: 项目支出 stated of that scope is the
    # department's, so 基本支出's and 项目支出's changes add up to the total's.
    "spending all of one fund, its parts' changes in sections of their own": (
        "青禾县某局2025年部门预算公开说明\n一、支出预算。2025年支出预算2213.63万元，比2024年预算减少345.91万元。\n"
        "二、一般公共预算情况\n2025年一般公共预算支出2213.63万元。(一)基本支出。2025年基本支出1736.92万元，比2024年预算增加"
        "154万元。(二)项目支出。2025年一般公共预算拨款项目支出预算476.71万元，比2024年预算减少499.91万元。",
        "青禾县某局2025年部门预算公开说明\n一、支出预算。2025年支出预算2213.63万元，比2024年预算减少445.91万元。\n"
        "二、一般公共预算情况\n2025年一般公共预算支出2213.63万元。(一)基本支出。2025年基本支出1736.92万元，比2024年预算增加"
        "154万元。(二)项目支出。2025年一般公共预算拨款项目支出预算476.71万元，比2024年预算减少499.91万元。",
        ("TOT003", "445.91万元"),
    ),
    # 5. Uses listed as items ((一)用于A x万元，占总数的r%): statements, not reasons; the shares of the items add to 100%.
    "uses listed as items, each with its share": (
        "四、本级公益金使用情况\n(一)用于群众体育支出290万元,占总数的4.02%。其中:用于资助群众体育组织110万元;用于开展全民健身"
        "活动150万元;用于资助体育后备人才培养20万元。\n(二)用于竞技体育支出6522.98万元,占总数的90.51%。\n"
        "(三)其他支出393.62万元,占总数的5.46%。\n",
        "四、本级公益金使用情况\n(一)用于群众体育支出290万元,占总数的4.04%。其中:用于资助群众体育组织110万元;用于开展全民健身"
        "活动150万元;用于资助体育后备人才培养20万元。\n(二)用于竞技体育支出6522.98万元,占总数的90.50%。\n"
        "(三)其他支出393.62万元,占总数的5.46%。\n",
        ("PCT001", "4.04%"),
    ),
    # 11. A sentence right after a table, with no heading between: prose again, not a row of the table.
    "a sentence right after a table": (
        "2024年度部门决算公开说明\n| 项目 | 决算数 |\n|---|---|\n| 合计 | 120.50 |\n\n"
        "2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.40%。\n",
        "2024年度部门决算公开说明\n| 项目 | 决算数 |\n|---|---|\n| 合计 | 120.50 |\n\n"
        "2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.84%。\n",
        ("PCT002", "6.84%"),
    ),
    # 11. The title printed again above the body, one of the two left with last year's year.
    "a title printed again with last year's year": (
        "信息公开\n青禾州本级2024年度“三公”经费决算支出情况说明\n发布时间:2025-09-10\n\n"
        "青禾州本级2024年度“三公”经费决算支出情况说明\n2024年度“三公”经费支出决算为58.20万元，比上年减少6.30万元。",
        "信息公开\n青禾州本级2024年度“三公”经费决算支出情况说明\n发布时间:2025-09-10\n\n"
        "青禾州本级2023年度“三公”经费决支出情况说明\n2024年度“三公”经费支出决算为58.20万元，比上年减少6.30万元。",
        ("XRF006", "2023"),
    ),
    # 11. The 部门决算 template's scope sentence keeps the year of the file it was made from.
    "the scope sentence with last year's year": (
        "青禾县中心卫生院2024年度部门决算\n一、部门基本情况\n纳入青禾县中心卫生院2024年度部门决算编制范围的二级预算单位包括:无。\n"
        "二、收入支出决算总体情况\n2024年度收入总计820.50万元，支出总计820.50万元。",
        "青禾县中心卫生院2024年度部门决算\n一、部门基本情况\n纳入青禾县中心卫生院2023年度部门决算编制范围的二级预算单位包括:无。\n"
        "二、收入支出决算总体情况\n2024年度收入总计820.50万元，支出总计820.50万元。",
        ("XRF006", "2023"),
    ),
    # A web page's 说明 cell: sentences in one cell, a rule closing it.
    "sentences in one cell of a page's table": (
        "增减情况说明:2024年度“三公”经费预算数为419.6万元,较2023年472.9万元减少53.3万元,同比下降11.27%。"
        "其中公务接待费预算数为274.7万元。 |",
        "增减情况说明:2024年度“三公”经费预算数为419.6万元,较2023年472.9万元减少53.3万元,同比下降12.70%。"
        "其中公务接待费预算数为274.7万元。 |",
        ("PCT002", "12.70%"),
    ),
    # Taiwanese budgets group digits by ten thousands (2035,4816,000元) and name a rate 減少比率為: one figure each,
    # and the rate is the change's.
    "digits grouped by ten thousands": (
        "一、總預算案。東林縣112年度歲入預算數2035,4816,000元，較上年度預算數2101,2930,000元，減少65,8114,000元，"
        "減少比率為3.13%。非營業基金收入合計214,3765,000元，支出合計218,4102,000元，短絀為4,0337,000元。",
        "一、總預算案。東林縣112年度歲入預算數2035,4816,000元，較上年度預算數2101,2930,000元，減少65,8114,000元，"
        "減少比率為3.31%。非營業基金收入合計214,3765,000元，支出合計218,4102,000元，短絀為4,0337,000元。",
        ("PCT002", "3.31%"),
    ),
    # Taiwanese years (113年度 is 2024) and amounts in 兆 and 億 (2兆8,818億元 is 28,818億元): the base year is read,
    # and the amount is one figure.
    "Taiwanese years and amounts in 兆": (
        "一、總預算案。東林縣113年度總預算歲出編列2兆8,818億元，較112年度之2兆6,891億元，增加1,927億元，約增7.17%。",
        "一、總預算案。東林縣113年度總預算歲出編列2兆8,818億元，較112年度之2兆6,891億元，增加1,927億元，約增7.71%。",
        ("PCT002", "7.71%"),
    ),
    # In a 决算, a heading naming the budget as passed (年初预算草案) measures the figures under it: they are no copies
    # of the outturn's under 决算情况.
    "sections naming the budget as passed": (
        "某镇人民政府关于2023年财政决算的报告\n1. 镇人大批准的年初预算草案。\n(1)收入总计5000万元。其中：本级收入800万元，"
        "上级补助收入4200万元。\n2. 决算情况。\n(1)收入总计6100万元，完成年初预算的122%。其中：本级收入900万元，"
        "上级补助收入5200万元。",
        "某镇人民政府关于2023年财政决算的报告\n1. 镇人大批准的年初预算草案。\n(1)收入总计5000万元。其中：本级收入800万元，"
        "上级补助收入4200万元。\n2. 决算情况。\n(1)收入总计6100万元，完成年初预算的122%。其中：本级收入900万元，"
        "上级补助收入5300万元。",
        ("TOT002", "6100万元"),
    ),
    # 万亿元 is a unit of its own (1.59万亿元), not 万 before 亿元.
    "amounts in 万亿元": (
        "一、收入情况。全国一般公共预算收入1.59万亿元，比上年增长3.2%，其中税收收入1.35万亿元，非税收入2400亿元。",
        "一、收入情况。全国一般公共预算收入1.59万亿元，比上年增长3.2%，其中税收收入1.45万亿元，非税收入2400亿元。",
        ("TOT002", "1.59万亿元"),
    ),
}



def test_a_change_column_is_never_an_amount_of_its_item(rules):
    """-128.24 under 增、减金额 is no figure of 合计 in any year: nothing compares it with 1830.40."""
    report = check_text(WEB_TABLE.format(total_rate="-7.01%", reception_delta="-21.93"), rules)
    assert report.checked >= 6
    assert not [f for f in report.findings if f.code.startswith("XRF00") and f.severity != "info"]


def test_a_forms_row_and_column_numbers_are_no_amounts(rules):
    """行次 1, 2 … and a 栏次 row beside the amounts of a 收入支出决算总表 copied from a page."""
    text = """青禾县人民医院2024年度部门决算
收入 | 支出 | ||||
项目 | 行次 | 金额 | 项目 | 行次 | 金额 |
栏次 | 1 | 栏次 | 2 | ||
一、财政拨款收入 | 1 | 625.58 | 一、一般公共服务支出 | 28 | |
二、上级补助收入 | 2 | 二、外交支出 | 29 | ||
三、事业收入 | 3 | 34221.23 | 三、卫生健康支出 | 30 | 36341.62 |
"""
    assert flagged(text, rules, head="") == []


@pytest.mark.parametrize("chrome", ["|", "网站支持IPv6", "首页 > 信息公开 > 部门预决算"])
def test_page_chrome_above_the_title_names_no_one(chrome, rules):
    """A line of rules, a site's banner or a table's header is not the disclosing body: the figures of
    the body the text names are read, not dropped as another body's."""
    text = f"{chrome}\n2024年,青禾县卫生健康局“三公”经费财政拨款预算532.23万元,比上年减少35.79万元,减少7.30%。"
    report = check_text(text, rules)
    assert report.entity in ("", None)
    assert ("PCT002", "7.30%") in flagged(text, rules, head="")


def test_traditional_characters_beyond_budget_words_fold(rules):
    """欄次 and 彌補 fold like 預算: the page's script never hides a word the reader knows."""
    from budgetaudit.source import normalise

    assert normalise("欄次 彌補 觀測 黨組") == "栏次 弥补 观测 党组"
    assert normalise("乾隆 著名") == "乾隆 著名"  # characters simplified text uses are left alone


def test_cells_copied_one_a_line_are_read_only_where_counting_reads_them_one_way(rules):
    """A two-level header (the 小计 row under a merged cell) with nothing marking the rows makes the count of
    columns unsure: no table, no finding from it; the same cells with a one-level header are a table of three
    columns, and with the page's rows marked by rules, a table whose header spans are worked out."""
    from budgetaudit import engine
    from budgetaudit.source import Source

    two_level = "单位:万元\n合计 |\n因公出国(境)费 |\n公务用车购置及运行费 |\n小计 |\n购置费 |\n运行费 |\n" \
                "79 |\n0 |\n75 |\n50 |\n25 |\n"
    assert engine.read_document(Source("t.txt", two_level)).tables == []
    (merged,) = engine.read_document(Source("t.txt", MERGED_CELL_TABLE.format(purchase="25", running="55"))).tables
    assert [c.path for c in merged.columns][2:5] == [("公务用车购置及运行费", "小计"), ("公务用车购置及运行费", "公务用车购置费"),
                                                   ("公务用车购置及运行费", "公务用车运行费")]
    one_level = CELL_TABLE.format(total="8.70", reception_budget="5.60")
    (table,) = engine.read_document(Source("t.txt", one_level)).tables
    assert [[c.text for c in row.cells] for row in table.rows][:2] == [["合计", "8.70", "8.40"], ["因公出国(境)费", "0", ""]]


def test_a_section_named_through_inserted_pinyin_is_found(rules):
    """單位運行經(jīng)費: the section is there; CMP001 names only what the text lacks."""
    from budgetaudit.source import Source
    from budgetaudit import engine

    head = "湖北省某某中學2025年部門預算公開說明\n一、收支預算總體情況\n收入預算總計100萬元。\n"
    sections = "二、“三公”經費\n三、政府採購\n四、國有資產\n五、績效目標\n六、名詞解釋\n"
    for named, lacking in (("七、單位運行經(jīng)費安排情況\n", False), ("七、其他事項\n", True)):
        report = engine.check_document(engine.read_document(Source("t.txt", head + sections + named)), rules)
        missing = [f for f in report.findings if f.code == "CMP001" and "运行经费" in f.message]
        assert bool(missing) == lacking


@pytest.mark.parametrize("text, kind", [
    ("青禾学区2024年部门预算公开说明\n按照《预算法》和《地方预决算公开操作规程》等有关规定，现将预算公开如下：\n", "budget"),
    ("青禾学区2024年部门决算公开说明\n按照《预算法》和《地方预决算公开操作规程》等有关规定，现将决算公开如下：\n", "final_account"),
    ("一、“三公”经费支出总体情况说明。\n2024年度本部门一般公共预算财政拨款安排的“三公”经费支出2.05万元，年初预算为2.95万元。\n",
     "final_account"),
    ("7\n19816.81元，项目支出0元。\n(二)按支出结构分类，分为基本支出预算和项目支出预算。\n", "budget"),
])
def test_the_kind_is_read_from_titles_not_from_the_names_of_funds_or_rules(text, kind):
    from budgetaudit import engine
    from budgetaudit.source import Source

    assert engine.read_document(Source("t.txt", text)).kind == kind


def test_a_part_of_the_year_in_a_column_is_no_copy_of_the_year(rules):
    """当期执行数 beside 累计执行数: the quarter's figure and the year-to-date figure of one row are two figures."""
    text = ("2024年工伤保险基金预算执行情况表\n单位:元 | |||\n项 目 | 2024年预算数 | 当期执行数 | 累计执行数 | |\n"
            "一、收入合计 | 733,781,967.72 | 206,135,874.33 | 378,574,361.33 | |\n"
            "二、支出合计 | 650,000,000.00 | 215,418,214.12 | 441,617,250.49 | |\n")
    assert not [f for f in check_text(text, rules).findings if f.code == "XRF002"]


def test_a_cell_copied_with_pinyin_and_spaces_reads_as_its_heading():
    """預(yù) 算 數(shù): the pinyin a page inserts and the spaces it puts between characters are no part of the heading."""
    from budgetaudit import engine
    from budgetaudit.source import Source

    text = CELL_TABLE.format(total="8.70", reception_budget="5.60").replace("预 算 数 |", "預(yù) 算 數(shù) |")
    (table,) = engine.read_document(Source("t.txt", text)).tables
    assert [c.path for c in table.columns][1] == ("预算数",)


def test_a_title_of_another_year_after_the_body_is_a_link(rules):
    """Below the first amount, the same title with last year's year is a link to last year's file."""
    text = ("青禾州本级2024年度“三公”经费决算支出情况说明\n2024年度“三公”经费支出决算为58.20万元，比上年减少6.30万元。\n"
            "相关文件\n青禾州本级2023年度“三公”经费决算支出情况说明\n")
    assert flagged(text, rules, head="") == []
    moved = text.replace("相关文件\n青禾州本级2023年度“三公”经费决算支出情况说明\n", "").replace(
        "说明\n2024", "说明\n青禾州本级2023年度“三公”经费决算支出情况说明\n2024", 1)
    assert flagged(moved, rules, head="") == [("XRF006", "2023")]



def test_spending_of_two_funds_is_not_one_money(rules):
    """Where the 一般公共预算 spending is less than all the year's spending, its 项目支出 is not the department's:
    no sum of changes is formed across the two scopes."""
    consistent, inconsistent, _ = PAGES["spending all of one fund, its parts' changes in sections of their own"]
    narrower = inconsistent.replace("2025年一般公共预算支出2213.63万元", "2025年一般公共预算支出2113.63万元")
    assert [f for f in flagged(narrower, rules, head="") if f[0] == "TOT003"] == []
