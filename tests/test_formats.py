"""Every output format: structure, escaping, severities, and source coordinates of non-text readers."""

import json
import os
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, run_cli as run
from budgetaudit.formats import FORMATS, Options, coordinates, renderer
from budgetaudit.formats.github import command, escape_data, escape_property
from budgetaudit.report import FileReport, Finding, Location, Unchecked
from budgetaudit.run import Result, check_paths
from budgetaudit.source import Span

BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BROKEN, encoding="utf-8")
    return path


@pytest.fixture
def result(broken, rules):
    return check_paths([str(broken)], rules)


def synthetic() -> Result:
    """A report as a spreadsheet reader would give it, with awkward characters in every field."""
    span = Span(3, 5, 3, 11, "1,2%:3", sheet="收支,总表", cell="D14")
    other = Span(9, 1, 9, 7, "100.00", page=2, table=1, row=4, table_column=3)
    findings = [
        Finding("TOT001", "sum-of-parts", "error", "合计 50% 不符, a:b\nsecond line\r", [Location(span), Location(other)],
                "1.5%", "1,2%:3", fingerprint="aaaaaaaaaaaaaaaaaaaa"),
        Finding("PCT002", "rate-matches-change", "warning", "pipe | and <tag> & \x0b", [Location(other)], "", "100.00",
                fingerprint="bbbbbbbbbbbbbbbbbbbb"),
        Finding("CMP002", "standard-tables", "info", "info *note*", [Location(span)], "", "", fingerprint="cccccccccccccccccccc"),
    ]
    report = FileReport("dir with space/表 1.xlsx", "budget", 2024, "某单位", "万元", findings,
                        [Unchecked("EXT004", "column unknown", [Location(other)])], checked=3)
    return Result(files=[report, FileReport("missing.txt", error="no such file")], skipped=[("notes.md", "empty file")])


def test_every_format_renders_a_synthetic_report_and_the_empty_run(rules):
    for name in FORMATS:
        module = renderer(name)
        assert module.render(synthetic(), Options(rules=tuple(rules.rules)))
        assert isinstance(module.render(Result(), Options()), str)


def test_coordinates():
    assert coordinates(Span(1, 1, 1, 2, "x", sheet="S", cell="D14")) == "S!D14"
    assert coordinates(Span(1, 1, 1, 2, "x", page=3, table=2, row=4, table_column=5)) == "p. 3, table 2 r4c5"
    assert coordinates(Span(1, 1, 1, 2, "x")) == ""


def test_concise(result):
    out = renderer("concise").render(result, Options(lang="en"))
    lines = out.splitlines()
    line = next(l for l in lines if "TOT004" in l)
    assert re.fullmatch(r".*a\.txt:2:31: TOT004 \[error\] .*492\.46万元 \(fingerprint [0-9a-f]{20}\)", line)
    assert lines[-1].startswith("1 file(s): 1 error(s), 1 warning(s), 1 info")
    assert renderer("concise").render(result, Options()).splitlines()[-1].startswith("1个文件：1个错误")
    shown = renderer("concise").render(synthetic(), Options()).splitlines()
    assert shown[0].startswith("dir with space/表 1.xlsx:3:5 (收支,总表!D14): TOT001 [error] 合计 50% 不符, a:b second line")
    assert "\r" not in shown[0]


def test_json_keeps_the_contract_and_adds_fields(result):
    data = json.loads(renderer("json").render(result, Options()))
    assert list(data)[:4] == ["schema_version", "tool", "files", "summary"]
    assert data["summary"] == {"files": 1, "error": 1, "warning": 1, "info": 1, "unchecked": 0}
    assert data["waived"] == 0 and data["baselined"] == 0 and data["stale_waivers"] == [] and data["skipped"] == []
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    jsonschema.validate(json.loads(renderer("json").render(synthetic(), Options())), schema)


def test_sarif_structure(result, rules):
    log = json.loads(renderer("sarif").render(result, Options(rules=tuple(rules.rules))))
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "budgetaudit" and run_["columnKind"] == "unicodeCodePoints"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and set(ids) == {r.code for r in rules.rules}
    for descriptor in driver["rules"]:
        assert "helpUri" not in descriptor and descriptor["help"]["text"]
        assert descriptor["shortDescription"]["text"] and descriptor["fullDescription"]["text"] and descriptor["name"]
        assert descriptor["defaultConfiguration"]["level"] in ("error", "warning", "note")
    by_rule = {r["ruleId"]: r for r in run_["results"]}
    assert {k: v["level"] for k, v in by_rule.items()} == {"TOT004": "error", "CMP001": "warning", "CMP002": "note"}
    tot = by_rule["TOT004"]
    assert driver["rules"][tot["ruleIndex"]]["id"] == "TOT004"
    region = tot["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (2, 31, 2, 39)
    assert region["snippet"]["text"] == "429.46万元"
    assert tot["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 18
    assert tot["relatedLocations"][0]["id"] == 1
    assert len(tot["partialFingerprints"]["budgetaudit/v2"]) >= 16
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_sarif_coordinates_uris_and_notifications(rules):
    log = json.loads(renderer("sarif").render(synthetic(), Options(rules=tuple(rules.rules))))
    (run_,) = log["runs"]
    first = run_["results"][0]
    location = first["locations"][0]
    assert location["properties"] == {"sheet": "收支,总表", "cell": "D14"}
    assert first["relatedLocations"][0]["properties"] == {"page": 2, "table": 1, "row": 4, "table_column": 3}
    uri = location["physicalLocation"]["artifactLocation"]["uri"]
    assert " " not in uri and uri.startswith("dir%20with%20space/")
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is False
    levels = [n["level"] for n in invocation["toolExecutionNotifications"]]
    assert levels == ["error", "note"]


def test_junit(result):
    xml = renderer("junit").render(synthetic(), Options())
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("failures") == "1" and root.get("errors") == "1"
    assert root.get("skipped") == "2" and "time" not in xml and "timestamp" not in xml
    failures = root.findall(".//failure")
    assert [f.get("type") for f in failures] == ["error"]
    assert "\x0b" not in xml  # not representable in XML 1.0
    stricter = ET.fromstring(renderer("junit").render(synthetic(), Options(fail_on="info", fail_on_unchecked=True)))
    assert [f.get("type") for f in stricter.iter("failure")] == ["error", "warning", "info", "unchecked"]
    clean = ET.fromstring(renderer("junit").render(result, Options()))
    assert clean.get("tests") == "3" and clean.get("failures") == "1"


def test_github_escaping():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("notice", "m:,", file="x,y:z.txt", line=1) == "::notice file=x%2Cy%3Az.txt,line=1::m:,"


def test_github_annotations():
    out = renderer("github").render(synthetic(), Options(lang="en")).rstrip("\n").split("\n")
    assert len(out) == 5
    assert out[0].startswith("::error file=dir with space/表 1.xlsx,line=3,col=5,endLine=3,endColumn=11,title=TOT001 sum-of-parts::")
    assert "%0Asecond line%0D" in out[0] and "50%25" in out[0] and "\r" not in "".join(out)
    assert out[1] == "::error file=missing.txt,title=budgetaudit::cannot read: no such file"
    assert out[2].startswith("::warning ") and out[3].startswith("::notice ")
    assert out[4].startswith("::notice title=budgetaudit::2 file(s): 1 error(s)")


def test_format_auto_under_github_actions(broken):
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    assert run("check", "--format", "auto", str(broken), env=env).stdout.decode().startswith("::")
    env.pop("GITHUB_ACTIONS")
    assert not run("check", "--format", "auto", "--color", "never", str(broken), env=env).stdout.decode().startswith("::")


def test_gitlab(tmp_path, rules):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(BROKEN, encoding="utf-8")
    issues = json.loads(renderer("gitlab").render(check_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], rules), Options()))
    assert len(issues) == 6 and len({i["fingerprint"] for i in issues}) == 6
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(issue["location"]["lines"]["begin"], int) and issue["location"]["path"].endswith(".txt")
    assert {i["check_name"]: i["severity"] for i in issues} == {"TOT004": "major", "CMP001": "minor", "CMP002": "info"}


def test_markdown_memo():
    out = renderer("markdown").render(synthetic(), Options(lang="en"))
    assert out.startswith("# ")
    table = [l for l in out.splitlines() if l.startswith("| ")]
    assert table[0] == "| file | errors | warnings | infos | not checked | status |"
    assert any(l.startswith("| dir with space/表 1.xlsx | 1 | 1 | 1 | 1 | fix |") for l in table)
    assert any("cannot read" in l for l in table) and any("skipped" in l for l in table)
    assert "pipe \\| and \\<tag\\>" in out and "\\*note\\*" in out
    assert all(l.count("|") - l.count("\\|") == 7 for l in table)


def test_output_file_is_written_atomically(broken, tmp_path):
    target = tmp_path / "out" / "report.sarif"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    result = run("check", "-f", "sarif", "-o", str(target), str(broken))
    assert result.returncode == 1 and result.stdout == b""
    assert target.read_bytes() == run("check", "-f", "sarif", str(broken)).stdout
    assert os.listdir(target.parent) == ["report.sarif"]
    made = run("check", "-f", "json", "-o", str(tmp_path / "new" / "dir" / "x.json"), str(broken))
    assert made.returncode == 1 and json.loads((tmp_path / "new" / "dir" / "x.json").read_text(encoding="utf-8"))
    assert made.stderr.decode().strip() == "budgetaudit: 1个文件：1个错误，1个警告，1个提示；已核对关系3项，未能核对0项"


def test_sarif_has_a_result_for_every_error_of_the_json_report_on_the_seeds():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    data = json.loads(run("check", "-f", "json", str(SEEDS)).stdout)
    log = json.loads(run("check", "-f", "sarif", str(SEEDS)).stdout)
    errors = sorted(f["fingerprint"] for e in data["files"] for f in e["findings"] if f["severity"] == "error")
    results = sorted(r["partialFingerprints"]["budgetaudit/v2"] for r in log["runs"][0]["results"] if r["level"] == "error")
    assert errors and errors == results


_json_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(), st.floats(allow_nan=False), st.just(1.5),
)
_json_value = st.recursive(
    _json_leaf,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(st.integers(), inner, max_size=2),  # keys json must convert: handed to json itself
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(_json_value)
def test_dumps_prints_as_json_does(value):
    import json

    from budgetaudit.formats import dumps

    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_github_caps_annotations_and_cuts_the_step_summary(tmp_path, monkeypatch):
    from budgetaudit.formats import github

    span = Span(1, 1, 1, 4, "1.00")
    findings = [Finding("TOT001", "parts-sum-to-total", severity, f"m{i}", [Location(span)], "", "", fingerprint=f"{i:020x}")
                for i, severity in enumerate(["info"] * 30 + ["error"] * 25 + ["warning"] * 3)]
    result = Result(files=[FileReport("a.txt", "budget", 2024, "", "万元", findings)])
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setattr(github, "SUMMARY_LIMIT", 600)
    lines = renderer("github").render(result, Options(lang="en")).splitlines()
    levels = [line.split(" ", 1)[0] for line in lines]
    # Most severe first, at most 10 of each level, the last notice with the count.
    assert levels == ["::error"] * 10 + ["::warning"] * 3 + ["::notice"] * 10
    assert lines[-1].startswith("::notice title=budgetaudit::1 file(s): 25 error(s), 3 warning(s), 30 info")
    assert "58 finding(s): 22 shown as annotations" in lines[-1]
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## budgetaudit\n") and len(text.encode()) < 700
    assert "more finding(s) left out" in text
    listed = text.count("\n- ")
    left_out = int(re.search(r"reached 1 MiB; (\d+) more", text).group(1))
    assert listed + left_out == 58 - 22
