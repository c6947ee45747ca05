"""The JSON report: the contract in docs/report.schema.json (fields may be added, never removed).

Added in this version, at the top level: `skipped` (files found by walking a directory that hold no
disclosure), `waived` and `baselined` (findings accepted by a waiver or a baseline and left out),
`stale_waivers` (waivers that matched no finding).

Streamed: the head up to `"files": [`, one entry per file, then the summary and the rest.
"""

from __future__ import annotations

from . import JsonList, Writer as _Writer, render_with

# 2: fingerprints are built as fingerprint.py says (role, concept and printed text; never a line's text).
SCHEMA_VERSION = 2


def entry(report) -> dict:
    out = report.as_dict()
    if report.error:
        out["error"] = report.error
    return out


def document(totals, version: str, files=JsonList.MARKER) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "budgetaudit", "version": version},
        "files": files,
        "summary": totals.summary(),
        "skipped": [{"path": path, "reason": reason} for path, reason in totals.skipped],
        "waived": totals.waived,
        "baselined": totals.baselined,
        "stale_waivers": [w.as_dict() for w in totals.stale_waivers],
        # Findings across one body's documents (crossdoc.py), each owned by the later file (`path`); every
        # location names its file. Documents of one body not compared: coverage.not_compared.
        "cross_document": [{"path": report.path, **finding.as_dict()}
                           for report in totals.cross_document for finding in report.findings],
        "coverage": {"not_compared": [{"file": file, "partner": partner, "reason": reason}
                                      for file, partner, reason in totals.not_compared]},
    }


class Writer(_Writer):
    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.files = JsonList()

    def start(self) -> str:
        from ..run import Totals

        return self.files.head(document(Totals(), self.version))

    def file(self, report) -> str:
        return self.files.item(entry(report))

    def end(self, totals):
        yield self.files.tail(document(totals, self.version)) + "\n"


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
