"""The human report: per file, findings grouped by section and by the figure they question."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.markup import escape as _markup
from rich.table import Table

from ..escape import visible
from . import Options, Writer as _Writer, coordinates, render_with


def escape(text: str) -> str:
    """Names and text of the disclosure as the console prints them: control characters made visible."""
    return _markup(visible(text))

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
KIND_NAMES = {
    "zh": {"budget": "预算", "final_account": "决算", "unknown": "类型未知"},
    "en": {"budget": "budget", "final_account": "final account", "unknown": "kind unknown"},
}
WORDS = {
    "zh": {"stated": "所列", "expected": "应为", "figures": "涉及数字", "unchecked": "未能核对",
           "summary": "{files}个文件：{error}个错误，{warning}个警告，{info}个提示；已核对关系{checked}项，未能核对{unchecked}项",
           "clean": "未发现问题", "unit": "单位", "unreadable": "无法读取",
           "file": "文件", "errors": "错误", "warnings": "警告", "infos": "提示", "total": "合计",
           "skipped": "已跳过（不是公开说明）", "accepted": "已豁免{waived}项，基线内{baselined}项，跳过文件{skipped}个",
           "stale": "过期豁免（未匹配任何问题）"},
    "en": {"stated": "stated", "expected": "expected", "figures": "figures", "unchecked": "not checked",
           "summary": "{files} file(s): {error} error(s), {warning} warning(s), {info} info; relations checked {checked}, not checked {unchecked}",
           "clean": "no findings", "unit": "unit", "unreadable": "cannot read",
           "file": "file", "errors": "errors", "warnings": "warnings", "infos": "infos", "total": "total",
           "skipped": "skipped (no disclosure)", "accepted": "waived {waived}, in baseline {baselined}, files skipped {skipped}",
           "stale": "stale waivers (matched nothing)"},
}

__all__ = ["Options", "Writer", "render"]


def _where(location) -> str:
    span = location.span
    extra = coordinates(span)
    return f"{span.line}:{span.column}" + (f" ({extra})" if extra else "")


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
        self.words = WORDS[self.options.lang]
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
        kind = KIND_NAMES[options.lang].get(report.kind, report.kind)
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
                        f"      [{style}]{finding.severity:<7}[/{style}] [bold]{finding.code}[/bold] "
                        f"{finding.name}  {escape(finding.message)}"
                    )
                    if finding.expected:
                        console.print(
                            f"              {words['stated']} {escape(finding.stated)}   {words['expected']} {escape(finding.expected)}"
                        )
                    figures = " · ".join(f"{_where(loc)} {escape(loc.span.text)}" for loc in finding.locations)
                    console.print(f"              {words['figures']}: {figures}", style="dim")
        if report.unchecked:
            console.print(f"  [bold]{words['unchecked']} ({len(report.unchecked)})[/bold]")
            for item in report.unchecked:
                where = ", ".join(f"{_where(loc)} {escape(loc.span.text)}" for loc in item.locations[:3])
                console.print(f"    {item.code}  {escape(item.reason)}  [dim]{where}[/dim]")
        return self._take()

    def end(self, totals):
        words, console = self.words, self.console
        for path, reason in totals.skipped:
            console.print(f"{escape(path)}  [dim]{words['skipped']}: {escape(reason)}[/dim]")
        if totals.files > 1:
            console.print(summary_table(self.rows, totals, words))
        if totals.waived or totals.baselined or totals.skipped:
            console.print(words["accepted"].format(waived=totals.waived, baselined=totals.baselined, skipped=len(totals.skipped)))
        for waiver in totals.stale_waivers:
            console.print(f"[yellow]{words['stale']}: {waiver.fingerprint}[/yellow] [dim]{escape(waiver.origin)}[/dim]")
        line = words["summary"].format(checked=totals.checked, **totals.summary())
        console.print(f"[bold]{line}[/bold]")
        yield self._take()


def render(result, options: Options | None = None) -> str:
    return render_with(Writer, result, options)
