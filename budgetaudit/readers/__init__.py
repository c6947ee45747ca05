"""Readers: one per file format, each giving the same Source (the prose, in reading order) and,
where the format has real tables, the tables themselves. Nothing after a reader knows the file type.

Plain text (any of the encodings source.py decodes) is the only format so far; its tables are
rebuilt from the flattened text by budgetaudit.tables.
"""

from __future__ import annotations

from ..source import Source, load


def read(path: str, data: bytes | None = None) -> tuple[Source, list | None]:
    """The Source of one input and its native tables (None: rebuild them from the text)."""
    return load(path, data), None
