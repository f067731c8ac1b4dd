"""Reads a content folder into a validated :class:`~termsite.model.Glossary`.

Every problem of every file is collected before giving up, so that a contributor sees
all of them in one run; cross-file checks (references, duplicates) run once each file
on its own is valid.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from termsite.fields import SLUG_RE, Collector, Invalid, Record, did_you_mean
from termsite.model import AREA, AUTHORS, TERM, Area, Author, FaqEntry, Glossary, Term
from termsite.problems import ContentError, Problem, Severity
from termsite.yamlsource import YamlNode, read_yaml_file

# [[slug]] or [[slug|text]]; the slug part is checked against the slug pattern separately
# so that a malformed reference gets a precise message instead of being ignored.
REFERENCE_RE = re.compile(r"\[\[([^\[\]|\n]{1,200})(?:\|([^\[\]\n]{1,300}))?\]\]")
_FENCED_CODE_RE = re.compile(r"^([ \t]*)(```|~~~)[^\n]*\n.*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
MAX_FILES = 100_000


@dataclass(frozen=True)
class ContentLayout:
    """Where content lives inside a content folder."""

    root: Path
    terms_dir: str = "terms"
    areas_dir: str = "areas"
    authors_file: str = "authors.yml"

    @property
    def terms(self) -> Path:
        return self.root / self.terms_dir

    @property
    def areas(self) -> Path:
        return self.root / self.areas_dir

    @property
    def authors(self) -> Path:
        return self.root / self.authors_file


def display_path(path: Path) -> str:
    """A path as a contributor would type it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def load_glossary(content_dir: Path | str, *, default_author: str = "") -> Glossary:
    """Load and validate all content; raise ContentError listing every error found."""
    glossary, problems = check_content(content_dir, default_author=default_author)
    if glossary is None or any(p.is_error for p in problems):
        raise ContentError(problems)
    return glossary


def check_content(content_dir: Path | str, *, default_author: str = "") -> tuple[Glossary | None, list[Problem]]:
    """Load and validate; return the glossary (None when it has errors) and all problems."""
    layout = ContentLayout(Path(content_dir))
    problems: list[Problem] = []
    if not layout.root.is_dir():
        return None, [Problem(display_path(layout.root), 1, 1, "missing-content",
                              "the content folder does not exist; expected terms/, areas/ and authors.yml in it.")]
    authors = _load_authors(layout, problems)
    references: list[tuple[Term | Area, str, int, str]] = []
    terms = {t.slug: t for t in _load_entries(layout.terms, TERM, _make_term, problems, references)}
    areas = {a.slug: a for a in _load_entries(layout.areas, AREA, _make_area, problems, references)}
    glossary = Glossary(terms=terms, areas=areas, authors=authors, default_author=default_author)
    _cross_check(glossary, layout, problems, references)
    if any(p.is_error for p in problems):
        return None, sorted(problems)
    glossary.area_members = _area_members(glossary)
    return glossary, sorted(problems)


def _load_authors(layout: ContentLayout, problems: list[Problem]) -> dict[str, Author]:
    path = layout.authors
    if not path.exists():
        return {}
    shown = display_path(path)
    root, read_problems = read_yaml_file(path, shown)
    problems.extend(read_problems)
    if root is None:
        return {}
    out = Collector(shown)
    try:
        values = AUTHORS.convert(root, "", out)
    except Invalid:
        values = {}
    problems.extend(out.problems)
    return {key: Author(key=key, name=v["name"], url=v["url"]) for key, v in values.items()}


def _entry_files(folder: Path, problems: list[Problem]) -> list[Path]:
    if not folder.is_dir():
        return []
    files: list[Path] = []
    seen: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        shown = display_path(path)
        if path.suffix != ".yml":
            if path.suffix in (".yaml", ".YML", ".YAML"):
                problems.append(Problem(shown, 1, 1, "bad-file-name",
                                        f"content files end in '.yml'; rename it to '{path.stem}.yml'."))
            continue
        if not SLUG_RE.match(path.stem):
            problems.append(Problem(shown, 1, 1, "bad-slug",
                                    f"the file name '{path.stem}' is not a valid slug; use lowercase letters, digits "
                                    "and single hyphens, like 'mark-price.yml'."))
            continue
        # Two names that differ only in case collide on macOS and Windows checkouts.
        folded = path.stem.casefold()
        if folded in seen:
            problems.append(Problem(shown, 1, 1, "duplicate-slug",
                                    f"the slug collides with '{display_path(seen[folded])}' on case-insensitive file systems."))
            continue
        seen[folded] = path
        files.append(path)
        if len(files) > MAX_FILES:
            problems.append(Problem(display_path(folder), 1, 1, "too-large",
                                    f"more than {MAX_FILES:,} files; termsite reads at most that many."))
            break
    return files


def _load_entries(folder: Path, record: Record, make: Any, problems: list[Problem],
                  references: list[tuple[Term | Area, str, int, str]]) -> Iterable[Any]:
    for path in _entry_files(folder, problems):
        shown = display_path(path)
        root, read_problems = read_yaml_file(path, shown)
        if root is None:
            problems.extend(read_problems)
            continue
        out = Collector(shown)
        try:
            values = record.convert(root, "", out)
        except Invalid:
            problems.extend(out.problems)
            continue
        entry = make(path.stem, shown, values, root)
        _check_dates(entry, root, out)
        references.extend((entry, slug, line, where) for slug, line, where in _references(entry, root, out))
        problems.extend(out.problems)
        yield entry


def _positions(root: YamlNode) -> dict[str, tuple[int, int]]:
    return {key: (k.line, k.column) for key, (k, _) in root.entries.items()}


def _make_term(slug: str, path: str, values: dict[str, Any], root: YamlNode) -> Term:
    return Term(slug=slug, path=path, positions=_positions(root), **values)


def _make_area(slug: str, path: str, values: dict[str, Any], root: YamlNode) -> Area:
    return Area(slug=slug, path=path, positions=_positions(root), **values)


def _check_dates(entry: Term | Area, root: YamlNode, out: Collector) -> None:
    if entry.published and entry.modified and entry.modified < entry.published:
        node = root.entries["modified"][1]
        out.error(node, "modified", "dates-reversed",
                  f"{entry.modified.isoformat()} is before published ({entry.published.isoformat()}); "
                  "modified cannot come before published.")


def markdown_fields(entry: Term | Area, root: YamlNode) -> Iterable[tuple[str, str, YamlNode]]:
    """Each Markdown field of an entry: (field path, text, node)."""
    main = "body" if isinstance(entry, Term) else "intro"
    if main in root.entries:
        yield main, getattr(entry, main), root.entries[main][1]
    if "faq" in root.entries:
        for index, item in enumerate(root.entries["faq"][1].items):
            if "answer" in item.entries:
                yield f"faq[{index + 1}].answer", item.entries["answer"][1].text, item.entries["answer"][1]


def strip_code(markdown: str) -> str:
    """Blank out fenced code and code spans, keeping offsets, so references in code are ignored."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    return _CODE_SPAN_RE.sub(blank, _FENCED_CODE_RE.sub(blank, markdown))


def line_of(node: YamlNode, offset: int, text: str) -> int:
    """The file line of an offset inside a scalar; exact for literal blocks ('|')."""
    first = node.line + 1 if node.style in ("|", ">") else node.line
    return first + text.count("\n", 0, offset)


def _references(entry: Term | Area, root: YamlNode, out: Collector) -> Iterable[tuple[str, int, str]]:
    """Each well-formed [[slug]] reference: (slug, line, field); malformed ones are reported."""
    for where, _, node in markdown_fields(entry, root):
        text = node.text
        for match in REFERENCE_RE.finditer(strip_code(text)):
            slug = match.group(1).strip()
            line = line_of(node, match.start(), text)
            if SLUG_RE.match(slug):
                yield slug, line, where
            else:
                out.problems.append(Problem(out.path, line, 1, "bad-reference",
                                            f"'[[{match.group(1)}]]' does not name a term slug; write [[slug]] or "
                                            "[[slug|text]] with the slug of a term, like [[mark-price]].", where))


def _cross_check(glossary: Glossary, layout: ContentLayout, problems: list[Problem],
                 references: list[tuple[Term | Area, str, int, str]]) -> None:
    terms, areas, authors = glossary.terms, glossary.areas, glossary.authors

    def at(entry: Term | Area, key: str, code: str, message: str, severity: Severity = Severity.ERROR) -> None:
        line, column = entry.positions.get(key, (1, 1))
        problems.append(Problem(entry.path, line, column, code, message, key, severity))

    if glossary.default_author and authors and glossary.default_author not in authors:
        problems.append(Problem(display_path(layout.authors), 1, 1, "unknown-reference",
                                f"the default author '{glossary.default_author}' set in mkdocs.yml is not in this file"
                                f"{did_you_mean(glossary.default_author, authors)}.", "default_author"))

    names: dict[str, tuple[Term, str]] = {}
    for term in terms.values():
        for area in term.areas:
            if area not in areas:
                at(term, "areas", "unknown-reference", f"unknown area '{area}'{did_you_mean(area, areas)}.")
        for related in term.related:
            if related == term.slug:
                at(term, "related", "self-reference", "a term cannot be related to itself; remove its own slug.")
            elif related not in terms:
                at(term, "related", "unknown-reference", f"unknown term '{related}'{did_you_mean(related, terms)}.")
        if term.replaced_by:
            if term.replaced_by == term.slug:
                at(term, "replaced_by", "self-reference", "a term cannot be replaced by itself.")
            elif term.replaced_by not in terms:
                at(term, "replaced_by", "unknown-reference",
                   f"unknown term '{term.replaced_by}'{did_you_mean(term.replaced_by, terms)}.")
            if not term.deprecated:
                at(term, "replaced_by", "inconsistent-status", "replaced_by is only for terms with 'status: deprecated'.")
        if term.author and term.author not in authors:
            at(term, "author", "unknown-reference",
               f"unknown author '{term.author}'{did_you_mean(term.author, authors)}; authors are the keys of "
               f"{display_path(layout.authors)}.")
        for key, name in [("title", term.title)] + [("aliases", alias) for alias in term.aliases]:
            folded = name.casefold()
            if folded in names:
                other, other_key = names[folded]
                if other is term:
                    at(term, key, "duplicate-name", f"'{name}' is both the title and an alias; keep it as the title.")
                else:
                    at(term, key, "duplicate-name",
                       f"'{name}' is already the {'title' if other_key == 'title' else 'alias'} of "
                       f"'{other.slug}' ({other.path}); names must be unique so that links and search are unambiguous.")
            else:
                names[folded] = (term, key)

    area_titles: dict[str, Area] = {}
    for area in areas.values():
        folded = area.title.casefold()
        if folded in area_titles:
            at(area, "title", "duplicate-name", f"'{area.title}' is already the title of area '{area_titles[folded].slug}'.")
        area_titles[folded] = area
        if area.terms is not None:
            for slug in area.terms:
                if slug not in terms:
                    at(area, "terms", "unknown-reference", f"unknown term '{slug}'{did_you_mean(slug, terms)}.")
                elif area.slug not in terms[slug].areas:
                    at(area, "terms", "not-a-member",
                       f"'{slug}' is listed here but its file does not name this area in 'areas'; add "
                       f"'{area.slug}' to {terms[slug].path} or remove it here.")

    for entry, slug, line, where in references:
        if slug not in terms:
            problems.append(Problem(entry.path, line, 1, "unknown-reference",
                                    f"'[[{slug}]]' refers to unknown term '{slug}'{did_you_mean(slug, terms)}.", where))


def _area_members(glossary: Glossary) -> dict[str, list[Term]]:
    members: dict[str, list[Term]] = defaultdict(list)
    for term in glossary.sorted_terms():
        for area in term.areas:
            members[area].append(term)
    ordered: dict[str, list[Term]] = {}
    for slug, area in glossary.areas.items():
        listed = members.get(slug, [])
        if area.terms is not None:
            rank = {s: i for i, s in enumerate(area.terms)}
            # terms the order list forgot keep their alphabetical place after the listed ones
            listed = sorted(listed, key=lambda t: rank.get(t.slug, len(rank)))
        ordered[slug] = listed
    return ordered


def faq_questions(entry: Term | Area) -> list[tuple[str, FaqEntry]]:
    return [(faq.question_for(entry.title), faq) for faq in entry.faq]
