"""One line per finding: `path:line:col: CODE [severity] message (fingerprint …)` (editors and grep read it).

The severity in brackets stays `error`/`warning`/`info` in every language: editors' problem matchers
parse it. The message, the word before the fingerprint and the summary line speak the run's language."""

from __future__ import annotations

from ..escape import visible
from ..messages import section
from . import Writer as _Writer, coordinates, render_with


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


class Writer(_Writer):
    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.words = section(getattr(self.options, "lang", "zh"), "report")

    def file(self, report) -> str:
        lines = []
        for finding in report.findings:
            span = finding.locations[0].span if finding.locations else None
            where = f"{visible(report.path)}:{finding.line}:{finding.column}"
            extra = coordinates(span) if span is not None else ""
            if extra:
                where += f" ({extra})"
            lines.append(
                f"{where}: {finding.code} [{finding.severity}] {_one_line(finding.message)} "
                f"({self.words['fingerprint']} {finding.fingerprint})\n"
            )
        return "".join(lines)

    def end(self, totals):
        # Findings across documents (crossdoc.py) after every file's, at the owning file's figure.
        yield "".join(self.file(report) for report in totals.cross_document)
        yield self.words["summary"].format(checked=totals.checked, **totals.summary()) + "\n"


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
