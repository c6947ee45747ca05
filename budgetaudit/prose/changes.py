"""Changes: Δ and rate against a named base, the item a change is about, a base printed inline
(比上年2476.95万元), the parts of a change (主要是…增加), and unchanged in words (持平)."""

from __future__ import annotations

import re
from typing import Final

from ..concepts import clean_label
from ..document import Doubt, Change, Fact, Key, SumGroup
from ..figures import Figure
from ..words import holds_char
from .shares import ShareReader
from .state import Item, State, WordAt, base_period, last_match, quantity_of, tail_clause
from . import state as _state

# Bound here as Final: the compiled build keeps them in C statics, where an imported name is a dict lookup.
BRACKETED: Final = _state.BRACKETED
CLAUSE_BREAK: Final = _state.CLAUSE_BREAK
WORDS: Final = _state.WORDS


_BUDGETS: Final = ("budget", "initial_budget", "adjusted_budget")


class ChangeReader(ShareReader):
    def base_of_total(self, lead: str, direction: re.Match[str] | WordAt, state: State) -> tuple[str, str] | None:
        """…比2019年减少18.17万元。其中：公务用车购置及运行费支出决算减少10.57万元: in a sentence opening with 其中, a
        change of a declared part of the item whose change was stated last is against that change's base."""
        if not self.doc.changes or WORDS.open_parts.match(self.text, self.sentence_start) is None:
            return None
        label = clean_label(tail_clause(lead[: direction.start()]))
        concept, _ = self.dictionary.lookup(label, "money")
        name = concept.name if concept is not None else ""
        if not label and state.subject is not None:
            name = state.subject.key.concept  # 其中：公务用车购置及运行费11.99万元，减少10.57万元: the part just stated
        if not name:
            return None
        parents = self.parents_of(name)
        # The total's change is the last one stated, or one before its other parts' changes (其中，A…增加…；B…减少…).
        for total in reversed(self.doc.changes[-8:]):
            if total.key.concept in parents:
                return total.base, total.base_text
            if total.key.concept != name and not (parents & self.parents_of(total.key.concept)):
                return None  # a change of some other item came between
        return None

    def subject_for(self, lead: str, direction: re.Match[str] | WordAt, state: State) -> tuple[str, Fact | None, str]:
        """The item a change is about: a label printed around 较/比, or the current subject."""
        comparison = last_match(WORDS.comparison, lead, 0, direction.start())
        if comparison:
            between = CLAUSE_BREAK.split(lead[comparison.end() : direction.start()])[-1]
            before = CLAUSE_BREAK.split(lead[: comparison.start()])[-1]
            candidates = [between, before]
        else:
            candidates = [CLAUSE_BREAK.split(lead[: direction.start()])[-1]]
        label = ""
        for text in candidates:
            label = WORDS.plural_tail.sub("", clean_label(text))
            if label:
                break
        if not label and state.subject is not None and self.names_another(lead[: direction.start()], state.subject):
            return "", None, "all"  # …运行维护费支出决算比预算无增减变化，比去年增加1.05万元: not the last item stated
        if not label and state.change is not None and state.change.label and state.change.current is None \
                and (state.subject is None or state.subject.label != state.change.label):
            # “三公”经费较上年减少15.29万元，较年初预算数减少0.04万元: a second comparison naming no item is of the
            # item the first one named (its figure not stated here), not of the last figure before them.
            return state.change.label, None, state.change.key.scope
        if not label or label in WORDS.anaphora:
            subject = state.subject
            if state.prior is not None and subject is not None and subject.label != state.prior.label:
                # …813人，同比去年1.05万元增加2.95万元: the change is of the item whose base was just printed.
                subject = next((f for f in reversed(state.facts) if f.label == state.prior.label
                                and f.key.quantity == state.prior.key.quantity), subject)
            if subject is not None and subject.key.quantity == "percent":
                # 收入13.2亿元，完成年度预算的112.80%，同比减收8.4亿元: the change is the amount's, not the rate's.
                subject = next((f for f in reversed(state.facts) if f.key.quantity == "money"), subject)
            return (subject.label, subject, subject.key.scope) if subject else ("", None, "all")
        fact = self.latest_labelled(label, state)
        if fact is None:
            for ending in WORDS.whole_endings:
                fact = self.latest_labelled(label + ending, state)  # 支出总计…。支出增加…: the total so named
                if fact is not None:
                    break
        if fact is not None:
            return label, fact, fact.key.scope
        concept, _ = self.dictionary.lookup(label, "money")
        if concept is not None:
            # 财政拨款“三公”经费预算总额为2.7万元…。“三公”经费预算数比上年减少: the same item under another label.
            # Several figures of it at hand (a budget and an outturn) leave the change without its current figure.
            found = [f for f in (state.facts_index.update(state.facts).latest_of((concept.name,), "money"),
                                 state.previous_index.update(state.previous).latest_of((concept.name,), "money"))
                     if f is not None]
            if found:
                return label, found[0], found[0].key.scope
        named = self.subject_concept(label)
        if concept is None and named:
            # 县本级“三公”经费决算数比2023年增加: the item of a subject named before (青河县本级…), by its key.
            found = [f for f in (state.facts_index.update(state.facts).latest_of((named,), "money"),
                                 state.previous_index.update(state.previous).latest_of((named,), "money"))
                     if f is not None]
            if found:
                return label, found[0], found[0].key.scope
            # Stated further back: the one figure every statement of that subject's item gives.
            index = self._facts_index.update(self.doc.facts)
            budget = "预算" in label  # 县本级三公经费预算数比上年…: the budget's; else the outturn's or the stated one's
            stated = [self.doc.facts[k] for k in index.by_concept.get(named, ())
                      if self.doc.facts[k].context == "statement" and self.doc.facts[k].key.quantity == "money"
                      and (self.doc.facts[k].key.measure in _BUDGETS) == budget]
            if stated and len({f.figure.base_ratio for f in stated}) == 1:
                return label, stated[-1], stated[-1].key.scope
        joint = self.joint_concept(label)
        if joint:
            total = self.one_total(state, joint)
            if total is not None:
                return label, total, total.key.scope
        return label, None, "all"

    def names_another(self, text: str, subject: Fact) -> bool:
        """Whether the text since the last figure names an item other than `subject` (the nearest clause
        that names one, read before its comparison word). A bracket is an aside (585.53万元(包括基本支出和项目支出
        安排的经费)，同比减少144.92万元): it names no subject."""
        for clause in reversed(CLAUSE_BREAK.split(BRACKETED.sub("", text))):
            if clause.lstrip()[:1] in WORDS.comparison_leads:
                continue  # 与上年持平, 较上年: a comparison names no item
            if clause.lstrip().startswith(WORDS.share_words):
                continue  # 占基本支出预算%: a share's clause names its whole, not another subject
            comparison = WORDS.comparison.search(clause)
            label = WORDS.plural_tail.sub("", clean_label(clause[: comparison.start()] if comparison else clause))
            if label and label not in WORDS.anaphora and label not in WORDS.measure_only and not WORDS.reason_start.search(clause):
                concept, _ = self.dictionary.lookup(label, subject.key.quantity)
                same = label == subject.label or (concept is not None and concept.name == subject.key.concept)
                return not same
        return False

    def joint_concept(self, label: str) -> tuple[str, ...]:
        """收支, 收支总计: a label naming two concepts at once (concepts.toml `both`), as (each, …, the joint one);
        () for any other label. 收支 alone names the joint concept its words open (words.toml lists.joint)."""
        concept, _ = self.dictionary.lookup(label, "money")
        if concept is not None and concept.both:
            return (*concept.both, concept.name)
        if label in WORDS.joint_words:
            for name, both in self.dictionary.joint.items():
                if name.startswith(label):
                    return (*both, name)
        return ()

    def one_total(self, state: State, concepts: tuple[str, ...]) -> Fact | None:
        """What a 收支 change is about: when every 收入总计 and 支出总计 (and 收支总计) of this sentence and the last
        one states one amount, the last of them in the last sentence, else in this one. Asked of the indexes, so
        a long sentence is not scanned for each change that asks."""
        values: set = set()
        last = None
        for facts, index in ((state.facts, state.facts_index), (state.previous, state.previous_index)):
            index.update(facts)
            at = -1
            for concept in concepts:
                values |= index.values_of(concept)
                if len(values) > 1:
                    return None
                positions = index.by_concept.get(concept)
                if positions:
                    at = max(at, positions[-1])
            if at >= 0:
                last = facts[at]  # the last sentence's, when it has one, replaces this one's
        return last

    def delta(self, figure: Figure, direction: re.Match[str] | WordAt, lead: str, state: State) -> bool:
        """A change Δ read from its direction word; False where no base makes it one (nothing recorded)."""
        self.delta_of(figure, direction, lead, state)
        return self._placed

    def delta_of(self, figure: Figure, direction: re.Match[str] | WordAt, lead: str, state: State) -> None:
        sign = 1 if direction.group("word") in WORDS.increase else -1
        compared_here = WORDS.comparison.search(lead) is not None
        if not compared_here and state.change is not None and state.change.delta is not None \
                and WORDS.change_parts.search(lead):
            state.change_group = SumGroup(self.change_fact(state.change), [], "changes")
            state.change_group_base = (state.change.base, state.change.base_text)
            self.doc.sums.append(state.change_group)
        part_of = state.change_group if (state.change_group is not None and not compared_here) else None
        if part_of is not None and part_of.total.key.quantity != quantity_of(figure):
            part_of = None  # …减少0.04万元，主要是…公务用车保有量减少2辆: a count is no part of a change of money
        base = state.change_group_base if part_of is not None else state.base
        if base is None:
            base = self.base_of_total(lead, direction, state)
        if base is None and self.line_base is not None \
                and self.source.position(self.at(self._item_start))[0] == self.line_base[1]:
            base = self.line_base[0]  # 与2015年决算数相比，收入增加…。支出增加…: the comparison opening the line
        self._placed = base is not None
        if base is None:
            return  # 增加 with no comparison base is not a change this reader can place
        label, current, scope = self.subject_for(lead, direction, state)
        if current is not None and label not in tail_clause(lead) and self.amount_in_reason_since(current, figure):
            # …主要原因：一是年初预算收入7031.72万元，比2018年…增加4307.28万元: a change its clause names no item of, after
            # an amount a reason states, is not the headline's; whose it is, is not told.
            self.doc.doubts.append(Doubt("EXT007", "subject_not_named", [figure.span]))
            return
        positional = state.labels.get(self._item_start)
        if positional:
            label = positional
            current = self.latest_labelled(label, state)
            scope = current.key.scope if current else "all"
        if not label:
            # Whose change it is cannot be told (a clause since the last figure names another item): listed, not judged.
            self.doc.doubts.append(Doubt("EXT007", "subject_not_named", [figure.span]))
            return
        quantity = quantity_of(figure)
        concept, concept_scope = self.dictionary.lookup(label, quantity)
        key = Key(concept.name if concept else f"label:{label}", "current", self.measure,
                  concept_scope if concept_scope != "all" else scope, quantity)

        word = self.span(direction.start("word") + self._cursor, direction.end("word") + self._cursor)
        prior = state.prior if state.prior is not None and state.prior.label == label else None
        if current is not None and current.figure.quantity != figure.quantity:
            current = None  # 接待139466人次 … 减少1897.9万元: a count is not the current figure of money
        if prior is None and current is not None and current.key.period != "current" \
                and current.key.period == base_period(base[0], current.key.measure)[0]:
            this_year = next((f for f in state.facts if f.key.period == "current" and f.key.concept == current.key.concept
                              and f.key.quantity == current.key.quantity and f is not current), None)
            if this_year is not None:
                # 2026年收支总预算1291.68万元，2025年收支总预算846.48万元，较上年增加445.20万元: this year's figure
                # printed first in the sentence, the base year's after it: the change is between the two.
                prior, current = current, this_year
            elif any(f is current for f in state.facts):
                # 2022年…3.46万元，较上年增加2.4万元 in the 2023 report: a change of that year against its own
                # year before, which no figure of this document's years is the base of.
                base = (f"text:{base[1]}@{current.key.period}", base[1])
            else:
                prior, current = current, None  # 2023年度…8.64万元。2024年…较上年减少: that figure is the base
        state.prior = None
        earlier = state.change
        if part_of is None and earlier is not None and earlier.delta is None and earlier.rate is not None \
                and earlier.current is not None and earlier.current is current and earlier.base == base[0] \
                and self._item_start not in state.each:
            # 同比增长10.85%，增收2798万元: the amount of the change whose rate was just stated.
            earlier.delta, earlier.delta_sign = figure, sign
            earlier.words.append(word)
            return
        if current is not None and current.key.quantity == key.quantity:
            # The change is of the figure it compares: its subject, entity and measure (县本级…决算数比上年增加).
            key = Key(current.key.concept, "current", current.key.measure, current.key.scope, key.quantity)
        change = Change(label, key, base[0], base[1], current, figure, sign, None, 0, [word], prior=prior)
        if current is not None:
            group = state.groups.get(id(state.candidates[0])) if len(state.candidates) == 1 else None
            if group is None and not state.facts and state.paragraph_groups:
                group = state.paragraph_groups[-1]  # 基本支出x，其中…公用经费y。比上年增加Δ: the last sentence's list
            if group is not None and any(part is current for part in group.parts):
                change.whole_of_part = group.total
        self.doc.changes.append(change)
        if part_of is not None:
            part_of.parts.append(self.change_fact(change))
        else:
            state.change = change
        if self._item_start in state.each:
            state.each_changes.append(change)

    def change_fact(self, change: Change) -> Fact:
        delta = change.delta
        assert delta is not None  # a change's fact is made only for a change stated with an amount
        signed = Figure(delta.value * change.delta_sign, delta.decimals, delta.unit, delta.span, delta.start, delta.end)
        key = Key(change.key.concept, change.key.period, f"change:{change.base}", change.key.scope, change.key.quantity)
        return Fact(key, change.label, signed, "prose", "statement")

    def rate(self, figure: Figure, direction: re.Match[str] | WordAt, state: State, lead: str = "") -> None:
        sign = 1 if direction.group("word") in WORDS.increase else -1
        pair = state.prior is not None and state.subject is not None and state.prior.label == state.subject.label
        if WORDS.other_basis.search(lead) and not pair:
            # 按同口径计算增长53.5%: a rate on another basis than the figures printed, not judged. With the base
            # printed just before (上年X元，本年Y元，同口径增长r%; 与上年的X同口径相比增r%), it is that basis's figure.
            return
        word = self.span(direction.start("word") + self._cursor, direction.end("word") + self._cursor)
        change = state.change
        if change is None or change.rate is not None:
            if state.base is None and pair:
                state.base = ("previous", WORDS.previous_words[0])  # 上年X元，本年Y元，增加r%: the year before
            if state.base is None or state.subject is None:
                return
            subject = state.subject
            # 比上年2476.95万元下降6.40%: a base printed just before, with no change, is this rate's base.
            prior = state.prior if state.prior is not None and state.prior.label == subject.label else None
            state.prior = None
            change = Change(subject.label, subject.key, state.base[0], state.base[1], subject, None, 0, None, 0,
                            prior=prior)
            self.doc.changes.append(change)
            state.change = change
        change.rate = figure
        change.rate_sign = sign
        change.words.append(word)

    def named_before(self, named: str, quantity: str, state: State) -> Fact | None:
        """The latest statement of this sentence or the last whose label ends with `named` (我镇实现财政总收入…。
        比上年财政总收入X: the item a base names by the end of its label)."""
        for facts in (state.facts, state.previous):
            for k in range(len(facts) - 1, -1, -1):
                fact = facts[k]
                if fact.label.endswith(named) and fact.key.quantity == quantity and fact.context == "statement":
                    return fact
        return None

    def amount_in_reason_since(self, current: Fact, figure: Figure) -> bool:
        """Whether a reason clause stated an amount of its own between the subject and this change."""
        for fact in reversed(self.doc.facts):
            start = fact.figure.start
            if start <= current.figure.start:
                return False
            if fact.context == "reason" and start < figure.start and fact.key.quantity == current.key.quantity:
                return True
        return False

    def inline_prior(self, item: Item, lead: str, state: State, sentence: int) -> bool:
        """比上年2476.95万元(减少…): a figure right after the comparison is the base, not a new statement."""
        subject = state.subject
        if subject is None or state.reason:
            return False
        comparison = last_match(WORDS.comparison, lead)
        if comparison is None or comparison.group("base") is None:
            # The closing half after the figure first: an anchored match, where a search of the lead tries every place.
            if not holds_char(lead, WORDS.comparison_firsts) or WORDS.frame_close.match(self.text, item.end) is None:
                return False
            comparison = WORDS.frame_base_open.search(lead)
            if comparison is None:
                return False
            # 与上年的73991万元同口径相比增12.05%: the figure inside the frame is the base.
        between = lead[comparison.end():]
        if CLAUSE_BREAK.search(between) or len(between.strip()) > 12:
            return False
        named = clean_label(between.replace("的", ""))
        if named.endswith(WORDS.differences):
            return False  # 较年初预算超收1.17亿元: a difference from the base, not the base
        if named and named not in WORDS.measure_only and named != subject.label:
            earlier = self.named_before(named, quantity_of(item.figure), state)
            if earlier is not None:
                # …财政总收入203541.54万元，其中…专项转移支付收入23041.54万元。比上年财政总收入238960.28万元减少…:
                # the base of the item it names, stated before the last part.
                subject = state.subject = earlier
            else:
                concept, _ = self.dictionary.lookup(named, subject.key.quantity)
                if concept is not None and concept.name != subject.key.concept:
                    return False  # 去年相比2016年“三公”经费支出48.25亿元: a figure of the item it names, not the subject's base
        if quantity_of(item.figure) != subject.key.quantity:
            # 公务接待费用4万元，接待74批(次)813人，同比去年1.05万元增加2.95万元: the base is of the last amount.
            quantity = quantity_of(item.figure)
            same = next((f for f in reversed(state.facts) if f.key.quantity == quantity), None)
            if same is None:
                return False
            subject = same
        base = self.normalise_base(comparison.group("base").strip())
        period, measure = base_period(base, subject.key.measure)
        key = Key(subject.key.concept, period, measure, subject.key.scope, subject.key.quantity)
        state.prior = Fact(key, subject.label, item.figure, "prose", "prior", sentence)
        self.doc.facts.append(state.prior)
        return True

    def flat_claim(self, flat: re.Match, lead: str, lead_start: int, state: State) -> None:
        """持平/无变化 against a named base, about the current subject."""
        if flat.group("word") in WORDS.loose_flat or state.subject is None:
            return
        if self.names_another(lead[: flat.start()], state.subject):
            return  # 公务接待费支出决算比预算无增减变化: said of an item with no figure here
        comparison = last_match(WORDS.comparison, lead, 0, flat.start())
        base = state.base
        if comparison is not None:
            base_text = (comparison.group("base") or comparison.group("base2") or comparison.group("base3") or "").strip()
            base = (self.normalise_base(base_text), base_text)
        if base is None:
            return
        subject = state.subject
        span = self.span(lead_start + flat.start("word"), lead_start + flat.end("word"))
        self.doc.changes.append(Change(subject.label, subject.key, base[0], base[1], subject, None, 0, None, 0, [span]))