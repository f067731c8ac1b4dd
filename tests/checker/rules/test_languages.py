"""Language rules: hreflang-set, hreflang-x-default, hreflang-canonical, in-language-mismatch,
hreflang-return-link. They read any site's HTML: these pages are not termsite's."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.checker.model import Problem, Severity

from ..helpers import assert_silent, check_site, check_text, of, page, write_site

E, W = Severity.ERROR, Severity.WARNING
SITE = "https://shop.example.org/"
LANGUAGE_RULES = ("hreflang-set", "hreflang-x-default", "hreflang-canonical", "in-language-mismatch",
                  "hreflang-return-link")
VERSIONS = {"en": "", "de": "de/", "es": "es/"}


def version(lang: str, *, links: dict[str, str] | None = None, canonical: str | None = None,
            in_language: str | None = None, default: str | None = "en") -> str:
    """A page of one language version, with the hreflang set of all versions (or ``links``)."""
    links = {code: SITE + rel for code, rel in VERSIONS.items()} if links is None else links
    head = "\n".join(f'<link rel="alternate" hreflang="{code}" href="{url}">' for code, url in links.items())
    if default:
        head += f'\n<link rel="alternate" hreflang="x-default" href="{SITE + VERSIONS[default]}">'
    url = SITE + VERSIONS[lang]
    node = {"@context": "https://schema.org", "@type": "WebPage", "@id": url, "url": url, "name": "Shop",
            "inLanguage": in_language or lang}
    return page(node, canonical=canonical or url, head=head).replace("<html>", f'<html lang="{lang}">')


def site(tmp_path: Path, **pages: str) -> Path:
    files = {f"{VERSIONS[lang]}index.html": pages.get(lang) or version(lang) for lang in VERSIONS}
    return write_site(tmp_path / "site", files)


def language_problems(problems: list[Problem]) -> list[tuple[str, str, Severity]]:
    return [(p.rule_id, p.path.rsplit("/site/", 1)[-1], p.severity) for p in problems if p.rule_id in LANGUAGE_RULES]


def test_reciprocal_versions_are_clean(tmp_path: Path) -> None:
    result = check_site(site(tmp_path), site_url=SITE)
    assert language_problems(result.problems) == []


def test_a_removed_back_link_on_a_copy_is_reported(tmp_path: Path) -> None:
    german = version("de", links={"de": SITE + "de/", "es": SITE + "es/"})  # lost its link to the English page
    result = check_site(site(tmp_path, de=german), site_url=SITE)
    problems = of(result.problems, "hreflang-return-link")
    messages = {p.path.rsplit("/site/", 1)[-1]: p.message for p in problems}
    assert set(messages) == {"index.html", "de/index.html", "es/index.html"}
    assert messages["index.html"] == (f"the 'de' version {SITE}de/ ({tmp_path}/site/de/index.html) does not link back "
                                      "to this page with hreflang")
    # the other versions see the German set differ from theirs
    assert messages["es/index.html"].endswith(f"lists another hreflang set (it lacks en: {SITE})")
    assert messages["de/index.html"].endswith(f"lists another hreflang set (it adds en: {SITE})")
    assert all(p.severity is E for p in problems)
    # the English page's line with the German link
    english = (tmp_path / "site" / "index.html").read_text().splitlines()
    first = next(p for p in problems if p.path.endswith("/site/index.html"))
    assert 'hreflang="de"' in english[first.line - 1]


def test_alternate_that_is_not_a_page_of_the_site(tmp_path: Path) -> None:
    links = {code: SITE + rel for code, rel in VERSIONS.items()} | {"fr": SITE + "fr/"}
    folder = site(tmp_path, en=version("en", links=links))
    # reported once, where it is named: the other versions' sets are compared without it
    [problem] = of(check_site(folder, site_url=SITE).problems, "hreflang-return-link")
    assert problem.path.endswith("/site/index.html")
    assert problem.message == f"the 'fr' version {SITE}fr/ is not a page of the site"


def test_the_same_address_written_another_way_counts(tmp_path: Path) -> None:
    """Plugins write a site's address several ways: no slash, http, www. It is still the page."""
    links = {"en": "http://www.shop.example.org", "de": SITE + "de", "es": SITE + "es/"}
    folder = site(tmp_path, en=version("en", links=links))
    result = check_site(folder, site_url=SITE)
    assert language_problems(result.problems) == []


def test_each_page_lists_itself(tmp_path: Path) -> None:
    text = version("de", links={"en": SITE, "es": SITE + "es/"})
    problems = check_text(tmp_path, text)
    [problem] = of(problems, "hreflang-set")
    assert problem.message.startswith(f"the hreflang set does not list this page itself ({SITE}de/)")


@pytest.mark.parametrize("code, words", [
    ("en_US", "uses '_'"),
    ("en-UK", "region code is 'GB'"),
    ("english", "not a BCP 47 language tag"),
    ("xx", "not an ISO 639-1 language code"),
    ("", "empty"),
])
def test_invalid_codes(tmp_path: Path, code: str, words: str) -> None:
    links = {"en": SITE, "de": SITE + "de/", code: SITE + "es/"}
    problems = check_text(tmp_path, version("en", links=links))
    [problem] = of(problems, "hreflang-set")
    assert words in problem.message and problem.severity is E


@pytest.mark.parametrize("code", ["en-GB", "de-CH", "zh-Hant", "zh-Hant-TW", "es-419", "sr-Latn", "X-DEFAULT"])
def test_valid_codes(tmp_path: Path, code: str) -> None:
    links = {"en": SITE, code: SITE + "de/"}
    assert_silent(check_text(tmp_path, version("en", links=links, default=None)), "hreflang-set")


def test_x_default(tmp_path: Path) -> None:
    problems = check_text(tmp_path, version("en", default=None))
    [problem] = of(problems, "hreflang-x-default")
    assert problem.severity is W
    twice = version("en").replace("</head>", f'<link rel="alternate" hreflang="x-default" href="{SITE}de/">\n</head>')
    [problem] = of(check_text(tmp_path, twice), "hreflang-set")
    assert "second hreflang=\"x-default\"" in problem.message


def test_one_code_for_two_urls(tmp_path: Path) -> None:
    text = version("en").replace("</head>", f'<link rel="alternate" hreflang="de" href="{SITE}de-alt/">\n</head>')
    [problem] = of(check_text(tmp_path, text), "hreflang-set")
    assert "names two URLs" in problem.message


def test_translation_canonical_points_at_itself(tmp_path: Path) -> None:
    folder = site(tmp_path, de=version("de", canonical=SITE))
    result = check_site(folder, site_url=SITE)
    [problem] = of(result.problems, "hreflang-canonical")
    assert problem.path.endswith("/site/de/index.html") and problem.severity is E
    assert problem.message == (f"the canonical URL {SITE} is the 'en' version; a 'de' page's canonical link names "
                               "the page itself")
    # the same holds for a loose file: its <html lang> says which version it is
    [problem] = of(check_text(tmp_path, version("de", canonical=SITE)), "hreflang-canonical")


def test_in_language_agrees_with_html_lang(tmp_path: Path) -> None:
    problems = check_text(tmp_path, version("de", in_language="en"))
    [problem] = of(problems, "in-language-mismatch")
    assert (problem.json_path, problem.severity) == ("WebPage.inLanguage", W)
    assert problem.message == "inLanguage 'en' but the page's <html lang> is 'de'"
    assert_silent(check_text(tmp_path, version("de", in_language="de-AT")), "in-language-mismatch")
