"""The amount paid at a standard for each unit is the quantity times the standard: 补贴面积160118.88亩，每亩补贴91.07元，
共计发放1458.32万元 (prose/products.py reads the three figures of one sentence)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..document import Document
from ..relations import judge
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final[dict] = {}
PLACEHOLDERS: Final = {"label", "quantity", "unit", "standard", "stated", "expected", "why", "gap"}


def _times(quantity: Fraction, standard: Fraction) -> Fraction:
    return quantity * standard


def check(rule, document: Document, reporter: Reporter) -> None:
    for product in document.products:
        quantity, standard, amount = product.quantity, product.standard, product.amount
        judgement = judge(_times, [1, 1], [operand(quantity), operand(standard)], operand(amount))
        values = {"label": product.label, "quantity": quantity.text, "unit": product.unit, "standard": standard.text}
        reporter.judged(rule, judgement, amount, [quantity, standard], values)
