"""A check of several inputs: what the CLI hands to a format."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import __version__
from .engine import check_document, read_document
from .report import SEVERITY_RANK, FileReport
from .ruleset import RuleSet
from .readers import read
from .source import InputError


@dataclass(slots=True)
class Result:
    files: list[FileReport] = field(default_factory=list)
    version: str = __version__

    def summary(self) -> dict[str, int]:
        out = {"files": len(self.files), "error": 0, "warning": 0, "info": 0, "unchecked": 0}
        for report in self.files:
            for severity, count in report.counts().items():
                out[severity] += count
            out["unchecked"] += len(report.unchecked)
        return out

    @property
    def unreadable(self) -> list[FileReport]:
        return [r for r in self.files if r.error]

    def exit_code(self, fail_on: str, fail_on_unchecked: bool = False) -> int:
        if self.unreadable:
            return 2
        threshold = SEVERITY_RANK[fail_on]
        for report in self.files:
            if any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings):
                return 1
            if fail_on_unchecked and report.unchecked:
                return 1
        return 0


def check_path(path: str, ruleset: RuleSet, lang: str = "zh") -> FileReport:
    """Check one input; an unreadable input gives a report carrying the reason."""
    try:
        source, native_tables = read(path)
    except InputError as exc:
        return FileReport(path, error=str(exc))
    document = read_document(source, native_tables=native_tables)
    if not document.facts and not document.tables:
        return FileReport(path, document.kind, document.year, document.entity, error="no figures found: not a disclosure")
    return check_document(document, ruleset, lang)


def check_paths(paths: list[str], ruleset: RuleSet, lang: str = "zh") -> Result:
    result = Result()
    for path in paths:
        result.files.append(check_path(path, ruleset, lang))
    return result
