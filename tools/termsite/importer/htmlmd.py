"""HTML fragments of a saved page to the Markdown dialect termsite renders (see :mod:`termsite.graph.markup`).

A small converter rather than a library: it only has to cover what glossary pages hold
(paragraphs, links, emphasis, lists, h2–h4, code, block quotes, simple tables) and it has
to produce Markdown that Python-Markdown, with termsite's extensions, renders back to the
same text. That second property is what keeps imported FAQ answers identical to the
source's JSON-LD, and it depends on details a general converter does not promise: how
Python-Markdown nests lists (four spaces), that its fenced code does not work inside
lists, which characters it lets a backslash escape, and that it reads HTML entities.

Links go through a callback, so that the importer can turn links to other definitions
into ``[[slug|text]]`` references.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

# (absolute href, Markdown of the link text) -> Markdown of the link
LinkMaker = Callable[[str, str], str]

_HEADINGS = {"h1": 2, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}  # h1 inside a body is a section, not the title
_BLOCKS = {"p", "div", "section", "article", "main", "header", "ul", "ol", "li", "pre", "blockquote", "hr", "table",
           "dl", "dt", "dd", "figure", "figcaption", "details", "summary", "aside", "address", "center", "form",
           "fieldset", *_HEADINGS}
_DROP = {"script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "button", "input",
         "select", "textarea", "nav", "form", "link", "meta", "head", "title"}
_EMPHASIS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
_ENTITY_RE = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_AUTOLINK_RE = re.compile(r"<(?=[^<>\s]*>)")
_SPECIAL_RE = re.compile(r"([\\`*\[\]])")
_LINE_START_RE = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]\s))")
_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
_LIST_ITEM_RE = re.compile(r"^(- |\d+\. )")
_SAFE_SCHEMES = ("http", "https", "mailto")


def default_link(href: str, text: str) -> str:
    return f"[{text}]({_link_target(href)})"


def _link_target(href: str) -> str:
    # Python-Markdown ends a URL at a space or an unbalanced parenthesis; encode them.
    return href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def escape_text(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text."""
    text = _ENTITY_RE.sub("&amp;", text)
    text = _AUTOLINK_RE.sub("&lt;", text)
    text = _SPECIAL_RE.sub(r"\\\1", text)
    # '_' only emphasizes at a word boundary in Python-Markdown; snake_case stays readable.
    text = re.sub(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", r"\\_", text)
    return text


def escape_paragraph(text: str) -> str:
    """One line of plain text as a Markdown paragraph that renders to exactly that text."""
    return _escape_line_start(escape_text(" ".join(text.split())))


def _escape_line_start(line: str) -> str:
    """A paragraph line that would otherwise read as a heading, quote, list item or rule."""
    match = _LINE_START_RE.match(line)
    if not match:
        return line
    marker = match.group(2)
    if marker.isdigit():
        return line[: match.end()] + "\\" + line[match.end():]
    if marker == "=":
        return line  # '=' only underlines the line above, and a paragraph starts a fresh block
    return line[: match.start(2)] + "\\" + line[match.start(2):]


class HtmlToMarkdown:
    """Converts one fragment; ``base_url`` resolves relative links and images."""

    def __init__(self, base_url: str = "", link: LinkMaker = default_link) -> None:
        self.base_url = base_url
        self.link = link

    # Public entry points
    def convert(self, html_or_nodes: str | Tag | Iterable[Tag | NavigableString]) -> str:
        if isinstance(html_or_nodes, str):
            nodes: list[Tag | NavigableString] = list(BeautifulSoup(html_or_nodes, "html.parser").contents)
        elif isinstance(html_or_nodes, Tag):
            nodes = list(html_or_nodes.contents)
        else:
            nodes = list(html_or_nodes)
        return "\n\n".join(self._blocks(nodes, in_list=False)).strip()

    def inline(self, node: Tag | NavigableString) -> str:
        """The Markdown of one element's content, on one line (a heading's, a list item's)."""
        return self._inline_of([node]).strip()

    # Blocks
    def _blocks(self, nodes: Iterable[Tag | NavigableString], *, in_list: bool) -> list[str]:
        blocks: list[str] = []
        run: list[Tag | NavigableString] = []  # consecutive inline nodes form one paragraph

        def flush() -> None:
            paragraph = self._paragraph(run)
            if paragraph:
                blocks.append(paragraph)
            run.clear()

        for node in nodes:
            if isinstance(node, Comment):
                continue
            if isinstance(node, Tag) and node.name in _DROP:
                continue
            if isinstance(node, Tag) and (node.name in _BLOCKS or _has_block(node)):
                flush()
                blocks += self._block(node, in_list=in_list)
            else:
                run.append(node)
        flush()
        return blocks

    def _paragraph(self, nodes: list[Tag | NavigableString]) -> str:
        text = self._inline_of(nodes).strip()
        if not text:
            return ""
        return "\n".join(_escape_line_start(line.strip()) + ("  " if i < text.count("\n") else "")
                         for i, line in enumerate(text.split("\n")))

    def _block(self, tag: Tag, *, in_list: bool) -> list[str]:
        name = tag.name
        if name in _HEADINGS:
            text = self._inline_of(tag.contents).replace("\n", " ").strip()
            if not text:
                return []
            return [f"**{text}**"] if in_list else ["#" * _HEADINGS[name] + " " + text]
        if name == "p" or name in ("dt", "dd", "figcaption", "summary", "address"):
            paragraph = self._paragraph(list(tag.contents))
            if name == "dt" and paragraph:
                paragraph = f"**{paragraph}**"
            return [paragraph] if paragraph else []
        if name in ("ul", "ol"):
            return [self._list(tag)]
        if name == "pre":
            return [self._code_block(tag, in_list=in_list)]
        if name == "blockquote":
            inner = "\n\n".join(self._blocks(tag.contents, in_list=in_list))
            return ["\n".join("> " + line if line else ">" for line in inner.split("\n"))] if inner else []
        if name == "hr":
            return ["---"]
        if name == "table":
            return self._table(tag, in_list=in_list)
        return self._blocks(tag.contents, in_list=in_list)  # containers: div, section, figure, li, ...

    def _list(self, tag: Tag) -> str:
        ordered = tag.name == "ol"
        number = int(tag.get("start", "1")) if ordered and str(tag.get("start", "1")).isdigit() else 1
        items: list[str] = []
        loose = False
        for child in tag.find_all("li", recursive=False):
            blocks = self._blocks(child.contents, in_list=True)
            if not blocks:
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            # A nested list follows its item's text directly; anything else makes the list loose.
            text = blocks[0]
            for block in blocks[1:]:
                nested = _LIST_ITEM_RE.match(block) is not None
                loose = loose or not nested
                text += ("\n" if nested else "\n\n") + block
            # Python-Markdown continues a list item at four spaces, not at the marker's width.
            lines = text.split("\n")
            items.append(marker + lines[0] + "".join("\n" + ("    " + line if line else "") for line in lines[1:]))
        return ("\n\n" if loose else "\n").join(items)

    def _code_block(self, tag: Tag, *, in_list: bool) -> str:
        code = tag.find("code")
        source = code if isinstance(code, Tag) else tag
        text = source.get_text().strip("\n")
        language = ""
        for candidate in (source, tag):
            for css in candidate.get("class", []) or []:
                if css.startswith(("language-", "lang-")):
                    language = css.split("-", 1)[1]
        if in_list:
            # Python-Markdown's fenced blocks do not work inside lists; indented code does.
            return "\n".join("    " + line if line else "" for line in text.split("\n"))
        longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"{fence}{language}\n{text}\n{fence}"

    def _table(self, tag: Tag, *, in_list: bool) -> list[str]:
        rows = [[self._inline_of(cell.contents).replace("\n", " ").replace("|", "\\|").strip()
                 for cell in row.find_all(["th", "td"], recursive=False)]
                for row in tag.find_all("tr")]
        rows = [row for row in rows if row]
        width = max((len(row) for row in rows), default=0)
        if in_list or not rows or width < 1:
            return [" ".join(cell for row in rows for cell in row)] if rows else []
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(["---"] * width) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        return ["\n".join(lines)]

    # Inline
    def _inline_of(self, nodes: Iterable[Tag | NavigableString]) -> str:
        return "".join(self._inline(node) for node in nodes)

    def _inline(self, node: Tag | NavigableString) -> str:
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            return escape_text(_SPACE_RE.sub(" ", str(node)))
        name = node.name
        if name in _DROP:
            return ""
        if name == "br":
            return "\n"
        if name in _EMPHASIS:
            return _wrap(self._inline_of(node.contents), _EMPHASIS[name])
        if name == "code":
            return _code_span(node.get_text())
        if name == "a":
            return self._anchor(node)
        if name == "img":
            return self._image(node)
        return self._inline_of(node.contents)

    def _anchor(self, node: Tag) -> str:
        text = self._inline_of(node.contents)
        inner = text.strip()
        href = str(node.get("href", "") or "").strip()
        absolute = urljoin(self.base_url, href) if href else ""
        if not inner:
            return text
        if not absolute or href.startswith("#") or urlsplit(absolute).scheme not in _SAFE_SCHEMES:
            return text  # in-page anchors and script links mean nothing once imported; keep the words
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        return lead + self.link(absolute, inner) + trail

    def _image(self, node: Tag) -> str:
        src = str(node.get("src", "") or "").strip()
        absolute = urljoin(self.base_url, src) if src else ""
        if not absolute or urlsplit(absolute).scheme not in ("http", "https"):
            return ""
        alt = escape_text(_SPACE_RE.sub(" ", str(node.get("alt", "") or "")).strip())
        return f"![{alt}]({_link_target(absolute)})"


def _has_block(tag: Tag) -> bool:
    return tag.find(_BLOCKS) is not None


def _wrap(text: str, marker: str) -> str:
    inner = text.strip()
    if not inner:
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    return f"{lead}{marker}{inner}{marker}{trail}"


def _code_span(text: str) -> str:
    text = _SPACE_RE.sub(" ", text)
    if not text.strip():
        return ""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def html_to_markdown(html: str | Tag, base_url: str = "", link: LinkMaker = default_link) -> str:
    return HtmlToMarkdown(base_url, link).convert(html)
