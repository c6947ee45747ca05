"""Streaming: a run writes each file's part in path order as soon as it is checked and keeps no report
after; serial, parallel and whole-Result rendering give the same bytes in every format."""

import gc
import json
import os
import xml.etree.ElementTree as ET

import pytest

from budgetaudit import run as run_module
from budgetaudit.config import resolve
from budgetaudit.selection import ruleset
from budgetaudit.formats import FORMATS, Options, Output, Spool, pieces, renderer
from budgetaudit.report import FileReport
from budgetaudit.run import Batch, run

BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n"
SHARE = "2024年度决算公开说明\n3.支出情况。2024年度支出合计500.00万元，其中：基本支出100.00万元，占25.00%；项目支出400.00万元，占75.00%。\n"
CLEAN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计492.46万元。\n"


@pytest.fixture
def folder(tmp_path):
    """Folders whose walk order (by path segments) is not the order of their path strings, walked files
    that are skipped, and a configuration with a waiver, a stale one and per-file ignores."""
    texts = [BROKEN, SHARE, CLEAN]
    for index, name in enumerate(["2024/a.txt", "2024/b.md", "2024-old/c.txt", "2024.x/d.txt", "a b/e f.txt"]):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(texts[index % 3], encoding="utf-8")
    (tmp_path / "2024-old" / "notes.md").write_text("# 说明\n没有数字。\n", encoding="utf-8")
    (tmp_path / "2024" / "empty.txt").write_bytes(b"")
    first = json.loads(renderer("json").render(run([str(tmp_path / "2024/a.txt")], _settings(tmp_path), _rules(tmp_path))))
    fingerprint = first["files"][0]["findings"][0]["fingerprint"]
    (tmp_path / "budgetaudit.toml").write_text(
        '[per-file-ignores]\n"2024.x/*.txt" = ["PCT"]\n\n'
        f'[[waivers]]\nfingerprint = "{fingerprint}"\nreason = "r"\npath = "2024/a.txt"\n\n'
        '[[waivers]]\nfingerprint = "0123456789abcdef"\nreason = "stale"\n',
        encoding="utf-8",
    )
    return tmp_path


def _settings(folder):
    return resolve([str(folder)], cwd=str(folder))


def _rules(folder):
    return ruleset(_settings(folder))


@pytest.fixture
def inside(folder):
    cwd = os.getcwd()
    os.chdir(folder)
    yield folder
    os.chdir(cwd)


def streamed(name: str, jobs: int, options: Options) -> str:
    settings = _settings(os.getcwd())
    batch = Batch(["."], settings, ruleset(settings), jobs)
    return "".join(pieces(renderer(name).Writer(options), batch.reports(), batch.totals))


@pytest.mark.parametrize("name", FORMATS)
def test_serial_parallel_and_whole_result_rendering_give_the_same_bytes(inside, name):
    settings = _settings(inside)
    rules = ruleset(settings)
    options = Options(lang="en", rules=tuple(rules.rules), fail_on="warning", fail_on_unchecked=True)
    whole = renderer(name).render(run(["."], settings, rules), options)
    assert streamed(name, 1, options) == whole
    assert streamed(name, 2, options) == whole
    if name in ("json", "sarif", "gitlab"):  # each part indented as json.dumps prints the whole document
        assert whole == json.dumps(json.loads(whole), ensure_ascii=False, indent=2) + "\n"
    if name == "json":
        data = json.loads(whole)
        assert [e["path"] for e in data["files"]] == ["2024/a.txt", "2024/b.md", "2024-old/c.txt", "2024.x/d.txt", "a b/e f.txt"]
        assert data["waived"] == 1 and [w["fingerprint"] for w in data["stale_waivers"]] == ["0123456789abcdef"]
        assert [s["path"] for s in data["skipped"]] == ["2024/empty.txt", "2024-old/notes.md"]
    if name == "junit":  # suites sorted by path string, skipped files among them
        root = ET.fromstring(whole.encode("utf-8"))
        names = [suite.get("name") for suite in root]
        assert names == sorted(names) and "2024/empty.txt" in names
        assert int(root.get("tests")) == sum(int(suite.get("tests")) for suite in root)
        ET.indent(root)
        assert whole == '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@pytest.mark.parametrize("name", FORMATS)
def test_an_empty_run_streams_like_the_empty_result(name):
    from budgetaudit.run import Result, Totals

    assert "".join(pieces(renderer(name).Writer(Options()), [], Totals())) == renderer(name).render(Result(), Options())


def _alive() -> int:
    """FileReports with findings alive in this process (unreadable ones kept in totals are tiny)."""
    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is FileReport and o.findings)


@pytest.mark.parametrize("jobs", [1, 2])
def test_reports_alive_at_once_stay_bounded_whatever_the_batch(tmp_path, monkeypatch, jobs):
    for index in range(40):
        (tmp_path / f"{index:03d}.txt").write_text([BROKEN, SHARE][index % 2], encoding="utf-8")
    monkeypatch.setattr(run_module, "AHEAD_PER_WORKER", 2)
    settings = resolve([str(tmp_path)], isolated=True, cwd=str(tmp_path))
    batch = Batch([str(tmp_path)], settings, ruleset(settings), jobs)
    before = _alive()
    seen = []

    class Counting(renderer("concise").Writer):
        def file(self, report):
            seen.append(_alive() - before)
            return super().file(report)

    out = "".join(pieces(Counting(Options()), batch.reports(), batch.totals))
    assert len(seen) == 40 and out.count("002.txt:") and batch.totals.files == 40
    # The report being written, plus at most the tasks submitted ahead (2 per worker) done early.
    assert max(seen) <= (1 if jobs == 1 else 1 + 2 * 2)
    assert _alive() == before


def test_parallel_run_submits_a_bounded_number_of_tasks_ahead(tmp_path, monkeypatch, rules):
    from concurrent.futures import ProcessPoolExecutor

    from budgetaudit.inputs import Input

    for index in range(30):
        (tmp_path / f"{index:03d}.txt").write_text(CLEAN, encoding="utf-8")
    submitted = []
    original = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit", lambda self, *a, **k: submitted.append(1) or original(self, *a, **k))
    inputs = [Input(str(tmp_path / f"{index:03d}.txt"), True) for index in range(30)]
    ahead = []
    for count, (item, report) in enumerate(run_module.check_stream(inputs, rules, jobs=2), 1):
        assert report.path == item.path
        ahead.append(len(submitted) - count)
    assert len(submitted) == 30 and max(ahead) <= 2 * run_module.AHEAD_PER_WORKER


def test_a_large_batch_goes_to_workers_in_runs_of_files_a_small_one_file_by_file():
    assert run_module.files_per_task(30, 2) == 1  # every worker busy to the end
    assert run_module.files_per_task(1000, 2) == run_module.MAX_FILES_PER_TASK
    assert run_module.files_per_task(300, 2) == 4
    assert run_module.files_per_task(10**6, 64) == run_module.MAX_FILES_PER_TASK


def test_runs_of_files_keep_path_order_and_bound_what_is_in_flight(tmp_path, monkeypatch, rules):
    from concurrent.futures import ProcessPoolExecutor

    from budgetaudit.inputs import Input

    texts = [BROKEN, SHARE, CLEAN]
    for index in range(31):  # the last run is short
        (tmp_path / f"{index:03d}.txt").write_text(texts[index % 3], encoding="utf-8")
    inputs = [Input(str(tmp_path / f"{index:03d}.txt"), True) for index in range(31)]
    serial = [report.as_dict() for _, report in run_module.check_stream(inputs, rules, jobs=1)]
    monkeypatch.setattr(run_module, "files_per_task", lambda files, workers: 3)
    submitted = []
    original = ProcessPoolExecutor.submit
    monkeypatch.setattr(ProcessPoolExecutor, "submit", lambda self, *a, **k: submitted.append(1) or original(self, *a, **k))
    parallel, ahead = [], []
    for count, (item, report) in enumerate(run_module.check_stream(inputs, rules, jobs=2), 1):
        assert report.path == item.path
        parallel.append(report.as_dict())
        ahead.append(len(submitted) * 3 - count)  # files submitted and not yet yielded
    assert parallel == serial and len(submitted) == 11
    # The rest of the run being yielded, and the runs submitted ahead of it (4 per worker).
    assert max(ahead) == 3 * (2 * run_module.AHEAD_PER_WORKER + 1) - 1


def test_spool_reads_back_parts_in_any_order_across_chunk_boundaries():
    spool = Spool(limit=16)  # on disk after 16 bytes
    parts = ["一二三四五", "ab", "", "六七\n八九十"]
    places = [spool.add(part) for part in parts]
    assert ["".join(spool.read(start, end, chunk=4)) for start, end in reversed(places)] == list(reversed(parts))
    assert "".join(spool.read(chunk=5)) == "".join(parts)
    spool.close()


def test_output_file_is_replaced_only_when_complete(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with Output(str(target)) as out:
            out.write("half of a ")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old" and os.listdir(tmp_path) == ["report.json"]
    with Output(str(target)) as out:
        out.write("new ")
        out.write("report")
    assert target.read_text(encoding="utf-8") == "new report" and os.listdir(tmp_path) == ["report.json"]
