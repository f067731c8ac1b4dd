"""Translations of a glossary: content/i18n/<language>/, read as strictly as the source and checked against it.

::

    content/i18n/de/terms/margin-call.yml    the German translation of content/terms/margin-call.yml
    content/i18n/de/areas/risk.yml           ... of content/areas/risk.yml
    content/i18n/de/site.yml                 the site's name, description and labels in German

A translation holds the translated fields only, plus ``source_modified``: the source entry's
``modified`` it was made from. Its slug is the source entry's; its ``[[slug]]`` references name
source slugs; its titles and aliases must be unique among the names readers of that language see
(its own translations, and the source names of the entries not translated yet). Every file is
parsed in the same pass (and the same worker processes) as the source files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from termsite.content.fields import Collector, Invalid, did_you_mean
from termsite.content.labels import label_keys, placeholders, shipped_labels
from termsite.content.loader import (
    ContentLayout,
    _ParsedFile,
    _entry_files,
    _outside_content,
    _references,
    display_path,
)
from termsite.content.model import (
    AREA_TRANSLATION,
    SITE_TRANSLATION,
    TERM_TRANSLATION,
    AreaTranslation,
    Glossary,
    LanguageContent,
    SiteTranslation,
    Term,
    TermTranslation,
)
from termsite.content.yamlsource import read_yaml_file
from termsite.problems import Problem, Severity

TERM_KIND = "term-translation"
AREA_KIND = "area-translation"


def parse_translation_job(job: tuple[Path, str, str]) -> _ParsedFile:
    """One translation file (a job of the loader's parse pass): the translation, its problems and references."""
    path, shown, kind = job
    language = path.parent.parent.name
    record = TERM_TRANSLATION if kind == TERM_KIND else AREA_TRANSLATION
    root, read_problems = read_yaml_file(path, shown)
    if root is None:
        return _ParsedFile(None, read_problems, [])
    out = Collector(shown)
    try:
        values = record.convert(root, "", out)
    except Invalid:
        return _ParsedFile(None, out.problems, [])
    image = values.pop("image", None) or {}
    common = dict(slug=path.stem, language=language, path=shown, image_caption=image.get("caption", ""),
                  positions={key: (k.line, k.column) for key, (k, _) in root.entries.items()})
    entry: TermTranslation | AreaTranslation = (TermTranslation if kind == TERM_KIND else AreaTranslation)(
        **common, **values)
    return _ParsedFile(entry, out.problems, list(_references(entry, root, out)))


class TranslationLoader:
    """Finds the translation files of the site's languages, and checks what was parsed against the source."""

    def __init__(self, layout: ContentLayout, languages: tuple[str, ...], problems: list[Problem]) -> None:
        self.layout = layout
        self.languages = languages
        self.problems = problems

    @property
    def translated(self) -> tuple[str, ...]:
        return self.languages[1:]

    def jobs(self) -> list[tuple[Path, str, str]]:
        """(path, shown path, kind) of every translation file; misplaced files and folders are reported."""
        i18n = self.layout.i18n
        if not i18n.is_dir():
            return []
        jobs: list[tuple[Path, str, str]] = []
        for folder in sorted(i18n.iterdir()):
            if folder.name.startswith("."):
                continue
            if not folder.is_dir():
                self._misplaced(folder, f"{display_path(i18n)}/ holds one folder per language "
                                        f"({', '.join(f'{code}/' for code in self.translated) or 'de/'}); "
                                        "move this file into the folder of its language.")
                continue
            if folder.name not in self.translated:
                self.problems.append(Problem(display_path(folder), 1, 1, "unknown-language",
                                             self._unknown_language(folder.name)))
                continue
            for child in sorted(folder.iterdir()):
                if child.name.startswith(".") or child.name in (self.layout.terms_dir, self.layout.areas_dir) \
                        and child.is_dir() or child.name == "site.yml" and not child.is_dir():
                    continue
                self._misplaced(child, f"a language folder holds {self.layout.terms_dir}/, "
                                       f"{self.layout.areas_dir}/ and site.yml only; move or remove it.")
            for subfolder, kind in ((self.layout.terms_dir, TERM_KIND), (self.layout.areas_dir, AREA_KIND)):
                jobs += [(path, display_path(path), kind)
                         for path in _entry_files(folder / subfolder, self.problems, root=self.layout.root)]
        return jobs

    def _misplaced(self, path: Path, message: str) -> None:
        self.problems.append(Problem(display_path(path), 1, 1, "misplaced-file", message))

    def _unknown_language(self, name: str) -> str:
        listed = ", ".join(self.languages)
        if name == self.languages[0]:
            return (f"'{name}' is the source language (the first of the plugin option `languages`: {listed}); its "
                    f"content is in {self.layout.terms_dir}/ and {self.layout.areas_dir}/, not in a translation "
                    "folder.")
        close = [code for code in self.translated if code.lower() == name.lower()]
        hint = f" (did you mean '{close[0]}'?)" if close else did_you_mean(name, list(self.translated))
        return (f"'{name}' is not one of the site's languages{hint}; add it to the termsite plugin option "
                f"`languages` in mkdocs.yml (now: [{listed}]) or rename the folder.")

    def assemble(self, entries: list[Any], glossary: Glossary, unloaded: tuple[set[str], set[str]],
                 references: list[tuple[Any, str, int, str]]) -> dict[str, LanguageContent]:
        """The translations by language, each checked against the source entries."""
        content = {language: LanguageContent(language) for language in self.translated}
        for entry in entries:
            if isinstance(entry, TermTranslation):
                content[entry.language].terms[entry.slug] = entry
            elif isinstance(entry, AreaTranslation):
                content[entry.language].areas[entry.slug] = entry
        for language, translations in content.items():
            self._check_sources(translations, glossary, unloaded)
            self._check_names(translations, glossary)
            translations.site = self._site(language)
        known = set(glossary.terms) | unloaded[0]
        for entry, slug, line, where in references:
            if slug not in known:
                hint = f" (it was renamed to '{glossary.redirects[slug]}')" if slug in glossary.redirects \
                    else did_you_mean(slug, glossary.terms)
                self.problems.append(Problem(entry.path, line, 1, "unknown-reference",
                                             f"'[[{slug}]]' refers to unknown term '{slug}'{hint}; references in "
                                             "translations name the source term's slug.", where))
        return content

    def _check_sources(self, translations: LanguageContent, glossary: Glossary,
                       unloaded: tuple[set[str], set[str]]) -> None:
        """Every translation translates an entry that exists; an image caption needs an image to caption."""
        kinds: list[tuple[dict[str, Any], dict[str, Any], set[str], str, str]] = [
            (translations.terms, glossary.terms, unloaded[0], "term", self.layout.terms_dir),
            (translations.areas, glossary.areas, unloaded[1], "area", self.layout.areas_dir)]
        for found, sources, broken, kind, folder in kinds:
            for slug in sorted(found):
                translation = found[slug]
                if slug in broken:
                    continue  # the source file has errors of its own
                source = sources.get(slug)
                if source is None:
                    del found[slug]
                    renamed = glossary.redirects.get(slug) if kind == "term" else None
                    hint = f"; it was renamed to '{renamed}', so rename this file to {renamed}.yml" if renamed \
                        else did_you_mean(slug, sources)
                    self.problems.append(Problem(
                        translation.path, 1, 1, "unknown-source",
                        f"there is no {kind} '{slug}' in {display_path(self.layout.root / folder)}/{hint}; a "
                        f"translation's file name is the slug of the {kind} it translates."))
                elif translation.image_caption and source.image is None:
                    line, column = translation.positions.get("image", (1, 1))
                    self.problems.append(Problem(
                        translation.path, line, column, "no-source-image",
                        f"the source {kind} ({source.path}) has no image, so this caption is not shown; remove it "
                        "or add the image to the source.", "image", Severity.WARNING))

    def _check_names(self, translations: LanguageContent, glossary: Glossary) -> None:
        """Titles and aliases unique among what readers of the language see, case-insensitively.

        Those are the translations' names and the source names of the entries not translated
        yet; a clash between two source names was reported at the source already.
        """
        language = translations.language
        seen: dict[str, tuple[str, str, TermTranslation | Term]] = {}  # folded name -> (slug, field, owner)
        for term in glossary.sorted_terms():
            owner: Term | TermTranslation = translations.terms.get(term.slug) or term
            for key, name in [("title", owner.title)] + [("aliases", alias) for alias in owner.aliases]:
                folded = name.casefold()
                if folded not in seen:
                    seen[folded] = (term.slug, key, owner)
                    continue
                other_slug, other_key, other = seen[folded]
                if isinstance(owner, TermTranslation):
                    if other_slug == term.slug:
                        message = f"'{name}' is both the title and an alias; keep it as the title."
                    else:
                        untranslated = "" if isinstance(other, TermTranslation) else \
                            f", which has no {language} translation yet"
                        message = (f"'{name}' is already the {'title' if other_key == 'title' else 'alias'} of "
                                   f"'{other_slug}' in {language} ({other.path}){untranslated}; names must be unique "
                                   "in a language so that its links and search are unambiguous.")
                    self._at(owner, key, "duplicate-name", message)
                elif isinstance(other, TermTranslation):
                    self._at(other, other_key, "duplicate-name",
                             f"'{name}' is already the {'title' if key == 'title' else 'alias'} of '{term.slug}' "
                             f"({term.path}), which has no {language} translation yet; names must be unique in a "
                             "language so that its links and search are unambiguous.")
        titles: dict[str, tuple[str, AreaTranslation | Any]] = {}
        for area in glossary.sorted_areas():
            owner_area: Any = translations.areas.get(area.slug) or area
            folded = owner_area.title.casefold()
            if folded not in titles:
                titles[folded] = (area.slug, owner_area)
                continue
            other_slug, other_area = titles[folded]
            if isinstance(owner_area, AreaTranslation):
                self._at(owner_area, "title", "duplicate-name",
                         f"'{owner_area.title}' is already the title of area '{other_slug}' in {language} "
                         f"({other_area.path}).")
            elif isinstance(other_area, AreaTranslation):
                self._at(other_area, "title", "duplicate-name",
                         f"'{other_area.title}' is already the title of area '{area.slug}' ({area.path}), which "
                         f"has no {language} translation yet.")

    def _at(self, entry: Any, key: str, code: str, message: str) -> None:
        line, column = entry.positions.get(key, (1, 1))
        self.problems.append(Problem(entry.path, line, column, code, message, key))

    def _site(self, language: str) -> SiteTranslation | None:
        path = self.layout.site_translation(language)
        if not path.is_file():
            return None
        shown = display_path(path)
        outside = _outside_content(path, self.layout.root)
        if outside:
            self.problems.append(outside)
            return None
        root, read_problems = read_yaml_file(path, shown)
        self.problems.extend(read_problems)
        if root is None:
            return None
        out = Collector(shown)
        try:
            values = SITE_TRANSLATION.convert(root, "", out)
        except Invalid:
            values = None
        labels_node = root.entries.get("labels", (None, None))[1] if root.kind == "mapping" else None
        if labels_node is not None and labels_node.kind == "mapping":
            english = shipped_labels("en")
            for key, (_, node) in labels_node.entries.items():
                if key in english and node.kind == "scalar":
                    expected, found = placeholders(english[key]), placeholders(node.text)
                    if expected != found:
                        out.error(node, f"labels.{key}", "label-placeholders", _placeholder_message(expected, found))
        self.problems.extend(out.problems)
        if values is None or any(p.is_error for p in out.problems):
            return None
        labels = values.get("labels") or {}
        return SiteTranslation(language=language, path=shown, site_name=values.get("site_name", ""),
                               site_description=values.get("site_description", ""), labels=dict(labels),
                               positions={key: (k.line, k.column) for key, (k, _) in root.entries.items()})


def _placeholder_message(expected: set[str], found: set[str]) -> str:
    def listed(names: Iterable[str]) -> str:
        return ", ".join("{" + name + "}" for name in sorted(names))

    parts = []
    if expected - found:
        parts.append(f"leaves out {listed(expected - found)}")
    if found - expected:
        parts.append(f"has {listed(found - expected)}, which termsite does not fill in")
    keep = f"keep exactly {listed(expected)}" if expected else "write it without {placeholders}"
    return f"the label {' and '.join(parts)}; {keep}, as in the English label (the words around them are yours)."


def untranslated_labels(glossary: Glossary, language: str) -> list[str]:
    """Label keys that would show in English on the pages of ``language``."""
    own = dict(shipped_labels(language))
    content = glossary.translations.get(language)
    if content is not None and content.site is not None:
        own.update(content.site.labels)
    return [key for key in label_keys() if key not in own]

