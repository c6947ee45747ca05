"""Read the narrative: figures with their labels, totals with their 其中 parts, shares and changes.

The reader walks each sentence figure by figure. What stands between the
previous figure and this one (its *lead*) says what the figure is: a change
(较上年增加Δ), a rate (增长r%), a share (占r%), or a statement (基本支出443.88万元).
A little state carries meaning across clauses: the current subject, the
comparison base, an open 其中 list, and whether we are inside a 主要原因是 clause.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Final

from . import title
from .concepts import Dictionary, clean_label
from .document import Change, Document, Doubt, Fact, Key, Share, SumGroup
from .figures import NUMBER_RE, Figure, figure_at, parse_number, unit_after
from .sentences import HEADING, has_figure, is_not_a_figure, prose_mask, sentences
from .source import Source

_CLAUSE_BREAK: Final = re.compile(r"[，,；;：:、]")
_INCREASE: Final = "增加|增长|上升|提高|增多|多|增"
_DECREASE: Final = "减少|下降|降低|减|少|节约|节省|缩减"
_DIRECTION: Final = re.compile(rf"(?:各|分别|共|同比|相应)?(?P<word>{_INCREASE}|{_DECREASE})了?\s*$")
_AMBIGUOUS: Final = re.compile(r"(?:增加|减少)\s*[(（]\s*或\s*(?:增加|减少)\s*[)）]\s*$")
_FLAT: Final = re.compile(r"(?P<word>基本持平|持平|无变化|没有变化|无增减|未发生变化|不变)")
_BASE_TOKEN: Final = (
    r"上年决算数|上年决算|上年预算数|上年预算|上年支出数|上年同期|上年度|上年数|上年|去年|上一年度|上一年"
    r"|年初预算数|年初预算|调整预算数|调整预算|全年预算数|预算数|\d{4}\s*年度?(?:决算数|预算数|支出数)?"
)
# 与…相比: the spaces around the base are taken whole (possessive), so a long run of spaces costs one
# pass, not one per way of splitting it; the third branch is the base made of spaces alone.
_COMPARISON: Final = re.compile(
    rf"(?:较|比|同)\s*(?P<base>{_BASE_TOKEN})(?:相比|比较)?"
    rf"|(?:与|同|和)\s*+(?P<base2>[^，,。；;：:]{{1,16}}?)\s*+(?:相比|比较)"
    rf"|(?:与|同|和)\s++(?:相比|比较)"
)
_SHARE: Final = re.compile(r"占比\s*(?:为)?\s*$|占(?P<whole>[^，,。；;：:%]{0,24}?)(?:的)?(?:比重|比例)?(?:为)?\s*$")
_WHOLE_SUFFIX: Final = re.compile(r"(?:的)?(?:比重|比例)$")
_OPEN_PARTS: Final = re.compile(r"其中\s*[:：,，]?\s*")
_CHANGE_PARTS: Final = re.compile(r"主要(?:是|为|包括|由于)(?!原因)")
_LIST_INTRO: Final = re.compile(r"(?P<label>[^，,。；;：:]{0,40}?)主要用于以下(?:几个)?方面")
_RESPECTIVELY: Final = re.compile(r"分别(?:为|是)")
_LIST_SEPARATOR: Final = " ,，、和及与以及"
_SHARES_AFTER: Final = re.compile(
    r"[，,]?\s*(?:分别)?占(?:比)?(?P<whole>[^，,。；;：:%\d]{0,24}?)(?:的)?(?:比重|比例)?(?:分别)?(?:为|是)?(?:分别为)?\s*(?=\d)"
)
_EACH: Final = re.compile(rf"各(?:自)?(?P<word>{_INCREASE}|{_DECREASE})")
_RATES_AFTER: Final = re.compile(rf"[，,]?\s*分别(?P<word>{_INCREASE}|{_DECREASE})")
_NAME_SEPARATOR: Final = re.compile(r"[、和及与]|以及")
_INCREASE_WORDS: Final = frozenset(_INCREASE.split("|"))
_COLON_FIRST: Final = re.compile(r"\s*[:：]")
_PLURAL_TAIL: Final = re.compile(r"(?:各|分别|均|共)$")
_BASE_YEAR: Final = re.compile(r"(\d{4})年")


def _last(pattern: re.Pattern, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    """The last match of `pattern` in text[start:end] (the one nearest the figure that follows)."""
    end = len(text) if end is None else end
    if pattern.search(text, start, end) is None:
        return None  # most leads hold none: one search tells, without listing matches
    last = None
    for last in pattern.finditer(text, start, end):
        pass
    return last


_CLAUSE_PUNCT: Final = re.compile("[，,；;：:。]")


def _clause_start(breaks: list[int], at: int) -> int:
    """Where the clause holding offset `at` begins: just after the last break before it (0 if none),
    as max(text.rfind(c, s, at) for c in the breaks) + 1 would say, from a sorted list of the breaks."""
    index = bisect.bisect_left(breaks, at) - 1
    return breaks[index] + 1 if index >= 0 else 0


@dataclass(init=False)
class _Item:
    figure: Figure
    start: int
    end: int  # end of the unit when there is one
    number_end: int

    def __init__(self, figure: Figure, start: int, end: int, number_end: int) -> None:  # see source.Span
        self.figure = figure
        self.start = start
        self.end = end
        self.number_end = number_end


@dataclass
class _Word:
    """A direction word found away from the figure it governs (各减少Δ1、Δ2), shaped like a match."""

    word: str
    begin: int  # relative to the lead of the figure it is applied to
    finish: int

    def group(self, name: str = "word") -> str:
        return self.word

    def start(self, name: str = "word") -> int:
        return self.begin

    def end(self, name: str = "word") -> int:
        return self.finish


class _Positions:
    """Where each label and concept stands in a list of facts that only grows (appended to, or replaced by
    another list): the latest fact with a label, or of a set of concepts, without scanning the list."""

    __slots__ = ("facts", "count", "by_label", "by_concept", "values")

    def __init__(self) -> None:
        self.facts: list[Fact] = []  # replaced by the list update() is given first
        self.count = 0
        self.by_label: dict[str, list[int]] = {}
        self.by_concept: dict[str, list[int]] = {}
        self.values: dict[str, tuple[int, set]] = {}  # concept → (facts taken in, their distinct base values)

    def update(self, facts: list[Fact]) -> "_Positions":
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


class _PartConcepts:
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
class _State:
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
    share_whole: str = ""  # the whole named before positional shares (占全国政府采购规模的a%和b%)
    outer: tuple[list[Fact], bool] | None = None  # the list outside an open bracket: its candidates, candidates_here
    # Indexes of `facts` and `previous` (kept by ProseReader.recent), so a long sentence is read in linear time.
    facts_index: _Positions = field(default_factory=_Positions)
    previous_index: _Positions = field(default_factory=_Positions)


# Labels that point back at the item just named (公务接待费0.94万元。费用支出较年初预算数减少…).
_ANAPHORA: Final = {"费用支出", "费用", "该项支出", "该项费用", "上述费用", "此项支出", "该费用", "支出数"}
# Labels that name only a measure; the item is named by the clause before (收入预算:2026年年初预算数…).
_MEASURE_ONLY: Final = {"", "年初", "年初预算", "年初预算数", "预算数", "决算数", "全年", "本年"}
_YEAR: Final = re.compile(r"(\d{4})\s*年")
_BUDGET_LABEL: Final = re.compile(r"预算(?:数|总额)?\s*(?:为|是|安排)?\s*$")
_OPEN_PAREN: Final = "(（"
_COMPARISON_LEADS: Final = "与较比同和"
# Parts every expenditure item splits into: under an item of any name (其他技术研究与开发支出…，其中：基本支出…)
# they are that item's, never the department's.
_STRUCTURE: Final = frozenset({"基本支出", "项目支出", "人员经费", "公用经费"})
# 占年初预算2180万元的44.5%, 完成全年预算50.74万元的67.2%: the figure is the whole of the rate after 的.
_WHOLE_BEFORE: Final = re.compile(r"(?:占|完成)(?P<label>[^，,。；;：:]{0,16})$")
_OF_PERCENT: Final = re.compile(r"\s*的\s*\d[\d.]*\s*[%％]")
_CLOSE_PAREN: Final = ")）"
_SCOPE_HEADINGS: Final = (
    ("政府性基金", "fund"), ("国有资本经营", "capital"), ("一般公共预算", "general"), ("财政拨款", "fiscal"),
)
_REASON_START: Final = re.compile(r"主要原因|原因(?:是|为|系)|主要是由于|由于|主要用于|用于")
_SECTION_HEADING: Final = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")
_LIST_ITEM: Final = re.compile(r"\s*(?:[(（]\d+[)）]|\d+[.、．](?!\d))")
_INCOME_AND_EXPENDITURE: Final = ("收入总计", "支出总计")
_OPENS_WITH_COMPARISON: Final = re.compile(r"\s*(?:较|比|与|同)")


class ProseReader:
    def __init__(self, source: Source, document: Document, dictionary: Dictionary):
        self.source = source
        self.doc = document
        self.dictionary = dictionary
        table_lines = frozenset(
            line for table in document.tables for line in range(table.first_line - 1, table.last_line)
        )
        masked, self.page_lines = prose_mask(source, table_lines)
        self.text = masked.replace("收、支", "收支 ")
        # In a document of unknown kind every figure has the document's own measure ("stated").
        self.measure = {"budget": "budget", "final_account": "final"}.get(document.kind, "stated")
        self.list_whole = ""
        self.list_whole_fact: Fact | None = None
        self.section_scope = "all"  # fund scope named by the current section heading
        self.in_list = False
        self._cursor = 0  # offset of the current lead, for the spans of direction words
        self._parents: dict[str, frozenset[str]] = {}
        # The document's facts by label and concept (brought up to date when a named whole is resolved),
        # so a sentence of many 占X的r% does not scan every fact for each.
        self._facts_index = _Positions()
        self._part_concepts: dict[int, _PartConcepts] = {}  # by id of the group (which it holds)

    # -- figures ---------------------------------------------------------
    def items(self, start: int, end: int) -> list[_Item]:
        text = self.text
        # [start, number end, unit, unit end] of every number; Figures are built only for those
        # that end up with a unit (most numbers of a sentence have none and are dropped).
        found: list[list] = []
        for m in NUMBER_RE.finditer(text, start, end):
            number_start, number_end = m.span()
            if is_not_a_figure(text, number_start, number_end) or parse_number(m.group()) is None:
                continue
            unit, unit_end = unit_after(text, number_end)
            if unit_end > end:
                unit = None
            found.append([number_start, number_end, unit, unit_end if unit else None])
        # A unit printed once after a list (4125.49、4143.91万元) belongs to every number of it.
        for i in range(len(found) - 2, -1, -1):
            item, following = found[i], found[i + 1]
            if item[2] is None and following[2] is not None:
                gap = text[item[1] : following[0]]
                if gap.strip(" ,，、和及与") == "" and gap.strip(" ") != "":
                    item[2] = following[2]
        out: list[_Item] = []
        for number_start, number_end, found_unit, found_end in found:
            if found_unit is None:
                continue
            figure = figure_at(self.source, number_start, number_end, found_unit, found_end)
            if figure is None:
                continue
            out.append(_Item(figure, number_start, found_end if found_end is not None else number_end, number_end))
        return out

    def key(self, label: str, figure: Figure, lead: str, scope_hint: str | None = None) -> Key:
        quantity = _quantity(figure)
        concept, scope = self.dictionary.lookup(label, quantity)
        name = concept.name if concept else f"label:{label}"
        if scope == "all":
            scope = scope_hint or self.section_scope
        period = "current"
        # Only the figure's own clause dates it: 与2025年持平；公务接待费1.50万元 is this year's.
        clause = _CLAUSE_BREAK.split(lead)[-1]
        if clean_label(clause) not in _MEASURE_ONLY:
            lead = clause
        year = _last(_YEAR, lead)  # the year printed nearest the figure dates it
        if year and self.doc.year and int(year.group(1)) != self.doc.year:
            y = int(year.group(1))
            period = "previous" if y == self.doc.year - 1 else str(y)
        elif year and not self.doc.year:
            period = year.group(1)  # the document's year unknown: a printed year is all we know
        dated = lead.replace("上年结转", "").replace("上年结余", "")
        if "上年" in dated or "去年" in dated:
            period = "previous"
        measure = self.measure
        if _BUDGET_LABEL.search(lead) and "决算" not in lead and self.doc.kind != "budget":
            # 三公经费预算11324.44万元 in a 决算 (or a text of unknown kind): the budget, not the outturn.
            measure = "initial_budget" if self.doc.kind == "final_account" else "budget"
        elif "年初预算" in lead and self.doc.kind != "budget":
            measure = "initial_budget"
        elif "调整预算" in lead:
            measure = "adjusted_budget"
        return Key(name, period, measure, scope, quantity)

    # -- the walk ----------------------------------------------------------
    def read(self) -> None:
        state = _State()
        for s, e in sentences(self.text, self.page_lines):
            sentence = self.text[s:e]
            heading = HEADING.match(sentence) is not None
            list_item = _LIST_ITEM.match(sentence) is not None
            if (heading or list_item) and not _OPENS_WITH_COMPARISON.match(sentence):
                state.subject = None
                state.previous = []
                state.paragraph_groups = []
                state.paragraph = []
            if _SECTION_HEADING.match(sentence) and not has_figure(sentence):
                self.section_scope = next((scope for word, scope in _SCOPE_HEADINGS if word in sentence), "all")
            intro = _LIST_INTRO.search(sentence) if "主要用于以下" in sentence else None
            if intro:
                self.list_whole = clean_label(intro.group("label"))
                self.list_whole_fact = None
            elif heading and not list_item:
                self.list_whole, self.list_whole_fact = "", None
            self.read_sentence(s, e, state, in_list=list_item)
            if intro and state.facts:
                # 一般公共预算财政拨款支出1296.58万元，较上年减少…，主要用于以下几个方面：the list's whole is that figure.
                self.list_whole_fact = state.facts[0]
            if state.facts:
                state.previous = state.facts
                state.paragraph.extend(state.facts)

    def read_sentence(self, s: int, e: int, state: _State, in_list: bool) -> None:
        text = self.text
        sentence = len(self.doc.facts)
        state.facts = []
        state.reason = False
        state.candidates = []
        state.groups = {}
        state.change_group = None
        state.change = None
        state.base = None
        state.prior = None
        state.whole = None
        state.outer = None
        self.in_list = in_list
        items = self.items(s, e)
        self.positional_lists(s, e, items, state)
        cursor = s
        for item in items:
            lead = text[cursor : item.start]
            self.update_context(lead, cursor, state)
            self._cursor = cursor
            self.place(item, lead, state, sentence)
            cursor = item.end
        tail = text[cursor:e]
        if _FLAT.search(tail):
            # After the last figure only a flat claim (持平) counts: the reason and base the tail
            # would set are reset before the next sentence reads them.
            self.update_context(tail, cursor, state)
        self.close_groups(state)
        self.negations(s, e, sentence)

    def negations(self, s: int, e: int, sentence: int) -> None:
        """无新购公务用车安排: a figure of zero, printed as words, located at the words."""
        if not self.dictionary.negation_phrases.search(self.text, s, e):
            return  # most sentences hold none of the phrases: not looked for one by one
        sentence_text = self.text[s:e]
        for concept_name, phrases in self.dictionary.negations.items():
            concept = self.dictionary.concepts.get(concept_name)
            if concept is None:
                continue
            for phrase in phrases:
                at = sentence_text.find(phrase)
                if at < 0:
                    continue
                start, end = s + at, s + at + len(phrase)
                unit = concept.quantity.split(":", 1)[1] if concept.quantity.startswith("count:") else "万元"
                figure = Figure(Fraction(0), 0, unit, self.source.span(start, end), start, end)
                key = self.key(phrase, figure, sentence_text[:at])
                key = Key(concept_name, key.period, key.measure, key.scope, concept.quantity)
                self.doc.facts.append(Fact(key, phrase, figure, "prose", "statement", sentence))
                break

    def positional_lists(self, s: int, e: int, items: list[_Item], state: _State) -> None:
        """A和B分别为x和y(，占a%和b%): labels and shares assigned by position, or not at all."""
        state.labels, state.share_parts, state.positional = {}, {}, []
        state.each, state.each_rates, state.each_changes = {}, {}, []
        if not items:
            return  # no figure to take a label or a share by position
        text = self.text
        starts = [item.start for item in items]
        breaks: list[int] | None = None
        for match in _RESPECTIVELY.finditer(text, s, e):
            breaks = breaks if breaks is not None else [m.start() for m in _CLAUSE_PUNCT.finditer(text, s, e)]
            clause_start = _clause_start(breaks, match.start())
            head = text[max(clause_start, s) : match.start()]
            names = [clean_label(n) for n in _NAME_SEPARATOR.split(head)]
            names = [n for n in names if n]
            run = self.run_after(match.end(), items, e, lambda f: f.quantity != "percent", starts)
            if len(names) < 2 or not run:
                continue
            if len(run) != len(names):
                self.doc.doubts.append(Doubt("EXT005", "positional_mismatch", [i.figure.span for i in run]))
                continue
            for name, item in zip(names, run):
                state.labels[item.start] = name
            self.positional_shares(run, len(names), items, e, state, starts)
        for match in _EACH.finditer(text, s, e):
            breaks = breaks if breaks is not None else [m.start() for m in _CLAUSE_PUNCT.finditer(text, s, e)]
            clause_start = _clause_start(breaks, match.start())
            head = text[max(clause_start, s) : match.start()]
            comparison = _COMPARISON.search(head)
            names_text = head[: comparison.start()] if comparison else head
            names = [n for n in (clean_label(n) for n in _NAME_SEPARATOR.split(names_text)) if n]
            run = self.run_after(match.end(), items, e, lambda f: f.quantity != "percent", starts)
            if len(names) >= 2 and len(run) == len(names):
                for name, item in zip(names, run):
                    state.labels[item.start] = name
                    state.each[item.start] = (match.group("word"), match.start("word"), match.end("word"))
                rates_at = _RATES_AFTER.match(text, run[-1].end, e)
                if rates_at:
                    rates = self.run_after(rates_at.end(), items, e, lambda f: f.quantity == "percent", starts)
                    if len(rates) == len(names):
                        for k, item in enumerate(rates):
                            state.each_rates[item.start] = (k, rates_at.group("word"), rates_at.start("word"), rates_at.end("word"))
            elif len(names) >= 2 and len(run) > 1:
                self.doc.doubts.append(Doubt("EXT005", "positional_mismatch", [i.figure.span for i in run]))

    def positional_shares(self, run: list[_Item], count: int, items: list[_Item], e: int, state: _State,
                          starts: list[int] | None = None) -> None:
        """占a%、b%和c% right after a positional list: the k-th share belongs to the k-th figure."""
        share_at = _SHARES_AFTER.match(self.text, run[-1].end, e)  # not a slice to e: a sentence may be long
        if share_at:
            shares = self.run_after(share_at.end(), items, e, lambda f: f.quantity == "percent", starts)
            if len(shares) == count:
                state.share_whole = clean_label(share_at.group("whole") or "")
                for k, item in enumerate(shares):
                    state.share_parts[item.start] = k

    def run_after(self, offset: int, items: list[_Item], end: int, wanted, starts: list[int] | None = None) -> list[_Item]:
        """The figures printed one after another from `offset`, separated only by list separators.
        `starts` (the items' offsets, ascending) lets it begin at the first item at or after `offset`."""
        run = []
        cursor = offset
        first = bisect.bisect_left(starts, offset) if starts is not None else 0
        for index in range(first, len(items)):  # not islice: it would step over the first `first` items
            item = items[index]
            if item.start < offset:
                continue
            if self.text[cursor : item.start].strip(_LIST_SEPARATOR) or not wanted(item.figure):
                break
            run.append(item)
            cursor = item.end
        return run

    def update_context(self, lead: str, lead_start: int, state: _State) -> None:
        reason = _last(_REASON_START, lead)
        stop = max(lead.rfind("；"), lead.rfind(";"))
        if reason is not None and reason.start() > stop:
            state.reason = True
        elif stop >= 0:
            state.reason = False
        if state.reason and (reason is None or reason.start() <= stop):
            return
        comparison = _last(_COMPARISON, lead)
        if comparison:
            base_text = (comparison.group("base") or comparison.group("base2") or "").strip()
            state.base = (self.normalise_base(base_text), base_text)
        for flat in _FLAT.finditer(lead):
            self.flat_claim(flat, lead, lead_start, state)

    def normalise_base(self, base: str) -> str:
        base = base.replace(" ", "")
        if "年初预算" in base:
            return "initial_budget"
        if "调整预算" in base or "全年预算" in base:
            return "adjusted_budget"
        if "上年" in base or "去年" in base or "上一年" in base:
            return "previous"
        year = _BASE_YEAR.match(base)
        if year:
            y = int(year.group(1))
            return "previous" if self.doc.year and y == self.doc.year - 1 else str(y)
        if base == "预算数" and self.doc.kind == "final_account":
            return "initial_budget"
        return f"text:{base}"

    def place(self, item: _Item, lead: str, state: _State, sentence: int) -> None:
        figure = item.figure
        if state.reason and ("，" in lead or "," in lead):
            # A reason ends where a clause names a known item again (…主要原因是厉行节约,公务用车购置费0万元).
            concept, _ = self.dictionary.lookup(clean_label(_CLAUSE_BREAK.split(lead)[-1]), "money")
            if concept is not None:
                state.reason = False
        if state.reason:
            self.statement(item, lead, state, sentence)
            return
        direction: re.Match[str] | _Word | None = _DIRECTION.search(lead)
        if item.start in state.each:
            word, begin, finish = state.each[item.start]
            direction = _Word(word, begin - self._cursor, finish - self._cursor)
        if item.start in state.each_rates and state.each_rates[item.start][0] < len(state.each_changes):
            k, word, begin, finish = state.each_rates[item.start]
            state.change = state.each_changes[k]
            direction = _Word(word, begin - self._cursor, finish - self._cursor)
        if figure.quantity == "percent":
            if state.whole is not None and lead.strip() == "的" and state.subject is not None:
                self.add_share(state.subject, figure, state.whole, state.whole.label, state)
                state.whole = None
                return
            share = _SHARE.search(lead)
            if item.start in state.share_parts and state.share_parts[item.start] < len(state.positional):
                self.add_share(state.positional[state.share_parts[item.start]], figure, None, state.share_whole, state)
            elif share:
                self.share(figure, share, state, _CLAUSE_BREAK.split(lead)[-1])
            elif direction:
                self.rate(figure, direction, state)
            else:
                self.statement(item, lead, state, sentence)
            return
        if _AMBIGUOUS.search(lead):
            self.doc.doubts.append(
                Doubt("EXT002", "ambiguous_direction", [figure.span])
            )
            state.change = None
            return
        if direction:
            self.delta(figure, direction, lead, state)
            return
        if self.inline_prior(item, lead, state, sentence) or self.whole_of_rate(item, lead, state, sentence):
            return
        self.statement(item, lead, state, sentence)

    def whole_of_rate(self, item: _Item, lead: str, state: _State, sentence: int) -> bool:
        """占年初预算2180万元的44.5%: the figure is the whole of the rate that follows, not a new item."""
        subject = state.subject
        clause = _CLAUSE_BREAK.split(lead)[-1]
        named = _WHOLE_BEFORE.search(clause)
        if subject is None or state.reason or named is None or not _OF_PERCENT.match(self.text, item.end):
            return False
        label = clean_label(named.group("label"))
        measure = subject.key.measure
        if "预算" in named.group("label") and self.doc.kind != "budget":
            measure = "initial_budget" if "年初" in named.group("label") else "adjusted_budget"
        key = Key(subject.key.concept if not label or label in _MEASURE_ONLY or "预算" in label else f"label:{label}",
                  subject.key.period, measure, subject.key.scope, subject.key.quantity)
        state.whole = Fact(key, label or subject.label, item.figure, "prose", "whole", sentence)
        self.doc.facts.append(state.whole)
        return True

    def inline_prior(self, item: _Item, lead: str, state: _State, sentence: int) -> bool:
        """比上年2476.95万元(减少…): a figure right after the comparison is the base, not a new statement."""
        subject = state.subject
        if subject is None or state.reason:
            return False
        comparison = _last(_COMPARISON, lead)
        if comparison is None or comparison.group("base") is None:
            return False
        between = lead[comparison.end():]
        if _CLAUSE_BREAK.search(between) or len(between.strip()) > 12:
            return False
        if _quantity(item.figure) != subject.key.quantity:
            return False
        base = self.normalise_base(comparison.group("base").strip())
        period, measure = _base_period(base, subject.key.measure)
        key = Key(subject.key.concept, period, measure, subject.key.scope, subject.key.quantity)
        state.prior = Fact(key, subject.label, item.figure, "prose", "prior", sentence)
        self.doc.facts.append(state.prior)
        return True

    # -- statements and 其中 lists ----------------------------------------
    def statement(self, item: _Item, lead: str, state: _State, sentence: int) -> None:
        figure = item.figure
        clauses = _CLAUSE_BREAK.split(lead)
        label = state.labels.get(item.start) or clean_label(clauses[-1])
        if not label and state.facts and not lead.strip(" ,，"):
            label = state.facts[-1].label  # 40批次139人: the second figure has the first one's label
        elif label in _MEASURE_ONLY and len(clauses) > 1 and clean_label(clauses[-2]):
            label = clean_label(clauses[-2])
        colon = state.facts and _COLON_FIRST.match(lead)
        self.parentheses(lead, state)
        if (colon or _OPEN_PARTS.search(lead)) and not state.reason:
            self.close_groups(state)
            # A colon right after a figure opens a breakdown of that figure alone. Otherwise the total is
            # one of the first or the latest few statements (a bounded window keeps a sentence linear).
            pool = state.facts or state.previous
            window = pool if len(pool) <= 12 else pool[:4] + pool[-8:]
            state.candidates = [state.facts[-1]] if colon else list(window)
            state.candidates_here = bool(state.facts)
        key = self.key(label, figure, lead)
        context = "reason" if state.reason else "statement"
        # Percentages after 其中 (完成预算的X% for each item) are never parts of a sum.
        listable = key.quantity != "percent"
        group = self.group_for(key, label, state) if state.candidates and not state.reason and listable else None
        if group is not None and key.scope == "all" and not self.dictionary.lookup(label, key.quantity)[0] is None:
            key = Key(key.concept, key.period, key.measure, group.total.key.scope, key.quantity)
        if group is not None and key.period == "current" and _last(_YEAR, lead) is None:
            # A 其中 list is of its total's year and measure (2021年的三公经费决算数合计…，其中…).
            total_key = group.total.key
            if total_key.period != "current" or total_key.measure != key.measure:
                key = Key(key.concept, total_key.period, total_key.measure, key.scope, key.quantity)
        if group is not None and (group.total.key.known or key.concept in _STRUCTURE) and not self.is_parent(group.total, key) \
                and group.total.key.concept != key.concept and self.dictionary.lookup(label, key.quantity)[0] is not None:
            # 机构运行86.52万元，其中：基本支出86.52万元: that 基本支出 is 机构运行's, not the department's.
            key = Key(f"{group.total.key.concept}›{key.concept}", key.period, key.measure, key.scope, key.quantity)
        if listable and group is None and not state.reason and not state.candidates and item.start in state.labels:
            # A和B分别为x和y naming the parts of a figure just stated breaks that figure down, like 其中.
            group = self.positional_group(key, state)
            if group is not None and key.scope == "all":
                key = Key(key.concept, key.period, key.measure, group.total.key.scope, key.quantity)
        if listable and group is None and not state.reason and not state.candidates:
            group = self.sibling_group(key, state)
            if group is not None and key.scope == "all":
                key = Key(key.concept, key.period, key.measure, group.total.key.scope, key.quantity)
        fact = Fact(key, label, figure, "prose", context, sentence)
        self.doc.facts.append(fact)
        if state.reason:
            return
        if group is not None:
            group.parts.append(fact)
            self.mark_complete(group)
            if key.quantity.startswith("count:") and not self.is_parent(group.total, key):
                # People and things are counted by overlapping categories (在职/退休 beside 职称): a list of
                # counts is a breakdown to add up only where a partition is declared.
                group.kind = "counts"
        state.facts.append(fact)
        if item.start in state.labels:
            state.positional.append(fact)
        state.subject = fact
        state.change = None

    def parentheses(self, lead: str, state: _State) -> None:
        """公务用车购置及运行费28万元(购置费0万元，运行费28万元)，公务接待费1万元: the figures in brackets right
        after a figure break that figure down; the list outside goes on after the closing bracket."""
        opens = sum(lead.count(c) for c in _OPEN_PAREN)
        closes = sum(lead.count(c) for c in _CLOSE_PAREN)
        if state.outer is not None and closes > opens:
            state.candidates, state.candidates_here = state.outer
            state.outer = None
        elif state.outer is None and opens > closes and state.facts and lead.lstrip()[:1] in _OPEN_PAREN:
            state.outer = (state.candidates, state.candidates_here)
            state.candidates, state.candidates_here = [state.facts[-1]], True

    def positional_group(self, key: Key, state: _State) -> SumGroup | None:
        """The group of the nearest statement (this sentence, then the last) whose partition holds this part."""
        parents = self.parents_of(key.concept)
        fact = None
        if parents:
            fact = (state.facts_index.update(state.facts).latest_of(parents, key.quantity)
                    or state.previous_index.update(state.previous).latest_of(parents, key.quantity))
        if fact is None:
            return None
        group = state.groups.get(id(fact))
        if group is None:
            group = state.groups[id(fact)] = SumGroup(fact, [], "parts")
            self.doc.sums.append(group)
        return group

    def sibling_group(self, key: Key, state: _State) -> SumGroup | None:
        """A 其中 list of this paragraph that this fact completes (人员经费… 。公用经费…): partition siblings only."""
        # Only a list whose total has a partition holding this concept can take it: a fact of a concept
        # no partition holds (most) looks at no list, and lists of other totals are passed over at once.
        parents = self.parents_of(key.concept)
        if not parents:
            return None
        for group in reversed(state.paragraph_groups):
            if group.total.key.concept not in parents or group.total.key.quantity != key.quantity or group.complete:
                continue
            have = {p.key.concept for p in group.parts}
            if key.concept in have:
                continue
            if any(have | {key.concept} <= members for members in self.dictionary.partition_members(group.total.key.concept)):
                return group
        return None

    def group_for(self, key: Key, label: str, state: _State) -> SumGroup | None:
        """The 其中 list this fact is a part of: the open list's total of the same quantity and side."""
        pool = [c for c in state.candidates if c.key.quantity == key.quantity]
        if key.known:
            # 公务用车购置及运行费42万元，其中运行费42万元、购置费0万元；公务接待费36万元: 公务接待费 is a sibling of
            # that total in a declared partition, not one of its parts.
            pool = [c for c in pool if not self.siblings(c.key, key)]
        side = self.dictionary.side_of(key.concept, label)
        sided = [c for c in pool if side and self.dictionary.side_of(c.key.concept, c.label) == side]
        pool = sided or pool
        # The same item in a wider fund scope (政府采购 ⊇ 其中一般公共预算拨款政府采购), or a declared parent.
        narrower = key.scope != "all"
        same = [c for c in pool if narrower and c.key.concept == key.concept and c.key.scope == "all"
                and not key.concept.startswith("label:")]
        parents = [c for c in pool if self.is_parent(c, key)]
        if not same and not parents and not state.candidates_here:
            parents = [c for c in state.paragraph if c.key.quantity == key.quantity and self.is_parent(c, key)]
        pool = same or parents or pool
        if not pool:
            return None
        if len({c.figure.base_ratio for c in pool}) > 1 and not state.candidates_here:
            self.doc.doubts.append(
                Doubt("EXT003", "ambiguous_total", [c.span for c in pool])
            )
            state.candidates = []
            return None
        total = pool[-1]
        group = state.groups.get(id(total))
        if group is None:
            group = state.groups[id(total)] = SumGroup(total, [], "parts")
            self.doc.sums.append(group)
        return group

    def siblings(self, total: Key, part: Key) -> bool:
        """Both are members of one declared partition, and neither is the other's parent."""
        if not total.known or total.concept == part.concept or part.concept in self.parents_of(total.concept):
            return False
        if total.concept in self.parents_of(part.concept):
            return False
        return any(total.concept in members and part.concept in members for _, members in self.dictionary.partitions)

    def is_parent(self, candidate: Fact, key: Key) -> bool:
        return candidate.key.concept in self.parents_of(key.concept)

    def parents_of(self, concept: str) -> frozenset[str]:
        """The concepts with a declared partition that has `concept` as a member (computed once each)."""
        known = self._parents.get(concept)
        if known is None:
            known = self._parents[concept] = frozenset(
                total for totals, members in self.dictionary.partitions if concept in members for total in totals
            )
        return known

    def close_groups(self, state: _State) -> None:
        for group in state.groups.values():
            if not group.parts:
                self.doc.sums.remove(group)
            else:
                self.mark_complete(group)
                state.paragraph_groups.append(group)
        if state.change_group is not None:
            self.mark_complete(state.change_group)
        state.groups = {}
        state.candidates = []

    def mark_complete(self, group: SumGroup) -> None:
        """A group is complete when its parts are every member of a partition of its total; while a
        concept repeats among its parts, it keeps what it was."""
        tally = self._part_concepts.get(id(group))
        if tally is None:
            tally = self._part_concepts[id(group)] = _PartConcepts(group)
        if tally.take(group.parts):
            group.complete = self.dictionary.partition_of(group.total.key.concept, tally.concepts)

    # -- changes -----------------------------------------------------------
    def subject_for(self, lead: str, direction: re.Match[str] | _Word, state: _State) -> tuple[str, Fact | None, str]:
        """The item a change is about: a label printed around 较/比, or the current subject."""
        comparison = _last(_COMPARISON, lead, 0, direction.start())
        if comparison:
            between = _CLAUSE_BREAK.split(lead[comparison.end() : direction.start()])[-1]
            before = _CLAUSE_BREAK.split(lead[: comparison.start()])[-1]
            candidates = [between, before]
        else:
            candidates = [_CLAUSE_BREAK.split(lead[: direction.start()])[-1]]
        label = ""
        for text in candidates:
            label = _PLURAL_TAIL.sub("", clean_label(text))
            if label:
                break
        if not label and state.subject is not None and self.names_another(lead[: direction.start()], state.subject):
            return "", None, "all"  # …运行维护费支出决算比预算无增减变化，比去年增加1.05万元: not the last item stated
        if not label or label in _ANAPHORA:
            subject = state.subject
            return (subject.label, subject, subject.key.scope) if subject else ("", None, "all")
        fact = self.latest_labelled(label, state)
        if fact is not None:
            return label, fact, fact.key.scope
        if label in ("收支", "收支总计"):
            total = self.one_total(state)
            if total is not None:
                return label, total, total.key.scope
        return label, None, "all"

    def names_another(self, text: str, subject: Fact) -> bool:
        """Whether the text since the last figure names an item other than `subject` (the nearest clause
        that names one, read before its comparison word)."""
        for clause in reversed(_CLAUSE_BREAK.split(text)):
            if clause.lstrip()[:1] in _COMPARISON_LEADS:
                continue  # 与上年持平, 较上年: a comparison names no item
            comparison = _COMPARISON.search(clause)
            label = _PLURAL_TAIL.sub("", clean_label(clause[: comparison.start()] if comparison else clause))
            if label and label not in _ANAPHORA and label not in _MEASURE_ONLY and not _REASON_START.search(clause):
                concept, _ = self.dictionary.lookup(label, subject.key.quantity)
                same = label == subject.label or (concept is not None and concept.name == subject.key.concept)
                return not same
        return False

    def one_total(self, state: _State) -> Fact | None:
        """What a 收支 change is about: when every 收入总计 and 支出总计 of this sentence and the last one states
        one amount, the last of them in the last sentence, else in this one. Asked of the indexes, so a long
        sentence is not scanned for each change that asks."""
        values: set = set()
        last = None
        for facts, index in ((state.facts, state.facts_index), (state.previous, state.previous_index)):
            index.update(facts)
            at = -1
            for concept in _INCOME_AND_EXPENDITURE:
                values |= index.values_of(concept)
                if len(values) > 1:
                    return None
                positions = index.by_concept.get(concept)
                if positions:
                    at = max(at, positions[-1])
            if at >= 0:
                last = facts[at]  # the last sentence's, when it has one, replaces this one's
        return last

    def latest_labelled(self, label: str, state: _State) -> Fact | None:
        """The first fact labelled `label` in reversed(state.facts + state.previous)."""
        return (state.facts_index.update(state.facts).latest_label(label)
                or state.previous_index.update(state.previous).latest_label(label))

    def delta(self, figure: Figure, direction: re.Match[str] | _Word, lead: str, state: _State) -> None:
        sign = 1 if direction.group("word") in _INCREASE_WORDS else -1
        compared_here = _COMPARISON.search(lead) is not None
        if not compared_here and state.change is not None and state.change.delta is not None \
                and _CHANGE_PARTS.search(lead):
            state.change_group = SumGroup(self.change_fact(state.change), [], "changes")
            state.change_group_base = (state.change.base, state.change.base_text)
            self.doc.sums.append(state.change_group)
        part_of = state.change_group if (state.change_group is not None and not compared_here) else None
        base = state.change_group_base if part_of is not None else state.base
        if base is None:
            return  # 增加 with no comparison base is not a change this reader can place
        label, current, scope = self.subject_for(lead, direction, state)
        positional = state.labels.get(figure.start)
        if positional:
            label = positional
            current = self.latest_labelled(label, state)
            scope = current.key.scope if current else "all"
        if not label:
            return
        quantity = _quantity(figure)
        concept, concept_scope = self.dictionary.lookup(label, quantity)
        key = Key(concept.name if concept else f"label:{label}", "current", self.measure,
                  concept_scope if concept_scope != "all" else scope, quantity)
        word = self.source.span(direction.start("word") + self._cursor, direction.end("word") + self._cursor)
        prior = state.prior if state.prior is not None and state.prior.label == label else None
        if current is not None and current.figure.quantity != figure.quantity:
            current = None  # 接待139466人次 … 减少1897.9万元: a count is not the current figure of money
        if prior is None and current is not None and current.key.period != "current" \
                and current.key.period == _base_period(base[0], current.key.measure)[0]:
            prior, current = current, None  # 2023年度…8.64万元。2024年…较上年减少: that figure is the base
        state.prior = None
        change = Change(label, key, base[0], base[1], current, figure, sign, None, 0, [word], prior=prior)
        self.doc.changes.append(change)
        if part_of is not None:
            part_of.parts.append(self.change_fact(change))
        else:
            state.change = change
        if figure.start in state.each:
            state.each_changes.append(change)

    def change_fact(self, change: Change) -> Fact:
        delta = change.delta
        assert delta is not None  # a change's fact is made only for a change stated with an amount
        signed = Figure(delta.value * change.delta_sign, delta.decimals, delta.unit, delta.span, delta.start, delta.end)
        key = Key(change.key.concept, change.key.period, f"change:{change.base}", change.key.scope, change.key.quantity)
        return Fact(key, change.label, signed, "prose", "statement")

    def rate(self, figure: Figure, direction: re.Match[str] | _Word, state: _State) -> None:
        sign = 1 if direction.group("word") in _INCREASE_WORDS else -1
        word = self.source.span(direction.start("word") + self._cursor, direction.end("word") + self._cursor)
        change = state.change
        if change is None or change.rate is not None:
            if state.base is None or state.subject is None:
                return
            subject = state.subject
            change = Change(subject.label, subject.key, state.base[0], state.base[1], subject, None, 0, None, 0)
            self.doc.changes.append(change)
            state.change = change
        change.rate = figure
        change.rate_sign = sign
        change.words.append(word)

    def share(self, figure: Figure, match: re.Match, state: _State, lead_clause: str = "") -> None:
        whole_label = clean_label(_WHOLE_SUFFIX.sub("", (match.groupdict().get("whole") or "").strip()))
        part = state.subject
        named = clean_label(lead_clause[: lead_clause.rfind("占")]) if "占" in lead_clause else ""
        if named and part is not None and named != part.label:
            # 税收收入占地方一般公共预算收入的比重为71.1%: the share names its part; not the last item stated.
            part = self.latest_labelled(named, state)
        if part is not None:
            self.add_share(part, figure, None, whole_label, state)

    def add_share(self, part: Fact, figure: Figure, whole: Fact | None, whole_label: str, state: _State) -> None:
        """占r%: the whole is named, or the total of the part's 其中 list, or the figure a list
        (……主要用于以下几个方面) was introduced with, or the item the part is a declared partition member of."""
        if part.figure.quantity == "percent":
            return
        if whole is not None:  # printed with the rate (完成全年预算50.74万元的67.2%)
            self.doc.shares.append(Share(part, figure, whole, whole_label, ""))
            return
        reason = ""
        if whole_label:
            whole, reason = self.resolve(whole_label, part)
        else:
            groups = list(state.groups.values()) + state.paragraph_groups
            group = next((g for g in groups if part in g.parts), None)
            # The last statement of this sentence or the last (in that order) that declares the part a member.
            concepts = self.parents_of(part.key.concept)
            parent = None
            if concepts:
                parent = (state.previous_index.update(state.previous).latest_of(concepts, part.key.quantity, part)
                          or state.facts_index.update(state.facts).latest_of(concepts, part.key.quantity, part))
            if group is not None:
                whole = group.total
            elif self.in_list and self.list_whole_fact is not None:
                whole, whole_label = self.list_whole_fact, self.list_whole_fact.label
            elif self.in_list and self.list_whole:
                whole_label = self.list_whole
                whole, reason = self.resolve(whole_label, part)
            elif parent is not None:
                whole = parent
            else:
                reason = "no_whole"
        self.doc.shares.append(Share(part, figure, whole, whole_label, reason))

    def resolve(self, label: str, part: Fact) -> tuple[Fact | None, str]:
        """The figure a label names: the latest statement with that label or concept, if unambiguous."""
        concept, _ = self.dictionary.lookup(label, part.key.quantity)
        index = self._facts_index.update(self.doc.facts)
        facts = self.doc.facts

        def latest(positions) -> int:
            """The last of `positions` holding a statement printed before the part, of its quantity."""
            for k in reversed(positions):
                f = facts[k]
                if f.context == "statement" and f.figure.start < part.figure.start and f.key.quantity == part.key.quantity:
                    return k
            return -1

        # The last fact with the label or the concept: the later of the last with each.
        found = max(latest(index.by_label.get(label, ())),
                    latest(index.by_concept.get(concept.name, ())) if concept is not None else -1)
        if found < 0:
            return None, "whole_not_found"
        return facts[found], ""

    def flat_claim(self, flat: re.Match, lead: str, lead_start: int, state: _State) -> None:
        """持平/无变化 against a named base, about the current subject."""
        if flat.group("word") == "基本持平" or state.subject is None:
            return
        if self.names_another(lead[: flat.start()], state.subject):
            return  # 公务接待费支出决算比预算无增减变化: said of an item with no figure here
        comparison = _last(_COMPARISON, lead, 0, flat.start())
        base = state.base
        if comparison is not None:
            base_text = (comparison.group("base") or comparison.group("base2") or "").strip()
            base = (self.normalise_base(base_text), base_text)
        if base is None:
            return
        subject = state.subject
        span = self.source.span(lead_start + flat.start("word"), lead_start + flat.end("word"))
        self.doc.changes.append(Change(subject.label, subject.key, base[0], base[1], subject, None, 0, None, 0, [span]))


def _quantity(figure: Figure) -> str:
    """The quantity of a figure as a key holds it: a count names its unit (count:人, count:辆)."""
    return f"count:{figure.unit}" if figure.quantity == "count" else figure.quantity


def _base_period(base: str, measure: str) -> tuple[str, str]:
    """The period and measure of a change's base: 上年 → ("previous", measure), 年初预算 → ("current", …)."""
    if base == "initial_budget":
        return "current", "initial_budget"
    if base == "adjusted_budget":
        return "current", "adjusted_budget"
    return base, measure  # "previous", a year, or text: the base names its own period


def extract(source: Source, document: Document, dictionary: Dictionary) -> None:
    if document.kind == "unknown" and document.year is None:
        title.read(source, document)
    ProseReader(source, document, dictionary).read()
    units = [f.figure.unit for f in document.facts if f.figure.quantity == "money" and f.figure.unit is not None]
    if units:
        document.unit = max(dict.fromkeys(units), key=units.count)  # a tie goes to the first printed
