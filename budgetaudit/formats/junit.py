"""JUnit XML: one test suite per file, one test case per finding.

A finding at or above --fail-on is a <failure> (type = its severity); one below it is a passing
case carrying its message. An unreadable input is an <error>; a relation not checked is <skipped>
(a <failure> with --fail-on-unchecked); a file found by walking that holds no disclosure is a
skipped case. A clean file is one passing case. Findings across documents (crossdoc.py) are a suite of
their own per owning (later) file, named after it, placed right after that file's suite and counted in the
totals: its cases name the partner's file. No times: the output never depends on the clock.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..report import SEVERITY_RANK
from . import Spool, Writer as _Writer, render_with

# Characters XML 1.0 cannot carry, even escaped.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    return _INVALID.sub("\ufffd", text)


def _details(finding) -> str:
    lines = [clean(finding.message)]
    if finding.expected:
        lines.append(clean(f"stated {finding.stated}, expected {finding.expected}"))
    lines.append("figures: " + clean(" · ".join(f"{l.file + ':' if l.file else ''}{l.span.line}:{l.span.column} {l.span.text}"
                                                for l in finding.locations)))
    lines.append(f"fingerprint: {finding.fingerprint}")
    return "\n".join(lines)


COUNTS = ("tests", "failures", "errors", "skipped")


ACROSS = " [across documents]"  # the suite name of a file's findings across documents: its path and this


def _partner(finding) -> str:
    """The partner's file of a finding across documents (its figure the crossdoc role "partner" took)."""
    return next((location.file for location in finding.locations if location.role == "partner"), "")


def suite(path: str, report=None, skip_reason: str | None = None, threshold: int = SEVERITY_RANK["error"],
          fail_unchecked: bool = False, across: bool = False) -> tuple[ET.Element, dict[str, int]]:
    """One file's test suite (a report, or a walked file skipped for `skip_reason`) and its counts; `across`:
    the suite of the findings across documents the file owns."""
    element = ET.Element("testsuite", name=clean(path + ACROSS if across else path))
    counts = dict.fromkeys(COUNTS, 0)

    def case(name: str, line: int | None = None) -> ET.Element:
        counts["tests"] += 1
        attrs = {"classname": clean(path), "name": clean(name), "file": clean(path)}
        if line:
            attrs["line"] = str(line)
        return ET.SubElement(element, "testcase", attrs)

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
            against = f" against {_partner(finding)}" if across else ""
            item = case(f"{finding.code} {finding.name} at {finding.line}:{finding.column}{against}", finding.line)
            if SEVERITY_RANK[finding.severity] >= threshold:
                failure = ET.SubElement(item, "failure", message=clean(finding.message), type=finding.severity)
                failure.text = _details(finding)
                counts["failures"] += 1
            else:
                ET.SubElement(item, "system-out").text = f"[{finding.severity}] " + _details(finding)
        for unchecked in report.unchecked:
            item = case(f"{unchecked.code} not checked at {unchecked.line}", unchecked.line)
            if fail_unchecked:
                ET.SubElement(item, "failure", message=clean(unchecked.reason), type="unchecked")
                counts["failures"] += 1
            else:
                ET.SubElement(item, "skipped", message=clean(unchecked.reason))
                counts["skipped"] += 1
    for key, value in counts.items():
        element.set(key, str(value))
    return element, counts


def _text(element: ET.Element) -> str:
    """A suite as it prints indented inside <testsuites> (without the whitespace that follows it)."""
    ET.indent(element, level=1)
    return ET.tostring(element, encoding="unicode")


class Writer(_Writer):
    """Suites are sorted by path (skipped files among them) and the totals are attributes of the first
    tag: each file's suite is spooled as it comes, with its path and place, and written at the end."""

    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.threshold = SEVERITY_RANK[getattr(self.options, "fail_on", "error")]
        self.fail_unchecked = getattr(self.options, "fail_on_unchecked", False)
        self.spool = Spool()
        self.places: list[tuple[str, int, int, int]] = []  # (path, 1 for its suite across documents, start, end)
        self.totals = dict.fromkeys(COUNTS, 0)

    def _add(self, path: str, report=None, skip_reason: str | None = None, across: bool = False) -> None:
        element, counts = suite(path, report, skip_reason, self.threshold, self.fail_unchecked, across)
        for key, value in counts.items():
            self.totals[key] += value
        self.places.append((path, int(across), *self.spool.add(_text(element))))

    def file(self, report) -> str:
        self._add(report.path, report)
        return ""

    def end(self, totals):
        for path, reason in totals.skipped:
            self._add(path, skip_reason=reason)
        for report in totals.cross_document:
            self._add(report.path, report, across=True)
        root = ET.Element("testsuites", name="budgetaudit")
        for key, value in self.totals.items():
            root.set(key, str(value))
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        if not self.places:
            yield head + ET.tostring(root, encoding="unicode") + "\n"
            return
        yield head + ET.tostring(root, encoding="unicode").removesuffix(" />") + ">"
        self.places.sort(key=lambda place: place[:2])
        for _path, _across, start, end in self.places:
            yield "\n  "
            yield from self.spool.read(start, end)
        yield "\n</testsuites>\n"

    def close(self) -> None:
        self.spool.close()


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
