"""Microdata and RDFa are checked with the same rules as JSON-LD, at the element's line and
with an item path; a page's JSON-LD and microdata are compared where they describe one thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.checker.model import Problem, Severity

from ..helpers import SITE, assert_silent, check_text, ld, of

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
URL = SITE + "page/"


def html(body: str, head: str = "") -> str:
    """A page whose line numbers are easy to count: the body starts on line 5."""
    return (f'<!doctype html>\n<html lang="en"><head><title>t</title>\n<link rel="canonical" href="{URL}">{head}\n'
            f"</head><body>\n{body}\n</body></html>\n")


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def problems_of(problems: list[Problem], rule_id: str) -> list[tuple[str, Severity, int]]:
    return [(p.json_path, p.severity, p.line) for p in of(problems, rule_id)]


MICRODATA_TRAIL = """<ol itemscope itemtype="https://schema.org/BreadcrumbList">
 <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
  <a itemprop="item" href="/"><span itemprop="name">Home</span></a><meta itemprop="position" content="1"></li>
 <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
  <a itemprop="item" href="/page/"><span itemprop="name">Page</span></a><meta itemprop="position" content="2"></li>
</ol>"""

RDFA_TRAIL = """<ol vocab="https://schema.org/" typeof="BreadcrumbList">
 <li property="itemListElement" typeof="ListItem">
  <a property="item" typeof="WebPage" href="/"><span property="name">Home</span></a>
  <meta property="position" content="1"></li>
 <li property="itemListElement" typeof="ListItem">
  <a property="item" typeof="WebPage" href="/page/"><span property="name">Page</span></a>
  <meta property="position" content="2"></li>
</ol>"""


@pytest.mark.parametrize("trail", [MICRODATA_TRAIL, RDFA_TRAIL], ids=["microdata", "rdfa"])
def test_correct_breadcrumbs_are_clean(tmp_path: Path, trail: str) -> None:
    """Positions are text in both syntaxes ("1"): that is not the JSON-LD string-position error."""
    problems = check_text(tmp_path, html(trail))
    assert [(p.rule_id, p.severity) for p in problems] == [("other-structured-data", I)]


def test_rdfa_breadcrumb_without_position(tmp_path: Path) -> None:
    text = html(RDFA_TRAIL.replace('  <meta property="position" content="2"></li>', "  </li>"))
    problems = check_text(tmp_path, text)
    assert problems_of(problems, "breadcrumb-position") == [
        ("BreadcrumbList.itemListElement[1].position", E, line_of(text, '<li property="itemListElement" typeof="ListItem">\n  <a property="item" typeof="WebPage" href="/page/"'))]


def test_microdata_breadcrumb_items_without_item(tmp_path: Path) -> None:
    trail = MICRODATA_TRAIL.replace('<a itemprop="item" href="/"><span itemprop="name">Home</span></a>',
                                    '<span itemprop="name">Home</span>')
    text = html(trail)
    [(path, severity, line)] = problems_of(check_text(tmp_path, text), "breadcrumb-items")
    assert (path, severity) == ("BreadcrumbList.itemListElement[0].item", E)
    assert line == line_of(text, '<li itemprop="itemListElement"')  # the ListItem's element: it has no item


def test_microdata_property_in_the_wrong_case(tmp_path: Path) -> None:
    text = html('<article itemscope itemtype="https://schema.org/Article">\n'
                '<h1 itemprop="Headline">Margin calls</h1>\n</article>')
    [problem] = of(check_text(tmp_path, text), "unknown-property")
    assert (problem.json_path, problem.severity, problem.line) == ("Article.Headline", E, line_of(text, "<h1 "))
    assert "did you mean 'headline'?" in problem.message


def test_property_used_as_itemtype(tmp_path: Path) -> None:
    text = html('<div itemscope itemtype="https://schema.org/Article">\n'
                '<span itemprop="author" itemscope itemtype="https://schema.org/name">Ada</span></div>')
    [problem] = of(check_text(tmp_path, text), "unknown-type")
    assert problem.json_path == "Article.author.@type" and problem.severity is E
    assert "is a schema.org property, not a type" in problem.message
    assert problem.line == line_of(text, '<span itemprop="author"')


def test_microdata_domain_and_range(tmp_path: Path) -> None:
    text = html('<div itemscope itemtype="https://schema.org/Person">\n<span itemprop="name">Ada</span>\n'
                '<span itemprop="headline">Hi</span>\n'
                '<div itemprop="birthPlace" itemscope itemtype="https://schema.org/ImageObject"></div></div>')
    problems = check_text(tmp_path, text)
    assert problems_of(problems, "property-domain") == [("Person.headline", E, line_of(text, 'itemprop="headline"'))]
    assert problems_of(problems, "value-range") == [("Person.birthPlace", E, line_of(text, 'itemprop="birthPlace"'))]


def test_rdfa_dates(tmp_path: Path) -> None:
    text = html('<article vocab="https://schema.org/" typeof="BlogPosting">\n'
                '<h1 property="headline">Bread</h1>\n'
                '<time property="datePublished" datetime="2024-02-30">30 February</time>\n'
                '<span property="dateModified">17. Mai 2019</span></article>')
    problems = check_text(tmp_path, text)
    assert problems_of(problems, "invalid-date") == [
        ("BlogPosting.datePublished", E, line_of(text, "<time ")),
        ("BlogPosting.dateModified", E, line_of(text, '<span property="dateModified"'))]


def test_rdfa_prefixed_terms_and_foreign_vocabularies(tmp_path: Path) -> None:
    """schema: is predefined in RDFa; Open Graph's document-level meta tags are not items."""
    text = html('<div prefix="ex: https://example.org/ns#" typeof="schema:Organization">'
                '<span property="schema:name">Acme</span><span property="ex:rank">1</span>'
                '<span property="schema:nmae">x</span></div>',
                head='<meta property="og:title" content="T">')
    problems = check_text(tmp_path, text)
    assert [(p.rule_id, p.json_path) for p in problems if p.severity is E] == [("unknown-property", "Organization.nmae")]


def test_microdata_faq_requirements(tmp_path: Path) -> None:
    text = html('<div itemscope itemtype="https://schema.org/FAQPage">\n'
                '<div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">\n'
                '<h3 itemprop="name">What is margin?</h3>\n'
                '<div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer"></div></div>\n'
                '<div itemprop="mainEntity" itemscope itemtype="https://schema.org/Question">\n'
                '<h3 itemprop="name">What is a margin call?</h3>\n'
                '<div itemprop="acceptedAnswer" itemscope itemtype="https://schema.org/Answer">\n'
                '<meta itemprop="text" content="A demand for more collateral."></div></div></div>')
    problems = check_text(tmp_path, text)
    assert problems_of(problems, "faq-question") == [
        ("FAQPage.mainEntity[0].acceptedAnswer.text", E, line_of(text, '<div itemprop="acceptedAnswer"'))]
    # the second answer is only in a <meta> tag: not visible to readers
    assert problems_of(problems, "faq-text-visible") == [
        ("FAQPage.mainEntity[1].acceptedAnswer.text", E, line_of(text, '<meta itemprop="text"'))]


def test_microdata_organization_and_article_requirements(tmp_path: Path) -> None:
    text = html('<div itemscope itemtype="https://schema.org/NewsArticle">\n'
                '<h1 itemprop="headline">Rates rise</h1>\n'
                '<div itemprop="publisher" itemscope itemtype="https://schema.org/Organization">\n'
                '<link itemprop="url" href="/"></div></div>')
    problems = check_text(tmp_path, text)
    assert problems_of(problems, "organization-name") == [
        ("NewsArticle.publisher.name", E, line_of(text, '<div itemprop="publisher"'))]
    assert {p.json_path for p in of(problems, "article-recommended")} == {
        "NewsArticle.image", "NewsArticle.datePublished", "NewsArticle.dateModified", "NewsArticle.author"}


def test_microdata_without_schema_org_vocabulary_is_not_checked(tmp_path: Path) -> None:
    text = html('<div itemscope itemtype="http://data-vocabulary.org/Breadcrumb">'
                '<span itemprop="tittle">Home</span></div>')
    problems = check_text(tmp_path, text)
    assert [p.rule_id for p in problems if p.severity is not I] == []


def test_other_structured_data_lists_the_items(tmp_path: Path) -> None:
    text = html(MICRODATA_TRAIL + RDFA_TRAIL)
    messages = [p.message for p in of(check_text(tmp_path, text), "other-structured-data")]
    assert messages == ["page has 1 top-level microdata item(s) (BreadcrumbList), checked like JSON-LD",
                        "page has 1 top-level rdfa item(s) (BreadcrumbList), checked like JSON-LD"]


# -- mixed pages ----------------------------------------------------------------------
def test_jsonld_and_microdata_disagree(tmp_path: Path) -> None:
    data = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Bread in an hour",
            "datePublished": "2024-03-01T09:00:00+00:00", "description": "Long text.", "mainEntityOfPage": URL}
    body = ('<article itemscope itemtype="https://schema.org/BlogPosting">\n'
            '<h1 itemprop="headline">Bread in two hours</h1>\n'
            '<time itemprop="datePublished" datetime="2024-03-01T10:00:00+01:00">1 March</time>\n'
            '<p itemprop="description">Shorter text.</p></article>')
    text = html(body, head=ld(data))
    problems = check_text(tmp_path, text)
    [problem] = of(problems, "markup-disagreement")
    assert problem.severity is W and problem.json_path == "BlogPosting.headline"
    assert problem.message == ("JSON-LD gives headline 'Bread in an hour' but the microdata (line "
                               f"{line_of(text, '<article')}) gives 'Bread in two hours'")
    # same instant written with another offset, and free text: no disagreement
    agreeing = text.replace("Bread in two hours", "Bread in an hour")
    assert_silent(check_text(tmp_path, agreeing), "markup-disagreement")


def test_jsonld_and_rdfa_trails_disagree(tmp_path: Path) -> None:
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": SITE},
        {"@type": "ListItem", "position": 2, "name": "Page", "item": SITE + "other/"}]}
    problems = check_text(tmp_path, html(RDFA_TRAIL, head=ld(data)))
    [problem] = of(problems, "markup-disagreement")
    assert problem.json_path == "BreadcrumbList.itemListElement[1].item"
    assert f"'{URL}' in the rdfa trail" in problem.message
