"""The example site in English, German and Spanish, as MkDocs builds it: sections under /de/ and /es/, linked
to each other for search engines and readers, each with its own search index; the checker passes it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build, termsite

AREA = "area/financial-derivatives-liquidation/"
URL = "https://glossary.termsite.example/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("languages") / "site"
    result = mkdocs_build(ROOT, folder)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


def _page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _alternates(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)


def _jsonld(html: str) -> dict[str, dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {node["@type"]: node for node in map(json.loads, blocks)}


def test_the_site_serves_a_section_per_language(site: Path) -> None:
    for language, title in (("de", "termsite-Beispielglossar"), ("es", "Glosario de ejemplo de termsite")):
        home = _page(site, language)
        assert f'<html lang="{language}"' in home
        assert f'<h1 id="home">{title}</h1>' in home
    assert (site / "de" / AREA / "index.html").is_file() and (site / "es" / AREA / "index.html").is_file()
    assert '<html lang="en"' in _page(site, AREA)


def test_the_area_and_its_translations_link_each_other(site: Path) -> None:
    expected = [("en", URL + AREA), ("de", URL + "de/" + AREA), ("es", URL + "es/" + AREA), ("x-default", URL + AREA)]
    for prefix in ("", "de/", "es/"):
        html = _page(site, prefix + AREA)
        assert _alternates(html) == expected
        assert f'<link rel="canonical" href="{URL}{prefix}{AREA}">' in html
    english, german = _jsonld(_page(site, AREA)), _jsonld(_page(site, "de/" + AREA))
    assert english["CollectionPage"]["workTranslation"] == [{"@id": URL + "de/" + AREA}, {"@id": URL + "es/" + AREA}]
    assert german["CollectionPage"]["translationOfWork"] == {"@id": URL + AREA}
    assert german["CollectionPage"]["inLanguage"] == german["FAQPage"]["inLanguage"] == "de"
    # the theme's site-wide alternates (extra.alternate) are not left on the page beside its own
    assert len(re.findall(r'<link rel="alternate" href=', _page(site, "de/" + AREA))) == 0


def test_the_german_area_page_has_german_words(site: Path) -> None:
    html = _page(site, "de/" + AREA)
    assert '<h2 id="faq">Häufige Fragen</h2>' in html and '<h2 id="terms">Begriffe in diesem Sachgebiet</h2>' in html
    assert '<li><a href="../../">Startseite</a></li>' in html
    questions = [q["name"] for q in _jsonld(html)["FAQPage"]["mainEntity"]]
    assert questions[0] == "Wodurch wird eine Liquidation ausgelöst?"


def test_titles_and_sharing_name_the_site_in_the_page_s_language(site: Path) -> None:
    def title_and_site_name(path: str) -> tuple[str, str]:
        html = _page(site, path)
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        return title, re.search(r'<meta property="og:site_name" content="([^"]*)">', html).group(1)

    assert title_and_site_name("de/") == ("termsite-Beispielglossar", "termsite-Beispielglossar")
    assert title_and_site_name("de/definition/mark-price/") == ("Markpreis - termsite-Beispielglossar",
                                                                "termsite-Beispielglossar")
    assert title_and_site_name("definition/mark-price/") == ("Mark Price - termsite example glossary",
                                                             "termsite example glossary")


def test_an_untranslated_term_is_linked_at_its_english_page_and_marked(site: Path) -> None:
    html = _page(site, "de/definition/mark-price")
    link = re.search(r'<a href="../../../definition/index-price/" class="termsite-(?:ref|term)"[^>]*>.*?</a>', html)
    assert link is not None
    assert 'hreflang="en"' in link.group(0)
    assert link.group(0).endswith('<span class="termsite-lang-tag" lang="en">EN</span></a>')


def test_the_switcher_goes_to_the_same_entry_or_the_language_home(site: Path) -> None:
    html = _page(site, "definition/mark-price")
    links = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+" class="md-select__link', html)
    # mark-price has German, not Spanish: Spanish readers land on their home
    assert links == [("./", "en"), ("../../de/definition/mark-price/", "de"), ("../../es/", "es")]


def test_the_sitemap_lists_alternates(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    entry = re.search(rf"<url>\s*<loc>{re.escape(URL + 'de/' + AREA)}</loc>.*?</url>", sitemap, re.S)
    assert entry is not None
    assert re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', entry.group(0)) == [
        ("en", URL + AREA), ("de", URL + "de/" + AREA), ("es", URL + "es/" + AREA), ("x-default", URL + AREA)]


def test_each_language_searches_its_own_pages(site: Path) -> None:
    root = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    german = json.loads((site / "de/search/search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith(("de/", "es/")) for doc in root["docs"])
    assert german["docs"] and all(doc["location"].startswith("de/") for doc in german["docs"])
    assert german["config"] == root["config"]
    margin_call = [doc for doc in german["docs"] if doc["location"] == "de/definition/margin-call-protocol-logic/"]
    assert "Nachschussaufforderung" in margin_call[0]["text"]
    # German pages' search asks for the German index (de/search/, seen from de/definition/mark-price/)
    assert '"../../../search/search_index.json","../../search/search_index.json")' in \
        _page(site, "de/definition/mark-price")


def test_the_checker_passes_the_site_and_reports_a_removed_back_link(site: Path, tmp_path: Path) -> None:
    check = termsite(["check", str(site)], ROOT)
    assert check.returncode == 0, check.stdout[-3000:]
    assert " 0 errors, 0 warnings" in check.stdout.splitlines()[-1]
    copy = tmp_path / "copy"
    shutil.copytree(site, copy)
    page = copy / "es" / AREA / "index.html"
    text = page.read_text(encoding="utf-8")
    back_link = f'<link rel="alternate" hreflang="de" href="{URL}de/{AREA}">'
    assert back_link in text
    page.write_text(text.replace(back_link, ""), encoding="utf-8")
    broken = termsite(["check", str(copy)], ROOT)
    assert broken.returncode != 0
    assert "hreflang-return-link" in broken.stdout
