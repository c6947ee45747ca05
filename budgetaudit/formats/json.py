"""The JSON report: the contract in docs/report.schema.json (fields may be added, never removed).

Added in this version, at the top level: `skipped` (files found by walking a directory that hold no
disclosure), `waived` and `baselined` (findings accepted by a waiver or a baseline and left out),
`stale_waivers` (waivers that matched no finding).
"""

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
        "skipped": [{"path": path, "reason": reason} for path, reason in getattr(result, "skipped", [])],
        "waived": getattr(result, "waived", 0),
        "baselined": getattr(result, "baselined", 0),
        "stale_waivers": [w.as_dict() for w in getattr(result, "stale_waivers", [])],
    }


def render(result, options=None) -> str:
    return json.dumps(document(result), ensure_ascii=False, indent=2) + "\n"
