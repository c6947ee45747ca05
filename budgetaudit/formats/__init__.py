"""Output formats: one module per format, each with a `Writer` and render(result, options) -> str.

A report is written as the run goes: `Writer(options)`, then `start()`, `file(report)` for each file in
path order and `end(totals)` (run.Totals: the counts, skipped files, waivers and baseline of the whole
run), each giving the text that comes next. A format that is one document (json, sarif, junit, gitlab,
markdown) writes its head, then each file's part, then its tail; a part it must place after something
only the end knows (a table of every file, totals in the first tag) waits in a spool that stays in
memory while small and goes to a temporary file when large. So a run keeps no file's report once it is
written. `render` joins the same pieces for a whole `run.Result`.

No format prints a timestamp or a duration: the same inputs give the same bytes, serial or parallel.
"""

from __future__ import annotations

import codecs
import json as _json  # not `json`: the submodule formats.json takes that name in this package
import os
import tempfile
from dataclasses import dataclass
from importlib import import_module
from typing import Iterable, Iterator

from .output import Output, OutputError, target_kind, write_atomic  # noqa: F401 (the package's interface)

FORMATS = ("text", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown", "html")
# Formats that write documents of their own (a binary file per input, through Writer.output), never standard
# output and never a string: each needs -o, and has no render().
FILE_FORMATS = ("docx",)


class MissingExtra(Exception):
    """A format's optional library is not installed (the argument: the format as people know it, e.g. Word .docx)."""


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
    if name not in FORMATS and name not in FILE_FORMATS:
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


# --------------------------------------------------------------------------- the streaming protocol


class Writer:
    """One format, written piece by piece: start(), file(report) for each file in path order, end(totals).

    Each call returns the text to write next (end: an iterable of pieces, so a spooled part is copied
    in chunks); close() releases what a writer spooled. A writer keeps no report after file() returns.
    """

    def __init__(self, options: Options | None = None, version: str | None = None):
        from .. import __version__

        self.options = options or Options()
        self.version = version or __version__  # the tool's version, printed in some heads

    def start(self) -> str:
        return ""

    def file(self, report) -> str:
        return ""

    def end(self, totals) -> Iterable[str]:
        return ()

    def close(self) -> None:
        pass

    def output(self, path: str | None, inputs=()) -> Output:
        """Where the pieces go: standard output (None) or the file `path`, written atomically (a format of
        FILE_FORMATS says where its own files go)."""
        return Output(path, inputs=inputs)


def parse_outputs(default_format: str, values: list[str]) -> list[tuple[str, str | None]]:
    """(format, path) of every report of a run; path None is standard output.

    `--output FILE` sends the `--format` report to FILE (as before); `--output FORMAT=FILE` (repeatable, the
    format in any case) adds a report in that format, and then the `--format` report still goes to standard
    output. A value that is not FORMAT=… is a path. Raises ValueError(value) for an empty path."""
    plain: list[str] = []
    extra: list[tuple[str, str | None]] = []
    for value in values:
        name, sep, path = value.partition("=")
        if sep and name.strip().lower() in FORMATS + FILE_FORMATS:
            if not path:
                raise ValueError(value)
            extra.append((name.strip().lower(), path))
        elif value:
            plain.append(value)
        else:
            raise ValueError(value)
    if len(plain) > 1:
        raise ValueError(plain[1])
    return [(default_format, plain[0] if plain else None)] + extra


class Targets:
    """Several reports of one run, each a Writer with its Output, fed the same reports once."""

    def __init__(self, writers: list[tuple[Writer, str | None]], inputs=()):
        self.writers = writers
        self.inputs = inputs  # the run's inputs: no report may replace one

    def write(self, reports: Iterable, totals) -> None:
        outputs: list[Output] = []
        try:
            for writer, path in self.writers:
                outputs.append(writer.output(path, self.inputs))
            for (writer, _), out in zip(self.writers, outputs):
                out.write(writer.start())
            for report in reports:
                for (writer, _), out in zip(self.writers, outputs):
                    out.write(writer.file(report))
            for (writer, _), out in zip(self.writers, outputs):
                for piece in writer.end(totals):
                    out.write(piece)
            for out in outputs:
                out.commit()
        finally:
            for writer, _ in self.writers:
                writer.close()
            for out in outputs:
                out.discard()


def pieces(writer: Writer, reports: Iterable, totals) -> Iterator[str]:
    """The whole report, piece by piece. `totals` is read only after `reports` is exhausted, so a run may
    fill it while it yields its reports."""
    try:
        yield writer.start()
        for report in reports:
            yield writer.file(report)
        yield from writer.end(totals)
    finally:
        writer.close()


def render_with(writer_class, result, options: Options | None = None) -> str:
    """A whole run.Result rendered through a format's Writer (what each module's render() does)."""
    totals = totals_of(result)
    return "".join(pieces(writer_class(options, totals.version), result.files, totals))


def totals_of(result):
    """run.Totals of a Result (or of anything with `files` and, optionally, the Result's other fields)."""
    totals = getattr(result, "totals", None)
    if callable(totals):
        return totals()
    from ..run import Totals

    out = Totals()
    for report in result.files:
        out.add(report)
    for name in ("version", "skipped", "waived", "baselined", "stale_waivers", "warnings"):
        if hasattr(result, name):
            setattr(out, name, getattr(result, name))
    return out


class Spool:
    """Text kept for later: in memory while small, in an anonymous temporary file beyond `limit` bytes.

    add() returns the byte range of what it stored, so parts can be read back in another order."""

    def __init__(self, limit: int = 1 << 20):
        self._file = tempfile.SpooledTemporaryFile(max_size=limit, mode="w+b")
        self.size = 0

    def add(self, text: str) -> tuple[int, int]:
        data = text.encode("utf-8")
        start = self.size
        self._file.write(data)
        self.size += len(data)
        return start, self.size

    def read(self, start: int = 0, end: int | None = None, chunk: int = 1 << 16) -> Iterator[str]:
        """The text between two offsets given by add(), in chunks."""
        end = self.size if end is None else end
        decoder = codecs.getincrementaldecoder("utf-8")()
        self._file.seek(start)
        position = start
        while position < end:
            data = self._file.read(min(chunk, end - position))
            if not data:
                break
            position += len(data)
            text = decoder.decode(data)
            if text:
                yield text
        text = decoder.decode(b"", final=True)
        if text:
            yield text
        self._file.seek(0, os.SEEK_END)

    def close(self) -> None:
        self._file.close()


# --------------------------------------------------------------------------- JSON written one item at a time


def dumps(value) -> str:
    """Every JSON format prints this way: json.dumps(value, ensure_ascii=False, indent=2), byte for byte.

    json indents only in pure Python, a generator per level; the reports are dicts, lists, strings,
    ints, booleans and None, which _indented writes with json's own C string encoder in about half the
    time (the main process of a parallel batch writes every file's report). Anything else (a float, a
    key that is not a string) goes to json itself."""
    try:
        return _indented(value, "\n")
    except _NotPlain:
        return _json.dumps(value, ensure_ascii=False, indent=2)


class _NotPlain(Exception):
    pass


_encode_string = _json.encoder.encode_basestring  # the C encoder where present, as json.dumps uses


def _indented(value, newline: str) -> str:
    """`value` as json.dumps(…, indent=2) prints it, where `newline` is a line break and the current
    indentation."""
    if isinstance(value, str):
        return _encode_string(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    inner = newline + "  "
    if kind is dict:
        if not value:
            return "{}"
        parts = []
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            parts.append(_encode_string(key) + ": " + _indented(item, inner))
        return "{" + inner + ("," + inner).join(parts) + newline + "}"
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        return "[" + inner + ("," + inner).join([_indented(item, inner) for item in value]) + newline + "]"
    raise _NotPlain


class JsonList:
    """One list of a JSON document, written item by item as json.dumps(document, indent=2) prints it.

    The document is given with a marker in place of the list: head() is the text before the list (its
    keys are final when the writer starts), item() each item with its separator, tail(document) the
    closing bracket and the rest of the document (its keys may be known only at the end)."""

    MARKER = "\x00budgetaudit: the list streamed here\x00"

    def __init__(self):
        self.count = 0
        self._prefix = "\n  "
        self._close = "\n"

    def _split(self, document) -> tuple[str, str]:
        text = dumps(document)
        marker = dumps(self.MARKER)
        at = text.index(marker)
        line = text[text.rfind("\n", 0, at) + 1:at]
        depth = len(line) - len(line.lstrip(" "))  # the indentation of the list's own line
        self._prefix = "\n" + " " * (depth + 2)
        self._close = "\n" + " " * depth
        return text[:at], text[at + len(marker):]

    def head(self, document) -> str:
        return self._split(document)[0] + "["

    def item(self, value) -> str:
        text = self._prefix + dumps(value).replace("\n", self._prefix)
        self.count += 1
        return text if self.count == 1 else "," + text

    def tail(self, document) -> str:
        rest = self._split(document)[1]
        return (self._close + "]" if self.count else "]") + rest


# --------------------------------------------------------------------------- where a report goes
