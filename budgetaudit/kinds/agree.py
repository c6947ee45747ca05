"""The same figure or the same change, stated more than once, agrees with itself.

of = "changes": changes of one item against one base (基本支出 较上年) agree in
                direction and amount; a printed amount stated once as 增加 and
                once as 减少 is a contradiction whatever the fund scope.
of = "facts":   figures with the same certain key (concept, period, measure,
                scope, quantity) agree: copies at the same precision are equal,
                at different precisions their intervals meet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import pairwise
from typing import TYPE_CHECKING, Final

from ..document import Document
from ..figures import Interval, half_up, terms
from ..relations import judge_at_most
from ..slips import transposed_digits
from ..words import default_words
from ..rootcause import COPIES
from .operands import operand

if TYPE_CHECKING:
    from ..engine import Reporter


PARAMS: Final = {"of": (str, ...)}
PLACEHOLDERS: Final = {"label", "stated", "expected", "why", "gap", "others", "base"}


WORDS: Final = default_words()


def check(rule, document: Document, reporter: Reporter) -> None:
    {"changes": check_changes, "facts": check_facts, "scopes": check_scopes, "years": check_years}[rule.params["of"]](
        rule, document, reporter
    )


def check_years(rule, document: Document, reporter: Reporter) -> None:
    """The places a document names its own year (own_year.py) give the year its title gives."""
    for own in document.own_years:
        reporter.report.checked += 1
        if own.year == document.year:
            continue
        expected = str(document.year)
        if own.other is not None:
            why = reporter.hint("own_year_title", line=str(own.other.line), expected=expected)
        else:
            why = reporter.hint("own_year_scope")
        items = [own.span] if own.other is None else [own.span, own.other]
        reporter.finding(rule, rule.severity, {"label": own.label, "others": "", "base": "", "why": why},
                         items, expected, str(own.year))


# Fund scopes from the widest to the narrowest: 全部资金 ⊇ 财政拨款 ⊇ 一般公共预算.
_NESTED: Final = ("all", "fiscal", "general")


def check_scopes(rule, document: Document, reporter: Reporter) -> None:
    """A figure of a narrower fund scope never exceeds the same figure of a wider one."""
    groups: defaultdict[tuple, defaultdict[str, list]] = defaultdict(lambda: defaultdict(list))
    for fact in document.facts:
        key = fact.key
        if fact.context == "statement" and key.known and key.scope in _NESTED and fact.figure.sign >= 0:
            groups[(key.concept, key.period, key.measure, key.quantity)][key.scope].append(fact)
    for by_scope in groups.values():
        single = {s: f[0] for s, f in by_scope.items() if len({x.figure.base_ratio for x in f}) == 1}
        for i, wide in enumerate(_NESTED):
            for narrow in _NESTED[i + 1 :]:
                if wide not in single or narrow not in single:
                    continue
                if document.comparable(single[wide].key) == document.comparable(single[narrow].key):
                    continue  # the document shows both scopes to be the same money: XRF002 compares them
                inner, outer = single[narrow], single[wide]
                judgement = judge_at_most([operand(inner)], operand(outer))
                reporter.judged(rule, judgement, inner, [outer], {"label": inner.label, "others": outer.figure.text,
                                                                 "base": outer.label})


# A figure copied thousands of times would otherwise list every copy in every finding about it (output and
# time growing with the square of the copies): a finding shows at most this many copies of each value, this
# many values, and this many other figures in all, and says how many more there are ("…+N").
SHOWN_PER_VALUE: Final = 10
SHOWN_VALUES: Final = 10
SHOWN_OTHERS: Final = 20


def _more(shown: list[str], total: int, separator: str) -> str:
    return separator.join(shown) + (f"{separator}…+{total - len(shown)}" if total > len(shown) else "")


def _lines(reporter: Reporter, items) -> str:
    """（21、604）: where the copies stand, in the report's language."""
    lines = _more([str(i.span.line) for i in items[:SHOWN_PER_VALUE]], len(items), reporter.hint("list_separator"))
    return reporter.hint("at_lines", lines=lines)


def _evidence(own: list, others: list[list]) -> list:
    """The other figures a finding lists: its own value's copies first, then each other value's, at most
    SHOWN_PER_VALUE of each and SHOWN_OTHERS in all."""
    out = own[:SHOWN_PER_VALUE]
    for group in others:
        out.extend(group[:SHOWN_PER_VALUE])
        if len(out) >= SHOWN_OTHERS:
            break
    return out[:SHOWN_OTHERS]


def check_changes(rule, document, reporter: Reporter) -> None:
    _check_amounts(rule, document, reporter)
    _check_opposites_in_a_sentence(rule, document, reporter)
    groups = defaultdict(list)
    for change in document.changes:
        if change.delta is None or change.delta_sign not in (1, -1) or not change.label:
            continue
        if change.base.startswith("text:") or change.base == "unknown":
            continue
        groups[(change.key.concept, change.base)].append(change)
    for changes in _by_base_measure(groups.values()):
        if len(changes) < 2:
            continue
        by_amount = defaultdict(list)
        for change in changes:
            by_amount[change.delta.base_ratio].append(change)
        for same in by_amount.values():
            signs = defaultdict(list)
            for change in same:
                signs[change.delta_sign].append(change)
            if len(signs) < 2:
                reporter.report.checked += len(same) - 1
                _check_rates(rule, same, reporter)
                continue
            reporter.report.checked += len(same) - 1
            majority = max(signs, key=lambda s: (len(signs[s]), -min(c.delta.start for c in signs[s])))
            for sign, odd in signs.items():
                if sign == majority:
                    continue
                for change in odd:
                    others = signs[majority]
                    word = change.words[0].text if change.words else ""
                    other_word = others[0].words[0].text if others[0].words else ""
                    reporter.finding(
                        rule, rule.severity,
                        {"label": change.label, "base": change.base_text,
                         "others": f"{other_word}{others[0].delta.text}{_lines(reporter, [o.delta for o in others])}",
                         "why": ""},
                        [change.delta, *change.words[:1], *[o.delta for o in _evidence([], [others])]],
                        f"{other_word}{others[0].delta.text}", f"{word}{change.delta.text}",
                    )


def _check_opposites_in_a_sentence(rule, document: Document, reporter: Reporter) -> None:
    """房产税收入同比增收412万元，同比减收31万元，下降7.00%: one item's change against one base, said both ways one
    after the other in one sentence, cannot be other data. The one a rate does not follow is blamed (here 增收: the
    rate goes with 减收), or the first where none or both have one."""
    text = document.source.norm
    changes = document.changes
    for before, after in pairwise(changes):
        if before.delta is None or after.delta is None or before.delta_sign not in (1, -1) \
                or before.delta_sign + after.delta_sign != 0 or before.key.concept != after.key.concept \
                or before.base != after.base or before.base.startswith("text:") or before.base == "unknown" \
                or before.delta.base_ratio == after.delta.base_ratio or not before.label:
            continue
        if after.delta.start < before.delta.end or before.current is not after.current \
                or before.delta.quantity != "money" or after.delta.quantity != "money":
            continue  # two items' changes (税务部门安排x，减少a；财政部门安排y，增加b), or not amounts
        between = text[before.delta.end : after.delta.start]
        if "。" in between or "、" in between or ";" in between or "；" in between:
            continue  # another sentence, or a respective list (分别提高a、下降b)
        reporter.report.checked += 1
        odd, other = (before, after) if before.rate is None and after.rate is not None else (after, before) \
            if after.rate is None and before.rate is not None else (before, after)
        odd_delta, other_delta = odd.delta, other.delta
        assert odd_delta is not None and other_delta is not None  # both changes were taken with their amounts
        word = odd.words[0].text if odd.words else ""
        other_word = other.words[0].text if other.words else ""
        reporter.finding(
            rule, rule.severity,
            {"label": odd.label, "base": odd.base_text, "others": f"{other_word}{other_delta.text}", "why": ""},
            [odd_delta, *odd.words[:1], other_delta],
            f"{other_word}{other_delta.text}", f"{word}{odd_delta.text}",
        )


def _signed(change) -> Interval:
    interval = change.delta.interval
    return interval if change.delta_sign > 0 else Interval(-interval.hi, -interval.lo)


def _meet(a: Interval, b: Interval) -> bool:
    return a.lo <= b.hi and b.lo <= a.hi


def _check_amounts(rule, document: Document, reporter: Reporter) -> None:
    """One item's change against one base, in one measure and fund scope, stated with amounts that cannot be
    the same (增加10.47万元 here, 各增加10.7万元 there): the odd one out is reported, against the amount most
    statements meet (the first stated on a tie). Amounts of opposite words are the direction check's."""
    groups: defaultdict[tuple, list] = defaultdict(list)
    for change in document.changes:
        key = change.key
        if change.delta is None or change.delta_sign not in (1, -1) or not change.label or not key.known:
            continue
        if change.base.startswith("text:") or change.base == "unknown" or key.period != "current":
            continue
        measure = change.current.key.measure if change.current is not None else key.measure
        scope = document.scope_alias.get(key.scope, key.scope)
        # A change of 收支总计 (收、支总计各增加x) is the change of each of the two totals (concepts.toml `both`).
        for concept in document.joint.get(key.concept, (key.concept,)):
            # Amounts of opposite words are compared only when equal (the direction check): 减少166.4万元 here and
            # 从汇总数据看…增加43万元 there may be of other data, not a slip of one figure.
            groups[(concept, change.base, measure, scope, change.delta_sign)].append(change)
    reported: set[int] = set()
    for changes in _by_base_measure(groups.values()):
        if len(changes) < 2:
            continue
        first = changes[0].delta.base_ratio
        if all(c.delta.base_ratio == first for c in changes):
            reporter.report.checked += len(changes) - 1
            continue  # the same amount each time (most repeated changes): nothing to weigh
        ranges = [_signed(c) for c in changes]
        meets = [sum(_meet(r, other) for other in ranges) for r in ranges]
        best = max(range(len(changes)), key=lambda k: (meets[k], -changes[k].delta.start))
        agreeing = [c for c, r in zip(changes, ranges) if _meet(r, ranges[best])]
        reporter.report.checked += len(changes) - 1
        for change, signed in zip(changes, ranges):
            if _meet(signed, ranges[best]) or id(change) in reported:
                continue
            reported.add(id(change))
            word = change.words[0].text if change.words else ""
            other_word = agreeing[0].words[0].text if agreeing[0].words else ""
            reporter.finding(
                rule, rule.severity,
                {"label": change.label, "base": change.base_text,
                 "others": f"{other_word}{agreeing[0].delta.text}{_lines(reporter, [c.delta for c in agreeing])}", "why": ""},
                [change.delta, *change.words[:1], *[c.delta for c in _evidence([], [agreeing])]],
                f"{other_word}{agreeing[0].delta.text}", f"{word}{change.delta.text}",
            )


def _same_rate(a, b) -> bool:
    """Two prints of one rate: at one precision they are the same digits (46.85% and 46.86% are two prints of
    different numbers, though their intervals touch at 46.855); at different precisions their intervals meet."""
    if a.decimals == b.decimals:
        return abs(a.value) == abs(b.value)
    return _rate_range_of(a).meets(_rate_range_of(b))


def _rate_range_of(rate) -> Interval:
    """The printed rate's range, as a size (下降57.41% and -57.39% are one fall)."""
    interval = rate.interval
    return Interval(-interval.hi, -interval.lo) if interval.hi <= 0 else interval


def _check_rates(rule, same: list, reporter: Reporter) -> None:
    """One change (its amount printed alike) whose rate is printed twice (a sentence's 下降57.41%, its table's
    -57.39%): the two prints must meet. The one the printed figures round to is kept; the other is questioned."""
    rated = [c for c in same if c.rate is not None]
    if len(rated) < 2:
        return
    first = rated[0]
    for other in rated[1:]:
        reporter.report.checked += 1
        if _same_rate(first.rate, other.rate):
            continue
        # The one the printed figures give (Δ over current − Δ·sign) is kept; failing that, the first.
        wrong, right = other, first
        current = first.current or other.current
        if current is not None:
            base = current.figure.value - first.delta_sign * first.delta.value
            if base > 0 and _rate_range_of(other.rate).lo <= 100 * first.delta.value / base <= _rate_range_of(other.rate).hi:
                wrong, right = first, other
        reporter.finding(
            rule, rule.severity,
            {"label": wrong.label, "base": wrong.base_text,
             "others": f"{right.rate.text}{_lines(reporter, [right.rate])}", "why": ""},
            [wrong.rate, right.rate, wrong.delta],
            right.rate.text, wrong.rate.text,
        )
        return


def check_facts(rule, document: Document, reporter: Reporter) -> None:
    _check_share_copies(rule, document, reporter)
    groups = defaultdict(list)
    for fact in document.facts:
        if fact.context == "statement" and fact.key.known:
            groups[document.comparable(fact.key)].append(fact)
    unit = ""  # the unit a tie between copies is settled by, worked out once where one is needed
    for facts in groups.values():
        if len(facts) < 2 or _rests_in_prose(facts):
            continue
        reporter.report.checked += len(facts) - 1
        # Cluster the copies that agree; the largest cluster is taken as the figure, the rest are questioned.
        clusters = _clusters(facts)
        if len(clusters) < 2:
            continue
        if facts[0].key.quantity.startswith("count:") and _one_sentence_apart(clusters):
            # 行政编制269人，实有人数226人；事业编制18人，实有人数15人: one sentence counting two categories.
            reporter.unchecked(rule.code, "counts_in_one_sentence", facts, label=facts[0].label)
            continue
        # On a tie the copy printed in the document's own unit stands (1.58元 beside 1.58万元 in a 万元 text is the slip).
        unit = unit or document.unit or _usual_unit(document)
        clusters.sort(key=lambda c: (-len(c), c[0].figure.unit != unit, c[0].figure.start))
        main = clusters[0]
        expected = main[0].figure.text
        for copy in main[1:]:
            reporter.relations.append((COPIES, copy, [main[0]], None, None))
        for cluster in clusters[1:]:
            # Only the first values can be shown: the others are counted, not listed again for each copy.
            shown = [c for c in clusters[: SHOWN_OTHERS + 1] if c is not cluster]
            by_value = _by_value(reporter, clusters, cluster)
            for fact in cluster:
                # The copies, grouped by value: this one first, then its own value's copies, then the others
                # (a sample of each when there are many: _evidence).
                own = [c for c in cluster[: SHOWN_PER_VALUE + 1] if c is not fact]  # not the whole cluster per copy
                others = _evidence(own, shown)
                why = ""
                if transposed_digits(fact.figure, main[0].figure.base_value):
                    why = reporter.hint("separator") + reporter.hint("transposed", stated=fact.figure.text, expected=expected)
                reporter.finding(
                    rule, rule.severity,
                    {"label": fact.label, "others": by_value, "base": "", "why": why},
                    [fact, *others], expected, fact.figure.text,
                )
                reporter.relations.append((COPIES, fact, [main[0]], reporter.report.findings[-1], None))


def _one_sentence_apart(clusters: list[list]) -> bool:
    """Whether two copies of different values stand in one sentence (one pass: a count copied thousands of times
    with as many values must not compare every pair of values)."""
    owner: dict[int, int] = {}
    for k, cluster in enumerate(clusters):
        for fact in cluster:
            if fact.sentence >= 0 and owner.setdefault(fact.sentence, k) != k:
                return True
    return False


def _by_base_measure(groups) -> list[list]:
    """Each group of changes against one base, split where their printed bases name different measures of it
    (比2013年预算执行数, 比2013年预算数): one group per measure named, without the changes whose base names none (which
    of the two they are against cannot be told)."""
    out: list[list] = []
    for changes in groups:
        measures = {_base_measure(c.base_text) for c in changes} - {""}
        if len(measures) < 2:
            out.append(changes)
            continue
        for measure in sorted(measures):
            out.append([c for c in changes if _base_measure(c.base_text) == measure])
    return out


def _base_measure(base_text: str) -> str:
    """What of the base year a change is measured against, as its printed base says (比2013年预算执行数 and 比2013年
    预算数 are two bases of one year): executed, final, budget, or "" where it says none."""
    for name, words in (("executed", WORDS.executed_words), ("final", WORDS.final_words), ("budget", WORDS.budget_words)):
        for word in words:
            if word in base_text:
                return name
    return ""


def _rests_in_prose(facts: list) -> bool:
    """Figures the narrative alone names as the rest of something (其他支出, 其他收入): each is the rest of whatever
    list it closes ((五)其他支出 of 竞技体育, 三、其他支出 of the whole), so two of them are copies only where a table's
    code says which rest they are."""
    return all(f.origin == "prose" and f.label.lstrip(_NUMBERING).startswith(WORDS.remainders) for f in facts)


_NUMBERING: Final = "（(、，, 0123456789.一二三四五六七八九十)）"


def _usual_unit(document: Document) -> str:
    """The money unit most of the document's statements print (a text with no 单位 line)."""
    counts: Counter = Counter(f.figure.unit for f in document.facts if f.key.quantity == "money")
    return counts.most_common(1)[0][0] if counts else ""


def _by_value(reporter: Reporter, clusters, own) -> str:
    """52.84（21、604、709）；52.48（839）: every other value with the lines where it stands (the first
    SHOWN_VALUES values, SHOWN_PER_VALUE lines of each, then …+N)."""
    values = [c for c in clusters[: SHOWN_VALUES + 1] if c is not own]
    shown = [f"{c[0].figure.text}{_lines(reporter, c)}" for c in values[:SHOWN_VALUES]]
    return _more(shown, len(clusters) - 1, reporter.hint("separator"))


def _clusters(facts) -> list[list]:
    """Copies that agree with each other, largest first. Identical prints are judged once, so many
    copies of one figure cost no more than a few distinct prints."""
    prints: dict[tuple, list] = {}
    for fact in facts:
        prints.setdefault((fact.figure.unit, fact.figure.decimals, fact.figure.base_ratio), []).append(fact)
    if len({(unit, decimals) for unit, decimals, _ in prints}) == 1:
        # One precision: copies agree only when equal, so each printed value is its own cluster (found
        # without comparing every value with every cluster, which grows with the square of the values).
        return list(prints.values())
    groups: list[list[list]] = []  # each cluster is a list of groups of identical prints
    for copies in prints.values():
        for cluster in groups:
            if all(_agree(copies[0], other[0]) for other in cluster):
                cluster.append(copies)
                break
        else:
            groups.append([copies])
    return [[fact for copies in cluster for fact in copies] for cluster in groups]


def _agree(a, b) -> bool:
    fa, fb = a.figure, b.figure
    if fa.unit == fb.unit and fa.decimals == fb.decimals:
        return fa.value == fb.value
    return fa.interval.meets(fb.interval)


def _check_share_copies(rule, document: Document, reporter: Reporter) -> None:
    """One share printed twice (占/为 a whole, its part and its whole each printed alike both times) is one number:
    at one precision the two prints are the same digits. The print the amounts round to is kept; where neither
    is, nothing is said (PCT001 judges each against its amounts)."""
    groups: defaultdict[tuple, list] = defaultdict(list)
    for share in document.shares:
        whole = share.whole
        if whole is None or share.joined or share.implied or whole.figure.sign <= 0:
            continue
        part = share.part.figure
        groups[(part.base_ratio, part.decimals, whole.figure.base_ratio, whole.figure.decimals,
                share.share.decimals, share.share.quantity)].append(share)
    for same in groups.values():
        distinct = list({s.share.start: s for s in same}.values())
        if len(distinct) < 2:
            continue
        reporter.report.checked += len(distinct) - 1
        if len({s.share.base_ratio for s in distinct}) < 2:
            continue
        first = distinct[0]
        decimals = first.share.decimals
        part_num, part_den = first.part.figure.base_ratio
        whole_num, whole_den = first.whole.figure.base_ratio
        rounded = half_up(100 * part_num * whole_den * 10**decimals, part_den * whole_num)
        right = [s for s in distinct if _printed_as(s.share.value, rounded, decimals)]
        if not right:
            continue
        for wrong in distinct:
            if wrong in right:
                continue
            label = reporter.hint("share_of", part=wrong.part.label, whole=wrong.whole_label or wrong.whole.label)
            reporter.finding(
                rule, rule.severity,
                {"label": label, "others": f"{right[0].share.text}{_lines(reporter, [right[0].share])}", "base": "",
                 "why": reporter.hint("share_copy", expected=right[0].share.text)},
                [wrong.share, right[0].share, wrong.part, wrong.whole], right[0].share.text, wrong.share.text,
            )


def _printed_as(value, scaled: int, decimals: int) -> bool:
    numerator, denominator = terms(value)
    return numerator * 10**decimals == scaled * denominator
