"""The shortcuts the narrative reader takes for speed give what the plain computation gives."""

import random
import re

from budgetaudit import engine, source
from budgetaudit.concepts import Dictionary, clean_label, default_dictionary
from budgetaudit.prose.state import last_match as _last
from budgetaudit.sentences import sentences

HEAD = "2024年度部门决算公开说明\n"

def test_last_is_the_last_of_the_matches():
    rng = random.Random(3)
    for pattern in (re.compile(r"主要原因|原因是|由于"), re.compile(r"(?<!\d)\d{4}年(?:度)?|原因")):
        for _ in range(1000):
            text = "".join(rng.choice(["主要", "原因", "是", "由于", "，", "2024", "年", "度", "1"])
                           for _ in range(rng.randint(0, 10)))
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            matches = list(pattern.finditer(text, start, end))
            found = _last(pattern, text, start, end)
            assert (found.span() if found else None) == (matches[-1].span() if matches else None)


def test_blank_and_page_number_lines_end_or_keep_sentences():
    text = "支出100万元\n\n   \n收入\n12\n50万元。\n"
    page = frozenset({4})
    spans = sentences(text, page)
    assert [text[s:e] for s, e in spans] == ["支出100万元", "收入\n12\n50万元。"]


def test_every_mark_ending_a_sentence_ends_one_and_none_stands_inside_one():
    """。 alone is found by str.find, a line holding ! or ? by the pattern: both end a sentence at each mark."""
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(["。", "!", "?", "！", "？", "\n", " ", "收入", "1万元", "其中：", "一、"])
                       for _ in range(rng.randint(0, 14)))
        spans = sentences(text)
        ends = {e for _, e in spans}
        for at, ch in enumerate(text):
            if ch in "。!?！？":
                assert at + 1 in ends, (text, spans)
        for s, e in spans:
            assert not any(ch in "。!?！？" for ch in text[s:e - 1]), (text, spans)


def test_a_long_label_is_cleaned_as_a_short_one():
    short = "本年度基本支出为"
    assert clean_label(short) == "基本支出"
    assert clean_label("“" + "基" * 100 + "”为") == "基" * 100


def test_a_negation_is_read_only_from_a_sentence_holding_a_phrase():
    doc = engine.read_document(source.Source("t.txt", HEAD + "本年度无新购公务用车安排。公务接待费1.00万元。"))
    zeros = [f for f in doc.facts if f.figure.value == 0]
    assert sorted(f.key.concept for f in zeros) == ["公务用车购置数", "公务用车购置费"]  # no car bought: none, and no cost


def test_a_dictionary_without_negations_finds_no_phrase():
    base = default_dictionary()
    empty = Dictionary(base.concepts, base.scopes, base.partitions)
    assert empty.negation_phrases.search("无新购公务用车") is None


def test_a_named_whole_is_the_latest_statement_of_it_printed_before_the_share():
    doc = engine.read_document(source.Source("t.txt", HEAD + "支出100万元，基本支出1万元，占支出的1%，主要原因是支出300万元。"
                                                          "支出200万元，基本支出2万元，占支出的1%。"))
    assert [share.whole.figure.text for share in doc.shares] == ["100万元", "200万元"]


def _groups(text):
    doc = engine.read_document(source.Source("t.txt", HEAD + text))
    return [([p.label for p in g.parts], g.complete) for g in doc.sums]


def test_a_group_keeps_its_completeness_once_a_concept_repeats():
    # Completeness is judged on the parts as they come: a repeat freezes it (parts are tallied once each).
    assert _groups("基本支出100万元，其中人员经费60万元，公用经费40万元，人员经费1万元。") == [
        (["人员经费", "公用经费", "人员经费"], True)]
    assert _groups("基本支出100万元，其中人员经费60万元，人员经费1万元，公用经费40万元。") == [
        (["人员经费", "人员经费", "公用经费"], False)]


def test_a_sibling_in_the_next_sentence_completes_the_list():
    assert _groups("基本支出100万元，其中人员经费60万元。公用经费40万元。") == [(["人员经费", "公用经费"], True)]


def _income_expenditure_change(text: str):
    document = engine.read_document(source.Source("t.txt", HEAD + text))
    (change,) = [c for c in document.changes if c.label.startswith("收支")]
    return change.current


def test_a_income_and_expenditure_change_is_about_the_one_total_they_all_state():
    # Every 收入总计 and 支出总计 of the sentence and the last one states one amount: the change is about the
    # last of them; two amounts, and it is about neither (one_total asks the indexes, not a scan).
    current = _income_expenditure_change("收入总计100万元，支出总计100.00万元，收、支总计较上年增加1万元。")
    assert current is not None and current.label == "支出总计"
    assert _income_expenditure_change("收入总计100万元，支出总计90万元，收、支总计较上年增加1万元。") is None
    current = _income_expenditure_change("支出总计100万元。收入总计100万元，收支总计较上年增加1万元。")
    assert current is not None and current.label == "支出总计"  # the last sentence's, as before
    long = "支出总计100万元，" * 50 + "收入总计100万元，" + "收、支总计较上年增加1万元，" * 50 + "。"
    document = engine.read_document(source.Source("t.txt", HEAD + long))
    assert all(c.current is not None for c in document.changes if c.label.startswith("收支"))


def test_sections_are_the_heading_lines():
    # engine.sections searches the whole text at once; the definition reads line by line.
    def by_line(src: source.Source) -> list[tuple[int, str]]:
        out = []
        for number, (_, line) in enumerate(src.lines(), 1):
            if engine._SECTION.match(line) and len(line.strip()) < 60:
                out.append((number, line.strip().rstrip("|").strip()))
        return out

    rng = random.Random(5)
    pieces = ["一、", "十二、", "附件", "附表", "3", " ", "\u3000", "\t", "\n", "\r", "\r\n", "收入", "|", "、", "x" * 70]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        src = source.Source("t.txt", text)
        assert engine.sections(src) == by_line(src), repr(text)


def test_a_cell_line_is_told_as_its_pattern_tells():
    from budgetaudit.tables.layout_tab_cells import _CELL, starts_cell

    rng = random.Random(5)
    for _ in range(3000):
        line = "".join(rng.choice(["\t", "a", "1", " ", "\n", "\r", "单"]) for _ in range(rng.randint(0, 6)))
        assert starts_cell(line) == bool(_CELL.match(line)), repr(line)


def test_a_figure_span_starts_on_the_line_of_its_offset():
    """key() reads a figure's line from its span (no second search of the line starts): they must agree, also in
    text a web page garbled with pinyin (the reader walks a copy with it left out)."""
    import pathlib

    texts = [HEAD + "經(jīng)費支出100萬元，較上年增加\n10萬元。", HEAD + "收入\n12\n50万元。支出-3万元，其中：\n1.基本支出2万元"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(__file__).parent.parent.joinpath("examples").glob("*.txt"))]
    for text in texts:
        src = source.Source("t.txt", text)
        document = engine.read_document(src)
        assert document.facts
        for fact in document.facts:
            assert fact.figure.span.line == src.position(fact.figure.start)[0], (fact.label, fact.figure.text)


def test_the_clause_before_the_last_is_the_one_a_split_gives():
    """statement() splits a lead into its clauses only where it needs more than the last."""
    from budgetaudit.prose.lists import _before_last
    from budgetaudit.prose.state import CLAUSE_BREAK, tail_clause

    rng = random.Random(9)
    for _ in range(5000):
        lead = "".join(rng.choice(["，", ",", "；", ";", "：", ":", "、", "支出", "上年", "为"]) for _ in range(rng.randint(0, 10)))
        clauses, tail = CLAUSE_BREAK.split(lead), tail_clause(lead)
        assert (tail != lead) == (len(clauses) > 1)
        if len(clauses) > 1:
            assert _before_last(lead, tail) == clauses[-2], lead
