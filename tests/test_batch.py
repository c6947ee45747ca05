"""Batches: directories, parallel runs equal to serial ones, skipped files, exit codes, waivers, baselines."""

import json

import pytest

from conftest import SEEDS, run_cli as run
from budgetaudit.inputs import expand, glob_match

CLEAN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计492.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"
BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"
SHARE = "2024年度决算公开说明\n3.支出情况。2024年度支出合计500.00万元，其中：基本支出100.00万元，占25.00%；项目支出400.00万元，占75.00%。\n"


def findings(result):
    report = json.loads(result.stdout)
    return [(e["path"], f["code"]) for e in report["files"] for f in e["findings"]]


@pytest.fixture
def batch(tmp_path):
    """A folder as a finance bureau keeps it: disclosures, drafts, notes, an empty file, a binary one."""
    (tmp_path / "z_dept").mkdir()
    (tmp_path / "a_dept").mkdir()
    (tmp_path / "a_dept" / "drafts").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "z_dept" / "final.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "a_dept" / "final.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "a_dept" / "share.md").write_text(SHARE, encoding="utf-8")
    (tmp_path / "a_dept" / "drafts" / "old.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "a_dept" / "notes.md").write_text("# 说明\n没有数字。\n", encoding="utf-8")
    (tmp_path / "a_dept" / "empty.txt").write_bytes(b"")
    (tmp_path / "a_dept" / "scan.txt").write_bytes(b"\x00\x01\x02binary\x00" * 40)
    (tmp_path / "a_dept" / "data.csv").write_text("1,2\n", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_walk_include_exclude_and_sorted_listing(batch):
    listed = run("check", "--list-files", ".", cwd=batch).stdout.decode().splitlines()
    assert listed == [
        "a_dept/drafts/old.txt", "a_dept/empty.txt", "a_dept/final.txt", "a_dept/notes.md", "a_dept/scan.txt",
        "a_dept/share.md", "z_dept/final.txt",
    ]
    listed = run("check", "--list-files", "--exclude", "drafts", "--include", "*.txt", ".", cwd=batch).stdout.decode()
    assert listed.splitlines() == ["a_dept/empty.txt", "a_dept/final.txt", "a_dept/scan.txt", "z_dept/final.txt"]
    (batch / "budgetaudit.toml").write_text('exclude = ["a_dept/drafts/**", "*.md"]\n', encoding="utf-8")
    listed = run("check", "--list-files", "a_dept", cwd=batch).stdout.decode().splitlines()
    assert listed == ["a_dept/empty.txt", "a_dept/final.txt", "a_dept/scan.txt"]


def test_glob_match():
    assert glob_match("*.txt", "/r/a/b.txt", "/r") and not glob_match("*.txt", "/r/a/b.md", "/r")
    assert glob_match("a/*.txt", "/r/a/b.txt", "/r") and not glob_match("a/*.txt", "/r/a/c/b.txt", "/r")
    assert glob_match("a/**/*.txt", "/r/a/c/d/b.txt", "/r") and glob_match("a/**/*.txt", "/r/a/b.txt", "/r")
    assert glob_match("**/final.txt", "/r/x/final.txt", "/r")


def test_named_files_and_directories_together_are_deduplicated(batch):
    inputs, warnings = expand([str(batch / "z_dept" / "final.txt"), str(batch / "z_dept")], ["*.txt"], [], str(batch))
    assert len(inputs) == 1 and inputs[0].named and not warnings
    inputs, warnings = expand([str(batch / "a_dept" / "drafts")], ["*.pdf"], [], str(batch))
    assert inputs == [] and "no files matching" in warnings[0]


def test_skipped_files_do_not_fail_named_ones_do(batch):
    result = run("check", "-f", "json", "--select", "PCT001", ".", cwd=batch)
    report = json.loads(result.stdout)
    assert [s["path"] for s in report["skipped"]] == ["a_dept/empty.txt", "a_dept/notes.md", "a_dept/scan.txt"]
    assert [e["path"] for e in report["files"]] == ["a_dept/drafts/old.txt", "a_dept/final.txt", "a_dept/share.md", "z_dept/final.txt"]
    assert result.returncode == 1 and set(findings(result)) == {("a_dept/share.md", "PCT001")}
    assert run("check", "--select", "TOT004", "--exclude", "drafts", "a_dept", cwd=batch).returncode == 0
    # The same empty file named on the command line cannot be checked: exit 2, one line.
    named = run("check", "--select", "TOT004", "--exclude", "drafts", "a_dept", "a_dept/empty.txt", cwd=batch)
    assert named.returncode == 2 and named.stderr.decode().strip() == "budgetaudit: 错误：a_dept/empty.txt: 空文件"


def test_output_is_sorted_by_path_whatever_the_order_of_arguments(batch):
    one = run("check", "-f", "concise", "z_dept/final.txt", "a_dept/share.md", cwd=batch).stdout
    two = run("check", "-f", "concise", "a_dept/share.md", "z_dept/final.txt", cwd=batch).stdout
    assert one == two and one.index(b"a_dept/share.md") < one.index(b"z_dept/final.txt")


@pytest.mark.parametrize("fmt", ["sarif", "json", "text", "junit", "markdown", "concise", "gitlab", "github"])
def test_parallel_run_equals_serial_run(batch, fmt):
    serial = run("check", "-f", fmt, "--color", "never", ".", cwd=batch)
    parallel = run("check", "-f", fmt, "--color", "never", "-j", "3", ".", cwd=batch)
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode == 1
    assert run("check", "-f", fmt, "-j", "0", ".", cwd=batch).stdout == serial.stdout


def test_parallel_seeds_sarif_byte_for_byte():
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    serial = run("check", str(SEEDS), "--format", "sarif")
    parallel = run("check", str(SEEDS), "-j", "2", "--format", "sarif")
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode


def test_text_report_ends_with_a_summary_table(batch):
    out = run("check", "--color", "never", "--lang", "en", ".", cwd=batch).stdout.decode()
    assert "errors" in out and "not checked" in out and "total (4)" in out and "skipped (no disclosure)" in out
    assert out.rstrip().splitlines()[-1].startswith("4 file(s):")


def test_exit_codes(batch, tmp_path):
    z = str(batch / "z_dept" / "final.txt")
    assert run("check", z).returncode == 1
    assert run("check", "--exit-zero", z).returncode == 0
    assert run("check", "--exit-zero", z, str(tmp_path / "missing.txt")).returncode == 2
    assert run("check", "--select", "CMP002", "--fail-on", "info", z).returncode == 1
    assert run("check", "--select", "CMP002", z).returncode == 0
    assert run("check", "--select", "CMP002", "--fail-on-unchecked", z).returncode == 0
    assert run("check", "--select", "NOPE123", z).returncode == 2
    assert run("check", "--baseline", str(tmp_path / "nope.json"), z).returncode == 2
    assert run("check", "-j", "-1", z).returncode == 2


def _moved(text: str) -> str:
    title, rest = text.split("\n", 1)
    return title + "\n\n前言：本说明依据有关规定编制。\n另行说明。\n\n" + rest


def _fingerprint(path, code):
    report = json.loads(run("check", "-f", "json", "--isolated", str(path)).stdout)
    return next(f["fingerprint"] for f in report["files"][0]["findings"] if f["code"] == code)


def test_waiver_survives_inserted_lines_and_stale_waivers_are_reported(tmp_path):
    doc = tmp_path / "dept.txt"
    doc.write_text(BROKEN, encoding="utf-8")
    fingerprint = _fingerprint(doc, "TOT004")
    (tmp_path / "budgetaudit.toml").write_text(
        'select = ["TOT"]\n\n[[waivers]]\nfingerprint = "%s"\nreason = "差额已另行说明"\npath = "dept.txt"\n\n'
        '[[waivers]]\nfingerprint = "0123456789abcdef"\nreason = "no longer applies"\n' % fingerprint,
        encoding="utf-8",
    )
    doc.write_text(_moved(BROKEN), encoding="utf-8")
    result = run("check", "-f", "json", "dept.txt", cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["files"][0]["findings"] == [] and report["waived"] == 1
    assert [w["fingerprint"] for w in report["stale_waivers"]] == ["0123456789abcdef"]
    assert report["stale_waivers"][0]["origin"] == "budgetaudit.toml:8"
    assert "budgetaudit.toml:8：豁免 0123456789abcdef 未匹配任何问题" in result.stderr.decode()
    text = run("check", "--color", "never", "--lang", "en", "dept.txt", cwd=tmp_path).stdout.decode()
    assert "waived 1" in text


def test_waiver_for_a_file_outside_the_run_is_not_stale(tmp_path):
    (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "budgetaudit.toml").write_text(
        '[[waivers]]\nfingerprint = "0123456789abcdef"\nreason = "r"\npath = "other.txt"\n', encoding="utf-8"
    )
    result = run("check", "-f", "json", "a.txt", cwd=tmp_path)
    assert json.loads(result.stdout)["stale_waivers"] == [] and b"stale" not in result.stderr


def test_baseline_reports_only_new_findings_even_after_inserted_lines(tmp_path):
    (tmp_path / "depts").mkdir()
    doc = tmp_path / "depts" / "dept.txt"
    doc.write_text(BROKEN, encoding="utf-8")
    written = run("baseline", "depts", "-o", "ci/baseline.json", cwd=tmp_path)
    assert written.returncode == 0  # the folder for the baseline is made
    data = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    assert '"line' not in json.dumps(data)
    (entries,) = data["files"].values()
    assert list(data["files"]) == ["../depts/dept.txt"]  # relative to the baseline file
    assert all(e["count"] == 1 for e in entries) and {e["code"] for e in entries} == {"TOT004", "CMP001", "CMP002"}
    doc.write_text(_moved(BROKEN) + SHARE.split("\n", 1)[1], encoding="utf-8")
    # From another directory: the baseline's paths are relative to the baseline file.
    result = run("check", "-f", "json", "--baseline", str(tmp_path / "ci" / "baseline.json"), str(doc))
    report = json.loads(result.stdout)
    assert {f["code"] for f in report["files"][0]["findings"]} == {"PCT001"}
    assert report["baselined"] == 3 and result.returncode == 1


def test_baseline_counts_absorb_only_as_many_findings(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"budgetaudit_baseline": 2, "files": {"a.txt": [{"fingerprint": "x", "count": 0}]}}', encoding="utf-8")
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    result = run("check", "--baseline", "bad.json", "a.txt", cwd=tmp_path)
    assert result.returncode == 2 and "count 必须是正整数" in result.stderr.decode()
    (tmp_path / "other.json").write_text("[]", encoding="utf-8")
    assert "not a budgetaudit baseline" in run("check", "--lang", "en", "--baseline", "other.json", "a.txt", cwd=tmp_path).stderr.decode()
    assert "不是 budgetaudit 基线" in run("check", "--baseline", "other.json", "a.txt", cwd=tmp_path).stderr.decode()


def test_standard_input_with_files(batch):
    result = run("check", "-f", "json", "-j", "2", "-", "z_dept/final.txt", cwd=batch, stdin=SHARE.encode())
    report = json.loads(result.stdout)
    assert [e["path"] for e in report["files"]] == ["-", "z_dept/final.txt"]
    assert ("-", "PCT001") in findings(result)


def test_pre_commit_hook_definition():
    from conftest import ROOT

    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: budgetaudit" in text and "entry: budgetaudit check" in text
