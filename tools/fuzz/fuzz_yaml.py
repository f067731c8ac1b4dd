"""atheris fuzz target: the strict YAML reader and the record conversion of content files.

Any input must end as a tree plus a record, or as reported problems: ``parse_yaml_bytes``
never raises, a record's ``convert`` raises only ``Invalid`` (after collecting a problem),
and the Markdown of a valid entry renders. Anything else is a crash worth fixing.

Run (see docs/security.md):  tools/fuzz/run.sh yaml 600
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["termsite"]):
    from termsite.content.fields import Collector, Invalid
    from termsite.graph.markup import markdown_to_html
    from termsite.content.model import AREA, AUTHORS, REDIRECTS, TERM
    from termsite.content.yamlsource import parse_yaml_bytes

# The first byte picks the file kind, so that one corpus exercises every record.
KINDS = (TERM, AREA, AUTHORS, REDIRECTS)


def _markdown_of(value: dict) -> list[str]:
    """The Markdown fields of a converted term or area (a dict: those records have no build step)."""
    texts = [value.get("body", ""), value.get("intro", "")]
    texts += [faq.answer for faq in value.get("faq", [])]
    return [text for text in texts if text]


def test_one_input(data: bytes) -> None:
    if not data:
        return
    record = KINDS[data[0] % len(KINDS)]
    root, problems = parse_yaml_bytes(data[1:], "fuzz.yml")
    if root is None:
        assert problems, "a file refused without a problem"
        return
    assert not problems
    out = Collector("fuzz.yml")
    try:
        value = record.convert(root, "", out)
    except Invalid:
        assert out.problems, "a conversion failed without a problem"
        return
    if record in (TERM, AREA):
        for text in _markdown_of(value):
            markdown_to_html(text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
