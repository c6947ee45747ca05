"""Plain-text tables aligned by display width (a Chinese character takes two cells, as rich counts them)."""

from __future__ import annotations

from rich.cells import cell_len


def table(rows: list[tuple], headers: list[str]) -> str:
    """Columns separated by two spaces, a dashed rule under the headers; every cell padded by its display width."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(cell_len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths)).rstrip()

    out = [line(cells[0]), "  ".join("-" * width for width in widths)]
    out += [line(row) for row in cells[1:]]
    return "\n".join(out)
