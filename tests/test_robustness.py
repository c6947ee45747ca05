"""Any text goes through extraction and every rule without an exception, and correct prose finds no error."""

from __future__ import annotations

import pathlib
import time
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetaudit import engine, ruleset, source
from budgetaudit.figures import format_decimal, round_half_up

settings.register_profile("budgetaudit", max_examples=150, deadline=None)
settings.load_profile("budgetaudit")

SEEDS = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
RULES = ruleset.load_rules()


def check(text: str):
    document = engine.read_document(source.Source("x.txt", text))
    return document, engine.check_document(document, RULES)


def errors(report) -> list:
    return [f for f in report.findings if f.severity == "error"]


# -- arbitrary text never raises --------------------------------------------

WORDS = [
    "一般公共预算", "财政拨款", "收入", "支出", "总计", "合计", "基本支出", "项目支出", "人员经费", "公用经费",
    "其中", "其中：", "占", "占比", "的比重为", "较上年", "比上年", "与上年相比", "增加", "减少", "增长", "下降",
    "持平", "主要原因是", "主要用于", "分别为", "万元", "亿元", "元", "%", "％", "人", "辆", "批次", "个百分点",
    "，", "。", "；", "：", "、", "（", "）", "(", ")", "|", "\t", " ", "\n", "\r\n", "一、", "（一）", "1.", "2、",
    "2023年", "决算", "预算", "增加（减少）", "0", "-", ".", ",", "万", "亿",
]
number_st = st.one_of(
    st.integers(min_value=-(10**9), max_value=10**12).map(str),
    st.builds(lambda n, d: format_decimal(Fraction(n, 100), d), st.integers(-(10**9), 10**9), st.integers(0, 4)),
    st.sampled_from(["0", "0.00", "100", "1,195.1", "36,399", "4125.49,4143.91", "12345678901234567890123"]),
)
token_st = st.one_of(
    st.sampled_from(WORDS),
    number_st,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=3),
)
text_st = st.lists(token_st, max_size=120).map("".join)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(text_st)
def test_arbitrary_text_never_raises(text: str) -> None:
    document, report = check(text)
    for finding in report.findings:
        assert finding.severity in ("info", "warning", "error")
        assert finding.locations and finding.locations[0].span.line >= 1


@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text: str) -> None:
    check(text)


def test_title_and_heading_shapes_never_raise() -> None:
    for text in ["", "\n", "一、", "（一）", "|", "\t", "其中", "占%", "较上年增加", "2023年度部门决算\n", "1.\n2."]:
        check(text)


# -- correct statements give no error ----------------------------------------


def pct(part: Fraction, whole: Fraction, decimals: int) -> str:
    return format_decimal(round_half_up(100 * part / whole, decimals), decimals)


# Each subject and part is named once in a document: the same label with two values is a
# genuine cross-reference error (XRF002), not what this test is about.
SUBJECTS = [
    ("一般公共预算财政拨款支出", ("基本支出", "项目支出")),
    ("信息化建设专项资金", ("网络运维费", "系统开发费")),
    ("城市管理专项资金", ("环卫保洁费", "绿化养护费")),
    ("教育发展资金", ("校舍维修费", "教师培训费")),
    ("乡村振兴资金", ("产业扶持费", "道路建设费")),
    ("文化旅游资金", ("场馆运营费", "宣传推广费")),
]
statement_st = st.tuples(
    st.integers(min_value=1, max_value=10**8),  # b in hundredths of 万元
    st.integers(min_value=1, max_value=10**8),  # c in hundredths of 万元
    st.integers(min_value=0, max_value=2),  # decimals of the shares
)


def statement(subject: str, labels: tuple[str, str], b: int, c: int, decimals: int) -> str:
    """X总计A万元，其中：B b万元，占p%；C c万元，占q%。 with A = b + c and p, q rounded half up."""
    part_b, part_c = Fraction(b, 100), Fraction(c, 100)
    whole = part_b + part_c
    amount = lambda v: format_decimal(v, 2)  # noqa: E731
    return (
        f"{subject}总计{amount(whole)}万元，其中：{labels[0]}{amount(part_b)}万元，占{pct(part_b, whole, decimals)}%；"
        f"{labels[1]}{amount(part_c)}万元，占{pct(part_c, whole, decimals)}%。"
    )


@given(
    st.lists(statement_st, min_size=1, max_size=len(SUBJECTS)),
    st.permutations(SUBJECTS),
    st.sampled_from(["预算", "决算"]),
    st.sampled_from(["\n", ""]),
)
def test_consistent_statements_have_no_error(statements, subjects, kind, separator) -> None:
    title = f"某某局2024年度部门{kind}情况说明\n一、收支情况\n"
    body = separator.join(statement(*subject, *s) for subject, s in zip(subjects, statements))
    document, report = check(title + body + "\n")
    assert errors(report) == [], [f.message for f in errors(report)]
    # The statements were read: every share is judged (or honestly unchecked), none silently lost.
    assert len(document.shares) >= len(statements)


def test_generated_statement_is_read() -> None:
    text = "某某局2024年度部门预算情况说明\n" + statement("支出", ("基本支出", "项目支出"), 18794, 81206, 1) + "\n"
    assert "总计1000.00万元，其中：基本支出187.94万元，占18.8%；项目支出812.06万元，占81.2%。" in text
    document, report = check(text)
    assert errors(report) == []
    assert len(document.shares) == 2 and all(s.whole is not None for s in document.shares)
    # The same statement with a wrong share is an error: the generator's statements are really checked.
    wrong = text.replace("占18.8%", "占19.4%")
    assert errors(check(wrong)[1])


# -- adversarial shapes finish quickly ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "9" * 100_000,
        "支出" + "1" * 100_000 + "万元。",
        "其中" * 10_000,
        "其中：基本支出1万元，" * 600,
        "（" * 5_000 + "1万元" + "）" * 5_000,
        "占" * 20_000 + "5%",
        "较上年增加" * 5_000 + "1万元",
        "|" * 50_000,
        "1,2" * 30_000,
        "\n" * 50_000,
    ],
    ids=["digits", "digits-unit", "qizhong", "qizhong-items", "parens", "zhan", "increase", "pipes", "commas", "breaks"],
)
def test_adversarial_text_is_quick(text: str) -> None:
    started = time.perf_counter()
    check(text)
    # A guard against hangs (catastrophic backtracking, quadratic walks), not a speed measurement:
    # linear work on these sizes takes well under a second; bench/bench.py measures the speed.
    assert time.perf_counter() - started < 10.0


def test_seeds_never_raise() -> None:
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seeds is not present")
    for path in seeds:
        document = engine.read_document(source.load(str(path)))
        report = engine.check_document(document, RULES)
        assert document.facts
        assert all(f.locations for f in report.findings)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_garbage_collector_is_paused_while_a_document_is_read_and_checked(enabled: bool) -> None:
    import gc

    rules = ruleset.load_rules()
    # Enough records that the collector, running, would start several times.
    text = "2024年度决算公开说明\n" + "".join(
        f"{k}.项目{k}。2024年度收入总计{k}92.46万元，支出总计{k}29.46万元，较上年增加1.00万元，增长{k}.5%。\n" for k in range(1, 200)
    )
    started: list[str] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(info["generation"])

    was = gc.isenabled()
    gc.callbacks.append(record)
    try:
        gc.enable() if enabled else gc.disable()
        report = engine.check_document(engine.read_document(source.Source("x.txt", text)), rules)
        assert report.findings and not started and gc.isenabled() is enabled
        with pytest.raises(AttributeError):  # a failure inside restores it too
            engine.check_document(engine.read_document(source.Source("x.txt", text)), ruleset.RuleSet([object()]))
        assert gc.isenabled() is enabled
    finally:
        gc.callbacks.remove(record)
        gc.enable() if was else gc.disable()


def test_a_fault_of_our_own_on_one_file_is_that_files_error_and_the_batch_goes_on(tmp_path, monkeypatch, rules):
    from budgetaudit import run
    from budgetaudit.config import Settings

    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text("2024年度部门决算公开说明\n支出合计100万元，其中：基本支出60万元，项目支出40万元。\n", encoding="utf-8")
    bad.write_text("2024年度部门决算公开说明\n支出合计100万元，其中：基本支出60万元，项目支出40万元。故障\n", encoding="utf-8")
    real = engine.check_document

    def faulty(document, *args, **kwargs):
        if "故障" in document.source.text:
            raise TypeError("None object expected")
        return real(document, *args, **kwargs)

    monkeypatch.setattr(engine, "check_document", faulty)
    batch = run.Batch([str(good), str(bad)], Settings(root=str(tmp_path)), rules, jobs=1)
    reports = list(batch.reports())
    assert not reports[0].error and not [f for f in reports[0].findings if f.severity == "error"]
    assert "内部错误" in reports[1].error and "TypeError" in reports[1].error and "\n" not in reports[1].error
    assert batch.totals.exit_code("error") == 2


@pytest.mark.parametrize("text", ["基本支出10万元(人员经费4万元)。", "基本支出10万元（人员经费4万元，公用经费6万元）。"])
def test_a_bracket_closing_after_the_last_figure_of_a_sentence_is_read(text, rules):
    # The compiled build once took the open bracket's state for None there and raised (issue #16, fresh-text audit).
    report = engine.check_document(engine.read_document(source.Source("x.txt", "2024年度部门决算公开说明\n" + text)), rules)
    assert report.checked >= 1


def test_a_disclosure_whose_figures_are_unread_says_whether_they_are_written_in_words(tmp_path):
    """EXT001: amounts in Chinese numerals (Macau's, Taiwan's budgets) are named as such, not as a damaged table."""
    from budgetaudit import ruleset
    from budgetaudit.run import check_path

    rules = ruleset.load_rules()
    in_words = tmp_path / "words.txt"
    in_words.write_text("青禾縣2025年度總預算案說明\n明年度歲入預算總額為三五一億七八八四萬二千元，較去年增加六億七百萬九千元。\n",
                        encoding="utf-8")
    garbled = tmp_path / "garbled.txt"
    garbled.write_text("青禾县2025年度部门预算公开说明\n一、收支预算总体情况\n收入预算□□万元，支出预算□□万元。\n", encoding="utf-8")
    reasons = {}
    for path in (in_words, garbled):
        report = check_path(str(path), rules, "zh")
        reasons[path.name] = [u.reason for u in report.unchecked if u.code == "EXT001"]
    assert len(reasons["words.txt"]) == 1 and "中文数字" in reasons["words.txt"][0]
    assert len(reasons["garbled.txt"]) == 1 and "转换中损坏" in reasons["garbled.txt"][0]
