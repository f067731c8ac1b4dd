"""The glossary's content model: terms, areas and authors, their translations, and the field specs that define them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from termsite.content.fields import (
    SLUG_PATTERN,
    Boolean,
    Choice,
    DateTime,
    Integer,
    Key,
    ListOf,
    MapOf,
    Markdown,
    Record,
    Slug,
    Spec,
    Text,
    Url,
)

SUMMARY_MAX_LENGTH = 300  # hard limit; the linter warns past 160 (what search engines show)


@dataclass(frozen=True)
class Image:
    url: str
    width: int
    height: int
    caption: str


@dataclass(frozen=True)
class FaqEntry:
    """A question and its Markdown answer; area FAQ may name an ``aspect`` instead of a question."""

    answer: str
    question: str = ""
    aspect: str = ""

    def question_for(self, subject: str) -> str:
        return self.question or f"What is the {self.aspect} of {subject}?"


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    url: str


@dataclass
class Term:
    slug: str
    title: str
    summary: str
    areas: list[str]
    path: str = ""
    aliases: list[str] = field(default_factory=list)
    code: str = ""  # a notation such as 'FDL-2.1' (SKOS notation, schema.org termCode)
    broader: list[str] = field(default_factory=list)  # slugs of the terms this one is a narrower concept of
    autolink: bool = True  # false: mentions of its names are not linked automatically ([[slug]] still is)
    plurals: bool = True  # false: only its names as written are linked, not their plurals
    related: list[str] = field(default_factory=list)
    body: str = ""
    faq: list[FaqEntry] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    image: Image | None = None
    author: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    status: str = "active"
    replaced_by: str = ""
    language: str = ""  # '' in the source language; the translation's language in a glossary of in_language()
    # field name -> (line, column) of its key, for messages that come after loading
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def deprecated(self) -> bool:
        return self.status == "deprecated"


@dataclass
class Area:
    slug: str
    title: str
    description: str
    path: str = ""
    intro: str = ""
    faq: list[FaqEntry] = field(default_factory=list)
    image: Image | None = None
    published: datetime | None = None
    modified: datetime | None = None
    terms: list[str] | None = None  # explicit order, when the area sets one
    language: str = ""  # '' in the source language; the translation's language in a glossary of in_language()
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class TermTranslation:
    """content/i18n/<language>/terms/<slug>.yml: a term's translated fields, and the source version they translate."""

    slug: str
    language: str
    path: str
    title: str
    summary: str
    source_modified: datetime
    aliases: list[str] = field(default_factory=list)
    body: str = ""
    faq: list[FaqEntry] = field(default_factory=list)
    image_caption: str = ""
    modified: datetime | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class AreaTranslation:
    """content/i18n/<language>/areas/<slug>.yml."""

    slug: str
    language: str
    path: str
    title: str
    description: str
    source_modified: datetime
    intro: str = ""
    faq: list[FaqEntry] = field(default_factory=list)
    image_caption: str = ""
    modified: datetime | None = None
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class SiteTranslation:
    """content/i18n/<language>/site.yml: the site's name and description, and label overrides, in one language."""

    language: str
    path: str
    site_name: str = ""
    site_description: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # overrides of termsite's shipped labels
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class LanguageContent:
    """Everything translated into one language (slug -> translation); ``site`` is None without a site.yml."""

    language: str
    terms: dict[str, TermTranslation] = field(default_factory=dict)
    areas: dict[str, AreaTranslation] = field(default_factory=dict)
    site: SiteTranslation | None = None


def title_key(title: str, language: str = "") -> str:
    """What titles sort by: case-folded, and in a translated language without accents too (so that 'Ölpreis'
    sorts among the O, as readers of German or Spanish expect, not after Z); the source language keeps its order."""
    folded = title.casefold()
    if not language:
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


@dataclass
class Glossary:
    """All content, validated and cross-checked: every reference in it resolves."""

    terms: dict[str, Term]
    areas: dict[str, Area]
    authors: dict[str, Author]
    default_author: str = ""
    # area slug -> its terms in display order (explicit order, else by title)
    area_members: dict[str, list[Term]] = field(default_factory=dict)
    # old term slug -> the live term it now redirects to (content/redirects.yml, chains resolved)
    redirects: dict[str, str] = field(default_factory=dict)
    # term slug -> the slugs of the terms that name it in their 'broader', by title
    narrower: dict[str, list[str]] = field(default_factory=dict)
    # every language of the site, the source language first (one language: no translations)
    languages: tuple[str, ...] = ()
    # language -> its translations, for each language but the source (an empty LanguageContent when none yet)
    translations: dict[str, LanguageContent] = field(default_factory=dict)
    # '' for the source glossary; the language of a glossary made by in_language()
    language: str = ""

    @property
    def source_language(self) -> str:
        return self.languages[0] if self.languages else ""

    def narrower_of(self, slug: str) -> list[Term]:
        return [self.terms[s] for s in self.narrower.get(slug, [])]

    def author_of(self, term: Term) -> Author | None:
        return self.authors.get(term.author or self.default_author)

    def sorted_terms(self) -> list[Term]:
        return sorted(self.terms.values(), key=lambda t: (title_key(t.title, self.language), t.title.casefold(),
                                                          t.slug))

    def sorted_areas(self) -> list[Area]:
        return sorted(self.areas.values(), key=lambda a: (title_key(a.title, self.language), a.title.casefold(),
                                                          a.slug))


def in_language(glossary: Glossary, language: str) -> Glossary:
    """The glossary as readers of ``language`` see it: each translated entry in that language, the rest as they are.

    A translated term or area is the source entry with the translation's fields in place (title,
    summary or description, aliases, body or intro, FAQ, the image's caption, and the
    translation's own ``modified`` when it has one), ``language`` set and ``path`` the translation's
    file. A field the translation leaves out is left out in that language (no aliases, body, intro
    or FAQ: the page does not mix languages), except the image's caption, which keeps the source's.
    Entries without a translation are the source's, unchanged (``language`` ''). ``area_members``
    and ``narrower`` follow the language's titles. For the source language the glossary itself is
    returned; a language the site does not have is a ValueError.
    """
    if language == glossary.source_language or (not glossary.languages and not language):
        return glossary
    if language not in glossary.translations:
        raise ValueError(f"'{language}' is not one of the site's languages ({', '.join(glossary.languages)}).")
    content = glossary.translations[language]
    terms = {slug: _translated_term(term, content.terms.get(slug)) for slug, term in glossary.terms.items()}
    areas = {slug: _translated_area(area, content.areas.get(slug)) for slug, area in glossary.areas.items()}
    view = replace(glossary, terms=terms, areas=areas, language=language, area_members={}, narrower={})
    view.area_members = area_members(view)
    order = {term.slug: index for index, term in enumerate(view.sorted_terms())}
    view.narrower = {slug: sorted(narrower, key=order.__getitem__) for slug, narrower in glossary.narrower.items()}
    return view


def _translated_term(term: Term, translation: TermTranslation | None) -> Term:
    if translation is None:
        return term
    image = replace(term.image, caption=translation.image_caption) if term.image and translation.image_caption \
        else term.image
    return replace(term, title=translation.title, summary=translation.summary, aliases=list(translation.aliases),
                   body=translation.body, faq=list(translation.faq), image=image,
                   modified=translation.modified or term.modified, language=translation.language,
                   path=translation.path, positions=translation.positions)


def _translated_area(area: Area, translation: AreaTranslation | None) -> Area:
    if translation is None:
        return area
    image = replace(area.image, caption=translation.image_caption) if area.image and translation.image_caption \
        else area.image
    return replace(area, title=translation.title, description=translation.description, intro=translation.intro,
                   faq=list(translation.faq), image=image, modified=translation.modified or area.modified,
                   language=translation.language, path=translation.path, positions=translation.positions)


def area_members(glossary: Glossary) -> dict[str, list[Term]]:
    """Area slug -> its terms in display order: the area's explicit order, else by title (in the glossary's language)."""
    members: dict[str, list[Term]] = {}
    for term in glossary.sorted_terms():
        for area in term.areas:
            members.setdefault(area, []).append(term)
    ordered: dict[str, list[Term]] = {}
    for slug, area in glossary.areas.items():
        listed = members.get(slug, [])
        if area.terms is not None:
            rank = {s: i for i, s in enumerate(area.terms)}
            # terms the order list forgot keep their alphabetical place after the listed ones
            listed = sorted(listed, key=lambda t: rank.get(t.slug, len(rank)))
        ordered[slug] = listed
    return ordered


def _image(values: dict[str, Any]) -> Image:
    return Image(**values)


def _faq(values: dict[str, Any]) -> FaqEntry:
    return FaqEntry(**values)


def _source(values: dict[str, Any]) -> Source:
    return Source(**values)


IMAGE = Record(
    description="An illustration: its URL (http(s), or a path inside the site), pixel size and caption.",
    fields=(
        Spec("url", Url(allow_site_path=True, description="http(s) URL or a path inside the site, e.g. images/x.svg"), True),
        Spec("width", Integer(description="Width in pixels"), True),
        Spec("height", Integer(description="Height in pixels"), True),
        Spec("caption", Text(description="What the image shows, in one line"), True),
    ),
    build=_image,
)

TERM_FAQ = Record(
    description="A question readers ask about the term, and its answer.",
    fields=(
        Spec("question", Text(description="The question, plain text"), True),
        Spec("answer", Markdown(description="The answer, Markdown"), True),
    ),
    build=_faq,
)

AREA_FAQ = Record(
    description="Either an aspect (shown as 'What is the <aspect> of <area title>?') or a free question, with its answer.",
    fields=(
        Spec("aspect", Text(max_length=80, description="E.g. Trigger: asked as 'What is the Trigger of <area>?'")),
        Spec("question", Text(description="A free-form question, plain text")),
        Spec("answer", Markdown(description="The answer, Markdown"), True),
    ),
    exactly_one_of=("aspect", "question"),
    build=_faq,
)

SOURCE = Record(
    description="A citation: the title of the cited work and its URL.",
    fields=(
        Spec("title", Text(description="Title of the cited work"), True),
        Spec("url", Url(description="http(s) URL of the cited work"), True),
    ),
    build=_source,
)

TERM = Record(
    description="A glossary term: content/terms/<slug>.yml",
    fields=(
        Spec("title", Text(max_length=120, description="The term's name, plain text, unique across the glossary"), True),
        Spec("summary", Text(max_length=SUMMARY_MAX_LENGTH,
                             description="One plain-text sentence: meta description, JSON-LD description, link tooltip"), True),
        Spec("aliases", ListOf(item=Text(max_length=120), unique=True,
                               description="Other names, abbreviations and plurals; searchable and auto-linked")),
        Spec("code", Text(max_length=40, description="A notation that identifies the term in a classification, "
                                                     "e.g. FDL-2.1 (SKOS notation, schema.org termCode)")),
        Spec("areas", ListOf(item=Slug(target="area"), min_items=1, unique=True,
                             description="Slugs of the areas the term belongs to (at least one)"), True),
        Spec("broader", ListOf(item=Slug(target="term"), unique=True,
                               description="Slugs of broader terms: this term is a narrower concept of each (SKOS broader)")),
        Spec("related", ListOf(item=Slug(target="term"), unique=True, description="Slugs of related terms")),
        Spec("status", Choice(values=("active", "deprecated"),
                              description="'deprecated' keeps the page but marks it retired")),
        Spec("replaced_by", Slug(target="term", description="For a deprecated term: the slug of its replacement")),
        Spec("body", Markdown(description="The definition in Markdown; [[slug]] or [[slug|text]] link other terms")),
        Spec("faq", ListOf(item=TERM_FAQ, description="Questions and answers about the term")),
        Spec("sources", ListOf(item=SOURCE, description="Citations")),
        Spec("image", IMAGE),
        Spec("author", Key(description="A key of content/authors.yml; the site's default author when absent")),
        Spec("published", DateTime(description="First publication, ISO 8601 with offset")),
        Spec("modified", DateTime(description="Last substantive change, ISO 8601 with offset, not before published")),
        Spec("autolink", Boolean(description="false: mentions of this term are not linked automatically "
                                             "on other pages; [[slug]] references still are")),
        Spec("plurals", Boolean(description="false: only the title and aliases as written are linked, not "
                                            "their English plurals")),
    ),
)

AREA = Record(
    description="A subject area (hub page): content/areas/<slug>.yml",
    fields=(
        Spec("title", Text(max_length=120, description="The area's name, plain text"), True),
        Spec("description", Text(max_length=SUMMARY_MAX_LENGTH,
                                 description="One plain-text sentence: meta description and JSON-LD description"), True),
        Spec("intro", Markdown(description="Introduction in Markdown; [[slug]] links terms")),
        Spec("faq", ListOf(item=AREA_FAQ, description="Questions about the area: {aspect, answer} or {question, answer}")),
        Spec("terms", ListOf(item=Slug(target="term"), unique=True,
                             description="Optional explicit order of the area's terms; lists every term of the area")),
        Spec("image", IMAGE),
        Spec("published", DateTime(description="First publication, ISO 8601 with offset")),
        Spec("modified", DateTime(description="Last substantive change, ISO 8601 with offset")),
    ),
)

def _translation_image(what: str) -> Record:
    return Record(
        description=f"The {what}'s image, as the source file has it: only its caption is translated.",
        fields=(Spec("caption", Text(description="What the image shows, in one line, in this language"), True),),
    )


SOURCE_MODIFIED = DateTime(description="The source entry's 'modified' (else 'published') that this translation was "
                                       "made from, ISO 8601 with offset; `termsite lint` warns when the source "
                                       "changed after it")
TRANSLATION_MODIFIED = DateTime(description="The translation's own last substantive change, ISO 8601 with offset")

TERM_TRANSLATION = Record(
    description="A term's translation: content/i18n/<language>/terms/<slug>.yml, the slug of the source term",
    fields=(
        Spec("title", Text(max_length=120, description="The term's name in this language, unique in the language"),
             True),
        Spec("summary", Text(max_length=SUMMARY_MAX_LENGTH,
                             description="One plain-text sentence in this language: meta description, JSON-LD "
                                         "description, link tooltip"), True),
        Spec("aliases", ListOf(item=Text(max_length=120), unique=True,
                               description="Other names in this language, abbreviations and plurals; searchable "
                                           "and auto-linked")),
        Spec("body", Markdown(description="The definition in this language, Markdown; [[slug]] links terms by "
                                          "their (source) slugs")),
        Spec("faq", ListOf(item=TERM_FAQ, description="Questions and answers in this language (the page's own "
                                                      "FAQ, not matched to the source's by position)")),
        Spec("image", _translation_image("term")),
        Spec("source_modified", SOURCE_MODIFIED, True),
        Spec("modified", TRANSLATION_MODIFIED),
    ),
)

AREA_TRANSLATION = Record(
    description="An area's translation: content/i18n/<language>/areas/<slug>.yml, the slug of the source area",
    fields=(
        Spec("title", Text(max_length=120, description="The area's name in this language"), True),
        Spec("description", Text(max_length=SUMMARY_MAX_LENGTH,
                                 description="One plain-text sentence in this language: meta and JSON-LD "
                                             "description"), True),
        Spec("intro", Markdown(description="Introduction in this language, Markdown; [[slug]] links terms")),
        Spec("faq", ListOf(item=AREA_FAQ, description="Questions in this language: {aspect, answer} or "
                                                      "{question, answer}")),
        Spec("image", _translation_image("area")),
        Spec("source_modified", SOURCE_MODIFIED, True),
        Spec("modified", TRANSLATION_MODIFIED),
    ),
)


def _labels_record() -> Record:
    """One optional plain-text field per label of termsite's English label file."""
    from termsite.content.labels import placeholders, shipped_labels  # data files, read once

    fields = []
    for key, english in shipped_labels("en").items():
        kept = placeholders(english)
        note = f"; keep {', '.join('{' + name + '}' for name in sorted(kept))}" if kept else ""
        fields.append(Spec(key, Text(description=f"In English: '{english}'{note}")))
    return Record(description="Words of the generated pages in this language; each overrides termsite's own "
                              "label file for the language", fields=tuple(fields))


SITE_TRANSLATION = Record(
    description="The site in one language: content/i18n/<language>/site.yml",
    fields=(
        Spec("site_name", Text(description="The site's name in this language (mkdocs.yml's site_name)")),
        Spec("site_description", Text(max_length=SUMMARY_MAX_LENGTH,
                                      description="The site's description in this language, one plain sentence")),
        Spec("labels", _labels_record()),
    ),
)

AUTHOR = Record(
    description="A person or team credited as author.",
    fields=(
        Spec("name", Text(description="Display name"), True),
        Spec("url", Url(description="Profile page URL"), True),
    ),
)

AUTHORS = MapOf(value=AUTHOR, description="Authors: content/authors.yml maps a key to {name, url}")

# Written by `termsite rename`: the old URL /definition/<old>/ keeps working as a redirect page.
REDIRECTS = MapOf(
    value=Slug(target="term", description="The slug of the term the old slug now leads to"),
    key_pattern=SLUG_PATTERN,
    description="Renamed terms: content/redirects.yml maps an old term slug to the slug that replaced it",
)

# The order in which keys are expected in files (the linter warns when it differs).
CANONICAL_ORDER = {
    "term": TERM.names,
    "area": AREA.names,
    "term-translation": TERM_TRANSLATION.names,
    "area-translation": AREA_TRANSLATION.names,
}
