"""The ``termsite`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from termsite import __version__

Command = Callable[[argparse.Namespace], int]


def _lint(args: argparse.Namespace) -> int:
    from termsite.lint import format_problems, lint_content, summary_line
    from termsite.project import read_project

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
        from dataclasses import replace

        from termsite.problems import Severity
        problems = [replace(p, severity=Severity.ERROR) for p in problems]
    output = format_problems(problems, args.format)
    if output:
        print(output)
    if args.format != "json":
        print(summary_line(problems), file=sys.stderr if args.format == "github" else sys.stdout)
    return 1 if any(p.is_error for p in problems) else 0


def _add_lint(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "lint", help="check the glossary content (the same validation as the build)",
        description="Report every problem of the glossary's YAML content in one run: "
                    "file:line:col: severity[code] field: message. Exit 1 when there are errors.")
    parser.add_argument("content_dir", nargs="?", help="the content folder (default: from mkdocs.yml, else ./content)")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.add_argument("--warnings-as-errors", action="store_true", help="fail on style warnings too")
    parser.set_defaults(run=_lint)


def _add_check(subparsers: argparse._SubParsersAction) -> None:
    try:
        from termsite.checker import cli as checker_cli
    except ImportError:  # the checker ships with the package; this guards a broken install only
        return
    parser = subparsers.add_parser(
        "check", help="validate schema.org structured data in built HTML",
        description="Check the JSON-LD and page metadata of a built site (or any HTML files).")
    checker_cli.add_arguments(parser)
    parser.set_defaults(run=checker_cli.run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="termsite", description="Glossary sites from YAML, with connected schema.org JSON-LD.")
    parser.add_argument("--version", action="version", version=f"termsite {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_lint(subparsers)
    _add_check(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Command | None = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return 2
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
