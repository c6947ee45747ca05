"""What a sentence states as a whole rather than figure by figure: a count and its names, a yearly rate and its
growth, a saving with its amounts, a quantity paid at a standard for each unit, two percentages and their
difference (names.py, annual.py, savings.py, products.py,
points.py), and the figures of zero it prints as words (无新购公务用车安排)."""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from ..document import Fact, Key
from ..figures import MONEY_UNITS, Figure
from ..words import holds_any
from .annual import annual_growths
from .changes import ChangeReader
from .names import named_counts
from .points import point_changes
from .products import products
from .savings import savings
from .state import Item
from . import state as _state

WORDS: Final = _state.WORDS


class SentenceReader(ChangeReader):
    def sentence_relations(self, s: int, e: int, items: list[Item]) -> None:
        """The relations a sentence states among its figures as a whole (names.py, annual.py, savings.py, points.py).
        Each is looked for only where the sentence holds the figures it needs: counting the items is cheaper
        than searching the sentence for the words."""
        counts = percents = money = points = 0
        for item in items:
            unit = item.figure.unit
            if unit == "%":
                percents += 1
            elif unit in MONEY_UNITS:
                money += 1
            elif unit == "个百分点":
                points += 1
            elif unit in WORDS.named_count_units:
                counts += 1
        text = self.text
        if counts:
            self.doc.named_counts.extend(named_counts(text, s, e, items, self.span))
        if percents >= 2 and holds_any(text[s:e], WORDS.annual_words):
            self.doc.annual_growths.extend(annual_growths(text, s, items, self.doc.year))
        if money >= 2 and text.find("每", s, e) >= 0:
            self.doc.products.extend(products(text, s, items))
        if money >= 3 and holds_any(text[s:e], WORDS.savings_after) and holds_any(text[s:e], WORDS.savings_less):
            found = savings(text, s, items, self.measure)
            if found is not None:
                self.doc.sums.append(found[0])
                if found[1] is not None:
                    self.doc.shares.append(found[1])
        if points and percents >= 2:
            self.doc.points.extend(point_changes(text, s, items, self.span))

    def negations(self, s: int, e: int, sentence: int) -> None:
        """无新购公务用车安排: a figure of zero, printed as words, located at the words."""
        # Most sentences hold none of the phrases: first whether one holds a character they open with (a scan in
        # C per character), then the phrases at once, not one by one.
        text = self.text
        opens = False
        for first in self.dictionary.negation_firsts:
            if text.find(first, s, e) >= 0:
                opens = True
                break
        if not opens or not self.dictionary.negation_phrases.search(text, s, e):
            return
        sentence_text = self.text[s:e]
        for concept_name, phrases in self.dictionary.negations.items():
            concept = self.dictionary.concepts.get(concept_name)
            if concept is None:
                continue
            for phrase in phrases:
                at = sentence_text.find(phrase)
                if at < 0:
                    continue
                start, end = s + at, s + at + len(phrase)
                unit = concept.quantity.split(":", 1)[1] if concept.quantity.startswith("count:") else "万元"
                figure = Figure(Fraction(0), 0, unit, self.span(start, end), self.at(start), self.at(end))
                key = self.key(phrase, figure, sentence_text[:at])
                key = Key(concept_name, key.period, key.measure, key.scope, concept.quantity)
                fact = Fact(key, phrase, figure, "prose", "statement", sentence)
                self.doc.facts.append(fact)
                self.doc.nil_statements.append(fact)
                break
