"""A check of several inputs, streamed: each file's report in path order, as soon as it is done.

Inputs are checked one by one or by a pool of worker processes (`jobs`); a worker returns a
FileReport (never a Document). Reports are yielded in path order, so the report of a parallel run is
the report of a serial one, byte for byte: a parallel run keeps at most a few reports per worker in
flight and waiting for an earlier one. `Batch` applies waivers and a baseline to each report as it
passes and keeps only `Totals`, what the end of a report and the exit code need; so memory does not
grow with the number of files. `Result` (every report at once) remains for library use.
"""

from __future__ import annotations

import os
import re
from collections import deque
from typing import Callable, Iterable, Iterator

from .report import FileReport
from .ruleset import RuleSet
from .source import InputError, NotADisclosure
from .totals import Result, Totals  # noqa: F401 (the run's results; imported from here by the formats and tests)

AHEAD_PER_WORKER = 4  # tasks submitted ahead of the one written next, per worker
MAX_FILES_PER_TASK = 8  # a large batch sends files to a worker in runs of up to this many


# An amount written in Chinese numerals before its unit (the normalised text folds 萬 and 億).
_AMOUNT_IN_WORDS = re.compile(r"[一二两三四五六七八九十百千万亿〇○零]{2,}(?:[点][一二三四五六七八九〇○零]+)?\s*(?:万元|亿元|元)")


def check_path(path: str, ruleset: RuleSet, lang: str = "zh", view: bool = False, digest: bool = False) -> FileReport:
    """Check one input; an unreadable input gives a report carrying the reason (`view`: engine.check_document's;
    `digest`: the report carries what the cross-document rules read, crossdoc.Digest). A fault of budgetaudit's own
    on one input is that input's error (exit 2, one line), never a traceback that ends a batch of hundreds."""
    try:
        return _check_path(path, ruleset, lang, view, digest)
    except (Exception, RecursionError) as exc:  # noqa: BLE001 - any fault of ours, reported for this file alone
        from .messages import input_error

        detail = f"{type(exc).__name__}: {exc}".replace("\n", " ")[:300]
        message = f"an internal error of budgetaudit; this file was not checked (please report it): {detail}"
        return FileReport(path, error=input_error(message, lang))


def _check_path(path: str, ruleset: RuleSet, lang: str, view: bool, digest: bool) -> FileReport:
    from .engine import check_document, read_document
    from .own_reports import is_own_report
    from .readers import read
    from .messages import input_error

    try:
        source, native_tables = read(path)
    except InputError as exc:
        return FileReport(path, error=input_error(str(exc), lang), not_a_disclosure=isinstance(exc, NotADisclosure))
    if native_tables is None and is_own_report(source.text):
        return FileReport(path, error=input_error("a report written by budgetaudit, not a disclosure", lang),
                          not_a_disclosure=True)
    document = read_document(source, native_tables=native_tables)
    if not document.facts and not document.tables and document.kind != "unknown":
        # A disclosure by its title whose figures could not be read (a table garbled on the way to the web):
        # checked as what it is, with the figures said to be unread, never called "not a disclosure".
        from .document import Doubt

        first = next(((o, line) for o, line in source.lines() if line.strip()), (0, ""))
        # 一千〇一十六亿七千万元 (Macau's and Taiwan's budgets): amounts in words, not a damaged table.
        reason = "figures_in_words" if _AMOUNT_IN_WORDS.search(source.norm) else "figures_not_read"
        document.doubts.append(Doubt("EXT001", reason, [source.span(first[0], first[0] + len(first[1].rstrip()))]))
    elif not document.facts and not document.tables:
        return FileReport(
            path, document.kind, document.year, document.entity,
            error=input_error("no figures found: not a disclosure", lang), not_a_disclosure=True,
        )
    report = check_document(document, ruleset, lang, view)
    if digest:
        from .crossdoc import digest as digest_of

        report.digest = digest_of(document)
    return report


def check_paths(paths: list[str], ruleset: RuleSet, lang: str = "zh") -> Result:
    """Check the named inputs in order, serially (the library entry point; the CLI uses `run`)."""
    result = Result()
    for path in paths:
        result.files.append(check_path(path, ruleset, lang))
    return result


# --------------------------------------------------------------------------- one input, in any process

_STATE: dict = {}


def _init(ruleset: RuleSet, lang: str, known: frozenset[str], view: bool = False, digest: bool = False) -> None:
    _STATE.clear()
    _STATE.update(ruleset=ruleset, lang=lang, known=known, cache={}, view=view, digest=digest)


def _rules_for(ignores: tuple[str, ...]) -> RuleSet:
    cache = _STATE["cache"]
    if ignores not in cache:
        rules = _STATE["ruleset"].rules
        cache[ignores] = RuleSet([r for r in rules if not any(r.selected_by(s) for s in ignores)])
    return cache[ignores]


def _task(task: tuple[str, tuple[str, ...]]) -> FileReport:
    path, ignores = task
    ruleset = _rules_for(ignores)
    report = check_path(path, ruleset, _STATE["lang"], _STATE.get("view", False), _STATE.get("digest", False))
    # Doubts carry EXT codes whatever the selection: leave out those of rules that are not selected.
    active = {r.code for r in ruleset.rules}
    known = _STATE["known"]
    report.unchecked = [u for u in report.unchecked if u.code in active or u.code not in known]
    return report


# --------------------------------------------------------------------------- a run


def _tasks(tasks: list[tuple[str, tuple[str, ...]]]) -> list[FileReport]:
    return [_task(task) for task in tasks]


def jobs_for(jobs: int, tasks: int) -> int:
    if jobs <= 0:
        jobs = os.cpu_count() or 1
    return max(1, min(jobs, tasks))


def files_per_task(files: int, workers: int) -> int:
    """Files sent to a worker at once: one for a small batch, so that every worker has work to the end;
    in a large one, up to MAX_FILES_PER_TASK while each worker still gets some 32 tasks, since each task
    costs both processes a round trip (pickling, queues, a wake-up of the pool's threads)."""
    return max(1, min(MAX_FILES_PER_TASK, files // (workers * 32)))


def check_stream(
    inputs: Iterable,  # inputs.Input
    ruleset: RuleSet,
    lang: str = "zh",
    jobs: int = 1,
    ignores_for: Callable[[str], tuple[str, ...]] = lambda path: (),
    known_codes: Iterable[str] = (),
    progress: Callable[[str], None] | None = None,
    view: bool = False,
    digest: bool = False,
) -> Iterator[tuple]:
    """(input, report) for every input in path order, each as soon as it and every one before it are done.

    In parallel (jobs != 1) at most AHEAD_PER_WORKER tasks (each of files_per_task files) per worker are
    submitted beyond the one to yield next: the futures in flight are the reorder buffer, so memory does
    not grow with the batch.
    """
    inputs = list(inputs)
    known = frozenset(known_codes) | {r.code for r in ruleset.rules}
    tasks = [(item.path, tuple(ignores_for(item.path))) for item in inputs]
    _init(ruleset, lang, known, view, digest)
    # Standard input is read here, first: a worker process has none.
    local: dict[int, FileReport] = {}
    for index, task in enumerate(tasks):
        if task[0] == "-":
            local[index] = _task(task)
            if progress:
                progress(task[0])
    remote = [index for index, task in enumerate(tasks) if task[0] != "-"]
    workers = jobs_for(jobs, len(remote))
    if workers == 1 or len(remote) < 2:
        for index, item in enumerate(inputs):
            if index in local:
                yield item, local.pop(index)
                continue
            report = _task(tasks[index])
            if progress:
                progress(tasks[index][0])
            yield item, report
        return

    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Workers are forked from this process: import the engine once here rather than in each of them.
    from . import engine, readers  # noqa: F401

    ahead = workers * AHEAD_PER_WORKER
    size = files_per_task(len(remote), workers)
    runs = iter([remote[start:start + size] for start in range(0, len(remote), size)])

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(ruleset, lang, known, view, digest))

    pool = new_pool()
    in_flight: deque = deque()  # (future, the indices of its run), in path order
    done_reports: deque = deque()  # reports of the run being yielded

    def submit() -> None:
        run = next(runs, None)
        if run is not None:
            try:
                future = (pool.submit(_task, tasks[run[0]]) if size == 1 else
                          pool.submit(_tasks, [tasks[index] for index in run]))
            except BrokenProcessPool:  # a worker died since the last result: this run is lost with the others
                future = _Done(None, size)
            in_flight.append((future, run))

    done = False
    try:
        for _ in range(ahead):
            submit()
        for index, item in enumerate(inputs):
            if index in local:
                yield item, local.pop(index)
                continue
            if not done_reports:
                future, run = in_flight.popleft()
                try:
                    result = future.result()
                    done_reports.extend([result] if size == 1 else result)
                except BrokenProcessPool:
                    # A worker died (the out-of-memory killer, a signal): every task in flight is lost,
                    # and which file killed it is not known. Each file of the lost runs is checked again
                    # in a process of its own; the rest of the batch goes on in a new pool.
                    lost = [run] + [r for _, r in in_flight]
                    in_flight.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    retried = [_alone(tasks[i], ruleset, lang, known) for i in run]
                    for other in lost[1:]:
                        in_flight.append((_Done([_alone(tasks[i], ruleset, lang, known) for i in other], size), other))
                    done_reports.extend(retried)
                submit()
            report = done_reports.popleft()
            if progress:
                progress(tasks[index][0])
            yield item, report
        done = True
    finally:
        pool.shutdown(wait=done, cancel_futures=not done)


WORKER_DIED = "the process checking this file stopped before it finished (killed, or out of memory)"


class _Done:
    """A finished run standing in for a future: the runs checked again after a worker died, or (reports
    None) a run the broken pool refused, which fails as the pool's futures do."""

    def __init__(self, reports: list[FileReport] | None, size: int):
        self.reports, self.size = reports, size

    def result(self):
        if self.reports is None:
            from concurrent.futures.process import BrokenProcessPool

            raise BrokenProcessPool("the pool was broken when this run was submitted")
        return self.reports[0] if self.size == 1 else self.reports


def _alone(task: tuple[str, tuple[str, ...]], ruleset: RuleSet, lang: str, known: frozenset[str]) -> FileReport:
    """One file checked in a process of its own: its report, or the report that its process died."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_init,
                             initargs=(ruleset, lang, known, _STATE.get("view", False),
                                       _STATE.get("digest", False))) as single:
        try:
            return single.submit(_task, task).result()
        except BrokenProcessPool:
            from .messages import input_error

            return FileReport(task[0], error=input_error(WORKER_DIED, lang))


class Batch:
    """Everything `check` does before a format writes: expand the inputs, check them, and apply waivers
    and a baseline to each report as it passes. Iterate `reports()` once; `totals` is complete after.

    A bad baseline fails here (BaselineError), before any work; `warnings` are known at once."""

    def __init__(self, args: list[str], settings, ruleset: RuleSet, jobs: int = 1, baseline: str | None = None,
                 skip_non_disclosures: bool = False, view: bool = False, link: bool | None = None):
        from .baseline import Baseline, Waivers
        from .inputs import expand

        self.settings, self.ruleset, self.jobs = settings, ruleset, jobs
        # The pre-commit hook's mode: a named file that holds no disclosure is skipped too, silently.
        self.skip_non_disclosures = skip_non_disclosures
        self.view = view  # reports carry their document's view (view.py): a format asked for it
        self.baseline = Baseline(baseline) if baseline else None  # loaded now: fails before the work
        self.waivers = Waivers(settings.waivers, settings.root, settings.lang)
        self.inputs, warnings = expand(args, settings.include, settings.exclude, settings.root)
        self.totals = Totals(warnings=list(warnings))
        # One body's documents compared with each other (crossdoc.py): several inputs, linking not switched off.
        self.link = (settings.link if link is None else link) and len(self.inputs) > 1 and any(
            r.kind == "crossdoc" for r in ruleset.rules)

    @property
    def warnings(self) -> list[str]:
        return self.totals.warnings

    def _ignores_for(self, path: str) -> tuple[str, ...]:
        from .inputs import glob_match

        out: list[str] = []
        for glob, codes in self.settings.per_file_ignores.items():
            if glob_match(glob, path, self.settings.root):
                out.extend(codes)
        return tuple(out)

    def reports(self, progress_factory=None) -> Iterator[FileReport]:
        """Each report to write, in path order, with waived and baselined findings left out."""
        from contextlib import nullcontext

        from .ruleset import load_rules

        known = {r.code for r in load_rules(self.settings.rules_dirs).rules}
        show = progress_factory is not None and len(self.inputs) > 1
        with progress_factory(len(self.inputs)) if show else nullcontext(None) as advance:
            stream = check_stream(self.inputs, self.ruleset, self.settings.lang, self.jobs, self._ignores_for,
                                  known, advance, self.view, self.link)
            digests = None
            if self.link:  # imported only for a run that links: a single file's check stays as it was
                from .crossdoc import Store

                digests = Store()
            for item, report in stream:
                if report.digest is not None and digests is not None:
                    digests.add(report.digest)
                    report.digest = None
                if report.error and report.not_a_disclosure and (not item.named or self.skip_non_disclosures):
                    if not self.skip_non_disclosures:
                        self.totals.skipped.append((report.path, report.error))
                    continue
                self.totals.waived += self.waivers.apply(report)
                if self.baseline is not None:
                    self.totals.baselined += self.baseline.apply(report)
                self.totals.add(report)
                yield report
        if digests is not None:
            if len(digests.digests) > 1:
                self._across(digests.digests)
            digests.close()
        self.totals.stale_waivers = self.waivers.stale()

    def _across(self, digests: list) -> None:
        """The cross-document rules over the batch's linked documents: each finding's owner (the later file)
        applies its per-file ignores, waivers and baseline, and counts it once."""
        from .crossdoc import compare

        def rules_for(path: str) -> list:
            ignores = self._ignores_for(path)
            return [r for r in self.ruleset.rules if r.kind == "crossdoc" and not any(r.selected_by(s) for s in ignores)]

        outcome = compare(digests, rules_for, self.settings.lang, self.settings.entities)
        self.totals.checked += outcome.checked
        self.totals.not_compared = outcome.not_compared
        for report in outcome.reports:
            self.totals.waived += self.waivers.apply(report)
            if self.baseline is not None:
                self.totals.baselined += self.baseline.apply(report)
            self.totals.add_cross(report)


def run(args: list[str], settings, ruleset: RuleSet, jobs: int = 1, baseline: str | None = None,
        progress_factory=None) -> Result:
    """A Batch with every report kept: what `check` does before rendering, as one Result (library use)."""
    batch = Batch(args, settings, ruleset, jobs, baseline)
    result = Result(files=list(batch.reports(progress_factory)))
    totals = batch.totals
    result.skipped, result.waived, result.baselined = totals.skipped, totals.waived, totals.baselined
    result.stale_waivers, result.warnings = totals.stale_waivers, totals.warnings
    result.cross_document, result.not_compared = totals.cross_document, totals.not_compared
    result.checked_across = totals.checked - sum(r.checked for r in result.files)
    return result
