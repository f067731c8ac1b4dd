"""Sharing and reuse in the real browser: every page's card, definitions embedded on another
origin, the analytics event, the copy button, print styles and the PDF of print/.

A partner's page is served from a second localhost port (another origin); the glossary is
served as GitHub Pages serves it, with ``Access-Control-Allow-Origin: *``, and once without
it, to see the embed fall back to plain links.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import subprocess
import threading
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from conftest import ROOT, termsite
from termsite.site.cards import CARD_HEIGHT, CARD_WIDTH
from termsite.site.embed import EMBED_SCRIPT

from .conftest import DESKTOP, ExampleSite, Session, _StaticHandler, open_session

pytestmark = pytest.mark.browser

EMBED_SOURCE = ROOT / "tools/termsite/site/assets/termsite-embed.js"
EMBED_MINIFIED = ROOT / "tools/termsite/site/assets/termsite-embed.min.js"
TERSER = Path(__file__).resolve().parent / "node_modules/.bin/terser"
EMBED_BUDGET_BYTES = 8 * 1024


class _CorsHandler(_StaticHandler):
    """The glossary as GitHub Pages serves it: any origin may read its files."""

    def end_headers(self) -> None:
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()


@contextmanager
def serve(directory: Path, handler_class: type[http.server.SimpleHTTPRequestHandler] = _StaticHandler
          ) -> Iterator[str]:
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def glossary_url(example_site: ExampleSite) -> Iterator[str]:
    with serve(example_site.root, _CorsHandler) as url:
        yield url


PARTNER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>An exchange's help centre</title>
<script src="{glossary}termsite-embed.js" defer></script>
<script>
  window.shownTerms = [];
  document.addEventListener("termsite:term-shown", (event) => window.shownTerms.push(event.detail));
  window.shifts = 0;
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => {{
    if (!entry.hadRecentInput) window.shifts += entry.value;
  }})).observe({{type: "layout-shift", buffered: true}});
</script>
<style>body {{ font: 16px/1.5 sans-serif; max-width: 40rem; margin: 2rem auto; }}</style>
</head><body>
<h1>How positions are valued</h1>
<p id="marked">Your position is valued at the <span data-term="mark-price">mark price</span>, not at the last trade.
 <button id="after">Next</button></p>
<div id="found" data-termsite-autolink>
  <h2>Funding rate basics</h2>
  <p>The funding rate moves with the premium. The funding rate again, and the insurance fund
  backs liquidations. adl in lower case is not the abbreviation; ADL is.</p>
  <p><code>funding rate</code> in code stays code.</p>
</div>
</body></html>
"""


@pytest.fixture
def partner(browser: Browser) -> Iterator[Session]:
    with open_session(browser, "http://127.0.0.1/", DESKTOP) as session:
        yield session


@contextmanager
def partner_page(tmp_path: Path, glossary: str) -> Iterator[str]:
    (tmp_path / "index.html").write_text(PARTNER_PAGE.format(glossary=glossary), encoding="utf-8")
    with serve(tmp_path) as url:
        yield url


def open_partner(session: Session, url: str) -> Page:
    page = session.context.new_page()
    page.goto(url)
    page.wait_for_function("document.querySelectorAll('[data-termsite-done]').length >= 4")
    session.settle(page)
    return page


# Cards
def test_every_page_shares_a_1200_by_630_png_card_of_its_own(desktop: Session, example_site: ExampleSite) -> None:
    cards = {}
    for path in example_site.page_paths():
        if path == "404.html":
            continue
        html = (example_site.root / (path + "index.html" if path.endswith("/") or not path else path)).read_text(
            encoding="utf-8")
        head = BeautifulSoup(html, "html.parser").head
        image = head.find("meta", property="og:image")["content"]
        assert head.find("meta", property="og:image:width")["content"] == str(CARD_WIDTH), path
        assert head.find("meta", property="og:image:height")["content"] == str(CARD_HEIGHT), path
        assert head.find("meta", property="og:image:alt")["content"], path
        assert head.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image", path
        assert image.startswith(example_site.site_url + "assets/cards/") and image.endswith(".png"), path
        cards[path] = desktop.url(image[len(example_site.site_url):])
    page = desktop.open("")
    measured = page.evaluate("""async (cards) => {
        const out = {};
        for (const [path, url] of Object.entries(cards)) {
            const response = await fetch(url);
            const bytes = await response.arrayBuffer();
            const bitmap = await createImageBitmap(new Blob([bytes]));
            const digest = await crypto.subtle.digest("SHA-256", bytes);
            out[path] = {type: response.headers.get("content-type"), width: bitmap.width, height: bitmap.height,
                         hash: Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, "0")).join("")};
        }
        return out;
    }""", cards)
    assert {(m["type"], m["width"], m["height"]) for m in measured.values()} == {("image/png", CARD_WIDTH, CARD_HEIGHT)}
    hashes = [m["hash"] for m in measured.values()]
    assert len(set(hashes)) == len(hashes) == len(cards)  # no two pages share a picture
    assert {"", "definition/mark-price/", "area/risk-management/", "guides/reading-funding-rates/", "about/",
            "print/"} <= set(measured)
    desktop.assert_clean()


def test_the_checker_finds_no_image_warning_left_on_the_example(example_site: ExampleSite) -> None:
    result = termsite(["check", str(example_site.root)], ROOT)  # with the example's mkdocs.yml
    assert "has no image" not in result.stdout and "Article.image" not in result.stdout, result.stdout[-3000:]
    assert re.search(r"checked \d+ pages: 0 errors, 0 warnings", result.stdout), result.stdout[-3000:]
    assert result.returncode == 0


# Embedding on another origin
def test_a_page_on_another_origin_shows_definitions_on_hover_and_focus(partner: Session, glossary_url: str,
                                                                       example_site: ExampleSite, tmp_path: Path,
                                                                       artifacts: Path) -> None:
    mark = example_site.glossary.terms["mark-price"]
    with partner_page(tmp_path, glossary_url) as url:
        assert urlport(url) != urlport(glossary_url)
        page = open_partner(partner, url)
        link = page.locator('#marked a[data-term="mark-price"]')
        expect(link).to_have_attribute("href", glossary_url + "definition/mark-price/")
        expect(link).to_have_text("mark price")
        tip_id = link.get_attribute("aria-describedby")
        tip = page.locator(f"#{tip_id}")
        expect(tip).to_have_attribute("role", "tooltip")
        expect(tip).to_be_hidden()
        before = page.evaluate("() => [document.getElementById('marked').getBoundingClientRect().toJSON(),"
                               " document.querySelector('#marked a').getBoundingClientRect().toJSON()]")

        link.hover()
        expect(tip).to_be_visible()
        expect(tip).to_contain_text(mark.title)
        expect(tip).to_contain_text(mark.summary)
        box, target = tip.bounding_box(), link.bounding_box()
        assert box is not None and target is not None and box["y"] >= target["y"] + target["height"]
        page.screenshot(path=artifacts / "embed-tooltip.png")
        after = page.evaluate("() => [document.getElementById('marked').getBoundingClientRect().toJSON(),"
                              " document.querySelector('#marked a').getBoundingClientRect().toJSON()]")
        assert after == before  # the tooltip floats over the page: nothing moved
        page.mouse.move(5, 5)
        expect(tip).to_be_hidden()

        page.locator("#after").focus()
        page.keyboard.press("Shift+Tab")
        expect(link).to_be_focused()
        expect(tip).to_be_visible()
        page.keyboard.press("Escape")
        expect(tip).to_be_hidden()
        expect(link).to_be_focused()

        shown = page.evaluate("window.shownTerms")
        assert shown[:2] == [{"slug": "mark-price", "title": mark.title, "page": glossary_url + "definition/mark-price/",
                              "source": "embed"}] * 2
        assert page.evaluate("window.shifts") == 0
    partner.assert_clean()


def test_an_autolink_container_finds_terms_by_name_once_each(partner: Session, glossary_url: str,
                                                             example_site: ExampleSite, tmp_path: Path) -> None:
    terms = example_site.glossary.terms
    with partner_page(tmp_path, glossary_url) as url:
        page = open_partner(partner, url)
        links = page.locator("#found a[data-term]")
        found = [(link.get_attribute("data-term"), link.inner_text()) for link in links.all()]
        assert found == [("funding-rate", "funding rate"), ("insurance-fund", "insurance fund"),
                         ("auto-deleveraging", "ADL")]
        assert "ADL" in terms["auto-deleveraging"].aliases
        assert page.locator("#found h2 a, #found code a").count() == 0  # headings and code are left alone
        page.locator('#found a[data-term="insurance-fund"]').hover()
        expect(page.locator('[role="tooltip"]:visible')).to_contain_text(terms["insurance-fund"].summary)
    partner.assert_clean()


def test_without_cors_the_embed_leaves_plain_links(partner: Session, example_site: ExampleSite,
                                                    tmp_path: Path) -> None:
    with serve(example_site.root) as glossary, partner_page(tmp_path, glossary) as url:
        page = partner.context.new_page()
        page.goto(url)
        page.wait_for_function("document.querySelectorAll('#marked a[data-term]').length === 1")
        page.wait_for_timeout(500)  # the fetch has failed by now
        link = page.locator('#marked a[data-term="mark-price"]')
        expect(link).to_have_attribute("href", glossary + "definition/mark-price/")
        assert link.get_attribute("aria-describedby") is None
        link.hover()
        assert page.locator('[role="tooltip"]').count() == 0
        assert page.evaluate("window.shownTerms") == []
        partner.settle(page)


# The site's own pages
def test_the_site_s_tooltips_send_the_same_event(desktop: Session, example_site: ExampleSite) -> None:
    page = desktop.open("guides/reading-funding-rates/")
    page.evaluate("""() => { window.shownTerms = [];
        document.addEventListener("termsite:term-shown", (e) => window.shownTerms.push(e.detail)); }""")
    link = page.locator("article a.termsite-term").first
    slug = (link.get_attribute("href") or "").rstrip("/").rsplit("/", 1)[-1]
    link.hover()
    page.wait_for_function("window.shownTerms.length === 1")
    link.blur()
    page.mouse.move(1, 1)
    link.focus()
    page.wait_for_function("window.shownTerms.length === 2")
    title = example_site.glossary.terms[slug].title
    expected = {"slug": slug, "title": title, "page": desktop.url(f"definition/{slug}/"), "source": "site"}
    assert page.evaluate("window.shownTerms") == [expected, expected]
    desktop.assert_clean()


def test_a_term_page_copies_its_embed_snippet(desktop: Session, example_site: ExampleSite) -> None:
    desktop.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = desktop.open("definition/mark-price/")
    code = page.locator("#termsite-embed-code")
    expected = (f'<script src="{example_site.site_url}{EMBED_SCRIPT}" defer></script>\n'
                '<span data-term="mark-price">Mark Price</span>')
    assert code.inner_text() == expected
    page.get_by_role("button", name="Copy the code").click()
    expect(page.locator(".termsite-copy-status")).to_have_text("Copied.")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    desktop.assert_clean()


def test_pages_print_without_header_navigation_search_footer_or_toc(desktop: Session) -> None:
    page = desktop.open("definition/mark-price/")
    page.emulate_media(media="print")
    hidden = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
              ".termsite-embed", ".termsite-breadcrumb"]
    for selector in hidden:
        assert page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none", selector
    source = page.locator(".termsite-sources a").first
    assert source.evaluate("e => getComputedStyle(e, '::after').content").startswith('" (http')
    internal = page.locator(".termsite-areas a").first
    assert internal.evaluate("e => getComputedStyle(e, '::after').content") in ("none", "normal")
    page.emulate_media(media="screen")
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).display") != "none"
    desktop.assert_clean()


def _pdf_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def test_the_print_page_prints_to_a_pdf_holding_every_term(example_site: ExampleSite, tmp_path: Path,
                                                           artifacts: Path) -> None:
    output = tmp_path / "glossary.pdf"
    result = termsite(["export", "--format", "pdf", "--site", str(example_site.root), "-o", str(output)], ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().startswith("wrote ")
    reader = PdfReader(str(output))
    pages = [_pdf_text(page.extract_text()) for page in reader.pages]
    everything = " ".join(pages)
    titles = [term.title for term in example_site.glossary.sorted_terms()]
    assert [title for title in titles if _pdf_text(title) not in everything] == []
    # each term starts a sheet of its own; the first follows the page's heading
    starts = {title for title in titles for text in pages if text.startswith(_pdf_text(title))}
    assert len(starts) >= len(titles) - 1
    assert "Made with" not in everything and "Embed this definition" not in everything
    assert len(reader.pages) >= len(titles)
    (artifacts / "glossary.pdf").write_bytes(output.read_bytes())


def test_the_print_page_is_out_of_search_and_the_sitemap(example_site: ExampleSite) -> None:
    html = (example_site.root / "print/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, follow">' in html
    assert "/print/" not in (example_site.root / "sitemap.xml").read_text(encoding="utf-8")
    index = json.loads((example_site.root / "search/search_index.json").read_text(encoding="utf-8"))
    assert not [doc for doc in index["docs"] if doc["location"].startswith("print/")]


# The embed script itself
def test_the_shipped_embed_script_is_the_minified_source_and_within_budget(tmp_path: Path) -> None:
    minified = tmp_path / "embed.min.js"
    subprocess.run([str(TERSER), str(EMBED_SOURCE), "--compress", "--mangle", "--comments", "false", "--output",
                    str(minified)], check=True, capture_output=True)
    shipped = EMBED_MINIFIED.read_bytes()
    assert minified.read_bytes() == shipped, "run `make embed` after editing termsite-embed.js"
    assert len(gzip.compress(shipped, 9)) <= EMBED_BUDGET_BYTES
    assert shipped.count(b"__TERMSITE_CONFIG__") == 1


def urlport(url: str) -> int:
    return int(url.rsplit(":", 1)[1].strip("/"))

