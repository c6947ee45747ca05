"""Small frictions a user meets first: case, folders, the terminal, alignment."""

import json

from rich.cells import cell_len

from conftest import run_cli as run

BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"


def _codes(result):
    return {f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]}


def test_codes_families_names_and_all_in_any_case(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(BROKEN, encoding="utf-8")
    assert _codes(run("check", "-f", "json", "--select", "tot", str(doc))) == {"TOT004"}
    assert _codes(run("check", "-f", "json", "--select", "tot004", str(doc))) == {"TOT004"}
    assert _codes(run("check", "-f", "json", "--select", "all", "--ignore", "cmp", str(doc))) == {"TOT004"}
    assert _codes(run("check", "-f", "json", "--select", "Revenue-Equals-Expenditure", str(doc))) == {"TOT004"}
    assert run("explain", "pct002").returncode == 0
    (tmp_path / ".budgetaudit.toml").write_text('select = ["all"]\nignore = ["Cmp"]\n[severity]\ntot004 = "warning"\n', encoding="utf-8")
    result = run("check", "-f", "json", "a.txt", cwd=tmp_path)
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("TOT004", "warning")]


def test_several_outputs_from_one_run_and_the_summary_once(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(BROKEN, encoding="utf-8")
    result = run("check", "-f", "concise", "-o", f"JSON={tmp_path}/out/a.json", "-o", f"sarif={tmp_path}/out/b/a.sarif", str(doc))
    assert result.returncode == 1
    assert result.stdout.decode().endswith("1个文件：1个错误，1个警告，1个提示；已核对关系3项，未能核对0项\n")
    assert result.stderr == b""  # concise on standard output already ends with the summary
    data = json.loads((tmp_path / "out" / "a.json").read_text(encoding="utf-8"))
    sarif = json.loads((tmp_path / "out" / "b" / "a.sarif").read_text(encoding="utf-8"))
    fingerprints = sorted(f["fingerprint"] for f in data["files"][0]["findings"])
    assert fingerprints == sorted(r["partialFingerprints"]["budgetaudit/v2"] for r in sarif["runs"][0]["results"])
    quiet = run("check", "-f", "json", "-o", str(tmp_path / "x.json"), str(doc))
    assert quiet.stdout == b"" and quiet.stderr.decode().count("1个文件：") == 1
    bad = run("check", "-o", "json=", str(doc))
    assert bad.returncode == 2 and len(bad.stderr.decode().strip().splitlines()) == 1


def test_show_is_aligned_by_display_width_and_speaks_the_language(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(BROKEN, encoding="utf-8")
    out = run("show", str(doc)).stdout.decode().splitlines()
    header = next(i for i, line in enumerate(out) if line.startswith("位置"))
    rows = out[header:header + 4]
    # Every column starts at the same display cell in the header, the rule and the rows.
    starts = [cell_len(rows[0][: rows[0].index("原文")])]
    for row in rows[2:]:
        figure = row.split()[1]
        starts.append(cell_len(row[: row.index(figure)]))
    assert len(set(starts)) == 1
    assert "current" not in "\n".join(out) and "本期" in "\n".join(out)
    english = run("show", "--lang", "en", str(doc)).stdout.decode()
    assert "as printed" in english and "current" in english


def test_help_names_metavariables_and_exit_codes():
    out = run("check", "--help").stdout.decode()
    assert "<str>" not in out and "--select 代码" in out and "--config 文件" in out and "退出码" in out
    english = run("check", "--help", "--lang", "en").stdout.decode()
    assert "<str>" not in english and "--select CODE" in english and "Exit codes" in english
    assert "Usage: " in english and "Options:" in english


def test_hook_mode_skips_named_files_that_hold_no_disclosure_silently(tmp_path):
    (tmp_path / "notes.txt").write_text("hello world\n", encoding="utf-8")
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    named = run("check", "-f", "concise", "notes.txt", "empty.md", cwd=tmp_path)
    assert named.returncode == 2
    hook = run("check", "-f", "concise", "--skip-non-disclosures", "notes.txt", "empty.md", cwd=tmp_path)
    assert hook.returncode == 0 and hook.stderr == b"" and "notes.txt" not in hook.stdout.decode()
    blocked = run("check", "-f", "concise", "--skip-non-disclosures", "notes.txt", "a.txt", cwd=tmp_path)
    assert blocked.returncode == 1 and "a.txt:2:31: TOT004 [error]" in blocked.stdout.decode()


def test_help_follows_the_configurations_lang_after_lang_and_before_the_locale(tmp_path):
    (tmp_path / ".budgetaudit.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert run("check", "--help", cwd=tmp_path).stdout.decode().startswith("Usage:")
    assert run("check", "--lang", "zh", "--help", cwd=tmp_path).stdout.decode().startswith("用法")
    (tmp_path / ".budgetaudit.toml").write_text('fail_on = "warning"\n', encoding="utf-8")
    assert run("check", "--help", cwd=tmp_path).stdout.decode().startswith("用法")
