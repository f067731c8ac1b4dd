"""An existing mkdocs-material docs site adds the glossary: its pages join the link graph, nothing of it is lost.

The fixture (tests/fixtures/docs-site) has its own nav, home page and theme override; the
glossary is the example's content, with its images copied into the site's docs_dir, and
the site is a git checkout, so that pages without dates are dated by their history.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import extruct
import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, mkdocs_build, termsite

BASE = "https://docs.exchange.example/"
COMMIT_DATE = "2026-03-04T05:06:07+00:00"


def make_docs_site(destination: Path) -> Path:
    shutil.copytree(FIXTURES / "docs-site", destination, dirs_exist_ok=True)
    glossary = destination / "glossary"
    for name in ("areas", "terms"):
        shutil.copytree(ROOT / "content" / name, glossary / name)
    shutil.copy2(ROOT / "content/authors.yml", glossary / "authors.yml")
    shutil.copytree(ROOT / "content/pages/images", destination / "docs/images")
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE,
           "GIT_AUTHOR_NAME": "Docs", "GIT_AUTHOR_EMAIL": "docs@exchange.example",
           "GIT_COMMITTER_NAME": "Docs", "GIT_COMMITTER_EMAIL": "docs@exchange.example"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "The docs site"]):
        subprocess.run(["git", *args], cwd=destination, check=True, env=env, capture_output=True)
    return destination


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_docs_site(tmp_path_factory.mktemp("docs-site"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project


def soup_of(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def jsonld(site: Path, page: str) -> dict[str, dict]:
    nodes = extruct.extract((site / page).read_text(encoding="utf-8"), syntaxes=["json-ld"])["json-ld"]
    return {node["@type"]: node for node in nodes}


def summary(slug: str) -> str:
    text = (ROOT / "content/terms" / f"{slug}.yml").read_text(encoding="utf-8")
    return next(line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("summary: "))


def test_the_guide_links_its_mentions_and_references_with_tooltips(docs_site: Path) -> None:
    content = soup_of(docs_site / "site", "guide/index.html").find("article")
    links = [(a.get_text(), a["href"], a["title"]) for a in content.select("a.termsite-term, a.termsite-ref")]
    assert links == [
        ("mark price", "../definition/mark-price/", summary("mark-price")),
        ("maintenance margin", "../definition/maintenance-margin/", summary("maintenance-margin")),
        ("funding rate", "../definition/funding-rate/", summary("funding-rate")),
        ("how funding works", "../definition/funding-rate/", summary("funding-rate")),
        ("margin calls", "../definition/margin-call-protocol-logic/", summary("margin-call-protocol-logic")),
        ("liquidation engines", "../definition/liquidation-engine/", summary("liquidation-engine")),
    ]
    assert "[[" not in content.get_text()


def test_code_and_admonition_titles_are_left_as_written(docs_site: Path) -> None:
    content = soup_of(docs_site / "site", "guide/index.html").find("article")
    code = content.find("div", class_="highlight")
    assert code.find("a") is None and "the mark price in code is not linked" in code.get_text()
    assert content.find("p", class_="admonition-title").get_text() == "Liquidation price"
    assert [c.get_text() for c in content.find_all("code") if not c.find_parent("pre")] == ["funding rate"]


def test_the_site_keeps_its_nav_home_page_and_override(docs_site: Path) -> None:
    site = docs_site / "site"
    home = soup_of(site, "index.html")
    assert home.find("h1").get_text().startswith("Example Exchange documentation")
    nav = [a.get_text(" ", strip=True) for a in home.select("nav.md-nav--primary > ul > li > a, "
                                                           "nav.md-nav--primary > ul > li > label")]
    assert [entry for entry in nav if entry] == ["Welcome", "Trading guide", "Reference", "Glossary"]
    assert "Example Exchange documentation" in home.find(class_="md-banner").get_text()  # the site's main.html
    assert (site / "definition/mark-price/index.html").is_file() and (site / "area/index.html").is_file()
    assert not (site / "glossary").exists()  # no generated home anywhere unless home_path says where
    assert {"WebSite", "Organization"} <= set(jsonld(site, "index.html"))


def test_generated_pages_are_styled_and_carry_their_markup(docs_site: Path) -> None:
    site = docs_site / "site"
    for page, href in [("definition/mark-price/index.html", "../../assets/termsite/termsite.css"),
                       ("guide/index.html", "../assets/termsite/termsite.css")]:
        links = [link["href"] for link in soup_of(site, page).find_all("link", rel="stylesheet")]
        assert href in links
    assert (site / "assets/termsite/termsite.css").is_file()
    assert {"BreadcrumbList", "Article", "DefinedTerm"} <= set(jsonld(site, "definition/mark-price/index.html"))


def test_the_guide_carries_an_article_that_mentions_existing_terms(docs_site: Path) -> None:
    site = docs_site / "site"
    nodes = jsonld(site, "guide/index.html")
    assert [item["name"] for item in nodes["BreadcrumbList"]["itemListElement"]] == ["Home", "Trading guide"]
    article = nodes["Article"]
    assert article["headline"] == "Trading guide"
    assert article["description"] == "How positions are valued and kept margined on Example Exchange."
    assert article["datePublished"] == article["dateModified"] == COMMIT_DATE
    assert article["mainEntityOfPage"] == article["url"] == BASE + "guide/"
    assert article["publisher"] == {"@type": "Organization", "name": "Example Exchange Docs", "url": BASE}
    mentioned = [node["@id"] for node in article["mentions"]]
    assert mentioned == [BASE + f"definition/{slug}/#term" for slug in (
        "mark-price", "maintenance-margin", "funding-rate", "margin-call-protocol-logic", "liquidation-engine")]
    for node_id in mentioned:
        page = node_id[len(BASE):].split("#")[0] + "index.html"
        assert jsonld(site, page)["DefinedTerm"]["@id"] == node_id


def test_a_page_in_a_nav_section_has_the_section_in_its_breadcrumb(docs_site: Path) -> None:
    crumbs = jsonld(docs_site / "site", "reference/limits/index.html")["BreadcrumbList"]["itemListElement"]
    assert [(c["name"], c["item"]) for c in crumbs] == [
        ("Home", BASE), ("Reference", BASE + "reference/"), ("API limits", BASE + "reference/limits/")]
    own = jsonld(docs_site / "site", "reference/index.html")["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in own] == ["Home", "Reference"]


def test_term_pages_list_the_pages_that_mention_them(docs_site: Path) -> None:
    term = soup_of(docs_site / "site", "definition/mark-price/index.html")
    section = term.find(id="mentioned-in")
    assert section is not None
    listed = [(a.get_text(), a["href"]) for a in section.find_next("ul").find_all("a")]
    assert listed == [("Trading guide", "../../guide/")]
    assert "How positions are valued" in section.find_next("ul").get_text()
    assert term.find("nav", class_="md-nav--secondary").find("a", href="#mentioned-in") is not None
    order_book = soup_of(docs_site / "site", "definition/order-book/index.html")
    assert [a["href"] for a in order_book.find(id="mentioned-in").find_next("ul").find_all("a")] == [
        "../../reference/limits/"]


def test_the_checker_passes_the_site_out_of_the_box(docs_site: Path) -> None:
    result = termsite(["check", "site"], docs_site)
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.splitlines()[-1].startswith(
        f"checked {len(list((docs_site / 'site').rglob('*.html')))} pages: 0 errors, 0 warnings"), result.stdout[-3000:]


def test_an_unknown_reference_stops_the_build_naming_the_page_and_line(tmp_path: Path) -> None:
    project = make_docs_site(tmp_path / "site-project")
    assert mkdocs_build(project).returncode == 0
    before = (project / "site/guide/index.html").read_bytes()
    guide = project / "docs/guide.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nAnd [[no-such-term]], [[funding-rat]].\n",
                     encoding="utf-8")
    expected = ["docs/guide.md:19:5: error[unknown-reference] '[[no-such-term]]' refers to unknown term "
                "'no-such-term'.",
                "docs/guide.md:19:23: error[unknown-reference] '[[funding-rat]]' refers to unknown term 'funding-rat' "
                "(did you mean 'funding-rate'?)."]
    build = mkdocs_build(project)
    assert build.returncode == 1 and "Traceback" not in build.stderr
    assert all(line in build.stderr for line in expected), build.stderr
    assert (project / "site/guide/index.html").read_bytes() == before  # the previous site is kept
    lint = termsite(["lint"], project)
    assert lint.returncode == 1 and lint.stdout.splitlines()[:2] == expected


def test_a_missing_image_stops_the_build_naming_the_yaml_file_and_line(tmp_path: Path) -> None:
    project = make_docs_site(tmp_path / "site-project")
    (project / "docs/images/options-and-greeks.svg").unlink()
    lines = (project / "glossary/areas/options-and-greeks.yml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if text.strip().startswith("url: images/"))
    expected = (f"glossary/areas/options-and-greeks.yml:{line}:8: error[missing-file] image.url: "
                "'images/options-and-greeks.svg' is not in the site's files (docs/images/options-and-greeks.svg "
                "does not exist); add the image there or give its http(s) address.")
    build = mkdocs_build(project)
    assert build.returncode == 1 and expected in build.stderr and "Traceback" not in build.stderr
    assert not (project / "site").exists()
    lint = termsite(["lint"], project)
    assert lint.returncode == 1 and expected in lint.stdout.splitlines()


def test_the_generated_home_can_move_aside_for_the_site_s_own(tmp_path: Path) -> None:
    project = make_docs_site(tmp_path / "site-project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("content_dir: glossary",
                                                                 "content_dir: glossary\n      home_path: glossary/"),
                      encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    moved = soup_of(project / "site", "glossary/index.html")
    assert moved.find("h1").get_text() == "Example Exchange Docs"
    assert [a["href"] for a in moved.select(".termsite-cards .termsite-card-title a")][:1] == ["../area/financial-derivatives-liquidation/"]
    nodes = jsonld(project / "site", "glossary/index.html")
    assert "WebSite" not in nodes and nodes["CollectionPage"]["url"] == BASE + "glossary/"
    assert {"WebSite", "Organization"} <= set(jsonld(project / "site", "index.html"))


def test_opt_outs_per_page_per_term_and_site_wide(tmp_path: Path) -> None:
    project = make_docs_site(tmp_path / "site-project")
    guide = project / "docs/guide.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("---\ndescription:", "---\ntermsite: {autolink: false, jsonld: false}\n"
                                                      "description:"), encoding="utf-8")
    term = project / "glossary/terms/order-book.yml"
    term.write_text(term.read_text(encoding="utf-8") + "autolink: false\n", encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    content = soup_of(project / "site", "guide/index.html").find("article")
    assert [a.get_text() for a in content.select("a.termsite-term, a.termsite-ref")] == ["how funding works"]
    assert jsonld(project / "site", "guide/index.html") == {}
    limits = soup_of(project / "site", "reference/limits/index.html").find("article")
    assert limits.select("a.termsite-term") == []  # order book opted out
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("content_dir: glossary",
                                                                 "content_dir: glossary\n      autolink: false"),
                      encoding="utf-8")
    guide.write_text(text, encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    content = soup_of(project / "site", "guide/index.html").find("article")
    assert [a.get_text() for a in content.select("a.termsite-term, a.termsite-ref")] == ["how funding works"]
    assert "Article" in jsonld(project / "site", "guide/index.html")


def test_front_matter_faq_and_howto_steps(tmp_path: Path) -> None:
    project = make_docs_site(tmp_path / "site-project")
    (project / "docs/howto.md").write_text("""---
title: Close a position before liquidation
type: HowTo
author: alex-moreau
published: 2026-05-01T10:00:00+00:00
faq:
  - question: Does closing cost a fee?
    answer: Yes, the taker fee, and the funding rate until then. See [[insurance-fund]].
---
# Close a position before liquidation

Steps for a trader watching the mark price.

## Check the margin ratio

Open the position view and read the margin ratio.

## Reduce the position

Sell part of it with a limit order.
""", encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    site = project / "site"
    nodes = jsonld(site, "howto/index.html")
    howto = nodes["HowTo"]
    assert howto["name"] == howto["headline"] == "Close a position before liquidation"
    assert howto["author"] == {"@type": "Person", "name": "Alex Moreau",
                               "url": "https://glossary.termsite.example/about/#alex-moreau"}
    assert howto["datePublished"] == "2026-05-01T10:00:00+00:00"
    assert [(s["position"], s["name"], s["text"], s["url"]) for s in howto["step"]] == [
        (1, "Check the margin ratio", "Open the position view and read the margin ratio.",
         BASE + "howto/#check-the-margin-ratio"),
        (2, "Reduce the position", "Sell part of it with a limit order.", BASE + "howto/#reduce-the-position")]
    assert howto["description"] == "Steps for a trader watching the mark price."
    faq = nodes["FAQPage"]["mainEntity"]
    assert [(q["name"], q["acceptedAnswer"]["text"]) for q in faq] == [
        ("Does closing cost a fee?", "Yes, the taker fee, and the funding rate until then. See Insurance Fund.")]
    page = soup_of(site, "howto/index.html")
    assert page.find("meta", attrs={"name": "author"})["content"] == "Alex Moreau"  # the name, not the key
    answer = page.find(id="faq-1").find_next("div", class_="termsite-answer")
    # the funding rate is first mentioned here; the mark price was linked above, in the page's own text
    assert [a.get_text() for a in answer.find_all("a")] == ["funding rate", "Insurance Fund"]
    assert [a["href"] for a in page.find("nav", class_="md-nav--secondary").find_all("a")][-2:] == ["#faq", "#faq-1"]
    assert json.loads(json.dumps(howto))  # plain JSON throughout


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("example") / "site"
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


EXAMPLE = "https://glossary.termsite.example/"


def test_every_guide_of_the_example_links_terms_and_is_listed_on_their_pages(example_site: Path) -> None:
    guides = sorted((ROOT / "content/pages/guides").glob("*.md"))
    guides = [g for g in guides if g.name != "index.md"]
    assert len(guides) >= 4
    types = set()
    for guide in guides:
        page = f"guides/{guide.stem}/index.html"
        content = soup_of(example_site, page).find("article")
        linked = [a for a in content.select("a.termsite-term, a.termsite-ref")]
        assert len(linked) >= 3, page
        for link in linked:  # every link's tooltip is its term's summary
            slug = link["href"].rstrip("/").rsplit("/", 1)[-1]
            assert link["title"] == summary(slug), (page, slug)
        nodes = jsonld(example_site, page)
        article = next(node for kind, node in nodes.items() if kind in ("Article", "TechArticle", "HowTo"))
        types.add(article["@type"])
        mentioned = [node["@id"] for node in article.get("about", []) + article["mentions"]]
        assert len(mentioned) >= 3
        for node_id in mentioned:
            term_page = node_id[len(EXAMPLE):].split("#")[0] + "index.html"
            assert jsonld(example_site, term_page)["DefinedTerm"]["@id"] == node_id
            listed = soup_of(example_site, term_page).find(id="mentioned-in").find_next("ul")
            assert f"../../guides/{guide.stem}/" in [a["href"] for a in listed.find_all("a")], (page, term_page)
    assert {"HowTo", "Article"} <= types


def test_the_example_home_page_lists_the_guides(example_site: Path) -> None:
    home = soup_of(example_site, "index.html")
    section = home.find(id="guides")
    assert section is not None
    listed = [a["href"] for a in section.find_next("ul").find_all("a")]
    guides = sorted(g.stem for g in (ROOT / "content/pages/guides").glob("*.md") if g.name != "index.md")
    assert sorted(href.strip("/").rsplit("/", 1)[-1] for href in listed) == guides
