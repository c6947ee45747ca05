"""Narrative extraction: each way real disclosures are written, read as a reviewer would read it."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetaudit import engine, source

from conftest import check_text

HEAD = "2024年度部门决算公开说明\n"


def read(text):
    return engine.read_document(source.Source("t.txt", HEAD + text))


def facts(text):
    return [(f.label, f.figure.text, f.figure.unit) for f in read(text).facts]


def findings(text, rules):
    """Findings of a snippet, leaving out completeness (CMP): a two-line snippet lacks sections by design."""
    return [f for f in check_text(HEAD + text, rules).findings if not f.code.startswith("CMP")]


def codes(text, rules, severities=("error", "warning")):
    return sorted(f.code for f in findings(text, rules) if f.severity in severities)


def test_figure_and_unit_split_by_a_line_break():
    doc = read("1.收入情况。2024年度一般公共预算财政拨款收入871.82\n万元，较上年决算数增加68.32万元，增长8.5%。")
    (fact,) = [f for f in doc.facts if f.label == "一般公共预算财政拨款收入"]
    assert fact.figure.unit == "万元" and fact.figure.text == "871.82"
    assert doc.changes[0].current is fact


def test_a_page_number_between_a_word_and_its_figure_is_skipped():
    doc = read("1.收入情况。2024年度一般公共预算财政拨款收入871.82万元，较上年决算数增加\n12\n68.32万元，增长8.5%。")
    (change,) = doc.changes
    assert change.delta.text == "68.32万元" and change.rate.text == "8.5%"
    assert "12" not in [f.figure.text for f in doc.facts]


def test_thousands_separator_and_list_comma():
    assert facts("收入总计36,399亿元。") == [("收入总计", "36,399亿元", "亿元")]
    listed = read("年度预算分别为4125.49,4143.91万元。").facts
    assert [(f.figure.text, f.figure.unit) for f in listed] == [("4125.49", "万元"), ("4143.91万元", "万元")]
    two = read("基本支出120，项目支出800万元。").facts
    assert [f.figure.value for f in two] == [800]  # a full-width comma never groups digits


def test_spaces_before_units_and_percent_and_many_decimals(rules):
    text = "3.支出情况。2024年度支出合计881300.390000 元，其中：基本支出139860.000000 元，占15.87 %；项目支出741440.390000 元，占84.13 %。"
    doc = read(text)
    assert [s.share.text for s in doc.shares] == ["15.87 %", "84.13 %"]
    assert all(s.whole is not None and s.whole.figure.text == "881300.390000 元" for s in doc.shares)
    assert codes(text, rules) == []


def test_yuan_wan_and_yi_copies_of_one_figure_agree(rules):
    text = "1.收入情况。2024年度收入合计12078400元。\n2.收入情况。2024年度收入合计1207.84万元。\n3.收入情况。2024年度收入合计0.1207840亿元。"
    assert codes(text, rules) == []
    assert codes(text.replace("0.1207840亿元", "0.1208840亿元"), rules) == ["XRF002"]


def test_integer_percentages_and_blank_placeholders(rules):
    text = "公用经费69.15万元，较上年决算数增加3.34万元，增长5%。人员经费541.45万元，占 %。"
    assert codes(text, rules) == []
    assert not read(text).shares


def test_years_dates_phones_and_document_numbers_are_not_figures():
    doc = read("根据财预发〔2021〕57号文件，截至2024年12月31日，联系电话023-85936035，规划（2021-2035年）。")
    assert doc.facts == []


def test_positional_lists_of_amounts_and_shares(rules):
    text = "3.支出情况。2024年度支出合计492.46万元，基本支出和项目支出分别为93.09万元和399.37万元，占18.90%和81.10%。"
    doc = read(text)
    assert [(s.part.label, s.share.text, s.whole.label) for s in doc.shares] == [
        ("基本支出", "18.90%", "支出合计"), ("项目支出", "81.10%", "支出合计"),
    ]
    assert codes(text, rules) == []
    assert codes(text.replace("占18.90%和81.10%", "占81.10%和18.90%"), rules) == ["PCT001", "PCT001"]


def test_positional_changes_each_with_its_rate(rules):
    text = "基本支出80.00万元，项目支出170.00万元。基本支出和项目支出较上年各减少20.00万元、30.00万元，分别下降20.0%和15.0%。"
    doc = read(text)
    assert [(c.label, c.delta.text, c.rate.text) for c in doc.changes] == [
        ("基本支出", "20.00万元", "20.0%"), ("项目支出", "30.00万元", "15.0%"),
    ]
    assert codes(text, rules) == []
    assert codes(text.replace("分别下降20.0%和15.0%", "分别下降15.0%和20.0%"), rules) == ["PCT002", "PCT002"]


def test_traditional_characters_read_like_simplified(rules):
    text = "1.收入情況。2024年度一般公共預算財政撥款收入871.82萬元，較上年決算數增加137.95萬元，增長19.4%。"
    assert codes(text, rules) == ["PCT002"]


def test_rate_on_the_current_figure_is_named(rules):
    (finding,) = [f for f in findings("机关运行经费支出20.00万元，比上年增加5.00万元，增长25%。", rules) if f.severity == "error"]
    assert finding.code == "PCT002" and "本期数" in finding.message


def test_growth_from_zero_base_is_info(rules):
    found = findings("年初结转结余4.27万元，较上年增加4.27万元，增长100%。", rules)
    assert [(f.code, f.severity) for f in found] == [("PCT002", "info")]


def test_direction_words_and_flat(rules):
    assert codes("支出876.09万元，较上年决算数增加72.59万元，下降9.0%。", rules) == ["PCT003"]
    assert codes("公务接待费1.40万元，较上年增加0.20万元，增长16.7%，与上年持平。", rules) == ["PCT004"]
    assert codes("住房保障支出26.74万元，较年初预算数减少0.57万元，下降2.1%，与年初预算基本持平。", rules) == []
    assert codes("因公出国(境)费用0万元,比上年减少(或增加) 0万元。", rules) == []


def test_truncated_percentage_is_a_warning(rules):
    text = "3.支出情况。2024年度支出合计3000.00万元，其中：基本支出1000.00万元，占33.33%；项目支出2000.00万元，占66.66%。"
    assert [(f.code, f.severity) for f in findings(text, rules)] == [("PCT001", "warning")]


def test_truncation_within_the_rounding_of_the_amounts_is_info(rules):
    # 200.00/300.00 is 66.667%, but the prints allow 66.661%..66.671%, which 66.66% reaches: rounding first.
    text = "3.支出情况。2024年度支出合计300.00万元，其中：基本支出100.00万元，占33.33%；项目支出200.00万元，占66.66%。"
    assert [(f.code, f.severity) for f in findings(text, rules)] == [("PCT001", "info")]


def test_a_total_smaller_than_its_parts(rules):
    assert codes("收入合计300.00万元，其中：财政拨款收入320.00万元。", rules) == ["TOT002"]
    assert codes("收入合计300.00万元，其中：财政拨款收入280.00万元。", rules) == []


def test_siblings_of_a_list_continue_in_later_sentences(rules):
    text = "2024年度一般公共预算财政拨款基本支出610.60万元。其中：人员经费541.45万元，较上年决算数增加25.94万元，增长5%。公用经费69.25万元。"
    assert codes(text, rules) == ["TOT001"]
    assert codes(text.replace("69.25", "69.15"), rules) == []


def test_reasons_are_not_facts_to_compare(rules):
    text = "支出合计6954.99万元，较上年增加6151.49万元，增长765.6%，主要原因是增加了专项资金6078.9万元。"
    doc = read(text)
    assert [f.context for f in doc.facts] == ["statement", "reason"]
    assert codes(text, rules) == []


@pytest.mark.parametrize("shuffle", [False, True])
def test_unrelated_paragraphs_do_not_change_a_paragraph_findings(rules, shuffle):
    a = "1.收入情况。2024年度一般公共预算财政拨款收入871.82万元，较年初预算增加137.95万元，增长19.4%。\n"
    b = "2.三公经费。2024年度“三公”经费支出共计5.00万元，其中：因公出国（境）费0万元，公务用车购置费0万元，公务用车运行维护费2.50万元，公务接待费2.50万元。\n"
    text = (b + a) if shuffle else (a + b)
    assert [(f.code, f.stated) for f in findings(text, rules)] == [("PCT002", "19.4%")]


def test_two_items_changes_swapped_are_named(rules):
    text = "人员经费373.22万元，较上年决算数增加9.60万元，增长14.4%。公用经费70.66万元，较上年决算数增加47.10万元，增长15.7%。"
    errors = [f for f in findings(text, rules) if f.severity == "error"]
    assert [f.code for f in errors] == ["PCT002", "PCT002"]
    assert all("互换" in f.message for f in errors)


def test_a_part_copied_from_its_neighbour_is_named(rules):
    text = "2024年度“三公”经费支出共计5.00万元，其中：因公出国（境）费0万元，公务用车购置费0万元，公务用车运行维护费2.50万元，公务接待费2.50万元。"
    assert codes(text, rules) == []
    changed = text.replace("购置费0万元，公务用车运行维护费2.50", "购置费1.20万元，公务用车运行维护费1.20")
    (finding,) = [f for f in findings(changed, rules) if f.severity == "error"]
    assert finding.code == "TOT001" and "相邻" in finding.message


def test_a_negative_amount_with_a_direction_word(rules):
    assert codes("公用经费70.66万元，较上年决算数增加-9.60万元。", rules) == ["PCT003"]


def test_shares_nudged_to_one_hundred_are_named_only_when_nudged(rules):
    nudged = "3.支出情况。2024年度支出合计300.00万元，其中：基本支出100.00万元，占33.35%；项目支出50.00万元，占16.65%；其他支出150.00万元，占50.00%。"
    messages = [f.message for f in findings(nudged, rules) if f.severity == "error"]
    assert messages and all("凑整" in m for m in messages)
    wrong = "3.支出情况。2024年度支出合计500.00万元，其中：基本支出100.00万元，占25.00%；项目支出400.00万元，占75.00%。"
    assert not [f for f in findings(wrong, rules) if "凑整" in f.message]


class _CountingItems(list):
    """A list that counts the items a reader looks at (iterating, or by index)."""

    touched = 0

    def __iter__(self):
        for item in list.__iter__(self):
            self.touched += 1
            yield item

    def __getitem__(self, index):
        self.touched += 1
        return list.__getitem__(self, index)


def test_a_positional_list_looks_only_at_the_figures_after_it():
    # 分别为x和y in a sentence of thousands of figures: reading the run after each 分别为 from the
    # sentence's first figure made such a sentence quadratic (islice steps over what it skips).
    from budgetaudit.concepts import default_dictionary
    from budgetaudit.document import Document
    from budgetaudit.prose import ProseReader

    text = "基本支出和项目支出分别为1万元和2万元，" * 2000
    src = source.Source("long.txt", text)
    reader = ProseReader(src, Document(src), default_dictionary())
    items = _CountingItems(reader.items(0, len(text)))
    starts = [item.start for item in items]
    items.touched = 0
    run = reader.run_after(starts[-2], items, len(text), lambda figure: True, starts)
    touched = items.touched
    assert [item.start for item in run] == starts[-2:]
    assert touched <= 4


_OPENINGS = sorted(set("一二三四五六七八九十(（）)、.．0123456789附件表上下半年季度前第首月份在剔除后与同比较和 ，,:：\t\n\u3000٣")
                   | {c for p in ("上半年", "一季度", "在", "剔除", "同比", "与") for c in p})


@given(st.text(alphabet=st.sampled_from(_OPENINGS), max_size=12))
def test_a_sentence_is_tried_against_an_opening_pattern_whenever_it_could_match(sentence):
    """The walk tries HEADING, LIST_ITEM, SECTION_HEADING, a stretch, a frame and a comparison only where the
    sentence's first visible character can open them: whatever one of them matches passes that gate."""
    from budgetaudit.prose import walk
    from budgetaudit.prose.state import LIST_ITEM, SECTION_HEADING, WORDS
    from budgetaudit.sentences import HEADING

    first = walk._first_visible(sentence)
    numbered = first in walk._NUMBERED_FIRSTS or first.isdigit()
    for pattern in (HEADING, LIST_ITEM, SECTION_HEADING):
        assert pattern.match(sentence) is None or numbered
    assert WORDS.stretch.match(sentence) is None or (first and (first in WORDS.stretch_first_chars or first.isdigit()))
    assert WORDS.opens_with_comparison.match(sentence) is None or first in WORDS.comparison_leads
    for frame in (WORDS.subject_frame, WORDS.basis_frame):
        assert frame.match(sentence) is None or (first and first in WORDS.frame_first_chars)



def _hundredths(n: int) -> str:
    return f"{n // 100}.{n % 100:02d}"


_LOADED_RULES = []


@given(st.integers(0, 9999), st.integers(0, 9999), st.integers(-30, 30), st.booleans())
def test_points_are_flagged_exactly_when_no_reading_gives_them(current, other, slip, brackets):
    """X%，比上年的Y%提高/下降N个百分点 (or 比全省平均(Y%)高/低N): an error iff N is off |X − Y| by more than the
    prints allow (two places each: a slip of 0.01 is within rounding)."""
    from conftest import flagged

    if not _LOADED_RULES:
        from budgetaudit.ruleset import load_rules
        _LOADED_RULES.append(load_rules())
    points = abs(current - other) + slip
    if points < 0:
        return
    higher = current >= other
    word = ("高" if higher else "低") if brackets else ("提高" if higher else "下降")
    compared = f"比全省平均({_hundredths(other)}%)" if brackets else f"比上年的{_hundredths(other)}%"
    text = f"一、教育经费。教育经费占比为{_hundredths(current)}%，{compared}{word}{_hundredths(points)}个百分点。"
    found = [code for code, _ in flagged(text, _LOADED_RULES[0]) if code == "PCT008"]
    assert found == ([] if abs(slip) <= 1 else ["PCT008"])


_NAME = st.text(alphabet=st.sampled_from("办公室财务科教务处中心服务站所队"), min_size=2, max_size=8)


@given(st.lists(_NAME, min_size=2, max_size=12), st.integers(-2, 2))
def test_a_count_of_names_is_flagged_exactly_when_it_is_not_their_number(names, slip):
    """内设机构N个，分别是：A、B、C。: a warning iff N is not the number of names listed."""
    from conftest import flagged

    if not _LOADED_RULES:
        from budgetaudit.ruleset import load_rules
        _LOADED_RULES.append(load_rules())
    count = len(names) + slip
    if count < 2:
        return
    text = f"二、机构设置。本局内设机构{count}个，分别是：{'、'.join(names)}。"
    found = [code for code, _ in flagged(text, _LOADED_RULES[0]) if code == "TOT006"]
    assert found == ([] if slip == 0 else ["TOT006"])


@given(st.fractions(min_value=-99, max_value=500), st.integers(1, 30))
def test_the_yearly_rate_a_growth_implies_is_bracketed(growth, years):
    """kinds/annual._yearly brackets the exact yearly rate: compounded, the lower bound gives at most the growth
    and the upper at least, and they lie within 2/10^8 of a percent of each other."""
    from budgetaudit.kinds.annual import _yearly

    low, high = _yearly(growth, years, False), _yearly(growth, years, True)
    factor = 1 + growth / 100
    assert (1 + low / 100) ** years <= factor <= (1 + high / 100) ** years
    assert 0 <= high - low <= Fraction(2, 10**8)


def test_a_count_in_a_changes_reason_is_no_part_of_the_change():
    document = read("2024年度部门决算公开说明\n公务用车购置及运行维护费较年初预算数减少0.04万元，主要是因公车改革，公务用车保有量减少2辆。")
    groups = [g for g in document.sums if g.kind == "changes"]
    assert all(p.key.quantity == "money" for g in groups for p in g.parts)
    consistent = "2024年度部门决算公开说明\n公务用车购置及运行维护费较年初预算数减少0.04万元，主要是公务用车运行费减少0.04万元。"
    assert [p.figure.text for g in read(consistent).sums if g.kind == "changes" for p in g.parts] == ["0.04万元"]


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999999))
def test_an_amount_in_yi_and_wan_is_one_figure(yi: int, cents: int) -> None:
    from fractions import Fraction

    wan = Fraction(cents, 100)
    text = f"2024年度部门决算公开说明\n全年筹集公益金{yi}亿{cents // 100}.{cents % 100:02d}万元。\n"
    document = engine.read_document(source.Source("x.txt", text))
    (fact,) = [f for f in document.facts if f.figure.unit == "万元"]
    assert fact.figure.value == yi * 10000 + wan and fact.figure.decimals == 2
    assert fact.figure.span.text == f"{yi}亿{cents // 100}.{cents % 100:02d}万元"
