"""The visible structure of a saved page: its H1, the blocks under it and its headed sections.

CMS themes wrap content in any number of divs; what matters for an import is the order
of headings and blocks after the page's H1. The page is flattened into that order,
leaving out what is not content (navigation, breadcrumbs, bylines, sharing widgets,
scripts), and cut into sections at each heading. A Markdown export is rendered to HTML
first and read the same way, so both kinds of source give the same result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Union

import markdown
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from termsite.importer.htmlmd import _BLOCKS, _DROP

Node = Union[Tag, NavigableString]
Block = list[Node]  # one block element, or a run of inline nodes that reads as a paragraph

_HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_NOT_CONTENT = {"footer", "aside", "nav", "header"}  # an article's own <header> is kept, see _skip
# Class or id words of theme furniture around the content.
_FURNITURE_RE = re.compile(
    r"(^|[-_\s])(breadcrumbs?|byline|share|sharing|social|comments?|post-meta|entry-meta|author-box|toc|"
    r"table-of-contents|skip-link|screen-reader-text|sr-only|visually-hidden|cookie|newsletter|advert|ads)($|[-_\s])",
    re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


@dataclass
class Section:
    heading: str  # the heading's text
    level: int
    tag: Tag
    blocks: list[Block] = field(default_factory=list)  # up to the next heading of any level


@dataclass
class Outline:
    title: str = ""
    lead: list[Block] = field(default_factory=list)  # between the H1 and the first heading
    sections: list[Section] = field(default_factory=list)
    canonical: str = ""
    meta_description: str = ""

    def span(self, index: int) -> list[Block]:
        """A section's blocks with its subsections (headings included), up to the next heading at its level or above."""
        section = self.sections[index]
        blocks = list(section.blocks)
        for later in self.sections[index + 1:]:
            if later.level <= section.level:
                break
            blocks.append([later.tag])
            blocks += later.blocks
        return blocks

    def subsections(self, index: int) -> range:
        section = self.sections[index]
        end = index + 1
        while end < len(self.sections) and self.sections[end].level > section.level:
            end += 1
        return range(index + 1, end)


def text_of(nodes: Block | Tag) -> str:
    if isinstance(nodes, Tag):
        nodes = [nodes]
    parts = []
    for node in nodes:
        parts.append(node.get_text(" ") if isinstance(node, Tag) else str(node))
    return _SPACE_RE.sub(" ", " ".join(parts)).strip()


def parse_html(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def markdown_to_soup(text: str) -> BeautifulSoup:
    """A Markdown export rendered for reading (never published): raw HTML in it is kept as the export has it."""
    md = markdown.Markdown(extensions=["tables", "fenced_code", "sane_lists"], output_format="html")
    return BeautifulSoup(md.convert(text), "html.parser")


def outline_of(soup: BeautifulSoup) -> Outline:
    outline = Outline()
    canonical = soup.find("link", rel=lambda value: value and "canonical" in value)
    if isinstance(canonical, Tag):
        outline.canonical = str(canonical.get("href", "") or "").strip()
    description = soup.find("meta", attrs={"name": re.compile(r"^description$", re.I)})
    if isinstance(description, Tag):
        outline.meta_description = _SPACE_RE.sub(" ", str(description.get("content", "") or "")).strip()
    h1 = _main_heading(soup)
    if h1 is None:
        return outline
    outline.title = text_of(h1)
    root = _content_root(h1, soup)
    after_h1 = False
    current: list[Block] = outline.lead
    for block in _blocks(root):
        if len(block) == 1 and block[0] is h1:
            after_h1 = True
            continue
        if not after_h1:
            continue
        head = block[0]
        if len(block) == 1 and isinstance(head, Tag) and head.name in _HEADING_LEVELS:
            section = Section(text_of(head), _HEADING_LEVELS[head.name], head)
            outline.sections.append(section)
            current = section.blocks
        else:
            current.append(block)
    return outline


def _main_heading(soup: BeautifulSoup) -> Tag | None:
    """The page's title heading: the first H1 of its main content, else the first H1 outside theme furniture."""
    for scope in (soup.find("main"), soup.find(attrs={"role": "main"}), soup.find("article"), soup):
        if scope is None:
            continue
        for found in scope.find_all("h1"):
            if not any(_skip(tag) for tag in [found, *found.parents] if isinstance(tag, Tag) and tag.name != "[document]"):
                return found
    return None


def _content_root(h1: Tag, soup: BeautifulSoup) -> Tag:
    for ancestor in h1.parents:
        if isinstance(ancestor, Tag) and (ancestor.name in ("article", "main") or ancestor.get("role") == "main"):
            return ancestor
    body = soup.find("body")
    return body if isinstance(body, Tag) else soup


def _skip(tag: Tag) -> bool:
    """Theme furniture: left out together with everything inside it."""
    if tag.name in _DROP:
        return True
    if tag.name in _NOT_CONTENT:
        # An article's own header holds its H1; a page header or footer holds navigation.
        return not (tag.name == "header" and tag.find("h1") is not None)
    if tag.get("aria-hidden") == "true" or tag.has_attr("hidden"):
        return True
    words = " ".join(tag.get("class", []) or []) + " " + str(tag.get("id", "") or "")
    return bool(_FURNITURE_RE.search(words))


def _blocks(root: Tag) -> Iterator[Block]:
    """Headings and blocks in document order; containers are opened, inline runs grouped."""
    run: Block = []
    for node in root.children:
        if isinstance(node, Comment):
            continue
        if isinstance(node, NavigableString):
            if str(node).strip() or run:
                run.append(node)
            continue
        if not isinstance(node, Tag) or _skip(node):
            continue
        is_container = node.name in ("div", "section", "article", "main", "header", "details", "span") \
            or node.name not in _BLOCKS and node.name not in _HEADING_LEVELS
        if node.name in _HEADING_LEVELS or node.name in _BLOCKS and not is_container:
            if _has_text(run):
                yield run
            run = []
            yield [node]
        elif is_container and _contains_structure(node):
            if _has_text(run):
                yield run
            run = []
            yield from _blocks(node)
        else:
            run.append(node)
    if _has_text(run):
        yield run


def _contains_structure(tag: Tag) -> bool:
    return tag.find(list(_BLOCKS) + list(_HEADING_LEVELS)) is not None


def _has_text(run: Block) -> bool:
    return any((n.get_text() if isinstance(n, Tag) else str(n)).strip() for n in run) or \
        any(isinstance(n, Tag) and (n.name == "img" or n.find("img")) for n in run)
