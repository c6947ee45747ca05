"""Speed and memory of budgetaudit, measured by a script (never by timed tests).

    python bench/bench.py [--quick] [--runs N] [--seeds DIR] [--venv DIR] [--only SECTION ...]

1. cold start: `budgetaudit --version` and `budgetaudit check SEED --format json`, median wall of N
   subprocess runs each, from a real (non-editable) install: a throw-away venv with
   `pip install <repo>` (or --venv DIR, a venv where budgetaudit is already installed), as a user
   has it; an editable install recompiles every module on each run when bytecode is not written;
2. in-process throughput: documents/second of engine.read_document + engine.check_document over the
   seeds (loaded once), on one core, with the budgetaudit this Python imports (it says whether that is
   the mypyc-compiled build or pure Python: run the bench with a real install's Python to measure
   what users run);
3. batches: 1,000 files (copies of the seeds and examples/) checked with `-j 1` and `-j 2`, and the
   peak memory of a 10,000-file batch, summed over the main process and its workers (sampled from
   /proc, or the largest single process from getrusage where /proc is absent), and of a 10,000-file batch
   of one body's linked documents (four invented documents under 2,500 names, compared across documents);
4. time against size: a synthetic disclosure (bench/synthetic.py) at 1×, 10× and 100× a seed's size;
5. hostile shapes and adversarial inputs (a 50 MB text, a single 1 MB line, a 100,000-row table, a
   line of 100,000 digits, deep nesting, long runs of one token, …), each built and checked in a
   child process with a time limit, with its time per MB and peak memory;
6. hostile files and settings (bench/hostile_files.py: zip and Flate bombs, merged and spanned cells,
   list numbers, a backtracking glob, a FIFO, many waivers, …), each checked by the command line in a
   child process: seconds, peak memory, exit code and the one line of a refusal.

Every figure is printed beside its target. Seeds are read from ../shared/seeds next to the
repository; a section that needs them is skipped with a note when they are absent. Files are
written only into temporary directories, removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import disclosure  # noqa: E402

TARGET_COLD_SECONDS = 0.4  # `check` on one seed, including start-up, from a real install
TARGET_DOCS_PER_SECOND = 200  # seed-sized docs, in-process, one core (issue #7)
TARGET_DOCS_PER_SECOND_FIRST = 100  # the first slice's (issue #2)
TARGET_SPEEDUP = 1.7  # -j 2 against -j 1 on a 1,000-file batch
TARGET_BATCH_MB = 200  # peak memory of a batch, summed over processes, whatever its size
TARGET_SIZE_RATIO = 1.5  # s/MB at 100× over s/MB at 1×: linear time
HOSTILE_LIMIT = 600.0  # seconds before a hostile case is stopped and reported as such


# -- output -------------------------------------------------------------------


def table(title: str, header: list[str], rows: list[list[str]], note: str = "") -> None:
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n== {title} ==")
    print("  ".join(_pad(h, w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(_pad(str(c), w) for c, w in zip(row, widths)))
    if note:
        print(note)
    sys.stdout.flush()


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def load_note() -> str:
    """The machine's load: timings on a shared machine (and -j speed-ups above all) depend on it."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return ""
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} CPUs"


# -- processes and memory ---------------------------------------------------------


def _rss_of_tree(root: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc (0 where /proc is absent)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
    try:
        entries = os.listdir("/proc")
    except OSError:
        return 0
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as handle:
                stat = handle.read()
            with open(f"/proc/{name}/statm", "rb") as handle:
                resident = int(handle.read().split()[1]) * page
        except (OSError, IndexError, ValueError):
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(name))
        rss[int(name)] = resident
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


class TreeSampler:
    """The peak of the summed resident memory of a process tree, sampled every `interval` seconds."""

    def __init__(self, pid: int, interval: float = 0.05):
        self.pid, self.interval, self.peak, self.samples = pid, interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss_of_tree(self.pid))
            self.samples += 1
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_child(argv: list[str], limit: float | None = None, sample: bool = False, env: dict | None = None,
              capture: bool = False) -> dict:
    """Run one child: wall seconds, exit code, its peak RSS (KiB, getrusage), the summed peak of its
    process tree (bytes, /proc) when `sample`, and its standard output when `capture`."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=env)
    sampler = TreeSampler(process.pid) if sample else None
    output = b""
    chunks: list[bytes] = []
    if capture:
        reader = threading.Thread(target=_drain, args=(process, chunks), daemon=True)
        reader.start()
    stopped = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if limit is not None and time.perf_counter() - started > limit:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            stopped = True
            break
        time.sleep(0.01)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    tree = sampler.stop() if sampler else 0
    if capture:
        reader.join()
        output = b"".join(chunks)
    return {"wall": wall, "code": process.returncode, "maxrss_kb": usage.ru_maxrss, "tree_bytes": tree,
            "stopped": stopped, "output": output}


def _drain(process: subprocess.Popen, chunks: list[bytes]) -> None:
    for chunk in iter(lambda: process.stdout.read(65536), b""):
        chunks.append(chunk)


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"pinned to CPU {cpu}"
        except OSError:
            pass
    return "not pinned"


def unpin() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, range(os.cpu_count() or 1))
        except OSError:
            pass


def seed_files(folder: pathlib.Path) -> list[pathlib.Path]:
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


# -- the installed command ----------------------------------------------------------------


def installed_cli(venv: str | None, workdir: pathlib.Path) -> tuple[list[str], str]:
    """The `budgetaudit` command of a real install, and how it was obtained."""
    if venv:
        exe = pathlib.Path(venv) / "bin" / "budgetaudit"
        if exe.exists():
            return [str(exe)], f"installed in {venv}"
        return fallback_cli(), f"--venv {venv} has no budgetaudit; using the current interpreter"
    target = workdir / "venv"
    started = time.perf_counter()
    try:
        subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, capture_output=True)
        subprocess.run([str(target / "bin" / "pip"), "install", "-q", str(ROOT)], check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        return fallback_cli(), f"pip install failed ({detail.decode(errors='replace').strip().splitlines()[-1:] or exc}); using the current interpreter"
    return [str(target / "bin" / "budgetaudit")], f"pip install into a fresh venv ({time.perf_counter() - started:.0f} s)"


def fallback_cli() -> list[str]:
    exe = pathlib.Path(sys.executable).with_name("budgetaudit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "budgetaudit"]


# -- 1. cold start --------------------------------------------------------------


def cold_start(command: list[str], how: str, seeds: list[pathlib.Path], runs: int) -> dict:
    first = run_child([*command, "--version"])
    if first["code"] != 0:
        print(f"\n== 1. cold start ==\nskipped: `{' '.join(command)} --version` exits {first['code']}")
        return {}
    rows = []
    cases = [("--version", ["--version"])] + [
        (f"check {p.name[:12]}… ({p.stat().st_size // 1024} KB)", ["check", str(p), "--format", "json"]) for p in seeds
    ]
    medians = {}
    for name, args in cases:
        samples = [run_child([*command, *args]) for _ in range(runs)]
        walls = [s["wall"] for s in samples]
        codes = sorted({s["code"] for s in samples})
        median = statistics.median(walls)
        medians[name] = median
        rss = max(s["maxrss_kb"] for s in samples) / 1024
        target = f"< {TARGET_COLD_SECONDS} s {verdict(median < TARGET_COLD_SECONDS)}" if args[0] == "check" else ""
        rows.append([name, f"{median:.3f}", f"{min(walls):.3f}", f"{rss:.0f}", ",".join(map(str, codes)), target])
    checks = [v for k, v in medians.items() if k.startswith("check")]
    note = f"{runs} runs each via `{' '.join(command)}` ({how}); exit 1 means findings (expected)."
    if checks:
        note += (f"\nslowest seed median {max(checks):.3f} s, mean of medians {statistics.mean(checks):.3f} s: "
                 f"target < {TARGET_COLD_SECONDS} s {verdict(max(checks) < TARGET_COLD_SECONDS)}")
    else:
        note += "\nseeds absent: only --version was timed."
    table("1. cold start (subprocess wall time, real install)", ["command", "median s", "min s", "peak RSS MB", "exit", "target"],
          rows, note)
    return medians


# -- 2. in-process throughput ------------------------------------------------------


def throughput(seeds: list[pathlib.Path], seconds: float) -> float:
    from budgetaudit import engine, ruleset, source

    if not seeds:
        print("\n== 2. in-process throughput ==\nskipped: ../shared/seeds is absent")
        return 0.0
    rules = ruleset.load_rules()
    sources = [source.load(str(p)) for p in seeds]

    def once(src):
        # A fresh Source each time: nothing computed for one run is reused by the next.
        return engine.check_document(engine.read_document(source.Source(src.path, src.text, src.encoding)), rules)

    for src in sources:  # warm caches (dictionary, compiled patterns)
        once(src)
    rows = []
    for path, src in zip(seeds, sources):
        samples = []
        for _ in range(7):
            started = time.perf_counter()
            once(src)
            samples.append(time.perf_counter() - started)
        best = min(samples)
        tracemalloc.start()
        once(src)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append([path.name[:16], f"{len(src.text.encode('utf-8')) / 1024:.1f}", f"{statistics.median(samples) * 1000:.1f}",
                     f"{best * 1000:.1f}", f"{1 / best:.0f}", f"{peak / 2**20:.1f}"])
    # Rounds of every seed in turn, for `seconds`. The target is judged on the best round's CPU time,
    # as timeit judges the fastest repeat: on a shared machine other work only ever adds time (this VM's
    # speed varies up to 2× from hour to hour). The sustained wall-clock rate is printed beside it.
    documents, rounds = 0, []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        round_started = time.process_time()
        for src in sources:
            once(src)
            documents += 1
        rounds.append(time.process_time() - round_started)
    elapsed = time.perf_counter() - started
    sustained = documents / elapsed
    best_round = min(rounds)
    rate = len(sources) / best_round
    rows.append(["all seeds, best round (CPU)", "", f"{best_round / len(sources) * 1000:.1f}", "",
                 f"{rate:.0f}", ""])
    rows.append(["all seeds, sustained (wall)", "", f"{elapsed / documents * 1000:.1f}", "", f"{sustained:.0f}", ""])
    import budgetaudit

    build = "compiled with mypyc" if budgetaudit.compiled() else "pure Python"
    table(
        f"2. in-process throughput (read_document + check_document, one core; {build}: {budgetaudit.__file__})",
        ["document", "KB", "median ms", "best ms", "docs/s (best)", "peak alloc MB"],
        rows,
        f"{rate:.0f} docs/s in the best of {len(rounds)} rounds of the seeds: target ≥ "
        f"{TARGET_DOCS_PER_SECOND_FIRST} {verdict(rate >= TARGET_DOCS_PER_SECOND_FIRST)}, target ≥ "
        f"{TARGET_DOCS_PER_SECOND} {verdict(rate >= TARGET_DOCS_PER_SECOND)} (sustained: {documents} documents "
        f"in {elapsed:.2f} s of wall time, {sustained:.0f} docs/s)",
    )
    stages(sources, once)
    return rate


def stages(sources: list, once) -> None:
    """CPU time of each stage over a round of the seeds, beside a floor: the least any design built on
    the same parts must do (normalise the text, find every number with a unit, build its Figure).

    The stages are called here one after the other, as engine.read_document and check_document call
    them: wrapping the module functions would not see the calls a compiled engine makes between its
    own modules. The staged round must give the same findings as the engine's, or this says so."""
    from budgetaudit import crossref, engine, evaluation, figures, prose, ruleset, source, tables, title
    from budgetaudit.document import Document

    try:
        from budgetaudit import evaluation_line, own_year
    except ImportError:  # a build from before issue #16
        print("\n2b. skipped: this build has no own_year or evaluation_line stage")
        return

    rules = ruleset.load_rules()
    names = ["title", "tables", "prose", "cross-references", "evaluation forms", "rules", "source (normalise)"]
    spent = dict.fromkeys(names, 0.0)

    def staged(src):
        clock = time.process_time
        t0 = clock()
        fresh = source.Source(src.path, src.text, src.encoding)
        dictionary = engine.default_dictionary()
        document = Document(fresh)
        t1 = clock()
        document.joint = dictionary.joint
        title.read(fresh, document)
        document.own_years = own_year.read(fresh, document)
        t2 = clock()
        tables.extract(fresh, document, dictionary)
        t3 = clock()
        prose.extract(fresh, document, dictionary)
        t4 = clock()
        crossref.equivalent_scopes(document)
        crossref.derive_partitions(document, dictionary)
        crossref.derive_change_partitions(document, dictionary)
        t5 = clock()
        evaluation.extract(document)
        evaluation_line.extract(document)
        t6 = clock()
        # The rules, then what makes one finding per mistake and places it (engine.check_document).
        report = engine._check_document(document, rules, "zh")
        t7 = clock()
        for name, took in zip(spent, (t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5, t7 - t6, t1 - t0)):
            spent[name] += took
        return report

    for src in sources:
        if len(staged(src).findings) != len(once(src).findings):
            print("\n2b. skipped: the staged round no longer matches engine.read_document (update bench.stages)")
            return
    spent.update(dict.fromkeys(spent, 0.0))
    rounds = 5
    started = time.process_time()
    for _ in range(rounds):
        for src in sources:
            once(src)
    whole = (time.process_time() - started) / rounds
    for _ in range(rounds):
        for src in sources:
            staged(src)

    def floor(src) -> int:
        fresh = source.Source(src.path, src.text, src.encoding)
        found = 0
        for match in figures.NUMBER_RE.finditer(fresh.norm):
            unit, unit_end = figures.unit_after(fresh.norm, match.end())
            if unit and figures.figure_at(fresh, match.start(), match.end(), unit, unit_end) is not None:
                found += 1
        return found

    started = time.process_time()
    for _ in range(rounds):
        for src in sources:
            floor(src)
    least = (time.process_time() - started) / rounds
    # Shares of the staged round: the engine's own round (measured apart, and also sorting and
    # fingerprinting the findings) differs from their sum by the noise of two measurements.
    staged_total = sum(spent.values())
    rows = [[name, f"{spent[name] / rounds * 1000:.1f}", f"{spent[name] / staged_total * 100:.0f}%"] for name in spent]
    rows.append(["whole round (engine)", f"{whole * 1000:.1f}", f"{len(sources) / whole:.0f} docs/s"])
    rows.append(["floor: find numbers with units, build Figures", f"{least * 1000:.1f}", f"{len(sources) / least:.0f} docs/s"])
    table("2b. where the time goes (CPU ms per round of the seeds)", ["stage", "ms", "share"], rows,
          f"{TARGET_DOCS_PER_SECOND} docs/s leaves {len(sources) / TARGET_DOCS_PER_SECOND * 1000:.0f} ms per round of "
          f"{len(sources)}; the floor alone takes {least * 1000:.0f} ms of it")


# -- 3. batches ----------------------------------------------------------------------------


def make_batch(folder: pathlib.Path, count: int, originals: list[pathlib.Path]) -> pathlib.Path:
    """`count` files copied round robin from `originals`, each under its own name."""
    folder.mkdir(parents=True, exist_ok=True)
    have = len(list(folder.glob("*.txt")))
    for index in range(have, count):
        original = originals[index % len(originals)]
        shutil.copyfile(original, folder / f"{index:05d}_{original.name}")
    return folder


def make_linked_batch(folder: pathlib.Path, count: int) -> pathlib.Path:
    """`count` files: the four invented documents of tests/test_crossdoc.py (2024 and 2025 预算 and 决算, three
    planted differences) under as many invented body names as it takes, each body's four linked."""
    import itertools

    sys.path.insert(0, str(ROOT / "tests"))
    import test_crossdoc as invented

    folder.mkdir(parents=True, exist_ok=True)
    documents = [("a_budget_2024", invented.BUDGET_2024), ("b_final_2024", invented.FINAL_2024),
                 ("c_budget_2025", invented.BUDGET_2025), ("d_final_2025", invented.FINAL_2025.format(**invented.PLANTED))]
    chars = "甲乙丙丁戊己庚辛壬癸青禾松柏梅兰竹菊山川河湖星月云雷风雨霜雪春夏秋冬金木水火土东西南北中红黄蓝白紫"
    names = ("某县" + a + b + "区" + c + "务中心" for a, b, c in itertools.product(chars, repeat=3))
    for body, name in zip(range((count + 3) // 4), names):
        for stem, text in documents[: min(4, count - body * 4)]:
            (folder / f"{body:05d}_{stem}.txt").write_text(text.replace(invented.NAME, name), encoding="utf-8")
    return folder


def batches(command: list[str], originals: list[pathlib.Path], workdir: pathlib.Path, quick: bool) -> None:
    if not originals:
        print("\n== 3. batches ==\nskipped: no seeds or examples to copy")
        return
    rows = []
    small = make_batch(workdir / "batch", 1000, originals)
    # -j 1 and -j 2 alternate, five times each (once with --quick); each is judged on its fastest run, as
    # timeit judges the fastest repeat (on a shared VM other work only adds time), with the largest peak.
    walls: dict[int, float] = {}
    peaks: dict[int, int] = {}
    codes: dict[int, int] = {}
    for _ in range(1 if quick else 5):
        for jobs in (1, 2):
            result = run_child([*command, "check", str(small), "--format", "json", "-j", str(jobs)], sample=True)
            walls[jobs] = min(walls.get(jobs, result["wall"]), result["wall"])
            peaks[jobs] = max(peaks.get(jobs, 0), result["tree_bytes"])
            codes[jobs] = result["code"]
    for jobs in (1, 2):
        rows.append([f"1,000 files, -j {jobs}", f"{walls[jobs]:.1f}", f"{1000 / walls[jobs]:.0f}",
                     f"{peaks[jobs] / 2**20:.0f}", str(codes[jobs]), ""])
    speedup = walls[1] / walls[2]
    rows[-1][-1] = f"{speedup:.2f}× (≥ {TARGET_SPEEDUP}× {verdict(speedup >= TARGET_SPEEDUP)})"
    big_count = 3000 if quick else 10_000
    big = make_batch(workdir / "batch", big_count, originals)
    for jobs in (2, 1):
        result = run_child([*command, "check", str(big), "--format", "json", "-j", str(jobs)], sample=True)
        peak = result["tree_bytes"] / 2**20
        rows.append([f"{big_count:,} files, -j {jobs}", f"{result['wall']:.1f}", f"{big_count / result['wall']:.0f}",
                     f"{peak:.0f}", str(result["code"]),
                     f"peak {peak:.0f} MB (< {TARGET_BATCH_MB} MB {verdict(0 < peak < TARGET_BATCH_MB)})"])
        if quick:
            break
    # The html report carries each document's text and tables from the workers, and spools each file's part
    # (formats/html.py): the same target.
    result = run_child([*command, "check", str(big), "--format", "html", "-j", "2"], sample=True)
    peak = result["tree_bytes"] / 2**20
    rows.append([f"{big_count:,} files, html, -j 2", f"{result['wall']:.1f}", f"{big_count / result['wall']:.0f}",
                 f"{peak:.0f}", str(result["code"]),
                 f"peak {peak:.0f} MB (< {TARGET_BATCH_MB} MB {verdict(0 < peak < TARGET_BATCH_MB)})"])
    # One body's documents linked and compared (#20): every file gives a digest, kept in a spooled file until the
    # cross-document rules run at the end; the main process holds the findings across documents.
    linked = make_linked_batch(workdir / "linked", big_count)
    result = run_child([*command, "check", str(linked), "--format", "json", "-j", "2"], sample=True)
    peak = result["tree_bytes"] / 2**20
    rows.append([f"{big_count:,} linked files, -j 2", f"{result['wall']:.1f}", f"{big_count / result['wall']:.0f}",
                 f"{peak:.0f}", str(result["code"]),
                 f"peak {peak:.0f} MB (< {TARGET_BATCH_MB} MB {verdict(0 < peak < TARGET_BATCH_MB)})"])
    table("3. batches (`check DIR --format json -j N`, and html; report to /dev/null)",
          ["batch", "seconds", "files/s", "peak MB (sum over processes)", "exit", "target"], rows,
          f"files are copies of {len(originals)} seeds and examples; the 1,000-file rows are "
          f"{'one run each' if quick else 'the fastest of five alternating runs each'}; memory is the largest sum "
          "of resident memory of "
          f"the main process and its workers, sampled every 50 ms from /proc; {load_note()} (a busy machine leaves "
          "-j 2 no second core).")


# -- 4. time against size --------------------------------------------------------------


def scaling(base_bytes: int, factors: list[int]) -> float:
    """Print the table; return the seconds per MB at the largest size."""
    from budgetaudit import engine, ruleset, source

    rules = ruleset.load_rules()
    engine.check_document(engine.read_document(source.Source("warm.txt", disclosure(base_bytes))), rules)
    rows = []
    first = None
    per_mb = 0.0
    for factor in factors:
        # A different document for each sample (the same text again would find the memoised prints of
        # its labels and numbers already known), timed in CPU seconds (wall time on a shared VM also
        # counts waiting for the host); the least of the samples.
        samples = []
        report = None
        for sample in range(5 if factor < 100 else 3):
            text = disclosure(base_bytes * factor, seed=factor * 10 + sample)
            started = time.process_time()
            document = engine.read_document(source.Source("synthetic.txt", text))
            report = engine.check_document(document, rules)
            samples.append(time.process_time() - started)
        megabytes = len(text.encode("utf-8")) / 2**20
        seconds = min(samples)
        tracemalloc.start()
        engine.check_document(engine.read_document(source.Source("synthetic.txt", text)), rules)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        per_mb = seconds / megabytes
        first = first or per_mb
        errors = sum(1 for f in report.findings if f.severity == "error")
        rows.append([f"{factor}×", f"{megabytes * 1024:.0f}", f"{seconds:.3f}", f"{per_mb:.2f}", f"{per_mb / first:.2f}",
                     f"{peak / 2**20:.1f}", str(report.checked), str(errors)])
    ratio = per_mb / first
    table(
        "4. time against document size (synthetic consistent disclosure)",
        ["size", "KB", "CPU seconds", "s/MB", "s/MB vs 1×", "peak alloc MB", "relations checked", "errors"],
        rows,
        f"linear time: s/MB at {factors[-1]}× is {ratio:.2f}× that at 1× (target ≤ {TARGET_SIZE_RATIO}× "
        f"{verdict(ratio <= TARGET_SIZE_RATIO)}); errors should be 0 (the generator's arithmetic is consistent).",
    )
    return per_mb


# -- 5. hostile shapes and adversarial inputs -------------------------------------------------------


def _big_table(rows: int, layout: str) -> str:
    """A 项目支出 table of `rows` rows, totals consistent, in one flattened layout."""
    lines = ["附件3", "2024年度一般公共预算财政拨款支出决算表", "单位：万元"]
    header = ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    body = []
    grand = [0, 0]
    for index in range(rows):
        basic, project = (index * 37) % 10_000, (index * 91) % 10_000
        grand[0] += basic
        grand[1] += project
        body.append([f"2{index:06d}", f"第{index}项", _cents(basic + project), _cents(basic), _cents(project)])
    total = ["", "合计", _cents(sum(grand)), _cents(grand[0]), _cents(grand[1])]
    if layout == "pipe":
        lines += ["| " + " | ".join(r) + " |" for r in [header, ["---"] * 5, total, *body]]
    else:
        lines += ["\t".join(r) for r in [header, total, *body]]
    return "\n".join(lines) + "\n"


def _cents(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}"


def hostile_text(name: str, quick: bool, part: int = 1) -> str:
    """The text of one hostile case at 1/part of its size, built in the child that checks it."""
    if name == "50mb":
        return disclosure((5 if quick else 50) * 2**20 // part, seed=11)
    if name == "1mb-line":
        line = disclosure(1_100_000 // part, seed=7).replace("\n", "")
        return line.encode("utf-8")[: 2**20 // part].decode("utf-8", "ignore")
    if name == "table-pipe":
        return _big_table((20_000 if quick else 100_000) // part, "pipe")
    if name == "table-tab":
        return _big_table((20_000 if quick else 100_000) // part, "tab")
    return dict(ADVERSARIAL)[name](part)


# Each case is a function of `part`: the case at 1/part of its size (a quarter is timed too, to see the
# time per MB stay flat as the input grows).
ADVERSARIAL = [
    ("line of 100,000 digits", lambda k: "9" * (100_000 // k)),
    ("100,000 digits followed by 万元", lambda k: "支出" + "9" * (100_000 // k) + "万元。"),
    ("100,000 digits with a decimal point", lambda k: "支出" + "9" * (50_000 // k) + "." + "9" * (50_000 // k) + "万元。"),
    ("10,000 其中 in a row", lambda k: "其中" * (10_000 // k)),
    ("10,000 其中： with a colon", lambda k: "其中：" * (10_000 // k) + "1万元"),
    ("parentheses nested 10,000 deep", lambda k: "（" * (10_000 // k) + "支出1.00万元" + "）" * (10_000 // k)),
    ("ASCII parentheses nested 10,000 deep", lambda k: "(" * (10_000 // k) + "支出1.00万元" + ")" * (10_000 // k)),
    ("20,000 占 then 5%", lambda k: "占" * (20_000 // k) + "5%"),
    ("与 then 100,000 spaces", lambda k: "支出1万元与" + " " * (100_000 // k) + "1万元相比"),
    ("100,000 spaces then 增加", lambda k: "支出1万元，较上年" + " " * (100_000 // k) + "增加1万元"),
    ("50,000 pipes on one line", lambda k: "|" * (50_000 // k)),
    ("30,000 × '1,2'", lambda k: "1,2" * (30_000 // k)),
    ("30,000 × '1,234'", lambda k: "1,234," * (30_000 // k)),
    ("100,000 line breaks", lambda k: "\n" * (100_000 // k)),
    ("100,000 short lines of one figure", lambda k: "支出1万元\n" * (100_000 // k)),
    ("one sentence of 2,000 figures", lambda k: "基本支出1.00万元，" * (2_000 // k) + "。"),
    ("one sentence of 20,000 figures", lambda k: "基本支出1.00万元，" * (20_000 // k) + "。"),
    ("one sentence of 其中：X万元 × 1,000", lambda k: "其中：基本支出1万元，" * (1_000 // k)),
    ("one sentence of 其中：X万元 × 10,000", lambda k: "其中：基本支出1万元，" * (10_000 // k)),
    ("10,000 shares 占r% in one sentence", lambda k: "支出100万元，" + "基本支出1万元，占1%，" * (10_000 // k)),
    ("10,000 changes 较上年增加 in one sentence", lambda k: "支出100万元，" + "较上年增加1万元，增长1%，" * (10_000 // k)),
    ("10,000 positional lists", lambda k: "基本支出和项目支出分别为1万元和2万元，" * (10_000 // k)),
    # Paths that were quadratic until timed here: 其中 lists whose siblings may follow in the paragraph,
    # a 其中 list's completeness, a share of a named whole, the totals a 收支 change is about.
    ("a paragraph of 10,000 其中 sentences", lambda k: "支出100万元，其中：基本支出60万元。" * (10_000 // k)),
    ("one 其中 list of 10,000 parts", lambda k: "支出100万元，其中：" + "基本支出1万元，" * (10_000 // k) + "。"),
    ("10,000 shares of a named whole", lambda k: "支出100万元。" + "基本支出1万元，占支出的1%，" * (10_000 // k) + "。"),
    ("10,000 收支 changes in one sentence",
     lambda k: "收入总计100万元，支出总计100万元，" + "收、支总计较上年增加1万元，" * (10_000 // k) + "。"),
    ("5,000 copies each of two values of one figure",
     lambda k: "2024年度部门决算\n" + "支出总计100万元。支出总计90万元。" * (5_000 // k)),
    ("5,000 different values of one figure",
     lambda k: "2024年度部门决算\n" + "".join(f"支出总计{v}.00万元。" for v in range(1, 5_000 // k + 1))),
    # Issue 21: every rate wrong, so each asks for the slip hints (2,000 statements; 500 at a quarter).
    ("2,000 wrong growth rates, one a line",
     lambda k: "2024年度部门决算\n" + "\n".join(f"第{i}项支出{100 + i}.00万元，较上年决算数增加10.00万元，增长{i % 40 + 50}.00%。"
                                           for i in range(2_000 // k))),
    ("20,000 wrong growth rates on one line",
     lambda k: "2024年度部门决算\n" + "".join(f"第{i}项支出{100 + i}.00万元，较上年决算数增加10.00万元，增长{i % 40 + 50}.00%。"
                                           for i in range(20_000 // k))),
    ("5,000 totals then 5,000 收支 changes in one sentence",
     lambda k: "支出总计100万元，" * (5_000 // k) + "收、支总计较上年增加1万元，" * (5_000 // k) + "。"),
]
HOSTILE = [
    ("50mb", "a 50 MB text (synthetic disclosure)"),
    ("1mb-line", "one 1 MB line (synthetic prose, no breaks)"),
    ("table-pipe", "a 100,000-row table, | cells"),
    ("table-tab", "a 100,000-row table, TAB cells"),
] + [(name, name) for name, _ in ADVERSARIAL]


def child_case(name: str, quick: bool, part: int = 1) -> None:
    """Child mode: build one case (at 1/part of its size), read and check it, print seconds, size and
    outcome as JSON."""
    from budgetaudit import engine, ruleset, source

    rules = ruleset.load_rules()
    text = hostile_text(name, quick, part)
    size = len(text.encode("utf-8"))
    started, cpu_started = time.perf_counter(), time.process_time()
    try:
        document = engine.read_document(source.Source("hostile.txt", text))
        report = engine.check_document(document, rules)
        outcome = f"{len(report.findings)} findings"
    except Exception as exc:  # reported, not raised: the bench measures, the tests judge
        outcome = f"RAISED {type(exc).__name__}: {exc}"[:80]
    print(json.dumps({"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu_started,
                      "bytes": size, "outcome": outcome, "peak_kb": _own_peak_kb()}))


def _own_peak_kb() -> int | None:
    """This process's own peak resident memory (VmHWM). Not getrusage: on Linux a child's ru_maxrss keeps
    the high-water mark of the process it was forked from, so a small case would show the bench's size."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


LINEAR_CHECK_SECONDS = 0.25  # a case this slow is timed at a quarter of its size as well
TARGET_LINEAR_RATIO = 1.5  # s/MB at full size over s/MB at a quarter


def _hostile_child(name: str, quick: bool, part: int) -> tuple[dict | None, str, float]:
    """(data, problem, peak RSS MB) of one child run of a case."""
    argv = [sys.executable, str(pathlib.Path(__file__).resolve()), "--case", name, "--part", str(part)]
    result = run_child(argv + (["--quick"] if quick else []), limit=HOSTILE_LIMIT, capture=True)
    rss = result["maxrss_kb"] / 1024
    if result["stopped"]:
        return None, "STOPPED (hang)", rss
    try:
        data = json.loads(result["output"].decode().strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None, f"child exited {result['code']}", rss
    if data.get("peak_kb"):
        rss = data["peak_kb"] / 1024
    if data["outcome"].startswith("RAISED"):
        return data, data["outcome"], rss
    return data, "", rss


CONFIRM_SECONDS = 10.0  # a case up to this long is measured again before it is called superlinear


def _growth(full: dict, quarters: list[dict]) -> float:
    """CPU s/MB of the full-size run over the least CPU s/MB of the quarter-size runs."""
    quarter = min(run["cpu"] / (run["bytes"] / 2**20) for run in quarters)
    return (full["cpu"] / (full["bytes"] / 2**20)) / quarter


def hostile(quick: bool, prose_seconds_per_mb: float) -> None:
    rows = []
    for name, label in HOSTILE:
        if quick and name in ("table-tab",):
            continue
        if quick and name in ("50mb", "table-pipe"):
            label += " (quick: smaller)"
        data, problem, rss = _hostile_child(name, quick, 1)
        if data is None:
            rows.append([label, "", f"> {HOSTILE_LIMIT:.0f}" if problem.startswith("STOPPED") else "", "", "", "", f"{rss:.0f}", problem])
            continue
        megabytes = data["bytes"] / 2**20
        seconds = data["seconds"]
        per_mb = data["cpu"] / megabytes
        # Linear: the CPU time per MB at full size is no more than 1.5× that at a quarter of the size (CPU
        # time, as wall time on a shared VM also counts waiting for the host). A miss is measured four times
        # more, both sizes, and judged on the least times: a quarter case lasts only tens of milliseconds,
        # and on a shared VM the same run varies by a third.
        growth, status = "", problem or "ok"
        if not problem and seconds >= LINEAR_CHECK_SECONDS:
            quarter, problem, _ = _hostile_child(name, quick, 4)
            if quarter is None or problem:
                status = f"¼ size: {problem}"
            else:
                ratio = _growth(data, [quarter])
                if ratio > TARGET_LINEAR_RATIO and data["cpu"] < CONFIRM_SECONDS:
                    fulls = [data] + [run for run, _, _ in (_hostile_child(name, quick, 1) for _ in range(4)) if run]
                    quarters = [quarter] + [run for run, _, _ in (_hostile_child(name, quick, 4) for _ in range(4)) if run]
                    ratio = _growth(min(fulls, key=lambda run: run["cpu"]), quarters)
                growth = f"{ratio:.2f}"
                status = "ok" if ratio <= TARGET_LINEAR_RATIO else "SUPERLINEAR"
        rows.append([label, f"{megabytes * 1024:,.0f}", f"{seconds:.3f}", f"{per_mb:.2f}",
                     f"{per_mb / prose_seconds_per_mb:.1f}", growth, f"{rss:.0f}", status])
    table("5. hostile shapes and adversarial inputs (build + read + check in a child process)",
          ["case", "KB", "seconds", "CPU s/MB", "× prose s/MB", "s/MB vs ¼ size", "peak RSS MB", "status"], rows,
          f"target: never raises, never hangs, linear: a case taking ≥ {LINEAR_CHECK_SECONDS} s is run at a quarter of "
          f"its size too, and its CPU s/MB at full size must be ≤ {TARGET_LINEAR_RATIO}× that at a quarter (a miss is "
          f"measured four times more before it is reported). "
          f"'× prose s/MB' compares with ordinary prose ({prose_seconds_per_mb:.2f} s/MB, section 4 at its largest "
          f"size): dense inputs (a table, a figure per line) cost more per MB without growing faster.")


# -- 6. hostile files and settings (issue 21) ------------------------------------------------------

TARGET_HOSTILE_FILE_MB = 1024  # peak memory of any hostile file: well under this
TARGET_HOSTILE_FILE_SECONDS = 30.0


def hostile_files() -> None:
    import hostile_files as cases

    rows = []
    for label, build in cases.CASES:
        with tempfile.TemporaryDirectory(prefix="budgetaudit-hostile-") as folder:
            try:
                data = cases.measure(build, pathlib.Path(folder), sys.executable, HOSTILE_LIMIT)
            except ImportError as exc:  # a library that builds the case is missing
                rows.append([label, "", "", "", f"not built: {exc}"])
                continue
        one_line = data["code"] != 2 or data["lines"] == 1
        ok = (not data["stopped"] and data["code"] in (0, 1, 2) and one_line and data["unchanged"]
              and data["seconds"] < TARGET_HOSTILE_FILE_SECONDS and data["rss_mb"] < TARGET_HOSTILE_FILE_MB)
        reason = data["first"].replace("budgetaudit: error: ", "")
        rows.append([label, f"> {HOSTILE_LIMIT:.0f}" if data["stopped"] else f"{data['seconds']:.2f}",
                     f"{data['rss_mb']:.0f}", str(data["code"]), (reason[-70:] if data["code"] == 2 else "checked") +
                     ("" if ok else "  MISS")])
    table("6. hostile files and settings (built, then `python -m budgetaudit` in a child process)",
          ["case", "seconds", "peak RSS MB", "exit", "outcome"], rows,
          f"target: exit 0/1 (checked) or 2 with one line, under {TARGET_HOSTILE_FILE_SECONDS:.0f} s and "
          f"{TARGET_HOSTILE_FILE_MB} MB, the input unchanged (MISS marks a case that is not)")


# -- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, smaller batches and hostile cases")
    parser.add_argument("--runs", type=int, default=None, help="subprocess runs per cold-start case (≥ 5)")
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"), help="folder of seed disclosures")
    parser.add_argument("--venv", default=None, help="a venv where budgetaudit is installed (default: a fresh one)")
    parser.add_argument("--only", choices=["cold", "throughput", "batch", "size", "hostile", "files"], action="append")
    parser.add_argument("--case", help=argparse.SUPPRESS)  # child mode of section 5
    parser.add_argument("--part", type=int, default=1, help=argparse.SUPPRESS)  # the case at 1/part of its size
    args = parser.parse_args(argv)
    if args.case:
        child_case(args.case, args.quick, args.part)
        return 0
    runs = max(5, args.runs or (5 if args.quick else 9))
    seeds = seed_files(pathlib.Path(args.seeds))
    originals = seeds + sorted((ROOT / "examples").glob("*.txt"))
    sections = args.only or ["cold", "throughput", "batch", "size", "hostile", "files"]

    import budgetaudit

    print(f"budgetaudit {budgetaudit.__version__} · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs · "
          f"{len(seeds)} seeds in {args.seeds}" + (" · quick" if args.quick else "") + f" · {load_note()}")
    with tempfile.TemporaryDirectory(prefix="budgetaudit-bench-") as temporary:
        workdir = pathlib.Path(temporary)
        command, how = (None, "")
        if "cold" in sections or "batch" in sections:
            command, how = installed_cli(args.venv, workdir)
            print(f"command: {' '.join(command)} ({how})")
        if "cold" in sections:
            cold_start(command, how, seeds, runs)
        if "batch" in sections:
            batches(command, originals, workdir, args.quick)
        print(f"\n(in-process sections {pin_to_one_core()})")
        if "throughput" in sections:
            throughput(seeds, 1.0 if args.quick else 3.0)
        prose_seconds_per_mb = 2.0
        if "size" in sections:
            base = statistics.median(p.stat().st_size for p in seeds) if seeds else 20_000
            prose_seconds_per_mb = scaling(int(base), [1, 10, 100])
        unpin()
        if "hostile" in sections:
            hostile(args.quick, prose_seconds_per_mb)
        if "files" in sections:
            hostile_files()
    return 0


if __name__ == "__main__":
    sys.exit(main())
