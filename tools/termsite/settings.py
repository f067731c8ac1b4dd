"""Site-wide settings and the URL scheme, independent of the engine that hosts the site."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import AbstractSet
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Publisher:
    name: str
    url: str = ""
    logo: str = ""  # http(s) URL or a path inside the site


@dataclass(frozen=True)
class Labels:
    """Words the generated pages and breadcrumbs use; sites in other languages change them."""

    home: str = "Home"
    area: str = "Area"  # breadcrumb name of the area index
    term: str = "Definition"  # breadcrumb name of the A–Z index
    area_index_title: str = "Subject areas"
    term_index_title: str = "Glossary A–Z"


@dataclass(frozen=True)
class CardSettings:
    """The social card every page shares (termsite.site.cards): whether pages get one, and its colours."""

    enabled: bool = True
    background: str = "#1e1b4b"  # #rrggbb
    text: str = "#ffffff"
    accent: str = "#a5b4fc"


@dataclass(frozen=True)
class SiteSettings:
    """What the core needs to know about the site: where it lives and who publishes it."""

    site_url: str
    site_name: str
    publisher: Publisher
    area_prefix: str = "area/"
    term_prefix: str = "definition/"
    default_author: str = ""
    language: str = "en"
    # Every language of the site, the source language (``language``) first; () means only ``language``.
    languages: tuple[str, ...] = ()
    directory_urls: bool = True
    # The A–Z index and area pages list at most this many terms per page, then continue on page/2/...
    index_page_size: int = 500
    # The A–Z index and area pages show the broader/narrower hierarchy as a tree as well.
    term_tree: bool = False
    labels: Labels = field(default_factory=Labels)
    # Where the generated home page is: '' the site's root; another path when the site has a
    # home page of its own; None when there is none.
    glossary_home: str | None = ""
    # First mentions of terms are linked in hand-written pages too (each page can opt out).
    autolink_pages: bool = True
    # English plurals of term names find their terms ("margin calls").
    plurals: bool = True
    # The folder of docs_dir whose pages the home page lists as guides ('' for none).
    guides_dir: str = "guides/"
    # A 1200×630 PNG card per page for og:image and the JSON-LD image of pages without a raster image.
    cards: CardSettings = field(default_factory=CardSettings)
    # The whole glossary on one page, for printing (print/).
    print_page: bool = True
    # The description of a translated language's home page (its site.yml); '' for termsite's own words.
    site_description: str = ""
    # Words of the generated pages in ``language`` that replace termsite's shipped ones (label key, text).
    label_overrides: tuple[tuple[str, str], ...] = ()
    # A section of a translated language (see :meth:`for_language`): the terms and areas that have a page in
    # it, under '<language>/'; None in the source language, where every entry has its page.
    translated_terms: AbstractSet[str] | None = None
    translated_areas: AbstractSet[str] | None = None
    urls: UrlScheme = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "urls", UrlScheme(self))
        if not self.languages:
            object.__setattr__(self, "languages", (self.language,))

    @property
    def inflects(self) -> bool:
        """Whether plurals of names are linked: English inflection rules, for English sites."""
        return self.plurals and self.language.lower().split("-")[0] == "en"

    @property
    def source_language(self) -> str:
        return self.languages[0]

    @property
    def is_translation(self) -> bool:
        """Whether these are the settings of a translated language's section (its pages under '<language>/')."""
        return self.language != self.languages[0]

    def for_language(self, language: str, *, site_name: str = "", site_description: str = "",
                     terms: AbstractSet[str] = frozenset(), areas: AbstractSet[str] = frozenset(),
                     label_overrides: tuple[tuple[str, str], ...] = ()) -> SiteSettings:
        """The settings of one translated language's section: its name, its words, and addresses under
        '<language>/' for the entries translated into it (the others keep their source-language pages).
        Its guides are those of its own folder of docs_dir; the print page stays the source language's."""
        return replace(self, language=language, site_name=site_name or self.site_name,
                       site_description=site_description, label_overrides=label_overrides,
                       translated_terms=frozenset(terms), translated_areas=frozenset(areas), print_page=False,
                       guides_dir=f"{language}/{self.guides_dir}" if self.guides_dir else "")


class UrlScheme:
    """Site-relative paths of every page ('' is the home page), and their absolute URLs."""

    def __init__(self, settings: SiteSettings) -> None:
        base = settings.site_url
        self.base = base if base.endswith("/") else base + "/"
        self.area_prefix = _prefix(settings.area_prefix)
        self.term_prefix = _prefix(settings.term_prefix)
        self.directory_urls = settings.directory_urls
        self.glossary_home = _prefix(settings.glossary_home or "")
        self.source_language = settings.languages[0] if settings.languages else settings.language
        # A translated language's section lives under '<language>/'; its untranslated entries keep their
        # source-language pages, which its links point to (marked with the source language).
        self.language = settings.language
        self.prefix = f"{settings.language}/" if settings.translated_terms is not None else ""
        self._terms = settings.translated_terms
        self._areas = settings.translated_areas
        self._sections = tuple(settings.languages[1:])

    def _page(self, path: str) -> str:
        """A page path as the engine serves it: 'a/b/' or 'a/b.html'."""
        if self.directory_urls or not path:
            return path
        return path.rstrip("/") + ".html" if path != "" else "index.html"

    # Page paths, relative to the site root.
    def home(self) -> str:
        """The generated home page: the site's (or the language section's) root unless the site has a home
        page of its own."""
        return self._page(self.prefix + self.glossary_home) if self.glossary_home else self.root()

    def root(self) -> str:
        """Where "Home" goes: the site's root, or the language section's."""
        return self._index(self.prefix) if self.prefix else ""

    def area_index(self) -> str:
        return self._index(self.prefix + self.area_prefix)

    def term_index(self) -> str:
        return self._index(self.prefix + self.term_prefix)

    def area(self, slug: str) -> str:
        return self._page(f"{self._entry_prefix(slug, self._areas)}{self.area_prefix}{slug}/")

    def term(self, slug: str) -> str:
        return self._page(f"{self._entry_prefix(slug, self._terms)}{self.term_prefix}{slug}/")

    def _entry_prefix(self, slug: str, translated: AbstractSet[str] | None) -> str:
        return self.prefix if translated is not None and slug in translated else ""

    def language_of(self, path: str) -> str:
        """The language of the page at a site path: the translated language whose section it is in, else the
        source language."""
        first = path.split("/", 1)[0]
        return first if first in self._sections else self.source_language

    def term_language(self, slug: str) -> str:
        """The language of a term's page when it is not the language of these pages (an untranslated entry
        in a translated section: the source language), else ''."""
        return self.source_language if self._terms is not None and slug not in self._terms else ""

    def area_language(self, slug: str) -> str:
        return self.source_language if self._areas is not None and slug not in self._areas else ""

    def print_page(self) -> str:
        """The page holding the whole glossary for printing."""
        return self._page("print/")

    def term_index_part(self, number: int) -> str:
        """Page ``number`` of the A–Z index; page 1 is the index itself."""
        return self.term_index() if number == 1 else self._page(f"{self.prefix}{self.term_prefix}page/{number}/")

    def area_part(self, slug: str, number: int) -> str:
        return self.area(slug) if number == 1 else \
            self._page(f"{self._entry_prefix(slug, self._areas)}{self.area_prefix}{slug}/page/{number}/")

    def _index(self, prefix: str) -> str:
        return prefix if self.directory_urls else f"{prefix}index.html"

    def absolute(self, path: str) -> str:
        """The absolute URL of a site path, or of a path inside the site such as images/x.svg."""
        # (called for every URL of every page and export: a path without a colon has no scheme)
        if ":" in path and urlsplit(path).scheme in ("http", "https"):
            return path
        return self.base + path.lstrip("/")

    @staticmethod
    def relative(from_page: str, to_path: str) -> str:
        """A link from one page to a site path, as a relative URL that works on any host.

        Called for every link of every page, so it works on path segments directly
        (os.path.relpath costs ten times more).
        """
        from_dir = from_page if from_page.endswith("/") or not from_page else from_page.rsplit("/", 1)[0] + "/" \
            if "/" in from_page else ""
        source = from_dir.split("/")[:-1] if from_dir else []
        target = to_path.split("/")
        common = 0
        for a, b in zip(source, target[:-1]):
            if a != b:
                break
            common += 1
        rel = "../" * (len(source) - common) + "/".join(target[common:])
        return rel or "./"

    # Source names of the generated pages: what the engine calls them (mkdocs' src_uri).
    @staticmethod
    def source_name(path: str) -> str:
        if not path or path.endswith("/"):
            return f"{path}index.md"
        return path[: -len(".html")] + ".md"


def _prefix(value: str) -> str:
    value = value.strip("/")
    return f"{value}/" if value else ""
