"""The words of the generated pages: shipped per language, English where a language has none."""

from __future__ import annotations

import yaml

from conftest import ROOT
from termsite.site.labels import LabelSet, placeholders, shipped, shipped_languages

LABELS = ROOT / "tools/termsite/site/labels"


def test_every_shipped_language_has_every_label_with_the_same_placeholders() -> None:
    reference = yaml.safe_load((LABELS / "en.yml").read_text(encoding="utf-8"))
    assert "en" in shipped_languages()
    for language in shipped_languages():
        labels = shipped(language)
        assert set(labels) == set(reference), language
        wrong = {key: text for key, text in labels.items() if placeholders(text) != placeholders(reference[key])}
        assert wrong == {}, language


def test_a_language_without_labels_falls_back_to_english_label_by_label() -> None:
    labels = LabelSet("xx", {"home": "Start"})
    assert labels.home == "Start" and labels["related"] == "Related terms"
    assert labels.count(1) == "1 term" and labels.count(3) == "3 terms"
    assert labels.format("page_number", number=2) == "Page 2"
    assert LabelSet("en-GB").definition == "Definition"
