"""Every table of the five seed disclosures rebuilt to the expected shape, and the seed findings of TOT010-012."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetaudit import engine, ruleset, source
from budgetaudit.tables import read_tables

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
SHAPES = json.loads((Path(__file__).parent / "data" / "tables" / "seed_shapes.json").read_text(encoding="utf-8"))
TABLE_RULES = ("TOT010", "TOT011", "TOT012")


def seed(name: str) -> Path:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seed disclosures not available")
    return path


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_seed_tables_have_expected_shape(name):
    built = read_tables(source.load(str(seed(name))))
    expected = SHAPES[name]
    assert len(built) == len(expected)
    for b, want in zip(built, expected):
        table = b.table
        assert table.first_line == want["first_line"]
        assert table.kind == want["kind"]
        assert (len(table.rows), table.width) == (want["rows"], want["columns"])
        numbers = [
            [r, c, cell.text]
            for r, row in enumerate(table.rows)
            for c, cell in enumerate(row.cells)
            if cell.state == "figure"
        ]
        assert numbers == want["numbers"]


def findings(name: str):
    document = engine.read_document(source.load(str(seed(name))))
    report = engine.check_document(document, ruleset.load_rules().select(list(TABLE_RULES)))
    # A root finding stands for the failed relations it explains: each of them is still found.
    return [c for f in report.findings for c in f.failed()]


def test_seed_003_table_errors():
    found = findings("003_a9842d19cce9b344.txt")
    errors = {(f.line, f.code) for f in found if f.severity == "error"}
    assert (278, "TOT010") in errors  # 附件2: 21505 718.3 against 166.61 + 48.19 + 500
    assert (833, "TOT011") in errors  # 附件8: 合计 1027.84 against 404.68 + 803.16
    assert (59, "TOT010") in errors  # 附件1: the expenditure categories against 1207.84
    transposed = next(f for f in found if (f.line, f.code) == (833, "TOT011"))
    assert "颠倒" in transposed.message
    lines = {loc.span.line for loc in transposed.locations}
    assert {833, 834, 835} <= lines


def test_seed_003_rounding_is_never_an_error():
    found = [f for f in findings("003_a9842d19cce9b344.txt") if f.line in (348, 349)]
    assert found and all(f.severity == "info" for f in found)


@pytest.mark.parametrize("name", ["000_584f97120b58487b.txt", "001_bcb333aaa529c723.txt", "002_0551994c0159023e.txt", "004_9a9310ba37373599.txt"])
def test_no_table_findings_on_other_seeds(name):
    assert [f for f in findings(name) if f.severity != "info"] == []


def test_self_evaluation_tables_declare_no_sums():
    document = engine.read_document(source.load(str(seed("000_584f97120b58487b.txt"))))
    assert document.tables and all(t.kind == "self_evaluation" for t in document.tables)
    assert not [f for f in document.facts if f.origin.startswith("table:")]
