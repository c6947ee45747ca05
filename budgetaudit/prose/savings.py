"""An amount before, the amount after, their difference and its rate, in one sentence: 送审金额115991万元，审定金额
97219万元，审减金额18906万元，审减率16.39% (财政投资评审), 采购预算金额…，实际采购金额…，节约金额…，资金节约率… (政府采购).

The before amount is the sum of the after amount and the difference (a complete sum, judged like any other),
and the rate is the difference's share of the before amount. Each role is read from the clause naming its
figure (rules/words.toml [savings]); a sentence naming a role twice, or missing one of the amounts, is not read."""

from __future__ import annotations

from ..concepts import clean_label
from ..document import Fact, Key, Share, SumGroup
from ..words import holds_any
from .state import WORDS, Item, tail_clause


def savings(text: str, start: int, items: list[Item], measure: str) -> tuple[SumGroup, Share | None] | None:
    roles: dict[str, list[tuple[Item, str]]] = {"before": [], "after": [], "less": [], "rate": []}
    previous_end = start
    for item in items:
        clause = tail_clause(text[previous_end : item.start])
        previous_end = item.end
        quantity = item.figure.quantity
        if quantity == "percent":
            if holds_any(clause, WORDS.savings_rates):
                roles["rate"].append((item, clause))
        elif quantity == "money":
            if holds_any(clause, WORDS.savings_rates):
                continue
            if holds_any(clause, WORDS.savings_less):
                roles["less"].append((item, clause))
            elif holds_any(clause, WORDS.savings_after):
                roles["after"].append((item, clause))
            elif holds_any(clause, WORDS.savings_before):
                roles["before"].append((item, clause))
    if len(roles["before"]) != 1 or len(roles["after"]) != 1 or len(roles["less"]) != 1 or len(roles["rate"]) > 1:
        return None

    def fact(role: str) -> Fact:
        item, clause = roles[role][0]
        label = clean_label(clause) or role
        key = Key(f"label:{label}", "current", measure, "all", "money")
        return Fact(key, label, item.figure, "prose", "statement")

    before, after, less = fact("before"), fact("after"), fact("less")
    group = SumGroup(before, [after, less], "parts", complete=True)
    share = Share(less, roles["rate"][0][0].figure, before, before.label) if roles["rate"] else None
    return group, share
