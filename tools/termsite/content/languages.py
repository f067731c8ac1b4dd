"""The languages of a site: BCP 47 tags, checked, and where translations and page translations live.

A site names its languages with the plugin option ``languages: [en, de, es]``; the first is
the source language, whose content stays in ``terms/`` and ``areas/``. A tag must be
well-formed by the syntax of BCP 47 (RFC 5646: ``de``, ``pt-BR``, ``zh-Hant-TW``; private-use
and grandfathered forms such as ``x-klingon`` or ``i-klingon`` are refused, since they name
no language a reader or a search engine knows) and every subtag must be in IANA's language
subtag registry. The registry (some 9,000 languages, scripts and regions, updated several
times a year) is what ``langcodes`` ships and keeps current; a regex alone cannot tell ``de``
from ``dx``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from termsite.problems import Problem

if TYPE_CHECKING:
    from termsite.project import ProjectConfig

# RFC 5646's 'langtag' production (without the extlang-heavy corner cases, which the registry
# check below still judges): language, script, region, variants, extensions, private use.
_LANGTAG_RE = re.compile(
    r"^(?P<language>[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-(?P<script>[A-Za-z]{4}))?"
    r"(?:-(?P<region>[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?$"
)

DEFAULT_LANGUAGE = "en"


class LanguageError(ValueError):
    """A language option that cannot be used; the message is a sentence naming the option."""


def language_problem(tag: object) -> str:
    """Why ``tag`` is not a usable BCP 47 language tag, as the end of a sentence; '' when it is."""
    import langcodes

    if not isinstance(tag, str) or not tag.strip():
        return f"{tag!r} is not a language tag; write one like 'en', 'de' or 'pt-BR'"
    if "_" in tag:
        return f"'{tag}' is not a BCP 47 language tag (subtags are joined with '-'); write '{tag.replace('_', '-')}'"
    match = _LANGTAG_RE.match(tag)
    if not match:
        return f"'{tag}' is not a well-formed BCP 47 language tag; write one like 'en', 'de' or 'pt-BR'"
    primary = match.group("language").split("-")[0].lower()
    if len(primary) > 3 or primary.startswith("q") and "qaa" <= primary <= "qtz":
        return f"'{tag}' does not start with a registered language subtag; write one like 'en', 'de' or 'pt-BR'"
    if not langcodes.tag_is_valid(tag):
        if not langcodes.tag_is_valid(primary):
            return f"'{primary}' in '{tag}' is not a registered language subtag (IANA's registry has no such language)"
        return f"'{tag}' has a subtag that is not in IANA's language subtag registry"
    return ""


def primary_subtag(tag: str) -> str:
    """'pt-BR' -> 'pt': the language without script, region or variants, lowercase."""
    return tag.split("-", 1)[0].lower()


@dataclass(frozen=True)
class SiteLanguages:
    """The site's languages, the source language first."""

    codes: tuple[str, ...]

    @property
    def source(self) -> str:
        return self.codes[0]

    @property
    def translated(self) -> tuple[str, ...]:
        """The languages translations are written in: all but the source."""
        return self.codes[1:]

    @staticmethod
    def from_options(language: Any = None, languages: Any = None) -> SiteLanguages:
        """The languages of the plugin options ``language`` and ``languages``; LanguageError when unusable.

        Without ``languages`` the site has one language, ``language`` (default 'en'). With both,
        ``language`` must be the first of ``languages``: it is the source language.
        """
        if languages is None:
            code = DEFAULT_LANGUAGE if language is None else language
            problem = language_problem(code)
            if problem:
                raise LanguageError(f"language: {problem}.")
            return SiteLanguages((code,))
        if isinstance(languages, str) or not isinstance(languages, (list, tuple)):
            raise LanguageError(f"languages: expected a list of language tags such as [en, de, es], found "
                                f"{languages!r}.")
        if not languages:
            raise LanguageError("languages: the list is empty; name the source language first, like [en, de].")
        seen: dict[str, str] = {}
        for index, code in enumerate(languages, start=1):
            problem = language_problem(code)
            if problem:
                raise LanguageError(f"languages[{index}]: {problem}.")
            folded = code.lower()
            if folded in seen:
                raise LanguageError(f"languages[{index}]: '{code}' is listed twice (as '{seen[folded]}'); list each "
                                    "language once.")
            seen[folded] = code
        if language is not None:
            problem = language_problem(language)
            if problem:
                raise LanguageError(f"language: {problem}.")
            if language != languages[0]:
                raise LanguageError(f"language: '{language}' is not the first of languages ({', '.join(languages)}); "
                                    "the first language is the source language, so set language to it or leave "
                                    "language out.")
        return SiteLanguages(tuple(languages))


def page_language(source: str, languages: Sequence[str]) -> tuple[str, str]:
    """The language of a hand-written page and the page it translates, from its path inside docs_dir.

    ``de/guides/funding.md`` is the German translation of ``guides/funding.md`` when ``de`` is
    one of the site's languages other than the first: ('de', 'guides/funding.md'). Any other
    page is in the source language: ('', source).
    """
    first, _, rest = source.partition("/")
    if rest and first in tuple(languages)[1:]:
        return first, rest
    return "", source


def project_languages(project: ProjectConfig) -> tuple[SiteLanguages, list[Problem]]:
    """The languages mkdocs.yml gives the termsite plugin, for the commands that run without MkDocs.

    When the options cannot be used, the site is taken to have only its source language, and
    the problem (at the option's line in mkdocs.yml) says what to change.
    """
    try:
        return SiteLanguages.from_options(project.options.get("language"), project.options.get("languages")), []
    except LanguageError as error:
        where, _, message = str(error).partition(": ")
        line, column = project.option_position(where.split("[")[0])
        fallback = project.source_language if not language_problem(project.source_language) else DEFAULT_LANGUAGE
        return SiteLanguages((fallback,)), [Problem(project.config_file, line, column, "bad-language", message,
                                                    f"plugins.termsite.{where}")]
