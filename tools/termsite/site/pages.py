"""The generated pages of a glossary site, as objects.

Each page knows its path, its title and description, the JSON-LD nodes it carries and
the context its template needs. Pages are built from the validated glossary and the
link graph; turning them into HTML is :mod:`termsite.site.render`'s job, and putting them
into a site is the host engine's (see :mod:`termsite.hosts.mkdocs`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from itertools import groupby
from typing import Any, Callable, ClassVar, Iterator

from unidecode import unidecode

from termsite.site.articles import ArticleIndex
from termsite.site.embed import EMBED_SCRIPT
from termsite.site.jsonld import JsonLd, JsonObject, TranslationFinder
from termsite.graph.links import EntryLinks, LinkedFragment, LinkGraph, build_link_graph
from termsite.content.model import Area, Author, Glossary, Image, Source, Term, title_key
from termsite.site.labels import LabelSet, labels_of
from termsite.site.relmap import RelationshipMap, build_relationship_map
from termsite.settings import SiteSettings, UrlScheme

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class TocEntry:
    level: int
    id: str
    title: str


@dataclass(frozen=True)
class PagePart:
    """One page of a listing split over several pages (page/2/, page/3/...)."""

    number: int
    href: str
    current: bool


@dataclass(frozen=True)
class PageLink:
    """A link from one page to another, with what the template shows for it."""

    href: str
    title: str
    summary: str = ""
    slug: str = ""
    # The language of the page linked when it is not the linking page's (a term without a translation): the
    # link says so with hreflang and a small language tag.
    language: str = ""


@dataclass(frozen=True)
class AreaCard:
    """An area as the home page and the area index show it: link, number of terms, illustration."""

    link: PageLink
    term_count: int
    image: Image | None = None
    image_href: str = ""  # the image's URL relative to the page showing the card


def _no_nodes() -> list[JsonObject]:
    return []


@dataclass
class TreeNode:
    """A term in the broader/narrower tree, with its narrower terms under it."""

    link: PageLink
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class GeneratedPage:
    kind: ClassVar[str] = "page"
    template: ClassVar[str] = ""
    noindex: ClassVar[bool] = False  # kept out of search engines, the site's search and the sitemap

    path: str
    title: str
    description: str
    settings: SiteSettings = field(repr=False)
    # Makes the page's JSON-LD nodes (see :attr:`jsonld`).
    make_jsonld: Callable[[], list[JsonObject]] = field(default=_no_nodes, repr=False, compare=False)
    image: Image | None = None
    modified: datetime | None = None
    og_type: str = "website"
    part: int = 1
    parts: list[PagePart] = field(default_factory=list)  # empty unless the listing is split

    @property
    def jsonld(self) -> list[JsonObject]:
        """The page's JSON-LD nodes, made when asked for, that is when the page is written.

        Held for every page from the start, they were most of the memory of a large site's
        page objects (57 MB of 84 at 10,000 terms), and a forked renderer copied them again.
        """
        return self.make_jsonld()

    @property
    def url(self) -> str:
        return self.settings.urls.absolute(self.path)

    @property
    def source_name(self) -> str:
        return self.settings.urls.source_name(self.path)

    @property
    def image_url(self) -> str:
        return self.settings.urls.absolute(self.image.url) if self.image else ""

    @property
    def labels(self) -> LabelSet:
        """The words of the page, in its language."""
        return labels_of(self.settings)

    @property
    def language(self) -> str:
        return self.settings.language

    def href(self, target_path: str) -> str:
        return self.settings.urls.relative(self.path, target_path)

    def term_link(self, term: Term) -> PageLink:
        urls = self.settings.urls
        return PageLink(self.href(urls.term(term.slug)), term.title, term.summary, term.slug,
                        urls.term_language(term.slug))

    def area_link(self, area: Area) -> PageLink:
        urls = self.settings.urls
        return PageLink(self.href(urls.area(area.slug)), area.title, area.description, area.slug,
                        urls.area_language(area.slug))

    def image_href(self, image: Image) -> str:
        """An image's URL as this page links it: relative for the site's own, as written for others."""
        return image.url if "://" in image.url else self.href(image.url)

    def toc(self) -> list[TocEntry]:
        return []

    def context(self) -> dict[str, Any]:
        return {"page": self, "labels": self.labels, "site_name": self.settings.site_name,
                "home_href": self.href(self.settings.urls.root()),
                "area_index_href": self.href(self.settings.urls.area_index()),
                "term_index_href": self.href(self.settings.urls.term_index())}


@dataclass
class TermPage(GeneratedPage):
    kind: ClassVar[str] = "term"
    template: ClassVar[str] = "term.html"

    term: Term | None = None
    links: EntryLinks | None = None
    areas: list[PageLink] = field(default_factory=list)
    related: list[PageLink] = field(default_factory=list)
    broader: list[PageLink] = field(default_factory=list)
    narrower: list[PageLink] = field(default_factory=list)
    backlinks: list[PageLink] = field(default_factory=list)
    replaced_by: PageLink | None = None
    author: Author | None = None
    sources: list[Source] = field(default_factory=list)
    # The site's hand-written pages: known only once the host has rendered them, so read when
    # this page is written.
    articles: ArticleIndex | None = field(default=None, repr=False, compare=False)

    @property
    def mentioned_in(self) -> list[PageLink]:
        """The hand-written pages (guides, articles) that link this term."""
        if self.articles is None or self.term is None:
            return []
        return [PageLink(self.href(ref.path), ref.title, ref.description) for ref in self._mentioning_pages()]

    def _mentioning_pages(self) -> list[Any]:
        """The hand-written pages in this page's language that link its term."""
        assert self.articles is not None and self.term is not None
        refs = self.articles.pages_for(self.term.slug)
        if len(self.settings.languages) < 2:
            return list(refs)
        urls, language = self.settings.urls, self.settings.language
        return [ref for ref in refs if urls.language_of(ref.path) == language]

    def toc(self) -> list[TocEntry]:
        labels = self.labels
        entries = [TocEntry(2, "definition", labels.definition)]
        if self.links and self.links.faq:
            entries.append(TocEntry(2, "faq", labels.faq))
        if self.broader:
            entries.append(TocEntry(2, "broader", labels.broader))
        if self.narrower:
            entries.append(TocEntry(2, "narrower", labels.narrower))
        if self.related:
            entries.append(TocEntry(2, "related", labels.related))
        if self.backlinks:
            entries.append(TocEntry(2, "referenced-by", labels.referenced_by))
        if self.articles is not None and self.term is not None and self._mentioning_pages():
            entries.append(TocEntry(2, "mentioned-in", labels.mentioned_in))
        if self.sources:
            entries.append(TocEntry(2, "sources", labels.sources))
        return entries

    @property
    def embed_snippet(self) -> str:
        """The markup another site pastes to show this definition on hover (see docs/sharing.md)."""
        if self.term is None:
            return ""
        script = self.settings.urls.absolute(EMBED_SCRIPT)
        return f'<script src="{script}" defer></script>\n<span data-term="{self.term.slug}">{_escape(self.term.title)}</span>'

    def context(self) -> dict[str, Any]:
        return {**super().context(), "term": self.term, "links": self.links, "areas": self.areas,
                "related": self.related, "broader": self.broader, "narrower": self.narrower,
                "backlinks": self.backlinks, "replaced_by": self.replaced_by,
                "author": self.author, "sources": self.sources, "mentioned_in": self.mentioned_in,
                "embed_snippet": self.embed_snippet}


@dataclass
class AreaPage(GeneratedPage):
    kind: ClassVar[str] = "area"
    template: ClassVar[str] = "area.html"

    area: Area | None = None
    links: EntryLinks | None = None
    members: list[PageLink] = field(default_factory=list)
    relmap: RelationshipMap | None = None  # None when the area's terms connect to nothing
    tree: list[TreeNode] = field(default_factory=list)  # the members' hierarchy, when the site shows it

    def toc(self) -> list[TocEntry]:
        labels = self.labels
        entries = []
        if self.links and self.links.faq:
            entries.append(TocEntry(2, "faq", labels.faq))
            entries += [TocEntry(3, f"faq-{i}", faq.question) for i, faq in enumerate(self.links.faq, start=1)]
        entries.append(TocEntry(2, "terms", labels.terms_in_area))
        if self.tree:
            entries.append(TocEntry(2, "hierarchy", labels.hierarchy))
        if self.relmap:
            entries.append(TocEntry(2, "relationship-map", labels.relationship_map))
        return entries

    def context(self) -> dict[str, Any]:
        return {**super().context(), "area": self.area, "links": self.links, "members": self.members,
                "relmap": self.relmap, "tree": self.tree}


@dataclass
class LetterGroup:
    letter: str
    anchor: str
    terms: list[PageLink]


@dataclass
class TermIndexPage(GeneratedPage):
    kind: ClassVar[str] = "term-index"
    template: ClassVar[str] = "term_index.html"

    groups: list[LetterGroup] = field(default_factory=list)
    letters: list[tuple[str, str]] = field(default_factory=list)  # (letter, href of its first entry)
    tree: list[TreeNode] = field(default_factory=list)  # the glossary's hierarchy, when the site shows it

    def toc(self) -> list[TocEntry]:
        entries = [TocEntry(2, group.anchor, group.letter) for group in self.groups]
        if self.tree:
            entries.append(TocEntry(2, "hierarchy", self.labels.hierarchy))
        return entries

    def context(self) -> dict[str, Any]:
        return {**super().context(), "groups": self.groups, "letters": self.letters, "tree": self.tree}


@dataclass
class AreaIndexPage(GeneratedPage):
    kind: ClassVar[str] = "area-index"
    template: ClassVar[str] = "area_index.html"

    areas: list[AreaCard] = field(default_factory=list)

    def context(self) -> dict[str, Any]:
        return {**super().context(), "areas": self.areas}


@dataclass
class HomePage(GeneratedPage):
    kind: ClassVar[str] = "home"
    template: ClassVar[str] = "home.html"

    areas: list[AreaCard] = field(default_factory=list)
    recent: list[PageLink] = field(default_factory=list)
    term_count: int = 0
    articles: ArticleIndex | None = field(default=None, repr=False, compare=False)

    @property
    def guides(self) -> list[PageLink]:
        """The site's guides (the hand-written pages of its guides folder), read when the page is written."""
        if self.articles is None or not self.settings.guides_dir:
            return []
        return [PageLink(self.href(ref.path), ref.title, ref.description)
                for ref in self.articles.pages_under(self.settings.guides_dir)]

    def context(self) -> dict[str, Any]:
        return {**super().context(), "areas": self.areas, "recent": self.recent, "term_count": self.term_count,
                "guides": self.guides}


@dataclass
class PrintEntry:
    """One term as the print page shows it: its texts, with links made to fit that page."""

    term: Term
    anchor: str
    body_html: str
    faq: list[tuple[str, str]]  # (question, answer HTML)
    areas: list[str]
    sources: list[Source]


@dataclass
class PrintPage(GeneratedPage):
    """The whole glossary on one page, A to Z, for printing or saving as PDF."""

    kind: ClassVar[str] = "print"
    template: ClassVar[str] = "print.html"
    noindex: ClassVar[bool] = True

    entries: list[PrintEntry] = field(default_factory=list)

    def context(self) -> dict[str, Any]:
        return {**super().context(), "entries": self.entries}


_URL_ATTRIBUTE = re.compile(r'(\s(?:href|src))="([^"]*)"')
_HEADING_TAG = re.compile(r"<(/?)h([1-5])\b")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def rebase_fragment(fragment: str, from_page: str, to_page: str, anchors: dict[str, str],
                    heading_shift: int = 0) -> str:
    """A fragment rendered for one page, made to work on another.

    Relative links and images are resolved from ``from_page`` and pointed at again from
    ``to_page``; a link to a page in ``anchors`` (site path -> fragment id) becomes a link to
    that anchor, as on the print page, where every term is a section. Headings go
    ``heading_shift`` levels down, under the heading of the section the fragment is in.
    """
    base = from_page if from_page.endswith("/") or not from_page else posixpath.dirname(from_page) + "/"

    def rebase(match: re.Match[str]) -> str:
        attribute, url = match.group(1), match.group(2)
        if not url or url.startswith(("#", "/", "mailto:", "data:")) or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", url):
            return match.group(0)
        path, hash_mark, fragment = url.partition("#")
        joined = posixpath.normpath(posixpath.join(base, path or "./"))
        if joined == ".." or joined.startswith("../"):
            return match.group(0)  # outside the site: nothing to rebase against
        site_path = "" if joined == "." else joined + ("/" if (path or "./").endswith("/") else "")
        if site_path in anchors and attribute.strip() == "href":
            return f'{attribute}="#{anchors[site_path]}"'
        return f'{attribute}="{UrlScheme.relative(to_page, site_path)}{hash_mark}{fragment}"'

    rebased = _URL_ATTRIBUTE.sub(rebase, fragment)
    if heading_shift:
        rebased = _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + heading_shift)}", rebased)
    return rebased


def _letter_anchor(letter: str) -> str:
    return "letter-" + ("other" if letter == "#" else letter.lower())


def index_letter(title: str) -> str:
    """The A–Z heading a title files under: its first letter, transliterated; '#' for the rest."""
    first = unidecode(title[:1]).upper()[:1]
    return first if first.isalpha() else "#"


class SiteBuilder:
    """Builds every page of a glossary site."""

    def __init__(self, glossary: Glossary, settings: SiteSettings, graph: LinkGraph | None = None,
                 articles: ArticleIndex | None = None, versions: TranslationFinder | None = None) -> None:
        self.glossary = glossary
        self.settings = settings
        self.urls = settings.urls
        self.labels = labels_of(settings)
        self.graph = graph or build_link_graph(glossary, settings.urls, plurals=settings.inflects,
                                               aspect_question=self.labels.faq_aspect)
        self.jsonld = JsonLd(settings, glossary, versions)
        self.articles = articles

    def pages(self) -> Iterator[GeneratedPage]:
        """Every page; in a translated language's section, only its translated areas and terms have pages."""
        if self.settings.glossary_home is not None:
            yield self.home_page()
        yield self.area_index_page()
        yield from self.term_index_pages()
        for area in self.glossary.sorted_areas():
            if not self.urls.area_language(area.slug):
                yield from self.area_pages(area)
        for term in self.glossary.sorted_terms():
            if not self.urls.term_language(term.slug):
                yield self.term_page(term)
        if self.settings.print_page:
            yield self.print_page()

    def _index_key(self, term: Term) -> tuple[str, str, str]:
        """Where a term files in the A–Z index: under its first letter transliterated ('Ä' and 'Ö' under A and O,
        in any language), then by title without regard to case (and in a translated language, to accents)."""
        return index_letter(term.title), title_key(term.title, self.glossary.language), term.slug

    def _area_cards(self, page: GeneratedPage) -> list[AreaCard]:
        return [AreaCard(page.area_link(area), len(self.glossary.area_members.get(area.slug, [])), area.image,
                         page.image_href(area.image) if area.image else "")
                for area in self.glossary.sorted_areas()]

    def home_page(self) -> HomePage:
        description = self.settings.site_description or self.labels.format(
            "home_description", site=self.settings.site_name, terms=len(self.glossary.terms),
            areas=len(self.glossary.areas))
        page = HomePage(path=self.urls.home(), title=self.settings.site_name, description=description,
                        settings=self.settings, term_count=len(self.glossary.terms), articles=self.articles)
        page.areas = self._area_cards(page)
        newest = sorted(self.glossary.terms.values(), key=lambda t: (t.modified or t.published or _EPOCH, t.slug),
                        reverse=True)[:8]
        page.recent = [page.term_link(term) for term in newest]
        # At the site's root it is the home page; moved aside by a site's own home page, it is a
        # collection of the glossary's areas and the site's own home carries WebSite and Organization.
        if self.settings.is_translation:  # the section's home: a collection of its areas, in its language
            page.make_jsonld = lambda: [self.jsonld.area_index_page(self.glossary.sorted_areas(), page.path,
                                                                    page.title, description)]
            return page
        page.make_jsonld = (lambda: [self.jsonld.website(), self.jsonld.organization()]) if page.path == "" else (
            lambda: [self.jsonld.breadcrumb_list(page.path, [(self.settings.site_name, page.path)]),
                     self.jsonld.area_index_page(self.glossary.sorted_areas(), page.path, page.title, description)])
        return page

    def print_page(self) -> PrintPage:
        """Every term A to Z with its summary, body, FAQ and sources; term links point within the page."""
        path = self.urls.print_page()
        terms = sorted(self.glossary.terms.values(), key=lambda t: (index_letter(t.title), t.title.casefold(), t.slug))
        description = f"The whole {self.settings.site_name} on one page for printing: {len(terms)} terms from A to Z."
        page = PrintPage(path=path, title=f"{self.settings.site_name}: every term, A to Z", description=description,
                         settings=self.settings)
        anchors = {self.urls.term(term.slug): term.slug for term in terms}
        for term in terms:
            links = self.graph.terms[term.slug]
            term_path = self.urls.term(term.slug)
            page.entries.append(PrintEntry(
                term=term, anchor=term.slug,
                body_html=rebase_fragment(links.main.html, term_path, path, anchors, heading_shift=1),
                faq=[(faq.question, rebase_fragment(faq.answer.html, term_path, path, anchors, heading_shift=3))
                     for faq in links.faq],
                areas=[self.glossary.areas[slug].title for slug in term.areas],
                sources=list(term.sources)))
        return page

    def area_index_page(self) -> AreaIndexPage:
        labels = self.labels
        path = self.urls.area_index()
        description = labels.format("area_index_description", site=self.settings.site_name,
                                    areas=len(self.glossary.areas))
        page = AreaIndexPage(path=path, title=labels.area_index_title, description=description, settings=self.settings)
        page.areas = self._area_cards(page)
        page.make_jsonld = lambda: [
            self.jsonld.breadcrumb_list(path, [(labels.area, path)]),
            self.jsonld.area_index_page(self.glossary.sorted_areas(), path, labels.area_index_title, description),
        ]
        return page

    def _chunks(self, items: list[Term]) -> list[list[Term]]:
        size = max(1, self.settings.index_page_size)
        return [items[i:i + size] for i in range(0, len(items), size)] or [[]]

    @staticmethod
    def _parts(page: GeneratedPage, paths: list[str]) -> list[PagePart]:
        if len(paths) < 2:
            return []
        return [PagePart(n, page.href(path), n == page.part) for n, path in enumerate(paths, start=1)]

    def hierarchy_tree(self, page: GeneratedPage, terms: list[Term]) -> list[TreeNode]:
        """The broader/narrower tree of ``terms`` (in their order): each term with narrower ones among them,
        not itself narrower than one of them, is a root. Empty unless the site shows trees."""
        if not self.settings.term_tree:
            return []
        members = {term.slug for term in terms}
        narrower = {slug: [t for t in self.glossary.narrower_of(slug) if t.slug in members] for slug in members}

        def node(term: Term) -> TreeNode:  # 'broader' has no circles (the loader refuses them)
            return TreeNode(page.term_link(term), [node(child) for child in narrower[term.slug]])

        return [node(term) for term in terms if narrower[term.slug] and not members.intersection(term.broader)]

    def term_index_pages(self) -> list[TermIndexPage]:
        labels = self.labels
        terms = sorted(self.glossary.terms.values(), key=self._index_key)
        chunks = self._chunks(terms)
        paths = [self.urls.term_index_part(n) for n in range(1, len(chunks) + 1)]
        first_part: dict[str, int] = {}
        for number, chunk in enumerate(chunks, start=1):
            for term in chunk:
                first_part.setdefault(index_letter(term.title), number)
        pages = []
        for number, (chunk, path) in enumerate(zip(chunks, paths), start=1):
            suffix = labels.format("page_suffix", number=number) if number > 1 else ""
            description = labels.format("term_index_description", site=self.settings.site_name, terms=len(terms))
            if suffix:  # 'Every term ... 900 definitions, page 2.'
                description = description[:-1] + suffix + "." if description.endswith(".") else description + suffix
            page = TermIndexPage(path=path, title=labels.term_index_title + suffix, description=description,
                                 settings=self.settings, part=number)
            page.parts = self._parts(page, paths)
            page.groups = [LetterGroup(letter, _letter_anchor(letter), [page.term_link(t) for t in group])
                           for letter, group in groupby(chunk, key=lambda t: index_letter(t.title))]
            page.letters = [(letter, ("" if part == number else page.href(paths[part - 1])) + "#" + _letter_anchor(letter))
                            for letter, part in first_part.items()]
            if number == 1:
                page.tree = self.hierarchy_tree(page, self.glossary.sorted_terms())
            trail = [(labels.term, paths[0])] + ([(labels.format("page_number", number=number), path)]
                                                 if number > 1 else [])
            page.make_jsonld = partial(self._term_index_nodes, path, trail, chunk, paths[0])
            pages.append(page)
        return pages

    def _term_index_nodes(self, path: str, trail: list[tuple[str, str]], chunk: list[Term],
                          index_path: str) -> list[JsonObject]:
        return [self.jsonld.breadcrumb_list(path, trail), self.jsonld.defined_term_set(chunk, index_path)]

    def area_pages(self, area: Area) -> list[AreaPage]:
        pages = [self.area_page(area)]
        members = self.glossary.area_members.get(area.slug, [])
        chunks = self._chunks(members)
        if len(chunks) < 2:
            return pages
        labels = self.labels
        paths = [self.urls.area_part(area.slug, n) for n in range(1, len(chunks) + 1)]
        first = pages[0]
        first.members = [first.term_link(term) for term in chunks[0]]
        first.parts = self._parts(first, paths)
        first.make_jsonld = partial(self._area_nodes, area, first.links, chunks[0])
        empty = EntryLinks(main=LinkedFragment("", ""), faq=[])
        for number, (chunk, path) in enumerate(zip(chunks[1:], paths[1:]), start=2):
            title = area.title + labels.format("page_suffix", number=number)
            page = AreaPage(path=path, title=title, description=area.description, settings=self.settings,
                            image=area.image, modified=area.modified or area.published, area=area, links=empty,
                            part=number)
            page.parts = self._parts(page, paths)
            page.members = [page.term_link(term) for term in chunk]
            trail = [(labels.area, self.urls.area_index()), (area.title, paths[0]),
                     (labels.format("page_number", number=number), path)]
            page.make_jsonld = partial(self._area_part_nodes, area, chunk, path, title, trail)
            pages.append(page)
        return pages

    def area_page(self, area: Area) -> AreaPage:
        path = self.urls.area(area.slug)
        members = self.glossary.area_members.get(area.slug, [])
        links = self.graph.areas[area.slug]
        page = AreaPage(path=path, title=area.title, description=area.description, settings=self.settings,
                        image=area.image, modified=area.modified or area.published, area=area, links=links)
        page.members = [page.term_link(term) for term in members]
        page.tree = self.hierarchy_tree(page, members)
        relmap = build_relationship_map(self.glossary, self.graph, self.urls, area.slug, path)
        page.relmap = relmap if relmap.edges else None
        page.make_jsonld = partial(self._area_nodes, area, links, members)
        return page

    def _area_nodes(self, area: Area, links: EntryLinks, members: list[Term]) -> list[JsonObject]:
        """An area's first page: its breadcrumb, FAQ, CollectionPage and the Person nodes that refers to."""
        path, label = self.urls.area(area.slug), self.labels.area
        nodes = [
            self.jsonld.breadcrumb_list(path, [(label, self.urls.area_index()), (area.title, path)]),
            self.jsonld.faq_page(path, [(faq.question, faq.answer.text) for faq in links.faq]),
            self.jsonld.area_collection_page(area, members),
            *self.jsonld.listed_authors(members),
        ]
        return [node for node in nodes if node]

    def _area_part_nodes(self, area: Area, chunk: list[Term], path: str, title: str,
                         trail: list[tuple[str, str]]) -> list[JsonObject]:
        return [self.jsonld.breadcrumb_list(path, trail),
                self.jsonld.area_collection_page(area, chunk, page_path=path, headline=title),
                *self.jsonld.listed_authors(chunk)]

    def term_page(self, term: Term) -> TermPage:
        path = self.urls.term(term.slug)
        links = self.graph.terms[term.slug]
        terms = self.glossary.terms
        page = TermPage(path=path, title=term.title, description=term.summary, settings=self.settings,
                        image=term.image, modified=term.modified or term.published, og_type="article",
                        term=term, links=links, author=self.glossary.author_of(term), sources=list(term.sources),
                        articles=self.articles)
        page.areas = [page.area_link(self.glossary.areas[slug]) for slug in term.areas]
        page.related = [page.term_link(terms[slug]) for slug in self.graph.related.get(term.slug, [])]
        page.broader = [page.term_link(terms[slug]) for slug in term.broader]
        page.narrower = [page.term_link(child) for child in self.glossary.narrower_of(term.slug)]
        page.backlinks = [page.term_link(terms[slug]) for slug in self.graph.backlinks.get(term.slug, [])]
        if term.replaced_by:
            page.replaced_by = page.term_link(terms[term.replaced_by])
        page.make_jsonld = partial(self._term_nodes, term, links)
        return page

    def _term_nodes(self, term: Term, links: EntryLinks) -> list[JsonObject]:
        path, label = self.urls.term(term.slug), self.labels.term
        nodes = [
            self.jsonld.breadcrumb_list(path, [(label, self.urls.term_index()), (term.title, path)]),
            self.jsonld.term_article(term),
            self.jsonld.defined_term(term),
            self.jsonld.faq_page(path, [(faq.question, faq.answer.text) for faq in links.faq]),
        ]
        return [node for node in nodes if node]
