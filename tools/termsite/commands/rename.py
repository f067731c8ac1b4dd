"""``termsite rename OLD NEW``: rename a term, rewrite every reference to it, keep its old URL working."""

from __future__ import annotations

import argparse
import sys

from termsite.changeset import ChangeError, apply_changes
from termsite.content.languages import project_languages
from termsite.content.loader import ContentLayout, display_path
from termsite.project import read_project
from termsite.authoring.rename import RenameError, plan_rename
from termsite.authoring.schema import SCHEMAS, schema_comment


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "rename", help="rename a term and every reference to it",
        description="Rename content/terms/OLD.yml to NEW.yml, rewrite every reference to OLD (related, "
                    "replaced_by, areas' terms lists, [[OLD]] and [[OLD|text]] in Markdown) keeping the files' "
                    "formatting and comments, and record OLD in redirects.yml so that its URL redirects to the "
                    "new page. All files change together or none does.")
    parser.add_argument("old", help="the term's current slug")
    parser.add_argument("new", help="the new slug")
    parser.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
    parser.add_argument("--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = read_project(args.config)
    layout = ContentLayout(project.content_dir)
    if not layout.root.is_dir():
        print(f"termsite rename: the content folder {display_path(layout.root)} does not exist; run termsite in "
              "the site's folder (beside mkdocs.yml) or pass --config.", file=sys.stderr)
        return 2
    schemas_dir = project.root / "schemas"
    redirects_schema = next(s for s in SCHEMAS if s.file_name == "redirects.schema.json")
    comment = schema_comment(layout.redirects, schemas_dir, redirects_schema) \
        if (schemas_dir / redirects_schema.file_name).is_file() else ""
    try:
        pages = project.pages_dir if project.found and project.pages_dir.is_dir() else None
        plan = plan_rename(layout, args.old, args.new, default_author=project.default_author, schema_comment=comment,
                           pages_dir=pages, languages=project_languages(project)[0].codes)
        if not args.dry_run:
            apply_changes(plan.changes)
    except RenameError as error:
        print(f"termsite rename: {error}", file=sys.stderr)
        return error.status
    except ChangeError as error:
        print(f"termsite rename: {error}", file=sys.stderr)
        return 1
    verb = "would " if args.dry_run else ""
    old_file, new_file = layout.terms / f"{args.old}.yml", layout.terms / f"{args.new}.yml"
    print(f"{verb}rename {display_path(old_file)} -> {display_path(new_file)}")
    for path, target in sorted(plan.moved.items()):
        if path != old_file:
            print(f"{verb}rename {display_path(path)} -> {display_path(target)}")
    for path, count in sorted(plan.references.items()):
        shown = plan.moved.get(path, path)
        print(f"{verb}update {count} reference(s) in {display_path(shown)}")
    print(f"{verb}record '{args.old}: {args.new}' in {display_path(layout.redirects)}: "
          f"the old address redirects to the new page")
    if not args.dry_run:
        print("next: run `termsite lint`, then commit the renamed file together with the others.")
    return 0
