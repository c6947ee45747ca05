"""Rule documentation, generated from the rule files: `rules`, `explain` and docs/rules.md."""

from __future__ import annotations

from tabulate import tabulate

FAMILIES = {
    "TOT": "Totals: parts of a total, table hierarchies, row and column totals, balances",
    "PCT": "Percentages and changes: shares, rates, direction words",
    "AVG": "Averages and ratios",
    "XRF": "The same figure or statement elsewhere",
    "EVA": "Performance-evaluation tables",
    "CMP": "Completeness",
    "EXT": "Extraction doubts (reported as not checked, never as findings)",
}


def table(ruleset) -> str:
    rows = [(r.code, r.name, r.kind, r.severity, r.summary["en"]) for r in ruleset.rules]
    return tabulate(rows, headers=["code", "name", "kind", "severity", "summary"]) + "\n"


def explain(rule, lang: str = "zh") -> str:
    lines = [
        f"{rule.code} {rule.name} ({rule.severity}, kind {rule.kind})",
        rule.summary.get(lang) or rule.summary["zh"],
    ]
    if rule.aliases:
        lines.append(f"aliases: {', '.join(rule.aliases)}")
    lines += ["", rule.description]
    if rule.rationale:
        lines += ["", f"Why: {rule.rationale}"]
    for verdict in ("fail", "pass"):
        for example in rule.examples:
            if example.verdict == verdict:
                title = "Fails" if verdict == "fail" else "Passes"
                lines += ["", f"{title}:", *[f"    {line}" for line in example.text.splitlines()]]
                break
    return "\n".join(lines) + "\n"


def markdown(ruleset) -> str:
    out = [
        "# Rules",
        "",
        "Generated from the rule files in `rules/` by `budgetaudit rules --format markdown`; do not edit by hand.",
        "",
        "| code | name | severity | summary |",
        "| --- | --- | --- | --- |",
    ]
    for rule in ruleset.rules:
        out.append(f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {rule.severity} | {rule.summary['en']} |")
    for family, title in FAMILIES.items():
        rules = [r for r in ruleset.rules if r.code.startswith(family)]
        if not rules:
            continue
        out += ["", f"## {family}: {title}"]
        for rule in rules:
            out += [
                "",
                f"### {rule.code}",
                "",
                f"**{rule.name}** · kind `{rule.kind}` · severity `{rule.severity}` · file `{rule.file}`"
                + (f" · aliases {', '.join(f'`{a}`' for a in rule.aliases)}" if rule.aliases else ""),
                "",
                f"{rule.summary['en']} ({rule.summary['zh']})",
                "",
                rule.description,
            ]
            if rule.rationale:
                out += ["", f"*Why:* {rule.rationale}"]
            if rule.params:
                params = ", ".join(f"`{k} = {v!r}`" for k, v in rule.params.items())
                out += ["", f"Parameters: {params}"]
            out += ["", f"Message (zh): `{rule.message['zh']}`", "", f"Message (en): `{rule.message['en']}`"]
            for example in rule.examples:
                title = "Fails" if example.verdict == "fail" else "Passes"
                out += ["", f"{title}:", "", "```", example.text, "```"]
    return "\n".join(out) + "\n"
