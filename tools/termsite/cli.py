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
    "termsite.commands.check",
    "termsite.commands.synth",
    "termsite.commands.new",
    "termsite.commands.rename",
    "termsite.commands.diff",
    "termsite.commands.schema",
    "termsite.commands.import_",
    "termsite.commands.export",
]


def _command_name(module: str) -> str:
    """``termsite.commands.import_`` -> ``import``: the subcommand a module adds."""
    return module.rsplit(".", 1)[-1].rstrip("_")


class _Parser(argparse.ArgumentParser):
    """Usage mistakes as one line (and exit status 2), like every other termsite error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see '{self.prog} --help')\n")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or (``only``) with the one command being run: importing
    a command module imports what the command needs, and `termsite check one.html` should
    not wait for the glossary loader."""
    parser = _Parser(
        prog="termsite", description="Glossary sites from YAML, with connected schema.org JSON-LD.")
    parser.add_argument("--version", action="version", version=f"termsite {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for name in COMMAND_MODULES:
        if only is None or _command_name(name) == only:
            importlib.import_module(name).add_parser(subparsers)
    return parser


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand named first on the command line, when it is one of ours."""
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    names = {_command_name(name) for name in COMMAND_MODULES}
    return first if first in names and argv and argv[0] == first else None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(only=_chosen_command(arguments))
    args = parser.parse_args(arguments)
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
