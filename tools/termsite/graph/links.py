"""The link graph: who links to whom, and the linked HTML of every Markdown field.

Two kinds of link are made inside rendered fragments: explicit references
(``[[slug]]`` and ``[[slug|text]]``) and automatic links on the first plain-text mention
of another term's title or alias on a page. Both skip code; automatic links also skip
existing links and headings, and never point a page at itself. Every link carries the
target's summary as its ``title`` so that the theme can show it as a tooltip.

Mentions are found with one Aho–Corasick automaton over every title and alias, so the
cost grows with the length of the text, not with the number of terms.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Hashable, Iterable, Iterator

import ahocorasick

from termsite.content.loader import REFERENCE_RE
from termsite.graph.inflection import is_abbreviation, plural_forms
from termsite.graph.fragments import FragmentCache
from termsite.graph.markup import html_to_text, markdown_to_html, render_markdown, sanitize_html
from termsite.content.model import FaqEntry, Glossary, Term
from termsite.settings import UrlScheme
from termsite.workers import map_items

_TOKEN_RE = re.compile(r"(<[^>]*>)")
_TAG_NAME_RE = re.compile(r"<\s*(/?)\s*([a-zA-Z0-9]+)")
# Inside these, text is not a place for automatic links; code is not even a place for references.
_NO_AUTOLINK = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
_NO_REFERENCE = {"a", "code", "pre"}
_VOID = {"br", "hr", "img"}


_NON_WORD = re.compile(r"\W")


class TermMatcher:
    """Finds mentions of term names in text.

    The automaton runs over the text with every non-word character turned into a space and
    a space at each end, and its keys are the names treated the same way with a space at
    each end: it then reports only whole-word matches, instead of every name found inside
    other words (a three-letter abbreviation occurs in many words), which is what keeps a
    10,000-term glossary's linking linear and quick.

    ``escaped`` says whether the text searched is HTML-escaped (fragments rendered by
    termsite) or plain (the text nodes of a page's element tree). With ``plurals``, the
    English plural of each name finds its term too, unless another term has that name or
    the term opts out; a term with ``autolink: false`` is never matched.
    """

    def __init__(self, terms: Iterable[Term], *, plurals: bool = False, escaped: bool = True) -> None:
        self._automaton = ahocorasick.Automaton()
        names: dict[str, list[tuple[str, str, str, bool]]] = {}
        linkable = [term for term in terms if term.autolink]

        def add(name: str, slug: str) -> None:
            written = html.escape(name, quote=False) if escaped else name
            folded = _fold(written)
            key = f" {_NON_WORD.sub(' ', folded)} "
            names.setdefault(key, []).append((folded, written, slug, is_abbreviation(name)))

        for term in linkable:
            for name in [term.title, *term.aliases]:
                add(name, term.slug)
        if plurals:
            real = set(names)
            for term in linkable:
                if not term.plurals:
                    continue
                for name in [term.title, *term.aliases]:
                    for plural in plural_forms(name):
                        written = html.escape(plural, quote=False) if escaped else plural
                        if f" {_NON_WORD.sub(' ', _fold(written))} " not in real:
                            add(plural, term.slug)
        for key, entries in names.items():
            self._automaton.add_word(key, (len(key), entries))
        self._empty = not names
        if not self._empty:
            self._automaton.make_automaton()

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Non-overlapping mentions as (start, end, slug), leftmost first, longest at each start."""
        if self._empty:
            return
        folded = _fold(text)
        spaced = f" {_NON_WORD.sub(' ', folded)} "
        candidates: list[tuple[int, int, str]] = []
        for end_index, (length, entries) in self._automaton.iter(spaced):
            # The key spans spaced[end_index - length + 1 : end_index + 1]; without its two spaces and
            # the leading pad, the name spans text[start:end].
            start, end = end_index - length + 1, end_index - 1
            if _in_character_reference(text, start):
                continue
            for folded_name, written, slug, exact_case in entries:
                # Several names read alike once punctuation is blanked ('P&L', 'P-L'): compare as written.
                if folded[start:end] == folded_name and (not exact_case or text[start:end] == written):
                    candidates.append((start, end, slug))
                    break
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        position = 0
        for start, end, slug in candidates:
            if start >= position:
                yield start, end, slug
                position = end


def _in_character_reference(text: str, start: int) -> bool:
    """True for the name of '&amp;' or the number of '&#39;': a term named 'amp' must not split them."""
    return text[start - 1:start] == "&" or text[max(start - 2, 0):start] == "&#"


def _fold(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters change length when lowered (İ); keep offsets aligned with the original.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass
class LinkedFragment:
    """A Markdown field rendered to HTML with its links made."""

    html: str
    text: str  # what a reader sees, for JSON-LD and search


@dataclass
class LinkedFaq:
    question: str
    answer: LinkedFragment


@dataclass
class EntryLinks:
    """The linked content of one page, and the terms it links to."""

    main: LinkedFragment
    faq: list[LinkedFaq]
    links_to: list[str] = field(default_factory=list)  # term slugs, in order of first link


@dataclass
class LinkGraph:
    terms: dict[str, EntryLinks]
    areas: dict[str, EntryLinks]
    backlinks: dict[str, list[str]]  # term slug -> slugs of terms whose pages link to it
    related: dict[str, list[str]]  # term slug -> related terms, both directions, own list first
    # What the links were made from, so that a rebuild can reuse what did not change.
    names_fingerprint: int = 0
    inputs: dict[str, Hashable] = field(default_factory=dict, repr=False)
    summaries: dict[str, str] = field(default_factory=dict, repr=False)  # the tooltips of every link
    changed_summaries: frozenset[str] = frozenset()  # terms whose summary differs from the previous build
    plurals: bool = False  # whether plurals of names were linked
    matcher: TermMatcher | None = field(default=None, repr=False, compare=False)  # over HTML-escaped text
    # What a preview needs to re-link only what a renamed term reaches.
    scheme_fingerprint: int = 0  # URLs and plurals: when they change, every link changes
    name_keys: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)  # name -> the terms it names
    titles: dict[str, str] = field(default_factory=dict, repr=False)
    changed_titles: frozenset[str] = frozenset()  # terms whose title differs from the previous build
    changed_names: NameFinder | None = field(default=None, repr=False, compare=False)  # None: no name changed

    def page_matcher(self, glossary: Glossary) -> TermMatcher:
        """The matcher for a hand-written page's element tree (plain text), made once per build."""
        if self._tree_matcher is None:
            self._tree_matcher = TermMatcher(glossary.terms.values(), plurals=self.plurals, escaped=False)
        return self._tree_matcher

    _tree_matcher: TermMatcher | None = field(default=None, repr=False, compare=False)


class PageLinker:
    """Links the fragments of one page, so that each target is auto-linked once per page."""

    def __init__(self, matcher: TermMatcher, glossary: Glossary, urls: UrlScheme, page_path: str,
                 own_slug: str | None, rendered: dict[str, str] | None = None, *, autolink: bool = True) -> None:
        self.matcher = matcher
        self.autolink = autolink
        self.rendered = rendered or {}  # Markdown -> sanitized HTML, rendered ahead (see build_link_graph)
        self.glossary = glossary
        self.urls = urls
        self.page_path = page_path
        self.own_slug = own_slug
        self.linked: list[str] = []
        self._linked_set: set[str] = set()

    def _anchor(self, slug: str, inner_html: str, css_class: str) -> str:
        term = self.glossary.terms[slug]
        href = self.urls.relative(self.page_path, self.urls.term(slug))
        title = html.escape(term.summary, quote=True)
        self._note(slug)
        language = self.urls.term_language(slug)
        if language:  # a term not translated into the page's language: its page is in another one
            return f'<a href="{href}" class="{css_class}" title="{title}" hreflang="{language}">{inner_html}' \
                   f'{language_tag(language)}</a>'
        return f'<a href="{href}" class="{css_class}" title="{title}">{inner_html}</a>'

    def seed(self, slugs: Iterable[str]) -> None:
        """Count terms as linked already (higher up the same page), so that they are not auto-linked again."""
        self._linked_set.update(slugs)

    def _note(self, slug: str) -> None:
        if slug not in self._linked_set:
            self._linked_set.add(slug)
            self.linked.append(slug)

    def link(self, fragment: str) -> str:
        parts = _TOKEN_RE.split(fragment)
        open_tags: list[str] = []
        for index, part in enumerate(parts):
            if not part:
                continue
            if index % 2 == 1:  # a tag
                match = _TAG_NAME_RE.match(part)
                if match:
                    closing, name = match.group(1), match.group(2).lower()
                    if closing:
                        if name in open_tags:
                            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
                    elif name not in _VOID and not part.endswith("/>"):
                        open_tags.append(name)
                continue
            parts[index] = self._link_text(part, references=not _NO_REFERENCE.intersection(open_tags),
                                           mentions=self.autolink and not _NO_AUTOLINK.intersection(open_tags))
        return "".join(parts)

    def _link_text(self, text: str, *, references: bool, mentions: bool) -> str:
        if not references:
            return self._autolink(text) if mentions else text
        out: list[str] = []
        position = 0
        for match in REFERENCE_RE.finditer(text):
            before = text[position:match.start()]
            out.append(self._autolink(before) if mentions else before)
            out.append(self._reference(match))
            position = match.end()
        rest = text[position:]
        out.append(self._autolink(rest) if mentions else rest)
        return "".join(out)

    def _reference(self, match: re.Match[str]) -> str:
        slug = match.group(1).strip()
        if slug not in self.glossary.terms:
            return match.group(0)  # the loader has reported it; leave the text as written
        label = match.group(2).strip() if match.group(2) else html.escape(self.glossary.terms[slug].title, quote=False)
        return self._anchor(slug, label, "termsite-ref")

    def _autolink(self, text: str) -> str:
        out: list[str] = []
        position = 0
        for start, end, slug in self.matcher.find(text):
            if slug == self.own_slug or slug in self._linked_set:
                continue
            out.append(text[position:start])
            out.append(self._anchor(slug, text[start:end], "termsite-term"))
            position = end
        if not out:
            return text
        out.append(text[position:])
        return "".join(out)

    def fragment(self, markdown_text: str) -> LinkedFragment:
        rendered = self.rendered.get(markdown_text)
        linked = self.link(rendered if rendered is not None else markdown_to_html(markdown_text))
        # The text of the linked HTML: a [[slug|label]] reads as its label, as on the page.
        return LinkedFragment(html=linked, text=html_to_text(linked))


def language_tag(language: str) -> str:
    """The small tag after a link to a page in another language than the linking page's: ' EN'."""
    return f' <span class="termsite-lang-tag" lang="{language}">{language.upper()}</span>'


def _entry_links(linker: PageLinker, main: str, faq: list[FaqEntry], subject: str,
                 aspect_question: str = "") -> EntryLinks:
    main_fragment = linker.fragment(main)
    linked_faq = [LinkedFaq(entry.question or aspect_question.format(aspect=entry.aspect, area=subject)
                            if aspect_question else entry.question_for(subject), linker.fragment(entry.answer))
                  for entry in faq]
    return EntryLinks(main=main_fragment, faq=linked_faq, links_to=linker.linked)


class NameFinder:
    """Whether a text mentions any of a few names, as whole words in any case.

    A preview uses it to find the few entries and pages whose links a renamed term (or a
    new alias) can change: only texts that mention an old or a new name are linked again.
    """

    def __init__(self, keys: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        for key in keys:
            self._automaton.add_word(key, key)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def found_in(self, text: str) -> bool:
        if self._empty or not text:
            return False
        spaced = f" {_NON_WORD.sub(' ', _fold(html.unescape(text)))} "
        return next(self._automaton.iter(spaced), None) is not None


def name_keys(glossary: Glossary, plurals: bool) -> dict[str, frozenset[str]]:
    """Every name that auto-linking matches (titles, aliases, plurals), normalized -> the terms it names."""
    keys: dict[str, set[str]] = {}
    for term in glossary.terms.values():
        names = [term.title, *term.aliases]
        if plurals and term.plurals:
            names += [plural for name in names for plural in plural_forms(name)]
        for name in names:
            keys.setdefault(f" {_NON_WORD.sub(' ', _fold(name))} ", set()).add(
                term.slug if term.autolink else f"{term.slug} (reference only)")
    return {key: frozenset(slugs) for key, slugs in keys.items()}


def _names_fingerprint(glossary: Glossary, urls: UrlScheme, plurals: bool) -> int:
    """Changes whenever a link's target or the text it is made on could change anywhere."""
    return hash((urls.base, urls.term_prefix, urls.area_prefix, plurals, tuple(
        (t.slug, t.title, tuple(t.aliases), t.autolink, t.plurals) for t in glossary.sorted_terms())))


def build_link_graph(glossary: Glossary, urls: UrlScheme, previous: LinkGraph | None = None, *,
                     plurals: bool = False, fragments: FragmentCache | None = None,
                     aspect_question: str = "") -> LinkGraph:
    """Link every page's fragments. With ``previous``, entries whose text and names are unchanged are reused.

    ``aspect_question`` is how an area's FAQ asks about an aspect, in the pages' language
    ('What is the {aspect} of {area}?', the default).

    ``plurals``: English plurals of the names link too (see :mod:`termsite.graph.inflection`).
    With ``fragments``, Markdown rendered by an earlier build is not rendered again.
    """
    fingerprint = _names_fingerprint(glossary, urls, plurals)
    scheme = hash((urls.base, urls.term_prefix, urls.area_prefix, urls.directory_urls, plurals, urls.prefix,
                   aspect_question))
    reusable = previous if previous is not None and previous.scheme_fingerprint == scheme else None
    summaries = {slug: term.summary for slug, term in glossary.terms.items()}
    titles = {slug: term.title for slug, term in glossary.terms.items()}
    # A summary is the tooltip of every link to its term, and a title the text of every [[slug]]
    # to it: the fragments linking to it are made again.
    changed_summaries = frozenset(slug for slug, summary in summaries.items()
                                  if reusable is not None and reusable.summaries.get(slug) != summary)
    changed_titles = frozenset(slug for slug, title in titles.items()
                               if reusable is not None and reusable.titles.get(slug) != title)
    keys = name_keys(glossary, plurals)
    finder: NameFinder | None = None
    if reusable is not None and reusable.names_fingerprint != fingerprint:
        old = reusable.name_keys
        finder = NameFinder(key for key in set(old) | set(keys) if old.get(key) != keys.get(key))
    relink = changed_summaries | changed_titles
    matcher = TermMatcher(glossary.terms.values(), plurals=plurals)
    inputs: dict[str, Hashable] = {}
    rendered = _render_ahead(glossary, reusable, fragments)

    def entry_links(key: str, page_path: str, own_slug: str | None, main: str, faq: list[FaqEntry],
                    subject: str, old: dict[str, EntryLinks] | None) -> EntryLinks:
        inputs[key] = (main, tuple(faq), subject)
        if reusable is not None and old is not None and reusable.inputs.get(key) == inputs[key]:
            previous_links = old[key.split(":", 1)[1]]
            renamed = finder is not None and any(finder.found_in(text) for text in [main, *(e.answer for e in faq)])
            if not relink.intersection(previous_links.links_to) and not renamed:
                return previous_links
        linker = PageLinker(matcher, glossary, urls, page_path, own_slug, rendered)
        return _entry_links(linker, main, faq, subject, aspect_question)

    terms: dict[str, EntryLinks] = {}
    backlinks: dict[str, list[str]] = {slug: [] for slug in glossary.terms}
    for term in glossary.sorted_terms():
        links = entry_links(f"term:{term.slug}", urls.term(term.slug), term.slug, term.body, term.faq, term.title,
                            reusable.terms if reusable else None)
        terms[term.slug] = links
        for target in links.links_to:
            backlinks[target].append(term.slug)
    areas: dict[str, EntryLinks] = {}
    for area in glossary.sorted_areas():
        areas[area.slug] = entry_links(f"area:{area.slug}", urls.area(area.slug), None, area.intro, area.faq,
                                       area.title, reusable.areas if reusable else None)
    return LinkGraph(terms=terms, areas=areas, backlinks=backlinks, related=related_both_ways(glossary),
                     names_fingerprint=fingerprint, inputs=inputs, summaries=summaries,
                     changed_summaries=changed_summaries, plurals=plurals, matcher=matcher,
                     scheme_fingerprint=scheme, name_keys=keys, titles=titles, changed_titles=changed_titles,
                     changed_names=finder)


def _render_ahead(glossary: Glossary, reusable: LinkGraph | None, fragments: FragmentCache | None) -> dict[str, str]:
    """Every Markdown field that a build must render, rendered in worker processes when there are many.

    With a fragment cache, only the fields it does not hold are rendered; every field, cached
    or not, is then sanitized, and the cache keeps what this build used.
    """
    texts: set[str] = set()
    entries = [(f"term:{t.slug}", t.body, t.faq, t.title) for t in glossary.terms.values()]
    entries += [(f"area:{a.slug}", a.intro, a.faq, a.title) for a in glossary.areas.values()]
    for key, main, faq, subject in entries:
        if reusable is not None and reusable.inputs.get(key) == (main, tuple(faq), subject):
            continue
        texts.add(main)
        texts.update(entry.answer for entry in faq)
    ordered = sorted(texts)
    if fragments is None:
        return dict(zip(ordered, map_items(markdown_to_html, ordered)))
    cached = fragments.lookup(ordered)
    missing = [text for text in ordered if text not in cached]
    raw = {**cached, **dict(zip(missing, map_items(render_markdown, missing)))}
    if reusable is None:  # a full build: the cache keeps exactly its fields (a partial one sees only the edits)
        fragments.save(raw)
    return dict(zip(ordered, map_items(sanitize_html, [raw[text] for text in ordered])))


def related_both_ways(glossary: Glossary) -> dict[str, list[str]]:
    related: dict[str, list[str]] = {slug: list(term.related) for slug, term in glossary.terms.items()}
    for term in glossary.sorted_terms():
        for other in term.related:
            if term.slug not in related[other]:
                related[other].append(term.slug)
    return related

