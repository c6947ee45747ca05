"""`budgetaudit show`: what extraction read, so a reviewer can see why a rule did or did not fire."""

from __future__ import annotations

from tabulate import tabulate


def _where(span) -> str:
    return f"{span.line}:{span.column}"


def render(document) -> str:
    out = [
        f"{document.source.path}  kind={document.kind} year={document.year} entity={document.entity} unit={document.unit}",
        "",
        f"Facts ({len(document.facts)})",
    ]
    rows = [
        (_where(f.span), f.figure.text, f.key.concept, f.key.period, f.key.measure, f.key.scope, f.key.quantity,
         f.origin, f.context)
        for f in document.facts
    ]
    out.append(tabulate(rows, headers=["at", "as printed", "concept", "period", "measure", "scope", "quantity", "origin", "context"]))
    out += ["", f"Totals and parts ({len(document.sums)})"]
    for group in document.sums:
        parts = " + ".join(f"{p.label}={p.figure.text}@{_where(p.span)}" for p in group.parts)
        out.append(f"  [{group.kind}{', complete' if group.complete else ''}] {group.total.label}={group.total.figure.text}@{_where(group.total.span)} ⊇ {parts}")
    out += ["", f"Changes ({len(document.changes)})"]
    for change in document.changes:
        current = f"{change.current.figure.text}@{_where(change.current.span)}" if change.current else "—"
        delta = f"{'+' if change.delta_sign > 0 else '-' if change.delta_sign < 0 else '±'}{change.delta.text}" if change.delta else "—"
        rate = f"{'+' if change.rate_sign > 0 else '-'}{change.rate.text}" if change.rate else "—"
        words = "/".join(w.text for w in change.words)
        out.append(f"  {change.label or '?'} vs {change.base} ({change.base_text}): current {current}, change {delta}, rate {rate} {words}")
    out += ["", f"Shares ({len(document.shares)})"]
    for share in document.shares:
        whole = f"{share.whole.label}={share.whole.figure.text}@{_where(share.whole.span)}" if share.whole else f"? ({share.reason})"
        out.append(f"  {share.part.label}={share.part.figure.text} is {share.share.text}@{_where(share.share.span)} of {whole}")
    if document.doubts:
        out += ["", f"Doubts ({len(document.doubts)})"]
        for doubt in document.doubts:
            out.append(f"  {doubt.code} {doubt.reason} at {', '.join(_where(s) for s in doubt.spans)}")
    if document.tables:
        from .tables.render import render as render_table

        out += ["", f"Tables ({len(document.tables)})"]
        for table in document.tables:
            out += ["", render_table(table)]
    return "\n".join(out) + "\n"
