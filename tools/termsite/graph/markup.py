"""Markdown fields to safe HTML fragments, and fragments to plain text.

The Markdown dialect is fixed here rather than taken from the site's configuration, so
that what a contributor may write is the same on every site and can be documented:
CommonMark-style paragraphs, emphasis, lists, links, images, headings, code, tables and
block quotes. Raw HTML is not interpreted: it is shown as text. The result is then
passed through an allow-list sanitizer (nh3), so that no URL scheme other than http,
https and mailto, and no attribute that runs script, reaches a page even if the Markdown
library has a bug.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "img", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
    "dl", "dt", "dd",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
    "code": {"class"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_CONTROL_CHARACTERS = {code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]}
_TAG_RE = re.compile(r"<[^>]*>")
# What an HTML parser reads as a tag or comment (see fields.Text): mkdocs-material's
# content.tooltips inserts a title attribute's text into the page as HTML.
_TAG_LIKE_RE = re.compile(r"<[A-Za-z/!?]")
_BLOCK_END_RE = re.compile(r"</(p|li|h[1-6]|pre|blockquote|tr|dd|dt)>|<br\s*/?>", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


EXTENSIONS = ("tables", "fenced_code", "sane_lists")
# Changes whenever the same Markdown could render differently: a cache of rendered fragments
# (termsite.graph.fragments) keeps only what was rendered with the same dialect and library.
DIALECT = f"markdown {markdown.__version__}; extensions {','.join(EXTENSIONS)}; raw HTML shown as text"


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """The Markdown renderer: one per process, so one per worker (resetting it is cheaper than making it)."""
    md = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    # Raw HTML in a contributor's Markdown is shown as text, never passed through.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def markdown_to_html(text: str) -> str:
    """Render one Markdown field to a sanitized HTML fragment."""
    return sanitize_html(render_markdown(text))


def render_markdown(text: str) -> str:
    """The Markdown library's HTML for one field, before sanitizing: the costly half of the work."""
    if not text.strip():
        return ""
    md = _converter()
    md.reset()
    # The loader refuses control characters; any that reach here (the importer, the API) are dropped.
    return md.convert(text.translate(_CONTROL_CHARACTERS))


def sanitize_html(rendered: str) -> str:
    """The allow-list sanitizer over rendered Markdown; the last step before HTML reaches a page."""
    if not rendered:
        return ""
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_drop_markup_in_titles,
    )


def _drop_markup_in_titles(tag: str, attribute: str, value: str) -> str | None:
    """A link's or image's title ([x](url "title")) that reads as markup is left out; nh3 passes it decoded."""
    if attribute == "title" and _TAG_LIKE_RE.search(value):
        return None
    return value


def html_to_text(fragment: str) -> str:
    """The text a reader sees in a fragment, whitespace collapsed."""
    spaced = _BLOCK_END_RE.sub(lambda m: m.group(0) + " ", fragment)
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub("", spaced))).strip()


def markdown_to_text(text: str) -> str:
    return html_to_text(markdown_to_html(text))
