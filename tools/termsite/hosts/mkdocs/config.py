"""Options of the ``termsite`` MkDocs plugin, validated like MkDocs' own."""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c


class UrlPrefix(c.Type):
    """A path prefix such as 'definition/': lowercase segments, ending in a slash."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        assert isinstance(value, str)
        normalized = value.strip("/")
        if not re.fullmatch(r"[a-z0-9]+([-_/][a-z0-9]+)*", normalized):
            raise base.ValidationError(
                f"'{value}' is not a usable URL prefix; use lowercase words separated by '-' or '/', like 'definition/'.")
        return normalized + "/"


class Colour(c.Type):
    """A colour as #rrggbb."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        assert isinstance(value, str)
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise base.ValidationError(f"'{value}' is not a colour; write it as #rrggbb, like '#1e1b4b'.")
        return value.lower()


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class CardsConfig(base.Config):
    """The social card of every page (docs/sharing.md)."""

    enabled = c.Type(bool, default=True)
    background = Colour(default="#1e1b4b")
    text = Colour(default="#ffffff")
    accent = Colour(default="#a5b4fc")

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        if not failed:
            for name in ("text", "accent"):
                ratio = contrast(self[name], self.background)
                if ratio < 4.5:
                    failed.append((name, base.ValidationError(
                        f"{self[name]} on the background {self.background} has a contrast of {ratio:.1f}:1; cards "
                        "need at least 4.5:1 to be read in a feed.")))
        return failed, warnings


class CardsOption(c.SubConfig[CardsConfig]):
    """``cards: false`` turns cards off; ``cards: {background: ...}`` sets their colours."""

    def __init__(self) -> None:
        super().__init__(CardsConfig)

    def run_validation(self, value: object) -> CardsConfig:
        if isinstance(value, bool):
            value = {"enabled": value}
        return super().run_validation(value)


class PublisherConfig(base.Config):
    name = c.Optional(c.Type(str))  # the site_name when absent
    url = c.Optional(c.URL())
    logo = c.Optional(c.Type(str))


class LabelsConfig(base.Config):
    home = c.Type(str, default="Home")
    area = c.Type(str, default="Area")
    term = c.Type(str, default="Definition")
    area_index_title = c.Type(str, default="Subject areas")
    term_index_title = c.Type(str, default="Glossary A–Z")


class TermsiteConfig(base.Config):
    content_dir = c.Type(str, default="content")
    # Jinja2 templates of the generated pages; termsite's own when not set.
    templates_dir = c.Optional(c.Type(str))
    area_prefix = UrlPrefix(default="area/")
    term_prefix = UrlPrefix(default="definition/")
    default_author = c.Type(str, default="")
    language = c.Type(str, default="en")
    # Terms listed per page of the A–Z index and of an area; longer lists continue on page/2/...
    index_page_size = c.Type(int, default=500)
    # Show the broader/narrower hierarchy as a tree on the A–Z index and the area pages.
    term_tree = c.Type(bool, default=False)
    publisher = c.SubConfig(PublisherConfig)
    labels = c.SubConfig(LabelsConfig)
    # Render pages in two processes during `mkdocs build`: true, false, or "auto" (large sites).
    parallel = c.Choice((True, False, "auto"), default="auto")
    # Write generated pages of one shape from a frame learnt from the theme's output (byte for
    # byte what the theme writes, verified on the second page of each shape; see hosts/mkdocs/frames.py).
    frames = c.Type(bool, default=True)
    # First mentions of terms link in the site's hand-written pages too (each page and term can opt out).
    autolink = c.Type(bool, default=True)
    # English plurals of term names find their terms ("margin calls" -> Margin Call); English sites only.
    plurals = c.Type(bool, default=True)
    # Where the generated home page goes when docs_dir has an index.md of its own ('glossary/');
    # unset, the site's own home page is the only one.
    home_path = c.Optional(UrlPrefix())
    # The folder of docs_dir whose pages the generated home page lists as guides.
    guides_dir = c.Type(str, default="guides/")
    # A 1200×630 PNG card per page for sharing: `false` turns them off, a mapping sets their colours.
    cards = CardsOption()
    # The whole glossary on one page for printing, at print/.
    print_page = c.Type(bool, default=True)
    # Options of `termsite check`, read by the checker; kept here so that one file configures the site.
    check = c.Type(dict, default={})

    def validate(self) -> tuple[list[Any], list[Any]]:
        failed, warnings = super().validate()
        if not failed and self.area_prefix == self.term_prefix:
            failed.append(("term_prefix", base.ValidationError("area_prefix and term_prefix must differ.")))
        return failed, warnings
