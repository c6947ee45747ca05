"""Score budgetaudit on the real-text development set (bench/real/, see its README).

    python bench/real_text.py            # score what is present; the last line is the summary
    python bench/real_text.py -v         # also list every missed claim and every false alarm
    python bench/real_text.py --merge    # merge bench/real/shards/* into manifest.jsonl and claims.jsonl
    python bench/real_text.py --only h9  # one shard alone (a holdout, scored before anyone reads it)
    python bench/real_text.py --verify   # list excerpts missing from texts/ or changed since labelled

A claim is *found* when an error or warning finding lists the claim's stated figure (its line and
printed number) among its locations (a root finding's include those of the relations it explains). A *false alarm* is an error or warning finding that lists no
figure of an inconsistent or ambiguous claim of its excerpt. Info never counts. A *crash* is an
exception or an input error (what the command line would exit 2 on) on an excerpt.

It checks in process with the budgetaudit that the running Python imports (run it with the Python of
the install you mean to measure, e.g. .venv/bin/python).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent / "real"
TEXTS = HERE / "texts"
WAYS = {
    1: "prior figure inline", 2: "periods across sentences", 3: "respective lists",
    4: "breakdown under its subject", 5: "shares of an implied whole", 6: "completion rates",
    7: "nested lists", 8: "several subjects", 9: "lists that do not add up", 10: "unchanged in words",
    11: "text as published", 12: "the same finding twice", 13: "flattened tables", 0: "other",
}
_NUMBER = re.compile(r"-?\d[\d,，]*(?:\.\d+)?")


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def merge() -> None:
    manifest: list[dict] = []
    claims: list[dict] = []
    seen: dict[str, str] = {}
    for shard in sorted((HERE / "shards").glob("*.manifest.jsonl")):
        name = shard.name.split(".")[0]
        kept = set()
        for row in _jsonl(shard):
            if row["sha256"] in seen or row["url"] in seen:
                print(f"{row['file']}: same excerpt as {seen.get(row['sha256']) or seen.get(row['url'])}, left out")
                continue
            seen[row["sha256"]] = seen[row["url"]] = row["file"]
            manifest.append(row)
            kept.add(row["file"])
        claims.extend(c for c in _jsonl(HERE / "shards" / f"{name}.claims.jsonl") if c["file"] in kept)
    # The second reader's review: a changed verdict or stated figure replaces the first label.
    reviews = {r["id"]: r for r in _jsonl(HERE / "shards" / "review.jsonl")}
    for claim in claims:
        review = reviews.get(claim["id"])
        if review is not None:
            claim["verdict"] = review.get("verdict", claim["verdict"])
            if review.get("stated"):
                claim["stated"] = review["stated"]
            claim["reviewed"] = True
    _write_jsonl(HERE / "manifest.jsonl", manifest)
    _write_jsonl(HERE / "claims.jsonl", claims)
    publishers = {m.get("publisher", "") for m in manifest}
    verdicts = defaultdict(int)
    for c in claims:
        verdicts[c["verdict"]] += 1
    print(f"{len(manifest)} excerpts from {len(publishers)} publishers, {len(claims)} claims {dict(verdicts)}")


def verify() -> int:
    bad = 0
    for row in _jsonl(HERE / "manifest.jsonl"):
        path = TEXTS / row["file"]
        if not path.exists():
            print(f"missing  {row['file']}  (search pages: {row['query']!r}, url {row['url']})")
            bad += 1
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            print(f"changed  {row['file']}")
            bad += 1
    print(f"{bad} of {len(_jsonl(HERE / 'manifest.jsonl'))} excerpts missing or changed")
    return 1 if bad else 0


def _number(text: str) -> str:
    """The printed number of a figure's text, as digits ('1,207.84万元' → '1207.84'), else the text."""
    folded = unicodedata.normalize("NFKC", text)
    match = _NUMBER.search(folded)
    if match is None:
        return folded.strip()
    return match.group().replace(",", "").replace("，", "").lstrip("-")


def _place(item: dict) -> tuple[int, str]:
    return int(item["line"]), _number(item["text"])


def _check(path: Path, ruleset) -> tuple[list[dict], str]:
    """Error and warning findings of one excerpt as {code, places}; the crash text, if any."""
    from budgetaudit.run import check_path

    try:
        report = check_path(str(path), ruleset)
    except Exception as exc:  # noqa: BLE001 - a crash is what is being counted
        return [], f"{type(exc).__name__}: {exc}"
    if report.error:
        return [], report.error
    out = []
    for finding in report.findings:
        if finding.severity not in ("error", "warning"):
            continue
        # A root finding (one correction explaining several failed relations) lists the figures of the
        # relations it explains under it, as the reports show them.
        locations = list(finding.locations) + [loc for c in getattr(finding, "consequences", ()) for loc in c.locations]
        places = [(loc.span.line, _number(loc.span.text)) for loc in locations]
        out.append({"code": finding.code, "message": finding.message, "places": places})
    return out, ""


def score(verbose: bool, only: str = "") -> None:
    from budgetaudit.ruleset import load_rules

    ruleset = load_rules()
    manifest = _jsonl(HERE / "manifest.jsonl")
    claims_by_file: dict[str, list[dict]] = defaultdict(list)
    for claim in _jsonl(HERE / "claims.jsonl"):
        claims_by_file[claim["file"]].append(claim)
    manifest = [m for m in manifest if m["file"].startswith(only)]
    present = [m for m in manifest if (TEXTS / m["file"]).exists()]
    found_by_way: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    found = total = alarms = crashes = 0
    for row in present:
        findings, crash = _check(TEXTS / row["file"], ruleset)
        if crash:
            crashes += 1
            print(f"crash    {row['file']}: {crash}")
        claims = claims_by_file[row["file"]]
        excused = set()
        for c in claims:
            if c["verdict"] in ("inconsistent", "ambiguous"):
                excused.update(_place(f) for f in c.get("figures", []))
                excused.add(_place(c["stated"]))
        named = {place for f in findings for place in f["places"]}
        for c in claims:
            if c["verdict"] != "inconsistent":
                continue
            hit = _place(c["stated"]) in named
            total += 1
            found += hit
            for way in c.get("ways") or [0]:
                found_by_way[way][0] += hit
                found_by_way[way][1] += 1
            if verbose and not hit:
                print(f"missed   {c['id']}  {c['kind']}  line {c['stated']['line']} {c['stated']['text']}: {c.get('note', '')}")
        for f in findings:
            if not any(place in excused for place in f["places"]):
                alarms += 1
                if verbose:
                    print(f"alarm    {row['file']}  {f['code']}  {f['places'][:3]}  {f['message'][:90]}")
    for way in sorted(found_by_way):
        hit, of = found_by_way[way]
        print(f"  way {way:>2} {WAYS.get(way, '?'):<28} {hit:>3} of {of:<3} ({100 * hit // max(of, 1)}%)")
    recall = 100 * found / total if total else 0.0
    per20 = 20 * alarms / len(present) if present else 0.0
    print(
        f"real text: {len(present)} of {len(manifest)} excerpts present, recall {recall:.0f}% ({found}/{total}), "
        f"false alarms {alarms} (per 20 excerpts: {per20:.1f}), crashes {crashes}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--merge", action="store_true")
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--only", default="", metavar="PREFIX",
                        help="score only the excerpts whose file name starts with PREFIX (a shard, e.g. h9 as a holdout)")
    args = parser.parse_args()
    if args.merge:
        merge()
        return 0
    if args.verify:
        return verify()
    if not (HERE / "manifest.jsonl").exists():
        print("real text: no manifest (bench/real/manifest.jsonl); nothing to score")
        return 0
    score(args.verbose, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
