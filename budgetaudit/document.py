"""The document model every rule reads: facts, and the relations a disclosure claims between them.

Prose and tables both produce these objects; no rule knows where a figure came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from .figures import Figure
from .source import Source, Span


@dataclass(frozen=True, slots=True, init=False)
class Key:
    """What a fact is a figure of. Facts are compared only when their keys are equal and certain."""

    concept: str  # canonical concept, or "label:<label as printed>" when the dictionary has none
    period: str  # "current", "previous", or a year such as "2025"
    measure: str  # "budget", "final", "initial_budget", "adjusted_budget", "stated" (kind of document unknown)
    scope: str  # "all", "fiscal", "general", "fund", "capital"
    quantity: str  # "money", "percent", "count:<unit>", ...

    def __init__(self, concept: str, period: str, measure: str, scope: str, quantity: str) -> None:
        # hand-written: see source.Span
        object.__setattr__(self, "concept", concept)
        object.__setattr__(self, "period", period)
        object.__setattr__(self, "measure", measure)
        object.__setattr__(self, "scope", scope)
        object.__setattr__(self, "quantity", quantity)

    # Written by hand for the same reason: keys are hashed and compared whenever facts are grouped.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Key):
            return NotImplemented
        return (
            self.concept == other.concept and self.period == other.period and self.measure == other.measure
            and self.scope == other.scope and self.quantity == other.quantity
        )

    def __hash__(self) -> int:
        return hash((self.concept, self.period, self.measure, self.scope, self.quantity))

    @property
    def known(self) -> bool:
        return not self.concept.startswith("label:") and "unknown" not in (self.period, self.measure)


@dataclass(slots=True, eq=False, init=False)
class Fact:
    """One printed figure with its meaning."""

    key: Key
    label: str  # the label as read (normalised), for the reader of a report
    figure: Figure
    origin: str = "prose"  # "prose" or "table:<title>"
    context: str = "statement"  # "statement", or "reason" for figures inside 主要原因是…
    sentence: int = -1

    def __init__(  # hand-written: see source.Span
        self,
        key: Key,
        label: str,
        figure: Figure,
        origin: str = "prose",
        context: str = "statement",
        sentence: int = -1,
    ) -> None:
        self.key = key
        self.label = label
        self.figure = figure
        self.origin = origin
        self.context = context
        self.sentence = sentence

    @property
    def span(self) -> Span:
        return self.figure.span


@dataclass(slots=True, eq=False, init=False)
class SumGroup:
    """A total and its parts as the disclosure presents them (其中 lists, table rows and columns)."""

    total: Fact
    parts: list[Fact]
    kind: str = "parts"  # "parts", "changes", "row", "column", "hierarchy"
    complete: bool = False  # the parts are a whole partition of the total (declared in rules/concepts.toml)

    def __init__(self, total: Fact, parts: list[Fact], kind: str = "parts", complete: bool = False) -> None:
        self.total = total  # hand-written: see source.Span
        self.parts = parts
        self.kind = kind
        self.complete = complete


@dataclass(slots=True, eq=False, init=False)
class Change:
    """A stated change of one item against a named base: 较上年增加Δ，增长r%, 持平, 无变化."""

    label: str
    key: Key  # the subject's key (period is the current one)
    base: str  # normalised base: "previous", "initial_budget", "adjusted_budget", or a year
    base_text: str
    current: Fact | None  # the subject's stated figure, when printed in the same clause
    delta: Figure | None
    delta_sign: int  # +1 增加, -1 减少, 0 持平/无变化, None-like 2 when the word is ambiguous
    rate: Figure | None
    rate_sign: int
    words: list[Span] = field(default_factory=list)  # direction words as printed
    sentence: int = -1
    prior: Fact | None = None  # the base figure, where printed (比上年2476.95万元减少…, or a figure of the base's period)
    # The total of the 其中 list the current figure is a part of (收入总计x，其中结转y，较上年增加Δ): the change may be
    # the total's; a reading the printed figures agree with on either is not an error.
    whole_of_part: Fact | None = None

    def __init__(  # hand-written: see source.Span
        self,
        label: str,
        key: Key,
        base: str,
        base_text: str,
        current: Fact | None,
        delta: Figure | None,
        delta_sign: int,
        rate: Figure | None,
        rate_sign: int,
        words: list[Span] | None = None,
        sentence: int = -1,
        prior: Fact | None = None,
        whole_of_part: Fact | None = None,
    ) -> None:
        self.label = label
        self.key = key
        self.base = base
        self.base_text = base_text
        self.current = current
        self.delta = delta
        self.delta_sign = delta_sign
        self.rate = rate
        self.rate_sign = rate_sign
        self.words = [] if words is None else words
        self.sentence = sentence
        self.prior = prior
        self.whole_of_part = whole_of_part

    @property
    def signed_delta(self) -> Fraction | None:
        return None if self.delta is None else self.delta.base_value * self.delta_sign


@dataclass(slots=True, eq=False)
class Product:
    """面积160118.88亩，每亩补贴91.07元，共计发放1458.32万元: the amount paid is the quantity times the standard."""

    quantity: Figure
    standard: Figure
    amount: Figure
    label: str
    unit: str  # the unit the standard is for (亩)


@dataclass(slots=True, eq=False, init=False)
class Share:
    """占r%: a part's share of a whole; or 完成预算的r%: the outturn's share of its budget (kind "completion")."""

    part: Fact
    share: Figure
    whole: Fact | None
    whole_label: str
    reason: str = ""  # why the whole could not be resolved
    kind: str = "share"  # "completion": the outturn as a share of its budget (完成预算的r%)
    implied: list[Fact] = field(default_factory=list)  # no whole printed: the parts whose sum is the whole
    joined: list[Fact] = field(default_factory=list)  # 两项合计占r%: the items whose sum is the part (part the last)

    def __init__(self, part: Fact, share: Figure, whole: Fact | None, whole_label: str, reason: str = "",
                 kind: str = "share", implied: list[Fact] | None = None, joined: list[Fact] | None = None) -> None:
        self.part = part  # hand-written: see source.Span
        self.share = share
        self.whole = whole
        self.whole_label = whole_label
        self.reason = reason
        self.kind = kind
        self.implied = implied if implied is not None else []
        self.joined = joined if joined is not None else []


@dataclass(slots=True, eq=False)
class PointChange:
    """比上年的10.54%增加0.78个百分点: a percentage, the other printed in its comparison, and their difference in
    percentage points. A percentage after a word of decrease (下降4.1%) may be read as negative or not."""

    label: str  # what the stated percentage is of
    other_label: str  # what it is compared with (上年, 全国平均占比)
    current: Figure
    other: Figure
    points: Figure
    sign: int  # +1: the stated percentage is the higher; -1: the lower
    current_signs: tuple[int, ...]
    other_signs: tuple[int, ...]
    words: list[Span]  # the words that say which is higher, as printed


@dataclass(slots=True, eq=False)
class AnnualGrowth:
    """年均增长12.03%，2020年达到9410.76元，比2015年增长76.48%: an average yearly rate and the growth over `years`
    years it compounds to."""

    label: str
    annual: Figure
    growth: Figure
    years: int
    since: str  # the base year as printed (2015年)


@dataclass(slots=True, eq=False)
class NamedCount:
    """直属事业单位10个，即A、B、C: a count and the names listed after it. The list may end at the intro's clause
    or run to the end of the sentence, and 和/及 may join two names or stand inside one: `fewest` and `most`
    are the counts the readings give."""

    label: str  # what is counted (直属事业单位)
    count: Figure
    names: list[Span]  # as the widest reading splits them
    fewest: int
    most: int


@dataclass(slots=True, eq=False)
class Doubt:
    """Something extraction saw but could not read with certainty (reported as unchecked, family EXT)."""

    code: str
    reason: str  # a text's name in rules/hints.toml (or, in older code, the text itself)
    spans: list[Span]
    values: dict[str, str] = field(default_factory=dict)  # the hint's placeholders


@dataclass(slots=True, repr=False, eq=False)
class Document:
    source: Source
    kind: str = "unknown"  # "budget", "final_account" or "unknown"
    year: int | None = None
    entity: str = ""
    unit: str = ""
    facts: list[Fact] = field(default_factory=list)
    sums: list[SumGroup] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    points: list[PointChange] = field(default_factory=list)
    named_counts: list[NamedCount] = field(default_factory=list)
    annual_growths: list[AnnualGrowth] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)  # a quantity, a standard for each unit, the amount paid
    nil_statements: list[Fact] = field(default_factory=list)  # figures of zero printed as words (无新购车辆), also in facts
    tables: list = field(default_factory=list)
    evaluations: list = field(default_factory=list)  # performance-evaluation tables (budgetaudit/evaluation.py)
    own_years: list = field(default_factory=list)  # places the document names its own year (own_year.py)
    # Fund scopes that name the same money in this document's current figures (crossref.py):
    # where all revenue is 一般公共预算 money, "all", "fiscal" and "general" figures are the same figures.
    scope_alias: dict[str, str] = field(default_factory=dict)
    # Likewise for spending alone, where the year's spending of all funds equals its 一般公共预算 spending.
    spending_alias: dict[str, str] = field(default_factory=dict)
    # Concepts that name two at once (收支总计: 收入总计 and 支出总计), from the dictionary the reader used.
    joint: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def comparable(self, key: Key) -> Key:
        """The key under which copies of a figure are compared (equivalent fund scopes merged)."""
        if key.period == "current" and key.scope in self.scope_alias:
            return Key(key.concept, key.period, key.measure, self.scope_alias[key.scope], key.quantity)
        return key

    def facts_of(self, concept: str, quantity: str | None = None, period: str = "current") -> list[Fact]:
        """Statement facts of one concept in the current period."""
        return [
            f
            for f in self.facts
            if f.key.concept == concept
            and f.key.period == period
            and f.context == "statement"
            and (quantity is None or f.key.quantity == quantity)
        ]
