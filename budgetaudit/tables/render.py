"""Show a rebuilt table as text (budgetaudit show): its kind, unit, columns, and uncertain cells marked."""

from __future__ import annotations

from tabulate import tabulate

from .model import FIGURE, NIL, UNCERTAIN, Table


def cell_text(cell) -> str:
    if cell.state == NIL:
        return ""
    if cell.state == UNCERTAIN:
        return f"?{cell.text}"
    return cell.text


def render(table: Table) -> str:
    lines = [
        f"{table.title or '(untitled table)'}",
        f"kind: {table.kind}  unit: {table.unit or '-'}  layout: {table.layout}  "
        f"lines {table.first_line}-{table.last_line}  {len(table.rows)} rows x {table.width} columns",
    ]
    headers = [c.name or str(k + 1) for k, c in enumerate(table.columns)]
    body = []
    seen_uncertain = set()
    uncertain = []
    for row in table.rows:
        body.append([cell_text(c) for c in row.cells])
        for cell in row.cells:
            if cell.state == UNCERTAIN and id(cell) not in seen_uncertain:
                seen_uncertain.add(id(cell))
                where = ", ".join(headers[c] for c in cell.candidates)
                uncertain.append(f"  line {row.line}: {cell.text} could stand in: {where}")
    lines.append(tabulate(body, headers=headers, tablefmt="simple", disable_numparse=True))
    if uncertain:
        lines.append("uncertain cells (not checked):")
        lines.extend(uncertain)
    if table.row_sums:
        sums = "; ".join(f"{headers[s.total]} = " + " + ".join(headers[p] for p in s.parts) for s in table.row_sums)
        lines.append(f"row sums: {sums}")
    return "\n".join(lines)


__all__ = ["render", "FIGURE"]
