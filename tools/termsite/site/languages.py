"""The sections of a site in several languages: what each translated language's pages are built from, and
where every entry's versions are.

The source language keeps the site's addresses. Each other language gets a section under
``<language>/`` built by the same :class:`~termsite.site.pages.SiteBuilder`, over the glossary as
that language's readers see it (:func:`~termsite.content.model.in_language`) and with settings
whose addresses put its translated entries under the prefix and leave the others at their
source-language pages. Building a section costs about its translated entries: the texts of
entries without a translation are not linked again for it, since they have no page there.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, Mapping, TypeVar

from termsite.content.model import Glossary, area_members, in_language
from termsite.settings import SiteSettings

T = TypeVar("T")


@dataclass(frozen=True)
class LanguageSection:
    """One translated language: its glossary and settings."""

    language: str
    glossary: Glossary
    settings: SiteSettings


def language_sections(glossary: Glossary, settings: SiteSettings,
                      previous: Mapping[str, Glossary] | None = None) -> list[LanguageSection]:
    """A section for each language of the site but the source; none for a site in one language.

    ``previous`` (a preview's last build, by language) lends its entries where they did not change, so that
    a rebuild reuses the pages an edit did not touch, as in the source language."""
    sections = []
    for language in glossary.languages[1:]:
        content = glossary.translations.get(language)
        if content is None:
            continue
        site = content.site
        section_settings = settings.for_language(
            language, site_name=site.site_name if site else "", site_description=site.site_description if site else "",
            terms=set(content.terms), areas=set(content.areas),
            label_overrides=tuple(sorted(site.labels.items())) if site else ())
        view = section_view(glossary, language, (previous or {}).get(language))
        sections.append(LanguageSection(language, view, section_settings))
    return sections


def section_view(glossary: Glossary, language: str, previous: Glossary | None = None) -> Glossary:
    """The glossary of a language's section: :func:`in_language`, with the texts of untranslated entries left
    out, since their pages are the source language's and linking them again for this section is wasted work.
    Entries equal to ``previous``'s are ``previous``'s own objects (what a rebuild tells unchanged pages by)."""
    view = in_language(glossary, language)
    old_terms = previous.terms if previous is not None else {}
    old_areas = previous.areas if previous is not None else {}
    terms = {slug: _same(old_terms.get(slug), term if term.language else replace(term, body="", faq=[]))
             for slug, term in view.terms.items()}
    areas = {slug: _same(old_areas.get(slug), area if area.language else replace(area, intro="", faq=[]))
             for slug, area in view.areas.items()}
    section = replace(view, terms=terms, areas=areas, area_members={})
    section.area_members = area_members(section)
    return section


def _same(old: T | None, new: T) -> T:
    return old if old is not None and old == new else new


def page_path(source: str, directory_urls: bool) -> str:
    """The address of a hand-written page, from its file inside docs_dir, as MkDocs and Zensical give it:
    'guides/x.md' -> 'guides/x/' (or 'guides/x.html'), 'guides/index.md' -> 'guides/'."""
    stem = source[: -len(".md")] if source.endswith(".md") else source
    folder, _, name = stem.rpartition("/")
    folder = f"{folder}/" if folder else ""
    if name in ("index", "README"):
        return folder if directory_urls else f"{folder}index.html"
    return f"{folder}{name}/" if directory_urls else f"{folder}{name}.html"


class SiteVersions:
    """Every entry's versions, by language: what hreflang, the language switcher and workTranslation name.

    A term or an area is in the source language and in each language that translates it; the
    home page and the indexes are in every language; a hand-written page is in the source
    language and in each language with a page at the same path of its folder.
    """

    def __init__(self, settings: SiteSettings, sections: Iterable[LanguageSection],
                 page_translations: Mapping[str, Mapping[str, str]] | None = None) -> None:
        self.source = settings
        self.by_language = {settings.language: settings, **{s.language: s.settings for s in sections}}
        self.languages = tuple(self.by_language)
        self.page_translations = page_translations or {}  # source file -> language -> its translation's file

    def versions(self, key: str) -> list[tuple[str, str]]:
        kind, _, name = key.partition(":")
        if kind == "term":
            return [(language, s.urls.term(name)) for language, s in self.by_language.items()
                    if not s.urls.term_language(name)]
        if kind == "area":
            slug, _, part = name.partition(":")
            number = int(part) if part else 1
            return [(language, s.urls.area_part(slug, number)) for language, s in self.by_language.items()
                    if not s.urls.area_language(slug)]
        if kind == "page":
            translations = self.page_translations.get(name, {})
            directory_urls = self.source.directory_urls
            found = [(self.source.language, page_path(name, directory_urls))]
            return found + [(language, page_path(translations[language], directory_urls))
                            for language in self.languages[1:] if language in translations]
        paths = {"home": lambda s: s.urls.home(), "area-index": lambda s: s.urls.area_index(),
                 "term-index": lambda s: s.urls.term_index_part(int(name or 1))}
        if kind in paths and (kind != "home" or self.source.glossary_home is not None):
            return [(language, paths[kind](s)) for language, s in self.by_language.items()]
        return []

    def home(self, language: str) -> str:
        """Where the switcher goes in a language without a version of the page: that language's home."""
        return self.by_language[language].urls.root()

    def alternates(self, key: str) -> list[tuple[str, str]]:
        """The hreflang set of a page: (code, absolute URL) for each version and x-default (the source);
        empty for a page in one language."""
        versions = self.versions(key)
        if len(versions) < 2:
            return []
        urls = self.source.urls
        return [(language, urls.absolute(path)) for language, path in versions] + \
            [("x-default", urls.absolute(versions[0][1]))]

    def switcher(self, key: str) -> list[tuple[str, str, str]]:
        """The language switcher of a page: (language, its name in itself, site path) for every language,
        the page's own version where there is one, else that language's home."""
        from termsite.site.labels import labels_of

        found = dict(self.versions(key))
        return [(language, labels_of(settings).language_name, found.get(language, self.home(language)))
                for language, settings in self.by_language.items()]


def page_key(kind: str, slug: str = "", part: int = 1) -> str:
    """The key of a generated page's versions: 'term:<slug>', 'area:<slug>:<part>', 'term-index:<part>'..."""
    if kind == "term":
        return f"term:{slug}"
    if kind == "area":
        return f"area:{slug}" if part == 1 else f"area:{slug}:{part}"
    if kind == "term-index":
        return f"term-index:{part}"
    return kind
