"""Options of the ``termsite`` MkDocs plugin, validated like MkDocs' own."""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

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
