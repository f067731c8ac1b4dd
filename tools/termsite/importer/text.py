"""Plain-text helpers shared by the importers."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? followed by a space and a capital, a digit or an opening quote,
# unless the word before the full stop is an abbreviation or a single letter ('e.g.', 'U.S.').
_END_RE = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9À-ÖØ-Þ])")
_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "cf", "approx", "no", "nr", "dr", "mr", "mrs", "ms", "st", "inc",
                  "ltd", "co", "fig", "z.b", "bzw", "ca", "sog", "usw", "p.ex", "resp"}


def first_sentence(text: str) -> tuple[str, str]:
    """(the first sentence, the rest) of one paragraph of plain text."""
    text = " ".join(text.split())
    for match in _END_RE.finditer(text):
        before = text[:match.start()].rstrip("\"')]")
        word = before.rsplit(" ", 1)[-1].rstrip(".!?").casefold()
        if word in _ABBREVIATIONS or "." in word or len(word) == 1:
            continue
        return text[:match.start()].rstrip(), text[match.end():].strip()
    return text, ""
