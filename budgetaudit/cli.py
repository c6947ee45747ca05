"""Command line: parse options, call the engine, hand the result to a format. Nothing else lives here.

Help, usage and click's own messages speak the language interface.py decides before parsing (--lang, else
the locale); everything a run prints speaks the run's language (--lang, the configuration, the locale)."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from . import __version__, compiled
from .interface import HELP, LANG, METAVAR, Command, Group, install
from .terminal import progress, use_color

install()
app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help=HELP["app"],
)


def command(*args, **kwargs):
    return app.command(*args, cls=Command, **kwargs)


class Format(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    gitlab = "gitlab"
    markdown = "markdown"
    html = "html"
    docx = "docx"
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


def _cli_words(lang: str | None = None) -> dict[str, str]:
    from .messages import section

    return section(lang or LANG, "cli")


def fail(message: str, lang: str | None = None) -> None:
    """One line on stderr and exit 2: bad input or a malformed rule file, never a traceback."""
    error(message, lang)
    raise typer.Exit(2)


def error(message: str, lang: str | None = None) -> None:
    from .escape import visible

    typer.echo(f"budgetaudit: {_cli_words(lang)['error']}{visible(message)}", err=True)


def warn(message: str, lang: str | None = None) -> None:
    from .escape import visible
    from .messages import input_error

    # A warning about the inputs (inputs.py: a folder with nothing to check) is English from the library.
    typer.echo(f"budgetaudit: {_cli_words(lang)['warning']}{visible(input_error(message, lang or LANG))}", err=True)


def _why(exc: OSError, lang: str) -> str:
    """Why a report or file cannot be written, in `lang` (formats/output.py's reasons, the system's)."""
    from .messages import reason

    return reason(str(exc.strerror or exc), lang)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetaudit {__version__} (compiled: {'yes' if compiled() else 'no'})")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help=HELP["version"]),
) -> None:
    pass


def _rules(lang: str, select: Optional[List[str]] = None, ignore: Optional[List[str]] = None):
    from .ruleset import RuleFileError, load_rules

    def split(values):
        return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]

    try:
        return load_rules().select(split(select), split(ignore))
    except RuleFileError as exc:
        from .messages import config_error

        fail(config_error(str(exc), lang), lang)


def _lang(lang: Optional[Lang]) -> str:
    """The language of a command that reads no configuration: --lang, else the locale."""
    from .messages import environment_lang

    return lang.value if lang else environment_lang()[0]


# Options shared by check, baseline and show-settings.
FILES = typer.Argument(..., help=HELP["files"], metavar=METAVAR["files"])
LANG_OPTION = typer.Option(None, "--lang", help=HELP["lang"])
FAIL_ON = typer.Option(None, "--fail-on", help=HELP["fail_on"])
FAIL_ON_UNCHECKED = typer.Option(None, "--fail-on-unchecked/--no-fail-on-unchecked", help=HELP["fail_on_unchecked"], show_default=False)
SELECT = typer.Option(None, "--select", help=HELP["select"], metavar=METAVAR["code"])
EXTEND_SELECT = typer.Option(None, "--extend-select", help=HELP["extend_select"], metavar=METAVAR["code"])
IGNORE = typer.Option(None, "--ignore", help=HELP["ignore"], metavar=METAVAR["code"])
INCLUDE = typer.Option(None, "--include", help=HELP["include"], metavar=METAVAR["glob"])
EXCLUDE = typer.Option(None, "--exclude", help=HELP["exclude"], metavar=METAVAR["glob"])
CONFIG = typer.Option(None, "--config", help=HELP["config"], metavar=METAVAR["file"])
ISOLATED = typer.Option(False, "--isolated", help=HELP["isolated"])
JOBS = typer.Option(1, "--jobs", "-j", help=HELP["jobs"], min=0, metavar=METAVAR["n"])


def _settings(files, config, isolated, lang, fail_on, fail_on_unchecked, select, extend_select, ignore, include, exclude):
    """Effective settings and rules, or one line and exit 2."""
    from .config import ConfigError, Overrides, resolve
    from .selection import ruleset
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
        from .messages import config_error

        language = lang.value if lang else _lang(None)
        fail(config_error(str(exc), language), language)


def _emit(text: str, output: Optional[str], lang: str, inputs=()) -> None:
    if output:
        from .formats import write_atomic

        try:
            write_atomic(output, text, inputs)
        except OSError as exc:
            fail(_cli_words(lang)["cannot_write"].format(path=output, reason=_why(exc, lang)), lang)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


@command(help=HELP["check"])
def check(
    files: List[str] = FILES,
    format: Format = typer.Option(Format.text, "--format", "-f", help=HELP["format"]),
    output: Optional[List[str]] = typer.Option(None, "--output", "-o", help=HELP["output"], metavar=METAVAR["output"]),
    lang: Optional[Lang] = LANG_OPTION,
    fail_on: Optional[Severity] = FAIL_ON,
    fail_on_unchecked: Optional[bool] = FAIL_ON_UNCHECKED,
    exit_zero: bool = typer.Option(False, "--exit-zero", help=HELP["exit_zero"]),
    select: Optional[List[str]] = SELECT,
    extend_select: Optional[List[str]] = EXTEND_SELECT,
    ignore: Optional[List[str]] = IGNORE,
    include: Optional[List[str]] = INCLUDE,
    exclude: Optional[List[str]] = EXCLUDE,
    config: Optional[str] = CONFIG,
    isolated: bool = ISOLATED,
    baseline: Optional[str] = typer.Option(None, "--baseline", help=HELP["baseline_option"], metavar=METAVAR["file"]),
    jobs: int = JOBS,
    list_files: bool = typer.Option(False, "--list-files", help=HELP["list_files"]),
    color: Color = typer.Option(Color.auto, "--color", help=HELP["color"]),
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", min=1, help=HELP["max_bytes"], metavar=METAVAR["bytes"]),
    skip_non_disclosures: bool = typer.Option(False, "--skip-non-disclosures", help=HELP["skip_non_disclosures"]),
    no_link: bool = typer.Option(False, "--no-link", help=HELP["no_link"]),
) -> None:
    from .baseline import BaselineError
    from .config import ConfigError
    from .formats import FILE_FORMATS, FORMATS, MissingExtra, Options, OutputError, Targets, parse_outputs, renderer
    from .run import Batch

    if max_bytes is not None:
        from .source import set_max_bytes

        set_max_bytes(max_bytes)

    settings, rules = _settings(files, config, isolated, lang, fail_on, fail_on_unchecked, select, extend_select,
                                ignore, include, exclude)
    words = _cli_words(settings.lang)
    if list_files:
        from .inputs import expand

        inputs, warnings = expand(files, settings.include, settings.exclude, settings.root)
        sys.stdout.write("".join(f"{item.path}\n" for item in inputs))
        for warning in warnings:
            warn(warning, settings.lang)
        raise typer.Exit(0)
    name = format.value
    if format is Format.auto:
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    try:
        outputs = parse_outputs(name, output or [])
    except ValueError as exc:
        fail(words["bad_output"].format(value=str(exc), formats=", ".join(FORMATS + FILE_FORMATS)), settings.lang)
    for fmt, path in outputs:
        if path is None and fmt in FILE_FORMATS:  # a .docx never goes to standard output
            fail(words["needs_path"].format(format=fmt), settings.lang)
    try:
        # The html report shows each document's text and checked figures: kept only when it is asked for.
        batch = Batch(files, settings, rules, jobs, baseline, skip_non_disclosures=skip_non_disclosures,
                      view=any(fmt == "html" for fmt, _ in outputs), link=False if no_link else None)
    except (BaselineError, ConfigError) as exc:
        from .messages import config_error

        fail(config_error(str(exc), settings.lang), settings.lang)
    for warning in batch.warnings:
        warn(warning, settings.lang)

    def options(to_terminal: bool) -> Options:
        return Options(
            lang=settings.lang, color=use_color(color.value) if to_terminal else False, fail_on=settings.fail_on,
            fail_on_unchecked=settings.fail_on_unchecked, rules=tuple(rules.rules),
        )

    try:
        targets = Targets([(renderer(fmt).Writer(options(path is None)), path) for fmt, path in outputs],
                          inputs=[item.path for item in batch.inputs])
    except MissingExtra as exc:
        from .readers import EXTRA

        fail(words["needs_extra"].format(kind=exc.args[0], extra=EXTRA), settings.lang)
    # Each file's part is written once it and the files before it are checked. A progress bar only when
    # no report goes to the same terminal.
    to_stdout = [fmt for fmt, path in outputs if path is None]
    factory = progress if sys.stderr.isatty() and (not to_stdout or not sys.stdout.isatty()) else None
    try:
        targets.write(batch.reports(factory), batch.totals)
    except OutputError as exc:
        fail(words["cannot_write"].format(path=exc.filename or "", reason=_why(exc, settings.lang)), settings.lang)
    totals = batch.totals
    for report in totals.unreadable:
        error(f"{report.path}: {report.error}", settings.lang)
    for waiver in totals.stale_waivers:
        warn(words["stale_waiver"].format(origin=waiver.origin, fingerprint=waiver.fingerprint), settings.lang)
    if not any(fmt in ("text", "concise") for fmt in to_stdout):
        # The summary line, once: the text and concise reports on standard output end with it already.
        from .messages import section

        line = section(settings.lang, "report")["summary"].format(checked=totals.checked, **totals.summary())
        typer.echo(words["summary"].format(line=line), err=True)
    raise typer.Exit(totals.exit_code(settings.fail_on, settings.fail_on_unchecked, exit_zero))



@command(help=HELP["baseline"])
def baseline(
    files: List[str] = FILES,
    output: Optional[str] = typer.Option(None, "--output", "-o", help=HELP["baseline_output"], metavar=METAVAR["file"]),
    lang: Optional[Lang] = LANG_OPTION,
    select: Optional[List[str]] = SELECT,
    extend_select: Optional[List[str]] = EXTEND_SELECT,
    ignore: Optional[List[str]] = IGNORE,
    include: Optional[List[str]] = INCLUDE,
    exclude: Optional[List[str]] = EXCLUDE,
    config: Optional[str] = CONFIG,
    isolated: bool = ISOLATED,
    jobs: int = JOBS,
) -> None:
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
            fail(_cli_words(settings.lang)["cannot_write"].format(path=output, reason=_why(exc, settings.lang)),
                 settings.lang)
    for warning in batch.warnings:
        warn(warning, settings.lang)
    builder = Builder(output or "baseline.json")
    factory = progress if sys.stderr.isatty() else None
    for report in batch.reports(factory):
        builder.add(report)
    for report in batch.totals.cross_document:
        builder.add(report, across=True)
    if batch.totals.unreadable:
        for report in batch.totals.unreadable:
            error(f"{report.path}: {report.error}", settings.lang)
        raise typer.Exit(2)
    _emit(builder.render(), output, settings.lang, inputs)
    if output:
        message = _cli_words(settings.lang)["baseline_written"].format(
            findings=builder.findings, files=builder.reports, path=output)
        typer.echo(f"budgetaudit: {message}", err=True)


@command("show-settings", help=HELP["show_settings"])
def show_settings(
    files: Optional[List[str]] = typer.Argument(None, help=HELP["show_settings_files"], metavar=METAVAR["files"]),
    lang: Optional[Lang] = LANG_OPTION,
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
    from .selection import describe

    files = files or []
    settings, rules = _settings(files, config, isolated, lang, fail_on, fail_on_unchecked, select, extend_select,
                                ignore, include, exclude)
    sys.stdout.write(describe(settings, rules))


@command(help=HELP["show"])
def show(
    files: List[str] = typer.Argument(..., help=HELP["show_file"], metavar=METAVAR["file"]),
    lang: Optional[Lang] = LANG_OPTION,
    entities: bool = typer.Option(False, "--entities", help=HELP["show_entities"]),
    config: Optional[str] = CONFIG,
    isolated: bool = ISOLATED,
) -> None:
    from .engine import read_document
    from .readers import read
    from .show import render
    from .source import InputError

    language = _lang(lang)
    if entities:
        from .config import ConfigError, resolve
        from .show import entities as render_entities

        try:
            settings = resolve(files, config, isolated)
        except ConfigError as exc:
            from .messages import config_error

            fail(config_error(str(exc), language), language)
        sys.stdout.write(render_entities(files, settings, language))
        return
    if len(files) != 1:
        fail(_cli_words(language)["show_one"], language)
    file = files[0]
    try:
        source, native_tables = read(file)
    except InputError as exc:
        from .messages import input_error

        fail(f"{file}: {input_error(str(exc), language)}", language)
    sys.stdout.write(render(read_document(source, native_tables=native_tables), language))


@command("rules", help=HELP["rules"])
def list_rules(
    format: str = typer.Option("text", "--format", "-f", help=HELP["rules_format"], metavar="<text|markdown>"),
    lang: Optional[Lang] = LANG_OPTION,
) -> None:
    from .ruledocs import markdown, table

    language = _lang(lang)
    ruleset = _rules(language)
    if format not in ("text", "markdown"):
        fail(_cli_words(language)["unknown_format"].format(format=format), language)
    sys.stdout.write(markdown(ruleset) if format == "markdown" else table(ruleset, language))


@command(help=HELP["explain"])
def explain(
    code: str = typer.Argument(..., help=HELP["explain_code"], metavar=METAVAR["code"]),
    lang: Optional[Lang] = LANG_OPTION,
) -> None:
    from .ruledocs import explain as explain_rule

    language = _lang(lang)
    rules = _rules(language).find(code)
    if not rules:
        fail(_cli_words(language)["no_rule"].format(code=code), language)
    sys.stdout.write("\n".join(explain_rule(rule, language) for rule in rules))


@command(help=HELP["waive"])
def waive(
    fingerprint: str = typer.Argument(..., help=HELP["waive_fingerprint"], metavar=METAVAR["fingerprint"]),
    reason: str = typer.Option(..., "--reason", help=HELP["waive_reason"], metavar=METAVAR["reason"]),
    until: Optional[str] = typer.Option(None, "--until", help=HELP["waive_until"], metavar=METAVAR["date"]),
    path: Optional[str] = typer.Option(None, "--path", help=HELP["waive_path"], metavar=METAVAR["file"]),
    config: Optional[str] = CONFIG,
    lang: Optional[Lang] = LANG_OPTION,
) -> None:
    from .waive import WaiveError, append_waiver

    language = _lang(lang)
    try:
        written = append_waiver(fingerprint, reason, until, path, config, language)
    except WaiveError as exc:
        from .messages import config_error

        fail(config_error(str(exc), language), language)
    message = _cli_words(language)["waiver_written"].format(fingerprint=fingerprint.lower(), path=written)
    typer.echo(f"budgetaudit: {message}", err=True)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
