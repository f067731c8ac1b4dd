"""Term links inside hand-written pages, made on the page's rendered element tree.

A site's guides and articles are rendered by the engine with the site's own Markdown
extensions (admonitions, tables, pymdownx, attr_list...). Rewriting their Markdown source
to insert links would fight those extensions, so termsite links the tree Python-Markdown
builds, after every other extension has run: the same ``[[slug]]`` references and
first-mention links as in the glossary's own fields, with the same rules.

Nothing is linked inside links, code, headings, admonition titles, abbreviations or raw
HTML (which Python-Markdown keeps out of the tree as placeholders), nor between
``<!-- termsite: autolink off -->`` and ``<!-- termsite: autolink on -->``; references
still work there, except in code and links. Every link carries the term's summary as its
``title``, which mkdocs-material's ``content.tooltips`` shows on hover.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable, Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from termsite.content.loader import REFERENCE_RE
from termsite.content.model import Glossary
from termsite.graph.links import TermMatcher
from termsite.settings import UrlScheme

_PLACEHOLDER_RE = re.compile("\u0002wzxhzdk:([0-9]+)\u0003")
_MARKER_RE = re.compile(r"<!--\s*termsite:\s*autolink\s+(off|on)\s*-->")
# Inside these, text is not a place for automatic links; inside the second set, not even for references.
_NO_AUTOLINK = {"a", "code", "pre", "kbd", "samp", "var", "abbr", "script", "style", "h1", "h2", "h3", "h4", "h5",
                "h6", "button", "svg", "math"}
_NO_REFERENCE = {"a", "code", "pre", "kbd", "samp", "script", "style"}
_NO_AUTOLINK_CLASSES = {"admonition-title", "headerlink", "termsite-no-autolink"}
# Tree links run after every other tree processor, MkDocs' own link rewriting included (priority 0).
PRIORITY = -10


@dataclass
class Section:
    """A ``##`` section of a page: what a HowTo's step is made of."""

    id: str
    title: str
    text: str


@dataclass
class PageLinks:
    """What linking one page found."""

    linked: list[str] = field(default_factory=list)  # term slugs, in order of first link
    first_paragraph: str = ""
    sections: list[Section] = field(default_factory=list)


class TreeLinker:
    """Links the text of one page's element tree in place."""

    def __init__(self, matcher: TermMatcher, glossary: Glossary, urls: UrlScheme, page_path: str, *,
                 autolink: bool = True, raw_html: Callable[[int], str] | None = None) -> None:
        self.matcher = matcher  # built with escaped=False: tree text is plain text
        self.glossary = glossary
        self.urls = urls
        self.page_path = page_path
        self.autolink = autolink
        self.raw_html = raw_html or (lambda index: "")
        self.result = PageLinks()
        self._linked: set[str] = set()
        self._region_on = True

    def link(self, root: etree.Element) -> PageLinks:
        self._element(root, references=True, mentions=self.autolink)
        self.result.first_paragraph, self.result.sections = _outline(root)
        return self.result

    def _element(self, element: etree.Element, *, references: bool, mentions: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        classes = set((element.get("class") or "").split())
        inner_references = references and tag not in _NO_REFERENCE
        inner_mentions = mentions and tag not in _NO_AUTOLINK and not classes & _NO_AUTOLINK_CLASSES
        if element.text:
            pieces = self._split(element.text, inner_references, inner_mentions)
            element.text = pieces[0] if isinstance(pieces[0], str) else ""
            self._insert(element, 0, pieces)
        for child in list(element):
            self._element(child, references=inner_references, mentions=inner_mentions)
            if child.tail:
                pieces = self._split(child.tail, inner_references, inner_mentions)
                child.tail = pieces[0] if isinstance(pieces[0], str) else ""
                self._insert(element, list(element).index(child) + 1, pieces)

    @staticmethod
    def _insert(parent: etree.Element, index: int, pieces: list[str | etree.Element]) -> None:
        """Put the anchors of ``pieces`` (text, anchor, text, anchor...) into ``parent`` from ``index``."""
        for piece in pieces[1:]:
            if isinstance(piece, str):
                parent[index - 1].tail = (parent[index - 1].tail or "") + piece
            else:
                parent.insert(index, piece)
                index += 1

    def _split(self, text: str, references: bool, mentions: bool) -> list[str | etree.Element]:
        """Text as alternating text and anchors; region markers in raw HTML switch linking off and on."""
        pieces: list[str | etree.Element] = [""]
        position = 0
        for placeholder in _PLACEHOLDER_RE.finditer(text):
            self._text(text[position:placeholder.start()], references, mentions, pieces)
            _append(pieces, placeholder.group(0))
            marker = _MARKER_RE.search(self.raw_html(int(placeholder.group(1))))
            if marker:
                self._region_on = marker.group(1) == "on"
            position = placeholder.end()
        self._text(text[position:], references, mentions, pieces)
        return pieces

    def _text(self, text: str, references: bool, mentions: bool, pieces: list[str | etree.Element]) -> None:
        if not text:
            return
        mentions = mentions and self._region_on
        if not references:
            self._mentions(text, mentions, pieces)
            return
        position = 0
        for match in REFERENCE_RE.finditer(text):
            slug = match.group(1).strip()
            if slug not in self.glossary.terms:
                continue  # reported before the build; left as written
            self._mentions(text[position:match.start()], mentions, pieces)
            label = match.group(2).strip() if match.group(2) else self.glossary.terms[slug].title
            pieces.append(self._anchor(slug, label, "termsite-ref"))
            position = match.end()
        self._mentions(text[position:], mentions, pieces)

    def _mentions(self, text: str, mentions: bool, pieces: list[str | etree.Element]) -> None:
        if not mentions:
            _append(pieces, text)
            return
        position = 0
        for start, end, slug in self.matcher.find(text):
            if slug in self._linked:
                continue
            _append(pieces, text[position:start])
            pieces.append(self._anchor(slug, text[start:end], "termsite-term"))
            position = end
        _append(pieces, text[position:])

    def _anchor(self, slug: str, label: str, css_class: str) -> etree.Element:
        term = self.glossary.terms[slug]
        anchor = etree.Element("a", {"href": self.urls.relative(self.page_path, self.urls.term(slug)),
                                     "class": css_class, "title": term.summary})
        anchor.text = label
        language = self.urls.term_language(slug)
        if language:  # a term not translated into the page's language: its page is in another one
            anchor.set("hreflang", language)
            tag = etree.SubElement(anchor, "span", {"class": "termsite-lang-tag", "lang": language})
            tag.text = language.upper()
            anchor.text = label + " "
        if slug not in self._linked:
            self._linked.add(slug)
            self.result.linked.append(slug)
        return anchor


def _append(pieces: list[str | etree.Element], text: str) -> None:
    if not text:
        return
    if isinstance(pieces[-1], str):
        pieces[-1] += text
    else:
        pieces.append(text)


def _text_of(element: etree.Element) -> str:
    """What a reader sees of an element: placeholders of raw HTML and permalink anchors left out."""
    parts: list[str] = []

    def walk(node: etree.Element) -> None:
        if "headerlink" in (node.get("class") or "").split():
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    return " ".join(_PLACEHOLDER_RE.sub(" ", "".join(parts)).split())


def _paragraphs(root: etree.Element) -> Iterator[etree.Element]:
    for child in root:
        if child.tag == "p" and _text_of(child):
            yield child


def _outline(root: etree.Element) -> tuple[str, list[Section]]:
    """The page's first paragraph of text, and its ``##`` sections with the first paragraph of each."""
    first = next((_text_of(p) for p in _paragraphs(root)), "")
    sections: list[Section] = []
    current: Section | None = None
    for child in root:
        if child.tag == "h2":
            current = Section(child.get("id") or "", _text_of(child), "")
            sections.append(current)
        elif child.tag == "p" and current is not None and not current.text:
            current.text = _text_of(child)
    return first, sections


class TermLinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: TermLinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        make = self.extension.linker
        if make is None:
            return
        stash = self.md.htmlStash.rawHtmlBlocks

        def raw_html(index: int) -> str:
            return str(stash[index]) if 0 <= index < len(stash) else ""

        linker = make(raw_html)
        self.extension.result = linker.link(root)


class TermLinkExtension(Extension):
    """A Python-Markdown extension that links the page being rendered.

    The host sets :attr:`linker` before each page (a function making the page's
    :class:`TreeLinker`) and reads :attr:`result` after it; with no linker set, pages are
    rendered as they are.
    """

    def __init__(self) -> None:
        super().__init__()
        self.linker: Callable[[Callable[[int], str]], TreeLinker] | None = None
        self.result: PageLinks | None = None

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(TermLinkTreeprocessor(md, self), "termsite_links", PRIORITY)
