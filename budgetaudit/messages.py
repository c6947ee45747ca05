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


# The readers' reasons (source.py, readers/), and the command line's other lines about its inputs (inputs.py,
# run.py): each English text as a pattern, named as in [*.input]. A group named `size`, `detail`, `what`,
# `problem`, `encoding` or `library` is itself put in the language's words (see _value); a reader's reason no pattern knows stays English
# (tests/test_zh_errors.py holds every reason a reader raises to one of these).
_INPUT_PATTERNS = [(name, re.compile(pattern)) for name, pattern in (
    ("is_a_directory", r"is a directory"),
    ("no_such_file", r"no such file"),
    ("too_large", r"larger than the (?P<size>.+) size limit"),
    ("empty", r"empty file"),
    ("binary", r"binary file, not a text disclosure"),
    ("no_figures", r"no figures found: not a disclosure"),
    ("cannot_decode", r"cannot decode: neither UTF-8, GB18030/GBK nor Big5 text"),
    ("needs_extra", r"reading (?P<kind>.+) files needs the optional formats extra: (?P<extra>.+)"),
    ("scanned_pdf", r"a scanned PDF: none of its (?P<pages>\d+) pages has extractable text \(run OCR first\)"),
    ("cannot_read", r"cannot read: (?P<detail>.+)"),
    ("own_report", r"a report written by budgetaudit, not a disclosure"),
    ("not_regular", r"not a regular file \((?P<what>[^)]*)\); not read"),
    ("internal", r"an internal error of budgetaudit; this file was not checked \(please report it\): (?P<detail>.+)"),
    ("damaged_zip", r"a damaged zip file \(not a readable \.docx or \.xlsx\)"),
    ("other_zip", r"a zip file that is neither a Word \.docx nor an Excel \.xlsx document"),
    ("zip_member_large", r"its zip member (?P<member>.+) expands to (?P<bytes>[\d,]+) bytes, past the (?P<size>.+) "
                         r"size limit \(--max-bytes\)"),
    ("zip_member_size", r"its zip member (?P<member>.+) does not expand to the (?P<bytes>[\d,]+) bytes its zip "
                        r"directory declares \(a damaged or hostile file\)"),
    ("zip_member_method", r"its zip member (?P<member>.+) uses a compression Word and Excel do not "
                          r"\(method (?P<method>\d+)\)"),
    ("damaged_kind", r"cannot read this (?P<kind>.+?) file: (?P<library>.+)"),
    ("text_too_large", r"its text expands past the (?P<size>.+) size limit \(--max-bytes\)"),
    ("table_too_large", r"a table of (?P<rows>[\d,]+) rows by (?P<columns>[\d,]+) columns is past the (?P<size>.+) "
                        r"size limit \(--max-bytes\)"),
    ("merged_cells", r"merged ranges covering more than (?P<cells>[\d,]+) cells in one sheet "
                     r"\(the limit of merged cells\)"),
    ("sheet_cells", r"a sheet of more than (?P<cells>[\d,]+) cells \(the limit of cells in a sheet\)"),
    ("not_xls", r"not an Excel \.xls workbook \((?P<library>.*)\); Word \.doc files are not read, save as \.docx"),
    ("damaged_pdf", r"cannot open this PDF \((?P<library>.*)\)"),
    ("stream_too_large", r"a compressed stream expands past the (?P<size>.+) size limit \(--max-bytes\)"),
    ("no_files", r"(?P<path>.+): no files matching (?P<globs>.+) to check"),
    ("worker_died", r"the process checking this file stopped before it finished \(killed, or out of memory\)"),
    ("not_utf8", r"'utf-8' codec can't decode .+"),
    ("not_budget_wording", r"cannot decide the encoding: as (?P<encoding>\S+) the text is not Chinese budget wording"),
    ("after_bom", r"not valid (?P<encoding>\S+) after its byte-order mark \((?P<detail>.*)\)"),
    ("both_plausible", r"cannot decide the encoding: GB18030 and Big5 readings are both plausible"),
)]

# Reasons inside reasons (`detail`, `what`, `problem`): the special files source.py and tomlfile.py refuse, an
# output refused by formats/output.py, and tomllib's and json's words for a malformed file; named as in
# [*.reason]. An operating system's reason (OSError.strerror) is found by its errno, as [*.reason] names them.
_REASON_PATTERNS = [(name, re.compile(pattern)) for name, pattern in (
    ("at_line", r"(?P<detail>.+) \(at line (?P<line>\d+), column (?P<column>\d+)\)"),
    ("at_end", r"(?P<detail>.+) \(at end of document\)"),
    ("fifo", r"a FIFO"),
    ("device", r"a device"),
    ("socket", r"a socket"),
    ("not_a_file", r"not a file"),
    ("one_of_inputs", r"it is one of the inputs \(the report would replace it\)"),
    ("symbolic_link", r"is a symbolic link \(name the file itself; the link's target is not replaced\)"),
    ("reversed_range", r"reversed range '(?P<range>.*)' in '(?P<glob>.*)'"),
    ("nested", r"values nested too deeply"),
    ("long_integer", r"Exceeds the limit \((?P<digits>\d+) digits\) for integer string conversion.*"),
    ("toml_twice", r"Cannot declare (?P<key>.+) twice"),
    ("toml_immutable", r"Cannot mutate immutable namespace (?P<key>.+)"),
    ("toml_overwrite", r"Cannot overwrite a value"),
    ("toml_redefine", r"Cannot redefine namespace (?P<key>.+)"),
    ("toml_duplicate", r"Duplicate inline table key (?P<key>.+)"),
    ("toml_scalar", r"Escaped character is not a Unicode scalar value"),
    ("toml_equals", r"Expected '=' after a key in a key/value pair"),
    ("toml_table_end", r"Expected '\]' at the end of a table declaration"),
    ("toml_array_end", r"Expected '\]\]' at the end of an array declaration"),
    ("toml_expected", r"Expected (?P<key>'[^']*'|\"[^\"]*\")"),
    ("toml_invalid_character", r"(?:Found invalid|Illegal) character (?P<key>'.+'|\".+\")"),
    ("toml_date", r"Invalid date or datetime"),
    ("toml_hex", r"Invalid hex value"),
    ("toml_key_start", r"Invalid initial character for a key part"),
    ("toml_statement", r"Invalid statement"),
    ("toml_value", r"Invalid value"),
    ("toml_array", r"Unclosed array"),
    ("toml_inline", r"Unclosed inline table"),
    ("toml_backslash", r"Unescaped '\\\\' in a string"),
    ("unterminated", r"Unterminated string(?: starting at)?"),
    ("json_value", r"Expecting value"),
    ("json_name", r"Expecting property name enclosed in double quotes"),
    ("json_delimiter", r"Expecting '(?P<key>.)' delimiter"),
    ("json_extra", r"Extra data"),
    ("json_control", r"Invalid control character at"),
    ("json_escape", r"Invalid \\(?:escape|uXXXX escape)"),
)]
_ERRNO_WORDS = re.compile(r"\[Errno (?P<number>\d+)\] (?P<text>[^:]+)(?::.*)?")


def _translated(patterns, name: str, message: str, lang: str) -> str | None:
    for key, pattern in patterns:
        match = pattern.fullmatch(message)
        if match:
            values = {k: _value(k, v, lang) for k, v in match.groupdict().items()}
            return section(lang, name)[key].format(**values)
    return None


def _value(name: str, value: str, lang: str) -> str:
    if name == "size":
        return section(lang, "input")["bytes"].format(count=value[:-6]) if value.endswith(" bytes") else value
    if name == "encoding":  # source.py's names of the encodings it tries
        return {"gb18030": "GB18030", "big5": "Big5"}.get(value) or value.upper().removesuffix("-SIG")
    if name in ("detail", "what", "problem"):
        return reason(value, lang)
    if name == "library":  # a library's own words for a damaged file: English, shown with --lang en only
        shown = reason(value, lang)
        return section(lang, "input")["library"] if shown == value else shown
    return value


def reason(text: str, lang: str) -> str:
    """A reason (a reader's, an operating system's, TOML's or JSON's, why a report is not written) in `lang`;
    one no table knows stays as it is."""
    if lang == "en":
        return text
    import errno

    numbered = _ERRNO_WORDS.fullmatch(text)  # str(OSError): "[Errno 13] Permission denied: 'x.toml'"
    code = errno.errorcode.get(int(numbered["number"])) if numbered else _strerror_codes().get(text)
    words = section(lang, "reason")
    if code in words:
        return words[code]
    if numbered:
        text = numbered["text"]
    found = _translated(_INPUT_PATTERNS, "input", text, lang) or _translated(_REASON_PATTERNS, "reason", text, lang)
    return text if found is None else found


@lru_cache(maxsize=1)
def _strerror_codes() -> dict[str, str]:
    """The operating system's reason texts (as OSError.strerror gives them) -> their errno names."""
    import errno

    return {os.strerror(number): name for number, name in errno.errorcode.items()}


def input_error(message: str, lang: str) -> str:
    """A reader's reason in `lang` (a reason no pattern knows stays as it is)."""
    if lang == "en":
        return message
    found = _translated(_INPUT_PATTERNS, "input", message, lang)
    return message if found is None else found


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
    ("waiver_glob", r"waiver (?P<fingerprint>\S+): bad glob '(?P<glob>.*)': (?P<problem>.+)"),
    ("bad_glob", r"(?P<key>\S+): bad glob '(?P<glob>.*)': (?P<problem>.+)"),
    ("baseline_detail", r"not a budgetaudit baseline \((?P<detail>.+)\)"),
    ("baseline_files", r"'files' must be an object"),
    ("baseline_list", r"files\.(?P<name>.+) must be a list"),
    ("baseline_entry", r"files\.(?P<name>.+): every entry needs a fingerprint"),
    ("baseline_count", r"files\.(?P<name>.+): count must be a positive integer"),
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
                values = {k: _value(k, v, lang) for k, v in found.groupdict().items()}
                return _head(message[:at]) + words[name].format(**values)
    # A file and a reason of its own (`waive`: the operating system's, TOML's).
    at = message.find(": ") + 2
    if at < 2:
        return message
    shown = reason(message[at:], lang)
    return message if shown == message[at:] else _head(message[:at]) + shown


def _head(head: str) -> str:
    return head[:-2] + "：" if head.endswith(": ") else head
