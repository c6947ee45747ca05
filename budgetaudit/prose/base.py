"""The narrative reader's foundation: the figures of a stretch of text and the key (concept, period,
measure, scope) a label gives a figure."""

from __future__ import annotations

import re
from typing import Final

from ..concepts import Dictionary, clean_label
from ..document import Document, Fact, Key, SumGroup
from ..figures import NUMBER_RE, Figure, figure_at, parse_number, unit_after
from ..sentences import is_not_a_figure, prose_mask
from ..source import Source, Span
from .state import Item, PartConcepts, Positions, State, last_year, quantity_of, tail_clause
from ..words import holds_any, holds_char
from . import state as _state

# Bound here as Final: the compiled build keeps them in C statics, where an imported name is a dict lookup.
GARBLE: Final = _state.GARBLE
BASE_YEAR: Final = _state.BASE_YEAR
LABEL_YEAR: Final = _state.LABEL_YEAR
CLAUSE_BREAK: Final = _state.CLAUSE_BREAK
WORDS: Final = _state.WORDS
YEAR: Final = _state.YEAR
OPENING_YEAR: Final = _state.OPENING_YEAR
_YEAR_LEADS: Final = "0123456789(（一二三四五六七八九十其此另同 \t\n\u3000"


# rules/words.toml [labels] levels and bodies, re-bound as Final names (see docs/architecture.md).
_LEVELS: Final = WORDS.levels
_BODIES: Final = WORDS.bodies
_BASES: Final = WORDS.basis_endings
_FLOWS: Final = WORDS.flows

_MONEY: Final = ("元", "万元", "亿元")
# Between a change amount and a bare number: the word of a rate (增加53.23万元、增长3.14，).
_LOST_PERCENT: Final = re.compile(r"\s*[、，,]?\s*(?:同比)?(?:增长|下降|降低|上升|增幅为?|降幅为?)\s*")
_CLAUSE_ENDS: Final = "，,。；;、)）"

class ReaderBase:
    def __init__(self, source: Source, document: Document, dictionary: Dictionary):
        self.source = source
        self.doc = document
        self.dictionary = dictionary
        table_lines = frozenset(
            line for table in document.tables for line in range(table.first_line - 1, table.last_line)
        )
        masked, self.page_lines = prose_mask(source, table_lines)
        for split, joined in WORDS.joint_split:
            masked = masked.replace(split, joined)
        # 預(yù)算: pinyin a web page inserted after characters is left out of the text the reader walks, so
        # words stay whole; `orig` maps each offset of that text back to the file (None: nothing left out).
        self.orig: list[int] | None = None
        if GARBLE.search(masked) is not None:
            masked, self.orig = _without_garble(masked)
        self.text = masked
        # In a document of unknown kind every figure has the document's own measure ("stated").
        self.measure = {"budget": "budget", "final_account": "final"}.get(document.kind, "stated")
        self.list_whole = ""
        self.list_whole_fact: Fact | None = None
        self.section_scope = "all"  # fund scope named by the current section heading
        self.heading_scopes: dict[int, str] = {}  # the scope of the current heading at each level (一、 (一) 1.)
        self.heading_measures: dict[int, str] = {}  # the measure a heading at each level names ("" for none)
        self.frame_measure = ""  # the measure the current headings name (年初预算草案 in a 决算), or ""
        self.in_list = False
        self.numbered: SumGroup | None = None  # the total a sentence ending with 其中： opened for numbered parts
        self.numbered_by_period: dict[str, SumGroup] = {}  # lists a 其中：1、 sentence opened, by their total's year
        self.next_mark: tuple[str, int] = ("", 0)  # 其中：(一)…: the next item's mark, (二), read as an item, not a heading
        self.entities: dict[str, str] = {}  # the last subject named at each level (市, 县, 区 …), for 全市
        self.frame_entity = ""  # the subject an opening 在…上 named, until a heading or another frame
        self.sentence_stretch = ""  # the months or quarter the sentence opens with (5月份，1-5月，一季度，上半年)
        self.sentence_approved = False  # the sentence opens 县人大批准的年初预算为：, before its first figure
        self.stretch_line = -1  # the line the last stretch opened on: the sentences after it there share it
        self.line_base: tuple[tuple[str, str], int] | None = None  # a comparison opening a sentence, and its line
        self.frame_basis = ""  # the basis an opening 剔除…后 named, until a heading or another frame
        self.composition: tuple[int, str] = (-1, "")  # where 本年收入的具体构成为 ends in the sentence, and its whole
        self.line_entity: tuple[int, str] = (0, "")  # the subject a line opens with: its other figures are that subject's
        self.keyed_line = 0  # the line of the last figure given a key
        self.sentence_start = 0  # where the sentence being read starts in the walked text
        self.sentence_years: list[tuple[int, str]] = []  # where its stretches that open with a year start
        self.sentence_entity: tuple[int, str] = (-1, "")  # the subject the sentence opens with, by its start
        self._cursor = 0  # offset of the current lead, for the spans of direction words
        self._item_start = 0  # offset of the figure being placed (positional lists are keyed by it)
        self._placed = False  # whether the last direction word read made a change (a base was found)
        self._parents: dict[str, frozenset[str]] = {}
        # The document's facts by label and concept (brought up to date when a named whole is resolved),
        # so a sentence of many 占X的r% does not scan every fact for each.
        self._facts_index = Positions()
        self._part_concepts: dict[int, PartConcepts] = {}  # by id of the group (which it holds)

    def items(self, start: int, end: int) -> list[Item]:
        text = self.text
        # [start, number end, unit, unit end] of every number; Figures are built only for those
        # that end up with a unit (most numbers of a sentence have none and are dropped).
        found: list[list] = []
        for m in NUMBER_RE.finditer(text, start, end):
            number_start, number_end = m.span()
            if is_not_a_figure(text, number_start, number_end) or parse_number(m.group()) is None:
                continue
            unit, unit_end = unit_after(text, number_end)
            if unit_end > end:
                unit = None
            found.append([number_start, number_end, unit, unit_end if unit else None])
        # A unit printed once after a list (4125.49、4143.91万元) belongs to every number of it.
        for i in range(len(found) - 2, -1, -1):
            item, following = found[i], found[i + 1]
            if item[2] is None and following[2] is not None:
                gap = text[item[1] : following[0]]
                if gap.strip(" ,，、和及与") == "" and gap.strip(" ") != "":
                    item[2] = following[2]
                elif gap.lstrip(" ").startswith((",", "，")) and gap.strip(" ,，") in WORDS.current_words:
                    item[2] = following[2]  # 上年2709.16，本年2845.20元: the unit printed once for the pair
        # 增加53.23万元、增长3.14，: a rate right after its change amount whose % the page lost is still a rate.
        for i in range(1, len(found)):
            item, before = found[i], found[i - 1]
            if item[2] is None and before[2] in _MONEY and "." in text[item[0] : item[1]] \
                    and _LOST_PERCENT.fullmatch(text, before[3], item[0]) is not None \
                    and (item[1] >= len(text) or text[item[1]] in _CLAUSE_ENDS):
                item[2], item[3] = "%", None
        out: list[Item] = []
        myriad: list | None = None  # 2兆8,818億元: the number before 兆 (10^12), read with the 亿 that follows it
        for number_start, number_end, found_unit, found_end in found:
            if found_unit is None:
                myriad = [number_start, number_end] if text.startswith("兆", number_end) else None
                continue
            if self.orig is not None:
                figure = figure_at(self.source, self.at(number_start), self.at(number_end), found_unit,
                                   self.at(found_end) if found_end is not None else None)

            else:
                figure = figure_at(self.source, number_start, number_end, found_unit, found_end)
            if figure is None:
                continue
            if myriad is not None and myriad[1] + 1 == number_start and found_unit in ("亿元", "亿") \
                    and figure.value < 10000 and self.orig is None:
                leading = parse_number(text[myriad[0] : myriad[1]])
                if leading is not None and leading[1] == 0:
                    value = leading[0] * 10000 + figure.value
                    figure = Figure(value, figure.decimals, found_unit, self.source.span(myriad[0], figure_end(figure, found_end)),
                                    myriad[0], number_end)
                    number_start = myriad[0]
            myriad = None
            last = out[-1] if out else None
            if last is not None and last.figure.unit == "亿" and last.end == number_start and found_unit in ("万元", "万") \
                    and figure.value < 10000 and last.figure.decimals == 0 and self.orig is None:
                # 77亿876.09万元: one amount written in two units, read as one figure of the smaller.
                value = last.figure.value * 10000 + figure.value
                whole = Figure(value, figure.decimals, "万元", self.source.span(last.start, figure_end(figure, found_end)),
                               last.start, number_end)
                out[-1] = Item(whole, last.start, found_end if found_end is not None else number_end, number_end)
                continue
            out.append(Item(figure, number_start, found_end if found_end is not None else number_end, number_end))
        return out

    def own_name(self, name: str) -> bool:
        """Whether a name printed before a year is the disclosing body's own: no name, or one the title's
        entity and it share (the first four characters of either in the other)."""
        name = clean_label(name)
        entity = self.doc.entity.replace(" ", "")
        if not name or name in WORDS.self_names:
            return True
        return bool(entity) and (name[:4] in entity or entity[:4] in name)

    def opening_year(self) -> str:
        """The year that opens the sentence, or the last stretch of it after a semicolon that opens with one, before
        the figure being placed (2022年收入总计…，包括本年收入合计…；2023年…): "" when none does. The stretches that
        open with a year are found once per sentence (`read_years`); most sentences have none."""
        year = ""
        for start, printed in self.sentence_years:
            if start >= self._item_start:
                break
            year = printed
        return year

    def year_of_stretch(self) -> str:
        """The last year printed in this stretch of the sentence (after its last semicolon) before the figure."""
        text = self.text
        start = max(text.rfind("；", self.sentence_start, self._item_start),
                    text.rfind(";", self.sentence_start, self._item_start), self.sentence_start - 1) + 1
        found = ""
        for match in YEAR.finditer(text, start, self._item_start):
            if text[max(start, match.start() - 2) : match.start()].strip()[-1:] not in WORDS.comparison_leads:
                found = match.group(1)  # not a base (比2022年…)
        return found

    def read_years(self, start: int, end: int) -> None:
        """Where each stretch of the sentence [start, end) that opens with a year starts, and the year."""
        text = self.text
        found: list[tuple[int, str]] = []
        while start < end:
            # A year opens a stretch only after a digit, a list number, 其中，… or a space: the match is tried only
            # there, as most stretches open with a word.
            if text[start] in _YEAR_LEADS:
                opening = OPENING_YEAR.match(text, start, end)
                if opening is not None:
                    found.append((start, opening.group(1)))
            full, half = text.find("；", start, end), text.find(";", start, end)
            if full < 0 and half < 0:
                break
            start = (half if full < 0 or 0 <= half < full else full) + 1
        self.sentence_years = found

    def subject_concept(self, label: str) -> str:
        """The concept a label names with its subject (县本级三公经费 → 青河县本级@三公经费 when 青河县本级 was named),
        as key() names it, without changing what the reader remembers; "" when the label names neither."""
        concept, _, entity = self.dictionary.lookup_tail(label, "money", _LEVELS, WORDS.subjects)
        entity = clean_label(entity)
        if concept is None or not entity or entity in WORDS.self_names or entity[-1] not in _LEVELS:
            return ""
        known = self.entities.get(entity[-1], "")
        return f"{known if known.endswith(entity) else entity}@{concept.name}"

    def at(self, offset: int) -> int:
        """The file's offset of an offset in the text the reader walks."""
        return self.orig[offset] if self.orig is not None else offset

    def span(self, start: int, end: int) -> Span:
        return self.source.span(self.at(start), self.at(end))

    def key(self, label: str, figure: Figure, lead: str, scope_hint: str | None = None) -> Key:
        quantity = quantity_of(figure)
        concept, scope = self.dictionary.lookup(label, quantity)
        entity = ""
        if concept is None:
            # 昆明市某局2018年度一般公共预算财政拨款“三公”经费支出: the item is what follows the year; what precedes
            # it names the department, the document's own unless it is another body (农业农村部2020年度…).
            year_at = last_year(label, LABEL_YEAR)
            if year_at is not None and year_at.end() == len(label) and year_at.start() > 0:
                # 公务接待费2016年预算8万元，2015年预算12.5万元: the item, then the year its figure is of.
                concept, scope = self.dictionary.lookup(clean_label(label[: year_at.start()]), quantity)
            elif year_at is not None and year_at.end() < len(label):
                concept, scope = self.dictionary.lookup(clean_label(label[year_at.end():]), quantity)
                if concept is not None and not self.own_name(label[: year_at.start()]):
                    entity = clean_label(label[: year_at.start()])
        if concept is None:
            for opening in WORDS.label_openings:
                if label.startswith(opening) and len(label) > len(opening):
                    concept, scope = self.dictionary.lookup(clean_label(label[len(opening):]), quantity)
                    break  # the longest opening the label starts with
        if concept is None:
            concept, scope, entity = self.dictionary.lookup_tail(label, quantity, _LEVELS, WORDS.subjects)
            entity = clean_label(entity)
        name = concept.name if concept else f"label:{label}"
        named = entity[: entity.rfind("(")] if entity.endswith(")") and "(" in entity else entity
        for word in WORDS.subjects:
            if named.endswith(word) and word[-1] not in _LEVELS and len(named) > len(word) \
                    and named[-len(word) - 1] in _LEVELS:
                # 市本级地方一般公共预算收入: 市本级's 地方 revenue; the subject is 市本级.
                entity = named = named[: -len(word)]
                break
        if entity and (named.endswith(_FLOWS) or not (named[-1:] in _LEVELS or named.endswith(_BODIES)
                                                      or entity in WORDS.subjects or named.endswith(_BASES))):
            entity = ""  # 1-9月一般公共预算收入: a stretch of time, not a subject
        if entity and entity[-1] in _LEVELS and not entity.startswith("全"):
            known = self.entities.get(entity[-1], "")
            if len(known) > len(entity) and known.endswith(entity):
                entity = known  # 红河县本级…。县本级…: the same subject, named shorter
            else:
                self.entities[entity[-1]] = entity  # 忻州市一般公共预算收入…。全市…: 全市 is 忻州市 until another city
        elif entity.startswith("全") and len(entity) >= 2:
            # 全区 (全镇本级) before any district was named is the report's own subject; after one, it is that one.
            entity = self.entities.get(entity[1], "")
        line = figure.span.line  # the line of figure.start, found when its span was made
        first_of_line = line != self.keyed_line
        self.keyed_line = line
        if first_of_line:
            # A line that opens with a subject (阳泉市一般公共预算收入…, 区本级财政收入…) speaks of it; one that names a
            # subject later (…，其中：区级一般公共预算支出…) does not.
            opening = entity or (subject_prefix(label) if concept is None else "")
            self.line_entity = (line, opening if opening not in WORDS.self_names else "")
        elif not entity and self.line_entity[0] == line:
            entity = self.line_entity[1]  # 阳泉市一般公共预算收入33.2亿元。一般公共预算支出执行43.73亿元: still 阳泉市's
        if self.sentence_entity[0] != self.sentence_start:
            # Likewise a sentence (a page flattened into one line holds many): 区本级财政收入…，其中：一般公共预算收入….
            opening = entity or (subject_prefix(label) if concept is None else "")
            self.sentence_entity = (self.sentence_start, opening if opening not in WORDS.self_names else "")
        elif not entity:
            entity = self.sentence_entity[1]
        elif entity in WORDS.subjects and self.sentence_entity[1] and self.sentence_entity[1] not in WORDS.subjects:
            entity = self.sentence_entity[1] + entity  # 南昌县财政总收入38亿元；地方一般公共预算收入21.8亿元: 南昌县's 地方
        if not entity and self.frame_entity:
            entity = self.frame_entity
        if self.sentence_stretch or self.frame_basis:
            # 5月份，全市…支出196344万元。1—5月份，全市…支出1268606万元: a month's figure and the months' are two; so are
            # a figure and the same figure 剔除高新区后.
            entity = self.frame_basis + self.sentence_stretch + entity
        if concept is not None and entity and entity not in WORDS.self_names:
            # 太原市一般公共预算收入, 市本级…, 中央…: a figure of another subject than the department's own (a
            # 汇总 or a government report names several); its concept is qualified by that subject, so figures
            # of different subjects never meet in a comparison.
            name = f"{entity}@{name}"
        if scope == "all":
            scope = scope_hint or self.section_scope
        period = "current"
        # Only the figure's own clause dates it: 与2025年持平；公务接待费1.50万元 is this year's.
        clause = tail_clause(lead)
        if clean_label(clause) not in WORDS.measure_only:
            lead = clause
        year = last_year(lead)  # the year printed nearest the figure dates it
        printed = year.group(1) if year else ""
        if not printed and holds_char(lead, WORDS.current_firsts) and holds_any(lead, WORDS.current_words):
            printed = self.year_of_stretch()  # 2022年收入总计x，包括本年收入合计y: that year's 本年
        if not printed and self.sentence_years:
            # Else the year the sentence, or its stretch after a semicolon, opens with (not across a comparison).
            opening = self.opening_year()
            if opening and not (holds_char(lead, WORDS.comparison_firsts) and WORDS.comparison.search(lead)):
                printed = opening
        if printed and self.doc.year and int(printed) != self.doc.year:
            y = int(printed)
            period = "previous" if y == self.doc.year - 1 else str(y)
        elif printed and not self.doc.year:
            period = printed  # the document's year unknown: a printed year is all we know
        dated = lead
        for carried in WORDS.carried_words:
            dated = dated.replace(carried, "")
        if holds_any(dated, WORDS.previous_words):
            period = "previous"
        measure = self.frame_measure or self.measure
        final = holds_any(lead, WORDS.final_words)
        if not final and (self.sentence_approved or holds_char(lead, WORDS.approved_firsts)
                          and WORDS.approved.search(lead) is not None):
            # 县人大审议通过的…支出, or a sentence opening 县人大批准的年初预算为：: the budget as approved, in any kind of
            # report.
            measure = "initial_budget"
        elif not final and holds_any(lead, WORDS.adjusted_words):
            measure = "adjusted_budget"
        elif not final and holds_any(lead, WORDS.budget_words) and WORDS.budget_label.search(lead) and self.doc.kind != "budget":
            # 三公经费预算11324.44万元 in a 决算 (or a text of unknown kind): the budget, not the outturn.
            measure = "initial_budget" if self.doc.kind == "final_account" else "budget"
        elif holds_any(lead, WORDS.initial_words) and self.doc.kind != "budget":
            measure = "initial_budget"
        return Key(name, period, measure, scope, quantity)

    def heading_measure(self, heading: str) -> str | None:
        """The measure a heading of a 决算 names for the figures under it: the budget as passed or adjusted, the
        outturn ("", the document's own), or None where it names none."""
        if self.doc.kind != "final_account" or holds_any(heading, WORDS.heading_comparing):
            return None  # 支出与年初预算对比情况: a comparison of the two measures names neither
        if holds_any(heading, WORDS.final_words) or holds_any(heading, WORDS.heading_outturn):
            return ""
        if holds_any(heading, WORDS.adjusted_words):
            return "adjusted_budget"
        if holds_any(heading, WORDS.initial_words) or holds_any(heading, WORDS.heading_initial):
            return "initial_budget"
        return None

    def normalise_base(self, base: str) -> str:
        base = base.replace(" ", "")
        if holds_any(base, WORDS.initial_words):
            return "initial_budget"
        if holds_any(base, WORDS.adjusted_words):
            return "adjusted_budget"
        if holds_any(base, WORDS.previous_words) or base in WORDS.previous:
            return "previous"
        year = BASE_YEAR.match(base)
        if year and holds_any(base, WORDS.budget_words) and self.doc.kind == "final_account" and int(year.group(1)) == self.doc.year:
            return "initial_budget"  # 与2021年度预算相比 in the 2021 决算: this year's budget
        if year:
            y = int(year.group(1))
            return "previous" if self.doc.year and y == self.doc.year - 1 else str(y)
        if base.endswith("数") and base[:-1] in WORDS.budget_words and self.doc.kind == "final_account":
            return "initial_budget"
        return f"text:{base}"

    def latest_labelled(self, label: str, state: State) -> Fact | None:
        """The first fact labelled `label` in reversed(state.facts + state.previous)."""
        return (state.facts_index.update(state.facts).latest_label(label)
                or state.previous_index.update(state.previous).latest_label(label))

def figure_end(figure: Figure, unit_end: int | None) -> int:
    """Where a figure's print ends: after its unit when the unit follows it."""
    return unit_end if unit_end is not None and figure.unit else figure.end


def _without_garble(text: str) -> tuple[str, list[int]]:
    """The text with every inserted pinyin left out, and the file offset of each of its offsets."""
    pieces: list[str] = []
    orig: list[int] = []
    done = 0
    for match in GARBLE.finditer(text):
        pieces.append(text[done : match.start()])
        orig.extend(range(done, match.start()))
        done = match.end()
    pieces.append(text[done:])
    orig.extend(range(done, len(text) + 1))
    return "".join(pieces), orig


def subject_prefix(label: str) -> str:
    """The subject a label of an item the dictionary does not know opens with (区本级财政收入 → 区本级): its longest
    start that ends in a level of government and leaves an item named after it; "" for none, or 全区 (the report's)."""
    for at in range(len(label) - 2, 1, -1):  # a subject has two characters at least (国内… names none)
        if label[at - 1] in _LEVELS and not label.startswith("全") and not label[:at].endswith(_FLOWS):
            return label[:at]
    return ""
