"""Extraction doubts (family EXT): reported as unchecked by the engine, never as findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ..document import Document

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final[dict] = {}
PLACEHOLDERS: Final = {"stated", "expected", "why", "gap"}


def check(rule, document: Document, reporter: Reporter) -> None:
    return None
