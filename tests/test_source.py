"""Reading bytes into a Source: decoding, one-for-one normalisation, line and column of every offset."""

from __future__ import annotations

import codecs
import dataclasses
import pathlib
import pickle
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from budgetaudit import source
from budgetaudit.source import _FOLD, InputError, Source, Span, decode, load, normalise, plausibility
from budgetaudit.figures import parse_number

settings.register_profile("budgetaudit", max_examples=150, deadline=None)
settings.load_profile("budgetaudit")

SEEDS = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"

# Text as a disclosure might hold it: CJK, ASCII, full-width forms, every kind of line break.
text_st = st.lists(
    st.one_of(
        st.sampled_from(list("支出总计万元亿占比较上年增加減少預算，。：；（）％０１２３４５６７８９\u3000\xa0\t ")),
        st.sampled_from(["\n", "\r\n", "\r"]),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    max_size=80,
).map("".join)


# -- normalise ------------------------------------------------------------


@given(st.text(max_size=200) | st.text(alphabet=st.sampled_from(list("0123²٣.年度1")), max_size=20))
@example("第11²年度")
@example("112年度，1112年度")
def test_normalise_keeps_length(text: str) -> None:
    assert len(normalise(text)) == len(text)
    assert len(Source("x", text).norm) == len(text)


@given(st.text(alphabet=st.sampled_from(sorted({chr(c) for c in _FOLD} | set("万元,，0.5\n\x00 a"))), max_size=200) | st.text(max_size=200))
@example("支出0 555万元")
def test_normalise_folds_each_character_by_the_table(text: str) -> None:
    folded = "".join(chr(_FOLD.get(ord(ch), ord(ch))) for ch in text)
    norm = normalise(text)
    # The one other change: a space grouping thousands before a unit becomes a comma (the test below).
    assert len(norm) == len(folded)
    assert all(a == b or (a == "," and b == " " and norm[i + 1 : i + 4].isdigit()) for i, (a, b) in enumerate(zip(norm, folded)))


def test_taiwanese_years_read_as_the_year_they_are() -> None:
    assert normalise("東林縣112年度總預算，較111年度；1112年度，0.112年度") == "东林县2023年总预算，较2022年;1112年度，0.112年度"


def test_normalise_folds_full_width_forms_but_not_the_comma() -> None:
    assert normalise("０１２３４５６７８９") == "0123456789"
    assert normalise("（１２０．５）：５％") == "(120.5):5%"
    assert normalise("１２０，８００万元") == "120，800万元"  # ，separates list items, never groups digits
    assert normalise("\u3000\xa0") == "  "
    assert normalise("−3") == "-3"  # minus sign
    assert normalise("預算總計") == "预算总计"


@given(st.text(alphabet=st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E), max_size=30))
def test_full_width_ascii_folds_one_for_one(text: str) -> None:
    folded = normalise(text)
    for original, char in zip(text, folded):
        if original == "，":
            assert char == "，"
        else:
            assert ord(char) == ord(original) - 0xFEE0


# -- line and column ------------------------------------------------------


def naive_position(text: str, offset: int) -> tuple[int, int]:
    """Walk the text: \\r\\n, lone \\r and \\n each end one line."""
    line, column, i = 1, 1, 0
    while i < offset:
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            if i + 1 == offset:  # between \r and \n: still on this line
                return line, column + 1
            line, column, i = line + 1, 1, i + 2
            continue
        if text[i] in "\r\n":
            line, column = line + 1, 1
        else:
            column += 1
        i += 1
    return line, column


@given(text_st)
@example("a\r\nb\rc\nd")
@example("\r\r\n\n")
def test_position_of_every_offset(text: str) -> None:
    src = Source("x", text)
    for offset in range(len(text) + 1):
        assert src.position(offset) == naive_position(text, offset), offset


@given(text_st)
@example("a\r\nb\rc\nd\r")
@example("\r\r\n\n\r\n")
def test_lines_split_on_every_break(text: str) -> None:
    src = Source("x", text)
    expected = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = src.lines()
    assert [line for _, line in lines] == [normalise(x) for x in expected]
    for number, (offset, _) in enumerate(lines, 1):
        assert src.position(offset) == (number, 1)


def test_span_of_a_figure() -> None:
    src = Source("x", "标题\r\n支出1207.84万元\r总计")
    start = src.text.index("1207.84")
    span = src.span(start, start + len("1207.84万元"))
    assert (span.line, span.column, span.end_line, span.end_column) == (2, 3, 2, 12)
    assert span.text == "1207.84万元"
    assert src.position(src.text.index("总")) == (3, 1)


# -- decoding -------------------------------------------------------------

sample_st = st.text(
    alphabet=st.one_of(st.sampled_from(list("一般公共预算财政拨款支出总计12345.67万元，占％。\n")), st.characters(codec="gb18030")),
    min_size=1,
    max_size=60,
).filter(lambda t: t.replace("\ufeff", "").strip() and not any(ord(c) < 32 and c not in "\t\n\r" for c in t))


@given(sample_st)
def test_utf8_round_trips_with_and_without_bom(text: str) -> None:
    assert load("x", text.encode("utf-8")).text == text
    loaded = load("x", codecs.BOM_UTF8 + text.encode("utf-8"))
    assert loaded.text == text and loaded.encoding == "utf-8"


@given(sample_st, st.sampled_from(["utf-16", "utf-16-le", "utf-16-be"]))
def test_utf16_with_bom_round_trips(text: str, codec: str) -> None:
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[codec]
    data = bom + text.encode(codec)  # "utf-16" writes its own BOM
    loaded = load("x", data)
    assert loaded.text == text
    assert loaded.encoding == "utf-16"


@given(sample_st)
def test_gb18030_round_trips(text: str) -> None:
    data = text.encode("gb18030")
    try:
        as_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8: GB18030 is taken only where the text reads as budget wording; otherwise the
        # encoding is refused as undecidable, never read as mojibake.
        if plausibility(text) < Fraction(1, 8):
            with pytest.raises(InputError, match="encoding"):
                load("x", data)
            return
        loaded = load("x", data)
        assert loaded.encoding == "gb18030" and loaded.text == text
    else:
        loaded = load("x", data)
        # A few GB18030 bytes can also be valid UTF-8 (小 is D0 A1, which UTF-8 reads as С);
        # UTF-8 comes first and nothing guesses past it.
        assert loaded.text == as_utf8 and loaded.encoding == "utf-8"


def test_gbk_disclosure_decodes() -> None:
    text = "部门预算\n一般公共预算财政拨款支出1207.84万元，占总支出的18.8％。"
    loaded = load("x", text.encode("gbk"))
    assert loaded.encoding == "gb18030" and loaded.text == text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   ",
        b" \n\r\n\t ",
        codecs.BOM_UTF8,
        codecs.BOM_UTF8 + b"  \n",
        codecs.BOM_UTF16_LE,
        codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "\u3000".encode("utf-16-be"),
        "\u3000\u3000\n".encode("utf-8"),
    ],
)
def test_empty_and_whitespace_only_inputs_are_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        load("x", data)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04" + b"\x00\x01\x02\x03" * 500,
        bytes(1000),
        b"%PDF-1.7\n" + bytes(range(32)) * 40,
        codecs.BOM_UTF16_LE + "".join(map(chr, range(1, 32))).encode("utf-16-le") * 40,
        codecs.BOM_UTF16_BE + bytes(range(0, 32)) * 40,
    ],
)
def test_binary_inputs_are_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        load("x", data)


@pytest.mark.parametrize("data", [b"\xff" * 10, b"\x80abc", codecs.BOM_UTF16_LE + b"\x00", codecs.BOM_UTF8 + b"\xff\xfe\xfd"])
def test_undecodable_inputs_are_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        load("x", data)


@given(st.binary(max_size=300))
@example(codecs.BOM_UTF32_LE + b"\x00")
@example(codecs.BOM_UTF32_BE + b"\x00\x00\x00a")
@example(codecs.BOM_UTF16_BE + b"\xd8\x00")  # a lone surrogate
def test_arbitrary_bytes_load_or_raise_input_error(data: bytes) -> None:
    try:
        src = load("x", data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert src.text.strip()
    assert len(src.norm) == len(src.text)


@given(st.binary(max_size=300))
def test_decode_raises_only_input_error(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except InputError:
        return
    assert isinstance(text, str) and encoding in ("utf-8", "utf-16", "utf-32", "gb18030", "big5")


def test_read_bytes_errors(tmp_path: pathlib.Path) -> None:
    with pytest.raises(InputError):
        load(str(tmp_path))
    with pytest.raises(InputError):
        load(str(tmp_path / "missing.txt"))
    path = tmp_path / "ok.txt"
    path.write_bytes("支出总计100万元。".encode("utf-8"))
    assert load(str(path)).text == "支出总计100万元。"


def test_size_limit(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 64)
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 65)
    with pytest.raises(InputError):
        load(str(path))
    path.write_bytes(b"a" * 64)
    assert load(str(path)).text == "a" * 64


def test_seeds_load_and_positions_agree() -> None:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not present")
    for path in seeds:
        src = load(str(path))
        assert src.encoding in ("utf-8", "gb18030", "utf-16")
        text = src.text
        # Spot-check positions against the naive walk at every line start and a stride of offsets.
        offsets = list(range(0, len(text) + 1, max(1, len(text) // 200))) + src.line_starts
        for offset in offsets:
            assert src.position(offset) == naive_position(text, offset)


@given(st.text(alphabet=st.sampled_from("ab万\n\r 1"), max_size=40), st.data())
def test_a_span_ends_where_its_end_offset_stands(text: str, data) -> None:
    src = Source("x", text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = src.span(start, end)
    assert (span.line, span.column) == src.position(start)
    assert (span.end_line, span.end_column) == src.position(end)
    assert span.text == text[start:end]


def test_a_span_survives_pickling_with_every_field():
    # Reports cross the process pool of `check -j N`; a compiled frozen dataclass cannot be unpickled
    # field by field, so Span pickles as a call, which must carry every field.
    values = {"page": 3, "sheet": "附件2", "cell": "D14", "table": 2, "row": 7, "table_column": 4}
    span = Span(5, 6, 5, 12, "871.82 万元", **values)
    assert set(values) | {"line", "column", "end_line", "end_column", "text"} == {f.name for f in dataclasses.fields(Span)}
    assert pickle.loads(pickle.dumps(span)) == span


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from(["万元", "元", "亿元", "人"]))
def test_a_space_grouping_thousands_before_a_unit_is_read_as_a_comma(number, unit):
    spaced = f"{number:,}".replace(",", " ")
    text = f"支出{spaced}{unit}，另有 12 345 和 7 890.12"  # the last two: no unit, or after a space: left alone
    norm = normalise(text)
    assert len(norm) == len(text)
    assert norm.startswith(f"支出{number:,}{unit}") and norm.endswith("另有 12 345 和 7 890.12")
    assert parse_number(norm[2 : 2 + len(spaced)]) == (number, 0)
