"""GitHub Actions workflow commands: annotations, a step summary and a final notice.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. In the message `%`, CR and LF
are escaped (%25, %0D, %0A); in properties also `:` and `,` (%3A, %2C). Severity: error → error,
warning → warning, info → notice.

GitHub shows at most 10 annotations of each level per step (and 50 per job): a run writes at most
ANNOTATIONS_PER_LEVEL of each level (nine notices and the final one), the most severe level first (errors, then warnings, then notices, each
in path order), and every finding beyond them as a line of a Markdown step summary, appended to the file
$GITHUB_STEP_SUMMARY names when it is set (GitHub takes at most 1 MiB: the summary is cut below that, with a
note). A last notice gives the count of findings and says where the rest are.
"""

from __future__ import annotations

import os

from ..escape import visible
from ..messages import section
from . import Spool, Writer as _Writer, render_with
from .markdown import md

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
ANNOTATIONS_PER_LEVEL = 10
SUMMARY_LIMIT = (1 << 20) - 4096  # below GitHub's 1 MiB, with room for the closing note


# Other characters some readers take for a line break: a command must stay on one line.
_OTHER_BREAKS = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").translate(_OTHER_BREAKS))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties) -> str:
    props = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items() if value is not None)
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


def _code(text: str) -> str:
    """A path as Markdown code (a backtick in it would end the span)."""
    return "`" + " ".join(text.split()).replace("`", "'") + "`"


class Writer(_Writer):
    """Annotations are held (at most ANNOTATIONS_PER_LEVEL per level) and written at the end, most severe
    first; the findings beyond them go to a spool for the step summary."""

    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.lang = getattr(self.options, "lang", "zh")
        self.words = section(self.lang, "report")
        self.severities = section(self.lang, "severity")
        self.summary_path = getattr(self.options, "step_summary", None) or os.environ.get("GITHUB_STEP_SUMMARY") or None
        self.held: dict[str, list[str]] = {level: [] for level in LEVEL.values()}
        self.rest = Spool()
        self.rest_count = 0
        self.findings = 0

    def _hold(self, level: str, annotation: str, line: str) -> None:
        # The final notice takes one of the notices' places.
        cap = ANNOTATIONS_PER_LEVEL - 1 if level == "notice" else ANNOTATIONS_PER_LEVEL
        if len(self.held[level]) < cap:
            self.held[level].append(annotation + "\n")
        else:
            self.rest_count += 1
            self.rest.add(line + "\n")

    def file(self, report) -> str:
        if report.error:
            message = f"{self.words['unreadable']}: {report.error}"
            self._hold("error", command("error", message, file=report.path, title="budgetaudit"),
                       f"- {_code(report.path)} {self.severities['error']}: {md(message)}")
            return ""
        for finding in report.findings:
            self.findings += 1
            span = finding.locations[0].span
            message = finding.message
            if finding.expected:
                message += f"\n{finding.stated} → {finding.expected}"
            message += f"\n{self.words['fingerprint']} {finding.fingerprint}"
            level = LEVEL[finding.severity]
            annotation = command(
                level, message, file=report.path, line=span.line, col=span.column,
                endLine=span.end_line, endColumn=span.end_column, title=f"{finding.code} {finding.name}",
            )
            line = (f"- {_code(f'{report.path}:{span.line}:{span.column}')} `{finding.code}` "
                    f"{self.severities[finding.severity]}: {md(finding.message)} ({self.words['fingerprint']} "
                    f"`{finding.fingerprint}`)")
            self._hold(level, annotation, line)
        return ""

    def end(self, totals):
        for report in totals.cross_document:  # findings across documents, at the owning file's figure
            self.file(report)
        for level in LEVEL.values():
            yield "".join(self.held[level])
        summary = self.words["summary"].format(checked=totals.checked, **totals.summary())
        shown = sum(len(held) for held in self.held.values())
        if self.summary_path:
            self._write_summary(summary)
        note = summary
        if self.rest_count:
            note += "\n" + self.words["annotations"].format(count=self.findings, shown=shown)
        yield command("notice", note, title="budgetaudit") + "\n"

    def _write_summary(self, summary: str) -> None:
        """Append the Markdown summary to $GITHUB_STEP_SUMMARY: the totals, then every finding not shown as
        an annotation, cut below 1 MiB with a note of how many were left out."""
        head = f"## budgetaudit\n\n{md(summary)}\n\n"
        size = len(head.encode("utf-8"))
        left_out = 0
        with open(self.summary_path, "a", encoding="utf-8") as out:
            out.write(head)
            written = 0
            pending = ""
            for chunk in self.rest.read():
                pending += chunk
                *lines, pending = pending.split("\n")
                for line in lines:
                    data = len(line.encode("utf-8")) + 1
                    if left_out or size + data > SUMMARY_LIMIT:
                        left_out += 1
                        continue
                    out.write(line + "\n")
                    size += data
                    written += 1
            if left_out:
                out.write("\n" + md(self.words["summary_cut"].format(count=left_out)) + "\n")

    def close(self) -> None:
        self.rest.close()


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
