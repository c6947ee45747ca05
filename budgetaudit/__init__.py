"""budgetaudit: a consistency auditor for Chinese government budget and final-account disclosures."""

__version__ = "0.2.0"


def compiled() -> bool:
    """Is the engine the mypyc build (see setup.py) rather than its pure-Python source?"""
    import importlib.machinery
    import importlib.util

    # Found, not imported: loading the compiled engine would cost `--version` most of its start-up.
    spec = importlib.util.find_spec(f"{__name__}.figures")
    return spec is not None and str(spec.origin).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
