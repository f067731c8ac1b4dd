"""The print page: the whole glossary A to Z on one page, its links made to work there, and its PDF."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import FIXTURES, termsite
from termsite.content.loader import load_glossary
from termsite.settings import Publisher, SiteSettings
from termsite.site.pages import PrintPage, SiteBuilder, index_letter, rebase_fragment
from termsite.site.search import search_documents

SETTINGS = SiteSettings(site_url="https://mini.termsite.example/", site_name="Mini glossary",
                        publisher=Publisher("Mini publisher"))


@pytest.fixture(scope="module")
def print_page() -> PrintPage:
    glossary = load_glossary(FIXTURES / "mini/content", default_author="ana")
    pages = [page for page in SiteBuilder(glossary, SETTINGS).pages() if isinstance(page, PrintPage)]
    assert len(pages) == 1
    return pages[0]


def test_it_holds_every_term_from_a_to_z(print_page: PrintPage) -> None:
    titles = [entry.term.title for entry in print_page.entries]
    assert titles == sorted(titles, key=lambda t: (index_letter(t), t.casefold())) == [
        "Index Price", "Margin Call", "Mark Price"]
    assert print_page.path == "print/" and print_page.noindex
    assert search_documents(print_page) == []


def test_term_links_point_at_the_term_on_the_same_page(print_page: PrintPage) -> None:
    mark = next(entry for entry in print_page.entries if entry.term.slug == "mark-price")
    term_links = re.findall(r'<a href="([^"]*)" class="termsite-(?:term|ref)"', mark.body_html)
    assert term_links and set(term_links) <= {f"#{entry.anchor}" for entry in print_page.entries}
    assert "#index-price" in term_links


def test_fragments_are_rebased_from_their_page_to_another() -> None:
    html = ('<a href="../index-price/" class="termsite-term">x</a><img src="../../images/a.png">'
            '<a href="../../area/risk/#faq">a</a><a href="https://example.org/">e</a><a href="#top">t</a>'
            '<a href="mailto:a@b.example">m</a><h2>Heading</h2><h5>Small</h5>')
    rebased = rebase_fragment(html, "definition/mark-price/", "print/", {"definition/index-price/": "index-price"},
                              heading_shift=1)
    assert rebased == ('<a href="#index-price" class="termsite-term">x</a><img src="../images/a.png">'
                       '<a href="../area/risk/#faq">a</a><a href="https://example.org/">e</a><a href="#top">t</a>'
                       '<a href="mailto:a@b.example">m</a><h3>Heading</h3><h6>Small</h6>')


def test_a_site_can_leave_it_out(tmp_path: Path) -> None:
    glossary = load_glossary(FIXTURES / "mini/content", default_author="ana")
    settings = SiteSettings(site_url="https://mini.termsite.example/", site_name="Mini", publisher=Publisher("P"),
                            print_page=False)
    assert not [page for page in SiteBuilder(glossary, settings).pages() if page.kind == "print"]


def test_the_built_print_page_is_noindex_and_out_of_the_sitemap(mini_site: Path) -> None:
    html = (mini_site / "print/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, follow">' in html
    assert html.count('class="termsite-print-term"') == 3
    assert "print/" not in (mini_site / "sitemap.xml").read_text(encoding="utf-8")
    assert (mini_site / "assets/cards/print.png").is_file()


def test_a_pdf_without_chromium_says_so_in_one_sentence(mini_site: Path) -> None:
    project = mini_site.parent
    env_before = os.environ.get("TERMSITE_CHROMIUM")
    os.environ["TERMSITE_CHROMIUM"] = "no-such-chromium-program"
    try:
        result = termsite(["export", "--format", "pdf", "-o", "out.pdf"], project)
    finally:
        if env_before is None:
            del os.environ["TERMSITE_CHROMIUM"]
        else:
            os.environ["TERMSITE_CHROMIUM"] = env_before
    assert result.returncode == 2
    assert result.stderr == ("termsite export: error: a PDF is printed by Chromium, which is not installed (install "
                             "the chromium package, or name the program in TERMSITE_CHROMIUM).\n")
    assert not (project / "out.pdf").exists()


def test_a_pdf_of_a_site_not_built_asks_for_the_build(tmp_path: Path, mini_site: Path) -> None:
    project = mini_site.parent
    result = termsite(["export", "--format", "pdf", "--site", str(tmp_path / "nothing")], project)
    assert result.returncode == 1
    assert "does not exist; build the site first (mkdocs build)" in result.stderr
    assert "Traceback" not in result.stderr
