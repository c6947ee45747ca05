"""What a run keeps: `Totals` (the counts, exit-code facts, skipped and unreadable files, waivers and baseline of a
whole run, kept while its reports stream past) and `Result` (every report at once, for library use)."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import __version__
from .report import SEVERITY_RANK, FileReport


@dataclass(slots=True, repr=False, eq=False)
class RunNotes:
    """What a run notes besides its files' reports, kept alike by `Totals` and `Result`."""

    version: str = __version__
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): walked files with no disclosure
    waived: int = 0
    baselined: int = 0
    stale_waivers: list = field(default_factory=list)  # config.Waiver
    warnings: list[str] = field(default_factory=list)
    # Findings across documents (crossdoc.py): a report per owning file, findings only, after every file's part.
    cross_document: list[FileReport] = field(default_factory=list)
    not_compared: list[tuple[str, str, str]] = field(default_factory=list)  # (file, partner, reason)


@dataclass(slots=True, repr=False, eq=False)
class Totals(RunNotes):
    """What a run keeps of its files once each is written: counts, exit-code facts, skipped and
    unreadable files, waivers and baseline, warnings."""

    files: int = 0
    error: int = 0
    warning: int = 0
    info: int = 0
    unchecked: int = 0
    checked: int = 0  # relations checked
    worst: int = -1  # SEVERITY_RANK of the most severe finding
    unreadable: list[FileReport] = field(default_factory=list)  # reports with an error (and nothing else)

    def _count_findings(self, report: FileReport) -> None:
        counts = report.counts()
        self.error += counts["error"]
        self.warning += counts["warning"]
        self.info += counts["info"]
        self.worst = max([self.worst] + [SEVERITY_RANK[severity] for severity, n in counts.items() if n])

    def add_cross(self, report: FileReport) -> None:
        """Count the findings across documents a file owns (after waivers and baseline): in the counts and the
        exit code, never as another file."""
        self._count_findings(report)
        if report.findings:
            self.cross_document.append(report)

    def add(self, report: FileReport) -> None:
        """Count one file of the report (after waivers and baseline)."""
        self.files += 1
        self._count_findings(report)
        self.unchecked += len(report.unchecked)
        self.checked += report.checked
        if report.error:
            self.unreadable.append(FileReport(report.path, error=report.error, not_a_disclosure=report.not_a_disclosure))

    def summary(self) -> dict[str, int]:
        return {"files": self.files, "error": self.error, "warning": self.warning, "info": self.info,
                "unchecked": self.unchecked}

    def exit_code(self, fail_on: str, fail_on_unchecked: bool = False, exit_zero: bool = False) -> int:
        if self.unreadable:
            return 2
        if exit_zero:
            return 0
        if self.worst >= SEVERITY_RANK[fail_on] or (fail_on_unchecked and self.unchecked):
            return 1
        return 0


@dataclass(slots=True, repr=False, eq=False)
class Result(RunNotes):
    """Every report of a run at once (library use and tests; the CLI streams through `Batch`)."""

    files: list[FileReport] = field(default_factory=list)
    checked_across: int = 0

    def totals(self) -> Totals:
        out = Totals(version=self.version, skipped=list(self.skipped), waived=self.waived, baselined=self.baselined,
                     stale_waivers=list(self.stale_waivers), warnings=list(self.warnings))
        for report in self.files:
            out.add(report)
        for report in self.cross_document:
            out.add_cross(report)
        out.not_compared = list(self.not_compared)
        out.checked += self.checked_across
        return out

    def summary(self) -> dict[str, int]:
        return self.totals().summary()

    @property
    def unreadable(self) -> list[FileReport]:
        return [r for r in self.files if r.error]

    def exit_code(self, fail_on: str, fail_on_unchecked: bool = False, exit_zero: bool = False) -> int:
        return self.totals().exit_code(fail_on, fail_on_unchecked, exit_zero)
