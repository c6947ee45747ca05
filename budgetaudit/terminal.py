"""What a run shows on a terminal besides its report: whether to colour it, and a progress bar for batches."""

from __future__ import annotations

import os
import sys


def use_color(choice: str, stream=None) -> bool:
    """--color always|never|auto: auto colours a terminal unless NO_COLOR is set."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return (stream or sys.stdout).isatty()


def progress(total: int):
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
