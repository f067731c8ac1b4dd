"""The published JSON Schemas: generated from the model, up to date, referenced by every content file,
accepting all of content/ and rejecting the mistakes contributors make."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from termsite.content.loader import ContentLayout
from termsite.authoring.schema import SCHEMA_COMMENT_PREFIX, SCHEMAS, known_values, render_schemas, schema_of

from conftest import ROOT, termsite

CONTENT = ROOT / "content"
SCHEMAS_DIR = ROOT / "schemas"


def load_yaml(text: str) -> Any:
    """What an editor's YAML support sees: safe_load, with timestamps back as the ISO strings they were."""
    def iso(value: Any) -> Any:
        if isinstance(value, (datetime.datetime, datetime.date)):
            return value.isoformat()
        if isinstance(value, dict):
            return {key: iso(item) for key, item in value.items()}
        if isinstance(value, list):
            return [iso(item) for item in value]
        return value

    return iso(yaml.safe_load(text))


def validator(name: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMAS_DIR / name).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def content_files() -> list[Path]:
    return sorted(p for p in CONTENT.rglob("*.yml"))


def test_the_committed_schemas_are_up_to_date() -> None:
    expected = render_schemas(known_values(ContentLayout(CONTENT)))
    actual = {path.name: path.read_text(encoding="utf-8") for path in SCHEMAS_DIR.glob("*.json")}
    assert actual == expected, "run `termsite schema` and commit schemas/"
    assert termsite(["schema", "--check"], ROOT).returncode == 0


def test_the_schemas_come_from_the_loaders_model() -> None:
    term = validator("term.schema.json").schema
    from termsite.content.model import TERM
    assert list(term["properties"]) == list(TERM.names)
    assert term["required"] == ["title", "summary", "areas"]
    assert term["additionalProperties"] is False


@pytest.mark.parametrize("path", content_files(), ids=lambda p: str(p.relative_to(CONTENT)))
def test_every_content_file_names_its_schema_on_its_first_line_and_passes_it(path: Path) -> None:
    schema = schema_of(CONTENT, path)
    assert schema is not None
    text = path.read_text(encoding="utf-8")
    first_line = text.splitlines()[0]
    assert first_line.startswith(SCHEMA_COMMENT_PREFIX)
    referenced = (path.parent / first_line[len(SCHEMA_COMMENT_PREFIX):]).resolve()
    assert referenced == (SCHEMAS_DIR / schema.file_name).resolve()
    errors = [error.message for error in validator(schema.file_name).iter_errors(load_yaml(text))]
    assert errors == []


def test_every_schema_is_published() -> None:
    assert sorted(p.name for p in SCHEMAS_DIR.glob("*.json")) == sorted(s.file_name for s in SCHEMAS)


GOOD_TERM = """\
title: Mark Price
summary: The fair reference price used to value positions.
aliases: [fair price]
areas: [market-data-and-pricing]
published: 2026-02-03T09:00:00+00:00
modified: 2026-05-12T14:30:00+00:00
"""

MISTAKES = {
    "a typo'd key": (GOOD_TERM + "sumary: x\n", "Additional properties are not allowed ('sumary' was unexpected)"),
    "a date without offset": (GOOD_TERM.replace("09:00:00+00:00", "09:00:00"), "does not match"),
    "a date in another format": (GOOD_TERM.replace("2026-02-03T09:00:00+00:00", "03/02/2026"), "does not match"),
    "a number as the title": (GOOD_TERM.replace("title: Mark Price", "title: 42"), "42 is not of type 'string'"),
    "text where a list goes": (GOOD_TERM.replace("aliases: [fair price]", "aliases: fair price"),
                               "'fair price' is not of type 'array', 'null'"),
    "a typo'd area": (GOOD_TERM.replace("market-data-and-pricing", "market-data-and-prcing"), "is not one of"),
    "a duplicate alias": (GOOD_TERM.replace("[fair price]", "[fair price, fair price]"), "has non-unique elements"),
    "a missing summary": (GOOD_TERM.replace("summary: The fair reference price used to value positions.\n", ""),
                          "'summary' is a required property"),
    "a bad slug": (GOOD_TERM + "related: [Mark Price]\n", "does not match"),
}


def test_a_good_term_passes() -> None:
    assert list(validator("term.schema.json").iter_errors(load_yaml(GOOD_TERM))) == []


@pytest.mark.parametrize("case", list(MISTAKES), ids=list(MISTAKES))
def test_the_schema_rejects_each_mistake(case: str) -> None:
    text, expected = MISTAKES[case]
    messages = [error.message for error in validator("term.schema.json").iter_errors(load_yaml(text))]
    assert len(messages) == 1 and expected in messages[0], messages


def test_an_empty_list_field_is_accepted_as_the_loader_accepts_it() -> None:
    assert list(validator("term.schema.json").iter_errors(load_yaml(GOOD_TERM + "related:\n"))) == []


def test_the_area_faq_takes_an_aspect_or_a_question_not_both() -> None:
    area = validator("area.schema.json")
    good = "title: Pricing\ndescription: Prices.\nfaq:\n  - aspect: Purpose\n    answer: A.\n"
    assert list(area.iter_errors(load_yaml(good))) == []
    both = good.replace("    answer", "    question: Why?\n    answer")
    assert list(area.iter_errors(load_yaml(both)))


def test_authors_and_redirects() -> None:
    authors = validator("authors.schema.json")
    assert list(authors.iter_errors(load_yaml("ana:\n  name: Ana\n  url: https://example.org/ana\n"))) == []
    assert list(authors.iter_errors(load_yaml("ana:\n  name: Ana\n  homepage: https://example.org/\n")))
    redirects = validator("redirects.schema.json")
    assert list(redirects.iter_errors(load_yaml("old-slug: new-slug\n"))) == []
    assert list(redirects.iter_errors(load_yaml("Old Slug: new-slug\n")))


def test_schema_check_reports_a_stale_folder(tmp_path: Path) -> None:
    stale = tmp_path / "schemas"
    stale.mkdir()
    for name, text in render_schemas({}).items():  # without the site's areas and authors
        (stale / name).write_text(text, encoding="utf-8")
    result = termsite(["schema", "--check", "--out", str(stale)], ROOT)
    assert result.returncode == 1
    assert "term.schema.json: the schema is missing or out of date" in result.stdout
