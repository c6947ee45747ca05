"""GitLab Code Quality report (a subset of the Code Climate spec): a JSON array of issues.

Severity: error → major, warning → minor, info → info. The fingerprint hashes the path with the
finding's own fingerprint (which ignores line numbers), so it is unique in a report and stable across
edits elsewhere in the file.
"""

from __future__ import annotations

import hashlib
import json

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issues(result) -> list[dict]:
    out = []
    for report in result.files:
        for finding in report.findings:
            fingerprint = hashlib.sha256(f"{report.path}\x1f{finding.fingerprint}".encode()).hexdigest()[:32]
            out.append(
                {
                    "description": f"{finding.code} {finding.message}",
                    "check_name": finding.code,
                    "fingerprint": fingerprint,
                    "severity": SEVERITY[finding.severity],
                    "location": {"path": report.path, "lines": {"begin": finding.line}},
                }
            )
    return out


def render(result, options=None) -> str:
    return json.dumps(issues(result), ensure_ascii=False, indent=2) + "\n"
