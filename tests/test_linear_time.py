"""Linear time (issue 21): the slip hints of wrong rates come from an index built once per document,
and give what a scan of every change gives."""

import random
import time
from fractions import Fraction

from budgetaudit import engine, source
from budgetaudit.slips import RateSlips, rate_holds

HEAD = "2024年度某某单位部门决算公开说明\n"


def growth_document(statements: int) -> str:
    """N growth-rate statements, each rate wrong (the shape that took 36 s at 2,000 before the index)."""
    return HEAD + "\n".join(
        f"第{k}项支出{100 + k}.00万元，较上年决算数增加10.00万元，增长{(k % 40) + 50}.00%。" for k in range(statements)) + "\n"


def _cpu_per_statement(rules, statements: int) -> float:
    text = growth_document(statements)
    started = time.process_time()
    report = engine.check_document(engine.read_document(source.Source("g.txt", text)), rules)
    seconds = time.process_time() - started
    assert sum(1 for f in report.findings if f.code == "PCT002") == statements
    return seconds / statements


def test_wrong_growth_rates_cost_the_same_per_statement_at_any_count(rules):
    small = min(_cpu_per_statement(rules, 250) for _ in range(2))
    large = _cpu_per_statement(rules, 2000)
    # Linear is 1×; the scan of every change per wrong rate was 8× here. Room for a noisy machine.
    assert large < 3 * small, (small, large)


def _scan_swapped(change, rated):
    for other in rated:
        if other is change or other.current is None or other.base != change.base or other.delta_sign not in (1, -1):
            continue
        if rate_holds(change, other.delta.base_value) and rate_holds(other, change.delta.base_value):
            return other
    return None


def _scan_copied(change, rated):
    for other in rated:
        if other is not change and other.rate.text == change.rate.text and abs(other.rate.span.line - change.rate.span.line) <= 3:
            return other
    return None


def test_the_index_answers_as_a_scan_of_every_change():
    rng = random.Random(21)
    for trial in range(40):
        lines = []
        for k in range(rng.randint(2, 12)):
            current = rng.choice([100, 120, 150, 200, 90])
            delta = rng.choice([10, 20, 25, 30, 50])
            word, rate_word = rng.choice([("增加", "增长"), ("减少", "下降")])
            base = current - delta if word == "增加" else current + delta
            right = Fraction(100 * delta, base)
            rate = rng.choice([round(float(right), 2), rng.choice([10.0, 20.0, 25.0, 50.0, 33.33, 11.11])])
            lines.append(f"第{k}项支出{current}.00万元，较上年{word}{delta}.00万元，{rate_word}{rate:.2f}%。")
            if rng.random() < 0.3:
                lines.append("")
        document = engine.read_document(source.Source("t.txt", HEAD + "\n".join(lines) + "\n"))
        rated = [c for c in document.changes if c.rate is not None and c.delta is not None]
        slips = RateSlips(rated)
        for change in rated:
            if change.current is not None and change.delta_sign in (1, -1):
                assert slips.swapped(change) is _scan_swapped(change, rated), trial
            assert slips.copied(change) is _scan_copied(change, rated), trial


def _cpu_of_counts(rules, copies: int) -> float:
    """One count stated in N sentences with N values (XRF002 compares the copies of 实有人数)."""
    text = HEAD + "二、部门基本情况。\n" + "".join(f"本部门实有人数{100 + k}人。\n" for k in range(copies))
    started = time.process_time()
    engine.check_document(engine.read_document(source.Source("c.txt", text)), rules)
    return time.process_time() - started


def test_a_count_copied_with_many_values_costs_the_same_per_copy(rules):
    small = min(_cpu_of_counts(rules, 500) for _ in range(2)) / 500
    large = _cpu_of_counts(rules, 10000) / 10000
    assert large < 2 * small, (small, large)  # linear is 1×; comparing every pair of values was 3× here
