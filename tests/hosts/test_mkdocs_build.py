"""Real `mkdocs build --strict` runs: pages, URLs, links and the JSON-LD read back with extruct."""

from __future__ import annotations

import json
import re
from pathlib import Path

import extruct
import pytest

from conftest import MINIMAL_AREA, ROOT, make_site, mkdocs_build, termsite

BASE = "https://mini.termsite.example/"


def jsonld_of(page: Path) -> dict[str, dict]:
    """The page's JSON-LD nodes by @type, parsed by extruct as search engines' tools would.

    One node per type, except the Person nodes of an area page (one per author of its terms),
    which are listed under "Person"."""
    html = page.read_text(encoding="utf-8")
    nodes = extruct.extract(html, syntaxes=["json-ld"], uniform=True)["json-ld"]
    people = [node for node in nodes if node["@type"] == "Person"]
    by_type: dict = {node["@type"]: node for node in nodes if node["@type"] != "Person"}
    assert len(by_type) + len(people) == len(nodes), "one node per type on our pages"
    if people:
        by_type["Person"] = people
    return by_type


def script_blocks(page: Path) -> list[str]:
    return re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)


def test_every_page_kind_is_generated(mini_site: Path) -> None:
    for path in ["index.html", "area/index.html", "definition/index.html", "area/liquidation/index.html",
                 "area/pricing/index.html", "definition/mark-price/index.html", "definition/index-price/index.html",
                 "definition/margin-call/index.html"]:
        assert (mini_site / path).is_file(), path


def test_every_block_is_strict_json_in_the_head(mini_site: Path) -> None:
    for page in mini_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        for block in script_blocks(page):
            assert block in head
            node = json.loads(block, parse_constant=lambda c: pytest.fail(f"non-standard constant {c}"))
            assert node["@context"] == "https://schema.org"
            assert "<" not in block and ">" not in block and "&" not in block


def test_area_page_jsonld(mini_site: Path) -> None:
    nodes = jsonld_of(mini_site / "area/liquidation/index.html")
    assert set(nodes) == {"BreadcrumbList", "FAQPage", "CollectionPage", "Person"}
    url = BASE + "area/liquidation/"
    assert nodes["BreadcrumbList"]["@id"] == url + "#breadcrumb"
    assert [(i["position"], i["name"], i["item"]) for i in nodes["BreadcrumbList"]["itemListElement"]] == [
        (1, "Home", BASE), (2, "Area", BASE + "area/"), (3, "Liquidation", url)]
    assert nodes["FAQPage"]["mainEntity"] == [
        {"@type": "Question", "name": "What is the Trigger of Liquidation?",
         "acceptedAnswer": {"@type": "Answer", "text": "The mark price crossing the liquidation price."}},
        {"@type": "Question", "name": "Who runs it?",
         "acceptedAnswer": {"@type": "Answer", "text": "The exchange's risk engine, not a person."}},
    ]
    page = nodes["CollectionPage"]
    assert (page["@id"], page["url"], page["headline"], page["description"]) == (
        url, url, "Liquidation", "How positions are closed when margin runs out.")
    assert page["publisher"] == {"@type": "Organization", "name": "Mini publisher", "url": BASE}
    # Its own image is an SVG, which sharing services do not show: the area's card is its image.
    assert page["image"] == {"@type": "ImageObject", "url": BASE + "assets/cards/area/liquidation.png", "width": 1200,
                             "height": 630, "caption": "Liquidation: How positions are closed when margin runs out."}
    mark, call = page["hasPart"]
    # compact: an area lists hundreds of terms; the author is the page's one Person node, the image its URL
    assert mark == {
        "@type": "Article", "@id": BASE + "definition/mark-price/", "url": BASE + "definition/mark-price/",
        "headline": "Mark Price",
        "description": "The fair reference price used to value positions & trigger liquidations.",
        "datePublished": "2026-01-10T09:00:00+00:00", "dateModified": "2026-03-01T12:00:00+00:00",
        "author": {"@id": BASE + "#author-ana"},
        "image": BASE + "images/liquidation.svg",
    }
    assert (call["headline"], call["dateModified"], call["author"]) == (
        "Margin Call", "2026-01-12T09:00:00+00:00", {"@id": BASE + "#author-ana"})
    assert nodes["Person"] == [{"@context": "https://schema.org", "@type": "Person", "@id": BASE + "#author-ana",
                                "name": "Ana Example", "url": "https://mini.termsite.example/"}]


def test_area_page_shows_what_its_markup_says(mini_site: Path) -> None:
    html = (mini_site / "area/liquidation/index.html").read_text(encoding="utf-8")
    assert '<h3 id="faq-1">What is the Trigger of Liquidation?</h3>' in html
    assert "The exchange&#39;s risk engine, not a person." in html or "The exchange's risk engine, not a person." in html
    # the summary shows beside each term of the list, so it is not repeated as a tooltip
    assert '<li><a href="../../definition/mark-price/">Mark Price</a><span class="termsite-summary-text"> — The fair ' \
           'reference price used to value positions &amp; trigger liquidations.</span></li>' in html
    assert html.index(">Mark Price</a>") < html.index(">Margin Call</a>")  # the area's explicit order


def test_term_page_jsonld(mini_site: Path) -> None:
    nodes = jsonld_of(mini_site / "definition/mark-price/index.html")
    assert set(nodes) == {"BreadcrumbList", "Article", "DefinedTerm", "FAQPage"}
    url = BASE + "definition/mark-price/"
    assert [(i["position"], i["name"], i["item"]) for i in nodes["BreadcrumbList"]["itemListElement"]] == [
        (1, "Home", BASE), (2, "Definition", BASE + "definition/"), (3, "Mark Price", url)]
    article = nodes["Article"]
    assert (article["@id"], article["mainEntityOfPage"], article["about"]) == (url, url, {"@id": url + "#term"})
    assert article["publisher"] == {"@type": "Organization", "name": "Mini publisher", "url": BASE}
    assert (article["datePublished"], article["dateModified"]) == ("2026-01-10T09:00:00+00:00",
                                                                   "2026-03-01T12:00:00+00:00")
    term = nodes["DefinedTerm"]
    assert term == {
        "@context": "https://schema.org", "@type": "DefinedTerm", "@id": url + "#term", "name": "Mark Price",
        "description": "The fair reference price used to value positions & trigger liquidations.",
        "alternateName": ["MP", "fair price"], "url": url,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": BASE + "definition/#glossary", "name": "Mini glossary"},
    }
    assert nodes["FAQPage"]["mainEntity"][0]["name"] == "Why not the last traded price?"


def test_a_term_without_faq_has_no_faqpage(mini_site: Path) -> None:
    assert set(jsonld_of(mini_site / "definition/index-price/index.html")) == {
        "BreadcrumbList", "Article", "DefinedTerm"}


def test_index_and_home_jsonld(mini_site: Path) -> None:
    home = jsonld_of(mini_site / "index.html")
    assert set(home) == {"WebSite", "Organization"}
    assert home["WebSite"]["publisher"] == {"@id": BASE + "#organization"}
    az = jsonld_of(mini_site / "definition/index.html")
    term_set = az["DefinedTermSet"]
    assert term_set["@id"] == BASE + "definition/#glossary"
    assert [t["name"] for t in term_set["hasDefinedTerm"]] == ["Index Price", "Margin Call", "Mark Price"]
    assert [t["url"] for t in term_set["hasDefinedTerm"]][0] == BASE + "definition/index-price/"
    areas = jsonld_of(mini_site / "area/index.html")["CollectionPage"]
    assert [(p["headline"], p["url"]) for p in areas["hasPart"]] == [
        ("Liquidation", BASE + "area/liquidation/"), ("Pricing", BASE + "area/pricing/")]


def test_term_page_links_everything_both_ways(mini_site: Path) -> None:
    html = (mini_site / "definition/index-price/index.html").read_text(encoding="utf-8")
    related = html[html.index('id="related"'):]
    assert 'href="../mark-price/"' in related  # mark-price lists index-price as related
    backlinks = html[html.index('id="referenced-by"'):]
    assert 'href="../mark-price/"' in backlinks  # mark-price's body mentions the index price
    area = html[html.index("termsite-areas"):]
    assert 'href="../../area/pricing/"' in area


def test_sharing_metadata(mini_site: Path) -> None:
    html = (mini_site / "definition/mark-price/index.html").read_text(encoding="utf-8")
    for tag in [
        '<link rel="canonical" href="https://mini.termsite.example/definition/mark-price/">',
        '<meta name="description" content="The fair reference price used to value positions &amp; trigger '
        'liquidations.">',
        '<meta property="og:title" content="Mark Price">',
        '<meta property="og:type" content="article">',
        '<meta property="og:url" content="https://mini.termsite.example/definition/mark-price/">',
        '<meta property="og:image" content="https://mini.termsite.example/assets/cards/definition/mark-price.png">',
        '<meta property="og:image:width" content="1200">',
        '<meta property="og:image:height" content="630">',
        '<meta property="og:image:alt" content="Mark Price: The fair reference price used to value positions &amp; '
        'trigger liquidations.">',
        '<meta name="twitter:card" content="summary_large_image">',
        "<title>Mark Price - Mini glossary</title>",
    ]:
        assert tag in html


def test_the_packaged_stylesheet_styles_a_site_without_overrides(tmp_path: Path) -> None:
    """A site with no custom_dir and no extra_css of its own still gets termsite's stylesheet."""
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, "authors.yml": "",
                                   "terms/mark-price.yml": "title: Mark Price\nsummary: The fair price.\n"
                                                           "areas: [liquidation]\n"})
    (project / "content/authors.yml").unlink()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    css = project / "site/assets/termsite/termsite.css"
    assert ".termsite-breadcrumb" in css.read_text(encoding="utf-8")
    for page, href in [("index.html", "assets/termsite/termsite.css"),
                       ("definition/mark-price/index.html", "../../assets/termsite/termsite.css")]:
        assert f'<link rel="stylesheet" href="{href}">' in (project / "site" / page).read_text(encoding="utf-8")


def test_nav_does_not_grow_with_terms(mini_site: Path) -> None:
    html = (mini_site / "definition/mark-price/index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    assert "margin-call" not in nav and "index-price" not in nav


def test_search_finds_terms_by_alias(mini_site: Path) -> None:
    index = json.loads((mini_site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("definition/mark-price/"))
    assert "fair price" in texts and "MP" in texts


HOSTILE = "</script><script>alert(1)</script> <!-- x --> {{ jinja }} \u202e"


def test_a_script_bearing_title_stays_inert(tmp_path: Path) -> None:
    # Plain-text fields refuse what reads as a tag ('<x', '</', '<!'); what they accept is escaped.
    # Markdown fields accept anything and show raw HTML as text. (More in tests/hostile/.)
    title = 'Evil -->&lt; & "quotes" {{ jinja }} {% raw %} a < b'
    project = make_site(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA + 'faq:\n  - question: "Is 1 < 2 & safe?"\n'
                                                "    answer: Yes, <!-- it --> is & stays text. </script>\n",
        "terms/evil.yml": f"title: '{title}'\nsummary: 'A summary with a > b and x < y.'\n"
                          "areas: [liquidation]\naliases: ['x < y \"z\"']\n"
                          "body: |\n  Body </script><script>alert(2)</script> <img src=x onerror=alert(1)> "
                          "[x](javascript:alert(3)) {% raw %}\n",
    })
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    for page in [project / "site/definition/evil/index.html", project / "site/area/liquidation/index.html",
                 project / "site/definition/index.html"]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html
        assert "<img src=x" not in html and 'href="javascript' not in html
        for block in script_blocks(page):
            json.loads(block)
    nodes = jsonld_of(project / "site/definition/evil/index.html")
    assert nodes["DefinedTerm"]["name"] == title
    assert nodes["DefinedTerm"]["alternateName"] == ['x < y "z"']
    html = (project / "site/definition/evil/index.html").read_text(encoding="utf-8")
    assert "Evil --&gt;&amp;lt; &amp; &#34;quotes&#34; {{ jinja }} {% raw %} a &lt; b" in html
    assert "<title>Evil --&gt;&amp;lt;" in html


def test_a_content_error_stops_the_build_and_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_site(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/mark-price.yml": "title: Mark Price\nsummary: S.\nareas: [liquidation]\n",
    })
    assert mkdocs_build(project).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    (project / "content/terms/mark-price.yml").write_text("title: Mark Price\nsummary: S.\nareas: [liquidaton]\n")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert ("content/terms/mark-price.yml:3:1: error[unknown-reference] areas: unknown area 'liquidaton' "
            "(did you mean 'liquidation'?).") in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before


def test_a_failure_late_in_the_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA})
    assert mkdocs_build(project).returncode == 0
    before = sorted(p.relative_to(project) for p in (project / "site").rglob("*"))
    # a hand-written page with a broken link: strict mode aborts after every page was written
    (project / "docs/broken.md").write_text("# Broken\n\n[missing](nowhere.md)\n")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert sorted(p.relative_to(project) for p in (project / "site").rglob("*")) == before
    assert not list(project.glob(".site.termsite-staging*"))


def test_lint_reports_the_same_problem_without_a_traceback(tmp_path: Path) -> None:
    project = make_site(tmp_path, {
        "areas/liquidation.yml": MINIMAL_AREA,
        "terms/mark-price.yml": "title: Mark Price\nsummary: S.\nareas: [liquidaton]\n",
    })
    result = termsite(["lint"], project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "content/terms/mark-price.yml:3:1: error[unknown-reference] areas: unknown area 'liquidaton' "
        "(did you mean 'liquidation'?).")
    assert "Traceback" not in result.stderr


def test_the_example_site_builds(tmp_path: Path) -> None:
    result = mkdocs_build(ROOT, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    site = tmp_path / "site"
    area = site / "area/financial-derivatives-liquidation/index.html"
    nodes = jsonld_of(area)
    questions = [q["name"] for q in nodes["FAQPage"]["mainEntity"]]
    for aspect in ("Trigger", "Process", "Consequence"):
        assert f"What is the {aspect} of Financial Derivatives Liquidation?" in questions
    parts = [p["headline"] for p in nodes["CollectionPage"]["hasPart"]]
    assert {"Margin Call Protocol Logic", "Bankruptcy Proceedings", "Intraday Liquidation"} <= set(parts)
    # every author that hasPart refers to is described once on the page
    people = {person["@id"]: person["name"] for person in nodes["Person"]}
    assert {part["author"]["@id"] for part in nodes["CollectionPage"]["hasPart"]} == set(people)
    assert len(people) == len(nodes["Person"])
    terms = list((site / "definition").glob("*/index.html"))
    areas = list((site / "area").glob("*/index.html"))
    assert len(terms) >= 40 and len(areas) >= 5
    assert not list(tmp_path.glob(".site.termsite-staging*"))
    # our own output meets our own standard: no errors and no warnings from the checker
    check = termsite(["check", str(site)], ROOT)
    assert check.returncode == 0, check.stdout[-3000:]
    assert check.stdout.splitlines()[-1].startswith(f"checked {len(list(site.rglob('*.html')))} pages: "
                                                    "0 errors, 0 warnings")


def test_long_listings_continue_on_linked_pages_with_their_own_jsonld(tmp_path: Path) -> None:
    terms = {f"terms/term-{c}.yml": f"title: {c.upper()}{c} term\nsummary: About {c}.\nareas: [liquidation]\n"
             for c in "abcde"}
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA, **terms},
                        plugin_options={"index_page_size": 2})
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    base = "https://test.termsite.example/"
    parts = [site / "definition/index.html", site / "definition/page/2/index.html", site / "definition/page/3/index.html"]
    names = [[t["name"] for t in jsonld_of(p)["DefinedTermSet"]["hasDefinedTerm"]] for p in parts]
    assert names == [["Aa term", "Bb term"], ["Cc term", "Dd term"], ["Ee term"]]
    second = jsonld_of(parts[1])["BreadcrumbList"]["itemListElement"]
    assert [(i["name"], i["item"]) for i in second] == [
        ("Home", base), ("Definition", base + "definition/"), ("Page 2", base + "definition/page/2/")]
    html = parts[1].read_text(encoding="utf-8")
    nav = html[html.index('<nav class="termsite-pagination"'):]
    nav = re.sub(r"\s+", " ", nav[: nav.index("</nav>")])
    assert ('<li><a href="../../">1</a></li><li aria-current="page">2</li><li><a href="../3/">3</a></li>'
            in nav)
    # the letter bar leads to the page where each letter starts
    assert 'href="../3/#letter-e"' in html and 'href="#letter-c"' in html
    area_parts = [site / "area/liquidation/index.html", site / "area/liquidation/page/2/index.html",
                  site / "area/liquidation/page/3/index.html"]
    collections = [jsonld_of(p)["CollectionPage"] for p in area_parts]
    assert [[a["headline"] for a in c["hasPart"]] for c in collections] == [
        ["Aa term", "Bb term"], ["Cc term", "Dd term"], ["Ee term"]]
    assert collections[1]["@id"] == base + "area/liquidation/page/2/"
    assert "FAQPage" not in jsonld_of(area_parts[1])


def test_page_is_a_reserved_slug(tmp_path: Path) -> None:
    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA,
                                   "terms/page.yml": "title: Page\nsummary: S.\nareas: [liquidation]\n"})
    result = termsite(["lint"], project)
    assert result.returncode == 1
    assert "content/terms/page.yml:1:1: error[reserved-slug]" in result.stdout


def test_a_large_area_page_stays_light(tmp_path: Path) -> None:
    """An area of 240 terms (the largest of a 10,000-term synthetic glossary): under 250 KB of HTML,
    with its map capped and its hasPart complete."""
    project = tmp_path / "synth"
    assert termsite(["synth", "--terms", "240", "--areas", "1", "--seed", "7", "--out", str(project)],
                    tmp_path).returncode == 0
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    (page,) = (project / "site/area").glob("*/index.html")
    assert page.stat().st_size < 250_000
    nodes = jsonld_of(page)
    assert len(nodes["CollectionPage"]["hasPart"]) == 240
    html = page.read_text(encoding="utf-8")
    start = html.index("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"termsite-relmap-svg\"")
    svg = html[start:html.index("</svg>", start)]
    assert svg.count('class="termsite-relmap-node"') == 40
    assert '<a href="#terms">and 200 more</a>' in html


def test_a_rebuild_replaces_the_site_and_the_old_one_goes(tmp_path: Path) -> None:
    """The build does not wait while the previous site is deleted; a detached process removes it."""
    import time

    project = make_site(tmp_path, {"areas/liquidation.yml": MINIMAL_AREA,
                                   "terms/mark-price.yml": "title: Mark Price\nsummary: S.\nareas: [liquidation]\n"})
    assert mkdocs_build(project).returncode == 0
    (project / "site" / "stale.txt").write_text("from the build before", encoding="utf-8")
    assert mkdocs_build(project).returncode == 0
    assert (project / "site/definition/mark-price/index.html").is_file()
    assert not (project / "site" / "stale.txt").exists()
    deadline = time.monotonic() + 60
    while list(tmp_path.glob(".site.termsite-*")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert list(tmp_path.glob(".site.termsite-*")) == []
