"""``termsite import SOURCE...``: content files from an existing glossary, in any format the registry reads.

Exit status: 0 when everything imported (or was already there), 1 when a source could not
be read or has bad rows, a file conflicts with existing content or the result would not
load, 2 for a usage mistake. Nothing is ever overwritten, and nothing is written when a
source has an error; see :mod:`termsite.importer.plan` and :mod:`termsite.importer.formats`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

from typing import TYPE_CHECKING

from termsite.content.fields import SLUG_RE
from termsite.content.languages import project_languages
from termsite.content.loader import display_path
from termsite.project import ProjectConfig, read_project

if TYPE_CHECKING:  # the importer loads bs4, extruct and rdflib: only when the command runs, not for `termsite --help`
    from termsite.importer.plan import ImportPlan, PlannedFile
    from termsite.importer.reading import Reading


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="import an existing glossary: spreadsheets, SKOS vocabularies, saved site pages",
        description="Read an existing glossary and write area, term and author files in termsite's content format: "
                    "spreadsheets (.csv, .tsv, .xlsx), SKOS vocabularies (.ttl, .rdf, .jsonld, .nt), saved HTML pages "
                    "with their schema.org JSON-LD, and Markdown exports of such pages. Existing files are never "
                    "overwritten (a difference is reported as a conflict), and nothing is written unless the result "
                    "loads cleanly. Formats and examples: docs/import-export.md.")
    parser.add_argument("sources", nargs="+", metavar="SOURCE", help="a file to import, or a folder of them")
    parser.add_argument("--format", choices=_format_names(), default="",
                        help="read every SOURCE as this format (default: by suffix, else by content)")
    parser.add_argument("--content", metavar="DIR", help="the content folder to write into (default: from mkdocs.yml, "
                                                         "else ./content)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--area", metavar="SLUG", default="",
                        help="the area of imported terms whose source does not say which area they belong to")
    parser.add_argument("--map", metavar="FIELD=COLUMN,...", default="",
                        help="spreadsheets: the column that holds a field, when its header is not a usual name "
                             "(fields: title, summary, aliases, areas, related, body, sources, code, broader)")
    parser.add_argument("--lang", metavar="LANG", default="",
                        help="SKOS: the language of the labels to import (default: the site's language)")
    parser.add_argument("--dry-run", action="store_true", help="print the report and the files that would be written, "
                                                               "write nothing")
    parser.set_defaults(run=run)


def _format_names() -> list[str]:
    from termsite.importer.formats import REGISTRY

    return REGISTRY.names


def _column_map(text: str) -> dict[str, str] | None:
    from termsite.importer.spreadsheet import FIELDS

    mapping: dict[str, str] = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, column = item.partition("=")
        if name.strip() not in FIELDS or not column.strip():
            print(f"termsite import: error: --map '{item}' is not FIELD=COLUMN with a field among "
                  f"{', '.join(FIELDS)}; write it like --map title=Begriff,summary=Erklärung.", file=sys.stderr)
            return None
        mapping[name.strip()] = column.strip()
    return mapping


def _existing_names(content_dir: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Titles and aliases of the glossary's terms, titles and slugs of its areas (casefolded) -> slug."""
    from termsite.content.loader import check_content

    glossary, _ = check_content(content_dir) if content_dir.is_dir() else (None, [])
    if glossary is None:
        return {}, {}
    terms = {name.casefold(): t.slug for t in glossary.terms.values() for name in [t.title, *t.aliases]}
    areas = {name.casefold(): a.slug for a in glossary.areas.values() for name in (a.title, a.slug)}
    return terms, areas


def run(args: argparse.Namespace) -> int:
    from termsite.importer.formats import REGISTRY, format_for
    from termsite.importer.plan import ImportOptions, ImportStop, plan_import
    from termsite.importer.sources import NotAGlossaryPage, ReadOptions, SourceError, expand_sources, read_source

    if args.area and not SLUG_RE.match(args.area):
        print(f"termsite import: error: --area '{args.area}' is not a slug; write it like 'order-matching'.",
              file=sys.stderr)
        return 2
    column_map = _column_map(args.map)
    if column_map is None:
        return 2
    project = read_project(args.config)
    content_dir = Path(args.content) if args.content else project.content_dir
    if content_dir.exists() and not content_dir.is_dir():
        print(f"termsite import: error: {display_path(content_dir)} is not a folder.", file=sys.stderr)
        return 2
    same_site = content_dir.resolve() == project.content_dir.resolve()
    languages, problems = project_languages(project)
    if problems:
        print(f"termsite import: error: {problems[0].format()}", file=sys.stderr)
        return 2
    source_language = args.lang or languages.source
    # labels in the site's other languages are written as translations, when importing into the site's own
    # content in its source language
    translated = languages.translated if same_site and source_language == languages.source else ()
    options = ImportOptions(content_dir=content_dir, default_area=args.area,
                            default_author=project.default_author if same_site else "",
                            languages=(languages.source, *translated))
    term_names, area_names = _existing_names(content_dir)
    read_options = ReadOptions(language=source_language, translated=translated,
                               column_map=column_map, term_names=term_names, area_names=area_names)

    paths, errors = expand_sources(args.sources, REGISTRY.suffixes)
    named = {Path(source).resolve() for source in args.sources}
    skipped: list[str] = []
    readings: list[Reading] = []
    for path in paths:
        try:
            source = read_source(path)
            readings += format_for(source, args.format).read(source, read_options)
        except NotAGlossaryPage as error:
            # a home or index page found in a saved folder is expected; one named on purpose is a mistake
            (errors if path.resolve() in named else skipped).append(str(error))
        except SourceError as error:
            errors.append(str(error))
        except Exception as error:  # a parser failing on odd input: name the file, not the stack
            errors.append(f"{display_path(path)}: could not be read ({type(error).__name__}: {error}).")
    row_errors = [line for reading in readings for line in reading.errors]
    for error in errors:
        print(error if _POSITIONED.match(error) else f"error: {error}", file=sys.stderr)
    for note in skipped:
        print(f"note: skipped {note}")
    if row_errors:
        for line in row_errors:
            print(line, file=sys.stderr)
        print(f"termsite import: {len(row_errors)} error(s) in the source(s); nothing was written.", file=sys.stderr)
        return 1
    if not readings:
        print("termsite import: nothing was written." if errors else "termsite import: nothing to import.", file=sys.stderr)
        return 1
    try:
        plan = plan_import(readings, options)
    except ImportStop as stop:
        print(f"error: {stop}", file=sys.stderr)
        return 1
    for note in plan.notes:
        print(f"note: {note}")
    for error in plan.errors:
        print(f"error: {error}", file=sys.stderr)
    if plan.errors:
        print("termsite import: nothing was written.", file=sys.stderr)
        return 1
    if plan.problems:
        for planned in plan.conflicts:
            print(f"conflict {display_path(planned.path)}: {planned.detail}")
        print("termsite import: the imported content would not load, so nothing was written:", file=sys.stderr)
        for problem in plan.problems:
            print(problem, file=sys.stderr)
        return 1
    written = _dry_run(plan) if args.dry_run else _write(plan)
    if written < 0:
        return 1
    _print_url_hint(readings, project if same_site else None)
    _print_name_hint(readings, project if same_site else None)
    if plan.hosted:
        print(f"note: {len(plan.hosted)} image and author URL(s) point at the source site (such as "
              f"{plan.hosted[0]}); they were kept, not downloaded: serve them from the new site at the same paths "
              "(termsite check reports the missing ones as broken-internal-url).")
    print(_summary(plan, args.dry_run))
    return 1 if errors or plan.conflicts else 0


_POSITIONED = re.compile(r"^[^\n]+?:\d+:\d+: error\[[a-z-]+\] ")


def _print_name_hint(readings: list[Reading], project: ProjectConfig | None) -> None:
    names = {r.glossary_name for r in readings if r.glossary_name}
    if project is None or not project.found or len(names) != 1:
        return
    name = names.pop()
    if name != project.site_name:
        print(f"note: the source calls the glossary '{name}'; to keep that name, set site_name: {name} in mkdocs.yml.")


def _dry_run(plan: ImportPlan) -> int:
    for planned in plan.files:
        if planned.action == "conflict":
            print(f"conflict {display_path(planned.path)}: {planned.detail}")
        elif planned.action == "unchanged":
            print(f"unchanged {display_path(planned.path)}")
        else:
            verb = {"create": "create", "complete": "complete", "append": "add to"}[planned.action]
            print(f"--- would {verb} {display_path(planned.path)}")
            print(planned.text, end="" if planned.text.endswith("\n") else "\n")
    return 0


def _write(plan: ImportPlan) -> int:
    from termsite.importer.writing import ChangedMeanwhile, write_atomically

    # authors first, areas last: an interrupted import leaves references to files that exist where it can
    order = {"authors": 0, "term": 1, "area": 2, "translation": 3}
    for planned in sorted(plan.files, key=lambda f: order[f.kind]):
        shown = display_path(planned.path)
        if planned.action == "conflict":
            print(f"conflict {shown}: {planned.detail}")
            continue
        if planned.action == "unchanged":
            print(f"unchanged {shown}")
            continue
        try:
            write_atomically(planned.path, planned.final_text(), planned.expected)
        except ChangedMeanwhile as error:
            print(f"error: {error}", file=sys.stderr)
            return -1
        except OSError as error:
            print(f"error: cannot write {shown} ({error.strerror or error}).", file=sys.stderr)
            return -1
        print(_done(planned, shown))
    return 0


def _done(planned: PlannedFile, shown: str) -> str:
    if planned.action == "append":
        return f"added {planned.detail} to {shown}"
    if planned.action == "complete":
        return f"completed {shown}"
    return f"created {shown}"


def _summary(plan: ImportPlan, dry_run: bool) -> str:
    counts = {action: sum(1 for f in plan.files if f.action == action)
              for action in ("create", "complete", "append", "unchanged", "conflict")}
    verb = "would be " if dry_run else ""
    parts = [f"{counts['create']} {verb}created", f"{counts['complete'] + counts['append']} {verb}updated",
             f"{counts['unchanged']} unchanged", f"{counts['conflict']} conflict(s)"]
    line = "termsite import: " + ", ".join(parts) + "."
    if plan.stubs:
        line += (f" {len(plan.stubs)} term(s) are known only from a listing and have no body: "
                 "look for '# imported from a listing only' in them.")
    return line


def _print_url_hint(readings: list[Reading], project: ProjectConfig | None) -> None:
    """Tell how to keep the source site's URLs, when mkdocs.yml does not already."""
    if project is None or not project.found:
        return
    roots = {r.site_root for r in readings if r.site_root}
    if len(roots) != 1:
        return
    root = roots.pop()
    area_prefixes = {_prefix(r.area.url, root) for r in readings if r.area}
    term_prefixes = {_prefix(t.url, root) for r in readings for t in r.terms}
    wanted = {"site_url": root}
    if len(area_prefixes) == 1:
        wanted["area_prefix"] = area_prefixes.pop()
    if len(term_prefixes) == 1:
        wanted["term_prefix"] = term_prefixes.pop()
    current = {"site_url": project.site_url.rstrip("/") + "/", "area_prefix": project.area_prefix,
               "term_prefix": project.term_prefix}
    different = {key: value for key, value in wanted.items() if value and current.get(key) != value}
    if different:
        settings = ", ".join(f"{key}: {value}" for key, value in different.items())
        print(f"note: to keep the source site's URLs, set {settings} in mkdocs.yml "
              "(area_prefix and term_prefix are options of the termsite plugin).")


def _prefix(url: str, root: str) -> str:
    path = urlsplit(url).path.strip("/")
    parent = path.rsplit("/", 1)[0] if "/" in path else ""
    return parent + "/" if parent and url.startswith(root) else ""
