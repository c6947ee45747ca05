"""Attached tables rebuilt from flattened text (see docs/architecture.md)."""

from __future__ import annotations


def extract(source, document, dictionary) -> None:
    """Append the document's tables, their facts, sum groups and doubts to `document`."""
    return None
