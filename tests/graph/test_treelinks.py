"""Term links on a hand-written page's element tree: the glossary's linking rules inside the site's own Markdown."""

from __future__ import annotations

import textwrap

import markdown
from bs4 import BeautifulSoup

from termsite.content.model import Glossary, Term
from termsite.graph.links import TermMatcher
from termsite.graph.treelinks import PageLinks, TermLinkExtension, TreeLinker
from termsite.settings import Publisher, SiteSettings

SETTINGS = SiteSettings(site_url="https://kb.termsite.example/", site_name="KB", publisher=Publisher("KB"))


def term(slug: str, title: str, *aliases: str, **options: bool) -> Term:
    return Term(slug=slug, title=title, summary=f"What {title} means & why.", areas=["a"], aliases=list(aliases),
                **options)


TERMS = [term("mark-price", "Mark Price"), term("funding-rate", "Funding Rate"),
         term("margin-call", "Margin Call"), term("open-interest", "Open Interest", "OI"),
         term("option-greeks", "Option Greeks", "Greeks"), term("liquidation", "Liquidation"),
         term("basis", "Basis", plurals=False), term("leverage", "Leverage", autolink=False)]
GLOSSARY = Glossary(terms={t.slug: t for t in TERMS}, areas={}, authors={})
EXTENSIONS = ["toc", "admonition", "abbr", "attr_list", "tables", "fenced_code", "md_in_html"]


def render(text: str, *, autolink: bool = True, plurals: bool = True) -> tuple[BeautifulSoup, PageLinks]:
    matcher = TermMatcher(TERMS, plurals=plurals, escaped=False)
    extension = TermLinkExtension()
    extension.linker = lambda raw_html: TreeLinker(matcher, GLOSSARY, SETTINGS.urls, "guides/margin/",
                                                   autolink=autolink, raw_html=raw_html)
    html = markdown.Markdown(extensions=[*EXTENSIONS, extension]).convert(textwrap.dedent(text))
    assert extension.result is not None
    return BeautifulSoup(html, "html.parser"), extension.result


def links(soup: BeautifulSoup) -> list[tuple[str, str, str]]:
    return [(a.get_text(), a["href"], a["class"][0]) for a in soup.find_all("a", class_=True)
            if a["class"][0].startswith("termsite-")]


def test_first_mentions_link_with_the_summary_as_tooltip() -> None:
    soup, result = render("The mark price and the funding rate; the mark price again.\n")
    assert links(soup) == [("mark price", "../../definition/mark-price/", "termsite-term"),
                           ("funding rate", "../../definition/funding-rate/", "termsite-term")]
    assert soup.find("a")["title"] == "What Mark Price means & why."
    assert result.linked == ["mark-price", "funding-rate"]


def test_references_link_with_their_label_even_after_a_mention() -> None:
    soup, result = render("The funding rate, see [[funding-rate|how funding works]] and [[mark-price]].\n")
    assert links(soup) == [("funding rate", "../../definition/funding-rate/", "termsite-term"),
                           ("how funding works", "../../definition/funding-rate/", "termsite-ref"),
                           ("Mark Price", "../../definition/mark-price/", "termsite-ref")]
    assert result.linked == ["funding-rate", "mark-price"]


def test_plurals_find_their_term_unless_the_term_or_site_opts_out() -> None:
    soup, _ = render("Margin calls, liquidations and the Greeks; bases too.\n")
    assert [(text, href) for text, href, _ in links(soup)] == [
        ("Margin calls", "../../definition/margin-call/"), ("liquidations", "../../definition/liquidation/"),
        ("Greeks", "../../definition/option-greeks/")]
    soup, _ = render("Margin calls and liquidations.\n", plurals=False)
    assert links(soup) == []


def test_code_headings_links_admonition_titles_and_raw_html_stay_as_written() -> None:
    soup, result = render("""\
        # Mark price

        ## Funding rate

        !!! note "Open interest"
            Body text about liquidations.

        Inline `mark price` and [a link about the funding rate](https://example.com/).

        ```
        margin call
        ```

        <div>Raw HTML about the mark price</div>

        *[OI]: Open Interest

        The OI figure.
        """)
    assert links(soup) == [("liquidations", "../../definition/liquidation/", "termsite-term")]
    assert soup.find("code").get_text() == "mark price"
    assert soup.find("p", class_="admonition-title").find("a") is None
    assert "Raw HTML about the mark price" in str(soup.find("div", class_=None))
    assert soup.find("abbr").find("a") is None
    assert result.linked == ["liquidation"]


def test_abbreviations_match_only_as_written() -> None:
    soup, _ = render("The oi here is not OI.\n")
    assert links(soup) == [("OI", "../../definition/open-interest/", "termsite-term")]


def test_a_term_with_autolink_false_is_linked_only_by_reference() -> None:
    soup, _ = render("Leverage is high; [[leverage]] explains it.\n")
    assert links(soup) == [("Leverage", "../../definition/leverage/", "termsite-ref")]


def test_a_page_without_autolink_keeps_its_references() -> None:
    soup, result = render("The mark price and [[funding-rate]].\n", autolink=False)
    assert links(soup) == [("Funding Rate", "../../definition/funding-rate/", "termsite-ref")]
    assert result.linked == ["funding-rate"]


def test_a_region_between_markers_is_not_auto_linked() -> None:
    soup, _ = render("""\
        <!-- termsite: autolink off -->
        The mark price here is plain, but [[funding-rate]] links.
        <!-- termsite: autolink on -->

        The mark price here links.
        """)
    assert links(soup) == [("Funding Rate", "../../definition/funding-rate/", "termsite-ref"),
                           ("mark price", "../../definition/mark-price/", "termsite-term")]
    assert soup.find_all("p")[0].get_text().startswith("The mark price here is plain")


def test_tables_attr_lists_and_the_toc_keep_working() -> None:
    soup, result = render("""\
        ## Steps {#steps}

        First paragraph of the section.

        | Term | Note |
        |---|---|
        | Mark Price | used for liquidation |
        """)
    assert soup.find("h2")["id"] == "steps"
    cells = soup.find_all("td")
    assert [a.get_text() for a in cells[0].find_all("a")] == ["Mark Price"]
    assert [a.get_text() for a in cells[1].find_all("a")] == ["liquidation"]
    assert [(s.id, s.title, s.text) for s in result.sections] == [("steps", "Steps", "First paragraph of the section.")]
    assert result.first_paragraph == "First paragraph of the section."


def test_unknown_references_are_left_as_written() -> None:
    soup, result = render("See [[no-such-term]].\n")
    assert soup.get_text().strip() == "See [[no-such-term]]."
    assert result.linked == []
