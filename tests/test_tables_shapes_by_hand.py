"""Every seed table against its shape read by hand (tests/data/tables/seed_shapes_by_hand.json).

The expected data was written from the raw text, not from the reader (see its "_how" and each
table's "how"). A table must have the right number of body rows and columns, and every numeric
cell must stand in its column or be marked uncertain, never in a wrong place; the reader must
not find a number where the print has none. Code and 序号 columns are identifiers, not compared.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from budgetaudit import source
from budgetaudit.tables import read_tables

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
DATA = json.loads((Path(__file__).parent / "data" / "tables" / "seed_shapes_by_hand.json").read_text(encoding="utf-8"))
_NUMBER = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?%?$")
CASES = [(name, table) for name, tables in sorted(DATA["seeds"].items()) for table in tables]


def _seed_tables(name: str) -> dict[int, object]:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seed disclosures not available")
    return {b.table.first_line: b.table for b in read_tables(source.load(str(path)))}


def compare(table, want: dict) -> list[str]:
    """Every disagreement between a rebuilt table and the hand-read shape (empty when they agree)."""
    problems = []
    if (len(table.rows), table.width) != (want["rows"], want["columns"]):
        problems.append(f"shape {len(table.rows)}x{table.width}, expected {want['rows']}x{want['columns']}")
        return problems
    ids = set(want["id_columns"])
    expected: dict[tuple[int, int], str] = {}
    allowed: dict[int, list[tuple[list[int], str]]] = {}
    for r, c, text in want["numbers"]:
        columns = c if isinstance(c, list) else [c]
        allowed.setdefault(r, []).append((columns, text))
        for column in columns:
            expected[(r, column)] = text
    for r, row in enumerate(table.rows):
        wants = allowed.get(r, [])
        for columns, text in wants:
            cells = [row.cells[c] for c in columns]
            if any(cell.state == "figure" and cell.text.strip() == text for cell in cells):
                continue
            if any(cell.state == "uncertain" and cell.text.strip() == text and set(columns) & set(cell.candidates) for cell in row.printed):
                continue
            problems.append(f"row {r}: {text} expected in column {columns[0]}, found {[cell.text for cell in cells]}")
        for c, cell in enumerate(row.cells):
            if c in ids or cell.state not in ("figure", "uncertain") or not _NUMBER.match(cell.text.strip()):
                continue
            if cell.state == "figure" and expected.get((r, c)) != cell.text.strip():
                problems.append(f"row {r}: {cell.text} in column {c}, where the print has {expected.get((r, c), 'no number')}")
            if cell.state == "uncertain" and not any(cell.text.strip() == text for _, text in wants):
                problems.append(f"row {r}: uncertain {cell.text} is no number of the row")
        for cell in row.printed:
            if cell.state == "text" and _NUMBER.match(cell.text.strip()) and any(cell.text.strip() == text for _, text in wants):
                problems.append(f"row {r}: {cell.text} read as text")
    return problems


def agreement(table, want: dict) -> tuple[int, int, int]:
    """(placed right, marked uncertain, total) over the expected numeric cells of a table of the right shape."""
    if (len(table.rows), table.width) != (want["rows"], want["columns"]):
        return 0, 0, len(want["numbers"])
    right = uncertain = 0
    for r, c, text in want["numbers"]:
        columns = c if isinstance(c, list) else [c]
        row = table.rows[r]
        if any(row.cells[k].state == "figure" and row.cells[k].text.strip() == text for k in columns):
            right += 1
        elif any(cell.state == "uncertain" and cell.text.strip() == text for cell in row.printed):
            uncertain += 1
    return right, uncertain, len(want["numbers"])


@pytest.mark.parametrize("name", sorted(DATA["seeds"]))
def test_every_seed_table_is_found(name):
    assert sorted(_seed_tables(name)) == sorted(t["first_line"] for t in DATA["seeds"][name])


@pytest.mark.parametrize(("name", "want"), CASES, ids=[f"{n[:3]}-{t['first_line']}" for n, t in CASES])
def test_seed_table_matches_hand_reading(name, want, request):
    if want.get("known_wrong"):
        request.applymarker(pytest.mark.xfail(reason=want["known_wrong"], strict=True))
    table = _seed_tables(name).get(want["first_line"])
    assert table is not None, f"no table at line {want['first_line']}"
    assert table.kind == want["kind"]
    assert compare(table, want) == []
