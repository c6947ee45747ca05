"""Records that write their own __init__ (dataclass(init=False), for the compiled build's sake) keep it
true to their fields: the same names in the same order, the same defaults, every field assigned.

Read from the source, so the test holds in the compiled build too (compiled methods have no signature)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import budgetaudit

PACKAGE = Path(budgetaudit.__file__).parent
REQUIRED, FACTORY, NOT_IN_INIT = "required", "factory", "not in __init__"


def _dataclass_init_false(node: ast.ClassDef) -> bool:
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", None) == "dataclass":
            for keyword in decorator.keywords:
                if keyword.arg == "init" and isinstance(keyword.value, ast.Constant):
                    return keyword.value.value is False
    return False


def _fields(node: ast.ClassDef) -> dict[str, str]:
    """Field name → its default as source text, or REQUIRED, FACTORY or NOT_IN_INIT."""
    out: dict[str, str] = {}
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        if "ClassVar" in ast.unparse(item.annotation):
            continue
        value = item.value
        if value is None:
            out[item.target.id] = REQUIRED
        elif isinstance(value, ast.Call) and getattr(value.func, "id", None) == "field":
            options = {k.arg: k.value for k in value.keywords}
            if isinstance(options.get("init"), ast.Constant) and options["init"].value is False:
                out[item.target.id] = NOT_IN_INIT
            elif "default_factory" in options:
                out[item.target.id] = FACTORY
            elif "default" in options:
                out[item.target.id] = ast.unparse(options["default"])
            else:
                out[item.target.id] = REQUIRED
        else:
            out[item.target.id] = ast.unparse(value)
    return out


def _assigned(init: ast.FunctionDef) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(init):
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store) and getattr(node.value, "id", "") == "self":
            names.add(node.attr)
        if (
            isinstance(node, ast.Call)
            and ast.unparse(node.func) == "object.__setattr__"
            and len(node.args) == 3
            and isinstance(node.args[1], ast.Constant)
        ):
            names.add(node.args[1].value)
    return names


def _records() -> list[tuple[str, ast.ClassDef]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and _dataclass_init_false(node):
                out.append((f"{path.relative_to(PACKAGE)}:{node.name}", node))
    return out


RECORDS = _records()


def test_the_hot_records_write_their_init() -> None:
    # The records made per figure, per cell and per fact; losing init=False loses the speed silently.
    names = {name.rsplit(":", 1)[1] for name, _ in RECORDS}
    assert {"Span", "Figure", "Interval", "Key", "Fact", "Cell", "RawCell", "Row"} <= names


@pytest.mark.parametrize("name, node", RECORDS, ids=[name for name, _ in RECORDS])
def test_init_matches_fields(name: str, node: ast.ClassDef) -> None:
    fields = _fields(node)
    inits = [f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__"]
    assert len(inits) == 1, f"{name}: dataclass(init=False) without an __init__ of its own"
    init = inits[0]
    params = [a.arg for a in init.args.args[1:]] + [a.arg for a in init.args.kwonlyargs]
    assert params == [f for f, d in fields.items() if d != NOT_IN_INIT], f"{name}: parameters differ from fields"
    positional = init.args.args[1:]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(init.args.defaults)) + list(init.args.defaults)
    defaults += list(init.args.kw_defaults)
    for param, default in zip(params, defaults):
        expected = fields[param]
        if expected == REQUIRED:
            assert default is None, f"{name}.{param}: the field is required"
        elif expected == FACTORY:
            assert default is not None and ast.unparse(default) == "None", f"{name}.{param}: a factory field defaults to None"
        else:
            assert default is not None and ast.unparse(default) == expected, f"{name}.{param}: default differs"
    missing = set(fields) - _assigned(init)
    assert not missing, f"{name}: __init__ leaves {sorted(missing)} unset"


def test_keys_are_equal_and_hash_alike_exactly_when_their_fields_are() -> None:
    from budgetaudit.document import Key

    fields = ("收入合计", "current", "final", "all", "money")
    same, other = Key(*fields), Key(*fields)
    assert same == other and hash(same) == hash(other) and len({same, other}) == 1
    for index in range(len(fields)):
        changed = list(fields)
        changed[index] = "其他"
        assert Key(*changed) != same and len({Key(*changed), same}) == 2
    assert same != fields and (same == fields) is False
