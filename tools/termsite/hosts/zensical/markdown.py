"""termsite's Python-Markdown extension inside Zensical's rendering of the staging pages.

Zensical renders every page with Python-Markdown and the extensions its configuration
lists; it tells an extension nothing about the page being rendered. So each staging page
says it itself, on its first line after the front matter, in a marker this extension
reads and removes before any other preprocessor runs::

    <!-- termsite {"page": "guides/funding.md", "digest": "..."} -->
    <!-- termsite {"generated": "definition/x/index.md", "toc": [[2, "faq", "FAQ"]], "digest": "..."} -->

- A **hand-written** page is linked on its element tree by :class:`~termsite.graph.treelinks.TermLinkExtension`
  (the same tree processor the MkDocs plugin uses), its front-matter FAQ is appended, and the
  FAQ's headings join the table of contents. The linker comes from the build that wrote the
  staging project (:data:`ACTIVE`), in the same process.
- A **generated** page's HTML (everything after the marker) is kept byte for byte: it is stored
  as one raw-HTML block, so Markdown never touches it; its table of contents, which Markdown
  cannot see inside raw HTML, comes from the marker.

The digest changes whenever what the page renders to changes (a term's summary in a tooltip,
the FAQ), so that Zensical's cache, which keys on the file's text, renders it again.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from termsite.graph.treelinks import PRIORITY as LINK_PRIORITY
from termsite.graph.treelinks import PageLinks, TermLinkExtension, TermLinkTreeprocessor, TreeLinker

MARKER_RE = re.compile(r"^<!-- termsite (\{.*\}) -->$")
# Before every other preprocessor (Python-Markdown's own start at 30), so the marker is never raw HTML, and the
# generated HTML is taken as written; it is stored as raw HTML after whitespace normalisation (30), which would
# remove the stash's placeholders, and before Python-Markdown reads raw HTML blocks (20).
_MARKER_PRIORITY = 100
_STASH_PRIORITY = 25
_HTML_TOKEN = "termsite-generated-page-html-b7c1f0"
# After the toc extension's tree processor (5) and after linking (graph.treelinks.PRIORITY).
_TOC_PRIORITY = LINK_PRIORITY - 5

TocItem = tuple[int, str, str]  # level, id, title (plain text)


def marker(data: dict[str, Any]) -> str:
    """The marker line of a staging page; the JSON cannot end the comment early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "<!-- termsite " + text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + " -->"


class StagedPages(Protocol):
    """What the extension needs from the build that wrote the staging project."""

    def linker(self, source: str, path: str) -> Callable[[Callable[[int], str]], TreeLinker] | None: ...

    def faq(self, source: str) -> tuple[str, list[TocItem]]: ...

    def rendered(self, source: str, links: PageLinks, heading: str) -> None: ...


ACTIVE: StagedPages | None = None  # set by the host around Zensical's build or preview


@dataclass
class _Page:
    source: str = ""
    path: str = ""
    generated: bool = False
    html: str = ""
    toc: list[TocItem] = field(default_factory=list)
    faq_html: str = ""
    faq_toc: list[TocItem] = field(default_factory=list)


class _MarkerPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: TermsiteExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        extension = self.extension
        extension.page = None
        extension.links.linker = None
        extension.links.result = None
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        match = MARKER_RE.match(lines[first].strip()) if first is not None else None
        if first is None or match is None:
            return lines
        data = json.loads(match.group(1))
        rest = lines[first + 1:]
        if "generated" in data:
            extension.page = _Page(source=data["generated"], generated=True,
                                   toc=[(int(level), str(id_), str(title)) for level, id_, title in data.get("toc", [])])
            extension.page.html = "\n".join(rest).strip("\n")
            return [_HTML_TOKEN] if extension.page.html else []
        page = _Page(source=str(data.get("page", "")), path=str(data.get("path", "")))
        extension.page = page
        if ACTIVE is not None:
            extension.links.linker = ACTIVE.linker(page.source, page.path)
            page.faq_html, page.faq_toc = ACTIVE.faq(page.source)
        return rest


class _StashPreprocessor(Preprocessor):
    """A generated page's HTML as one raw-HTML block, byte for byte."""

    def __init__(self, md: Markdown, extension: TermsiteExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        page = self.extension.page
        if page is None or not page.generated:
            return lines
        return [self.md.htmlStash.store(page.html) if line == _HTML_TOKEN else line for line in lines]


class _PageTreeprocessor(Treeprocessor):
    """Reports what linking found, and gives the table of contents what raw HTML hides from it."""

    def __init__(self, md: Markdown, extension: TermsiteExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        if page is None:
            return
        if page.generated:
            self.md.toc_tokens = [_token(item) for item in page.toc]  # type: ignore[attr-defined]
            return
        if ACTIVE is not None:
            ACTIVE.rendered(page.source, self.extension.links.result or PageLinks(), _first_heading(root))
        if page.faq_html:
            # After the page's own text, as raw HTML (not a postprocessor: the toc extension runs those on
            # every heading's text), like the MkDocs plugin's on_page_content.
            etree.SubElement(root, "p").text = self.md.htmlStash.store(page.faq_html)
        if page.faq_toc:
            tokens = list(getattr(self.md, "toc_tokens", []) or [])
            faq = [_token(item) for item in page.faq_toc]
            entry, children = faq[0], faq[1:]
            entry["children"] = children
            # Under the page's title when the page has one, as on MkDocs.
            if len(tokens) == 1 and tokens[0].get("level") == 1:
                tokens[0]["children"] = [*tokens[0].get("children", []), entry]
            else:
                tokens.append(entry)
            self.md.toc_tokens = tokens  # type: ignore[attr-defined]


class TermsiteExtension(Extension):
    """Listed in the staging project's ``markdown_extensions`` as ``termsite.hosts.zensical.markdown``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.page: _Page | None = None
        self.links = TermLinkExtension()

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(_MarkerPreprocessor(md, self), "termsite_marker", _MARKER_PRIORITY)
        md.preprocessors.register(_StashPreprocessor(md, self), "termsite_html", _STASH_PRIORITY)
        md.treeprocessors.register(TermLinkTreeprocessor(md, self.links), "termsite_links", LINK_PRIORITY)
        md.treeprocessors.register(_PageTreeprocessor(md, self), "termsite_page", _TOC_PRIORITY)


def makeExtension(**kwargs: Any) -> TermsiteExtension:  # noqa: N802 - Python-Markdown's name
    return TermsiteExtension(**kwargs)


def _token(item: TocItem) -> dict[str, Any]:
    level, id_, title = item
    return {"level": level, "id": id_, "name": title, "html": _escape(title), "data-toc-label": "", "children": []}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _first_heading(root: etree.Element) -> str:
    """The text of the page's first element when it is an ``h1`` (how MkDocs titles a page without one)."""
    first = next(iter(root), None)
    if first is None or first.tag != "h1":
        return ""
    parts: list[str] = []

    def walk(node: etree.Element) -> None:
        if "headerlink" in (node.get("class") or "").split():
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")

    walk(first)
    return " ".join("".join(parts).split())
