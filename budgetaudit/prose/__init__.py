"""The narrative reader: figures with their labels, totals with their 其中 parts, shares and changes.

Built in layers, one concern each: `state` (what carries across figures), `base` (figures and keys),
`lists` (其中 and positional lists), `shares`, `changes`, and `walk` (each sentence figure by figure).
The words that decide a figure's role are data: rules/words.toml, loaded by budgetaudit/words.py.
"""

from .walk import ProseReader, extract

__all__ = ["ProseReader", "extract"]
