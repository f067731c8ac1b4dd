"""Output formats: each module has ``render(result, config) -> str``."""

from __future__ import annotations

from types import ModuleType

from . import github, json_format, junit, sarif, text

FORMATS: dict[str, ModuleType] = {
    "text": text,
    "json": json_format,
    "junit": junit,
    "github": github,
    "sarif": sarif,
}
