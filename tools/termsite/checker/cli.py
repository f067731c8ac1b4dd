"""``termsite check``: argparse wiring. The main CLI calls ``add_arguments`` on its
subparser and ``run`` with the parsed namespace; ``python -m termsite.checker`` does the same."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from .config import PROFILES, ConfigError, build_config
from .formats import FORMATS
from .rules import RULES


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="built site folder (every *.html is checked) or single HTML files")
    parser.add_argument("--site-url", metavar="URL",
                        help="the site's base URL (default: site_url from ./mkdocs.yml, else the canonical URL "
                             "of the folder's index.html); URLs under it are internal and map to files")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="output format (default: text)")
    parser.add_argument("--profile", choices=sorted(PROFILES),
                        help="which rules apply: schema.org (the vocabulary, no Google-only requirements), google "
                             "(what Google Search requires), strict (all, pending terms as warnings, warnings fail); "
                             "default: schema.org and google rules together")
    parser.add_argument("--select", metavar="RULES", help="comma-separated rule IDs or prefixes to run (default: all)")
    parser.add_argument("--ignore", metavar="RULES", help="comma-separated rule IDs or prefixes to skip")
    parser.add_argument("--warnings-as-errors", action="store_true", help="exit 1 on warnings too")
    parser.add_argument("--show-info", action="store_true",
                        help="list info-level findings too in text and github output (they are always counted)")
    parser.add_argument("--termsite", action="store_true",
                        help="check termsite page kinds even without a termsite mkdocs.yml")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help="worker processes for large sites (default: one per core)")


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check the pages; 0 when no errors, 1 with errors, 2 for usage or unreadable input."""
    from .runner import run_check

    out = out or sys.stdout
    err = err or sys.stderr
    try:
        if args.jobs is not None and args.jobs < 1:
            raise ConfigError("--jobs must be at least 1")
        config = build_config(
            RULES,
            profile=getattr(args, "profile", None),
            select=args.select,
            ignore=args.ignore,
            site_url=args.site_url,
            termsite=args.termsite,
            warnings_as_errors=args.warnings_as_errors,
        )
        result = run_check(args.paths, config, jobs=args.jobs)
    except ConfigError as exc:
        print(f"termsite check: error: {exc}", file=err)
        return 2
    renderer = FORMATS[args.format]
    if args.format in ("text", "github"):
        out.write(renderer.render(result, config, show_info=getattr(args, "show_info", False)))
    else:
        out.write(renderer.render(result, config))
    return result.exit_code(config.warnings_as_errors)


class _OneLineErrorParser(argparse.ArgumentParser):
    """Usage errors in one line, exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = _OneLineErrorParser(prog="termsite check", description="Check a site's JSON-LD structured data.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
