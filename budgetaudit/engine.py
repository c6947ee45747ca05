"""Run every rule over one document and collect a FileReport.

The engine knows nothing about any rule: it hands each rule to its kind's
`check(rule, document, reporter)`. The reporter turns a judgement into a
finding (or into an unchecked entry), so severity from outcome, expected
ranges and evidence are built the same way for every kind.
"""

from __future__ import annotations

import bisect
import gc
import re
from typing import Final

from . import context, crossref, evaluation, evaluation_line, own_year, prose, rootcause, title
from .concepts import Dictionary, default_dictionary
from .document import Document, Fact
from .figures import Figure, format_range, format_ratio, terms
from .kinds import KINDS
from .relations import Judgement, Outcome
from .report import FileReport, Finding, Location, Unchecked
from .ruleset import Rule, RuleSet, load_hints, render
from .source import Source, Span


# Each figure's role in its relation, for the fingerprint (fingerprint.py): the questioned figure is
# "stated"; the others take their kind's names in order (the last name repeats). A figure read as the
# printed base of a change (context "prior") is a "base", the whole of a rate (context "whole") a "total".
_ROLES: Final[dict[str, tuple[str, ...]]] = {
    "sum": ("part",),
    "share": ("part", "total"),
    "average": ("total", "count"),
    "agree": ("copy",),
    "equal": ("copy",),
    "change/base": ("current", "base"),
    "change/rate": ("part", "current"),
    "change/direction": ("part", "current"),
    "change/flat": ("other",),
}
_CONTEXT_ROLES: Final[dict[str, str]] = {"prior": "base", "whole": "total"}


def roles_of(rule: Rule, count: int) -> list[str]:
    """The role of each of `count` figures of one of the rule's findings."""
    names = _ROLES.get(rule.kind)
    if names is None:
        names = _ROLES.get(f"{rule.kind}/{rule.params.get('check', '')}", ("input",))
    return ["stated" if i == 0 else names[min(i - 1, len(names) - 1)] for i in range(count)]


def key_text(fact: Fact) -> str:
    k = fact.key
    return f"{k.concept}/{k.period}/{k.measure}/{k.scope}/{k.quantity}"


def location(item: Fact | Figure | Span, role: str = "") -> Location:
    if isinstance(item, Fact):
        return Location(item.span, key_text(item), _CONTEXT_ROLES.get(item.context, role) if role != "stated" else role,
                        item.key.concept)
    if isinstance(item, Span):
        return Location(item, "", role)
    return Location(item.span, "", role)


class Reporter:
    """Collects what the kinds report for one document, in one language."""

    def __init__(self, report: FileReport, lang: str, hints: dict[str, dict[str, str]]):
        self.report = report
        self.lang = lang
        self.hints = hints
        # What several rules derive alike from this one document (e.g. how an evaluation table is read),
        # computed by the first that asks: keyed by the kind's own names.
        self.memo: dict = {}
        # Every relation judged, as (Judgement.args, stated, inputs, the finding it gave or None, the judgement), for
        # rootcause.py; kept raw (a tuple each) since most documents have no group of failed relations to explain.
        self.relations: list[tuple] = []

    def hint(self, name: str, **values: str) -> str:
        texts = self.hints.get(name, {})
        return render(texts.get(self.lang) or texts.get("zh", ""), values)

    def join(self, items) -> str:
        """Items of a list in a message, in the report's language (A、B、C; A, B, C)."""
        return self.hint("list_separator").join(items)

    def unchecked(self, code: str, reason: str, items: list, **values: str) -> None:
        """A relation that was found but could not be judged; `reason` names a text in rules/hints.toml."""
        text = self.hint(reason, **values) or reason
        self.report.unchecked.append(Unchecked(code, text, [location(i) for i in items]))

    def finding(
        self, rule: Rule, severity: str, values: dict[str, str], items: list, expected: str, stated: str,
        subject: str = "",
    ) -> None:
        """One finding; `subject` names what a document-level finding is about (its fingerprint's identity
        instead of its figures)."""
        values = {"stated": stated, "expected": expected, **values}
        message = rule.render(self.lang, values).strip()
        roles = roles_of(rule, len(items))
        locations = [location(item, role) for item, role in zip(items, roles)]
        self.report.findings.append(
            Finding(rule.code, rule.name, severity, message, locations, expected, stated, subject=subject)
        )

    def judged(
        self,
        rule: Rule,
        judgement: Judgement,
        stated: Fact | Figure,
        inputs: list,
        values: dict[str, str],
        hint: str = "",
    ) -> Outcome:
        """Count the relation, and report it unless the printed arithmetic holds exactly."""
        figure = stated.figure if isinstance(stated, Fact) else stated
        if judgement.outcome is Outcome.UNCHECKED:
            self.unchecked(rule.code, judgement.reason, [stated, *inputs])
            return judgement.outcome
        self.report.checked += 1
        if judgement.outcome is Outcome.EXACT:
            self._remember(judgement, stated, inputs, None)
            return judgement.outcome
        severity = {
            Outcome.INCONSISTENT: rule.severity,
            Outcome.TRUNCATION: "warning" if rule.severity != "info" else "info",
            Outcome.ROUNDING: "info",
        }[judgement.outcome]
        computed = judgement.computed
        assert computed is not None  # every judged outcome but UNCHECKED has its range
        expected = format_range(computed, figure)
        printed = figure.format(judgement.printed) if judgement.printed is not None else expected
        why = {
            Outcome.INCONSISTENT: self.hint("inconsistent", expected=expected),
            Outcome.TRUNCATION: self.hint("truncation", printed=printed),
            Outcome.ROUNDING: self.hint("rounding", printed=printed),
        }[judgement.outcome]
        if judgement.outcome is Outcome.INCONSISTENT and hint:
            why = f"{why}{self.hint('separator')}{hint}"
        gap = ""
        if judgement.outcome is Outcome.INCONSISTENT and judgement.printed is not None:
            base_num, base_den = terms(figure.base_value)
            printed_num, printed_den = terms(judgement.printed)
            gap_num = base_num * printed_den - printed_num * base_den
            gap = ("+" if gap_num > 0 else "") + format_ratio(gap_num, base_den * printed_den * figure.scale,
                                                              max(figure.decimals, 2)) + (figure.unit or "")
        self.finding(rule, severity, {**values, "why": why, "gap": gap}, [stated, *inputs], expected, figure.text)
        self._remember(judgement, stated, inputs, self.report.findings[-1])
        return judgement.outcome

    def _remember(self, judgement: Judgement, stated, inputs: list, finding: Finding | None) -> None:
        if judgement.args is not None:
            self.relations.append((judgement.args, stated, inputs, finding, judgement))


_SECTION: Final = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|附件\s*\d+|附表\s*\d+)")


# A heading after a line break, found in the whole text at once: the regex engine scans for the
# literal \n, far faster than matching at every line start in a loop.
_SECTION_AFTER_BREAK: Final = re.compile(r"\n[^\S\r\n]*(?:[一二三四五六七八九十]+、|附件\s*\d+|附表\s*\d+)")


def sections(source: Source) -> list[tuple[int, str]]:
    """(line, heading) of every top-level heading, for grouping a report by section."""
    lines, starts = source.lines(), source.line_starts
    if "\r" in source.norm:  # other line breaks (rare): every line is a candidate
        candidates: list[int] = list(range(len(lines)))
    else:
        candidates = [0] + [
            bisect.bisect_right(starts, m.start() + 1) - 1 for m in _SECTION_AFTER_BREAK.finditer(source.norm)
        ]
    out = []
    for index in candidates:
        line = lines[index][1]
        if _SECTION.match(line) and len(line.strip()) < 60:
            out.append((index + 1, line.strip().rstrip("|").strip()))
    return out


def read_document(source: Source, dictionary: Dictionary | None = None, native_tables: list | None = None) -> Document:
    """Extract every fact and claimed relation of one disclosure.

    `native_tables` are tables a reader took from the file's own structure (.docx, .xlsx, .html);
    without them the tables are rebuilt from the flattened text.
    """
    collecting = _pause_collector()
    try:
        return _read_document(source, dictionary, native_tables)
    finally:
        _resume_collector(collecting)


def _pause_collector() -> bool:
    """Pause Python's cyclic garbage collector for one document's reading or checking; whether it ran.

    Reading a document builds a graph of records that all stay alive until it is checked, and makes
    next to no cyclic garbage; the collector would walk that growing graph again and again, which made
    time per MB grow with the document's size (1.5× at 2 MB, 1.6× at 20 MB, where paused: 1.0×).
    Memory is unchanged: what cycles a document leaves, the next collection after it finds."""
    collecting = gc.isenabled()
    gc.disable()
    return collecting


def _resume_collector(collecting: bool) -> None:
    if collecting:
        gc.enable()


def _read_document(source: Source, dictionary: Dictionary | None, native_tables: list | None) -> Document:
    from . import tables

    dictionary = dictionary or default_dictionary()
    document = Document(source)
    document.joint = dictionary.joint
    title.read(source, document)
    document.own_years = own_year.read(source, document)
    if native_tables is None:
        tables.extract(source, document, dictionary)
    else:
        tables.add_native(document, dictionary, native_tables)
    prose.extract(source, document, dictionary)
    crossref.equivalent_scopes(document)
    crossref.derive_partitions(document, dictionary)
    crossref.derive_change_partitions(document, dictionary)
    evaluation.extract(document)
    evaluation_line.extract(document)
    return document


def check_document(document: Document, ruleset: RuleSet, lang: str = "zh", view: bool = False) -> FileReport:
    """Run every rule of `ruleset` over one document (the cyclic collector paused, as for reading); `view`:
    keep what a report of the whole document needs (view.py, the html format), only when it is asked for."""
    collecting = _pause_collector()
    try:
        return _check_document(document, ruleset, lang, view)
    finally:
        _resume_collector(collecting)


def _once_each(findings: list) -> list:
    """One finding per mistake: a finding with the same code, the same questioned figure and the same set of
    figures as an earlier one (a flat claim met from two readings of one sentence) is that finding again."""
    seen: set = set()
    out = []
    for finding in findings:
        spans = [(loc.span.line, loc.span.column, loc.span.text) for loc in finding.locations]
        identity = (finding.code, spans[0] if spans else None, frozenset(spans))
        if identity not in seen:
            seen.add(identity)
            out.append(finding)
    return out


def _check_document(document: Document, ruleset: RuleSet, lang: str, view: bool = False) -> FileReport:
    report = FileReport(
        document.source.path, document.kind, document.year, document.entity, document.unit
    )
    reporter = Reporter(report, lang, load_hints())
    for rule in ruleset.rules:
        KINDS[rule.kind].check(rule, document, reporter)
    for doubt in document.doubts:
        reporter.unchecked(doubt.code, doubt.reason, list(doubt.spans), **doubt.values)
    report.findings = _once_each(report.findings)
    report.findings = rootcause.collapse(report.findings, reporter.relations, reporter.hint)
    report.findings = rootcause.join_reversed(report.findings, reporter.hint)
    report.findings = rootcause.join_same_correction(report.findings, reporter.hint)
    context.attach(document, report.findings, sections(document.source))
    report.assign_fingerprints()
    report.sort()
    if view:
        from .view import build

        report.view = build(document, reporter.relations)
    return report
