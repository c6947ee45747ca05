"""Properties of the whole pipeline, on generated documents.

- Paragraphs about unrelated subjects do not influence each other: shuffling them never changes the
  findings of any of them (compared by code, severity and the figures' printed texts, not by line).
- Arbitrary bytes and text never raise through the reader, either extractor or the engine: an input
  is refused with InputError or read and checked.
- A document consistent by construction (totals are the sums of their parts, shares and growth
  rates the exact values rounded half up, in prose and in a table) yields no error.

Speed is measured by bench/bench.py, never here; the suite stays fast (small documents, bounded
examples).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetaudit import engine, prose, readers, ruleset, source, tables, title
from budgetaudit.concepts import default_dictionary
from budgetaudit.document import Document
from budgetaudit.figures import format_decimal, round_half_up

RULES = ruleset.load_rules()
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_DIGITS = "零一二三四五六七八九"
_PLACES = ["东城", "西城", "南岸", "北山", "江北", "河西", "湖滨", "新港"]
_FIELDS = ["信息化", "城市管理", "教育", "卫生", "文化", "农业"]
_PARTS = [("基本支出", "项目支出"), ("人员经费", "公用经费"), ("运行维护费", "专项业务费")]
CORRUPTIONS = ["none", "total", "share", "rate", "delta"]


def chinese(n: int) -> str:
    """1..99 in Chinese numerals (headings must carry no ASCII digits, which would read as figures)."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _DIGITS[tens]) + "十" if tens else "") + (_DIGITS[ones] if ones else "")


def money(hundredths: int) -> str:
    return format_decimal(Fraction(hundredths, 100), 2)


def percent(part: int, whole: int) -> str:
    return format_decimal(round_half_up(Fraction(100 * part, whole), 2), 2)


paragraph_st = st.tuples(
    st.integers(1, 10**7),  # first part, in hundredths of 万元
    st.integers(1, 10**7),  # second part
    st.integers(1, 2 * 10**7),  # last year's total
    st.sampled_from(CORRUPTIONS),
)


def paragraph(number: int, spec: tuple[int, int, int, str]) -> list[str]:
    """One numbered paragraph about its own program: a total with a 其中 list and shares, and a change
    against last year with its rate; `corruption` makes one printed figure wrong."""
    b, c, previous, corruption = spec
    name = f"{_PLACES[number % len(_PLACES)]}{_FIELDS[number // len(_PLACES) % len(_FIELDS)]}第{chinese(number + 1)}项目"
    first, second = (name + label for label in _PARTS[number % len(_PARTS)])
    total = b + c
    delta = total - previous
    word, rate_word = ("增加", "增长") if delta >= 0 else ("减少", "下降")
    stated_total = total + 1000 if corruption == "total" else total
    share = percent(b, total) if corruption != "share" else percent(b, total) + "1"
    rate = percent(abs(delta), previous) if corruption != "rate" else format_decimal(
        round_half_up(Fraction(100 * abs(delta), previous), 2) + 3, 2)
    stated_delta = abs(delta) + 500 if corruption == "delta" else abs(delta)
    return [
        f"（{chinese(number + 1)}）{name}收支情况",
        f"{name}支出总计{money(stated_total)}万元，其中：{first}{money(b)}万元，占{share}%；"
        f"{second}{money(c)}万元，占{percent(c, total)}%。",
        f"{name}支出总计较上年{word}{money(stated_delta)}万元，{rate_word}{rate}%。",
        "",
    ]


HEAD = ["某某区综合服务管理局", "2024年度部门决算情况说明", "一、收支情况", ""]


def findings_by_paragraph(paragraphs: list[list[str]], order: list[int]) -> dict[int, Counter]:
    """Check the paragraphs in `order`; each finding keyed by the paragraph its questioned figure is in."""
    lines = list(HEAD)
    owner: dict[int, int] = {}
    for index in order:
        for line in paragraphs[index]:
            lines.append(line)
            owner[len(lines)] = index
    report = engine.check_document(engine.read_document(source.Source("p.txt", "\n".join(lines))), RULES)
    out: dict[int, Counter] = defaultdict(Counter)
    for finding in report.findings:
        key = (finding.code, finding.severity, finding.expected, finding.stated,
               tuple(location.span.text for location in finding.locations))
        out[owner.get(finding.line, -1)][key] += 1
    return dict(out)


@FAST
@given(st.lists(paragraph_st, min_size=2, max_size=6), st.randoms(use_true_random=False))
def test_shuffling_unrelated_paragraphs_keeps_their_findings(specs, rng: random.Random) -> None:
    paragraphs = [paragraph(number, spec) for number, spec in enumerate(specs)]
    order = list(range(len(paragraphs)))
    before = findings_by_paragraph(paragraphs, order)
    rng.shuffle(order)
    after = findings_by_paragraph(paragraphs, order)
    assert before == after


@FAST
@given(st.lists(paragraph_st.map(lambda spec: spec[:3] + ("none",)), min_size=1, max_size=6))
def test_consistent_paragraphs_have_no_error(specs) -> None:
    lines = list(HEAD)
    for number, spec in enumerate(specs):
        lines += paragraph(number, spec)
    report = engine.check_document(engine.read_document(source.Source("c.txt", "\n".join(lines))), RULES)
    assert [f.message for f in report.findings if f.severity == "error"] == []


def test_corrupted_paragraphs_are_errors() -> None:
    """The generator's corruptions are really caught: the properties above are not vacuous."""
    for corruption in CORRUPTIONS[1:]:
        lines = HEAD + paragraph(0, (12345, 67890, 70000, corruption))
        report = engine.check_document(engine.read_document(source.Source("x.txt", "\n".join(lines))), RULES)
        assert any(f.severity == "error" for f in report.findings), corruption
    assert findings_by_paragraph([paragraph(0, (12345, 67890, 70000, "total"))], [0])


# -- a consistent table with its narrative ---------------------------------------------

table_row_st = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))


def consistent_table(rows: list[tuple[int, int]]) -> list[str]:
    """附件 一般公共预算财政拨款支出决算表, | cells: every row's 合计 = 基本支出 + 项目支出, the 合计 row the sum."""
    basic = sum(b for b, _ in rows)
    project = sum(p for _, p in rows)
    lines = ["附件1", "一般公共预算财政拨款支出决算表", "单位：万元",
             "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |",
             f"|  | 合计 | {money(basic + project)} | {money(basic)} | {money(project)} |"]
    for k, (b, p) in enumerate(rows):
        lines.append(f"| {2010101 + k * 100} | 第{chinese(k + 1)}项支出 | {money(b + p)} | {money(b)} | {money(p)} |")
    return lines


@FAST
@given(st.lists(table_row_st, min_size=1, max_size=8))
def test_consistent_table_with_narrative_has_no_error(rows) -> None:
    basic = sum(b for b, _ in rows)
    project = sum(p for _, p in rows)
    total = basic + project
    narrative = [f"2024年度一般公共预算财政拨款支出{money(total)}万元。"]
    if total:
        narrative = [f"2024年度一般公共预算财政拨款支出{money(total)}万元，其中：基本支出{money(basic)}万元，"
                     f"占{percent(basic, total)}%；项目支出{money(project)}万元，占{percent(project, total)}%。"]
    text = "\n".join(HEAD + narrative + [""] + consistent_table(rows)) + "\n"
    document = engine.read_document(source.Source("t.txt", text))
    report = engine.check_document(document, RULES)
    assert [f.message for f in report.findings if f.severity == "error"] == []
    assert document.tables, "the table was rebuilt"


# -- arbitrary input never raises ----------------------------------------------------------

CELLS = ["科目编码", "科目名称", "合计", "基本支出", "项目支出", "收入", "支出", "本年收入", "年初结转和结余",
         "单位：万元", "附件1", "一般公共预算财政拨款支出决算表", "201", "20101", "2010101", "行政运行", "",
         "-", "0.00", "1,234.56", "12.3", "100", "%", "占", "其中：", "较上年增加", "万元", "项目名称", "自评得分"]
cell_st = st.one_of(st.sampled_from(CELLS), st.integers(-(10**6), 10**9).map(str),
                    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=4))
line_st = st.tuples(st.lists(cell_st, max_size=7), st.sampled_from([" | ", "\t", "  ", "，", ""]), st.booleans()).map(
    lambda t: ("| " if t[2] else "") + t[1].join(t[0]) + (" |" if t[2] else ""))
text_st = st.lists(line_st, max_size=25).map("\n".join)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gb18030", "big5"]


def read_everything(data: bytes) -> None:
    """The reader, each extractor on its own, the whole pipeline and the engine; InputError is a refusal."""
    try:
        src, native = readers.read("x.txt", data)
    except source.InputError:
        return
    dictionary = default_dictionary()
    alone = Document(src)
    title.read(src, alone)
    tables.extract(src, alone, dictionary)
    alone = Document(src)
    title.read(src, alone)
    prose.extract(src, alone, dictionary)
    engine.check_document(engine.read_document(src, native_tables=native), RULES)


@FAST
@given(text_st, st.sampled_from(ENCODINGS))
def test_arbitrary_table_like_text_never_raises(text: str, encoding: str) -> None:
    read_everything(text.encode(encoding, errors="ignore"))


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    read_everything(data)
