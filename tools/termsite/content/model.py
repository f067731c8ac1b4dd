"""The glossary's content model: terms, areas and authors, and the field specs that define them."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    positions: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False, compare=False)


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

    def narrower_of(self, slug: str) -> list[Term]:
        return [self.terms[s] for s in self.narrower.get(slug, [])]

    def author_of(self, term: Term) -> Author | None:
        return self.authors.get(term.author or self.default_author)

    def sorted_terms(self) -> list[Term]:
        return sorted(self.terms.values(), key=lambda t: (t.title.casefold(), t.slug))

    def sorted_areas(self) -> list[Area]:
        return sorted(self.areas.values(), key=lambda a: (a.title.casefold(), a.slug))


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
}
