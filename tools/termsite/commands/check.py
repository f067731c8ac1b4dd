"""``termsite check PATH...``: the structured-data checker (see :mod:`termsite.checker`)."""

from __future__ import annotations

import argparse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    try:
        from termsite.checker import cli as checker_cli
    except ImportError:  # only while the checker is being developed beside the core
        return
    parser = subparsers.add_parser(
        "check", help="validate schema.org structured data in built HTML",
        description="Check the JSON-LD and page metadata of a built site folder or of any HTML files.")
    checker_cli.add_arguments(parser)
    parser.set_defaults(run=checker_cli.run)
