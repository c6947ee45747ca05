"""Figures across documents: a 决算's 年初预算数 against its year's 预算, a 预算's 上年预算数 against last year's
预算, a 决算's 上年 figures against last year's 决算, and a change stated against 上年 or 年初预算 judged with
the partner's figure where the document prints no base of its own.

A worker returns, beside each report, a `Digest`: the file's Identity (link.py) and the few facts these
rules read (facts of known keys of this year and the year before, the changes without a printed base),
as plain values compressed into bytes, so a batch of many files keeps little per file. After the batch,
`compare` links the identities and runs the cross-document rules (kind `crossdoc`) over each linked pair;
the later document's figure is questioned, and its file owns the finding.
"""

from __future__ import annotations

import hashlib
import pickle
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Callable

from . import link as linking
from .document import Fact, Key
from .figures import Figure
from .fingerprint import LENGTH, VERSION, identity
from .relations import divisor_guard, judge
from .report import FileReport, Finding

MEASURES = ("budget", "final", "initial_budget")
QUESTIONED = {  # relation -> (the later document's measure, its year less the later's; the partner's measure)
    "initial_budget": ("initial_budget", 0, "budget"),
    "previous_budget": ("budget", 1, "budget"),
    "previous_final": ("final", 1, "final"),
}
CHANGE_BASE = {"initial_budget": "initial_budget", "previous_budget": "previous", "previous_final": "previous"}
LOADED = 64  # digests kept loaded while the pairs are compared
_EXECUTED = ("执行",)  # 上年执行数 precedes the 决算 and may differ from it: compared with nothing


@dataclass(slots=True, eq=False)
class Digest:
    identity: linking.Identity
    data: bytes = b""  # zlib(pickle((facts, changes))) of plain values; empty when the file cannot be linked
    stored: tuple | None = None  # (store, offset, length) once a Store holds the data

    def load(self) -> tuple[list, list]:
        data = self.data
        if self.stored is not None:
            store, offset, length = self.stored
            data = store.read(offset, length)
        if not data:
            return [], []
        return pickle.loads(zlib.decompress(data))


class Store:
    """The digests of a batch: identities in memory, their facts in a temporary file once past a megabyte, so a
    batch's memory does not grow with its files' facts."""

    def __init__(self) -> None:
        import tempfile

        self.file = tempfile.SpooledTemporaryFile(max_size=1 << 20)
        self.digests: list[Digest] = []

    def add(self, digest: Digest) -> None:
        if digest.data:
            self.file.seek(0, 2)
            offset = self.file.tell()
            self.file.write(digest.data)
            digest.stored, digest.data = (self, offset, len(digest.data)), b""
        self.digests.append(digest)

    def read(self, offset: int, length: int) -> bytes:
        self.file.seek(offset)
        return self.file.read(length)

    def close(self) -> None:
        self.file.close()


def _plain(fact: Fact, year: int, scope: str) -> tuple:
    figure, key = fact.figure, fact.key
    return (key.concept, year, key.measure, scope, key.quantity, fact.label, fact.origin, figure.value,
            figure.decimals, figure.unit, figure.span, figure.start, figure.end)


def _fact(plain: tuple) -> Fact:
    concept, year, measure, scope, quantity, label, origin, value, decimals, unit, span, start, end = plain
    return Fact(Key(concept, str(year), measure, scope, quantity), label, Figure(value, decimals, unit, span, start, end),
                origin)


def _year_of(period: str, year: int) -> int | None:
    if period == "current":
        return year
    if period == "previous":
        return year - 1
    return int(period) if period.isdigit() else None


def digest(document) -> Digest:
    """The Identity and the facts the cross-document rules read, of one document."""
    ident = linking.identity_of(document)
    year = document.year
    if year is None or document.kind not in ("budget", "final_account") or not ident.name:
        return Digest(ident)
    norm = document.source.norm
    facts = []
    based: set[tuple] = set()  # (concept, year, measure, quantity) printed in the document: a change's own base
    for fact in document.facts:
        key = fact.key
        if fact.context != "statement" or not key.known or key.measure not in MEASURES:
            continue
        if key.quantity != "money" and not key.quantity.startswith("count"):
            continue
        at = _year_of(key.period, year)
        if at not in (year, year - 1):
            continue
        based.add((key.concept, at, key.measure, key.quantity))
        if fact.origin == "prose" and any(word in norm[max(0, fact.figure.start - 12):fact.figure.start] for word in _EXECUTED):
            continue
        facts.append(_plain(fact, at, document.scope_alias.get(key.scope, key.scope)))
    changes = []
    for change in document.changes:
        current = change.current
        # A change states its amount with a direction (delta_sign) or its rate with one (rate_sign; a rate alone
        # leaves delta_sign 0): either is judged.
        amount = change.delta is not None and change.delta_sign in (1, -1)
        rate = change.rate is not None and change.rate_sign in (1, -1)
        if (change.prior is not None or current is None or not current.key.known or change.base not in ("previous", "initial_budget")
                or not (amount or rate)):
            continue
        key = current.key
        base_year = year - 1 if change.base == "previous" else year
        base_measure = key.measure if change.base == "previous" else "initial_budget"
        if change.base == "initial_budget" and document.kind != "final_account":
            continue
        if (key.concept, base_year, base_measure, key.quantity) in based:
            continue  # the document prints its base: the change is judged within it (change-base)
        changes.append((change.label, change.base, change.base_text,
                        _plain(current, year, document.scope_alias.get(key.scope, key.scope)),
                        _figure(change.delta), change.delta_sign, _figure(change.rate), change.rate_sign))
    return Digest(ident, zlib.compress(pickle.dumps((facts, changes), protocol=pickle.HIGHEST_PROTOCOL)))


def _figure(figure: Figure | None) -> tuple | None:
    return None if figure is None else (figure.value, figure.decimals, figure.unit, figure.span, figure.start, figure.end)


def _unfigure(plain: tuple | None) -> Figure | None:
    return None if plain is None else Figure(*plain)


# --------------------------------------------------------------------------- comparing


@dataclass(slots=True, eq=False)
class Outcome:
    """What the cross-document rules found in a batch: a report per owning file (findings only), the pairs
    compared, and the documents of one entity not compared (file, partner, reason)."""

    reports: list[FileReport] = field(default_factory=list)
    checked: int = 0
    not_compared: list[tuple[str, str, str]] = field(default_factory=list)
    linking: linking.Linking | None = None


def _same(value: Fraction) -> Fraction:
    return value


def _difference(sign: int):
    def difference(current: Fraction, base: Fraction) -> Fraction:
        return sign * (current - base)

    return difference


def _rate(sign: int):
    def rate(current: Fraction, base: Fraction) -> Fraction:
        return sign * (current - base) * 100 / base

    return rate


def compare(digests: list[Digest], rules_for: Callable[[str], list], lang: str = "zh",
            entities: dict[str, str] | None = None) -> Outcome:
    """Link the digests and run the cross-document rules over every linked pair; `rules_for(path)`: the
    crossdoc rules that apply to a file (its per-file ignores left out)."""
    from .engine import Reporter
    from .messages import section
    from .ruleset import load_hints

    identities = [d.identity for d in digests]
    found = linking.link(identities, entities)
    out = Outcome(linking=found)
    kinds, words = section(lang, "kind"), section(lang, "link")
    hints = load_hints()
    by_owner: dict[int, FileReport] = {}
    # The facts of the last LOADED files read: pairs come in path order, a file's partners mostly near it, so a
    # few are read twice and the batch's facts never all stand in memory at once.
    loaded: OrderedDict[int, tuple[dict, list]] = OrderedDict()

    def index_of(i: int) -> tuple[dict, list]:
        if i in loaded:
            loaded.move_to_end(i)
            return loaded[i]
        facts, changes = digests[i].load()
        table: dict[tuple, list] = {}
        for plain in facts:
            table.setdefault(plain[:5], []).append(plain)
        loaded[i] = (table, changes)
        if len(loaded) > LOADED:
            loaded.popitem(last=False)
        return loaded[i]

    for pair in found.links:
        later, earlier = identities[pair.later], identities[pair.earlier]
        rules = [r for r in rules_for(later.path) if r.kind == "crossdoc"]
        if not rules:
            continue
        report = by_owner.setdefault(pair.later, FileReport(later.path, later.kind, later.year, later.entity))
        reporter = Reporter(report, lang, hints)
        partner = words["partner"].format(year=earlier.year, kind=kinds.get(earlier.kind, earlier.kind))
        before = (report.checked, len(report.findings))
        mine, changes = index_of(pair.later)
        theirs, _ = index_of(pair.earlier)
        for rule in rules:
            start = len(report.findings)
            if rule.params["compare"] == pair.relation:
                _facts(rule, pair.relation, later, mine, theirs, reporter, partner)
            elif rule.params["compare"] == "change":
                _changes(rule, pair.relation, later, changes, theirs, reporter, partner)
            for finding in report.findings[start:]:
                _place(finding, later.path, earlier.path)
                finding.subject = ""
                finding.partner = partner
                finding.fingerprint = f"{earlier.kind}/{earlier.year}"  # the partner, for the fingerprint below
        if (report.checked, len(report.findings)) == before:
            # No figure of one key in both: the partner's figures, or the file's own, not read at all, or none common.
            reason = "partner_unread" if not theirs else "unread" if not mine and not changes else "no_common_figures"
            out.not_compared.append((later.path, earlier.path, reason))
    for later, earlier, reason in found.unpaired:
        out.not_compared.append((identities[later].path, identities[earlier].path, reason))
    for index in sorted(by_owner, key=lambda i: identities[i].path):
        report = by_owner[index]
        report.unchecked = []
        out.checked += report.checked
        assign(report.findings)
        report.sort()
        if report.findings:
            out.reports.append(report)
    out.not_compared.sort()
    return out


def _place(finding: Finding, later: str, earlier: str) -> None:
    """The questioned figure is the later document's, the others the partner's (a change's current figure
    and its amount are the later's too)."""
    for location in finding.locations:
        location.file = earlier if location.role == "partner" else later
    for consequence in finding.consequences:
        _place(consequence, later, earlier)


def _facts(rule, relation: str, later, mine: dict, theirs: dict, reporter, partner: str) -> None:
    measure, back, partner_measure = QUESTIONED[relation]
    year = (later.year or 0) - back
    for key, plains in sorted(mine.items(), key=lambda item: (item[1][0][10].line, item[1][0][10].column)):
        concept, at, fact_measure, scope, quantity = key
        if at != year or fact_measure != measure:
            continue
        others = theirs.get((concept, year, partner_measure, scope, quantity))
        if not others:
            continue
        bases = [_fact(p) for p in others]
        if len({b.figure.base_ratio for b in bases}) > 1:
            continue  # the partner's copies disagree: its own finding (XRF002), not this rule's
        base = bases[0]
        for plain in plains:
            fact = _fact(plain)
            judgement = judge(_same, [1], [base.figure.operand], fact.figure.operand)
            values = {"label": fact.label or concept, "other": base.figure.text, "partner": partner}
            start = len(reporter.report.findings)
            reporter.judged(rule, judgement, fact, [base], values)
            _roles(reporter, start, ("stated", "partner"))


def _changes(rule, relation: str, later, changes: list, theirs: dict, reporter, partner: str) -> None:
    wanted = CHANGE_BASE[relation]
    _, back, partner_measure = QUESTIONED[relation]
    for label, base_kind, base_text, current_plain, delta_plain, delta_sign, rate_plain, rate_sign in changes:
        if base_kind != wanted:
            continue
        current = _fact(current_plain)
        key = current.key
        others = theirs.get((key.concept, (later.year or 0) - back, partner_measure, key.scope, key.quantity))
        if not others:
            continue
        bases = [_fact(p) for p in others]
        if len({b.figure.base_ratio for b in bases}) > 1:
            continue
        base = bases[0]
        values = {"label": label or key.concept, "other": base.figure.text, "partner": partner, "base": base_text}
        delta, rate = _unfigure(delta_plain), _unfigure(rate_plain)
        start = len(reporter.report.findings)
        if delta is not None and delta_sign in (1, -1):
            sign = delta_sign
            judgement = judge(_difference(sign), [sign, -sign], [current.figure.operand, base.figure.operand],
                              delta.operand)
            values["delta"] = delta.text
            reporter.judged(rule, judgement, delta, [current, base], values)
        elif rate is not None and rate_sign in (1, -1):
            sign = rate_sign
            judgement = judge(_rate(sign), [sign, -sign], [current.figure.operand, base.figure.operand], rate.operand,
                              divisor_guard(1))
            values["delta"] = rate.text
            reporter.judged(rule, judgement, rate, [current, base], values)
        else:
            continue
        _roles(reporter, start, ("stated", "current", "partner"))


def _roles(reporter, start: int, roles: tuple[str, ...]) -> None:
    """A new finding's figures take the cross-document roles (the fingerprint's, and `_place`'s: the partner's
    figure is in the partner's file)."""
    for finding in reporter.report.findings[start:]:
        for location, role in zip(finding.locations, roles):
            location.role = role


def assign(findings: list[Finding]) -> None:
    """Fingerprints as fingerprint.py defines them, plus the partner's kind and year (kept in the
    fingerprint field by compare until here), never a path."""
    seen: dict[str, int] = {}
    for finding in sorted(findings, key=lambda f: (f.line, f.column)):
        key = identity(finding) + "\x1fpartner=" + finding.fingerprint
        index = seen.get(key, 0)
        seen[key] = index + 1
        finding.fingerprint = hashlib.sha256(f"v{VERSION}\x1e{key}\x1e{index}".encode()).hexdigest()[:LENGTH]



def check_texts(texts: list[str], ruleset, lang: str = "zh", entities: dict[str, str] | None = None) -> Outcome:
    """The cross-document rules over texts given in memory (rule examples, tests), named doc1.txt, doc2.txt, …"""
    from .engine import read_document
    from .source import Source

    digests = [digest(read_document(Source(f"doc{i}.txt", text))) for i, text in enumerate(texts, 1)]
    rules = [r for r in ruleset.rules if r.kind == "crossdoc"]
    return compare(digests, lambda path: rules, lang, entities)
