"""Every page of the example site, opened in the browser at phone width: it loads cleanly,
its links resolve, its JSON-LD parses and says what the page is, its sharing metadata
describes it, and nothing is wider than the screen."""

from __future__ import annotations

import dataclasses
import functools
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Iterator
from urllib.parse import urldefrag, urlsplit

import pytest
import yaml
from playwright.sync_api import Browser

from termsite.content.articles import Article, parse_article
from termsite.content.loader import check_content
from termsite.content.model import Glossary, in_language

from conftest import ROOT

from .conftest import LOCAL_HOSTS, PHONE, ExampleSite, Problems, open_session

pytestmark = pytest.mark.browser

# What a page shows of itself, read in the page after it loaded.
READ_PAGE = """() => {
  const pairs = (selector, key) => [...document.querySelectorAll(selector)]
    .map(e => [e.getAttribute(key), e.getAttribute('content')]);
  return {
    title: document.title,
    description: pairs('meta[name="description"]', 'name'),
    canonical: [...document.querySelectorAll('link[rel="canonical"]')].map(e => e.getAttribute('href')),
    og: pairs('meta[property^="og:"]', 'property'),
    twitter: pairs('meta[name^="twitter:"]', 'name'),
    jsonld: [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => {
      try {
        const node = JSON.parse(s.textContent);
        return {inHead: s.closest('head') !== null, type: node['@type'], url: node.url ?? null};
      } catch (error) {
        return {error: String(error)};
      }
    }),
    // HTML links, and the relationship map's SVG links (xlink:href)
    links: [...document.querySelectorAll('a')]
      .map(a => a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'))
      .filter(href => href !== null)
      .map(href => new URL(href, document.baseURI).href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id),
    h1: document.querySelector('.md-content h1')?.textContent.trim() ?? null,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  };
}"""


@dataclass
class Visit:
    path: str
    status: int
    seen: dict[str, Any]

    def meta(self, kind: str, name: str) -> list[str]:
        return [content for key, content in self.seen[kind] if key == name]

    def one(self, kind: str, name: str) -> str | None:
        values = self.meta(kind, name)
        assert len(values) <= 1, f"{self.path}: {name} appears {len(values)} times"
        return values[0] if values else None


@dataclass
class Crawl:
    visits: dict[str, Visit]
    problems: Problems
    base_url: str


@pytest.fixture(scope="module")
def crawl(browser: Browser, base_url: str, example_site: ExampleSite) -> Iterator[Crawl]:
    """Open every page once, in one phone-sized tab, and record what each shows."""
    with open_session(browser, base_url, PHONE) as session:
        page = session.context.new_page()
        visits = {}
        for path in example_site.page_paths():
            # Every page starts the search worker, which fetches the index after the page has
            # loaded; each visit waits for it and then for every request still in flight.
            with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
                response = page.goto(session.url(path))
            session.settle(page)
            visits[path] = Visit(path, response.status if response else 0, page.evaluate(READ_PAGE))
        yield Crawl(visits, session.problems, base_url)


def test_every_page_is_crawled_and_loads(crawl: Crawl, example_site: ExampleSite) -> None:
    glossary = example_site.glossary
    expected = {"", "area/", "definition/", *(f"area/{slug}/" for slug in glossary.areas),
                *(f"definition/{slug}/" for slug in glossary.terms)}
    assert expected <= set(crawl.visits)
    assert {path: visit.status for path, visit in crawl.visits.items() if visit.status != 200} == {}


def test_no_console_errors_failed_requests_or_outside_requests(crawl: Crawl) -> None:
    assert crawl.problems.console_errors == []
    assert crawl.problems.failed_requests == []
    # No fonts, scripts or images from other hosts: a page works offline and tells no one it was read.
    assert crawl.problems.outside_requests == []


def _local(url: str) -> bool:
    return urlsplit(url).hostname in LOCAL_HOSTS


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_internal_link_resolves(crawl: Crawl) -> None:
    crawled = {crawl.base_url + path: visit for path, visit in crawl.visits.items()}
    broken = []
    checked: dict[str, int] = {}
    for visit in crawl.visits.values():
        for link in visit.seen["links"]:
            if not _local(link):
                continue
            target, fragment = urldefrag(link)
            if target not in crawled and target not in checked:
                checked[target] = _status(target)
            if target not in crawled and checked[target] != 200:
                broken.append(f"{visit.path} -> {link}: {checked[target]}")
            elif fragment and target in crawled and fragment not in crawled[target].seen["ids"]:
                broken.append(f"{visit.path} -> {link}: no element with id {fragment!r}")
    assert broken == []


@functools.lru_cache(maxsize=None)
def _site_languages() -> tuple[str, ...]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    plugin = next(p["termsite"] for p in config["plugins"] if isinstance(p, dict) and "termsite" in p)
    return tuple(plugin.get("languages") or ())


def _site_name_of(path: str, site: ExampleSite) -> str:
    """The site's name as a page names it: a translated language's from its site.yml."""
    first = path.split("/", 1)[0]
    if first in _site_languages()[1:]:
        translated = yaml.load((ROOT / "content/i18n" / first / "site.yml").read_text(encoding="utf-8"),
                               Loader=yaml.SafeLoader)
        return translated.get("site_name") or site.site_name
    return site.site_name


@functools.lru_cache(maxsize=None)
def _glossary_in(language: str) -> Glossary:
    glossary, problems = check_content(ROOT / "content", languages=_site_languages())
    assert glossary is not None, problems
    return in_language(glossary, language)


def _expected_types(path: str, site: ExampleSite) -> list[str]:
    """The types of the page's JSON-LD blocks, sorted; an area page has one Person per author of its terms.
    A translated language's generated pages are those of its glossary; its home is a collection of areas."""
    first, _, rest = path.partition("/")
    if first in _site_languages()[1:] and _hand_written(path, site) is None:
        if not rest:
            return ["CollectionPage"]
        path, site = rest, dataclasses.replace(site, glossary=_glossary_in(first))
    kinds = _expected_kinds(path, site)
    parts = path.strip("/").split("/")
    if parts[0] == "area" and len(parts) == 2:
        members = site.glossary.area_members[parts[1]]
        authors = {author.key for author in map(site.glossary.author_of, members) if author is not None}
        return sorted([*kinds, *["Person"] * len(authors)])
    return sorted(kinds)


def _expected_kinds(path: str, site: ExampleSite) -> set[str]:
    glossary = site.glossary
    parts = path.strip("/").split("/")
    if path == "":
        return {"WebSite", "Organization"}
    if path == "area/":
        return {"BreadcrumbList", "CollectionPage"}
    if path == "definition/":
        return {"BreadcrumbList", "DefinedTermSet"}
    if parts[0] == "area" and len(parts) == 2:
        return {"BreadcrumbList", "CollectionPage"} | ({"FAQPage"} if glossary.areas[parts[1]].faq else set())
    if parts[0] == "definition" and len(parts) == 2:
        return {"BreadcrumbList", "Article", "DefinedTerm"} | (
            {"FAQPage"} if glossary.terms[parts[1]].faq else set())
    article = _hand_written(path, site)
    if article is not None:  # a guide or the About page: its front matter says which article it is
        return {"BreadcrumbList", article.type} | ({"FAQPage"} if article.faq else set())
    return set()  # the 404 page carries none


def _hand_written(path: str, site: ExampleSite) -> Article | None:
    """The front matter of the hand-written page at a site path, or None when the page is generated."""
    docs = ROOT / "content/pages"
    for source in (path.rstrip("/") + ".md", path + "index.md"):
        if path and (docs / source).is_file():
            article, problems = parse_article((docs / source).read_text(encoding="utf-8"), source, source,
                                              site.glossary)
            assert article is not None, problems
            return article
    return None


def test_jsonld_parses_in_the_page_and_has_the_types_of_its_kind(crawl: Crawl, example_site: ExampleSite) -> None:
    wrong = {}
    for path, visit in crawl.visits.items():
        blocks = visit.seen["jsonld"]
        errors = [block["error"] for block in blocks if "error" in block]
        types = sorted(block["type"] for block in blocks if "type" in block)
        expected = _expected_types(path, example_site)
        if errors or types != expected or not all(block.get("inHead") for block in blocks):
            wrong[path] = {"errors": errors, "types": types, "expected": expected}
    assert wrong == {}
    # Sanity: the example has FAQ on some terms, so the optional FAQPage is exercised both ways.
    term_types = [crawl.visits[f"definition/{slug}/"].seen["jsonld"] for slug in example_site.glossary.terms]
    assert {len(blocks) for blocks in term_types} == {3, 4}


@dataclass(frozen=True)
class Sharing:
    title: str  # the page's own title, without the site name
    description: str
    og_type: str
    image: str = ""


def _entry_sharing(path: str, site: ExampleSite) -> Sharing | None:
    """What the content says a term or area page should share; None for other pages."""
    parts = path.strip("/").split("/")
    if len(parts) != 2 or parts[0] not in ("definition", "area"):
        return None  # other pages, including hand-written ones in folders such as guides/<name>/
    absolute = lambda url: url if "://" in url else site.site_url + url  # noqa: E731
    if parts[0] == "definition":
        term = site.glossary.terms[parts[1]]
        # Every page shares its card (its own image is an SVG, which sharing services do not show).
        return Sharing(term.title, term.summary, "article", absolute(f"assets/cards/definition/{term.slug}.png"))
    area = site.glossary.areas[parts[1]]
    return Sharing(area.title, area.description, "website", absolute(f"assets/cards/area/{area.slug}.png"))


def _sharing_problems(visit: Visit, site: ExampleSite) -> list[str]:
    problems = []

    def check(what: str, actual: object, expected: object) -> None:
        if actual != expected:
            problems.append(f"{what}: {actual!r} != {expected!r}")

    canonical = site.site_url + visit.path
    check("canonical", visit.seen["canonical"], [canonical])
    description = visit.one("description", "description")
    og = lambda name: visit.one("og", name)  # noqa: E731
    twitter = lambda name: visit.one("twitter", name)  # noqa: E731
    check("og:url", og("og:url"), canonical)
    site_name = _site_name_of(visit.path, site)
    check("og:site_name", og("og:site_name"), site_name)
    check("og:description", og("og:description"), description)
    check("twitter:title", twitter("twitter:title"), og("og:title"))
    check("twitter:description", twitter("twitter:description"), description)
    check("twitter:image", twitter("twitter:image"), og("og:image"))
    check("twitter:card", twitter("twitter:card"), "summary_large_image" if og("og:image") else "summary")
    if not description or not og("og:title"):
        problems.append("no description or og:title")
    expected = _entry_sharing(visit.path, site)
    if visit.path == "":
        check("<title>", visit.seen["title"], site.site_name)  # not "name - name"
        check("og:title", og("og:title"), site.site_name)
    elif expected is not None:
        check("<title>", visit.seen["title"], f"{expected.title} - {site.site_name}")
        check("og:title", og("og:title"), expected.title)
        check("description", description, expected.description)
        check("og:type", og("og:type"), expected.og_type)
        check("og:image", og("og:image"), expected.image or None)
        check("og:image:alt present", bool(og("og:image:alt")), bool(expected.image))
    elif visit.path in {f"{language}/" for language in _site_languages()[1:]}:
        check("<title>", visit.seen["title"], site_name)  # a language's home: its name alone
    else:
        check("<title> ends with the site name", visit.seen["title"].endswith(f" - {site_name}"), True)
        # a translated term's page is an article too, like the source language's
        first, _, rest = visit.path.partition("/")
        translated_term = first in _site_languages()[1:] and rest.startswith("definition/") and rest.count("/") == 2
        check("og:type", og("og:type"), "article" if _hand_written(visit.path, site) or translated_term
              else "website")
    return problems


def test_every_page_has_sharing_metadata(crawl: Crawl, example_site: ExampleSite) -> None:
    wrong = {path: problems for path, visit in crawl.visits.items() if path != "404.html"
             if (problems := _sharing_problems(visit, example_site))}
    assert wrong == {}


def test_headings_name_the_entry(crawl: Crawl, example_site: ExampleSite) -> None:
    wrong = {path: visit.seen["h1"] for path, visit in crawl.visits.items()
             if (expected := _entry_sharing(path, example_site)) and visit.seen["h1"] != expected.title}
    assert wrong == {}


def test_no_page_scrolls_sideways_on_a_phone(crawl: Crawl) -> None:
    wide = {path: (visit.seen["scrollWidth"], visit.seen["innerWidth"]) for path, visit in crawl.visits.items()
            if visit.seen["scrollWidth"] > visit.seen["innerWidth"]}
    assert wide == {}
    assert {visit.seen["innerWidth"] for visit in crawl.visits.values()} == {PHONE["width"]}
