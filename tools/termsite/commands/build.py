"""``termsite build [--engine mkdocs|properdocs|zensical] [-d SITE]``: the site, built by one engine.

MkDocs and ProperDocs load the termsite plugin themselves, so for them this runs their own
``build`` command; Zensical has no plugin API, so termsite stages the site for it
(:mod:`termsite.hosts.zensical`). The engines are one registry, shared with ``termsite serve``.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from termsite.problems import ContentError


@dataclass(frozen=True)
class Engine:
    name: str
    build: Callable[[argparse.Namespace], int]
    serve: Callable[[argparse.Namespace], int]
    description: str


def _plugin_engine(module: str, package: str) -> tuple[Callable[[argparse.Namespace], int],
                                                     Callable[[argparse.Namespace], int]]:
    """MkDocs and ProperDocs: their own command line, which runs the termsite plugin."""

    def installed(args: argparse.Namespace) -> bool:
        if importlib.util.find_spec(module) is not None:
            return True
        print(f"termsite {args.command}: {package} is not installed: install it with `pip install {package.lower()}`.",
              file=sys.stderr)
        return False

    def build(args: argparse.Namespace) -> int:
        if not installed(args):
            return 2
        command = [sys.executable, "-m", module, "build", "-f", args.config]
        command += ["-d", str(Path(args.site_dir).absolute())] if args.site_dir else []
        command += ["--strict"] if args.strict else []
        return subprocess.call(command)

    def serve(args: argparse.Namespace) -> int:
        if not installed(args):
            return 2
        command = [sys.executable, "-m", module, "serve", "-f", args.config]
        command += ["-a", args.dev_addr] if args.dev_addr else []
        command += ["--dirty"] if args.dirty else []
        return subprocess.call(command)

    return build, serve


def _zensical_build(args: argparse.Namespace) -> int:
    from termsite.hosts.zensical import engine
    from termsite.hosts.zensical.config import ConfigError
    from termsite.hosts.zensical.host import SiteProblem, ZensicalSite

    _log_to_stderr()
    try:
        engine.require()
        site = ZensicalSite(args.config)
        site.load()
        final = site.build(Path(args.site_dir) if args.site_dir else None, strict=args.strict)
    except engine.ZensicalMissing as missing:
        print(f"termsite build: {missing}", file=sys.stderr)
        return 2
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        print("termsite build: the content has errors; nothing was built and the previous site was kept.",
              file=sys.stderr)
        return 1
    except (SiteProblem, ConfigError) as problem:
        print(f"termsite build: {problem}", file=sys.stderr)
        return 2
    except engine.ZensicalFailed as failed:
        print(f"termsite build: Zensical stopped: {failed}; the previous site was kept.", file=sys.stderr)
        return 1
    print(f"termsite build: the site was built by Zensical {engine.require()} into {final}")
    return 0


def _zensical_serve(args: argparse.Namespace) -> int:
    from termsite.hosts.zensical import engine
    from termsite.hosts.zensical.config import ConfigError
    from termsite.hosts.zensical.host import SiteProblem
    from termsite.hosts.zensical.preview import serve

    _log_to_stderr()
    try:
        engine.require()
        return serve(Path(args.config), dev_addr=args.dev_addr)
    except engine.ZensicalMissing as missing:
        print(f"termsite serve: {missing}", file=sys.stderr)
        return 2
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        print("termsite serve: the content has errors; fix them and start the preview again.", file=sys.stderr)
        return 1
    except (SiteProblem, ConfigError) as problem:
        print(f"termsite serve: {problem}", file=sys.stderr)
        return 2
    except engine.ZensicalFailed as failed:
        print(f"termsite serve: Zensical stopped: {failed}", file=sys.stderr)
        return 1


def _log_to_stderr() -> None:
    logger = logging.getLogger("termsite")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


ENGINES: dict[str, Engine] = {
    "mkdocs": Engine("mkdocs", *_plugin_engine("mkdocs", "MkDocs"), "MkDocs 1.6 with mkdocs-material (the default)"),
    "properdocs": Engine("properdocs", *_plugin_engine("properdocs", "ProperDocs"),
                         "ProperDocs, the maintained fork of MkDocs 1.6"),
    "zensical": Engine("zensical", _zensical_build, _zensical_serve, "Zensical, mkdocs-material's successor"),
}


def add_engine_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs",
                        help="; ".join(f"{e.name}: {e.description}" for e in ENGINES.values()))
    parser.add_argument("-f", "--config", default="mkdocs.yml", help="the site's mkdocs.yml (default: ./mkdocs.yml)")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "build", help="build the site with MkDocs, ProperDocs or Zensical",
        description="Build the site of mkdocs.yml with one engine: the same pages, addresses and JSON-LD on each "
                    "(docs/engines.md). A content mistake stops the build before anything is written.")
    add_engine_argument(parser)
    parser.add_argument("-d", "--site-dir", help="where to write the site (default: mkdocs.yml's site_dir)")
    parser.add_argument("--strict", action="store_true", help="fail on the engine's warnings too")
    parser.set_defaults(run=lambda args: ENGINES[args.engine].build(args), command="build")
