"""The example disclosures in examples/: pin exactly what the engine reports for each.

Every finding is pinned as (code, severity, line), infos included, so any change in
behaviour fails here. The planted mistakes are listed in examples/README.md. Where the
tool currently misses a planted mistake or mis-reads a figure, the current behaviour is
pinned under a `# KNOWN MISS:` comment; when the tool improves, update the pin.
"""

import json
from fractions import Fraction
import pathlib
import subprocess
import sys
import tempfile

import pytest

from budgetaudit import engine, ruleset, source

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def rules():
    return ruleset.load_rules()


def read(name):
    return engine.read_document(source.load(str(EXAMPLES / name)))


def report(name, rules):
    return engine.check_document(read(name), rules)


def pinned(rep):
    return sorted((f.code, f.severity, f.line) for f in rep.findings)


FINAL_MISTAKES = sorted(
    [
        ("TOT004", "error", 13),  # 支出总计 1,368.52 ≠ 收入总计 1,386.52 (transposed digits)
        ("PCT001", "error", 14),  # 其他收入 占2.6% (1.6%)
        ("PCT001", "error", 15),  # 基本支出 占40.8% ┐ shares swapped
        ("PCT001", "error", 15),  # 项目支出 占59.2% ┘
        ("PCT002", "error", 20),  # 增长8.1%: rate on the current figure (8.8%)
        ("XRF001", "error", 23),  # 减少105.37 here, 增加105.37 on line 21
        ("PCT004", "error", 40),  # 与年初预算持平 beside 减少0.54万元
        ("AVG001", "error", 43),  # 人均接待费66.00元 (60.00元)
        ("PCT001", "warning", 50),  # 80.02 %: truncated 80.027…% (80.03%)
        ("PCT001", "error", 25),  # 社会保障和就业支出 占12.3% (10.3%) of the list's whole on line 23
        ("TOT005", "error", 36),  # "三公" 3.48 while its items on lines 38–41 add up to 3.84
        ("CMP002", "info", 1),  # no attached table in the file (published separately)
        ("CMP003", "warning", 53),  # 9 projects self-evaluated, 1 project table published
    ]
)

BUDGET_MISTAKES = sorted(
    [
        # 基本支出 减少41.15 here, 增加41.15 on lines 18 and 21; the one slip also makes 基本支出减少41.15 + 项目支出增加55.20
        # ≠ 增加96.35 (TOT003), listed under it.
        ("XRF001", "error", 19),
        # One root finding: 1,120.40 (1102.40 on line 21 and in 附件1, which outvote the typo) explains TOT002
        # (1,120.40 + 46.20 > 收入 1,148.60) and XRF002, listed under it.
        ("XRF002", "error", 18),
        ("PCT002", "error", 21),  # 项目支出 增长5.2% copied from 基本支出 (26.2%)
        ("PCT004", "error", 24),  # 公务接待费 减少0.30万元 … 无变化
        ("PCT003", "error", 26),  # 增加4.62万元，下降5%
        ("TOT001", "error", 27),  # 政府采购 186.50 ≠ 32.80 + 0 + 135.70
    ]
)


CLEAN = {
    # The final account's tables are published separately: one info note says so, nothing else.
    # So are eight of its nine project self-evaluations (the text says so: info, not a warning).
    "final_account_clean.txt": [("CMP002", "info", 1), ("CMP003", "info", 54)],
    "budget_clean.txt": [],  # 附件1–8 present, every relation holds
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_examples_have_no_findings(name, rules):
    rep = report(name, rules)
    assert rep.error == ""
    assert pinned(rep) == CLEAN[name]  # no error or warning from arithmetic, no info either
    assert rep.checked > 0


def test_clean_final_account_checks_its_relations(rules):
    rep = report("final_account_clean.txt", rules)
    assert rep.checked >= 75
    # The only relation left unchecked: 车均购置费 = 0万元 over 0 vehicles bought.
    assert sorted((u.code, u.line) for u in rep.unchecked) == [("AVG003", 44)]


def test_clean_budget_checks_its_relations(rules):
    rep = report("budget_clean.txt", rules)
    assert rep.checked >= 25
    # KNOWN MISS: 附件1 (cell-per-line ` |` table, empty middle cells dropped as in real
    #   exports) has figures whose column cannot be placed; its sums are not checked.
    assert sorted((u.code, u.line) for u in rep.unchecked) == [("EXT004", 59)]


def test_final_account_mistakes(rules):
    rep = report("final_account_mistakes.txt", rules)
    assert pinned(rep) == FINAL_MISTAKES
    by_line = {(f.code, f.line, f.locations[0].span.text): f for f in rep.findings}
    swap = by_line[("PCT001", 15, "40.8%")]
    assert "互换" in swap.message
    on_current = by_line[("PCT002", 20, "8.1 %")]
    assert "本期数" in on_current.message
    assert by_line[("PCT001", 50, "80.02 %")].severity == "warning"


def test_final_account_list_shares_and_sections_are_tied_together(rules):
    rep = report("final_account_mistakes.txt", rules)
    # The 比较情况 list is introduced by a sentence with its own figure: every share is checked against it.
    assert not [u for u in rep.unchecked if u.code == "PCT001"]
    (share,) = [f for f in rep.findings if f.line == 25]
    assert share.expected == "10.3%" and [loc.span.line for loc in share.locations] == [25, 25, 23]
    # The "三公" total and its items in their own paragraphs.
    (total,) = [f for f in rep.findings if f.line == 36]
    assert total.code == "TOT005" and sorted({loc.span.line for loc in total.locations}) == [36, 38, 39, 40, 41]


def test_budget_mistakes(rules):
    rep = report("budget_mistakes.txt", rules)
    assert pinned(rep) == BUDGET_MISTAKES
    (root,) = [f for f in rep.findings if f.line == 18]
    assert (root.stated, root.expected) == ("1,120.40万元", "1102.40万元") and "颠倒" in root.message
    assert sorted(c.code for c in root.consequences) == ["TOT002", "XRF002"]
    by_code = {(f.code, f.line): f for f in rep.findings}
    (reversed_total,) = by_code[("XRF001", 19)].consequences
    assert reversed_total.code == "TOT003" and "相反" in reversed_total.message  # names the reversed 基本支出
    assert "相邻" in by_code[("PCT002", 21)].message  # names the copied rate
    assert "颠倒" in by_code[("TOT001", 27)].message  # names the transposed digits


def test_quirks_are_read(rules):
    doc = read("final_account_clean.txt")
    facts = {(f.figure.span.line, f.figure.span.text): f for f in doc.facts}
    assert facts[(13, "1,386.52万元")].figure.value == Fraction("1386.52")  # ASCII thousands comma
    assert facts[(51, "4862350.00 元")].key.concept == "政府采购"  # 元 beside 万元
    assert facts[(22, "1296.58 万元")].key.concept == "一般公共预算财政拨款支出"
    # Positional list: 基本支出和项目支出分别为790.12万元和506.46万元.
    assert facts[(22, "790.12万元")].key.concept == "基本支出"
    assert facts[(22, "506.46万元")].key.concept == "项目支出"
    # A figure whose unit is on the next line (lines 20–21), with both changes of its sentence.
    (wrapped,) = [f for f in doc.facts if f.figure.span.line == 20]
    assert wrapped.key.concept == "一般公共预算财政拨款收入" and wrapped.figure.unit == "万元"
    assert len([c for c in doc.changes if c.current is wrapped and c.rate is not None]) == 2

    doc = read("budget_clean.txt")
    facts = {(f.figure.span.line, f.figure.span.text): f for f in doc.facts}
    assert facts[(24, "４．２０万元")].key.concept == "三公经费"  # full-width digits
    # Figures after "与2025年持平；" / "与2025年相比无变化；" are this year's.
    assert facts[(24, "1.50万元")].key.period == "current"
    assert all(f.key.period == "current" for (line, _), f in facts.items() if line == 24)


def test_cli_json_contract():
    path = EXAMPLES / "final_account_mistakes.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "budgetaudit", "check", str(path), "--format", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tempfile.gettempdir(),  # outside the checkout: the installed package with its rule files
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema_version"] == 2
    assert data["tool"]["name"] == "budgetaudit"
    assert data["summary"]["files"] == 1
    assert data["summary"]["error"] == 10
    assert data["summary"]["warning"] == 2
    assert data["summary"]["info"] == 1
    file = data["files"][0]
    assert file["document"]["kind"] == "final_account"
    assert file["document"]["year"] == 2024
    assert len(file["findings"]) == 13
    for finding in file["findings"]:
        assert finding["code"] and finding["severity"] in ("error", "warning", "info")
        assert finding["locations"]
        for loc in finding["locations"]:
            assert isinstance(loc["line"], int) and isinstance(loc["column"], int)
            assert loc["text"]
    got = sorted((f["code"], f["severity"], f["locations"][0]["line"]) for f in file["findings"])
    assert got == FINAL_MISTAKES
    lines = path.read_text(encoding="utf-8").splitlines()
    for finding in file["findings"]:
        loc = finding["locations"][0]
        line = lines[loc["line"] - 1]
        assert line[loc["column"] - 1 :].startswith(loc["text"])


def _results_table() -> dict[str, tuple]:
    """The machine-readable table of examples/README.md: file -> (errors, warnings, infos, not checked, codes)."""
    text = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- results: file | errors | warnings | infos | not checked | codes -->", 1)[1]
    out = {}
    for line in block.splitlines()[3:]:
        if not line.startswith("| `"):
            break
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        out[cells[0].strip("`")] = (int(cells[1]), int(cells[2]), int(cells[3]), int(cells[4]), cells[5])
    return out


def test_examples_readme_states_what_each_example_gives():
    from collections import Counter

    table = _results_table()
    assert set(table) == {path.name for path in EXAMPLES.glob("*.txt")}
    for name, stated in sorted(table.items()):
        result = subprocess.run(
            [sys.executable, "-m", "budgetaudit", "check", "-f", "json", "--isolated", str(EXAMPLES / name)],
            capture_output=True, cwd=tempfile.gettempdir(),
        )
        (entry,) = json.loads(result.stdout)["files"]
        counts = Counter(f["severity"] for f in entry["findings"])
        codes = Counter(f["code"] for f in entry["findings"])
        shown = " ".join(code + (f"×{n}" if n > 1 else "") for code, n in sorted(codes.items()))
        assert (counts["error"], counts["warning"], counts["info"], len(entry["unchecked"]), shown) == stated, name
