"""Translations in content/i18n/<lang>/: loaded as strictly as the source, checked against it, and in_language()."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from termsite.content.languages import LanguageError, SiteLanguages, language_problem, page_language
from termsite.content.loader import check_content, load_glossary
from termsite.content.model import Image, in_language
from termsite.problems import ContentError

from conftest import write_glossary

AREA = """\
title: Liquidation
description: How positions are closed when margin runs out.
intro: Positions close when [[mark-price]] falls.
image: {url: https://example.org/liquidation.png, width: 1200, height: 630, caption: A falling balance}
modified: 2026-03-01T09:00:00+00:00
"""
MARK = """\
title: Mark Price
summary: The fair reference price used to value positions.
aliases: [MP]
areas: [liquidation]
body: Used instead of the last trade.
modified: 2026-03-01T09:00:00+00:00
"""
ZETA = "title: Zeta Margin\nsummary: A margin.\nareas: [liquidation]\n"
ALPHA = "title: Alpha Buffer\nsummary: A buffer.\nareas: [liquidation]\n"
DE_MARK = """\
title: Markpreis
summary: Der faire Referenzpreis zur Bewertung von Positionen.
aliases: [MP, Marktpreis]
body: Statt des letzten Handelspreises; siehe [[zeta]].
faq:
  - question: Wozu dient er?
    answer: Er verhindert Liquidationen durch Ausreißer.
source_modified: 2026-03-01T09:00:00+00:00
"""
DE_AREA = """\
title: Liquidation
description: Wie Positionen geschlossen werden, wenn die Margin nicht reicht.
faq:
  - aspect: Auslöser
    answer: Ein Kursrückgang.
image: {caption: Ein fallender Kontostand}
source_modified: 2026-03-01T09:00:00+00:00
modified: 2026-04-02T10:00:00+00:00
"""
LANGUAGES = ("en", "de", "es")


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # paths in messages as a contributor in the site's folder sees them


def source(**extra: str) -> dict[str, str]:
    return {"areas/liquidation.yml": AREA, "terms/mark-price.yml": MARK, "terms/zeta.yml": ZETA,
            "terms/alpha.yml": ALPHA, **extra}


def problems_of(tmp_path: Path, files: dict[str, str], languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    write_glossary(tmp_path, files)
    _, problems = check_content(Path("content"), languages=languages)
    return [p.format() for p in problems]


def test_translations_load_by_language_with_their_values(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, source(**{"i18n/de/terms/mark-price.yml": DE_MARK,
                                                 "i18n/de/areas/liquidation.yml": DE_AREA,
                                                 "i18n/de/site.yml": "site_name: Beispielglossar\n"
                                                                     "labels:\n  home: Startseite\n"}))
    glossary = load_glossary(content, languages=LANGUAGES)
    assert glossary.languages == LANGUAGES and glossary.source_language == "en"
    assert sorted(glossary.translations) == ["de", "es"]
    de = glossary.translations["de"]
    mark = de.terms["mark-price"]
    assert (mark.title, mark.aliases, mark.language) == ("Markpreis", ["MP", "Marktpreis"], "de")
    assert mark.source_modified == datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    assert mark.modified is None and mark.path.endswith("content/i18n/de/terms/mark-price.yml")
    assert [(f.question, f.answer) for f in mark.faq] == [("Wozu dient er?", "Er verhindert Liquidationen durch "
                                                                              "Ausreißer.")]
    area = de.areas["liquidation"]
    assert (area.image_caption, area.faq[0].aspect, area.intro) == ("Ein fallender Kontostand", "Auslöser", "")
    assert (de.site.site_name, de.site.labels) == ("Beispielglossar", {"home": "Startseite"})
    assert glossary.translations["es"].terms == {} and glossary.translations["es"].site is None
    # the source is as it was, in no language of its own
    assert glossary.terms["mark-price"].title == "Mark Price" and glossary.terms["mark-price"].language == ""


def test_in_language_puts_the_translated_fields_in_place_and_keeps_the_rest(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, source(**{
        "i18n/de/terms/mark-price.yml": DE_MARK, "i18n/de/areas/liquidation.yml": DE_AREA,
        # sorts first in German by its translated title, last in English
        "i18n/de/terms/zeta.yml": "title: Ärger-Marge\nsummary: Eine Marge.\nsource_modified: 2026-01-01T00:00:00Z\n"}))
    glossary = load_glossary(content, languages=LANGUAGES)
    german = in_language(glossary, "de")
    mark = german.terms["mark-price"]
    assert (mark.title, mark.summary, mark.aliases, mark.body) == (
        "Markpreis", "Der faire Referenzpreis zur Bewertung von Positionen.", ["MP", "Marktpreis"],
        "Statt des letzten Handelspreises; siehe [[zeta]].")
    assert (mark.language, mark.areas, mark.modified) == ("de", ["liquidation"], glossary.terms["mark-price"].modified)
    assert mark.path == glossary.translations["de"].terms["mark-price"].path
    zeta = german.terms["zeta"]
    assert (zeta.title, zeta.body, zeta.faq, zeta.aliases) == ("Ärger-Marge", "", [], [])
    # an entry without a translation is the source's own object, unchanged
    assert german.terms["alpha"] is glossary.terms["alpha"] and german.terms["alpha"].language == ""
    area = german.areas["liquidation"]
    assert (area.title, area.intro, area.language) == ("Liquidation", "", "de")
    assert area.image == Image("https://example.org/liquidation.png", 1200, 630, "Ein fallender Kontostand")
    assert area.modified == datetime(2026, 4, 2, 10, tzinfo=timezone.utc)  # the translation's own
    assert [t.title for t in german.area_members["liquidation"]] == ["Alpha Buffer", "Ärger-Marge", "Markpreis"]
    assert [t.title for t in glossary.area_members["liquidation"]] == ["Alpha Buffer", "Mark Price", "Zeta Margin"]
    assert [t.slug for t in german.sorted_terms()] == ["alpha", "zeta", "mark-price"]
    assert german.language == "de" and german.translations is glossary.translations
    # the source glossary is untouched, and is its own view in the source language
    assert glossary.terms["zeta"].title == "Zeta Margin" and in_language(glossary, "en") is glossary
    spanish = in_language(glossary, "es")
    assert spanish.terms == glossary.terms and [t.slug for t in spanish.area_members["liquidation"]] == \
        ["alpha", "mark-price", "zeta"]
    with pytest.raises(ValueError, match="'fr' is not one of the site's languages"):
        in_language(glossary, "fr")


def test_without_languages_the_translation_folder_is_not_read(tmp_path: Path) -> None:
    content = write_glossary(tmp_path, source(**{"i18n/de/terms/nothing.yml": "- not even a mapping\n"}))
    glossary = load_glossary(content)
    assert glossary.translations == {} and glossary.languages == ()


MISTAKES = {
    "a translation of no term, with a did-you-mean": (
        {"i18n/de/terms/mark-prices.yml": DE_MARK},
        "content/i18n/de/terms/mark-prices.yml:1:1: error[unknown-source] there is no term 'mark-prices' in "
        "content/terms/ (did you mean 'mark-price'?); a translation's file name is the slug of the term it translates."),
    "a translation of a renamed term": (
        {"redirects.yml": "old-mark: mark-price\n", "i18n/de/terms/old-mark.yml": DE_MARK},
        "content/i18n/de/terms/old-mark.yml:1:1: error[unknown-source] there is no term 'old-mark' in content/terms/; "
        "it was renamed to 'mark-price', so rename this file to mark-price.yml; a translation's file name is the "
        "slug of the term it translates."),
    "a language the site does not have": (
        {"i18n/fr/terms/mark-price.yml": DE_MARK},
        "content/i18n/fr:1:1: error[unknown-language] 'fr' is not one of the site's languages; add it to the termsite "
        "plugin option `languages` in mkdocs.yml (now: [en, de, es]) or rename the folder."),
    "a language folder in the wrong case": (
        {"i18n/DE/terms/mark-price.yml": DE_MARK},
        "content/i18n/DE:1:1: error[unknown-language] 'DE' is not one of the site's languages (did you mean 'de'?); "
        "add it to the termsite plugin option `languages` in mkdocs.yml (now: [en, de, es]) or rename the folder."),
    "the source language as a translation": (
        {"i18n/en/terms/mark-price.yml": DE_MARK},
        "content/i18n/en:1:1: error[unknown-language] 'en' is the source language (the first of the plugin option "
        "`languages`: en, de, es); its content is in terms/ and areas/, not in a translation folder."),
    "a file beside the language folders": (
        {"i18n/de.yml": "title: x\n"},
        "content/i18n/de.yml:1:1: error[misplaced-file] content/i18n/ holds one folder per language (de/, es/); move "
        "this file into the folder of its language."),
    "a term file straight in the language folder": (
        {"i18n/de/mark-price.yml": DE_MARK},
        "content/i18n/de/mark-price.yml:1:1: error[misplaced-file] a language folder holds terms/, areas/ and site.yml "
        "only; move or remove it."),
    "a source-only field in a translation": (
        {"i18n/de/terms/mark-price.yml": DE_MARK + "areas: [liquidation]\n"},
        "content/i18n/de/terms/mark-price.yml:9:1: error[unknown-key] areas: 'areas' is not a known field; expected "
        "one of: title, summary, aliases, body, faq, image, source_modified, modified."),
    "no source_modified": (
        {"i18n/de/terms/mark-price.yml": DE_MARK.replace("source_modified: 2026-03-01T09:00:00+00:00\n", "")},
        "content/i18n/de/terms/mark-price.yml:1:1: error[missing-field] source_modified: the required field "
        "'source_modified' is missing."),
    "a date without offset": (
        {"i18n/de/terms/mark-price.yml": DE_MARK.replace("09:00:00+00:00", "09:00:00")},
        "content/i18n/de/terms/mark-price.yml:8:18: error[bad-date] source_modified: '2026-03-01T09:00:00' has no UTC "
        "offset; write it like 2026-03-01T09:00:00+00:00."),
    "an image with more than its caption": (
        {"i18n/de/areas/liquidation.yml": DE_AREA.replace("{caption:", "{url: x.png, caption:")},
        "content/i18n/de/areas/liquidation.yml:6:9: error[unknown-key] image.url: 'url' is not a known field; "
        "expected one of: caption."),
    "a reference to no term": (
        {"i18n/de/terms/mark-price.yml": DE_MARK.replace("[[zeta]]", "[[zetta]]")},
        "content/i18n/de/terms/mark-price.yml:4:1: error[unknown-reference] body: '[[zetta]]' refers to unknown term "
        "'zetta' (did you mean 'zeta'?); references in translations name the source term's slug."),
    "a title two translations share, in another case": (
        {"i18n/de/terms/mark-price.yml": DE_MARK,
         "i18n/de/terms/zeta.yml": "title: markpreis\nsummary: Z.\nsource_modified: 2026-01-01T00:00:00Z\n"},
        "content/i18n/de/terms/zeta.yml:1:1: error[duplicate-name] title: 'markpreis' is already the title of "
        "'mark-price' in de (content/i18n/de/terms/mark-price.yml); names must be unique in a language so that its "
        "links and search are unambiguous."),
    "an alias that is the source name of an untranslated term": (
        {"i18n/de/terms/mark-price.yml": DE_MARK.replace("Marktpreis", "Zeta Margin")},
        "content/i18n/de/terms/mark-price.yml:3:1: error[duplicate-name] aliases: 'Zeta Margin' is already the title "
        "of 'zeta' (content/terms/zeta.yml), which has no de translation yet; names must be unique in a language so "
        "that its links and search are unambiguous."),
    "a label that loses a placeholder": (
        {"i18n/de/site.yml": "labels:\n  faq_aspect: Was ist der {aspekt} von {area}?\n"},
        "content/i18n/de/site.yml:2:15: error[label-placeholders] labels.faq_aspect: the label leaves out {aspect} and "
        "has {aspekt}, which termsite does not fill in; keep exactly {area}, {aspect}, as in the English label (the "
        "words around them are yours)."),
    "a label termsite does not have": (
        {"i18n/de/site.yml": "labels:\n  hme: Startseite\n"},
        "content/i18n/de/site.yml:2:3: error[unknown-key] labels.hme: 'hme' is not a known field (did you mean "
        "'home'?); expected one of: "),
    "markup in a label": (
        {"i18n/de/site.yml": "labels:\n  home: <b>Start</b>\n"},
        "content/i18n/de/site.yml:2:9: error[markup-in-text] labels.home: contains '<b>Start</b>', which browsers read "
        "as HTML; plain-text fields cannot hold markup, so write it without '<' or put a space after it."),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_mistake_in_a_translation_is_one_precise_problem(tmp_path: Path, name: str) -> None:
    files, expected = MISTAKES[name]
    found = problems_of(tmp_path, source(**files))
    assert len(found) == 1, found
    assert found[0].startswith(expected)


def test_a_caption_for_an_image_the_source_lacks_is_a_warning(tmp_path: Path) -> None:
    found = problems_of(tmp_path, source(**{"i18n/de/terms/mark-price.yml": DE_MARK + "image: {caption: Bild}\n"}))
    assert found == ["content/i18n/de/terms/mark-price.yml:9:1: warning[no-source-image] image: the source term "
                     "(content/terms/mark-price.yml) has no image, so this caption is not shown; remove it or add the "
                     "image to the source."]


def test_every_problem_of_every_file_is_reported_in_one_run(tmp_path: Path) -> None:
    found = problems_of(tmp_path, source(**{
        "terms/zeta.yml": ZETA + "related: [nothing]\n",
        "i18n/de/terms/mark-price.yml": DE_MARK.replace("summary:", "sumary:"),
        "i18n/es/terms/mark-prise.yml": DE_MARK,
        "i18n/es/areas/liquidation.yml": "title: Liquidación\n"}))
    assert [line.split(" ", 2)[:2] for line in found] == [
        ["content/i18n/de/terms/mark-price.yml:1:1:", "error[missing-field]"],
        ["content/i18n/de/terms/mark-price.yml:2:1:", "error[unknown-key]"],
        ["content/i18n/es/areas/liquidation.yml:1:1:", "error[missing-field]"],
        ["content/i18n/es/areas/liquidation.yml:1:1:", "error[missing-field]"],
        ["content/i18n/es/terms/mark-prise.yml:1:1:", "error[unknown-source]"],
        ["content/terms/zeta.yml:4:1:", "error[unknown-reference]"],
    ]
    with pytest.raises(ContentError):
        load_glossary(tmp_path / "content", languages=LANGUAGES)


def test_a_translation_of_a_source_with_errors_gets_no_second_error(tmp_path: Path) -> None:
    found = problems_of(tmp_path, source(**{"terms/mark-price.yml": MARK.replace("title: Mark Price", "title: 12"),
                                            "i18n/de/terms/mark-price.yml": DE_MARK}))
    assert [line.split(" ")[1] for line in found] == ["error[wrong-type]"]


def test_names_may_repeat_across_languages(tmp_path: Path) -> None:
    # 'Liquidation' is the area's title in English and German; 'MP' an alias in both languages
    assert problems_of(tmp_path, source(**{"i18n/de/terms/mark-price.yml": DE_MARK,
                                           "i18n/de/areas/liquidation.yml": DE_AREA,
                                           "i18n/es/terms/zeta.yml": "title: Markpreis\nsummary: Z.\n"
                                                                     "source_modified: 2026-01-01T00:00:00Z\n"})) == []


@pytest.mark.parametrize(("tag", "problem"), [
    ("en", ""), ("de", ""), ("pt-BR", ""), ("zh-Hant-TW", ""), ("de-CH-1996", ""), ("EN", ""),
    ("en_US", "'en_US' is not a BCP 47 language tag (subtags are joined with '-'); write 'en-US'"),
    ("xx", "'xx' in 'xx' is not a registered language subtag (IANA's registry has no such language)"),
    ("qaa", "'qaa' does not start with a registered language subtag; write one like 'en', 'de' or 'pt-BR'"),
    ("i-klingon", "'i-klingon' is not a well-formed BCP 47 language tag; write one like 'en', 'de' or 'pt-BR'"),
    ("x-private", "'x-private' is not a well-formed BCP 47 language tag; write one like 'en', 'de' or 'pt-BR'"),
    ("de-", "'de-' is not a well-formed BCP 47 language tag; write one like 'en', 'de' or 'pt-BR'"),
    ("en-QQ1", "'en-QQ1' is not a well-formed BCP 47 language tag; write one like 'en', 'de' or 'pt-BR'"),
    (7, "7 is not a language tag; write one like 'en', 'de' or 'pt-BR'"),
])
def test_language_tags_are_well_formed_bcp47_with_registered_subtags(tag: object, problem: str) -> None:
    assert language_problem(tag) == problem


@pytest.mark.parametrize(("language", "languages", "result"), [
    (None, None, ("en",)),
    ("de", None, ("de",)),
    (None, ["en", "de", "es"], ("en", "de", "es")),
    ("en", ["en", "de"], ("en", "de")),
    ("de", ["en", "de"], "language: 'de' is not the first of languages (en, de); the first language is the source "
                         "language, so set language to it or leave language out."),
    (None, ["en", "de", "DE"], "languages[3]: 'DE' is listed twice (as 'de'); list each language once."),
    (None, ["en", "deu-XYZ1"], "languages[2]: 'deu-XYZ1' is not a well-formed BCP 47 language tag; write one like "
                               "'en', 'de' or 'pt-BR'."),
    (None, [], "languages: the list is empty; name the source language first, like [en, de]."),
    (None, "en, de", "languages: expected a list of language tags such as [en, de, es], found 'en, de'."),
])
def test_the_language_options(language: object, languages: object, result: object) -> None:
    if isinstance(result, tuple):
        assert SiteLanguages.from_options(language, languages).codes == result
    else:
        with pytest.raises(LanguageError) as error:
            SiteLanguages.from_options(language, languages)
        assert str(error.value) == result


def test_a_page_translation_is_found_by_its_language_prefix() -> None:
    languages = ("en", "de", "es")
    assert page_language("de/guides/funding.md", languages) == ("de", "guides/funding.md")
    assert page_language("es/index.md", languages) == ("es", "index.md")
    assert page_language("guides/funding.md", languages) == ("", "guides/funding.md")
    assert page_language("en/guides/funding.md", languages) == ("", "en/guides/funding.md")  # the source language
    assert page_language("fr/guides/funding.md", languages) == ("", "fr/guides/funding.md")  # not a site language
    assert page_language("de.md", languages) == ("", "de.md")


def test_a_translation_linking_outside_the_content_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("site_name: do not show this\n", encoding="utf-8")
    content = write_glossary(tmp_path, source(**{"i18n/de/terms/mark-price.yml": DE_MARK}))
    (content / "i18n/de/site.yml").symlink_to(secret)
    (content / "i18n/de/terms/zeta.yml").symlink_to(secret)
    found = problems_of(tmp_path, {})
    assert found == [
        "content/i18n/de/site.yml:1:1: error[outside-content] is a symbolic link to a file outside the content "
        "folder; content files must be inside it.",
        "content/i18n/de/terms/zeta.yml:1:1: error[outside-content] is a symbolic link to a file outside the content "
        "folder; content files must be inside it."]
