"""From the command line's paths to the list of inputs: files, directories walked recursively, '-'.

A path named on the command line is always checked (and exit 2 when it cannot be read). A directory
is walked for files matching `include` and not `exclude`; the files it yields are checked too, but
one that holds no disclosure is listed as skipped rather than failed.

Globs: `*` and `?` stay within one path segment, `**` crosses segments. A glob without `/` matches a
file's name (and, in `exclude`, any directory on the way); a glob with `/` matches the path relative to
the configuration file's directory (else the current directory).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import BUILTIN_EXCLUDE
from .globs import Glob, compile_glob


@dataclass(frozen=True, slots=True)
class Input:
    path: str  # as shown in reports
    named: bool  # given on the command line (not found by walking a directory)


def _compile(glob: str) -> Glob:
    return compile_glob(glob)


def relative(path: str, root: str) -> str:
    """The path relative to root, with forward slashes ('-' stays '-')."""
    if path == "-":
        return "-"
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive
        rel = os.path.abspath(path)
    return PurePosixPath(*Path(rel).parts).as_posix()


def glob_match(glob: str, path: str, root: str, any_segment: bool = False) -> bool:
    """Does a configured glob match this input path?"""
    glob = glob.strip()
    if glob.startswith("./"):
        glob = glob[2:]
    rel = relative(path, root)
    if "/" not in glob.rstrip("/"):
        segments = rel.split("/")
        candidates = segments if any_segment else segments[-1:]
        return any(_compile(glob.rstrip("/")).match(s) for s in candidates)
    return bool(_compile(glob.lstrip("/").rstrip("/")).match(rel))


def sort_key(path: str) -> tuple:
    return tuple(PurePosixPath(path.replace(os.sep, "/")).parts)


def expand(args: list[str], include: list[str], exclude: list[str], root: str) -> tuple[list[Input], list[str]]:
    """Inputs (sorted by path, without duplicates) and warnings (a named directory with nothing to check)."""
    found: dict[str, Input] = {}
    warnings: list[str] = []
    excludes = BUILTIN_EXCLUDE + list(exclude)

    def add(item: Input) -> None:
        key = item.path if item.path == "-" else os.path.realpath(item.path)
        if key not in found or (item.named and not found[key].named):
            found[key] = item

    for arg in args:
        if arg != "-" and os.path.isdir(arg):
            walked = 0
            for path in walk(arg, include, excludes, root):
                add(Input(path, named=False))
                walked += 1
            if not walked:
                warnings.append(f"{arg}: no files matching {', '.join(include) or 'include'} to check")
        else:
            add(Input(arg, named=True))
    return sorted(found.values(), key=lambda i: sort_key(i.path)), warnings


def walk(top: str, include: list[str], exclude: list[str], root: str):
    """Files under `top` matching include and not exclude, in a stable order; symlinked directories are not
    followed, and a symlinked file only when it points inside the tree."""
    inside = os.path.realpath(top)
    for directory, dirnames, filenames in os.walk(top):
        kept = []
        for name in sorted(dirnames):
            path = os.path.join(directory, name)
            rel = relative(path, top)
            if not _excluded(rel, path, exclude, root):
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            path = os.path.normpath(os.path.join(directory, name))
            if not any(_compile(g).match(name) if "/" not in g else glob_match(g, path, root) for g in include):
                continue
            if _excluded(relative(path, top), path, exclude, root):
                continue
            if not os.path.isfile(path):  # FIFOs, devices and sockets are never opened
                continue
            if os.path.islink(path) and not _inside(os.path.realpath(path), inside):
                continue  # a link out of the walked tree
            yield path


def _excluded(rel_to_top: str, path: str, exclude: list[str], root: str) -> bool:
    for glob in exclude:
        if "/" in glob.rstrip("/"):
            if glob_match(glob, path, root):
                return True
        elif any(_compile(glob.rstrip("/")).match(segment) for segment in rel_to_top.split("/")):
            return True
    return False


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)
