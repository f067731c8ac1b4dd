"""Where a hand-written page sits in the site, as MkDocs would say it: its address, nav title and section.

The Article JSON-LD of a hand-written page names its title and, in its breadcrumb, its nav
section. On MkDocs the plugin reads both from MkDocs' own page objects; for Zensical they are
worked out here from ``mkdocs.yml``'s ``nav`` (or, without one, from the folders, as MkDocs
builds its nav then), by MkDocs' rules, so that the JSON-LD is the same on both engines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INDEX_NAMES = ("index.md", "README.md")


def page_url(source: str, directory_urls: bool) -> str:
    """A page's site-relative address: 'guides/x.md' -> 'guides/x/', 'index.md' -> ''."""
    stem = source[: -len(".md")] if source.endswith(".md") else source
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    if not directory_urls:
        return f"{stem}.html"
    return f"{stem}/"


def title_from_file_name(source: str) -> str:
    """MkDocs' title of a page that has none: its file name, words capitalized when all lowercase."""
    name = source.rsplit("/", 1)[-1]
    name = name[: -len(".md")] if name.endswith(".md") else name
    if name in ("index", "README"):
        parent = source.rsplit("/", 2)
        name = parent[-2] if len(parent) > 1 else "Home"
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


@dataclass
class NavPlace:
    title: str | None = None  # the nav's explicit title of the page
    section: str | None = None  # the title of the section holding it
    section_pages: list[str] = field(default_factory=list)  # the sources of that section's pages


@dataclass
class SiteNav:
    places: dict[str, NavPlace] = field(default_factory=dict)
    directory_urls: bool = True

    @classmethod
    def read(cls, nav: list[Any] | None, sources: list[str], directory_urls: bool) -> SiteNav:
        site = cls(directory_urls=directory_urls)
        if nav is None:
            site._from_folders(sources)
        else:
            site._walk(nav, None, [])
        return site

    def _walk(self, items: list[Any], section: str | None, siblings: list[str]) -> None:
        for item in items:
            if isinstance(item, str):
                self._place(item, None, section, siblings)
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        children: list[str] = []
                        self._walk(value, str(title), children)
                    elif isinstance(value, str):
                        self._place(value, str(title), section, siblings)

    def _place(self, target: str, title: str | None, section: str | None, siblings: list[str]) -> None:
        if not target.endswith(".md") or "://" in target:
            return
        source = target.lstrip("/")
        siblings.append(source)
        self.places[source] = NavPlace(title, section, siblings)

    def _from_folders(self, sources: list[str]) -> None:
        folders: dict[str, list[str]] = {}
        for source in sources:
            folder = source.rpartition("/")[0]
            folders.setdefault(folder, []).append(source)
        for folder, pages in folders.items():
            section = title_from_file_name(folder.rsplit("/", 1)[-1] + ".md") if folder else None
            for source in pages:
                self.places[source] = NavPlace(None, section, pages)

    def title(self, source: str) -> str | None:
        place = self.places.get(source)
        return place.title if place else None

    def section(self, source: str) -> tuple[str, str] | None:
        """(title, address of the section's index page) of the page's nav section, if it has one."""
        place = self.places.get(source)
        if place is None or place.section is None:
            return None
        for sibling in place.section_pages:
            if sibling.rsplit("/", 1)[-1] in INDEX_NAMES:
                return place.section, page_url(sibling, self.directory_urls)
        return None
