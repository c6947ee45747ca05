"""JUnit XML: one test suite per file, one test case per finding.

A finding at or above --fail-on is a <failure> (type = its severity); one below it is a passing
case carrying its message. An unreadable input is an <error>; a relation not checked is <skipped>
(a <failure> with --fail-on-unchecked); a file found by walking that holds no disclosure is a
skipped case. A clean file is one passing case. No times: the output never depends on the clock.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..report import SEVERITY_RANK

# Characters XML 1.0 cannot carry, even escaped.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def _details(finding) -> str:
    lines = [clean(finding.message)]
    if finding.expected:
        lines.append(clean(f"stated {finding.stated}, expected {finding.expected}"))
    lines.append("figures: " + clean(" · ".join(f"{l.span.line}:{l.span.column} {l.span.text}" for l in finding.locations)))
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


def render(result, options=None) -> str:
    threshold = SEVERITY_RANK[getattr(options, "fail_on", "error")]
    fail_unchecked = getattr(options, "fail_on_unchecked", False)
    root = ET.Element("testsuites", name="budgetaudit")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    suites = [(report.path, report, None) for report in result.files]
    suites += [(path, None, reason) for path, reason in getattr(result, "skipped", [])]
    suites.sort(key=lambda s: s[0])
    for path, report, skip_reason in suites:
        suite = ET.SubElement(root, "testsuite", name=clean(path))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}

        def case(name: str, line: int | None = None, suite=suite, path=path, counts=counts) -> ET.Element:
            counts["tests"] += 1
            attrs = {"classname": clean(path), "name": clean(name), "file": clean(path)}
            if line:
                attrs["line"] = str(line)
            return ET.SubElement(suite, "testcase", attrs)

        if skip_reason is not None:
            ET.SubElement(case("budgetaudit"), "skipped", message=clean(skip_reason))
            counts["skipped"] += 1
        elif report.error:
            ET.SubElement(case("budgetaudit"), "error", message=clean(report.error), type="input")
            counts["errors"] += 1
        else:
            if not report.findings and not report.unchecked:
                case("budgetaudit")
            for finding in report.findings:
                element = case(f"{finding.code} {finding.name} at {finding.line}:{finding.column}", finding.line)
                if SEVERITY_RANK[finding.severity] >= threshold:
                    failure = ET.SubElement(element, "failure", message=clean(finding.message), type=finding.severity)
                    failure.text = _details(finding)
                    counts["failures"] += 1
                else:
                    ET.SubElement(element, "system-out").text = f"[{finding.severity}] " + _details(finding)
            for item in report.unchecked:
                element = case(f"{item.code} not checked at {item.line}", item.line)
                if fail_unchecked:
                    ET.SubElement(element, "failure", message=clean(item.reason), type="unchecked")
                    counts["failures"] += 1
                else:
                    ET.SubElement(element, "skipped", message=clean(item.reason))
                    counts["skipped"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
