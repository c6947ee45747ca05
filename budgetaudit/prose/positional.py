"""Positional lists: A和B分别为x和y(，占a%和b%), 各增加Δ1、Δ2, 分别下降a%和b%: labels, changes and shares assigned by
position, or not at all. The first layer of the list reader (lists.py builds on it)."""

from __future__ import annotations

import bisect
from typing import Final

from ..concepts import clean_label
from ..document import Doubt
from .base import ReaderBase
from .state import Item, State, clause_start
from . import state as _state

# Bound here as Final: the compiled build keeps them in C statics, where an imported name is a dict lookup.
CLAUSE_PUNCT: Final = _state.CLAUSE_PUNCT
WORDS: Final = _state.WORDS


class PositionalReader(ReaderBase):
    def positional_lists(self, s: int, e: int, items: list[Item], state: State) -> None:
        """A和B分别为x和y(，占a%和b%): labels and shares assigned by position, or not at all."""
        state.labels, state.share_parts, state.positional = {}, {}, []
        state.each, state.each_rates, state.each_changes = {}, {}, []
        if not items:
            return  # no figure to take a label or a share by position
        text = self.text
        for ch in WORDS.positional_first_chars:
            if text.find(ch, s, e) >= 0:
                break
        else:
            return  # no 分别/各 in the sentence: most sentences are not searched for the two lists
        starts = [item.start for item in items]
        breaks: list[int] | None = None
        named: list[tuple[int, list[str]]] = []  # the names of each respective list, by where it stands
        for match in WORDS.respectively.finditer(text, s, e):
            breaks = breaks if breaks is not None else [m.start() for m in CLAUSE_PUNCT.finditer(text, s, e)]
            clause_begin = clause_start(breaks, match.start())
            head = text[max(clause_begin, s) : match.start()]
            names = [clean_label(n) for n in WORDS.name_separator.split(head)]
            names = [n for n in names if n]
            run = self.run_after(match.end(), items, e, lambda f: f.quantity != "percent", starts)
            joint = next((w for w in WORDS.joint_words if names[0].startswith(w)), "") if len(names) == 1 else ""
            if joint and len(names[0]) > len(joint):
                names = [half + names[0][len(joint):] for half in WORDS.joint_halves]  # 收、支总计分别为x、y
            if len(names) < 2 or not run:
                continue
            named.append((match.start(), names))
            if len(run) != len(names):
                self.doc.doubts.append(Doubt("EXT005", "positional_mismatch", [i.figure.span for i in run]))
                continue
            for name, item in zip(names, run):
                state.labels[item.start] = name
            self.positional_shares(run, len(names), items, e, state, starts)
        for match in WORDS.each.finditer(text, s, e):
            breaks = breaks if breaks is not None else [m.start() for m in CLAUSE_PUNCT.finditer(text, s, e)]
            clause_begin = clause_start(breaks, match.start())
            head = text[max(clause_begin, s) : match.start()]
            comparison = WORDS.comparison.search(head)
            names_text = head[: comparison.start()] if comparison else head
            names = _shared_suffix([n for n in (clean_label(n) for n in WORDS.name_separator.split(names_text)) if n])
            run = self.run_after(match.end(), items, e, lambda f: f.quantity != "percent", starts)
            if len(names) < 2:
                # 收、支总计分别为x、y，与上年相比分别减少Δ1、Δ2: the items named by the list before, in its order.
                names = next((n for at, n in reversed(named) if at < match.start() and len(n) == len(run)), names)
            if len(names) >= 2 and len(run) == len(names):
                for name, item in zip(names, run):
                    state.labels[item.start] = name
                    state.each[item.start] = (match.group("word"), match.start("word"), match.end("word"))
                rates_at = WORDS.rates_after.match(text, run[-1].end, e)
                if rates_at:
                    rates = self.run_after(rates_at.end(), items, e, lambda f: f.quantity == "percent", starts)
                    if len(rates) == len(names):
                        for k, item in enumerate(rates):
                            state.each_rates[item.start] = (k, rates_at.group("word"), rates_at.start("word"), rates_at.end("word"))
            elif len(names) >= 2 and len(run) > 1:
                self.doc.doubts.append(Doubt("EXT005", "positional_mismatch", [i.figure.span for i in run]))

    def positional_shares(self, run: list[Item], count: int, items: list[Item], e: int, state: State,
                          starts: list[int] | None = None) -> None:

        """占a%、b%和c% right after a positional list: the k-th share belongs to the k-th figure."""
        share_at = WORDS.shares_after.match(self.text, run[-1].end, e)  # not a slice to e: a sentence may be long
        if share_at:
            shares = self.run_after(share_at.end(), items, e, lambda f: f.quantity == "percent", starts)
            if len(shares) == count:
                state.share_whole = clean_label(share_at.group("whole") or "")
                for k, item in enumerate(shares):
                    state.share_parts[item.start] = k

    def run_after(self, offset: int, items: list[Item], end: int, wanted, starts: list[int] | None = None) -> list[Item]:
        """The figures printed one after another from `offset`, separated only by list separators.
        `starts` (the items' offsets, ascending) lets it begin at the first item at or after `offset`."""
        run = []
        cursor = offset
        first = bisect.bisect_left(starts, offset) if starts is not None else 0
        for index in range(first, len(items)):  # not islice: it would step over the first `first` items
            item = items[index]
            if item.start < offset:
                continue
            if self.text[cursor : item.start].strip(WORDS.list_separator) or not wanted(item.figure):
                break
            run.append(item)
            cursor = item.end
        return run


def _shared_suffix(names: list[str]) -> list[str]:
    """收入、支出总计: the last name's 总计 is every name's (收入总计, 支出总计)."""
    if len(names) < 2:
        return names
    suffix = next((x for x in WORDS.shared_endings if names[-1].endswith(x) and len(names[-1]) > len(x)), "")
    if not suffix:
        return names
    return [n if n.endswith(suffix) else n + suffix for n in names[:-1]] + names[-1:]
