"""`budgetaudit show`: what extraction read, so a reviewer can see why a rule did or did not fire.

Headers and the model's tokens (current, initial_budget, general, …) are printed in the run's language
(budgetaudit/messages.toml); concepts, labels and figures as they were read. Columns are aligned by display width."""

from __future__ import annotations

from .aligned import table
from .messages import section


def _where(span) -> str:
    return f"{span.line}:{span.column}"


class _Tokens:
    """The model's tokens in words: `count:个` → 数量:个, `table:<title>` → 表格:<title>; unknown ones as they are."""

    def __init__(self, lang: str):
        self.words = section(lang, "show")["tokens"]

    def __call__(self, token) -> str:
        token = str(token)
        if token in self.words:
            return self.words[token]
        head, sep, rest = token.partition(":")
        if sep and head in self.words and head != "label":
            return f"{self.words[head]}:{rest}"
        return token


def render(document, lang: str = "zh") -> str:
    words, word = section(lang, "show"), _Tokens(lang)
    kind = section(lang, "kind").get(document.kind, document.kind)
    out = [
        f"{document.source.path}  {words['kind']}={kind} {words['year']}={document.year} "
        f"{words['entity']}={document.entity} {words['unit']}={document.unit}",
        "",
        words["facts"].format(count=len(document.facts)),
    ]
    rows = [
        (_where(f.span), f.figure.text, f.key.concept, word(f.key.period), word(f.key.measure), word(f.key.scope),
         word(f.key.quantity), word(f.origin), word(f.context))
        for f in document.facts
    ]
    headers = [words[name] for name in ("at", "printed", "concept", "period", "measure", "scope", "quantity", "origin", "context")]
    out.append(table(rows, headers))
    out += ["", words["sums"].format(count=len(document.sums))]
    for group in document.sums:
        parts = " + ".join(f"{p.label}={p.figure.text}@{_where(p.span)}" for p in group.parts)
        complete = f", {words['complete']}" if group.complete else ""
        out.append(f"  [{word(group.kind)}{complete}] {group.total.label}={group.total.figure.text}@{_where(group.total.span)} ⊇ {parts}")
    out += ["", words["changes"].format(count=len(document.changes))]
    for change in document.changes:
        current = f"{change.current.figure.text}@{_where(change.current.span)}" if change.current else words["none"]
        delta = f"{'+' if change.delta_sign > 0 else '-' if change.delta_sign < 0 else '±'}{change.delta.text}" if change.delta else words["none"]
        rate = f"{'+' if change.rate_sign > 0 else '-'}{change.rate.text}" if change.rate else words["none"]
        changed = "/".join(w.text for w in change.words)
        out.append(f"  {change.label or '?'} {words['versus']} {word(change.base)} ({change.base_text}): {words['current']} {current}, "
                   f"{words['change']} {delta}, {words['rate']} {rate} {changed}")
    out += ["", words["shares"].format(count=len(document.shares))]
    for share in document.shares:
        whole = f"{share.whole.label}={share.whole.figure.text}@{_where(share.whole.span)}" if share.whole else f"? ({share.reason})"
        out.append(f"  {share.part.label}={share.part.figure.text} {words['is_share']} {share.share.text}@{_where(share.share.span)} {words['of_whole']} {whole}")
    if document.doubts:
        out += ["", words["doubts"].format(count=len(document.doubts))]
        for doubt in document.doubts:
            out.append(f"  {doubt.code} {doubt.reason} @ {', '.join(_where(s) for s in doubt.spans)}")
    if document.tables:
        from .tables.render import render as render_table

        out += ["", words["tables"].format(count=len(document.tables))]
        for table_ in document.tables:
            out += ["", render_table(table_)]
    return "\n".join(out) + "\n"


def entities(paths: list[str], settings, lang: str = "zh") -> str:
    """`budgetaudit show --entities PATH...`: each file's entity, year and kind as linking reads them (the
    title only), its links, and for a file linked to none the reason (link.py)."""
    from .document import Document
    from .inputs import expand
    from .link import identity_of, link
    from .messages import input_error
    from .readers import read
    from .source import InputError
    from . import title

    words, kinds = section(lang, "link"), section(lang, "kind")
    inputs, _ = expand(paths, settings.include, settings.exclude, settings.root)
    identities, errors = [], {}
    for item in inputs:
        try:
            source, _tables = read(item.path)
        except InputError as exc:
            errors[item.path] = input_error(str(exc), lang)
            continue
        document = Document(source)
        title.read(source, document)
        identities.append(identity_of(document))
    found = link(identities, settings.entities)
    partners: dict[int, list[str]] = {}
    for pair in found.links:
        partners.setdefault(pair.later, []).append(f"→ {identities[pair.earlier].path} ({words[pair.relation]})")
        partners.setdefault(pair.earlier, []).append(f"← {identities[pair.later].path} ({words[pair.relation]})")
    rows = []
    for index, item in enumerate(identities):
        name = item.entity + (f"（{'、'.join(item.short)}）" if item.short else "")
        if item.part:
            name += f" [{item.part}]"
        kind = kinds.get(item.kind, item.kind)
        links = "; ".join(partners.get(index, [])) or f"{words['unlinked']}: {words[found.reasons.get(index, 'no_partner')]}"
        rows.append((item.path, kind, str(item.year or "-"), name or "-", links))
    out = [words["entities"].format(count=len(identities)),
           table(rows, words["header"].split("\t"))]
    out += [f"{path}  {reason}" for path, reason in errors.items()]
    return "\n".join(out) + "\n"
