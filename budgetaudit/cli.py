"""Command line: parse options, call the engine, hand the result to a format. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from . import __version__, compiled

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Check the arithmetic and cross-references of a budget or final-account disclosure (部门预算/决算公开).",
)


class Format(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    gitlab = "gitlab"
    markdown = "markdown"
    auto = "auto"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def fail(message: str) -> None:
    """One line on stderr and exit 2: bad input or a malformed rule file, never a traceback."""
    error(message)
    raise typer.Exit(2)


def error(message: str) -> None:
    from .escape import visible

    typer.echo(f"budgetaudit: error: {visible(message)}", err=True)


def warn(message: str) -> None:
    from .escape import visible

    typer.echo(f"budgetaudit: warning: {visible(message)}", err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetaudit {__version__} (compiled: {'yes' if compiled() else 'no'})")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """budgetaudit: a consistency auditor for Chinese government budget disclosures."""


def _rules(select: Optional[List[str]] = None, ignore: Optional[List[str]] = None):
    from .ruleset import RuleFileError, load_rules

    def split(values):
        return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]

    try:
        return load_rules().select(split(select), split(ignore))
    except RuleFileError as exc:
        fail(str(exc))


def _use_color(color: Color, stream=None) -> bool:
    if color is Color.always:
        return True
    if color is Color.never or os.environ.get("NO_COLOR"):
        return False
    return (stream or sys.stdout).isatty()


# Options shared by check, baseline and show-settings.
FILES = typer.Argument(..., help="Disclosure files or directories (walked for .txt .md .docx .xlsx .xls .html .htm .pdf); '-' reads standard input.")
LANG = typer.Option(None, "--lang", help="Language of the messages (default zh).")
FAIL_ON = typer.Option(None, "--fail-on", help="Exit 1 when a finding is at or above this severity (default error).")
FAIL_ON_UNCHECKED = typer.Option(None, "--fail-on-unchecked/--no-fail-on-unchecked", help="Exit 1 when a relation could not be checked.", show_default=False)
SELECT = typer.Option(None, "--select", help="Only these rules (codes, families such as PCT, names, ALL); replaces the config's select.")
EXTEND_SELECT = typer.Option(None, "--extend-select", help="Add these rules to the selection.")
IGNORE = typer.Option(None, "--ignore", help="Leave out these rules (added to the config's ignore).")
INCLUDE = typer.Option(None, "--include", help="Globs of the files to check in directories (replaces the default: every format budgetaudit reads).")
EXCLUDE = typer.Option(None, "--exclude", help="Globs of files and directories to leave out when walking (added to the config's).")
CONFIG = typer.Option(None, "--config", help="Use this configuration file instead of discovering one.")
ISOLATED = typer.Option(False, "--isolated", help="Ignore every configuration file.")
JOBS = typer.Option(1, "--jobs", "-j", help="Check files in N worker processes (0: one per core).", min=0)


def _settings(files, config, isolated, lang, fail_on, fail_on_unchecked, select, extend_select, ignore, include, exclude):
    """Effective settings and rules, or one line and exit 2."""
    from .config import ConfigError, Overrides, resolve, ruleset
    from .ruleset import RuleFileError

    overrides = Overrides(
        select=select, extend_select=extend_select, ignore=ignore, include=include, exclude=exclude,
        fail_on=fail_on.value if fail_on else None, fail_on_unchecked=fail_on_unchecked,
        lang=lang.value if lang else None,
    )
    try:
        settings = resolve(files, config, isolated, overrides)
        return settings, ruleset(settings)
    except (ConfigError, RuleFileError) as exc:
        fail(str(exc))


def _progress(total: int):
    """A progress bar on standard error, for batches on a terminal."""
    from contextlib import contextmanager

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    @contextmanager
    def bar(count: int):
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("budgetaudit", total=count)
            yield lambda path: progress.advance(task)

    return bar(total)


def _emit(text: str, output: Optional[str], inputs=()) -> None:
    if output:
        from .formats import write_atomic

        try:
            write_atomic(output, text, inputs)
        except OSError as exc:
            fail(f"{output}: cannot write: {exc.strerror or exc}")
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@app.command()
def check(
    files: List[str] = FILES,
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format; auto is github under GitHub Actions, else text."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically) instead of standard output."),
    lang: Optional[Lang] = LANG,
    fail_on: Optional[Severity] = FAIL_ON,
    fail_on_unchecked: Optional[bool] = FAIL_ON_UNCHECKED,
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even with findings (2 still means an input could not be read)."),
    select: Optional[List[str]] = SELECT,
    extend_select: Optional[List[str]] = EXTEND_SELECT,
    ignore: Optional[List[str]] = IGNORE,
    include: Optional[List[str]] = INCLUDE,
    exclude: Optional[List[str]] = EXCLUDE,
    config: Optional[str] = CONFIG,
    isolated: bool = ISOLATED,
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not in this baseline (see `budgetaudit baseline`)."),
    jobs: int = JOBS,
    list_files: bool = typer.Option(False, "--list-files", help="Print the files that would be checked and exit."),
    color: Color = typer.Option(Color.auto, "--color", help="Colour the text report."),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help="Refuse inputs larger than this many bytes (exit 2); default 104857600 (100 MB)."),
) -> None:
    """Check disclosures and report every inconsistency with its evidence."""
    from .baseline import BaselineError
    from .formats import Options, Output, OutputError, pieces, renderer
    from .run import Batch

    if max_bytes is not None:
        from .source import set_max_bytes

        set_max_bytes(max_bytes)

    settings, rules = _settings(files, config, isolated, lang, fail_on, fail_on_unchecked, select, extend_select,
                                ignore, include, exclude)
    if list_files:
        from .inputs import expand

        inputs, warnings = expand(files, settings.include, settings.exclude, settings.root)
        sys.stdout.write("".join(f"{item.path}\n" for item in inputs))
        for warning in warnings:
            warn(warning)
        raise typer.Exit(0)
    name = format.value
    if format is Format.auto:
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        batch = Batch(files, settings, rules, jobs, baseline)
    except BaselineError as exc:
        fail(str(exc))
    for warning in batch.warnings:
        warn(warning)
    options = Options(
        lang=settings.lang, color=False if output else _use_color(color), fail_on=settings.fail_on,
        fail_on_unchecked=settings.fail_on_unchecked, rules=tuple(rules.rules),
    )
    writer = renderer(name).Writer(options)
    # Each file's part is written once it and the files before it are checked. A progress bar only when
    # the report does not go to the same terminal.
    factory = _progress if sys.stderr.isatty() and (output or not sys.stdout.isatty()) else None
    try:
        with Output(output or None, inputs=[item.path for item in batch.inputs]) as out:
            for piece in pieces(writer, batch.reports(factory), batch.totals):
                out.write(piece)
    except OutputError as exc:
        fail(f"{output}: cannot write: {exc.strerror or exc}")
    totals = batch.totals
    for report in totals.unreadable:
        error(f"{report.path}: {report.error}")
    for waiver in totals.stale_waivers:
        warn(f"{waiver.origin}: waiver {waiver.fingerprint} matched no finding (stale)")
    raise typer.Exit(totals.exit_code(settings.fail_on, settings.fail_on_unchecked, exit_zero))


@app.command()
def baseline(
    files: List[str] = FILES,
    output: Optional[str] = typer.Option(None, "--output", "-o", help="The baseline file to write (default: standard output)."),
    lang: Optional[Lang] = LANG,
    select: Optional[List[str]] = SELECT,
    extend_select: Optional[List[str]] = EXTEND_SELECT,
    ignore: Optional[List[str]] = IGNORE,
    include: Optional[List[str]] = INCLUDE,
    exclude: Optional[List[str]] = EXCLUDE,
    config: Optional[str] = CONFIG,
    isolated: bool = ISOLATED,
    jobs: int = JOBS,
) -> None:
    """Write a baseline: every current finding's fingerprint with its count, so `check --baseline` reports only new ones."""
    from .baseline import Builder
    from .run import Batch

    settings, rules = _settings(files, config, isolated, lang, None, None, select, extend_select, ignore, include, exclude)
    batch = Batch(files, settings, rules, jobs)
    inputs = [item.path for item in batch.inputs]
    if output:
        from .formats import OutputError, target_kind

        try:
            target_kind(output, inputs)  # refused before the work, not after it
        except OutputError as exc:
            fail(f"{output}: cannot write: {exc.strerror or exc}")
    for warning in batch.warnings:
        warn(warning)
    builder = Builder(output or "baseline.json")
    factory = _progress if sys.stderr.isatty() else None
    for report in batch.reports(factory):
        builder.add(report)
    if batch.totals.unreadable:
        for report in batch.totals.unreadable:
            error(f"{report.path}: {report.error}")
        raise typer.Exit(2)
    _emit(builder.render(), output, inputs)
    if output:
        typer.echo(f"budgetaudit: wrote {builder.findings} finding(s) of {builder.reports} file(s) to {output}", err=True)


@app.command("show-settings")
def show_settings(
    files: Optional[List[str]] = typer.Argument(None, help="The inputs a check would get (they decide which configuration is found)."),
    lang: Optional[Lang] = LANG,
    fail_on: Optional[Severity] = FAIL_ON,
    fail_on_unchecked: Optional[bool] = FAIL_ON_UNCHECKED,
    select: Optional[List[str]] = SELECT,
    extend_select: Optional[List[str]] = EXTEND_SELECT,
    ignore: Optional[List[str]] = IGNORE,
    include: Optional[List[str]] = INCLUDE,
    exclude: Optional[List[str]] = EXCLUDE,
    config: Optional[str] = CONFIG,
    isolated: bool = ISOLATED,
) -> None:
    """Print the effective settings and where each came from (default, a configuration file and line, the command line)."""
    from .config import describe

    files = files or []
    settings, rules = _settings(files, config, isolated, lang, fail_on, fail_on_unchecked, select, extend_select,
                                ignore, include, exclude)
    sys.stdout.write(describe(settings, rules))


@app.command()
def show(
    file: str = typer.Argument(..., help="A disclosure text file ('-' for standard input)."),
) -> None:
    """Show what was read: every fact, total, share and change, and the rebuilt tables."""
    from .engine import read_document
    from .show import render
    from .source import InputError, load

    try:
        source = load(file)
    except InputError as exc:
        fail(f"{file}: {exc}")
    sys.stdout.write(render(read_document(source)))


@app.command("rules")
def list_rules(
    format: str = typer.Option("text", "--format", "-f", help="text or markdown (the docs/rules.md reference)."),
) -> None:
    """List every rule."""
    from .ruledocs import markdown, table

    ruleset = _rules()
    if format not in ("text", "markdown"):
        fail(f"unknown format '{format}' (text or markdown)")
    sys.stdout.write(markdown(ruleset) if format == "markdown" else table(ruleset))


@app.command()
def explain(
    code: str = typer.Argument(..., help="A rule code (PCT002), name (rate-matches-change) or alias."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the summary."),
) -> None:
    """Print a rule's documentation with a passing and a failing example."""
    from .ruledocs import explain as explain_rule

    rules = _rules().find(code)
    if not rules:
        fail(f"no rule '{code}' (see `budgetaudit rules`)")
    sys.stdout.write("\n".join(explain_rule(rule, lang.value) for rule in rules))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
