"""Differences in percentage points: a percentage stated, another printed in its comparison, and the points
between them (比上年的10.54%增加了0.78个百分点, 比我市增幅(-5.2%)高1.1个百分点, 高于全国平均占比14.75%的1.94个百分点).

The reading is narrow on purpose: the other percentage stands right before the points (a bracket, 的 or a
word of direction between), its clause opens with a comparison that speaks of the percentage stated before
it (nothing but a rate's name and an adverb before 比), and one side says which is higher. Anything else
(增幅高于上年同期4.3个百分点, with no other percentage printed) states no difference that can be judged."""

from __future__ import annotations

from typing import Callable, Final

from ..concepts import clean_label
from ..document import PointChange
from ..source import Span
from ..words import search_tail
from .state import CLAUSE_PUNCT, WORDS, Item

_NO_SIGN: Final = (1,)
_EITHER_SIGN: Final = (-1, 1)


def _signs(text: str, start: int, end: int) -> tuple[int, ...]:
    """下降4.1%: a percentage after a word of decrease is a fall, or (read charitably) its size."""
    found = search_tail(WORDS.direction, text[start:end], WORDS.direction_reach, WORDS.direction_lasts,
                        WORDS.direction_gate, WORDS.direction_gate_reach)
    if found is not None and found.group("word") not in WORDS.increase:
        return _EITHER_SIGN
    return _NO_SIGN


def _speaks_of_stated(prefix: str) -> bool:
    """增幅比…, 但远低于…: what stands before the comparison names no other item."""
    words = prefix.strip()
    changed = True
    while words and changed:
        changed = False
        for adverb in WORDS.point_adverbs:
            if words.startswith(adverb):
                words, changed = words[len(adverb):].strip(), True
            if words.endswith(adverb):
                words, changed = words[: -len(adverb)].strip(), True
    if not words:
        return True
    for noun in WORDS.rate_nouns:
        if words.endswith(noun):
            return True
    return False


def _blank_rate_nouns(piece: str) -> str:
    """占比, 比重: a rate's name holding a word of comparison is not one (same length, so offsets hold)."""
    for noun in WORDS.rate_nouns:
        if len(noun) > 1 and noun in piece:
            piece = piece.replace(noun, "□" * len(noun))
    return piece


def point_changes(text: str, start: int, items: list[Item], span: Callable[[int, int], Span]) -> list[PointChange]:
    """The differences in points among a sentence's figures."""
    out: list[PointChange] = []
    for i in range(2, len(items)):
        points = items[i]
        if points.figure.quantity != "point":
            continue
        other = items[i - 1]
        if other.figure.quantity != "percent":
            continue
        gap = WORDS.points_gap.fullmatch(text, other.end, points.start)
        if gap is None:
            continue
        current_at = i - 2
        while current_at >= 0 and items[current_at].figure.quantity == "point":
            current_at -= 1  # …16.69%，比上年上升了0.76个百分点，高于全国平均占比14.75%的1.94个百分点
        if current_at < 0 or items[current_at].figure.quantity != "percent":
            continue
        current = items[current_at]
        between = text[current.end : other.start]
        piece_at = 0
        for k in range(len(between) - 1, -1, -1):
            if between[k] in "，,；;。":
                piece_at = k + 1
                break
        piece = _blank_rate_nouns(between[piece_at:])
        compare = WORDS.points_compare.fullmatch(piece)
        if compare is None or not _speaks_of_stated(compare.group("prefix")):
            continue
        if gap.group("up") is not None:
            sign, word_at = 1, gap.span("up")
        elif gap.group("down") is not None:
            sign, word_at = -1, gap.span("down")
        elif compare.group("up") is not None or compare.group("down") is not None:
            name = "up" if compare.group("up") is not None else "down"
            base = current.end + piece_at
            sign, word_at = (1 if name == "up" else -1), (base + compare.start(name), base + compare.end(name))
        else:
            continue  # 比上年的10.54%，0.78个百分点: which is higher is not said
        lead_start = items[current_at - 1].end if current_at > 0 else start
        lead = text[lead_start : current.start]
        label = clean_label(CLAUSE_PUNCT.split(lead)[-1])
        # The label as printed (the blanked copy holds □ for 占比/比重), less the 的/( before the other percentage.
        other_label = clean_label(between[piece_at:][compare.start("label") : compare.end("label")]).rstrip("(的")
        out.append(PointChange(
            label, other_label, current.figure, other.figure, points.figure, sign,
            _signs(text, lead_start, current.start), _signs(text, current.end + piece_at, other.start),
            [span(word_at[0], word_at[1])]))
    return out
