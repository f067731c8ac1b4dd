"""What another site needs to show this glossary's definitions: ``termsite-embed.js`` and a name index.

A page anywhere includes ``<script src="https://GLOSSARY/termsite-embed.js" defer></script>``
and marks terms with ``<span data-term="mark-price">``; the script turns them into links to
the term pages with the definition as a tooltip, read from the per-term JSON the exports
write (``definition/<slug>.json``). A container marked ``data-termsite-autolink`` has its
terms found by name, with the names from ``termsite-names.json``: each term's title,
aliases and (on English sites) their plurals, the same names the site's own auto-linking
finds.

The script ships minified inside the package (``assets/termsite-embed.min.js``, made from
``assets/termsite-embed.js`` by ``make embed`` with the terser pinned in
``tests/browser/package.json``), so that building a site needs no Node; the site's own
addresses are written into its configuration here.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path
from typing import Any

from termsite.content.model import Glossary
from termsite.graph.inflection import plural_forms
from termsite.settings import SiteSettings

EMBED_SCRIPT = "termsite-embed.js"
NAME_INDEX = "termsite-names.json"
CONFIG_PLACEHOLDER = "__TERMSITE_CONFIG__"
MINIFIED = "termsite-embed.min.js"


def embed_config(settings: SiteSettings) -> dict[str, str]:
    """Where the script finds things, relative to its own address (the site's root)."""
    urls = settings.urls
    return {"pages": urls.term("{slug}"), "data": f"{urls.term_prefix}{{slug}}.json", "names": NAME_INDEX,
            "site": settings.site_name}


def embed_script(settings: SiteSettings) -> str:
    """The minified script with this site's configuration written in."""
    source = (files("termsite.site") / "assets" / MINIFIED).read_text(encoding="utf-8")
    # The configuration is a JSON string inside a JSON.parse call: a string literal of a string literal.
    literal = json.dumps(json.dumps(embed_config(settings), ensure_ascii=True, separators=(",", ":")))
    for quote in ('"', "'"):
        source = source.replace(f"{quote}{CONFIG_PLACEHOLDER}{quote}", literal)
    return source


def name_index(glossary: Glossary, settings: SiteSettings) -> dict[str, Any]:
    """Each term's title and the names that find it: ``{"terms": {slug: [title, name, ...]}, "manual": [...]}``.

    Terms that opt out of auto-linking are listed (their titles name them in analytics
    events) with their title only, and in ``manual``.
    """
    real = {name.casefold() for term in glossary.terms.values() for name in [term.title, *term.aliases]}
    terms: dict[str, list[str]] = {}
    manual = []
    for term in glossary.sorted_terms():
        if not term.autolink:
            terms[term.slug] = [term.title]
            manual.append(term.slug)
            continue
        names = [term.title, *term.aliases]
        if settings.inflects and term.plurals:
            names += [plural for name in names for plural in plural_forms(name) if plural.casefold() not in real]
        terms[term.slug] = list(dict.fromkeys(names))
    return {"v": 1, "terms": terms, "manual": manual}


def write_embed_files(site_dir: str | Path, glossary: Glossary, settings: SiteSettings) -> list[Path]:
    root = Path(site_dir)
    root.mkdir(parents=True, exist_ok=True)
    script = root / EMBED_SCRIPT
    script.write_text(embed_script(settings), encoding="utf-8")
    names = root / NAME_INDEX
    names.write_text(json.dumps(name_index(glossary, settings), ensure_ascii=False, separators=(",", ":")) + "\n",
                     encoding="utf-8")
    return [script, names]
