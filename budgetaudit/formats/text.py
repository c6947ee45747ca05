"""The human report: per file, findings grouped by section and by the figure they question."""

from __future__ import annotations

import io
from itertools import groupby

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import Options, coordinates

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

__all__ = ["Options", "render"]


def _where(location) -> str:
    span = location.span
    extra = coordinates(span)
    return f"{span.line}:{span.column}" + (f" ({extra})" if extra else "")


def summary_table(result, words: dict) -> Table:
    """Files, errors, warnings, infos and relations not checked, per file and in total."""
    table = Table(show_edge=False, pad_edge=False, box=None, header_style="bold")
    table.add_column(words["file"])
    for name in ("errors", "warnings", "infos", "unchecked"):
        table.add_column(words[name], justify="right")
    for report in result.files:
        if report.error:
            table.add_row(escape(report.path), "-", "-", "-", "-", style="red")
            continue
        counts = report.counts()
        table.add_row(escape(report.path), str(counts["error"]), str(counts["warning"]), str(counts["info"]),
                      str(len(report.unchecked)))
    total = result.summary()
    table.add_row(f"{words['total']} ({total['files']})", str(total["error"]), str(total["warning"]),
                  str(total["info"]), str(total["unchecked"]), style="bold")
    return table


def render(result, options: Options | None = None) -> str:
    options = options or Options()
    words = WORDS[options.lang]
    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=options.color, no_color=not options.color, width=options.width,
        highlight=False, soft_wrap=True, emoji=False,
    )
    for report in result.files:
        kind = KIND_NAMES[options.lang].get(report.kind, report.kind)
        head = f"[bold]{escape(report.path)}[/bold]"
        if report.error:
            console.print(f"{head}  [bold red]{words['unreadable']}: {escape(report.error)}[/bold red]")
            continue
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
    for path, reason in result.skipped:
        console.print(f"{escape(path)}  [dim]{words['skipped']}: {escape(reason)}[/dim]")
    if len(result.files) > 1:
        console.print(summary_table(result, words))
    if result.waived or result.baselined or result.skipped:
        console.print(words["accepted"].format(waived=result.waived, baselined=result.baselined, skipped=len(result.skipped)))
    for waiver in result.stale_waivers:
        console.print(f"[yellow]{words['stale']}: {waiver.fingerprint}[/yellow] [dim]{escape(waiver.origin)}[/dim]")
    summary = result.summary()
    checked = sum(r.checked for r in result.files)
    line = words["summary"].format(checked=checked, **summary)
    console.print(f"[bold]{line}[/bold]")
    return buffer.getvalue()
