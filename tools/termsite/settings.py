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
class SiteSettings:
    """What the core needs to know about the site: where it lives and who publishes it."""

    site_url: str
    site_name: str
    publisher: Publisher
    area_prefix: str = "area/"
    term_prefix: str = "definition/"
    default_author: str = ""
    language: str = "en"
    directory_urls: bool = True
    # The A–Z index and area pages list at most this many terms per page, then continue on page/2/...
    index_page_size: int = 500
    labels: Labels = field(default_factory=Labels)
    urls: UrlScheme = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "urls", UrlScheme(self))


class UrlScheme:
    """Site-relative paths of every page ('' is the home page), and their absolute URLs."""

    def __init__(self, settings: SiteSettings) -> None:
        base = settings.site_url
        self.base = base if base.endswith("/") else base + "/"
        self.area_prefix = _prefix(settings.area_prefix)
        self.term_prefix = _prefix(settings.term_prefix)
        self.directory_urls = settings.directory_urls

    def _page(self, path: str) -> str:
        """A page path as the engine serves it: 'a/b/' or 'a/b.html'."""
        if self.directory_urls or not path:
            return path
        return path.rstrip("/") + ".html" if path != "" else "index.html"

    # Page paths, relative to the site root.
    def home(self) -> str:
        return ""

    def area_index(self) -> str:
        return self._index(self.area_prefix)

    def term_index(self) -> str:
        return self._index(self.term_prefix)

    def area(self, slug: str) -> str:
        return self._page(f"{self.area_prefix}{slug}/")

    def term(self, slug: str) -> str:
        return self._page(f"{self.term_prefix}{slug}/")

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
