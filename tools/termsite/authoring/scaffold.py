"""New term and area files, ready to fill in: every field present, each explained by a comment.

The comments come from the field descriptions in :mod:`termsite.content.model` (the ones the JSON
Schema shows in editors), followed by a writing hint. Optional fields are written empty
(``aliases: []``) or commented out (``image``, ``status``), so that the new file passes
``termsite lint`` with no warning as it is, and the contributor only has to replace the
two placeholder texts. Fields are in the canonical order that the linter expects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import yaml

from termsite.content.fields import Record
from termsite.content.model import AREA, TERM

# The scaffold's placeholder texts start with this, so that reviews (and `termsite diff`) can spot them.
PLACEHOLDER = "Replace this"

# How to fill each field in: advice for writers, beyond what the field is (which the model says).
_HINTS = {
    "summary": "At most 160 characters, ending with a full stop.",
    "description": "At most 160 characters, ending with a full stop.",
    "aliases": "Example: [LC, cascading liquidations]",
    "areas": "List the main area first.",
    "related": "Two to five is a good number. Example: [mark-price, index-price]",
    "body": "Use ## headings, lists and tables; no raw HTML.",
    "intro": "Roughly 80 to 200 words.",
    "published": "Keep it when you edit the file later.",
    "modified": "Update it when you change the meaning, not for typos.",
}


@dataclass(frozen=True)
class NewTerm:
    title: str
    slug: str
    areas: list[str]
    related: list[str]
    author: str  # '' leaves the field out: the site's default author applies
    now: datetime
    schema_comment: str = ""  # the first line, when the repository publishes schemas


@dataclass(frozen=True)
class NewArea:
    title: str
    slug: str
    now: datetime
    schema_comment: str = ""


def yaml_text(value: str) -> str:
    """A single-line YAML scalar that reads back as ``value``: plain when safe, else double-quoted."""
    plain_ok = value == value.strip() and "\n" not in value and "#" not in value
    if plain_ok:
        try:
            plain_ok = yaml.safe_load(f"k: {value}") == {"k": value}
        except yaml.YAMLError:
            plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)  # JSON strings are YAML scalars


def _flow_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _explain(record: Record, name: str, extra: str = "") -> list[str]:
    spec = next(spec for spec in record.fields if spec.name == name)
    description = spec.type.description.rstrip(".")
    # "(optional)" too, so that an explanation never reads as a commented-out field
    required = "required" if spec.required else "optional"
    lines = [f"# {name} ({required}): {description}."]
    hint = " ".join(part for part in (_HINTS.get(name, ""), extra) if part)
    if hint:
        lines.append(f"#   {hint}")
    return lines


def _date(now: datetime) -> str:
    return now.replace(microsecond=0).isoformat()


def term_text(term: NewTerm) -> str:
    t = TERM
    header = [term.schema_comment] if term.schema_comment else []
    main_area = term.areas[0]
    lines = header + [
        f"# A glossary term. The file name is its slug and its address: /definition/{term.slug}/.",
        "# Each field is explained in the comments above it. Check your edits with `termsite lint`;",
        "# the full reference is docs/content-format.md.",
        "",
        *_explain(t, "title"),
        f"title: {yaml_text(term.title)}",
        *_explain(t, "summary"),
        f"summary: {PLACEHOLDER} with a one-sentence definition of the term.",
        *_explain(t, "aliases"),
        "aliases: []",
        *_explain(t, "areas"),
        f"areas: {_flow_list(term.areas)}",
        *_explain(t, "related"),
        f"related: {_flow_list(term.related)}",
        *_explain(t, "status"),
        *_explain(t, "replaced_by", "To retire this term, uncomment these two lines:"),
        "# status: deprecated",
        "# replaced_by: other-term-slug",
        *_explain(t, "body"),
        "body: |",
        f"  {PLACEHOLDER} paragraph with the definition: what the term means, how it works and a worked",
        "  example. Link another term with its slug in double square brackets, like `[[mark-price]]`, or",
        "  with your own text, like `[[mark-price|the mark]]`.",
        *_explain(t, "faq", "Add entries like:"),
        "#   - question: How is it calculated?",
        "#     answer: One to four sentences of Markdown.",
        "faq: []",
        *_explain(t, "sources", "Add one to three stable public pages, like:"),
        "#   - title: Title of the cited page",
        "#     url: https://example.org/stable-page",
        "sources: []",
        *_explain(t, "image", "To add one, uncomment these lines:"),
        "# image:",
        f"#   url: images/{main_area}.svg",
        "#   width: 1200",
        "#   height: 630",
        "#   caption: What the image shows, in one line.",
        *_explain(t, "author"),
        f"author: {term.author}" if term.author else "# author: editors",
        *_explain(t, "published"),
        f"published: {_date(term.now)}",
        *_explain(t, "modified"),
        f"modified: {_date(term.now)}",
    ]
    return "\n".join(lines) + "\n"


def area_text(area: NewArea) -> str:
    a = AREA
    header = [area.schema_comment] if area.schema_comment else []
    lines = header + [
        f"# A subject area: a hub page at /area/{area.slug}/ that lists its terms.",
        "# A term joins the area by naming it in its `areas`. Check your edits with `termsite lint`;",
        "# the full reference is docs/content-format.md.",
        "",
        *_explain(a, "title"),
        f"title: {yaml_text(area.title)}",
        *_explain(a, "description"),
        f"description: {PLACEHOLDER} with one sentence that says what the area covers.",
        *_explain(a, "intro"),
        "intro: |",
        f"  {PLACEHOLDER} paragraph with an introduction to the area. Link its terms with their slugs in",
        "  double square brackets, like `[[mark-price]]`.",
        *_explain(a, "faq", "Entries in the aspect form are asked as 'What is the <aspect> of <area title>?'; "
                            "free questions look like:"),
        "#   - question: Who uses it?",
        "#     answer: One to four sentences of Markdown.",
        # An area page is expected to carry an FAQ (`termsite check` requires its FAQPage), so start one.
        "faq:",
        "  - aspect: Purpose",
        f"    answer: {PLACEHOLDER} with one to four sentences on what the area is for.",
        *_explain(a, "terms", "Leave it out to list the terms alphabetically; to set an order, uncomment:"),
        "# terms: [first-term, second-term]",
        *_explain(a, "image", "To add one, uncomment these lines:"),
        "# image:",
        f"#   url: images/{area.slug}.svg",
        "#   width: 1200",
        "#   height: 630",
        "#   caption: What the image shows, in one line.",
        *_explain(a, "published"),
        f"published: {_date(area.now)}",
        *_explain(a, "modified"),
        f"modified: {_date(area.now)}",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class NewTranslation:
    """A translation to start: the source entry's translatable values, copied as the text to translate."""

    kind: str  # 'term' or 'area'
    slug: str
    language: str
    language_name: str  # the language's name in itself, when termsite knows it ('Deutsch'), else ''
    source_language: str
    source_path: str  # the source file, as a contributor types it
    values: dict[str, Any]  # the translatable fields of the source, with source_modified
    schema_comment: str = ""


def translation_text(new: NewTranslation) -> str:
    """A translation file: every translatable field of the source, explained, in the canonical order."""
    from termsite.authoring.yamlwriter import dump_record
    from termsite.content.model import AREA_TRANSLATION, TERM_TRANSLATION

    record = TERM_TRANSLATION if new.kind == "term" else AREA_TRANSLATION
    named = f"{new.language_name} ({new.language})" if new.language_name else new.language
    header = [new.schema_comment] if new.schema_comment else []
    lines = header + [
        f"# The {named} translation of the {new.kind} {new.source_path}.",
        f"# Translate each text below from the source language ({new.source_language}) into {named}. Keep",
        "# [[slug]] references as they are (they name terms by their source slugs), and keep source_modified:",
        "# it says which version of the source this translation follows. Check it with `termsite lint`;",
        "# the workflow is in docs/translations.md.",
        "",
    ]
    for spec in record.fields:
        value = new.values.get(spec.name)
        if spec.name == "modified":
            lines += _explain(record, "modified")
            lines.append(f"# modified: {new.values['source_modified']}")
            continue
        if value in (None, "", [], {}):
            if spec.name in ("aliases", "faq"):
                lines += _explain(record, spec.name)
                lines.append(f"{spec.name}: []")
            continue  # the source has nothing to translate there
        lines += _explain(record, spec.name)
        lines += dump_record({spec.name: value}, record).rstrip("\n").split("\n")
    return "\n".join(lines) + "\n"
