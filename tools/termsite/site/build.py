"""One build of a site, engine-neutral: everything a host publishes.

A host (MkDocs, ProperDocs, Zensical) asks a :class:`SiteBuild` for the generated pages
(their addresses, HTML fragments and table of contents), the head of every page (title,
description, sharing metadata, JSON-LD, sitemap date), the linking of its hand-written
pages, the search documents, the open-data exports and the redirect pages, and puts them
into a site its own way. Nothing here knows which engine that is, so the same content
gives the same addresses and the same JSON-LD on every host.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from termsite.content.articles import Article
from termsite.content.model import FaqEntry, Glossary
from termsite.graph.links import LinkedFaq, PageLinker
from termsite.graph.treelinks import PageLinks, TreeLinker
from termsite.settings import SiteSettings
from termsite.content.model import Image
from termsite.graph.fragments import FragmentCache
from termsite.site.articles import ArticleIndex, ArticlePage, author_of, resolve_dates
from termsite.site.cards import (CARD_HEIGHT, CARD_WIDTH, CardCache, CardPlanner, CardReport, CardSpec, card_alt,
                                 card_path, write_cards)
from termsite.site.embed import write_embed_files
from termsite.site.export import write_site_exports
from termsite.site.incremental import SiteSnapshot, build_site
from termsite.site.jsonld import JsonLd, serialize
from termsite.site.pages import GeneratedPage, TocEntry
from termsite.site.redirects import RedirectPage, redirect_pages, write_redirect_pages
from termsite.site.render import PageRenderer
from termsite.site.search import search_documents

# What earlier builds made, beside the site's configuration: rendered Markdown
# (termsite.graph.fragments) and cards. Every host keeps it in the same place.
CACHE_DIR = Path(".cache") / "termsite"
CARD_CACHE = CACHE_DIR / "cards"


@dataclass(frozen=True)
class PageHead:
    """What a host puts in a page's head beside the theme's own: plain text, escaped by the host,
    and JSON-LD blocks serialized safely for a script element."""

    kind: str
    title: str
    description: str
    og_type: str = "website"
    image: str = ""  # absolute URL
    image_alt: str = ""
    image_width: int = 0  # 0 when unknown
    image_height: int = 0
    jsonld: list[str] = field(default_factory=list)
    lastmod: str = ""  # the sitemap's date; '' when the page has none of its own
    hand_written: bool = False  # a page of the site's own, which the engine may date instead
    noindex: bool = False  # kept out of search engines and the sitemap (the print page)

    def as_meta(self) -> dict[str, object]:
        """The head as the theme override reads it (``page.meta.termsite``): every key always present."""
        return {"kind": self.kind, "og_type": self.og_type, "image": self.image, "image_alt": self.image_alt,
                "image_width": self.image_width, "image_height": self.image_height, "jsonld": list(self.jsonld),
                "lastmod": self.lastmod, "hand_written": self.hand_written, "noindex": self.noindex}


@dataclass(frozen=True)
class ShareImage:
    """The picture a shared link shows: absolute URL, description and size (0 when unknown)."""

    url: str = ""
    alt: str = ""
    width: int = 0
    height: int = 0


@dataclass
class SiteBuild:
    """The glossary's pages and the site's hand-written pages, for one build."""

    glossary: Glossary
    settings: SiteSettings
    renderer: PageRenderer
    snapshot: SiteSnapshot
    articles: ArticleIndex
    article_content: dict[str, Article] = field(default_factory=dict)  # source -> front matter
    history: dict[str, tuple] = field(default_factory=dict)  # source -> (first, last) commit dates
    redirects: list[RedirectPage] = field(default_factory=list)
    files_dir: Path | None = None  # the site's own files (docs_dir): images drawn on cards
    card_cache: CardCache | None = None
    # Hand-written pages' cards (source -> site path, spec) and the cards the last build wrote
    # (site path -> digest): both live on across a preview's builds, like the index of pages.
    article_cards: dict[str, tuple[str, CardSpec]] = field(default_factory=dict)
    written_cards: dict[str, str] = field(default_factory=dict)
    _planner: CardPlanner | None = field(default=None, init=False, repr=False)

    @classmethod
    def create(cls, glossary: Glossary, settings: SiteSettings, renderer: PageRenderer, *,
               articles: dict[str, Article] | None = None, history: dict[str, tuple] | None = None,
               previous: SiteBuild | None = None, files_dir: Path | None = None,
               cache_dir: Path | None = None, fragments: FragmentCache | None = None) -> SiteBuild:
        """Build every generated page; with ``previous`` (a preview's last build), reuse what an edit did not touch.

        The index of hand-written pages lives on across builds: a preview renders only the
        pages that changed, and the others' links still count. ``files_dir`` holds the images
        that cards are drawn with, ``cache_dir`` the cards of earlier builds and ``fragments``
        the Markdown they rendered.
        """
        index = previous.articles if previous is not None else ArticleIndex()
        snapshot = build_site(glossary, settings, previous=previous.snapshot if previous else None, articles=index,
                              fragments=fragments)
        build = cls(glossary, settings, renderer, snapshot, index, dict(articles or {}), dict(history or {}),
                    redirect_pages(glossary, settings), files_dir=files_dir,
                    card_cache=CardCache(cache_dir) if cache_dir is not None else None)
        if previous is not None:
            build.article_cards = previous.article_cards
            build.written_cards = previous.written_cards
        return build

    @property
    def pages(self) -> dict[str, GeneratedPage]:
        """Generated pages by source name (what the engine calls their file: 'definition/x/index.md')."""
        return self.snapshot.pages

    @property
    def jsonld(self) -> JsonLd:
        return JsonLd(self.settings, self.glossary)

    # Generated pages
    def html(self, page: GeneratedPage) -> str:
        return self.renderer.render(page)

    @staticmethod
    def toc(page: GeneratedPage) -> list[TocEntry]:
        return page.toc()

    def head(self, page: GeneratedPage) -> PageHead:
        image = self.share_image(page.path, page.image, page.title, page.description)
        return PageHead(kind=page.kind, title=page.title, description=page.description, og_type=page.og_type,
                        image=image.url, image_alt=image.alt, image_width=image.width, image_height=image.height,
                        jsonld=[serialize(node) for node in page.jsonld],
                        lastmod=page.modified.isoformat() if page.modified else "", noindex=page.noindex)

    def share_image(self, page_path: str, image: Image | None, title: str, description: str) -> ShareImage:
        """A page's card when the site draws cards, else its own image (or none)."""
        if self.settings.cards.enabled:
            return ShareImage(self.settings.urls.absolute(card_path(page_path)), card_alt(title, description),
                              CARD_WIDTH, CARD_HEIGHT)
        if image is None:
            return ShareImage()
        return ShareImage(self.settings.urls.absolute(image.url), image.caption, image.width, image.height)

    # Hand-written pages
    def tree_linker(self, source: str, page_path: str) -> Callable[[Callable[[int], str]], TreeLinker]:
        """What links one hand-written page's element tree (see graph.treelinks.TermLinkExtension)."""
        article = self.article_content.get(source)
        autolink = self.settings.autolink_pages and (article is None or article.autolink)
        matcher = self.snapshot.graph.page_matcher(self.glossary)

        def make(raw_html: Callable[[int], str]) -> TreeLinker:
            return TreeLinker(matcher, self.glossary, self.settings.urls, page_path, autolink=autolink,
                              raw_html=raw_html)
        return make

    def article_page(self, source: str, page_path: str, title: str, links: PageLinks, *,
                     section: tuple[str, str] | None = None, is_home: bool = False,
                     links_from: str | None = None) -> ArticlePage:
        """A hand-written page once the engine has rendered and termsite linked it.

        Its front-matter FAQ is linked after the page's own text, so that a term already
        linked above is not linked again. The index of hand-written pages is updated; the
        terms whose "Mentioned in" list changed are in :meth:`record`'s answer. The FAQ's
        links are relative to ``links_from`` (default: the page's address): an engine that
        rewrites a page's links as relative to its source file (Zensical) gives the file.
        """
        article = self.article_content.get(source)
        published, modified = resolve_dates(article, self.history.get(source))
        description = (article.description if article and article.description else "") or links.first_paragraph
        page = ArticlePage(source=source, path=page_path, title=(article.title if article and article.title else
                                                                   title), description=_sentence(description),
                           settings=self.settings, article=article, links=links, section=section,
                           is_home=is_home, author=author_of(article, self.glossary), published=published,
                           modified=modified)
        if article and article.faq:
            page.faq = self._linked_faq(links_from or page_path, article.faq, links,
                                        autolink=self.settings.autolink_pages and article.autolink)
        return page

    def _linked_faq(self, page_path: str, faq: list[FaqEntry], links: PageLinks, autolink: bool) -> list[LinkedFaq]:
        graph = self.snapshot.graph
        assert graph.matcher is not None
        linker = PageLinker(graph.matcher, self.glossary, self.settings.urls, page_path, own_slug=None,
                            autolink=autolink)
        linker.seed(links.linked)
        linked = [LinkedFaq(entry.question, linker.fragment(entry.answer)) for entry in faq]
        links.linked.extend(slug for slug in linker.linked if slug not in links.linked)
        return linked

    def record(self, page: ArticlePage) -> tuple[set[str], bool]:
        """Note what a hand-written page links: (terms whose pages must be rendered again, whether
        the page's own entry in listings changed)."""
        if self.settings.cards.enabled:
            self.article_cards[page.source] = (card_path(page.path), self.card_planner().for_article(page))
        return self.articles.update(page.source, page.ref(), page.mentions)

    def faq_html(self, page: ArticlePage) -> str:
        return self.renderer.render_fragment("article_faq.html", {"faq": page.faq}) if page.faq else ""

    def article_head(self, page: ArticlePage) -> PageHead:
        image = self.share_image(page.path, page.image, page.title, page.description)
        return PageHead(kind="home" if page.is_home else "article", title=page.title, description=page.description,
                        og_type="website" if page.is_home else "article", image=image.url, image_alt=image.alt,
                        image_width=image.width, image_height=image.height,
                        jsonld=[serialize(node) for node in self.jsonld.hand_written_page(page)],
                        lastmod=page.modified.isoformat() if page.modified else "", hand_written=True)

    # Social cards
    def card_planner(self) -> CardPlanner:
        if self._planner is None:
            self._planner = CardPlanner(self.settings, self.glossary, self.files_dir)
        return self._planner

    def cards(self) -> dict[str, CardSpec]:
        """Every page's card by its site path: the generated pages', and the hand-written pages' still in the site."""
        if not self.settings.cards.enabled:
            return {}
        planner = self.card_planner()
        specs = {card_path(page.path): planner.for_generated(page) for page in self.pages.values()}
        present = self.articles.sources()
        for source in [s for s in self.article_cards if s not in present]:
            del self.article_cards[source]
        specs.update(self.article_cards.values())
        return specs

    def write_cards(self, site_dir: str | Path, *, same_folder: bool = False) -> CardReport:
        """Write every page's card into the site, drawing only those the cache does not have.

        ``same_folder``: the site folder still holds the last build's files (a dirty preview),
        so cards that did not change are left in place. A full build also empties the cache of
        cards no page uses any more.
        """
        if not self.settings.cards.enabled:
            return CardReport()
        report, written = write_cards(site_dir, self.cards(), self.card_cache,
                                      previous=self.written_cards if same_folder else None, prune=not same_folder)
        self.written_cards = written
        return report

    # Everything else a site carries
    def search_documents(self) -> list[dict[str, str]]:
        return [document.as_dict() for source in sorted(self.pages) for document in search_documents(self.pages[source])]

    def write_exports(self, site_dir: str | Path, site_description: str) -> None:
        """The open-data exports, and what other sites need to embed definitions (termsite-embed.js)."""
        write_site_exports(site_dir, self.glossary, self.settings, site_description, self.snapshot.graph)
        write_embed_files(site_dir, self.glossary, self.settings)

    def write_redirects(self, site_dir: str | Path) -> list[RedirectPage]:
        """Redirect pages at renamed terms' old addresses; returns those skipped because a page is there."""
        return write_redirect_pages(site_dir, self.redirects)


def _sentence(text: str, limit: int = 160) -> str:
    """A description from a page's first paragraph: its first sentences up to about what search
    engines show (``limit`` characters), else its first words."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = re.findall(r".+?[.!?](?:\s|$)", text)
    kept = ""
    for sentence in sentences:
        if len(kept) + len(sentence) > limit:
            break
        kept += sentence
    if kept.strip():
        return kept.strip()
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
