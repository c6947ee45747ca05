"""The command line as a user meets it: exit codes, one-line errors, the JSON contract."""

import json

import pytest

from conftest import ROOT, run_cli as run

CLEAN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计492.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"
BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return str(path)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.decode().startswith("budgetaudit ")


def test_clean_file_exits_0(tmp_path):
    assert run("check", write(tmp_path, "a.txt", CLEAN)).returncode == 0


def test_error_exits_1_and_fail_on_warning(tmp_path):
    path = write(tmp_path, "a.txt", BROKEN)
    assert run("check", path).returncode == 1
    assert run("check", "--select", "PCT", path).returncode == 0


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "空文件"),
        (b"\x00\x01\x02\x03binary\x00\x00" * 50, "二进制文件"),
        (b"abc 12 \x81\x20" * 10, "无法解码"),
        ("没有数字的说明。".encode(), "未找到数字"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, data, reason):
    path = write(tmp_path, "bad.txt", data)
    before = (tmp_path / "bad.txt").read_bytes()
    result = run("check", path)
    assert result.returncode == 2
    err = result.stderr.decode().strip().splitlines()
    assert len(err) == 1 and reason in err[0] and "Traceback" not in result.stderr.decode()
    assert (tmp_path / "bad.txt").read_bytes() == before


def test_missing_file_and_usage_errors_exit_2(tmp_path):
    assert run("check", str(tmp_path / "nope.txt")).returncode == 2
    assert run("check", "--format", "xml", str(tmp_path)).returncode == 2


def test_exit_2_outranks_1(tmp_path):
    result = run("check", write(tmp_path, "a.txt", BROKEN), str(tmp_path / "missing.txt"))
    assert result.returncode == 2


def test_standard_input():
    result = run("check", "--format", "json", "-", stdin=BROKEN.encode())
    report = json.loads(result.stdout)
    assert result.returncode == 1 and report["files"][0]["path"] == "-"


def test_json_contract(tmp_path):
    result = run("check", "--format", "json", write(tmp_path, "a.txt", BROKEN))
    report = json.loads(result.stdout)
    assert report["schema_version"] == 2
    assert report["tool"]["name"] == "budgetaudit" and report["tool"]["version"]
    (entry,) = report["files"]
    assert entry["document"] == {"kind": "final_account", "year": 2024, "entity": entry["document"]["entity"], "unit": "万元"}
    (finding,) = [f for f in entry["findings"] if f["code"] == "TOT004"]
    assert finding["severity"] == "error" and finding["name"] == "revenue-equals-expenditure"
    assert finding["stated"] == "429.46万元" and finding["expected"] == "492.46万元"
    first = finding["locations"][0]
    assert (first["line"], first["column"], first["text"]) == (2, 31, "429.46万元")
    assert set(first) >= {"line", "column", "end_line", "end_column", "text"}
    assert len(finding["fingerprint"]) >= 16
    assert set(entry["coverage"]) == {"relations_checked", "relations_unchecked"}
    # Besides the error: the two-line file lacks the required sections (warning) and its tables (info).
    assert {(f["code"], f["severity"]) for f in entry["findings"]} == {
        ("TOT004", "error"), ("CMP001", "warning"), ("CMP002", "info"),
    }
    assert report["summary"] == {"files": 1, "error": 1, "warning": 1, "info": 1, "unchecked": 0}


def test_fingerprints_survive_inserted_lines(tmp_path):
    first = json.loads(run("check", "--format", "json", write(tmp_path, "a.txt", BROKEN)).stdout)
    title, rest = BROKEN.split("\n", 1)
    inserted = title + "\n\n前言：本说明依据有关规定编制。\n\n" + rest
    moved = json.loads(run("check", "--format", "json", write(tmp_path, "b.txt", inserted)).stdout)
    a = [f["fingerprint"] for f in first["files"][0]["findings"]]
    b = [f["fingerprint"] for f in moved["files"][0]["findings"]]
    assert a == b


def test_rules_explain_and_markdown():
    listing = run("rules").stdout.decode()
    assert "PCT002" in listing and "rate-matches-change" in listing
    explained = run("explain", "PCT002").stdout.decode()
    assert "不通过：" in explained and "\n通过：" in explained and "错误" in explained and "理由：" in explained
    explained = run("explain", "pct002", "--lang", "en").stdout.decode()
    assert "Fails:" in explained and "Passes:" in explained
    assert run("explain", "NOPE999").returncode == 2


def test_docs_rules_reference_is_generated_from_the_rule_files():
    generated = run("rules", "--format", "markdown").stdout.decode()
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == generated


def test_show_lists_facts(tmp_path):
    out = run("show", write(tmp_path, "a.txt", BROKEN)).stdout.decode()
    assert "收入总计" in out and "2:31" in out


def test_text_report_groups_and_summarises(tmp_path):
    out = run("check", "--color", "never", write(tmp_path, "a.txt", BROKEN)).stdout.decode()
    assert "TOT004" in out and "2:31" in out and "1个错误" in out
    out = run("check", "--lang", "en", write(tmp_path, "a.txt", BROKEN)).stdout.decode()
    assert "1 error(s)" in out and "relations checked" in out


def test_json_report_validates_against_the_published_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    result = run("check", "--format", "json", write(tmp_path, "a.txt", BROKEN), str(tmp_path / "missing.txt"))
    jsonschema.validate(json.loads(result.stdout), schema)
