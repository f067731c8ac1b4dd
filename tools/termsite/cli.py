"""The ``termsite`` command line: a parser that hosts the subcommands of :mod:`termsite.commands`."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Callable, NoReturn, Sequence

from termsite import __version__

Command = Callable[[argparse.Namespace], int]

# Modules with add_parser(subparsers); the order is the order of `termsite --help`.
COMMAND_MODULES = [
    "termsite.commands.lint",
    "termsite.commands.build",
    "termsite.commands.serve",
    "termsite.commands.check",
    "termsite.commands.synth",
    "termsite.commands.new",
    "termsite.commands.rename",
    "termsite.commands.diff",
    "termsite.commands.schema",
    "termsite.commands.import_",
    "termsite.commands.export",
]


class _Parser(argparse.ArgumentParser):
    """Usage mistakes as one line (and exit status 2), like every other termsite error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="termsite", description="Glossary sites from YAML, with connected schema.org JSON-LD.")
    parser.add_argument("--version", action="version", version=f"termsite {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(subparsers)
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
