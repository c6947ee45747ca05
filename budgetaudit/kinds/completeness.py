"""What a disclosure must contain: its sections and its standard attached tables.

check = "sections": each `name=word|word` of `sections` must occur in the text.
check = "evaluations": 对N个项目开展了绩效自评 against the project self-evaluation tables present:
                    fewer is a warning, or info where the text says the rest are published
                    separately (另行公开); none at all is info (the tables are often a separate file).
check = "tables":   each `kind=name` of `budget_tables` / `final_tables` must be among the
                    rebuilt tables. With no table at all the note is info (the tables are often
                    published as a separate file); with some tables present, one finding lists the
                    missing ones.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from ..document import Document
from ..source import GARBLE

if TYPE_CHECKING:
    from ..engine import Reporter



PARAMS: Final = {
    "check": (str, ...),
    "sections": (list, []),
    "budget_tables": (list, []),
    "final_tables": (list, []),
    "part_titles": (list, []),
}
PLACEHOLDERS: Final = {"missing", "stated", "expected", "why", "gap"}


def _pairs(entries: list[str]) -> list[tuple[str, list[str]]]:
    out = []
    for entry in entries:
        name, _, words = entry.partition("=")
        out.append((name, words.split("|") if words else [name]))
    return out


def _title(document: Document):
    for offset, line in document.source.lines():
        if line.strip():
            start = offset + len(line) - len(line.lstrip())
            return document.source.span(start, offset + len(line.rstrip()))
    return None


_TITLE_LINE: Final = re.compile(r"^[^。，,；;]{4,60}$")


def _titled(document: Document, part_words: list[str]) -> bool:
    """Whether the text opens with a whole disclosure's title (部门决算公开说明 within its first three lines): a
    text that does not (a news item, a page that starts with 第一部分 概况), or whose title names one part
    (2016年部门决算其他事项说明, …“三公”经费说明), may be part of one, so what it lacks is said as info."""
    head = [line.strip() for _, line in document.source.lines()[:12] if line.strip()][:3]
    titles = [line for line in head if _TITLE_LINE.match(line) and ("预算" in line or "决算" in line)]
    return bool(titles) and not any(word in line for line in titles for word in part_words)


def check(rule, document: Document, reporter: Reporter) -> None:
    title = _title(document)
    if title is None or document.kind == "unknown":
        return
    if rule.params["check"] == "evaluations":
        check_evaluations(rule, document, reporter)
        return
    if rule.params["check"] == "sections":
        # 經(jīng)費: pinyin a page inserted is read past, as the narrative reader reads past it.
        text = GARBLE.sub("", document.source.norm.replace("“", "").replace("”", "").replace('"', ""))
        missing = [name for name, words in _pairs(rule.params["sections"]) if not any(w in text for w in words)]
        reporter.report.checked += 1
        if missing:
            # A text holding at most half of the sections is a part published on its own (a “三公”经费
            # page, a chapter): say what it lacks as info, as CMP002 does for a separate set of tables.
            part_words = [w for _, words in _pairs(rule.params["sections"]) for w in words]
            part_words += rule.params.get("part_titles", [])
            partial = 2 * len(missing) >= len(rule.params["sections"]) or not _titled(document, part_words)
            _report(rule, reporter, "info" if partial else rule.severity, missing, title)
        return
    wanted = _pairs(rule.params["budget_tables" if document.kind == "budget" else "final_tables"])
    if not wanted:
        return
    if any(doubt.code == "EXT006" for doubt in document.doubts):
        # A scanned page may hold the missing tables: say nothing is missing rather than guess.
        reporter.unchecked(rule.code, "scanned_pages", [title])
        return
    kinds = {table.kind for table in document.tables}
    missing = [words[0] for kind, words in wanted if kind not in kinds]
    reporter.report.checked += 1
    if not missing:
        return
    if len(missing) == len(wanted):
        _report(rule, reporter, "info", [reporter.hint("all_tables_absent")], title, "all_tables_absent")
    elif len(wanted) - len(missing) <= 2:
        # One or two tables of the set (a “三公”经费 page with its table): a part published on its own.
        _report(rule, reporter, "info", missing, title)
    else:
        _report(rule, reporter, rule.severity, missing, title)


_EVALUATED: Final = re.compile(r"对[^。；;，,]{0,12}?(?P<n>\d+)\s*个[^。；;，,个]{0,8}?项目开展了?(?:绩效)?自评")
_ELSEWHERE: Final = re.compile(r"另行公开|单独公开|另附|另行发布")


def check_evaluations(rule, document: Document, reporter: Reporter) -> None:
    if document.kind != "final_account":
        return
    source = document.source
    claim = _EVALUATED.search(source.norm)
    if claim is None:
        return
    stated = int(claim.group("n"))
    where = source.span(claim.start("n"), claim.end("n"))
    projects = [e for e in document.evaluations if e.kind == "self_evaluation" and "整体" not in e.title]
    reporter.report.checked += 1
    if len(projects) >= stated:
        return
    sentence_end = source.norm.find("。", claim.end())
    elsewhere = _ELSEWHERE.search(source.norm, claim.end(), sentence_end if sentence_end != -1 else len(source.norm))
    severity = "info" if not projects or elsewhere else rule.severity
    missing = reporter.hint("evaluations_published", stated=str(stated), published=str(len(projects)))
    _report(rule, reporter, severity, [missing], where, f"evaluations {stated}>{len(projects)}")


def _report(rule, reporter: Reporter, severity, missing, title, subject: str = "") -> None:
    # The fingerprint of a document-level finding is the rule and what is missing (in words that do not
    # change with --lang), never the title it is placed at.
    text = "、".join(missing)  # the fingerprint's words, whatever the language of the report
    reporter.finding(rule, severity, {"missing": reporter.join(missing), "why": ""}, [title], "", title.text,
                     subject or "missing " + text)
