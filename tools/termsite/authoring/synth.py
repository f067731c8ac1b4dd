"""A reproducible synthetic glossary in termsite's content format, for benchmarks.

Sizes follow real reference glossaries: bodies of 150–400 words with explicit references
and plain mentions of other terms, FAQ on a third of the terms and on every area,
aliases, images and authors. The same seed always gives the same files.
"""

from __future__ import annotations

import json
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

_QUALIFIERS = [
    "adjusted", "blended", "cross", "dynamic", "effective", "forward", "implied", "incremental", "isolated",
    "marginal", "net", "nominal", "notional", "rolling", "settled", "spot", "synthetic", "tiered", "unrealized",
    "weighted", "residual", "gross", "realized", "capped", "floating", "fixed", "partial", "deferred", "hedged",
    "inverse", "linear", "quoted", "reference", "composite", "standard",
]
_SUBJECTS = [
    "basis", "collateral", "delta", "exposure", "funding", "gamma", "haircut", "index", "leverage", "liquidity",
    "margin", "mark", "premium", "position", "rebate", "settlement", "skew", "spread", "strike", "theta", "vega",
    "volatility", "yield", "carry", "drawdown", "hedge", "insurance", "open interest", "order", "price",
]
_OBJECTS = [
    "ratio", "rate", "buffer", "curve", "limit", "model", "schedule", "threshold", "band", "cap", "floor",
    "window", "tier", "factor", "engine", "protocol", "fund", "cascade", "auction", "call", "offset", "split",
]
_FILLER = (
    "Traders watch this quantity closely because it changes how much collateral a position needs and when the "
    "exchange steps in. It is computed from observable market data at a fixed interval and published with every "
    "account update. When markets move quickly the value can change faster than most participants react, so "
    "risk teams set alerts well before the limit. The definition differs slightly between venues, which matters "
    "when positions are hedged across several of them. Clearing members report it daily and auditors reconcile "
    "it against the ledger at the end of each period."
).split(". ")


@dataclass(frozen=True)
class SynthOptions:
    terms: int
    areas: int = 0  # 0: one area per 200 terms, at least 5
    seed: int = 1

    @property
    def area_count(self) -> int:
        return self.areas or max(5, self.terms // 200)


def _title_case(words: str) -> str:
    return " ".join(w.capitalize() for w in words.split())


def _unique_titles(count: int, rng: random.Random) -> list[str]:
    titles: list[str] = []
    seen: set[str] = set()
    serial = 0
    while len(titles) < count:
        words = f"{rng.choice(_QUALIFIERS)} {rng.choice(_SUBJECTS)} {rng.choice(_OBJECTS)}"
        if words in seen:
            serial += 1
            words = f"{words} {serial}"
        seen.add(words)
        titles.append(_title_case(words))
    return titles


def _slug(title: str) -> str:
    return "-".join(title.lower().split())


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _block(text: str) -> str:
    return "|\n" + textwrap.indent(text.strip("\n"), "  ") + "\n"


def generate(options: SynthOptions, out: Path) -> tuple[int, int]:
    """Write content/ and mkdocs.yml under ``out``; return (terms, areas) written."""
    rng = random.Random(options.seed)
    titles = _unique_titles(options.terms, rng)
    slugs = [_slug(t) for t in titles]
    area_titles = [f"Area {i + 1:03d} {_title_case(rng.choice(_SUBJECTS))}" for i in range(options.area_count)]
    area_slugs = [_slug(t) for t in area_titles]
    members: dict[str, list[str]] = {slug: [] for slug in area_slugs}

    content = out / "content"
    (content / "terms").mkdir(parents=True, exist_ok=True)
    (content / "areas").mkdir(parents=True, exist_ok=True)
    (content / "authors.yml").write_text(
        "".join(f"author-{i}:\n  name: Author {i}\n  url: https://synth.termsite.example/about/\n" for i in range(1, 6)),
        encoding="utf-8")
    used_aliases: set[str] = {t.casefold() for t in titles}

    for index, (title, slug) in enumerate(zip(titles, slugs)):
        area = area_slugs[index % len(area_slugs)]
        areas = [area]
        if rng.random() < 0.15:
            other = rng.choice(area_slugs)
            if other != area:
                areas.append(other)
        for a in areas:
            members[a].append(slug)
        others = rng.sample(range(len(titles)), k=min(8, len(titles)))
        others = [o for o in others if o != index][:7]
        references = [slugs[o] for o in others[:3]]
        mentions = [titles[o].lower() for o in others[3:6]]
        related = sorted({slugs[o] for o in others[:2]})
        words_target = rng.randint(150, 400)
        sentences: list[str] = []
        words = 0
        while words < words_target:
            sentence = rng.choice(_FILLER).strip().rstrip(".") + "."
            if references and rng.random() < 0.2:
                sentence += f" See [[{references.pop()}]] for the related mechanism."
            elif mentions and rng.random() < 0.2:
                sentence += f" It interacts with the {mentions.pop()} during stress."
            sentences.append(sentence)
            words += len(sentence.split())
        sentences += [f"See [[{r}]]." for r in references] + [f"Compare the {m}." for m in mentions]
        paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
        body = "\n\n".join(textwrap.fill(p, 100) for p in paragraphs)
        initials = "".join(w[0] for w in title.split() if w[0].isalpha()).upper()
        aliases = []
        if len(initials) >= 2 and initials.casefold() not in used_aliases and rng.random() < 0.5:
            aliases.append(initials)
            used_aliases.add(initials.casefold())
        month = 1 + index % 9
        lines = [
            f"title: {_q(title)}",
            f"summary: {_q(f'The {title.lower()} is a synthetic measure used to benchmark glossary builds.')}",
        ]
        if aliases:
            lines.append(f"aliases: [{', '.join(_q(a) for a in aliases)}]")
        lines.append(f"areas: [{', '.join(areas)}]")
        lines.append(f"related: [{', '.join(related)}]")
        lines.append("body: " + _block(body).rstrip("\n"))
        if index % 3 == 0:
            lines.append("faq:")
            lines.append(f"  - question: {_q(f'How is the {title.lower()} measured?')}")
            lines.append(f"    answer: {_q('From market data at a fixed interval, as described above.')}")
        lines += [
            "image:",
            f"  url: images/{area}.svg",
            "  width: 1200",
            "  height: 630",
            f"  caption: {_q(f'Illustration of the {title.lower()}.')}",
            f"author: author-{1 + index % 5}",
            f"published: 2026-{month:02d}-01T09:00:00+00:00",
            f"modified: 2026-{month:02d}-15T09:00:00+00:00",
        ]
        (content / "terms" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    images = out / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    for area_title, area_slug in zip(area_titles, area_slugs):
        faq = "".join(f"  - aspect: {aspect}\n    answer: {_q(f'The {aspect.lower()} of {area_title} in brief.')}\n"
                      for aspect in ("Trigger", "Process", "Consequence"))
        (content / "areas" / f"{area_slug}.yml").write_text(
            f"title: {_q(area_title)}\n"
            f"description: {_q(f'Synthetic subject area {area_title} for benchmarks.')}\n"
            f"intro: {_q('An area of the synthetic glossary, listing its terms.')}\n"
            f"faq:\n{faq}"
            f"image:\n  url: images/{area_slug}.svg\n  width: 1200\n  height: 630\n  caption: {_q(area_title)}\n"
            "published: 2026-01-01T09:00:00+00:00\nmodified: 2026-01-02T09:00:00+00:00\n",
            encoding="utf-8")
        (images / f"{area_slug}.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 630"><rect width="1200" height="630" '
            'fill="#3f51b5"/></svg>\n', encoding="utf-8")
    (out / "docs" / "about.md").write_text("# About\n\nA synthetic glossary for benchmarks.\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text(textwrap.dedent("""\
        site_name: Synthetic glossary
        site_url: https://synth.termsite.example/
        docs_dir: docs
        theme:
          name: material
          features:
            - content.tooltips
        nav:
          - Home: index.md
          - Areas: area/index.md
          - A–Z: definition/index.md
          - About: about.md
        plugins:
          - search
          - termsite:
              default_author: author-1
              publisher:
                name: Synthetic publisher
        """), encoding="utf-8")
    return len(titles), len(area_titles)
