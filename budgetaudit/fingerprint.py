"""A finding's fingerprint, defined once for every output (json, sarif, baseline, waivers, text, concise).

What a fingerprint is made of (version 2, the SARIF key `budgetaudit/v2`):
- the rule code;
- for a finding about figures: each figure involved, in the order the rule lists them, as its role in the
  relation (stated, part, total, base, current, copy, word, input) with its concept (empty for a figure
  read without one) and its printed text normalised (NFKC: full-width forms folded; white space removed);
- for a document-level finding (completeness): the rule and what is missing, not the text it is placed at;
- for a root finding (rootcause.py): its code and the one figure it corrects, never the relations it explains;
- an occurrence index when one document has the same identity more than once (in document order).

Never a path, a line or column number, the document's title or the text of other lines: a finding keeps
its fingerprint when lines are inserted above it, between its figures or anywhere else, and a finding's
fingerprint does not change with a fact's other key fields (period, scope, …) as extraction evolves.
Fingerprints are 20 hexadecimal digits of a SHA-256.
"""

from __future__ import annotations

import hashlib
import unicodedata

VERSION = 2
SARIF_KEY = f"budgetaudit/v{VERSION}"
LENGTH = 20


def normalised(text: str) -> str:
    """The printed text of a figure as a fingerprint sees it: NFKC, without white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def identity(finding) -> str:
    """What makes a finding itself, without its place: the code, then the subject or each figure's role,
    concept and normalised text."""
    parts = [finding.code]
    if finding.subject:
        parts.append("subject=" + normalised(finding.subject))
    else:
        parts += [f"{loc.role}|{loc.concept}|{normalised(loc.span.text)}" for loc in finding.locations]
    return "\x1f".join(parts)


def assign(findings: list) -> None:
    """Give every finding of one document its fingerprint; equal identities are told apart by their
    order in the document (the n-th of them), which inserted lines do not change."""
    seen: dict[str, int] = {}
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        key = identity(finding)
        index = seen.get(key, 0)
        seen[key] = index + 1
        finding.fingerprint = hashlib.sha256(f"v{VERSION}\x1e{key}\x1e{index}".encode()).hexdigest()[:LENGTH]


def gitlab(path: str, fingerprint: str) -> str:
    """GitLab Code Quality wants a fingerprint unique in its report: 32 hex digits of SHA-256 over the
    path and the finding's fingerprint, joined by U+001F."""
    return hashlib.sha256(f"{path}\x1f{fingerprint}".encode()).hexdigest()[:32]
