"""Output formats: one module per format, each with render(result, options) -> str.

No format prints a timestamp or a duration: the same inputs give the same bytes, serial or parallel.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from importlib import import_module

FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown")


@dataclass
class Options:
    lang: str = "zh"
    color: bool = False
    width: int = 120
    fail_on: str = "error"  # junit: what counts as a failure
    fail_on_unchecked: bool = False
    rules: tuple = ()  # the Rule objects of the run (sarif's rules section)


def renderer(name: str):
    """The module of a format, imported only when used (keeps start-up fast)."""
    if name not in FORMATS:
        raise ValueError(f"unknown format '{name}'")
    return import_module(f".{name}", __name__)


def coordinates(span) -> str:
    """The source's own coordinates of a span, when a reader gave them: 'Sheet1!D14', 'p. 3', 'table 2 r4c5'."""
    parts = []
    if getattr(span, "page", None) is not None:
        parts.append(f"p. {span.page}")
    sheet, cell = getattr(span, "sheet", None), getattr(span, "cell", None)
    if sheet is not None or cell is not None:
        parts.append(f"{sheet}!{cell}" if sheet is not None and cell is not None else str(sheet if cell is None else cell))
    table, row, column = getattr(span, "table", None), getattr(span, "row", None), getattr(span, "table_column", None)
    if table is not None:
        cell_part = f" r{row}c{column}" if row is not None and column is not None else ""
        parts.append(f"table {table}{cell_part}")
    return ", ".join(parts)


def write_atomic(path: str, text: str) -> None:
    """Write a report so that readers see the old file or the new one, never half of it."""
    target = os.path.abspath(path)
    directory = os.path.dirname(target)
    try:
        mode = os.stat(target).st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
