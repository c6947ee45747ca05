"""Encodings as departments save them: the same disclosure gives the same findings in every one."""

import pytest

from budgetaudit import engine, source
from budgetaudit.source import InputError

from conftest import seed

TRADITIONAL = (
    "重慶市某區統計局2024年度部門決算說明\n"
    "一、收入支出決算總體情況。2024年度收入總計492.46萬元，支出總計429.46萬元。\n"
    "其中：基本支出93.09萬元，項目支出399.37萬元。\n"
)


def findings(data: bytes, rules):
    document = engine.read_document(source.load("x.txt", data))
    report = engine.check_document(document, rules)
    return sorted((f.code, f.severity, f.line, f.column, f.stated)
                  for root in report.findings for f in root.failed())


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_seed_in_other_encodings_gives_the_same_findings(rules, prefix, encoding):
    text = seed(prefix).read_text(encoding="utf-8")
    assert findings(text.encode(encoding), rules) == findings(text.encode("utf-8"), rules)


def test_crlf_and_cr_line_endings_keep_lines(rules):
    text = seed("001").read_text(encoding="utf-8")
    expected = findings(text.encode("utf-8"), rules)
    assert findings(text.replace("\n", "\r\n").encode("utf-8"), rules) == expected
    assert findings(text.replace("\n", "\r").encode("utf-8"), rules) == expected


def test_big5_is_read_and_told_apart_from_its_gb18030_mojibake(rules):
    data = TRADITIONAL.encode("big5")
    loaded = source.load("x.txt", data)
    assert loaded.encoding == "big5" and loaded.text == TRADITIONAL
    assert source.plausibility(data.decode("gb18030")) < source.plausibility(TRADITIONAL)
    # Traditional characters read like simplified ones: 收入總計 ≠ 支出總計, and 支出總計 < its parts.
    assert [f[0] for f in findings(data, rules) if f[1] == "error"] == ["TOT002", "TOT004"]


def test_bytes_that_decode_only_into_nonsense_are_refused():
    nonsense = bytes(range(0xA1, 0xFE)) * 40  # valid GB18030 pairs, none of them budget wording
    with pytest.raises(InputError, match="encoding"):
        source.load("x.txt", nonsense)


def test_stray_nul_bytes_in_text_are_read_as_spaces(rules):
    text = "2024年度部门决算公开说明\n1.总体情况。2024年度收入总计492.46万元，\x00支出总计492.46万元。\n"
    loaded = source.load("x.txt", text.encode("utf-8"))
    assert "\x00" not in loaded.norm and len(loaded.norm) == len(loaded.text)
