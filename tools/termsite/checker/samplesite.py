"""A generator of termsite-shaped sample sites (mkdocs-material-like pages with the JSON-LD
the termsite generator emits). Used by the checker's tests and by tools/bench_check.py;
not part of the checking itself.
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass
from typing import Any

SITE_URL = "https://glossary.termsite.example/"
_WORDS = ("margin liquidation collateral exposure derivative settlement clearing netting hedge "
          "notional premium strike maturity yield spread basis swap option future forward").split()


def jsonld_script(data: dict[str, Any]) -> str:
    """A JSON-LD script element the way termsite writes it (<, >, & escaped)."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">\n{text}\n</script>'


@dataclass(frozen=True)
class Term:
    slug: str
    title: str
    area: str

    @property
    def description(self) -> str:
        return f"{self.title} is a term used when discussing {self.area.replace('-', ' ')}."


def _sentence(seed: int, words: int = 18) -> str:
    chosen = [_WORDS[(seed * 7 + i * 3) % len(_WORDS)] for i in range(words)]
    return " ".join(chosen).capitalize() + "."


def page_html(title: str, canonical: str, blocks: list[dict[str, Any]], body: str, nav: str, padding: str = "") -> str:
    scripts = "\n".join(jsonld_script(b) for b in blocks)
    return f"""<!doctype html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<link rel="canonical" href="{canonical}">
<title>{html.escape(title)} - Glossary</title>
<link rel="stylesheet" href="/assets/stylesheets/main.css">
{scripts}
<script>var __md_scope=new URL("/",location);</script>
<style>.md-typeset h3{{margin:1em 0}}</style>
</head>
<body dir="ltr">
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<label class="md-overlay" for="__drawer"></label>
<div data-md-component="skip"><a href="#content" class="md-skip">Skip to content</a></div>
<header class="md-header" data-md-component="header">
<nav class="md-header__inner md-grid" aria-label="Header">
<a href="/" title="Glossary" class="md-header__button md-logo" aria-label="Glossary">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 8a3 3 0 0 0 3-3"/></svg></a>
<div class="md-header__title"><span class="md-ellipsis">{html.escape(title)}</span></div>
<div class="md-search" data-md-component="search" role="dialog">
<label class="md-search__overlay" for="__search"></label>
<div class="md-search__inner" role="search"><form class="md-search__form" name="search">
<input type="text" class="md-search__input" name="query" aria-label="Search" placeholder="Search"></form>
<div class="md-search__output"><div class="md-search-result" data-md-component="search-result">
<div class="md-search-result__meta">Initializing search</div></div></div></div></div>
</nav></header>
<div class="md-container" data-md-component="container"><main class="md-main" data-md-component="main">
<div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation">
<nav class="md-nav md-nav--primary" aria-label="Navigation" data-md-level="0"><ul class="md-nav__list">
{nav}
</ul></nav></div>
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
<h1 id="content">{html.escape(title)}</h1>
{body}
<div hidden>{padding}</div>
</article></div></div></main>
<footer class="md-footer"><div class="md-footer-meta md-typeset"><div class="md-copyright">
Made with <a href="https://squidfunk.github.io/mkdocs-material/" target="_blank" rel="noopener">Material for MkDocs</a>
</div></div></footer></div>
<div class="md-dialog" data-md-component="dialog"><div class="md-dialog__inner md-typeset"></div></div>
<script id="__config" type="application/json">{{"base": "/", "features": [], "search": "assets/javascripts/workers/search.js"}}</script>
<script src="/assets/javascripts/bundle.js"></script>
</body></html>
"""


class SampleSite:
    """Builds the pages; ``write(folder)`` puts them on disk."""

    def __init__(self, terms: int = 12, areas: int = 3, site_url: str = SITE_URL, padding_bytes: int = 0,
                 nav_links: int = 40) -> None:
        self.site_url = site_url
        self.areas = [f"area-{i}-{_WORDS[i % len(_WORDS)]}" for i in range(areas)]
        self.terms = [Term(f"term-{i}-{_WORDS[i % len(_WORDS)]}", f"Term {i} {_WORDS[i % len(_WORDS)].title()}",
                           self.areas[i % areas]) for i in range(terms)]
        self.padding = (_sentence(1, 40) + " ") * max(0, padding_bytes // 300)
        nav_terms = self.terms[:nav_links]
        self.nav = "\n".join(f'<li class="md-nav__item"><a href="/definition/{t.slug}/" class="md-nav__link">'
                             f'{html.escape(t.title)}</a></li>' for t in nav_terms)

    # -- URLs and shared nodes ---------------------------------------------------
    def url(self, rel: str) -> str:
        return self.site_url + rel

    def publisher(self) -> dict[str, Any]:
        return {"@type": "Organization", "name": "Termsite Glossary", "url": self.site_url}

    def image(self, slug: str) -> dict[str, Any]:
        return {"@type": "ImageObject", "url": self.url(f"assets/images/{slug}.png"), "width": 1200, "height": 630,
                "caption": f"Illustration for {slug}"}

    def author(self) -> dict[str, Any]:
        return {"@type": "Person", "name": "Ada Lovelace", "url": self.url("about/")}

    def article_summary(self, term: Term) -> dict[str, Any]:
        url = self.url(f"definition/{term.slug}/")
        return {"@type": "Article", "@id": url + "#article", "url": url, "headline": term.title,
                "description": term.description, "datePublished": "2024-01-15T09:00:00+00:00",
                "dateModified": "2024-06-01T12:30:00+00:00", "author": self.author(), "image": self.image(term.slug)}

    def breadcrumb(self, rel: str, section: str, section_name: str, title: str) -> dict[str, Any]:
        url = self.url(rel)
        return {"@context": "https://schema.org", "@type": "BreadcrumbList", "@id": url + "#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": self.site_url},
                    {"@type": "ListItem", "position": 2, "name": section_name, "item": self.url(section)},
                    {"@type": "ListItem", "position": 3, "name": title, "item": url}]}

    def faqs(self, key: str, count: int = 3) -> list[tuple[str, str]]:
        return [(f"What does {key} question {i} mean?", f"It means {_sentence(i + len(key))} See <b>example {i}</b>.")
                for i in range(count)]

    # -- pages -----------------------------------------------------------------
    def home(self) -> str:
        blocks = [
            {"@context": "https://schema.org", "@type": "WebSite", "@id": self.site_url + "#website",
             "url": self.site_url, "name": "Termsite Glossary", "publisher": self.publisher()},
            {"@context": "https://schema.org", **self.publisher(), "@id": self.site_url + "#organization"},
        ]
        body = "<p>Welcome to the glossary.</p>" + "".join(
            f'<p><a href="area/{a}/">{a}</a></p>' for a in self.areas)
        return page_html("Home", self.site_url, blocks, body, self.nav, self.padding)

    def area_index(self) -> str:
        url = self.url("area/")
        blocks = [{"@context": "https://schema.org", "@type": "CollectionPage", "@id": url, "url": url,
                   "headline": "Areas", "description": "All areas of the glossary.", "publisher": self.publisher()}]
        body = "".join(f'<p><a href="{a}/">{a}</a></p>' for a in self.areas)
        return page_html("Areas", url, blocks, body, self.nav, self.padding)

    def area(self, slug: str) -> str:
        rel = f"area/{slug}/"
        url = self.url(rel)
        terms = [t for t in self.terms if t.area == slug]
        faqs = self.faqs(slug)
        blocks = [
            self.breadcrumb(rel, "area/", "Area", slug),
            {"@context": "https://schema.org", "@type": "FAQPage", "@id": url + "#faq", "mainEntity": [
                {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": f"<p>{a}</p>"}}
                for q, a in faqs]},
            {"@context": "https://schema.org", "@type": "CollectionPage", "@id": url, "url": url, "headline": slug,
             "description": f"Terms of {slug}.", "publisher": self.publisher(), "image": self.image(slug),
             "hasPart": [self.article_summary(t) for t in terms]},
        ]
        body = "".join(f'<p><a href="../../definition/{t.slug}/">{html.escape(t.title)}</a></p>' for t in terms)
        body += "<h2>Questions</h2>" + "".join(f'<h3 id="q{i}">{html.escape(q)}</h3>\n<p>{a}</p>'
                                                for i, (q, a) in enumerate(faqs))
        return page_html(slug, url, blocks, body, self.nav, self.padding)

    def term(self, term: Term) -> str:
        rel = f"definition/{term.slug}/"
        url = self.url(rel)
        article = {"@context": "https://schema.org", **self.article_summary(term), "publisher": self.publisher(),
                   "mainEntityOfPage": url, "about": {"@id": url + "#term"}}
        article.pop("url")
        blocks = [
            self.breadcrumb(rel, "definition/", "Definition", term.title),
            article,
            {"@context": "https://schema.org", "@type": "DefinedTerm", "@id": url + "#term", "name": term.title,
             "description": term.description, "alternateName": [term.slug.upper()], "url": url,
             "inDefinedTermSet": self.url("definition/#glossary")},
        ]
        body = f"<p>{html.escape(term.description)}</p>" + "".join(f"<p>{_sentence(i)}</p>" for i in range(6))
        return page_html(term.title, url, blocks, body, self.nav, self.padding)

    def term_index(self) -> str:
        url = self.url("definition/")
        blocks = [{"@context": "https://schema.org", "@type": "DefinedTermSet", "@id": url + "#glossary",
                   "name": "Glossary", "url": url,
                   "hasDefinedTerm": [{"@id": self.url(f"definition/{t.slug}/#term")} for t in self.terms]}]
        body = "".join(f'<p><a href="{t.slug}/">{html.escape(t.title)}</a></p>' for t in self.terms)
        return page_html("Definitions", url, blocks, body, self.nav, self.padding)

    def pages(self) -> dict[str, str]:
        """Relative file path -> HTML."""
        result = {"index.html": self.home(), "area/index.html": self.area_index(),
                  "definition/index.html": self.term_index(),
                  "404.html": page_html("Not found", self.url("404.html"), [], "<p>Not found</p>", self.nav)}
        for slug in self.areas:
            result[f"area/{slug}/index.html"] = self.area(slug)
        for term in self.terms:
            result[f"definition/{term.slug}/index.html"] = self.term(term)
        result["about/index.html"] = page_html("About", self.url("about/"), [], "<p>About us.</p>", self.nav)
        return result

    def write(self, folder: str) -> int:
        """Write the site; returns the number of HTML pages."""
        pages = self.pages()
        for rel, text in pages.items():
            path = os.path.join(folder, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        images = os.path.join(folder, "assets", "images")
        os.makedirs(images, exist_ok=True)
        for slug in [t.slug for t in self.terms] + self.areas:
            with open(os.path.join(images, f"{slug}.png"), "wb") as handle:
                handle.write(b"\x89PNG\r\n\x1a\n")
        return len(pages)
