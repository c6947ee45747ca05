"""Speed and memory of budgetaudit, measured by a script (never by timed tests).

    python bench/bench.py [--quick] [--runs N] [--seeds DIR]

1. cold start: `budgetaudit --version` and `budgetaudit check SEED --format json`, median wall of N
   subprocess runs each, with the peak RSS of the child;
2. in-process throughput: documents/second of engine.read_document + engine.check_document over the
   seeds (loaded once), on one core;
3. time against size: a synthetic disclosure (bench/synthetic.py) at 1×, 10× and 100× a seed's size;
4. adversarial inputs, each run in a child process with a time limit.

Seeds are read from ../shared/seeds next to the repository; a section that needs them is skipped
with a note when they are absent. Nothing here writes any file.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import pathlib
import statistics
import subprocess
import sys
import time
import tracemalloc

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from synthetic import disclosure  # noqa: E402

TARGET_COLD_SECONDS = 0.5  # one seed, including start-up
TARGET_DOCS_PER_SECOND = 100  # seed-sized documents, in-process, one core
ADVERSARIAL_LIMIT = 60.0  # seconds before a case is stopped and reported as such


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


def _width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


# -- helpers --------------------------------------------------------------------


def cli_command() -> list[str]:
    exe = pathlib.Path(sys.executable).with_name("budgetaudit")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "budgetaudit"]


def run_child(argv: list[str]) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of one child process."""
    started = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr:
        process.stderr.close()
    return wall, process.returncode, usage.ru_maxrss


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"pinned to CPU {cpu}"
        except OSError:
            pass
    return "not pinned"


def seed_files(folder: pathlib.Path) -> list[pathlib.Path]:
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


# -- 1. cold start --------------------------------------------------------------


def cold_start(seeds: list[pathlib.Path], runs: int) -> None:
    command = cli_command()
    wall, code, _ = run_child([*command, "--version"])
    if code != 0:
        print(f"\n== 1. cold start ==\nskipped: `{' '.join(command)} --version` exits {code}; the CLI is not ready")
        return
    rows = []
    cases = [("--version", ["--version"])] + [
        (f"check {p.name[:12]}… ({p.stat().st_size // 1024} KB)", ["check", str(p), "--format", "json"]) for p in seeds
    ]
    checks = []
    for name, args in cases:
        samples = [run_child([*command, *args]) for _ in range(runs)]
        codes = sorted({c for _, c, _ in samples})
        median = statistics.median(w for w, _, _ in samples)
        rss = max(r for _, _, r in samples) / 1024
        bad = [c for c in codes if c not in (0, 1)]
        if args[0] == "check":
            checks.append(median)
        target = f"< {TARGET_COLD_SECONDS} s {verdict(median < TARGET_COLD_SECONDS)}" if args[0] == "check" else ""
        rows.append([name, f"{median:.3f}", f"{min(w for w, _, _ in samples):.3f}", f"{rss:.0f}",
                     ",".join(map(str, codes)) + (" (!)" if bad else ""), target])
    note = f"{runs} runs each via `{' '.join(command)}`; exit 1 means findings (expected), 2 an unreadable input."
    if not seeds:
        note += "\nseeds absent: only --version was timed."
    table("1. cold start (subprocess wall time)", ["command", "median s", "min s", "peak RSS MB", "exit", "target"], rows, note)


# -- 2. in-process throughput ------------------------------------------------------


def throughput(seeds: list[pathlib.Path], seconds: float) -> None:
    from budgetaudit import engine, ruleset, source

    if not seeds:
        print("\n== 2. in-process throughput ==\nskipped: ../shared/seeds is absent")
        return
    rules = ruleset.load_rules()
    sources = [source.load(str(p)) for p in seeds]
    for src in sources:  # warm caches (dictionary, compiled patterns)
        engine.check_document(engine.read_document(src), rules)
    rows = []
    per_seed = []
    for path, src in zip(seeds, sources):
        samples = []
        for _ in range(5):
            started = time.perf_counter()
            engine.check_document(engine.read_document(src), rules)
            samples.append(time.perf_counter() - started)
        per_seed.append(statistics.median(samples))
        tracemalloc.start()
        engine.check_document(engine.read_document(src), rules)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rows.append([path.name[:16], f"{len(src.text.encode('utf-8')) / 1024:.1f}", f"{per_seed[-1] * 1000:.1f}",
                     f"{1 / per_seed[-1]:.0f}", f"{peak / 2**20:.1f}"])
    documents = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for src in sources:
            engine.check_document(engine.read_document(src), rules)
            documents += 1
    elapsed = time.perf_counter() - started
    rate = documents / elapsed
    rows.append(["all seeds, round robin", "", f"{elapsed / documents * 1000:.1f}", f"{rate:.0f}", ""])
    table(
        "2. in-process throughput (read_document + check_document, one core)",
        ["document", "KB", "ms/doc", "docs/s", "peak alloc MB"],
        rows,
        f"target ≥ {TARGET_DOCS_PER_SECOND} seed-sized docs/s: {rate:.0f} docs/s {verdict(rate >= TARGET_DOCS_PER_SECOND)}"
        f" ({documents} documents in {elapsed:.2f} s)",
    )


# -- 3. time against size --------------------------------------------------------------


def scaling(base_bytes: int, factors: list[int]) -> float:
    """Print the table; return the seconds per MB at the middle size."""
    from budgetaudit import engine, ruleset, source

    rules = ruleset.load_rules()
    engine.check_document(engine.read_document(source.Source("warm.txt", disclosure(base_bytes))), rules)
    rows = []
    first = None
    for factor in factors:
        text = disclosure(base_bytes * factor, seed=factor)
        megabytes = len(text.encode("utf-8")) / 2**20
        samples = []
        report = None
        for _ in range(3 if factor < 100 else 1):
            started = time.perf_counter()
            document = engine.read_document(source.Source("synthetic.txt", text))
            report = engine.check_document(document, rules)
            samples.append(time.perf_counter() - started)
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
    table(
        "3. time against document size (synthetic consistent disclosure)",
        ["size", "KB", "seconds", "s/MB", "s/MB vs 1×", "peak alloc MB", "relations checked", "errors"],
        rows,
        "s/MB roughly constant means linear time; errors should be 0 (the generator's arithmetic is consistent).",
    )
    return float(rows[len(rows) // 2][3])


# -- 4. adversarial cases -------------------------------------------------------------------


def _adversarial_cases(quick: bool) -> list[tuple[str, str]]:
    one_mb_line = disclosure(1_100_000, seed=7).replace("\n", "")
    one_mb_line = one_mb_line.encode("utf-8")[: 2**20].decode("utf-8", "ignore")
    cases = [
        ("one 1 MB line (synthetic prose, no breaks)", one_mb_line),
        ("line of 100,000 digits", "9" * 100_000),
        ("100,000 digits followed by 万元", "支出" + "9" * 100_000 + "万元。"),
        ("10,000 其中 in a row", "其中" * 10_000),
        ("10,000 其中： with a colon", "其中：" * 10_000 + "1万元"),
        ("parentheses nested 10,000 deep", "（" * 10_000 + "支出1.00万元" + "）" * 10_000),
        ("ASCII parentheses nested 10,000 deep", "(" * 10_000 + "支出1.00万元" + ")" * 10_000),
        ("20,000 占 then 5%", "占" * 20_000 + "5%"),
        ("50,000 pipes on one line", "|" * 50_000),
        ("30,000 × '1,2'", "1,2" * 30_000),
        ("100,000 line breaks", "\n" * 100_000),
        ("one sentence of 2,000 figures", "基本支出1.00万元，" * 2_000 + "。"),
        ("one sentence of 其中：X万元 × 300", "其中：基本支出1万元，" * 300),
        ("one sentence of 其中：X万元 × 1,000", "其中：基本支出1万元，" * 1_000),
    ]
    if not quick:
        cases.append(("one sentence of 其中：X万元 × 3,000", "其中：基本支出1万元，" * 3_000))
    return cases


def _run_case(text: str, queue) -> None:
    from budgetaudit import engine, ruleset, source

    rules = ruleset.load_rules()
    src = source.Source("adversarial.txt", text)
    started = time.perf_counter()
    try:
        engine.check_document(engine.read_document(src), rules)
        queue.put((time.perf_counter() - started, ""))
    except Exception as exc:  # reported, not raised: the bench measures, the tests judge
        queue.put((time.perf_counter() - started, f"{type(exc).__name__}: {exc}"[:80]))


def adversarial(quick: bool, prose_seconds_per_mb: float) -> None:
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    rows = []
    for name, text in _adversarial_cases(quick):
        queue = context.Queue()
        child = context.Process(target=_run_case, args=(text, queue))
        child.start()
        child.join(ADVERSARIAL_LIMIT)
        if child.is_alive():
            child.terminate()
            child.join()
            rows.append([name, f"{len(text.encode('utf-8')) / 1024:.0f}", f"> {ADVERSARIAL_LIMIT:.0f}", "STOPPED"])
            continue
        seconds, error = queue.get() if not queue.empty() else (float("nan"), f"child exited {child.exitcode}")
        megabytes = len(text.encode("utf-8")) / 2**20
        # Quick means under a second, or for the 1 MB cases no slower per MB than twice ordinary prose.
        status = error or ("ok" if seconds < max(1.0, 2 * prose_seconds_per_mb * megabytes) else "slow")
        rows.append([name, f"{megabytes * 1024:.0f}", f"{seconds:.3f}", f"{seconds / megabytes:.2f}", status])
    table("4. adversarial inputs (read + check, in a child process)", ["case", "KB", "seconds", "s/MB", "status"], rows,
          f"'slow': ≥ 1 s and ≥ twice the s/MB of ordinary prose ({prose_seconds_per_mb:.2f} s/MB, section 3 at 10×).")


# -- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and shorter loops (about a minute)")
    parser.add_argument("--runs", type=int, default=None, help="subprocess runs per cold-start case (≥ 5)")
    parser.add_argument("--seeds", default=str(ROOT.parent / "shared" / "seeds"), help="folder of seed disclosures")
    parser.add_argument("--only", choices=["cold", "throughput", "size", "adversarial"], action="append")
    args = parser.parse_args(argv)
    runs = max(5, args.runs or (5 if args.quick else 9))
    seeds = seed_files(pathlib.Path(args.seeds))
    sections = args.only or ["cold", "throughput", "size", "adversarial"]

    import budgetaudit

    print(f"budgetaudit {budgetaudit.__version__} · Python {sys.version.split()[0]} · {os.cpu_count()} CPUs · "
          f"{len(seeds)} seeds in {args.seeds}" + (" · quick" if args.quick else ""))
    if "cold" in sections:
        cold_start(seeds, runs)
    print(f"\n(in-process sections {pin_to_one_core()})")
    if "throughput" in sections:
        throughput(seeds, 1.0 if args.quick else 3.0)
    prose_seconds_per_mb = 2.0
    if "size" in sections:
        base = statistics.median(p.stat().st_size for p in seeds) if seeds else 20_000
        prose_seconds_per_mb = scaling(int(base), [1, 10, 100])
    if "adversarial" in sections:
        adversarial(args.quick, prose_seconds_per_mb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
