"""Accepted findings: waivers (one fingerprint, with a reason, in the configuration) and baselines
(every fingerprint of a run, with counts, in a JSON file). Both match fingerprints, which ignore line
numbers, so a finding moved by inserted lines stays accepted.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from . import __version__
from .config import Waiver
from .inputs import glob_match, relative

BASELINE_FORMAT = 1


class BaselineError(Exception):
    """An unreadable or malformed baseline file."""


def apply_waivers(result, waivers: list[Waiver], root: str) -> None:
    """Remove waived findings (counted in result.waived); list waivers that matched nothing as stale."""
    if not waivers:
        return
    used: set[int] = set()
    seen_paths: list[str] = [r.path for r in result.files if not r.error]
    for report in result.files:
        kept = []
        for finding in report.findings:
            hit = None
            for index, waiver in enumerate(waivers):
                if waiver.fingerprint == finding.fingerprint and (
                    waiver.path is None or glob_match(waiver.path, report.path, root)
                ):
                    hit = index
                    break
            if hit is None:
                kept.append(finding)
            else:
                used.add(hit)
                result.waived += 1
        report.findings = kept
    for index, waiver in enumerate(waivers):
        if index in used:
            continue
        # A waiver for a file that was not part of this run (pre-commit passes changed files only) is not stale.
        if waiver.path is not None and not any(glob_match(waiver.path, p, root) for p in seen_paths):
            continue
        result.stale_waivers.append(waiver)


def _key(path: str, base: str) -> str:
    return relative(path, base)


def build(result, baseline_path: str) -> dict:
    """A baseline of every finding of a run: per file (relative to the baseline's directory), fingerprints with counts."""
    base = os.path.dirname(os.path.abspath(baseline_path))
    files: dict[str, list[dict]] = {}
    for report in sorted(result.files, key=lambda r: _key(r.path, base)):
        counts = Counter((f.fingerprint, f.code) for f in report.findings)
        if counts:
            files[_key(report.path, base)] = [
                {"fingerprint": fp, "code": code, "count": n} for (fp, code), n in sorted(counts.items())
            ]
    return {
        "budgetaudit_baseline": BASELINE_FORMAT,
        "tool": {"name": "budgetaudit", "version": __version__},
        "files": files,
    }


def render(result, baseline_path: str) -> str:
    return json.dumps(build(result, baseline_path), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def load(path: str) -> dict[str, Counter]:
    """path (relative to the baseline's directory) -> fingerprint -> count."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("budgetaudit_baseline") != BASELINE_FORMAT:
        raise BaselineError(f"{path}: not a budgetaudit baseline (write one with `budgetaudit baseline`)")
    out: dict[str, Counter] = {}
    files = data.get("files")
    if not isinstance(files, dict):
        raise BaselineError(f"{path}: 'files' must be an object")
    for name, entries in files.items():
        counter: Counter = Counter()
        if not isinstance(entries, list):
            raise BaselineError(f"{path}: files.{name} must be a list")
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
                raise BaselineError(f"{path}: files.{name}: every entry needs a fingerprint")
            count = entry.get("count", 1)
            if not isinstance(count, int) or count < 1:
                raise BaselineError(f"{path}: files.{name}: count must be a positive integer")
            counter[entry["fingerprint"]] += count
        out[name] = counter
    return out


def apply_baseline(result, baseline_path: str, known: dict[str, Counter] | None = None) -> None:
    """Keep only findings not in the baseline (each baselined fingerprint absorbs at most its count)."""
    known = load(baseline_path) if known is None else known
    base = os.path.dirname(os.path.abspath(baseline_path))
    for report in result.files:
        remaining = Counter(known.get(_key(report.path, base), Counter()))
        kept = []
        for finding in report.findings:
            if remaining[finding.fingerprint] > 0:
                remaining[finding.fingerprint] -= 1
                result.baselined += 1
            else:
                kept.append(finding)
        report.findings = kept
