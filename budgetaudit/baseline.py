"""Accepted findings: waivers (one fingerprint, with a reason, in the configuration) and baselines
(every fingerprint of a run, with counts, in a JSON file). Both match fingerprints, which ignore line
numbers, so a finding moved by inserted lines stays accepted.
"""

from __future__ import annotations

import json
import os
from collections import Counter

from . import __version__
from .config import Waiver, today
from .inputs import glob_match, relative
from .tomlfile import read_text

# 2: the fingerprints of fingerprint.py version 2. A baseline of format 1 is refused with a note to
# write it again (its fingerprints would match nothing).
BASELINE_FORMAT = 2


class BaselineError(Exception):
    """An unreadable or malformed baseline file."""


class Waivers:
    """Waivers applied one report at a time, remembering which matched (for stale-waiver warnings).

    A waiver whose `until` date has passed (config.today()) no longer removes its finding: the finding is
    reported with a note in its message and the waiver in its JSON (`expired_waiver`)."""

    def __init__(self, waivers: list[Waiver], root: str, lang: str = "zh"):
        self.waivers, self.root = list(waivers), root
        self.lang = lang
        self.today = today() if any(w.until is not None for w in self.waivers) else None
        self.used: set[int] = set()
        self.seen: set[int] = set()  # waivers with a path that matched a readable file of the run
        self.by_fingerprint: dict[str, list[int]] = {}
        for index, waiver in enumerate(self.waivers):
            self.by_fingerprint.setdefault(waiver.fingerprint, []).append(index)

    def apply(self, report) -> int:
        """Remove the report's waived findings; return how many."""
        if not self.waivers:
            return 0
        if not report.error:
            for index, waiver in enumerate(self.waivers):
                if waiver.path is not None and index not in self.seen and glob_match(waiver.path, report.path, self.root):
                    self.seen.add(index)
        kept = []
        for finding in report.findings:
            hit = None
            # The waivers of this fingerprint, in the order given (a scan of every waiver per finding
            # would grow with waivers × findings).
            for index in self.by_fingerprint.get(finding.fingerprint, ()):
                waiver = self.waivers[index]
                if waiver.path is None or glob_match(waiver.path, report.path, self.root):
                    hit = index
                    break
            if hit is None:
                kept.append(finding)
                continue
            self.used.add(hit)
            waiver = self.waivers[hit]
            if waiver.until is not None and self.today is not None and self.today > waiver.until:
                from .messages import section

                note = section(self.lang, "report")["expired"].format(until=waiver.until.isoformat(), reason=waiver.reason)
                finding.message = f"{finding.message}（{note}）" if self.lang == "zh" else f"{finding.message} ({note})"
                finding.expired_waiver = waiver.as_dict()
                kept.append(finding)
        waived = len(report.findings) - len(kept)
        report.findings = kept
        return waived

    def stale(self) -> list[Waiver]:
        """Waivers that matched no finding. A waiver for a file that was not part of this run is not
        stale (pre-commit passes changed files only)."""
        return [
            waiver for index, waiver in enumerate(self.waivers)
            if index not in self.used and (waiver.path is None or index in self.seen)
        ]


def _key(path: str, base: str) -> str:
    return relative(path, base)


class Builder:
    """A baseline collected one report at a time: per file, fingerprints with counts (no findings kept)."""

    def __init__(self, baseline_path: str):
        self.base = os.path.dirname(os.path.abspath(baseline_path))
        self.files: dict[str, list[dict]] = {}
        self.findings = 0
        self.reports = 0

    def add(self, report, across: bool = False) -> None:
        """A file's report, or (`across`) the findings across documents it owns, added to its own entries."""
        self.reports += 0 if across else 1
        self.findings += len(report.findings)
        counts = Counter((f.fingerprint, f.code) for f in report.findings)
        key = _key(report.path, self.base)
        for entry in self.files.get(key, ()):
            counts[(entry["fingerprint"], entry["code"])] += entry["count"]
        if counts:
            self.files[key] = [
                {"fingerprint": fp, "code": code, "count": n} for (fp, code), n in sorted(counts.items())
            ]

    def document(self) -> dict:
        return {
            "budgetaudit_baseline": BASELINE_FORMAT,
            "tool": {"name": "budgetaudit", "version": __version__},
            "files": dict(sorted(self.files.items())),
        }

    def render(self) -> str:
        return json.dumps(self.document(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def load(path: str) -> dict[str, Counter]:
    """path (relative to the baseline's directory) -> fingerprint -> count."""
    try:
        data = json.loads(read_text(path))  # a FIFO or device is refused, never opened
    except FileNotFoundError:
        raise BaselineError(f"{path}: no such baseline file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise BaselineError(f"{path}: not a budgetaudit baseline (values nested too deeply)") from None
    except ValueError as exc:  # an integer past Python's conversion limit of 4,300 digits
        raise BaselineError(f"{path}: not a budgetaudit baseline ({str(exc).splitlines()[0]})") from None
    if isinstance(data, dict) and data.get("budgetaudit_baseline") == 1:
        raise BaselineError(
            f"{path}: a baseline of format 1 (budgetaudit 0.1), whose fingerprints have changed: "
            "write it again with `budgetaudit baseline`"
        )
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


class Baseline:
    """A baseline applied one report at a time."""

    def __init__(self, baseline_path: str, known: dict[str, Counter] | None = None):
        self.known = load(baseline_path) if known is None else known
        self.base = os.path.dirname(os.path.abspath(baseline_path))

    def apply(self, report) -> int:
        """Leave out the report's findings in the baseline (each baselined fingerprint absorbs at most
        its count); return how many."""
        remaining = Counter(self.known.get(_key(report.path, self.base), Counter()))
        kept = []
        for finding in report.findings:
            if remaining[finding.fingerprint] > 0:
                remaining[finding.fingerprint] -= 1
            else:
                kept.append(finding)
        baselined = len(report.findings) - len(kept)
        report.findings = kept
        return baselined
