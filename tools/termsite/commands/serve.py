"""``termsite serve [--engine mkdocs|properdocs|zensical]``: a live preview of the site with one engine."""

from __future__ import annotations

import argparse

from termsite.commands.build import ENGINES, add_engine_argument


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help="preview the site with MkDocs, ProperDocs or Zensical",
        description="Serve the site of mkdocs.yml and rebuild it when content/, docs_dir or mkdocs.yml change. "
                    "With Zensical, only the pages an edit changes are written again.")
    add_engine_argument(parser)
    parser.add_argument("-a", "--dev-addr", metavar="IP:PORT", help="address to serve on (default: localhost:8000)")
    parser.add_argument("--dirty", action="store_true",
                        help="MkDocs and ProperDocs: render again only what an edit touched (Zensical always does)")
    parser.set_defaults(run=lambda args: ENGINES[args.engine].serve(args), command="serve")
