"""A site in several languages: a section per translated language, linked to the source for readers and
search engines (hreflang, switcher, workTranslation), with that language's words and names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT, write_glossary
from termsite.content.loader import check_content
from termsite.settings import Publisher, SiteSettings
from termsite.site.build import SiteBuild, generated_page_key
from termsite.site.render import PageRenderer

URL = "https://g.example/"
SETTINGS = SiteSettings(URL, "G", Publisher("G"), languages=("en", "de", "es"))

FILES = {
    "areas/liquidation.yml": "title: Liquidation\ndescription: Closing positions.\n"
                             "faq:\n  - aspect: Trigger\n    answer: Margin runs out.\n",
    "areas/pricing.yml": "title: Pricing\ndescription: Prices.\n",
    "terms/mark-price.yml": "title: Mark Price\nsummary: The fair price.\nareas: [pricing]\n"
                            "body: Compared with the [[liquidation-price]] and the index price.\n",
    "terms/index-price.yml": "title: Index Price\nsummary: An average of spot prices.\nareas: [pricing]\n",
    "terms/liquidation-price.yml": "title: Liquidation Price\nsummary: Where a position is closed.\n"
                                   "areas: [liquidation]\naliases: [liq price]\n",
    "terms/ortho.yml": "title: Zeta\nsummary: Last letter.\nareas: [pricing]\n",
    "i18n/de/site.yml": "site_name: G auf Deutsch\nsite_description: Ein Glossar.\n",
    "i18n/de/areas/liquidation.yml": "title: Liquidation\ndescription: Schließen von Positionen.\n"
                                     "source_modified: 2026-01-01T00:00:00+00:00\n"
                                     "faq:\n  - aspect: Auslöser\n    answer: Die Margin ist aufgebraucht.\n",
    "i18n/de/terms/mark-price.yml": "title: Markpreis\nsummary: Der faire Preis.\n"
                                    "source_modified: 2026-01-01T00:00:00+00:00\n"
                                    "aliases: [fairer Preis]\n"
                                    "body: Verglichen mit dem [[liquidation-price]] und dem Indexpreis.\n",
    "i18n/de/terms/ortho.yml": "title: Ölpreis\nsummary: Der Preis von Öl.\n"
                               "source_modified: 2026-01-01T00:00:00+00:00\n",
}


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> SiteBuild:
    content = write_glossary(tmp_path_factory.mktemp("languages"), FILES)
    glossary, problems = check_content(content, languages=SETTINGS.languages)
    assert glossary is not None, [p.format() for p in problems]
    return SiteBuild.create(glossary, SETTINGS, PageRenderer(ROOT / "templates"))


def test_a_section_holds_its_translated_entries_under_its_prefix(build: SiteBuild) -> None:
    de = sorted(source for source in build.pages if source.startswith("de/"))
    assert de == ["de/area/index.md", "de/area/liquidation/index.md", "de/definition/index.md",
                  "de/definition/mark-price/index.md", "de/definition/ortho/index.md", "de/index.md"]
    # Spanish has no translations yet: its home and indexes only, listing the source pages
    assert sorted(s for s in build.pages if s.startswith("es/")) == ["es/area/index.md", "es/definition/index.md",
                                                                     "es/index.md"]
    # the source language keeps its addresses
    assert "definition/mark-price/index.md" in build.pages and "index.md" in build.pages


def test_a_link_to_an_untranslated_term_goes_to_the_source_page_marked(build: SiteBuild) -> None:
    page = build.pages["de/definition/mark-price/index.md"]
    html = build.html(page)
    assert ('<a href="../../../definition/liquidation-price/" class="termsite-ref" title="Where a position is '
            'closed." hreflang="en">Liquidation Price <span class="termsite-lang-tag" lang="en">EN</span></a>'
            in html)
    # the German words around it, and German labels
    assert "Verglichen mit dem" in html and '<h2 id="definition">Definition</h2>' in html
    assert '<li><a href="../../">Startseite</a></li>' in html
    assert "Auch bekannt als: <span class=\"termsite-alias\">fairer Preis</span>" in html
    # the same term's English page links its target without a mark
    english = build.html(build.pages["definition/mark-price/index.md"])
    assert 'hreflang' not in english and "termsite-lang-tag" not in english


def test_faq_questions_from_aspects_use_the_language_s_words(build: SiteBuild) -> None:
    area = build.pages["de/area/liquidation/index.md"]
    assert [faq.question for faq in area.links.faq] == ["Auslöser im Sachgebiet „Liquidation“: Worauf kommt es an?"]
    source = build.pages["area/liquidation/index.md"]
    assert [faq.question for faq in source.links.faq] == ["What is the Trigger of Liquidation?"]


def test_every_version_lists_every_version_and_x_default(build: SiteBuild) -> None:
    expected = [("en", URL + "definition/mark-price/"), ("de", URL + "de/definition/mark-price/"),
                ("x-default", URL + "definition/mark-price/")]
    for source in ("definition/mark-price/index.md", "de/definition/mark-price/index.md"):
        head = build.head(build.pages[source])
        assert head.alternates == expected
    assert build.head(build.pages["de/definition/mark-price/index.md"]).language == "de"
    # a page in one language has no set
    assert build.head(build.pages["definition/index-price/index.md"]).alternates == []
    # home and the indexes exist in every language
    assert [code for code, _ in build.head(build.pages["es/index.md"]).alternates] == ["en", "de", "es", "x-default"]


def test_the_switcher_goes_to_the_same_entry_or_the_language_s_home(build: SiteBuild) -> None:
    head = build.head(build.pages["definition/mark-price/index.md"])
    assert head.switcher == [("en", "English", "./"), ("de", "Deutsch", "../../de/definition/mark-price/"),
                             ("es", "Español", "../../es/")]
    assert head.search_index == ""
    assert build.head(build.pages["de/index.md"]).search_index == "de/search/search_index.json"


def _nodes(build: SiteBuild, source: str) -> dict[str, dict]:
    return {node["@type"]: node for node in map(json.loads, build.head(build.pages[source]).jsonld)}


def test_jsonld_says_the_language_and_links_the_translations(build: SiteBuild) -> None:
    english, german = _nodes(build, "area/liquidation/index.md"), _nodes(build, "de/area/liquidation/index.md")
    assert english["CollectionPage"]["workTranslation"] == [{"@id": URL + "de/area/liquidation/"}]
    assert german["CollectionPage"]["translationOfWork"] == {"@id": URL + "area/liquidation/"}
    assert german["CollectionPage"]["inLanguage"] == german["FAQPage"]["inLanguage"] == "de"
    assert english["FAQPage"]["inLanguage"] == "en"
    assert german["BreadcrumbList"]["itemListElement"][0] == {"@type": "ListItem", "position": 1,
                                                               "name": "Startseite", "item": URL + "de/"}
    term = _nodes(build, "de/definition/mark-price/index.md")
    assert term["Article"]["inLanguage"] == "de" and term["Article"]["@id"] == URL + "de/definition/mark-price/"
    assert term["Article"]["translationOfWork"] == {"@id": URL + "definition/mark-price/"}
    assert term["DefinedTerm"]["alternateName"] == ["fairer Preis"]
    assert "workTranslation" not in _nodes(build, "definition/index-price/index.md")["Article"]


def test_the_section_home_has_the_language_s_name_and_description(build: SiteBuild) -> None:
    home = build.pages["de/index.md"]
    assert (home.title, home.description) == ("G auf Deutsch", "Ein Glossar.")


def test_the_a_to_z_files_accented_titles_under_their_letter(build: SiteBuild) -> None:
    index = build.pages["de/definition/index.md"]
    assert [(group.letter, [link.title for link in group.terms]) for group in index.groups] == [
        ("I", ["Index Price"]), ("L", ["Liquidation Price"]), ("M", ["Markpreis"]), ("O", ["Ölpreis"])]
    assert [link.language for group in index.groups for link in group.terms] == ["en", "en", "", ""]


def test_keys_name_the_same_entry_in_every_language(build: SiteBuild) -> None:
    assert generated_page_key(build.pages["de/area/liquidation/index.md"]) == "area:liquidation"
    assert generated_page_key(build.pages["definition/index.md"]) == "term-index:1"


def test_a_site_in_one_language_has_no_sections(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, {k: v for k, v in FILES.items() if not k.startswith("i18n/")})
    glossary, _ = check_content(content)
    assert glossary is not None
    single = SiteBuild.create(glossary, SiteSettings(URL, "G", Publisher("G")), PageRenderer(ROOT / "templates"))
    assert single.sections == {} and single.versions is None
    assert not any(source.startswith(("de/", "es/")) for source in single.pages)
    head = single.head(single.pages["definition/mark-price/index.md"])
    assert (head.language, head.alternates, head.switcher) == ("", [], [])
    assert "inLanguage" not in _nodes(single, "area/liquidation/index.md")["FAQPage"]
