"""rules/words.toml: checked at load with file:line errors, and built into the reader's patterns."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from budgetaudit.prose.state import CLAUSE_BREAK, tail_clause
from budgetaudit.words import WordsError, default_words, holds_char, parse_words, search_tail


def test_the_shipped_words_load_and_build_their_patterns():
    words = default_words()
    assert words.direction.search("较上年增加").group("word") == "增加"
    assert words.direction.search("同比下降").group("word") == "下降"
    assert words.comparison.search("与2024年决算数相比").group("base2") == "2024年决算数"
    assert words.comparison.search("比上年").group("base") == "上年"
    assert words.flat.search("与上年持平").group("word") == "持平"
    assert words.completion.search("完成年初预算的").group("whole") == "年初预算"
    assert words.completion.search("预算执行率为").group("rate") == "预算执行率"


@pytest.mark.parametrize("text, message", [
    ('[direction]\nincrease = ["增加"]\nsideways = ["横"]\n', "words.toml:3: [direction] has no key 'sideways'"),
    ('[colour]\nred = ["红"]\n', "words.toml:1: unknown section [colour]"),
    ('[flat]\nwords = ["持平", ""]\n', "words.toml:2: [flat] words: an empty phrase"),
    ('[flat]\nwords = "持平"\n', "words.toml:2: [flat] words must be a list of strings"),
    ('[direction]\nincrease = ["增…加"]\n', "words.toml:2: [direction] increase: '增…加' holds the gap marker"),
    ('[comparison]\nframes = ["与相比"]\n', "words.toml:2: [comparison] frames: '与相比' must be two halves"),
    ('[comparison]\nframes = ["…相比"]\n', "words.toml:2: [comparison] frames: '…相比' must be two halves"),
    ('[flat]\nwords = ["無變化"]\n', "words.toml:2: [flat] words: write '無變化' as the normalised text reads it"),
    ('[flat\n', "words.toml: "),
])
def test_a_malformed_words_file_is_named_with_its_line(text, message):
    with pytest.raises(WordsError) as error:
        parse_words(text, "words.toml")
    assert str(error.value).startswith(message)


def test_a_new_phrase_is_a_data_entry():
    base = parse_words('[direction]\nincrease = ["增加"]\ndecrease = ["减少"]\n')
    assert base.direction.search("较上年攀升") is None
    more = parse_words('[direction]\nincrease = ["增加", "攀升"]\ndecrease = ["减少"]\n')
    assert more.direction.search("较上年攀升").group("word") == "攀升"


def test_the_words_that_open_a_list_build_every_pattern_that_needs_them():
    more = parse_words('[lists]\nopen = ["其中", "内含"]\n')
    assert more.opens_alone.fullmatch("内含：")
    assert more.opens_first_item.search("收入100万元，内含：1、")
    assert more.opens_numbered.search("收入100万元，内含：")
    assert parse_words('[lists]\nopen = ["其中"]\n').opens_alone.fullmatch("内含：") is None


def test_a_joint_word_is_read_whole_where_its_halves_are_printed_apart():
    words = parse_words('[lists]\njoint = ["收支"]\njoint_halves = ["收入", "支出"]\n')
    assert words.joint_split == (("收、支", "收支 "),)


# The shortcuts the walk takes must find what a search of the whole lead finds.
_WORDS = default_words()
_LEAD_CHARS = sorted({c for w in _WORDS.data["direction"]["increase"] + _WORDS.data["direction"]["decrease"]
                      + _WORDS.data["direction"]["before"] + _WORDS.data["direction"]["objects"]
                      + _WORDS.data["direction"]["approximate"] + _WORDS.data["completion"]["over"]
                      + _WORDS.data["completion"]["under"]
                      + _WORDS.data["direction"]["undecided"] for c in w} | set("了较上年，, 为()"))


@given(st.text(alphabet=st.sampled_from(_LEAD_CHARS), max_size=30))
@example("较上年相应增加了支出  ")
@example("增加(或减少)")
def test_search_tail_finds_what_a_whole_search_finds(lead: str) -> None:
    for pattern, reach, lasts in ((_WORDS.direction, _WORDS.direction_reach, _WORDS.direction_lasts),
                                  (_WORDS.undecided, _WORDS.undecided_reach, _WORDS.undecided_lasts),
                                  (_WORDS.over, _WORDS.budget_reach, _WORDS.budget_lasts),
                                  (_WORDS.under, _WORDS.budget_reach, _WORDS.budget_lasts)):
        whole, tail = pattern.search(lead), search_tail(pattern, lead, reach, lasts)
        assert (whole.span(), whole.groupdict()) == (tail.span(), tail.groupdict()) if whole else tail is None
    whole = _WORDS.direction.search(lead)
    gated = search_tail(_WORDS.direction, lead, _WORDS.direction_reach, _WORDS.direction_lasts,
                        _WORDS.direction_gate, _WORDS.direction_gate_reach)
    assert (whole.span(), whole.groupdict()) == (gated.span(), gated.groupdict()) if whole else gated is None


@given(st.text(alphabet=st.sampled_from(sorted(set("，,；;：:、。上年为较") )), max_size=20))
def test_tail_clause_is_the_last_piece_of_a_split(text: str) -> None:
    assert tail_clause(text) == CLAUSE_BREAK.split(text)[-1]


def test_the_words_of_measure_and_year_are_data():
    """A phrase added to [measures] is read as one (预算安排数 as the adjusted budget, in a file that says so)."""
    from importlib import resources

    shipped = default_words()
    assert "年初预算" in shipped.initial_words and "上年结转" in shipped.carried_words
    text = resources.files("budgetaudit.rules").joinpath("words.toml").read_text(encoding="utf-8")
    edited = text.replace('adjusted = ["调整预算", "调整后预算", "全年预算"]', 'adjusted = ["调整预算", "调整后预算", "全年预算", "预算安排数"]')
    assert edited != text
    assert "预算安排数" in parse_words(edited).adjusted_words


_GATED = ((_WORDS.comparison, _WORDS.comparison_firsts), (_WORDS.reason_start, _WORDS.reason_firsts),
          (_WORDS.flat, _WORDS.flat_firsts), (_WORDS.approved, _WORDS.approved_firsts))
_GATE_CHARS = sorted({c for pattern, _ in _GATED for c in pattern.pattern if "\u4e00" <= c <= "\u9fff"} | set("2024年，"))


@given(st.text(alphabet=st.sampled_from(_GATE_CHARS), max_size=24))
@example("与2023年相比")
@example("主要原因是")
def test_a_lead_the_gate_passes_over_holds_no_match(lead: str) -> None:
    for pattern, firsts in _GATED:
        if pattern.search(lead) is not None:
            assert holds_char(lead, firsts)


def test_a_direction_word_in_brackets_counts_only_as_a_template_word():
    words = default_words()
    assert words.direction.search("较上年(减少)").group("word") == "减少"
    assert words.direction.search("较上年减少").group("word") == "减少"
    assert words.direction.search("(主要是人员增加)") is None  # a bracket holding a clause, not the word alone
    assert words.direction.search("人员增加)") is None


@given(st.text(alphabet=st.sampled_from(sorted({c for w in _WORDS.open_words for c in w} | set("：:，,年 "))), max_size=16))
def test_a_lead_opens_parts_exactly_when_it_holds_a_list_word(lead: str) -> None:
    from budgetaudit.words import holds_any

    assert (_WORDS.open_parts.search(lead) is not None) == holds_any(lead, _WORDS.open_words)


@given(st.text(alphabet=st.sampled_from(sorted({c for w in _WORDS.intro_words + _WORDS.composition_words for c in w}
                                               | set("，年"))), max_size=24))
def test_a_gated_scan_finds_what_the_scan_finds(text: str) -> None:
    from budgetaudit.words import holds_any, holds_any_gated

    for gate, words in ((_WORDS.intro_gate, _WORDS.intro_words), (_WORDS.composition_gate, _WORDS.composition_words),
                        ("", _WORDS.open_words)):
        assert all(gate in word for word in words)
        assert holds_any_gated(text, gate, words) == holds_any(text, words)
