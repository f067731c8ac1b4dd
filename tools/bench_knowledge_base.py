#!/usr/bin/env python3
"""What linking a knowledge base's hand-written pages costs.

Writes a synthetic glossary (``termsite synth``) and a docs site of hand-written pages
around it (guides of a few hundred words that mention terms by name, with code blocks,
admonitions and tables), then builds it twice in the same run: as it is, and with the
plugin option ``autolink: false``, which leaves the pages' element trees unsearched for
term names. It prints both times (min and median of ``--runs``), their ratio, and how
many links the pages got:

    python tools/bench_knowledge_base.py                       # 1,000 pages + 10,000 terms
    python tools/bench_knowledge_base.py --pages 100 --terms 1000 --runs 1

Nothing here asserts a time: it prints, and docs/benchmarks.md records.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BIN, ENV, measure  # noqa: E402  (the benchmark's own helpers)

WORDS = ("the position trades at a price that moves with the market while margin and collateral keep the account "
         "open and traders watch how risk builds up over a session of volatile trading").split()


def write_pages(site: Path, titles: list[str], pages: int, seed: int) -> None:
    """Hand-written pages under docs/guides/, each mentioning a dozen terms by name."""
    rng = random.Random(seed)
    guides = site / "docs" / "guides"
    guides.mkdir(parents=True, exist_ok=True)
    (guides / "index.md").write_text("# Guides\n\nWorked articles about the glossary's terms.\n", encoding="utf-8")
    for number in range(1, pages + 1):
        mentioned = rng.sample(titles, 12)
        sections = []
        for section in range(4):
            sentences = []
            for _ in range(8):
                words = rng.choices(WORDS, k=14)
                if mentioned and rng.random() < 0.5:
                    words.insert(rng.randrange(len(words)), mentioned.pop().lower())
                sentences.append(" ".join(words).capitalize() + ".")
            sections.append(f"## Part {section + 1}\n\n" + " ".join(sentences[:4]) + "\n\n" + " ".join(sentences[4:]))
        body = "\n\n".join(sections)
        extras = ("\n\n!!! note \"A note\"\n    " + " ".join(rng.choices(WORDS, k=30)) +
                  "\n\n```python\nmargin = notional / leverage  # code is never linked\n```\n\n"
                  "| Figure | Value |\n|---|---|\n| margin | 1,000 |\n")
        (guides / f"guide-{number:04d}.md").write_text(
            f"---\ndescription: Synthetic guide {number} for the knowledge-base benchmark.\n---\n"
            f"# Guide {number}\n\n{body}{extras}", encoding="utf-8")


def configure(site: Path, autolink: bool) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"\n      autolink: (true|false)", "", text)
    text = text.replace("  - termsite:\n", f"  - termsite:\n      autolink: {'true' if autolink else 'false'}\n", 1)
    if "admonition" not in text:
        text += "markdown_extensions:\n  - admonition\n  - tables\n  - fenced_code\n  - toc\n"
    config.write_text(text, encoding="utf-8")


def build(site: Path) -> tuple[float, int]:
    shutil.rmtree(site / "site", ignore_errors=True)
    run = measure([str(BIN / "mkdocs"), "build"], site)
    if run.returncode != 0:
        raise SystemExit(f"the build failed:\n{run.output}")
    links = sum(page.read_text(encoding="utf-8").count('class="termsite-term"')
                for page in (site / "site" / "guides").rglob("index.html"))
    return run.seconds, links


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--terms", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build here and keep the site (default: a temporary folder)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="termsite-kb-bench-"))
    site = work / "kb"
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([str(BIN / "termsite"), "synth", "--terms", str(args.terms), "--seed", str(args.seed),
                    "--out", str(site)], check=True, env=ENV, capture_output=True)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from termsite.content.loader import load_glossary
    titles = [term.title for term in load_glossary(site / "content").terms.values()]
    write_pages(site, titles, args.pages, args.seed)
    times: dict[bool, list[float]] = {True: [], False: []}
    links = 0
    for _ in range(args.runs):
        for autolink in (False, True):  # alternated, so that machine load affects both alike
            configure(site, autolink)
            seconds, found = build(site)
            times[autolink].append(seconds)
            if autolink:
                links = found
    linked, plain = times[True], times[False]
    print(f"{args.pages:,} hand-written pages + {args.terms:,} terms, {args.runs} run(s)")
    print(f"  without linking the pages: min {min(plain):.1f} s, median {statistics.median(plain):.1f} s")
    print(f"  with linking:              min {min(linked):.1f} s, median {statistics.median(linked):.1f} s")
    print(f"  ratio (min / min):         {min(linked) / min(plain):.3f}")
    print(f"  term links made in the pages: {links:,} ({links / max(args.pages, 1):.1f} per page)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
