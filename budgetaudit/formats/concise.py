"""One line per finding: `path:line:col: CODE [severity] message` (editors and grep read it)."""

from __future__ import annotations

from ..escape import visible
from . import Writer as _Writer, coordinates, render_with


def _one_line(text: str) -> str:
    return visible(" ".join(text.split()))


class Writer(_Writer):
    def file(self, report) -> str:
        lines = []
        for finding in report.findings:
            span = finding.locations[0].span if finding.locations else None
            where = f"{visible(report.path)}:{finding.line}:{finding.column}"
            extra = coordinates(span) if span is not None else ""
            if extra:
                where += f" ({extra})"
            lines.append(f"{where}: {finding.code} [{finding.severity}] {_one_line(finding.message)}\n")
        return "".join(lines)

    def end(self, totals):
        summary = totals.summary()
        yield (
            f"Found {summary['error']} error(s), {summary['warning']} warning(s), {summary['info']} info "
            f"in {summary['files']} file(s); {summary['unchecked']} relation(s) not checked.\n"
        )


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
