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
    """Tables a reader took from the file's own structure (.docx, .xlsx/.xls, .html, .pdf).

    Each real grid goes through the same header, structure and facts as a rebuilt table, with
    every cell's column certain (native.py). Text outside the grids may still hold flattened
    tables (TAB-aligned paragraphs, a PDF page without ruling lines): those are rebuilt from
    the text as usual. A part without extractable text (a scanned page) is a doubt, never
    missing content.
    """
    from ..document import Doubt
    from . import native

    source = document.source
    lines = source.lines()
    covered: set[int] = set()
    built_all: list[build.Built] = []
    previous_end = 0
    grids = sorted((t for t in native_tables if isinstance(t, native.NativeTable)), key=lambda t: t.first_line)
    for table in grids:
        heading, unit_line = blocks.heading_above(lines, table.first_line - 1, previous_end)
        built_all.append(native.build_native(source, table, heading, unit_line))
        covered.update(range(table.first_line - 1, table.last_line))
        previous_end = table.last_line
    outside = [(offset, "" if index in covered else line) for index, (offset, line) in enumerate(lines)]
    for block in blocks.find(outside):
        built_all.extend(build.build(source, block))
    for built in sorted(built_all, key=lambda b: b.table.first_line):
        document.tables.append(built.table)
        facts.add(document, dictionary, built)
    for item in native_tables:
        if isinstance(item, native.Unreadable):
            document.doubts.append(Doubt(native.SCANNED, item.reason, [source.span(item.start, item.end)]))


def extract(source, document, dictionary) -> None:
    """Append the document's tables, their facts, sum groups and doubts to `document`."""
    for built in read_tables(source):
        document.tables.append(built.table)
        facts.add(document, dictionary, built)
