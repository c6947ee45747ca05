"""One body's disclosures against each other (#20): an invented department's 2024 and 2025 预算 and 决算, with
three planted differences, the seeds (five bodies: no link), linking rules, and -j 2 against -j 1."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetaudit.cli import app
from budgetaudit.crossdoc import check_texts
from budgetaudit.link import Identity, link, normalise

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
NAME = "某县青禾区文物保护中心"

BUDGET_2024 = f"""{NAME}2024年部门预算公开
{NAME}
2024年部门预算情况说明
一、一般公共预算财政拨款支出预算情况
2024年一般公共预算财政拨款支出预算460.00万元。
二、机关运行经费
2024年机关运行经费预算27.00万元。
"""
FINAL_2024 = f"""{NAME}
2024年度部门决算情况说明
一、一般公共预算财政拨款支出决算情况说明
2024年度一般公共预算财政拨款支出480.00万元，年初预算数为460.00万元。
二、机关运行经费支出说明
2024年度机关运行经费支出28.00万元。
"""
BUDGET_2025 = f"""{NAME}2025年部门预算公开
{NAME}
2025年部门预算情况说明
一、一般公共预算财政拨款支出预算情况
2025年一般公共预算财政拨款支出预算470.00万元。
二、“三公”经费预算情况
2025年“三公”经费预算7.00万元，其中：公务用车运行维护费4.50万元，公务接待费2.50万元。
附件1 一般公共预算财政拨款支出预算表
单位：万元

| 项目 | 2024年预算数 | 2025年预算数 |
| --- | --- | --- |
| 合计 | 460.00 | 470.00 |
"""
FINAL_2025 = f"""{NAME}
2025年度部门决算情况说明
一、一般公共预算财政拨款支出决算情况说明
2025年度一般公共预算财政拨款支出500.00万元，年初预算数为{{initial}}万元。
二、机关运行经费支出说明
2025年度机关运行经费支出30.00万元，比上年增加2.00万元。
附件1 “三公”经费支出决算表
单位：万元

| 项目 | 年初预算数 | 决算数 |
| --- | --- | --- |
| 公务用车运行维护费 | 4.50 | 4.00 |
| 公务接待费 | {{reception}} | 2.00 |

附件2 一般公共预算财政拨款支出决算表
单位：万元

| 项目 | 上年决算数 | 决算数 |
| --- | --- | --- |
| 合计 | {{previous}} | 500.00 |
"""
CLEAN = {"initial": "470.00", "reception": "2.50", "previous": "480.00"}
PLANTED = {"initial": "475.00", "reception": "2.80", "previous": "485.00"}


def _write(folder: Path, values: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("a_budget_2024.txt", BUDGET_2024), ("b_final_2024.txt", FINAL_2024),
                       ("c_budget_2025.txt", BUDGET_2025), ("d_final_2025.txt", FINAL_2025.format(**values))):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _check(*args: str):
    return CliRunner().invoke(app, ["check", "--isolated", *args])


def test_the_three_planted_differences_are_found_each_naming_both_files(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    result = _check(str(folder), "-f", "json")
    data = json.loads(result.stdout)
    found = {(f["code"], f["locations"][0]["text"]): {loc["file"] for loc in f["locations"]}
             for f in data["cross_document"]}
    owner, budget, final = (str(folder / n) for n in ("d_final_2025.txt", "c_budget_2025.txt", "b_final_2024.txt"))
    assert found == {
        ("CRD001", "475.00万元"): {owner, budget},  # the narrative's 年初预算数
        ("CRD001", "2.80"): {owner, budget},  # a 三公 table cell's 年初预算数
        ("CRD003", "485.00"): {owner, final},  # an 上年 figure against last year's 决算
    }
    assert all(f["path"] == owner for f in data["cross_document"])
    assert result.exit_code == 1 and data["summary"]["error"] >= 3


def test_without_them_the_documents_are_silent_across(tmp_path):
    folder = _write(tmp_path / "clean", CLEAN)
    data = json.loads(_check(str(folder), "-f", "json").stdout)
    assert data["cross_document"] == []
    assert data["coverage"]["not_compared"] == []
    # The pairs were compared, not skipped: the checked relations count them.
    alone = sum(json.loads(_check(str(p), "-f", "json").stdout)["summary"]["files"] for p in sorted(folder.iterdir()))
    assert alone == 4


def test_no_link_switches_the_comparison_off(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    assert json.loads(_check(str(folder), "-f", "json", "--no-link").stdout)["cross_document"] == []
    (folder / ".budgetaudit.toml").write_text("link = false\n", encoding="utf-8")
    data = json.loads(CliRunner().invoke(app, ["check", str(folder), "-f", "json"]).stdout)
    assert data["cross_document"] == []


def test_the_owner_s_per_file_ignores_and_waivers_apply(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    (folder / ".budgetaudit.toml").write_text('[per-file-ignores]\n"d_*.txt" = ["CRD001"]\n', encoding="utf-8")
    data = json.loads(CliRunner().invoke(app, ["check", str(folder), "-f", "json"]).stdout)
    assert [f["code"] for f in data["cross_document"]] == ["CRD003"]
    fingerprint = data["cross_document"][0]["fingerprint"]
    (folder / ".budgetaudit.toml").write_text(
        f'[per-file-ignores]\n"d_*.txt" = ["CRD001"]\n[[waivers]]\nfingerprint = "{fingerprint}"\nreason = "restated"\n',
        encoding="utf-8")
    data = json.loads(CliRunner().invoke(app, ["check", str(folder), "-f", "json"]).stdout)
    assert data["cross_document"] == [] and data["waived"] == 1


def test_every_format_writes_the_part_across_documents(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    text = _check(str(folder), "-f", "text").stdout
    assert "跨文件核对" in text and "CRD003" in text
    sarif = json.loads(_check(str(folder), "-f", "sarif").stdout)
    across = [r for r in sarif["runs"][0]["results"] if r["ruleId"].startswith("CRD")]
    assert len(across) == 3
    assert all(r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] != 
               r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in across)
    assert "CRD001" in _check(str(folder), "-f", "markdown").stdout
    for name in ("concise", "github", "gitlab", "junit", "html"):
        assert _check(str(folder), "-f", name).exit_code == 1, name


def test_fingerprints_name_the_partner_never_a_path(tmp_path):
    one = json.loads(_check(str(_write(tmp_path / "one", PLANTED)), "-f", "json").stdout)["cross_document"]
    two = json.loads(_check(str(_write(tmp_path / "elsewhere" / "two", PLANTED)), "-f", "json").stdout)["cross_document"]
    assert [f["fingerprint"] for f in one] == [f["fingerprint"] for f in two]
    assert len({f["fingerprint"] for f in one}) == 3


def test_two_workers_write_what_one_writes(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    for fmt in ("text", "json", "sarif"):
        assert _check(str(folder), "-f", fmt, "-j", "2").stdout == _check(str(folder), "-f", fmt, "-j", "1").stdout


def test_show_entities_lists_links_and_reasons(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    (folder / "e_other.txt").write_text("某县青禾区档案馆2025年度部门决算\n2025年度支出总计10.00万元。\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["show", "--entities", "--isolated", str(folder)]).stdout
    assert out.startswith("5个文件")
    lines = {line.split()[0].rsplit("/", 1)[-1]: line for line in out.splitlines()[3:]}
    assert "年初预算数对照同年预算" in lines["a_budget_2024.txt"]
    assert "上年预算数对照上年预算" in lines["c_budget_2025.txt"]
    assert "输入中没有可比较的同单位文件" in lines["e_other.txt"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds are not on this machine")
def test_the_five_seeds_are_five_bodies_with_no_link_and_no_finding_across():
    out = CliRunner().invoke(app, ["show", "--entities", "--isolated", str(SEEDS)]).stdout
    rows = out.splitlines()[3:]
    assert out.startswith("5个文件") and len(rows) == 5
    assert all("未关联" in row and ("→" not in row and "←" not in row) for row in rows)
    data = json.loads(_check(str(SEEDS), "-f", "json").stdout)
    assert data["cross_document"] == [] and data["coverage"]["not_compared"] == []


def test_names_are_one_entity_only_as_the_issue_says():
    assert normalise("重庆市江津区某局（本级）") == ("重庆市江津区某局", "本级")
    assert normalise(" 某县 某局 ") == ("某县某局", "")

    def ident(path, kind, year, name, level="部门", part="", short=()):
        return Identity(path, kind, year, name, name, short, level, part)

    budget, final = ident("b", "budget", 2025, "某局"), ident("f", "final_account", 2025, "某局")
    assert [(l.later, l.earlier, l.relation) for l in link([budget, final]).links] == [(1, 0, "initial_budget")]
    assert link([budget, ident("f", "final_account", 2025, "某局", level="单位")]).links == []
    assert link([ident("b", "budget", 2025, "某局", part="汇总"), ident("f", "final_account", 2025, "某局", part="本级")]).links == []
    assert link([budget, ident("f", "final_account", 2025, "区某局")]).links == []
    assert len(link([budget, ident("f", "final_account", 2025, "区某局")], {"区某局": "某局"}).links) == 1
    assert len(link([budget, ident("f", "final_account", 2025, "某县某局", short=("某局",))]).links) == 1
    reasons = link([ident("a", "budget", None, "某局"), ident("b", "unknown", 2025, "某局"),
                    ident("c", "budget", 2025, ""), budget]).reasons
    assert reasons == {0: "no_year", 1: "no_kind", 2: "no_entity", 3: "no_partner"}


def test_a_year_first_title_and_a_short_name_the_document_declares(rules):
    budget = "2025年度某县青禾区档案馆部门预算\n2025年一般公共预算财政拨款支出预算300.00万元。\n"
    final = ("区档案馆2025年度部门决算\n某县青禾区档案馆（以下简称“区档案馆”）。2025年度一般公共预算财政拨款支出320.00万元，"
             "年初预算数为310.00万元。\n")
    outcome = check_texts([budget, final], rules)
    assert [f.code for r in outcome.reports for f in r.findings] == []  # 区档案馆 names itself, not the budget's body
    final = final.replace("区档案馆2025年度", "某县青禾区档案馆2025年度")
    outcome = check_texts([budget, final], rules)
    assert [f.code for r in outcome.reports for f in r.findings] == ["CRD001"]


def test_last_year_s_executed_figure_is_compared_with_nothing(rules):
    last = "某县青禾区档案馆2024年部门预算\n2024年一般公共预算财政拨款支出预算290.00万元。\n"
    this = ("某县青禾区档案馆2025年部门预算\n附件1 一般公共预算财政拨款支出预算表\n单位：万元\n\n"
            "| 项目 | 2024年执行数 | 2025年预算数 |\n| --- | --- | --- |\n| 合计 | 295.00 | 300.00 |\n")
    assert check_texts([last, this], rules).reports == []


def test_the_json_report_across_documents_meets_its_schema(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parents[1] / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    data = json.loads(_check(str(_write(tmp_path / "planted", PLANTED)), "-f", "json").stdout)
    assert len(data["cross_document"]) == 3
    jsonschema.validate(data, schema)


def test_documents_of_one_body_not_compared_are_listed_never_as_not_checked(tmp_path):
    folder = tmp_path / "apart"
    folder.mkdir()
    (folder / "b.txt").write_text("某县青禾区档案馆2025年部门预算\n2025年机关运行经费预算20.00万元。\n", encoding="utf-8")
    (folder / "f.txt").write_text("某县青禾区档案馆2025年度部门决算\n2025年度“三公”经费支出决算为6.00万元。\n", encoding="utf-8")
    data = json.loads(_check(str(folder), "-f", "json").stdout)
    assert data["coverage"]["not_compared"] == [
        {"file": str(folder / "f.txt"), "partner": str(folder / "b.txt"), "reason": "no_common_figures"}]
    assert data["summary"]["unchecked"] == sum(len(f["unchecked"]) for f in data["files"])
    assert "未能比较" in _check(str(folder)).stdout
    (folder / "b2.txt").write_text("某县青禾区档案馆2025年部门预算\n2025年“三公”经费预算6.00万元。\n", encoding="utf-8")
    data = json.loads(_check(str(folder), "-f", "json").stdout)
    assert {(Path(n["partner"]).name, n["reason"]) for n in data["coverage"]["not_compared"]} == {
        ("b.txt", "ambiguous"), ("b2.txt", "ambiguous")}
    assert json.loads(_check(str(folder / "f.txt"), "-f", "json").stdout)["coverage"]["not_compared"] == []


@pytest.mark.parametrize("fmt", ["concise", "github", "gitlab"])
def test_the_line_formats_carry_the_findings_across(tmp_path, fmt):
    assert _check(str(_write(tmp_path / "planted", PLANTED)), "-f", fmt).stdout.count("CRD00") >= 3


def test_the_configuration_s_entities_link_an_alias_and_are_checked(tmp_path):
    folder = tmp_path / "alias"
    folder.mkdir()
    (folder / "b.txt").write_text("某县青禾区档案馆2025年部门预算\n2025年一般公共预算财政拨款支出预算300.00万元。\n", encoding="utf-8")
    (folder / "f.txt").write_text("青禾档案馆2025年度部门决算\n2025年度一般公共预算财政拨款支出320.00万元，年初预算数为310.00万元。\n",
                                  encoding="utf-8")
    run = lambda: CliRunner().invoke(app, ["check", str(folder), "-f", "json"])  # noqa: E731
    assert json.loads(run().stdout)["cross_document"] == []
    (folder / ".budgetaudit.toml").write_text('[entities]\n"青禾档案馆" = "某县青禾区档案馆"\n', encoding="utf-8")
    assert [f["code"] for f in json.loads(run().stdout)["cross_document"]] == ["CRD001"]
    (folder / ".budgetaudit.toml").write_text('[entities]\n"青禾档案馆" = 3\n', encoding="utf-8")
    result = run()
    assert result.exit_code == 2 and ".budgetaudit.toml:2" in result.stderr
