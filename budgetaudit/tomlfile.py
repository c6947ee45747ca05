"""TOML parsing that fails with one line: tomllib's own errors, and what a hostile file provokes beside
them (an integer past Python's 4,300-digit conversion limit is a ValueError; arrays nested thousands
deep exhaust the parser's recursion)."""

from __future__ import annotations

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
