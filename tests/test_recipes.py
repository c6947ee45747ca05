"""The CI recipes of docs/ci.md work as pasted: their YAML parses, the install line installs this commit in a
fresh venv (its URL pointed at a local clone tagged as the recipe names), each other `run:` line runs here with
that install as it would in the pipeline (GITHUB_ACTIONS=true and a step summary file for GitHub), and the
reports they write are valid against the schemas kept in docs/schemas/."""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT

from budgetaudit import __version__

yaml = pytest.importorskip("yaml")
jsonschema = pytest.importorskip("jsonschema")

CI_DOC = ROOT / "docs" / "ci.md"
SCHEMAS = ROOT / "docs" / "schemas"


def _recipe(heading: str) -> dict:
    section = CI_DOC.read_text(encoding="utf-8").split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)
    return yaml.safe_load(block)


def _schema(name: str):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def _workspace(tmp_path: Path) -> Path:
    work = tmp_path / "repo"
    (work / "disclosures").mkdir(parents=True)
    for example in ("final_account_mistakes.txt", "budget_clean.txt"):
        shutil.copy(ROOT / "examples" / example, work / "disclosures" / example)
    (work / "disclosures" / "README.md").write_text("# 说明\n\n本文件夹共2个文件。\n", encoding="utf-8")
    return work


def _install_line_names_this_release(line: str, variables: dict | None = None) -> None:
    # The published URL is a placeholder, so the install fixture runs the line against a local clone: this
    # checks the rest. It installs from the repository at this version's tag, pure (fast), with the readers.
    assert "BUDGETAUDIT_PURE=1" in line or str((variables or {}).get("BUDGETAUDIT_PURE")) == "1"
    (spec,) = [word for word in shlex.split(line) if word.startswith("budgetaudit")]
    assert re.fullmatch(r"budgetaudit\[formats\] @ git\+https://\S+/OWNER/budgetaudit(\.git)?@v" + re.escape(__version__), spec)


def _github_install_line() -> str:
    (job,) = _recipe("GitHub Actions")["jobs"].values()
    (line,) = [step["run"] for step in job["steps"] if "pip install" in step.get("run", "")]
    return line


def _pointed_at(line: str, clone: Path) -> str:
    # Only the URL changes (the tag after @ stays). pip 23's requirement parser wants a host in a git+file URL,
    # and git reads file://localhost/path as file:///path.
    local, count = re.subn(r"git\+https://\S+?/OWNER/budgetaudit(\.git)?@", f"git+file://localhost{clone}@", line)
    assert count == 1, line
    return local


# What pip prints when no package index answers (setuptools, mypy and the readers exist on every index).
NO_INDEX = ("(from versions: none)", "Failed to establish a new connection", "Temporary failure in name resolution",
            "Network is unreachable", "ProxyError", "ConnectTimeoutError")


class Install:
    """The recipe's install, run once for the module: `bin_dir` holds the installed budgetaudit, or `why_not` says
    why it could not run here (the recipes' other lines then run with the test interpreter's budgetaudit)."""

    def __init__(self, bin_dir: Path | None = None, why_not: str = "", clone: Path | None = None):
        self.bin_dir, self.why_not, self.clone = bin_dir, why_not, clone


def _git(*args: str, cwd: Path, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=120, input=input)


@pytest.fixture(scope="module")
def install(tmp_path_factory) -> Install:
    # One install serves both recipes: test_gitlab_ci_recipe checks that its line is the same command.
    if shutil.which("git") is None:
        return Install(why_not="git is not installed: the install line cannot be run")
    top = _git("rev-parse", "--show-toplevel", cwd=ROOT)
    if top.returncode or Path(top.stdout.strip()).resolve() != ROOT:
        return Install(why_not=f"{ROOT} is not a git work tree: the install line cannot be run")
    where = tmp_path_factory.mktemp("install")
    clone = where / "budgetaudit.git"
    # The tag goes on ROOT's HEAD (fetched, so a detached HEAD works too), moved with -f if the clone brought an
    # older one: the install gets the code under test, not a past release.
    for args, cwd in ((("clone", "--quiet", "--bare", str(ROOT), str(clone)), where),
                      (("fetch", "--quiet", str(ROOT), "HEAD"), clone),
                      (("-c", "user.name=budgetaudit tests", "-c", "user.email=tests@example.invalid",
                        "-c", "tag.gpgSign=false", "tag", "-f", "-a", f"v{__version__}", "-m", "the commit under test",
                        "FETCH_HEAD"), clone)):
        done = _git(*args, cwd=cwd)
        assert done.returncode == 0, done.stderr
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True, capture_output=True,
                   timeout=300)
    try:
        result = _run(_pointed_at(_github_install_line(), clone), where, _env({}, venv / "bin"), timeout=900)
    except subprocess.TimeoutExpired:
        return Install(why_not="pip install did not finish in 15 minutes (no package index answering?)", clone=clone)
    out = result.stdout.decode(errors="replace") + result.stderr.decode(errors="replace")
    if result.returncode and any(sign in out for sign in NO_INDEX):
        return Install(why_not="pip cannot reach a package index here: the install line was not run", clone=clone)
    assert result.returncode == 0, out
    return Install(bin_dir=venv / "bin", clone=clone)


def _run(line: str, cwd: Path, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, timeout=timeout)


def _env(extra: dict, bin_dir: Path | None = None) -> dict:
    # bin_dir (the install's, else the test interpreter's) comes first on PATH, and nothing points Python at ROOT.
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG", "PYTHONPATH")}
    env["PATH"] = str(bin_dir or Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


def test_install_line_installs_this_commit_pure(install, tmp_path):
    if install.bin_dir is None:
        pytest.skip(install.why_not)
    env = _env({}, install.bin_dir)
    assert shutil.which("budgetaudit", path=env["PATH"]) == str(install.bin_dir / "budgetaudit")
    version = _run("budgetaudit --version", tmp_path, env)
    assert version.stdout.decode().strip() == f"budgetaudit {__version__} (compiled: no)", version.stderr.decode()
    where = _run("python -c 'import budgetaudit, docx, openpyxl, xlrd, lxml, pdfplumber; print(budgetaudit.__file__)'",
                 tmp_path, env)
    package = Path(where.stdout.decode().strip()).parent
    assert package.is_relative_to(install.bin_dir.parent), where.stderr.decode()
    # Every source file is HEAD's, byte for byte (the tag was put on HEAD; the release tag would differ).
    tree = _git("ls-tree", "-r", "HEAD", "--", "budgetaudit", "rules", cwd=ROOT).stdout.splitlines()
    blobs = {path.removeprefix("budgetaudit/") if path.startswith("budgetaudit/") else path: sha
             for _, _, sha, path in (entry.replace("\t", " ").split(" ", 3) for entry in tree)}
    hashed = _git("hash-object", "--stdin-paths", cwd=ROOT, input="\n".join(str(package / p) for p in blobs) + "\n")
    assert dict(zip(blobs, hashed.stdout.split())) == blobs, hashed.stderr


def test_github_actions_recipe(install, tmp_path):
    workflow = _recipe("GitHub Actions")
    permissions = workflow["permissions"]
    assert permissions == {"contents": "read", "security-events": "write", "actions": "read"}
    (job,) = workflow["jobs"].values()
    runs = [step["run"] for step in job["steps"] if "run" in step]
    checks = [line for line in runs if line.startswith("budgetaudit ")]
    assert len(checks) == 1, "one run of the checker"
    upload = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("github/codeql-action/upload-sarif"))
    assert upload["if"] == "always()"
    work = _workspace(tmp_path)
    summary = tmp_path / "step_summary.md"
    env = _env({"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}, install.bin_dir)
    for line in runs:
        if "pip install" in line:  # run by the install fixture
            _install_line_names_this_release(line)
            continue
        result = _run(line, work, env)
        assert result.returncode == 1, result.stderr.decode()  # the planted mistakes fail the job
        annotations = result.stdout.decode().splitlines()
        assert annotations and all(a.startswith("::") for a in annotations)
        for level in ("error", "warning", "notice"):
            assert sum(a.startswith(f"::{level} ") for a in annotations) <= 10
        assert annotations[-1].startswith("::notice title=budgetaudit::")
        assert result.stderr.decode().count("个文件：") == 1  # the summary line, once
    sarif = json.loads((work / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    jsonschema.validate(sarif, _schema("sarif-2.1.0.subset.schema.json"))
    assert sarif["runs"][0]["results"]
    assert summary.read_text(encoding="utf-8").startswith("## budgetaudit\n")


def test_gitlab_ci_recipe(install, tmp_path):
    pipeline = _recipe("GitLab CI")
    (job,) = pipeline.values()
    assert job["artifacts"]["when"] == "always"
    checks = [line for line in job["script"] if line.startswith("budgetaudit ")]
    assert len(checks) == 1
    work = _workspace(tmp_path)
    env = _env({name: str(value).replace("$CI_PROJECT_DIR", str(work)) for name, value in job["variables"].items()},
               install.bin_dir)
    for line in job["script"]:
        if "pip install" in line:
            _install_line_names_this_release(line, job["variables"])
            # The fixture ran the GitHub line: with the URL filled in, this is the same command (the job's
            # variables set BUDGETAUDIT_PURE=1), so that install is this one.
            clone = install.clone or Path("/clone")
            github = shlex.split(_pointed_at(_github_install_line(), clone))
            assert github == ["BUDGETAUDIT_PURE=1", *shlex.split(_pointed_at(line, clone))]
            continue
        result = _run(line, work, env)
        assert result.returncode == 1, result.stderr.decode()
        assert "个文件：" in result.stdout.decode()  # the job log ends with the totals
    reports = job["artifacts"]["reports"]
    quality = json.loads((work / reports["codequality"]).read_text(encoding="utf-8"))
    jsonschema.validate(quality, _schema("gitlab-code-quality.schema.json"))
    assert quality and len({issue["fingerprint"] for issue in quality}) == len(quality)
    suites = ET.parse(work / reports["junit"]).getroot()
    assert suites.tag == "testsuites" and int(suites.get("failures")) >= 1


def test_schemas_catch_what_they_are_for():
    sarif = _schema("sarif-2.1.0.subset.schema.json")
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "A", "helpUri": "docs/rules.md#a"}]}}}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, sarif)
    relative = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [
        {"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.txt"}}}]}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(relative, sarif)
    relative["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] = "%SRCROOT%"
    jsonschema.validate(relative, sarif)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"description": "d", "check_name": "c", "fingerprint": "f", "severity": "error",
                              "location": {"path": "a", "lines": {"begin": 1}}}], _schema("gitlab-code-quality.schema.json"))


def test_sarif_of_standard_input_has_no_relative_uri(tmp_path):
    from conftest import run_cli

    text = (ROOT / "examples" / "final_account_mistakes.txt").read_bytes()
    sarif = json.loads(run_cli("check", "-f", "sarif", "-", stdin=text).stdout)
    jsonschema.validate(sarif, _schema("sarif-2.1.0.subset.schema.json"))
