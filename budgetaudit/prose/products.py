"""A quantity, the standard paid for each of its units and the amount paid, in one sentence: 补贴面积160118.88亩，
按照每亩补贴91.07元的标准，共计发放补贴资金1458.32万元. The amount is the quantity times the standard.

The standard is the first amount in 元 after 每 and a unit (rules/words.toml [products]), with no figure between;
the quantity is the one figure of that unit before it; the amount is the first amount of money after the standard
whose clause says it is paid or in all (rules/words.toml [products] amounts).
A sentence with two quantities of the unit, two standards, or a standard for a span of time or a bound is not read."""

from __future__ import annotations

from ..concepts import clean_label
from ..document import Product
from ..words import holds_any
from .state import WORDS, Item, tail_clause

_REACH = 12  # characters between 每+unit and the standard's figure (按照每亩补贴, 标准每亩按照)


def products(text: str, start: int, items: list[Item]) -> list[Product]:
    at = text.find("每", start, items[-1].start)
    if at < 0 or text.find("每", at + 1, items[-1].start) >= 0:
        return []  # no standard, or several (每人每月)
    unit = next((u for u in WORDS.product_units if text.startswith(u, at + 1)), None)
    if unit is None:
        return []
    after = [i for i in items if i.start > at]
    if not after or after[0].figure.unit != "元" or after[0].start - at > _REACH:
        return []
    standard = after[0]
    if holds_any(text[max(start, at - 4) : standard.end + 6], WORDS.product_bounds):
        return []
    quantities = [i for i in items if i.figure.unit == unit]
    # The amount paid: the first amount whose clause says it is paid or in all (共计发放, 发放补贴资金, 共需资金), never
    # a part of the standard listed after it (每亩100元，其中中央资金60元、省级资金40元，共计发放10万元).
    amounts = []
    previous = standard.end
    for item in after[1:]:
        clause = tail_clause(text[previous : item.start])
        previous = item.end
        if item.figure.quantity == "money" and holds_any(clause, WORDS.product_amounts) \
                and not holds_any(clause, WORDS.open_words):
            amounts.append((item, clause))
            break
    if len(quantities) != 1 or quantities[0].start > at or not amounts:
        return []
    amount, clause = amounts[0]
    if amount.figure.sign <= 0 or standard.figure.sign <= 0 or quantities[0].figure.sign <= 0:
        return []
    label = clean_label(clause.lstrip("的标准，, ").removeprefix("共计").removeprefix("合计").removeprefix("总计")
                        .removeprefix("共")) or "金额"
    return [Product(quantities[0].figure, standard.figure, amount.figure, label, unit)]
