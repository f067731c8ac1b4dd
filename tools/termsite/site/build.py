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
from termsite.content.languages import page_language
from termsite.site.languages import LanguageSection, SiteVersions, language_sections, page_key
from termsite.site.pages import AreaPage, GeneratedPage, TermPage, TocEntry
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
    language: str = ""  # the page's language (<html lang>)
    # hreflang alternates: (code, absolute URL) for every version of the page and x-default; empty in one language
    alternates: list[tuple[str, str]] = field(default_factory=list)
    # The language switcher: (code, name of the language in itself, URL relative to the page) per language
    switcher: list[tuple[str, str, str]] = field(default_factory=list)
    # A translated language's page: the site path of its language's search index, which its search loads
    search_index: str = ""
    # The site's name in the page's language (a translation's site.yml), for the <title> and og:site_name
    site_name: str = ""

    def as_meta(self) -> dict[str, object]:
        """The head as the theme override reads it (``page.meta.termsite``): every key always present."""
        return {"kind": self.kind, "og_type": self.og_type, "image": self.image, "image_alt": self.image_alt,
                "image_width": self.image_width, "image_height": self.image_height, "jsonld": list(self.jsonld),
                "lastmod": self.lastmod, "hand_written": self.hand_written, "noindex": self.noindex,
                "language": self.language, "alternates": [list(a) for a in self.alternates],
                "switcher": [list(s) for s in self.switcher], "search_index": self.search_index,
                "site_name": self.site_name}


_HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")')


def set_html_lang(output: str, language: str) -> str:
    """A written page with ``<html lang>`` set to its language (the theme writes the site's for every page)."""
    if not language:
        return output
    return _HTML_LANG.sub(lambda m: f"{m.group(1)}{language}{m.group(2)}", output, count=1)


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
    # A site in several languages: each translated language's section, and where every entry's versions are.
    sections: dict[str, SectionBuild] = field(default_factory=dict)
    versions: SiteVersions | None = None
    _planner: CardPlanner | None = field(default=None, init=False, repr=False)
    _all_pages: dict[str, GeneratedPage] | None = field(default=None, init=False, repr=False)

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
        before = {language: section.glossary for language, section in previous.sections.items()} \
            if previous is not None else None
        found = language_sections(glossary, settings, before) if len(glossary.languages) > 1 else []
        versions = SiteVersions(settings, found, page_translations(articles or {})) if found else None
        snapshot = build_site(glossary, settings, previous=previous.snapshot if previous else None, articles=index,
                              fragments=fragments, versions=versions)
        sections = {}
        for section in found:
            before = previous.sections.get(section.language) if previous is not None else None
            sections[section.language] = SectionBuild(section, build_site(
                section.glossary, section.settings, previous=before.snapshot if before else None, articles=index,
                versions=versions))
        build = cls(glossary, settings, renderer, snapshot, index, dict(articles or {}), dict(history or {}),
                    redirect_pages(glossary, settings), files_dir=files_dir,
                    card_cache=CardCache(cache_dir) if cache_dir is not None else None, sections=sections,
                    versions=versions)
        if previous is not None:
            build.article_cards = previous.article_cards
            build.written_cards = previous.written_cards
        return build

    @property
    def pages(self) -> dict[str, GeneratedPage]:
        """Generated pages by source name (what the engine calls their file: 'definition/x/index.md'), the
        translated languages' after the source language's."""
        if not self.sections:
            return self.snapshot.pages
        if self._all_pages is None:
            self._all_pages = dict(self.snapshot.pages)
            for section in self.sections.values():
                self._all_pages.update(section.snapshot.pages)
        return self._all_pages

    def reused(self, source_name: str, previous: SiteBuild | None) -> bool:
        """Whether this build kept the previous build's page object (so its output is unchanged)."""
        return previous is not None and source_name in self.pages and \
            previous.pages.get(source_name) is self.pages.get(source_name)

    @property
    def jsonld(self) -> JsonLd:
        return JsonLd(self.settings, self.glossary, self.versions)

    # Languages
    def section(self, language: str) -> SectionBuild | None:
        """A translated language's section; None for the source language."""
        return self.sections.get(language)

    def language_of(self, path: str) -> str:
        """The language of a page (or a search document) by its address: the section it is under, else the
        source language."""
        first = path.split("/", 1)[0]
        return first if first in self.sections else self.settings.language

    def _languages(self, settings: SiteSettings, page_path: str, key: str) -> dict[str, object]:
        """What a page's head says of its language and its versions in the others."""
        assert self.versions is not None
        switcher = [(language, name, self.settings.urls.relative(page_path, path))
                    for language, name, path in self.versions.switcher(key)]
        search = search_index_path(settings.language) if settings.is_translation else ""
        return {"language": settings.language, "alternates": self.versions.alternates(key), "switcher": switcher,
                "search_index": search, "site_name": settings.site_name if settings.is_translation else ""}

    def search_documents_by_language(self, documents: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
        """Search documents (the engine's and termsite's) split by the language of their page: each language's
        search holds only its pages. The source language's are under ''."""
        split: dict[str, list[dict[str, str]]] = {"": []}
        split.update((language, []) for language in self.sections)
        for document in documents:
            language = self.language_of(document.get("location", ""))
            split[language if language in self.sections else ""].append(document)
        return split

    # Generated pages
    def html(self, page: GeneratedPage) -> str:
        return self.renderer.render(page)

    @staticmethod
    def toc(page: GeneratedPage) -> list[TocEntry]:
        return page.toc()

    def head(self, page: GeneratedPage) -> PageHead:
        image = self.share_image(page.path, page.image, page.title, page.description)
        languages: dict[str, object] = {}
        if self.versions is not None and not page.noindex:
            key = generated_page_key(page)
            languages = self._languages(page.settings, page.path, key)
        return PageHead(kind=page.kind, title=page.title, description=page.description, og_type=page.og_type,
                        image=image.url, image_alt=image.alt, image_width=image.width, image_height=image.height,
                        jsonld=[serialize(node) for node in page.jsonld],
                        lastmod=page.modified.isoformat() if page.modified else "", noindex=page.noindex,
                        **languages)  # type: ignore[arg-type]

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
        glossary, settings, snapshot = self._language_of_page(source)
        matcher = snapshot.graph.page_matcher(glossary)

        def make(raw_html: Callable[[int], str]) -> TreeLinker:
            return TreeLinker(matcher, glossary, settings.urls, page_path, autolink=autolink, raw_html=raw_html)
        return make

    def _language_of_page(self, source: str) -> tuple[Glossary, SiteSettings, SiteSnapshot]:
        """What a hand-written page is linked and described with: its language's glossary, settings and pages
        (a page below docs_dir/<language>/ is in that language)."""
        if self.sections:
            language, _ = page_language(source, self.glossary.languages)
            section = self.sections.get(language)
            if section is not None:
                return section.glossary, section.settings, section.snapshot
        return self.glossary, self.settings, self.snapshot

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
        glossary, settings, snapshot = self._language_of_page(source)
        page = ArticlePage(source=source, path=page_path, title=(article.title if article and article.title else
                                                                   title), description=_sentence(description),
                           settings=settings, article=article, links=links, section=section,
                           is_home=is_home, author=author_of(article, glossary), published=published,
                           modified=modified)
        if article and article.faq:
            page.faq = self._linked_faq(source, links_from or page_path, article.faq, links,
                                        autolink=self.settings.autolink_pages and article.autolink)
        return page

    def _linked_faq(self, source: str, page_path: str, faq: list[FaqEntry], links: PageLinks,
                    autolink: bool) -> list[LinkedFaq]:
        glossary, settings, snapshot = self._language_of_page(source)
        graph = snapshot.graph
        assert graph.matcher is not None
        linker = PageLinker(graph.matcher, glossary, settings.urls, page_path, own_slug=None, autolink=autolink)
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
        glossary, settings, _ = self._language_of_page(page.source)
        languages: dict[str, object] = {}
        if self.versions is not None:
            key = "page:" + (page.article.translates if page.article and page.article.translates else page.source)
            languages = self._languages(settings, page.path, key)
        jsonld = JsonLd(settings, glossary, self.versions).hand_written_page(page)
        return PageHead(kind="home" if page.is_home else "article", title=page.title, description=page.description,
                        og_type="website" if page.is_home else "article", image=image.url, image_alt=image.alt,
                        image_width=image.width, image_height=image.height,
                        jsonld=[serialize(node) for node in jsonld],
                        lastmod=page.modified.isoformat() if page.modified else "", hand_written=True,
                        **languages)  # type: ignore[arg-type]

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


@dataclass
class SectionBuild:
    """A translated language's pages in one build."""

    section: LanguageSection
    snapshot: SiteSnapshot

    @property
    def glossary(self) -> Glossary:
        return self.section.glossary

    @property
    def settings(self) -> SiteSettings:
        return self.section.settings


def search_index_path(language: str) -> str:
    """Where a translated language's search index is written: de/search/search_index.json."""
    return f"{language}/search/search_index.json"


def page_translations(articles: dict[str, Article]) -> dict[str, dict[str, str]]:
    """Hand-written pages' translations: source file -> language -> the translation's file."""
    found: dict[str, dict[str, str]] = {}
    for source, article in articles.items():
        if article.language and article.translates:
            found.setdefault(article.translates, {})[article.language] = source
    return found


def generated_page_key(page: GeneratedPage) -> str:
    """The key of a generated page's versions in other languages."""
    slug = page.term.slug if isinstance(page, TermPage) and page.term else \
        page.area.slug if isinstance(page, AreaPage) and page.area else ""
    return page_key(page.kind, slug, page.part)


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
