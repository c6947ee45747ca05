"""Performance-evaluation tables (绩效自评表, 绩效目标表) read from the rebuilt tables."""

from __future__ import annotations


def extract(document) -> None:
    """Append the document's evaluation tables to `document.evaluations`."""
    return None
