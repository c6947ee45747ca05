"""Lists: 其中 parts and their total, bracketed breakdowns, and the siblings of a declared partition that complete
a list across sentences (positional lists, A和B分别为x和y, in positional.py)."""

from __future__ import annotations

import re
from typing import Final

from ..concepts import clean_label
from ..document import Doubt, Fact, Key, SumGroup
from .balance import listed_sum
from .partitions import PartitionReader
from ..words import holds_any, holds_char
from .state import (
    Item, State, holds_mark, last_clause, last_mark, last_year, quantity_of, tail_clause,
)
from . import state as _state

# Bound here as Final: the compiled build keeps them in C statics, where an imported name is a dict lookup.
CLAUSE_BREAK: Final = _state.CLAUSE_BREAK
CLAUSE_PUNCT: Final = _state.CLAUSE_PUNCT
COLON_FIRST: Final = _state.COLON_FIRST
IN_FRAME_CLOSE: Final = _state.IN_FRAME_CLOSE
OPEN_PAREN: Final = _state.OPEN_PAREN
WORDS: Final = _state.WORDS
YEAR: Final = _state.YEAR


_MARK_REACH: Final = 80  # how far before a 其中 the mark of its total's item is looked for
_ORDINAL: Final = re.compile(r"第[一二三四五六七八九十]{1,3}")


def ordinal_siblings(a: str, b: str) -> bool:
    """Two labels that differ only in an ordinal (第二产业增加值, 第三产业增加值): members of one enumeration."""
    first, second = _ORDINAL.match(a), _ORDINAL.match(b)
    return first is not None and second is not None and first.group(0) != second.group(0) \
        and a[first.end():] == b[second.end():]


def parallel_labels(a: str, b: str) -> bool:
    """Two labels that differ only in a leading qualifier of the same length (一般债务限额, 专项债务限额). After a list
    of its own parts, such a label names the total's sibling, not another part (…一般债务限额x，其中：外债转贷y，
    专项债务限额z); as a list's first part it may be a part (一般性转移支付x，其中：均衡性转移支付y)."""
    if len(a) != len(b) or a == b:
        return False
    shared = 0
    while shared < len(a) and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    return shared >= 2 and len(a) - shared <= 4


class ListReader(PartitionReader):
    def statement(self, item: Item, lead: str, state: State, sentence: int) -> None:
        figure = item.figure
        tail = tail_clause(lead)  # the figure's own clause
        # 由2754.6亿元调整为3108.1亿元, 土地出让收入由年初预算的45000万元调整为…: the amount before, named before 由.
        before_at = _from_at(tail) if WORDS.from_to.match(self.text, item.end) is not None else -1
        bound = before_at >= 0 or WORDS.bounds_after.match(self.text, item.end) is not None
        # The clause's own name, read only where it is asked for (a statement's label is read below).
        named = clean_label(tail[: before_at if before_at >= 0 else None]) if bound or state.change_bracket else ""
        if bound or (state.change_bracket and self.dictionary.lookup(named, quantity_of(figure))[0] is None):
            # 均在300亿之下: a bound, not an amount; 由2754.6亿元调整为3108.1亿元: the amount before; (其中：旗本级
            # 58800万元…) after a change: a part of the change. None is an item's amount or part of a list.
            key = Key(f"label:{named}", "current", self.measure, "all", quantity_of(figure))
            self.doc.facts.append(Fact(key, named, figure, "prose", "bound", sentence))
            return
        # The lead's clauses are split only where more than its last is asked for (most figures need the last alone).
        clauses: list[str] | None = None
        last = tail
        if ")" in last or "）" in last:
            last = last_clause(lead)  # 县(市、区)一般公共预算收入: a bracket that holds a list kept whole
        label = state.labels.get(item.start) or clean_label(last)
        adjusted_to = False
        if self.doc.facts and self.doc.facts[-1].context == "bound" and WORDS.from_to.fullmatch(lead.strip(" ,，")):
            label = clean_label(self.doc.facts[-1].label.removesuffix("由"))  # 转移性支出由a调整为b: b is 转移性支出's
            adjusted_to = holds_any(lead, WORDS.adjusted_to)
        if not label and state.facts and not lead.strip(" ,，"):
            label = state.facts[-1].label  # 40批次139人: the second figure has the first one's label
        elif label in WORDS.measure_only and tail != lead and clean_label(_before_last(lead, tail)):
            label = clean_label(_before_last(lead, tail))
        elif state.facts and (not label or label in WORDS.before_measure) and WORDS.measure_word.search(tail) \
                and item.start not in state.labels:
            label = state.facts[-1].label  # 三公经费预算为3万元，支出决算为1.71万元: the same item's outturn
        pair_prior = None
        if state.facts and state.facts[-1].key.period == "previous" and state.facts[-1].context == "statement" \
                and last.strip() in WORDS.current_words and not clean_label(last):
            # 普通小学上年10321.31元，本年10359.52元: this year's figure of the item whose last year's was just
            # stated; that figure is the printed base of a rate or change that follows.
            pair_prior = state.facts[-1]
            label = pair_prior.label
        elif label[-1:] and label[-1] in WORDS.previous_lasts:
            for word in WORDS.previous_words:
                if label.endswith(word) and len(label) > len(word) and "比" not in label \
                        and label[-len(word) - 1] not in WORDS.comparison_leads:
                    label = label[: -len(word)]  # 普通小学上年10321.31元: 普通小学's figure, of the year before
                    break
        if label.startswith("在") and IN_FRAME_CLOSE.match(self.text, item.end) is not None:
            label = clean_label(label[1:])  # 在支出合计218.78亿元中，…: the frame's figure is 支出合计's
        # A colon right after a figure, or the 中 closing 在…中, opens a breakdown of that figure alone.
        colon = state.facts and (COLON_FIRST.match(lead) or IN_FRAME_CLOSE.match(lead)
                                 or WORDS.includes_after_figure.match(lead)
                                 or (WORDS.opens_after_figure.match(lead) and self._follows_last_fact(state)))
        self.parentheses(lead, state)
        opens_parts = holds_any(lead, WORDS.open_words)  # open_parts.search(lead) finds a match exactly then
        if state.candidates and not opens_parts:
            clauses = CLAUSE_BREAK.split(lead)
        if clauses is not None and (
                _closes(clauses) or _names_another_whole(clauses) or _restates_a_total(lead, label, state)
                or WORDS.names_total.search(label) is not None
                or (state.list_mark and holds_mark(lead, state.list_mark))):
            # …; 1、A x万元，其中B y万元; 2、C z万元: C is the next item, numbered as A is, not a part of A.
            # 其中A271630万元；加上级补助收入120846万元: a term of the next sum, not a part; 其中财政拨款收入y；
            # 总支出z: another whole.
            self.close_groups(state)
        if (colon or opens_parts) and not state.reason:
            if state.outer is None:
                self.close_groups(state)
            # else (…一般性转移支付收入381517万元(其中:…)、专项转移支付收入…): a list inside a bracket leaves the list
            # outside it open, to go on after the bracket.
            # A colon right after a figure opens a breakdown of that figure alone. Otherwise the total is
            # one of the first or the latest few statements (a bounded window keeps a sentence linear).
            pool = state.facts or state.previous
            if state.bracketed and not colon:
                # 总成本x元(使用财政拨款支出y元)，其中…: the parts are of the figure before the bracket.
                pool = [fact for fact in pool if not any(fact is inner for inner in state.bracketed)]
            window = pool if len(pool) <= 12 else pool[:4] + pool[-8:]
            state.candidates = [state.facts[-1]] if colon else list(window)
            if state.outer is not None and state.bracket_total is not None:
                state.candidates = [state.bracket_total]  # 167.80亿元(其中：区级…135亿元): the bracketed figure's part
            state.candidates_here = bool(state.facts)
            # The total's item mark stands just before it (1、群众性运动会654.17万元，其中…): a bounded look back keeps
            # a sentence of many 其中 linear.
            lead_start = item.start - len(lead)
            state.list_mark = last_mark(self.text[max(self.sentence_start, lead_start - _MARK_REACH) : lead_start])
        key = self.key(label, figure, lead)
        if adjusted_to and key.period == "current":
            # 预算收入由83.318亿元调整为143.5576亿元: the budget as adjusted, not another copy of the one first passed.
            key = Key(key.concept, key.period, "adjusted_budget", key.scope, key.quantity)
        previous = state.facts[-1] if state.facts else None
        if previous is not None and key.period == "current" and previous.key.period != "current" \
                and previous.context == "statement" and previous.key.quantity == key.quantity and not state.candidates \
                and len(CLAUSE_BREAK.findall(lead)) == 1 and lead.lstrip()[:1] in ",，" and last_year(lead) is None \
                and not holds_any(lead, WORDS.current_words) and not holds_char(lead, WORDS.comparison_firsts) \
                and previous.figure.end <= item.start and self.text.rfind("年", self.sentence_start, previous.figure.start) >= 0:
            # 2022年度收入总计400.22万元，支出总计400.22万元: the year opening a run of statements dates each of them.
            key = Key(key.concept, previous.key.period, key.measure, key.scope, key.quantity)
        context = "reason" if state.reason else "statement"
        # Percentages after 其中 (完成预算的X% for each item) are never parts of a sum.
        # …，比报告数425319万元增加…: the figure after 比/较 is a base to compare with, never a part of a list.
        listable = key.quantity != "percent" and not (label[:1] in ("比", "较") and label[1:2] not in ("重", "例", "率"))
        group = self.group_for(key, label, state) if state.candidates and not state.reason and listable else None
        if group is not None and self.outside_of(label, key.quantity, group.total.key.concept):
            # 收入合计x，其中：财政拨款收入x；年初结转和结余y: the carry-over stands beside 收入合计 (in 收入总计), never in it.
            self.close_groups(state)
            group = None
        if group is not None and key.quantity.startswith("count:") and not self.is_parent(group.total, key) \
                and self.is_parent_of_any(group.total.key.concept):
            # 实有人数157人，其中在职人员157人，离休人员0人，退休人员81人；年末其他人员11人: the exclusive categories
            # declared for a count end its list; the next count stands beside it.
            self.close_groups(state)
            group = None
        if group is not None and key.scope == "all" and not self.dictionary.lookup(label, key.quantity)[0] is None:
            key = Key(key.concept, key.period, key.measure, group.total.key.scope, key.quantity)
        if group is not None and key.period == "current" and last_year(lead) is None:
            # A 其中 list is of its total's year and measure (2021年的三公经费决算数合计…，其中…).
            total_key = group.total.key
            if total_key.period != "current" or total_key.measure != key.measure:
                key = Key(key.concept, total_key.period, total_key.measure, key.scope, key.quantity)
        if group is not None:
            key = self.subject_part(key, group)
        if group is not None and (group.total.key.known or key.concept in WORDS.structure
                                  or holds_any(group.total.label, WORDS.savings_less)) and not self.is_parent(group.total, key) \
                and group.total.key.concept != key.concept and self.dictionary.lookup(label, key.quantity)[0] is not None:
            # 机构运行86.52万元，其中：基本支出86.52万元: that 基本支出 is 机构运行's, not the department's; so are the
            # parts of a saving (节约资金x，其中：货物类y: 货物类's saving).
            key = Key(f"{group.total.key.concept}›{key.concept}", key.period, key.measure, key.scope, key.quantity)
        if group is not None and key.known and "›" not in key.concept and key.scope == group.total.key.scope \
                and group.total.key.concept.rpartition("@")[2] == key.concept:
            # 区级一般公共预算支出70亿元(含街道一般公共预算支出6亿元): a part named as its total, at its fund scope, is a
            # part of it (the streets' share of the district's), never another statement of the whole item. (At a
            # narrower scope, 政府采购420万元；其中一般公共预算拨款政府采购x, it is that scope's copy of the item.)
            key = Key(f"{group.total.key.concept}›{key.concept}", key.period, key.measure, key.scope, key.quantity)
        outer = state.bracket_total if state.outer is not None else None
        if outer is not None and not outer.key.known and key.known and "›" not in key.concept:
            # 总成本33,723,897.54元(使用财政拨款支出6,675,886.49元): in brackets after a figure of an item the
            # dictionary does not know, a known word names that item's part, not the department's.
            key = Key(f"{outer.key.concept}›{key.concept}", key.period, key.measure, key.scope, key.quantity)
        if listable and group is None and not state.reason and not state.candidates and item.start in state.labels:
            # A和B分别为x和y naming the parts of a figure just stated breaks that figure down, like 其中.
            group = self.positional_group(key, state)
            if group is not None and key.scope == "all":
                key = Key(key.concept, key.period, key.measure, group.total.key.scope, key.quantity)
        if listable and group is None and not state.reason and not state.candidates:
            group = self.sibling_group(key, state)
            if group is not None:
                key = self.subject_part(key, group)
            if group is not None and key.scope == "all":
                key = Key(key.concept, key.period, key.measure, group.total.key.scope, key.quantity)
        fact = Fact(key, label, figure, "prose", context, sentence)
        self.doc.facts.append(fact)
        if state.reason:
            return
        if group is not None:
            group.parts.append(fact)
            self.mark_complete(group)
            if WORDS.offset_part.search(label):
                group.kind = "offset"  # a part taken from the others: the list is listed as not judged
            if key.quantity.startswith("count:") and not self.is_parent(group.total, key):
                # People and things are counted by overlapping categories (在职/退休 beside 职称): a list of
                # counts is a breakdown to add up only where a partition is declared.
                group.kind = "counts"
        elif not state.candidates and self.orig is None and WORDS.listed_total.search(tail_clause(lead)) is not None:
            listed_sum(self.text, self.doc, fact, state)
        state.facts.append(fact)
        if item.start in state.labels:
            state.positional.append(fact)
        if not label.endswith(WORDS.differences):
            state.subject = fact  # 超收392万元 is no subject: a change after it is of the item stated before
        if pair_prior is not None:
            state.prior = pair_prior
        state.change = None

    def parentheses(self, lead: str, state: State) -> None:
        """公务用车购置及运行费28万元(购置费0万元，运行费28万元)，公务接待费1万元: the figures in brackets right
        after a figure break that figure down; the list outside goes on after the closing bracket."""
        opens = lead.count("(") + lead.count("（")
        closes = lead.count(")") + lead.count("）")
        if state.outer is not None and closes > opens:
            self.single_in_brackets(state, self.text[state.bracket_from : self._cursor + len(lead)])
            if state.bracket_total is not None:
                state.subject = state.bracket_total  # 126.05亿元(县本级…，高新区…)，增长8.38%: the rate is the total's
            if state.bracket_total is not None and state.bracket_total in state.facts:
                state.bracketed = state.facts[state.facts.index(state.bracket_total) + 1:]
            state.candidates, state.candidates_here = state.outer
            state.outer = None
            state.change_bracket = False
        elif state.outer is None and opens > closes and state.facts and lead.lstrip(" ,，")[:1] in OPEN_PAREN:
            # After a change (比人代会预算数增加60000万元(其中：旗本级58800万元，…)) a figure the dictionary does not
            # name is a part of the change (statement() below); a named one breaks the item down as after an amount.
            state.change_bracket = state.after_change
            state.outer = (state.candidates, state.candidates_here)
            state.candidates, state.candidates_here = [state.facts[-1]], True
            state.bracket_from = self._cursor
            state.bracket_total = state.facts[-1]

    def outside_of(self, label: str, quantity: str, total: str) -> bool:
        """Whether the item a label names is never a part of the total (`outside` in concepts.toml)."""
        concept = self.dictionary.lookup(label, quantity)[0]
        return concept is not None and total in concept.outside

    def close_at_sentence_end(self, state: State, tail: str, end: int) -> None:
        """A bracket closing after the sentence's last figure (…占…的62.5%(共筹集…7205.72万元)。) is closed there: one
        figure in it is a part only where the bracket says so. (A method of its own: read_sentence set state.outer to
        None before placing its figures, and the compiled build would take that as its type there.)"""
        if state.outer is not None and tail.count(")") + tail.count("）") > tail.count("(") + tail.count("（"):
            self.single_in_brackets(state, self.text[state.bracket_from : end])

    def single_in_brackets(self, state: State, bracket: str) -> None:
        """安排预算稳定调节基金28478万元(累计稳定调节基金43429万元): one figure in brackets is a part of the figure
        before only when the bracket says so (含, 其中); else it is a figure of its own."""
        total = state.bracket_total
        group = state.groups.get(id(total)) if total is not None else None
        if group is None or len(group.parts) != 1 or any(w in bracket for w in WORDS.bracket_parts):
            return
        self.doc.sums.remove(group)
        del state.groups[id(total)]

    def positional_group(self, key: Key, state: State) -> SumGroup | None:
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

    def subject_part(self, key: Key, group: SumGroup) -> Key:
        """县本级三公经费x，其中：因公出国(境)费y: a part of a subject's total is that subject's (县本级@因公出国费)."""
        entity, at, total = group.total.key.concept.rpartition("@")
        if not at or "@" in key.concept or not key.known or total not in self.parents_of(key.concept):
            return key
        return Key(f"{entity}@{key.concept}", key.period, key.measure, key.scope, key.quantity)

    def sibling_group(self, key: Key, state: State) -> SumGroup | None:
        """A 其中 list of this paragraph that this fact completes (人员经费… 。公用经费…): partition siblings only."""
        # Only a list whose total has a partition holding this concept can take it: a fact of a concept
        # no partition holds (most) looks at no list, and lists of other totals are passed over at once.
        parents = self.parents_of(key.concept)
        if not parents:
            return None
        item = key.concept.rpartition("@")[2]
        for group in reversed(state.paragraph_groups):
            total = group.total.key.concept
            # A subject's total (县本级@三公经费) takes the bare item as its own (县本级@公务接待费).
            if total not in parents and not ("@" in total and "@" not in key.concept and total.rpartition("@")[2] in parents):
                continue
            if group.total.key.quantity != key.quantity or group.complete:
                continue
            have = {p.key.concept.rpartition("@")[2] for p in group.parts}
            if item in have:
                continue
            if any(have | {item} <= members for members in self.dictionary.partition_members(total.rpartition("@")[2])):
                return group
        return None

    def _follows_last_fact(self, state: State) -> bool:
        """Whether the lead being read starts right after the sentence's last statement (its number and unit), with no
        rate or other figure between, and the dictionary does not know that statement's item: 上级补助300500万元,其中: is
        that amount's breakdown; 70200万元,较上年增长10.5%,其中: is not told by this."""
        if self.orig is not None or not state.facts or state.facts[-1].key.known:
            # A total the dictionary knows is chosen by its parts (收入合计x，支出合计y，其中：财政拨款收入…: 收入合计's).
            return False
        last = state.facts[-1].figure
        return last.start + len(last.span.text) == self._cursor  # its span (number and unit) ends where the lead begins

    def group_for(self, key: Key, label: str, state: State) -> SumGroup | None:
        """The 其中 list this fact is a part of: the open list's total of the same quantity and side."""
        pool = [c for c in state.candidates if c.key.quantity == key.quantity]
        if not pool and state.candidates:
            pool = self.counted_subject(state.candidates[-1], key, state)
        # 预算为B，决算为A。其中：…决算为a: parts of the outturn, not of the budget stated beside it.
        measured = [c for c in pool if c.key.measure == key.measure]
        pool = measured or pool
        if key.known:
            # 公务用车购置及运行费42万元，其中运行费42万元、购置费0万元；公务接待费36万元: 公务接待费 is a sibling of
            # that total in a declared partition, not one of its parts.
            pool = [c for c in pool if not self.siblings(c.key, key)]
        # 第二产业…，其中工业…；第三产业…: items numbered alike (第二, 第三) are siblings, whatever the dictionary knows.
        pool = [c for c in pool if not ordinal_siblings(c.label, label)
                and not (parallel_labels(c.label, label) and self.has_parts(c, state))]
        side = self.dictionary.side_of(key.concept, label)
        sided = [c for c in pool if side and self.dictionary.side_of(c.key.concept, c.label) == side]
        pool = sided or pool
        # The same item in a wider fund scope (政府采购 ⊇ 其中一般公共预算拨款政府采购), or a declared parent.
        narrower = key.scope != "all"
        same = [c for c in pool if narrower and c.key.concept == key.concept and c.key.scope == "all"
                and not key.concept.startswith("label:")]
        parents = [c for c in pool if self.is_parent(c, key)]
        if not same and not parents and not state.candidates_here:
            parents = [c for c in state.paragraph if c.key.quantity == key.quantity and self.is_parent(c, key)
                       and (c.key.measure == key.measure or not measured)]
        pool = same or parents or pool
        if not pool:
            return None
        if len({c.figure.base_ratio for c in pool}) > 1 and not state.candidates_here and last_year(label) is not None:
            # 2016年…33万元，2015年…57.55万元。其中：公务接待费2016年预算8万元，2015年预算12.5万元: a part that prints
            # its year is of the total of that year.
            dated = [c for c in pool if c.key.period == key.period]
            if dated and len({c.figure.base_ratio for c in dated}) == 1:
                pool = dated
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

    def counted_subject(self, count: Fact, key: Key, state: State) -> list[Fact]:
        """新增债券27.38亿元。新增债券共安排20个项目，其中，A方面8.4亿元…: amounts after a count are parts of the
        amount of the item the count's sentence names (its label opens with that amount's label)."""
        for fact in reversed(state.paragraph):
            if fact.key.quantity == key.quantity and len(fact.label) >= 4 and count.label.startswith(fact.label) \
                    and fact.figure.start < count.figure.start:
                return [fact]
        return []

    def has_parts(self, total: Fact, state: State) -> bool:
        group = state.groups.get(id(total))
        return group is not None and bool(group.parts)

    def close_groups(self, state: State) -> None:
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
        state.list_mark = ""


def _restates_a_total(lead: str, label: str, state: State) -> bool:
    """甲局三公经费决算数为x，其中公车购置费0元；乙局三公经费决算数为y: after a semicolon, a label ending as an open
    list's total's does (in four characters or more) and opening with the name of a body states that item of another
    body; the list has ended."""
    if ";" not in lead and "；" not in lead:
        return False
    for total in [group.total.label for group in state.groups.values()] + [fact.label for fact in state.candidates]:
        shared = 0
        while shared < min(len(total), len(label)) and total[-1 - shared] == label[-1 - shared]:
            shared += 1
        head = label[: len(label) - shared]
        if shared >= 4 and total != label and any(head.find(body) > 0 for body in WORDS.bodies):
            return True  # (工程类采购项目 after 共采购项目 names a kind, a part; 乙局 names a body)
    return False


def _from_at(clause: str) -> int:
    """Where the last word opening an amount before (由) stands in a clause, not as part of another word (由于); -1
    for none."""
    at = -1
    for word in WORDS.from_words:
        found = clause.rfind(word)
        while found >= 0 and any(clause.startswith(other, found) for other in WORDS.from_not):
            found = clause.rfind(word, 0, found)
        at = max(at, found)
    return at


def _before_last(lead: str, tail: str) -> str:
    """The clause before the lead's last (CLAUSE_BREAK.split(lead)[-2]), the last being `tail`."""
    return tail_clause(lead[: len(lead) - len(tail) - 1])


def _names_another_whole(clauses: list[str]) -> bool:
    """收入为300万元，包括A300万元；支出包括：B120.5万元…: 包括 after a name of its own (支出) opens a list of that
    whole, which is not printed; the list before ends."""
    for clause in clauses:
        for opener in WORDS.whole_openers:
            at = clause.find(opener)
            if at > 0 and clean_label(clause[:at]):
                return True
    return False


def _closes(clauses: list[str]) -> bool:
    """Whether the lead's last clause opens with a word that ends an open list (加上级补助收入…), or an earlier clause
    is or ends with a word that puts what follows outside it (此外，年初结转和结余…; 占100此外，…)."""
    if WORDS.closes_list.match(clauses[-1]) is not None:
        return True
    for clause in clauses[:-1]:
        if clause.strip().endswith(WORDS.besides):
            return True
    return False
