"""`--format docx` (issue #17): the 审核意见 reopened with python-docx and held to the JSON report of the same run."""

import json
import re
import zipfile

import pytest
from conftest import ROOT, run_cli

docx = pytest.importorskip("docx")

MISTAKES = ROOT / "examples" / "budget_mistakes.txt"
from test_context import TABLE  # the same invented table: its row labels and marked cell



def _texts(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    """The docx and the JSON of one run (-o docx=PATH beside the --format report)."""
    out = tmp_path_factory.mktemp("memo")
    done = run_cli("check", str(MISTAKES), "-f", "json", "-o", str(out / "a.json"), "-o", f"docx={out / 'a.docx'}")
    assert done.returncode == 1, done.stderr
    return docx.Document(str(out / "a.docx")), json.loads((out / "a.json").read_text("utf-8"))["files"][0], out


def test_the_problem_table_is_the_json_findings_in_order(memo):
    document, report, _ = memo
    header, *rows = _texts(document.tables[0])
    assert header == ["序号", "位置", "问题", "所列", "应为", "依据"]
    assert len(rows) == len(report["findings"]) == 6
    for number, (row, finding) in enumerate(zip(rows, report["findings"]), 1):
        assert row[0] == str(number)
        assert (row[3], row[4]) == (finding["stated"], finding["expected"])
        assert row[5].splitlines()[0] == finding["code"] and row[5].endswith("（错误）")
        assert row[2].startswith(finding["message"])
        # Consequences under their root, in the same cell; the position never as line:column.
        assert re.findall(r"（\d+）([A-Z]{3}\d+)", row[2]) == [c["code"] for c in finding.get("consequences", [])]
        assert row[1].startswith(finding["section"]) and finding["context"][0]["text"] in row[1]
        assert not re.search(r"\d+:\d+", row[1])


def test_the_questioned_figure_is_marked_in_its_sentence(memo):
    document, report, _ = memo
    position = document.tables[0].rows[1].cells[1]
    marked = [run.text for p in position.paragraphs for run in p.runs if run.bold and run.underline]
    assert marked == [report["findings"][0]["locations"][0]["text"]] == ["1,120.40万元"]


def test_title_blank_fields_not_checked_and_the_east_asian_font(memo):
    document, report, out = memo
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "关于某市清川区数据资源管理局2026年度部门预算公开的审核意见"
    for label in ("主送单位：", "审核单位：", "日期："):
        (field,) = [p for p in paragraphs if p.text.startswith(label)]
        assert field.runs[-1].underline and not field.runs[-1].text.strip()
    assert [p.text for p in paragraphs if p.style.name.startswith("Heading")] == ["一、发现的问题", "二、未能核对的关系"]
    header, *rows = _texts(document.tables[1])
    assert header == ["序号", "未能核对的原因", "涉及数字", "依据"]
    assert [(row[1], row[3].splitlines()[0]) for row in rows] == [(u["reason"], u["code"]) for u in report["unchecked"]]
    with zipfile.ZipFile(out / "a.docx") as package:
        styles = package.read("word/styles.xml").decode("utf-8")
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group()
    assert 'w:eastAsia="宋体"' in defaults and "eastAsiaTheme" not in defaults
    heading = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', styles, re.S).group()
    assert 'w:eastAsia="黑体"' in heading and "Theme" not in heading


def test_the_same_input_gives_the_same_bytes(memo, tmp_path):
    _, _, out = memo
    assert run_cli("check", str(MISTAKES), "-f", "docx", "-o", str(tmp_path / "b.docx")).returncode == 1
    assert (tmp_path / "b.docx").read_bytes() == (out / "a.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "b.docx") as package:
        infos = package.infolist()
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert infos[0].filename == "[Content_Types].xml"
        assert b"<dcterms:modified" in package.read("docProps/core.xml") and b"2000-01-01" in package.read("docProps/core.xml")


def test_a_table_finding_names_its_attachment_row_and_column(tmp_path):
    (tmp_path / "t.txt").write_text(TABLE, encoding="utf-8")
    assert run_cli("check", str(tmp_path / "t.txt"), "-f", "docx", "-o", str(tmp_path / "t.docx")).returncode == 1
    rows = _texts(docx.Document(str(tmp_path / "t.docx")).tables[0])
    (row,) = [row for row in rows if row[5].startswith("TOT010")]
    lines = row[1].splitlines()
    assert lines[:3] == ["附件2 一般公共预算财政拨款支出预算表", "行：20805 行政事业单位养老支出", "列：2026年预算数"]
    assert "20805 │ 行政事业单位养老支出 │ 52.48" in lines  # the rebuilt rows as context
    assert [r[5].splitlines()[0] for r in rows if r[0] != "序号"][:2] == ["CMP001", "CMP002"]
    assert rows[1][1] == "全文"  # a finding about the whole document


def test_several_inputs_one_docx_each_in_a_folder(tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(MISTAKES.read_text("utf-8"), encoding="utf-8")
    (tmp_path / "y" / "b.txt").write_text(TABLE, encoding="utf-8")
    (tmp_path / "y" / "empty.txt").write_text("", encoding="utf-8")
    done = run_cli("check", "x", "y", "--lang", "en", "-f", "docx", "-o", "out/memos", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    # Same stems made unique in path order; an unreadable or skipped input gets none.
    assert sorted(p.name for p in (tmp_path / "out" / "memos").iterdir()) == ["a-2.docx", "a.docx", "b.docx"]
    english = docx.Document(str(tmp_path / "out" / "memos" / "b.docx"))
    assert english.paragraphs[0].text.startswith("Review of the 2026 budget disclosure")
    assert _texts(english.tables[0])[0] == ["No.", "Where", "Problem", "Stated", "Expected", "Rule"]
    # A walk of the folder skips the memos as budgetaudit's own reports; one named is refused.
    walked = run_cli("check", "out", "-f", "json", cwd=tmp_path)
    assert sorted(s["path"] for s in json.loads(walked.stdout)["skipped"]) == [
        "out/memos/a-2.docx", "out/memos/a.docx", "out/memos/b.docx"]
    named = run_cli("check", "out/memos/b.docx", cwd=tmp_path)
    assert named.returncode == 2 and "budgetaudit 写出的报告" in named.stderr.decode()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    refused = run_cli("check", "x", "y", "-f", "docx", "-o", "file", cwd=tmp_path)
    assert refused.returncode == 2 and "file：无法写入" in refused.stderr.decode()


def test_a_report_never_takes_an_input_s_name(tmp_path):
    from budgetaudit.formats import renderer

    writer = renderer("docx").Writer()
    writer.output(str(tmp_path), [str(tmp_path / "a.docx"), "other/a.txt", "more/a.txt"])
    assert [writer.target(p) for p in ("other/a.txt", "more/a.txt")] == [str(tmp_path / "a-2.docx"),
                                                                       str(tmp_path / "a-3.docx")]


def test_without_o_or_without_python_docx_one_line_and_exit_2(tmp_path):
    done = run_cli("check", str(MISTAKES), "-f", "docx")
    assert done.returncode == 2 and done.stderr.decode().count("\n") == 1 and "需要 -o" in done.stderr.decode()
    blocked = tmp_path / "blocked" / "docx"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    env = {"PYTHONPATH": str(blocked.parent), "LANG": "en_US.UTF-8"}
    done = run_cli("check", str(MISTAKES), "-o", f"docx={tmp_path / 'a.docx'}", env=env)
    assert done.returncode == 2 and not (tmp_path / "a.docx").exists()
    assert done.stderr.decode() == ("budgetaudit: error: writing Word .docx reports needs the optional formats extra: "
                                    "pip install 'budgetaudit[formats]'\n")
