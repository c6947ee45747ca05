"""The command line's own words in the run's language: help, usage and click's messages.

The language of help and of usage errors is decided before the command line is parsed: `--lang` on the
command line, else LC_ALL/LC_MESSAGES/LANG (words.py). Click's own strings (Usage, Options, the help
option, "Missing argument", …) are overridden here, not translated by gettext catalogues: typer's
`_` is replaced by a lookup in budgetaudit/words.toml, the usage line and the help option are written by
our Command and Group classes, and a usage error is shown by our `show`, which puts the vendored click's
English message in words of the table. Command names, option names and choice values stay as they are.
"""

from __future__ import annotations

import re
import sys

import typer.core
from typer._click import exceptions as click_exceptions
from typer._click.utils import echo

from .words import LANGS, argv_lang, environment_lang, section


def interface_lang(argv: list[str] | None = None) -> str:
    lang = argv_lang(sys.argv[1:] if argv is None else argv)
    return lang if lang in LANGS else environment_lang()[0]


LANG = interface_lang()
HELP = section(LANG, "help")
METAVAR = section(LANG, "metavar")
CLICK = section(LANG, "click")

# typer's own strings (typer.core calls `_`) by their English text.
_TYPER_STRINGS = {
    "(dynamic)": "dynamic", "Aborted!": "aborted", "default: {default}": "default", "required": "required",
    "env var: {var}": "env_var", "Arguments": "arguments", "Options": "options", "Commands": "commands",
    "Missing command.": "missing_command", "No such command {name!r}.": "no_such_command",
}


def _translate(message: str) -> str:
    key = _TYPER_STRINGS.get(message)
    return CLICK[key] if key else message


# The vendored click's messages, written with f-strings: read back into the table's words.
_MESSAGES = [
    (re.compile(r"Missing argument '(?P<name>.+)'\.$"), "missing_argument"),
    (re.compile(r"Missing option '(?P<name>.+)'\.$"), "missing_option"),
    (re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<possibilities>.+)\)$"), "no_such_option_maybe"),
    (re.compile(r"No such option: (?P<name>\S+)$"), "no_such_option"),
    (re.compile(r"Invalid value for (?P<name>.+?): '(?P<value>.*)' is not one of (?P<choices>.+)\.$"), "invalid_choice"),
    (re.compile(r"Invalid value for (?P<name>.+?): (?P<value>.+) is not in the range (?P<range>.+)\.$"), "int_range"),
    (re.compile(r"Invalid value for (?P<name>.+?): '(?P<value>.*)' is not a valid int.*$"), "not_int"),
    (re.compile(r"Invalid value for (?P<name>.+?): (?P<message>.+)$"), "invalid_value"),
    (re.compile(r"Option '(?P<name>.+)' requires an argument\.$"), "requires_argument"),
    (re.compile(r"Got unexpected extra arguments? \((?P<args>.+)\)$"), "extra_arguments"),
    (re.compile(r"No such command '(?P<name>.+)'\.$"), "no_such_command"),
]


def message(text: str) -> str:
    """A click message in the interface's language (as it is when no pattern knows it)."""
    if LANG == "en":
        return text
    for pattern, key in _MESSAGES:
        match = pattern.match(text)
        if match:
            values = {k: v.strip("'") for k, v in match.groupdict().items()}
            if key in ("not_int", "int_range"):
                return f"“{values['name']}”的值无效：" + CLICK[key].format(**values)
            return CLICK[key].format(**values)
    return text


def _show_usage_error(self, file=None) -> None:
    file = file or sys.stderr
    if self.ctx is not None:
        hint = ""
        if self.ctx.command.get_help_option(self.ctx) is not None:
            hint = CLICK["try_help"].format(command=self.ctx.command_path, option=self.ctx.help_option_names[0]) + "\n"
        echo(f"{self.ctx.get_usage()}\n{hint}", file=file)
    echo(f"{section(LANG, 'cli')['error']}: {message(self.format_message())}", file=file)


def _show_error(self, file=None) -> None:
    echo(f"{section(LANG, 'cli')['error']}: {message(self.format_message())}", file=file or sys.stderr)


def install() -> None:
    """Put the table's words in place of click's and typer's own (once, at import of the CLI)."""
    typer.core._ = _translate
    click_exceptions.UsageError.show = _show_usage_error
    click_exceptions.ClickException.show = _show_error


class _Words:
    """What Command and Group share: the usage line, the help option and the exit codes after the help."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=CLICK["usage"])

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = CLICK["help_option"]
        return option

    def format_epilog(self, ctx, formatter) -> None:
        super().format_epilog(ctx, formatter)
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(HELP["exit_codes"])


class Command(_Words, typer.core.TyperCommand):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["options_metavar"] = CLICK["options_metavar"]
        super().__init__(*args, **kwargs)


class Group(_Words, typer.core.TyperGroup):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["options_metavar"] = CLICK["options_metavar"]
        kwargs["subcommand_metavar"] = CLICK["command_metavar"]
        super().__init__(*args, **kwargs)
