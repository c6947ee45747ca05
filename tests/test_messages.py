"""One table of words per language (budgetaudit/messages.toml): complete in both, chosen as documented, and
nothing of the other language leaks into what people read."""

import re
import tomllib

import pytest

from conftest import ROOT, run_cli as run

from budgetaudit.messages import environment_lang, input_error, table

SEEDS = ROOT.parent / "shared" / "seeds"
BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"


def _paths(data: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out.update(_paths(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def test_every_key_in_both_languages_with_the_same_placeholders():
    data = tomllib.loads((ROOT / "budgetaudit" / "messages.toml").read_text(encoding="utf-8"))
    assert set(data) == {"zh", "en"}
    zh, en = _paths(data["zh"]), _paths(data["en"])
    assert set(zh) == set(en), set(zh) ^ set(en)
    for key in zh:
        assert set(re.findall(r"\{(\w+)\}", zh[key])) == set(re.findall(r"\{(\w+)\}", en[key])), key
        assert zh[key] and en[key], key


def test_the_chinese_table_is_chinese():
    for key, text in _paths(table("zh")).items():
        if key.startswith(("metavar.", "families.")) or key in ("click.dynamic",):
            continue
        letters = re.sub(r"BUDGETAUDIT_TODAY|\[tool\.budgetaudit\]|\[\[waivers\]\]|\"error\|warning\|info\"|true|false|reason|fingerprint|path|until|severity|waivers|"
                         r"per-file-ignores|rules-dirs|TOML|JSON|YYYY-MM-DD|\S+/\S+|[a-z]+(?:-[a-z]+)+|\{\w+\}|budgetaudit|GitHub Actions|GITHUB_STEP_SUMMARY|LC_ALL|LC_MESSAGES|LANG|"
                         r"--?[a-z-]+|\.[a-z]+\b|[A-Z]{3}\d*|ALL|UTF-8|GB18030(?:/GBK)?|Big5|PDF|OCR|MB|MiB|YYYY-MM-DD|Word|Excel|"
                         r"\b(text|markdown|json|github|docx|zh|en|lang|select|ignore|exclude|error|formats|include|"
                         r"auto|pre-commit|rules|show|check|baseline|"
                         # the keys of a rule file, named as they are written in it
                         r"rule|aliases|message|params|verdict|pass|fail|summary|description|name|kind|code|"
                         # and of a baseline
                         r"files|count)\b", "", text)
        assert not re.search(r"[A-Za-z]{2,}", letters), (key, text)


@pytest.mark.parametrize("environ, lang", [
    ({}, "zh"),
    ({"LANG": "C"}, "zh"),
    ({"LANG": "POSIX"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "", "LC_ALL": "C.UTF-8"}, "zh"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN"}, "en"),
])
def test_the_locale_decides_when_nothing_else_does(environ, lang):
    assert environment_lang(environ)[0] == lang


def test_precedence_cli_then_configuration_then_locale(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(BROKEN, encoding="utf-8")
    english = {"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8"}
    assert "1 error(s)" in run("check", str(doc), env=english).stdout.decode()
    assert "1个错误" in run("check", "--lang", "zh", str(doc), env=english).stdout.decode()
    (tmp_path / ".budgetaudit.toml").write_text('lang = "zh"\n', encoding="utf-8")
    assert "1个错误" in run("check", str(doc), env=english).stdout.decode()
    assert "1 error(s)" in run("check", "--lang", "en", str(doc), env=english).stdout.decode()
    assert "用法：" in run("check", "--help", env={"PATH": "/usr/bin:/bin"}).stdout.decode()
    assert "Usage: " in run("check", "--help", env=english).stdout.decode()


def test_reader_reasons_in_both_languages():
    assert input_error("empty file", "zh") == "空文件"
    assert input_error("larger than the 1 MB size limit", "zh") == "超过 1 MB 的大小上限"
    assert input_error("empty file", "en") == "empty file"


# What stays as it is in Chinese output: command, option and choice names, rule codes and names, paths, the
# program's and other tools' names, units, and the fingerprints (hexadecimal).
_STAYS = re.compile(
    r"YYYY-MM-DD|--?[a-z][a-z-]*|\.[a-z]{2,4}\b|[A-Z]{3}\d{3}|[a-z]+(?:-[a-z]+)+|\b[0-9a-f]{20}\b|\S*/\S*|\S+\.(?:txt|md|docx|xlsx|xls|html?|pdf)\b"
    r"|\b(?:budgetaudit|text|concise|json|sarif|junit|github|gitlab|markdown|auto|always|never|zh|en|error|warning"
    r"|info|lang|select|ignore|exclude|include|GitHub|Actions|LC_ALL|LC_MESSAGES|LANG|ALL|PCT|TOT|AVG|XRF|EVA|CMP"
    r"|EXT|MB|x|python|check|baseline|show|rules|explain|waive|pre-commit|docx|html)\b"
)


def _english_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", _STAYS.sub(" ", text)))


def test_check_help_in_the_default_language_has_no_english_outside_what_stays():
    for command in (["check", "--help"], ["--help"], ["baseline", "--help"], ["explain", "--help"], ["waive", "--help"]):
        out = run(*command).stdout.decode()
        assert "用法：" in out and "退出码" in out
        assert _english_words(out) == set(), command


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present")
def test_a_seed_report_is_chinese_by_default_and_english_on_request():
    from budgetaudit.concepts import default_dictionary
    from budgetaudit.readers import read

    dictionary = default_dictionary()
    known = "\n".join(str(name) for name in getattr(dictionary, "labels", {}) or ()) + "\n"
    known += (ROOT / "rules" / "concepts.toml").read_text(encoding="utf-8")
    for seed in sorted(SEEDS.glob("*.txt")):
        out = run("check", "--color", "never", str(seed)).stdout.decode()
        assert _english_words(out) == set(), seed.name
        english = run("check", "--color", "never", "--lang", "en", str(seed)).stdout.decode()
        source, _ = read(str(seed))
        text = source.text + "\n" + source.norm + "\n" + re.sub(r"\s+", "", source.norm) + "\n" + known
        # Every run of Chinese characters comes from the disclosure (its labels, headings, figures as printed)
        # or is the dictionary's name for what it printed; punctuation that joins them is not a word.
        foreign = {run_ for run_ in re.findall(r"[\u4e00-\u9fff]+", english) if run_ not in text}
        assert foreign == set(), (seed.name, sorted(foreign)[:10])
        # Nor does the English report join what it composes with Chinese punctuation: the lines of copies
        # (52.84 (lines 21, 604)) and the items it lists (年度预算执行率10, 年稳定运行天数20).
        assert re.search(r"\d（\d|\d、\d|\d、[\u4e00-\u9fff]", english) is None, seed.name


RULE = '''[[rule]]
code = "AVG099"
name = "my-average"
kind = "average"
severity = "error"
summary = { zh = "自定义平均数", en = "My average" }
message = { zh = "写为{stated}：{why}", en = "stated as {stated}: {why}" }
%s
[rule.params]
average = "车均维护费"
numerator = "公务用车运行维护费"
denominator = "公务车保有量"
'''


def test_rule_descriptions_in_both_languages_and_plain_strings_still_load(tmp_path):
    from budgetaudit.ruleset import RuleFileError, load_rules
    from budgetaudit.ruledocs import explain

    for rule in load_rules().rules:
        assert re.search(r"[\u4e00-\u9fff]", rule.text("description", "zh")), rule.code
        assert rule.description["zh"] != rule.description["en"], rule.code
    (tmp_path / "mine.toml").write_text(RULE % 'description = "A plain string, as in 0.1."\nrationale = "Why."', encoding="utf-8")
    (mine,) = [r for r in load_rules([str(tmp_path)]).rules if r.code == "AVG099"]
    assert mine.text("description", "zh") == mine.text("description", "en") == "A plain string, as in 0.1."
    assert "Why." in explain(mine, "zh")
    (tmp_path / "mine.toml").write_text(RULE % 'description = { zh = "中文说明" }', encoding="utf-8")
    with pytest.raises(RuleFileError, match="description must be a string or a table of zh and en"):
        load_rules([str(tmp_path)])


def test_every_configuration_error_is_put_in_chinese():
    from budgetaudit.messages import config_error, section

    sample = {"detail": "第 3 行", "problem": "“]”", "key": "select", "hint": "fail-on", "choices": "error, warning, info",
              "value": "'x'", "entry": "rules", "glob": "*.txt", "code": "TOT004", "fingerprint": "0123456789abcdef",
              "selector": "NOPE1", "line": "3", "kind": "nope", "field": "summary", "lang": "zh", "name": "{x}",
              "ident": "mine", "other": "rules/a.toml"}
    english, chinese = section("en", "config"), section("zh", "config")
    assert set(english) == set(chinese)
    for name, template in english.items():
        message = "budgetaudit.toml:4: " + template.format(**sample)
        shown = config_error(message, "zh")
        assert shown.startswith("budgetaudit.toml:4：") and shown != message, name
        assert shown == "budgetaudit.toml:4：" + chinese[name].format(**sample), name
        assert config_error(message, "en") == message


def test_a_malformed_rule_file_is_named_in_the_runs_language(tmp_path):
    from conftest import run_cli

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "mine.toml").write_text(
        '[[rule]]\ncode = "TOT901"\nname = "mine"\nkind = "nope"\nseverity = "error"\n'
        'message = {zh = "甲", en = "a"}\nsummary = {zh = "甲", en = "a"}\ndescription = "d"\n', encoding="utf-8")
    (tmp_path / ".budgetaudit.toml").write_text('rules-dirs = ["rules"]\n', encoding="utf-8")
    (tmp_path / "d.txt").write_text("2024年度部门决算公开说明\n收入总计100.00万元，支出总计100.00万元。\n", encoding="utf-8")
    zh = run_cli("check", "d.txt", cwd=tmp_path)
    en = run_cli("check", "--lang", "en", "d.txt", cwd=tmp_path)
    assert zh.returncode == en.returncode == 2
    assert zh.stderr.decode().strip() == "budgetaudit: 错误：rules/mine.toml:4：规则 TOT901：未知的类型“nope”"
    assert en.stderr.decode().strip() == "budgetaudit: error: rules/mine.toml:4: rule TOT901: unknown kind 'nope'"
