"""The words of the generated pages ("Home", "Also known as:"), as termsite ships them per language.

``termsite/site/labels/<lang>.yml`` holds one file per shipped language, each with the keys
of ``en.yml``; a site overrides any of them per language in ``content/i18n/<lang>/site.yml``.
They are data, read here with the strict YAML reader, so that the content layer can check a
site's overrides (the keys, and the ``{placeholders}`` each value must keep) and the site
layer can use them, without either importing the other.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from termsite.content.yamlsource import read_yaml_file

LABELS_DIR = Path(__file__).resolve().parent.parent / "site" / "labels"
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


def placeholders(text: str) -> set[str]:
    """The {names} termsite fills into a label."""
    return set(_PLACEHOLDER_RE.findall(text))


@functools.lru_cache(maxsize=None)
def shipped_labels(language: str) -> dict[str, str]:
    """The labels termsite ships for a language ({} when it ships none): key -> text.

    A language with a region or script ('pt-BR') falls back to its primary language's file ('pt').
    """
    for name in dict.fromkeys([language.lower(), language.split("-", 1)[0].lower()]):
        path = LABELS_DIR / f"{name}.yml"
        if name and path.is_file():
            root, problems = read_yaml_file(path, str(path))
            if root is None or root.kind != "mapping":
                raise RuntimeError(f"termsite's label file {path} does not load: "
                                   + "; ".join(p.format() for p in problems))
            return {key: value.text for key, (_, value) in root.entries.items()}
    return {}


def label_keys() -> tuple[str, ...]:
    """Every label key, in the order of the English file (the reference all others follow)."""
    return tuple(shipped_labels("en"))


def shipped_languages() -> tuple[str, ...]:
    """The languages termsite ships labels for."""
    return tuple(sorted(path.stem for path in LABELS_DIR.glob("*.yml")))
