"""A balance written out: …支出559,594万元、上解支出24,562万元、…、结转下年546万元，支出总量为596,070万元. The items
joined by 、 right before a total named so (`[lists] listed_totals`) are all of it, a complete sum."""

from __future__ import annotations

import re
from typing import Final

from ..document import Document, Fact, SumGroup
from . import state as _state
from .state import State

WORDS: Final = _state.WORDS
CLAUSE_PUNCT: Final = _state.CLAUSE_PUNCT
# A bracketed aside between two items of a list, left out when their gap is read.
_BRACKETED: Final = re.compile(r"[(（][^()（）]*[)）]")


def listed_sum(text: str, document: Document, total: Fact, state: State) -> None:
    run: list[Fact] = []
    for fact in reversed(state.facts):
        after = run[-1] if run else total
        gap = _BRACKETED.sub("", text[fact.figure.end : after.figure.start])
        if ")" in gap or "）" in gap:
            continue  # 债务转贷收入x(其中新增债券y,再融资债券z)、…: a figure in an item's brackets is that item's
        if run and ("、" not in gap or CLAUSE_PUNCT.search(gap.replace("、", "")) is not None):
            break  # the items are joined by 、 alone; the last of them and the total by anything
        if fact.key.quantity != total.key.quantity or fact.key.period != total.key.period \
                or fact.key.measure != total.key.measure or fact.context != "statement":
            break
        run.append(fact)
    if len(run) < 2:
        return
    first = run[-1].figure.start
    clause = text[max(text.rfind(c, 0, first) for c in "，,；;：:。") + 1 : first]
    if WORDS.closes_list.match(clause) is None:
        # 加上中央补助x、…，收入总量y: the items are added to a figure stated before; not the sum of those alone.
        document.sums.append(SumGroup(total, list(reversed(run)), "parts", complete=True))
