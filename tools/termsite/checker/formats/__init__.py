"""Output formats: each module has ``render(result, config) -> str``.

The registry imports a format's module when it is first used, so that a run loads only the
format it prints (``termsite check one.html`` starts faster).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType


class _FormatRegistry(Mapping[str, ModuleType]):
    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules

    def __getitem__(self, name: str) -> ModuleType:
        return importlib.import_module(self._modules[name])

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __len__(self) -> int:
        return len(self._modules)


FORMATS: Mapping[str, ModuleType] = _FormatRegistry({
    "text": f"{__name__}.text",
    "json": f"{__name__}.json_format",
    "junit": f"{__name__}.junit",
    "github": f"{__name__}.github",
    "sarif": f"{__name__}.sarif",
})
