"""What the narrative slice must show on the real disclosures (skipped where ../shared/seeds is absent)."""

from budgetaudit import engine, source

from conftest import seed


def report_of(prefix, rules, lang="zh"):
    document = engine.read_document(source.load(str(seed(prefix))))
    return document, engine.check_document(document, rules, lang)


def errors(report):
    return [f for f in report.findings if f.severity == "error"]


def test_seed_001_rate_on_line_83_is_an_error(rules):
    _, report = report_of("001", rules)
    found = [f for f in errors(report) if f.code == "PCT002" and f.line == 83]
    assert len(found) == 1
    finding = found[0]
    assert finding.stated == "19.4%" and finding.expected == "18.8%"
    texts = [loc.span.text for loc in finding.locations]
    assert texts == ["19.4%", "137.95 万元", "871.82 万元"]
    assert all(loc.span.line == 83 for loc in finding.locations)


def test_seed_003_basic_expenditure_decrease_contradicts_increase(rules):
    _, report = report_of("003", rules)
    found = [f for f in errors(report) if f.code == "XRF001"]
    assert len(found) == 1
    lines = [loc.span.line for loc in found[0].locations]
    assert lines[0] == 21 and 20 in lines and 23 in lines
    assert found[0].stated == "减少90.59万元"


def test_seed_002_narrative_has_no_error(rules):
    _, report = report_of("002", rules)
    assert errors(report) == []


def test_seed_000_reception_average_is_not_an_error_or_warning(rules):
    _, report = report_of("000", rules)
    average = [f for f in report.findings if f.code == "AVG001"]
    assert average and all(f.severity == "info" for f in average)
    # Its narrative arithmetic holds: its errors are in the self-evaluation tables (EVA), its warning
    # is about what it publishes (CMP).
    narrative = [f for f in report.findings if f.severity in ("error", "warning") and f.code[:3] not in ("EVA", "CMP")]
    assert narrative == []


def test_seed_004_no_purchase_planned_against_a_planned_purchase(rules):
    document, report = report_of("004", rules)
    assert document.kind == "budget" and document.year == 2021
    # Its only error: the "三公" section plans no vehicle purchase, the assets section budgets one.
    (finding,) = errors(report)
    assert finding.code == "XRF002"
    assert [(loc.span.line, loc.span.text) for loc in finding.locations] == [(57, "1辆"), (48, "无新购公务用车")]


def test_document_kind_and_year_come_from_the_title(rules):
    document, _ = report_of("000", rules)
    assert (document.kind, document.year) == ("final_account", 2022)
    document, _ = report_of("003", rules)
    assert (document.kind, document.year) == ("budget", 2026)


def test_locations_are_where_the_reviewer_sees_them(rules):
    path = seed("001")
    lines = path.read_text(encoding="utf-8").splitlines()
    _, report = report_of("001", rules)
    for finding in report.findings:
        for loc in finding.locations:
            span = loc.span
            if span.line == span.end_line:
                assert lines[span.line - 1][span.column - 1 : span.end_column - 1] == span.text


def test_english_messages(rules):
    _, report = report_of("001", rules, "en")
    finding = next(f for f in report.findings if f.code == "PCT002" and f.severity == "error")
    assert "the rate is stated as 19.4%" in finding.message
