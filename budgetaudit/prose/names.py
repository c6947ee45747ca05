"""Counts and the names they count: 直属事业单位10个，即A、B、C。 (机构设置: 内设机构, 下属单位).

Read charitably: a count right after another (内设16个职能部门，派出人民法庭4个，分别是…) may share the names, and is
not read; the names may end with the intro's clause or run on to the end of the sentence (…后勤保障中心，
校工会), a name wholly in brackets may be another name of the one before it (综合科、(财务科)), and 和/及 may join
two names or stand inside one (民政和社会事务办公室). A list cut off by the page, holding a figure or a range
(一至六年级办公室), or marked as partial (主要包括, …等) is not read."""

from __future__ import annotations

from typing import Callable, Final

from ..concepts import clean_label
from ..words import holds_any
from ..document import NamedCount
from ..source import Span
from .state import CLAUSE_PUNCT, WORDS, Item

_ENDS: Final = "。；;"
_LONGEST_NAME: Final = 30
_NOT_IN_NAMES: Final = frozenset("0123456789%至到~—-")


def _split(text: str, start: int, end: int, separators: str) -> list[tuple[int, int]]:
    """The stretches of text[start:end] between separators outside brackets, with their offsets."""
    out: list[tuple[int, int]] = []
    depth = 0
    begin = start
    for k in range(start, end):
        ch = text[k]
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            out.append((begin, k))
            begin = k + 1
    out.append((begin, end))
    return out


def _bracketed(name: str) -> bool:
    name = name.strip()
    return len(name) >= 2 and name[0] in "(（" and name[-1] in ")）"


def named_counts(text: str, start: int, end: int, items: list[Item], span: Callable[[int, int], Span]
                 ) -> list[NamedCount]:
    out: list[NamedCount] = []
    for i, item in enumerate(items):
        figure = item.figure
        if figure.unit not in WORDS.named_count_units or figure.decimals != 0 or figure.value < 2:
            continue
        intro = WORDS.named_count.match(text, item.end, end)
        if intro is None:
            continue
        if i > 0 and items[i - 1].figure.unit in WORDS.named_count_units \
                and not any(ch in _ENDS for ch in text[items[i - 1].end : item.start]):
            continue  # 内设16个职能部门，派出人民法庭4个，分别是…: the names may be of both counts
        noun = intro.group("noun")
        lead_start = items[i - 1].end if i > 0 else start
        label = clean_label(noun) or clean_label(CLAUSE_PUNCT.split(text[lead_start : item.start])[-1])
        if _partial(noun) or _partial(label):
            continue
        first = intro.end()
        close = -1
        for k in range(first, end):
            if text[k] in _ENDS:
                close = k
                break
        if close < 0:
            continue  # a list the page cut off (or one running into a table) says nothing of its length
        line_end = text.find("\n", close)
        if holds_any(text[close + 1 : min(close + 40, line_end if line_end >= 0 else len(text))], WORDS.names_others):
            continue  # …包括A、B、C。另有两个派出所: more of them named after the list
        if i + 1 < len(items) and items[i + 1].start < close:
            continue
        clause_end = close
        for k in range(first, close):
            if text[k] in "，,":
                clause_end = k
                break
        narrow = [(a, b) for a, b in _split(text, first, clause_end, "、") if not _bracketed(text[a:b])]
        wide: list[tuple[int, int]] = []
        for a, b in _split(text, first, close, "、，,"):
            if "(" in text[a:b] or "（" in text[a:b]:
                wide.append((a, b))  # 便民服务中心(退役军人服务站): a bracket keeps the name whole
                continue
            begin = a
            for join in WORDS.name_joins.finditer(text, a, b):
                wide.append((begin, join.start()))
                begin = join.end()
            wide.append((begin, b))
        names = [text[a:b].strip() for a, b in wide]
        if names and WORDS.own_count.search(names[-1]):
            continue  # …包括A、B和C三大类: the list counts itself, in groups of another kind
        if len(narrow) < 2 or not all(names) or not _plain(names):
            continue
        out.append(NamedCount(label, figure, [span(a, b) for a, b in wide], min(len(narrow), len(wide)),
                              max(len(narrow), len(wide))))
    return out


def _partial(text: str) -> bool:
    for word in WORDS.names_partial:
        if word in text:
            return True
    return False


def _plain(names: list[str]) -> bool:
    """Every stretch reads as one name: short, no figure or range in it, nothing saying the list is partial."""
    for name in names:
        if len(name) > _LONGEST_NAME or _partial(name):
            return False
        for ch in name:
            if ch in _NOT_IN_NAMES:
                return False
    return True
