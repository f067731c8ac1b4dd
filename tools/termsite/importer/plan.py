"""From the readings of every source to the files an import writes, merged with the existing content.

The rules, in the order they apply:

* Records of the same term from several pages are combined: a term page's own values win
  over a listing's, areas add up, and any disagreement is noted.
* A file that does not exist is created. A file whose fields already say what the import
  says is left alone (so importing twice changes nothing); fields the file has and the
  import lacks are the maintainer's and stay.
* A file that says something else is a conflict: reported, never rewritten. The one
  exception is a stub this importer wrote itself (it starts with :data:`LISTING_MARKER`)
  and that nobody has edited beyond what the import also says: it is completed.
* authors.yml only ever grows: new authors are appended, existing ones reused.
* Before anything is written, the resulting content is loaded by termsite's own loader in
  a scratch copy; if it would not load, nothing is written.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from termsite.content.fields import Collector, Invalid, Record
from termsite.importer.htmlmd import default_link
from termsite.importer.reading import (
    AreaRecord,
    FaqRecord,
    Person,
    Reading,
    TermRecord,
    slug_from_url,
    slugify,
    term_url_key,
)
from termsite.content.loader import ContentLayout, check_content, display_path
from termsite.content.languages import primary_subtag
from termsite.content.model import AREA, AREA_TRANSLATION, AUTHORS, TERM, TERM_TRANSLATION
from termsite.importer.htmlmd import escape_paragraph
from termsite.importer.text import first_sentence
from termsite.content.yamlsource import parse_yaml_bytes, read_yaml_file
from termsite.authoring.yamlwriter import dump_map, dump_record

LISTING_MARKER = "imported from a listing only: write the body"
# What the loader refuses in text (fields.py): control characters, and marks that reorder or hide text.
_INVISIBLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_PLAIN_LABEL_FORBIDDEN = set("\\*_[]|`\n<&!")


@dataclass
class PlannedFile:
    path: Path
    kind: str  # "term", "area", "authors" or "translation"
    action: str  # "create", "complete", "append", "unchanged" or "conflict"
    text: str = ""  # what the file will hold (for "append": only the appended entries)
    expected: str | None = None  # the file's text when read; a write checks it is still that
    detail: str = ""

    @property
    def writes(self) -> bool:
        return self.action in ("create", "complete", "append")

    def final_text(self) -> str:
        if self.action == "append":
            existing = self.expected or ""
            if existing and not existing.endswith("\n"):
                existing += "\n"
            return existing + self.text
        return self.text


@dataclass
class ImportPlan:
    files: list[PlannedFile] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # loader errors the result would have
    stubs: list[Path] = field(default_factory=list)  # listing-only term files written
    # Images and author pages on the source site: the new site must serve them at the same URLs.
    hosted: list[str] = field(default_factory=list)

    @property
    def conflicts(self) -> list[PlannedFile]:
        return [f for f in self.files if f.action == "conflict"]


@dataclass
class ImportOptions:
    content_dir: Path
    default_area: str = ""
    default_author: str = ""
    # the site's languages, the source first: labels in the others become translation files
    languages: tuple[str, ...] = ()


# Combining the readings
def _combine_terms(readings: Iterable[Reading], notes: list[str]) -> dict[str, TermRecord]:
    terms: dict[str, TermRecord] = {}
    for reading in readings:
        for term in reading.terms:
            if term.slug not in terms:
                terms[term.slug] = term
                continue
            terms[term.slug] = _merge_terms(terms[term.slug], term, notes)
    return terms


def _merge_terms(first: TermRecord, second: TermRecord, notes: list[str]) -> TermRecord:
    # A term page's own values win over a listing's; between equals, the first source read wins.
    main, other = (second, first) if first.listing_only and not second.listing_only else (first, second)
    for name in ("title", "summary", "published", "modified", "image", "author"):
        mine, theirs = getattr(main, name), getattr(other, name)
        if not mine and theirs:
            setattr(main, name, theirs)
        elif mine and theirs and mine != theirs:
            notes.append(f"term '{main.slug}': {other.source} gives another {name} than {main.source}; "
                         f"kept the one from {main.source}.")
    main.areas = main.areas + [a for a in other.areas if a not in main.areas]
    for name in ("aliases", "related_urls", "related", "broader", "faq", "sources", "code", "status", "replaced_by"):
        if not getattr(main, name) and getattr(other, name):
            setattr(main, name, getattr(other, name))
    if not main.body and other.body:
        main.body = other.body
    main.listing_only = main.listing_only and other.listing_only
    return main


def _combine_areas(readings: Iterable[Reading], notes: list[str]) -> dict[str, AreaRecord]:
    areas: dict[str, AreaRecord] = {}
    for area in (area for reading in readings for area in reading.areas):
        if area.slug not in areas:
            areas[area.slug] = area
            continue
        kept = areas[area.slug]
        same = (kept.title, kept.description, kept.terms, [f.aspect or f.question for f in kept.faq]) == \
               (area.title, area.description, area.terms, [f.aspect or f.question for f in area.faq])
        if not same:
            notes.append(f"area '{area.slug}': {area.source} describes it differently from {kept.source}; "
                         f"kept {kept.source}.")
    return areas


# Links between terms
class TermLinks:
    """Turns links to other definitions of the source site into [[slug]] references when the term will exist."""

    def __init__(self, terms: dict[str, TermRecord], existing_slugs: set[str]) -> None:
        self.by_url = {term_url_key(term.url): slug for slug, term in terms.items()}
        self.titles = {slug: term.title for slug, term in terms.items()}
        # Where the source site keeps its definitions ('host/definition'): links there name a term by slug.
        self.prefixes = {key.rsplit("/", 1)[0] for key in self.by_url}
        self.known = set(terms) | existing_slugs

    def slug_for(self, url: str) -> str:
        key = term_url_key(url)
        if key in self.by_url:
            return self.by_url[key]
        if key.rsplit("/", 1)[0] in self.prefixes:
            slug, note = slug_from_url(url)
            if slug in self.known and not note:
                return slug
        return ""

    def link(self, href: str, label: str) -> str:
        if urlsplit(href).fragment or urlsplit(href).query:
            return default_link(href, label)
        slug = self.slug_for(href)
        if not slug or _PLAIN_LABEL_FORBIDDEN.intersection(label):
            return default_link(href, label)
        if self.titles.get(slug) == label:
            return f"[[{slug}]]"
        return f"[[{slug}|{label}]]"


# Values in the content format
def _faq_values(entries: list[FaqRecord], links: TermLinks) -> list[dict[str, str]]:
    values = []
    for entry in entries:
        item = {"aspect": entry.aspect} if entry.aspect else {"question": entry.question}
        item["answer"] = entry.answer.markdown(links.link)
        values.append(item)
    return values


def _term_values(term: TermRecord, links: TermLinks, author_key: str, notes: list[str]) -> dict[str, Any]:
    related: list[str] = []
    for url in term.related_urls:
        slug = links.slug_for(url)
        if not slug:
            notes.append(f"term '{term.slug}': the related page {url} is not a term of this import or of the "
                         "glossary; it was left out.")
        elif slug != term.slug and slug not in related:
            related.append(slug)
    related += [slug for slug in term.related if slug != term.slug and slug not in related]
    values: dict[str, Any] = {
        "title": term.title,
        "summary": term.summary,
        "aliases": [a for a in term.aliases if a.casefold() != term.title.casefold()],
        "code": term.code,
        "areas": term.areas,
        "broader": term.broader,
        "related": related,
        "status": term.status,
        "replaced_by": term.replaced_by,
        "body": term.body.markdown(links.link) if term.body else "",
        "faq": [{"question": f.question, "answer": f.answer.markdown(links.link)} for f in term.faq],
        "sources": [{"title": title, "url": url} for title, url in term.sources],
        "image": term.image.as_dict() if term.image else None,
        "author": author_key,
        "published": term.published,
        "modified": term.modified,
    }
    return values


def _area_values(area: AreaRecord, links: TermLinks) -> dict[str, Any]:
    return {
        "title": area.title,
        "description": area.description,
        "intro": area.intro.markdown(links.link) if area.intro else "",
        "faq": _faq_values(area.faq, links),
        "terms": area.terms if area.terms_order else [],
        "image": area.image.as_dict() if area.image else None,
        "published": area.published,
        "modified": area.modified,
    }


def _without_invisible(value: Any) -> tuple[Any, bool]:
    """The value with control and text-direction characters removed (the loader refuses them), and whether any were."""
    if isinstance(value, str):
        cleaned = _INVISIBLE_RE.sub("", value)
        return cleaned, cleaned != value
    if isinstance(value, list):
        pairs = [_without_invisible(v) for v in value]
        return [v for v, _ in pairs], any(c for _, c in pairs)
    if isinstance(value, dict):
        pairs_by_key = {k: _without_invisible(v) for k, v in value.items()}
        return {k: v for k, (v, _) in pairs_by_key.items()}, any(c for _, c in pairs_by_key.values())
    return value, False


def _cleaned(values: dict[str, Any], what: str, notes: list[str]) -> dict[str, Any]:
    cleaned, changed = _without_invisible(values)
    if changed:
        notes.append(f"{what}: invisible control or text-direction characters were removed from its text.")
    return cleaned


# Authors
@dataclass
class _Authors:
    path: Path
    text: str | None  # the file as read; None when there is none
    existing: dict[str, tuple[str, str]]  # key -> (name, url)
    added: dict[str, dict[str, str]] = field(default_factory=dict)

    def key_for(self, person: Person, notes: list[str]) -> str:
        for key, (name, url) in list(self.existing.items()) + [(k, (v["name"], v["url"])) for k, v in self.added.items()]:
            if (name, url) == (person.name, person.url):
                return key
        base = slugify(person.name) or "author"
        key, number = base, 1
        while key in self.existing or key in self.added:
            number += 1
            key = f"{base}-{number}"
        if key != base:
            notes.append(f"author '{person.name}' ({person.url}) is not the '{base}' of {display_path(self.path)}; "
                         f"added as '{key}'.")
        self.added[key] = {"name": person.name, "url": person.url}
        return key


def _read_authors(layout: ContentLayout) -> _Authors:
    path = layout.authors
    if not path.exists():
        return _Authors(path, None, {})
    text = path.read_text(encoding="utf-8")
    root, problems = read_yaml_file(path, display_path(path))
    if root is None:
        raise ImportStop(f"{display_path(path)} does not load ({problems[0].message}); fix it before importing.")
    out = Collector(display_path(path))
    try:
        values = AUTHORS.convert(root, "", out)
    except Invalid:
        first = out.problems[0]
        raise ImportStop(f"{first.format()} (fix {display_path(path)} before importing)") from None
    return _Authors(path, text, {key: (v["name"], v["url"]) for key, v in values.items()})


class ImportStop(Exception):
    """The import cannot go on; the message says why and what to do."""


# Comparing with what is there
def _converted(text: str, record: Record, shown: str) -> dict[str, Any] | None:
    root, problems = parse_yaml_bytes(text.encode("utf-8"), shown)
    if root is None:
        return None
    try:
        return record.convert_mapping(root, "", Collector(shown))
    except Invalid:
        return None


def _describe(value: Any) -> str:
    text = str(value) if not isinstance(value, list) else ", ".join(str(v) for v in value)
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:49] + "…"


def _existing_areas(path: Path) -> list[str]:
    """The areas an existing term file names, for a term page that does not say which area it is in."""
    try:
        values = _converted(path.read_text(encoding="utf-8"), TERM, display_path(path))
    except (OSError, UnicodeDecodeError):
        return []
    return list(values["areas"]) if values else []


def _is_stub(text: str) -> bool:
    for line in text.splitlines():
        if not line.startswith("#"):
            return False
        if LISTING_MARKER in line:
            return True
    return False


def _plan_entry(path: Path, kind: str, values: dict[str, Any], record: Record, comments: list[str]) -> PlannedFile:
    new_text = dump_record(values, record, comments=comments)
    if not path.exists():
        return PlannedFile(path, kind, "create", new_text)
    shown = display_path(path)
    try:
        old_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return PlannedFile(path, kind, "conflict", detail=f"exists and cannot be read ({error}); left as it is")
    old = _converted(old_text, record, shown)
    new = _converted(new_text, record, shown)
    if old is None:
        return PlannedFile(path, kind, "conflict", expected=old_text,
                           detail="exists and does not load (run termsite lint); left as it is")
    assert new is not None, "the writer produced a file its own loader rejects"
    differing, missing = [], []
    for key, value in new.items():
        if key not in old:
            missing.append(key)
        elif key == "areas" and set(old[key]) >= set(value):
            continue
        elif key == "areas" and _is_stub(old_text):
            missing.append(key)  # a stub listed in one more area: the areas add up
        elif old[key] != value:
            differing.append(f"{key} differs (file: '{_describe(old[key])}'; import: '{_describe(value)}')")
    if differing:
        return PlannedFile(path, kind, "conflict", expected=old_text, detail="; ".join(differing) + "; left as it is")
    if not missing:
        return PlannedFile(path, kind, "unchanged", expected=old_text)
    extra = [key for key in old if key not in new]
    if not _is_stub(old_text) or extra:
        return PlannedFile(path, kind, "conflict", expected=old_text,
                           detail=f"has no {', '.join(missing)} but the import has; left as it is (add them by hand, "
                                  "or delete the file and import again)")
    if "areas" in missing and "areas" in old:
        values = {**values, "areas": list(old["areas"]) + [a for a in values["areas"] if a not in old["areas"]]}
        new_text = dump_record(values, record, comments=comments)
    return PlannedFile(path, kind, "complete", new_text, expected=old_text)


# The whole plan
def plan_import(readings: list[Reading], options: ImportOptions) -> ImportPlan:
    plan = ImportPlan()
    for reading in readings:
        plan.notes += [f"{reading.source}: {note}" for note in reading.notes]
    layout = ContentLayout(options.content_dir)
    terms = _combine_terms(readings, plan.notes)
    areas = _combine_areas(readings, plan.notes)
    existing_terms = {p.stem for p in layout.terms.glob("*.yml")} if layout.terms.is_dir() else set()
    existing_areas = {p.stem for p in layout.areas.glob("*.yml")} if layout.areas.is_dir() else set()
    links = TermLinks(terms, existing_terms)
    authors = _read_authors(layout)

    for slug, term in terms.items():
        if not term.areas and slug in existing_terms:
            term.areas = _existing_areas(layout.terms / f"{slug}.yml")
        if not term.areas and options.default_area:
            term.areas = [options.default_area]
        if not term.areas:
            plan.errors.append(f"{term.source}: no subject area is known for the term '{slug}'; import its area "
                               "page with it, or name one with --area SLUG.")
            continue
        for area in term.areas:
            if area not in areas and area not in existing_areas:
                plan.errors.append(f"{term.source}: the term '{slug}' belongs to the area '{area}', which is neither "
                                   "imported nor in the glossary; import the area's page too.")
        author_key = authors.key_for(term.author, plan.notes) if term.author else ""
        values = _cleaned(_term_values(term, links, author_key, plan.notes), f"term '{slug}'", plan.notes)
        comments = [LISTING_MARKER, f"source: {term.url}"] if term.listing_only else list(term.review)
        planned = _plan_entry(layout.terms / f"{slug}.yml", "term", values, TERM, comments)
        if term.listing_only and planned.action in ("create", "complete"):
            plan.stubs.append(planned.path)
        plan.files.append(planned)

    for slug, area in areas.items():
        values = _cleaned(_area_values(area, links), f"area '{slug}'", plan.notes)
        plan.files.append(_plan_entry(layout.areas / f"{slug}.yml", "area", values, AREA, list(area.review)))

    plan.files += _plan_translations(readings, options, terms, areas, existing_areas, plan.notes)

    if authors.added:
        appended = dump_map(authors.added, AUTHORS)
        action = "append" if authors.text is not None else "create"
        plan.files.insert(0, PlannedFile(authors.path, "authors", action, appended, expected=authors.text,
                                         detail=", ".join(authors.added)))
    plan.hosted = _hosted_on_source(readings, terms, areas)
    if not plan.errors:
        plan.problems = _problems_after(plan, options)
    return plan


def _plan_translations(readings: list[Reading], options: ImportOptions, terms: dict[str, TermRecord],
                       areas: dict[str, AreaRecord], existing_areas: set[str], notes: list[str]) -> list[PlannedFile]:
    """Translation files from the labels a source has in the site's other languages (SKOS prefLabel, altLabel,
    definition), each following the imported entry's date; merged with existing files like every entry."""
    from termsite.importer.skos import labels_by_language

    layout = ContentLayout(options.content_dir)
    planned: list[PlannedFile] = []
    found = labels_by_language(readings)
    for language in options.languages[1:]:
        key = primary_subtag(language)
        for slug, by_language in sorted(found.items()):
            labels = by_language.get(key)
            if labels is None or not labels.title:
                continue
            summary, rest = first_sentence(labels.definition)
            review = [] if summary else [f"imported without a {language} definition: write the summary"]
            values: dict[str, Any] = {"title": labels.title,
                                      "aliases": [a for a in labels.aliases if a.casefold() != labels.title.casefold()]}
            entry: TermRecord | AreaRecord | None = terms.get(slug)
            if entry is not None:
                values["summary"] = summary or f"Replace this with a one-sentence definition of {labels.title}."
                values["body"] = escape_paragraph(labels.definition) if rest else ""
                record, folder, kind = TERM_TRANSLATION, layout.translated_terms(language), "term"
            elif slug in areas or slug in existing_areas:
                entry = areas.get(slug)
                values.pop("aliases")
                values["description"] = summary or f"Replace this with a one-sentence description of {labels.title}."
                values["intro"] = escape_paragraph(labels.definition) if rest else ""
                record, folder, kind = AREA_TRANSLATION, layout.translated_areas(language), "area"
            else:
                continue
            date = (entry.modified or entry.published) if entry is not None else ""
            if not date:
                date = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
                notes.append(f"{kind} '{slug}' has no date in the source; its {language} translation follows the "
                             f"version imported now ({date}).")
            values["source_modified"] = date
            values = _cleaned(values, f"{language} translation of '{slug}'", notes)
            planned.append(_plan_entry(folder / f"{slug}.yml", "translation", values, record, review))
    return planned


def _hosted_on_source(readings: list[Reading], terms: dict[str, TermRecord], areas: dict[str, AreaRecord]) -> list[str]:
    """Image and author URLs on the source site's own host: the import keeps them, it does not download them."""
    hosts = {urlsplit(r.site_root).netloc for r in readings if r.site_root}
    urls = [e.image.url for e in [*terms.values(), *areas.values()] if e.image]
    urls += [t.author.url for t in terms.values() if t.author]
    return sorted({url for url in urls if urlsplit(url).netloc in hosts})


def _problems_after(plan: ImportPlan, options: ImportOptions) -> list[str]:
    """Load the content as it would be after the import; report the errors it did not have before."""
    root = options.content_dir
    layout = ContentLayout(root)
    with tempfile.TemporaryDirectory(prefix="termsite-import-") as scratch:
        copy = Path(scratch) / "content"
        (copy / layout.terms_dir).mkdir(parents=True)
        (copy / layout.areas_dir).mkdir(parents=True)
        # The files the loader reads: terms/, areas/ and the content folder's own files
        # (authors.yml, redirects.yml, ...); not pages/ and its images.
        for folder in (layout.terms_dir, layout.areas_dir):
            source = root / folder
            if source.is_dir():
                for path in source.iterdir():
                    if path.is_file():
                        shutil.copyfile(path, copy / folder / path.name)
        if root.is_dir():
            for path in root.iterdir():
                if path.is_file():
                    shutil.copyfile(path, copy / path.name)
        for planned in plan.files:
            if planned.writes and planned.kind != "translation":
                target = copy / planned.path.relative_to(root)
                target.write_text(planned.final_text(), encoding="utf-8")
        if (root / layout.i18n_dir).is_dir():
            shutil.copytree(root / layout.i18n_dir, copy / layout.i18n_dir)
        for planned in plan.files:
            if planned.writes and planned.kind == "translation":
                target = copy / planned.path.relative_to(root)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(planned.final_text(), encoding="utf-8")
        languages = options.languages
        _, before = check_content(root, default_author=options.default_author, languages=languages) \
            if root.is_dir() else (None, [])
        _, after = check_content(copy, default_author=options.default_author, languages=languages)
        shown_copy, shown_root = display_path(copy), display_path(root)

        def key(problem: Any, prefix: str) -> tuple[str, str, str, str]:
            rel = os.path.relpath(os.path.abspath(problem.path), os.path.abspath(prefix))
            return rel, problem.code, problem.field, problem.message.replace(shown_copy, shown_root)

        known = {key(p, shown_root) for p in before if p.is_error}
        new = []
        for problem in after:
            if problem.is_error and key(problem, shown_copy) not in known:
                rel = os.path.relpath(os.path.abspath(problem.path), os.path.abspath(shown_copy))
                where = display_path(root / rel)
                message = problem.message.replace(shown_copy, shown_root)
                new.append(f"{where}:{problem.line}:{problem.column}: error[{problem.code}] "
                           f"{problem.field + ': ' if problem.field else ''}{message}")
        return new

