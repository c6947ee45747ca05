"""Extraction doubts (family EXT): reported as unchecked by the engine, never as findings."""

from typing import Final

PARAMS: Final[dict] = {}
PLACEHOLDERS: Final = {"stated", "expected", "why", "gap"}


def check(rule, document, reporter) -> None:
    return None
