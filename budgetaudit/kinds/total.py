"""Parts add up to their total.

mode = "partition": the parts are every member of a partition declared in
rules/concepts.toml (or a table's declared structure), so the total must equal
their sum. mode = "subset": a 其中 list may name only some parts, so they may
not exceed the total.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Final

from ..concepts import default_dictionary
from ..document import Document
from ..figures import exact_operand
from ..relations import Outcome, judge, judge_at_most, total
from ..slips import transposed_digits
from ..words import default_words
from .operands import figure_of, operand

if TYPE_CHECKING:
    from ..engine import Reporter


WORDS: Final = default_words()
DICTIONARY: Final = default_dictionary()

PARAMS: Final = {"groups": (list, ["parts"]), "mode": (str, "partition")}
PLACEHOLDERS: Final = {"label", "stated", "expected", "parts", "why", "gap"}


def check(rule, document: Document, reporter: Reporter) -> None:
    mode = rule.params.get("mode", "partition")
    kinds = rule.params.get("groups", ["parts"])
    nil = _nil_statements(document)
    for group in document.sums:
        # 三公经费31.23万元，其中接待1.58万元、运行28.91万元、出国0万元 … 无新购车辆: the members a list leaves out, each
        # stated nil in words elsewhere, make it every member: its parts then give the total exactly (a partition).
        zeros = _completed_by_zeros(nil, group) if nil and group.kind == "parts" and not group.complete else None
        if group.kind == "offset" and "parts" in kinds and group.parts and mode == "subset":
            reporter.unchecked(rule.code, "offset_part", [group.total] + list(group.parts), label=group.total.label)
            continue
        if group.kind not in kinds or not group.parts:
            continue
        if mode == "partition" and not group.complete and zeros is None:
            continue
        if mode == "subset" and (group.complete or zeros is not None or any(p.figure.sign < 0 for p in group.parts)):
            continue
        if mode == "subset" and group.total.label.endswith(WORDS.differences):
            # 预计短收69190万元，其中税收收入短收76180万元: parts of a shortfall may exceed it (another part over).
            reporter.unchecked(rule.code, "difference_whole", [group.total] + list(group.parts), label=group.total.label)
            continue
        if mode == "subset" and group.kind == "parts" and not group.total.key.known and group.total.origin == "prose" \
                and group.total.sentence != group.parts[0].sentence and not all(p.key.known for p in group.parts) \
                and WORDS.names_total.search(group.total.label) is None:
            # …一举跨过300亿。…其中…分别为262.5亿元、…: a 其中 opening a sentence points back at a figure of an
            # earlier one; where neither it nor the parts name an item the dictionary knows, nor its label a total
            # (预算总收入), nothing says the list breaks that figure down: not judged.
            reporter.unchecked(rule.code, "unknown_whole", [group.total] + list(group.parts), label=group.total.label)
            continue
        stated = group.total
        inputs = [operand(p) for p in group.parts]
        if zeros:
            inputs += [exact_operand(Fraction(0)) for _ in zeros]
        if mode == "partition":
            judgement = judge(total, [1] * len(inputs), inputs, operand(stated))
        else:
            judgement = judge_at_most(inputs, operand(stated))
        repeated = _repeated_unknown_label(group.parts) if judgement.outcome is Outcome.INCONSISTENT else ""
        if repeated:
            # 其中，因公出国(境)费2.94亿元，镌汰3.7亿元；公务用车购置及运行费24.72亿元，镌汰18.89亿元: one unknown word
            # labelling a figure after each item makes the list pairs (an item and its change), not parts.
            reporter.unchecked(rule.code, "repeated_label", [group.total] + list(group.parts), label=group.total.label,
                               part=repeated)
            continue
        parts = list(group.parts) + list(zeros or ())
        if mode == "subset" and judgement.outcome is Outcome.INCONSISTENT:
            outer = _outer_parts(parts)
            if len(outer) < len(parts):
                # 其中：国家财政性教育经费x，一般公共预算教育经费y: one item at two nested fund scopes, the second inside
                # the first, so only the wider counts towards the bound.
                parts, inputs = outer, [operand(p) for p in outer]
                judgement = judge_at_most(inputs, operand(stated))
        if mode == "subset" and judgement.outcome is Outcome.INCONSISTENT and len(parts) > 1 \
                and _listed_total_follows(document, group):
            # The list may end after its first part: only that part is bound by the total.
            parts, inputs = parts[:1], inputs[:1]
            judgement = judge_at_most(inputs, operand(stated))
            if judgement.outcome is not Outcome.INCONSISTENT:
                reporter.unchecked(rule.code, "list_extent", [stated] + list(group.parts), label=stated.label)
                continue
        if mode == "subset" and judgement.outcome is Outcome.INCONSISTENT and group.kind != "numbered" \
                and _ends_earlier(document, group, inputs, stated):
            # 969万元，其中A866万元、B35万元、C68万元；完成D支出4093万元: where the first items already give
            # the total, the list may end there (charitable reading): one reading agrees, so no error. A numbered
            # list (其中：, then 1.… 2.… 3.… each a sentence) says where it ends.
            reporter.unchecked(rule.code, "list_extent", [stated] + parts, label=stated.label)
            continue
        hint = ""
        reversed_at: tuple[int, int] | None = None
        if judgement.outcome is Outcome.INCONSISTENT and judgement.printed is not None:
            figure = figure_of(stated)
            if transposed_digits(figure, judgement.printed):
                hint = reporter.hint("transposed", stated=figure.text, expected=figure.format(judgement.printed))
            elif group.kind == "changes":
                for part in parts:
                    flipped = judgement.printed - 2 * part.figure.base_value
                    if flipped == figure.base_value:
                        hint = reporter.hint("flipped", part=part.label)
                        reversed_at = (part.span.line, part.span.column)
            if not hint:
                for before, after in zip(parts, parts[1:]):
                    # (1 and 1, 2台 and 2台: small counts repeat by chance; a copied amount has digits to copy)
                    if before.figure.value == after.figure.value and sum(c.isdigit() for c in before.figure.text) >= 3:
                        hint = reporter.hint("neighbour", label=after.label, other=before.label)
                        break
        if group.kind == "changes":
            # A change's parts are signed: 基本支出增加654万元 + 项目支出减少1994.21万元.
            listed = " + ".join(reporter.hint("change_up" if p.figure.value >= 0 else "change_down", label=p.label,
                                              amount=p.figure.text) for p in parts)
        else:
            listed = " + ".join(f"{p.key.concept}0（{p.label}）" if p.label == p.figure.span.text else
                                f"{p.label}{p.figure.text}" for p in parts)
        values = {"label": stated.label, "parts": listed}
        findings = len(reporter.report.findings)
        reporter.judged(rule, judgement, stated, parts, values, hint)
        if reversed_at is not None and len(reporter.report.findings) > findings:
            reporter.report.findings[-1].reversed_at = reversed_at


_AGREE: Final = (Outcome.EXACT, Outcome.ROUNDING)


_SCOPE_WIDTH: Final = {"all": 0, "fiscal": 1}  # the narrower scopes (general, fund, capital) lie inside fiscal


def _outer_parts(parts: list) -> list:
    """The parts without those that name the same item as another at a narrower fund scope (the same name after
    two scope prefixes: 国家财政性教育经费 holds 一般公共预算教育经费)."""
    prefixes = DICTIONARY.scope_prefixes()
    by_name: dict[str, list[tuple[int, int]]] = {}  # the name after the prefix -> (width, index) of each part
    for index, part in enumerate(parts):
        for prefix in prefixes:
            if part.label.startswith(prefix) and len(part.label) > len(prefix):
                width = _SCOPE_WIDTH.get(DICTIONARY.scopes[prefix], 2)
                by_name.setdefault(part.label[len(prefix):], []).append((width, index))
                break
    inner: set[int] = set()
    for scoped in by_name.values():
        widest = min(width for width, _ in scoped)
        # Only a strictly wider scope holds a narrower one: 一般公共预算拨款 and 政府性基金预算拨款 lie side by side.
        inner.update(index for width, index in scoped if width > widest)
    return [part for index, part in enumerate(parts) if index not in inner]


def _repeated_unknown_label(parts) -> str:
    """The label of an item the dictionary does not know that two parts of a list share ("" for none)."""
    seen: set[str] = set()
    for part in parts:
        if part.key.known or not part.label:
            continue
        if part.label in seen:
            return part.label
        seen.add(part.label)
    return ""


def _listed_total_follows(document: Document, group) -> bool:
    """Whether a total named so (收入合计为x, 共计x) follows the list's first part in its sentence: 加上级转移支付收入
    1884万元，其中：一般转移支付收入1478万元，上年结转结余60万元，基金调入103万元，收入合计为6449万元 — the figures
    after the first may be terms of that total rather than parts, so where the list ends cannot be told."""
    if group.total.origin != "prose":
        return False
    text = document.source.norm
    start, last = group.parts[0].figure.end, group.parts[-1].figure.end
    stop = text.find("。", last, last + 80)
    found = WORDS.listed_total.search(text, start, stop if stop >= 0 else min(len(text), last + 80))
    return found is not None and any(ch.isdigit() for ch in text[found.end() : found.end() + 6])


def _ends_earlier(document: Document, group, inputs: list, stated) -> bool:
    """Whether the first two or more parts of a list read from the narrative add up to its total."""
    if group.total.origin != "prose" or len(inputs) < 3:
        return False
    first = 2
    if group.total.key.quantity.startswith("count:") and _declared_members(group):
        # 实有人数157人，其中在职157人，离休0人，退休81人: exclusive categories say where the list ends. Set apart by
        # semicolons (其中：在职8人；离休1人；退休27人) the later ones may stand beside the total, even after the first.
        if not _semicolon_between(document, group.parts[0], group.parts[-1]):
            return False
        first = 1
    whole = operand(stated)
    return any(judge(total, [1] * k, inputs[:k], whole).outcome in _AGREE for k in range(first, len(inputs)))


def _semicolon_between(document: Document, first, last) -> bool:
    text = document.source.norm
    return any(text.find(mark, first.figure.end, last.figure.start) >= 0 for mark in "；;")


def _declared_members(group) -> bool:
    """Whether every part is a member of one partition the dictionary declares for the total."""
    total = group.total.key.concept.rpartition("@")[2]
    parts = {p.key.concept.rpartition("@")[2] for p in group.parts}
    return any(parts <= members for members in DICTIONARY.partition_members(total))


def _nil_statements(document: Document) -> dict[str, list]:
    """Every fact of each concept stated nil in words somewhere (无新购车辆); most documents state none."""
    if not document.nil_statements:
        return {}
    concepts = {f.key.concept for f in document.nil_statements}
    out: dict[str, list] = {}
    for fact in document.facts:
        if fact.key.concept in concepts:
            out.setdefault(fact.key.concept, []).append(fact)
    return out


def _completed_by_zeros(nil: dict[str, list], group) -> list | None:
    """The nil statements (无新购车辆) of the members of a declared partition of the total that the list leaves
    out, when each is so stated for the same year and measure and nowhere stated otherwise; else None."""
    total = group.total.key
    listed = {p.key.concept for p in group.parts}
    for members in DICTIONARY.partition_members(total.concept):
        missing = members - listed
        if not missing or not listed <= members or not all(c in nil for c in missing):
            continue
        facts = [f for c in missing for f in nil[c]]
        if all(f.figure.value == 0 and f.label == f.figure.span.text and f.key.period == total.period
               and f.key.measure == total.measure for f in facts):
            return [next(f for f in nil[c]) for c in sorted(missing)]
    return None
