"""The human report: per file, findings grouped by section and by the figure they question."""

from __future__ import annotations

import io
from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape as _markup
from rich.table import Table

from ..escape import visible
from ..messages import section
from . import Options, Writer as _Writer, coordinates, render_with


def escape(text: str) -> str:
    """Names and text of the disclosure as the console prints them: control characters made visible."""
    return _markup(visible(text))

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}

__all__ = ["Options", "Writer", "render"]


def _where(location) -> str:
    span = location.span
    extra = coordinates(span)
    return f"{span.line}:{span.column}" + (f" ({extra})" if extra else "")


def _marked(line, color: bool) -> str:
    """A context line with its questioned figure shown reversed (in colour) or between 【】."""
    parts = line.parts()
    if parts is None:
        return escape(line.text)
    before, figure, after = parts
    if color:
        return f"{escape(before)}[reverse]{escape(figure)}[/reverse]{escape(after)}"
    return f"{escape(before)}【{escape(figure)}】{escape(after)}"


def summary_table(rows: list[tuple], totals, words: dict) -> Table:
    """Files, errors, warnings, infos and relations not checked, per file (rows kept by the writer) and in total."""
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(words["file"])
    for name in ("errors", "warnings", "infos", "unchecked"):
        table.add_column(words[name], justify="right")
    for row in rows:
        if row[1] is None:
            table.add_row(row[0], "-", "-", "-", "-", style="red")
        else:
            table.add_row(*row)
    total = totals.summary()
    table.add_row(f"{words['total']} ({total['files']})", str(total["error"]), str(total["warning"]),
                  str(total["info"]), str(total["unchecked"]), style="bold")
    return table


class Writer(_Writer):
    """Each file's part as it comes; skipped files, the summary table (a short row kept per file, for
    its column widths) and the summary line at the end."""

    def __init__(self, options: Options | None = None, version=None):
        super().__init__(options, version)
        self.words = section(self.options.lang, "report")
        self.kinds = section(self.options.lang, "kind")
        severities = section(self.options.lang, "severity")
        width = max(cell_len(word) for word in severities.values())
        # Severities padded to one display width (a Chinese character takes two cells).
        self.severities = {name: word + " " * (width - cell_len(word)) for name, word in severities.items()}
        self.buffer = io.StringIO()
        self.console = Console(
            file=self.buffer, force_terminal=self.options.color, no_color=not self.options.color,
            width=self.options.width, highlight=False, soft_wrap=True, emoji=False,
        )
        self.rows: list[tuple] = []

    def _take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text

    def file(self, report) -> str:
        options, words, console = self.options, self.words, self.console
        if report.error:
            self.rows.append((escape(report.path), None))
        else:
            counts = report.counts()
            self.rows.append((escape(report.path), str(counts["error"]), str(counts["warning"]), str(counts["info"]),
                              str(len(report.unchecked))))
        kind = self.kinds.get(report.kind, report.kind)
        head = f"[bold]{escape(report.path)}[/bold]"
        if report.error:
            console.print(f"{head}  [bold red]{words['unreadable']}: {escape(report.error)}[/bold red]")
            return self._take()
        meta = "  ".join(x for x in (kind, str(report.year or ""), report.entity, f"{words['unit']} {report.unit}" if report.unit else "") if x)
        console.print(f"{head}  {escape(meta)}")
        if not report.findings:
            console.print(f"  [green]{words['clean']}[/green]")
        for section, in_section in groupby(report.findings, key=lambda f: f.section):
            if section:
                console.print(f"  [bold]{escape(section)}[/bold]")
            for where, same_figure in groupby(in_section, key=lambda f: (f.line, f.column, f.stated)):
                same_figure = list(same_figure)
                console.print(f"    [bold]{where[0]}:{where[1]}[/bold]  {escape(same_figure[0].locations[0].span.text)}")
                for finding in same_figure:
                    style = STYLE[finding.severity]
                    console.print(
                        f"      [{style}]{self.severities[finding.severity]}[/{style}] [bold]{finding.code}[/bold] "
                        f"{finding.name}  {escape(finding.message)}"
                    )
                    if finding.expected:
                        console.print(
                            f"              {words['stated']} {escape(finding.stated)}   {words['expected']} {escape(finding.expected)}"
                        )
                    figures = " · ".join(f"{_where(loc)} {escape(loc.span.text)}" for loc in finding.locations)
                    console.print(f"              {words['figures']}: {figures}", style="dim")
                    for k, line in enumerate(finding.context):
                        lead = f"{words['context']}: " if k == 0 else " " * (cell_len(words["context"]) + 2)
                        console.print(f"              {lead}{_marked(line, options.color)}", style="dim")
                    console.print(f"              {words['fingerprint']} {finding.fingerprint}", style="dim")
                    for consequence in finding.consequences:
                        where = " · ".join(f"{_where(loc)} {escape(loc.span.text)}" for loc in consequence.locations)
                        console.print(f"              ↳ [bold]{consequence.code}[/bold] {escape(consequence.message)}")
                        console.print(f"                {words['figures']}: {where}", style="dim")
        if report.unchecked:
            console.print(f"  [bold]{words['unchecked']} ({len(report.unchecked)})[/bold]")
            for item in report.unchecked:
                where = ", ".join(f"{_where(loc)} {escape(loc.span.text)}" for loc in item.locations[:3])
                console.print(f"    {item.code}  {escape(item.reason)}  [dim]{where}[/dim]")
        return self._take()

    def across(self, totals) -> None:
        """Findings across documents (crossdoc.py), after every file's part: each under the file that owns it,
        every figure with its file; then the documents of one body not compared."""
        if not totals.cross_document and not totals.not_compared:
            return
        console, words, link = self.console, self.words, section(self.options.lang, "link")
        console.print(f"[bold]{link['section']}[/bold]")
        for report in totals.cross_document:
            console.print(f"  [bold]{escape(report.path)}[/bold]")
            for finding in report.findings:
                style = STYLE[finding.severity]
                console.print(f"    [bold]{finding.line}:{finding.column}[/bold]  {escape(finding.locations[0].span.text)}")
                console.print(f"      [{style}]{self.severities[finding.severity]}[/{style}] [bold]{finding.code}[/bold] "
                              f"{finding.name}  {escape(finding.message)}")
                if finding.expected:
                    console.print(f"              {words['stated']} {escape(finding.stated)}   {words['expected']} "
                                  f"{escape(finding.expected)}")
                figures = " · ".join(f"{escape(loc.file)}:{_where(loc)} {escape(loc.span.text)}" for loc in finding.locations)
                console.print(f"              {words['figures']}: {figures}", style="dim")
                console.print(f"              {words['fingerprint']} {finding.fingerprint}", style="dim")
        for file, partner, reason in totals.not_compared:
            console.print(f"  {link['not_compared']}: {escape(file)} ↔ {escape(partner)}  [dim]{escape(link.get(reason, reason))}[/dim]")

    def _owned(self, totals) -> list[tuple]:
        """The rows with each file's findings across documents counted in its own row (the owner's, the later file)."""
        across = {escape(report.path): report.counts() for report in totals.cross_document}
        if not across:
            return self.rows
        rows = []
        for row in self.rows:
            counts = across.get(row[0])
            if counts is not None and row[1] is not None:
                row = (row[0], *(str(int(n) + counts[name]) for n, name in zip(row[1:4], ("error", "warning", "info"))),
                       row[4])
            rows.append(row)
        return rows

    def end(self, totals):
        words, console = self.words, self.console
        self.across(totals)
        for path, reason in totals.skipped:
            console.print(f"{escape(path)}  [dim]{words['skipped']}: {escape(reason)}[/dim]")
        if totals.files > 1:
            console.print(summary_table(self._owned(totals), totals, words))
        if totals.waived or totals.baselined or totals.skipped:
            console.print(words["accepted"].format(waived=totals.waived, baselined=totals.baselined, skipped=len(totals.skipped)))
        for waiver in totals.stale_waivers:
            console.print(f"[yellow]{words['stale']}: {waiver.fingerprint}[/yellow] [dim]{escape(waiver.origin)}[/dim]")
        line = words["summary"].format(checked=totals.checked, **totals.summary())
        console.print(f"[bold]{line}[/bold]")
        yield self._take()


def render(result, options: Options | None = None) -> str:
    return render_with(Writer, result, options)
