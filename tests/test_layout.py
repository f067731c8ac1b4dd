"""The package layout is the pipeline: imports flow one way, and only hosts/ knows an engine.

content → graph → site → hosts; authoring, importer and the checker sit beside the
pipeline. A module importing against the flow (content importing site, the checker
importing the model) or an engine imported outside ``termsite/hosts/`` fails this test,
which names the file, the line and the import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "tools" / "termsite"

# Shared modules at the top of the package: small, and import no stage.
BASE = {"problems", "settings", "workers", "changeset", "project", "__init__"}

# What each part of the package may import, besides itself and the shared modules.
ALLOWED: dict[str, set[str]] = {
    "base": set(),
    "content": set(),
    "graph": {"content"},
    "site": {"content", "graph"},
    "hosts": {"content", "graph", "site"},
    "authoring": {"content", "graph", "site"},
    "importer": {"content", "graph", "authoring"},
    "checker": set(),  # works on any folder of HTML: knows nothing of the glossary model
    "commands": {"content", "graph", "site", "hosts", "authoring", "importer", "checker"},
    "cli": {"commands"},
}
ENGINES = ("mkdocs", "material", "properdocs", "zensical")


def part_of(module: str) -> str:
    """'termsite.graph.links' -> 'graph'; a shared top-level module -> 'base'."""
    parts = module.split(".")
    if len(parts) < 2:
        return "base"
    name = parts[1]
    if name in ("cli", "__main__"):
        return "cli"
    return "base" if name in BASE else name


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (imports inside functions count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    module = module or module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                found.append((node.lineno, ".".join(base + ([node.module] if node.module else []))))
            elif node.module:
                found.append((node.lineno, node.module))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_package_has_the_pipeline_folders() -> None:
    folders = {path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists()}
    assert {"content", "graph", "site", "hosts", "authoring", "importer", "checker", "commands"} <= folders
    assert (PACKAGE / "hosts" / "mkdocs" / "plugin.py").is_file()
    top_level = {path.stem for path in PACKAGE.glob("*.py")}
    entry = {"cli", "__main__"}
    assert top_level <= BASE | entry, f"modules outside the pipeline folders: {sorted(top_level - BASE - entry)}"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_flow_one_way(path: Path) -> None:
    here = part_of(module_name(path))
    allowed = ALLOWED[here] | {here, "base"}
    wrong = [f"{path.relative_to(ROOT)}:{line}: {here} imports {name} ({part_of(name)})"
             for line, name in imports(path) if name.split(".")[0] == "termsite" and part_of(name) not in allowed]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_hosts_import_an_engine(path: Path) -> None:
    if part_of(module_name(path)) == "hosts":
        return
    wrong = [f"{path.relative_to(ROOT)}:{line}: imports {name}"
             for line, name in imports(path) if name.split(".")[0] in ENGINES]
    assert not wrong, "\n".join(wrong)


def test_the_guard_sees_a_backward_import(tmp_path: Path) -> None:
    """The rule itself: a content module importing the site is caught, with its line."""
    probe = tmp_path / "probe.py"
    probe.write_text("import os\n\n\ndef f():\n    from ..site.pages import SiteBuilder\n    import mkdocs\n",
                     encoding="utf-8")
    found = imports(probe, "termsite.content.probe")
    assert found == [(1, "os"), (5, "termsite.site.pages"), (6, "mkdocs")]
    assert part_of("termsite.site.pages") not in ALLOWED[part_of("termsite.content.probe")]
