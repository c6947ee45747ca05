"""Documents per second for each file format: read + extract + check, as `budgetaudit check` does.

Each disclosure (the seeds in ../shared/seeds when present, else a synthetic one from
bench/synthetic.py) is written into .docx, .xlsx, .xls, .html and .pdf by the tests' own writer
(tests/fixtures_formats.py), then checked repeatedly; the plain text is measured alongside.

    .venv/bin/python bench/bench_formats.py [--seconds 3] [--json]

Needs the `test` extra (the format libraries plus xlwt and reportlab to write the files).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from budgetaudit import engine, readers  # noqa: E402
from budgetaudit.ruleset import load_rules  # noqa: E402
from budgetaudit.source import Source  # noqa: E402

import fixtures_formats  # noqa: E402
import pdf_fixtures  # noqa: E402

FORMATS = ("txt", "docx", "xlsx", "xls", "html", "pdf", "pdf-borderless")


def inputs() -> list[tuple[str, Source]]:
    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if seeds:
        from budgetaudit.source import load

        return [(p.stem[:3], load(str(p))) for p in seeds]
    import synthetic

    return [("synthetic", Source("synthetic.txt", synthetic.disclosure(40_000)))]


def measure(paths: list[pathlib.Path], rules, seconds: float) -> float:
    """Documents per second over the given files, cycling through them for at least `seconds`."""
    done = 0
    start = time.perf_counter()
    while True:
        for path in paths:
            source, native = readers.read(str(path))
            engine.check_document(engine.read_document(source, native_tables=native), rules)
            done += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per format (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rules = load_rules()
    documents = inputs()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        base = pathlib.Path(folder)
        files: dict[str, list[pathlib.Path]] = {fmt: [] for fmt in FORMATS}
        for name, source in documents:
            items = fixtures_formats.model_of(source)
            text_path = base / f"{name}.txt"
            text_path.write_text(source.text, encoding="utf-8")
            files["txt"].append(text_path)
            for fmt in FORMATS[1:]:
                path = base / f"{name}.{fmt}.pdf" if fmt == "pdf-borderless" else base / f"{name}.{fmt}"
                if fmt == "pdf-borderless":
                    # The same pages without ruling lines: their tables are rebuilt from word positions.
                    pdf_fixtures.write_pages(items, path, chrome=False, size=6)
                else:
                    fixtures_formats.WRITERS[fmt](items, path)
                files[fmt].append(path)
        for fmt in FORMATS:
            sizes = sum(p.stat().st_size for p in files[fmt])
            rate = measure(files[fmt], rules, args.seconds)
            results[fmt] = {"documents_per_second": round(rate, 2), "files": len(files[fmt]), "bytes": sizes}
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{'format':<14} {'docs/s':>8} {'files':>6} {'bytes':>10}   ({', '.join(n for n, _ in documents)})")
    for fmt, r in results.items():
        print(f"{fmt:<14} {r['documents_per_second']:>8.2f} {r['files']:>6} {r['bytes']:>10}")
    # Issue #19's bound: a borderless page costs at most twice a ruled one (ruled pages are written by
    # fixtures_formats, borderless ones by pdf_fixtures: same model, same pages' worth of text).
    ratio = results["pdf"]["documents_per_second"] / max(results["pdf-borderless"]["documents_per_second"], 1e-9)
    print(f"borderless / ruled time per document: {ratio:.2f} (at most 2)")


if __name__ == "__main__":
    main()
