"""English plurals of term names, so that "liquidations" and "margin calls" find their terms.

Only the last word of a name is inflected ("margin call" -> "margin calls", "Stop-Loss
Order" -> "Stop-Loss Orders"), by the regular rules of English spelling and a short list
of irregular nouns that occur in technical glossaries. Names that already read as plurals
("Perpetual Futures", "Option Greeks") and abbreviations ("ADL") get none.

A general inflection library was measured for this: it takes about five seconds to
import and gives "Greekss" for "Greeks", so these few rules are our own.
"""

from __future__ import annotations

import re

_IRREGULAR = {
    "analysis": "analyses", "axis": "axes", "basis": "bases", "child": "children", "crisis": "crises",
    "criterion": "criteria", "datum": "data", "foot": "feet", "half": "halves", "hypothesis": "hypotheses",
    "index": "indices", "knife": "knives", "leaf": "leaves", "life": "lives", "man": "men", "matrix": "matrices",
    "medium": "media", "mouse": "mice", "person": "people", "phenomenon": "phenomena", "self": "selves",
    "shelf": "shelves", "thesis": "theses", "tooth": "teeth", "vertex": "vertices", "wife": "wives",
    "woman": "women",
}
# Irregular plurals whose regular form is also in common use: both are linked.
_BOTH = {"index": "indexes", "matrix": "matrixes", "vertex": "vertexes"}
_O_ES = {"echo", "hero", "potato", "tomato", "veto", "embargo", "torpedo"}
_LAST_WORD_RE = re.compile(r"([A-Za-z]+)$")
_VOWELS = set("aeiou")


def is_abbreviation(name: str) -> bool:
    """ADL, OI, P&L: names whose case carries meaning, matched only as written."""
    letters = [c for c in name if c.isalpha()]
    return len(name) <= 8 and sum(c.isupper() for c in letters) >= 2 and not any(c.islower() for c in letters[1:])


def _plural_word(word: str) -> list[str]:
    lower = word.lower()
    if lower in _IRREGULAR:
        forms = [_IRREGULAR[lower]] + ([_BOTH[lower]] if lower in _BOTH else [])
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            return []  # already a plural ('futures', 'greeks', 'limits')
        forms = [lower + "es"]
    elif lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        forms = [lower[:-1] + "ies"]
    elif lower in _O_ES:
        forms = [lower + "es"]
    else:
        forms = [lower + "s"]
    return [_same_case(word, form) for form in forms]


def _same_case(word: str, form: str) -> str:
    if word.isupper():
        return form.upper()
    if any(c.isupper() for c in word[1:]):  # 'PnL': only a suffix can be added without guessing the case
        return word + form[len(word):] if form.startswith(word.lower()) else ""
    if word[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def plural_forms(name: str) -> list[str]:
    """The plural spellings of a name; [] when it has none (abbreviations, names already plural)."""
    if is_abbreviation(name):
        return []
    match = _LAST_WORD_RE.search(name)
    if not match or len(match.group(1)) < 2 or match.group(1).isupper():
        return []
    stem = name[:match.start(1)]
    return [stem + form for form in _plural_word(match.group(1)) if form and stem + form != name]
