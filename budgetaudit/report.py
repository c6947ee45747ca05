"""What a check returns: findings, relations that could not be checked, and per-file reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .source import Span

if TYPE_CHECKING:
    from .view import DocumentView

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass(slots=True, eq=False)
class Location:
    """A figure involved in a relation: its place, the key it was read with (for inspection; no part of
    the fingerprint), and its role in the relation with its concept (the fingerprint's, see fingerprint.py)."""

    span: Span
    key: str = ""
    role: str = ""
    concept: str = ""
    file: str = ""  # set on the figures of a finding across documents (crossdoc.py): the file each stands in

    def as_dict(self) -> dict:
        if self.file:
            return {"file": self.file, **self.span.as_dict()}
        return self.span.as_dict()


@dataclass(slots=True, eq=False)
class ContextLine:
    """A line shown around a finding's questioned figure, which stands at text[mark_start:mark_end] (-1: not on it)."""

    text: str
    mark_start: int = -1
    mark_end: int = -1

    def as_dict(self) -> dict:
        out: dict = {"text": self.text}
        if self.mark_start >= 0:
            out["mark"] = [self.mark_start, self.mark_end]
        return out

    def parts(self) -> tuple[str, str, str] | None:
        """(the text before the questioned figure, the figure, the text after), or None where it is not on it."""
        if self.mark_start < 0:
            return None
        return self.text[: self.mark_start], self.text[self.mark_start : self.mark_end], self.text[self.mark_end :]


@dataclass(slots=True, eq=False)
class Finding:
    code: str
    name: str
    severity: str
    message: str
    locations: list[Location]  # the questioned figure first
    expected: str
    stated: str
    fingerprint: str = ""
    section: str = ""
    subject: str = ""  # a document-level finding: what it is about (what is missing), for the fingerprint
    expired_waiver: dict | None = None  # the waiver that matched it, past its `until` date
    # The sentence around the questioned figure, or the rows of its table (context.py).
    context: list[ContextLine] = field(default_factory=list)
    # A root finding: the failed relations its one correction explains (rootcause.py), each a finding.
    consequences: list[Finding] = field(default_factory=list)
    # (line, column) of a change whose direction word, reversed, makes this relation hold (TOT003's hint): the
    # root-cause step puts this finding under the one that questions that word (rootcause.join_reversed).
    reversed_at: tuple[int, int] | None = None
    is_root: bool = False  # made by rootcause.collapse for a figure: no relation of its own, only its consequences
    # A finding across documents (crossdoc.py): its partner document's kind and year in the run's language
    # ("2025年预算"), for the formats that name it beside the partner's file (docx); no part of the JSON.
    partner: str = ""

    def failed(self) -> list[Finding]:
        """The failed relations this finding stands for: a root finding's consequences; any other finding, itself
        and those joined under it."""
        return self.consequences if self.is_root else [self, *self.consequences]

    @property
    def line(self) -> int:
        return self.locations[0].span.line if self.locations else 0

    @property
    def column(self) -> int:
        return self.locations[0].span.column if self.locations else 0

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "locations": [loc.as_dict() for loc in self.locations],
            "expected": self.expected,
            "stated": self.stated,
            "fingerprint": self.fingerprint,
            **({"section": self.section} if self.section else {}),
            **({"context": [line.as_dict() for line in self.context]} if self.context else {}),
            **({"consequences": [c.as_dict() for c in self.consequences]} if self.consequences else {}),
            **({"expired_waiver": self.expired_waiver} if self.expired_waiver else {}),
        }


@dataclass(slots=True, eq=False)
class Unchecked:
    code: str
    reason: str
    locations: list[Location]

    @property
    def line(self) -> int:
        return self.locations[0].span.line if self.locations else 0

    def as_dict(self) -> dict:
        return {"code": self.code, "reason": self.reason, "locations": [loc.as_dict() for loc in self.locations]}


@dataclass(slots=True, repr=False, eq=False)
class FileReport:
    path: str
    kind: str = "unknown"
    year: int | None = None
    entity: str = ""
    unit: str = ""
    findings: list[Finding] = field(default_factory=list)
    unchecked: list[Unchecked] = field(default_factory=list)
    checked: int = 0
    error: str = ""  # set when the input could not be read; the file then has no findings
    not_a_disclosure: bool = False  # the error says the content is no disclosure (walked files are skipped)
    # The text, consistent figures and rebuilt tables (view.py): kept only when a format asks (html).
    view: DocumentView | None = None
    # What the cross-document rules read of this file (crossdoc.Digest), carried from the worker to the batch,
    # which takes it off before the report is written.
    digest: object = None

    def sort(self) -> None:
        self.findings.sort(key=lambda f: (f.line, f.column, f.code, f.fingerprint))
        self.unchecked.sort(key=lambda u: (u.line, u.code, u.reason))

    def assign_fingerprints(self) -> None:
        from .fingerprint import assign

        assign(self.findings)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            out[finding.severity] += 1
        return out

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "document": {"kind": self.kind, "year": self.year, "entity": self.entity, "unit": self.unit},
            "findings": [f.as_dict() for f in self.findings],
            "unchecked": [u.as_dict() for u in self.unchecked],
            "coverage": {"relations_checked": self.checked, "relations_unchecked": len(self.unchecked)},
        }
