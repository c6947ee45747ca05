"""One finding per mistake: where failed relations share a printed figure, the smallest set of figures whose
correction makes all of them hold is found, and one finding per such figure replaces them (issue #17).

Every relation a rule judged is kept as a `Constraint` (its judgement's arguments and the printed figures
they came from, in order), and so is every pair of copies XRF002 compared. A group of failed relations that
share figures is explained by one figure, or two, when giving them corrected values makes every failed
relation of the group hold and breaks none of the relations that held. A corrected value comes from the
relations themselves: the value a relation gives a figure it states, the value a sum leaves for one of its
parts, the value of a copy. A figure is never corrected to a value computed from a figure that is itself
corrected otherwise: the pair is judged together. Where two corrections explain a group equally well the
group keeps its findings, and the first of them says so; a lone failed relation keeps its finding.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from .document import Fact
from .figures import Figure, Operand, _derived, format_decimal, format_range, parse_number, round_half_up
from .relations import AT_MOST, Judgement, rejudge, total
from .report import Finding, Location
from .slips import transposed_digits

_MAX_FIGURES: Final = 40  # figures in a group of failed relations that pairs are tried over
_SEVERITY_RANK: Final = {"error": 2, "warning": 1, "info": 0}
_FAMILY_RANK: Final = {"XRF": 0, "TOT": 1, "PCT": 2, "AVG": 3, "EVA": 4}
EQUAL: Final = "equal"  # the marker of a copy constraint
COPIES: Final = (EQUAL,)  # the arguments of one: the questioned copy and the copy most print


def _figure(item) -> Figure | None:
    if isinstance(item, Fact):
        return item.figure
    return item if isinstance(item, Figure) else None


def _place(figure: Figure) -> tuple[int, int]:
    return figure.span.line, figure.span.column


def _touches(item, places: set[tuple[int, int]]) -> bool:
    figure = _figure(item)
    return figure is not None and (figure.span.line, figure.span.column) in places


class Constraint:
    """A judged relation: its arguments (Judgement.args, or (EQUAL,) for two copies) and its figures, the
    stated one first; `finding` is the finding it gave (None where it held)."""

    __slots__ = ("args", "figures", "finding", "label", "judgement")

    def __init__(self, args: tuple, figures: list[Figure], finding: Finding | None, label: str = "",
                 judgement: Judgement | None = None) -> None:
        self.args = args
        self.figures = figures
        self.finding = finding
        self.label = label  # what the stated figure is (its fact's label)
        self.judgement = judgement  # as first judged (its `printed` is what the inputs give the stated figure)

    def places(self) -> set[tuple[int, int]]:
        return {_place(f) for f in self.figures}

    def suspects(self) -> set[tuple[int, int]]:
        """The figures that may be wrong: all of a relation's; of two copies, the one questioned (the other is
        the value most copies print, and ties groups of its other copies together only through them)."""
        return {_place(self.figures[0])} if self.args[0] == EQUAL else self.places()

    def holds(self, corrected: dict[tuple[int, int], Operand]) -> bool:
        operands = [corrected.get(_place(f), f.operand) for f in self.figures]
        if self.args[0] == EQUAL:
            a, b = operands
            if a.decimals == b.decimals and a.scale == b.scale:
                return a.value == b.value
            return a.interval.meets(b.interval)
        return rejudge(self.args, operands[1:], operands[0]).holds

    def values_for(self, place: tuple[int, int]) -> list[Fraction]:
        """Base-unit values this relation alone would give the figure at `place`."""
        position = next((k for k, f in enumerate(self.figures) if _place(f) == place), -1)
        if position < 0:
            return []
        operands = [f.operand for f in self.figures]
        if self.args[0] == EQUAL:
            return [operands[1 - position].value]
        f, directions = self.args[0], self.args[1]
        if f is AT_MOST:
            return []
        if position == 0:
            judgement = self.judgement or rejudge(self.args, operands[1:], operands[0])
            return [judgement.printed] if judgement.printed is not None else []
        if f is total:
            stated, inputs = operands[0].value, operands[1:]
            rest = sum((d * x.value for k, (d, x) in enumerate(zip(directions, inputs)) if k != position - 1), Fraction(0))
            return [(stated - rest) * directions[position - 1]]
        return []


def _printed_operand(figure: Figure, base_value: Fraction) -> tuple[str, Operand] | None:
    """A corrected value as it would be printed in the figure's unit and precision, and its operand."""
    rounded = round_half_up(base_value / figure.scale, figure.decimals)
    if rounded == figure.value or rounded < 0 <= figure.value:
        return None
    unit = figure.unit if figure.unit and figure.text.rstrip().endswith(figure.unit) else ""  # as printed
    return (format_decimal(rounded, figure.decimals) + unit,
            _derived(rounded.numerator, rounded.denominator, figure.decimals, figure.unit))


def _constraint(relation: tuple) -> Constraint | None:
    """A relation the Reporter kept, (Judgement.args, stated, inputs, finding, judgement), as a Constraint where its
    figures are its judgement's operands in order (None where they are not, or are no figures)."""
    args, stated, inputs, finding, judgement = relation
    figures: list[Figure] = []
    for item in (stated, *inputs):
        figure = _figure(item)
        if figure is None:
            return None
        figures.append(figure)
    label = getattr(stated, "label", "") or ""
    if args == COPIES:
        return Constraint(args, figures, finding, label)
    if len(args[2]) != len(inputs):
        return None
    if figures[0].operand is not args[3] or any(f.operand is not x for f, x in zip(figures[1:], args[2])):
        return None
    return Constraint(args, figures, finding, label, judgement)


def collapse(findings: list[Finding], relations: list[tuple], hint) -> list[Finding]:
    """The findings with each group of failed relations that one or two figures explain replaced by one
    finding per figure. `relations` are the Reporter's; `hint(name, **values)` renders a text of
    rules/hints.toml."""
    failed = [c for c in (_constraint(r) for r in relations if r[3] is not None and r[3].severity != "info")
              if c is not None]
    groups = [group for group in _groups(failed) if len(group) >= 2] if len(failed) >= 2 else []
    if not groups:
        return findings
    # The relations that held are needed only where they share a figure with a group: a correction must
    # break none of them.
    suspects = {place for group in groups for c in group for place in c.suspects()}
    by_place: dict[tuple[int, int], list[Constraint]] = {}
    for relation in relations:
        finding = relation[3]
        if finding is not None and finding.severity != "info":
            continue
        touches = _touches(relation[1], suspects)
        if not touches:
            for item in relation[2]:
                if _touches(item, suspects):
                    touches = True
                    break
        if not touches:
            continue
        constraint = _constraint(relation)
        if constraint is not None:
            for place in constraint.places():
                by_place.setdefault(place, []).append(constraint)
    for constraint in failed:
        for place in constraint.places():
            by_place.setdefault(place, []).append(constraint)
    replaced: dict[int, Finding] = {}  # id of a consequence -> the root finding that replaces it
    roots: list[Finding] = []
    for group in groups:
        explained = _explain(group, by_place, hint)
        if explained is None:
            continue
        if all(len(consequences) < 2 for _, _, consequences in explained):
            continue  # each correction explains one failed relation: its own finding says it best
        for figure, printed, consequences in explained:
            if len(consequences) < 2:
                continue  # (the other of a pair) its one failed relation keeps its own finding
            label = next((c.label for c in group if c.label and _place(c.figures[0]) == _place(figure)), "")
            partner = next((other for other, _, _ in explained if other is not figure), None)
            root = _root_finding(figure, printed, consequences, hint, label, partner)
            roots.append(root)
            for consequence in consequences:
                replaced[id(consequence)] = root
    if not roots:
        return findings
    kept = [f for f in findings if id(f) not in replaced]
    return kept + roots


def _groups(failed: list[Constraint]) -> list[list[Constraint]]:
    """Failed relations joined where they share a figure (union-find over figures' places)."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for constraint in failed:
        places = list(constraint.suspects())
        for other in places[1:]:
            parent[find(places[0])] = find(other)
    groups: dict[tuple[int, int], list[Constraint]] = {}
    for constraint in failed:
        groups.setdefault(find(next(iter(constraint.suspects()))), []).append(constraint)
    return list(groups.values())


def _explain(group: list[Constraint], by_place, hint) -> list[tuple[Figure, str, list[Finding]]] | None:
    """The one figure, or the two, whose correction makes every relation of the group hold and breaks none
    that held: [(figure, corrected print, the findings it explains)], or None (none, or more than one way)."""
    figures: dict[tuple[int, int], Figure] = {}
    for constraint in group:
        suspects = constraint.suspects()
        for figure in constraint.figures:
            if _place(figure) in suspects:
                figures.setdefault(_place(figure), figure)
    if len(figures) > _MAX_FIGURES:
        return None
    options: dict[tuple[int, int], list[tuple[str, Operand]]] = {}

    def options_of(place: tuple[int, int]) -> list[tuple[str, Operand]]:
        """The corrected values the relations give the figure at `place` (worked out once, when tried)."""
        known = options.get(place)
        if known is None:
            seen: dict[str, Operand] = {}
            for constraint in by_place.get(place, ()):
                for value in constraint.values_for(place):
                    option = _printed_operand(figures[place], value)
                    if option is not None and option[0] not in seen:
                        seen[option[0]] = option[1]
            known = options[place] = list(seen.items())
        return known

    # A correction must touch every failed relation of the group: one figure, in all of them; two, each
    # relation holding one of them (so one of the two is in the first relation).
    cover = [c.suspects() for c in group]
    singles = sorted(set.intersection(*cover))
    pairs: list[tuple[tuple[int, int], ...]] = []
    seen_pairs: set[frozenset] = set()
    for a in sorted(cover[0]):
        rest = [s for s in cover if a not in s]
        if not rest:
            continue  # a alone touches them all: tried as a single
        for b in sorted(set.intersection(*rest)):
            pair = frozenset((a, b))
            if b != a and pair not in seen_pairs:
                seen_pairs.add(pair)
                pairs.append(tuple(sorted(pair)))
    for size, candidates in ((1, [(p,) for p in singles]), (2, pairs)):
        found: list[tuple[tuple, list[str], dict[tuple[int, int], Operand]]] = []
        for places in candidates:
            for choice in _choices([options_of(p) for p in places]):
                corrected = dict(zip(places, (operand for _, operand in choice)))
                touched = {id(c): c for p in places for c in by_place.get(p, ())}
                if all(c.holds(corrected) for c in touched.values()):
                    found.append((places, [printed for printed, _ in choice], corrected))
                    break
            if len(found) > 1:
                _say_ambiguous(group, figures, found, hint)
                return None  # two corrections explain the group alike: which figure is wrong cannot be told
        if len(found) == 1:
            places, texts, corrected = found[0]
            for constraint in group:
                _recompute_expected(constraint, corrected, hint)
            # Each failed relation goes under the corrected figure it states, else the first it takes part in.
            mine: dict[tuple[int, int], list[Finding]] = {place: [] for place in places}
            for constraint in group:
                if constraint.finding is None:
                    continue
                stated = _place(constraint.figures[0])
                owner = stated if stated in mine else next(p for p in places if p in constraint.suspects())
                if constraint.finding not in mine[owner]:
                    mine[owner].append(constraint.finding)
            return [(figures[place], text, mine[place]) for place, text in zip(places, texts) if mine[place]]
    return None


def _recompute_expected(constraint: Constraint, corrected: dict[tuple[int, int], Operand], hint) -> None:
    """A failed relation whose inputs include a corrected figure says what it expects of its stated figure from the
    corrected value, never from the flagged print (or that it holds once corrected)."""
    finding = constraint.finding
    if finding is None or constraint.args[0] == EQUAL or constraint.args[0] is AT_MOST or not finding.expected:
        return
    inputs = constraint.figures[1:]
    if not any(_place(f) in corrected for f in inputs):
        return
    stated = constraint.figures[0]
    judgement = rejudge(constraint.args, [corrected.get(_place(f), f.operand) for f in inputs],
                        corrected.get(_place(stated), stated.operand))
    computed = judgement.computed
    if judgement.holds:
        expected, why = "", hint("root_cause_holds")
    elif computed is not None:
        expected = format_range(computed, stated)
        why = hint("root_cause_corrected", expected=expected)
    else:
        return
    said = hint("inconsistent", expected=finding.expected)
    finding.message = finding.message.replace(said, why) if said in finding.message \
        else finding.message.replace(finding.expected, expected or why)
    finding.expected = expected


def _say_ambiguous(group: list[Constraint], figures, found: list, hint) -> None:
    """Two corrections explain the group alike: the first finding of the group names both; all are kept."""
    first = min((c.finding for c in group if c.finding is not None), key=lambda f: (f.line, f.column))
    ways = [hint("list_separator").join(f"{figures[p].text}→{v}" for p, v in zip(places, printed))
            for places, printed, _ in found[:2]]
    first.message += hint("separator") + hint("root_cause_ambiguous", one=ways[0], other=ways[1])


def _choices(lists: list[list]) -> list[tuple]:
    out: list[tuple] = [()]
    for options in lists:
        out = [prefix + (option,) for prefix in out for option in options]
    return out


def _root_finding(figure: Figure, printed: str, consequences: list[Finding], hint, label: str,
                  partner: Figure | None) -> Finding:
    first = min(consequences, key=lambda f: (-_SEVERITY_RANK[f.severity], _FAMILY_RANK.get(f.code[:3], 9), f.code))
    severity = max((f.severity for f in consequences), key=_SEVERITY_RANK.__getitem__)
    location = next(loc for f in consequences for loc in f.locations
                    if loc.span.line == figure.span.line and loc.span.column == figure.span.column)
    codes = hint("list_separator").join(f.code for f in consequences)
    together = hint("root_cause_pair", line=str(partner.span.line), other=partner.text) if partner is not None else ""
    message = hint("root_cause" if label else "root_cause_unnamed", stated=figure.text, expected=printed,
                   count=str(len(consequences)), codes=codes, label=label, together=together)
    digits = sorted(ch for ch in figure.text if ch.isdigit())
    if digits == sorted(ch for ch in printed if ch.isdigit()) \
            and transposed_digits(figure, Fraction(printed.removesuffix(figure.unit or "").replace(",", "")) * figure.scale):
        message += hint("separator") + hint("transposed", stated=figure.text, expected=printed)
    root = Finding(first.code, first.name, severity, message,
                   [Location(location.span, location.key, "stated", location.concept)], printed, figure.text)
    root.consequences = consequences
    root.is_root = True
    return root


def join_reversed(findings: list[Finding], hint) -> list[Finding]:
    """A change's parts that miss their total only as one part's direction word reads (TOT003, `reversed_at`), where
    another finding questions that very word against its copies (XRF001): one slip, reported once, under the
    word's finding."""
    slips = [f for f in findings if f.reversed_at is not None]
    if not slips:
        return findings
    by_place = {(f.locations[0].span.line, f.locations[0].span.column): f
                for f in findings if f.reversed_at is None and f.code.startswith("XRF") and f.locations}
    joined: set[int] = set()
    for slip in slips:
        root = by_place.get(slip.reversed_at) if slip.reversed_at is not None else None
        if root is None:
            continue
        root.consequences.append(slip)
        root.message += hint("separator") + hint("root_cause_direction", count="1", codes=slip.code)
        joined.add(id(slip))
    return [f for f in findings if id(f) not in joined]


def join_same_correction(findings: list[Finding], hint) -> list[Finding]:
    """Two findings that question the same printed figure and ask the same correction of it (a score 20 that must
    be 10 to meet the total, and at most 10 to stay within its weight) are one mistake: reported once, under the
    finding that involves more figures."""
    by_place: dict[tuple[int, int, str], list[Finding]] = {}
    for finding in findings:
        if finding.severity != "info" and finding.locations and finding.expected and not finding.consequences:
            span = finding.locations[0].span
            by_place.setdefault((span.line, span.column, finding.stated), []).append(finding)
    joined: set[int] = set()
    for same in by_place.values():
        if len(same) < 2:
            continue
        root = max(same, key=lambda f: (len(f.locations), -_FAMILY_RANK.get(f.code[:3], 9)))
        others = [f for f in same if f is not root and _agree(root.expected, f.expected)]
        if not others:
            continue
        root.consequences.extend(others)
        root.message += hint("separator") + hint("root_cause_same", count=str(len(others)),
                                                 codes=hint("list_separator").join(f.code for f in others))
        joined.update(id(f) for f in others)
    return [f for f in findings if id(f) not in joined] if joined else findings


def _agree(expected: str, other: str) -> bool:
    """Whether a correction to `expected` is also what `other` asks: the same text, or a number within other's bound
    (≤10, ≥3)."""
    if expected == other:
        return True
    if other[:1] not in "≤≥" or not other[1:]:
        return False
    value, bound = _leading_number(expected), _leading_number(other[1:])
    if value is None or bound is None:
        return False
    return value <= bound if other[0] == "≤" else value >= bound


def _leading_number(text: str) -> Fraction | None:
    end = 0
    while end < len(text) and (text[end].isdigit() or text[end] in ".-,"):
        end += 1
    parsed = parse_number(text[:end]) if end else None
    return parsed[0] if parsed is not None else None
