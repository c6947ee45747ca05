"""Output safety (issue 21): `-o` never replaces an input, a device or a symlink's target, a temporary
file never outlives SIGTERM, budgetaudit's own reports are not read as disclosures, nothing but the
report reaches standard output, and control characters from names and text are shown escaped."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import run_cli
from test_hostile_inputs import DISCLOSURE, one_line_exit_2


@pytest.fixture
def disclosure(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DISCLOSURE, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "baseline"])
def test_output_onto_an_input_is_refused(disclosure, command):
    before = disclosure.read_bytes()
    # The line names the refused -o path (check printed an empty name before it).
    one_line_exit_2(run_cli(command, str(disclosure), "-o", str(disclosure), "--isolated"), "输入之一", f"{disclosure}：")
    assert disclosure.read_bytes() == before


def test_output_onto_an_input_found_by_walking_is_refused(tmp_path, disclosure):
    before = disclosure.read_bytes()
    one_line_exit_2(run_cli("check", str(tmp_path), "-o", str(disclosure), "--isolated"), "输入之一", f"{disclosure}：")
    assert disclosure.read_bytes() == before


def test_output_through_a_symlink_is_refused_and_its_target_kept(tmp_path, disclosure):
    target = tmp_path / "kept.md"
    target.write_text("keep me\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    one_line_exit_2(run_cli("check", str(disclosure), "-o", str(link), "--isolated"), "符号链接", f"{link}：")
    assert target.read_text(encoding="utf-8") == "keep me\n" and link.is_symlink()


def test_output_through_a_dangling_symlink_is_refused_and_makes_no_target(tmp_path, disclosure):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")  # written through before: the report made the link's target
    one_line_exit_2(run_cli("check", str(disclosure), "-o", str(link), "--isolated"), "符号链接", f"{link}：")
    assert not (tmp_path / "elsewhere.md").exists() and link.is_symlink()


def test_output_to_dev_null_writes_through_the_device(disclosure):
    before = os.stat("/dev/null")
    result = run_cli("check", str(disclosure), "-o", "/dev/null", "--isolated")
    assert result.returncode == 1 and result.stdout == b"" and b"Traceback" not in result.stderr
    after = os.stat("/dev/null")
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_output_to_dev_stdout_writes_to_standard_output(tmp_path, disclosure):
    result = run_cli("check", str(disclosure), "-o", "/dev/stdout", "--format", "json", "--isolated")
    assert result.returncode == 1 and json.loads(result.stdout)["files"]
    assert not list(tmp_path.glob(".*tmp"))


def test_sigterm_removes_the_temporary_file(tmp_path):
    # Many files make a run long enough to be stopped half-way; the report is written as it goes.
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(400):
        (folder / f"{i:03d}.txt").write_text(DISCLOSURE * 20, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "budgetaudit", "check", str(folder), "-o", str(out / "r.txt"),
                                "--isolated"], cwd=tmp_path, stderr=subprocess.PIPE, stdout=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(out.iterdir()) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err
    if process.returncode == 1:  # finished before the signal: the report is in place
        assert [p.name for p in out.iterdir()] == ["r.txt"]
    else:
        assert process.returncode in (143, -signal.SIGTERM) and list(out.iterdir()) == []


@pytest.mark.parametrize("format", ["text", "concise", "markdown", "github"])
def test_a_report_written_into_the_folder_is_skipped_by_the_next_walk(tmp_path, disclosure, format):
    report = tmp_path / f"report-{format}.md"
    assert run_cli("check", str(disclosure), "-f", format, "-o", str(report), "--isolated").returncode == 1
    result = run_cli("check", str(tmp_path), "-f", "json", "--isolated")
    data = json.loads(result.stdout)
    assert [os.path.basename(f["path"]) for f in data["files"]] == ["d.txt"]
    assert result.returncode == 1


def test_own_report_patterns_follow_the_formats_words():
    from budgetaudit.own_reports import is_own_report

    assert not is_own_report(DISCLOSURE)
    assert not is_own_report("# 标题\n\n2024年度收入总计1207.84万元。\n1个文件")
    assert is_own_report("x.txt  决算\n1个文件：0个错误，0个警告，0个提示；已核对关系3项，未能核对0项\n")


def test_xlrd_warnings_never_reach_standard_output(tmp_path):
    pytest.importorskip("xlwt")
    from fixtures_formats import write_xls

    path = tmp_path / "t.xls"
    write_xls([("sheet", "收入", [["项目", "金额"], ["收入合计", "100.00"], ["支出合计", "100.00"]])], path)
    data = path.read_bytes()
    truncated = tmp_path / "cut.xls"
    truncated.write_bytes(data[: len(data) * 3 // 4])
    result = run_cli("check", str(truncated), "-f", "json", "--isolated")
    assert b"Traceback" not in result.stderr
    if result.stdout:
        json.loads(result.stdout)
    assert truncated.read_bytes() == data[: len(data) * 3 // 4]


# --------------------------------------------------------------------------- escaping


def test_a_file_name_with_a_line_break_stays_one_line_on_standard_error(tmp_path):
    name = "x\n::error file=a.txt::FORGED.txt"
    path = tmp_path / name
    path.write_bytes(b"")
    line = one_line_exit_2(run_cli("check", str(path), "--isolated"), "\\n::error")
    assert "FORGED" in line


def test_escape_shows_every_control_character():
    from budgetaudit.escape import visible

    assert visible("a\nb\x1b[8mc\td\x85e\u2028") == "a\\nb\\x1b[8mc\\td\\x85e\\u2028"
    assert visible("预算 1207.84万元") == "预算 1207.84万元"


@pytest.mark.parametrize("format", ["text", "concise", "markdown", "github"])
def test_terminal_escapes_and_line_breaks_never_reach_a_report(tmp_path, format):
    name = "e\x1b[8mvil\nname.txt"
    path = tmp_path / name
    path.write_text(
        "2024年度某某单位部门决算公开说明\n一、收入支出决算总体情况\n"
        "2024年度收入总计1207.84万元，支出总计1027.84万元\x1b[8m。\x1b[0m\x07\n"
        + "本单位严格执行预算，加强财务管理，厉行节约，提高资金使用效益。\n" * 10, encoding="utf-8")
    before = path.read_bytes()
    result = run_cli("check", str(path), "-f", format, "--isolated", "--color", "never")
    out = result.stdout.decode("utf-8")
    assert result.returncode == 1 and "\x1b" not in out and "\x07" not in out
    assert "vil\nname" not in out and "\\x1b" in out
    if format == "github":
        assert all(line.startswith("::") for line in out.splitlines())
    assert path.read_bytes() == before
