"""`budgetaudit waive`: append a waiver to the configuration file a check would discover.

The file is the one discovery finds from the current folder (or --config); when there is none,
`.budgetaudit.toml` is created in the current folder. The waiver is appended as text, so the file's own
comments and layout stay as they are; in a pyproject.toml it goes under [[tool.budgetaudit.waivers]]."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

from .config import ConfigError, discover, load_file
from .tomlfile import TomlError, parse, read_text


class WaiveError(Exception):
    """The waiver cannot be written: one line, exit 2."""


def _toml_string(text: str) -> str:
    """A TOML basic string (quotes, backslashes and control characters escaped)."""
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def waiver_text(fingerprint: str, reason: str, until: date | None, path: str | None, table: str) -> str:
    lines = [f"[[{table}]]", f"fingerprint = {_toml_string(fingerprint)}", f"reason = {_toml_string(reason)}"]
    if until is not None:
        lines.append(f"until = {until.isoformat()}")
    if path is not None:
        lines.append(f"path = {_toml_string(path)}")
    return "\n".join(lines) + "\n"


def append_waiver(fingerprint: str, reason: str, until: str | None, path: str | None, config: str | None,
                  lang: str = "zh") -> str:
    """Append one waiver; return the file written."""
    from .messages import section

    words = section(lang, "cli")
    fingerprint = fingerprint.strip().lower()
    if not re.fullmatch(r"[0-9a-f]{8,64}", fingerprint):
        raise WaiveError(words["bad_fingerprint"].format(fingerprint=fingerprint))
    if not reason.strip():
        raise WaiveError(words["reason_required"])
    day = None
    if until is not None:
        try:
            day = date.fromisoformat(until)
        except ValueError:
            raise WaiveError(words["bad_date"].format(date=until)) from None
    target = Path(config) if config else discover([], os.getcwd())
    if target is None:
        target = Path(".budgetaudit.toml")
    table = "tool.budgetaudit.waivers" if target.name == "pyproject.toml" else "waivers"
    before = ""
    if target.exists():
        try:
            before = read_text(target)
            parse(before)  # an integer of 5,000 digits or arrays nested 5,000 deep: one line, not a traceback
        except (OSError, UnicodeDecodeError, TomlError) as exc:
            raise WaiveError(f"{target}: {exc}") from None
    separator = "" if not before else ("\n" if before.endswith("\n") else "\n\n")
    text = before + separator + waiver_text(fingerprint, reason.strip(), day, path, table)
    try:
        parse(text)
    except TomlError as exc:  # e.g. an inline `waivers = [...]` already in the file
        raise WaiveError(f"{target}: {exc}") from None
    from .formats import write_atomic

    try:
        write_atomic(str(target), text)
    except OSError as exc:
        raise WaiveError(f"{target}: {exc.strerror or exc}") from None
    try:
        load_file(target)  # the file must still be a valid configuration
    except ConfigError as exc:
        write_atomic(str(target), before) if before else target.unlink()
        raise WaiveError(str(exc)) from None
    return str(target)
