"""The words that decide a figure's role (rules/words.toml): loaded, checked, and built into patterns.

The file holds literal phrases only; this module escapes every phrase and places it in the few fixed
pattern shapes the narrative reader needs (a direction word at the end of a lead, a comparison with its
base, a share, a completion rate). A malformed file is reported with its name and line, as the rule
files are; nothing in it is evaluated.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Final

from .source import normalise

GAP: Final = "…"
_GAP_PATTERN: Final = "[^，,。；;：:]{1,16}?"

# Every section and key the file may hold; True where a phrase may hold the gap marker "…".
SCHEMA: Final[dict[str, dict[str, bool]]] = {
    "direction": {"increase": False, "decrease": False, "before": False, "undecided": False, "other_basis": False,
                  "objects": False, "approximate": False},
    "flat": {"words": False, "loose": False},
    "comparison": {"before": False, "bases": False, "year_suffixes": False, "frames": True, "previous": False},
    "share": {"words": False, "ratio_words": False, "whole_suffixes": False, "joined": False},
    "completion": {"frames": True, "rate_words": False, "budgets": False, "over": False, "under": False},
    "lists": {"remainders": False, "remainder_nouns": False, "complements": True, "includes": False, "besides": False, "open": False, "joint": False, "joint_halves": False, "change_parts": False, "intro": False, "composition": False, "whole_endings": False,
              "listed_totals": False, "shared_endings": False, "whole_openers": False,
              "respectively": False, "each": False,
              "separators": False, "bracket_parts": False, "close": False, "totals": False, "offsets": False},
    "reason": {"start": False, "uses": False},
    "labels": {"openings": False, "anaphora": False, "measure_only": False, "structure": False, "before_measure": False,
               "self_names": False, "subjects": False, "levels": False, "bodies": False,
               "bases": False, "approved": False, "flows": False, "subject_frames": True, "basis_frames": True,
               "differences": False, "bounds_after": False, "from_to": False, "from": False, "from_not": False,
               "part_of_whole": False},
    "measures": {"budget": False, "adjusted_to": False, "initial": False, "adjusted": False, "final": False, "previous": False, "carried": False,
                 "current": False,
                 "stretches": False, "part_periods": False, "executed": False, "heading_outturn": False,
                 "heading_initial": False, "heading_comparing": False},
    "title": {"words": False, "funds": False, "final_body": False, "own_scope_intro": False, "own_scope": False},
    "points": {"compare": False, "higher_than": False, "lower_than": False, "higher": False, "lower": False,
               "rate_nouns": False, "adverbs": False},
    "names": {"intro": False, "units": False, "partial": False, "others": False, "conjunctions": False,
              "own_counts": False},
    "annual": {"words": False, "since": False},
    "savings": {"before": False, "after": False, "less": False, "rates": False},
    "products": {"units": False, "bounds": False, "amounts": False},
}
# Keys whose list may hold the empty phrase (a label that is nothing but a measure word).
_MAY_BE_EMPTY: Final = frozenset({("labels", "measure_only")})


class WordsError(Exception):
    """A malformed words file: the message names the file and, where it can, the line."""


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def _fail(file: str, text: str, needle: str, message: str) -> WordsError:
    line = _line_of(text, needle) if needle else None
    return WordsError(f"{file}:{line}: {message}" if line else f"{file}: {message}")


def _alternation(phrases: list[str]) -> str:
    """The phrases as one alternation, longest first (so 增加 wins over 增)."""
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True)) or "(?!)"


def _longest(phrases: list[str]) -> int:
    return max((len(p) for p in phrases), default=0)


def _first_chars(phrases: list[str]) -> str:
    return "".join(sorted({p[0] for p in phrases if p}))


def _firsts(phrases: list[str]) -> tuple[str, ...]:
    """The characters the phrases open with: a lead holding none is not searched for them."""
    return tuple(_first_chars(phrases))


def holds_char(text: str, chars: tuple[str, ...]) -> bool:
    """Whether text holds one of the characters: a scan in C per character (fewer instructions than a
    regular expression's class, tested at every position through the engine's opcodes, at the same CPU time;
    a search of the phrases would try each position against every phrase)."""
    for ch in chars:
        if ch in text:
            return True
    return False


def _lasts(phrases: list[str]) -> str:
    return "".join(sorted({p[-1] for p in phrases if p}))


def search_tail(pattern: re.Pattern[str], text: str, reach: int, lasts: str,
                gate: re.Pattern[str] | None = None, gate_reach: int = 0) -> re.Match[str] | None:
    """pattern.search(text) for a pattern anchored at the end (…\\s*$) whose match holds at most `reach`
    characters before the trailing spaces and ends with one of `lasts`: a text ending otherwise (most
    leads) is not searched, and only the positions that can start a match are tried. `gate`, a pattern every
    match ends with (within `gate_reach` characters) and that opens with a literal, is searched first: the
    engine skips to its first characters, where the whole pattern, opening with optional parts, is tried at
    every position."""
    end = len(text.rstrip())
    if end == 0 or text[end - 1] not in lasts:
        return None
    if gate is not None and gate.search(text, max(0, end - gate_reach)) is None:
        return None
    return pattern.search(text, max(0, end - reach))


def _halves(frames: list[str]) -> tuple[str, str]:
    """The opening and closing halves of gap phrases (与…相比 → 与, 相比), each as an alternation."""
    return (_alternation([f.split(GAP)[0] for f in frames]), _alternation([f.split(GAP)[1] for f in frames]))


class Words:
    """The phrases of rules/words.toml, and the patterns built from them once."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        self.data = data
        word = data["direction"]
        self.increase: frozenset[str] = frozenset(word["increase"])
        direction = _alternation(word["increase"] + word["decrease"])
        # 较上年(减少)16.23万元: a template's word kept in its brackets is that word; a closing bracket counts only
        # with its opening one right before the word (增加(减少), both kept, is undecided: the reader asks that first).
        self.direction = re.compile(
            rf"(?:{_alternation(word['before'])})?(?P<open>[(（])?(?P<word>{direction})了?"
            rf"(?:{_alternation(word['objects'])})?(?:{_alternation(word['approximate'])})?(?(open)[)）])\s*$")
        # The longest text either pattern can match before its trailing spaces: searched from there, the
        # match is the one a search of the whole lead finds, at a fraction of the positions tried.
        self.direction_reach: int = _longest(word["before"]) + _longest(word["increase"] + word["decrease"]) + 3 \
            + _longest(word["objects"]) + _longest(word["approximate"])
        # What every match ends with: a direction word and what may follow it (the gate of search_tail).
        self.direction_gate = re.compile(
            rf"(?:{direction})了?(?:{_alternation(word['objects'])})?(?:{_alternation(word['approximate'])})?[)）]?\s*$")
        self.direction_gate_reach: int = _longest(word["increase"] + word["decrease"]) + 2 + _longest(word["objects"]) \
            + _longest(word["approximate"])
        self.other_basis = re.compile(_alternation(word["other_basis"]))
        self.undecided = re.compile(rf"(?:{_alternation(word['undecided'])})\s*$")
        self.undecided_reach: int = _longest(word["undecided"])
        self.direction_nouns: tuple[str, ...] = tuple(word["objects"])
        self.direction_lasts: str = _lasts(word["increase"] + word["decrease"] + word["objects"] + word["approximate"]
                                           + ["了", ")", "）"])
        self.undecided_lasts: str = _lasts(word["undecided"])
        flat = data["flat"]
        self.flat = re.compile(rf"(?P<word>{_alternation(flat['words'])})")
        self.flat_firsts: tuple[str, ...] = _firsts(flat["words"])
        self.loose_flat: frozenset[str] = frozenset(flat["loose"])
        comparison = data["comparison"]
        year = rf"\d{{4}}\s*年度?(?:{_alternation(comparison['year_suffixes'])})?"
        bases = rf"{_alternation(comparison['bases'])}|{year}"
        opening, closing = _halves(comparison["frames"])
        # The spaces around a base are taken whole (possessive), so a long run of spaces costs one pass,
        # not one per way of splitting it; the third branch is a base made of spaces alone.
        self.comparison = re.compile(
            rf"(?:{_alternation(comparison['before'])})\s*(?P<base>{bases})(?:{closing})?"
            rf"|(?:{opening})\s*+(?P<base2>{_GAP_PATTERN})\s*+(?:{closing})"
            rf"|(?:{opening})\s++(?:{closing})"
            rf"|(?P<base3>{_alternation(comparison['previous'])})"
        )
        # 与上年的73991万元(同口径)相比: a base figure printed inside a frame's two halves.
        self.frame_base_open = re.compile(rf"(?:{opening})\s*(?P<base>{bases})\s*的?\s*$")
        self.frame_close = re.compile(rf"\s*(?:{_alternation(word['other_basis'])})?\s*(?:{closing})")
        self.previous: frozenset[str] = frozenset(comparison["previous"])
        # The characters a match can open with: a lead holding none of them is not searched (most leads).
        self.comparison_firsts: tuple[str, ...] = _firsts(comparison["before"] + comparison["frames"] + comparison["previous"])
        self.opens_with_comparison = re.compile(
            rf"\s*(?:{_alternation(comparison['before'] + [f.split(GAP)[0] for f in comparison['frames']])})")
        self.comparison_leads: frozenset[str] = frozenset(
            p[0] for p in comparison["before"] + [f.split(GAP)[0] for f in comparison["frames"]])
        share = data["share"]
        words, ratio, suffix = (_alternation(share["words"]), _alternation(share["ratio_words"]),
                                _alternation(share["whole_suffixes"]))
        self.share = re.compile(
            rf"(?:{ratio})\s*(?:为|达|达到|是)?\s*$"
            rf"|(?:{words})(?P<whole>[^，,。；;：:%]{{0,24}}?)(?:的)?(?:{suffix})?(?:为|达|达到|是)?\s*$")
        self.share_words: tuple[str, ...] = tuple(share["words"] + share["ratio_words"])
        self.whole_suffix = re.compile(rf"(?:的)?(?:{suffix})$")
        self.shares_after = re.compile(
            rf"[，,]?\s*(?:分别)?(?:{ratio}|{words})(?P<whole>[^，,。；;：:%\d]{{0,24}}?)(?:的)?(?:{suffix})?"
            rf"(?:分别)?(?:为|是)?(?:分别为)?\s*(?=\d)")
        completion = data["completion"]
        opening, closing = _halves(completion["frames"]) if completion["frames"] else ("(?!)", "(?!)")
        self.completion = re.compile(
            rf"(?:{opening})(?P<whole>[^，,。；;：:%\d]{{0,16}}?)(?:{closing})?\s*(?:为|达|达到)?\s*$"
            rf"|(?P<rate>{_alternation(completion['rate_words'])})\s*(?:为|是|达|达到)?\s*$")
        self.budgets: frozenset[str] = frozenset(completion["budgets"])
        # 占年初预算2180万元的44.5%, 为全年预算46908万元的80.43%: the figure is the whole of the rate after 的.
        openers = [f.split(GAP)[0] for f in completion["frames"]] + share["words"]
        self.whole_before = re.compile(rf"(?:{_alternation(openers)})(?P<label>[^，,。；;：:]{{0,24}})$")
        self.over = re.compile(rf"(?:{_alternation(completion['over'])})\s*$")
        self.under = re.compile(rf"(?:{_alternation(completion['under'])})\s*$")
        self.budget_reach: int = _longest(completion["over"] + completion["under"])
        self.budget_lasts: str = _lasts(completion["over"] + completion["under"])
        lists = data["lists"]
        opens = _alternation(lists["open"])
        self.open_words: tuple[str, ...] = tuple(lists["open"])
        self.joint_words: tuple[str, ...] = tuple(lists["joint"])
        self.joint_halves: tuple[str, ...] = tuple(lists["joint_halves"])
        # 收、支总计: the joint word printed with a 、 between its halves' first characters, read as one word
        # (the same length, so offsets hold).
        self.joint_split: tuple[tuple[str, str], ...] = tuple(
            (f"{w[0]}、{w[1:]}", f"{w} ") for w in lists["joint"] if len(w) >= 2)
        self.open_parts = re.compile(rf"(?:{opens})\s*[:：,，]?\s*")
        self.includes_after_figure = re.compile(rf"\s*[,，]\s*(?:{_alternation(lists['includes'])})\s*[:：]?")
        # 上级补助300500万元,其中:…: a list word right after an amount (a comma between) opens its breakdown.
        self.opens_after_figure = re.compile(rf"\s*[,，]\s*(?:{opens})\s*[:：]")
        # 其中： ending a sentence after its last amount (numbered sentences follow, one part each); 其中：1、
        # opening a numbered list inside one; 其中： a sentence of its own.
        self.opens_numbered = re.compile(rf"万?元\s*[,，]?\s*(?:{opens})\s*[:：]\s*$")
        self.opens_first_item = re.compile(rf"(?:{opens})\s*[:：]\s*(?:[(（]?1[)）、.．]|[(（]一[)）]|一、)")
        self.opens_alone = re.compile(rf"\s*(?:{opens})\s*[:：]\s*")
        self.change_parts = re.compile(rf"(?:{_alternation(lists['change_parts'])})(?!原因)")
        self.intro_words: tuple[str, ...] = tuple(lists["intro"])
        self.composition_words: tuple[str, ...] = tuple(lists["composition"])
        # A character every one of the words holds: a sentence without it (most) is not scanned for each word.
        self.intro_gate: str = _shared_char(lists["intro"])
        self.composition_gate: str = _shared_char(lists["composition"])
        self.whole_endings: tuple[str, ...] = tuple(lists["whole_endings"])
        self.shared_endings: tuple[str, ...] = tuple(lists["shared_endings"])
        self.whole_openers: tuple[str, ...] = tuple(lists["whole_openers"])
        self.listed_total = re.compile(_alternation(lists["listed_totals"]))
        self.joined_words: tuple[str, ...] = tuple(data["share"]["joined"])
        self.joined_share = re.compile(rf"(?P<count>[两二三四五六七八九2-9])\s*(?:{_alternation(data['share']['joined'])})")
        self.remainders: tuple[str, ...] = tuple(lists["remainders"])
        self.remainder_nouns: frozenset[str] = frozenset(lists["remainder_nouns"])
        self.complements: tuple[tuple[str, str], ...] = tuple(
            (pair.split(GAP)[0], pair.split(GAP)[1]) for pair in lists["complements"])
        self.composition = re.compile(rf"(?P<label>[^，,。；;：:]{{1,40}}?)(?:{_alternation(lists['composition'])})")
        self.list_intro = re.compile(rf"(?P<label>[^，,。；;：:]{{0,40}}?)(?:{_alternation(lists['intro'])})")
        self.respectively = re.compile(_alternation(lists["respectively"]))
        self.positional_first_chars: str = _first_chars(lists["respectively"] + lists["each"])
        self.each = re.compile(rf"(?:{_alternation(lists['each'])})(?P<word>{direction})")
        # 各增加x、y，(分别)增长a%、b%: the rates right after a respective list pair with it by position, 分别 or not.
        self.rates_after = re.compile(rf"[，,]?\s*(?:分别|各)?(?P<word>{direction})")
        self.word_after = re.compile(rf"[，,]\s*(?P<word>{direction})\s*-?\d")
        self.name_separator = re.compile(_alternation(lists["separators"]))
        self.bracket_parts: tuple[str, ...] = tuple(lists["bracket_parts"])
        self.closes_list = re.compile(rf"^\s*(?:{_alternation(lists['close'])})")
        self.besides: tuple[str, ...] = tuple(lists["besides"])
        self.names_total = re.compile(_alternation(lists["totals"]))
        self.offset_part = re.compile(_alternation(lists["offsets"]))
        self.list_separator = " ,，" + "".join(sorted({c for s in lists["separators"] for c in s}))
        self.plural_tail = re.compile(rf"(?:{_alternation(word['before'][:3] + ['均'])})$")
        self.reason_start = re.compile(_alternation(data["reason"]["start"]))
        self.uses: frozenset[str] = frozenset(data["reason"]["uses"])
        self.reason_firsts: tuple[str, ...] = _firsts(data["reason"]["start"])
        labels = data["labels"]
        self.anaphora: frozenset[str] = frozenset(labels["anaphora"])
        self.label_openings: tuple[str, ...] = tuple(sorted(labels["openings"], key=len, reverse=True))
        self.measure_only: frozenset[str] = frozenset(labels["measure_only"])
        self.structure: frozenset[str] = frozenset(labels["structure"])
        self.self_names: frozenset[str] = frozenset(labels["self_names"])
        self.subjects: frozenset[str] = frozenset(labels["subjects"])
        self.levels: str = "".join(labels["levels"])
        self.bodies: tuple[str, ...] = tuple(labels["bodies"])
        self.basis_endings: tuple[str, ...] = tuple(labels["bases"])
        self.flows: tuple[str, ...] = tuple(labels["flows"])
        self.differences: tuple[str, ...] = tuple(labels["differences"])
        self.part_of_whole: tuple[str, ...] = tuple(labels["part_of_whole"])
        self.bounds_after = re.compile(rf"\s*(?:{_alternation(labels['bounds_after'])})")
        self.from_to = re.compile(rf"\s*(?:{_alternation(labels['from_to'])})")
        self.from_words: tuple[str, ...] = tuple(labels["from"])
        self.from_not: tuple[str, ...] = tuple(labels["from_not"])
        self.approved = re.compile(_alternation(labels["approved"]))
        self.approved_firsts: tuple[str, ...] = _firsts(labels["approved"])
        opening, closing = _halves(labels["subject_frames"]) if labels["subject_frames"] else ("(?!)", "(?!)")
        self.frame_first_chars: str = _first_chars(labels["subject_frames"] + labels["basis_frames"])
        basis_open, basis_close = _halves(labels["basis_frames"]) if labels["basis_frames"] else ("(?!)", "(?!)")
        self.basis_frame = re.compile(rf"\s*(?P<basis>(?:{basis_open})[^，,。；;：:]{{1,30}}?(?:{basis_close}))\s*[,，:：]")
        self.subject_frame = re.compile(rf"\s*(?:{opening})(?P<subject>[^，,。；;：:]{{2,30}}?)(?:{closing})\s*[,，:：]")
        self.before_measure: frozenset[str] = frozenset(labels["before_measure"])
        measures = data["measures"]
        self.initial_words: tuple[str, ...] = tuple(measures["initial"])
        self.adjusted_words: tuple[str, ...] = tuple(measures["adjusted"])
        self.heading_outturn: tuple[str, ...] = tuple(measures["heading_outturn"])
        self.heading_initial: tuple[str, ...] = tuple(measures["heading_initial"])
        self.heading_comparing: tuple[str, ...] = tuple(measures["heading_comparing"])
        self.adjusted_to: tuple[str, ...] = tuple(measures["adjusted_to"])
        self.final_words: tuple[str, ...] = tuple(measures["final"])
        self.previous_words: tuple[str, ...] = tuple(measures["previous"])
        self.previous_lasts: str = _lasts(measures["previous"])
        self.current_words: tuple[str, ...] = tuple(measures["current"])
        self.current_firsts: tuple[str, ...] = _firsts(measures["current"])
        self.carried_words: tuple[str, ...] = tuple(measures["carried"])
        self.part_periods: tuple[str, ...] = tuple(measures["part_periods"])
        self.executed_words: tuple[str, ...] = tuple(measures["executed"])
        self.budget_words: tuple[str, ...] = tuple(measures["budget"])
        # 三公经费预算(数)为x: a figure the clause calls a budget.
        self.budget_label = re.compile(rf"(?:{_alternation(measures['budget'])})(?:数|总额)?\s*(?:为|是|安排)?\s*$")
        # A clause naming a measure (预算, 决算, 执行数): the same item's figure in another measure.
        self.measure_word = re.compile(_alternation(measures["budget"] + measures["final"] + measures["executed"]))
        self.stretch_first_chars: str = "0123456789" + _first_chars(measures["stretches"] + measures["current"])
        # A sentence opening with a stretch of the year: months (5月份, 1-5月, 今年1月至6月) or a named one (上半年).
        self.stretch = re.compile(
            rf"\s*(?:{_alternation(measures['current'])})?\s*(?P<stretch>(?:\d{{1,2}}\s*(?:月份?)?\s*[-—–~至到]\s*)?\d{{1,2}}\s*月(?:份)?"
            rf"|{_alternation(measures['stretches'])})"
            rf"\s*(?:以来)?\s*[,，:：]")
        points = data["points"]
        # The text between the other percentage and the points: a closing bracket, 的, a word of direction.
        self.points_gap = re.compile(
            rf"\s*\)?\s*的?\s*(?:(?P<up>{_alternation(points['higher'])})|(?P<down>{_alternation(points['lower'])}))?"
            rf"\s*了?\s*")
        # The comparison opening the other percentage's clause, and the label of what is compared with.
        self.points_compare = re.compile(
            rf"(?P<prefix>[^，,；;。]*?)(?:(?P<neutral>{_alternation(points['compare'])})"
            rf"|(?P<up>{_alternation(points['higher_than'])})|(?P<down>{_alternation(points['lower_than'])}))"
            rf"(?P<label>[^，,；;。:%\d]{{0,30}}?)\(?\s*")
        self.rate_nouns: tuple[str, ...] = tuple(points["rate_nouns"])
        self.point_adverbs: tuple[str, ...] = tuple(points["adverbs"])
        annual = data["annual"]
        self.annual_words: tuple[str, ...] = tuple(annual["words"])
        self.annual_rate = re.compile(rf"(?:{_alternation(annual['words'])})\s*(?:为|达|了)?\s*$")
        self.growth_since = re.compile(
            rf"(?:{_alternation(annual['since'])})\s*(?P<year>(?:19|20)\d{{2}})\s*年度?\s*"
            rf"(?:{_alternation(word['increase'])})了?\s*$")
        savings = data["savings"]
        self.savings_before: tuple[str, ...] = tuple(savings["before"])
        self.savings_after: tuple[str, ...] = tuple(savings["after"])
        self.savings_less: tuple[str, ...] = tuple(savings["less"])
        self.savings_rates: tuple[str, ...] = tuple(savings["rates"])
        products = data["products"]
        self.product_units: frozenset[str] = frozenset(products["units"])
        self.product_bounds: tuple[str, ...] = tuple(products["bounds"])
        self.product_amounts: tuple[str, ...] = tuple(products["amounts"])
        names = data["names"]
        # 10个，即…: a count, what it counts (no clause break), the intro; the names follow.
        self.named_count = re.compile(
            rf"(?P<noun>[^，,。；;：:、\d]{{0,12}}?)[，,]?\s*"
            rf"(?:{_alternation(names['intro'])})\s*[:：]?\s*")
        self.named_count_units: tuple[str, ...] = tuple(names["units"])
        self.names_partial: tuple[str, ...] = tuple(names["partial"])
        self.names_others: tuple[str, ...] = tuple(names["others"])
        self.name_joins = re.compile(_alternation(names["conjunctions"]))
        self.own_count = re.compile(rf"(?:\d+|[一二两三四五六七八九十]+)\s*(?:{_alternation(names['own_counts'])})\s*$")
        self.funds: tuple[str, ...] = tuple(data["title"]["funds"])
        self.final_body: tuple[str, ...] = tuple(data["title"]["final_body"])
        self.title_line = re.compile(rf"{_alternation(data['title']['words'])}|(?:19|20)\d{{2}}\s*年")
        self.own_scope = re.compile(
            rf"(?:{_alternation(data['title']['own_scope_intro'])})[^，,。；;：:\n]{{0,40}}?"
            rf"(?P<year>(?:19|20)\d{{2}})\s*年度?\s*(?:{_alternation(data['title']['own_scope'])})")


def _shared_char(words: list[str]) -> str:
    """A character every word holds ("" for none): the last such one of the first word."""
    shared = [ch for ch in (words[0] if words else "") if all(ch in word for word in words)]
    return shared[-1] if shared else ""


def holds_any_gated(text: str, gate: str, words: tuple[str, ...]) -> bool:
    """holds_any, looked for only when text holds `gate`, a character every word holds ("": always looked for)."""
    return (not gate or gate in text) and holds_any(text, words)


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether text holds one of the words: a loop, where a generator in any() costs the compiled
    build a call per word."""
    for word in words:
        if word in text:
            return True
    return False


def parse_words(text: str, file: str = "words.toml") -> Words:
    """Check the words file and build its patterns; a WordsError names the file and line of a fault."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise WordsError(f"{file}: {error}") from None
    data: dict[str, dict[str, list[str]]] = {}
    for section, value in raw.items():
        if section not in SCHEMA:
            raise _fail(file, text, f"[{section}]", f"unknown section [{section}] (known: {', '.join(SCHEMA)})")
        if not isinstance(value, dict):
            raise _fail(file, text, section, f"{section} must be a table of phrase lists")
    for section, keys in SCHEMA.items():
        table = raw.get(section, {})
        data[section] = {}
        for key, value in table.items():
            if key not in keys:
                raise _fail(file, text, f"{key} =", f"[{section}] has no key {key!r} (known: {', '.join(keys)})")
            if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
                raise _fail(file, text, f"{key} =", f"[{section}] {key} must be a list of strings")
            for phrase in value:
                where = f'"{phrase}"' if phrase else f"{key} ="
                if not phrase and (section, key) not in _MAY_BE_EMPTY:
                    raise _fail(file, text, where, f"[{section}] {key}: an empty phrase")
                if GAP in phrase and not keys[key]:
                    raise _fail(file, text, where, f"[{section}] {key}: {phrase!r} holds the gap marker …, "
                                "which only a frame may")
                if keys[key] and (phrase.count(GAP) != 1 or phrase.startswith(GAP) or phrase.endswith(GAP)):
                    raise _fail(file, text, where, f"[{section}] {key}: {phrase!r} must be two halves around one …")
                if normalise(phrase) != phrase:
                    raise _fail(file, text, where, f"[{section}] {key}: write {phrase!r} as the normalised text "
                                f"reads it: {normalise(phrase)!r}")
            data[section][key] = list(value)
        for key in keys:
            data[section].setdefault(key, [])
    return Words(data)


@lru_cache(maxsize=1)
def default_words() -> Words:
    text = resources.files("budgetaudit.rules").joinpath("words.toml").read_text(encoding="utf-8")
    return parse_words(text, "words.toml")
