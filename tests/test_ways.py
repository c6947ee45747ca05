"""Ways real disclosures are written (issue: read real disclosures as they are written).

Each way has a consistent document (no error or warning) and an inconsistent one (the slip found, at
the figure a reader would correct). Names and figures are invented; the sentence structures are those
of real published disclosures.
"""

import pytest

from conftest import DISCLOSURE_HEAD, check_text, flagged

HEAD = DISCLOSURE_HEAD


WAYS = {
    # 1. The prior figure printed inline: the base is the figure after 比上年.
    "prior inline": (
        "一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.40%。",
        "一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.84%。",
        ("PCT002", "6.84%"),
    ),
    "prior inline, the change against it": (
        "一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元。",
        "一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年2476.95万元减少168.55万元。",
        ("XRF003", "168.55万元"),
    ),
    "a figure after the comparison that names another item": (
        "三、“三公”经费。公务接待费3.6亿元，减少4.01亿元。2017年“三公”经费支出43.6亿元，相比2016年“三公”经费支出48.25亿元减少4.65亿元。",
        "三、“三公”经费。公务接待费3.6亿元，减少4.01亿元。2017年“三公”经费支出43.6亿元，相比2016年“三公”经费支出48.25亿元减少4.65亿元，下降19.6%。",
        ("PCT002", "19.6%"),
    ),
    # 1. No change printed: the rate is of the two figures (增加 before a negative rate is a fall).
    "prior inline, a rate and no change": (
        "一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年的2476.95万元减少6.40%。",
        "一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年的2476.95万元减少7.40%。",
        ("PCT002", "7.40%"),
    ),
    "prior inline, 增加 a negative rate": (
        "二、生均经费。全区普通高中生均经费为11546.20元，比上年的13871.05元增加-16.76%。",
        "二、生均经费。全区普通高中生均经费为11546.20元，比上年的13871.05元增加-15.76%。",
        ("PCT002", "-15.76%"),
    ),
    # 1. 减少约33亿元: a word of approximation between the direction and its amount.
    "a change given roughly": (
        "一、收入情况。2024年度财政拨款收入272.52亿元，比2023年度决算数减少约33亿元，下降10.8%。",
        "一、收入情况。2024年度财政拨款收入272.52亿元，比2023年度决算数减少约33亿元，下降12.8%。",
        ("PCT002", "12.8%"),
    ),
    "prior inline, 较…的": (
        "三、“三公”经费。2025年“三公”经费预算总额为1969万元，较2024年的2190万元减少221万元，下降10.1%。",
        "三、“三公”经费。2025年“三公”经费预算总额为1969万元，较2024年的2190万元减少221万元，下降11.2%。",
        ("PCT002", "11.2%"),
    ),
    # 1. 同比 compares with the year before on its own; 增收/减收 and 增幅/减幅 are words of direction.
    "同比 with 增收": (
        "一、收入情况。全县一般公共预算收入完成78.14亿元，同比增收2.07亿元，增长2.7%。",
        "一、收入情况。全县一般公共预算收入完成78.14亿元，同比增收2.07亿元，增长6.7%。",
        ("PCT002", "6.7%"),
    ),
    "减幅 as a rate": (
        "三、“三公”经费。2024年“三公”经费预算数2.70万元，比上年减少0.06万元，减幅2.17%。",
        "三、“三公”经费。2024年“三公”经费预算数2.70万元，比上年减少0.06万元，减幅0.02%。",
        ("PCT002", "0.02%"),
    ),
    # 1. A rate in brackets after its change; a rate stated before its amount.
    "rate in brackets after the change": (
        "三、“三公”经费。公务接待费2.30万元，较上年减少1.50万元(39.47%)。",
        "三、“三公”经费。公务接待费2.30万元，较上年减少1.50万元(42.86%)。",
        ("PCT002", "42.86%"),
    ),
    "rate before its amount": (
        "一、收入情况。地方一般公共预算收入完成28583万元，同比增长10.85%，增收2798万元。",
        "一、收入情况。地方一般公共预算收入完成28583万元，同比增长10.85%，增收2978万元。",
        ("PCT002", "10.85%"),
    ),
    "change after a bracket that opens with 其中": (
        "三、“三公”经费。因公出国(境)费用0万元，与上年无变化；公务用车购置及运行维护费605万元(其中：公务用车购置经费0万元，公务用车运行维护费605万元)，较上年减少32万元，同比下降5%。",
        "三、“三公”经费。因公出国(境)费用0万元，与上年无变化；公务用车购置及运行维护费605万元(其中：公务用车购置经费0万元，公务用车运行维护费605万元)，较上年减少32万元，同比下降15%。",
        ("PCT002", "15%"),
    ),
    # A rate on another basis (按同口径计算) is not judged against the printed figures.
    "rate on another basis": (
        "一、收入情况。全省一般公共预算收入完成1261.6亿元，比上年增长41.3%，增收368.7亿元，若剔除留抵退税政策影响，按同口径计算增长53.5%。",
        "一、收入情况。全省一般公共预算收入完成1261.6亿元，比上年增长51.3%，增收368.7亿元，若剔除留抵退税政策影响，按同口径计算增长53.5%。",
        ("PCT002", "51.3%"),
    ),
    # 7. After a bracketed breakdown the next change or rate is the bracketed total's.
    "rate after a bracketed breakdown": (
        "一、收入情况。全县一般公共预算总收入完成126.05亿元(县本级98.88亿元，高新区27.17亿元)，同比增收9.74亿元，增长8.38%。",
        "一、收入情况。全县一般公共预算总收入完成126.05亿元(县本级98.88亿元，高新区27.17亿元)，同比增收9.74亿元，增长9.38%。",
        ("PCT002", "9.38%"),
    ),
    # 1. A change that names its item by another label than the sentence that stated it (…预算总额为2.7万元。
    # “三公”经费预算数比上年减少…): the item's figure stated just before is its current figure.
    "change of an item stated under another label": (
        "二、“三公”经费。2024年财政拨款“三公”经费预算总额为2.7万元。2024年“三公”经费预算数比2023年预算数减少0.06万元，减幅2.17%。",
        "二、“三公”经费。2024年财政拨款“三公”经费预算总额为2.7万元。2024年“三公”经费预算数比2023年预算数减少0.06万元，减幅0.02%。",
        ("PCT002", "0.02%"),
    ),
    # 1. A comparison in a clause of its own ends a clause of use or reason (…用于…，与2016年相比，…减少Δ);
    # a direction word may take its object before the amount (比上年减少支出613.80万元).
    "comparison after a clause of use": (
        "三、“三公”经费。公务用车购置费34.71万元，购置1辆中巴车，用于公务活动使用等，与2016年相比，公务用车购置费减少79.40万元，下降69.6%。",
        "三、“三公”经费。公务用车购置费34.71万元，购置1辆中巴车，用于公务活动使用等，与2016年相比，公务用车购置费减少79.40万元，下降39.8%。",
        ("PCT002", "39.8%"),
    ),
    "direction word with its object": (
        "三、“三公”经费。2024年“三公”经费支出1360.13万元，比上年减少支出613.80万元，下降31.1%。",
        "三、“三公”经费。2024年“三公”经费支出1360.13万元，比上年减少支出613.80万元，下降36.0%。",
        ("PCT002", "36.0%"),
    ),
    # 2. The total's change in one paragraph (使用财政拨款安排“三公”经费…比预算数减少Δ), each item's in its own,
    # no fund named: the items are of the total's scope, and their changes add up to the total's.
    "item changes in their own paragraphs": (
        "2024年本级部门使用财政拨款安排“三公”经费支出总额为2410万元，比预算数减少806万元，下降25.06%。\n"
        "一、因公出国(境)经费\n2024年因公出国(境)费60万元，比预算数减少22万元。\n"
        "二、公务接待费\n2024年公务接待费680万元，比预算数减少574万元。\n"
        "三、公务用车购置及运行维护费\n2024年公务用车购置及运行维护费1670万元，比预算数减少210万元。",
        "2024年本级部门使用财政拨款安排“三公”经费支出总额为2410万元，比预算数减少806万元，下降25.06%。\n"
        "一、因公出国(境)经费\n2024年因公出国(境)费60万元，比预算数减少22万元。\n"
        "二、公务接待费\n2024年公务接待费680万元，比预算数减少574万元。\n"
        "三、公务用车购置及运行维护费\n2024年公务用车购置及运行维护费1670万元，比预算数减少410万元。",
        ("TOT003", "806万元"),
    ),
    # 4. A change printed after a breakdown's last part that no base of the part allows is the total's: with
    # the other item's change it adds up to the whole's change.
    "a total's change after its breakdown, in a change group": (
        "三、支出决算。2024年支出合计4213.60万元，比上年减少1340.20万元。"
        "(一)基本支出。2024年基本支出3736.90万元，其中人员经费3383.20万元，公用经费353.70万元。比上年增加654.00万元，增长21.21%。"
        "(二)项目支出。2024年项目支出476.70万元，比上年减少1994.20万元，下降80.71%。",
        "三、支出决算。2024年支出合计4213.60万元，比上年减少745.90万元。"
        "(一)基本支出。2024年基本支出3736.90万元，其中人员经费3383.20万元，公用经费353.70万元。比上年增加654.00万元，增长21.21%。"
        "(二)项目支出。2024年项目支出476.70万元，比上年减少1994.20万元，下降80.71%。",
        ("TOT003", "745.90万元"),
    ),
    # 2. The item, then the year its figure is of (公务接待费2024年预算8万元，2023年预算12.5万元): each figure is
    # the item's, of that year.
    "the year after the item's name": (
        "二、“三公”经费预算。2024年“三公”经费预算拨入33万元。公务接待费2024年预算8万元，2023年预算12.5万元。"
        "公务接待费预算比上年减少4.5万元，下降36.0%。",
        "二、“三公”经费预算。2024年“三公”经费预算拨入33万元。公务接待费2024年预算8万元，2023年预算12.5万元。"
        "公务接待费预算比上年减少4.5万元，下降56.25%。",
        ("PCT002", "56.25%"),
    ),
    # 1. This year's figure, then the base year's, then 较上年: the change is between the two printed figures.
    "this year's figure and the base year's in one sentence": (
        "一、收支预算总体情况。本单位2024年收支总预算1291.68万元，2023年收支总预算846.48万元，较上年增加了445.20万元，增长率52.59%。",
        "一、收支预算总体情况。本单位2024年收支总预算1291.68万元，2023年收支总预算846.48万元，较上年增加了445.20万元，增长率34.47%。",
        ("PCT002", "34.47%"),
    ),
    # 2. 超收/短收 is a difference from the budget, never the item a change after it is of.
    "a change after an over-collection": (
        "一、收入完成情况。一般公共预算收入46900万元，完成预算46508万元的100.8%，超收392万元，同比增长6.8%，增收3003万元。",
        "一、收入完成情况。一般公共预算收入46900万元，完成预算46508万元的100.8%，超收392万元，同比增长7.8%，增收3003万元。",
        ("PCT002", "7.8%"),
    ),
    # 7. 均在300亿之下 bounds, 由X调整为Y gives the amount before: neither is a total of the list after it.
    "a bound and an amount before adjustment": (
        "一、预算调整。省级一般公共预算总支出由3588.9亿元调整为3942.4亿元，其中转移性支出由2754.6亿元调整为3108.1亿元，"
        "比上年增加353.5亿元，增长12.8%。各市地方财政收入均在300亿元之下。其中甲市、乙市分别为262.5亿元、256.2亿元。",
        "一、预算调整。省级一般公共预算总支出由3588.9亿元调整为3942.4亿元，其中转移性支出由2754.6亿元调整为3108.1亿元，"
        "比上年增加353.5亿元，增长13.8%。各市地方财政收入均在300亿元之下。其中甲市、乙市分别为262.5亿元、256.2亿元。",
        ("PCT002", "13.8%"),
    ),
    # 2. 月进度29万元 is a difference from a pace; 少支 and 上年同月 are a direction and a base: the change is the
    # revenue's and the spending's.
    "a change after a pace, against the same month": (
        "一、财政收支。11月份，大口径财政收入完成4859万元，占年初预算月进度的99.4%，月进度29万元，较上年同月减收300万元，"
        "下降5.8%。本月完成财政支出3021万元，较上年同月少支5255万元，下降63.5%。",
        "一、财政收支。11月份，大口径财政收入完成4859万元，占年初预算月进度的99.4%，月进度29万元，较上年同月减收300万元，"
        "下降5.8%。本月完成财政支出3021万元，较上年同月少支5255万元，下降61.5%。",
        ("PCT002", "61.5%"),
    ),
    # 8. 剔除高新区后：the figures after it are on another basis, never copies of the figures before it.
    "figures on another basis": (
        "一、收入预算。市本级一般公共预算收入安排47.8亿元，加上上级补助和调入资金等133.6亿元，收入总计181.4亿元。\n"
        "剔除高新区后：\n市本级一般公共预算收入安排44.2亿元，加上上级补助等134.0亿元，收入总计178.2亿元。",
        "一、收入预算。市本级一般公共预算收入安排47.8亿元，加上上级补助和调入资金等133.6亿元，收入总计181.4亿元。\n"
        "剔除高新区后：\n市本级一般公共预算收入安排44.2亿元，加上上级补助等134.0亿元，收入总计178.2亿元。"
        "市本级收入总计为184.1亿元。",
        ("XRF002", "184.1亿元"),
    ),
    # 7. A shortfall's parts may exceed it; a change's parts in brackets are no item's figures.
    "parts of a shortfall and of a change": (
        "一、收入调整。预计短收69190万元，其中税收收入短收76180万元。全旗一般公共预算收入安排290000万元(其中：旗本级257800万元，"
        "开发区32200万元)，比上年增加60000万元(其中：旗本级58800万元，开发区1200万元)，增长26.1%。",
        "一、收入调整。预计短收69190万元，其中税收收入短收76180万元。全旗一般公共预算收入安排290000万元(其中：旗本级257800万元，"
        "开发区32200万元)，比上年增加60000万元(其中：旗本级58800万元，开发区1200万元)，增长22.1%。",
        ("PCT002", "22.1%"),
    ),
    # 11. Sentences written with ASCII commas, one numbered item a line: prose, never a CSV table.
    "numbered items written with ASCII commas": (
        "(二)一般公共预算支出情况\n主要支出项目情况如下:\n1.一般公共服务支出213892万元,同比增加17906万元,增长9.14%;\n"
        "2.教育支出320659万元,同比增加53798万元,增长20.16%;\n3.科学技术支出41250万元,同比增加3250万元,增长8.55%;",
        "(二)一般公共预算支出情况\n主要支出项目情况如下:\n1.一般公共服务支出213892万元,同比增加17906万元,增长8.69%;\n"
        "2.教育支出320659万元,同比增加53798万元,增长20.16%;\n3.科学技术支出41250万元,同比增加3250万元,增长8.55%;",
        ("PCT002", "8.69%"),
    ),
    # 2. A sentence opening with 其中 after a total's change: its parts' changes are against the same base.
    "the parts' changes after the total's": (
        "三、“三公”经费。2024年度“三公”经费支出决算数比2023年减少18.17万元，下降57.39%。其中：公务用车购置及运行费"
        "支出决算11.99万元，减少10.57万元，下降46.85%；公务接待费支出决算1.50万元，减少7.60万元，下降83.52%。",
        "三、“三公”经费。2024年度“三公”经费支出决算数比2023年减少18.17万元，下降57.39%。其中：公务用车购置及运行费"
        "支出决算11.99万元，减少10.57万元，下降48.85%；公务接待费支出决算1.50万元，减少7.60万元，下降83.52%。",
        ("PCT002", "48.85%"),
    ),
    # 3. A balance written out: items joined by 、, then 收入总量为x, are all of it; after 加上 they are added to a
    # figure stated before, and their sum is not the total.
    "a balance written out": (
        "一、平衡情况。2024年全县一般公共预算收支决算的平衡情况是：本级收入完成107,150万元、返还性收入18,345万元、"
        "上年结余12,764万元，收入总量为138,259万元。全县一般公共预算收入236.6亿元。加上中央补助2537.1亿元、上年结转436.2亿元，"
        "收入总量3209.9亿元。",
        "一、平衡情况。2024年全县一般公共预算收支决算的平衡情况是：本级收入完成107,150万元、返还性收入18,345万元、"
        "上年结余12,764万元，收入总量为138,529万元。全县一般公共预算收入236.6亿元。加上中央补助2537.1亿元、上年结转436.2亿元，"
        "收入总量3209.9亿元。",
        ("TOT001", "138,529万元"),
    ),
    # 2. Periods across sentences: the figure of the base's year is the base of the rate.
    "periods across sentences": (
        "三、“三公”经费。2023年度公务接待费8.64万元。2024年度公务接待费较2023年度减少0.72万元，下降8.33%。",
        "三、“三公”经费。2023年度公务接待费8.64万元。2024年度公务接待费较2023年度减少0.72万元，下降9.09%。",
        ("PCT002", "9.09%"),
    ),
    # 2. A sentence dated the year before (a paragraph kept from last year's report): its change is of that
    # year against the year before it; the figure stays its current figure, not the base.
    "change of a year before the report's": (
        "三、“三公”经费。2023年“三公”经费财政拨款支出决算为3.46万元，较上年增加2.40万元，增长226.4%。",
        "三、“三公”经费。2023年“三公”经费财政拨款支出决算为3.46万元，较上年增加2.40万元，增长0.24%。",
        ("PCT002", "0.24%"),
    ),
    # 5. Shares of a whole named but never stated (占支出总预算…): when consecutive shares of it add up to 100%
    # within rounding, the sum of their parts is that whole.
    "shares adding to 100% of a whole never stated": (
        "三、支出预算。其中：(一)教育支出类科目620450.20元，占支出总预算70.41%。(二)社会保障和就业支出类科目"
        "180300.10元，占支出总预算20.46%。(三)住房保障支出类科目80400.00元，占支出总预算9.12%。",
        "三、支出预算。其中：(一)教育支出类科目620450.20元，占支出总预算70.42%。(二)社会保障和就业支出类科目"
        "180300.10元，占支出总预算20.46%。(三)住房保障支出类科目80400.00元，占支出总预算9.12%。",
        ("PCT001", "70.42%"),
    ),
    # 5. 本年收入的具体构成为：…: the shares after it are of the whole it names (本年收入合计, stated before).
    "shares after 的具体构成为": (
        "一、收入决算情况说明。本年收入合计318.60万元，较上年增加12.40万元，增长4.05%。本年收入的具体构成为：财政拨款收入"
        "318.60万元，占100%；事业收入0万元，占0%；经营收入0万元，占0%。",
        "一、收入决算情况说明。本年收入合计318.60万元，较上年增加12.40万元，增长4.05%。本年收入的具体构成为：财政拨款收入"
        "296.10万元，占100%；事业收入0万元，占0%；经营收入0万元，占0%。",
        ("PCT001", "100%"),
    ),
    # 5. 占收入预算总额的r% after 某镇人民政府收入预算总额为X: the whole named without its subject is that statement.
    "a whole named without its subject": (
        "一、收入预算。青禾镇人民政府收入预算总额为5000.00万元，比上年增加200.00万元，增长4.17%。其中：财政拨款收入"
        "600.00万元，占收入预算总额的12.0%；其他收入4350.00万元，占收入预算总额的87.0%；上年结转50.00万元，占收入预算总额的1.0%。",
        "一、收入预算。青禾镇人民政府收入预算总额为5000.00万元，比上年增加200.00万元，增长4.17%。其中：财政拨款收入"
        "600.00万元，占收入预算总额的12.1%；其他收入4350.00万元，占收入预算总额的87.9%。",
        ("PCT001", "87.9%"),
    ),
    # 5. Shares named by position after their whole (占…的a%和b%).
    "positional shares with their whole": (
        "四、政府采购。政府采购总额为500.0万元，货物、服务采购分别为200.0万元和300.0万元，占政府采购总额的40.0%和60.0%。",
        "四、政府采购。政府采购总额为500.0万元，货物、服务采购分别为200.0万元和300.0万元，占政府采购总额的40.0%和70.0%。",
        ("PCT001", "70.0%"),
    ),
    # 5. A share that names its part is that part's, not the last item stated.
    "share names its part": (
        "一、收入情况。收入合计1000万元，其中税收收入700万元，较上年增加10万元；非税收入300万元，较上年增加5万元；税收收入占收入合计的比重为70.0%。",
        "一、收入情况。收入合计1000万元，其中税收收入700万元，较上年增加10万元；非税收入300万元，较上年增加5万元；税收收入占收入合计的比重为30.0%。",
        ("PCT001", "30.0%"),
    ),
    # 5. Shares of an implied whole: no whole printed, the items listed are every member of a declared
    # partition (the three “三公” items) or their shares add up to 100%.
    "shares of the items of a complete partition": (
        "三、“三公”经费。“三公”经费支出决算中，因公出国(境)费0万元，占0%；公务用车购置及运行维护费1.40万元，占83.3%；公务接待费0.28万元，占16.7%。",
        "三、“三公”经费。“三公”经费支出决算中，因公出国(境)费0万元，占0%；公务用车购置及运行维护费1.40万元，占0.02%；公务接待费0.28万元，占16.7%。",
        ("PCT001", "0.02%"),
    ),
    "shares of a named whole that is never stated": (
        "二、支出。1.基本支出2476260.58元，占一般公共预算支出的84.06%。2.项目支出469500元，占一般公共预算支出的15.94%。",
        "二、支出。1.基本支出2476260.58元，占一般公共预算支出的84.06%。2.项目支出469500元，占一般公共预算支出的19.62%。",
        ("PCT001", "19.62%"),
    ),
    "swapped shares adding up to 100%": (
        "三、“三公”经费。“三公”经费支出决算中，公务接待费0.64万元，占28%；公务用车运行维护费1.64万元，占72%。",
        "三、“三公”经费。“三公”经费支出决算中，公务接待费0.64万元，占72%；公务用车运行维护费1.64万元，占28%。",
        ("PCT001", "72%"),
    ),
    # 6. 占年初预算X的r% / 完成全年预算X的r%: X is the whole of the rate, not a new item.
    "rate of a whole printed before 的": (
        "三、“三公”经费。“三公”经费支出决算为34.08万元，完成全年预算50.74万元的67.2%，比上年决算数减少1.55万元，下降4.4%。",
        "三、“三公”经费。“三公”经费支出决算为34.08万元，完成全年预算50.74万元的76.2%，比上年决算数减少1.55万元，下降4.4%。",
        ("PCT005", "76.2%"),
    ),
    # 6. Completion rates: the outturn over the same item's budget (预算为B，支出决算为A，完成预算的r%).
    "completion rate after its budget and outturn": (
        "三、“三公”经费。某区档案馆2024年度一般公共预算财政拨款“三公”经费支出预算为3万元，支出决算为1.71万元，完成预算的57%。",
        "三、“三公”经费。某区档案馆2024年度一般公共预算财政拨款“三公”经费支出预算为3万元，支出决算为1.71万元，完成预算的43%。",
        ("PCT005", "43%"),
    ),
    "completion rate with the outturn's change against the budget": (
        "三、一般公共预算财政拨款支出。本单位一般公共预算财政拨款支出总计1741.75万元；完成年初预算103.32%，决算数大于预算数55.93万元。",
        "三、一般公共预算财政拨款支出。本单位一般公共预算财政拨款支出总计1741.75万元；完成年初预算100%，决算数大于预算数55.93万元。",
        ("PCT005", "100%"),
    ),
    "completion rate of an item whose budget was stated before": (
        "三、“三公”经费。公务接待费年初预算为12.00万元。公务接待费支出决算为7.50万元，完成年初预算的62.50%。",
        "三、“三公”经费。公务接待费年初预算为12.00万元。公务接待费支出决算为7.50万元，完成年初预算的65.20%。",
        ("PCT005", "65.20%"),
    ),
    "completion rate, the parts under 其中 are the outturn's": (
        "三、“三公”经费。“三公”经费支出预算为22.96万元，支出决算为15.81万元，完成预算的68.86%。其中：公务用车购置及运行维护费支出决算为0.40万元，公务接待费支出决算为15.41万元。",
        "三、“三公”经费。“三公”经费支出预算为22.96万元，支出决算为15.81万元，完成预算的68.68%。其中：公务用车购置及运行维护费支出决算为0.40万元，公务接待费支出决算为15.41万元。",
        ("PCT005", "68.68%"),
    ),
    # 6. 占年初预算的r% is a completion rate (its budget not stated here), not a share of the list's total;
    # 占基本支出预算的r% names an item (基本支出预算), so it is a share.
    "占年初预算的 is a completion rate, not a share": (
        "一、收入情况。全市一般公共预算收入完成407186万元，占年初预算的110.6%。其中税收收入完成329065万元，占年初预算的107.6%，税收比重为80.8%。",
        "一、收入情况。全市一般公共预算收入完成407186万元。其中税收收入完成329065万元，占全市一般公共预算收入的87.6%。",
        ("PCT001", "87.6%"),
    ),
    "share of an item named with 预算": (
        "二、支出情况。基本支出预算881300.39元，其中：工资福利支出预算716052.51元，占基本支出预算81.25%；商品和服务支出预算165247.88元，占基本支出预算18.75%。",
        "二、支出情况。基本支出预算881300.39元，其中：工资福利支出预算716052.51元，占基本支出预算81.25%；商品和服务支出预算165247.88元，占基本支出预算18.76%。",
        ("PCT001", "18.76%"),
    ),
    # 7. Nested lists: a sibling closes the inner list; bracketed figures break down the figure before them.
    "nested list closed by a sibling": (
        "三、“三公”经费。“三公”经费支出78万元，其中公务用车购置及运行维护费42万元，其中公务用车运行维护费42万元、公务用车购置费0万元；公务接待费36万元。",
        "三、“三公”经费。“三公”经费支出78万元，其中公务用车购置及运行维护费42万元，其中公务用车运行维护费52万元、公务用车购置费0万元；公务接待费36万元。",
        ("TOT001", "42万元"),
    ),
    "bracketed breakdown": (
        "三、“三公”经费。“三公”经费41万元，其中：因公出国(境)费0万元，公务用车购置及运行维护费21万元(公务用车购置费0万元、公务用车运行维护费21万元)，公务接待费20万元。",
        "三、“三公”经费。“三公”经费41万元，其中：因公出国(境)费0万元，公务用车购置及运行维护费21万元(公务用车购置费0万元、公务用车运行维护费31万元)，公务接待费20万元。",
        ("TOT001", "21万元"),
    ),
    # 9. A list that runs on past its end: the first items already give the total, so what follows is not
    # one of its parts (the sentence goes on to the next item).
    "list that runs on past its total": (
        "一、政府性基金。全县完成政府性基金收入969万元，其中国有土地使用权出让收入866万元、城市基础设施配套费收入35万元、污水处理费收入68万元，完成政府性基金支出4093万元。",
        "一、政府性基金。全县完成政府性基金收入969万元，其中国有土地使用权出让收入886万元、城市基础设施配套费收入35万元、污水处理费收入68万元。",
        ("TOT002", "969万元"),
    ),
    # 3. Respective lists: 收、支总计分别为x、y，与上年相比分别减少Δ1、Δ2，分别下降a%、b% (a rate on the base).
    "respective list of 收、支 with its changes and rates": (
        "一、收入支出决算总体情况。2024年度收、支总计分别为612.30万元、612.30万元，与上年相比分别减少102.75万元、102.75万元，分别下降14.4%、14.4%。",
        "一、收入支出决算总体情况。2024年度收、支总计分别为612.30万元、612.30万元，与上年相比分别减少102.75万元、102.75万元，分别下降14.4%、16.8%。",
        ("PCT002", "16.8%"),
    ),
    # 9. A clause opening with 加 adds a term to the sum being built: it is no part of the 其中 list before it.
    "加 ends a 其中 list": (
        "一、一般公共预算。全区一般公共预算总收入410338万元，其中地方一般公共预算收入271630万元；加上级补助收入120846万元，上年结余收入42690万元，收入合计573874万元。",
        "一、一般公共预算。全区一般公共预算总收入410338万元，其中地方一般公共预算收入471630万元；加上级补助收入120846万元，上年结余收入42690万元，收入合计573874万元。",
        ("TOT002", "410338万元"),
    ),
    # 7. One figure in brackets is a part of the figure before only when the bracket says so (含, 其中).
    "one figure in brackets is its own": (
        "二、支出。安排预算稳定调节基金28478万元(累计稳定调节基金43429万元)，债务还本支出6751万元。",
        "二、支出。一般公共预算支出1996786万元(含权责发生制列支2285941万元)，债务还本支出6751万元。",
        ("TOT002", "1996786万元"),
    ),
    # Numbered section headings (1.一般公共预算收支 / 2.政府性基金收支) set the fund scope of their figures.
    "numbered sections of two fund scopes": (
        "1.一般公共预算收支情况\n一般公共预算收入300万元，上级补助收入214.6万元，收入合计514.6万元。\n2.政府性基金收支情况\n政府性基金收入0万元，上级补助收入192.5万元，收入合计192.5万元。",
        "1.一般公共预算收支情况\n一般公共预算收入300万元，上级补助收入214.6万元，收入合计514.6万元。\n一般公共预算收入300万元，上级补助收入192.5万元，收入合计492.5万元。",
        ("XRF002", "492.5万元"),
    ),
    # 4. A breakdown under its own subject: that 基本支出 is 机构运行's, never the department's.
    "breakdown under its own subject": (
        "二、支出情况。本年支出合计1493924.6元，其中基本支出1440224.6元，项目支出53700元。机构运行1100910.5元，其中：基本支出1100910.5元，项目支出0元。",
        "二、支出情况。本年支出合计1493924.6元，其中基本支出1440224.6元，项目支出53700元。机构运行1100910.5元，其中：基本支出1200910.5元，项目支出0元。",
        # 基本支出 + 项目支出 is every part of an item the dictionary does not know: its split is complete (TOT001).
        ("TOT001", "1100910.5元"),
    ),
    # 8. A subject named by a frame (在41个县…上，) speaks for the paragraphs after it, until another frame.
    "subjects named by frames": (
        "一、收支情况。全省一般公共预算支出完成512.4亿元，同比增加40.2亿元，增长8.5%。\n"
        "在38个县收支完成情况上，一般公共预算收入完成126亿元。\n一般公共预算支出完成248.3亿元，同比增加21.6亿元，增长9.5%。\n"
        "在61个区收支完成情况上，一般公共预算收入完成301.5亿元。\n一般公共预算支出完成264.1亿元，同比增加18.6亿元，增长7.6%。",
        "一、收支情况。全省一般公共预算支出完成512.4亿元，同比增加40.2亿元，增长8.5%。\n"
        "在38个县收支完成情况上，一般公共预算收入完成126亿元。\n一般公共预算支出完成248.3亿元，同比增加21.6亿元，增长8.7%。\n"
        "在61个区收支完成情况上，一般公共预算收入完成301.5亿元。\n一般公共预算支出完成264.1亿元，同比增加18.6亿元，增长7.6%。",
        ("PCT002", "8.7%"),
    ),
    # 8. A sentence opening with a stretch of the year (5月份，/1—5月份，/上半年，) speaks of that stretch: a month's
    # figure is never a copy of the months' total.
    "stretches of the year": (
        "一、收支情况。5月份，全市一般公共预算支出完成186420万元，下降8.7%。1—5月份，全市一般公共预算支出完成"
        "1168500万元，比上年同期减少16580万元，下降1.4%。",
        "一、收支情况。5月份，全市一般公共预算支出完成186420万元，下降8.7%。1—5月份，全市一般公共预算支出完成"
        "1168500万元，比上年同期减少16580万元，下降1.6%。",
        ("PCT002", "1.6%"),
    ),
    # 8. 地方 named inside a sentence that opens with another subject is that subject's 地方.
    "a local part inside a subject's sentence": (
        "一、收入情况。全市地方一般公共预算收入完成136.5亿元，同比增长7.5%。青禾县财政总收入完成38亿元，较上年同期增长13.8%；"
        "地方一般公共预算收入完成21.8亿元，较上年同期增长3%。",
        "一、收入情况。全市地方一般公共预算收入完成136.5亿元，同比增长7.5%。青禾县财政总收入完成38亿元，较上年同期增长13.8%；"
        "地方一般公共预算收入完成21.8亿元，较上年同期增长3%。全市地方一般公共预算收入为163.5亿元。",
        ("XRF002", "163.5亿元"),
    ),
    # 8. 完成地方一般公共预算收入 is 地方's: 完成 opens no subject.
    "a verb before a subject": (
        "一、收入情况。2024年全县完成一般公共预算收入28239万元，比上年减少2289万元，下降7.50%，其中：完成地方一般公共预算收入"
        "17869万元，上划中央收入8111万元，上划省级收入2259万元。",
        "一、收入情况。2024年全县完成一般公共预算收入28239万元，比上年减少2289万元，下降7.50%，其中：完成地方一般公共预算收入"
        "17869万元，上划中央收入8111万元，上划省级收入2259万元。全县一般公共预算收入为28293万元。",
        ("XRF002", "28293万元"),
    ),
    # 8. Several subjects in one text: a figure named with another subject (太原市…, 中央…, 市本级…) is that
    # subject's; 全市 is the city named last.
    "several subjects in one report": (
        "一、各市收支。太原市一般公共预算收入完成148.36亿元，同比增长40.1%。晋城市一般公共预算收入完成93.7亿元，同比增长35.2%。",
        "一、各市收支。太原市一般公共预算收入完成148.36亿元，同比增长40.1%。太原市一般公共预算收入为184.36亿元。",
        ("XRF002", "184.36亿元"),
    ),
    "another body before the year": (
        "一、各部门。以甲部为例，2020年度财政拨款收入40.67亿元。乙部2020年度财政拨款收入272.52亿元，比2019年度决算数减少33.00亿元，下降10.8%。",
        "一、各部门。以甲部为例，2020年度财政拨款收入40.67亿元。乙部2020年度财政拨款收入272.52亿元，比2019年度决算数减少33.00亿元，下降12.8%。",
        ("PCT002", "12.8%"),
    ),
    "a stretch of time before the fund scope is no subject": (
        "一、收入。2023年1-9月一般公共预算收入37,730万元，为全县全年预算46,908万元的80.43%，比上年同期35,285万元增收2,445万元，增长6.9%。",
        "一、收入。2023年1-9月一般公共预算收入37,730万元，为全县全年预算46,908万元的80.43%，比上年同期35,285万元增收2,445万元，增长7.9%。",
        ("PCT002", "7.9%"),
    ),
    "全市 is the city named last": (
        "一、各市收支。忻州市一般公共预算收入完成67.33亿元。全市一般公共预算支出128.01亿元。吕梁市一般公共预算收入完成139.42亿元。全市一般公共预算支出144.02亿元。",
        "一、各市收支。忻州市一般公共预算收入完成67.33亿元。全市一般公共预算支出128.01亿元。吕梁市一般公共预算收入完成139.42亿元。全市一般公共预算支出144.02亿元。忻州市一般公共预算支出为182.01亿元。",
        ("XRF002", "182.01亿元"),
    ),
    "全区 is the report's own subject": (
        "一、支出。今年1-4月，全区一般公共预算支出1091.71亿元，同比增长10.1%；其中民生支出完成868.04亿元，民生支出占一般公共预算支出的比重达79.5%。",
        "一、支出。今年1-4月，全区一般公共预算支出1091.71亿元，同比增长10.1%；其中民生支出完成868.04亿元，民生支出占一般公共预算支出的比重达79.1%。",
        ("PCT001", "79.1%"),
    ),
    "a line that names its subject first": (
        "一、各市。全省一般公共预算支出1649.8亿元。\n阳泉市一般公共预算收入33.2亿元。一般公共预算支出执行43.73亿元，其中民生支出35.8亿元，占一般公共预算支出的81.9%。",
        "一、各市。全省一般公共预算支出1649.8亿元。\n阳泉市一般公共预算收入33.2亿元。一般公共预算支出执行43.73亿元，其中民生支出35.8亿元，占一般公共预算支出的71.9%。",
        ("PCT001", "71.9%"),
    ),
    "其中 inside a bracket": (
        "一、预算调整。批准调整一般公共预算支出预算数167.80亿元(其中：区级一般公共预算支出135亿元)。一般公共预算支出167.75亿元，其中：区级一般公共预算支出132.42亿元。",
        "一、预算调整。批准调整一般公共预算支出预算数167.80亿元(其中：区级一般公共预算支出185亿元)。一般公共预算支出167.75亿元，其中：区级一般公共预算支出132.42亿元。",
        ("TOT002", "167.80亿元"),
    ),
    # 9. The changes of a total and of every member of its partition, each stated with its item, add up.
    "changes of a complete partition": (
        "三、“三公”经费。“三公”经费支出合计585.53万元，同比减少144.92万元。其中：因公出国(境)费0万元，同比减少0万元；公务用车购置及运行维护费585.53万元，同比减少144.81万元；公务接待费0万元，同比减少0.11万元。",
        "三、“三公”经费。“三公”经费支出合计585.53万元，同比减少144.92万元。其中：因公出国(境)费0万元，同比减少0万元；公务用车购置及运行维护费585.53万元，同比减少144.92万元；公务接待费0万元，同比减少0.11万元。",
        ("TOT003", "144.92万元"),
    ),
    # 9. Lists that do not add up by nature: completion rates after 其中, overlapping head counts.
    "percentages after 其中": (
        "三、“三公”经费。“三公”经费支出决算为8.77万元，完成预算的39.86%，其中：因公出国(境)费决算为0万元，完成预算的0%；公务用车购置及运行维护费决算为8.47万元，完成预算的60.50%。",
        "三、“三公”经费。“三公”经费支出决算为8.77万元，较上年增加1.00万元，增长9.0%。",
        ("PCT002", "9.0%"),
    ),
    "overlapping head counts": (
        "一、基本情况。实有教职工62人，其中副高级职称4人，中级职称25人，初级职称23人，退休职工28人。",
        "一、基本情况。实有教职工62人，其中副高级职称4人，较上年增加2人，增长50%。",
        ("PCT002", "50%"),
    ),
    # 10. 无增减 said of another item than the last one stated.
    "flat claim of an item named in its clause": (
        "三、“三公”经费。“三公”经费支出决算总额为5.48万元，比去年增加1.55万元，增长39.4%。公务用车购置支出决算比预算无增减变化，比去年无增减变化。",
        "三、“三公”经费。“三公”经费支出决算总额为5.48万元，比去年增加1.55万元，增长39.4%，与去年持平。",
        ("PCT004", "持平"),
    ),
    # 10. Unchanged in words, changed in figures: the base's own figure is stated elsewhere.
    "unchanged against a budget stated before": (
        "三、“三公”经费。公务用车运行维护费年初预算为2.48万元。公务用车运行维护费支出决算为2.48万元，与2024年度预算相比无变化。",
        "三、“三公”经费。公务用车运行维护费年初预算为15.00万元。公务用车运行维护费支出决算为2.48万元，与2024年度预算相比无变化。",
        ("PCT006", "无变化"),
    ),
    # 11. Text as published: a space after a thousands comma (1, 537.4万元) is one figure.
    "a space after a thousands comma": (
        "三、“三公”经费。公务用车购置及运行维护费1,646.4万元(公务用车购置费109.0万元、公务用车运行维护费1, 537.4万元)。",
        "三、“三公”经费。公务用车购置及运行维护费1,646.4万元(公务用车购置费109.0万元、公务用车运行维护费1, 637.4万元)。",
        ("TOT001", "1,646.4万元"),
    ),
    # 11. Text as published: pinyin a web page inserted after characters (預(yù)算) is read past.
    "pinyin inserted after characters": (
        "三、“三公”經(jīng)費。“三公”經(jīng)費支出預(yù)算為3萬元，支出決(jué)算為1.71萬元，完成預(yù)算的57%。",
        "三、“三公”經(jīng)費。“三公”經(jīng)費支出預(yù)算為3萬元，支出決(jué)算為1.71萬元，完成預(yù)算的43%。",
        ("PCT005", "43%"),
    ),
    # Direction words with a signed figure: 下降-81.75% repeats the fall; 增加-9.60万元 contradicts itself.
    "signed rate after a word of decrease": (
        "三、“三公”经费。“三公”经费支出决算数为116.72万元，比上年减少518.38万元，下降-81.62%。",
        "三、“三公”经费。“三公”经费支出决算数为116.72万元，比上年减少518.38万元，增长81.62%。",
        ("PCT003", "81.62%"),
    ),
    "a fall written as growth of a negative rate": (
        "二、支出预算。基本支出预算624.95万元，比2024年1123.96万元减少499.01万元，增长-44%。",
        "二、支出预算。基本支出预算624.95万元，比2024年1123.96万元增加499.01万元，增长-44%。",
        ("PCT003", "-44%"),
    ),
    # 7. 主要为 after a part opens that part's own breakdown.
    "a part's breakdown opened by 主要为": (
        "一、收入情况。2024年，全区转移性收入10.77亿元，其中：一般转移支付收入10.72亿元，主要为税收返还收入0.75亿元；"
        "均衡性转移支付收入6.95亿元；专项转移收入3.02亿元。",
        "一、收入情况。2024年，全区转移性收入10.77亿元，其中：一般转移支付收入10.72亿元，主要为税收返还收入0.75亿元；"
        "均衡性转移支付收入6.95亿元；专项转移收入13.02亿元。",
        ("TOT002", "10.72亿元"),
    ),
    # 其中： a sentence of its own after a sentence of several amounts: the list may be of any of them.
    "其中 alone after several amounts": (
        "二、使用情况。2024年市级彩票公益金收入1237万元，安排支出1169万元，结转下年使用68万元。其中：\n"
        "1.福利彩票公益金498万元，用于社会福利事业。\n2.体育彩票公益金739万元，用于全民健身。",
        "二、使用情况。2024年市级彩票公益金结转下年使用68万元。其中：\n"
        "1.福利彩票公益金28万元，用于社会福利事业。\n2.体育彩票公益金50万元，用于全民健身。",
        ("TOT002", "68万元"),
    ),
    # 7. The next item numbered as the total's item ends the total's 其中 list.
    "the next numbered item after a 其中 list": (
        "一、使用情况。1、群众性运动会654.17万元，其中补助地方30万元；2、全民健身活动559.52万元；3、其他活动219.41万元。",
        "一、使用情况。1、群众性运动会654.17万元，其中补助地方700万元；2、全民健身活动559.52万元；3、其他活动219.41万元。",
        ("TOT002", "654.17万元"),
    ),
    # A list of names that counts itself in groups of another kind (…三大类) is not the list first counted.
    "names counted in groups of their own": (
        "一、基本情况。本局拟安排文物业务项目预算3962.62万元，涉及9个方向，包括文物保护与考古、博物馆业务和水下遗产保护三大类。",
        "一、基本情况。本局内设机构4个，即办公室、文物保护处、博物馆处。",
        ("TOT006", "4个"),
    ),
    # 8. A subject named before the item (县本级“三公”经费决算): its parts' changes are against the total's base.
    "a part's change under a subject's total": (
        "三、“三公”经费。2024年县本级“三公”经费决算支出数为1957.23万元，较2023年决算数1953.72万元增加3.51万元，"
        "增长0.2%。其中，因公出国(境)费65.98万元，增加53.75万元，增长439.5%。",
        "三、“三公”经费。2024年县本级“三公”经费决算支出数为1957.23万元，较2023年决算数1953.72万元增加3.51万元，"
        "增长0.2%。其中，因公出国(境)费65.98万元，增加53.75万元，增长437.7%。",
        ("PCT002", "437.7%"),
    ),
    # 11. A label opened by words of the publication or a verb (部门决算公开…, 支出…): the item after them.
    "an item named after words of the publication": (
        "三、“三公”经费。2024年部门决算公开“三公”经费合计31.23万元。2024年部门决算公开公务接待费1.58万元，"
        "经核查，2024年度我单位支出公务接待费为1.58万元。",
        "三、“三公”经费。2024年部门决算公开“三公”经费合计31.23万元。2024年部门决算公开公务接待费1.58元，"
        "经核查，2024年度我单位支出公务接待费为1.58万元。",
        ("XRF002", "1.58元"),
    ),
    # 1. The other percentage printed in the comparison: the points are the difference of the two.
    "points against the percentage printed before them": (
        "一、教育经费。2024年教育经费占一般公共预算支出的比例为13.05%，比上年的12.48%提高了0.57个百分点。",
        "一、教育经费。2024年教育经费占一般公共预算支出的比例为13.05%，比上年的12.48%提高了0.75个百分点。",
        ("PCT008", "0.75个百分点"),
    ),
    "points against a percentage in brackets, after a fall": (
        "一、收入情况。全市一般公共预算收入下降3.2%，比全省平均增幅(-4.6%)高1.4个百分点。",
        "一、收入情况。全市一般公共预算收入下降3.2%，比全省平均增幅(-4.6%)高2.4个百分点。",
        ("PCT008", "2.4个百分点"),
    ),
    "points after a comparison that says which is higher": (
        "一、教育经费。全县教育支出占比为17.36%，高于全市平均占比15.21%的2.15个百分点。",
        "一、教育经费。全县教育支出占比为17.36%，低于全市平均占比15.21%的2.15个百分点。",
        ("PCT008", "2.15个百分点"),
    ),
    # 2. A share's clause (占基本支出预算%, its figure left out) names the share's whole, not the change's subject.
    "a change after a share whose figure is missing": (
        "六、基本支出。商品和服务支出预算 75800 元,占基本支出预算%,同比增加\n21044.27 元,增长 38.43%,增长原因是会议费增加。",
        "六、基本支出。商品和服务支出预算 75800 元,占基本支出预算%,同比增加\n21044.27 元,增长 27.76%,增长原因是会议费增加。",
        ("PCT002", "27.76%"),
    ),
    # 1. 负增长 (negative growth) is a fall: with 减少 it agrees, and its rate is judged as a fall's.
    "负增长 as a fall": (
        "三、“三公”经费。“三公”经费2.86亿元，同比减少0.37亿元，负增长11.5%。",
        "三、“三公”经费。“三公”经费2.86亿元，同比减少0.37亿元，负增长12.9%。",
        ("PCT002", "12.9%"),
    ),
    # 1. Both years' figures labelled 上年 and 本年: the rate after them is of the two, even 同口径 (on the basis of
    # those very figures) and with no comparison word.
    "上年 and 本年 figures before a rate": (
        "二、生均经费。(1)普通小学上年10321.31元，本年10859.52元，同口径比上年增长5.21%。",
        "二、生均经费。(1)普通小学上年10321.31元，本年10859.52元，同口径比上年增长15.21%。",
        ("PCT002", "15.21%"),
    ),
    "上年 and 本年 figures before a rate with no comparison": (
        "二、生均经费。(2)普通初中上年14383.56元，本年11662.98元，同口径增加-18.91%。",
        "二、生均经费。(2)普通初中上年14383.56元，本年11662.98元，同口径增加3.72%。",
        ("PCT002", "3.72%"),
    ),
    "上年 and 本年 figures, the unit printed once for both": (
        "二、生均经费。(5)幼儿园上年2709.16，本年2845.20元，本年比上年增长5.02%。",
        "二、生均经费。(5)幼儿园上年2709.16，本年2845.20元，本年比上年增长61.98%。",
        ("PCT002", "61.98%"),
    ),
    # 1. The base printed inside a frame (与上年的X同口径相比): the rate is of the two figures.
    "the base inside 与…相比": (
        "一、教育经费。2024年全县一般公共预算教育经费为64469万元，与上年的61318万元同口径相比增5.14%。",
        "一、教育经费。2024年全县一般公共预算教育经费为64469万元，与上年的61318万元同口径相比增15.14%。",
        ("PCT002", "15.14%"),
    ),
    # 2. Points ahead of the pace, then an unlabelled amount (its label 超收 dropped): the change after them is
    # the revenue's, stated before them.
    "a change after points and an unlabelled amount": (
        "一、收入情况。非税收入完成28106万元，占年初预算21521万元的130.6%，平均进度38.9个百分点，8378万元。较上年同期增2684万元，增长10.6%。",
        "一、收入情况。非税收入完成28106万元，占年初预算21521万元的130.6%，平均进度38.9个百分点，8378万元。较上年同期增2684万元，增长11.6%。",
        ("PCT002", "11.6%"),
    ),
    # 2. An average yearly rate beside the growth since a base year: compounded over the years, it gives that growth.
    "a yearly rate beside the growth since a base year": (
        "一、生均经费。全县普通高中生均一般公共预算教育经费年均增长8.45%，2024年达到18750.25元，比2019年增长49.99%。",
        "一、生均经费。全县普通高中生均一般公共预算教育经费年均增长9.45%，2024年达到18750.25元，比2019年增长49.99%。",
        ("PCT009", "9.45%"),
    ),
    # 2. A second comparison in the same sentence naming no item is of the item the first one named.
    "a second comparison of the item just compared": (
        "三、“三公”经费。国内公务接待27批次，134人次。经比较，“三公”经费较上年减少15.29万元，较年初预算数减少0.04万元。"
        "“三公”经费决算数比年初预算数减少0.04万元。",
        "三、“三公”经费。国内公务接待27批次，134人次。经比较，“三公”经费较上年减少15.29万元，较年初预算数减少0.04万元。"
        "“三公”经费决算数比年初预算数增加0.04万元。",
        ("XRF001", "0.04万元"),
    ),
    # 4. A 其中 list with its colon right after a reason (its comma left out) ends the reason: its parts are listed.
    "a 其中 list right after a reason": (
        "二、收入情况。2024年度收入合计348.50万元，较上年增加10.47万元，主要原因是增资调资收入增加其中：财政拨款收入348.50万元，占100%。",
        "二、收入情况。2024年度收入合计348.50万元，较上年增加10.47万元，主要原因是增资调资收入增加其中：财政拨款收入358.50万元。",
        ("TOT002", "348.50万元"),
    ),
    # 12. One item's change against one base stated twice with amounts that cannot be the same.
    "a change stated twice with different amounts": (
        "二、收入情况。2024年度收入合计348.50万元，较上年增加10.47万元。三、其他说明。2024年度收入合计较上年增加10.47万元。",
        "二、收入情况。2024年度收入合计348.50万元，较上年增加10.47万元。三、其他说明。2024年度收入合计较上年增加10.74万元。",
        ("XRF001", "10.74万元"),
    ),
    "收、支总计各增加 against each total's change": (
        "一、总体情况。2024年度收入总计348.50万元，支出总计348.50万元，收入总计较上年增加10.47万元。"
        "二、收支说明。2024年度收、支总计均为348.50万元，与2023年相比，收、支总计各增加10.47万元。",
        "一、总体情况。2024年度收入总计348.50万元，支出总计348.50万元，收入总计较上年增加10.47万元。"
        "二、收支说明。2024年度收、支总计均为348.50万元，与2023年相比，收、支总计各增加10.7万元。",
        ("XRF001", "10.7万元"),
    ),
    # 4. An item's share of 项目支出 makes it 项目支出's part, never a copy of the department's or 基本支出's item.
    "an economic item of 项目支出 beside the same item of 基本支出": (
        "二、基本支出。商品和服务支出预算445372.24元，占基本支出预算17.99%，同比减少36235.88元。"
        "三、项目支出。商品和服务支出426000元，占项目支出预算90.73%，同比增加36600元，增长9.4%。",
        "二、基本支出。商品和服务支出预算445372.24元，占基本支出预算17.99%，同比减少36235.88元。"
        "三、项目支出。商品和服务支出426000元，占项目支出预算90.73%，同比增加36600元，增长19.4%。",
        ("PCT002", "19.4%"),
    ),
    # 8. 全州 and 州本级, each with its 三公经费 paid from 财政拨款 (the item named before the fund-scope word).
    "the whole prefecture and its own level, each with its 三公经费": (
        "三、“三公”经费。2021年全州“三公经费”财政拨款支出4,855万元，比上年减支433万元，降低8.19%。"
        "州本级“三公经费”财政拨款支出1,127万元，比上年减支73万元，下降6.08%。",
        "三、“三公”经费。2021年全州“三公经费”财政拨款支出4,855万元，比上年减支433万元，降低8.19%。"
        "州本级“三公经费”财政拨款支出1,127万元，比上年减支73万元，下降7.08%。",
        ("PCT002", "7.08%"),
    ),
    # 4. A 其中 list after the outturn, the budget stated before it: the parts are the outturn's (same measure).
    "shares of the outturn, its budget stated first": (
        "三、“三公”经费。2024年度“三公”经费财政拨款支出预算为44.52万元，实际支出“三公经费”决算为22.62万元。"
        "其中公务接待费为20.10万元，占88.86%；公务用车运行维护费为2.52万元，占11.14%。",
        "三、“三公”经费。2024年度“三公”经费财政拨款支出预算为44.52万元，实际支出“三公经费”决算为22.62万元。"
        "其中公务接待费为20.10万元，占11.14%；公务用车运行维护费为2.52万元，占88.86%。",
        ("PCT001", "11.14%"),
    ),
    # 11. 今年1月至6月，… opens a stretch of the year: its figures and those of the sentences after it on its line
    # are the months', never copies of the year's.
    "months written 1月至6月, then a second sentence of the same months": (
        "一、收支情况。2024年全省一般公共预算支出5930.32亿元，完成调整预算的95.8%。\n"
        "今年1月至6月，全省地方一般公共预算收入1439.05亿元。全省一般公共预算支出3078.34亿元，比上年同期增加184.05亿元，增长6.36%。",
        "一、收支情况。2024年全省一般公共预算支出5930.32亿元，完成调整预算的95.8%。\n"
        "今年1月至6月，全省地方一般公共预算收入1439.05亿元。全省一般公共预算支出3078.34亿元，比上年同期增加184.05亿元，增长7.36%。",
        ("PCT002", "7.36%"),
    ),
    # 1. The base names an item stated before the last part (比上年财政总收入X减少Y): the change is that item's.
    "a base naming the total before its parts": (
        "一、收入情况。2022年，我镇实现财政总收入203541.54万元，其中，一般转移支付收入180500.00万元，专项转移支付收入23041.54万元。"
        "比上年财政总收入238960.28万元减少35418.74万元，下降14.82%。",
        "一、收入情况。2022年，我镇实现财政总收入203541.54万元，其中，一般转移支付收入180500.00万元，专项转移支付收入23041.54万元。"
        "比上年财政总收入238960.28万元减少35418.74万元，下降17.40%。",
        ("PCT002", "17.40%"),
    ),
    # 1. 较年初预算超收1.17亿元: a difference from the budget, not a base; the next item's change is its own.
    "a surplus over the budget, then the next item's change": (
        "一、收入情况。地方收入14.67亿元，较上年增加2.17亿元，增长17.4%，较年初预算超收1.17亿元，全部用于弥补预算平衡；"
        "上划中央收入6.79亿元，较上年增加1348万元，增长2%。",
        "一、收入情况。地方收入14.67亿元，较上年增加2.17亿元，增长17.4%，较年初预算超收1.17亿元，全部用于弥补预算平衡；"
        "上划中央收入6.79亿元，较上年增加1348万元，增长3%。",
        ("PCT002", "3%"),
    ),
    # 2. An amount before, the amount after, their difference and its rate (财政投资评审, 政府采购).
    "submitted, approved, cut and the rate of the cut": (
        "五、财政投资评审。全年完成评审项目162个，送审金额115991万元，审定金额97219万元，审减金额18772万元，审减率16.18%。",
        "五、财政投资评审。全年完成评审项目162个，送审金额115991万元，审定金额97219万元，审减金额18906万元，审减率16.18%。",
        ("TOT001", "115991万元"),
    ),
    "a purchase budget, the amount bought, the saving and its rate": (
        "六、政府采购。全年采购预算金额为42875.34万元，实际采购金额为42642.41万元，节约金额232.93万元，资金节约率为0.54%。",
        "六、政府采购。全年采购预算金额为42875.34万元，实际采购金额为42642.41万元，节约金额232.93万元，资金节约率为0.64%。",
        ("PCT001", "0.64%"),
    ),
    # 2. A comparison opening a sentence (与2015年决算数相比，) holds for the sentences after it on its line; a
    # change of 支出 there is of the 支出总计 stated before it.
    "a comparison opening a line, and a later sentence's change of the total": (
        "一、总体情况。本部门2016年度收入总计6955.73万元，支出总计6955.73万元。与2015年决算数相比，收入增加950.05万元、"
        "增长15.82%，主要原因是项目增加。支出增加841.13万元，增长13.76%，主要原因是增人增资。",
        "一、总体情况。本部门2016年度收入总计6955.73万元，支出总计6955.73万元。与2015年决算数相比，收入增加950.05万元、"
        "增长15.82%，主要原因是项目增加。支出增加841.13万元，增长13.36%，主要原因是增人增资。",
        ("PCT002", "13.36%"),
    ),
    # 2. Two years' totals, then 其中：1、… 2、… each giving both years: each year's figures are parts of that year's total.
    "two years' parts in numbered sentences": (
        "三、“三公”经费。2016年三公经费预算拨入33万元，2015年三公经费预算拨入57.55万元，与上年对比减少24.55万元。"
        "其中：1、公务接待费2016年预算8万元，2015年预算12.35万元；对比减少4.35万元。"
        "2、公务车辆运行2016年预算25万元，2015年预算45.2万元；对比减少20.20万元。",
        "三、“三公”经费。2016年三公经费预算拨入33万元，2015年三公经费预算拨入57.55万元，与上年对比减少24.55万元。"
        "其中：1、公务接待费2016年预算8万元，2015年预算12.5万元；对比减少4.35万元。"
        "2、公务车辆运行2016年预算25万元，2015年预算45.2万元；对比减少20.20万元。",
        ("TOT002", "57.55万元"),
    ),
    # A count and the names it counts (机构设置): read to the end of the sentence, 和 inside a name or between two.
    "a count and the names after it": (
        "二、机构设置。本局内设机构6个，分别是：办公室、预算股、国库股、农业和社会保障股、经济建设股，法规股。",
        "二、机构设置。本局内设机构8个，分别是：办公室、预算股、国库股、农业和社会保障股、经济建设股，法规股。",
        ("TOT006", "8个"),
    ),
    "a count and the names after 即": (
        "二、机构设置。直属事业单位3个，即县财政信息中心、县会计服务中心(县会计学会)、县国有资产服务中心。",
        "二、机构设置。直属事业单位2个，即县财政信息中心、县会计服务中心(县会计学会)、县国有资产服务中心。",
        ("TOT006", "2个"),
    ),
}


def _every_way():
    """Every way of writing taught to the reader, from this file and the two beside it, with the head its
    documents are read under (a page's documents carry their own title lines)."""
    from test_ways_lists import LISTS
    from test_ways_pages import PAGES

    cases = {f"sentences: {name}": (*case, HEAD) for name, case in WAYS.items()}
    cases.update({f"lists: {name}": (*case, HEAD) for name, case in LISTS.items()})
    cases.update({f"pages: {name}": (*case, "") for name, case in PAGES.items()})
    return cases


EVERY_WAY = _every_way()


@pytest.mark.parametrize("name", sorted(EVERY_WAY))
def test_consistent_document_is_silent(name, rules):
    consistent, _, _, head = EVERY_WAY[name]
    assert flagged(consistent, rules, head) == []


@pytest.mark.parametrize("name", sorted(EVERY_WAY))
def test_inconsistent_document_is_flagged_at_the_slip(name, rules):
    _, inconsistent, slip, head = EVERY_WAY[name]
    assert slip in flagged(inconsistent, rules, head)


def test_a_rate_on_another_basis_without_both_years_printed_is_not_judged(rules):
    # 按同口径计算: the base of that basis is not printed; last year's figure stated elsewhere is not it.
    text = "一、收入情况。上年全县一般公共预算收入20.00亿元。本年全县一般公共预算收入21.00亿元，按同口径计算增长8.5%。"
    assert flagged(text, rules) == []


def test_a_stretch_with_two_yearly_rates_is_not_read(rules):
    # Which growth goes with which yearly rate is not said: neither pair is judged.
    text = "一、收支情况。收入和支出年均增长9.3%和5.1%，2024年分别达到12.8亿元和20.5亿元，比2019年增长28.1%。"
    assert flagged(text, rules) == []


def test_a_list_of_items_each_with_the_same_unknown_word_is_pairs_not_parts(rules):
    # A reworded repost (减少 replaced by 镌汰): each item's figure, then its change under one unknown word.
    pairs = ("三、“三公”经费。2022年“三公”经费支出合计28.24亿元。其中，因公出国(境)费2.94亿元，镌汰3.7亿元；"
             "公务用车购置及运行费24.72亿元，镌汰18.89亿元。")
    assert flagged(pairs, rules) == []
    parts = pairs.replace("镌汰3.7亿元", "培训费3.7亿元").replace("镌汰18.89亿元", "会议费18.89亿元")
    assert ("TOT002", "28.24亿元") in flagged(parts, rules)


def test_a_page_without_a_title_year_takes_the_year_its_body_names(rules):
    # Page chrome at the top, no title: 2020年度 in the body makes it the 2020 report, so 2019年 is the year
    # before, and the change against it is the change against 上年 stated elsewhere (all revenue being 财政拨款).
    body = ("[ 主题分类 ] 教育 [ 体裁分类 ] 财政预算、决算\n[ 发布机构 ] 某某县实验小学\n首页 > 信息公开 > 财政资金\n"
            "某某县实验小学部门决算公开\n"
            "1.总体情况。2020年度收入总计348.50万元，支出总计348.50万元，收入总计较上年决算数增加10.47万元。\n"
            "2020年度收入合计348.50万元，其中：财政拨款收入348.50万元。\n"
            "2.财政拨款。2020年度财政拨款收、支总计348.50万元。与2019年相比，收、支总计各增加{delta}万元。\n")
    assert flagged(body.format(delta="10.47"), rules, head="") == []
    assert ("XRF001", "10.7万元") in flagged(body.format(delta="10.7"), rules, head="")


def test_this_years_figure_in_a_stretch_about_another_year_is_of_that_year(rules):
    # 2022年收入总计…，包括本年收入合计…: that 本年 is 2022's, never a copy of 2023's 收入合计.
    text = ("一、总体情况。2023年度收入合计6462.57万元。收支较上年减少570.58万元，主要原因是2022年收入总计7033.15万元，"
            "包括本年收入合计6925.14万元，使用年初结转和结余108.01万元。")
    assert flagged(text, rules, head="2023年度部门决算公开说明\n") == []


def test_points_with_no_other_percentage_printed_are_not_judged(rules):
    # 增幅高于上年同期4.3个百分点: last year's rate is not printed; 中央企业67.0%，同比下降0.2个百分点: the
    # percentage before the points is the one stated, not the other.
    text = ("一、收入情况。全县财政收入80.92亿元，同比增长9.8%，增幅高于上年同期4.3个百分点。"
            "资产负债率64.3%，与上年持平，中央企业67.0%，同比下降0.2个百分点。")
    assert flagged(text, rules) == []


def test_points_between_percentages_of_other_items_are_not_judged(rules):
    # The comparison's clause names another item before 比: its percentage is not compared with the one before.
    text = "一、支出情况。教育支出增长38.36%，社会保障支出比上年的12.00%提高3.00个百分点。"
    assert flagged(text, rules) == []


@pytest.mark.parametrize("text", [
    "二、机构设置。本局内设机构9个，主要包括办公室、预算股、国库股。",  # only the main ones
    "二、机构设置。本局内设机构9个，包括办公室、预算股、国库股等。",  # …等
    "二、机构设置。学校内设处室13个，分别为一至六年级办公室、音乐办公室、美术办公室、体育办公室、图书室、保健室及心理咨询室。",
    "二、机构设置。学校内设机构9个，分别是：办公室、政教处、",  # cut off by the page
    # two counts before one list: the names may be of both
    "二、机构设置。本院内设6个职能部门，派出法庭2个，分别是办公室、政治处、立案庭、执行局，甲镇法庭、乙镇法庭。",
])
def test_counts_of_names_that_are_partial_ranged_or_cut_are_not_judged(text, rules):
    assert flagged(text, rules) == []


def test_the_same_finding_is_reported_once(rules):
    # Two readings of one sentence meeting the same figures give one finding, not two.
    text = "三、“三公”经费。“三公”经费支出决算总额为5.48万元，比去年增加1.55万元，增长39.4%，与去年持平，与去年持平。"
    report = check_text(HEAD + text, rules)
    keys = [(f.code, tuple((l.span.line, l.span.column) for l in f.locations)) for f in report.findings]
    assert len(keys) == len(set(keys))


def test_an_unreadable_disclosure_is_checked_not_refused(tmp_path, rules):
    from budgetaudit.run import check_path

    path = tmp_path / "t.txt"
    path.write_text("某某局2024年度部门决算\n项目 |\n金额 |\n", encoding="utf-8")
    report = check_path(str(path), rules)
    assert not report.error


def test_a_completion_rate_between_two_budgets_is_not_judged(rules):
    text = ("三、“三公”经费。“三公”经费年初预算为10.00万元，调整预算为12.00万元，支出决算为9.00万元，完成预算的50%。")
    report = check_text(HEAD + text, rules)
    assert not [f for f in report.findings if f.code == "PCT005"]
    assert [u for u in report.unchecked if u.code == "PCT005" and "调整预算" in u.reason]


def test_a_completion_rate_of_the_budget_it_names_is_judged(rules):
    text = ("三、“三公”经费。“三公”经费年初预算为10.00万元，调整预算为12.00万元，支出决算为9.00万元，完成调整预算的50%。")
    assert flagged(text, rules) == [("PCT005", "50%")]


@pytest.mark.parametrize("rate, flagged_at", [("75%", []), ("50%", [("PCT005", "50%")])])
def test_a_completion_rate_of_the_budget_as_adjusted_is_judged_against_it(rate, flagged_at, rules):
    # 调整后预算 names the adjusted budget as 调整预算 does (words.toml measures.adjusted).
    text = ("三、“三公”经费。“三公”经费年初预算为10.00万元，调整后预算为12.00万元，支出决算为9.00万元，"
            f"完成调整后预算的{rate}。")
    assert flagged(text, rules) == flagged_at


def test_inserted_pinyin_keeps_every_figure_at_its_place_in_the_file(rules):
    text = "三、“三公”經(jīng)費。“三公”經(jīng)費支出預(yù)算為3萬元，支出決(jué)算為1.71萬元，完成預(yù)算的43%。"
    report = check_text(HEAD + text, rules)
    finding = next(f for f in report.findings if f.code == "PCT005")
    line = (HEAD + text).split("\n")[1]
    for location in finding.locations:
        span = location.span
        assert line[span.column - 1 : span.end_column - 1] == span.text


def test_a_wrong_rate_of_an_item_now_zero_is_judged_without_a_crash(rules):
    text = "三、“三公”经费。公务用车购置费0万元，较上年减少5.00万元，下降50%。"
    assert flagged(text, rules) == [("PCT002", "50%")]


def test_shares_of_a_list_that_is_neither_complete_nor_whole_are_not_judged(rules):
    # Two of three items, shares adding to 60%: the whole is not known, so nothing is judged.
    text = "三、“三公”经费。公务接待费0.64万元，占20%；公务用车运行维护费1.64万元，占40%。"
    assert flagged(text, rules) == []


def test_swapped_shares_of_an_implied_whole_are_named(rules):
    text = "三、“三公”经费。“三公”经费支出决算中，公务接待费0.64万元，占72%；公务用车运行维护费1.64万元，占28%。"
    report = check_text(HEAD + text, rules)
    messages = [f.message for f in report.findings if f.code == "PCT001"]
    assert messages and all("互换" in m for m in messages), messages


def test_totals_that_differ_by_the_balance_stated_agree(rules):
    text = "一、收支。收入总计2411.8亿元。支出总计2315.2亿元。收支相抵，年终结余结转96.6亿元。"
    assert flagged(text, rules) == []
    assert flagged(text.replace("96.6亿元", "69.6亿元"), rules) == [("TOT004", "2315.2亿元")]


def test_a_budgets_change_and_the_outturns_changes_are_never_one_group(rules):
    # The total's change is its budget's; the items' changes are their outturns': no sum ties them.
    text = ("三、“三公”经费。“三公”经费预算数50.00万元，较上年减少10.00万元。因公出国(境)费决算0万元，较上年减少1.00万元。"
            "公务用车购置及运行维护费决算20.00万元，较上年减少2.00万元。公务接待费决算5.00万元，较上年减少3.00万元。")
    assert [code for code, _ in flagged(text, rules)] == []
