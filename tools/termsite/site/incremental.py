"""Builds the site's pages, reusing the previous build's pages that an edit did not touch.

A preview server rebuilds after every save. Most edits change one entry's text: then only
that term's page, the pages whose links to or from it changed, its areas' hub pages and the
home page need new page objects; every other page object is reused as it was, so that the
host can skip rendering it. A changed summary also reaches the pages that list or link its
term, and the A–Z index; a changed title or alias also re-links the entries whose text
mentions the old or the new name (the link graph finds them). Edits that change an area's
title, an author, the hierarchy or the set of entries can reach any page, and rebuild all
of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from termsite.graph.fragments import FragmentCache
from termsite.graph.links import LinkGraph, build_link_graph
from termsite.content.model import Glossary
from termsite.site.articles import ArticleIndex
from termsite.site.jsonld import TranslationFinder
from termsite.site.labels import labels_of
from termsite.site.pages import GeneratedPage, SiteBuilder
from termsite.settings import SiteSettings


@dataclass
class SiteSnapshot:
    """One build's inputs and pages, by source name."""

    glossary: Glossary
    graph: LinkGraph
    settings: SiteSettings
    pages: dict[str, GeneratedPage]

    def reused(self, source_name: str, previous: SiteSnapshot | None) -> bool:
        """Whether this build kept the previous build's page object (so its output is unchanged)."""
        return previous is not None and previous.pages.get(source_name) is self.pages.get(source_name)


def _area_names(glossary: Glossary) -> list[tuple[str, str, str]]:
    return [(a.slug, a.title, a.description) for a in glossary.sorted_areas()]


def _hierarchy(glossary: Glossary) -> dict[str, list[str]]:
    """Each term's broader terms: shown on both ends' pages and in the trees of the index and area pages."""
    return {slug: term.broader for slug, term in glossary.terms.items() if term.broader}


def _reaches_every_page(glossary: Glossary, graph: LinkGraph, settings: SiteSettings,
                        previous: SiteSnapshot) -> bool:
    return (settings != previous.settings
            or graph.scheme_fingerprint != previous.graph.scheme_fingerprint
            or set(glossary.terms) != set(previous.glossary.terms)  # pages come and go: the indexes change
            or _area_names(glossary) != _area_names(previous.glossary)
            or glossary.authors != previous.glossary.authors
            or glossary.default_author != previous.glossary.default_author
            or _hierarchy(glossary) != _hierarchy(previous.glossary))


def build_site(glossary: Glossary, settings: SiteSettings, previous: SiteSnapshot | None = None,
               articles: ArticleIndex | None = None, fragments: FragmentCache | None = None,
               versions: TranslationFinder | None = None) -> SiteSnapshot:
    reusable_graph = previous.graph if previous is not None and previous.settings == settings else None
    graph = build_link_graph(glossary, settings.urls, previous=reusable_graph, plurals=settings.inflects,
                             fragments=fragments, aspect_question=labels_of(settings).faq_aspect)
    builder = SiteBuilder(glossary, settings, graph, articles, versions)
    if previous is None or _reaches_every_page(glossary, graph, settings, previous):
        return SiteSnapshot(glossary, graph, settings, {page.source_name: page for page in builder.pages()})

    old = previous.glossary
    dirty_terms = {slug for slug, term in glossary.terms.items() if old.terms.get(slug) is not term}
    dirty_terms |= {slug for slug in glossary.terms
                    if graph.backlinks[slug] != previous.graph.backlinks.get(slug)
                    or graph.related[slug] != previous.graph.related.get(slug)
                    or graph.terms[slug] is not previous.graph.terms.get(slug)}
    # A summary or a title shows on every page that lists or links its term.
    shown = graph.changed_summaries | graph.changed_titles
    for slug in shown:
        dirty_terms.update(graph.related[slug])
        dirty_terms.update(graph.backlinks[slug])
        dirty_terms.update(graph.terms[slug].links_to)
        dirty_terms.update(glossary.terms[slug].broader)
        dirty_terms.update(glossary.narrower.get(slug, []))
    dirty_terms |= {slug for slug, term in glossary.terms.items() if term.replaced_by in shown}
    dirty_areas = {slug for slug, area in glossary.areas.items() if old.areas.get(slug) is not area}
    dirty_areas |= {slug for slug, links in graph.areas.items() if links is not previous.graph.areas.get(slug)}
    for slug in dirty_terms:
        dirty_areas.update(glossary.terms[slug].areas)
        if slug in old.terms:
            dirty_areas.update(old.terms[slug].areas)

    pages = dict(previous.pages)
    urls = settings.urls
    for slug in sorted(dirty_areas & set(glossary.areas)):
        area_root = urls.area(slug)
        for source_name, page in list(pages.items()):
            if page.kind == "area" and (page.path == area_root or page.path.startswith(area_root + "page/")):
                del pages[source_name]
        pages.update((page.source_name, page) for page in builder.area_pages(glossary.areas[slug]))
    for slug in sorted(dirty_terms):
        page = builder.term_page(glossary.terms[slug])
        pages[page.source_name] = page
    if settings.glossary_home is not None:
        home = builder.home_page()  # its "recently updated" list follows every entry's dates
        pages[home.source_name] = home
    if settings.print_page and (dirty_terms or shown):  # every term's text, and every title, is on it
        printed = builder.print_page()
        pages[printed.source_name] = printed
    if shown:  # the A–Z index shows every title, and every summary as a tooltip
        for source_name, page in list(pages.items()):
            if page.kind == "term-index":
                del pages[source_name]
        pages.update((page.source_name, page) for page in builder.term_index_pages())
    return SiteSnapshot(glossary, graph, settings, pages)
