"""CheckConfig: what to check and how, from the command line and mkdocs.yml.

Configuration sources, later ones winning:

1. defaults (every rule on, at its default severity);
2. ``mkdocs.yml`` in the current directory: ``site_url`` and the ``termsite`` plugin's
   options ``area_prefix``, ``term_prefix`` and ``check: {select, ignore, severity}``;
3. the command line: ``--site-url``, ``--profile``, ``--select``, ``--ignore``, ``--termsite``,
   ``--warnings-as-errors``.

A profile picks rules by their tags (every rule module has ``TAGS``): ``core`` (input,
syntax, page and site consistency), ``schema.org`` (the vocabulary) and ``google`` (Google
Search's requirements and guidelines). ``--select``/``--ignore`` then narrow the profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Iterable

from .model import Severity


CHECK_OPTIONS = frozenset({"select", "ignore", "severity", "profile"})

# profile -> the rule tags it runs; None (the default) runs every rule.
PROFILES: dict[str, frozenset[str]] = {
    "schema.org": frozenset({"core", "schema.org"}),
    "google": frozenset({"core", "google"}),
    "strict": frozenset({"core", "schema.org", "google"}),
}
# What strict adds besides every rule: warnings fail the run, and pending terms are warnings.
STRICT_SEVERITIES = {"pending-term": "warning"}


class ConfigError(Exception):
    """A usage or configuration mistake: reported in one line, exit status 2."""


@dataclass(frozen=True)
class CheckConfig:
    enabled: frozenset[str]
    severities: dict[str, Severity] = field(default_factory=dict)
    site_url: str | None = None
    termsite: bool = False
    area_prefix: str = "area/"
    term_prefix: str = "definition/"
    warnings_as_errors: bool = False
    profile: str | None = None  # None: every rule (core, schema.org and google)

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return self.severities.get(rule_id, default)


@dataclass(frozen=True)
class MkdocsSettings:
    """What the checker reads from mkdocs.yml."""

    site_url: str | None = None
    has_termsite_plugin: bool = False
    plugin_options: dict[str, Any] = field(default_factory=dict)


def _tolerant_loader() -> type:
    """A SafeLoader that reads unknown tags (``!!python/name:...``, ``!ENV``) as plain values
    (PyYAML is imported only when there is an mkdocs.yml to read)."""
    import yaml

    class TolerantLoader(yaml.SafeLoader):
        pass

    def construct_unknown(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            return loader.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node)
        return loader.construct_mapping(node)  # type: ignore[arg-type]

    TolerantLoader.add_multi_constructor("!", construct_unknown)
    TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", construct_unknown)
    return TolerantLoader


def read_mkdocs_settings(path: str = "mkdocs.yml") -> MkdocsSettings:
    if not os.path.isfile(path):
        return MkdocsSettings()
    import yaml

    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=_tolerant_loader())  # noqa: S506 - a SafeLoader subclass
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read {path}: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        return MkdocsSettings()
    site_url = data.get("site_url") if isinstance(data.get("site_url"), str) else None
    plugins = data.get("plugins") or []
    entries: Iterable[Any] = plugins.items() if isinstance(plugins, dict) else plugins
    for entry in entries:
        if isinstance(entry, tuple):  # plugins given as a mapping
            name, options = entry
        elif isinstance(entry, str):
            name, options = entry, {}
        elif isinstance(entry, dict) and len(entry) == 1:
            name, options = next(iter(entry.items()))
        else:
            continue
        if name == "termsite":
            return MkdocsSettings(site_url, True, options if isinstance(options, dict) else {})
    return MkdocsSettings(site_url)


def _as_list(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [v.strip() for v in value if v.strip()]
    raise ConfigError(f"{what} must be a list of rule IDs")


def match_rules(specs: Iterable[str], rule_ids: Iterable[str], what: str) -> set[str]:
    """Rule IDs matching IDs or prefixes (``breadcrumb`` matches ``breadcrumb-items`` ...)."""
    ids = list(rule_ids)
    matched: set[str] = set()
    for spec in specs:
        prefix = spec.rstrip("-")
        hits = {r for r in ids if r == spec or r.startswith(prefix + "-")}
        if not hits:
            raise ConfigError(f"{what}: unknown rule or prefix {spec!r}")
        matched |= hits
    return matched


def normalize_site_url(url: str) -> str:
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"--site-url must be an absolute http(s) URL, got {url!r}")
    return url if url.endswith("/") else url + "/"


def _rules_of_profile(profile: str | None, rules: Any, what: str) -> set[str]:
    ids = set(rules)
    if profile is None:
        return ids
    if profile not in PROFILES:
        raise ConfigError(f"{what}: unknown profile {profile!r} (known: {', '.join(PROFILES)})")
    tags = PROFILES[profile]
    return {rule_id for rule_id in ids if getattr(rules[rule_id], "TAGS", frozenset({"core"})) & tags} \
        if isinstance(rules, dict) else ids


def build_config(
    rule_ids: Iterable[str],
    *,
    profile: str | None = None,
    select: str | None = None,
    ignore: str | None = None,
    site_url: str | None = None,
    termsite: bool = False,
    warnings_as_errors: bool = False,
    mkdocs_path: str | None = "mkdocs.yml",
) -> CheckConfig:
    ids = list(rule_ids)
    settings = read_mkdocs_settings(mkdocs_path) if mkdocs_path else MkdocsSettings()
    options = settings.plugin_options
    check = options.get("check") or {}
    if not isinstance(check, dict):
        raise ConfigError("mkdocs.yml: the termsite plugin's 'check' option must be a mapping")
    unknown = sorted(set(map(str, check)) - CHECK_OPTIONS)
    if unknown:
        raise ConfigError(f"mkdocs.yml: unknown check option(s) {', '.join(unknown)} "
                          f"(known: {', '.join(sorted(CHECK_OPTIONS))})")

    config_profile = check.get("profile")
    if config_profile is not None and not isinstance(config_profile, str):
        raise ConfigError("mkdocs.yml: check.profile must be one of " + ", ".join(PROFILES))
    chosen_profile = profile or config_profile
    profile_rules = _rules_of_profile(chosen_profile, rule_ids, "--profile" if profile else "mkdocs.yml check.profile")
    config_select = _as_list(check.get("select"), "mkdocs.yml check.select")
    cli_select = _as_list(select, "--select")
    chosen = cli_select or config_select
    enabled = match_rules(chosen, ids, "--select" if cli_select else "mkdocs.yml check.select") if chosen else set(ids)
    enabled &= profile_rules
    enabled -= match_rules(_as_list(check.get("ignore"), "mkdocs.yml check.ignore"), ids, "mkdocs.yml check.ignore")
    enabled -= match_rules(_as_list(ignore, "--ignore"), ids, "--ignore")

    severities: dict[str, Severity] = {}
    if chosen_profile == "strict":
        severities.update({rule: Severity(level) for rule, level in STRICT_SEVERITIES.items() if rule in ids})
        warnings_as_errors = True
    raw_severities = check.get("severity") or {}
    if not isinstance(raw_severities, dict):
        raise ConfigError("mkdocs.yml: check.severity must map rule IDs to error, warning, info or off")
    for spec, level in raw_severities.items():
        rules = match_rules([str(spec)], ids, "mkdocs.yml check.severity")
        level = str(level).strip().lower()
        if level in ("off", "ignore", "false"):
            enabled -= rules
            continue
        try:
            severity = Severity(level)
        except ValueError:
            raise ConfigError(f"mkdocs.yml check.severity: {spec}: unknown severity {level!r} "
                              "(use error, warning, info or off)") from None
        severities.update(dict.fromkeys(rules, severity))

    url = site_url or (settings.site_url if settings.site_url else None)
    return CheckConfig(
        enabled=frozenset(enabled),
        severities=severities,
        site_url=normalize_site_url(url) if url else None,
        termsite=termsite or settings.has_termsite_plugin,
        area_prefix=str(options.get("area_prefix", "area/")),
        term_prefix=str(options.get("term_prefix", "definition/")),
        warnings_as_errors=warnings_as_errors,
        profile=chosen_profile,
    )
