"""What another site needs to embed definitions: the configured script and the name index."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import MINIMAL_AREA, write_glossary
from termsite.content.loader import load_glossary
from termsite.settings import Publisher, SiteSettings
from termsite.site.embed import CONFIG_PLACEHOLDER, embed_config, embed_script, name_index, write_embed_files

FILES = {
    "areas/liquidation.yml": MINIMAL_AREA,
    "terms/margin-call.yml": "title: Margin Call\nsummary: A demand for margin.\nareas: [liquidation]\n"
                             "aliases: [MC]\n",
    "terms/liquidation.yml": "title: Liquidation\nsummary: Closing a position.\nareas: [liquidation]\n"
                             "plurals: false\n",
    "terms/greek.yml": "title: Greek\nsummary: A sensitivity.\nareas: [liquidation]\n",
    "terms/greeks.yml": "title: Greeks\nsummary: All the sensitivities.\nareas: [liquidation]\n",
    "terms/hidden.yml": "title: Hidden Term\nsummary: Linked only by reference.\nareas: [liquidation]\n"
                        "autolink: false\naliases: [secret]\n",
}


def settings(**changes) -> SiteSettings:
    return SiteSettings(site_url="https://g.example/", site_name="Test glossary", publisher=Publisher("P"), **changes)


def test_the_name_index_holds_the_names_auto_linking_finds(tmp_path: Path) -> None:
    glossary = load_glossary(write_glossary(tmp_path, FILES))
    index = name_index(glossary, settings())
    assert index["terms"]["margin-call"] == ["Margin Call", "MC", "Margin Calls"]  # no plural of an abbreviation
    assert index["terms"]["liquidation"] == ["Liquidation"]  # the term opts out of plurals
    assert index["terms"]["greek"] == ["Greek"]  # its plural is another term's name
    assert index["terms"]["hidden"] == ["Hidden Term"] and index["manual"] == ["hidden"]
    assert name_index(glossary, settings(language="fr"))["terms"]["margin-call"] == ["Margin Call", "MC"]


def test_the_script_carries_the_site_s_addresses(tmp_path: Path) -> None:
    script = embed_script(settings(term_prefix="terms/", directory_urls=False))
    assert CONFIG_PLACEHOLDER not in script
    literal = re.search(r'JSON\.parse\(("(?:[^"\\]|\\.)*")\)', script)
    assert literal is not None
    assert json.loads(json.loads(literal.group(1))) == {
        "pages": "terms/{slug}.html", "data": "terms/{slug}.json", "names": "termsite-names.json",
        "site": "Test glossary"}
    assert embed_config(settings())["pages"] == "definition/{slug}/"


def test_the_build_writes_both_files_at_the_site_root(tmp_path: Path) -> None:
    glossary = load_glossary(write_glossary(tmp_path, FILES))
    written = write_embed_files(tmp_path / "site", glossary, settings())
    assert [path.name for path in written] == ["termsite-embed.js", "termsite-names.json"]
    assert json.loads((tmp_path / "site/termsite-names.json").read_text(encoding="utf-8"))["v"] == 1
