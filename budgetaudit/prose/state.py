"""What the narrative reader carries from figure to figure: the state of a sentence and its indexes,
and the few patterns of punctuation and numbering that are not words (the words are in rules/words.toml)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Final

from .. import source as _source
from ..document import Change, Fact, SumGroup
from ..figures import Figure
from ..words import Words, default_words

WORDS: Final[Words] = default_words()

CLAUSE_BREAK: Final = re.compile(r"[，,；;：:、]")
CLAUSE_PUNCT: Final = re.compile("[，,；;：:。]")
COLON_FIRST: Final = re.compile(r"\s*[:：]")
# A sentence or a stretch after a semicolon that opens with its year (after a list number): 2019年总收入…，其中….
OPENING_YEAR: Final = re.compile(
    r"\s*(?:[(（]?[一二三四五六七八九十0-9]{1,3}[)）、.．]\s*)?(?:(?:其中|此外|另外|同时)[,，:：]?\s*)?((?:19|20)[0-9]{2})\s*年度?(?![初末底])")
IN_FRAME_CLOSE: Final = re.compile(r"\s*中\s*[,，:：]")  # 在支出合计x中，…
# Digits are ASCII in the normalised text: [0-9] is two comparisons a character, where \d looks each one up.
BASE_YEAR: Final = re.compile(r"([0-9]{4})年")
YEAR: Final = re.compile(r"([0-9]{4})\s*年")
GARBLE: Final = _source.GARBLE
LABEL_YEAR: Final = re.compile(r"[0-9]{4}\s*年度?")
OPEN_PAREN: Final = "(（"
BRACKETED: Final = re.compile(r"[(（][^()（）]*[)）]")
CLOSE_PAREN: Final = ")）"
OF_PERCENT: Final = re.compile(r"\s*的?\s*\d[\d.]*\s*[%％]")
SCOPE_HEADINGS: Final = (
    ("政府性基金", "fund"), ("国有资本经营", "capital"), ("一般公共预算", "general"), ("公共财政预算", "general"),
    ("财政拨款", "fiscal"),
)
SECTION_HEADING: Final = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d{1,2}[.、．](?!\d))")


def heading_level(heading: str) -> int:
    """一、 is 1, (一) is 2, 1. is 3: the level a SECTION_HEADING match numbers."""
    first = heading.lstrip()[:1]
    return 2 if first in "(（" else 3 if first.isdigit() else 1
LIST_ITEM: Final = re.compile(r"\s*(?:[(（]\d+[)）]|\d+[.、．](?!\d))")


def last_clause(lead: str) -> str:
    """The clause a figure closes, with a bracket it names a subject by kept whole: 县(市、区)一般公共预算收入."""
    clauses = CLAUSE_BREAK.split(lead)
    last = clauses[-1]
    if (")" in last or "）" in last) and "(" not in last and "（" not in last:
        opening = max(lead.rfind("("), lead.rfind("（"))
        if opening >= 0:
            head = CLAUSE_BREAK.split(lead[:opening])[-1]
            return head + lead[opening:]
    return last


_CLAUSE_BREAKS: Final = "，,；;：:、"  # CLAUSE_BREAK's characters


def tail_clause(text: str) -> str:
    """What follows the last clause break (CLAUSE_BREAK.split(text)[-1], without a list of every clause)."""
    # rfind per break character, each from just after the latest break found: 40% faster on the seeds' leads
    # than a greedy pattern run to the end and backed up to the last break (which tests a class at each
    # character it backs over).
    cut = -1
    for mark in _BREAK_CHARS:
        at = text.rfind(mark, cut + 1)
        if at > cut:
            cut = at
    return text[cut + 1 :]


_BREAK_CHARS: Final = tuple(_CLAUSE_BREAKS)


# A numbered item's mark where a clause begins: 1、 2. (3) （一） 二、.
ITEM_MARK: Final = re.compile(
    r"(?:^|(?<=[，,；;。:：\s]))\s*(?:(?P<open>[(（])(?P<n1>\d{1,2}|[一二三四五六七八九十]{1,3})[)）]"
    r"|(?P<n2>\d{1,2}|[一二三四五六七八九十]{1,3})[、.．](?!\d))")


def mark_style(match: re.Match) -> str:
    """A numbering's style: bracketed or not, in digits or in characters: "(d)", "(c)", "d" or "c" (1、 and 2. are
    one style)."""
    number = match.group("n1") or match.group("n2")
    kind = "d" if number[0].isdigit() else "c"
    return f"({kind})" if match.group("open") else kind


_NUMERALS: Final = {c: k for k, c in enumerate("一二三四五六七八九十", 1)}


def mark_number(match: re.Match) -> int:
    """The number an item mark prints (1, 一, 十二; 0 where it cannot be read)."""
    number = match.group("n1") or match.group("n2")
    if number.isdigit():
        return int(number)
    if len(number) == 1:
        return _NUMERALS.get(number, 0)
    if number[0] == "十":
        return 10 + _NUMERALS.get(number[1], 0)
    return _NUMERALS.get(number[0], 0) * 10 + (_NUMERALS.get(number[2], 0) if len(number) > 2 else 0)


def last_mark(text: str) -> str:
    """The style of the last item mark in text ("" for none)."""
    found = last_match(ITEM_MARK, text)
    return mark_style(found) if found is not None else ""


def holds_mark(text: str, style: str) -> bool:
    """Whether text holds an item mark of this style."""
    return any(mark_style(m) == style for m in ITEM_MARK.finditer(text))


def last_year(text: str, pattern: re.Pattern = YEAR) -> re.Match | None:
    """The last printed year (YEAR or LABEL_YEAR) in text; most texts hold no 年 and are not searched."""
    return last_match(pattern, text) if "年" in text else None


def last_match(pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The last match of `pattern` in text[start:end] (the one nearest the figure that follows)."""
    end = len(text) if end is None else end
    found = pattern.search(text, start, end)
    last = None
    while found is not None:  # each search resumes where the last match ended: one pass, as finditer makes
        last = found
        found = pattern.search(text, found.end() if found.end() > found.start() else found.start() + 1, end)
    return last


def clause_start(breaks: list[int], at: int) -> int:
    """Where the clause holding offset `at` begins: just after the last break before it (0 if none),
    as max(text.rfind(c, s, at) for c in the breaks) + 1 would say, from a sorted list of the breaks."""
    index = bisect.bisect_left(breaks, at) - 1
    return breaks[index] + 1 if index >= 0 else 0


@dataclass(init=False)
class Item:
    figure: Figure
    start: int
    end: int  # end of the unit when there is one
    number_end: int

    def __init__(self, figure: Figure, start: int, end: int, number_end: int) -> None:  # see source.Span
        self.figure = figure
        self.start = start
        self.end = end
        self.number_end = number_end


@dataclass(init=False)
class WordAt:
    """A direction word found away from the figure it governs (各减少Δ1、Δ2), shaped like a match."""

    word: str
    begin: int  # relative to the lead of the figure it is applied to
    finish: int

    def __init__(self, word: str, begin: int, finish: int) -> None:  # hand-written: see source.Span
        self.word = word
        self.begin = begin
        self.finish = finish

    def group(self, name: str = "word") -> str:
        return self.word

    def start(self, name: str = "word") -> int:
        return self.begin

    def end(self, name: str = "word") -> int:
        return self.finish


class Positions:
    """Where each label and concept stands in a list of facts that only grows (appended to, or replaced by
    another list): the latest fact with a label, or of a set of concepts, without scanning the list."""

    __slots__ = ("facts", "count", "by_label", "by_concept", "values")

    def __init__(self) -> None:
        self.facts: list[Fact] = []  # replaced by the list update() is given first
        self.count = 0
        self.by_label: dict[str, list[int]] = {}
        self.by_concept: dict[str, list[int]] = {}
        self.values: dict[str, tuple[int, set]] = {}  # concept → (facts taken in, their distinct base values)

    def update(self, facts: list[Fact]) -> "Positions":
        if facts is not self.facts:
            self.facts, self.count, self.by_label, self.by_concept, self.values = facts, 0, {}, {}, {}
        for k in range(self.count, len(facts)):
            self.by_label.setdefault(facts[k].label, []).append(k)
            self.by_concept.setdefault(facts[k].key.concept, []).append(k)
        self.count = len(facts)
        return self

    def values_of(self, concept: str) -> set:
        """The distinct base values stated for `concept` (worked out as asked, each fact taken in once)."""
        positions = self.by_concept.get(concept, ())
        taken, values = self.values.get(concept, (0, set()))
        for k in range(taken, len(positions)):
            values.add(self.facts[positions[k]].figure.base_value)
        self.values[concept] = (len(positions), values)
        return values

    def latest_label(self, label: str) -> Fact | None:
        positions = self.by_label.get(label)
        return self.facts[positions[-1]] if positions else None

    def latest_of(self, concepts, quantity: str, exclude: Fact | None = None) -> Fact | None:
        """The last fact (other than `exclude`) whose concept is one of `concepts` and whose quantity is `quantity`."""
        best = -1
        for concept in concepts:
            for k in reversed(self.by_concept.get(concept, ())):
                if k <= best:
                    break
                if self.facts[k].key.quantity == quantity and self.facts[k] is not exclude:
                    best = k
                    break
        return self.facts[best] if best >= 0 else None


class PartConcepts:
    """The concepts of a group's parts taken in so far, and whether none repeats. A group's parts only
    grow, so each part is taken in once, not again every time the group is looked at."""

    __slots__ = ("group", "count", "concepts", "distinct")

    def __init__(self, group: SumGroup) -> None:
        self.group = group  # held, so that its id is not reused while this is kept by id
        self.count = 0
        self.concepts: set[str] = set()
        self.distinct = True

    def take(self, parts: list[Fact]) -> bool:
        """Take in the parts added since the last call; True while no concept repeats."""
        for part in parts[self.count :]:
            if part.key.concept in self.concepts:
                self.distinct = False
            self.concepts.add(part.key.concept)
        self.count = len(parts)
        return self.distinct


@dataclass
class State:
    subject: Fact | None = None  # the item the next 较上年… is about
    base: tuple[str, str] | None = None  # comparison base: (normalised, as printed)
    change: Change | None = None  # the change a following 增长r% belongs to
    candidates: list[Fact] = field(default_factory=list)  # totals an open 其中 list may belong to
    candidates_here: bool = False  # the 其中 opened mid-sentence (nearest total wins)
    groups: dict[int, SumGroup] = field(default_factory=dict)
    change_group: SumGroup | None = None
    change_group_base: tuple[str, str] | None = None
    reason: bool = False
    facts: list[Fact] = field(default_factory=list)  # statements of this sentence
    previous: list[Fact] = field(default_factory=list)  # statements of the last sentence that had any
    paragraph_groups: list[SumGroup] = field(default_factory=list)  # 其中 lists whose siblings may follow
    paragraph: list[Fact] = field(default_factory=list)  # statements of the paragraph so far
    labels: dict[int, str] = field(default_factory=dict)  # positional labels (A和B分别为x和y), by figure offset
    share_parts: dict[int, int] = field(default_factory=dict)  # positional shares (占a%和b%), by figure offset
    positional: list[Fact] = field(default_factory=list)  # the facts a positional list produced, in order
    each: dict[int, tuple[str, int, int]] = field(default_factory=dict)  # 各减少Δ1、Δ2: word and its offsets, by figure
    each_rates: dict[int, tuple[int, str, int, int]] = field(default_factory=dict)  # 分别下降a%和b%: k, word, offsets
    each_changes: list[Change] = field(default_factory=list)
    prior: Fact | None = None  # 比上年2476.95万元: the base figure printed for the change that follows
    whole: Fact | None = None  # 占年初预算2180万元(的44.5%): the whole of the rate that follows
    whole_kind: str = "share"  # "completion" when that rate is 完成…的
    share_whole: str = ""  # the whole named before positional shares (占全国政府采购规模的a%和b%)
    outer: tuple[list[Fact], bool] | None = None  # the list outside an open bracket: its candidates, candidates_here
    bracket_from: int = 0  # where the open bracket's lead starts
    bracket_total: Fact | None = None  # the figure the open bracket breaks down
    bracketed: list[Fact] = field(default_factory=list)  # figures of a closed bracket: never a later 其中's whole
    after_change: bool = False  # the figure just placed was a change (增加60000万元): a bracket after it breaks that down
    change_bracket: bool = False  # inside a bracket opened right after a change: its figures are the change's parts
    list_mark: str = ""  # how the item whose 其中 list is open is numbered (1、, (一)): the next item so numbered ends it
    # Indexes of `facts` and `previous` (kept by ProseReader.recent), so a long sentence is read in linear time.
    facts_index: Positions = field(default_factory=Positions)
    previous_index: Positions = field(default_factory=Positions)


# Labels that point back at the item just named (公务接待费0.94万元。费用支出较年初预算数减少…).


def quantity_of(figure: Figure) -> str:
    """The quantity of a figure as a key holds it: a count names its unit (count:人, count:辆)."""
    return f"count:{figure.unit}" if figure.quantity == "count" else figure.quantity


def base_period(base: str, measure: str) -> tuple[str, str]:
    """The period and measure of a change's base: 上年 → ("previous", measure), 年初预算 → ("current", …)."""
    if base == "initial_budget":
        return "current", "initial_budget"
    if base == "adjusted_budget":
        return "current", "adjusted_budget"
    return base, measure  # "previous", a year, or text: the base names its own period

