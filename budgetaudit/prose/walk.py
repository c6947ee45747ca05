"""The walk: each sentence figure by figure. What stands between the previous figure and this one (its
*lead*) says what the figure is; the readers below it (changes, shares, lists) place it."""

from __future__ import annotations

import re
from typing import Final

from .. import title
from ..concepts import Dictionary, clean_label
from ..document import Document, Doubt, Key, SumGroup
from ..figures import Figure
from ..sentences import HEADING, has_figure, sentences
from ..source import Source
from ..words import holds_any, holds_any_gated, holds_char, search_tail
from .frames import FrameReader
from .remainder import close_lists
from .state import ITEM_MARK, Item, State, WordAt, heading_level, last_match, mark_number, mark_style, tail_clause
from . import state as _state

# Bound here as Final: the compiled build keeps them in C statics, where an imported name is a dict lookup.
CLAUSE_BREAK: Final = _state.CLAUSE_BREAK
LIST_ITEM: Final = _state.LIST_ITEM
OPEN_PAREN: Final = _state.OPEN_PAREN
SCOPE_HEADINGS: Final = _state.SCOPE_HEADINGS
SECTION_HEADING: Final = _state.SECTION_HEADING
WORDS: Final = _state.WORDS
# The characters a heading, a section heading or a numbered list item can open with (HEADING, SECTION_HEADING,
# LIST_ITEM); tests/test_prose.py holds every opening those patterns match to them.
_NUMBERED_FIRSTS: Final = frozenset("一二三四五六七八九十(（0123456789附")
_APPROVAL_REACH: Final = 40  # how far into a sentence the colon closing 县人大批准的年初预算为： is looked for


def _first_visible(text: str) -> str:
    """The first character that is not white space ("" for none), as the patterns' leading \\s* skips it."""
    for ch in text:
        if not ch.isspace():
            return ch
    return ""


class ProseReader(FrameReader):
    def read(self) -> None:
        state = State()
        for s, e in sentences(self.text, self.page_lines):
            sentence = self.text[s:e]
            # What a sentence opens with decides most of what it may be: the patterns below are tried only where its
            # first character can open them (a match per pattern per sentence was 5% of a seed's reading).
            first = _first_visible(sentence)
            numbered = first in _NUMBERED_FIRSTS or first.isdigit()
            heading = numbered and HEADING.match(sentence) is not None
            list_item = numbered and LIST_ITEM.match(sentence) is not None
            if heading and not list_item and self.next_mark[1] and self.numbered_by_period:
                mark = ITEM_MARK.match(sentence)
                if mark is not None and (mark_style(mark), mark_number(mark)) == self.next_mark:
                    # 其中：(一)均衡性转移支付x。(二)基本财力保障补助y: the next item of that list, not a new section.
                    heading, list_item = False, True
                    self.next_mark = (self.next_mark[0], self.next_mark[1] + 1)
            self.frames(sentence, first, heading, s)
            opens_with_comparison = bool(first) and first in WORDS.comparison_leads \
                and WORDS.opens_with_comparison.match(sentence) is not None
            if (heading or list_item) and not opens_with_comparison:
                state.subject = None
                state.previous = []
                state.paragraph_groups = []
                state.paragraph = []
            if numbered and SECTION_HEADING.match(sentence) and not has_figure(sentence):
                # A heading names its fund scope, or keeps the scope of the heading it stands under: (一)收入情况 under
                # 三、政府性基金预算收支 is still 政府性基金's; 二、 after it is not.
                level = heading_level(sentence)
                self.heading_scopes = {at: scope for at, scope in self.heading_scopes.items() if at < level}
                inherited = self.heading_scopes[max(self.heading_scopes)] if self.heading_scopes else "all"
                self.section_scope = next((scope for word, scope in SCOPE_HEADINGS if word in sentence), inherited)
                self.heading_scopes[level] = self.section_scope
                # 1. 镇人大批准的年初预算草案。…2. 决算情况。: in a 决算, a heading naming the budget measures the figures
                # under it (the budget as passed), until a heading of its level or above names another or none.
                self.heading_measures = {at: m for at, m in self.heading_measures.items() if at < level}
                inherited = self.heading_measures[max(self.heading_measures)] if self.heading_measures else ""
                named = self.heading_measure(sentence)
                self.frame_measure = inherited if named is None else named
                self.heading_measures[level] = self.frame_measure
            intro = WORDS.list_intro.search(sentence) if holds_any_gated(
                sentence, WORDS.intro_gate, WORDS.intro_words) else None
            if intro:
                self.list_whole = clean_label(intro.group("label"))
                self.list_whole_fact = None
            elif heading and not list_item:
                self.list_whole, self.list_whole_fact = "", None
            composed = WORDS.composition.search(sentence) if holds_any_gated(
                sentence, WORDS.composition_gate, WORDS.composition_words) else None
            self.composition = (self.at(s + composed.end()), clean_label(composed.group("label"))) if composed else (-1, "")
            if not list_item and (heading or not opens_with_comparison):
                self.numbered = None
                self.numbered_by_period = {}
                self.next_mark = ("", 0)
            lists_before = len(state.paragraph_groups)
            self.read_sentence(s, e, state, in_list=list_item)
            opened = WORDS.opens_first_item.search(sentence) if not list_item and holds_any(sentence, WORDS.open_words) \
                else None
            if opened is not None:
                # 其中：1、公务接待费2016年预算8万元，2015年预算12.5万元。2、…: the numbered sentences after it go on
                # with the lists this one opened, a figure of each year to that year's total.
                self.numbered_by_period = {group.total.key.period: group
                                           for group in state.paragraph_groups[lists_before:] if group.kind == "parts"}
                first_mark = ITEM_MARK.search(sentence, opened.start())  # the mark 其中： opens with
                if first_mark is not None and mark_style(first_mark) in ("(c)", "c"):
                    self.next_mark = (mark_style(first_mark), 2)
            if opens_with_comparison and state.base is not None:
                # 与2015年决算数相比，收入增加…。支出增加…: the sentences after it on its line compare with that base too.
                self.line_base = (state.base, self.line_of(sentence, s))
            elif heading:
                self.line_base = None
            self.numbered_parts(sentence, list_item, state)
            if intro and state.facts:
                # 一般公共预算财政拨款支出1296.58万元，较上年减少…，主要用于以下几个方面：the list's whole is that figure.
                self.list_whole_fact = state.facts[0]
            if state.facts:
                state.previous = state.facts
                state.paragraph.extend(state.facts)
        self.named_implied_wholes()

    def numbered_parts(self, sentence: str, list_item: bool, state: State) -> None:
        """收入总计为415.26万元，其中：, then 1.财政拨款收入364.56万元…  2.事业收入50.71万元…: a sentence that ends with 其中：
        after its last figure opens a list whose numbered sentences each state one part (their first amount)."""
        if list_item and self.numbered_by_period and state.facts:
            taken: set[str] = set()
            for fact in state.facts:
                period = fact.key.period
                open_list = self.numbered_by_period.get(period)
                if open_list is None and period == "current" and len(self.numbered_by_period) == 1:
                    # 2016年…32976万元，其中：(一)…。(二)基本财力保障补助4022万元: an item printing no year is of its total's.
                    open_list = next(iter(self.numbered_by_period.values()))
                    total_key = open_list.total.key
                    fact.key = Key(fact.key.concept, total_key.period, total_key.measure, fact.key.scope,
                                   fact.key.quantity)
                    period = total_key.period
                if open_list is None or period in taken or fact.context != "statement" \
                        or fact.key.quantity != open_list.total.key.quantity:
                    continue
                taken.add(period)  # one part of each year per numbered sentence: its first figure of that year
                open_list.parts.append(fact)
                self.mark_complete(open_list)
            return
        group = self.numbered
        if list_item and group is not None and state.facts:
            part = state.facts[0]
            total = group.total.key
            if self.doc.year is None and part.key.period == "current" and total.period.isdigit():
                # The document's year unknown, the total dated (2017年收入总预算…。其中：): its parts are of that year.
                part.key = Key(part.key.concept, total.period, part.key.measure, part.key.scope, part.key.quantity)
            if part.context == "statement" and part.key.quantity == total.quantity and part.key.period == total.period \
                    and part.key.concept != total.concept:
                if not group.parts:
                    self.doc.sums.append(group)
                group.parts.append(part)
                self.mark_complete(group)
        elif not list_item and state.facts and holds_any(sentence[-8:], WORDS.open_words) \
                and WORDS.opens_numbered.search(sentence):
            last = state.facts[-1]
            stated = [f for f in state.facts if f.context == "statement" and f.key.quantity == last.key.quantity]
            if len({f.key.concept for f in stated}) <= 1 or len({f.figure.base_ratio for f in stated}) <= 1:
                self.numbered = SumGroup(last, [], "numbered")
            else:
                # 安排省级…支出5.5亿元，安排市县…支出2.9亿元，其中：1.省级…2亿元，市县…1.67亿元: the numbered items may
                # break down any of the amounts stated before 其中：, each in turn: not read as parts of the last.
                self.doc.doubts.append(Doubt("EXT003", "ambiguous_total", [f.span for f in stated]))
        elif not list_item and not state.facts and state.previous and WORDS.opens_alone.fullmatch(sentence):
            # 收入总预算501.98万元，同比减少17.05万元。其中：, then 1.… 2.…: 其中： a sentence of its own after the total's.
            # After a sentence stating several amounts (收入1237万元，安排支出1169万元，结转下年使用68万元。其中：) it
            # may be of any of them: not read as parts.
            last = state.previous[-1]
            amounts = {f.figure.base_ratio for f in state.previous
                       if f.context == "statement" and f.key.quantity == last.key.quantity}
            if len(amounts) <= 1:
                self.numbered = SumGroup(last, [], "numbered")
            else:
                self.doc.doubts.append(Doubt("EXT003", "ambiguous_total", [f.span for f in state.previous
                                                                           if f.context == "statement"]))

    def read_sentence(self, s: int, e: int, state: State, in_list: bool) -> None:
        text = self.text
        sentence = len(self.doc.facts)
        self.sentence_start = s
        self.sentence_approved = self.opens_approved(s, e)
        self.read_years(s, e)
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
        state.after_change = state.change_bracket = False
        state.bracket_total = None
        state.bracketed = []
        self.in_list = in_list
        shares_from = len(self.doc.shares)
        items = self.items(s, e)
        self.positional_lists(s, e, items, state)
        self.sentence_relations(s, e, items)
        cursor = s
        for item in items:
            lead = text[cursor : item.start]
            self.update_context(lead, cursor, state)
            self._cursor = cursor
            self._item_start = item.start
            self.place(item, lead, state, sentence)
            cursor = item.end
        tail = text[cursor:e]
        if holds_char(tail, WORDS.flat_firsts) and WORDS.flat.search(tail):
            # After the last figure only a flat claim (持平) counts: the reason and base the tail
            # would set are reset before the next sentence reads them.
            self.update_context(tail, cursor, state)
        self.close_at_sentence_end(state, tail, e)
        for group in state.groups.values():
            # …，其中A，B，弥补教育成本的非限定用途收入83,201.: an item taken from the others, even one whose
            # figure was not read, leaves the list's sum unjudged.
            first = group.parts[0].figure.start if group.parts and self.orig is None else s
            if group.kind == "parts" and WORDS.offset_part.search(text, first, e) is not None:
                group.kind = "offset"
        self.close_groups(state)
        self.implied_wholes(shares_from)
        self.negations(s, e, sentence)

    def opens_approved(self, s: int, e: int) -> bool:
        """县人大批准的年初预算为：一般公共预算收入66000万元，…: the sentence's opening, up to a colon before its first
        figure, says its figures are the budget as approved."""
        text = self.text
        reach = min(e, s + _APPROVAL_REACH)  # such an opening is short: the rest of the sentence is not scanned
        full, half = text.find("：", s, reach), text.find(":", s, reach)
        colon = full if half < 0 or 0 <= full < half else half
        if colon < 0:
            return False
        opening = text[s:colon]
        return holds_char(opening, WORDS.approved_firsts) and WORDS.approved.search(opening) is not None \
            and not has_figure(opening)

    def place(self, item: Item, lead: str, state: State, sentence: int) -> None:
        figure = item.figure
        self.parentheses(lead, state)  # a bracket closes before a rate or a change as before an amount
        state.after_change = False  # read by parentheses() just above, for this figure only
        if state.reason and ("，" in lead or "," in lead or "；" in lead or ";" in lead):
            # A reason ends where a clause names a known item again (…主要原因是厉行节约,公务用车购置费0万元).
            concept, _ = self.dictionary.lookup(clean_label(tail_clause(lead)), "money")
            if concept is not None:
                state.reason = False
        if state.reason:
            if figure.quantity == "percent" and self.doc.facts and self.doc.facts[-1].context == "reason" \
                    and self.doc.facts[-1].sentence == sentence and self.reason_share(figure, lead, state):
                return
            self.statement(item, lead, state, sentence)
            return
        direction: re.Match[str] | WordAt | None = search_tail(
            WORDS.direction, lead, WORDS.direction_reach, WORDS.direction_lasts, WORDS.direction_gate,
            WORDS.direction_gate_reach)
        if item.start in state.each:
            word, begin, finish = state.each[item.start]
            direction = WordAt(word, begin - self._cursor, finish - self._cursor)
        if item.start in state.each_rates and state.each_rates[item.start][0] < len(state.each_changes):
            k, word, begin, finish = state.each_rates[item.start]
            state.change = state.each_changes[k]
            direction = WordAt(word, begin - self._cursor, finish - self._cursor)
        if figure.quantity == "point":
            # A difference of two percentages (points.py reads the ones it can judge): never an amount's change,
            # nor its rate (增长高于财政经常性收入增长-10.42个百分点); without a direction word it is stated, and takes
            # its label (平均进度38.9个百分点).
            if direction is None:
                self.statement(item, lead, state, sentence)
            return
        if figure.quantity == "percent":
            # 为年初预算33.23亿元的101.78%, and without 的 (为市下目标33.23亿元101.78%): the rate of that whole.
            if state.whole is not None and lead.strip() in ("的", "") and state.subject is not None:
                self.add_share(state.subject, figure, state.whole, state.whole.label, state, state.whole_kind)
                state.whole = None
                return
            completion = WORDS.completion.search(tail_clause(lead))
            if completion is not None and self.completion(figure, completion, state):
                return
            share = WORDS.share.search(lead)
            if item.start in state.share_parts and state.share_parts[item.start] < len(state.positional):
                self.add_share(state.positional[state.share_parts[item.start]], figure, None, state.share_whole, state)
            elif share:
                self.share(figure, share, state, tail_clause(lead))
            elif direction:
                self.rate(figure, direction, state, tail_clause(lead))
            elif lead.strip() in OPEN_PAREN and state.change is not None and state.change.delta is not None \
                    and state.change.rate is None and state.change.delta_sign in (1, -1):
                # 较上年减少1.5万元(42.86%): a rate in brackets after a change is its rate, in its direction.
                state.change.rate = figure
                state.change.rate_sign = state.change.delta_sign
            else:
                self.statement(item, lead, state, sentence)
            return
        if direction is None and state.prior is not None and self.doc.facts and self.doc.facts[-1] is state.prior \
                and not lead.strip():
            # 较2022年决算数441.63万元129.41万元，增长29.3%: a figure right after the printed base, its word left
            # out, is the change; the rate's word after it says which way.
            after = WORDS.word_after.match(self.text, item.end)
            if after is not None:
                direction = WordAt(after.group("word"), after.start("word") - self._cursor, after.end("word") - self._cursor)
        if search_tail(WORDS.undecided, lead, WORDS.undecided_reach, WORDS.undecided_lasts):
            self.doc.doubts.append(
                Doubt("EXT002", "ambiguous_direction", [figure.span])
            )
            state.change = None
            return
        over = search_tail(WORDS.over, lead, WORDS.budget_reach, WORDS.budget_lasts)
        against_budget = over or search_tail(WORDS.under, lead, WORDS.budget_reach, WORDS.budget_lasts)
        if against_budget is not None and not state.reason:
            # 决算数大于预算数55.93万元: the outturn's change against this year's budget.
            state.base = ("initial_budget" if self.doc.kind == "final_account" else "budget", "预算数")
            direction = WordAt("增加" if over is not None else "减少", against_budget.start(), against_budget.end())
        if direction:
            if self.delta(figure, direction, lead, state) or not _named_amount(direction):
                state.after_change = True
                return
            # 节约资金137.62万元，其中：…, with nothing it is compared with: an amount so named, not a change.
        if self.inline_prior(item, lead, state, sentence) or self.whole_of_rate(item, lead, state, sentence):
            return
        self.statement(item, lead, state, sentence)

    def reason_share(self, figure: Figure, lead: str, state: State) -> bool:
        """用于社区公益类1.26亿元，占比为23%: a share naming no whole, right after an amount of a use. Its whole is
        only ever implied (the uses' shares adding up to 100%), so nothing is judged against another figure."""
        clause = tail_clause(lead)
        share = WORDS.share.search(clause)
        if share is None or (share.groupdict().get("whole") or "").strip() or clean_label(clause[: share.start()]):
            return False
        self.add_share(self.doc.facts[-1], figure, None, "", state)
        return True

    def update_context(self, lead: str, lead_start: int, state: State) -> None:
        reason = last_match(WORDS.reason_start, lead) if holds_char(lead, WORDS.reason_firsts) else None
        if reason is not None and lead.rfind("(", 0, reason.start()) > lead.rfind(")", 0, reason.start()) \
                and lead.find(")", reason.end()) >= 0:
            reason = None  # (包括…用于教育的经费等)162.46亿元: a use named inside brackets that close before the figure
        if reason is not None and reason.group(0) in WORDS.uses:
            at = lead_start + reason.start()
            item_start = max(self.sentence_start, *(self.text.rfind(c, self.sentence_start, at) + 1 for c in "；;：:"))
            if _ITEM_OPENING.fullmatch(self.text, item_start, at) is not None:
                # (一)用于群众体育支出290万元; 其中：用于A 110万元；用于B 150万元: a use and its amount, opening the
                # sentence or an item of a list, is a statement.
                reason = None
        stop = max(lead.rfind("；"), lead.rfind(";"))
        if (state.reason or reason is not None) and holds_any(lead, WORDS.open_words):
            # …主要原因是社会保障费收入增加其中:财政拨款收入348.50万元: a list opened with a colon ends the reason,
            # even where the comma before it was left out.
            for opened in WORDS.open_parts.finditer(lead):
                if ":" in opened.group(0) or "：" in opened.group(0):
                    stop = max(stop, opened.start())
        if reason is not None and reason.start() > stop:
            state.reason = True
        elif stop >= 0:
            state.reason = False
        comparison = last_match(WORDS.comparison, lead) if holds_char(lead, WORDS.comparison_firsts) else None
        if state.reason and comparison is not None:
            # …用于政府系统公务活动使用等，与2016年相比，公务用车购置费减少79.4万元: a comparison in a clause of its
            # own after the reason began is a new claim, and the reason ends there.
            comma = max(lead.rfind("，", 0, comparison.start()), lead.rfind(",", 0, comparison.start()))
            began = reason.start() if reason is not None and reason.start() > stop else -1
            if comma >= 0 and comma > began:
                state.reason = False
        if state.reason and (reason is None or reason.start() <= stop):
            return
        if comparison and comparison.group("base2") and WORDS.other_basis.search(comparison.group(0)):
            comparison = None  # 同口径相比: a basis, not a frame around a base (与上年的X同口径相比 names it before)
        if comparison:
            base_text = (comparison.group("base") or comparison.group("base2") or comparison.group("base3") or "").strip()
            state.base = (self.normalise_base(base_text), base_text)
        if holds_char(lead, WORDS.flat_firsts):
            for flat in WORDS.flat.finditer(lead):
                self.flat_claim(flat, lead, lead_start, state)

# What may stand before the first word of a sentence or list item: space and the item's mark ((一), 1., 一、).
_ITEM_OPENING: Final = re.compile(r"[\s　]*(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.．]?)?[\s　]*")


def _named_amount(direction) -> bool:
    """节约资金, 增加收入: a direction word with the noun it makes an amount of."""
    return direction.group(0).rstrip().endswith(WORDS.direction_nouns)


def extract(source: Source, document: Document, dictionary: Dictionary) -> None:
    if document.kind == "unknown" and document.year is None:
        title.read(source, document)
    ProseReader(source, document, dictionary).read()
    close_lists(document)
    units = [f.figure.unit for f in document.facts if f.figure.quantity == "money" and f.figure.unit is not None]
    if units:
        document.unit = max(dict.fromkeys(units), key=units.count)  # a tie goes to the first printed
