"""`budgetaudit waive` and waivers that expire."""

import json

from conftest import run_cli as run

BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"


def _tot004(tmp_path, env=None):
    result = run("check", "-f", "json", "dept.txt", cwd=tmp_path, env=env)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    return result, [f for f in findings if f["code"] == "TOT004"]


def test_waive_creates_the_configuration_and_the_finding_is_waived(tmp_path):
    (tmp_path / "dept.txt").write_text(BROKEN, encoding="utf-8")
    _, (finding,) = _tot004(tmp_path)
    written = run("waive", finding["fingerprint"].upper(), "--reason", "收支差额为年末结转", "--path", "dept.txt", cwd=tmp_path)
    assert written.returncode == 0, written.stderr.decode()
    config = (tmp_path / ".budgetaudit.toml").read_text(encoding="utf-8")
    assert f'fingerprint = "{finding["fingerprint"]}"' in config and 'path = "dept.txt"' in config
    result, found = _tot004(tmp_path)
    assert found == [] and json.loads(result.stdout)["waived"] == 1


def test_waive_appends_to_the_discovered_file_keeping_it(tmp_path):
    (tmp_path / "dept.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.budgetaudit]\nfail-on = "warning"  # keep\n', encoding="utf-8")
    _, (finding,) = _tot004(tmp_path)
    assert run("waive", finding["fingerprint"], "--reason", 'a "quoted" reason', cwd=tmp_path).returncode == 0
    text = (tmp_path / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith('[project]\nname = "x"\n\n[tool.budgetaudit]\nfail-on = "warning"  # keep\n')
    assert "[[tool.budgetaudit.waivers]]" in text and 'reason = "a \\"quoted\\" reason"' in text
    assert not (tmp_path / ".budgetaudit.toml").exists()
    assert _tot004(tmp_path)[1] == []


def test_waive_refuses_bad_input_with_one_line(tmp_path):
    for args in (["xyz", "--reason", "r"], ["0123456789abcdef", "--reason", "r", "--until", "2025-13-01"]):
        result = run("waive", *args, cwd=tmp_path)
        assert result.returncode == 2 and len(result.stderr.decode().strip().splitlines()) == 1
    assert not (tmp_path / ".budgetaudit.toml").exists()


def test_an_expired_waiver_lets_its_finding_through_with_a_note(tmp_path):
    (tmp_path / "dept.txt").write_text(BROKEN, encoding="utf-8")
    _, (finding,) = _tot004(tmp_path)
    assert run("waive", finding["fingerprint"], "--reason", "年末结转", "--until", "2025-06-30", cwd=tmp_path).returncode == 0
    assert "until = 2025-06-30\n" in (tmp_path / ".budgetaudit.toml").read_text(encoding="utf-8")
    within = {"PATH": "/usr/bin:/bin", "BUDGETAUDIT_TODAY": "2025-06-30"}
    result, found = _tot004(tmp_path, within)
    assert found == [] and result.returncode == 0
    after = {"PATH": "/usr/bin:/bin", "BUDGETAUDIT_TODAY": "2025-07-01"}
    result, (expired,) = _tot004(tmp_path, after)
    assert result.returncode == 1 and expired["fingerprint"] == finding["fingerprint"]
    assert expired["expired_waiver"]["until"] == "2025-06-30" and expired["expired_waiver"]["reason"] == "年末结转"
    assert "豁免已于2025-06-30到期（年末结转）" in expired["message"]
    assert json.loads(result.stdout)["stale_waivers"] == []
    text = run("check", "--lang", "en", "--color", "never", "dept.txt", cwd=tmp_path, env=after).stdout.decode()
    assert "waiver expired on 2025-06-30" in text
    bad = run("check", "dept.txt", cwd=tmp_path, env={"PATH": "/usr/bin:/bin", "BUDGETAUDIT_TODAY": "soon"})
    assert bad.returncode == 2 and "BUDGETAUDIT_TODAY" in bad.stderr.decode()
