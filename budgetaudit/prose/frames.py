"""What a sentence's opening or a heading says its figures are of: a stretch of the year (5月份，), a subject
(在41个县…上，, a heading naming a level of government: (2)市级收支。) or a basis (剔除高新区后：)."""

from __future__ import annotations

import re
from typing import Final

from ..concepts import clean_label
from . import state as _state
from .base import _LEVELS, subject_prefix
from .sentence import SentenceReader

WORDS: Final = _state.WORDS
OPENS_WITH_YEAR: Final = re.compile(r"\s*(?:19|20)\d{2}\s*年")
_HEADING_END: Final = re.compile(r"[。，,；;：:、(（]")
_LEVEL_CHARS: Final = re.compile("[" + _LEVELS + "]")
_HEADING_MARK: Final = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．])\s*")


class FrameReader(SentenceReader):
    def frames(self, sentence: str, first: str, heading: bool, s: int) -> None:
        """What a sentence's opening says its figures are of: a stretch of the year (5月份，) for this sentence; a
        subject (在41个县…上，) or a basis (剔除高新区后：) until a heading or another frame."""
        opens = bool(first) and (first in WORDS.stretch_first_chars or first.isdigit())
        stretch = WORDS.stretch.match(sentence) if opens else None
        if stretch is not None:
            self.sentence_stretch, self.stretch_line = stretch.group("stretch").replace(" ", ""), self.line_of(sentence, s)
        elif self.sentence_stretch and (heading or (first.isdigit() and OPENS_WITH_YEAR.match(sentence))
                                        or self.line_of(sentence, s) != self.stretch_line):
            self.sentence_stretch = ""
        # else: 今年1月至6月，…收入1439.05亿元…。…支出3078.34亿元…: the sentences after it on its line are of the
        # same months, until a heading, a year or another stretch.
        framed = bool(first) and first in WORDS.frame_first_chars
        frame = WORDS.subject_frame.match(sentence) if framed else None
        basis = WORDS.basis_frame.match(sentence) if framed and frame is None else None
        if frame is not None:
            self.frame_entity = subject_prefix(clean_label(frame.group("subject")))
        elif basis is not None:
            self.frame_basis = basis.group("basis").replace(" ", "")
        elif heading:
            # (2)市级收支。: a heading that names a level of government speaks of it until the next heading; (1)全市收支
            # and any other heading, of the report's own subject.
            self.frame_entity, self.frame_basis = heading_subject(sentence), ""

    def line_of(self, sentence: str, s: int) -> int:
        """The line a sentence's first visible character stands on (asked only around a stretch of the year)."""
        return self.source.position(self.at(s + len(sentence) - len(sentence.lstrip())))[0]


def heading_subject(heading: str) -> str:
    """The level of government a heading names before its first mark of punctuation ((2)市级收支。 → 市级), or ""."""
    # Most headings name no level: one scan of their first words for a level's last character comes first.
    if _LEVEL_CHARS.search(heading, 0, 24) is None:
        return ""
    mark = _HEADING_MARK.match(heading)
    head = heading[mark.end() if mark is not None else 0 :][:16]
    cut = _HEADING_END.search(head)
    head = head[: cut.start()] if cut is not None else head
    return subject_prefix(clean_label(head)) if _LEVEL_CHARS.search(head) is not None else ""
