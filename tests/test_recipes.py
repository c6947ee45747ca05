"""The CI recipes of docs/ci.md work as pasted: their YAML parses, each `run:` line runs here as it would
in the pipeline (GITHUB_ACTIONS=true and a step summary file for GitHub), and the reports they write are valid
against the schemas kept in docs/schemas/."""

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
    # Installing needs the network and the published URL: the line is read, not run. It installs from the
    # repository at this version's tag, pure (fast), with the format readers.
    assert "BUDGETAUDIT_PURE=1" in line or str((variables or {}).get("BUDGETAUDIT_PURE")) == "1"
    (spec,) = [word for word in shlex.split(line) if word.startswith("budgetaudit")]
    assert re.fullmatch(r"budgetaudit\[formats\] @ git\+https://\S+/OWNER/budgetaudit(\.git)?@v" + re.escape(__version__), spec)


def _run(line: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, timeout=300)


def _env(extra: dict) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.update(extra)
    return env


def test_github_actions_recipe(tmp_path):
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
    env = _env({"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    for line in runs:
        if "pip install" in line:
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


def test_gitlab_ci_recipe(tmp_path):
    pipeline = _recipe("GitLab CI")
    (job,) = pipeline.values()
    assert job["artifacts"]["when"] == "always"
    checks = [line for line in job["script"] if line.startswith("budgetaudit ")]
    assert len(checks) == 1
    work = _workspace(tmp_path)
    env = _env({name: str(value).replace("$CI_PROJECT_DIR", str(work)) for name, value in job["variables"].items()})
    for line in job["script"]:
        if "pip install" in line:
            _install_line_names_this_release(line, job["variables"])
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
