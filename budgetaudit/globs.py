"""Globs of include, exclude, per-file-ignores and waivers, matched in time linear in the path.

`*` and `?` stay within one path segment, `**` crosses segments, `**/` is any run of whole directories
(none included), `[abc]`, `[a-z]` and `[!a-z]` are classes. A glob of at most two stars becomes a regular
expression (its backtracking is at most quadratic in a file name, and it is the fast path); one of more
stars, whose regular expression could backtrack exponentially (`*a*a*a*…c.txt`), is matched by stepping
the set of pattern positions along the path once: work is the path's length times the glob's.
A malformed glob (a reversed range such as `[z-a]`) is a GlobError when compiled, never at match time.
"""

from __future__ import annotations

import re
from functools import lru_cache

_REGEX_STARS = 2  # globs with more stars than this are matched by the position-set walk


class GlobError(ValueError):
    """A glob that cannot be compiled; the message says why in a few words."""


# Tokens: ("lit", ch) · ("one",) a character other than / · ("cls", negated, chars, ranges) · ("star",) [^/]*
# · ("any",) .* · ("dirs",) (?:.*/)?
def _tokens(glob: str) -> list[tuple]:
    out: list[tuple] = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append(("dirs",))
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(("any",))
            i += 2
            continue
        if c == "*":
            out.append(("star",))
        elif c == "?":
            out.append(("one",))
        elif c == "[" and glob.find("]", i + 2) != -1:
            end = glob.find("]", i + 2)
            body = glob[i + 1:end]
            negated = body.startswith("!")
            if negated:
                body = body[1:]
            chars, ranges = set(), []
            j = 0
            while j < len(body):
                if j + 2 < len(body) and body[j + 1] == "-":
                    low, high = body[j], body[j + 2]
                    if low > high:
                        raise GlobError(f"reversed range '{low}-{high}' in '[{glob[i + 1:end]}]'")
                    ranges.append((low, high))
                    j += 3
                else:
                    chars.add(body[j])
                    j += 1
            out.append(("cls", negated, frozenset(chars), tuple(ranges)))
            i = end
        else:
            out.append(("lit", c))
        i += 1
    return out


def _in_class(token: tuple, ch: str) -> bool:
    _, negated, chars, ranges = token
    hit = ch in chars or any(low <= ch <= high for low, high in ranges)
    return hit != negated


def _regex(tokens: list[tuple]) -> re.Pattern:
    parts = []
    for token in tokens:
        kind = token[0]
        if kind == "lit":
            parts.append(re.escape(token[1]))
        elif kind == "one":
            parts.append("[^/]")
        elif kind == "star":
            parts.append("[^/]*")
        elif kind == "any":
            parts.append(".*")
        elif kind == "dirs":
            parts.append("(?:.*/)?")
        else:
            _, negated, chars, ranges = token
            body = "".join(re.escape(c) for c in sorted(chars)) + "".join(
                f"{re.escape(low)}-{re.escape(high)}" for low, high in ranges)
            parts.append(("[^" + body + "]" if body else "(?s:.)") if negated else "[" + body + "]")
    return re.compile("".join(parts) + r"\Z", re.S)


class Glob:
    """A compiled glob; `match(text)` is a whole match of a name or a relative path."""

    __slots__ = ("text", "_tokens", "_regex")

    def __init__(self, text: str):
        self.text = text
        self._tokens = _tokens(text)
        stars = sum(1 for t in self._tokens if t[0] in ("star", "any", "dirs"))
        self._regex = _regex(self._tokens) if stars <= _REGEX_STARS else None

    def match(self, text: str) -> bool:
        if self._regex is not None:
            return self._regex.match(text) is not None
        tokens = self._tokens
        end = len(tokens)
        states = self._closure({0})
        for ch in text:
            following: set[int] = set()
            for i in states:
                if i == end:
                    continue
                token = tokens[i]
                kind = token[0]
                if kind == "lit":
                    if ch == token[1]:
                        following.add(i + 1)
                elif kind == "one":
                    if ch != "/":
                        following.add(i + 1)
                elif kind == "cls":
                    if _in_class(token, ch):
                        following.add(i + 1)
                elif kind == "star":
                    if ch != "/":
                        following.add(i)
                elif kind == "any":
                    following.add(i)
                else:  # dirs: any run of characters ending with '/'
                    following.add(i)
                    if ch == "/":
                        following.add(i + 1)
            if not following:
                return False
            states = self._closure(following)
        return end in states

    def _closure(self, states: set[int]) -> set[int]:
        """The positions reachable without a character: past stars (which may match nothing)."""
        out = set(states)
        for i in sorted(states):
            while i < len(self._tokens) and self._tokens[i][0] in ("star", "any", "dirs"):
                i += 1
                out.add(i)
        return out


@lru_cache(maxsize=512)
def compile_glob(glob: str) -> Glob:
    """A compiled glob (GlobError when malformed)."""
    return Glob(glob)


def check(glob: str) -> str | None:
    """Why a glob cannot be used (None when it can)."""
    try:
        compile_glob(glob.strip().removeprefix("./").strip("/") or glob)
    except GlobError as exc:
        return str(exc)
    return None
