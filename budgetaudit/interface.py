"""The command line's own words in the run's language: help, usage and click's messages.

The language of help and of usage errors is decided before the command line is parsed: `--lang` on the
command line, else (for help) the discovered configuration's `lang`, else LC_ALL/LC_MESSAGES/LANG (messages.py). Click's own strings (Usage, Options, the help
option, "Missing argument", …) are overridden here, not translated by gettext catalogues: typer's
`_` is replaced by a lookup in budgetaudit/messages.toml, the usage line and the help option are written by
our Command and Group classes, and a usage error is shown by our `show`, which puts the vendored click's
English message in words of the table. Command names, option names and choice values stay as they are.
"""

from __future__ import annotations

import re
import sys

import typer.core
from typer._click import exceptions as click_exceptions, formatting as click_formatting
from typer._click._compat import strip_ansi
from typer._click.utils import echo

from .messages import LANGS, argv_lang, environment_lang, section


def interface_lang(argv: list[str] | None = None) -> str:
    args = sys.argv[1:] if argv is None else argv
    lang = argv_lang(args)
    if lang not in LANGS and any(a in ("--help", "-h") for a in args) and "--isolated" not in args:
        lang = _configured_lang()  # help follows the configuration's lang too (precedence: --lang, it, locale)
    return lang if lang in LANGS else environment_lang()[0]


def _configured_lang() -> str | None:
    """The `lang` of the configuration discovered from the current folder, if any can be read."""
    from .config import ConfigError, discover, load_file

    try:
        path = discover([])
        settings = load_file(path) if path is not None else None
    except (ConfigError, OSError, ValueError):
        return None
    return settings.lang if settings is not None and "lang" in settings.origin else None


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


def _unquote(text: str) -> str:
    """'--format' / '-f' → --format / -f; 'a', 'b' → a, b (click quotes names and choices)."""
    return re.sub(r"'([^']*)'", r"\1", text)


def message(text: str) -> str:
    """A click message in the interface's language (as it is when no pattern knows it)."""
    if LANG == "en":
        return text
    for pattern, key in _MESSAGES:
        match = pattern.match(text)
        if match:
            values = {k: _unquote(v) for k, v in match.groupdict().items()}
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
    echo(f"{section(LANG, 'cli')['error']}{message(self.format_message())}", file=file)


def _show_error(self, file=None) -> None:
    echo(f"{section(LANG, 'cli')['error']}{message(self.format_message())}", file=file or sys.stderr)


_click_wrap_text = click_formatting.wrap_text
_TOKENS = re.compile(r"\[[^\]]{0,24}\]|\s+|[!-~]+|.")
_NO_LINE_START = set("，。；：、）》」』”’！？,.;:)]")
_NO_LINE_END = set("（《「『“‘([")


def _wrap_text(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
               preserve_paragraphs: bool = False) -> str:
    """click's wrap_text by display width: a Chinese character takes two cells and a line may break
    between any two of them (not before closing punctuation). Text that is all ASCII goes to click's own."""
    if text.isascii():
        return _click_wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs)
    from rich.cells import cell_len  # only when help is written (start-up stays light)

    if preserve_paragraphs:
        return "\n\n".join(_wrap_text(p, width, initial_indent, subsequent_indent)
                            for p in re.split(r"\n[ \t]*\n", text.strip("\n")))
    lines: list[str] = []
    current, indent = "", initial_indent
    for token in _TOKENS.findall(" ".join(text.split())):
        if token.isspace():
            current += " " if current else ""
            continue
        if (current.strip() and token[0] not in _NO_LINE_START and current[-1] not in _NO_LINE_END
                and cell_len(indent + current + token) > width):
            lines.append(indent + current.rstrip())
            current, indent = "", subsequent_indent
        current += token
    if current.strip() or not lines:
        lines.append(indent + current.rstrip())
    return "\n".join(lines)


def _term_len(text: str) -> int:
    if text.isascii():
        return len(strip_ansi(text))
    from rich.cells import cell_len

    return cell_len(strip_ansi(text))


def install() -> None:
    """Put the table's words in place of click's and typer's own (once, at import of the CLI); measure
    help columns and wrap help text by display width."""
    typer.core._ = _translate
    click_exceptions.UsageError.show = _show_usage_error
    click_exceptions.ClickException.show = _show_error
    click_formatting.term_len = _term_len
    click_formatting.wrap_text = _wrap_text


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
