"""The HTML to Markdown converter: what it writes, and that termsite renders it back to the same text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termsite.importer.htmlmd import escape_paragraph, html_to_markdown
from termsite.graph.markup import html_to_text, markdown_to_html, markdown_to_text

BASE = "https://learn.example-exchange.test/definition/x/"


@pytest.mark.parametrize(("html", "markdown"), [
    ("<p>A <em>b</em> <strong>c</strong> <i>d</i> <b>e</b></p>", "A *b* **c** *d* **e**"),
    ('<p>See <a href="/definition/y/">y</a>.</p>', "See [y](https://learn.example-exchange.test/definition/y/)."),
    ('<p><a href="javascript:alert(1)">js</a> <a href="#top">top</a></p>', "js top"),
    ("<h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5>", "## Two\n\n### Three\n\n#### Four\n\n#### Five"),
    ("<ul><li>a</li><li>b<ul><li>c</li></ul></li></ul>", "- a\n- b\n    - c"),
    ('<ol start="3"><li>x</li><li>y</li></ol>', "3. x\n4. y"),
    ('<pre><code class="language-python">a = 1\n\nb = 2</code></pre>', "```python\na = 1\n\nb = 2\n```"),
    ("<pre>has ``` inside</pre>", "````\nhas ``` inside\n````"),
    ("<p><code>a`b</code></p>", "``a`b``"),
    ("<blockquote><p>One</p><p>Two</p></blockquote>", "> One\n>\n> Two"),
    ("<p>line<br>break</p>", "line  \nbreak"),
    ("<p>1. not a list</p><p># not a heading</p><p>- not an item</p>",
     "1\\. not a list\n\n\\# not a heading\n\n\\- not an item"),
    ("<p>[[slug]] *stars* snake_case _under_ &amp;copy; &lt;https://x.test&gt;</p>",
     "\\[\\[slug\\]\\] \\*stars\\* snake_case \\_under\\_ &amp;copy; &lt;https://x.test>"),
    ("<div>loose <b>text</b><p>para</p>tail</div>", "loose **text**\n\npara\n\ntail"),
    ("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>x|y</td></tr></table>",
     "| a | b |\n|---|---|\n| 1 | x\\|y |"),
    ('<p><img src="/i.png" alt="A chart"></p>', "![A chart](https://learn.example-exchange.test/i.png)"),
    ("<script>alert(1)</script><style>p{}</style><p>kept</p>", "kept"),
])
def test_conversions(html: str, markdown: str) -> None:
    assert html_to_markdown(html, BASE) == markdown


@pytest.mark.parametrize("html", [
    "<p>Fees &amp; rebates, <em>time-in-force</em> and <a href='/a/'>links</a>.</p><p>Second paragraph.</p>",
    "<ul><li><p>Loose</p><p>item</p></li><li>tight <code>x</code></li></ul>",
    "<h2>Heading</h2><blockquote><p>- quoted dash</p></blockquote><p>2024. A year.</p>",
    "<p>a_b _c_ *d* [e] \\f `g` &lt;h&gt; &amp;i; #j +k !l</p>",
])
def test_rendered_text_is_the_source_text(html: str) -> None:
    assert markdown_to_text(html_to_markdown(html, BASE)) == html_to_text(markdown_to_html(html_to_markdown(html,
                                                                                                            BASE)))
    assert " ".join(markdown_to_text(html_to_markdown(html, BASE)).split()) == " ".join(
        html_to_text(html.replace("</p>", "</p> ").replace("</li>", "</li> ").replace("</h2>", "</h2> ")).split())


# Text as CMS pages hold it: letters, digits, punctuation Markdown cares about, entities-to-be.
TEXT = st.text(alphabet=st.sampled_from(list("ab AZ09.,;:!?-+#*_`[]()<>&|\\/\"'=~éü€")), min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_escaped_text_renders_as_itself(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    assert markdown_to_text(escape_paragraph(expected)) == expected
