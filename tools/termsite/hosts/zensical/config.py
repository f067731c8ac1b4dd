"""The Zensical configuration of a staging project, derived from the site's ``mkdocs.yml``.

Zensical reads ``mkdocs.yml`` itself, but it would drop the ``termsite`` plugin entry without
a word and build only the hand-written pages. termsite writes a copy of the configuration
into the staging project instead: the same settings, with ``docs_dir`` and ``site_dir`` of
the staging project, the merged theme overrides as ``custom_dir``, no ``termsite`` plugin,
and termsite's Markdown extension (:mod:`termsite.hosts.zensical.markdown`) added. YAML tags
(``!!python/name:...``, ``!ENV``, ``!relative``) are kept as written: the copy is read by
Zensical's loader, which knows them, and never constructed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

MARKDOWN_EXTENSION = "termsite.hosts.zensical.markdown"


@dataclass
class Tagged:
    """A YAML value carrying a tag, kept for the copy as it was written."""

    tag: str
    value: Any


class _KeepTagsLoader(yaml.SafeLoader):
    pass


def _tagged(loader: _KeepTagsLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(node.tag, value)


_KeepTagsLoader.add_multi_constructor("!", _tagged)
_KeepTagsLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _KeepTagsDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: _KeepTagsDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_KeepTagsDumper.add_representer(Tagged, _represent_tagged)


class ConfigError(Exception):
    """mkdocs.yml cannot be read; the message is a sentence for the user."""


@dataclass
class SiteConfig:
    """The site's mkdocs.yml as read for a Zensical build."""

    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> SiteConfig:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_KeepTagsLoader)
        except OSError as error:
            raise ConfigError(f"cannot read {path}: {error.strerror or error}.") from None
        except yaml.YAMLError as error:
            raise ConfigError(f"{path} is not valid YAML: {error}".rstrip(".") + ".") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path} does not hold a mapping of settings.")
        return cls(path.resolve(), data)

    @property
    def root(self) -> Path:
        return self.path.parent

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.data.get("docs_dir") or "docs")

    @property
    def site_dir(self) -> Path:
        return self.root / str(self.data.get("site_dir") or "site")

    @property
    def custom_dir(self) -> Path | None:
        theme = self.data.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        return self.root / str(custom) if custom else None

    @property
    def site_url(self) -> str:
        return str(self.data.get("site_url") or "")

    @property
    def site_name(self) -> str:
        return str(self.data.get("site_name") or "")

    @property
    def site_description(self) -> str:
        return str(self.data.get("site_description") or "")

    @property
    def directory_urls(self) -> bool:
        return bool(self.data.get("use_directory_urls", True))

    @property
    def nav(self) -> list[Any] | None:
        nav = self.data.get("nav")
        return nav if isinstance(nav, list) else None

    @property
    def exclude_docs(self) -> str:
        value = self.data.get("exclude_docs")
        return value if isinstance(value, str) else ""

    def termsite_options(self) -> dict[str, Any] | None:
        """The ``termsite`` plugin's options; None when the plugin is not configured."""
        plugins = self.data.get("plugins") or []
        if isinstance(plugins, dict):
            plugins = [{name: options} for name, options in plugins.items()]
        for plugin in plugins:
            if plugin == "termsite":
                return {}
            if isinstance(plugin, dict) and "termsite" in plugin:
                options = plugin["termsite"]
                return dict(options) if isinstance(options, dict) else {}
        return None

    def for_zensical(self, *, docs_dir: str, site_dir: str, custom_dir: str) -> str:
        """The configuration Zensical builds the staging project with, as YAML text."""
        data = dict(self.data)
        data["docs_dir"] = docs_dir
        data["site_dir"] = site_dir
        theme = data.get("theme")
        theme = dict(theme) if isinstance(theme, dict) else {"name": theme or "material"}
        theme["custom_dir"] = custom_dir
        data["theme"] = theme
        plugins = data.get("plugins") or []
        if isinstance(plugins, dict):
            plugins = [{name: options} for name, options in plugins.items()]
        data["plugins"] = [plugin for plugin in plugins
                           if plugin != "termsite" and not (isinstance(plugin, dict) and "termsite" in plugin)]
        extensions = data.get("markdown_extensions") or []
        if isinstance(extensions, dict):
            extensions = [{name: options} for name, options in extensions.items()]
        data["markdown_extensions"] = [*extensions, MARKDOWN_EXTENSION]
        header = ("# Written by `termsite build --engine zensical` from "
                  f"{self.path.name}; edit that file, not this one.\n")
        return header + yaml.dump(data, Dumper=_KeepTagsDumper, allow_unicode=True, sort_keys=False)
