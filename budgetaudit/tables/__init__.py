"""Attached tables rebuilt from flattened text (see docs/architecture.md).

blocks.py finds tables in any layout (one reader per layout: layout_*.py),
build.py rebuilds header and columns (header.py, columns.py, structure.py),
facts.py turns the cells into Facts, SumGroups and doubts, render.py shows a table.
"""

from __future__ import annotations

from . import blocks, build, facts


def read_tables(source) -> list[build.Built]:
    out: list[build.Built] = []
    for block in blocks.find(source.lines()):
        out.extend(build.build(source, block))
    return out


def add_native(document, dictionary, native_tables: list) -> None:
    """Tables a reader took from the file's own structure (issue 8 fills this in)."""
    raise NotImplementedError("native tables are not supported yet")


def extract(source, document, dictionary) -> None:
    """Append the document's tables, their facts, sum groups and doubts to `document`."""
    for built in read_tables(source):
        document.tables.append(built.table)
        facts.add(document, dictionary, built)
