"""Every rule's own examples, run as tests: a failing example fires the rule, a passing one does not."""

import pytest

from budgetaudit.ruleset import RuleFileError, load_rules, parse_rules, render

from conftest import check_text

RULES = load_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.code}-{example.verdict}-{i}")
    for rule in RULES.rules
    for i, example in enumerate(rule.examples)
]


def _findings(example, rules):
    """The findings of an example: one text's, or (a cross-document rule) those across its documents."""
    if example.documents:
        from budgetaudit.crossdoc import check_texts

        return [f for report in check_texts(list(example.documents), rules).reports for f in report.findings]
    return check_text(example.text, rules).findings


@pytest.mark.parametrize("rule, example", CASES)
def test_rule_example(rule, example):
    findings = _findings(example, RULES)
    # A failed relation explained by a root finding stands under it, with its own code.
    every = [c for f in findings for c in f.failed()]
    fired = [f for f in every if f.code == rule.code and f.severity in ("error", "warning")]
    if example.verdict == "fail":
        assert fired, f"{rule.code} did not fire on its failing example"
        texts = example.documents or (example.text,)
        assert all(any(loc.span.text in text for text in texts) for f in fired for loc in f.locations)
    else:
        assert not fired, f"{rule.code} fired on its passing example: {[f.message for f in fired]}"


@pytest.mark.parametrize("rule", [r for r in RULES.rules if r.kind != "extraction"], ids=lambda r: r.code)
def test_every_checking_rule_has_a_failing_and_a_passing_example(rule):
    verdicts = {e.verdict for e in rule.examples}
    assert verdicts == {"pass", "fail"}


@pytest.mark.parametrize("rule", [r for r in RULES.rules if r.kind != "extraction"], ids=lambda r: r.code)
def test_failing_example_is_silent_without_the_rule(rule):
    """The finding comes from this rule and no other: deselecting it leaves its failing example without it."""
    example = next(e for e in rule.examples if e.verdict == "fail")
    assert not [f for f in _findings(example, RULES.select(ignore=[rule.code])) if f.code == rule.code]


def test_codes_names_and_aliases_are_unique():
    seen = set()
    for rule in RULES.rules:
        for ident in (rule.code, rule.name, *rule.aliases):
            assert ident not in seen
            seen.add(ident)


def test_selectors():
    assert [r.code for r in RULES.find("PCT002")] == ["PCT002"]
    assert [r.code for r in RULES.find("rate-matches-change")] == ["PCT002"]
    assert [r.code for r in RULES.find("growth-rate")] == ["PCT002"]
    assert {r.code for r in RULES.find("PCT")} >= {"PCT001", "PCT002", "PCT003", "PCT004"}
    assert all(r.code.startswith("TOT") for r in RULES.select(select=["TOT"]).rules)


def test_render_fills_plain_placeholders_only():
    assert render("{label}为{stated}", {"label": "基本支出", "stated": "1.00万元"}) == "基本支出为1.00万元"
    # Attribute access and format specs are not evaluated: they are not placeholders at all.
    assert render("{label.__class__}{stated!r}", {"label": "x"}) == "{label.__class__}{stated!r}"


GOOD = """
[[rule]]
code = "TOT901"
name = "my-rule"
kind = "sum"
severity = "error"
summary = { zh = "甲", en = "a" }
message = { zh = "{label}", en = "{label}" }
description = "d"
"""


def test_a_valid_user_rule_parses():
    (rule,) = parse_rules(GOOD, "mine.toml")
    assert rule.code == "TOT901" and rule.params == {}


@pytest.mark.parametrize(
    "change, complaint",
    [
        (('severity = "error"', 'severity = "fatal"'), "severity"),
        (('kind = "sum"', 'kind = "python"'), "unknown kind"),
        (('code = "TOT901"', 'code = "X1"'), "bad rule code"),
        (('name = "my-rule"', 'name = "My Rule"'), "kebab"),
        (('description = "d"', 'description = "d"\nexec = "print(1)"'), "unknown key 'exec'"),
        (('message = { zh = "{label}", en = "{label}" }', 'message = { zh = "{__import__}", en = "x" }'), "placeholder"),
        (('description = "d"', 'description = "d"\nparams = { mode = 3 }'), "params"),
        (("[[rule]]", "[[rule]"), "not valid TOML"),
    ],
)
def test_malformed_rule_files_are_refused_with_file_and_line(change, complaint):
    text = GOOD.replace(*change)
    with pytest.raises(RuleFileError) as info:
        parse_rules(text, "mine.toml")
    message = str(info.value)
    assert message.startswith("mine.toml")
    assert complaint in message


def test_unknown_key_is_located_on_its_line():
    text = GOOD.replace('description = "d"', 'description = "d"\nexec = "print(1)"')
    with pytest.raises(RuleFileError) as info:
        parse_rules(text, "mine.toml")
    assert str(info.value).startswith("mine.toml:10:")


def test_user_rule_directory_collision(tmp_path):
    (tmp_path / "dup.toml").write_text(GOOD.replace("TOT901", "TOT001"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="already used"):
        load_rules([str(tmp_path)])


def test_a_part_published_on_its_own_lacks_sections_as_info(rules):
    # A “三公”经费 page alone holds one section of six: what it lacks is info, not a warning.
    from conftest import check_text

    report = check_text("2024年度部门决算公开说明\n“三公”经费。2024年度“三公”经费支出共计1.00万元。\n", rules)
    assert [(f.code, f.severity) for f in report.findings if f.code == "CMP001"] == [("CMP001", "info")]


@pytest.mark.parametrize("head, severity", [
    ("2024年度部门决算公开说明\n", "warning"),
    ("第一部分 单位概况\n本单位2024年度部门决算收支情况如下。\n", "info"),
    ("本报讯 某区档案馆今天公布了2024年度部门决算，数据显示收支平稳。\n", "info"),
    ("2024年度部门决算其他事项说明\n", "info"),
])
def test_lacking_sections_is_a_warning_only_under_a_disclosures_title(rules, head, severity):
    # Four sections of six: a whole disclosure that lacks two, unless nothing says it is a whole one.
    body = ("一、“三公”经费。2024年度“三公”经费支出共计1.00万元。\n二、政府采购。2024年度政府采购支出总额5.00万元。\n"
            "三、国有资产。截至2024年12月31日，本部门共有车辆1辆。\n四、绩效。本部门对2个项目开展了绩效自评。\n")
    report = check_text(head + body, rules)
    assert [(f.code, f.severity) for f in report.findings if f.code == "CMP001"] == [("CMP001", severity)]
