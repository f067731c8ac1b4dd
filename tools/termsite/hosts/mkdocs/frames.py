"""Generated pages of one shape written from a frame learnt from the theme's own output.

The theme's page template is most of the cost of a glossary page (about 3.5 ms with
mkdocs-material), and for thousands of term pages it renders the same header, nav,
search, footer and scripts around different content. Here the first page of each
*shape* (kind, depth, first table-of-contents entry, part of a listing) is rendered
by the theme as usual; its output is cut into a frame at the page's own values (its
content, table of contents, termsite's head, title, description, canonical URL); the
second page of the shape is rendered by the theme too and must come out of the frame
byte for byte, or the shape is rendered by the theme from then on. Every later page
of a verified shape is a join of the frame and its values: what the theme would have
written, for a fraction of the cost.

The values the frame is cut at are rendered with the theme's own partials
(``partials/toc.html``, termsite's ``partials/termsite-head.html``) in the page's own
context, so a theme upgrade or a site's override changes them the same way it changes
the full render; a change that the frame cannot follow fails the second page's
comparison and falls back to the theme, never to different output.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup, escape

log = logging.getLogger("mkdocs.plugins.termsite")

FRAME_TEMPLATE = "termsite-frame.html"
# Rendered instead of main.html for every generated page: the frame's output when its
# shape is verified, else the theme's main.html exactly as MkDocs would render it.
_FRAME_SOURCE = "{% if termsite_frame_output is defined %}{{ termsite_frame_output }}{% else %}" \
                "{% include 'main.html' %}{% endif %}"
# base.html's preamble that its partials rely on, for rendering the table of contents alone.
_TOC_SOURCE = "{% import 'partials/language.html' as lang with context %}" \
              "{% set features = config.theme.features or [] %}{% include 'partials/toc.html' %}"
_TOC_TEMPLATE = "termsite-frame-toc.html"
# The language switcher (partials/alternate.html, shown when extra.alternate is set): its links are the page's own.
_SWITCHER_SOURCE = "{% import 'partials/language.html' as lang with context %}{% include 'partials/alternate.html' %}"
_SWITCHER_TEMPLATE = "termsite-frame-switcher.html"
_HEAD_TEMPLATE = "partials/termsite-head.html"
# The order in which values are cut out: larger and more distinctive first, so that a short
# title is never searched for inside the content it heads.
_SLOTS = ("content", "toc", "head", "switcher", "canonical", "title", "title_shared", "description", "description_shared")


@dataclass
class _Shape:
    state: str = "new"  # new -> learnt (one page seen) -> verified | failed
    frame: list[str | tuple[str]] = field(default_factory=list)  # text, or (slot name,)


def loader(base: jinja2.BaseLoader | None) -> jinja2.BaseLoader:
    """The environment's loader with the frame's small templates in front of it."""
    own = jinja2.DictLoader({FRAME_TEMPLATE: _FRAME_SOURCE, _TOC_TEMPLATE: _TOC_SOURCE,
                             _SWITCHER_TEMPLATE: _SWITCHER_SOURCE})
    return jinja2.ChoiceLoader([own, base] if base is not None else [own])


class FrameRenderer:
    """Learns, verifies and fills the frames of one build's generated pages."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[Any, ...], _Shape] = {}
        self._pending: dict[str, tuple[tuple[Any, ...], dict[str, str]]] = {}  # page src -> (shape, values)
        self.filled = 0
        self.rendered = 0

    @staticmethod
    def shape_of(page: Any, kind: str, part: int) -> tuple[Any, ...]:
        toc = list(page.toc) if page.toc else []
        first = toc[0].id if toc else ""
        # A language's pages name the site in that language, outside the slots: a frame per language.
        language = ((page.meta or {}).get("termsite") or {}).get("language", "")
        return kind, page.url.count("/"), part > 1, first, page.is_homepage, language

    def values(self, env: jinja2.Environment, context: dict[str, Any], page: Any) -> dict[str, str]:
        meta = page.meta or {}
        title = str(meta.get("title") or page.title or "")
        description = str(meta.get("description") or "")
        return {
            "content": page.content or "",
            "toc": env.get_template(_TOC_TEMPLATE).render(context),
            "head": env.get_template(_HEAD_TEMPLATE).render(context),
            "switcher": env.get_template(_SWITCHER_TEMPLATE).render(context)
            if (context.get("config") or {}).get("extra", {}).get("alternate") else "",
            "canonical": page.canonical_url or "",
            "title": title,
            # how termsite's head partial writes them: |striptags|e
            "title_shared": str(escape(Markup(title).striptags())),
            "description": description,
            "description_shared": str(escape(Markup(description).striptags())),
        }

    def output(self, env: jinja2.Environment, context: dict[str, Any], page: Any, kind: str, part: int) -> str | None:
        """The page's output from its shape's frame, or None when the theme must render it (and teach the frame)."""
        shape_key = self.shape_of(page, kind, part)
        shape = self._shapes.setdefault(shape_key, _Shape())
        if shape.state == "failed":
            return None
        values = self.values(env, context, page)
        if shape.state == "verified":
            self.filled += 1
            return _fill(shape.frame, values)
        self._pending[page.file.src_uri] = (shape_key, values)
        return None

    def learn(self, page: Any, output: str) -> None:
        """After the theme rendered a page of a shape still being learnt: cut or check the frame."""
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is None:
            return
        self.rendered += 1
        shape_key, values = pending
        shape = self._shapes[shape_key]
        if shape.state == "new":
            frame = _cut(output, values)
            if frame is None:
                shape.state = "failed"
            else:
                shape.frame, shape.state = frame, "learnt"
        elif shape.state == "learnt":
            if _fill(shape.frame, values) == output:
                shape.state = "verified"
            else:
                shape.state = "failed"
                log.debug(f"termsite: pages shaped like {page.file.src_uri} are rendered by the theme: "
                          "their frame did not reproduce it")


def _cut(output: str, values: dict[str, str]) -> list[str | tuple[str]] | None:
    """The output with every occurrence of each value replaced by its slot; None if a large value is missing."""
    pieces: list[str | tuple[str]] = [output]
    for slot in _SLOTS:
        value = values[slot]
        if not value:
            continue
        found = False
        cut: list[str | tuple[str]] = []
        for piece in pieces:
            if isinstance(piece, tuple) or value not in piece:
                cut.append(piece)
                continue
            found = True
            parts = piece.split(value)
            for index, text in enumerate(parts):
                if index:
                    cut.append((slot,))
                if text:
                    cut.append(text)
        pieces = cut
        if not found and slot in ("content", "toc", "head"):
            return None  # the theme does not show this value as rendered alone: not a frame
    return pieces


def _fill(frame: list[str | tuple[str]], values: dict[str, str]) -> str:
    return "".join(piece if isinstance(piece, str) else values[piece[0]] for piece in frame)
