"""Configuration files: discovery, precedence, validation (one line and exit 2), show-settings."""

import json

import pytest

from budgetaudit.config import ConfigError, Overrides, discover, resolve
from budgetaudit.selection import ruleset
from conftest import run_cli as run

BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"


def codes(result):
    report = json.loads(result.stdout)
    return {(f["code"], f["severity"]) for entry in report["files"] for f in entry["findings"]}


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_discovery_closest_wins_and_names_in_order(tree):
    (tree / "pyproject.toml").write_text('[tool.budgetaudit]\nselect = ["TOT"]\n', encoding="utf-8")
    assert discover([str(tree / "a.txt")]).name == "pyproject.toml"
    (tree / "budgetaudit.toml").write_text('select = ["CMP"]\n', encoding="utf-8")
    assert discover([str(tree / "a.txt")]).name == "budgetaudit.toml"
    (tree / ".budgetaudit.toml").write_text('select = ["PCT"]\n', encoding="utf-8")
    assert discover([str(tree / "a.txt")]).name == ".budgetaudit.toml"
    (tree / "sub" / "pyproject.toml").write_text('[tool.budgetaudit]\nlang = "en"\n', encoding="utf-8")
    assert discover([str(tree / "sub" / "b.txt")]) == tree / "sub" / "pyproject.toml"
    assert discover([str(tree / "sub")]) == tree / "sub" / "pyproject.toml"
    # Several inputs: from the current directory.
    assert discover([str(tree / "sub" / "b.txt"), str(tree / "a.txt")], cwd=str(tree)).name == ".budgetaudit.toml"


def test_pyproject_without_tool_table_is_not_a_config(tree):
    (tree / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tree / "budgetaudit.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert discover([str(tree / "sub" / "b.txt")]) == tree / "budgetaudit.toml"


def test_config_applies_and_command_line_overrides(tree):
    (tree / ".budgetaudit.toml").write_text(
        'select = ["TOT"]\nfail-on = "warning"\n[severity]\nTOT004 = "warning"\n', encoding="utf-8"
    )
    result = run("check", "-f", "json", "a.txt", cwd=tree)
    assert codes(result) == {("TOT004", "warning")} and result.returncode == 1
    # --fail-on on the command line outranks the file.
    assert run("check", "-f", "json", "--fail-on", "error", "a.txt", cwd=tree).returncode == 0
    # --select replaces the file's select; --ignore adds to it.
    assert codes(run("check", "-f", "json", "--select", "CMP", "a.txt", cwd=tree)) == {
        ("CMP001", "warning"), ("CMP002", "info"),
    }
    assert codes(run("check", "-f", "json", "--select", "CMP", "--ignore", "CMP002", "a.txt", cwd=tree)) == {
        ("CMP001", "warning"),
    }
    # --isolated ignores the file, --config names another.
    assert ("TOT004", "error") in codes(run("check", "-f", "json", "--isolated", "a.txt", cwd=tree))
    other = tree / "other.toml"
    other.write_text('select = ["CMP001"]\n', encoding="utf-8")
    assert codes(run("check", "-f", "json", "--config", str(other), "a.txt", cwd=tree)) == {("CMP001", "warning")}


def test_most_specific_selector_wins(tree):
    (tree / "budgetaudit.toml").write_text('ignore = ["TOT", "CMP"]\nextend-select = ["TOT004"]\n', encoding="utf-8")
    assert codes(run("check", "-f", "json", "a.txt", cwd=tree)) == {("TOT004", "error")}


def test_per_file_ignores(tree):
    (tree / "budgetaudit.toml").write_text('[per-file-ignores]\n"sub/*.txt" = ["TOT004"]\n', encoding="utf-8")
    report = json.loads(run("check", "-f", "json", ".", cwd=tree).stdout)
    by_path = {e["path"]: {f["code"] for f in e["findings"]} for e in report["files"]}
    assert "TOT004" in by_path["a.txt"] and "TOT004" not in by_path["sub/b.txt"]


@pytest.mark.parametrize(
    "text, needle, chinese",
    [
        ('select = ["TOT"]\nselct = ["PCT"]\n', "budgetaudit.toml:2: unknown key 'selct'", "budgetaudit.toml:2：未知的键“selct”"),
        ('fail-on = "fatal"\n', "budgetaudit.toml:1: 'fail-on' must be one of", "budgetaudit.toml:1：“fail-on”必须是"),
        ('select = ["NOPE123"]\n', "unknown rule selector 'NOPE123'", "未知的规则选择“NOPE123”"),
        ('\n[severity]\nTOT004 = "loud"\n', "budgetaudit.toml:3: severity.TOT004", "budgetaudit.toml:3：severity.TOT004 必须是"),
        ('[severity]\nXYZ001 = "info"\n', "severity: no rule 'XYZ001'", "severity：没有规则“XYZ001”"),
        ('[[waivers]]\nfingerprint = "00444663cea658f93e06"\n', "budgetaudit.toml:1: waiver 00444663cea658f93e06: a 'reason' is required",
         "budgetaudit.toml:1：豁免 00444663cea658f93e06：必须写明“reason”"),
        ('rules-dirs = ["missing"]\n', "budgetaudit.toml:1: rules-dirs: 'missing' is not a directory", "rules-dirs：“missing”不是文件夹"),
        ("select = [\n", "not valid TOML", "不是有效的 TOML"),
    ],
)
def test_malformed_config_is_one_line_and_exit_2(tree, text, needle, chinese):
    (tree / "budgetaudit.toml").write_text(text, encoding="utf-8")
    for args, expected in ((["--lang", "en"], needle), ([], chinese)):
        result = run("check", *args, "a.txt", cwd=tree)
        err = result.stderr.decode().strip().splitlines()
        assert result.returncode == 2 and len(err) == 1, result.stderr
        assert expected in err[0] and "Traceback" not in result.stderr.decode()


def test_unknown_key_in_pyproject_names_its_line(tree):
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.budgetaudit]\nlang = "en"\nbogus = 1\n', encoding="utf-8")
    result = run("check", "--lang", "en", "a.txt", cwd=tree)
    assert result.returncode == 2 and "pyproject.toml:6: unknown key 'bogus'" in result.stderr.decode()


def test_malformed_user_rule_dir_is_one_line_and_exit_2(tree):
    (tree / "myrules").mkdir()
    (tree / "myrules" / "mine.toml").write_text('[[rule]]\ncode = "TOT999"\nname = "Bad Name"\n', encoding="utf-8")
    (tree / "budgetaudit.toml").write_text('rules-dirs = ["myrules"]\n', encoding="utf-8")
    result = run("check", "a.txt", cwd=tree)
    err = result.stderr.decode().strip().splitlines()
    assert result.returncode == 2 and len(err) == 1 and "mine.toml" in err[0] and "TOT999" in err[0]


def test_user_rule_dir_adds_rules(tree, rules):
    rule = next(r for r in rules.rules if r.code == "TOT004")
    # The built-in rule is the model: the same kind and parameters under a new code.
    text = (
        '[[rule]]\ncode = "TOT904"\nname = "my-revenue-equals-expenditure"\nkind = "%s"\nseverity = "warning"\n'
        'summary = {zh = "收支相等", en = "balance"}\nmessage = {zh = "收支不等", en = "unbalanced"}\n'
        'description = "A copy."\n' % rule.kind
    )
    params = "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in rule.params.items())
    if params:
        text += "[rule.params]\n" + params
    (tree / "myrules").mkdir()
    (tree / "myrules" / "mine.toml").write_text(text, encoding="utf-8")
    (tree / "budgetaudit.toml").write_text('rules-dirs = ["myrules"]\nselect = ["TOT904"]\n', encoding="utf-8")
    assert codes(run("check", "-f", "json", "a.txt", cwd=tree)) == {("TOT904", "warning")}


def test_show_settings_names_every_origin(tree):
    (tree / "budgetaudit.toml").write_text('lang = "en"\n\nfail-on = "warning"\n', encoding="utf-8")
    out = run("show-settings", "a.txt", "--ignore", "CMP002", cwd=tree).stdout.decode()
    assert 'lang' in out and "budgetaudit.toml:1" in out and "budgetaudit.toml:3" in out
    assert "command line" in out and "default" in out
    isolated = run("show-settings", "--isolated", cwd=tree).stdout.decode()
    assert "budgetaudit.toml:" not in isolated


def test_resolve_in_process(tree):
    (tree / "budgetaudit.toml").write_text('ignore = ["CMP"]\n', encoding="utf-8")
    settings = resolve([str(tree / "a.txt")], overrides=Overrides(ignore=["PCT002"], lang="en"))
    assert settings.ignore == ["CMP", "PCT002"] and settings.lang == "en"
    assert settings.where("lang") == "command line" and settings.where("ignore").endswith("+ command line")
    chosen = {r.code for r in ruleset(settings).rules}
    assert "PCT002" not in chosen and not any(c.startswith("CMP") for c in chosen) and "TOT004" in chosen
    with pytest.raises(ConfigError):
        ruleset(resolve([str(tree / "a.txt")], overrides=Overrides(select=["NOPE"])))
