"""SARIF 2.1.0: one run, a rules section built from the rule files, one result per finding.

Columns count Unicode code points (run.columnKind = unicodeCodePoints); endColumn is exclusive, as
in the JSON report. The questioned figure is the result's location; every other figure of the
relation is a related location. partialFingerprints carries the finding's fingerprint (no line
numbers). Unreadable inputs are tool execution notifications. Nothing depends on time or the
machine, so a parallel run gives the same bytes as a serial one.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from ..fingerprint import SARIF_KEY
from . import JsonList, Writer as _Writer, render_with

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = SARIF_KEY
EXTRA_COORDINATES = ("page", "sheet", "cell", "table", "row", "table_column")


def artifact(path: str) -> dict:
    """Where a file is: an absolute file URI, or a path relative to %SRCROOT% (the checkout); standard
    input has no URI, only a description (every URI in the log is absolute, resolved by a base id, or absent)."""
    if path == "-":
        return {"description": {"text": "stdin"}}
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
    # No helpUri: the rule's documentation is in `help` (a relative link to docs/rules.md is no URI the
    # schema accepts, and where the repository is published is not known here).
    description, rationale = rule.text("description", lang), rule.text("rationale", lang)
    out = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.text("summary", lang)},
        "fullDescription": {"text": description},
        "help": {"text": "\n\n".join(x for x in (description, rationale) if x)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": [rule.code[:3], rule.kind]},
    }
    if rule.aliases:
        out["properties"]["aliases"] = list(rule.aliases)
    return out


def result_items(report, index: dict[str, int]) -> list[dict]:
    """The SARIF results of one readable file's findings (index: rule code -> ruleIndex)."""
    results = []
    for finding in report.findings:
        item = {"ruleId": finding.code}
        if finding.code in index:
            item["ruleIndex"] = index[finding.code]
        item["level"] = LEVEL[finding.severity]
        item["message"] = {"text": finding.message}
        if finding.locations:
            first, *others = finding.locations
            # A root finding's figures are those of the relations it explains.
            seen = {(first.span.line, first.span.column)}
            for loc in (loc for c in finding.consequences for loc in c.locations):
                if (loc.span.line, loc.span.column) not in seen:
                    seen.add((loc.span.line, loc.span.column))
                    others.append(loc)
            item["locations"] = [location(first.file or report.path, first.span)]
            if len(finding.context) == 1:
                # The sentence around the figure, on the figure's line (a table's rows are shown only in the
                # reports for people: its header and total row stand on other lines).
                region = item["locations"][0]["physicalLocation"]
                region["contextRegion"] = {"startLine": first.span.line, "snippet": {"text": finding.context[0].text}}
            if others:
                item["relatedLocations"] = [
                    location(other.file or report.path, other.span, id=i, message={"text": other.span.text})
                    for i, other in enumerate(others, 1)
                ]
        item["partialFingerprints"] = {FINGERPRINT_KEY: finding.fingerprint}
        props = {"name": finding.name, "stated": finding.stated, "expected": finding.expected}
        if finding.consequences:
            props["consequences"] = [{"ruleId": c.code, "message": c.message} for c in finding.consequences]
        if finding.section:
            props["section"] = finding.section
        item["properties"] = props
        results.append(item)
    return results


def notification(level: str, path: str, text: str) -> dict:
    return {
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact(path)}}],
    }


def log(totals, version: str, rules, lang: str, results=JsonList.MARKER) -> dict:
    """The SARIF log; `results` is the marker where the writer streams them."""
    notifications = [notification("error", r.path, f"{r.path}: {r.error}") for r in totals.unreadable]
    notifications += [notification("note", path, f"{path}: skipped: {reason}") for path, reason in totals.skipped]
    run = {
        "tool": {
            "driver": {
                "name": "budgetaudit",
                "version": version,
                "semanticVersion": version,
                "rules": [rule_descriptor(rule, lang) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "invocations": [{"executionSuccessful": not totals.unreadable, "toolExecutionNotifications": notifications}],
        "properties": {
            "summary": totals.summary(),
            "waived": totals.waived,
            "baselined": totals.baselined,
        },
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


class Writer(_Writer):
    """Results streamed one file at a time; the invocation (unreadable and skipped files) and the
    summary follow them."""

    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.lang = getattr(self.options, "lang", "zh")
        self.rules = sorted(getattr(self.options, "rules", ()) or (), key=lambda r: r.code)
        self.index = {rule.code: i for i, rule in enumerate(self.rules)}
        self.results = JsonList()

    def start(self) -> str:
        from ..run import Totals

        return self.results.head(log(Totals(), self.version, self.rules, self.lang))

    def file(self, report) -> str:
        if report.error:
            return ""
        return "".join(self.results.item(item) for item in result_items(report, self.index))

    def end(self, totals):
        # Findings across documents (crossdoc.py) after every file's: the owner's figure first, the partner's related.
        yield "".join(self.results.item(item) for report in totals.cross_document
                      for item in result_items(report, self.index))
        yield self.results.tail(log(totals, self.version, self.rules, self.lang)) + "\n"


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
