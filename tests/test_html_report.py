"""The html report (issue #17): one self-contained page per run, parsed with lxml, then opened and printed by
headless Chromium (skipped with a reason where no Chromium can be had; .ci/run installs it)."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tracemalloc
import unicodedata

import pytest
from lxml import html as lxml_html

from conftest import ROOT, run_cli, seed

EXAMPLES = ROOT / "examples"
OUTCOMES = ("unchecked", "consistent", "info", "warning", "error")  # worst last
HOSTILE = ("某市清川区测试局2025年部门预算情况说明\n一、收支总体情况\n2025年支出合计100.00万元<script>alert(1)</script>，"
           "其中：基本支出60.00万元，项目支出50.00万元。<img src=\"http://evil.example/x.png\">"
           "<a href=\"https://evil.example/\">x</a> <style>body{background:url(http://evil.example/y)}</style>"
           "\u202e反转\x1b[8m\n")

TABLE = ("某市清川区测试局2025年部门预算情况说明\n一、收支总体情况\n2025年支出合计110.00万元，其中：基本支出60.00万元，"
         "项目支出50.00万元。\n附件1 某市清川区测试局部门支出总表\n单位：万元\n| 科目名称 | 合计 | 基本支出 | 项目支出 |\n"
         "| --- | --- | --- | --- |\n| 一般公共服务支出 | 70.00 | 40.00 | 30.00 |\n| 教育支出 | 40.00 | 20.00 | 20.00 |\n"
         "| 合计 | 100.00 | 60.00 | 50.00 |\n")


def html_of(*args, lang: str = "zh") -> bytes:
    result = run_cli("check", "-f", "html", "--lang", lang, *map(str, args))
    assert result.returncode in (0, 1), result.stderr.decode()
    return result.stdout


def json_of(*args) -> dict:
    return json.loads(run_cli("check", "-f", "json", *map(str, args)).stdout)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def assert_self_contained(tree) -> None:
    """Nothing the page names lies outside it: every src/href is #… or data:, no url() elsewhere, and the CSP
    lets nothing load."""
    csp = tree.xpath('//meta[@http-equiv="Content-Security-Policy"]/@content')
    assert csp and "default-src 'none'" in csp[0] and "style-src 'unsafe-inline'" in csp[0]
    assert not tree.xpath("//script | //link | //iframe | //object | //embed | //base | //img | //form")
    for element in tree.iter():
        if isinstance(element.tag, str):
            for name in ("src", "href", "srcset", "action", "data", "poster"):
                value = element.get(name)
                assert value is None or value.startswith(("#", "data:")), (element.tag, name, value)
    styles = " ".join(tree.xpath("//style/text() | //@style"))
    assert "@import" not in styles
    assert all(url.startswith(("#", "data:")) for url in re.findall(r"url\(\s*['\"]?([^)'\"\s]*)", styles))


def assert_links(tree, report: dict, index: int = 0) -> None:
    """Every in-page link resolves: a figure's or cell's element holds the printed text of a figure of the
    finding (or unchecked relation) that links to it and its outcome; a finding links to its figures and each
    figure back to it; every questioned figure is marked at least as badly as its finding says."""
    ids = tree.xpath("//@id")
    assert len(ids) == len(set(ids))
    by_id = {element.get("id"): element for element in tree.xpath("//*[@id]")}
    for link in tree.xpath("//a[@href]"):
        assert link.get("href")[1:] in by_id, link.get("href")
    findings = report["findings"]
    assert len(tree.xpath(f'//li[@class][starts-with(@id, "f-{index}-")]')) == len(findings)
    lists = [(f"f-{index}-{k}", [f, *f.get("consequences", [])]) for k, f in enumerate(findings, 1)]
    lists += [(f"u-{index}-{k}", [u]) for k, u in enumerate(report["unchecked"], 1)]
    for item_id, items in lists:
        item = by_id[item_id]
        texts = {squash(loc["text"]) for i in items for loc in i["locations"]}
        links = item.xpath('.//a[starts-with(@href, "#fig-") or starts-with(@href, "#cell-")]')
        assert links or not any(i["locations"] for i in items) or not item_id.startswith("f")
        for link in links:
            target = by_id[link.get("href")[1:]]
            assert squash(target.text_content()) in texts and target.get("data-outcome") in OUTCOMES
            back = target.getnext()
            assert back is not None and f"#{item_id}" in back.xpath("./a/@href")  # and back again
    for k, finding in enumerate(findings, 1):
        if finding["locations"] and not finding["code"].startswith("CMP"):
            loc = finding["locations"][0]
            mark = by_id[f"fig-{index}-{loc['line']}-{loc['column']}"]
            assert "q" in mark.get("class").split() and squash(mark.text_content()) == squash(loc["text"])
            assert OUTCOMES.index(mark.get("data-outcome")) >= OUTCOMES.index(finding["severity"])


def test_every_link_resolves_and_every_flagged_figure_is_marked_on_the_examples(tmp_path):
    for name in ("budget_mistakes.txt", "final_account_mistakes.txt", "budget_clean.txt"):
        data = html_of(EXAMPLES / name)
        tree = lxml_html.document_fromstring(data)
        assert_self_contained(tree)
        assert_links(tree, json_of(EXAMPLES / name)["files"][0])
        assert tree.xpath('//pre[@class="src"]//span[@data-outcome="consistent"]')
        assert tree.xpath('//section[contains(@class, "tables")]//td/span[@data-outcome]')
    # A rebuilt table's questioned cell is marked and linked from its finding, and back.
    (tmp_path / "table.txt").write_text(TABLE, encoding="utf-8")
    tree = lxml_html.document_fromstring(html_of(tmp_path / "table.txt"))
    assert_links(tree, json_of(tmp_path / "table.txt")["files"][0])
    cells = tree.xpath('//td/span[contains(@class, " q")]')
    assert [c.text for c in cells] == ["100.00"] and cells[0].get("data-outcome") == "error"
    assert tree.xpath(f'//li[@id="f-0-3"]//a[@href="#{cells[0].get("id")}"]')
    assert cells[0].getnext().xpath("./a/@href") == ["#f-0-3"]


def test_every_consistent_relation_marks_its_figures(rules):
    from budgetaudit.formats.html import render
    from budgetaudit.run import Result, check_path

    report = check_path(str(EXAMPLES / "budget_clean.txt"), rules, view=True)
    tree = lxml_html.document_fromstring(render(Result(files=[report])))
    marked = {(int(m.get("id").split("-")[2]), int(m.get("id").split("-")[3])): m
              for m in tree.xpath('//pre//span[starts-with(@id, "fig-")]')}
    places = {(line, column): text for line, column, _, _, text in report.view.consistent}
    assert len(places) > 200 and set(places) <= set(marked)
    assert all(squash(marked[key].text_content()) == squash(text) for key, text in places.items())
    # The default check keeps no view: the cost is the html format's alone. Without one (library use) the page
    # says so and links nothing that is not there; an unreadable file is named with its reason.
    from budgetaudit.report import FileReport

    plain = check_path(str(EXAMPLES / "budget_mistakes.txt"), rules)
    assert plain.view is None
    page = render(Result(files=[plain, FileReport("gone.txt", error="没有此文件")]))
    tree = lxml_html.document_fromstring(page)
    assert not tree.xpath('//*[starts-with(@id, "fig-")]') and tree.xpath('//li[@id="f-0-1"]')
    ids = set(tree.xpath("//@id"))
    assert all(href[1:] in ids for href in tree.xpath("//a/@href"))
    assert "gone.txt" in tree.xpath('//article[@id="file-1"]')[0].text_content() and "没有此文件" in page


def test_the_disclosure_is_escaped_and_shown_as_written(tmp_path):
    source = tmp_path / "hostile.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    data = html_of(source)
    tree = lxml_html.document_fromstring(data)
    assert_self_contained(tree)
    assert_links(tree, json_of(source)["files"][0])
    text = tree.xpath('//pre[@class="src"]')[0].text_content()
    assert '<script>alert(1)</script>' in text and 'src="http://evil.example/x.png"' in text
    assert "\u202e" not in data.decode() and "\\u202e反转\\x1b[8m" in text  # a bidi override shown, not obeyed


def test_several_inputs_make_one_page_with_an_index_the_same_bytes_in_parallel(tmp_path):
    for name in ("budget_mistakes.txt", "final_account_clean.txt"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    (tmp_path / "notes.txt").write_text("没有数字的说明。\n", encoding="utf-8")
    serial = html_of(tmp_path)
    assert serial == html_of(tmp_path, "-j", "2") == html_of(tmp_path)
    tree = lxml_html.document_fromstring(serial)
    assert_self_contained(tree)
    report = json_of(tmp_path)
    for index, entry in enumerate(report["files"]):
        assert_links(tree, entry, index)
    index_links = tree.xpath('//nav[@id="index"]//a/@href')
    assert index_links == ["#file-0", "#file-1"] and len(tree.xpath("//article")) == 2
    assert "notes.txt" in tree.xpath('//nav[@id="index"]')[0].text_content()  # skipped, and said so
    # Written into the folder, the page is known as a report of ours and skipped by the next walk.
    (tmp_path / "report.html").write_bytes(serial)
    again = json_of(tmp_path)
    assert [f["path"] for f in again["files"]] == [f["path"] for f in report["files"]]
    assert [s["path"] for s in again["skipped"]] == [str(tmp_path / "notes.txt"), str(tmp_path / "report.html")]


def test_html_beside_another_report_changes_nothing_else_and_speaks_english(tmp_path):
    name = EXAMPLES / "final_account_mistakes.txt"
    plain = run_cli("check", "--color", "never", str(name))
    both = run_cli("check", "--color", "never", "-o", f"html={tmp_path / 'r.html'}", str(name))
    assert both.stdout == plain.stdout and both.returncode == plain.returncode
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in page and "摘要" in page and '<pre class="src">' in page
    english = html_of(name, lang="en").decode()
    assert '<html lang="en">' in english and "Summary" in english and "摘要" not in english


def test_a_docx_disclosure_shows_its_composed_text_and_tables(tmp_path):
    from fixtures_formats import write_docx

    path = tmp_path / "budget.docx"
    write_docx([("p", "某市清川区测试局2025年部门预算情况说明"), ("p", "一、收支总体情况"),
                ("p", "2025年支出合计100.00万元，其中：基本支出60.00万元，项目支出50.00万元。")], path)
    tree = lxml_html.document_fromstring(html_of(path))
    assert_links(tree, json_of(path)["files"][0])
    assert tree.xpath('//pre//span[contains(@class, " q")][@data-outcome="error"]/text()') == ["100.00万元"]


def test_the_writer_spools_each_file_instead_of_keeping_it(rules):
    """A large batch keeps no document's text: what the writer holds stays small however many files pass."""
    from budgetaudit.formats.html import Writer
    from budgetaudit.run import Totals, check_path

    report = check_path(str(EXAMPLES / "budget_mistakes.txt"), rules, view=True)
    writer = Writer()
    written = len(writer.start())
    tracemalloc.start()
    try:
        for _ in range(60):
            writer.file(report)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    for piece in writer.end(Totals(files=60)):
        written += len(piece.encode())
    writer.close()
    assert written > 8 * 2**20 and held < 2 * 2**20, (written, held)


# --------------------------------------------------------------------------- in a browser


def chromium() -> str:
    for name in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless Chromium: apt-get install chromium-headless-shell fonts-noto-cjk (.ci/run does)")


def artifacts():
    folder = os.environ.get("BUDGETAUDIT_TEST_ARTIFACTS") or str(ROOT / "test-artifacts")
    os.makedirs(folder, exist_ok=True)
    return folder


def browse(page, tmp_path, *flags: str) -> str:
    """Open a page in headless Chromium with every host name unresolvable (nothing can be fetched)."""
    command = [chromium(), "--headless", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
               f"--user-data-dir={tmp_path / 'profile'}", "--host-resolver-rules=MAP * ~NOTFOUND", *flags, page.as_uri()]
    if os.geteuid() == 0:
        command.insert(1, "--no-sandbox")
    result = subprocess.run(command, capture_output=True, timeout=180)
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    return result.stdout.decode()


def pdf_pages(path) -> list[str]:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(path) as pdf:
        return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in pdf.pages]


def needs_cjk_font() -> None:
    listed = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True) if shutil.which("fc-list") else None
    if listed is None or not listed.stdout.strip():
        pytest.skip("no Chinese font for Chromium: apt-get install fonts-noto-cjk (.ci/run does)")


def test_seed_003_in_chromium_every_finding_reachable_every_flagged_figure_marked(tmp_path):
    source = seed("003")
    chromium()
    needs_cjk_font()
    page = tmp_path / "seed003.html"
    page.write_bytes(html_of(source))
    tree = lxml_html.document_fromstring(page.read_bytes())
    assert_self_contained(tree)  # nothing to fetch; and the browser below could resolve no host if there were
    report = json_of(source)["files"][0]
    assert_links(tree, report)
    dom = lxml_html.document_fromstring(browse(page, tmp_path, "--dump-dom"))
    reachable = set(dom.xpath("//a/@href"))
    assert len(report["findings"]) >= 10
    assert all(f"#f-0-{k}" in reachable for k in range(1, len(report["findings"]) + 1))
    screenshot = os.path.join(artifacts(), "seed003.png")
    browse(page, tmp_path, "--window-size=1280,2400", f"--screenshot={screenshot}")
    assert os.path.getsize(screenshot) > 20_000
    browse(page, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={tmp_path / 'seed003.pdf'}")
    printed = squash("".join(pdf_pages(tmp_path / "seed003.pdf")))
    assert all(squash(f["locations"][0]["text"]) in printed for f in report["findings"] if f["locations"])


def test_printed_each_section_starts_a_page(tmp_path):
    chromium()
    page = tmp_path / "report.html"
    page.write_bytes(html_of(EXAMPLES / "final_account_mistakes.txt", lang="en"))
    browse(page, tmp_path, "--window-size=1280,1600", f"--screenshot={os.path.join(artifacts(), 'final_account_mistakes.png')}")
    browse(page, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={tmp_path / 'report.pdf'}")
    pages = pdf_pages(tmp_path / "report.pdf")
    firsts = [text.strip().splitlines()[0] if text.strip() else "" for text in pages]
    headings = ["Disclosure consistency review", "Findings", "The disclosure (checked figures marked by outcome)",
                "Rebuilt tables", "Relations not checked"]
    starts = [next((k for k, first in enumerate(firsts) if first.startswith(h)), None) for h in headings]
    assert None not in starts and starts == sorted(starts) and len(set(starts)) == len(starts), (firsts, starts)
    report = json_of(EXAMPLES / "final_account_mistakes.txt")["files"][0]
    printed = squash("".join(pages))
    assert all(squash(f["locations"][0]["text"]) in printed for f in report["findings"] if f["locations"])
