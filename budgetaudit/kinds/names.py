"""A count and the names listed after it: 直属事业单位10个，即A、B、C。 The count is one of the numbers of names
the readings of the list give (prose/names.py says which readings there are)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..document import Document

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final[dict[str, tuple]] = {}
PLACEHOLDERS: Final = {"label", "stated", "expected", "names"}


def check(rule, document: Document, reporter: Reporter) -> None:
    for listed in document.named_counts:
        reporter.report.checked += 1
        count = listed.count.value
        if listed.fewest <= count <= listed.most:
            continue
        expected = str(listed.fewest) if listed.fewest == listed.most else f"{listed.fewest}–{listed.most}"
        expected += listed.count.unit or ""
        names = reporter.join(name.text.strip() for name in listed.names)
        reporter.finding(rule, rule.severity, {"label": listed.label, "names": names},
                         [listed.count, *listed.names], expected, listed.count.text)
