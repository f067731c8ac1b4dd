"""Options of the ``termsite`` MkDocs plugin, validated like MkDocs' own."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from termsite.content.loader import is_site_path
from termsite.problems import Problem
from termsite.settings import CardSettings, Labels, Publisher, SiteSettings
from termsite.content.languages import LanguageError, SiteLanguages


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
    # The source language; the first of `languages` when that is set, else 'en'.
    language = c.Optional(c.Type(str))
    # Every language of the site, the source language first: [en, de, es]. Translations live in content/i18n/<lang>/.
    languages = c.Optional(c.ListOfItems(c.Type(str)))
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
        if not failed:
            try:
                languages = SiteLanguages.from_options(self.language, self.languages)
            except LanguageError as error:
                name = str(error).split(":", 1)[0].split("[")[0]
                failed.append((name, base.ValidationError(str(error))))
            else:
                self["language"], self["languages"] = languages.source, list(languages.codes)
        return failed, warnings


def site_settings(options: TermsiteConfig, *, site_url: str, site_name: str, directory_urls: bool,
                  docs_dir: Path) -> SiteSettings:
    """The site-wide settings of one build, from the plugin's options and mkdocs.yml's own (every host reads them so)."""
    publisher = options.publisher
    labels = options.labels
    # A site's own home page wins over the generated one, which then moves to home_path or goes.
    own_home = any((docs_dir / name).is_file() for name in ("index.md", "README.md"))
    glossary_home = (options.home_path or None) if own_home else ""
    return SiteSettings(
        site_url=site_url,
        site_name=site_name,
        publisher=Publisher(name=publisher.name or site_name, url=publisher.url or site_url,
                            logo=publisher.logo or ""),
        area_prefix=options.area_prefix,
        term_prefix=options.term_prefix,
        default_author=options.default_author,
        language=options.language,
        languages=tuple(options.languages),
        directory_urls=directory_urls,
        index_page_size=options.index_page_size,
        term_tree=options.term_tree,
        labels=Labels(home=labels.home, area=labels.area, term=labels.term,
                      area_index_title=labels.area_index_title, term_index_title=labels.term_index_title),
        glossary_home=glossary_home,
        autolink_pages=options.autolink,
        plurals=options.plurals,
        guides_dir=options.guides_dir,
        cards=CardSettings(enabled=options.cards.enabled, background=options.cards.background,
                           text=options.cards.text, accent=options.cards.accent),
        print_page=options.print_page,
    )


def publisher_logo_problems(settings: SiteSettings, docs_dir: Path, config_file: Path) -> list[Problem]:
    """A publisher logo named as a site file that is not in docs_dir."""
    logo = settings.publisher.logo
    if not logo or not is_site_path(logo) or (docs_dir / logo.lstrip("/")).is_file():
        return []
    return [Problem(os.path.relpath(config_file), 1, 1, "missing-file",
                    f"the publisher logo '{logo}' is not in the site's files ({os.path.relpath(docs_dir)}/"
                    f"{logo.lstrip('/')} does not exist); add it there or give its http(s) address.",
                    "plugins.termsite.publisher.logo")]


def load_options(options: dict[str, Any]) -> tuple[TermsiteConfig, list[str]]:
    """The plugin's options validated as MkDocs validates them, for a host that is not MkDocs.

    Returns the options and the problems found, each a sentence naming the option.
    """
    config = TermsiteConfig()
    config.load_dict(dict(options or {}))
    failed, _warnings = config.validate()
    return config, [f"plugins.termsite.{key}: {error}" for key, error in failed]
