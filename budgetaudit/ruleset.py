"""Load and validate rule files: data only, never code.

A rule is an instance of one of a closed set of kinds (budgetaudit/kinds). Its
file gives the code, name, severity, message templates in Chinese and English,
docs and examples. Templates are filled by plain `{name}` substitution with
strings the kind provides; nothing in a rule file is evaluated.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .kinds import CHOICES, KINDS
from .tomlfile import TomlError, parse as parse_toml, read_text

CODE_RE = re.compile(r"^(TOT|PCT|AVG|XRF|EVA|CMP|EXT|CRD)\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
RULE_KEYS = {
    "code", "name", "aliases", "kind", "severity", "summary", "message", "description",
    "rationale", "params", "examples",
}
EXAMPLE_KEYS = {"verdict", "text", "note", "documents"}
LANGS = ("zh", "en")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
DATA_FILES = {"concepts.toml", "hints.toml", "words.toml"}


class RuleFileError(Exception):
    """A malformed rule file: the message names the file and, where it can, the line."""


@dataclass(frozen=True, slots=True)
class Example:
    verdict: str  # "pass" or "fail"
    text: str
    note: str = ""
    documents: tuple[str, ...] = ()  # a cross-document rule's example: the texts of two (or more) documents


@dataclass(slots=True, repr=False, eq=False)
class Rule:
    code: str
    name: str
    kind: str
    severity: str
    summary: dict[str, str]
    message: dict[str, str]
    description: dict[str, str]  # {zh, en}; a rule file may give a plain string (read as both)
    rationale: dict[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    params: dict = field(default_factory=dict)
    examples: tuple[Example, ...] = ()
    file: str = ""

    def text(self, field_name: str, lang: str) -> str:
        """The rule's summary, description or rationale in `lang`, else in the other language."""
        texts = getattr(self, field_name)
        return texts.get(lang) or texts.get("en" if lang == "zh" else "zh", "")

    def render(self, lang: str, values: dict[str, str]) -> str:
        return render(self.message.get(lang) or self.message["zh"], values)

    def selected_by(self, selector: str) -> bool:
        """A code, a family (PCT) or a code's prefix (PCT00), a name or an alias; in any case."""
        upper, lower = selector.strip().upper(), selector.strip().lower()
        return upper == self.code or lower in (self.name, *self.aliases) or (
            upper.isalpha() and upper.isascii() and self.code.startswith(upper)
        ) or (bool(re.fullmatch(r"[A-Z]{3}\d{1,2}", upper)) and self.code.startswith(upper))


def render(template: str, values: dict[str, str]) -> str:
    """Fill `{name}` placeholders with strings; never evaluates anything."""
    pieces = _pieces(template)
    if len(pieces) == 1:
        return template
    out = list(pieces)
    for i in range(1, len(pieces), 2):
        out[i] = str(values.get(pieces[i], ""))
    return "".join(out)


@lru_cache(maxsize=1024)
def _pieces(template: str) -> tuple[str, ...]:
    # Literal text and placeholder names in turn (split keeps the group): a template is parsed once, where a
    # substitution calling back into Python for each placeholder cost every finding some microseconds.
    return tuple(_PLACEHOLDER.split(template))


def _line_of(text: str, needle: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    return None


def _fail(file: str, message: str, text: str = "", needle: str = "") -> RuleFileError:
    line = _line_of(text, needle) if needle else None
    where = f"{file}:{line}" if line else file
    return RuleFileError(f"{where}: {message}")


def parse_rules(text: str, file: str) -> list[Rule]:
    try:
        data = parse_toml(text)
    except TomlError as exc:
        raise RuleFileError(f"{file}: {exc}") from None
    unknown_top = set(data) - {"rule"}
    if unknown_top:
        key = sorted(unknown_top)[0]
        raise _fail(file, f"unknown top-level key '{key}'", text, key)
    entries = data.get("rule", [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        raise _fail(file, "'rule' must be an array of tables ([[rule]])", text, "rule")
    return [_rule(entry, text, file) for entry in entries]


def _strings(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _texts(value) -> bool:
    """A table of a message or summary: zh and en texts, nothing else."""
    return (isinstance(value, dict) and not set(value) - set(LANGS) and "zh" in value and "en" in value
            and all(isinstance(v, str) for v in value.values()))


def _rule(entry: dict, text: str, file: str) -> Rule:
    """One [[rule]] table, every value of the type it must have (a malformed file fails here, never later)."""
    code = entry.get("code", "?")
    unknown = set(entry) - RULE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise _fail(file, f"rule {code}: unknown key '{key}'", text, f"{key} =")
    for required in ("code", "name", "kind", "severity", "message", "summary", "description"):
        if required not in entry:
            raise _fail(file, f"rule {code}: missing '{required}'", text, f'"{code}"')
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise _fail(file, f"bad rule code '{code}' (a family prefix and three digits)", text, str(code))
    if not isinstance(entry["name"], str) or not NAME_RE.match(entry["name"]):
        raise _fail(file, f"rule {code}: name must be kebab-case", text, str(entry["name"]))
    kind_name = entry["kind"]
    kind = KINDS.get(kind_name) if isinstance(kind_name, str) else None
    if kind is None:
        raise _fail(file, f"rule {code}: unknown kind '{kind_name}'", text, "kind")
    if entry["severity"] not in SEVERITIES:
        raise _fail(file, f"rule {code}: severity must be one of {', '.join(SEVERITIES)}", text, "severity")
    for field_name in ("message", "summary"):
        if not _texts(entry[field_name]):
            raise _fail(file, f"rule {code}: {field_name} needs zh and en texts", text, field_name)
    texts = {}
    for field_name in ("description", "rationale"):
        value = entry.get(field_name, "")
        # A plain string (the schema of 0.1) is one text for both languages; a table needs zh and en.
        if isinstance(value, str):
            texts[field_name] = {"zh": value.strip(), "en": value.strip()} if value.strip() else {}
        elif isinstance(value, dict) and set(value) == set(LANGS) and all(isinstance(v, str) for v in value.values()):
            texts[field_name] = {lang: value[lang].strip() for lang in LANGS}
        else:
            raise _fail(file, f"rule {code}: {field_name} must be a string or a table of zh and en texts", text,
                        field_name)
    if not _strings(entry.get("aliases", [])):
        raise _fail(file, f"rule {code}: aliases must be a list of strings", text, "aliases")
    for lang, template in entry["message"].items():
        for placeholder in _PLACEHOLDER.findall(template):
            if placeholder not in kind.PLACEHOLDERS:
                raise _fail(
                    file, f"rule {code}: message.{lang} uses unknown placeholder {{{placeholder}}}", text,
                    "{" + placeholder + "}",
                )
    params = entry.get("params", {})
    choices = {p: v for (k, p), v in CHOICES.items() if k == kind_name}
    if hasattr(kind, "CHECKS"):
        choices["check"] = tuple(kind.CHECKS)
    problem = validate_params(kind.PARAMS, params, choices)
    if problem:
        raise _fail(file, f"rule {code}: params: {problem}", text, "params")
    examples = []
    listed = entry.get("examples", [])
    for example in listed if isinstance(listed, list) else [None]:
        documents = example.get("documents", []) if isinstance(example, dict) else None
        if (not isinstance(example, dict) or set(example) - EXAMPLE_KEYS or example.get("verdict") not in ("pass", "fail")
                or not isinstance(example.get("text", "" if documents else None), str)
                or not isinstance(example.get("note", ""), str) or not _strings(documents)
                or (documents and (len(documents) < 2 or kind_name != "crossdoc"))):
            raise _fail(file, f"rule {code}: an example needs verdict = pass|fail and text (or, for a crossdoc rule, "
                        "documents = [two or more texts])", text, "verdict")
        examples.append(Example(example["verdict"], example.get("text", ""), example.get("note", ""),
                                tuple(documents or ())))
    return Rule(
        code=code, name=entry["name"], kind=kind_name, severity=entry["severity"],
        summary=entry["summary"], message=entry["message"], description=texts["description"],
        rationale=texts["rationale"], aliases=tuple(entry.get("aliases", [])),
        params=params, examples=tuple(examples), file=file,
    )


def validate_params(schema: dict[str, tuple[type, object]], params: dict, choices: dict | None = None) -> str | None:
    """schema: name -> (type, default); a default of ... marks a required parameter. choices: name -> the
    values a string parameter may take."""
    if not isinstance(params, dict):
        return "must be a table"
    for name in params:
        if name not in schema:
            return f"unknown parameter '{name}'"
    for name, (kind, default) in schema.items():
        if name not in params:
            if default is ...:
                return f"missing parameter '{name}'"
            continue
        value = params[name]
        if kind is list and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            return f"'{name}' must be a list of strings"
        if kind is not list and not isinstance(value, kind):
            return f"'{name}' must be {kind.__name__}"
        allowed = (choices or {}).get(name)
        if allowed is not None and value not in allowed:
            return f"'{name}' must be one of {', '.join(allowed)} (got {value!r})"
    return None


@dataclass(slots=True, repr=False, eq=False)
class RuleSet:
    rules: list[Rule]

    def by_code(self) -> dict[str, Rule]:
        return {r.code: r for r in self.rules}

    def find(self, selector: str) -> list[Rule]:
        return [r for r in self.rules if r.selected_by(selector)]

    def select(self, select: list[str] | None = None, ignore: list[str] | None = None) -> "RuleSet":
        chosen = [r for r in self.rules if not select or any(r.selected_by(s) for s in select)]
        chosen = [r for r in chosen if not ignore or not any(r.selected_by(s) for s in ignore)]
        return RuleSet(chosen)


def load_rules(extra_dirs: list[str] | None = None) -> RuleSet:
    """The built-in rules (package data) and, optionally, a user's own rule files."""
    rules: list[Rule] = list(_builtin_rules())
    for directory in extra_dirs or []:
        for path in sorted(Path(directory).glob("*.toml")):
            try:
                text = read_text(path)
            except (OSError, UnicodeDecodeError) as exc:
                raise RuleFileError(f"{path}: cannot read: {exc}") from None
            rules.extend(parse_rules(text, str(path)))
    seen: dict[str, str] = {}
    for rule in rules:
        for ident in (rule.code, rule.name, *rule.aliases):
            if ident in seen:
                raise RuleFileError(f"{rule.file}: rule {rule.code}: '{ident}' is already used in {seen[ident]}")
            seen[ident] = rule.file
    return RuleSet(rules)


@lru_cache(maxsize=1)
def _builtin_rules() -> tuple[Rule, ...]:
    """The package's rule files, parsed once per process (a run asks for them more than once; rules are
    never changed in place: a severity override makes a new Rule)."""
    rules: list[Rule] = []
    package = resources.files("budgetaudit.rules")
    for entry in sorted(package.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".toml") and entry.name not in DATA_FILES:
            rules.extend(parse_rules(entry.read_text(encoding="utf-8"), f"rules/{entry.name}"))
    return tuple(rules)


@lru_cache(maxsize=1)
def load_hints() -> dict[str, dict[str, str]]:
    text = resources.files("budgetaudit.rules").joinpath("hints.toml").read_text(encoding="utf-8")
    return tomllib.loads(text).get("hints", {})
