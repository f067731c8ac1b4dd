"""axe-core, the accessibility rules engine, run inside each kind of page of the example site.

Serious and critical findings fail the test; every finding is printed with its count, so
that the moderate and minor ones stay visible in the test output (pytest -s or -rA).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from .conftest import AXE, ExampleSite, Session

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5), count: v.nodes.length,
  }));
}"""


def _pages(site: ExampleSite) -> dict[str, str]:
    glossary = site.glossary
    area = max(glossary.area_members, key=lambda s: (len(glossary.area_members[s]), s))
    # the term page with the most parts: FAQ, sources, related terms and backlinks
    term = max(glossary.terms.values(), key=lambda t: (bool(t.faq), len(t.sources), len(t.related), t.slug))
    return {"home": "", "area index": "area/", "area": f"area/{area}/", "term": f"definition/{term.slug}/",
            "A–Z index": "definition/"}


def _violations(session: Session, path: str) -> list[dict[str, Any]]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci in tests/browser)")
    page = session.open(path)
    # Collapsed <details> (the relationship map's list) are checked open: axe skips hidden content.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)


@pytest.mark.parametrize("kind", ["home", "area index", "area", "term", "A–Z index"])
def test_no_serious_or_critical_accessibility_violations(desktop: Session, example_site: ExampleSite,
                                                          kind: str) -> None:
    path = _pages(example_site)[kind]
    violations = _violations(desktop, path)
    counts = Counter({impact: 0 for impact in ("critical", "serious", "moderate", "minor")})
    for violation in violations:
        counts[violation["impact"]] += violation["count"]
    print(f"\naxe on the {kind} page (/{path}): " + ", ".join(f"{n} {impact}" for impact, n in counts.items()))
    for violation in violations:
        print(f"  {violation['impact']}: {violation['id']} x{violation['count']} ({violation['help']}) "
              f"{violation['targets']}")
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert blocking == []
    desktop.assert_clean()
