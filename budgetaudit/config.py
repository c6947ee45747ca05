"""Settings: defaults, a configuration file, and the command line, each value remembering where it came from.

A configuration file is `.budgetaudit.toml`, `budgetaudit.toml`, or the `[tool.budgetaudit]` table of
`pyproject.toml`. The closest one wins: discovery walks up from the input's directory (for several
inputs, or standard input, from the current directory); in one directory the names are tried in that
order. `--config FILE` names one; `--isolated` ignores them all. Paths and globs in a file are relative
to the file's directory. The command line overrides the file (`--select` replaces `select`;
`--extend-select`, `--ignore` and `--exclude` add to the file's lists).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from .globs import check as glob_problem
from .tomlfile import TomlError, parse as parse_toml, read_text

CONFIG_NAMES = (".budgetaudit.toml", "budgetaudit.toml", "pyproject.toml")
SEVERITIES = ("error", "warning", "info")
LANGS = ("zh", "en")
# Plain text, and the formats budgetaudit[formats] reads (without that extra, such a file fails with a
# one-line message naming it).
DEFAULT_INCLUDE = ["*.txt", "*.md", "*.docx", "*.xlsx", "*.xls", "*.html", "*.htm", "*.pdf"]
# Always left out when walking a directory (version control, environments, caches).
BUILTIN_EXCLUDE = [".*", "node_modules", "__pycache__", "venv"]
KEYS = {
    "select", "extend-select", "ignore", "per-file-ignores", "severity", "fail-on", "fail-on-unchecked",
    "rules-dirs", "lang", "include", "exclude", "waivers", "link", "entities",
}
WAIVER_KEYS = {"fingerprint", "reason", "path", "until"}
DEFAULT = "default"
COMMAND_LINE = "command line"


class ConfigError(Exception):
    """A malformed configuration: one line naming the file and, where it can, the line."""


@dataclass(slots=True, eq=False)
class Waiver:
    fingerprint: str
    reason: str
    path: str | None = None  # a glob; None applies to every file
    origin: str = ""
    until: date | None = None  # the last day it applies; after it the finding is reported with a note

    def as_dict(self) -> dict:
        out = {"fingerprint": self.fingerprint, "reason": self.reason}
        if self.path is not None:
            out["path"] = self.path
        if self.until is not None:
            out["until"] = self.until.isoformat()
        out["origin"] = self.origin
        return out


@dataclass(slots=True, repr=False, eq=False)
class Settings:
    select: list[str] | None = None  # None: every rule
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    fail_on_unchecked: bool = False
    rules_dirs: list[str] = field(default_factory=list)
    lang: str = "zh"
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)
    link: bool = True  # link one body's documents and compare them (crossdoc.py); `--no-link` or link = false
    entities: dict[str, str] = field(default_factory=dict)  # [entities]: an alias -> its canonical name
    config_file: str | None = None
    root: str = ""  # the directory relative globs refer to: the config file's, else the current one
    origin: dict[str, str] = field(default_factory=dict)  # key -> "file:line", "command line" or "default"

    def where(self, key: str) -> str:
        return self.origin.get(key, DEFAULT)


# --------------------------------------------------------------------------- discovery


_TOOL_TABLE = r"^\s*\[\s*tool\.budgetaudit\s*[\].]"


def _has_tool_table(path: Path) -> bool:
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = parse_toml(text)
    except TomlError:
        # Another tool's broken file is passed over; one with a [tool.budgetaudit] table is ours to report
        # (it was passed over too, and its settings silently not applied).
        return _line_of(text, _TOOL_TABLE) is not None
    return isinstance(data.get("tool"), dict) and "budgetaudit" in data["tool"]


def discover(inputs: list[str], cwd: str | None = None) -> Path | None:
    """The closest configuration file: from the single input's directory, else from the current directory."""
    cwd = Path(cwd or os.getcwd())
    real = [p for p in inputs if p != "-"]
    if len(inputs) == 1 and real:
        start = Path(real[0])
        start = start if start.is_dir() else start.parent
        start = (cwd / start).resolve()
    else:
        start = cwd.resolve()
    for directory in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


# --------------------------------------------------------------------------- reading


def _line_of(text: str, pattern: str, after: int = 0) -> int | None:
    regex = re.compile(pattern)
    for number, line in enumerate(text.splitlines(), 1):
        if number > after and regex.search(line):
            return number
    return None


def _key_pattern(key: str) -> str:
    return rf"^\s*(?:\[+\s*(?:tool\.budgetaudit\.)?)?[\"']?{re.escape(key)}[\"']?\s*(?:=|\]|\.)"


class _Reader:
    """Validates one configuration table, naming file and line in every error."""

    def __init__(self, path: Path, text: str, table_line: int):
        self.path = path
        self.text = text
        self.table_line = table_line  # the [tool.budgetaudit] header in pyproject.toml, else 0

    def line(self, key: str, after: int | None = None) -> int | None:
        return _line_of(self.text, _key_pattern(key), self.table_line if after is None else after)

    def where(self, key: str, after: int | None = None) -> str:
        line = self.line(key, after)
        return f"{self.path}:{line}" if line else str(self.path)

    def error(self, key: str, message: str, after: int | None = None) -> ConfigError:
        return ConfigError(f"{self.where(key, after)}: {message}")

    def strings(self, key: str, value) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(key, f"'{key}' must be a list of strings")
        return [v.strip() for item in value for v in item.split(",") if v.strip()]

    def choice(self, key: str, value, choices) -> str:
        if value not in choices:
            raise self.error(key, f"'{key}' must be one of {', '.join(choices)} (got {value!r})")
        return value


def _read_table(path: Path) -> tuple[dict, str, int]:
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        data = parse_toml(text)
    except TomlError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "budgetaudit" not in tool:
            raise ConfigError(f"{path}: no [tool.budgetaudit] table")
        table_line = _line_of(text, _TOOL_TABLE) or 0
        return tool["budgetaudit"], text, max(table_line - 1, 0)
    return data, text, 0


def _shown(path: Path) -> Path:
    """A path as a user would write it: relative to the current directory when below it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else Path(rel)


def load_file(path: str | Path, settings: Settings | None = None) -> Settings:
    """Apply one configuration file to `settings` (defaults when None)."""
    path = _shown(Path(path))
    table, text, table_line = _read_table(path)
    reader = _Reader(path, text, table_line)
    out = replace(settings) if settings else Settings()
    out.origin = dict(out.origin)
    out.config_file = str(path)
    base = path.resolve().parent
    out.root = str(base)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.budgetaudit] must be a table")
    for key in table:
        if key not in KEYS:
            hint = f" (did you mean '{key.replace('_', '-')}'?)" if key.replace("_", "-") in KEYS else ""
            raise reader.error(key, f"unknown key '{key}'{hint}")
    for key, value in table.items():
        origin = reader.where(key)
        out.origin[key] = origin
        if key == "select":
            out.select = reader.strings(key, value)
        elif key == "extend-select":
            out.extend_select = reader.strings(key, value)
        elif key == "ignore":
            out.ignore = reader.strings(key, value)
        elif key in ("include", "exclude"):
            globs = reader.strings(key, value)
            for glob in globs:
                problem = glob_problem(glob)
                if problem:
                    raise reader.error(key, f"{key}: bad glob '{glob}': {problem}")
            setattr(out, key, globs)
        elif key == "fail-on":
            out.fail_on = reader.choice(key, value, SEVERITIES)
        elif key == "fail-on-unchecked":
            if not isinstance(value, bool):
                raise reader.error(key, "'fail-on-unchecked' must be true or false")
            out.fail_on_unchecked = value
        elif key == "lang":
            out.lang = reader.choice(key, value, LANGS)
        elif key == "rules-dirs":
            dirs = []
            for entry in reader.strings(key, value):
                directory = Path(os.path.normpath(base / entry))
                if not directory.is_dir():
                    raise reader.error(key, f"rules-dirs: '{entry}' is not a directory")
                dirs.append(str(_shown(directory)))
            out.rules_dirs = dirs
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise reader.error(key, "'per-file-ignores' must be a table of glob = [codes]")
            section = reader.line(key) or table_line
            out.per_file_ignores = {}
            for glob, codes in value.items():
                if isinstance(codes, str):
                    codes = [codes]
                if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                    raise reader.error(glob, f"per-file-ignores: '{glob}' must map to a list of codes", section)
                problem = glob_problem(glob)
                if problem:
                    raise reader.error(glob, f"per-file-ignores: bad glob '{glob}': {problem}", section)
                out.per_file_ignores[glob] = [c.strip() for item in codes for c in item.split(",") if c.strip()]
                out.origin[f"per-file-ignores.{glob}"] = reader.where(glob, section)
        elif key == "severity":
            if not isinstance(value, dict):
                raise reader.error(key, "'severity' must be a table of CODE = \"error|warning|info\"")
            section = reader.line(key) or table_line
            out.severity = {}
            for code, level in value.items():
                if level not in SEVERITIES:
                    raise reader.error(code, f"severity.{code} must be one of {', '.join(SEVERITIES)}", section)
                out.severity[code.strip().upper()] = level  # codes in any case
                out.origin[f"severity.{code.strip().upper()}"] = reader.where(code, section)
        elif key == "waivers":
            out.waivers = _waivers(reader, value)
        elif key == "link":
            if not isinstance(value, bool):
                raise reader.error(key, "'link' must be true or false")
            out.link = value
        elif key == "entities":
            out.entities = _entities(reader, value, table_line)
    return out


def _entities(reader: _Reader, value, table_line: int) -> dict[str, str]:
    """[entities]: "alias" = "canonical name", both normalised as linking compares names (link.py)."""
    from .link import normalise

    if not isinstance(value, dict):
        raise reader.error("entities", "'entities' must be a table of \"alias\" = \"canonical name\"")
    section = reader.line("entities") or table_line
    out = {}
    for alias, canonical in value.items():
        if not isinstance(canonical, str) or not canonical.strip():
            raise reader.error(alias, f"entities: '{alias}' must map to a name (a non-empty string)", section)
        name, _ = normalise(alias)
        target, _ = normalise(canonical)
        if not name or name == target:
            raise reader.error(alias, f"entities: '{alias}' must be another name than '{canonical}'", section)
        out[name] = target
    return out


def _waivers(reader: _Reader, value) -> list[Waiver]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise reader.error("waivers", "'waivers' must be an array of tables ([[waivers]])")
    out = []
    # Every [[waivers]] header's line, found in one pass (a search per waiver would grow with their square).
    header = re.compile(r"^\s*\[\[\s*(?:tool\.budgetaudit\.)?waivers\s*\]\]")
    headers = iter([number for number, line in enumerate(reader.text.splitlines(), 1)
                    if number > reader.table_line and header.search(line)])
    inline = None
    for entry in value:
        line = next(headers, None)
        if line is None:
            inline = reader.line("waivers") or 0 if inline is None else inline
            line = inline
        origin = f"{reader.path}:{line}" if line else str(reader.path)
        unknown = set(entry) - WAIVER_KEYS
        if unknown:
            raise ConfigError(f"{origin}: waiver: unknown key '{sorted(unknown)[0]}'")
        fingerprint = entry.get("fingerprint")
        if isinstance(fingerprint, str):
            fingerprint = fingerprint.lower()
        if not isinstance(fingerprint, str) or not re.fullmatch(r"[0-9a-f]{8,64}", fingerprint):
            raise ConfigError(f"{origin}: waiver: 'fingerprint' must be a finding's fingerprint (hex)")
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{origin}: waiver {fingerprint}: a 'reason' is required")
        path = entry.get("path")
        if path is not None and not isinstance(path, str):
            raise ConfigError(f"{origin}: waiver {fingerprint}: 'path' must be a glob string")
        problem = glob_problem(path) if path is not None else None
        if problem:
            raise ConfigError(f"{origin}: waiver {fingerprint}: bad glob '{path}': {problem}")
        until = entry.get("until")
        if isinstance(until, datetime) or (until is not None and not isinstance(until, date)):
            raise ConfigError(f"{origin}: waiver {fingerprint}: 'until' must be a TOML date (until = 2026-12-31)")
        out.append(Waiver(fingerprint, reason.strip(), path, origin, until))
    return out


def today() -> date:
    """Today's date, or BUDGETAUDIT_TODAY (YYYY-MM-DD) where set: tests and reproducible runs fix it."""
    fixed = os.environ.get("BUDGETAUDIT_TODAY", "")
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise ConfigError(f"BUDGETAUDIT_TODAY: '{fixed}' is not a date (YYYY-MM-DD)") from None
    return date.today()


# --------------------------------------------------------------------------- the command line


@dataclass(slots=True, repr=False, eq=False)
class Overrides:
    """What the command line says; None leaves the file's value."""

    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    fail_on: str | None = None
    fail_on_unchecked: bool | None = None
    lang: str | None = None
    include: list[str] | None = None
    exclude: list[str] | None = None


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def resolve(
    inputs: list[str], config: str | None = None, isolated: bool = False, overrides: Overrides | None = None,
    cwd: str | None = None,
) -> Settings:
    """Defaults, then the configuration file, then the command line."""
    settings = Settings(root=str(Path(cwd or os.getcwd()).resolve()))
    if config and not isolated:
        settings = load_file(config, settings)
    elif not isolated:
        found = discover(inputs, cwd)
        if found is not None:
            settings = load_file(found, settings)
    o = overrides or Overrides()
    cli = COMMAND_LINE
    if o.select is not None:
        settings.select = _split(o.select)
        settings.origin["select"] = cli
    if o.extend_select:
        settings.extend_select = settings.extend_select + _split(o.extend_select)
        settings.origin["extend-select"] = _joined(settings.origin.get("extend-select"), cli)
    if o.ignore:
        settings.ignore = settings.ignore + _split(o.ignore)
        settings.origin["ignore"] = _joined(settings.origin.get("ignore"), cli)
    for option, globs in (("--include", o.include), ("--exclude", o.exclude)):
        for glob in _split(globs) or []:
            problem = glob_problem(glob)
            if problem:
                raise ConfigError(f"{option}: bad glob '{glob}': {problem}")
    if o.include:
        settings.include = _split(o.include)
        settings.origin["include"] = cli
    if o.exclude:
        settings.exclude = settings.exclude + _split(o.exclude)
        settings.origin["exclude"] = _joined(settings.origin.get("exclude"), cli)
    for name, key in (("fail_on", "fail-on"), ("fail_on_unchecked", "fail-on-unchecked"), ("lang", "lang")):
        value = getattr(o, name)
        if value is not None:
            setattr(settings, name, value)
            settings.origin[key] = cli
    if settings.where("lang") == DEFAULT:
        from .messages import environment_lang

        lang, variable = environment_lang()
        if variable:
            settings.lang = lang
            settings.origin["lang"] = f"environment ({variable})"
    return settings


def _joined(before: str | None, now: str) -> str:
    return f"{before} + {now}" if before and before != DEFAULT else now
