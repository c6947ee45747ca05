"""TOML parsing that fails with one line: tomllib's own errors, and what a hostile file provokes beside
them (an integer past Python's 4,300-digit conversion limit is a ValueError; arrays nested thousands
deep exhaust the parser's recursion), and reading a settings file (configuration, rule file, baseline)
without blocking on one that is not a regular file."""

from __future__ import annotations

import os
import stat
import tomllib


class TomlError(ValueError):
    """Text that cannot be read as TOML; the message is one line."""


def parse(text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TomlError(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise TomlError("not valid TOML: values nested too deeply") from None
    except (ValueError, MemoryError) as exc:  # int('9' * 5000) and the like
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise TomlError(f"not valid TOML: {reason}") from None


def read_text(path) -> str:
    """A settings file's UTF-8 text. Anything but a regular file is refused from its stat before it is
    opened, as inputs are (source.read_bytes): a FIFO named by --config or --baseline would block for
    ever and /dev/zero never ends. Errors are OSError (FileNotFoundError kept) or UnicodeDecodeError."""
    _require_regular(os.stat(path).st_mode)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        _require_regular(os.fstat(handle.fileno()).st_mode)  # replaced between the two looks
        data = handle.read()
    return data.decode("utf-8")


def _require_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError("is a directory")
    if not stat.S_ISREG(mode):
        what = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file"
        raise OSError(f"not a regular file ({what}); not read")
