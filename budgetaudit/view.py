"""What a report of the whole document needs beyond the findings (the html format): the text as given, the
figures every relation found consistent, and the rebuilt tables' cells with the places they were printed.

Built once per document by the engine, and only when such a report is asked for (`check_document(…,
view=True)`): the default check carries none of it. A view is plain lists of strings and integers, since it
crosses the process pool inside a FileReport. The outcomes of failed relations are not kept here: the
report's own findings give them, after waivers and a baseline have had their say.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .source import Span

# A place in the text: (line, column, end line, end column, printed text), as a Span gives them.
Place = tuple[int, int, int, int, str]


@dataclass(slots=True, eq=False)
class TableView:
    """A rebuilt table as the report shows it: column names, and each row's cells as (text, line, column),
    line 0 where the cell holds no figure."""

    title: str
    first_line: int
    last_line: int
    columns: list[str]
    rows: list[list[tuple[str, int, int]]]


@dataclass(slots=True, eq=False)
class DocumentView:
    text: str
    line_starts: list[int]
    consistent: list[Place] = field(default_factory=list)  # figures of relations that hold exactly
    tables: list[TableView] = field(default_factory=list)


def place(span: Span) -> Place:
    return (span.line, span.column, span.end_line, span.end_column, span.text)


def _span(item) -> Span | None:
    if isinstance(item, Span):
        return item
    span = getattr(item, "span", None)
    return span if isinstance(span, Span) else None


def build(document, relations: list[tuple]) -> DocumentView:
    """The view of one checked document; `relations` are the Reporter's raw judged relations
    (Judgement.args, stated, inputs, the finding or None, the judgement)."""
    from .tables.render import cell_text

    seen: set[Place] = set()
    consistent: list[Place] = []
    for _, stated, inputs, finding, _ in relations:
        if finding is not None:
            continue
        for item in (stated, *inputs):
            span = _span(item)
            if span is not None:
                key = place(span)
                if key not in seen:
                    seen.add(key)
                    consistent.append(key)
    consistent.sort()
    tables = []
    for table in sorted(document.tables, key=lambda t: t.first_line):
        columns = [column.name or str(k + 1) for k, column in enumerate(table.columns)]
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                figure = cell.figure
                span = figure.span if figure is not None else None
                cells.append((cell_text(cell), span.line, span.column) if span is not None else (cell_text(cell), 0, 0))
            rows.append(cells)
        tables.append(TableView(table.title or "", table.first_line, table.last_line, columns, rows))
    source = document.source
    return DocumentView(source.text, list(source.line_starts), consistent, tables)
