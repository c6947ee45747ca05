"""The compiled build (setup.py): the modules it takes type-check, and an install that could compile did.

mypyc compiles only code mypy accepts, and a failed compile installs the pure-Python package without a
word (pip hides the build log): these tests are what notices.
"""

from __future__ import annotations

import ast
import importlib.machinery
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig

import pytest

import budgetaudit

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _compiled() -> tuple[list[str], list[str]]:
    """setup.py's COMPILED (expanded as it does) and MYPY_FLAGS, read without running it (it needs setuptools)."""
    found = {}
    for node in ast.parse((ROOT / "setup.py").read_text("utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("COMPILED", "MYPY_FLAGS"):
                found[node.targets[0].id] = ast.literal_eval(node.value)
    paths = [str(p.relative_to(ROOT)) for pattern in found["COMPILED"] for p in sorted(ROOT.glob(pattern))]
    return [p for p in paths if not p.endswith("__init__.py")], found["MYPY_FLAGS"]


def test_compiled_modules_exist_and_type_check():
    pytest.importorskip("mypy")
    modules, flags = _compiled()
    assert len(modules) > 30 and "budgetaudit/prose/walk.py" in modules and "budgetaudit/words.py" in modules
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull, *flags, *modules],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _can_compile() -> bool:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    header = pathlib.Path(sysconfig.get_paths()["include"]) / "Python.h"
    return shutil.which(compiler) is not None and header.is_file()


def test_an_install_that_could_compile_is_compiled():
    installed = pathlib.Path(budgetaudit.__file__).resolve().parent
    if installed.parent == ROOT:
        pytest.skip("budgetaudit is imported from the source tree (an editable install is never compiled)")
    if os.environ.get("BUDGETAUDIT_PURE", "") not in ("", "0"):
        pytest.skip("BUDGETAUDIT_PURE asks for the pure-Python build")
    if not _can_compile():
        pytest.skip("no C compiler or no Python.h here: the pure-Python build is the right one")
    modules = [pathlib.Path(path).stem for path in _compiled()[0]]
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    missing = [m for m in modules if not any(p.name.endswith(suffixes) for p in installed.rglob(m + ".*"))]
    assert budgetaudit.compiled() and not missing, f"installed without mypyc: {missing} (pip install -v . shows why)"


def test_the_call_flags_a_compiler_refuses_are_left_out(tmp_path):
    """setup.py gives the compiled library CALL_FLAGS only where a probe compile takes them: an unknown flag (or
    one that warns) is dropped, never a failed, silently pure install."""
    if not _can_compile():
        pytest.skip("no C compiler or no Python.h here")
    pytest.importorskip("setuptools")
    from setuptools._distutils.ccompiler import new_compiler
    from setuptools._distutils.sysconfig import customize_compiler

    tree = ast.parse((ROOT / "setup.py").read_text("utf-8"))
    probe = next(node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name == "accepted_flags")
    namespace: dict = {"os": os}
    exec(compile(ast.Module(body=[probe], type_ignores=[]), "setup.py", "exec"), namespace)  # the function alone
    compiler = new_compiler()
    customize_compiler(compiler)
    taken = namespace["accepted_flags"](compiler, ["-O2", "-fbudgetaudit-no-such-flag"], str(tmp_path))
    assert taken == ["-O2"]
