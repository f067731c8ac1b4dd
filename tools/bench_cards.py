#!/usr/bin/env python3
"""What social cards cost: drawing them cold, taking them from the cache warm, and in a whole build.

Writes a synthetic glossary (``termsite synth``), makes the card of every generated page
(term, area and index pages, with the same planner the build uses), and measures in one
run:

- cold, one process: drawing every card (wall and CPU milliseconds per card), and the
  same for cards drawn over a background photo;
- cold, the build's way: ``write_cards`` with an empty cache, in worker processes;
- warm: ``write_cards`` into a fresh site folder from the filled cache (a build of an
  unchanged site), and into the same folder (a preview where nothing changed);
- the baseline, measured in the same run: encoding a blank 1200×630 palette PNG, the
  least any card can cost; the cards' figures are printed as ratios to it.

With ``--build``, it also builds the site with ``mkdocs build`` three ways, alternated
``--runs`` times: cards off, cards on with an empty cache, cards on with a warm cache:

    python tools/bench_cards.py                          # 10,000 terms, cards only
    python tools/bench_cards.py --terms 1000 --build     # and three kinds of build

Timings on a shared machine are noisy; nothing here asserts a time: it prints, and
docs/benchmarks.md records.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BIN, ENV, measure  # noqa: E402  (the benchmark's own helpers)


def synth(site: Path, terms: int, seed: int) -> None:
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run([str(BIN / "termsite"), "synth", "--terms", str(terms), "--seed", str(seed), "--out", str(site)],
                   check=True, env=ENV, capture_output=True)


def card_specs(site: Path) -> list:
    from termsite.commands.export import site_settings
    from termsite.content.loader import load_glossary
    from termsite.site.cards import CardPlanner
    from termsite.site.pages import SiteBuilder

    settings, _ = site_settings(site / "mkdocs.yml")
    glossary = load_glossary(site / "content")
    planner = CardPlanner(settings, glossary, site / "docs")
    return [planner.for_generated(page) for page in SiteBuilder(glossary, settings).pages()]


def per_card(seconds: float, count: int) -> float:
    return seconds / max(count, 1) * 1000


def timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def baseline_ms(samples: int) -> float:
    """A blank 1200×630 palette PNG encoded the way cards are: the floor of a card's cost."""
    from PIL import Image

    from termsite.site.cards import CARD_HEIGHT, CARD_WIDTH

    blank = Image.new("L", (CARD_WIDTH, CARD_HEIGHT), 0)
    blank.putpalette([0, 0, 0] * 256)
    start = time.process_time()
    for _ in range(samples):
        blank.save(io.BytesIO(), "PNG", compress_level=1)
    return per_card(time.process_time() - start, samples)


def with_background(specs: list, photo: Path) -> list:
    import dataclasses

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 900))
    draw = ImageDraw.Draw(image)
    for y in range(0, 900, 3):
        draw.line((0, y, 1600, y), fill=(40 + y // 6, 110, 200 - y // 8))
    image.save(photo, quality=85)
    return [dataclasses.replace(spec, background=str(photo), background_hash="bench") for spec in specs]


def cards_only(site: Path, work: Path, samples: int) -> None:
    from termsite.site.cards import CardCache, render_card, write_cards

    specs = card_specs(site)
    count = len(specs)
    base = baseline_ms(50)
    _, wall, cpu = timed(lambda: [render_card(spec) for spec in specs[:samples]])
    drawn = min(samples, count)
    print(f"{count:,} cards (every generated page of {site.name})")
    print(f"  baseline, a blank PNG encoded:        {base:6.2f} ms CPU")
    print(f"  cold, one process:                    {per_card(wall, drawn):6.2f} ms wall, "
          f"{per_card(cpu, drawn):6.2f} ms CPU per card ({per_card(cpu, drawn) / base:.1f}x the baseline; "
          f"{drawn:,} cards)")
    photos = with_background(specs[:min(samples, 200)], work / "photo.jpg")
    _, wall, cpu = timed(lambda: [render_card(spec) for spec in photos])
    print(f"  cold, over a background photo:        {per_card(wall, len(photos)):6.2f} ms wall, "
          f"{per_card(cpu, len(photos)):6.2f} ms CPU per card ({len(photos)} cards)")
    paths = {f"assets/cards/{index}.png": spec for index, spec in enumerate(specs)}
    cache = CardCache(work / "cache")
    shutil.rmtree(cache.folder, ignore_errors=True)
    (report, written), wall, _ = timed(write_cards, work / "cold", paths, cache)
    print(f"  cold, the build's way ({os.cpu_count()} cores):       {per_card(wall, count):6.2f} ms wall per card "
          f"({wall:.1f} s, {report.drawn:,} drawn)")
    (report, _), wall, _ = timed(write_cards, work / "warm", paths, cache)
    print(f"  warm, into a new site folder:         {per_card(wall, count):6.3f} ms wall per card "
          f"({wall:.2f} s, {report.reused:,} from the cache)")
    (report, _), wall, _ = timed(lambda: write_cards(work / "warm", paths, cache, previous=written))
    print(f"  warm, a preview where nothing changed: {per_card(wall, count):6.3f} ms wall per card "
          f"({wall:.2f} s, {report.unchanged:,} left in place)")
    sizes = [path.stat().st_size for path in (work / "cold").rglob("*.png")]
    print(f"  size: {statistics.mean(sizes) / 1024:.1f} KB per card on average, "
          f"{sum(sizes) / 1024 / 1024:.0f} MB in all")


def configure(site: Path, cards: bool) -> None:
    config = site / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("      cards: ")) + "\n"
    text = text.replace("  - termsite:\n", f"  - termsite:\n      cards: {'true' if cards else 'false'}\n", 1)
    config.write_text(text, encoding="utf-8")


def builds(site: Path, runs: int) -> None:
    cache = site / ".cache" / "termsite" / "cards"
    times: dict[str, list[float]] = {"off": [], "cold": [], "warm": []}
    for _ in range(runs):
        for kind in ("off", "cold", "warm"):  # alternated, so that machine load affects them alike
            configure(site, kind != "off")
            if kind == "cold":
                shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(site / "site", ignore_errors=True)
            run = measure([str(BIN / "mkdocs"), "build"], site)
            if run.returncode != 0:
                raise SystemExit(f"the build failed:\n{run.output}")
            times[kind].append(run.seconds)
    off = min(times["off"])
    print(f"mkdocs build of {site.name}, {runs} run(s) each, min (median):")
    for kind, label in (("off", "cards off"), ("cold", "cards, empty cache"), ("warm", "cards, warm cache")):
        print(f"  {label:20} {min(times[kind]):6.1f} s ({statistics.median(times[kind]):.1f} s)  "
              f"ratio {min(times[kind]) / off:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=10000)
    parser.add_argument("--samples", type=int, default=1000, help="cards drawn one by one for the cold figure")
    parser.add_argument("--build", action="store_true", help="also time mkdocs build with cards off, cold and warm")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work here and keep it (default: a temporary folder)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="termsite-cards-bench-"))
    site = work / f"synth-{args.terms}"
    synth(site, args.terms, args.seed)
    cards_only(site, work, args.samples)
    if args.build:
        builds(site, args.runs)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
