"""The examples of rules/tables.toml: a fail example produces a finding with its code, a pass example none."""

from __future__ import annotations

import pytest

from budgetaudit import engine, ruleset
from budgetaudit.source import Source

RULES = [r for r in ruleset.load_rules().rules if r.file.endswith("tables.toml")]
CASES = [(r.code, e.verdict, e.text) for r in RULES for e in r.examples]


def test_table_rules_are_loaded():
    assert {r.code for r in RULES} == {"TOT010", "TOT011", "TOT012"}


@pytest.mark.parametrize("code,verdict,text", CASES)
def test_example(code, verdict, text):
    document = engine.read_document(Source("example.txt", text.strip() + "\n"))
    report = engine.check_document(document, ruleset.load_rules().select([code]))
    errors = [f for f in report.findings if f.code == code and f.severity == "error"]
    if verdict == "fail":
        assert errors
    else:
        assert not [f for f in report.findings if f.code == code and f.severity != "info"]
