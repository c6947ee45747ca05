"""A 其中 list closed by the rest (其他方面3.01亿元, 其他收入52.21万元) names every part of its total.

Without a declared partition a 其中 list is only a bound (its parts may leave some out); a last part that
is the rest of the total, 其他 with nothing after it, with a word for a share of a whole (方面, 领域), or
with the total's own name after it (一般性转移支付 → 其他一般性转移支付; 收入合计 → 其他收入), says nothing was
left out, so the list must add up. 其他资本性支出 among the parts of 支出 is a class of its own, not the rest.
其他 with the noun its siblings' names end with (动力机械, 收获机械, …, 其他机械) is the rest of their kind; a part of
nothing after the rest (报废机具0台) changes nothing. A list of counts so closed adds up like one of amounts.
So does a list of exactly two parts that open with the two halves of a complementary pair (中央…, 地方…).
"""

from __future__ import annotations

from typing import Final

from ..document import Document, SumGroup
from ..words import default_words


def close_lists(document: Document) -> None:
    words = default_words()
    for group in document.sums:
        if group.kind not in ("parts", "counts") or group.complete or len(group.parts) < 2:
            continue
        if _is_rest(group, words):
            # The rest closes a list of counts as it closes one of amounts: nothing was left out, nothing overlaps.
            group.kind, group.complete = "parts", True
        elif group.kind == "parts" and len(group.parts) == 2 and _are_complements(group, words):
            group.complete = True


_NUMBERING: Final = "（(、，, 0123456789.一二三四五六七八九十)）"


def _are_complements(group: SumGroup, words) -> bool:
    first, second = (part.label.lstrip(_NUMBERING) for part in group.parts)
    return any((first.startswith(a) and second.startswith(b)) or (first.startswith(b) and second.startswith(a))
               for a, b in words.complements)


def _is_rest(group: SumGroup, words) -> bool:
    last = len(group.parts) - 1
    while last > 0 and group.parts[last].figure.sign == 0:
        last -= 1  # 其他机械15台(套)，报废机具0台(套): a part of nothing after the rest leaves it the rest
    label = group.parts[last].label
    for word in words.remainders:
        at = label.find(word)
        if at < 0 or label[:at].strip(_NUMBERING) != "":
            continue  # 其他 must open the part's name (after its number, if any)
        rest = label[at + len(word):].rstrip("等")
        if rest == "" or rest in words.remainder_nouns:
            return True
        if len(rest) >= 2 and sum(p.label.endswith(rest) for p in group.parts[:last]) >= max(2, last - 1):
            return True  # 动力机械52台，收获机械44台，…，其他机械15台: the rest of the kind its siblings name
        whole = group.total.label
        for ending in words.whole_endings:
            whole = whole.removesuffix(ending)
        # 其他一般性转移支付 of 一般性转移支付; 其他收入 of 收入合计 (its ending taken off above).
        return len(rest) >= 2 and rest in whole and whole.endswith(rest[-2:])
    return False
