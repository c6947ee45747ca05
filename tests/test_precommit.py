"""The pre-commit hook as a user meets it: `pre-commit try-repo` of this repository on a scratch git repository
holding disclosures and other files (skipped when pre-commit cannot be run here)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")  # pre-commit's own dependency: present wherever pre-commit is

from conftest import ROOT

CLEAN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计492.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"
BROKEN = "2024年度决算公开说明\n1.总体情况。2024年度收入总计492.46万元，支出总计429.46万元。\n2.其他。本说明另述“三公”经费、机关运行经费、政府采购和国有资产情况。\n"


def _pre_commit() -> list[str]:
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pre-commit")
    if found:
        return [found]
    pytest.skip("pre-commit is not installed (it is in the test extra)")


def test_the_hook_manifest_reads_every_format_and_skips_non_disclosures():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["types_or"] == ["text", "binary"] and "types" not in hook
    assert "--skip-non-disclosures" in hook["entry"].split()
    import re

    for name in ("a.txt", "b.MD", "c.docx", "d.xlsx", "e.xls", "f.html", "g.htm", "h.pdf"):
        assert re.search(hook["files"], name), name
    assert not re.search(hook["files"], "setup.py")
    assert any(dep.startswith("python-docx") for dep in hook["additional_dependencies"])


def test_try_repo_passes_clean_disclosures_and_blocks_a_broken_one(tmp_path):
    command = _pre_commit()
    repo = tmp_path / "disclosures-repo"
    repo.mkdir()
    env = {**os.environ, "BUDGETAUDIT_PURE": "1", "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PRE_COMMIT_COLOR": "never"}
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        env.pop(name, None)

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)

    git("init", "-q")
    git("config", "user.name", "test")
    git("config", "user.email", "test@example.invalid")
    git("config", "commit.gpgsign", "false")
    (repo / "2024").mkdir()
    (repo / "2024" / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "README.md").write_text("# 公开文件\n\n本仓库共12个文件，按年度存放。\n", encoding="utf-8")
    from fixtures_formats import write_docx

    write_docx([("p", line) for line in CLEAN.splitlines()], repo / "2024" / "report.docx")
    git("add", "-A")

    def try_repo():
        return subprocess.run(
            [*command, "try-repo", str(ROOT), "budgetaudit", "--verbose"], cwd=repo, capture_output=True,
            env=env, timeout=900,
        )

    passed = try_repo()
    out = passed.stdout.decode(errors="replace") + passed.stderr.decode(errors="replace")
    if passed.returncode != 0 and ("Could not find a version" in out or "No matching distribution" in out
                                    or "Failed to establish a new connection" in out):
        pytest.skip("the hook's environment cannot be installed here (no package index)")
    assert passed.returncode == 0, out
    # The README (a number, no disclosure) passes without a word; the .docx disclosure is read (the hook
    # installs the format readers) and passes with its completeness notes.
    assert "Passed" in out and "README.md:" not in out and "2024/report.docx:1:1: CMP002 [info]" in out
    git("commit", "-q", "-m", "clean")
    (repo / "2024" / "broken.txt").write_text(BROKEN, encoding="utf-8")
    git("add", "-A")
    blocked = try_repo()
    out = blocked.stdout.decode(errors="replace") + blocked.stderr.decode(errors="replace")
    assert blocked.returncode == 1, out
    assert "Failed" in out and "2024/broken.txt:2:31: TOT004 [error]" in out
