"""Which documents of one batch are one body's disclosures: each file's entity, year and kind, and the pairs
the cross-document rules compare (crossdoc.py).

Two names are one entity only where they are equal after `normalise`, where a document itself says so
(以下简称“区大数据局”, （简称…）: for that document only, never for the others that name it), or where the
configuration's `[entities]` table maps an alias to a canonical name. A 部门 document and a 单位 one, and
a 本级 document and a 部门汇总 one, are never one entity. Pairs, the later document first (its figure is
the one questioned):
- a 决算 of year Y and the 预算 of year Y (`initial_budget`: its 年初预算数 are that budget's figures);
- a 预算 of year Y and the 预算 of year Y-1 (`previous_budget`: its 上年预算数);
- a 决算 of year Y and the 决算 of year Y-1 (`previous_final`: its 上年 figures).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# A title that opens with its year (2025年度重庆市潼南区…部门决算): the name between the year and the kind.
_LEADING_YEAR = re.compile(r"^\s*(?:19|20)\d{2}\s*年度?\s*")
_KIND_WORDS = re.compile(r"(?:部门|单位)?(?:预算|决算)")
_CLAUSE = re.compile(r"[:：,，。；;|｜>＞»、]")
_SENTENCE = re.compile(r"[，,。；;]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_TITLE = re.compile(r"预算|决算|公开|说明|报告|情况")
# 以下简称“区大数据局”, （简称区大数据局）: the short name a document gives the name printed just before it.
_SHORT = re.compile(r"[（(]\s*(?:以下)?简称\s*[:：]?\s*[“\"「『‘']?([^”\"」』’'）)，,。；;\s]{2,24})[”\"」』’']?\s*[）)]")
_SHORT_REACH = 6000  # the opening of the text, where a body introduces itself
# Brackets and what a name's own parts say: 本级 (the body alone), 汇总 (the body with its units).
_BRACKETED = re.compile(r"[（(【\[]([^）)】\]]*)[）)】\]]")
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》\s]")
# A title read whole as the name where it prints no year (某局部门预算公开): the kind's words are no part of it.
_KIND_TAIL = re.compile(r"(?:(?:19|20)\d{2}年度?)?(?:部门|单位)?(?:预算|决算)(?:公开|情况说明|说明|报告)*$")
_OWN = ("本级", "机关本级")
_CONSOLIDATED = ("汇总", "部门汇总", "合并")

# The reasons a file is linked to none (messages.toml [link]).
NO_YEAR, NO_KIND, NO_ENTITY, NO_PARTNER = "no_year", "no_kind", "no_entity", "no_partner"
# Why two documents of one entity were not compared (coverage.not_compared; crossdoc.py adds those of linked
# pairs: no_common_figures, partner_unread, unread): one of them tells no year or no kind (no_year, no_kind,
# the file the one that does not), the years between two of one kind are not among the inputs (YEAR_MISSING),
# or their kinds and years make no pair (NO_PAIR: a 决算 and the next year's 预算), or two candidates (AMBIGUOUS).
YEAR_MISSING, NO_PAIR, AMBIGUOUS = "year_missing", "no_pair", "ambiguous"
_NEAREST_SCANNED = 64  # an entity's documents looked at for a lone file's nearest: a bound for a batch of one name


@dataclass(slots=True, eq=False)
class Identity:
    """A file as linking sees it: what the title says, and the names the document gives itself."""

    path: str
    kind: str = "unknown"  # "budget", "final_account" or "unknown"
    year: int | None = None
    entity: str = ""  # as printed
    name: str = ""  # normalised
    short: tuple[str, ...] = ()  # normalised short names the document itself declares
    level: str = ""  # "部门", "单位" or "" (the title does not say)
    part: str = ""  # "本级", "汇总" or ""

    def names(self, entities: dict[str, str]) -> set[str]:
        out = {self.name, *self.short} - {""}
        return {entities.get(name, name) for name in out}


@dataclass(slots=True, eq=False)
class Link:
    later: int  # indices into the identities
    earlier: int
    relation: str  # "initial_budget", "previous_budget", "previous_final"


@dataclass(slots=True, eq=False)
class Linking:
    links: list[Link] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # an unlinked file's reason
    # (file, partner, reason): documents of one entity not compared (coverage.not_compared): two candidates for
    # one place (ambiguous; at most two listed), and the reasons of `_apart`
    unpaired: list[tuple[int, int, str]] = field(default_factory=list)


def normalise(name: str) -> tuple[str, str]:
    """(the name as compared, 本级/汇总/""): NFKC, no spaces or quotes, a bracketed 本级 or 汇总 taken out."""
    text = unicodedata.normalize("NFKC", name)
    part = ""
    for match in _BRACKETED.finditer(text):
        inner = match.group(1).strip()
        if inner in _OWN:
            part = "本级"
        elif inner in _CONSOLIDATED:
            part = "汇总"
    text = _BRACKETED.sub(lambda m: "" if m.group(1).strip() in _OWN + _CONSOLIDATED else m.group(0), text)
    text = _QUOTES.sub("", text)
    text = _KIND_TAIL.sub("", text) or text
    for word in _OWN:
        if text.endswith(word):
            text, part = text[: -len(word)], "本级"
    return text, part


def _names_someone(name: str) -> bool:
    return bool(name) and bool(_HAN.search(name)) and not _CLAUSE.search(name) and len(name) <= 40 \
        and not re.search(r"\d", name) and not name.startswith("单位")


def entity_of(head: list[str], entity: str) -> str:
    """The title reader's entity, else a name the two shapes it leaves give: a title opening with its year
    (2025年度某区某局部门决算), or a line of the name alone above a title line opening with the year."""
    if entity:
        return entity
    for index, line in enumerate(head):
        year = _LEADING_YEAR.match(line)
        if year:
            rest = line[year.end():]
            kind = _KIND_WORDS.search(rest)
            name = rest[: kind.start()].strip() if kind else ""
            if _names_someone(name):
                return name
        elif (index + 1 < len(head) and _LEADING_YEAR.match(head[index + 1]) and _TITLE.search(head[index + 1])
              and not _SENTENCE.search(head[index + 1]) and not _TITLE.search(line) and _names_someone(line.strip())):
            return line.strip()
    return ""


def identity_of(document) -> Identity:
    """A document's Identity (in the worker, beside its report)."""
    source = document.source
    head = [line.strip() for _, line in source.lines()[:12] if line.strip()][:4]
    title = " ".join(head)
    entity = entity_of(head, document.entity)
    name, part = normalise(entity)
    if not part and "部门汇总" in title:
        part = "汇总"
    elif not part and "本级" in title:
        part = "本级"
    level = "单位" if re.search(r"单位(?:预算|决算)", title) else "部门" if re.search(r"部门(?:预算|决算)", title) else ""
    short: list[str] = []
    if name:
        text = source.norm[:_SHORT_REACH]
        for match in _SHORT.finditer(text):
            before, _ = normalise(text[max(0, match.start() - 40): match.start()])
            if before.endswith(name) or (len(name) >= 4 and before.endswith(name[-4:])):
                alias, _ = normalise(match.group(1))
                if alias and alias != name and alias not in short:
                    short.append(alias)
    return Identity(source.path, document.kind, document.year, entity, name, tuple(short), level, part)


def same_entity(a: Identity, b: Identity, entities: dict[str, str]) -> bool:
    if a.level and b.level and a.level != b.level:
        return False  # a 部门决算 and a 单位决算 are never one entity
    if a.part != b.part and (a.part or b.part):
        return False  # 本级 and 部门汇总 are never one; a name that says neither is not taken for either
    return bool(a.names(entities) & b.names(entities))


def relation(later: Identity, earlier: Identity) -> str:
    """What the later document's figures of the earlier one are, or "" when no rule pairs them."""
    if later.year is None or earlier.year is None:
        return ""
    if later.kind == "final_account" and earlier.kind == "budget" and later.year == earlier.year:
        return "initial_budget"
    if later.kind == earlier.kind == "budget" and later.year == earlier.year + 1:
        return "previous_budget"
    if later.kind == earlier.kind == "final_account" and later.year == earlier.year + 1:
        return "previous_final"
    return ""


def link(identities: list[Identity], entities: dict[str, str] | None = None) -> Linking:
    """Every pair of linked documents, and why each unlinked file is alone. Two candidates for one place
    (a 预算 given twice) pair with neither: which one the 决算 copied is not known. Documents are grouped by
    name, kind and year first, so a batch of many bodies costs a look-up per file, not a comparison per pair."""
    entities = entities or {}
    out = Linking()
    by_place: dict[tuple[str, str, int], list[int]] = {}  # (name, kind, year) -> files
    usable = []
    for index, item in enumerate(identities):
        if item.year is None:
            out.reasons[index] = NO_YEAR
        elif item.kind not in ("budget", "final_account"):
            out.reasons[index] = NO_KIND
        elif not item.name:
            out.reasons[index] = NO_ENTITY
        else:
            usable.append(index)
            for name in item.names(entities):
                by_place.setdefault((name, item.kind, item.year), []).append(index)
    linked: set[int] = set()
    for later in usable:
        item = identities[later]
        year = item.year or 0
        wanted = ([("budget", year, "initial_budget"), ("final_account", year - 1, "previous_final")]
                  if item.kind == "final_account" else [("budget", year - 1, "previous_budget")])
        for kind, at, relation in wanted:
            found: list[int] = []
            for name in sorted(item.names(entities)):
                for other in by_place.get((name, kind, at), ()):
                    if other not in found and same_entity(item, identities[other], entities):
                        found.append(other)
                    if len(found) > 1:
                        break
                if len(found) > 1:
                    break
            if len(found) > 1:
                out.unpaired += [(later, other, AMBIGUOUS) for other in found]
            elif found:
                out.links.append(Link(later, found[0], relation))
                linked.update((later, found[0]))
    for index in usable:
        if index not in linked:
            out.reasons[index] = NO_PARTNER
    _apart(identities, entities, out, by_place)
    return out


def _apart(identities: list[Identity], entities: dict[str, str], out: Linking, by_place: dict) -> None:
    """Documents of one entity that are not compared, and why (out.unpaired): a document telling no year or
    kind, with the first of its entity that does; a lone document, with its entity's nearest (of its kind
    first, then in years; each pair of two lone ones once, the later first)."""
    by_name: dict[str, list[int]] = {}
    for (name, _, _), members in by_place.items():
        by_name.setdefault(name, []).extend(members)
    seen: set[tuple[int, int]] = set()
    explained = {index for later, earlier, _ in out.unpaired for index in (later, earlier)}  # the ambiguous
    for index, reason in sorted(out.reasons.items()):
        item = identities[index]
        if reason not in (NO_YEAR, NO_KIND, NO_PARTNER) or not item.name or index in explained:
            continue
        mates: list[int] = []
        for name in sorted(item.names(entities)):
            for other in by_name.get(name, ())[:_NEAREST_SCANNED]:
                if other != index and other not in mates and same_entity(item, identities[other], entities):
                    mates.append(other)
        if not mates:
            continue
        if reason != NO_PARTNER:
            out.unpaired.append((index, min(mates), reason))
            continue
        year = item.year or 0
        other = min(mates, key=lambda k: (identities[k].kind != item.kind, abs((identities[k].year or 0) - year), k))
        if (other, index) in seen:
            continue
        seen.add((index, other))
        partner = identities[other]
        gap = partner.kind == item.kind and abs((partner.year or 0) - year) > 1
        later, earlier = (index, other) if (year, item.kind == "final_account") >= (
            partner.year or 0, partner.kind == "final_account") else (other, index)
        out.unpaired.append((later, earlier, YEAR_MISSING if gap else NO_PAIR))
