"""``termsite new term TITLE --area SLUG`` and ``termsite new area TITLE``: a new content file to fill in.

``termsite new --lang de term SLUG`` (or ``area SLUG``) starts a translation of an existing entry instead:
``content/i18n/de/terms/SLUG.yml`` with the source's texts to translate.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from termsite.changeset import ChangeError, FileChange, apply_changes, plan_write
from termsite.content.fields import SLUG_RE, Collector, FieldType, Invalid, Record, did_you_mean
from termsite.content.loader import RESERVED_SLUGS, ContentLayout, check_content, display_path
from termsite.content.labels import shipped_labels
from termsite.content.languages import project_languages
from termsite.content.model import AREA, AREA_TRANSLATION, TERM, TERM_TRANSLATION, Glossary
from termsite.project import ProjectConfig, read_project
from termsite.authoring.scaffold import (PLACEHOLDER, NewArea, NewTerm, NewTranslation, area_text, term_text,
                                        translation_text)
from termsite.authoring.schema import SCHEMAS, known_values, render_schemas, schema_comment
from termsite.content.slugs import slugify
from termsite.authoring.yamledit import EditError, append_to_list, apply_edits, scan
from termsite.content.yamlsource import YamlNode, parse_yaml_bytes, read_yaml_file


class UsageError(Exception):
    """A mistake in the arguments: one sentence, exit status 2."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new", help="create a term or area file to fill in",
        description="Create a new term or area file with every field present and explained, "
                    "ready to fill in; it passes `termsite lint` as written.")
    parser.add_argument("--lang", metavar="LANG", default=None,
                        help="start a translation into LANG (one of the plugin option `languages`) of the existing "
                             "term or area SLUG: termsite new --lang de term SLUG")
    kinds = parser.add_subparsers(title="what to create", metavar="KIND", dest="kind", required=True)

    term = kinds.add_parser("term", help="a new term: content/terms/<slug>.yml",
                            description="Create content/terms/<slug>.yml, the slug derived from the title, and "
                                        "list the term in the order of each area that keeps one. With --lang, "
                                        "start the translation of the term SLUG instead.")
    term.add_argument("title", help='the term\'s name, such as "Liquidation Cascade" (with --lang: the slug of the '
                                    'term to translate)')
    term.add_argument("--area", dest="areas", action="append", default=[], metavar="SLUG",
                      help="an area the term belongs to (repeat it for more; the main area first); required for a "
                           "new term")
    term.add_argument("--related", action="append", default=[], metavar="SLUG[,SLUG...]",
                      help="related terms, repeated or separated by commas")
    term.add_argument("--author", help="a key of authors.yml (default: the site's default author)")
    _common(term)

    area = kinds.add_parser("area", help="a new subject area: content/areas/<slug>.yml",
                            description="Create content/areas/<slug>.yml, the slug derived from the title.")
    area.add_argument("title", help='the area\'s name, such as "Risk Management" (with --lang: the slug of the area '
                                    'to translate)')
    _common(area)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", metavar="LANG", default=argparse.SUPPRESS,
                        help="start a translation into LANG of the existing entry named by its slug")
    parser.add_argument("--slug", help="the file name without .yml (default: derived from the title)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    layout = ContentLayout(project.content_dir)
    try:
        if not layout.root.is_dir():
            raise UsageError(f"the content folder {display_path(layout.root)} does not exist; run termsite in the "
                             "site's folder (beside mkdocs.yml) or pass --config.")
        if args.lang is not None:
            return _translation(args, project, layout)
        glossary, problems = check_content(layout.root, default_author=project.default_author)
        if args.kind == "term" and not args.areas:
            raise UsageError("a new term needs its area: add --area SLUG (the areas are the files in "
                             f"{display_path(layout.areas)}/).")
        if args.kind == "term":
            changes, created = _new_term(args, project, layout, glossary)
        else:
            changes, created = _new_area(args, project, layout, glossary)
        apply_changes(changes)
    except UsageError as error:
        print(f"termsite new: {error}", file=sys.stderr)
        return 2
    except ChangeError as error:
        print(f"termsite new: {error}", file=sys.stderr)
        return 1
    print(f"created {display_path(created)}")
    for change in changes:
        if change.path != created:
            print(f"updated {display_path(change.path)}")
    print(f"next: open {display_path(created)}, replace the texts that start with \"{PLACEHOLDER}\" and fill in "
          "the fields you need, then run `termsite lint` and preview with `mkdocs serve`.")
    if glossary is None:
        print(f"note: the glossary already had {sum(p.is_error for p in problems)} error(s); "
              "run `termsite lint` to see them.")
    return 0


def _translation(args: argparse.Namespace, project: ProjectConfig, layout: ContentLayout) -> int:
    """termsite new --lang LANG term|area SLUG: the translation of an existing entry, started from its texts."""
    languages, problems = project_languages(project)
    if problems:
        raise UsageError(f"{problems[0].path}:{problems[0].line}: {problems[0].field}: {problems[0].message}")
    if args.lang not in languages.translated:
        if args.lang == languages.source:
            raise UsageError(f"'{args.lang}' is the source language of the site; its entries are in "
                             f"{display_path(layout.terms)}/ and {display_path(layout.areas)}/ (leave out --lang).")
        listed = ", ".join(languages.codes)
        raise UsageError(f"'{args.lang}' is not one of the site's languages{did_you_mean(args.lang, languages.translated)}"
                         f"; add it to the termsite plugin option `languages` in mkdocs.yml (now: [{listed}]).")
    if args.slug is not None or getattr(args, "areas", None) or getattr(args, "related", None) or \
            getattr(args, "author", None):
        raise UsageError("--slug, --area, --related and --author are for new entries; a translation has the slug, "
                         "areas and links of the entry it translates.")
    kind = args.kind
    folder = layout.terms if kind == "term" else layout.areas
    slug = args.title
    source = folder / f"{slug}.yml"
    if not source.is_file():
        known = sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []
        raise UsageError(f"there is no {kind} '{slug}'{did_you_mean(slug, known)}; give the slug of the {kind} to "
                         f"translate (a file name in {display_path(folder)}/).")
    target = (layout.translated_terms if kind == "term" else layout.translated_areas)(args.lang) / f"{slug}.yml"
    if target.exists():
        raise UsageError(f"{display_path(target)} already exists; edit it (`termsite lint` says when its source "
                         "changed).")
    values = _source_values(source, kind)
    text = translation_text(NewTranslation(
        kind=kind, slug=slug, language=args.lang, language_name=shipped_labels(args.lang).get("language_name", ""),
        source_language=languages.source, source_path=display_path(source), values=values,
        schema_comment=_schema_comment(project, target, f"{kind}-translation.schema.json")))
    _self_check(text, TERM_TRANSLATION if kind == "term" else AREA_TRANSLATION, target)
    apply_changes([plan_write(target, text)])
    print(f"created {display_path(target)}")
    print(f"next: translate the texts of {display_path(target)} into {args.lang} (they are copied from "
          f"{display_path(source)}), keeping [[slug]] references and source_modified as they are; then run "
          "`termsite lint` and preview with `mkdocs serve`.")
    return 0


_TRANSLATED_FIELDS = {"term": ("title", "summary", "aliases", "body", "faq"),
                      "area": ("title", "description", "intro", "faq")}


def _source_values(source: Path, kind: str) -> dict[str, Any]:
    """The source entry's translatable fields as its file has them, and the date the translation follows."""
    shown = display_path(source)
    root, problems = read_yaml_file(source, shown)
    out = Collector(shown)
    try:
        values = (TERM if kind == "term" else AREA).convert_mapping(root, "", out) if root is not None else None
    except Invalid:
        values = None
    if values is None:
        first = (problems + out.problems)[0]
        raise UsageError(f"{first.format()} (fix the source first: a translation starts from its texts)")
    copied: dict[str, Any] = {name: values[name] for name in _TRANSLATED_FIELDS[kind] if values.get(name)}
    if "faq" in copied:
        copied["faq"] = [{key: value for key, value in (("aspect", faq.aspect), ("question", faq.question),
                                                        ("answer", faq.answer)) if value} for faq in copied["faq"]]
    if values.get("image"):
        copied["image"] = {"caption": values["image"].caption}
    date = values.get("modified") or values.get("published") or datetime.now().astimezone().replace(microsecond=0)
    copied["source_modified"] = date.isoformat()
    return copied


def _slug_for(args: argparse.Namespace, folder: Path, kind: str) -> str:
    slug = args.slug if args.slug is not None else slugify(args.title)
    if args.slug is not None and not SLUG_RE.match(slug):
        raise UsageError(f"--slug '{slug}' is not a valid slug; use lowercase letters, digits and single hyphens, "
                         "like 'mark-price'.")
    if not slug:
        raise UsageError(f"no slug can be derived from the title '{args.title}'; pass one with --slug.")
    if slug in RESERVED_SLUGS:
        raise UsageError(f"the slug '{slug}' is reserved for the pages of long indexes; pass another with --slug.")
    path = folder / f"{slug}.yml"
    if path.exists():
        raise UsageError(f"{display_path(path)} already exists; edit it, or choose another title or --slug.")
    existing = {p.stem.casefold(): p for p in folder.glob("*.yml")} if folder.is_dir() else {}
    if slug.casefold() in existing:  # differs only in case: one file on macOS and Windows
        raise UsageError(f"the {kind} slug '{slug}' collides with {display_path(existing[slug.casefold()])}.")
    return slug


def _check_title(title: str, record: Record) -> str:
    """The title as the loader would read it, or a UsageError with the loader's message."""
    field_type: FieldType = next(spec.type for spec in record.fields if spec.name == "title")
    out = Collector("title")
    try:
        return field_type.convert(YamlNode("scalar", 1, 1, text=title), "title", out)
    except Invalid:
        raise UsageError(f"the title {out.problems[0].message}") from None


def _schema_comment(project: ProjectConfig, path: Path, file_name: str) -> str:
    schemas_dir = project.root / "schemas"
    schema = next(s for s in SCHEMAS if s.file_name == file_name)
    return schema_comment(path, schemas_dir, schema) if (schemas_dir / file_name).is_file() else ""


def _self_check(text: str, record: Record, path: Path) -> None:
    """The scaffold must load without a problem; anything else is a bug here, not the contributor's."""
    root, problems = parse_yaml_bytes(text.encode("utf-8"), display_path(path))
    out = Collector(display_path(path))
    if root is not None:
        try:
            record.convert(root, "", out)
        except Invalid:
            pass
    problems += out.problems
    if problems:
        raise AssertionError("termsite new wrote an invalid file: " + "; ".join(p.format() for p in problems))


def _names(glossary: Glossary | None) -> dict[str, str]:
    """Every title and alias, case-folded -> the slug of the term that has it."""
    if glossary is None:
        return {}
    return {name.casefold(): term.slug for term in glossary.terms.values() for name in [term.title, *term.aliases]}


def _new_term(args: argparse.Namespace, project: ProjectConfig, layout: ContentLayout,
              glossary: Glossary | None) -> tuple[list[FileChange], Path]:
    title = _check_title(args.title, TERM)
    taken = _names(glossary).get(title.casefold())
    if taken:
        raise UsageError(f"'{title}' is already a title or alias of the term '{taken}'; choose another title, "
                         "or edit that term.")
    slug = _slug_for(args, layout.terms, "term")
    redirected = _redirected(layout)
    if slug in redirected:
        raise UsageError(f"'{slug}' is the old slug of the renamed term '{redirected[slug]}' and its address "
                         f"redirects there ({display_path(layout.redirects)}); choose another title or --slug.")
    areas = _existing("area", _split(args.areas), layout.areas)
    related = _existing("term", _split(args.related), layout.terms)
    if slug in related:
        raise UsageError("a term cannot be related to itself; remove its own slug from --related.")
    author = args.author if args.author is not None else project.default_author
    authors = known_values(layout).get("author", [])
    if args.author is not None and author not in authors:
        raise UsageError(f"unknown author '{author}'{did_you_mean(author, authors)}; authors are the keys of "
                         f"{display_path(layout.authors)}.")
    path = layout.terms / f"{slug}.yml"
    text = term_text(NewTerm(title=title, slug=slug, areas=areas, related=related, author=author,
                             now=datetime.now().astimezone(),
                             schema_comment=_schema_comment(project, path, "term.schema.json")))
    _self_check(text, TERM, path)
    area_changes = [_list_in_area(layout.areas / f"{area}.yml", slug) for area in areas]
    return [plan_write(path, text), *(change for change in area_changes if change is not None)], path


def _list_in_area(area_file: Path, slug: str) -> FileChange | None:
    """Add the new term to the area's explicit `terms` order, if it keeps one (else it is alphabetical)."""
    text = area_file.read_text(encoding="utf-8")
    document = scan(text)
    if ("terms",) not in document.values:
        return None
    try:
        new_text = apply_edits(text, [append_to_list(document, ("terms",), ("terms",), slug)])
    except EditError as error:
        raise UsageError(f"{display_path(area_file)}:{error.line}: {error}; then run termsite new again.") from None
    terms = scan(new_text).values[("terms",)]
    assert scan(new_text).values[terms.items[-1]].value == slug, "the area's terms list was not extended"
    return plan_write(area_file, new_text)


def _new_area(args: argparse.Namespace, project: ProjectConfig, layout: ContentLayout,
              glossary: Glossary | None) -> tuple[list[FileChange], Path]:
    title = _check_title(args.title, AREA)
    if glossary is not None:
        for area in glossary.areas.values():
            if area.title.casefold() == title.casefold():
                raise UsageError(f"'{title}' is already the title of the area '{area.slug}' ({area.path}).")
    slug = _slug_for(args, layout.areas, "area")
    path = layout.areas / f"{slug}.yml"
    text = area_text(NewArea(title=title, slug=slug, now=datetime.now().astimezone(),
                             schema_comment=_schema_comment(project, path, "area.schema.json")))
    _self_check(text, AREA, path)
    changes = [plan_write(path, text)]
    schemas_dir = project.root / "schemas"
    if (schemas_dir / "term.schema.json").is_file():
        # The schemas list the area slugs, so that editors complete them: add the new one.
        known = known_values(layout)
        known["area"] = sorted({*known.get("area", []), slug})
        for name, schema_text in render_schemas(known).items():
            schema_path = schemas_dir / name
            if not schema_path.is_file() or schema_path.read_text(encoding="utf-8") != schema_text:
                changes.append(plan_write(schema_path, schema_text))
    return changes, path


def _redirected(layout: ContentLayout) -> dict[str, str]:
    """Old slug -> new slug, as written in redirects.yml (read even when the glossary has errors)."""
    if not layout.redirects.is_file():
        return {}
    root, _ = read_yaml_file(layout.redirects, display_path(layout.redirects))
    if root is None or root.kind != "mapping":
        return {}
    return {key: value.text for key, (_, value) in root.entries.items()}


def _split(values: list[str]) -> list[str]:
    """['a,b', 'c'] -> ['a', 'b', 'c'], without duplicates, in order."""
    items = [item.strip() for value in values for item in value.split(",") if item.strip()]
    return list(dict.fromkeys(items))


def _existing(kind: str, slugs: list[str], folder: Path) -> list[str]:
    known = sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []
    for slug in slugs:
        if slug not in known:
            raise UsageError(f"unknown {kind} '{slug}'{did_you_mean(slug, known)}; the {kind}s are the files in "
                             f"{display_path(folder)}/.")
    return slugs
