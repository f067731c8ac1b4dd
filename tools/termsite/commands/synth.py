"""``termsite synth --terms N [--areas M] [--seed S] --out DIR``: a synthetic glossary for benchmarks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from termsite.authoring.synth import SynthOptions, generate


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "synth", help="write a reproducible synthetic glossary (for benchmarks)",
        description="Write a synthetic glossary site (mkdocs.yml, content/, docs/) into an empty folder.")
    parser.add_argument("--terms", type=_positive, required=True, help="number of terms")
    parser.add_argument("--areas", type=_positive, default=0, help="number of areas (default: terms/200, at least 5)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--out", required=True, help="output folder; must not exist or be empty")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        print(f"termsite synth: {out} exists and is not an empty folder; choose a new one.", file=sys.stderr)
        return 2
    terms, areas = generate(SynthOptions(terms=args.terms, areas=args.areas, seed=args.seed), out)
    print(f"wrote {terms} terms in {areas} areas to {out}; build it with: cd {out} && mkdocs build")
    return 0
