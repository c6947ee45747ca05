"""The wheel ships every subpackage and the rule files (a missing entry only shows in a real install)."""

import pathlib
import tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "budgetaudit").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert found <= listed, f"not shipped: {sorted(found - listed)}"
    assert config["package-dir"]["budgetaudit.rules"] == "rules"


def test_the_installed_package_reads_its_rules_through_importlib_resources():
    from importlib import resources

    names = {entry.name for entry in resources.files("budgetaudit.rules").iterdir()}
    assert {"concepts.toml", "hints.toml", "totals.toml", "percentages.toml"} <= names
