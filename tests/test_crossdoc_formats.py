"""Findings across documents (#20) in the formats that write a part per file: junit (a suite of the owner's,
counted in the totals), docx (in the owner's 审核意见, naming the partner), and the per-file rows of the text
summary table and the html index (counted in the owner's row)."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from test_crossdoc import CLEAN, PLANTED, _check, _write


def test_junit_gives_the_owner_a_suite_across_documents_counted_in_the_totals(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    root = ET.fromstring(_check(str(folder), "-f", "junit").stdout)
    owner = str(folder / "d_final_2025.txt")
    names = [s.get("name") for s in root]
    assert names[-2:] == [owner, owner + " [across documents]"]
    across = root[-1]
    cases = across.findall("testcase")
    assert len(cases) == 3 and all(c.get("file") == owner for c in cases)
    assert sum(c.find("failure") is not None for c in cases) == 3
    assert sum("c_budget_2025.txt" in c.get("name") for c in cases) == 2
    assert sum("b_final_2024.txt" in c.get("name") for c in cases) == 1
    assert int(root.get("failures")) == sum(int(s.get("failures")) for s in root) >= 3
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in root)
    clean = ET.fromstring(_check(str(_write(tmp_path / "clean", CLEAN)), "-f", "junit").stdout)
    assert not any(s.get("name").endswith("[across documents]") for s in clean)


def _row(text: str, name: str) -> list[str]:
    """A summary table row: the file, errors, warnings, infos, unchecked."""
    return next(line.split() for line in text.splitlines() if line.split() and line.split()[0].endswith("/" + name)
                and len(line.split()) == 5 and all(n.isdigit() for n in line.split()[1:]))


def test_the_text_summary_and_the_html_index_count_them_in_the_owner_s_row(tmp_path):
    folder = _write(tmp_path / "planted", PLANTED)
    alone = json.loads(_check(str(folder / "d_final_2025.txt"), "-f", "json").stdout)["summary"]["error"]
    text = _check(str(folder)).stdout
    assert int(_row(text, "d_final_2025.txt")[1]) == alone + 3
    assert int(_row(text, "c_budget_2025.txt")[1]) == int(_row(text, "b_final_2024.txt")[1]) == 0
    html = _check(str(folder), "-f", "html").stdout
    row = re.search(r"<tr><td><a href=\"#file-3\">[^<]*d_final_2025.txt</a></td>.*?</tr>", html).group(0)
    assert re.findall(r'<td class="n">(\d+)</td>', row)[0] == str(alone + 3)
    total = re.search(r"<tr><th>[^<]*\(4\)</th>.*?</tr>", html).group(0)
    assert re.findall(r'<th class="n">(\d+)</th>', total)[0] == str(json.loads(
        _check(str(folder), "-f", "json").stdout)["summary"]["error"])


def test_docx_puts_them_in_the_owner_s_memo_naming_the_partner(tmp_path):
    docx = pytest.importorskip("docx")
    folder = _write(tmp_path / "planted", PLANTED)
    out = tmp_path / "memos"
    assert _check(str(folder), "-f", "docx", "-o", str(out) + "/").exit_code == 1
    memo = docx.Document(str(out / "d_final_2025.docx"))
    rows = [[cell.text for cell in row.cells] for row in memo.tables[0].rows[1:]]
    across = [row for row in rows if row[5].startswith("CRD")]
    assert len(across) == 3
    assert sum("c_budget_2025.txt（2025年预算）" in row[1] for row in across) == 2
    assert sum("b_final_2024.txt（2024年决算）" in row[1] for row in across) == 1
    budget = docx.Document(str(out / "c_budget_2025.docx")).tables[0]
    assert not any(row.cells[5].text.startswith("CRD") for row in budget.rows)
    first = (out / "d_final_2025.docx").read_bytes()
    assert _check(str(folder), "-f", "docx", "-o", str(out) + "/", "-j", "2").exit_code == 1
    assert (out / "d_final_2025.docx").read_bytes() == first


def test_a_baseline_keeps_the_owner_s_own_findings_beside_those_across_documents(tmp_path):
    from typer.testing import CliRunner

    from budgetaudit.cli import app

    folder = _write(tmp_path / "planted", PLANTED)
    base = tmp_path / "base.json"
    written = CliRunner().invoke(app, ["baseline", "--isolated", str(folder), "-o", str(base)])
    assert "4个文件" in written.stderr + written.stdout
    owner = json.loads(base.read_text("utf-8"))["files"]["planted/d_final_2025.txt"]
    assert sum(e["code"].startswith("CRD") for e in owner) == 3 and any(not e["code"].startswith("CRD") for e in owner)
    data = json.loads(_check(str(folder), "-f", "json", "--baseline", str(base)).stdout)
    assert data["cross_document"] == [] and sum(data["summary"][k] for k in ("error", "warning", "info")) == 0
