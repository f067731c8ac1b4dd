"""Site-wide settings and the URL scheme, independent of the engine that hosts the site."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    urls: UrlScheme = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "urls", UrlScheme(self))
        if not self.languages:
            object.__setattr__(self, "languages", (self.language,))

    @property
    def inflects(self) -> bool:
        """Whether plurals of names are linked: English inflection rules, for English sites."""
        return self.plurals and self.language.lower().split("-")[0] == "en"


class UrlScheme:
    """Site-relative paths of every page ('' is the home page), and their absolute URLs."""

    def __init__(self, settings: SiteSettings) -> None:
        base = settings.site_url
        self.base = base if base.endswith("/") else base + "/"
        self.area_prefix = _prefix(settings.area_prefix)
        self.term_prefix = _prefix(settings.term_prefix)
        self.directory_urls = settings.directory_urls
        self.glossary_home = _prefix(settings.glossary_home or "")

    def _page(self, path: str) -> str:
        """A page path as the engine serves it: 'a/b/' or 'a/b.html'."""
        if self.directory_urls or not path:
            return path
        return path.rstrip("/") + ".html" if path != "" else "index.html"

    # Page paths, relative to the site root.
    def home(self) -> str:
        """The generated home page: the site's root unless the site has a home page of its own."""
        return self._page(self.glossary_home) if self.glossary_home else ""

    def area_index(self) -> str:
        return self._index(self.area_prefix)

    def term_index(self) -> str:
        return self._index(self.term_prefix)

    def area(self, slug: str) -> str:
        return self._page(f"{self.area_prefix}{slug}/")

    def term(self, slug: str) -> str:
        return self._page(f"{self.term_prefix}{slug}/")

    def print_page(self) -> str:
        """The page holding the whole glossary for printing."""
        return self._page("print/")

    def term_index_part(self, number: int) -> str:
        """Page ``number`` of the A–Z index; page 1 is the index itself."""
        return self.term_index() if number == 1 else self._page(f"{self.term_prefix}page/{number}/")

    def area_part(self, slug: str, number: int) -> str:
        return self.area(slug) if number == 1 else self._page(f"{self.area_prefix}{slug}/page/{number}/")

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
