"""Turning facts and figures into the judge's operands."""

from __future__ import annotations

from ..document import Fact
from ..figures import Figure
from ..relations import Operand


def operand(item: Fact | Figure) -> Operand:
    return (item.figure if isinstance(item, Fact) else item).operand


def figure_of(item: Fact | Figure) -> Figure:
    return item.figure if isinstance(item, Fact) else item
