import pathlib
import os
import subprocess
import sys
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def rules():
    from budgetaudit.ruleset import load_rules

    return load_rules()


def seed(name_prefix: str) -> pathlib.Path:
    """A real disclosure from ../shared/seeds; the test is skipped where the folder is absent."""
    matches = sorted(SEEDS.glob(f"{name_prefix}*.txt")) if SEEDS.is_dir() else []
    if not matches:
        pytest.skip("../shared/seeds is not present")
    return matches[0]


def check_text(text: str, rules, lang: str = "zh"):
    from budgetaudit import engine, source

    document = engine.read_document(source.Source("example.txt", text))
    return engine.check_document(document, rules, lang)


DISCLOSURE_HEAD = "2024年度部门决算公开说明\n"


def flagged(text, rules, head=DISCLOSURE_HEAD):
    """(code, questioned figure) of every error and warning, completeness left out."""
    report = check_text(head + text, rules)
    # Each failed relation, those a root finding explains included (tests/test_rootcause.py holds the grouping).
    return sorted((f.code, f.locations[0].span.text) for root in report.findings for f in root.failed()
                  if f.severity in ("error", "warning") and not f.code.startswith("CMP"))


def run_cli(*args, cwd=None, stdin=None, env=None, timeout=180):
    """`python -m budgetaudit ARGS`, run outside the checkout (so it is the installed package with its
    rule files), with its output captured."""
    if env is None:
        # The language follows LC_ALL/LC_MESSAGES/LANG: the tests speak the default (Chinese) unless they say.
        env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "budgetaudit", *args], input=stdin, capture_output=True,
        cwd=cwd or tempfile.gettempdir(), env=env, timeout=timeout,
    )
