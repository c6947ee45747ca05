"""Relations between figures of different sections, found by their identity keys.

A 三公经费 total stated in one paragraph and its four items stated in their own
paragraphs form a complete partition even though no 其中 list ties them together.
"""

from __future__ import annotations

from collections import defaultdict

from .concepts import Dictionary
from .document import Document, Fact, SumGroup


def _single_values(document: Document) -> dict[tuple, list[Fact]]:
    """Prose statements of the current period by (concept, measure, scope, quantity)."""
    out: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in document.facts:
        key = fact.key
        if fact.origin == "prose" and fact.context == "statement" and key.period == "current" and key.known:
            out[(key.concept, key.measure, key.scope, key.quantity)].append(fact)
    return out


def derive_partitions(document: Document, dictionary: Dictionary) -> None:
    """A total and every member of a declared partition, each stated with one value, make a derived group."""
    facts = _single_values(document)
    tied = {(id(g.total), frozenset(p.key.concept for p in g.parts)) for g in document.sums if g.complete}
    for totals, members in dictionary.partitions:
        for (concept, measure, scope, quantity), copies in list(facts.items()):
            if concept not in totals or len({f.figure.base_value for f in copies}) != 1:
                continue
            parts = []
            for member in sorted(members):
                found = facts.get((member, measure, scope, quantity), [])
                if not found or len({f.figure.base_value for f in found}) != 1:
                    break
                parts.append(found[0])
            else:
                total = copies[0]
                parts.sort(key=lambda f: f.figure.start)
                if any((id(copy), frozenset(members)) in tied for copy in copies):
                    continue
                document.sums.append(SumGroup(total, parts, "derived", complete=True))
