"""The five seed disclosures: one error or warning per real mistake, each at the figure a careful reader corrects.

tests/data/seed_mistakes.json lists those mistakes (seed, line, the questioned figure as printed, the corrected
value the report gives, the rule): no seed text. A mistake reported twice, or a finding not on the list, fails;
so does a mistake no longer found. The failed relations a root finding explains are listed under it, not beside.
"""

import json
import pathlib

import pytest

from conftest import SEEDS, check_text

LIST = pathlib.Path(__file__).parent / "data" / "seed_mistakes.json"
MISTAKES = json.loads(LIST.read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", sorted({m["seed"] for m in MISTAKES} | {"002"}))
def test_one_finding_per_real_mistake(prefix, rules):
    paths = sorted(SEEDS.glob(f"{prefix}*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("../shared/seeds is not present")
    report = check_text(paths[0].read_text(encoding="utf-8"), rules)
    given = sorted((f.locations[0].span.line, f.locations[0].span.text, f.expected, f.code)
                   for f in report.findings if f.severity in ("error", "warning"))
    wanted = sorted((m["line"], m["printed"], m["corrected"], m["code"]) for m in MISTAKES if m["seed"] == prefix)
    assert given == wanted


def test_the_list_holds_no_mistake_twice():
    places = [(m["seed"], m["line"], m["printed"]) for m in MISTAKES]
    assert len(places) == len(set(places))
