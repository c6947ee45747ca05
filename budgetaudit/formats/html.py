"""The reviewer's report as one self-contained html page: per file a summary, the findings, the disclosure with
every checked figure marked by its outcome (findings and figures linked both ways), the rebuilt tables with
their cells marked, and the relations not checked; an index of files first when there are several.

Every word of the disclosure is escaped (it is hostile input). The page loads nothing (html_page.CSP) and
prints with a page break before each section. Each file's part is spooled as it comes, since the index
before it needs the whole run; a report keeps no document once its part is written.
"""

from __future__ import annotations

import json as _json
from html import escape

from ..messages import section
from . import Spool, Writer as _Writer, coordinates, render_with
from .html_marks import Marks, marked_text
from .html_page import TAIL, head


def _e(text) -> str:
    from ..escape import visible

    return escape(visible(str(text)))


def _context(line) -> str:
    parts = line.parts()
    if parts is None:
        return f"<p>{_e(line.text)}</p>"
    before, figure, after = parts
    return f"<p>{_e(before)}<mark>{_e(figure)}</mark>{_e(after)}</p>"


class Writer(_Writer):
    def __init__(self, options=None, version=None):
        super().__init__(options, version)
        self.lang = getattr(self.options, "lang", "zh")
        self.words = {**section(self.lang, "report"), **section(self.lang, "severity"), **section(self.lang, "html")}
        self.kinds = section(self.lang, "kind")
        self.index = Spool()  # a row's facts per file (a JSON line), for the index the end writes first
        self.parts = Spool()  # each file's part
        self.count = 0

    def start(self) -> str:
        return head(self.lang, self.words["title"], f"budgetaudit {self.version}")

    # ----------------------------------------------------------------------- one file

    def file(self, report) -> str:
        i, words = self.count, self.words
        self.count += 1
        name = _e(report.path)
        if report.error:
            self.index.add(_json.dumps([i, report.path, report.error], ensure_ascii=False) + "\n")
            self.parts.add(f'<article class="file" id="file-{i}"><h2>{name}</h2>\n'
                           f'<p>{words["unreadable"]}: {_e(report.error)}</p></article>\n')
            return ""
        counts = report.counts()
        # The index row's facts, written at the end: the findings across documents its file owns count in it.
        self.index.add(_json.dumps([i, report.path, report.entity, report.year or "", counts["error"], counts["warning"],
                                    counts["info"], len(report.unchecked)], ensure_ascii=False) + "\n")
        marks = self._marks(i, report)
        view = report.view
        text, shown = marked_text(view, marks, words) if view is not None else ("", set())
        tables, cells = self._tables(i, view, marks) if view is not None else ("", set())
        out = [f'<article class="file" id="file-{i}">\n<h2>{name}</h2>\n',
               self._summary(i, report, counts, marks),
               self._findings(i, report, marks, shown, cells),
               f'<section class="sec disclosure" id="src-{i}">\n<h3>{words["disclosure"]}</h3>\n',
               f'<pre class="src">{text}</pre>\n' if view is not None else f'<p class="note">{words["no_view"]}</p>\n',
               "</section>\n",
               f'<section class="sec tables" id="tab-{i}">\n<h3>{words["tables"]}</h3>\n',
               tables or f'<p class="note">{words["no_tables"] if view is not None else words["no_view"]}</p>\n',
               "</section>\n",
               self._unchecked(i, report, marks, shown),
               "</article>\n"]
        self.parts.add("".join(out))
        return ""

    def _marks(self, i: int, report) -> Marks:
        marks = Marks(i)
        if report.view is not None:
            for line, column, end_line, end_column, text in report.view.consistent:
                marks.add(_Place(line, column, end_line, end_column, text), "consistent")
        for k, finding in enumerate(report.findings, 1):
            ref = (f"f-{i}-{k}", str(k))
            for j, location in enumerate(finding.locations):
                marks.add(location.span, finding.severity, ref, questioned=j == 0 and not finding.subject)
            for consequence in finding.consequences:
                for location in consequence.locations:
                    marks.add(location.span, consequence.severity, ref)
        for k, item in enumerate(report.unchecked, 1):
            for location in item.locations:
                marks.add(location.span, "unchecked", (f"u-{i}-{k}", f"?{k}"))
        return marks

    def _summary(self, i: int, report, counts: dict, marks: Marks) -> str:
        words = self.words
        outcomes: dict[str, int] = {}
        for mark in marks.places.values():
            outcomes[mark.outcome] = outcomes.get(mark.outcome, 0) + 1
        rows = [(words["entity"], _e(report.entity) or "—"), (words["year"], str(report.year or "—")),
                (words["kind"], _e(self.kinds.get(report.kind, report.kind))), (words["amount_unit"], _e(report.unit) or "—"),
                (words["by_severity"], self._counts(counts)),
                (words["checked"], words["checked_text"].format(checked=report.checked, figures=outcomes.get("consistent", 0))),
                (words["unchecked"], f'<a href="#unc-{i}">{words["unchecked_text"].format(count=len(report.unchecked))}</a>'),
                (words["not_checked_what"], words["not_checked_note"])]
        legend = "".join(f'<span class="fig o-{o}">{words[o]} {outcomes.get(o, 0)}</span>'
                         for o in ("error", "warning", "info", "consistent", "unchecked"))
        return (f'<section class="sec summary" id="sum-{i}">\n<h3>{words["summary_head"]}</h3>\n<dl class="meta">\n'
                + "".join(f"<dt>{term}</dt><dd>{value}</dd>\n" for term, value in rows)
                + f'<dt>{words["legend"]}</dt><dd class="legend">{legend}</dd>\n</dl>\n</section>\n')

    def _counts(self, counts: dict) -> str:
        words = self.words
        return words["comma"].join(f"{words[name + 's']} {counts[name]}" for name in ("error", "warning", "info"))

    def _figure_links(self, i: int, locations, marks: Marks, shown: set, cells: set) -> str:
        out = []
        for location in locations:
            span = location.span
            key = (span.line, span.column)
            where = f"{span.line}:{span.column}"
            extra = coordinates(span)
            where += f" ({_e(extra)})" if extra else ""
            text = _e(span.text)
            link = f'<a href="#{marks.id(key)}">{text}</a>' if key in shown else text
            if key in cells:
                link += f' <a class="cell" href="#{marks.id(key, "cell")}">{self.words["in_table"]}</a>'
            out.append(f'<span class="where">{where}</span> {link}')
        return " · ".join(out)

    def _findings(self, i: int, report, marks: Marks, shown: set, cells: set) -> str:
        words = self.words
        out = [f'<section class="sec findings" id="fnd-{i}">\n<h3>{words["findings"]}</h3>\n']
        if not report.findings:
            out.append(f'<p>{words["clean"]}</p>\n')
        else:
            out.append("<ol>\n")
        for k, finding in enumerate(report.findings, 1):
            sev = finding.severity
            out.append(f'<li class="finding o-{sev}" id="f-{i}-{k}" data-outcome="{sev}">\n'
                       f'<p><span class="sev">{words[sev]}</span> <code>{_e(finding.code)}</code> {_e(finding.name)}'
                       + (f" · {_e(finding.section)}" if finding.section else "") + "</p>\n"
                       f"<p>{_e(finding.message)}</p>\n")
            if finding.expected:
                out.append(f'<p>{words["stated"]} <b>{_e(finding.stated)}</b>{words["comma"]}'
                           f'{words["expected"]} <b>{_e(finding.expected)}</b></p>\n')
            if finding.context:
                out.append('<blockquote class="ctx">' + "".join(_context(line) for line in finding.context)
                           + "</blockquote>\n")
            if finding.locations:
                out.append(f'<p>{words["figures"]}: {self._figure_links(i, finding.locations, marks, shown, cells)}</p>\n')
            if finding.consequences:
                out.append(f'<p>{words["explains"]}</p>\n<ul>\n')
                for consequence in finding.consequences:
                    out.append(f"<li><code>{_e(consequence.code)}</code> {_e(consequence.message)}<br>"
                               f"{self._figure_links(i, consequence.locations, marks, shown, cells)}</li>\n")
                out.append("</ul>\n")
            out.append(f'<p class="fp">{words["fingerprint"]} {_e(finding.fingerprint)}</p>\n</li>\n')
        if report.findings:
            out.append("</ol>\n")
        out.append("</section>\n")
        return "".join(out)

    def _tables(self, i: int, view, marks: Marks) -> tuple[str, set]:
        """The rebuilt tables, each figure cell that took part in a relation marked (cell-<file>-<line>-<column>)."""
        words = self.words
        out: list[str] = []
        cells: set[tuple[int, int]] = set()
        lines = len(view.line_starts)
        for table in view.tables:
            where = words["lines"].format(first=table.first_line, last=table.last_line)
            if 1 <= table.first_line <= lines:
                where = f'<a href="#l-{i}-{table.first_line}">{where}</a>'
            out.append(f"<h4>{_e(table.title or words['untitled'])} <small>{where}</small></h4>\n<table>\n<thead><tr>"
                       + "".join(f"<th>{_e(name)}</th>" for name in table.columns) + "</tr></thead>\n<tbody>\n")
            for row in table.rows:
                out.append("<tr>")
                for text, line, column in row:
                    key = (line, column)
                    if line and key in marks.places and key not in cells:
                        cells.add(key)
                        out.append(f'<td class="n"><span {marks.attributes(key, words, "cell")}>{_e(text)}</span>'
                                   f"{marks.refs(key)}</td>")
                    else:
                        out.append(f'<td class="n">{_e(text)}</td>' if line else f"<td>{_e(text)}</td>")
                out.append("</tr>\n")
            out.append("</tbody>\n</table>\n")
        return "".join(out), cells

    def _unchecked(self, i: int, report, marks: Marks, shown: set) -> str:
        words = self.words
        out = [f'<section class="sec unchecked" id="unc-{i}">\n<h3>{words["not_checked"]}</h3>\n']
        if not report.unchecked:
            out.append(f'<p>{words["all_checked"]}</p>\n')
        else:
            out.append("<ol>\n")
            for k, item in enumerate(report.unchecked, 1):
                out.append(f'<li id="u-{i}-{k}" data-outcome="unchecked"><code>{_e(item.code)}</code> {_e(item.reason)}'
                           f"<br>{self._figure_links(i, item.locations, marks, shown, set())}</li>\n")
            out.append("</ol>\n")
        out.append("</section>\n")
        return "".join(out)

    # ----------------------------------------------------------------------- the run

    def end(self, totals):
        words = self.words
        s = totals.summary()
        if s["files"] + len(totals.skipped) > 1:
            yield (f'<nav class="sec index" id="index">\n<h2>{words["index"]}</h2>\n<table>\n<thead><tr>'
                   + "".join(f"<th>{words[name]}</th>" for name in ("file", "entity", "year", "errors", "warnings",
                                                                   "infos", "unchecked", "status"))
                   + "</tr></thead>\n<tbody>\n")
            yield from self._rows(totals)
            for path, reason in totals.skipped:
                yield f'<tr><td>{_e(path)}</td><td colspan="7">{words["skipped_short"]}: {_e(reason)}</td></tr>\n'
            yield (f'<tr><th>{words["total"]} ({s["files"]})</th><th></th><th></th>'
                   + "".join(f'<th class="n">{s[name]}</th>' for name in ("error", "warning", "info", "unchecked"))
                   + "<th></th></tr>\n</tbody>\n</table>\n")
            if totals.waived or totals.baselined:
                yield f'<p>{_e(words["accepted_memo"].format(waived=totals.waived, baselined=totals.baselined))}</p>\n'
            yield "</nav>\n"
        yield from self.parts.read()
        yield self._across(totals)
        line = words["summary"].format(checked=totals.checked, **s)
        yield f'<p class="note">{_e(line)} · budgetaudit {_e(self.version)}</p>\n' + TAIL

    def _rows(self, totals):
        """The index's rows, a file's findings across documents (it owns them: the later file) counted in its row."""
        words = self.words
        across = {report.path: report.counts() for report in totals.cross_document}
        rest = ""
        for chunk in self.index.read():
            *lines, rest = (rest + chunk).split("\n")
            for line in lines:
                row = _json.loads(line)
                i, path = row[0], row[1]
                name = f'<td><a href="#file-{i}">{_e(path)}</a></td>'
                if len(row) == 3:
                    yield f'<tr>{name}<td colspan="7">{words["unreadable"]}: {_e(row[2])}</td></tr>\n'
                    continue
                entity, year, errors, warnings, infos, unchecked = row[2:]
                more = across.get(path)
                if more:
                    errors, warnings, infos = errors + more["error"], warnings + more["warning"], infos + more["info"]
                status = words["fix"] if errors else words["review"] if warnings or unchecked else words["pass"]
                yield (f"<tr>{name}<td>{_e(entity)}</td><td>{year}</td>"
                       + "".join(f'<td class="n">{n}</td>' for n in (errors, warnings, infos, unchecked))
                       + f"<td>{status}</td></tr>\n")

    def _across(self, totals) -> str:
        """The findings across documents (crossdoc.py), each figure with its file; the documents not compared."""
        if not totals.cross_document and not totals.not_compared:
            return ""
        words, link = self.words, section(self.options.lang, "link")
        out = [f'<section class="sec across" id="across">\n<h2>{_e(link["section"])}</h2>\n<ol>\n']
        for report in totals.cross_document:
            for finding in report.findings:
                sev = finding.severity
                figures = " · ".join(f"<code>{_e(loc.file)}</code> {loc.span.line}:{loc.span.column} {_e(loc.span.text)}"
                                     for loc in finding.locations)
                out.append(f'<li class="finding o-{sev}" data-outcome="{sev}">\n<p><span class="sev">{words[sev]}</span> '
                           f"<code>{_e(finding.code)}</code> {_e(finding.name)}</p>\n<p>{_e(finding.message)}</p>\n"
                           f"<p>{figures}</p>\n<p><code>{_e(finding.fingerprint)}</code></p>\n</li>\n")
        out.append("</ol>\n")
        for file, partner, reason in totals.not_compared:
            out.append(f"<p>{_e(link['not_compared'])}: <code>{_e(file)}</code> ↔ <code>{_e(partner)}</code>: "
                       f"{_e(link.get(reason, reason))}</p>\n")
        return "".join(out) + "</section>\n"

    def close(self) -> None:
        self.index.close()
        self.parts.close()


class _Place:
    """A place of the view as the marks take it (a Span's fields)."""

    __slots__ = ("line", "column", "end_line", "end_column", "text")

    def __init__(self, line: int, column: int, end_line: int, end_column: int, text: str):
        self.line, self.column, self.end_line, self.end_column, self.text = line, column, end_line, end_column, text


def render(result, options=None) -> str:
    return render_with(Writer, result, options)
