"""Hand-written pages as content: front matter validated like the glossary's YAML, references checked by line."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from termsite.content.articles import FrontMatter, load_articles, markdown_sources, parse_article
from termsite.content.model import Author, Glossary, Term

GLOSSARY = Glossary(
    terms={"funding-rate": Term(slug="funding-rate", title="Funding Rate", summary="A rate.", areas=["a"]),
           "mark-price": Term(slug="mark-price", title="Mark Price", summary="A price.", areas=["a"])},
    areas={}, authors={"alex": Author("alex", "Alex", "https://kb.example/alex")}, redirects={"funding": "funding-rate"})


def problems_of(text: str) -> list[str]:
    _, problems = parse_article(text, "guide.md", "docs/guide.md", GLOSSARY)
    return [p.format() for p in problems]


def test_front_matter_becomes_the_article() -> None:
    article, problems = parse_article("""---
title: Funding, explained
description: What funding costs a position.
type: HowTo
author: alex
published: 2026-06-02T09:00:00+00:00
about: [funding-rate]
faq:
  - question: Is funding paid both ways?
    answer: Yes, see [[mark-price]].
template: main.html
termsite: {autolink: false}
---
# Funding

Body with [[funding-rate|funding]].
""", "guide.md", "docs/guide.md", GLOSSARY)
    assert problems == [] and article is not None
    assert (article.title, article.description, article.type, article.author) == (
        "Funding, explained", "What funding costs a position.", "HowTo", "alex")
    assert article.published == datetime(2026, 6, 2, 9, 0, tzinfo=timezone.utc)
    assert article.about == ["funding-rate"] and article.autolink is False and article.jsonld is True
    assert [entry.question for entry in article.faq] == ["Is funding paid both ways?"]
    assert article.references == [("mark-price", 10, 13, "faq[1].answer"), ("funding-rate", 16, 11, "")]


def test_a_page_without_front_matter_is_an_article_with_defaults() -> None:
    article, problems = parse_article("# About\n\nText.\n", "about.md", "docs/about.md", GLOSSARY)
    assert problems == [] and article is not None
    assert (article.title, article.type, article.autolink, article.jsonld) == ("", "Article", True, True)


@pytest.mark.parametrize("text, expected", [
    ("# Guide\n\nSee [[funding-rat]] here.\n",
     "docs/guide.md:3:5: error[unknown-reference] '[[funding-rat]]' refers to unknown term 'funding-rat' "
     "(did you mean 'funding-rate'?)."),
    ("---\ntitle: Guide\n---\n\nText.\n\nOld link: [[funding]].\n",
     "docs/guide.md:7:11: error[unknown-reference] '[[funding]]' refers to unknown term 'funding' (it was renamed "
     "to 'funding-rate')."),
    ("---\nauthor: alx\n---\n",
     "docs/guide.md:2:1: error[unknown-reference] author: unknown author 'alx' (did you mean 'alex'?); authors are "
     "the keys of the glossary's authors.yml."),
    ("---\nabout: [funding-rates]\n---\n",
     "docs/guide.md:2:1: error[unknown-reference] about: unknown term 'funding-rates' (did you mean 'funding-rate'?); "
     "'about' lists term slugs."),
    ("---\ntype: Recipe\n---\n",
     "docs/guide.md:2:7: error[bad-value] type: 'Recipe' is not allowed; expected one of: Article, TechArticle, HowTo, "
     "BlogPosting."),
    ("---\npublished: 2026-06-02\n---\n",
     "docs/guide.md:2:12: error[bad-date] published: '2026-06-02' has no UTC offset; write it like "
     "2026-03-01T09:00:00+00:00."),
    ("---\ndescription: [a, b]\n---\n",
     "docs/guide.md:2:14: error[wrong-type] description: expected text, found a list."),
    ("---\ntermsite: {autolink: maybe}\n---\n",
     "docs/guide.md:2:22: error[wrong-type] termsite.autolink: expected true or false, found text ('maybe')."),
    ("---\ntitle: a\ntitle: b\n---\n",
     "docs/guide.md:3:1: error[duplicate-key] the key 'title' appears twice in the same mapping (first on line 2); "
     "keep one."),
    ("Text with [[Not A Slug]].\n",
     "docs/guide.md:1:11: error[bad-reference] '[[Not A Slug]]' does not name a term slug; write [[slug]] or "
     "[[slug|text]] with the slug of a term, like [[mark-price]]."),
])
def test_each_mistake_names_the_page_line_and_column(text: str, expected: str) -> None:
    assert problems_of(text) == [expected]


def test_references_in_code_are_not_checked() -> None:
    assert problems_of("Use `[[no-such]]` or\n\n```\n[[no-such]]\n```\n") == []


def test_a_near_miss_of_a_termsite_key_is_a_warning_and_other_keys_pass() -> None:
    assert problems_of("---\ndescripton: x\nhide: [toc]\ntags: [a]\n---\n") == [
        "docs/guide.md:2:1: warning[unknown-key] descripton: 'descripton' is not a termsite field and is ignored; "
        "did you mean 'description'?"]


def test_front_matter_split_keeps_the_body_line() -> None:
    front = FrontMatter.split("---\ntitle: x\n---\n# Body\n")
    assert (front.yaml, front.body_line) == ("title: x\n", 4)
    assert FrontMatter.split("# No front matter\n") == FrontMatter("", 0, 1)


def test_pages_of_a_docs_folder_hidden_ones_left_out(tmp_path: Path) -> None:
    for name in ["index.md", "guides/a.md", ".drafts/b.md", "guides/.c.md", "notes.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# x\n", encoding="utf-8")
    assert markdown_sources(tmp_path) == ["guides/a.md", "index.md"]
    articles, problems = load_articles(tmp_path, ["guides/a.md"], GLOSSARY, shown_dir="docs")
    assert list(articles) == ["guides/a.md"] and articles["guides/a.md"].path == "docs/guides/a.md"
    assert problems == []
