"""Every error and warning line in Chinese by default (issue 18): each failure is made to happen here, its one
line on standard error holds no English word but paths, option names and the names of formats, and with
`--lang en` it is the library's English. Every reason a reader raises is one messages.py puts in Chinese."""

import ast
import io
import os
import re
import zipfile
import zlib

import pytest

from conftest import ROOT, run_cli
from test_hostile_inputs import DISCLOSURE, one_line_exit_2
from test_hostile_readers import shared_strings_edit

# What stays as it is: option names, extensions, quoted names (a zip member, a glob, a key), the names of formats,
# encodings and tools, the optional extra, keys of the settings, fingerprints, units.
_STAYS = re.compile(
    r"--[a-z][a-z-]*|\.[a-z]{2,4}\b|'[^']*'|“[^”]*”|\[tool\.budgetaudit\]|\b[0-9a-f]{8,64}\b|formats|"
    r"\b(?:budgetaudit|PDF|TOML|OCR|UTF|GB18030|GBK|Big5|JSON|Word|Excel|HTML|FIFO|ZIP|MB|files|fingerprint|count)\b"
)


def english_words(line: str, *paths) -> list[str]:
    for path in sorted(map(str, paths), key=len, reverse=True):
        line = line.replace(path, " ")
    return re.findall(r"[A-Za-z]{3,}", _STAYS.sub(" ", line))


def _zip(path, members, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w", method) as out:
        for name, data in members.items():
            out.writestr(name, data)


def _lying_member(path):
    """A deflated member whose stream expands past the size its zip directory declares."""
    from test_hostile_readers import _lying_size

    _zip(path, {"word/document.xml": b" " * 20_000})
    _lying_size(path, "word/document.xml", 5000)


def _xlsx(path, cells, edit=None):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for ref, value in cells.items():
        book.active[ref] = value
    book.save(path)
    if edit:
        from test_hostile_readers import rewrite_zip

        rewrite_zip(path, edit)


def _shared_string_sheet(path):
    """300 cells naming one shared string of 2,000 characters: 600,000 characters of text from a few KB."""
    cells = "".join(f'<row r="{r}"><c r="B{r}" t="s"><v>0</v></c></row>' for r in range(3, 303))
    _xlsx(path, {"A1": "收入", "A2": "1.00"}, shared_strings_edit(cells))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                     "<si><t>" + "支出" * 1000 + "</t></si></sst>")


def _merged_sheet(path):
    def edit(name, data):
        if name.startswith("xl/worksheets/"):
            return data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/>'
                                b"</mergeCells>")
        return data

    _xlsx(path, {"A1": "收入", "Z9000": "1.00"}, edit)


def _flate_pdf(path):
    pytest.importorskip("pdfplumber")
    from test_hostile_readers import _pdf_with_stream

    path.write_bytes(_pdf_with_stream(b" " * 2_000_000))


def _fifo(path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(path)


# name -> (file name, how to build it (None: not made), extra arguments, the English words with --lang en)
INPUTS = {
    "damaged zip": ("z.docx", lambda p: p.write_bytes(b"PK\x03\x04garbage"), (), "damaged zip"),
    "another zip": ("o.zip", lambda p: _zip(p, {"a.txt": "x"}), (), "neither a Word"),
    "member past the limit": ("m.docx", lambda p: _zip(p, {"word/document.xml": b" " * 200_000}),
                              ("--max-bytes", "100000"), "expands to 200,000 bytes"),
    "member lying about its size": ("l.docx", _lying_member, (), "does not expand"),
    "member of bzip2": ("b.docx", lambda p: _zip(p, {"word/document.xml": "x"}, zipfile.ZIP_BZIP2), (),
                        "uses a compression"),
    "damaged docx": ("w.docx", lambda p: _zip(p, {"word/document.xml": "<nope"}), (), "cannot read this Word"),
    "damaged xls": ("g.xls", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), (),
                    "cannot read this Excel"),
    "damaged pdf": ("g.pdf", lambda p: p.write_bytes(b"%PDF-1.4\ngarbage"), (), "cannot open this PDF"),
    "pdf stream past the limit": ("f.pdf", _flate_pdf, ("--max-bytes", "100000"), "compressed stream expands"),
    "text past the limit": ("t.xlsx", _shared_string_sheet, ("--max-bytes", "500000"),
                            "text expands past the 500,000 bytes size limit"),
    "merged cells": ("g.xlsx", _merged_sheet, (), "merged ranges covering"),
    "larger than the limit": ("d.txt", lambda p: p.write_text(DISCLOSURE, encoding="utf-8"), ("--max-bytes", "10"),
                              "larger than the 10 bytes"),
    "empty": ("e.txt", lambda p: p.write_bytes(b""), (), "empty file"),
    "binary": ("b.txt", lambda p: p.write_bytes(bytes(range(256)) * 4), (), "binary file"),
    "no figures": ("n.txt", lambda p: p.write_text("只有文字", encoding="utf-8"), (), "no figures"),
    "no such file": ("none.txt", None, (), "no such file"),
    "fifo": ("pipe.txt", _fifo, (), "not a regular file (a FIFO)"),
}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_an_unreadable_input_is_named_in_chinese_by_default_and_in_english_on_request(tmp_path, name):
    file, build, args, words = INPUTS[name]
    path = tmp_path / file
    if build:
        build(path)
    line = one_line_exit_2(run_cli("check", str(path), "--isolated", *args, timeout=60), str(path))
    assert english_words(line, path) == [], line
    one_line_exit_2(run_cli("check", str(path), "--isolated", "--lang", "en", *args, timeout=60), words)


@pytest.fixture
def disclosure(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DISCLOSURE, encoding="utf-8")
    return path


def _settings_cases(tmp_path, disclosure):
    """name -> (arguments, the English words with --lang en), the files they name made in tmp_path."""
    (tmp_path / "folder").mkdir()
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
    (tmp_path / "broken.toml").write_text("select = \n", encoding="utf-8")
    (tmp_path / "long.toml").write_text("fail-on = " + "9" * 5000 + "\n", encoding="utf-8")
    (tmp_path / "waiver.toml").write_text('[[waivers]]\nfingerprint = "0123456789abcdef"\nreason = "x"\npath = "[z-a]"\n',
                                          encoding="utf-8")
    (tmp_path / "files.json").write_text('{"budgetaudit_baseline": 2, "files": []}', encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "bad.json").write_text("[1", encoding="utf-8")
    cases = {
        "reversed range": (("--exclude", "[z-a]"), "bad glob '[z-a]': reversed range"),
        "reversed range in a waiver": (("--config", "waiver.toml"), "reversed range"),
        "pyproject without our table": (("--config", "pyproject.toml"), "no [tool.budgetaudit] table"),
        "invalid TOML": (("--config", "broken.toml"), "Invalid value (at line 1"),
        "long integer": (("--config", "long.toml"), "Exceeds the limit"),
        "baseline files": (("--isolated", "--baseline", "files.json"), "'files' must be an object"),
        "baseline nested": (("--isolated", "--baseline", "deep.json"), "values nested too deeply"),
        "baseline not JSON": (("--isolated", "--baseline", "bad.json"), "Expecting ',' delimiter"),
        "output onto an input": (("--isolated", "-o", str(disclosure)), "one of the inputs"),
        "output onto a folder": (("--isolated", "-o", "folder"), "is a directory"),
        "baseline of a device": (("--isolated", "--baseline", "/dev/zero"), "not a regular file (a device)"),
    }
    try:
        (tmp_path / "link.txt").symlink_to(tmp_path / "pyproject.toml")
        cases["output onto a link"] = (("--isolated", "-o", "link.txt"), "is a symbolic link")
    except OSError:
        pass
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.toml")
        cases["configuration of a FIFO"] = (("--config", "pipe.toml"), "not a regular file (a FIFO)")
    return cases


def test_settings_and_output_refusals_are_chinese_by_default_and_english_on_request(tmp_path, disclosure):
    for name, (args, words) in _settings_cases(tmp_path, disclosure).items():
        result = run_cli("check", "d.txt", *args, cwd=tmp_path, timeout=60)
        assert result.returncode == 2, name
        zh = one_line_exit_2(result)
        assert english_words(zh, *args) == [], (name, zh)
        en = one_line_exit_2(run_cli("check", "d.txt", "--lang", "en", *args, cwd=tmp_path, timeout=60), words)
        assert "错误" not in en, (name, en)


def test_a_folder_with_nothing_to_check_is_warned_of_in_chinese(tmp_path):
    (tmp_path / "empty").mkdir()
    for env, lang in (({"PATH": os.environ["PATH"], "LANG": "C"}, ()), (None, ()), (None, ("--lang", "en"))):
        result = run_cli("check", "empty", "--isolated", *lang, cwd=tmp_path, env=env)
        (line,) = result.stderr.decode().splitlines()
        assert result.returncode == 0
        if lang:
            assert line.startswith("budgetaudit: warning: empty: no files matching *.txt"), line
        else:
            assert line.startswith("budgetaudit: 警告：empty：没有符合 *.txt") and english_words(line, "empty") == [], line


def test_waive_without_a_reason_is_chinese(tmp_path):
    line = one_line_exit_2(run_cli("waive", "0123456789abcdef", "--reason", " ", cwd=tmp_path))
    assert line == "budgetaudit: 错误：--reason 不能为空"


def _reasons(path) -> list[str]:
    """The reasons a reader raises in one source file: each literal (an f-string's values as 7) given to
    InputError or NotADisclosure, or kept to raise later (`self.exceeded = f"…"`)."""
    def text(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            return "".join(part.value if isinstance(part, ast.Constant) else "7" for part in node.values)
        return None

    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("InputError", "NotADisclosure"):
            out += [t for t in map(text, node.args[:1]) if t is not None]
        elif isinstance(node, ast.Assign) and any(getattr(t, "attr", None) == "exceeded" for t in node.targets):
            out += [t for t in [text(node.value)] if t]
    return out


def test_every_reason_a_reader_raises_is_put_in_chinese():
    from budgetaudit.messages import input_error

    files = sorted((ROOT / "budgetaudit" / "readers").glob("*.py")) + [ROOT / "budgetaudit" / "source.py"]
    reasons = [reason for path in files for reason in _reasons(path)]
    assert len(reasons) > 20 and any("expands past" in r for r in reasons)
    for reason in reasons:
        shown = input_error(reason, "zh")
        assert shown != reason and english_words(shown) == [], (reason, shown)
        assert input_error(reason, "en") == reason


def test_operating_system_reasons_are_put_in_chinese():
    import errno

    from budgetaudit.messages import config_error, reason

    assert reason(os.strerror(errno.EACCES), "zh") == "权限不足"
    assert reason(f"[Errno {errno.ENOSPC}] {os.strerror(errno.ENOSPC)}: 'x.json'", "zh") == "设备上没有剩余空间"
    assert config_error(f"c.toml: cannot read: [Errno {errno.EACCES}] {os.strerror(errno.EACCES)}: 'c.toml'", "zh") \
        == "c.toml：无法读取：权限不足"
    assert config_error(f"c.toml: {os.strerror(errno.EROFS)}", "zh") == "c.toml：只读文件系统"
    assert reason("an unknown reason", "zh") == "an unknown reason"
