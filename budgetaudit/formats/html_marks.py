"""The figures of one document as the html report marks them: each place's worst outcome, whether a finding
questions it, and the findings and unchecked relations it takes part in; then the disclosure's text with
every marked figure in an element of its own (html.py writes the rest).

Outcomes, worst first: error, warning, info (a finding's severity), consistent (a relation that holds
exactly, view.py), unchecked (a relation that could not be judged). Ids are the file's index and the place
(fig-<file>-<line>-<column>), so the same input gives the same page.
"""

from __future__ import annotations

from html import escape

from ..escape import visible
from .html_page import OUTCOMES

_RANK = {name: len(OUTCOMES) - k for k, name in enumerate(OUTCOMES)}


class Mark:
    """One marked place: its end, printed text, worst outcome, whether it is questioned, its references."""

    __slots__ = ("end_line", "end_column", "text", "outcome", "questioned", "refs")

    def __init__(self, end_line: int, end_column: int, text: str, outcome: str):
        self.end_line, self.end_column, self.text, self.outcome = end_line, end_column, text, outcome
        self.questioned = False
        self.refs: list[tuple[str, str]] = []  # (anchor id, label) of findings and unchecked relations


class Marks:
    """Every marked place of one file, keyed by (line, column)."""

    def __init__(self, index: int):
        self.index = index
        self.places: dict[tuple[int, int], Mark] = {}

    def add(self, span, outcome: str, ref: tuple[str, str] | None = None, questioned: bool = False) -> None:
        key = (span.line, span.column)
        mark = self.places.get(key)
        if mark is None:
            mark = self.places[key] = Mark(span.end_line, span.end_column, span.text, outcome)
        elif (span.end_line, span.end_column) > (mark.end_line, mark.end_column):
            mark.end_line, mark.end_column, mark.text = span.end_line, span.end_column, span.text
        if _RANK[outcome] > _RANK[mark.outcome]:
            mark.outcome = outcome
        mark.questioned = mark.questioned or questioned
        if ref is not None and ref not in mark.refs:
            mark.refs.append(ref)

    def id(self, key: tuple[int, int], prefix: str = "fig") -> str:
        return f"{prefix}-{self.index}-{key[0]}-{key[1]}"

    def attributes(self, key: tuple[int, int], words: dict, prefix: str = "fig") -> str:
        """The attributes of a marked figure's element: id, class, outcome and a tooltip naming it."""
        mark = self.places[key]
        classes = f"fig o-{mark.outcome}" + (" q" if mark.questioned else "")
        return (f'id="{self.id(key, prefix)}" class="{classes}" data-outcome="{mark.outcome}" '
                f'title="{escape(words[mark.outcome])}"')

    def refs(self, key: tuple[int, int]) -> str:
        """Links from a figure back to the findings and unchecked relations it takes part in."""
        mark = self.places[key]
        if not mark.refs:
            return ""
        return '<sup class="refs">' + "".join(f'<a href="#{ref}">{escape(label)}</a>' for ref, label in mark.refs) + "</sup>"


def _chunk(text: str) -> str:
    """Disclosure text for the page: line breaks as \\n, tabs kept, every other control character shown as an
    escape (a bidi override would reorder the line), then html-escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text or "\t" in text:
        return "".join(escape(part if part in ("\n", "\t") else visible(part)) for part in _split_keep(text))
    return escape(visible(text))


def _split_keep(text: str) -> list[str]:
    out, start = [], 0
    for k, ch in enumerate(text):
        if ch in "\n\t":
            if k > start:
                out.append(text[start:k])
            out.append(ch)
            start = k + 1
    if start < len(text):
        out.append(text[start:])
    return out


def marked_text(view, marks: Marks, words: dict) -> tuple[str, set[tuple[int, int]]]:
    """The text inside <pre>: every line opened by an empty numbered anchor (the number drawn by the style
    sheet, so a figure's element holds its printed text alone), every marked place in an element of its own.
    Also the keys of the places it could mark (a place outside the text is left out, and so is one that
    crosses another's end: elements nest)."""
    text, starts = view.text, view.line_starts
    spans = []
    for key, mark in marks.places.items():
        if not (1 <= key[0] <= mark.end_line <= len(starts)):
            continue
        start = starts[key[0] - 1] + key[1] - 1
        end = starts[mark.end_line - 1] + mark.end_column - 1
        if 0 <= start < end <= len(text):
            spans.append((start, -end, key))
    spans.sort()
    opens: dict[int, list] = {}
    closes: dict[int, list] = {}
    open_ends: list[int] = []
    shown: set[tuple[int, int]] = set()
    for start, negative_end, key in spans:
        end = -negative_end
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        if open_ends and end > open_ends[-1]:
            continue
        open_ends.append(end)
        shown.add(key)
        opens.setdefault(start, []).append(key)
        closes.setdefault(end, []).append(key)
    line_of = {offset: n + 1 for n, offset in enumerate(starts)}
    out: list[str] = []
    position = 0
    for bound in sorted(set(opens) | set(closes) | set(line_of)):
        if bound > position:
            out.append(_chunk(text[position:bound]))
            position = bound
        for key in reversed(closes.get(bound, ())):
            out.append("</span>" + marks.refs(key))
        if bound in line_of and bound < len(text):
            n = line_of[bound]
            out.append(f'<span class="ln" id="l-{marks.index}-{n}" data-n="{n}"></span>')
        for key in opens.get(bound, ()):
            out.append(f"<span {marks.attributes(key, words)}>")
    if position < len(text):
        out.append(_chunk(text[position:]))
    return "".join(out), shown
