"""Hand-written pages (guides, articles, a site's own home page) as termsite publishes them.

The engine renders such a page and :mod:`termsite.graph.treelinks` links it; this module
turns what that found into the page's structured data (a BreadcrumbList and an Article,
TechArticle, HowTo or BlogPosting whose ``mentions`` are the terms it links, and an
FAQPage for a front-matter FAQ), its FAQ section, and the "Mentioned in" lists of the
term pages it links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable

from termsite.content.articles import Article
from termsite.content.model import Author, Glossary, Image
from termsite.graph.links import LinkedFaq
from termsite.graph.treelinks import PageLinks
from termsite.settings import SiteSettings


@dataclass(frozen=True)
class PageRef:
    """A hand-written page as another page lists it."""

    path: str
    title: str
    description: str


@dataclass
class ArticlePage:
    """A hand-written page: where it is, what it is about, and what linking it found."""

    source: str  # the engine's name of its file, e.g. 'guides/funding.md'
    path: str  # its address in the site, e.g. 'guides/funding/'
    title: str
    description: str
    settings: SiteSettings = field(repr=False)
    article: Article | None = None  # None for a page termsite could not read (it is published as it is)
    links: PageLinks = field(default_factory=PageLinks)
    faq: list[LinkedFaq] = field(default_factory=list)
    section: tuple[str, str] | None = None  # (title, path) of its nav section, when the section has a page
    is_home: bool = False
    author: Author | None = None
    published: datetime | None = None
    modified: datetime | None = None

    kind = "article"
    og_type = "article"

    @property
    def url(self) -> str:
        return self.settings.urls.absolute(self.path)

    @property
    def image(self) -> Image | None:
        return self.article.image if self.article else None

    @property
    def schema_type(self) -> str:
        return self.article.type if self.article else "Article"

    @property
    def wants_jsonld(self) -> bool:
        return self.article is None or self.article.jsonld

    @property
    def mentions(self) -> list[str]:
        """Term slugs the page links, first link first."""
        return self.links.linked

    def ref(self) -> PageRef:
        return PageRef(self.path, self.title, self.description)


class ArticleIndex:
    """The site's hand-written pages, and which of them link each term.

    It gives a term page its "Mentioned in" list and the home page its guides. Hosts render
    hand-written pages in any order and, in a preview, only the edited ones; the index is
    updated page by page and says which lists changed, so that only those pages are
    rendered again.
    """

    def __init__(self) -> None:
        self._pages: dict[str, PageRef] = {}  # source -> page
        self._terms: dict[str, list[str]] = {}  # source -> term slugs it links
        self._by_term: dict[str, set[str]] = {}  # term slug -> sources that link it

    def update(self, source: str, page: PageRef, terms: Iterable[str]) -> tuple[set[str], bool]:
        """Record one page as rendered now: (terms whose "Mentioned in" changed, whether the page's
        own title, description or address changed)."""
        before = set(self._terms.get(source, []))
        after = list(dict.fromkeys(terms))
        page_changed = self._pages.get(source) != page
        self._pages[source] = page
        self._terms[source] = after
        changed = before.symmetric_difference(after)
        for slug in before.difference(after):
            self._by_term[slug].discard(source)
        for slug in after:
            self._by_term.setdefault(slug, set()).add(source)
        return changed | (set(after) if page_changed else set()), page_changed

    def keep_only(self, sources: Iterable[str]) -> set[str]:
        """Forget the pages that are gone; returns the terms they linked."""
        keep = set(sources)
        changed: set[str] = set()
        for source in [s for s in self._pages if s not in keep]:
            for slug in self._terms.pop(source, []):
                changed.add(slug)
                self._by_term[slug].discard(source)
            self._pages.pop(source, None)
        return changed

    def pages_for(self, slug: str) -> list[PageRef]:
        pages = [self._pages[source] for source in self._by_term.get(slug, ())]
        return sorted(pages, key=lambda page: (page.title.casefold(), page.path))

    def pages_under(self, folder: str) -> list[PageRef]:
        """The pages in a folder of docs_dir ('guides/'), its own index page left out."""
        prefix = folder.strip("/") + "/"
        pages = [page for source, page in self._pages.items()
                 if source.startswith(prefix) and source[len(prefix):] not in ("index.md", "README.md")]
        return sorted(pages, key=lambda page: (page.title.casefold(), page.path))

    def linked_terms(self) -> set[str]:
        return {slug for slug, sources in self._by_term.items() if sources}

    def terms_of(self, source: str) -> list[str]:
        return list(self._terms.get(source, []))


def resolve_dates(article: Article | None, history: tuple[datetime, datetime] | None
                  ) -> tuple[datetime | None, datetime | None]:
    """(published, modified): the front matter's, else the file's first and last commit, else none."""
    published = article.published if article else None
    modified = article.modified if article else None
    if history is not None:
        published = published or history[0]
        modified = modified or (history[1] if article is None or not article.published or
                                history[1] >= article.published else None)
    return published, modified or published


def author_of(article: Article | None, glossary: Glossary) -> Author | None:
    key = article.author if article and article.author else glossary.default_author
    return glossary.authors.get(key)
