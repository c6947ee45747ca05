"""Reports budgetaudit itself writes, recognised when a folder walk meets them: a markdown memo, an html page
or a text, concise or github report saved with `-o` inside the folder being checked is not a disclosure.

Each is known by what only its format writes: the memo by its title and the head of its table of
files, the text and concise reports by their closing summary line, the github report by workflow
commands on every line. The words come from the formats themselves (any language), so a change of
their wording changes what is recognised with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_GITHUB = re.compile(r"::(?:error|warning|notice)(?: [^:\n]*)?::")


def _template(words: str) -> str:
    """A summary template as a pattern: every {name} a number."""
    return re.sub(r"\\\{[a-z_]+\\\}", r"\\d+", re.escape(words))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    from .messages import LANGS, section

    # The words the markdown, text and concise writers use, in every language (messages.toml [report]).
    reports = [section(lang, "report") for lang in LANGS]
    memo = "|".join(
        re.escape(f"# {w['title']}") + r"\n\n" + re.escape(f"| {w['file']} | {w['errors']} |") for w in reports
    )
    summaries = [_template(w["summary"]) for w in reports]
    return re.compile(r"\A(?:" + memo + ")"), re.compile(r"(?:" + "|".join(summaries) + r")\s*\Z")


def is_own_report(text: str) -> bool:
    """Is this decoded text a report written by budgetaudit?"""
    head = text[:4096].lstrip("\ufeff")
    if head.startswith("::"):
        lines = [line for line in head.splitlines()[:20] if line.strip()]
        return bool(lines) and all(_GITHUB.match(line) for line in lines)
    tail = text[-1000:]
    if not head.startswith("# ") and not any(word in tail for word in ("个文件", "file(s)")):
        return False  # neither a memo nor a summary line: the common case, decided without the formats
    memo, summary = _patterns()
    return bool(memo.match(head) or summary.search(tail))


# The html report names its writer in its head (formats/html_page.py), before any text of a disclosure.
_HTML_GENERATOR = b'<meta name="generator" content="budgetaudit '


def is_own_html(data: bytes) -> bool:
    """Are these bytes of an html file a report written by budgetaudit?"""
    return _HTML_GENERATOR in data[:1024]


# The docx report names its writer in its core properties (formats/docx.py), which Word and WPS keep through edits.
DOCX_CATEGORY = "budgetaudit 审核意见"


def is_own_docx(document) -> bool:
    """Is this python-docx Document a report written by budgetaudit?"""
    return document.core_properties.category == DOCX_CATEGORY
