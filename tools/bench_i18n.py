#!/usr/bin/env python3
"""Loading a glossary with translations: the time to load and check a synthetic glossary with two
translated languages, against the same glossary loaded in its source language only, in the same run.

    python tools/bench_i18n.py                  # 10,000 terms, de and es translating every entry
    python tools/bench_i18n.py --share 0.3      # each language translating 30% of the entries

Each load runs in a fresh process (``check_content`` as ``termsite lint`` and the build call it), the two
kinds alternated so that machine load affects both alike; the figures are wall seconds. Nothing is
asserted: the ratio is printed, and docs/benchmarks.md records it.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import yaml

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
LANGUAGES = ("de", "es")
LOAD = textwrap.dedent("""\
    import resource, sys, time
    from termsite.content.loader import check_content

    def cpu():
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    languages = tuple(sys.argv[2].split(",")) if sys.argv[2] else ()
    start, start_cpu = time.perf_counter(), cpu()
    glossary, problems = check_content(sys.argv[1], languages=languages)
    seconds, cpu_seconds = time.perf_counter() - start, cpu() - start_cpu
    assert glossary is not None, [p.format() for p in problems if p.is_error][:5]
    translated = sum(len(c.terms) + len(c.areas) for c in glossary.translations.values())
    print(seconds, cpu_seconds, translated)
    """)


def translate(text: str, language: str) -> str:
    """A stand-in translation of the same length: the words' letters rotated, [[references]] kept."""
    return " ".join(word if word.startswith("[[") or not word.isalpha() else word[1:] + word[0]
                    for word in text.split(" "))


def write_translations(content: Path, share: float, seed: int) -> int:
    rng = random.Random(seed)
    written = 0
    for kind, fields in (("terms", ("title", "summary", "aliases", "body", "faq")),
                         ("areas", ("title", "description", "intro", "faq"))):
        for path in sorted((content / kind).glob("*.yml")):
            source = yaml.safe_load(path.read_text(encoding="utf-8"))
            for language in LANGUAGES:
                if rng.random() >= share:
                    continue
                values = {}
                for name in fields:
                    value = source.get(name)
                    if isinstance(value, str):
                        values[name] = translate(value, language) if name != "title" else f"{value} ({language})"
                    elif name == "aliases" and value:
                        values[name] = [f"{alias} ({language})" for alias in value]
                    elif name == "faq" and value:
                        values[name] = [{key: translate(text, language) for key, text in item.items()}
                                        for item in value]
                if source.get("image"):
                    values["image"] = {"caption": translate(source["image"]["caption"], language)}
                date = source.get("modified") or source.get("published") or "2026-01-01T00:00:00+00:00"
                values["source_modified"] = date.isoformat() if hasattr(date, "isoformat") else str(date)
                target = content / "i18n" / language / kind / path.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(yaml.safe_dump(values, allow_unicode=True, sort_keys=False), encoding="utf-8")
                written += 1
    return written


def load(content: Path, languages: tuple[str, ...]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the process and its workers, translations loaded)."""
    result = subprocess.run([sys.executable, "-c", LOAD, str(content), ",".join(languages)],
                            capture_output=True, text=True, env=ENV, check=False)
    if result.returncode != 0:
        raise SystemExit(f"loading failed:\n{result.stderr[-3000:]}")
    seconds, cpu_seconds, translated = result.stdout.split()
    return float(seconds), float(cpu_seconds), int(translated)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10_000)
    parser.add_argument("--share", type=float, default=1.0, help="share of the entries each language translates")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="termsite-i18n-bench-"))
    try:
        site = work / "site"
        subprocess.run([str(BIN / "termsite"), "synth", "--terms", str(args.terms), "--seed", str(args.seed),
                        "--out", str(site)], check=True, env=ENV, capture_output=True)
        content = site / "content"
        files = write_translations(content, args.share, args.seed)
        runs: dict[str, list[tuple[float, float]]] = {"source": [], "translated": []}
        loaded = 0
        for _ in range(args.runs):
            runs["source"].append(load(content, ())[:2])
            *measured, loaded = load(content, ("en", *LANGUAGES))
            runs["translated"].append((measured[0], measured[1]))
        print(f"{args.terms:,} terms, {files:,} translation files ({', '.join(LANGUAGES)}, share {args.share:.0%}); "
              f"{loaded:,} translations loaded; {args.runs} run(s), {os.cpu_count()} CPU(s)")
        for name, label in (("source", "source language only"), ("translated", "with the translations")):
            wall, cpu = [run[0] for run in runs[name]], [run[1] for run in runs[name]]
            print(f"  {label + ':':<23} wall median {statistics.median(wall):6.2f} s (min {min(wall):.2f}), "
                  f"CPU median {statistics.median(cpu):6.2f} s (min {min(cpu):.2f})")
        for index, what in ((0, "wall"), (1, "CPU")):
            ratio = statistics.median(run[index] for run in runs["translated"]) / \
                statistics.median(run[index] for run in runs["source"])
            print(f"  ratio, {what} median / median: {ratio:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
