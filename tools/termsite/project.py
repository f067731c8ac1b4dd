"""Reads a site's mkdocs.yml for the command-line tools, without importing MkDocs.

Commands such as ``termsite lint`` and ``termsite check`` need the content folder, the
site URL and the plugin's options; they read them here with a YAML loader that tolerates
the tags (``!!python/name:...``, ``!ENV``) that mkdocs.yml files commonly carry, without
ever constructing the objects those tags name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """Reads any tag as the plain value under it."""


def _untagged(loader: _TolerantLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _untagged)


@dataclass
class ProjectConfig:
    """What the command-line tools need from mkdocs.yml."""

    root: Path
    site_url: str = ""
    site_name: str = ""
    site_dir: str = "site"
    docs_dir: str = "docs"
    exclude_docs: str = ""  # MkDocs' gitignore-style patterns of files left out of the site
    options: dict[str, Any] = field(default_factory=dict)  # the termsite plugin's options
    found: bool = False
    config_name: str = "mkdocs.yml"

    @property
    def content_dir(self) -> Path:
        return self.root / str(self.options.get("content_dir", "content"))

    @property
    def pages_dir(self) -> Path:
        """The site's docs_dir: its hand-written pages and files."""
        return self.root / self.docs_dir

    @property
    def plurals(self) -> bool:
        return bool(self.options.get("plurals", True)) and self.source_language.startswith("en")

    @property
    def source_language(self) -> str:
        """The plugin's ``language``, else the first of its ``languages``, else 'en' (unchecked: see
        :func:`termsite.content.languages.project_languages`)."""
        languages = self.options.get("languages")
        first = languages[0] if isinstance(languages, list) and languages and isinstance(languages[0], str) else "en"
        return str(self.options.get("language") or first)

    def option_position(self, name: str) -> tuple[int, int]:
        """The line and column of a termsite plugin option in mkdocs.yml; (1, 1) when it cannot be found."""
        try:
            root = yaml.compose(Path(self.root / self.config_name).read_text(encoding="utf-8"), Loader=_TolerantLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return 1, 1
        plugins = _mapping_value(root, "plugins")
        for node in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
            option = _mapping_key(_mapping_value(node, "termsite"), name)
            if option is not None:
                return option.start_mark.line + 1, option.start_mark.column + 1
        return 1, 1

    @property
    def config_file(self) -> str:
        """mkdocs.yml as a contributor would type it, for messages."""
        try:
            return os.path.relpath(self.root / self.config_name)
        except ValueError:
            return str(self.root / self.config_name)

    @property
    def autolink(self) -> bool:
        return bool(self.options.get("autolink", True))

    @property
    def default_author(self) -> str:
        return str(self.options.get("default_author", ""))

    @property
    def area_prefix(self) -> str:
        return str(self.options.get("area_prefix", "area/")).strip("/") + "/"

    @property
    def term_prefix(self) -> str:
        return str(self.options.get("term_prefix", "definition/")).strip("/") + "/"


def read_project(config_file: Path | str = "mkdocs.yml") -> ProjectConfig:
    path = Path(config_file)
    project = ProjectConfig(root=path.parent.resolve(), config_name=path.name)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return project
    if not isinstance(data, dict):
        return project
    project.found = True
    project.site_url = str(data.get("site_url") or "")
    project.site_name = str(data.get("site_name") or "")
    project.site_dir = str(data.get("site_dir") or "site")
    project.docs_dir = str(data.get("docs_dir") or "docs")
    project.exclude_docs = str(data.get("exclude_docs") or "")
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "termsite" in plugin:
            project.options = plugin["termsite"] or {}
    return project


def _mapping_key(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node
    return None


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None
