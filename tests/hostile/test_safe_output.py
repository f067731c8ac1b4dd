"""A hostile but valid glossary, built for real: everything a contributor wrote stays inert.

Markdown fields carry every trick (raw HTML, comments, template syntax, javascript: and
data: links in every Markdown spelling); plain-text fields carry what they accept and is
still awkward in HTML (&, quotes, '<' before a space, '-->', entity text, template syntax).
The built pages are parsed and checked where a browser or a crawler would act on them: the
DOM (scripts, event handlers, URLs), the head (title, description, Open Graph), the link
tooltips that mkdocs-material inserts as HTML, the JSON-LD, and the search index.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from conftest import make_site, mkdocs_build, termsite

TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset", "xlink:href")

TITLE = "Evil & \"quoted\" 'single' {{ jinja }} {% raw %} a < b --> &lt;script&gt;"
SUMMARY = "A summary & \"tooltip\" {{ x }} with a < b and &lt;img src=x onerror=alert(1)&gt; text."
ALIASES = ["x < y", "Evil alias {% endraw %}"]
CAPTION = 'A chart & "quotes", a < b.'
QUESTION = "Is it safe & sound --> {{ q }}?"
BODY = """\
Body </script><script>alert(1)</script> and <!-- comment --> and <img src=x onerror=alert(2)>.
P&L and amp.

[js](javascript:alert(3)) [JS](JaVaScRiPt:alert(4)) [ent](&#106;avascript:alert(5))
[tab](java&#09;script:alert(6)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox(7))
[ref][1] and [ref2][evil] and <javascript:alert(8)> and <https://ok.example/> and <mailto:a@example.org>
![img](javascript:alert(9)) ![svg](data:image/svg+xml;base64,PHN2Zz4=) ![ok](https://example.org/a.png)
[ok](https://example.org/ "a title with <b>") [t](https://example.org/t "a < b & c") [mail](mailto:a@example.org) [rel](../other/) [[evil]] [[other|the <b>other</b>]]

[1]: javascript:alert(10)
[evil]: data:text/html,<script>alert(11)</script>

{{ jinja }} {% raw %} {% endraw %} {# comment #}

<div onclick="alert(12)">div</div>

```html
<script>alert(13)</script>
```

| a | b |
|---|---|
| <script>alert(14)</script> | `<b>code</b>` |
"""
ANSWER = "Yes <script>alert(15)</script> [x](javascript:alert(16)) <svg onload=alert(17)>"


def _yaml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def hostile_glossary() -> dict[str, str]:
    return {
        "authors.yml": 'ana:\n  name: "Ana & Co <3"\n  url: https://example.org/ana?a=1&b=2\n',
        "areas/liquidation.yml": (
            f"title: {_yaml('Liquidation & Risk {{ area }}')}\n"
            f"description: {_yaml('Closes a < b & c > d positions {% raw %}.')}\n"
            "intro: |\n" + "".join(f"  {line}\n" for line in BODY.splitlines()) +
            f"faq:\n  - aspect: {_yaml('Trigger & {{x}}')}\n    answer: {_yaml(ANSWER)}\n"
            f"  - question: {_yaml('Area ' + QUESTION)}\n    answer: {_yaml('An answer <!-- with a comment')}\n"),
        "terms/evil.yml": (
            f"title: {_yaml(TITLE)}\nsummary: {_yaml(SUMMARY)}\naliases: {json.dumps(ALIASES)}\n"
            "areas: [liquidation]\nrelated: [other]\n"
            "body: |\n" + "".join(f"  {line}\n" for line in BODY.splitlines()) +
            f"faq:\n  - question: {_yaml(QUESTION)}\n    answer: {_yaml(ANSWER)}\n"
            "sources:\n  - title: 'Source & <3'\n    url: 'https://example.org/s?a=1&b=2'\n"
            f"image: {{url: images/chart.svg, width: 1200, height: 630, caption: {_yaml(CAPTION)}}}\n"
            "author: ana\npublished: 2026-01-01T00:00:00+00:00\n"),
        # related both ways (a cycle), an alias that is also an entity name, a link back to evil
        "terms/other.yml": ("title: Other\nsummary: The other term, related both ways.\naliases: [amp]\n"
                            "areas: [liquidation]\nrelated: [evil]\nbody: See [[evil]] and [[other]].\n"),
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_site(tmp_path_factory.mktemp("safe"), hostile_glossary())
    config = project / "mkdocs.yml"  # the example site's theme feature that treats title attributes as HTML
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", "  name: material\n  features:\n    - content.tooltips\n"), encoding="utf-8")
    # a stale staging folder, as a build killed earlier leaves it: it must not leak into the site
    stale = project / ".site.termsite-staging"
    stale.mkdir()
    (stale / "stale.html").write_text("<script>alert('stale')</script>", encoding="utf-8")
    (project / "docs/images").mkdir(parents=True)
    (project / "docs/images/chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return project / "site"


PAGES = ["definition/evil/index.html", "definition/other/index.html", "area/liquidation/index.html",
         "definition/index.html", "area/index.html", "index.html"]


def parsed(site: Path, page: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / page).read_bytes())


def jsonld_blocks(tree: lxml.html.HtmlElement) -> list[str]:
    return [script.text or "" for script in tree.xpath("//script[@type='application/ld+json']")]


def nodes_by_type(tree: lxml.html.HtmlElement) -> dict[str, dict]:
    return {node["@type"]: node for node in map(json.loads, jsonld_blocks(tree))}


@pytest.mark.parametrize("page", PAGES)
def test_no_script_runs_and_no_url_is_dangerous(site: Path, page: str) -> None:
    tree = parsed(site, page)
    for script in tree.xpath("//script[not(@type='application/ld+json')]"):  # JSON-LD is data, checked below
        assert "alert(" not in (script.text or ""), lxml.html.tostring(script)[:200]
        assert not (script.get("src") or "").strip().lower().startswith(("javascript:", "data:"))
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name.lower() in URL_ATTRIBUTES:
                squeezed = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                assert not squeezed.startswith(("javascript:", "data:", "vbscript:")), (element.tag, name, value)
    article = tree.xpath("//article")[0]  # the theme has a search form of its own
    assert not article.xpath(".//iframe | .//object | .//embed | .//form | .//input | .//style")
    assert not tree.xpath("//base | //meta[@http-equiv]")


def test_the_contributors_text_is_shown_as_written(site: Path) -> None:
    tree = parsed(site, "definition/evil/index.html")
    text = tree.xpath("string(//article)")
    for shown in ["Body </script><script>alert(1)</script> and <!-- comment --> and <img src=x onerror=alert(2)>.",
                  "{{ jinja }} {% raw %} {% endraw %} {# comment #}", '<div onclick="alert(12)">div</div>',
                  "<script>alert(13)</script>", "<javascript:alert(8)>", "P&L and amp", TITLE, SUMMARY, ALIASES[0],
                  "Yes <script>alert(15)</script>"]:
        assert shown in text, shown
    # Markdown that is allowed still works: http(s), mailto and relative links, images, tables, code
    assert tree.xpath("//a[@href='https://ok.example/']") and tree.xpath("//a[@href='mailto:a@example.org']")
    assert tree.xpath("//a[@href='../other/']") and tree.xpath("//img[@src='https://example.org/a.png']")
    assert tree.xpath("//table//code[text()='<b>code</b>']")
    # a Markdown title that reads as markup is dropped (the theme would insert it as HTML), others stay
    assert tree.xpath("//a[@href='https://example.org/'][not(@title)]")
    assert tree.xpath("//a[@href='https://example.org/t'][@title='a < b & c']")
    # the tricks are links without a target, or text
    for label in ["js", "JS", "ent", "tab", "data", "vb"]:
        links = tree.xpath(f"//a[text()='{label}']")
        assert links and all(link.get("href") is None for link in links), label


def test_the_head_carries_the_exact_text(site: Path) -> None:
    tree = parsed(site, "definition/evil/index.html")
    assert tree.findtext(".//title") == f"{TITLE} - Test glossary"

    def meta(attribute: str, name: str) -> str:
        values = tree.xpath(f"//meta[@{attribute}='{name}']/@content")
        assert len(values) == 1, name
        return values[0]

    assert meta("name", "description") == SUMMARY
    assert meta("property", "og:title") == meta("name", "twitter:title") == TITLE
    assert meta("property", "og:description") == meta("name", "twitter:description") == SUMMARY
    # The shared image is the page's card, described by the words drawn on it.
    assert meta("property", "og:image:alt") == meta("name", "twitter:image:alt") == f"{TITLE}: {SUMMARY}"


def test_tooltips_hold_no_markup(site: Path) -> None:
    # With content.tooltips, mkdocs-material inserts a title attribute's text as HTML.
    titles = {}
    for page in PAGES:
        for element in parsed(site, page).xpath("//*[@title]"):
            assert not TAG_LIKE.search(element.get("title")), (page, element.get("title"))
            titles.setdefault(element.get("href"), set()).add(element.get("title"))
    tree = parsed(site, "definition/other/index.html")
    assert {link.get("title") for link in tree.xpath("//a[@href='../evil/']")} == {SUMMARY}


def test_jsonld_is_valid_escaped_json_with_the_exact_text(site: Path) -> None:
    for page in PAGES:
        for block in jsonld_blocks(parsed(site, page)):
            assert not set("<>&") & set(block), page
            json.loads(block, parse_constant=lambda name: pytest.fail(name))
    nodes = nodes_by_type(parsed(site, "definition/evil/index.html"))
    term = nodes["DefinedTerm"]
    assert (term["name"], term["description"], term["alternateName"]) == (TITLE, SUMMARY, ALIASES)
    question = nodes["FAQPage"]["mainEntity"][0]
    assert question["name"] == QUESTION
    assert question["acceptedAnswer"]["text"].startswith("Yes &lt;script&gt;alert(15)&lt;/script&gt; x")
    assert nodes["Article"]["image"]["caption"] == f"{TITLE}: {SUMMARY}"  # its card: the image is an SVG
    assert nodes["Article"]["author"] == {"@type": "Person", "name": "Ana & Co <3", "url": "https://example.org/ana?a=1&b=2"}


def test_the_search_index_holds_html_escaped_text(site: Path) -> None:
    # mkdocs-material shows search results' title and text as HTML.
    docs = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        assert not TAG_LIKE.search(doc["title"]) and not TAG_LIKE.search(doc["text"]), doc
    evil = next(doc for doc in docs if doc["location"] == "definition/evil/")
    assert "&lt;img src=x onerror=alert(2)&gt;" in evil["text"]
    assert evil["title"] == TITLE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_cycles_and_self_references_are_plain_links(site: Path) -> None:
    evil, other = parsed(site, "definition/evil/index.html"), parsed(site, "definition/other/index.html")
    assert evil.xpath("//*[@id='related']/following-sibling::ul[1]//a[@href='../other/']")
    assert other.xpath("//*[@id='related']/following-sibling::ul[1]//a[@href='../evil/']")
    assert other.xpath("//a[@href='./' or @href='../other/'][text()='Other']")  # [[other]] on its own page
    # the alias 'amp' is linked where it is a word, never inside '&amp;'
    html = (site / "definition/evil/index.html").read_text(encoding="utf-8")
    assert "P&amp;L and <a" in html and "&<a" not in html


def test_a_stale_staging_folder_does_not_leak(site: Path) -> None:
    assert not (site / "stale.html").exists()
    assert not list(site.parent.glob(".site.termsite-staging*"))


@pytest.fixture(scope="module")
def check_errors(site: Path) -> list[dict]:
    result = termsite(["check", str(site), "--site-url", "https://test.termsite.example/", "--format", "json"],
                      site.parent)
    assert "Traceback" not in result.stderr and result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(result.stdout)
    problems = report["problems"] if isinstance(report, dict) else report
    return [p for p in problems if p.get("severity") == "error"]


def test_termsite_check_finds_no_error(check_errors: list[dict]) -> None:
    # Includes faq-text-visible: an answer that shows '<script>' as text says the same in Answer.text,
    # which consumers read as HTML (jsonld.py escapes it).
    assert check_errors == [], json.dumps(check_errors, indent=1)[:3000]
