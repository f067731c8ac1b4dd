"""Slugs from titles: the file name (and URL) of an entry, derived the way contributors expect."""

from __future__ import annotations

import re

from unidecode import unidecode

from termsite.content.fields import SLUG_RE

MAX_SLUG_LENGTH = 80  # long enough for any real title; keeps URLs and file names readable

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """'Liquidation Cascade' -> 'liquidation-cascade'; 'Größe' -> 'grosse'; '' when nothing is left.

    Non-Latin letters are transliterated (unidecode), so every title has an ASCII slug
    that works as a file name on every system and as a URL without escaping.
    """
    ascii_text = unidecode(title).lower().replace("'", "")  # "trader's" -> "traders", not "trader-s"
    slug = _NON_ALNUM.sub("-", ascii_text).strip("-")
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0] or slug[:MAX_SLUG_LENGTH]
    return slug if SLUG_RE.match(slug) else ""
