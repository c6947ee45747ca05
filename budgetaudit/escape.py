"""Text shown to people and to CI made safe to print: control characters as visible escapes.

A file name or a disclosure's text may hold a line break (`x\n::error file=…::` would forge a GitHub
annotation) or a terminal escape (`\x1b[8m` hides the rest of a line). Every such character is shown
as a backslash escape: \n, \r, \t, \x1b, \u2028. `visible` is applied where names and text leave for
a reader (standard-error messages; the text, concise, markdown and github reports); the machine
formats (json, sarif, junit, gitlab) escape them by their own syntax.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the characters that break or reorder a line on some displays.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character shown as an escape (one line stays one line)."""
    text = str(text)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
