"""SARIF 2.1.0: one run, a rules section built from the rule files, one result per finding.

Columns count Unicode code points (run.columnKind = unicodeCodePoints); endColumn is exclusive, as
in the JSON report. The questioned figure is the result's location; every other figure of the
relation is a related location. partialFingerprints carries the finding's fingerprint (no line
numbers). Unreadable inputs are tool execution notifications. Nothing depends on time or the
machine, so a parallel run gives the same bytes as a serial one.
"""

from __future__ import annotations

import json
import os
from urllib.parse import quote

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
RULES_DOC = "docs/rules.md"
FINGERPRINT_KEY = "budgetaudit/v1"
EXTRA_COORDINATES = ("page", "sheet", "cell", "table", "row", "table_column")


def artifact(path: str) -> dict:
    if path == "-":
        return {"uri": "stdin"}
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return {"uri": "file://" + quote(posix if posix.startswith("/") else "/" + posix, safe="/:")}
    return {"uri": quote(posix, safe="/"), "uriBaseId": "%SRCROOT%"}


def physical(path: str, span) -> dict:
    region = {
        "startLine": span.line,
        "startColumn": span.column,
        "endLine": span.end_line,
        "endColumn": span.end_column,
        "snippet": {"text": span.text},
    }
    return {"artifactLocation": artifact(path), "region": region}


def location(path: str, span, **extra) -> dict:
    out = {**extra, "physicalLocation": physical(path, span)}
    props = {name: getattr(span, name) for name in EXTRA_COORDINATES if getattr(span, name, None) is not None}
    if props:
        out["properties"] = props
    return out


def rule_descriptor(rule, lang: str) -> dict:
    other = "en" if lang == "zh" else "zh"
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.get(lang) or rule.summary[other]},
        "fullDescription": {"text": rule.description},
        "helpUri": f"{RULES_DOC}#{rule.code.lower()}",
        "help": {"text": "\n\n".join(x for x in (rule.description, rule.rationale) if x)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.code[:3], rule.kind]},
    }
    if rule.aliases:
        out["properties"]["aliases"] = list(rule.aliases)
    return out


def log(result, options=None) -> dict:
    lang = getattr(options, "lang", "zh")
    rules = sorted(getattr(options, "rules", ()) or (), key=lambda r: r.code)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    notifications = []
    for report in result.files:
        if report.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": f"{report.path}: {report.error}"},
                    "locations": [{"physicalLocation": {"artifactLocation": artifact(report.path)}}],
                }
            )
            continue
        for finding in report.findings:
            item = {"ruleId": finding.code}
            if finding.code in index:
                item["ruleIndex"] = index[finding.code]
            item["level"] = LEVEL[finding.severity]
            item["message"] = {"text": finding.message}
            if finding.locations:
                first, *others = finding.locations
                item["locations"] = [location(report.path, first.span)]
                if others:
                    item["relatedLocations"] = [
                        location(report.path, other.span, id=i, message={"text": other.span.text})
                        for i, other in enumerate(others, 1)
                    ]
            item["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
            props = {"name": finding.name, "stated": finding.stated, "expected": finding.expected}
            if finding.section:
                props["section"] = finding.section
            item["properties"] = props
            results.append(item)
    for path, reason in getattr(result, "skipped", []):
        notifications.append(
            {
                "level": "note",
                "message": {"text": f"{path}: skipped: {reason}"},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(path)}}],
            }
        )
    summary = result.summary()
    run = {
        "tool": {
            "driver": {
                "name": "budgetaudit",
                "version": result.version,
                "semanticVersion": result.version,
                "rules": [rule_descriptor(rule, lang) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not result.unreadable, "toolExecutionNotifications": notifications}],
        "properties": {
            "summary": summary,
            "waived": getattr(result, "waived", 0),
            "baselined": getattr(result, "baselined", 0),
        },
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result, options=None) -> str:
    return json.dumps(log(result, options), ensure_ascii=False, indent=2) + "\n"
