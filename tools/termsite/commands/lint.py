"""``termsite lint [PATHS]``: the build's content validation, plus style warnings."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import pathspec

from termsite.authoring.lint import KnowledgeBase, format_problems, lint_report, summary_line
from termsite.authoring.translations import CoverageReport
from termsite.content.languages import project_languages
from termsite.content.articles import markdown_sources
from termsite.content.loader import ContentLayout
from termsite.problems import Problem, Severity
from termsite.project import ProjectConfig, read_project


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lint", help="check the glossary content (the same validation as the build)",
        description="Report every problem of the glossary's YAML content in one run: "
                    "file:line:col: severity[code] field: message. Exit 1 when there are errors. "
                    "Codes are listed in docs/lint-codes.md.")
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="content folders, or files and folders inside one: the whole glossary is always "
                             "checked (references cross files), and only the problems of the given files are "
                             "reported (default: the content folder of mkdocs.yml, else ./content)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="text (default), github (workflow annotations) or json")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--warnings-as-errors", action="store_true", help="fail on style warnings too")
    parser.add_argument("--unlinked-pages", action="store_true",
                        help="warn about hand-written pages of docs_dir that link no glossary term")
    parser.add_argument("--languages", action="store_true",
                        help="also print the translation coverage of each language: terms, areas and pages "
                             "translated, outdated and missing (the exit status does not depend on it)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    targets: dict[Path, set[Path] | None] = {}  # content folder -> the paths to report on (None: all of it)
    for name in args.paths or [str(project.content_dir)]:
        path = Path(name)
        if not path.exists() and args.paths:
            print(f"termsite lint: {name} does not exist.", file=sys.stderr)
            return 2
        content_dir, only = _content_dir_of(path)
        selected = targets.get(content_dir, set())
        if only is None or selected is None:
            targets[content_dir] = None
        else:
            targets[content_dir] = selected | {only}

    problems: list[Problem] = []
    reports: list[CoverageReport] = []
    for content_dir, limit in targets.items():
        owner = _project_for(content_dir, project)
        languages, language_problems = project_languages(owner)
        report = lint_report(content_dir, default_author=owner.default_author,
                             pages=_knowledge_base(owner, args.unlinked_pages), languages=languages.codes)
        found = report.problems
        if limit is not None:
            found = [p for p in found if any(_is_within(Path(p.path).resolve(), path) for path in limit)]
        problems += language_problems + found
        if report.coverage is not None:
            reports.append(report.coverage)
    if args.warnings_as_errors:
        problems = [replace(p, severity=Severity.ERROR) if p.severity is Severity.WARNING else p for p in problems]
    output = format_problems(problems, args.format)
    if args.languages and args.format == "json":
        # one JSON document: the problems and the coverage together
        output = json.dumps({"problems": json.loads(output or "[]"),
                             "coverage": [row for report in reports for row in report.as_json()]}, indent=2)
    if output:
        print(output)
    if args.languages and args.format != "json":
        tables = [report.table() for report in reports if report.rows]
        print("\n\n".join(tables) if tables else "termsite lint: the site has one language; there is nothing "
                                                 "to translate (the plugin option `languages` names more).")
    if args.format != "json":
        print(summary_line(problems), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if any(p.is_error for p in problems) else 0


def _knowledge_base(project: ProjectConfig, unlinked_pages: bool) -> KnowledgeBase | None:
    """The site's hand-written pages, when the content folder belongs to a site with a docs_dir."""
    if not project.found or not project.pages_dir.is_dir():
        return None
    excluded = {source for source in markdown_sources(project.pages_dir) if source.startswith("templates/")}
    if project.exclude_docs:
        spec = pathspec.GitIgnoreSpec.from_lines(project.exclude_docs.splitlines())
        excluded |= {source for source in markdown_sources(project.pages_dir) if spec.match_file(source)}
    return KnowledgeBase(project.pages_dir, frozenset(excluded), autolink=project.autolink,
                         plurals=project.plurals, unlinked_pages=unlinked_pages)


def _content_dir_of(path: Path) -> tuple[Path, Path | None]:
    """The content folder a path belongs to, and the path to limit the report to (None: all of it).

    Both resolved: content/terms/x.yml -> (content, content/terms/x.yml); content -> (content, None).
    """
    layout = ContentLayout(Path("."))
    resolved = path.resolve()
    # a translation, or a folder of them: content/i18n/de/terms/x.yml belongs to content/
    translations = next((parent for parent in [resolved, *resolved.parents] if parent.name == layout.i18n_dir), None)
    if translations is not None and (translations.parent / layout.terms_dir).is_dir():
        return translations.parent, resolved
    if resolved.is_file() or not resolved.exists():
        parent = resolved.parent
        if parent.name in (layout.terms_dir, layout.areas_dir):
            return parent.parent, resolved
        return parent, resolved
    if resolved.name in (layout.terms_dir, layout.areas_dir) and not (resolved / layout.terms_dir).is_dir():
        return resolved.parent, resolved
    return resolved, None


def _is_within(path: Path, folder_or_file: Path) -> bool:
    return path == folder_or_file or folder_or_file in path.parents


def _project_for(content_dir: Path, project: ProjectConfig) -> ProjectConfig:
    """The mkdocs.yml that configures a content folder: the given one, else the one beside the folder."""
    if content_dir == project.content_dir.resolve():  # content_dir is resolved
        return project
    # Another glossary's folder: its own mkdocs.yml, next to it, says who its default author is.
    other = read_project(content_dir.parent / "mkdocs.yml")
    if other.content_dir.resolve() != content_dir:
        other.options = {}
    return other
