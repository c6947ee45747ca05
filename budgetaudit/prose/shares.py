"""Shares: 占r% with its whole (named, the total of the part's list, the figure a list was introduced
with, or the declared parent), and a whole printed with its rate (占年初预算2180万元的44.5%)."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final

from ..concepts import clean_label
from ..document import Fact, Key, Share
from ..figures import Figure
from ..words import holds_any
from .lists import ListReader
from .state import Item, State, tail_clause
from . import state as _state

# Bound here as Final: the compiled build keeps them in C statics, where an imported name is a dict lookup.
OF_PERCENT: Final = _state.OF_PERCENT
WORDS: Final = _state.WORDS


# The measures of a budget figure: what a completion rate divides by.
_BUDGET_MEASURES: Final = ("initial_budget", "budget", "adjusted_budget")
MEASURE_SUFFIX: Final = re.compile(r"(?:预算|决算)数?$")
_NUMERALS: Final = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


class ShareReader(ListReader):
    def share(self, figure: Figure, match: re.Match, state: State, lead_clause: str = "") -> None:
        whole_label = clean_label(WORDS.whole_suffix.sub("", (match.groupdict().get("whole") or "").strip()))
        part = state.subject
        at = max(lead_clause.rfind(word) for word in WORDS.share_words)
        count = self.joined_count(lead_clause)
        named = clean_label(lead_clause[:at]) if at >= 0 and not count else ""
        if named and part is not None and named != part.label:
            # 税收收入占地方一般公共预算收入的比重为71.1%: the share names its part; not the last item stated.
            part = self.latest_labelled(named, state)
            if part is None:
                # …税收收入占…的比例为65.8%，增收94亿元: the sentence now speaks of an item with no amount at hand; a
                # change after it is that item's, not the last amount's.
                state.subject = None
        if part is not None:
            self.qualify_by_whole(part, whole_label)
            shares = len(self.doc.shares)
            self.add_share(part, figure, None, whole_label, state)
            if count and len(self.doc.shares) > shares:
                joined = [f for f in state.facts if f.key.quantity == part.key.quantity and f.context == "statement"]
                share = self.doc.shares[-1]
                if len(joined) >= count and joined[-1] is part:
                    share.joined = joined[-count:]
                else:
                    share.whole, share.reason = None, "joined_parts"

    @staticmethod
    def joined_count(lead_clause: str) -> int:
        """两项合计占: how many items the share is of together (0 where it is of one)."""
        match = WORDS.joined_share.search(lead_clause) if holds_any(lead_clause, WORDS.joined_words) else None
        if match is None:
            return 0
        count = match.group("count")
        return int(count) if count.isdigit() else _NUMERALS[count]

    def qualify_by_whole(self, part: Fact, whole_label: str) -> None:
        """商品和服务支出426000元，占项目支出预算90.73%: the item is that whole's part (words.toml labels.part_of_whole)."""
        whole = MEASURE_SUFFIX.sub("", whole_label)
        if whole not in WORDS.part_of_whole or not part.key.known or "›" in part.key.concept:
            return
        concept, _ = self.dictionary.lookup(whole, part.key.quantity)
        if concept is None or concept.name == part.key.concept or concept.name in self.parents_of(part.key.concept):
            return
        key = part.key
        part.key = Key(f"{concept.name}›{key.concept}", key.period, key.measure, key.scope, key.quantity)

    def completion(self, figure: Figure, match: re.Match, state: State) -> bool:
        """完成年初预算的r%, 预算执行率r%: the outturn just stated as a share of its budget. The budget is the
        figure of the same item and year with a budget measure (the one the words name), stated before it:
        in this sentence or the last for an item the dictionary does not know, anywhere before for one it
        does. Budgets that disagree (年初 and 调整) under words that name neither leave it unchecked."""
        whole_text = match.group("whole") or ""
        if match.group("rate") is None and whole_text.replace(" ", "") not in WORDS.budgets:
            return False  # 完成年度计划的95%, 占基本支出预算的81%: not the budget of this figure
        part = state.subject
        if part is None or part.key.quantity != "money":
            return False
        label = whole_text or (match.group("rate") or "")
        if part.key.measure in _BUDGET_MEASURES:
            # A budget report's own figures are all budget figures by measure (全市收入完成407186万元，占年初预算的
            # 110.6%): the rate is still a completion rate, but no other figure can be told to be its budget.
            self.doc.shares.append(Share(part, figure, None, label, "whole_not_found", "completion"))
            return True
        measures: tuple[str, ...] = _BUDGET_MEASURES
        if holds_any(whole_text, WORDS.initial_words):
            measures = ("initial_budget", "budget")
        elif holds_any(whole_text, WORDS.adjusted_words):
            measures = ("adjusted_budget",)
        key = part.key

        def fits(fact: Fact) -> bool:
            return (fact.key.concept == key.concept and fact.key.period == key.period and fact.key.measure in measures
                    and fact.key.quantity == key.quantity and fact.context in ("statement", "whole")
                    and fact.figure.start < part.figure.start)

        near = [f for f in state.facts + state.previous if fits(f)]
        if not near and key.known:
            index = self._facts_index.update(self.doc.facts)
            near = [self.doc.facts[k] for k in index.by_concept.get(key.concept, ()) if fits(self.doc.facts[k])]
        if len({f.figure.base_ratio for f in near}) == 1:
            self.doc.shares.append(Share(part, figure, near[-1], near[-1].label, "", "completion"))
        else:
            self.doc.shares.append(Share(part, figure, None, label, "ambiguous_whole" if near else "whole_not_found",
                                         "completion"))
        return True

    def add_share(self, part: Fact, figure: Figure, whole: Fact | None, whole_label: str, state: State,
                  kind: str = "share") -> None:
        """占r%: the whole is named, or the total of the part's 其中 list, or the figure a list
        (……主要用于以下几个方面) was introduced with, or the item the part is a declared partition member of."""
        if part.figure.quantity == "percent":
            return
        if whole is not None:  # printed with the rate (完成全年预算50.74万元的67.2%)
            self.doc.shares.append(Share(part, figure, whole, whole_label, "", kind))
            return
        reason = ""
        if whole_label:
            whole, reason = self.resolve(whole_label, part)
            if whole is None:
                # 支出合计x，其中基本支出y，占总支出的r%: a whole named by another total word is the list's total.
                groups = list(state.groups.values()) + state.paragraph_groups
                group = next((g for g in groups if part in g.parts), None)
                total = group.total if group is not None else None
                if total is not None and _bare(whole_label) in (
                        _bare(total.label), _bare(total.key.concept if total.key.known else "")):
                    whole, reason = total, ""
                elif whole_label != _bare(whole_label):
                    whole, reason = self.total_named(whole_label, part, reason)
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
            elif self.composition[1] and part.figure.start >= self.composition[0]:
                whole_label = self.composition[1]  # 本年收入的具体构成为：…，占100%: of 本年收入
                whole, reason = self.resolve(whole_label, part)
            elif parent is not None:
                whole = parent
            elif concepts:
                whole, reason = self.stated_parent(concepts, part)
            else:
                reason = "no_whole"
        self.doc.shares.append(Share(part, figure, whole, whole_label, reason))

    def implied_wholes(self, shares_from: int) -> None:
        """…公务用车1.4万元，占83%；公务接待费0.28万元，占17%, no whole stated: the whole is the sum of the items
        listed, but only when they are every member of a declared partition or their shares add up to 100%
        within rounding; otherwise each share stays unchecked."""
        if len(self.doc.shares) - shares_from < 2:
            return  # most sentences state no share, or one
        orphans = [s for s in self.doc.shares[shares_from:]
                   if s.whole is None and s.kind == "share" and s.reason in ("no_whole", "ambiguous_whole")]
        parts = [s.part for s in orphans]
        if len(parts) < 2 or len({id(p) for p in parts}) < len(parts):
            return
        first = parts[0].key
        if any(p.key.quantity != "money" or p.key.period != first.period or p.key.measure != first.measure
               for p in parts):
            return
        concepts = {p.key.concept for p in parts}
        complete = len(concepts) == len(parts) and any(concepts == members for _, members in self.dictionary.partitions)
        # The shares add up to 100% when the sum of their printed intervals holds it.
        low = sum((s.share.interval.lo for s in orphans), Fraction(0))
        high = sum((s.share.interval.hi for s in orphans), Fraction(0))
        if complete or low <= 100 <= high:
            for share in orphans:
                share.implied, share.reason = parts, ""

    def named_implied_wholes(self) -> None:
        """基本支出…，占一般公共预算支出的84.06%。…项目支出…，占一般公共预算支出的19.62%, that whole never stated:
        when the parts of the shares naming one whole are every member of a partition the dictionary declares
        for it, their sum is that whole."""
        by_whole: dict[str, list[Share]] = {}
        for share in self.doc.shares:
            if share.whole is None and share.kind == "share" and share.reason == "whole_not_found" and share.whole_label:
                by_whole.setdefault(share.whole_label, []).append(share)
        for label, shares in by_whole.items():
            concept, _ = self.dictionary.lookup(label, "money")
            parts = [s.part for s in shares]
            concepts = {p.key.concept for p in parts}
            first = parts[0].key
            if concept is not None and len(concepts) == len(parts) >= 2 \
                    and not any(p.key.period != first.period or p.key.measure != first.measure for p in parts) \
                    and concepts in self.dictionary.partition_members(concept.name):
                for share in shares:
                    share.implied, share.reason = parts, ""
                continue
            for run in _runs_of_a_hundred(shares):
                # 占支出总预算78.33%，…10.73%，…4.04%，…6.90%: consecutive shares of one named whole that add up to
                # 100% within rounding list all of it; the sum of their parts is that whole.
                run_parts = [s.part for s in run]
                for share in run:
                    share.implied, share.reason = run_parts, ""

    def total_named(self, whole_label: str, part: Fact, reason: str) -> tuple[Fact | None, str]:
        """占总支出的r% with no list around: the total of that side (支出合计, 支出总计) stated before the part, for its
        year and measure, when every such statement gives one figure; else still not found."""
        bare = _bare(whole_label)
        found = [f for f in self.doc.facts
                 if f.context == "statement" and f.key.known and _bare(f.key.concept) == bare and f.key.concept != bare
                 and f.figure.start < part.figure.start and f.key.period == part.key.period
                 and f.key.measure == part.key.measure and f.key.quantity == part.key.quantity]
        if not found:
            return None, reason
        if len({f.figure.base_ratio for f in found}) > 1:
            return None, "ambiguous_whole"
        return found[-1], ""

    def stated_parent(self, concepts: frozenset[str], part: Fact) -> tuple[Fact | None, str]:
        """(二)“三公”经费支出决算具体情况。…公务接待费0.53万元，占31%: the whole is the item the part is a declared
        member of, stated anywhere before it for the same year and measure, when every such figure agrees."""
        index = self._facts_index.update(self.doc.facts)
        found = [self.doc.facts[k] for concept in concepts for k in index.by_concept.get(concept, ())]
        found = [f for f in found if f.context == "statement" and f.figure.start < part.figure.start
                 and f.key.period == part.key.period and f.key.measure == part.key.measure
                 and f.key.quantity == part.key.quantity]
        if not found:
            return None, "no_whole"
        if len({f.figure.base_ratio for f in found}) > 1:
            return None, "ambiguous_whole"
        return max(found, key=lambda f: f.figure.start), ""

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

        # The last fact with the label or the concept (or the concept of a subject named before it: 晋城市…。全市
        # 一般公共预算支出128.9亿元…，占一般公共预算支出的81.2%): the latest of them.
        found = max(latest(index.by_label.get(label, ())),
                    latest(index.by_concept.get(concept.name, ())) if concept is not None else -1)
        if concept is not None:
            suffix = "@" + concept.name
            for name, positions in index.by_concept.items():
                if name.endswith(suffix):
                    found = max(found, latest(positions))
        if found < 0 and label and not label.endswith(WORDS.whole_endings):
            # 本年收入的具体构成为 with 本年收入合计231.24万元 stated: the whole named without its 合计.
            for ending in WORDS.whole_endings:
                found = max(found, latest(index.by_label.get(label + ending, ())))
        if found < 0 and len(label) >= 4:
            # 占收入预算总额的90.3% after 某镇人民政府收入预算总额为7783.26万元: named without its subject, when one
            # label alone ends so.
            named = [positions for known, positions in index.by_label.items() if known.endswith(label)]
            if len(named) == 1:
                found = latest(named[0])
        if found < 0:
            return None, "whole_not_found"
        return facts[found], ""

    def whole_of_rate(self, item: Item, lead: str, state: State, sentence: int) -> bool:
        """占年初预算2180万元的44.5%: the figure is the whole of the rate that follows, not a new item."""
        subject = state.subject
        clause = tail_clause(lead)
        named = WORDS.whole_before.search(clause)
        if subject is None or state.reason or named is None or not OF_PERCENT.match(self.text, item.end):
            return False
        label = clean_label(named.group("label"))
        measure = subject.key.measure
        budget = holds_any(named.group("label"), WORDS.budget_words)
        if budget and self.doc.kind != "budget":
            measure = "initial_budget" if holds_any(named.group("label"), WORDS.initial_words) else "adjusted_budget"
        key = Key(subject.key.concept if not label or label in WORDS.measure_only or budget else f"label:{label}",
                  subject.key.period, measure, subject.key.scope, subject.key.quantity)

        state.whole = Fact(key, label or subject.label, item.figure, "prose", "whole", sentence)
        state.whole_kind = "completion" if named.group(0).startswith("完成") or named.group("label").strip() in WORDS.budgets else "share"
        self.doc.facts.append(state.whole)
        return True


def _bare(label: str) -> str:
    """A total's label without its total words (总支出, 支出合计, 支出总额 → 支出): what it is a total of."""
    bare = WORDS.names_total.sub("", label.replace("总", "").replace("的", "")).strip()
    for name in WORDS.self_names:
        if bare.startswith(name):
            return bare[len(name):]
    return bare


def _runs_of_a_hundred(shares: list[Share]) -> list[list[Share]]:
    """The runs of consecutive shares (two or more, their parts distinct amounts of one year and measure) whose
    printed intervals add up to an interval holding 100%, taken from the first share on, each as long as it still
    holds 100% (…19.98%；5、其他支出2万元，占0.02%: the small last item is in the run, not left out)."""
    runs: list[list[Share]] = []
    i = 0
    while i < len(shares):
        low = high = Fraction(0)
        taken = -1
        for j in range(i, len(shares)):
            low += shares[j].share.interval.lo
            high += shares[j].share.interval.hi
            if low > 100:
                break
            if j > i and high >= 100:
                taken = j
        run = shares[i : taken + 1] if taken >= 0 else []
        first = run[0].part.key if run else None
        if run and first is not None and len({id(s.part) for s in run}) == len(run) and all(
                s.part.key.quantity == "money" and s.part.key.period == first.period
                and s.part.key.measure == first.measure for s in run):
            runs.append(run)
            i = taken + 1
        else:
            i += 1
    return runs
