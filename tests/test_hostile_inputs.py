"""Hostile inputs, round two (issue 21): configuration, rule files, baselines, globs, size limits, FIFOs
and dead workers each end in one line on standard error and exit 2, never a traceback, and leave the
input as it was. Every file is built here."""

import os
import time

import pytest

from conftest import run_cli

DISCLOSURE = (
    "2024年度某某单位部门决算公开说明\n"
    "一、收入支出决算总体情况\n"
    "2024年度收入总计1207.84万元，支出总计1027.84万元。\n"
)


def one_line_exit_2(result, *words):
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def disclosure(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DISCLOSURE, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- configuration

CONFIGS = {
    "long integer": "fail-on = " + "9" * 5000 + "\n",
    "deep arrays": "select = " + "[" * 5000 + "]" * 5000 + "\n",
    "reversed range in include": 'include = ["[z-a].txt"]\n',
    "reversed range in exclude": 'exclude = ["[z-a]"]\n',
    "reversed range in per-file-ignores": '[per-file-ignores]\n"[z-a]/*.txt" = ["TOT"]\n',
    "reversed range in a waiver path": '[[waivers]]\nfingerprint = "0123456789abcdef"\nreason = "x"\npath = "[z-a]"\n',
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_a_malformed_configuration_is_one_line(tmp_path, disclosure, name):
    config = tmp_path / ".budgetaudit.toml"
    config.write_text(CONFIGS[name], encoding="utf-8")
    before = disclosure.read_bytes()
    line = one_line_exit_2(run_cli("check", str(disclosure), cwd=tmp_path), ".budgetaudit.toml")
    assert len(line) < 400
    assert disclosure.read_bytes() == before


def test_an_unrelated_pyproject_found_by_discovery_is_ignored_or_one_line(tmp_path, disclosure):
    # A pyproject.toml that tomllib cannot read is not a configuration of budgetaudit: it is passed over.
    (tmp_path / "pyproject.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    result = run_cli("check", str(disclosure), cwd=tmp_path)
    assert result.returncode == 1 and b"Traceback" not in result.stderr


def test_a_broken_pyproject_with_our_table_is_one_line_not_passed_over(tmp_path, disclosure):
    (tmp_path / "pyproject.toml").write_text("[tool.budgetaudit]\nselect = " + "[" * 5000 + "]" * 5000 + "\n",
                                             encoding="utf-8")
    one_line_exit_2(run_cli("check", str(disclosure), cwd=tmp_path), "pyproject.toml", "TOML")


@pytest.mark.parametrize("option", ["--exclude", "--include"])
def test_a_reversed_range_on_the_command_line_is_one_line(tmp_path, disclosure, option):
    one_line_exit_2(run_cli("check", str(tmp_path), option, "[z-a]", "--isolated", cwd=tmp_path), option, "[z-a]")


def test_a_backtracking_glob_is_matched_in_linear_time(tmp_path):
    from budgetaudit.globs import compile_glob

    glob = "*a*a*a*a*a*a*a*a*a*a*a*a*c.txt"
    name = "a" * 60 + ".txt"
    started = time.process_time()
    assert not compile_glob(glob).match(name)
    assert compile_glob(glob).match("a" * 60 + "c.txt")
    assert time.process_time() - started < 0.5
    (tmp_path / name).write_text(DISCLOSURE, encoding="utf-8")
    started = time.monotonic()
    result = run_cli("check", str(tmp_path), "--include", glob, "--isolated", cwd=tmp_path)
    assert time.monotonic() - started < 20
    assert b"Traceback" not in result.stderr and "没有符合" in result.stderr.decode()
    config = tmp_path / ".budgetaudit.toml"
    config.write_text(f'exclude = ["{glob}"]\n', encoding="utf-8")
    result = run_cli("check", str(tmp_path), cwd=tmp_path)
    assert time.monotonic() - started < 20 and result.returncode == 1


GLOB_CASES = [
    ("*.txt", "a.txt", True), ("*.txt", "a/b.txt", False), ("**/*.txt", "a/b/c.txt", True), ("**/*.txt", "c.txt", True),
    ("a/**", "a/b/c", True), ("[!a]*", "b.txt", True), ("[!a]*", "a.txt", False), ("[a-c]?x", "bqx", True),
    ("*a*b*c*", "xaybzc", True), ("*a*b*c*", "xaybz", False), ("*a*b*c*", "xa/b/c", False), ("**a**b**c", "x/a/b/c", True),
    ("*a*a*a*.txt", "aaa.txt", True), ("*a*a*a*.txt", "aa.txt", False), ("[!]*x*y*z", "qxyz", True), ("**/x*y*z", "p/q/xyz", True),
]


@pytest.mark.parametrize("glob,text,expected", GLOB_CASES)
def test_globs_match_as_documented(glob, text, expected):
    from budgetaudit.globs import Glob, _regex, _tokens

    assert Glob(glob).match(text) is expected
    # The position-set walk and the regular expression agree, whichever is used.
    assert (_regex(_tokens(glob)).match(text) is not None) is expected


# --------------------------------------------------------------------------- rule files

RULE = '''[[rule]]
code = "TOT901"
name = "my-rule"
kind = "share"
severity = "error"
summary = {zh = "x", en = "x"}
message = {zh = "x", en = "x"}
description = "x"
'''
RULE_FILES = {
    "rule is a string": 'rule = "x"\n',
    "rule is a table": '[rule]\ncode = "TOT901"\n',
    "kind is a list": RULE.replace('kind = "share"', 'kind = ["share"]'),
    "message is an integer": RULE.replace('message = {zh = "x", en = "x"}', "message = {zh = 1, en = 2}"),
    "aliases nested": RULE + "aliases = [[1]]\n",
    "examples of numbers": RULE + "examples = [5]\n",
    "code is an integer": RULE.replace('code = "TOT901"', "code = 901"),
    "of is not a choice": RULE.replace('kind = "share"', 'kind = "agree"') + 'params = {of = "nope"}\n',
    "evaluation check unknown": RULE.replace('kind = "share"', 'kind = "evaluation"') + 'params = {check = "nope"}\n',
    "check is a dunder": RULE.replace('kind = "share"', 'kind = "change"') + 'params = {check = "__class__"}\n',
    "long integer": RULE + "rationale = " + "7" * 5000 + "\n",
    "deep arrays": RULE + "aliases = " + "[" * 5000 + "]" * 5000 + "\n",
}


@pytest.mark.parametrize("name", sorted(RULE_FILES))
def test_a_rule_file_of_the_wrong_structure_is_one_line(tmp_path, disclosure, name):
    rules = tmp_path / "myrules"
    rules.mkdir()
    (rules / "mine.toml").write_text(RULE_FILES[name], encoding="utf-8")
    (tmp_path / ".budgetaudit.toml").write_text('rules-dirs = ["myrules"]\n', encoding="utf-8")
    before = disclosure.read_bytes()
    one_line_exit_2(run_cli("check", str(disclosure), cwd=tmp_path), "mine.toml")
    assert disclosure.read_bytes() == before


def test_parameter_choices_are_the_ones_each_kind_dispatches_on(rules):
    from budgetaudit.kinds import CHOICES, KINDS

    for (kind, param), values in CHOICES.items():
        assert param in KINDS[kind].PARAMS
    for rule in rules.rules:
        for param, value in rule.params.items():
            allowed = CHOICES.get((rule.kind, param)) or (KINDS[rule.kind].CHECKS if param == "check" and rule.kind == "evaluation" else None)
            assert allowed is None or value in allowed


# --------------------------------------------------------------------------- baselines


@pytest.mark.parametrize("body", [
    '{"budgetaudit_baseline": 1, "files": {"d.txt": [{"fingerprint": "ab", "count": ' + "9" * 5000 + "}]}}",
    "[" * 100_000 + "]" * 100_000,
])
def test_a_hostile_baseline_is_one_line(tmp_path, disclosure, body):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(body, encoding="utf-8")
    one_line_exit_2(run_cli("check", str(disclosure), "--baseline", str(baseline), "--isolated", cwd=tmp_path),
                    "baseline.json")


def test_many_waivers_load_and_apply_in_linear_time(tmp_path):
    from budgetaudit.baseline import Waivers
    from budgetaudit.config import load_file
    from budgetaudit.report import FileReport

    def timed(n):
        config = tmp_path / f"w{n}.toml"
        config.write_text("".join(
            f'[[waivers]]\nfingerprint = "{i:016x}"\nreason = "accepted"\npath = "*.txt"\n' for i in range(n)),
            encoding="utf-8")
        started = time.process_time()
        settings = load_file(config)
        Waivers(settings.waivers, str(tmp_path)).apply(FileReport(str(tmp_path / "d.txt")))
        return time.process_time() - started, settings

    small, _ = timed(2000)
    large, settings = timed(8000)
    assert len(settings.waivers) == 8000 and settings.waivers[-1].origin.endswith(f":{4 * 7999 + 1}")
    assert large < max(8 * small, 1.0)  # 4× the waivers: linear, with room for a noisy machine


# --------------------------------------------------------------------------- sizes, FIFOs, workers


def test_max_bytes_at_the_largest_integer_reads_the_file(disclosure):
    result = run_cli("check", str(disclosure), "--max-bytes", "9223372036854775807")
    assert result.returncode == 1 and b"Traceback" not in result.stderr


def test_max_bytes_still_refuses_a_larger_file(disclosure):
    one_line_exit_2(run_cli("check", str(disclosure), "--max-bytes", "10"), "大小上限")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_on_the_command_line_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    one_line_exit_2(run_cli("check", str(fifo), timeout=30), "pipe.txt", "FIFO")
    assert time.monotonic() - started < 20
    # A walk passes it over.
    (tmp_path / "d.txt").write_text(DISCLOSURE, encoding="utf-8")
    assert run_cli("check", str(tmp_path), "--isolated", timeout=30).returncode == 1


def test_a_walk_never_follows_a_symlink_out_of_the_tree(tmp_path):
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    (tree / "d.txt").write_text(DISCLOSURE, encoding="utf-8")
    (outside / "secret.txt").write_text(DISCLOSURE, encoding="utf-8")
    try:
        (tree / "file.txt").symlink_to(outside / "secret.txt")
        (tree / "folder").symlink_to(outside, target_is_directory=True)
        (tree / "inside.txt").symlink_to(tree / "d.txt")  # inside the tree: the same file, once
    except OSError:
        pytest.skip("no symbolic links here")
    result = run_cli("check", str(tree), "--isolated", "--list-files", timeout=30)
    assert result.returncode == 0 and result.stdout.decode().splitlines() == [str(tree / "d.txt")]


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="no FIFOs or /dev/zero here")
@pytest.mark.parametrize("option,special", [("--config", "fifo"), ("--config", "/dev/zero"), ("--baseline", "fifo"),
                                            ("--baseline", "/dev/zero"), ("rules-dirs", "fifo")])
def test_a_fifo_or_device_named_as_a_settings_file_is_refused_without_opening_it(tmp_path, disclosure, option, special):
    fifo = tmp_path / ("myrules/mine.toml" if option == "rules-dirs" else "pipe.toml")
    fifo.parent.mkdir(exist_ok=True)
    os.mkfifo(fifo)
    name = str(fifo) if special == "fifo" else special
    if option == "rules-dirs":
        (tmp_path / "c.toml").write_text('rules-dirs = ["myrules"]\n', encoding="utf-8")
        args = ("--config", str(tmp_path / "c.toml"))
    else:
        args = (option, name) + (("--isolated",) if option == "--baseline" else ())
    started = time.monotonic()
    one_line_exit_2(run_cli("check", str(disclosure), *args, cwd=tmp_path, timeout=30), os.path.basename(name),
                    "（FIFO）" if special == "fifo" else "（设备）")
    assert time.monotonic() - started < 20


@pytest.mark.parametrize("name", ["long integer", "deep arrays", "fifo"])
def test_waive_into_a_hostile_configuration_is_one_line(tmp_path, name):
    config = tmp_path / ".budgetaudit.toml"
    if name == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(config)
    else:
        config.write_text(CONFIGS[name], encoding="utf-8")
    result = run_cli("waive", "0123456789abcdef0123", "--reason", "x", "--config", str(config), cwd=tmp_path, timeout=30)
    one_line_exit_2(result, ".budgetaudit.toml")
    assert name == "fifo" or config.read_text(encoding="utf-8") == CONFIGS[name]


def _killer(path, ruleset, *args, **kwargs):
    if "kill" in os.path.basename(path):
        os._exit(9)  # as the out-of-memory killer ends a worker
    return _REAL_CHECK_PATH(path, ruleset, *args, **kwargs)


_REAL_CHECK_PATH = None


@pytest.mark.parametrize("per_task", [1, 3])
def test_a_worker_that_dies_is_reported_for_its_files_and_the_rest_still_reported(tmp_path, monkeypatch, rules, per_task):
    import multiprocessing

    from budgetaudit import run
    from budgetaudit.config import Settings

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the test reaches the workers through fork")
    global _REAL_CHECK_PATH
    _REAL_CHECK_PATH = run.check_path
    monkeypatch.setattr(run, "check_path", _killer)
    monkeypatch.setattr(run, "files_per_task", lambda files, workers: per_task)
    names = [f"{i:02d}{'kill' if i == 3 else 'ok'}.txt" for i in range(12)]
    for name in names:
        (tmp_path / name).write_text(DISCLOSURE, encoding="utf-8")
    settings = Settings(root=str(tmp_path))
    batch = run.Batch([str(tmp_path / name) for name in names], settings, rules, jobs=2)
    reports = list(batch.reports())
    assert [os.path.basename(r.path) for r in reports] == names
    dead = [r for r in reports if r.error]
    assert [os.path.basename(r.path) for r in dead] == ["03kill.txt"] and "未完成就停止" in dead[0].error
    assert all(r.findings for r in reports if not r.error)
    assert batch.totals.exit_code("error") == 2
