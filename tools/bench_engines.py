#!/usr/bin/env python3
"""The same synthetic glossary built by MkDocs, ProperDocs and Zensical, timed in one run.

    python tools/bench_engines.py                    # 2,000 terms
    python tools/bench_engines.py --terms 10000      # the size of tools/bench.py's largest run

Each engine builds the same ``termsite synth`` site (seed 7) through ``termsite build --engine E``;
the figures are wall seconds and peak resident memory of each build, measured in a child process
(tools/bench.py's ``measure``), and each engine's time as a ratio of MkDocs' in the same run.
Nothing here asserts a time: it prints, and docs/engines.md records.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BIN, ENV, html_bytes, measure  # noqa: E402

ENGINES = ("mkdocs", "properdocs", "zensical")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=2000, help="terms of the synthetic glossary (default: 2000)")
    parser.add_argument("--out", default="bench-out/engines", help="working folder (default: ./bench-out/engines)")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    project = out / f"synth-{args.terms}"
    if not project.is_dir():
        out.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(BIN / "termsite"), "synth", "--terms", str(args.terms), "--seed", "7", "--out",
                        str(project)], check=True, capture_output=True, env=ENV)
    print(f"cpus: {os.cpu_count()}; python {sys.version.split()[0]}; {args.terms} terms; "
          f"started {time.strftime('%Y-%m-%d %H:%M')}")
    print("| engine | pages | build_s | ratio to mkdocs | peak_rss_mb |")
    print("|---|---|---|---|---|")
    baseline = 0.0
    for engine in ENGINES:
        site = out / f"site-{engine}"
        run = measure([str(BIN / "termsite"), "build", "--engine", engine, "-d", str(site)], project)
        if run.returncode:
            print(f"| {engine} | failed (exit {run.returncode}) | | | |")
            print(run.output[-2000:], file=sys.stderr)
            continue
        baseline = baseline or run.seconds
        pages, _ = html_bytes(site)
        print(f"| {engine} | {pages} | {run.seconds:.1f} | {run.seconds / baseline:.2f} | {run.peak_rss_mb:.0f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
