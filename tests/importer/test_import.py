"""`termsite import`: what it writes, how it merges with existing content, and how it fails."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import termsite
from termsite.importer.writing import ChangedMeanwhile, write_atomically
from termsite.authoring.lint import lint_content
from termsite.content.loader import load_glossary

from .helpers import EXCHANGE, SOURCE_SITE, run_import

LISTED = ["matching-engine", "price-time-priority", "market-order", "pro-rata-allocation"]


def page(nodes: list[dict], body: str = "<h1>Title</h1>", head: str = "") -> str:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(node)}</script>' for node in nodes)
    return f"<!DOCTYPE html><html><head>{head}{scripts}</head><body><main><article>{body}</article></main></body></html>"


def article(slug: str, title: str, description: str, **extra: object) -> dict:
    url = f"{SOURCE_SITE}definition/{slug}/"
    return {"@context": "https://schema.org", "@type": "Article", "@id": url, "url": url, "headline": title,
            "description": description, **extra}


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return tmp_path / "content"


def test_an_import_writes_files_that_load_cleanly(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    status, out, err = run_import(capsys, str(EXCHANGE), "--content", str(content))
    assert status == 0, err
    assert sorted(p.stem for p in (content / "terms").iterdir()) == sorted(LISTED + ["limit-order"]) and \
        [p.name for p in (content / "areas").iterdir()] == ["order-matching.yml"]
    assert lint_content(content) == []  # no errors and no style warnings either
    glossary = load_glossary(content)
    area = glossary.areas["order-matching"]
    assert [f.aspect for f in area.faq] == ["Purpose", "Mechanism", "Risk", ""]
    assert area.faq[3].question == "Does every venue use price-time priority?"
    assert area.terms == ["matching-engine", "price-time-priority", "limit-order", "market-order",
                          "pro-rata-allocation"]
    limit = glossary.terms["limit-order"]
    assert limit.aliases == ["LMT order", "Resting order"] and limit.related == ["market-order", "price-time-priority"]
    assert limit.published.isoformat() == "2025-01-20T09:00:00+01:00"
    assert glossary.authors[limit.author].name == "Tomás Ferreira" and limit.author == "tomas-ferreira"
    assert "[[market-order|market order]]" in limit.body  # a link to another definition is a reference
    assert "termsite import: 7 created" in out


def test_exact_values_are_kept(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    run_import(capsys, str(EXCHANGE), "--content", str(content))
    text = (content / "terms/pro-rata-allocation.yml").read_text(encoding="utf-8")
    assert "published: 2025-03-04T10:15:00Z\n" in text  # the source's own spelling of the date
    assert "  url: https://learn.example-exchange.test/media/pro-rata-allocation.png\n  width: 1200\n" \
           "  height: 675\n" in text
    area = (content / "areas/order-matching.yml").read_text(encoding="utf-8")
    assert "Fees & rebates also differ" in area


def test_terms_known_only_from_a_listing_are_marked(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    status, out, _ = run_import(capsys, str(EXCHANGE / "order-matching.html"), "--content", str(content))
    assert status == 0
    for slug in LISTED + ["limit-order"]:
        lines = (content / f"terms/{slug}.yml").read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# imported from a listing only: write the body"
        assert lines[1] == f"# source: {SOURCE_SITE}definition/{slug}/"
        assert not any(line.startswith("body:") for line in lines)
    load_glossary(content)
    assert "5 term(s) are known only from a listing" in out


def test_importing_twice_changes_nothing(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    run_import(capsys, str(EXCHANGE), "--content", str(content))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in content.rglob("*") if p.is_file()}
    status, out, _ = run_import(capsys, str(EXCHANGE), "--content", str(content))
    assert status == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in content.rglob("*") if p.is_file()} == before
    assert "0 created, 0 updated, 6 unchanged, 0 conflict(s)" in out


def test_html_and_markdown_export_give_the_same_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run_import(capsys, str(EXCHANGE / "order-matching.html"), "--content", str(tmp_path / "a"))
    run_import(capsys, str(EXCHANGE / "order-matching.md"), "--content", str(tmp_path / "b"))
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yml")}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yml")}
    assert files_a == files_b


def test_dry_run_prints_paths_and_yaml_and_writes_nothing(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    status, out, _ = run_import(capsys, str(EXCHANGE), "--content", str(content), "--dry-run")
    assert status == 0
    assert not content.exists()
    assert "--- would create " in out and "areas/order-matching.yml\ntitle: Order Matching\n" in out
    assert "priya-raman:\n  name: Priya Raman\n" in out
    assert "7 would be created" in out


def test_a_different_existing_file_is_reported_not_clobbered(capsys: pytest.CaptureFixture[str],
                                                             content: Path) -> None:
    (content / "areas").mkdir(parents=True)
    mine = "title: Matching of Orders\ndescription: Our own words.\n"
    (content / "areas/order-matching.yml").write_text(mine, encoding="utf-8")
    status, out, _ = run_import(capsys, str(EXCHANGE / "order-matching.md"), "--content", str(content))
    assert status == 1
    assert (content / "areas/order-matching.yml").read_text(encoding="utf-8") == mine
    assert "conflict " in out and "title differs (file: 'Matching of Orders'; import: 'Order Matching')" in out
    assert (content / "terms/market-order.yml").exists()  # the rest was imported
    load_glossary(content)


def test_a_hand_written_term_with_more_than_the_listing_is_left_alone(capsys: pytest.CaptureFixture[str],
                                                                     content: Path) -> None:
    run_import(capsys, str(EXCHANGE / "order-matching.md"), "--content", str(content))
    path = content / "terms/market-order.yml"
    # a maintainer writes the body and removes the marker
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    path.write_text(text.replace("areas: [order-matching]\n", "areas: [order-matching]\nbody: |\n  Ours.\n"),
                    encoding="utf-8")
    status, out, _ = run_import(capsys, str(EXCHANGE / "order-matching.md"), "--content", str(content))
    assert status == 0
    assert any(line.startswith("unchanged ") and line.endswith("terms/market-order.yml") for line in out.splitlines())
    assert "body: |\n  Ours.\n" in path.read_text(encoding="utf-8")
    assert "0 created, 0 updated, 6 unchanged" in out


def test_a_listing_stub_is_completed_by_its_term_page(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    run_import(capsys, str(EXCHANGE / "order-matching.md"), "--content", str(content))
    status, out, _ = run_import(capsys, str(EXCHANGE / "limit-order.html"), "--content", str(content))
    assert status == 0, out
    text = (content / "terms/limit-order.yml").read_text(encoding="utf-8")
    assert not text.startswith("#") and "body: |" in text and "areas: [order-matching]" in text
    assert "completed " in out
    assert load_glossary(content).terms["limit-order"].related == ["market-order", "price-time-priority"]


def test_existing_authors_are_reused_and_the_file_only_grows(capsys: pytest.CaptureFixture[str],
                                                            content: Path) -> None:
    content.mkdir()
    authors = ("# the people who write here\n"
               "priya:\n  name: Priya Raman\n  url: https://learn.example-exchange.test/authors/priya-raman/\n"
               "tomas-ferreira:\n  name: Tomás Ferreira\n  url: https://elsewhere.example/tomas/\n")
    (content / "authors.yml").write_text(authors, encoding="utf-8")
    status, out, _ = run_import(capsys, str(EXCHANGE / "order-matching.html"), "--content", str(content))
    assert status == 0
    text = (content / "authors.yml").read_text(encoding="utf-8")
    assert text.startswith(authors)
    assert text[len(authors):] == ("tomas-ferreira-2:\n  name: Tomás Ferreira\n"
                                   "  url: https://learn.example-exchange.test/authors/tomas-ferreira/\n")
    glossary = load_glossary(content)
    assert glossary.terms["matching-engine"].author == "priya"
    assert glossary.terms["market-order"].author == "tomas-ferreira-2"
    assert "added as 'tomas-ferreira-2'" in out


def test_a_term_page_needs_an_area(capsys: pytest.CaptureFixture[str], content: Path) -> None:
    status, _, err = run_import(capsys, str(EXCHANGE / "limit-order.html"), "--content", str(content))
    assert status == 1
    assert "no subject area is known for the term 'limit-order'" in err and "--area SLUG" in err
    assert not content.exists()
    (content / "areas").mkdir(parents=True)
    (content / "areas/order-matching.yml").write_text("title: Order Matching\ndescription: D.\n", encoding="utf-8")
    status, out, err = run_import(capsys, str(EXCHANGE / "limit-order.html"), "--content", str(content),
                                  "--area", "order-matching")
    assert status == 0, err
    text = (content / "terms/limit-order.yml").read_text(encoding="utf-8")
    assert "areas: [order-matching]" in text and "related:" not in text
    # links to definitions that are not in the glossary stay links to the source site
    assert "[market order](https://learn.example-exchange.test/definition/market-order/)" in text
    load_glossary(content)


def test_unreadable_sources_are_one_line_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plain = tmp_path / "plain.html"
    plain.write_text("<html><body><h1>No data</h1></body></html>", encoding="utf-8")
    broken = tmp_path / "broken.html"
    broken.write_text('<script type="application/ld+json">{"@type": </script><h1>x</h1>', encoding="utf-8")
    status, _, err = run_import(capsys, str(plain), str(broken), str(tmp_path / "missing.html"),
                                "--content", str(tmp_path / "content"))
    assert status == 1
    lines = err.strip().splitlines()
    assert any("plain.html: no schema.org data found" in line for line in lines)
    assert any("broken.html: none of its 1 JSON-LD block(s) could be read" in line for line in lines)
    assert any("missing.html: no such file or folder." in line for line in lines)
    assert all(line.startswith(("error: ", "termsite import: ")) for line in lines)


def test_the_command_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "weird.html").write_bytes(b"\xff\xfe<\x00h\x001\x00>" + bytes(range(256)))
    result = termsite(["import", "weird.html", "nothing-here", "--content", "content"], tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert termsite(["import"], tmp_path).returncode == 2
    assert termsite(["import", "x.html", "--area", "Not A Slug"], tmp_path).returncode == 2


def test_content_that_would_not_load_is_not_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "area.html"
    url = f"{SOURCE_SITE}area/tiny/"
    source.write_text(page([
        {"@context": "https://schema.org", "@type": "CollectionPage", "url": url, "headline": "Tiny",
         "description": "A tiny area.", "hasPart": [article("long", "Long", "x" * 400)]},
    ]), encoding="utf-8")
    status, _, err = run_import(capsys, str(source), "--content", str(tmp_path / "content"))
    assert status == 1
    assert "would not load, so nothing was written" in err
    assert "terms/long.yml:" in err and "too-long" in err
    assert not (tmp_path / "content").exists()


def test_microdata_and_rdfa_pages_are_read(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    microdata = tmp_path / "spread.html"
    microdata.write_text(
        '<html><head><link rel="canonical" href="https://learn.example-exchange.test/definition/spread/"></head>'
        '<body><main><article itemscope itemtype="https://schema.org/Article">'
        '<link itemprop="url" href="https://learn.example-exchange.test/definition/spread/">'
        '<h1 itemprop="headline">Spread</h1><p itemprop="description">The gap between the best bid and offer.</p>'
        '<meta itemprop="datePublished" content="2025-01-01T10:00:00+00:00">'
        '<div itemprop="articleBody"><p>A narrow spread means a <em>liquid</em> market.</p></div>'
        '</article></main></body></html>', encoding="utf-8")
    rdfa = tmp_path / "tick.html"
    rdfa.write_text(
        '<html><body><main vocab="https://schema.org/" typeof="Article" '
        'resource="https://learn.example-exchange.test/definition/tick-size/">'
        '<h1 property="headline">Tick Size</h1><p property="description">The smallest price step of a market.</p>'
        '<p>Prices move in whole ticks.</p></main></body></html>', encoding="utf-8")
    status, out, err = run_import(capsys, str(microdata), str(rdfa), "--content", str(tmp_path / "content"),
                                  "--area", "order-matching", "--dry-run")
    assert status == 1 and "the area 'order-matching', which is neither imported nor in the glossary" in err
    (tmp_path / "content/areas").mkdir(parents=True)
    (tmp_path / "content/areas/order-matching.yml").write_text("title: O\ndescription: D.\n", encoding="utf-8")
    status, out, err = run_import(capsys, str(microdata), str(rdfa), "--content", str(tmp_path / "content"),
                                  "--area", "order-matching")
    assert status == 0, err
    glossary = load_glossary(tmp_path / "content")
    spread, tick = glossary.terms["spread"], glossary.terms["tick-size"]
    assert (spread.title, spread.summary) == ("Spread", "The gap between the best bid and offer.")
    assert spread.body == "A narrow spread means a *liquid* market." and spread.published.year == 2025
    assert (tick.title, tick.body) == ("Tick Size", "Prices move in whole ticks.")


def test_slugs_and_dates_are_made_valid_with_a_note(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "odd.html"
    url = f"{SOURCE_SITE}area/odd/"
    source.write_text(page([
        {"@context": "https://schema.org", "@type": "CollectionPage", "url": url, "headline": "Odd",
         "description": "Odd\u200e URLs.", "datePublished": "2025-02-01",
         "hasPart": [article("Order_Book.html", "Order Book", "Every resting order.",
                             datePublished="2025-02-01T10:00:00")]},
    ]), encoding="utf-8")
    status, out, err = run_import(capsys, str(source), "--content", str(tmp_path / "content"))
    assert status == 0, err
    assert "the slug 'order-book' was made from 'Order_Book'" in out
    assert "has no UTC offset; imported as 2025-02-01T10:00:00+00:00" in out
    glossary = load_glossary(tmp_path / "content")
    assert glossary.terms["order-book"].published.isoformat() == "2025-02-01T10:00:00+00:00"
    assert glossary.areas["odd"].published.isoformat() == "2025-02-01T00:00:00+00:00"
    assert glossary.areas["odd"].description == "Odd URLs."
    assert "area 'odd': invisible control or text-direction characters were removed" in out


def test_a_file_changed_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "terms/x.yml"
    write_atomically(target, "title: A\n", None)
    with pytest.raises(ChangedMeanwhile):
        write_atomically(target, "title: B\n", None)  # planned as new, but it exists now
    with pytest.raises(ChangedMeanwhile):
        write_atomically(target, "title: B\n", "title: old\n")
    write_atomically(target, "title: B\n", "title: A\n")
    assert target.read_text(encoding="utf-8") == "title: B\n"
    assert [p.name for p in target.parent.iterdir()] == ["x.yml"]  # no temporary file left behind


def test_a_folder_import_skips_hidden_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    shutil.copytree(EXCHANGE, folder)
    (folder / ".cache").mkdir()
    (folder / ".cache/junk.html").write_text("<html></html>", encoding="utf-8")
    status, _, err = run_import(capsys, str(folder), "--content", str(tmp_path / "content"))
    assert status == 0, err


def test_the_summary_says_how_to_keep_the_source_urls(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: New\nsite_url: https://new.example/\nplugins:\n"
                                         "  - termsite:\n      term_prefix: glossary/\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, out, _ = run_import(capsys, str(EXCHANGE / "order-matching.html"))
    assert status == 0 and (tmp_path / "content/areas/order-matching.yml").exists()
    assert f"set site_url: {SOURCE_SITE}, term_prefix: definition/ in mkdocs.yml" in out
    assert "image and author URL(s) point at the source site" in out


def area_page(slug: str, title: str, parts: list[dict]) -> str:
    url = f"{SOURCE_SITE}area/{slug}/"
    return page([{"@context": "https://schema.org", "@type": "CollectionPage", "@id": url, "url": url,
                  "headline": title, "description": f"All about {title.lower()}.", "hasPart": parts}],
                body=f"<h1>{title}</h1>")


def test_a_term_listed_by_two_areas_belongs_to_both(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shared = article("spread", "Spread", "The gap between the best bid and the best offer.")
    (tmp_path / "a.html").write_text(area_page("quotes", "Quotes", [shared]), encoding="utf-8")
    (tmp_path / "b.html").write_text(area_page("costs", "Costs", [shared]), encoding="utf-8")
    content = tmp_path / "content"
    assert run_import(capsys, str(tmp_path / "a.html"), "--content", str(content))[0] == 0
    status, out, err = run_import(capsys, str(tmp_path / "b.html"), "--content", str(content))
    assert status == 0, out + err
    assert load_glossary(content).terms["spread"].areas == ["quotes", "costs"]
    together = tmp_path / "together"
    assert run_import(capsys, str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--content", str(together))[0] == 0
    assert (together / "terms/spread.yml").read_bytes() == (content / "terms/spread.yml").read_bytes()


def test_a_term_page_gives_its_area_sources_and_aliases(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    url = f"{SOURCE_SITE}definition/spread/"
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": SOURCE_SITE},
        {"@type": "ListItem", "position": 2, "name": "Quotes", "item": f"{SOURCE_SITE}area/quotes/"},
        {"@type": "ListItem", "position": 3, "name": "Spread", "item": url}]}
    body = ("<h1>Spread</h1><p>Also known as: bid-ask spread, bid-offer spread</p>"
            "<p>The <strong>spread</strong> is a cost of trading.</p>"
            "<h2>Sources</h2><ul><li><a href='https://example.org/spreads'>Spreads explained</a></li></ul>")
    (tmp_path / "spread.html").write_text(page([article("spread", "Spread", "The gap between bid and offer."),
                                                crumbs], body=body), encoding="utf-8")
    content = tmp_path / "content"
    (content / "areas").mkdir(parents=True)
    (content / "areas/quotes.yml").write_text("title: Quotes\ndescription: Prices shown.\n", encoding="utf-8")
    status, out, err = run_import(capsys, str(tmp_path / "spread.html"), "--content", str(content))
    assert status == 0, out + err
    term = load_glossary(content).terms["spread"]
    assert term.areas == ["quotes"]
    assert term.aliases == ["bid-ask spread", "bid-offer spread"]
    assert term.body == "The **spread** is a cost of trading."
    assert [(s.title, s.url) for s in term.sources] == [("Spreads explained", "https://example.org/spreads")]


def test_pages_in_a_folder_that_are_not_glossary_pages_are_skipped(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    shutil.copytree(EXCHANGE, folder)
    (folder / "about.html").write_text("<html><body><h1>About us</h1></body></html>", encoding="utf-8")
    (folder / "index.html").write_text(page([{"@context": "https://schema.org", "@type": "WebSite",
                                              "url": SOURCE_SITE, "name": "Learn"}]), encoding="utf-8")
    (folder / "areas.html").write_text(page([{"@context": "https://schema.org", "@type": "CollectionPage",
                                              "url": SOURCE_SITE + "area/", "hasPart": [
                                                  {"@type": "CollectionPage", "url": SOURCE_SITE + "area/x/"}]}]),
                                       encoding="utf-8")
    status, out, err = run_import(capsys, str(folder), "--content", str(tmp_path / "content"))
    assert status == 0, err
    assert "note: skipped " in out and "about.html: no schema.org data found" in out
    assert "areas.html: an index of subject areas" in out and "index.html: its schema.org data (WebSite)" in out
    status, _, err = run_import(capsys, str(folder / "about.html"), "--content", str(tmp_path / "content"))
    assert status == 1 and "about.html: no schema.org data found" in err
