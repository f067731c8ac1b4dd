"""``termsite lint [CONTENT_DIR]``: the build's content validation, plus style warnings."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from termsite.lint import format_problems, lint_content, summary_line
from termsite.problems import Severity
from termsite.project import read_project


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lint", help="check the glossary content (the same validation as the build)",
        description="Report every problem of the glossary's YAML content in one run: "
                    "file:line:col: severity[code] field: message. Exit 1 when there are errors.")
    parser.add_argument("content_dir", nargs="?", help="the content folder (default: from mkdocs.yml, else ./content)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--warnings-as-errors", action="store_true", help="fail on style warnings too")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    content_dir = project.content_dir
    if args.content_dir:
        content_dir = Path(args.content_dir)
        # Another glossary's folder: its own mkdocs.yml, next to it, says who its default author is.
        if content_dir.resolve() != project.content_dir.resolve():
            project = read_project(content_dir.resolve().parent / "mkdocs.yml")
            if project.content_dir.resolve() != content_dir.resolve():
                project.options = {}
    problems = lint_content(content_dir, default_author=project.default_author)
    if args.warnings_as_errors:
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
    output = format_problems(problems, args.format)
    if output:
        print(output)
    if args.format != "json":
        print(summary_line(problems), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if any(p.is_error for p in problems) else 0
