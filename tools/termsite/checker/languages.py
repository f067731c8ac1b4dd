"""Language tags as pages use them in ``<html lang>``, ``hreflang`` and ``inLanguage``: BCP 47
well-formedness (RFC 5646 section 2.1), with the mistakes that are common on real sites named."""

from __future__ import annotations

import re

# RFC 5646 "langtag" (the grandfathered tags aside): language, extlang, script, region,
# variants, extensions, private use.
_LANGTAG = re.compile(
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"
    r"(?:-[a-z]{4})?"
    r"(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*"
    r"(?:-[\da-wyz](?:-[a-z\d]{2,8})+)*"
    r"(?:-x(?:-[a-z\d]{1,8})+)?"
    r"|x(?:-[a-z\d]{1,8})+",
    re.IGNORECASE,
)

# ISO 639-1: the two-letter language codes (hreflang's language part is usually one of them).
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz
ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik
io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml
mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd
se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi
vo wa wo xh yi yo za zh zu
""".split())


def tag_problem(tag: str, *, allow_x_default: bool = False) -> str | None:
    """Why a language tag is not valid, or None when it is."""
    if allow_x_default and tag.lower() == "x-default":
        return None
    if not tag:
        return "an empty language code"
    if "_" in tag:
        return f"{tag!r} uses '_'; BCP 47 separates subtags with '-' ({tag.replace('_', '-')!r})"
    if not _LANGTAG.fullmatch(tag):
        return f"{tag!r} is not a BCP 47 language tag (such as 'en', 'de-CH' or 'zh-Hant')"
    parts = tag.split("-")
    language = parts[0].lower()
    if len(language) >= 4 and language != "x":
        # well-formed, but the IANA registry has no language subtag of 4 to 8 letters
        return f"{tag!r} is not a BCP 47 language tag (such as 'en', 'de-CH' or 'zh-Hant')"
    if len(language) == 2 and language not in ISO_639_1:
        return f"{tag!r}: {parts[0]!r} is not an ISO 639-1 language code"
    if any(part.upper() == "UK" and len(part) == 2 for part in parts[1:]):
        return f"{tag!r}: the United Kingdom's region code is 'GB' ({tag[:len(parts[0])]}-GB)"
    return None


def primary_language(tag: str) -> str:
    """``"en-US"`` -> ``"en"``: the part two tags must share to name one language."""
    return tag.split("-", 1)[0].split("_", 1)[0].strip().lower()


def address_key(url: str) -> str:
    """One key for the ways a site writes its own address (``http``/``https``, ``www.``, a
    trailing slash): hreflang sets written by hand or by plugins mix them, and a page that
    names itself ``https://x/de`` on ``https://x/de/`` does list itself."""
    from .extract import normalize_url

    normalized = normalize_url(url)
    scheme, _, rest = normalized.partition("://")
    if not rest:
        return normalized
    host, _, path = rest.partition("/")
    return host.removeprefix("www.") + "/" + path.rstrip("/")
