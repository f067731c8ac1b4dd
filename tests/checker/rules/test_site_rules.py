"""Site rules: broken-internal-url, conflicting-id, duplicate-faq-question, page-kind-types."""

from __future__ import annotations

from pathlib import Path

import pytest

from termsite.checker.model import Severity
from termsite.checker.runner import run_check
from termsite.checker.samplesite import SITE_URL, SampleSite

from ..helpers import check_site, config, of, org, page, write_site

E, W = Severity.ERROR, Severity.WARNING


def sample(tmp_path: Path, **kwargs: int) -> tuple[Path, SampleSite]:
    site = SampleSite(terms=6, areas=2, nav_links=3, **kwargs)
    folder = tmp_path / "site"
    site.write(str(folder))
    return folder, site


def errors(result: object) -> list[object]:
    return [p for p in result.problems if p.severity is E]  # type: ignore[attr-defined]


def test_sample_site_is_clean(tmp_path: Path) -> None:
    folder, _ = sample(tmp_path)
    result = check_site(folder, site_url=SITE_URL, termsite=True)
    assert errors(result) == []
    assert result.pages_checked == 13


def test_broken_internal_url(tmp_path: Path) -> None:
    folder, site = sample(tmp_path)
    term = site.terms[0]
    (folder / "assets" / "images" / f"{term.slug}.png").unlink()
    (folder / "area" / "index.html").unlink()
    result = check_site(folder, site_url=SITE_URL)
    broken = of(result.problems, "broken-internal-url")
    paths = {(p.path.split("site/")[-1], p.json_path) for p in broken}
    assert (f"definition/{term.slug}/index.html", "Article.image.url") in paths
    assert (f"area/{site.areas[0]}/index.html", "BreadcrumbList.itemListElement[1].item") in paths
    assert all(p.severity is E for p in broken)


def test_internal_url_forms(tmp_path: Path) -> None:
    files = {
        "index.html": page(org(url=SITE_URL), canonical=SITE_URL),
        "a.html": page(org(url=SITE_URL + "b.html", logo=SITE_URL + "img/logo.svg",
                           sameAs="https://elsewhere.example/x"), canonical=SITE_URL + "a.html"),
        "b.html": page(org(url=SITE_URL + "missing/", image={"@id": SITE_URL + "nope.png"}),
                       canonical=SITE_URL + "b.html"),
        "img/logo.svg": "<svg/>",
    }
    folder = write_site(tmp_path / "site", files)
    result = check_site(folder, site_url=SITE_URL)
    broken = {(p.path.rsplit("/", 1)[-1], p.json_path) for p in of(result.problems, "broken-internal-url")}
    assert broken == {("b.html", "Organization.url")}  # media @ids are identifiers, not links


def test_site_url_inferred_from_home_canonical(tmp_path: Path) -> None:
    folder, site = sample(tmp_path)
    (folder / "area" / "index.html").unlink()
    result = check_site(folder)  # no site URL given: taken from index.html's canonical
    assert of(result.problems, "broken-internal-url")


def test_conflicting_id(tmp_path: Path) -> None:
    folder, site = sample(tmp_path)
    term = site.terms[0]
    path = folder / "definition" / term.slug / "index.html"
    path.write_text(path.read_text().replace(f'"headline": "{term.title}"', '"headline": "Renamed"'), encoding="utf-8")
    result = check_site(folder, site_url=SITE_URL)
    assert of(result.problems, "conflicting-id") == []
    [problem] = of(result.problems, "conflicting-id-name")
    assert problem.severity is W
    assert problem.path.endswith(f"definition/{term.slug}/index.html")
    assert problem.json_path == "Article"
    assert "'Renamed'" in problem.message and f"area/{term.area}/index.html" in problem.message


def test_conflicting_id_types(tmp_path: Path) -> None:
    node_id = SITE_URL + "#thing"
    files = {
        "a.html": page({"@context": "https://schema.org", "@type": "Article", "@id": node_id, "headline": "T"}),
        "b.html": page({"@context": "https://schema.org", "@type": "BlogPosting", "@id": node_id}),
        "c.html": page({"@context": "https://schema.org", "@type": "Person", "@id": node_id}),
    }
    result = check_site(write_site(tmp_path / "site", files), site_url=SITE_URL)
    [problem] = of(result.problems, "conflicting-id")
    assert problem.path.endswith("c.html") and "Person" in problem.message and problem.severity is E


def test_one_id_named_two_ways_in_two_trails_is_a_warning(tmp_path: Path) -> None:
    """Yoast names a category page "Biologie" in one trail and "Biologie &#038; Wissenschaft"
    in another: the same page, named twice; a warning on one page, not an error."""
    section = SITE_URL + "biologie/"
    trails = [{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Start", "item": {"@id": SITE_URL, "name": "Start"}},
        {"@type": "ListItem", "position": 2, "item": {"@type": "WebPage", "@id": section, "name": name}},
        {"@type": "ListItem", "position": 3, "name": "Hummeln"}]}
        for name in ("Biologie", "Biologie &#038; Wissenschaft")]
    write_site(tmp_path, {"post.html": page(*trails, canonical=SITE_URL + "biologie/hummeln/")})
    result = run_check([str(tmp_path / "post.html")], config())
    assert [(p.rule_id, p.severity) for p in result.problems if p.severity is not Severity.INFO] == [
        ("conflicting-id-name", W)]
    assert result.exit_code() == 0


def test_duplicate_faq_question(tmp_path: Path) -> None:
    folder, site = sample(tmp_path)
    first, second = (folder / "area" / slug / "index.html" for slug in site.areas)
    question = site.faqs(site.areas[0])[0][0]
    other = site.faqs(site.areas[1])[0][0]
    second.write_text(second.read_text().replace(other, question), encoding="utf-8")
    result = check_site(folder, site_url=SITE_URL)
    [problem] = of(result.problems, "duplicate-faq-question")
    assert problem.severity is E and problem.path == str(second)
    assert problem.json_path == "FAQPage.mainEntity[0].name"


def test_page_kind_types(tmp_path: Path) -> None:
    folder, site = sample(tmp_path)
    term_page = folder / "definition" / site.terms[1].slug / "index.html"
    text = term_page.read_text()
    start = text.index('<script type="application/ld+json">\n{\n "@context": "https://schema.org",\n "@type": "DefinedTerm"')
    term_page.write_text(text[:start] + text[text.index("</script>", start) + 9:], encoding="utf-8")
    (folder / "old").mkdir()
    (folder / "old" / "index.html").write_text('<meta http-equiv="refresh" content="0; url=/">')
    result = check_site(folder, site_url=SITE_URL, termsite=True)
    [problem] = of(result.problems, "page-kind-types")
    assert problem.path == str(term_page) and "DefinedTerm" in problem.message and problem.severity is E
    # not a termsite site: skipped
    assert not of(check_site(folder, site_url=SITE_URL).problems, "page-kind-types")


def _guide(*types: str, breadcrumb: bool = True) -> str:
    url = SITE_URL + "guides/liquidation-step-by-step/"
    blocks = [{"@context": "https://schema.org", "@type": t, "@id": f"{url}#{t.lower()}", "headline": "Liquidation",
               "mainEntityOfPage": url,
               "mentions": [{"@id": SITE_URL + "definition/liquidation/#term"}]} for t in types if t != "FAQPage"]
    if "FAQPage" in types:
        blocks.append({"@context": "https://schema.org", "@type": "FAQPage", "@id": url + "#faq", "mainEntity": [
            {"@type": "Question", "name": "When does it start?",
             "acceptedAnswer": {"@type": "Answer", "text": "At the maintenance margin."}}]})
    if breadcrumb:
        blocks.insert(0, {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": SITE_URL},
            {"@type": "ListItem", "position": 2, "name": "Guides", "item": SITE_URL + "guides/"},
            {"@type": "ListItem", "position": 3, "name": "Liquidation"}]})
    return page(*blocks, canonical=url, body="<h3>When does it start?</h3><p>At the maintenance margin.</p>")


@pytest.mark.parametrize("types", [("Article",), ("TechArticle",), ("HowTo",), ("Article", "FAQPage"), ("FAQPage",)])
def test_article_pages_are_recognised_by_their_markup(tmp_path: Path, types: tuple[str, ...]) -> None:
    """Hand-written guides live wherever the nav puts them: their markup says what they are."""
    folder = write_site(tmp_path / "site", {"guides/liquidation-step-by-step/index.html": _guide(*types)})
    result = check_site(folder, site_url=SITE_URL, termsite=True)
    assert of(result.problems, "page-kind-types") == []
    folder = write_site(tmp_path / "bad", {"guides/liquidation-step-by-step/index.html": _guide(*types, breadcrumb=False)})
    [problem] = of(check_site(folder, site_url=SITE_URL, termsite=True).problems, "page-kind-types")
    assert problem.message == ("article page has no BreadcrumbList (an article page carries a BreadcrumbList beside "
                               "its Article, HowTo or FAQPage)") and problem.severity is E


def test_page_kind_prefixes_from_config(tmp_path: Path) -> None:
    from termsite.checker.rules.page_kind_types import page_kind

    assert page_kind("", "area/", "definition/")[0] == "home page"
    assert page_kind("topics/x/", "/topics", "terms")[0] == "area page"
    assert page_kind("terms/", "topics/", "terms/")[0] == "A-Z index"
    assert page_kind("terms/x.html", "topics/", "terms/")[0] == "term page"
    assert page_kind("terms/x/y/", "topics/", "terms/") is None
    assert page_kind("about/", "topics/", "terms/") is None
