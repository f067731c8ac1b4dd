"""Subcommands of ``termsite``: each module has ``add_parser(subparsers)`` that registers one command.

A command's ``run(args) -> int`` returns the exit status: 0 success, 1 problems found,
2 usage or unreadable input. Mistakes in arguments or content are reported as sentences,
never as tracebacks.
"""
