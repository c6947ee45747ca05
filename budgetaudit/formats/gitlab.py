"""GitLab Code Quality report (a subset of the Code Climate spec): a JSON array of issues.

Severity: error → major, warning → minor, info → info. GitLab wants a fingerprint unique in a report:
fingerprint.gitlab(path, fingerprint), a hash of the path with the finding's own fingerprint, so it is
stable across edits elsewhere in the file.
"""

from __future__ import annotations

from ..fingerprint import gitlab
from . import JsonList, Writer as _Writer, render_with

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def issues(report) -> list[dict]:
    """The issues of one file's report."""
    out = []
    for finding in report.findings:
        fingerprint = gitlab(report.path, finding.fingerprint)
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


class Writer(_Writer):
    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.issues = JsonList()

    def start(self) -> str:
        return self.issues.head(JsonList.MARKER)

    def file(self, report) -> str:
        return "".join(self.issues.item(issue) for issue in issues(report))

    def end(self, totals):
        # Findings across documents (crossdoc.py), at the owning file's figure.
        yield "".join(self.issues.item(issue) for report in totals.cross_document for issue in issues(report))
        yield self.issues.tail(JsonList.MARKER) + "\n"


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
