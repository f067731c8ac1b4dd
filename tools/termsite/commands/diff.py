"""``termsite diff BASE [HEAD]``: a Markdown summary of the terms and areas a change adds, changes or removes."""

from __future__ import annotations

import argparse
import sys

from termsite.authoring.gitdiff import GitError, diff_revisions, render_markdown
from termsite.project import read_project


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff", help="summarize the glossary changes between two git revisions",
        description="Compare the content of two git revisions and print a Markdown summary: terms and areas "
                    "added, removed, renamed or changed, with the fields that changed. Used in pull requests.")
    parser.add_argument("base", help="the revision before the change, such as origin/main or a commit id")
    parser.add_argument("head", nargs="?", default="HEAD", help="the revision after it (default: HEAD)")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    try:
        diff = diff_revisions(project.root, project.content_dir, args.base, args.head)
    except GitError as error:
        print(f"termsite diff: {error}", file=sys.stderr)
        return 2
    print(render_markdown(diff), end="")
    return 0
