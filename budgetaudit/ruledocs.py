"""Rule documentation, generated from the rule files: `rules`, `explain` and docs/rules.md.

`rules` and `explain` speak the run's language (budgetaudit/messages.toml); docs/rules.md is generated in one
pinned language, English, with each rule's Chinese summary beside its English one."""

from __future__ import annotations

from .aligned import table as aligned
from .messages import section, severity

FAMILY_CODES = ("TOT", "PCT", "AVG", "XRF", "EVA", "CMP", "EXT")
# docs/rules.md is written in this language, whatever the locale, so that the file stays one text.
DOCS_LANG = "en"


def table(ruleset, lang: str = "zh") -> str:
    words = section(lang, "explain")
    rows = [(r.code, r.name, r.kind, severity(lang, r.severity), r.text("summary", lang)) for r in ruleset.rules]
    headers = [words["code"], words["name"], words["kind"], words["severity"], words["summary"]]
    return aligned(rows, headers) + "\n"


def explain(rule, lang: str = "zh") -> str:
    words = section(lang, "explain")
    lines = [
        words["head"].format(code=rule.code, name=rule.name, severity=severity(lang, rule.severity), kind=rule.kind),
        rule.text("summary", lang),
    ]
    if rule.aliases:
        lines.append(f"{words['aliases']}{words['colon']}{', '.join(rule.aliases)}")
    lines += ["", rule.text("description", lang)]
    rationale = rule.text("rationale", lang)
    if rationale:
        lines += ["", f"{words['why']}{words['colon']}{rationale}"]
    for verdict in ("fail", "pass"):
        for example in rule.examples:
            if example.verdict == verdict:
                title = words["fails"] if verdict == "fail" else words["passes"]
                shown = "\n\n".join(example.documents) if example.documents else example.text  # one text per document
                lines += ["", f"{title}{words['colon'].rstrip()}", *[f"    {line}" for line in shown.splitlines()]]
                break
    return "\n".join(lines) + "\n"


def markdown(ruleset) -> str:
    lang = DOCS_LANG
    families = section(lang, "families")
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
    for family in FAMILY_CODES:
        rules = [r for r in ruleset.rules if r.code.startswith(family)]
        if not rules:
            continue
        out += ["", f"## {family}: {families[family]}"]
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
                rule.text("description", lang),
            ]
            rationale = rule.text("rationale", lang)
            if rationale:
                out += ["", f"*Why:* {rationale}"]
            if rule.params:
                params = ", ".join(f"`{k} = {v!r}`" for k, v in rule.params.items())
                out += ["", f"Parameters: {params}"]
            out += ["", f"Message (zh): `{rule.message['zh']}`", "", f"Message (en): `{rule.message['en']}`"]
            for example in rule.examples:
                title = "Fails" if example.verdict == "fail" else "Passes"
                for text in example.documents or (example.text,):  # a cross-document rule: one block per document
                    out += ["", f"{title}:", "", "```", text, "```"]
    return "\n".join(out) + "\n"
