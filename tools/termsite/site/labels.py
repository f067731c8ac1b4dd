"""The words of the generated pages, per language.

termsite ships a file of labels for each of its languages (``labels/<lang>.yml``, English
the reference); a site overrides any of them per language (in ``mkdocs.yml`` or a
translation's ``site.yml``). A language termsite does not ship falls back to English
label by label, so a page is never missing a word, only untranslated ones.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

from markupsafe import Markup, escape

from termsite.content.labels import placeholders, shipped_labels, shipped_languages
from termsite.settings import Labels, SiteSettings

REFERENCE_LANGUAGE = "en"


# One reader of the label files, in the content layer, which checks a site's overrides against them.
shipped = shipped_labels


class LabelSet(Mapping[str, str]):
    """The labels of one language: shipped, overridden by the site, English where neither has one."""

    def __init__(self, language: str, overrides: Mapping[str, str] | None = None) -> None:
        self.language = language
        reference = shipped(REFERENCE_LANGUAGE)
        self._labels = {**reference, **shipped(language), **{k: v for k, v in (overrides or {}).items() if v}}

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __getattr__(self, key: str) -> str:
        try:
            return self._labels[key]
        except KeyError:
            raise AttributeError(key) from None

    def format(self, key: str, **values: object) -> str:
        """A label with its {placeholders} filled: ``labels.format("page_number", number=2)``."""
        return self._labels[key].format(**values)

    def count(self, count: int, noun: str = "term_count") -> str:
        """'1 term', '3 terms': the language's singular or plural form."""
        return self.format(f"{noun}_{'one' if count == 1 else 'other'}", count=count)

    def markup(self, key: str, **values: object) -> Markup:
        """A label as HTML with its {placeholders} filled: the label's words escaped, values inserted as they
        are when they are markup already (a link), escaped otherwise."""
        return escape(self._labels[key]).format(**values)


@lru_cache(maxsize=64)
def _label_set(language: str, overrides: tuple[tuple[str, str], ...]) -> LabelSet:
    return LabelSet(language, dict(overrides))


def labels_of(settings: SiteSettings) -> LabelSet:
    """The words of the pages built with ``settings``: their language's, with the site's overrides.

    The source language's overrides are also the ``labels`` option's (mkdocs.yml), where it
    differs from the defaults; a translated language's come from its site.yml.
    """
    overrides = dict(settings.label_overrides)
    if not settings.is_translation:
        defaults = Labels()
        overrides = {**{name: value for name in Labels.__dataclass_fields__
                        if (value := getattr(settings.labels, name)) != getattr(defaults, name)}, **overrides}
    return _label_set(settings.language, tuple(sorted(overrides.items())))
