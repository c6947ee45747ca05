"""Extraction doubts (family EXT): reported as unchecked by the engine, never as findings."""

PARAMS: dict = {}
PLACEHOLDERS = {"stated", "expected", "why", "gap"}


def check(rule, document, reporter) -> None:
    return None
