"""The human report: per file, findings grouped by section and by the figure they question."""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import groupby

from rich.console import Console
from rich.markup import escape

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
KIND_NAMES = {
    "zh": {"budget": "预算", "final_account": "决算", "unknown": "类型未知"},
    "en": {"budget": "budget", "final_account": "final account", "unknown": "kind unknown"},
}
WORDS = {
    "zh": {"stated": "所列", "expected": "应为", "figures": "涉及数字", "unchecked": "未能核对",
           "summary": "{files}个文件：{error}个错误，{warning}个警告，{info}个提示；已核对关系{checked}项，未能核对{unchecked}项",
           "clean": "未发现问题", "unit": "单位", "unreadable": "无法读取"},
    "en": {"stated": "stated", "expected": "expected", "figures": "figures", "unchecked": "not checked",
           "summary": "{files} file(s): {error} error(s), {warning} warning(s), {info} info; relations checked {checked}, not checked {unchecked}",
           "clean": "no findings", "unit": "unit", "unreadable": "cannot read"},
}


@dataclass
class Options:
    lang: str = "zh"
    color: bool = False
    width: int = 120


def _where(location) -> str:
    span = location.span
    return f"{span.line}:{span.column}"


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
    summary = result.summary()
    checked = sum(r.checked for r in result.files)
    line = words["summary"].format(checked=checked, **summary)
    console.print(f"[bold]{line}[/bold]")
    return buffer.getvalue()
