"""The page's `inLanguage` disagrees with its `<html lang>`.

`inLanguage` on the page's own structured data (its WebPage, Article, DefinedTerm, ...)
and the `lang` attribute of `<html>` both say what language the page is in; a translated
page that kept its source's `inLanguage` gives search engines two answers. Compared: the
`inLanguage` text of the top-level nodes (not of nodes describing other things, such as
the source a translation links with `translationOfWork`), by primary language (`en-US`
agrees with `en`). A page without `<html lang>` is not checked. A warning: which of the
two is right is for the author to say.

Source: https://schema.org/inLanguage and
https://html.spec.whatwg.org/multipage/dom.html#the-lang-and-xml:lang-attributes

Failing example:

```html
<html lang="de"> ...
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Article",
 "headline": "Margin-Call", "inLanguage": "en"}</script>
```

Passing example: the same page with `"inLanguage": "de"`.
"""

from __future__ import annotations

from typing import Iterator

from ..extract import PageDocument
from ..languages import primary_language
from ..model import Finding, Scope, Severity
from ._shared import string_value

ID = "in-language-mismatch"
SEVERITY = Severity.WARNING
SCOPE = Scope.PAGE
TAGS = frozenset({"core"})


def check(page: PageDocument, config: object) -> Iterator[Finding]:
    if not any("inLanguage" in node.data for node in page.nodes if node.top_level):
        return
    lang = page.language
    if not lang or not lang.strip():
        return
    for node in page.nodes:
        if not node.top_level or not node.schema_vocab:
            continue
        value = node.data.get("inLanguage")
        text = string_value(value)
        if text and text.strip() and primary_language(text) != primary_language(lang):
            yield node.at(f"inLanguage {text!r} but the page's <html lang> is {lang!r}", "inLanguage")
