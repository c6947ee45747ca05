"""The words of the interface and the reports, one table per language (budgetaudit/messages.toml), and which
language a run speaks.

Chinese is the default. English when asked for, in this order of precedence: `--lang`, the configuration's
`lang`, then the first of LC_ALL, LC_MESSAGES and LANG that is set (not empty): English when it starts with
`en`; C, POSIX, anything else or nothing set mean Chinese.
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache

LANGS = ("zh", "en")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


@lru_cache(maxsize=1)
def _tables() -> dict:
    # Read beside this module (package data in the wheel): importlib.resources would cost the start-up of
    # every command some milliseconds more.
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "messages.toml"), "rb") as handle:
        return tomllib.load(handle)


def table(lang: str) -> dict:
    """Every section of one language's table (`severity`, `report`, `help`, …)."""
    return _tables()[lang if lang in LANGS else "zh"]


def section(lang: str, name: str) -> dict[str, str]:
    return table(lang)[name]


def environment_lang(environ=None) -> tuple[str, str]:
    """The language the locale asks for, and the variable that decided it ('' when none is set)."""
    environ = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return ("en" if value.lower().startswith("en") else "zh"), name
    return "zh", ""


def argv_lang(argv: list[str]) -> str | None:
    """`--lang X` or `--lang=X` on a command line, before it is parsed (help is written in it)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1].lower()
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1].lower()
    return None


def severity(lang: str, name: str) -> str:
    return section(lang, "severity").get(name, name)


# The readers' reasons (source.py, readers/): each English text as a pattern, named as in [*.input].
_INPUT_PATTERNS = [
    ("is_a_directory", re.compile(r"is a directory$")),
    ("no_such_file", re.compile(r"no such file$")),
    ("too_large", re.compile(r"larger than the (?P<size>.+) size limit$")),
    ("empty", re.compile(r"empty file$")),
    ("binary", re.compile(r"binary file, not a text disclosure$")),
    ("no_figures", re.compile(r"no figures found: not a disclosure$")),
    ("cannot_decode", re.compile(r"cannot decode: neither UTF-8, GB18030/GBK nor Big5 text$")),
    ("needs_extra", re.compile(r"reading (?P<kind>.+) files needs the optional formats extra: (?P<extra>.+)$")),
    ("scanned_pdf", re.compile(r"a scanned PDF: none of its (?P<pages>\d+) pages has extractable text \(run OCR first\)$")),
    ("cannot_read", re.compile(r"cannot read: (?P<detail>.+)$")),
    ("own_report", re.compile(r"a report written by budgetaudit, not a disclosure$")),
    ("not_regular", re.compile(r"not a regular file(?P<detail>.*)$")),
    ("internal", re.compile(r"an internal error of budgetaudit; this file was not checked \(please report it\): (?P<detail>.+)$")),
]


def input_error(message: str, lang: str) -> str:
    """A reader's reason in `lang` (a reason no pattern knows stays as it is)."""
    if lang == "en":
        return message
    for name, pattern in _INPUT_PATTERNS:
        match = pattern.match(message)
        if match:
            return section(lang, "input")[name].format(**match.groupdict())
    return message


# config.py's and baseline.py's reasons, after the file (and line) they name: each English text as a pattern,
# named as in [*.config]. The library keeps raising them in English; the command line shows them in `lang`.
_CONFIG_PATTERNS = [(name, re.compile(pattern)) for name, pattern in (
    ("no_file", r"no such configuration file"),
    ("cannot_read", r"cannot read: (?P<detail>.+)"),
    ("not_toml", r"not valid TOML: (?P<detail>.+)"),
    ("no_table", r"no \[tool\.budgetaudit\] table"),
    ("not_a_table", r"\[tool\.budgetaudit\] must be a table"),
    ("unknown_key_hint", r"unknown key '(?P<key>[^']*)' \(did you mean '(?P<hint>[^']*)'\?\)"),
    ("unknown_key", r"unknown key '(?P<key>[^']*)'"),
    ("strings", r"'(?P<key>[^']*)' must be a list of strings"),
    ("choice", r"'(?P<key>[^']*)' must be one of (?P<choices>.+) \(got (?P<value>.+)\)"),
    ("boolean", r"'(?P<key>[^']*)' must be true or false"),
    ("not_a_directory", r"rules-dirs: '(?P<entry>.*)' is not a directory"),
    ("per_file_table", r"'per-file-ignores' must be a table of glob = \[codes\]"),
    ("per_file_codes", r"per-file-ignores: '(?P<glob>.*)' must map to a list of codes"),
    ("severity_table", r"'severity' must be a table of CODE = \"error\|warning\|info\""),
    ("severity_value", r"severity\.(?P<code>\S+) must be one of (?P<choices>.+)"),
    ("waivers_array", r"'waivers' must be an array of tables \(\[\[waivers\]\]\)"),
    ("waiver_key", r"waiver: unknown key '(?P<key>[^']*)'"),
    ("waiver_fingerprint", r"waiver: 'fingerprint' must be a finding's fingerprint \(hex\)"),
    ("waiver_reason", r"waiver (?P<fingerprint>\S+): a 'reason' is required"),
    ("waiver_path", r"waiver (?P<fingerprint>\S+): 'path' must be a glob string"),
    ("waiver_until", r"waiver (?P<fingerprint>\S+): 'until' must be a TOML date \(until = 2026-12-31\)"),
    ("today", r"BUDGETAUDIT_TODAY: '(?P<value>.*)' is not a date \(YYYY-MM-DD\)"),
    ("selector", r"(?P<key>\S+): unknown rule selector '(?P<selector>.*)' \(see `budgetaudit rules`\)"),
    ("severity_rule", r"severity: no rule '(?P<code>.*)' \(use a rule code\)"),
    ("baseline_missing", r"no such baseline file"),
    ("baseline_json", r"not valid JSON: (?P<detail>.+)"),
    ("baseline_old", r"a baseline of format 1 \(budgetaudit 0\.1\), whose fingerprints have changed: write it again with `budgetaudit baseline`"),
    ("baseline_not", r"not a budgetaudit baseline \(write one with `budgetaudit baseline`\)"),
    # A rule file's reasons (ruleset.py), after the file and line.
    ("rule_top_key", r"unknown top-level key '(?P<key>[^']*)'"),
    ("rule_array", r"'rule' must be an array of tables \(\[\[rule\]\]\)"),
    ("rule_bad_code", r"bad rule code '(?P<code>[^']*)' \(a family prefix and three digits\)"),
    ("rule_unknown_key", r"rule (?P<code>\S+): unknown key '(?P<key>[^']*)'"),
    ("rule_missing", r"rule (?P<code>\S+): missing '(?P<key>[^']*)'"),
    ("rule_name", r"rule (?P<code>\S+): name must be kebab-case"),
    ("rule_kind", r"rule (?P<code>\S+): unknown kind '(?P<kind>[^']*)'"),
    ("rule_severity", r"rule (?P<code>\S+): severity must be one of (?P<choices>.+)"),
    ("rule_texts", r"rule (?P<code>\S+): (?P<field>\w+) needs zh and en texts"),
    ("rule_text", r"rule (?P<code>\S+): (?P<field>\w+) must be a string or a table of zh and en texts"),
    ("rule_aliases", r"rule (?P<code>\S+): aliases must be a list of strings"),
    ("rule_placeholder", r"rule (?P<code>\S+): message\.(?P<lang>\w+) uses unknown placeholder (?P<name>\{[^}]*\})"),
    ("rule_params", r"rule (?P<code>\S+): params: (?P<detail>.+)"),
    ("rule_example", r"rule (?P<code>\S+): an example needs verdict = pass\|fail and text"),
    ("rule_used", r"rule (?P<code>\S+): '(?P<ident>[^']*)' is already used in (?P<other>.+)"),
    ("entities_table", r"'(?P<key>[^']*)' must be a table of \"alias\" = \"canonical name\""),
    ("entities_name", r"entities: '(?P<key>[^']*)' must map to a name \(a non-empty string\)"),
    ("entities_same", r"entities: '(?P<key>[^']*)' must be another name than '(?P<name>[^']*)'"),
)]


def config_error(message: str, lang: str) -> str:
    """A configuration or baseline error in `lang`: the reason after its file (and line) put in the table's
    words; an error no pattern knows stays as it is."""
    if lang == "en":
        return message
    words = section(lang, "config")
    # The earliest place a known reason starts (after the file and line) is where the whole reason is.
    for match in re.finditer(r"(?:^|: )", message):
        at = match.end()
        for name, pattern in _CONFIG_PATTERNS:
            found = pattern.fullmatch(message, at)
            if found:
                head = message[:at]
                head = head[:-2] + "：" if head.endswith(": ") else head
                return head + words[name].format(**found.groupdict())
    return message
