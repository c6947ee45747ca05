"""The concept dictionary (rules/concepts.toml): which concept a printed label names."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Final

from .figures import remember

_QUOTES: Final = re.compile(r"[\s\"'“”‘’「」『』《》]")
_LEADING: Final = re.compile(
    r"^(?:其中[:：]?\s*(?=[(（]?[一二三四五六七八九十\d]))?(?:(?:\(?[一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、|\d+[.、])\s*)?"
    r"(?:截至|截止)?(?:\d{4}年(?:度)?(?:\d{1,2}月(?:\d{1,2}日)?)?|本年度|本年|全年|当年|年度)?"
    r"(?:[本我](?:部门|单位|局|院|校|中心|委|办|所)|部门|所属各预算单位|所属预算单位|各预算单位)?"
    r"(?:年度)?(?:其中|此外|另外|主要是|主要用于|包括)?(?:共有|共)?(?:完成|实现)?"
)
_TRAILING: Final = re.compile(
    r"(?:分别为|分别是|均为|均是|共计|合计为|为|是|达到|达|完成|执行|(?:年初|调整|全年)?(?:预算数|预算)|决算数|执行数|决算|支出数|金额"
    r"|拨入)$"
)


def clean_label(text: str) -> str:
    """A printed label reduced to what names the concept.

    Memoised on short texts: the same labels recur across a document and a batch, and a result is
    a string; a long text is never kept."""
    if len(text) > 64:
        return _clean(text)
    found = _CLEANED.get(text)
    if found is None:
        found = _clean(text)
        remember(_CLEANED, text, found, 1 << 12)
    return found


def _clean(text: str) -> str:
    label = _QUOTES.sub("", text)
    label = label.strip(":,，;、。.")
    # A bracket left open or closed at an edge belongs to the text around (126.05亿元(县本级98.88亿元): the
    # label is 县本级); a balanced one is the label's own (因公出国(境)费).
    if label[:1] in "(（" and not any(c in label for c in ")）"):
        label = label[1:].strip(":,，;、。.")
    if label[-1:] in ")）" and not any(c in label for c in "(（"):
        label = label[:-1].strip(":,，;、。.")
    if "," in label or "，" in label:
        # 市本级(含现代物流产业开发区,下同)地方一般公共预算收入: a bracket holding a clause is an aside, not the name's.
        label = _ASIDE.sub("", label)
    for _ in range(2):
        label = _LEADING.sub("", label, count=1)
        label = _TRAILING.sub("", label)
    return label


# A dict for the memo, as figures.parse_number's: a native lookup in the compiled build.
_CLEANED: Final[dict[str, str]] = {}
_TRAILING_BRACKET: Final = re.compile(r"[(（][^()（）]*[)）]$")
_ASIDE: Final = re.compile(r"[(（][^()（）]*[,，][^()（）]*[)）]")


@dataclass(frozen=True, slots=True)
class Concept:
    name: str
    labels: tuple[str, ...]
    quantity: str = "money"
    scope: str = "all"
    side: str = ""
    code: str = ""
    both: tuple[str, ...] = ()  # 收支总计: one name for two concepts at once (a change of it is a change of each)
    outside: tuple[str, ...] = ()  # totals it is never a part of (年初结转结余 beside, not in, 收入合计)


@dataclass(slots=True)
class Dictionary:
    concepts: dict[str, Concept]
    scopes: dict[str, str]
    partitions: list[tuple[frozenset[str], frozenset[str]]]
    table_totals: dict[str, str] = field(default_factory=dict)  # table kind -> concept of its 合计 row
    negations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # concept -> phrases saying it is 0
    negation_phrases: re.Pattern = field(init=False)  # any of the phrases, to tell at once if a text holds one
    negation_firsts: tuple[str, ...] = field(init=False)  # the characters they open with
    joint: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 收支总计 -> (收入总计, 支出总计)
    _by_label: dict[tuple[str, str], Concept] = field(default_factory=dict)
    _scope_prefixes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        for concept in self.concepts.values():
            for label in concept.labels:
                self._by_label.setdefault((clean_label(label), concept.quantity), concept)
        self._scope_prefixes = sorted(self.scopes, key=len, reverse=True)
        self.joint = {concept.name: concept.both for concept in self.concepts.values() if concept.both}
        phrases = [phrase for phrases in self.negations.values() for phrase in phrases]
        self.negation_phrases = re.compile("|".join(map(re.escape, phrases)) if phrases else "(?!)")
        self.negation_firsts = tuple(sorted({phrase[0] for phrase in phrases if phrase}))

    def scope_prefixes(self) -> list[str]:
        """The fund-scope prefixes of labels, the longest first."""
        return self._scope_prefixes

    def lookup(self, label: str, quantity: str) -> tuple[Concept | None, str]:
        """The concept a cleaned label names for a quantity, and the fund scope the label states."""
        quantity_key = quantity if quantity.startswith("count:") or quantity == "money" else "money"
        concept = self._by_label.get((label, quantity_key))
        if concept:
            return concept, concept.scope
        for prefix in self._scope_prefixes:
            if label.startswith(prefix) and len(label) > len(prefix):
                rest = label[len(prefix) :]
                concept = self._by_label.get((rest, quantity_key))
                if concept:
                    return concept, self.scopes[prefix]
        if label.endswith(("费支出", "经费支出")):
            return self.lookup(label[:-2], quantity)  # 公务接待费支出 is 公务接待费
        return None, "all"

    def lookup_tail(self, label: str, quantity: str, levels: str = "",
                    subjects: frozenset[str] = frozenset()) -> tuple[Concept | None, str, str]:
        """The concept named from the label's first fund-scope word on, its scope, and what precedes that word
        (太原市一般公共预算收入: 太原市, the subject the figure is of); without a fund-scope word, the concept named
        after a subject ending in one of `levels` or named in `subjects` (青河县本级三公经费: 青河县本级; 全国…)."""
        first = -1  # loops, not generators: this runs for most figures, and the compiled build calls a generator per item
        for prefix in self._scope_prefixes:
            at = label.find(prefix)
            if at > 0 and (first < 0 or at < first):
                first = at
        if first < 0:
            longest = 0
            for name in subjects:
                longest = max(longest, len(name))
            for at in range(2, len(label) - 1):
                if label[at - 1] in levels or (at <= longest and label[:at] in subjects):
                    # 县本级三公经费决算: the item after the subject, its measure word left off as a label's is.
                    concept, scope = self.lookup(clean_label(label[at:]), quantity)
                    if concept is not None:
                        return concept, scope, label[:at]
            return None, "all", ""
        concept, scope = self.lookup(label[first:], quantity)
        head = label[:first]
        if concept is not None and head:
            # 全州三公经费财政拨款支出: an item named before the fund-scope word is the figure's item, paid from that
            # scope; 太原市一般公共预算收入 names no item before it.
            inner, _, subject = self.lookup_tail(head, quantity, levels, subjects)
            if inner is None:
                inner, _ = self.lookup(head, quantity)
                subject = ""
            if inner is not None and inner.quantity == concept.quantity:
                return inner, scope, subject
        return concept, scope, head

    def partition_of(self, total: str, parts: set[str]) -> bool:
        """True when `parts` are every member of a declared partition of `total`; a subject's total and parts
        (县本级@三公经费, 县本级@公务接待费 …) as the bare ones are."""
        entity, at, bare = total.rpartition("@")
        if at:
            prefix = entity + "@"
            if not all(p.startswith(prefix) for p in parts):
                return False
            total, parts = bare, {p[len(prefix):] for p in parts}
        return any(total in totals and parts == members for totals, members in self.partitions)

    def partition_members(self, total: str) -> list[frozenset[str]]:
        return [members for totals, members in self.partitions if total in totals]

    def side_of(self, concept_name: str, label: str) -> str:
        concept = self.concepts.get(concept_name)
        if concept and concept.side:
            return concept.side
        if label.endswith((")", "）")):
            label = _TRAILING_BRACKET.sub("", label)  # 地方政府性基金收入(本级): a revenue, as named before the bracket
        if label.endswith(("收入", "收入合计", "收入总计", "拨款")):
            return "revenue"
        if label.endswith(("支出", "支出合计", "支出总计", "经费", "费")):
            return "expenditure"
        return ""


def parse_dictionary(data: dict) -> Dictionary:
    concepts = {}
    for name, entry in data.get("concepts", {}).items():
        concepts[name] = Concept(
            name=name,
            labels=tuple(entry.get("labels", [name])),
            quantity=entry.get("quantity", "money"),
            scope=entry.get("scope", "all"),
            side=entry.get("side", ""),
            code=entry.get("code", ""),
            both=tuple(entry.get("both", ())),
            outside=tuple(entry.get("outside", ())),
        )
    partitions = [
        (frozenset(p["totals"]), frozenset(p["parts"])) for p in data.get("partitions", [])
    ]
    negations = {name: tuple(phrases) for name, phrases in data.get("negations", {}).items()}
    return Dictionary(
        concepts, dict(data.get("scopes", {})), partitions, dict(data.get("table_totals", {})), negations
    )


@lru_cache(maxsize=1)
def default_dictionary() -> Dictionary:
    text = resources.files("budgetaudit.rules").joinpath("concepts.toml").read_text(encoding="utf-8")
    return parse_dictionary(tomllib.loads(text))
