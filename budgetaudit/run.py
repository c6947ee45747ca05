"""A check of several inputs: what the CLI hands to a format.

Inputs are checked one by one or by a pool of worker processes (`jobs`); a worker returns a
FileReport (never a Document), and the reports are put in path order, so the report of a parallel
run is the report of a serial one, byte for byte.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable

from . import __version__
from .report import SEVERITY_RANK, FileReport
from .ruleset import RuleSet
from .source import InputError, NotADisclosure



@dataclass(slots=True)
class Result:
    files: list[FileReport] = field(default_factory=list)
    version: str = __version__
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): walked files with no disclosure
    waived: int = 0
    baselined: int = 0
    stale_waivers: list = field(default_factory=list)  # config.Waiver
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        out = {"files": len(self.files), "error": 0, "warning": 0, "info": 0, "unchecked": 0}
        for report in self.files:
            for severity, count in report.counts().items():
                out[severity] += count
            out["unchecked"] += len(report.unchecked)
        return out

    @property
    def unreadable(self) -> list[FileReport]:
        return [r for r in self.files if r.error]

    def exit_code(self, fail_on: str, fail_on_unchecked: bool = False, exit_zero: bool = False) -> int:
        if self.unreadable:
            return 2
        if exit_zero:
            return 0
        threshold = SEVERITY_RANK[fail_on]
        for report in self.files:
            if any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings):
                return 1
            if fail_on_unchecked and report.unchecked:
                return 1
        return 0


def check_path(path: str, ruleset: RuleSet, lang: str = "zh") -> FileReport:
    """Check one input; an unreadable input gives a report carrying the reason."""
    from .engine import check_document, read_document
    from .readers import read

    try:
        source, native_tables = read(path)
    except InputError as exc:
        return FileReport(path, error=str(exc), not_a_disclosure=isinstance(exc, NotADisclosure))
    document = read_document(source, native_tables=native_tables)
    if not document.facts and not document.tables:
        return FileReport(
            path, document.kind, document.year, document.entity,
            error="no figures found: not a disclosure", not_a_disclosure=True,
        )
    return check_document(document, ruleset, lang)


def check_paths(paths: list[str], ruleset: RuleSet, lang: str = "zh") -> Result:
    """Check the named inputs in order, serially (the library entry point; the CLI uses `run`)."""
    result = Result()
    for path in paths:
        result.files.append(check_path(path, ruleset, lang))
    return result


# --------------------------------------------------------------------------- one input, in any process

_STATE: dict = {}


def _init(ruleset: RuleSet, lang: str, known: frozenset[str]) -> None:
    _STATE.clear()
    _STATE.update(ruleset=ruleset, lang=lang, known=known, cache={})


def _rules_for(ignores: tuple[str, ...]) -> RuleSet:
    cache = _STATE["cache"]
    if ignores not in cache:
        rules = _STATE["ruleset"].rules
        cache[ignores] = RuleSet([r for r in rules if not any(r.selected_by(s) for s in ignores)])
    return cache[ignores]


def _task(task: tuple[str, tuple[str, ...]]) -> FileReport:
    path, ignores = task
    ruleset = _rules_for(ignores)
    report = check_path(path, ruleset, _STATE["lang"])
    # Doubts carry EXT codes whatever the selection: leave out those of rules that are not selected.
    active = {r.code for r in ruleset.rules}
    known = _STATE["known"]
    report.unchecked = [u for u in report.unchecked if u.code in active or u.code not in known]
    return report


# --------------------------------------------------------------------------- a run


def jobs_for(jobs: int, tasks: int) -> int:
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, tasks))


def check_inputs(
    inputs: Iterable,  # inputs.Input
    ruleset: RuleSet,
    lang: str = "zh",
    jobs: int = 1,
    ignores_for: Callable[[str], tuple[str, ...]] = lambda path: (),
    known_codes: Iterable[str] = (),
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Check every input (in parallel when jobs != 1) and return the reports in path order."""
    inputs = list(inputs)
    known = frozenset(known_codes) | {r.code for r in ruleset.rules}
    tasks = [(item.path, tuple(ignores_for(item.path))) for item in inputs]
    reports: dict[int, FileReport] = {}
    # Standard input is read here: a worker process has none.
    local = [i for i, (path, _) in enumerate(tasks) if path == "-"]
    remote = [i for i, (path, _) in enumerate(tasks) if path != "-"]
    workers = jobs_for(jobs, len(remote))
    _init(ruleset, lang, known)
    for index in local:
        reports[index] = _task(tasks[index])
        if progress:
            progress(tasks[index][0])
    if workers == 1 or len(remote) < 2:
        for index in remote:
            reports[index] = _task(tasks[index])
            if progress:
                progress(tasks[index][0])
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(ruleset, lang, known)) as pool:
            futures = {pool.submit(_task, tasks[index]): index for index in remote}
            try:
                for future in as_completed(futures):
                    index = futures[future]
                    reports[index] = future.result()
                    if progress:
                        progress(tasks[index][0])
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    result = Result()
    for index, item in enumerate(inputs):
        report = reports[index]
        if report.error and not item.named and report.not_a_disclosure:
            result.skipped.append((report.path, report.error))
        else:
            result.files.append(report)
    return result


def run(args: list[str], settings, ruleset: RuleSet, jobs: int = 1, baseline: str | None = None,
        progress_factory=None) -> Result:
    """Expand the inputs, check them, and apply waivers and a baseline: everything `check` does before rendering."""
    from .baseline import apply_baseline, apply_waivers, load
    from .inputs import expand, glob_match
    from .ruleset import load_rules

    accepted = load(baseline) if baseline else None  # a bad baseline fails before the work, not after
    inputs, warnings = expand(args, settings.include, settings.exclude, settings.root)

    def ignores_for(path: str) -> tuple[str, ...]:
        out: list[str] = []
        for glob, codes in settings.per_file_ignores.items():
            if glob_match(glob, path, settings.root):
                out.extend(codes)
        return tuple(out)

    known = {r.code for r in load_rules(settings.rules_dirs).rules}
    if progress_factory is not None and len(inputs) > 1:
        with progress_factory(len(inputs)) as advance:
            result = check_inputs(inputs, ruleset, settings.lang, jobs, ignores_for, known, advance)
    else:
        result = check_inputs(inputs, ruleset, settings.lang, jobs, ignores_for, known)
    result.warnings.extend(warnings)
    apply_waivers(result, settings.waivers, settings.root)
    if baseline:
        apply_baseline(result, baseline, accepted)
    return result
