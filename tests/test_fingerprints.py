"""Fingerprints are defined once (budgetaudit/fingerprint.py) and do not move when lines are inserted."""

import json
import re

from conftest import run_cli as run

from budgetaudit.fingerprint import SARIF_KEY, gitlab, identity
from budgetaudit.report import Finding, Location
from budgetaudit.source import Span

DOCUMENT = [
    "2024年度决算公开说明",
    "1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。",
    "2.支出情况。2024年度支出合计500.00万元，其中：基本支出100.00万元，占25.00%；项目支出400.00万元，占75.00%。",
    "3.其他。本说明另述“三公”经费情况。",
]
# A line at the very top (before the title: the document-level findings stand at the first line) and
# lines in the middle, between the figures of two findings.
MOVED = ["（本文件依据有关规定公开）", *DOCUMENT[:2], "补充说明：本年度无其他事项。", "", *DOCUMENT[2:]]


def _write(tmp_path, name, lines):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _json(path):
    data = json.loads(run("check", "-f", "json", str(path)).stdout)
    return [(f["code"], f["fingerprint"], f["locations"][0]["line"]) for f in data["files"][0]["findings"]]


def _sarif(path):
    data = json.loads(run("check", "-f", "sarif", str(path)).stdout)
    return sorted((r["ruleId"], r["partialFingerprints"][SARIF_KEY]) for r in data["runs"][0]["results"])


def _text(path):
    out = run("check", "--color", "never", str(path)).stdout.decode()
    return sorted(re.findall(r"指纹 ([0-9a-f]{20})", out))


def _baseline(path, tmp_path):
    target = tmp_path / f"{path.stem}.baseline.json"
    assert run("baseline", str(path), "-o", str(target)).returncode == 0
    (entries,) = json.loads(target.read_text(encoding="utf-8"))["files"].values()
    return sorted((e["code"], e["fingerprint"], e["count"]) for e in entries)


def test_inserted_lines_leave_every_fingerprint_unchanged_in_every_output(tmp_path):
    before, after = _write(tmp_path, "a.txt", DOCUMENT), _write(tmp_path, "b.txt", MOVED)
    first, moved = _json(before), _json(after)
    # The findings did move (a document-level one stays at line 1, which now holds another text) …
    assert [line for *_, line in first] != [line for *_, line in moved]
    assert {code for code, *_ in first} >= {"CMP001", "TOT004", "PCT001"}
    # … and kept their fingerprints, in json, sarif, the baseline and the text report alike.
    assert sorted(f[:2] for f in first) == sorted(f[:2] for f in moved)
    assert _sarif(before) == _sarif(after) == sorted(f[:2] for f in first)
    assert _baseline(before, tmp_path) == _baseline(after, tmp_path)
    assert _text(before) == _text(after) == sorted(f[1] for f in first)
    concise = run("check", "-f", "concise", str(after)).stdout.decode()
    assert sorted(re.findall(r"\(指纹 ([0-9a-f]{20})\)", concise)) == sorted(f[1] for f in first)


def test_a_baseline_still_absorbs_the_findings_after_inserted_lines(tmp_path):
    before = _write(tmp_path, "a.txt", DOCUMENT)
    baseline = tmp_path / "baseline.json"
    assert run("baseline", str(before), "-o", str(baseline)).returncode == 0
    _write(tmp_path, "a.txt", MOVED)
    data = json.loads(run("check", "-f", "json", "--baseline", str(baseline), str(before)).stdout)
    assert data["files"][0]["findings"] == [] and data["baselined"] >= 5


def test_fingerprint_is_role_concept_and_printed_text_not_place():
    def finding(*locations, subject=""):
        return Finding("TOT001", "parts-sum-to-total", "error", "m", list(locations), "", "", subject=subject)

    here = Location(Span(3, 5, 3, 12, "100.00万元"), "expenditure/current/final/all/money", "stated", "expenditure")
    there = Location(Span(90, 1, 90, 8, "１００.００ 万元"), "expenditure/current/final/fiscal/money", "stated", "expenditure")
    # Full-width digits and spaces are normalised; the fact's other key fields play no part.
    assert identity(finding(here)) == identity(finding(there))
    assert identity(finding(here)) != identity(finding(Location(here.span, "", "part", "expenditure")))
    assert identity(finding(here)) != identity(finding(Location(here.span, "", "stated", "revenue")))
    title = Location(Span(1, 1, 1, 10, "2024年度决算公开说明"), "", "stated")
    moved_title = Location(Span(1, 1, 1, 10, "（公开版）"), "", "stated")
    assert identity(finding(title, subject="missing 绩效")) == identity(finding(moved_title, subject="missing 绩效"))


def test_gitlab_fingerprint_is_a_documented_hash_of_path_and_fingerprint(tmp_path):
    path = _write(tmp_path, "a.txt", DOCUMENT)
    findings = json.loads(run("check", "-f", "json", str(path)).stdout)["files"][0]["findings"]
    issues = json.loads(run("check", "-f", "gitlab", str(path)).stdout)
    assert sorted(i["fingerprint"] for i in issues) == sorted(gitlab(str(path), f["fingerprint"]) for f in findings)


def test_a_baseline_of_format_1_is_refused_with_a_note(tmp_path):
    path = _write(tmp_path, "a.txt", DOCUMENT)
    old = tmp_path / "old.json"
    old.write_text('{"budgetaudit_baseline": 1, "files": {}}', encoding="utf-8")
    result = run("check", "--baseline", str(old), str(path))
    assert result.returncode == 2 and "budgetaudit baseline" in result.stderr.decode()
