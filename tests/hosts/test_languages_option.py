"""The plugin option `languages`: checked like MkDocs' own options, and the build checks every translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_AREA, MINIMAL_TERM, make_site, mkdocs_build

FILES = {"areas/liquidation.yml": MINIMAL_AREA, "terms/mark-price.yml": MINIMAL_TERM}
GERMAN = "title: Markpreis\nsummary: Der faire Preis.\nsource_modified: 2026-01-01T00:00:00+00:00\n"


def test_a_site_with_translations_builds(tmp_path: Path) -> None:
    site = make_site(tmp_path, {**FILES, "i18n/de/terms/mark-price.yml": GERMAN},
                     plugin_options={"languages": ["en", "de"]})
    result = mkdocs_build(site)
    assert result.returncode == 0, result.stderr


def test_a_mistake_in_a_translation_stops_the_build_with_its_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, {**FILES, "i18n/de/terms/mark-price.yml": GERMAN.replace("summary:", "sumary:")},
                     plugin_options={"languages": ["en", "de"]})
    result = mkdocs_build(site)
    assert result.returncode == 1
    assert "content/i18n/de/terms/mark-price.yml:2:1: error[unknown-key] sumary: 'sumary' is not a known field " \
           "(did you mean 'summary'?)" in result.stderr
    assert not (site / "site").exists()


@pytest.mark.parametrize(("options", "message"), [
    ({"languages": ["en", "xx"]},
     "languages[2]: 'xx' in 'xx' is not a registered language subtag (IANA's registry has no such language)."),
    ({"language": "de", "languages": ["en", "de"]},
     "language: 'de' is not the first of languages (en, de); the first language is the source language"),
    ({"languages": ["en", "en_GB"]},
     "languages[2]: 'en_GB' is not a BCP 47 language tag (subtags are joined with '-'); write 'en-GB'."),
])
def test_unusable_language_options_stop_the_build(tmp_path: Path, options: dict, message: str) -> None:
    site = make_site(tmp_path, FILES, plugin_options=options)
    result = mkdocs_build(site)
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
