"""A review memo in Markdown: a summary table across files, then every finding by file."""

from __future__ import annotations

import re
from itertools import chain

from ..escape import visible
from ..messages import section
from . import Spool, Writer as _Writer, coordinates, render_with

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: str) -> str:
    """Escape text for a Markdown paragraph or table cell (one line)."""
    return _SPECIAL.sub(r"\\\1", visible(" ".join(str(text).split())))


def _status(report, words) -> str:
    if report.error:
        return words["unreadable"]
    counts = report.counts()
    if counts["error"]:
        return words["fix"]
    if counts["warning"] or report.unchecked:
        return words["review"]
    return words["pass"]


def _marked(line) -> str:
    """A context line, its questioned figure in bold."""
    parts = line.parts()
    if parts is None:
        return md(line.text)
    before, figure, after = parts
    return f"{md(before)}**{md(figure)}**{md(after)}"


def _lines(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


class Writer(_Writer):
    """The table of files comes first and its totals need the whole run: each file's row and its
    findings are spooled, to be written at the end."""

    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.lang = getattr(self.options, "lang", "zh")
        self.words = section(self.lang, "report")
        self.severities = section(self.lang, "severity")
        self.rows = Spool()
        self.findings = Spool()

    def file(self, report) -> str:
        words = self.words
        if report.error:
            self.rows.add(f"| {md(report.path)} | - | - | - | - | {words['unreadable']}: {md(report.error)} |\n")
            return ""
        c = report.counts()
        self.rows.add(f"| {md(report.path)} | {c['error']} | {c['warning']} | {c['info']} | {len(report.unchecked)} | "
                      f"{_status(report, words)} |\n")
        if not report.findings and not report.unchecked:
            return ""
        comma = words["comma"]
        out = [f"### {md(report.path)}", ""]
        for f in report.findings:
            span = f.locations[0].span if f.locations else None
            extra = coordinates(span) if span is not None else ""
            where = f"{f.line}:{f.column}" + (f" ({md(extra)})" if extra else "")
            line = f"- **{where}** `{f.code}` {self.severities[f.severity]}: {md(f.message)}"
            if f.expected:
                line += f" ({words['stated']} {md(f.stated)}{comma}{words['expected']} {md(f.expected)})"
            line += f" {words['fingerprint']} `{f.fingerprint}`"
            out.append(line)
            for context in f.context:
                out.append(f"  > {_marked(context)}")
            for consequence in f.consequences:
                out.append(f"  - `{consequence.code}` {md(consequence.message)}")
        if report.unchecked:
            out += ["", f"{words['not_checked']}:", ""]
            for u in report.unchecked:
                out.append(f"- {u.line} `{u.code}` {md(u.reason)}")
        out.append("")
        self.findings.add(_lines(out))
        return ""

    def end(self, totals):
        words = self.words
        head = [f"# {words['title']}", ""]
        head.append(f"| {words['file']} | {words['errors']} | {words['warnings']} | {words['infos']} | "
                    f"{words['unchecked']} | {words['status']} |")
        head.append("| --- | ---: | ---: | ---: | ---: | --- |")
        out = []
        for path, reason in totals.skipped:
            out.append(f"| {md(path)} | - | - | - | - | {words['skipped_short']}: {md(reason)} |")
        s = totals.summary()
        out.append(f"| **{words['total']}** ({s['files']}) | **{s['error']}** | **{s['warning']}** | **{s['info']}** | "
                   f"**{s['unchecked']}** | |")
        out.append("")
        if totals.waived or totals.baselined:
            out += [words["accepted_memo"].format(waived=totals.waived, baselined=totals.baselined), ""]
        if totals.stale_waivers:
            out.append(f"{words['stale']}: " + ", ".join(f"`{w.fingerprint}`" for w in totals.stale_waivers))
            out.append("")
        if self.findings.size:
            out += [f"## {words['findings']}", ""]
        parts = chain([_lines(head)], self.rows.read(), [_lines(out)], self.findings.read(), [_lines(across(totals, self.options.lang))])
        # The memo ends with exactly one newline: hold back the newlines that end each piece until
        # something follows them.
        pending = ""
        for piece in parts:
            body = piece.rstrip("\n")
            if body:
                yield pending + body
                pending = piece[len(body):]
            else:
                pending += piece
        yield "\n"

    def close(self) -> None:
        self.rows.close()
        self.findings.close()


def across(totals, lang: str) -> list[str]:
    """The findings across documents (crossdoc.py) after every file's, each figure with its file; then the
    documents of one body not compared."""
    if not totals.cross_document and not totals.not_compared:
        return []
    words, link, severities = section(lang, "report"), section(lang, "link"), section(lang, "severity")
    out = ["", f"## {link['section']}", ""]
    for report in totals.cross_document:
        for finding in report.findings:
            figures = " · ".join(f"`{md(loc.file)}` {loc.span.line}:{loc.span.column} {md(loc.span.text)}"
                                 for loc in finding.locations)
            out.append(f"- **{severities[finding.severity]}** `{finding.code}` {md(finding.message)}  ")
            out.append(f"  {words['figures']}: {figures}  ")
            out.append(f"  {words['fingerprint']} `{finding.fingerprint}`")
    for file, partner, reason in totals.not_compared:
        out.append(f"- {link['not_compared']}: `{md(file)}` ↔ `{md(partner)}`: {md(link.get(reason, reason))}")
    return out + [""]


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
