"""Site-wide settings and the URL scheme, independent of the engine that hosts the site."""

from __future__ import annotations

import posixpath
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

    def _index(self, prefix: str) -> str:
        return prefix if self.directory_urls else f"{prefix}index.html"

    def absolute(self, path: str) -> str:
        """The absolute URL of a site path, or of a path inside the site such as images/x.svg."""
        if urlsplit(path).scheme in ("http", "https"):
            return path
        return self.base + path.lstrip("/")

    @staticmethod
    def relative(from_page: str, to_path: str) -> str:
        """A link from one page to a site path, as a relative URL that works on any host."""
        from_dir = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"
        target = to_path or "./"
        rel = posixpath.relpath("/" + target, "/" + from_dir) if from_dir else target
        if (to_path.endswith("/") or not to_path) and not rel.endswith("/"):
            rel += "/"
        return "./" if rel in (".", "./") else rel

    # Source names of the generated pages: what the engine calls them (mkdocs' src_uri).
    @staticmethod
    def source_name(path: str) -> str:
        if not path or path.endswith("/"):
            return f"{path}index.md"
        return path[: -len(".html")] + ".md"


def _prefix(value: str) -> str:
    value = value.strip("/")
    return f"{value}/" if value else ""
