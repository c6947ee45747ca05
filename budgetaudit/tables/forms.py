"""Forms (绩效自评表, 绩效目标表) are kept as printed; two slips of their print are repaired first.

1. A cell wrapped onto a printed row of its own (TAB rows: the converter gives the rest of a
   wrapped cell its own TAB line). Such a row is joined into the cell it completes, and only
   when that cell is certain:
   - every cell of the row is a `<p>…</p>` fragment, one for each text cell of the row above,
     in the same order;
   - the row holds one short word under a text cell of the row above (当年 / 建设任务完成率,
     用户 / 满意度, 其中： / 上级资金), after a blank line or under a cell ending in "：";
   - after a blank line, the row holds only header fragments (值, 数, (分), (%)), each completing
     exactly one nearby header cell that takes it (年初指标 + 值, 执行率得分 + (分)), with one
     order-preserving way to place them all.
   Anything else stays a row of its own, as printed.

2. An indicator row that leaves out the empty leading cell of a merged column (绩效指标): when
   the row prints one operator (≥ ≤ ＝) and the form's indicator header has a 指标性质 column to
   its right, with only merged grouping columns in front, the row is shifted under the header by
   that distance. A row of a layout that drops blank cells which no operator anchors keeps its
   figures uncertain: each may stand where printed or as far right as the missing cells allow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from ..figures import parse_number
from .cells import join
from .model import RawCell

FORM_KINDS: Final = ("self_evaluation", "performance_target")
_TAG: Final = re.compile(r"</?p>")
_OPERATORS: Final = {"≥", "≤", "＝", "=", "≧", "≦", "\\geq", "\\leq", "\\ge", "\\le"}
_FRAGMENT: Final = re.compile(r"^[(（]?(值|数|分|%|％)[)）]?$")
_BRACKETED: Final = re.compile(r"[(（][^()（）]*[)）]$")
_GROUPING: Final = ("绩效指标", "一级指标", "二级指标", "绩")
_NAME_HEADER: Final = ("指标名称", "三级指标")
_BLOCK_END: Final = re.compile(r"^(?:说明|备注|项目名称|主管部门|项目主管部门|自评总分|自评得分|部门(?:\(单位\))?名称|单位名称)")
MAX_WORD: Final = 16  # a wrapped word of a name, not a row of its own
WINDOW: Final = 2  # how far a header fragment may stand from the cell it completes


def _clean(text: str) -> str:
    return "".join(text.split())  # str.split and re's \s agree on what is white space


def _is_number(text: str) -> bool:
    return parse_number(_clean(text).rstrip("%")) is not None


def _is_operator(text: str) -> bool:
    return _clean(text) in _OPERATORS


def _filled(row: list[RawCell]) -> list[int]:
    return [k for k, c in enumerate(row) if c.text.strip()]


# 1. Wrapped cells ---------------------------------------------------------------------------


def join_wrapped(source, rows: list[list[RawCell]]) -> list[list[RawCell]]:
    """TAB rows of a form with every row that only completes cells of the row above joined into them."""
    out: list[list[RawCell]] = []
    for row in rows:
        previous = out[-1] if out else None
        joined = _joined(source, previous, row) if previous is not None else None
        if joined is None:
            out.append(list(row))
        else:
            out[-1] = joined
    return out


def _joined(source, above: list[RawCell], row: list[RawCell]) -> list[RawCell] | None:
    filled = _filled(row)
    if not filled or any(_is_number(row[k].text) or _is_operator(row[k].text) for k in filled):
        return None
    texts = [row[k].text.strip() for k in filled]
    if all(t.startswith("<p>") or t.endswith("</p>") for t in texts):
        targets = _text_cells(above)
        if len(targets) != len(filled):
            return None
        return _join_into(above, dict(zip(filled, targets)), row, strip_tags=True)
    if len(filled) == 1 and filled[0] > 0:
        k = filled[0]
        word = _clean(texts[0])
        if not _FRAGMENT.match(word):
            if len(word) > MAX_WORD or "。" in word or k not in _text_cells(above):
                return None
            if _blank_between(source, above, row) or above[k].text.rstrip().endswith(("：", ":")):
                return _join_into(above, {k: k}, row)
            return None
    if row[0].text.strip() == "" and all(_FRAGMENT.match(_clean(t)) for t in texts) and _blank_between(source, above, row):
        places = _fragment_places(above, row, filled)
        if places is not None:
            return _join_into(above, places, row)
    return None


def _text_cells(row: list[RawCell]) -> list[int]:
    """The cells of a row holding text (neither a number nor an operator): what a wrapped line may complete."""
    return [k for k in _filled(row) if not _is_number(row[k].text) and not _is_operator(row[k].text)]


def _blank_between(source, above: list[RawCell], row: list[RawCell]) -> bool:
    """A blank line stands between the end of the row above and this row."""
    last = source.position(max(c.end for c in above))[0]
    first = source.position(min(c.start for c in row))[0]
    if first - last < 2:
        return False
    lines = source.lines()
    return any(not lines[n - 1][1].strip() for n in range(last + 1, first))


def _takes(cell: str, fragment: str) -> bool:
    """Does a header cell read on with this fragment (年初指标 + 值, 执行率得分 + (分))?"""
    fragment_match = _FRAGMENT.match(fragment)
    if fragment_match is None:
        return False
    core = fragment_match.group(1)
    cell = _clean(cell)
    if not cell or _BRACKETED.search(cell):
        return False
    if core == "值":
        return cell.endswith(("指标", "完成", "目标"))
    if core == "数":
        return cell.endswith(("预算", "执行", "决算"))
    if core == "分":
        return cell.endswith(("得分", "权重", "总分"))
    return cell.endswith(("率", "系数", "偏离度", "比例"))  # %


def _fragment_places(above: list[RawCell], row: list[RawCell], filled: list[int]) -> dict[int, int] | None:
    """The one order-preserving way to put each header fragment on a nearby cell that takes it."""
    options = []
    for k in filled:
        fragment = _clean(row[k].text)
        near = [j for j in range(max(0, k - WINDOW), min(len(above), k + WINDOW + 1)) if _takes(above[j].text, fragment)]
        if not near:
            return None
        options.append(near)
    found: list[tuple[int, ...]] = []

    def walk(index: int, after: int, chosen: tuple[int, ...]) -> None:
        if len(found) > 1:
            return
        if index == len(options):
            found.append(chosen)
            return
        for j in options[index]:
            if j > after:
                walk(index + 1, j, chosen + (j,))

    walk(0, -1, ())
    if len(found) != 1:
        return None
    return dict(zip(filled, found[0]))


def _join_into(above: list[RawCell], places: dict[int, int], row: list[RawCell], strip_tags: bool = False) -> list[RawCell]:
    out = list(above)
    for k, j in places.items():
        more = row[k]
        if strip_tags:
            more = RawCell(_TAG.sub("", more.text).strip(), more.start, more.end)
        out[j] = join(out[j], more)
    return out


# 2. Indicator rows under the form's header ---------------------------------------------------


@dataclass(slots=True, init=False)
class Placement:
    shift: int = 0  # blank cells the print left out in front of the row
    spread: int = 0  # columns to the right each figure may also stand in (uncertain when > 0)

    def __init__(self, shift: int = 0, spread: int = 0) -> None:  # hand-written: see source.Span
        self.shift = shift
        self.spread = spread


def align(rows: list[list[RawCell]], positional: bool) -> list[Placement]:
    """Where each row stands under the form's indicator header (a shift, or how uncertain its figures are)."""
    out = [Placement() for _ in rows]
    header: list[str] | None = None
    for index, row in enumerate(rows):
        cells = [_clean(c.text) for c in (row if positional else [c for c in row if c.text.strip()])]
        if _indicator_header(cells):
            header = cells
            continue
        if header is None:
            continue
        filled = [k for k, t in enumerate(cells) if t]
        if not filled or _BLOCK_END.match(cells[filled[0]]):
            header = None
            continue
        out[index] = _placement(cells, filled, header, positional)
    return out


def _indicator_header(cells: list[str]) -> bool:
    return any(t.startswith(_NAME_HEADER) for t in cells) and any("性质" in t for t in cells)


def _placement(cells: list[str], filled: list[int], header: list[str], positional: bool) -> Placement:
    width = len(header)
    nature = next(k for k, t in enumerate(header) if "性质" in t)
    operators = [k for k in filled if cells[k] in _OPERATORS]
    last = filled[-1]
    if len(operators) == 1:
        shift = nature - operators[0]
        if shift == 0:
            return Placement()
        if (
            shift > 0
            and last + shift < width
            and all(header[j].startswith(_GROUPING) for j in range(shift))
            and header[shift].startswith(_NAME_HEADER)
            and not _is_number(cells[filled[0]])
        ):
            return Placement(shift=shift)
    if not positional and len(filled) < width and any(_is_number(cells[k]) for k in filled):
        return Placement(spread=width - len(filled))
    return Placement()
