"""One line per finding: `path:line:col: CODE [severity] message` (editors and grep read it)."""

from __future__ import annotations

from . import coordinates


def _one_line(text: str) -> str:
    return " ".join(text.split())


def render(result, options=None) -> str:
    lines = []
    for report in result.files:
        for finding in report.findings:
            span = finding.locations[0].span if finding.locations else None
            where = f"{report.path}:{finding.line}:{finding.column}"
            extra = coordinates(span) if span is not None else ""
            if extra:
                where += f" ({extra})"
            lines.append(f"{where}: {finding.code} [{finding.severity}] {_one_line(finding.message)}")
    summary = result.summary()
    lines.append(
        f"Found {summary['error']} error(s), {summary['warning']} warning(s), {summary['info']} info "
        f"in {summary['files']} file(s); {summary['unchecked']} relation(s) not checked."
    )
    return "\n".join(lines) + "\n"
