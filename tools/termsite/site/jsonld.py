"""schema.org JSON-LD for every page, built as Python data and serialized safely.

Each builder returns one node (a dict) with ``@context``, a stable ``@id`` and absolute
URLs; nodes refer to each other by ``@id``. :func:`serialize` is the only way JSON-LD
leaves this module: it escapes ``<``, ``>`` and ``&`` so that nothing a contributor
writes can end the ``<script>`` element that carries it.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import TYPE_CHECKING, Any, Iterable, Protocol, Sequence

from termsite.content.model import Area, Author, Glossary, Image, Term
from termsite.settings import SiteSettings
from termsite.site.cards import CARD_HEIGHT, CARD_WIDTH, card_alt, card_path, is_raster
from termsite.site.labels import labels_of

if TYPE_CHECKING:
    from termsite.site.articles import ArticlePage

CONTEXT = "https://schema.org"
JsonObject = dict[str, Any]


class TranslationFinder(Protocol):
    """Where the versions of an entry are, in every language that has one: [(language, site path)], the source
    language first. Keys: 'term:<slug>', 'area:<slug>', 'page:<source file>' (a hand-written page's source)."""

    def versions(self, key: str) -> list[tuple[str, str]]: ...

_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def serialize(node: JsonObject) -> str:
    """JSON text that is safe inside <script type="application/ld+json">."""
    return json.dumps(node, ensure_ascii=False, separators=(",", ":"), allow_nan=False).translate(_ESCAPES)


def _node(type_: str, id_: str | None = None, **properties: Any) -> JsonObject:
    node: JsonObject = {"@context": CONTEXT, "@type": type_}
    if id_:
        node["@id"] = id_
    node.update({key: value for key, value in properties.items() if value not in (None, "", [], {})})
    return node


def _embedded(node: JsonObject) -> JsonObject:
    """A node nested inside another carries no @context of its own."""
    return {key: value for key, value in node.items() if key != "@context"}


_AMPERSAND_STARTING_A_REFERENCE = re.compile(r"&(?=[#A-Za-z0-9])")


def _as_html_text(text: str) -> str:
    """Plain text that reads the same as HTML: no tags, no character references ('Fees & rebates' stays)."""
    return _AMPERSAND_STARTING_A_REFERENCE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _date(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class JsonLd:
    """Builds the nodes of one site; knows its URLs, publisher and glossary."""

    def __init__(self, settings: SiteSettings, glossary: Glossary, versions: TranslationFinder | None = None) -> None:
        self.settings = settings
        self.urls = settings.urls
        self.glossary = glossary
        self.versions = versions
        # Nodes that can say their language do so on a site of several languages (and as ever on
        # the Article and CollectionPage of every site).
        self.multilingual = len(settings.languages) > 1
        self.labels = labels_of(settings)
        self.home_url = self.urls.absolute("")
        self.organization_id = self.home_url + "#organization"
        self.website_id = self.home_url + "#website"
        self.term_set_id = self.urls.absolute(self.urls.term_index()) + "#glossary"

    # Shared pieces
    def image_object(self, image: Image | None) -> JsonObject | None:
        if image is None:
            return None
        return {"@type": "ImageObject", "url": self.urls.absolute(image.url), "width": image.width,
                "height": image.height, "caption": image.caption}

    def page_image(self, page_path: str, image: Image | None, title: str, text: str) -> JsonObject | None:
        """The image of a page's main node: its own raster image, else its social card (when the site draws
        cards), else its own SVG image or none."""
        if (image is not None and is_raster(image.url)) or not self.settings.cards.enabled:
            return self.image_object(image)
        return {"@type": "ImageObject", "url": self.urls.absolute(card_path(page_path)), "width": CARD_WIDTH,
                "height": CARD_HEIGHT, "caption": card_alt(title, text)}

    def person(self, author: Author | None) -> JsonObject:
        """The author of a page; a page without one is by the site's publisher."""
        if author is None:
            return self.publisher()
        return {"@type": "Person", "name": author.name, "url": author.url}

    def publisher(self) -> JsonObject:
        publisher = self.settings.publisher
        node: JsonObject = {"@type": "Organization", "name": publisher.name}
        if publisher.url:
            node["url"] = publisher.url
        return node

    def organization(self) -> JsonObject:
        publisher = self.settings.publisher
        logo = None
        if publisher.logo:
            logo = {"@type": "ImageObject", "url": self.urls.absolute(publisher.logo)}
        return _node("Organization", self.organization_id, name=publisher.name,
                     url=publisher.url or self.home_url, logo=logo)

    def website(self) -> JsonObject:
        return _node("WebSite", self.website_id, url=self.home_url, name=self.settings.site_name,
                     inLanguage=self.settings.language, publisher={"@id": self.organization_id})

    def breadcrumb_list(self, page_path: str, trail: Sequence[tuple[str, str]]) -> JsonObject:
        """Home › ... › the page itself; ``trail`` holds (name, site path) pairs after Home."""
        crumbs = [(self.labels.home, self.urls.root())] + list(trail)
        items = [{"@type": "ListItem", "position": position, "name": name, "item": self.urls.absolute(path)}
                 for position, (name, path) in enumerate(crumbs, start=1)]
        return _node("BreadcrumbList", self.urls.absolute(page_path) + "#breadcrumb", itemListElement=items)

    def faq_page(self, page_path: str, entries: Iterable[tuple[str, str]]) -> JsonObject | None:
        """``entries`` are (question, answer text) pairs, the same text the page shows.

        Search engines read ``Answer.text`` as HTML, so the plain text is HTML-escaped: an
        answer that shows "<script>" as text says the same to them.
        """
        questions = [{"@type": "Question", "name": question,
                      "acceptedAnswer": {"@type": "Answer", "text": _as_html_text(answer)}}
                     for question, answer in entries]
        if not questions:
            return None
        return _node("FAQPage", self.urls.absolute(page_path) + "#faq", mainEntity=questions,
                     inLanguage=self.settings.language if self.multilingual else None)

    def add_translations(self, node: JsonObject, key: str) -> JsonObject:
        """``workTranslation`` on the source version of an entry (its translations' @ids) and
        ``translationOfWork`` on a translation (the source's @id); nothing for an entry in one language only."""
        if self.versions is None:
            return node
        versions = self.versions.versions(key)
        if len(versions) < 2:
            return node
        source_language, source_path = versions[0]
        if self.settings.language == source_language:
            node["workTranslation"] = [{"@id": self.urls.absolute(path)} for _, path in versions[1:]]
        else:
            node["translationOfWork"] = {"@id": self.urls.absolute(source_path)}
        return node

    def person_id(self, author: Author) -> str:
        """The site's identifier of an author: one Person node per page, that others refer to."""
        return f"{self.home_url}#author-{author.key}"

    def person_node(self, author: Author) -> JsonObject:
        return _node("Person", self.person_id(author), name=author.name, url=author.url)

    # Terms
    def term_article_listed(self, term: Term) -> JsonObject:
        """A term's Article as an area lists it in hasPart: compact, since an area lists hundreds.

        The author is a reference to the page's Person node (:meth:`person_node`) and the
        image its URL; the term's own page describes both in full.
        """
        url = self.urls.absolute(self.urls.term(term.slug))
        node: JsonObject = {"@type": "Article", "@id": url, "url": url, "headline": term.title,
                            "description": term.summary}
        author = self.glossary.author_of(term)
        optional = {
            "datePublished": _date(term.published),
            "dateModified": _date(term.modified or term.published),
            "author": {"@id": self.person_id(author)} if author else None,
            "image": self.urls.absolute(term.image.url) if term.image else None,
        }
        node.update({key: value for key, value in optional.items() if value})
        return node

    def term_article_summary(self, term: Term) -> JsonObject:
        """The Article of a term page, without what only the page itself says (publisher, about...)."""
        url = self.urls.absolute(self.urls.term(term.slug))
        node: JsonObject = {"@type": "Article", "@id": url, "url": url, "headline": term.title,
                            "description": term.summary}
        optional = {
            "datePublished": _date(term.published),
            "dateModified": _date(term.modified or term.published),
            "author": self.person(self.glossary.author_of(term)),
            "image": self.image_object(term.image),
        }
        node.update({key: value for key, value in optional.items() if value})
        return node

    def term_article(self, term: Term) -> JsonObject:
        url = self.urls.absolute(self.urls.term(term.slug))
        node = {"@context": CONTEXT, **self.term_article_summary(term)}
        image = self.page_image(self.urls.term(term.slug), term.image, term.title, term.summary)
        if image:
            node["image"] = image
        node["publisher"] = self.publisher()
        node["mainEntityOfPage"] = url
        node["about"] = {"@id": url + "#term"}
        node["inLanguage"] = self.settings.language
        return self.add_translations(node, f"term:{term.slug}")

    def defined_term(self, term: Term) -> JsonObject:
        url = self.urls.absolute(self.urls.term(term.slug))
        # schema.org has no broader/narrower for a DefinedTerm (isPartOf and hasPart are CreativeWork's,
        # and would say the pages contain each other); the hierarchy is published in SKOS (glossary.ttl).
        return _node("DefinedTerm", url + "#term", name=term.title, description=term.summary,
                     alternateName=list(term.aliases), termCode=term.code, url=url,
                     inDefinedTermSet=self.term_set_reference())

    def term_set_reference(self) -> JsonObject:
        return {"@type": "DefinedTermSet", "@id": self.term_set_id, "name": self.settings.site_name}

    def defined_term_set(self, terms: Iterable[Term], page_path: str) -> JsonObject:
        members = [{"@type": "DefinedTerm", "@id": self.urls.absolute(self.urls.term(t.slug)) + "#term",
                    "name": t.title, "url": self.urls.absolute(self.urls.term(t.slug))} for t in terms]
        return _node("DefinedTermSet", self.term_set_id, name=self.settings.site_name,
                     url=self.urls.absolute(page_path), hasDefinedTerm=members)

    # Areas
    def area_collection_page(self, area: Area, members: Iterable[Term], page_path: str | None = None,
                             headline: str | None = None) -> JsonObject:
        """The area's hub page; for a long area, one node per page of its term list."""
        path = page_path if page_path is not None else self.urls.area(area.slug)
        url = self.urls.absolute(path)
        node = _node("CollectionPage", url, url=url, headline=headline or area.title, description=area.description,
                     inLanguage=self.settings.language, publisher=self.publisher(),
                     image=self.page_image(path, area.image, headline or area.title, area.description))
        node["hasPart"] = [self.term_article_listed(term) for term in members]
        return self.add_translations(node, f"area:{area.slug}") if page_path is None else node

    def listed_authors(self, members: Iterable[Term]) -> list[JsonObject]:
        """The Person nodes that an area page's hasPart refers to, in order of first mention."""
        authors: dict[str, Author] = {}
        for term in members:
            author = self.glossary.author_of(term)
            if author is not None:
                authors.setdefault(author.key, author)
        return [self.person_node(author) for author in authors.values()]

    def area_index_page(self, areas: Iterable[Area], page_path: str, title: str, description: str) -> JsonObject:
        url = self.urls.absolute(page_path)
        parts = [{"@type": "CollectionPage", "@id": self.urls.absolute(self.urls.area(a.slug)),
                  "url": self.urls.absolute(self.urls.area(a.slug)), "headline": a.title,
                  "description": a.description} for a in areas]
        return _node("CollectionPage", url, url=url, headline=title, description=description,
                     inLanguage=self.settings.language if self.multilingual else None,
                     publisher=self.publisher(), image=self.page_image(page_path, None, title, description),
                     hasPart=parts)

    # Hand-written pages
    def term_reference(self, slug: str) -> JsonObject:
        """A DefinedTerm of the glossary, as a page that mentions it refers to it."""
        term = self.glossary.terms[slug]
        url = self.urls.absolute(self.urls.term(slug))
        return {"@type": "DefinedTerm", "@id": url + "#term", "name": term.title, "url": url}

    def hand_written_page(self, page: ArticlePage) -> list[JsonObject]:
        """A site's own home page: WebSite and Organization; any other page: BreadcrumbList,
        its article, and FAQPage when its front matter has questions."""
        if not page.wants_jsonld:
            return []
        if page.is_home:
            return [self.website(), self.organization()]
        trail = ([page.section] if page.section and page.section[1] != page.path else []) + [(page.title, page.path)]
        url = page.url
        about = page.article.about if page.article else []
        node = _node(page.schema_type, url, url=url, headline=page.title, name=page.title
                     if page.schema_type == "HowTo" else None, description=page.description,
                     datePublished=_date(page.published), dateModified=_date(page.modified),
                     author=self.person(page.author), publisher=self.publisher(), mainEntityOfPage=url,
                     inLanguage=self.settings.language,
                     image=self.page_image(page.path, page.image, page.title, page.description),
                     about=[self.term_reference(slug) for slug in about],
                     mentions=[self.term_reference(slug) for slug in page.mentions if slug not in about])
        if page.article is not None:
            self.add_translations(node, f"page:{page.article.translates or page.source}")
        if page.schema_type == "HowTo":
            node["step"] = [{"@type": "HowToStep", "position": position, "name": section.title,
                             "text": section.text or section.title, "url": f"{url}#{section.id}"}
                            for position, section in enumerate(page.links.sections, start=1) if section.id]
        nodes = [self.breadcrumb_list(page.path, trail), node,
                 self.faq_page(page.path, [(faq.question, faq.answer.text) for faq in page.faq])]
        return [n for n in nodes if n]
