"""One finding per mistake (issue #17): failed relations that one or two corrected figures explain are
replaced by one finding per figure, the relations listed under it. Documents invented."""

from fractions import Fraction

from conftest import check_text

from budgetaudit import rootcause
from budgetaudit.figures import Figure
from budgetaudit.relations import Outcome, judge, total
from budgetaudit.report import Finding, Location
from budgetaudit.source import Span

HEAD = "2026年部门预算情况说明\n一、收支总体情况\n2026年支出合计{narrative}万元，与收入合计相等。\n"
TABLE = """附件8 部门支出总表
单位:万元
| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |
|---|---|---|---|---|
| | 合计 | {total} | 404.68 | 803.16 |
| 208 | 社会保障和就业支出 | {social} | 52.84 | |
| 210 | 卫生健康支出 | 20.70 | 20.70 | |
| 215 | 资源勘探工业信息等支出 | {industry} | 307.15 | 803.16 |
| 221 | 住房保障支出 | 23.99 | 23.99 | |
"""


def document(total="1207.84", social="52.84", industry="1110.31"):
    return HEAD.format(narrative="1207.84") + TABLE.format(total=total, social=social, industry=industry)


def errors(text, rules):
    return [f for f in check_text(text, rules).findings if f.severity in ("error", "warning") and not f.code.startswith("CMP")]


def test_the_clean_document_is_silent(rules):
    assert errors(document(), rules) == []


def test_a_transposed_total_copied_elsewhere_is_one_finding_with_its_consequences(rules):
    (root,) = errors(document(total="1027.84"), rules)
    assert (root.stated, root.expected) == ("1027.84", "1207.84")
    assert [loc.span.text for loc in root.locations] == ["1027.84"]
    assert sorted(c.code for c in root.consequences) == ["TOT011", "TOT012", "XRF002"]
    assert root.code == "XRF002"  # the most severe consequence's code, XRF before TOT
    assert "颠倒" in root.message and "3项" in root.message


def test_two_wrong_cells_of_one_column_are_two_findings_and_the_total_is_not_blamed(rules):
    found = errors(document(social="52.48", industry="1101.31"), rules)
    questioned = sorted(f.stated for f in found)
    assert questioned == ["1101.31", "52.48"], [f.message for f in found]
    assert all(f.locations[0].span.text != "1207.84" for f in found)
    roots = [f for f in found if f.consequences]
    assert roots and all(f.expected in ("52.84", "1110.31") for f in roots)


def test_a_lone_failed_relation_keeps_its_finding(rules):
    text = "2024年度部门决算公开说明\n一、收入支出决算总体情况。2024年度收入总计2318.40万元，比上年2476.95万元减少158.55万元，下降6.84%。"
    (finding,) = errors(text, rules)
    assert finding.code == "PCT002" and not finding.consequences


def _figure(text: str, line: int) -> Figure:
    return Figure(Fraction(text), 0, None, Span(line, 1, line, 1 + len(text), text), 0, len(text))


def _failed(stated: Figure, parts: list[Figure], code: str) -> tuple:
    """A failed relation as the Reporter keeps it: (Judgement.args, stated, inputs, finding)."""
    judgement = judge(total, [1] * len(parts), [p.operand for p in parts], stated.operand)
    assert judgement.outcome is Outcome.INCONSISTENT
    finding = Finding(code, "x", "error", f"{code} fails", [Location(f.span) for f in [stated, *parts]], "", stated.text)
    return judgement.args, stated, parts, finding, judgement


def test_two_corrections_that_explain_alike_are_named_and_nothing_is_collapsed():
    """T = A + B and T = A + C, with B = C: T one more, or A one less, explains both."""
    t, a, b, c = _figure("100", 1), _figure("90", 2), _figure("20", 3), _figure("20", 4)
    first, second = _failed(t, [a, b], "TOT001"), _failed(t, [a, c], "TOT001")
    hints = {"separator": "；", "list_separator": "、", "root_cause_ambiguous": "改正{one}或改正{other}"}
    out = rootcause.collapse([first[3], second[3]], [first, second], lambda name, **values: hints[name].format(**values))
    assert out == [first[3], second[3]]
    assert "改正100→110或改正90→80" in first[3].message or "改正90→80或改正100→110" in first[3].message


def _finding(code: str, line: int, text: str, expected: str, figures: int) -> Finding:
    spans = [Span(line, 2, line, 2 + len(text), text)] + [Span(line - k, 2, line - k, 4, "10") for k in range(1, figures)]
    return Finding(code, "", "error", code, [Location(s) for s in spans], expected, text)


def _hint(name, **values):
    return name + "".join(f"[{k}={v}]" for k, v in sorted(values.items()))


def test_two_findings_asking_one_correction_of_one_figure_are_one():
    total = _finding("EVA002", 40, "20", "10", 3)  # the total misses: 20 should be 10
    weight = _finding("EVA003", 40, "20", "≤10", 2)  # the score is above its weight 10
    other = _finding("EVA003", 41, "30", "≤20", 2)
    (root, kept) = rootcause.join_same_correction([total, weight, other], _hint)
    assert root is total and root.consequences == [weight] and "root_cause_same" in root.message
    assert kept is other and root.failed() == [total, weight]


def test_findings_asking_different_corrections_of_one_figure_stay_apart():
    total = _finding("EVA002", 40, "20", "18", 3)
    weight = _finding("EVA003", 40, "20", "≤10", 2)  # 18 is above 10: two corrections, two findings
    assert rootcause.join_same_correction([total, weight], _hint) == [total, weight]
