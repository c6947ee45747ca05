"""Output formats: one module per format, each with render(result, options) -> str."""

from __future__ import annotations

from importlib import import_module

FORMATS = ("text", "json")


def renderer(name: str):
    """The module of a format, imported only when used (keeps start-up fast)."""
    return import_module(f".{name}", __name__)
