"""The JSON report: the contract in docs/report.schema.json (fields may be added, never removed)."""

from __future__ import annotations

import json


def document(result) -> dict:
    files = []
    for report in result.files:
        entry = report.as_dict()
        if report.error:
            entry["error"] = report.error
        files.append(entry)
    return {
        "schema_version": 1,
        "tool": {"name": "budgetaudit", "version": result.version},
        "files": files,
        "summary": result.summary(),
    }


def render(result, options=None) -> str:
    return json.dumps(document(result), ensure_ascii=False, indent=2) + "\n"
