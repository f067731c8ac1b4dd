"""What one saved page says about the glossary: an area with its listed terms, or one term.

The page's schema.org data is the authority for what the rebuilt page must say again
(titles, descriptions, dates, authors, images, FAQ questions and answers); the visible
HTML supplies what structured data does not carry: bodies, intros, and the links and
emphasis inside answers. An answer is taken from the page only when its text is the
JSON-LD answer's text, so that the rebuilt FAQPage says exactly what the source's did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import Tag
from unidecode import unidecode

from termsite.content.fields import SLUG_RE
from termsite.importer import outline as outline_module
from termsite.importer.htmlmd import HtmlToMarkdown, LinkMaker, default_link, escape_paragraph
from termsite.importer.outline import Block, Outline, outline_of, text_of
from termsite.importer.sources import NotAGlossaryPage, SourceDocument, SourceError, SourceFile, decode_page
from termsite.importer.structured import (
    JsonNode,
    StructuredData,
    as_list,
    first,
    from_html,
    from_markdown,
    types_of,
    url_of,
)
from termsite.importer.structured import text_of as data_text
from termsite.graph.markup import markdown_to_text

ARTICLE_TYPES = ("Article", "BlogPosting", "NewsArticle", "TechArticle", "ScholarlyArticle", "Report")
TERM_TYPES = ARTICLE_TYPES + ("DefinedTerm", "WebPage", "ItemPage")
_RELATED_HEADING_RE = re.compile(r"^(related|see also|definitions in this|terms in this)\b", re.IGNORECASE)
_SOURCES_HEADING_RE = re.compile(r"^(sources|references|further reading|citations|bibliography)$", re.IGNORECASE)
_ALSO_KNOWN_RE = re.compile(r"^(also known as|also called|aliases|synonyms)\s*:?\s*", re.IGNORECASE)
_PAGE_SUFFIX_RE = re.compile(r"\.(html?|php|aspx?|jsp)$", re.IGNORECASE)
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$")
_NAIVE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")
_SPACE_RE = re.compile(r"\s+")


def normalize_space(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


@dataclass
class Fragment:
    """Markdown still to be written: page blocks (converted once every term slug is known) or plain text."""

    blocks: list[Block] = field(default_factory=list)
    text: str = ""
    base_url: str = ""
    source_markdown: str = ""  # Markdown written for termsite already (a spreadsheet's notes, SKOS notes)

    def markdown(self, link: LinkMaker = default_link) -> str:
        if self.source_markdown:
            return self.source_markdown
        if self.blocks:
            converter = HtmlToMarkdown(self.base_url, link)
            return "\n\n".join(part for part in (converter.convert(block) for block in self.blocks) if part)
        return escape_paragraph(self.text)

    def __bool__(self) -> bool:
        return bool(self.blocks or self.text or self.source_markdown)


@dataclass
class Person:
    name: str
    url: str


@dataclass
class FaqRecord:
    question: str
    answer: Fragment
    aspect: str = ""


@dataclass
class ImageRecord:
    url: str
    width: int
    height: int
    caption: str

    def as_dict(self) -> dict[str, Any]:
        return {"url": self.url, "width": self.width, "height": self.height, "caption": self.caption}


@dataclass
class TermRecord:
    slug: str
    url: str
    title: str
    summary: str
    source: str
    listing_only: bool
    areas: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    related_urls: list[str] = field(default_factory=list)
    body: Fragment = field(default_factory=Fragment)
    faq: list[FaqRecord] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)
    image: ImageRecord | None = None
    author: Person | None = None
    published: str = ""
    modified: str = ""
    # What spreadsheets and SKOS say directly, by slug (pages give related_urls instead).
    related: list[str] = field(default_factory=list)
    broader: list[str] = field(default_factory=list)
    code: str = ""
    status: str = ""
    replaced_by: str = ""
    # Comment lines the file starts with: what a maintainer still has to do.
    review: list[str] = field(default_factory=list)


@dataclass
class AreaRecord:
    slug: str
    url: str
    title: str
    description: str
    source: str
    intro: Fragment = field(default_factory=Fragment)
    faq: list[FaqRecord] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    image: ImageRecord | None = None
    published: str = ""
    modified: str = ""
    terms_order: bool = True  # whether ``terms`` is the area's explicit order (a page's listing is)
    review: list[str] = field(default_factory=list)  # comment lines the file starts with


@dataclass
class Reading:
    """What one source contributes: areas with their terms, notes for the report, errors that stop it."""

    source: str
    areas: list[AreaRecord] = field(default_factory=list)
    terms: list[TermRecord] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # 'file:row:col: error[code] message' lines; any of them and nothing is written
    errors: list[str] = field(default_factory=list)
    site_root: str = ""  # scheme://host/ of the source site
    glossary_name: str = ""  # what the source calls the whole glossary (a SKOS scheme's title)
    # term or area slug -> language -> its labels there (skos.ConceptLabels), for later translations
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def area(self) -> AreaRecord | None:
        """The area of a page (a page describes at most one)."""
        return self.areas[0] if self.areas else None


# URLs and slugs
def slug_from_url(url: str) -> tuple[str, str]:
    """(slug, note): the last path segment, made a valid slug when it is not one already."""
    path = urlsplit(url).path
    segments = [unquote(s) for s in path.split("/") if s]
    if not segments:
        return "", f"'{url}' has no path segment to make a slug of."
    segment = _PAGE_SUFFIX_RE.sub("", segments[-1])
    if segment in ("index", "") and len(segments) > 1:
        segment = segments[-2]
    if SLUG_RE.match(segment):
        return segment, ""
    slug = slugify(segment)
    if not slug:
        return "", f"'{url}' ends in '{segment}', from which no slug can be made."
    return slug, f"the slug '{slug}' was made from '{segment}' in {url}; the page's URL changes."


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")


def term_url_key(url: str) -> str:
    """A URL compared without scheme differences, fragment, query or trailing slash."""
    parts = urlsplit(url)
    return f"{parts.netloc.lower()}{parts.path.rstrip('/')}"


# Values
def _date(node: JsonNode, key: str, what: str, notes: list[str]) -> str:
    return normalize_datetime(data_text(node, key), what, key, notes)


def normalize_datetime(value: str, what: str, key: str, notes: list[str]) -> str:
    """An ISO 8601 date-time as the content format wants it (with an offset), or '' with a note."""
    if not value:
        return ""
    if _DATETIME_RE.match(value):
        return value
    if _NAIVE_RE.match(value):
        fixed = value.replace(" ", "T") + ("T00:00:00" if len(value) == 10 else "") + "+00:00"
        notes.append(f"{what} {key} '{value}' has no UTC offset; imported as {fixed} (UTC assumed).")
        return fixed
    notes.append(f"{what} {key} '{value}' is not an ISO 8601 date-time; it was left out.")
    return ""


def _checked_dates(node: JsonNode, what: str, notes: list[str]) -> tuple[str, str]:
    published = _date(node, "datePublished", what, notes)
    modified = _date(node, "dateModified", what, notes)
    if published and modified and _parse(modified) < _parse(published):
        notes.append(f"{what} dateModified {modified} is before datePublished {published}; dateModified was left out.")
        modified = ""
    return published, modified


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _image(data: StructuredData, value: Any, base_url: str, what: str, notes: list[str]) -> ImageRecord | None:
    node = data.resolve(first(value))
    if node is None:
        return None
    if isinstance(node, str):
        notes.append(f"{what} image is a bare URL without width, height and caption; it was left out.")
        return None
    url = url_of(node, "url", "contentUrl", "@id")
    caption = data_text(node, "caption", "name", "description")
    width, height = _pixels(first(node.get("width"))), _pixels(first(node.get("height")))
    if not (url and caption and width and height):
        missing = [name for name, v in (("url", url), ("width", width), ("height", height), ("caption", caption))
                   if not v]
        notes.append(f"{what} image has no {', '.join(missing)}; termsite needs all four, so it was left out.")
        return None
    return ImageRecord(urljoin(base_url, url), width, height, caption)


def _pixels(value: Any) -> int:
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    match = re.fullmatch(r"\s*(\d+)\s*(px)?\s*", str(value or ""))
    return int(match.group(1)) if match else 0


def _person(data: StructuredData, value: Any, base_url: str, what: str, notes: list[str]) -> Person | None:
    node = data.resolve(first(value))
    if isinstance(node, str) and node.strip():
        notes.append(f"{what} author '{node.strip()}' has no profile URL; termsite needs one, so the author was left out.")
        return None
    if not isinstance(node, dict):
        return None
    name = data_text(node, "name")
    url = url_of(node, "url", "sameAs", "@id")
    if name and not url:
        notes.append(f"{what} author '{name}' has no profile URL; termsite needs one, so the author was left out.")
        return None
    if not name:
        return None
    return Person(name, urljoin(base_url, url))


def _faq_entries(data: StructuredData) -> list[tuple[str, str]]:
    entries = []
    for page in data.of_type("FAQPage"):
        for question in as_list(page.get("mainEntity")):
            question = data.resolve(question)
            if not isinstance(question, dict) or "Question" not in types_of(question):
                continue
            answer = data.resolve(first(question.get("acceptedAnswer") or question.get("suggestedAnswer")))
            entries.append((data_text(question, "name", "text"), data_text(answer, "text")))
    return [(q, a) for q, a in entries if q and a]


# Reading one document
@dataclass
class _Page:
    document: SourceDocument
    data: StructuredData
    outline: Outline
    base_url: str


def read_document(document: SourceDocument | SourceFile) -> Reading:
    """Read one page; raises SourceError when it is not a page termsite can import."""
    if isinstance(document, SourceFile):  # undecoded: a Markdown export by its suffix, else HTML
        markdown = document.path.suffix.lower() in (".md", ".markdown")
        document = decode_page(document, "markdown" if markdown else "html")
    if document.kind == "markdown":
        data, rest = from_markdown(document.text)
        front, rest = _front_matter(rest)
        rest, original_url = unwrap_export(rest)
        soup = outline_module.markdown_to_soup(rest)
        page_outline = outline_of(soup)
        page_outline.canonical = page_outline.canonical or front.get("url", "") or original_url
    else:
        soup = outline_module.parse_html(document.text)
        page_outline = outline_of(soup)
        data = from_html(document.text, page_outline.canonical)
    if not data.nodes:
        if data.blocks:
            raise SourceError(f"{document.name}: none of its {data.blocks} JSON-LD block(s) could be read "
                              f"({'; '.join(data.notes)}).")
        raise NotAGlossaryPage(f"{document.name}: no schema.org data found (no JSON-LD, microdata or RDFa); "
                               "termsite imports pages that carry it.")
    reading = Reading(source=document.name, notes=list(data.notes))
    page = _Page(document, data, page_outline, "")
    collection = data.first("CollectionPage")
    if collection is not None and _is_index(data, collection):
        raise NotAGlossaryPage(f"{document.name}: an index of subject areas, not an area; it lists no terms.")
    if collection is not None and (collection.get("hasPart") or data.first("FAQPage")):
        _read_area(page, collection, reading)
    elif data.first(*TERM_TYPES):
        _read_term_page(page, reading)
    else:
        found = sorted({t for node in data.nodes for t in types_of(node)})
        raise NotAGlossaryPage(f"{document.name}: its schema.org data ({', '.join(found) or 'untyped nodes'}) has "
                               "no CollectionPage, Article, DefinedTerm or WebPage to import.")
    return reading


def _is_index(data: StructuredData, collection: JsonNode) -> bool:
    """A CollectionPage whose parts are themselves collections: the list of areas, not an area."""
    parts = [data.resolve(part) for part in as_list(collection.get("hasPart"))]
    return bool(parts) and all("CollectionPage" in types_of(part) for part in parts)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """A Markdown export's leading '---' block: simple 'key: value' lines, read without a YAML parser."""
    match = re.match(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", text, re.DOTALL)
    if not match:
        return {}, text
    values = {}
    for line in match.group(1).splitlines():
        key, _, value = line.partition(":")
        if value:
            values[key.strip().lower()] = value.strip().strip("\"'")
    return values, text[match.end():]


# What site-to-Markdown exporters wrap a page in: '---' rules between sections, a heading over the
# JSON-LD fences, and a closing "**Original URL:** ..." line.
_RULE_RE = re.compile(r"^[ ]{0,3}([-*_])([ ]*\1){2,}[ \t]*$")
_FENCE_RE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")
_ORIGINAL_URL_RE = re.compile(r"^\*\*(original url|source url|source|url)\s*:?\s*\*\*\s*:?\s*<?(?P<url>https?://[^\s>]+)>?\s*$",
                              re.IGNORECASE)
_SCHEMA_HEADING_RE = re.compile(r"^#{1,6}\s+(raw\s+)?(schema(\.org)?|structured|json-ld)(\s+(schema|data|markup))*\s*#*\s*$",
                                re.IGNORECASE)
# ' ⎊ Definition' after a listed term's description: the export's label of the linked page's kind.
_KIND_LABEL_RE = re.compile(r"\s*[⎊|·•]\s*(?P<label>[A-Z][\w-]*(?: [\w-]+){0,2})\s*$")
_TITLE_SEPARATOR_RE = re.compile(r"\s+[⎊|·•–—-]\s+")


def unwrap_export(text: str) -> tuple[str, str]:
    """A live-site Markdown export without its wrapping, and the page URL of its 'Original URL' line."""
    lines: list[str] = []
    original_url = ""
    fenced = ""
    for line in text.split("\n"):
        fence = _FENCE_RE.match(line)
        if fence and (not fenced or fence.group(1)[0] == fenced[0]):
            fenced = "" if fenced else fence.group(1)
        if not fenced:
            found = _ORIGINAL_URL_RE.match(line.strip())
            if found:
                original_url = original_url or found.group("url")
                continue
            if _RULE_RE.match(line) or _SCHEMA_HEADING_RE.match(line.strip()):
                lines.append("")  # a section separator, not content (a rule under a line would make it a heading)
                continue
        lines.append(line)
    return "\n".join(lines), original_url


def strip_site_title(title: str, known: set[str]) -> str:
    """'Funding Rate Mechanics ⎊ Area ⎊ Perp Atlas' -> 'Funding Rate Mechanics' when the trailing parts are
    names the page's data gives (the site, the section); a title without them is returned as it is."""
    parts = _TITLE_SEPARATOR_RE.split(title)
    folded = {name.casefold() for name in known if name}
    while len(parts) > 1 and parts[-1].strip().casefold() in folded:
        parts.pop()
    if len(parts) == len(_TITLE_SEPARATOR_RE.split(title)):
        return title
    cut = 0
    for match in list(_TITLE_SEPARATOR_RE.finditer(title))[:len(parts) - 1]:
        cut = match.end()
    rest = title[cut:]
    end = _TITLE_SEPARATOR_RE.search(rest)
    return (title[:cut] + rest[:end.start()]) if end else title


def _site_names(data: StructuredData, crumbs: list[tuple[str, str]]) -> set[str]:
    names = {data_text(node, "name") for node in data.of_type("WebSite", "Organization")}
    for node in data.nodes:
        names.add(data_text(data.resolve(node.get("publisher")), "name"))
    names |= {name for name, _ in crumbs[:-1]}
    return {name for name in names if name}


def _site_root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else ""


def _answers(page: _Page, subject_sections: list[int], what: str, notes: list[str], *,
             headed_questions: bool) -> tuple[list[tuple[str, Fragment]], set[int]]:
    """FAQ entries with their answers, and the indexes of the sections they used.

    Without an FAQPage, ``headed_questions`` makes every heading that asks a question an
    entry: right for an area page, whose sections are its questions; not for a term page,
    whose body may well have a heading such as "Why does it matter?".
    """
    used: set[int] = set()
    sections = page.outline.sections
    by_question = {normalize_space(sections[i].heading): i for i in subject_sections}
    entries: list[tuple[str, Fragment]] = []
    structured = _faq_entries(page.data)
    if structured:
        for question, answer_text in structured:
            index = by_question.get(normalize_space(question))
            fragment = Fragment(text=answer_text)
            if index is not None:
                blocks = page.outline.span(index)
                candidate = Fragment(blocks=blocks, base_url=page.base_url)
                if normalize_space(markdown_to_text(candidate.markdown())) == normalize_space(answer_text):
                    fragment = candidate
                else:
                    notes.append(f"{what}: the answer shown for '{question}' differs from its JSON-LD text; "
                                 "the JSON-LD text was imported.")
                used.add(index)
                used.update(page.outline.subsections(index))
            entries.append((question, fragment))
        return entries, used
    if not headed_questions:
        return entries, used
    for index in subject_sections:  # no FAQPage: questions are the headings that ask one
        heading = sections[index].heading
        if heading.endswith("?") and page.outline.span(index):
            entries.append((heading, Fragment(blocks=page.outline.span(index), base_url=page.base_url)))
            used.add(index)
            used.update(page.outline.subsections(index))
    return entries, used


def _read_area(page: _Page, collection: JsonNode, reading: Reading) -> None:
    data, outline, notes = page.data, page.outline, reading.notes
    breadcrumb = data.first("BreadcrumbList")
    crumbs = _crumbs(data, breadcrumb)
    url = url_of(collection, "url", "@id") or outline.canonical or (crumbs[-1][1] if crumbs else "")
    if not url:
        raise SourceError(f"{page.document.name}: the CollectionPage has no url, and the page no canonical link; "
                          "the area's slug comes from its URL.")
    page.base_url = url
    reading.site_root = _site_root(url)
    slug, note = slug_from_url(url)
    if not slug:
        raise SourceError(f"{page.document.name}: {note}")
    if note:
        notes.append(note)
    known = _site_names(data, crumbs)
    last_crumb = crumbs[-1] if crumbs else ("", "")
    if last_crumb[0] and term_url_key(last_crumb[1] or url) == term_url_key(url):
        title = last_crumb[0]  # the entity's own name, never the HTML title with the site's name
    else:
        title = strip_site_title(data_text(collection, "headline", "name") or outline.title, known)
    if outline.title and title != outline.title and outline.title.startswith(title):
        notes.append(f"area '{slug}': the page's heading '{outline.title}' is its HTML title; the area's title is "
                     f"'{title}'.")
    description = data_text(collection, "description") or outline.meta_description
    published, modified = _checked_dates(collection, f"area '{slug}'", notes)
    area = AreaRecord(slug=slug, url=url, title=title, description=description, source=page.document.name,
                      image=_image(data, collection.get("image"), url, f"area '{slug}'", notes),
                      published=published, modified=modified)

    all_sections = list(range(len(outline.sections)))
    answers, used = _answers(page, all_sections, f"area '{slug}'", notes, headed_questions=True)
    for question, fragment in answers:
        area.faq.append(_area_faq(question, fragment, title))

    related_index = next((i for i in all_sections if i not in used and
                          _RELATED_HEADING_RE.search(outline.sections[i].heading)), None)
    listed = _listed_terms(page, collection, related_index, slug, notes)
    headed = _headed_listing(page, used, known, slug, notes)
    if not listed:
        listed = headed
    if related_index is not None:
        used.add(related_index)
        used.update(outline.subsections(related_index))
    reading.terms = listed
    area.terms = [term.slug for term in listed]
    area.intro = _remaining(page, used, skip_text=description, image=area.image)
    reading.areas = [area]


def _headed_listing(page: _Page, used: set[int], known: set[str], area_slug: str, notes: list[str]) -> list[TermRecord]:
    """Sections headed by one link ('## [Premium Index](url)') with a one-line description: an export's
    listing of the area's terms. They are used up here (never intro text); the terms they give
    matter only when the JSON-LD has no hasPart."""
    outline = page.outline
    terms: list[TermRecord] = []
    labels: set[str] = set()
    for index, section in enumerate(outline.sections):
        if index in used:
            continue
        links = section.tag.find_all("a", href=True)
        if len(links) != 1 or normalize_space(text_of(links[0])) != normalize_space(section.heading):
            continue
        used.add(index)
        used.update(outline.subsections(index))
        url = urljoin(page.base_url, str(links[0]["href"]))
        slug, note = slug_from_url(url)
        summary = normalize_space(" ".join(text_of(block) for block in section.blocks))
        label = _KIND_LABEL_RE.search(summary)
        if label and (label.group("label") in known or label.group("label") in ("Definition", "Term", "Article")
                      or summary[:label.start()].rstrip().endswith((".", "!", "?"))):
            labels.add(label.group("label"))
            summary = summary[:label.start()].rstrip()
        if slug and not note:
            terms.append(TermRecord(slug=slug, url=url, title=section.heading, summary=summary,
                                    source=page.document.name, listing_only=True, areas=[area_slug]))
    if labels:
        notes.append(f"area '{area_slug}': the kind label(s) {', '.join(repr(' ⎊ ' + l) for l in sorted(labels))} "
                     "after the listed terms' descriptions were dropped from their summaries.")
    return terms


def _area_faq(question: str, answer: Fragment, title: str) -> FaqRecord:
    """'What is the <aspect> of <title>?' is an aspect; the site writes the same question from it."""
    head, tail = "What is the ", f" of {title}?"
    if question.startswith(head) and question.endswith(tail):
        aspect = question[len(head):-len(tail)]
        if aspect.strip() == aspect and 0 < len(aspect) <= 80:
            return FaqRecord(question="", answer=answer, aspect=aspect)
    return FaqRecord(question=question, answer=answer)


def _listed_terms(page: _Page, collection: JsonNode, related_index: int | None, area_slug: str,
                  notes: list[str]) -> list[TermRecord]:
    data = page.data
    terms: list[TermRecord] = []
    seen: set[str] = set()
    parts = [data.resolve(part) for part in as_list(collection.get("hasPart"))]
    for part in parts:
        if not isinstance(part, dict) or "CollectionPage" in types_of(part):
            continue
        url = urljoin(page.base_url, url_of(part, "url", "@id", "mainEntityOfPage"))
        if not url:
            notes.append(f"area '{area_slug}': a listed {'/'.join(types_of(part)) or 'item'} has no url; it was skipped.")
            continue
        slug, note = slug_from_url(url)
        if not slug:
            notes.append(f"area '{area_slug}': {note}")
            continue
        if note:
            notes.append(note)
        if slug in seen:
            continue
        if not data_text(part, "headline", "name"):
            notes.append(f"area '{area_slug}': the listed page {url} has no headline or name; it was skipped.")
            continue
        seen.add(slug)
        what = f"term '{slug}'"
        published, modified = _checked_dates(part, what, notes)
        terms.append(TermRecord(
            slug=slug, url=url, title=data_text(part, "headline", "name"), summary=data_text(part, "description"),
            source=page.document.name, listing_only=True, areas=[area_slug],
            image=_image(data, part.get("image"), url, what, notes),
            author=_person(data, part.get("author"), url, what, notes), published=published, modified=modified))
    if terms or related_index is None:
        return terms
    # No hasPart: the visible list of linked titles, each with its one-line description.
    for block in page.outline.span(related_index):
        for item in _list_items(block):
            link = item.find("a", href=True)
            if not isinstance(link, Tag):
                continue
            url = urljoin(page.base_url, str(link["href"]))
            slug, note = slug_from_url(url)
            if not slug or slug in seen:
                continue
            seen.add(slug)
            title = text_of(link)
            summary = normalize_space(text_of(item)[len(title):]).lstrip("—–-:|· ").strip()
            terms.append(TermRecord(slug=slug, url=url, title=title, summary=summary, source=page.document.name,
                                    listing_only=True, areas=[area_slug]))
    if terms:
        notes.append(f"area '{area_slug}': the CollectionPage lists no hasPart; the terms were read from the "
                     "page's list, without dates, authors or images.")
    return terms


def _list_items(block: Block) -> list[Tag]:
    items: list[Tag] = []
    for node in block:
        if isinstance(node, Tag):
            items += node.find_all("li") if node.name != "li" else [node]
    return items


def _remaining(page: _Page, used: set[int], *, skip_text: str, image: ImageRecord | None) -> Fragment:
    """The lead and every section not used for something else, minus what the site shows by itself."""
    outline = page.outline
    blocks: list[Block] = []

    def keep(block: Block) -> bool:
        text = normalize_space(text_of(block))
        if skip_text and text == normalize_space(skip_text):
            return False  # the description or summary: the site shows it as the lead
        if _is_figure_of(block, image):
            return False
        return bool(text) or any(isinstance(n, Tag) and (n.name == "img" or n.find("img")) for n in block)

    blocks += [b for b in outline.lead if keep(b)]
    for index, section in enumerate(outline.sections):
        if index in used:
            continue
        content = [b for b in section.blocks if keep(b)]
        has_kept_subsection = any(j not in used and (outline.sections[j].blocks)
                                  for j in outline.subsections(index))
        if not content and not has_kept_subsection:
            continue  # a heading whose content went elsewhere (an FAQ, the related list)
        blocks.append([section.tag])
        blocks += content
    return Fragment(blocks=blocks, base_url=page.base_url)


def _is_figure_of(block: Block, image: ImageRecord | None) -> bool:
    if len(block) != 1 or not isinstance(block[0], Tag) or block[0].name not in ("figure", "img", "p"):
        return False
    if image is None:
        return False
    if block[0].name == "p" and (len(block[0].find_all("img")) != 1 or text_of(block[0])):
        return False  # a paragraph is the page image only when the image is all it holds (Markdown's ![..](..))
    img = block[0] if block[0].name == "img" else block[0].find("img")
    return isinstance(img, Tag) and (str(img.get("src", "")) == image.url or
                                     normalize_space(str(img.get("alt", ""))) == image.caption)


def _crumbs(data: StructuredData, breadcrumb: JsonNode | None) -> list[tuple[str, str]]:
    if breadcrumb is None:
        return []
    items = []
    for element in as_list(breadcrumb.get("itemListElement")):
        element = data.resolve(element)
        if not isinstance(element, dict):
            continue
        position = first(element.get("position"))
        item = first(element.get("item"))
        url = item if isinstance(item, str) else url_of(item, "@id", "url") if isinstance(item, dict) else ""
        name = data_text(element, "name") or (data_text(item, "name") if isinstance(item, dict) else "")
        try:
            order = int(position)
        except (TypeError, ValueError):
            order = len(items) + 1
        items.append((order, name, url))
    return [(name, url) for _, name, url in sorted(items, key=lambda i: i[0])]


def _read_term_page(page: _Page, reading: Reading) -> None:
    data, outline, notes = page.data, page.outline, reading.notes
    article = data.first(*ARTICLE_TYPES)
    defined = data.first("DefinedTerm")
    webpage = data.first("WebPage", "ItemPage")
    main = article or defined or webpage
    assert main is not None
    url = (url_of(article, "url", "@id", "mainEntityOfPage") or url_of(defined, "url") or
           url_of(webpage, "url", "@id") or outline.canonical)
    url = url.split("#")[0]
    if not url:
        raise SourceError(f"{page.document.name}: the page's schema.org data has no url and the page no canonical "
                          "link; the term's slug comes from its URL.")
    page.base_url = url
    reading.site_root = _site_root(url)
    slug, note = slug_from_url(url)
    if not slug:
        raise SourceError(f"{page.document.name}: {note}")
    if note:
        notes.append(note)
    what = f"term '{slug}'"
    title = (data_text(article, "headline", "name") or data_text(defined, "name") or outline.title or
             data_text(webpage, "name"))
    summary = (data_text(article, "description") or data_text(defined, "description") or
               data_text(webpage, "description") or outline.meta_description)
    dated = article or webpage or defined
    published, modified = _checked_dates(dated, what, notes)
    term = TermRecord(slug=slug, url=url, title=title, summary=summary, source=page.document.name,
                      listing_only=False, published=published, modified=modified)
    term.aliases = [normalize_space(str(a)) for a in as_list(defined.get("alternateName") if defined else None)
                    if isinstance(a, str) and a.strip()]
    term.image = _image(data, (article or webpage or {}).get("image"), url, what, notes)
    term.author = _person(data, (article or webpage or {}).get("author"), url, what, notes)
    term.areas = _areas_from_breadcrumb(_crumbs(data, data.first("BreadcrumbList")), url)

    all_sections = list(range(len(outline.sections)))
    answers, used = _answers(page, all_sections, what, notes, headed_questions=False)
    term.faq = [FaqRecord(question=q, answer=a) for q, a in answers]
    for index in all_sections:
        if index in used:
            continue
        heading = outline.sections[index].heading
        links = [a for block in outline.span(index) for node in block if isinstance(node, Tag)
                 for a in ([node] if node.name == "a" else node.find_all("a", href=True))]
        if _RELATED_HEADING_RE.search(heading) and links:
            term.related_urls = [urljoin(url, str(a["href"])) for a in links]
        elif _SOURCES_HEADING_RE.match(heading) and links:
            term.sources = [(text_of(a), urljoin(url, str(a["href"]))) for a in links if text_of(a)]
        else:
            continue
        used.add(index)
        used.update(outline.subsections(index))
    _take_aliases_line(outline, term)
    term.body = _remaining(page, used, skip_text=summary, image=term.image)
    if not term.body:
        body_text = data_text(article, "articleBody") or data_text(defined, "text")
        if body_text:
            term.body = Fragment(text=body_text)
    reading.terms = [term]


def _take_aliases_line(outline: Outline, term: TermRecord) -> None:
    """An 'Also known as: a, b' line is the aliases, shown by the site itself; it leaves the body."""
    for block in list(outline.lead):
        text = normalize_space(text_of(block))
        match = _ALSO_KNOWN_RE.match(text)
        if match and text != match.group(0):
            if not term.aliases:
                term.aliases = [a.strip() for a in re.split(r"[,;]", text[match.end():]) if a.strip()]
            outline.lead.remove(block)


def _areas_from_breadcrumb(crumbs: list[tuple[str, str]], own_url: str) -> list[str]:
    """Home › <area> › term: a middle crumb two path segments deep (/area/<slug>/) names the term's area."""
    areas = []
    for _, url in crumbs[1:-1]:
        segments = [s for s in urlsplit(url).path.split("/") if s]
        if len(segments) >= 2 and term_url_key(url) != term_url_key(own_url):
            slug, _ = slug_from_url(url)
            if slug:
                areas.append(slug)
    return areas

