"""Command line: parse options, call the engine, hand the result to a format. Nothing else lives here."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="Check the arithmetic and cross-references of a budget or final-account disclosure (部门预算/决算公开).",
)


class Format(str, Enum):
    text = "text"
    json = "json"


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
    typer.echo(f"budgetaudit: error: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetaudit {__version__}")
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


def _use_color(color: Color) -> bool:
    if color is Color.always:
        return True
    if color is Color.never or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


@app.command()
def check(
    files: List[str] = typer.Argument(..., help="Disclosure text files; '-' reads standard input."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Report format."),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Language of the messages."),
    fail_on: Severity = typer.Option(Severity.error, "--fail-on", help="Exit 1 when a finding is at or above this severity."),
    fail_on_unchecked: bool = typer.Option(False, "--fail-on-unchecked", help="Exit 1 when a relation could not be checked."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (codes, families such as PCT, or names)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Leave out these rules."),
    color: Color = typer.Option(Color.auto, "--color", help="Colour the text report."),
) -> None:
    """Check disclosures and report every inconsistency with its evidence."""
    from .formats import renderer
    from .run import check_paths

    ruleset = _rules(select, ignore)
    result = check_paths(files, ruleset, lang.value)
    if format is Format.text:
        from .formats.text import Options

        output = renderer("text").render(result, Options(lang=lang.value, color=_use_color(color)))
    else:
        output = renderer(format.value).render(result)
    sys.stdout.write(output)
    sys.stdout.flush()
    for report in result.unreadable:
        typer.echo(f"budgetaudit: error: {report.path}: {report.error}", err=True)
    raise typer.Exit(result.exit_code(fail_on.value, fail_on_unchecked))


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
