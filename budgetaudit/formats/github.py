"""GitHub Actions workflow commands: one annotation per finding.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. In the message `%`, CR and LF
are escaped (%25, %0D, %0A); in properties also `:` and `,` (%3A, %2C). Severity: error → error,
warning → warning, info → notice.
"""

from __future__ import annotations

from ..escape import visible
from . import Writer as _Writer, render_with

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


# Other characters some readers take for a line break: a command must stay on one line.
_OTHER_BREAKS = str.maketrans({c: " " for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def escape_data(text: str) -> str:
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").translate(_OTHER_BREAKS))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties) -> str:
    props = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items() if value is not None)
    return f"::{level} {props}::{escape_data(message)}" if props else f"::{level}::{escape_data(message)}"


class Writer(_Writer):
    def file(self, report) -> str:
        if report.error:
            return command("error", f"cannot read: {report.error}", file=report.path, title="budgetaudit") + "\n"
        lines = []
        for finding in report.findings:
            span = finding.locations[0].span
            message = finding.message
            if finding.expected:
                message += f"\n{finding.stated} → {finding.expected}"
            message += f"\nfingerprint {finding.fingerprint}"
            lines.append(
                command(
                    LEVEL[finding.severity], message, file=report.path, line=span.line, col=span.column,
                    endLine=span.end_line, endColumn=span.end_column, title=f"{finding.code} {finding.name}",
                )
                + "\n"
            )
        return "".join(lines)


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
