"""budgetaudit: a consistency auditor for Chinese government budget and final-account disclosures."""

__version__ = "0.1.0"


def compiled() -> bool:
    """Is the engine the mypyc build (see setup.py) rather than its pure-Python source?"""
    import importlib.machinery

    from . import figures

    return figures.__file__.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
