"""``termsite lint``: every content problem of the glossary in one run, errors and style warnings."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from termsite.content.articles import Article, FrontMatter, load_articles, markdown_sources
from termsite.content.loader import ContentLayout, check_content
from termsite.content.model import CANONICAL_ORDER, Glossary
from termsite.authoring.translations import (CoverageReport, coverage, outdated_translations,
                                            translation_style_problems)
from termsite.graph.links import PageLinker, build_link_graph
from termsite.problems import Problem, Severity
from termsite.settings import Publisher, SiteSettings

SUMMARY_ADVISED_LENGTH = 160


@dataclass(frozen=True)
class KnowledgeBase:
    """The site's hand-written pages, as `termsite lint` looks at them."""

    docs_dir: Path
    excluded: frozenset[str] = frozenset()  # pages the site leaves out (MkDocs' exclude_docs)
    autolink: bool = True
    plurals: bool = True
    unlinked_pages: bool = False  # warn about pages that link no term


@dataclass
class LintReport:
    """What `termsite lint` found: the problems, and how far each language's translations are."""

    problems: list[Problem]
    coverage: CoverageReport | None = None  # None when the content has errors


def lint_content(content_dir: Path | str, *, default_author: str = "",
                 pages: KnowledgeBase | None = None, languages: Sequence[str] = ()) -> list[Problem]:
    """Every problem of the glossary, and of the site's hand-written pages when ``pages`` says where they are."""
    return lint_report(content_dir, default_author=default_author, pages=pages, languages=languages).problems


def lint_report(content_dir: Path | str, *, default_author: str = "", pages: KnowledgeBase | None = None,
                languages: Sequence[str] = ()) -> LintReport:
    """:func:`lint_content`, with the translation coverage of every language but the source."""
    layout = ContentLayout(Path(content_dir))
    glossary, problems = check_content(content_dir, default_author=default_author,
                                       files_dir=pages.docs_dir if pages else None, languages=languages)
    if glossary is None:
        return LintReport(problems)
    problems = problems + list(style_problems(glossary, layout))
    problems += list(translation_style_problems(glossary, layout))
    articles: dict[str, Article] | None = None
    if pages is not None:
        sources = [s for s in markdown_sources(pages.docs_dir) if s not in pages.excluded]
        articles, found = load_articles(pages.docs_dir, sources, glossary)
        problems += found
        if not any(p.is_error for p in found):
            problems += list(link_problems(glossary, pages, articles))
    outdated = outdated_translations(glossary, layout, articles, pages.docs_dir if pages else None)
    problems += [item.problem() for item in outdated]
    return LintReport(sorted(problems), coverage(glossary, outdated, articles))


def link_problems(glossary: Glossary, pages: KnowledgeBase, articles: dict[str, Article]) -> Iterable[Problem]:
    """Terms that no page, term or area links (info), and, when asked, pages that link no term.

    A page's links are found as the build finds them, on its Markdown rendered in termsite's
    own dialect: close to what the engine renders, and enough to tell "links nothing".
    """
    settings = SiteSettings(site_url="https://lint.invalid/", site_name="", publisher=Publisher(""),
                            plurals=pages.plurals)
    graph = build_link_graph(glossary, settings.urls, plurals=settings.inflects)
    linked: set[str] = set()
    for links in [*graph.terms.values(), *graph.areas.values()]:
        linked.update(links.links_to)
    for slug, others in graph.related.items():
        if others:
            linked.add(slug)
    assert graph.matcher is not None
    for source, article in sorted(articles.items()):
        text = (pages.docs_dir / source).read_text(encoding="utf-8", errors="replace")
        linker = PageLinker(graph.matcher, glossary, settings.urls, "page/", own_slug=None,
                            autolink=pages.autolink and article.autolink)
        linker.fragment(text[FrontMatter.split(text).body_offset:])
        for entry in article.faq:
            linker.fragment(entry.answer)
        page_links = set(linker.linked) | set(article.about)
        linked |= page_links
        # a translated page is linked by the names of its own language, which this English matcher does not know
        if pages.unlinked_pages and not page_links and not article.language:
            yield Problem(article.path, 1, 1, "unlinked-page",
                          "links no glossary term; mention terms by name or link them with [[slug]] so that "
                          "readers can look them up.", "", Severity.WARNING)
    for term in glossary.sorted_terms():
        if term.slug not in linked and not term.deprecated:
            yield Problem(term.path, 1, 1, "orphan-term",
                          "no page, term or area links this term (its area lists it); mention it in a related "
                          "definition or a guide, or add it to a term's 'related'.", "", Severity.INFO)


def _warning(path: str, position: tuple[int, int], code: str, field: str, message: str) -> Problem:
    return Problem(path, position[0], position[1], code, message, field, Severity.WARNING)


def style_problems(glossary: Glossary, layout: ContentLayout) -> Iterable[Problem]:
    """Things that build fine but read badly or make reviews harder."""
    for term in glossary.terms.values():
        where = term.positions.get("summary", (1, 1))
        if len(term.summary) > SUMMARY_ADVISED_LENGTH:
            yield _warning(term.path, where, "summary-too-long", "summary",
                           f"is {len(term.summary)} characters; search engines show about {SUMMARY_ADVISED_LENGTH}.")
        if not term.summary.endswith((".", "?", "!")):
            yield _warning(term.path, where, "summary-sentence", "summary",
                           "should be one full sentence ending in a full stop.")
        yield from _key_order(term.path, "term", term.positions)
    for area in glossary.areas.values():
        if len(area.description) > SUMMARY_ADVISED_LENGTH:
            yield _warning(area.path, area.positions.get("description", (1, 1)), "summary-too-long", "description",
                           f"is {len(area.description)} characters; search engines show about {SUMMARY_ADVISED_LENGTH}.")
        if area.terms is not None:
            listed = set(area.terms)
            for member in glossary.area_members.get(area.slug, []):
                if member.slug not in listed:
                    yield _warning(area.path, area.positions.get("terms", (1, 1)), "unordered-term", "terms",
                                   f"'{member.slug}' belongs to this area but is missing from its 'terms' order; "
                                   "it is shown after the listed terms.")
        yield from _key_order(area.path, "area", area.positions)
    yield from _confusable_names(glossary)


def skeleton(name: str) -> str:
    """What a name looks like, in the spirit of Unicode's confusable skeletons (UTS #39).

    Compatibility forms are folded (full-width letters, ligatures), invisible format
    characters dropped (zero-width spaces and joiners), case folded, and each non-ASCII
    letter that Unicode's confusables data says looks like an ASCII one replaced by it
    (Cyrillic 'а' by Latin 'a'). ASCII itself is left alone: 'l' and '1' are told apart.
    """
    from confusable_homoglyphs.confusables import confusables_data

    folded = unicodedata.normalize("NFKC", name).casefold()
    out = []
    for char in folded:
        if unicodedata.category(char) == "Cf":
            continue
        if not char.isascii():
            look_alikes = [g["c"] for g in confusables_data.get(char, []) if len(g["c"]) == 1 and g["c"].isascii()]
            char = min(look_alikes) if look_alikes else char
        out.append(char)
    return " ".join("".join(out).split())


def _confusable_names(glossary: Glossary) -> Iterable[Problem]:
    """Titles and aliases that read the same as another entry's but are other characters."""
    seen: dict[str, tuple[str, str, str]] = {}  # skeleton -> (name, path, owner)
    entries = [(t.path, t.slug, t.positions, [("title", t.title)] + [("aliases", a) for a in t.aliases])
               for t in glossary.sorted_terms()]
    entries += [(a.path, f"area:{a.slug}", a.positions, [("title", a.title)]) for a in glossary.sorted_areas()]
    for path, owner, positions, names in entries:
        for key, name in names:
            shape = skeleton(name)
            other = seen.get(shape)
            if other is None:
                seen[shape] = (name, path, owner)
            elif other[2] != owner and other[0].casefold() != name.casefold():
                yield _warning(path, positions.get(key, (1, 1)), "confusable-name", key,
                               f"'{_visible(name)}' looks the same as '{_visible(other[0])}' in {other[1]} but is "
                               "written with other characters (look-alike letters, full-width or invisible ones); "
                               "readers cannot tell them apart, so retype it or make it a distinct name.")


def _visible(name: str) -> str:
    """The name with invisible and non-ASCII look-alike characters shown as code points."""
    return "".join(c if c.isascii() and c.isprintable() else f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cf"
                   or skeleton(c) != c.casefold() else c for c in name)


def _key_order(path: str, kind: str, positions: dict[str, tuple[int, int]]) -> Iterable[Problem]:
    canonical = CANONICAL_ORDER[kind]
    keys = [key for key in positions if key in canonical]
    expected = sorted(keys, key=canonical.index)
    for actual, wanted in zip(keys, expected):
        if actual != wanted:
            yield _warning(path, positions[actual], "key-order", actual,
                           f"keys are out of the usual order; expected '{wanted}' here (order: {', '.join(expected)}).")
            return


def format_problems(problems: list[Problem], style: str) -> str:
    if style == "json":
        return json.dumps([{"path": p.path, "line": p.line, "column": p.column, "severity": str(p.severity),
                            "code": p.code, "field": p.field, "message": p.message} for p in problems], indent=2)
    if style == "github":
        lines = []
        for p in problems:
            level = {"error": "error", "warning": "warning"}.get(str(p.severity), "notice")
            message = (f"{p.field}: " if p.field else "") + p.message
            message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            lines.append(f"::{level} file={p.path},line={p.line},col={p.column},title={p.code}::{message}")
        return "\n".join(lines)
    return "\n".join(p.format() for p in problems)


def summary_line(problems: list[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    infos = sum(p.severity is Severity.INFO for p in problems)
    warnings = len(problems) - errors - infos
    return f"termsite lint: {errors} error(s), {warnings} warning(s)" + (f", {infos} info" if infos else "")
