"""Ways real disclosures bound their lists and date their sentences.

Each way has a consistent document (no error or warning) and an inconsistent one (the slip found, at
the figure a reader would correct); tests/test_ways.py runs every pair of the three files. Names and figures are invented; the sentence structures are those
of real published disclosures.
"""

import pytest

from conftest import check_text, flagged

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
    # A change after a completion rate is the amount's: 收入x，完成年度预算的r%，同比减收Δ，下降q%.
    "a change after a completion rate": (
        "一、收入情况。盖河县一般公共预算收入13.2亿元，完成年度预算的112.80%，同比减收8.4亿元，下降38.9%。",
        "一、收入情况。盖河县一般公共预算收入13.2亿元，完成年度预算的112.80%，同比减收8.4亿元，下降63.6%。",
        ("PCT002", "63.6%"),
    ),
    # The word of a change left out after its printed base: the rate's word says which way.
    "a change whose word is left out": (
        "三、“三公”经费。公务用车购置及运行维护费决算支出数为571.04万元，较2023年决算数441.63万元129.41万元，增长29.3%。",
        "三、“三公”经费。公务用车购置及运行维护费决算支出数为571.04万元，较2023年决算数441.63万元139.41万元，增长29.3%。",
        ("XRF003", "139.41万元"),
    ),
    # Parts in brackets printed after a comma: 其中A x，(中央资金…，省级资金…)，其他资金y.
    "a breakdown in brackets after a comma": (
        "一、资金情况。纳入统筹整合方案资金5304.36万元，其中：衔接补助资金3970.86万元，(中央资金1888.90万元，"
        "省级资金2081.96万元)，其他各类资金1333.50万元。",
        "一、资金情况。纳入统筹整合方案资金5304.36万元，其中：衔接补助资金3970.86万元，(中央资金1888.90万元，"
        "省级资金2081.96万元)，其他各类资金1833.50万元。",
        ("TOT002", "5304.36万元"),
    ),
    # A complete list in the text (其中基本支出…，项目支出…) under a total the dictionary does not know: the
    # changes of its parts add up to the total's change. A figure after 因为 is a reason's, no part.
    "the changes of a complete list": (
        "三、预算总体情况。2024年一般财政拨款收入支出预算1,779.74万元，比2023年增加198.09万元。其中基本支出预算249.78万元，"
        "比2023年增加29.73万元；项目支出预算1,529.96万元，比2023年增加168.36万元，主要是因为2023年含上级转移支付767万元。",
        "三、预算总体情况。2024年一般财政拨款收入支出预算1,779.74万元，比2023年增加198.76万元。其中基本支出预算249.78万元，"
        "比2023年增加29.73万元；项目支出预算1,529.96万元，比2023年增加168.36万元，主要是因为2023年含上级转移支付767万元。",
        ("TOT003", "198.76万元"),
    ),
    # 同比去年x增加Δ after a count: the printed base is of the last amount, not of the count.
    "a base printed after a count": (
        "三、“三公”经费。公务接待费用4万元，接待74批(次)813人，同比去年1.05万元增加2.95万元。",
        "三、“三公”经费。公务接待费用4万元，接待74批(次)813人，同比去年1.05万元增加3.95万元。",
        ("XRF003", "3.95万元"),
    ),
    # 占总支出的r% in a sentence of its own: the whole is the one 支出合计 stated before (我院 is the body itself).
    "a share of 总支出 stated apart": (
        "二、支出情况。2024年我院支出合计26,994.72万元。\n①基本支出：本年度我院基本支出12,270.36万元，占总支出的45.45%。",
        "二、支出情况。2024年我院支出合计26,994.72万元。\n①基本支出：本年度我院基本支出12,270.36万元，占总支出的45.46%。",
        ("PCT001", "45.46%"),
    ),
    # 其中： closing a sentence, then numbered sentences one part each: the numbering says where the list ends.
    "a numbered list after 其中：": (
        "(一)收入决算情况。2024年度，收入总计为430.2258万元，其中：\n1.财政拨款收入364.5594万元，为一般公共预算资金。\n"
        "2.事业收入50.7050万元，为开展专业业务活动取得的收入。\n3.上年结转和结余14.9614万元，为以前年度结转的资金。",
        "(一)收入决算情况。2024年度，收入总计为415.2644万元，其中：\n1.财政拨款收入364.5594万元，为一般公共预算资金。\n"
        "2.事业收入50.7050万元，为开展专业业务活动取得的收入。\n3.上年结转和结余14.9614万元，为以前年度结转的资金。",
        ("TOT002", "415.2644万元"),
    ),
    # 收、支总计均为x: one figure of both totals, which a 收支 change is about.
    "收支总计均为": (
        "一、收支情况。2024年度收、支总计均为6315.69万元。收、支与2023年度相比，减少3117.38万元，下降33.0%。",
        "一、收支情况。2024年度收、支总计均为6315.69万元。收、支与2023年度相比，减少3117.38万元，下降33.1%。",
        ("PCT002", "33.1%"),
    ),
    # 政府采购规模 and its 工程类/货物类/服务类采购金额, each in a paragraph of its own (TOT005).
    "the kinds of a procurement total across paragraphs": (
        "一、政府采购。2024年全国政府采购规模为17305.40亿元。\n二、工程类采购金额10141.11亿元。\n"
        "三、货物类采购金额5230.04亿元。\n四、服务类采购金额1934.25亿元。",
        "一、政府采购。2024年全国政府采购规模为17305.34亿元。\n二、工程类采购金额10141.11亿元。\n"
        "三、货物类采购金额5230.04亿元。\n四、服务类采购金额1934.25亿元。",
        ("TOT005", "17305.34亿元"),
    ),
    # A share of 总支出 inside a list under 支出合计: the whole is the list's total, named by another total word.
    "a share of a total named by another total word": (
        "一、支出情况。2024年我院支出合计26,994.72万元，其中基本支出12,270.36万元，占总支出的45.45%，"
        "项目支出14,724.36万元，占总支出的54.55%。",
        "一、支出情况。2024年我院支出合计26,994.72万元，其中基本支出12,270.36万元，占总支出的45.46%，"
        "项目支出14,724.36万元，占总支出的54.55%。",
        ("PCT001", "45.46%"),
    ),
    # 在支出合计x中，…: the frame's figure is 支出合计, and what follows breaks it down.
    "a breakdown framed by 在…中": (
        "一、收支情况。2024年收入合计218.78亿元，支出合计208.34亿元。在支出合计208.34亿元中，基本支出188.89亿元，"
        "占90.66%；项目支出19.45亿元，占9.34%。",
        "一、收支情况。2024年收入合计218.78亿元，支出合计208.34亿元。在支出合计218.78亿元中，基本支出188.89亿元，"
        "占90.66%；项目支出19.45亿元，占9.34%。",
        ("TOT001", "218.78亿元"),
    ),
    # A 其中 list closed by the rest (其他方面, 其他收入) names every part: it must add up, not only stay below.
    "a list closed by 其他": (
        "二、债券资金。2024年区级新增债券12.46亿元，其中，社会事业方面4.2亿元，交通基础设施方面3.05亿元，其他方面5.21亿元。",
        "二、债券资金。2024年区级新增债券12.46亿元，其中，社会事业方面4.2亿元，交通基础设施方面3.05亿元，其他方面2.21亿元。",
        ("TOT001", "12.46亿元"),
    ),
    "a list closed by the rest of its total's name": (
        "一、收入情况。2024年度收入合计633.47万元，其中：财政拨款收入625.32万元，其他收入8.15万元。",
        "一、收入情况。2024年度收入合计633.47万元，其中：财政拨款收入615.32万元，其他收入8.15万元。",
        ("TOT001", "633.47万元"),
    ),
    # A list of counts closed by 其他 and the noun its siblings' names end with (其他机械) adds up; a part of nothing
    # after the rest (报废机具0台) changes nothing.
    "a list of counts closed by the rest of its kind": (
        "一、补贴情况。2024年补贴各类机具186台(套)，其中：动力机械41台(套)，收获机械37台(套)，耕整地机械52台(套)，"
        "排灌机械6台(套)，其他机械50台(套)，报废机具0台(套)。",
        "一、补贴情况。2024年补贴各类机具168台(套)，其中：动力机械41台(套)，收获机械37台(套)，耕整地机械52台(套)，"
        "排灌机械6台(套)，其他机械50台(套)，报废机具0台(套)。",
        ("TOT001", "168"),
    ),
    # 包括 right after a figure and a comma opens a breakdown of that figure, as a colon does; the county's “三保”
    # is 保工资, 保运转 and 保基本民生 and nothing else (a declared partition), its 需求 only bounded by them.
    "a breakdown opened by 包括 after its figure": (
        "一、三保情况。2024年我县“三保”支出需求41820万元，包括保工资26410万元、保运转1870万元、保基本民生13540万元。",
        "一、三保情况。2024年我县“三保”支出需求41280万元，包括保工资26410万元、保运转1870万元、保基本民生13540万元。",
        ("TOT002", "41280万元"),
    ),
    "the three parts of “三保”": (
        "一、三保情况。2024年我县“三保”支出预算安排42760万元，包括保工资26410万元、保运转1870万元、保基本民生14480万元。",
        "一、三保情况。2024年我县“三保”支出预算安排42760万元，包括保工资26410万元、保运转1870万元、保基本民生13540万元。",
        ("TOT001", "42760万元"),
    ),
    # One item at two nested fund scopes (国家财政性教育经费 holds 一般公共预算教育经费): only the wider counts
    # towards its total's bound.
    "one item at two nested fund scopes": (
        "一、教育经费。2024年全县教育经费总投入52316万元，其中：国家财政性教育经费47208万元，一般公共预算教育经费46985万元。",
        "一、教育经费。2024年全县教育经费总投入42316万元，其中：国家财政性教育经费47208万元，一般公共预算教育经费46985万元。",
        ("TOT002", "42316万元"),
    ),
    # A sub-heading ((一)收入情况) keeps the fund scope of the heading it stands under: a government's 收入总计 of
    # its 公共财政预算 and of its 政府性基金预算 are two figures, not two copies.
    "sub-headings under a fund's heading": (
        "二、公共财政预算收支决算情况\n(一)收入情况\n全县一般预算总收入32650万元。\n(二)平衡情况\n"
        "收入总计41270万元，减支出总计40830万元。\n三、政府性基金预算收支决算情况\n(一)收入情况\n"
        "政府性基金总收入8460万元。\n(二)平衡情况\n收入总计8460万元，减支出总计7915万元。\n"
        "(三)结余情况\n收入总计8460万元，结余545万元。",
        "二、公共财政预算收支决算情况\n(一)收入情况\n全县一般预算总收入32650万元。\n(二)平衡情况\n"
        "收入总计41270万元，减支出总计40830万元。\n三、政府性基金预算收支决算情况\n(一)收入情况\n"
        "政府性基金总收入8460万元。\n(二)平衡情况\n收入总计8460万元，减支出总计7915万元。\n"
        "(三)结余情况\n收入总计8640万元，结余545万元。",
        ("XRF002", "8640万元"),
    ),
    # 其他支出 under one item and 其他支出 of the whole are the rests of two lists: never copies of each other.
    "the rests of two lists": (
        "二、使用情况。一、群众体育2416.30万元。二、竞技体育1305.62万元(其中补助地方512.40万元)，(一)举办体育赛事"
        "876.21万元，(二)其他支出429.41万元。三、其他支出381.25万元(其中补助地方296.70万元)。",
        "二、使用情况。一、群众体育2416.30万元。二、竞技体育1305.62万元(其中补助地方512.40万元)，(一)举办体育赛事"
        "876.21万元，(二)其他支出429.41万元。三、其他支出381.25万元(其中补助地方396.70万元)。",
        ("TOT002", "381.25万元"),
    ),
    # A total named so (收入合计为x) after a 其中 list's first part in its sentence: the figures after that part may be
    # terms of that total, not parts, so only the first part is bound by the list's total.
    "a listed total after a 其中 list": (
        "一、收入情况。全镇一般公共预算收入3216万元，加上级转移支付收入1473万元，其中：一般转移支付收入1162万元，"
        "上年结转结余85万元，基金调入92万元，收入合计为4866万元。",
        "一、收入情况。全镇一般公共预算收入3216万元，加上级转移支付收入1473万元，其中：一般转移支付收入1612万元，"
        "上年结转结余85万元，基金调入92万元，收入合计为4866万元。",
        ("TOT002", "1473万元"),
    ),
    # A space grouping thousands (支出58 316万元, as yearbooks print them) is a comma: one number, not two.
    "thousands grouped by spaces": (
        "一、教育投入。2024年，教育事业费支出58 316万元，比上年增加6 412万元，增长12.4%。其中，人员经费支出47 905万元，"
        "占总支出82.1%。",
        "一、教育投入。2024年，教育事业费支出58 316万元，比上年增加6 412万元，增长11.0%。其中，人员经费支出47 905万元，"
        "占总支出82.1%。",
        ("PCT002", "11.0%"),
    ),
    # 此外 (另外, 另有) standing alone as a clause ends an open 其中 list: what follows is outside the total.
    "a list ended by 此外": (
        "一、收入情况。2024年度收入合计1,318.42万元，其中：财政拨款收入1,318.42万元，占100.0%；此外，年初结转和结余26.15万元。",
        "一、收入情况。2024年度收入合计1,318.42万元，其中：财政拨款收入1,381.42万元，占100.0%；此外，年初结转和结余26.15万元。",
        ("TOT002", "1,318.42万元"),
    ),
    # 含 right after a total and a comma names parts of it: a change after them may be the total's.
    "parts named by 含 after the total": (
        "一、预算情况。机关事务局2024年收支总预算3,862.40万元，含幼儿园经费412.36万元，培训中心经费180万元；比2023年预算"
        "增加521.60万元，增长15.61%。",
        "一、预算情况。机关事务局2024年收支总预算3,862.40万元，含幼儿园经费412.36万元，培训中心经费180万元；比2023年预算"
        "增加521.60万元，增长13.51%。",
        ("PCT002", "13.51%"),
    ),
    # A bracket after a share, closing at the end of its sentence (…的61.2%(2023年共筹集5882.35万元)。), holding one
    # figure and no 其中 or 含, breaks nothing down; one that says 其中 does.
    "one figure in a bracket closing its sentence": (
        "一、公益金使用。2024年，投入重大民生设施建设的福彩公益金达3600万元，较2023年增加800万元，占2023年筹集的"
        "福彩公益金的61.2%(2023年市本级共筹集福彩公益金5882.35万元)。",
        "一、公益金使用。2024年，投入重大民生设施建设的福彩公益金达3600万元，较2023年增加800万元，占2023年筹集的"
        "福彩公益金的61.2%(其中：市本级5882.35万元)。",
        ("TOT002", "3600万元"),
    ),
    # A heading that names a level of government ((2)市级收支。) speaks of it until the next heading: the city's and
    # the city level's figures are two subjects' figures, never copies.
    "a heading naming a level of government": (
        "1.一般公共预算\n(1)全市收支。一般公共预算收入1862亿元，一般公共预算支出2745.6亿元。\n(2)市级收支。"
        "一般公共预算收入763.4亿元，完成预算101.2%。一般公共预算支出958.3亿元。当年市级一般公共预算收入763.4亿元，全部入库。",
        "1.一般公共预算\n(1)全市收支。一般公共预算收入1862亿元，一般公共预算支出2745.6亿元。\n(2)市级收支。"
        "一般公共预算收入763.4亿元，完成预算101.2%。一般公共预算支出958.3亿元。当年市级一般公共预算收入736.4亿元，全部入库。",
        ("XRF002", "736.4亿元"),
    ),
    # A rate right after its change amount whose % the page lost (增加53.23万元、增长3.15，) is still a rate.
    "a rate that lost its %": (
        "一、总体情况。2024年度收入总计1745.16万元，支出总计1745.16万元。收支较上年决算数增加53.23万元、增长3.15，"
        "主要原因是补缴职业年金。",
        "一、总体情况。2024年度收入总计1745.16万元，支出总计1745.16万元。收支较上年决算数增加53.23万元、增长4.15，"
        "主要原因是补缴职业年金。",
        ("PCT002", "4.15"),
    ),
    # 比2013年预算执行数 and 比2013年预算数 are two bases of one year: two changes, never copies of one.
    "two bases of one year": (
        "一、三公经费。2014年“三公”经费预算数4891.27万元。2014年预算数比2013年预算执行数减少49.75万元，"
        "比2013年预算数减少59.75万元。2014年预算数比2013年预算数减少59.75万元。",
        "一、三公经费。2014年“三公”经费预算数4891.27万元。2014年预算数比2013年预算执行数减少49.75万元，"
        "比2013年预算数减少59.75万元。2014年预算数比2013年预算数减少69.75万元。",
        ("XRF001", "69.75万元"),
    ),
    # A change its clause names no item of, after an amount a reason states (主要原因：一是年初预算收入x，比2018年…增加y),
    # is not the headline's: not judged against it.
    "a change inside a reason after the reason's own amount": (
        "一、总体情况。2024年度收入总计13,826.42万元。收支较上年决算数增加7,101.31万元、增长105.59%，主要原因：一是"
        "2024年年初预算收入7031.72万元，比2023年年初预算收入2724.44万元增加4307.28万元。",
        "一、总体情况。2024年度收入总计13,826.42万元。收支较上年决算数增加7,101.31万元、增长115.59%，主要原因：一是"
        "2024年年初预算收入7031.72万元，比2023年年初预算收入2724.44万元增加4307.28万元。",
        ("PCT002", "115.59%"),
    ),
    # 年初结转和结余 stands beside 收入合计 (in 收入总计), never in it: a 其中 list of 收入合计 ends before it.
    "a carry-over after a list of this year's income": (
        "一、收入情况。2024年度收入合计1214.00万元，其中：财政拨款收入1214.00万元，占100.0%；年初结转和结余1.18万元。",
        "一、收入情况。2024年度收入合计1214.00万元，其中：财政拨款收入1241.00万元，占100.0%；年初结转和结余1.18万元。",
        ("TOT002", "1214.00万元"),
    ),
    # A share naming an item that has no amount (税收收入占…的比例为65.8%) makes it what the sentence speaks of: a change
    # after it is that item's, not the last amount's.
    "a change after a share of an item with no amount": (
        "一、收支情况。1至8月，全市一般公共预算收入1129.9亿元，同比增长14.2%；全市一般公共预算支出1908.7亿元，同比增长15%。"
        "1至8月，税收收入占全市一般公共预算收入的比例为65.8%，增收94亿元，同比增长14.5%。",
        "一、收支情况。1至8月，全市一般公共预算收入1129.9亿元，同比增长14.2%；全市一般公共预算支出1908.7亿元，同比增长15%，"
        "增支469.5亿元。1至8月，税收收入占全市一般公共预算收入的比例为65.8%，增收94亿元，同比增长14.5%。",
        ("PCT002", "15%"),
    ),
    # A list inside a bracket leaves the list outside it open; a figure after 比 (比报告数x) is a base, never a part.
    "a list going on after a bracketed list, then a base": (
        "一、转移性收入。转移性收入391260万元，其中：返还性收入6240万元、一般性转移支付收入344180万元(其中：疫情补助"
        "收入36120万元)、专项转移支付收入40840万元，比报告数383550万元增加7710万元。",
        "一、转移性收入。转移性收入391260万元，其中：返还性收入6240万元、一般性转移支付收入344180万元(其中：疫情补助"
        "收入36120万元)、专项转移支付收入48040万元，比报告数383550万元增加7710万元。",
        ("TOT002", "391260万元"),
    ),
    # One amount written in two units (77亿876.09万元) is one figure.
    "an amount in 亿 and 万": (
        "一、公益金筹集。2024年全省筹集体育彩票公益金65亿432.18万元(含弃奖收入7120.35万元)，其中：省级"
        "32亿216.09万元，市县级33亿216.09万元。",
        "一、公益金筹集。2024年全省筹集体育彩票公益金65亿432.18万元(含弃奖收入7120.35万元)，其中：省级"
        "32亿216.09万元，市县级43亿216.09万元。",
        ("TOT002", "65亿432.18万元"),
    ),
    # Two parts opening with the halves of a complementary pair (中央…, 地方…) are every part of their total.
    "a list of 中央 and 地方 parts": (
        "一、直达资金。截至2024年9月底，全县直达资金总额18.40亿元，其中：中央安排直达资金15.25亿元；地方安排直达资金3.15亿元。",
        "一、直达资金。截至2024年9月底，全县直达资金总额18.80亿元，其中：中央安排直达资金15.25亿元；地方安排直达资金3.15亿元。",
        ("TOT001", "18.80亿元"),
    ),
    # One share printed twice (the same part of the same whole): at one precision the same digits; the print its
    # amounts round to is kept. Its rate may follow the whole with no 的 (为目标33.23亿元101.78%).
    "one share printed twice": (
        "一、收入情况。1-9月，一般公共预算收入完成24.36亿元，为全年目标31.17亿元78.15%。\n"
        "二、运行特点。一般公共预算收入累计完成24.36亿元，为全年目标31.17亿元的78.15%。",
        "一、收入情况。1-9月，一般公共预算收入完成24.36亿元，为全年目标31.17亿元78.15%。\n"
        "二、运行特点。一般公共预算收入累计完成24.36亿元，为全年目标31.17亿元的78.13%。",
        ("XRF002", "78.13%"),
    ),
    # 8. A subject's 三公 total (区本级…三公经费) and its items in sentences of their own: the items are that subject's,
    # so their changes add up to its change.
    "a subject's items, each in a sentence of its own": (
        "三、“三公”经费。2024年度，青禾区本级一般公共预算财政拨款三公经费支出合计85.53万元，同比减少14.92万元。"
        "其中：因公出国(境)经费0万元，同比减少0万元。公务用车购置及运行费80.53万元，同比减少14.81万元。"
        "公务接待费5.00万元，同比减少0.11万元。",
        "三、“三公”经费。2024年度，青禾区本级一般公共预算财政拨款三公经费支出合计85.53万元，同比减少14.92万元。"
        "其中：因公出国(境)经费0万元，同比减少0万元。公务用车购置及运行费80.53万元，同比减少14.92万元。"
        "公务接待费5.00万元，同比减少0.11万元。",
        ("TOT003", "14.92万元"),
    ),
    # 4. 节约资金x，其中：货物类y…, opening its sentence with nothing it is compared with: an amount, not a change,
    # and its parts are the classes' savings, not the classes' spending stated before.
    "a saving broken down by the classes of what was bought": (
        "五、政府采购。实际采购支出金额23082.39万元，其中：货物类3522.19万元；工程类17482.18万元；服务类2078.02万元。"
        "节约资金137.62万元，其中：货物类：110.01万元，工程类：13.06万元，服务类：14.55万元。",
        "五、政府采购。实际采购支出金额23082.39万元，其中：货物类3522.19万元；工程类17482.18万元；服务类2078.02万元。"
        "节约资金147.62万元，其中：货物类：110.01万元，工程类：13.06万元，服务类：14.55万元。",
        ("TOT001", "147.62万元"),
    ),
    # 7. 分项目看： after a part opens that part's breakdown, as 其中 does.
    "分项目看 after a part": (
        "一、收入情况。全旗一般公共预算收入完成100.03亿元，其中：旗本级收入完成75.29亿元，同比增长2.1%，分项目看：税收完成"
        "16.81亿元，非税完成58.48亿元。",
        "一、收入情况。全旗一般公共预算收入完成100.03亿元，其中：旗本级收入完成75.29亿元，同比增长2.1%，分项目看：税收完成"
        "26.81亿元，非税完成58.48亿元。",
        ("TOT002", "75.29亿元"),
    ),
    # A balance written out (A、B(其中…)、C，收入总量x): the figures in an item's brackets are that item's parts.
    "a balance written out, one item broken down in brackets": (
        "一、收入情况。上级补助收入227.20亿元、债务转贷收入48.48亿元(其中新增债券11.48亿元，再融资债券37.00亿元)、"
        "动用预算稳定调节基金5.15亿元，收入总量280.83亿元。",
        "一、收入情况。上级补助收入227.20亿元、债务转贷收入48.48亿元(其中新增债券11.48亿元，再融资债券37.00亿元)、"
        "动用预算稳定调节基金5.15亿元，收入总量290.83亿元。",
        ("TOT001", "290.83亿元"),
    ),
    # 8. 其中 after the second of two subjects' figures, its name ending in a bracket ((本级)): that figure's parts.
    "a 其中 after a figure named with a bracket": (
        "一、基金收入。全省政府性基金收入2596.8亿元，增长23.3%。其中，省级政府性基金收入177.1亿元，增长6.3%；"
        "市县政府性基金收入(本级)2419.7亿元，增长24.8%，其中国有土地使用权出让收入2112.9亿元，增长26.3%。",
        "一、基金收入。全省政府性基金收入2596.8亿元，增长23.3%。其中，省级政府性基金收入177.1亿元，增长6.3%；"
        "市县政府性基金收入(本级)2419.7亿元，增长24.8%，其中国有土地使用权出让收入2512.9亿元，增长26.3%。",
        ("TOT002", "2419.7亿元"),
    ),
    # A count between the amount and its 其中 list: the amounts are parts of the amount the count's sentence names.
    "a count between an amount and its list": (
        "二、债券资金。2024年区级新增债券12.46亿元。区级新增债券共安排9个项目，其中，社会事业方面4.2亿元，"
        "交通基础设施方面3.05亿元，其他方面5.21亿元。",
        "二、债券资金。2024年区级新增债券12.46亿元。区级新增债券共安排9个项目，其中，社会事业方面4.2亿元，"
        "交通基础设施方面3.05亿元，其他方面2.21亿元。",
        ("TOT001", "12.46亿元"),
    ),
    # People counted by exclusive categories (在职/离休/退休) are parts of 实有人数; the list ends at the first count
    # of another kind (其他人员, 学生), and its first part equal to the total does not end it.
    "people by exclusive categories": (
        "二、部门基本情况。本部门年末实有人数238人，其中在职人员157人，离休人员0人，退休人员81人；年末其他人员11人；"
        "年末学生人数2858人。",
        "二、部门基本情况。本部门年末实有人数157人，其中在职人员157人，离休人员0人，退休人员81人；年末其他人员11人；"
        "年末学生人数2858人。",
        ("TOT002", "157人"),
    ),
    # 在职人数 broken down by kind of post after 包括; 退休 and 聘用 after it stand beside, not inside.
    "staff in post by kind of post": (
        "二、部门基本情况。编制人数63人，其中行政编制27人、全部补助事业编制36人；实有人数95人，在职人数80人，包括行政人员26人、"
        "全部补助事业人员33人、自收自支事业人员21人；退休人员15人、聘用人员26人。",
        "二、部门基本情况。编制人数63人，其中行政编制27人、全部补助事业编制36人；实有人数76人，在职人数61人，包括行政人员26人、"
        "全部补助事业人员33人、自收自支事业人员21人；退休人员15人、聘用人员26人。",
        ("TOT002", "61人"),
    ),
    # A member a 其中 list leaves out, stated nil in words elsewhere (无新购车辆: no 公务用车购置费), completes it: the
    # parts then give the total exactly, not only a bound.
    "a member left out and stated nil in words": (
        "三、“三公”经费。2024年“三公”经费支出合计30.49万元，其中：公务接待费1.58万元，车辆运行费28.91万元，"
        "因公出国(境)费0万元。本年度单位公务用车保有量为2辆，无新购车辆。",
        "三、“三公”经费。2024年“三公”经费支出合计31.23万元，其中：公务接待费1.58万元，车辆运行费28.91万元，"
        "因公出国(境)费0万元。本年度单位公务用车保有量为2辆，无新购车辆。",
        ("TOT001", "31.23万元"),
    ),
    # A change printed with its base right after a breakdown (包括A、B，占…，较上年x，减少Δ) may be the breakdown's
    # total's: judged as the total's when it is not the last part's.
    "a change with its base after a breakdown": (
        "一、总预算案。岁入预算编列185.30亿元，较2025年度法定预算数170.10亿元，增加15.20亿元，增幅8.94%。补助及协助收入"
        "编列40.25亿元，包括中央一般性补助款12.05亿元、中央计划型补助款28.20亿元，占岁入总额21.72%，较上年度法定预算数"
        "95.75亿元，减少55.5亿元。",
        "一、总预算案。岁入预算编列185.30亿元，较2025年度法定预算数170.10亿元，增加15.20亿元，增幅8.94%。补助及协助收入"
        "编列40.25亿元，包括中央一般性补助款12.05亿元、中央计划型补助款28.20亿元，占岁入总额21.72%，较上年度法定预算数"
        "95.75亿元，减少45.5亿元。",
        ("XRF003", "45.5亿元"),
    ),
    # 各增加x、y，增长a%、b%: the rates after a respective list pair with it by position, 分别 or not; 收入、支出总计
    # names 收入总计 and 支出总计.
    "respective rates without 分别": (
        "二、收支总体情况。2024年度收入总计1200万元，支出总计1200万元，与2023年度相比，收入、支出总计各增加200万元、"
        "100万元，增长20%、9.09%。",
        "二、收支总体情况。2024年度收入总计1200万元，支出总计1200万元，与2023年度相比，收入、支出总计各增加200万元、"
        "100万元，增长20%、25%。",
        ("PCT002", "25%"),
    ),
    # 收入x，包括A x；支出包括：B、C…: 包括 after a name of its own opens that whole's list; the list before ends.
    "a list opened by another whole's name": (
        "一、财政拨款收支情况。2024年一般公共预算财政拨款收入为300万元，包括经费拨款收入300万元；支出包括：一般公共服务支出"
        "120.5万元，国防支出2万元，教育支出7.5万元，社会保障和就业支出150万元，住房保障支出20万元。",
        "一、财政拨款收支情况。2024年一般公共预算财政拨款收入为300万元，包括经费拨款收入310万元；支出包括：一般公共服务支出"
        "120.5万元，国防支出2万元，教育支出7.5万元，社会保障和就业支出150万元，住房保障支出20万元。",
        ("TOT002", "300万元"),
    ),
    # 面积x亩，每亩补贴y元，共计发放z万元: the amount is the quantity times the standard.
    "an amount paid at a standard per unit": (
        "五、补贴发放。本次补贴惠及全镇4480户农户，补贴面积16011.88亩，按照每亩补贴91.07元的标准，共计发放补贴资金145.82万元。",
        "五、补贴发放。本次补贴惠及全镇4480户农户，补贴面积16011.88亩，按照每亩补贴91.07元的标准，共计发放补贴资金145.93万元。",
        ("AVG004", "145.93万元"),
    ),
    # One item's change said both ways, one after the other, in one sentence: the word no rate follows is blamed.
    # Two items' opposite changes (税务部门安排x，减少a；财政部门安排y，增加b) are no contradiction.
    "one item's change said both ways in a sentence": (
        "一、收入情况。2024年全县税务部门安排44884万元，比上年实际完成减少3958万元，下降8.1%；财政部门安排24785万元，"
        "比上年实际完成增加6677万元，增长36.87%。房产税收入443万元，同比减收31万元，下降6.54%。",
        "一、收入情况。2024年全县税务部门安排44884万元，比上年实际完成减少3958万元，下降8.1%；财政部门安排24785万元，"
        "比上年实际完成增加6677万元，增长36.87%。房产税收入同比增收412万元，同比减收31万元，下降7.00%。",
        ("XRF001", "412万元"),
    ),
    # 收入合计x，其中：A，占收入总额的r%, with 收入总计y stated before: the share may be of the list's total, loosely
    # named; read so it agrees, and is not judged against the other.
    "a share of its list's total loosely named": (
        "二、收入决算情况说明。东湖市档案馆2024年收入总计520.00万元，支出总计520.00万元。东湖市档案馆2024年收入合计400.00"
        "万元，其中：财政拨款收入300.00万元，占收入总额的75.00%；其他收入100.00万元，占收入总额的25.00%。",
        "二、收入决算情况说明。东湖市档案馆2024年收入总计520.00万元，支出总计520.00万元。东湖市档案馆2024年收入合计400.00"
        "万元，其中：财政拨款收入300.00万元，占收入总额的57.00%；其他收入100.00万元，占收入总额的25.00%。",
        ("PCT001", "57.00%"),
    ),
    # Shares of one named whole that add up to 100% list all of it: the run goes on while it still does (a last item
    # of 0.02% is in it, not left out).
    "a run of shares with a small last item": (
        "三、支出情况。上半年全镇公共财政预算支出完成10000.00万元，主要预算项目执行情况如下：\n1、一般公共服务支出1000.00万元，"
        "占总支出的10.00%。\n2、城乡社区支出4000.00万元，占总支出的40.00%。\n3、农林水支出3000.00万元，占总支出的30.00%。\n"
        "4、卫生健康支出1998.00万元，占总支出的19.98%。\n5、其他支出2万元，占总支出的0.02%。",
        "三、支出情况。上半年全镇公共财政预算支出完成10000.00万元，主要预算项目执行情况如下：\n1、一般公共服务支出1000.00万元，"
        "占总支出的10.00%。\n2、城乡社区支出4100.00万元，占总支出的40.00%。\n3、农林水支出3000.00万元，占总支出的30.00%。\n"
        "4、卫生健康支出1998.00万元，占总支出的19.98%。\n5、其他支出2万元，占总支出的0.02%。",
        ("PCT001", "40.00%"),
    ),
    # 为调整预期的r% is a completion rate, never the label of the change or the 持平 after it.
    "a completion rate against an adjusted forecast": (
        "一、收入情况。一般公共预算收入80.00亿元，为调整预期的100%，比上年增长10.0%。其中：增值税30.00亿元，为调整预期的99.0%，"
        "比上年增长20%；个人所得税10.00亿元，为调整预期的100.5%，与上年持平。",
        "一、收入情况。一般公共预算收入80.00亿元，为调整预期的100%，比上年增长10.0%。其中：增值税30.00亿元，为调整预期的99.0%，"
        "比上年增长20%；个人所得税10.00亿元，为调整预期的100.5%，比上年增长5.0%，与上年持平。",
        ("PCT004", "持平"),
    ),
    # (含街道一般公共预算支出x) after 区级一般公共预算支出y: the same item at its scope, named as its total, is a part of
    # it (the streets'), never a copy of the whole item's figure.
    "a bracketed part named as its total": (
        "三、支出情况。一般公共预算支出90.00亿元，其中：区级一般公共预算支出70.00亿元(含街道一般公共预算支出6.00亿元)，"
        "上级转移支付支出20.00亿元。一般公共预算支出90.00亿元，上解上级支出10.00亿元，支出合计100.00亿元。",
        "三、支出情况。一般公共预算支出90.00亿元，其中：区级一般公共预算支出70.00亿元(含街道一般公共预算支出6.00亿元)，"
        "上级转移支付支出25.00亿元。一般公共预算支出90.00亿元，上解上级支出10.00亿元，支出合计100.00亿元。",
        ("TOT002", "90.00亿元"),
    ),
    # After a semicolon, the same item stated of another body (乙局三公经费…) ends the list of the first body's.
    "another body's item after a semicolon": (
        "三、“三公”经费。甲市水务局“三公”经费财政拨款决算数为120.50万元，相比预算数减少约10万元，其中公车购置费为0元；"
        "甲市林业局今年“三公”经费财政拨款决算数为860.20万元，相比预算数减少约95万元。",
        "三、“三公”经费。甲市水务局“三公”经费财政拨款决算数为120.50万元，相比预算数减少约10万元，其中公务接待费为130.00万元；"
        "甲市林业局今年“三公”经费财政拨款决算数为860.20万元，相比预算数减少约95万元。",
        ("TOT002", "120.50万元"),
    ),
    # A count and its names after 包括, with more of them named right after (另有两个派出所): only some are listed.
    "names of a count with others named after": (
        "二、部门基本情况。我局内设职能部门7个，包括办公室、财务科、法规科、审批科、执法科。另有两个派出所分别位于东山镇、西山镇。",
        "二、部门基本情况。我局内设职能部门7个，包括办公室、财务科、法规科、审批科、执法科。两个派出所分别位于东山镇、西山镇。",
        ("TOT006", "7个"),
    ),
    # The standard broken down after it (其中中央资金60元、省级资金40元): the amount paid is the one said so (共计发放).
    "a standard per unit with its own breakdown": (
        "五、补贴发放。本次补贴面积1000亩，每亩补贴100元，其中中央资金60元、省级资金40元，共计发放10万元。",
        "五、补贴发放。本次补贴面积1000亩，每亩补贴100元，其中中央资金60元、省级资金40元，共计发放12万元。",
        ("AVG004", "12万元"),
    ),
    # One sentence counting two categories (行政编制…实有x；事业编制…实有y): two subjects, never copies of one figure.
    "one sentence counting two categories": (
        "二、部门基本情况。本部门行政编制52人，实有人数48人；事业编制11人，实有人数9人。年末实有人数57人，其中在职人员57人。",
        "二、部门基本情况。本部门行政编制52人，实有人数48人；事业编制11人，实有人数9人。年末实有人数57人，其中在职人员48人，"
        "退休人员12人。",
        ("TOT002", "57人"),
    ),
}


def test_a_year_opening_a_stretch_after_a_semicolon_dates_it(rules):
    """2022年收入总计…，包括本年收入合计…；2023年…: each year's 本年收入合计 is that year's, never a copy of the other's."""
    text = ("一、总体情况。2022年收入总计7033.15万元，包括本年收入合计6925.14万元；"
            "2023年收入总计6462.57万元，包括本年收入合计6462.57万元。")
    assert flagged(text, rules, head="2023年度部门决算公开说明\n") == []


def test_a_change_after_a_listed_item_may_be_its_totals(rules):
    """收入总计x，其中结转y，较上年增加Δ，增加r%: r is right as the total's change; it is listed, never an error."""
    text = "一、收入情况。本部门2024年度收入总计3759.2万元，其中年初结转和结余1366.76万元，较2023年增加197.03万元，增加5.5%。"
    assert flagged(text, rules) == []
    wrong = text.replace("增加5.5%", "增加7.5%")
    assert ("PCT002", "7.5%") in flagged(wrong, rules)


def test_a_change_no_listed_part_can_have_is_the_totals(rules):
    """基本支出x，其中…公用经费353.71万元。比上年增加654万元: 公用经费 cannot have risen by more than it is, so the
    change is 基本支出's, and its rate is judged against that; an item whose base is merely small is its own."""
    text = ("一、基本支出。2024年基本支出3736.92万元，其中人员经费3383.21万元，公用经费353.71万元。"
            "比2023年预算增加654万元，增长21.2%。")
    assert flagged(text, rules) == []
    assert ("PCT002", "9%") in flagged(text.replace("增长21.2%", "增长9%"), rules)
    own = "三、“三公”经费。“三公”经费29万元，其中：公务接待费1万元，比上年增加0.5万元，增长100%。"
    assert flagged(own, rules) == []


def test_a_share_that_agrees_with_the_wholes_other_print_is_not_the_slip(rules):
    """The wrong whole is reported once (TOT001); the shares, right against its other print, are not."""
    _, inconsistent, _ = LISTS["a breakdown framed by 在…中"]
    assert [code for code, _ in flagged(inconsistent, rules)].count("PCT001") == 0


def test_a_subject_named_shorter_paragraphs_later_is_found_by_its_one_figure(rules):
    """县本级“三公”经费决算数比上年增加43万元，增长4.83%, paragraphs after 青河县本级…决算数为1,115.07万元: the
    rate is judged on that figure (the budget of the same item, 1,684万元, is not the outturn's)."""
    text = ("三、“三公”经费。2024年青河县本级一般公共预算财政拨款“三公”经费预算数为1,684万元，"
            "2024年青河县本级一般公共预算财政拨款“三公”经费决算数为1,115.07万元，比2023年减少166.4万元，减少12.99%。\n"
            "其中：公务接待费为111.43万元。\n公务用车运行维护费707.53万元。\n"
            "从汇总数据看，2024年县本级“三公”经费决算数比2023年增加43万元，增长{rate}。")
    assert flagged(text.format(rate="4.01%"), rules) == []
    assert ("PCT002", "4.83%") in flagged(text.format(rate="4.83%"), rules)


def test_a_subject_named_shorter_is_the_same_subject(rules):
    """青河县本级 … 县本级: the second names the first; its change of the same item is compared with the first's."""
    text = ("三、“三公”经费。2024年青河县本级“三公”经费决算数为1,115.07万元，比2023年减少166.40万元，下降12.99%。"
            "从汇总数据看，2024年县本级“三公”经费决算数比2023年增加166.40万元，增长12.99%。")
    assert ("AGR001", "166.40万元") in flagged(text, rules) or any(
        code.startswith("XRF") for code, _ in flagged(text, rules))


@pytest.mark.parametrize("text", [
    # Subjects named with a bracket that holds a list (县(市、区)): two subjects, not one item twice.
    "一、收入情况。分级次看，市级(市本级、三区)一般公共预算收入49.5亿元，同比增长7%，县(市、区)一般公共预算收入234.6亿元，同比下降3.7%。",
    # 其中，2018年…: a year after the word that opens a list dates the list.
    "三、“三公”经费。2019年“三公”经费预算数为685万元，其中公务接待费50万元。表中同样列出了2018年调整预算数。"
    "其中，2018年因公出国(境)费154万元，公务接待费0.96万元。",
    # A sentence that opens with a subject the dictionary does not know (区本级财政收入) speaks of it throughout.
    "一、收入情况。全区地方财政收入完成579,014万元，其中一般公共预算收入完成322,215万元。"
    "区本级财政收入完成578,193万元，其中：一般公共预算收入完成321,394万元。",
    # Several bodies in turn, two of them not named by a level of government.
    "一、收入情况。盖河县一般公共预算收入13.2亿元；沿海产业基地一般公共预算收入7.9亿元；自贸区(高新区)一般公共预算收入7.3亿元。",
    # One item on two bases: before and after a reform.
    "一、收入情况。财政体制改革前一般公共预算收入完成16.16亿元。财政体制改革后一般公共预算收入完成12.70亿元。",
    # The budget as approved beside the outturn, in a report on the budget's execution.
    "一、支出情况。县人大审议通过的全县一般公共预算支出77538万元。全县一般公共预算支出91759万元，完成调整预算的93.8%。",
])
def test_figures_of_other_bodies_bases_and_budgets_are_no_copies(text, rules):
    assert flagged(text, rules, head="2024年度预算执行情况报告\n") == []



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


def test_a_change_of_an_item_with_no_figure_here_is_listed_not_judged(rules):
    """…公务接待费支出决算比预算无增减，比去年增加1.05万元: not 公务用车运行维护费's change; listed as EXT007."""
    report = check_text("2024年度部门决算公开说明\n三、“三公”经费。公务用车运行维护费3.20万元，公务接待费支出决算比预算"
                        "无增减变化，比去年增加1.05万元，增长48.8%。", rules)
    assert "EXT007" in [u.code for u in report.unchecked]
    assert not [f for f in report.findings if f.severity in ("error", "warning")]


def test_a_class_named_other_is_not_the_rest(rules):
    """其他资本性支出 is a class of its own among 支出's parts, not the rest of 支出: the list stays a bound."""
    text = ("一、支出情况。2024年度一般公共预算财政拨款支出460.37万元，其中：工资福利支出372.05万元，"
            "商品和服务支出30.79万元，其他资本性支出1.64万元。")
    assert flagged(text, rules) == []


def test_a_subject_named_before_an_aside_is_that_subject(rules):
    """市本级(含开发区，下同)地方一般公共预算收入: the aside in brackets is left out of the label, and 地方 qualifies the
    revenue, not the subject: the line is 市本级's, never copies of 全市's figures."""
    text = ("一、收支情况\n全市地方一般公共预算收入117.97亿元，增长5.9%；加上上年结转51.21亿元，收入总量169.18亿元。\n"
            "市本级(含开发区，下同)地方一般公共预算收入22.91亿元，下降2.8%；加上上年结转12.70亿元，收入总量35.61亿元。\n")
    assert flagged(text, rules, head="") == []

