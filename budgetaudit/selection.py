"""Which rules a run's settings select (select, extend-select, ignore, severity), and what `budgetaudit
show-settings` prints: every effective value and where it came from. Split from config.py, which reads the
settings."""

from __future__ import annotations

from dataclasses import replace

from .config import BUILTIN_EXCLUDE, COMMAND_LINE, DEFAULT, ConfigError, Settings


def _specificity(rule, selector: str) -> int:
    """How closely a selector names a rule (0: not at all); the most specific of select/ignore decides.
    Codes, families, names and ALL are read in any case."""
    if selector.strip().upper() == "ALL":
        return 1
    if selector.strip().upper() == rule.code or selector.strip().lower() in (rule.name, *rule.aliases):
        return 10
    if rule.selected_by(selector):
        return 2 + sum(ch.isdigit() for ch in selector)
    return 0


def ruleset(settings: Settings):
    """The rules of a run: built-in and rules-dirs, selected, with severity overrides applied."""
    from .ruleset import RuleSet, load_rules

    everything = load_rules(settings.rules_dirs)

    def check_selectors(key: str, selectors: list[str]) -> None:
        for selector in selectors:
            if selector.strip().upper() != "ALL" and not any(r.selected_by(selector) for r in everything.rules):
                where = settings.where(key)
                raise ConfigError(f"{where}: {key}: unknown rule selector '{selector}' (see `budgetaudit rules`)")

    check_selectors("select", settings.select or [])
    check_selectors("extend-select", settings.extend_select)
    check_selectors("ignore", settings.ignore)
    for glob, codes in settings.per_file_ignores.items():
        check_selectors(f"per-file-ignores.{glob}", codes)
    by_code = everything.by_code()
    for code in settings.severity:
        if code not in by_code:
            raise ConfigError(f"{settings.where(f'severity.{code}')}: severity: no rule '{code}' (use a rule code)")

    select = (settings.select if settings.select is not None else ["ALL"]) + settings.extend_select
    chosen = []
    for rule in everything.rules:
        chosen_by = max((_specificity(rule, s) for s in select), default=0)
        ignored_by = max((_specificity(rule, s) for s in settings.ignore), default=0)
        if chosen_by and chosen_by > ignored_by:
            if rule.code in settings.severity:
                rule = replace(rule, severity=settings.severity[rule.code])
            chosen.append(rule)
    return RuleSet(chosen)



def describe(settings: Settings, rules) -> str:
    """What `budgetaudit show-settings` prints: every effective value and where it came from (keys as in the
    file; the origins in the run's language)."""
    import json

    from .messages import section

    words = section(settings.lang, "settings")

    def show(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    def origin_of(origin: str) -> str:
        if origin.startswith("environment (") and origin.endswith(")"):
            return words["environment"].format(variable=origin[len("environment ("):-1])
        return {DEFAULT: words["default"], COMMAND_LINE: words["command_line"]}.get(origin, origin).replace(
            f"{COMMAND_LINE}", words["command_line"])

    rows = [
        ("config-file", settings.config_file or words["none"], words["discovery"] if settings.config_file else DEFAULT),
        ("select", settings.select if settings.select is not None else ["ALL"], settings.where("select")),
        ("extend-select", settings.extend_select, settings.where("extend-select")),
        ("ignore", settings.ignore, settings.where("ignore")),
        ("fail-on", settings.fail_on, settings.where("fail-on")),
        ("fail-on-unchecked", settings.fail_on_unchecked, settings.where("fail-on-unchecked")),
        ("lang", settings.lang, settings.where("lang")),
        ("include", settings.include, settings.where("include")),
        ("exclude", settings.exclude, settings.where("exclude")),
        ("exclude" + words["always"], BUILTIN_EXCLUDE, DEFAULT),
        ("rules-dirs", settings.rules_dirs, settings.where("rules-dirs")),
        ("link", settings.link, settings.where("link")),
    ]
    for alias, canonical in settings.entities.items():
        rows.append((f"entities.{show(alias)}", canonical, settings.where("entities")))
    for glob, codes in settings.per_file_ignores.items():
        rows.append((f"per-file-ignores.{show(glob)}", codes, settings.where(f"per-file-ignores.{glob}")))
    for code, level in settings.severity.items():
        rows.append((f"severity.{code}", level, settings.where(f"severity.{code}")))
    for waiver in settings.waivers:
        rows.append((f"waiver {waiver.fingerprint}", waiver.reason + (f" [{waiver.path}]" if waiver.path else "")
                     + (f" ({words['until'].format(date=waiver.until.isoformat())})" if waiver.until else ""),
                     waiver.origin))
    rows.append(("rules", [r.code for r in rules.rules], words["selection"]))
    from rich.cells import cell_len

    width = max(cell_len(k) for k, _, _ in rows)
    lines = []
    for key, value, origin in rows:
        shown = value if isinstance(value, str) and key in ("config-file",) or key.startswith("waiver") else show(value)
        lines.append(f"{key}{' ' * (width - cell_len(key))} = {shown}  # {origin_of(origin)}")
    return "\n".join(lines) + "\n"
