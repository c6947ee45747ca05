"""rules/words.toml: checked at load with file:line errors, and built into the reader's patterns."""

import pytest

from budgetaudit.words import WordsError, default_words, parse_words


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
